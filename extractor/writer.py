"""Serialise reports: atomic JSON files and the run index (``index.jsonl``)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from schemas import Report


def report_json(report: Report) -> str:
    """The report as the JSON text written to disk (stable key order, UTF-8, 2-space indent)."""
    return report.model_dump_json(indent=2) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def counts_of(report: Report) -> dict[str, int]:
    """How many of each extracted list a report holds (for the index line)."""
    return {
        "judgments": len(report.judgments),
        "sections": sum(1 for _ in _walk(report.sections)),
        "areas_for_improvement": len(report.areas_for_improvement),
        "causes_of_concern": len(report.causes_of_concern),
        "recommendations": len(report.recommendations),
        "innovative_practice": len(report.innovative_practice),
        "stated_counts": len(report.stated_counts),
        "findings": len(report.findings),
        "warnings": len(report.warnings),
    }


def _walk(sections: list[Any]) -> Any:
    for section in sections:
        yield section
        yield from _walk(section.children)


def index_line(entry: dict[str, Any]) -> str:
    """One line of ``index.jsonl``."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
