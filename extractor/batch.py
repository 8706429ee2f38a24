"""Run extraction over many inputs: one JSON per input, ``index.jsonl`` and the summary CSVs.

A batch must survive any one input. Each file is extracted in a worker process of a small pool
that the parent watches: a file that runs past the time limit has its worker killed and is
recorded as ``timeout``; a worker that dies (a crash, the kernel's OOM killer) is recorded as
an internal error for that one file and replaced. Workers only read and extract: each sends
back a report or a typed error, and the parent hands it to the outputs (:mod:`extractor.outputs`)
as it arrives, so each JSON is written atomically the moment its report is in. An input whose
content hash, path and extractor version match its existing output is not redone, so a rerun
after an interrupted run finishes the job and ends with the same bytes as one uninterrupted run.
Everything written depends on the inputs alone, never on the number of workers or on timing.
A run holds its output folder's lock from start to end, so two runs into one folder take turns;
what the inputs are and how they are read safely is :mod:`extractor.inputs`.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib
import logging
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extractor.api import extract
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
    read_input,
    refuse_own_output,
)
from extractor.outputs import FOLDER_OUTPUTS, Output, Run
from extractor.outputs.files import (
    FolderLock,
    close_inherited_locks,
    output_name_budget,
    remove_stale_temps,
    write_atomic,
)
from extractor.outputs.index import error_entry, ok_entry
from extractor.outputs.json import current_report
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
    "library_messages",
    "output_names",
    "process_one",
    "run_batch",
]

log = logging.getLogger("peel_extract")

LOG_NAME = "peel-extract.log"
DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take; generous, as a long PDF on a slow shared machine takes a minute."""
DEFAULT_MAX_MEMORY = 4 * 1024**3
"""Address space of one worker; a PDF that inflates past it fails alone instead of starving the machine."""


@dataclass(frozen=True)
class _Settings:
    """What every worker needs to know besides its task."""

    force: bool
    max_bytes: int | None
    max_memory: int | None
    engine: str | None = None  # the PDF engine (None: the default)


def cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


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
    target: Path,
    *,
    force: bool,
    max_bytes: int | None,
    file: str | None = None,
    engine: str | None = None,
) -> Outcome:
    """:func:`process_one` with libraries' log messages kept in the outcome, off the user's screen."""
    with library_messages() as messages:
        outcome = process_one(path, target, force=force, max_bytes=max_bytes, file=file, engine=engine)
    outcome.messages = messages
    return outcome


def process_one(
    path: Path,
    target: Path,
    *,
    force: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    file: str | None = None,
    engine: str | None = None,
) -> Outcome:
    """Extract one input, or take back its current JSON at ``target``; never raises for bad input.

    ``file``: the input's name in the report and errors (default: the path as text); ``engine``:
    the PDF engine (None: the default).
    """
    file = path_text(path) if file is None else file
    sha256: str | None = None
    try:
        data = read_input(path, file, max_bytes)
        sha256 = hashlib.sha256(data).hexdigest()
        refuse_own_output(file, data)
        if not force:
            existing = current_report(target, file=file, sha256=sha256, version=__version__)
            if existing is not None:
                return Outcome(report=existing, reused=True)
        options = {"engine": engine} if engine is not None else {}  # the default: a plain call
        return Outcome(report=extract(file, data, max_bytes=max_bytes, **options))
    except ExtractionError as exc:
        return Outcome(error=exc, sha256=sha256)
    except MemoryError:
        message = "reading it needed more memory than a worker may use (--max-memory)"
        return Outcome(error=TooLarge(file, message), sha256=sha256)
    except Exception as exc:  # a bug: keep going, keep the traceback for the log file
        error = InternalError(file, f"{type(exc).__name__}: {exc}")
        return Outcome(error=error, sha256=sha256, traceback=traceback.format_exc())


# --- the worker pool ----------------------------------------------------------------------------


_PARENT_ENDS: set[Connection] = set()
"""The parent's ends of the workers' pipes. A forked worker closes its copies: while any process
holds a parent end open, the worker at the other end never sees EOF, and would outlive a killed
parent instead of exiting after its file."""


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when the parent dies (even by SIGKILL).

    Otherwise an orphaned worker stuck on a pathological file would run on with no one to stop it.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


def _limit_memory(limit: int | None) -> None:
    """Cap this worker's address space, so a runaway file raises MemoryError here, not elsewhere."""
    if not limit:
        return
    try:
        import resource
    except ImportError:  # not on Windows
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, out_dir: Path, settings: _Settings, parent: int) -> None:
    """Loop of a worker process: take (index, path, name), send back (index, Outcome); stop on EOF."""
    for inherited in list(_PARENT_ENDS):
        inherited.close()
    _PARENT_ENDS.clear()
    close_inherited_locks()  # the folder's lock is the parent's: it must go when the parent goes
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent alone decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _limit_memory(settings.max_memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, path, name = task
        outcome = process_one_quietly(
            path, out_dir / name, force=settings.force, max_bytes=settings.max_bytes, engine=settings.engine
        )
        try:
            conn.send((index, outcome))
        except (BrokenPipeError, OSError):
            return


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


def _context() -> multiprocessing.context.BaseContext:
    """``fork`` where there is one (a worker starts in milliseconds); ``spawn`` elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


class _Worker:
    """One worker process, its pipe, and the task it is on."""

    def __init__(self, out_dir: Path, settings: _Settings) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        _PARENT_ENDS.add(self.conn)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, out_dir, settings, os.getpid()),
            daemon=True,
            name="peel-worker",
        )
        self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline: float | None = None

    def give(self, index: int, path: Path, name: str, timeout: float | None) -> None:
        self.task = index
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send((index, path, name))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self._close()

    def _close(self) -> None:
        _PARENT_ENDS.discard(self.conn)
        self.conn.close()

    def stop(self) -> None:
        """Let the worker finish and exit (it stops on ``None``); kill it if it has not in 5 s."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        self.kill()


def _death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"exit status {exitcode}"
    return f"the worker process died ({how}) while reading this file; it may have run out of memory"


def _run_pool(
    paths: Sequence[Path],
    names: Sequence[str],
    out: Path,
    workers: int,
    timeout: float | None,
    settings: _Settings,
    on_start: Callable[[Path], None] | None,
    finish: Callable[[int, Outcome], None],
) -> None:
    """Feed every input to a pool of ``workers`` processes, watching time limits and deaths."""
    pending = deque(range(len(paths)))
    pool: list[_Worker] = []

    def feed(worker: _Worker) -> bool:
        if not pending:
            return False
        index = pending.popleft()
        if on_start:
            on_start(paths[index])
        worker.give(index, paths[index], names[index], timeout)
        return True

    try:
        for _ in range(min(workers, len(paths))):
            worker = _Worker(out, settings)
            pool.append(worker)
            feed(worker)
        while any(w.task is not None for w in pool):
            busy = [w for w in pool if w.task is not None]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for)
            for worker in busy:
                index = worker.task
                assert index is not None
                outcome: Outcome | None = None
                died = late = False
                if worker.conn.poll():
                    try:
                        got, outcome = worker.conn.recv()
                        assert got == index
                    except (EOFError, OSError):  # poll() is also true when the worker died
                        died = True
                elif not worker.process.is_alive():
                    died = True
                elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                    message = f"took longer than {timeout:g} s and was stopped (--timeout)"
                    outcome = Outcome(error=Timeout(str(paths[index]), message))
                    late = True
                if died:
                    worker.process.join(5)
                    message = _death_message(worker.process.exitcode)
                    outcome = Outcome(error=InternalError(str(paths[index]), message))
                if outcome is None:
                    continue
                worker.task = None
                if died or late:  # replaced: its file alone has failed
                    worker.kill()
                    pool.remove(worker)
                    if pending:
                        worker = _Worker(out, settings)
                        pool.append(worker)
                finish(index, outcome)
                feed(worker)
    finally:
        for worker in pool:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()


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
) -> BatchResult:
    """Extract every input into ``out_dir``; write ``index.jsonl``, ``judgments.csv``, ``findings.csv``.

    ``inputs``: files and folders, or what :func:`collect_inputs` made of them. ``workers``:
    processes in the pool (``None``: one per core; ``0``: in this process, with no time limit or
    crash isolation, for debugging). ``timeout``: seconds per file (``None``/0: no
    limit). ``max_bytes``: larger inputs fail with ``too-large`` unread. ``force``: redo inputs
    whose output is current. ``max_memory``: bytes of address space per worker (a file that needs
    more fails with ``too-large``; ``None``/0: no cap; not applied with ``workers=0``).
    ``on_start(path)`` and ``on_done(entry)`` report progress; the entry
    given to ``on_done`` carries an extra ``reused`` flag that the index does not. ``outputs``:
    more outputs (a :class:`~extractor.outputs.Database`) to run after the folder's own.
    ``engine``: the PDF engine ("pdfium", the default, or "pdfplumber").

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
        settings = _Settings(force, max_bytes, max_memory or None, engine)
        given = list(inputs)
        items = [i for i in given if isinstance(i, Input)]
        if len(items) != len(given):
            items = collect_inputs(given, out)  # type: ignore[arg-type]
        result = _run(items, out, workers, timeout, settings, on_start, on_done, outputs)
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
            on_done({**entry, "reused": was_reused})

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

    count = cores() if workers is None else workers
    if count <= 0:
        for index, path in enumerate(paths):
            if on_start:
                on_start(path)
            target = out / names[index]
            outcome = process_one_quietly(
                path, target, force=settings.force, max_bytes=settings.max_bytes, engine=settings.engine
            )
            finish(index, outcome)
    else:
        if _context().get_start_method() == "fork":
            _preload(settings.engine)
        _run_pool(paths, names, out, count, timeout or None, settings, on_start, finish)

    done = [entry for entry in entries if entry is not None]
    assert len(done) == len(items)
    run = Run(names=tuple(e["output"] for e in done if e["output"]), entries=tuple(done))
    result = BatchResult(entries=done, reused=reused)
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
