"""Command line: a thin shell around :func:`extractor.extract` and :func:`extractor.batch.run_batch`.

Exit status: 0 every input gave a report, 1 some inputs failed, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from extractor.batch import run_batch
from extractor.errors import ExtractionError
from extractor.extract import extract
from extractor.version import __version__
from extractor.writer import report_json
from schemas import json_schema_text

COMMANDS = ("extract", "schema")


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
def extract_command(inputs: tuple[Path, ...], output: str, quiet: bool) -> None:
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
        return

    def show(entry: dict[str, object]) -> None:
        if entry["status"] == "error":
            error = entry["error"]
            assert isinstance(error, dict)
            click.echo(f"error: {entry['file']}: {error['message']} [{error['code']}]", err=True)
        elif not quiet:
            click.echo(f"ok: {entry['file']} -> {Path(output) / str(entry['output'])}", err=True)

    result = run_batch(inputs, output, on_done=show)
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
