"""The shared development corpus holds its floors: the pipeline runs over ``../shared/corpus`` once a
session (in process, reports in a temporary folder) and the shared scorer's figures must not fall.

Skipped only where the corpus (or its scorer) is absent. The floors are what the pipeline reaches
today, field by field. ``bench/bench_corpus.py`` prints the table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest

from bench.bench_corpus import CORPUS, SCORER, extra_figures, run_corpus, score

pytestmark = pytest.mark.skipif(
    not (CORPUS / "cases").is_dir() or not SCORER.exists(), reason="no ../shared/corpus beside the checkout"
)

# field -> (recall floor, precision floor); None where the scorer gives no precision of its own.
FLOORS: dict[str, tuple[float, float | None]] = {
    "force": (1.0, None),
    "cycle": (1.0, None),
    "afis": (1.0, 1.0),
    "causes_of_concern": (1.0, 1.0),
    "x_of_y": (1.0, 1.0),
    # issue 13's targets (>= 0.95 / >= 0.97); measured 0.956 / 0.989 when they were set
    "grades": (0.95, 0.97),
}


class Run(NamedTuple):
    """One run over the corpus: the scorer's figures, the figures it does not give, the reports' folder."""

    figures: dict[str, Any]
    extra: dict[str, Any]
    out_dir: Path


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The corpus run once a session."""
    out_dir = tmp_path_factory.mktemp("corpus")
    run_corpus(CORPUS / "cases", out_dir)
    figures, _ = score(out_dir)
    return Run(figures, extra_figures(out_dir), out_dir)


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_corpus_field_holds_its_floor(corpus_run: Run, field: str) -> None:
    figures = corpus_run.figures
    recall_floor, precision_floor = FLOORS[field]
    got = figures[field]
    assert got["recall"] >= recall_floor, f"{field} recall {got['recall']} < {recall_floor}: {got}"
    if precision_floor is not None:
        assert got["precision"] >= precision_floor, f"{field} precision {got['precision']}: {got}"


def test_corpus_reports_no_earlier_grade_as_current(corpus_run: Run) -> None:
    # An earlier inspection's grade the text states as history goes to earlier_judgments, never judgments.
    assert corpus_run.figures["earlier_as_current"] == 0


def test_corpus_names_no_cycle_the_text_does_not(corpus_run: Run) -> None:
    assert corpus_run.extra["cycle_invented"] == []


def test_corpus_every_peel_case_gives_a_report(corpus_run: Run) -> None:
    # A negative may fail as not-an-inspection-document; a text reporting PEEL results may not.
    assert corpus_run.figures["no_output"] == 0


def test_corpus_document_kinds_stay_within_the_golds(corpus_run: Run) -> None:
    assert corpus_run.extra["kinds_right"] >= 101, corpus_run.extra["wrong_kinds"]
