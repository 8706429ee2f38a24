"""The stage runner: one working state, stages registered with what they need and give.

Each stage is a plain function ``stage(ex: Extraction) -> None`` that reads the
document model and earlier results and assigns its own. The ``@stage`` decorator
records ``requires`` and ``assigns``; :func:`run_stages` checks both, in order, and
names the stage in any error (as spaCy's ``Language.__call__`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from extractor.model import Extraction

StageFn = Callable[[Extraction], None]


@dataclass(frozen=True)
class Stage:
    """A registered stage with its contract."""

    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: dict[str, Stage] = {}
# The order the stages run in; each one's ``requires`` are assigned by those before it.
STAGE_ORDER: tuple[str, ...] = ("info", "grids", "sections", "judgments", "items", "findings", "counts")


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


def run_stages(ex: Extraction, order: tuple[str, ...] = STAGE_ORDER) -> Extraction:
    """Run the named stages in order (all of them by default), checking each one's contract."""
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
