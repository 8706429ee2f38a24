"""The one shape of an output format: opened on a folder, given each report, finished once per run.

A batch opens every output on its folder, calls :meth:`Output.write` for each input that gave a
report as soon as it arrives (so in the order the workers finish, not in input order),
:meth:`Output.drop` for each input that gave none, and :meth:`Output.finish` once at the end
with the whole :class:`Run` in input order. An output that covers the run (a CSV, a database)
keeps what it needs from ``write`` and lays it out in ``finish``, so its bytes never depend on
the number of workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from extractor.errors import ExtractionError
from schemas import Report


@dataclass(frozen=True)
class Run:
    """A finished run as the outputs see it: the output names of its reports and every input's index entry.

    ``names`` are the reports' output names in input order; ``entries`` the index entries (one per
    input, failures too), also in input order.
    """

    names: tuple[str, ...]
    entries: tuple[dict[str, Any], ...] = ()


class Output:
    """An output format; every method has a do-nothing default, so a format says only what it does."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.failure: ExtractionError | None = None
        """Why the output could not be written, when it could not (the run goes on and says so)."""

    def write(self, report: Report, name: str, *, reused: bool = False) -> None:
        """One input's report under its output name (``<stem>.json``).

        ``reused``: the report was read back from its own current JSON in this folder (a rerun
        with the input unchanged), so a file per report is already in place.
        """

    def drop(self, name: str) -> None:
        """An input gave no report this run: nothing of an earlier run may stand for it."""

    def finish(self, run: Run) -> None:
        """The run is over: write what covers the whole run."""


T = TypeVar("T")


class RunOutput(Output, Generic[T]):
    """An output laid out over the whole run (a CSV, a database, a page).

    It keeps what it needs of each report as the report arrives and takes it all back in input
    order at the end, so its bytes never depend on the order in which the workers finished.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self._kept: dict[str, T] = {}

    def keep(self, report: Report) -> T:
        """What of a report the output needs at the end (by default the whole report)."""
        return cast(T, report)

    def write(self, report: Report, name: str, *, reused: bool = False) -> None:
        self._kept[name] = self.keep(report)

    def kept(self, run: Run) -> list[T]:
        """What was kept of each report of the run, in input order."""
        return [self._kept[name] for name in run.names]


def write_reports(output: Output, reports: Iterable[tuple[str, Report]]) -> None:
    """Serialise named reports with one output outside a batch run (in the order given)."""
    names = []
    for name, report in reports:
        output.write(report, name)
        names.append(name)
    output.finish(Run(names=tuple(names)))
