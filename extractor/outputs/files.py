"""Files the outputs write: whole or not at all (temporary file and rename), and what a killed run left."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    """The process umask (read by setting and restoring it: there is no getter)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so readers never see half a file.

    The temporary file sits in the same folder (a rename across file systems is not atomic) and is
    named ``.<name>.<random>.tmp`` so :func:`remove_stale_temps` can clear what a killed run left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600; give it the mode an ordinary open() would have.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
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


def remove_stale_temps(folder: Path, outputs: tuple[str, ...] = (".json", ".jsonl", ".csv", ".log")) -> int:
    """Delete temporary files a killed run left behind (only ours: ``.<output name>.*.tmp``)."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        inner = path.name[1:].rsplit(".", 2)[0]
        if path.is_file() and inner.endswith(outputs):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
