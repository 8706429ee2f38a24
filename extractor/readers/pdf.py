"""PDF reader: pdfplumber words and rules to blocks, in reading order, with page, line and bbox.

One pass over the pages collects each page's lines (words grouped by position, two-column
bands read column by column, ruled tables rebuilt into rows of cells) and closes the page,
so memory stays flat as the page count grows. A second pass over the lines, which are
small, drops running headers and footers (text repeated at the same place across pages,
page numbers, "© HMICFRS"), tells headings from body text by font size and weight against
the document's own body font, and rebuilds paragraphs, list items and captions, joining
paragraphs across page and column breaks and undoing end-of-line hyphenation where the
joined word occurs elsewhere in the document. The reader knows nothing of grades or areas.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from typing import Any

import pdfplumber
import regex

from extractor.errors import CorruptPdf, EncryptedPdf, NoTextLayer
from extractor.model import Block, BlockKind, Document
from extractor.vocab.words import stems
from schemas import InputFormat, Span

logger = logging.getLogger(__name__)

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
_CAPTION_RE = regex.compile(r"^(?:figure|chart|table)\s+\d+[a-z]?\s*[:.–-]", regex.IGNORECASE)
_PAGE_NUMBER_RE = regex.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", regex.I
)
_COPYRIGHT_RE = regex.compile(r"^©.*\b(?:HMICFRS|HMIC|crown\s+copyright)\b", regex.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";")
_WORD_RE = regex.compile(r"\p{L}+(?:[-’']\p{L}+)*")

MARGIN_ZONE = 0.075  # share of the page height at top and bottom where running text lives
GAP_EMS = 1.5  # a horizontal gap wider than this many font sizes separates cells or columns


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
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
        return Span(
            page=self.page,
            line=self.number,
            bbox=(round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)),
        )


def _line(page: int, words: list[_Word], right: float, cells: list[str] | None = None) -> _Line:
    """Summarise a line's words (sorted left to right); a leading bullet glyph is noted and dropped."""
    bullet = False
    first = words[0].text
    if cells is None and len(words) > 1 and (first in _BULLETS or _CID_RE.match(first)):
        bullet, words = True, words[1:]
    elif cells is None and len(first) > 1 and first[0] in _BULLET_PREFIXES:
        bullet = True
        head = words[0]
        words = [_Word(first[1:], head.x0, head.x1, head.top, head.bottom, head.size, head.bold), *words[1:]]
    sizes = Counter(round(w.size * 2) / 2 for w in words)
    letters = sum(len(w.text) for w in words)
    return _Line(
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
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]


def read_pdf(data: bytes, name: str, sha: str) -> Document:
    """Read PDF bytes into the document model; typed errors for encrypted, corrupt and scanned files."""
    if b"%%EOF" not in data[-4096:]:
        raise CorruptPdf(name, "the PDF is truncated (no end-of-file marker); download it again")
    pages, count, title = _read_pages(data, name)
    if not any(page.lines for page in pages):
        raise NoTextLayer(
            name, f"none of its {count} page(s) has a text layer (a scan?); run OCR on it first"
        )
    lines = _drop_furniture(pages)
    blocks = _Assembler(lines).blocks()
    return Document(path=name, sha256=sha, format=InputFormat.PDF, blocks=blocks, pages=count, title=title)


def _read_pages(data: bytes, name: str) -> tuple[list[_Page], int, str | None]:
    """Open the PDF (empty password) and lay out each page, closing it once read."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(exc, name) from exc
    try:
        try:
            page_list = pdf.pages
        except Exception as exc:
            raise CorruptPdf(name, f"its page tree cannot be read ({_cause(exc)})") from exc
        if not page_list:
            raise CorruptPdf(name, "the PDF has no pages")
        try:
            title = (pdf.metadata or {}).get("Title")
        except Exception:  # a damaged info dictionary costs the title, not the text
            title = None
        pages: list[_Page] = []
        for number, page in enumerate(page_list, start=1):
            try:
                words = _words(page.chars)
                rules = _rules(page.lines, page.rects)
                pages.append(_lay_out_page(number, float(page.width), float(page.height), words, rules))
            except Exception as exc:
                raise CorruptPdf(name, f"page {number} cannot be read ({_cause(exc)})") from exc
            finally:
                _quietly_close(page)
        return pages, len(page_list), title if isinstance(title, str) and title.strip() else None
    finally:
        # pdfplumber's close() walks the page tree again: on a damaged file it raises pdfminer's
        # own exception, which must not replace the typed error (or the result) above.
        _quietly_close(pdf)


def _quietly_close(obj: Any) -> None:
    """Close a pdfplumber object, ignoring errors of a damaged file (its text is already taken)."""
    try:
        obj.close()
    except Exception:  # pdfminer raises many untyped errors on damaged files
        logger.debug("closing %r failed on a damaged PDF", obj, exc_info=True)


def _cause(exc: BaseException) -> str:
    """The innermost exception's name and message (pdfplumber wraps pdfminer's)."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open_error(exc: BaseException, name: str) -> Exception:
    """EncryptedPdf when the failure is a password, else CorruptPdf."""
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)  # type: ignore[arg-type]
    if any("Password" in type(e).__name__ or "Encryption" in type(e).__name__ for e in chain):
        return EncryptedPdf(name, "the PDF is encrypted and does not open without a password")
    return CorruptPdf(name, f"the PDF cannot be opened ({_cause(exc)})")


def _clean(text: str) -> str:
    """NFC, ligatures spelt out, soft hyphens and zero-width characters gone."""
    return _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text.translate(_LIGATURES)))


def _rules(lines: Iterable[dict[str, Any]], rects: Iterable[dict[str, Any]]) -> list[tuple[float, ...]]:
    """Thin lines and rectangles as rules: (x0, top, x1, bottom) with one side under 2 points."""
    found: list[tuple[float, ...]] = []
    for obj in (*lines, *rects):
        x0, top, x1, bottom = (float(obj[k]) for k in ("x0", "top", "x1", "bottom"))
        if min(x1 - x0, bottom - top) <= 2.0 and max(x1 - x0, bottom - top) >= 8.0:
            found.append((x0, top, x1, bottom))
    return found


def _words(chars: list[dict[str, Any]]) -> list[_Word]:
    """Upright characters to words: one pass over them sorted by line, split at spaces and gaps.

    The same grouping as pdfplumber's ``extract_words`` (3-point tolerances), done in one pass
    that also keeps each word's font size and weight, which headings are told by.
    """
    upright = sorted((c for c in chars if c.get("upright", True)), key=itemgetter("top"))
    bold_fonts: dict[str, bool] = {}
    words: list[_Word] = []
    line: list[dict[str, Any]] = []
    line_top = -1e9
    for char in [*upright, None]:
        if char is not None and char["top"] - line_top <= 3.0:
            line.append(char)
            continue
        line.sort(key=itemgetter("x0"))
        text: list[str] = []
        first: dict[str, Any] | None = None
        last_x1 = 0.0
        last: dict[str, Any] = {}
        bold = False
        for c in line:
            font = c["fontname"]
            is_bold = bold_fonts.get(font)
            if is_bold is None:
                is_bold = bold_fonts[font] = _BOLD_RE.search(font) is not None
            space = c["text"].isspace()
            if first is not None and (space or c["x0"] - last_x1 > 3.0 or is_bold != bold):
                words.append(_word(text, first, last, bold))
                first = None
            if space:
                continue
            if first is None:
                first, text, bold = c, [], is_bold
            text.append(c["text"])
            last, last_x1 = c, c["x1"]
        if first is not None:
            words.append(_word(text, first, last, bold))
        if char is not None:
            line, line_top = [char], char["top"]
    return words


def _word(text: list[str], first: dict[str, Any], last: dict[str, Any], bold: bool) -> _Word:
    return _Word(
        _clean("".join(text)),
        float(first["x0"]),
        float(last["x1"]),
        float(min(first["top"], last["top"])),
        float(max(first["bottom"], last["bottom"])),
        float(first["size"]),
        bold,
    )


def _lay_out_page(
    number: int, width: float, height: float, words: list[_Word], rules: list[tuple[float, ...]]
) -> _Page:
    """Words to lines in reading order: tables as rows, two-column bands column by column."""
    words = [w for w in words if w.text.strip()]
    tables = _table_regions(rules)
    in_table: list[list[_Word]] = [[] for _ in tables]
    free: list[_Word] = []
    for word in words:
        middle = (word.top + word.bottom) / 2
        for n, (x0, top, x1, bottom) in enumerate(tables):
            if top <= middle <= bottom and x0 - 1 <= word.x0 and word.x1 <= x1 + 1:
                in_table[n].append(word)
                break
        else:
            free.append(word)
    # Pieces to order by position: ("text", words) physical lines, ("table", rows) tables.
    rows = _physical_lines(free)
    pieces: list[tuple[float, list[_Line]]] = []
    for band in _column_bands(rows, width):
        placed = [_line(number, w, r) for w, r in _band_lines(band, width)]
        if band[0] and band[0][0].text == "\x00":
            pieces.append((band[1][0].top, placed))  # a two-column band is read as one piece
        else:
            pieces.extend((line.top, [line]) for line in placed)
    for n, region in enumerate(tables):
        table_rows = _table_rows(region, rules, in_table[n], number)
        if table_rows:
            pieces.append((region[1], table_rows))
    pieces.sort(key=lambda p: p[0])
    lines: list[_Line] = []
    for _, group in pieces:
        for line in group:
            line.number = len(lines) + 1
            lines.append(line)
    return _Page(number, width, height, lines)


def _physical_lines(words: list[_Word]) -> list[list[_Word]]:
    """Words grouped into lines by vertical position, each sorted left to right."""
    rows: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows:
            last = rows[-1]
            top = min(w.top for w in last)
            if abs(word.top - top) <= max(2.0, 0.3 * word.size):
                last.append(word)
                continue
        rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def _gaps(words: list[_Word]) -> list[tuple[float, float]]:
    """Horizontal gaps wide enough to separate cells or columns."""
    return [(a.x1, b.x0) for a, b in pairwise(words) if b.x0 - a.x1 > GAP_EMS * max(a.size, b.size, 6.0)]


def _segments(words: list[_Word]) -> list[str]:
    """The texts of a line's parts separated by wide gaps (one part for ordinary lines)."""
    parts: list[list[str]] = [[]]
    for prev, word in zip([None, *words], words, strict=False):
        if prev is not None and word.x0 - prev.x1 > GAP_EMS * max(prev.size, word.size, 6.0):
            parts.append([])
        parts[-1].append(word.text)
    return [" ".join(p) for p in parts] if len(parts) > 1 else []


def _column_bands(rows: list[list[_Word]], width: float) -> list[list[list[_Word]]]:
    """Split the page's lines into bands; a two-column band is marked by a shared gutter (see below)."""
    if not rows:
        return []
    centres = [(a + b) / 2 for row in rows for a, b in _gaps(row) if 0.3 * width < (a + b) / 2 < 0.7 * width]
    if len(centres) < 3:
        return [rows]
    gutter = sorted(centres)[len(centres) // 2]
    bands: list[list[list[_Word]]] = []
    current: list[list[_Word]] = []
    split = False
    for row in rows:
        crosses = any(w.x0 < gutter < w.x1 for w in row)
        if (not crosses) == split and current:
            current.append(row)
            continue
        if current:
            bands.append(current)
        current, split = [row], not crosses
    bands.append(current)
    # A band is two columns only if text sits on both sides (not a contents page's page numbers).
    merged: list[list[list[_Word]]] = []
    for band in bands:
        right_text = [sum(w.x1 - w.x0 for w in row if w.x0 > gutter) for row in band]
        both = sum(
            1 for row, r in zip(band, right_text, strict=True) if r > 0 and any(w.x1 < gutter for w in row)
        )
        two = len(band) >= 3 and both >= 3 and sum(right_text) / max(both, 1) > 0.2 * width
        if two:
            band.insert(0, [_Word("\x00", gutter, gutter, 0, 0, 0, False)])  # marks the band as split
        merged.append(band)
    return merged


def _band_lines(band: list[list[_Word]], width: float) -> list[tuple[list[_Word], float]]:
    """A band's lines in reading order, with the right edge of their column."""
    if band[0] and band[0][0].text == "\x00":
        gutter = band[0][0].x0
        left = [[w for w in row if w.x1 <= gutter] for row in band[1:]]
        right = [[w for w in row if w.x0 >= gutter] for row in band[1:]]
        left, right = [r for r in left if r], [r for r in right if r]
        left_edge = max((w.x1 for row in left for w in row), default=gutter)
        right_edge = max((w.x1 for row in right for w in row), default=width)
        return [(r, left_edge) for r in left] + [(r, right_edge) for r in right]
    edge = max((w.x1 for row in band for w in row), default=width)
    return [(row, edge) for row in band]


def _table_regions(rules: list[tuple[float, ...]]) -> list[tuple[float, float, float, float]]:
    """Boxes ruled by at least two horizontal rules of the same extent (with or without verticals)."""
    horizontal = sorted((r for r in rules if r[3] - r[1] <= 2.0), key=lambda r: (r[1], r[0]))
    groups: list[list[tuple[float, ...]]] = []
    for rule in horizontal:
        for group in groups:
            x0, _, x1, _ = group[0]
            if abs(rule[0] - x0) <= 3 and abs(rule[2] - x1) <= 3 and rule[1] - group[-1][1] < 200:
                group.append(rule)
                break
        else:
            groups.append([rule])
    vertical = [r for r in rules if r[2] - r[0] <= 2.0]
    regions: list[tuple[float, float, float, float]] = []
    for g in groups:
        x0, top, x1, bottom = g[0][0], g[0][1], g[0][2], g[-1][3]
        if bottom - top <= 4 or x1 - x0 <= 60:
            continue
        # Three rules make a table (top, under the header, bottom); two need a vertical rule between
        # them, so that two charts' base lines one above the other do not.
        walled = any(x0 - 2 <= v[0] <= x1 + 2 and v[3] - v[1] >= 0.8 * (bottom - top) for v in vertical)
        if len(_merge(r[1] for r in g)) >= 3 or walled:
            regions.append((x0, top, x1, bottom))
    return regions


def _merge(values: Iterable[float], tolerance: float = 1.5) -> list[float]:
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged


def _table_rows(
    region: tuple[float, float, float, float], rules: list[tuple[float, ...]], words: list[_Word], page: int
) -> list[_Line]:
    """A ruled table's rows: words assigned to the column under whose header (or rules) they sit."""
    if not words:
        return []
    x0, top, x1, bottom = region
    inside = [
        r for r in rules if r[0] >= x0 - 2 and r[2] <= x1 + 2 and r[1] >= top - 2 and r[3] <= bottom + 2
    ]
    row_edges = _merge(r[1] for r in inside if r[3] - r[1] <= 2.0)
    col_edges = _merge(r[0] for r in inside if r[2] - r[0] <= 2.0 and r[3] - r[1] > 2.0)
    lines = _physical_lines(words)
    rows: list[list[_Word]]
    if len(col_edges) < 3 or len(row_edges) <= 2:
        # Rules do not mark the rows: the header band is one row, then every line is a row.
        header_end = row_edges[1] if len(row_edges) > 2 else min(w.bottom for w in lines[0]) + 0.5
        header = [w for w in words if (w.top + w.bottom) / 2 < header_end]
        body = [line for line in lines if (line[0].top + line[0].bottom) / 2 >= header_end]
        rows = [header, *body]
    else:
        rows = [[] for _ in row_edges[:-1]]
        for word in words:
            middle = (word.top + word.bottom) / 2
            index = next((n for n in range(len(row_edges) - 1) if middle < row_edges[n + 1]), len(rows) - 1)
            rows[index].append(word)
    rows = [row for row in rows if row]
    if len(col_edges) < 3:
        col_edges = _columns_from_header(rows[0], x0, x1)
    result: list[_Line] = []
    for row in rows:
        cells: list[list[_Word]] = [[] for _ in col_edges[:-1]]
        for word in row:
            centre = (word.x0 + word.x1) / 2
            index = next((n for n in range(len(col_edges) - 1) if centre < col_edges[n + 1]), len(cells) - 1)
            cells[max(index, 0)].append(word)
        texts = [" ".join(w.text for line in _physical_lines(cell) for w in line) for cell in cells]
        while texts and not texts[-1]:
            texts.pop()
        ordered = [w for line in _physical_lines(row) for w in line]
        result.append(_line(page, ordered, x1, cells=texts))
    return result


def _columns_from_header(header: list[_Word], x0: float, x1: float) -> list[float]:
    """Column edges halfway between the header row's cells, when the table has no vertical rules."""
    cells: list[list[_Word]] = []
    for word in sorted(header, key=lambda w: w.x0):
        if cells and word.x0 - max(w.x1 for w in cells[-1]) <= GAP_EMS * word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    edges = [x0]
    for left, right in pairwise(cells):
        edges.append((max(w.x1 for w in left) + min(w.x0 for w in right)) / 2)
    return [*edges, x1 + 1]


def _drop_furniture(pages: list[_Page]) -> list[_Line]:
    """All pages' lines without running headers, footers and page numbers.

    Running text sits in the top or bottom margin, is no bigger than the body font, and repeats
    (digits aside) on many pages; page numbers and the inspectorate's copyright line there go
    even when they do not repeat.
    """
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0

    def key(line: _Line, page: _Page) -> tuple[str, bool] | None:
        top_zone = line.top < MARGIN_ZONE * page.height
        if line.size > body + 0.75 or not (top_zone or line.bottom > (1 - MARGIN_ZONE) * page.height):
            return None
        return regex.sub(r"\d+", "#", line.text.lower()), top_zone

    seen: Counter[tuple[str, bool]] = Counter()
    for page in pages:
        seen.update({k for line in page.lines if (k := key(line, page)) is not None})
    needed = max(2, round(0.4 * len(pages)))
    kept: list[_Line] = []
    for page in pages:
        for line in page.lines:
            k = key(line, page)
            if k is not None and (
                seen[k] >= needed or _PAGE_NUMBER_RE.match(line.text) or _COPYRIGHT_RE.match(line.text)
            ):
                continue
            kept.append(line)
    return kept


class _Assembler:
    """Lines to blocks: headings by font, paragraphs by spacing, list items by bullet glyph."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        sizes: Counter[float] = Counter()
        for line in lines:
            if line.cells is None:
                sizes[line.size] += len(line.text)
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        self.heading_sizes = sorted({s for s in sizes if s > self.body + 0.75}, reverse=True)
        self.pitch = self._body_pitch()
        self.text_bottom = self._text_bottom()
        self.vocabulary, self.hyphenated = self._vocabulary()
        self.stems = {stem for word in self.vocabulary for stem in stems(word)}

    def _body_pitch(self) -> float:
        """The commonest distance between consecutive body lines (the body leading)."""
        pitches: Counter[float] = Counter()
        for a, b in pairwise(self.lines):
            if a.page == b.page and a.cells is None and b.cells is None and a.size == b.size == self.body:
                pitch = round(b.top - a.top, 1)
                if 0 < pitch <= 2 * a.size:  # farther apart is a gap between blocks, not leading
                    pitches[pitch] += 1
        return pitches.most_common(1)[0][0] if pitches else self.body * 1.3

    def _text_bottom(self) -> float:
        """Where full pages' text ends (the bottom margin), from the pages' lowest lines."""
        lowest: dict[int, float] = {}
        for line in self.lines:
            lowest[line.page] = max(lowest.get(line.page, 0.0), line.bottom)
        bottoms = sorted(lowest.values())
        return bottoms[int(0.9 * (len(bottoms) - 1))] if bottoms else 0.0

    def _vocabulary(self) -> tuple[set[str], set[str]]:
        """Words the document spells whole, and hyphenated words it spells with their hyphen."""
        whole: set[str] = set()
        hyphenated: set[str] = set()
        for line in self.lines:
            tokens = line.text.split()
            for n, token in enumerate(tokens):
                if n == len(tokens) - 1 and token.endswith("-"):
                    continue  # a broken word's first part
                for word in _WORD_RE.findall(token):
                    (hyphenated if "-" in word else whole).add(word.lower())
        return whole, hyphenated

    # -- line roles -------------------------------------------------------------------------------

    def _role(self, line: _Line) -> str:
        if line.cells is not None or line.segments:
            return "table"
        if line.bullet:
            return "bullet"
        if line.size > self.body + 0.75:
            return "heading"
        if line.bold:
            return "bold"
        return "body"

    def _level(self, size: float) -> int:
        if size in self.heading_sizes:
            return self.heading_sizes.index(size) + 1
        return len(self.heading_sizes) + 1

    # -- assembly ---------------------------------------------------------------------------------

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        group: list[_Line] = []
        role = ""
        for line in self.lines:
            line_role = self._role(line)
            if group and self._continues(group, role, line, line_role):
                group.append(line)
                continue
            if group:
                blocks.append(self._block(group, role))
            group, role = [line], line_role
        if group:
            blocks.append(self._block(group, role))
        return self._join_across_breaks(blocks)

    def _continues(self, group: list[_Line], role: str, line: _Line, line_role: str) -> bool:
        """True when ``line`` carries on the block whose lines are ``group``."""
        last = group[-1]
        if role == "table" or line_role == "table" or line.page != last.page:
            return False
        if line.size != last.size or line.bold != last.bold:
            return False
        step = line.top - last.top
        if step <= 0:  # a new column
            return False
        if role in ("heading", "bold"):
            return line_role == role and step <= line.size * 1.6
        if role == "bullet":
            # Continuation lines hang at the item's text, not back at the margin.
            return line_role == "body" and step <= self.pitch * 1.2 and abs(line.x0 - group[0].x0) <= 2
        return line_role == "body" and step <= self.pitch * 1.2

    def _join_text(self, left: str, right: str) -> str:
        """Join two lines, undoing an end-of-line hyphen only where the joined word is a word."""
        if left.endswith("-") and len(left) > 1 and left[-2].isalnum() and right[:1].isdigit():
            return left + right  # a range or code broken after its hyphen: "2023-" "24"
        if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].islower():
            head = _WORD_RE.findall(left.split()[-1])
            tail = _WORD_RE.findall(right.split()[0])
            if head and tail:
                joined = (head[-1] + tail[0]).lower()
                kept = f"{head[-1]}-{tail[0]}".lower()
                if kept not in self.hyphenated and stems(joined) & self.stems:
                    return left[:-1] + right
            return left + right
        return f"{left} {right}"

    def _block(self, group: list[_Line], role: str) -> Block:
        first = group[0]
        text = ""
        offsets: list[tuple[int, Span]] = []
        for line in group:
            line_text = line.text
            joined = self._join_text(text, line_text) if text else line_text
            offsets.append((len(joined) - len(line_text), line.span))
            text = joined
        span = _union(group)
        multi = offsets if len(group) > 1 else []
        if role == "table":
            cells = first.cells if first.cells is not None else first.segments
            return Block(BlockKind.TABLE_ROW, " | ".join(c for c in cells if c), span, cells=list(cells))
        if _CAPTION_RE.match(text):
            return Block(BlockKind.CAPTION, text, span, emphasis=role == "bold", offsets=multi)
        if role == "bullet":
            return Block(BlockKind.LIST_ITEM, text, span, offsets=multi)
        if role == "heading":
            return Block(
                BlockKind.HEADING,
                text,
                span,
                level=self._level(first.size),
                emphasis=first.bold,
                offsets=multi,
            )
        if role == "bold" and not text.endswith(":"):
            return Block(
                BlockKind.HEADING, text, span, level=len(self.heading_sizes) + 1, emphasis=True, offsets=multi
            )
        return Block(BlockKind.PARAGRAPH, text, span, emphasis=role == "bold", offsets=multi)

    def _join_across_breaks(self, blocks: list[Block]) -> list[Block]:
        """Join a paragraph cut by a page or column break with its continuation."""
        out: list[Block] = []
        for block in blocks:
            prev = out[-1] if out else None
            if prev is not None and self._carries_on(prev, block):
                text = self._join_text(prev.text, block.text)
                shift = len(text) - len(block.text)
                prev_offsets = prev.offsets or [(0, prev.span)]
                new_offsets = block.offsets or [(0, block.span)]
                prev.offsets = prev_offsets + [(start + shift, span) for start, span in new_offsets]
                prev.text = text
                continue
            out.append(block)
        return out

    def _carries_on(self, prev: Block, block: Block) -> bool:
        if block.kind is not BlockKind.PARAGRAPH or prev.kind not in (
            BlockKind.PARAGRAPH,
            BlockKind.LIST_ITEM,
        ):
            return False  # only running text carries on (a new bullet is a new item)
        last = (prev.offsets or [(0, prev.span)])[-1][1]
        head = block.span
        assert last.bbox is not None and head.bbox is not None
        if prev.kind is BlockKind.LIST_ITEM and abs(head.bbox[0] - last.bbox[0]) > 2:
            return False  # a list item goes on only at its own indent
        broke = head.page != last.page or head.bbox[1] < last.bbox[1]
        if not broke or prev.emphasis != block.emphasis:
            return False
        if prev.text.endswith("-") or block.text[:1].islower():
            return True
        line = self._line_of(last)
        if line is None or line.bottom + self.pitch <= self.text_bottom + 1:
            return False  # the page had room for another line: the paragraph ended there
        if prev.text.rstrip("’”\"')]").endswith((".", "!", "?", ":", ";")):
            return False  # a full page ending at a sentence end reads as a paragraph end
        first_word = self._first_word_width(head)
        # The first word would have fitted on the previous line had the paragraph gone on there.
        return line.x1 + 0.3 * line.size + first_word > line.right + 0.5

    def _line_of(self, span: Span) -> _Line | None:
        return self._index().get((span.page or 0, span.line or 0))

    def _first_word_width(self, span: Span) -> float:
        line = self._line_of(span)
        return line.first_width if line else 0.0

    def _index(self) -> dict[tuple[int, int], _Line]:
        if not hasattr(self, "_by_place"):
            self._by_place = {(line.page, line.number): line for line in self.lines}
        return self._by_place


def _union(lines: list[_Line]) -> Span:
    """The first line's page and line number, with the bbox of the lines on that page."""
    first = lines[0]
    same = [line for line in lines if line.page == first.page]
    bbox = (
        round(min(x.x0 for x in same), 2),
        round(min(x.top for x in same), 2),
        round(max(x.x1 for x in same), 2),
        round(max(x.bottom for x in same), 2),
    )
    return Span(page=first.page, line=first.number, bbox=bbox)
