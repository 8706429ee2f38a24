"""PDF reading speed and memory: pdfplumber's own ``extract_words`` (the floor) against our PDF-to-JSON.

Renders samples 000 and 004 with the test generator (and 004 four times over) into a temporary
folder, then prints, in one run: the floor (open + ``extract_words`` on every page), our full
time (read, all stages, JSON text), their ratio, and the peak traced memory of our run. Times
are the best of ``--repeat`` runs, measured alternately, because the machine is shared and noisy.

    python bench/bench_pdf.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from extractor.api import extract, load_document  # noqa: E402
from extractor.outputs.json import report_json  # noqa: E402
from tests import pdfgen  # noqa: E402


def floor(path: Path) -> None:
    """What pdfplumber itself needs to give every word of every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def ours(path: Path) -> None:
    """The whole job: PDF bytes to validated report to JSON text."""
    report_json(extract(path))


def best(fn: Callable[[Path], None], path: Path, times: list[float]) -> None:
    gc.collect()
    start = time.perf_counter()
    fn(path)
    times.append(time.perf_counter() - start)


def peak(fn: Callable[[Path], None], path: Path) -> float:
    """Peak traced memory of one run, in MiB."""
    gc.collect()
    tracemalloc.start()
    fn(path)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path]] = []
        for prefix, copies in (("000", 1), ("004", 1), ("004", 4)):
            source = next((ROOT / "samples").glob(f"{prefix}_*"))
            path = Path(tmp) / f"{prefix}x{copies}.pdf"
            manifest = pdfgen.render(load_document(source), path, copies=copies)
            cases.append((f"{prefix} x{copies} ({manifest.pages} pages)", path))
        ours(cases[0][1])  # warm imports and caches before timing anything
        print(f"{'PDF':<22} {'floor s':>8} {'ours s':>8} {'ratio':>6} {'floor MiB':>10} {'ours MiB':>9}")
        peaks: dict[str, float] = {}
        for label, path in cases:
            floor_times: list[float] = []
            our_times: list[float] = []
            for _ in range(args.repeat):
                best(floor, path, floor_times)
                best(ours, path, our_times)
            floor_peak, our_peak = peak(floor, path), peak(ours, path)
            peaks[label] = our_peak
            f, o = min(floor_times), min(our_times)
            print(f"{label:<22} {f:8.2f} {o:8.2f} {o / f:6.2f} {floor_peak:10.1f} {our_peak:9.1f}")
        base, long = peaks[cases[1][0]], peaks[cases[2][0]]
        print(f"peak memory, 004 x4 / 004 x1: {long / base:.2f}")


if __name__ == "__main__":
    main()
