"""The command line as users of sqlite-utils, pdfplumber's CLI or docling expect it (issue 15).

-o FILE.json for one input, '-' for standard input, --from, JSON Lines on standard output,
--indent/--compact, extract as an explicit command beside folders named like commands,
plain-text help, -v and --exclude.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import cli, main
from schemas import Report
from tests.conftest import ROOT, SAMPLE_NAMES, sample


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- point 6: -o FILE.json -----------------------------------------------------------------------


def test_cli_output_file_json_writes_that_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "kent-2025.json"
    code, out, err = run(capsys, str(sample("004")), "-o", str(target))
    assert (code, out, err) == (0, "", "")
    report = Report.model_validate_json(target.read_text(encoding="utf-8"))
    assert report.document.inspection is not None and report.document.inspection.cycle == "2025–27"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kent-2025.json"]  # no index, no folder
    # An existing FILE.json is the target named: written again, not taken for a folder.
    code, _, _ = run(capsys, str(sample("003")), "-o", str(target), "--compact")
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 1 and Report.model_validate_json(text).document.kind.value == "force_response"


@pytest.mark.parametrize(
    "output",
    ["exists.txt", "reports.json"],
    ids=["an existing file that is not JSON", "a .json file for a folder of inputs"],
)
def test_cli_output_file_otherwise_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, output: str
) -> None:
    (tmp_path / "exists.txt").write_text("a user's notes\n", encoding="utf-8")
    inputs = str(sample("003")) if output == "exists.txt" else str(ROOT / "samples")
    code, out, err = run(capsys, inputs, "-o", str(tmp_path / output))
    assert code == 2 and out == ""
    assert "Traceback" not in err and "-o FILE.json takes one input file" in err
    assert (tmp_path / "exists.txt").read_text(encoding="utf-8") == "a user's notes\n"
    assert not (tmp_path / "reports.json").exists()  # no folder made under a .json name


# --- point 7: standard input and --from ----------------------------------------------------------


def _cli(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "extractor", *args], input=data, capture_output=True, cwd=ROOT, check=False
    )


def test_cli_reads_standard_input_told_by_content() -> None:
    done = _cli("-", "-o", "-", data=sample("002").read_bytes())
    assert done.returncode == 0, done.stderr
    report = Report.model_validate_json(done.stdout)
    assert report.source.file == "<stdin>"
    assert (
        report.source.sha256
        == Report.model_validate_json(_cli(str(sample("002")), "-o", "-").stdout).source.sha256
    )
    assert report.document.kind.value == "pcc_scrutiny_report"


def test_cli_standard_input_pdf_and_format_forced(tmp_path: Path) -> None:
    from extractor import load_document
    from tests import pdfgen

    pdf = tmp_path / "kent.pdf"
    pdfgen.render(load_document(sample("003")), pdf)
    done = _cli("-", "-o", "-", data=pdf.read_bytes())
    assert done.returncode == 0, done.stderr
    report = Report.model_validate_json(done.stdout)
    assert (report.source.format.value, report.source.pages) == ("pdf", pdfgen_pages(pdf))
    # --from: the same Markdown-free text read as Markdown, and as text whatever its name says
    forced = _cli("-", "-o", "-", "--from", "markdown", data=sample("003").read_bytes())
    assert Report.model_validate_json(forced.stdout).source.format.value == "markdown"
    page = tmp_path / "page.html"
    page.write_bytes(sample("003").read_bytes())
    as_text = Report.model_validate_json(_cli(str(page), "-o", "-", "--from", "text").stdout)
    assert as_text.source.format.value == "text"
    assert [w.code for w in as_text.warnings if w.code == "format-mismatch"] == []  # asked for


def pdfgen_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_cli_standard_input_errors_are_typed() -> None:
    done = _cli("-", "-o", "-", "--max-bytes", "1K", data=sample("003").read_bytes())
    assert done.returncode == 1 and done.stdout == b""
    assert b"error: <stdin>: " in done.stderr and b"[too-large]" in done.stderr
    empty = _cli("-", "-o", "-", data=b"")
    assert empty.returncode == 1 and b"[empty-file]" in empty.stderr


# --- point 8: JSON Lines ------------------------------------------------------------------------


def test_cli_folder_to_standard_output_is_json_lines_in_input_order(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "samples", folder)
    (folder / "empty.txt").write_bytes(b"")
    done = _cli(str(folder), "-o", "-", "-w", "2")
    assert done.returncode == 1  # the empty file failed; the others are there, one a line
    lines = done.stdout.decode("utf-8").splitlines()
    reports = [Report.model_validate_json(line) for line in lines]
    assert [Path(r.source.file).name for r in reports] == SAMPLE_NAMES
    assert f"error: {folder / 'empty.txt'}: the file is empty [empty-file]".encode() in done.stderr
    same = _cli(str(folder / SAMPLE_NAMES[0]), str(folder / SAMPLE_NAMES[1]), "-o", "-", "--format", "jsonl")
    assert [json.loads(line)["source"]["file"] for line in same.stdout.decode().splitlines()] == [
        str(folder / name) for name in SAMPLE_NAMES[:2]
    ]


def test_cli_one_report_indent_and_compact(capsys: pytest.CaptureFixture[str]) -> None:
    _, four, _ = run(capsys, str(sample("003")), "-o", "-", "--indent", "4")
    assert four.startswith('{\n    "schema_version": "1.1",')
    _, compact, _ = run(capsys, str(sample("003")), "-o", "-", "--compact")
    _, one_line, _ = run(capsys, str(sample("003")), "-o", "-", "--format", "jsonl")
    assert compact == one_line and compact.count("\n") == 1
    assert json.loads(compact) == json.loads(four)


# --- point 9: the extract command, and folders named like commands -------------------------------


@pytest.mark.parametrize("name", ["report", "diff", "schema"])
def test_cli_folder_named_like_a_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).mkdir()
    shutil.copy(sample("003"), Path(name) / "kent.txt")
    code, _, err = run(capsys, "extract", name, "-o", "out", "-w", "0")
    assert code == 0, err
    assert Path("out/kent.json").is_file()
    code, _, err = run(capsys, f"{name}/", "-o", "out2", "-w", "0")  # bare form, with the slash
    assert code == 0, err
    assert Path("out2/kent.json").is_file()


def test_cli_bare_form_and_extract_command_are_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, str(sample("001")), "-o", "-") == run(capsys, "extract", str(sample("001")), "-o", "-")


# --- point 10: plain help, -v, --exclude ---------------------------------------------------------


def _helps(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    helps = {"": run(capsys, "--help")[1]}
    for command in cli.commands:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        helps[command] = out
    return helps


def test_cli_help_is_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    for command, text in _helps(capsys).items():
        assert "``" not in text and ":func:" not in text and ":class:" not in text, command
        assert "\b" not in text, command
    extract_help = _helps(capsys)["extract"]
    assert "[default: 64M]" in extract_help and "[default: 4G]" in extract_help
    assert "(64M)" not in extract_help
    for option in ("--format", "--indent", "--compact", "--from", "--exclude", "-v, --verbose"):
        assert option in extract_help
    assert "peel-extract extract report/" in _helps(capsys)[""]


def test_cli_verbose_shows_what_goes_to_the_log(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    import extractor.batch as batch

    real = batch.extract

    def noisy(path: str, data: bytes | None = None, **options: object) -> Report:
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox from font descriptor")
        return real(path, data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "extract", noisy)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample("003"), folder / "kent.txt")
    _, _, quiet_err = run(capsys, str(folder), "-o", str(tmp_path / "a"), "-w", "0", "--progress")
    _, _, err = run(capsys, str(folder), "-o", str(tmp_path / "b"), "-w", "0", "--progress", "-v")
    line = "WARNING pdfminer.pdffont: Could not get FontBBox from font descriptor"
    assert line not in quiet_err and line in err
    assert f"ok: {folder / 'kent.txt'} -> " in err  # a line per file, under the bar
    assert f"=== {folder / 'kent.txt'} [logged while reading]" in err
    assert line in (tmp_path / "b" / "peel-extract.log").read_text(encoding="utf-8")


def test_cli_exclude_leaves_out_what_matches_in_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "2017").mkdir(parents=True)
    (folder / "drafts").mkdir()
    shutil.copy(sample("001"), folder / "2017" / "kent.txt")
    shutil.copy(sample("003"), folder / "kent-response.txt")
    shutil.copy(sample("003"), folder / "draft-response.txt")
    shutil.copy(sample("004"), folder / "drafts" / "kent.txt")
    out = tmp_path / "out"
    code, _, _ = run(capsys, str(folder), "-o", str(out), "-q", "-w", "0", "--exclude", "draft*")
    assert code == 0
    files = [
        Path(json.loads(line)["file"]).relative_to(folder).as_posix() for line in (out / "index.jsonl").open()
    ]
    assert files == ["2017/kent.txt", "kent-response.txt"]
    code, _, _ = run(
        capsys,
        str(folder),
        "-o",
        str(tmp_path / "o2"),
        "-q",
        "-w",
        "0",
        "--exclude",
        "2017/*",
        "--exclude",
        "drafts",
    )
    files = [Path(json.loads(line)["file"]).name for line in (tmp_path / "o2" / "index.jsonl").open()]
    assert files == ["draft-response.txt", "kent-response.txt"]
    # a file named on the command line is read whatever the patterns say
    code, _, _ = run(
        capsys, str(folder / "draft-response.txt"), "-o", str(tmp_path / "o3"), "-q", "--exclude", "draft*"
    )
    assert code == 0 and (tmp_path / "o3" / "draft-response.json").is_file()


def test_cli_output_file_that_cannot_be_written_is_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("in the way\n", encoding="utf-8")
    code, out, err = run(capsys, str(sample("003")), "-o", str(tmp_path / "a-file" / "kent.json"))
    assert (code, out) == (1, "")
    assert (
        err.startswith(f"error: {tmp_path / 'a-file' / 'kent.json'}: not written: ")
        and "[write-error]" in err
    )


def test_cli_own_outputs_to_standard_output_are_skipped_not_failed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main([str(sample("003")), "-o", str(out), "-q"]) == 0
    code, stdout, err = run(capsys, str(out / f"{sample('003').stem}.json"), "-o", "-")
    assert (code, stdout) == (0, "")
    assert err.startswith("skipped: ") and "[own-output]" in err
