"""Stage ``judgments``: every place the document states a grade, resolved to one judgment per area.

Find, then attach. The finders (:mod:`extractor.finders.grades`,
:mod:`extractor.finders.grade_sentences`) say what grade a heading, label, grid entry or
sentence states and how; this stage attributes each statement to an area by the
inspectorate's layout (the section holding it, a grid's entry, the area a sentence names),
and keeps one judgment per area with the strongest evidence first, warning on conflicts and
on grades it cannot attribute.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.finders.area_lists import (
    AreaName,
    era_of,
    graded_in_era,
    mentions_in,
    pillar_in_scope,
    pillar_name,
    title_of,
)
from extractor.finders.grade_lists import LineRun, area_of_title, find_line_runs, is_pending_label
from extractor.finders.grade_sentences import earlier_lead, find_sentence_grades, name_in_phrase
from extractor.finders.grades import (
    Evidence,
    EvidenceKind,
    GradeStatement,
    find_bare_grade,
    find_title_grade,
    resolve_earlier,
    stated_evidence,
)
from extractor.finders.programme import find_other_programme
from extractor.finders.sentences import sentences
from extractor.model import Block, BlockKind, Extraction, SectionNode
from extractor.pipeline import stage
from extractor.vocab.areas import area_by_id, area_title, find_area_mentions, match_area
from extractor.vocab.cycles import first_year
from extractor.vocab.forces import force_ids_in, names_of
from extractor.vocab.grades import BARE_GRADE_RE
from extractor.vocab.headings import VERDICT_HEADING_RE
from extractor.vocab.sentence_cues import SCOPE_BLOCKS, THESE_AREAS_RE, THIS_AREA_RE
from schemas import Area, EarlierJudgment, Grade, Judgment, SectionKind, Span

# Which evidence is strongest when places disagree: a heading that carries its grade, then a
# sentence, then a grid, then a bare label.
STRENGTH: dict[EvidenceKind, int] = {
    EvidenceKind.HEADING: 4,
    EvidenceKind.SENTENCE: 3,
    EvidenceKind.LIST: 2,
    EvidenceKind.GRID: 2,
    EvidenceKind.LABEL: 1,
}


def _cycle(ex: Extraction) -> str | None:
    """The document's cycle as the inspectorate writes it ('2021/22'), or None."""
    return ex.info.inspection.cycle if ex.info is not None and ex.info.inspection is not None else None


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
        self.force_id = ex.info.force.id if ex.info and ex.info.force else None
        self.names = names_of(self.force_id)  # the names the document's own force goes by
        self.cycle_start = _cycle_start(ex)
        self.cycle = _cycle(ex)
        self.evidence: list[Evidence] = []
        self.earlier: list[Evidence] = []  # earlier inspections' grades the text states as history
        self.in_grid = ex.grids.blocks
        self.as_lists: set[int] = set()  # list lines and titles read with their grade by labels()
        self.lead_used: set[int] = set()  # area sections whose lead already gave a sentence grade
        self.skipped_leads: set[int] = set()  # lead-ins already warned about
        # The sentence before: its areas ("in this area"), and its earlier grade's cycle ("We also").
        self.last_areas: list[str] = []
        self.history_before = False  # the sentence before stated an earlier inspection's grade
        self.history_cycle: str | None = None  # ... of this cycle or year, where it said
        self.last_sentence = ""
        self.before = ""  # the sentence before the one being read
        self.lead_in = ""  # the last sentence before the current list of bullets
        # The one pillar the document is about, if its top says so (a 2015-2017 pillar report's page).
        self.scope = pillar_in_scope([b.text for b in self.blocks[:SCOPE_BLOCKS]], self.cycle_start)

    def add(
        self,
        area_id: str | None,
        title: str | None,
        statement: GradeStatement,
        index: int,
        span: Span,
        text: str,
    ) -> None:
        """Record a statement attributed to an area (None: not in the taxonomy), with its words."""
        self.evidence.append(Evidence(area_id, title, statement, index, span, text=text))

    # grids -------------------------------------------------------------------------
    def grids(self) -> None:
        """The entries of the document's judgments grids (found once, by the ``grids`` stage)."""
        assert self.ex.grids is not None
        for entry in self.ex.grids.entries:
            if self._not_ours(entry.lead, "grid or list"):
                continue
            kind = EvidenceKind.LABEL if entry.label_line else EvidenceKind.GRID
            statement = GradeStatement(entry.grade, entry.grade_text, kind, phrase=entry.text)
            block = self.blocks[entry.block]
            words = block.text if entry.label_line else entry.text
            self.add(area_of_title(entry.text), entry.text, statement, entry.block, block.span, words)
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
        named = force_ids_in(text)
        if self.force_id is not None and named and self.force_id not in named:
            why = "another force's grades"
        elif earlier_lead(text, self.cycle_start):
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
                self.as_lists.add(index)  # a list line states its grades: no sentence to read
                continue
            if not block.is_heading and (len(block.text) > 200 or block.text.rstrip().endswith(".")):
                continue
            titled = find_title_grade(block.text)
            if titled is None:
                continue
            area_id = match_area(block.text)
            if area_id is None and (not block.is_heading or VERDICT_HEADING_RE.match(titled.phrase or "")):
                continue
            self.add(area_id, area_title(block.text), titled, index, block.span, block.text)
            self.as_lists.add(index)

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
            self.add(part.area_id, title, statement, index, block.span, block.text)
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
                self.add(section.area_id, None, statement, index, block.span, block.text)
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
            if index in self.in_grid or index in self.as_lists or block.kind is BlockKind.TABLE_ROW:
                continue
            if BARE_GRADE_RE.match(block.text):
                continue
            # The sentence before ("this grade"); a bullet's is its lead-in, also its subject.
            before = self.lead_in if block.kind is BlockKind.LIST_ITEM else self.last_sentence
            for offset, sentence in sentences(block.text):
                self._read(index, block, offset, sentence, before, leads)
                before = sentence
            self.last_sentence = before
            if block.kind is not BlockKind.LIST_ITEM:
                self.lead_in = before

    def _read(
        self, index: int, block: Block, offset: int, sentence: str, before: str, leads: dict[int, SectionNode]
    ) -> None:
        """The grades one sentence states: current ones attributed, earlier ones kept."""
        found = find_sentence_grades(sentence, self.names, self.cycle_start, before)
        self.before = before
        history_before, history_cycle = self.history_before, self.history_cycle
        self.history_before, self.history_cycle = False, None
        for statement in found:
            if not statement.earlier and statement.goes_on and history_before:  # "We also judged it"
                statement = replace(statement, earlier=True, cycle=statement.cycle or history_cycle)
            if statement.earlier:
                self._earlier(index, block, offset, sentence, statement)
                self.history_before, self.history_cycle = True, statement.cycle
                continue
            self._sentence(index, block, offset, sentence, statement, leads)
            if statement.also_earlier:  # "once again graded": the earlier grade too
                self._earlier(index, block, offset, sentence, statement)
        if found:
            areas = [name.area_id for statement in found for name in statement.areas]
            self.last_areas = areas or self.last_areas

    def _named(
        self, name: AreaName, statement: GradeStatement, index: int, span: Span, sentence: str
    ) -> Evidence | None:
        """Evidence for an area a sentence names; None (warned) when the cycle's years do not grade it."""
        area = area_by_id(name.area_id)
        if area is not None and not graded_in_era(area, self.cycle_start):
            self.ex.warn(
                "unattributed-grade",
                f"sentence states '{statement.grade_text}' for '{name.text}' ({name.area_id}), an area not "
                f"graded in the years of the {self.cycle} cycle; not attributed",
                self.blocks[index],
            )
            return None
        return Evidence(name.area_id, None, statement, index, span, statement.cycle, name, sentence)

    def titles(self) -> None:
        """Title the areas sentences named as the inspectorate names them in the document's cycle, or
        in the era its areas and grades tell (:func:`era_of`)."""
        era = self.cycle or era_of(
            {e.area_id for e in self.evidence if e.area_id},
            any(e.statement.grade is Grade.ADEQUATE for e in self.evidence),
        )
        for e in self.evidence:
            if e.name is not None and e.title is None:
                e.title = title_of(e.name, era)

    def _earlier(
        self, index: int, block: Block, offset: int, sentence: str, statement: GradeStatement
    ) -> None:
        """Keep an earlier inspection's grade for the areas the sentence names; with no words of what
        it grades, or "in this area", for its section, else the areas of the sentence before."""
        span = block.span_at(offset)
        names = list(statement.areas)
        if not names and (not statement.phrase or THIS_AREA_RE.match(statement.phrase)):
            section = self.ex.area_section_at(index)
            ids = [section.area_id] if section is not None and section.area_id else self.last_areas
            names = [AreaName(i, "", 0, 0, False) for i in ids]
        for name in names:
            title = title_of(name, statement.cycle)
            self.earlier.append(
                Evidence(name.area_id, title, statement, index, span, statement.cycle, text=sentence)
            )

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
        """Attribute a sentence's grade: the areas it names, else its place; warn when neither."""
        span = block.span_at(offset)
        lead = leads.get(index)
        first_in_lead = lead is not None and lead.start not in self.lead_used
        if lead is not None:
            self.lead_used.add(lead.start)
        if statement.areas:
            for name in statement.areas:
                named = self._named(name, statement, index, span, sentence)
                if named is not None:
                    self.evidence.append(named)
            return
        area_id, title = name_in_phrase(statement.phrase)
        section = self.ex.area_section_at(index)
        this_area = bool(statement.phrase and THIS_AREA_RE.match(statement.phrase))
        if (
            area_id is None
            and statement.grade is Grade.NOT_GRADED
            and THESE_AREAS_RE.search(statement.phrase or "")
        ):
            # "We also inspected A and B. We do not make graded judgments in these areas.": each of them.
            for name in mentions_in(block.text[:offset], self.cycle_start):
                named = self._named(name, statement, index, span, sentence)
                if named is not None:
                    self.evidence.append(named)
            return
        if (
            area_id is None
            and statement.grade is Grade.NOT_GRADED
            and (not statement.names_area or this_area)
        ):
            # "We don't make a graded judgment (in this overall area)", "This question has not been
            # graded": the section, or the area just named.
            mentions = find_area_mentions(block.text[: offset + len(sentence)])
            area_id = section.area_id if section else (mentions[-1] if mentions else None)
        if area_id is not None:
            self.add(area_id, title, statement, index, span, sentence)
            return
        if statement.names_area:
            return  # "the force's approach is good", "the call was not graded": no area's judgment
        if section is not None and this_area:
            self.add(section.area_id, None, statement, index, span, sentence)
            return
        named = mentions_in(self.before, self.cycle_start) if this_area else []
        if len(named) == 1:  # "It is now adequate in this area": the one area the sentence before names
            self.add(named[0].area_id, None, statement, index, span, sentence)
            return
        if lead is not None and first_in_lead and not statement.by_pronoun:
            # The first grade sentence under an area's heading is its judgment; later ones
            # ("the force is good at answering calls") are findings about part of it.
            self.add(lead.area_id, None, statement, index, span, sentence)
            return
        if section is not None:
            return  # a finding about part of the area, not its judgment
        if self.scope is not None and not statement.by_pronoun:
            self.add(self.scope, None, statement, index, span, sentence)  # a one-pillar report's grade
            return
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
    """A judgment's area title: its section's heading, else the first title stated, else the taxonomy's.

    A pillar (effectiveness, efficiency, legitimacy) goes by its name ('Effectiveness'), not by its
    question ("How effective is the force at keeping people safe and reducing crime?").
    """
    pillar = pillar_name(ordered[0].area_id)
    if pillar is not None:  # a pillar goes by its name ('Efficiency'), not its question's words
        return pillar
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
    return Judgment(
        area=Area(id=best.area_id, title=title),
        grade=best.statement.grade,
        grade_text=best.statement.grade_text,
        evidence=stated_evidence(agreeing),
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


def attach_judgments(ex: Extraction) -> tuple[list[Judgment], list[EarlierJudgment]]:
    """Find every grade the document states, attribute it to an area and resolve one judgment per
    area, and the earlier inspections' grades it states as history.

    A document about another programme than PEEL (a fire and rescue service, custody, Ofsted ...)
    gives none, with a warning naming why.
    """
    other = find_other_programme(ex.blocks, ex.document.title)
    if other is not None:
        ex.warn("not-a-peel-inspection", f"no PEEL judgments are taken: {other.reason()}")
        return [], []
    attacher = _Attacher(ex)
    attacher.grids()
    attacher.labels()
    attacher.sentences()
    attacher.titles()
    return resolve(ex, attacher.evidence), resolve_earlier(attacher.earlier)


@stage("judgments", requires=("info", "grids", "sections"), assigns=("judgments", "earlier_judgments"))
def judgments_stage(ex: Extraction) -> None:
    """Assign the document's judgments, one per area, and the earlier grades it states."""
    ex.judgments, ex.earlier_judgments = attach_judgments(ex)
