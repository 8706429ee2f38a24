"""Stated counts: the finder on real and variant phrasings, earlier-cycle exclusions, and the stage."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import extract_text, gold, sample_report

from extractor.finders.counts import find_counts, is_earlier_cycle
from schemas import CountOf

AFI = CountOf.AREAS_FOR_IMPROVEMENT


def idfn(value: object) -> str:
    return str(value)[:60] if isinstance(value, str) else ""


# (text, [(what, count, matched words)])
COUNT_EXAMPLES = [
    ("Responding to the Public – Requires Improvement (4 AFIs)", [(AFI, 4, "4 AFIs")]),
    ("Preventing, Deterring Crime and ASB and Reducing Vulnerability – Good (1 AFI)", [(AFI, 1, "1 AFI")]),
    ("Leadership and Force Management – Good (No AFIs)", [(AFI, 0, "No AFIs")]),
    ("43. No AFIs were identified.", [(AFI, 0, "No AFIs")]),
    (
        "The report identifies one area for improvement (AFI) which centres around the data.",
        [(AFI, 1, "one area for improvement (AFI)")],
    ),
    ("25. Six AFIs are set out within the report focused on resourcing.", [(AFI, 6, "Six AFIs")]),
    ("against the 19 AFIs identified within the report", [(AFI, 19, "19 AFIs")]),
    (
        "HMICFRS made nine recommendations and one area for improvement.",
        [(CountOf.RECOMMENDATIONS, 9, "nine recommendations"), (AFI, 1, "one area for improvement")],
    ),
    # Other forces' wording.
    (
        "We identified two causes of concern for Lancashire Constabulary.",
        [(CountOf.CAUSES_OF_CONCERN, 2, "two causes of concern")],
    ),
    ("Merseyside Police received twelve areas for improvement.", [(AFI, 12, "twelve areas for improvement")]),
    ("The force was given 3 new AFIs.", [(AFI, 3, "3 new AFIs")]),
    ("The report sets a total of 19 AFIs.", [(AFI, 19, "19 AFIs")]),
    ("Surrey Police had no areas for improvement in this area.", [(AFI, 0, "no areas for improvement")]),
]


@pytest.mark.parametrize(("text", "expected"), COUNT_EXAMPLES, ids=idfn)
def test_counts_examples(text: str, expected: list[tuple[CountOf, int, str]]) -> None:
    assert [(m.of, m.count, m.text) for m in find_counts(text)] == expected


COUNT_NEAR_MISSES = [
    "Local profiles have been produced in line with the AFI.",
    "The report refers to March 2023 data, resulting in an AFI.",
    "HMICFRS have agreed to close 14 of the 19 AFIs issued from PEEL 2021/22.",
    "Four of the five remaining AFIs have been superseded.",
    "This addressed three of the four previous AFIs given to the force.",
    "we more clearly link our judgments to causes of concern and areas for improvement.",
    "This is an enduring issue and an area for improvement found in our last inspection.",
    "Areas for improvement\t15",
    "The panel found no cause for concern in the files.",
]


@pytest.mark.parametrize("text", COUNT_NEAR_MISSES, ids=idfn)
def test_counts_near_misses(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize(
    ("sentence", "cycle", "earlier"),
    [
        ("HMICFRS have agreed to close 14 of the 19 AFIs issued from PEEL 2021/22.", "2023–25", True),
        ("Four AFIs were identified in PEEL 2021/22.", "2021/22", False),
        ("The force was given two AFIs in PEEL 2018/19.", "2025–27", True),
        ("Five of the six areas for improvement given in the last round have been closed.", None, True),
        ("Six AFIs are set out within the report.", "2021/22", False),
    ],
    ids=idfn,
)
def test_counts_earlier_cycle(sentence: str, cycle: str | None, earlier: bool) -> None:
    assert is_earlier_cycle(sentence, cycle) is earlier


RESPONSE = """# The force's response to PEEL 2021/22: Cumbria Constabulary

## Responding to the public

(Requires improvement)

Three AFIs were identified which focused on call handling, repeat callers and attendance.

## Investigating crime

(Good)

Two AFIs are set out within the report focused on supervision and victim updates.

## Governance

To oversee the five AFIs identified within the report, a board will meet monthly.
"""


def test_counts_document_total_is_the_sum_of_area_counts() -> None:
    report = extract_text(RESPONSE, "cumbria.md")
    got = [(c.of, c.area_id, c.count, c.span.line) for c in report.stated_counts]
    assert got == [
        (AFI, "responding_to_public", 3, 7),
        (AFI, "investigating_crime", 2, 13),
        (AFI, None, 5, 17),
    ]
    assert not [w for w in report.warnings if w.code == "afi-count-mismatch"]


def test_counts_total_inside_last_area_is_still_the_document_total() -> None:
    text = RESPONSE.replace("## Governance\n\n", "")
    report = extract_text(text, "cumbria.md")
    assert [(c.area_id, c.count) for c in report.stated_counts] == [
        ("responding_to_public", 3),
        ("investigating_crime", 2),
        (None, 5),
    ]


def test_counts_mismatch_with_listed_afis_warns() -> None:
    text = RESPONSE.replace("Three AFIs", "Four AFIs")
    report = extract_text(text, "cumbria.md")
    mismatches = [w for w in report.warnings if w.code == "afi-count-mismatch"]
    assert [(w.span.line if w.span else None) for w in mismatches] == [7, 17]
    assert "'responding_to_public' states 4 AFIs ('Four AFIs') but 3 are set out" in mismatches[0].message
    assert "add up to 6" in mismatches[1].message


def test_counts_restatement_is_one_entry() -> None:
    text = (
        "# PEEL 2023–25 scrutiny report: Essex Police\n\n"
        "## Overall summary\n\nEssex Police was inspected.\n\n"
        "## Disrupting Serious and Organised Crime – Good (1 AFI)\n\n"
        "One AFI was identified relating to the currency of local profiles.\n"
    )
    report = extract_text(text, "essex.md")
    assert [(c.area_id, c.count, c.span.line) for c in report.stated_counts] == [
        ("serious_organised_crime", 1, 7)
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_counts_samples_match_gold(prefix: str) -> None:
    expected = Counter((e["count"], e["line"]) for e in gold(prefix)["afi_counts"])
    got = Counter((c.count, c.span.line) for c in sample_report(prefix).stated_counts if c.of is AFI)
    assert got == expected


def test_counts_002_area_named_in_sentence_merges_restatement() -> None:
    counts = [c for c in sample_report("002").stated_counts if c.of is AFI]
    treating = [c for c in counts if c.area_id == "police_powers_public_treatment"]
    assert [(c.count, c.span.line) for c in treating] == [(0, 30)]  # line 166 restates it
    assert [(c.area_id, c.count) for c in counts if c.span.line == 150] == [(None, 1)]


def test_counts_003_total_has_no_area() -> None:
    counts = sample_report("003").stated_counts
    assert [(c.area_id, c.count) for c in counts if c.span.line == 105] == [(None, 19)]
    assert sum(c.count for c in counts if c.area_id is not None) == 19


def test_counts_one_afi_warning_is_singular() -> None:
    text = RESPONSE.replace("the five AFIs", "the one AFI")
    report = extract_text(text, "cumbria.md")
    messages = [w.message for w in report.warnings if w.code == "afi-count-mismatch"]
    assert messages == [
        "the document states 1 AFI in all ('one AFI') but its per-area counts add up to 5; "
        "it may total another report"
    ]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_counts_samples_warnings_are_exactly_the_explained_ones(prefix: str) -> None:
    # 002 line 150 summarises a national report ("HMICFRS made nine recommendations and one
    # area for improvement"), not Kent's PEEL report, so its total cannot match the per-area
    # counts: the warning is the honest answer. No other sample gives any warning.
    expected = {"002": [("afi-count-mismatch", 150)]}.get(prefix, [])
    report = sample_report(prefix)
    assert [(w.code, w.span.line if w.span else None) for w in report.warnings] == expected
    if prefix == "002":
        assert "states 1 AFI in all ('one area for improvement')" in report.warnings[0].message
