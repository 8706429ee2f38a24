"""'X of Y' findings: the finder on real and variant phrasings, near-misses, and the stage on samples."""

from __future__ import annotations

import pytest
from conftest import extract_text, gold, sample_report

from extractor.finders.proportions import find_proportions, unit_after


def idfn(value: object) -> str:
    return str(value)[:60] if isinstance(value, str) else ""


# (sentence, x, y, unit): plain forms as inspection reports write them, Kent's and other forces'.
PROPORTION_EXAMPLES = [
    ("in 28 of the 39 cases we examined, victims were updated", 28, 39, "cases"),
    ("In our review, 22 of 24 had reasonable grounds recorded.", 22, 24, None),
    (
        "the force had recorded three of five antisocial behaviour personal crimes correctly",
        3,
        5,
        "antisocial behaviour personal crimes",
    ),
    ("we found that ten of the ten plans were of good quality", 10, 10, "plans"),
    ("We found that in just five out of ten of these records, the force used legislation", 5, 10, "records"),
    ("Cancelled crimes of rape: 16 out of 18 crimes were cancelled correctly.", 16, 18, "crimes"),
    ("Victims were updated in only 10 of the relevant 32 cases.", 10, 32, "cases"),
    ("Of those who responded, 75 percent (432 of 576 respondents) agreed.", 432, 576, "respondents"),
    ("this was higher at 91.6% (22 from 24).", 22, 24, None),
    (
        "In our workforce survey, 63.4 percent of respondents (1,034 of 1,632) said so.",
        1034,
        1632,
        "respondents",
    ),
    ("We make graded judgments in eight of these nine as follows:", 8, 9, None),
    ("Four of the five remaining AFIs have been superseded.", 4, 5, "AFIs"),
    ("improvements across 25 of the 29 comparable areas", 25, 29, "areas"),
    # Other forces' wording: number words, other units, "out of".
    ("Northumbria Police completed twenty-seven of the forty files on time.", 27, 40, "files"),
    (
        "Officers in Gwent had recorded a risk assessment in nineteen out of twenty-one incidents.",
        19,
        21,
        "incidents",
    ),
    (
        "In 112 of the 120 domestic abuse investigations we reviewed, West Mercia Police took action.",
        112,
        120,
        "domestic abuse investigations",
    ),
    ("Only 3 of 11 custody records showed a review.", 3, 11, "custody records"),
    ("Lincolnshire Police met the standard in 87.5 percent of cases (21 from 24 cases).", 21, 24, "cases"),
    ("Eleven out of twelve custody officers knew the policy.", 11, 12, "custody officers"),
    ("Dyfed-Powys Police found that two of the three divisions met the target.", 2, 3, "divisions"),
    ("The plan was in place in one of the three divisions.", 1, 3, "divisions"),
]


@pytest.mark.parametrize(("sentence", "x", "y", "unit"), PROPORTION_EXAMPLES, ids=idfn)
def test_findings_plain_forms(sentence: str, x: int, y: int, unit: str | None) -> None:
    found = find_proportions(sentence)
    assert [(p.x, p.y, p.unit) for p in found] == [(x, y, unit)]
    assert found[0].text in sentence and not found[0].split


# (sentence, x, y, unit, text): split forms, where the two numbers stand apart.
SPLIT_EXAMPLES = [
    (
        "Of the 100 crime investigations we reviewed during our victim service assessment, "
        "84 were judged to be effective.",
        84,
        100,
        "crime investigations",
        "Of the 100 crime investigations we reviewed during our victim service assessment, 84",
    ),
    (
        "we found that they used this approach in all 48 cases we reviewed. In 46 of these cases, "
        "the risk assessment was accurate.",
        46,
        48,
        "cases",
        "all 48 cases we reviewed. In 46 of these cases",
    ),
    (
        "- Vulnerable adult and child protection cases: 29 crimes should have been recorded, "
        "and 25 were recorded correctly.",
        25,
        29,
        "crimes",
        "29 crimes should have been recorded, and 25",
    ),
    (
        "- Domestic abuse incidents: 35 crimes should have been recorded, and all 35 crimes were "
        "recorded correctly.",
        35,
        35,
        "crimes",
        "35 crimes should have been recorded, and all 35 crimes",
    ),
    (
        "Our review of 20 stop and search encounters filmed on body-worn video found that in 16 of "
        "these encounters, officers didn't ask.",
        16,
        20,
        "encounters",
        "20 stop and search encounters filmed on body-worn video found that in 16 of these encounters",
    ),
    (
        "The PEEL inspection assessed the force across eleven areas of policing and provided a grading "
        "for ten of these.",
        10,
        11,
        "areas",
        "eleven areas of policing and provided a grading for ten of these",
    ),
    (
        "The report makes ten recommendations and sets three actions, six of the recommendations are "
        "for chief constables.",
        6,
        10,
        "recommendations",
        "ten recommendations and sets three actions, six of the recommendations",
    ),
    # Other forces' wording.
    (
        "We reviewed 80 case files from Suffolk Constabulary. In 60 of them, the plan was sound.",
        60,
        80,
        "case files",
        "80 case files from Suffolk Constabulary. In 60 of them",
    ),
    (
        "Of the sixty rape investigations we examined in Avon and Somerset, forty-two were well supervised.",
        42,
        60,
        "rape investigations",
        "Of the sixty rape investigations we examined in Avon and Somerset, forty-two",
    ),
    (
        "In Cleveland, 14 incidents should have been recorded as crimes, and 9 were recorded.",
        9,
        14,
        "incidents",
        "14 incidents should have been recorded as crimes, and 9",
    ),
]


@pytest.mark.parametrize(("sentence", "x", "y", "unit", "text"), SPLIT_EXAMPLES, ids=idfn)
def test_findings_split_forms(sentence: str, x: int, y: int, unit: str, text: str) -> None:
    found = find_proportions(sentence)
    assert [(p.x, p.y, p.unit, p.text, p.split) for p in found] == [(x, y, unit, text, True)]


# Not proportions (the gold README's list, and each sample's notes).
NEAR_MISSES = [
    "Kent Police is one of the best-performing forces.",
    "This is one of our main concerns.",
    "Some of the cases were delayed, and all of the plans were late; none of the files and both of them.",
    "This was appropriate in all 70 cases reviewed.",
    "Around one in five victims withdrew support.",
    "On 1 January 2023 the force began phase 2 of its plan.",
    "training on section 60 of the Criminal Justice and Public Order Act 1994",
    "Page 3 of 4",
    "It answered 93.6 percent of the 999 calls it received within 10 seconds.",
    "Latest data shows 457 (93.5%) reviews and 403 (82.4%) of the reviews were compliant.",
    "From a list of 116 selected cases, we reviewed at least 20 of the 116 selected cases.",
    "Victims being assessed and updated are two of the rights in the Victims' Code.",
    "The panel only met 3 times instead of the planned 4.",
    "HMICFRS made nine recommendations and one area for improvement. Five of these were for constables.",
    "one of recommendation has been assigned to forces",
    "a 92.2% reduction in the use of outcome 21 (575 down to 45)",
    "calls rose from 2020 to 2023, up 15 from 40 last year",
    "Dorset Police is one of the 43 police forces in England and Wales.",
]


@pytest.mark.parametrize("sentence", NEAR_MISSES, ids=idfn)
def test_findings_near_misses(sentence: str) -> None:
    assert find_proportions(sentence) == []


def test_findings_x_above_y_is_found_by_the_finder() -> None:
    assert [(p.x, p.y) for p in find_proportions("in 12 of 10 cases")] == [(12, 10)]


HEAD = "# PEEL 2023–25: Gwent Police\n\n## Overall summary\n\nGwent Police was inspected.\n\n"


def test_findings_x_above_y_is_warned_not_emitted() -> None:
    text = HEAD + "## Investigating crime\n\nThe force was right in 12 of 10 cases we reviewed.\n"
    report = extract_text(text, "v.md")
    assert report.findings == []
    assert [w.code for w in report.warnings if w.code == "proportion-x-above-y"] == ["proportion-x-above-y"]


def test_findings_unit_after() -> None:
    assert unit_after("20 stop and search encounters filmed", 2) == "stop and search encounters"
    assert unit_after("5 cases and 3 victims", 1) == "cases"
    assert unit_after("12 months or longer", 2) == "months"
    assert unit_after("(1,034 of 1,632) said", 16) is None


def test_findings_contents_line_is_no_finding() -> None:
    text = (
        "# PEEL 2023–25: Gwent Police\n\n## Contents\n\nPart 2 of 3\n\nInvestigating crime\n\n"
        "## Investigating crime\n\nIn 4 of 5 cases it was right.\n\nPage 3 of 4\n"
    )
    report = extract_text(text, "v.md")
    assert [(f.x, f.y) for f in report.findings] == [(4, 5)]


VARIANT_REPORT = """# PEEL 2021/22: An inspection of Gwent Police

## Investigating crime

### Main findings

In our review, twenty-eight of the forty files we examined showed an investigation plan. Supervision was weak.

## Responding to the public

Of the 50 calls we listened to, 47 were answered politely.
"""


def test_findings_variant_area_sentence_and_line() -> None:
    report = extract_text(VARIANT_REPORT, "gwent.md")
    got = [(f.x, f.y, f.unit, f.area_id, f.span.line, f.sentence) for f in report.findings]
    assert got == [
        (
            28,
            40,
            "files",
            "investigating_crime",
            7,
            "In our review, twenty-eight of the forty files we examined showed an investigation plan.",
        ),
        (
            47,
            50,
            "calls",
            "responding_to_public",
            11,
            "Of the 50 calls we listened to, 47 were answered politely.",
        ),
    ]


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_findings_samples_match_gold_pairs_and_lines(prefix: str) -> None:
    expected = sorted((e["x"], e["y"], e["line"]) for e in gold(prefix)["x_of_y"])
    got = sorted((f.x, f.y, f.span.line) for f in sample_report(prefix).findings)
    assert got == expected


def test_findings_000_sentence_and_area() -> None:
    by_text = {f.text: f for f in sample_report("000").findings}
    split = by_text["all 48 cases we reviewed. In 46 of these cases"]
    assert split.sentence == (
        "In our victim service assessment, we found that they used this approach in all 48 cases we "
        "reviewed. In 46 of these cases, the risk assessment was an accurate reflection of the "
        "circumstances of the call."
    )
    assert split.area_id == "responding_to_public"
    plain = by_text["432 of 576 respondents"]
    assert plain.sentence.startswith("Of those who had line manager responsibilities, 75 percent (432 of 576")
    assert plain.area_id == "leadership_force_management"
    assert by_text["eight of these nine"].area_id is None  # the opening summary is no area


def test_findings_004_sentence_and_area() -> None:
    findings = sample_report("004").findings
    by_line = {}
    for f in findings:
        by_line.setdefault(f.span.line, []).append(f)
    assert [f.text for f in by_line[569]] == ["26 of the 26 cases", "21 of 21 cases", "22 of 23 cases"]
    assert {f.area_id for f in by_line[569]} == {"responding_to_public"}
    rape = by_line[750][0]
    assert (rape.x, rape.y, rape.unit, rape.area_id) == (16, 18, "crimes", "protecting_vulnerable_people")
    assert rape.sentence == "Cancelled crimes of rape: 16 out of 18 crimes were cancelled correctly."
    survey = by_line[229]
    assert [(f.x, f.y) for f in survey] == [(1034, 1632), (1193, 1632)]
    assert survey[1].sentence.startswith(
        "In our workforce survey, 63.4 percent of respondents (1,034 of 1,632)"
    )
    assert {f.area_id for f in by_line[786]} == {"managing_fraud"}


def test_findings_span_is_the_line_within_a_multi_line_block() -> None:
    """A PDF paragraph joins several lines; a finding's span is the line its words start on."""
    from extractor.api import run_document
    from extractor.model import Block, BlockKind, Document
    from schemas import InputFormat, Span

    line1 = "In our review of crime files for Norfolk Constabulary, we found that "
    line2 = "in 31 of the 40 cases the victim was updated. Of the 12 withdrawals, "
    line3 = "9 were recorded properly."
    text = line1 + line2 + line3
    paragraph = Block(
        BlockKind.PARAGRAPH,
        text,
        Span(page=4, line=10),
        offsets=[
            (0, Span(page=4, line=10)),
            (len(line1), Span(page=4, line=11)),
            (len(line1 + line2), Span(page=4, line=12)),
        ],
    )
    heading = Block(BlockKind.HEADING, "Investigating crime", Span(page=4, line=8), level=1)
    document = Document("norfolk.pdf", "0" * 64, InputFormat.PDF, [heading, paragraph], pages=9)
    report = run_document(document)
    got = [(f.x, f.y, f.span.page, f.span.line, f.area_id) for f in report.findings]
    assert got == [(31, 40, 4, 11, "investigating_crime"), (9, 12, 4, 11, "investigating_crime")]
    assert report.findings[1].sentence == "Of the 12 withdrawals, 9 were recorded properly."
