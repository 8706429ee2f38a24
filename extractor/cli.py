"""Command line: a thin shell around :func:`extractor.extract` and :func:`extractor.batch.run_batch`.

Exit status: 0 every input gave a report, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from extractor.batch import run_batch
from extractor.db import read_report, write_db
from extractor.diff import diff_reports, format_diff
from extractor.errors import ExtractionError
from extractor.extract import extract
from extractor.overview import write_overview
from extractor.version import __version__
from extractor.writer import report_json
from schemas import json_schema_text

COMMANDS = ("extract", "schema", "diff", "report")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="peel-extract")
def cli() -> None:
    """peel-extract: HMICFRS PEEL inspection reports to validated, normalized JSON.

    Run ``peel-extract FILE_OR_DIR... -o DIR`` (the ``extract`` command is the default).
    """


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="output",
    show_default=True,
    help="Folder for <stem>.json files and index.jsonl; '-' writes one report to standard output.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also upsert the reports into this SQLite database (default for folder runs: DIR/peel.sqlite).",
)
@click.option("--no-db", is_flag=True, help="Do not write the SQLite database.")
def extract_command(
    inputs: tuple[Path, ...], output: str, quiet: bool, db_path: Path | None, no_db: bool
) -> None:
    """Extract reports from files and folders into JSON.

    Example:

        peel-extract samples/ -o output/
    """
    if output == "-":
        if len(inputs) != 1 or inputs[0].is_dir():
            raise click.UsageError("-o - writes to standard output and takes exactly one file")
        try:
            report = extract(inputs[0])
        except ExtractionError as exc:
            click.echo(f"error: {exc.path}: {exc.message} [{exc.code}]", err=True)
            sys.exit(1)
        click.echo(report_json(report), nl=False)
        if db_path and not no_db:
            write_db([report], db_path)
        return

    def show(entry: dict[str, object]) -> None:
        if entry["status"] == "error":
            error = entry["error"]
            assert isinstance(error, dict)
            click.echo(f"error: {entry['file']}: {error['message']} [{error['code']}]", err=True)
        elif not quiet:
            click.echo(f"ok: {entry['file']} -> {Path(output) / str(entry['output'])}", err=True)

    result = run_batch(inputs, output, on_done=show)
    if not no_db and (db_path or any(path.is_dir() for path in inputs)):
        _write_database(result.entries, Path(output), db_path or Path(output) / "peel.sqlite", quiet)
    if not quiet:
        done = len(result.entries) - result.failed
        click.echo(
            f"{done} of {len(result.entries)} inputs extracted, {result.failed} failed; "
            f"index: {Path(output) / 'index.jsonl'}",
            err=True,
        )
    sys.exit(result.exit_code)


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the output (schemas/report.schema.json).

    Example:

        peel-extract schema > report.schema.json
    """
    click.echo(json_schema_text(), nl=False)


# ---- comparing reports (issue 8): the database after a batch, diff, report ----------------------


def _write_database(entries: list[dict[str, Any]], out_dir: Path, db_path: Path, quiet: bool) -> None:
    """Upsert the reports a batch wrote (read back from their JSON) into the SQLite database."""
    reports = [read_report(out_dir / str(e["output"])) for e in entries if e.get("output")]
    written = write_db(reports, db_path)
    if not quiet:
        click.echo(f"database: {db_path} ({written.added} added, {written.replaced} replaced)", err=True)


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
        changes = diff_reports(read_report(old), read_report(new))
    except ExtractionError as exc:
        click.echo(f"error: {exc.path}: {exc.message} [{exc.code}]", err=True)
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
    target = output or folder / "index.html"
    loaded = write_overview(folder, target)
    for exc in loaded.errors:
        click.echo(f"error: {exc.path}: {exc.message} [{exc.code}]", err=True)
    click.echo(f"overview of {len(loaded.reports)} reports: {target}", err=True)
    sys.exit(1 if loaded.errors else 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: ``extract`` is implied when the first argument is not a command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version"):
        args.insert(0, "extract")
    try:
        cli.main(args=args, prog_name="peel-extract", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.UsageError as exc:
        exc.show()
        return 2
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    return 0
