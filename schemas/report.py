"""Pydantic v2 models of the output contract (schema_version "1.1", additive over "1").

These models are the single source of truth for the JSON that peel-extract writes;
``report.schema.json`` beside this file is generated from them (``python -m schemas``)
and a test fails when the two drift apart. Fields may be added, never renamed or dropped.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"

PositiveInt = Annotated[int, Field(ge=1)]
BBox = Annotated[
    tuple[float, float, float, float],
    Field(description="[x0, top, x1, bottom] in PDF points"),
]


class _Model(BaseModel):
    """Base: unknown keys are an error, so a typo never passes validation silently.

    Nested models are validated again when a containing model is built, so a report built
    from the stages' results is checked as a whole (a changed item cannot slip through).
    """

    model_config = ConfigDict(extra="forbid", revalidate_instances="always")


class Grade(str, Enum):
    """A graded judgment. ``not_graded`` marks an area the document says it does not grade."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    # "adequate" exists only from PEEL 2021/22 on (the five-tier scale).
    ADEQUATE = "adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"
    # Explicitly ungraded ("Ungraded", "(Not Graded)", "We don't make a graded judgment").
    NOT_GRADED = "not_graded"


class DocumentKind(str, Enum):
    """What sort of document was read, told by its own conventions (voice, furniture, layout)."""

    # The inspectorate's report (or a copy of its PDF), in its own voice ("we found").
    INSPECTION_REPORT = "inspection_report"
    # The inspectorate's web pages: "Last updated 02/05/2019", "Questions for Effectiveness".
    INSPECTION_WEB_PAGE = "inspection_web_page"
    # A force's own response to an inspection ("the Force accepts the findings").
    FORCE_RESPONSE = "force_response"
    # A police and crime commissioner's report on an inspection of their force.
    PCC_SCRUTINY_REPORT = "pcc_scrutiny_report"
    # A letter from the inspectorate to a force or commissioner (From / To / Sent on, "Dear
    # Chief Constable"), such as a cause of concern revisit letter.
    INSPECTION_LETTER = "inspection_letter"
    # The inspectorate's press release ("Get the report", "the police inspectorate has said",
    # "Notes to editors"), wherever it is published or republished.
    PRESS_RELEASE = "press_release"
    # A third party's news story or blog post about an inspection (bylines, datelines, "Image:").
    NEWS_ARTICLE = "news_article"
    # A paper or minute of a panel, board or committee meeting ("Agenda item", "Purpose of report").
    COMMITTEE_PAPER = "committee_paper"
    OTHER = "other"


class SectionKind(str, Enum):
    """Role of a section in an inspection report."""

    SUMMARY = "summary"
    AREA = "area"
    INNOVATIVE_PRACTICE = "innovative_practice"
    AREAS_FOR_IMPROVEMENT = "areas_for_improvement"
    CAUSES_OF_CONCERN = "causes_of_concern"
    RECOMMENDATIONS = "recommendations"
    MAIN_FINDINGS = "main_findings"
    FINDING = "finding"
    OTHER = "other"


class InputFormat(str, Enum):
    """The reader actually used for an input (told by content, not extension)."""

    PDF = "pdf"
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"


class Span(_Model):
    """Where something stands in the input: page (PDF), line, and bbox (PDF); since 1.1 also its
    character offsets into the canonical text (``peel-extract text FILE``)."""

    page: PositiveInt | None = Field(None, description="1-based page, PDF only")
    line: PositiveInt | None = Field(
        None,
        description="1-based line in the input (text, Markdown, HTML) or within the page (PDF)",
    )
    bbox: BBox | None = Field(None, description="PDF only: [x0, top, x1, bottom] in points")
    start: int | None = Field(
        None,
        ge=0,
        description="1.1: offset of the first character in the canonical text (`peel-extract text FILE`)",
    )
    end: int | None = Field(
        None, ge=0, description="1.1: offset one past the last character in the canonical text"
    )


class How(str, Enum):
    """How a place states a grade (1.1): the layout the words stand in."""

    # A cell of a judgments table, under or beside its grade ("Our judgments" grids).
    GRID = "grid"
    # A heading that carries its grade: "Responding to the public – Requires improvement".
    HEADING = "heading"
    # A sentence: "The force is good at preventing crime."
    SENTENCE = "sentence"
    # A bare grade label under or after an area's heading: "Good", "(Outstanding)".
    LABEL = "label"
    # A line of a list of areas and grades: "Investigating crime: requires improvement".
    LIST = "list"


class Quote(Span):
    """A span with the exact words that stand there (1.1): ``text`` is found at ``start:end`` of
    the canonical text, white space collapsed."""

    text: str = Field(description="the exact words, as the canonical text holds them")


class Evidence(Quote):
    """One place that states a judgment (1.1: a span with its words, how they state it, and
    whether it is the strongest place, the one the grade was taken from)."""

    how: How = Field(description="how the place states the grade: grid, heading, sentence, label, list")
    strongest: bool = Field(False, description="true for the strongest place (listed first)")


class Source(_Model):
    """What was read."""

    file: str = Field(description="path as given")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the bytes read")
    format: InputFormat
    pages: int | None = Field(None, ge=0, description="page count for paged inputs")
    extractor_version: str
    engine: str | None = Field(
        None, description="1.1: the PDF engine that read the file ('pdfium', 'pdfplumber'); null for others"
    )


class Force(_Model):
    """A police force: stable slug id and canonical name."""

    id: str = Field(pattern=r"^[a-z0-9-]+$", description="stable slug such as 'kent'")
    name: str = Field(description="canonical name such as 'Kent Police'")
    evidence: list[Quote] = Field(default_factory=list, description="1.1: the words that named it")


class Inspection(_Model):
    """The inspection programme and cycle a document is about."""

    programme: str = Field(description="e.g. 'PEEL'")
    cycle: str = Field(description="as the inspectorate writes it: '2025–27', '2021/22', '2017'")
    id: str = Field(pattern=r"^[a-z0-9-]+$", description="slug such as 'peel-2025-27'")
    evidence: list[Quote] = Field(default_factory=list, description="1.1: the words that named it")


class DocumentInfo(_Model):
    """What the document is."""

    kind: DocumentKind
    title: str | None = None
    force: Force | None = None
    inspection: Inspection | None = None
    published: date | None = Field(
        None, description="1.1: the publication or 'Last updated' date the text states (ISO), or null"
    )
    published_evidence: Quote | None = Field(None, description="1.1: the words that state the date")


class Area(_Model):
    """An area of policing: canonical id (same across cycles) and the title as written."""

    id: str | None = Field(description="canonical id from the taxonomy; null when unknown")
    title: str = Field(description="as the document writes it")


class Judgment(_Model):
    """One graded (or explicitly ungraded) judgment of one area."""

    area: Area
    grade: Grade
    grade_text: str | None = Field(None, description="the grade words as written, strongest evidence")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="every place that states it: the strongest first (marked), then by position; "
        "since 1.1 each span also has its words and how they state it",
    )


class EarlierJudgment(Judgment):
    """An earlier inspection's grade the text states as history ("In 2017, we judged the force to be
    good at ..."): never the current judgment, kept so users have the history the text gives."""

    cycle: str | None = Field(
        None, description="the earlier cycle or year as the text states it ('2017', '2018/19'), or null"
    )


class Section(_Model):
    """A node of the document's section tree."""

    title: str
    level: PositiveInt = Field(description="1 = top")
    kind: SectionKind
    area_id: str | None = None
    span: Span
    children: list[Section] = Field(default_factory=list)
    end_line: PositiveInt | None = Field(None, description="1.1: the line its last text stands on")
    end_page: PositiveInt | None = Field(None, description="1.1: the page its last text stands on (PDF)")


class EarlierInspection(_Model):
    """The earlier inspection an item comes from, as the text states it."""

    cycle: str | None = Field(
        None, description="its cycle or year as written ('2017', '2021/22'), where stated"
    )
    text: str = Field(description="the words that say the item is an earlier inspection's")


class Item(_Model):
    """An area for improvement, cause of concern, recommendation or innovative practice."""

    area_id: str | None = None
    title: str | None = Field(None, description="its heading, or null")
    text: str = Field(description="its full text")
    span: Span
    label: str | None = Field(
        None, description="innovative practice: the word used ('innovative', 'promising')"
    )
    number: int | None = Field(None, description="its number in a numbered list, where it has one")
    deadline: str | None = Field(
        None, description="recommendation: the deadline as written ('14 June 2024'), where stated"
    )
    addressee: str | None = Field(
        None, description="recommendation: who must act ('chief constables'), where stated"
    )
    earlier: EarlierInspection | None = Field(
        None,
        description="set when the item is an earlier inspection's, restated as history (a revisit "
        "letter's causes of concern, an AFI that 'remained from' the last inspection), not a new one",
    )
    deadline_date: str | None = Field(
        None,
        pattern=r"^\d{4}-\d{2}(-\d{2})?$",
        description="1.1: the deadline as an ISO date ('2024-06-14'; '2025-03' where only the month is "
        "stated), or null",
    )
    end_line: PositiveInt | None = Field(None, description="1.1: the line its text ends on")
    end_page: PositiveInt | None = Field(None, description="1.1: the page its text ends on (PDF)")


class CountOf(str, Enum):
    """What a stated count counts."""

    AREAS_FOR_IMPROVEMENT = "areas_for_improvement"
    CAUSES_OF_CONCERN = "causes_of_concern"
    RECOMMENDATIONS = "recommendations"


class StatedCount(_Model):
    """A count the text states: '4 AFIs', 'No AFIs' (0), '19 AFIs identified'."""

    of: CountOf
    area_id: str | None = Field(None, description="null for a whole-document total")
    count: int = Field(ge=0)
    text: str | None = Field(None, description="the words that state it")
    span: Span


class Finding(_Model):
    """An 'X of Y' proportion, e.g. 'in 28 of the 39 cases we examined'."""

    x: int = Field(ge=0)
    y: PositiveInt
    unit: str | None = Field(description="the noun counted: cases, records, respondents, ...")
    text: str = Field(description="the matched words, e.g. '28 of the 39 cases'")
    sentence: str = Field(description="the whole sentence holding it")
    area_id: str | None = None
    span: Span

    @model_validator(mode="after")
    def _x_not_above_y(self) -> Finding:
        if self.x > self.y:
            raise ValueError(f"finding {self.text!r}: x={self.x} is greater than y={self.y}")
        return self


class Warning(_Model):
    """Anything doubtful: conflicts, unknown areas, skipped parts."""

    code: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="stable kebab-case slug")
    message: str
    span: Span | None = None
    text: str | None = Field(None, description="1.1: the words the warning is about, found at its span")


# The report's item lists, by field name (also the ``kind`` of an item in the database).
ITEM_FIELDS: tuple[str, ...] = (
    "areas_for_improvement",
    "causes_of_concern",
    "recommendations",
    "innovative_practice",
)
# Every list of extracted results a report holds, in the order the report lists them
# (the section tree and the warnings aside): stages assign these, outputs count them.
RESULT_FIELDS: tuple[str, ...] = ("judgments", "earlier_judgments", *ITEM_FIELDS, "stated_counts", "findings")


class Report(_Model):
    """One report read by peel-extract: the top level of every output JSON file."""

    schema_version: Literal["1.1"] = Field(
        SCHEMA_VERSION, description="this contract's version (1.1 adds fields to 1, renames and drops none)"
    )
    source: Source
    document: DocumentInfo
    judgments: list[Judgment] = Field(default_factory=list)
    earlier_judgments: list[EarlierJudgment] = Field(
        default_factory=list,
        description="earlier inspections' grades the text states as history, one per area and cycle",
    )
    sections: list[Section] = Field(default_factory=list)
    areas_for_improvement: list[Item] = Field(default_factory=list)
    causes_of_concern: list[Item] = Field(default_factory=list)
    recommendations: list[Item] = Field(default_factory=list)
    innovative_practice: list[Item] = Field(default_factory=list)
    stated_counts: list[StatedCount] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_judgment_per_area(self) -> Report:
        seen: set[str] = set()
        for judgment in self.judgments:
            area_id = judgment.area.id
            if area_id is None:
                continue
            if area_id in seen:
                raise ValueError(f"two judgments for area {area_id!r}; the contract allows one")
            seen.add(area_id)
        return self
