"""A PDF page's words, lines and columns, and the running furniture dropped across pages.

Characters become words (with font size and weight, which headings are told by), words become
physical lines, and a band of lines set in two columns is read column by column. Only what block
assembly needs is kept of each line, so a long PDF's lines cost little memory.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter

import regex

from extractor.readers.pdf.engine import Char, Rule
from schemas import Span

# Characters PDF producers use that plain text does not: ligatures, soft hyphens, odd spaces.
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_INVISIBLE_RE = regex.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\p{Cc}]")
_BOLD_RE = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
_BULLETS = frozenset("•▪◦●‣○■□–-·\u2043\uf0b7")
_CID_RE = regex.compile(r"^\(cid:\d+\)$")  # a glyph without a Unicode mapping: a bullet when it opens a line
_BULLET_PREFIXES = frozenset("•▪◦●‣■\uf0b7")  # glyphs also met glued to the item's first word
_PAGE_NUMBER_RE = regex.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", regex.I
)
_COPYRIGHT_RE = regex.compile(r"^©.*\b(?:HMICFRS|HMIC|crown\s+copyright)\b", regex.IGNORECASE)

MARGIN_ZONE = 0.075  # share of the page height at top and bottom where running text lives
GAP_EMS = 1.5  # a horizontal gap wider than this many font sizes separates cells or columns


@dataclass(slots=True)
class Word:
    """One word as set on the page, with its box, font size and weight."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line:
    """One line of a page in reading order, or one row of a ruled table; words are not kept.

    Only what block assembly needs is kept, so a long PDF's lines cost little memory.
    """

    page: int
    number: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the commonest font size of its words
    bold: bool  # most of its letters are bold
    first_width: float  # width of its first word (does it fit at the end of the line before?)
    right: float = 0.0  # right edge of the column the line sits in
    bullet: bool = False  # it opened with a bullet glyph (dropped from ``text``)
    cells: list[str] | None = None
    segments: list[str] = field(default_factory=list)

    @property
    def span(self) -> Span:
        """Where the line is: its page, its line number on the page and its box."""
        bbox = rounded_bbox(self.x0, self.top, self.x1, self.bottom)
        return Span(page=self.page, line=self.number, bbox=bbox)


def rounded_bbox(x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
    """A box as a span carries it: points rounded to two decimals."""
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def make_line(page: int, words: list[Word], right: float, cells: list[str] | None = None) -> Line:
    """Summarise a line's words (sorted left to right); a leading bullet glyph is noted and dropped."""
    bullet = False
    first = words[0].text
    if cells is None and len(words) > 1 and (first in _BULLETS or _CID_RE.match(first)):
        bullet, words = True, words[1:]
    elif cells is None and len(first) > 1 and first[0] in _BULLET_PREFIXES:
        bullet = True
        head = words[0]
        words = [Word(first[1:], head.x0, head.x1, head.top, head.bottom, head.size, head.bold), *words[1:]]
    sizes = Counter(round(w.size * 2) / 2 for w in words)
    letters = sum(len(w.text) for w in words)
    return Line(
        page=page,
        number=0,
        text=" ".join(w.text for w in words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=sizes.most_common(1)[0][0],
        bold=sum(len(w.text) for w in words if w.bold) * 2 > letters,
        first_width=words[0].x1 - words[0].x0,
        right=right,
        bullet=bullet,
        cells=cells,
        segments=_segments(words) if cells is None else [],  # kept only for lines split by wide gaps
    )


@dataclass
class Page:
    """A laid-out page: its size and its lines in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]


# -- characters to words ------------------------------------------------------------------------


def clean(text: str) -> str:
    """NFC, ligatures spelt out, soft hyphens and zero-width characters gone."""
    if text.isascii() and text.isprintable():  # most words: nothing to normalise
        return text
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text.translate(_LIGATURES)))


def page_rules(boxes: Iterable[Rule]) -> list[Rule]:
    """Thin lines and rectangles as rules: (x0, top, x1, bottom) with one side under 2 points."""
    return [
        box
        for box in boxes
        if min(box[2] - box[0], box[3] - box[1]) <= 2.0 and max(box[2] - box[0], box[3] - box[1]) >= 8.0
    ]


def page_words(chars: list[Char]) -> list[Word]:
    """Characters to words: one pass over them sorted by line, split at spaces and gaps.

    The same grouping as pdfplumber's ``extract_words`` (3-point tolerances), done in one pass
    that also keeps each word's font size and weight, which headings are told by.
    """
    ordered = sorted(chars, key=itemgetter(0))
    bold_fonts: dict[str, bool] = {}
    words: list[Word] = []
    line: list[Char] = []
    line_top = -1e9
    for char in [*ordered, None]:
        if char is not None and char[0] - line_top <= 3.0:
            line.append(char)
            continue
        line.sort(key=itemgetter(1))
        text: list[str] = []
        first: Char | None = None
        last_x1 = 0.0
        last: Char = line[0] if line else (0.0, 0.0, 0.0, 0.0, "", 0.0, "")
        bold = False
        for c in line:
            font = c[6]
            is_bold = bold_fonts.get(font)
            if is_bold is None:
                is_bold = bold_fonts[font] = _BOLD_RE.search(font) is not None
            space = c[4].isspace()
            if first is not None and (space or c[1] - last_x1 > 3.0 or is_bold != bold):
                words.append(_word(text, first, last, bold))
                first = None
            if space:
                continue
            if first is None:
                first, text, bold = c, [], is_bold
            text.append(c[4])
            last, last_x1 = c, c[2]
        if first is not None:
            words.append(_word(text, first, last, bold))
        if char is not None:
            line, line_top = [char], char[0]
    return words


def _word(text: list[str], first: Char, last: Char, bold: bool) -> Word:
    """A word from its characters' texts and its first and last character."""
    return Word(
        clean("".join(text)),
        float(first[1]),
        float(last[2]),
        float(min(first[0], last[0])),
        float(max(first[3], last[3])),
        float(first[5]),
        bold,
    )


# -- words to lines and columns -----------------------------------------------------------------


def physical_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical position, each sorted left to right."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows:
            last = rows[-1]
            top = last[0].top  # words come by top, so a row's first word is its highest
            if abs(word.top - top) <= max(2.0, 0.3 * word.size):
                last.append(word)
                continue
        rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _wide_gap(left: Word, right: Word) -> bool:
    """True when the gap between two neighbouring words separates cells or columns."""
    return right.x0 - left.x1 > GAP_EMS * max(left.size, right.size, 6.0)


def _gaps(words: list[Word]) -> list[tuple[float, float]]:
    """Horizontal gaps wide enough to separate cells or columns."""
    return [(a.x1, b.x0) for a, b in pairwise(words) if _wide_gap(a, b)]


def _segments(words: list[Word]) -> list[str]:
    """The texts of a line's parts separated by wide gaps (one part for ordinary lines)."""
    parts: list[list[str]] = [[]]
    for prev, word in zip([None, *words], words, strict=False):
        if prev is not None and _wide_gap(prev, word):
            parts.append([])
        parts[-1].append(word.text)
    return [" ".join(p) for p in parts] if len(parts) > 1 else []


@dataclass
class Band:
    """Consecutive lines of a page read as one run.

    ``gutter`` is the x of the gap between two columns when the band is set in two columns
    (read left column first, then right), and None for a band read line by line.
    """

    rows: list[list[Word]]
    gutter: float | None = None

    def lines(self, width: float) -> list[tuple[list[Word], float]]:
        """The band's lines in reading order, with the right edge of their column."""
        if self.gutter is None:
            edge = max((w.x1 for row in self.rows for w in row), default=width)
            return [(row, edge) for row in self.rows]
        gutter = self.gutter
        left = [r for r in ([w for w in row if w.x1 <= gutter] for row in self.rows) if r]
        right = [r for r in ([w for w in row if w.x0 >= gutter] for row in self.rows) if r]
        left_edge = max((w.x1 for row in left for w in row), default=gutter)
        right_edge = max((w.x1 for row in right for w in row), default=width)
        return [(r, left_edge) for r in left] + [(r, right_edge) for r in right]


def column_bands(rows: list[list[Word]], width: float) -> list[Band]:
    """Split the page's lines into bands, each one column or two around a shared gutter.

    The gutter is the median of the wide gaps near the page's middle; consecutive lines that
    do not cross it form a band, which is two columns when text sits on both sides of it.
    """
    if not rows:
        return []
    centres = [(a + b) / 2 for row in rows for a, b in _gaps(row) if 0.3 * width < (a + b) / 2 < 0.7 * width]
    if len(centres) < 3:
        return [Band(rows)]
    gutter = sorted(centres)[len(centres) // 2]
    runs: list[list[list[Word]]] = []
    current: list[list[Word]] = []
    split = False
    for row in rows:
        crosses = any(w.x0 < gutter < w.x1 for w in row)
        if (not crosses) == split and current:
            current.append(row)
            continue
        if current:
            runs.append(current)
        current, split = [row], not crosses
    runs.append(current)
    return [Band(run, gutter if _two_columns(run, gutter, width) else None) for run in runs]


def _two_columns(run: list[list[Word]], gutter: float, width: float) -> bool:
    """A run is two columns only if text sits on both sides (not a contents page's page numbers)."""
    right_text = [sum(w.x1 - w.x0 for w in row if w.x0 > gutter) for row in run]
    both = sum(1 for row, r in zip(run, right_text, strict=True) if r > 0 and any(w.x1 < gutter for w in row))
    return len(run) >= 3 and both >= 3 and sum(right_text) / max(both, 1) > 0.2 * width


# -- across pages -------------------------------------------------------------------------------


def text_sizes(lines: Iterable[Line]) -> Counter[float]:
    """How many characters are set in each font size."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes


def body_size(sizes: Counter[float]) -> float:
    """The body font: the size most text is set in (10 points when there is no text)."""
    return sizes.most_common(1)[0][0] if sizes else 10.0


def drop_furniture(pages: list[Page]) -> list[Line]:
    """All pages' lines without running headers, footers and page numbers.

    Running text sits in the top or bottom margin, is no bigger than the body font, and repeats
    (digits aside) on many pages; page numbers and the inspectorate's copyright line there go
    even when they do not repeat.
    """
    body = body_size(text_sizes(line for page in pages for line in page.lines))

    def key(line: Line, page: Page) -> tuple[str, bool] | None:
        top_zone = line.top < MARGIN_ZONE * page.height
        if line.size > body + 0.75 or not (top_zone or line.bottom > (1 - MARGIN_ZONE) * page.height):
            return None
        return regex.sub(r"\d+", "#", line.text.lower()), top_zone

    seen: Counter[tuple[str, bool]] = Counter()
    for page in pages:
        seen.update({k for line in page.lines if (k := key(line, page)) is not None})
    needed = max(2, round(0.4 * len(pages)))
    kept: list[Line] = []
    for page in pages:
        for line in page.lines:
            k = key(line, page)
            if k is not None and (
                seen[k] >= needed or _PAGE_NUMBER_RE.match(line.text) or _COPYRIGHT_RE.match(line.text)
            ):
                continue
            kept.append(line)
    return kept
