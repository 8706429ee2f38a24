"""Text path benchmark: in-process reports/s on the samples, against another checkout in the same run.

Each checkout runs in a process of its own (its own venv's Python, its own ``extractor``), warmed
up on the samples once; then rounds alternate between them (the order swapped every round) and
each round's ratio is taken between two rounds run back to back, so the host's load, which
changes from minute to minute, weighs on both sides alike. Prints the median (min-max) of the
rounds' times and of the per-round ratios.

    python bench/bench_text.py                              # this checkout alone
    python bench/bench_text.py --against ../base --rounds 15  # vs a worktree of another commit
    python bench/bench_text.py --against ../base --against ../main  # vs two, in turn
    python bench/bench_text.py --profile                    # where the time goes (cProfile)

Both sides read the samples of this checkout. ``--against DIR`` uses ``DIR/.venv/bin/python``
when it exists, else this Python.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# The loop each checkout's process runs: one line in ("round"), one time out, in seconds.
_WORKER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from extractor import extract
data = [(Path(p), Path(p).read_bytes()) for p in json.loads(sys.argv[2])]
for path, raw in data:
    extract(path, raw)
print("ready", flush=True)
for line in sys.stdin:
    started = time.perf_counter()
    for path, raw in data:
        extract(path, raw)
    print(time.perf_counter() - started, flush=True)
"""


class Side:
    """One checkout's warmed-up process, asked for one round at a time."""

    def __init__(self, checkout: Path, files: list[Path]) -> None:
        venv = checkout / ".venv" / "bin" / "python"
        python = str(venv) if venv.exists() else sys.executable
        self.name = _describe(checkout)
        self.process = subprocess.Popen(
            [python, "-c", _WORKER, str(checkout), json.dumps([str(f) for f in files])],
            cwd=checkout,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit(f"{checkout}: the worker did not start")

    def round(self) -> float:
        """Seconds for one extraction of every sample."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("round\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


def _describe(checkout: Path) -> str:
    """The checkout's short commit (and '+changes' when its tree differs from it)."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(checkout), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return checkout.name
    return commit + ("+changes" if dirty else "")


def _spread(values: list[float], fmt: str) -> str:
    return f"{format(statistics.median(values), fmt)} ({format(min(values), fmt)}-{format(max(values), fmt)})"


def compare(rounds: int, against: list[Path]) -> None:
    """Alternate rounds between this checkout and each of ``against``; print times, rates and the
    ratio of this checkout's rate to each other's, round by round."""
    files = sorted(SAMPLES.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    sides = [Side(ROOT, files), *(Side(other.resolve(), files) for other in against)]
    times: list[list[float]] = [[] for _ in sides]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        for n in range(rounds):
            order = range(len(sides)) if n % 2 == 0 else reversed(range(len(sides)))
            for index in order:
                times[index].append(sides[index].round())
    finally:
        for side in sides:
            side.close()
    print(f"text path, in process: {len(files)} samples, {size / 1e6:.2f} MB a round, {rounds} rounds")
    print(f"load average at start {load}; now {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for side, spent in zip(sides, times, strict=True):
        rates = [len(files) / t for t in spent]
        print(
            f"  {side.name:<18} {_spread([t * 1000 for t in spent], '.0f')} ms a round   "
            f"{_spread(rates, '.1f')} reports/s"
        )
    for side, spent in zip(sides[1:], times[1:], strict=True):
        ratios = [theirs / ours for ours, theirs in zip(times[0], spent, strict=True)]
        ratio = _spread(ratios, ".2f")
        print(f"  {sides[0].name} vs {side.name}: {ratio}x the reports/s (per-round ratios)")


def profile(rounds: int, top: int) -> None:
    """cProfile over ``rounds`` rounds of this checkout, by cumulative and by own time."""
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT))
    from extractor import extract

    data = [(f, f.read_bytes()) for f in sorted(SAMPLES.glob("*.txt"))]
    for path, raw in data:
        extract(path, raw)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(rounds):
        for path, raw in data:
            extract(path, raw)
    profiler.disable()
    print(f"profiled {rounds} rounds in {time.perf_counter() - started:.2f} s")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"extractor", top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout (repeatable)"
    )
    parser.add_argument("--profile", action="store_true", help="profile this checkout instead")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.profile:
        profile(args.rounds, args.top)
    else:
        compare(args.rounds, args.against)


if __name__ == "__main__":
    main()
