"""The canonical text of a document, and character offsets into it for every result.

The canonical text is what the stages read, written out once: the document model's blocks in
reading order, each block's text then a blank line, a form feed between PDF pages, and a table
row's cells joined by tabs. ``peel-extract text FILE`` prints it. Every span gets ``start`` and
``end`` into it: the reader's spans get their line's offsets when the text is built
(:func:`build`), and a result's words are then grounded at or after the place its stage gave
(:meth:`Canonical.ground`), as LangExtract aligns an extraction with its source text, so that
``text[start:end]`` with white space collapsed is the result's words with white space collapsed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extractor.model import Block, BlockKind, Document, Extraction
from schemas import ITEM_FIELDS, Span

BLOCK_END = "\n\n"  # a blank line after every block
PAGE_BREAK = "\f"  # between the last block of a PDF page and the first of the next
CELL_SEPARATOR = "\t"  # between a table row's cells
_SPACE_RE = re.compile(r"\s+")
# How far past its hint a result's words may begin: a span names the line a result starts on,
# so its words start within that line's block (a long paragraph; a PDF block of many lines).
_WINDOW = 20_000


def collapse(text: str) -> str:
    """``text`` with every run of white space one space, stripped (how offsets are compared)."""
    return _SPACE_RE.sub(" ", text).strip()


def block_text(block: Block) -> str:
    """A block's text as the canonical text writes it (a table row: its cells joined by tabs)."""
    if block.kind is BlockKind.TABLE_ROW and block.cells is not None:
        return CELL_SEPARATOR.join(cell.replace("\n", " ") for cell in block.cells)
    return block.text


@dataclass
class Canonical:
    """A document's canonical text with each block's start, to ground results in it."""

    text: str
    starts: list[int]  # offset of each block's first character
    blocks: list[Block]
    _lines: list[tuple[int, Span]] = field(default_factory=list)  # (offset, span) of each line, sorted

    def block_at(self, offset: int) -> int:
        """Index of the block holding (or just before) character ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def span_at(self, offset: int) -> Span | None:
        """The reader's span of the line holding character ``offset`` (None for an empty document)."""
        index = bisect.bisect_right(self._lines, offset, key=lambda pair: pair[0]) - 1
        return self._lines[max(index, 0)][1] if self._lines else None

    def hint(self, span: Span | None) -> int:
        """Where to look for a result's words: its span's start, else the first line at its
        page and line (a span made before the text was built), else the top."""
        if span is None:
            return 0
        if span.start is not None:
            return span.start
        for offset, line in self._lines:
            if line.line == span.line and line.page == span.page:
                return offset
        return 0

    def find(self, words: str, hint: int) -> tuple[int, int] | None:
        """(start, end) of ``words`` (white space free to differ) at or after ``hint``, else the
        occurrence nearest it anywhere; None when the text holds no such words."""
        tokens = words.split()
        if not tokens:
            return None
        pattern = re.compile(r"\s+".join(re.escape(token) for token in tokens))
        match = pattern.search(self.text, hint, hint + len(words) * 2 + _WINDOW)
        if match is not None:
            return match.start(), match.end()
        found = [(abs(m.start() - hint), m.start(), m.end()) for m in pattern.finditer(self.text)]
        return (min(found)[1], min(found)[2]) if found else None

    def ground(self, span: Span, words: str | None) -> Span:
        """``span`` with ``start``/``end`` of ``words`` found from its hint; with no words (or
        none found), the line it names, as the reader gave it."""
        hint = self.hint(span)
        where = self.find(words, hint) if words else None
        if where is None:
            line = self.span_at(hint)
            if line is None or line.start is None or line.end is None:
                return span
            where = (line.start, line.end)
        return span.model_copy(update={"start": where[0], "end": where[1]})

    def end_of(self, end: int) -> Span | None:
        """The reader's span of the line the text ending at ``end`` stops on."""
        return self.span_at(max(end - 1, 0))


def _with_offsets(span: Span, start: int, end: int) -> Span:
    """A copy of a reader's span that also says where its line stands in the canonical text."""
    return span.model_copy(update={"start": start, "end": end})


def build(document: Document) -> Canonical:
    """The canonical text of ``document``; every block's span (and its lines' spans) gets the
    offsets of its line in it, so whatever a stage copies from a block can be grounded."""
    parts: list[str] = []
    starts: list[int] = []
    lines: list[tuple[int, Span]] = []
    offset = 0
    page = None
    for index, block in enumerate(document.blocks):
        if index and block.span.page is not None and page is not None and block.span.page != page:
            parts.append(PAGE_BREAK)
            offset += len(PAGE_BREAK)
        page = block.span.page if block.span.page is not None else page
        text = block_text(block)
        starts.append(offset)
        end = offset + len(text)
        table = block.kind is BlockKind.TABLE_ROW
        line_starts = [] if table else [(at, span) for at, span in block.offsets if 0 < at < len(text)]
        first_end = offset + line_starts[0][0] if line_starts else end
        block.span = _with_offsets(block.span, offset, first_end)
        lines.append((offset, block.span))
        new_offsets = [(0, block.span)] if block.offsets else []
        for position, (at, span) in enumerate(line_starts):
            line_end = offset + line_starts[position + 1][0] if position + 1 < len(line_starts) else end
            line_span = _with_offsets(span, offset + at, line_end)
            new_offsets.append((at, line_span))
            lines.append((offset + at, line_span))
        block.offsets = new_offsets
        parts.append(text)
        parts.append(BLOCK_END)
        offset = end + len(BLOCK_END)
    return Canonical("".join(parts), starts, document.blocks, lines)


def canonical_text(document: Document) -> str:
    """The text ``peel-extract text FILE`` prints (builds the offsets as a side effect)."""
    return build(document).text


def _grounded_span(canon: Canonical, span: Span, words: str | None) -> tuple[Span, Span | None]:
    """A result's span grounded at its words, and the reader's span of the line they end on."""
    grounded = canon.ground(span, words)
    return grounded, canon.end_of(grounded.end) if grounded.end is not None else None


def _ends(last: Span | None) -> dict[str, int | None]:
    """``end_line``/``end_page`` fields from the span of a result's last line."""
    return {"end_line": last.line if last else None, "end_page": last.page if last else None}


def ground_results(ex: Extraction, canon: Canonical) -> None:
    """Give every result's span its offsets in the canonical text, found at its words: judgments'
    and earlier judgments' evidence, items (and where they end), counts, findings, the force's and
    cycle's evidence, and warnings (which also get the words of the block they are about)."""
    for name in ("judgments", "earlier_judgments"):
        for judgment in getattr(ex, name) or []:
            judgment.evidence = [canon.ground(e, e.text) for e in judgment.evidence]
    for name in ITEM_FIELDS:
        items = getattr(ex, name) or []
        for position, item in enumerate(items):
            span, last = _grounded_span(canon, item.span, item.text)
            items[position] = item.model_copy(update={"span": span, **_ends(last)})
    for count in ex.stated_counts or []:
        count.span = canon.ground(count.span, count.text)
    for finding in ex.findings or []:
        finding.span = canon.ground(finding.span, finding.text)
    if ex.info is not None:
        for named in (ex.info.force, ex.info.inspection):
            if named is not None:
                named.evidence = [canon.ground(q, q.text) for q in named.evidence]
        if ex.info.published_evidence is not None:
            quote = ex.info.published_evidence
            ex.info.published_evidence = canon.ground(quote, quote.text)
    for position, found in enumerate(ex.warnings):
        if found.span is None:
            continue
        text = found.text
        if text is None:
            text = collapse(block_text(canon.blocks[canon.block_at(canon.hint(found.span))]))
        ex.warnings[position] = found.model_copy(
            update={"span": canon.ground(found.span, text), "text": text}
        )


def section_ends(canon: Canonical, start: int, end: int) -> dict[str, int | None]:
    """``end_line``/``end_page`` of a section whose blocks are ``start`` up to ``end``."""
    last = max(end - 1, start)
    if last >= len(canon.blocks):
        return _ends(None)
    stop = canon.starts[last] + len(block_text(canon.blocks[last]))
    return _ends(canon.end_of(stop))
