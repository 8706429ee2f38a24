"""Vocabulary of the inspectorate's reports, as ordered, commented data.

Stages import these tuples instead of spelling phrases inline, so a new wording
is added in one place. Patterns are built longest first where order matters.
"""

from __future__ import annotations

import regex

# Grade words of the five-tier scale (2021/22 on) and the four-tier scale (2014-2019,
# which lacks "adequate"). "requires improvement" comes before any shorter phrase so
# the longer phrase wins in an alternation.
GRADE_WORDS: tuple[tuple[str, str], ...] = (
    ("requires improvement", "requires_improvement"),
    ("require improvement", "requires_improvement"),
    ("outstanding", "outstanding"),
    ("inadequate", "inadequate"),
    ("adequate", "adequate"),
    ("good", "good"),
)

# Words that say an area is explicitly not graded.
UNGRADED_WORDS: tuple[str, ...] = ("ungraded", "not graded", "not-graded", "no graded judgment")

# A line that is nothing but a grade label ("Good", "Requires improvement", "Ungraded").
BARE_GRADE_RE = regex.compile(
    r"^\s*\(?(?:requires?\s+improvement|outstanding|inadequate|adequate|good|ungraded|not\s+graded)\)?\s*$",
    regex.IGNORECASE,
)

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


# Number words as reports write them (up to a hundred by composition).
_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * index for index, word in enumerate(_TENS)})
NUMBER_WORDS.update({"no": 0, "none": 0, "a": 1, "an": 1, "single": 1, "hundred": 100})


def parse_number(word: str) -> int | None:
    """Read '28', 'twenty-eight', 'Six' or 'one hundred' as an int; None if it is no number.

    >>> parse_number("twenty-eight"), parse_number("Six"), parse_number("1,024"), parse_number("x")
    (28, 6, 1024, None)
    """
    text = word.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    parts = regex.split(r"[\s-]+", text)
    if parts == ["one", "hundred"] or parts == ["a", "hundred"]:
        return 100
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[1:10]:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    if len(parts) == 1 and parts[0] in NUMBER_WORDS and parts[0] not in {"a", "an", "no", "none"}:
        return NUMBER_WORDS[parts[0]]
    return None
