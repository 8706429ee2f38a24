"""The PEEL cycle a document is about, from what its own text says (issue 13, family 5).

Every text here is written for this test, in other forces' words: page titles ("Lancashire
2016"), the inspectorate's numbering of its assessments ("HMIC's third PEEL assessment"), the
word PEEL with a year ("PEEL 2018" is 2018/19), and ranges beside inspection words. A date alone
(a publication date, "In 2014, we introduced PEEL") names no cycle.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_text

BODY = "The extent to which the constabulary is effective at keeping people safe is good.\n"


def _cycle(text: str) -> str | None:
    inspection = extract_text(text).document.inspection
    return inspection.cycle if inspection else None


@pytest.mark.parametrize(
    ("title", "cycle"),
    [
        ("Lancashire 2016", "2016"),
        ("Avon and Somerset 2018/19", "2018/19"),
        ("Devon and Cornwall 2014", "2014"),
        ("Greater Manchester 2017", "2017"),
        ("Dyfed-Powys 2015", "2015"),
    ],
)
def test_cycles_page_title_names_force_and_cycle(title: str, cycle: str) -> None:
    text = f"Skip to content\n\n{title}\n\nRead more about the force\n\nHMIC inspected the force.\n\n{BODY}"
    assert _cycle(text) == cycle


@pytest.mark.parametrize(
    "title",
    [
        "Merseyside 2020",  # no PEEL cycle of that year
        "Essex 2015 was a year of change for the county.",  # a sentence, not a title
    ],
)
def test_cycles_not_a_page_title(title: str) -> None:
    assert _cycle(f"{title}\n\nHMIC inspected the force.\n\n{BODY}") is None


@pytest.mark.parametrize(
    ("sentence", "cycle"),
    [
        ("This is the first PEEL Assessment of Durham Constabulary.", "2014"),
        (
            "This is HMIC’s second assessment of the effectiveness, efficiency and legitimacy "
            "with which Essex Police keeps people safe and reduces crime.",
            "2015",
        ),
        ("This is HMIC's third PEEL assessment of Merseyside Police.", "2016"),
        (
            "This is HMICFRS' fourth PEEL (police effectiveness, efficiency and legitimacy) "
            "assessment of Suffolk Constabulary.",
            "2017",
        ),
        ("This is HMICFRS’s fifth PEEL assessment of Cumbria Constabulary.", "2018/19"),
        ("These are findings of the Inspectorate's first annual assessment of Gwent Police.", "2014"),
    ],
)
def test_cycles_inspectorate_numbers_its_assessments(sentence: str, cycle: str) -> None:
    assert _cycle(f"Force overview\n\n{sentence}\n\n{BODY}") == cycle


@pytest.mark.parametrize(
    "sentence",
    [
        "Today's report is the first full PEEL assessment published by HMIC.",  # "full": no cycle
        "This is the second assessment of custody in Norfolk by HMIC.",  # not a PEEL assessment
        "The force held its first annual assessment of training; HMIC saw it.",  # not the inspectorate's
    ],
)
def test_cycles_other_numbered_assessments_name_no_cycle(sentence: str) -> None:
    assert _cycle(f"Force overview\n\n{sentence}\n\n{BODY}") is None


@pytest.mark.parametrize(
    ("written", "cycle"),
    [
        ("PEEL 2018", "2018/19"),
        ("PEEL 2022", "2021/22"),
        ("PEEL inspection 2022", "2021/22"),
        ("PEEL 2021-22", "2021/22"),
        ("PEEL Inspection 2023/2025", "2023–25"),
        ("PEEL: Police effectiveness 2016", "2016"),
    ],
)
def test_cycles_peel_with_a_year(written: str, cycle: str) -> None:
    text = f"Cleveland Police response\n\nThe force welcomes the {written} findings of HMICFRS.\n\n{BODY}"
    assert _cycle(text) == cycle


@pytest.mark.parametrize(
    ("sentence", "cycle"),
    [
        ("The inspectorate's 2021/22 report on Lancashire Constabulary was published today.", "2021/22"),
        ("Here is what inspectors found in the report covering 2023 to 2025:", "2023–25"),
    ],
)
def test_cycles_range_beside_inspection_words(sentence: str, cycle: str) -> None:
    assert _cycle(f"News\n\n{sentence}\n\n{BODY}") == cycle


@pytest.mark.parametrize(
    "sentence",
    [
        "HMICFRS published its report on 14 October 2022 after inspecting Kent Police.",
        "In 2014, we introduced our police effectiveness, efficiency and legitimacy (PEEL) inspections.",
        "The force's 2021/22 budget was set before HMICFRS inspected it.",
        "“This is something we found in our previous inspection in 2021/22,” HMICFRS said.",
        "Surrey Police was inspected by HMICFRS in 2019.",
    ],
)
def test_cycles_dates_alone_name_no_cycle(sentence: str) -> None:
    assert _cycle(f"News\n\n{sentence}\n\n{BODY}") is None


def test_cycles_peel_name_beats_a_range_in_a_banner() -> None:
    text = (
        "Proposed fire and rescue inspection framework 2025–27: consultation\n\n"
        "Norfolk PEEL 2016\n\nLegitimacy\n\nHMIC inspected the force.\n\n" + BODY
    )
    assert _cycle(text) == "2016"
