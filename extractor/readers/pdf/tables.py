"""Ruled tables on a PDF page: where they are (from their rules) and their rows of cells.

A table is a box ruled by horizontal rules of the same extent. Its rows are the bands between
its horizontal rules when rules mark every row and column, else a header band then one row per
line; its columns are its vertical rules, or halfway between the header's cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from extractor.readers.common import trim_cells
from extractor.readers.pdf.layout import GAP_EMS, Line, Rule, Word, make_line, physical_lines

# A table's box on the page: (x0, top, x1, bottom).
Region = tuple[float, float, float, float]


def table_regions(rules: list[Rule]) -> list[Region]:
    """Boxes ruled by at least two horizontal rules of the same extent (with or without verticals)."""
    horizontal = sorted((r for r in rules if r[3] - r[1] <= 2.0), key=lambda r: (r[1], r[0]))
    groups: list[list[Rule]] = []
    for rule in horizontal:
        for group in groups:
            x0, _, x1, _ = group[0]
            if abs(rule[0] - x0) <= 3 and abs(rule[2] - x1) <= 3 and rule[1] - group[-1][1] < 200:
                group.append(rule)
                break
        else:
            groups.append([rule])
    vertical = [r for r in rules if r[2] - r[0] <= 2.0]
    regions: list[Region] = []
    for g in groups:
        x0, top, x1, bottom = g[0][0], g[0][1], g[0][2], g[-1][3]
        if bottom - top <= 4 or x1 - x0 <= 60:
            continue
        # Three rules make a table (top, under the header, bottom); two need a vertical rule between
        # them, so that two charts' base lines one above the other do not.
        walled = any(x0 - 2 <= v[0] <= x1 + 2 and v[3] - v[1] >= 0.8 * (bottom - top) for v in vertical)
        if len(_merge(r[1] for r in g)) >= 3 or walled:
            regions.append((x0, top, x1, bottom))
    return regions


def split_words(words: list[Word], regions: list[Region]) -> tuple[list[list[Word]], list[Word]]:
    """Each table region's words (in region order), and the words outside every table."""
    in_table: list[list[Word]] = [[] for _ in regions]
    free: list[Word] = []
    for word in words:
        middle = _middle(word)
        for n, (x0, top, x1, bottom) in enumerate(regions):
            if top <= middle <= bottom and x0 - 1 <= word.x0 and word.x1 <= x1 + 1:
                in_table[n].append(word)
                break
        else:
            free.append(word)
    return in_table, free


def table_rows(region: Region, rules: list[Rule], words: list[Word], page: int) -> list[Line]:
    """A ruled table's rows: words assigned to the column under whose header (or rules) they sit."""
    if not words:
        return []
    x0, _, x1, _ = region
    row_edges, col_edges = _grid(region, rules)
    if len(col_edges) >= 3 and len(row_edges) > 2:
        rows = _rows_between_rules(words, row_edges)
    else:
        rows = _header_then_lines(words, row_edges)
    rows = [row for row in rows if row]
    if len(col_edges) < 3:
        col_edges = _columns_from_header(rows[0], x0, x1)
    return [make_line(page, _reading_order(row), x1, cells=_cell_texts(row, col_edges)) for row in rows]


def _grid(region: Region, rules: list[Rule]) -> tuple[list[float], list[float]]:
    """The table's row edges (tops of its horizontal rules) and column edges (its vertical rules)."""
    x0, top, x1, bottom = region
    inside = [
        r for r in rules if r[0] >= x0 - 2 and r[2] <= x1 + 2 and r[1] >= top - 2 and r[3] <= bottom + 2
    ]
    row_edges = _merge(r[1] for r in inside if r[3] - r[1] <= 2.0)
    col_edges = _merge(r[0] for r in inside if r[2] - r[0] <= 2.0 and r[3] - r[1] > 2.0)
    return row_edges, col_edges


def _rows_between_rules(words: list[Word], row_edges: list[float]) -> list[list[Word]]:
    """Rules mark every row: each word goes to the row between the rules around its middle."""
    rows: list[list[Word]] = [[] for _ in row_edges[:-1]]
    for word in words:
        rows[_slot(_middle(word), row_edges)].append(word)
    return rows


def _header_then_lines(words: list[Word], row_edges: list[float]) -> list[list[Word]]:
    """Rules do not mark the rows: the header band is one row, then every line is a row.

    The header ends at the rule under it, or just below the table's first line.
    """
    lines = physical_lines(words)
    header_end = row_edges[1] if len(row_edges) > 2 else min(w.bottom for w in lines[0]) + 0.5
    header = [w for w in words if _middle(w) < header_end]
    body = [line for line in lines if _middle(line[0]) >= header_end]
    return [header, *body]


def _columns_from_header(header: list[Word], x0: float, x1: float) -> list[float]:
    """Column edges halfway between the header row's cells, when the table has no vertical rules."""
    cells: list[list[Word]] = []
    for word in sorted(header, key=lambda w: w.x0):
        if cells and word.x0 - max(w.x1 for w in cells[-1]) <= GAP_EMS * word.size:
            cells[-1].append(word)
        else:
            cells.append([word])
    edges = [x0]
    for left, right in pairwise(cells):
        edges.append((max(w.x1 for w in left) + min(w.x0 for w in right)) / 2)
    return [*edges, x1 + 1]


def _cell_texts(row: list[Word], col_edges: list[float]) -> list[str]:
    """A row's cell texts: each word in the column its centre falls in (trailing empty cells dropped)."""
    cells: list[list[Word]] = [[] for _ in col_edges[:-1]]
    for word in row:
        cells[max(_slot((word.x0 + word.x1) / 2, col_edges), 0)].append(word)
    return trim_cells([" ".join(w.text for w in _reading_order(cell)) for cell in cells])


def _slot(value: float, edges: list[float]) -> int:
    """The index of the interval between ``edges`` that holds ``value`` (the last one past the end)."""
    return next((n for n in range(len(edges) - 1) if value < edges[n + 1]), len(edges) - 2)


def _middle(word: Word) -> float:
    """A word's vertical middle, which decides the row (and table) it belongs to."""
    return (word.top + word.bottom) / 2


def _reading_order(words: list[Word]) -> list[Word]:
    """Words line by line, each line left to right."""
    return [w for line in physical_lines(words) for w in line]


def _merge(values: Iterable[float], tolerance: float = 1.5) -> list[float]:
    """Sorted values with near-equal ones (within ``tolerance`` points) taken once."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged
