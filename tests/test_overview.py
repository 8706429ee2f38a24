"""The HTML overview: matrix cells and per-force details, checked in the markup and in a real browser.

The browser tests drive Debian's chromium headless (``--dump-dom`` and ``--screenshot``); where
no browser is installed they are skipped with a message saying how to get one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from extractor.cli import main
from extractor.outputs.html import render_overview, write_overview
from extractor.outputs.json import report_json
from extractor.outputs.labels import GRADE_COLOURS
from schemas import Report
from tests.conftest import ROOT
from tests.test_db import (
    KENT_NEW_AFI_INVESTIGATION,
    KENT_NEW_SENTENCE,
    all_reports,
    cumbria,
    essex,
    item,
    judgment,
    make_report,
)

COLUMNS = [
    "responding_to_public",
    "investigating_crime",
    "protecting_vulnerable_people",
    "leadership_force_management",
    "managing_fraud",
]
# Worked out from the fixtures: Cumbria and Kent at 2025–27, Essex at 2023–25 (its only cycle);
# Kent's 2023–25 report and commissioner's report are older, so not in the matrix.
EXPECTED_MATRIX = {
    ("cumbria", "2025–27"): ["good", "inadequate", "", "", ""],
    ("essex", "2023–25"): ["adequate", "good", "", "", ""],
    ("kent", "2025–27"): ["inadequate", "adequate", "good", "good", "adequate"],
}


def _text(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def matrix_of(page: html.HtmlElement) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """The matrix's column area ids and, per (force id, cycle) row, the grade of each cell."""
    [table] = page.xpath("//table[@id='grade-matrix']")
    columns = [th.get("data-area") for th in table.xpath("./thead/tr/th[@data-area]")]
    rows = {}
    for tr in table.xpath("./tbody/tr"):
        cycle = _text(tr.xpath("./th//span[@class='cycle']")[0])
        cells = tr.xpath("./td")
        assert [td.get("data-area") for td in cells] == columns
        assert {td.get("data-force") for td in cells} == {tr.get("data-force")}
        rows[(tr.get("data-force"), cycle)] = [td.get("data-grade") for td in cells]
    return columns, rows


def test_overview_matrix_cells() -> None:
    page = html.fromstring(render_overview(all_reports()))
    columns, rows = matrix_of(page)
    assert columns == COLUMNS
    assert rows == EXPECTED_MATRIX
    assert list(rows) == sorted(rows)  # forces by name
    kent_cells = page.xpath("//table[@id='grade-matrix']//td[@data-force='kent']")
    assert [_text(td) for td in kent_cells] == ["Inadequate", "Adequate", "Good", "Good", "Adequate"]
    assert [td.get("class") for td in kent_cells][:2] == ["grade-inadequate", "grade-adequate"]


def test_overview_latest_cycle_merges_documents_by_authority() -> None:
    # Essex's 2023–25 commissioner's report disagrees on responding_to_public (the inspection
    # report wins) and adds serious_organised_crime; its 2021/22 report is older and left out.
    pcc = make_report(
        "essex-pcc.txt", "essex", "2023–25", kind="pcc_scrutiny_report",
        judgments=[
            judgment("responding_to_public", "outstanding", 3),
            judgment("serious_organised_crime", "good", 9),
        ],
    )  # fmt: skip
    older = make_report(
        "essex-2021.txt", "essex", "2021/22", judgments=[judgment("managing_fraud", "good", 2)]
    )
    _, rows = matrix_of(html.fromstring(render_overview([pcc, older, essex()])))
    # Columns: responding_to_public, investigating_crime, serious_organised_crime.
    assert rows == {("essex", "2023–25"): ["adequate", "good", "good"]}


def test_overview_force_details_with_page_and_line() -> None:
    page = html.fromstring(render_overview(all_reports()))
    [kent] = page.xpath("//section[@id='force-kent']")
    files = [a.get("data-file") for a in kent.xpath("./article")]
    assert files == ["in/kent-2025-27.pdf", "in/kent-2023-25.txt", "in/kent-pcc-2023-25.txt"]
    newest = kent.xpath("./article")[0]
    judgments = [
        [_text(td) for td in tr.xpath("./td")] for tr in newest.xpath(".//table[@class='judgments']/tr")
    ]
    assert judgments[1] == ["Responding to the public", "Inadequate", "p. 3, line 9", "label"]
    # Hovering a place or the "how stated" marker shows the words that state the grade.
    [row] = newest.xpath(".//table[@class='judgments']/tr[2]")
    assert row.xpath(".//span[@class='place strongest']/@title") == ["label: Inadequate"]
    assert row.xpath(".//span[@class='how how-label']/@title") == ["Inadequate"]
    afis = [
        [_text(td) for td in tr.xpath("./td")]
        for tr in newest.xpath(".//table[@class='areas_for_improvement']/tr")
    ]
    assert afis[0] == [
        "Investigating crime",
        f"Supervision of investigations{KENT_NEW_AFI_INVESTIGATION}",  # <strong> heading, then <p> text
        "p. 21, line 7",
    ]
    [first_afi] = newest.xpath(".//table[@class='areas_for_improvement']/tr[1]/td[2]")
    assert first_afi.xpath("./strong/text()") == ["Supervision of investigations"]
    assert first_afi.xpath("./p/text()") == [KENT_NEW_AFI_INVESTIGATION]
    findings = [
        [_text(td) for td in tr.xpath("./td")] for tr in newest.xpath(".//table[@class='findings']/tr")
    ]
    assert findings[0] == [
        "Investigating crime",
        "35 of the 40 cases (88%)",
        KENT_NEW_SENTENCE,
        "p. 22, line 2",
    ]
    causes = newest.xpath(".//table[@class='causes_of_concern']/tr")
    assert [_text(tr.xpath("./td")[2]) for tr in causes] == ["p. 16, line 3"]
    older = kent.xpath("./article")[1]
    afi_places = [
        _text(tr.xpath("./td")[2]) for tr in older.xpath(".//table[@class='areas_for_improvement']/tr")
    ]
    assert afi_places == ["line 104", "line 121", "line 150"]
    # The force-less document has its own section, last, and no matrix row.
    assert page.xpath("//section/@id")[-1] == "force-unknown"


def test_overview_force_grades_across_cycles() -> None:
    page = html.fromstring(render_overview(all_reports()))
    [table] = page.xpath("//section[@id='force-kent']/table[@class='history']")
    assert [_text(th) for th in table.xpath("./thead/tr/th")] == ["Area", "2023–25", "2025–27"]
    rows = {
        tr.xpath("./td")[0].get("data-area"): [td.get("data-grade") for td in tr.xpath("./td")]
        for tr in table.xpath("./tbody/tr")
    }
    # 2023–25 merges the inspection report with the commissioner's report (which alone grades
    # serious and organised crime); in the taxonomy's area order.
    assert list(rows.items()) == [
        ("responding_to_public", ["requires_improvement", "inadequate"]),
        ("investigating_crime", ["requires_improvement", "adequate"]),
        ("protecting_vulnerable_people", ["good", "good"]),
        ("serious_organised_crime", ["good", ""]),
        ("leadership_force_management", ["good", "good"]),
        ("victim_service", ["not_graded", ""]),
        ("managing_fraud", ["", "adequate"]),
    ]
    # A force with one cycle has no history table.
    assert page.xpath("//section[@id='force-essex']/table[@class='history']") == []


def test_overview_is_self_contained_and_escapes_text() -> None:
    nasty = make_report(
        "west-mercia.txt", "essex", "2025–27",
        areas_for_improvement=[item(None, 'Use <script>alert("x")</script> & "quotes"', 4)],
    )  # fmt: skip
    text = render_overview([nasty])
    page = html.fromstring(text)
    assert page.xpath("//script | //link | //img | //iframe | //*[@src]") == []
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", text)
    assert 'Use <script>alert("x")</script> & "quotes"' in _text(
        page.xpath("//table[@class='areas_for_improvement']")[0]
    )
    assert page.xpath("//p[@class='meta']")[0].text_content().startswith("1 report of 1 force ·")


def _write_folder(folder: Path, reports: list[Report]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, report in enumerate(reports):
        (folder / f"{n}.json").write_text(report_json(report), encoding="utf-8")


def test_overview_cli_writes_page_and_names_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    _write_folder(folder, all_reports())
    (folder / "broken.json").write_text('{"schema_version": "1", "source": 3}', encoding="utf-8")
    target = tmp_path / "site" / "index.html"
    assert main(["report", str(folder), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"error: {folder / 'broken.json'}:" in err and "[invalid-report-json]" in err
    _, rows = matrix_of(html.fromstring(target.read_text(encoding="utf-8")))
    assert rows == EXPECTED_MATRIX


# ---- in a real browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no headless browser: install Debian's chromium (apt-get install chromium) to run this test",
)


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless chromium once on ``url`` with a fresh profile in ``tmp_path``."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *args, url,
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@needs_browser
def test_overview_in_browser_matrix_and_screenshot(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    _write_folder(folder, all_reports())
    page_path = folder / "index.html"
    write_overview(folder, page_path)
    url = page_path.as_uri()

    dom = chromium(tmp_path, url, "--dump-dom").stdout
    page = html.fromstring(dom)
    assert _text(page.xpath("//h1")[0]) == "PEEL inspection reports"
    columns, rows = matrix_of(page)
    assert columns == COLUMNS
    assert rows == EXPECTED_MATRIX

    shot = tmp_path / "overview.png"
    chromium(tmp_path, url, f"--screenshot={shot}", "--window-size=1280,900")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image_module = pytest.importorskip(
        "PIL.Image", reason="Pillow is needed to read the screenshot's colours"
    )
    with image_module.open(shot) as image:
        assert image.size == (1280, 900)
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    # The matrix (and legend) cells are painted in each grade's colour: the CSS was applied.
    for grade in ("good", "adequate", "inadequate"):
        background = GRADE_COLOURS[grade][0]
        assert tuple(int(background[i : i + 2], 16) for i in (1, 3, 5)) in colours, grade


def test_overview_force_without_cycle_says_cycle_unknown() -> None:
    # A force's response that names no inspection: its row says so instead of guessing a cycle.
    base = make_report("response.txt", "cumbria", "2025–27", kind="force_response")
    report = base.model_copy(
        update={
            "document": base.document.model_copy(update={"inspection": None}),
            "judgments": [judgment("investigating_crime", "good", 7)],
        }
    )
    _, rows = matrix_of(html.fromstring(render_overview([report])))
    assert rows == {("cumbria", "cycle unknown"): ["good"]}


# ---- item text, folding, the older grading scale (issue 15, point 12) ------------------------


def _item_cell(report: Report, kind: str = "areas_for_improvement") -> html.HtmlElement:
    [cell] = html.fromstring(render_overview([report])).xpath(f"//table[@class='{kind}']/tr/td[2]")
    return cell


def test_issue_15_item_title_shown_once_and_apart_from_its_text() -> None:
    # The inspectorate's layout: the AFI's heading is also the first line of its text.
    title = "The constabulary should improve how it supervises investigations"
    text = f"{title}\nWe found that supervisors reviewed 12 of 30 investigations.\nIt has a plan."
    cell = _item_cell(make_report("d.txt", "essex", "2025–27", areas_for_improvement=[
        item("investigating_crime", text, 8, title=title)
    ]))  # fmt: skip
    assert cell.xpath("./strong/text()") == [title]
    assert cell.text_content().count(title) == 1
    assert cell.xpath("./p/text()") == [
        "We found that supervisors reviewed 12 of 30 investigations.",
        "It has a plan.",
    ]
    assert cell.xpath(".//details") == []  # short: nothing folds


def test_issue_15_long_item_text_folds() -> None:
    body = " ".join(f"Sentence {n} of the finding says what the inspectorate found." for n in range(1, 13))
    title = "Victims are not kept updated"
    titled = _item_cell(make_report("d.txt", "essex", "2025–27", areas_for_improvement=[
        item("investigating_crime", f"{title}\n{body}", 8, title=title)
    ]))  # fmt: skip
    [details] = titled.xpath("./details")
    assert details.xpath("./summary/text()") == [f"Full text ({len(body.split())} words)"]
    assert " ".join(details.xpath("./p/text()")) == body
    # Without a title, the first sentence stays in view and the rest folds.
    plain = _item_cell(make_report("d.txt", "essex", "2025–27", recommendations=[
        item(None, f"By 1 May 2026, chief constables should act. {body}", 3)
    ]), "recommendations")  # fmt: skip
    assert plain.xpath("./p/text()") == ["By 1 May 2026, chief constables should act."]
    assert plain.xpath("./details/summary/text()") == [f"{len(body.split())} more words"]
    assert plain.xpath("./details/p/text()") == [body]


def test_issue_15_cycles_table_says_older_scale_does_not_compare() -> None:
    old = make_report("k17.txt", "kent", "2017", judgments=[judgment("investigating_crime", "good", 4)])
    reports = [old, *all_reports()]
    page = html.fromstring(render_overview(reports))
    [kent] = page.xpath("//section[@id='force-kent']")
    [table] = kent.xpath("./table[@class='history']")
    assert [th.get("data-scale") for th in table.xpath("./thead/tr/th")] == [None, "four-grade", None, None]
    [note] = kent.xpath("./p[@class='scale-note']")
    assert (
        "2017" in _text(note)
        and "four-grade scale" in _text(note)
        and "not directly comparable" in _text(note)
    )
    # Essex has one cycle, Kent's fixture cycles are all on the five-grade scale: no note there.
    assert page.xpath("//section[@id='force-essex']//p[@class='scale-note']") == []
    assert html.fromstring(render_overview(all_reports())).xpath("//p[@class='scale-note']") == []


def test_issue_15_matrix_mixing_scales_says_so() -> None:
    # A force whose latest report is of 2017 sits in the matrix beside forces graded since 2021/22.
    dyfed = make_report("dp.txt", "essex", "2017", judgments=[judgment("investigating_crime", "good", 4)])
    page = html.fromstring(render_overview([dyfed, cumbria()]))
    [row] = page.xpath("//table[@id='grade-matrix']/tbody/tr[@data-force='essex']")
    assert _text(row.xpath("./th/span[@class='scale']")[0]) == "*"
    [note] = page.xpath("//p[@class='scale-note']")
    assert _text(note).startswith("* Grades of 2017 are on the older four-grade scale")
    # Every force on the older scale alone: nothing mixes, no note.
    assert html.fromstring(render_overview([dyfed])).xpath("//p[@class='scale-note']") == []


def test_issue_15_values_in_attributes_are_escaped() -> None:
    odd = make_report(
        'a"b<c>.txt', "essex", "2025–27", judgments=[judgment("investigating_crime", "good", 4)]
    )
    text = render_overview([odd])
    page = html.fromstring(text)
    assert page.xpath("//article/@data-file") == ['in/a"b<c>.txt']
    assert 'in/a"b<c>.txt' in page.xpath("//td[@data-grade='good']/@title")[0]
    assert "<c>" not in text


def test_issue_15_template_files_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]
    data_files = [
        p for p in (ROOT / "extractor").rglob("*") if p.is_file() and p.suffix not in {".py", ".pyc"}
        and "__pycache__" not in p.parts
    ]  # fmt: skip
    assert any(p.name == "overview.html.j2" for p in data_files)
    for path in data_files:
        package = ".".join(path.relative_to(ROOT).parent.parts)
        owners = [(pkg, glob) for pkg, globs in patterns.items() for glob in globs]
        assert any(
            package.startswith(pkg) and path.relative_to(ROOT / pkg.replace(".", "/")).match(glob)
            for pkg, glob in owners
        ), f"{path.relative_to(ROOT)} is not in [tool.setuptools.package-data]"
