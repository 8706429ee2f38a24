"""How running text names areas in a list: "at preventing crime, investigating crime and managing offenders".

A grade word's scope is often a list of areas, written before it ("A, B and C were judged
adequate") or after it ("good at A and B"). The words that join the names of a list, and the
words that may stand before a name without being part of it, are here; the names themselves
(titles, aliases and running-text mentions) are in ``data/areas.json``.
"""

from __future__ import annotations

import regex

_I = regex.IGNORECASE | regex.VERBOSE

# What separates the names of a list: ", ", "; ", " and ", ", and ", " & ", " as well as ",
# and a spaced dash or bracket that closes an aside ("- A, B and C - with five others").
LIST_SEPARATOR_RE = regex.compile(
    r"""
    \s*(?:,|;|:|\s[–—-]\s|[()])\s*(?:(?:and|or)\s+)?   # a comma, semicolon, dash or bracket, "and"
  | \s+(?:and|or|&|as\s+well\s+as)\s+                   # " and ", " & "
    """,
    _I,
)

# A separator that ends a list read backwards from its verb: the clause before a semicolon is
# another statement ("outstanding in its understanding of demand; its use of resources is good").
CLAUSE_BREAK_RE = regex.compile(r";")

# Words that may stand before a list's first name ("good in six areas – A, B ...", "rated 'good'
# in areas such as A", "in respect of A", "for both A and B", "in three others – A, B and C").
LIST_LEAD_RE = regex.compile(
    r"""(?:\s*(?:
        (?:respect|relation|regards?|terms)\s+(?:of|to)\b       # "in respect of", "in relation to"
      | (?:the\s+)?(?:\w+\s+)?(?:other\s+)?(?:areas?|others|aspects?)\s*[–—:-]\s*   # "six areas –"
      | (?:the\s+)?(?:areas?|aspects?)\s+(?:such\s+as|of|including|like)\b
      | (?:both|all\s+of|all|each\s+of|either)\b
    ))+""",
    _I,
)

# Words that may stand before any name of a list without being part of it: quotes, a
# determiner or possessive, "how it" / "the way it" before a verb ("how the force protects
# vulnerable people"), "its work in", "its effectiveness at", "in particular".
ITEM_LEAD_RE = regex.compile(
    r"""(?:\s*(?:
        ['‘’"“”]
      | (?:both|also|then|either|all|each|particularly|especially|notably|including)\b
      | in\s+particular\b
      | (?:in\s+)?how\s+(?:well\s+|effectively\s+)?(?:and\s+when\s+)?
        (?:it|the\s+force|the\s+constabulary)(?:\s+is)?\b
      | (?:aspects\s+of\s+)?the\s+way\s+(?:in\s+which\s+)?(?:it|the\s+force|the\s+constabulary)\b
      | (?:its\s+)?(?:work|performance)\s+(?:in|on|at)\b
      | (?:its\s+)?(?:effectiveness|efficiency)\s+(?:at|in)\b
      | (?:the\s+)?(?:force|constabulary)['’]s\b                # "the force's use of resources"
      | \p{Lu}[\p{L}&-]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&-]*)*['’]s\b   # "Kent Police's"
      | (?:its|their|our|the)\b(?=\s+\S)
    )[\s,]*)+""",
    _I,
)

# Words after a list's last name that are not part of it: quotes, "which were all".
ITEM_TAIL_RE = regex.compile(
    r"""[\s'‘’"“”.,;:)]*(?:,?\s*(?:which|being)(?:\s+(?:were|was|are|is))?(?:\s+all)?)?\s*$""", _I
)

# A word that opens the clause a list read backwards stands in ("while preventing crime was
# good", "but investigating crime requires improvement"): the list starts after it.
CLAUSE_OPENER_RE = regex.compile(
    r"\s*(?:while|whilst|whereas|but|and|although|though|however|with|where|so|yet|that|except|apart\s+from)\b[\s,]*",
    _I,
)

# What may stand just before a name read backwards whose item holds other words ("work needs
# to be done in treating the public fairly ...", "its effectiveness at investigating crime"):
# a preposition, determiner, conjunction or quote. Anything else ("the force's approach to A")
# means the words before are the subject, and the name is not one.
NAME_LEAD_RE = regex.compile(
    r"""(?:^|(?:\b(?:in|at|for|on|that|while|whilst|whereas|but|and|its|our|their|the|with|where|overall)
          # "its management and scrutiny of criminal investigations", not a measure of one ("the
          # quality of crime investigation is good" grades the quality, a finding)
          |(?<!\b(?:quality|standard|level|number|proportion|rate|percentage|timeliness)\s+)\bof
          |\bhow(?:\s+and\s+when)?\s+(?:it|the\s+force|the\s+constabulary)  # "how and when it records crime"
          |['‘’"“”,;:(–—-]))\s*$""",
    _I,
)

# A lone verb of a distributive list ("preventing and investigating crime" = preventing crime
# and investigating crime).
BARE_VERB_RE = regex.compile(r"^\p{L}+ing$", regex.IGNORECASE)

# Words that read as a verb, not a name ("protects vulnerable people", "records crime"): a
# judgment takes the taxonomy's title instead of such words.
VERB_LED_RE = regex.compile(r"^\p{Ll}+(?<!s)s\b")

# A bracketed short form inside a list ("tackling anti-social behaviour (ASB) and keeping people
# safe"): read as if it were not there, so the name around it stays whole.
SHORT_FORM_RE = regex.compile(r"\s*\(\p{Lu}{2,6}\)")
