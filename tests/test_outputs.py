"""The output interface: what a batch tells each output, and the tables the outputs share."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from conftest import SAMPLES

from extractor.batch import run_batch
from extractor.errors import ERRORS, ExtractionError
from extractor.outputs import Output, Run, RunOutput
from extractor.outputs.labels import GRADE_SCALE, KIND_PRECEDENCE
from schemas import DocumentKind, Grade, Report


class Recorder(Output):
    """An output that writes nothing and notes every call."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.calls: list[tuple[str, str]] = []
        self.run: Run | None = None

    def write(self, report: Report, name: str, *, reused: bool = False) -> None:
        self.calls.append(("reused" if reused else "write", name))

    def drop(self, name: str) -> None:
        self.calls.append(("drop", name))

    def finish(self, run: Run) -> None:
        self.run = run


def test_outputs_batch_tells_an_extra_output_every_input_then_the_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = next(SAMPLES.glob("003_*"))
    (inputs / "b-good.txt").write_bytes(good.read_bytes())
    (inputs / "a-empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    first = Recorder(out)
    run_batch([inputs], out, workers=0, outputs=[first])
    assert sorted(first.calls) == [("drop", "a-empty.json"), ("write", "b-good.json")]
    assert first.run is not None and first.run.names == ("b-good.json",)
    assert [e["status"] for e in first.run.entries] == ["error", "ok"]
    again = Recorder(out)
    run_batch([inputs], out, workers=2, outputs=[again])
    assert sorted(again.calls) == [("drop", "a-empty.json"), ("reused", "b-good.json")]


def test_outputs_run_output_lays_out_in_input_order_whatever_the_arrival() -> None:
    class Names(RunOutput[str]):
        def keep(self, report: Report) -> str:
            return report.source.file

    output = Names(Path("."))
    reports = {name: _report(name) for name in ("c", "a", "b")}
    for name, report in reports.items():  # arrival order c, a, b
        output.write(report, name)
    assert output.kept(Run(names=("a", "b", "c"))) == ["a", "b", "c"]


def _report(file: str) -> Report:
    return Report.model_validate(
        {
            "source": {"file": file, "sha256": "0" * 64, "format": "text", "extractor_version": "0"},
            "document": {"kind": "other"},
        }
    )


def test_outputs_labels_cover_every_grade_and_kind() -> None:
    assert list(GRADE_SCALE) == [grade.value for grade in Grade]
    assert sorted(KIND_PRECEDENCE) == sorted(kind.value for kind in DocumentKind)


def test_outputs_errors_cross_a_pipe_whole() -> None:
    for error_class in ERRORS:
        back = pickle.loads(pickle.dumps(error_class("in/a.pdf", "it broke")))
        assert (type(back), back.path, back.message) == (error_class, "in/a.pdf", "it broke")


def test_outputs_any_extraction_error_subclass_crosses_a_pipe() -> None:
    # The base class says how it is rebuilt, so a subclass nobody registered pickles too.
    class NewKind(ExtractionError):
        code = "new-kind"

    globals()["NewKind"] = NewKind  # pickle finds a class by its module-level name
    NewKind.__qualname__ = "NewKind"
    try:
        back = pickle.loads(pickle.dumps(NewKind("in/b.docx", "a: b: c")))
    finally:
        del globals()["NewKind"]
    assert (type(back).__name__, back.path, back.message, str(back)) == (
        "NewKind",
        "in/b.docx",
        "a: b: c",
        "in/b.docx: a: b: c",
    )


def test_outputs_missing_file_is_an_extraction_error_and_a_file_not_found_error(tmp_path: Path) -> None:
    from extractor import extract
    from extractor.errors import FileNotFound

    missing = tmp_path / "no-such-report.pdf"
    with pytest.raises(FileNotFoundError) as caught:
        extract(missing)
    error = caught.value
    assert isinstance(error, ExtractionError) and isinstance(error, FileNotFound)
    assert (error.code, error.path, error.filename, error.errno) == (
        "file-not-found",
        str(missing),
        str(missing),
        2,
    )
    assert str(error) == f"{missing}: no such file"
    assert FileNotFound in ERRORS
