"""How a finding words what it counts: the audit's framing, filler words, and negation.

``diff`` pairs two reports' "X of Y" findings only when they count the same thing the same
way round. These lists say which words of a finding's clause are the inspectorate's framing
("in our quality service review, we found that ... cases we examined") and so say nothing
about what was counted, and which words turn the count round ("wasn't met", "failed to").
"""

from __future__ import annotations

import regex

# The framing of an audit sentence, removed before the words are compared. Longer phrases
# first; each is a whole phrase so that a measure that uses one of its words keeps it
# ("the risk wasn't reviewed" keeps "reviewed", only "cases we reviewed" loses it).
FRAMING_PHRASES: tuple[str, ...] = (
    # "in our quality service review", "during our victim service assessment", "our review of"
    r"(?:(?:in|during|from|through)\s+)?(?:our|the|this|a)\s+"
    r"(?:(?:quality|victim)\s+service\s+(?:review|assessment)|workforce\s+survey|survey"
    r"|case\s+(?:file\s+)?review|review|audit|inspection|dip\s+sample)(?:\s+of)?",
    # "we (also) found (that)", "we reviewed", "we examined", "that we looked at"
    r"(?:that\s+)?we\s+(?:also\s+)?(?:found|find|reviewed|examined|looked\s+at|assessed|audited|saw"
    r"|checked|sampled|considered)(?:\s+that)?",
    # "there was evidence of / that", "evidence that": the finding is what the evidence showed
    r"(?:there\s+(?:was|were|is)\s+)?(?:some\s+)?evidence\s+(?:of|that)",
    r"relevant",
)
FRAMING_RE = regex.compile(r"\b(?:" + "|".join(FRAMING_PHRASES) + r")\b", regex.IGNORECASE)
# Right after the count ("28 of the 39 cases we examined", "20 cases reviewed"): how the
# cases were looked at, not what was found in them.
AFTER_COUNT_RE = regex.compile(
    r"^\s*(?:that\s+)?(?:we\s+)?(?:have\s+|had\s+)?(?:reviewed|examined|sampled|audited|assessed|checked"
    r"|looked\s+at|dip[\s-]sampled)\b",
    regex.IGNORECASE,
)

# Words that qualify or report a count but are not what was counted ("only 10 of 15",
# "63 percent of respondents said ..."), on top of the general stop words of ``diff``.
FILLER_WORDS: frozenset[str] = frozenset(
    " ".join(
        (
            "only just however also percent per cent said told us about out made found",
            "although though while whereas nearly almost around approximately least half majority",
        )
    ).split()
)

# Words and phrases that make a clause count the opposite ("wasn't met", "didn't ask",
# "failed to record", "without a plan", "no evidence"). A clause with one counts what was NOT
# done; compared only with a clause that also has one.
NEGATION_RE = regex.compile(
    r"""\b(?:not|no|never|none|neither|nor|without|lack(?:ed|s)?\s+(?:of\s+)?|fail(?:ed|s)?\s+to
         |unable\s+to|absent|missing)\b
        |\p{L}n['’]t\b        # wasn't, didn't, hadn't, don't, couldn't
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
# Phrases with a negative word that do not turn the count round: removed before the search.
NOT_NEGATIONS_RE = regex.compile(
    r"\bwithout\s+(?:undue\s+|unnecessary\s+|any\s+)?delay\b|\bnot\s+only\b|\bno\s+later\s+than\b"
    r"|\bno\s+(?:longer|more)\s+than\b",
    regex.IGNORECASE,
)
