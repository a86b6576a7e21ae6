"""Time `allocate explain` on an infeasible plan against a plain run of the plan fixed.

    python benchmarks/explain.py               # once each
    python benchmarks/explain.py --repeat 3    # medians of three

The plan is the shipped example (max_countries 15, minimum programme sizes,
so yes/no decisions are in play) with commitment C3, Uganda × Return hub
pilot 2026, raised from EUR 5M to EUR 30M on a pair whose capacity is EUR 6M.
The fixed plan applies the least change `explain` finds (C3 2026 = EUR 6M).
Both run as the installed command in fresh processes, one after the other;
the script prints each wall time and the ratio explain / run (target: <= 3).
The explanation is bounded by work, not time: its text is the same on any
machine; only these timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "inputs" / "example.xlsx"  # the shipped example
COMMAND = [str(Path(sys.executable).with_name("allocate"))]


def plan(path: Path, c3_2026_eur: float) -> Path:
    book = load_workbook(EXAMPLE)
    for row in book["Commitments"].iter_rows(min_row=2):
        if row[0].value == "C3" and row[1].value == 2026:
            row[5].value = c3_2026_eur
    book.save(path)
    return path


def timed(folder: Path, *args: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run([*COMMAND, *args], cwd=folder, capture_output=True, check=False)
    return time.perf_counter() - started, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bad = plan(folder / "infeasible.xlsx", 30_000_000)
        fixed = plan(folder / "fixed.xlsx", 6_000_000)
        explains, runs = [], []
        for _ in range(repeat):
            seconds, code = timed(folder, "explain", bad.name)
            assert code == 4, f"explain exited {code}, expected 4 (infeasible)"
            explains.append(seconds)
            seconds, code = timed(folder, "run", fixed.name)
            assert code == 0, f"run exited {code}, expected 0"
            runs.append(seconds)
    explain_s, run_s = statistics.median(explains), statistics.median(runs)
    print(f"allocate explain (infeasible plan): {explain_s:6.1f} s")
    print(f"allocate run (conflict removed):    {run_s:6.1f} s")
    print(f"ratio explain / run:                {explain_s / run_s:6.2f} (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
