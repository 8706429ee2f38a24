"""Stage ``findings``: the "X of Y" proportions the document states ("28 of the 39 cases").

The finder is pure (:mod:`extractor.finders.proportions`); this stage decides which blocks
to read (not the table of contents, not a bare page counter), ties each finding to its area
section and sentence, and warns about one it cannot keep (a part above its whole).
"""

from __future__ import annotations

from extractor.finders.proportions import ProportionMatch, find_proportions
from extractor.finders.sentences import sentence_of
from extractor.model import Block, Extraction
from extractor.pipeline import stage
from schemas import Finding


def proportion_findings(ex: Extraction) -> list[Finding]:
    """Every "X of Y" proportion with its sentence, area and line; ``x > y`` is warned, not kept."""
    found: list[Finding] = []
    for index, block in ex.body_blocks():
        for match in find_proportions(block.text):
            if not _acceptable(ex, block, match):
                continue
            found.append(
                Finding(
                    x=match.x,
                    y=match.y,
                    unit=match.unit,
                    text=match.text,
                    sentence=sentence_of(block.text, match.start, match.end),
                    area_id=ex.area_at(index),
                    span=block.span_at(match.start),
                )
            )
    return found


def _acceptable(ex: Extraction, block: Block, match: ProportionMatch) -> bool:
    """True for a proportion that can be a finding; warns about one whose part exceeds its whole."""
    if match.y <= 0 or match.x > match.y:
        ex.warn(
            "proportion-x-above-y",
            f"'{match.text}' reads as {match.x} of {match.y}; a part cannot exceed its whole: skipped",
            block,
        )
        return False
    return True


@stage("findings", requires=("sections",), assigns=("findings",))
def findings_stage(ex: Extraction) -> None:
    """Assign the document's "X of Y" findings."""
    ex.findings = proportion_findings(ex)
