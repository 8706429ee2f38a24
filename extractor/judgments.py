"""Graded judgments: every place a document states an area's grade, resolved to one judgment per area.

Find, then attach. The finders are pure functions of strings (a heading, a table's cells, a
sentence) that return what grade they state and how; :func:`attach_judgments` walks the
document model, attributes each finding to an area by the inspectorate's layout (the section
holding it, a grid column, the area a sentence names), and keeps one judgment per area with
the strongest evidence first, warning on conflicts and on grades it cannot attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import regex

from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.areas import area_by_id, area_title, find_area_mentions, match_area
from extractor.vocab.cycles import EARLIER_GRADE_RE, NOW_RE, YEAR_RE, first_year
from extractor.vocab.forces import forces
from extractor.vocab.grades import (
    AFI_COUNT_TAIL,
    BARE_GRADE_RE,
    GRADE,
    GRADE_KEYWORD_RE,
    UNGRADED,
    parse_grade,
)
from schemas import Area, Grade, Judgment, SectionKind, Span


class Source(str, Enum):
    """Where a grade is stated; the order of :data:`RANK` says which evidence is strongest."""

    HEADING = "heading"  # "Responding to the Public – Requires Improvement (4 AFIs)"
    SENTENCE = "sentence"  # "Kent Police is good at ...", "our victim service assessment is ungraded"
    GRID = "judgments table"  # a cell under a grade column of "Our judgments"
    LABEL = "grade label"  # a bare "Good" / "(Outstanding)" line under or after an area


RANK: dict[Source, int] = {Source.HEADING: 4, Source.SENTENCE: 3, Source.GRID: 2, Source.LABEL: 1}


@dataclass(frozen=True)
class Found:
    """One statement of a grade, before attribution.

    ``phrase`` is the text naming the area when the statement names one (a sentence's
    "at ..." phrase, a heading's title, a grid cell); ``earlier`` marks a grade for an
    earlier inspection ("has moved from requires improvement to ...", "In 2017, we ...").
    """

    grade: Grade
    grade_text: str
    source: Source
    phrase: str | None = None
    earlier: bool = False
    # Only a judgment when ``phrase`` names an area: "Kent Police's leadership ... is good",
    # "our victim service assessment is ungraded" (not "the call was not graded").
    names_area: bool = False


# --------------------------------------------------------------------------- labels and headings


def find_bare_grade(text: str) -> Found | None:
    """A line that is nothing but a grade label: 'Good', '(Outstanding)', 'Ungraded'."""
    if not BARE_GRADE_RE.match(text):
        return None
    grade = parse_grade(text)
    return Found(grade, text.strip(), Source.LABEL) if grade else None


# A title followed by its grade: "Area – Good (1 AFI)", "Area (Outstanding)", "Area: Requires improvement".
_TITLE_GRADE_RE = regex.compile(
    rf"""^(?:\(?\d+(?:\.\d+)*\)?\.?\s+)?(?P<title>.*?\p{{L}}.*?)\s*(?:[–—:-]\s*\(?|\()\s*
        (?P<grade>{GRADE}|{UNGRADED})\s*\)?\s*
        (?:{AFI_COUNT_TAIL})?\s*$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def find_title_grade(text: str) -> Found | None:
    """A heading or label that carries its grade: 'Crime data integrity (Outstanding)'.

    >>> find_title_grade("Investigating Crime – Requires Improvement (3 AFIs)").phrase
    'Investigating Crime'
    """
    if not GRADE_KEYWORD_RE.search(text[-60:]):
        return None  # quick test before the full pattern: the grade ends a title
    match = _TITLE_GRADE_RE.match(text.strip())
    if not match or len(match.group("title").split()) > 20 or regex.search(r"[.!?]\s", match.group("title")):
        return None  # a sentence, not a title
    grade = parse_grade(match.group("grade"))
    if grade is None:
        return None
    return Found(grade, match.group("grade"), Source.HEADING, phrase=match.group("title").strip())


# --------------------------------------------------------------------------- the grid


def grid_header(cells: Sequence[str]) -> list[Grade | None] | None:
    """The grade of each column when a table row is a grid header of grade words, else None.

    >>> grid_header(["Outstanding", "Good", "Requires improvement", "Inadequate"])[2]
    <Grade.REQUIRES_IMPROVEMENT: 'requires_improvement'>
    """
    grades = [parse_grade(cell) if cell.strip() else None for cell in cells]
    named = [grade for grade, cell in zip(grades, cells, strict=True) if cell.strip()]
    if len(named) < 3 or any(grade is None for grade in named) or len(set(named)) != len(named):
        return None
    return grades


@dataclass(frozen=True)
class GridCell:
    """An area placed in a grid column: its row (first row when wrapped), column, text and grade."""

    row: int
    column: int
    text: str
    grade: Grade
    label: str = ""  # the grade words as the grid writes them


def _continues(first: str, second: str) -> bool:
    """True when ``second`` is the wrapped rest of the cell ``first`` (same column, next row)."""
    joined = f"{first} {second}"
    if second[:1].islower() or first.rstrip().endswith((",", "and", "&", "-", "of", "the")):
        return True
    return match_area(joined) is not None and (match_area(first) is None or match_area(second) is None)


def find_grid_cells(header: Sequence[Grade | None], rows: Sequence[Sequence[str]]) -> list[GridCell]:
    """Areas in a grid's rows under its header's grade columns, joining cells that wrap onto the next row.

    Empty columns and rows shorter than the header are allowed (trailing empty cells are often
    dropped by the reader).
    """
    found: list[GridCell] = []
    header_labels = [grade.value.replace("_", " ") if grade else "" for grade in header]
    for column, grade in enumerate(header):
        if grade is None:
            continue
        cells = [(r, row[column].strip()) for r, row in enumerate(rows) if column < len(row)]
        cells = [(r, text) for r, text in cells if text]
        index = 0
        while index < len(cells):
            row, text = cells[index]
            index += 1
            while index < len(cells) and cells[index][0] == cells[index - 1][0] + 1:
                if not _continues(text, cells[index][1]):
                    break
                text = f"{text} {cells[index][1]}"
                index += 1
            found.append(GridCell(row, column, text, grade, header_labels[column]))
    return sorted(found, key=lambda cell: (cell.row, cell.column))


def find_pair_row(cells: Sequence[str]) -> Found | None:
    """A two-column row 'Area | Grade' (older reports' summary tables), when the first cell names an area."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) != 2:
        return None
    bare = find_bare_grade(filled[1])
    if bare is None or match_area(filled[0]) is None:
        return None
    return Found(bare.grade, bare.grade_text, Source.GRID, phrase=filled[0])


def _list_entry(text: str) -> bool:
    """A short line that is nothing but an area's title (a listed grid's entry)."""
    return len(text) <= 120 and not text.rstrip().endswith(".") and match_area(text) is not None


def find_listed_grid(texts: Sequence[str]) -> tuple[list[GridCell], set[int]]:
    """The judgments grid written as a list (a PDF or web page read one cell a line).

    A run of lines that starts with a grade label and goes on with area titles and further
    grade labels ("Good", "Police powers and public treatment", "Preventing crime",
    "Requires improvement", "Responding to the public") places each area under the label
    above it. A run needs two areas or more, so a label that ends one area section and the
    next area's heading (the 2023–25 plain-text layout) is not taken for a grid. Returns the
    entries (``row`` = line index) and every line index the runs cover.
    """
    cells: list[GridCell] = []
    covered: set[int] = set()
    index = 0
    while index < len(texts):
        first = find_bare_grade(texts[index])
        if first is None:
            index += 1
            continue
        label, end, entries = first, index + 1, []
        while end < len(texts):
            joined = f"{texts[end].strip()} {texts[end + 1].strip()}" if end + 1 < len(texts) else ""
            next_label = find_bare_grade(texts[end])
            if next_label is not None:
                label, end = next_label, end + 1
            elif _list_entry(texts[end]):
                entries.append(GridCell(end, 0, texts[end].strip(), label.grade, label.grade_text))
                end += 1
            elif joined and _list_entry(joined):
                entries.append(GridCell(end, 0, joined, label.grade, label.grade_text))
                end += 2
            else:
                break
        if len(entries) >= 2:
            cells.extend(entries)
            covered.update(range(index, end))
            index = end
        else:
            index += 1
    return cells, covered


# --------------------------------------------------------------------------- sentences

_ADV = r"(?:\s+(?:now|still|also|overall|currently|therefore|again|consistently))*"
_TO_BE = r"(?:is|are|was|were|remains|remain|ha(?:s|ve)\s+been|(?:has\s+)?continue[sd]?\s+to\s+be)"
_JUDGED = r"(?:(?:judged|assessed|graded|rated|found|considered)\s+(?:to\s+be\s+|as\s+)?)?"
_PHRASE = r"(?:\s+(?:at|in|for)\b\s*(?P<phrase>[^.;]*))"
_COMPLEMENT_END = r"(?=\s*(?:[.,;:)]|$|\s+(?:and|but|overall|in\s+this\s+area)\b))"

# A force's proper name when the document's force is not known: "Guernsey Police", "States of Jersey Police".
_ANY_FORCE_NAME = (
    r"(?-i:(?<![\p{L}-])(?!(?:The|A|An|This|That|Each|Every|Some|Most|All|Other|Our)\s)"
    r"\p{Lu}[\p{L}&'-]+(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}&'-]+)*\s+(?:Police|Constabulary))"
)


def _subject(names: Sequence[str]) -> str:
    """The subject alternation: 'the force', 'this force', and the force's own names (any name if unknown)."""
    escaped = [regex.escape(name).replace(r"\ ", r"\s+") for name in sorted(names, key=len, reverse=True)]
    own = "".join(f"|(?<![\\p{{L}}-]){name}" for name in escaped) if names else f"|{_ANY_FORCE_NAME}"
    return r"(?P<subj>\b(?:the|this)\s+force\b" + own + ")"


@lru_cache(maxsize=64)
def _patterns(names: tuple[str, ...]) -> list[tuple[str, regex.Pattern[str]]]:
    """The sentence patterns, named, for a force's names (compiled once per force)."""
    subj = _subject(names)
    flags = regex.IGNORECASE
    return [
        (
            "is",
            regex.compile(
                rf"{subj}(?:['’]s?\s+(?P<poss>[^.;:]{{3,120}}?))?{_ADV}\s+{_TO_BE}{_ADV}\s+{_JUDGED}"
                rf"(?P<g>{GRADE})(?![\w-])(?:{_PHRASE}|{_COMPLEMENT_END})",
                flags,
            ),
        ),
        (
            "requires",
            regex.compile(
                rf"{subj}{_ADV}\s+(?:(?:is|was|has\s+been)\s+(?:judged|assessed|found|considered)\s+to\s+)?"
                rf"(?P<g>requires?\s+improvement)(?:{_PHRASE}|{_COMPLEMENT_END})",
                flags,
            ),
        ),
        (
            "graded",
            regex.compile(
                rf"\b(?:HMICFRS|HMIC|we|the\s+inspectorate|inspectors?)\s+(?:have\s+|has\s+)?"
                rf"(?:graded|judged|assessed|rated)\s+{subj}\s+(?:as\s+|to\s+be\s+)?(?P<g>{GRADE})"
                rf"(?![\w-]){_PHRASE}?",
                flags,
            ),
        ),
        (
            "received",
            regex.compile(
                rf"{subj}\s+(?:has\s+|have\s+)?(?:received|was\s+awarded|was\s+given|achieved|retained)\s+"
                rf"(?:an?\s+|its\s+)?(?P<g>{GRADE})\s+(?:grade|grading|judge?ment|rating)s?\b{_PHRASE}?",
                flags,
            ),
        ),
        (
            "moved",
            regex.compile(
                rf"(?:{subj}|\b(?:its|the)\s+grad(?:e|ing))\s+(?:has\s+|have\s+)?"
                rf"(?:moved|improved|changed|gone|risen|fallen|dropped|declined|deteriorated)\s+"
                rf"from\s+(?P<old>{GRADE})\s+to\s+(?P<g>{GRADE})(?![\w-]){_PHRASE}?",
                flags,
            ),
        ),
        (
            "extent",
            regex.compile(
                rf"\bthe\s+extent\s+to\s+which\s+{subj}\s+(?P<phrase>[^.;]+?)\s+is\s+(?:judged\s+to\s+be\s+)?"
                rf"(?P<g>{GRADE})(?![\w-])",
                flags,
            ),
        ),
        (
            "ungraded",
            regex.compile(
                rf"(?P<phrase>(?:[\w’'-]+\s+){{1,8}}?)(?:is|are|was|remains)\s+(?:currently\s+)?"
                rf"(?P<g>{UNGRADED})\b"
                r"(?!\s+(?:correctly|appropriately|properly|accurately|in\s+line|as|by|until|at|on|within)\b)",
                flags,
            ),
        ),
        (
            "no-judgment",
            regex.compile(
                r"(?P<g>\b(?:we\s+)?(?:don['’]t|do\s+not|did\s+not|does\s+not|doesn['’]t)\s+"
                r"(?:make|give|award|provide)\s+(?:a\s+)?grad(?:ed|e|ing)(?:\s+judge?ment)?"
                r"|\bno\s+graded\s+judge?ment)(?P<phrase>[^.;]*)",
                flags,
            ),
        ),
    ]


def _is_earlier(sentence: str, cycle_start: int | None, *, moved: bool) -> bool:
    """True when a sentence states a grade of an earlier inspection, not this document's."""
    years = [int(year) for year in YEAR_RE.findall(sentence)]
    if years and (cycle_start is None or min(years) < cycle_start):
        return True
    if moved:  # "has moved from adequate to good since the last inspection": the 'to' grade is current
        return False
    return bool(EARLIER_GRADE_RE.search(sentence)) and not NOW_RE.search(sentence)


def find_sentence_grades(
    sentence: str, force_names: Sequence[str] = (), cycle_start: int | None = None
) -> list[Found]:
    """Grades one sentence states of this force ('the force', or one of ``force_names``).

    Sentences about other forces or forces in general ("forces that require improvement")
    state none. A grade of an earlier inspection comes back with ``earlier=True``.
    """
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    if not GRADE_KEYWORD_RE.search(sentence):
        return found
    for name, pattern in _patterns(tuple(force_names)):
        for match in pattern.finditer(sentence):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            grade = Grade.NOT_GRADED if name in ("ungraded", "no-judgment") else parse_grade(match.group("g"))
            if grade is None:
                continue
            taken.append(match.span())
            phrase = match.groupdict().get("phrase")
            poss = match.groupdict().get("poss")
            earlier = _is_earlier(sentence, cycle_start, moved=name == "moved")
            found.append(
                Found(
                    grade,
                    match.group("g").strip(),
                    Source.SENTENCE,
                    phrase=(poss or phrase or "").strip() or None,
                    earlier=earlier,
                    names_area=bool(poss) or name == "ungraded",
                )
            )
    return found


# --------------------------------------------------------------------------- area of a phrase

_PHRASE_CUT_RE = regex.compile(r",|;|\s+(?:and\s+it|and\s+the\s+force|but|with|by|through|because|as)\s+")
_PHRASE_LEAD_RE = regex.compile(
    r"^(?:respect\s+of|relation\s+to|terms\s+of|how\s+it\s+(?:is\s+)?)\s*", regex.IGNORECASE
)


def name_in_phrase(phrase: str | None) -> tuple[str | None, str | None]:
    """The area a sentence's phrase names and, when a title names it, that title as written.

    >>> name_in_phrase("responding to the public, and it answers calls quickly")
    ('responding_to_public', 'responding to the public')
    >>> name_in_phrase("how effectively it keeps people safe")
    ('effectiveness', None)
    """
    if not phrase:
        return None, None
    phrase = _PHRASE_LEAD_RE.sub("", phrase.strip())
    candidates = [phrase] + [phrase[: match.start()] for match in _PHRASE_CUT_RE.finditer(phrase)]
    for candidate in candidates:
        area_id = match_area(candidate.strip(" ,;"))
        if area_id:
            return area_id, candidate.strip(" ,;")
    mentions = find_area_mentions(phrase)
    return (mentions[0], None) if len(mentions) == 1 else (None, None)


def area_of_phrase(phrase: str | None) -> str | None:
    """The area a sentence's phrase names ('responding to the public', 'prevention and deterrence').

    >>> area_of_phrase("building and developing its workforce"), area_of_phrase("answering calls")
    ('workforce', None)
    """
    return name_in_phrase(phrase)[0]


# --------------------------------------------------------------------------- attach


@dataclass
class Evidence:
    """A finding attributed to an area, with where it stands."""

    area_id: str | None
    title: str | None
    found: Found
    block: int
    span: Span

    def describe(self) -> str:
        """'sentence at line 98 says requires improvement'."""
        where = f"line {self.span.line}" if self.span.line else "an unnumbered line"
        if self.span.page:
            where = f"page {self.span.page}, {where}"
        grade = self.found.grade.value.replace("_", " ")
        return f"{self.found.source.value} at {where} says {grade}"


def _force_names(ex: Extraction) -> list[str]:
    """Names the document's own force goes by (its name, aliases and place name)."""
    if ex.info is None or ex.info.force is None:
        return []
    force = next((f for f in forces() if f.id == ex.info.force.id), None)
    return [] if force is None else [force.name, *force.aliases, *force.places]


def _cycle_start(ex: Extraction) -> int | None:
    """First year of the document's cycle ('2023–25' -> 2023), to tell earlier years apart."""
    if ex.info is None or ex.info.inspection is None:
        return None
    return first_year(ex.info.inspection.cycle)


# Headings that carry a grade but name no area: an overall verdict, not an area outside the taxonomy.
_NOT_AN_AREA_RE = regex.compile(
    r"^\W*(?:overall(?:\s+(?:judge?ment|grade|summary))?|(?:our\s+)?judge?ments?|grades?|grading|summary)\W*$",
    regex.IGNORECASE,
)


_THIS_AREA_RE = regex.compile(r"^(?:this|that|the)\s+(?:area|question|core\s+question)\b", regex.IGNORECASE)


def _is_short_label(block: Block) -> bool:
    """Furniture or a restated heading that may stand between an area heading and its grade label."""
    return block.is_heading or (len(block.text) <= 60 and not block.text.rstrip().endswith("."))


class _Attacher:
    """Walks the blocks once and attributes every finding to an area (or warns)."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.blocks = ex.blocks
        self.names = _force_names(ex)
        self.cycle_start = _cycle_start(ex)
        self.evidence: list[Evidence] = []
        self.in_grid: set[int] = set()
        self.lead_used: set[int] = set()  # area sections whose lead already gave a sentence grade

    def add(self, area_id: str | None, title: str | None, found: Found, index: int, span: Span) -> None:
        """Record a finding attributed to an area (None: not in the taxonomy)."""
        self.evidence.append(Evidence(area_id, title, found, index, span))

    # grids -------------------------------------------------------------------------
    def grids(self) -> None:
        """Grid cells (tab or pipe tables, 'Area | Grade' rows, grids listed one cell a line)."""
        index = 0
        while index < len(self.blocks):
            block = self.blocks[index]
            header = grid_header(block.cells or []) if block.kind is BlockKind.TABLE_ROW else None
            if header is None:
                if block.kind is BlockKind.TABLE_ROW and block.cells:
                    pair = find_pair_row(block.cells)
                    if pair is not None:
                        self.in_grid.add(index)
                        self.add(match_area(pair.phrase or ""), pair.phrase, pair, index, block.span)
                index += 1
                continue
            end = index + 1
            while end < len(self.blocks) and self.blocks[end].kind is BlockKind.TABLE_ROW:
                end += 1
            rows = [self.blocks[i].cells or [] for i in range(index + 1, end)]
            self.in_grid.update(range(index, end))
            for cell in find_grid_cells(header, rows):
                row = self.blocks[index + 1 + cell.row]
                found = Found(cell.grade, header_text(block, cell.column), Source.GRID, phrase=cell.text)
                self.add(match_area(cell.text), cell.text, found, index + 1 + cell.row, row.span)
            index = end
        listed, covered = find_listed_grid([block.text for block in self.blocks])
        self.in_grid.update(covered)
        for cell in listed:
            found = Found(cell.grade, cell.label, Source.GRID, phrase=cell.text)
            self.add(match_area(cell.text), cell.text, found, cell.row, self.blocks[cell.row].span)

    # headings and labels -----------------------------------------------------------
    def labels(self) -> None:
        """Bare grade labels and headings that end in their grade."""
        for index, block in enumerate(self.blocks):
            if index in self.in_grid or block.kind is BlockKind.TABLE_ROW:
                continue
            bare = find_bare_grade(block.text)
            if bare is not None:
                self._bare(index, block, bare)
                continue
            if not block.is_heading and (len(block.text) > 200 or block.text.rstrip().endswith(".")):
                continue
            titled = find_title_grade(block.text)
            if titled is None:
                continue
            area_id = match_area(block.text)
            if area_id is None and (not block.is_heading or _NOT_AN_AREA_RE.match(titled.phrase or "")):
                continue
            self.add(area_id, area_title(block.text), titled, index, block.span)

    def _bare(self, index: int, block: Block, found: Found) -> None:
        """A bare grade line belongs to the area whose heading it stands under, or whose section it ends."""
        section = self.ex.area_section_at(index)
        if section is not None:
            between = self.blocks[section.start + 1 : index]
            head = len(between) <= 3 and all(_is_short_label(b) for b in between)
            tail = index == section.end - 1
            if head or tail:
                self.add(section.area_id, None, found, index, block.span)
                return
        where = f"inside '{section.title}'" if section else "outside any area section"
        self.ex.warn(
            "unattributed-grade",
            f"grade label '{block.text.strip()}' stands {where}, neither under an area heading nor at the "
            "end of an area section; not attributed",
            block,
        )

    # sentences ---------------------------------------------------------------------
    def sentences(self) -> None:
        """Sentences that state this force's grade, outside grids and labels."""
        leads = self._leads()
        for index, block in enumerate(self.blocks):
            if index in self.in_grid or block.kind is BlockKind.TABLE_ROW or BARE_GRADE_RE.match(block.text):
                continue
            for offset, sentence in sentences(block.text):
                for found in find_sentence_grades(sentence, self.names, self.cycle_start):
                    if not found.earlier:
                        self._sentence(index, block, offset, sentence, found, leads)

    def _leads(self) -> dict[int, SectionNode]:
        """Block index -> area section, for the first body blocks of each area section."""
        leads: dict[int, SectionNode] = {}
        for node in self.ex.all_sections():
            if node.kind is not SectionKind.AREA:
                continue
            stop = min([child.start for child in node.children] + [node.end])
            body = [
                i
                for i in range(node.start + 1, stop)
                if not self.blocks[i].is_heading and not BARE_GRADE_RE.match(self.blocks[i].text)
            ]
            for i in body[:3]:
                leads[i] = node
        return leads

    def _sentence(
        self,
        index: int,
        block: Block,
        offset: int,
        sentence: str,
        found: Found,
        leads: dict[int, SectionNode],
    ) -> None:
        """Attribute a sentence's grade: the area its phrase names, else its place; warn when neither."""
        span = block.span_at(offset)
        lead = leads.get(index)
        first_in_lead = lead is not None and lead.start not in self.lead_used
        if lead is not None:
            self.lead_used.add(lead.start)
        area_id, title = name_in_phrase(found.phrase)
        if area_id is None and found.grade is Grade.NOT_GRADED and not found.names_area:
            # "We don't make a graded judgment (in this overall area)": the section, or the area just named.
            mentions = find_area_mentions(block.text[: offset + len(sentence)])
            section = self.ex.area_section_at(index)
            area_id = section.area_id if section else (mentions[-1] if mentions else None)
        if area_id is not None:
            self.add(area_id, title, found, index, span)
            return
        if found.names_area:
            return  # "the force's approach is good", "the call was not graded": no area's judgment
        section = self.ex.area_section_at(index)
        this_area = bool(found.phrase and _THIS_AREA_RE.match(found.phrase))
        if section is not None and this_area:
            self.add(section.area_id, None, found, index, span)
            return
        if lead is not None and first_in_lead:
            # The first grade sentence under an area's heading is its judgment; later ones
            # ("the force is good at answering calls") are findings about part of it.
            self.add(lead.area_id, None, found, index, span)
            return
        if section is not None:
            return  # a finding about part of the area, not its judgment
        self.ex.warn(
            "unattributed-grade",
            f"sentence states '{found.grade_text}' but names no known area and stands outside any area "
            f"section: {sentence.strip()[:120]!r}",
            block,
        )


def header_text(block: Block, column: int) -> str:
    """The grade words of a grid header's column as written."""
    cells = block.cells or []
    return cells[column].strip() if column < len(cells) else ""


def _section_title(ex: Extraction, node: SectionNode) -> str:
    """An area's title as its heading writes it (a pillar name then its question: the question)."""
    title = area_title(ex.blocks[node.start].text)
    following = ex.blocks[node.start + 1] if node.start + 1 < node.end else None
    if (
        following is not None
        and following.is_heading
        and following.text.rstrip().endswith("?")
        and match_area(following.text) == node.area_id
    ):
        return area_title(following.text)
    return title


def resolve(ex: Extraction, evidence: list[Evidence]) -> list[Judgment]:
    """One judgment per area: the strongest evidence's grade, every agreeing place, conflicts warned."""
    sections = {n.area_id: n for n in reversed(ex.all_sections()) if n.kind is SectionKind.AREA and n.area_id}
    groups: dict[str, list[Evidence]] = {}
    for item in evidence:
        key = item.area_id or f"?{(item.title or '').lower()}"
        groups.setdefault(key, []).append(item)
    judgments: list[tuple[int, Judgment]] = []
    for key, items in groups.items():
        area_id = items[0].area_id
        node = sections.get(area_id) if area_id else None

        def strength(e: Evidence, node: SectionNode | None = node) -> tuple[int, bool, int]:
            # Stronger source first; at equal source, a statement inside the area's own section first.
            inside = node is not None and node.start <= e.block < node.end
            return (-RANK[e.found.source], not inside, e.block)

        ordered = sorted(items, key=strength)
        best = ordered[0]
        if node is not None:
            title = _section_title(ex, node)
        else:
            title = next((e.title for e in ordered if e.title), None)
            if title is None:
                area = area_by_id(area_id) if area_id else None
                title = area.title if area else key
        agreeing = [e for e in ordered if e.found.grade is best.found.grade]
        others = [e for e in ordered if e.found.grade is not best.found.grade]
        if others:
            ex.warn(
                "grade-conflict",
                f"'{title}': kept {best.describe()}; "
                + "; ".join(e.describe() for e in others)
                + f"; agreeing: {len(agreeing)}",
                ex.blocks[best.block],
            )
        if area_id is None:
            message = f"graded area '{title}' is not in the area taxonomy"
            ex.warn("unknown-area", message, ex.blocks[best.block])
        spans: list[Span] = []
        for e in agreeing:
            if e.span not in spans:
                spans.append(e.span)
        judgment = Judgment(
            area=Area(id=area_id, title=title),
            grade=best.found.grade,
            grade_text=best.found.grade_text,
            evidence=spans,
        )
        position = node.start if node is not None else min(e.block for e in items)
        judgments.append((position, judgment))
    return [judgment for _, judgment in sorted(judgments, key=lambda pair: pair[0])]


def attach_judgments(ex: Extraction) -> list[Judgment]:
    """Find every grade the document states, attribute it to an area and resolve one judgment per area."""
    attacher = _Attacher(ex)
    attacher.grids()
    attacher.labels()
    attacher.sentences()
    return resolve(ex, attacher.evidence)


@stage("judgments", requires=("info", "sections"), assigns=("judgments",))
def judgments_stage(ex: Extraction) -> None:
    """Assign the document's judgments, one per area."""
    ex.judgments = attach_judgments(ex)
