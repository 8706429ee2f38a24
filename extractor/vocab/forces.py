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
    names = sorted(weights, key=len, reverse=True)
    parts = []
    for name in names:
        escaped = regex.escape(name).replace(r"\ ", r"\s+")
        if name.isalpha() and len(name) <= 4:  # short forms: MPS, GMP, the Met's "met" is not here
            parts.append(f"(?-i:{regex.escape(name.upper())})")
        else:
            parts.append(escaped)
    pattern = regex.compile(r"(?<![\p{L}-])(?:" + "|".join(parts) + r")(?![\p{L}-])", regex.IGNORECASE)
    return pattern, weights


def force_ids_in(text: str) -> set[str]:
    """The ids of the forces ``text`` names, by a name, an alias or a place name."""
    pattern, weights = force_name_pattern()
    found = (weights.get(regex.sub(r"\s+", " ", m.group(0)).lower()) for m in pattern.finditer(text))
    return {hit[0] for hit in found if hit is not None}


def names_of(force_id: str | None) -> list[str]:
    """Names a force goes by (its name, aliases and place names); [] for None or an unknown id."""
    force = next((f for f in forces() if f.id == force_id), None)
    return [] if force is None else [force.name, *force.aliases, *force.places]
