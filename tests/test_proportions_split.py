"""'X of Y' split forms that reports use, and look-alikes that are no part of a whole (issue 13, family 9).

Sentences are written for these tests in other forces' words; each positive names the x and y
that must come out, each negative must give no finding at all.
"""

from __future__ import annotations

import pytest

from extractor.finders.counts import find_counts
from extractor.finders.proportions import find_proportions
from tests.conftest import extract_text

SPLIT_FORMS = [
    # "Out of Y <noun> ..., ... X": the part ends the clause
    ("Out of 120 files reviewed, the constabulary had recorded the crime correctly in 85.", 85, 120),
    ("Out of the 64 stop and search records we examined, 51 showed reasonable grounds.", 51, 64),
    ("Of 75 investigations we audited, we found that 60 were supervised.", 60, 75),
    ("Of the 90 calls we listened to, call handlers assessed the risk properly in 71 calls.", 71, 90),
    # "Of these Y, X ...": the total bare after the determiner
    ("We examined 60 case files. Of these 40, 12 had no risk assessment.", 12, 40),
    ("Of those 25, nine were still open.", 9, 25),
    # "Y <noun> ..., X of which / whom ..."
    ("Six complaints were referred to the IOPC, five of which were upheld.", 5, 6),
    ("The force received 2,400 incidents last year, 900 of which involved domestic abuse.", 900, 2400),
    ("We spoke to 30 officers, eight of whom had not been trained.", 8, 30),
    # "X <noun> out of Y"
    ("We found one missed referral out of 30.", 1, 30),
    ("Inspectors graded 12 forces out of the 43 as good.", 12, 43),
    ("The control room made three errors out of 50 in our sample.", 3, 50),
    ("In nine out of 10 cases the victim was kept informed.", 9, 10),
]


@pytest.mark.parametrize(("sentence", "x", "y"), SPLIT_FORMS, ids=[s[:48] for s, _, _ in SPLIT_FORMS])
def test_proportions_split_forms(sentence: str, x: int, y: int) -> None:
    assert [(p.x, p.y) for p in find_proportions(sentence)] == [(x, y)]


NOT_PROPORTIONS = [
    "Merseyside Police is one of the best performing forces in England.",
    "Each of the three pillars was graded good.",
    "All three inspections found improvements.",
    "One in five victims was not updated.",
    "45% of the 30 cases were closed.",
    "The rate was 3 per 1,000 people.",
    "The constabulary was rated good in 9 out of ",
    "While Cumbria was the only one of the 43 forces to be graded outstanding, 35 were graded good.",
    "Of the 100 cases we reviewed, the force took an average of 12 days to respond.",
    "Of the 2019 cohort, 12 officers left the force.",
    "At a cost of 12 million pounds, 3 new stations opened.",
    "Gwent was one of the best forces out of 43.",
    "Out of 200 calls in 2023, the force answered most quickly.",
]


@pytest.mark.parametrize("sentence", NOT_PROPORTIONS, ids=[s[:48] for s in NOT_PROPORTIONS])
def test_proportions_not_a_part_and_its_whole(sentence: str) -> None:
    assert find_proportions(sentence) == []


def test_proportions_split_form_in_a_report_keeps_its_sentence() -> None:
    text = (
        "PEEL 2023–25: An inspection of Suffolk Constabulary\n\nInvestigating crime\n\n"
        "Out of 120 files reviewed, the constabulary had recorded the crime correctly in 85. "
        "It needs to do better.\n"
    )
    (finding,) = extract_text(text).findings
    assert (finding.x, finding.y, finding.unit) == (85, 120, "files")
    assert (
        finding.sentence
        == "Out of 120 files reviewed, the constabulary had recorded the crime correctly in 85."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Area for improvement .... 21 Area for improvement .... 22",
        "Cause of concern ........ 14",
        "Recommendations …… 15",
        "Contents Area for improvement 16 Area for improvement 17",
    ],
)
def test_proportions_contents_lines_state_no_count(line: str) -> None:
    # A contents entry's page number before the next entry is no count of AFIs (nor a finding).
    assert find_counts(line) == []
    assert find_proportions(line) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [("(1 AFI)", 1), ("one area for improvement", 1), ("four areas for improvement", 4), ("No AFIs", 0)],
)
def test_proportions_real_counts_still_count(text: str, count: int) -> None:
    assert [c.count for c in find_counts(text)] == [count]
