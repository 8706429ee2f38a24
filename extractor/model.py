"""The working model: the document every reader produces, and the state the stages fill in.

A reader turns bytes into a :class:`Document`: an ordered list of :class:`Block`
(heading, paragraph, list item, table row, caption), each with the place it came
from. Stages never see the file again; they read blocks and add typed results to
an :class:`Extraction`, whose result fields are named as the report's.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum

from extractor.errors import warning
from extractor.vocab.headings import CONTENTS_RE, PAGE_COUNTER_RE
from schemas import (
    DocumentInfo,
    EarlierJudgment,
    Finding,
    Grade,
    InputFormat,
    Item,
    Judgment,
    SectionKind,
    Span,
    StatedCount,
    Warning,
)


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
    engine: str | None = None  # the PDF engine that read it ("pdfium", "pdfplumber"); None for others

    @property
    def text(self) -> str:
        """All block text, one block a line (for document-level cues such as the force)."""
        return "\n".join(block.text for block in self.blocks)


@dataclass
class SectionNode:
    """A section while the pipeline works: its heading block and the blocks it covers."""

    title: str
    level: int
    kind: SectionKind
    area_id: str | None
    start: int  # index of the heading block
    end: int  # index one past the last block it covers
    children: list[SectionNode] = field(default_factory=list)
    sub: bool = False  # a plain sub-heading: later sub-headings become its siblings

    def walk(self) -> list[SectionNode]:
        """This section and every section below it, in document order."""
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


@dataclass(frozen=True)
class GridEntry:
    """An area's entry in a judgments grid: the block it stands in, its text and its column's grade."""

    block: int  # index of the block holding the entry (its first row when a cell wraps)
    text: str  # the area as the grid writes it
    grade: Grade
    grade_text: str  # the grade words as the grid writes them
    lead: int | None = None  # index of the block before the grid or list (its lead-in), if any
    # True for a label line that follows its area in a list of area / grade pairs: ``block`` is
    # the label's, and it is as strong as a label under its heading.
    label_line: bool = False


@dataclass
class Grids:
    """The document's judgments grids, found once: their entries and every block index they cover.

    Sections read ``blocks`` (a grid's lines open no section); judgments read both, and warn
    about ``doubts``: (first block, why) of each list read one line at a time whose order
    (grade after its area, or area under its grade) could not be told, so it gave no entries.
    """

    entries: list[GridEntry]
    blocks: set[int]
    doubts: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Extraction:
    """The working state of one document through the stages."""

    document: Document
    info: DocumentInfo | None = None
    grids: Grids | None = None
    sections: list[SectionNode] | None = None
    judgments: list[Judgment] | None = None
    earlier_judgments: list[EarlierJudgment] | None = None
    areas_for_improvement: list[Item] | None = None
    causes_of_concern: list[Item] | None = None
    recommendations: list[Item] | None = None
    innovative_practice: list[Item] | None = None
    stated_counts: list[StatedCount] | None = None
    findings: list[Finding] | None = None
    warnings: list[Warning] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        """The document's blocks."""
        return self.document.blocks

    def all_sections(self) -> list[SectionNode]:
        """Every section in document order."""
        return [node for root in self.sections or [] for node in root.walk()]

    def path_at(self, index: int) -> list[SectionNode]:
        """The sections holding block ``index``, outermost first."""
        path: list[SectionNode] = []
        level = self.sections or []
        while True:
            inner = next((node for node in level if node.start <= index < node.end), None)
            if inner is None:
                return path
            path.append(inner)
            level = inner.children

    def area_at(self, index: int) -> str | None:
        """The canonical area id of the innermost area section holding block ``index``."""
        for node in reversed(self.path_at(index)):
            if node.kind is SectionKind.AREA:
                return node.area_id
        return None

    def area_section_at(self, index: int) -> SectionNode | None:
        """The innermost area section holding block ``index``."""
        return next((n for n in reversed(self.path_at(index)) if n.kind is SectionKind.AREA), None)

    def body_blocks(self) -> list[tuple[int, Block]]:
        """(index, block) of every block that can state counts and findings.

        Not the table of contents' entries, nor a bare page counter ("Page 3 of 12" is no "X of Y").
        """
        contents = [(n.start, n.end) for n in self.all_sections() if CONTENTS_RE.match(n.title.strip())]
        return [
            (index, block)
            for index, block in enumerate(self.blocks)
            if not any(start <= index < end for start, end in contents)
            and not PAGE_COUNTER_RE.match(block.text)
        ]

    def warn(self, code: str, message: str, block: Block | None = None) -> None:
        """Record a warning, with the block's span when there is one."""
        self.warnings.append(warning(code, message, block.span if block else None))
