"""``peel-extract diff``: each kind of change between two reports, worked out by hand from the fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.outputs.diff import diff_reports, direction, format_diff, similarity
from extractor.outputs.json import report_json
from schemas import Area, Judgment, Report
from tests.conftest import sample_report
from tests.test_db import (
    CUMBRIA_AFI,
    ESSEX_AFI,
    KENT_NEW_AFI_CALLS,
    KENT_NEW_AFI_FRAUD,
    KENT_NEW_AFI_INVESTIGATION,
    KENT_NEW_SENTENCE,
    KENT_OLD_AFI_CALLS,
    KENT_OLD_AFI_CHILD,
    KENT_OLD_AFI_INVESTIGATION,
    KENT_OLD_SENTENCE,
    cumbria,
    essex,
    finding,
    item,
    judgment,
    kent_new,
    kent_old,
    make_report,
    said,
)


def test_diff_grades_moved_with_direction() -> None:
    changes = diff_reports(kent_old(), kent_new())
    rows = [(g.area_id, g.old_grade, g.new_grade, g.direction) for g in changes.grades]
    # In the taxonomy's area order.
    assert rows == [
        ("responding_to_public", "requires_improvement", "inadequate", "down"),
        ("investigating_crime", "requires_improvement", "adequate", "up"),
        ("protecting_vulnerable_people", "good", "good", "same"),
        ("leadership_force_management", "good", "good", "same"),
        ("victim_service", "not_graded", None, "only_in_old"),
        ("managing_fraud", None, "adequate", "only_in_new"),
    ]
    assert changes.warnings == []


def test_diff_afis_repeated_new_and_not_repeated() -> None:
    changes = diff_reports(kent_old(), kent_new())
    assert [(r.old.text, r.new.text) for r in changes.afis_recurring] == [
        (KENT_OLD_AFI_CALLS, KENT_NEW_AFI_CALLS),
        (KENT_OLD_AFI_INVESTIGATION, KENT_NEW_AFI_INVESTIGATION),
    ]
    assert [(r.old.line, r.new.page, r.new.line) for r in changes.afis_recurring] == [
        (104, 17, 30),
        (121, 21, 7),
    ]
    assert all(r.similarity >= 0.5 for r in changes.afis_recurring)
    assert [(a.area_id, a.text) for a in changes.afis_new] == [("managing_fraud", KENT_NEW_AFI_FRAUD)]
    assert [(a.area_id, a.text) for a in changes.afis_not_repeated] == [
        ("protecting_vulnerable_people", KENT_OLD_AFI_CHILD)
    ]


def test_diff_findings_on_the_same_measure() -> None:
    changes = diff_reports(kent_old(), kent_new())
    # 28/39 = 71.8%, 35/40 = 87.5%: +15.7 points. The 22 of 24 records and 9 of 12 fraud cases
    # have no partner (other unit / other area).
    [measure] = changes.findings_same_measure
    assert (measure.area_id, measure.unit) == ("investigating_crime", "cases")
    assert (measure.old.x, measure.old.y, measure.old.percent) == (28, 39, 71.8)
    assert (measure.new.x, measure.new.y, measure.new.percent) == (35, 40, 87.5)
    assert measure.change_points == 15.7
    assert (measure.old.sentence, measure.new.sentence) == (KENT_OLD_SENTENCE, KENT_NEW_SENTENCE)


def test_diff_text_output_shows_each_change() -> None:
    text = format_diff(diff_reports(kent_old(), kent_new()))
    lines = [line.split() for line in text.splitlines()]
    assert ["Investigating", "crime", "requires", "improvement", "->", "adequate", "up"] in lines
    assert [
        "Responding",
        "to",
        "the",
        "public",
        "requires",
        "improvement",
        "->",
        "inadequate",
        "down",
    ] in lines
    assert ["Managing", "fraud", "–", "->", "adequate", "only", "in", "new"] in lines
    assert f"    then (line 121): {KENT_OLD_AFI_INVESTIGATION}" in text
    assert f"    now  (p. 21, line 7): {KENT_NEW_AFI_INVESTIGATION}" in text
    assert "Areas for improvement repeated (2)" in text
    assert f"New areas for improvement (1)\n  [Managing fraud] p. 40, line 11: {KENT_NEW_AFI_FRAUD}" in text
    assert f"not repeated (1)\n  [Protecting vulnerable people] line 150: {KENT_OLD_AFI_CHILD}" in text
    assert "  [Investigating crime] 28 of 39 (71.8%) -> 35 of 40 (87.5%), +15.7 points" in text


def test_diff_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(report_json(kent_old()), encoding="utf-8")
    new.write_text(report_json(kent_new()), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == format_diff(diff_reports(kent_old(), kent_new()))
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [g["direction"] for g in data["grades"]] == [
        "down",
        "up",
        "same",
        "same",
        "only_in_old",
        "only_in_new",
    ]
    assert data["afis_new"][0]["text"] == KENT_NEW_AFI_FRAUD
    assert data["findings_same_measure"][0]["change_points"] == 15.7
    assert (data["old"]["cycle"], data["new"]["cycle"]) == ("2023–25", "2025–27")


def test_diff_cli_names_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(report_json(essex()), encoding="utf-8")
    bad.write_text("{not json", encoding="utf-8")
    assert main(["diff", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "[invalid-report-json]" in err


# ---- variants: other forces, other cycles, other wording ------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Devon and Cornwall Police should improve its understanding of demand in the control room.",
            "The constabulary needs to better understand the demand its control room faces.",
        ),
        (
            "The force should ensure that officers record the grounds for stop and search fully.",
            "Officers must fully record their grounds for each stop and search.",
        ),
        (
            "The force should make sure that it manages registered sex offenders in line with guidance.",
            "The constabulary should make sure registered sex offenders are managed in line with national"
            " guidance.",
        ),
    ],
)
def test_diff_similarity_pairs_reworded_afis(old: str, new: str) -> None:
    assert similarity(old, new) >= 0.5


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "The force should improve how it records crime.",
            "The force should improve how it supports the wellbeing of its workforce.",
        ),
        (KENT_OLD_AFI_CHILD, KENT_NEW_AFI_FRAUD),
        (ESSEX_AFI, CUMBRIA_AFI),
        ("The force should improve.", "The force needs to improve."),  # nothing but boilerplate
    ],
)
def test_diff_similarity_keeps_different_afis_apart(old: str, new: str) -> None:
    assert similarity(old, new) < 0.5


def test_diff_afi_moved_to_another_area_still_recurs() -> None:
    text = "The force should improve how it allocates investigations to officers with the right skills."
    old = make_report(
        "a.txt", "essex", "2021/22", areas_for_improvement=[item("investigating_crime", text, 5)]
    )
    new = make_report("b.txt", "essex", "2023–25", areas_for_improvement=[item("workforce", text, 9)])
    changes = diff_reports(old, new)
    assert [(r.old.line, r.new.line, r.similarity) for r in changes.afis_recurring] == [(5, 9, 0.85)]


def test_diff_four_tier_cycle_warns_and_keeps_direction() -> None:
    # Cumbria 2017 (four-tier scale) to 2023–25: good -> adequate is down, with the reset named.
    old = make_report("c17.txt", "cumbria", "2017", judgments=[judgment("investigating_crime", "good", 10)])
    new = make_report(
        "c23.txt", "cumbria", "2023–25", judgments=[judgment("investigating_crime", "adequate", 12)]
    )
    changes = diff_reports(old, new)
    assert [(g.area_id, g.direction) for g in changes.grades] == [("investigating_crime", "down")]
    assert len(changes.warnings) == 1 and "2017" in changes.warnings[0] and "2021/22" in changes.warnings[0]


def test_diff_other_force_and_swapped_order_warn() -> None:
    changes = diff_reports(cumbria(), essex())
    assert changes.warnings == [
        "the reports are of different forces (Cumbria Constabulary and Essex Police)",
        "OLD is of a later cycle (2025–27) than NEW (2023–25); directions read OLD to NEW",
    ]
    assert format_diff(changes).startswith("Cumbria Constabulary / Essex Police: 2025–27")


def test_diff_unknown_area_matched_by_title_and_ungraded_not_comparable() -> None:
    def unknown(grade: str) -> Judgment:
        return Judgment(area=Area(id=None, title="Armed Policing"), grade=grade, evidence=[said(3)])

    old = make_report(
        "w1.txt", "essex", "2021/22", judgments=[unknown("good"), judgment("victim_service", "not_graded", 4)]
    )
    new = make_report(
        "w2.txt", "essex", "2023–25", judgments=[unknown("inadequate"), judgment("victim_service", "good", 8)]
    )
    rows = [(g.area_id, g.area, g.direction) for g in diff_reports(old, new).grades]
    assert rows == [
        ("victim_service", "Providing a service to victims of crime", "not_comparable"),
        (None, "Armed Policing", "down"),
    ]


def test_diff_findings_need_same_unit_and_area() -> None:
    sentence = "In 12 of the 20 cases we reviewed, victims were given a needs assessment."
    old = make_report(
        "e1.txt",
        "essex",
        "2021/22",
        findings=[finding("protecting_vulnerable_people", 12, 20, "cases", sentence, 7)],
    )
    same = finding(
        "protecting_vulnerable_people", 18, 20, "cases",
        "In 18 of 20 cases that we reviewed, victims were given a needs assessment.", 9,
    )  # fmt: skip
    other_area = finding("investigating_crime", 18, 20, "cases", same.sentence, 9)
    other_unit = same.model_copy(update={"unit": "records", "text": "18 of 20 records"})
    for new_finding, expected in ((same, [30.0]), (other_area, []), (other_unit, [])):
        new = make_report("e2.txt", "essex", "2023–25", findings=[new_finding])
        assert [m.change_points for m in diff_reports(old, new).findings_same_measure] == expected


def test_diff_direction_table() -> None:
    assert direction("inadequate", "outstanding") == "up"
    assert direction("adequate", "requires_improvement") == "down"
    assert direction("not_graded", "not_graded") == "same"
    assert direction("good", None) == "only_in_old"


# ---- findings: one measure means the same thing counted, the same way round (issue 15, point 1) ----


def _pairs(old: Report, new: Report) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    return [((m.old.x, m.old.y), (m.new.x, m.new.y)) for m in diff_reports(old, new).findings_same_measure]


def test_issue_15_kent_samples_pair_only_findings_on_one_measure() -> None:
    # Read against the two texts: each pair counts one thing in one area the same way round.
    old, new = sample_report("000"), sample_report("004")
    changes = diff_reports(old, new)
    assert _pairs(old, new) == [
        ((22, 24), (22, 23)),  # stop and search records of people from ethnic minorities: reasonable grounds
        ((60, 67), (39, 39)),  # a check for a vulnerable victim / checks to identify ... vulnerable victims
        ((32, 36), (64, 77)),  # effective supervision of investigations
        ((65, 71), (52, 53)),  # victim contracts adhered to
    ]
    only_old = {(f.x, f.y): f for f in changes.findings_only_in_old}
    only_new = {(f.x, f.y): f for f in changes.findings_only_in_new}
    # The attendance time "wasn't met" in 6 of 23; "was within" it in 28 of 39: the other way round.
    assert only_old[(6, 23)].negated and not only_new[(28, 39)].negated
    # A risk assessment that was accurate is not the use of a triage approach; the reasons for a
    # withdrawal recorded are not needs assessments recorded; repeat victims are not vulnerable ones.
    assert (46, 48) in only_old and (51, 51) in only_new
    assert (47, 50) in only_old and (48, 50) in only_new
    assert (34, 35) in only_new
    # Every finding is either paired or listed unpaired, once.
    assert len(changes.findings_same_measure) + len(only_old) == len(old.findings)
    assert len(changes.findings_same_measure) + len(only_new) == len(new.findings)


def _one(sentence: str, x: int, y: int, unit: str = "cases", area: str = "investigating_crime") -> Report:
    return make_report("w.txt", "cumbria", "2023–25", findings=[finding(area, x, y, unit, sentence, 4)])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Negated both times, in other words: the same measure.
        (
            ("In 7 of the 25 cases, officers didn't record a risk assessment.", 7, 25),
            (
                "The constabulary found that in 9 of 30 cases officers failed to record a risk assessment.",
                9,
                30,
            ),
        ),
        # "without delay" is not a negation.
        (
            ("Officers attended without delay in 30 of the 40 cases we examined.", 30, 40),
            ("In 20 of 25 cases, officers attended without undue delay.", 20, 25),
        ),
        # Framing differs ("our case file review", "there was evidence of"), the measure does not.
        (
            (
                "In our case file review, there was evidence of a supervisor's review in 14 of 20 cases.",
                14,
                20,
            ),
            ("A supervisor reviewed the investigation in 18 of the 22 cases we looked at.", 18, 22),
        ),
    ],
)
def test_issue_15_findings_on_one_measure_pair(old: tuple[str, int, int], new: tuple[str, int, int]) -> None:
    assert len(_pairs(_one(*old), _one(*new))) == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # The other way round: met against not met.
        (
            ("In 9 of the 30 cases, the force failed to record a risk assessment.", 9, 30),
            ("In 25 of 30 cases, the force recorded a risk assessment.", 25, 30),
        ),
        (
            ("In 4 of 20 cases, victims were contacted without a needs assessment.", 4, 20),
            ("In 15 of 20 cases, victims were contacted after a needs assessment.", 15, 20),
        ),
        (
            ("It wasn't clear that a safety plan had been made in 6 of the 11 cases.", 6, 11),
            ("It was clear that a safety plan had been made in 10 of the 11 cases.", 10, 11),
        ),
        # Recorded, but something else recorded.
        (
            ("The reasons a victim withdrew were recorded in 40 of the 45 cases we reviewed.", 40, 45),
            ("In 41 of the 44 cases, the constabulary had recorded victims' needs assessments.", 41, 44),
        ),
    ],
)
def test_issue_15_findings_on_other_measures_stay_unpaired(
    old: tuple[str, int, int], new: tuple[str, int, int]
) -> None:
    changes = diff_reports(_one(*old), _one(*new))
    assert changes.findings_same_measure == []
    assert [(f.x, f.y) for f in changes.findings_only_in_old] == [old[1:]]
    assert [(f.x, f.y) for f in changes.findings_only_in_new] == [new[1:]]


def test_issue_15_two_measures_in_one_sentence_each_keep_their_clause() -> None:
    both = (
        "Of the calls we reviewed, the handler recorded the caller's vulnerability in 52 of 60 calls, "
        "but checked for repeat callers in only 31 of 60 calls."
    )
    new = make_report(
        "n.txt",
        "essex",
        "2025–27",
        findings=[
            finding("responding_to_public", 52, 60, "calls", both, 8),
            finding("responding_to_public", 31, 60, "calls", both, 8),
        ],
    )
    repeat = make_report(
        "o.txt",
        "essex",
        "2023–25",
        findings=[
            finding(
                "responding_to_public", 20, 50, "calls", "Repeat callers were checked in 20 of 50 calls.", 3
            )
        ],
    )
    changes = diff_reports(repeat, new)
    assert _pairs(repeat, new) == [((20, 50), (31, 60))]
    assert [f.measure for f in changes.findings_only_in_new] == [
        "Of the calls we reviewed, the handler recorded the caller's vulnerability in 52 of 60 calls"
    ]
    assert "Findings with no partner in the old report (1)" in format_diff(changes)


def test_issue_15_unit_noun_must_agree_and_its_words_count() -> None:
    sentence = "Officers recorded reasonable grounds in 18 of 20 {unit}."
    old = _one(sentence.format(unit="stop and search records"), 18, 20, "stop and search records")
    same_noun = _one(
        "Of the stop and search records we reviewed, officers recorded reasonable grounds in 19 of the "
        "21 records.",
        19,
        21,
        "records",
    )
    other_noun = _one(sentence.format(unit="cases"), 18, 20, "cases")
    assert _pairs(old, same_noun) == [((18, 20), (19, 21))]
    assert _pairs(old, other_noun) == []
