"""Graded judgments: finders on other forces' wording, whole documents of each layout, the samples vs gold."""

from __future__ import annotations

import pytest

from extractor.finders.grade_sentences import area_of_phrase, compiled_grammar, find_sentence_grades
from extractor.finders.grades import (
    EvidenceKind,
    find_bare_grade,
    find_grid_cells,
    find_pair_row,
    find_title_grade,
    grid_header,
)
from extractor.finders.grids import find_grids, find_listed_grid
from extractor.model import Block, BlockKind
from extractor.readers.text import read_lines
from extractor.vocab.grade_sentences import GRADE_SENTENCES, GradeSentence
from extractor.vocab.grades import parse_grade
from schemas import Grade, Report, Span
from tests.conftest import SAMPLE_NAMES, extract_text, gold, sample_report

G = Grade


def _judgments(report: Report) -> list[tuple[str | None, str, str]]:
    """(area id, title, grade) of every judgment, in output order."""
    return [(j.area.id, j.area.title, j.grade.value) for j in report.judgments]


def _codes(report: Report) -> list[str]:
    return [w.code for w in report.warnings]


# --------------------------------------------------------------------------- grade words


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Outstanding", G.OUTSTANDING),
        ("OUTSTANDING", G.OUTSTANDING),
        ("good", G.GOOD),
        ("Good", G.GOOD),
        ("Adequate", G.ADEQUATE),
        ("adequate", G.ADEQUATE),
        ("Requires improvement", G.REQUIRES_IMPROVEMENT),
        ("Requires Improvement", G.REQUIRES_IMPROVEMENT),
        ("REQUIRES IMPROVEMENT", G.REQUIRES_IMPROVEMENT),
        ("require improvement", G.REQUIRES_IMPROVEMENT),
        ("Inadequate", G.INADEQUATE),
        ("inadequate", G.INADEQUATE),
        ("Ungraded", G.NOT_GRADED),
        ("(Not Graded)", G.NOT_GRADED),
        ("Not graded", G.NOT_GRADED),
        ("Fair", None),
        ("Reasonable assurance", None),
    ],
)
def test_judgments_parse_grade_every_word_and_case(text: str, grade: Grade | None) -> None:
    assert parse_grade(text) == grade


@pytest.mark.parametrize(
    ("line", "grade"),
    [
        ("Good", G.GOOD),
        ("(Outstanding)", G.OUTSTANDING),
        ("Requires improvement", G.REQUIRES_IMPROVEMENT),
        ("Ungraded", G.NOT_GRADED),
        ("(Not Graded)", G.NOT_GRADED),
        ("Good practice", None),
        ("The force is good.", None),
    ],
)
def test_judgments_bare_grade_lines(line: str, grade: Grade | None) -> None:
    found = find_bare_grade(line)
    assert (found.grade if found else None) == grade


# --------------------------------------------------------------------------- titles with grades


@pytest.mark.parametrize(
    ("text", "title", "grade"),
    [
        (
            "Responding to the Public – Requires Improvement (4 AFIs)",
            "Responding to the Public",
            G.REQUIRES_IMPROVEMENT,
        ),
        ("Crime data integrity (Outstanding)", "Crime data integrity", G.OUTSTANDING),
        (
            "Strategic Planning, Organisational Management and Value for Money (Good)",
            "Strategic Planning, Organisational Management and Value for Money",
            G.GOOD,
        ),
        ("Victim Service Assessment – Ungraded", "Victim Service Assessment", G.NOT_GRADED),
        ("Investigating crime: Inadequate", "Investigating crime", G.INADEQUATE),
        (
            "Managing Offenders and Suspects - Adequate (Two AFIs)",
            "Managing Offenders and Suspects",
            G.ADEQUATE,
        ),
        ("Protecting vulnerable people (Not Graded)", "Protecting vulnerable people", G.NOT_GRADED),
        ("3.2 Investigating crime (Good)", "Investigating crime", G.GOOD),
        ("2. Responding to the public - Inadequate", "Responding to the public", G.INADEQUATE),
    ],
)
def test_judgments_title_with_grade_tail(text: str, title: str, grade: Grade) -> None:
    found = find_title_grade(text)
    assert found is not None
    assert (found.phrase, found.grade, found.kind) == (title, grade, EvidenceKind.HEADING)


@pytest.mark.parametrize(
    "text",
    [
        "Responding to the public",
        "The force is good at this.",
        "Good",
        "Main findings (2023)",
        "The force improved. Overall – Good",
    ],
)
def test_judgments_title_without_grade_tail(text: str) -> None:
    assert find_title_grade(text) is None


# --------------------------------------------------------------------------- grids


FIVE = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]


def test_judgments_grid_header_five_and_four_tier() -> None:
    assert grid_header(FIVE) == [G.OUTSTANDING, G.GOOD, G.ADEQUATE, G.REQUIRES_IMPROVEMENT, G.INADEQUATE]
    four = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert grid_header(four) == [G.OUTSTANDING, G.GOOD, G.REQUIRES_IMPROVEMENT, G.INADEQUATE]
    assert grid_header(["Area", "Good", "Inadequate"]) is None
    assert grid_header(["Good", "Good", "Adequate"]) is None


def test_judgments_grid_cells_with_empty_columns_and_wrapped_cells() -> None:
    rows = [
        ["", "Leadership and force management", "Developing a diverse and", "Investigating crime"],
        ["", "Managing fraud", "inclusive workforce", "", "Safeguarding children and adults"],
        ["", "", "Police powers and public treatment"],
        ["", "", "", "Responding to the public", ""],
    ]
    cells = find_grid_cells(grid_header(FIVE) or [], rows)
    assert [(c.row, c.text, c.grade) for c in cells] == [
        (0, "Leadership and force management", G.GOOD),
        (0, "Developing a diverse and inclusive workforce", G.ADEQUATE),
        (0, "Investigating crime", G.REQUIRES_IMPROVEMENT),
        (1, "Managing fraud", G.GOOD),
        (1, "Safeguarding children and adults", G.INADEQUATE),
        (2, "Police powers and public treatment", G.ADEQUATE),
        (3, "Responding to the public", G.REQUIRES_IMPROVEMENT),
    ]


def test_judgments_grid_wrapped_cell_that_starts_with_a_capital() -> None:
    # "Preventing crime" matches alone, but the column's next line completes a longer title.
    header = [G.OUTSTANDING, G.GOOD, G.REQUIRES_IMPROVEMENT, G.INADEQUATE]
    rows = [["", "Preventing crime and tackling"], ["", "Antisocial behaviour"], ["", "Investigating crime"]]
    cells = find_grid_cells(header, rows)
    assert [(c.text, c.grade) for c in cells] == [
        ("Preventing crime and tackling Antisocial behaviour", G.GOOD),
        ("Investigating crime", G.GOOD),
    ]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            ["Preventing crime and tackling anti-social behaviour", "Good"],
            (G.GOOD, "Preventing crime and tackling anti-social behaviour"),
        ),
        (["Legitimacy", "Requires improvement", ""], (G.REQUIRES_IMPROVEMENT, "Legitimacy")),
        (["Number of officers", "Good"], None),
        (["Leadership", "Reasonable assurance"], None),
    ],
)
def test_judgments_two_column_area_grade_rows(cells: list[str], expected: tuple[Grade, str] | None) -> None:
    found = find_pair_row(cells)
    assert ((found.grade, found.phrase) if found else None) == expected


# --------------------------------------------------------------------------- sentences

SENTENCES = [
    # (sentence, the force's names, grade, phrase)
    (
        "Hampshire Constabulary has been judged as good in the efficiency with which it keeps people safe.",
        ["Hampshire Constabulary", "Hampshire"],
        G.GOOD,
        "the efficiency with which it keeps people safe",
    ),
    (
        "Durham Constabulary is outstanding at preventing crime.",
        ["Durham Constabulary"],
        G.OUTSTANDING,
        "preventing crime",
    ),
    (
        "West Midlands Police requires improvement at responding to the public.",
        ["West Midlands Police", "West Midlands"],
        G.REQUIRES_IMPROVEMENT,
        "responding to the public",
    ),
    (
        "Merseyside Police's leadership and force management are good.",
        ["Merseyside Police"],
        G.GOOD,
        "leadership and force management",
    ),
    (
        "Lancashire Constabulary’s leadership and management is adequate.",
        ["Lancashire Constabulary"],
        G.ADEQUATE,
        "leadership and management",
    ),
    (
        "Sussex Police is inadequate at investigating crime.",
        ["Sussex Police"],
        G.INADEQUATE,
        "investigating crime",
    ),
    (
        "The extent to which the force is effective at keeping people safe and reducing crime is good.",
        [],
        G.GOOD,
        "is effective at keeping people safe and reducing crime",
    ),
    (
        "Thames Valley Police is judged to be good at protecting vulnerable people.",
        ["Thames Valley Police"],
        G.GOOD,
        "protecting vulnerable people",
    ),
    (
        "The force was assessed as good at preventing and deterring crime.",
        [],
        G.GOOD,
        "preventing and deterring crime",
    ),
    (
        "HMICFRS graded the Force outstanding at recording crime for a second assessment.",
        [],
        G.OUTSTANDING,
        "recording crime for a second assessment",
    ),
    ("The force received a requires improvement grading.", [], G.REQUIRES_IMPROVEMENT, None),
    (
        "Greater Manchester Police is judged to require improvement in how it investigates crime.",
        ["Greater Manchester Police"],
        G.REQUIRES_IMPROVEMENT,
        "how it investigates crime",
    ),
    ("The force has moved from requires improvement to adequate in this area.", [], G.ADEQUATE, "this area"),
    (
        "Although our victim service assessment is ungraded, it informs our judgments.",
        [],
        G.NOT_GRADED,
        "Although our victim service assessment",
    ),
    ("Devon and Cornwall Police is good.", ["Devon and Cornwall Police"], G.GOOD, None),
]


@pytest.mark.parametrize(
    ("sentence", "names", "grade", "phrase"), SENTENCES, ids=[s[0][:50] for s in SENTENCES]
)
def test_judgments_sentences_of_this_force(
    sentence: str, names: list[str], grade: Grade, phrase: str | None
) -> None:
    found = [f for f in find_sentence_grades(sentence, names, cycle_start=2023) if not f.earlier]
    assert [(f.grade, f.phrase, f.earlier) for f in found] == [(grade, phrase, False)]


@pytest.mark.parametrize("entry", GRADE_SENTENCES, ids=[entry.name for entry in GRADE_SENTENCES])
def test_judgments_every_grade_sentence_pattern_reads_its_example(entry: GradeSentence) -> None:
    pattern = dict(compiled_grammar(())).get(entry)
    assert pattern is not None and pattern.search(entry.example)
    found = find_sentence_grades(entry.example, [], cycle_start=2023)
    # Each entry reads its own example (an earlier entry of the grammar would take it otherwise).
    assert found and found[0].earlier == entry.earlier


NOT_THIS_FORCE = [
    # A sentence that states a grade of another force, of forces in general, or no grade.
    ("Forces that require improvement at responding to the public must act quickly.", ["Essex Police"]),
    ("Most forces require improvement in how they investigate crime.", ["Essex Police"]),
    ("Essex Police is good at preventing crime, unlike some of its neighbours.", ["Norfolk Constabulary"]),
    ("Cumbria Constabulary requires improvement at investigating crime.", ["Durham Constabulary"]),
    ("A force that requires improvement at investigating crime is given an action plan.", ["Surrey Police"]),
    ("The force has a good understanding of demand.", []),
    ("The force's approach to stop and search is good practice.", []),
    ("The call was not graded correctly by the call handler.", []),
]


@pytest.mark.parametrize(("sentence", "names"), NOT_THIS_FORCE, ids=[s[0][:50] for s in NOT_THIS_FORCE])
def test_judgments_sentences_that_are_not_judgments_of_this_force(sentence: str, names: list[str]) -> None:
    found = [f for f in find_sentence_grades(sentence, names, cycle_start=2021) if not f.names_area]
    assert found == []


EARLIER = [
    ("In 2017, we assessed the force as good at investigating crime.", 2018, G.GOOD),
    ("The force has moved from requires improvement to adequate in this area.", 2023, G.REQUIRES_IMPROVEMENT),
    ("In our previous inspection, Suffolk Constabulary was good at preventing crime.", 2023, G.GOOD),
    (
        "Whilst not inspected on this occasion the force has continued to be outstanding at recording crime.",
        2023,
        G.OUTSTANDING,
    ),
]


@pytest.mark.parametrize(("sentence", "start", "old"), EARLIER, ids=[s[0][:50] for s in EARLIER])
def test_judgments_earlier_cycle_grades_are_not_current(sentence: str, start: int, old: Grade) -> None:
    found = find_sentence_grades(sentence, ["Suffolk Constabulary"], cycle_start=start)
    if "moved from" in sentence:
        # The 'to' grade is this inspection's; the 'from' grade comes back as an earlier one.
        assert [(f.grade, f.earlier) for f in found] == [(G.ADEQUATE, False), (G.REQUIRES_IMPROVEMENT, True)]
    else:
        assert [(f.grade, f.earlier) for f in found] == [(old, True)]


@pytest.mark.parametrize(
    ("phrase", "area_id"),
    [
        ("responding to the public", "responding_to_public"),
        ("prevention and deterrence", "preventing_crime"),
        ("building and developing its workforce", "workforce"),
        ("using police powers and treating people fairly and respectfully", "police_powers_public_treatment"),
        ("safeguarding children and adults at risk of harm", "protecting_vulnerable_people"),
        ("keeping people safe and reducing crime, and it continues to improve", "effectiveness"),
        ("investigating crime and reducing re-offending", "investigating_crime"),
        ("Although our victim service assessment", "victim_service"),
        ("the efficiency with which it keeps people safe and reduces crime", "efficiency"),
        ("how effectively it keeps people safe and reduces crime", "effectiveness"),
        ("answering calls from repeat callers", None),
        (None, None),
    ],
)
def test_judgments_area_of_a_sentence_phrase(phrase: str | None, area_id: str | None) -> None:
    assert area_of_phrase(phrase) == area_id


# --------------------------------------------------------------------------- whole documents

MARKDOWN_2025 = """# PEEL 2025–27: An inspection of Dyfed-Powys Police

## Our judgments

Our inspection assessed how good Dyfed-Powys Police is in seven areas of policing. We make graded \
judgments as follows:

Outstanding\tGood\tAdequate\tRequires improvement\tInadequate
\tLeadership and force management\tDeveloping a diverse and\tInvestigating crime\t
\tManaging fraud\tinclusive workforce\t\tSafeguarding children and adults
\t\tPolice powers and public treatment\t
\t\t\tResponding to the public\t

## HM Inspector's summary

I am pleased with some aspects of the performance of Dyfed-Powys Police. Forces that require improvement at \
responding to the public must act quickly.

# Leadership and force management

Good

Dyfed-Powys Police's leadership and force management are good.

## Main findings

The force has a clear plan.

# Attracting, developing and retaining the workforce and creating a diverse and inclusive workplace

## Adequate

Dyfed-Powys Police is adequate at attracting, developing and retaining its workforce.

# Using powers fairly, appropriately and with justification

## Adequate

Dyfed-Powys Police is adequate at using its powers fairly, appropriately and with justification.

# Responding to the public

## Requires improvement

Dyfed-Powys Police requires improvement at responding to the public.

# Investigating crime

## Requires improvement

Dyfed-Powys Police requires improvement at investigating crime.

# Safeguarding children and adults at risk of harm

## Inadequate

Dyfed-Powys Police is inadequate at safeguarding children and adults at risk of harm.

# Managing fraud

Good

Dyfed-Powys Police is good at managing fraud.
"""


def test_judgments_markdown_report_with_grid_labels_and_sentences() -> None:
    report = extract_text(MARKDOWN_2025, "dyfed-powys.md")
    assert report.document.force and report.document.force.id == "dyfed-powys"
    assert _judgments(report) == [
        ("leadership_force_management", "Leadership and force management", "good"),
        (
            "workforce",
            "Attracting, developing and retaining the workforce and creating a diverse and "
            "inclusive workplace",
            "adequate",
        ),
        (
            "police_powers_public_treatment",
            "Using powers fairly, appropriately and with justification",
            "adequate",
        ),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
        ("investigating_crime", "Investigating crime", "requires_improvement"),
        ("protecting_vulnerable_people", "Safeguarding children and adults at risk of harm", "inadequate"),
        ("managing_fraud", "Managing fraud", "good"),
    ]
    # Every judgment cites its sentence, its grid cell and its label; the sentence first.
    workforce = report.judgments[1]
    assert [s.line for s in workforce.evidence] == [31, 8, 29]
    assert report.warnings == []


WEB_PAGE_2016 = """Skip to content

Northumbria PEEL 2016

Effectiveness

How effective is the force at keeping people safe and reducing crime?

Last updated 02/03/2017
Requires improvement

Northumbria Police requires improvement in how effectively it keeps people safe and reduces crime. \
In 2015, we assessed the force as good at preventing crime.

Questions for Effectiveness

1

How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?

Outstanding

Northumbria Police is outstanding at preventing crime, tackling anti-social behaviour and keeping people safe.

2

How effective is the force at investigating crime and reducing re-offending?

Inadequate

Northumbria Police is inadequate at investigating crime and reducing re-offending. The force has moved \
from good to inadequate.

5

How effective are the force’s specialist capabilities?

Ungraded

National threats often require forces to work together, across force boundaries.
"""


def test_judgments_2016_web_page_four_tier_scale_and_ungraded() -> None:
    report = extract_text(WEB_PAGE_2016, "northumbria-2016.txt")
    assert report.document.kind.value == "inspection_web_page"
    assert _judgments(report) == [
        # The pillar goes by its name; its questions by their headings.
        ("effectiveness", "Effectiveness", "requires_improvement"),
        (
            "preventing_crime",
            "How effective is the force at preventing crime, tackling anti-social behaviour "
            "and keeping people safe?",
            "outstanding",
        ),
        (
            "investigating_crime",
            "How effective is the force at investigating crime and reducing re-offending?",
            "inadequate",
        ),
        ("specialist_capabilities", "How effective are the force’s specialist capabilities?", "not_graded"),
    ]
    # "In 2015, we assessed the force as good" and "moved from good" are earlier grades: no conflict.
    assert report.warnings == []


FORCE_RESPONSE = """Avon and Somerset Constabulary response to the HMICFRS PEEL Inspection 2021/22

Victim service assessment

(Not Graded)

1. The victim service assessment reviewed the victim's journey from reporting a crime to the \
outcome. The Force welcomes it.

Crime data integrity

(Good)

2. HMICFRS graded the Force good at recording crime. The Force has improved its compliance rate.

Responding to the public

(Requires Improvement)

3. Four AFIs were identified. The Force accepts the findings.

Investigating crime

(Inadequate)

4. The Force recognises the findings of the report. The Force has a plan to improve.

Developing a positive workplace

(Outstanding)

5. The Force is proud of its wellbeing offer. The Force will continue to invest in it.

Strategic Planning, Organisational Management and Value for Money (Adequate)

6. One AFI is made regarding the allocation of resources to meet demand. The Force accepts the findings.
"""


def test_judgments_force_response_with_bracketed_grades() -> None:
    report = extract_text(FORCE_RESPONSE, "avon-response.txt")
    assert report.document.kind.value == "force_response"
    assert _judgments(report) == [
        ("victim_service", "Victim service assessment", "not_graded"),
        ("crime_data_integrity", "Crime data integrity", "good"),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
        ("investigating_crime", "Investigating crime", "inadequate"),
        ("workforce", "Developing a positive workplace", "outstanding"),
        (
            "leadership_force_management",
            "Strategic Planning, Organisational Management and Value for Money",
            "adequate",
        ),
    ]
    responding = report.judgments[2]
    assert (responding.grade_text, [s.line for s in responding.evidence]) == ("(Requires Improvement)", [17])
    assert report.warnings == []


SCRUTINY = """1. Purpose of the report

This report records the inspections published during the period for the Police and Crime Commissioner. \
The PCC will monitor the progress of the Force against each recommendation.

2. Police Effectiveness, Efficiency and Legitimacy (PEEL) 2023/25 – An Inspection of Cleveland Police

HMICFRS published its PEEL inspection of Cleveland Police. The inspection assessed Cleveland Police \
across nine areas.

Victim Service Assessment – Ungraded

The victim service assessment reviewed case files across a number of crime types.

Police Powers and Public Treatment – Outstanding (No AFIs)

The force was found to use stop and search fairly and respectfully.

Responding to the Public – Requires Improvement (4 AFIs)

The force has moved from inadequate to requires improvement in this area. Call handling remains a concern.

Protecting Vulnerable People – Inadequate (3 AFIs)

The force received an inadequate grading. Forces that require improvement at protecting vulnerable \
people are monitored.

Managing Offenders and Suspects – Adequate (2 AFIs)

The force has moved from requires improvement to adequate in this area. Promising practice is noted.

Community Engagement – Good (1 AFI)

The force was praised for its work with communities.

3. Next Steps

The PCC will receive updates.
"""


def test_judgments_scrutiny_report_dash_grades_and_unknown_area() -> None:
    report = extract_text(SCRUTINY, "cleveland-pcc.txt")
    assert report.document.kind.value == "pcc_scrutiny_report"
    assert _judgments(report) == [
        ("victim_service", "Victim Service Assessment", "not_graded"),
        ("police_powers_public_treatment", "Police Powers and Public Treatment", "outstanding"),
        ("responding_to_public", "Responding to the Public", "requires_improvement"),
        ("protecting_vulnerable_people", "Protecting Vulnerable People", "inadequate"),
        ("managing_offenders_suspects", "Managing Offenders and Suspects", "adequate"),
        (None, "Community Engagement", "good"),
    ]
    # "moved from inadequate to requires improvement" backs the current grade, never the old one.
    assert [s.line for s in report.judgments[2].evidence] == [17, 19]
    assert [(w.code, w.span.line if w.span else None) for w in report.warnings] == [("unknown-area", 29)]
    assert "Community Engagement" in report.warnings[0].message


TAIL_LABELS = """Overall summary
Our judgments
Our inspection assessed how good Gwent Police is in four areas of policing. We make graded \
judgments in three of these four as follows:
We also inspected how effective a service Gwent Police gives to victims of crime. We don’t make a \
graded judgment in this overall area.
Gwent Police is outstanding at something we cannot place.
PEEL 2023–2025
In 2014, we introduced our police efficiency, effectiveness and legitimacy (PEEL) inspections for \
all 43 forces.
Providing a service to the victims of crime
This section describes our assessment of the service Gwent Police provides to victims. We reviewed \
100 case files.
Although our victim service assessment is ungraded, it influences graded judgments in the other \
areas we have inspected.
Responding to the public
Gwent Police requires improvement at responding to the public.
Main findings
In this section we set out our main findings that relate to responding to the public.
The force answers emergency calls quickly
The force answers most emergency calls within ten seconds. The force is good at answering calls \
from repeat callers.
Good
Investigating crime
Gwent Police is inadequate at investigating crime.
Main findings
In this section we set out our main findings that relate to investigating crime.
The force does not supervise investigations well
Supervisors do not review most investigations. Supervisors are trained but lack the time to review files.
Inadequate
Managing offenders and suspects
Gwent Police is adequate at managing offenders and suspects.
Main findings
Officers manage registered sex offenders well and visit them on time.
Good
Officers use the national database to check risks to the public and record their visits.
Adequate
About the data
Data in this report is from a range of sources."""


def test_judgments_plain_text_labels_at_section_ends_conflicts_and_unattributed() -> None:
    report = extract_text(TAIL_LABELS, "gwent.txt")
    assert _judgments(report) == [
        ("victim_service", "Providing a service to the victims of crime", "not_graded"),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
        ("investigating_crime", "Investigating crime", "inadequate"),
        ("managing_offenders_suspects", "Managing offenders and suspects", "adequate"),
    ]
    # The ungraded statement in the section and the one in the summary are both evidence.
    assert [s.line for s in report.judgments[0].evidence] == [10, 4]
    # Each label at a section's end belongs to that section.
    assert [s.line for s in report.judgments[2].evidence] == [19, 24]
    assert [s.line for s in report.judgments[3].evidence] == [26, 31]
    warnings = {(w.code, w.span.line if w.span else None): w.message for w in report.warnings}
    assert set(warnings) == {("unattributed-grade", 5), ("grade-conflict", 12), ("unattributed-grade", 29)}
    # The conflict names both places and keeps the sentence.
    assert "kept sentence at line 12 says requires improvement" in warnings[("grade-conflict", 12)]
    assert "grade label at line 17 says good" in warnings[("grade-conflict", 12)]


def test_judgments_other_forces_named_in_a_report_are_not_judged() -> None:
    text = """PEEL 2023–25: An inspection of North Wales Police
Responding to the public
North Wales Police is good at responding to the public.
Main findings
In this section we set out our main findings that relate to responding to the public.
Cheshire Constabulary requires improvement at responding to the public, and the force works with it \
on call handling.
Most forces require improvement at answering non-emergency calls quickly, but North Wales Police is quick.
"""
    report = extract_text(text, "north-wales.txt")
    assert _judgments(report) == [("responding_to_public", "Responding to the public", "good")]
    assert report.judgments[0].evidence[0].line == 3
    assert "grade-conflict" not in _codes(report)


# --------------------------------------------------------------------------- the samples


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_judgments_samples_match_gold(name: str) -> None:
    prefix = name[:3]
    report = sample_report(prefix)
    # A judgment is titled by the gold's area or one of the names the gold allows for it ('Effectiveness').
    names = {name: g["area"] for g in gold(prefix)["grades"] for name in (g["area"], *g.get("aliases", []))}
    expected = sorted((g["area"], g["grade"]) for g in gold(prefix)["grades"])
    assert sorted((names.get(j.area.title), j.grade.value) for j in report.judgments) == expected
    assert all(j.area.id for j in report.judgments)
    # Every judgment's evidence holds the gold's strongest line or one of its other lines.
    lines = {g["area"]: {g["line"], *g["other_lines"]} for g in gold(prefix)["grades"]}
    for judgment in report.judgments:
        assert judgment.evidence[0].line in lines[names[judgment.area.title]] | {None}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_judgments_samples_give_no_judgment_warnings(name: str) -> None:
    report = sample_report(name[:3])
    codes = {"grade-conflict", "unattributed-grade", "unknown-area"}
    assert [w for w in report.warnings if w.code in codes] == []


def test_judgments_004_table_short_names_take_the_section_titles() -> None:
    report = sample_report("004")
    titles = {j.area.id: j.area.title for j in report.judgments}
    assert (
        titles["police_powers_public_treatment"]
        == "Using powers fairly, appropriately and with justification"
    )
    assert titles["protecting_vulnerable_people"] == "Safeguarding children and adults at risk of harm"
    # The grid row (lines 53-57) is evidence of every area.
    assert all({s.line for s in j.evidence} & {53, 54, 55, 56, 57} for j in report.judgments)


def test_judgments_002_earlier_grades_are_not_judgments() -> None:
    report = sample_report("002")
    grades = {j.area.id: j.grade.value for j in report.judgments}
    # "moved from adequate to good", "moved from requires improvement to adequate",
    # and the earlier cycle's "crime recording and data integrity is outstanding".
    assert grades["protecting_vulnerable_people"] == "good"
    assert grades["managing_offenders_suspects"] == "adequate"
    assert "crime_data_integrity" not in grades


LAST_COLUMN_GRID = (
    "# PEEL 2025–27: Surrey Police\n\n## Our judgments\n\n"
    "Outstanding\tGood\tAdequate\tRequires improvement\tInadequate\n"
    "\tInvestigating crime\t\t\t\n"
    "\t\t\t\tManaging fraud\n\n"
    "We set out our detailed findings in the rest of this report.\n\n"
    "# Investigating crime\n\nGood\n\nSurrey Police is good at investigating crime.\n\n"
    "# Managing fraud\n\n## Inadequate\n\nSurrey Police is inadequate at managing fraud.\n"
)


def test_judgments_grid_row_with_only_the_last_column_filled() -> None:
    # The row "\t\t\t\tManaging fraud" has no tab after its text; it is still a grid row, so it
    # neither opens an area section in the summary nor loses its column.
    report = extract_text(LAST_COLUMN_GRID, "surrey.md")
    assert _judgments(report) == [
        ("investigating_crime", "Investigating crime", "good"),
        ("managing_fraud", "Managing fraud", "inadequate"),
    ]
    assert [s.line for s in report.judgments[1].evidence] == [21, 7, 19]
    assert "unattributed-grade" not in _codes(report)


def test_judgments_reader_keeps_a_leading_tab_line_as_paragraph_outside_a_table() -> None:
    blocks = read_lines(
        "Outstanding\tGood\tInadequate\n\t\tManaging fraud\n\n\tAn indented line.\n", markdown=False
    )
    assert [(b.kind.value, b.cells) for b in blocks] == [
        ("table_row", ["Outstanding", "Good", "Inadequate"]),
        ("table_row", ["", "", "Managing fraud"]),
        ("paragraph", None),
    ]


def test_judgments_listed_grid_places_areas_under_the_label_above() -> None:
    texts = [
        "We make graded judgments as follows:",
        "Good",
        "Police powers and public treatment",
        "Developing a diverse and",
        "inclusive workforce",
        "Requires improvement",
        "Responding to the public",
        "We set out our detailed findings in the rest of this report.",
    ]
    cells, covered = find_listed_grid(texts)
    assert [(c.row, c.text, c.grade) for c in cells] == [
        (2, "Police powers and public treatment", G.GOOD),
        (3, "Developing a diverse and inclusive workforce", G.GOOD),
        (6, "Responding to the public", G.REQUIRES_IMPROVEMENT),
    ]
    assert covered == {1, 2, 3, 4, 5, 6}


def test_judgments_grids_found_once_tables_and_pair_rows_then_listed() -> None:
    def row(line: int, *cells: str) -> Block:
        return Block(BlockKind.TABLE_ROW, " | ".join(cells), Span(line=line), cells=list(cells))

    def para(line: int, text: str) -> Block:
        return Block(BlockKind.PARAGRAPH, text, Span(line=line))

    blocks = [
        row(1, "Outstanding", "Good", "Requires improvement"),
        row(2, "", "Preventing crime", "Responding to the public"),
        para(3, "Between the grids."),
        row(4, "Investigating crime", "Inadequate"),
        para(5, "Good"),
        para(6, "Police powers and public treatment"),
        para(7, "Developing a diverse and inclusive workforce"),
    ]
    grids = find_grids(blocks)
    assert [(e.block, e.text, e.grade, e.grade_text) for e in grids.entries] == [
        (1, "Preventing crime", G.GOOD, "Good"),
        (1, "Responding to the public", G.REQUIRES_IMPROVEMENT, "Requires improvement"),
        (3, "Investigating crime", G.INADEQUATE, "Inadequate"),
        (5, "Police powers and public treatment", G.GOOD, "Good"),
        (6, "Developing a diverse and inclusive workforce", G.GOOD, "Good"),
    ]
    assert grids.blocks == {0, 1, 3, 4, 5, 6}


def test_judgments_label_ending_a_section_then_next_heading_is_no_grid() -> None:
    texts = ["The force supervises most cases well.", "Good", "Investigating crime", "Kent is good at it."]
    assert find_listed_grid(texts) == ([], set())


LISTED_GRID = """Overall summary
Our judgments
Our inspection assessed how good Essex Police is in three areas. We make graded judgments as follows:
Good
Police powers and public treatment
Preventing crime
Requires improvement
Responding to the public
We set out our detailed findings about what the force does well and where it should improve.
PEEL 2023–2025
Police powers and treating the public fairly and respectfully
Essex Police is good at using police powers and treating people fairly and respectfully.
Main findings
The force uses stop and search fairly and it records the grounds for every search it makes.
Good
Preventing crime
Essex Police is good at prevention and deterrence.
Main findings
The force works well with its partners to solve problems in its communities and towns.
Good
Responding to the public
Essex Police requires improvement at responding to the public.
Main findings
The force takes too long to answer emergency calls from the public across the county.
Requires improvement"""


def test_judgments_listed_grid_in_plain_text_opens_no_area_sections() -> None:
    report = extract_text(LISTED_GRID, "essex.txt")
    assert _judgments(report) == [
        (
            "police_powers_public_treatment",
            "Police powers and treating the public fairly and respectfully",
            "good",
        ),
        ("preventing_crime", "Preventing crime", "good"),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
    ]
    # Sentence, list entry, label at the section's end.
    assert [[s.line for s in j.evidence] for j in report.judgments] == [[12, 5, 15], [17, 6, 20], [22, 8, 25]]
    assert [s.span.line for s in report.sections if s.kind.value == "area"] == [11, 16, 21]
    assert [w.code for w in report.warnings] == []


@pytest.mark.parametrize("heading", ["Overall judgement – Good", "Our judgments: Requires improvement"])
def test_judgments_overall_verdict_heading_is_no_unknown_area(heading: str) -> None:
    text = f"PEEL 2017: Durham Constabulary\n{heading}\nDurham Constabulary is good at investigating crime.\n"
    report = extract_text(text, "durham.txt")
    # The sentence names its area, so it is a judgment though no section heads the area.
    assert _judgments(report) == [("investigating_crime", "investigating crime", "good")]
    assert "unknown-area" not in _codes(report)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guernsey Police is good at investigating crime.", [(G.GOOD, "investigating crime")]),
        ("Isle of Man Constabulary is inadequate at managing fraud.", [(G.INADEQUATE, "managing fraud")]),
        ("The Police is good at investigating crime.", []),
        ("Most Police forces require improvement at managing fraud.", []),
    ],
)
def test_judgments_sentences_when_the_force_is_unknown(
    sentence: str, expected: list[tuple[Grade, str]]
) -> None:
    # With no force known, any proper force name is this force's; 'The Police' or 'forces' are not.
    assert [(f.grade, f.phrase) for f in find_sentence_grades(sentence, [])] == expected


IPA_2018 = """PEEL: Police effectiveness, efficiency and legitimacy 2018/19
An inspection of Lincolnshire Police
Overall summary
Effectiveness\tRequires improvement
Efficiency\tInadequate
Legitimacy\tGood
Lincolnshire Police requires improvement in the effectiveness with which it keeps people safe. \
In 2017, we assessed the force as good at keeping people safe.
Effectiveness
Requires improvement
Preventing crime and tackling anti-social behaviour
Good
Lincolnshire Police is good at preventing crime and tackling anti-social behaviour. It works well.
Efficiency
Inadequate
Meeting current demands and using resources
Requires improvement
Lincolnshire Police requires improvement at meeting current demands and using resources.
Planning for the future
Inadequate
Lincolnshire Police is inadequate at planning for the future. The force does not understand its future demand.
Legitimacy
Good
Treating the public fairly
Good
Lincolnshire Police is good at treating the public fairly. The force uses stop and search fairly."""


def test_judgments_2018_pillars_and_questions_each_keep_their_grade() -> None:
    report = extract_text(IPA_2018, "lincolnshire-2018.txt")
    assert _judgments(report) == [
        ("effectiveness", "Effectiveness", "requires_improvement"),
        ("preventing_crime", "Preventing crime and tackling anti-social behaviour", "good"),
        ("efficiency", "Efficiency", "inadequate"),
        ("using_resources", "Meeting current demands and using resources", "requires_improvement"),
        ("planning_for_future", "Planning for the future", "inadequate"),
        ("legitimacy", "Legitimacy", "good"),
        ("police_powers_public_treatment", "Treating the public fairly", "good"),
    ]
    # The summary's pillar table and sentence are evidence too; the 2017 grade is not.
    assert [s.line for s in report.judgments[0].evidence] == [7, 4, 9]
    assert [w.code for w in report.warnings if w.code != "unknown-kind"] == []


PIPE_GRID = (
    "# PEEL 2025–27: Wiltshire Police\n\n## Our judgments\n\n"
    "| Outstanding | Good | Adequate | Requires improvement | Inadequate |\n"
    "| --- | --- | --- | --- | --- |\n"
    "| | Investigating crime | | Managing fraud | |\n"
    "| | | | Responding to the | |\n"
    "| | | | public | |\n\n"
    "We set out our findings in the rest of this report.\n\n"
    "# Investigating crime\n\nGood\n\nWiltshire Police is good at investigating crime.\n"
)


def test_judgments_markdown_pipe_grid_with_a_wrapped_cell() -> None:
    report = extract_text(PIPE_GRID, "wiltshire.md")
    # Areas without a section keep the grid's wording; they come in the order the document states them.
    assert _judgments(report) == [
        ("managing_fraud", "Managing fraud", "requires_improvement"),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
        ("investigating_crime", "Investigating crime", "good"),
    ]
    assert [s.line for s in report.judgments[1].evidence] == [8]
    assert report.judgments[0].grade_text == "Requires improvement"


def test_judgments_not_graded_call_is_no_ungraded_area() -> None:
    text = """PEEL 2023–25: An inspection of Staffordshire Police
Responding to the public
Staffordshire Police requires improvement at responding to the public.
Main findings
In this section we set out our main findings that relate to responding to the public.
The force does not always assess risk when it takes a call
In some cases the call was not graded and no officer went. A call that is not graded is a risk.
Requires improvement"""
    report = extract_text(text, "staffordshire.txt")
    assert _judgments(report) == [
        ("responding_to_public", "Responding to the public", "requires_improvement")
    ]
    assert not {"grade-conflict", "unattributed-grade", "unknown-area"} & set(_codes(report))


def test_judgments_only_the_first_grade_sentence_under_a_heading_is_its_judgment() -> None:
    text = """Bedfordshire Police response to the PEEL 2023–25 inspection
Responding to the Public – Requires Improvement (3 AFIs)
Bedfordshire Police requires improvement at responding to the public. The Force is good at identifying \
repeat callers. The Force is adequate at giving crime prevention advice.
Investigating Crime
The Force was assessed as good. The Force is outstanding at finding wanted people.
The Force has a plan to improve its investigations and will report on it to the commissioner."""
    report = extract_text(text, "bedfordshire.txt")
    assert _judgments(report) == [
        ("responding_to_public", "Responding to the Public", "requires_improvement"),
        ("investigating_crime", "Investigating Crime", "good"),
    ]
    assert [s.line for s in report.judgments[0].evidence] == [2, 3]
    assert not {"grade-conflict", "unattributed-grade", "unknown-area"} & set(_codes(report))


# --------------------------------------------------------------------------- sentences and prose, every cycle
# (issue 13: pillar sentences, question grades, prose lists, earlier inspections' grades)

WEB_PAGE_2016_PILLARS = """PEEL 2016: Northumbria Police

This is HMIC's third PEEL assessment of Northumbria Police.

The extent to which the constabulary is effective at keeping people safe and reducing crime: not yet graded.

The extent to which the constabulary is efficient at keeping people safe and reducing crime is outstanding.

The extent to which the constabulary is legitimate at keeping people safe and reducing crime requires \
improvement.

How efficient is the force at keeping people safe and reducing crime?

Last updated 03/11/2016
Outstanding

Northumbria Police has been assessed as outstanding in respect of the efficiency with which it keeps people \
safe and reduces crime. This compares favourably with the 2015 efficiency assessment, in which Northumbria \
Police was judged to be good.

It is judged to be outstanding in its understanding of demand; its use of resources to manage demand is \
assessed to be good; and its planning for future demand is judged to require improvement.
"""


def test_judgments_pillar_sentences_questions_and_an_earlier_grade_2016() -> None:
    report = extract_text(WEB_PAGE_2016_PILLARS, "northumbria-2016.txt")
    assert sorted(_judgments(report)) == [
        ("efficiency", "Efficiency", "outstanding"),
        ("legitimacy", "Legitimacy", "requires_improvement"),
        ("planning_for_future", "planning for future demand", "requires_improvement"),
        ("understanding_demand", "understanding of demand", "outstanding"),
        ("using_resources", "use of resources to manage demand", "good"),
    ]
    # "not yet graded" is pending, no judgment; the 2015 grade is history, never current.
    assert [(e.area.id, e.grade.value, e.cycle) for e in report.earlier_judgments] == [
        ("efficiency", "good", "2015")
    ]
    efficiency = next(j for j in report.judgments if j.area.id == "efficiency")
    assert [s.line for s in efficiency.evidence] == [16, 7, 14]  # sentence in its section, pillar line, label


NEWS_2021 = """Cleveland Police rated 'inadequate' in three areas

The PEEL 2021/22 inspection of Cleveland Police was published on Friday.

Inspectors rated the force good at preventing crime and anti-social behaviour, but inadequate in \
responding to the public, investigating crime and protecting vulnerable people.

The areas found to require improvement were managing offenders and suspects, and building, supporting and \
protecting the workforce.

A grade of ‘Adequate’ was awarded for two areas - treatment of the public, and strategic planning, \
organisational management and value for money.

Neighbouring Durham Constabulary was rated outstanding at investigating crime.

Across England and Wales, 12 forces were graded inadequate at responding to the public.

Cleveland Police was graded good at responding to the public in 2019.
"""


def test_judgments_prose_lists_one_judgment_per_area_named() -> None:
    report = extract_text(NEWS_2021, "cleveland-news.txt")
    # Titled by the short names the 2021/22 pages give the areas, whatever words the article uses.
    assert sorted(_judgments(report)) == [
        ("investigating_crime", "Investigating crime", "inadequate"),
        ("leadership_force_management", "Good use of resources", "adequate"),
        ("managing_offenders_suspects", "Managing offenders", "requires_improvement"),
        ("police_powers_public_treatment", "Treatment of the public", "adequate"),
        ("preventing_crime", "Preventing crime", "good"),
        ("protecting_vulnerable_people", "Protecting vulnerable people", "inadequate"),
        ("responding_to_public", "Responding to the public", "inadequate"),
        ("workforce", "Developing a positive workplace", "requires_improvement"),
    ]
    # Durham's grade and the national count are no grades of Cleveland; 2019's is history.
    assert [(e.area.id, e.grade.value, e.cycle) for e in report.earlier_judgments] == [
        ("responding_to_public", "good", "2019")
    ]
    assert "grade-conflict" not in _codes(report)


def test_judgments_not_graded_in_these_areas_takes_each_area_just_named() -> None:
    text = """PEEL 2021/22: an inspection of Merseyside Police

We also inspected how well Merseyside Police meets the strategic policing requirement, and how well it \
protects the public from armed threats. We do not make graded judgments in these areas.
"""
    report = extract_text(text, "merseyside.txt")
    assert sorted((j.area.id, j.grade.value) for j in report.judgments) == [
        ("specialist_capabilities", "not_graded"),
        ("strategic_policing_requirement", "not_graded"),
    ]


def test_judgments_this_grade_points_back_at_the_grade_named_before() -> None:
    text = """Avon and Somerset Constabulary inspection report published

A new grade of ‘Adequate’ was added to the scale this time, between good and requires improvement.

Avon and Somerset Constabulary has received this grade in relation to investigating crime and managing \
offenders.
"""
    report = extract_text(text, "avon-news.txt")
    assert sorted((j.area.id, j.grade.value) for j in report.judgments) == [
        ("investigating_crime", "adequate"),
        ("managing_offenders_suspects", "adequate"),
    ]


def test_judgments_bullets_and_the_force_after_another_force_are_that_force() -> None:
    text = """PEEL 2017: legitimacy findings for Kent Police

Kent Police was inspected with the other forces in the region. This page gives Kent Police's results.

HMICFRS judged that Essex Police:

- is ‘good’ at treating all of the people it serves with fairness and respect;

- is ‘outstanding’ at treating its workforce with fairness and respect.

Essex Police has been assessed as good in the legitimacy with which it keeps people safe. The force is \
outstanding at how well it ensures its workforce behaves ethically and lawfully.

HMICFRS judged that Kent Police:

- is ‘outstanding’ at treating all of the people it serves with fairness and respect.
"""
    report = extract_text(text, "kent-2017.txt")
    assert report.document.force is not None and report.document.force.id == "kent"
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [
        ("police_powers_public_treatment", "outstanding")
    ]


def test_judgments_we_also_judged_goes_on_from_an_earlier_sentence() -> None:
    text = """PEEL 2018/19: Wiltshire Police

Wiltshire Police is good at investigating crime.

In 2017, we judged the force to be outstanding at preventing crime and tackling anti-social behaviour. \
We also judged it to be good at tackling serious and organised crime.
"""
    report = extract_text(text, "wiltshire-2018.txt")
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [("investigating_crime", "good")]
    assert [(e.area.id, e.grade.value, e.cycle) for e in report.earlier_judgments] == [
        ("preventing_crime", "outstanding", "2017"),
        ("serious_organised_crime", "good", "2017"),
    ]


def test_judgments_area_not_graded_in_the_cycles_years_is_not_attributed() -> None:
    text = """PEEL 2021/22: an inspection of Gwent Police

Gwent Police's understanding of demand is good.
"""
    report = extract_text(text, "gwent.txt")
    assert report.judgments == []
    assert "unattributed-grade" in _codes(report)


def test_judgments_earlier_grade_in_this_area_and_no_guess_for_a_finding() -> None:
    news = """Norfolk Constabulary inspection results

Norfolk Constabulary was rated ‘good’ for its work in investigating crime. This is an improvement on the \
‘requires improvement’ grading it received in this area in 2022.
"""
    report = extract_text(news, "norfolk-news.txt")
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [("investigating_crime", "good")]
    assert [(e.area.id, e.grade.value, e.cycle) for e in report.earlier_judgments] == [
        ("investigating_crime", "requires_improvement", "2022")
    ]
    page = """PEEL 2023–25: an inspection of Norfolk Constabulary

Responding to the public

Norfolk Constabulary is adequate at responding to the public.

In 2021, we judged the force to be good at answering emergency calls quickly.
"""
    report = extract_text(page, "norfolk-2023.txt")
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [("responding_to_public", "adequate")]
    assert report.earlier_judgments == []  # a finding's old grade is no area's earlier judgment
