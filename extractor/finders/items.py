"""Items in running text, read from one sentence or paragraph (pure functions, no document).

Forces' responses and commissioners' reports write items into sentences: "Four AFIs were
identified which focused on A, B, C and D" (one AFI per named topic), "... was highlighted
as innovative", "1. By 14 June 2024, chief constables should ..." (a recommendation's
number, deadline and addressee). Which blocks are read, and the items made, are the items
stage's business.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.finders.counts import find_counts
from extractor.vocab.cycles import CYCLE_YEARS_RE, first_year
from extractor.vocab.items import (
    CAUSE_NOUN_RE,
    CAUSE_STATED_RE,
    CAUSE_THAT_RE,
    LIST_INTRO_END_RE,
    LIST_INTRO_TAIL_RE,
    LIST_NOUNS,
    NUMBERED_ITEM_RE,
    POINTING_SUBJECT_RE,
)
from extractor.vocab.numbers import MONTHS
from schemas import CountOf

# What follows a count of AFIs when the sentence goes on to name them.
_TOPIC_CUE_RE = regex.compile(
    r"""^\s*
    (?:,?\s*(?:was|were|is|are|has\s+been|have\s+been)\s+
        (?:identified|made|set\s+out|highlighted|given|raised|issued|found)
        (?:\s+(?:with)?in\s+the\s+(?:report|inspection))?)?
    \s*,?\s*
    # "both of which related to X; A and B": the named AFIs follow the semicolon
    (?:(?:both|all|each)\s+of\s+which\s+relate[sd]?\s+to\s+[^;.]+;\s*
      |(?:which\s+)?(?:centres?|centred|centers?|centered)\s+(?:a)?round\s+
      |(?:which\s+|that\s+)?focus(?:es|ed|sed)?\s+(?:on|upon)\s+
      |in\s+respect\s+of\s+|relat(?:ing|es|ed)\s+to\s+|regarding\s+|linked\s+to\s+|concerning\s+
      |(?:which\s+|that\s+)?set\s+out\s+|about\s+|around\s+|on\s+
      |:\s*)                                # "two AFIs: bail and custody"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A passive tail after the last named AFI: "... the most vulnerable were highlighted."
_PASSIVE_TAIL_RE = regex.compile(
    r"\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:highlighted|identified|made|raised|given|found|noted)$",
    regex.IGNORECASE,
)

# Innovative or promising practice credited by the inspectorate in running text.
_INNOVATIVE_RES: tuple[regex.Pattern[str], ...] = tuple(
    regex.compile(pattern, regex.IGNORECASE)
    for pattern in (
        r"\b(?:was|were|is|are|been)\s+(?:highlighted|identified|recognised|recognized|noted|described"
        r"|cited|commended|praised)\s+as\s+(?:being\s+)?(?P<label>innovative|promising)\b",
        r"\b(?:is|was|are|were|been)\s+(?:recognised|recognized|praised|commended)\s+for\s+"
        r"(?:the|its|their|an?)\s+(?P<label>innovative)\b",
        r"\b(?P<label>innovative|promising)\s+practice\s+(?:is|was|has\s+been|were|are)\s+"
        r"(?:included|identified|highlighted|noted|found|recognised|recognized|cited)\b",
        r"\b(?:report|HMICFRS|HMIC|inspectorate|inspectors?)\s+(?:identifie[sd]|highlight(?:s|ed)|f(?:ou)?nds?"
        r"|notes?|noted|recognise[sd]|recognize[sd]|cites?|cited)\s+(?P<label>innovative|promising)\s+practice\b",
    )
)

# Cheap tests before sentences are split: most blocks name no AFI and credit no practice.
AFI_CUE_RE = regex.compile(r"\bAFIs?\b|areas?\s+for\s+improvement", regex.IGNORECASE)
INNOVATIVE_CUE_RE = regex.compile(r"\b(?:innovative|promising)\b", regex.IGNORECASE)

# "1. By 14 June 2024, chief constables should ..." (number, deadline, addressee).
_RECOMMENDATION_RE = regex.compile(
    rf"""^\s*(?:(?P<number>\d{{1,2}})[.)]\s+)?
    (?:By\s+(?P<deadline>(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+\d{{4}}|(?:the\s+)?end\s+of\s+[\w\s]{{1,20}}?\d{{4}})
      |(?P<deadline>Within\s+[\w-]+(?:\s+[\w-]+)?\s+(?:days|weeks|months|years)))   # "Within six months"
    ,?\s+
    (?P<addressee>[^.;:]{{2,160}}?)\s+(?:should|must|will\s+need\s+to|needs?\s+to)\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
_NUMBERED_RE = regex.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?=\p{Lu})")


@dataclass(frozen=True)
class RecommendationFields:
    """What a recommendation's wording states about it."""

    number: int | None
    deadline: str | None
    addressee: str | None
    text: str  # the wording without its list number


def recommendation_fields(text: str) -> RecommendationFields:
    """Number, deadline and addressee of a recommendation, where its wording states them.

    >>> recommendation_fields("2. By 14 June 2024, chief constables should review training.")
    RecommendationFields(number=2, deadline='14 June 2024', addressee='chief constables', \
text='By 14 June 2024, chief constables should review training.')
    >>> recommendation_fields("Within six months, the force should review its training.").deadline
    'Within six months'
    >>> recommendation_fields("The force should review its training.").deadline is None
    True
    """
    found = _RECOMMENDATION_RE.match(text)
    numbered = _NUMBERED_RE.match(text)
    number = int(numbered.group("number")) if numbered else None
    body = text[numbered.end() :] if numbered else text.strip()
    if not found:
        return RecommendationFields(number, None, None, body)
    return RecommendationFields(number, found.group("deadline"), found.group("addressee").strip(), body)


def split_topics(phrase: str, count: int) -> list[str]:
    """Split the words naming ``count`` AFIs into one phrase per AFI.

    Commas and semicolons separate them; the last two are joined by the first "and"
    of the last piece, as an English list is written. Splitting stops at ``count``.

    >>> split_topics("resourcing, allocation, victim needs assessment and auditable records", 4)
    ['resourcing', 'allocation', 'victim needs assessment', 'auditable records']
    >>> split_topics("surveying victims of crime and assessing public satisfaction", 1)
    ['surveying victims of crime and assessing public satisfaction']
    >>> split_topics("the use of protection orders and wellbeing of staff", 2)
    ['the use of protection orders', 'wellbeing of staff']
    """
    phrase = phrase.strip()
    if count <= 1:
        return [phrase]
    pieces = [p.strip() for p in regex.split(r"\s*[,;]\s*(?:and\s+)?", phrase) if p.strip()]
    while len(pieces) < count:
        last = pieces[-1]
        head, sep, tail = last.partition(" and ")
        if not sep:
            break
        pieces[-1:] = [head.strip(), tail.strip()]
    return pieces


def find_stated_afis(sentence: str) -> list[str]:
    """The AFIs a sentence sets out after stating their number ("Two AFIs linked to A and B").

    >>> find_stated_afis("Three AFIs focus on bail, the management of RSOs and digital capability.")
    ['bail', 'the management of RSOs', 'digital capability']
    >>> find_stated_afis("Local profiles have been produced in line with the AFI.")
    []
    """
    topics: list[str] = []
    for count in find_counts(sentence):
        if count.of is not CountOf.AREAS_FOR_IMPROVEMENT or count.count < 1:
            continue
        cue = _TOPIC_CUE_RE.match(sentence[count.end :])
        if not cue:
            continue
        phrase = sentence[count.end + cue.end() :].strip()
        phrase = regex.sub(r"[.!?]+\s*$", "", phrase)
        phrase = _PASSIVE_TAIL_RE.sub("", phrase)
        if phrase:
            topics.extend(split_topics(phrase, count.count))
    return topics


def innovative_label(sentence: str) -> str | None:
    """'innovative' or 'promising' when the sentence credits practice as such, else None.

    >>> innovative_label("The Problem-Solving Taskforce were highlighted as innovative in the report.")
    'innovative'
    >>> innovative_label("Senior leaders have been innovative in their use of technology.") is None
    True
    """
    for pattern in _INNOVATIVE_RES:
        found = pattern.search(sentence)
        if found:
            return found.group("label").lower()
    return None


def part_label(title: str) -> str | None:
    """'innovative' or 'promising' when a part's heading names its practice so, else None.

    >>> part_label("Promising practice"), part_label("Innovative practice"), part_label("Good practice")
    ('promising', 'innovative', None)
    """
    label = regex.match(r"\W*(innovative|promising)\b", title, regex.IGNORECASE)
    return label.group(1).lower() if label else None


# -- lists introduced in running text, causes stated in prose, earlier inspections' items -----


@dataclass(frozen=True)
class ListIntro:
    """A sentence that introduces a list of items: the report list they go to, and how many it says."""

    list_name: str
    count: int | None
    colon: bool  # it hands over with a colon ("... which were that the force:")


def list_intro(sentence: str) -> ListIntro | None:
    """The list of items a sentence introduces: it names the item noun and ends in a colon or counts them.

    >>> list_intro("We identified three causes of concern, which were that the force:")
    ListIntro(list_name='causes_of_concern', count=3, colon=True)
    >>> list_intro("A summary of the report and the identified areas for improvement are: –")
    ListIntro(list_name='areas_for_improvement', count=None, colon=True)
    >>> list_intro("One area for improvement remained from that inspection.")
    ListIntro(list_name='areas_for_improvement', count=1, colon=False)
    >>> list_intro("The force has made progress on several areas for improvement.") is None
    True
    >>> list_intro("Against the 19 AFIs identified, there will be the following tiers of scrutiny:") is None
    True
    """
    counts = find_counts(sentence)
    for pattern, name in LIST_NOUNS:
        nouns = list(regex.finditer(pattern, sentence, regex.IGNORECASE))
        if not nouns:
            continue
        colon = bool(LIST_INTRO_END_RE.search(sentence)) and bool(
            LIST_INTRO_TAIL_RE.match(sentence[nouns[-1].end() :])
        )
        stated = next((c.count for c in counts if c.of.value == name and c.count > 0), None)
        if colon or (stated is not None and not LIST_INTRO_END_RE.search(sentence)):
            return ListIntro(name, stated, colon)
    return None


def numbered(text: str) -> int | None:
    """The number a paragraph of a numbered list opens with ("2. The force needs to ..."), else None.

    >>> numbered("2. The force needs to improve."), numbered("2024 was a busy year.")
    (2, None)
    """
    found = NUMBERED_ITEM_RE.match(text)
    return int(found.group("number")) if found else None


def strip_number(text: str) -> str:
    """A list paragraph without its number: '1. The force should ...' -> 'The force should ...'."""
    return NUMBERED_ITEM_RE.sub("", text, count=1).strip()


def cause_in_prose(sentence: str, previous: str | None) -> str | None:
    """How a sentence states a cause of concern, or None: 'stated' ("X's handling of calls is a cause
    of concern"), 'pointing' (its subject points back: "This is a cause of concern"), or 'that'
    ("This was that the force doesn't ...", when the ``previous`` sentences name the cause).

    >>> cause_in_prose("The constabulary's handling of 101 calls is a cause of concern.", None)
    'stated'
    >>> cause_in_prose("This was that the force doesn’t engage with communities.", "One of them was about "
    ...                "engagement, one of the six causes of concern.")
    'that'
    >>> cause_in_prose("This is no longer a cause of concern.", None) is None
    True
    """
    if CAUSE_STATED_RE.search(sentence):
        return "pointing" if POINTING_SUBJECT_RE.match(sentence) else "stated"
    if CAUSE_THAT_RE.match(sentence) and previous and CAUSE_NOUN_RE.search(previous):
        return "that"
    return None


def earlier_cycle_named(text: str, current: str | None) -> str | None:
    """The cycle or year of an earlier inspection a text names, as written, not the document's own.

    >>> earlier_cycle_named("in 2018/19, and our judgment from the 2017 inspection stands", "2018/19")
    '2017'
    >>> earlier_cycle_named("During our inspection, between 20 and 31 May 2019, we found", None)
    '2019'
    """
    now = first_year(current) if current else None
    for found in CYCLE_YEARS_RE.finditer(text):
        if int(found.group("y1")) != now:
            return regex.sub(r"\s+", "", found.group(0))
    return None
