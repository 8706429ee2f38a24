"""The machinery of the grade sentence grammar: the fragments its templates are written in, the
:class:`GradeSentence` entry and how its fields say a match is read, and the force as a
sentence's subject. The entries themselves are in :mod:`extractor.vocab.grade_sentences`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extractor.vocab.grades import GRADE_INFLECTED, UNGRADED

# The verbs of judging, as a participle ("was judged", "areas graded as ...").
_JUDGING = (
    r"(?:judged|assessed|graded|rated|found|considered|deemed|regarded|recogni[sz]ed"
    r"|highlighted|identified|marked|ranked|scored)"
)

# Shared pieces of the templates, by the name a template writes in braces.
FRAGMENTS: dict[str, str] = {
    # Any grade word, in every form a sentence bends it into ("require improvement", "requiring").
    "grade": GRADE_INFLECTED,
    "ungraded": UNGRADED,
    # A quote mark that may stand around a grade word or an area's name: 'good', ‘good’, “good”.
    "q": r"""[‘’'"“”]?""",
    # A quote mark that must stand there (a grade with no verb: "responding to the public 'good'").
    "quote": r"""[‘’'"“”]""",
    # Adverbs that may stand around the verb: "is now good", "remains consistently good".
    "adverbs": (
        r"(?:\s+(?:now|still|also|overall|currently|therefore|again|consistently|generally|in\s+general|all))*"
    ),
    # The verb that links the force to its grade: "is", "has been", "continues to be".
    "to_be": (
        r"(?:is|are|was|were|remains|remain|had\s+been|ha(?:s|ve)\s+been|(?:has\s+)?continue[sd]?\s+to\s+be)"
    ),
    # "judged to be", "assessed as", "rated as being", "deemed to" (require improvement), "found", or nothing.
    "judged": rf"(?:{_JUDGING}\s+(?:(?:to\s+be|as\s+being|as|at|to)\s+)?(?:(?:only|just)\s+)?)?",
    "judging": _JUDGING,
    # The force, or "and" going on from a clause it is the subject of ("the force has lost its 'good'
    # grades ... and has retained one 'outstanding' grade"): read only after this force is named.
    "who": r"(?:{subject}|(?P<joined>\band))",
    # The same verbs in the active voice, before the force: "we judged the force ...", "rates X as".
    "judges": (
        r"(?:judge[sd]?|assess(?:es|ed)?|grade[sd]?|rate[sd]?|f(?:ou|i)nds?|found"
        r"|consider(?:s|ed)?|deem(?:s|ed)?|regard(?:s|ed)?)"
    ),
    # An aside between a grade and its areas: "'Inadequate' - the lowest possible grading - in ...".
    "aside": r"(?:\s*[–—-]\s+[^–—.;]{1,80}?\s+[–—-])?",
    # The prepositions that lead from a grade to what it is of ("in respect of", "in terms of"
    # and "in relation to" are "in" and a list lead: see vocab.area_lists).
    "prep": r"(?:at|in|for|on|across|with\s+regards?\s+to|when\s+it\s+comes\s+to)",
    # What the grade is of: "at responding to the public", "in how it treats people".
    "phrase": r"(?:\s+{prep}\b\s*(?P<phrase>[^.]*))",
    # The grade ends its clause ("is good.", "is good, and", "is good overall") instead of
    # going on as an adjective ("is good practice", "a good understanding").
    "complement_end": r"(?=\s*(?:[.,;:)–—]|$|\s+(?:and|but|overall|in\s+this\s+area)\b))",
    # After a grade whose areas stand before it: the clause ends, or a word that is no noun follows
    # ("was judged 'adequate' in the latest inspection", "was recognised as Good by the HMICFRS").
    "grade_end": (
        r"""(?=\s*(?:[.,;:)!?–—]|$)|\s+(?:and|but|or|in|at|by|for|with|from|across|overall|this|last|"""
        r"""again|too|as|when|while|whilst|compared|which|since|after|now|following|under|on)\b)"""
    ),
}


@dataclass(frozen=True)
class GradeSentence:
    """One way of stating a grade in a sentence, and how the finder reads what it matches."""

    name: str
    example: str  # a sentence it reads (the test runs every example through the finder)
    pattern: str  # a VERBOSE template over FRAGMENTS and {subject}
    # The statement says "not graded" whatever words ``grade`` holds ("we don't make a graded judgment").
    not_graded: bool = False
    # The statement is an area's judgment only when it names an area: ``phrase`` is the thing graded
    # ("our victim service assessment is ungraded", not "the call was not graded"), or the entry has
    # no force as its subject ("the ‘inadequate’ areas included ...").
    phrase_is_graded: bool = False
    # "from X to Y": the "to" grade is current even in a sentence that names the last inspection.
    states_change: bool = False
    # The areas are the list that ends just before the match ("A, B and C were judged adequate").
    areas_before: bool = False
    # The grade is this inspection's whatever earlier inspection the sentence names ("this
    # question has not been inspected or graded in 2015", "has retained its outstanding grade").
    always_current: bool = False
    # The grade was also the earlier inspection's ("once again graded", "has retained").
    also_earlier: bool = False
    # The grade is only an earlier inspection's ("has lost its 'good' grades").
    earlier: bool = False
    # The grade is each pillar's ("was rated good on all counts").
    all_pillars: bool = False
    # The grade word has no subject of its own and goes on from the statement before it in the
    # sentence ("rated 'good' for A, 'requires improvement' for B"): it is as earlier as that one.
    elliptic: bool = False
    # Only after another statement in the same sentence ("... is good at A and good at B"), or
    # after the force named earlier in it ("the force records crime well and is good at B").
    follows: bool = False
    # ``grade`` points back at the grade the sentence before it names ("has received this grade").
    anaphor: bool = False
    # The subject is the lead-in before the bullet ("HMICFRS judged that the force: • is good at A"):
    # no grade of this force where that lead-in names another.
    subject_before: bool = False
    # The areas are only those the phrase lists, never a name found further inside it ("'adequate'
    # in all areas, except investigating crime" names no area).
    lists_only: bool = False


# A force's proper name when the document's force is not known: "Guernsey Police", "States of
# Jersey Police" (a capitalised name before "Police" or "Constabulary", not "The Police").
ANY_FORCE_NAME = (
    r"(?-i:(?<![\p{L}-])(?!(?:The|A|An|This|That|Each|Every|Some|Most|All|Other|Our)\s)"
    r"\p{Lu}[\p{L}&'-]+(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&'-]+)*\s+(?:Police|Constabulary))"
)

# The force as its own text's subject besides its names: "the force", "this constabulary",
# "the county force", and "it" (the finder reads "it" only where no other force stands before it).
FORCE_WORDS = r"\b(?:the|this)\s+(?:county\s+|police\s+)?(?:force|constabulary)\b|(?P<it>\bit\b)"


def subject(names: Sequence[str]) -> str:
    """The force as a sentence's subject: 'the force', 'the constabulary', 'it', or its own names
    (any force's name if unknown).

    >>> regex.match(subject(["Kent Police"]), "Kent  Police is good", regex.I).group(0)
    'Kent  Police'
    """
    escaped = [regex.escape(name).replace(r"\ ", r"\s+") for name in sorted(names, key=len, reverse=True)]
    own = (
        "".join(f"|(?<![\\p{{L}}-]){name}(?![\\p{{L}}-])" for name in escaped)
        if names
        else f"|{ANY_FORCE_NAME}"
    )
    return r"(?P<subject>" + FORCE_WORDS + own + ")"


_PLACEHOLDER_RE = regex.compile(r"\{([a-z_]+)\}")


def fill(template: str, subject_pattern: str) -> str:
    """A template with its fragments and the force's subject pattern filled in (an unknown name is a bug)."""
    pieces = {**FRAGMENTS, "subject": subject_pattern}
    filled = template
    while _PLACEHOLDER_RE.search(filled):  # fragments may name fragments ("phrase" names "prep")
        filled = _PLACEHOLDER_RE.sub(lambda match: pieces[match.group(1)], filled)
    return filled
