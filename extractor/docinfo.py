"""Document info: what kind of document it is, which force, which inspection cycle.

Every decision rests on the inspectorate's conventions (its voice, its cycle names,
the way forces write their own name), never on one sample's sentences.
"""

from __future__ import annotations

from collections import Counter

import regex

from extractor.errors import warning
from extractor.model import Document
from extractor.vocab.cycles import CYCLE_YEARS_RE, PEEL_NAME_RE, cycle_name
from extractor.vocab.forces import force_name_pattern, forces
from schemas import DocumentInfo, DocumentKind, Force, Inspection, Warning


def find_force(document: Document) -> tuple[Force | None, list[Warning]]:
    """The force the document is about: most weight of mentions, early and heading mentions first."""
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
    if not scores:
        return None, [warning("unknown-force", "no police force is named in the document")]
    ranked = scores.most_common(2)
    best_id, best = ranked[0]
    warnings: list[Warning] = []
    if len(ranked) > 1 and ranked[1][1] >= 0.6 * best:
        other = next(f.name for f in forces() if f.id == ranked[1][0])
        warnings.append(
            warning(
                "ambiguous-force",
                f"several forces are named; chose the most prominent, also named: {other}",
            )
        )
    force = next(f for f in forces() if f.id == best_id)
    return Force(id=force.id, name=force.name), warnings


def find_inspection(document: Document) -> tuple[Inspection | None, list[Warning]]:
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
        return None, [warning("unknown-cycle", "no PEEL inspection cycle is named")]
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
        more.append(warning("unknown-kind", "could not tell what kind of document this is"))
    info = DocumentInfo(kind=kind, title=find_title(document), force=force, inspection=inspection)
    return info, warnings + more
