"""The SQLite store: schema, upserts by content hash, and the three example queries of docs/compare.md.

The fixtures are reports built by hand from the schema models (several forces, two cycles of
one force, a commissioner's report beside an inspection report), so every expected row below
is worked out from the fixture, not produced by the code under test.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.errors import InvalidReportJson
from extractor.outputs.json import load_folder, read_report, report_json
from extractor.outputs.sqlite import write_db
from schemas import (
    Area,
    CountOf,
    DocumentInfo,
    DocumentKind,
    Evidence,
    Finding,
    Force,
    Grade,
    How,
    InputFormat,
    Inspection,
    Item,
    Judgment,
    Report,
    Source,
    Span,
    StatedCount,
)
from tests.conftest import ROOT, SAMPLE_NAMES, sample, sample_report

# ---- fixture reports (shared with test_diff.py and test_overview.py) --------------------------------

FORCE_NAMES = {"kent": "Kent Police", "essex": "Essex Police", "cumbria": "Cumbria Constabulary"}
AREA_TITLES = {
    "investigating_crime": "Investigating crime",
    "responding_to_public": "Responding to the public",
    "protecting_vulnerable_people": "Protecting vulnerable people",
    "leadership_force_management": "Leadership and force management",
    "victim_service": "Providing a service to the victims of crime",
    "serious_organised_crime": "Disrupting serious and organised crime",
    "managing_fraud": "Managing fraud",
}


def at(line: int, page: int | None = None) -> Span:
    """A span on a line (and page, for a PDF)."""
    return Span(page=page, line=line)


def said(line: int, page: int | None = None, text: str = "Good", how: str = "label") -> Evidence:
    """The place that states a judgment: its line (and page), its words and how they state it."""
    return Evidence(page=page, line=line, text=text, how=How(how), strongest=True)


def judgment(area_id: str, grade: str, line: int, page: int | None = None) -> Judgment:
    """A judgment of a known area, titled as the fixtures' reports write it."""
    words = grade.replace("_", " ").capitalize()
    return Judgment(
        area=Area(id=area_id, title=AREA_TITLES[area_id]),
        grade=Grade(grade),
        grade_text=words,
        evidence=[said(line, page, words)],
    )


def item(
    area_id: str | None, text: str, line: int, page: int | None = None, title: str | None = None
) -> Item:
    """An AFI, cause of concern or recommendation."""
    return Item(area_id=area_id, title=title, text=text, span=at(line, page))


def finding(
    area_id: str, x: int, y: int, unit: str, sentence: str, line: int, page: int | None = None
) -> Finding:
    """An 'x of y' finding; its text is found in its sentence."""
    text = re.search(rf"{x} (?:of|out of) (?:the )?{y} {unit}", sentence)
    assert text, sentence
    return Finding(
        x=x, y=y, unit=unit, text=text.group(), sentence=sentence, area_id=area_id, span=at(line, page)
    )


def make_report(
    name: str,
    force_id: str | None,
    cycle: str,
    kind: str = "inspection_report",
    fmt: str = "text",
    **lists: list,
) -> Report:
    """A report as the pipeline would write it for an input called ``name``."""
    inspection_id = "peel-" + re.sub(r"[–/]", "-", cycle)
    return Report(
        source=Source(
            file=f"in/{name}",
            sha256=hashlib.sha256(name.encode()).hexdigest(),
            format=InputFormat(fmt),
            pages=60 if fmt == "pdf" else None,
            extractor_version="0.1.0",
        ),
        document=DocumentInfo(
            kind=DocumentKind(kind),
            title=f"PEEL {cycle}",
            force=Force(id=force_id, name=FORCE_NAMES[force_id]) if force_id else None,
            inspection=Inspection(programme="PEEL", cycle=cycle, id=inspection_id),
        ),
        **lists,
    )


# Kent, 2023–25 inspection (plain text: lines only).
KENT_OLD_AFI_INVESTIGATION = (
    "The force needs to make sure that investigations are supervised effectively "
    "and that victims are updated regularly."
)
KENT_OLD_AFI_CALLS = "The force should answer emergency and non-emergency calls within national targets."
KENT_OLD_AFI_CHILD = (
    "The force needs to improve how it records the voice of the child in safeguarding referrals."
)
KENT_OLD_SENTENCE = "In 28 of the 39 cases we reviewed, the force carried out an effective investigation."
# Kent, 2025–27 inspection (a PDF: pages and lines).
KENT_NEW_AFI_INVESTIGATION = (
    "The force should make sure investigations are effectively supervised and that victims are kept "
    "updated regularly."
)
KENT_NEW_AFI_CALLS = (
    "The force needs to answer emergency and non-emergency calls within the national targets."
)
KENT_NEW_AFI_FRAUD = "The force should improve how it identifies and supports vulnerable victims of fraud."
KENT_NEW_SENTENCE = "In 35 of the 40 cases we reviewed, the force carried out an effective investigation."
ESSEX_AFI = "The force should improve how it allocates investigations to officers with the right skills."
CUMBRIA_AFI = "The force should reduce the time it takes to attend incidents graded as a priority."


def kent_old() -> Report:
    """Kent's 2023–25 inspection report."""
    return make_report(
        "kent-2023-25.txt",
        "kent",
        "2023–25",
        judgments=[
            judgment("victim_service", "not_graded", 30),
            judgment("responding_to_public", "requires_improvement", 98),
            judgment("investigating_crime", "requires_improvement", 117),
            judgment("protecting_vulnerable_people", "good", 142),
            judgment("leadership_force_management", "good", 219),
        ],
        areas_for_improvement=[
            item("responding_to_public", KENT_OLD_AFI_CALLS, 104),
            item("investigating_crime", KENT_OLD_AFI_INVESTIGATION, 121),
            item("protecting_vulnerable_people", KENT_OLD_AFI_CHILD, 150),
        ],
        stated_counts=[
            StatedCount(
                of=CountOf.AREAS_FOR_IMPROVEMENT,
                area_id="investigating_crime",
                count=1,
                text="one area for improvement",
                span=at(118),
            ),
        ],
        findings=[
            finding(
                "responding_to_public", 22, 24, "records", "We found 22 of 24 records were accurate.", 101
            ),
            finding("investigating_crime", 28, 39, "cases", KENT_OLD_SENTENCE, 125),
        ],
    )


def kent_new() -> Report:
    """Kent's 2025–27 inspection report: one grade up, one down, an area gone, a new area."""
    return make_report(
        "kent-2025-27.pdf",
        "kent",
        "2025–27",
        fmt="pdf",
        judgments=[
            judgment("leadership_force_management", "good", 4, page=3),
            judgment("responding_to_public", "inadequate", 9, page=3),
            judgment("investigating_crime", "adequate", 12, page=3),
            judgment("protecting_vulnerable_people", "good", 15, page=3),
            judgment("managing_fraud", "adequate", 18, page=3),
        ],
        areas_for_improvement=[
            item(
                "investigating_crime",
                KENT_NEW_AFI_INVESTIGATION,
                7,
                page=21,
                title="Supervision of investigations",
            ),
            item("responding_to_public", KENT_NEW_AFI_CALLS, 30, page=17),
            item("managing_fraud", KENT_NEW_AFI_FRAUD, 11, page=40),
        ],
        causes_of_concern=[
            item("responding_to_public", "The force is not answering emergency calls promptly.", 3, page=16),
        ],
        recommendations=[
            item(
                "responding_to_public",
                "Within six months, the force should answer 90 percent of calls.",
                5,
                16,
            ),
        ],
        findings=[
            finding("investigating_crime", 35, 40, "cases", KENT_NEW_SENTENCE, 2, page=22),
            finding(
                "managing_fraud",
                9,
                12,
                "cases",
                "Victims were referred in 9 of 12 cases we examined.",
                20,
                40,
            ),
        ],
    )


def kent_pcc() -> Report:
    """A commissioner's report on Kent's 2023–25 inspection: it disagrees on one grade and adds one."""
    return make_report(
        "kent-pcc-2023-25.txt",
        "kent",
        "2023–25",
        kind="pcc_scrutiny_report",
        judgments=[
            judgment("responding_to_public", "good", 40),
            judgment("serious_organised_crime", "good", 55),
        ],
    )


def essex() -> Report:
    """Essex's 2023–25 inspection report."""
    return make_report(
        "essex-2023-25.txt",
        "essex",
        "2023–25",
        judgments=[
            judgment("investigating_crime", "good", 80),
            judgment("responding_to_public", "adequate", 60),
        ],
        areas_for_improvement=[item("investigating_crime", ESSEX_AFI, 88)],
    )


def cumbria() -> Report:
    """Cumbria's 2025–27 inspection report."""
    return make_report(
        "cumbria-2025-27.txt",
        "cumbria",
        "2025–27",
        judgments=[
            judgment("responding_to_public", "good", 50),
            judgment("investigating_crime", "inadequate", 70),
        ],
        areas_for_improvement=[item("responding_to_public", CUMBRIA_AFI, 52)],
    )


def unknown_force() -> Report:
    """A document that names no force: stored, but never in a force's grades."""
    return make_report(
        "unknown.txt", None, "2023–25", kind="other", judgments=[judgment("investigating_crime", "good", 5)]
    )


def all_reports() -> list[Report]:
    """Every fixture report."""
    return [kent_old(), kent_new(), kent_pcc(), essex(), cumbria(), unknown_force()]


# ---- docs/compare.md's queries--------------------------------------------------------------


def readme_queries() -> dict[str, str]:
    """The ``sql`` blocks of docs/compare.md's database section, by their '-- name' first line."""
    text = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    section = text.split("## The database", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.+?)\n```", section, re.DOTALL)
    return {block.splitlines()[0].removeprefix("-- ").strip(): block for block in blocks}


@pytest.fixture
def fixture_db(tmp_path: Path) -> sqlite3.Connection:
    """The fixture reports written to a fresh database."""
    path = tmp_path / "peel.sqlite"
    write_db(all_reports(), path)
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def test_db_readme_has_the_three_queries() -> None:
    assert sorted(readme_queries()) == ["afis-on-area", "force-history", "grade-matrix"]


def test_db_grade_matrix_query(fixture_db: sqlite3.Connection) -> None:
    rows = fixture_db.execute(readme_queries()["grade-matrix"], {"cycle": "2023–25"}).fetchall()
    # Kent's inspection report outranks the commissioner's report for responding_to_public (its
    # 'good' loses to 'requires_improvement'); serious_organised_crime is only in the commissioner's.
    # The force-less document is left out.
    assert rows == [
        ("essex", "investigating_crime", "good"),
        ("essex", "responding_to_public", "adequate"),
        ("kent", "investigating_crime", "requires_improvement"),
        ("kent", "leadership_force_management", "good"),
        ("kent", "protecting_vulnerable_people", "good"),
        ("kent", "responding_to_public", "requires_improvement"),
        ("kent", "serious_organised_crime", "good"),
        ("kent", "victim_service", "not_graded"),
    ]


def test_db_afis_on_area_query(fixture_db: sqlite3.Connection) -> None:
    rows = fixture_db.execute(readme_queries()["afis-on-area"], {"area": "investigating_crime"}).fetchall()
    assert rows == [
        ("essex", "2023–25", ESSEX_AFI, None, 88),
        ("kent", "2023–25", KENT_OLD_AFI_INVESTIGATION, None, 121),
        ("kent", "2025–27", KENT_NEW_AFI_INVESTIGATION, 21, 7),
    ]


def test_db_force_history_query(fixture_db: sqlite3.Connection) -> None:
    rows = fixture_db.execute(readme_queries()["force-history"], {"force": "kent"}).fetchall()
    assert rows == [
        ("investigating_crime", "2023–25", "requires_improvement"),
        ("investigating_crime", "2025–27", "adequate"),
        ("leadership_force_management", "2023–25", "good"),
        ("leadership_force_management", "2025–27", "good"),
        ("managing_fraud", "2025–27", "adequate"),
        ("protecting_vulnerable_people", "2023–25", "good"),
        ("protecting_vulnerable_people", "2025–27", "good"),
        ("responding_to_public", "2023–25", "requires_improvement"),
        ("responding_to_public", "2025–27", "inadequate"),
        ("serious_organised_crime", "2023–25", "good"),
        ("victim_service", "2023–25", "not_graded"),
    ]


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = ("reports", "judgments", "items", "stated_counts", "findings")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_db_every_row_is_keyed_and_scoped(fixture_db: sqlite3.Connection) -> None:
    # 6 reports; 5+5+2+2+2+1 judgments; 3+3+1+1 AFIs, 1 cause, 1 recommendation; 1 count; 4 findings.
    assert _counts(fixture_db) == {
        "reports": 6,
        "judgments": 17,
        "items": 10,
        "stated_counts": 1,
        "findings": 4,
    }
    row = fixture_db.execute(
        "SELECT report_id, force_id, inspection_id, cycle, area_id, x, y, unit, page, line FROM findings "
        "WHERE area_id = 'managing_fraud'"
    ).fetchone()
    sha = hashlib.sha256(b"kent-2025-27.pdf").hexdigest()
    assert row == (sha, "kent", "peel-2025-27", "2025–27", "managing_fraud", 9, 12, "cases", 40, 20)
    kinds = fixture_db.execute("SELECT kind, count(*) FROM items GROUP BY kind ORDER BY kind").fetchall()
    assert kinds == [("areas_for_improvement", 8), ("causes_of_concern", 1), ("recommendations", 1)]
    report = fixture_db.execute(
        "SELECT file, format, pages, kind, force_name, cycle FROM reports WHERE report_id = ?", (sha,)
    ).fetchone()
    assert report == ("in/kent-2025-27.pdf", "pdf", 60, "inspection_report", "Kent Police", "2025–27")


def test_db_rerun_replaces_rows_instead_of_adding(tmp_path: Path) -> None:
    path = tmp_path / "peel.sqlite"
    first = write_db(all_reports(), path)
    second = write_db(all_reports(), path)
    assert (first.reports, first.files) == (second.reports, second.files) == (6, 6)
    # The same input read again by a newer extractor that finds one AFI fewer: its rows are replaced.
    changed = kent_old().model_copy(update={"areas_for_improvement": kent_old().areas_for_improvement[:1]})
    write_db([changed], path)
    with sqlite3.connect(path) as conn:
        assert _counts(conn) == {"reports": 6, "judgments": 17, "items": 8, "stated_counts": 1, "findings": 4}
        texts = conn.execute(
            "SELECT text FROM items WHERE force_id = 'kent' AND cycle = '2023–25' ORDER BY seq"
        ).fetchall()
    assert texts == [(KENT_OLD_AFI_CALLS,)]


def test_db_corrected_input_at_the_same_path_replaces_its_older_version(tmp_path: Path) -> None:
    path = tmp_path / "peel.sqlite"
    write_db([kent_old(), essex()], path)
    corrected = essex().model_copy(
        update={
            "source": essex().source.model_copy(update={"sha256": hashlib.sha256(b"corrected").hexdigest()}),
            "judgments": [judgment("investigating_crime", "outstanding", 80)],
        }
    )
    result = write_db([corrected], path)
    assert (result.reports, result.files) == (2, 2)  # the path moved to its new content; the old one went
    with sqlite3.connect(path) as conn:
        reports = conn.execute("SELECT file, report_id FROM reports ORDER BY file").fetchall()
        grades = conn.execute("SELECT area_id, grade FROM judgments WHERE force_id = 'essex'").fetchall()
    assert reports == [
        ("in/essex-2023-25.txt", hashlib.sha256(b"corrected").hexdigest()),
        ("in/kent-2023-25.txt", kent_old().source.sha256),
    ]
    assert grades == [("investigating_crime", "outstanding")]


def _copy(report: Report, file: str) -> Report:
    """The same content read from another path (a copy of the file)."""
    return report.model_copy(update={"source": report.source.model_copy(update={"file": file})})


def test_db_one_report_per_content_and_every_file_that_held_it(tmp_path: Path) -> None:
    path = tmp_path / "peel.sqlite"
    copies = [_copy(kent_old(), f"copies/kent-{n:02d}.txt") for n in range(12)]
    copies += [_copy(essex(), f"copies/essex-{n:02d}.txt") for n in range(3)]
    result = write_db([*copies[::-1], kent_new()], path)  # arrival order does not matter
    assert (result.reports, result.files, str(result)) == (3, 16, "3 reports (16 files)")
    with sqlite3.connect(path) as conn:
        assert _counts(conn)["judgments"] == 5 + 5 + 2  # each content's rows once
        reports = conn.execute("SELECT file FROM reports ORDER BY file").fetchall()
        held = conn.execute(
            "SELECT count(*) FROM files WHERE report_id = ?", (kent_old().source.sha256,)
        ).fetchone()
    # a report is headed by the first of its files
    assert reports == [("copies/essex-00.txt",), ("copies/kent-00.txt",), ("in/kent-2025-27.pdf",)]
    assert held == (12,)
    # One copy corrected: its path moves to the new content; the other eleven stay.
    corrected = essex().model_copy(
        update={"source": essex().source.model_copy(update={"file": "copies/kent-00.txt"})}
    )
    result = write_db([corrected], path)
    assert (result.reports, result.files) == (3, 16)
    with sqlite3.connect(path) as conn:
        moved = conn.execute(
            "SELECT r.force_id FROM files f JOIN reports r USING (report_id) "
            "WHERE f.file = 'copies/kent-00.txt'"
        ).fetchone()
        head = conn.execute(
            "SELECT file FROM reports WHERE report_id = ?", (kent_old().source.sha256,)
        ).fetchone()
    assert moved == ("essex",) and head == ("copies/kent-01.txt",)


def test_db_folder_database_mirrors_the_folder_and_says_reports_and_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"copy-{n}.txt").write_bytes(sample("003").read_bytes())
    (folder / "other.txt").write_bytes(sample("001").read_bytes())
    out = tmp_path / "out"
    assert main([str(folder), "-o", str(out), "-w", "0"]) == 0
    assert f"database: {out / 'peel.sqlite'}: 2 reports (7 files)" in capsys.readouterr().err
    (out / "other.json").unlink()  # a report taken out of the folder by hand
    (folder / "copy-6.txt").write_bytes(sample("003").read_bytes())
    assert main([str(folder / "copy-6.txt"), "-o", str(out), "-w", "0"]) == 0  # one file, into the folder
    err = capsys.readouterr().err
    assert f"database: {out / 'peel.sqlite'}: 1 report (7 files)" in err
    assert f"index: {out / 'index.jsonl'} (and 6 inputs of earlier runs); summaries: " in err
    with sqlite3.connect(out / "peel.sqlite") as conn:
        files = [Path(f).name for (f,) in conn.execute("SELECT file FROM files ORDER BY file")]
    assert files == [f"copy-{n}.txt" for n in range(7)]


def test_db_cli_folder_run_writes_database_by_default(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample("000").read_bytes())
    (folder / "b.md").write_bytes(sample("004").read_bytes())
    out = tmp_path / "out"
    assert main([str(folder), "-o", str(out), "-q"]) == 0
    assert main([str(folder), "-o", str(out), "-q"]) == 0  # a rerun: no copies
    with sqlite3.connect(out / "peel.sqlite") as conn:
        rows = conn.execute("SELECT file, cycle FROM reports ORDER BY file").fetchall()
    assert rows == [(str(folder / "a.txt"), "2023–25"), (str(folder / "b.md"), "2025–27")]


def test_db_cli_no_db_and_explicit_db(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample("001").read_bytes())
    assert main([str(folder), "-o", str(tmp_path / "out1"), "-q", "--no-db"]) == 0
    assert not (tmp_path / "out1" / "peel.sqlite").exists()
    # One file (not a folder): no database unless asked for.
    assert main([str(folder / "a.txt"), "-o", str(tmp_path / "out2"), "-q"]) == 0
    assert not (tmp_path / "out2" / "peel.sqlite").exists()
    db = tmp_path / "elsewhere" / "all.sqlite"
    assert main([str(folder / "a.txt"), "-o", str(tmp_path / "out2"), "-q", "--db", str(db)]) == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT kind, cycle FROM reports").fetchall() == [("inspection_web_page", "2017")]


def test_db_cli_unwritable_database_is_one_error_line_and_exit_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sample("001").read_bytes())
    blocked = tmp_path / "blocked.sqlite"
    blocked.write_bytes(b"not a database, " * 100)  # e.g. another program's file at that path
    assert main([str(folder), "-o", str(tmp_path / "out"), "-q", "--db", str(blocked)]) == 1
    err = capsys.readouterr().err
    assert f"error: {blocked}: database not written: " in err and "[database-error]" in err
    assert "Traceback" not in err
    assert (tmp_path / "out" / "a.json").exists()  # the run's outputs stay


def test_db_indexes_serve_the_readme_queries(fixture_db: sqlite3.Connection) -> None:
    plan = fixture_db.execute(
        "EXPLAIN QUERY PLAN " + readme_queries()["afis-on-area"], {"area": "investigating_crime"}
    ).fetchall()
    assert any("USING INDEX items_area" in str(step) for step in plan), plan


def test_db_read_report_round_trip_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "kent.json"
    good.write_text(report_json(kent_new()), encoding="utf-8")
    assert read_report(good) == kent_new()
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.1", "source": {}}', encoding="utf-8")
    with pytest.raises(InvalidReportJson) as caught:
        read_report(bad)
    assert caught.value.code == "invalid-report-json"
    assert caught.value.path == str(bad)
    assert "source.file" in caught.value.message
    # A report an older peel-extract wrote under schema 1 says so, and what to do.
    old = tmp_path / "old.json"
    old.write_text(
        report_json(kent_new()).replace('"schema_version": "1.1"', '"schema_version": "1"'), "utf-8"
    )
    with pytest.raises(InvalidReportJson, match=r"written under schema 1, this peel-extract reads 1\.1"):
        read_report(old)


def test_db_load_folder_skips_other_json_and_names_broken_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(report_json(essex()), encoding="utf-8")
    (tmp_path / "schema.json").write_text('{"title": "Report", "type": "object"}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"schema_version": "1", ', encoding="utf-8")
    (tmp_path / "index.jsonl").write_text('{"file": "a.txt"}\n', encoding="utf-8")
    loaded = load_folder(tmp_path)
    assert [(p.name, r.document.force.id) for p, r in loaded.reports] == [("a.json", "essex")]
    assert [p.name for p in loaded.skipped] == ["schema.json"]
    assert [Path(e.path).name for e in loaded.errors] == ["broken.json"]


# ---- the samples ----------------------------------------------------------------------------

SAMPLE_REPORT_ROWS = [
    # From the gold files: each sample's kind and inspection; all five are Kent.
    ("000", "inspection_report", "kent", "peel-2023-25", "2023–25"),
    ("001", "inspection_web_page", "kent", "peel-2017", "2017"),
    ("002", "pcc_scrutiny_report", "kent", "peel-2023-25", "2023–25"),
    ("003", "force_response", "kent", "peel-2021-22", "2021/22"),
    ("004", "inspection_report", "kent", "peel-2025-27", "2025–27"),
]

# Kent's grades across cycles from the gold grades, one document per cycle: the 2017 web page
# (001), the 2021/22 force response (003), the 2023–25 report (000) plus the two areas only the
# commissioner's report (002) grades, and the 2025–27 report (004).
SAMPLE_FORCE_HISTORY = sorted(
    [
        ("effectiveness", "2017", "good"),
        ("investigating_crime", "2017", "good"),
        ("protecting_vulnerable_people", "2017", "good"),
        ("specialist_capabilities", "2017", "not_graded"),
        ("victim_service", "2021/22", "not_graded"),
        ("crime_data_integrity", "2021/22", "outstanding"),
        ("police_powers_public_treatment", "2021/22", "good"),
        ("preventing_crime", "2021/22", "good"),
        ("responding_to_public", "2021/22", "requires_improvement"),
        ("investigating_crime", "2021/22", "requires_improvement"),
        ("protecting_vulnerable_people", "2021/22", "adequate"),
        ("managing_offenders_suspects", "2021/22", "requires_improvement"),
        ("workforce", "2021/22", "good"),
        ("leadership_force_management", "2021/22", "good"),
        ("victim_service", "2023–25", "not_graded"),
        ("police_powers_public_treatment", "2023–25", "good"),
        ("preventing_crime", "2023–25", "good"),
        ("responding_to_public", "2023–25", "requires_improvement"),
        ("investigating_crime", "2023–25", "requires_improvement"),
        ("protecting_vulnerable_people", "2023–25", "good"),
        ("managing_offenders_suspects", "2023–25", "adequate"),
        ("workforce", "2023–25", "good"),
        ("leadership_force_management", "2023–25", "good"),
        ("serious_organised_crime", "2023–25", "good"),
        ("workforce_corruption", "2023–25", "adequate"),
        ("leadership_force_management", "2025–27", "good"),
        ("workforce", "2025–27", "outstanding"),
        ("police_powers_public_treatment", "2025–27", "adequate"),
        ("preventing_crime", "2025–27", "good"),
        ("responding_to_public", "2025–27", "adequate"),
        ("investigating_crime", "2025–27", "adequate"),
        ("protecting_vulnerable_people", "2025–27", "adequate"),
        ("managing_fraud", "2025–27", "adequate"),
    ]
)


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five samples extracted by the pipeline and written to a database twice (a rerun)."""
    path = tmp_path_factory.mktemp("samples") / "peel.sqlite"
    reports = [sample_report(name[:3]) for name in SAMPLE_NAMES]
    write_db(reports, path)
    write_db(reports, path)
    return path


def test_db_samples_reports_table(samples_db: Path) -> None:
    with sqlite3.connect(samples_db) as conn:
        rows = conn.execute(
            "SELECT file, kind, force_id, inspection_id, cycle FROM reports ORDER BY file"
        ).fetchall()
    assert [(Path(f).name[:3], *rest) for f, *rest in rows] == SAMPLE_REPORT_ROWS


def test_db_samples_force_history_query(samples_db: Path) -> None:
    with sqlite3.connect(samples_db) as conn:
        if conn.execute("SELECT count(*) FROM judgments").fetchone()[0] == 0:
            pytest.skip("the judgments stage finds no grades in the samples yet (placeholder stage)")
        rows = conn.execute(readme_queries()["force-history"], {"force": "kent"}).fetchall()
    key = {"2017": 0, "2021/22": 1, "2023–25": 2, "2025–27": 3}
    assert rows == sorted(SAMPLE_FORCE_HISTORY, key=lambda r: (r[0], key[r[1]]))


def test_db_samples_grade_matrix_query(samples_db: Path) -> None:
    with sqlite3.connect(samples_db) as conn:
        if conn.execute("SELECT count(*) FROM judgments").fetchone()[0] == 0:
            pytest.skip("the judgments stage finds no grades in the samples yet (placeholder stage)")
        rows = conn.execute(readme_queries()["grade-matrix"], {"cycle": "2025–27"}).fetchall()
    expected = [("kent", area, grade) for area, cycle, grade in SAMPLE_FORCE_HISTORY if cycle == "2025–27"]
    assert rows == sorted(expected)


# The gold AFIs whose section maps to investigating_crime: the 2017 web page (001) line 44, six
# named in one sentence of the 2021/22 response (003) line 57, and the 2025–27 report (004) line 601.
SAMPLE_INVESTIGATION_AFIS = [
    ("kent", "2017", 44, "The force should ensure that all investigations are complete"),
    ("kent", "2021/22", 57, "resourcing"),
    ("kent", "2021/22", 57, "allocation"),
    ("kent", "2021/22", 57, "investigation plans"),
    ("kent", "2021/22", 57, "evidence led prosecution"),
    ("kent", "2021/22", 57, "victim needs assessment"),
    ("kent", "2021/22", 57, "auditable records when a victim withdraws support"),
    ("kent", "2025–27", 601, "The force should make sure that it consistently assigns"),
]


def test_db_samples_afis_on_area_query(samples_db: Path) -> None:
    with sqlite3.connect(samples_db) as conn:
        if conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0:
            pytest.skip("the items stage finds no AFIs in the samples yet (placeholder stage)")
        rows = conn.execute(readme_queries()["afis-on-area"], {"area": "investigating_crime"}).fetchall()
    assert [(force, cycle, line) for force, cycle, _, _, line in rows] == [
        (force, cycle, line) for force, cycle, line, _ in SAMPLE_INVESTIGATION_AFIS
    ]
    for (_, _, text, _, _), (_, _, _, words) in zip(rows, SAMPLE_INVESTIGATION_AFIS, strict=True):
        assert words.lower() in text.lower()
