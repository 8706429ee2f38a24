"""The one document model every reader produces and every stage reads.

A reader turns bytes into a :class:`Document`: an ordered list of :class:`Block`
(heading, paragraph, list item, table row, caption), each with the place it came
from. Stages never see the file again; they read blocks and add typed results.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum

from schemas import InputFormat, Span, Warning


class BlockKind(str, Enum):
    """What a block is, as far as layout tells (not what it means)."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    CAPTION = "caption"


@dataclass
class Block:
    """One unit of layout with its text and provenance.

    ``offsets`` maps character offsets in ``text`` to spans for blocks that join
    several source lines (a PDF paragraph): ``[(0, span_of_line1), (57, span_of_line2)]``.
    ``cells`` holds a table row's cells; ``level`` a heading's level as the source
    marks it (1 = biggest), or None where the source gives none (plain text).
    ``emphasis`` is True when the whole block is bold in the source.
    """

    kind: BlockKind
    text: str
    span: Span
    level: int | None = None
    cells: list[str] | None = None
    emphasis: bool = False
    offsets: list[tuple[int, Span]] = field(default_factory=list)

    def span_at(self, offset: int) -> Span:
        """The span of the source line holding character ``offset`` of ``text``."""
        if not self.offsets:
            return self.span
        starts = [start for start, _ in self.offsets]
        index = bisect.bisect_right(starts, offset) - 1
        return self.offsets[max(index, 0)][1]

    @property
    def is_heading(self) -> bool:
        """True for heading blocks."""
        return self.kind is BlockKind.HEADING


@dataclass
class Document:
    """A whole input as blocks, with what the reader learnt and warned about."""

    path: str
    sha256: str
    format: InputFormat
    blocks: list[Block]
    pages: int | None = None
    title: str | None = None
    warnings: list[Warning] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All block text, one block a line (for document-level cues such as the force)."""
        return "\n".join(block.text for block in self.blocks)
