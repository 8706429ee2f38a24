"""Text that is not clean UTF-8: stray bytes are repaired alone, a wholly other encoding is detected.

A UTF-8 report with one byte pasted from a Windows program keeps every en dash, its cycle and
its title; only the stray byte is read as Windows-1252, and the warning names its line. A file
with no UTF-8 in it at all is read in the encoding charset-normalizer finds.
"""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.readers import decode_text
from extractor.readers.common import detect_encoding
from schemas import Report
from tests.conftest import sample, sample_report


def _same_reading(got: Report, want: Report) -> None:
    """Everything the pipeline read is as in the clean UTF-8 file."""
    assert got.document == want.document
    assert got.judgments == want.judgments
    assert got.areas_for_improvement == want.areas_for_improvement
    assert got.findings == want.findings


def test_issue_15_one_stray_byte_in_a_utf8_report_is_repaired_alone() -> None:
    clean = sample("000").read_bytes()
    lines = clean.split(b"\n")
    # A Windows-1252 apostrophe pasted into a line of body text (line 93, which has en dashes too).
    target = next(i for i, line in enumerate(lines) if line.startswith(b"It has recently set up"))
    lines[target] = lines[target].replace(b"two-way", b"two\x92way", 1)
    report = extract("kent.txt", b"\n".join(lines))
    want = sample_report("000")
    assert report.document.inspection is not None and report.document.inspection.cycle == "2023–25"
    assert report.document.title == want.document.title
    assert report.judgments == want.judgments and report.findings == want.findings
    [warning] = [w for w in report.warnings if w.code == "not-utf8"]
    assert warning.span is not None and warning.span.line == target + 1
    assert f"1 byte not valid UTF-8 on line {target + 1};" in warning.message
    text, _ = decode_text(b"\n".join(lines), "kent.txt")
    assert "two\u2019way" in text and text.count("–") == clean.decode("utf-8").count("–")


@pytest.mark.parametrize(("encoding", "name"), [("cp1252", "Windows-1252"), ("mac_roman", "Mac Roman")])
@pytest.mark.parametrize("prefix", ["000", "004"])
def test_issue_15_a_report_wholly_in_another_encoding_is_detected(
    prefix: str, encoding: str, name: str
) -> None:
    data = sample(prefix).read_text(encoding="utf-8").encode(encoding)
    report = extract(f"{prefix}.txt", data)
    _same_reading(report, sample_report(prefix))
    [warning] = [w for w in report.warnings if w.code == "not-utf8"]
    assert f"read as {name}, the encoding detected" in warning.message


def test_issue_15_warning_names_each_line_and_counts_the_rest() -> None:
    body = ["Investigating crime – the force’s work"] + [f"Line {n} is plain." for n in range(2, 30)]
    data = "\n".join(body).encode("utf-8").split(b"\n")
    for n in (3, 7, *range(10, 20)):  # twelve lines with a stray byte
        data[n - 1] += b" caf\xe9"
    text, [warning] = decode_text(b"\n".join(data), "x.txt")
    assert warning.span is not None and warning.span.line == 3
    assert (
        "12 bytes not valid UTF-8 on lines 3, 7, 10, 11, 12, 13, 14, 15, 16, 17 and 2 more;"
        in warning.message
    )
    assert text.splitlines()[2] == "Line 3 is plain. café" and text.startswith("Investigating crime – the")


@pytest.mark.parametrize(
    ("data", "text", "line"),
    [
        # A run of stray bytes is read together; the BOM is dropped; CRLF counts one line.
        (b"\xef\xbb\xbfA \xe2\x80\x93 B\r\nthe \x93plan\x94\r\n", "A – B\nthe “plan”\n", 2),
        # A byte Windows-1252 leaves undefined shows as U+FFFD, not as a guess.
        ("Victims – seen\n".encode() + b"x\x81y\n", "Victims – seen\nx\ufffdy\n", 2),
    ],
)
def test_issue_15_stray_bytes_edge_cases(data: bytes, text: str, line: int) -> None:
    got, [warning] = decode_text(data, "x.txt")
    assert got == text and warning.span is not None and warning.span.line == line


def test_issue_15_ascii_with_one_legacy_byte_reads_as_windows_1252() -> None:
    # Nothing but one 0x92: charset-normalizer scores Mac Roman's "í" as well as Windows-1252's
    # apostrophe; the likelier encoding wins a tie.
    text, [warning] = decode_text(b"Investigating crime\nThe force\x92s plan.\n", "x.txt")
    assert text == "Investigating crime\nThe force\u2019s plan.\n"
    assert "on line 2" in warning.message and "Windows-1252, the encoding detected" in warning.message


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café était très bon: £20 for a Ça va.\n" * 5, "latin-1"),
        ("The force’s approach – in 2023–25 – was good. “Quoted”.\n" * 5, "mac_roman"),
        ("Investigating crime – the force’s plan\n", "mac_roman"),
        ("The force’s approach – in 2023–25 – was good. “Quoted”.\n", "cp1252"),
    ],
)
def test_issue_15_detect_encoding_reads_the_text_back(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    detected = detect_encoding(data)
    assert detected is not None and data.decode(detected) == text


def test_issue_15_clean_utf8_and_utf16_carry_no_warning() -> None:
    assert decode_text("A – B\n".encode(), "x.txt") == ("A – B\n", [])
    assert decode_text("A – B\n".encode("utf-16"), "x.txt") == ("A – B\n", [])
