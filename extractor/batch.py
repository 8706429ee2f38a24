"""Run extraction over many inputs: one JSON per input, ``index.jsonl`` and the summary CSVs.

A batch must survive any one input. Each file is extracted in a worker process of a small pool
(:mod:`extractor.pool`) that the parent watches: a file that runs past the time limit has its
worker killed and is recorded as ``timeout``; a worker that dies (a crash, the kernel's OOM
killer) is recorded as an internal error for that one file and replaced. Workers only read and
extract: each sends back a report or a typed error, and the parent hands it to the outputs
(:mod:`extractor.outputs`) as it arrives, so each JSON is written atomically the moment its report
is in. After the run, the folder's index, CSVs and database describe every report in the folder,
earlier runs' too (:mod:`extractor.outputs.folder`). An input whose
content hash, path and extractor version match its existing output is not redone, so a rerun
after an interrupted run finishes the job and ends with the same bytes as one uninterrupted run.
Everything written depends on the inputs alone, never on the number of workers or on timing.
A run holds its output folder's lock from start to end, so two runs into one folder take turns;
what the inputs are and how they are read safely is :mod:`extractor.inputs`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.api import extract
from extractor.defaults import DEFAULT_TIMEOUT
from extractor.errors import (
    ExtractionError,
    FolderInUse,
    InternalError,
    OwnOutput,
    Timeout,
    TooLarge,
    WriteError,
    printable,
)
from extractor.inputs import (
    Input,
    collect_inputs,
    expand_inputs,
    output_names,
    path_text,
    possible_names,
    read_input,
    refuse_own_output,
)
from extractor.outputs import FOLDER_OUTPUTS, Output, Run
from extractor.outputs.files import FolderLock, output_name_budget, remove_stale_temps, write_atomic
from extractor.outputs.folder import earlier_state
from extractor.outputs.index import error_entry, ok_entry
from extractor.outputs.json import current_report
from extractor.pool import Lost, context, cores, run_pool
from extractor.readers import DEFAULT_MAX_BYTES
from extractor.version import __version__
from schemas import Report

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "LOG_NAME",
    "BatchResult",
    "Outcome",
    "collect_inputs",
    "expand_inputs",
    "extract_each",
    "library_messages",
    "output_names",
    "process_one",
    "run_batch",
]

log = logging.getLogger("peel_extract")

LOG_NAME = "peel-extract.log"
DEFAULT_MAX_MEMORY = 4 * 1024**3
"""Address space of one worker; a PDF that inflates past it fails alone instead of starving the machine."""


@dataclass(frozen=True)
class _Settings:
    """What every worker needs to know besides its task."""

    force: bool
    max_bytes: int | None
    max_memory: int | None
    engine: str | None = None  # the PDF engine (None: the default)
    fmt: str | None = None  # the input format forced (None: told by content)


@dataclass
class Outcome:
    """What one input gave: its report (``reused`` when its current JSON was taken back) or a typed
    error, and a bug's traceback and libraries' messages for the log."""

    report: Report | None = None
    error: ExtractionError | None = None
    sha256: str | None = None
    reused: bool = False
    traceback: str | None = None
    messages: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    """What a batch did: one index entry per input, in input order, and the outputs it could not write."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    reused: int = 0
    log: Path | None = None
    failures: list[ExtractionError] = field(default_factory=list)
    earlier: int = 0
    """Index entries the folder kept from earlier runs (its reports and failures of other inputs)."""

    @property
    def failed(self) -> int:
        """Inputs that gave an error."""
        return sum(1 for e in self.entries if e["status"] == "error")

    @property
    def skipped(self) -> int:
        """Inputs passed over unread (special files and dangling links in folders, our own outputs)."""
        return sum(1 for e in self.entries if e["status"] == "skipped")

    def counts(self, status: str = "error") -> dict[str, int]:
        """How many inputs of a status (``error``, ``skipped``) had each code, codes sorted."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            if entry["status"] == status:
                code = entry["error"]["code"]
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def error_counts(self) -> dict[str, int]:
        """How many inputs failed with each error code, codes sorted."""
        return self.counts("error")

    @property
    def exit_code(self) -> int:
        """0 when every input gave a report (or was skipped) and every output was written, else 1."""
        return 1 if self.failed or self.failures else 0


class _Capture(logging.Handler):
    """Collects what libraries (pdfminer, ...) log while one file is read, instead of printing it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = f"{record.levelname} {record.name}: {record.getMessage()}"
        except Exception:  # a library's bad format string must not cost the file
            line = f"{record.levelname} {record.name}: {record.msg!r}"
        self.lines.append(line)


def _squeeze(lines: list[str]) -> list[str]:
    """Repeated messages once each, with how many times they came (pdfminer repeats itself a lot)."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    return [line if n == 1 else f"{line} (x{n})" for line, n in counts.items()]


@contextlib.contextmanager
def library_messages() -> Iterator[list[str]]:
    """Collect what libraries log (WARNING and up) inside the block into the yielded list.

    The list is filled, repeats squeezed, when the block ends: pdfminer's complaints about a
    damaged font go to the run's log or a ``note:`` line, never raw onto the user's screen.
    """
    capture = _Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    messages: list[str] = []
    try:
        yield messages
    finally:
        root.removeHandler(capture)
        messages.extend(_squeeze(capture.lines))


def process_one_quietly(
    path: Path,
    target: Path | None,
    *,
    force: bool,
    max_bytes: int | None,
    file: str | None = None,
    engine: str | None = None,
    fmt: str | None = None,
    data: bytes | None = None,
) -> Outcome:
    """:func:`process_one` with libraries' log messages kept in the outcome, off the user's screen."""
    with library_messages() as messages:
        outcome = process_one(
            path, target, force=force, max_bytes=max_bytes, file=file, engine=engine, fmt=fmt, data=data
        )
    outcome.messages = messages
    return outcome


def process_one(
    path: Path,
    target: Path | None,
    *,
    force: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    file: str | None = None,
    engine: str | None = None,
    fmt: str | None = None,
    data: bytes | None = None,
) -> Outcome:
    """Extract one input, or take back its current JSON at ``target``; never raises for bad input.

    ``file``: the input's name in the report and errors (default: the path as text); ``engine``:
    the PDF engine (None: the default); ``fmt``: the input format forced; ``target`` None: no
    earlier JSON to take back (a run to standard output); ``data``: the input's bytes, already
    read (standard input), instead of reading ``path``.
    """
    file = path_text(path) if file is None else file
    sha256: str | None = None
    try:
        data = read_input(path, file, max_bytes) if data is None else data
        sha256 = hashlib.sha256(data).hexdigest()
        refuse_own_output(file, data)
        if not force and target is not None:
            from extractor.readers.pdf.engine import check_engine  # light: loads no engine

            asked = check_engine(engine)
            existing = current_report(target, file=file, sha256=sha256, version=__version__, engine=asked)
            if existing is not None:
                return Outcome(report=existing, reused=True)
        options: dict[str, Any] = {"engine": engine} if engine is not None else {}  # default: a plain call
        if fmt is not None:
            options["fmt"] = fmt
        return Outcome(report=extract(file, data, max_bytes=max_bytes, **options))
    except ExtractionError as exc:
        return Outcome(error=exc, sha256=sha256)
    except MemoryError:
        message = "reading it needed more memory than a worker may use (--max-memory)"
        return Outcome(error=TooLarge(file, message), sha256=sha256)
    except Exception as exc:  # a bug: keep going, keep the traceback for the log file
        error = InternalError(file, f"{type(exc).__name__}: {exc}")
        return Outcome(error=error, sha256=sha256, traceback=traceback.format_exc())


def _work(settings: _Settings, task: tuple[Path, Path | None]) -> Outcome:
    """What a worker does with one task: (input path, its output JSON or None)."""
    path, target = task
    return process_one_quietly(
        path,
        target,
        force=settings.force,
        max_bytes=settings.max_bytes,
        engine=settings.engine,
        fmt=settings.fmt,
    )


def _outcomes(
    tasks: Sequence[tuple[Path, Path | None]],
    workers: int | None,
    timeout: float | None,
    settings: _Settings,
    on_start: Callable[[Path], None] | None,
) -> Iterator[tuple[int, Outcome]]:
    """Each task's (index, outcome) as it comes: in this process (``workers`` 0) or in the pool."""
    count = cores() if workers is None else workers
    if count <= 0:
        for index, task in enumerate(tasks):
            if on_start:
                on_start(task[0])
            yield index, _work(settings, task)
        return
    if context().get_start_method() == "fork":
        _preload(settings.engine)
    started = (lambda index: on_start(tasks[index][0])) if on_start else None
    results = run_pool(
        tasks,
        functools.partial(_work, settings),
        workers=count,
        timeout=timeout or None,
        max_memory=settings.max_memory,
        on_start=started,
    )
    with contextlib.closing(results):
        for index, result in results:
            if isinstance(result, Lost):
                file = path_text(tasks[index][0])
                error = Timeout(file, result.message) if result.why == "timeout" else None
                result = Outcome(error=error or InternalError(file, result.message))
            yield index, result


def extract_each(
    inputs: Iterable[str | Path | Input],
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    engine: str | None = None,
    fmt: str | None = None,
    on_start: Callable[[Path], None] | None = None,
) -> Iterator[tuple[Input, Outcome]]:
    """Extract every input (files, folders, or :func:`collect_inputs`' items) without an output
    folder, yielding each with its outcome in input order as soon as its turn comes.

    What :func:`run_batch` does minus the folder: the same pool, time and memory limits
    (``workers`` 0: in this process); nothing is reused or written. For ``-o -``.
    """
    items = _items(inputs, None)
    readable = [n for n, item in enumerate(items) if item.problem is None]
    settings = _Settings(True, max_bytes, max_memory or None, engine, fmt)
    tasks = [(items[n].path, None) for n in readable]
    ready: dict[int, Outcome] = {}
    at = 0

    def due() -> Iterator[tuple[Input, Outcome]]:
        nonlocal at
        while at < len(items):
            problem = items[at].problem
            if problem is not None:
                yield items[at], Outcome(error=problem)
            elif at in ready:
                yield items[at], ready.pop(at)
            else:
                return
            at += 1

    yield from due()
    for index, outcome in _outcomes(tasks, workers, timeout, settings, on_start):
        ready[readable[index]] = outcome
        yield from due()


def _items(inputs: Iterable[str | Path | Input], out: Path | None) -> list[Input]:
    given = list(inputs)
    items = [i for i in given if isinstance(i, Input)]
    return items if len(items) == len(given) else collect_inputs(given, out)  # type: ignore[arg-type]


def _preload(engine: str | None) -> None:
    """Import what extraction needs and build spaCy's pipeline once, before the workers fork.

    Forked workers then start warm and at once, instead of each importing spaCy and building its
    pipeline (half a second) before its first file.
    """
    from extractor import api
    from extractor.readers.pdf.engine import ENGINES, check_engine

    module = ENGINES[check_engine(engine)]
    try:
        with library_messages():
            importlib.import_module(module)
            api.extract("preload.txt", _PRELOAD_TEXT)
    except Exception:  # only a head start: a worker meets the same problem on its own file
        log.debug("preloading the workers failed", exc_info=True)


_PRELOAD_TEXT = "PEEL 2023–25\n\nInvestigating crime\n\nThe force is good at investigating crime.\n".encode()


def _log_section(file: str, outcome: Outcome) -> str:
    """The log text of one input: its traceback, then what libraries logged (empty when neither).

    Names and messages are escaped (:func:`~extractor.errors.printable`), so a file name holding a
    newline cannot forge a line of the log.
    """
    text = ""
    name = printable(file)
    if outcome.traceback and outcome.error:
        lines = printable(outcome.traceback, keep="\n").split("\n")  # a message's "===" line is indented
        body = "\n".join(f" {line}" if line.startswith("===") else line for line in lines)
        text += f"=== {name} [{outcome.error.code}] peel-extract {__version__}\n{body}\n"
    if outcome.messages:
        lines = "".join(f"{printable(m)}\n" for m in outcome.messages)
        text += f"=== {name} [logged while reading]\n{lines}\n"
    return text


def run_batch(
    inputs: Iterable[str | Path | Input],
    out_dir: str | Path,
    on_done: Callable[[dict[str, Any]], None] | None = None,
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    force: bool = False,
    on_start: Callable[[Path], None] | None = None,
    max_memory: int | None = DEFAULT_MAX_MEMORY,
    outputs: Sequence[Output] = (),
    wait: float | None = 0.0,
    engine: str | None = None,
    fmt: str | None = None,
) -> BatchResult:
    """Extract every input into ``out_dir``; write ``index.jsonl``, ``judgments.csv``, ``findings.csv``.

    ``inputs``: files and folders, or what :func:`collect_inputs` made of them. ``workers``:
    processes in the pool (``None``: one per core; ``0``: in this process, with no time limit or
    crash isolation, for debugging). ``timeout``: seconds per file (``None``/0: no
    limit). ``max_bytes``: larger inputs fail with ``too-large`` unread. ``force``: redo inputs
    whose output is current. ``max_memory``: bytes of address space per worker (a file that needs
    more fails with ``too-large``; ``None``/0: no cap; not applied with ``workers=0``).
    ``on_start(path)`` and ``on_done(entry)`` report progress; the entry
    given to ``on_done`` carries an extra ``reused`` flag and the input's ``log`` text (libraries'
    messages, a bug's traceback) that the index does not. ``outputs``:
    more outputs (a :class:`~extractor.outputs.Database`) to run after the folder's own.
    ``engine``: the PDF engine ("pdfium", the default, or "pdfplumber"); ``fmt``: read every
    input as this format instead of telling it by content.

    The index, CSVs and outputs cover every report in the folder afterwards: the run's, then the
    earlier runs' whose JSON is still there (:func:`~extractor.outputs.folder.earlier_state`).
    The run holds the folder's lock throughout: when another run holds it, ``wait`` says how long
    to wait for it (seconds; ``None``: as long as it takes) before raising
    :class:`~extractor.errors.FolderInUse`. Tracebacks of inputs that met a bug, and what libraries
    logged while reading each file, go to ``peel-extract.log`` in ``out_dir``, not to the screen.
    """
    out = Path(out_dir)
    lock = FolderLock(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        locked = lock.acquire(wait)
    except OSError as exc:
        why = "it is a file, not a folder" if out.exists() and not out.is_dir() else exc.strerror or str(exc)
        raise WriteError(path_text(out), f"cannot write into the output folder: {why}") from exc
    if not locked:
        raise FolderInUse(
            path_text(out),
            "another peel-extract run is writing into this folder; wait for it to end, "
            "or pass --wait to start when it has",
        )
    try:
        remove_stale_temps(out, lock.since)
        settings = _Settings(force, max_bytes, max_memory or None, engine, fmt)
        result = _run(_items(inputs, out), out, workers, timeout, settings, on_start, on_done, outputs)
        remove_stale_temps(out, lock.since)
        return result
    finally:
        lock.release()


def _run(
    items: list[Input],
    out: Path,
    workers: int | None,
    timeout: float | None,
    settings: _Settings,
    on_start: Callable[[Path], None] | None,
    on_done: Callable[[dict[str, Any]], None] | None,
    outputs: Sequence[Output],
) -> BatchResult:
    """The run itself, in a folder this process holds the lock of."""
    readable = [n for n, item in enumerate(items) if item.problem is None]
    paths = [items[n].path for n in readable]
    names = output_names(paths, output_name_budget(out))
    writers = [*(make(out) for make in FOLDER_OUTPUTS), *outputs]
    entries: list[dict[str, Any] | None] = [None] * len(items)
    logs = [""] * len(items)
    reused = 0

    def record(at: int, entry: dict[str, Any], was_reused: bool = False) -> None:
        entries[at] = entry
        if on_done:
            on_done({**entry, "reused": was_reused, "log": logs[at]})

    for at, item in enumerate(items):  # known before reading: a failure if named, else skipped
        if item.problem is not None:
            record(at, error_entry(item.file, item.problem, status=item.status))

    def finish(index: int, outcome: Outcome) -> None:
        nonlocal reused
        at = readable[index]
        file, name = items[at].file, names[index]
        if outcome.report is not None:
            try:
                for output in writers:
                    output.write(outcome.report, name, reused=outcome.reused)
            except OSError as exc:  # a full disk, a folder made read-only: this file fails alone
                message = f"its report could not be written as {name}: {exc.strerror or exc}"
                outcome = Outcome(error=WriteError(file, message), sha256=outcome.report.source.sha256)
        if outcome.report is not None:
            entry = ok_entry(file, name, outcome.report)
            reused += outcome.reused
        else:
            assert outcome.error is not None
            for output in writers:
                output.drop(name)
            status = "skipped" if isinstance(outcome.error, OwnOutput) else "error"
            entry = error_entry(file, outcome.error, outcome.sha256, status=status)
        logs[at] = _log_section(file, outcome)
        if outcome.traceback:
            log.debug("internal error on %s\n%s", printable(file), outcome.traceback)
        record(at, entry, outcome.reused)

    tasks = [(path, out / name) for path, name in zip(paths, names, strict=True)]
    for index, outcome in _outcomes(tasks, workers, timeout, settings, on_start):
        finish(index, outcome)

    done = [entry for entry in entries if entry is not None]
    assert len(done) == len(items)
    run = _with_earlier(out, items, names, done, writers)
    result = BatchResult(entries=done, reused=reused, earlier=len(run.entries) - len(done))
    for output in writers:
        try:
            output.finish(run)
        except OSError as exc:
            where = path_text(exc.filename) if exc.filename else path_text(out)
            output.failure = WriteError(where, f"could not be written: {exc.strerror or exc}")
        if output.failure is not None:
            result.failures.append(output.failure)
    result.log = _write_log(out / LOG_NAME, "".join(logs), result)
    return result


def _with_earlier(
    out: Path, items: list[Input], names: list[str], done: list[dict[str, Any]], writers: list[Output]
) -> Run:
    """The run as the outputs finish it: its own entries in input order, then what earlier runs left
    in the folder, sorted by file. An earlier report of one of this run's inputs under another name
    that input could have had (the set of inputs gave it another) is removed: each input has one
    report in the folder (a copy under a name of the user's own stays, and is listed)."""
    files = {item.file for item in items}
    budget = output_name_budget(out)
    own = {(item.file, name) for item in items for name in possible_names(item.path, budget)}
    earlier = earlier_state(out, set(names))
    kept: list[tuple[str, Report]] = []
    for name, report in earlier.reports:
        if (report.source.file, name) in own:
            for output in writers:
                output.drop(name)
        else:
            kept.append((name, report))
            for output in writers:
                output.write(report, name, reused=True)
    reported = files | {report.source.file for _, report in kept}
    rest = [ok_entry(report.source.file, name, report) for name, report in kept]
    rest += [entry for entry in earlier.failures if entry["file"] not in reported]
    rest.sort(key=lambda entry: entry["file"])
    return Run(
        names=tuple(e["output"] for e in done if e["output"]) + tuple(name for name, _ in kept),
        entries=(*done, *rest),
    )


def _write_log(path: Path, text: str, result: BatchResult) -> Path | None:
    """Write the run's log (or remove an older one when there is nothing to log); its path if written."""
    try:
        if text:
            write_atomic(path, text)
            return path
        path.unlink(missing_ok=True)
    except OSError as exc:
        result.failures.append(WriteError(path_text(path), f"could not be written: {exc.strerror or exc}"))
    return None
