"""What a batch reads: the inputs named and found in folders, their output names, and their bytes.

Input is data, never trusted: a folder may hold FIFOs, devices, dangling links, unreadable files,
names with control characters or bytes that are not UTF-8, names at the file system's length
limit, and the files of an earlier run. Each gets a typed error or a place in the index, never a
traceback, a hang or a read of something endless. peel-extract's own outputs are never inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import BinaryIO

from extractor.errors import ExtractionError, NotARegularFile, OwnOutput, TooLarge, Unreadable
from extractor.outputs.csv import FINDING_COLUMNS, JUDGMENT_COLUMNS, JUDGMENT_COLUMNS_1_0
from extractor.outputs.files import NAME_MAX, TEMP_OVERHEAD, is_output_folder, name_bytes


def path_text(path: Path | str) -> str:
    """A path as text that can be written anywhere (JSON, CSV, the log): bytes of a name that are
    not UTF-8 are written as ``\\xNN`` escapes instead of making the output unwritable."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Input:
    """One input of a run: its path, and why it is not read when it is not.

    ``problem`` set and ``named`` (given on the command line): the input fails with that error;
    ``problem`` set for a file met in a folder, or for one of peel-extract's own outputs: it is
    listed in the index as skipped.
    """

    path: Path
    problem: ExtractionError | None = None
    named: bool = True

    @property
    def status(self) -> str:
        """The index status of an input with a problem: ``error`` or ``skipped``."""
        return "skipped" if isinstance(self.problem, OwnOutput) or not self.named else "error"

    @property
    def file(self) -> str:
        """The input's path as the index, the report and the messages give it."""
        return path_text(self.path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_a_regular_file(file: str, mode: int) -> NotARegularFile:
    """The error of a special file: what it is, and that it was not opened."""
    return NotARegularFile(file, f"{_kind(mode)}, not a regular file; not opened")


def _problem(path: Path, head: bool = True) -> ExtractionError | None:
    """Why ``path`` is not to be read, told without opening anything but a regular file (None when
    it is to be read); ``head``: also look whether it is one of peel-extract's outputs."""
    file = path_text(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return Unreadable(file, f"a broken symbolic link (to {path_text(Path(os.readlink(path)))})")
        return Unreadable(file, "the file does not exist (any more)")
    except OSError as exc:
        return Unreadable(file, f"cannot look at the file: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return not_a_regular_file(file, info.st_mode)
    what = own_output(read_head(path)) if head else None
    if what is not None:
        return OwnOutput(file, f"{what}; not read as an input")
    return None


def collect_inputs(
    paths: Iterable[str | Path], out_dir: str | Path | None = None, exclude: Sequence[str] = ()
) -> list[Input]:
    """Files named, and what folders named hold (recursively, sorted, hidden files skipped).

    A file reached twice (named and inside a named folder) is kept once, at its first place. In
    folders, special files and dangling links are kept with their problem (to be listed as
    skipped); the output folder ``out_dir`` and any other folder peel-extract has written a run
    into are passed over whole. Links to folders are followed, each real folder once. What a
    folder holds is left out where it matches one of the ``exclude`` patterns (:func:`excluded`);
    a file named is always read.
    """
    outputs = Path(out_dir).resolve() if out_dir is not None else None
    inputs: list[Input] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            walked = sorted(_walk(path, outputs, tuple(exclude)))
            found = [Input(p, _problem(p), named=False) for p in walked]
        else:
            found = [Input(path, _problem(path))]
        for item in found:
            key = _identity(item.path)
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return inputs


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return path.absolute()


def excluded(relative: str, patterns: Sequence[str]) -> bool:
    """True when a path inside a folder run (``relative`` to the folder named, with ``/``) matches
    a pattern: a pattern without ``/`` is matched against each name along the path (``draft*``,
    ``*.docx``, ``archive``), one with ``/`` against the whole relative path (``2017/*.pdf``).

    >>> excluded("2017/draft-kent.pdf", ["draft*"]), excluded("2017/kent.pdf", ["2017/*"])
    (True, True)
    >>> excluded("2019/kent.pdf", ["2017/*", "*.docx"])
    False
    """
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.strip("/")
        if "/" in pattern:
            if fnmatchcase(relative, pattern) or fnmatchcase(relative, pattern + "/*"):
                return True
        elif any(fnmatchcase(part, pattern) for part in parts):
            return True
    return False


def _walk(root: Path, outputs: Path | None, exclude: tuple[str, ...] = ()) -> Iterator[Path]:
    """Every non-folder entry under ``root``, hidden names, output folders and ``exclude`` left out."""
    visited: set[str] = set()

    def left_out(folder: str, name: str) -> bool:
        relative = Path(folder, name).relative_to(root).as_posix()
        return name.startswith(".") or bool(exclude and excluded(relative, exclude))

    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in visited:  # a link back up the tree
            dirs[:] = []
            continue
        visited.add(real)
        keep = []
        for name in dirs:
            sub = Path(folder, name)
            if left_out(folder, name) or is_output_folder(sub) or (outputs and _identity(sub) == outputs):
                continue
            if os.path.islink(sub) and not sub.exists():
                files.append(name)
                continue
            keep.append(name)
        dirs[:] = keep
        for name in files:
            if not left_out(folder, name):
                yield Path(folder, name)


def expand_inputs(paths: Iterable[str | Path], out_dir: str | Path | None = None) -> list[Path]:
    """The readable files of :func:`collect_inputs` (without the ones it keeps for their problem)."""
    return [item.path for item in collect_inputs(paths, out_dir) if item.problem is None]


# --- output names -------------------------------------------------------------------------------

DEFAULT_NAME_BUDGET = NAME_MAX - TEMP_OVERHEAD
"""Longest output name on a file system of 255-byte names, room left for the temporary name."""


def output_names(paths: Sequence[Path], budget: int = DEFAULT_NAME_BUDGET) -> list[str]:
    """Output file name of each input: ``<stem>.json``, made unique without regard to input order.

    A stem shared by several inputs gives ``<stem>.<extension>.json`` to each, or, when the
    extension is shared too, ``<stem>.<8 hex digits of the path's hash>.json``; so two inputs never
    write the same file and every name depends only on the set of inputs. Names are compared without
    case, as the file systems of Windows and macOS do ("Kent.pdf" and "kent.txt" share a stem). A
    name longer than ``budget`` bytes keeps as much of its stem as fits before the path's hash.
    """
    stems = [path_text(p.stem).lstrip(".") or "input" for p in paths]
    by_stem: dict[str, int] = {}
    by_stem_ext: dict[tuple[str, str], int] = {}
    for stem, path in zip(stems, paths, strict=True):
        key = (stem.casefold(), _extension(path))
        by_stem[key[0]] = by_stem.get(key[0], 0) + 1
        by_stem_ext[key] = by_stem_ext.get(key, 0) + 1
    wanted: list[str] = []
    for stem, path in zip(stems, paths, strict=True):
        ext = _extension(path)
        if by_stem[stem.casefold()] == 1:
            name = f"{stem}.json"
        elif ext and by_stem_ext[stem.casefold(), ext] == 1:
            name = f"{stem}.{ext}.json"
        else:
            name = _hashed(stem, path, budget)
        wanted.append(name if name_bytes(name) <= budget else _hashed(stem, path, budget))
    # A wanted name can still meet another's ("a.pdf" -> "a.pdf.json" beside "a.pdf.txt"):
    # such inputs fall back to the path hash, which is unique for distinct paths.
    counts: dict[str, int] = {}
    for name in wanted:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    names = [
        name if counts[name.casefold()] == 1 else _hashed(stem, path, budget)
        for name, stem, path in zip(wanted, stems, paths, strict=True)
    ]
    if len({name.casefold() for name in names}) != len(names):  # two paths with equal 32-bit hashes
        raise RuntimeError("output names collide; rename one of the inputs")
    return names


def possible_names(path: Path, budget: int = DEFAULT_NAME_BUDGET) -> set[str]:
    """Every output name :func:`output_names` can give ``path``, whatever the other inputs: an
    earlier run's report of it under another of these names is its own, to be replaced.

    >>> sorted(possible_names(Path("in/kent.pdf")))
    ['kent.090dc708.json', 'kent.json', 'kent.pdf.json']
    """
    stem = path_text(path.stem).lstrip(".") or "input"
    ext = _extension(path)
    names = {f"{stem}.json", f"{stem}.{ext}.json"} if ext else {f"{stem}.json"}
    return {name for name in names if name_bytes(name) <= budget} | {_hashed(stem, path, budget)}


def _extension(path: Path) -> str:
    return path_text(path.suffix).lower().lstrip(".")


def _hashed(stem: str, path: Path, budget: int) -> str:
    """``<stem>.<hash>.json``, the stem cut (at a character) so that the name fits ``budget`` bytes."""
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    tail = f".{digest}.json"
    cut = stem.encode("utf-8")[: max(0, budget - len(tail))].decode("utf-8", "ignore")
    return f"{cut or 'input'}{tail}"


# --- reading ------------------------------------------------------------------------------------

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_input(path: Path, file: str, max_bytes: int | None) -> bytes:
    """The bytes of one input, or a typed error: never opens a special file, never reads past the limit.

    ``file`` names the input in errors. The file is looked at before it is opened (a FIFO would
    block, ``/dev/zero`` never ends) and again once open, in case it was swapped meanwhile.
    """
    problem = _problem(path, head=False)
    if problem is not None:
        raise problem
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except PermissionError as exc:
        raise Unreadable(file, "no permission to read the file") from exc
    except OSError as exc:
        raise Unreadable(file, f"cannot open the file: {exc.strerror or exc}") from exc
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise not_a_regular_file(file, info.st_mode)
        _check_size(file, info.st_size, max_bytes)
        try:
            want = info.st_size + 1 if max_bytes is None else min(info.st_size, max_bytes) + 1
            data = handle.read(want) or b""
            if len(data) == want:  # it grew while being read: read on, up to the limit
                rest = handle.read() if max_bytes is None else handle.read(max_bytes + 1 - len(data))
                data += rest or b""
        except OSError as exc:
            raise Unreadable(file, f"cannot read the file: {exc.strerror or exc}") from exc
    _check_size(file, len(data), max_bytes)
    return data


STDIN_NAME = "<stdin>"
"""The name of standard input (``-``) in the report and in messages."""


def read_stdin(stream: BinaryIO, max_bytes: int | None) -> bytes:
    """The bytes of standard input, read up to one byte past the limit (then ``too-large``)."""
    try:
        data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(STDIN_NAME, f"cannot read standard input: {exc.strerror or exc}") from exc
    _check_size(STDIN_NAME, len(data), max_bytes)
    return data


def _check_size(file: str, size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise TooLarge(file, f"{size:,} bytes is over the limit of {max_bytes:,} (--max-bytes)")


# What peel-extract writes, told by content wherever the file now is (copied, renamed, moved).
_REPORT_JSON_RE = re.compile(rb'^\s*\{\s*"schema_version"\s*:\s*"[^"]*"\s*,\s*"source"\s*:')
_CSV_HEADERS = tuple(("\ufeff" + ",".join(columns) + "\r\n").encode("utf-8")
                     for columns in (JUDGMENT_COLUMNS, JUDGMENT_COLUMNS_1_0, FINDING_COLUMNS))  # fmt: skip
_LOG_RE = re.compile(rb"^=== .* \[(?:[a-z-]+\] peel-extract \S+|logged while reading\])\n")
_SQLITE_MAGIC = b"SQLite format 3\x00"
# The database's schema records (type, name, table name) sit near its start, before any data.
_SQLITE_MARK = b"viewforce_gradesforce_grades"
HEAD_BYTES = 64 * 1024
SQLITE_HEAD_BYTES = 512 * 1024


def own_output(head: bytes) -> str | None:
    """Which of peel-extract's own outputs a file is, told from its first bytes (:func:`read_head`):
    a report JSON, the index, a summary CSV, the log, the database, the overview page; or None."""
    if _REPORT_JSON_RE.match(head) and b'"extractor_version"' in head[:8192]:
        return "a report JSON written by peel-extract"
    if head.startswith(b"{") and _is_index_line(head[:HEAD_BYTES].split(b"\n", 1)[0]):
        return "a run index (index.jsonl) written by peel-extract"
    if head.startswith(_CSV_HEADERS):
        return "a summary CSV written by peel-extract"
    if _LOG_RE.match(head):
        return "a run log written by peel-extract"
    if head.startswith(_SQLITE_MAGIC) and _SQLITE_MARK in head[:SQLITE_HEAD_BYTES]:
        return "a report database written by peel-extract"
    if b'id="grade-matrix"' in head[:HEAD_BYTES] and b"peel-extract" in head:
        return "an overview page written by peel-extract"
    return None


def _is_index_line(line: bytes) -> bool:
    try:
        entry = json.loads(line)
    except ValueError:
        return False
    return isinstance(entry, dict) and {"file", "output", "status"} <= entry.keys()


def read_head(path: Path) -> bytes:
    """The first bytes of a regular file, enough for :func:`own_output` (empty when it cannot be read:
    reading it properly will then say why)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            if head.startswith(_SQLITE_MAGIC):
                head += handle.read(SQLITE_HEAD_BYTES - len(head))
    except OSError:
        return b""
    return head


def refuse_own_output(file: str, data: bytes) -> None:
    """Raise :class:`OwnOutput` when ``data`` is one of peel-extract's own outputs."""
    what = own_output(data[: max(HEAD_BYTES, SQLITE_HEAD_BYTES)])
    if what is not None:
        raise OwnOutput(file, f"{what}; not read as an input")
