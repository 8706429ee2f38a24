"""The worker pool of a batch: each task runs in a worker process that the parent watches.

A task that runs past the time limit has its worker killed; a worker that dies (a crash, the
kernel's OOM killer) costs only its task, reported as :class:`Lost`, and is replaced. Each worker
has a pipe of its own, so a worker killed at any moment (even mid-send) leaves the others' pipes
whole; the parent alone waits on them, in its one thread, so forking a replacement never copies a
lock another thread holds. Workers are forked where the platform can (they start warm, with what
the parent imported), die with the parent (Linux), ignore Ctrl-C (the parent decides) and have
their address space capped, so a runaway task raises ``MemoryError`` in its worker alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.outputs.files import close_inherited_locks


def cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Lost:
    """A task that gave no result: it ran past the time limit (``timeout``) or its worker died (``died``)."""

    why: str
    message: str


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


def _worker_main(conn: Connection, work: Callable[[Any], Any], max_memory: int | None, parent: int) -> None:
    """Loop of a worker process: take (index, task), send back (index, work(task)); stop on EOF."""
    for inherited in list(_PARENT_ENDS):
        inherited.close()
    _PARENT_ENDS.clear()
    close_inherited_locks()  # the folder's lock is the parent's: it must go when the parent goes
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent alone decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _limit_memory(max_memory)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if message is None:
            return
        index, task = message
        result = work(task)
        try:
            conn.send((index, result))
        except (BrokenPipeError, OSError):
            return


def context() -> multiprocessing.context.BaseContext:
    """``fork`` where there is one (a worker starts in milliseconds); ``spawn`` elsewhere."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


class _Worker:
    """One worker process, its pipe, and the task it is on."""

    def __init__(self, work: Callable[[Any], Any], max_memory: int | None) -> None:
        ctx = context()
        self.conn, child = ctx.Pipe()
        _PARENT_ENDS.add(self.conn)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, work, max_memory, os.getpid()),
            daemon=True,
            name="peel-worker",
        )
        self.process.start()
        child.close()
        self.task: int | None = None
        self.deadline: float | None = None

    def give(self, index: int, task: Any, timeout: float | None) -> None:
        self.task = index
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send((index, task))

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


def run_pool(
    tasks: Sequence[Any],
    work: Callable[[Any], Any],
    *,
    workers: int,
    timeout: float | None = None,
    max_memory: int | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, Any]]:
    """Run ``work(task)`` for every task in a pool of ``workers`` processes, yielding (index, result)
    as each comes, or (index, :class:`Lost`) for a task that gave none. Closing the generator
    early (Ctrl-C) kills the workers still busy and stops the idle ones.

    ``work`` must pickle where workers are spawned (a module-level function, or a partial of one).
    ``timeout``: seconds per task (None: no limit); ``max_memory``: bytes of address space per
    worker (None: no cap); ``on_start(index)``: a worker took the task.
    """
    pending = deque(range(len(tasks)))
    pool: list[_Worker] = []

    def feed(worker: _Worker) -> bool:
        if not pending:
            return False
        index = pending.popleft()
        if on_start:
            on_start(index)
        worker.give(index, tasks[index], timeout)
        return True

    try:
        for _ in range(min(workers, len(tasks))):
            worker = _Worker(work, max_memory)
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
                result: Any = None
                got_one = died = late = False
                if worker.conn.poll():
                    try:
                        got, result = worker.conn.recv()
                        assert got == index
                        got_one = True
                    except (EOFError, OSError):  # poll() is also true when the worker died
                        died = True
                elif not worker.process.is_alive():
                    died = True
                elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                    result = Lost("timeout", f"took longer than {timeout:g} s and was stopped (--timeout)")
                    late = True
                if died:
                    worker.process.join(5)
                    result = Lost("died", _death_message(worker.process.exitcode))
                if not (got_one or died or late):
                    continue
                worker.task = None
                if died or late:  # replaced: its task alone has failed
                    worker.kill()
                    pool.remove(worker)
                    if pending:
                        worker = _Worker(work, max_memory)
                        pool.append(worker)
                yield index, result
                feed(worker)
    finally:
        for worker in pool:
            if worker.task is None:
                worker.stop()
            else:
                worker.kill()
