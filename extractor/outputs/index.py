"""The run index, ``index.jsonl``: one line per input, in input order, saying what became of it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from extractor.errors import ExtractionError
from extractor.outputs.base import Output, Run
from extractor.outputs.files import write_atomic
from schemas import RESULT_FIELDS, Report, Section

INDEX_NAME = "index.jsonl"


def counts_of(report: Report) -> dict[str, int]:
    """How many of each extracted list a report holds, sections (every node of the tree) and warnings."""
    counts = {name: len(getattr(report, name)) for name in RESULT_FIELDS}
    counts["sections"] = sum(1 for _ in _walk(report.sections))
    counts["warnings"] = len(report.warnings)
    return counts


def _walk(sections: list[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.children)


def ok_entry(file: str, name: str, report: Report) -> dict[str, Any]:
    """The index entry of an input that gave a report, written (or kept) as ``name``."""
    return {
        "file": file,
        "output": name,
        "status": "ok",
        "sha256": report.source.sha256,
        "counts": counts_of(report),
        "warnings": len(report.warnings),
    }


def error_entry(
    file: str, error: ExtractionError, sha256: str | None = None, *, status: str = "error"
) -> dict[str, Any]:
    """The index entry of an input that failed (or, ``status`` "skipped", was passed over unread):
    its error's code and message, and its hash when it was read."""
    entry: dict[str, Any] = {"file": file, "output": None, "status": status}
    entry["error"] = {"code": error.code, "message": error.message}
    if sha256:
        entry["sha256"] = sha256
    return entry


def index_line(entry: dict[str, Any]) -> str:
    """One line of ``index.jsonl``."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"


class RunIndex(Output):
    """``index.jsonl``, written whole at the end of a run (a killed run leaves none: it is not done)."""

    def finish(self, run: Run) -> None:
        write_atomic(self.folder / INDEX_NAME, "".join(index_line(entry) for entry in run.entries))
