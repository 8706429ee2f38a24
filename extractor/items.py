"""Items stage: areas for improvement, causes of concern, recommendations, innovative practice.

Two sources, in document order:

- **Parts**: a part heading ("Areas for improvement", "Cause of concern",
  "Recommendations", "Innovative practice") opens a part by position (see
  :mod:`extractor.sections`); each heading beneath it is one item whose text runs to
  the next heading, and a part without headings gives one item per bullet (or per
  sentence-ending paragraph), a paragraph ending in ":" keeping the bullets after it.
- **Running text**, as forces' responses and commissioners' reports write it:
  "The report identifies one area for improvement (AFI) which centres around ...",
  "Four AFIs were identified which focused on A, B, C and D" (one item per named AFI),
  "... was highlighted as innovative", "1. By 14 June 2024, chief constables should ...".
  An AFI only mentioned ("in line with the AFI") or from an earlier inspection is no item.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import regex

from extractor.finders.counts import find_counts, is_earlier_cycle
from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.numbers import MONTHS
from schemas import CountOf, Item, SectionKind

# Section kinds of parts and the Extraction list their items go to.
PART_LISTS: dict[SectionKind, str] = {
    SectionKind.AREAS_FOR_IMPROVEMENT: "areas_for_improvement",
    SectionKind.CAUSES_OF_CONCERN: "causes_of_concern",
    SectionKind.RECOMMENDATIONS: "recommendations",
    SectionKind.INNOVATIVE_PRACTICE: "innovative_practice",
}

_BULLET_RE = regex.compile(r"^\s*[·•▪◦●‣∙]\s*")
_TERMINAL_RE = regex.compile(r"[.:;!?…][\"'”’)]*\d{0,3}\s*$")  # a PDF footnote mark may follow

# What follows a count of AFIs when the sentence goes on to name them.
_TOPIC_CUE_RE = regex.compile(
    r"""^\s*
    (?:,?\s*(?:was|were|is|are|has\s+been|have\s+been)\s+
        (?:identified|made|set\s+out|highlighted|given|raised|issued|found)
        (?:\s+(?:with)?in\s+the\s+(?:report|inspection))?)?
    \s*,?\s*
    # "both of which related to X; A and B": the named AFIs follow the semicolon
    (?:(?:both|all|each)\s+of\s+which\s+relate[sd]?\s+to\s+[^;.]+;\s*
      |(?:which\s+)?(?:centres?|centred|centers?|centered)\s+(?:a)?round\s+
      |(?:which\s+|that\s+)?focus(?:es|ed|sed)?\s+(?:on|upon)\s+
      |in\s+respect\s+of\s+|relat(?:ing|es|ed)\s+to\s+|regarding\s+|linked\s+to\s+|concerning\s+
      |(?:which\s+|that\s+)?set\s+out\s+|about\s+|around\s+|on\s+
      |:\s*)                                # "two AFIs: bail and custody"
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A passive tail after the last named AFI: "... the most vulnerable were highlighted."
_PASSIVE_TAIL_RE = regex.compile(
    r"\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:highlighted|identified|made|raised|given|found|noted)$",
    regex.IGNORECASE,
)

# Innovative or promising practice credited by the inspectorate in running text.
_INNOVATIVE_RES: tuple[regex.Pattern[str], ...] = tuple(
    regex.compile(pattern, regex.IGNORECASE)
    for pattern in (
        r"\b(?:was|were|is|are|been)\s+(?:highlighted|identified|recognised|recognized|noted|described"
        r"|cited|commended|praised)\s+as\s+(?:being\s+)?(?P<label>innovative|promising)\b",
        r"\b(?:is|was|are|were|been)\s+(?:recognised|recognized|praised|commended)\s+for\s+"
        r"(?:the|its|their|an?)\s+(?P<label>innovative)\b",
        r"\b(?P<label>innovative|promising)\s+practice\s+(?:is|was|has\s+been|were|are)\s+"
        r"(?:included|identified|highlighted|noted|found|recognised|recognized|cited)\b",
        r"\b(?:report|HMICFRS|HMIC|inspectorate|inspectors?)\s+(?:identifie[sd]|highlight(?:s|ed)|f(?:ou)?nds?"
        r"|notes?|noted|recognise[sd]|recognize[sd]|cites?|cited)\s+(?P<label>innovative|promising)\s+practice\b",
    )
)

_AFI_CUE_RE = regex.compile(r"\bAFIs?\b|areas?\s+for\s+improvement", regex.IGNORECASE)
_INNOVATIVE_CUE_RE = regex.compile(r"\b(?:innovative|promising)\b", regex.IGNORECASE)

# "1. By 14 June 2024, chief constables should ..." (number, deadline, addressee).
_RECOMMENDATION_RE = regex.compile(
    rf"""^\s*(?:(?P<number>\d{{1,2}})[.)]\s+)?
    (?:By\s+(?P<deadline>(?:\d{{1,2}}\s+)?(?:{MONTHS})\s+\d{{4}}|(?:the\s+)?end\s+of\s+[\w\s]{{1,20}}?\d{{4}})
      |(?P<deadline>Within\s+[\w-]+(?:\s+[\w-]+)?\s+(?:days|weeks|months|years)))   # "Within six months"
    ,?\s+
    (?P<addressee>[^.;:]{{2,160}}?)\s+(?:should|must|will\s+need\s+to|needs?\s+to)\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
_NUMBERED_RE = regex.compile(r"^\s*(?P<number>\d{1,2})[.)]\s+(?=\p{Lu})")
# A part headed in the singular holds one item, however many paragraphs it runs to.
_SINGULAR_PART_RE = regex.compile(
    r"^\W*(?:area\s+for\s+improvement|cause\s+(?:of|for)\s+concern|recommendation)\W*$", regex.IGNORECASE
)
# A recommendation asks someone to act; a paragraph without these words is no recommendation.
_DIRECTIVE_RE = regex.compile(
    r"\b(?:should|must|needs?\s+to|ought\s+to|(?:is|are)\s+required\s+to|will\s+need\s+to)\b", regex.I
)


@dataclass(frozen=True)
class RecommendationFields:
    """What a recommendation's wording states about it."""

    number: int | None
    deadline: str | None
    addressee: str | None
    text: str  # the wording without its list number


def recommendation_fields(text: str) -> RecommendationFields:
    """Number, deadline and addressee of a recommendation, where its wording states them.

    >>> recommendation_fields("2. By 14 June 2024, chief constables should review training.")
    RecommendationFields(number=2, deadline='14 June 2024', addressee='chief constables', \
text='By 14 June 2024, chief constables should review training.')
    >>> recommendation_fields("Within six months, the force should review its training.").deadline
    'Within six months'
    >>> recommendation_fields("The force should review its training.").deadline is None
    True
    """
    found = _RECOMMENDATION_RE.match(text)
    numbered = _NUMBERED_RE.match(text)
    number = int(numbered.group("number")) if numbered else None
    body = text[numbered.end() :] if numbered else text.strip()
    if not found:
        return RecommendationFields(number, None, None, body)
    return RecommendationFields(number, found.group("deadline"), found.group("addressee").strip(), body)


def split_topics(phrase: str, count: int) -> list[str]:
    """Split the words naming ``count`` AFIs into one phrase per AFI.

    Commas and semicolons separate them; the last two are joined by the first "and"
    of the last piece, as an English list is written. Splitting stops at ``count``.

    >>> split_topics("resourcing, allocation, victim needs assessment and auditable records", 4)
    ['resourcing', 'allocation', 'victim needs assessment', 'auditable records']
    >>> split_topics("surveying victims of crime and assessing public satisfaction", 1)
    ['surveying victims of crime and assessing public satisfaction']
    >>> split_topics("the use of protection orders and wellbeing of staff", 2)
    ['the use of protection orders', 'wellbeing of staff']
    """
    phrase = phrase.strip()
    if count <= 1:
        return [phrase]
    pieces = [p.strip() for p in regex.split(r"\s*[,;]\s*(?:and\s+)?", phrase) if p.strip()]
    while len(pieces) < count:
        last = pieces[-1]
        head, sep, tail = last.partition(" and ")
        if not sep:
            break
        pieces[-1:] = [head.strip(), tail.strip()]
    return pieces


def find_stated_afis(sentence: str) -> list[str]:
    """The AFIs a sentence sets out after stating their number ("Two AFIs linked to A and B").

    >>> find_stated_afis("Three AFIs focus on bail, the management of RSOs and digital capability.")
    ['bail', 'the management of RSOs', 'digital capability']
    >>> find_stated_afis("Local profiles have been produced in line with the AFI.")
    []
    """
    topics: list[str] = []
    for count in find_counts(sentence):
        if count.of is not CountOf.AREAS_FOR_IMPROVEMENT or count.count < 1:
            continue
        cue = _TOPIC_CUE_RE.match(sentence[count.end :])
        if not cue:
            continue
        phrase = sentence[count.end + cue.end() :].strip()
        phrase = regex.sub(r"[.!?]+\s*$", "", phrase)
        phrase = _PASSIVE_TAIL_RE.sub("", phrase)
        if phrase:
            topics.extend(split_topics(phrase, count.count))
    return topics


def innovative_label(sentence: str) -> str | None:
    """'innovative' or 'promising' when the sentence credits practice as such, else None.

    >>> innovative_label("The Problem-Solving Taskforce were highlighted as innovative in the report.")
    'innovative'
    >>> innovative_label("Senior leaders have been innovative in their use of technology.") is None
    True
    """
    for pattern in _INNOVATIVE_RES:
        found = pattern.search(sentence)
        if found:
            return found.group("label").lower()
    return None


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
        items = []
        for child in part.children:
            body = [b.text for b in blocks[child.start + 1 : child.end] if _is_prose(b)]
            items.append(
                Item(
                    area_id=area_id,
                    title=child.title,
                    text="\n".join([child.title, *body]),
                    span=blocks[child.start].span,
                )
            )
        return items
    groups: list[list[Block]] = []
    for block in blocks[part.start + 1 : part.end]:
        if block.kind in (BlockKind.TABLE_ROW, BlockKind.CAPTION) or not regex.search(
            r"\p{L}{2}", block.text
        ):
            continue
        bullet = block.kind is BlockKind.LIST_ITEM or bool(_BULLET_RE.match(block.text))
        # A paragraph ending in ":" introduces the bullets after it; they belong to its item.
        introduced = bool(groups) and groups[-1][0].text.rstrip().endswith(":") and bullet
        continued = bool(groups) and not bullet and block.text.lstrip()[:1].islower()
        if introduced or continued:
            groups[-1].append(block)
        elif _is_prose(block) and (bullet or _TERMINAL_RE.search(block.text)):
            groups.append([block])
    if groups and _SINGULAR_PART_RE.match(part.title):
        groups = [[block for group in groups for block in group]]  # "Cause of concern": one item
    if part.kind is SectionKind.RECOMMENDATIONS:
        groups = [group for group in groups if _DIRECTIVE_RE.search(group[0].text)]
    return [
        Item(area_id=area_id, title=None, text="\n".join(b.text for b in group), span=group[0].span)
        for group in groups
    ]


def _with_recommendation_fields(item: Item) -> Item:
    """The item with the number, deadline and addressee its wording states."""
    fields = recommendation_fields(item.text)
    return item.model_copy(
        update={"number": fields.number, "deadline": fields.deadline, "addressee": fields.addressee}
    )


# -- running text --------------------------------------------------------------------------


def _running_afis(ex: Extraction, index: int, block: Block, cycle: str | None) -> list[Item]:
    """The AFIs a block's sentences name after stating their number (not an earlier cycle's)."""
    if not _AFI_CUE_RE.search(block.text):
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
    if not _INNOVATIVE_CUE_RE.search(block.text):
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
        name = PART_LISTS[part.kind]
        found = _part_items(ex, part)
        if part.kind is SectionKind.RECOMMENDATIONS:
            found = [_with_recommendation_fields(item) for item in found]
        label = regex.match(r"\W*(innovative|promising)\b", part.title, regex.IGNORECASE)
        if part.kind is SectionKind.INNOVATIVE_PRACTICE and label:
            found = [item.model_copy(update={"label": label.group(1).lower()}) for item in found]
        lists[name].extend((part.start, item) for item in found)
        if found:
            in_part.update(range(part.start, part.end))
        else:
            empty.append(part)
    _attach_recommendations_to_causes(ex, parts, lists)

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
    ordered = {name: [item for _, item in sorted(found, key=lambda p: p[0])] for name, found in lists.items()}
    return ordered, empty


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


@stage(
    "items",
    requires=("sections",),
    assigns=(
        "areas_for_improvement",
        "causes_of_concern",
        "recommendations",
        "innovative_practice",
    ),
)
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
    ex.areas_for_improvement = lists["areas_for_improvement"]
    ex.causes_of_concern = lists["causes_of_concern"]
    ex.recommendations = lists["recommendations"]
    ex.innovative_practice = lists["innovative_practice"]
