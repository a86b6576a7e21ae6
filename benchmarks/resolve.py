"""Re-solves per second: a persistent session against a rebuild per point.

    python benchmarks/resolve.py                         # the example and size M
    python benchmarks/resolve.py --cases example --points 100 --rebuilds 3

The points are numeric variants of the workbook, as the sensitivity runs make
them: envelopes scaled by 0.9–1.1 and Monte Carlo draws of the scores (±10%),
alternating, from a fixed seed. Each is solved

- persistently: `Session.solve` on the base model built once (for a MIP in
  both modes: binaries fixed at the base's, and full MIP re-solves warm-started
  from the base solution), and
- by a rebuild: `optimiser.api.optimise`, which builds, compiles and solves
  afresh (for a MIP a full MIP solve),

all with the tie-break stage, so each point yields the allocation a user gets.
The session's own set-up (build, compile, base solve) is reported apart: it is
paid once per batch. Rebuilds are slow, so fewer of them are timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `optimiser` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import generate as gen  # noqa: E402
from optimiser.api import optimise  # noqa: E402
from optimiser.readers.validate import read_workbook  # noqa: E402
from optimiser.whatif.resolve import FIXED, FULL, Session  # noqa: E402
from optimiser.whatif.variants import draw_scores, scale_envelopes  # noqa: E402

WORKBOOKS = ROOT / "benchmarks" / "workbooks"
HEADROOM = 1.1  # the largest envelope factor of the points


def case_path(case: str) -> Path:
    if case == "example":
        return ROOT / "inputs" / "example.xlsx"
    path = WORKBOOKS / gen.workbook_name(case, 1)
    if not path.exists():
        gen.generate(path, case, 1)
    return path


def variants(data, count: int, seed: int = 0) -> list:
    rng = np.random.default_rng(seed)
    points = []
    for n in range(count):
        if n % 2:
            points.append(draw_scores(data, rng, 0.1))
        else:
            points.append(scale_envelopes(data, float(rng.uniform(0.9, HEADROOM))))
    return points


def time_points(solve, points) -> dict:
    seconds, statuses = [], []
    for point in points:
        started = time.perf_counter()
        statuses.append(solve(point))
        seconds.append(time.perf_counter() - started)
    return {"points": len(points), "seconds_per_point": statistics.median(seconds),
            "per_second": len(points) / sum(seconds),
            "solved": sum(status in ("optimal", "feasible") for status in statuses)}


def bench(case: str, points: int, rebuilds: int) -> dict:
    data = read_workbook(case_path(case)).data
    sample = variants(data, points)
    figures: dict = {"case": case}
    modes = [FIXED, FULL] if _is_mip(data) else [FIXED]
    for mode in modes:
        started = time.perf_counter()
        session = Session(data, mip_mode=mode, headroom=HEADROOM)
        setup = time.perf_counter() - started
        count = points if mode == FIXED else min(points, rebuilds)
        timed = time_points(lambda v, s=session: s.solve(v).status, sample[:count])
        figures[f"persistent_{mode}" if len(modes) > 1 else "persistent"] = {
            **timed, "setup_s": setup, "method": session.method}
    figures["rebuild"] = time_points(lambda v: optimise(v).status, sample[:rebuilds])
    base = figures.get("persistent_fixed") or figures["persistent"]
    figures["speedup"] = base["per_second"] / figures["rebuild"]["per_second"]
    return figures


def _is_mip(data) -> bool:
    return data.settings.max_countries is not None or any(
        i.min_programme_eur > 0 for i in data.instruments)


def table(results: list[dict]) -> str:
    lines = ["| case | way | method | points | s / point (median) | re-solves / s | set-up s |",
             "|---|---|---|---|---|---|---|"]
    for figures in results:
        for way in ("persistent", "persistent_fixed", "persistent_full", "rebuild"):
            if way not in figures:
                continue
            f = figures[way]
            method = f.get("method", "build, compile, solve")
            setup = f"{f['setup_s']:.1f}" if "setup_s" in f else "-"
            lines.append(f"| {figures['case']} | {way} | {method} | {f['points']} | "
                         f"{f['seconds_per_point']:.3f} | {f['per_second']:.2f} | {setup} |")
        lines.append(f"| {figures['case']} | speedup | persistent / rebuild | | | "
                     f"{figures['speedup']:.0f}x | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=["example", "M"],
                        help="example and/or synthetic sizes S, M, L")
    parser.add_argument("--points", type=int, default=60, help="persistent points per case")
    parser.add_argument("--rebuilds", type=int, default=4, help="rebuilt points per case")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    results = [bench(case, args.points, args.rebuilds) for case in args.cases]
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
