"""The front door: read a file into the document model, run the stages, assemble the validated report."""

from __future__ import annotations

from pathlib import Path

import extractor.stages  # noqa: F401  (importing the stages registers them with the pipeline)
from extractor.canonical import Canonical, build, ground_results, section_ends
from extractor.errors import NotAnInspectionDocument
from extractor.finders.info import has_inspection_cue
from extractor.model import Document, Extraction, SectionNode
from extractor.pipeline import run_stages
from extractor.readers import DEFAULT_MAX_BYTES, read_document
from extractor.version import __version__
from schemas import RESULT_FIELDS, InputFormat, Report, Section, SectionKind, Source


def load_document(
    path: str | Path,
    data: bytes | None = None,
    *,
    engine: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    fmt: InputFormat | str | None = None,
) -> Document:
    """Read a file (or its bytes) into the document model without running any stage.

    ``engine``: the PDF engine, "pdfium" (the default) or "pdfplumber" (the reference).
    ``max_bytes``: how far an archive (a DOCX) may unpack before it is refused as ``too-large``.
    ``fmt``: read it as this format ("pdf", "text", "markdown", "html", "docx") whatever its content.
    """
    return read_document(path, data, engine=engine, max_bytes=max_bytes, fmt=fmt)


def run_document(document: Document) -> Report:
    """Run every stage on a document and assemble the validated report.

    Raises :class:`~extractor.errors.NotAnInspectionDocument` when the document names no
    PEEL area, no cycle and not the inspectorate: it reads fine but is not about an inspection.
    """
    canon = build(document)
    ex = run_stages(Extraction(document=document, warnings=list(document.warnings)))
    assert ex.info is not None and ex.sections is not None
    has_area = any(node.kind is SectionKind.AREA for node in ex.all_sections())
    texts = (block.text for block in document.blocks)
    if not has_area and ex.info.inspection is None and not has_inspection_cue(texts):
        raise NotAnInspectionDocument(
            document.path, "no inspection content found (no PEEL area, cycle or inspectorate named)"
        )
    ground_results(ex, canon)
    return Report(
        source=Source(
            file=document.path,
            sha256=document.sha256,
            format=document.format,
            pages=document.pages,
            extractor_version=__version__,
            engine=document.engine,
        ),
        document=ex.info,
        sections=[_section(ex, canon, root) for root in ex.sections],
        warnings=ex.warnings,
        **{name: getattr(ex, name) or [] for name in RESULT_FIELDS},
    )


def _section(ex: Extraction, canon: Canonical, node: SectionNode) -> Section:
    """A working section as the output model: its heading's first line, and where its text ends."""
    return Section(
        title=node.title,
        level=node.level,
        kind=node.kind,
        area_id=node.area_id,
        span=ex.blocks[node.start].span,
        children=[_section(ex, canon, child) for child in node.children],
        **section_ends(canon, node.start, node.end),
    )


def extract(
    path: str | Path,
    data: bytes | None = None,
    *,
    engine: str | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    fmt: InputFormat | str | None = None,
) -> Report:
    """Extract one report file into the validated :class:`~schemas.Report` model.

    ``engine`` picks the PDF engine ("pdfium" by default, or "pdfplumber"); ``fmt`` forces the
    input format (by default it is told by content). Raises an
    :class:`~extractor.errors.ExtractionError` subclass with a stable ``code`` when the file
    cannot be read as an inspection document (``file-not-found`` for a missing path, also a
    ``FileNotFoundError``; ``too-large`` for an archive that unpacks past ``max_bytes``), and
    ValueError for an unknown engine or format.
    """
    return run_document(load_document(path, data, engine=engine, max_bytes=max_bytes, fmt=fmt))
