"""Hypothesis fuzzing: random and mutated report text through every stage, and the batch's own helpers.

Invariants, whatever the input: only typed ``ExtractionError`` subclasses escape (with a documented
code); every stage keeps its contract; every span lies inside the input; ``x <= y``; the report
survives a JSON round trip through the schema; and the same input gives the same report twice.

Examples are bounded so CI stays fast, and derandomised so CI runs the same examples every time
(a failure there reproduces; it does not come and go). Set ``PEEL_FUZZ_EXAMPLES=2000`` for a long
local hunt: that run draws new random examples. Add each find as an ``@example``.
"""

from __future__ import annotations

import csv
import functools
import importlib
import importlib.util
import io
import os
from pathlib import Path
from typing import Any

import pytest
from badfiles import report_pdf
from conftest import SAMPLE_NAMES, SAMPLES, sample
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from extractor.api import load_document, run_document
from extractor.batch import output_names
from extractor.errors import ERROR_CODES, ExtractionError
from extractor.model import Extraction
from extractor.outputs.csv import csv_text
from extractor.outputs.json import report_json
from extractor.pipeline import STAGE_ORDER, run_stages
from extractor.readers import decode_text, sniff_format
from schemas import InputFormat, Report, Span

EXAMPLES = int(os.environ.get("PEEL_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize="PEEL_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SAMPLE_LINES: dict[str, list[str]] = {
    name: (SAMPLES / name).read_text(encoding="utf-8").split("\n") for name in SAMPLE_NAMES
}

# Words and shapes of inspection reports, so random text reaches the interesting branches.
VOCAB = [
    "PEEL 2023–25",
    "PEEL 2021/22",
    "PEEL 2017: Effectiveness",
    "An inspection of Northumbria Police",
    "Gwent Police",
    "Investigating crime",
    "Protecting vulnerable people",
    "Responding to the public",
    "Good",
    "Outstanding",
    "Adequate",
    "Requires improvement",
    "Inadequate",
    "Not graded",
    "Areas for improvement",
    "Area for improvement",
    "Causes of concern",
    "Cause of concern",
    "Recommendations",
    "Innovative practice",
    "Main findings",
    "Summary",
    "in 14 of the 20 cases we reviewed",
    "twenty-seven of the forty files",
    "all 12 cases",
    "0 of 0 records",
    "99 of 3 cases",
    "We found 2 areas for improvement.",
    "The force should improve how it records crime.",
    "How good is the force at preventing crime?",
    "# ",
    "## ",
    "**",
    "| ",
    " |",
    "- ",
    "• ",
    "1.",
    "\t",
    "  ",
]

token = st.one_of(st.sampled_from(VOCAB), st.text(max_size=12), st.integers(-5, 10**7).map(str))
line = st.lists(token, max_size=8).map(" ".join)
random_text = st.lists(line, max_size=60).map("\n".join)


@st.composite
def mutated_sample(draw: st.DrawFn) -> str:
    """A window of a real sample with a few edits: lines cut, doubled, swapped, joined, garbled."""
    lines = list(SAMPLE_LINES[draw(st.sampled_from(SAMPLE_NAMES))])
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    lines = lines[start : start + draw(st.integers(1, 400))]
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 20)))
        edit = draw(
            st.sampled_from(["cut", "double", "swap", "join", "insert", "garble", "case", "truncate"])
        )
        if edit == "cut":
            del lines[i:j]
        elif edit == "double":
            lines[i:i] = lines[i:j]
        elif edit == "swap" and j < len(lines):
            lines[i], lines[j] = lines[j], lines[i]
        elif edit == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + draw(st.sampled_from([" ", "", "\t"])) + lines[i + 1]]
        elif edit == "insert":
            lines.insert(i, draw(line))
        elif edit == "garble" and lines[i]:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(max_size=5)) + lines[i][at + draw(st.integers(0, 5)) :]
        elif edit == "case":
            lines[i] = draw(st.sampled_from([str.upper, str.lower, str.title]))(lines[i])
        elif edit == "truncate" and lines[i]:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
            del lines[i + 1 :]
    return "\n".join(lines)


def spans_in(value: Any) -> list[Span]:
    """Every Span anywhere inside a report (models, lists, nested sections)."""
    if isinstance(value, Span):
        return [value]
    if isinstance(value, list):
        return [span for item in value for span in spans_in(item)]
    if isinstance(value, BaseModel):
        return [span for name in type(value).model_fields for span in spans_in(getattr(value, name))]
    return []


_READERS = {InputFormat.PDF: "pdf", InputFormat.DOCX: "docx", InputFormat.HTML: "html"}


def reader_missing(data: bytes) -> bool:
    """True when the bytes go to a reader another issue is still writing (then that path is skipped)."""
    try:
        fmt = sniff_format(data)
    except ExtractionError:
        return False
    if fmt not in _READERS:
        return False
    try:
        importlib.import_module(f"extractor.readers.{_READERS[fmt]}")
    except ImportError:
        return True
    return False


def check_invariants(data: bytes, name: str = "fuzzed.txt", engine: str | None = None) -> Report | None:
    """Extract stage by stage and check every invariant; None when a typed error was raised."""
    assume(not reader_missing(data))
    try:
        document = load_document(name, data, engine=engine)
        ex = Extraction(document=document, warnings=list(document.warnings))
        for stage_name in STAGE_ORDER:  # one at a time: each keeps its contract on this input
            run_stages(ex, (stage_name,))
        report = run_document(load_document(name, data, engine=engine))
    except ExtractionError as exc:
        assert exc.code in ERROR_CODES
        assert exc.path == name and exc.message
        return None
    if report.source.format not in (InputFormat.TEXT, InputFormat.MARKDOWN):
        return report  # spans of other formats are checked by their readers' own tests
    text, _ = decode_text(data, name)
    lines = len(text.split("\n"))
    for span in spans_in(report):
        assert span.page is None  # text inputs have no pages
        assert span.line is None or 1 <= span.line <= lines, (span, lines)
    for block in document.blocks:
        assert block.span.line is not None and 1 <= block.span.line <= lines
    for finding in report.findings:
        assert 0 <= finding.x <= finding.y
    for count in report.stated_counts:
        assert count.count >= 0
    assert Report.model_validate_json(report_json(report)) == report
    again = run_document(load_document(name, data, engine=engine))
    assert report_json(again) == report_json(report)  # deterministic
    return report


@FUZZ
@given(mutated_sample())
def test_fuzz_mutated_samples_keep_every_invariant(text: str) -> None:
    check_invariants(text.encode("utf-8"))


@FUZZ
@given(random_text, st.sampled_from(["r.txt", "r.md", "r"]))
def test_fuzz_random_report_text_keeps_every_invariant(text: str, name: str) -> None:
    check_invariants(text.encode("utf-8"), name)


@FUZZ
@given(st.binary(max_size=2048))
@example(b"<!doctype html")  # lxml's untyped 'Document is empty', found in CI
def test_fuzz_random_bytes_raise_only_typed_errors(data: bytes) -> None:
    check_invariants(data)


@FUZZ
@given(mutated_sample(), st.sampled_from(["utf-16", "cp1252", "latin-1", "utf-8-sig"]))
def test_fuzz_other_encodings_raise_only_typed_errors(text: str, encoding: str) -> None:
    check_invariants(text.encode(encoding, errors="replace"))


@functools.cache
def small_pdf() -> bytes:
    """A two-page PDF of a sample's opening lines (made once; reportlab output is deterministic)."""
    return report_pdf(sample("001").read_text(encoding="utf-8"), pages=2, lines_per_page=30)


@st.composite
def mutated_pdf(draw: st.DrawFn) -> bytes:
    """A real PDF cut short, with bytes flipped, or with a stretch dropped or repeated."""
    data = bytearray(small_pdf())
    for _ in range(draw(st.integers(1, 4))):
        if not data:  # dropped stretches can eat a small PDF whole: an empty file is a case too
            break
        at = draw(st.integers(0, len(data) - 1))
        edit = draw(st.sampled_from(["truncate", "flip", "drop", "repeat"]))
        if edit == "truncate":
            del data[max(at, 8) :]
        elif edit == "flip":
            data[at] = draw(st.integers(0, 255))
        elif edit == "drop":
            del data[at : at + draw(st.integers(1, 400))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
    return bytes(data)


@pytest.mark.skipif(
    importlib.util.find_spec("extractor.readers.pdf") is None,
    reason="the PDF reader is not on this branch yet",
)
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@FUZZ
@given(data=mutated_pdf())
def test_fuzz_damaged_pdfs_raise_only_typed_errors(data: bytes, engine: str) -> None:
    check_invariants(data, "damaged.pdf", engine)


# --- the batch's own helpers --------------------------------------------------------------------

path_part = st.text(alphabet="abcABC.-_ 1éÉ", min_size=1, max_size=6).filter(lambda s: s not in (".", ".."))
paths = st.lists(
    st.lists(path_part, min_size=1, max_size=3).map(lambda parts: Path(*parts)), max_size=25, unique=True
)


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(paths, st.randoms())
def test_fuzz_output_names_unique_plain_and_order_free(inputs: list[Path], rnd: Any) -> None:
    names = output_names(inputs)
    assert len({n.casefold() for n in names}) == len(names)
    assert all(n.endswith(".json") and "/" not in n and not n.startswith(".") for n in names)
    shuffled = list(inputs)
    rnd.shuffle(shuffled)
    assert dict(zip(shuffled, output_names(shuffled), strict=True)) == dict(zip(inputs, names, strict=True))


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(st.lists(st.lists(st.text(), min_size=3, max_size=3), max_size=8))
def test_fuzz_csv_reads_back_exactly(rows: list[list[str]]) -> None:
    # csv cannot keep a lone CR apart from CRLF inside a cell; reports never hold one after decoding.
    rows = [[cell.replace("\r", "") for cell in row] for row in rows]
    text = csv_text(("a", "b", "c"), rows)
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    # Every cell comes back as it was, but one a spreadsheet would run as a formula comes back
    # behind the apostrophe that makes it text.
    defused = [
        [f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t") and cell else cell for cell in row]
        for row in rows
    ]
    assert parsed == [["a", "b", "c"], *defused]
