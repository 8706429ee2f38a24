"""The ways a sentence states a grade, as ordered, named and commented patterns (the grade sentence grammar).

A new phrasing of a grade is one :class:`GradeSentence` in :data:`GRADE_SENTENCES` plus its
test (``tests/test_judgments.py`` runs every entry's ``example``). Each ``pattern`` is a
``re.VERBOSE`` template: ``{name}`` stands for a fragment of :data:`FRAGMENTS`, and
``{subject}`` for the force as this document names it (fragments, fields and subject are in
:mod:`extractor.vocab.grade_grammar`), filled in and
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

from extractor.vocab.grade_grammar import ANY_FORCE_NAME, FRAGMENTS, GradeSentence, fill, subject

__all__ = ["ANY_FORCE_NAME", "FRAGMENTS", "GRADE_SENTENCES", "GradeSentence", "fill", "subject"]

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
            \b{judges}\s+{subject}(?:['’]s?\s+(?:overall\s+)?(?:performance|work))?\s+  # "its performance"
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
            (?:[,;]\s*(?:and\s+|but\s+)?|\s+(?:and|but|while|whilst)\s+)  # "and good at B", "; good in B"
            (?:also\s+|only\s+)?
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
