"""The front door: read a file, run the stages, return the validated report model."""

from __future__ import annotations

from pathlib import Path

import regex

# Importing the stage modules registers their stages.
from extractor import findings, items, judgments, sections  # noqa: F401
from extractor.docinfo import document_info
from extractor.document import Document
from extractor.errors import NotAnInspectionDocument
from extractor.pipeline import Extraction, run_stages, stage
from extractor.readers import read_document
from extractor.version import __version__
from schemas import Report, SectionKind, Source

STAGE_ORDER: tuple[str, ...] = ("info", "sections", "judgments", "items", "findings")

_INSPECTION_CUE = regex.compile(
    r"HMIC|inspectorate|\bPEEL\b|police\s+effectiveness|inspection", regex.IGNORECASE
)


# A cookie wall or consent notice names what the site holds ("our inspection reports"):
# its blocks are no evidence that the document is an inspection.
_COOKIE_BLOCK = regex.compile(r"\bcookies?\b|\bconsent\b|\bprivacy\s+(?:notice|policy)\b", regex.IGNORECASE)


def _has_inspection_cue(document: Document) -> bool:
    """True when a block that is not about cookies or consent names the inspectorate or an inspection."""
    return any(
        _INSPECTION_CUE.search(block.text) and not _COOKIE_BLOCK.search(block.text)
        for block in document.blocks
    )


@stage("info", assigns=("info",))
def info_stage(ex: Extraction) -> None:
    """Kind, title, force and cycle of the document."""
    info, warnings = document_info(ex.document)
    ex.info = info
    ex.warnings.extend(warnings)


def load_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read a file (or its bytes) into the document model without running any stage."""
    return read_document(path, data)


def run_document(document: Document) -> Report:
    """Run every stage on a document and assemble the validated report."""
    ex = Extraction(document=document, warnings=list(document.warnings))
    run_stages(ex, STAGE_ORDER)
    assert ex.info is not None and ex.sections is not None
    has_area = any(node.kind is SectionKind.AREA for node in ex.all_sections())
    if not has_area and ex.info.inspection is None and not _has_inspection_cue(document):
        raise NotAnInspectionDocument(
            document.path, "no inspection content found (no PEEL area, cycle or inspectorate named)"
        )
    report = Report(
        source=Source(
            file=document.path,
            sha256=document.sha256,
            format=document.format,
            pages=document.pages,
            extractor_version=__version__,
        ),
        document=ex.info,
        judgments=ex.judgments or [],
        sections=[sections.to_schema(ex, root) for root in ex.sections],
        areas_for_improvement=ex.areas_for_improvement or [],
        causes_of_concern=ex.causes_of_concern or [],
        recommendations=ex.recommendations or [],
        innovative_practice=ex.innovative_practice or [],
        stated_counts=ex.stated_counts or [],
        findings=ex.findings or [],
        warnings=ex.warnings,
    )
    # Round-trip through validation so every nested model is checked as a whole.
    return Report.model_validate(report.model_dump())


def extract(path: str | Path, data: bytes | None = None) -> Report:
    """Extract one report file into the validated :class:`~schemas.Report` model.

    Raises an :class:`~extractor.errors.ExtractionError` subclass with a stable ``code``
    when the file cannot be read as an inspection document.
    """
    return run_document(load_document(path, data))
