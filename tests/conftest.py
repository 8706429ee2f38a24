"""Shared fixtures: sample and gold paths, and a helper to extract from an in-memory text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor import extract
from schemas import Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# Hand-checked ground truth for the five samples, copied from the project's shared/gold so a
# clean checkout holds the pipeline to it (tests/test_gold_copy.py keeps the copy in step).
GOLD = ROOT / "tests" / "gold"
SHARED_GOLD = ROOT.parent / "shared" / "gold"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))


def sample(prefix: str) -> Path:
    """The sample whose name starts with ``prefix`` ('000', '004', ...)."""
    return next(SAMPLES.glob(f"{prefix}_*"))


def gold(prefix: str) -> dict[str, Any]:
    """The hand-checked gold file of a sample."""
    (match,) = GOLD.glob(f"{prefix}_*.json")
    return json.loads(match.read_text(encoding="utf-8"))


def extract_text(text: str, name: str = "variant.txt") -> Report:
    """Run the whole pipeline on a text given in the test."""
    return extract(name, text.encode("utf-8"))


_CACHE: dict[str, Report] = {}


def sample_report(prefix: str) -> Report:
    """The report of a sample, extracted once per test session."""
    if prefix not in _CACHE:
        _CACHE[prefix] = extract(sample(prefix))
    return _CACHE[prefix]
