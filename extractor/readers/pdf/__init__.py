"""PDF reader: pdfplumber words and rules to blocks, in reading order, with page, line and bbox.

One pass over the pages collects each page's lines (words grouped by position, two-column
bands read column by column, ruled tables rebuilt into rows of cells: :mod:`.layout` and
:mod:`.tables`) and closes the page, so memory stays flat as the page count grows. A second
pass over the lines, which are small, drops running headers and footers (text repeated at the
same place across pages, page numbers, "© HMICFRS") and rebuilds headings, paragraphs, list
items and captions (:mod:`.assemble`). The reader knows nothing of grades or areas.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber

from extractor.errors import CorruptPdf, EncryptedPdf, NoTextLayer
from extractor.model import Document
from extractor.readers.pdf.assemble import Assembler
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

logger = logging.getLogger(__name__)


def read_pdf(data: bytes, name: str, sha: str) -> Document:
    """Read PDF bytes into the document model; typed errors for encrypted, corrupt and scanned files."""
    if b"%%EOF" not in data[-4096:]:
        raise CorruptPdf(name, "the PDF is truncated (no end-of-file marker); download it again")
    pages, count, title = _read_pages(data, name)
    if not any(page.lines for page in pages):
        raise NoTextLayer(
            name, f"none of its {count} page(s) has a text layer (a scan?); run OCR on it first"
        )
    lines = drop_furniture(pages)
    blocks = Assembler(lines).blocks()
    return Document(path=name, sha256=sha, format=InputFormat.PDF, blocks=blocks, pages=count, title=title)


def _read_pages(data: bytes, name: str) -> tuple[list[Page], int, str | None]:
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
        pages: list[Page] = []
        for number, page in enumerate(page_list, start=1):
            try:
                words = page_words(page.chars)
                rules = page_rules(page.lines, page.rects)
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
