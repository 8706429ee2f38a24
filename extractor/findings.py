"""Stated counts and "X of Y" findings stage (placeholder until the findings issue lands)."""

from __future__ import annotations

from extractor.pipeline import Extraction, stage


@stage("findings", requires=("sections",), assigns=("stated_counts", "findings"))
def findings_stage(ex: Extraction) -> None:
    """Assign stated counts and findings (none yet)."""
    ex.stated_counts = []
    ex.findings = []
