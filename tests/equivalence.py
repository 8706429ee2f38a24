"""Compare two extractions of the same content read from different formats, field by field."""

from __future__ import annotations

from typing import Any

from schemas import Report

# Where a result stands differs between formats (HTML source line, Word paragraph ordinal).
_PLACE_KEYS = frozenset({"span", "line", "page", "bbox", "start", "end", "end_line", "end_page"})
# Every result field the scorer reads, plus the section tree.
RESULT_FIELDS = (
    "judgments",
    "sections",
    "areas_for_improvement",
    "causes_of_concern",
    "recommendations",
    "innovative_practice",
    "stated_counts",
    "findings",
)


def without_places(value: Any) -> Any:
    """A dumped model with every span, line, page and bbox removed."""
    if isinstance(value, dict):
        return {key: without_places(item) for key, item in value.items() if key not in _PLACE_KEYS}
    if isinstance(value, list):
        return [without_places(item) for item in value]
    return value


def differences(converted: Report, text: Report) -> dict[str, tuple[Any, Any]]:
    """Fields whose values differ (places aside), with both values; empty when they agree."""
    left, right = converted.model_dump(mode="json"), text.model_dump(mode="json")
    diffs: dict[str, tuple[Any, Any]] = {}
    for name in RESULT_FIELDS:
        if without_places(left[name]) != without_places(right[name]):
            diffs[name] = (without_places(left[name]), without_places(right[name]))
    for name in ("kind", "force", "inspection"):
        if without_places(left["document"][name]) != without_places(right["document"][name]):
            diffs[f"document.{name}"] = (left["document"][name], right["document"][name])
    return diffs
