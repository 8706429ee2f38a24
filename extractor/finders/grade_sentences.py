"""Grades a sentence states of this force, read by the grade sentence grammar in the vocabulary.

The grammar (:data:`extractor.vocab.grade_sentences.GRADE_SENTENCES`) is ordered data; this
module compiles it once per force, runs it over a sentence, and reads each match as its entry
says. It also tells which area a sentence's phrase names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from extractor.finders.grades import EvidenceKind, GradeStatement
from extractor.vocab.areas import find_area_mentions, match_area
from extractor.vocab.cycles import EARLIER_GRADE_RE, NOW_RE, YEAR_RE
from extractor.vocab.grade_sentences import (
    GRADE_SENTENCES,
    PHRASE_CUT_RE,
    PHRASE_LEAD_RE,
    GradeSentence,
    fill,
    subject,
)
from extractor.vocab.grades import GRADE_KEYWORD_RE, parse_grade
from schemas import Grade


@lru_cache(maxsize=64)
def compiled_grammar(names: tuple[str, ...]) -> list[tuple[GradeSentence, regex.Pattern[str]]]:
    """Every grade sentence pattern with the force's names as its subject (compiled once per force)."""
    subject_pattern = subject(names)
    return [
        (entry, regex.compile(fill(entry.pattern, subject_pattern), regex.IGNORECASE | regex.VERBOSE))
        for entry in GRADE_SENTENCES
    ]


def _is_earlier(sentence: str, cycle_start: int | None, *, states_change: bool) -> bool:
    """True when a sentence states a grade of an earlier inspection, not this document's."""
    years = [int(year) for year in YEAR_RE.findall(sentence)]
    if years and (cycle_start is None or min(years) < cycle_start):
        return True
    if states_change:  # "has moved from adequate to good since the last inspection": 'to' is current
        return False
    return bool(EARLIER_GRADE_RE.search(sentence)) and not NOW_RE.search(sentence)


def find_sentence_grades(
    sentence: str, force_names: Sequence[str] = (), cycle_start: int | None = None
) -> list[GradeStatement]:
    """Grades one sentence states of this force ('the force', or one of ``force_names``).

    Sentences about other forces or forces in general ("forces that require improvement")
    state none. A grade of an earlier inspection comes back with ``earlier=True``.

    >>> [(s.grade.value, s.phrase) for s in find_sentence_grades("The force is good at preventing crime.")]
    [('good', 'preventing crime')]
    """
    found: list[GradeStatement] = []
    taken: list[tuple[int, int]] = []
    if not GRADE_KEYWORD_RE.search(sentence):
        return found
    for entry, pattern in compiled_grammar(tuple(force_names)):
        for match in pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            grade = Grade.NOT_GRADED if entry.not_graded else parse_grade(match.group("grade"))
            if grade is None:
                continue
            taken.append(match.span())
            phrase = match.groupdict().get("phrase")
            poss = match.groupdict().get("poss")
            found.append(
                GradeStatement(
                    grade,
                    match.group("grade").strip(),
                    EvidenceKind.SENTENCE,
                    phrase=(poss or phrase or "").strip() or None,
                    earlier=_is_earlier(sentence, cycle_start, states_change=entry.states_change),
                    names_area=bool(poss) or entry.phrase_is_graded,
                )
            )
    return found


# --------------------------------------------------------------------------- area of a phrase


def name_in_phrase(phrase: str | None) -> tuple[str | None, str | None]:
    """The area a sentence's phrase names and, when a title names it, that title as written.

    >>> name_in_phrase("responding to the public, and it answers calls quickly")
    ('responding_to_public', 'responding to the public')
    >>> name_in_phrase("how effectively it keeps people safe")
    ('effectiveness', None)
    """
    if not phrase:
        return None, None
    phrase = PHRASE_LEAD_RE.sub("", phrase.strip())
    candidates = [phrase] + [phrase[: match.start()] for match in PHRASE_CUT_RE.finditer(phrase)]
    for candidate in candidates:
        area_id = match_area(candidate.strip(" ,;"))
        if area_id:
            return area_id, candidate.strip(" ,;")
    mentions = find_area_mentions(phrase)
    return (mentions[0], None) if len(mentions) == 1 else (None, None)


def area_of_phrase(phrase: str | None) -> str | None:
    """The area a sentence's phrase names ('responding to the public', 'prevention and deterrence').

    >>> area_of_phrase("building and developing its workforce"), area_of_phrase("answering calls")
    ('workforce', None)
    """
    return name_in_phrase(phrase)[0]
