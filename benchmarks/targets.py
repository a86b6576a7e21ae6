"""The speed targets of issue 13, as ratios measured in one run.

    python benchmarks/targets.py                      # every target, once each
    python benchmarks/targets.py --only startup example --repeat 3
    python benchmarks/targets.py --mip-solver scip    # the optional MIP engine

Each measurement is a fresh process (`allocate ...` or HiGHS on a file), timed
from outside; "HiGHS alone" reads the model `allocate run --export-model`
wrote and solves it with HiGHS's default options at the tool's gap, so the
tool is compared with the solver on exactly its own model. Medians of
`--repeat` runs. No target is a test: times depend on the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks import generate as gen  # noqa: E402

EXAMPLE = ROOT / "inputs" / "example.xlsx"
ALLOCATE = [sys.executable, "-m", "optimiser.cli"]
TARGETS = ("startup", "example", "explain", "montecarlo", "size_l")

HIGHS_ALONE = """
import sys, time, highspy
h = highspy.Highs(); h.setOptionValue("output_flag", False)
h.readModel(sys.argv[1]); h.setOptionValue("mip_rel_gap", float(sys.argv[2]))
h.setOptionValue("time_limit", float(sys.argv[3]))
t = time.perf_counter(); h.run(); print(time.perf_counter() - t)
"""


def _timed(command: list[str], cwd: Path, timeout: float) -> tuple[float, str, int]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False)
    return time.perf_counter() - started, done.stdout + done.stderr, done.returncode


def _median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def startup(args, work: Path) -> dict:
    """Process start to the first phase of `run`; `--help` beyond a bare interpreter."""
    bare = [_timed([sys.executable, "-c", "pass"], work, 60)[0] for _ in range(args.repeat)]
    helped = [_timed([*ALLOCATE, "--help"], work, 60)[0] for _ in range(args.repeat)]
    # The first progress line ("Reading ...") ends the probe: that is the first phase.
    probe = ("import sys, optimiser.api as api\n"
             "def stop(message):\n"
             "    raise SystemExit(0)\n"
             f"api.run({str(EXAMPLE)!r}, {str(work / 'probe.xlsx')!r}, progress=stop)\n")
    first = [_timed([sys.executable, "-c", probe], work, 60)[0] for _ in range(args.repeat)]
    help_extra = _median(helped) - _median(bare)
    return {"bare_python_s": _median(bare), "help_s": _median(helped),
            "help_beyond_python_s": help_extra, "run_to_first_phase_s": _median(first),
            "target": "run to first phase < 1 s; --help < 0.25 s beyond python",
            "met": _median(first) < 1.0 and help_extra < 0.25}


def _run_and_export(workbook: Path, work: Path, args, extra: list[str]) -> tuple[float, Path, dict]:
    """The model from one run with --export-model, then the median of `--repeat` timed runs
    without it (writing the file is not part of what a user waits for)."""
    model = work / f"{workbook.stem}.mps"
    seconds = []
    summary: dict = {}
    for k in range(args.repeat + 1):
        export = ["--export-model", str(model)] if k == 0 else []
        took, text, code = _timed([*ALLOCATE, "run", str(workbook), "-o",
                                   str(work / f"{workbook.stem}-out.xlsx"), "--json",
                                   *export, *extra], work, args.timeout)
        if code != 0:
            raise RuntimeError(f"allocate run {workbook.name} exited {code}: {text[-400:]}")
        if k:
            seconds.append(took)
        summary = json.loads(text[text.index("{"):])
    return _median(seconds), model, summary


def _highs_alone(model: Path, gap: float, args, work: Path) -> float:
    samples = []
    for _ in range(args.repeat):
        _, text, code = _timed([sys.executable, "-c", HIGHS_ALONE, str(model), str(gap),
                                str(args.timeout)], work, args.timeout + 60)
        if code != 0:
            raise RuntimeError(f"HiGHS alone failed: {text[-400:]}")
        samples.append(float(text.strip().splitlines()[-1]))
    return _median(samples)


def _versus_highs(workbook: Path, args, work: Path, target: float) -> dict:
    extra = ["--mip-solver", args.mip_solver] if args.mip_solver else []
    extra += ["--time-limit", str(args.timeout)]  # a busy machine must not stop L at 60 s
    tool, model, summary = _run_and_export(workbook, work, args, extra)
    alone = _highs_alone(model, 1e-4, args, work)
    best, impact = summary.get("best_possible_impact"), summary.get("impact")
    off = abs(best - impact) / abs(best) if best and impact is not None else None
    return {"workbook": workbook.name, "tool_end_to_end_s": tool, "highs_alone_s": alone,
            "ratio": tool / alone if alone else None, "target_ratio": target,
            "met": bool(alone) and tool / alone <= target and (off or 0) <= 1e-4,
            "off_best_bound": off}


def example(args, work: Path) -> dict:
    """`allocate run` on the example against HiGHS alone on its exported model (gap 1e-4)."""
    return _versus_highs(EXAMPLE, args, work, 0.35)


def size_l(args, work: Path) -> dict:
    """Size L end to end against HiGHS alone on its exported model."""
    path = gen.WORKBOOKS / f"{gen.workbook_name('L', 1)}.xlsx"
    if not path.exists():
        gen.generate(path, "L", 1, gen.Options())
    return _versus_highs(path, args, work, 1.5)


def explain(args, work: Path) -> dict:
    """`allocate explain` on an infeasible twin of the example against a plain run."""
    from openpyxl import load_workbook

    broken = work / "infeasible.xlsx"
    book = load_workbook(EXAMPLE)
    sheet = book["Envelopes"]
    sheet.cell(row=2, column=3).value = 1_000  # a year's envelope far below its commitments
    book.save(broken)
    plain = _median([_timed([*ALLOCATE, "run", str(EXAMPLE), "-q", "-o",
                             str(work / "plain.xlsx")], work, args.timeout)[0]
                     for _ in range(args.repeat)])
    runs = [_timed([*ALLOCATE, "explain", str(broken), "-o", str(work / f"why{k}.xlsx")],
                   work, args.timeout) for k in range(args.repeat)]
    if any(code != 4 for _, _, code in runs):  # 4: the rules conflict, and were explained
        raise RuntimeError(f"the twin of the example was not explained: {runs[0][1][-400:]}")
    diagnosed = _median([seconds for seconds, _, _ in runs])
    return {"plain_run_s": plain, "explain_s": diagnosed, "ratio": diagnosed / plain,
            "target_ratio": 3.0, "met": diagnosed / plain <= 3.0}


def montecarlo(args, work: Path) -> dict:
    """`allocate sensitivity`, Monte Carlo only, full MIP re-solves on the example."""
    took, text, code = _timed([*ALLOCATE, "sensitivity", str(EXAMPLE), "-q", "-o",
                               str(work / "mc.xlsx"), "--sections", "montecarlo",
                               "--mip-mode", "full", "--draws", str(args.draws)],
                              work, args.timeout * args.draws)
    if code != 0:
        raise RuntimeError(f"allocate sensitivity exited {code}: {text[-400:]}")
    per_200 = took / args.draws * 200
    return {"draws": args.draws, "seconds": took,
            "seconds_for_200" + ("" if args.draws == 200 else " (scaled, base solve too)"): per_200,
            "target_s": 60.0, "met": per_200 < 60.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=TARGETS, default=list(TARGETS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--draws", type=int, default=10,
                        help="Monte Carlo draws actually run (the time is scaled to 200)")
    parser.add_argument("--mip-solver", choices=("highs", "scip"))
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="allocate-targets-"))
    env_note = f"{os.cpu_count()} cores; one run per figure unless --repeat"
    results = {"machine": env_note}
    try:
        for name in args.only:
            print(f"{name} ...", file=sys.stderr, flush=True)
            try:
                results[name] = globals()[name](args, work)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                results[name] = {"error": str(error).splitlines()[0], "met": False}
            print(json.dumps({name: results[name]}, default=str), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
