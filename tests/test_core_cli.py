"""End to end through the command line: a folder of good and bad inputs, stdout mode, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from extractor.cli import main
from schemas import SCHEMA_PATH, Report
from tests.conftest import ROOT, sample


def _index(out: Path) -> dict[str, dict]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(json.loads(line)["file"]).name: json.loads(line) for line in lines}


def test_cli_mixed_folder_good_and_bad_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_bytes(sample("000").read_bytes())
    (folder / "report-md.md").write_bytes(sample("004").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = tmp_path / "out"

    status = main([str(folder), "-o", str(out), "--quiet"])

    assert status == 1
    index = _index(out)
    assert index["report.txt"]["status"] == "ok"
    assert index["report-md.md"]["status"] == "ok"
    assert index["empty.txt"]["error"]["code"] == "empty-file"
    assert index["binary.bin"]["error"]["code"] == "unsupported-format"
    assert index["image.png"]["error"]["code"] == "unsupported-format"
    written = Report.model_validate_json((out / "report.json").read_text(encoding="utf-8"))
    assert written.document.inspection is not None and written.document.inspection.cycle == "2023–25"
    markdown = Report.model_validate_json((out / "report-md.json").read_text(encoding="utf-8"))
    assert markdown.source.format.value == "markdown"
    assert sorted(p.name for p in out.glob("*.json")) == ["report-md.json", "report.json"]


def test_cli_all_good_exits_zero(tmp_path: Path) -> None:
    assert main([str(sample("001")), "-o", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / f"{sample('001').stem}.json").exists()


def test_cli_stdout_mode_writes_one_report() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "extractor", str(sample("003")), "-o", "-"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = Report.model_validate_json(proc.stdout)
    assert report.document.kind.value == "force_response"


def test_cli_stdout_mode_refuses_json_for_a_folder(tmp_path: Path) -> None:
    assert main([str(tmp_path), "-o", "-", "--format", "json"]) == 2


def test_cli_usage_error_exits_two() -> None:
    assert main(["--no-such-option"]) == 2


def test_cli_schema_prints_committed_schema(capsys) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == SCHEMA_PATH.read_text(encoding="utf-8")
