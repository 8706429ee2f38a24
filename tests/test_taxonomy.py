"""Area taxonomy: one id per area of policing across cycles, titles and short forms, headings vs findings."""

from __future__ import annotations

import pytest

from extractor.vocab.areas import area_title, areas, find_area_mentions, match_area, normalise_title


def test_taxonomy_ids_are_unique_and_every_alias_names_one_area() -> None:
    ids = [area.id for area in areas()]
    assert len(ids) == len(set(ids))
    owners: dict[str, set[str]] = {}
    for area in areas():
        for name in area.names():
            owners.setdefault(normalise_title(name), set()).add(area.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_taxonomy_every_cycle_title_maps_to_its_own_area() -> None:
    for area in areas():
        assert area.titles or area.id in {"managing_fraud"}, area.id
        for cycle, title in area.titles:
            assert cycle in area.cycles, (area.id, cycle)
            assert match_area(title) == area.id, (area.id, cycle, title)


RENAMES = [
    # One id for each area of policing across the inspectorate's renames.
    ("Police powers and public treatment", "police_powers_public_treatment"),
    ("Treating the public fairly", "police_powers_public_treatment"),
    ("Using powers fairly, appropriately and with justification", "police_powers_public_treatment"),
    ("Engaging with and treating the public with fairness and respect", "police_powers_public_treatment"),
    ("Treatment of the public", "police_powers_public_treatment"),
    ("Protecting vulnerable people", "protecting_vulnerable_people"),
    ("Safeguarding children and adults at risk of harm", "protecting_vulnerable_people"),
    ("Safeguarding children and adults", "protecting_vulnerable_people"),
    ("Developing a positive workplace", "workforce"),
    ("Building, supporting and protecting the workforce", "workforce"),
    (
        "Attracting, developing and retaining the workforce and creating a diverse and inclusive workplace",
        "workforce",
    ),
    ("Developing a diverse and inclusive workforce", "workforce"),
    ("Preventing and deterring crime", "preventing_crime"),
    ("Preventing crime and anti-social behaviour", "preventing_crime"),
    ("Preventing, Deterring Crime and ASB and Reducing Vulnerability", "preventing_crime"),
    ("Strategic Planning, Organisational Management and Value for Money", "leadership_force_management"),
    ("Good use of resources", "leadership_force_management"),
    ("Leadership and force management", "leadership_force_management"),
    ("Disrupting serious organised crime", "serious_organised_crime"),
    ("Tackling Workforce Corruption", "workforce_corruption"),
    ("Recording data about crime", "crime_data_integrity"),
    ("Victim service assessment", "victim_service"),
    ("Managing fraud", "managing_fraud"),
    # The 2014-2019 questions and pillars.
    ("How effective is the force at keeping people safe and reducing crime?", "effectiveness"),
    ("How effective is the force at investigating crime and reducing re-offending?", "investigating_crime"),
    ("How effective is the force at investigating crime and managing offenders?", "investigating_crime"),
    ("How effective are the force's specialist capabilities?", "specialist_capabilities"),
    (
        "How well does the force ensure that its workforce behaves ethically and lawfully?",
        "ethical_workforce_conduct",
    ),
    ("How well is the force planning for demand in the future?", "planning_for_future"),
    ("Planning for the future", "planning_for_future"),
    ("Meeting current demands and using resources", "using_resources"),
    ("How well does the force understand demand?", "understanding_demand"),
    ("Legitimacy", "legitimacy"),
    ("Efficiency", "efficiency"),
]


@pytest.mark.parametrize(("title", "area_id"), RENAMES, ids=[t for t, _ in RENAMES])
def test_taxonomy_titles_across_cycles(title: str, area_id: str) -> None:
    assert match_area(title) == area_id


@pytest.mark.parametrize(
    ("title", "area_id"),
    [
        ("3.1 Investigating crime (Requires Improvement)", "investigating_crime"),
        ("Responding to the Public – Requires Improvement (4 AFIs)", "responding_to_public"),
        ("Managing Offenders and Suspects - Adequate (Two AFIs)", "managing_offenders_suspects"),
        ("HMICFRS PEEL Inspection 2021/22Victim service assessment", "victim_service"),
        ("PREVENTING CRIME & ANTI-SOCIAL BEHAVIOUR", "preventing_crime"),
        (
            "Safegaurding children and adults at risk of harm",
            "protecting_vulnerable_people",
        ),  # PDF misspelling
    ],
)
def test_taxonomy_decorated_and_damaged_headings(title: str, area_id: str) -> None:
    assert match_area(title) == area_id


@pytest.mark.parametrize(
    "title",
    [
        "The force safeguards children and adults at risk of harm",
        "The force investigates crime well",
        "Main findings",
        "Leadership",  # the leadership narrative section of 2023-25 reports, not an area
        "Community engagement",
        "",
    ],
)
def test_taxonomy_finding_headings_and_unknown_titles_name_no_area(title: str) -> None:
    assert match_area(title) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Investigating Crime – Requires Improvement (3 AFIs)", "Investigating Crime"),
        ("Crime data integrity (Outstanding)", "Crime data integrity"),
        ("HMICFRS PEEL Inspection 2021/22Victim service assessment", "Victim service assessment"),
        ("PEEL 2023/25Responding to the public", "Responding to the public"),
        ("2. Investigating crime", "Investigating crime"),
        ("Protecting vulnerable people", "Protecting vulnerable people"),
    ],
)
def test_taxonomy_area_title_as_written(title: str, expected: str) -> None:
    assert area_title(title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Although our victim service assessment is ungraded", ["victim_service"]),
        (
            "We also inspected how effective a service Lincolnshire Police gives to victims of crime.",
            ["victim_service"],
        ),
        ("The force's specialist capabilities are not graded", ["specialist_capabilities"]),
        ("Crime data integrity was inspected separately", ["crime_data_integrity"]),
        ("Officers answer calls quickly.", []),
    ],
)
def test_taxonomy_area_mentions_in_running_text(text: str, expected: list[str]) -> None:
    assert find_area_mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how effectively it keeps people safe and reduces crime", ["effectiveness"]),
        ("the effectiveness with which it keeps people safe", ["effectiveness"]),
        ("the efficiency with which it keeps people safe and reduces crime", ["efficiency"]),
        ("how legitimate it is at keeping people safe", []),  # 'is at' breaks the pillar phrase
        ("legitimacy in keeping people safe and reducing crime", ["legitimacy"]),
    ],
)
def test_taxonomy_pillar_mentions_of_2014_2019(text: str, expected: list[str]) -> None:
    assert find_area_mentions(text) == expected


@pytest.mark.parametrize("cycle", ["2015", "2016", "2017", "2018/19", "2021/22", "2023–25", "2025–27"])
def test_taxonomy_areas_graded_in_one_cycle_have_distinct_ids(cycle: str) -> None:
    # A report grades each of its cycle's areas separately, so no two may share an id
    # (the 2015-2019 efficiency questions are not merged into leadership and force management).
    titles = [title for area in areas() for c, title in area.titles if c == cycle]
    ids = [match_area(title) for title in titles]
    assert len(ids) == len(set(ids)) and None not in ids
