"""Start-up: wall time of commands that extract nothing, and of one text file, in fresh processes.

Each command runs ``--repeat`` times as ``python -m extractor ...``; the median and spread (min-max)
are printed, with the load average before and after. ``--help``, ``--version``, ``schema``, ``diff``
and ``report`` load neither spaCy nor the PDF libraries, and the first three not even the pydantic
models (``tests/test_startup.py`` checks that); a one-file extraction does. The issue's target for
the commands that extract nothing is 0.2 s; each line says whether its median is within it.

    python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "tests" / "golden" / "samples").glob("*.json"))
SAMPLE = sorted((ROOT / "samples").glob("*.txt"))[0]
# The start-up target for the commands that extract nothing, in seconds.
TARGET = 0.2


def run(args: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "extractor", *args], cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "python -c pass": None,
            "--help": ["--help"],
            "--version": ["--version"],
            "schema": ["schema"],
            "diff A B": ["diff", str(GOLDEN[0]), str(GOLDEN[-1])],
            "report DIR": ["report", str(GOLDEN[0].parent), "-o", f"{tmp}/overview.html"],
            "one text file -o -": [str(SAMPLE), "-o", "-"],
        }
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"start-up, seconds: median (min-max) of {args.repeat} fresh processes; load average {load}")
        for label, command in commands.items():
            if command is None:
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-c", "pass"], check=True)
                    times.append(time.perf_counter() - start)
            else:
                times = run(command, args.repeat)
            median = statistics.median(times)
            verdict = (
                ""
                if command is None or "text file" in label
                else ("  within 0.2 s" if median <= TARGET else "  over 0.2 s")
            )
            print(f"  {label:<20} {median:6.3f} ({min(times):.3f}-{max(times):.3f}){verdict}")
        print(f"load average now {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
