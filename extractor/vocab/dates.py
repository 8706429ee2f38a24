"""How documents write dates, and the words that make a date the document's own publication date.

A date is "14 June 2024", "14th June, 2024", "June 14, 2024", "27/09/2019" (day first, as UK
pages write it) or, for a deadline, a month alone ("March 2025"). Only a label that dates the
document itself ("Last updated", "Published:") or a press release's "published today (...)"
gives ``document.published``: "the report, published on 24 July 2025" dates another document.
"""

from __future__ import annotations

import regex

from extractor.vocab.numbers import MONTHS

MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# A date in words or figures; the month alone with its year only where ``month_only`` allows.
DATE = (
    rf"(?:{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{MONTHS})\.?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<month2>{MONTHS})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,\s*(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<dd>[0-3]?\d)/(?P<mm>[01]?\d)/(?P<yyyy>(?:19|20)\d\d)"
    rf"|(?P<month3>{MONTHS})\.?\s+(?P<year3>(?:19|20)\d\d))"
)
DATE_RE = regex.compile(rf"\b{DATE}\b", regex.IGNORECASE)

# A label line that dates the document itself: "Last updated 27/09/2019", "Published: 3 May 2024".
PUBLISHED_LABEL_RE = regex.compile(
    r"^\s*(?:last\s+updated|updated|published|first\s+published|date\s+published|publication\s+date"
    r"|date\s+of\s+publication)(?:\s+on)?\s*[:\-–]?\s*",
    regex.IGNORECASE,
)
# A press release dating itself: "published today (Tuesday 12 March 2024)".
PUBLISHED_TODAY_RE = regex.compile(r"\bpublished\s+today\s*\(\s*", regex.IGNORECASE)
