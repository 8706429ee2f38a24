"""PDF reader: samples rendered in the inspectorate's layout read back to the blocks of their text.

The PDFs are rendered by ``tests/pdfgen.py`` into a temporary folder from the text samples'
own document model; its manifest says where each layout feature went, and each test checks
the reader's exact result for one feature against the source blocks.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import regex
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from extractor.api import extract, load_document, run_document
from extractor.batch import run_batch
from extractor.errors import CorruptPdf, EncryptedPdf, NoTextLayer
from extractor.model import Block, BlockKind, Document
from extractor.readers.pdf.assemble import Assembler
from extractor.readers.pdf.engine import ENGINES, check_engine
from extractor.vocab.words import stems
from schemas import Report, SectionKind
from tests import pdfgen
from tests.conftest import sample

pytestmark = pytest.mark.slow

GRID_HEADER = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
_SENTENCE_END = (".", "!", "?", ":", ";")


class Rendered:
    """A sample rendered to PDF, read back, and its text twin."""

    def __init__(self, text_doc: Document, pdf_path: Path, manifest: pdfgen.Manifest) -> None:
        self.text_doc = text_doc
        self.pdf_path = pdf_path
        self.manifest = manifest
        self.pdf_doc = load_document(pdf_path)
        self._reports: dict[str, Report] = {}

    def report(self, which: str) -> Report:
        if which not in self._reports:
            doc = self.pdf_doc if which == "pdf" else self.text_doc
            self._reports[which] = run_document(doc)
        return self._reports[which]

    def blocks(self, text: str) -> list[Block]:
        return [b for b in self.pdf_doc.blocks if b.text == text]


_RENDERED: dict[str, Rendered] = {}


def rendered(prefix: str, folder: Path) -> Rendered:
    if prefix not in _RENDERED:
        text_doc = load_document(sample(prefix))
        path = folder / f"{sample(prefix).stem}.pdf"
        manifest = pdfgen.render(text_doc, path)
        _RENDERED[prefix] = Rendered(load_document(sample(prefix)), path, manifest)
    return _RENDERED[prefix]


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="module", params=["000", "004"])
def both(request: pytest.FixtureRequest, pdf_dir: Path) -> Rendered:
    return rendered(request.param, pdf_dir)


@pytest.fixture(scope="module")
def r004(pdf_dir: Path) -> Rendered:
    return rendered("004", pdf_dir)


# -- parity with the text ---------------------------------------------------------------------------


def _flat_sections(report: Report) -> list[tuple[str, int, str, str | None]]:
    out: list[tuple[str, int, str, str | None]] = []

    def walk(sections: list[Any]) -> None:
        for s in sections:
            out.append((s.title, s.level, s.kind.value, s.area_id))
            walk(s.children)

    walk(report.sections)
    return out


def test_pdf_parity_judgments_counts_findings_items(both: Rendered) -> None:
    pdf, text = both.report("pdf"), both.report("text")
    assert [(j.area.id, j.grade) for j in pdf.judgments] == [(j.area.id, j.grade) for j in text.judgments]
    assert [(c.of, c.area_id, c.count) for c in pdf.stated_counts] == [
        (c.of, c.area_id, c.count) for c in text.stated_counts
    ]
    assert Counter((f.x, f.y) for f in pdf.findings) == Counter((f.x, f.y) for f in text.findings)
    for field in ("areas_for_improvement", "causes_of_concern", "recommendations", "innovative_practice"):
        assert [i.title for i in getattr(pdf, field)] == [i.title for i in getattr(text, field)], field


def test_pdf_section_tree_matches_text(both: Rendered) -> None:
    """Every section of the text, in order, with its level, kind and area; the PDF adds only its cover."""
    pdf, text = _flat_sections(both.report("pdf")), _flat_sections(both.report("text"))
    start = pdf.index(text[0]) if text[0] in pdf else -1
    assert start >= 0
    assert pdf[start:] == text
    areas = [s for s in pdf if s[2] == SectionKind.AREA.value]
    assert len(areas) >= 8
    assert all(title for title, *_ in pdf[:start])  # the cover and contents sections


def test_pdf_pages_and_format(r004: Rendered) -> None:
    report = r004.report("pdf")
    assert report.source.format.value == "pdf"
    assert report.source.pages == r004.manifest.pages


# -- layout features, each against the manifest --------------------------------------------------------


def test_pdf_running_header_footer_and_page_numbers_dropped(both: Rendered) -> None:
    header = both.manifest.header
    assert header.startswith("PEEL 20")
    for block in both.pdf_doc.blocks:
        assert header not in block.text
        assert not regex.fullmatch(r"\d{1,3}", block.text), block

    # "© HMICFRS" stays only where the report's own text says it (a back-page imprint).
    def imprints(doc: Document) -> list[str]:
        return [b.text for b in doc.blocks if "©" in b.text]

    assert imprints(both.pdf_doc) == imprints(both.text_doc)


def test_pdf_wrapped_headings_are_one_heading(both: Rendered) -> None:
    assert both.manifest.wrapped_headings
    for title in both.manifest.wrapped_headings:
        found = both.blocks(title)
        in_text = [b for b in both.text_doc.blocks if b.text == title]
        assert [b.kind for b in found] == [BlockKind.HEADING] * len(in_text), title
        assert all(len(b.offsets) >= 2 for b in found)  # one span per printed line


def test_pdf_heading_at_foot_of_page_leads_next_page_text(both: Rendered) -> None:
    assert both.manifest.foot_heading is not None
    title, page = both.manifest.foot_heading
    blocks = both.pdf_doc.blocks
    index = next(i for i, b in enumerate(blocks) if b.text == title)
    heading, following = blocks[index], blocks[index + 1]
    assert heading.kind is BlockKind.HEADING and heading.span.page == page
    assert heading.span.bbox is not None and heading.span.bbox[3] > 0.85 * 842
    text_blocks = both.text_doc.blocks
    source = next(i for i, b in enumerate(text_blocks) if b.text == title)
    assert following.text == text_blocks[source + 1].text
    assert following.kind is BlockKind.PARAGRAPH and following.span.page == page + 1


def test_pdf_paragraphs_across_page_breaks(both: Rendered) -> None:
    """A paragraph cut by a page break is one block spanning both pages, with its first line's page.

    A full page that ends exactly at a sentence end cannot be told from a paragraph end, so
    such a paragraph reads as two blocks split at that sentence.
    """
    joined = 0
    for text, page, broken_after in both.manifest.split_paragraphs:
        found = both.blocks(text)
        if broken_after.endswith(_SENTENCE_END):
            cut = text.index(broken_after) + len(broken_after)
            assert both.blocks(text[:cut].strip()) and both.blocks(text[cut:].strip())
            continue
        assert len(found) == 1, text[:80]
        block = found[0]
        assert block.kind is BlockKind.PARAGRAPH and block.span.page == page
        later = text.index(broken_after) + len(broken_after) + 1
        assert block.span_at(0).page == page and block.span_at(later).page == page + 1
        joined += 1
    assert joined >= 3


def test_pdf_line_spans(r004: Rendered) -> None:
    """Each line of a paragraph has its own span: page, 1-based line within the page, bbox."""
    block = next(b for b in r004.pdf_doc.blocks if len(b.offsets) >= 3 and b.kind is BlockKind.PARAGRAPH)
    lines = [span.line for _, span in block.offsets if span.page == block.span.page]
    assert lines == list(range(lines[0], lines[0] + len(lines)))
    second_start = block.offsets[1][0]
    assert block.span_at(second_start) == block.offsets[1][1]
    assert block.span_at(second_start - 1) == block.offsets[0][1]
    tops = [span.bbox[1] for _, span in block.offsets if span.bbox and span.page == block.span.page]
    assert tops == sorted(tops)
    # The running header is line 1 of every page after the cover, so text starts at line 2.
    first_on_page: dict[int, int] = {}
    for b in r004.pdf_doc.blocks:
        for _, span in b.offsets or [(0, b.span)]:
            assert span.page is not None and span.line is not None
            first_on_page[span.page] = min(first_on_page.get(span.page, 999), span.line)
    assert set(first_on_page.values()) == {1, 2}
    assert [page for page, line in first_on_page.items() if line == 1] == [1]  # the cover has no header


def test_pdf_two_column_page_read_column_by_column(both: Rendered) -> None:
    manifest = both.manifest
    assert manifest.two_column_page is not None
    on_page = [
        b
        for b in both.pdf_doc.blocks
        if b.span.page == manifest.two_column_page and b.kind is BlockKind.PARAGRAPH
    ]

    def unhyphenated(text: str) -> str:
        return text.replace("-", "")

    assert [unhyphenated(b.text) for b in on_page] == [unhyphenated(t) for t in manifest.two_column_texts]


def test_pdf_end_of_line_hyphenation(both: Rendered) -> None:
    """Words broken with an added hyphen are rejoined where the document spells them whole elsewhere."""
    manifest = both.manifest
    two_column = set(manifest.two_column_texts)
    elsewhere = " ".join(b.text for b in both.text_doc.blocks if b.text not in two_column).lower()
    pdf_text = " ".join(b.text for b in both.pdf_doc.blocks if b.span.page == manifest.two_column_page)
    known = [w for w in manifest.soft_hyphens if regex.search(rf"\b{w}\b", elsewhere)]
    assert known
    for word in known:
        assert regex.search(rf"\b{word}\b", pdf_text, regex.IGNORECASE), word
    for word in manifest.hard_hyphens:
        assert word in pdf_text


def test_pdf_hyphen_join_rules_variants() -> None:
    """The joining rule on its own: a word the document knows, a compound, and an unknown word."""
    assembler = Assembler([])
    assembler.vocabulary = {"safeguarding", "strengthened", "well"}
    assembler.hyphenated = {"well-being", "non-emergency"}
    assembler.stems = {s for w in assembler.vocabulary for s in stems(w)}
    assert assembler._join_text("officers in Dyfed-Powys are safe-", "guarding children") == (
        "officers in Dyfed-Powys are safeguarding children"
    )
    assert (
        assembler._join_text("should stre-", "ngthen it") == "should strengthen it"
    )  # a form of a known word
    assert assembler._join_text("staff well-", "being is") == "staff well-being is"
    assert assembler._join_text("answer non-", "emergency calls") == "answer non-emergency calls"
    assert assembler._join_text("the Constab-", "ulary said") == "the Constab-ulary said"  # unknown: kept
    assert assembler._join_text("calls in 2023-", "24 were") == "calls in 2023-24 were"
    assert assembler._join_text("the force", "is good") == "the force is good"


def test_pdf_ligatures_and_text_equal_to_source(both: Rendered) -> None:
    """Outside the two-column page, every text paragraph is one PDF block with the same text."""
    two_column = set(both.manifest.two_column_texts)
    sentence_cut = {t for t, _, after in both.manifest.split_paragraphs if after.endswith(_SENTENCE_END)}
    pdf_texts = Counter(b.text for b in both.pdf_doc.blocks)
    for block in both.text_doc.blocks:
        if block.kind is BlockKind.PARAGRAPH and block.text not in two_column | sentence_cut:
            assert pdf_texts[block.text] >= 1, block.text[:80]
    assert not any(regex.search("[\ufb00-\ufb06\u00a0\u00ad]", b.text) for b in both.pdf_doc.blocks)
    assert any("fi" in b.text for b in both.pdf_doc.blocks)


def test_pdf_bullets_are_list_items(both: Rendered) -> None:
    assert both.manifest.bullets
    for text in both.manifest.bullets:
        assert [b.kind for b in both.blocks(text)] == [BlockKind.LIST_ITEM], text


def test_pdf_figure_captions_are_captions(both: Rendered) -> None:
    assert both.manifest.captions
    for text in both.manifest.captions:
        assert [b.kind for b in both.blocks(text)] == [BlockKind.CAPTION], text


def test_pdf_heading_levels_from_font_size(r004: Rendered) -> None:
    """Areas (biggest body headings) above parts above finding headings; all above body text."""

    def level(title: str) -> int:
        block = next(b for b in r004.pdf_doc.blocks if b.text == title and b.is_heading)
        assert block.level is not None
        return block.level

    area = level("Leadership and force management")
    part = level("Main findings")
    finding = level("The force can show effective use of data to inform workforce planning")
    assert area < part < finding


def test_pdf_judgments_grid_rows_under_grade_columns(r004: Rendered) -> None:
    """Samples/004 lines 52-57: each area under its grade column, wrapped cells joined."""
    rows = [b.cells for b in r004.pdf_doc.blocks if b.kind is BlockKind.TABLE_ROW and b.cells]
    start = rows.index(GRID_HEADER)
    assert rows[start : start + 6] == [
        GRID_HEADER,
        ["Developing a diverse and inclusive workforce", "Leadership and force management",
         "Police powers and public treatment"],
        ["", "Preventing and deterring crime", "Responding to the public"],
        ["", "", "Investigating crime"],
        ["", "", "Safeguarding children and adults"],
        ["", "", "Managing fraud"],
    ]  # fmt: skip
    text_rows = [b.cells for b in r004.text_doc.blocks if b.kind is BlockKind.TABLE_ROW and b.cells]
    assert rows[start : start + 6] == text_rows[text_rows.index(GRID_HEADER) :][:6]


def test_pdf_other_ruled_table_and_contents(r004: Rendered) -> None:
    rows = [b.cells for b in r004.pdf_doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert ["Positive crime outcomes (Outcomes 1–4, 8), of which:", "12.4", "12.2"] in rows
    contents = next(i for i, b in enumerate(r004.pdf_doc.blocks) if b.text == "Contents")
    entries = r004.pdf_doc.blocks[contents + 1 : contents + 4]
    assert [b.cells for b in entries] == [
        ["Overall summary", "1"],
        ["Our judgments", "1"],
        ["PEEL 2025–2027", "1"],
    ]


# -- a variant written as another force's report would be --------------------------------------------

VARIANT = """# PEEL 2021/22

## Police effectiveness, efficiency and legitimacy

An inspection of Avon and Somerset Constabulary

# Overall summary

## Our judgments

Our inspection assessed how good Avon and Somerset Constabulary is in ten areas of policing.

Outstanding\tGood\tAdequate\tRequires improvement\tInadequate
\t\tInvestigating crime and making sure victims of crime get an effective service\t{rest}
\t\t\tProtecting vulnerable people\t

## HM Inspector’s summary

{summary}

# Responding to the public

Requires improvement

Avon and Somerset Constabulary requires improvement at responding to the public.

## Areas for improvement

### The constabulary should make sure it answers non-emergency calls promptly

{body}

## Main findings

### {long_heading}

{body}
"""
LONG_HEADING = (
    "The constabulary does not always identify repeat and vulnerable victims when it answers calls "
    "for service from the public"
)


def test_pdf_variant_other_force(tmp_path: Path) -> None:
    sentence = (
        "The constabulary reviewed nineteen of the twenty-four files and found that officers "
        "consistently recorded the reasons for their decisions in well-being cases. "
    )
    text = VARIANT.format(
        summary=" ".join([sentence] * 3),
        body=" ".join([sentence] * 40),
        rest="Responding to the public\tManaging offenders",
        long_heading=LONG_HEADING,
    )
    source = load_document("variant.md", text.encode())
    path = tmp_path / "variant.pdf"
    manifest = pdfgen.render(source, path)
    doc = load_document(path)
    assert LONG_HEADING in manifest.wrapped_headings
    headings = [b.text for b in doc.blocks if b.is_heading]
    assert LONG_HEADING in headings
    rows = [b.cells for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows[rows.index(GRID_HEADER) + 1 :][:2] == [
        ["", "", "Investigating crime and making sure victims of crime get an effective service",
         "Responding to the public", "Managing offenders"],
        ["", "", "", "Protecting vulnerable people"],
    ]  # fmt: skip
    assert _flat_sections(run_document(doc))[-5:] == _flat_sections(run_document(source))[-5:]
    assert [p for p in manifest.split_paragraphs if not p[2].endswith(_SENTENCE_END)]
    for text_, _, after in manifest.split_paragraphs:
        if not after.endswith(_SENTENCE_END):
            assert [b.text for b in doc.blocks].count(text_) == [b.text for b in source.blocks].count(text_)


# -- bad PDFs -------------------------------------------------------------------------------------------


def _pdf(user_password: str | None = None, text: str = "PEEL 2023–25: An inspection of Kent Police") -> bytes:
    buf = io.BytesIO()
    encrypt = (
        pdfencrypt.StandardEncryption(user_password, ownerPassword="owner")
        if user_password is not None
        else None
    )
    pdf = canvas.Canvas(buf, encrypt=encrypt)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _image_only() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawImage(ImageReader(Image.new("L", (300, 200), 200)), 72, 500, 300, 200)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _bad_pdfs(engine: str | None = None) -> dict[str, tuple[bytes, str | None]]:
    """Damaged PDFs and the error code each gives (None: the engine repairs it and gives a report)."""
    good = _pdf()
    bad: dict[str, tuple[bytes, str | None]] = {
        "encrypted.pdf": (_pdf("secret"), "encrypted-pdf"),
        "truncated.pdf": (good[: len(good) // 2], "corrupt-pdf"),
        "scan.pdf": (_image_only(), "no-text-layer"),
        "zero-pages.pdf": (ZERO_PAGES, "corrupt-pdf"),
        "garbage.pdf": (b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n", "corrupt-pdf"),
        # A name where a number belongs in the page box: pdfplumber re-raises pdfminer's own
        # error when the file is closed, which used to replace the typed error (found by fuzzing).
        "bad-mediabox.pdf": (good.replace(b"/MediaBox [ 0", b"/MediaBox [ /\x01", 1), "corrupt-pdf"),
    }
    if check_engine(engine) == "pdfium":  # pdfium takes a default page box, as viewers do
        bad["bad-mediabox.pdf"] = (bad["bad-mediabox.pdf"][0], None)
    return bad


@pytest.mark.parametrize("engine", sorted(ENGINES))
@pytest.mark.parametrize("name", list(_bad_pdfs()))
def test_pdf_bad_inputs_give_typed_errors(name: str, engine: str) -> None:
    data, code = _bad_pdfs(engine)[name]
    if code is None:
        assert extract(name, data, engine=engine).document.force is not None
        return
    errors = {"encrypted-pdf": EncryptedPdf, "corrupt-pdf": CorruptPdf, "no-text-layer": NoTextLayer}
    with pytest.raises(errors[code]) as caught:
        extract(name, data, engine=engine)
    assert caught.value.code == code and caught.value.path == name
    if code == "no-text-layer":
        assert "OCR" in caught.value.message


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_pdf_empty_user_password_opens(engine: str) -> None:
    report = extract("open.pdf", _pdf(""), engine=engine)
    assert report.source.format.value == "pdf"
    assert report.document.force is not None and report.document.force.id == "kent"


def test_pdf_batch_goes_past_bad_pdfs(tmp_path: Path, pdf_dir: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, (data, _) in _bad_pdfs().items():
        (inputs / name).write_bytes(data)
    good = rendered("004", pdf_dir).pdf_path
    (inputs / good.name).write_bytes(good.read_bytes())
    result = run_batch([inputs], tmp_path / "out")
    index = [json.loads(line) for line in (tmp_path / "out" / "index.jsonl").read_text().splitlines()]
    codes = {Path(e["file"]).name: (e.get("error") or {}).get("code") for e in index}
    assert codes == {name: code for name, (_, code) in _bad_pdfs().items()} | {good.name: None}
    written = json.loads((tmp_path / "out" / f"{good.stem}.json").read_text())
    failing = [name for name, (_, code) in _bad_pdfs().items() if code is not None]
    assert written["source"]["format"] == "pdf" and result.failed == len(failing)


# -- hand-placed pages: rules met in other producers' PDFs ----------------------------------------------

Op = tuple[Any, ...]


def _placed_pdf(path: Path, pages: list[list[Op]]) -> Path:
    """A PDF from hand-placed text and rules (top-down coordinates, A4, Helvetica)."""
    height = 841.89
    pdf = canvas.Canvas(str(path))
    for ops in pages:
        for op in ops:
            if op[0] == "text":
                _, x, top, text, size, bold = op
                pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
                pdf.drawString(x, height - top - size, text)
            elif op[0] == "hline":
                _, x0, x1, top = op
                pdf.line(x0, height - top, x1, height - top)
            elif op[0] == "bar":
                _, x0, top, x1, bottom = op
                pdf.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def _body(top: float, text: str, x: float = 56) -> Op:
    return ("text", x, top, text, 10, False)


def test_pdf_other_furniture_styles_and_top_headings(tmp_path: Path) -> None:
    """'Page N of M' footers and another force's header go; a big heading at the top of each page stays."""
    pages = []
    for n in range(1, 4):
        pages.append(
            [
                ("text", 56, 30, "Avon and Somerset Constabulary – PEEL 2021/22", 8, False),
                ("text", 56, 66, "Main findings", 16, True),
                _body(100, f"The constabulary is adequate at this, as page {n} explains in full."),
                ("text", 480, 800, f"Page {n} of 3", 8, False),
            ]
        )
    doc = load_document(_placed_pdf(tmp_path / "furniture.pdf", pages))
    assert [b.text for b in doc.blocks if b.is_heading] == ["Main findings"] * 3
    assert not any("Avon and Somerset Constabulary –" in b.text or "Page" in b.text for b in doc.blocks)
    assert [b.span.line for b in doc.blocks if b.is_heading] == [2, 2, 2]


def test_pdf_booktabs_table_and_chart_base_lines(tmp_path: Path) -> None:
    """Three rules without verticals make a table (columns from the header); two chart base lines do not."""
    table = [
        ("hline", 56, 456, 100),
        ("text", 60, 104, "Grade", 9, True),
        ("text", 260, 104, "Area", 9, True),
        ("hline", 56, 456, 118),
        ("text", 60, 122, "Inadequate", 9, False),
        ("text", 260, 122, "Managing offenders", 9, False),
        ("text", 60, 136, "Good", 9, False),
        ("text", 260, 136, "Investigating crime", 9, False),
        ("hline", 56, 456, 150),
    ]
    charts = [
        ("bar", 80, 300, 120, 400),
        ("hline", 56, 356, 400),
        _body(410, "Figure 1: Calls answered within ten seconds"),
        ("bar", 80, 480, 120, 560),
        ("hline", 56, 356, 560),
        _body(570, "Figure 2: Calls abandoned"),
    ]
    doc = load_document(
        _placed_pdf(tmp_path / "tables.pdf", [[_body(60, "Our judgments follow."), *table, *charts]])
    )
    rows = [b.cells for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == [["Grade", "Area"], ["Inadequate", "Managing offenders"], ["Good", "Investigating crime"]]
    assert [b.kind for b in doc.blocks if b.text.startswith("Figure")] == [BlockKind.CAPTION] * 2


def test_pdf_list_item_across_page_break(tmp_path: Path) -> None:
    """A bullet's text cut by a page break is one list item; the next paragraph at the margin is not."""
    first = [
        _body(60 + 13.5 * n, f"Body line {n} of the opening paragraph, which is long and fills.")
        for n in range(52)
    ]
    first[-1] = ("text", 60, 60 + 13.5 * 52, "•", 10, False)
    first.append(_body(60 + 13.5 * 52, "the constabulary should review nineteen of the", x=74))
    second = [
        _body(60, "twenty-four cases it holds.", x=74),
        _body(90, "A new paragraph starts at the margin."),
    ]
    doc = load_document(_placed_pdf(tmp_path / "bullets.pdf", [first, second]))
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == [
        "the constabulary should review nineteen of the twenty-four cases it holds."
    ]
    assert items[0].span.page == 1 and items[0].span_at(len(items[0].text) - 3).page == 2
    assert doc.blocks[-1].text == "A new paragraph starts at the margin."
    assert doc.blocks[-1].kind is BlockKind.PARAGRAPH
