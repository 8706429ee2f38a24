"""PEEL cycles as the inspectorate names them, the ways text writes a cycle's years, and the
words that say a statement is about an earlier inspection than the one reported on.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# A year a PEEL cycle can start in: the programme began in 2014.
PEEL_YEAR = r"20(?:1[4-9]|2\d)"
# Any year of this century, for a cycle the word "PEEL" itself names (see PEEL_CYCLE_RE).
ANY_YEAR = r"20\d\d"


def _cycle_years(first: str) -> str:
    """A cycle's years as reports write them ('2023', '2021/22', '2023–25', '2018 to 19'), from ``first``."""
    return rf"""(?<![\d/])
        (?P<y1>{first})                           # first year
        (?:\s*(?:[–—/-]|\sto\s)\s*(?:20)?(?P<y2>\d\d)(?!\d))?   # optional second year
    """


# A cycle's years near a PEEL name ("PEEL 2023–2025", "Police effectiveness, efficiency and
# legitimacy 2017"): only a year PEEL ran in, so a date such as "2008" near the name is no cycle.
CYCLE_YEARS_RE = regex.compile(_cycle_years(PEEL_YEAR), regex.VERBOSE)
PEEL_NAME_RE = regex.compile(
    r"PEEL|police\s+effectiveness,\s+efficiency\s+and\s+legitimacy", regex.IGNORECASE
)
# A cycle the word "PEEL" names ("AFIs issued from PEEL 2021/22"), to compare with the document's
# own cycle: any 20xx year, since the word itself says it is a cycle.
PEEL_CYCLE_RE = regex.compile(r"\bPEEL\s+" + _cycle_years(ANY_YEAR), regex.VERBOSE | regex.IGNORECASE)


# A single year that names a cycle only straight after the word PEEL ("PEEL 2022", "PEEL
# inspection 2022"): the 2021/22 reports were published in 2022, but "in 2022" alone is a date.
PEEL_ONLY_YEARS: dict[int, str] = {2022: "2021/22"}
PEEL_YEAR_AFTER_RE = regex.compile(
    r"\bPEEL(?:\s+(?:inspection|assessment|report))?[\s:–-]+(?P<year>20\d\d)(?![\d/–-])", regex.IGNORECASE
)

# A single year straight after one of these words is a date ("In 2014, we introduced PEEL"),
# not the name of a cycle; a range after them still names one ("in 2023–2025, we inspected").
DATE_PREPOSITION_RE = regex.compile(
    r"\b(?:in|since|from|by|until|till|before|after|during|between|of|on)\s*$", regex.IGNORECASE
)

# The inspectorate numbers its yearly PEEL assessments: "This is HMIC's second assessment of the
# effectiveness, efficiency and legitimacy ...", "the first PEEL Assessment of X", "HMICFRS's fifth
# PEEL (police effectiveness, efficiency and legitimacy) assessment". The first was 2014. A
# qualifier such as "full" ("the first full PEEL assessment", 2015) names no cycle.
ORDINAL_CYCLES: dict[str, str] = {
    "first": "2014",
    "second": "2015",
    "third": "2016",
    "fourth": "2017",
    "fifth": "2018/19",
}
ORDINAL_ASSESSMENT_RE = regex.compile(
    r"""\b(?P<ordinal>first|second|third|fourth|fifth)\s+
    (?:
        (?P<annual>annual\s+assessment)\b                  # "HMIC's first annual assessment of ..."
      | (?:annual\s+)?PEEL\s+(?:\([^()]{0,80}\)\s+)?assessment\b   # "third PEEL (police ...) assessment"
      | assessment\s+of\s+(?:the\s+)?effectiveness,\s+efficiency\s+and\s+legitimacy   # 2015's wording
    )""",
    regex.VERBOSE | regex.IGNORECASE,
)
# Who numbers the assessment: the inspectorate, or the page itself ("This is the", "this first").
# An "annual assessment" without the word PEEL counts only when the inspectorate is named as its owner.
_INSPECTORATE_OWNER = r"\bHMIC(?:FRS)?(?:['’]s?|['’])?|\(HMIC(?:FRS)?\)|\binspectorate['’]s"
INSPECTORATE_OWNER_RE = regex.compile(rf"(?:{_INSPECTORATE_OWNER})\s*$", regex.IGNORECASE)
ORDINAL_OWNER_RE = regex.compile(
    rf"(?:{_INSPECTORATE_OWNER}|\bthis\s+is\s+the|\bthis|\bour)\s*$", regex.IGNORECASE
)

# A cycle written as a range of years beside words of an inspection, without the word PEEL:
# "HMICFRS 2021/22 report published", "its report spanning 2023 to 2025" (the words at most two
# words before the range, or one after it). A single year is too often a date to count here.
_INSPECTION_WORD = r"(?:HMIC(?:FRS)?|inspectorate|inspections?|reports?|assessments?)"
INSPECTION_WORD_BEFORE_RE = regex.compile(rf"\b{_INSPECTION_WORD}\W+(?:\w+\W+){{0,2}}$", regex.IGNORECASE)
INSPECTION_WORD_AFTER_RE = regex.compile(rf"^\W*(?:\w+\W+)?{_INSPECTION_WORD}\b", regex.IGNORECASE)
CYCLE_RANGE_RE = regex.compile(
    rf"""(?<![\d/])(?P<y1>{PEEL_YEAR})\s*(?:[–—/-]|\sto\s)\s*(?:20)?(?P<y2>\d\d)(?!\d)""", regex.VERBOSE
)


def first_year(cycle: str) -> int | None:
    """The first year of a cycle's name, to tell earlier cycles apart.

    >>> first_year("2023–25"), first_year("2018/19"), first_year("PEEL")
    (2023, 2018, None)
    """
    match = regex.match(r"\d{4}", cycle)
    return int(match.group(0)) if match else None


@dataclass(frozen=True)
class EarlierCue:
    """Words saying a statement is about an earlier inspection than the one the document reports on.

    ``grades``: the cue makes a sentence's grade an earlier inspection's; ``counts``: it makes a
    stated count, or the AFIs a sentence names, an earlier inspection's.
    """

    pattern: str  # a regex fragment, matched as whole words, ignoring case
    grades: bool
    counts: bool


# The one list of "earlier inspection" cues, from which both patterns below are composed.
# The two uses take different subsets because the words work differently in each:
# - a grade sentence narrates, so a qualifier may stand words away from what it qualifies
#   ("in our last PEEL inspection", "in previous years"), but "previous" alone or "has been
#   addressed" would take a current grade for an old one ("having addressed previous
#   concerns, the force is good at ...");
# - a count's sentence names the items themselves as old ("the four previous AFIs", "14 AFIs
#   have been closed"), while the wider qualifiers are kept out of counts.
EARLIER_CUES: tuple[EarlierCue, ...] = (
    # "as we previously reported", "the force was previously graded good"
    EarlierCue(r"previously", grades=True, counts=True),
    # "the four previous AFIs": the word qualifies the counted items themselves
    EarlierCue(r"previous", grades=False, counts=True),
    # "the last round", "our last inspection", "since the last PEEL"
    EarlierCue(r"last\s+(?:round|inspection|peel)", grades=True, counts=True),
    # "an earlier inspection", "prior PEEL assessments"
    EarlierCue(r"(?:earlier|prior)\s+(?:inspection|peel)", grades=True, counts=True),
    # a qualifier, up to two words, then what was inspected or graded: "our previous PEEL
    # inspection", "in the last two years", "its former grade" (grades only; see above)
    EarlierCue(
        r"(?:previous(?:ly)?|last|earlier|prior|former(?:ly)?)\s+(?:\w+\s+){0,2}?"
        r"(?:inspections?|assessments?|reports?|PEEL|cycles?|rounds?|years?|grades?|gradings?)",
        grades=True,
        counts=False,
    ),
    # "One area for improvement remained from that inspection": the item is the earlier one's
    EarlierCue(r"remain(?:s|ed|ing)?\s+(?:open\s+)?from", grades=False, counts=True),
    # "this AFI was superseded by ..."
    EarlierCue(r"superseded", grades=False, counts=True),
    # "14 AFIs have been closed", "the AFI has been discharged"
    EarlierCue(r"(?:have|has)\s+been\s+(?:closed|addressed|discharged)", grades=False, counts=True),
    # "legitimacy was not inspected in 2023"
    EarlierCue(r"not\s+inspected", grades=True, counts=False),
    # "the force used to be good at ..."
    EarlierCue(r"used\s+to\s+be", grades=True, counts=False),
    # "two years ago HMICFRS graded the force as ...", "a year ago"
    EarlierCue(r"(?:a|an|\w+)\s+(?:years?|months?)\s+ago", grades=True, counts=False),
    # "the force was originally graded inadequate", "initially rated"
    EarlierCue(r"(?:originally|initially)\s+(?:graded|rated|judged|assessed)", grades=True, counts=False),
)


def _any_cue(cues: tuple[EarlierCue, ...]) -> regex.Pattern[str]:
    return regex.compile(r"\b(?:" + "|".join(cue.pattern for cue in cues) + r")\b", regex.IGNORECASE)


# Sentences that state an earlier inspection's grade, and counts of an earlier inspection's items.
EARLIER_GRADE_RE = _any_cue(tuple(cue for cue in EARLIER_CUES if cue.grades))
EARLIER_COUNT_RE = _any_cue(tuple(cue for cue in EARLIER_CUES if cue.counts))

# "now" makes a sentence's grade current whatever earlier inspection it also names
# ("since the last inspection, the force is now good at ...").
NOW_RE = regex.compile(r"\bnow\b", regex.IGNORECASE)
# A year standing alone in a sentence ("In 2017, we assessed ..."), not part of a range or date.
YEAR_RE = regex.compile(r"(?<![\d/–-])(20[01]\d|202\d)(?![\d/–-])")


def cycle_name(first: int, second: int | None) -> str | None:
    """The inspectorate's name for a cycle from its years, or None if no such cycle.

    >>> cycle_name(2023, 25), cycle_name(2021, 22), cycle_name(2017, None), cycle_name(2018, 19)
    ('2023–25', '2021/22', '2017', '2018/19')
    >>> cycle_name(2020, None) is None
    True
    """
    if second is None:
        if 2014 <= first <= 2017:
            return str(first)
        if first == 2018:
            return "2018/19"
        return None
    span = (second - first % 100) % 100
    if first == 2018 and span == 1:
        return "2018/19"
    if first == 2021 and span == 1:
        return "2021/22"
    if first in (2023, 2025) and span == 2:
        return f"{first}–{second:02d}"
    return None
