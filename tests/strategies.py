"""Hypothesis strategies: random valid workbooks that are feasible by construction.

A workbook is built around a planted allocation: first the sets and their attributes, then a
sparse allocation x[y,c,i,s] that respects fit > 0 and ODA eligibility and shares, then every
rule of SPEC §2 derived so that the planted allocation meets it (sometimes exactly, so rules
bind). The optimum of such a workbook is therefore at least the planted impact; a solve that
stops at relative MIP gap g (Settings mip_gap, default 1e-4) is only sure to reach
(1 − g) × planted impact. A few workbooks have no cell that can be funded at all (every pair
fit 0 or ODA-only money where ODA is not allowed): valid, optimal with impact 0.

Names are written with random letter case (and re-spelled wherever referenced), headers too;
columns may be reordered or absent, optional sheets may be absent, booleans take every
spelling SPEC §1 allows. Everything is drawn from one `random.Random`, so
`planted_workbook(random.Random(seed))` also works outside hypothesis (benchmarks, fixtures).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.strategies_rules import RuleMaker
from tests.workbooks import Rows

COUNTRIES = ("Morocco", "Jordan", "Niger", "Mali", "Tunisia", "Egypt", "Libya", "Sudan")
INSTRUMENTS = ("dialogue", "shelter", "Legal Aid", "return support", "Border Mgmt", "jobs")
THEMES = ("protection", "governance", "development")
SOURCES = ("BHO", "A&M", "EUTF", "Reserve")
CRITERIA = ("relevance", "Migration Pressure", "partnership")
ALLOCATION_HEADER = ["year", "country", "instrument", "theme", "source", "oda", "amount_eur"]

Cell = tuple[int, str, str, str]  # (year, country, instrument, source), names as defined


@dataclass(frozen=True)
class Planted:
    """A feasible workbook and the allocation it was built around.

    `allocation` uses the names as written in the Countries/Instruments/Sources sheets;
    `impact` is the planted allocation's impact (a lower bound of the optimum).
    """

    sheets: dict[str, Rows]
    allocation: dict[Cell, int]
    impact: float
    countries: tuple[str, ...]  # in sheet order
    instruments: dict[str, str]  # instrument -> theme as written, in sheet order
    sources: dict[str, bool]  # source -> oda, in sheet order

    def allocation_rows(self) -> Rows:
        """The planted allocation as an Allocation sheet (SPEC §4): sorted, no zero rows."""
        order = {
            "c": {c: n for n, c in enumerate(self.countries)},
            "i": {i: n for n, i in enumerate(self.instruments)},
            "s": {s: n for n, s in enumerate(self.sources)},
        }
        cells = sorted(
            self.allocation,
            key=lambda k: (k[0], order["c"][k[1]], order["i"][k[2]], order["s"][k[3]]),
        )
        rows = [
            [y, c, i, self.instruments[i], s, self.sources[s], self.allocation[y, c, i, s]]
            for y, c, i, s in cells
        ]
        return [list(ALLOCATION_HEADER), *rows]

    def result_sheets(self, impact: float | None = None, status: str = "optimal"):
        """The workbook as a result workbook holding the planted allocation (SPEC §4)."""
        total = sum(self.allocation.values())
        summary = [
            ["key", "value"],
            ["status", status],
            ["impact", self.impact if impact is None else impact],
            ["total_eur", total],
        ]
        return {**self.sheets, "Allocation": self.allocation_rows(), "Summary": summary}


class World:
    """Sets, their attributes and the planted allocation, with canonical names."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.years = self._years()
        self.criteria = {c: rng.randint(0, 5) for c in self._pick(CRITERIA, 1, 3)}
        self.countries = self._pick(COUNTRIES, 1, 5)
        self.dac = {c: rng.random() < 0.7 for c in self.countries}
        self.risk = {c: rng.choice((None, 0, 2, 5, 8)) for c in self.countries}
        self.scores = {(c, k): rng.randint(0, 10) for c in self.countries for k in self.criteria}
        self.instruments = self._pick(INSTRUMENTS, 1, 4)
        self.theme = {i: rng.choice(THEMES) for i in self.instruments}
        self.oda_share = {i: rng.choice((0, 0.25, 0.5, 1, round(rng.random(), 2)))
                          for i in self.instruments}
        self.effectiveness = {i: rng.choice((None, 0.5, 1, 1.25, 2)) for i in self.instruments}
        self.sources = self._sources()
        self.fit = {(c, i): rng.choice((0, 0.5, 1.5, None)) for c in self.countries
                    for i in self.instruments if rng.random() < 0.3}  # None: row, fit blank
        self.x: dict[Cell, int] = {}
        self._plant()

    def _pick(self, pool: tuple[str, ...], low: int, high: int) -> list[str]:
        return self.rng.sample(pool, self.rng.randint(low, high))

    def _sources(self) -> dict[str, bool]:
        """Source -> oda. Mostly with a non-ODA source: with ODA money only, just instruments
        with oda_share 1 in DAC countries can be funded, and most draws would plant nothing."""
        sources = {s: self.rng.random() < 0.5 for s in self._pick(SOURCES, 1, 3)}
        if all(sources.values()) and self.rng.random() < 0.8:
            sources[self.rng.choice(list(sources))] = False
        return sources

    def _years(self) -> list[int]:
        years = [self.rng.randint(2025, 2030)]
        for _ in range(self.rng.randint(0, 2)):
            years.append(years[-1] + self.rng.choice((1, 1, 2)))  # gaps: adjacency by order
        return years

    def fit_of(self, country: str, instrument: str) -> float:
        fit = self.fit.get((country, instrument))
        return 1 if fit is None else fit

    def _plant(self) -> None:
        density = self.rng.choice((0.3, 0.5, 0.8))
        for year in self.years:
            for country in self.countries:
                for instrument in self.instruments:
                    if self.fit_of(country, instrument) > 0 and self.rng.random() < density:
                        self._fund(year, country, instrument, 1000 * self.rng.randint(1, 500))

    def _fund(self, year: int, country: str, instrument: str, amount: int) -> None:
        """Split `amount` over sources: ODA only where allowed and within oda_share."""
        share = self.oda_share[instrument]
        oda = [s for s, is_oda in self.sources.items() if is_oda]
        if not (self.dac[country] and share > 0):
            oda = []
        other = [s for s, is_oda in self.sources.items() if not is_oda]
        if not other and not (oda and share == 1):
            return  # this cell cannot be funded in full from the sources there are
        if not other:
            oda_part = amount
        elif oda:
            oda_part = math.floor(share * amount * self.rng.choice((0, self.rng.random(), 1)))
        else:
            oda_part = 0
        self._spread((year, country, instrument), oda, oda_part)
        self._spread((year, country, instrument), other, amount - oda_part)

    def _spread(self, cell: tuple[int, str, str], sources: list[str], amount: int) -> None:
        if amount <= 0:
            return
        chosen = self.rng.sample(sources, min(self.rng.randint(1, len(sources)), amount))
        cuts = sorted(self.rng.sample(range(1, amount), len(chosen) - 1)) if amount > 1 else []
        for source, low, high in zip(chosen, [0, *cuts], [*cuts, amount], strict=True):
            self.x[(*cell, source)] = high - low

    @property
    def X(self) -> dict[tuple[int, str, str], int]:
        totals: dict[tuple[int, str, str], int] = {}
        for (y, c, i, _), amount in self.x.items():
            totals[y, c, i] = totals.get((y, c, i), 0) + amount
        return totals

    def T(self, year: int, country: str) -> int:
        return sum(a for (y, c, _, _), a in self.x.items() if (y, c) == (year, country))


def planted_impact(world: World, rules: RuleMaker) -> float:
    """Impact of the planted allocation (SPEC §2 objective), from the drawn values."""
    impact = 0.0
    for (_, country, instrument), amount in world.X.items():
        priority = sum(w * world.scores[country, k] for k, w in world.criteria.items())
        effectiveness = world.effectiveness[instrument] or 1
        value = priority * effectiveness * world.fit_of(country, instrument)
        cap = rules.capacity.get((country, instrument), rules.absorption.get(country))
        if cap is None:
            impact += value * amount
            continue
        for low, high, multiplier in rules.tiers:
            impact += value * multiplier * min(max(amount - low * cap, 0), (high - low) * cap)
    return impact


def planted_workbook(rng: random.Random) -> Planted:
    """A random valid workbook, feasible by construction, with its planted allocation."""
    world = World(rng)
    rules = RuleMaker(world, rng)
    sheets = rules.sheets()
    return Planted(
        sheets=sheets,
        allocation=dict(world.x),
        impact=planted_impact(world, rules),
        countries=tuple(world.countries),
        instruments={i: rules.theme_spelling[i] for i in world.instruments},
        sources=dict(world.sources),
    )


def planted_workbooks() -> st.SearchStrategy[Planted]:
    """Strategy of `Planted` workbooks (sheets, planted allocation, planted impact)."""
    return st.randoms(use_true_random=False).map(planted_workbook)


def feasible_workbooks() -> st.SearchStrategy[dict[str, Rows]]:
    """Strategy of random valid, feasible workbooks as sheet -> rows for write_workbook."""
    return planted_workbooks().map(lambda planted: planted.sheets)
