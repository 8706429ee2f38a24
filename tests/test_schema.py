"""The output contract: committed JSON Schema in step with the models, and the models' own rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    assert again.schema_version == "1.1"


def test_schema_finding_x_above_y_is_rejected() -> None:
    with pytest.raises(ValidationError, match="greater than y"):
        Finding(x=5, y=4, unit="cases", text="5 of 4 cases", sentence="In 5 of 4 cases.", span=Span(line=1))


def test_schema_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Span.model_validate({"line": 1, "column": 3})


# ---------------------------------------------------------------- 1.1 over 1.0: additive only

SCHEMA_1_0 = Path(__file__).parent / "fixtures" / "report.schema.1.0.json"
_SAME_KEYS = ("type", "pattern", "minimum", "maximum", "format", "minItems", "maxItems")


_SEEN: set[tuple[str | None, str | None]] = set()


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _compatible(
    old: dict[str, Any], new: dict[str, Any], old_root: dict[str, Any], new_root: dict[str, Any], where: str
) -> list[str]:
    """Every way ``new`` fails to give a consumer of ``old`` the same field with the same meaning."""
    pair = (old.get("$ref"), new.get("$ref"))
    if pair[0] is not None:
        if pair in _SEEN:  # a recursive model (a section's children) is checked once
            return []
        _SEEN.add(pair)
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    problems = [
        f"{where}: {key} {old.get(key)!r} -> {new.get(key)!r}"
        for key in _SAME_KEYS
        if old.get(key) != new.get(key)
    ]
    if "enum" in old and not set(old["enum"]) <= set(new.get("enum", [])):
        problems.append(f"{where}: values {sorted(set(old['enum']) - set(new.get('enum', [])))} dropped")
    if not set(old.get("required", [])) <= set(new.get("required", [])):
        problems.append(
            f"{where}: no longer always there: {set(old['required']) - set(new.get('required', []))}"
        )
    for name, prop in old.get("properties", {}).items():
        if name not in new.get("properties", {}):
            problems.append(f"{where}.{name}: dropped")
        else:
            problems += _compatible(prop, new["properties"][name], old_root, new_root, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        if isinstance(old.get(key), dict):
            problems += _compatible(old[key], new.get(key, {}), old_root, new_root, f"{where}[{key}]")
    for position, item in enumerate(old.get("prefixItems", [])):
        problems += _compatible(
            item, new["prefixItems"][position], old_root, new_root, f"{where}[{position}]"
        )
    if "anyOf" in old:
        for option in old["anyOf"]:
            if not any(
                not _compatible(option, other, old_root, new_root, where) for other in new.get("anyOf", [])
            ):
                problems.append(f"{where}: the alternative {option} is gone")
    return problems


def test_schema_1_1_keeps_every_field_of_1_0_with_its_meaning() -> None:
    # A 1.0 consumer reads every field it knew, of the same type, values and presence; 1.1 only adds.
    old = json.loads(SCHEMA_1_0.read_text(encoding="utf-8"))
    new = json.loads(json_schema_text())
    _SEEN.clear()
    assert not _compatible(old, new, old, new, "report")
    assert set(old["$defs"]) <= set(new["$defs"])
    # The check bites: a dropped field or a changed type is caught.
    broken = json.loads(json_schema_text())
    del broken["$defs"]["Span"]["properties"]["line"]
    broken["$defs"]["Finding"]["properties"]["x"]["type"] = "string"
    _SEEN.clear()
    found = _compatible(old, broken, old, broken, "report")
    assert any("line: dropped" in p for p in found) and any(".x: type" in p for p in found)
