"""The grade scale as the inspectorate writes it: the words once, and every pattern built from them.

A new spelling of a grade is one entry in :data:`GRADE_WORDS` or :data:`UNGRADED_WORDS`;
the bare-label, heading-tail and sentence patterns below are all derived from them.
"""

from __future__ import annotations

import regex

from schemas import Grade

# Grade words of the five-tier scale (2021/22 on) and the four-tier scale (2014-2019,
# which lacks "adequate"), as regex fragments with the grade each names. Order matters in
# an alternation: "inadequate" before "adequate", so the longer word wins.
GRADE_WORDS: tuple[tuple[str, Grade], ...] = (
    (r"requires?\s+improvement", Grade.REQUIRES_IMPROVEMENT),  # also "require improvement"
    (r"outstanding", Grade.OUTSTANDING),
    (r"inadequate", Grade.INADEQUATE),
    (r"adequate", Grade.ADEQUATE),
    (r"good", Grade.GOOD),
)

# Words that say an area is explicitly not graded ("Ungraded", "(Not Graded)").
UNGRADED_WORDS: tuple[str, ...] = (r"ungraded", r"not[\s-]+graded")

# Longer phrases that also name "not graded" when they are the whole label.
UNGRADED_PHRASES: tuple[str, ...] = (r"no\s+graded\s+judgment",)


def _alternation(fragments: tuple[str, ...]) -> str:
    return "(?:" + "|".join(fragments) + ")"


# Any grade word; text also writes the plural "requires improvements" (after the singular,
# so a following lookahead can backtrack to it).
GRADE = _alternation((*(fragment for fragment, _ in GRADE_WORDS), r"requires?\s+improvements"))
UNGRADED = _alternation(UNGRADED_WORDS)
ANY_GRADE = f"(?:{GRADE}|{UNGRADED})"

# Every form running text bends "requires improvement" into ("was judged to require improvement",
# "judged as requiring improvement", "required improvement in three others"), then the other
# grade words: what a sentence may state a grade with (labels and headings use :data:`GRADE`).
GRADE_INFLECTED = _alternation(
    (r"requir(?:es?|ed|ing)\s+improvements?", *(fragment for fragment, _ in GRADE_WORDS[1:]))
)

# A line that is nothing but a grade label ("Good", "Requires improvement", "(Ungraded)").
BARE_GRADE_RE = regex.compile(rf"^\s*\(?{ANY_GRADE}\)?\s*$", regex.IGNORECASE)

# A word every statement of a grade holds: a cheap test before the full patterns run.
GRADE_KEYWORD_RE = regex.compile(r"outstanding|good|adequate|improvement|graded|grading", regex.IGNORECASE)

# An AFI count that a heading may carry after its grade: "(4 AFIs)", "(No AFI)".
AFI_COUNT_TAIL = r"\(\s*(?:no|\d+|[a-z]+)\s+(?:afis?|areas?\s+for\s+improvement)\s*\)"

# The grade (and AFI count) that responses append to an area title:
# "Responding to the Public – Requires Improvement (4 AFIs)", "Crime data integrity (Outstanding)".
TITLE_GRADE_TAIL_RE = regex.compile(
    rf"""\s*(?:[–—:-]\s*|\()\s*     # a dash, colon or opening bracket
        {ANY_GRADE}
        \)?\s*(?:{AFI_COUNT_TAIL})?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# A title with its grade as headings and labels write it, the title and grade words captured:
# "Area – Good (1 AFI)", "Area (Outstanding)", "Area: Requires improvement", "3.1 Area – (Good)".
TITLE_GRADE_RE = regex.compile(
    rf"""^(?:\(?\d+(?:\.\d+)*\)?\.?\s+)?        # an optional section number
        (?P<title>.*?\p{{L}}.*?)\s*
        (?:[–—:-]\s*\(?|\()\s*                  # a dash, colon or opening bracket
        (?P<grade>{GRADE}|{UNGRADED})\s*\)?\s*
        (?:{AFI_COUNT_TAIL})?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

_GRADE_RES: tuple[tuple[regex.Pattern[str], Grade], ...] = tuple(
    (regex.compile(fragment, regex.IGNORECASE), grade) for fragment, grade in GRADE_WORDS
)
_PLURAL_RE = regex.compile(r"^(requires?\s+improvement)s$", regex.IGNORECASE)
# "required improvement", "requiring improvement": the grade as a verb's other forms.
_INFLECTED_RE = regex.compile(r"^requir(?:ed|ing)(?=\s+improvement)", regex.IGNORECASE)
_UNGRADED_RE = regex.compile(_alternation((*UNGRADED_WORDS, *UNGRADED_PHRASES)), regex.IGNORECASE)


def parse_grade(text: str) -> Grade | None:
    """The grade named by grade words in any capitalisation ('Requires Improvement', 'UNGRADED').

    >>> parse_grade("Requires  Improvement"), parse_grade("(Not Graded)"), parse_grade("fair")
    (<Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>, <Grade.NOT_GRADED: 'not_graded'>, None)
    >>> parse_grade("requiring improvement").value, parse_grade("Required Improvement").value
    ('requires_improvement', 'requires_improvement')
    """
    key = _PLURAL_RE.sub(r"\1", regex.sub(r"[\s-]+", " ", text.strip(" ()[]*:.–—-\t")))
    key = _INFLECTED_RE.sub("requires", key)
    for pattern, grade in _GRADE_RES:
        if pattern.fullmatch(key):
            return grade
    if _UNGRADED_RE.fullmatch(key):
        return Grade.NOT_GRADED
    return None
