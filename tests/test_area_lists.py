"""The areas a stretch of running text names: one name, or a list read forwards or backwards, in
the words other forces' texts use."""

from __future__ import annotations

import pytest

from extractor.finders.area_lists import AreaName, mentions_in, name_of, read_backward, read_forward, title_of

FORWARD = [
    # (text after a grade word, cycle start, area ids)
    (
        "responding to the public, investigating crime and managing offenders.",
        2023,
        ["responding_to_public", "investigating_crime", "managing_offenders_suspects"],
    ),
    # a distributive list: "preventing and investigating crime"
    (
        "preventing and investigating crime, and protecting vulnerable people",
        2021,
        ["preventing_crime", "investigating_crime", "protecting_vulnerable_people"],
    ),
    # how the prose names areas: "how it ...", "the way it ...", "its ..."
    (
        "how the force protects vulnerable people and how it investigates crime",
        2021,
        ["protecting_vulnerable_people", "investigating_crime"],
    ),
    (
        "aspects of the way it investigates crime, responds to the public and manages offenders",
        2021,
        ["investigating_crime", "responding_to_public", "managing_offenders_suspects"],
    ),
    (
        "its treatment of the public and its use of resources",
        2021,
        ["police_powers_public_treatment", "leadership_force_management"],
    ),
    # a count and a dash before the list, quotes around names
    (
        "four areas – ‘investigating crime’, ‘developing a positive workplace’, preventing crime and "
        "recording data about crime",
        2023,
        ["investigating_crime", "workforce", "preventing_crime", "crime_data_integrity"],
    ),
    # names that hold "and" stay whole; an old alias that is two of today's areas is split
    (
        "leadership and force management and engaging with and treating the public with fairness and respect",
        2021,
        ["leadership_force_management", "police_powers_public_treatment"],
    ),
    (
        "investigating crime and managing offenders",
        2023,
        ["investigating_crime", "managing_offenders_suspects"],
    ),
    ("preventing crime and tackling anti-social behaviour", 2018, ["preventing_crime"]),
    # one area's parts count once
    (
        "value for money, strategic planning and organisational management",
        2021,
        ["leadership_force_management"],
    ),
    # a list set out with semicolons goes on past a name it cannot read
    (
        "preventing crime; managing orders; developing a positive workplace",
        2023,
        ["preventing_crime", "workforce"],
    ),
    # the list ends at the first thing that is no area
    (
        "reducing crime and preventing offending, and is good at tackling anti-social behaviour",
        2014,
        ["preventing_crime"],
    ),
    ("investigating crime for a second year running", 2023, ["investigating_crime"]),
    # sub-findings name no area
    ("assessing threats and risks", 2016, []),
    ("answering emergency calls quickly", 2021, []),
]


@pytest.mark.parametrize(("text", "cycle", "ids"), FORWARD, ids=[f[0][:60] for f in FORWARD])
def test_area_lists_read_forward(text: str, cycle: int, ids: list[str]) -> None:
    assert [name.area_id for name in read_forward(text, cycle)] == ids


BACKWARD = [
    # (text before a verb, cycle start, area ids)
    (
        "work remains to be done in treating the public fairly and with respect, responding to the public "
        "and protecting vulnerable people",
        2023,
        ["police_powers_public_treatment", "responding_to_public", "protecting_vulnerable_people"],
    ),
    (
        "The report said that ‘Managing offenders’ and ‘leadership and force management’",
        2023,
        ["managing_offenders_suspects", "leadership_force_management"],
    ),
    # the clause opens at "while", "but", "with", a semicolon
    (
        "The force is good at A, while preventing crime and investigating crime",
        2023,
        ["preventing_crime", "investigating_crime"],
    ),
    (" in its understanding of demand; its use of resources to manage demand", 2017, ["using_resources"]),
    ("Cleveland Police’s leadership and force management", 2023, ["leadership_force_management"]),
    ("developing our workforce, which", 2023, ["workforce"]),
    # "of" before a name: the force's work on that area, not a measure of it
    (
        "The constabulary has strengthened its supervision and oversight of crime investigations and how it "
        "protects vulnerable people",
        2023,
        ["investigating_crime", "protecting_vulnerable_people"],
    ),
    ("Westshire Police has improved its handling of crime recording", 2021, ["crime_data_integrity"]),
    ("The standard of crime investigation", 2016, []),
    # "overall" before the name: the area as a whole
    ("The constabulary's overall effectiveness", 2016, ["effectiveness"]),
    ("The force's overall approach to investigating crime", 2023, []),
    ("The timeliness of crime recording", 2023, []),
    # a subject's own words before the name: no area
    ("The force's approach to investigating crime", 2023, []),
    ("The chief constable said the force", 2023, []),
]


@pytest.mark.parametrize(("text", "cycle", "ids"), BACKWARD, ids=[b[0][:60] for b in BACKWARD])
def test_area_lists_read_backward(text: str, cycle: int, ids: list[str]) -> None:
    assert [name.area_id for name in read_backward(text, cycle)] == ids


@pytest.mark.parametrize(
    ("text", "cycle", "area_id"),
    [
        # one name, two areas: the one the cycle grades (2015–2019 question, or from 2021/22 leadership)
        ("use of resources", 2016, "using_resources"),
        ("use of resources", 2021, "leadership_force_management"),
        ("use of resources", None, "leadership_force_management"),
        ("the constabulary’s understanding of demand for its services", 2017, "understanding_demand"),
        ("public contact", 2021, "responding_to_public"),
        ("reducing crime and keeping people safe", 2018, "effectiveness"),
        ("the legitimacy with which it keeps people safe", 2017, "legitimacy"),
        ("tackling crime and antisocial behaviour", 2015, "preventing_crime"),
        ("investigating offending", 2014, "investigating_crime"),
        ("the strategic policing requirement", 2021, "strategic_policing_requirement"),
        ("giving crime prevention advice", 2021, None),
    ],
)
def test_area_lists_name_of_one_area(text: str, cycle: int | None, area_id: str | None) -> None:
    name = name_of(text, cycle)
    assert (name.area_id if name else None) == area_id


def test_area_lists_mentions_in_running_text_in_order() -> None:
    text = (
        "We also inspected how well the force protects the public from armed threats and meets the strategic "
    )
    text += "policing requirement."
    assert [m.area_id for m in mentions_in(text)] == [
        "specialist_capabilities",
        "strategic_policing_requirement",
    ]


@pytest.mark.parametrize(
    ("area_id", "words", "titled", "cycle", "title"),
    [
        # a pillar goes by its name
        ("efficiency", "operates efficiently and sustainably", False, "2018/19", "Efficiency"),
        # a cycle's full title gives that cycle's short name; other titles stay as written
        (
            "leadership_force_management",
            "strategic planning, organisational management and value for money",
            True,
            None,
            "Good use of resources",
        ),
        ("investigating_crime", "investigating crime", True, None, "investigating crime"),
        # with the cycle known, the cycle's short name, whatever words name the area
        (
            "police_powers_public_treatment",
            "treating people fairly and with respect",
            True,
            "2021/22",
            "Treatment of the public",
        ),
        # a running-text mention: the cycle's short name, else its own words, a verb made -ing
        ("responding_to_public", "public contact", False, "2021/22", "Responding to the public"),
        (
            "using_resources",
            "using its resources to meet demand",
            False,
            "2016",
            "using its resources to meet demand",
        ),
        (
            "protecting_vulnerable_people",
            "protects vulnerable people",
            False,
            None,
            "protecting vulnerable people",
        ),
        # a recent cycle not named: the short name nearest the words
        ("leadership_force_management", "use of resources", False, "latest", "Good use of resources"),
    ],
)
def test_area_lists_title_of_a_named_area(
    area_id: str, words: str, titled: bool, cycle: str | None, title: str
) -> None:
    assert title_of(AreaName(area_id, words, 0, len(words), titled), cycle) == title
