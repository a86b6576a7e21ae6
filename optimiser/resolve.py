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
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pyomo.core.expr.numeric_expr import NPV_ProductExpression

from models.build import UNIT_EUR, Formulation, ModelOptions, build_model
from models.data import AllocationData
from models.derived import pair_facts
from optimiser.errors import InfeasibleError, NoSolutionError
from optimiser.highs import CompiledModel
from optimiser.ranging import BasisSystem
from optimiser.results import allocation_table, binding_table, envelope_prices, impact_of
from optimiser.solve import SolveOptions, solve_compiled

FIXED, FULL = "fixed", "full"
REBUILD = "rebuild (model built and solved afresh)"
MUTABLE_ROW_BLOCKS = ("envelope", "limit_eur")


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


def structure(data: AllocationData) -> AllocationData:
    """`data` with every number a persistent re-solve can change set to a placeholder.

    Two data sets with equal structure differ only in those numbers. Whether a
    fit is positive, and whether a Limits bound is present, is structure.
    """
    return dataclasses.replace(
        data,
        criteria=tuple(dataclasses.replace(k, weight=0.0) for k in data.criteria),
        countries=tuple(dataclasses.replace(c, scores={}) for c in data.countries),
        instruments=tuple(dataclasses.replace(i, effectiveness=1.0) for i in data.instruments),
        envelopes=tuple(dataclasses.replace(e, amount_eur=0.0, min_spend_share=0.0)
                        for e in data.envelopes),
        fits=tuple(dataclasses.replace(f, fit=float(f.fit > 0)) for f in data.fits),
        limits=tuple(dataclasses.replace(
            lim,
            min_eur=None if lim.min_eur is None else 0.0,
            max_eur=None if lim.max_eur is None else 0.0,
        ) for lim in data.limits),
    )


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
    ):
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
        self._rowless = _rowless_keys(self.form)
        self._rowless_numbers = _rowless_numbers(data, self._rowless)
        self._rows = [r for r, con in enumerate(self.compiled.rows)
                      if con.parent_component().name in MUTABLE_ROW_BLOCKS]
        self._cost_terms = _cost_terms(self.form, self.compiled)
        self._pristine = self.compiled.snapshot()
        # What a worker process pays to get here (build and compile, no solve).
        self.setup_seconds = time.perf_counter() - started
        self.base = base or self._solve_base()
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

    def _solve_base(self) -> BaseState:
        solution = solve_compiled(self.form, self.compiled, self.options)
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
            return "LP re-solve (warm start)"
        if self.mip_mode == FIXED:
            return "LP with the base's funding decisions fixed"
        return "full MIP re-solve (warm start)"

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
        # An envelope or a Limits selection without cells has no row: its numbers
        # decide at build time whether the rule is a conflict, so they are structure.
        if _rowless_numbers(variant, self._rowless) != self._rowless_numbers:
            return False
        if self.is_mip:
            # The big-M values of the binary rules (programme and focus links) come
            # from the envelopes × headroom; in either mode they must stay valid.
            base = {(e.year, e.source): e.amount_eur for e in self.data.envelopes}
            return all(e.amount_eur <= self.headroom * base[(e.year, e.source)] + 1e-9
                       for e in variant.envelopes)
        return True

    def _rebuild_options(self, variant: AllocationData) -> SolveOptions:
        """The base's options, unless the variant changed the solver settings itself."""
        own, base = variant.settings, self.data.settings
        if (own.mip_gap, own.time_limit_s) == (base.mip_gap, base.time_limit_s):
            return self.options
        return SolveOptions.from_settings(own, tiebreak=self.options.tiebreak)

    def _persistent(self, variant: AllocationData) -> PointResult:
        compiled = self.compiled
        compiled.restore(self._start)
        self._set_parameters(variant)
        if self.base.basis is not None and not compiled.integer_active:
            compiled.set_basis(self.base.basis)
        start = self.base.values if compiled.integer_active else None
        try:
            solution = solve_compiled(self.form, compiled, self.options, start=start,
                                      explain=False)
        except InfeasibleError:
            return PointResult("infeasible", None, None, self.method, self._infeasible_text())
        except NoSolutionError as error:
            return PointResult("no solution", None, None, self.method, str(error))
        return self._point(variant, solution, self.method)

    def _infeasible_text(self) -> str:
        if self.is_mip and self.mip_mode == FIXED:
            return ("No allocation satisfies the rules with the base's funding decisions "
                    "fixed (programmes and countries can neither start nor stop in this "
                    "mode); a full MIP re-solve (--mip-mode full) may find one.")
        return "The rules contradict each other: no allocation satisfies all of them."

    def _set_parameters(self, variant: AllocationData) -> None:
        m = self.form.model
        for env in variant.envelopes:
            key = (env.year, env.source)
            m.envelope_eur[key] = env.amount_eur / UNIT_EUR
            m.min_spend_share[key] = env.min_spend_share
        for key in m.limit_min_eur:
            m.limit_min_eur[key] = variant.limits[key[0]].min_eur / UNIT_EUR
        for key in m.limit_max_eur:
            m.limit_max_eur[key] = variant.limits[key[0]].max_eur / UNIT_EUR
        self.compiled.refresh_rows(self._rows)
        # The values per euro only enter the objective: pushed to HiGHS directly, without
        # the model's value_per_eur Params (which keep the base's values).
        costs = self._cost_terms.costs(self._start.costs, pair_facts(variant))
        self.compiled.set_objective(costs, maximise=True)

    def _point(self, variant: AllocationData, solution, method: str) -> PointResult:
        allocation = allocation_table(self.form, solution)
        return PointResult(solution.status, impact_of(variant, allocation), allocation, method)


@dataclass(frozen=True)
class CostTerms:
    """Objective costs as value_per_eur[pair] × multiplier, per column: cheap to re-evaluate."""

    columns: np.ndarray
    pairs: list  # value_per_eur index (country, instrument) of each term
    multipliers: np.ndarray
    unique: list  # the distinct pairs, in order of first appearance
    term_pair: np.ndarray  # position in `unique` of each term's pair

    def costs(self, base: np.ndarray, facts: dict) -> np.ndarray:
        """`base` with each term's cost set from `facts` (models.derived.pair_facts)."""
        values = np.fromiter((facts[p].value_per_eur for p in self.unique), dtype=float,
                             count=len(self.unique))
        costs = base.copy()
        costs[self.columns] = values[self.term_pair] * self.multipliers
        return costs


def _cost_terms(form: Formulation, compiled: CompiledModel) -> CostTerms:
    """Read the impact objective's terms: each is value_per_eur[c,i] (× a tier multiplier)."""
    columns, pairs, multipliers = [], [], []
    for arg in form.model.impact.expr.args:
        coef, var = arg.args
        param, mult = (coef, 1.0) if coef.__class__ is not NPV_ProductExpression else coef.args
        j = compiled.col_of.get(var)
        if j is not None:
            columns.append(j)
            pairs.append(param.index())
            multipliers.append(float(mult))
    position = {pair: n for n, pair in enumerate(dict.fromkeys(pairs))}
    return CostTerms(np.array(columns, dtype=np.int64), pairs, np.array(multipliers),
                     list(position), np.array([position[p] for p in pairs], dtype=np.int64))


def _rowless_keys(form: Formulation) -> tuple[frozenset, frozenset]:
    """Envelopes (year, source) and Limits rows (row number) with a bound but no model row."""
    m = form.model
    envelopes = frozenset(k for k in m.envelope_eur if k not in m.envelope)
    limits = frozenset(k[0] for k in (*m.limit_min_eur, *m.limit_max_eur)
                       if k not in m.limit_eur)
    return envelopes, limits


def _rowless_numbers(data: AllocationData, keys: tuple[frozenset, frozenset]) -> tuple:
    envelopes, limits = keys
    return (
        tuple((e.amount_eur, e.min_spend_share) for e in data.envelopes
              if (e.year, e.source) in envelopes),
        tuple((lim.min_eur, lim.max_eur) for n, lim in enumerate(data.limits) if n in limits),
    )


def _rebuild(variant: AllocationData, options: SolveOptions) -> PointResult:
    from optimiser.api import optimise

    try:
        result = optimise(variant, options)
    except InfeasibleError as error:
        return PointResult("infeasible", None, None, REBUILD, str(error))
    except NoSolutionError as error:
        return PointResult("no solution", None, None, REBUILD, str(error))
    return PointResult(result.status, result.impact, result.allocation, REBUILD)
