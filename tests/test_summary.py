"""judgments.csv and findings.csv: one row per judgment / finding, readable back by a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_NAMES, SAMPLES, sample_report

from extractor.batch import run_batch
from extractor.outputs.csv import (
    FINDING_COLUMNS,
    FINDINGS_CSV,
    JUDGMENT_COLUMNS,
    JUDGMENTS_CSV,
    csv_text,
    finding_rows,
    judgment_rows,
    read_csv,
    write_summaries,
)
from schemas import (
    Area,
    DocumentInfo,
    DocumentKind,
    Evidence,
    Finding,
    Force,
    Grade,
    How,
    InputFormat,
    Inspection,
    Judgment,
    Report,
    Source,
    Span,
)


def made_report(file: str = "reports/west-midlands-2021.pdf", with_force: bool = True) -> Report:
    """A report built from the schema models, as the judgment and findings stages will fill it."""
    return Report(
        source=Source(
            file=file, sha256="0" * 64, format=InputFormat.PDF, pages=60, extractor_version="0.1.0"
        ),
        document=DocumentInfo(
            kind=DocumentKind.INSPECTION_REPORT,
            force=Force(id="west-midlands", name="West Midlands Police") if with_force else None,
            inspection=Inspection(programme="PEEL", cycle="2021/22", id="peel-2021-22")
            if with_force
            else None,
        ),
        judgments=[
            Judgment(
                area=Area(id="investigating-crime", title="Investigating crime"),
                grade=Grade.ADEQUATE,
                evidence=[
                    Evidence(
                        page=9,
                        line=4,
                        text="The force is adequate at investigating crime.",
                        how=How.SENTENCE,
                        strongest=True,
                    ),
                    Evidence(page=3, line=12, text="Adequate", how=How.GRID),
                ],
            ),
            Judgment(
                area=Area(id=None, title='Protecting "vulnerable" people, and others'),
                grade=Grade.REQUIRES_IMPROVEMENT,
            ),
        ],
        findings=[
            Finding(
                x=27,
                y=40,
                unit="cases",
                text="27 of the 40 cases",
                sentence="In 27 of the 40 cases we reviewed, victims were kept informed.",
                area_id="investigating-crime",
                span=Span(page=14, line=22),
            ),
            Finding(
                x=0, y=12, unit=None, text="none of the 12", sentence="none of the 12", span=Span(line=3)
            ),
        ],
    )


def test_summary_judgment_rows_carry_file_force_cycle_area_and_grade() -> None:
    assert judgment_rows(made_report()) == [
        [
            "reports/west-midlands-2021.pdf",
            "west-midlands",
            "2021/22",
            "investigating-crime",
            "Investigating crime",
            "adequate",
            "The force is adequate at investigating crime.",  # the strongest place's words
            "sentence",
        ],
        [
            "reports/west-midlands-2021.pdf",
            "west-midlands",
            "2021/22",
            "",
            'Protecting "vulnerable" people, and others',
            "requires_improvement",
            "",
            "",
        ],
    ]


def test_summary_finding_rows_carry_place_and_leave_unknowns_empty() -> None:
    rows = finding_rows(made_report())
    assert rows[0] == [
        "reports/west-midlands-2021.pdf",
        "west-midlands",
        "2021/22",
        "investigating-crime",
        "27",
        "40",
        "cases",
        "14",
        "22",
    ]
    assert rows[1][3:] == ["", "0", "12", "", "", "3"]


def test_summary_rows_without_force_or_cycle() -> None:
    assert judgment_rows(made_report(with_force=False))[0][1:3] == ["", ""]


def test_summary_csv_reads_back_cell_for_cell(tmp_path: Path) -> None:
    report = made_report()
    odd = made_report(file="in/Devon & Cornwall, 2025–27\n(draft).txt")
    write_summaries(tmp_path, judgment_rows(report) + judgment_rows(odd), finding_rows(report))
    judgments = read_csv(tmp_path / JUDGMENTS_CSV)
    assert [list(r.values()) for r in judgments] == judgment_rows(report) + judgment_rows(odd)
    assert list(judgments[0]) == list(JUDGMENT_COLUMNS)
    findings = read_csv(tmp_path / FINDINGS_CSV)
    assert list(findings[0]) == list(FINDING_COLUMNS)
    assert (findings[0]["x"], findings[0]["y"], findings[0]["page"]) == ("27", "40", "14")


def test_summary_csv_is_spreadsheet_ready_bytes() -> None:
    text = csv_text(("file", "cycle"), [["a.pdf", "2025–27"], ["b, c.pdf", 'say "x"']])
    # A BOM so Excel reads UTF-8 (the en dash), CRLF rows, quotes only where needed.
    assert text == '\ufefffile,cycle\r\na.pdf,2025–27\r\n"b, c.pdf","say ""x"""\r\n'


def test_summary_empty_run_writes_headers_only(tmp_path: Path) -> None:
    write_summaries(tmp_path, [], [])
    assert (tmp_path / JUDGMENTS_CSV).read_bytes() == (
        "\ufeff" + ",".join(JUDGMENT_COLUMNS) + "\r\n"
    ).encode()
    assert read_csv(tmp_path / FINDINGS_CSV) == []


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("summary")

    run_batch([SAMPLES], out, workers=0)
    return out


def test_summary_sample_run_has_one_row_per_judgment_and_finding(sample_run: Path) -> None:
    reports = [sample_report(name[:3]) for name in SAMPLE_NAMES]
    judgments = read_csv(sample_run / JUDGMENTS_CSV)
    findings = read_csv(sample_run / FINDINGS_CSV)
    assert [list(r.values()) for r in judgments] == [row for r in reports for row in judgment_rows(r)]
    assert [list(r.values()) for r in findings] == [row for r in reports for row in finding_rows(r)]
    assert len(judgments) == sum(len(r.judgments) for r in reports)
    assert len(findings) == sum(len(r.findings) for r in reports)
