"""PDF reading speed and memory: pdfplumber's own ``extract_words`` (the floor) against each engine.

Renders samples 000 and 004 with the test generator (and 004 four times over) into a temporary
folder, then prints, in one run: the floor (open + ``extract_words`` on every page), each
engine's whole PDF-to-JSON time (read, all stages, JSON text) and pages per second, their ratios
to the floor, and each engine's peak memory at 1x and 4x the pages. Times are medians of
``--repeat`` rounds, the three measured in turn within each round (the machine is shared and
noisy), with the spread (min-max) beside them. Peak memory is the peak resident set of a fresh
process that extracts the one file (pdfium allocates outside Python, so tracemalloc cannot see
it), and Python's own traced peak beside it.

    python bench/bench_pdf.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from extractor.api import extract, load_document  # noqa: E402
from extractor.outputs.json import report_json  # noqa: E402
from extractor.readers.pdf.engine import ENGINES  # noqa: E402
from tests import pdfgen  # noqa: E402

ENGINE_ORDER = ("pdfplumber", "pdfium")
assert set(ENGINE_ORDER) == set(ENGINES)

_MEMORY = """
import json, resource, sys, tracemalloc
from extractor.api import extract
from extractor.outputs.json import report_json
tracemalloc.start()
report_json(extract(sys.argv[1], engine=sys.argv[2]))
_, traced = tracemalloc.get_traced_memory()
print(json.dumps([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, traced / 2**20]))
"""


def floor(path: Path) -> None:
    """What pdfplumber itself needs to give every word of every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def ours(engine: str) -> Callable[[Path], None]:
    """The whole job with one engine: PDF bytes to validated report to JSON text."""
    return lambda path: report_json(extract(path, engine=engine)) and None


def timed(fn: Callable[[Path], None], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    fn(path)
    return time.perf_counter() - start


def memory(path: Path, engine: str) -> tuple[float, float]:
    """Peak resident MiB of a fresh process extracting ``path``, and Python's traced peak MiB."""
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY, str(path), engine],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rss, traced = json.loads(done.stdout.strip().splitlines()[-1])
    return float(rss), float(traced)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds; medians and spreads are of these")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path, int]] = []
        for prefix, copies in (("000", 1), ("004", 1), ("004", 4)):
            source = next((ROOT / "samples").glob(f"{prefix}_*"))
            path = Path(tmp) / f"{prefix}x{copies}.pdf"
            manifest = pdfgen.render(load_document(source), path, copies=copies)
            cases.append((f"{prefix} x{copies} ({manifest.pages} pages)", path, manifest.pages))
        for engine in ENGINE_ORDER:  # warm imports and caches before timing anything
            ours(engine)(cases[0][1])
        print(f"times: median (min-max) of {args.repeat} rounds, seconds")
        header = f"{'PDF':<22} {'floor s':>20}"
        for engine in ENGINE_ORDER:
            header += f" {engine + ' s':>20} {'pages/s':>7} {'x floor':>7}"
        print(header)
        for label, path, pages in cases:
            times: dict[str, list[float]] = {"floor": [], **{e: [] for e in ENGINE_ORDER}}
            ratios: dict[str, list[float]] = {e: [] for e in ENGINE_ORDER}
            for _ in range(args.repeat):
                base = timed(floor, path)
                times["floor"].append(base)
                for engine in ENGINE_ORDER:
                    took = timed(ours(engine), path)
                    times[engine].append(took)
                    ratios[engine].append(took / base)
            row = f"{label:<22} {spread(times['floor']):>20}"
            for engine in ENGINE_ORDER:
                rate = pages / statistics.median(times[engine])
                row += f" {spread(times[engine]):>20} {rate:7.1f} {statistics.median(ratios[engine]):7.2f}"
            print(row)
            speed_up = [p / f for p, f in zip(times["pdfplumber"], times["pdfium"], strict=True)]
            floor_up = [1 / r for r in ratios["pdfium"]]
            print(
                f"{'':<22} pdfium vs floor {spread(floor_up)}x faster; "
                f"vs pdfplumber engine {spread(speed_up)}x (per-round ratios)"
            )
        print("peak memory, MiB: resident set of a fresh process (Python's traced peak)")
        one, four = cases[1][1], cases[2][1]
        for engine in ENGINE_ORDER:
            (rss1, py1), (rss4, py4) = memory(one, engine), memory(four, engine)
            print(
                f"  {engine:<10} 004 x1 {rss1:7.1f} ({py1:5.1f})   004 x4 {rss4:7.1f} ({py4:5.1f})   "
                f"x4/x1 {rss4 / rss1:.2f} ({py4 / py1:.2f})"
            )


if __name__ == "__main__":
    main()
