"""The pdfium engine (pypdfium2): each page's characters and rules, read through pdfium's C API.

Characters come from pdfium's text page: text, loose box (advance width by the font's ascent
and descent) and, once per text object, font name and size (the font's size times the text
matrix's scale). Three habits of pdfium are undone so words come out as pdfminer gives them:
spaces pdfium adds between words and at line ends are dropped (the layout splits words at wide
gaps itself), a hyphen that ends a line comes back from U+FFFE, and characters it could not map
to Unicode are kept as pdfminer's "(cid:N)" placeholder would be. Rules are the straight lines
and axis-aligned rectangles among the page's path objects, form XObjects walked with their
matrices; other shapes are skipped as pdfminer's curves are.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from itertools import groupby
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as c

from extractor.errors import CorruptPdf, EncryptedPdf
from extractor.readers.pdf.engine import (
    Char,
    Matrix,
    RawPage,
    Rule,
    apply,
    multiply,
    rotation_matrix,
    upright,
    visible_box,
)

logger = logging.getLogger(__name__)

# pdfium's marks for a "-" that ends a line (U+0002 in this build, U+FFFE in others) and for a
# character it has no Unicode value for.
_MARKS = str.maketrans({"\ufffe": "-", "\x02": "-", "\x00": "\ufffd"})
_WORD_SPACE = 0.2  # a gap of this many font sizes between two glyphs is a space between words
_MIN_RULE = 8.0  # a path whose box has no side this long holds no rule (layout.page_rules)


class PdfiumPdf:
    """A PDF opened with pdfium (empty password), read page by page."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == c.FPDF_ERR_PASSWORD:
                raise EncryptedPdf(name, "the PDF is encrypted and does not open without a password") from exc
            raise CorruptPdf(name, f"the PDF cannot be opened ({exc})") from exc
        self.count = len(self._pdf)
        try:
            title = self._pdf.get_metadata_value("Title")
        except Exception:  # a damaged info dictionary costs the title, not the text
            title = None
        self.title = title if isinstance(title, str) and title.strip() else None

    def pages(self) -> Iterator[RawPage]:
        """Each page's characters and rules; the page is closed once read."""
        for index in range(self.count):
            try:
                page = self._pdf[index]
            except Exception as exc:
                raise CorruptPdf(self.name, f"page {index + 1} cannot be read ({exc})") from exc
            try:
                yield _raw_page(page)
            finally:
                page.close()

    def close(self) -> None:
        try:
            self._pdf.close()
        except Exception:  # closing must never replace the reading's result or typed error
            logger.debug("closing %s failed", self.name, exc_info=True)


def open_pdf(data: bytes, name: str) -> PdfiumPdf:
    """Open PDF bytes; EncryptedPdf or CorruptPdf when they do not open."""
    return PdfiumPdf(data, name)


def _raw_page(page: Any) -> RawPage:
    """One page's upright characters and straight rules, from the visible box's top-left corner."""
    mediabox = tuple(page.get_mediabox())
    cropbox = tuple(page.get_cropbox())
    ctm = rotation_matrix(mediabox, page.get_rotation())
    box = visible_box(mediabox, cropbox, ctm)
    frame = multiply(ctm, (1, 0, 0, -1, -box[0], box[3]))  # user space -> top-left, y down
    width, height = box[2] - box[0], box[3] - box[1]
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, frame, width, height)
    finally:
        textpage.close()
    return RawPage(width, height, chars, _rules(page.raw, frame, width, height))


class _Font:
    """What the characters of one text object share: font name, size, direction, and its matrix.

    ``top`` and ``bottom`` are those of every character of a level line (pdfminer's box: the
    font's descent below the baseline, the font size above that); None for slanted text.
    """

    __slots__ = ("bottom", "high", "low", "matrix", "name", "size", "top", "upright")

    def __init__(self, name: str, size: float, matrix: Matrix, low: float, high: float) -> None:
        self.name, self.size, self.matrix = name, size, matrix
        self.low, self.high = low, high  # the box's bottom and top in text space
        # The matrix turns y downwards; a character is upright when it is in pdfminer's y-up space.
        self.upright = upright((matrix[0], -matrix[1], matrix[2], -matrix[3], 0, 0))
        self.top: float | None = None
        self.bottom = 0.0


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A pdfium function called with plain addresses: the two calls made for every character
    cost half as much through this prototype as through the typed bindings."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_TEXT_OBJECT = _fast(c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_LOOSE_BOX = _fast(c.FPDFText_GetLooseCharBox, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)


def _text(tp: Any, count: int) -> str:
    """The page's characters as one string, index for index (one call; one by one past the BMP),
    with pdfium's line-end hyphen marks back as "-"."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = c.FPDFText_GetText(tp, 0, count, buffer)
    codes = buffer[: max(written - 1, 0)]
    if len(codes) != count or any(0xD800 <= u <= 0xDFFF for u in codes):
        codes = [c.FPDFText_GetUnicode(tp, i) for i in range(count)]
    return "".join(map(chr, codes)).translate(_MARKS)


def _chars(tp: Any, frame: Matrix, width: float, height: float) -> list[Char]:
    """The text page's characters that pdfminer would give, in display space.

    Characters come in runs of one text object, which share font, size and (on a level line)
    top and bottom, so most of the work is done once per run.
    """
    count = c.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    handle = ctypes.cast(tp, ctypes.c_void_p).value
    box = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    at = ctypes.addressof(box)
    text_object, loose_box = _TEXT_OBJECT, _LOOSE_BOX
    text = _text(tp, count)
    objects = [text_object(handle, i) for i in range(count)]
    fonts: dict[int | None, _Font] = {}
    a, b, cc, _, e, _ = frame
    flipped = b != 0
    chars: list[Char] = []
    for obj, group in groupby(range(count), objects.__getitem__):
        run = list(group)
        if obj is None:  # pdfium's own spaces and line ends
            if chars and text[run[0]] == " " and run[-1] + 1 < count:
                _, x0, x1 = (loose_box(handle, run[-1] + 1, at), *_xs(box, frame))
                _gap_space(chars, min(x0, x1))
            continue
        font = fonts.get(obj)
        if font is None:
            font = fonts[obj] = _font(tp, run[0], obj, frame)
        if not font.upright:
            continue
        if flipped:  # a page turned by 90 or 270 degrees: shown x comes from user y
            edges = [(loose_box(handle, i, at), cc * box[3] + e, cc * box[1] + e) for i in run]
        else:
            edges = [(loose_box(handle, i, at), a * box[0] + e, a * box[2] + e) for i in run]
        size, name = font.size, font.name
        for i, (_, x0, x1) in zip(run, edges, strict=True):
            left, right = (x0, x1) if x0 <= x1 else (x1, x0)
            if font.top is None:  # text set at a slant: each character has its own height
                top, bottom = _extent(tp, i, font, frame)
            else:
                top, bottom = font.top, font.bottom
            if 0 <= (left + right) / 2 <= width and 0 <= (top + bottom) / 2 <= height:
                chars.append((top, left, right, bottom, text[i], size, name))
    return chars


def _xs(box: Any, frame: Matrix) -> tuple[float, float]:
    """A loose box's left and right edges as shown (from its user-space x, or y on a turned page)."""
    a, b, cc, _, e, _ = frame
    return (cc * box[3] + e, cc * box[1] + e) if b != 0 else (a * box[0] + e, a * box[2] + e)


def _gap_space(chars: list[Char], next_left: float) -> None:
    """Keep a space pdfium inserted when the gap it stands for is a word space's width.

    Some producers (Chromium) set each glyph apart and leave the space glyph out, or pdfium takes
    it for its own; a gap of a fifth of the font size or more is a word space, and the layout
    would otherwise join the words where the glyph boxes leave less than its 3-point gap.
    """
    top, _, right, bottom, _, size, name = chars[-1]
    if next_left - right >= _WORD_SPACE * size:
        chars.append((top, right, next_left, bottom, " ", size, name))


def _font(tp: Any, index: int, address: int | None, frame: Matrix) -> _Font:
    """Font name, effective size, direction and line extent of the text object holding ``index``."""
    raw = c.FS_MATRIX()
    c.FPDFText_GetMatrix(tp, index, raw)
    m = multiply((raw.a, raw.b, raw.c, raw.d, raw.e, raw.f), frame)
    font_size = c.FPDFText_GetFontSize(tp, index)
    name, descent = "", 0.0
    if address:
        obj = ctypes.cast(address, c.FPDF_PAGEOBJECT)
        given = ctypes.c_float()
        if c.FPDFTextObj_GetFontSize(obj, given):
            font_size = given.value
        handle = c.FPDFTextObj_GetFont(obj)
        if handle:
            length = c.FPDFFont_GetBaseFontName(handle, None, 0)
            if length > 0:
                buffer = ctypes.create_string_buffer(length)
                c.FPDFFont_GetBaseFontName(handle, buffer, length)
                name = buffer.value.decode("utf-8", "replace")
            value = ctypes.c_float()
            if c.FPDFFont_GetDescent(handle, ctypes.c_float(1.0), value):
                descent = value.value
    size = font_size * (m[2] ** 2 + m[3] ** 2) ** 0.5  # the font size as shown (Tf times the scale)
    font = _Font(name, size, m, descent * font_size, (descent + 1) * font_size)
    if font.upright and m[1] == 0:  # a level line: one top and bottom for the whole object
        font.top, font.bottom = _extent(tp, index, font, frame)
    return font


def _extent(tp: Any, index: int, font: _Font, frame: Matrix) -> tuple[float, float]:
    """Top and bottom of character ``index`` as shown: its baseline, less the descent, plus the size."""
    x, y = ctypes.c_double(), ctypes.c_double()
    c.FPDFText_GetCharOrigin(tp, index, x, y)
    _, base = apply(frame, x.value, y.value)
    m = font.matrix
    low, high = base + m[3] * font.low, base + m[3] * font.high
    return (low, high) if low <= high else (high, low)


def _rules(page: Any, frame: Matrix, width: float, height: float) -> list[Rule]:
    """Straight lines, then axis-aligned rectangles, among the page's paths (forms included)."""
    lines: list[Rule] = []
    rects: list[Rule] = []
    matrix = c.FS_MATRIX()
    bounds = [ctypes.c_float() for _ in range(4)]
    # (page or form object, is it a form, next object's index, its matrix to display space)
    stack: list[tuple[Any, bool, int, Matrix]] = [(page, False, 0, frame)]
    while stack:
        parent, in_form, start, outer = stack.pop()
        count = c.FPDFFormObj_CountObjects(parent) if in_form else c.FPDFPage_CountObjects(parent)
        for index in range(start, count):
            obj = c.FPDFFormObj_GetObject(parent, index) if in_form else c.FPDFPage_GetObject(parent, index)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_FORM:
                c.FPDFPageObj_GetMatrix(obj, matrix)
                inner = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
                stack.append((parent, in_form, index + 1, outer))
                stack.append((obj, True, 0, inner))
                break
            if kind != c.FPDF_PAGEOBJ_PATH:
                continue
            if not in_form and c.FPDFPageObj_GetBounds(obj, *bounds):
                left, bottom, right, top = (v.value for v in bounds)
                if right - left < _MIN_RULE - 1 and top - bottom < _MIN_RULE - 1:
                    continue  # a glyph-sized mark, a chart's dot: no rule in it
            c.FPDFPageObj_GetMatrix(obj, matrix)
            m = multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            for kind_box in _path_rules(obj, m):
                shape, box = kind_box
                if box[2] >= 0 and box[0] <= width and box[3] >= 0 and box[1] <= height:
                    (lines if shape == "line" else rects).append(box)
    return lines + rects


def _path_rules(obj: Any, m: Matrix) -> list[tuple[str, Rule]]:
    """A path's straight lines and rectangles ("line" or "rect", box), classified as pdfminer does."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    for n in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, n)
        kind = c.FPDFPathSegment_GetType(seg)
        c.FPDFPathSegment_GetPoint(seg, x, y)
        point = apply(m, x.value, y.value)
        if kind == c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(("m", [point]))
        else:
            shape, points = subpaths[-1]
            subpaths[-1] = (shape + ("l" if kind == c.FPDF_SEGMENT_LINETO else "c"), [*points, point])
        if c.FPDFPathSegment_GetClose(seg):
            shape, points = subpaths[-1]
            subpaths[-1] = (shape + "h", [*points, points[0]])
    found = [_straight_box(shape, points) for shape, points in subpaths]
    return [box for box in found if box is not None]


def _straight_box(shape: str, points: list[tuple[float, float]]) -> tuple[str, Rule] | None:
    """("line" or "rect", box) of a subpath that is one straight line or an axis-aligned rectangle."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", [*points[:-2], points[-1]]
    kind = "line"
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
    elif shape in ("mlllh", "mllll") and points[0] == points[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        if not (
            (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
            or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        ):
            return None
        x1, y1, kind = x2, y2, "rect"
    else:
        return None
    return kind, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
