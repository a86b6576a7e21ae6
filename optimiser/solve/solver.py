"""Solve a built model with HiGHS: the stages, the options, the outcome as data.

Stages of one solve:
1. maximise the impact (LP, or MIP with `mip_gap` and `time_limit_s`);
2. for a MIP, fix the integer decisions and re-solve the LP, which gives the
   duals the reports use (so every dual is an LP dual; the report says so);
3. tie-break: stay on the optimal face of that LP (same impact) and minimise
   the tie-break objective of `models.build.add_tiebreak`, so the same
   workbook always gives the same allocation.

Rules found impossible while building (`Formulation.conflicts`) are not in
the model; they are reported with whatever else conflicts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models.build import Formulation
from models.data import Settings
from optimiser.errors import ErrorText, InfeasibleError, NoSolutionError, OutputError
from optimiser.solve.highs import CompiledModel, RunResult
from optimiser.solve.steps import Step

Progress = Callable[[str], None]  # a line for the user: "Searching for the conflicting rules"
IMPACT_HOLD_TOLERANCE = 1e-9  # relative: how far stage 3 may fall below the best impact
FACE_TOLERANCE = 1e-9  # reduced costs and duals above this fix a column or row in stage 3
# HiGHS's dual feasibility tolerance in stage 3 (its default is 1e-7). The tie-break's
# cell weights differ by less than 1e-7 between cells, so at the default the simplex stops
# at whichever near-tie its path meets first (size M: 4 cells of EUR 10 M apart between
# a warm and a cold start); at 1e-9 every start ends at the same, steadiest allocation.
TIEBREAK_DUAL_TOLERANCE = 1e-9
SHOWN_FALL = 0.75  # a MIP progress line when the gap has fallen by a quarter


@dataclass(frozen=True)
class SolveOptions:
    mip_gap: float = Settings.mip_gap  # defaults: the Settings sheet's, in one place
    time_limit_s: float = Settings.time_limit_s
    tiebreak: bool = True
    time_limit_from: str = "the default"  # where time_limit_s was set, for messages
    export_model: Path | None = None  # write the model HiGHS is given (.mps or .lp)
    mip_solver: str = Settings.mip_solver  # the engine of the MIP stage: highs or scip
    explain: bool = True  # diagnose an infeasible model (batches defer it)

    @classmethod
    def from_settings(cls, settings: Settings, **overrides) -> SolveOptions:
        """Options from the Settings sheet; `overrides` that are not None win (command line)."""
        origin = settings.origins.get("time_limit_s")
        values = {"mip_gap": settings.mip_gap, "time_limit_s": settings.time_limit_s,
                  "mip_solver": settings.mip_solver,
                  "time_limit_from": f"time_limit_s, {origin}" if origin else "the default"}
        if overrides.get("time_limit_s") is not None:
            values["time_limit_from"] = "--time-limit"
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass
class Solution:
    """The outcome of a solve, as data."""

    status: str  # "optimal" or "feasible" (time limit with an allocation outside the gap)
    objective: float  # best impact found, model units (value × EUR M)
    bound: float | None  # best possible impact (MIP dual bound), model units
    gap: float | None  # relative gap between objective and bound
    is_mip: bool
    values: np.ndarray  # column values of the reported allocation
    duals: np.ndarray | None  # row duals of the impact LP (MIP: integers fixed)
    compiled: CompiledModel
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    basis: tuple[list, list] | None = None  # simplex basis of the impact LP (for warm starts)
    impact_costs: np.ndarray | None = None  # the impact objective this solve maximised

    @property
    def dual_basis(self) -> str:
        if self.is_mip:
            return "LP with the funding decisions (binaries) fixed at the MIP solution"
        return "LP"

    def value(self, var) -> float:
        return self.compiled.value_of(self.values, var)

    @property
    def size(self) -> dict[str, int]:
        c = self.compiled
        return {"columns": len(c.columns), "rows": len(c.rows), "binaries": int(c.integer.sum())}


def solve(form: Formulation, options: SolveOptions, progress: Progress | None = None
          ) -> Solution:
    """Compile and run the stages; raise InfeasibleError or NoSolutionError if no allocation.

    `progress` hears of the search for an explanation when the rules conflict."""
    started = time.perf_counter()
    compiled = CompiledModel(form.model)
    compile_seconds = time.perf_counter() - started
    if options.export_model is not None:
        export_model(compiled, options.export_model)
    solution = solve_compiled(form, compiled, options, progress=progress)
    solution.timings = {"compile": compile_seconds, **solution.timings}
    return solution


def export_model(compiled: CompiledModel, path: Path) -> None:
    """Write the model as HiGHS receives it (.mps or .lp), before any solve, so also when
    the rules conflict. The API has checked the suffix before reading the workbook."""
    try:
        compiled.export(path)
    except OSError as error:
        raise OutputError(ErrorText("export_failed", path=path, error=error)) from error


def solve_compiled(
    form: Formulation,
    compiled: CompiledModel,
    options: SolveOptions,
    start: np.ndarray | None = None,
    explain: bool = True,
    progress: Progress | None = None,
) -> Solution:
    """Run the stages on a compiled model (which they modify); `start` is a MIP start.

    With `explain` (and `options.explain`), an infeasible model is diagnosed on
    `compiled` (which gains slack columns); re-solve sessions pass False and
    explain on a fresh copy.
    """
    timings: dict[str, float] = {}
    first = _first_stage(compiled, options, start, found_progress(progress, options.mip_gap))
    timings["solve"] = first.seconds
    if first.infeasible or form.conflicts:
        from optimiser.solve.explain import Diagnosis, diagnose  # only needed on this path

        if not first.infeasible:
            raise Diagnosis(conflicts=form.conflicts).error()
        if explain and options.explain:
            raise diagnose(form, compiled, progress=search_progress(progress)).error()
        raise InfeasibleError("The rules contradict each other: no allocation satisfies "
                              "all of them.", form.conflicts)
    if not first.has_solution:
        raise _no_solution(first, options, compiled.integer_active)
    solution = Solution(
        status="optimal" if first.optimal else "feasible",
        objective=first.objective,
        bound=first.bound,
        gap=first.gap,
        is_mip=compiled.integer_active,
        values=first.values if first.values is not None else compiled.values(),
        duals=None,
        compiled=compiled,
        timings=timings,
        impact_costs=compiled.costs.copy(),
    )
    solution.notes += _degenerate_objective(compiled)
    _fixed_lp_duals(solution)
    solution.basis = compiled.basis() if solution.duals is not None else None
    if options.tiebreak:
        _tiebreak(form, solution)
    return solution


def _first_stage(compiled: CompiledModel, options: SolveOptions, start: np.ndarray | None,
                 found: Callable[[float, float], None] | None = None) -> RunResult:
    """Maximise the impact: HiGHS, or SCIP for a MIP when it is the chosen engine; `found`
    hears how the search goes (`found_progress`)."""
    if compiled.integer_active and options.mip_solver == "scip":
        from optimiser.solve.scip import check_engine, run_scip  # the optional extra

        check_engine(options.mip_solver, "mip_solver")
        return run_scip(compiled, options.time_limit_s, options.mip_gap, found=found)
    if start is not None and compiled.integer_active:
        compiled.set_start(start)
    return compiled.run(options.time_limit_s, options.mip_gap, found=found)


def found_progress(progress: Progress | None, target: float = 0.0
                   ) -> Callable[[float, float], None] | None:
    """A line while a MIP is searched, each time the gap between the best allocation found
    and the best possible has fallen to at most SHOWN_FALL of the last one shown, or within
    the `target` gap (a gap above 100%, or none yet, says nothing and is not shown):
    "Found ..." when the allocation is not the one of the last line,
    else "Searched further ..." (the best possible has come closer). A long solve is not
    silent. Gaps, not time, decide which are shown, and HiGHS reports them at the same
    points of its search on any machine, so the lines are the same on any machine.

    The reporter takes the gap and the impact of the best allocation found."""
    if progress is None:
        return None
    shown = [math.inf, None]  # the gap and the allocation's impact of the last line

    def report(gap: float, impact: float) -> None:
        if gap <= 1.0 and gap < shown[0] and (gap <= shown[0] * SHOWN_FALL or gap <= target):
            key = "step_narrowed" if impact == shown[1] else "step_found"
            shown[:] = [gap, impact]
            progress(Step(key, gap=gap_text(gap)))

    return report


def gap_text(gap: float) -> str:
    """0.39%, 0.033%, 0.00048%: two decimals, and two significant digits below 0.1% (where
    a search spends most of its time), so that the next line does not look the same."""
    if gap >= 1e-3 or gap <= 0:
        return f"{gap:.2%}"
    digits = 1 - math.floor(math.log10(gap * 100))
    return f"{gap * 100:.{digits}f}%"


def search_progress(progress: Progress | None) -> Callable[[int, int], None] | None:
    """Turn the search's counts into lines, one per tenth of the rules decided (counts,
    not time, decide when a line is printed: the output is the same on any machine)."""
    if progress is None:
        return None
    progress(Step("step_conflict"))
    shown = [-1]

    def report(decided: int, total: int) -> None:
        step = decided * 10 // max(total, 1)
        if step > shown[0]:
            shown[0] = step
            progress(Step("step_searching", decided=decided, total=total))

    return report


def _degenerate_objective(compiled: CompiledModel) -> list[str]:
    """Say so when no allocation is better than another: nothing can or need be allocated."""
    if not compiled.columns:
        return [Step("note_no_pairs")]
    if not np.any(compiled.costs):
        return [Step("note_no_value")]
    return []


def _no_solution(first: RunResult, options: SolveOptions, mip: bool) -> NoSolutionError:
    """Exit 5: the solver stopped with no allocation; say which limit, and what to do."""
    if not first.time_limited:
        return NoSolutionError(ErrorText("no_solution_status", status=first.status))
    return NoSolutionError(ErrorText(
        "no_solution_time", limit=f"{options.time_limit_s:g}", origin=options.time_limit_from,
        hard=ErrorText("no_solution_hard") if mip else ""))


def _fixed_lp_duals(solution: Solution) -> None:
    """Duals of the impact LP; for a MIP, of the LP with the integers fixed (bounded by
    simplex iterations, not time, so that a busy machine gives the same result)."""
    compiled = solution.compiled
    if not solution.is_mip:
        solution.duals = compiled.row_duals()
        return
    compiled.fix_integers(solution.values)
    fixed = compiled.run_by_work()
    solution.timings["solve"] += fixed.seconds
    if fixed.optimal:
        solution.values = compiled.values()
        solution.duals = compiled.row_duals()
    else:
        solution.notes.append(Step("note_no_marginals", status=fixed.status))


def _tiebreak(form: Formulation, solution: Solution) -> None:
    """Among the allocations of best impact, choose the steadiest one.

    The optimal face of the LP is fixed through complementary slackness with
    the dual solution just found: columns with a non-zero reduced cost stay
    at their value, rows with a non-zero dual stay at their bound. Every
    allocation left has the same impact, so no impact constraint (a dense row
    that slows the simplex badly) is needed. The impact is checked after.

    It starts cold, without the impact LP's basis: HiGHS then presolves, which
    removes the columns and rows the face fixes (on size L 80% of the columns;
    1 s against 5.6 s from the basis). With TIEBREAK_DUAL_TOLERANCE the answer
    does not depend on the start (tests/test_tiebreak_start.py).
    """
    compiled = solution.compiled
    if solution.duals is None:
        return
    values = solution.values
    impact = float(solution.impact_costs @ values)
    fixed_cols = np.flatnonzero(np.abs(compiled.col_duals()) > FACE_TOLERANCE)
    compiled.set_col_bounds(fixed_cols, values[fixed_cols], values[fixed_cols])
    fixed_rows = np.flatnonzero(np.abs(solution.duals) > FACE_TOLERANCE)
    activity = compiled.row_activity()[fixed_rows]
    compiled.set_row_bounds(fixed_rows, activity, activity)
    compiled.set_objective(compiled.costs_of(form.model.tiebreak, constant=True),
                           maximise=False)
    compiled.forget_basis()
    second = compiled.run_by_work(dual_tolerance=TIEBREAK_DUAL_TOLERANCE)
    solution.timings["tiebreak"] = second.seconds
    if not (second.optimal and math.isfinite(second.objective)):
        solution.notes.append(Step("note_tiebreak_stopped", status=second.status))
        return
    steadier = compiled.values()
    drift = impact - float(solution.impact_costs @ steadier)
    if drift <= IMPACT_HOLD_TOLERANCE * max(1.0, abs(impact)):
        solution.values = steadier
    else:
        solution.notes.append(Step("note_tiebreak_lost"))
