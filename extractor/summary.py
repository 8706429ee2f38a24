"""The lines a folder run ends with: how many inputs were extracted, reused, failed or skipped,
and where the index, summaries, log and database are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import printable

if TYPE_CHECKING:
    from extractor.batch import BatchResult
    from extractor.outputs.sqlite import Database


def summary_lines(result: BatchResult, output: Path, database: Database | None = None) -> list[str]:
    """The short summary printed at the end of a batch (and what went into the database)."""
    from extractor.inputs import path_text
    from extractor.outputs.csv import FINDINGS_CSV, JUDGMENTS_CSV
    from extractor.outputs.index import INDEX_NAME

    total = len(result.entries)
    done = total - result.failed - result.skipped
    reused = f" ({result.reused} unchanged, not redone)" if result.reused else ""
    lines = [f"{done} of {total} inputs extracted{reused}, {result.failed} failed"]
    if result.failed:
        lines[0] += ": " + ", ".join(f"{code} {n}" for code, n in result.error_counts.items())
    if result.skipped:
        lines[0] += f"; {result.skipped} skipped: " + ", ".join(
            f"{code} {n}" for code, n in result.counts("skipped").items()
        )
    shown = [printable(path_text(output / name)) for name in (INDEX_NAME, JUDGMENTS_CSV, FINDINGS_CSV)]
    kept = f" (and {result.earlier} inputs of earlier runs)" if result.earlier else ""
    lines.append(f"index: {shown[0]}{kept}; summaries: {shown[1]}, {shown[2]}")
    if result.log is not None:
        lines.append(f"log (tracebacks, libraries' messages): {printable(path_text(result.log))}")
    if database is not None and database.written is not None:
        lines.append(f"database: {printable(path_text(database.path))}: {database.written}")
    return lines
