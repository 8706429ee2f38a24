"""Batch runs: naming, parallel = serial, incremental reruns, isolation of bad and killed files."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from badfiles import BATCH_MAX_BYTES, write_pdf_corpus, write_text_corpus
from conftest import ROOT, SAMPLES

import extractor.batch as batch
from extractor.batch import LOG_NAME, expand_inputs, output_names, run_batch
from extractor.cli import main
from extractor.errors import ERROR_CODES
from extractor.outputs.csv import FINDINGS_CSV, JUDGMENTS_CSV
from extractor.outputs.files import LOCK_NAME
from extractor.outputs.index import INDEX_NAME
from schemas import Report


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder with its bytes (hidden temporary files included)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def index(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / INDEX_NAME).read_text(encoding="utf-8").splitlines()]


def by_name(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {Path(e["file"]).name: e for e in entries}


# --- naming -------------------------------------------------------------------------------------


def test_batch_output_names_keep_stem_when_unique() -> None:
    assert output_names([Path("a/north.txt"), Path("b/south.pdf")]) == ["north.json", "south.json"]


def test_batch_output_names_same_stem_other_extension() -> None:
    names = output_names([Path("in/report.pdf"), Path("in/report.txt"), Path("in/other.md")])
    assert names == ["report.pdf.json", "report.txt.json", "other.json"]


def test_batch_output_names_same_stem_and_extension_in_two_folders() -> None:
    paths = [Path("2017/surrey.pdf"), Path("2019/surrey.pdf")]
    names = output_names(paths)
    assert len(set(names)) == 2 and all(n.startswith("surrey.") and n.endswith(".json") for n in names)
    # A name depends on the set of inputs, not on their order.
    assert output_names(paths[::-1]) == names[::-1]


def test_batch_output_names_extension_name_meets_another_stem() -> None:
    # "a.pdf" alongside "a.txt" wants "a.pdf.json", which is also what "a.pdf.txt" wants.
    names = output_names([Path("a.pdf"), Path("a.txt"), Path("a.pdf.txt")])
    assert len(set(names)) == 3
    assert names[1] == "a.txt.json"


def test_batch_output_names_differ_by_more_than_case() -> None:
    # "Kent.json" and "kent.json" are one file on Windows and macOS.
    assert output_names([Path("a/Dyfed-Powys.pdf"), Path("b/dyfed-powys.txt")]) == [
        "Dyfed-Powys.pdf.json",
        "dyfed-powys.txt.json",
    ]


def test_batch_output_names_never_hidden() -> None:
    assert output_names([Path(".txt")]) == ["txt.json"]


def test_batch_expand_inputs_sorted_hidden_skipped_duplicates_once(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    found = expand_inputs([tmp_path, tmp_path / "a.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.txt", "sub/c.txt"]


# --- parallel, incremental, same stems ----------------------------------------------------------


def test_batch_output_identical_whatever_the_number_of_workers(tmp_path: Path) -> None:
    runs = {}
    for workers in (0, 1, 2):
        out = tmp_path / f"w{workers}"
        result = run_batch([SAMPLES], out, workers=workers)
        assert result.exit_code == 0
        runs[workers] = tree(out)
    assert runs[0] == runs[1] == runs[2]
    names = sorted(runs[2])
    assert names == sorted(
        [f"{p.stem}.json" for p in SAMPLES.glob("*.txt")]
        + [INDEX_NAME, JUDGMENTS_CSV, FINDINGS_CSV, LOCK_NAME]
    )
    # The index lists inputs in input order, not in the order the workers finished them.
    assert [Path(e["file"]).name for e in index(tmp_path / "w2")] == sorted(p.name for p in SAMPLES.glob("*"))


def test_batch_rerun_reuses_current_outputs_and_redoes_changed_ones(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs)
    out = tmp_path / "out"
    first = run_batch([inputs], out, workers=2)
    assert first.reused == 0
    before = tree(out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}

    second = run_batch([inputs], out, workers=2)
    assert second.reused == 5
    assert tree(out) == before
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamps  # not rewritten

    changed = next(inputs.glob("001_*"))
    changed.write_bytes(changed.read_bytes() + b"\nA closing paragraph added later.\n")
    third = run_batch([inputs], out, workers=2)
    assert third.reused == 4
    report = Report.model_validate_json((out / f"{changed.stem}.json").read_text(encoding="utf-8"))
    assert report.source.sha256 == by_name(third.entries)[changed.name]["sha256"]
    assert report.source.sha256 != by_name(first.entries)[changed.name]["sha256"]

    forced = run_batch([inputs], out, workers=2, force=True)
    assert forced.reused == 0
    assert tree(out) == tree(out)  # and every output is whole:
    for path in out.glob("*.json"):
        Report.model_validate_json(path.read_text(encoding="utf-8"))


def test_batch_rerun_redoes_an_output_edited_by_hand(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = next(SAMPLES.glob("003_*"))
    run_batch([source], out, workers=0)
    target = out / f"{source.stem}.json"
    original = target.read_bytes()
    target.write_bytes(original.replace(b'"schema_version": "1.1"', b'"schema_version":"1.1"'))
    result = run_batch([source], out, workers=0)
    assert result.reused == 0
    assert target.read_bytes() == original


def test_batch_rerun_redoes_output_of_another_extractor_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    source = next(SAMPLES.glob("003_*"))
    run_batch([source], out, workers=0)
    monkeypatch.setattr(batch, "__version__", "99.0.0")
    assert run_batch([source], out, workers=0).reused == 0


def test_batch_same_stem_in_two_folders_gives_two_outputs(tmp_path: Path) -> None:
    for folder, sample_prefix in (("2019", "001"), ("2023", "003")):
        (tmp_path / folder).mkdir()
        shutil.copy(next(SAMPLES.glob(f"{sample_prefix}_*")), tmp_path / folder / "hampshire.txt")
    out = tmp_path / "out"
    result = run_batch([tmp_path / "2019", tmp_path / "2023"], out, workers=2)
    assert result.exit_code == 0
    outputs = [e["output"] for e in result.entries]
    assert len(set(outputs)) == 2
    for entry in result.entries:
        report = Report.model_validate_json((out / entry["output"]).read_text(encoding="utf-8"))
        assert report.source.file == entry["file"]


def test_batch_input_that_now_fails_loses_its_old_output(tmp_path: Path) -> None:
    source = tmp_path / "north-yorkshire.txt"
    shutil.copy(next(SAMPLES.glob("003_*")), source)
    out = tmp_path / "out"
    run_batch([source], out, workers=0)
    assert (out / "north-yorkshire.json").exists()
    source.write_bytes(b"")
    result = run_batch([source], out, workers=0)
    assert result.entries[0]["error"]["code"] == "empty-file"
    assert not (out / "north-yorkshire.json").exists()


def test_batch_clears_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".index.jsonl.abc123.tmp").write_text("half")
    (out / ".003.json.k9x_q.tmp").write_text("{")
    (out / ".notes.tmp").write_text("a user's file, not ours")
    run_batch([next(SAMPLES.glob("003_*"))], out, workers=0)
    assert sorted(p.name for p in out.glob(".*")) == [".notes.tmp", LOCK_NAME]


# --- isolation: time limit, dead workers, bugs --------------------------------------------------


def _hostile_extract(real: Any) -> Any:
    """An extract that hangs on 'slow*', kills its own process on 'die*', has a bug on 'bug*',
    wants 3 GiB on 'hog*' and logs warnings as pdfminer does on 'noisy*'."""

    def extract(path: Path, data: bytes | None = None, **options: Any) -> Report:
        name = Path(path).name
        if name.startswith("slow"):
            time.sleep(60)
        if name.startswith("die"):
            os.kill(os.getpid(), signal.SIGKILL)
        if name.startswith("bug"):
            raise KeyError("a bug in a stage")
        if name.startswith("noisy"):
            for _ in range(3):
                logging.getLogger("pdfminer.pdfpage").warning("MediaBox missing from /Page")
            logging.getLogger("pdfminer.pdffont").info("not worth keeping")
        if name.startswith("hog"):
            hog = bytearray(3 * 1024**3)  # over the 1 GiB cap the test sets
            del hog
        return real(path, data, **options)

    return extract


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a hanging, a worker-killing and a buggy input among good ones."""
    # Workers are forked, so they run this patched extract.
    monkeypatch.setattr(batch, "extract", _hostile_extract(batch.extract))
    folder = tmp_path / "in"
    folder.mkdir()
    good = next(SAMPLES.glob("003_*")).read_bytes()
    names = (
        "a-good.txt",
        "bug.txt",
        "die.txt",
        "hog.txt",
        "m-good.txt",
        "noisy.txt",
        "slow.txt",
        "z-good.txt",
    )
    for name in names:
        (folder / name).write_bytes(good)
    return folder


def test_batch_timeout_dead_worker_and_bug_take_down_only_their_file(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    started = time.monotonic()
    result = run_batch([hostile], out, workers=2, timeout=3, max_memory=1024**3)
    assert time.monotonic() - started < 50  # the 60 s sleep was cut short
    entries = by_name(result.entries)
    assert entries["slow.txt"]["error"]["code"] == "timeout"
    assert entries["die.txt"]["error"]["code"] == "internal-error"
    assert "SIGKILL" in entries["die.txt"]["error"]["message"]
    assert entries["bug.txt"]["error"]["code"] == "internal-error"
    assert entries["bug.txt"]["error"]["message"] == "KeyError: 'a bug in a stage'"
    assert entries["hog.txt"]["error"]["code"] == "too-large"
    assert "(--max-memory)" in entries["hog.txt"]["error"]["message"]
    for name in ("a-good.txt", "m-good.txt", "noisy.txt", "z-good.txt"):
        assert entries[name]["status"] == "ok"
        assert (out / entries[name]["output"]).is_file()
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == ["a-good.json", "m-good.json", "noisy.json", "z-good.json"]
    assert result.exit_code == 1
    assert result.error_counts == {"internal-error": 2, "timeout": 1, "too-large": 1}
    # The bug's traceback is in the log file, named by its input; the index holds one line.
    assert result.log == out / LOG_NAME
    log = result.log.read_text(encoding="utf-8")
    assert f"=== {hostile / 'bug.txt'} [internal-error]" in log
    assert "Traceback (most recent call last)" in log and "KeyError" in log
    assert "Traceback" not in (out / INDEX_NAME).read_text(encoding="utf-8")


def test_batch_log_removed_when_a_later_run_has_nothing_to_log(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([hostile / "bug.txt"], out, workers=1)
    assert (out / LOG_NAME).exists()
    result = run_batch([hostile / "a-good.txt"], out, workers=1)
    assert result.log is None and not (out / LOG_NAME).exists()


@pytest.mark.parametrize("workers", [0, 2])
def test_batch_libraries_log_messages_go_to_the_log_not_the_screen(
    hostile: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], workers: int
) -> None:
    out = tmp_path / "out"
    result = run_batch([hostile / "noisy.txt", hostile / "a-good.txt"], out, workers=workers)
    assert result.exit_code == 0
    assert "MediaBox" not in capfd.readouterr().err
    assert (out / LOG_NAME).read_text(encoding="utf-8") == (
        f"=== {hostile / 'noisy.txt'} [logged while reading]\n"
        "WARNING pdfminer.pdfpage: MediaBox missing from /Page (x3)\n\n"
    )


def test_batch_one_worker_survives_many_deaths(hostile: Path, tmp_path: Path) -> None:
    for n in range(4):
        shutil.copy(hostile / "die.txt", hostile / f"die-{n}.txt")
    result = run_batch([hostile], tmp_path / "out", workers=1, timeout=2)
    codes = {Path(e["file"]).name: e.get("error", {}).get("code") for e in result.entries}
    assert [codes[f"die-{n}.txt"] for n in range(4)] == ["internal-error"] * 4
    assert codes["z-good.txt"] is None  # the last input still ran, in a fresh worker


def test_batch_two_workers_have_two_files_in_flight(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file waits (up to 20 s) to see the other one started: only a real pool gets both 'met'."""
    marks = tmp_path / "marks"
    marks.mkdir()
    real = batch.extract

    def meeting_extract(path: Path, data: bytes | None = None, **options: Any) -> Report:
        me, other = Path(path).stem, {"left": "right", "right": "left"}[Path(path).stem]
        (marks / f"started-{me}").touch()
        deadline = time.monotonic() + 20
        while not (marks / f"started-{other}").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        (marks / f"{'met' if (marks / f'started-{other}').exists() else 'alone'}-{me}").touch()
        return real(path, data, **options)

    monkeypatch.setattr(batch, "extract", meeting_extract)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("left.txt", "right.txt"):
        shutil.copy(next(SAMPLES.glob("003_*")), folder / name)
    result = run_batch([folder], tmp_path / "out", workers=2)
    assert result.exit_code == 0
    assert sorted(p.name for p in marks.glob("met-*")) == ["met-left", "met-right"]


_STUCK_RUN = """
import os, sys, time
from pathlib import Path
import extractor.batch as batch
def stuck(path, data=None, **options):
    Path(sys.argv[2]).write_text(str(os.getpid()))
    time.sleep(600)
batch.extract = stuck
batch.run_batch([sys.argv[1]], sys.argv[3], workers=1, timeout=None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_batch_worker_stuck_on_a_file_dies_with_a_killed_parent(tmp_path: Path) -> None:
    source = next(SAMPLES.glob("003_*"))
    pid_file = tmp_path / "worker.pid"
    run = subprocess.Popen(
        [sys.executable, "-c", _STUCK_RUN, str(source), str(pid_file), str(tmp_path / "out")], cwd=ROOT
    )
    worker = None
    try:
        deadline = time.monotonic() + 30
        while not (pid_file.exists() and pid_file.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.01)  # the file may exist, still empty, for a moment
        worker = int(pid_file.read_text())
        run.kill()
        run.wait(10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:  # never leave a sleeping process behind, whatever failed
        run.kill()
        if worker is not None and _alive(worker):
            os.kill(worker, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


# --- the bad-file corpus as one batch -----------------------------------------------------------


def _check_bad_batch(out: Path, expected: dict[str, str | None], code: int) -> None:
    assert code == 1
    entries = by_name(index(out))
    assert set(entries) == set(expected)
    for name, want in expected.items():
        entry = entries[name]
        if want is None:
            assert entry["status"] == "ok", (name, entry.get("error"))
            Report.model_validate_json((out / entry["output"]).read_text(encoding="utf-8"))
        else:
            assert want in ERROR_CODES
            assert (entry["status"], entry["error"]["code"]) == ("error", want), name
            assert entry["output"] is None
            assert entry["error"]["message"]
    written = {p.name for p in out.glob("*.json")}
    assert written == {entries[n]["output"] for n, want in expected.items() if want is None}


def test_batch_bad_text_files_each_give_their_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = write_text_corpus(tmp_path / "bad")
    out = tmp_path / "out"
    limit = str(BATCH_MAX_BYTES)
    code = main([str(tmp_path / "bad"), "-o", str(out), "--workers", "2", "--max-bytes", limit])
    _check_bad_batch(out, expected, code)
    mixed = Report.model_validate_json((out / "mixed-encodings.json").read_text(encoding="utf-8"))
    assert [w.code for w in mixed.warnings][:1] == ["not-utf8"]
    err = capsys.readouterr().err
    assert "failed: decode-error 1, empty-file 2, not-an-inspection-document 1, too-large 1, " in err


def test_batch_real_pathological_file_stopped_by_the_time_limit(tmp_path: Path) -> None:
    """The corpus's 50 MB single line, let past the size limit, needs 13-20 s: a 2 s limit stops it."""
    folder = tmp_path / "bad"
    write_text_corpus(folder)
    keep = {"one-long-line.txt", "good-sample.txt"}
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink()
    result = run_batch([folder], tmp_path / "out", workers=2, timeout=2, max_bytes=None)
    codes = {Path(e["file"]).name: e.get("error", {}).get("code") for e in result.entries}
    assert codes == {"good-sample.txt": None, "one-long-line.txt": "timeout"}


@pytest.mark.slow
def test_batch_bad_pdf_files_each_give_their_code(tmp_path: Path) -> None:
    pytest.importorskip("extractor.readers.pdf", reason="the PDF reader is not on this branch yet")
    expected = write_pdf_corpus(tmp_path / "bad")
    expected.update(write_text_corpus(tmp_path / "bad"))
    out = tmp_path / "out"
    code = main([str(tmp_path / "bad"), "-o", str(out), "-q", "--max-bytes", str(BATCH_MAX_BYTES)])
    _check_bad_batch(out, expected, code)


# --- killed part-way: a real signal to a real run -----------------------------------------------


def _cli(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "extractor", str(folder), "-o", str(out), "--workers", "2", "--no-progress"]


@pytest.fixture(scope="module")
def many_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty inputs (copies of the long samples under other names) so a run lasts a few seconds."""
    folder = tmp_path_factory.mktemp("many")
    long_ones = [next(SAMPLES.glob(f"{prefix}_*")) for prefix in ("000", "002", "004")]
    for n in range(30):
        shutil.copy(long_ones[n % 3], folder / f"force-{n:02d}.txt")
    return folder


@pytest.fixture(scope="module")
def uninterrupted(many_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("whole") / "out"
    subprocess.run(_cli(many_inputs, out), check=True, capture_output=True, cwd=ROOT)
    return tree(out)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_batch_killed_run_then_rerun_is_byte_identical(
    many_inputs: Path, uninterrupted: dict[str, bytes], tmp_path: Path, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    run = subprocess.Popen(_cli(many_inputs, out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.json"))) < 3 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.01)
    run.send_signal(sig)
    _, err = run.communicate(timeout=60)
    if sig is signal.SIGKILL:
        assert run.returncode == -signal.SIGKILL
    else:
        assert run.returncode == 130, err.decode()
        assert b"interrupted" in err
    time.sleep(0.5)  # orphaned workers of a SIGKILLed parent finish their file, then see EOF
    # Killed part-way: no index yet, fewer outputs than inputs, and every output there is whole.
    assert not (out / INDEX_NAME).exists()
    partial = list(out.glob("*.json"))
    assert 0 < len(partial) < 30
    for path in partial:
        Report.model_validate_json(path.read_text(encoding="utf-8"))

    rerun = subprocess.run(_cli(many_inputs, out), capture_output=True, cwd=ROOT)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert b"unchanged, not redone" in rerun.stderr
    assert tree(out) == uninterrupted


# --- a folder that stays consistent (issue 15, point 4) -----------------------------------------


def _csv_files(folder: Path, name: str) -> list[str]:
    from extractor.outputs.csv import read_csv

    return sorted({Path(row["file"]).name for row in read_csv(folder / name)})


def test_batch_one_file_run_into_a_folder_keeps_every_report_described(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "blank.txt").write_text("  \n")
    out = tmp_path / "out"
    run_batch([inputs], out, workers=0)
    late = tmp_path / "late" / "north-wales.txt"
    late.parent.mkdir()
    shutil.copy(next(SAMPLES.glob("003_*")), late)

    result = run_batch([late], out, workers=0)
    assert [e["file"] for e in result.entries] == [str(late)]  # what this run did
    assert result.earlier == 6  # five samples and the blank file, kept from the first run
    entries = index(out)
    # the run's own input first, then what the folder already held, sorted by file
    assert [e["file"] for e in entries] == [str(late), *sorted(str(p) for p in inputs.iterdir())]
    assert by_name(entries)["blank.txt"]["error"]["code"] == "empty-file"  # earlier failure kept
    reports = {p.name for p in out.glob("*.json")}
    assert {e["output"] for e in entries if e["output"]} == reports
    judged = {Path(r.source.file).name for r in map(_read, out.glob("*.json")) if r.judgments}
    assert _csv_files(out, JUDGMENTS_CSV) == sorted(judged)
    assert "north-wales.txt" in _csv_files(out, JUDGMENTS_CSV)


def _read(path: Path) -> Report:
    return Report.model_validate_json(path.read_text(encoding="utf-8"))


def test_batch_stale_entries_dropped_when_their_json_or_input_is_gone(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "blank.txt").write_text("  \n")
    out = tmp_path / "out"
    run_batch([inputs], out, workers=0)
    gone = next(SAMPLES.glob("001_*")).stem
    (out / f"{gone}.json").unlink()  # a report removed by hand
    (inputs / "blank.txt").unlink()  # a failed input deleted
    run_batch([inputs / next(SAMPLES.glob("003_*")).name], out, workers=0)
    files = [Path(e["file"]).name for e in index(out)]
    assert f"{gone}.txt" not in files and "blank.txt" not in files
    assert len(files) == 4
    assert f"{gone}.txt" not in _csv_files(out, JUDGMENTS_CSV)


def test_batch_an_input_keeps_one_report_when_its_output_name_changes(tmp_path: Path) -> None:
    for folder, prefix in (("2019", "001"), ("2023", "003")):
        (tmp_path / folder).mkdir()
        shutil.copy(next(SAMPLES.glob(f"{prefix}_*")), tmp_path / folder / "surrey.txt")
    out = tmp_path / "out"
    run_batch([tmp_path / "2019", tmp_path / "2023"], out, workers=0)
    hashed = sorted(p.name for p in out.glob("surrey.*.json"))
    assert len(hashed) == 2  # one stem, two folders: names with the path's hash
    run_batch([tmp_path / "2019" / "surrey.txt"], out, workers=0)  # alone, its name is surrey.json
    reports = {p.name: _read(p).source.file for p in out.glob("*.json")}
    assert sorted(reports.values()) == [
        str(tmp_path / "2019" / "surrey.txt"),
        str(tmp_path / "2023" / "surrey.txt"),
    ]
    assert reports["surrey.json"] == str(tmp_path / "2019" / "surrey.txt")
    assert next(e["output"] for e in index(out)) == "surrey.json" and len(index(out)) == 2


def test_batch_folder_after_runs_equals_one_run_over_the_union(tmp_path: Path) -> None:
    """Two runs into one folder leave the same reports, rows and database content as one run over both."""
    import sqlite3

    from extractor.outputs.sqlite import Database

    north, south = tmp_path / "north", tmp_path / "south"
    north.mkdir()
    south.mkdir()
    names = sorted(p.name for p in SAMPLES.glob("*.txt"))
    for name in names[:3]:
        shutil.copy(SAMPLES / name, north / name)
    for name in names[3:]:
        shutil.copy(SAMPLES / name, south / name)
    twice, once = tmp_path / "twice", tmp_path / "once"
    run_batch([north], twice, workers=0, outputs=[Database(twice)])
    run_batch([south], twice, workers=0, outputs=[Database(twice)])
    run_batch([south, north], once, workers=0, outputs=[Database(once)])
    assert {k: v for k, v in tree(twice).items() if k.endswith(".json")} == {
        k: v for k, v in tree(once).items() if k.endswith(".json")
    }
    assert (twice / INDEX_NAME).read_bytes() == (once / INDEX_NAME).read_bytes()
    for name in (JUDGMENTS_CSV, FINDINGS_CSV):
        assert (twice / name).read_bytes() == (once / name).read_bytes()
    dumps = []
    for folder in (twice, once):
        with sqlite3.connect(folder / "peel.sqlite") as conn:
            dumps.append(list(conn.iterdump()))
    assert dumps[0] == dumps[1]


def test_batch_a_copy_under_a_name_of_the_users_own_is_kept_and_listed(tmp_path: Path) -> None:
    source = tmp_path / "kent.txt"
    shutil.copy(next(SAMPLES.glob("003_*")), source)
    out = tmp_path / "out"
    run_batch([source], out, workers=0)
    shutil.copy(out / "kent.json", out / "kent-backup.json")
    run_batch([source], out, workers=0, force=True)
    assert (out / "kent-backup.json").is_file()  # not a name peel-extract gives this input: left alone
    assert [e["output"] for e in index(out)] == ["kent.json", "kent-backup.json"]
