"""How fast hostile inputs are refused: a DOCX zip bomb, a page nested past the parser's limit.

Builds the inputs of ``tests/badfiles.py`` in memory (a 1 MB DOCX whose ``word/document.xml``
inflates to 1 GiB, one whose headers lie about it, HTML nested 300 and 3,000 levels deep) and
prints, for each, what it gives and the time ``extract`` takes (best, median and worst of
``--repeat`` runs), with peak RSS of this process at the end. Issue 14's target: the zip bomb
refused as ``too-large`` in well under a second, without inflating it.

    python bench/bench_hostile.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from badfiles import deep_page, zip_bomb  # noqa: E402

from extractor import extract  # noqa: E402
from extractor.errors import ExtractionError  # noqa: E402


def outcome(name: str, data: bytes) -> str:
    try:
        report = extract(name, data)
    except ExtractionError as exc:
        return exc.code
    return f"report ({', '.join(w.code for w in report.warnings)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = {
        "bomb.docx (1 GiB declared)": ("bomb.docx", zip_bomb()),
        "lying-bomb.docx (64 MiB, declares 1000 B)": ("lying.docx", zip_bomb(64 << 20, declared=1000)),
        "deep-300.html": ("deep.html", deep_page(300)),
        "deep-3000.html": ("deeper.html", deep_page(3000)),
    }
    print(f"{'input':<44}{'bytes':>10}  {'gives':<46}{'best s':>8}{'median s':>10}{'worst s':>9}")
    for label, (name, data) in cases.items():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            gives = outcome(name, data)
            times.append(time.perf_counter() - started)
        print(
            f"{label:<44}{len(data):>10,}  {gives:<46}{min(times):>8.3f}"
            f"{statistics.median(times):>10.3f}{max(times):>9.3f}"
        )
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
