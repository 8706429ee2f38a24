"""Render a report's document model to a PDF laid out the way the inspectorate lays out a report.

Test-only generator (reportlab): A4, a cover page, a contents page, a running header,
a footer with "© HMICFRS" and the page number, bold headings sized by their role, each
area on a new page, ruled tables, bullets, figures with captions, one two-column page
(with end-of-line hyphenation), one heading left at the foot of a page, and paragraphs
that run across page breaks. It reads the blocks any reader gives (so a variant written
as a text string in a test renders the same way), and returns a :class:`Manifest` of
where it put each layout feature, so tests can check the reader's exact result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractor import extract as _extract  # noqa: F401  (registers the stages)
from extractor.model import Block, BlockKind, Document, Extraction
from extractor.pipeline import run_stages
from extractor.vocab.headings import CONTENTS_RE, SUMMARY_RE
from schemas import SectionKind

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 56.0, 56.0, 72.0, 72.0
WIDTH = PAGE_W - LEFT - RIGHT
BODY, LEADING, PARA_GAP = 10.0, 13.5, 7.0
HEADING_SIZES = {1: 20.0, 2: 15.0, 3: 11.0}
GUTTER = 22.0
LIGATURES = {"ffi": "\ufb03", "ffl": "\ufb04", "fi": "\ufb01", "fl": "\ufb02"}

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str, bool]:
    """Regular and bold font names; DejaVu (with ligature glyphs) where installed, else Helvetica."""
    regular, bold = _FONT_DIR / "DejaVuSans.ttf", _FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "PeelSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("PeelSans", str(regular)))
            pdfmetrics.registerFont(TTFont("PeelSans-Bold", str(bold)))
        return "PeelSans", "PeelSans-Bold", True
    return "Helvetica", "Helvetica-Bold", False


@dataclass
class Manifest:
    """Where the generator put each layout feature (texts as the source blocks give them)."""

    pages: int = 0
    header: str = ""
    cover_page: int = 1
    contents_page: int = 2
    two_column_page: int | None = None
    two_column_texts: list[str] = field(default_factory=list)
    foot_heading: tuple[str, int] | None = None  # (text, page it is printed on)
    wrapped_headings: list[str] = field(default_factory=list)
    # (text, page of its first line, text of the last line before the break)
    split_paragraphs: list[tuple[str, int, str]] = field(default_factory=list)
    soft_hyphens: list[str] = field(default_factory=list)  # words broken with an added hyphen
    hard_hyphens: list[str] = field(default_factory=list)  # hyphenated words broken after their hyphen
    bullets: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)  # ruled tables, rows of cells
    area_pages: dict[str, int] = field(default_factory=dict)
    heading_pages: dict[str, int] = field(default_factory=dict)


@dataclass
class _Text:
    x: float
    top: float
    text: str
    font: str
    size: float
    right_aligned: bool = False


@dataclass
class _Rule:
    x0: float
    top: float
    x1: float
    bottom: float
    fill: bool = False


class _Layout:
    """Places text and rules on pages, top-down coordinates (like pdfplumber's ``top``)."""

    def __init__(self, regular: str, bold: str, ligatures: bool) -> None:
        self.regular, self.bold, self.ligatures = regular, bold, ligatures
        self.pages: list[list[_Text | _Rule]] = []
        self.y = TOP

    @property
    def page(self) -> int:
        return len(self.pages)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def text(self, x: float, top: float, text: str, font: str, size: float, *, right: bool = False) -> None:
        if self.ligatures and font == self.regular:
            for plain, glyph in LIGATURES.items():
                text = text.replace(plain, glyph)
        self.pages[-1].append(_Text(x, top, text, font, size, right))

    def rule(self, x0: float, top: float, x1: float, bottom: float, *, fill: bool = False) -> None:
        self.pages[-1].append(_Rule(x0, top, x1, bottom, fill))


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def wrap(
    text: str, font: str, size: float, width: float, *, hyphenate: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """Greedy line breaking; with ``hyphenate``, long words are broken with a hyphen.

    Returns the lines, the words broken with an added hyphen and the hyphenated words
    broken after their own hyphen.
    """
    lines: list[str] = []
    soft: list[str] = []
    hard: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _width(candidate, font, size) <= width or not line:
            line = candidate
            continue
        if hyphenate:
            room = width - _width(line + " ", font, size)
            head = word.rsplit("-", 1)[0] + "-" if "-" in word.strip("-") else ""
            if head and _width(head, font, size) <= room and word[len(head) :].isalpha():
                lines.append(f"{line} {head}")
                hard.append(word)
                line = word[len(head) :]
                continue
            if word.isalpha() and word.islower() and len(word) >= 8:
                cut = max(
                    (n for n in range(3, len(word) - 2) if _width(word[:n] + "-", font, size) <= room),
                    default=0,
                )
                if cut:
                    lines.append(f"{line} {word[:cut]}-")
                    soft.append(word)
                    line = word[cut:]
                    continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines, soft, hard


def _heading_levels(document: Document) -> dict[int, int]:
    """Block index -> role level (1 area/top, 2 part, 3 below) from the document's own section tree."""
    ex = Extraction(document=document)
    run_stages(ex, ("info", "grids", "sections"))
    return {node.start: min(node.level, 3) for node in ex.all_sections()}


def _area_starts(document: Document) -> set[int]:
    ex = Extraction(document=document)
    run_stages(ex, ("info", "grids", "sections"))
    return {node.start for node in ex.all_sections() if node.kind is SectionKind.AREA}


def _cover_texts(document: Document) -> list[tuple[str, bool]]:
    """Cover lines (text, is heading) made from what the document says it is, for texts without a cover."""
    ex = Extraction(document=document)
    run_stages(ex, ("info",))
    assert ex.info is not None
    cycle = ex.info.inspection.cycle if ex.info.inspection else ""
    force = ex.info.force.name if ex.info.force else "the force"
    return [
        (f"PEEL {cycle}".strip(), True),
        ("Police effectiveness, efficiency and legitimacy", True),
        (f"An inspection of {force}", False),
    ]


def render(document: Document, path: Path, *, copies: int = 1, feature_pages: bool = True) -> Manifest:
    """Render ``document`` as an inspectorate-style PDF at ``path``; ``copies`` repeats the body."""
    manifest, layout = _build(document, copies, feature_pages, {})
    if any(item.text == "#" for item in layout.pages[1] if isinstance(item, _Text)):
        manifest, layout = _build(document, copies, feature_pages, manifest.heading_pages)
    _draw(layout, path, manifest)
    return manifest


def _build(
    document: Document, copies: int, feature_pages: bool, numbers: dict[str, int]
) -> tuple[Manifest, _Layout]:
    """Lay the document out; ``numbers`` gives synthesised contents entries their page numbers."""
    regular, bold, ligatures = _fonts()
    blocks = document.blocks
    levels = _heading_levels(document)
    areas = _area_starts(document)
    manifest = Manifest()
    layout = _Layout(regular, bold, ligatures)

    contents_at = next((i for i, b in enumerate(blocks) if b.is_heading and CONTENTS_RE.match(b.text)), None)
    summary_at = next((i for i, b in enumerate(blocks) if b.is_heading and SUMMARY_RE.match(b.text)), None)
    cover_at = contents_at if contents_at is not None else summary_at
    cover_end = cover_at if cover_at is not None and cover_at <= 6 else 0
    cover = blocks[:cover_end]
    body_start = cover_end
    contents_rows: list[Block] = []
    if contents_at is not None and contents_at == cover_end:
        end = contents_at + 1
        while end < len(blocks) and blocks[end].kind is BlockKind.TABLE_ROW:
            end += 1
        contents_rows = blocks[contents_at + 1 : end]
        body_start = end
    body = list(range(body_start, len(blocks)))

    cover_texts = [(b.text, b.is_heading) for b in cover] or _cover_texts(document)
    manifest.header = f"{cover_texts[0][0]}: {cover_texts[-1][0]}"

    # Cover page: the blocks before the contents, big and bold where they are headings.
    layout.new_page()
    layout.y = 240.0
    for n, (text, is_heading) in enumerate(cover_texts):
        size = 28.0 if n == 0 else (16.0 if is_heading else BODY)
        font = bold if is_heading else regular
        for line in wrap(text, font, size, WIDTH)[0]:
            layout.text(LEFT, layout.y, line, font, size)
            layout.y += size * 1.3
        layout.y += 14.0

    # Contents page: the document's own entries, or one per top-level section.
    layout.new_page()
    layout.text(LEFT, layout.y, "Contents", bold, HEADING_SIZES[1])
    layout.y += HEADING_SIZES[1] * 1.3 + PARA_GAP
    entries = [(row.cells[0], row.cells[-1]) for row in contents_rows if row.cells and len(row.cells) >= 2]
    if not entries:
        entries = [(blocks[i].text, "") for i in sorted(levels) if levels[i] == 1 and i >= body_start]
    for text, number in entries:
        size = BODY
        while _width(text, regular, size) > WIDTH - 40 and size > 6:
            size -= 0.5
        if layout.room() < LEADING:
            layout.new_page()
        layout.text(LEFT, layout.y, text, regular, size)
        number = number or str(numbers.get(text, "#"))
        layout.text(PAGE_W - RIGHT, layout.y, number, regular, size, right=True)
        layout.y += LEADING + 3

    # The body.
    two_column_done = not feature_pages
    foot_heading_done = not feature_pages
    for copy in range(copies):
        index_pos = 0
        layout.new_page()
        while index_pos < len(body):
            i = body[index_pos]
            block = blocks[i]
            if block.is_heading:
                level = levels.get(i, 3)
                if i in areas and layout.y > TOP:
                    layout.new_page()
                run = _paragraph_run(blocks, i + 1)
                if not two_column_done and copy == 0 and level <= 2 and len(run) >= 4 and not areas & {i}:
                    _two_columns(layout, block, [blocks[j] for j in run], manifest)
                    two_column_done = True
                    index_pos += 1 + len(run)
                    layout.new_page()
                    continue
                at_foot = (
                    not foot_heading_done
                    and copy == 0
                    and level == 3
                    and bool(manifest.area_pages)
                    and index_pos + 1 < len(body)
                    and blocks[body[index_pos + 1]].kind is BlockKind.PARAGRAPH
                    and layout.y > TOP + 200
                )
                _heading(layout, block, level, manifest, at_foot=at_foot)
                if at_foot:
                    foot_heading_done = True
                if i in areas:
                    manifest.area_pages.setdefault(block.text, layout.page)
            elif block.kind is BlockKind.TABLE_ROW:
                end = index_pos
                while end < len(body) and blocks[body[end]].kind is BlockKind.TABLE_ROW:
                    end += 1
                _table(layout, [blocks[j] for j in body[index_pos:end]], manifest)
                index_pos = end
                continue
            elif block.kind is BlockKind.CAPTION:
                _figure(layout, block, manifest)
            elif block.kind is BlockKind.LIST_ITEM:
                _bullet(layout, block, manifest)
            else:
                _paragraph(layout, block, manifest)
            index_pos += 1

    manifest.pages = len(layout.pages)
    return manifest, layout


def _paragraph_run(blocks: list[Block], start: int) -> list[int]:
    run: list[int] = []
    while start < len(blocks) and blocks[start].kind is BlockKind.PARAGRAPH:
        run.append(start)
        start += 1
    return run


def _heading(layout: _Layout, block: Block, level: int, manifest: Manifest, *, at_foot: bool) -> None:
    size = HEADING_SIZES[level]
    lines = wrap(block.text, layout.bold, size, WIDTH)[0]
    height = len(lines) * size * 1.25
    if layout.y > TOP:
        layout.y += size * 0.8
    if at_foot:
        layout.y = PAGE_H - BOTTOM - height - 2.0  # the next line cannot fit below it
        manifest.foot_heading = (block.text, layout.page)
    elif layout.room() < height + 3 * LEADING:
        layout.new_page()
    if len(lines) > 1:
        manifest.wrapped_headings.append(block.text)
    manifest.heading_pages.setdefault(block.text, layout.page)
    for line in lines:
        layout.text(LEFT, layout.y, line, layout.bold, size)
        layout.y += size * 1.25
    layout.y += 4.0


def _lines_flow(layout: _Layout, lines: list[str], x: float, font: str, size: float) -> str | None:
    """Place lines, breaking pages as needed; the line before the first page break, if any."""
    split = None
    for n, line in enumerate(lines):
        if layout.room() < LEADING:
            layout.new_page()
            if n > 0 and split is None:
                split = lines[n - 1]
        layout.text(x, layout.y, line, font, size)
        layout.y += LEADING
    return split


def _paragraph(layout: _Layout, block: Block, manifest: Manifest) -> None:
    lines = wrap(block.text, layout.regular, BODY, WIDTH)[0]
    first_page = layout.page if layout.room() >= LEADING else layout.page + 1
    broken_after = _lines_flow(layout, lines, LEFT, layout.regular, BODY)
    if broken_after is not None:
        manifest.split_paragraphs.append((block.text, first_page, broken_after))
    layout.y += PARA_GAP


def _bullet(layout: _Layout, block: Block, manifest: Manifest) -> None:
    lines = wrap(block.text, layout.regular, BODY, WIDTH - 18)[0]
    if layout.room() < LEADING:
        layout.new_page()
    layout.text(LEFT + 4, layout.y, "•", layout.regular, BODY)
    _lines_flow(layout, lines, LEFT + 18, layout.regular, BODY)
    layout.y += PARA_GAP * 0.5
    manifest.bullets.append(block.text)


def _figure(layout: _Layout, block: Block, manifest: Manifest) -> None:
    """A bar chart drawn with rules (no text), then its bold caption."""
    lines = wrap(block.text, layout.bold, BODY, WIDTH)[0]
    if layout.room() < 130 + len(lines) * LEADING:
        layout.new_page()
    layout.y += 6
    top = layout.y
    layout.rule(LEFT, top + 110, LEFT + 300, top + 110.6, fill=True)
    for n, height in enumerate((60, 85, 40, 100, 70)):
        layout.rule(LEFT + 20 + n * 55, top + 110 - height, LEFT + 55 + n * 55, top + 110, fill=True)
    layout.y = top + 122
    for line in lines:
        layout.text(LEFT, layout.y, line, layout.bold, BODY)
        layout.y += LEADING
    layout.y += PARA_GAP
    manifest.captions.append(block.text)


def _table(layout: _Layout, rows: list[Block], manifest: Manifest) -> None:
    """A fully ruled table; the first row bold; cells wrapped inside their column."""
    cells = [list(row.cells or [row.text]) for row in rows]
    columns = max(len(row) for row in cells)
    for row in cells:
        row.extend([""] * (columns - len(row)))
    col_w = WIDTH / columns
    size = 9.0
    pitch = size * 1.3
    layout.y += 4
    for r, row in enumerate(cells):
        font = layout.bold if r == 0 else layout.regular
        wrapped = [wrap(cell, font, size, col_w - 8)[0] if cell else [] for cell in row]
        height = max(1, max(len(w) for w in wrapped)) * pitch + 8
        if layout.room() < height:
            layout.new_page()
        top = layout.y
        layout.rule(LEFT, top, LEFT + WIDTH, top + 0.5)
        for c, lines in enumerate(wrapped):
            for n, line in enumerate(lines):
                layout.text(LEFT + c * col_w + 4, top + 4 + n * pitch, line, font, size)
        for c in range(columns + 1):
            layout.rule(LEFT + c * col_w, top, LEFT + c * col_w + 0.5, top + height)
        layout.y = top + height
        layout.rule(LEFT, layout.y, LEFT + WIDTH, layout.y + 0.5)
    layout.y += PARA_GAP + 4
    manifest.tables.append(cells)


def _two_columns(layout: _Layout, heading: Block, paragraphs: list[Block], manifest: Manifest) -> None:
    """A full-width heading, then paragraphs in two columns with hyphenation."""
    if layout.y > TOP:
        layout.new_page()
    _heading(layout, heading, 2, manifest, at_foot=False)
    manifest.two_column_page = layout.page
    col_w = (WIDTH - GUTTER) / 2
    column, top = 0, layout.y
    for block in paragraphs:
        lines, soft, hard = wrap(block.text, layout.regular, BODY, col_w, hyphenate=True)
        manifest.soft_hyphens += soft
        manifest.hard_hyphens += hard
        manifest.two_column_texts.append(block.text)
        for line in lines:
            if layout.room() < LEADING:
                if column == 0:
                    column, layout.y = 1, top
                else:
                    layout.new_page()
                    column, top = 0, layout.y
            layout.text(LEFT + column * (col_w + GUTTER), layout.y, line, layout.regular, BODY)
            layout.y += LEADING
        layout.y += PARA_GAP


def _draw(layout: _Layout, path: Path, manifest: Manifest) -> None:
    """Paint the placed pages, with the running header and footer on every page but the cover."""
    # invariant: no creation date or random id, so the same layout gives the same bytes (golden files).
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1, invariant=1)
    pdf.setTitle(manifest.header)
    for number, items in enumerate(layout.pages, start=1):
        if number > 1:
            pdf.setFillGray(0.4)
            pdf.setFont(layout.regular, 8)
            pdf.drawString(LEFT, PAGE_H - 36, manifest.header)
            pdf.drawString(LEFT, 40, "© HMICFRS")
            pdf.drawRightString(PAGE_W - RIGHT, 40, str(number))
            pdf.setFillGray(0)
        for item in items:
            if isinstance(item, _Text):
                pdf.setFont(item.font, item.size)
                baseline = PAGE_H - item.top - item.size
                if item.right_aligned:
                    pdf.drawRightString(item.x, baseline, item.text)
                else:
                    pdf.drawString(item.x, baseline, item.text)
            elif item.fill:
                pdf.rect(
                    item.x0, PAGE_H - item.bottom, item.x1 - item.x0, item.bottom - item.top, stroke=0, fill=1
                )
            elif item.x1 - item.x0 >= item.bottom - item.top:  # a horizontal rule
                pdf.line(item.x0, PAGE_H - item.top, item.x1, PAGE_H - item.top)
            else:
                pdf.line(item.x0, PAGE_H - item.top, item.x0, PAGE_H - item.bottom)
        pdf.showPage()
    pdf.save()
