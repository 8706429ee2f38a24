"""How the outputs name and order what a report holds: grades, document kinds, item lists, areas, cycles.

Every grade's rank, label and colours stand in one row of :data:`GRADE_SCALE`; the database,
the overview and the diff read the views derived from it, so they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from extractor.vocab.areas import area_by_id, areas


class GradeStyle(NamedTuple):
    """How the outputs show one grade."""

    rank: int | None  # lets SQL sort and compare grades; not_graded has none
    label: str  # as the inspectorate writes it
    colours: tuple[str, str]  # background and text of its cell


# Grades best first (the database's ``grades`` table and the overview's legend keep this order).
# Colours run from green for good, through amber, to red; every cell also says the grade in
# words, so the colours are never the only carrier of the grade.
GRADE_SCALE: dict[str, GradeStyle] = {
    "outstanding": GradeStyle(5, "Outstanding", ("#1b7837", "#ffffff")),
    "good": GradeStyle(4, "Good", ("#7fbf7b", "#0b2e0b")),
    "adequate": GradeStyle(3, "Adequate", ("#f2e28c", "#3d3400")),
    "requires_improvement": GradeStyle(2, "Requires improvement", ("#f4a261", "#3d1d00")),
    "inadequate": GradeStyle(1, "Inadequate", ("#c0392b", "#ffffff")),
    "not_graded": GradeStyle(None, "Not graded", ("#d9d9d9", "#333333")),
}
GRADE_RANK: dict[str, int | None] = {grade: style.rank for grade, style in GRADE_SCALE.items()}
GRADE_LABEL: dict[str, str] = {grade: style.label for grade, style in GRADE_SCALE.items()}
GRADE_COLOURS: dict[str, tuple[str, str]] = {grade: style.colours for grade, style in GRADE_SCALE.items()}

# Which document speaks for a force's grades when several cover one inspection: the
# inspectorate's report first, a force's response or a commissioner's summary last.
KIND_PRECEDENCE: tuple[str, ...] = (
    "inspection_report",
    "inspection_web_page",
    "inspection_letter",
    "press_release",
    "force_response",
    "pcc_scrutiny_report",
    "committee_paper",
    "news_article",
    "other",
)

# The heading of each item list (``schemas.ITEM_FIELDS``) where the outputs show it.
ITEM_HEADINGS: dict[str, str] = {
    "areas_for_improvement": "Areas for improvement",
    "causes_of_concern": "Causes of concern",
    "recommendations": "Recommendations",
    "innovative_practice": "Innovative practice",
}


# The first cycle graded on the five-grade scale (adequate added); grades of earlier cycles are
# on the four-grade scale, and the inspectorate says the two do not compare directly.
SCALE_RESET_YEAR = 2021


def older_scale(cycle: str | None) -> bool:
    """Whether a cycle's grades are on the four-grade scale used before PEEL 2021/22.

    >>> older_scale("2017"), older_scale("2018/19"), older_scale("2021/22"), older_scale(None)
    (True, True, False, False)
    """
    year = cycle_key(cycle)[0]
    return bool(year) and year < SCALE_RESET_YEAR


def older_scale_note(cycles: Iterable[str | None]) -> str:
    """What a table mixing cycles before and after 2021/22 must tell its reader.

    >>> older_scale_note(["2016", "2017"]).split(" are ")[0]
    'Grades of 2016 and 2017'
    """
    names = [c for c in cycles if c] or ["earlier cycles"]
    listed = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return (
        f'Grades of {listed} are on the older four-grade scale (before PEEL 2021/22 added "adequate") '
        "and are not directly comparable with later grades."
    )


def kind_rank(kind: str) -> int:
    """Place of a document kind in :data:`KIND_PRECEDENCE` (an unknown kind after every known one)."""
    return KIND_PRECEDENCE.index(kind) if kind in KIND_PRECEDENCE else len(KIND_PRECEDENCE)


def cycle_key(cycle: str | None) -> tuple[int, str]:
    """Sort key of a cycle as written: its first year, then the text ('2017' < '2021/22' < '2023–25').

    >>> sorted(["2025–27", "2017", "2021/22", "2023–25"], key=cycle_key)
    ['2017', '2021/22', '2023–25', '2025–27']
    """
    if not cycle:
        return (0, "")
    year = re.search(r"\d{4}", cycle)
    return (int(year.group()) if year else 0, cycle)


def area_order(area_ids: Iterable[str]) -> list[str]:
    """Area ids in the taxonomy's order; ids it does not know after, alphabetically."""
    order = {area.id: n for n, area in enumerate(areas())}
    return sorted(area_ids, key=lambda a: (order.get(a, len(order)), a))


def area_label(area_id: str | None, fallback: str) -> str:
    """The taxonomy's title of an area, or ``fallback`` when there is no id or the taxonomy lacks it."""
    known = area_by_id(area_id) if area_id else None
    return known.title if known else fallback
