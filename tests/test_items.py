"""Items: parts read by position, running-text AFIs and practice, recommendations with deadlines."""

from __future__ import annotations

import pytest
from conftest import extract_text, gold, sample_report

from extractor.finders.items import find_stated_afis, innovative_label, recommendation_fields, split_topics


def idfn(value: object) -> str:
    return str(value)[:60] if isinstance(value, str) else ""


# (sentence, the AFIs it names): forces' responses and commissioners' reports, and variants.
STATED_AFI_EXAMPLES = [
    (
        "6. The report identifies one area for improvement (AFI) which centres around the collection of "
        "victim's protected characteristics.",
        ["the collection of victim's protected characteristics"],
    ),
    (
        "11. The report identifies one AFI in respect of surveying victims of crime and assessing public "
        "satisfaction.",
        ["surveying victims of crime and assessing public satisfaction"],
    ),
    (
        "15. The one AFI set out the need for a structured training programme for officers and staff.",
        ["the need for a structured training programme for officers and staff"],
    ),
    (
        "19. Four AFIs were identified which focused on identification of vulnerable repeat callers, "
        "provision of crime prevention and scene preservation advice, response to incidents and capacity "
        "and capability of response officers.",
        [
            "identification of vulnerable repeat callers",
            "provision of crime prevention and scene preservation advice",
            "response to incidents",
            "capacity and capability of response officers",
        ],
    ),
    (
        "33. Two AFIs linked to the use of protection orders and wellbeing of staff working with the most "
        "vulnerable were highlighted.",
        ["the use of protection orders", "wellbeing of staff working with the most vulnerable"],
    ),
    (
        "The force received an adequate grading and were given two AFIs, both of which related to vetting "
        "arrangements; the management of vetting clearance and the introduction of a monitoring system.",
        ["the management of vetting clearance", "the introduction of a monitoring system"],
    ),
    (
        "One AFI was identified relating to the currency of SOC local profiles.",
        ["the currency of SOC local profiles"],
    ),
    # Other forces' wording.
    (
        "Three AFIs were made regarding Bedfordshire Police's call handling, its crime recording and its "
        "use of bail.",
        ["Bedfordshire Police's call handling", "its crime recording", "its use of bail"],
    ),
    ("Two areas for improvement concerning custody and vetting were raised.", ["custody", "vetting"]),
    (
        "The report identified two AFIs: bail management and custody reviews.",
        ["bail management", "custody reviews"],
    ),
]


@pytest.mark.parametrize(("sentence", "afis"), STATED_AFI_EXAMPLES, ids=idfn)
def test_items_stated_afis(sentence: str, afis: list[str]) -> None:
    assert find_stated_afis(sentence) == afis


STATED_AFI_NEAR_MISSES = [
    "Local profiles have been produced in line with the AFI.",
    "In respect of 101 performance, the report refers to March 2023 data, resulting in an AFI.",
    "HMICFRS made nine recommendations and one area for improvement.",
    "To oversee the 19 AFIs identified within the report, there will be three tiers of scrutiny.",
    "43. No AFIs were identified.",
    "The previous AFI regarding the training of neighbourhood officers has been closed.",
]


@pytest.mark.parametrize("sentence", STATED_AFI_NEAR_MISSES, ids=idfn)
def test_items_afi_mentions_are_not_items(sentence: str) -> None:
    assert find_stated_afis(sentence) == []


def test_items_split_topics_stops_at_count() -> None:
    assert split_topics("call handling and response times", 1) == ["call handling and response times"]
    assert split_topics("bail; custody and vetting", 3) == ["bail", "custody", "vetting"]
    assert split_topics("bail, custody", 3) == ["bail", "custody"]  # fewer named than counted


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("The Problem-Solving Taskforce were highlighted as innovative in the report.", "innovative"),
        ("The force is recognised for the innovative introduction of rapid video response.", "innovative"),
        ("Promising practice is included in respect of the force's harm intervention tool.", "promising"),
        ("The report identifies promising practice in respect of support for staff.", "promising"),
        ("Hampshire's triage scheme was described as promising by HMICFRS.", "promising"),
        ("The report identifies positive practice in respect of mental health demand.", None),
        ("An innovative recruitment campaign has seen the establishment met.", None),
        ("Senior leaders have been innovative in their use of technology.", None),
    ],
    ids=idfn,
)
def test_items_innovative_label(sentence: str, label: str | None) -> None:
    assert innovative_label(sentence) == label


@pytest.mark.parametrize(
    ("text", "number", "deadline", "addressee"),
    [
        (
            "1. By 14 June 2024, chief constables should make sure their forces review training.",
            1,
            "14 June 2024",
            "chief constables",
        ),
        (
            "6. By 14 June 2024, chief constables and where applicable police and crime commissioners "
            "(or equivalents) should make sure their forces work with panels to:",
            6,
            "14 June 2024",
            "chief constables and where applicable police and crime commissioners (or equivalents)",
        ),
        (
            "By 31 March 2025, Thames Valley Police should improve its crime recording.",
            None,
            "31 March 2025",
            "Thames Valley Police",
        ),
        (
            "Within six months, the force should review its call handling.",
            None,
            "Within six months",
            "the force",
        ),
        ("By September 2026, all forces must adopt the standard.", None, "September 2026", "all forces"),
        ("The force should consider a self-assessment process.", None, None, None),
    ],
    ids=idfn,
)
def test_items_recommendation_fields(
    text: str, number: int | None, deadline: str | None, addressee: str | None
) -> None:
    fields = recommendation_fields(text)
    assert (fields.number, fields.deadline, fields.addressee) == (number, deadline, addressee)


HEAD = (
    "# PEEL 2023–25: An inspection of Gwent Police\n\n## Overall summary\n\nGwent Police was inspected.\n\n"
)

REPORT = (
    HEAD
    + """## Investigating crime

### Adequate

### Cause of concern

The force isn't consistently carrying out effective investigations.

### Recommendations

Within three months, the force should make sure that:
- investigations are allocated promptly; and
- supervisors review them.

### Areas for improvement

#### The force needs to improve how it records outcomes

In seventeen out of twenty cases the outcome was right.

- a bullet that belongs to this area for improvement
- and another one

Page 12

#### The force should improve its victim updates

Victims were updated late.

### Promising practice

#### The force uses a triage car

It works well.

### Main findings

#### The force needs to improve its supervision

Supervisors reviewed 12 of 30 investigations.

## Responding to the public

### Good

### Main findings

#### The force should answer calls faster

It answers most calls quickly.
"""
)


def test_items_parts_by_position() -> None:
    report = extract_text(REPORT, "gwent.md")
    afis = report.areas_for_improvement
    assert [(i.title, i.area_id, i.span.line) for i in afis] == [
        ("The force needs to improve how it records outcomes", "investigating_crime", 23),
        ("The force should improve its victim updates", "investigating_crime", 32),
    ]
    # The first AFI's text runs across the bullets and past the page number (left out) to the next heading.
    assert afis[0].text.splitlines() == [
        "The force needs to improve how it records outcomes",
        "In seventeen out of twenty cases the outcome was right.",
        "a bullet that belongs to this area for improvement",
        "and another one",
    ]
    assert afis[1].text == "The force should improve its victim updates\nVictims were updated late."
    assert [(i.title, i.text, i.label) for i in report.innovative_practice] == [
        ("The force uses a triage car", "The force uses a triage car\nIt works well.", "promising")
    ]


def test_items_main_findings_needs_are_not_afis() -> None:
    report = extract_text(REPORT, "gwent.md")
    titles = {i.title for i in report.areas_for_improvement}
    assert "The force needs to improve its supervision" not in titles
    assert "The force should answer calls faster" not in titles


def test_items_cause_of_concern_keeps_its_recommendations() -> None:
    report = extract_text(REPORT, "gwent.md")
    (cause,) = report.causes_of_concern
    assert cause.area_id == "investigating_crime" and cause.span.line == 13
    assert cause.text.startswith("The force isn't consistently carrying out effective investigations.")
    assert cause.text.endswith("supervisors review them.")
    (rec,) = report.recommendations
    assert rec.text.splitlines() == [
        "Within three months, the force should make sure that:",
        "investigations are allocated promptly; and",
        "supervisors review them.",
    ]
    assert (rec.deadline, rec.addressee, rec.span.line) == ("Within three months", "the force", 17)


def test_items_sections_with_no_items() -> None:
    text = HEAD + "## Investigating crime\n\n### Areas for improvement\n\n### Main findings\n\nAll fine.\n"
    report = extract_text(text, "gwent.md")
    assert report.areas_for_improvement == []
    assert report.innovative_practice == [] and report.recommendations == []
    empty = [w for w in report.warnings if w.code == "empty-item-part"]
    assert [(w.span.line if w.span else None) for w in empty] == [9]
    assert "'Areas for improvement'" in empty[0].message


def test_items_bullets_as_items_in_a_web_page() -> None:
    text = (
        "Cleveland PEEL 2017\n\nEffectiveness\n\n"
        "How effective is the force at investigating crime and reducing re-offending?\n\n"
        "Requires improvement\n\nCleveland Police requires improvement at investigating crime.\n\n"
        "Areas for improvement\n\n"
        "- The force should ensure that all investigations are supervised.\n"
        "- The force should improve how it\n  records outcomes for victims.\n\n"
        "3\n"
    )
    report = extract_text(text, "cleveland.txt")
    got = [(i.text, i.area_id) for i in report.areas_for_improvement]
    assert got == [
        ("The force should ensure that all investigations are supervised.", "investigating_crime"),
        ("The force should improve how it\nrecords outcomes for victims.", "investigating_crime"),
    ]


def test_items_running_text_response() -> None:
    text = (
        "# The force's response to PEEL 2021/22: Cumbria Constabulary\n\n"
        "## Responding to the public\n\n(Requires improvement)\n\n"
        "1. Three AFIs were identified which focused on call handling, repeat callers and attendance.\n\n"
        "2. The force's triage desk was highlighted as innovative.\n\n"
        "3. The force will progress this AFI in line with the plan.\n\n"
        "## Investigating crime\n\n(Good)\n\n"
        "4. The previous AFI regarding file quality has been closed.\n"
    )
    report = extract_text(text, "cumbria.md")
    assert [(i.text, i.area_id, i.span.line) for i in report.areas_for_improvement] == [
        ("call handling", "responding_to_public", 7),
        ("repeat callers", "responding_to_public", 7),
        ("attendance", "responding_to_public", 7),
    ]
    assert [(i.text, i.label) for i in report.innovative_practice] == [
        ("The force's triage desk was highlighted as innovative.", "innovative")
    ]


def _gold_items(prefix: str, key: str) -> list[tuple[str, int]]:
    return [(e["text"], e["line"]) for e in gold(prefix)[key]]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize(
    "key", ["areas_for_improvement", "causes_of_concern", "recommendations", "innovative_practice"]
)
def test_items_samples_match_gold(prefix: str, key: str) -> None:
    items = getattr(sample_report(prefix), key)
    expected = _gold_items(prefix, key)
    assert len(items) == len(expected)
    for (text, line), item in zip(expected, items, strict=True):
        assert item.span.line == line
        # Gold quotes the heading, the first sentence, or (for a named AFI) the naming words.
        assert text in (item.title or "") + "\n" + item.text or item.text in text


def test_items_002_recommendations_keep_number_deadline_addressee() -> None:
    recs = sample_report("002").recommendations
    assert [r.number for r in recs] == [1, 2, 3, 4, 5, 6]
    assert {r.deadline for r in recs} == {"14 June 2024"}
    assert recs[0].addressee == "chief constables"
    assert recs[0].area_id is None
    assert recs[5].text.count("\n") == 7  # the seven bullets its ':' introduces


def test_items_004_areas_by_position() -> None:
    report = sample_report("004")
    assert [i.area_id for i in report.areas_for_improvement] == [
        "police_powers_public_treatment",
        "police_powers_public_treatment",
        "responding_to_public",
        "investigating_crime",
        "protecting_vulnerable_people",
        "protecting_vulnerable_people",
        "managing_fraud",
        "managing_fraud",
    ]
    assert {i.label for i in report.innovative_practice} == {"innovative"}
    fraud = report.areas_for_improvement[-1]
    # The last AFI runs to the "Main findings" heading and not beyond it.
    assert "Main findings" not in fraud.text


def test_items_singular_part_is_one_item() -> None:
    text = (
        HEAD + "## Investigating crime\n\n### Cause of concern\n\n"
        "The force isn't investigating crime well enough.\n\n"
        "This is because supervisors are stretched.\n\n"
        "### Areas for improvement\n\n"
        "The force should improve its crime recording.\n\n"
        "The force should review its use of bail.\n"
    )
    report = extract_text(text, "gwent.md")
    assert [i.text for i in report.causes_of_concern] == [
        "The force isn't investigating crime well enough.\nThis is because supervisors are stretched."
    ]
    assert [i.text for i in report.areas_for_improvement] == [
        "The force should improve its crime recording.",
        "The force should review its use of bail.",
    ]


def test_items_paragraph_with_footnote_mark_is_an_item() -> None:
    text = (
        HEAD + "## Investigating crime\n\n### Areas for improvement\n\n"
        "The force should improve how it supervises investigations.12\n\n"
        "Supervision table\n"
    )
    report = extract_text(text, "gwent.md")
    assert [i.text for i in report.areas_for_improvement] == [
        "The force should improve how it supervises investigations.12"
    ]
