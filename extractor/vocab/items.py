"""Phrasing of items stated outside their parts: lists that running text introduces, causes of
concern stated in prose, and the words that make an item an earlier inspection's.

The items stage reads these through :mod:`extractor.finders.items`; a new wording is an entry here.
"""

from __future__ import annotations

import regex

# The item nouns a sentence may introduce a list of, by the report list the items go to.
# "cause for concern" is everyday English ("no cause for concern"), not the inspectorate's term.
LIST_NOUNS: tuple[tuple[str, str], ...] = (
    (r"\bAFIs?\b|\bareas?\s+for\s+improvement\b", "areas_for_improvement"),
    (r"\bcauses?\s+of\s+concern\b", "causes_of_concern"),
    (r"\brecommendations?\b", "recommendations"),
)

# A sentence that hands over to the list after it ends in a colon, perhaps with a dash: "the
# identified areas for improvement are: –", "three causes of concern, which were that the force:".
LIST_INTRO_END_RE = regex.compile(r":\s*[–—-]?\s*$")

# What may stand between the item noun and the colon when the items are what the colon hands
# over: nothing ("the areas for improvement are:"), a relative or copular clause ("causes of
# concern, which were that the force:", "AFIs identified were:"). Not a new main clause ("the 19
# AFIs identified, there will be the following tiers of scrutiny:" lists something else).
LIST_INTRO_TAIL_RE = regex.compile(
    r"""^\s*(?:\(AFIs?\))?
    (?:\s*,?\s*(?:which|that|these|they|as\s+follows)\b[^,;:]*
      |\s+(?:are|were|is|was|include[sd]?|included|identified|made|set\s+out|raised|issued)\b[^,;:]*)?
    \s*:\s*[–—-]?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)

# A numbered paragraph of a list written as paragraphs: "1. The force needs to ...", "2) ...".
NUMBERED_ITEM_RE = regex.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?=\S)")

# A cause of concern stated in a sentence of its own: "The force's handling of calls is a cause
# of concern", "its approach to vetting remains a cause of concern". Not a negated one ("is no
# longer a cause of concern", "is not a cause of concern").
CAUSE_STATED_RE = regex.compile(
    r"""\b(?:is|was|remains|remained|has\s+become|became|constitutes|amounts\s+to)\s+
    (?:(?:a|an|one|our|the)\s+)?(?:(?:significant|serious|specific|continuing|further|new)\s+)?
    cause\s+of\s+concern\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
# A subject that only points back ("This is a cause of concern"): the sentence before says what.
POINTING_SUBJECT_RE = regex.compile(r"^\s*(?:this|that|it|these|those)\b", regex.IGNORECASE)

# The words that state a cause of concern named in the sentence before: "One of them was about
# engaging with the public. This was that the force doesn't adequately engage ...".
CAUSE_THAT_RE = regex.compile(
    r"^\s*(?:this|it|the\s+(?:first|second|third|other)?\s*cause\s+of\s+concern|that\s+cause\s+of\s+concern)"
    r"\s+(?:was|is)\s+that\b",
    regex.IGNORECASE,
)
CAUSE_NOUN_RE = regex.compile(r"\bcauses?\s+of\s+concern\b", regex.IGNORECASE)

# A document that revisits an earlier inspection's items: its causes of concern and AFIs are
# that inspection's, restated (a "cause of concern revisit letter", "we reviewed progress").
REVISIT_RE = regex.compile(
    r"\brevisit(?:ed|s|ing)?\b|\breviewed\s+(?:the\s+force['’]s\s+)?progress\b"
    r"|\bprogress\s+(?:against|on|in\s+addressing)\s+(?:this|these|the|its)\s+(?:causes?\s+of\s+concern|AFIs?)\b",
    regex.IGNORECASE,
)

# "Since our last inspection, ..." dates what follows from the earlier inspection: the items a
# sentence so opened introduces are this inspection's (the words are set aside before the cues).
SINCE_EARLIER_RE = regex.compile(
    r"\bsince\s+(?:our|the|its)\s+(?:last|previous|earlier|prior|20\d\d)\s+(?:\w+\s+)?"
    r"(?:inspection|assessment|PEEL|visit|report)s?\b",
    regex.IGNORECASE,
)
