"""Whether a document is about PEEL at all, or about another programme that grades with the same words.

Decided at document level from what the text is about: the cues of each other programme
(:data:`extractor.vocab.programmes.PROGRAMMES`) against PEEL's own (its name, the PEEL areas its
headings and text name, the police forces it names, which count for less against a programme
that inspects police forces too), the opening counting twice. A PEEL report that
mentions a fire service or crime data integrity in passing stays PEEL; a text that names no
PEEL cue and only years before PEEL began is an earlier regime's assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractor.model import Block
from extractor.vocab.areas import areas, match_area, normalise_title
from extractor.vocab.forces import force_name_matches, force_name_pattern
from extractor.vocab.programmes import (
    AREA_SCAN_CHARS,
    AREAS_SHARED_WITH_OTHER_PROGRAMMES,
    FIRST_PEEL_YEAR,
    FORCE_WEIGHT_POLICE_PROGRAMME,
    MIN_AREA_PHRASE_CHARS,
    MIN_PROGRAMME_CUES,
    NEUTRAL_NAMES_RE,
    OPENING_BLOCKS,
    OPENING_WEIGHT,
    PEEL_CUE_RE,
    PROGRAMMES,
    YEAR_RE,
    Programme,
)
from extractor.vocab.search import occurs


@dataclass(frozen=True)
class OtherProgramme:
    """The programme a document is about instead of PEEL, and why: its cues against PEEL's."""

    name: str
    why: str  # "9 cues against 2 of PEEL"

    def reason(self) -> str:
        """'it is about a custody inspection (9 cues against 2 of PEEL)'."""
        return f"it is about {self.name} ({self.why})"


@dataclass
class _Tally:
    programmes: dict[str, float]
    peel: float = 0.0  # PEEL's cues: its name, headings naming an area, the areas named
    named: float = 0.0  # PEEL named as such
    forces: float = 0.0


def _compiled() -> list[tuple[Programme, regex.Pattern[str]]]:
    return [(p, regex.compile(p.cues, regex.IGNORECASE)) for p in PROGRAMMES]


_PROGRAMME_RES = _compiled()


@lru_cache(maxsize=1)
def _area_phrases() -> tuple[tuple[str, str], ...]:
    """(normalised title, area id) of the PEEL areas' longer titles, pillars and crime recording left
    out (fire inspections have pillars too; crime recording is the crime data integrity programme's)."""
    phrases = {
        (normalise_title(name), area.id)
        for area in areas()
        if area.id not in AREAS_SHARED_WITH_OTHER_PROGRAMMES
        for name in area.names()
        if not name.endswith("?")
    }
    return tuple(sorted((p, i) for p, i in phrases if len(p) >= MIN_AREA_PHRASE_CHARS))


def _areas_named(texts: Sequence[tuple[str, bool, float]]) -> int:
    """How many PEEL areas the opening of the text names by one of their titles
    ("investigating crime", "responding to the public"): a PEEL text names several."""
    text = f" {normalise_title(' '.join(t for t, _, _ in texts)[:AREA_SCAN_CHARS])} "
    return len({area_id for phrase, area_id in _area_phrases() if f" {phrase} " in text})


def _tally(texts: Sequence[tuple[str, bool, float]]) -> _Tally:
    """Weighted counts of each programme's cues, PEEL's (its name, area headings, the areas it
    names) and the police forces named."""
    _, weights = force_name_pattern()
    tally = _Tally({p.name: 0.0 for p in PROGRAMMES})
    for text, is_heading, weight in texts:
        # occurs(): most blocks hold no cue, and it says so sooner than the patterns themselves.
        if occurs(NEUTRAL_NAMES_RE, text):
            text = NEUTRAL_NAMES_RE.sub(" ", text)
        for programme, cue in _PROGRAMME_RES:
            if occurs(cue, text):
                tally.programmes[programme.name] += weight * len(cue.findall(text))
        if occurs(PEEL_CUE_RE, text):
            tally.named += weight * len(PEEL_CUE_RE.findall(text))
        if is_heading and match_area(text) is not None:
            tally.peel += weight  # a heading that names a PEEL area or pillar
        for match in force_name_matches(text):
            _, force_weight = weights.get(regex.sub(r"\s+", " ", match.group(0)).lower(), ("", 0.0))
            tally.forces += weight * force_weight
    tally.peel += tally.named + _areas_named(texts)
    return tally


def find_other_programme(blocks: Sequence[Block], title: str | None = None) -> OtherProgramme | None:
    """The other programme the blocks are about, or None when they may be PEEL.

    >>> from extractor.model import BlockKind
    >>> from schemas import Span
    >>> page = [Block(BlockKind.PARAGRAPH, t, Span(line=n)) for n, t in enumerate([
    ...     "Inspection of Kent Fire and Rescue Service",
    ...     "The service is good at preventing fires and requires improvement at protection.",
    ...     "Kent Fire and Rescue Service should improve how it looks after its people."], 1)]
    >>> find_other_programme(page).name
    'a fire and rescue service inspection'
    >>> find_other_programme(page[:1] + [Block(BlockKind.PARAGRAPH, "Kent Police PEEL 2023–25: the "
    ...     "force is good at preventing crime and shares a building with the fire service.", Span(line=2))])
    """
    weighted: list[tuple[str, bool, float]] = []
    if title:
        weighted.append((title, True, float(OPENING_WEIGHT)))
    for position, block in enumerate(blocks):
        weight = OPENING_WEIGHT if position < OPENING_BLOCKS else 1
        weighted.append((block.text, block.is_heading, float(weight)))
    tally = _tally(weighted)
    for programme in PROGRAMMES:
        cues = tally.programmes[programme.name]
        force_weight = FORCE_WEIGHT_POLICE_PROGRAMME if programme.inspects_police else 1.0
        peel = tally.peel + force_weight * tally.forces
        if cues < MIN_PROGRAMME_CUES:
            continue
        if programme.needs_no_force:
            # A methodology page is all about PEEL: what tells it is that it grades no force.
            if not tally.forces:
                return OtherProgramme(programme.name, f"{cues:g} cues, and no police force named")
            continue
        if cues > peel:
            return OtherProgramme(programme.name, f"{cues:g} cues against {peel:g} of PEEL")
    return _before_peel(weighted, tally)


def _before_peel(weighted: Sequence[tuple[str, bool, float]], tally: _Tally) -> OtherProgramme | None:
    """An earlier regime's assessment: no PEEL cue, and every year the text names is before PEEL began."""
    if tally.named:
        return None
    years = [int(year) for text, _, _ in weighted for year in YEAR_RE.findall(text)]
    if not years or max(years) >= FIRST_PEEL_YEAR:
        return None
    return OtherProgramme(
        "an assessment from before PEEL began", f"no PEEL named, and no year after {max(years)}"
    )
