"""Outputs: each serialises ``schemas.Report``s in one format, through the one interface of :mod:`.base`.

Outputs never see the inputs, the document model or the stages: they take reports (a run's, or
read back from their JSON) and write files. A new format is one module here with an
:class:`~extractor.outputs.base.Output` (a ``RunOutput`` when it covers the whole run), named
in :data:`FOLDER_OUTPUTS` if every batch run should write it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.outputs.base import Output, Run, RunOutput, write_reports
    from extractor.outputs.csv import Summaries
    from extractor.outputs.html import Overview
    from extractor.outputs.index import RunIndex
    from extractor.outputs.json import ReportFiles
    from extractor.outputs.sqlite import Database

# Where each name lives: loaded when first asked for, so that one output's command ('diff',
# 'report') does not load every other output's libraries (Jinja2, SQLite) on its way in.
_HOMES = {
    "Output": "base",
    "Run": "base",
    "RunOutput": "base",
    "write_reports": "base",
    "Summaries": "csv",
    "Overview": "html",
    "RunIndex": "index",
    "ReportFiles": "json",
    "Database": "sqlite",
}


def __getattr__(name: str) -> Any:
    """A public name on first use (PEP 562); FOLDER_OUTPUTS is what every batch run writes."""
    if name == "FOLDER_OUTPUTS":
        # What every batch run writes into its folder, in the order they finish: a JSON per
        # report the moment it arrives, then the index and the CSVs. The database (``--db``)
        # and the overview (the ``report`` command) are opened by whoever wants them.
        value: Any = (__getattr__("ReportFiles"), __getattr__("RunIndex"), __getattr__("Summaries"))
    elif name in _HOMES:
        value = getattr(import_module(f"extractor.outputs.{_HOMES[name]}"), name)
    else:
        raise AttributeError(f"module 'extractor.outputs' has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "FOLDER_OUTPUTS",
    "Database",
    "Output",
    "Overview",
    "ReportFiles",
    "Run",
    "RunIndex",
    "RunOutput",
    "Summaries",
    "write_reports",
]
