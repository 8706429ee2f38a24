"""Start-up: commands that extract nothing load neither spaCy nor the PDF libraries.

Each command runs in a fresh interpreter, which then reports the heavy modules it imported
(``sys.modules``); extracting a text report is the control that does load spaCy. Start-up
times are measured by ``bench/bench_startup.py``, not asserted here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.readers.pdf.engine import DEFAULT_ENGINE
from tests.conftest import ROOT, SAMPLE_NAMES

HEAVY = ("spacy", "pdfplumber", "pdfminer", "pypdfium2", "docx")
# What the commands that print without reading a report need not load either: the models, the
# stages and their patterns, the batch, the HTML templates.
MODELS = ("pydantic", "extractor.api", "extractor.batch", "jinja2", "schemas")
GOLDEN = ROOT / "tests" / "golden" / "samples"


def _loaded(args: list[str], watched: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    """Exit status of ``peel-extract ARGS`` in a fresh interpreter, and the watched modules it loaded."""
    script = (
        "import contextlib, io, json, sys\n"
        "from extractor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    code = main({args!r})\n"
        f"print(json.dumps([code, sorted(m for m in {watched!r} if m in sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return code, modules


def _goldens() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["schema"], ["extract", "--help"], ["diff", "--help"]],
    ids=lambda a: " ".join(a),
)
def test_startup_command_loads_no_heavy_module(args: list[str]) -> None:
    assert _loaded(args) == (0, [])


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["schema"]], ids=lambda a: " ".join(a))
def test_startup_printing_command_builds_no_model(args: list[str]) -> None:
    assert _loaded(args, MODELS) == (0, [])


def test_startup_diff_loads_no_heavy_module() -> None:
    old, new = _goldens()[0], _goldens()[-1]
    code, modules = _loaded(["diff", str(old), str(new)])
    assert code in (0, 1) and modules == []


def test_startup_report_loads_no_heavy_module(tmp_path: Path) -> None:
    for path in _goldens():
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    code, modules = _loaded(["report", str(tmp_path), "-o", str(tmp_path / "overview.html")])
    assert (code, modules) == (0, [])
    assert (tmp_path / "overview.html").stat().st_size > 1000


def test_startup_extracting_text_loads_spacy_not_pdf_libraries() -> None:
    code, modules = _loaded([f"samples/{SAMPLE_NAMES[0]}", "-o", "-"])
    assert code == 0 and modules == ["spacy"]


def test_startup_batch_preloads_before_forking_workers(tmp_path: Path) -> None:
    """With forked workers, the parent imports spaCy and the PDF engine once, before they start."""
    script = (
        "import sys\n"
        "from extractor.batch import run_batch\n"
        "from extractor.pool import context\n"
        f"result = run_batch([{str(ROOT / 'samples' / SAMPLE_NAMES[0])!r}], {str(tmp_path)!r}, workers=2)\n"
        "fork = context().get_start_method() == 'fork'\n"
        "print(result.failed, fork, 'spacy' in sys.modules, 'pypdfium2' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    failed, fork, spacy, pdfium = done.stdout.split()
    assert failed == "0"
    assert DEFAULT_ENGINE == "pdfium"
    assert (spacy, pdfium) == ((fork, fork) if fork == "True" else ("False", "False"))
