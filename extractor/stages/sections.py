"""Stage ``sections``: the section tree: summary parts, one section per graded area, and each area's parts.

Levels come from each heading's role, not from its markup, because reports mark
the same role at different levels (and plain text marks none): top-level sections
(summary, areas, back matter) are level 1, an area's parts ("Main findings",
"Areas for improvement", "Innovative practice") level 2, the headings under a part
level 3. A numbered heading ("3.1 ...") nests by its number. The table of contents
is one section with no children; bare grade labels and a judgments grid's lines open no section.
"""

from __future__ import annotations

import regex

from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.areas import match_area
from extractor.vocab.grades import BARE_GRADE_RE
from extractor.vocab.headings import (
    BACK_MATTER_RE,
    CONTENTS_RE,
    OPENING_SUMMARY_RE,
    SUMMARY_RE,
    TOP_OTHER_RE,
    part_kind,
)
from schemas import SectionKind

_NUMBERED_RE = regex.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(?=\p{Lu})")
_PAGE_NUMBER_END_RE = regex.compile(r"(?:\.{3,}|…|\s)\s*\d{1,3}\s*$")


def _normal(text: str) -> str:
    return regex.sub(r"\W+", " ", text.lower()).strip()


def _toc_end(blocks: list[Block], start: int, later_headings: set[str]) -> int:
    """Index one past the last table-of-contents entry after the Contents heading at ``start``."""
    index = start + 1
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        entry = (
            block.kind is BlockKind.TABLE_ROW
            or bool(_PAGE_NUMBER_END_RE.search(text))
            or (
                len(text) <= 160
                and not text.endswith(".")
                and _normal(text) in later_headings
                and block.kind is not BlockKind.HEADING
            )
        )
        if not entry:
            break
        index += 1
    return index


# The section kinds of an area's parts, which stand beside each other.
_PART_KINDS = frozenset(
    {"areas_for_improvement", "causes_of_concern", "recommendations", "innovative_practice"}
)


class _TreeBuilder:
    """Opens and closes sections as heading blocks arrive."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.roots: list[SectionNode] = []
        self.stack: list[SectionNode] = []
        self.seen_areas: set[str] = set()
        self.back_matter = False

    def open(self, node: SectionNode) -> None:
        while self.stack and self.stack[-1].level >= node.level:
            self.stack.pop().end = node.start
        (self.stack[-1].children if self.stack else self.roots).append(node)
        self.stack.append(node)

    def close_all(self, end: int) -> None:
        while self.stack:
            self.stack.pop().end = end

    def _base(self) -> int:
        """Level of the innermost open numbered container (0 when none)."""
        for node in reversed(self.stack):
            if node.kind is SectionKind.OTHER and _NUMBERED_RE.match(node.title):
                return node.level
        return 0

    def _top(self, base: int) -> SectionNode | None:
        return next((n for n in self.stack if n.level == base + 1), None)

    def add(self, index: int, block: Block) -> None:
        title = block.text.strip()
        numbered = _NUMBERED_RE.match(title)
        if numbered:
            depth = numbered.group(1).count(".") + 1
            area_id = self._area(title)
            kind = SectionKind.AREA if area_id else SectionKind.OTHER
            self.open(SectionNode(title, depth, kind, area_id, index, index + 1))
            return
        base = self._base()
        top = self._top(base)
        part = part_kind(title)
        if part:
            # A part under the top section; beside another part, never inside it (a page with
            # no area heading: "Areas for improvement", then "Cause of concern").
            level = top.level + (top.kind.value not in _PART_KINDS) if top else base + 1
            self.open(SectionNode(title, level, SectionKind(part), None, index, index + 1))
            return
        if SUMMARY_RE.match(title) and not self.back_matter:
            nested = (
                top is not None and top.kind is SectionKind.SUMMARY and not OPENING_SUMMARY_RE.match(title)
            )
            level = base + 2 if nested else base + 1
            self.open(SectionNode(title, level, SectionKind.SUMMARY, None, index, index + 1))
            return
        if BACK_MATTER_RE.match(title):
            self.back_matter = self.back_matter or bool(self.seen_areas)
            # Before any area, "About the data" inside the opening summary is one of its parts.
            in_summary = not self.seen_areas and top is not None and top.kind is SectionKind.SUMMARY
            level = base + 2 if in_summary else base + 1
            self.open(SectionNode(title, level, SectionKind.OTHER, None, index, index + 1))
            return
        current = next((n for n in reversed(self.stack) if n.kind is SectionKind.AREA), None)
        if current is not None and current.start == index - 1 and match_area(title) == current.area_id:
            return  # a restatement of the area just opened (pillar name, then its question)
        area_id = self._area(title)
        if area_id:
            self.open(SectionNode(title, base + 1, SectionKind.AREA, area_id, index, index + 1))
            return
        if TOP_OTHER_RE.match(title):
            self.open(SectionNode(title, base + 1, SectionKind.OTHER, None, index, index + 1))
            return
        self._add_sub_heading(index, title, base)

    def _add_sub_heading(self, index: int, title: str, base: int) -> None:
        """A heading that is neither a known part nor a top section: nest it under what is open."""
        parent = next((n for n in reversed(self.stack) if not n.sub), None)
        if parent is None:
            self.open(SectionNode(title, base + 1, SectionKind.OTHER, None, index, index + 1))
            return
        finding = parent.kind in (SectionKind.MAIN_FINDINGS, SectionKind.AREA)
        kind = SectionKind.FINDING if finding else SectionKind.OTHER
        self.open(SectionNode(title, parent.level + 1, kind, None, index, index + 1, sub=True))

    def _area(self, title: str) -> str | None:
        if self.back_matter:
            return None
        area_id = match_area(title)
        if area_id is None or area_id in self.seen_areas:
            return None
        self.seen_areas.add(area_id)
        return area_id


def build_sections(ex: Extraction) -> list[SectionNode]:
    """The section tree of the document (see the module docstring for the rules)."""
    blocks = ex.blocks
    builder = _TreeBuilder(ex)
    heading_texts = [_normal(b.text) for b in blocks if b.is_heading]
    # A judgments grid's lines open no section (a grid read one cell a line lists area titles).
    assert ex.grids is not None
    in_grid = ex.grids.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.is_heading and CONTENTS_RE.match(block.text):
            later = set(heading_texts)
            end = _toc_end(blocks, index, later)
            builder.close_all(index)
            builder.open(SectionNode(block.text.strip(), 1, SectionKind.OTHER, None, index, end))
            builder.close_all(end)
            index = end
            continue
        if block.is_heading and not BARE_GRADE_RE.match(block.text) and index not in in_grid:
            builder.add(index, block)
        index += 1
    builder.close_all(len(blocks))
    return builder.roots


@stage("sections", requires=("info", "grids"), assigns=("sections",))
def sections_stage(ex: Extraction) -> None:
    """Build the section tree and warn when no area section is found in a report."""
    ex.sections = build_sections(ex)
    if not any(node.kind is SectionKind.AREA for node in ex.all_sections()):
        ex.warn("no-area-sections", "no section of the document is headed by a known PEEL area")
