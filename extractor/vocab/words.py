"""English word endings, for matching a word with its other forms ("strengthen", "strengthened")."""

from __future__ import annotations

# Common suffixes, longest first within each family so the longer ending is tried first.
SUFFIXES: tuple[str, ...] = (
    "ations",
    "ation",
    "ions",
    "ion",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ed",
    "es",
    "ly",
    "s",
    "e",
)


def stems(word: str, min_stem: int = 5) -> set[str]:
    """The word and every form of it without one suffix, keeping at least ``min_stem`` letters.

    >>> sorted(stems("collaborates"))
    ['collaborat', 'collaborate', 'collaborates']
    """
    found = {word}
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            found.add(word[: -len(suffix)])
    return found


def stem(word: str, min_stem: int = 4) -> str:
    """The word without its first (longest) suffix that leaves ``min_stem`` letters.

    >>> stem("investigations"), stem("reviewed"), stem("case")
    ('investig', 'review', 'case')
    """
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            return word[: -len(suffix)]
    return word
