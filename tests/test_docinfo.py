"""Document info: kind, force and cycle, on the samples (against gold) and on other forces' wording."""

from __future__ import annotations

import pytest

from extractor.vocab.cycles import cycle_name
from extractor.vocab.forces import forces
from tests.conftest import extract_text, gold, sample_report

PREFIXES = ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_docinfo_samples_match_gold(prefix: str) -> None:
    expected = gold(prefix)
    info = sample_report(prefix).document
    assert info.kind.value == expected["kind"]
    assert info.force is not None and info.force.name == expected["force"]
    assert info.inspection is not None
    assert f"PEEL {info.inspection.cycle}" == expected["inspection"]


def _report_text(force_phrase: str, cycle: str = "2023–2025") -> str:
    return (
        f"PEEL {cycle}\n"
        "Police effectiveness, efficiency and legitimacy\n"
        f"An inspection of {force_phrase}\n"
        "Overall summary\n"
        f"Our inspection assessed how good {force_phrase} is in nine areas of policing.\n"
        "Responding to the public\n"
        f"{force_phrase} requires improvement at responding to the public.\n"
        "Main findings\n"
        "We found that the force answers emergency calls quickly. We reviewed 60 cases.\n"
    )


@pytest.mark.parametrize(
    ("phrase", "force_id", "name"),
    [
        ("Devon and Cornwall Police", "devon-and-cornwall", "Devon and Cornwall Police"),
        ("Dyfed-Powys Police", "dyfed-powys", "Dyfed-Powys Police"),
        ("City of London Police", "city-of-london", "City of London Police"),
        ("the Metropolitan Police Service", "metropolitan", "Metropolitan Police Service"),
        ("Greater Manchester Police", "greater-manchester", "Greater Manchester Police"),
        ("Avon and Somerset Constabulary", "avon-and-somerset", "Avon and Somerset Constabulary"),
        ("North Yorkshire Police", "north-yorkshire", "North Yorkshire Police"),
        ("South Wales Police", "south-wales", "South Wales Police"),
        ("West Midlands Police", "west-midlands", "West Midlands Police"),
        ("Thames Valley Police", "thames-valley", "Thames Valley Police"),
        ("Hampshire and Isle of Wight Constabulary", "hampshire", "Hampshire and Isle of Wight Constabulary"),
        ("Durham Constabulary", "durham", "Durham Constabulary"),
        ("British Transport Police", "british-transport-police", "British Transport Police"),
    ],
)
def test_docinfo_force_of_other_forces(phrase: str, force_id: str, name: str) -> None:
    info = extract_text(_report_text(phrase)).document
    assert info.force is not None
    assert (info.force.id, info.force.name) == (force_id, name)


def test_docinfo_short_forms_name_the_force() -> None:
    text = _report_text("the MPS").replace("An inspection of the MPS", "An inspection of the Met")
    info = extract_text(text).document
    assert info.force is not None and info.force.id == "metropolitan"


def test_docinfo_longest_name_wins_over_place_inside_it() -> None:
    # "North Wales Police" must not count for South Wales or for a bare "Wales".
    info = extract_text(_report_text("North Wales Police") + "All forces in England and Wales.\n").document
    assert info.force is not None and info.force.id == "north-wales"


def test_docinfo_force_named_in_other_forces_comparison_does_not_win() -> None:
    text = _report_text("Cheshire Constabulary") + (
        "British Transport Police was outside the scope of this inspection.\n"
        "Cheshire Constabulary should improve its call handling.\n"
    )
    info = extract_text(text).document
    assert info.force is not None and info.force.id == "cheshire"


def test_docinfo_unknown_force_warns() -> None:
    report = extract_text(_report_text("the constabulary"))
    assert report.document.force is None
    assert "unknown-force" in [w.code for w in report.warnings]


def test_docinfo_forces_table_has_all_territorial_forces() -> None:
    territorial = [f for f in forces() if f.kind == "territorial"]
    assert len(territorial) == 43
    assert len({f.id for f in forces()}) == len(forces())


@pytest.mark.parametrize(
    ("written", "cycle", "slug"),
    [
        ("2023–2025", "2023–25", "peel-2023-25"),
        ("2023/25", "2023–25", "peel-2023-25"),
        ("2023-25", "2023–25", "peel-2023-25"),
        ("2025–27", "2025–27", "peel-2025-27"),
        ("2025 to 2027", "2025–27", "peel-2025-27"),
        ("2021/22", "2021/22", "peel-2021-22"),
        ("2021–2022", "2021/22", "peel-2021-22"),
        ("2018/19", "2018/19", "peel-2018-19"),
        ("2016", "2016", "peel-2016"),
    ],
)
def test_docinfo_cycle_spellings(written: str, cycle: str, slug: str) -> None:
    inspection = extract_text(_report_text("Essex Police", written)).document.inspection
    assert inspection is not None
    assert (inspection.programme, inspection.cycle, inspection.id) == ("PEEL", cycle, slug)


def test_docinfo_cycle_named_in_heading_beats_earlier_cycle_in_text() -> None:
    text = (
        "3.1 Police Effectiveness, Efficiency and Legitimacy (PEEL) 2023/25 – An Inspection of Essex Police\n"
        "HMICFRS have agreed to close 14 of the 19 AFIs issued from PEEL 2021/22. The PCC welcomes it.\n"
        "The PEEL 2021/22 plan is closed. The PEEL 2021/22 board met.\n"
        "The Police and Crime Commissioner agreed.\n"
    )
    inspection = extract_text(text).document.inspection
    assert inspection is not None and inspection.cycle == "2023–25"


def test_docinfo_cycle_name_rejects_years_with_no_cycle() -> None:
    assert cycle_name(2020, None) is None
    assert cycle_name(2022, 23) is None


WEB_PAGE = (
    "Skip to content\n\nLincolnshire PEEL 2016\n\nEfficiency\n\n"
    "How efficient is the force at keeping people safe and reducing crime?\n\n"
    "Last updated 02/11/2016\nRequires improvement\n\n"
    "Lincolnshire Police requires improvement in the efficiency with which it keeps people safe.\n"
)
RESPONSE = (
    "HMICFRS PEEL Inspection 2021/22\n\nInvestigating crime\n\n(Requires Improvement)\n\n"
    "1. HMICFRS reported that the Force understands how to carry out quality investigations.\n"
    "2. The Force acknowledges the findings of the report. The Force has reviewed its processes.\n"
    "3. The Force will report progress to the PCC. The Force Improvement Board will oversee it.\n"
    "4. The Force recognises the need to improve. The Force has appointed a lead. Surrey Police.\n"
)
SCRUTINY = (
    "1. Strategic Overview\n\nThe Police and Crime Commissioner holds the Chief Constable to account.\n"
    "3.1 PEEL 2023/25 – An Inspection of Norfolk Constabulary\n\n"
    "HMICFRS published the report. The report finds the force good at investigating crime.\n"
    "The PCC will monitor progress through the Performance and Accountability Panel.\n"
    "The force has improved since the last inspection, and the PCC welcomes the report.\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (WEB_PAGE, "inspection_web_page"),
        (RESPONSE, "force_response"),
        (SCRUTINY, "pcc_scrutiny_report"),
        (_report_text("Sussex Police"), "inspection_report"),
    ],
)
def test_docinfo_kind_by_voice(text: str, kind: str) -> None:
    assert extract_text(text).document.kind.value == kind


@pytest.mark.parametrize(
    ("name", "force_id"),
    [
        ("Avon & Somerset Constabulary", "avon-and-somerset"),
        ("Avon & Somerset Police", "avon-and-somerset"),
        ("Devon & Cornwall Police", "devon-and-cornwall"),
        ("Hampshire & Isle of Wight Constabulary", "hampshire"),
    ],
)
def test_docinfo_force_named_with_an_ampersand(name: str, force_id: str) -> None:
    report = extract_text(f"PEEL 2023–25: {name}\n\nThe force is good at investigating crime.\n")
    assert report.document.force is not None and report.document.force.id == force_id
