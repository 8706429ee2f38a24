"""Headings and layout labels of the inspectorate's documents, as ordered, commented data.

Readers and stages import these instead of spelling headings inline, so a new wording is
added in one place. Patterns are built longest first where order matters.
"""

from __future__ import annotations

import regex

from extractor.vocab.grade_lists import PENDING_LABEL_RE
from extractor.vocab.grades import BARE_GRADE_RE

# Headings that open the parts of an area section (and their section kind). Singular
# and plural forms both occur ("Area for improvement" when there is one).
PART_HEADINGS: tuple[tuple[str, str], ...] = (
    (r"areas?\s+for\s+improvement", "areas_for_improvement"),
    (r"causes?\s+(?:of|for)\s+concern", "causes_of_concern"),
    (r"recommendations?", "recommendations"),
    (r"(?:innovative|promising)\s+practices?", "innovative_practice"),
    (r"main\s+findings|(?:our\s+)?(?:detailed\s+)?findings", "main_findings"),
)

# Headings of the report's opening summary (kind "summary").
SUMMARY_HEADINGS: tuple[str, ...] = (
    r"overall\s+summary",
    r"our\s+judge?ments",
    r"(?:hm|his\s+majesty['’]s|her\s+majesty['’]s)\s+inspector['’]s\s+summary",
    r"summary(?:\s+of\s+findings)?",
    r"executive\s+summary",
    r"introduction",
    r"(?:peel\s+)?(?:20\d\d\s*[–/-]\s*(?:20)?\d\d|20\d\d)",
    r"terminology\s+in\s+this\s+report",
    r"important\s+changes\s+to\s+peel",
)

# Headings of the back matter and of other non-area parts (kind "other", top level).
# Once back matter starts after the areas, no later heading opens an area.
BACK_MATTER_HEADINGS: tuple[str, ...] = (
    r"about\s+the\s+data",
    r"methodology",
    r"annex(?:e)?(?:\s+[a-z0-9]+)?",
    r"appendix(?:\s+[a-z0-9]+)?",
    r"glossary",
    r"data\s+sources",
    r"next\s+steps",
)

# Headings of a table of contents.
CONTENTS_HEADINGS: tuple[str, ...] = (r"contents", r"table\s+of\s+contents")

# Every structural heading a plain-text reader may rely on to recognise a heading line.
KNOWN_HEADINGS: tuple[str, ...] = (
    *(pattern for pattern, _ in PART_HEADINGS),
    *SUMMARY_HEADINGS,
    *BACK_MATTER_HEADINGS,
    *CONTENTS_HEADINGS,
    r"leadership",
)


def _whole(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    """Compile alternatives that must match a whole heading (ignoring case and edge punctuation)."""
    body = "|".join(f"(?:{pattern})" for pattern in patterns)
    return regex.compile(rf"^\W*(?:{body})\W*$", regex.IGNORECASE)


KNOWN_HEADING_RE = _whole(KNOWN_HEADINGS)
SUMMARY_RE = _whole(SUMMARY_HEADINGS)
BACK_MATTER_RE = _whole(BACK_MATTER_HEADINGS)
CONTENTS_RE = _whole(CONTENTS_HEADINGS)
PART_RES: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (_whole((pattern,)), kind) for pattern, kind in PART_HEADINGS
)

# A part headed in the singular holds one item, however many paragraphs it runs to.
SINGULAR_PART_RE = _whole((r"area\s+for\s+improvement", r"cause\s+(?:of|for)\s+concern", r"recommendation"))

# A heading that only labels the item after it ("AFI" above each area for improvement's own
# heading, as the inspectorate's findings pages set them out): a marker, not an item.
ITEM_LABEL_RE = _whole(
    (r"AFIs?", r"areas?\s+for\s+improvement", r"causes?\s+(?:of|for)\s+concern", r"recommendations?")
)

# Other top-level headings that open a section of their own (kind "other").
TOP_OTHER_RE = _whole((r"leadership", r"foreword", r"preface", r"about\s+this\s+report"))

# The summary that opens a report ("Summary", "Overall summary"): a later summary heading
# inside it ("Summary of findings") is one of its parts.
OPENING_SUMMARY_RE = _whole((r"(?:overall|executive)?\s*summary",))

# Headings that carry a grade but name no area: an overall verdict, not an area outside the taxonomy.
VERDICT_HEADING_RE = _whole(
    (
        r"overall(?:\s+(?:judge?ment|grade|summary))?",
        r"(?:our\s+)?judge?ments?",
        r"grades?",
        r"grading",
        r"summary",
    )
)


def part_kind(title: str) -> str | None:
    """The section kind of a part heading ('Areas for improvement' -> 'areas_for_improvement').

    >>> part_kind("Area for improvement")
    'areas_for_improvement'
    >>> part_kind("Promising practice")
    'innovative_practice'
    >>> part_kind("The force needs to improve") is None
    True
    """
    for pattern, kind in PART_RES:
        if pattern.match(title):
            return kind
    return None


# The longest line a known part name may be and still be taken for a heading whatever its markup.
KNOWN_HEADING_MAX_CHARS = 60


def is_known_heading(text: str) -> bool:
    """A short line that is a known section or part name ("Areas for improvement"): a heading in any format.

    >>> is_known_heading("Areas for improvement"), is_known_heading("Areas for improvement were set out.")
    (True, False)
    """
    return len(text) <= KNOWN_HEADING_MAX_CHARS and bool(KNOWN_HEADING_RE.match(text))


# A page counter standing as a line of its own: "Page 3 of 12", "3 / 12".
PAGE_COUNTER_RE = regex.compile(r"^\W*(?:page\s+)?\d+\s+(?:of|/)\s+\d+\W*$", regex.IGNORECASE)

# A figure, chart or table caption: "Figure 3: ...", "Table 2 – ...".
CAPTION_RE = regex.compile(r"^(?:figure|chart|table)\s+\d+[a-z]?\s*[:.–-]", regex.IGNORECASE)

# A line printed on its own under a heading as a status label ("Good", "(Not graded)", "To be
# graded"): a layout cue for telling headings in plain text, whatever the label says.
LABEL_LINE_RE = regex.compile(
    f"(?:{BARE_GRADE_RE.pattern})|(?:{PENDING_LABEL_RE.pattern})", regex.I | regex.X
)

# A line of running text broken where the sentence goes on (a file saved with hard line
# breaks): it ends with a word that needs what follows (an article, a preposition, a
# conjunction, a verb wanting its complement) or a comma. No heading or finished sentence ends so.
CONTINUED_LINE_RE = regex.compile(
    r"""(?:,|\b(?:and|or|but|nor|of|the|a|an|to|in|into|for|with|by|at|on|from|as|than|that|which|
    who|whose|its|their|his|her|our|is|are|was|were|be|been|being|has|have|had|not|also|
    requires?|needs?|remains?|very|more|most|both|all|any|each|such|this|these|those))\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)
