"""Items stage: AFIs, causes of concern, recommendations, innovative practice (placeholder)."""

from __future__ import annotations

from extractor.pipeline import Extraction, stage


@stage(
    "items",
    requires=("sections",),
    assigns=(
        "areas_for_improvement",
        "causes_of_concern",
        "recommendations",
        "innovative_practice",
    ),
)
def items_stage(ex: Extraction) -> None:
    """Assign the document's items (none yet)."""
    ex.areas_for_improvement = []
    ex.causes_of_concern = []
    ex.recommendations = []
    ex.innovative_practice = []
