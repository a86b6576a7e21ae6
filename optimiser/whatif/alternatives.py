"""Near-optimal alternatives (SPEC §5.2): allocations nearly as good that spread money otherwise.

    result = find_alternatives(data, AlternativeOptions(within=0.02, count=4))

The model is built and compiled once. The best allocation is solved as by
`allocate run`; then one row is added to the built model, the impact band
(optimiser.whatif.alternatives_session), and each alternative is a re-solve
of that model with another objective over the horizon totals of countries
and instruments (never a new variable per cell; every rule of the model,
continuity included, stays in force):

- steered (`--favour` / `--avoid`): maximise (or minimise) the money of one
  country, instrument or theme over the horizon. Each needs only the best, so
  they are solved as one batch (optimiser.whatif.batch): in this process, on
  local worker processes or on Dask, with identical results;
- spread: the relative-use weighting of SPORES, centred. With s_c the mean
  share of country c in the allocations found so far (the best and the
  steered ones included) and s̄ the mean over countries, minimise
  Σ_c (s_c − s̄) × Σ_y T[y,c], plus the same over instruments: money moves
  away from what was used most, towards what was used least, without
  rewarding spending less overall. Each depends on those found before, so
  they are solved one after another, in this process.

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

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.data import AllocationData
from optimiser.results.extract import allocation_table, impact_of
from optimiser.solve.solver import SolveOptions
from optimiser.solve.steps import Step
from optimiser.whatif.alternatives_session import (  # noqa: F401 (Steer and FAVOUR: the API)
    AVOID,
    DIMENSIONS,
    FAVOUR,
    BandSession,
    Steer,
)
from optimiser.whatif.batch import Batch, BatchStats
from optimiser.whatif.resolve import PointResult
from optimiser.whatif.said import Told

MIN_DIFFERENCE_EUR = 1_000_000.0  # an alternative this close to another one is no alternative
EXTRA_SOLVES_PER_ALTERNATIVE = 2  # fallback directions tried per spread alternative, at most
SPREAD_AIM = Told("alt_aim_spread")

Stage = Callable[[str], None]
Progress = Callable[[int, int], None]  # (done, total) of the steered batch


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
    stats: BatchStats = field(default_factory=BatchStats)  # how the steered batch ran

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
                      stage: Stage = lambda _: None, *, workers: int = 1,
                      scheduler: str | None = None, progress: Progress | None = None,
                      adaptive: bool = True) -> AlternativesResult:
    """The best allocation and up to `count` spread plus one per steer alternatives.

    `workers`, `scheduler`, `progress` and `adaptive` are those of `Batch.run`, for
    the steered ones: the alternatives are the same however they run."""
    started = time.perf_counter()
    session = BandSession(data, solve_options or SolveOptions.from_settings(data.settings),
                          options.within)
    aims = [steer.aim(session.resolve(steer)[0]) for steer in options.steers]  # usage errors
    stage(Step("step_best"))
    search = _Search(session)
    best = search.solve_best(stage)
    batch = Batch(session, spec=session.spec)
    alternatives = search.steered(batch, options.steers, aims, stage, dict(
        workers=workers, scheduler=scheduler, progress=progress, adaptive=adaptive))
    spread = _spread_alternatives(search, best, alternatives, options.count, stage)
    alternatives += spread
    notes = list(search.notes)
    if len(spread) < options.count:
        notes.append(Told("alt_note_fewer", found=len(spread), count=options.count,
                          least=f"{MIN_DIFFERENCE_EUR:,.0f}", within=f"{options.within:.1%}"))
    return AlternativesResult(data, options.within, best, tuple(alternatives), tuple(notes),
                              search.solves, time.perf_counter() - started, session.is_mip,
                              batch.stats)


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
            aim, direction = SPREAD_AIM, search.spread_direction([best, *steered, *found])
        name = f"A{len(steered) + len(found) + 1}"
        stage(Step("step_alternative", name=name, tried=tried, budget=budget))
        candidate = search.solve(name, aim, direction)
        rejected = candidate is None or any(
            difference_eur(search.data, candidate.allocation, other.allocation)
            < MIN_DIFFERENCE_EUR for other in [best, *steered, *found])
        if not rejected:
            found.append(candidate)
    return found


class _Search:
    """The band session's solves turned into alternatives, with the notes they leave."""

    def __init__(self, session: BandSession):
        self.session, self.data = session, session.data
        self.notes: list[str] = []
        self.solves = 0
        self.best: Alternative | None = None

    def solve_best(self, stage: Stage) -> Alternative:
        solution = self.session.solve_best(stage)
        allocation = allocation_table(self.session.form, solution)
        self.best = Alternative("Best", Told("alt_aim_best"),
                                solution.status, impact_of(self.data, allocation), allocation)
        return self.best

    def steered(self, batch: Batch, steers: tuple[Steer, ...], aims: list[str], stage: Stage,
                how: dict) -> list[Alternative]:
        """One alternative per steer, solved as a batch of independent points."""
        if not steers:
            return []
        stage(Step("step_steered", count=len(steers)))
        points = batch.run(list(steers), **how)
        self.solves += len(points)
        found: list[Alternative] = []
        for aim, point in zip(aims, points, strict=True):
            alternative = self._keep(f"A{len(found) + 1}", aim, point)
            if alternative is None:
                continue
            found.append(alternative)
            if difference_eur(self.data, alternative.allocation,
                              self.best.allocation) < MIN_DIFFERENCE_EUR:
                self.notes.append(Told("alt_note_close", name=alternative.name, aim=aim,
                                       least=f"{MIN_DIFFERENCE_EUR:,.0f}"))
        return found

    def solve(self, name: str, aim: str, direction: np.ndarray) -> Alternative | None:
        """Maximise direction · columns within the band; None if the solve found nothing."""
        self.solves += 1
        return self._keep(name, aim, self.session.solve_direction(direction))

    def _keep(self, name: str, aim: str, point: PointResult) -> Alternative | None:
        if not point.solved:
            self.notes.append(Told("alt_note_none", name=name, aim=aim,
                                   message=point.message))
            return None
        if point.message:
            self.notes.append(Told("alt_note_message", name=name, aim=aim,
                                   message=point.message))
        return Alternative(name, aim, point.status, point.impact, point.allocation)

    # -- directions ----------------------------------------------------------
    def spread_direction(self, seen: list[Alternative]) -> np.ndarray:
        """Centred relative-use weights, negated (the solve maximises)."""
        session = self.session
        direction = np.zeros(session.n_columns)
        for dimension, names in (("country", session.cell_country),
                                 ("instrument", session.cell_instrument)):
            shares = sum(_shares(self.data, a.allocation, dimension) for a in seen) / len(seen)
            weight = shares - shares.mean()
            np.add.at(direction, session.cell_columns, -weight.reindex(names).to_numpy())
        return direction

    def fallback_directions(self, best: Alternative):
        """Less for the best's largest countries, more for its smallest, alternately."""
        session = self.session
        totals = horizon_totals(self.data, best.allocation, "country")
        receiving = [c for c in totals.index if (session.cell_country == c).any()]
        order = sorted(receiving, key=lambda c: (-totals[c], receiving.index(c)))
        for large, small in zip(order, reversed(order), strict=True):
            for sign, country in ((-1.0, large), (1.0, small)):
                direction = np.zeros(session.n_columns)
                direction[session.cell_columns[session.cell_country == country]] = sign
                key = "alt_aim_less" if sign < 0 else "alt_aim_more"
                yield Told(key, column="country", name=country), direction


def _shares(data: AllocationData, allocation: pd.DataFrame, dimension: str) -> pd.Series:
    totals = horizon_totals(data, allocation, dimension)
    total = float(totals.sum())
    return totals / total if total > 0 else totals * 0.0
