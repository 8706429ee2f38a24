"""Word (.docx) reader: body paragraphs and tables to blocks, with python-docx.

Headings come from paragraph styles ("Heading 1".."Heading 9", "Title", styles based
on them, or an outline level), list items from list numbering or "List" styles, table
rows from tables (one cell per grid cell, merged cells once). A paragraph with decimal
numbering keeps its number as written ("12. The force ..."), as a converted text does;
bulleted and lettered paragraphs are list items without their label, as the text
reader makes them. Bookmarks, field codes, deleted and hidden text never reach the
text. ``span.line`` is the 1-based ordinal of the paragraph (or table row) in the body,
empty paragraphs included. The reader knows nothing of grades.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import regex
from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from extractor.errors import UnsupportedFormat
from extractor.model import Block, BlockKind, Document
from extractor.readers.common import bold_line_is_heading, one_line, table_row, trim_cells
from extractor.vocab.headings import CAPTION_RE, is_known_heading
from schemas import InputFormat, Span

_HEADING_STYLE_RE = regex.compile(r"^heading\s*([1-9])$", regex.IGNORECASE)

_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_W_T, _W_TAB, _W_BR, _W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_W_NBH, _W_R, _W_RPR, _W_VANISH = qn("w:noBreakHyphen"), qn("w:r"), qn("w:rPr"), qn("w:vanish")
_W_B, _W_VAL = qn("w:b"), qn("w:val")
_W_SDT, _W_SDT_CONTENT, _W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
# Subtrees whose text is not the paragraph's running text.
_SKIP_SUBTREES = frozenset(
    {qn("w:del"), qn("w:moveFrom"), qn("w:instrText"), qn("w:delText"), qn("w:txbxContent"), qn("w:pPr"),
     "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
)  # fmt: skip
_LETTER_FORMATS = frozenset({"lowerLetter", "upperLetter", "lowerRoman", "upperRoman"})
_DECIMAL_FORMATS = frozenset({"decimal", "decimalZero"})


def _roman(number: int) -> str:
    """Lower-case Roman numeral (list labels i, ii, iii ...)."""
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
              (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format_number(number: int, fmt: str) -> str:
    """One counter in a list label, in the level's number format."""
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(number)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Numbering:
    """List numbering: each paragraph's label and format from numbering.xml, counted in order."""

    def __init__(self, document: object) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> fmt, text, start
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = self._levels(node)
        for num in root.iterchildren(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(_W_VAL), {})) if ref is not None else {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels.update(self._levels(override))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(_W_VAL, "1")))
            for ilvl, spec in levels.items():
                self.levels[(num.get(qn("w:numId")), ilvl)] = spec

    @staticmethod
    def _levels(node: etree._Element) -> dict[int, tuple[str, str, int]]:
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in node.iterchildren(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                fmt.get(_W_VAL, "decimal") if fmt is not None else "decimal",
                text.get(_W_VAL, "") if text is not None else "",
                int(start.get(_W_VAL, "1")) if start is not None else 1,
            )
        return levels

    def label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Advance the list's counter and return (number format, label); None when not a list."""
        spec = self.levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return None
        fmt, text, _ = spec
        counters = self.counters.setdefault(num_id, [0] * 9)
        for level in range(9):
            if counters[level] == 0 or level > ilvl:
                counters[level] = self.levels.get((num_id, level), ("", "", 1))[2] - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        label = text
        for level in range(ilvl + 1):
            level_fmt = self.levels.get((num_id, level), ("decimal", "", 1))[0]
            label = label.replace(f"%{level + 1}", _format_number(counters[level], level_fmt))
        return fmt, label


def _numbering_of(p_pr: Any) -> tuple[str, int] | None:
    """The (numId, ilvl) a paragraph's or a style's properties set, if any."""
    if p_pr is not None and p_pr.numPr is not None and p_pr.numPr.numId is not None:
        ilvl = p_pr.numPr.ilvl.val if p_pr.numPr.ilvl is not None else 0
        return str(p_pr.numPr.numId.val), int(ilvl)
    return None


def _num_pr(paragraph: object) -> tuple[str, int] | None:
    """The (numId, ilvl) of a paragraph's list numbering, direct or from its style chain."""
    direct = _numbering_of(paragraph._p.pPr)  # type: ignore[attr-defined]
    if direct is not None:
        return direct
    for style in _style_chain(paragraph):
        inherited = _numbering_of(style.element.pPr)
        if inherited is not None:
            return inherited
    return None


def _outline_level(p_pr: Any) -> int | None:
    """The heading level an explicit outline level sets (``w:outlineLvl`` 0-8 is level 1-9)."""
    outline = p_pr.find(qn("w:outlineLvl")) if p_pr is not None else None
    if outline is not None and outline.get(_W_VAL, "9").isdigit() and int(outline.get(_W_VAL)) < 9:
        return int(outline.get(_W_VAL)) + 1
    return None


def _heading_level(paragraph: object) -> int | None:
    """Heading level from the style chain (Heading N, Title) or an explicit outline level."""
    direct = _outline_level(paragraph._p.pPr)  # type: ignore[attr-defined]
    if direct is not None:
        return direct
    for style in _style_chain(paragraph):
        name = (style.name or "").strip()
        match = _HEADING_STYLE_RE.match(name)
        if match:
            return int(match.group(1))
        if name.lower() == "title":
            return 1
        inherited = _outline_level(style.element.pPr)
        if inherited is not None:
            return inherited
    return None


def _style_chain(paragraph: object) -> Iterator[Any]:
    """A paragraph's style, then the styles it is based on, nearest first."""
    style = paragraph.style  # type: ignore[attr-defined]
    while style is not None:
        yield style
        style = style.base_style


def _style_names(paragraph: object) -> Iterator[str]:
    """The lower-case names of a paragraph's style chain ("list bullet", "normal")."""
    for style in _style_chain(paragraph):
        yield (style.name or "").lower()


def _run_hidden_or_bold(run: etree._Element) -> tuple[bool, bool | None]:
    """(hidden, bold) of a run from its direct properties (bold None when not set)."""
    r_pr = run.find(_W_RPR)
    if r_pr is None:
        return False, None
    vanish = r_pr.find(_W_VANISH)
    hidden = vanish is not None and vanish.get(_W_VAL, "true") not in {"0", "false"}
    bold = r_pr.find(_W_B)
    return hidden, (None if bold is None else bold.get(_W_VAL, "true") not in {"0", "false"})


def _paragraph_text(p: etree._Element) -> tuple[str, bool]:
    """The visible text of a paragraph element and whether all of it is bold (direct formatting)."""
    parts: list[str] = []
    all_bold = True
    any_text = False

    def visit(node: etree._Element) -> None:
        nonlocal all_bold, any_text
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
                continue
            if tag == _W_R:
                hidden, bold = _run_hidden_or_bold(child)
                if hidden:
                    continue
                before = len("".join(parts))
                visit(child)
                if "".join(parts)[before:].strip():
                    any_text = True
                    all_bold = all_bold and bool(bold)
            elif tag == _W_T:
                parts.append(child.text or "")
            elif tag in (_W_TAB, _W_BR, _W_CR):
                parts.append(" ")
            elif tag == _W_NBH:
                parts.append("-")
            else:
                visit(child)

    visit(p)
    return "".join(parts), all_bold and any_text


def read_docx(data: bytes, name: str, sha: str) -> Document:
    """Read a .docx into the document model (see the module docstring for the rules)."""
    try:
        word = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnsupportedFormat(name, f"not a readable Word document (.docx): {exc}") from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(word)
    blocks: list[Block] = []
    ordinal = 0
    for element in _body_elements(word.element.body):
        if element.tag == _W_P:
            ordinal += 1
            block = _paragraph_block(Paragraph(element, word), numbering, ordinal)
            if block is not None:
                blocks.append(block)
        elif element.tag == _W_TBL:
            for row in Table(element, word).rows:
                ordinal += 1
                cells = trim_cells(
                    [
                        one_line(" ".join(_paragraph_text(p)[0] for p in tc.iterchildren(_W_P)))
                        for tc in row._tr.iterchildren(_W_TC)
                    ]
                )
                if any(cells):
                    blocks.append(table_row(cells, Span(line=ordinal)))
    # The core "title" property is left out: templates carry it over from other documents
    # (often another force's), so the first heading names the document, as in text.
    return Document(path=name, sha256=sha, format=InputFormat.DOCX, blocks=blocks)


def _body_elements(container: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs and tables in order, including those inside content controls (a cover
    page, a table of contents, a template's fields are wrapped in ``w:sdt``) and custom XML."""
    for element in container.iterchildren():
        if element.tag in (_W_P, _W_TBL):
            yield element
        elif element.tag == _W_SDT:
            content = element.find(_W_SDT_CONTENT)
            if content is not None:
                yield from _body_elements(content)
        elif element.tag == _W_CUSTOM_XML:
            yield from _body_elements(element)


def _paragraph_block(paragraph: object, numbering: _Numbering, ordinal: int) -> Block | None:
    """One body paragraph as a block (None when it holds no visible text)."""
    raw, bold = _paragraph_text(paragraph._p)  # type: ignore[attr-defined]
    text = one_line(raw)
    if not text:
        return None
    span = Span(line=ordinal)
    # Every numbered paragraph advances its list's counter, headings included ("2.1 Title").
    num = _num_pr(paragraph)
    label = numbering.label(*num) if num else None
    number = one_line(label[1]) if label is not None and label[0] in _DECIMAL_FORMATS else ""
    level = _heading_level(paragraph)
    if level is not None:
        if CAPTION_RE.match(text):
            return Block(BlockKind.CAPTION, text, span)
        title = f"{number} {text}" if number else text
        return Block(BlockKind.HEADING, title, span, level=level, emphasis=bold)
    styles = list(_style_names(paragraph))
    if any(name == "caption" for name in styles):
        return Block(BlockKind.CAPTION, text, span)
    if label is not None:
        if label[0] in _DECIMAL_FORMATS:
            return Block(BlockKind.PARAGRAPH, f"{number} {text}" if number else text, span)
        if label[0] in _LETTER_FORMATS or label[0] in {"bullet", "none"}:
            return Block(BlockKind.LIST_ITEM, text, span)
    if any(name.startswith("list") and name != "list paragraph" for name in styles):
        return Block(BlockKind.LIST_ITEM, text, span)
    if CAPTION_RE.match(text):
        return Block(BlockKind.CAPTION, text, span)
    if bold and bold_line_is_heading(text):
        return Block(BlockKind.HEADING, text, span, emphasis=True)
    if is_known_heading(text):
        # A known part name ("Areas for improvement") is a heading whatever its style, as in text.
        return Block(BlockKind.HEADING, text, span)
    return Block(BlockKind.PARAGRAPH, text, span, emphasis=bold)
