"""SQLite store of many reports, so forces and cycles can be compared with plain SQL.

Every row of every table carries ``force_id``, ``inspection_id``, ``cycle`` and (below the
report level) ``area_id``, so most questions need no join. A report is keyed by the sha256 of
the bytes it was read from: writing the same input again replaces its rows instead of adding
copies. The store is written from ``Report`` models (a run's, or read back from their JSON), never
from the inputs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import DatabaseError
from extractor.outputs.base import Run, RunOutput
from extractor.outputs.labels import GRADE_SCALE, KIND_PRECEDENCE
from schemas import ITEM_FIELDS, Item, Report, Span

DB_NAME = "peel.sqlite"

_KIND_ORDER_SQL = " ".join(f"WHEN '{kind}' THEN {n}" for n, kind in enumerate(KIND_PRECEDENCE))

SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS reports (
    report_id         TEXT PRIMARY KEY,   -- sha256 of the input bytes (source.sha256)
    file              TEXT NOT NULL,      -- source.file, the path as given
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
CREATE INDEX IF NOT EXISTS reports_force ON reports(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS judgments_cycle ON judgments(inspection_id, force_id, area_id);
CREATE INDEX IF NOT EXISTS judgments_force ON judgments(force_id, area_id);
CREATE INDEX IF NOT EXISTS items_area ON items(kind, area_id, force_id);
CREATE INDEX IF NOT EXISTS items_force ON items(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS counts_force ON stated_counts(force_id, inspection_id);
CREATE INDEX IF NOT EXISTS findings_area ON findings(area_id, force_id);
CREATE INDEX IF NOT EXISTS findings_force ON findings(force_id, inspection_id);
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
    """What :func:`write_db` did: reports new to the database and reports replaced."""

    added: int
    replaced: int


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


def upsert_report(conn: sqlite3.Connection, report: Report) -> bool:
    """Store one report and its rows, replacing an earlier copy of the same input; True if new.

    The caller commits (so a batch is one transaction).
    """
    rid = report.source.sha256
    doc = report.document
    force_id = doc.force.id if doc.force else None
    inspection_id = doc.inspection.id if doc.inspection else None
    cycle = doc.inspection.cycle if doc.inspection else None
    scope = (force_id, inspection_id, cycle)
    # The same content, or an older content of the same file path (a corrected input read again),
    # is replaced: its rows go, then the report's rows are inserted afresh.
    stale = [
        row[0]
        for row in conn.execute(
            "SELECT report_id FROM reports WHERE report_id = ? OR file = ?", (rid, report.source.file)
        )
    ]
    for old_id in stale:
        for table in ("judgments", "items", "stated_counts", "findings"):
            conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (old_id,))
        if old_id != rid:
            conn.execute("DELETE FROM reports WHERE report_id = ?", (old_id,))
    conn.execute(
        """INSERT INTO reports (report_id, file, format, pages, extractor_version, kind, title,
                                force_id, force_name, programme, inspection_id, cycle, warnings)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (report_id) DO UPDATE SET
               file = excluded.file, format = excluded.format, pages = excluded.pages,
               extractor_version = excluded.extractor_version, kind = excluded.kind,
               title = excluded.title, force_id = excluded.force_id, force_name = excluded.force_name,
               programme = excluded.programme, inspection_id = excluded.inspection_id,
               cycle = excluded.cycle, warnings = excluded.warnings""",
        (
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
        ),
    )
    conn.executemany(
        "INSERT INTO judgments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, n, *scope, j.area.id, j.area.title, j.grade.value, j.grade_text,
             *_place(j.evidence[0] if j.evidence else None))
            for n, j in enumerate(report.judgments)
        ],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, kind, n, *scope, item.area_id, item.title, item.text, *_place(item.span))
            for kind in ITEM_FIELDS
            for n, item in enumerate(_items(report, kind))
        ],
    )
    conn.executemany(
        "INSERT INTO stated_counts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, n, *scope, c.area_id, c.of.value, c.count, c.text, *_place(c.span))
            for n, c in enumerate(report.stated_counts)
        ],
    )
    conn.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (rid, n, *scope, f.area_id, f.x, f.y, f.unit, f.text, f.sentence, *_place(f.span))
            for n, f in enumerate(report.findings)
        ],
    )
    return not stale


def _items(report: Report, kind: str) -> list[Item]:
    items: list[Item] = getattr(report, kind)
    return items


def write_db(reports: Iterable[Report], db_path: str | Path) -> WriteResult:
    """Upsert reports into the SQLite database at ``db_path`` in one transaction."""
    added = replaced = 0
    with closing(connect(db_path)) as conn, conn:
        for report in reports:
            if upsert_report(conn, report):
                added += 1
            else:
                replaced += 1
    return WriteResult(added=added, replaced=replaced)


class Database(RunOutput[Report]):
    """The run's reports upserted into a SQLite database (default ``<folder>/peel.sqlite``), in input order.

    The database is an extra store beside the JSON: one that cannot be written must not cost
    the run, so :meth:`finish` keeps the failure in :attr:`failure` for the caller to report.
    """

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        super().__init__(folder)
        self.path = path or folder / DB_NAME
        self.written: WriteResult | None = None

    def finish(self, run: Run) -> None:
        try:
            self.written = write_db(self.kept(run), self.path)
        except (sqlite3.Error, OSError) as exc:
            self.failure = database_error(self.path, exc)


def database_error(path: Path, exc: sqlite3.Error | OSError) -> DatabaseError:
    """The typed error of a database that could not be written, naming it and why."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return DatabaseError(shown, f"database not written: {reason}")
