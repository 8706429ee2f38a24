"""Grades stated by layout: bare labels, titles that carry their grade, and the judgments grids.

Pure functions of a line or a table's cells; each returns what grade it states and how
(:class:`GradeStatement`). The grids of a whole document, and lists read one line at a
time, are found by :mod:`extractor.finders.grids`; list lines by
:mod:`extractor.finders.grade_lists`; sentences by :mod:`extractor.finders.grade_sentences`.
Which area a statement belongs to is the judgments stage's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

import regex

from extractor.finders.area_lists import AreaName
from extractor.vocab.areas import match_area
from extractor.vocab.grades import BARE_GRADE_RE, GRADE_KEYWORD_RE, TITLE_GRADE_RE, parse_grade
from schemas import Area, EarlierJudgment, Grade, How, Span
from schemas import Evidence as StatedEvidence


class EvidenceKind(str, Enum):
    """What kind of place states a grade (the judgments stage ranks them; warnings name them by value)."""

    HEADING = "heading"  # "Responding to the Public – Requires Improvement (4 AFIs)"
    SENTENCE = "sentence"  # "Kent Police is good at ...", "our victim service assessment is ungraded"
    LIST = "list line"  # "• Investigating crime: requires improvement", "Good: Preventing crime"
    GRID = "judgments table"  # a cell under a grade column of "Our judgments"
    LABEL = "grade label"  # a bare "Good" / "(Outstanding)" line under or after an area


@dataclass(frozen=True)
class GradeStatement:
    """One statement of a grade, before it is attributed to an area.

    ``phrase`` is the text naming the area when the statement names one (a sentence's
    "at ..." phrase, a heading's title, a grid cell); ``earlier`` marks a grade for an
    earlier inspection ("has moved from requires improvement to ...", "In 2017, we ...").
    """

    grade: Grade
    grade_text: str
    kind: EvidenceKind
    phrase: str | None = None
    earlier: bool = False
    # Only a judgment when ``phrase`` names an area: "Kent Police's leadership ... is good",
    # "our victim service assessment is ungraded" (not "the call was not graded").
    names_area: bool = False
    # The areas a sentence's list names ("good at A, B and C"): the grade is each one's.
    areas: tuple[AreaName, ...] = ()
    # An earlier inspection's cycle or year, where the sentence states it ("In 2017, we judged ...").
    cycle: str | None = None
    # The grade was the earlier inspection's too ("once again graded", "has retained").
    also_earlier: bool = False
    # The subject is "it", or none of its own: not a judgment by position alone.
    by_pronoun: bool = False
    # "We also judged it ...": the sentence may go on from an earlier inspection's sentence before it.
    goes_on: bool = False


# --------------------------------------------------------------------------- labels and headings


def find_bare_grade(text: str) -> GradeStatement | None:
    """A line that is nothing but a grade label: 'Good', '(Outstanding)', 'Ungraded'.

    >>> find_bare_grade("(Outstanding)").grade, find_bare_grade("Good work") is None
    (<Grade.OUTSTANDING: 'outstanding'>, True)
    """
    if not BARE_GRADE_RE.match(text):
        return None
    grade = parse_grade(text)
    return GradeStatement(grade, text.strip(), EvidenceKind.LABEL) if grade else None


def find_title_grade(text: str) -> GradeStatement | None:
    """A heading or label that carries its grade: 'Crime data integrity (Outstanding)'.

    >>> find_title_grade("Investigating Crime – Requires Improvement (3 AFIs)").phrase
    'Investigating Crime'
    """
    if not GRADE_KEYWORD_RE.search(text[-60:]):
        return None  # quick test before the full pattern: the grade ends a title
    match = TITLE_GRADE_RE.match(text.strip())
    if not match or len(match.group("title").split()) > 20 or regex.search(r"[.!?]\s", match.group("title")):
        return None  # a sentence, not a title
    grade = parse_grade(match.group("grade"))
    if grade is None:
        return None
    return GradeStatement(
        grade, match.group("grade"), EvidenceKind.HEADING, phrase=match.group("title").strip()
    )


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


def find_pair_row(cells: Sequence[str]) -> GradeStatement | None:
    """A two-column row 'Area | Grade' (older reports' summary tables), when the first cell names an area."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) != 2:
        return None
    bare = find_bare_grade(filled[1])
    if bare is None or match_area(filled[0]) is None:
        return None
    return GradeStatement(bare.grade, bare.grade_text, EvidenceKind.GRID, phrase=filled[0])


@dataclass
class Evidence:
    """A grade statement attributed to an area, with where it stands."""

    area_id: str | None
    title: str | None
    statement: GradeStatement
    block: int
    span: Span
    cycle: str | None = None  # an earlier judgment's cycle or year, where stated
    name: AreaName | None = None  # the words of a sentence that named the area (titled once all are read)
    text: str = ""  # the words that state it: the sentence, the grid cell, the label line, the heading

    def describe(self) -> str:
        """'sentence at line 98 says requires improvement'."""
        where = f"line {self.span.line}" if self.span.line else "an unnumbered line"
        if self.span.page:
            where = f"page {self.span.page}, {where}"
        grade = self.statement.grade.value.replace("_", " ")
        return f"{self.statement.kind.value} at {where} says {grade}"


def stated_evidence(agreeing: list[Evidence]) -> list[StatedEvidence]:
    """A judgment's evidence as the report writes it: the strongest statement first (marked), then
    the others in the order they stand; one entry per place and words."""
    if not agreeing:
        return []
    best, rest = (
        agreeing[0],
        sorted(agreeing[1:], key=lambda e: (e.block, e.span.start or 0, e.span.line or 0)),
    )
    out: list[StatedEvidence] = []
    seen: set[tuple[int | None, int | None, int | None, str]] = set()
    for e in [best, *rest]:
        key = (e.span.page, e.span.line, e.span.start, e.text.strip())
        if key in seen:
            continue
        seen.add(key)
        fields = e.span.model_dump()
        out.append(
            StatedEvidence(**fields, text=e.text.strip(), how=How[e.statement.kind.name], strongest=e is best)
        )
    return out


def resolve_earlier(evidence: list[Evidence]) -> list[EarlierJudgment]:
    """One earlier judgment per area and cycle, in the order the text states them (the first
    statement's grade; every statement that agrees is its evidence)."""
    groups: dict[tuple[str | None, str | None], list[Evidence]] = {}
    for item in evidence:
        groups.setdefault((item.area_id, item.cycle), []).append(item)
    earlier = []
    for (area_id, cycle), items in groups.items():
        first = items[0]
        agreeing = [e for e in items if e.statement.grade is first.statement.grade]
        earlier.append(
            EarlierJudgment(
                area=Area(id=area_id, title=first.title or area_id or ""),
                grade=first.statement.grade,
                grade_text=first.statement.grade_text,
                evidence=stated_evidence(agreeing),
                cycle=cycle,
            )
        )
    return earlier
