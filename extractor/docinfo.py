"""Document info: what kind of document it is, which force, which inspection cycle.

Every decision rests on the inspectorate's conventions (its voice, its cycle names,
the way forces write their own name), never on one sample's sentences.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from extractor.document import Document
from schemas import DocumentInfo, DocumentKind, Force, Inspection, Warning


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
    raw = json.loads(resources.files("extractor").joinpath("data/forces.json").read_text("utf-8"))
    return tuple(
        ForceDef(f["id"], f["name"], tuple(f["aliases"]), tuple(f["places"]), f["kind"])
        for f in raw["forces"]
    )


@lru_cache(maxsize=1)
def _force_pattern() -> tuple[regex.Pattern[str], dict[str, tuple[str, float]]]:
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


def find_force(document: Document) -> tuple[Force | None, list[Warning]]:
    """The force the document is about: most weight of mentions, early and heading mentions first."""
    pattern, weights = _force_pattern()
    scores: Counter[str] = Counter()
    for position, block in enumerate(document.blocks):
        boost = 3.0 if block.is_heading or position < 8 else 1.0
        for match in pattern.finditer(block.text):
            key = regex.sub(r"\s+", " ", match.group(0)).lower()
            if key not in weights:
                continue
            force_id, weight = weights[key]
            scores[force_id] += weight * boost
    if document.title:
        for match in pattern.finditer(document.title):
            force_id, weight = weights.get(regex.sub(r"\s+", " ", match.group(0)).lower(), ("", 0))
            if force_id:
                scores[force_id] += 5 * weight
    if not scores:
        return None, [Warning(code="unknown-force", message="no police force is named in the document")]
    ranked = scores.most_common(2)
    best_id, best = ranked[0]
    warnings: list[Warning] = []
    if len(ranked) > 1 and ranked[1][1] >= 0.6 * best:
        other = next(f.name for f in forces() if f.id == ranked[1][0])
        warnings.append(
            Warning(
                code="ambiguous-force",
                message=f"several forces are named; chose the most prominent, also named: {other}",
            )
        )
    force = next(f for f in forces() if f.id == best_id)
    return Force(id=force.id, name=force.name), warnings


# Cycles as the inspectorate names them, and the spellings reports use for each.
_CYCLE_RE = regex.compile(
    r"""(?<![\d/])
        (?P<y1>20(?:1[4-9]|2\d))                  # first year
        (?:\s*(?:[–—/-]|\sto\s)\s*(?:20)?(?P<y2>\d\d)(?!\d))?   # optional second year
    """,
    regex.VERBOSE,
)
_PEEL_NEAR_RE = regex.compile(
    r"PEEL|police\s+effectiveness,\s+efficiency\s+and\s+legitimacy", regex.IGNORECASE
)


def cycle_name(first: int, second: int | None) -> str | None:
    """The inspectorate's name for a cycle from its years, or None if no such cycle.

    >>> cycle_name(2023, 25), cycle_name(2021, 22), cycle_name(2017, None), cycle_name(2018, 19)
    ('2023–25', '2021/22', '2017', '2018/19')
    >>> cycle_name(2020, None) is None
    True
    """
    if second is None:
        if 2014 <= first <= 2017:
            return str(first)
        if first == 2018:
            return "2018/19"
        return None
    span = (second - first % 100) % 100
    if first == 2018 and span == 1:
        return "2018/19"
    if first == 2021 and span == 1:
        return "2021/22"
    if first in (2023, 2025) and span == 2:
        return f"{first}–{second:02d}"
    return None


def find_inspection(document: Document) -> tuple[Inspection | None, list[Warning]]:
    """The PEEL cycle the document is about: first named in a heading, else the most named."""
    heading_hits: list[str] = []
    counts: Counter[str] = Counter()
    for block in document.blocks:
        for peel in _PEEL_NEAR_RE.finditer(block.text):
            window = block.text[max(0, peel.start() - 40) : peel.end() + 40]
            for match in _CYCLE_RE.finditer(window):
                y2 = int(match.group("y2")) if match.group("y2") else None
                cycle = cycle_name(int(match.group("y1")), y2)
                if cycle is None:
                    continue
                counts[cycle] += 1
                if block.is_heading or block is document.blocks[0]:
                    heading_hits.append(cycle)
                break
    if heading_hits:
        chosen = heading_hits[0]
    elif counts:
        chosen = counts.most_common(1)[0][0]
    else:
        return None, [Warning(code="unknown-cycle", message="no PEEL inspection cycle is named")]
    slug = "peel-" + regex.sub(r"[^0-9]+", "-", chosen).strip("-")
    return Inspection(programme="PEEL", cycle=chosen, id=slug), []


# Cues of each kind of document, by the voice it is written in.
_WEB_CUES = regex.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content|last\s+updated\s+\d|questions\s+for\s+(?:effectiveness|efficiency|legitimacy))",
    regex.IGNORECASE | regex.MULTILINE,
)
_INSPECTORATE_VOICE = regex.compile(
    r"\b(?:we\s+found|our\s+inspection|we\s+reviewed|we\s+examined|we\s+inspected|in\s+this\s+section\s+we|"
    r"hm\s+inspector|his\s+majesty['’]s\s+inspector|our\s+judge?ments|we\s+make\s+graded\s+judge?ments)\b",
    regex.IGNORECASE,
)
_ABOUT_INSPECTORATE = regex.compile(
    r"\b(?:HMICFRS|the\s+inspectorate|the\s+report|the\s+inspection)\b", regex.IGNORECASE
)
_COMMISSIONER = regex.compile(
    r"\b(?:PCC|OPCC|police\s+(?:and|&)\s+crime\s+commissioner|police,\s+fire\s+and\s+crime\s+commissioner|"
    r"commissioner['’]s)\b",
    regex.IGNORECASE,
)
_OWN_FORCE = regex.compile(r"\b[Tt]he\s+Force\b")
_THIRD_FORCE = regex.compile(r"\b[Tt]he\s+force\b")


def find_kind(document: Document) -> DocumentKind:
    """inspection_report, inspection_web_page, force_response, pcc_scrutiny_report or other."""
    text = document.text
    if len(_WEB_CUES.findall(text)) >= 1 and document.format.value != "pdf":
        return DocumentKind.INSPECTION_WEB_PAGE
    voice = len(_INSPECTORATE_VOICE.findall(text))
    about = len(_ABOUT_INSPECTORATE.findall(text))
    if voice >= 3 and voice >= about:
        return DocumentKind.INSPECTION_REPORT
    own = len(_OWN_FORCE.findall(text))
    third = len(_THIRD_FORCE.findall(text))
    # Forces write "the Force" with a capital about themselves; others write "the force".
    if about and own >= 5 and own > third:
        return DocumentKind.FORCE_RESPONSE
    if about and len(_COMMISSIONER.findall(text)) >= 2:
        return DocumentKind.PCC_SCRUTINY_REPORT
    if voice >= 3:
        return DocumentKind.INSPECTION_REPORT
    return DocumentKind.OTHER


def find_title(document: Document) -> str | None:
    """The reader's title (HTML <title>, PDF metadata), else the first heading."""
    if document.title:
        return document.title
    return next((block.text for block in document.blocks[:20] if block.is_heading), None)


def document_info(document: Document) -> tuple[DocumentInfo, list[Warning]]:
    """Kind, title, force and inspection of a document, with warnings for what is unknown."""
    force, warnings = find_force(document)
    inspection, more = find_inspection(document)
    kind = find_kind(document)
    if kind is DocumentKind.OTHER:
        more.append(Warning(code="unknown-kind", message="could not tell what kind of document this is"))
    info = DocumentInfo(kind=kind, title=find_title(document), force=force, inspection=inspection)
    return info, warnings + more
