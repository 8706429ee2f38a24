"""Negatives: other programmes that grade with PEEL's words give no judgments, and a PEEL text
that mentions them in passing is not refused. Texts written for the tests, in other bodies' words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import extract
from extractor.errors import ExtractionError
from extractor.finders.programme import find_other_programme
from extractor.model import Block, BlockKind
from schemas import Span
from tests.conftest import ROOT, extract_text

CORPUS = ROOT.parent / "shared" / "corpus"


def _blocks(text: str) -> list[Block]:
    return [
        Block(BlockKind.PARAGRAPH, line, Span(line=n)) for n, line in enumerate(text.splitlines(), 1) if line
    ]


FIRE = """Inspection of Devon and Somerset Fire and Rescue Service

HM Inspectorate of Constabulary and Fire & Rescue Services has graded the service in three areas.
Keeping people safe and secure from fire and other risks – requires improvement
Efficiency – Good
People – Inadequate
Firefighters told inspectors the service's culture had improved; the chief fire officer accepted the report.
"""

CUSTODY = """Report on an unannounced inspection of police custody suites in Suffolk

by HM Inspectorate of Prisons and HM Inspectorate of Constabulary and Fire & Rescue Services
Leadership, accountability and partnerships: good
Treatment and conditions of detainees – requires improvement
Detainees were held in clean cells and custody staff treated them with respect.
"""

PROBATION = """Inspection of probation services: North East region

HM Inspectorate of Probation rated the region's probation service 'Requires improvement'.
Leadership – Good
Services – Inadequate
Case supervision by probation staff was not good enough in most of the cases inspectors read.
"""

OFSTED = """Council children's services rated inadequate

Ofsted has judged the council's children's services inadequate overall after its inspection.
Leadership: inadequate
Help and protection: requires improvement
Ofsted inspectors said children's social care had declined since the last visit.
"""

STATE_OF_POLICING = """State of Policing: the annual assessment of policing in England and Wales

In the State of Policing report, the Chief Inspector says most forces are good at keeping people safe.
Effectiveness – Good
Twenty forces require improvement in how they protect vulnerable people.
"""

METHODOLOGY = """How we inspect

Our PEEL assessments use grading criteria for each question set.
Good – the force has demonstrated substantially all the characteristics of good performance
Adequate – some of the characteristics of good performance
This page explains the PEEL assessment framework and what each judgment means.
"""

PRE_PEEL = """Police performance assessments 2006/07

The police performance assessment for Lancashire Constabulary was published in October 2007.
Tackling crime – Good
Protecting vulnerable people – Good
Investigating crime – Good
The assessments for 2005/06 were published in October 2006.
"""


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        (FIRE, "fire and rescue"),
        (CUSTODY, "custody"),
        (PROBATION, "probation"),
        (OFSTED, "Ofsted"),
        (STATE_OF_POLICING, "State of Policing"),
        (METHODOLOGY, "methodology"),
        (PRE_PEEL, "pre-PEEL"),
    ],
)
def test_programmes_other_programmes_give_no_judgments_and_say_why(text: str, programme: str) -> None:
    other = find_other_programme(_blocks(text))
    assert other is not None and programme in other.name
    report = extract_text(text, "negative.txt")
    assert report.judgments == []
    refused = [w for w in report.warnings if w.code == "not-a-peel-inspection"]
    assert len(refused) == 1 and programme in refused[0].message


PEEL_MENTIONS_CDI = """PEEL 2021/22: an inspection of Staffordshire Police

Staffordshire Police is good at recording data about crime. Its crime data integrity inspection
in 2019 found the same. The force shares a headquarters with Staffordshire Fire and Rescue Service.
Investigating crime – Requires improvement
Responding to the public – Adequate
The Police, Fire and Crime Commissioner welcomed the report on Staffordshire Police.
"""


def test_programmes_a_peel_report_that_mentions_crime_data_integrity_and_a_fire_service_is_not_refused() -> (
    None
):
    assert find_other_programme(_blocks(PEEL_MENTIONS_CDI)) is None
    report = extract_text(PEEL_MENTIONS_CDI, "staffordshire.txt")
    grades = {j.area.id: j.grade.value for j in report.judgments}
    assert grades["investigating_crime"] == "requires_improvement"
    assert grades["responding_to_public"] == "adequate"
    assert "not-a-peel-inspection" not in [w.code for w in report.warnings]


def test_programmes_a_commissioners_peel_response_under_a_fire_and_crime_title_is_not_refused() -> None:
    text = (
        "Police, Fire and Crime Commissioner for Essex\nResponse to the HMICFRS PEEL inspection 2023–25\n"
        "The Commissioner notes that Essex Police is good at investigating crime.\n"
        "Fire and Crime Panel members will discuss the report on Essex Police in June.\n"
    )
    assert find_other_programme(_blocks(text)) is None
    report = extract_text(text, "essex-pfcc.txt")
    assert [(j.area.id, j.grade.value) for j in report.judgments] == [("investigating_crime", "good")]


def test_programmes_a_custody_inspection_for_a_named_force_is_still_refused() -> None:
    # Naming the force whose custody suites were inspected does not make it a PEEL report.
    text = CUSTODY + "Suffolk Constabulary runs the custody suites at Ipswich and Bury St Edmunds.\n"
    assert extract_text(text, "suffolk-custody.txt").judgments == []


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not beside the checkout")
def test_programmes_corpus_negatives_refused_and_no_peel_case_refused() -> None:
    rows = [
        json.loads(line) for line in (CORPUS / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()
    ]
    refused_positive: list[str] = []
    judged_negative: list[str] = []
    for row in rows:
        path = CORPUS / "cases" / row["case"]
        try:
            report = extract(Path(path))
        except ExtractionError:  # a refused read gives no judgment either
            continue
        refused = any(w.code == "not-a-peel-inspection" for w in report.warnings)
        if row["is_peel_report_text"] and refused:
            refused_positive.append(row["case"])
        if not row["is_peel_report_text"] and report.judgments:
            judged_negative.append(row["case"])
    assert refused_positive == []
    assert judged_negative == []


CDI_NAMED_FORCE = """Norfolk Constabulary: crime data integrity inspection 2019

We inspected how well Norfolk Constabulary records crime, in our crime data integrity programme.
Norfolk Constabulary is good at recording reports of crime.
Norfolk Constabulary records most reported crimes; its crime recording – Good
Norfolk Constabulary should keep improving how it records reports of rape.
"""


def test_programmes_a_crime_data_integrity_inspection_naming_its_force_often_is_refused() -> None:
    other = find_other_programme(_blocks(CDI_NAMED_FORCE))
    assert other is not None and "crime data integrity" in other.name


def test_programmes_peel_news_naming_crime_data_integrity_twice_is_not_refused() -> None:
    text = (
        "Bedfordshire Police rated outstanding for crime data integrity\n"
        "The inspectorate's PEEL report graded Bedfordshire Police in nine areas of policing.\n"
        "Its crime data integrity grade is the best the force has had. Bedfordshire Police is good at "
        "investigating crime, the report said, and Bedfordshire Police is adequate at responding to "
        "the public.\n"
    )
    assert find_other_programme(_blocks(text)) is None
