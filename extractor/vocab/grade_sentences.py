"""The ways a sentence states a grade, as ordered, named and commented patterns (the grade sentence grammar).

A new phrasing of a grade is one :class:`GradeSentence` in :data:`GRADE_SENTENCES` plus its
test (``tests/test_judgments.py`` runs every entry's ``example``). Each ``pattern`` is a
``re.VERBOSE`` template: ``{name}`` stands for a fragment of :data:`FRAGMENTS`, and
``{subject}`` for the force as this document names it (see :func:`subject`), filled in and
compiled once per force by :mod:`extractor.finders.grade_sentences`. The groups a pattern may set:

- ``grade``: the grade words ("requires improvement", "‘good’", "ungraded");
- ``phrase``: what the grade is of, read as a list of areas ("at A, B and C"); an entry with
  ``areas_before`` reads the list that ends just before its match instead ("A and B were
  judged adequate");
- ``from_grade``: the grade an area has moved from (an earlier inspection's, never current).

A grade word's scope is a list: each area the list names gets the grade. Order matters: the
finder takes the first entry that reads a grade word, and later entries' matches of the same
words are left out. Entries with no force as subject (a list as subject, "the ‘inadequate’
areas included ...") state this force's grade only when they name an area and the sentence
names no other force before them.
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


GRADE_SENTENCES: tuple[GradeSentence, ...] = (
    GradeSentence(
        name="extent",
        example="The extent to which the constabulary operates efficiently requires improvement.",
        pattern=r"""
            \bthe\s+extent\s+to\s+which\s+{subject}\s+
            (?P<phrase>[^.;:]+?)\s*                  # "is effective at keeping people safe"
            (?::\s*|\s+is\s*:?\s*|\s+is\s+{judged}|\s+)   # "is good", "is: good", ": good", or "is" left out
            {q}(?P<grade>{grade}){q}{complement_end}   # (": not yet graded" is no grade)
        """,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="with-which",
        example="The efficiency with which the force carries out its responsibilities is good.",
        pattern=r"""
            \bthe\s+(?P<phrase>(?:efficiency|effectiveness|legitimacy)\s+with\s+which)\s+{subject}\s+
            [^.;]{1,100}?\s+                        # "carries out its responsibilities"
            (?:(?:is|was|has\s+been|remains){adverbs}\s+{judged}|(?=requir))   # "is", "requires"
            {q}(?P<grade>{grade}){q}{complement_end}
        """,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="in-areas-aside",
        example="In two areas – investigating crime and preventing crime – the force is judged to be good.",
        pattern=r"""
            \bin\s+(?:\w+\s+)?(?:areas?|others)\s*[–—:-]\s*
            (?P<phrase>[^–—]+?)\s*[–—-]\s*           # the areas, between dashes
            {subject}{adverbs}\s+{to_be}{adverbs}\s+{judged}
            {q}(?P<grade>{grade}){q}{complement_end}
        """,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="all-counts",
        example="Hampshire Constabulary was rated good on all counts.",
        pattern=r"""
            {subject}{adverbs}\s+{to_be}{adverbs}\s+{judged}{aside}
            {q}(?P<grade>{grade}){q}{aside}
            \s+(?:on|across|in)\s+all\s+(?:three\s+|four\s+)?(?:counts|pillars)\b
        """,
        all_pillars=True,
    ),
    GradeSentence(
        name="once-again",
        example="Norfolk Constabulary was once again graded as outstanding in its use of resources.",
        pattern=r"""
            {subject}\s+{to_be}\s+(?:once\s+)?again\s+{judged}{q}(?P<grade>{grade}){q}(?![\w-])
            (?:{phrase}|{complement_end})
        """,
        always_current=True,
        also_earlier=True,
    ),
    GradeSentence(
        name="retained",
        example="The force has retained its outstanding grade for disrupting serious organised crime.",
        pattern=r"""
            {who}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:retained|kept|maintained)\s+
            (?:an?\s+|its\s+|one\s+|the\s+)?{q}(?P<grade>{grade}){q}\s+
            (?:grade|grading|judge?ment|rating|ranking|assessment)s?\b{phrase}?
        """,
        always_current=True,
        also_earlier=True,
    ),
    GradeSentence(
        name="lost",
        example="The force has lost its good grades in investigating crime and managing offenders.",
        pattern=r"""
            {who}\s+(?:has\s+|have\s+|had\s+)?lost\s+(?:\w+\s+){0,2}?
            {q}(?P<grade>{grade}){q}\s+(?:grade|grading|judge?ment|rating|ranking)s?\b
            (?:\s+including)?{phrase}?
        """,
        earlier=True,
    ),
    GradeSentence(
        name="received",
        example="The force received a requires improvement grading.",
        pattern=r"""
            {who}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?
            (?:received|was\s+awarded|was\s+given|been\s+(?:awarded|given)|achieved|earned|secured|gained)\s+
            (?:an?\s+|its\s+|one\s+|the\s+)?{q}(?P<grade>{grade}){q}\s+
            (?:grade|grading|judge?ment|rating|ranking)s?\b{phrase}?
        """,
    ),
    GradeSentence(
        name="grading-it-received",
        example="This is an improvement on the inadequate grading it received in this area in 2023.",
        pattern=r"""
            \bthe\s+{q}(?P<grade>{grade}){q}\s+(?:grade|grading|rating|judge?ment)\s+
            (?:(?:that|which)\s+)?{subject}\s+(?:had\s+|has\s+)?(?:received|was\s+given|was\s+awarded)
            {phrase}?
        """,
    ),
    GradeSentence(
        name="moved",
        example="The force has moved from requires improvement to adequate in this area.",
        pattern=r"""
            (?:{subject}|\b(?:its|the)\s+grad(?:e|ing))\s+(?:has\s+|have\s+)?
            (?:moved|improved|changed|gone|risen|fallen|dropped|declined|deteriorated)\s+
            from\s+{q}(?P<from_grade>{grade}){q}\s+to\s+{q}(?P<grade>{grade}){q}(?![\w-])
            {phrase}?
        """,
        states_change=True,
    ),
    GradeSentence(
        name="grade-changed",
        example="The grade for ‘Investigating crime’ was changed from ‘good’ to ‘adequate’.",
        pattern=r"""
            \b(?:the|its)\s+grad(?:e|ing)\s+(?:for|in|of)\s+
            (?P<phrase>[^.;]+?)\s+(?:was|has\s+been|had\s+been)\s+
            (?:changed|moved|lowered|raised|downgraded|upgraded|revised)\s+
            from\s+{q}(?P<from_grade>{grade}){q}\s+to\s+{q}(?P<grade>{grade}){q}(?![\w-])
        """,
        states_change=True,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="where-it",
        example="It is adequate in all areas but investigating crime, where it requires improvement.",
        pattern=r"""
            ,?\s*\bwhere\s+(?:{subject}|its\s+(?:performance|work))  # "A, where it is good"
            {adverbs}\s+(?:{to_be}{adverbs}\s+{judged})?
            {q}(?P<grade>{grade}){q}(?![\w-]){grade_end}
        """,
        phrase_is_graded=True,
        areas_before=True,
    ),
    GradeSentence(
        name="one-of-forces",
        example="Bedfordshire Police was one of three forces that HMIC graded inadequate at managing fraud.",
        pattern=r"""
            {subject}\s+(?:was|is|were|are)\s+(?:also\s+)?one\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?forces\s+
            (?:(?:that|which|whom)\s+)?(?:HMICFRS|HMIC|we|the\s+inspectorate|inspectors)\s+(?:has\s+|have\s+)?
            {judges}\s+(?:(?:as|to\s+be)\s+)?{q}(?P<grade>{grade}){q}(?![\w-])   # the force is one of them
            (?:{phrase}|{complement_end})
        """,
    ),
    GradeSentence(
        name="judged-possessive",
        example="We judged the force’s approach to meeting current demand and using resources as good.",
        pattern=r"""
            \b{judges}\s+{subject}['’]s?\s+(?:approach\s+to\s+)?
            (?P<phrase>[^.;]{3,120}?)\s+             # what of the force is judged
            (?:as\s+(?:being\s+)?|to\s+be\s+)(?:(?:only|just)\s+)?
            {q}(?P<grade>{grade}){q}{complement_end}
        """,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="judged-the-force",
        example="Inspectors rated the force as outstanding at preventing crime.",
        pattern=r"""
            \b{judges}\s+{subject}\s+
            (?:(?:to\s+be|as\s+being|as|at|to)\s+)?(?:(?:only|just)\s+)?   # "as", "to be", "to" (require)
            {aside}{q}(?P<grade>{grade}){q}(?![\w-]){aside}
            (?:{phrase}|{complement_end})
        """,
    ),
    GradeSentence(
        name="is",
        example="The force is good at responding to the public.",
        pattern=r"""
            {subject}{adverbs}\s+{to_be}{adverbs}\s+{judged}   # "is now", "has been judged to be"
            {aside}{q}(?P<grade>{grade}){q}(?![\w-]){aside}
            (?:{phrase}|{complement_end})            # "good at ...", or "good." ending the clause
        """,
    ),
    GradeSentence(
        name="requires",
        example="The force requires improvement in how it investigates crime.",
        pattern=r"""
            {subject}{adverbs}\s+
            (?:(?:is|was|has\s+been)\s+{judging}\s+to\s+)?  # "is judged to"
            {q}(?P<grade>requir(?:es?|ed)\s+improvements?){q}(?![\w-])
            (?:{phrase}|{complement_end})
        """,
    ),
    GradeSentence(
        name="bulleted-is",
        example="Is ‘good’ at treating all of the people it serves with fairness and respect;",
        pattern=r"""
            ^\s*(?:is|was|are|were){adverbs}\s+{judged}   # a bullet whose subject is the lead-in above it
            {q}(?P<grade>{grade}){q}(?![\w-]){phrase}
        """,
        phrase_is_graded=True,
        subject_before=True,
    ),
    GradeSentence(
        name="found-performance",
        example="The inspectorate identified outstanding performance when recording data about crime.",
        pattern=r"""
            \b(?:HMICFRS|HMIC|the\s+inspectorate|inspectors|the\s+report|we)\s+(?:has\s+|have\s+)?
            (?:identified|found|recognised|noted)\s+
            {q}(?P<grade>{grade}){q}\s+performance\b   # the grade as an adjective of "performance"
            \s*(?P<phrase>[^.]*)                      # "in relation to ... when recording data about crime"
        """,
        phrase_is_graded=True,
    ),
    GradeSentence(
        name="this-grade",
        example="A grade of ‘Adequate’ was added. The force has received this grade for preventing crime.",
        pattern=r"""
            {who}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:received|been\s+given|been\s+awarded|was\s+given|
            was\s+awarded|achieved|got)\s+
            (?P<grade>(?:this|that|the\s+same)\s+grad(?:e|ing))   # the grade just named
            {phrase}
        """,
        phrase_is_graded=True,
        lists_only=True,
        anaphor=True,
    ),
    GradeSentence(
        name="grade-areas",
        example="HMICFRS said the ‘inadequate’ areas included how the force protects vulnerable people.",
        pattern=r"""
            {q}(?P<grade>{grade}){q}\s+areas?\s+      # "the 'inadequate' areas", "the good area"
            (?:include[sd]?|were|are|was|is)\s*:?\s*
            (?P<phrase>[^.]*)
        """,
        phrase_is_graded=True,
        lists_only=True,
    ),
    GradeSentence(
        name="areas-graded",
        example="Areas found to require improvement were responding to the public and investigating crime.",
        pattern=r"""
            \bareas?\s+(?:of\s+(?:police\s+)?(?:work|policing)\s+)?   # "three areas of police work"
            (?:(?:that|which)\s+)?(?:(?:were|are|was|is)\s+)?
            (?:{judging}\s+)?(?:(?:to\s+be|as\s+being|as|to)\s+)?
            {q}(?P<grade>{grade}){q}\s*
            (?:(?:were|are|was|is|include[sd]?)\s*:?|[–—:-])\s*   # "were", "included", or a dash
            (?P<phrase>[^.]*)
        """,
        phrase_is_graded=True,
        lists_only=True,
    ),
    GradeSentence(
        name="under-grade",
        example="Under the ‘adequate’ grade was: recording data about crime; preventing crime.",
        pattern=r"""
            \b(?:under|in|within)\s+the\s+{q}(?P<grade>{grade}){q}\s+
            (?:grade|grading|category|column|rating|band)\s*
            (?:(?:was|were|are|is|came|sit|sat)\s*)?:?\s*
            (?P<phrase>[^.]*)
        """,
        phrase_is_graded=True,
        lists_only=True,
    ),
    GradeSentence(
        name="grade-of",
        example="A grade of ‘Good’ was awarded for two areas - investigating crime, and preventing crime.",
        pattern=r"""
            \ban?\s+(?:grade|grading|rating|judge?ment)\s+of\s+{q}(?P<grade>{grade}){q}\s+
            (?:(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+)?(?:awarded|given|received)\s+)?
            (?:for|to|in)\b\s*(?P<phrase>[^.]*)
        """,
        phrase_is_graded=True,
        lists_only=True,
    ),
    GradeSentence(
        name="quoted-grade-for",
        example="It was rated ‘outstanding’ at recording crime and ‘good’ for investigating crime.",
        pattern=r"""
            (?<![\w])(?:
                {quote}(?P<grade>{grade}){quote}          # a quoted grade: "'good' for ..."
                (?:\s+(?:rating|grade|grading|judge?ment))?
                \s+{prep}\b\s*(?P<phrase>[^.]*)
              | (?P<grade>{grade})\s+{prep}\s+(?={quote})  # or a grade before a quoted area
                (?P<phrase>[^.]*)
            )
        """,
        phrase_is_graded=True,
        lists_only=True,
        elliptic=True,
    ),
    GradeSentence(
        name="and-grade-at",
        example="The force is good at investigating crime, and is judged to be good at preventing crime.",
        pattern=r"""
            (?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but|while|whilst)\s+)(?:also\s+|only\s+)?  # "and good at B"
            (?:(?:is|was|are|were|has\s+been|remains)\s+(?:also\s+)?{judged})?  # "and is judged good at"
            (?P<grade>{grade})(?![\w-])\s+{prep}\b\s*(?P<phrase>[^.]*)
        """,
        phrase_is_graded=True,
        elliptic=True,
        follows=True,
        lists_only=True,
    ),
    GradeSentence(
        name="areas-are",
        example="Investigating crime and managing offenders were judged as requiring improvement.",
        pattern=r"""
            \b{to_be}{adverbs}\s+{judged}{aside}      # the areas stand before: "A and B were judged"
            {q}(?P<grade>{grade}){q}(?![\w-]){grade_end}
            (?:{phrase})?                            # "its effectiveness was good at A": A, not the aspect
        """,
        phrase_is_graded=True,
        areas_before=True,
    ),
    GradeSentence(
        name="areas-require",
        example="Its use of resources to manage demand still requires improvement.",
        pattern=r"""
            (?:\b(?:now|also|still|again|overall|currently|consistently|generally)\s+)*
            {q}(?P<grade>requir(?:es?|ed)\s+improvements?){q}(?![\w-]){grade_end}
            (?:{phrase})?                            # "its effectiveness was good at A": A, not the aspect
        """,
        phrase_is_graded=True,
        areas_before=True,
    ),
    GradeSentence(
        name="areas-judged",
        example="Investigating crime and responding to the public, judged to be inadequate.",
        pattern=r"""
            (?:[–—-]\s*)?\b{judging}\s+(?:(?:to\s+be|as\s+being|as|at|to)\s+)?   # "– graded as"
            {q}(?P<grade>{grade}){q}(?![\w-]){grade_end}
            (?:{phrase})?                            # "its effectiveness was good at A": A, not the aspect
        """,
        phrase_is_graded=True,
        areas_before=True,
    ),
    GradeSentence(
        name="areas-quoted",
        example="Investigating crime ‘good’, responding to the public ‘adequate’.",
        pattern=r"""
            (?<=\S\s+){quote}(?P<grade>{grade}){quote}{grade_end}   # an area, then its quoted grade
        """,
        phrase_is_graded=True,
        areas_before=True,
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
        name="not-inspected",
        example="This question has not been inspected or graded in 2015.",
        pattern=r"""
            (?P<phrase>(?:[\w’'-]+\s+){1,8}?)        # what has not been graded
            (?:has|have)\s+not\s+been\s+(?:inspected\s+or\s+)?(?P<grade>graded)\b
        """,
        not_graded=True,
        phrase_is_graded=True,
        always_current=True,
    ),
    GradeSentence(
        name="no-judgment",
        example="We don't make a graded judgment in this overall area.",
        pattern=r"""
            (?P<grade>
                \b(?:we\s+)?(?:don['’]t|do\s+not|did\s+not|does\s+not|doesn['’]t)\s+
                (?:make|give|award|provide)\s+(?:a\s+)?grad(?:ed|e|ing)(?:\s+judge?ment)?
              | \bno\s+graded\s+judge?ment
              | \bnarrative\s+rather\s+than\s+(?:a\s+)?graded\s+judge?ment   # the 2015 leadership assessment
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
