"""The output contract: committed JSON Schema in step with the models, and the models' own rules."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from schemas import SCHEMA_PATH, Finding, Report, Span, json_schema_text
from tests.conftest import sample_report


def test_schema_committed_file_matches_models() -> None:
    # Fails when a model changes without `python -m schemas` being run and committed.
    assert SCHEMA_PATH.read_text(encoding="utf-8") == json_schema_text()


def test_schema_contract_fields_present() -> None:
    props = json.loads(json_schema_text())["properties"]
    assert set(props) >= {
        "schema_version", "source", "document", "judgments", "sections", "areas_for_improvement",
        "causes_of_concern", "recommendations", "innovative_practice", "stated_counts", "findings",
        "warnings",
    }  # fmt: skip


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_schema_sample_reports_round_trip(prefix: str) -> None:
    report = sample_report(prefix)
    dumped = report.model_dump_json()
    again = Report.model_validate_json(dumped)
    assert again.model_dump_json() == dumped
    assert again.schema_version == "1"


def test_schema_finding_x_above_y_is_rejected() -> None:
    with pytest.raises(ValidationError, match="greater than y"):
        Finding(x=5, y=4, unit="cases", text="5 of 4 cases", sentence="In 5 of 4 cases.", span=Span(line=1))


def test_schema_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Span.model_validate({"line": 1, "column": 3})
