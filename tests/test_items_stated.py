"""AFIs and causes of concern as real pages, letters and responses set them out (issue 13, families 6-7).

Bullets under a question's "Areas for improvement" (only the list, not the findings after it),
an "AFI" label above each item's heading, lists a sentence introduces ("we identified three
causes of concern, which were that the force:"), causes stated in prose, and an earlier
inspection's items restated as history (carried with the earlier inspection, never new).
Every text is written for these tests, in other forces' words, one paragraph a line as pages
saved as text have them.
"""
# ruff: noqa: E501  (paragraphs stand one a line, as in the pages these imitate)

from __future__ import annotations

from tests.conftest import extract_text

QUESTION_PAGE = """Lancashire PEEL 2017

Effectiveness

How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?

Good

Areas for improvement

• The constabulary should improve how it shares its analysis of local problems with partner
organisations.
• The constabulary should make sure neighbourhood officers spend more of their time on prevention.
• The constabulary needs to evaluate its problem-solving work consistently across its divisions.

We set out our detailed findings below. These are the basis for our judgment of the force’s performance.

Understanding local communities

Lancashire Constabulary has a good understanding of its communities. We found that it works well with partners.
"""


def test_items_afis_are_the_list_a_question_part_opens_with() -> None:
    report = extract_text(QUESTION_PAGE)
    texts = [item.text for item in report.areas_for_improvement]
    assert len(texts) == 3, texts
    assert texts[0].startswith("The constabulary should improve how it shares")
    assert "partner" in texts[0] and "organisations" in texts[0]  # the wrapped line stays with its bullet
    assert not any("detailed findings" in t or "good understanding" in t for t in texts)
    assert all(item.earlier is None for item in report.areas_for_improvement)


LABELLED = """PEEL 2023–25 inspection findings for Suffolk Constabulary

Areas for improvement

AFI

The force needs to improve how it supervises investigations of domestic abuse

We examined 40 investigations and found supervision was not always recorded.

AFI

The force should make sure that it records crimes reported by victims of antisocial behaviour

Victims are not always told how their crime will be investigated. HMICFRS found records incomplete.
"""


def test_items_afi_label_headings_mark_items_and_are_none() -> None:
    items = extract_text(LABELLED).areas_for_improvement
    assert [item.title for item in items] == [
        "The force needs to improve how it supervises investigations of domestic abuse",
        "The force should make sure that it records crimes reported by victims of antisocial behaviour",
    ]
    assert "We examined 40 investigations" in items[0].text


LETTER = """Letter information

From

HM Inspector of Constabulary

To

Chief Constable, Cumbria Constabulary

Sent on

4 April 2024

Dear Chief Constable,

We inspected Cumbria Constabulary's response to the public in February, as part of our PEEL inspection programme.

Areas for improvement

The force needs to improve how quickly it answers non-emergency calls.

The force needs to make sure that call handlers assess the risk to every caller.

Yours sincerely,
"""


def test_items_letter_afis_under_their_heading() -> None:
    report = extract_text(LETTER)
    assert report.document.kind.value == "inspection_letter"
    texts = [item.text for item in report.areas_for_improvement]
    assert texts == [
        "The force needs to improve how quickly it answers non-emergency calls.",
        "The force needs to make sure that call handlers assess the risk to every caller.",
    ]


RESPONSE_NUMBERED = """Response to PEEL 2021/22 – An inspection of Humberside Police

As the Police and Crime Commissioner, I welcome the HMICFRS report. A summary of the report and the areas for improvement identified are: –

1. The constabulary needs to improve how it records the ethnicity of people it stops and searches.

Humberside Police does not always record why a search took place. HMICFRS found gaps in its records.

2. The constabulary should make sure that investigations are supervised effectively.

Supervisors do not always review investigation plans.

Next steps

I will hold the Chief Constable to account for these improvements.
"""


def test_items_numbered_afis_a_response_introduces() -> None:
    texts = [item.text for item in extract_text(RESPONSE_NUMBERED).areas_for_improvement]
    assert texts == [
        "The constabulary needs to improve how it records the ethnicity of people it stops and searches.",
        "The constabulary should make sure that investigations are supervised effectively.",
    ]


CARRIED_OVER = """Avon and Somerset PEEL 2018

Questions for Effectiveness

How effective is the force at investigating crime and reducing re-offending?

This question was not subject to detailed inspection in 2018/19, and our judgment from the 2016 effectiveness inspection has been carried over. Two areas for improvement remained from that inspection.

• The force should improve the supervision of its investigations.
• The force should make sure that victims are updated on the progress of their cases.

During our fieldwork we reviewed the force's progress on these areas for improvement.
"""


def test_items_afis_remaining_from_an_earlier_inspection_carry_it() -> None:
    items = extract_text(CARRIED_OVER).areas_for_improvement
    assert [item.text for item in items] == [
        "The force should improve the supervision of its investigations.",
        "The force should make sure that victims are updated on the progress of their cases.",
    ]
    for item in items:
        assert item.earlier is not None and item.earlier.cycle == "2016"
        assert "remained from that inspection" in item.earlier.text


def test_items_a_colon_handing_over_something_else_introduces_no_afis() -> None:
    text = (
        "Essex Police response to the HMICFRS PEEL inspection\n\n"
        "To govern progress against the 12 AFIs identified in the report, there will be the following "
        "tiers of scrutiny:\n\n"
        "- a) a monthly Force Improvement Board chaired by the Deputy Chief Constable;\n"
        "- b) a quarterly oversight board held by the Chief Constable.\n"
    )
    assert extract_text(text).areas_for_improvement == []


def test_items_a_count_without_a_colon_takes_only_directive_bullets() -> None:
    text = (
        "HMICFRS published its PEEL report on Gwent Police. The report contains four areas for improvement.\n\n"
        "• Investigating crime – requires improvement\n"
        "• Responding to the public – adequate\n"
    )
    assert extract_text(text).areas_for_improvement == []


REVISIT_LETTER = """Durham Constabulary: PEEL cause of concern revisit letter

Letter information

From

His Majesty’s Inspector of Constabulary

Sent on

2 May 2024

Background

In March 2022, we inspected Durham Constabulary as part of our PEEL programme. We identified two causes of concern, which were that the constabulary:

- did not answer emergency calls quickly enough;
- was not identifying repeat victims at the first point of contact; and

We have now closed both causes of concern.
"""


def test_items_causes_a_revisit_letter_restates_carry_the_earlier_inspection() -> None:
    causes = extract_text(REVISIT_LETTER).causes_of_concern
    assert [cause.text for cause in causes] == [
        "did not answer emergency calls quickly enough",
        "was not identifying repeat victims at the first point of contact",
    ]
    for cause in causes:
        assert cause.earlier is not None and cause.earlier.cycle == "2022"


REVISIT_PROSE = """Northumbria Police cause of concern revisit – Call handling

During our PEEL inspection of Northumbria, between 3 and 14 June 2019, we identified four causes of concern. One of them was about how the force handles calls from the public.

This was that Northumbria Police doesn’t answer non-emergency calls quickly enough. Callers abandon their calls and the force cannot assess the risk to them.

We reviewed progress against this cause of concern in 2021.
"""


def test_items_a_cause_stated_as_this_was_that() -> None:
    causes = extract_text(REVISIT_PROSE).causes_of_concern
    assert len(causes) == 1
    assert causes[0].text.startswith("This was that Northumbria Police doesn’t answer non-emergency calls")
    assert causes[0].earlier is not None and causes[0].earlier.cycle == "2019"


def test_items_a_cause_stated_in_a_sentence_is_current() -> None:
    text = (
        "PEEL 2023–25: An inspection of Merseyside Police\n\nProtecting vulnerable people\n\n"
        "We found that the force does not always refer children at risk to partners. "
        "Merseyside Police’s handling of missing children is a cause of concern.\n"
    )
    causes = extract_text(text).causes_of_concern
    assert [cause.text for cause in causes] == [
        "Merseyside Police’s handling of missing children is a cause of concern."
    ]
    assert causes[0].earlier is None


def test_items_a_cause_pointed_back_to_keeps_what_it_points_at() -> None:
    text = (
        "PEEL 2023–25: An inspection of Kent Police\n\nInvestigating crime\n\n"
        "The constabulary does not supervise its investigations of serious crime. This is a cause of concern.\n"
    )
    causes = extract_text(text).causes_of_concern
    assert len(causes) == 1
    assert causes[0].text.startswith("The constabulary does not supervise its investigations")


def test_items_causes_only_mentioned_are_none() -> None:
    text = (
        "PEEL 2023–25: An inspection of Dorset Police\n\nResponding to the public\n\n"
        "The force's call handling is no longer a cause of concern. There is no cause for concern about "
        "its 999 answering. Causes of concern are always accompanied by recommendations.\n"
    )
    assert extract_text(text).causes_of_concern == []


def test_items_a_cause_restated_in_prose_beside_its_part_is_listed_once() -> None:
    text = (
        "PEEL 2023–25: An inspection of Bedfordshire Police\n\nHM Inspector’s summary\n\n"
        "Bedfordshire Police’s response to missing children is a cause of concern.\n\n"
        "Protecting vulnerable people\n\nCause of concern\n\n"
        "The force doesn’t respond to reports of missing children quickly enough.\n\n"
        "Main findings\n\nWe found that the force’s response to missing children was slow.\n"
    )
    causes = extract_text(text).causes_of_concern
    assert [cause.text for cause in causes] == [
        "The force doesn’t respond to reports of missing children quickly enough."
    ]


def test_items_since_the_last_inspection_introduces_current_items() -> None:
    text = (
        "PEEL 2023–25: An inspection of Wiltshire Police\n\nResponding to the public\n\n"
        "Since our last inspection, we have identified two areas for improvement:\n\n"
        "• The force should answer non-emergency calls more quickly.\n"
        "• The force should make sure it assesses the risk to repeat callers.\n"
    )
    items = extract_text(text).areas_for_improvement
    assert len(items) == 2 and all(item.earlier is None for item in items)
