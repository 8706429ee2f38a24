"""DOCX reader: a force's response built in Word reads like its converted text."""

from __future__ import annotations

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from extractor import extract
from extractor.errors import UnsupportedFormat
from extractor.model import BlockKind
from extractor.readers import read_document
from tests.conftest import sample, sample_report
from tests.docx_build import (
    _BULLET_ABSTRACT,
    add_bookmark,
    add_field,
    add_numbering,
    copy_paragraph,
    response_docx,
    set_numbering,
    to_bytes,
)
from tests.equivalence import differences


@pytest.fixture(scope="module")
def response() -> tuple[bytes, dict[int, int]]:
    """003's text laid out in Word (built in a temporary buffer, never committed)."""
    return response_docx(sample("003").read_text(encoding="utf-8"))


def test_docx_blocks_match_the_text_version(response: tuple[bytes, dict[int, int]]) -> None:
    document = read_document("response.docx", response[0])
    text = read_document(sample("003"))
    assert document.format.value == "docx"
    assert document.warnings == []
    assert [(b.kind, b.text) for b in document.blocks] == [(b.kind, b.text) for b in text.blocks]


def test_docx_results_match_the_text_version(response: tuple[bytes, dict[int, int]]) -> None:
    """Judgments, items, findings, counts and section tree agree field by field (score.py's inputs)."""
    report = extract("response.docx", response[0])
    assert differences(report, sample_report("003")) == {}
    assert report.source.format.value == "docx"
    assert report.document.kind.value == "force_response"


def test_docx_line_is_the_paragraph_ordinal(response: tuple[bytes, dict[int, int]]) -> None:
    data, ordinals = response
    text_lines = sample("003").read_text(encoding="utf-8").split("\n")
    for block in read_document("response.docx", data).blocks:
        assert block.span.line in ordinals
        # The paragraph at that ordinal was built from this source line; numbers and "- a)" are Word's.
        assert text_lines[ordinals[block.span.line] - 1].strip().endswith(block.text[-30:])


def test_bookmarks_fields_hidden_and_deleted_text_do_not_leak(response: tuple[bytes, dict[int, int]]) -> None:
    text = read_document("response.docx", response[0]).text
    for residue in ("bookmark", "_Hlk", "REF", "DRAFT NOTE", "to be confirmed"):
        assert residue not in text
    assert "1. The victim service assessment reviewed" in text


def _blank() -> docx.document.Document:
    document = docx.Document()
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    return document


def test_headings_from_styles_outline_levels_and_bold_lines() -> None:
    document = _blank()
    document.add_paragraph("Avon and Somerset Police: response to PEEL 2023–25", style="Title")
    document.add_paragraph("Preventing crime", style="Heading 1")
    document.add_paragraph("Areas for improvement", style="Heading 3")
    custom = document.styles.add_style("OPCC Area Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Investigating crime", style=custom)
    outlined = document.add_paragraph("Responding to the public")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="3"/>'))
    bold = document.add_paragraph()
    bold.add_run("Managing offenders").bold = True
    lead = document.add_paragraph()
    lead.add_run("The force should:").bold = True
    document.add_paragraph("Figure 1: Grades by area", style="Caption")
    document.add_paragraph("The force was graded adequate at investigating crime.")
    blocks = read_document("avon.docx", to_bytes(document)).blocks
    assert [(b.kind.value, b.level, b.text, b.span.line) for b in blocks] == [
        ("heading", 1, "Avon and Somerset Police: response to PEEL 2023–25", 1),
        ("heading", 1, "Preventing crime", 2),
        ("heading", 3, "Areas for improvement", 3),
        ("heading", 2, "Investigating crime", 4),
        ("heading", 4, "Responding to the public", 5),
        ("heading", None, "Managing offenders", 6),
        ("paragraph", None, "The force should:", 7),
        ("caption", None, "Figure 1: Grades by area", 8),
        ("paragraph", None, "The force was graded adequate at investigating crime.", 9),
    ]
    assert blocks[5].emphasis is True


def test_numbered_bulleted_and_multilevel_lists() -> None:
    document = _blank()
    multilevel = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="92"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
        '<w:lvlText w:val="(%3)"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbered = add_numbering(document, multilevel, 92)
    bullets = add_numbering(document, _BULLET_ABSTRACT, 91)
    for text, level in (
        ("Four AFIs were identified for Essex Police.", 0),
        ("Call handling.", 1),
        ("Repeat callers.", 2),
        ("Scene preservation.", 1),
        ("Two AFIs relate to safeguarding.", 0),
    ):
        set_numbering(document.add_paragraph(text), numbered, level)
    set_numbering(document.add_paragraph("attends incidents promptly;"), bullets)
    document.add_paragraph("works well with partners.", style="List Bullet")
    blocks = read_document("essex.docx", to_bytes(document)).blocks
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("paragraph", "4. Four AFIs were identified for Essex Police."),
        ("paragraph", "4.1 Call handling."),
        ("list_item", "Repeat callers."),
        ("paragraph", "4.2 Scene preservation."),
        ("paragraph", "5. Two AFIs relate to safeguarding."),
        ("list_item", "attends incidents promptly;"),
        ("list_item", "works well with partners."),
    ]


def test_grade_table_rows_with_cells_and_merged_cells_once() -> None:
    document = _blank()
    document.add_paragraph("Our judgments", style="Heading 2")
    table = document.add_table(rows=4, cols=3)
    rows = (
        ("Area", "Grade", "Change"),
        ("Investigating crime", "Requires improvement", "Down"),
        ("Responding to the public", "Good", ""),
        ("Victim service assessment", "Not graded", ""),
    )
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[3].cells[1].merge(table.rows[3].cells[2])
    document.add_paragraph("Merseyside Police will publish a plan.")
    blocks = read_document("merseyside.docx", to_bytes(document)).blocks
    table_rows = [b for b in blocks if b.kind is BlockKind.TABLE_ROW]
    assert [b.cells for b in table_rows] == [
        ["Area", "Grade", "Change"],
        ["Investigating crime", "Requires improvement", "Down"],
        ["Responding to the public", "Good"],
        ["Victim service assessment", "Not graded"],
    ]
    assert table_rows[1].text == "Investigating crime | Requires improvement | Down"
    # Ordinals: heading 1, four rows 2–5, the paragraph after the table 6.
    assert [b.span.line for b in blocks] == [1, 2, 3, 4, 5, 6]


def test_ordinals_count_empty_paragraphs_and_fields_keep_their_result() -> None:
    document = _blank()
    first = document.add_paragraph("Cleveland Police response")
    document.add_paragraph("")
    second = document.add_paragraph("See paragraph ")
    add_field(second, "REF _Ref123 \\r \\h", "12")
    add_bookmark(second, "_Ref123", 5)
    copy_paragraph(first)
    blocks = read_document("cleveland.docx", to_bytes(document)).blocks
    assert [(b.text, b.span.line) for b in blocks] == [
        ("Cleveland Police response", 1),
        ("Cleveland Police response", 2),
        ("See paragraph 12", 4),
    ]


def test_broken_word_file_is_a_typed_error() -> None:
    data = b"PK\x03\x04" + b"\x00" * 26 + b"word/document.xml" + b"garbage" * 20
    with pytest.raises(UnsupportedFormat) as caught:
        read_document("broken.docx", data)
    assert caught.value.code == "unsupported-format"
    assert "broken.docx" in str(caught.value)


def test_numbered_headings_keep_their_number_and_core_title_is_ignored() -> None:
    document = _blank()
    document.core_properties.title = "Kent Police response (template)"
    outline = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="93"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbered = add_numbering(document, outline, 93)
    for text, style, level in (
        ("Introduction", "Heading 1", 0),
        ("Effectiveness", "Heading 1", 0),
        ("Investigating crime", "Heading 2", 1),
    ):
        set_numbering(document.add_paragraph(text, style=style), numbered, level)
    document.add_paragraph("North Yorkshire Police was graded good at investigating crime.")
    doc = read_document("north-yorkshire.docx", to_bytes(document))
    assert [(b.kind.value, b.level, b.text) for b in doc.blocks] == [
        ("heading", 1, "1 Introduction"),
        ("heading", 1, "2 Effectiveness"),
        ("heading", 2, "2.1 Investigating crime"),
        ("paragraph", None, "North Yorkshire Police was graded good at investigating crime."),
    ]
    assert doc.title is None


def test_paragraphs_inside_content_controls_are_read_in_order() -> None:
    """Word wraps cover pages and tables of contents in content controls (w:sdt)."""
    document = _blank()
    document.add_paragraph("Contents", style="Heading 1")
    toc = document.add_paragraph("Responding to the public\t4")
    document.add_paragraph("Responding to the public", style="Heading 1")
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj/></w:sdtPr><w:sdtContent/></w:sdt>")
    toc._p.addprevious(sdt)
    sdt[1].append(toc._p)
    blocks = read_document("west-mercia.docx", to_bytes(document)).blocks
    assert [(b.kind.value, b.text, b.span.line) for b in blocks] == [
        ("heading", "Contents", 1),
        ("paragraph", "Responding to the public 4", 2),
        ("heading", "Responding to the public", 3),
    ]


def test_known_part_name_in_body_style_is_a_heading() -> None:
    document = _blank()
    document.add_paragraph("Areas for improvement")
    document.add_paragraph("The force should review how it answers non-emergency calls.", style="List Bullet")
    blocks = read_document("dorset.docx", to_bytes(document)).blocks
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("heading", "Areas for improvement"),
        ("list_item", "The force should review how it answers non-emergency calls."),
    ]
