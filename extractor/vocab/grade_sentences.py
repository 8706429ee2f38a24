"""The ways a sentence states a grade, as ordered, named and commented patterns (the grade sentence grammar).

A new phrasing of a grade is one :class:`GradeSentence` in :data:`GRADE_SENTENCES` plus its
test (``tests/test_judgments.py`` runs every entry's ``example``). Each ``pattern`` is a
``re.VERBOSE`` template: ``{name}`` stands for a fragment of :data:`FRAGMENTS`, and
``{subject}`` for the force as this document names it (see :func:`subject`), filled in and
compiled once per force by :mod:`extractor.finders.grade_sentences`. The groups a pattern may set:

- ``grade``: the grade words ("requires improvement", "ungraded");
- ``phrase``: what the grade is of ("at responding to the public"), read for the area it names;
- ``poss``: what the force's possessive names ("Kent Police's leadership ... is good"): the
  thing graded, so the statement is an area's judgment only when it names an area;
- ``from_grade``: the grade an area has moved from (never the current one).

Order matters: the finder takes the first entry that reads a stretch of the sentence, and an
entry's later matches over the same words are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extractor.vocab.grades import GRADE, UNGRADED

# Shared pieces of the templates, by the name a template writes in braces.
FRAGMENTS: dict[str, str] = {
    "grade": GRADE,
    "ungraded": UNGRADED,
    # Adverbs that may stand around the verb: "is now good", "remains consistently good".
    "adverbs": r"(?:\s+(?:now|still|also|overall|currently|therefore|again|consistently))*",
    # The verb that links the force to its grade: "is", "has been", "continues to be".
    "to_be": r"(?:is|are|was|were|remains|remain|ha(?:s|ve)\s+been|(?:has\s+)?continue[sd]?\s+to\s+be)",
    # "judged to be", "assessed as", "found", or nothing.
    "judged": r"(?:(?:judged|assessed|graded|rated|found|considered)\s+(?:to\s+be\s+|as\s+)?)?",
    # What the grade is of: "at responding to the public", "in how it treats people".
    "phrase": r"(?:\s+(?:at|in|for)\b\s*(?P<phrase>[^.;]*))",
    # The grade ends its clause ("is good.", "is good, and", "is good overall") instead of
    # going on as an adjective ("is good practice", "a good understanding").
    "complement_end": r"(?=\s*(?:[.,;:)]|$|\s+(?:and|but|overall|in\s+this\s+area)\b))",
}


@dataclass(frozen=True)
class GradeSentence:
    """One way of stating a grade in a sentence, and how the finder reads what it matches."""

    name: str
    example: str  # a sentence it reads (the test runs every example through the finder)
    pattern: str  # a VERBOSE template over FRAGMENTS and {subject}
    # The statement says "not graded" whatever words ``grade`` holds ("we don't make a graded judgment").
    not_graded: bool = False
    # ``phrase`` is the thing graded, not where the force is graded ("our victim service assessment
    # is ungraded"): an area's judgment only when it names an area (not "the call was not graded").
    phrase_is_graded: bool = False
    # "from X to Y": the "to" grade is current even in a sentence that names the last inspection.
    states_change: bool = False


GRADE_SENTENCES: tuple[GradeSentence, ...] = (
    GradeSentence(
        name="is",
        example="The force is good at responding to the public.",
        pattern=r"""
            {subject}
            (?:['’]s?\s+(?P<poss>[^.;:]{3,120}?))?   # "Kent Police's leadership ..."
            {adverbs}\s+{to_be}{adverbs}\s+{judged}  # "is now", "has been judged to be"
            (?P<grade>{grade})(?![\w-])
            (?:{phrase}|{complement_end})            # "good at ...", or "good." ending the clause
        """,
    ),
    GradeSentence(
        name="requires",
        example="The force requires improvement in how it investigates crime.",
        pattern=r"""
            {subject}{adverbs}\s+
            (?:(?:is|was|has\s+been)\s+(?:judged|assessed|found|considered)\s+to\s+)?  # "is judged to"
            (?P<grade>requires?\s+improvement)
            (?:{phrase}|{complement_end})
        """,
    ),
    GradeSentence(
        name="graded",
        example="We have graded the force as outstanding at preventing crime.",
        pattern=r"""
            \b(?:HMICFRS|HMIC|we|the\s+inspectorate|inspectors?)\s+(?:have\s+|has\s+)?
            (?:graded|judged|assessed|rated)\s+{subject}\s+
            (?:as\s+|to\s+be\s+)?(?P<grade>{grade})(?![\w-])
            {phrase}?
        """,
    ),
    GradeSentence(
        name="received",
        example="The force received a requires improvement grading.",
        pattern=r"""
            {subject}\s+(?:has\s+|have\s+)?
            (?:received|was\s+awarded|was\s+given|achieved|retained)\s+
            (?:an?\s+|its\s+)?(?P<grade>{grade})\s+(?:grade|grading|judge?ment|rating)s?\b
            {phrase}?
        """,
    ),
    GradeSentence(
        name="moved",
        example="The force has moved from requires improvement to adequate in this area.",
        pattern=r"""
            (?:{subject}|\b(?:its|the)\s+grad(?:e|ing))\s+(?:has\s+|have\s+)?
            (?:moved|improved|changed|gone|risen|fallen|dropped|declined|deteriorated)\s+
            from\s+(?P<from_grade>{grade})\s+to\s+(?P<grade>{grade})(?![\w-])
            {phrase}?
        """,
        states_change=True,
    ),
    GradeSentence(
        name="extent",
        example="The extent to which the force treats the public fairly is good.",
        pattern=r"""
            \bthe\s+extent\s+to\s+which\s+{subject}\s+
            (?P<phrase>[^.;]+?)\s+                   # "treats the public fairly"
            is\s+(?:judged\s+to\s+be\s+)?(?P<grade>{grade})(?![\w-])
        """,
    ),
    GradeSentence(
        name="ungraded",
        example="Our victim service assessment is ungraded.",
        pattern=r"""
            (?P<phrase>(?:[\w’'-]+\s+){1,8}?)        # up to eight words naming what is not graded
            (?:is|are|was|remains)\s+(?:currently\s+)?
            (?P<grade>{ungraded})\b
            # "was not graded correctly by the call handler" is about a call, not an area
            (?!\s+(?:correctly|appropriately|properly|accurately|in\s+line|as|by|until|at|on|within)\b)
        """,
        not_graded=True,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="no-judgment",
        example="We don't make a graded judgment in this overall area.",
        pattern=r"""
            (?P<grade>
                \b(?:we\s+)?(?:don['’]t|do\s+not|did\s+not|does\s+not|doesn['’]t)\s+
                (?:make|give|award|provide)\s+(?:a\s+)?grad(?:ed|e|ing)(?:\s+judge?ment)?
              | \bno\s+graded\s+judge?ment
            )
            (?P<phrase>[^.;]*)
        """,
        not_graded=True,
    ),
)


# A force's proper name when the document's force is not known: "Guernsey Police", "States of
# Jersey Police" (a capitalised name before "Police" or "Constabulary", not "The Police").
ANY_FORCE_NAME = (
    r"(?-i:(?<![\p{L}-])(?!(?:The|A|An|This|That|Each|Every|Some|Most|All|Other|Our)\s)"
    r"\p{Lu}[\p{L}&'-]+(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&'-]+)*\s+(?:Police|Constabulary))"
)


def subject(names: Sequence[str]) -> str:
    """The force as a sentence's subject: 'the force', 'this force', or its own names (any name if unknown).

    >>> regex.match(subject(["Kent Police"]), "Kent  Police is good", regex.I).group(0)
    'Kent  Police'
    """
    escaped = [regex.escape(name).replace(r"\ ", r"\s+") for name in sorted(names, key=len, reverse=True)]
    own = "".join(f"|(?<![\\p{{L}}-]){name}" for name in escaped) if names else f"|{ANY_FORCE_NAME}"
    return r"(?P<subject>\b(?:the|this)\s+force\b" + own + ")"


_PLACEHOLDER_RE = regex.compile(r"\{([a-z_]+)\}")


def fill(template: str, subject_pattern: str) -> str:
    """A template with its fragments and the force's subject pattern filled in (an unknown name is a bug)."""
    pieces = {**FRAGMENTS, "subject": subject_pattern}
    return _PLACEHOLDER_RE.sub(lambda match: pieces[match.group(1)], template)


# Where a sentence's phrase stops naming an area: "responding to the public, and it answers ...".
PHRASE_CUT_RE = regex.compile(r",|;|\s+(?:and\s+it|and\s+the\s+force|but|with|by|through|because|as)\s+")
# A phrase that points back at the section it stands in: "the force is good in this area".
THIS_AREA_RE = regex.compile(r"^(?:this|that|the)\s+(?:area|question|core\s+question)\b", regex.IGNORECASE)
# Words that lead a phrase before the area's name: "in respect of", "in how it ...".
PHRASE_LEAD_RE = regex.compile(
    r"^(?:respect\s+of|relation\s+to|terms\s+of|how\s+it\s+(?:is\s+)?)\s*", regex.IGNORECASE
)
