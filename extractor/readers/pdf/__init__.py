"""PDF reader: an engine's characters and rules to blocks, in reading order, with page, line and bbox.

An engine (:mod:`.engine`: pdfium by default, pdfplumber the reference) reads each page's
characters and rules. One pass over the pages lays each out into lines (words grouped by
position, two-column bands read column by column, ruled tables rebuilt into rows of cells:
:mod:`.layout` and :mod:`.tables`) and lets the page go, so memory stays flat as the page count
grows. A second pass over the lines, which are small, drops running headers and footers (text
repeated at the same place across pages, page numbers, "© HMICFRS") and rebuilds headings,
paragraphs, list items and captions (:mod:`.assemble`). The reader knows nothing of grades or areas.
"""

from __future__ import annotations

import importlib

from extractor.errors import CorruptPdf, NoTextLayer
from extractor.model import Document
from extractor.readers.pdf.assemble import Assembler
from extractor.readers.pdf.engine import ENGINES, OpenedPdf, check_engine
from extractor.readers.pdf.layout import (
    Line,
    Page,
    Rule,
    Word,
    column_bands,
    drop_furniture,
    make_line,
    page_rules,
    page_words,
    physical_lines,
)
from extractor.readers.pdf.tables import split_words, table_regions, table_rows
from schemas import InputFormat


def read_pdf(data: bytes, name: str, sha: str, *, engine: str | None = None) -> Document:
    """Read PDF bytes into the document model; typed errors for encrypted, corrupt and scanned files.

    ``engine``: "pdfium" (the default) or "pdfplumber", the reference it is tested against.
    """
    engine = check_engine(engine)
    if b"%%EOF" not in data[-4096:]:
        raise CorruptPdf(name, "the PDF is truncated (no end-of-file marker); download it again")
    pages, count, title = _read_pages(data, name, engine)
    if not any(page.lines for page in pages):
        raise NoTextLayer(
            name, f"none of its {count} page(s) has a text layer (a scan?); run OCR on it first"
        )
    lines = drop_furniture(pages)
    blocks = Assembler(lines).blocks()
    return Document(
        path=name, sha256=sha, format=InputFormat.PDF, blocks=blocks, pages=count, title=title, engine=engine
    )


def _read_pages(data: bytes, name: str, engine: str) -> tuple[list[Page], int, str | None]:
    """Open the PDF with the engine and lay out each page as it comes."""
    pdf: OpenedPdf = importlib.import_module(ENGINES[engine]).open_pdf(data, name)
    try:
        if not pdf.count:
            raise CorruptPdf(name, "the PDF has no pages")
        pages: list[Page] = []
        for number, raw in enumerate(pdf.pages(), start=1):
            try:
                words = page_words(raw.chars)
                rules = page_rules(raw.rules)
                pages.append(_lay_out_page(number, raw.width, raw.height, words, rules))
            except Exception as exc:
                raise CorruptPdf(name, f"page {number} cannot be laid out ({type(exc).__name__})") from exc
        return pages, pdf.count, pdf.title
    finally:
        pdf.close()


def _lay_out_page(number: int, width: float, height: float, words: list[Word], rules: list[Rule]) -> Page:
    """Words to lines in reading order: tables as rows, two-column bands column by column.

    The page is cut into pieces ordered by their top: each line of one-column text, each
    two-column band (read as one piece) and each ruled table.
    """
    words = [w for w in words if w.text.strip()]
    regions = table_regions(rules)
    in_table, free = split_words(words, regions)
    pieces: list[tuple[float, list[Line]]] = []
    for band in column_bands(physical_lines(free), width):
        placed = [make_line(number, w, r) for w, r in band.lines(width)]
        if band.gutter is not None:
            pieces.append((band.rows[0][0].top, placed))
        else:
            pieces.extend((line.top, [line]) for line in placed)
    for region, region_words in zip(regions, in_table, strict=True):
        rows = table_rows(region, rules, region_words, number)
        if rows:
            pieces.append((region[1], rows))
    pieces.sort(key=lambda p: p[0])
    lines: list[Line] = []
    for _, group in pieces:
        for line in group:
            line.number = len(lines) + 1
            lines.append(line)
    return Page(number, width, height, lines)
