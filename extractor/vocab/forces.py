"""The police forces the inspectorate reports on, and every name that names each.

The data lives in ``data/forces.json``: a force's canonical name, its other names
(strong evidence) and its place names (weak evidence).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex


@dataclass(frozen=True)
class ForceDef:
    """A force with the names that name it (strong) and its place names (weak)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    places: tuple[str, ...]
    kind: str


@lru_cache(maxsize=1)
def forces() -> tuple[ForceDef, ...]:
    """All forces from ``data/forces.json``."""
    raw = json.loads(resources.files("extractor.vocab").joinpath("data/forces.json").read_text("utf-8"))
    return tuple(
        ForceDef(f["id"], f["name"], tuple(f["aliases"]), tuple(f["places"]), f["kind"])
        for f in raw["forces"]
    )


@lru_cache(maxsize=1)
def force_name_pattern() -> tuple[regex.Pattern[str], dict[str, tuple[str, float]]]:
    """One alternation of every name, longest first, and name -> (force id, weight)."""
    weights: dict[str, tuple[str, float]] = {}
    for force in forces():
        for name in (force.name, *force.aliases):
            weights.setdefault(name.lower(), (force.id, 1.0))
        for place in force.places:
            weights.setdefault(place.lower(), (force.id, 0.4))
    return _alternation(tuple(sorted(weights, key=len, reverse=True))), weights


def _alternation(names: tuple[str, ...]) -> regex.Pattern[str]:
    """One pattern of these names (in this order), each a whole word, case aside from short forms."""
    parts = []
    for name in names:
        escaped = regex.escape(name).replace(r"\ ", r"\s+")
        if name.isalpha() and len(name) <= 4:  # short forms: MPS, GMP, the Met's "met" is not here
            parts.append(f"(?-i:{regex.escape(name.upper())})")
        else:
            parts.append(escaped)
    return regex.compile(r"(?<![\p{L}-])(?:" + "|".join(parts) + r")(?![\p{L}-])", regex.IGNORECASE)


_LETTERS_RE = regex.compile(r"\p{L}+")


@lru_cache(maxsize=1)
def _name_words() -> tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]], tuple[str, ...]]:
    """word -> the names holding it, name -> its words (case folded), and the names in the
    pattern's order (longest first)."""
    _, weights = force_name_pattern()
    order = tuple(sorted(weights, key=len, reverse=True))
    words = {name: frozenset(_LETTERS_RE.findall(name.casefold())) for name in order}
    index: dict[str, list[str]] = {}
    for name in order:
        for word in words[name]:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}, words, order


@lru_cache(maxsize=256)
def _pattern_of(names: tuple[str, ...]) -> regex.Pattern[str]:
    return _alternation(names)


def force_name_matches(text: str) -> list[regex.Match[str]]:
    """The matches ``force_name_pattern()[0].finditer(text)`` gives, found without running the
    alternation of every name over every block.

    A name matches only where each of its words stands as a whole word in the text (the pattern
    wants no letter either side of a name, and the name's own spaces and punctuation between
    its words), so only the names whose words the text holds are tried, in the same order: the
    same matches, and most blocks (no name's words) are done after one pass for words.

    >>> [m.group(0) for m in force_name_matches("Kent Police and the Essex force; kentish")]
    ['Kent Police', 'Essex']
    """
    index, name_words, order = _name_words()
    words = set(_LETTERS_RE.findall(text.casefold()))
    candidates = {name for word in words & index.keys() for name in index[word] if name_words[name] <= words}
    if not candidates:
        return []
    return list(_pattern_of(tuple(name for name in order if name in candidates)).finditer(text))


def force_ids_in(text: str) -> set[str]:
    """The ids of the forces ``text`` names, by a name, an alias or a place name."""
    _, weights = force_name_pattern()
    found = (weights.get(regex.sub(r"\s+", " ", m.group(0)).lower()) for m in force_name_matches(text))
    return {hit[0] for hit in found if hit is not None}


def names_of(force_id: str | None) -> list[str]:
    """Names a force goes by (its name, aliases and place names); [] for None or an unknown id."""
    force = next((f for f in forces() if f.id == force_id), None)
    return [] if force is None else [force.name, *force.aliases, *force.places]
