"""Stage ``grids``: the judgments grids, found once for the sections and judgments stages.

A grid (a table under a header of grade words, 'Area | Grade' rows, or the same grid read
one cell a line) lists areas with their grades; its lines open no section and its entries
are judgments' evidence.
"""

from __future__ import annotations

from extractor.finders.grids import find_grids
from extractor.model import Extraction
from extractor.pipeline import stage


@stage("grids", assigns=("grids",))
def grids_stage(ex: Extraction) -> None:
    """Assign the document's grid entries and the blocks its grids cover."""
    ex.grids = find_grids(ex.blocks)
