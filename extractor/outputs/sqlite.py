"""SQLite store of many reports, so forces and cycles can be compared with plain SQL.

Every row of every table carries ``force_id``, ``inspection_id``, ``cycle`` and (below the
report level) ``area_id``, so most questions need no join. A report is keyed by the sha256 of
the bytes it was read from: one report per content, however many files held it (30 copies of
the samples are 5 reports), and a ``files`` table of every path that held it. Writing the same
input again replaces its rows instead of adding copies; a path read again with new content moves
to the new report. The database of an output folder mirrors the folder's reports; one elsewhere
(``--db PATH``) is a store that many runs fill. The store is written from ``Report`` models (a
run's, or read back from their JSON), never from the inputs.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import DatabaseError
from extractor.outputs.base import Run, RunOutput
from extractor.outputs.files import TEMP_SUFFIX, FolderLock
from extractor.outputs.labels import GRADE_SCALE, KIND_PRECEDENCE
from schemas import ITEM_FIELDS, Item, Report, Span

DB_NAME = "peel.sqlite"

_KIND_ORDER_SQL = " ".join(f"WHEN '{kind}' THEN {n}" for n, kind in enumerate(KIND_PRECEDENCE))

SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS reports (
    report_id         TEXT PRIMARY KEY,   -- sha256 of the input bytes (source.sha256)
    file              TEXT NOT NULL,      -- the first of its files (see files), as given
    format            TEXT NOT NULL,
    pages             INTEGER,
    extractor_version TEXT NOT NULL,
    kind              TEXT NOT NULL,      -- document.kind
    title             TEXT,
    force_id          TEXT,               -- 'kent'; NULL when the force is unknown
    force_name        TEXT,
    programme         TEXT,               -- 'PEEL'
    inspection_id     TEXT,               -- 'peel-2023-25'
    cycle             TEXT,               -- as the inspectorate writes it: '2023–25'
    warnings          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    file      TEXT PRIMARY KEY,           -- a path that held the report's content, as given
    report_id TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS grades (
    grade TEXT PRIMARY KEY,               -- the contract's grade value
    rank  INTEGER,                        -- outstanding 5 ... inadequate 1; not_graded NULL
    label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS judgments (
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,       -- position in the report's list
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    area_id       TEXT,
    area_title    TEXT NOT NULL,
    grade         TEXT NOT NULL REFERENCES grades(grade),
    grade_text    TEXT,
    page          INTEGER,                -- first evidence span
    line          INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS items (
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,          -- areas_for_improvement, causes_of_concern, recommendations,
                                          -- innovative_practice
    seq           INTEGER NOT NULL,
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    area_id       TEXT,
    title         TEXT,
    text          TEXT NOT NULL,
    page          INTEGER,
    line          INTEGER,
    PRIMARY KEY (report_id, kind, seq)
);
CREATE TABLE IF NOT EXISTS stated_counts (
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    area_id       TEXT,                   -- NULL for a whole-document total
    of            TEXT NOT NULL,
    count         INTEGER NOT NULL,
    text          TEXT,
    page          INTEGER,
    line          INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS findings (
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    area_id       TEXT,
    x             INTEGER NOT NULL,
    y             INTEGER NOT NULL,
    unit          TEXT,
    text          TEXT NOT NULL,
    sentence      TEXT NOT NULL,
    page          INTEGER,
    line          INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE TABLE IF NOT EXISTS evidence (   -- every place that states a judgment (contract 1.1)
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    list          TEXT NOT NULL,          -- judgments, or earlier_judgments (an earlier inspection's)
    seq           INTEGER NOT NULL,       -- the judgment's position in that list (judgments.seq)
    n             INTEGER NOT NULL,       -- the place's position in the judgment's evidence
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    area_id       TEXT,
    grade         TEXT NOT NULL REFERENCES grades(grade),
    how           TEXT NOT NULL,          -- grid, heading, sentence, label, list
    strongest     INTEGER NOT NULL,       -- 1 for the place the grade was taken from
    text          TEXT NOT NULL,          -- the words that state it
    page          INTEGER,
    line          INTEGER,
    start_offset  INTEGER,                -- character offsets in the canonical text
    end_offset    INTEGER,
    PRIMARY KEY (report_id, list, seq, n)
);
CREATE TABLE IF NOT EXISTS warnings (
    report_id     TEXT NOT NULL REFERENCES reports(report_id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    force_id      TEXT,
    inspection_id TEXT,
    cycle         TEXT,
    code          TEXT NOT NULL,
    message       TEXT NOT NULL,
    text          TEXT,                   -- the words it is about, where it is about a place
    page          INTEGER,
    line          INTEGER,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX IF NOT EXISTS reports_force ON reports(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS files_report ON files(report_id);
CREATE INDEX IF NOT EXISTS judgments_cycle ON judgments(inspection_id, force_id, area_id);
CREATE INDEX IF NOT EXISTS judgments_force ON judgments(force_id, area_id);
CREATE INDEX IF NOT EXISTS items_area ON items(kind, area_id, force_id);
CREATE INDEX IF NOT EXISTS items_force ON items(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS counts_force ON stated_counts(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS findings_area ON findings(area_id, force_id);
CREATE INDEX IF NOT EXISTS findings_force ON findings(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS evidence_area ON evidence(area_id, force_id);
CREATE INDEX IF NOT EXISTS warnings_code ON warnings(code);
-- One grade per force, inspection and area: from the most authoritative document that states
-- it (inspection report, web page, force response, commissioner's report, other).
CREATE VIEW IF NOT EXISTS force_grades AS
SELECT force_id, inspection_id, cycle, area_id, grade, rank, report_id, kind
FROM (
    SELECT j.force_id, j.inspection_id, j.cycle, j.area_id, j.grade, g.rank, j.report_id, r.kind,
           ROW_NUMBER() OVER (
               PARTITION BY j.force_id, j.inspection_id, j.area_id
               ORDER BY CASE r.kind {_KIND_ORDER_SQL} ELSE {len(KIND_PRECEDENCE)} END, r.report_id
           ) AS n
    FROM judgments j JOIN reports r USING (report_id) JOIN grades g USING (grade)
    WHERE j.force_id IS NOT NULL AND j.area_id IS NOT NULL
)
WHERE n = 1;
"""


@dataclass(frozen=True)
class WriteResult:
    """What the database holds after :func:`write_db`: reports (one per content) and files that held them."""

    reports: int
    files: int

    def __str__(self) -> str:
        return (
            f"{self.reports} report{'s' * (self.reports != 1)} ({self.files} file{'s' * (self.files != 1)})"
        )


# The tables that hold a report's rows, in the order they are filled; each row starts with report_id.
ROW_TABLES: tuple[str, ...] = ("judgments", "items", "stated_counts", "findings", "evidence", "warnings")
DB_LOCK_WAIT = 60.0
"""Seconds a run waits for another run writing the same database (a rebuild takes about a second)."""


def connect(db_path: str | Path) -> sqlite3.Connection:
    """Open (creating when needed) a database with the schema in place and foreign keys on."""
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.executescript(SCHEMA_SQL)
    conn.executemany(
        "INSERT OR IGNORE INTO grades (grade, rank, label) VALUES (?, ?, ?)",
        [(grade, style.rank, style.label) for grade, style in GRADE_SCALE.items()],
    )
    conn.commit()
    return conn


def _place(span: Span | None) -> tuple[int | None, int | None]:
    return (span.page, span.line) if span else (None, None)


Row = tuple[object, ...]


def report_rows(report: Report) -> tuple[Row, dict[str, list[Row]]]:
    """A report as database rows: its ``reports`` row, and its rows of each of :data:`ROW_TABLES`."""
    rid = report.source.sha256
    doc = report.document
    force_id = doc.force.id if doc.force else None
    inspection_id = doc.inspection.id if doc.inspection else None
    cycle = doc.inspection.cycle if doc.inspection else None
    scope = (force_id, inspection_id, cycle)
    head: Row = (
        rid,
        report.source.file,
        report.source.format.value,
        report.source.pages,
        report.source.extractor_version,
        doc.kind.value,
        doc.title,
        force_id,
        doc.force.name if doc.force else None,
        doc.inspection.programme if doc.inspection else None,
        inspection_id,
        cycle,
        len(report.warnings),
    )
    rows: dict[str, list[Row]] = {
        "judgments": [
            (rid, n, *scope, j.area.id, j.area.title, j.grade.value, j.grade_text,
             *_place(j.evidence[0] if j.evidence else None))
            for n, j in enumerate(report.judgments)
        ],
        "items": [
            (rid, kind, n, *scope, item.area_id, item.title, item.text, *_place(item.span))
            for kind in ITEM_FIELDS
            for n, item in enumerate(_items(report, kind))
        ],
        "stated_counts": [
            (rid, n, *scope, c.area_id, c.of.value, c.count, c.text, *_place(c.span))
            for n, c in enumerate(report.stated_counts)
        ],
        "findings": [
            (rid, n, *scope, f.area_id, f.x, f.y, f.unit, f.text, f.sentence, *_place(f.span))
            for n, f in enumerate(report.findings)
        ],
        "evidence": [
            (rid, name, n, k, *scope, j.area.id, j.grade.value, e.how.value, int(e.strongest), e.text,
             *_place(e), e.start, e.end)
            for name in ("judgments", "earlier_judgments")
            for n, j in enumerate(getattr(report, name))
            for k, e in enumerate(j.evidence)
        ],
        "warnings": [
            (rid, n, *scope, w.code, w.message, w.text, *_place(w.span))
            for n, w in enumerate(report.warnings)
        ],
    }  # fmt: skip
    return head, rows


def _items(report: Report, kind: str) -> list[Item]:
    items: list[Item] = getattr(report, kind)
    return items


class _Store:
    """The database's content as rows: reports by id, each with its rows, and the file of each path.

    A report's rows come from the report of its first file (by path), so they do not depend on the
    order in which copies arrived; the files of one content differ only in ``source.file`` (and a
    ``format-mismatch`` warning where an extension disagrees).
    """

    def __init__(self) -> None:
        self.heads: dict[str, Row] = {}
        self.rows: dict[str, dict[str, list[Row]]] = {}
        self.files: dict[str, str] = {}

    def put(self, head: Row, rows: dict[str, list[Row]]) -> None:
        """Store one report: its path now holds its content (a path's older content is let go)."""
        rid, file = str(head[0]), str(head[1])
        before = self.files.get(file)
        self.files[file] = rid
        if rid not in self.heads or file <= str(self.heads[rid][1]):
            self.heads[rid], self.rows[rid] = head, rows
        if before is not None and before != rid:
            self._settle(before)

    def _settle(self, rid: str) -> None:
        """A report whose path moved on: gone when no file holds it, else headed by its first file left."""
        holders = sorted(file for file, held in self.files.items() if held == rid)
        if not holders:
            del self.heads[rid], self.rows[rid]
        elif self.heads[rid][1] not in holders:
            self.heads[rid] = (rid, holders[0], *self.heads[rid][2:])

    def read(self, conn: sqlite3.Connection) -> None:
        """Take in every report of an existing database (one of ours; one made before the files
        table counts each report's own file)."""
        for head in conn.execute("SELECT * FROM reports"):
            self.heads[head[0]], self.rows[head[0]] = head, {table: [] for table in ROW_TABLES}
            self.files[head[1]] = head[0]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "files" in tables:
            for file, rid in conn.execute("SELECT file, report_id FROM files"):
                if rid in self.heads:
                    self.files[file] = rid
        for table in ROW_TABLES:  # in the order they were written, which is the order they are made
            if table not in tables:
                continue  # a database made before 1.1: its reports get these rows when written again
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                if row[0] in self.rows:
                    self.rows[row[0]][table].append(row)

    def write(self, conn: sqlite3.Connection) -> None:
        """Insert everything in one fixed order (reports by path, then each report's rows as made,
        files by path), whatever order the reports came in."""
        order = sorted(self.heads, key=lambda rid: (str(self.heads[rid][1]), rid))
        files = sorted(self.files.items())
        for table, rows in (
            [("reports", [self.heads[rid] for rid in order])]
            + [(table, [row for rid in order for row in self.rows[rid][table]]) for table in ROW_TABLES]
            + [("files", files)]
        ):
            if rows:
                conn.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def write_db(reports: Iterable[Report], db_path: str | Path, *, mirror: bool = False) -> WriteResult:
    """Upsert reports into the SQLite database at ``db_path`` (``mirror``: hold these reports only,
    as an output folder's database holds the folder's).

    The file is rebuilt whole from its earlier content and the new reports, in one fixed order,
    and swapped in by a rename: the same reports give the same bytes however they came (a worker
    that died and a rerun, another number of workers), and a killed run leaves the old file whole.
    Runs writing one database take turns (a lock file beside it); another program's write lock on
    it, or a file there that is not a peel-extract database, raises ``sqlite3.Error``.
    """
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FolderLock(path.parent, f".{path.name}.lock") as lock:
        if not lock.acquire(DB_LOCK_WAIT):
            raise sqlite3.OperationalError(f"another run has been writing it for over {DB_LOCK_WAIT:g} s")
        store = _Store()
        old = _open_existing(path)
        try:
            if old is not None and not mirror:
                store.read(old)
            for report in reports:
                store.put(*report_rows(report))
            _build(path, store)
        finally:
            if old is not None:
                old.close()
    return WriteResult(reports=len(store.heads), files=len(store.files))


def _open_existing(path: Path) -> sqlite3.Connection | None:
    """The database already at ``path``, with a write lock taken on it (None when there is none)."""
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    conn = sqlite3.connect(path, timeout=5)
    try:
        conn.execute("BEGIN IMMEDIATE")  # fails while another program writes it
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "reports" not in tables:
            raise sqlite3.DatabaseError("not a peel-extract database (it has no reports table)")
    except BaseException:
        conn.close()
        raise
    return conn


def _build(path: Path, store: _Store) -> None:
    """Write the store as a new database file beside ``path``, then rename it over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        with closing(sqlite3.connect(tmp)) as conn:
            conn.execute("PRAGMA journal_mode = OFF")  # a new file: a killed build is only a stray temp
            conn.executescript(SCHEMA_SQL)
            with conn:
                conn.executemany(
                    "INSERT INTO grades (grade, rank, label) VALUES (?, ?, ?)",
                    [(grade, style.rank, style.label) for grade, style in GRADE_SCALE.items()],
                )
                store.write(conn)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Database(RunOutput[Report]):
    """The folder's reports in a SQLite database: ``<folder>/peel.sqlite`` (or another file in the
    folder) holds exactly them; one elsewhere has them upserted beside what other runs put there.

    The database is an extra store beside the JSON: one that cannot be written must not cost
    the run, so :meth:`finish` keeps the failure in :attr:`failure` for the caller to report.
    """

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        super().__init__(folder)
        self.path = path or folder / DB_NAME
        self.mirror = self.path.absolute().parent.resolve() == folder.absolute().resolve()
        self.written: WriteResult | None = None

    def finish(self, run: Run) -> None:
        try:
            self.written = write_db(self.kept(run), self.path, mirror=self.mirror)
        except (sqlite3.Error, OSError) as exc:
            self.failure = database_error(self.path, exc)


def database_error(path: Path, exc: sqlite3.Error | OSError) -> DatabaseError:
    """The typed error of a database that could not be written, naming it and why."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return DatabaseError(shown, f"database not written: {reason}")
