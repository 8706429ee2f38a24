"""Evidence a reader can check without the file: each place's words, how it states the grade, the
strongest first; the words that named the force and cycle; the document's date; deadlines as ISO."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from extractor import load_document
from extractor.batch import run_batch
from extractor.finders.dates import deadline_date, find_published
from schemas import How
from tests import pdfgen
from tests.conftest import extract_text, sample, sample_report

# Another force's report, in its own words: a label under each area's heading, and a sentence.
LABEL_AND_SENTENCE = """\
PEEL 2023–25: an inspection of Cumbria Constabulary

Preventing crime

Good

The constabulary is good at preventing crime and anti-social behaviour.

Investigating crime

Requires improvement

Cumbria Constabulary requires improvement at investigating crime.
"""


@pytest.fixture(scope="module")
def cumbria():  # type: ignore[no-untyped-def]
    return extract_text(LABEL_AND_SENTENCE, "cumbria.md")


def test_evidence_strongest_first_then_in_document_order(cumbria) -> None:  # type: ignore[no-untyped-def]
    judgment = next(j for j in cumbria.judgments if j.area.id == "preventing_crime")
    hows = [e.how for e in judgment.evidence]
    assert hows[0] is How.SENTENCE and judgment.evidence[0].strongest
    assert not any(e.strongest for e in judgment.evidence[1:])
    assert hows[1:] == [How.LABEL]
    texts = {e.how: e.text for e in judgment.evidence}
    assert texts[How.SENTENCE] == "The constabulary is good at preventing crime and anti-social behaviour."
    assert texts[How.LABEL] == "Good"


def test_evidence_of_a_grid_is_its_cell_and_the_rest_follow_in_order() -> None:
    # The 2025-27 sample states each grade in a sentence, a judgments grid and a label.
    judgment = next(j for j in sample_report("004").judgments if j.area.id == "investigating_crime")
    assert [e.how for e in judgment.evidence] == [How.SENTENCE, How.GRID, How.LABEL]
    assert [e.strongest for e in judgment.evidence] == [True, False, False]
    grid = judgment.evidence[1]
    assert grid.text == "Investigating crime" and grid.start is not None
    assert grid.start < judgment.evidence[2].start  # type: ignore[operator]


def test_evidence_names_the_line_its_words_stand_on(cumbria) -> None:  # type: ignore[no-untyped-def]
    lines = LABEL_AND_SENTENCE.splitlines()
    for judgment in cumbria.judgments:
        for evidence in judgment.evidence:
            assert evidence.line is not None and evidence.text.split()[0] in lines[evidence.line - 1]


def test_evidence_of_the_force_and_cycle_are_their_words(cumbria) -> None:  # type: ignore[no-untyped-def]
    force, inspection = cumbria.document.force, cumbria.document.inspection
    assert force is not None and inspection is not None
    assert force.id == "cumbria" and force.evidence[0].text == "Cumbria Constabulary"
    assert force.evidence[0].line == 1
    assert inspection.evidence[0].text.startswith("2023–25") and inspection.evidence[0].line == 1


def test_evidence_earlier_judgments_carry_words_and_how() -> None:
    text = (
        "PEEL 2021/22: Dyfed-Powys Police\n\nInvestigating crime\n\n"
        "In 2019, we judged the force to be inadequate at investigating crime. "
        "The force is now good at investigating crime.\n"
    )
    report = extract_text(text)
    assert report.earlier_judgments, report.warnings
    evidence = report.earlier_judgments[0].evidence[0]
    assert evidence.how is How.SENTENCE and evidence.strongest
    assert evidence.text == "In 2019, we judged the force to be inadequate at investigating crime."


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Last updated 05/11/2021", "2021-11-05"),
        ("Published: 3rd May 2024", "2024-05-03"),
        ("Date of publication – Thursday, 9 January 2025", "2025-01-09"),
        ("The inspectorate's report is published today (Tuesday 18th June 2019).", "2019-06-18"),
    ],
)
def test_evidence_published_date_the_document_gives_itself(line: str, iso: str) -> None:
    found = find_published(line)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(
    "line",
    [
        "The report, published on 14 October 2022, graded the constabulary good.",  # another document's
        "Published in spring 2018",  # no day
        "Last updated 31/02/2020",  # no such day
        "Updated guidance was issued in March 2021.",
    ],
)
def test_evidence_no_published_date_from_other_words(line: str) -> None:
    assert find_published(line) is None


def test_evidence_published_date_in_the_report() -> None:
    report = extract_text("Surrey Police PEEL 2018\n\nLast updated 12/04/2019\n\nEffectiveness\n\nGood\n")
    assert str(report.document.published) == "2019-04-12"
    said = report.document.published_evidence
    assert said is not None and said.text == "12/04/2019" and said.line == 3


@pytest.mark.parametrize(
    ("deadline", "iso"),
    [
        ("31 March 2026", "2026-03-31"),
        ("the end of September 2025", "2025-09"),
        ("June 30, 2024", "2024-06-30"),
        ("six months", None),
        (None, None),
    ],
)
def test_evidence_deadline_date(deadline: str | None, iso: str | None) -> None:
    assert deadline_date(deadline) == iso


@pytest.mark.slow
def test_evidence_rerun_redoes_a_pdf_read_by_another_engine(tmp_path: Path) -> None:
    # Engines place characters differently: an output written by pdfplumber is not current for a
    # run that reads PDFs with pdfium (the default), and is current again for pdfplumber.
    pdf = tmp_path / "in" / "cleveland.pdf"
    pdf.parent.mkdir()
    pdfgen.render(load_document(sample("003")), pdf)
    out = tmp_path / "out"
    first = run_batch([pdf], out, workers=0, engine="pdfplumber")
    assert first.reused == 0
    written = json.loads((out / "cleveland.json").read_text(encoding="utf-8"))
    assert written["source"]["engine"] == "pdfplumber"
    assert run_batch([pdf], out, workers=0, engine="pdfplumber").reused == 1
    assert run_batch([pdf], out, workers=0).reused == 0
    again = json.loads((out / "cleveland.json").read_text(encoding="utf-8"))
    assert again["source"]["engine"] == "pdfium"
    # A text input names no engine, and any engine's run reuses it.
    text = tmp_path / "in" / "notes.txt"
    text.write_bytes(sample("003").read_bytes())
    run_batch([text], out, workers=0)
    assert run_batch([text], out, workers=0, engine="pdfplumber").reused == 1


def test_evidence_database_keeps_every_place_and_the_warnings_words(tmp_path: Path) -> None:
    from extractor.outputs.sqlite import write_db

    reports = [sample_report("004"), sample_report("000")]
    write_db(reports, tmp_path / "peel.sqlite")
    with closing(sqlite3.connect(tmp_path / "peel.sqlite")) as conn:
        places = conn.execute("SELECT count(*), sum(strongest) FROM evidence").fetchone()
        rows = conn.execute(
            "SELECT how, strongest, text, line FROM evidence WHERE area_id = 'investigating_crime' "
            "AND list = 'judgments' AND report_id = ? ORDER BY n",
            (reports[0].source.sha256,),
        ).fetchall()
        warned = conn.execute("SELECT code, message, text, line FROM warnings").fetchall()
    judgments = [j for r in reports for j in [*r.judgments, *r.earlier_judgments]]
    assert places == (sum(len(j.evidence) for j in judgments), len(judgments))
    best = next(j for j in reports[0].judgments if j.area.id == "investigating_crime").evidence
    assert rows == [(e.how.value, int(e.strongest), e.text, e.line) for e in best] and len(rows) > 1
    assert len(warned) == sum(len(r.warnings) for r in reports)
    assert all(text for _, _, text, line in warned if line is not None)


def test_evidence_warnings_catalogue_is_documented_once_as_generated() -> None:
    from extractor.errors import WARNINGS, warnings_table
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    start = page.index("<!-- warnings table: generated from extractor.errors.WARNINGS -->\n")
    end = page.index("<!-- end of warnings table -->")
    assert page[start:end].split("\n", 1)[1] == warnings_table()
    for code in WARNINGS:  # each code in that table, and in no other table of the docs
        pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        rows = [line for p in pages for line in p.read_text(encoding="utf-8").splitlines()]
        assert sum(line.startswith(f"| `{code}` |") for line in rows) == 1, code


def test_evidence_unknown_kind_and_count_mismatch_say_found_and_expected() -> None:
    unknown = extract_text("Avon and Somerset Police\n\nPEEL 2023–25 notes\n\nInvestigating crime\n\nGood\n")
    [kind] = [w for w in unknown.warnings if w.code == "unknown-kind"]
    assert "found 0 phrase(s) in the inspectorate's voice" in kind.message and "needs 3" in kind.message
    assert kind.text == "Avon and Somerset Police" and kind.span is not None and kind.span.line == 1
    counted = extract_text(
        "PEEL 2023–25: Gwent Police\n\nInvestigating crime\n\nRequires improvement\n\n"
        "Areas for improvement\n\nThe force has two areas for improvement in this area.\n\n"
        "Area for improvement 1\n\nThe force should improve how it supervises investigations.\n"
    )
    mismatches = [w for w in counted.warnings if w.code == "afi-count-mismatch"]
    assert mismatches, counted.warnings
    assert "states 2 AFIs" in mismatches[0].message and "1 is set out" in mismatches[0].message
    assert mismatches[0].text is not None and "two areas for improvement" in mismatches[0].text
