"""Grades set out as list lines: an area (or several) and its grade on one line, in either order.

"Recording data about crime - Adequate", "• Investigating crime: requires improvement",
"Crime data integrity – graded as outstanding", "Good: Preventing crime", and grouped lines
that grade several areas at once ("Responding to the public, Investigating crime and Managing
offenders and suspects – adequate": one entry per area). Pure functions of a line or of the
blocks' texts; which lines are judgments of this force is the judgments stage's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.vocab.areas import match_area
from extractor.vocab.grade_lists import (
    AREA_FIRST_LINE_RE,
    AREA_SEPARATOR_RE,
    AREA_THEN_GRADE_RE,
    BRACKET_NOTE_RE,
    GRADE_AT_AREAS_RE,
    GRADE_FIRST_LINE_RE,
    LIST_GRADE_WORD_RE,
    OTHER_SCALE_LINE_RE,
    OTHER_SCALE_WORD_RE,
    PENDING_LABEL_RE,
    UNKNOWN_TITLE_MAX_WORDS,
)
from extractor.vocab.grades import GRADE_KEYWORD_RE, parse_grade
from extractor.vocab.search import occurs
from schemas import Grade

# The longest line read as one list entry (a grouped line of several areas is long).
MAX_LIST_LINE_CHARS = 320
_QUOTES = " \t‘’'\"“”"
# An unknown title that reads as a sentence, not an area's name: a verb or a pronoun of running
# text ("The extent to which the force is effective at ... is: good", "Good – the force has
# demonstrated substantially all the characteristics of good performance").
_SENTENCE_LIKE_RE = regex.compile(
    r"\b(?:is|are|was|were|has|have|had|been|will|would|should|must|can|could|we|our|they)\b|[.!?]\s",
    regex.IGNORECASE,
)


# A bullet a reader left on the line ("• Investigating crime: good").
_BULLET_RE = regex.compile(r"^[•▪◦●*–-]\s+")


@dataclass(frozen=True)
class AreaPart:
    """One area a list line names: its words as written, and its canonical id (None: unknown)."""

    text: str
    area_id: str | None


@dataclass(frozen=True)
class ListLine:
    """A line that grades one or more areas: the grade, its words, the areas, and which comes first."""

    grade: Grade
    grade_text: str
    areas: tuple[AreaPart, ...]
    grade_first: bool = False

    @property
    def known(self) -> bool:
        """True when every area the line names is in the taxonomy."""
        return all(part.area_id is not None for part in self.areas)


def area_of_title(text: str) -> str | None:
    """The id of an area title as a list writes it, a trailing bracketed note allowed.

    >>> area_of_title("Developing a positive workplace (supporting and protecting the workforce)")
    'workforce'
    >>> area_of_title("‘Managing offenders’"), area_of_title("Local priorities")
    ('managing_offenders_suspects', None)
    """
    bare = text.strip(_QUOTES)
    if not bare:
        return None
    area_id = match_area(bare)
    if area_id is None and BRACKET_NOTE_RE.search(bare):
        area_id = match_area(BRACKET_NOTE_RE.sub("", bare))
    return area_id


@lru_cache(maxsize=512)
def split_areas(text: str) -> tuple[AreaPart, ...]:
    """The areas a grouped title names, each as written, split where the taxonomy tells.

    Commas and "and" also stand inside titles ("Building, supporting and protecting the
    workforce"), so the title is split only where every part is a known area, naming as many
    as it can (a grouped line grades several: "investigating crime and managing offenders" is
    two 2021/22 areas before it is the 2015 question). Otherwise the whole title is one part,
    known or not: an unknown word in a group is no licence to guess where the areas are.

    >>> [p.area_id for p in split_areas(
    ...     "Responding to the public, investigating crime and managing offenders"
    ... )]
    ['responding_to_public', 'investigating_crime', 'managing_offenders_suspects']
    >>> [p.text for p in split_areas("Building, supporting and protecting the workforce")]
    ['Building, supporting and protecting the workforce']
    >>> [(p.text, p.area_id) for p in split_areas("Preventing crime and local priorities")]
    [('Preventing crime and local priorities', None)]
    """
    text = text.strip(_QUOTES + ",;")
    whole = (AreaPart(text, area_of_title(text)),)
    cuts = [m for m in AREA_SEPARATOR_RE.finditer(text) if m.start() > 0 and m.end() < len(text)]
    if not cuts:
        return whole
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(text)]
    # best[i]: the split of the first i pieces into known areas with the most parts, if any.
    best: list[list[AreaPart] | None] = [None] * (len(starts) + 1)
    best[0] = []
    for end in range(1, len(starts) + 1):
        for start in range(end):
            previous = best[start]
            if previous is None:
                continue
            words = text[starts[start] : ends[end - 1]].strip(_QUOTES)
            area_id = area_of_title(words)
            if area_id is None:
                continue
            if best[end] is None or len(previous) + 1 > len(best[end] or []):
                best[end] = [*previous, AreaPart(words, area_id)]
    split = best[len(starts)]
    return tuple(split) if split and len(split) > 1 else whole


def is_title_like(text: str) -> bool:
    """Words that could be an area's name though no known one: short, no verb or pronoun of a
    sentence, no grade word.

    >>> is_title_like("Local priorities"), is_title_like("The force has exceeded the standard")
    (True, False)
    """
    if len(text.split()) > UNKNOWN_TITLE_MAX_WORDS or _SENTENCE_LIKE_RE.search(text):
        return False
    return not occurs(GRADE_KEYWORD_RE, text)


def _title_like(part: AreaPart) -> bool:
    return is_title_like(part.text)


def _allowed(part: AreaPart, known_only: bool) -> bool:
    """A part a list line may name: a known area, or (where the form allows) a title-like unknown one."""
    return part.area_id is not None or (not known_only and _title_like(part))


# The forms of a list line, tried in order: (pattern, grade first, only known areas make it one).
_LINE_FORMS: tuple[tuple[regex.Pattern[str], bool, bool], ...] = (
    (AREA_FIRST_LINE_RE, False, False),
    (GRADE_FIRST_LINE_RE, True, False),
    (AREA_THEN_GRADE_RE, False, True),
    (GRADE_AT_AREAS_RE, True, True),
)


def find_list_line(text: str) -> ListLine | None:
    """A line that grades areas: 'Area – Grade', 'Area: graded as grade', 'Grade: Area, Area and Area'.

    Every area named must be known, or read as a title (not as a sentence's start); the judgments
    stage decides what an unknown one is worth.

    >>> line = find_list_line("Crime Data Integrity – graded as outstanding")
    >>> line.grade.value, [p.area_id for p in line.areas]
    ('outstanding', ['crime_data_integrity'])
    >>> [p.area_id for p in find_list_line(
    ...     "Adequate: Investigating crime and Responding to the public"
    ... ).areas]
    ['investigating_crime', 'responding_to_public']
    >>> find_list_line("The extent to which the force is legitimate at keeping people safe is: good.") is None
    True
    """
    text = _BULLET_RE.sub("", text.strip())
    if not text or len(text) > MAX_LIST_LINE_CHARS or not LIST_GRADE_WORD_RE.search(text):
        return None
    for pattern, grade_first, known_only in _LINE_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        grade_text = match.group("grade")
        grade = parse_grade(regex.sub(r"(?i)^requiring", "requires", grade_text))
        areas = split_areas(match.group("areas").strip())
        if grade is None or not areas or not all(_allowed(p, known_only) for p in areas):
            continue
        return ListLine(grade, grade_text.strip(), areas, grade_first)
    return None


def find_other_scale(text: str) -> str | None:
    """The grade word of another scale when a line grades a title on it ('Neighbourhood policing—Fair').

    >>> find_other_scale("Protecting vulnerable people—Fair"), find_other_scale("Investigating crime – Good")
    ('Fair', None)
    """
    text = text.strip()
    if len(text) > MAX_LIST_LINE_CHARS or not OTHER_SCALE_WORD_RE.search(text):
        return None
    match = OTHER_SCALE_LINE_RE.match(text)
    if match is None or not _title_like(AreaPart(match.group("areas"), None)):
        return None
    return match.group("word")


def is_pending_label(text: str) -> bool:
    """A label saying a grade is still to come: 'To be graded', 'Not yet graded' (no grade).

    >>> is_pending_label("To be graded"), is_pending_label("Good")
    (True, False)
    """
    return bool(PENDING_LABEL_RE.match(text))


@dataclass(frozen=True)
class LineRun:
    """Consecutive list lines (one line alone is a run of one), the line before them, and any
    line grading on another scale (which makes the whole list another programme's)."""

    start: int
    end: int  # one past the last line
    lines: dict[int, ListLine]
    other_scale: tuple[str, ...]
    lead: int | None  # index of the line before the run, the list's lead-in

    @property
    def is_list(self) -> bool:
        """Two lines or more: a list, whose unknown titles are unknown areas rather than noise."""
        return self.end - self.start >= 2


def find_line_runs(texts: Sequence[str]) -> list[LineRun]:
    """Every run of consecutive list lines in the texts (an empty text breaks a run).

    >>> runs = find_line_runs(["As follows:", "Investigating crime – Good", "Tackling crime—Fair", "End."])
    >>> [(r.start, r.end, sorted(r.lines), r.other_scale, r.lead) for r in runs]
    [(1, 3, [1], ('Fair',), 0)]
    """
    runs: list[LineRun] = []
    index = 0
    while index < len(texts):
        lines: dict[int, ListLine] = {}
        other: list[str] = []
        start = index
        while index < len(texts):
            line = find_list_line(texts[index]) if texts[index] else None
            word = None if line is not None or not texts[index] else find_other_scale(texts[index])
            if line is None and word is None:
                break
            if line is not None:
                lines[index] = line
            if word is not None:
                other.append(word)
            index += 1
        if index > start:
            runs.append(LineRun(start, index, lines, tuple(other), start - 1 if start > 0 else None))
        else:
            index += 1
    return runs
