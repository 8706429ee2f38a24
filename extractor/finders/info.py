"""What a document is: whether it is about an inspection at all, its kind, title, force and cycle.

Every decision rests on the inspectorate's conventions (its voice, its cycle names, the way
forces write their own name), never on one sample's sentences. The finders read the whole
document's blocks and return what they find; the ``info`` stage warns about what is unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from extractor.model import Document
from extractor.vocab.cycles import CYCLE_YEARS_RE, PEEL_NAME_RE, cycle_name
from extractor.vocab.documents import (
    ABOUT_INSPECTORATE_RE,
    COMMISSIONER_RE,
    COOKIE_BLOCK_RE,
    INSPECTION_CUE_RE,
    INSPECTORATE_VOICE_RE,
    OWN_FORCE_RE,
    THIRD_FORCE_RE,
    WEB_PAGE_CUE_RE,
)
from extractor.vocab.forces import force_name_pattern, forces
from schemas import DocumentKind, Force, Inspection


def has_inspection_cue(texts: Iterable[str]) -> bool:
    """True when a text that is not about cookies or consent names the inspectorate or an inspection.

    >>> has_inspection_cue(["We use cookies on our inspection pages.", "Opening hours"])
    False
    >>> has_inspection_cue(["HMICFRS inspected the force in 2023."])
    True
    """
    return any(INSPECTION_CUE_RE.search(text) and not COOKIE_BLOCK_RE.search(text) for text in texts)


def _force_scores(document: Document) -> Counter[str]:
    """Force id -> weight of its mentions: heading and early mentions count thrice, the title's five times."""
    pattern, weights = force_name_pattern()
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
    return scores


def find_force(document: Document) -> tuple[Force | None, str | None]:
    """The force the document is about (most weight of mentions), and the name of a runner-up
    named almost as much (the choice is then ambiguous), else None."""
    scores = _force_scores(document)
    if not scores:
        return None, None
    ranked = scores.most_common(2)
    best_id, best = ranked[0]
    rival = None
    if len(ranked) > 1 and ranked[1][1] >= 0.6 * best:
        rival = next(f.name for f in forces() if f.id == ranked[1][0])
    force = next(f for f in forces() if f.id == best_id)
    return Force(id=force.id, name=force.name), rival


def find_inspection(document: Document) -> Inspection | None:
    """The PEEL cycle the document is about: first named in a heading, else the most named."""
    heading_hits: list[str] = []
    counts: Counter[str] = Counter()
    for block in document.blocks:
        for peel in PEEL_NAME_RE.finditer(block.text):
            window = block.text[max(0, peel.start() - 40) : peel.end() + 40]
            for match in CYCLE_YEARS_RE.finditer(window):
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
        return None
    slug = "peel-" + regex.sub(r"[^0-9]+", "-", chosen).strip("-")
    return Inspection(programme="PEEL", cycle=chosen, id=slug)


def find_kind(document: Document) -> DocumentKind:
    """inspection_report, inspection_web_page, force_response, pcc_scrutiny_report or other."""
    text = document.text
    if len(WEB_PAGE_CUE_RE.findall(text)) >= 1 and document.format.value != "pdf":
        return DocumentKind.INSPECTION_WEB_PAGE
    voice = len(INSPECTORATE_VOICE_RE.findall(text))
    about = len(ABOUT_INSPECTORATE_RE.findall(text))
    if voice >= 3 and voice >= about:
        return DocumentKind.INSPECTION_REPORT
    own = len(OWN_FORCE_RE.findall(text))
    third = len(THIRD_FORCE_RE.findall(text))
    # Forces write "the Force" with a capital about themselves; others write "the force".
    if about and own >= 5 and own > third:
        return DocumentKind.FORCE_RESPONSE
    if about and len(COMMISSIONER_RE.findall(text)) >= 2:
        return DocumentKind.PCC_SCRUTINY_REPORT
    if voice >= 3:
        return DocumentKind.INSPECTION_REPORT
    return DocumentKind.OTHER


def find_title(document: Document) -> str | None:
    """The reader's title (HTML <title>, PDF metadata), else the first heading."""
    if document.title:
        return document.title
    return next((block.text for block in document.blocks[:20] if block.is_heading), None)
