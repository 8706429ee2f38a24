"""Builds Word documents with python-docx for the DOCX reader tests (nothing is committed as .docx)."""

from __future__ import annotations

import copy
import datetime
import io
import zipfile

import docx
import regex
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

_LETTERED_ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>'
    '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
)
_BULLET_ABSTRACT = (
    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
    '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
)


def add_numbering(document: docx.document.Document, abstract_xml: str, num_id: int) -> str:
    """Add a list definition (abstractNum + num) to the document; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(abstract_xml)
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)  # abstractNum elements must precede num elements
    abstract_id = abstract.get(qn("w:abstractNumId"))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    return str(num_id)


def set_numbering(paragraph: Paragraph, num_id: str, ilvl: int = 0) -> None:
    """Give a paragraph direct list numbering (numPr)."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int) -> None:
    """Wrap the paragraph's content in a Word bookmark (the source of '[bookmark: ...]' residue)."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def add_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """Append a complex field (code + displayed result) as Word writes a REF or PAGE field."""
    w = nsdecls("w")
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {w}><w:t xml:space="preserve">{result}</w:t></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))


def add_hidden_and_deleted(paragraph: Paragraph, hidden: str, deleted: str) -> None:
    """Append hidden text and a tracked deletion, neither of which a reader should show."""
    w = nsdecls("w")
    paragraph._p.append(parse_xml(f"<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>{hidden}</w:t></w:r>"))
    paragraph._p.append(
        parse_xml(
            f'<w:del {w} w:id="77" w:author="Reviewer" w:date="2022-05-01T00:00:00Z">'
            f"<w:r><w:delText>{deleted}</w:delText></w:r></w:del>"
        )
    )


_FIXED_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def to_bytes(document: docx.document.Document) -> bytes:
    """The saved .docx bytes, the same for the same content (fixed dates, golden files)."""
    document.core_properties.created = _FIXED_TIME
    document.core_properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    document.save(buffer)
    fixed = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(member, source.read(info.filename))
    return fixed.getvalue()


_NUMBERED_RE = regex.compile(r"^(\d+)\.\s+")
_LETTERED_RE = regex.compile(r"^-\s+[a-z]\)\s+")
# The lines of a force's response that its author styles as headings: the title and one per area.
_HEADING_LINE_RE = regex.compile(r"^\p{Lu}[^.:;!?]*$")
_GRADE_LINE_RE = regex.compile(
    r"^\((?:Not Graded|Outstanding|Good|Adequate|Requires Improvement|Inadequate)\)$"
)


def response_docx(text: str) -> tuple[bytes, dict[int, int]]:
    """A force's response as Word writes it, from its converted text.

    Numbered paragraphs use the "List Number" style (Word numbers them, the text does
    not hold the number), lettered points a lettered list, short capitalised lines
    without punctuation "Heading 2" (the first one "Title"), grade lines stay body
    text. The first paragraph carries a bookmark and the governance paragraph a REF
    field, hidden text and a tracked deletion, none of which may reach the text.
    Returns the bytes and a map from each paragraph's ordinal to its source line.
    """
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    lettered = add_numbering(document, _LETTERED_ABSTRACT, 90)
    ordinals: dict[int, int] = {}
    first_heading = True
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        numbered = _NUMBERED_RE.match(stripped)
        lettered_match = _LETTERED_RE.match(stripped)
        if numbered:
            paragraph = document.add_paragraph(stripped[numbered.end() :], style="List Number")
        elif lettered_match:
            paragraph = document.add_paragraph(stripped[lettered_match.end() :])
            set_numbering(paragraph, lettered)
        elif _HEADING_LINE_RE.match(stripped) and not _GRADE_LINE_RE.match(stripped):
            paragraph = document.add_paragraph(stripped, style="Title" if first_heading else "Heading 2")
            first_heading = False
        else:
            paragraph = document.add_paragraph(stripped)
        ordinals[len(document.paragraphs)] = number
        if numbered and numbered.group(1) == "1":
            add_bookmark(paragraph, "_Hlk157530988", 0)
        if numbered and numbered.group(1) == "47":
            add_hidden_and_deleted(paragraph, "DRAFT NOTE: check with DCC", " (to be confirmed)")
            add_field(paragraph, "REF _Hlk157530988 \\h", "")
    return to_bytes(document), ordinals


def copy_paragraph(paragraph: Paragraph) -> None:
    """Duplicate a paragraph in place (used to check ordinals count every body paragraph)."""
    paragraph._p.addnext(copy.deepcopy(paragraph._p))
