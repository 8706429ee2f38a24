"""Golden outputs: the full output of every sample and of generated PDF, HTML and DOCX inputs.

Each case is checked byte for byte against ``tests/golden/`` (docling-core's habit), so a
change anywhere in the pipeline that alters any output fails here and has to be chosen:
regenerate with ``PEEL_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py -s``,
which rewrites the files and prints a diff of what changed (``-s`` lets it through); then
review that diff in the commit. The batch case covers the folder outputs (index, CSVs, a
dump of the database and the HTML overview) as well as the per-report JSON.
"""

from __future__ import annotations

import difflib
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from extractor import extract, load_document
from extractor.outputs.json import report_json
from tests import pdfgen
from tests.conftest import ROOT, SAMPLE_NAMES, SAMPLES, sample
from tests.docx_build import response_docx

GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("PEEL_REGENERATE_GOLDEN") == "1"
FIXTURES = ROOT / "tests" / "fixtures"


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; with the flag set, rewrite it and print the diff."""
    path = GOLDEN / name
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if REGENERATE:
        if old != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            diff = difflib.unified_diff(
                old.splitlines(), text.splitlines(), f"a/{name}", f"b/{name}", lineterm="", n=1
            )
            print("\n".join(diff))
        return
    assert path.exists(), f"no golden file {name}; run with PEEL_REGENERATE_GOLDEN=1 (and -s) and review it"
    if old != text:
        diff = "\n".join(
            list(difflib.unified_diff(old.splitlines(), text.splitlines(), "golden", "now", lineterm=""))[:80]
        )
        pytest.fail(f"{name} differs from its golden file:\n{diff}")


def _pdf(prefix: str) -> Callable[[Path], tuple[str, bytes]]:
    def build(tmp: Path) -> tuple[str, bytes]:
        path = tmp / f"{prefix}.pdf"
        pdfgen.render(load_document(sample(prefix)), path)
        return f"generated/{prefix}.pdf", path.read_bytes()

    return build


def _html(name: str) -> Callable[[Path], tuple[str, bytes]]:
    return lambda tmp: (f"fixtures/{name}", (FIXTURES / name).read_bytes())


def _docx(prefix: str) -> Callable[[Path], tuple[str, bytes]]:
    def build(tmp: Path) -> tuple[str, bytes]:
        data, _ = response_docx(sample(prefix).read_text(encoding="utf-8"))
        return f"generated/{prefix}.docx", data

    return build


# Inputs the tests already build, beside the samples: PDFs rendered in the inspectorate's
# layout, the two HTML fixtures and a force's response laid out in Word.
GENERATED: dict[str, Callable[[Path], tuple[str, bytes]]] = {
    "pdf-000": _pdf("000"),
    "pdf-003": _pdf("003"),
    "pdf-004": _pdf("004"),
    "html-2017": _html("peel2017_effectiveness.html"),
    "html-2025": _html("peel2025_report.html"),
    "docx-003": _docx("003"),
}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_golden_sample_report(name: str) -> None:
    report = extract(f"samples/{name}", (SAMPLES / name).read_bytes())
    check_golden(f"samples/{Path(name).stem}.json", report_json(report))


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(GENERATED))
def test_golden_generated_input_report(case: str, tmp_path: Path) -> None:
    name, data = GENERATED[case](tmp_path)
    report = extract(name, data)
    check_golden(f"generated/{case}.json", report_json(report))


def _database_dump(path: Path) -> str:
    """Every table's rows in a fixed order: the database's content without SQLite's page layout."""
    with closing(sqlite3.connect(path)) as conn:
        lines = list(conn.iterdump())
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_golden_batch_folder_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder outputs of one run over the samples: index, CSVs, database and overview."""
    from extractor.cli import main

    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    assert main(["samples", "-o", str(out), "-q", "-w", "0", "--no-progress"]) == 0
    for name in ("index.jsonl", "judgments.csv", "findings.csv"):
        check_golden(f"batch/{name}", (out / name).read_text(encoding="utf-8"))
    check_golden("batch/peel.sqlite.sql", _database_dump(out / "peel.sqlite"))
    overview = tmp_path / "overview.html"
    assert main(["report", str(out), "-o", str(overview)]) == 0
    check_golden("batch/overview.html", overview.read_text(encoding="utf-8"))


def test_golden_regenerate_flag_is_off_in_ci() -> None:
    # CI must compare, never rewrite: a regenerated golden would pass whatever the code does.
    assert not (REGENERATE and os.environ.get("CI")), "PEEL_REGENERATE_GOLDEN is set in CI"
