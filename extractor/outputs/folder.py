"""What an output folder already holds: the report JSONs of earlier runs and the index's failure lines.

A run into a folder that earlier runs wrote leaves the folder consistent: its index, CSVs and
database describe every report in the folder, not only the run's (a one-file run must not shrink
them to that file). The folder's report JSONs are the truth: an earlier report stands for as long
as its JSON is there, so an index line whose JSON is gone is dropped, and a JSON put there by hand
counts. An earlier failure (no JSON) stands until a run reads that input again or the input is gone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.outputs.index import INDEX_NAME
from schemas import Report

# A report JSON starts so (report_json writes ``schema_version`` first): other JSON is not parsed.
_REPORT_START = b'{\n  "schema_version"'
MAX_REPORT_BYTES = 64 * 1024**2
"""A JSON larger than this in the folder is not taken for a report (a report is a few hundred KB)."""


@dataclass
class Earlier:
    """What earlier runs left: reports with their output names, and the index's failure entries."""

    reports: list[tuple[str, Report]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)


def earlier_state(folder: Path, skip: Collection[str] = ()) -> Earlier:
    """The folder's report JSONs (top level, not hidden) except those named in ``skip`` (the run's own
    outputs), and the failure and skip lines of its index whose input still exists."""
    earlier = Earlier()
    try:
        candidates = sorted(folder.glob("*.json"))
    except OSError:
        candidates = []
    for path in candidates:
        if path.name.startswith(".") or path.name in skip:
            continue
        report = _read_report(path)
        if report is not None:
            earlier.reports.append((path.name, report))
    earlier.reports.sort(key=lambda pair: (pair[1].source.file, pair[0]))
    try:
        lines = (folder / INDEX_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("status") in ("error", "skipped"):
            file = entry.get("file")
            if isinstance(file, str) and os.path.lexists(file):
                earlier.failures.append(entry)
    earlier.failures.sort(key=lambda entry: str(entry["file"]))
    return earlier


def _read_report(path: Path) -> Report | None:
    """The report in ``path`` when it is a whole report JSON of the contract; None for anything else."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_REPORT_BYTES:
            return None
        data = path.read_bytes()
        if not data.startswith(_REPORT_START):
            return None
        return Report.model_validate_json(data)
    except (OSError, ValueError):
        return None
