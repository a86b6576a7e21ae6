"""A Pyomo model compiled to matrices and held in one live HiGHS instance.

`standard_form.compile_model` turns the model into (c, A, bounds), faster than
Pyomo's own standard-form compiler, itself 3–5× faster than the persistent
interfaces (see SOLVER-NOTES); we pass that to
`highspy.Highs` directly and keep the row and column maps, so duals, ranging,
the IIS, basis warm starts and bound/cost changes for re-solves all go through
one object this module owns.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import highspy
import numpy as np
import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s
from pyomo.common.collections import ComponentMap
from pyomo.common.gc_manager import PauseGC
from pyomo.core.base.label import cpxlp_label_from_name
from pyomo.repn.standard_repn import generate_standard_repn

from optimiser.solve.standard_form import compile_model, flat_terms

INF = highspy.kHighsInf
# Work bound of the LPs solved after the MIP (simplex iterations): a base plus this
# many per row and column of the model.
LP_ITERATIONS_BASE = 100_000
LP_ITERATIONS_PER_ENTRY = 20

_banner_shown = False


def new_highs() -> highspy.Highs:
    """A quiet Highs instance (the first one per process prints a banner to stdout)."""
    global _banner_shown
    if _banner_shown:
        highs = highspy.Highs()
    else:
        with quiet_stdout():
            highs = highspy.Highs()
        _banner_shown = True
    highs.setOptionValue("output_flag", False)
    return highs


@dataclass(frozen=True)
class RunResult:
    """What one HiGHS run returned, as plain data."""

    status: str  # HiGHS model status string, e.g. "Optimal", "Time limit reached"
    optimal: bool
    has_solution: bool
    infeasible: bool
    objective: float | None
    bound: float | None  # best bound (MIP) or the objective (LP)
    gap: float | None  # relative MIP gap; 0 for an LP solved to optimality
    seconds: float
    iterations: int
    nodes: int
    time_limited: bool = False  # stopped by its time limit (with or without a solution)
    values: np.ndarray | None = None  # column values, when another engine solved (SCIP)


class CompiledModel:
    """The active objective and constraints of a Pyomo model, loaded into HiGHS.

    Rows: one per constraint (a ranged constraint is one HiGHS row with two
    bounds). Columns: every variable that appears in a row or the objective;
    fixed variables are substituted by the compiler.
    """

    def __init__(self, model: pyo.ConcreteModel):
        with PauseGC():  # 400k-entry maps on size L; see models.build
            form = compile_model(model)
            self.sense = form.sense
            self.columns = form.columns
            lower, upper, self.rows = form.row_lower, form.row_upper, form.rows
            matrix = form.matrix
            self.objective_costs = form.costs
            self.costs = self.objective_costs.copy()  # the objective HiGHS holds now
            self.objective_offset = form.offset
            self._domains = _Domains()
            self.integer = np.array([self._domains.integer(v) for v in self.columns], dtype=bool)
            self.integer_active = self.is_mip  # False once integers are fixed (an LP remains)
            self._costs: dict[int, np.ndarray] = {}
            self.index_cache: dict[str, np.ndarray] = {}  # columns of variable groups, by name
            self.highs = new_highs()
            self.highs.passModel(self._lp(matrix, lower, upper))
            self._passed = matrix

    # Maps for single look-ups, made when first needed (`allocate run` needs only a few
    # rows' and none of the 400k columns' on size L).
    @cached_property
    def col_of(self) -> ComponentMap:
        return ComponentMap((v, j) for j, v in enumerate(self.columns))

    @cached_property
    def row_of(self) -> ComponentMap:
        return ComponentMap((con, r) for r, con in enumerate(self.rows))

    @property
    def is_mip(self) -> bool:
        return bool(self.integer.any())

    def _lp(self, matrix, row_lower: np.ndarray, row_upper: np.ndarray) -> highspy.HighsModel:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.columns)
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = self.objective_costs
        lp.offset_ = self.objective_offset
        bounds = [self._domains.bounds(v) for v in self.columns]
        lp.col_lower_ = np.array([lower for lower, _ in bounds], dtype=float)
        lp.col_upper_ = np.array([upper for _, upper in bounds], dtype=float)
        lp.row_lower_ = row_lower
        lp.row_upper_ = row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data
        lp.sense_ = (
            highspy.ObjSense.kMaximize if self.sense == pyo.maximize else highspy.ObjSense.kMinimize
        )
        if self.is_mip:
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                for flag in self.integer
            ]
        return lp

    # -- exporting ---------------------------------------------------------
    def export(self, path: Path, names: bool = True) -> None:
        """Write the model HiGHS holds (.mps or .lp, by suffix), atomically.

        `names`: the Pyomo names made safe for both formats (x(2026,Kenya,cash));
        HiGHS's c0, r0 if two would collide.
        """
        if names:
            self._pass_names()
        temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp{path.suffix}")
        try:
            with quiet_stdout():
                status = self.highs.writeModel(str(temporary))
            if status == highspy.HighsStatus.kError or not temporary.exists():
                raise OSError(f"HiGHS could not write {path.name}")
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)

    def _pass_names(self) -> None:
        cols = [cpxlp_label_from_name(v.name) for v in self.columns]
        rows = [cpxlp_label_from_name(c.name) for c in self.rows]
        if len(set(cols)) < len(cols) or len(set(rows)) < len(rows):
            return
        for j, name in enumerate(cols):
            self.highs.passColName(j, name)
        for r, name in enumerate(rows):
            self.highs.passRowName(r, name)

    # -- running -----------------------------------------------------------
    def run(self, time_limit_s: float | None = None, mip_gap: float | None = None,
            found: Callable[[float, float], None] | None = None) -> RunResult:
        """Solve; `found` hears the relative gap of a MIP search as it goes: of each better
        allocation found, and as the best possible comes closer (`_improvements`)."""
        highs = self.highs
        if time_limit_s is not None:
            # HiGHS measures its time limit on a clock that runs on over this instance's
            # runs: without the offset a second stage after a long first one stops at once.
            highs.setOptionValue("time_limit", highs.getRunTime() + float(time_limit_s))
        if mip_gap is not None:
            highs.setOptionValue("mip_rel_gap", float(mip_gap))
        started = time.perf_counter()
        with _improvements(highs, found if self.integer_active else None):
            highs.run()
        seconds = time.perf_counter() - started  # getRunTime() accumulates over runs
        status = highs.getModelStatus()
        info = highs.getInfo()
        # An empty model (no cell can carry money) is solved: the empty allocation.
        empty = status == highspy.HighsModelStatus.kModelEmpty
        has_solution = empty or info.primal_solution_status == 2  # kSolutionStatusFeasible
        optimal = empty or status == highspy.HighsModelStatus.kOptimal
        mip = self.integer_active
        return RunResult(
            status=highs.modelStatusToString(status),
            optimal=optimal,
            has_solution=has_solution,
            infeasible=status in (
                highspy.HighsModelStatus.kInfeasible,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ),
            objective=(0.0 if empty else info.objective_function_value) if has_solution else None,
            bound=info.mip_dual_bound if mip else info.objective_function_value,
            gap=(info.mip_gap if mip else 0.0) if has_solution else None,
            seconds=seconds,
            iterations=info.simplex_iteration_count,
            nodes=info.mip_node_count if mip else 0,
            time_limited=status == highspy.HighsModelStatus.kTimeLimit,
        )

    def run_by_work(self, dual_tolerance: float | None = None) -> RunResult:
        """Run an LP bounded by simplex iterations, never by the clock: the stages after
        the MIP (duals, tie-break) then give the same answer on a busy machine as on an
        idle one. The bound is generous: these LPs start next to their optimum.
        `dual_tolerance`: HiGHS's dual feasibility tolerance for this run only."""
        highs = self.highs
        limit = LP_ITERATIONS_BASE + LP_ITERATIONS_PER_ENTRY * (
            highs.getNumRow() + highs.getNumCol())
        highs.setOptionValue("time_limit", INF)
        highs.setOptionValue("simplex_iteration_limit", int(min(limit, highspy.kHighsIInf)))
        _, default_tolerance = highs.getOptionValue("dual_feasibility_tolerance")
        if dual_tolerance is not None:
            highs.setOptionValue("dual_feasibility_tolerance", dual_tolerance)
        try:
            return self.run()
        finally:
            highs.setOptionValue("simplex_iteration_limit", highspy.kHighsIInf)
            highs.setOptionValue("dual_feasibility_tolerance", default_tolerance)

    # -- reading -----------------------------------------------------------
    def values(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value, dtype=float)

    def row_duals(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().row_dual, dtype=float)

    def col_duals(self) -> np.ndarray:
        """Reduced costs of the columns."""
        return np.asarray(self.highs.getSolution().col_dual, dtype=float)

    def matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[int, int]]:
        """The constraint matrix HiGHS holds, by columns: values, row indices, column
        starts, shape. The arrays passed to HiGHS while it holds them unchanged (it drops
        entries of at most `small_matrix_value` as it takes a model; an explanation adds
        columns), else a copy read back from HiGHS (0.3 s on size L). A coefficient
        changed in place (explain's looser big-M) is not seen: such a model is explained,
        never tabulated."""
        highs, passed = self.highs, self._passed
        _, tiny = highs.getOptionValue("small_matrix_value")
        if (passed.shape == (highs.getNumRow(), highs.getNumCol())
                and len(passed.data) == highs.getNumNz()
                and not np.any(np.abs(passed.data) <= tiny)):
            return passed.data, passed.indices, passed.indptr, passed.shape
        lp = highs.getLp()
        a = lp.a_matrix_
        return a.value_, a.index_, a.start_, (lp.num_row_, lp.num_col_)

    def col_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        lp = self.highs.getLp()
        return np.asarray(lp.col_lower_), np.asarray(lp.col_upper_)

    def set_col_bounds(self, cols, lower: np.ndarray, upper: np.ndarray) -> None:
        idx = np.asarray(cols, dtype=np.int32)
        self.highs.changeColsBounds(len(idx), idx, np.asarray(lower), np.asarray(upper))

    def row_activity(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().row_value, dtype=float)

    def index_of(self, variables) -> np.ndarray:
        """Column of each variable, −1 for one the compiler dropped (its value is 0)."""
        column = self._column_by_id
        return np.fromiter((column.get(id(v), -1) for v in variables), dtype=np.int64)

    @cached_property
    def _column_by_id(self) -> dict[int, int]:
        """col_of as a plain dict by id (the columns keep their variables alive): 3× faster
        lookups than the ComponentMap for the 400k cells of size L."""
        return {id(v): j for j, v in enumerate(self.columns)}

    def values_of(self, values: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Values of the columns from `index_of`; 0 where a variable was dropped."""
        picked = values[np.maximum(columns, 0)] if len(values) else np.zeros(len(columns))
        return np.where(columns >= 0, picked, 0.0)

    def value_of(self, values: np.ndarray, var) -> float:
        """A variable's value; 0 for a variable the compiler dropped (used nowhere)."""
        j = self.col_of.get(var)
        return float(values[j]) if j is not None else 0.0

    def row_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        lp = self.highs.getLp()
        return np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)

    # -- changing ----------------------------------------------------------
    def costs_of(self, objective: pyo.Objective, constant: bool = False) -> np.ndarray:
        """The cost vector of another objective over this model's columns.

        `constant`: the objective has no mutable parameters, so the vector is
        computed once and kept (the tie-break objective, on every re-solve).
        """
        key = id(objective)
        if constant and key in self._costs:
            return self._costs[key]
        terms = flat_terms(objective.expr)  # 20× faster than a standard repn on size L
        if terms is None:
            repn = generate_standard_repn(objective.expr, compute_values=True, quadratic=False)
            terms = zip(repn.linear_coefs, repn.linear_vars, strict=True)
        costs = np.zeros(len(self.columns))
        column = self._column_by_id
        for coef, var in terms:
            j = column.get(id(var))
            if j is not None:
                costs[j] += coef
        if constant:
            self._costs[key] = costs
        return costs

    def set_objective(self, costs: np.ndarray, maximise: bool) -> None:
        highs = self.highs
        idx = np.arange(len(costs), dtype=np.int32)
        highs.changeColsCost(len(costs), idx, np.asarray(costs, dtype=float))
        self.costs = np.array(costs, dtype=float)
        highs.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        )

    def fix_integers(self, values: np.ndarray) -> None:
        """Fix integer columns at their rounded values and solve the rest as an LP."""
        idx = np.flatnonzero(self.integer).astype(np.int32)
        if not len(idx):
            return
        fixed = np.round(values[idx])
        self.highs.changeColsBounds(len(idx), idx, fixed, fixed)
        self.set_integrality(False)

    def set_integrality(self, active: bool) -> None:
        """Switch the integer columns between integer and continuous."""
        idx = np.flatnonzero(self.integer).astype(np.int32)
        if not len(idx) or active == self.integer_active:
            return
        kind = highspy.HighsVarType.kInteger if active else highspy.HighsVarType.kContinuous
        self.highs.changeColsIntegrality(len(idx), idx, np.array([kind] * len(idx)))
        self.integer_active = active

    def set_row_bounds(self, rows, lower: np.ndarray, upper: np.ndarray) -> None:
        idx = np.asarray(rows, dtype=np.int32)
        self.highs.changeRowsBounds(len(idx), idx, np.asarray(lower), np.asarray(upper))

    def refresh_rows(self, rows: list[int]) -> None:
        """Push the current Pyomo bounds of these rows (after mutable Params changed)."""
        if not rows:
            return
        lower = [_bound(pyo.value(self.rows[r].lower), -INF) for r in rows]
        upper = [_bound(pyo.value(self.rows[r].upper), INF) for r in rows]
        self.set_row_bounds(rows, np.array(lower), np.array(upper))

    # -- saving and restoring state for re-solves ----------------------------
    def snapshot(self) -> Snapshot:
        lp = self.highs.getLp()
        return Snapshot(
            np.array(lp.col_lower_), np.array(lp.col_upper_), np.array(lp.row_lower_),
            np.array(lp.row_upper_), np.array(lp.col_cost_), lp.sense_, self.integer_active,
        )

    def restore(self, state: Snapshot) -> None:
        highs = self.highs
        cols = np.arange(len(state.col_lower), dtype=np.int32)
        highs.changeColsBounds(len(cols), cols, state.col_lower, state.col_upper)
        highs.changeColsCost(len(cols), cols, state.costs)
        self.costs = state.costs.copy()
        rows = np.arange(len(state.row_lower), dtype=np.int32)
        highs.changeRowsBounds(len(rows), rows, state.row_lower, state.row_upper)
        highs.changeObjectiveSense(state.sense)
        self.set_integrality(state.integer_active)

    def basis(self) -> tuple[list, list]:
        """The current simplex basis as plain lists (picklable, for other processes)."""
        basis = self.highs.getBasis()
        return list(basis.col_status), list(basis.row_status)

    def forget_basis(self) -> None:
        """Drop the basis and solution HiGHS holds, so its next run starts with presolve."""
        self.highs.clearSolver()

    def set_basis(self, statuses: tuple[list, list]) -> None:
        basis = highspy.HighsBasis()
        basis.col_status, basis.row_status = statuses
        basis.valid = True
        self.highs.setBasis(basis)

    def set_start(self, values: np.ndarray) -> None:
        """A MIP start: HiGHS keeps it as the incumbent if it is feasible."""
        start = highspy.HighsSolution()
        start.col_value = list(values)
        start.value_valid = True
        self.highs.setSolution(start)


@dataclass(frozen=True)
class Snapshot:
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    costs: np.ndarray
    sense: object
    integer_active: bool


def _bound(value, default: float) -> float:
    return default if value is None else float(value)


class _Domains:
    """A column's bounds and integrality, computed once per kind of variable: they
    follow from its domain and its own plain-number bounds (size L: 400k columns of a
    handful of kinds). A bound that is not a plain number is asked of Pyomo each time."""

    def __init__(self):
        self._integer: dict[int, tuple[object, bool]] = {}
        self._bounds: dict[tuple, tuple[object, tuple[float, float]]] = {}

    def integer(self, var) -> bool:
        domain = var._domain
        known = self._integer.get(id(domain))
        if known is None or known[0] is not domain:
            known = self._integer[id(domain)] = (domain, var.is_integer())
        return known[1]

    def bounds(self, var) -> tuple[float, float]:
        domain, lb, ub = var._domain, var._lb, var._ub
        if lb.__class__ not in _PLAIN or ub.__class__ not in _PLAIN:
            return _bound(var.lb, -INF), _bound(var.ub, INF)
        key = (id(domain), lb, ub)
        known = self._bounds.get(key)
        if known is None or known[0] is not domain:
            known = self._bounds[key] = (domain, (_bound(var.lb, -INF), _bound(var.ub, INF)))
        return known[1]


_PLAIN = (type(None), int, float)


@contextlib.contextmanager
def quiet_stdout():
    """Silence C-level stdout (HiGHS prints from C++) inside the block."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


@contextlib.contextmanager
def _improvements(highs: highspy.Highs, found: Callable[[float, float], None] | None):
    """Tell `found` the gap and the best allocation's impact while a MIP is solved: at
    each better allocation, and at each of HiGHS's checks for a stop (the best possible
    may have come closer). HiGHS makes those checks at the same points of its search on
    any machine.

    Python code now runs inside the solve, and an exception cannot travel through HiGHS:
    an error in `found` is kept, HiGHS is asked to stop at its next check, and the error
    is raised once HiGHS has returned. Ctrl-C is held the same way (Python would raise
    it in whichever Python code runs next, possibly highspy's own).
    """
    if found is None:
        yield
        return
    raised: list[BaseException] = []

    def heard(event) -> None:
        try:
            if not raised:
                found(float(event.data_out.mip_gap), float(event.data_out.mip_primal_bound))
        except BaseException as error:  # raised again below, after the solve
            raised.append(error)

    def check(event) -> None:
        heard(event)
        if raised:
            event.interrupt()

    highs.cbMipImprovingSolution.subscribe(heard)
    highs.cbMipInterrupt.subscribe(check)
    try:
        with _ctrl_c_held(raised):
            yield
    finally:
        highs.cbMipImprovingSolution.unsubscribe(heard)
        highs.cbMipInterrupt.unsubscribe(check)
    if raised:
        raise raised[0]


@contextlib.contextmanager
def _ctrl_c_held(raised: list[BaseException]):
    """While HiGHS runs, Ctrl-C is noted in `raised` instead of raised where it lands; only
    in the main thread (where Python handles signals) and over Python's own handler."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return

    def note(_signum, _frame) -> None:
        raised.append(KeyboardInterrupt())

    signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
