"""The stage runner: one working state, stages registered with what they need and give.

Each stage is a plain function ``stage(ex: Extraction) -> None`` that reads the
document model and earlier results and assigns its own. The ``@stage`` decorator
records ``requires`` and ``assigns``; :func:`run_stages` checks both, in order, and
names the stage in any error (as spaCy's ``Language.__call__`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.document import Block, Document
from schemas import DocumentInfo, Finding, Item, Judgment, SectionKind, StatedCount, Warning


@dataclass
class SectionNode:
    """A section while the pipeline works: its heading block and the blocks it covers."""

    title: str
    level: int
    kind: SectionKind
    area_id: str | None
    start: int  # index of the heading block
    end: int  # index one past the last block it covers
    children: list[SectionNode] = field(default_factory=list)
    sub: bool = False  # a plain sub-heading: later sub-headings become its siblings

    def walk(self) -> list[SectionNode]:
        """This section and every section below it, in document order."""
        nodes = [self]
        for child in self.children:
            nodes.extend(child.walk())
        return nodes


@dataclass
class Extraction:
    """The working state of one document through the stages."""

    document: Document
    info: DocumentInfo | None = None
    sections: list[SectionNode] | None = None
    judgments: list[Judgment] | None = None
    areas_for_improvement: list[Item] | None = None
    causes_of_concern: list[Item] | None = None
    recommendations: list[Item] | None = None
    innovative_practice: list[Item] | None = None
    stated_counts: list[StatedCount] | None = None
    findings: list[Finding] | None = None
    warnings: list[Warning] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        """The document's blocks."""
        return self.document.blocks

    def all_sections(self) -> list[SectionNode]:
        """Every section in document order."""
        return [node for root in self.sections or [] for node in root.walk()]

    def path_at(self, index: int) -> list[SectionNode]:
        """The sections holding block ``index``, outermost first."""
        path: list[SectionNode] = []
        level = self.sections or []
        while True:
            inner = next((node for node in level if node.start <= index < node.end), None)
            if inner is None:
                return path
            path.append(inner)
            level = inner.children

    def area_at(self, index: int) -> str | None:
        """The canonical area id of the innermost area section holding block ``index``."""
        for node in reversed(self.path_at(index)):
            if node.kind is SectionKind.AREA:
                return node.area_id
        return None

    def area_section_at(self, index: int) -> SectionNode | None:
        """The innermost area section holding block ``index``."""
        return next((n for n in reversed(self.path_at(index)) if n.kind is SectionKind.AREA), None)

    def warn(self, code: str, message: str, block: Block | None = None) -> None:
        """Record a warning, with the block's span when there is one."""
        self.warnings.append(Warning(code=code, message=message, span=block.span if block else None))


StageFn = Callable[[Extraction], None]


@dataclass(frozen=True)
class Stage:
    """A registered stage with its contract."""

    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: dict[str, Stage] = {}


def stage(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...]
) -> Callable[[StageFn], StageFn]:
    """Register a stage under ``name``; the runner checks ``requires`` and ``assigns``."""

    def register(fn: StageFn) -> StageFn:
        STAGES[name] = Stage(name, fn, requires, assigns)
        return fn

    return register


class StageError(RuntimeError):
    """A stage broke its contract (a bug, reported with the stage's name)."""


def run_stages(ex: Extraction, order: tuple[str, ...]) -> Extraction:
    """Run the named stages in order, checking each one's contract."""
    for name in order:
        spec = STAGES[name]
        missing = [attr for attr in spec.requires if getattr(ex, attr) is None]
        if missing:
            raise StageError(f"stage {name!r} needs {missing} assigned by an earlier stage")
        spec.fn(ex)
        unassigned = [attr for attr in spec.assigns if getattr(ex, attr) is None]
        if unassigned:
            raise StageError(f"stage {name!r} did not assign {unassigned}")
    return ex
