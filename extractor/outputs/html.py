"""One static HTML page over a folder of report JSON: the grade matrix, then each force's details.

The page is self-contained (inline CSS, no scripts, no external assets) so it can be mailed or
opened from disk. The matrix shows, per force, the latest cycle it has a report of; when several
documents cover that cycle, each area's grade comes from the most authoritative one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from extractor.outputs.base import Run, RunOutput, write_reports
from extractor.outputs.files import write_atomic
from extractor.outputs.json import Loaded, load_folder
from extractor.outputs.labels import (
    GRADE_COLOURS,
    GRADE_LABEL,
    ITEM_HEADINGS,
    area_label,
    area_order,
    cycle_key,
    kind_rank,
)
from extractor.version import __version__
from schemas import ITEM_FIELDS, Item, Judgment, Report, Span

OVERVIEW_NAME = "index.html"
_UNKNOWN_FORCE = "unknown"

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem;
       color: #1d1d1d; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid #444; }
h3 { margin-bottom: .25rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f0f0f0; font-size: .85rem; }
#grade-matrix thead th { max-width: 8rem; }
#grade-matrix td { text-align: center; min-width: 6rem; font-size: .9rem; }
#grade-matrix th[scope=row] { white-space: nowrap; }
.cycle, .where, .meta { color: #555; font-size: .85rem; }
.where { white-space: nowrap; }
td.none { color: #999; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .3rem; border-radius: 3px; }
.chip { padding: .1rem .4rem; border-radius: 3px; white-space: nowrap; }
.report { margin-left: 1rem; }
table.history td { text-align: center; min-width: 6rem; font-size: .9rem; }
""" + "".join(
    f".grade-{grade} {{ background: {bg}; color: {fg}; }}\n" for grade, (bg, fg) in GRADE_COLOURS.items()
)


@dataclass(frozen=True)
class MatrixRow:
    """One force's row: its latest cycle and, per area id, the judgment shown and its document."""

    force_id: str
    force: str
    cycle: str | None
    cells: dict[str, tuple[Judgment, Report]]


def _force_id(report: Report) -> str:
    return report.document.force.id if report.document.force else _UNKNOWN_FORCE


def _cycle(report: Report) -> str | None:
    return report.document.inspection.cycle if report.document.inspection else None


def _kind_rank(report: Report) -> int:
    return kind_rank(report.document.kind.value)


def by_force(reports: Sequence[Report]) -> dict[str, list[Report]]:
    """Reports grouped by force id (``unknown`` for none), each group latest cycle first."""
    groups: dict[str, list[Report]] = {}
    for report in reports:
        groups.setdefault(_force_id(report), []).append(report)
    ordered = {}
    for force, group in groups.items():
        # Two stable sorts: latest cycle first; within a cycle, the most authoritative kind first.
        group.sort(key=lambda r: (_kind_rank(r), r.source.file))
        ordered[force] = sorted(group, key=lambda r: cycle_key(_cycle(r)), reverse=True)
    return ordered


def grade_matrix(reports: Sequence[Report]) -> list[MatrixRow]:
    """One row per known force for its latest cycle, sorted by force name."""
    rows = []
    for force_id, group in by_force(reports).items():
        if force_id == _UNKNOWN_FORCE:
            continue
        latest = max((_cycle(r) for r in group), key=cycle_key)
        force = group[0].document.force
        rows.append(
            MatrixRow(force_id, force.name if force else force_id, latest, cycle_grades(group, latest))
        )
    return sorted(rows, key=lambda row: row.force)


def cycle_grades(group: Sequence[Report], cycle: str | None) -> dict[str, tuple[Judgment, Report]]:
    """Per area id, the judgment of one cycle from the most authoritative of a force's documents."""
    cells: dict[str, tuple[Judgment, Report]] = {}
    for report in sorted(group, key=_kind_rank):
        if _cycle(report) != cycle:
            continue
        for judgment in report.judgments:
            if judgment.area.id and judgment.area.id not in cells:
                cells[judgment.area.id] = (judgment, report)
    return cells


def _grade_cell(cell: tuple[Judgment, Report] | None, attrs: str) -> str:
    """A coloured cell saying the grade, with its document and place as a tooltip; a dash when none."""
    if cell is None:
        return f'<td class="none" {attrs} data-grade="">–</td>'
    judgment, report = cell
    grade = judgment.grade.value
    kind = report.document.kind.value.replace("_", " ")
    tip = f"{judgment.area.title} — {kind}, {report.source.file}"
    if judgment.evidence:
        tip += ", " + _where(judgment.evidence[0]).replace("&nbsp;", " ")
    return (
        f'<td class="grade-{grade}" {attrs} data-grade="{grade}" title="{escape(tip)}">'
        f"{escape(GRADE_LABEL[grade])}</td>"
    )


def _history_html(force_id: str, group: Sequence[Report]) -> str:
    """A force's grades across cycles: areas by cycles, oldest cycle first."""
    cycles = sorted({_cycle(r) for r in group if r.judgments}, key=cycle_key)
    if len(cycles) < 2:
        return ""
    grades = {cycle: cycle_grades(group, cycle) for cycle in cycles}
    area_ids = area_order({a for cells in grades.values() for a in cells})
    head = "".join(f'<th scope="col">{escape(c or "cycle unknown")}</th>' for c in cycles)
    body = "".join(
        f'<tr><th scope="row">{escape(_area_title(a))}</th>'
        + "".join(
            _grade_cell(grades[c].get(a), f'data-area="{escape(a)}" data-cycle="{escape(c or "")}"')
            for c in cycles
        )
        + "</tr>"
        for a in area_ids
    )
    return (
        f'<h3>Grades across cycles</h3><table class="history" data-force="{escape(force_id)}">'
        f'<thead><tr><th scope="col">Area</th>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _where(span: Span | None) -> str:
    if span is None:
        return ""
    parts = ([f"p.&nbsp;{span.page}"] if span.page else []) + (
        [f"line&nbsp;{span.line}"] if span.line else []
    )
    return ", ".join(parts)


def _area_title(area_id: str | None, written: str | None = None) -> str:
    return area_label(area_id, written or "—")


def _area_cell(judgment: Judgment) -> str:
    """The canonical area title, and the document's own words when they differ."""
    title = escape(_area_title(judgment.area.id, judgment.area.title))
    written = judgment.area.title
    if judgment.area.id and " ".join(written.split()).lower() != _area_title(judgment.area.id).lower():
        title += f'<br><span class="meta">as written: {escape(written)}</span>'
    return title


def _chip(grade: str) -> str:
    return f'<span class="chip grade-{grade}">{escape(GRADE_LABEL[grade])}</span>'


def _matrix_html(rows: list[MatrixRow]) -> str:
    columns = area_order({a for row in rows for a in row.cells})
    head = "".join(f'<th scope="col" data-area="{escape(a)}">{escape(_area_title(a))}</th>' for a in columns)
    body = []
    for row in rows:
        cells = [
            _grade_cell(row.cells.get(a), f'data-force="{escape(row.force_id)}" data-area="{escape(a)}"')
            for a in columns
        ]
        force_id = escape(row.force_id)
        body.append(
            f'<tr data-force="{force_id}"><th scope="row"><a href="#force-{force_id}">'
            f'{escape(row.force)}</a> <span class="cycle">{escape(row.cycle or "cycle unknown")}</span></th>'
            + "".join(cells)
            + "</tr>"
        )
    if not rows:
        return '<p class="meta">No report names a known force, so there is no grade matrix.</p>'
    legend = "".join(_chip(g) for g in GRADE_COLOURS)
    return (
        f'<table id="grade-matrix"><thead><tr><th scope="col">Force (latest cycle)</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>\n<p class="legend">{legend}</p>'
    )


def _table(css: str, columns: Sequence[str], rows: Sequence[str]) -> str:
    head = "".join(f"<th>{column}</th>" for column in columns)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead>{"".join(rows)}</table>'


def _listing(heading: str, css: str, columns: Sequence[str], rows: Sequence[str], none: str) -> str:
    """A list of a report under its heading and count: a table, or a line saying there is none."""
    if not rows:
        return f'<h4>{heading} (0)</h4><p class="meta">{none}</p>'
    return f"<h4>{heading} ({len(rows)})</h4>" + _table(css, columns, rows)


def _judgments_html(report: Report) -> str:
    if not report.judgments:
        return '<p class="meta">No graded judgments found.</p>'
    rows = [
        f"<tr><td>{_area_cell(j)}</td><td>{_chip(j.grade.value)}</td>"
        f'<td class="where">{"; ".join(_where(s) for s in j.evidence)}</td></tr>'
        for j in report.judgments
    ]
    return _table("judgments", ("Area", "Grade", "Where"), rows)


def _items_html(kind: str, items: list[Item]) -> str:
    rows = [
        f"<tr><td>{escape(_area_title(item.area_id))}</td><td>"
        + (f"<strong>{escape(item.title)}</strong><br>" if item.title and item.title != item.text else "")
        + f'{escape(item.text)}</td><td class="where">{_where(item.span)}</td></tr>'
        for item in items
    ]
    return _listing(ITEM_HEADINGS[kind], kind, ("Area", "Text", "Where"), rows, "None found.")


def _findings_html(report: Report) -> str:
    rows = [
        f"<tr><td>{escape(_area_title(f.area_id))}</td><td><strong>{escape(f.text)}</strong> "
        f"({100 * f.x / f.y:.0f}%)</td><td>{escape(f.sentence)}</td>"
        f'<td class="where">{_where(f.span)}</td></tr>'
        for f in report.findings
    ]
    columns = ("Area", "Finding", "Sentence", "Where")
    return _listing("Findings", "findings", columns, rows, 'No "X of Y" findings found.')


def _report_html(report: Report) -> str:
    doc, source = report.document, report.source
    inspection = (
        f"{doc.inspection.programme} {doc.inspection.cycle}" if doc.inspection else "Inspection unknown"
    )
    parts = [
        f'<article class="report" data-file="{escape(source.file)}">',
        f"<h3>{escape(inspection)} · {escape(doc.kind.value.replace('_', ' '))}</h3>",
        f'<p class="meta">{escape(source.file)} ({source.format.value}'
        + (f", {source.pages} pages" if source.pages else "")
        + f"), sha256 {source.sha256[:12]}…, {len(report.warnings)} warnings</p>",
        _judgments_html(report),
    ]
    for kind in ITEM_FIELDS:
        items: list[Item] = getattr(report, kind)
        if items or kind == "areas_for_improvement":
            parts.append(_items_html(kind, items))
    parts.append(_findings_html(report))
    parts.append("</article>")
    return "\n".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def render_overview(reports: Sequence[Report], title: str = "PEEL inspection reports") -> str:
    """The whole page as HTML text."""
    groups = by_force(reports)
    names = {
        force: (group[0].document.force.name if group[0].document.force else "Reports without a known force")
        for force, group in groups.items()
    }
    forces = sorted(groups, key=lambda f: (f == _UNKNOWN_FORCE, names[f]))
    sections = []
    for force in forces:
        sections.append(f'<section id="force-{escape(force)}"><h2>{escape(names[force])}</h2>')
        if force != _UNKNOWN_FORCE:
            sections.append(_history_html(force, groups[force]))
        sections.extend(_report_html(report) for report in groups[force])
        sections.append("</section>")
    known = sum(1 for f in groups if f != _UNKNOWN_FORCE)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="meta">{_count(len(reports), "report")} of {_count(known, "force")} · peel-extract {__version__}</p>
<h2>Grades: latest cycle of each force</h2>
{_matrix_html(grade_matrix(reports))}
{chr(10).join(sections)}
</body>
</html>
"""


class Overview(RunOutput[Report]):
    """The overview page (default ``<folder>/index.html``) over the reports it is given."""

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        super().__init__(folder)
        self.path = path or folder / OVERVIEW_NAME

    def finish(self, run: Run) -> None:
        write_atomic(self.path, render_overview(self.kept(run)))


def write_overview(folder: str | Path, out_path: str | Path | None = None) -> Loaded:
    """Read every report JSON in ``folder`` and write the overview page to ``out_path`` atomically."""
    root = Path(folder)
    loaded = load_folder(root)
    page = Overview(root, Path(out_path) if out_path else None)
    write_reports(page, ((path.relative_to(root).as_posix(), report) for path, report in loaded.reports))
    return loaded
