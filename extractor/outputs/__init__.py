"""Outputs: each serialises ``schemas.Report``s in one format, through the one interface of :mod:`.base`.

Outputs never see the inputs, the document model or the stages: they take reports (a run's, or
read back from their JSON) and write files. A new format is one module here with an
:class:`~extractor.outputs.base.Output` (a ``RunOutput`` when it covers the whole run), named
in :data:`FOLDER_OUTPUTS` if every batch run should write it.
"""

from __future__ import annotations

from extractor.outputs.base import Output, Run, RunOutput, write_reports
from extractor.outputs.csv import Summaries
from extractor.outputs.html import Overview
from extractor.outputs.index import RunIndex
from extractor.outputs.json import ReportFiles
from extractor.outputs.sqlite import Database

# What every batch run writes into its folder, in the order they finish: a JSON per report the
# moment it arrives, then the index and the CSVs. The database (``--db``) and the overview
# (the ``report`` command) are opened by whoever wants them.
FOLDER_OUTPUTS: tuple[type[Output], ...] = (ReportFiles, RunIndex, Summaries)

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
