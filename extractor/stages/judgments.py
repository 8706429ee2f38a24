"""Stage ``judgments``: every place the document states a grade, resolved to one judgment per area.

Find, then attach. The finders (:mod:`extractor.finders.grades`,
:mod:`extractor.finders.grade_sentences`) say what grade a heading, label, grid entry or
sentence states and how; this stage attributes each statement to an area by the
inspectorate's layout (the section holding it, a grid's entry, the area a sentence names),
and keeps one judgment per area with the strongest evidence first, warning on conflicts and
on grades it cannot attribute.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractor.finders.grade_lists import LineRun, area_of_title, find_line_runs, is_pending_label
from extractor.finders.grade_sentences import find_sentence_grades, name_in_phrase
from extractor.finders.grades import (
    EvidenceKind,
    GradeStatement,
    find_bare_grade,
    find_title_grade,
)
from extractor.finders.programme import find_other_programme
from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.areas import area_by_id, area_title, find_area_mentions, match_area
from extractor.vocab.cycles import EARLIER_GRADE_RE, NOW_RE, YEAR_RE, first_year
from extractor.vocab.forces import force_name_pattern, forces
from extractor.vocab.grade_sentences import THIS_AREA_RE
from extractor.vocab.grades import BARE_GRADE_RE
from extractor.vocab.headings import VERDICT_HEADING_RE
from schemas import Area, Grade, Judgment, SectionKind, Span

# Which evidence is strongest when places disagree: a heading that carries its grade, then a
# sentence, then a grid, then a bare label.
STRENGTH: dict[EvidenceKind, int] = {
    EvidenceKind.HEADING: 4,
    EvidenceKind.SENTENCE: 3,
    EvidenceKind.LIST: 2,
    EvidenceKind.GRID: 2,
    EvidenceKind.LABEL: 1,
}


@dataclass
class Evidence:
    """A grade statement attributed to an area, with where it stands."""

    area_id: str | None
    title: str | None
    statement: GradeStatement
    block: int
    span: Span

    def describe(self) -> str:
        """'sentence at line 98 says requires improvement'."""
        where = f"line {self.span.line}" if self.span.line else "an unnumbered line"
        if self.span.page:
            where = f"page {self.span.page}, {where}"
        grade = self.statement.grade.value.replace("_", " ")
        return f"{self.statement.kind.value} at {where} says {grade}"


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


def _is_short_label(block: Block) -> bool:
    """Furniture or a restated heading that may stand between an area heading and its grade label."""
    return block.is_heading or (len(block.text) <= 60 and not block.text.rstrip().endswith("."))


class _Attacher:
    """Walks the blocks once and attributes every grade statement to an area (or warns)."""

    def __init__(self, ex: Extraction) -> None:
        assert ex.grids is not None
        self.ex = ex
        self.blocks = ex.blocks
        self.names = _force_names(ex)
        self.cycle_start = _cycle_start(ex)
        self.evidence: list[Evidence] = []
        self.in_grid = ex.grids.blocks
        self.lead_used: set[int] = set()  # area sections whose lead already gave a sentence grade
        self.force_id = ex.info.force.id if ex.info and ex.info.force else None
        self.skipped_leads: set[int] = set()  # lead-ins already warned about

    def add(
        self, area_id: str | None, title: str | None, statement: GradeStatement, index: int, span: Span
    ) -> None:
        """Record a statement attributed to an area (None: not in the taxonomy)."""
        self.evidence.append(Evidence(area_id, title, statement, index, span))

    # grids -------------------------------------------------------------------------
    def grids(self) -> None:
        """The entries of the document's judgments grids (found once, by the ``grids`` stage)."""
        assert self.ex.grids is not None
        for entry in self.ex.grids.entries:
            if self._not_ours(entry.lead, "grid or list"):
                continue
            kind = EvidenceKind.LABEL if entry.label_line else EvidenceKind.GRID
            statement = GradeStatement(entry.grade, entry.grade_text, kind, phrase=entry.text)
            self.add(
                area_of_title(entry.text), entry.text, statement, entry.block, self.blocks[entry.block].span
            )
        for index, why in self.ex.grids.doubts:
            self.ex.warn(
                "ambiguous-grade-list",
                f"the list from '{self.blocks[index].text.strip()[:60]}' on is not read: {why}",
                self.blocks[index],
            )

    def _not_ours(self, lead: int | None, what: str) -> bool:
        """True (warning once) when a list's lead-in (a heading, or a line ending in a colon) gives
        its grades to another force or an earlier inspection: "Neighbouring Cleveland Police was
        graded:", "In 2019 it was rated:"."""
        if lead is None or not (
            self.blocks[lead].is_heading or self.blocks[lead].text.rstrip().endswith(":")
        ):
            return False  # only a heading or a line that ends in a colon leads a list in
        text = self.blocks[lead].text
        why = None
        pattern, weights = force_name_pattern()
        named = {
            weights.get(regex.sub(r"\s+", " ", m.group(0)).lower(), ("", 0.0))[0]
            for m in pattern.finditer(text)
        }
        named.discard("")
        if self.force_id is not None and named and self.force_id not in named:
            why = "another force's grades"
        elif _earlier_lead(text, self.cycle_start):
            why = "an earlier inspection's grades"
        if why is None:
            return False
        if lead not in self.skipped_leads:
            self.skipped_leads.add(lead)
            code = "other-force-grades" if why.startswith("another") else "earlier-grades"
            self.ex.warn(
                code,
                f"the {what} after '{text.strip()[:80]}' holds {why}; not this report's",
                self.blocks[lead],
            )
        return True

    # headings and labels -----------------------------------------------------------
    def labels(self) -> None:
        """Bare grade labels, list lines and headings that end in their grade."""
        texts = [
            "" if i in self.in_grid or b.kind is BlockKind.TABLE_ROW else b.text
            for i, b in enumerate(self.blocks)
        ]
        listed = {index: run for run in find_line_runs(texts) for index in range(run.start, run.end)}
        for index, block in enumerate(self.blocks):
            if index in self.in_grid or block.kind is BlockKind.TABLE_ROW:
                continue
            bare = find_bare_grade(block.text)
            if bare is not None:
                self._bare(index, block, bare)
                continue
            if is_pending_label(block.text):
                self._pending(index, block)
                continue
            run = listed.get(index)
            if run is not None and self._list_line(index, block, run):
                continue
            if not block.is_heading and (len(block.text) > 200 or block.text.rstrip().endswith(".")):
                continue
            titled = find_title_grade(block.text)
            if titled is None:
                continue
            area_id = match_area(block.text)
            if area_id is None and (not block.is_heading or VERDICT_HEADING_RE.match(titled.phrase or "")):
                continue
            self.add(area_id, area_title(block.text), titled, index, block.span)

    def _list_line(self, index: int, block: Block, run: LineRun) -> bool:
        """A line of a list that grades one area or several; True when the line is dealt with."""
        line = run.lines.get(index)
        if run.other_scale:
            if index == run.start:
                self.ex.warn(
                    "other-scale-grades",
                    f"a list grades on another scale than PEEL's ('{run.other_scale[0]}'): not PEEL grades",
                    block,
                )
            return True
        if line is None or self._not_ours(run.lead, "list"):
            return line is not None
        parts = [p for p in line.areas if p.area_id is not None or run.is_list or block.is_heading]
        parts = [p for p in parts if p.area_id is not None or not VERDICT_HEADING_RE.match(p.text)]
        if not parts:
            return False  # a lone line naming no known area: perhaps a heading with a grade (below)
        kind = EvidenceKind.HEADING if block.is_heading else EvidenceKind.LIST
        for part in parts:
            title = area_title(part.text) if len(line.areas) == 1 else part.text
            statement = GradeStatement(line.grade, line.grade_text, kind, phrase=part.text)
            self.add(part.area_id, title, statement, index, block.span)
        return True

    def _pending(self, index: int, block: Block) -> None:
        """'To be graded' under an area's heading: no grade yet, said once."""
        section = self.ex.area_section_at(index)
        if section is not None and index - section.start <= 3:
            self.ex.warn(
                "grade-pending",
                f"'{section.title}' is not graded yet ('{block.text.strip()}'): no judgment",
                block,
            )

    def _bare(self, index: int, block: Block, statement: GradeStatement) -> None:
        """A bare grade line belongs to the area whose heading it stands under, or whose section it ends."""
        section = self.ex.area_section_at(index)
        if section is not None:
            between = self.blocks[section.start + 1 : index]
            head = len(between) <= 3 and all(_is_short_label(b) for b in between)
            tail = index == section.end - 1
            if head or tail:
                self.add(section.area_id, None, statement, index, block.span)
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
                for statement in find_sentence_grades(sentence, self.names, self.cycle_start):
                    if not statement.earlier:
                        self._sentence(index, block, offset, sentence, statement, leads)

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
        statement: GradeStatement,
        leads: dict[int, SectionNode],
    ) -> None:
        """Attribute a sentence's grade: the area its phrase names, else its place; warn when neither."""
        span = block.span_at(offset)
        lead = leads.get(index)
        first_in_lead = lead is not None and lead.start not in self.lead_used
        if lead is not None:
            self.lead_used.add(lead.start)
        area_id, title = name_in_phrase(statement.phrase)
        if area_id is None and statement.grade is Grade.NOT_GRADED and not statement.names_area:
            # "We don't make a graded judgment (in this overall area)": the section, or the area just named.
            mentions = find_area_mentions(block.text[: offset + len(sentence)])
            section = self.ex.area_section_at(index)
            area_id = section.area_id if section else (mentions[-1] if mentions else None)
        if area_id is not None:
            self.add(area_id, title, statement, index, span)
            return
        if statement.names_area:
            return  # "the force's approach is good", "the call was not graded": no area's judgment
        section = self.ex.area_section_at(index)
        this_area = bool(statement.phrase and THIS_AREA_RE.match(statement.phrase))
        if section is not None and this_area:
            self.add(section.area_id, None, statement, index, span)
            return
        if lead is not None and first_in_lead:
            # The first grade sentence under an area's heading is its judgment; later ones
            # ("the force is good at answering calls") are findings about part of it.
            self.add(lead.area_id, None, statement, index, span)
            return
        if section is not None:
            return  # a finding about part of the area, not its judgment
        self.ex.warn(
            "unattributed-grade",
            f"sentence states '{statement.grade_text}' but names no known area and stands outside any area "
            f"section: {sentence.strip()[:120]!r}",
            block,
        )


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


def _title(ex: Extraction, key: str, ordered: list[Evidence], node: SectionNode | None) -> str:
    """A judgment's area title: its section's heading, else the first title stated, else the taxonomy's."""
    if node is not None:
        return _section_title(ex, node)
    title = next((e.title for e in ordered if e.title), None)
    if title is not None:
        return title
    area_id = ordered[0].area_id
    area = area_by_id(area_id) if area_id else None
    return area.title if area else key


def _judgment(ex: Extraction, key: str, items: list[Evidence], node: SectionNode | None) -> Judgment:
    """One area's judgment from its evidence: the strongest grade, every agreeing place, conflicts warned."""

    def strength(e: Evidence) -> tuple[int, bool, int]:
        # Stronger evidence first; at equal strength, a statement inside the area's own section first.
        inside = node is not None and node.start <= e.block < node.end
        return (-STRENGTH[e.statement.kind], not inside, e.block)

    ordered = sorted(items, key=strength)
    best = ordered[0]
    title = _title(ex, key, ordered, node)
    agreeing = [e for e in ordered if e.statement.grade is best.statement.grade]
    others = [e for e in ordered if e.statement.grade is not best.statement.grade]
    if others:
        ex.warn(
            "grade-conflict",
            f"'{title}': kept {best.describe()}; "
            + "; ".join(e.describe() for e in others)
            + f"; agreeing: {len(agreeing)}",
            ex.blocks[best.block],
        )
    if best.area_id is None:
        ex.warn("unknown-area", f"graded area '{title}' is not in the area taxonomy", ex.blocks[best.block])
    spans: list[Span] = []
    for e in agreeing:
        if e.span not in spans:
            spans.append(e.span)
    return Judgment(
        area=Area(id=best.area_id, title=title),
        grade=best.statement.grade,
        grade_text=best.statement.grade_text,
        evidence=spans,
    )


def resolve(ex: Extraction, evidence: list[Evidence]) -> list[Judgment]:
    """One judgment per area (or per unknown title), in the order of the areas' sections."""
    sections = {n.area_id: n for n in reversed(ex.all_sections()) if n.kind is SectionKind.AREA and n.area_id}
    groups: dict[str, list[Evidence]] = {}
    for item in evidence:
        key = item.area_id or f"?{(item.title or '').lower()}"
        groups.setdefault(key, []).append(item)
    judgments: list[tuple[int, Judgment]] = []
    for key, items in groups.items():
        area_id = items[0].area_id
        node = sections.get(area_id) if area_id else None
        position = node.start if node is not None else min(e.block for e in items)
        judgments.append((position, _judgment(ex, key, items, node)))
    return [judgment for _, judgment in sorted(judgments, key=lambda pair: pair[0])]


def _earlier_lead(text: str, cycle_start: int | None) -> bool:
    """A list's lead-in that gives its grades to an earlier inspection ("In 2019, the force was graded:")."""
    years = [int(year) for year in YEAR_RE.findall(text)]
    if years and cycle_start is not None and max(years) < cycle_start:
        return True
    return bool(EARLIER_GRADE_RE.search(text)) and not NOW_RE.search(text)


def attach_judgments(ex: Extraction) -> list[Judgment]:
    """Find every grade the document states, attribute it to an area and resolve one judgment per area.

    A document about another programme than PEEL (a fire and rescue service, custody, Ofsted ...)
    gives none, with a warning naming why.
    """
    other = find_other_programme(ex.blocks, ex.document.title)
    if other is not None:
        ex.warn("not-a-peel-inspection", f"no PEEL judgments are taken: {other.reason()}")
        return []
    attacher = _Attacher(ex)
    attacher.grids()
    attacher.labels()
    attacher.sentences()
    return resolve(ex, attacher.evidence)


@stage("judgments", requires=("info", "grids", "sections"), assigns=("judgments",))
def judgments_stage(ex: Extraction) -> None:
    """Assign the document's judgments, one per area."""
    ex.judgments = attach_judgments(ex)
