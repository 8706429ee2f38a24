"""Plain-text and Markdown reader: decoded lines to blocks, one source line each (a
sentence broken over lines by hard line breaks is joined into one block).

Plain text has no markup, so headings are told from paragraphs by the
inspectorate's conventions: a known section name ("Main findings", "Areas for
improvement"), or a short line with no closing full stop that is followed by body
text, or a question ("How effective is the force at ...?"). Markdown adds ``#``
headings, whole-line ``**bold**`` / ``<b>`` headings, tab and pipe tables, bullets
and ``[term](#)`` links. The reader knows nothing of grades or areas.
"""

from __future__ import annotations

import regex

from extractor.model import Block, BlockKind, Document
from extractor.readers.common import (
    bold_line_is_heading,
    clean_line,
    collapse,
    decode_text,
    require_text,
    table_row,
    trim_cells,
)
from extractor.vocab.headings import CAPTION_RE, CONTINUED_LINE_RE, LABEL_LINE_RE, is_known_heading
from schemas import InputFormat, Span

_SKIP_LINK_RE = regex.compile(r"^\s*skip\s+to\s+(?:main\s+)?content\s*$", regex.IGNORECASE)

_MD_HEADING_RE = regex.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK_RE = regex.compile(r"\[([^\]\n]*)\]\((?:[^)\s]*)\)")
_MD_BOLD_LINE_RE = regex.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*$")
_HTML_BOLD_LINE_RE = regex.compile(r"^\s*<(b|strong)>(.+?)</\1>\s*$", regex.IGNORECASE)
_INLINE_TAG_RE = regex.compile(r"</?(?:b|strong|i|em|u|span|br)\s*/?>", regex.IGNORECASE)
_INLINE_EMPH_RE = regex.compile(r"(\*\*|__)(.+?)\1")
_PIPE_ROW_RE = regex.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE_RE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_BULLET_RE = regex.compile(r"^\s*(?:[-•*▪◦●–]\s+(?:[a-z]\)\s+)?|[a-z]\)\s+|\(?[ivx]+\)\s+)(?=\S)")
# Page furniture and a figure's source note ("Source: ... from the Home Office") are never headings.
_FURNITURE_RE = regex.compile(
    r"^(?:(?:last\s+(?:updated|modified)|published|print\s+this\s+page)\b|sources?\s*:)", regex.I
)

# The date line a web page prints under a heading, before its label.
_DATE_LINE_RE = regex.compile(r"^(?:last\s+(?:updated|modified)|published)\s+\d", regex.IGNORECASE)

# A heading line: short, starts with a capital or a number, no closing full stop.
MAX_HEADING_CHARS = 180
MAX_HEADING_WORDS = 28
_TERMINAL = (".", ",", ";", ":", "!", "…")

# Markdown is told by content: any of these is a cue, and two distinct cues decide.
_MD_CUES = (
    regex.compile(r"^\s{0,3}#{1,6}\s+\S", regex.MULTILINE),
    regex.compile(r"^\s*\*\*[^*\n]+\*\*\s*$", regex.MULTILINE),
    regex.compile(r"\[[^\]\n]+\]\([^)\s]*\)"),
    regex.compile(r"^\s*\|.+\|\s*$", regex.MULTILINE),
    regex.compile(r"<b>[^<\n]+</b>", regex.IGNORECASE),
)


def looks_like_markdown(text: str) -> bool:
    """True when the text carries Markdown markup (headings, bold lines, links, pipe tables).

    >>> looks_like_markdown("# PEEL 2025–27\\n\\n**The force is good**\\n")
    True
    >>> looks_like_markdown("Main findings\\nThe force is good at it.\\n")
    False
    """
    hits = sum(1 for cue in _MD_CUES if cue.search(text))
    headings = len(_MD_CUES[0].findall(text))
    return hits >= 2 or headings >= 3


def _strip_inline_markup(text: str) -> str:
    """Drop links (keep the term), inline bold and simple inline tags."""
    if "](" in text:  # each pattern needs its own characters: most lines skip all three
        text = _MD_LINK_RE.sub(r"\1", text)
    if "<" in text:
        text = _INLINE_TAG_RE.sub("", text)
    if "**" in text or "__" in text:
        text = _INLINE_EMPH_RE.sub(r"\2", text)
    return collapse(text)


def is_heading_shape(text: str) -> bool:
    """A line shaped like a heading: short, capitalised, without a closing full stop.

    >>> is_heading_shape("The force conducts effective and timely investigations")
    True
    >>> is_heading_shape("The force conducts effective investigations.")
    False
    """
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    first = text.lstrip("“‘\"'(")[:1]
    if not (first.isupper() or first.isdigit()) or not regex.search(r"\p{L}{2}", text):
        return False
    return not text.rstrip().endswith(_TERMINAL)


def _is_body(text: str) -> bool:
    """A line that reads as running text: a full sentence, or longer than any heading."""
    return len(text) > MAX_HEADING_CHARS or text.rstrip().endswith(_TERMINAL) or len(text) > 60


def read_lines(text: str, *, markdown: bool) -> list[Block]:
    """Turn decoded text into blocks, one per non-blank source line (1-based ``span.line``)."""
    lines = text.split("\n")
    prepared: list[tuple[int, str]] = []  # (line number, cleaned raw line) of non-blank lines
    for number, raw in enumerate(lines, start=1):
        line = clean_line(raw)
        if line.strip() and not _SKIP_LINK_RE.match(line):
            prepared.append((number, line))

    blocks: list[Block] = []
    index = 0
    while index < len(prepared):
        number, line = prepared[index]
        after = _strip_inline_markup(prepared[index + 2][1]) if index + 2 < len(prepared) else ""
        if index + 1 < len(prepared) and _wrapped_heading(line, prepared[index + 1][1], after):
            joined = f"{collapse(line)} {collapse(prepared[index + 1][1])}"
            tail = Span(line=prepared[index + 1][0])
            blocks.append(
                Block(
                    BlockKind.HEADING,
                    joined,
                    Span(line=number),
                    offsets=[(0, Span(line=number)), (len(collapse(line)) + 1, tail)],
                )
            )
            index += 2
            continue
        run = _wrapped_run(prepared, index)
        if len(run) > 1:
            block = _classify(line, number, "", markdown=markdown)
            if block is not None and block.kind in _RUNNING_KINDS:
                blocks.append(_joined(block, [(n, _strip_inline_markup(text)) for n, text in run[1:]]))
                index += len(run)
                continue
        next_text = _strip_inline_markup(prepared[index + 1][1]) if index + 1 < len(prepared) else ""
        previous = blocks[-1] if blocks else None
        continues_table = (
            previous is not None and previous.kind is BlockKind.TABLE_ROW and previous.span.line == number - 1
        )
        # A Word table saved as text puts each cell on its own tab-led line: the first of such a
        # run of short lines opens a table, so a cell such as "Recommendation" is no heading.
        opens_cell_run = (
            index + 1 < len(prepared)
            and _is_tab_cell(line)
            and _is_tab_cell(prepared[index + 1][1])
            and prepared[index + 1][0] == number + 1
        )
        block = _classify(
            line, number, next_text, markdown=markdown, after_table=continues_table or opens_cell_run
        )
        if block is not None:
            blocks.append(block)
        index += 1
    return blocks


# Blocks a line broken off may start: running text, a bullet, or a line shaped like a heading.
_RUNNING_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING)

# Marks that open a list line, though not all make a bullet block ("· review ..." in Word's text).
_LIST_MARKS = frozenset("·•▪◦●‣-*–—")

# A line that ends its sentence: a full stop, question or exclamation mark, colon or semicolon,
# perhaps inside closing quotes or brackets.
_SENTENCE_END_RE = regex.compile(r"[.!?:;][\"”’)\]]*$")

# The shortest line a hard line break is read in: shorter lines are headings, labels, list lines.
MIN_WRAPPED_CHARS = 50


def _plain(line: str) -> bool:
    """A line without layout of its own: no bullet, heading mark, table cell, bold line or label."""
    text = _strip_inline_markup(line)
    return not (
        "\t" in line.strip()
        or _MD_HEADING_RE.match(line)
        or _PIPE_ROW_RE.match(line)
        or _BULLET_RE.match(line)
        or line.lstrip()[:1] in _LIST_MARKS
        or _MD_BOLD_LINE_RE.match(line)
        or _HTML_BOLD_LINE_RE.match(line)
        or CAPTION_RE.match(text)
        or LABEL_LINE_RE.fullmatch(text)
        or _FURNITURE_RE.match(text)
    )


def continues(first: str, second: str) -> bool:
    """Whether ``second`` goes on with the sentence ``first`` breaks off (a hard line break):
    ``first`` is a long line that ends without a full stop on a word that needs what follows,
    or ``second`` starts in lower case.

    >>> continues("Inspectors found that Northshire Police was good at preventing crime and", "Requires")
    True
    >>> continues("HMICFRS graded the constabulary's performance across nine areas of policing", "and found")
    True
    >>> continues("The force identifies repeat and vulnerable victims at first contact well", "It answers.")
    False
    >>> continues("Investigating crime", "requires improvement")
    False
    """
    a, b = collapse(_strip_inline_markup(first)), collapse(_strip_inline_markup(second))
    if len(a) < MIN_WRAPPED_CHARS or not b or _SENTENCE_END_RE.search(a):
        return False
    return bool(CONTINUED_LINE_RE.search(a)) or b[:1].islower()


def _wrapped_run(prepared: list[tuple[int, str]], index: int) -> list[tuple[int, str]]:
    """The lines from ``index`` on that are one sentence broken by hard line breaks (one line
    when there is no break): consecutive source lines, each plain and continuing the last."""
    run = [prepared[index]]
    while index + len(run) < len(prepared):
        number, line = prepared[index + len(run)]
        last_number, last = run[-1]
        if number != last_number + 1 or not continues(last, line) or not _plain(line):
            break
        run.append((number, line))
    if len(run) > 1 and not _plain(_BULLET_RE.sub("", run[0][1], count=1)):
        return run[:1]  # a bullet's text may go on; a table cell, heading mark or label line does not
    return run


def _joined(block: Block, rest: list[tuple[int, str]]) -> Block:
    """``block`` with the lines that go on with its sentence appended, each line's span kept;
    a heading-shaped first line that goes on is running text, not a heading."""
    text, offsets = block.text, [(0, block.span)]
    for number, line in rest:
        offsets.append((len(text) + 1, Span(line=number)))
        text = f"{text} {line}"
    kind = BlockKind.LIST_ITEM if block.kind is BlockKind.LIST_ITEM else BlockKind.PARAGRAPH
    return Block(kind, text, block.span, offsets=offsets)


def _is_tab_cell(line: str) -> bool:
    """A tab-led short line without a closing full stop: one cell of a table saved as text."""
    text = line.strip()
    return line.startswith("\t") and 0 < len(text) <= 80 and not text.endswith(".")


def _wrapped_heading(first: str, second: str, after: str) -> bool:
    """Two plain lines that are one heading broken in two ("... antisocial behaviour," / "and reducing ...").

    The first is short and does not end a sentence; the second starts in lower case, is
    short, ends without a full stop, and body text follows, or a label line or page furniture
    ("How efficient is the force at keeping people safe and" / "reducing crime?" / "Last
    updated 03/11/2016" / "Good"); a question needs nothing after it.
    """
    a, b = collapse(first), collapse(second)
    if not a or not b or "\t" in first.strip() or "\t" in second.strip():
        return False
    if _MD_HEADING_RE.match(first) or _BULLET_RE.match(first) or _BULLET_RE.match(second):
        return False
    if len(a) > 120 or a.endswith((".", ";", ":", "!", "?")) or not (a[:1].isupper() or a[:1].isdigit()):
        return False
    if not b[:1].islower() or len(b) > 100 or b.endswith((".", ";", ":", "!")):
        return False
    if len(a) + len(b) >= MAX_HEADING_CHARS:
        return False
    if b.endswith("?"):
        return True
    return bool(after) and (_is_body(after) or bool(LABEL_LINE_RE.match(after) or _FURNITURE_RE.match(after)))


def _classify(
    line: str, number: int, next_text: str, *, markdown: bool, after_table: bool = False
) -> Block | None:
    """Classify one cleaned line into a block (None for a line that carries no text).

    The rules, first match wins: Markdown headings and pipe tables; tab-separated table rows;
    a wholly bold line; a bullet; then a plain line (caption, furniture, heading or paragraph).
    """
    span = Span(line=number)
    if markdown:
        if heading := _MD_HEADING_RE.match(line):
            return _markdown_heading(heading, span)
        if _PIPE_RULE_RE.match(line) and "-" in line:
            return None  # the rule under a pipe table's header
        if _PIPE_ROW_RE.match(line):
            cells = [_strip_inline_markup(cell) for cell in line.strip().strip("|").split("|")]
            return table_row(cells, span)
    if _is_tab_row(line, after_table):
        return table_row(trim_cells([_strip_inline_markup(cell) for cell in line.split("\t")]), span)
    bold = _bold_line(line, span)
    if bold is not None:
        return bold
    if bullet := _BULLET_RE.match(line):
        return Block(BlockKind.LIST_ITEM, _strip_inline_markup(line[bullet.end() :]), span)
    return _plain_line(_strip_inline_markup(line), span, next_text)


def _markdown_heading(heading: regex.Match[str], span: Span) -> Block | None:
    """A ``#`` heading with its level (a caption when it names a figure; None without a title)."""
    title = _strip_inline_markup(heading.group(2))
    if not title:
        return None
    if CAPTION_RE.match(title):
        return Block(BlockKind.CAPTION, title, span)
    return Block(BlockKind.HEADING, title, span, level=len(heading.group(1)))


def _is_tab_row(line: str, after_table: bool) -> bool:
    """A table row saved as text: cells separated by tabs.

    A grid row whose only cell is in the last column has tabs only before it ("Managing
    fraud" under an "Inadequate" column): a table row when it follows one.
    """
    return "\t" in line.lstrip() or (after_table and line.startswith("\t"))


def _bold_line(line: str, span: Span) -> Block | None:
    """A wholly bold line (``**...**`` or ``<b>...</b>``): a caption or a heading, else not decided here."""
    bold = _MD_BOLD_LINE_RE.match(line) or _HTML_BOLD_LINE_RE.match(line)
    if not bold:
        return None
    title = _strip_inline_markup(bold.group(bold.lastindex or 1))
    if CAPTION_RE.match(title):
        return Block(BlockKind.CAPTION, title, span, emphasis=True)
    if bold_line_is_heading(title):
        return Block(BlockKind.HEADING, title, span, emphasis=True)
    return None


def _plain_line(text: str, span: Span, next_text: str) -> Block | None:
    """A line without markup: a caption, page furniture, a heading by its name or its shape, or body."""
    if not text:
        return None
    if CAPTION_RE.match(text):
        return Block(BlockKind.CAPTION, text, span)
    if _FURNITURE_RE.match(text):
        return Block(BlockKind.PARAGRAPH, text, span)
    if is_known_heading(text) or _is_heading_by_layout(text, next_text):
        return Block(BlockKind.HEADING, text, span)
    return Block(BlockKind.PARAGRAPH, text, span)


def _is_heading_by_layout(text: str, next_text: str) -> bool:
    """A heading-shaped line that asks a question, or is followed by body text, by a label line
    printed under it ("Good", "(Not Graded)") or by the date line pages print under a heading
    ("Last updated 09/11/2017"); a label line itself is no heading."""
    if not is_heading_shape(text) or LABEL_LINE_RE.match(text):
        return False
    under = LABEL_LINE_RE.match(next_text) or _DATE_LINE_RE.match(next_text)
    followed = bool(next_text) and (_is_body(next_text) or bool(under))
    return text.endswith("?") or followed


def read_text(data: bytes, name: str, sha: str, markdown: bool | None = None) -> Document:
    """Read plain text or Markdown bytes into the document model; Markdown is told by its markup
    unless ``markdown`` says which it is."""
    text, warnings = decode_text(data, name)
    require_text(text, name)
    if markdown is None:
        markdown = looks_like_markdown(text)
    return Document(
        path=name,
        sha256=sha,
        format=InputFormat.MARKDOWN if markdown else InputFormat.TEXT,
        blocks=read_lines(text, markdown=markdown),
        warnings=warnings,
    )
