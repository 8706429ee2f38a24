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
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
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
from extractor.errors import ExtractionError, InternalError, Timeout, TooLarge
from extractor.outputs import FOLDER_OUTPUTS, Output, Run
from extractor.outputs.files import remove_stale_temps, write_atomic
from extractor.outputs.index import error_entry, ok_entry
from extractor.outputs.json import current_report
from extractor.version import __version__
from schemas import Report

log = logging.getLogger("peel_extract")

LOG_NAME = "peel-extract.log"
DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take; generous, as a long PDF on a slow shared machine takes a minute."""
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Largest input read; PEEL reports are a few MB, and a 50 MB one-line text took 13-20 s to refuse."""
DEFAULT_MAX_MEMORY = 4 * 1024**3
"""Address space of one worker; a PDF that inflates past it fails alone instead of starving the machine."""


@dataclass(frozen=True)
class _Settings:
    """What every worker needs to know besides its task."""

    force: bool
    max_bytes: int | None
    max_memory: int | None


def cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def expand_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the files inside folders named (recursively, sorted, hidden files skipped).

    A file reached twice (named and inside a named folder) is kept once, at its first place.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def output_names(paths: Sequence[Path]) -> list[str]:
    """Output file name of each input: ``<stem>.json``, made unique without regard to input order.

    A stem shared by several inputs gives ``<stem>.<extension>.json`` to each, or, when the
    extension is shared too, ``<stem>.<8 hex digits of the path's hash>.json``; so two inputs never
    write the same file and every name depends only on the set of inputs. Names are compared without
    case, as the file systems of Windows and macOS do ("Kent.pdf" and "kent.txt" share a stem).
    """
    stems = [(p.stem.lstrip(".") or "input") for p in paths]
    by_stem: dict[str, int] = {}
    by_stem_ext: dict[tuple[str, str], int] = {}
    for stem, path in zip(stems, paths, strict=True):
        ext = path.suffix.lower().lstrip(".")
        key = stem.casefold()
        by_stem[key] = by_stem.get(key, 0) + 1
        by_stem_ext[key, ext] = by_stem_ext.get((key, ext), 0) + 1
    wanted: list[str] = []
    for stem, path in zip(stems, paths, strict=True):
        ext = path.suffix.lower().lstrip(".")
        if by_stem[stem.casefold()] == 1:
            wanted.append(f"{stem}.json")
        elif ext and by_stem_ext[stem.casefold(), ext] == 1:
            wanted.append(f"{stem}.{ext}.json")
        else:
            wanted.append(f"{stem}.{_path_hash(path)}.json")
    # A wanted name can still meet another's ("a.pdf" -> "a.pdf.json" beside "a.pdf.txt"):
    # such inputs fall back to the path hash, which is unique for distinct paths.
    counts: dict[str, int] = {}
    for name in wanted:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    names = [
        name if counts[name.casefold()] == 1 else f"{stem}.{_path_hash(path)}.json"
        for name, stem, path in zip(wanted, stems, paths, strict=True)
    ]
    if len({name.casefold() for name in names}) != len(
        names
    ):  # only two distinct paths with equal 32-bit hashes
        raise RuntimeError("output names collide; rename one of the inputs")
    return names


def _path_hash(path: Path) -> str:
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]


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
    """What a batch did: one index entry per input, in input order."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    reused: int = 0
    log: Path | None = None

    @property
    def failed(self) -> int:
        """Inputs that gave an error."""
        return sum(1 for e in self.entries if e["status"] == "error")

    @property
    def error_counts(self) -> dict[str, int]:
        """How many inputs failed with each error code, codes sorted."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            if entry["status"] == "error":
                code = entry["error"]["code"]
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))

    @property
    def exit_code(self) -> int:
        """0 when every input gave a report, 1 when some failed."""
        return 1 if self.failed else 0


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


def process_one_quietly(path: Path, target: Path, *, force: bool, max_bytes: int | None) -> Outcome:
    """:func:`process_one` with libraries' log messages kept in the outcome, off the user's screen."""
    with library_messages() as messages:
        outcome = process_one(path, target, force=force, max_bytes=max_bytes)
    outcome.messages = messages
    return outcome


def process_one(
    path: Path,
    target: Path,
    *,
    force: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> Outcome:
    """Extract one input, or take back its current JSON at ``target``; never raises for bad input."""
    sha256: str | None = None
    try:
        try:
            size = path.stat().st_size
            if max_bytes is not None and size > max_bytes:
                raise TooLarge(str(path), f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")
            data = path.read_bytes()
        except OSError as exc:  # vanished or not permitted: the user's to fix, no traceback needed
            return Outcome(error=InternalError(str(path), f"cannot read the file: {exc.strerror or exc}"))
        sha256 = hashlib.sha256(data).hexdigest()
        if not force:
            existing = current_report(target, file=str(path), sha256=sha256, version=__version__)
            if existing is not None:
                return Outcome(report=existing, reused=True)
        return Outcome(report=extract(path, data))
    except ExtractionError as exc:
        return Outcome(error=exc, sha256=sha256)
    except MemoryError:
        message = "reading it needed more memory than a worker may use (--max-memory)"
        return Outcome(error=TooLarge(str(path), message), sha256=sha256)
    except Exception as exc:  # a bug: keep going, keep the traceback for the log file
        error = InternalError(str(path), f"{type(exc).__name__}: {exc}")
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
            path, out_dir / name, force=settings.force, max_bytes=settings.max_bytes
        )
        try:
            conn.send((index, outcome))
        except (BrokenPipeError, OSError):
            return


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
    """The log text of one input: its traceback, then what libraries logged (empty when neither)."""
    text = ""
    if outcome.traceback and outcome.error:
        text += f"=== {file} [{outcome.error.code}] peel-extract {__version__}\n{outcome.traceback}\n"
    if outcome.messages:
        text += f"=== {file} [logged while reading]\n" + "".join(f"{m}\n" for m in outcome.messages) + "\n"
    return text


def run_batch(
    inputs: Iterable[str | Path],
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
) -> BatchResult:
    """Extract every input into ``out_dir``; write ``index.jsonl``, ``judgments.csv``, ``findings.csv``.

    ``workers``: processes in the pool (``None``: one per core; ``0``: in this process, with no
    time limit or crash isolation, for debugging). ``timeout``: seconds per file (``None``/0: no
    limit). ``max_bytes``: larger inputs fail with ``too-large`` unread. ``force``: redo inputs
    whose output is current. ``max_memory``: bytes of address space per worker (a file that needs
    more fails with ``too-large``; ``None``/0: no cap; not applied with ``workers=0``).
    ``on_start(path)`` and ``on_done(entry)`` report progress; the entry
    given to ``on_done`` carries an extra ``reused`` flag that the index does not. ``outputs``:
    more outputs (a :class:`~extractor.outputs.Database`) to run after the folder's own.

    Tracebacks of inputs that met a bug, and what libraries logged while reading each file,
    go to ``peel-extract.log`` in ``out_dir`` rather than to the screen.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)
    paths = expand_inputs(inputs)
    names = output_names(paths)
    writers = [*(make(out) for make in FOLDER_OUTPUTS), *outputs]
    entries: list[dict[str, Any] | None] = [None] * len(paths)
    logs = [""] * len(paths)
    reused = 0

    def finish(index: int, outcome: Outcome) -> None:
        nonlocal reused
        file, name = str(paths[index]), names[index]
        if outcome.report is not None:
            for output in writers:
                output.write(outcome.report, name, reused=outcome.reused)
            entries[index] = entry = ok_entry(file, name, outcome.report)
            reused += outcome.reused
        else:
            assert outcome.error is not None
            for output in writers:
                output.drop(name)
            entries[index] = entry = error_entry(file, outcome.error, outcome.sha256)
        logs[index] = _log_section(file, outcome)
        if outcome.traceback:
            log.debug("internal error on %s\n%s", file, outcome.traceback)
        if on_done:
            on_done({**entry, "reused": outcome.reused})

    count = cores() if workers is None else workers
    if count <= 0:
        for index, path in enumerate(paths):
            if on_start:
                on_start(path)
            finish(index, process_one_quietly(path, out / names[index], force=force, max_bytes=max_bytes))
    else:
        settings = _Settings(force, max_bytes, max_memory or None)
        _run_pool(paths, names, out, count, timeout or None, settings, on_start, finish)

    done = [entry for entry in entries if entry is not None]
    assert len(done) == len(paths)
    run = Run(names=tuple(e["output"] for e in done if e["output"]), entries=tuple(done))
    for output in writers:
        output.finish(run)
    result = BatchResult(entries=done, reused=reused)
    log_path = out / LOG_NAME
    text = "".join(logs)
    if text:
        write_atomic(log_path, text)
        result.log = log_path
    else:
        log_path.unlink(missing_ok=True)
    remove_stale_temps(out)
    return result
