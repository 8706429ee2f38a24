"""Command line: a thin shell; each command parses its options, makes one library call and says what it did.

Exit status: 0 every input gave a report, 1 some inputs failed, 2 usage error or the output
folder in use by another run, 130 interrupted. Names are shown escaped (a file name is data: its
control characters cannot move the cursor or forge a line).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

import click
from tqdm import tqdm

from extractor.api import extract
from extractor.batch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    BatchResult,
    library_messages,
    run_batch,
)
from extractor.errors import ExtractionError, printable
from extractor.inputs import collect_inputs, path_text, read_input
from extractor.outputs.csv import FINDINGS_CSV, JUDGMENTS_CSV
from extractor.outputs.diff import diff_files, format_diff
from extractor.outputs.html import OVERVIEW_NAME, write_overview
from extractor.outputs.index import INDEX_NAME
from extractor.outputs.json import report_json
from extractor.outputs.sqlite import Database, database_error, write_db
from extractor.readers.pdf.engine import DEFAULT_ENGINE, ENGINES
from extractor.version import __version__
from schemas import json_schema_text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="peel-extract")
def cli() -> None:
    """peel-extract: HMICFRS PEEL inspection reports to validated, normalized JSON.

    Run ``peel-extract FILE_OR_DIR... -o DIR`` (the ``extract`` command is the default).
    """


class ByteSize(click.ParamType):
    """A size in bytes written as ``1000``, ``64K``, ``64M``, ``1G`` (or with a B: ``64MB``; 1K = 1024).

    ``zero_means``: what 0 stands for where it is allowed ("no cap"); elsewhere a size is above 0.
    """

    name = "size"
    _UNITS: ClassVar[dict[str, int]] = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}

    def __init__(self, zero_means: str | None = None) -> None:
        self.zero_means = zero_means

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B").removesuffix("I")
        number, unit = (text[:-1], text[-1]) if text[-1:] in "KMG" and text[-1:] else (text, "")
        try:
            size = int(float(number) * self._UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 1000, 64K, 64M or 1G", param, ctx)
        if size < 0 or (size == 0 and self.zero_means is None):
            self.fail("the size must be above 0", param, ctx)
        return size


class Progress:
    """Reports a batch as it goes: a tqdm bar on a terminal, plain lines otherwise, errors only if quiet."""

    def __init__(self, total: int, output: Path, quiet: bool, bar: bool) -> None:
        self.output = output
        self.quiet = quiet
        self.failed = 0
        self.bar: tqdm[Any] | None = None
        if bar and not quiet and total:
            tqdm.monitor_interval = 0  # no monitor thread: the pool forks its workers
            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=True)
            self._postfix("")

    def _postfix(self, current: str) -> None:
        assert self.bar is not None
        self.bar.set_postfix_str(f"failed {self.failed}" + (f" | {current}" if current else ""))

    def _say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def start(self, path: Path) -> None:
        """A worker took ``path``."""
        if self.bar is not None:
            self._postfix(printable(path_text(path.name)))

    def done(self, entry: dict[str, Any]) -> None:
        """An input is finished: count it, and say how it went."""
        file = printable(entry["file"])
        if entry["status"] != "ok":
            error = entry["error"]
            line = f"{entry['status']}: {file}: {printable(error['message'])} [{error['code']}]"
            if entry["status"] == "error":
                self.failed += 1
                self._say(line)
            elif not self.quiet:
                self._say(line)
        elif not self.quiet and self.bar is None:
            verb = "reused" if entry.get("reused") else "ok"
            self._say(f"{verb}: {file} -> {printable(path_text(self.output / str(entry['output'])))}")
        if self.bar is not None:
            self.bar.update(1)
            self._postfix("")

    def close(self) -> None:
        """Take the bar off the screen's last line."""
        if self.bar is not None:
            self.bar.close()


def summary_lines(result: BatchResult, output: Path, database: Database | None = None) -> list[str]:
    """The short summary printed at the end of a batch (and what went into the database)."""
    total = len(result.entries)
    done = total - result.failed - result.skipped
    reused = f" ({result.reused} unchanged, not redone)" if result.reused else ""
    lines = [f"{done} of {total} inputs extracted{reused}, {result.failed} failed"]
    if result.failed:
        lines[0] += ": " + ", ".join(f"{code} {n}" for code, n in result.error_counts.items())
    if result.skipped:
        lines[0] += f"; {result.skipped} skipped: " + ", ".join(
            f"{code} {n}" for code, n in result.counts("skipped").items()
        )
    shown = [printable(path_text(output / name)) for name in (INDEX_NAME, JUDGMENTS_CSV, FINDINGS_CSV)]
    lines.append(f"index: {shown[0]}; summaries: {shown[1]}, {shown[2]}")
    if result.log is not None:
        lines.append(f"log (tracebacks, libraries' messages): {printable(path_text(result.log))}")
    if database is not None and database.written is not None:
        written = database.written
        where = printable(path_text(database.path))
        lines.append(f"database: {where} ({written.added} added, {written.replaced} replaced)")
    return lines


def _error_line(exc: ExtractionError) -> str:
    return f"error: {printable(exc.path)}: {printable(exc.message)} [{exc.code}]"


def _size_option(flag: str, default: int, shown: str, help: str) -> Callable[[Any], Any]:
    return click.option(flag, type=ByteSize(), default=default, show_default=shown, help=help)


def _existing(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> tuple[Path, ...]:
    """Inputs must exist; a broken link, FIFO or device named is an input that fails, not a usage error."""
    for path in value:
        if not os.path.lexists(path):
            raise click.BadParameter(f"Path {printable(path_text(path))!r} does not exist.", ctx, param)
    return value


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path), callback=_existing)
@click.option(
    "-o",
    "--output",
    default="output",
    show_default=True,
    help="Folder for <stem>.json files, index.jsonl and the CSVs; '-' writes one report to standard output.",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes [default: one per core]; 0 runs in this process, without time limit.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one file may take before it is stopped and recorded as 'timeout'; 0: no limit.",
)
@_size_option(
    "--max-bytes",
    DEFAULT_MAX_BYTES,
    "64M",
    "Larger inputs are not read and are recorded as 'too-large' (e.g. 500K, 64M, 1G).",
)
@click.option(
    "--max-memory",
    type=ByteSize(zero_means="no cap"),
    default=DEFAULT_MAX_MEMORY,
    show_default="4G",
    help="Memory one worker may use; a file that needs more is recorded as 'too-large'; 0: no cap.",
)
@click.option("-f", "--force", is_flag=True, help="Redo every input, even those whose output is current.")
@click.option(
    "--wait",
    is_flag=True,
    help="When another run is writing into the output folder, wait for it to end instead of stopping.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also upsert the reports into this SQLite database (default for folder runs: DIR/peel.sqlite).",
)
@click.option("--no-db", is_flag=True, help="Do not write the SQLite database.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar [default: when standard error is a terminal].",
)
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=None,
    help=f"How PDFs are read [default: {DEFAULT_ENGINE}]; pdfplumber is the slower reference.",
)
def extract_command(
    inputs: tuple[Path, ...],
    output: str,
    workers: int | None,
    timeout: float,
    max_bytes: int,
    max_memory: int,
    force: bool,
    wait: bool,
    quiet: bool,
    progress: bool | None,
    db_path: Path | None,
    no_db: bool,
    engine: str | None,
) -> None:
    """Extract reports from files and folders into JSON.

    Inputs whose content and extractor version match their existing output are not redone, so
    running the same command again after an interruption finishes the job.

    Exit status: 0 every input gave a report, 1 some inputs failed, 2 usage error or the output
    folder in use by another run (``--wait`` queues behind it instead), 130 interrupted.

    Example:

        peel-extract samples/ -o output/ --workers 2
    """
    if output == "-":
        if len(inputs) != 1 or inputs[0].is_dir():
            raise click.UsageError("-o - writes to standard output and takes exactly one file")
        sys.exit(_extract_to_stdout(inputs[0], None if no_db else db_path, max_bytes, engine))
    out = Path(output)
    _note_in_process_limits(workers, timeout, max_memory)
    items = collect_inputs(inputs, out)
    wants_db = not no_db and (db_path or any(path.is_dir() for path in inputs))
    database = Database(out, db_path) if wants_db else None
    shown = Progress(len(items), out, quiet, sys.stderr.isatty() if progress is None else progress)
    try:
        result = run_batch(
            items,
            out,
            on_done=shown.done,
            on_start=shown.start,
            workers=workers,
            timeout=timeout or None,
            max_bytes=max_bytes,
            max_memory=max_memory,
            force=force,
            outputs=[database] if database else (),
            wait=None if wait else 0.0,
            engine=engine,
        )
    except ExtractionError as exc:  # the folder is another run's, or cannot be written: nothing done
        click.echo(_error_line(exc), err=True)
        sys.exit(2)
    finally:
        shown.close()
    if not quiet:
        for line in summary_lines(result, out, database):
            click.echo(line, err=True)
    # What could not be written (the database, a CSV on a full disk); the rest of the run is whole.
    for failure in result.failures:
        click.echo(_error_line(failure), err=True)
    sys.exit(result.exit_code)


def _note_in_process_limits(workers: int | None, timeout: float, max_memory: int) -> None:
    """With ``-w 0`` a time or memory limit cannot be enforced: say so rather than drop it unseen."""
    if workers != 0:
        return
    ctx = click.get_current_context()
    for name, flag, value in (("timeout", "--timeout", timeout), ("max_memory", "--max-memory", max_memory)):
        if value and ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT:
            click.echo(
                f"note: {flag} does not apply with -w 0 (files are read in this process, "
                "which cannot stop itself); use -w 1 or more for the limit",
                err=True,
            )


def _extract_to_stdout(source: Path, db_path: Path | None, max_bytes: int, engine: str | None = None) -> int:
    """One report's JSON on standard output; what libraries logged comes first, as ``note:`` lines."""
    failure: ExtractionError | None = None
    file = path_text(source)
    with library_messages() as messages:
        try:
            options = {"engine": engine} if engine else {}
            report = extract(file, read_input(source, file, max_bytes), max_bytes=max_bytes, **options)
        except ExtractionError as exc:
            failure = exc
    for message in messages:  # what pdfminer & co. said, as notes rather than raw log lines
        click.echo(f"note: {printable(file)}: {printable(message)}", err=True)
    if failure is not None:
        click.echo(_error_line(failure), err=True)
        return 1
    click.echo(report_json(report), nl=False)
    if db_path:
        try:
            write_db([report], db_path)
        except (sqlite3.Error, OSError) as exc:
            click.echo(_error_line(database_error(db_path, exc)), err=True)
            return 1
    return 0


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output (schemas/report.schema.json).

    Example:

        peel-extract schema > report.schema.json
    """
    click.echo(json_schema_text(), nl=False)


@cli.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Write the changes as JSON.")
def diff_command(old: Path, new: Path, as_json: bool) -> None:
    """Show what changed between two report JSON files of one force.

    Grades per area (up, down, same), AFIs repeated (with both texts), new and not repeated,
    and findings on the same measure in both.

    Example:

        peel-extract diff output/kent-2023.json output/kent-2025.json
    """
    try:
        changes = diff_files(old, new)
    except ExtractionError as exc:
        click.echo(_error_line(exc), err=True)
        sys.exit(1)
    click.echo(changes.model_dump_json(indent=2) if as_json else format_diff(changes).rstrip("\n"))


@cli.command("report")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: FOLDER/index.html."
)
def report_command(folder: Path, output: Path | None) -> None:
    """Write one static HTML page over a folder of report JSON: grade matrix and each force's details.

    Example:

        peel-extract report output/ -o output/index.html
    """
    target = output or folder / OVERVIEW_NAME
    loaded = write_overview(folder, target)
    for exc in loaded.errors:
        click.echo(_error_line(exc), err=True)
    click.echo(f"overview of {len(loaded.reports)} reports: {target}", err=True)
    sys.exit(1 if loaded.errors else 0)


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM stops a run the way Ctrl-C does: workers killed, finished outputs kept whole."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: ``extract`` is implied when the first argument is not a command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in cli.commands and args[0] not in ("-h", "--help", "--version"):
        args.insert(0, "extract")
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(args=args, prog_name="peel-extract", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.UsageError as exc:
        exc.show()
        return 2
    except click.Abort:
        click.echo("interrupted: outputs written so far are whole; run the same command to finish", err=True)
        return 130
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0
