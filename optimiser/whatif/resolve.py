"""Re-solve a built model for variants of its data: the engine of sensitivity and scenarios.

A `Session` builds and compiles the base model once. A variant whose
difference from the base is only in numbers the model holds as mutable
parameters (envelope amounts and minimum spend, criterion weights, scores,
effectiveness, fit values, Limits EUR bounds) is solved on the same HiGHS
instance: the parameters change, the affected row bounds and costs are
pushed, and HiGHS starts from the base optimum's basis. Any other change
(a country dropped, a new Limits row, a capacity) rebuilds the model.

Every persistent point starts from the base state — bounds, costs and the
basis of the base optimum — so a point's answer never depends on which
points were solved before it in the same process. That is what makes a
batch give identical results serially, on local workers and on Dask.

For a MIP, `mip_mode` says how points are solved:
- "fixed": the base's binary decisions (which programmes and countries are
  funded) stay fixed and the rest is an LP — fast, local sensitivity;
- "full": a full MIP re-solve, warm-started from the base solution.
Each point says which one it came from.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pyomo.core.expr.numeric_expr import NPV_ProductExpression

from models.build import Formulation, ModelOptions, build_model
from models.data import AllocationData
from models.parameters import MUTABLE_PARAMETERS, MutableParameter, structure
from optimiser.errors import InfeasibleError, NoSolutionError
from optimiser.results.extract import allocation_table, binding_table, envelope_prices, impact_of
from optimiser.solve.highs import CompiledModel
from optimiser.solve.ranging import BasisSystem
from optimiser.solve.solver import SolveOptions, solve_compiled
from optimiser.whatif.contract import Contract, ContractError
from optimiser.whatif.said import Told

FIXED, FULL = "fixed", "full"
REBUILD = "rebuilt (model built and solved afresh)"
# How a point was solved, in the words the workbooks show (Run info explains the terms).
QUICK = "quick re-run of the base model"
HELD = "re-run with the base's funding choices held"
FULL_RERUN = "full re-run, funding choices free"


@dataclass(frozen=True)
class PointResult:
    """One solved variant."""

    status: str  # "optimal", "feasible", "infeasible", "no solution"
    impact: float | None
    allocation: pd.DataFrame | None  # SPEC §4 Allocation columns
    method: str  # how it was solved (see Session.solve)
    message: str = ""
    seconds: float = 0.0

    @property
    def solved(self) -> bool:
        return self.allocation is not None


@dataclass(frozen=True)
class Ranging:
    """The base LP's optimal basis, ready to range groups of objective costs."""

    costs: np.ndarray
    terms: CostTerms  # which objective columns belong to which (country, instrument)
    system: BasisSystem

    def relative_range(self, columns: np.ndarray) -> tuple[float, float]:
        """How far (as a share) these columns' costs may fall and rise together."""
        direction = np.zeros(len(self.costs))
        direction[columns] = self.costs[columns]
        return self.system.cost_range(direction)


@dataclass(frozen=True)
class BaseState:
    """What a worker needs to re-solve points exactly like the parent: picklable."""

    values: np.ndarray
    basis: tuple[list, list] | None


class Session:
    """A base model, built and compiled once, that re-solves variants of its data."""

    def __init__(
        self,
        data: AllocationData,
        options: SolveOptions | None = None,
        *,
        mip_mode: str = FIXED,
        headroom: float = 1.0,
        base: BaseState | None = None,
        stage: Callable[[str], None] | None = None,
    ):
        """`stage` hears of the base solve's progress (a MIP's better allocations)."""
        if mip_mode not in (FIXED, FULL):
            raise ValueError(f"mip_mode must be {FIXED!r} or {FULL!r}, not {mip_mode!r}")
        started = time.perf_counter()
        self.data = data
        self.options = options or SolveOptions.from_settings(data.settings)
        self.mip_mode = mip_mode
        self.headroom = headroom
        self.form = build_model(data, ModelOptions(envelope_headroom=headroom))
        self.compiled = CompiledModel(self.form.model)
        self._structure = structure(data)
        self._contract = Contract.of(self.form, self.compiled)
        self._rowless_numbers = self._contract.rowless_numbers(data)
        self._cost_terms = _cost_terms(self.form, self.compiled)
        self._pristine = self.compiled.snapshot()
        # What a worker process pays to get here (build and compile, no solve).
        self.setup_seconds = time.perf_counter() - started
        self.base = base or self._solve_base(stage)
        self._prepare()

    # -- base --------------------------------------------------------------
    def _prepare(self) -> None:
        """The state every persistent point starts from: the model as built and, for a
        MIP in "fixed" mode, the base's integer decisions fixed (an LP remains)."""
        compiled = self.compiled
        compiled.restore(self._pristine)
        if self.is_mip and self.mip_mode == FIXED:
            compiled.fix_integers(self.base.values)
        self._start = compiled.snapshot()

    def _solve_base(self, stage: Callable[[str], None] | None = None) -> BaseState:
        solution = solve_compiled(self.form, self.compiled, self.options, progress=stage)
        self.base_result = self._point(self.data, solution, "base")
        # Read now: later points overwrite the solver's solution.
        self.base_binding = binding_table(self.form, solution)
        self.base_envelope_prices = envelope_prices(self.form, solution)
        self.compiled.restore(self._pristine)
        return BaseState(solution.values, solution.basis)

    def ranging(self) -> Ranging:
        """The base LP (for a MIP: with the binaries fixed) at its optimum, factorised
        for parametric cost ranging."""
        compiled = self.compiled
        compiled.restore(self._start)
        compiled.fix_integers(self.base.values)
        self._set_parameters(self.data)
        if self.base.basis is not None:
            compiled.set_basis(self.base.basis)
        compiled.run(self.options.time_limit_s, None)
        system = BasisSystem.from_highs(compiled.highs)
        costs = compiled.snapshot().costs
        compiled.restore(self._start)
        return Ranging(costs, self._cost_terms, system)

    @property
    def is_mip(self) -> bool:
        return self.compiled.is_mip

    @property
    def method(self) -> str:
        if not self.is_mip:
            return QUICK  # an LP re-solved from the base optimum (warm start)
        if self.mip_mode == FIXED:
            return HELD  # the LP left when the base's binaries are fixed
        return FULL_RERUN  # the full MIP, warm-started

    # -- points ------------------------------------------------------------
    def solve(self, variant: AllocationData) -> PointResult:
        """Solve a variant: on this model if only numbers changed, else by a rebuild."""
        started = time.perf_counter()
        try:
            if self.can_update(variant):
                result = self._persistent(variant)
            else:
                result = _rebuild(variant, self._rebuild_options(variant))
        except Exception as error:  # one broken point must not lose the batch
            result = PointResult("error", None, None, self.method,
                                 f"unexpected error: {type(error).__name__}: {error}")
        return dataclasses.replace(result, seconds=time.perf_counter() - started)

    def can_update(self, variant: AllocationData) -> bool:
        """True if only numbers the built model holds as parameters differ from the base."""
        if structure(variant) != self._structure:
            return False
        # A declared number on no row (an envelope or a Limits selection without
        # cells) decided at build time whether its rule is a conflict: structure.
        if self._contract.rowless_numbers(variant) != self._rowless_numbers:
            return False
        # The big-M values of the binary rules came from some declared numbers ×
        # headroom; in either MIP mode they must stay valid.
        return not self.is_mip or self._contract.big_m_valid(self.data, variant, self.headroom)

    def _rebuild_options(self, variant: AllocationData) -> SolveOptions:
        """The base's options, unless the variant changed the solver settings itself."""
        own, base = variant.settings, self.data.settings
        solver = ("mip_gap", "time_limit_s", "mip_solver")
        if all(getattr(own, key) == getattr(base, key) for key in solver):
            return self.options
        return SolveOptions.from_settings(own, tiebreak=self.options.tiebreak)

    def _persistent(self, variant: AllocationData) -> PointResult:
        compiled = self.compiled
        compiled.restore(self._start)
        self._set_parameters(variant)
        if self.base.basis is not None and not compiled.integer_active:
            compiled.set_basis(self.base.basis)
        start = self._fixed_start() if compiled.integer_active else None
        try:
            solution = solve_compiled(self.form, compiled, self.options, start=start,
                                      explain=False)
        except InfeasibleError:
            return PointResult("infeasible", None, None, self.method, self._infeasible_text())
        except NoSolutionError as error:
            return PointResult("no solution", None, None, self.method, str(error))
        return self._point(variant, solution, self.method)

    def _fixed_start(self) -> np.ndarray:
        """The MIP start of a full re-solve: the base's funding decisions with the amounts
        re-optimised for this variant (one LP from the base basis).

        The base's own values are rarely within the gap once costs move, so HiGHS would
        spend the whole solve finding incumbents; this start usually is, and the MIP then
        stops at its first node. It is only a start: the MIP may still change decisions.
        """
        compiled = self.compiled
        before = compiled.snapshot()
        compiled.fix_integers(self.base.values)
        if self.base.basis is not None:
            compiled.set_basis(self.base.basis)
        fixed = compiled.run(self.options.time_limit_s, None)
        values = compiled.values() if fixed.optimal else self.base.values
        compiled.restore(before)
        return values

    def _infeasible_text(self) -> str:
        if self.is_mip and self.mip_mode == FIXED:
            return Told("point_held")
        return Told("point_contradict")

    def _set_parameters(self, variant: AllocationData) -> None:
        """Push the variant's declared numbers: row bounds through the Params, objective
        costs straight to HiGHS (the model's objective Params keep the base's values)."""
        self._contract.set_row_parameters(self.form.model, variant)
        self.compiled.refresh_rows(self._contract.rows)
        costs = self._cost_terms.costs(self._start.costs, variant)
        self.compiled.set_objective(costs, maximise=True)

    def _point(self, variant: AllocationData, solution, method: str) -> PointResult:
        allocation = allocation_table(self.form, solution)
        return PointResult(solution.status, impact_of(variant, allocation), allocation, method)


@dataclass(frozen=True)
class CostTerms:
    """Objective costs as value_per_eur[pair] × multiplier, per column: cheap to re-evaluate."""

    parameter: MutableParameter  # the declared objective parameter of every term
    columns: np.ndarray
    pairs: list  # the parameter's index (country, instrument) of each term
    multipliers: np.ndarray
    unique: list  # the distinct pairs, in order of first appearance
    term_pair: np.ndarray  # position in `unique` of each term's pair

    def costs(self, base: np.ndarray, variant: AllocationData) -> np.ndarray:
        """`base` with each term's cost set from the variant's declared values."""
        value = self.parameter.values(variant, self.unique)
        values = np.fromiter((value[p] for p in self.unique), dtype=float,
                             count=len(self.unique))
        costs = base.copy()
        costs[self.columns] = values[self.term_pair] * self.multipliers
        return costs


def _cost_terms(form: Formulation, compiled: CompiledModel) -> CostTerms:
    """Read the impact objective's terms: each is a declared objective parameter's value
    (× a tier multiplier) times a column."""
    (parameter,) = [p for p in MUTABLE_PARAMETERS if p.in_objective]
    columns, pairs, multipliers = [], [], []
    for arg in form.model.impact.expr.args:
        coef, var = arg.args
        param, mult = (coef, 1.0) if coef.__class__ is not NPV_ProductExpression else coef.args
        if param.parent_component().name != parameter.name:
            raise ContractError(f"the impact holds {param.name}, which models.parameters "
                                "does not declare as an objective parameter")
        j = compiled.col_of.get(var)
        if j is not None:
            columns.append(j)
            pairs.append(param.index())
            multipliers.append(float(mult))
    position = {pair: n for n, pair in enumerate(dict.fromkeys(pairs))}
    return CostTerms(parameter, np.array(columns, dtype=np.int64), pairs,
                     np.array(multipliers), list(position),
                     np.array([position[p] for p in pairs], dtype=np.int64))


def _rebuild(variant: AllocationData, options: SolveOptions) -> PointResult:
    from optimiser.optimise import optimise

    try:  # an infeasible point is explained after the batch (scenarios), not inside it
        result = optimise(variant, dataclasses.replace(options, explain=False))
    except InfeasibleError as error:
        return PointResult("infeasible", None, None, REBUILD, str(error))
    except NoSolutionError as error:
        return PointResult("no solution", None, None, REBUILD, str(error))
    return PointResult(result.status, result.impact, result.allocation, REBUILD)
