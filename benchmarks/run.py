"""Time the allocate tool on the synthetic benchmark workbooks.

    python benchmarks/run.py                   # S, M and L, once each
    python benchmarks/run.py --sizes S M --repeat 3 --json

For each size the workbook is generated if missing (benchmarks/workbooks/,
git-ignored), then `optimiser.api.run` solves it in a fresh Python process,
so peak memory and import costs are per run. The child reports the phase
timings of the tool; the parent measures the child's wall time and, through
`os.wait4`, its peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `optimiser` and `benchmarks` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import generate as gen  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SIZE_KEYS = ("columns", "rows", "binaries")


# ---------------------------------------------------------------- child process


def _plain(value: object) -> object:
    """A JSON-friendly form of a report field (enum → value, dataclass → dict)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return _plain(getattr(value, "value", str(value)))


def child(input_path: str, output_path: str, result_path: str) -> int:
    """Run the tool once and write what it reports to `result_path` as JSON."""
    start = time.perf_counter()
    result: dict[str, object] = {}
    try:
        from optimiser.api import run  # imported here: its import time is part of the run
        from optimiser.cli.common import one_model_process, own_process

        result["import_s"] = time.perf_counter() - start
        # As the `allocate run` command: the model is left to the operating system at the
        # end, not freed object by object by the collector (size L: about 2 s otherwise).
        own_process()
        one_model_process()
        report = run(input_path, output_path)
        result["timings"] = {str(k): float(v) for k, v in dict(report.timings).items()}
        result["status"] = _plain(getattr(report, "status", None))
        result["impact"] = _plain(getattr(report, "impact", None))
        result["size"] = _plain(getattr(report, "size", None)) or {}
    except Exception as error:  # reported, not raised: the parent prints it in the table
        result["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
    Path(result_path).write_text(json.dumps(result))
    return 1 if "error" in result else 0


# ---------------------------------------------------------------- parent process


@dataclass
class Run:
    """One run of the tool in a child process."""

    timings: dict[str, float] = field(default_factory=dict)
    process_s: float = 0.0
    peak_rss_mib: float | None = None
    status: object = None
    impact: object = None
    size: dict = field(default_factory=dict)
    error: str | None = None


def _rss_mib(maxrss: int) -> float:
    """ru_maxrss is in KiB on Linux, in bytes on macOS."""
    return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 2**10


def run_once(workbook: Path, output: Path, timeout_s: float) -> Run:
    """Solve `workbook` in a child process; wall time and peak RSS measured from outside."""
    with tempfile.TemporaryDirectory() as tmp:
        result_path = Path(tmp) / "result.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child",
                   str(workbook), str(output), str(result_path)]
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
        timer = threading.Timer(timeout_s, proc.kill)
        timer.start()
        try:  # wait4: this child's own rusage (RUSAGE_CHILDREN would be a running maximum)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        reported = json.loads(result_path.read_text()) if result_path.exists() else {}
    run = Run(process_s=elapsed, peak_rss_mib=_rss_mib(usage.ru_maxrss))
    run.timings = reported.get("timings", {})
    run.status, run.impact = reported.get("status"), reported.get("impact")
    run.size = reported.get("size", {})
    run.error = reported.get("error")
    if run.error is None and proc.returncode != 0:
        run.error = f"child exited with {proc.returncode}" + (
            f" (killed after {timeout_s:g} s)" if proc.returncode < 0 else "")
    return run


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def summarise(runs: list[Run]) -> dict:
    """Median of each phase and of the totals over the runs; peak RSS is the largest."""
    good = [r for r in runs if r.error is None] or runs
    phases: list[str] = []
    for r in good:
        phases += [p for p in r.timings if p not in phases]
    last = good[-1]
    return {
        "phases": {p: _median([r.timings[p] for r in good if p in r.timings]) for p in phases},
        "total_s": _median([sum(r.timings.values()) for r in good if r.timings]),
        "process_s": _median([r.process_s for r in good]),
        "peak_rss_mib": max((r.peak_rss_mib for r in good if r.peak_rss_mib), default=None),
        "status": last.status,
        "impact": last.impact,
        "lp_size": last.size,
        "error": last.error,
        "runs": len(runs),
    }


def ensure_workbook(size: str, seed: int, options: gen.Options, regenerate: bool):
    """The workbook path and, if it was generated now, the generation time in seconds."""
    path = gen.WORKBOOKS / f"{gen.workbook_name(size, seed, options)}.xlsx"
    if path.exists() and not regenerate:
        return path, None
    start = time.perf_counter()
    gen.generate(path, size, seed, options)
    return path, time.perf_counter() - start


def bench_size(size: str, args: argparse.Namespace) -> dict:
    options = gen.Options(mip=args.mip, max_countries=args.max_countries)
    workbook, generate_s = ensure_workbook(size, args.seed, options, args.regenerate)
    output = RESULTS / f"{workbook.stem}-allocation.xlsx"
    output.parent.mkdir(parents=True, exist_ok=True)
    runs = []
    for k in range(args.repeat):
        runs.append(run_once(workbook, output, args.timeout))
        if not args.json:
            done = f"{size} run {k + 1}/{args.repeat}: {runs[-1].process_s:.1f} s"
            print(done, file=sys.stderr)
    return {"size": size, "workbook": str(workbook.relative_to(ROOT)),
            "generate_s": generate_s, **summarise(runs)}


# ---------------------------------------------------------------- table


def _fmt(value: object, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _status(result: dict, width: int = 60) -> str:
    """The status, or the error cut to `width` characters (--json has it in full)."""
    text = _fmt(result["error"] or result["status"])
    return text if len(text) <= width else text[: width - 1] + "…"


def table(results: list[dict]) -> str:
    """A fixed-width table: one row per size; phases in the order the tool reported them."""
    phases: list[str] = []
    for r in results:
        phases += [p for p in r["phases"] if p not in phases]
    header = ["size", "generate", *SIZE_KEYS, *phases, "total", "process", "peak MiB", "status"]
    lines = [header]
    for r in results:
        lines.append([
            r["size"], _fmt(r["generate_s"]), *(_fmt(r["lp_size"].get(k)) for k in SIZE_KEYS),
            *(_fmt(r["phases"].get(p)) for p in phases), _fmt(r["total_s"]),
            _fmt(r["process_s"]), _fmt(r["peak_rss_mib"], 0), _status(r),
        ])
    widths = [max(len(str(row[k])) for row in lines) for k in range(len(header))]
    text = ["  ".join(str(v).rjust(w) for v, w in zip(row, widths, strict=True)) for row in lines]
    return "\n".join(text)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sizes = list(gen.syn.SIZES)
    parser.add_argument("--sizes", nargs="+", choices=sizes, default=sizes)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; medians are shown")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mip", action="store_true", help="workbooks with minimum programmes")
    parser.add_argument("--max-countries", type=int, metavar="N", help="set max_countries N")
    parser.add_argument("--regenerate", action="store_true", help="regenerate existing workbooks")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds per run")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(*argv[1:4])
    args = parse_args(argv)
    results = [bench_size(size, args) for size in args.sizes]
    if args.json:
        machine = {"python": platform.python_version(), "machine": platform.machine(),
                   "cpus": os.cpu_count()}
        print(json.dumps({"machine": machine, "results": results}, indent=2))
    else:
        print(table(results))
    return 1 if any(r["error"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
