"""Corpus benchmark: run the pipeline over the shared development corpus and print its score table.

Runs every case of ``../shared/corpus/cases`` in this process, writes each report JSON to a
temporary folder (removed afterwards; nothing else is written), and prints the table of
``../shared/tools/score_corpus.py`` (fields, recall, precision), then two figures the scorer
does not give: cycles named where the gold names none, and how often ``document.kind`` falls in
the gold's kind, plus the wall time of the extraction.

    python bench/bench_corpus.py              # the shared corpus beside the checkout
    python bench/bench_corpus.py --verbose    # also list every miss
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor import extract  # noqa: E402
from extractor.errors import ExtractionError  # noqa: E402
from extractor.outputs.json import report_json  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_corpus.py"

# The gold's four kinds of text, and the document kinds of ours that fall in each.
GOLD_KINDS: dict[str, frozenset[str]] = {
    "inspectorate_page": frozenset(
        {"inspection_report", "inspection_web_page", "inspection_letter", "press_release"}
    ),
    # The gold files a republished press release under news: the text is a press release either way.
    "news": frozenset({"news_article", "press_release"}),
    "pcc_or_force_response": frozenset({"force_response", "pcc_scrutiny_report", "committee_paper"}),
    "other": frozenset({"other"}),
}


def run_corpus(cases: Path, out_dir: Path) -> tuple[dict[str, str], float]:
    """Extract every case into ``out_dir``: (case name -> error code of each that failed, wall seconds)."""
    failed: dict[str, str] = {}
    started = time.perf_counter()
    for path in sorted(cases.glob("*.txt")):
        try:
            report = extract(path)
        except ExtractionError as error:
            failed[path.name] = error.code
            continue
        (out_dir / f"{path.stem}.json").write_text(report_json(report), encoding="utf-8")
    return failed, time.perf_counter() - started


def _scorer() -> ModuleType:
    """The shared scorer as a module (it lives outside the package, beside the corpus)."""
    spec = importlib.util.spec_from_file_location("score_corpus", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(out_dir: Path, *, verbose: bool = False) -> tuple[dict[str, Any], str]:
    """The scorer's figures (its ``--json``) and its printed table, for the reports in ``out_dir``."""
    scorer = _scorer()
    gold = str(CORPUS / "gold.jsonl")
    figures = io.StringIO()
    with contextlib.redirect_stdout(figures):
        scorer.main([str(out_dir), gold, "--json"])
    table = io.StringIO()
    with contextlib.redirect_stdout(table):
        scorer.main([str(out_dir), gold, *(["--verbose"] if verbose else [])])
    text = table.getvalue()
    if not verbose:  # the table and summary only, not the first misses
        text = "\n".join(line for line in text.splitlines() if not line.startswith("  "))
    return json.loads(figures.getvalue()), text


def extra_figures(out_dir: Path) -> dict[str, Any]:
    """What the scorer does not count: cycles named against a gold null, and kinds in the gold's kind."""
    rows = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text("utf-8").splitlines() if line]
    invented: list[str] = []
    kinds_right = kinds_total = 0
    wrong_kinds: list[str] = []
    for row in rows:
        target = out_dir / f"{Path(row['case']).stem}.json"
        if not target.exists():
            continue
        document = json.loads(target.read_text("utf-8"))["document"]
        cycle = (document.get("inspection") or {}).get("cycle")
        if row.get("is_peel_report_text") and cycle and not (row.get("cycle_actual") or row.get("cycle")):
            invented.append(f"{row['case']}: {cycle}")
        kinds_total += 1
        if document["kind"] in GOLD_KINDS.get(row["kind"], frozenset()):
            kinds_right += 1
        else:
            wrong_kinds.append(f"{row['case']}: {document['kind']} (gold {row['kind']})")
    return {
        "cycle_invented": invented,
        "kinds_right": kinds_right,
        "kinds_total": kinds_total,
        "wrong_kinds": wrong_kinds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CORPUS / "cases")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not args.cases.is_dir() or not SCORER.exists():
        print(f"no corpus at {args.cases} (or no scorer at {SCORER})", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="peel-corpus-") as tmp:
        out_dir = Path(tmp)
        failed, seconds = run_corpus(args.cases, out_dir)
        _, table = score(out_dir, verbose=args.verbose)
        extra = extra_figures(out_dir)
    cases = len(list(args.cases.glob("*.txt")))
    print(table)
    print(f"cycle named where the gold names none: {len(extra['cycle_invented'])}")
    print(f"document kind within the gold's kind: {extra['kinds_right']}/{extra['kinds_total']}")
    if args.verbose:
        for line in extra["cycle_invented"] + extra["wrong_kinds"]:
            print("  " + line)
    print(f"no report (error): {len(failed)} {sorted(failed.items()) if args.verbose else ''}".rstrip())
    print(f"wall time: {seconds:.2f} s for {cases} cases ({seconds / max(cases, 1) * 1000:.0f} ms a case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
