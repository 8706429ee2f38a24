"""What a PDF engine gives the layout code: each page's characters and rules, in page space.

An engine (:mod:`.plumber`, :mod:`.pdfium`) opens the file and turns each page into a
:class:`RawPage`: its visible size and its upright characters and straight rules, with
coordinates from the visible page's top-left corner, y growing downwards. Words, lines,
columns, tables and blocks are then built by the same code whichever engine read the page,
so the engines can be held one against the other. Importing this module loads no engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

# The engines (name -> module) and the default: in extractor.defaults, which the command line
# reads at start-up without loading the readers.
from extractor.defaults import DEFAULT_ENGINE, ENGINES

# One character: (top, x0, x1, bottom, text, size, font name), in page space (points).
Char = tuple[float, float, float, float, str, float, str]
# A rule drawn on the page: (x0, top, x1, bottom) of a thin line or rectangle.
Rule = tuple[float, ...]
# An affine matrix (a, b, c, d, e, f), as PDF writes it: (x, y) -> (ax + cy + e, bx + dy + f).
Matrix = tuple[float, float, float, float, float, float]


def check_engine(engine: str | None) -> str:
    """The engine's name (the default for None); ValueError naming the choices for another."""
    if engine is None:
        return DEFAULT_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; expected one of: {', '.join(sorted(ENGINES))}")
    return engine


@dataclass(slots=True)
class RawPage:
    """A page as an engine read it: visible size, upright characters and straight rules."""

    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]


class OpenedPdf(Protocol):
    """An open PDF: page count, title, and its pages read one at a time (each closed once read)."""

    count: int
    title: str | None

    def pages(self) -> Iterator[RawPage]:
        """Each page in order; raises CorruptPdf naming the page that cannot be read."""
        ...

    def close(self) -> None:
        """Release the file (never raises: a damaged file's text is already taken)."""
        ...


def rotation_matrix(mediabox: tuple[float, float, float, float], rotate: int) -> Matrix:
    """The matrix that turns user space into the displayed page (pdfminer's, so both engines agree).

    The page's /Rotate turns it clockwise as shown; the MediaBox's corner becomes the origin.
    """
    x0, y0, x1, y1 = mediabox
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point through a matrix."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0`` (a point goes through m1 first), as pdfminer's ``mult_matrix``."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def box_through(m: Matrix, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """An axis-aligned box through a matrix, as the box around its corners (x0, y0, x1, y1)."""
    (ax, ay), (bx, by) = apply(m, box[0], box[1]), apply(m, box[2], box[3])
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def visible_box(
    mediabox: tuple[float, float, float, float],
    cropbox: tuple[float, float, float, float],
    m: Matrix,
) -> tuple[float, float, float, float]:
    """The part of the page a viewer shows (CropBox within MediaBox), in displayed space."""
    mx0, my0, mx1, my1 = box_through(m, _normal(mediabox))
    cx0, cy0, cx1, cy1 = box_through(m, _normal(cropbox))
    box = (max(mx0, cx0), max(my0, cy0), min(mx1, cx1), min(my1, cy1))
    return box if box[0] < box[2] and box[1] < box[3] else (mx0, my0, mx1, my1)


def _normal(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box written with any two opposite corners, as (x0, y0, x1, y1) with x0 <= x1, y0 <= y1."""
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    return (x0, y0, x1, y1)


def upright(m: Matrix) -> bool:
    """True when text set with this matrix reads left to right, the right way up (pdfminer's test)."""
    return m[0] * m[3] > 0 and m[1] * m[2] <= 0
