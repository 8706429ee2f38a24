"""Stage ``items``: areas for improvement, causes of concern, recommendations, innovative practice.

Two sources, in document order:

- **Parts**: a part heading ("Areas for improvement", "Cause of concern",
  "Recommendations", "Innovative practice") opens a part by position (see
  :mod:`extractor.stages.sections`); each heading beneath it is one item whose text runs to
  the next heading, and a part without headings gives one item per bullet (or per
  sentence-ending paragraph), a paragraph ending in ":" keeping the bullets after it.
- **Running text**, as forces' responses and commissioners' reports write it:
  "The report identifies one area for improvement (AFI) which centres around ...",
  "Four AFIs were identified which focused on A, B, C and D" (one item per named AFI),
  "... was highlighted as innovative", "1. By 14 June 2024, chief constables should ...".
  An AFI only mentioned ("in line with the AFI") or from an earlier inspection is no item.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from extractor.finders.counts import is_earlier_cycle
from extractor.finders.items import (
    AFI_CUE_RE,
    INNOVATIVE_CUE_RE,
    find_stated_afis,
    innovative_label,
    part_label,
    recommendation_fields,
)
from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.headings import SINGULAR_PART_RE
from schemas import ITEM_FIELDS, Item, SectionKind

# Section kinds of parts and the item list their items go to (each part's kind is named as its list).
PART_LISTS: dict[SectionKind, str] = {SectionKind(name): name for name in ITEM_FIELDS}

_BULLET_RE = regex.compile(r"^\s*[·•▪◦●‣∙]\s*")
_TERMINAL_RE = regex.compile(r"[.:;!?…][\"'”’)]*\d{0,3}\s*$")  # a PDF footnote mark may follow
# A recommendation asks someone to act; a paragraph without these words is no recommendation.
_DIRECTIVE_RE = regex.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|(?:is|are)\s+required\s+to|will\s+need\s+to)\b", regex.I
)


# -- parts ---------------------------------------------------------------------------------


def _is_prose(block: Block) -> bool:
    """A block that can hold an item's words (not a table cell, caption or page number)."""
    if block.kind in (BlockKind.TABLE_ROW, BlockKind.CAPTION):
        return False
    return len(regex.findall(r"\p{L}{2,}", block.text)) >= 3


def _part_items(ex: Extraction, part: SectionNode) -> list[Item]:
    """The items of one part: one per heading beneath it, else one per bullet or paragraph."""
    area_id = ex.area_at(part.start)
    blocks = ex.blocks
    if part.children:
        return [_headed_item(blocks, child, area_id) for child in part.children]
    groups = _paragraph_groups(blocks[part.start + 1 : part.end])
    if groups and SINGULAR_PART_RE.match(part.title):
        groups = [[block for group in groups for block in group]]  # "Cause of concern": one item
    if part.kind is SectionKind.RECOMMENDATIONS:
        groups = [group for group in groups if _DIRECTIVE_RE.search(group[0].text)]
    return [
        Item(area_id=area_id, title=None, text="\n".join(b.text for b in group), span=group[0].span)
        for group in groups
    ]


def _headed_item(blocks: list[Block], heading: SectionNode, area_id: str | None) -> Item:
    """A part's item headed by its own heading: the title, then the prose beneath it."""
    body = [b.text for b in blocks[heading.start + 1 : heading.end] if _is_prose(b)]
    return Item(
        area_id=area_id,
        title=heading.title,
        text="\n".join([heading.title, *body]),
        span=blocks[heading.start].span,
    )


def _paragraph_groups(blocks: list[Block]) -> list[list[Block]]:
    """A part's blocks grouped one item a group: a bullet or a sentence-ending paragraph opens one.

    A paragraph ending in ":" keeps the bullets after it, and a paragraph starting in lower case
    continues the item before it.
    """
    groups: list[list[Block]] = []
    for block in blocks:
        furniture = block.kind in (BlockKind.TABLE_ROW, BlockKind.CAPTION)
        if furniture or not regex.search(r"\p{L}{2}", block.text):
            continue
        bullet = block.kind is BlockKind.LIST_ITEM or bool(_BULLET_RE.match(block.text))
        introduced = bool(groups) and groups[-1][0].text.rstrip().endswith(":") and bullet
        continued = bool(groups) and not bullet and block.text.lstrip()[:1].islower()
        if introduced or continued:
            groups[-1].append(block)
        elif _is_prose(block) and (bullet or _TERMINAL_RE.search(block.text)):
            groups.append([block])
    return groups


def _with_recommendation_fields(item: Item) -> Item:
    """The item with the number, deadline and addressee its wording states."""
    fields = recommendation_fields(item.text)
    return item.model_copy(
        update={"number": fields.number, "deadline": fields.deadline, "addressee": fields.addressee}
    )


# -- running text --------------------------------------------------------------------------


def _running_afis(ex: Extraction, index: int, block: Block, cycle: str | None) -> list[Item]:
    """The AFIs a block's sentences name after stating their number (not an earlier cycle's)."""
    if not AFI_CUE_RE.search(block.text):
        return []  # cheap test first: most blocks mention no AFI, and sentencizing costs time
    items = []
    for start, sentence in sentences(block.text):
        if is_earlier_cycle(sentence, cycle):
            continue
        for topic in find_stated_afis(sentence):
            offset = block.text.find(topic, start)
            span = block.span_at(offset if offset >= 0 else start)
            items.append(Item(area_id=ex.area_at(index), title=None, text=topic, span=span))
    return items


def _running_innovative(ex: Extraction, index: int, block: Block) -> list[Item]:
    """One item per sentence of a block that credits practice as innovative or promising."""
    if not INNOVATIVE_CUE_RE.search(block.text):
        return []
    items = []
    for start, sentence in sentences(block.text):
        label = innovative_label(sentence)
        if label:
            text = sentence.strip()
            items.append(
                Item(area_id=ex.area_at(index), title=None, text=text, span=block.span_at(start), label=label)
            )
    return items


def _running_recommendation(ex: Extraction, index: int) -> Item | None:
    """A numbered or deadline-led recommendation paragraph, with the bullets its ':' introduces."""
    block = ex.blocks[index]
    fields = recommendation_fields(block.text)
    if fields.deadline is None:
        return None
    lines = [fields.text]
    if block.text.rstrip().endswith(":"):
        for follower in ex.blocks[index + 1 :]:
            if not (follower.kind is BlockKind.LIST_ITEM or _BULLET_RE.match(follower.text)):
                break
            lines.append(follower.text)
    return Item(
        area_id=ex.area_at(index),
        title=None,
        text="\n".join(lines),
        span=block.span,
        number=fields.number,
        deadline=fields.deadline,
        addressee=fields.addressee,
    )


def collect_items(ex: Extraction) -> tuple[dict[str, list[Item]], list[SectionNode]]:
    """All items of the document by list name, in document order, and the parts that gave none."""
    lists: dict[str, list[tuple[int, Item]]] = {name: [] for name in PART_LISTS.values()}
    in_part: set[int] = set()
    empty: list[SectionNode] = []
    parts = [node for node in ex.all_sections() if node.kind in PART_LISTS]
    for part in parts:
        found = _items_of_part(ex, part)
        lists[PART_LISTS[part.kind]].extend((part.start, item) for item in found)
        if found:
            in_part.update(range(part.start, part.end))
        else:
            empty.append(part)
    _attach_recommendations_to_causes(ex, parts, lists)
    _add_running_items(ex, lists, in_part)
    ordered = {name: [item for _, item in sorted(found, key=lambda p: p[0])] for name, found in lists.items()}
    return ordered, empty


def _items_of_part(ex: Extraction, part: SectionNode) -> list[Item]:
    """A part's items with what their kind adds: a recommendation's fields, a practice's label."""
    found = _part_items(ex, part)
    if part.kind is SectionKind.RECOMMENDATIONS:
        found = [_with_recommendation_fields(item) for item in found]
    label = part_label(part.title)
    if part.kind is SectionKind.INNOVATIVE_PRACTICE and label:
        found = [item.model_copy(update={"label": label}) for item in found]
    return found


def _add_running_items(ex: Extraction, lists: dict[str, list[tuple[int, Item]]], in_part: set[int]) -> None:
    """Items in running text outside the parts: AFIs and practice only where no part sets them out."""
    cycle = ex.info.inspection.cycle if ex.info and ex.info.inspection else None
    has_afi_part = bool(lists["areas_for_improvement"])
    has_innovative_part = bool(lists["innovative_practice"])
    for index, block in enumerate(ex.blocks):
        if index in in_part or block.is_heading or block.kind is BlockKind.TABLE_ROW:
            continue
        if not has_afi_part:
            lists["areas_for_improvement"].extend((index, i) for i in _running_afis(ex, index, block, cycle))
        if not has_innovative_part:
            lists["innovative_practice"].extend((index, i) for i in _running_innovative(ex, index, block))
        recommendation = _running_recommendation(ex, index)
        if recommendation is not None:
            lists["recommendations"].append((index, recommendation))


def _attach_recommendations_to_causes(
    ex: Extraction, parts: list[SectionNode], lists: dict[str, list[tuple[int, Item]]]
) -> None:
    """A cause of concern keeps the recommendations that follow it in the same area."""
    for cause, following in pairwise(parts):
        if (
            cause.kind is not SectionKind.CAUSES_OF_CONCERN
            or following.kind is not SectionKind.RECOMMENDATIONS
        ):
            continue
        if following.start != cause.end or ex.area_at(cause.start) != ex.area_at(following.start):
            continue
        causes = [pair for pair in lists["causes_of_concern"] if pair[0] == cause.start]
        recs = [item for start, item in lists["recommendations"] if start == following.start]
        if causes and recs:
            start, last = causes[-1]
            joined = "\n".join([last.text, ex.blocks[following.start].text, *(r.text for r in recs)])
            lists["causes_of_concern"][lists["causes_of_concern"].index(causes[-1])] = (
                start,
                last.model_copy(update={"text": joined}),
            )


@stage("items", requires=("sections",), assigns=ITEM_FIELDS)
def items_stage(ex: Extraction) -> None:
    """Assign the document's items and warn when an item part sets out nothing."""
    lists, empty_parts = collect_items(ex)
    for part in empty_parts:
        ex.warn(
            "empty-item-part",
            f"the part '{part.title}' sets out no item that could be read"
            " (no heading, bullet or sentence paragraph)",
            ex.blocks[part.start],
        )
    for name in ITEM_FIELDS:
        setattr(ex, name, lists[name])
