"""Rules derived from a planted allocation, and the sheets that state them (see strategies.py).

Every rule is drawn so that the planted allocation x meets it: envelopes at or above its
spend, capacities and absorption at or above its amounts, commitments at or below its cells,
minimum programmes at or below its funded cells, and so on. `tight` draws make a bound equal
to the planted value, so that rules bind.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from tests.strategies_draw import at_least, at_most, boolean, drop_blank_columns, respell, table
from tests.strategies_limits import limits_sheet
from tests.workbooks import Rows

if TYPE_CHECKING:
    from tests.strategies import World

class RuleMaker:
    """Derives every rule from the planted allocation of `world` and writes the sheets."""

    def __init__(self, world: World, rng: random.Random):
        self.w, self.rng = world, rng
        self.theme_spelling = {i: respell(rng, world.theme[i]) for i in world.instruments}
        self.absorption = self._absorption()
        self.capacity = self._capacity()
        self.tiers = self._tiers()
        self.risk_column = rng.random() < 0.7

    def _absorption(self) -> dict[str, float]:
        if self.rng.random() < 0.4:
            return {}
        chosen = [c for c in self.w.countries if self.rng.random() < 0.6]
        return {c: self._above(max(self.w.T(y, c) for y in self.w.years)) for c in chosen}

    def _above(self, planted: float) -> float:
        """A limit at or above the planted amount (anything when nothing is planted)."""
        return at_least(self.rng, planted) if planted else 1000 * self.rng.randint(0, 300)

    def _capacity(self) -> dict[tuple[str, str], float]:
        X = self.w.X
        pairs = [(c, i) for c in self.w.countries for i in self.w.instruments
                 if self.w.fit_of(c, i) > 0 and self.rng.random() < 0.35]
        return {
            (c, i): self._above(max(X.get((y, c, i), 0) for y in self.w.years))
            for c, i in pairs
        }

    def _tiers(self) -> list[tuple[float, float, float]]:
        if self.rng.random() < 0.4:
            return [(0.0, 1.0, 1.0)]
        cuts = sorted(self.rng.sample(range(1, 10), self.rng.randint(0, 3)))
        edges = [0.0, *(c / 10 for c in cuts), 1.0]
        # Multipliers must not increase from one tier to the next; equal ones are allowed.
        multipliers = sorted((self.rng.choice((0.2, 0.5, 1, 1.5, 2)) for _ in edges[1:]),
                             reverse=True)
        return list(zip(edges, edges[1:], multipliers, strict=False))

    def sheets(self) -> dict[str, Rows]:
        settings, baseline = self._settings()
        optional = {
            "Settings": settings, "Fit": self._fit(), "Commitments": self._commitments(),
            "Baseline": baseline, "Limits": limits_sheet(self.w, self.rng),
            "Returns": self._returns(),
        }
        sheets = {
            "Criteria": self._criteria(), "Countries": self._countries(),
            "Instruments": self._instruments(), "Sources": self._sources(),
            "Envelopes": self._envelopes(),
        }
        sheets.update({title: rows for title, rows in optional.items() if rows is not None})
        if self.rng.random() < 0.2:
            sheets["Notes"] = [["note"], ["an unknown sheet is ignored and kept"]]
        titles = list(sheets)
        self.rng.shuffle(titles)
        spell = self.rng.choice((str, str.lower, str.upper))
        return {spell(title): sheets[title] for title in titles}

    def _criteria(self) -> Rows:
        rows = [[respell(self.rng, k), w] for k, w in self.w.criteria.items()]
        return table(self.rng, ["criterion", "weight"], rows)

    def _countries(self) -> Rows:
        header = ["country", "dac_eligible", "absorption_eur", "human_rights_risk",
                  *self.w.criteria]
        rows = [
            [c, boolean(self.rng, self.w.dac[c]), self.absorption.get(c),
             self.w.risk[c] if self.risk_column else None,
             *(self.w.scores[c, k] for k in self.w.criteria)]
            for c in self.w.countries
        ]
        header, rows = drop_blank_columns(header, rows, {"absorption_eur", "human_rights_risk"})
        return table(self.rng, header, rows)

    def min_programme(self) -> dict[str, float]:
        X = self.w.X
        minima = {}
        for instrument in self.w.instruments:
            funded = [a for (_, _, i), a in X.items() if i == instrument]
            if self.rng.random() < 0.5:
                planted = min(funded, default=0)
                minima[instrument] = at_most(self.rng, planted) if funded else 5000
        return minima

    def _instruments(self) -> Rows:
        minima = self.min_programme()
        header = ["instrument", "theme", "oda_share", "effectiveness", "min_programme_eur"]
        rows = [
            [i, self.theme_spelling[i], self.w.oda_share[i], self.w.effectiveness[i],
             minima.get(i)]
            for i in self.w.instruments
        ]
        header, rows = drop_blank_columns(header, rows, {"effectiveness", "min_programme_eur"})
        return table(self.rng, header, rows)

    def _sources(self) -> Rows:
        chapter = self.rng.random() < 0.5
        rows = [[s, boolean(self.rng, oda), f"chapter {n}" if chapter else None]
                for n, (s, oda) in enumerate(self.w.sources.items())]
        return table(self.rng, *drop_blank_columns(["source", "oda", "chapter"], rows,
                                                   {"chapter"}))

    def _envelopes(self) -> Rows:
        spend: dict[tuple[int, str], int] = defaultdict(int)
        for (year, _, _, source), amount in self.w.x.items():
            spend[year, source] += amount
        rows = []
        for year in self.w.years:
            year_rows = [self._envelope(year, s, spend[year, s]) for s in self.w.sources
                         if spend[year, s] or self.rng.random() < 0.5]
            # Every planning year needs a row: the Envelopes years are the horizon.
            rows += year_rows or [self._envelope(year, self.rng.choice(list(self.w.sources)), 0)]
        self.rng.shuffle(rows)
        header = ["year", "source", "amount_eur", "min_spend_share"]
        return table(self.rng, *drop_blank_columns(header, rows, {"min_spend_share"}))

    def _envelope(self, year: int, source: str, spent: int) -> list:
        amount = at_least(self.rng, spent)
        share = None
        if amount and self.rng.random() < 0.5:
            exact = spent / amount
            share = exact if self.rng.random() < 0.4 else math.floor(exact * 100) / 100
        return [year, respell(self.rng, source), amount, share]

    def _fit(self) -> Rows | None:
        pairs = [p for p in (*self.w.fit, *self.capacity) if p]
        pairs = list(dict.fromkeys(pairs))
        if not pairs:
            return None
        rows = [[respell(self.rng, c), respell(self.rng, i), self.w.fit.get((c, i)),
                 self.capacity.get((c, i))] for c, i in pairs]
        header = ["country", "instrument", "fit", "capacity_eur"]
        return table(self.rng, *drop_blank_columns(header, rows, {"fit", "capacity_eur"}))

    def _returns(self) -> Rows | None:
        if self.tiers == [(0.0, 1.0, 1.0)] and self.rng.random() < 0.7:
            return None  # absent sheet = one tier [0, 1] × 1
        rows = [list(tier) for tier in self.tiers]
        self.rng.shuffle(rows)  # the rows may stand in any order
        return table(self.rng, ["from_share", "to_share", "multiplier"], rows)

    def _commitments(self) -> Rows | None:
        rows: list[list] = []
        for (year, country, instrument), total in self.w.X.items():
            if self.rng.random() < 0.25:
                rows += self._commit_cell(year, country, instrument, total)
        if not rows:
            return None
        for n, row in enumerate(rows):
            row[0] = f"REF-{n + 1}"
        header = ["reference", "year", "country", "instrument", "source", "amount_eur"]
        return table(self.rng, *drop_blank_columns(header, rows, {"source"}))

    def _commit_cell(self, year: int, country: str, instrument: str, total: int) -> list[list]:
        """Per-source rows at or below x[y,c,i,s], then all-source rows within what is left."""
        rows, committed = [], 0
        for source in self.w.sources:
            planted = self.w.x.get((year, country, instrument, source), 0)
            if planted and self.rng.random() < 0.5:
                amount = at_most(self.rng, planted)
                rows += self._commit_rows(year, country, instrument, source, amount)
                committed += amount
        if self.rng.random() < 0.5:
            rows += self._commit_rows(year, country, instrument, None,
                                      at_most(self.rng, total - committed))
        return rows

    def _commit_rows(self, year, country, instrument, source, amount: float) -> list[list]:
        """One row, or two that add up to `amount` (commitments add up)."""
        parts = [amount]
        if amount > 1 and self.rng.random() < 0.3:
            parts = [amount // 2, amount - amount // 2]
        spelled = None if source is None else respell(self.rng, source)
        return [[None, year, respell(self.rng, country), respell(self.rng, instrument), spelled,
                 part] for part in parts if part > 0]

    def risk(self, country: str) -> float:
        return (self.w.risk[country] or 0) if self.risk_column else 0

    def _settings(self) -> tuple[Rows | None, Rows | None]:
        ramp, baseline = self._ramp()
        pairs = [*ramp, *self._do_no_harm(), *self._focus()]
        if self.rng.random() < 0.3:
            pairs.append(("mip_gap", self.rng.choice((0, 1e-6))))
        if self.rng.random() < 0.2:
            pairs.append(("time_limit_s", 30))
        if not pairs:
            return None, baseline
        self.rng.shuffle(pairs)
        return table(self.rng, ["key", "value"], [list(p) for p in pairs]), baseline

    def _focus(self) -> list[tuple[str, object]]:
        if self.rng.random() < 0.6:
            return [("max_countries", None)] if self.rng.random() < 0.1 else []
        funded = {c for (_, c, _, _) in self.w.x}
        return [("max_countries", max(1, len(funded) + self.rng.choice((0, 0, 1))))]

    def _ramp(self) -> tuple[list[tuple[str, object]], Rows | None]:
        if self.rng.random() < 0.5:
            return [], None
        share = self.rng.choice((0, 0.1, 0.5, 1.0))
        first = self.w.years[0]
        baseline = {c: self.rng.choice((self.w.T(first, c), 1000 * self.rng.randint(0, 300)))
                    for c in self.w.countries if self.rng.random() < 0.5}
        needed = 0.0
        for country in self.w.countries:
            before = baseline.get(country)
            for year in self.w.years:
                total = self.w.T(year, country)
                if before is not None:
                    needed = max(needed, abs(total - before) - share * before)
                before = total
        allowance = math.ceil(needed) + self.rng.choice((0, 0, 5000))
        pairs = [("ramp_share", share)]
        if allowance or self.rng.random() < 0.5:
            pairs.append(("ramp_eur", allowance))
        rows = [[respell(self.rng, c), amount] for c, amount in baseline.items()]
        return pairs, table(self.rng, ["country", "amount_eur"], rows) if rows else None

    def _do_no_harm(self) -> list[tuple[str, object]]:
        if self.rng.random() < 0.5:
            return []
        threshold = self.rng.choice([self.risk(c) for c in self.w.countries] + [3])
        theme = self.rng.choice(("protection", "protection", *self.w.theme.values()))
        shares = [
            self._protected(y, c, theme) / self.w.T(y, c)
            for c in self.w.countries if self.risk(c) >= threshold
            for y in self.w.years if self.w.T(y, c) > 0
        ]
        share = min(shares, default=self.rng.random())
        share = share if self.rng.random() < 0.4 else math.floor(share * 100) / 100
        pairs = [("high_risk_threshold", threshold), ("high_risk_protection_share", share)]
        if theme != "protection" or self.rng.random() < 0.3:
            pairs.append(("protection_theme", respell(self.rng, theme)))
        return pairs

    def _protected(self, year: int, country: str, theme: str) -> int:
        return sum(a for (y, c, i), a in self.w.X.items()
                   if (y, c) == (year, country) and self.w.theme[i] == theme)
