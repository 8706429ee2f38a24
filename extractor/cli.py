"""Command line: a thin shell; each command parses its options, makes one library call and says what it did.

Exit status: 0 every input gave a report, 1 some inputs failed, 2 usage error or the output
folder in use by another run, 130 interrupted. Names are shown escaped (a file name is data: its
control characters cannot move the cursor or forge a line). Help texts are plain text: click
prints them as written (no reST markup).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar

import click

from extractor.defaults import DEFAULT_ENGINE, DEFAULT_TIMEOUT, ENGINES
from extractor.errors import ExtractionError, printable
from extractor.version import __version__

# A command imports what it runs when it runs (the batch, the readers and stages, the outputs,
# the pydantic models): '--help', '--version' and 'schema' load none of them.
if TYPE_CHECKING:
    from tqdm import tqdm

    from extractor.batch import Outcome
    from extractor.inputs import Input


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="peel-extract")
def cli() -> None:
    """peel-extract: HMICFRS PEEL inspection reports to validated, normalized JSON.

    extract is the default command: 'peel-extract FILE_OR_DIR... -o DIR' is
    'peel-extract extract FILE_OR_DIR... -o DIR'. Name it to extract a folder
    called like a command: 'peel-extract extract report/'.

    Run 'peel-extract COMMAND --help' for a command's options.
    """


class ByteSize(click.ParamType):
    """A size in bytes written as 1000, 64K, 64M, 1G (or with a B: 64MB; 1K = 1024).

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

    def __init__(self, total: int, output: Path, quiet: bool, bar: bool, verbose: bool = False) -> None:
        self.output = output
        self.quiet = quiet
        self.verbose = verbose
        self.failed = 0
        self.bar: tqdm[Any] | None = None
        if bar and not quiet and total:
            from tqdm import tqdm

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
        from extractor.inputs import path_text

        if self.bar is not None:
            self._postfix(printable(path_text(path.name)))

    def done(self, entry: dict[str, Any]) -> None:
        """An input is finished: count it, and say how it went."""
        from extractor.inputs import path_text

        file = printable(entry["file"])
        if entry["status"] != "ok":
            error = entry["error"]
            line = f"{entry['status']}: {file}: {printable(error['message'])} [{error['code']}]"
            if entry["status"] == "error":
                self.failed += 1
                self._say(line)
            elif not self.quiet:
                self._say(line)
        elif not self.quiet and (self.bar is None or self.verbose):
            verb = "reused" if entry.get("reused") else "ok"
            self._say(f"{verb}: {file} -> {printable(path_text(self.output / str(entry['output'])))}")
        if self.verbose and entry.get("log"):  # what goes to the log, shown as it comes
            self._say(str(entry["log"]).rstrip("\n"))
        if self.bar is not None:
            self.bar.update(1)
            self._postfix("")

    def close(self) -> None:
        """Take the bar off the screen's last line."""
        if self.bar is not None:
            self.bar.close()


def _error_line(exc: ExtractionError, status: str = "error") -> str:
    return f"{status}: {printable(exc.path)}: {printable(exc.message)} [{exc.code}]"


def _existing(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> tuple[Path, ...]:
    """Inputs must exist; a broken link, FIFO or device named is an input that fails, not a usage error.
    ``-`` is standard input."""
    from extractor.inputs import path_text

    for path in value:
        if str(path) != "-" and not os.path.lexists(path):
            raise click.BadParameter(f"Path {printable(path_text(path))!r} does not exist.", ctx, param)
    return value


class LazyChoice(click.Choice):
    """A choice whose values are read when first needed (they come from the pydantic models)."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        super().__init__(())
        self._load = load
        self._loaded: Sequence[str] | None = None

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        pass  # set by click.Choice.__init__; the values are the loader's


def _formats() -> list[str]:
    from schemas import InputFormat

    return sorted(f.value for f in InputFormat)


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path), callback=_existing)
@click.option(
    "-o",
    "--output",
    default="output",
    show_default=True,
    metavar="DIR|FILE.json|-",
    help="Folder for <stem>.json files, index.jsonl and the CSVs; '-': standard output; "
    "FILE.json: that file, for one input.",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="With -o -: json (one report, indented) or jsonl (a report a line) [default: json for one "
    "file, jsonl for more].",
)
@click.option(
    "--indent",
    type=click.IntRange(min=0),
    default=None,
    help="Spaces of indent, for -o - and -o FILE.json [default: 2].",
)
@click.option("--compact", is_flag=True, help="JSON on one line, for -o - and -o FILE.json.")
@click.option(
    "--from",
    "in_format",
    type=LazyChoice(_formats),
    default=None,
    help="Read every input as this format [default: told by content, not by extension].",
)
@click.option(
    "--exclude",
    "exclude",
    metavar="PATTERN",
    multiple=True,
    help="In folders, leave out what matches: a name ('draft*', '*.docx') or a path ('2017/*'). Repeatable.",
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
@click.option(
    "--max-bytes",
    type=ByteSize(),
    default="64M",
    show_default=True,
    help="Larger inputs are not read and are recorded as 'too-large' (e.g. 500K, 64M, 1G).",
)
@click.option(
    "--max-memory",
    type=ByteSize(zero_means="no cap"),
    default="4G",
    show_default=True,
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
    "-v",
    "--verbose",
    is_flag=True,
    help="Also print a line per file under the progress bar, and what goes to the log (libraries' "
    "messages, tracebacks) as each file ends.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the reports into this SQLite database [default for folder runs, and when DIR has "
    "one: DIR/peel.sqlite].",
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
def extract_command(inputs: tuple[Path, ...], output: str, **options: Any) -> None:
    """Extract reports from files and folders into JSON.

    Inputs whose content and extractor version match their existing output are
    not redone, so running the same command again after an interruption
    finishes the job. After any run into a folder, its index.jsonl, CSVs and
    database describe every report in it.

    '-' reads one input from standard input. Exit status: 0 every input gave
    a report, 1 some inputs failed, 2 usage error or the output folder in use
    by another run (--wait queues behind it instead), 130 interrupted.

    Examples:

    \b
        peel-extract samples/ -o output/ --workers 2
        peel-extract samples/004_6a5c3d0be53c8a20.txt -o kent.json
        cat report.pdf | peel-extract - -o -
        peel-extract samples/ -o - | jq -r .document.title
    """
    if options["quiet"] and options["verbose"]:
        raise click.UsageError("-q and -v say opposite things; give one")
    target = _target(inputs, output, options)
    if target == "folder":
        sys.exit(_to_folder(inputs, Path(output), **options))
    sys.exit(_to_stream(inputs, target, **options))


def _target(inputs: tuple[Path, ...], output: str, options: dict[str, Any]) -> str | Path:
    """Where the reports go: 'folder', '-' (standard output) or a FILE.json; a usage error otherwise."""
    one_file = len(inputs) == 1 and not inputs[0].is_dir()
    path = Path(output)
    if output == "-":
        target: str | Path = "-"
    elif path.is_dir():
        target = "folder"
    elif path.suffix.lower() == ".json" or os.path.lexists(path):
        if not (one_file and path.suffix.lower() == ".json"):
            what = "is a file, not a folder" if os.path.lexists(path) else "names a .json file"
            raise click.UsageError(
                f"-o {printable(output)} {what}: -o FILE.json takes one input file; for more, "
                "give a folder, or '-' for standard output"
            )
        target = path
    else:
        target = "folder"
    if "-" in map(str, inputs) and (len(inputs) != 1 or target == "folder"):
        raise click.UsageError("'-' (standard input) is one input on its own, with -o - or -o FILE.json")
    shaped = options["out_format"] or options["indent"] is not None or options["compact"]
    if target == "folder" and shaped:
        raise click.UsageError("--format, --indent and --compact shape -o - and -o FILE.json only")
    several = not one_file
    if options["out_format"] == "json" and several and target == "-":
        raise click.UsageError("--format json writes one report; give --format jsonl for several")
    if options["out_format"] == "jsonl" and target not in ("-", "folder"):
        raise click.UsageError("-o FILE.json holds one report; --format jsonl is for -o -")
    lines = options["out_format"] == "jsonl" or (options["out_format"] is None and several)
    if target == "-" and lines and options["indent"] is not None:
        raise click.UsageError("JSON Lines are one report a line: --indent is for one report")
    return target


def _to_folder(
    inputs: tuple[Path, ...], out: Path, *, quiet: bool, verbose: bool, progress: bool | None, no_db: bool,
    db_path: Path | None, wait: bool, exclude: tuple[str, ...], in_format: str | None, **options: Any,
) -> int:  # fmt: skip
    """A folder run: the batch, its progress, its summary; the exit status."""
    from extractor.batch import run_batch
    from extractor.inputs import collect_inputs
    from extractor.outputs.sqlite import DB_NAME, Database

    _note_in_process_limits(options["workers"], options["timeout"], options["max_memory"])
    items = collect_inputs(inputs, out, exclude)
    wants_db = not no_db and (db_path or any(path.is_dir() for path in inputs) or (out / DB_NAME).exists())
    database = Database(out, db_path) if wants_db else None
    shown = Progress(len(items), out, quiet, sys.stderr.isatty() if progress is None else progress, verbose)
    try:
        result = run_batch(
            items,
            out,
            on_done=shown.done,
            on_start=shown.start,
            workers=options["workers"],
            timeout=options["timeout"] or None,
            max_bytes=options["max_bytes"],
            max_memory=options["max_memory"],
            force=options["force"],
            outputs=[database] if database else (),
            wait=None if wait else 0.0,
            engine=options["engine"],
            fmt=in_format,
        )
    except ExtractionError as exc:  # the folder is another run's, or cannot be written: nothing done
        click.echo(_error_line(exc), err=True)
        return 2
    finally:
        shown.close()
    if not quiet:
        from extractor.summary import summary_lines

        for line in summary_lines(result, out, database):
            click.echo(line, err=True)
    # What could not be written (the database, a CSV on a full disk); the rest of the run is whole.
    for failure in result.failures:
        click.echo(_error_line(failure), err=True)
    return result.exit_code


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


def _to_stream(inputs: tuple[Path, ...], target: str | Path, **options: Any) -> int:
    """Reports to standard output (JSON, or JSON Lines for several) or to one FILE.json.

    One file is read in this process (as extract() would); several go through the batch's pool,
    with its time and memory limits, and come out in input order. What libraries logged while
    reading a file comes first, as ``note:`` lines on standard error.
    """
    import sqlite3

    from extractor.batch import extract_each
    from extractor.errors import WriteError
    from extractor.inputs import STDIN_NAME, Input, collect_inputs, path_text
    from extractor.outputs.files import write_atomic
    from extractor.outputs.json import report_json
    from extractor.outputs.sqlite import database_error, write_db

    lines = options["out_format"] == "jsonl" or (
        options["out_format"] is None and (len(inputs) > 1 or inputs[0].is_dir())
    )
    indent = (
        None if options["compact"] or lines else options["indent"] if options["indent"] is not None else 2
    )
    limits = {k: options[k] for k in ("max_bytes", "engine")} | {"fmt": options["in_format"]}
    if str(inputs[0]) == "-":
        outcomes = iter([(Input(Path(STDIN_NAME)), _stdin_outcome(**limits))])
    else:
        workers = options["workers"] if options["workers"] is not None else (0 if not lines else None)
        outcomes = extract_each(
            collect_inputs(inputs, None, options["exclude"]),
            workers=workers,
            timeout=options["timeout"] or None,
            max_memory=options["max_memory"],
            **limits,
        )
    failed, reports = 0, []
    for item, outcome in outcomes:
        failed += _say_outcome(item, outcome, quiet=options["quiet"])
        if outcome.report is None:
            continue
        reports.append(outcome.report)
        text = report_json(outcome.report, indent)
        if target == "-":
            click.echo(text, nl=False)
            continue
        try:
            write_atomic(Path(target), text)
        except OSError as exc:  # a folder that is not there, no permission: said, not a traceback
            click.echo(
                _error_line(WriteError(path_text(target), f"not written: {exc.strerror or exc}")), err=True
            )
            return 1
    if options["db_path"] and not options["no_db"] and reports:
        try:
            write_db(reports, options["db_path"])
        except (sqlite3.Error, OSError) as exc:
            click.echo(_error_line(database_error(options["db_path"], exc)), err=True)
            return 1
    return 1 if failed else 0


def _stdin_outcome(max_bytes: int, engine: str | None, fmt: str | None) -> Outcome:
    """The outcome of standard input's bytes, read in this process."""
    from extractor.batch import Outcome, process_one_quietly
    from extractor.inputs import STDIN_NAME, read_stdin

    try:
        data = read_stdin(sys.stdin.buffer, max_bytes)
    except ExtractionError as exc:
        return Outcome(error=exc)
    path = Path(STDIN_NAME)
    return process_one_quietly(path, None, force=True, max_bytes=max_bytes, engine=engine, fmt=fmt, data=data)


def _say_outcome(item: Input, outcome: Outcome, quiet: bool) -> int:
    """Notes (libraries' messages) and the error of one input on standard error; 1 if it failed."""
    from extractor.errors import OwnOutput

    for message in outcome.messages:
        click.echo(f"note: {printable(item.file)}: {printable(message)}", err=True)
    if outcome.error is None:
        return 0
    skipped = isinstance(outcome.error, OwnOutput) or (not item.named and item.problem is not None)
    if not (quiet and skipped):
        click.echo(_error_line(outcome.error, "skipped" if skipped else "error"), err=True)
    return 0 if skipped else 1


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output (schemas/report.schema.json).

    Example:

        peel-extract schema > report.schema.json
    """
    click.echo(_committed_schema(), nl=False)


def _committed_schema() -> str:
    """schemas/report.schema.json as shipped: the models' schema (tests/test_schema.py holds the
    file to them), read without building the models, which takes longer than the rest of start-up."""
    from importlib.util import find_spec

    spec = find_spec("schemas")  # finds the package without running it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "report.schema.json"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    from schemas import json_schema_text

    return json_schema_text()


@cli.command("text")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=None,
    help=f"PDF engine [default: {DEFAULT_ENGINE}].",
)
def text_command(file: Path, engine: str | None) -> None:
    """Print the canonical text the stages read: every span's start and end are offsets into it.

    Blocks in reading order, a blank line after each, a form feed between PDF pages, a table
    row's cells joined by tabs.

    Example:

        peel-extract text samples/004_6a5c3d0be53c8a20.txt | less
    """
    from extractor.api import load_document  # lazy: the readers load only when text is asked for
    from extractor.canonical import canonical_text

    try:
        document = load_document(file, engine=engine)
    except ExtractionError as exc:
        click.echo(_error_line(exc), err=True)
        sys.exit(1)
    click.echo(canonical_text(document), nl=False)


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
    from extractor.outputs.diff import diff_files, format_diff

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
    from extractor.outputs.html import OVERVIEW_NAME, write_overview

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
