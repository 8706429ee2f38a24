"""Stage ``info``: the document's kind, title, force and cycle, warning about what is unknown."""

from __future__ import annotations

from extractor.finders.dates import find_published
from extractor.finders.info import (
    cycle_words,
    find_force,
    find_inspection,
    find_kind,
    find_title,
    force_words,
    kind_cues,
)
from extractor.model import Extraction
from extractor.pipeline import stage
from schemas import DocumentInfo, DocumentKind, Quote


def _quotes(ex: Extraction, places: list[tuple[int, int, str]]) -> list[Quote]:
    """The words found at (block index, offset) as quotes with the span of their line."""
    return [Quote(**ex.blocks[i].span_at(offset).model_dump(), text=words) for i, offset, words in places]


def _published(ex: Extraction) -> tuple[str | None, Quote | None]:
    """The publication or 'Last updated' date the text gives the document itself, with its words."""
    for block in ex.blocks:
        found = find_published(block.text)
        if found is not None:
            words = block.text[found.start : found.end]
            return found.iso, Quote(**block.span_at(found.start).model_dump(), text=words)
    return None, None


@stage("info", assigns=("info",))
def info_stage(ex: Extraction) -> None:
    """Kind, title, force and cycle of the document."""
    force, rival = find_force(ex.document)
    if force is None:
        ex.warn("unknown-force", "no police force is named in the document")
    elif rival is not None:
        ex.warn("ambiguous-force", f"several forces are named; chose the most prominent, also named: {rival}")
    inspection = find_inspection(ex.document)
    if inspection is None:
        ex.warn("unknown-cycle", "no PEEL inspection cycle is named")
    kind = find_kind(ex.document)
    if kind is DocumentKind.OTHER:
        first = ex.blocks[0] if ex.blocks else None
        ex.warn(
            "unknown-kind", f"could not tell what kind of document this is: {kind_cues(ex.document)}", first
        )
    if force is not None:
        force.evidence = _quotes(ex, force_words(ex.document, force.id))
    if inspection is not None:
        inspection.evidence = _quotes(ex, cycle_words(ex.document, inspection.cycle))
    published, said = _published(ex)
    ex.info = DocumentInfo(
        kind=kind,
        title=find_title(ex.document),
        force=force,
        inspection=inspection,
        published=published,
        published_evidence=said,
    )
