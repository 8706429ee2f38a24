"""Words around a grade statement that change how it is read: what its phrase points back at,
where the name it holds stops, whether it goes on from the sentence before, and whether it is
about this force at all.

Read by :mod:`extractor.finders.grade_sentences` and the judgments stage beside the grammar
(:mod:`extractor.vocab.grade_sentences`).
"""

from __future__ import annotations

import regex

# Where a sentence's phrase stops naming an area: "responding to the public, and it answers ...".
PHRASE_CUT_RE = regex.compile(r",|;|\s+(?:and\s+it|and\s+the\s+force|but|with|by|through|because|as)\s+")
# What may follow a name found inside a phrase for it to be the thing graded: the end, or a
# clause boundary ("keeps people safe and reduces crime"), not a noun it qualifies ("crime prevention
# advice").
MENTION_END_RE = regex.compile(
    r"\s*(?:$|[.,;:)–—]|\s(?:and|but|while|whilst|as|in|at|for|with|compared|over)\b)", regex.IGNORECASE
)
# An aspect of the force before a grade whose areas follow it ("the constabulary's effectiveness was
# highlighted as being good at A", "its work was rated good in B"): a possessive, then a noun or two.
ASPECT_RE = regex.compile(r"(?:\b(?:its|our)|['’]s)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*$", regex.IGNORECASE)
# A phrase that points back at the areas the sentences before it name ("in these areas").
THESE_AREAS_RE = regex.compile(r"\bthese\s+(?:\w+\s+)?areas\b", regex.IGNORECASE)
# Where a phrase turns to a part of what it names ("keeping people safe, including managing
# serious and organised crime"): a name after it is a part, not the thing graded.
PHRASE_ASIDE_RE = regex.compile(
    r",?\s+(?:including|particularly|especially|such\s+as|notably|except|apart\s+from)\b", regex.IGNORECASE
)
# A phrase that points back at the section it stands in: "the force is good in this area".
THIS_AREA_RE = regex.compile(r"^(?:this|that|the)\s+(?:area|question|core\s+question)\b", regex.IGNORECASE)
# Words that lead a phrase before the area's name: "in respect of", "in how it ...".
PHRASE_LEAD_RE = regex.compile(
    r"^(?:respect\s+of|relation\s+to|terms\s+of|how\s+it\s+(?:is\s+)?)\s*", regex.IGNORECASE
)

# Words saying a sentence goes on from the one before it ("We also judged it to be good at ..."),
# and a verb in the past tense: such a sentence is as earlier as the one it goes on from.
ALSO_RE = regex.compile(r"\balso\b", regex.IGNORECASE)
PAST_VERB_RE = regex.compile(
    r"\b(?:was|were|had|judged|found|rated|graded|assessed|considered|deemed|received|awarded)\b",
    regex.IGNORECASE,
)
# The pillars a grade "on all counts" is of (2014–2019: effectiveness, efficiency, legitimacy).
PILLARS: tuple[str, ...] = ("effectiveness", "efficiency", "legitimacy")

# A sentence about fire and rescue services, which the inspectorate grades in the same words:
# it states no police force's grade ("'requires improvement' at keeping people safe from fire").
# (not the inspectorate's own name: "Inspectorate of Constabulary and Fire & Rescue Services").
NOT_POLICING_RE = regex.compile(
    r"(?<!constabulary\s+and\s+)\bfire\s+(?:and|&)\s+rescue\b|\bfrom\s+fire\b|\bfire\s+(?:risks?|safety)\b",
    regex.IGNORECASE,
)

# Words that say another force, or forces in general, is the subject ("most forces", "36 forces").
OTHER_FORCES_RE = regex.compile(r"\bforces\b|\bother\s+force\b", regex.IGNORECASE)
# Forces as the scope of a statement after its grade ("investigating crime requires improvement
# across all forces", "in most forces"), not forces it works with ("works well with other forces").
FORCES_SCOPE_RE = regex.compile(
    r"\b(?:in|across|among|amongst|for)\s+(?:(?:all|most|many|some|several|the|other|\d+)\s+)*(?:\w+\s+)?forces\b",
    regex.IGNORECASE,
)

# A month just before a year: the year is a date's ("on 24 July 2025", "in November 2022").
DATED_RE = regex.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s*$",
    regex.IGNORECASE,
)

# "Since the last inspection" dates what follows from then to now: the grade after it is current,
# unless a clause ties it back to that time ("last year, when we judged ...", "in which it was").
SINCE_RE = regex.compile(r"\bsince\s+(?:its|the|our|their)\s+(?:last|previous)\b", regex.IGNORECASE)
PAST_FRAME_RE = regex.compile(
    r"\b(?:when|in\s+which|at\s+which)\s+(?:we|it|they|the\s+\w+|[\w-]+\s+(?:Police|Constabulary))\s+"
    r"(?:was|were|had|judged|rated|graded|assessed|found|considered|received)\b|\bat\s+(?:that|the)\s+time\b",
    regex.IGNORECASE,
)

# A phrase that counts areas instead of naming one ("'adequate' in five areas", "good in all
# areas", "requires improvement in multiple areas"): no one area's grade.
AREA_COUNT_RE = regex.compile(
    r"^\s*(?:all|both|each|every|most|several|many|multiple|some|other|(?P<count>\w+))\s+(?:of\s+(?:the|its)\s+)?"
    r"(?:\w+\s+)?(?:areas|others|categories|pillars|counts)\b",
    regex.IGNORECASE,
)

# What joins a count of areas to the list of them it goes on to give ("in two areas: A and B",
# "in three areas – A, B and C", "in two areas, namely A and B"), or to some of them ("in five of
# the nine areas inspected, including A and B": ``part``).
COUNTED_LIST_LEAD_RE = regex.compile(
    r"""(?:\s+(?:inspected|graded|assessed|of\s+policing))?
    \s*(?:[,:–—(-]|\s)\s*(?:namely|which\s+(?:are|were)|these\s+(?:are|were)|(?P<part>including|among\s+them|such\s+as))?\s*""",
    regex.IGNORECASE | regex.VERBOSE,
)

# Where a statement's own clause ends after the areas it names: a comma, semicolon, dash or "but"
# ("good at A, as it was at our last inspection" says nothing earlier of A).
CLAUSE_END_RE = regex.compile(r"[,;–—]|\s(?:but|whereas|although)\s", regex.IGNORECASE)

# The pillars' words, for what a document says it is about (leadership too: a page that names
# it beside another pillar is about neither alone).
_PILLAR_WORDS = r"(?:effectiveness|efficiency|legitimacy|leadership)"
# What a document says it is about, near its top, when it is about one pillar's inspection
# (2015-2017 published each pillar apart): "PEEL: Police legitimacy 2016", "the efficiency
# inspection", "inspectors considered the force's legitimacy". A grade the force is given there
# with no area named ("The force has been graded as good") is that pillar's.
PILLAR_SCOPE_RE = regex.compile(
    rf"""\bpolice\s+{_PILLAR_WORDS}\s+(?:\(?20\d\d|inspection|assessment|report)
    |\b{_PILLAR_WORDS}\s+(?:inspection|assessment|report)\b
    |\bconsider(?:s|ed|ing)?\s+the\s+(?:force|constabulary|service)['’]s\s+{_PILLAR_WORDS}\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# The pillars a block names, once it says it is about one; the acronym's expansion ("PEEL (police
# effectiveness, efficiency and legitimacy)") names them all and says nothing of scope.
PILLAR_WORD_RE = regex.compile(rf"\b{_PILLAR_WORDS}\b", regex.IGNORECASE)
PEEL_EXPANSION_RE = regex.compile(
    r"\(?\s*police\s+effectiveness,?\s+efficiency,?\s+(?:and\s+)?legitimacy\s*\)?", regex.IGNORECASE
)
# How many blocks from the top say what the document is about.
SCOPE_BLOCKS = 8
