"""HTML reader: inspectorate pages read like their text versions, furniture dropped, lines kept."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from extractor import extract
from extractor.errors import NotAnInspectionDocument
from extractor.model import BlockKind
from extractor.readers import read_document
from tests.conftest import sample, sample_report
from tests.equivalence import differences

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {"001": FIXTURES / "peel2017_effectiveness.html", "004": FIXTURES / "peel2025_report.html"}


def _page(**parts: str) -> bytes:
    """A page with the inspectorate's furniture around the given body content."""
    return (
        (
            "<!DOCTYPE html><html><head><title>{title}</title><script>var x = 'Skip';</script>"
            "<style>p {{ color: red }}</style></head><body>\n"
            '<a href="#main" class="skip-link">Skip to content</a>\n'
            '<div id="ccc-notice"><p>We use cookies on our inspection pages.</p></div>\n'
            '<header><nav><ul><li><a href="/">Home</a></li><li>Publications</li></ul></nav></header>\n'
            '<main id="main">\n{body}\n</main>\n'
            "<footer><p>© Crown copyright</p></footer></body></html>"
        )
        .format(title=parts.get("title", "A page"), body=parts["body"])
        .encode("utf-8")
    )


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_page_blocks_match_the_text_version(prefix: str) -> None:
    page = read_document(PAGES[prefix])
    text = read_document(sample(prefix))
    assert page.format.value == "html"
    got = [(b.kind, b.text, b.cells) for b in page.blocks]
    assert got == [(b.kind, b.text, b.cells) for b in text.blocks]


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_page_results_match_the_text_version(prefix: str) -> None:
    """Judgments, items, findings, counts and the section tree agree field by field (score.py's inputs)."""
    page = extract(PAGES[prefix])
    assert differences(page, sample_report(prefix)) == {}
    assert page.source.format.value == "html"
    assert page.sections, "the section tree is not empty"


def test_page_title_comes_from_the_title_element() -> None:
    report = extract(PAGES["001"])
    assert report.document.title == "Kent PEEL 2017 – Effectiveness – HMICFRS"
    assert report.document.kind.value == "inspection_web_page"


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_spans_give_the_source_line_of_each_element(prefix: str) -> None:
    lines = PAGES[prefix].read_text(encoding="utf-8").split("\n")
    for block in read_document(PAGES[prefix]).blocks:
        assert block.span.line is not None
        # The element's opening line, tags removed, holds the start of the block's text.
        source = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", lines[block.span.line - 1])).split())
        first_words = " ".join((block.cells[0] if block.cells else block.text).split()[:3])
        assert first_words in source, (block.span.line, block.text)


def test_furniture_is_dropped_and_glossary_links_keep_their_text() -> None:
    blocks = read_document(PAGES["001"]).blocks
    text = "\n".join(b.text for b in blocks)
    furniture_words = (
        "Skip to content",
        "cookies",
        "Our work",
        "Accessibility",
        "Share on Twitter",
        "dataLayer",
    )
    for furniture in furniture_words:
        assert furniture not in text
    assert "The force continues to improve the way it reduces re-offending and has introduced" in text
    assert blocks[0].text == "Kent PEEL 2017"


def test_markup_of_another_forces_page_gives_kinds_levels_and_cells() -> None:
    body = """<h1>Durham PEEL 2016</h1>
<h2>Legitimacy</h2>
<h3>How legitimate is the force at keeping<br>people safe and reducing crime?</h3>
<p><strong>Outstanding</strong></p>
<p>Durham Constabulary is outstanding in the extent
to which it treats the public with fairness.</p>
<p><strong>The force:</strong></p>
<ol><li>treats people fairly;<ul><li>in stop and search</li></ul></li><li>listens to the public.</li></ol>
<h4>Areas for improvement</h4>
<ul><li>The force should improve how it records the use of force.</li></ul>
<table><caption>Figure 2: Grades by question</caption>
<tr><th>Question</th><th>Grade</th></tr>
<tr><td>Fair treatment</td><td>Good</td></tr>
<tr><td>Ethical behaviour</td><td></td></tr></table>
<dl><dt>Stop and search</dt><dd>A power to search a person without arrest.</dd></dl>
<div class="grade">Requires im\u00adprovement</div>
<p hidden>Draft text never shown</p><p style="display: none">Also hidden</p>
<h5>Ethical&nbsp;behaviour</h5><h6>Use of force</h6>"""
    doc = read_document("durham.html", _page(body=body))
    got = [(b.kind.value, b.level, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 1, "Durham PEEL 2016"),
        ("heading", 2, "Legitimacy"),
        ("heading", 3, "How legitimate is the force at keeping people safe and reducing crime?"),
        ("heading", None, "Outstanding"),
        (
            "paragraph",
            None,
            "Durham Constabulary is outstanding in the extent to which it treats the public with fairness.",
        ),
        ("paragraph", None, "The force:"),
        ("list_item", None, "treats people fairly;"),
        ("list_item", None, "in stop and search"),
        ("list_item", None, "listens to the public."),
        ("heading", 4, "Areas for improvement"),
        ("list_item", None, "The force should improve how it records the use of force."),
        ("caption", None, "Figure 2: Grades by question"),
        ("table_row", None, "Question | Grade"),
        ("table_row", None, "Fair treatment | Good"),
        ("table_row", None, "Ethical behaviour"),
        ("paragraph", None, "Stop and search"),
        ("paragraph", None, "A power to search a person without arrest."),
        ("paragraph", None, "Requires improvement"),
        ("heading", 5, "Ethical behaviour"),
        ("heading", 6, "Use of force"),
    ]
    rows = [b.cells for b in doc.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == [["Question", "Grade"], ["Fair treatment", "Good"], ["Ethical behaviour"]]
    assert doc.blocks[3].emphasis is True
    # The heading that wraps with <br> keeps the line of its opening tag (line 3 of the body).
    assert doc.blocks[2].span.line == doc.blocks[1].span.line + 1


def test_page_without_main_drops_site_furniture_by_role_and_class() -> None:
    page = b"""<html><body>
<div role="banner">Surrey Police PEEL 2018</div>
<div class="site-nav">Home | News</div>
<div class="content"><h2>Efficiency</h2>
<p>Surrey Police is good at operating efficiently.</p>
Loose text after a block
</div>
<div role="contentinfo">Terms</div></body></html>"""
    doc = read_document("surrey.htm", page)
    assert [(b.kind.value, b.text, b.span.line) for b in doc.blocks] == [
        ("heading", "Efficiency", 4),
        ("paragraph", "Surrey Police is good at operating efficiently.", 5),
        ("paragraph", "Loose text after a block", 5),
    ]


NEWS_PAGE = _page(
    title="Appeal after burglary in Ashford - Northumbria Police",
    body="""<article><h1>Appeal after burglary in Ashford</h1>
<p>Officers are appealing for witnesses after a house was broken into on Tuesday 3 March.</p>
<p>Anyone with information should call 101 quoting reference 46/1234/20.</p></article>""",
)
# A consent wall that names the site's inspection reports but carries no cookie class.
COOKIE_WALL = _page(
    title="Before you continue",
    body="""<div class="wall"><h1>Before you continue</h1>
<p>We use cookies to make our inspection reports work and to measure how you use them.</p>
<p>Choose "Accept" to consent to cookies, or read our privacy notice.</p></div>""",
)


@pytest.mark.parametrize(("name", "data"), [("news.html", NEWS_PAGE), ("wall.html", COOKIE_WALL)])
def test_page_without_inspection_content_is_refused(name: str, data: bytes) -> None:
    with pytest.raises(NotAnInspectionDocument) as caught:
        extract(name, data)
    assert caught.value.code == "not-an-inspection-document"
    assert caught.value.path == name


@pytest.mark.parametrize("data", [b"<!doctype html", b"<!DOCTYPE html>", b"<html><!-- cut off"])
def test_page_that_parses_to_nothing_is_refused_with_a_typed_error(data: bytes) -> None:
    # Fuzz find: lxml raises its own ParserError ("Document is empty") on a bare '<!doctype html'.
    with pytest.raises(NotAnInspectionDocument) as caught:
        extract("truncated.html", data)
    assert caught.value.path == "truncated.html"


def test_thematic_inspection_page_without_peel_areas_is_still_read() -> None:
    """The cookie refinement must not refuse an inspection page that has no PEEL area or cycle."""
    data = _page(
        body="<h1>An inspection of how well the police tackle fraud</h1>"
        "<p>We found that the response to fraud in Gwent Police was not good enough.</p>"
    )
    report = extract("fraud.html", data)
    assert report.judgments == []
    assert report.document.force is not None and report.document.force.name == "Gwent Police"


def test_word_exported_grade_table_and_layout_table() -> None:
    """One <p> in a cell (Word's HTML export) stays a cell; a layout table's cells are page content."""
    body = """<table class="MsoTableGrid">
<tr><td><p class="MsoNormal">Investigating crime</p></td><td><p class="MsoNormal">Inadequate</p></td></tr>
</table>
<table class="layout"><tr>
<td><h2>Legitimacy</h2><p>Cheshire Constabulary is good at treating people fairly.</p></td>
<td><ul><li>Print</li></ul></td>
</tr></table>"""
    blocks = read_document("cheshire.html", _page(body=body)).blocks
    assert [(b.kind.value, b.text, b.cells) for b in blocks] == [
        ("table_row", "Investigating crime | Inadequate", ["Investigating crime", "Inadequate"]),
        ("heading", "Legitimacy", None),
        ("paragraph", "Cheshire Constabulary is good at treating people fairly.", None),
        ("list_item", "Print", None),
    ]


def test_content_named_like_furniture_is_kept() -> None:
    """Class words are matched whole: an anti-social behaviour section is content, a share bar is not."""
    page = b"""<html><body>
<header class="entry-header"><h1>Cumbria PEEL 2017</h1></header>
<header class="site-header"><nav><a href="/">Home</a></nav></header>
<section id="anti-social-behaviour" class="share-of-crime">
<h2>Anti-social behaviour</h2><p>Cumbria Constabulary tackles anti-social behaviour well.</p></section>
<div class="share-bar"><a href="#">Share</a></div><div class="report__downloads">Download (PDF)</div>
</body></html>"""
    doc = read_document("cumbria.html", page)
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("heading", "Cumbria PEEL 2017"),
        ("heading", "Anti-social behaviour"),
        ("paragraph", "Cumbria Constabulary tackles anti-social behaviour well."),
    ]


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="afi-title">Areas for improvement</div>',
        "<p>Area for improvement</p>",
        "<p><span>Causes of concern</span></p>",
    ],
)
def test_known_part_name_is_a_heading_whatever_its_markup(markup: str) -> None:
    body = f"{markup}\n<ul><li>The force should improve how it supervises investigations.</li></ul>"
    blocks = read_document("wiltshire.html", _page(body=body)).blocks
    assert [b.kind.value for b in blocks] == ["heading", "list_item"]
