"""Character offsets: every result's words stand at its ``start:end`` of the canonical text.

A property of every input we have, not of chosen cases: the samples, the generated PDF, HTML
and DOCX inputs and the shared corpus (read from ``../shared/corpus``, skipped where absent).
For every evidence entry, item, stated count, finding and warning, ``canonical[start:end]`` with
white space collapsed is its ``text`` with white space collapsed, the line the offsets fall on is
the span's own line, and for text inputs the words start on that line of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor import load_document
from extractor.api import run_document
from extractor.canonical import PAGE_BREAK, build, canonical_text, collapse
from extractor.errors import ExtractionError
from extractor.model import Block, BlockKind, Document
from schemas import ITEM_FIELDS, InputFormat, Report, Span
from tests.conftest import ROOT, SAMPLE_NAMES, SAMPLES
from tests.test_golden import GENERATED

CORPUS = ROOT.parent / "shared" / "corpus" / "cases"


def _results(report: Report) -> Iterator[tuple[str, str, Span]]:
    """(what, words, span) of every result that carries its words."""
    for judgment in [*report.judgments, *report.earlier_judgments]:
        for evidence in judgment.evidence:
            yield f"evidence of {judgment.area.id}", evidence.text, evidence
    for name in ITEM_FIELDS:
        for item in getattr(report, name):
            yield name, item.text, item.span
    for count in report.stated_counts:
        if count.text:
            yield "stated count", count.text, count.span
    for finding in report.findings:
        yield "finding", finding.text, finding.span
    for warning in report.warnings:
        if warning.span is not None and warning.text:
            yield f"warning {warning.code}", warning.text, warning.span
    info = report.document
    for named in (info.force, info.inspection):
        for quote in named.evidence if named is not None else []:
            yield "document info", quote.text, quote
    if info.published_evidence is not None:
        yield "published", info.published_evidence.text, info.published_evidence


def _problems(name: str, data: bytes) -> tuple[int, list[str]]:
    """How many results the input has, and every one not found at its offsets (or its line)."""
    try:
        document = load_document(name, data)
        report = run_document(document)
    except ExtractionError:
        return 0, []
    canon = build(load_document(name, data))
    lines = data.decode("utf-8", "replace").splitlines() if document.format is not InputFormat.PDF else []
    problems: list[str] = []
    checked = 0
    for what, words, span in _results(report):
        checked += 1
        if span.start is None or span.end is None:
            problems.append(f"{what}: {words[:60]!r} has no offsets")
            continue
        found = canon.text[span.start : span.end]
        if collapse(found) != collapse(words):
            problems.append(f"{what}: {words[:60]!r} but the offsets hold {found[:60]!r}")
            continue
        line = canon.span_at(span.start)
        assert line is not None
        if (line.page, line.line) != (span.page, span.line):
            problems.append(f"{what}: {words[:40]!r} is on line {line.line}, its span says {span.line}")
        if document.format in (InputFormat.TEXT, InputFormat.MARKDOWN) and span.line is not None:
            first = words.split()[0].strip("*_#•-–.,;:()'\"‘’“”")[:12]
            if first and first not in lines[span.line - 1]:
                problems.append(f"{what}: {first!r} is not on line {span.line} of the file")
    return checked, problems


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_offsets_sample_results_stand_at_their_offsets(name: str) -> None:
    checked, problems = _problems(f"samples/{name}", (SAMPLES / name).read_bytes())
    assert checked > 5
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(GENERATED))
def test_offsets_generated_input_results_stand_at_their_offsets(case: str, tmp_path: Path) -> None:
    name, data = GENERATED[case](tmp_path)
    checked, problems = _problems(name, data)
    assert checked > 0
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="no ../shared/corpus beside the checkout")
def test_offsets_corpus_results_stand_at_their_offsets() -> None:
    problems: list[str] = []
    checked = 0
    for path in sorted(CORPUS.iterdir()):
        count, found = _problems(path.name, path.read_bytes())
        checked += count
        problems.extend(f"{path.name}: {p}" for p in found)
    assert checked > 300
    assert not problems, "\n".join(problems[:40])


def test_offsets_canonical_text_lays_out_blocks_pages_and_cells() -> None:
    blocks = [
        Block(BlockKind.HEADING, "Investigating crime", Span(page=1, line=1)),
        Block(BlockKind.TABLE_ROW, "Area | Grade", Span(page=1, line=2), cells=["Area", "", "Grade"]),
        Block(BlockKind.PARAGRAPH, "The constabulary is adequate.", Span(page=2, line=1)),
    ]
    document = Document("x.pdf", "0" * 64, InputFormat.PDF, blocks, pages=2)
    text = canonical_text(document)
    assert (
        text == "Investigating crime\n\nArea\t\tGrade\n\n" + PAGE_BREAK + "The constabulary is adequate.\n\n"
    )
    # Each block's span now says where its line stands.
    third = document.blocks[2].span
    assert text[third.start : third.end] == "The constabulary is adequate."


def test_offsets_words_are_found_from_the_place_the_stage_gave() -> None:
    # The same words twice: the one at or after the hint is taken, not the first in the text.
    blocks = [
        Block(BlockKind.PARAGRAPH, "It is good at preventing crime.", Span(line=1)),
        Block(BlockKind.PARAGRAPH, "Again: it is good at\npreventing crime.", Span(line=3)),
    ]
    canon = build(Document("x.txt", "0" * 64, InputFormat.TEXT, blocks))
    grounded = canon.ground(blocks[1].span, "it is good at preventing crime")
    assert grounded.start is not None and grounded.start > canon.starts[1]
    assert collapse(canon.text[grounded.start : grounded.end]) == "it is good at preventing crime"
    # Words the text does not hold keep the line's own offsets, never invented ones.
    kept = canon.ground(blocks[0].span, "requires improvement")
    assert (kept.start, kept.end) == (0, len("It is good at preventing crime."))


def test_offsets_text_command_prints_the_text_offsets_point_into(capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.cli import main

    name = SAMPLE_NAMES[-1]
    assert main(["text", f"samples/{name}"]) == 0
    printed = capsys.readouterr().out
    report = run_document(load_document(f"samples/{name}", (SAMPLES / name).read_bytes()))
    finding = report.findings[0]
    assert finding.span.start is not None and finding.span.end is not None
    assert printed[finding.span.start : finding.span.end] == finding.text
    assert main(["text", "no/such/file.txt"]) == 1
    assert "file-not-found" in capsys.readouterr().err


@pytest.mark.slow
def test_offsets_text_command_breaks_pdf_pages_with_form_feeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from extractor.cli import main

    _, data = GENERATED["pdf-003"](tmp_path)
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    assert main(["text", str(path)]) == 0
    printed = capsys.readouterr().out
    document = load_document(path)
    assert printed.count(PAGE_BREAK) == len({b.span.page for b in document.blocks}) - 1


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_offsets_items_and_sections_say_where_they_end(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    report = run_document(load_document(f"samples/{name}", data))
    lines = data.decode("utf-8").splitlines()
    items = [item for field in ITEM_FIELDS for item in getattr(report, field)]
    for item in items:
        assert item.span.end is not None and item.end_line is not None and item.span.line is not None
        assert item.end_line >= item.span.line
        last_word = item.text.split()[-1][-8:]
        assert last_word in lines[item.end_line - 1], (item.text[-40:], item.end_line)
    sections = [s for root in report.sections for s in _walk(root)]
    assert sections and all(s.end_line is not None and s.end_line >= (s.span.line or 0) for s in sections)


def _walk(section):  # type: ignore[no-untyped-def]
    yield section
    for child in section.children:
        yield from _walk(child)
