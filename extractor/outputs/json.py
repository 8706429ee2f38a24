"""The report JSON, both ways: one file per report, written atomically, and read back for reuse and tools.

What is written is exactly :func:`report_json`; a file counts as current (a rerun need not redo
its input) only when it reads back to a report of the same input bytes, path and extractor
version and is byte for byte what would be written again.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from extractor.errors import InvalidReportJson
from extractor.outputs.base import Output
from extractor.outputs.files import write_atomic
from schemas import SCHEMA_VERSION, InputFormat, Report


def report_json(report: Report, indent: int | None = 2) -> str:
    """The report as the JSON text written to disk (stable key order, UTF-8, 2-space indent);
    ``indent`` None: compact, on one line (a line of JSON Lines)."""
    return report.model_dump_json(indent=indent) + "\n"


class ReportFiles(Output):
    """``<name>`` (``<stem>.json``) per report, written the moment it arrives; a failed input's is removed."""

    def write(self, report: Report, name: str, *, reused: bool = False) -> None:
        if not reused:
            write_atomic(self.folder / name, report_json(report))

    def drop(self, name: str) -> None:
        # An input that now fails must not leave an older report behind to be taken for current
        # (one that cannot be removed is of other content, so it is never taken for current).
        with contextlib.suppress(OSError):
            (self.folder / name).unlink(missing_ok=True)


def current_report(
    target: Path, *, file: str, sha256: str, version: str, engine: str | None = None
) -> Report | None:
    """The report in ``target`` when it is whole, of this input (path and sha256), version and
    schema, and exact; for a PDF also read by ``engine`` (the engine this run reads PDFs with), as
    engines place characters differently (None: any engine)."""
    try:
        text = target.read_text(encoding="utf-8")
        report = Report.model_validate_json(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    source = report.source
    if (source.sha256, source.file, source.extractor_version) != (sha256, file, version):
        return None
    if report.schema_version != SCHEMA_VERSION:
        return None
    if engine is not None and source.format is InputFormat.PDF and source.engine != engine:
        return None
    return report if report_json(report) == text else None


def read_report(path: str | Path) -> Report:
    """A report JSON file as a validated model; a clear error when it is not one."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidReportJson(str(path), f"cannot read it: {exc}") from exc
    try:
        return Report.model_validate_json(text)
    except ValidationError as exc:
        head = text[:200].replace(" ", "")
        if '"schema_version":"1",' in head:
            message = (
                f"written under schema 1, this peel-extract reads {SCHEMA_VERSION}; extract its input again"
            )
            raise InvalidReportJson(str(path), message) from exc
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise InvalidReportJson(
            str(path),
            f"not a peel-extract report JSON ({exc.error_count()} problems; {where}: {first['msg']})",
        ) from exc


@dataclass
class Loaded:
    """Report JSON files read from a folder: the reports, the files that failed, the ones skipped."""

    reports: list[tuple[Path, Report]]
    errors: list[InvalidReportJson]
    skipped: list[Path]


def load_folder(folder: str | Path) -> Loaded:
    """Every report JSON under ``folder``, sorted; hidden files and other JSON (a schema) are skipped."""
    root = Path(folder)
    loaded = Loaded(reports=[], errors=[], skipped=[])
    for path in sorted(root.rglob("*.json")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        try:
            head = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            loaded.errors.append(InvalidReportJson(str(path), f"not valid JSON: {exc}"))
            continue
        if not (isinstance(head, dict) and "schema_version" in head and "source" in head):
            loaded.skipped.append(path)
            continue
        try:
            loaded.reports.append((path, read_report(path)))
        except InvalidReportJson as exc:
            loaded.errors.append(exc)
    return loaded
