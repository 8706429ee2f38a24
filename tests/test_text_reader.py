"""Plain-text and Markdown reader: decoding, cleaning, and telling headings from paragraphs."""

from __future__ import annotations

import pytest

from extractor.model import BlockKind
from extractor.readers import read_document, sniff_format
from extractor.readers.text import looks_like_markdown, read_lines
from schemas import InputFormat


def _kinds(text: str, markdown: bool = False) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in read_lines(text, markdown=markdown)]


def test_reader_utf8_bom_crlf_and_control_characters() -> None:
    data = "\ufeffMain findings\r\nThe force is good\x07 at it.\r\n".encode()
    doc = read_document("x.txt", data)
    assert [(b.kind.value, b.text, b.span.line) for b in doc.blocks] == [
        ("heading", "Main findings", 1),
        ("paragraph", "The force is good at it.", 2),
    ]
    assert doc.warnings == []


def test_reader_cp1252_fallback_warns() -> None:
    data = "Investigating crime\nThe force\u2019s work is good.\n".encode("cp1252")
    doc = read_document("x.txt", data)
    assert doc.blocks[1].text == "The force\u2019s work is good."
    assert [w.code for w in doc.warnings] == ["not-utf8"]


def test_reader_cleans_word_and_web_residue() -> None:
    text = "Skip to content\n[bookmark: _Hlk157530988]Crime data\u00adintegrity\u00a0is outstanding.\n"
    assert _kinds(text) == [("paragraph", "Crime dataintegrity is outstanding.")]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A finding heading: short, no full stop, followed by body text.
        (
            "The force conducts effective and timely investigations\n"
            "In most cases, the force carries out investigations in a timely way and completes enquiries.",
            ["heading", "paragraph"],
        ),
        # A known section name is a heading whatever follows.
        ("Areas for improvement\n- The force should improve.", ["heading", "list_item"]),
        # A sentence with a full stop is a paragraph even when short.
        (
            "The force is good.\nIt answers calls quickly and well, as we found in our inspection.",
            ["paragraph"] * 2,
        ),
        # A question heading of the 2014-2019 web pages.
        (
            "How efficient is the force at keeping people safe?\nLast updated 1/1/2017",
            ["heading", "paragraph"],
        ),
        # An area heading followed by a bare grade label.
        ("Crime data integrity\n(Outstanding)", ["heading", "paragraph"]),
        # A bare grade label is never itself a heading.
        (
            "Requires improvement\nThe force requires improvement at investigating crime, as set out below.",
            ["paragraph", "paragraph"],
        ),
        # A lone number (page or question number) is no heading.
        ("3\nHow effective is the force at tackling serious and organised crime?", ["paragraph", "heading"]),
    ],
)
def test_reader_plain_text_headings(lines: str, expected: list[str]) -> None:
    assert [kind for kind, _ in _kinds(lines)] == expected


def test_reader_joins_a_heading_that_wraps_onto_two_lines() -> None:
    text = (
        "Preventing and deterring crime and antisocial behaviour\n"
        "and reducing vulnerability\n"
        "Gwent Police is adequate at prevention and deterrence, as we set out in this section.\n"
    )
    blocks = read_lines(text, markdown=False)
    assert blocks[0].kind is BlockKind.HEADING
    assert (
        blocks[0].text == "Preventing and deterring crime and antisocial behaviour and reducing vulnerability"
    )
    assert blocks[0].span.line == 1
    assert blocks[0].span_at(len(blocks[0].text) - 3).line == 2
    assert blocks[1].span.line == 3


def test_reader_markdown_markup() -> None:
    text = (
        "# Investigating crime\n\n## Adequate\n\n**The force should improve its supervision**\n\n"
        "<b>Outcome types</b>\t<b>Force %</b>\n"
        "| Grade | Area |\n|---|---|\n| Good | Investigating crime |\n"
        "- first bullet with a [glossary term](#) inside\n"
        "• second bullet\n* third bullet\n"
        "3. HMICFRS graded the force adequate at investigating crime.\n"
        "**Figure 1: Percentage of 999 calls answered within 10 seconds**\n"
    )
    assert looks_like_markdown(text)
    blocks = read_lines(text, markdown=True)
    got = [(b.kind.value, b.text, b.level) for b in blocks]
    assert got == [
        ("heading", "Investigating crime", 1),
        ("heading", "Adequate", 2),
        ("heading", "The force should improve its supervision", None),
        ("table_row", "Outcome types | Force %", None),
        ("table_row", "Grade | Area", None),
        ("table_row", "Good | Investigating crime", None),
        ("list_item", "first bullet with a glossary term inside", None),
        ("list_item", "second bullet", None),
        ("list_item", "third bullet", None),
        ("paragraph", "3. HMICFRS graded the force adequate at investigating crime.", None),
        ("caption", "Figure 1: Percentage of 999 calls answered within 10 seconds", None),
    ]
    assert blocks[2].emphasis
    assert blocks[5].cells == ["Good", "Investigating crime"]


def test_reader_tab_table_keeps_empty_columns() -> None:
    blocks = read_lines("Outstanding\tGood\tAdequate\n\t\tManaging fraud\t\t\n", markdown=False)
    assert [b.cells for b in blocks] == [["Outstanding", "Good", "Adequate"], ["", "", "Managing fraud"]]


def test_reader_word_table_saved_one_cell_per_line_is_a_table_not_headings() -> None:
    # A force response's audit table as Word saves it as text: each cell on a tab-led line.
    text = (
        "Actions signed off since the last committee are set out below.\n"
        "\tAudit name\n\tRecommendations\n\tRisk\n\tDeadline\n\n"
        "\tCustody Management Framework\n\tThree\n\tMedium\n\t30/09/2024\n\n"
        "Recommendations\n"
        "The inspectorate made two recommendations to Avon and Somerset Constabulary.\n"
    )
    blocks = read_lines(text, markdown=False)
    kinds = [(b.kind.value, b.text) for b in blocks]
    assert kinds[1:5] == [
        ("table_row", "Audit name"),
        ("table_row", "Recommendations"),
        ("table_row", "Risk"),
        ("table_row", "Deadline"),
    ]
    assert kinds[5:9] == [
        ("table_row", t) for t in ("Custody Management Framework", "Three", "Medium", "30/09/2024")
    ]
    # An unindented part name is still a heading, and a lone tab-indented sentence a paragraph.
    assert kinds[9] == ("heading", "Recommendations")
    assert (
        read_lines("Intro.\n\tThe force has improved.\nMore text.\n", markdown=False)[1].kind
        is BlockKind.PARAGRAPH
    )


def test_reader_markdown_is_told_by_content_not_extension() -> None:
    doc = read_document("report.txt", b"# PEEL 2025-27\n\n## Our judgments\n\n### Main findings\n\nText.\n")
    assert doc.format is InputFormat.MARKDOWN
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.7\n...", InputFormat.PDF),
        (b"<!DOCTYPE html><html><body><h1>PEEL</h1></body></html>", InputFormat.HTML),
        (b"Plain words about policing.\n", InputFormat.TEXT),
    ],
)
def test_reader_sniffs_format_from_bytes(data: bytes, fmt: InputFormat) -> None:
    assert sniff_format(data, "x") is fmt


def test_reader_joins_a_sentence_broken_by_hard_line_breaks() -> None:
    # Saved with a line break every ~90 characters: one paragraph, each line's span kept.
    text = (
        "The report also says that Westshire Constabulary's handling of calls for service now Requires\n"
        "Improvement, and that the constabulary's use of resources has slipped since the last\n"
        "inspection.\n"
    )
    blocks = read_lines(text, markdown=False)
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH]
    block = blocks[0]
    assert "now Requires Improvement, and" in block.text
    assert block.span_at(block.text.index("Improvement")).line == 2
    assert block.span_at(block.text.index("inspection.")).line == 3


def test_reader_long_line_ending_on_and_is_running_text_not_a_heading() -> None:
    # The first line is heading-shaped but breaks off on "and": it goes on in the next line.
    text = (
        "Inspectors said the areas requiring improvement are how it responds to the public; how it "
        "investigates crime, and\n"
        "strategic planning, organisational management and value for money.\n"
    )
    assert _kinds(text) == [
        (
            "paragraph",
            "Inspectors said the areas requiring improvement are how it responds to the public; how it "
            "investigates crime, and strategic planning, organisational management and value for money.",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # area lines and their grade labels stay one block a line
        "Investigating crime\nrequires improvement\nManaging offenders and suspects\nAdequate\n",
        # a heading without a full stop, then its first sentence
        "The force identifies repeat and vulnerable victims at first contact\nIt answers calls quickly.\n",
        # a bullet list whose items end on "and", with and without bullets the reader knows
        "The force should, working with partners and community panels across the shire and\n· review;\n",
        "Panels should be given the information they need to scrutinise the use of powers and\n- meet.\n",
    ],
)
def test_reader_keeps_lines_apart_where_nothing_breaks_off(text: str) -> None:
    assert len(read_lines(text, markdown=False)) == len([line for line in text.splitlines() if line])
