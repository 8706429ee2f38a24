"""What changed between two reports of one force: grades, recurring AFIs, and findings on one measure.

Works on two ``Report`` models (the JSON the pipeline wrote). AFIs are reworded from one cycle
to the next, so they are paired by word similarity (one-to-one, best pair first), never by
equal text; the similarity is shown with both texts so a reader can judge each pairing.
Two "X of Y" findings are paired only when they count the same thing in the same area, the same
way round ("wasn't met" never pairs with "was met"): the words of each finding's own clause,
less the audit's framing, must nearly all agree; the others are listed unpaired.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise
from pathlib import Path
from typing import Literal, TypeVar

import regex
from pydantic import BaseModel

from extractor.outputs.json import read_report
from extractor.outputs.labels import (
    GRADE_LABEL,
    GRADE_RANK,
    SCALE_RESET_YEAR,
    area_label,
    area_order,
    cycle_key,
)
from extractor.vocab.areas import normalise_title
from extractor.vocab.measures import (
    AFTER_COUNT_RE,
    FILLER_WORDS,
    FRAMING_RE,
    NEGATION_RE,
    NOT_NEGATIONS_RE,
)
from extractor.vocab.numbers import NUMBER_RE
from extractor.vocab.words import stem
from schemas import Finding, Item, Judgment, Report, Span

# Two AFIs (or two findings' sentences) whose similarity reaches this are the same one reworded.
SIMILARITY_THRESHOLD = 0.5
# Two findings count the same thing when this share of the larger one's measure words is shared.
MEASURE_THRESHOLD = 0.6
# A pairing across two different known areas must be this much more similar to count.
OTHER_AREA_FACTOR = 0.85

Direction = Literal["up", "down", "same", "not_comparable", "only_in_old", "only_in_new"]

# Words every AFI uses ("the force should improve how it ...") carry no meaning for pairing.
_STOP_WORDS = frozenset(
    " ".join(
        (
            "a an the and or but of to in on at by for from with within into as than that this these those",
            "it its it's is are was were be been being has have had not no do does did so such which who",
            "whom whose what when where how why all any each every some more most less other our we us they",
            "their them there here should must needs need make makes sure ensure ensures improve improves",
            "improving better force forces constabulary police service services can could would will also",
            "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty",
            "hundred case cases",
        )
    ).split()
)


class Side(BaseModel):
    """Which report a side of the diff is."""

    file: str
    force_id: str | None
    force: str | None
    cycle: str | None
    kind: str


class GradeChange(BaseModel):
    """One area's grade in the old and the new report."""

    area_id: str | None
    area: str
    old_grade: str | None
    new_grade: str | None
    direction: Direction


class ItemRef(BaseModel):
    """An item and where it stands."""

    area_id: str | None
    title: str | None
    text: str
    page: int | None
    line: int | None


class Recurring(BaseModel):
    """An AFI of the old report found again, reworded or not, in the new one."""

    similarity: float
    old: ItemRef
    new: ItemRef


class FindingRef(BaseModel):
    """A finding, what it counts (its own clause of the sentence, and which way round), and where."""

    area_id: str | None
    unit: str | None
    x: int
    y: int
    percent: float
    text: str
    sentence: str
    measure: str
    negated: bool
    page: int | None
    line: int | None


class SameMeasure(BaseModel):
    """A finding measured in both reports: same area, unit and counted thing, the same way round."""

    area_id: str | None
    unit: str | None
    similarity: float
    old: FindingRef
    new: FindingRef
    change_points: float


class ReportDiff(BaseModel):
    """Everything ``peel-extract diff`` reports."""

    old: Side
    new: Side
    grades: list[GradeChange]
    afis_recurring: list[Recurring]
    afis_new: list[ItemRef]
    afis_not_repeated: list[ItemRef]
    findings_same_measure: list[SameMeasure]
    findings_only_in_old: list[FindingRef]
    findings_only_in_new: list[FindingRef]
    warnings: list[str]


# ---- similarity -------------------------------------------------------------------------------


def content_words(text: str) -> list[str]:
    """The meaning-bearing words of a text, lower-cased and crudely stemmed, in order.

    >>> content_words("The force should improve how it supervises investigations.")
    ['supervis', 'investig']
    """
    words = regex.findall(r"\p{L}+(?:'\p{L}+)?", text.lower().replace("’", "'"))
    return [stem(w) for w in words if w not in _STOP_WORDS and len(w) > 1]


def similarity(a: str, b: str) -> float:
    """How alike two texts are in meaning-bearing words, 0 to 1: shared words or shared word order.

    >>> similarity("Victims are kept updated.", "The force keeps victims updated.")
    0.667
    """
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    shared = len(set(wa) & set(wb))
    dice = 2 * shared / (len(set(wa)) + len(set(wb)))
    order = SequenceMatcher(None, wa, wb, autojunk=False).ratio()
    return round(max(dice, order), 3)


T = TypeVar("T")


def pair_up(
    old: Sequence[T], new: Sequence[T], score: Callable[[T, T], float], threshold: float
) -> tuple[list[tuple[T, T, float]], list[T], list[T]]:
    """One-to-one pairs of old and new by score (best first, ties in document order); the rest.

    >>> pair_up(["ab", "cd"], ["cx", "zz"], lambda a, b: float(a[0] == b[0]), 0.5)
    ([('cd', 'cx', 1.0)], ['ab'], ['zz'])
    """
    candidates = sorted(
        ((score(o, n), i, j) for i, o in enumerate(old) for j, n in enumerate(new)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for value, i, j in candidates:
        if value < threshold:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, value))
    pairs.sort(key=lambda p: p[0])
    return (
        [(old[i], new[j], value) for i, j, value in pairs],
        [o for i, o in enumerate(old) if i not in used_old],
        [n for j, n in enumerate(new) if j not in used_new],
    )


# ---- the diff ---------------------------------------------------------------------------------


def _side(report: Report) -> Side:
    doc = report.document
    return Side(
        file=report.source.file,
        force_id=doc.force.id if doc.force else None,
        force=doc.force.name if doc.force else None,
        cycle=doc.inspection.cycle if doc.inspection else None,
        kind=doc.kind.value,
    )


def _place(span: Span) -> tuple[int | None, int | None]:
    return span.page, span.line


def _item_ref(item: Item) -> ItemRef:
    page, line = _place(item.span)
    return ItemRef(area_id=item.area_id, title=item.title, text=item.text, page=page, line=line)


def _area_key(judgment: Judgment) -> str:
    """Canonical id, or the folded title for an area the taxonomy does not know."""
    return judgment.area.id or "title:" + normalise_title(judgment.area.title)


def direction(old: str | None, new: str | None) -> Direction:
    """Which way a grade moved.

    >>> direction("requires_improvement", "good"), direction("good", "not_graded"), direction(None, "good")
    ('up', 'not_comparable', 'only_in_new')
    """
    if old is None:
        return "only_in_new"
    if new is None:
        return "only_in_old"
    a, b = GRADE_RANK[old], GRADE_RANK[new]
    if a is None or b is None:
        return "same" if old == new else "not_comparable"
    return "up" if b > a else "down" if b < a else "same"


def _grades(old: Report, new: Report) -> list[GradeChange]:
    before = {_area_key(j): j for j in old.judgments}
    after = {_area_key(j): j for j in new.judgments}
    changes = []
    for key in area_order(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        shown = (b or a).area  # type: ignore[union-attr]
        changes.append(
            GradeChange(
                area_id=shown.id,
                area=area_label(shown.id, shown.title),
                old_grade=a.grade.value if a else None,
                new_grade=b.grade.value if b else None,
                direction=direction(a.grade.value if a else None, b.grade.value if b else None),
            )
        )
    return changes


def item_similarity(a: Item, b: Item) -> float:
    """Similarity of two items by text (and by heading when both have one), less across areas."""
    value = similarity(a.text, b.text)
    if a.title and b.title:
        value = max(value, similarity(a.title, b.title))
    if a.area_id and b.area_id and a.area_id != b.area_id:
        value *= OTHER_AREA_FACTOR
    return round(value, 3)


# ---- what a finding counts -------------------------------------------------------------------

# Where one clause of a sentence ends and the next begins, between two findings of one sentence.
_CLAUSE_BREAK_RE = regex.compile(
    r";|,\s*(?:and|but|while|whereas)\b|,|\s(?:and|but|while|whereas)\s", regex.I
)
# A sentence break inside a finding's text ("... all 48 cases we reviewed. In 46 of these cases").
_SENTENCE_BREAK_RE = regex.compile(r"[.!?]\s+(?=\p{Lu})")


def measure_stem(word: str) -> str:
    """A word's stem taken to a fixed point, so 'assess', 'assessed' and 'assessment' agree.

    >>> measure_stem("assessment"), measure_stem("assesses"), measure_stem("appropriately")
    ('asse', 'asse', 'appropriat')
    """
    while (shorter := stem(word)) != word:
        word = shorter
    return word


def measure_words(text: str) -> frozenset[str]:
    """The words of a clause that say what was counted: no framing, numbers, negation or stop words.

    >>> sorted(measure_words("In our review, we found that only 10 of 12 victims' needs were assessed"))
    ['asse', 'victim']
    """
    text = NUMBER_RE.sub(" ", FRAMING_RE.sub(" ", text))
    words = regex.findall(r"\p{L}+(?:['’]\p{L}+)*", text.lower())
    kept = set()
    for word in words:
        word = regex.sub(r"['’]s$|s['’]$|n['’]t$", "", word)
        if len(word) > 1 and word not in _STOP_WORDS and word not in FILLER_WORDS:
            kept.add(measure_stem(word))
    return frozenset(kept)


def is_negated(text: str) -> bool:
    """Whether a clause counts what was NOT done ("wasn't met", "failed to", "without").

    >>> is_negated("the required attendance time wasn't met"), is_negated("they were seen without delay")
    (True, False)
    """
    return bool(NEGATION_RE.search(NOT_NEGATIONS_RE.sub(" ", text)))


def _unit_head(unit: str | None) -> str:
    """The noun a unit counts ('stop and search records' -> 'record'); '' when none."""
    return measure_stem(unit.lower().split()[-1]) if unit and unit.split() else ""


@dataclass(frozen=True)
class Measure:
    """What one finding counts: its area, its unit's noun, its clause's words, and which way round."""

    area_id: str | None
    unit: str
    words: frozenset[str]
    negated: bool
    clause: str


def _located(sentence: str, texts: Sequence[str]) -> list[tuple[int, int] | None]:
    """Where each finding's text stands in their shared sentence, in order; None if not found."""
    places: list[tuple[int, int] | None] = []
    start = 0
    for text in texts:
        at = sentence.find(text, start)
        if at < 0:
            at = sentence.find(text)
        places.append(None if at < 0 else (at, at + len(text)))
        if at >= 0:
            start = at + len(text)
    return places


def _clauses(sentence: str, places: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each finding's own stretch of the sentence: cut between two findings at the last clause break.

    >>> s = "Checks were made for repeat victims in 3 of 5 cases and for vulnerable victims in 4 of 4 cases."
    >>> [s[a:b] for a, b in _clauses(s, [(39, 50), (81, 92)])]
    ['Checks were made for repeat victims in 3 of 5 cases', ' and for vulnerable victims in 4 of 4 cases.']
    """
    cuts: list[int] = [0]
    for (_, end), (start, _) in pairwise(places):
        breaks = list(_CLAUSE_BREAK_RE.finditer(sentence, end, start))
        cuts.append(breaks[-1].start() if breaks else -1)  # -1: no break, the gap is shared
    cuts.append(len(sentence))
    spans = []
    for n, (_, end) in enumerate(places):
        lo = cuts[n] if cuts[n] >= 0 else places[n - 1][1]
        hi = cuts[n + 1] if cuts[n + 1] >= 0 else places[n + 1][0]
        inside = list(_SENTENCE_BREAK_RE.finditer(sentence, lo, end))
        spans.append((inside[-1].end() if inside else lo, hi))
    return spans


def measures(findings: Sequence[Finding]) -> list[Measure]:
    """What each finding counts, read from its own clause of its sentence (in the findings' order)."""
    by_sentence: dict[tuple[str, int | None, int | None], list[int]] = {}
    for i, f in enumerate(findings):
        by_sentence.setdefault((f.sentence, f.span.page, f.span.line), []).append(i)
    out: dict[int, Measure] = {}
    for (sentence, _, _), members in by_sentence.items():
        places = _located(sentence, [findings[i].text for i in members])
        found = [(i, p) for i, p in zip(members, places, strict=True) if p is not None]
        clauses = _clauses(sentence, [p for _, p in found])
        spans = {i: span for (i, _), span in zip(found, clauses, strict=True)}
        for i, place in zip(members, places, strict=True):
            f = findings[i]
            head = _unit_head(f.unit)
            lo, hi = spans.get(i, (0, len(sentence)))
            start, end = place or (lo, lo)
            after = AFTER_COUNT_RE.sub(" ", sentence[end:hi])
            modifiers = " ".join((f.unit or "").split()[:-1])
            words = measure_words(f"{sentence[lo:start]} {modifiers} {after}") - {head}
            clause = sentence[lo:hi].strip(" ,;")
            out[i] = Measure(f.area_id, head, words, is_negated(clause), clause)
    return [out[i] for i in range(len(findings))]


def measure_similarity(a: Measure, b: Measure) -> float:
    """The share of the larger clause's words the two share; 0 unless area, unit and sense agree.

    Stricter than :func:`similarity`: "reasons for withdrawing were recorded" and "needs
    assessments were recorded" share two of four words, which is not the same measure.
    """
    if a.area_id != b.area_id or a.unit != b.unit or a.negated != b.negated:
        return 0.0
    if not a.words or not b.words:
        return 0.0
    return round(len(a.words & b.words) / max(len(a.words), len(b.words)), 3)


def _finding_ref(finding: Finding, measure: Measure) -> FindingRef:
    page, line = _place(finding.span)
    return FindingRef(
        area_id=finding.area_id,
        unit=finding.unit,
        x=finding.x,
        y=finding.y,
        percent=round(100 * finding.x / finding.y, 1),
        text=finding.text,
        sentence=finding.sentence,
        measure=measure.clause,
        negated=measure.negated,
        page=page,
        line=line,
    )


def _warnings(old: Report, new: Report) -> list[str]:
    notes = []
    a, b = _side(old), _side(new)
    if old.source.sha256 == new.source.sha256:
        notes.append("both files were extracted from the same input")
    if a.force_id is None or b.force_id is None:
        notes.append("the force of one report is unknown; the comparison may be of two forces")
    elif a.force_id != b.force_id:
        notes.append(f"the reports are of different forces ({a.force} and {b.force})")
    ya, yb = cycle_key(a.cycle)[0], cycle_key(b.cycle)[0]
    if a.cycle and b.cycle and cycle_key(a.cycle) > cycle_key(b.cycle):
        notes.append(f"OLD is of a later cycle ({a.cycle}) than NEW ({b.cycle}); directions read OLD to NEW")
    if ya and yb and (ya < SCALE_RESET_YEAR) != (yb < SCALE_RESET_YEAR):
        notes.append(
            f"grades of {min(a.cycle or '', b.cycle or '', key=cycle_key)} are on the four-tier scale "
            "used before PEEL 2021/22; the inspectorate says they do not compare directly with later ones"
        )
    return notes


def diff_files(old: str | Path, new: str | Path) -> ReportDiff:
    """:func:`diff_reports` of two report JSON files; ``InvalidReportJson`` when one is not a report."""
    return diff_reports(read_report(old), read_report(new))


def diff_reports(old: Report, new: Report) -> ReportDiff:
    """The change from ``old`` to ``new``: grades per area, AFIs recurring/new/not repeated, findings."""
    recurring, gone, added = pair_up(
        old.areas_for_improvement, new.areas_for_improvement, item_similarity, SIMILARITY_THRESHOLD
    )
    before, after = measures(old.findings), measures(new.findings)
    same, only_old, only_new = pair_up(
        range(len(before)),
        range(len(after)),
        lambda i, j: measure_similarity(before[i], after[j]),
        MEASURE_THRESHOLD,
    )

    def ref(report: Report, found: list[Measure], i: int) -> FindingRef:
        return _finding_ref(report.findings[i], found[i])

    return ReportDiff(
        old=_side(old),
        new=_side(new),
        grades=_grades(old, new),
        afis_recurring=[
            Recurring(similarity=score, old=_item_ref(a), new=_item_ref(b)) for a, b, score in recurring
        ],
        afis_new=[_item_ref(item) for item in added],
        afis_not_repeated=[_item_ref(item) for item in gone],
        findings_same_measure=[
            SameMeasure(
                area_id=old.findings[i].area_id,
                unit=new.findings[j].unit,
                similarity=score,
                old=ref(old, before, i),
                new=ref(new, after, j),
                change_points=round(
                    100 * new.findings[j].x / new.findings[j].y - 100 * old.findings[i].x / old.findings[i].y,
                    1,
                ),
            )
            for i, j, score in same
        ],
        findings_only_in_old=[ref(old, before, i) for i in only_old],
        findings_only_in_new=[ref(new, after, j) for j in only_new],
        warnings=_warnings(old, new),
    )


# ---- text output ------------------------------------------------------------------------------


def _where(page: int | None, line: int | None) -> str:
    parts = ([f"p. {page}"] if page else []) + ([f"line {line}"] if line else [])
    return ", ".join(parts) or "place unknown"


def _grade(value: str | None) -> str:
    return GRADE_LABEL[value].lower() if value else "–"


def _area(area_id: str | None) -> str:
    return area_label(area_id, area_id or "no area")


def _side_line(side: Side) -> str:
    return f"{side.cycle or 'unknown cycle'} {side.kind.replace('_', ' ')} ({side.file})"


def format_diff(diff: ReportDiff) -> str:
    """The diff as text for a person: one block per kind of change, each line with its place."""
    names = [diff.old.force or "unknown force", diff.new.force or "unknown force"]
    force = names[0] if names[0] == names[1] else " / ".join(names)
    out = [f"{force}: {_side_line(diff.old)} -> {_side_line(diff.new)}"]
    out += [f"warning: {w}" for w in diff.warnings]
    out.append("")
    out.append("Grades")
    width = max((len(g.area) for g in diff.grades), default=0)
    for g in diff.grades:
        moved = f"{_grade(g.old_grade)} -> {_grade(g.new_grade)}"
        out.append(f"  {g.area:<{width}}  {moved:<45}  {g.direction.replace('_', ' ')}")
    if not diff.grades:
        out.append("  (no judgments in either report)")

    def items(title: str, refs: list[ItemRef]) -> None:
        out.append("")
        out.append(f"{title} ({len(refs)})")
        for ref in refs:
            out.append(f"  [{_area(ref.area_id)}] {_where(ref.page, ref.line)}: {ref.text}")

    out.append("")
    out.append(f"Areas for improvement repeated ({len(diff.afis_recurring)})")
    for r in diff.afis_recurring:
        out.append(f"  [{_area(r.new.area_id)}] similarity {r.similarity:.2f}")
        out.append(f"    then ({_where(r.old.page, r.old.line)}): {r.old.text}")
        out.append(f"    now  ({_where(r.new.page, r.new.line)}): {r.new.text}")
    items("New areas for improvement", diff.afis_new)
    items("Areas for improvement not repeated", diff.afis_not_repeated)
    out.append("")
    out.append(f"Findings on the same measure ({len(diff.findings_same_measure)})")
    for m in diff.findings_same_measure:
        sign = "+" if m.change_points > 0 else ""
        out.append(
            f"  [{_area(m.area_id)}] {m.old.x} of {m.old.y} ({m.old.percent:g}%) -> "
            f"{m.new.x} of {m.new.y} ({m.new.percent:g}%), {sign}{m.change_points:g} points"
        )
        out.append(f"    then ({_where(m.old.page, m.old.line)}): {m.old.sentence}")
        out.append(f"    now  ({_where(m.new.page, m.new.line)}): {m.new.sentence}")
    for title, refs in (
        ("Findings with no partner in the new report", diff.findings_only_in_old),
        ("Findings with no partner in the old report", diff.findings_only_in_new),
    ):
        out.append("")
        out.append(f"{title} ({len(refs)})")
        for f in refs:
            share = f"{f.x} of {f.y} ({f.percent:g}%)"
            out.append(f"  [{_area(f.area_id)}] {_where(f.page, f.line)}: {share}: {f.measure}")
    return "\n".join(out) + "\n"
