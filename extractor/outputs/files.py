"""Files the outputs write: whole or not at all (temporary file and rename), names that fit the file
system, the output folder's lock, and clearing what a killed run left (only what is provably stale)."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from types import TracebackType

TEMP_SUFFIX = ".tmp"
LOCK_NAME = ".peel-extract.lock"
"""The lock file a run holds in its output folder; also what marks a folder as peel-extract's output."""

NAME_MAX = 255
"""Longest file name (in bytes) assumed where the file system does not say (ext4, NTFS, APFS: 255)."""
# A temporary name is ".<name>.<pid>.<8 random>.tmp": the two dots, a pid of up to 10 digits, the
# random part and the suffix. Output names leave room for it, so every name a run makes fits.
TEMP_OVERHEAD = 1 + 1 + 10 + 1 + 8 + len(TEMP_SUFFIX)

# What our outputs' names end with; a temporary file is ours only when its inner name does.
OUTPUT_SUFFIXES: tuple[str, ...] = (".json", ".jsonl", ".csv", ".log", ".html", ".sqlite")


def name_max(folder: Path) -> int:
    """The longest file name (bytes) the file system of ``folder`` (or its nearest existing parent) takes."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    try:
        limit = os.pathconf(probe, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # Windows has no pathconf
        return NAME_MAX
    return min(limit, NAME_MAX) if limit > 0 else NAME_MAX


def output_name_budget(folder: Path) -> int:
    """The longest output name (bytes) whose temporary name still fits the folder's file system."""
    return name_max(folder) - TEMP_OVERHEAD


def name_bytes(name: str) -> int:
    """A file name's length as the file system counts it (bytes; undecodable bytes kept as they were)."""
    return len(os.fsencode(name))


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no getter)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so readers never see half a file.

    The temporary file sits in the same folder (a rename across file systems is not atomic) and is
    named ``.<name>.<pid>.<random>.tmp``: the pid lets :func:`remove_stale_temps` tell what a killed
    run left from what a running one is writing. Raises ``OSError`` when it cannot write (nothing
    of the attempt is left behind, and the error is the first one met).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600; give it the mode an ordinary open() would have.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):  # the write's own error is the one to report
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # named after the file wanted, not its temporary name
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    """True unless process ``pid`` is provably gone (where that cannot be asked, it counts as alive)."""
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl-C there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def remove_stale_temps(folder: Path, since: float, outputs: tuple[str, ...] = OUTPUT_SUFFIXES) -> int:
    """Delete the temporary files of ours (``.<output name>.*.tmp``) that no running process writes.

    Call it holding the folder's lock (:class:`FolderLock`), taken at time ``since``. A temporary
    file is provably stale when the pid in its name is this process (which writes none outside
    :func:`write_atomic`) or a process that is gone; one without a pid (an older version's) when
    it is older than ``since``, as every run writing here holds the lock. Others are left alone.
    """
    removed = 0
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return 0
    for path in candidates:
        parts = path.name[1 : -len(TEMP_SUFFIX)].rsplit(".", 2)
        if len(parts) < 2:
            continue
        try:
            if not path.is_file():
                continue
            if len(parts) == 3 and parts[1].isdigit() and parts[0].endswith(outputs):
                pid = int(parts[1])
                stale = pid == os.getpid() or not _alive(pid)
            elif parts[0].endswith(outputs) or f"{parts[0]}.{parts[1]}".endswith(outputs):
                stale = path.stat().st_mtime < since
            else:
                continue
            if stale:
                path.unlink(missing_ok=True)
                removed += 1
        except OSError:  # gone meanwhile, or not ours to remove: leave it
            continue
    return removed


_HELD: set[int] = set()
"""Descriptors of the lock files this process holds (a forked worker closes its inherited copies)."""


def close_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock descriptors. The lock stays the
    parent's, and it is released as soon as the parent exits, whatever the child is doing."""
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


class FolderLock:
    """An exclusive lock on a folder, held through its lock file for as long as a run writes there.

    ``fcntl.flock`` (``msvcrt.locking`` on Windows) rather than a library: the kernel drops the lock
    when the holder dies, even by SIGKILL, so a killed run never leaves the folder locked, and no
    pid file can go stale. The lock file stays (empty) between runs: removing it would race with a
    run that has just opened it.
    """

    def __init__(self, folder: Path, name: str = LOCK_NAME) -> None:
        self.path = folder / name
        self.fd: int | None = None
        self.since = 0.0

    def acquire(self, wait: float | None = 0.0) -> bool:
        """Take the lock: at once (``wait`` 0), within ``wait`` seconds, or whenever it comes (``None``).

        False when another process holds it after that; ``OSError`` when the lock file cannot be opened.
        """
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o666)
        deadline = None if wait is None else time.monotonic() + wait
        try:
            while not _try_lock(fd, block=wait is None):
                if deadline is not None and time.monotonic() >= deadline:
                    os.close(fd)
                    return False
                time.sleep(0.05)
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        self.since = time.time()
        _HELD.add(fd)
        return True

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self.fd is not None:
            _HELD.discard(self.fd)
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def _try_lock(fd: int, block: bool) -> bool:
    """One attempt at the exclusive lock of an open file (``block``: wait until it is free)."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if block else msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if block else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def is_output_folder(folder: Path) -> bool:
    """True for a folder peel-extract has written a run into (it holds the lock file)."""
    return (folder / LOCK_NAME).exists()
