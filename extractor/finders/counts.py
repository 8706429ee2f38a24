"""Counts of items that a text states: "(4 AFIs)", "No AFIs", "one area for improvement".

Only a number written before the item noun counts ("Six AFIs are set out"). Not counts:
"an AFI" and "the AFI" (no number), a denominator or numerator of a proportion
("14 of the 19 AFIs", "Four of the five remaining AFIs"), and totals of an earlier
inspection ("the four previous AFIs", "19 AFIs issued from PEEL 2021/22" in a
document about a later cycle), which the caller tells by :func:`is_earlier_cycle`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.vocab.cycles import EARLIER_COUNT_RE, PEEL_CYCLE_RE, first_year
from extractor.vocab.numbers import NUMBER, to_int
from schemas import CountOf

# The item nouns a count can count, with what they count. Plurals and "(AFI)" glosses included.
COUNT_NOUNS: tuple[tuple[str, CountOf], ...] = (
    (r"AFIs?\b|areas?\s+for\s+improvement(?:\s*\(AFIs?\))?", CountOf.AREAS_FOR_IMPROVEMENT),
    # "cause for concern" is everyday English ("no cause for concern"), not the inspectorate's term.
    (r"causes?\s+of\s+concern", CountOf.CAUSES_OF_CONCERN),
    (r"recommendations?\b", CountOf.RECOMMENDATIONS),
)

COUNT_RE = regex.compile(
    rf"""
    # not the total of a proportion ("14 of the 19 AFIs")
    (?<!{NUMBER}\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?)
    (?P<number>\b[Nn]o\b|{NUMBER})              # "No", "(4", "Six", "one"
    \s+
    (?:(?:new|further|formal|specific|separate|key)\s+)?   # a neutral adjective may stand between
    (?P<noun>{"|".join(f"(?:{p})" for p, _ in COUNT_NOUNS)})
    (?!\s+(?:of|from)\b)                        # "one recommendation of the report" is no count
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


# The nouns alone: a text none of them stands in has no count (one search, not COUNT_RE's
# look-behind for a proportion's total tried at every position).
_NOUN_RE = regex.compile("|".join(f"(?:{p})" for p, _ in COUNT_NOUNS), regex.IGNORECASE)


@dataclass(frozen=True)
class CountMatch:
    """A stated count found in a text: what it counts, the number and where it stands."""

    of: CountOf
    count: int
    text: str
    start: int
    end: int


def _noun_kind(noun: str) -> CountOf:
    """What a matched item noun counts."""
    for pattern, kind in COUNT_NOUNS:
        if regex.fullmatch(pattern, noun, regex.IGNORECASE):
            return kind
    raise ValueError(f"not a count noun: {noun!r}")


def find_counts(text: str) -> list[CountMatch]:
    """Every stated count in ``text``.

    >>> [(m.of.value, m.count) for m in find_counts("Responding to the Public – Good (4 AFIs)")]
    [('areas_for_improvement', 4)]
    >>> [(m.count, m.text) for m in find_counts("No AFIs were identified.")]
    [(0, 'No AFIs')]
    >>> find_counts("HMICFRS agreed to close 14 of the 19 AFIs, in line with the AFI.")
    []
    >>> find_counts("Cause of concern .... 14 Recommendations .... 15 Area for improvement 16 Area for")
    []
    """
    matches = []
    if not _NOUN_RE.search(text):
        return matches
    for found in COUNT_RE.finditer(text):
        word = found.group("number")
        count = 0 if word.lower() == "no" else to_int(word)
        if count is None or _page_number(text, found):
            continue
        matches.append(
            CountMatch(_noun_kind(found.group("noun")), count, found.group(0), found.start(), found.end())
        )
    return matches


# Leader dots or a tab before a number: a contents entry's page ("Area for improvement .... 21").
_LEADER_RE = regex.compile(r"(?:\.\s*){2,}$|…\s*$|\t\s*$")
# A singular item noun: after any number but one, the number is not its count.
_SINGULAR_NOUN_RE = regex.compile(
    r"(?:AFI|area\s+for\s+improvement|cause\s+of\s+concern|recommendation)\b", regex.IGNORECASE
)


def _page_number(text: str, found: regex.Match[str]) -> bool:
    """True when a count's number is a contents entry's page: leader dots before it, or a number
    other than one before a singular noun (the next entry's title, as a contents line joined
    with the next reads: "Area for improvement .... 21 Area for improvement .... 22").

    >>> line = "Contents .... 21 Areas for improvement"
    >>> _page_number(line, COUNT_RE.search(line)), _page_number("(4 AFIs)", COUNT_RE.search("(4 AFIs)"))
    (True, False)
    """
    word = found.group("number")
    if _LEADER_RE.search(text[: found.start("number")]):
        return True
    singular = _SINGULAR_NOUN_RE.fullmatch(found.group("noun"))
    return bool(singular) and word.lower() not in {"1", "one", "a", "no", "single"}


def is_earlier_cycle(sentence: str, cycle: str | None) -> bool:
    """True when a sentence speaks of an earlier inspection than the document's ``cycle``.

    >>> is_earlier_cycle("HMICFRS agreed to close 14 of the 19 AFIs issued from PEEL 2021/22.", "2023–25")
    True
    >>> is_earlier_cycle("Four AFIs were identified in PEEL 2021/22.", "2021/22")
    False
    >>> is_earlier_cycle("This addressed three of the four previous AFIs.", None)
    True
    """
    if EARLIER_COUNT_RE.search(sentence):
        return True
    current = first_year(cycle) if cycle else None
    return current is not None and any(
        int(m.group("y1")) != current for m in PEEL_CYCLE_RE.finditer(sentence)
    )
