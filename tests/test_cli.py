"""The command line: options of the extract command, what it prints, and its exit status."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from conftest import SAMPLES

from extractor import extract
from extractor.cli import ByteSize, cli, main
from extractor.errors import ERROR_CODES, CorruptPdf
from extractor.outputs.index import INDEX_NAME
from schemas import Report, json_schema_text


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def one_sample(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SAMPLES.glob("003_*")), folder / "cheshire.txt")
    return folder


def test_cli_plain_lines_when_not_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, str(SAMPLES), "-o", str(tmp_path / "out"), "--workers", "2")
    assert code == 0 and out == ""
    lines = err.splitlines()
    assert sorted(line.split(" -> ")[0] for line in lines[:5]) == sorted(
        f"ok: {p}" for p in SAMPLES.glob("*.txt")
    )
    assert lines[5] == "5 of 5 inputs extracted, 0 failed"
    assert lines[6].startswith(f"index: {tmp_path / 'out' / INDEX_NAME}; summaries: ")
    # a folder run also fills the database, reported last
    assert lines[7] == f"database: {tmp_path / 'out' / 'peel.sqlite'}: 5 reports (5 files)"


def test_cli_rerun_says_what_it_did_not_redo(capsys: pytest.CaptureFixture[str], one_sample: Path) -> None:
    out = one_sample.parent / "out"
    assert run(capsys, str(one_sample), "-o", str(out))[0] == 0
    code, _, err = run(capsys, str(one_sample), "-o", str(out))
    assert code == 0
    assert err.splitlines()[0] == f"reused: {one_sample / 'cheshire.txt'} -> {out / 'cheshire.json'}"
    assert "1 of 1 inputs extracted (1 unchanged, not redone), 0 failed" in err
    code, _, err = run(capsys, str(one_sample), "-o", str(out), "--force")
    assert err.splitlines()[0].startswith("ok: ")


def test_cli_quiet_prints_only_errors(capsys: pytest.CaptureFixture[str], one_sample: Path) -> None:
    (one_sample / "blank.txt").write_text("   \n")
    code, out, err = run(capsys, str(one_sample), "-o", str(one_sample.parent / "out"), "-q")
    assert code == 1 and out == ""
    assert err == f"error: {one_sample / 'blank.txt'}: the file holds only white space [empty-file]\n"


def test_cli_progress_bar_counts_files_and_failures(
    capsys: pytest.CaptureFixture[str], one_sample: Path
) -> None:
    (one_sample / "empty.txt").write_bytes(b"")
    code, _, err = run(capsys, str(one_sample), "-o", str(one_sample.parent / "out"), "--progress")
    assert code == 1
    assert "2/2" in err and "failed 1" in err  # tqdm's count and our failure postfix
    assert "ok: " not in err  # per-file lines give way to the bar; errors still show
    assert f"error: {one_sample / 'empty.txt'}: the file is empty [empty-file]" in err
    assert "1 of 2 inputs extracted, 1 failed: empty-file 1" in err


def test_cli_max_bytes_refuses_larger_inputs(capsys: pytest.CaptureFixture[str], one_sample: Path) -> None:
    out = one_sample.parent / "out"
    code, _, err = run(capsys, str(one_sample), "-o", str(out), "--max-bytes", "1K")
    assert code == 1
    entry = json.loads((out / INDEX_NAME).read_text(encoding="utf-8"))
    assert entry["error"]["code"] == "too-large"
    assert "over the limit of 1,024" in entry["error"]["message"]
    assert "too-large 1" in err


def test_cli_internal_error_traceback_goes_to_the_log_not_the_screen(
    capsys: pytest.CaptureFixture[str], one_sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor.batch as batch

    def broken(path: Path, data: bytes | None = None, **options: Any) -> Report:
        raise ZeroDivisionError("division by zero in a stage")

    monkeypatch.setattr(batch, "extract", broken)
    out = one_sample.parent / "out"
    code, _, err = run(capsys, str(one_sample), "-o", str(out), "--workers", "1")
    assert code == 1
    assert "Traceback" not in err
    assert "division by zero in a stage [internal-error]" in err
    assert f"log (tracebacks, libraries' messages): {out / 'peel-extract.log'}" in err
    assert "ZeroDivisionError" in (out / "peel-extract.log").read_text(encoding="utf-8")


def test_cli_stdout_output_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(next(SAMPLES.glob("003_*"))), "-o", "-")
    assert code == 0
    assert Report.model_validate_json(out).source.file.endswith(".txt")


def test_cli_stdout_output_turns_library_log_lines_into_notes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdfminer's complaints about a damaged font come out as one 'note:' line, not raw."""
    real_extract = extract

    def noisy_extract(path: Path, data: bytes | None = None, **options: Any) -> Report:
        for _ in range(3):
            logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
        return real_extract(path, data, **options)

    monkeypatch.setattr("extractor.batch.extract", noisy_extract)
    source = next(SAMPLES.glob("003_*"))
    code, out, err = run(capsys, str(source), "-o", "-")
    assert code == 0
    assert Report.model_validate_json(out).document.force is not None
    assert err.splitlines() == [
        f"note: {source}: WARNING pdfminer.pdffont: Could not get FontBBox from font descriptor (x3)"
    ]


def test_cli_stdout_output_notes_come_before_the_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def failing_extract(path: Path, data: bytes | None = None, **options: Any) -> Report:
        logging.getLogger("pdfminer.pdfparser").warning("xref table damaged")
        raise CorruptPdf(str(path), "the file is damaged")

    monkeypatch.setattr("extractor.batch.extract", failing_extract)
    source = tmp_path / "damaged.pdf"
    source.write_bytes(b"%PDF-1.4 cut")
    code, out, err = run(capsys, str(source), "-o", "-")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"note: {source}: WARNING pdfminer.pdfparser: xref table damaged",
        f"error: {source}: the file is damaged [corrupt-pdf]",
    ]


def test_cli_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "schema") == (0, json_schema_text(), "")


@pytest.mark.parametrize(
    "args",
    [
        ["no/such/folder"],
        ["samples", "--workers", "-1"],
        ["samples", "--workers", "two"],
        ["samples", "--timeout", "-5"],
        ["samples", "--max-bytes", "lots"],
        ["samples", "--max-bytes", "0"],
        ["samples", "--no-such-option"],
        ["samples", "-o", "-", "--format", "json"],
        ["samples", "-o", "-", "--indent", "4"],
        ["samples", "-o", "reports.json"],
        ["samples/003_0b049a81f6489a5a.txt", "samples/004_6a5c3d0be53c8a20.txt", "-o", "two.json"],
        ["samples/003_0b049a81f6489a5a.txt", "-o", "README.md"],
        ["samples", "-o", "out", "--compact"],
        ["samples", "-o", "out", "--format", "jsonl"],
        ["samples/003_0b049a81f6489a5a.txt", "-o", "one.json", "--format", "jsonl"],
        ["-", "-o", "out"],
        ["-", "samples", "-o", "-"],
        ["samples", "-q", "-v"],
        ["samples", "--from", "rtf"],
    ],
    ids=lambda a: " ".join(a),
)
def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "Error" in err or "error" in err


def test_cli_help_lists_the_batch_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "--help")
    assert code == 0
    for option in (
        "--workers",
        "--timeout",
        "--max-bytes",
        "--max-memory",
        "--force",
        "--quiet",
        "--progress",
    ):
        assert option in out


def test_cli_every_command_has_help_text() -> None:
    assert all(command.help for command in cli.commands.values())


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1000", 1000),
        ("64K", 65536),
        ("64M", 64 * 1024**2),
        ("1G", 1024**3),
        ("1.5MB", 1572864),
        ("2MiB", 2097152),
    ],
)
def test_cli_byte_size(text: str, size: int) -> None:
    assert ByteSize().convert(text, None, None) == size


def test_cli_byte_size_rejects_words() -> None:
    with pytest.raises(click.BadParameter):
        ByteSize().convert("big", None, None)


def test_cli_error_codes_in_index_are_the_documented_ones(
    capsys: pytest.CaptureFixture[str], one_sample: Path
) -> None:
    (one_sample / "empty.md").write_bytes(b"")
    (one_sample / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0JFIF")
    out = one_sample.parent / "out"
    assert run(capsys, str(one_sample), "-o", str(out))[0] == 1
    codes = [
        json.loads(line).get("error", {}).get("code")
        for line in (out / INDEX_NAME).read_text(encoding="utf-8").splitlines()
    ]
    assert codes == [None, "empty-file", "unsupported-format"]
    assert all(code is None or code in ERROR_CODES for code in codes)
