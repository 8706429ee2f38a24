"""Hostile inputs and shared folders (issue 14): nothing lost, nothing aborted, no input taken for a bug.

The corpus is built at test time (``badfiles.write_hostile_corpus`` and the earlier bad-file
corpora; nothing binary is committed) and run as ONE batch with the samples, through the real
command line in its own process: every input gets exactly one index line with a documented code,
the samples give their gold results, the exit status is 1 and no traceback reaches the terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from badfiles import (
    BATCH_MAX_BYTES,
    OTHER_FORCE_TEXT,
    deep_page,
    write_hostile_corpus,
    write_pdf_corpus,
    write_text_corpus,
    zip_bomb,
)
from conftest import GOLD, ROOT, SAMPLES, sample

import extractor.batch as batch
import extractor.inputs as inputs
from extractor import extract, load_document
from extractor.batch import run_batch
from extractor.cli import main
from extractor.errors import (
    ERROR_CODES,
    ERRORS,
    FolderInUse,
    NotAnInspectionDocument,
    TooLarge,
    UnsupportedFormat,
    printable,
)
from extractor.inputs import collect_inputs, output_names
from extractor.outputs import Database
from extractor.outputs.csv import read_csv
from extractor.outputs.files import (
    LOCK_NAME,
    TEMP_OVERHEAD,
    FolderLock,
    name_bytes,
    name_max,
    remove_stale_temps,
)
from extractor.outputs.index import INDEX_NAME
from extractor.readers.archive import check_unpacked_size
from schemas import Report

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and symlinks are POSIX")

GOLDEN_SAMPLES = ROOT / "tests" / "golden" / "samples"
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def _cli(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The real command line in a process of its own (workers and terminal output as a user gets them)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "extractor", *args, "--no-progress"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def _index(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / INDEX_NAME).read_text(encoding="utf-8").splitlines()]


# --- the corpus as one batch --------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile corpus, the earlier bad files and the samples, run as one batch from inside the folder."""
    root = tmp_path_factory.mktemp("hostile")
    expected = write_hostile_corpus(root)
    for sub, build in (("earlier-text", write_text_corpus), ("earlier-pdf", write_pdf_corpus)):
        expected.update({f"{sub}/{name}": code for name, code in build(root / sub).items()})
    shutil.copytree(SAMPLES, root / "samples")
    expected.update({f"samples/{p.name}": None for p in SAMPLES.glob("*.txt")})
    # Named on the command line: a FIFO (which would block a reader), a device, a broken link.
    outside = tmp_path_factory.mktemp("named")
    os.mkfifo(outside / "named-pipe")
    (outside / "broken-link.pdf").symlink_to(outside / "not-there.pdf")
    named = {str(outside / "named-pipe"): "not-a-regular-file", "/dev/zero": "not-a-regular-file"}
    named[str(outside / "broken-link.pdf")] = "unreadable"
    args = [".", *named, "-o", "out", "--max-bytes", str(BATCH_MAX_BYTES), "-w", "2"]
    first = _cli(*args, cwd=root)
    second = _cli(*args, cwd=root)  # the output folder is inside the input folder now
    return {"root": root, "out": root / "out", "expected": expected, "named": named, "runs": (first, second)}


def test_hostile_batch_one_index_line_per_input_each_with_its_documented_code(
    hostile_run: dict[str, Any],
) -> None:
    out, expected, named = hostile_run["out"], hostile_run["expected"], hostile_run["named"]
    entries = _index(out)
    files = [e["file"] for e in entries]
    assert len(files) == len(set(files)), "an input has two index lines"
    got = {e["file"]: e for e in entries}
    want_files = {printable_file(name) for name in expected} | set(named)
    assert set(got) == want_files
    for name, code in [*expected.items(), *named.items()]:
        entry = got[printable_file(name)]
        if code is None:
            assert entry["status"] == "ok", (name, entry.get("error"))
            Report.model_validate_json((out / entry["output"]).read_text(encoding="utf-8"))
            continue
        status, _, code = code.rpartition(":") if code.startswith("skipped:") else ("error", "", code)
        assert (entry["status"], entry["error"]["code"]) == (status, code), (name, entry)
        assert code in ERROR_CODES and entry["error"]["message"] and entry["output"] is None


def printable_file(name: str) -> str:
    """How the index names a file of the corpus (bytes that are not UTF-8 as \\xNN escapes)."""
    return inputs.path_text(name)


def test_hostile_batch_exit_one_and_no_traceback_on_the_terminal(hostile_run: dict[str, Any]) -> None:
    for run in hostile_run["runs"]:
        assert run.returncode == 1, run.stderr[-2000:]
        assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
        assert "\x1b" not in run.stderr and "\u202e" not in run.stderr  # names are shown escaped
        # A newline in a name cannot forge a line: every line is one of ours.
        for line in run.stderr.splitlines():
            assert line.startswith(
                ("ok: ", "reused: ", "error: ", "skipped: ", "index: ", "database: ", "log ")
            ) or (" inputs extracted" in line), line
        assert not any(line.startswith("error: forged") for line in run.stderr.splitlines())


def test_hostile_batch_second_run_reads_nothing_of_its_own_output_folder(hostile_run: dict[str, Any]) -> None:
    out = hostile_run["out"]
    first, second = hostile_run["runs"]
    assert "out/" not in "".join(e["file"] for e in _index(out))
    assert "unchanged, not redone" in second.stderr
    assert _summary(first) == _summary(second)  # the same inputs, none more

    # The earlier run's folder (it holds a lock file) was passed over too.
    assert not any("earlier-run" in e["file"] for e in _index(out))


def _summary(run: subprocess.CompletedProcess[str]) -> str:
    """'N of M inputs' of a run's summary line."""
    (line,) = [line for line in run.stderr.splitlines() if " inputs extracted" in line]
    return line.split(" inputs")[0]


def test_hostile_batch_samples_give_their_gold_results(hostile_run: dict[str, Any]) -> None:
    out = hostile_run["out"]
    for golden in sorted(GOLDEN_SAMPLES.glob("*.json")):
        report = json.loads((out / golden.name).read_text(encoding="utf-8"))
        want = json.loads(golden.read_text(encoding="utf-8"))
        assert report["source"]["file"] == f"samples/{golden.stem}.txt"
        report["source"]["file"] = want["source"]["file"]
        assert report == want, golden.name
    if not SCORE.exists():
        pytest.skip("../shared/tools/score.py is not beside the checkout")
    scored = subprocess.run(
        [sys.executable, str(SCORE), str(out), str(GOLD), "--json"], capture_output=True, text=True
    )
    fields = json.loads(scored.stdout)
    assert fields.pop("missing_outputs") == []
    assert {name: (f["recall"], f["precision"]) for name, f in fields.items()} == {
        name: (1.0, 1.0) for name in fields
    }


def test_hostile_batch_long_names_fit_the_file_system(hostile_run: dict[str, Any]) -> None:
    out = hostile_run["out"]
    limit = name_max(out)
    long_ones = [e for e in _index(out) if e["status"] == "ok" and name_bytes(e["file"]) > 230]
    assert len(long_ones) >= 4
    for entry in long_ones:
        assert name_bytes(entry["output"]) + TEMP_OVERHEAD <= limit
        stem = Path(entry["file"]).stem
        assert entry["output"].startswith(stem[:100]) and entry["output"].endswith(".json")


def test_hostile_batch_csv_cells_are_text_not_formulas(hostile_run: dict[str, Any]) -> None:
    rows = read_csv(hostile_run["out"] / "judgments.csv")
    files = {row["file"] for row in rows}
    for name in ("=HYPERLINK(evil).txt", "@SUM(1+1).txt", "+44 report.txt", "-minus.txt"):
        assert f"'{name}" in files and name not in files
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


# --- one by one: what each case needed ------------------------------------------------------------


def test_hostile_output_names_fit_a_255_byte_file_system_with_the_temporary_name() -> None:
    paths = [
        Path("in/" + "x" * 251 + ".txt"),
        Path("in/" + "x" * 240 + ".txt"),
        Path("in/" + "é" * 125 + ".md"),
    ]
    names = output_names(paths, budget=255 - TEMP_OVERHEAD)
    assert len(set(names)) == 3
    for name in names:
        assert name_bytes(name) <= 255 - TEMP_OVERHEAD and name.endswith(".json")
        name.encode("utf-8")  # cut at a character, never inside one
    assert output_names(paths[::-1], budget=255 - TEMP_OVERHEAD) == names[::-1]
    assert output_names([Path("short.txt")]) == ["short.json"]  # short names keep their form


def test_hostile_long_name_batch_in_process(tmp_path: Path) -> None:
    source = tmp_path / "in" / ("d" * 251 + ".txt")
    source.parent.mkdir()
    source.write_text(OTHER_FORCE_TEXT, encoding="utf-8")
    result = run_batch([source.parent], tmp_path / "out", workers=0)
    assert result.exit_code == 0 and result.entries[0]["status"] == "ok"
    assert (tmp_path / "out" / result.entries[0]["output"]).is_file()


def test_hostile_report_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("dyfed-powys.txt", "gwent.txt"):
        (folder / name).write_text(OTHER_FORCE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    (out / "gwent.json").mkdir(parents=True)  # something in the way of one output
    result = run_batch([folder], out, workers=0)
    codes = [e.get("error", {}).get("code") for e in result.entries]
    assert codes == [None, "write-error"] and result.exit_code == 1
    assert "gwent.json" in result.entries[1]["error"]["message"]
    assert [p.name for p in out.glob(".*.tmp")] == []


def test_hostile_unwritable_index_is_an_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    (out / INDEX_NAME).mkdir(parents=True)
    code = main([str(sample("001")), "-o", str(out), "-q", "-w", "0"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"error: {out / INDEX_NAME}: could not be written" in err and "[write-error]" in err
    assert (out / f"{sample('001').stem}.json").is_file()


def test_hostile_unreadable_file_is_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(OTHER_FORCE_TEXT, encoding="utf-8")
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == locked:  # what a file without read permission gives (root reads anything)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(inputs.os, "open", refusing_open)
    result = run_batch([locked], tmp_path / "out", workers=0)
    assert result.entries[0]["error"] == {"code": "unreadable", "message": "no permission to read the file"}


@pytest.mark.parametrize("workers", ["0", "1"])
def test_hostile_named_fifo_never_blocks(tmp_path: Path, workers: str) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    started = time.monotonic()
    run = _cli(
        str(tmp_path / "pipe.txt"), "-o", str(tmp_path / "out"), "-w", workers, cwd=tmp_path, timeout=60
    )
    assert time.monotonic() - started < 30
    assert run.returncode == 1 and "[not-a-regular-file]" in run.stderr
    assert _index(tmp_path / "out")[0]["error"]["code"] == "not-a-regular-file"


def test_hostile_nonexistent_path_is_still_a_usage_error(tmp_path: Path) -> None:
    run = _cli(str(tmp_path / "no-such-file.pdf"), "-o", str(tmp_path / "out"), cwd=tmp_path, timeout=60)
    assert run.returncode == 2 and "does not exist" in run.stderr


def test_hostile_folder_walk_lists_special_entries_as_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe")
    (tmp_path / "b-link.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "c.txt").write_text(OTHER_FORCE_TEXT, encoding="utf-8")
    found = collect_inputs([tmp_path])
    assert [(i.path.name, i.problem.code if i.problem else None) for i in found] == [
        ("a-pipe", "not-a-regular-file"),
        ("b-link.txt", "unreadable"),
        ("c.txt", None),
    ]
    result = run_batch([tmp_path], tmp_path / "out", workers=0)
    assert [e["status"] for e in result.entries] == ["skipped", "skipped", "ok"]
    assert result.exit_code == 0 and result.skipped == 2  # skipped entries are not failures


def test_hostile_docx_zip_bomb_refused_from_its_declared_size_without_inflating(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bomb = zip_bomb()  # 1 GiB of word/document.xml; bench/bench_hostile.py times the refusal
    assert len(bomb) < 2 * 1024 * 1024

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a member was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(TooLarge, match=r"1,073,7\d\d,\d\d\d bytes unpacked.*--max-bytes"):
        extract("bomb.docx", bomb, max_bytes=64 * 1024 * 1024)


def test_hostile_docx_that_lies_about_its_size_is_refused_before_parsing() -> None:
    lying = zip_bomb(64 << 20, declared=1000)
    with pytest.raises(UnsupportedFormat, match="CRC"):
        check_unpacked_size(lying, "lying.docx", 16 << 20)
    with pytest.raises(UnsupportedFormat):
        extract("lying.docx", lying)


def test_hostile_docx_within_the_limit_is_read() -> None:
    small = zip_bomb(4 << 20)  # a real package: python-docx opens it, and it holds only spaces
    check_unpacked_size(small, "small.docx", 16 << 20)
    with pytest.raises(NotAnInspectionDocument):
        extract("small.docx", small, max_bytes=16 << 20)
    with pytest.raises(TooLarge):
        extract("small.docx", small, max_bytes=1 << 20)
    check_unpacked_size(small, "small.docx", None)  # no limit, no check


def test_hostile_deep_html_read_in_full_with_a_warning() -> None:
    report = extract("deep.html", deep_page(300))
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [("responding_to_public", "adequate")]
    assert [(f.x, f.y) for f in report.findings] == [(9, 12)]
    assert "html-deep-nesting" in [w.code for w in report.warnings]
    # Read as the same page nested 20 deep reads: the same blocks, in the same order.
    deep, shallow = load_document("deep.html", deep_page(300)), load_document("shallow.html", deep_page(20))
    assert [(b.kind, b.text) for b in deep.blocks] == [(b.kind, b.text) for b in shallow.blocks]
    assert "html-deep-nesting" not in [w.code for w in shallow.warnings]


def test_hostile_deep_html_of_mixed_blocks_keeps_each_block() -> None:
    content = (
        "<section><h3>Areas for improvement</h3><ul><li>The force should <b>improve</b> how it"
        "<div><p>records <i>crime</i></p></div></li><li>Second point</li></ul>after the list"
        "<script>var x = '<p>not text</p>';</script><table><tr><td>Good</td></tr></table></section>"
    )
    blocks = [(b.kind.value, b.text) for b in load_document("d.html", deep_page(260, content)).blocks]
    assert blocks == [
        ("heading", "Areas for improvement"),
        ("list_item", "The force should improve how it"),
        ("paragraph", "records crime"),
        ("list_item", "Second point"),
        ("paragraph", "after the list"),
        ("paragraph", "Good"),
    ]


def test_hostile_html_deeper_than_the_parser_reads_says_so() -> None:
    with pytest.raises(TooLarge, match="more than 2,048 levels deep"):
        extract("deeper.html", deep_page(2100))


def test_hostile_printable_escapes_what_moves_a_terminal() -> None:
    assert printable("a\nb\x1b[2J\x07\u202e\u2028") == "a\\nb\\x1b[2J\\x07\\u202e\\u2028"
    assert printable("caf\udce9.txt") == "caf\\xe9.txt"
    assert printable("Dyfed-Powys Police – 2023–25.pdf") == "Dyfed-Powys Police – 2023–25.pdf"


def test_hostile_log_headers_cannot_be_forged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, data: bytes | None = None, **options: Any) -> Report:
        raise ValueError("bad\n=== other.txt [internal-error] forged")

    monkeypatch.setattr(batch, "extract", broken)
    source = tmp_path / "x\n=== y.txt [internal-error]"
    source.write_text(OTHER_FORCE_TEXT, encoding="utf-8")
    result = run_batch([source], tmp_path / "out", workers=0)
    assert result.log is not None
    headers = [line for line in result.log.read_text(encoding="utf-8").splitlines() if line.startswith("===")]
    assert len(headers) == 1 and "\\n=== y.txt" in headers[0]


# --- options as documented ----------------------------------------------------------------------


def test_hostile_max_memory_zero_means_no_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    real = batch.run_batch
    monkeypatch.setattr(
        "extractor.batch.run_batch", lambda *a, **k: seen.append(k["max_memory"]) or real(*a, **k)
    )
    assert main([str(sample("001")), "-o", str(tmp_path / "out"), "-q", "--max-memory", "0"]) == 0
    assert seen == [0]


def test_hostile_in_process_run_says_the_time_limit_does_not_apply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(sample("001")), "-o", str(tmp_path / "a"), "-q", "-w", "0", "--timeout", "1"]) == 0
    assert "note: --timeout does not apply with -w 0" in capsys.readouterr().err
    assert main([str(sample("001")), "-o", str(tmp_path / "b"), "-q", "-w", "0"]) == 0
    assert "note:" not in capsys.readouterr().err  # the default limit is not the user's


# --- shared folders: the lock and temporary files -----------------------------------------------


def test_hostile_folder_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    first, second = FolderLock(tmp_path), FolderLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    started = time.monotonic()
    assert not second.acquire(0.3) and time.monotonic() - started >= 0.3
    first.release()
    assert second.acquire()
    second.release()
    assert (tmp_path / LOCK_NAME).read_bytes() == b""  # nothing in it that differs between runs


def test_hostile_run_into_a_locked_folder_stops_unstarted(tmp_path: Path) -> None:
    held = FolderLock(tmp_path / "out")
    (tmp_path / "out").mkdir()
    assert held.acquire()
    try:
        with pytest.raises(FolderInUse, match="--wait"):
            run_batch([sample("001")], tmp_path / "out", workers=0)
        assert main([str(sample("001")), "-o", str(tmp_path / "out"), "-q"]) == 2
    finally:
        held.release()
    assert not (tmp_path / "out" / INDEX_NAME).exists()


def test_hostile_only_provably_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        files = {
            f".a.json.{sleeper.pid}.k2x9q0aa.tmp": True,  # a live process is writing it
            f".b.json.{gone.pid}.k2x9q0ab.tmp": False,  # its writer is gone
            f".c.csv.{os.getpid()}.k2x9q0ac.tmp": False,  # ours, and we write none now
            ".index.jsonl.old_name.tmp": False,  # an older version's, older than the lock
            ".notes.tmp": True,  # not ours
            ".report.pdf.123.abcdefgh.tmp": True,  # not one of our outputs' names
        }
        for name in files:
            (tmp_path / name).write_text("x")
        since = time.time() + 1
        (tmp_path / ".late.json.abcd1234.tmp").write_text("x")
        os.utime(tmp_path / ".late.json.abcd1234.tmp", (since + 5, since + 5))
        files[".late.json.abcd1234.tmp"] = True  # newer than the lock: maybe being written
        remove_stale_temps(tmp_path, since)
        assert {p.name for p in tmp_path.iterdir()} == {name for name, kept in files.items() if kept}
    finally:
        sleeper.kill()
        sleeper.wait()


def _distinct_inputs(folder: Path, prefix: str, count: int) -> None:
    """Inputs of distinct content (the database keys reports by content), a few seconds of work."""
    folder.mkdir(parents=True)
    long_ones = [sample(p).read_text(encoding="utf-8") for p in ("000", "002", "004")]
    for n in range(count):
        text = long_ones[n % 3] + f"\nA closing note, number {n} of run {prefix}.\n"
        (folder / f"{prefix}-{n:02d}.txt").write_text(text, encoding="utf-8")


def _popen(folder: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "extractor",
        str(folder),
        "-o",
        str(out),
        "-w",
        "2",
        "--no-progress",
        *extra,
    ]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def _wait_for_json(out: Path, run: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while not list(out.glob("*.json")) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.01)


@pytest.mark.slow
def test_hostile_two_concurrent_runs_into_one_folder_lose_nothing(tmp_path: Path) -> None:
    _distinct_inputs(tmp_path / "north", "north", 12)
    _distinct_inputs(tmp_path / "south", "south", 12)
    out = tmp_path / "out"
    first = _popen(tmp_path / "north", out)
    _wait_for_json(out, first)
    # Without --wait: refused at once, with a clear message and exit status 2, touching nothing.
    refused = _popen(tmp_path / "south", out)
    _, refused_err = refused.communicate(timeout=60)
    assert refused.returncode == 2, refused_err
    assert (
        "another peel-extract run is writing into this folder" in refused_err
        and "[folder-in-use]" in refused_err
    )
    assert first.poll() is None, "the first run ended before the second tried: the test proves nothing"
    # With --wait: queued behind the first, then done in full.
    queued = _popen(tmp_path / "south", out, "--wait")
    _, first_err = first.communicate(timeout=300)
    first_done = time.time()
    _, queued_err = queued.communicate(timeout=300)
    assert (first.returncode, queued.returncode) == (0, 0), first_err + queued_err
    reports = {p.name: Report.model_validate_json(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert sorted(reports) == sorted(
        [f"north-{n:02d}.json" for n in range(12)] + [f"south-{n:02d}.json" for n in range(12)]
    )
    for name, report in reports.items():
        assert Path(report.source.file).stem == Path(name).stem
        if name.startswith("south"):  # written after the first run let go of the folder
            assert (out / name).stat().st_mtime >= first_done - 1
    # The last run's index lists its own inputs first, then the reports the first run left (issue 15).
    assert [Path(e["file"]).parent.name for e in _index(out)] == ["south"] * 12 + ["north"] * 12
    with sqlite3.connect(out / "peel.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (24,)
    assert not list(out.glob(".*.tmp"))


# --- the database after a worker death ------------------------------------------------------------


def _dies_once(marks: Path) -> Any:
    real = batch.extract

    def extract_or_die(path: Path, data: bytes | None = None, **options: Any) -> Report:
        if Path(path).name == "force-03.txt" and not (marks / "died").exists():
            (marks / "died").touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, data, **options)

    return extract_or_die


@pytest.mark.slow
def test_hostile_database_byte_identical_after_a_worker_death_and_a_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    _distinct_inputs(folder, "force", 8)
    whole = tmp_path / "whole"
    assert run_batch([folder], whole, workers=2, outputs=[Database(whole)]).exit_code == 0

    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setattr(batch, "extract", _dies_once(marks))
    redone = tmp_path / "redone"
    first = run_batch([folder], redone, workers=2, outputs=[Database(redone)])
    assert [e["error"]["code"] for e in first.entries if e["status"] == "error"] == ["internal-error"]
    second = run_batch([folder], redone, workers=2, outputs=[Database(redone)])
    assert second.exit_code == 0 and second.reused == 7
    assert (redone / "peel.sqlite").read_bytes() == (whole / "peel.sqlite").read_bytes()


def test_hostile_database_bytes_do_not_depend_on_the_workers(tmp_path: Path) -> None:
    dumps = []
    for workers in (0, 2):
        out = tmp_path / f"w{workers}"
        run_batch([SAMPLES], out, workers=workers, outputs=[Database(out)])
        dumps.append((out / "peel.sqlite").read_bytes())
    assert dumps[0] == dumps[1]


def test_hostile_database_of_another_program_is_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.sqlite"
    with sqlite3.connect(theirs) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    before = theirs.read_bytes()
    out = tmp_path / "out"
    database = Database(out, theirs)
    result = run_batch([sample("001")], out, workers=0, outputs=[database])
    assert result.exit_code == 1 and result.failures == [database.failure]
    assert database.failure is not None and database.failure.code == "database-error"
    assert theirs.read_bytes() == before


# --- the table of codes in docs/cli.md---------------------------------------------------------------


def test_hostile_readme_error_table_lists_every_code_and_exit_status() -> None:
    readme = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")  # the README links to it
    table = readme.split("Error codes (stable", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    listed = [code.strip("` ") for row in rows for code in row.split("|")[1].split(",")]
    assert sorted(listed) == sorted(ERROR_CODES)
    for error in ERRORS:  # each row says what the class's docstring says, in its own words
        assert error.__doc__
    for status in ("`0`", "`1`", "`2`", "`130`"):
        assert status in readme.split("Exit status: ", 1)[1].split("\n\n", 1)[0]
