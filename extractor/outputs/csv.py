"""Spreadsheet-ready summaries of a batch: ``judgments.csv`` and ``findings.csv``.

One row per judgment / per "X of Y" finding of every report in the run, in input order, so a
run gives the same bytes whatever the number of workers. Files are UTF-8 with a byte-order mark
(Excel otherwise misreads the en dash of cycles such as "2025–27") and CRLF line ends (RFC 4180).
Cells are data, never formulas: one that starts as a formula would (a file named "=HYPERLINK(...)")
is written after an apostrophe, which a spreadsheet shows as text and does not display.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from extractor.outputs.base import Run, RunOutput
from extractor.outputs.files import write_atomic
from schemas import Report

JUDGMENTS_CSV = "judgments.csv"
FINDINGS_CSV = "findings.csv"

# Columns are only added, at the end, so a sheet read by column name keeps working; the
# strongest evidence's words and how they state the grade came with contract 1.1.
JUDGMENT_COLUMNS_1_0: tuple[str, ...] = ("file", "force_id", "cycle", "area_id", "area_title", "grade")
JUDGMENT_COLUMNS: tuple[str, ...] = (*JUDGMENT_COLUMNS_1_0, "evidence_text", "how")
FINDING_COLUMNS: tuple[str, ...] = (
    "file",
    "force_id",
    "cycle",
    "area_id",
    "x",
    "y",
    "unit",
    "page",
    "line",
)

Row = list[str]


# What a spreadsheet takes as the start of a formula (OWASP's list for CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text: str) -> str:
    """A cell's text as a spreadsheet must show it: a leading formula character is defused by an apostrophe.

    >>> text_cell("=1+2"), text_cell("-cmd|' /C calc'!A0"), text_cell("Kent Police")
    ("'=1+2", "'-cmd|' /C calc'!A0", 'Kent Police')
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _cell(value: object) -> str:
    """A CSV cell: empty for a missing value, else the value as text."""
    return "" if value is None else str(value)


def _force_and_cycle(report: Report) -> tuple[str, str]:
    force = report.document.force.id if report.document.force else None
    cycle = report.document.inspection.cycle if report.document.inspection else None
    return _cell(force), _cell(cycle)


def judgment_rows(report: Report) -> list[Row]:
    """One row per judgment of a report (columns as :data:`JUDGMENT_COLUMNS`)."""
    force, cycle = _force_and_cycle(report)
    rows = []
    for j in report.judgments:
        best = j.evidence[0] if j.evidence else None
        words, how = (best.text, best.how.value) if best is not None else ("", "")
        rows.append(
            [report.source.file, force, cycle, _cell(j.area.id), j.area.title, j.grade.value, words, how]
        )
    return rows


def finding_rows(report: Report) -> list[Row]:
    """One row per "X of Y" finding of a report (columns as :data:`FINDING_COLUMNS`)."""
    force, cycle = _force_and_cycle(report)
    return [
        [
            report.source.file,
            force,
            cycle,
            _cell(f.area_id),
            str(f.x),
            str(f.y),
            _cell(f.unit),
            _cell(f.span.page),
            _cell(f.span.line),
        ]
        for f in report.findings
    ]


def csv_text(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """The CSV file's text: BOM, header, rows; every cell quoted only where it must be."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([text_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read one of the summary files back (for checks and for other tools)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_summaries(out_dir: Path, judgments: Iterable[Row], findings: Iterable[Row]) -> None:
    """Write ``judgments.csv`` and ``findings.csv`` atomically (header only when there is nothing)."""
    write_atomic(out_dir / JUDGMENTS_CSV, csv_text(JUDGMENT_COLUMNS, judgments))
    write_atomic(out_dir / FINDINGS_CSV, csv_text(FINDING_COLUMNS, findings))


class Summaries(RunOutput[tuple[list[Row], list[Row]]]):
    """``judgments.csv`` and ``findings.csv`` of a run: each report's rows, laid out in input order."""

    def keep(self, report: Report) -> tuple[list[Row], list[Row]]:
        return judgment_rows(report), finding_rows(report)

    def finish(self, run: Run) -> None:
        rows = self.kept(run)
        judgments = [row for report_rows, _ in rows for row in report_rows]
        findings = [row for _, report_rows in rows for row in report_rows]
        write_summaries(self.folder, judgments, findings)
