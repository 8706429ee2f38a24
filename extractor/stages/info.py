"""Stage ``info``: the document's kind, title, force and cycle."""

from __future__ import annotations

from extractor.docinfo import document_info
from extractor.model import Extraction
from extractor.pipeline import stage


@stage("info", assigns=("info",))
def info_stage(ex: Extraction) -> None:
    """Kind, title, force and cycle of the document."""
    info, warnings = document_info(ex.document)
    ex.info = info
    ex.warnings.extend(warnings)
