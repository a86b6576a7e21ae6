"""The built model with the impact band, re-solved for one direction after another.

    session = BandSession(data, options, within)
    best = session.solve_best()             # as `allocate run`; then the band row is added
    point = session.solve_direction(direction)   # a PointResult within the band

The band is one row over the impact's columns,

    Σ a_ci × multiplier_k × seg[y,c,i,k] (+ a_ci × X[y,c,i])  >=  (1 − within) × best impact,

and each alternative maximises another objective on the same HiGHS instance
(no rebuild). A steered alternative (`--favour`, `--avoid`) needs nothing but
the best, so it is a point of a batch (optimiser.whatif.batch): `BandSpec`
carries what a worker process needs to make the same session without solving
the best again (the data, the options, within and the best's objective and
values), and `BandSession.solve(steer)` is the point.

Every re-solve starts from the same state: the model with the band restored
from its snapshot, the solver's own state cleared (no basis or incumbent of an
earlier solve), and the best allocation as its MIP start. So an alternative
never depends on what that process solved before: serially, on local workers
and on Dask the same workbook gives the same alternatives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from models.build import Formulation, build_model
from models.data import AllocationData
from optimiser.errors import ErrorText, InfeasibleError, NoSolutionError, UsageError
from optimiser.results.extract import allocation_table, impact_of
from optimiser.solve.highs import INF, CompiledModel
from optimiser.solve.solver import Solution, SolveOptions, solve_compiled
from optimiser.whatif.resolve import PointResult
from optimiser.whatif.said import Told

BAND_MARGIN = 1e-7  # relative: the band row sits this far above the floor, so whole-euro
# rounding of the cells never takes an alternative below (1 − within) × best
# A direction's cost per EUR 1M is at most 1, so this stops a MIP once it is proven within
# EUR 100,000 of the farthest allocation (the relative gap means nothing near 0).
DIRECTION_ABS_GAP = 0.1
# Work, not wall-clock time, bounds a MIP solve: the same nodes on a busy or an idle machine
# give the same alternative. The time limit is only a safety net, set well beyond what the
# node limit takes (a search stopped by seconds would depend on the machine's load).
DIRECTION_MAX_NODES = 100
SAFETY_TIME_FACTOR = 10.0  # × the workbook's time_limit_s, per alternative
UNUSED = 1e-9  # a relaxed yes/no decision at most this is unused
METHOD = "re-run of the built model within the impact band"
DIMENSIONS = ("country", "instrument", "theme")
FAVOUR, AVOID = "favour", "avoid"


@dataclass(frozen=True)
class Steer:
    """--favour country=Libya: move money towards (or, avoid, away from) one name."""

    kind: str  # FAVOUR or AVOID
    dimension: str  # country, instrument or theme
    name: str  # as the user wrote it; resolved against the workbook

    @classmethod
    def parse(cls, kind: str, text: str) -> Steer:
        dimension, sep, name = text.partition("=")
        dimension, name = dimension.strip().casefold(), name.strip().strip('"').strip()
        if not sep or dimension not in DIMENSIONS or not name:
            raise UsageError(ErrorText("steer_syntax", kind=kind, text=repr(text)))
        return cls(kind, dimension, name)

    def aim(self, name: str) -> str:
        return Told("alt_aim_more" if self.kind == FAVOUR else "alt_aim_less",
                    column=self.dimension, name=name)


@dataclass(frozen=True)
class BestState:
    """The best solve, as a worker needs it: its impact (model units, without the
    objective's constant) for the band, and its values as the MIP start."""

    impact: float
    values: np.ndarray


@dataclass(frozen=True)
class BandSpec:
    """Everything a worker needs to make the parent's session: picklable."""

    data: AllocationData
    options: SolveOptions
    within: float
    best: BestState

    def session(self) -> BandSession:
        return BandSession(self.data, self.options, self.within, best=self.best)


class BandSession:
    """The model, built and compiled once; after the best, re-solved within the band."""

    def __init__(self, data: AllocationData, options: SolveOptions, within: float,
                 best: BestState | None = None):
        started = time.perf_counter()
        self.data, self.options, self.within = data, options, within
        self.safety_options = dataclasses.replace(
            options, time_limit_s=options.time_limit_s * SAFETY_TIME_FACTOR)
        self.form: Formulation = build_model(data)
        self.compiled = CompiledModel(self.form.model)
        self.n_columns = len(self.compiled.columns)
        ix = self.form.index
        columns = self.compiled.index_of(self.form.model.x[c] for c in ix.cells)
        present = columns >= 0
        self.cell_columns = columns[present]
        cells = [cell for cell, ok in zip(ix.cells, present, strict=True) if ok]
        self.cell_country = np.array([c for _, c, _, _ in cells], dtype=object)
        self.cell_instrument = np.array([i for _, _, i, _ in cells], dtype=object)
        self.theme_of = ix.theme_of
        self.best: BestState | None = None
        self._start = None
        # What a worker process pays to get here (build and compile, no solve).
        self.setup_seconds = time.perf_counter() - started
        if best is not None:
            self._add_band(best)

    @property
    def is_mip(self) -> bool:
        return self.compiled.is_mip

    @property
    def method(self) -> str:
        return METHOD

    @property
    def spec(self) -> BandSpec:
        return BandSpec(self.data, self.options, self.within, self.best)

    # -- the best, and the band ----------------------------------------------
    def solve_best(self, stage: Callable[[str], None] | None = None) -> Solution:
        """The best allocation as `allocate run` solves it (`stage` hears of its search);
        then the band row is added."""
        compiled = self.compiled
        pristine = compiled.snapshot()
        solution = solve_compiled(self.form, compiled, self.options, progress=stage)
        compiled.restore(pristine)
        self._add_band(BestState(solution.objective - compiled.objective_offset,
                                 solution.values))
        return solution

    def _add_band(self, best: BestState) -> None:
        compiled = self.compiled
        floor = (1.0 - self.within) * best.impact
        floor += BAND_MARGIN * abs(floor)
        costs = compiled.objective_costs
        used = np.flatnonzero(costs)
        compiled.highs.addRow(min(floor, best.impact), INF, len(used), used.astype(np.int32),
                              costs[used])
        self.best = best
        self._start = compiled.snapshot()

    # -- names -------------------------------------------------------------
    def resolve(self, steer: Steer) -> tuple[str, np.ndarray]:
        """The workbook's spelling of the steer's name and the columns of its cells."""
        data = self.data
        known = {"country": [c.name for c in data.countries],
                 "instrument": [i.name for i in data.instruments],
                 "theme": list(dict.fromkeys(i.theme for i in data.instruments))}[steer.dimension]
        by_key = {name.casefold(): name for name in known}
        name = by_key.get(steer.name.casefold())
        if name is None:
            raise UsageError(ErrorText("steer_unknown", kind=steer.kind,
                                       option=f"{steer.dimension}={steer.name}",
                                       column=steer.dimension, known=", ".join(known)))
        if steer.dimension == "theme":
            themes = np.array([self.theme_of[i].casefold() for i in self.cell_instrument])
            mask = themes == name.casefold()
        else:
            mask = (self.cell_country if steer.dimension == "country"
                    else self.cell_instrument) == name
        return name, self.cell_columns[mask]

    def steer_direction(self, steer: Steer) -> np.ndarray:
        direction = np.zeros(self.n_columns)
        direction[self.resolve(steer)[1]] = 1.0 if steer.kind == FAVOUR else -1.0
        return direction

    # -- solving -----------------------------------------------------------
    def solve(self, steer: Steer) -> PointResult:
        """A steered alternative: the point of a batch. Never raises (a broken point
        must not lose the others)."""
        started = time.perf_counter()
        try:
            result = self.solve_direction(self.steer_direction(steer))
        except Exception as error:
            result = PointResult("error", None, None, METHOD,
                                 f"unexpected error: {type(error).__name__}: {error}")
        return dataclasses.replace(result, seconds=time.perf_counter() - started)

    def solve_direction(self, direction: np.ndarray) -> PointResult:
        """Maximise direction · columns within the band, from the same state every time.

        For a MIP the search is confined first (`_confine`): the yes/no decisions that
        neither the best allocation nor the relaxed problem uses stay no. The best is
        the MIP start, and feasible there, so a confined search always has an answer."""
        compiled = self.compiled
        compiled.restore(self._start)
        compiled.highs.clearSolver()  # no basis or incumbent of an earlier solve
        scale = float(np.abs(direction).max()) if len(direction) else 0.0
        compiled.set_objective(direction / scale if scale > 0 else direction, maximise=True)
        bound = self._confine() if compiled.integer_active else None  # None: not confined
        start = self.best.values if compiled.integer_active else None
        try:
            with highs_options(compiled.highs, mip_abs_gap=DIRECTION_ABS_GAP,
                               mip_max_nodes=DIRECTION_MAX_NODES):
                solution = solve_compiled(self.form, compiled, self.safety_options,
                                          start=start, explain=False)
        except (InfeasibleError, NoSolutionError) as error:
            return PointResult("no solution", None, None, METHOD, str(error))
        status, message = solution.status, ""
        if status != "optimal":
            message = ("the search stopped at its limit before it proved this the farthest "
                       "allocation; it meets every rule.")
        elif bound is not None and bound - solution.objective > DIRECTION_ABS_GAP:
            status = "feasible"  # the farthest within the confined search, not proven overall
        allocation = allocation_table(self.form, solution)
        return PointResult(status, impact_of(self.data, allocation), allocation, METHOD,
                           message)

    def _confine(self) -> float | None:
        """Solve the relaxed problem (yes/no decisions may be fractional), then fix at no
        every decision that is no both there and in the best allocation; return the
        relaxed optimum, a bound on what the full search could reach (None if nothing
        was confined, or the relaxed solve stopped).

        The full search spends most of its work proving bounds at the first node,
        however good its start; the confined one is a fraction of its size, and when
        its answer comes within DIRECTION_ABS_GAP of the relaxed bound it is proven
        the farthest all the same. Bounded by work (simplex iterations, nodes)."""
        compiled = self.compiled
        compiled.set_integrality(False)
        relaxed = compiled.run_by_work()
        values = compiled.values() if relaxed.optimal else None
        compiled.set_integrality(True)
        compiled.highs.clearSolver()
        if values is None:
            return None
        decisions = np.flatnonzero(compiled.integer)
        unused = (values[decisions] <= UNUSED) & (np.round(self.best.values[decisions]) == 0)
        off = decisions[unused]
        if not len(off):
            return None  # nothing to confine: the search is the full one
        compiled.set_col_bounds(off, np.zeros(len(off)), np.zeros(len(off)))
        return relaxed.objective


@contextlib.contextmanager
def highs_options(highs, **values):
    """Set HiGHS options for one solve; the built model keeps its own afterwards."""
    saved = {name: highs.getOptionValue(name)[1] for name in values}
    for name, value in values.items():
        highs.setOptionValue(name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            highs.setOptionValue(name, value)
