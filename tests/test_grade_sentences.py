"""Grades stated in sentences and prose, every cycle: the grade sentence grammar and the list of
areas a grade word's scope covers, on sentences written the way other forces' texts put them."""

from __future__ import annotations

import pytest

from extractor.finders.grade_sentences import find_sentence_grades
from schemas import Grade

G = Grade


def _read(sentence: str, names: list[str], cycle: int | None) -> list[tuple[Grade, list[str], bool]]:
    """(grade, area ids, earlier) of every statement the sentence makes."""
    return [
        (f.grade, [a.area_id for a in f.areas], f.earlier)
        for f in find_sentence_grades(sentence, names, cycle)
    ]


# --------------------------------------------------------------------------- 1. pillar sentences

PILLARS = [
    # (sentence, the force's names, cycle start, [(grade, [areas])])
    (
        "The extent to which Avon and Somerset Constabulary is effective at reducing crime and keeping "
        "people safe is outstanding.",
        ["Avon and Somerset Constabulary"],
        2018,
        [(G.OUTSTANDING, ["effectiveness"])],
    ),
    (
        "the extent to which the constabulary operates efficiently and sustainably is inadequate.",
        [],
        2018,
        [(G.INADEQUATE, ["efficiency"])],
    ),
    (
        "The extent to which it treats the public and its workforce legitimately requires improvement.",
        [],
        2018,
        [(G.REQUIRES_IMPROVEMENT, ["legitimacy"])],
    ),
    (
        "The extent to which Suffolk Constabulary is legitimate at keeping people safe and reducing "
        "crime is: good.",
        ["Suffolk Constabulary"],
        2016,
        [(G.GOOD, ["legitimacy"])],
    ),
    (
        # "is" left out, as some pages print it
        "The extent to which the force is efficient at keeping people safe and reducing crime good.",
        [],
        2015,
        [(G.GOOD, ["efficiency"])],
    ),
    (
        # a sentence that wraps onto a second line
        "The extent to which Lincolnshire Police is effective at keeping\npeople safe and reducing crime "
        "requires improvement.",
        ["Lincolnshire Police"],
        2016,
        [(G.REQUIRES_IMPROVEMENT, ["effectiveness"])],
    ),
    (
        "The efficiency with which Dyfed-Powys Police carries out its responsibilities requires improvement.",
        ["Dyfed-Powys Police"],
        2014,
        [(G.REQUIRES_IMPROVEMENT, ["efficiency"])],
    ),
    (
        "Humberside Police has been assessed as outstanding in respect of the legitimacy with which it keeps "
        "people safe and reduces crime.",
        ["Humberside Police"],
        2016,
        [(G.OUTSTANDING, ["legitimacy"])],
    ),
    (
        "The constabulary is judged to be inadequate in the efficiency with which it keeps people safe.",
        [],
        2017,
        [(G.INADEQUATE, ["efficiency"])],
    ),
    (
        "Gwent Police was rated ‘good’ - the second-highest grade - on all counts.",
        ["Gwent Police"],
        None,
        [(G.GOOD, ["effectiveness", "efficiency", "legitimacy"])],
    ),
    (
        # "forces" after this force as subject compares it with them: still its grade
        "Cumbria Constabulary is one of only three forces graded ‘outstanding’ in two pillars, and the only "
        "force to achieve ‘outstanding’ in both efficiency and legitimacy.",
        ["Cumbria Constabulary"],
        2017,
        [(G.OUTSTANDING, ["efficiency", "legitimacy"])],
    ),
    (
        # the effectiveness question's words without "effective"
        "HMIC found that the constabulary requires improvement in the way it keeps people safe and reduces "
        "crime.",
        ["Gwent Police"],
        2015,
        [(G.REQUIRES_IMPROVEMENT, ["effectiveness"])],
    ),
    # Pending, or about forces in general: no grade.
    (
        "The extent to which the force is effective at keeping people safe and reducing crime: not "
        "yet graded.",
        [],
        2016,
        [],
    ),
    ("The extent to which forces are effective at keeping people safe varies widely.", [], 2016, []),
]


@pytest.mark.parametrize(
    ("sentence", "names", "cycle", "expected"), PILLARS, ids=[p[0][:60] for p in PILLARS]
)
def test_grade_sentences_pillar_sentences(
    sentence: str, names: list[str], cycle: int | None, expected: list[tuple[Grade, list[str]]]
) -> None:
    assert _read(sentence, names, cycle) == [(grade, areas, False) for grade, areas in expected]


# --------------------------------------------------------------------------- 2. questions, 2014–2019

QUESTIONS = [
    (
        "Durham Constabulary is outstanding at reducing crime and preventing offending.",
        ["Durham Constabulary"],
        2014,
        [(G.OUTSTANDING, ["preventing_crime"])],
    ),
    (
        "However, it requires improvement in the way it investigates offending.",
        [],
        2014,
        [(G.REQUIRES_IMPROVEMENT, ["investigating_crime"])],
    ),
    (
        # three grades in one sentence: the force, then the list after it, then "and ... is good at"
        "In general the constabulary is good at investigating offending, is inadequate at reducing crime and "
        "preventing offending and good at tackling anti-social behaviour.",
        [],
        2014,
        [
            (G.GOOD, ["investigating_crime"]),
            (G.INADEQUATE, ["preventing_crime"]),
            (G.GOOD, ["tackling_antisocial_behaviour"]),
        ],
    ),
    (
        "Essex Police is judged as requiring improvement at protecting those who are vulnerable from harm, "
        "and supporting victims.",
        ["Essex Police"],
        2016,
        [(G.REQUIRES_IMPROVEMENT, ["protecting_vulnerable_people"])],
    ),
    (
        "The force is judged to be good in its understanding of demand; its use of resources to "
        "manage demand "
        "is assessed to be outstanding; and its planning for future demand is judged to require improvement.",
        [],
        2016,
        [
            (G.GOOD, ["understanding_demand"]),
            (G.OUTSTANDING, ["using_resources"]),
            (G.REQUIRES_IMPROVEMENT, ["planning_for_future"]),
        ],
    ),
    (
        "The constabulary is also judged outstanding at how well it ensures its workforce behaves ethically "
        "and lawfully, and good at treating its workforce with fairness and respect.",
        [],
        2017,
        [(G.OUTSTANDING, ["ethical_workforce_conduct"]), (G.GOOD, ["workforce"])],
    ),
    (
        "West Yorkshire Police is good at keeping vulnerable people safe and protecting them from harm.",
        ["West Yorkshire Police"],
        2017,
        [(G.GOOD, ["protecting_vulnerable_people"])],
    ),
    (
        "Its effectiveness at investigating crime and reducing re-offending also requires improvement.",
        [],
        2016,
        [(G.REQUIRES_IMPROVEMENT, ["investigating_crime"])],
    ),
    (
        "The constabulary’s effectiveness was highlighted as being good at tackling serious and "
        "organised crime.",
        [],
        2016,
        [(G.GOOD, ["serious_organised_crime"])],
    ),
    (
        # "(ASB)" inside a question's name does not split it
        "Norfolk Constabulary requires improvement at preventing crime, tackling anti-social behaviour (ASB) "
        "and keeping people safe.",
        ["Norfolk Constabulary"],
        2017,
        [(G.REQUIRES_IMPROVEMENT, ["preventing_crime"])],
    ),
    (
        "Our leadership assessment gives a narrative rather than graded judgment.",
        [],
        2015,
        [(G.NOT_GRADED, [])],
    ),
    (
        # forces it works with are no other force's subject
        "It is good at using its resources to meet demand and works well with other forces.",
        [],
        2016,
        [(G.GOOD, ["using_resources"])],
    ),
    # Sub-findings and adjectives are no grades of an area.
    ("The force is good at assessing threats and risks to its staff.", [], 2016, [(G.GOOD, [])]),
    ("The constabulary has a very good understanding of demand.", [], 2016, []),
    ("The force has adequate processes for vetting its officers.", [], 2021, []),
    ("It is good to see that the force investigates crime well.", [], 2016, []),
]


@pytest.mark.parametrize(
    ("sentence", "names", "cycle", "expected"), QUESTIONS, ids=[q[0][:60] for q in QUESTIONS]
)
def test_grade_sentences_question_grades_2014_to_2019(
    sentence: str, names: list[str], cycle: int | None, expected: list[tuple[Grade, list[str]]]
) -> None:
    assert _read(sentence, names, cycle) == [(grade, areas, False) for grade, areas in expected]


# --------------------------------------------------------------------------- 3. prose, 2021/22 on

PROSE = [
    (
        "Cleveland Police was rated good in preventing crime and responding to the public but inadequate in "
        "investigating crime.",
        ["Cleveland Police"],
        2021,
        [(G.GOOD, ["preventing_crime", "responding_to_public"]), (G.INADEQUATE, ["investigating_crime"])],
    ),
    (
        "The constabulary was found to require improvement in investigating crime, protecting vulnerable "
        "people and managing offenders.",
        [],
        2023,
        [
            (
                G.REQUIRES_IMPROVEMENT,
                ["investigating_crime", "protecting_vulnerable_people", "managing_offenders_suspects"],
            )
        ],
    ),
    (
        "Areas found to require improvement were responding to the public, investigating crime, and "
        "leadership "
        "and force management.",
        [],
        2023,
        [
            (
                G.REQUIRES_IMPROVEMENT,
                ["responding_to_public", "investigating_crime", "leadership_force_management"],
            )
        ],
    ),
    (
        "A grade of 'Outstanding' has been awarded for two areas - preventing crime and anti-social "
        "behaviour, "
        "and recording data about crime.",
        [],
        2021,
        [(G.OUTSTANDING, ["preventing_crime", "crime_data_integrity"])],
    ),
    (
        "Under the ‘good’ grade were: police powers and public treatment; managing offenders; developing a "
        "positive workplace.",
        [],
        2023,
        [(G.GOOD, ["police_powers_public_treatment", "managing_offenders_suspects", "workforce"])],
    ),
    (
        "The force said the ‘adequate’ areas included how the force responds to the public and how "
        "it manages "
        "offenders and suspects.",
        [],
        2021,
        [(G.ADEQUATE, ["responding_to_public", "managing_offenders_suspects"])],
    ),
    (
        "Dyfed-Powys Police was graded ‘outstanding’ for how it records crime.",
        ["Dyfed-Powys Police"],
        2023,
        [(G.OUTSTANDING, ["crime_data_integrity"])],
    ),
    (
        "Inspectors rated Humberside Police “good” in its treatment of the public and its use of resources.",
        ["Humberside Police"],
        2021,
        [(G.GOOD, ["police_powers_public_treatment", "leadership_force_management"])],
    ),
    (
        "Investigating crime, responding to the public and managing offenders were judged as requiring "
        "improvement.",
        [],
        2021,
        [
            (
                G.REQUIRES_IMPROVEMENT,
                ["investigating_crime", "responding_to_public", "managing_offenders_suspects"],
            )
        ],
    ),
    (
        "‘Managing offenders’ and ‘protecting vulnerable people’ were deemed to be ‘adequate’, with "
        "‘responding "
        "to the public’ judged to be ‘inadequate’.",
        [],
        2023,
        [
            (G.ADEQUATE, ["managing_offenders_suspects", "protecting_vulnerable_people"]),
            (G.INADEQUATE, ["responding_to_public"]),
        ],
    ),
    (
        "The force was ‘adequate’ in three areas and ‘required improvement’ in two others – investigating "
        "crime and protecting vulnerable people.",
        [],
        2023,
        [(G.REQUIRES_IMPROVEMENT, ["investigating_crime", "protecting_vulnerable_people"])],
    ),
    (
        "In three areas – preventing and investigating crime, and managing offenders – it is judged "
        "to be good.",
        [],
        2023,
        [(G.GOOD, ["preventing_crime", "investigating_crime", "managing_offenders_suspects"])],
    ),
    (
        "Lancashire Constabulary is adequate in all areas, except responding to the public, where it "
        "'requires improvement'.",
        ["Lancashire Constabulary"],
        2023,
        [(G.REQUIRES_IMPROVEMENT, ["responding_to_public"])],
    ),
    (
        "Suffolk was given an adequate rating for crime prevention and developing a positive workplace.",
        ["Suffolk Constabulary", "Suffolk"],
        2023,
        [(G.ADEQUATE, ["preventing_crime", "workforce"])],
    ),
    (
        "Its use of resources was graded inadequate, while preventing crime was 'good'.",
        [],
        2021,
        [(G.INADEQUATE, ["leadership_force_management"]), (G.GOOD, ["preventing_crime"])],
    ),
    (
        # the first entry that reads 'good' names no area ("in both areas"): the next one reads it
        "It has improved how it responds to the public, being graded as ‘good’ in both areas.",
        [],
        2023,
        [(G.GOOD, ["responding_to_public"])],
    ),
    (
        "HMICFRS identified outstanding performance in relation to how the force records data about crime.",
        [],
        2023,
        [(G.OUTSTANDING, ["crime_data_integrity"])],
    ),
    (
        "Cumbria Constabulary was one of five forces HMICFRS rated outstanding at managing offenders.",
        ["Cumbria Constabulary"],
        2021,
        [(G.OUTSTANDING, ["managing_offenders_suspects"])],
    ),
    # Another force, forces in general, a national count, fire and rescue, an adjective: no grade.
    (
        "Cumbria Constabulary was one of the forces that we inspected in the spring.",
        ["Cumbria Constabulary"],
        2021,
        [],
    ),
    ("Thirty-six forces were graded good at preventing crime.", ["Kent Police"], 2021, []),
    ("Most forces require improvement in responding to the public.", ["Kent Police"], 2021, []),
    ("Responding to the public requires improvement in most forces.", ["Kent Police"], 2021, []),
    ("Essex Police was rated good in investigating crime.", ["Kent Police"], 2021, []),
    ("In most forces, investigating crime was graded inadequate.", ["Kent Police"], 2021, []),
    (
        "Essex Police is good at preventing crime, and it is outstanding at investigating crime.",
        ["Kent Police"],
        2021,
        [],
    ),
    ("The service requires improvement at keeping people safe from fire and other risks.", [], 2018, []),
    ("It is ‘adequate’ in all areas.", [], 2023, []),
    # a count of areas that goes on to name them, as many as it counts: each one's grade
    (
        "Cheshire Constabulary is outstanding in two areas: preventing crime and managing offenders and "
        "suspects.",
        ["Cheshire Constabulary"],
        2023,
        [(G.OUTSTANDING, ["preventing_crime", "managing_offenders_suspects"])],
    ),
    (
        "The constabulary was rated good in three areas – investigating crime, protecting vulnerable "
        "people and responding to the public.",
        ["Cheshire Constabulary"],
        2021,
        [(G.GOOD, ["investigating_crime", "protecting_vulnerable_people", "responding_to_public"])],
    ),
    (
        "Avon and Somerset Constabulary was judged adequate in five of the nine areas inspected, including "
        "investigating crime and managing offenders.",
        ["Avon and Somerset Constabulary"],
        2021,
        [(G.ADEQUATE, ["investigating_crime", "managing_offenders_suspects"])],
    ),
    # "its performance" after the force as object
    (
        "Inspectors judged the constabulary's performance as good in preventing crime.",
        ["Avon and Somerset Constabulary"],
        2023,
        [(G.GOOD, ["preventing_crime"])],
    ),
    # grades set out clause by clause with semicolons, the subject written once
    (
        "Lancashire Constabulary was graded outstanding for preventing crime; good for investigating crime "
        "and managing offenders; and adequate for responding to the public.",
        ["Lancashire Constabulary"],
        2021,
        [
            (G.OUTSTANDING, ["preventing_crime"]),
            (G.GOOD, ["investigating_crime", "managing_offenders_suspects"]),
            (G.ADEQUATE, ["responding_to_public"]),
        ],
    ),
    # "in how it ..." repeated before each area of a list
    (
        "The constabulary requires improvement in how it investigates crime and in how it responds to "
        "the public.",
        ["Lancashire Constabulary"],
        2023,
        [(G.REQUIRES_IMPROVEMENT, ["investigating_crime", "responding_to_public"])],
    ),
    # ... not when the names do not tally with the count, or there is only the count
    ("The force is good in two areas, preventing crime.", ["Kent Police"], 2023, []),
    ("The force was adequate in six areas and good in two areas.", ["Kent Police"], 2023, []),
]


@pytest.mark.parametrize(("sentence", "names", "cycle", "expected"), PROSE, ids=[p[0][:60] for p in PROSE])
def test_grade_sentences_prose_lists_2021_on(
    sentence: str, names: list[str], cycle: int | None, expected: list[tuple[Grade, list[str]]]
) -> None:
    found = [(grade, areas) for grade, areas, earlier in _read(sentence, names, cycle) if not earlier]
    assert found == expected


def test_grade_sentences_this_grade_points_back_at_the_grade_named_before() -> None:
    before = "A new grade of ‘Adequate’ was introduced this year."
    found = find_sentence_grades(
        "Cumbria Constabulary has received this grade in relation to investigating crime and "
        "managing offenders.",
        ["Cumbria Constabulary"],
        2021,
        context=before,
    )
    assert [(f.grade, [a.area_id for a in f.areas]) for f in found] == [
        (G.ADEQUATE, ["investigating_crime", "managing_offenders_suspects"])
    ]


# --------------------------------------------------------------------------- 4. earlier inspections

EARLIER = [
    # (sentence, cycle start, [(grade, areas, earlier, cycle)])
    (
        "In 2016, we judged Cumbria Constabulary to be good at investigating crime.",
        2017,
        [(G.GOOD, ["investigating_crime"], True, "2016")],
    ),
    (
        "Our judgment is more positive than last year, when we judged the force to require improvement.",
        2017,
        [(G.REQUIRES_IMPROVEMENT, [], True, None)],
    ),
    (
        "This compares well with the 2016 legitimacy assessment, in which the constabulary was judged to be "
        "inadequate.",
        2017,
        [(G.INADEQUATE, [], True, "2016")],
    ),
    (
        "The force has moved from adequate to outstanding at recording crime.",
        2023,
        [
            (G.OUTSTANDING, ["crime_data_integrity"], False, None),
            (G.ADEQUATE, ["crime_data_integrity"], True, None),
        ],
    ),
    (
        "The grade for investigating crime was changed from ‘good’ to ‘requires improvement’.",
        2023,
        [
            (G.REQUIRES_IMPROVEMENT, ["investigating_crime"], False, None),
            (G.GOOD, ["investigating_crime"], True, None),
        ],
    ),
    (
        "Compared with its 2021/22 inspection, the force has lost its ‘good’ grade in responding to "
        "the public.",
        2023,
        [(G.GOOD, ["responding_to_public"], True, "2021/22")],
    ),
    (
        "The force was last inspected in 2018/19, when it was rated ‘good’ for its work in reducing "
        "crime and "
        "keeping people safe, and ‘inadequate’ for its efficiency and sustainability.",
        None,
        [(G.GOOD, ["effectiveness"], True, "2018/19"), (G.INADEQUATE, ["efficiency"], True, "2018/19")],
    ),
    (
        "Two years ago, the inspectorate graded Staffordshire Police as requiring improvement in responding "
        "to the public.",
        2023,
        [(G.REQUIRES_IMPROVEMENT, ["responding_to_public"], True, None)],
    ),
    (
        "A year ago the constabulary was judged inadequate at protecting vulnerable people.",
        2023,
        [(G.INADEQUATE, ["protecting_vulnerable_people"], True, None)],
    ),
    # Current, though the sentence names an earlier inspection.
    (
        "Since our last inspection, the force has improved, and it is now good at responding to the public.",
        2023,
        [(G.GOOD, ["responding_to_public"], False, None)],
    ),
    (
        "Staffordshire Police is good at investigating crime, as it was at our last inspection.",
        2023,
        [(G.GOOD, ["investigating_crime"], False, None)],
    ),
    (
        # "when" inside "how and when it ..." ties nothing back to the last inspection
        "Since the last inspection it has improved, notably in how and when it investigates crime, where "
        "its performance was good.",
        2023,
        [(G.GOOD, ["investigating_crime"], False, None)],
    ),
    (
        "The report, published on 12 March 2024, rated the force ‘good’ at managing offenders.",
        None,
        [(G.GOOD, ["managing_offenders_suspects"], False, None)],
    ),
]


@pytest.mark.parametrize(("sentence", "cycle", "expected"), EARLIER, ids=[e[0][:60] for e in EARLIER])
def test_grade_sentences_earlier_inspections_are_never_current(
    sentence: str, cycle: int | None, expected: list[tuple[Grade, list[str], bool, str | None]]
) -> None:
    found = find_sentence_grades(sentence, ["Staffordshire Police", "Cumbria Constabulary"], cycle)
    assert [
        (f.grade, [a.area_id for a in f.areas], f.earlier, f.cycle if f.earlier else None) for f in found
    ] == expected


def test_grade_sentences_once_again_is_current_and_also_earlier() -> None:
    (found,) = find_sentence_grades(
        "Merseyside Police was once again graded ‘good’ for preventing crime.", ["Merseyside Police"], 2023
    )
    assert (found.grade, [a.area_id for a in found.areas], found.earlier, found.also_earlier) == (
        G.GOOD,
        ["preventing_crime"],
        False,
        True,
    )


def test_grade_sentences_also_in_the_past_tense_may_go_on_from_an_earlier_sentence() -> None:
    (found,) = find_sentence_grades(
        "We also judged it to be outstanding at tackling serious and organised crime.", [], 2018
    )
    assert found.goes_on and not found.earlier
    (now,) = find_sentence_grades("It is also now good at tackling serious and organised crime.", [], 2018)
    assert not now.goes_on
