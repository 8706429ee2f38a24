"""The judgments grids of a document: tables under a header of grade words, 'Area | Grade' rows,
and grids or lists read one line at a time, whose pairing is decided from the whole list.

A list read one line at a time holds grade labels ("Good", "To be graded") and area titles.
Which way round it goes is told by the whole run, never line by line: a run that starts with
an area, ends with a grade and alternates is area / grade pairs (each grade follows its area:
a news page's flattened table, question headings each with its label); a run that starts with
a grade is the grid listed one column at a time (each area under the label above it). A run
that could read either way, or neither, gives no entries and a doubt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from extractor.finders.grade_lists import area_of_title, find_list_line, is_pending_label, is_title_like
from extractor.finders.grades import GridCell, find_bare_grade, find_grid_cells, find_pair_row, grid_header
from extractor.model import Block, BlockKind, GridEntry, Grids
from extractor.vocab.forces import force_name_matches
from extractor.vocab.grade_lists import LIST_FURNITURE_RE, UNKNOWN_TITLE_MAX_WORDS
from extractor.vocab.headings import KNOWN_HEADING_RE, VERDICT_HEADING_RE
from schemas import Grade

# The longest line that is an area's title in a listed grid.
_MAX_TITLE_CHARS = 120
# Three grade labels in a row open a flattened table's header: its columns are lost.
_HEADER_LABELS = 3


@dataclass(frozen=True)
class _Token:
    """One line (or a title wrapped over two) of a listed run: a grade label, an area or furniture."""

    kind: str  # "grade", "area" or "skip"
    index: int  # its first line
    width: int  # lines it covers
    text: str
    grade: Grade | None = None  # a label's grade (None: pending, "To be graded")
    label: str = ""  # the label's words
    area_id: str | None = None  # an area's id (None: an unknown title)


@dataclass(frozen=True)
class ListedGrades:
    """What the listed runs hold: entries, every line they cover, and runs that read no way for sure."""

    cells: list[GridCell]
    covered: set[int]
    doubts: list[tuple[int, str]]  # (first line of the run, why it was not read)
    leads: dict[int, int | None]  # entry row -> the line before its run (the list's lead-in)
    label_rows: set[int]  # rows of entries that are a label following its area (pairs)


def _known_title(text: str) -> str | None:
    """The area id of a line that is nothing but an area's title."""
    if len(text) > _MAX_TITLE_CHARS or text.rstrip().endswith((".", ":", ";")):
        return None
    return area_of_title(text)


def _unknown_title(text: str) -> bool:
    """A short title-shaped line that names no known area, no force and no known section: maybe an
    area outside the taxonomy, when it stands inside a list."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > UNKNOWN_TITLE_MAX_WORDS or len(text) > _MAX_TITLE_CHARS:
        return False
    if not (text[:1].isupper() or text[:1].isdigit()) or text.endswith((".", ":", ";", ",", "!")):
        return False
    if KNOWN_HEADING_RE.match(text) or VERDICT_HEADING_RE.match(text) or not is_title_like(text):
        return False
    return not force_name_matches(text)


def _token(texts: Sequence[str], index: int) -> _Token | None:
    """The token that starts at line ``index``, or None when the line breaks a listed run."""
    text = texts[index].strip()
    if not text:
        return None
    bare = find_bare_grade(text)
    if bare is not None:
        return _Token("grade", index, 1, text, bare.grade, bare.grade_text)
    if is_pending_label(text):
        return _Token("grade", index, 1, text, None, text)
    if LIST_FURNITURE_RE.match(text):
        return _Token("skip", index, 1, text)
    area_id = _known_title(text)
    if area_id is not None:
        return _Token("area", index, 1, text, area_id=area_id)
    if index + 1 < len(texts) and texts[index + 1].strip():
        joined = f"{text} {texts[index + 1].strip()}"
        area_id = _known_title(joined)
        if area_id is not None:
            return _Token("area", index, 2, joined, area_id=area_id)
    if _unknown_title(text):
        return _Token("area", index, 1, text)
    return None


def _is_unknown(token: _Token) -> bool:
    """An unknown title's token."""
    return token.kind == "area" and token.area_id is None


def _run(texts: Sequence[str], start: int) -> list[_Token]:
    """The tokens of the run from ``start`` on: no two unknown titles in a row, none at the end."""
    tokens: list[_Token] = []
    index = start
    while index < len(texts):
        token = _token(texts, index)
        if token is None:
            break
        if _is_unknown(token) and tokens and _is_unknown(tokens[-1]):
            tokens.pop()
            break
        tokens.append(token)
        index += token.width
    while tokens and (tokens[-1].kind == "skip" or _is_unknown(tokens[-1])):
        tokens.pop()
    return _merge_restated(tokens)


def _merge_restated(tokens: list[_Token]) -> list[_Token]:
    """A title restated on the next line (a pillar's name, then its question) is one area."""
    merged: list[_Token] = []
    for token in tokens:
        last = next((t for t in reversed(merged) if t.kind != "skip"), None)
        restated = last is not None and last.kind == "area" and last.area_id == token.area_id
        if token.kind == "area" and token.area_id is not None and restated:
            merged.append(_Token("skip", token.index, token.width, token.text))
            continue
        merged.append(token)
    return merged


def _order(tokens: Sequence[_Token]) -> str | None:
    """How a run reads: 'pairs' (each grade follows its area), 'columns' (each area under the
    label above it), or None when it reads no way for sure."""
    kinds = [t.kind for t in tokens if t.kind != "skip"]
    strict = all(a != b for a, b in pairwise(kinds))
    if kinds[0] == "area":
        return "pairs" if strict and kinds[-1] == "grade" else None
    if strict and kinds[-1] == "grade":
        return None  # "Good / A / Adequate / B / Good": each grade could follow or precede its area
    return "columns"


def _doubt(tokens: Sequence[_Token]) -> str | None:
    """Why a run is not read, or None when its order is sure."""
    kinds = [t.kind for t in tokens if t.kind != "skip"]
    leading = len(kinds) - len("".join("g" if k == "grade" else "a" for k in kinds).lstrip("g"))
    if leading >= _HEADER_LABELS:
        return "a row of grade labels opens it, as a flattened table's header: its columns are lost"
    if _order(tokens) is not None:
        return None
    if kinds[0] == "area":
        return "it starts with an area but is not area / grade pairs"
    return "it alternates grade and area and starts and ends with a grade, so either may come first"


def _entries(tokens: Sequence[_Token], order: str) -> list[GridCell]:
    """Each area with the grade that follows it ('pairs') or the label above it ('columns')."""
    cells: list[GridCell] = []
    marks = [t for t in tokens if t.kind != "skip"]
    for position, token in enumerate(marks):
        if token.kind != "area":
            continue
        if order == "pairs":  # the entry stands at the label, as a label under its heading
            label = marks[position + 1]
            row = label.index
        else:
            label = next(t for t in reversed(marks[:position]) if t.kind == "grade")
            row = token.index
        if label.grade is not None:  # a pending label ("To be graded") grades nothing
            cells.append(GridCell(row, 0, token.text, label.grade, label.label))
    return cells


def find_listed_grades(texts: Sequence[str]) -> ListedGrades:
    """The grids and pair lists written one line at a time, each run read as a whole.

    A run needs two known areas and, when an area comes first, two grades: an area heading with
    its label under it, then the next area's heading, is no list.

    >>> pairs = find_listed_grades(["Graded as follows:", "Responding to the public", "Good",
    ...                             "Investigating crime", "Inadequate", "The chief said."])
    >>> [(c.row, c.text, c.grade.value) for c in pairs.cells]
    [(2, 'Responding to the public', 'good'), (4, 'Investigating crime', 'inadequate')]
    >>> sorted(pairs.covered), pairs.leads[2]
    ([2, 4], 0)
    """
    cells: list[GridCell] = []
    covered: set[int] = set()
    doubts: list[tuple[int, str]] = []
    leads: dict[int, int | None] = {}
    label_rows: set[int] = set()
    index = 0
    while index < len(texts):
        first = _token(texts, index)
        if first is None or first.kind == "skip" or (first.kind == "area" and first.area_id is None):
            index += 1
            continue
        tokens = _with_trailing_title(texts, _with_leading_title(texts, _run(texts, index)))
        if not _is_list(tokens):
            index += 1
            continue
        start, end = tokens[0].index, tokens[-1].index + tokens[-1].width
        lead = start - 1 if start > 0 else None
        why = _doubt(tokens)
        order = _order(tokens)
        if why is not None:
            covered.update(range(start, end))
            doubts.append((start, why))
        elif order == "pairs":
            # Only the labels are the list's: each area line stays what it is (a heading opens
            # its section), and its label is read here rather than line by line.
            covered.update(t.index for t in tokens if t.kind == "grade")
            for cell in _entries(tokens, order):
                cells.append(cell)
                leads[cell.row] = lead
                label_rows.add(cell.row)
        else:
            covered.update(range(start, end))
            for cell in _entries(tokens, "columns"):
                cells.append(cell)
                leads[cell.row] = lead
        index = max(end, index + 1)
    return ListedGrades(cells, covered, doubts, leads, label_rows)


def _is_list(tokens: Sequence[_Token]) -> bool:
    """Two known areas and a grade; and when an area comes first, two grades (an area heading
    with its label, then the next area's heading, is no list)."""
    known = [t for t in tokens if t.kind == "area" and t.area_id]
    grades = [t for t in tokens if t.kind == "grade"]
    if len(known) < 2 or not grades:
        return False
    return tokens[0].kind == "grade" or len(grades) >= 2


def _with_leading_title(texts: Sequence[str], tokens: list[_Token]) -> list[_Token]:
    """A run that could read either way, after an unknown title: the title is its first area, so
    the run is area / grade pairs ("Local priorities / Good / Investigating crime / Adequate")."""
    if not tokens or _order(tokens) is not None or tokens[0].kind != "grade" or tokens[0].index == 0:
        return tokens
    previous = tokens[0].index - 1
    if not _unknown_title(texts[previous]) or _known_title(texts[previous]) is not None:
        return tokens
    candidate = [_Token("area", previous, 1, texts[previous].strip()), *tokens]
    return candidate if _order(candidate) == "pairs" else tokens


def _with_trailing_title(texts: Sequence[str], tokens: list[_Token]) -> list[_Token]:
    """A grid listed by column whose last label has no area yet, then an unknown title that body
    text follows: the title is that label's area, outside the taxonomy."""
    if not tokens or tokens[-1].kind != "grade" or _order(tokens) != "columns":
        return tokens
    following = tokens[-1].index + 1
    if following >= len(texts) or not _unknown_title(texts[following]):
        return tokens
    after = texts[following + 1].strip() if following + 1 < len(texts) else ""
    if after and not (after.endswith((".", ":")) or len(after) > _MAX_TITLE_CHARS):
        return tokens  # a heading or another title follows: the label may just be an empty column
    return [*tokens, _Token("area", following, 1, texts[following].strip())]


def find_listed_grid(texts: Sequence[str]) -> tuple[list[GridCell], set[int]]:
    """The entries and covered lines of :func:`find_listed_grades` (the listed grid as it reads)."""
    listed = find_listed_grades(texts)
    return listed.cells, listed.covered


def _two_cell_row(cells: Sequence[str]) -> list[tuple[str, Grade, str]]:
    """A two-column row read as a list line, either way round and grouped: 'Good | Investigating
    crime, Responding to the public' gives each area its grade; only known areas count."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if len(filled) != 2:
        return []
    line = find_list_line(f"{filled[0]}: {filled[1]}")
    if line is None or not line.known:
        return []
    return [(part.text, line.grade, line.grade_text) for part in line.areas]


def _header_text(cells: Sequence[str], column: int) -> str:
    """The grade words of a grid header's column as written."""
    return cells[column].strip() if column < len(cells) else ""


def find_grids(blocks: Sequence[Block]) -> Grids:
    """Every judgments grid of the blocks: tables under a header of grade words, 'Area | Grade'
    rows, and grids listed one line at a time, with every block index they cover.

    Entries of tables and pair rows come in block order, then those of listed grids. Each entry
    keeps the block before its grid (its lead-in), so the stage can tell whose grades they are.
    """
    entries: list[GridEntry] = []
    covered: set[int] = set()
    index = 0
    while index < len(blocks):
        block = blocks[index]
        table_row = block.kind is BlockKind.TABLE_ROW
        header = grid_header(block.cells or []) if table_row else None
        lead = index - 1 if index > 0 else None
        if header is None:
            pair = find_pair_row(block.cells) if table_row and block.cells else None
            if pair is not None:
                covered.add(index)
                entries.append(GridEntry(index, pair.phrase or "", pair.grade, pair.grade_text, lead))
            elif table_row and block.cells:
                for text, grade, grade_text in _two_cell_row(block.cells):
                    covered.add(index)
                    entries.append(GridEntry(index, text, grade, grade_text, lead))
            index += 1
            continue
        end = index + 1
        while end < len(blocks) and blocks[end].kind is BlockKind.TABLE_ROW:
            end += 1
        rows = [blocks[i].cells or [] for i in range(index + 1, end)]
        covered.update(range(index, end))
        for cell in find_grid_cells(header, rows):
            grade_text = _header_text(block.cells or [], cell.column)
            entries.append(GridEntry(index + 1 + cell.row, cell.text, cell.grade, grade_text, lead))
        index = end
    texts = [block.text for block in blocks]
    listed = find_listed_grades([text if i not in covered else "" for i, text in enumerate(texts)])
    covered.update(listed.covered)
    for cell in listed.cells:
        lead, pair = listed.leads.get(cell.row), cell.row in listed.label_rows
        entries.append(GridEntry(cell.row, cell.text, cell.grade, cell.label, lead, pair))
    return Grids(entries, covered, list(listed.doubts))
