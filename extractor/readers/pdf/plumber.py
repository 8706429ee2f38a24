"""The pdfplumber engine: characters and rules straight from pdfminer's layout objects.

pdfplumber's ``page.chars`` / ``lines`` / ``rects`` turn every pdfminer object into a dict of
some twenty resolved attributes, which took half the reading time; this engine walks
``page.layout`` (the pdfminer objects themselves) and keeps the seven values the layout needs.
It is the reference engine: the pdfium engine is tested against it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

from extractor.errors import CorruptPdf, EncryptedPdf
from extractor.readers.pdf.engine import Char, RawPage, Rule, rotation_matrix, visible_box

logger = logging.getLogger(__name__)


class PlumberPdf:
    """A PDF opened with pdfplumber (empty password), read page by page."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._pdf = pdfplumber.open(io.BytesIO(data))
        except Exception as exc:
            raise open_error(exc, name) from exc
        try:
            self._pages = self._pdf.pages
        except Exception as exc:
            self.close()
            raise CorruptPdf(name, f"its page tree cannot be read ({cause(exc)})") from exc
        self.count = len(self._pages)
        try:
            title = (self._pdf.metadata or {}).get("Title")
        except Exception:  # a damaged info dictionary costs the title, not the text
            title = None
        self.title = title if isinstance(title, str) and title.strip() else None

    def pages(self) -> Iterator[RawPage]:
        """Each page's characters and rules; the page is closed once read."""
        for number, page in enumerate(self._pages, start=1):
            try:
                yield _raw_page(page)
            except CorruptPdf:
                raise
            except Exception as exc:
                raise CorruptPdf(self.name, f"page {number} cannot be read ({cause(exc)})") from exc
            finally:
                quietly_close(page)

    def close(self) -> None:
        # pdfplumber's close() walks the page tree again: on a damaged file it raises pdfminer's
        # own exception, which must not replace the typed error (or the result) of the reading.
        quietly_close(self._pdf)


def _raw_page(page: Any) -> RawPage:
    """One page's upright characters and its straight lines and rectangles, from its layout.

    pdfminer lays the page out in displayed space (rotated as /Rotate says, the MediaBox's
    corner at 0, 0); coordinates are taken from the visible box's top-left corner.
    """
    obj = page.page_obj
    x0, y0, x1, y1 = visible_box(obj.mediabox, obj.cropbox, rotation_matrix(obj.mediabox, obj.rotate))
    width, height = x1 - x0, y1 - y0
    chars: list[Char] = []
    lines: list[Rule] = []
    rects: list[Rule] = []
    stack = [iter(page.layout._objs)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, LTChar):
                if item.upright:
                    left, right = item.x0 - x0, item.x1 - x0
                    top, bottom = y1 - item.y1, y1 - item.y0
                    if 0 <= (left + right) / 2 <= width and 0 <= (top + bottom) / 2 <= height:
                        font = item.fontname
                        if isinstance(font, bytes):  # rare byte-encoded font names
                            font = font.decode("utf-8", "replace")
                        chars.append((top, left, right, bottom, item.get_text(), item.size, font))
            elif isinstance(item, LTContainer):  # a form XObject: its objects in place
                stack.append(iter(item._objs))
                break
            elif isinstance(item, (LTLine, LTRect)):
                box = (item.x0 - x0, y1 - item.y1, item.x1 - x0, y1 - item.y0)
                if box[2] >= 0 and box[0] <= width and box[3] >= 0 and box[1] <= height:
                    (lines if isinstance(item, LTLine) else rects).append(box)
        else:
            stack.pop()
    return RawPage(width, height, chars, lines + rects)


def quietly_close(obj: Any) -> None:
    """Close a pdfplumber object, ignoring errors of a damaged file (its text is already taken)."""
    try:
        obj.close()
    except Exception:  # pdfminer raises many untyped errors on damaged files
        logger.debug("closing %r failed on a damaged PDF", obj, exc_info=True)


def cause(exc: BaseException) -> str:
    """The innermost exception's name and message (pdfplumber wraps pdfminer's)."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def open_error(exc: BaseException, name: str) -> Exception:
    """EncryptedPdf when the failure is a password, else CorruptPdf."""
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        chain.append(chain[-1].__cause__ or chain[-1].__context__)  # type: ignore[arg-type]
    if any("Password" in type(e).__name__ or "Encryption" in type(e).__name__ for e in chain):
        return EncryptedPdf(name, "the PDF is encrypted and does not open without a password")
    return CorruptPdf(name, f"the PDF cannot be opened ({cause(exc)})")


def open_pdf(data: bytes, name: str) -> PlumberPdf:
    """Open PDF bytes; EncryptedPdf or CorruptPdf when they do not open."""
    return PlumberPdf(data, name)
