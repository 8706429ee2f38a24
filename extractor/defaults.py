"""Defaults the command line shows before it loads anything: the PDF engines, a file's time limit.

They live here, in a module that imports nothing, so that ``peel-extract --help`` can print them
without loading the readers, the batch and the pydantic models behind them; the modules that use
them (:mod:`extractor.readers.pdf.engine`, :mod:`extractor.batch`) import them from here.
"""

from __future__ import annotations

ENGINES: dict[str, str] = {
    "pdfium": "extractor.readers.pdf.pdfium",
    "pdfplumber": "extractor.readers.pdf.plumber",
}
"""Engine name -> module. pdfplumber (pdfminer) is the reference the pdfium engine is held to."""
DEFAULT_ENGINE = "pdfium"

DEFAULT_TIMEOUT = 300.0
"""Seconds one file may take; generous, as a long PDF on a slow shared machine takes a minute."""
