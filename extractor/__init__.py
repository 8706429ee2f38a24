"""peel-extract: HMICFRS PEEL inspection reports to validated, normalized JSON.

>>> from extractor import extract
>>> report = extract("samples/004_6a5c3d0be53c8a20.txt")
>>> report.document.force.name, report.document.inspection.cycle
('Kent Police', '2025–27')

The names below are loaded when first asked for (``extractor.extract`` imports every stage and
its patterns), so a command that extracts nothing (``--help``, ``schema``) does not load them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from extractor.version import __version__

if TYPE_CHECKING:
    from extractor.api import extract, load_document, run_document
    from extractor.errors import ExtractionError
    from schemas import Report

__all__ = ["ExtractionError", "Report", "__version__", "extract", "load_document", "run_document"]

# Where each name lives.
_HOMES = {
    "extract": "extractor.api",
    "load_document": "extractor.api",
    "run_document": "extractor.api",
    "ExtractionError": "extractor.errors",
    "Report": "schemas",
}


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
