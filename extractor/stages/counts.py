"""Stage ``counts``: the numbers of items the document states, checked against the items it sets out.

The finder is pure (:mod:`extractor.finders.counts`); this stage decides which blocks to
read (not the table of contents, not a bare page counter), ties each count to its area,
leaves out an earlier inspection's counts, and warns where a stated AFI count disagrees
with the AFIs set out.
"""

from __future__ import annotations

from collections import Counter

import regex

from extractor.errors import warning
from extractor.finders.counts import CountMatch, find_counts, is_earlier_cycle
from extractor.finders.sentences import sentence_of
from extractor.model import Extraction
from extractor.pipeline import stage
from extractor.vocab.areas import normalise_title, strip_title_decorations
from schemas import CountOf, SectionKind, StatedCount


def _area_named_in(ex: Extraction, sentence: str) -> str | None:
    """The area whose section heading the sentence names ('... treating people fairly ... no AFIs')."""
    folded = normalise_title(sentence)
    for node in ex.all_sections():
        if node.kind is SectionKind.AREA and node.area_id:
            name = normalise_title(strip_title_decorations(node.title))
            if len(name) >= 12 and name in folded:
                return node.area_id
    return None


def stated_counts(ex: Extraction) -> list[StatedCount]:
    """Every current count of items, one per (what, area, number); restatements are merged.

    A count in an area section belongs to that area, unless it equals the sum of the
    per-area counts stated before it (then it is the document's total, area null). A
    count outside any area belongs to an area its sentence names, else to the whole
    document. Counts of an earlier inspection are left out.
    """
    cycle = ex.info.inspection.cycle if ex.info and ex.info.inspection else None
    counts: list[StatedCount] = []
    for index, block in ex.body_blocks():
        for match in find_counts(block.text):
            sentence = sentence_of(block.text, match.start, match.end)
            if is_earlier_cycle(sentence, cycle):
                continue
            area_id = ex.area_at(index) or _area_named_in(ex, sentence)
            area_id = _total_or_area(
                counts, match, area_id, block.text[max(0, match.start - 20) : match.start]
            )
            if any((c.of, c.area_id, c.count) == (match.of, area_id, match.count) for c in counts):
                continue  # the same count stated again ("(1 AFI)" then "One AFI was identified")
            counts.append(
                StatedCount(
                    of=match.of,
                    area_id=area_id,
                    count=match.count,
                    text=match.text,
                    span=block.span_at(match.start),
                )
            )
    return counts


def _total_or_area(
    counts: list[StatedCount], match: CountMatch, area_id: str | None, before: str
) -> str | None:
    """None when a count in an area is really the document's total, else the area.

    It is the total when the area already states another count and this one is the
    sum of every area's count so far, or is definite ("against the 19 AFIs").
    """
    if area_id is None:
        return None
    per_area = {c.area_id: c.count for c in counts if c.of is match.of and c.area_id is not None}
    own = per_area.get(area_id)
    if own is None or own == match.count:
        return area_id
    definite = bool(regex.search(r"\b(?:the|all|all\s+the|total\s+of)\s+$", before, regex.IGNORECASE))
    if definite or (len(per_area) >= 2 and sum(per_area.values()) == match.count):
        return None
    return area_id


def check_counts_against_items(ex: Extraction, counts: list[StatedCount]) -> None:
    """Warn where a stated AFI count differs from the number of AFIs the document sets out.

    An area's count is checked when the area sets any AFI out (many responses state a
    number without naming the AFIs). A whole-document total is checked when it is the
    sum of the per-area counts or no per-area count is stated; otherwise it totals some
    other report the document summarises.
    """
    items = [item for item in ex.areas_for_improvement or [] if item.earlier is None]  # this inspection's
    if not items:
        return
    afi_counts = [c for c in counts if c.of is CountOf.AREAS_FOR_IMPROVEMENT]
    per_area_stated = [c.count for c in afi_counts if c.area_id is not None]
    per_area_listed = Counter(item.area_id for item in items)
    for count in afi_counts:
        if count.area_id is None:
            if per_area_stated and sum(per_area_stated) != count.count:
                message = (
                    f"the document states {_afis(count.count)} in all ('{count.text}') but its per-area "
                    f"counts add up to {sum(per_area_stated)}; it may total another report"
                )
                ex.warnings.append(warning("afi-count-mismatch", message, count.span, count.text))
                continue
            listed = len(items)
        else:
            listed = per_area_listed.get(count.area_id, 0)
            if listed == 0:
                continue
        if listed != count.count:
            where = f"area {count.area_id!r}" if count.area_id else "the whole document"
            verb = "is" if listed == 1 else "are"
            message = f"{where} states {_afis(count.count)} ('{count.text}') but {listed} {verb} set out"
            ex.warnings.append(warning("afi-count-mismatch", message, count.span, count.text))


def _afis(n: int) -> str:
    """'1 AFI', '4 AFIs': warnings read as the report would say it."""
    return f"{n} AFI" if n == 1 else f"{n} AFIs"


@stage("counts", requires=("info", "sections", "areas_for_improvement"), assigns=("stated_counts",))
def counts_stage(ex: Extraction) -> None:
    """Assign the stated counts, and warn where counts and listed AFIs disagree."""
    ex.stated_counts = stated_counts(ex)
    check_counts_against_items(ex, ex.stated_counts)
