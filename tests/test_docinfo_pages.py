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
