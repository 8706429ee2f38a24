"""Whom and what a page is about, as real pages title themselves (issue 13): the force a title names.

Texts are written for these tests in other forces' words.
"""

from __future__ import annotations

import pytest

from tests.conftest import extract_text


@pytest.mark.parametrize(
    ("title", "other", "force_id"),
    [
        ("Norfolk PEEL 2018", "Suffolk Constabulary", "norfolk"),
        ("Humberside 2017", "South Yorkshire Police", "humberside"),
        ("Dyfed-Powys PEEL 2016", "North Wales Police", "dyfed-powys"),
    ],
)
def test_docinfo_force_a_title_names_beats_a_passing_full_name(title: str, other: str, force_id: str) -> None:
    # The title names the force by place only; the body names a neighbour by its full name.
    text = (
        f"Skip to content\n\n{title}\n\nLegitimacy\n\nHow legitimately does the force treat the public?\n\n"
        "Requires improvement\n\nThe force needs to improve how it treats the public.\n\n"
        f"There is some dissatisfaction about the force's decision to end its alliance with {other}.\n\n"
        "HMICFRS found the force could do more to understand its data.\n"
    )
    force = extract_text(text).document.force
    assert force is not None and force.id == force_id


def test_docinfo_force_a_sentence_is_no_title() -> None:
    # An opening sentence that only mentions a place does not title the page.
    text = (
        "Officers from Kent joined the operation, which HMICFRS reviewed in detail last year.\n\n"
        "Essex Police inspection\n\nEssex Police is good at investigating crime.\n\n"
        "Essex Police requires improvement at responding to the public.\n"
    )
    force = extract_text(text).document.force
    assert force is not None and force.id == "essex"


LETTER = (
    "Durham Constabulary: PEEL cause of concern revisit letter\n\nLetter information\n\nFrom\n\n"
    "Roy Wilshire\n\nHis Majesty’s Inspector of Constabulary\n\nTo\n\nJo Farrell\n\nChief Constable\n\n"
    "Sent on\n\n3 March 2023\n\nDear Chief Constable,\n\n"
    "In our last inspection we identified a cause of concern about how the force answers calls.\n"
)
LETTER_SIGNED = (
    "PEEL revisit\n\nDear Commissioner,\n\nWe inspected Suffolk Constabulary again in May. "
    "The force has made progress on the recommendations.\n\nYours sincerely,\n\n"
    "HM Inspector of Constabulary\n"
)
FORCE_LETTER = (
    "Dear Parish Councils,\n\nI am delighted to share the report from our latest HMICFRS inspection, "
    "which rated Essex Police good at managing offenders.\n"
)
PRESS_RELEASE = (
    "Lancashire Constabulary is good at preventing crime\n\n"
    "Lancashire Constabulary is good at preventing crime but must answer calls faster, the police "
    "inspectorate has said.\n\nGet the report\n\nPEEL 2023–2025: An inspection of Lancashire Constabulary\n\n"
    "HMICFRS graded the constabulary’s performance across eight areas of policing.\n"
)
PRESS_NOTES = (
    "Inspectors praise Cumbria Constabulary\n\nHMICFRS graded Cumbria Constabulary good in five areas.\n\n"
    "Notes to editors\n\n1. HMICFRS inspects all 43 police forces.\n"
)
NEWS = (
    "Avon and Somerset Police rated good by watchdog\n\nUpdated Monday, 4th May 2020, 9:15 am\n\n"
    "Avon and Somerset Police has been rated good at investigating crime by HMICFRS.\n"
)
NEWS_QUOTE = (
    "Inspectors have rated Humberside Police outstanding in three areas of its PEEL inspection.\n\n"
    "HM Inspector Matt Parr said: “I am pleased with the performance of Humberside Police.”\n\n"
    "The force was rated good in four other areas.\n"
)
COMMITTEE = (
    "Agenda item\n\nHMICFRS PEEL Inspection 2021/22\n\n"
    "1. The Commissioner presented a report on the inspection of Surrey Police by HMICFRS.\n\n"
    "2. The Panel noted the report and asked for an update in six months.\n"
)
COMMITTEE_PURPOSE = (
    "Police and Crime Panel\n\nPurpose of report\n\nTo update members on the HMICFRS PEEL inspection "
    "of Cumbria Constabulary.\n\nThe Panel is asked to note the findings of the inspection.\n"
)
WEB_TITLE = (
    "Cumbria PEEL 2017\n\nEffectiveness\n\n"
    "How effective is the force at keeping people safe and reducing crime?\n\n"
    "Cumbria Constabulary is good at keeping people safe and reducing crime.\n"
)
PFCC = (
    "PFCC Response\n\nThe Police, Fire and Crime Commissioner for Staffordshire has received the "
    "HMICFRS report and will hold the Chief Constable to account for the improvements.\n"
)
COMMISSIONER = (
    "Commissioner’s response to HMICFRS Report: PEEL 2023–2025: An inspection of Kent Police\n\n"
    "I welcome the report, which finds the force good at investigating crime.\n"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (LETTER, "inspection_letter"),
        (LETTER_SIGNED, "inspection_letter"),
        (PRESS_RELEASE, "press_release"),
        (PRESS_NOTES, "press_release"),
        (NEWS, "news_article"),
        (NEWS_QUOTE, "news_article"),
        (COMMITTEE, "committee_paper"),
        (COMMITTEE_PURPOSE, "committee_paper"),
        (WEB_TITLE, "inspection_web_page"),
        (PFCC, "pcc_scrutiny_report"),
        (COMMISSIONER, "pcc_scrutiny_report"),
    ],
    ids=[
        "letter-header",
        "letter-signed",
        "press-get-the-report",
        "press-notes-to-editors",
        "news-furniture",
        "news-quoted-first-person",
        "committee-agenda",
        "committee-purpose",
        "web-page-title",
        "pfcc-response",
        "commissioner-first-person",
    ],
)
def test_docinfo_kind_by_the_forms_conventions(text: str, kind: str) -> None:
    assert extract_text(text).document.kind.value == kind


def test_docinfo_kind_a_forces_letter_is_no_inspection_letter() -> None:
    # "Dear ..." alone is no inspectorate letter: the force writes it, about its own inspection.
    assert extract_text(FORCE_LETTER).document.kind.value != "inspection_letter"


def test_docinfo_kind_resolved_outcomes_are_no_minutes() -> None:
    # "Resolved crime outcomes" opens a table row in a report, not a committee's resolution.
    text = (
        "Our inspection of Dorset Police\n\nWe found that the force answers calls quickly. We reviewed "
        "90 cases. We examined its records.\n\nResolved crime outcomes | 3.2 | 2.7\n"
    )
    assert extract_text(text).document.kind.value == "inspection_report"
