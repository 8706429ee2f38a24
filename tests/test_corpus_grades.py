"""The grade readers on the shared corpus of real text (skipped where ``../shared/corpus`` is absent).

A floor, not a target: it holds what the grade sentence grammar reaches on the 126 real
excerpts, so a change that loses grades, finds wrong ones, or reports an earlier inspection's
grade as current fails here. The corpus is read in place and never copied (licence).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from extractor.errors import ExtractionError
from tests.conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = ROOT.parent / "shared" / "tools" / "score_corpus.py"

# Measured on this branch: recall 0.908, precision 0.993, no earlier grade as current.
GRADE_RECALL_FLOOR = 0.90
GRADE_PRECISION_FLOOR = 0.98


@pytest.mark.skipif(not (CORPUS / "gold.jsonl").exists() or not SCORER.exists(), reason="no ../shared corpus")
def test_corpus_grades_hold_their_floor(tmp_path: Path) -> None:
    for case in sorted((CORPUS / "cases").glob("*.txt")):
        try:
            report = extract(case)
        except ExtractionError:
            continue  # scored as a case with no output
        (tmp_path / f"{case.stem}.json").write_text(report.model_dump_json(), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(tmp_path), str(CORPUS / "gold.jsonl"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(scored.stdout)
    assert figures["earlier_as_current"] == 0
    assert figures["grades"]["recall"] >= GRADE_RECALL_FLOOR, figures["grades"]
    assert figures["grades"]["precision"] >= GRADE_PRECISION_FLOOR, figures["grades"]
