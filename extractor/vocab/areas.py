"""The areas of policing PEEL grades: one canonical id per area across cycles.

The data lives in ``data/areas.json``; this module normalises titles and matches a
heading (or a table cell, or a phrase in a sentence) to an area id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

from extractor.vocab.grades import TITLE_GRADE_TAIL_RE

# Leading section numbers: "3.1 ", "4. ", "(a) ".
_NUMBER_RE = regex.compile(r"^\s*(?:\(?\d+(?:\.\d+)*\)?\.?|\([a-z]\))\s+")


@dataclass(frozen=True)
class AreaDef:
    """One canonical area with every title it goes by."""

    id: str
    title: str
    aliases: tuple[str, ...]
    cycles: tuple[str, ...]
    titles: tuple[tuple[str, str], ...] = ()  # (cycle, the inspectorate's title in that cycle)
    short_titles: tuple[tuple[str, str], ...] = ()  # (cycle, the short name its pages give the area)
    mentions: tuple[str, ...] = ()  # regexes for running text that names the area
    note: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every title the area goes by: canonical, per cycle, and aliases."""
        return (self.title, *(title for _, title in self.titles), *self.aliases)


# Words written split or hyphenated that a title compares joined, and what else folds to a space.
_JOINED_WORDS: tuple[tuple[regex.Pattern[str], str], ...] = tuple(
    (regex.compile(rf"\b{first}[\s-]+{second}\b"), first + second)
    for first, second in (
        ("anti", "social"),
        ("re", "offending"),
        ("well", "being"),
        ("counter", "corruption"),
    )
)
_NOT_WORD_RE = regex.compile(r"[^\p{L}\p{N}' ]+")
_SPACES_RE = regex.compile(r"\s+")


def normalise_title(text: str) -> str:
    """Fold a title for comparison: case, quotes, '&', 'anti-social', punctuation, spaces.

    >>> normalise_title("Preventing Crime & Anti-Social Behaviour")
    'preventing crime and antisocial behaviour'
    """
    text = text.lower().replace("’", "'").replace("&", " and ")
    for pattern, joined in _JOINED_WORDS:
        text = pattern.sub(joined, text)
    text = _NOT_WORD_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


def strip_title_decorations(title: str) -> str:
    """Drop a leading section number and a trailing grade / AFI-count tail.

    >>> strip_title_decorations("Responding to the Public – Requires Improvement (4 AFIs)")
    'Responding to the Public'
    >>> strip_title_decorations("3.1 Crime data integrity (Outstanding)")
    'Crime data integrity'
    """
    title = _NUMBER_RE.sub("", title)
    return TITLE_GRADE_TAIL_RE.sub("", title).strip()


@lru_cache(maxsize=1)
def areas() -> tuple[AreaDef, ...]:
    """All canonical areas from ``data/areas.json``."""
    raw = json.loads(resources.files("extractor.vocab").joinpath("data/areas.json").read_text("utf-8"))
    return tuple(
        AreaDef(
            id=entry["id"],
            title=entry["title"],
            aliases=tuple(entry["aliases"]),
            cycles=tuple(entry.get("cycles", ())),
            titles=tuple(entry.get("titles", {}).items()),
            short_titles=tuple(entry.get("short_titles", {}).items()),
            mentions=tuple(entry.get("mentions", ())),
            note=entry.get("note"),
        )
        for entry in raw["areas"]
    )


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    """Normalised alias -> area id."""
    index: dict[str, str] = {}
    for area in areas():
        for alias in area.names():
            index.setdefault(normalise_title(alias), area.id)
    return index


def area_by_id(area_id: str) -> AreaDef | None:
    """The area with this id, or None."""
    return next((area for area in areas() if area.id == area_id), None)


def match_area(title: str) -> str | None:
    """The canonical id of an area heading or label, or None when it names no known area.

    Matches whole titles only (after dropping numbering and grade tails), so a finding
    heading such as "The force protects vulnerable people" is not taken for an area.
    A title that ends with an alias after a run-together prefix (Word conversions such as
    "HMICFRS PEEL Inspection 2021/22Victim service assessment") matches too.

    >>> match_area("Preventing, Deterring Crime and ASB and Reducing Vulnerability – Good (1 AFI)")
    'preventing_crime'
    >>> match_area("Safeguarding children and adults at risk of harm")
    'protecting_vulnerable_people'
    >>> match_area("The force safeguards children and adults at risk of harm") is None
    True
    """
    key = normalise_title(strip_title_decorations(title))
    if not key:
        return None
    index = _alias_index()
    if key in index:
        return index[key]
    # Run-together prefix from a conversion: "...2021/22victim service assessment". An alias
    # the key ends with ends with the key's last 12 characters: only those are tried.
    for alias, area_id in _suffix_index().get(key[-_SUFFIX_CHARS:], ()):
        if key.endswith(alias) and _RUN_ON_PREFIX_RE.search(key[: -len(alias)]):
            return area_id
    # Words broken or misspelt by PDF conversion: allow a small edit distance on long titles.
    if len(key) >= _FUZZY_MIN_CHARS:
        for area_id, fuzzy in _fuzzy_patterns(len(key)):
            if fuzzy.fullmatch(key):
                return area_id
    return None


# The shortest alias matched after a run-together prefix, and the words such a prefix ends with.
_SUFFIX_CHARS = 12
_RUN_ON_PREFIX_RE = regex.compile(r"(?:peel|inspection|\d)\s*$")
# The shortest title (and alias) read with up to two letters wrong.
_FUZZY_MIN_CHARS = 16


@lru_cache(maxsize=1)
def _suffix_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Aliases of 12 characters or more by their last 12, longest first (the first that fits wins)."""
    index: dict[str, list[tuple[str, str]]] = {}
    for alias, area_id in sorted(_alias_index().items(), key=lambda kv: -len(kv[0])):
        if len(alias) >= _SUFFIX_CHARS:
            index.setdefault(alias[-_SUFFIX_CHARS:], []).append((alias, area_id))
    return {tail: tuple(entries) for tail, entries in index.items()}


@lru_cache(maxsize=512)
def _fuzzy_patterns(length: int) -> tuple[tuple[str, regex.Pattern[str]], ...]:
    """The id and two-edit pattern of each long alias within 3 characters of ``length``, in the
    index's order (the first that fits wins); each pattern compiled once."""
    return tuple(
        (area_id, _fuzzy_pattern(alias))
        for alias, area_id in _alias_index().items()
        if len(alias) >= _FUZZY_MIN_CHARS and abs(len(alias) - length) <= 3
    )


@cache
def _fuzzy_pattern(alias: str) -> regex.Pattern[str]:
    return regex.compile(f"(?:{regex.escape(alias)}){{e<=2}}")


# A title run together with what precedes it in a Word conversion:
# "HMICFRS PEEL Inspection 2021/22Victim service assessment".
_RUN_TOGETHER_RE = regex.compile(r"^.*?(?:PEEL|[Ii]nspection|\d)[\s\d/–-]*(?<=[\d/])(?=\p{Lu}\p{Ll})")


def area_title(title: str) -> str:
    """The area's name as a heading writes it, without numbering, grade tail or run-together prefix.

    >>> area_title("Investigating Crime – Requires Improvement (3 AFIs)")
    'Investigating Crime'
    >>> area_title("HMICFRS PEEL Inspection 2021/22Victim service assessment")
    'Victim service assessment'
    """
    bare = strip_title_decorations(title)
    tail = _RUN_TOGETHER_RE.sub("", bare)
    if tail != bare and match_area(tail) is not None:
        return tail
    return bare


@lru_cache(maxsize=1)
def _mention_patterns() -> tuple[tuple[regex.Pattern[str], str], ...]:
    """Compiled running-text mentions, with their area id."""
    return tuple(
        (regex.compile(rf"\b(?:{pattern})\b", regex.IGNORECASE), area.id)
        for area in areas()
        for pattern in area.mentions
    )


def find_area_mentions(text: str) -> list[str]:
    """Area ids whose running-text mentions occur in ``text``, in order of first mention.

    >>> find_area_mentions("Although our victim service assessment is ungraded, it informs the rest")
    ['victim_service']
    >>> find_area_mentions("how effective a service Essex Police gives to victims of crime")
    ['victim_service']
    """
    hits: dict[str, int] = {}
    for pattern, area_id in _mention_patterns():
        match = pattern.search(text)
        if match and (area_id not in hits or match.start() < hits[area_id]):
            hits[area_id] = match.start()
    return sorted(hits, key=hits.__getitem__)
