"""Run extraction over many inputs: one JSON per input plus ``index.jsonl``; errors never stop a batch."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import ExtractionError
from extractor.extract import extract
from extractor.writer import counts_of, index_line, report_json, write_atomic

log = logging.getLogger("peel_extract")


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted, hidden files skipped)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            files.append(path)
    return files


def output_name(path: Path, taken: set[str]) -> str:
    """``<stem>.json``, or ``<stem>.<suffix>.json`` / a numbered name when the stem is taken."""
    candidates = [f"{path.stem}.json", f"{path.name}.json"]
    candidates += [f"{path.stem}-{n}.json" for n in range(2, 10_000)]
    for name in candidates:
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError(f"no free output name for {path}")


@dataclass
class BatchResult:
    """What a batch did: one index entry per input."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Inputs that gave an error."""
        return sum(1 for e in self.entries if e["status"] == "error")

    @property
    def exit_code(self) -> int:
        """0 when every input gave a report, 1 when some failed."""
        return 1 if self.failed else 0


def process_one(path: Path, out_dir: Path, name: str) -> dict[str, Any]:
    """Extract one input and write its JSON; return its index entry (never raises for bad input)."""
    entry: dict[str, Any] = {"file": str(path), "output": None, "status": "ok"}
    try:
        report = extract(path)
    except ExtractionError as exc:
        entry.update(status="error", error={"code": exc.code, "message": exc.message})
        return entry
    except Exception as exc:  # a bug: keep going, keep the traceback in the log
        log.debug("internal error on %s\n%s", path, traceback.format_exc())
        entry.update(
            status="error",
            error={"code": "internal-error", "message": f"{type(exc).__name__}: {exc}"},
        )
        return entry
    write_atomic(out_dir / name, report_json(report))
    entry.update(output=name, counts=counts_of(report), warnings=len(report.warnings))
    return entry


def run_batch(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    on_done: Callable[[dict[str, Any]], None] | None = None,
) -> BatchResult:
    """Extract every input into ``out_dir`` and write ``index.jsonl``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    taken: set[str] = {"index.jsonl"}
    for path in expand_inputs(inputs):
        entry = process_one(path, out, output_name(path, taken))
        result.entries.append(entry)
        if on_done:
            on_done(entry)
    write_atomic(out / "index.jsonl", "".join(index_line(e) for e in result.entries))
    return result
