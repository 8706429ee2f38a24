"""Dates as the text writes them, read to ISO: a document's publication date and a deadline's."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from extractor.vocab.dates import DATE_RE, MONTH_NUMBERS, PUBLISHED_LABEL_RE, PUBLISHED_TODAY_RE


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: its ISO form, whether it names a day, and where its words stand."""

    iso: str
    has_day: bool
    start: int
    end: int


def find_date(text: str, at: int = 0, *, anchored: bool = False) -> DateMatch | None:
    """The first date in ``text`` from ``at`` (``anchored``: only one starting there); None when
    there is none or it is no real date (31/02/2024).

    >>> find_date("by 14th June, 2024.").iso, find_date("by March 2025").iso, find_date("27/09/2019").iso
    ('2024-06-14', '2025-03', '2019-09-27')
    >>> find_date("within six months") is None, find_date("31/02/2024") is None
    (True, True)
    """
    match = DATE_RE.match(text, at) if anchored else DATE_RE.search(text, at)
    if match is None:
        return None
    groups = match.groupdict()
    if groups["yyyy"]:
        year, month, day = int(groups["yyyy"]), int(groups["mm"]), int(groups["dd"])
    else:
        year = int(groups["year"] or groups["year2"] or groups["year3"])
        month = MONTH_NUMBERS[(groups["month"] or groups["month2"] or groups["month3"]).lower().rstrip(".")]
        day_text = groups["day"] or groups["day2"]
        if day_text is None:
            return DateMatch(f"{year:04d}-{month:02d}", False, match.start(), match.end())
        day = int(day_text)
    try:
        iso = datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
    return DateMatch(iso, True, match.start(), match.end())


def deadline_date(deadline: str | None) -> str | None:
    """A deadline as written ('14 June 2024', 'by March 2025') as ISO ('2024-06-14', '2025-03').

    >>> deadline_date("14 June 2024"), deadline_date("the end of March 2025"), deadline_date("six months")
    ('2024-06-14', '2025-03', None)
    """
    found = find_date(deadline) if deadline else None
    return found.iso if found is not None else None


def find_published(text: str) -> DateMatch | None:
    """The date a line gives the document itself: a label ('Last updated 27/09/2019', 'Published:
    3 May 2024') or a press release's 'published today (12 March 2024)'; a whole day only.

    >>> find_published("Last updated 27/09/2019").iso, find_published("Published: 3rd May 2024").iso
    ('2019-09-27', '2024-05-03')
    >>> find_published("The report, published on 24 July 2025, graded it good.") is None
    True
    """
    label = PUBLISHED_LABEL_RE.match(text)
    if label is not None:
        found = find_date(text, label.end(), anchored=True)
        return found if found is not None and found.has_day else None
    today = PUBLISHED_TODAY_RE.search(text)
    if today is not None:
        found = find_date(text, today.end(), anchored=True)
        return found if found is not None and found.has_day else None
    return None
