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
from extractor.finders.dates import deadline_date
from extractor.finders.items import (
    AFI_CUE_RE,
    INNOVATIVE_CUE_RE,
    cause_in_prose,
    earlier_cycle_named,
    find_stated_afis,
    innovative_label,
    list_intro,
    numbered,
    part_label,
    recommendation_fields,
    strip_number,
)
from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.headings import ITEM_LABEL_RE, SINGULAR_PART_RE
from extractor.vocab.items import CAUSE_NOUN_RE, LIST_INTRO_END_RE, REVISIT_RE, SINCE_EARLIER_RE
from schemas import ITEM_FIELDS, EarlierInspection, Item, SectionKind

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
    """The items of one part: the bulleted list it opens with, else one per heading beneath it
    (a bare label heading such as "AFI" marks the next item, it is none), else one per bullet
    or paragraph."""
    area_id = ex.area_at(part.start)
    blocks = ex.blocks
    children = [child for child in part.children if not ITEM_LABEL_RE.match(child.title)]
    opening = _opening_list(blocks, part)
    if opening is None and children:
        return [_headed_item(blocks, child, area_id) for child in children]
    groups = _paragraph_groups(opening if opening is not None else blocks[part.start + 1 : part.end])
    if groups and SINGULAR_PART_RE.match(part.title):
        groups = [[block for group in groups for block in group]]  # "Cause of concern": one item
    if part.kind is SectionKind.RECOMMENDATIONS:
        groups = [group for group in groups if _DIRECTIVE_RE.search(group[0].text)]
    return [
        Item(area_id=area_id, title=None, text="\n".join(b.text for b in group), span=group[0].span)
        for group in groups
    ]


def _is_bullet(block: Block) -> bool:
    """A list item, as the reader marks it or as a bullet character opens it."""
    return block.kind is BlockKind.LIST_ITEM or bool(_BULLET_RE.match(block.text))


def _opening_list(blocks: list[Block], part: SectionNode) -> list[Block] | None:
    """The blocks of the bulleted list a part opens with (with a paragraph ending ":" that leads
    it in), or None when the part does not open with one.

    2014-19 pages set a question's AFIs out as bullets under "Areas for improvement", then go on
    with "We set out our detailed findings below" and the findings' own headings: only the list
    is the part's items.
    """
    end = part.children[0].start if part.children else part.end
    body = [
        block
        for block in blocks[part.start + 1 : end]
        if block.kind not in (BlockKind.TABLE_ROW, BlockKind.CAPTION)
        and regex.search(r"\p{L}{2}", block.text)
    ]
    if not body:
        return None
    lead = 1 if not _is_bullet(body[0]) and body[0].text.rstrip().endswith(":") else 0
    run = body[:lead]
    for block in body[lead:]:
        if _is_bullet(block) or (len(run) > lead and block.text.lstrip()[:1].islower()):
            run.append(block)
        else:
            break
    return run if len(run) > lead else None


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
        bullet = _is_bullet(block)
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
        update={
            "number": fields.number,
            "deadline": fields.deadline,
            "deadline_date": deadline_date(fields.deadline),
            "addressee": fields.addressee,
        }
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
            if not _is_bullet(follower):
                break
            lines.append(follower.text)
    return Item(
        area_id=ex.area_at(index),
        title=None,
        text="\n".join(lines),
        span=block.span,
        number=fields.number,
        deadline=fields.deadline,
        deadline_date=deadline_date(fields.deadline),
        addressee=fields.addressee,
    )


# -- lists introduced in running text, causes in prose, earlier inspections' items -------------


def _list_after(blocks: list[Block], index: int) -> list[tuple[int, str]]:
    """(block index, text) of each item of the list straight after block ``index``: its bullets
    (a lower-case paragraph continuing the bullet before it), or its paragraphs numbered 1, 2, 3 ...
    (each item its numbered line; the paragraphs between explain it)."""
    members: list[tuple[int, str]] = []
    following = [
        (i, b) for i, b in enumerate(blocks[index + 1 :], index + 1) if regex.search(r"\p{L}{2}", b.text)
    ]
    if not following:
        return members
    if _is_bullet(following[0][1]):
        for i, block in following:
            if _is_bullet(block):
                members.append((i, _LIST_JOINER_RE.sub("", block.text.strip())))
            elif members and block.text.lstrip()[:1].islower() and not block.is_heading:
                members[-1] = (members[-1][0], members[-1][1] + " " + block.text.strip())
            else:
                break
        return members
    expected = 1
    for i, block in following:
        if block.is_heading:
            break
        if numbered(block.text) == expected:
            members.append((i, strip_number(block.text)))
            expected += 1
        elif numbered(block.text) is not None or not members:
            break
    return members


# A list item's joiner to the next: "...at the first point of contact;", "...; and".
_LIST_JOINER_RE = regex.compile(r"\s*[;,]\s*(?:and|or)?\s*$")


def _earlier(context: str, cue: str, cycle: str | None, revisit: str | None) -> EarlierInspection | None:
    """The earlier inspection an item restated from it comes from, or None for a current item.

    An item is an earlier inspection's when the words introducing it say so ("remained from that
    inspection", "the previous AFIs") or the document revisits an earlier inspection's items.
    """
    if is_earlier_cycle(SINCE_EARLIER_RE.sub("", cue), cycle):
        return EarlierInspection(cycle=earlier_cycle_named(context, cycle), text=cue.strip())
    if revisit:
        return EarlierInspection(cycle=earlier_cycle_named(context, cycle), text=revisit)
    return None


def _revisit(ex: Extraction) -> str | None:
    """The words by which the document's title says it revisits an earlier inspection, or None."""
    titles = [ex.info.title] if ex.info and ex.info.title else []
    titles += [block.text for block in ex.blocks[:3] if block.is_heading or block is ex.blocks[0]]
    for title in titles:
        found = REVISIT_RE.search(title)
        if found:
            return title.strip()
    return None


def _introduced_items(ex: Extraction, skip: set[int], revisit: str | None) -> list[tuple[str, int, Item]]:
    """(list name, block index, item) of every list that running text introduces.

    "We identified three causes of concern, which were that the force:" then its bullets; "the
    identified areas for improvement are: –" then paragraphs numbered 1, 2 ...; "One area for
    improvement remained from that inspection." then its bullet. A list that a count introduces
    without a colon keeps only items that ask for action ("The force should ...").
    """
    cycle = ex.info.inspection.cycle if ex.info and ex.info.inspection else None
    found: list[tuple[str, int, Item]] = []
    for index, block in enumerate(ex.blocks):
        if index in skip or not _LIST_CUE_RE.search(block.text):
            continue
        if block.is_heading and not LIST_INTRO_END_RE.search(block.text):
            continue  # a heading is an intro only when it hands over with a colon (plain text can't tell)
        _, last = sentences(block.text)[-1]
        intro = list_intro(last)
        if intro is None:
            continue
        members = _list_after(ex.blocks, index)
        if not intro.colon:
            members = [m for m in members if _DIRECTIVE_RE.search(m[1])]
        if intro.count:
            members = members[: intro.count]
        earlier = _earlier(block.text, last, cycle, revisit) if intro.list_name != "recommendations" else None
        for at, text in members:
            item = Item(
                area_id=ex.area_at(at), title=None, text=text, span=ex.blocks[at].span, earlier=earlier
            )
            found.append((intro.list_name, at, item))
            skip.add(at)
    return found


_LIST_CUE_RE = regex.compile(
    r"\bAFIs?\b|areas?\s+for\s+improvement|causes?\s+of\s+concern|recommendations?", regex.I
)


def _prose_causes(ex: Extraction, skip: set[int], revisit: str | None) -> list[tuple[int, Item]]:
    """(block index, item) of each cause of concern a sentence states ("X's handling of calls is a
    cause of concern"; "... six causes of concern. One of them was about engagement. This was that
    the force doesn't ...": the two sentences before may name the cause)."""
    cycle = ex.info.inspection.cycle if ex.info and ex.info.inspection else None
    found: list[tuple[int, Item]] = []
    previous_block = ""
    for index, block in enumerate(ex.blocks):
        if index in skip or block.is_heading or block.kind is BlockKind.TABLE_ROW:
            previous_block = ""
            continue
        if not CAUSE_NOUN_RE.search(f"{previous_block}\n{block.text}"):  # cheap test before sentences
            previous_block = block.text
            continue
        recent = [s for _, s in sentences(previous_block)][-2:] if previous_block else []
        for start, sentence in sentences(block.text):
            before = " ".join(recent)
            how = cause_in_prose(sentence, before)
            if how is not None:
                text = {
                    "stated": sentence.strip(),
                    "pointing": f"{recent[-1].strip() if recent else ''} {sentence.strip()}".strip(),
                    "that": block.text[start:].strip(),
                }[how]
                earlier = _earlier(f"{previous_block}\n{block.text}", f"{before} {sentence}", cycle, revisit)
                span = block.span_at(start)
                found.append(
                    (
                        index,
                        Item(area_id=ex.area_at(index), title=None, text=text, span=span, earlier=earlier),
                    )
                )
                if how == "that":
                    break
            recent = [*recent, sentence][-2:]
        previous_block = block.text
    return found


def _mark_revisited(lists: dict[str, list[tuple[int, Item]]], revisit: str | None) -> None:
    """In a revisit of an earlier inspection, its causes of concern and AFIs are that inspection's."""
    if not revisit:
        return
    for name in ("causes_of_concern", "areas_for_improvement"):
        lists[name] = [
            (
                at,
                item
                if item.earlier
                else item.model_copy(update={"earlier": EarlierInspection(text=revisit)}),
            )
            for at, item in lists[name]
        ]


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
    revisit = _revisit(ex)
    taken = set(in_part)
    for name, at, item in _introduced_items(ex, taken, revisit):
        lists[name].append((at, item))
    if not lists["causes_of_concern"]:  # a part that sets causes out is restated in prose: once is enough
        lists["causes_of_concern"].extend(_prose_causes(ex, taken, revisit))
    _mark_revisited(lists, revisit)
    _add_running_items(ex, lists, taken)
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
