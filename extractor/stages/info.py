"""Stage ``info``: the document's kind, title, force and cycle, warning about what is unknown."""

from __future__ import annotations

from extractor.finders.info import find_force, find_inspection, find_kind, find_title
from extractor.model import Extraction
from extractor.pipeline import stage
from schemas import DocumentInfo, DocumentKind


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
        ex.warn("unknown-kind", "could not tell what kind of document this is")
    ex.info = DocumentInfo(kind=kind, title=find_title(ex.document), force=force, inspection=inspection)
