"""One static HTML page over a folder of report JSON: the grade matrix, then each force's details.

The page is self-contained (inline CSS, no scripts, no external assets) so it can be mailed or
opened from disk. The matrix shows, per force, the latest cycle it has a report of; when several
documents cover that cycle, each area's grade comes from the most authoritative one.

The markup is the Jinja2 template ``templates/overview.html.j2`` (autoescape on: every value
is text); this module only works out what the page shows, as plain values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
import regex

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
    older_scale,
    older_scale_note,
)
from extractor.version import __version__
from schemas import ITEM_FIELDS, Item, Judgment, Report, Span

OVERVIEW_NAME = "index.html"
_UNKNOWN_FORCE = "unknown"
# An item's text (past its title) longer than this folds (<details>) under a summary line.
FOLD_AFTER_CHARS = 400
# Where a sentence ends: an untitled item that folds keeps its first sentence in view.
_SENTENCE_END_RE = regex.compile(r"(?<=[.!?])\s+(?=[\p{Lu}\d“‘\"(])")


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


# ---- what the page shows, as plain values for the template -----------------------------------


@dataclass(frozen=True)
class Cell:
    """A grade cell: the grade ('' for none), its tooltip, and the data-* attributes that name it."""

    grade: str
    tip: str = ""
    data: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemView:
    """An item's text as shown: a lead (its title, or its first paragraph), then the rest.

    ``fold`` is the <summary> line when the rest is long enough to fold, else empty.
    """

    area: str
    where: str
    title: bool
    lead: str
    paragraphs: tuple[str, ...]
    fold: str


@dataclass(frozen=True)
class ScaleCycle:
    """A column of the cycles table, and whether it is on the older four-grade scale."""

    name: str
    older_scale: bool


@dataclass(frozen=True)
class GradeRow:
    """A row of grade cells under a title (an area of the cycles table)."""

    title: str
    cells: list[Cell]


@dataclass
class History:
    """A force's grades across cycles: areas by cycles, oldest first, with the scale note if due."""

    cycles: list[ScaleCycle]
    rows: list[GradeRow] = field(default_factory=list)
    older_scale: str = ""


@dataclass(frozen=True)
class MatrixRowView:
    """A force's row of the matrix as shown."""

    force_id: str
    force: str
    cycle: str
    older_scale: bool
    cells: list[Cell]


@dataclass(frozen=True)
class MatrixView:
    """The matrix as shown: its area columns (id, title), rows, and the scale note if due."""

    columns: list[tuple[str, str]]
    rows: list[MatrixRowView]
    older_scale: str


@dataclass(frozen=True)
class PlaceView:
    """One place that states a judgment: where, how it states it, its words (shown on hover)."""

    where: str
    how: str
    quote: str
    strongest: bool


@dataclass(frozen=True)
class JudgmentView:
    """A judgment's row: the canonical area, the document's words when they differ, grade, places."""

    area: str
    written: str
    grade: str
    where: list[str]
    places: list[PlaceView]

    @property
    def how(self) -> str:
        """How the strongest place states the grade ('sentence', 'grid', ...), '' with none."""
        return self.places[0].how if self.places else ""

    @property
    def quote(self) -> str:
        """The strongest place's words."""
        return self.places[0].quote if self.places else ""


@dataclass(frozen=True)
class FindingView:
    """A finding's row."""

    area: str
    text: str
    percent: str
    sentence: str
    where: str


@dataclass(frozen=True)
class Listing:
    """An item list of a report under its heading."""

    kind: str
    heading: str
    entries: list[ItemView]


@dataclass(frozen=True)
class ReportView:
    """One report's article."""

    file: str
    inspection: str
    kind: str
    format: str
    pages: int | None
    sha256: str
    warnings: int
    judgments: list[JudgmentView]
    listings: list[Listing]
    findings: list[FindingView]


@dataclass(frozen=True)
class SectionView:
    """One force's section: its cycles table (if it has two cycles or more) and its reports."""

    force_id: str
    name: str
    history: History | None
    reports: list[ReportView]


def where(span: Span | None) -> str:
    """'p. 3, line 9' with no-break spaces, or '' when nothing is known."""
    if span is None:
        return ""
    parts = ([f"p.\u00a0{span.page}"] if span.page else []) + (
        [f"line\u00a0{span.line}"] if span.line else []
    )
    return ", ".join(parts)


def _area_title(area_id: str | None, written: str | None = None) -> str:
    return area_label(area_id, written or "—")


def _cell(cell: tuple[Judgment, Report] | None, **data: str) -> Cell:
    """A grade cell with its document and place as a tooltip; an empty cell when none."""
    attributes = tuple(data.items())
    if cell is None:
        return Cell("", data=attributes)
    judgment, report = cell
    kind = report.document.kind.value.replace("_", " ")
    tip = f"{judgment.area.title} — {kind}, {report.source.file}"
    if judgment.evidence:
        best = judgment.evidence[0]
        tip += ", " + where(best).replace("\u00a0", " ") + f" ({best.how.value}): “{_short(best.text)}”"
    return Cell(judgment.grade.value, tip, attributes)


# The most characters of a quote a tooltip shows (a long sentence ends in an ellipsis).
_QUOTE_CHARS = 300


def _short(text: str) -> str:
    """A quote on one line, cut at a word near :data:`_QUOTE_CHARS` with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= _QUOTE_CHARS else line[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def item_view(item: Item) -> ItemView:
    """How an item reads on the page: its title once (not again at the start of its text), its
    paragraphs apart (never run into the title), and a long text folded under a summary line;
    an item without a title keeps its first sentence in view.

    >>> view = item_view(Item(title="Victims", text="Victims\\nThe force should update them.", span=Span()))
    >>> view.lead, view.paragraphs, view.fold
    ('Victims', ('The force should update them.',), '')
    """
    paragraphs = _paragraphs(item.text)
    title = " ".join(item.title.split()) if item.title else ""
    if title and paragraphs and paragraphs[0].startswith(title):
        first = paragraphs[0][len(title) :].lstrip(" .:–-")
        paragraphs = ([first] if first else []) + paragraphs[1:]
    long = sum(len(p) for p in paragraphs) > FOLD_AFTER_CHARS
    lead = title
    if long and not title:
        lead, *more = _SENTENCE_END_RE.split(paragraphs[0], maxsplit=1)
        paragraphs = more + paragraphs[1:]
    words = sum(len(p.split()) for p in paragraphs)
    fold = (
        "" if not long or not paragraphs else f"Full text ({words} words)" if title else f"{words} more words"
    )
    return ItemView(_area_title(item.area_id), where(item.span), bool(title), lead, tuple(paragraphs), fold)


def _history(group: Sequence[Report]) -> History | None:
    """A force's grades across cycles, or None with fewer than two cycles."""
    cycles = sorted({_cycle(r) for r in group if r.judgments}, key=cycle_key)
    if len(cycles) < 2:
        return None
    grades = {cycle: cycle_grades(group, cycle) for cycle in cycles}
    area_ids = area_order({a for cells in grades.values() for a in cells})
    history = History([ScaleCycle(c or "cycle unknown", older_scale(c)) for c in cycles])
    history.rows = [
        GradeRow(_area_title(a), [_cell(grades[c].get(a), area=a, cycle=c or "") for c in cycles])
        for a in area_ids
    ]
    if any(c.older_scale for c in history.cycles) and not all(c.older_scale for c in history.cycles):
        history.older_scale = older_scale_note([c.name for c in history.cycles if c.older_scale])
    return history


def _matrix(rows: list[MatrixRow]) -> MatrixView:
    columns = area_order({a for row in rows for a in row.cells})
    shown = [
        MatrixRowView(
            row.force_id,
            row.force,
            row.cycle or "cycle unknown",
            older_scale(row.cycle),
            [_cell(row.cells.get(a), force=row.force_id, area=a) for a in columns],
        )
        for row in rows
    ]
    old = sorted({row.cycle for row in rows if row.cycle and older_scale(row.cycle)}, key=cycle_key)
    mixed = bool(old) and any(not older_scale(row.cycle) for row in rows if row.cycle)
    return MatrixView([(a, _area_title(a)) for a in columns], shown, older_scale_note(old) if mixed else "")


def _judgment(judgment: Judgment) -> JudgmentView:
    """The canonical area title, the document's own words when they differ, the grade, the places."""
    written = judgment.area.title
    canonical = _area_title(judgment.area.id, written)
    differs = bool(judgment.area.id) and " ".join(written.split()).lower() != canonical.lower()
    places = [PlaceView(where(e), e.how.value, _short(e.text), e.strongest) for e in judgment.evidence]
    return JudgmentView(
        canonical,
        written if differs else "",
        judgment.grade.value,
        [where(s) for s in judgment.evidence],
        places,
    )


def _report(report: Report) -> ReportView:
    doc, source = report.document, report.source
    listings = [
        Listing(kind, ITEM_HEADINGS[kind], [item_view(i) for i in getattr(report, kind)])
        for kind in ITEM_FIELDS
        if getattr(report, kind) or kind == "areas_for_improvement"
    ]
    findings = [
        FindingView(_area_title(f.area_id), f.text, f"{100 * f.x / f.y:.0f}", f.sentence, where(f.span))
        for f in report.findings
    ]
    return ReportView(
        file=source.file,
        inspection=f"{doc.inspection.programme} {doc.inspection.cycle}"
        if doc.inspection
        else "Inspection unknown",
        kind=doc.kind.value.replace("_", " "),
        format=source.format.value,
        pages=source.pages,
        sha256=source.sha256[:12],
        warnings=len(report.warnings),
        judgments=[_judgment(j) for j in report.judgments],
        listings=listings,
        findings=findings,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    """The page template, from the package's data (autoescape on for every value)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("extractor.outputs", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("overview.html.j2")


def render_overview(reports: Sequence[Report], title: str = "PEEL inspection reports") -> str:
    """The whole page as HTML text."""
    groups = by_force(reports)
    names = {
        force: (group[0].document.force.name if group[0].document.force else "Reports without a known force")
        for force, group in groups.items()
    }
    forces = sorted(groups, key=lambda f: (f == _UNKNOWN_FORCE, names[f]))
    sections = [
        SectionView(
            force,
            names[force],
            _history(groups[force]) if force != _UNKNOWN_FORCE else None,
            [_report(report) for report in groups[force]],
        )
        for force in forces
    ]
    known = sum(1 for f in groups if f != _UNKNOWN_FORCE)
    return _template().render(
        title=title,
        reports_count=_count(len(reports), "report"),
        forces_count=_count(known, "force"),
        version=__version__,
        grade_colours=GRADE_COLOURS,
        grade_labels=GRADE_LABEL,
        matrix=_matrix(grade_matrix(reports)),
        sections=sections,
    )


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
