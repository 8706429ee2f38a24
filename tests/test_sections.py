"""Section tree: area sections of the samples against the gold headings, parts, contents, variants."""

from __future__ import annotations

import pytest

from schemas import Section
from tests.conftest import extract_text, gold, sample_report


def _walk(sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    for section in sections:
        out.append(section)
        out.extend(_walk(section.children))
    return out


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_sections_area_sections_match_gold_headings(prefix: str) -> None:
    report = sample_report(prefix)
    areas = [s for s in _walk(report.sections) if s.kind.value == "area"]
    expected = [(g["area"], g["heading_line"]) for g in gold(prefix)["grades"]]
    assert sorted((s.title, s.span.line) for s in areas) == sorted(expected)
    assert {s.level for s in areas} == {1}
    assert all(s.area_id for s in areas)


def test_sections_004_parts_of_an_area() -> None:
    report = sample_report("004")
    fraud = next(s for s in report.sections if s.area_id == "managing_fraud")
    assert [(c.title, c.kind.value, c.level) for c in fraud.children] == [
        ("Innovative practice", "innovative_practice", 2),
        ("Areas for improvement", "areas_for_improvement", 2),
        ("Main findings", "main_findings", 2),
    ]
    afis = fraud.children[1].children
    assert [s.level for s in afis] == [3, 3]
    assert afis[0].title.startswith("To fully understand how fraud affects its communities")


def test_sections_004_contents_is_one_section_without_children() -> None:
    report = sample_report("004")
    contents = [s for s in report.sections if s.title == "Contents"]
    assert len(contents) == 1 and contents[0].children == []
    # Every area is opened once, at its own heading, not at its contents line.
    assert len([s for s in _walk(report.sections) if s.kind.value == "area"]) == 8


def test_sections_000_summary_parts_and_findings() -> None:
    report = sample_report("000")
    summary = report.sections[0]
    assert (summary.title, summary.kind.value) == ("Overall summary", "summary")
    assert [c.title for c in summary.children] == [
        "Our judgments",
        "PEEL 2023–2025",
        "Terminology in this report",
        "HM Inspector’s summary",
    ]
    investigating = next(s for s in report.sections if s.area_id == "investigating_crime")
    main = investigating.children[0]
    assert (main.kind.value, main.level) == ("main_findings", 2)
    assert main.children[0].title == (
        "The force has an effective management structure that provides appropriate oversight "
        "of investigations"
    )
    assert {c.kind.value for c in main.children} == {"finding"}


def test_sections_back_matter_heading_naming_an_area_is_no_area() -> None:
    # "Victim Service Assessment" inside the methodology annex is not the victims area again.
    report = sample_report("000")
    victim = [s for s in _walk(report.sections) if s.title.lower() == "victim service assessment"]
    assert victim and all(s.kind.value == "other" for s in victim)


VARIANT = """Contents
Overall summary\t1
Investigating crime\t4
Overall summary
Our judgments
Our inspection assessed how good Wiltshire Police is in eight areas of policing.
Investigating crime
Wiltshire Police is inadequate at investigating crime.
Causes of concern
The force is not investigating crime well enough
We found that the force does not supervise investigations effectively, as set out below.
Recommendations
By 1 March 2025, the force should review its supervision of investigations and act on the review.
Main findings
The force needs to improve its supervision of investigations
In 12 of the 40 cases we reviewed, supervision was not effective or timely enough.
Protecting vulnerable people
Wiltshire Police is good at protecting vulnerable people.
About the data
Data in this report is from a range of sources.
"""


def test_sections_variant_report_of_another_force() -> None:
    report = extract_text(VARIANT)
    tree = [(s.title, s.level, s.kind.value) for s in _walk(report.sections)]
    assert tree == [
        ("Contents", 1, "other"),
        ("Overall summary", 1, "summary"),
        ("Our judgments", 2, "summary"),
        ("Investigating crime", 1, "area"),
        ("Causes of concern", 2, "causes_of_concern"),
        ("The force is not investigating crime well enough", 3, "other"),
        ("Recommendations", 2, "recommendations"),
        ("Main findings", 2, "main_findings"),
        ("The force needs to improve its supervision of investigations", 3, "finding"),
        ("Protecting vulnerable people", 1, "area"),
        ("About the data", 1, "other"),
    ]


def test_sections_numbered_scrutiny_headings_nest_areas() -> None:
    text = (
        "3. Inspections\nThe PCC reviews every inspection report HMICFRS publishes about the force.\n"
        "3.1 PEEL 2023/25 – An Inspection of Suffolk Constabulary\n"
        "HMICFRS published the report in 2024 and the PCC has considered it with the Chief Constable.\n"
        "Investigating Crime – Adequate (2 AFIs)\n"
        "The report recognises the work undertaken in respect of investigations in the last year.\n"
    )
    report = extract_text(text)
    tree = [(s.title, s.level, s.kind.value, s.area_id) for s in _walk(report.sections)]
    assert tree == [
        ("3. Inspections", 1, "other", None),
        ("3.1 PEEL 2023/25 – An Inspection of Suffolk Constabulary", 2, "other", None),
        ("Investigating Crime – Adequate (2 AFIs)", 3, "area", "investigating_crime"),
    ]


def test_sections_no_area_warns() -> None:
    report = extract_text(
        "HMICFRS inspection\nA note about PEEL with no areas in it at all, as it happens.\n"
    )
    assert "no-area-sections" in [w.code for w in report.warnings]


def test_sections_parts_without_an_area_heading_stand_side_by_side() -> None:
    # A letter or page with no area heading: each part holds only its own items.
    report = extract_text(
        "PEEL 2023–25: Lancashire Constabulary\n\nAreas for improvement\n\n"
        "The constabulary should improve how it records crime.\n"
        "The constabulary needs to make sure victims are kept informed.\n\n"
        "Cause of concern\n\nThe constabulary is not answering emergency calls quickly enough.\n\n"
        "Recommendations\n\nWithin three months, the constabulary should review its call handling.\n"
    )
    assert [s.kind.value for s in report.sections] == [
        "areas_for_improvement",
        "causes_of_concern",
        "recommendations",
    ]
    assert [a.text.split()[2] for a in report.areas_for_improvement] == ["should", "needs"]
    assert [c.text.split()[2] for c in report.causes_of_concern] == ["is"]
    assert len(report.recommendations) == 1
