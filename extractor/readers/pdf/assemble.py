"""PDF lines to blocks: headings by font, paragraphs by spacing, list items by bullet glyph.

Headings are told from body text by font size and weight against the document's own body
font. Paragraphs are rebuilt from lines, joined across page and column breaks, and
end-of-line hyphenation is undone where the joined word occurs elsewhere in the document.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import regex

from extractor.model import Block, BlockKind
from extractor.readers.common import bold_line_is_heading, table_row
from extractor.readers.pdf.layout import Line, body_size, rounded_bbox, text_sizes
from extractor.vocab.headings import CAPTION_RE
from extractor.vocab.words import stems
from schemas import Span

_SENTENCE_END = (".", "!", "?", ":", ";")
_WORD_RE = regex.compile(r"\p{L}+(?:[-’']\p{L}+)*")


class Assembler:
    """Lines to blocks: headings by font, paragraphs by spacing, list items by bullet glyph."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        sizes = text_sizes(line for line in lines if line.cells is None)
        self.body = body_size(sizes)
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

    def _role(self, line: Line) -> str:
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
        group: list[Line] = []
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

    def _continues(self, group: list[Line], role: str, line: Line, line_role: str) -> bool:
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

    def _block(self, group: list[Line], role: str) -> Block:
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
            return table_row(cells, span)
        if CAPTION_RE.match(text):
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
        if role == "bold" and bold_line_is_heading(text):
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
        if prev.text.rstrip("’”\"')]").endswith(_SENTENCE_END):
            return False  # a full page ending at a sentence end reads as a paragraph end
        first_word = self._first_word_width(head)
        # The first word would have fitted on the previous line had the paragraph gone on there.
        return line.x1 + 0.3 * line.size + first_word > line.right + 0.5

    def _line_of(self, span: Span) -> Line | None:
        return self._index().get((span.page or 0, span.line or 0))

    def _first_word_width(self, span: Span) -> float:
        line = self._line_of(span)
        return line.first_width if line else 0.0

    def _index(self) -> dict[tuple[int, int], Line]:
        if not hasattr(self, "_by_place"):
            self._by_place = {(line.page, line.number): line for line in self.lines}
        return self._by_place


def _union(lines: list[Line]) -> Span:
    """The first line's page and line number, with the bbox of the lines on that page."""
    first = lines[0]
    same = [line for line in lines if line.page == first.page]
    x0, top = min(x.x0 for x in same), min(x.top for x in same)
    x1, bottom = max(x.x1 for x in same), max(x.bottom for x in same)
    return Span(page=first.page, line=first.number, bbox=rounded_bbox(x0, top, x1, bottom))
