"""Output contract of peel-extract: pydantic models and the generated JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.report import (
    ITEM_FIELDS,
    RESULT_FIELDS,
    SCHEMA_VERSION,
    Area,
    CountOf,
    DocumentInfo,
    DocumentKind,
    EarlierInspection,
    EarlierJudgment,
    Evidence,
    Finding,
    Force,
    Grade,
    How,
    InputFormat,
    Inspection,
    Item,
    Judgment,
    Quote,
    Report,
    Section,
    SectionKind,
    Source,
    Span,
    StatedCount,
    Warning,
)

SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


def json_schema_text() -> str:
    """The JSON Schema of ``Report`` as committed in ``report.schema.json``."""
    schema = Report.model_json_schema(mode="serialization")
    schema["$id"] = "https://peel-extract/schemas/report.schema.json"
    schema["title"] = "peel-extract report (schema_version 1.1)"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


__all__ = [
    "ITEM_FIELDS",
    "RESULT_FIELDS",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "Area",
    "CountOf",
    "DocumentInfo",
    "DocumentKind",
    "EarlierInspection",
    "EarlierJudgment",
    "Evidence",
    "Finding",
    "Force",
    "Grade",
    "How",
    "InputFormat",
    "Inspection",
    "Item",
    "Judgment",
    "Quote",
    "Report",
    "Section",
    "SectionKind",
    "Source",
    "Span",
    "StatedCount",
    "Warning",
    "json_schema_text",
]
