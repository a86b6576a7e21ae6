"""Near-optimal alternatives (SPEC §5.2): allocations nearly as good that spread money otherwise.

    result = find_alternatives(data, AlternativeOptions(within=0.02, count=4))

The model is built and compiled once. The best allocation is solved as by
`allocate run`; then one row is added to the built model, the impact band

    Σ a_ci × multiplier_k × seg[y,c,i,k] (+ a_ci × X[y,c,i])  >=  (1 − within) × best impact,

and each alternative is a re-solve of that model with another objective over
the horizon totals of countries and instruments (never a new variable per
cell; every rule of the model, continuity included, stays in force):

- steered (`--favour` / `--avoid`): maximise (or minimise) the money of one
  country, instrument or theme over the horizon;
- spread: the relative-use weighting of SPORES, centred. With s_c the mean
  share of country c in the allocations found so far (the best included) and
  s̄ the mean over countries, minimise Σ_c (s_c − s̄) × Σ_y T[y,c], plus the
  same over instruments: money moves away from what was used most, towards
  what was used least, without rewarding spending less overall.

A spread alternative is kept only if its country totals differ from the best
and from every alternative kept before by at least MIN_DIFFERENCE_EUR (sum of
absolute differences over the horizon). When one is too close, the next
direction of a fixed list is tried (less for the best's largest country, more
for its smallest, ...), within a fixed number of solves. Everything is in a
fixed order with fixed weights, so the same workbook gives the same
alternatives; each solve is the staged solve of `allocate run` (with its
tie-break), so a tie between equally good answers is broken the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.build import Formulation, build_model
from models.data import AllocationData
from optimiser.errors import InfeasibleError, NoSolutionError, UsageError
from optimiser.results.extract import allocation_table, impact_of
from optimiser.solve.highs import INF, CompiledModel
from optimiser.solve.solver import SolveOptions, solve_compiled

MIN_DIFFERENCE_EUR = 1_000_000.0  # an alternative this close to another one is no alternative
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
EXTRA_SOLVES_PER_ALTERNATIVE = 2  # fallback directions tried per spread alternative, at most
DIMENSIONS = ("country", "instrument", "theme")
FAVOUR, AVOID = "favour", "avoid"

Stage = Callable[[str], None]


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
            raise UsageError(f"--{kind} {text!r}: write country=NAME, instrument=NAME or "
                             "theme=NAME, e.g. --favour country=Libya.")
        return cls(kind, dimension, name)

    def aim(self, name: str) -> str:
        return f"{'more' if self.kind == FAVOUR else 'less'} money for {self.dimension} {name}"


@dataclass(frozen=True)
class AlternativeOptions:
    within: float = 0.02  # share of the best impact an alternative may give up
    count: int = 4  # spread alternatives (steered ones come on top)
    steers: tuple[Steer, ...] = ()


@dataclass(frozen=True)
class Alternative:
    """One allocation: the best or an alternative."""

    name: str  # "Best", "A1", "A2", ...
    aim: str  # what its solve asked for, in plain words
    status: str  # optimal or feasible
    impact: float  # recomputed from the whole-euro allocation
    allocation: pd.DataFrame  # SPEC §4 columns


@dataclass(frozen=True)
class AlternativesResult:
    data: AllocationData
    within: float
    best: Alternative
    alternatives: tuple[Alternative, ...]
    notes: tuple[str, ...]  # e.g. fewer alternatives than asked, and why
    solves: int  # solves after the best one
    seconds: float
    is_mip: bool

    @property
    def floor(self) -> float:
        """The least impact an alternative may have."""
        return (1.0 - self.within) * self.best.impact

    @property
    def all(self) -> tuple[Alternative, ...]:
        return (self.best, *self.alternatives)


def horizon_totals(data: AllocationData, allocation: pd.DataFrame, dimension: str) -> pd.Series:
    """Money per country (or instrument) over the horizon, every one in sheet order, 0 if none."""
    names = [c.name for c in data.countries] if dimension == "country" else \
        [i.name for i in data.instruments]
    totals = allocation.groupby(dimension, sort=False)["amount_eur"].sum()
    return totals.reindex(names, fill_value=0.0).astype(float)


def difference_eur(data: AllocationData, one: pd.DataFrame, other: pd.DataFrame) -> float:
    """Σ_c |Σ_y T[y,c] − Σ_y T'[y,c]|: how differently two allocations spread money."""
    return float(np.abs(horizon_totals(data, one, "country")
                        - horizon_totals(data, other, "country")).sum())


def find_alternatives(data: AllocationData, options: AlternativeOptions,
                      solve_options: SolveOptions | None = None,
                      stage: Stage = lambda _: None) -> AlternativesResult:
    """The best allocation and up to `count` spread plus one per steer alternatives."""
    started = time.perf_counter()
    search = _Search(data, options, solve_options or SolveOptions.from_settings(data.settings))
    steers = [(steer, search.resolve(steer)) for steer in options.steers]  # usage errors first
    stage("Solving the best allocation")
    best = search.solve_best()
    alternatives: list[Alternative] = []
    for steer, (name, columns) in steers:
        stage(f"Alternative A{len(alternatives) + 1}: {steer.aim(name)}")
        direction = np.zeros(search.n_columns)
        direction[columns] = 1.0 if steer.kind == FAVOUR else -1.0
        found = search.solve(f"A{len(alternatives) + 1}", steer.aim(name), direction)
        if found is None:
            continue
        alternatives.append(found)
        if difference_eur(data, found.allocation, best.allocation) < MIN_DIFFERENCE_EUR:
            search.notes.append(f"{found.name} ({found.aim}) is within EUR "
                                f"{MIN_DIFFERENCE_EUR:,.0f} of the best allocation: the rules "
                                "leave no room to move money that way.")
    spread = _spread_alternatives(search, best, alternatives, options.count, stage)
    alternatives += spread
    notes = list(search.notes)
    if len(spread) < options.count:
        notes.append(f"{len(spread)} of the {options.count} alternatives asked for differ by at "
                     f"least EUR {MIN_DIFFERENCE_EUR:,.0f} from the best and from each other "
                     f"within {options.within:.1%} of the best impact: the rules leave no "
                     "more room (or a wider --within would).")
    return AlternativesResult(data, options.within, best, tuple(alternatives), tuple(notes),
                              search.solves, time.perf_counter() - started, search.is_mip)


def _spread_alternatives(search: _Search, best: Alternative, steered: list[Alternative],
                         count: int, stage: Stage) -> list[Alternative]:
    """Up to `count` alternatives, each far from the best and every one found before
    (the steered ones included)."""
    found: list[Alternative] = []
    budget = count * (1 + EXTRA_SOLVES_PER_ALTERNATIVE)
    fallbacks = search.fallback_directions(best)
    rejected = False  # the last one was too close: the spread weights would repeat it
    for tried in range(1, budget + 1):
        if len(found) == count:
            break
        if rejected:
            aim, direction = next(fallbacks, (None, None))
            if direction is None:
                break
        else:
            aim = "spread money away from what the allocations so far use most"
            direction = search.spread_direction([best, *steered, *found])
        name = f"A{len(steered) + len(found) + 1}"
        stage(f"Alternative {name} (solve {tried} of at most {budget})")
        candidate = search.solve(name, aim, direction)
        rejected = candidate is None or any(
            difference_eur(search.data, candidate.allocation, other.allocation)
            < MIN_DIFFERENCE_EUR for other in [best, *steered, *found])
        if not rejected:
            found.append(candidate)
    return found


class _Search:
    """The built model with the impact band, re-solved for one direction after another."""

    def __init__(self, data: AllocationData, options: AlternativeOptions,
                 solve_options: SolveOptions):
        self.data, self.options, self.solve_options = data, options, solve_options
        self.safety_options = dataclasses.replace(
            solve_options, time_limit_s=solve_options.time_limit_s * SAFETY_TIME_FACTOR)
        self.form: Formulation = build_model(data)
        self.compiled = CompiledModel(self.form.model)
        self.is_mip = self.compiled.is_mip
        self.n_columns = len(self.compiled.columns)
        ix = self.form.index
        columns = self.compiled.index_of(self.form.model.x[c] for c in ix.cells)
        present = columns >= 0
        self.cell_columns = columns[present]
        cells = [cell for cell, ok in zip(ix.cells, present, strict=True) if ok]
        self.cell_country = np.array([c for _, c, _, _ in cells], dtype=object)
        self.cell_instrument = np.array([i for _, _, i, _ in cells], dtype=object)
        self.theme_of = ix.theme_of
        self.notes: list[str] = []
        self.solves = 0
        self._start = None
        self._best_values = None

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
            raise UsageError(f"--{steer.kind} {steer.dimension}={steer.name}: the workbook has "
                             f"no {steer.dimension} of that name (one of {', '.join(known)}).")
        if steer.dimension == "theme":
            themes = np.array([self.theme_of[i].casefold() for i in self.cell_instrument])
            mask = themes == name.casefold()
        else:
            mask = (self.cell_country if steer.dimension == "country"
                    else self.cell_instrument) == name
        return name, self.cell_columns[mask]

    # -- solving -----------------------------------------------------------
    def solve_best(self) -> Alternative:
        compiled = self.compiled
        pristine = compiled.snapshot()
        solution = solve_compiled(self.form, compiled, self.solve_options)
        allocation = allocation_table(self.form, solution)
        best = Alternative("Best", "the highest impact (as allocate run)", solution.status,
                           impact_of(self.data, allocation), allocation)
        self._best_values = solution.values
        compiled.restore(pristine)
        impact_costs = compiled.objective_costs
        floor = (1.0 - self.options.within) * (solution.objective - compiled.objective_offset)
        floor += BAND_MARGIN * abs(floor)
        used = np.flatnonzero(impact_costs)
        compiled.highs.addRow(min(floor, solution.objective - compiled.objective_offset),
                              INF, len(used), used.astype(np.int32), impact_costs[used])
        self._start = compiled.snapshot()
        return best

    def solve(self, name: str, aim: str, direction: np.ndarray) -> Alternative | None:
        """Maximise direction · columns within the band; None if the solve found nothing."""
        compiled = self.compiled
        compiled.restore(self._start)
        scale = float(np.abs(direction).max()) if len(direction) else 0.0
        compiled.set_objective(direction / scale if scale > 0 else direction, maximise=True)
        self.solves += 1
        start = self._best_values if compiled.integer_active else None
        try:
            with _highs_options(compiled.highs, mip_abs_gap=DIRECTION_ABS_GAP,
                                mip_max_nodes=DIRECTION_MAX_NODES):
                solution = solve_compiled(self.form, compiled, self.safety_options,
                                          start=start, explain=False)
        except (InfeasibleError, NoSolutionError) as error:
            self.notes.append(f"{name} ({aim}): no allocation found: {error}")
            return None
        if solution.status != "optimal":
            self.notes.append(f"{name} ({aim}): the search stopped at its limit before it "
                              "proved this the farthest allocation; it meets every rule.")
        allocation = allocation_table(self.form, solution)
        return Alternative(name, aim, solution.status, impact_of(self.data, allocation),
                           allocation)

    # -- directions ----------------------------------------------------------
    def spread_direction(self, seen: list[Alternative]) -> np.ndarray:
        """Centred relative-use weights, negated (the solve maximises)."""
        direction = np.zeros(self.n_columns)
        for dimension, names in (("country", self.cell_country),
                                 ("instrument", self.cell_instrument)):
            shares = sum(_shares(self.data, a.allocation, dimension) for a in seen) / len(seen)
            weight = shares - shares.mean()
            np.add.at(direction, self.cell_columns, -weight.reindex(names).to_numpy())
        return direction

    def fallback_directions(self, best: Alternative):
        """Less for the best's largest countries, more for its smallest, alternately."""
        totals = horizon_totals(self.data, best.allocation, "country")
        receiving = [c for c in totals.index if (self.cell_country == c).any()]
        order = sorted(receiving, key=lambda c: (-totals[c], receiving.index(c)))
        for large, small in zip(order, reversed(order), strict=True):
            for sign, country in ((-1.0, large), (1.0, small)):
                direction = np.zeros(self.n_columns)
                direction[self.cell_columns[self.cell_country == country]] = sign
                word = "less" if sign < 0 else "more"
                yield f"{word} money for country {country}", direction


@contextlib.contextmanager
def _highs_options(highs, **values):
    """Set HiGHS options for one solve; the built model keeps its own afterwards."""
    saved = {name: highs.getOptionValue(name)[1] for name in values}
    for name, value in values.items():
        highs.setOptionValue(name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            highs.setOptionValue(name, value)


def _shares(data: AllocationData, allocation: pd.DataFrame, dimension: str) -> pd.Series:
    totals = horizon_totals(data, allocation, dimension)
    total = float(totals.sum())
    return totals / total if total > 0 else totals * 0.0
