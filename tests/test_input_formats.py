"""Format told by content, mismatch warnings, and the text reader's cleaning of conversion residue."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extractor.errors import UnsupportedFormat
from extractor.readers import READERS, read_document, reader_for, sniff_format
from schemas import InputFormat
from tests.conftest import sample

PAGE = (
    b"<!DOCTYPE html><html><head><title>Lancashire PEEL 2019</title></head><body><main>"
    b"<h2>Efficiency</h2><p>Lancashire Constabulary is good at operating efficiently.</p>"
    b"</main></body></html>"
)


def _codes(name: str, data: bytes) -> tuple[InputFormat, list[str]]:
    document = read_document(name, data)
    return document.format, [w.code for w in document.warnings]


def test_txt_that_is_html_is_read_as_html_with_a_warning() -> None:
    fmt, codes = _codes("lancashire.txt", PAGE)
    assert fmt is InputFormat.HTML
    assert codes == ["format-mismatch"]
    blocks = read_document("lancashire.txt", PAGE).blocks
    assert (blocks[0].kind.value, blocks[0].text) == ("heading", "Efficiency")


def test_html_that_is_text_is_read_as_text_with_a_warning() -> None:
    data = b"Efficiency\nThe force is good at operating efficiently.\n"
    document = read_document("page.html", data)
    assert document.format is InputFormat.TEXT
    assert [w.code for w in document.warnings] == ["format-mismatch"]
    assert "says .html but the content is text" in document.warnings[0].message


def test_matching_extension_gives_no_warning() -> None:
    assert _codes("lancashire.html", PAGE) == (InputFormat.HTML, [])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", InputFormat.PDF),  # a PDF without an extension
        (b"\xef\xbb\xbf  <!doctype HTML><html><body><p>x</p></body></html>", InputFormat.HTML),
        # A page saved by a browser opens with a comment, and may have no doctype.
        (
            b"<!-- saved from url=(0045)https://example.org/ -->\n<html><body><p>Text</p></body></html>",
            InputFormat.HTML,
        ),
        # A fragment cut from a page: block tags, no <html>.
        (
            b"<h2>Legitimacy</h2>\n<p>The force is good.</p>\n<ul><li>It treats people fairly.</li></ul>",
            InputFormat.HTML,
        ),
        (
            b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            InputFormat.HTML,
        ),
        # Markdown-like text with inline <b> and <u> (as 004) stays text.
        (
            b"# PEEL 2025\xe2\x80\x9327\n<b>Overall summary</b>\t<b>1</b>\n"
            b"<u>Caution</u> \xe2\x80\x93 youths",
            InputFormat.TEXT,
        ),
        (b"A sentence that mentions the <html> tag in prose.\nAnother line.", InputFormat.TEXT),
    ],
)
def test_sniff_format_by_content(data: bytes, expected: InputFormat) -> None:
    assert sniff_format(data, "x") is expected


def test_sample_004_is_still_markdown() -> None:
    assert read_document(sample("004")).format is InputFormat.MARKDOWN


def test_xml_that_is_not_a_page_is_refused() -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        sniff_format(b'<?xml version="1.0"?>\n<w:document xmlns:w="x"><w:body/></w:document>', "doc.xml")
    assert "not XHTML" in caught.value.message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "[bookmark: _Hlk157530988]Crime data integrity is outstanding.",
            "Crime data integrity is outstanding.",
        ),
        (
            "The force [bookmark: _GoBack]is good at investigating crime.",
            "The force is good at investigating crime.",
        ),
        ("The force is good at inves\u00adtigating crime.", "The force is good at investigating crime."),
        (
            "Dyfed-Powys\u00a0Police is\u00a0\u00a0adequate at managing offenders.",
            "Dyfed-Powys Police is adequate at managing offenders.",
        ),
    ],
)
def test_text_reader_cleans_conversion_residue(line: str, expected: str) -> None:
    blocks = read_document("x.txt", f"{line}\n".encode()).blocks
    assert [b.text for b in blocks] == [expected]


@pytest.mark.parametrize("skip", ["Skip to content", "Skip to main content", "  skip to content  "])
def test_text_reader_drops_skip_links(skip: str) -> None:
    blocks = read_document(
        "x.txt", f"{skip}\nNorfolk PEEL 2016\n\nEfficiency\nThe force is good.\n".encode()
    ).blocks
    assert [b.text for b in blocks] == ["Norfolk PEEL 2016", "Efficiency", "The force is good."]
    assert blocks[0].span.line == 2


@pytest.mark.parametrize(
    "note",
    [
        "Source: Stop and search open data tables from the Home Office",
        "Sources: Police recorded crime data and population estimates from the ONS",
    ],
)
def test_figure_source_note_is_not_a_heading(note: str) -> None:
    text = f"{note}\nThe force carried out fewer searches than most forces in the year ending March 2024.\n"
    blocks = read_document("x.txt", text.encode()).blocks
    assert blocks[0].kind.value == "paragraph"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    ],
)
def test_old_page_is_decoded_in_its_declared_charset(meta: str) -> None:
    body = "<body><p>The force\u2019s caf\u00e9 scheme.</p></body>"
    page = f"<!DOCTYPE html><html><head>{meta}</head>{body}</html>"
    document = read_document("old.htm", page.encode("cp1252"))
    assert [b.text for b in document.blocks] == ["The force\u2019s caf\u00e9 scheme."]
    assert document.warnings == []


def test_undeclared_non_utf8_page_still_warns() -> None:
    page = "<!DOCTYPE html><html><body><p>The force\u2019s scheme.</p></body></html>".encode("cp1252")
    document = read_document("old.htm", page)
    assert [w.code for w in document.warnings] == ["not-utf8"]
    assert document.blocks[0].text == "The force\u2019s scheme."


def test_every_input_format_has_a_registered_reader() -> None:
    assert set(READERS) == set(InputFormat)
    assert all(callable(reader_for(fmt)) for fmt in InputFormat)


def test_importing_the_readers_loads_no_pdf_or_word_library() -> None:
    """The heavy readers are imported when a PDF or DOCX comes, not with the package."""
    code = (
        "import sys, extractor.readers; "
        "print(sorted(m for m in ('pdfplumber', 'pdfminer', 'docx') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
