"""Grades stated by layout: labels under question headings, list lines, grouped lines, and lists of
areas and grade labels read as a whole (which way round the pairs go), in other forces' words."""

from __future__ import annotations

import pytest

from extractor.finders.grade_lists import area_of_title, find_line_runs, find_list_line, split_areas
from extractor.finders.grids import find_listed_grades
from schemas import Grade, Report
from tests.conftest import extract_text

G = Grade


def _judgments(report: Report) -> list[tuple[str | None, str, str]]:
    return [(j.area.id, j.area.title, j.grade.value) for j in report.judgments]


def _grades(report: Report) -> dict[str | None, str]:
    return {j.area.id: j.grade.value for j in report.judgments}


def _codes(report: Report) -> list[str]:
    return [w.code for w in report.warnings]


# --------------------------------------------------------------------------- 2014-2019 label lines

WEB_PAGE_WRAPPED = """Skip to content

Humberside PEEL 2016

How effective is the force at keeping people safe and
reducing crime?

To be graded

The graded judgments for this pillar will be published in the spring.

How efficient is the force at keeping people safe and
reducing crime?

Last updated 08/11/2016
Outstanding

Humberside Police makes very good use of its money and people, and plans well ahead.

How legitimate is the force at keeping people
safe and reducing crime?
Last updated 08/12/2016
Requires improvement

The constabulary's officers do not always record why they stop people.

Questions for Legitimacy

1

How well does the force ensure that its workforce behaves ethically and lawfully?

Ungraded

This question was not looked at in the year of this page.
"""


def test_layout_labels_under_wrapped_question_headings_and_a_pending_pillar() -> None:
    report = extract_text(WEB_PAGE_WRAPPED, "humberside-2016.txt")
    # A pillar goes by its name, not by its question's words (issue 13, sentences).
    assert _judgments(report) == [
        ("efficiency", "Efficiency", "outstanding"),
        ("legitimacy", "Legitimacy", "requires_improvement"),
        (
            "ethical_workforce_conduct",
            "How well does the force ensure that its workforce behaves ethically and lawfully?",
            "not_graded",
        ),
    ]
    # "To be graded" is no grade: effectiveness has no judgment, and the page says so once.
    pending = [w for w in report.warnings if w.code == "grade-pending"]
    assert len(pending) == 1 and "How effective is the force" in pending[0].message
    assert "unattributed-grade" not in _codes(report)


PILLAR_2018 = """Skip to content

Durham PEEL 2018

Legitimacy

How legitimately does the force treat the public and its workforce?

Last updated 02/05/2019
Good

Durham Constabulary treats the people it serves with fairness and respect.

Questions for Legitimacy

1

To what extent does the force treat all of the people it serves with fairness and respect?

Outstanding

The force listens to its communities and acts on what they tell it.
"""


def test_layout_pillar_heading_its_2018_question_a_date_line_then_the_label() -> None:
    report = extract_text(PILLAR_2018, "durham-2018.txt")
    assert _grades(report) == {"legitimacy": "good", "police_powers_public_treatment": "outstanding"}
    assert report.warnings == []


# A page listing each question with its label and nothing between: each label follows its own
# question, so the first label is not the second question's (as a grid read by columns would say).
QUESTION_LIST = """Questions for Effectiveness
1
How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?
Requires improvement
2
How effective is the force at investigating crime and reducing re-offending?
Good
3
How effective is the force at protecting those who are vulnerable from harm, and supporting victims?
Inadequate
Read the full report for Avon and Somerset Constabulary, published in March.
"""


def test_layout_questions_each_followed_by_their_label_are_pairs() -> None:
    report = extract_text(QUESTION_LIST, "avon-2017.txt")
    assert _grades(report) == {
        "preventing_crime": "requires_improvement",
        "investigating_crime": "good",
        "protecting_vulnerable_people": "inadequate",
    }
    assert "ambiguous-grade-list" not in _codes(report)


# --------------------------------------------------------------------------- list lines


@pytest.mark.parametrize(
    ("line", "grade", "areas"),
    [
        ("Recording data about crime - Adequate", G.ADEQUATE, ["crime_data_integrity"]),
        ("Investigating crime: requires improvement", G.REQUIRES_IMPROVEMENT, ["investigating_crime"]),
        ("• Responding to the public: Inadequate", G.INADEQUATE, ["responding_to_public"]),
        ("Crime data integrity – graded as outstanding", G.OUTSTANDING, ["crime_data_integrity"]),
        ("Protecting vulnerable people — rated ‘good’", G.GOOD, ["protecting_vulnerable_people"]),
        (
            "Managing offenders and suspects – requiring improvement;",
            G.REQUIRES_IMPROVEMENT,
            ["managing_offenders_suspects"],
        ),
        ("Preventing crime and anti-social behaviour (Good)", G.GOOD, ["preventing_crime"]),
        (
            "2. Leadership and force management – Adequate (2 AFIs)",
            G.ADEQUATE,
            ["leadership_force_management"],
        ),
        ("Good use of resources: “Outstanding”", G.OUTSTANDING, ["leadership_force_management"]),
        ("Good: Building, supporting and protecting the workforce", G.GOOD, ["workforce"]),
        (
            "Requires improvement – Strategic planning, organisational management and value for money",
            G.REQUIRES_IMPROVEMENT,
            ["leadership_force_management"],
        ),
        # grouped lines: one entry per area, though titles hold commas and "and" themselves
        (
            "Responding to the public, Investigating crime and Protecting vulnerable people – adequate",
            G.ADEQUATE,
            ["responding_to_public", "investigating_crime", "protecting_vulnerable_people"],
        ),
        (
            "Engaging with and treating the public with fairness and respect; Building, supporting and "
            "protecting the workforce – Good",
            G.GOOD,
            ["police_powers_public_treatment", "workforce"],
        ),
        # a flattened table's row, and a grade leading its areas: only a known area makes them list lines
        ("Investigating crime Requires improvement", G.REQUIRES_IMPROVEMENT, ["investigating_crime"]),
        (
            "Good at preventing crime and managing offenders",
            G.GOOD,
            ["preventing_crime", "managing_offenders_suspects"],
        ),
        (
            "Adequate: preventing crime, managing offenders & developing a positive workplace",
            G.ADEQUATE,
            ["preventing_crime", "managing_offenders_suspects", "workforce"],
        ),
    ],
)
def test_layout_list_lines_in_every_order_and_separator(line: str, grade: Grade, areas: list[str]) -> None:
    found = find_list_line(line)
    assert found is not None
    assert found.grade is grade
    assert [part.area_id for part in found.areas] == areas


@pytest.mark.parametrize(
    "line",
    [
        "The extent to which the force is efficient at keeping people safe and reducing crime is: good.",
        "Outstanding – the force has substantially exceeded the characteristics of good performance",
        "Good – we found the force had most of what good looks like",
        "Crime prevention work with partners is good and improving in the west of the county.",
        "Investigating crime – the force needs to improve its supervision",
        "Good at engaging with its communities",
        "Partnership working Good",
    ],
)
def test_layout_sentences_and_scale_definitions_are_no_list_lines(line: str) -> None:
    assert find_list_line(line) is None


@pytest.mark.parametrize(
    ("title", "area_id"),
    [
        ("Engaging with and treating the public with fairness and respect", "police_powers_public_treatment"),
        ("Building, supporting and protecting the workforce", "workforce"),
        ("Strategic planning, organisational management and value for money", "leadership_force_management"),
        ("Managing offenders and suspects", "managing_offenders_suspects"),
        ("Developing a positive workplace (supporting and protecting the workforce)", "workforce"),
        ("Treating people fairly and with respect", "police_powers_public_treatment"),
        ("‘Good use of resources’", "leadership_force_management"),
        ("How well does the force use its resources to meet the demand it faces?", "using_resources"),
        ("Neighbourhood policing", None),
    ],
)
def test_layout_area_titles_as_lists_write_them(title: str, area_id: str | None) -> None:
    assert area_of_title(title) == area_id


def test_layout_a_group_with_an_unknown_part_is_one_unknown_title() -> None:
    # No guess where the areas are: the whole group stays one title, outside the taxonomy.
    assert [(p.text, p.area_id) for p in split_areas("Investigating crime and partnership working")] == [
        ("Investigating crime and partnership working", None)
    ]


BULLET_NEWS = """Avon and Somerset Police results published

The police inspectorate has published its latest PEEL report on Avon and Somerset Police.
The force was graded as follows:

• Preventing crime and anti-social behaviour: Good
• Responding to the public – requires improvement
• Investigating crime, Protecting vulnerable people and Managing offenders and suspects – Adequate
• Local partnership working – Good

The chief constable said the force would act on every finding.
"""


def test_layout_bullet_news_list_with_a_group_and_an_unknown_area() -> None:
    report = extract_text(BULLET_NEWS, "avon-news.txt")
    assert _judgments(report) == [
        ("preventing_crime", "Preventing crime and anti-social behaviour", "good"),
        ("responding_to_public", "Responding to the public", "requires_improvement"),
        ("investigating_crime", "Investigating crime", "adequate"),
        ("protecting_vulnerable_people", "Protecting vulnerable people", "adequate"),
        ("managing_offenders_suspects", "Managing offenders and suspects", "adequate"),
        (None, "Local partnership working", "good"),
    ]
    unknown = [w for w in report.warnings if w.code == "unknown-area"]
    assert len(unknown) == 1 and "Local partnership working" in unknown[0].message


def test_layout_a_lone_line_naming_no_known_area_is_no_judgment() -> None:
    text = (
        "Dyfed-Powys Police PEEL 2023–25\nWhat the inspectors saw:\n- The force's new headquarters – good\n"
        "- Officers from every district\nThe rest is prose.\n"
    )
    report = extract_text(text, "dyfed.txt")
    assert report.judgments == []


# --------------------------------------------------------------------------- lists read as a whole

PAIRS = [
    "Her Majesty's inspectors graded Cleveland Police as follows:",
    "Police powers and public treatment",
    "Adequate",
    "Preventing crime",
    "Good",
    "Responding to the public",
    "Inadequate",
    "Strategic planning, organisational management and",
    "value for money",
    "Requires improvement",
    "The force said it accepted the findings.",
]


def test_layout_area_then_grade_pairs_each_grade_follows_its_area() -> None:
    listed = find_listed_grades(PAIRS)
    assert [(c.text, c.grade) for c in listed.cells] == [
        ("Police powers and public treatment", G.ADEQUATE),
        ("Preventing crime", G.GOOD),
        ("Responding to the public", G.INADEQUATE),
        ("Strategic planning, organisational management and value for money", G.REQUIRES_IMPROVEMENT),
    ]
    # The entries stand at their labels; only the labels are the list's own lines.
    assert [c.row for c in listed.cells] == [2, 4, 6, 9]
    assert listed.covered == {2, 4, 6, 9} and listed.doubts == []


def test_layout_grade_then_areas_with_2021_short_names_and_blank_lines() -> None:
    text = (
        "The inspectorate's report is out. Dorset Police received these grades:\n\n"
        "Good\n\nTreatment of the public\n\nManaging offenders\n\n"
        "Adequate\n\nGood use of resources\n\nRequires improvement\n\nDeveloping a positive workplace\n\n"
        "Responding to the public\n\nThe commissioner welcomed the report and the work it sets out.\n"
    )
    report = extract_text(text, "dorset-news.txt")
    assert _grades(report) == {
        "police_powers_public_treatment": "good",
        "managing_offenders_suspects": "good",
        "leadership_force_management": "adequate",
        "workforce": "requires_improvement",
        "responding_to_public": "requires_improvement",
    }


def test_layout_news_pairs_with_headings_grade_each_area_by_its_own_label() -> None:
    lines = "\n".join(PAIRS[1:10])
    text = f"Cleveland Police inspection results\n{PAIRS[0]}\n{lines}\nThe force accepted the findings.\n"
    report = extract_text(text, "cleveland-news.txt")
    assert _grades(report) == {
        "police_powers_public_treatment": "adequate",
        "preventing_crime": "good",
        "responding_to_public": "inadequate",
        "leadership_force_management": "requires_improvement",
    }
    assert "unattributed-grade" not in _codes(report)


def test_layout_a_list_that_reads_either_way_gives_nothing_and_says_why() -> None:
    texts = ["Good", "Investigating crime", "Adequate", "Responding to the public", "Good", "The end of it."]
    listed = find_listed_grades(texts)
    assert listed.cells == [] and listed.covered == {0, 1, 2, 3, 4}
    assert listed.doubts and "either may come first" in listed.doubts[0][1]


def test_layout_a_flattened_table_header_gives_nothing() -> None:
    texts = [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Preventing crime",
        "Investigating crime",
    ]
    listed = find_listed_grades(texts)
    assert listed.cells == [] and "header" in listed.doubts[0][1]


def test_layout_an_unknown_title_inside_pairs_is_an_unknown_area() -> None:
    texts = [
        "Investigating crime",
        "Good",
        "Neighbourhood engagement",
        "Adequate",
        "Preventing crime",
        "Inadequate",
    ]
    listed = find_listed_grades(texts)
    assert [(c.text, c.grade) for c in listed.cells] == [
        ("Investigating crime", G.GOOD),
        ("Neighbourhood engagement", G.ADEQUATE),
        ("Preventing crime", G.INADEQUATE),
    ]


def test_layout_an_unknown_title_ending_a_grid_under_its_last_label() -> None:
    texts = [
        "Good",
        "Preventing crime",
        "Investigating crime",
        "Inadequate",
        "Local partnerships",
        "The force is working with its partners to improve.",
    ]
    listed = find_listed_grades(texts)
    assert [(c.text, c.grade) for c in listed.cells][-1] == ("Local partnerships", G.INADEQUATE)


TWO_FORCES = """Merseyside Police and Cheshire Constabulary inspected

Merseyside Police was graded as follows:
Investigating crime – Good
Responding to the public – Adequate
Protecting vulnerable people – Good

Neighbouring Cheshire Constabulary received:
Investigating crime – Requires improvement
Responding to the public – Inadequate

Merseyside Police said it was proud of its officers, and Merseyside's commissioner agreed with it.
"""


def test_layout_another_forces_list_on_the_same_page_is_not_this_forces() -> None:
    report = extract_text(TWO_FORCES, "merseyside-news.txt")
    assert report.document.force and report.document.force.id == "merseyside"
    assert _grades(report) == {
        "investigating_crime": "good",
        "responding_to_public": "adequate",
        "protecting_vulnerable_people": "good",
    }
    assert _codes(report).count("other-force-grades") == 1
    assert "grade-conflict" not in _codes(report)


def test_layout_another_forces_pairs_list_is_not_this_forces() -> None:
    text = (
        "Gwent Police PEEL 2023–25: Gwent Police is good at preventing crime.\n"
        "For comparison, Dyfed-Powys Police was graded:\n"
        "Investigating crime\nInadequate\nPreventing crime\nAdequate\n"
        "The two forces share some of their specialist teams across the region.\n"
    )
    report = extract_text(text, "gwent-news.txt")
    assert _grades(report) == {"preventing_crime": "good"}
    assert "other-force-grades" in _codes(report)


def test_layout_a_list_led_in_as_an_earlier_inspection_is_not_current() -> None:
    text = (
        "Kent Police PEEL 2023–25\nKent Police is good at investigating crime.\n"
        "In its previous inspection the force was graded:\n"
        "Investigating crime – Requires improvement\nResponding to the public – Inadequate\n"
        "Both have improved since then, inspectors said in the new report.\n"
    )
    report = extract_text(text, "kent-news.txt")
    assert _grades(report) == {"investigating_crime": "good"}
    assert "earlier-grades" in _codes(report)


def test_layout_a_list_on_another_scale_is_no_peel_list() -> None:
    text = (
        "Northumbria's assessment in each area was as follows:\n"
        "Tackling crime—Good\nProtecting vulnerable people—Fair\nNeighbourhood policing—Poor\n"
        "Investigating crime—Good\n"
    )
    runs = find_line_runs(text.splitlines())
    assert [r.other_scale for r in runs] == [("Fair", "Poor")]
    report = extract_text("HMIC assessed Northumbria Police in 2016.\n" + text, "northumbria.txt")
    assert report.judgments == []
    assert "other-scale-grades" in _codes(report)


NEWS_HTML = """<html><head><title>Northumbria Police PEEL results</title></head><body>
<h1>Northumbria Police inspection results</h1>
<p>The police inspectorate published its PEEL report on Northumbria Police today. It graded the force:</p>
<ul>
<li>Investigating crime: good</li>
<li>Responding to the public – requires improvement</li>
<li>Protecting vulnerable people and Managing offenders and suspects – adequate</li>
</ul>
<p>Inspectors graded Northumbria Police's other areas as follows:</p>
<p>Preventing crime</p><p>Outstanding</p>
<p>Leadership and force management</p><p>Good</p>
<p>The chief constable thanked officers for their work across the region.</p>
</body></html>"""


def test_layout_html_news_with_a_bulleted_list_and_paragraph_pairs() -> None:
    report = extract_text(NEWS_HTML, "northumbria-news.html")
    assert _grades(report) == {
        "investigating_crime": "good",
        "responding_to_public": "requires_improvement",
        "protecting_vulnerable_people": "adequate",
        "managing_offenders_suspects": "adequate",
        "preventing_crime": "outstanding",
        "leadership_force_management": "good",
    }
    # The pairs' labels stand in paragraphs under no heading: read by the list, not left unattributed.
    assert "unattributed-grade" not in _codes(report)


def test_layout_pillar_heading_then_a_date_line_then_its_label() -> None:
    text = (
        "Skip to content\n\nSurrey PEEL 2017\n\nEfficiency\n\n"
        "Last updated 09/11/2017\nRequires improvement\n\n"
        "Surrey Police needs to understand the demand it faces better than it does now.\n"
    )
    report = extract_text(text, "surrey-2017.txt")
    assert _judgments(report) == [("efficiency", "Efficiency", "requires_improvement")]


def test_layout_two_column_rows_either_way_round_and_grouped() -> None:
    text = (
        "PEEL 2023–25: Lancashire Constabulary\nGrade\tAreas\n"
        "Good\tInvestigating crime, Responding to the public\n"
        "Requires improvement\tProtecting vulnerable people\n"
        "Managing offenders and suspects\tAdequate\n"
        "Lancashire Constabulary said it would study the report.\n"
    )
    report = extract_text(text, "lancashire-table.txt")
    assert _grades(report) == {
        "investigating_crime": "good",
        "responding_to_public": "good",
        "protecting_vulnerable_people": "requires_improvement",
        "managing_offenders_suspects": "adequate",
    }


# --------------------------------------------------------------------------- hard line breaks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # a list of areas broken off on "and", its last area on the next line
            "PEEL 2021/22: Eastshire Police\n\n"
            "The inspectorate said the areas requiring improvement are investigating crime; protecting "
            "vulnerable people; building, supporting and protecting the workforce, and\n"
            "strategic planning, organisational management and value for money.\n",
            {
                "investigating_crime": "requires_improvement",
                "protecting_vulnerable_people": "requires_improvement",
                "workforce": "requires_improvement",
                "leadership_force_management": "requires_improvement",
            },
        ),
        (
            # the grade words themselves broken over two lines, the area in quotes
            "PEEL 2023–25: Northshire Constabulary\n\n"
            "The inspection report also shows that ‘Recording data about crime’ now Requires\n"
            "Improvement at Northshire. It was graded good at the last inspection two years ago, and it\n"
            "has slipped since.\n",
            {"crime_data_integrity": "requires_improvement"},
        ),
    ],
)
def test_grade_sentence_broken_by_hard_line_breaks(text: str, expected: dict[str, str]) -> None:
    assert _grades(extract_text(text)) == expected


# --------------------------------------------------------------------------- one pillar's report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # the page says which pillar's report it is about; the grade names no area
            "Reply to HMIC PEEL: Police Efficiency 2016 – Southshire Constabulary\n\n"
            "Southshire Constabulary has been judged as good in the inspectorate's latest PEEL review.\n",
            {"efficiency": "good"},
        ),
        (
            "Federation news\n\nInspectors considered the constabulary's effectiveness in the latest PEEL "
            "inspection.\n\nThe constabulary has been rated 'requires improvement' in the PEEL review.\n",
            {"effectiveness": "requires_improvement"},
        ),
    ],
)
def test_grade_of_a_one_pillar_report_goes_to_that_pillar(text: str, expected: dict[str, str]) -> None:
    assert _grades(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two pillars named at the top: which one is not said
        "PEEL: police efficiency and police legitimacy 2016\n\n"
        "Eastshire Police has been graded as good in the PEEL review.\n",
        # from 2018/19 one report covers every pillar
        "PEEL: Police effectiveness, efficiency and legitimacy 2018/19\n\nThe efficiency report\n\n"
        "Eastshire Police has been graded as good in the PEEL review.\n",
    ],
)
def test_grade_naming_no_area_without_one_pillar_in_scope_is_unattributed(text: str) -> None:
    report = extract_text(text)
    assert report.judgments == []
    assert "unattributed-grade" in _codes(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in this area" outside any section: the one area the sentence before names
        (
            "PEEL 2023–25: Northshire Constabulary\n\nAt our 2021/22 inspection, the constabulary was "
            "graded requires improvement at responding to the public. It is now good in this area.\n",
            {"responding_to_public": "good"},
        ),
        # ... none where that sentence names two areas, or none
        (
            "PEEL 2023–25: Northshire Constabulary\n\nThe constabulary has worked on preventing crime and "
            "managing offenders. It is now adequate in this area.\n",
            {},
        ),
    ],
)
def test_grade_in_this_area_points_back_at_the_area_just_named(text: str, expected: dict[str, str]) -> None:
    assert _grades(extract_text(text)) == expected
