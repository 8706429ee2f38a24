"""Graded judgments stage (placeholder until the judgments issue lands: assigns no judgments)."""

from __future__ import annotations

from extractor.pipeline import Extraction, stage


@stage("judgments", requires=("sections",), assigns=("judgments",))
def judgments_stage(ex: Extraction) -> None:
    """Assign the document's judgments (none yet)."""
    ex.judgments = []
