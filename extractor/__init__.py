"""peel-extract: HMICFRS PEEL inspection reports to validated, normalized JSON.

>>> from extractor import extract
>>> report = extract("samples/004_6a5c3d0be53c8a20.txt")
>>> report.document.force.name, report.document.inspection.cycle
('Kent Police', '2025–27')
"""

from extractor.api import extract, load_document, run_document
from extractor.errors import ExtractionError
from extractor.version import __version__
from schemas import Report

__all__ = ["ExtractionError", "Report", "__version__", "extract", "load_document", "run_document"]
