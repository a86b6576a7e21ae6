"""What Why not reads off a result: the pairs, the money per line and country, the
Limits that bind, and the value per euro at the margin of each envelope and full country.

The margin is the envelope's shadow price when the solve gave one (for a model with
yes/no decisions, from the linear programme with them fixed); otherwise the lowest
value per euro the allocation funds by choice. Either way an estimate ("about").
"""

from __future__ import annotations

import math
import re

import pandas as pd

from models.data import AllocationData, Limit, Pick, YearPick
from models.derived import high_risk_countries, pair_facts, protection_instruments
from optimiser.results.extract import AllocationResult

LEFT_OVER_EUR = 0.5  # whole-euro rounding: less than this is not money left over
FULL_EUR = 1.0  # SPEC §2's feasibility tolerance: within a euro of a bound is at it
# Binding rules that can hold a country's total in a year (their text names both).
COUNTRY_MAXIMA = ("absorption", "ramp", "limit")


class Facts:
    """What every reason reads: pairs, money per cell, the margin per envelope."""

    def __init__(self, result: AllocationResult):
        self.data = data = result.data
        self.pairs = pair_facts(data)
        self.allocation = result.allocation
        self.countries = {c.name: c for c in data.countries}
        self.instruments = {i.name: i for i in data.instruments}
        self.oda = {s.name: s.oda for s in data.sources}
        self.funded = set(result.allocation["country"]) if not result.allocation.empty else set()
        cells = result.allocation
        self._envelopes: dict[tuple[str, str], list] = {}
        self.line_eur = cells.groupby(["year", "country", "instrument"])["amount_eur"].sum()
        self.line_oda_eur = cells[cells["oda"].astype(bool)].groupby(
            ["year", "country", "instrument"])["amount_eur"].sum()
        self.country_eur = cells.groupby(["year", "country"])["amount_eur"].sum()
        self.fit_origin = {(f.country, f.instrument): f.origin for f in data.fits}
        self.limit_maxima = _limit_maxima(result)
        self._limit_texts = _limit_texts(result)
        self._named: dict[tuple[str, str], bool] = {}
        free = _free_cells(result, self.pairs)
        self.margin = _margins(result, free)
        self.country_margin = _country_margins(result, free)

    def usable(self, country: str, instrument: str, source: str) -> bool:
        """May money of `source` go to the pair (SPEC §2: ODA needs DAC and oda_share > 0)."""
        if not self.oda[source]:
            return True
        return self.countries[country].dac_eligible and self.instruments[instrument].oda_share > 0

    def limit_binds_on(self, limit: Limit, country: str, instrument: str) -> bool:
        """False when a Limits row that makes one rule per country (or instrument) binds
        only for others: Egypt at its cap holds nothing back from Libya."""
        for selector, name in ((limit.country, country), (limit.instrument, instrument)):
            if selector.pick is Pick.EACH and not self._named_in(str(limit.origin), name):
                return False
        return True

    def _named_in(self, where: str, name: str) -> bool:
        """Does a binding text of the Limits row at `where` name `name` (asked per pair and
        envelope: the answer is kept)?"""
        key = (where, name)
        if key not in self._named:
            text = self._limit_texts.get(where, "")
            self._named[key] = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
        return self._named[key]  # the word boundaries keep Niger from matching Nigeria

    def envelopes_for(self, country: str, instrument: str):
        key = (country, instrument)
        if key not in self._envelopes:  # asked for per pair and year: computed once per pair
            self._envelopes[key] = [e for e in self.data.envelopes
                                    if e.amount_eur > 0 and self.usable(country, instrument,
                                                                        e.source)]
        return self._envelopes[key]

    def room(self, pair: tuple[str, str]) -> float:
        """The most a pair could hold in a year by its capacity and its country's absorption."""
        caps = [self.pairs[pair].cap_eur, self.countries[pair[0]].absorption_eur]
        return min((cap for cap in caps if cap is not None), default=math.inf)

    def margin_for(self, pairs) -> tuple[float, tuple[str, str]] | None:
        """(value per euro at the margin, pair): over the pairs and years, the place
        where the pair comes closest to entering (None: no margin known)."""
        best = None
        for pair in pairs:
            value = self.pairs[pair].value_per_eur
            for year in self.data.years:
                margin = self._threshold(pair, year)
                if margin is None or math.isinf(margin):
                    continue
                need = margin / value if value > 0 else math.inf
                if best is None or need < best[0]:
                    best = (need, margin, pair)
        return None if best is None else (best[1], best[2])

    def _threshold(self, pair: tuple[str, str], year: int) -> float | None:
        """The value per euro a pair must beat to get money in a year: the cheapest
        envelope it may use, or its country's marginal line when the country is full."""
        country, instrument = pair
        if self.room(pair) < FULL_EUR:
            return math.inf
        known = [self.margin[(year, e.source)] for e in self.envelopes_for(country, instrument)
                 if e.year == year and (year, e.source) in self.margin]
        if not known:
            return None
        margin = min(known)
        if (year, country) in self.country_margin:
            margin = max(margin, self.country_margin[(year, country)])
        return margin


def _free_cells(result: AllocationResult, pairs: dict) -> pd.DataFrame:
    """The funded cells the optimiser placed by choice, with their value per euro:
    not committed, not held by a binding minimum (a Limits floor, do-no-harm) and
    not a line at exactly its minimum programme. A better line could take their money."""
    cells = result.allocation
    forced = _forced_rules(result)
    line = cells.groupby(["year", "country", "instrument"])["amount_eur"].transform("sum")
    minimum = cells["instrument"].map({i.name: i.min_programme_eur
                                       for i in result.data.instruments})
    at_minimum = (minimum > 0) & ((line - minimum).abs() <= FULL_EUR)
    committed = {(c.year, c.country, c.instrument) for c in result.data.commitments}
    keep = [not (at_min or (y, c, i) in committed or any(rule(c, i, t, s) for rule in forced))
            for y, c, i, t, s, at_min in zip(cells["year"], cells["country"],
                                             cells["instrument"], cells["theme"],
                                             cells["source"], at_minimum, strict=True)]
    free = cells[pd.Series(keep, index=cells.index, dtype=bool)].copy()
    free["value"] = [pairs[(c, i)].value_per_eur
                     for c, i in zip(free["country"], free["instrument"], strict=True)]
    return free


def _forced_rules(result: AllocationResult) -> list:
    """Predicates (country, instrument, theme, source) for cells a binding minimum holds."""
    binding = result.binding
    minima = binding[binding["side"] != "maximum"]
    rows = set(minima.loc[minima["rule"] == "limit", "where"])
    limits = [lim for lim in result.data.limits if str(lim.origin) in rows
              and not all(all_members(lim, column) for column in ("country", "instrument", "theme",
                                                             "source"))]
    forced = [limit_picks(lim) for lim in limits]
    if (minima["rule"] == "do_no_harm").any():
        risky = set(high_risk_countries(result.data))
        protection = set(protection_instruments(result.data))
        forced.append(lambda c, i, _t, _s: c in risky and i in protection)
    return forced


def limit_picks(limit: Limit):
    """A predicate (country, instrument, theme, source): does the Limits row cover the cell?"""
    def covers(country: str, instrument: str, theme: str, source: str) -> bool:
        return all(picks(limit, column, name) for column, name in (
            ("country", country), ("instrument", instrument), ("theme", theme),
            ("source", source)))
    return covers


def _margins(result: AllocationResult, free: pd.DataFrame) -> dict[tuple[int, str], float]:
    """Impact per euro of one more euro in each envelope: its shadow price, else the
    lowest value per euro it funds by choice (0 when money is left over)."""
    margin: dict[tuple[int, str], float] = {}
    for row in result.envelope_prices.itertuples(index=False):
        if not math.isnan(row.shadow_price):
            margin[(row.year, row.source)] = max(row.shadow_price, 0.0) / 1e6
    for (year, source), group in free.groupby(["year", "source"], sort=False):
        margin.setdefault((year, source), float(group["value"].min()))
    for envelope, _ in unallocated(result.data, result.allocation):
        margin[(envelope.year, envelope.source)] = 0.0
    return margin


def _country_margins(result: AllocationResult, free: pd.DataFrame) -> dict:
    """(year, country) -> lowest value per euro funded by choice, for countries held
    at a maximum that year (absorption, ramp, a Limits maximum): a new line there must
    displace that money (infinite when nothing there is placed by choice)."""
    lowest = free.groupby(["year", "country"])["value"].min().to_dict()
    return {key: lowest.get(key, math.inf) for key in _full_countries(result)}


def _full_countries(result: AllocationResult) -> set[tuple[int, str]]:
    """(year, country) where the country's total sits at a maximum."""
    data = result.data
    absorption = {c.name: c.absorption_eur for c in data.countries}
    totals = result.allocation.groupby(["year", "country"])["amount_eur"].sum()
    full = {key for key, total in totals.items()
            if absorption[key[1]] is not None and total >= absorption[key[1]] - FULL_EUR}
    binding = result.binding
    texts = binding.loc[(binding["side"] != "minimum")
                        & binding["rule"].isin(COUNTRY_MAXIMA), "constraint"]
    names = {c.name: re.compile(rf"(?<!\w){re.escape(c.name)}(?!\w)") for c in data.countries}
    for text in texts:
        years = [y for y in data.years if str(y) in text]
        # `in` first: the pattern can only match where the name stands (size L: 1,363
        # texts × 200 countries).
        full |= {(y, c) for c, pattern in names.items()
                 if c in text and pattern.search(text) for y in years}
    return full


def unallocated(data: AllocationData, allocation: pd.DataFrame):
    """(envelope, euros left) for every envelope row not spent to the euro, in sheet order."""
    spent = allocation.groupby(["year", "source"])["amount_eur"].sum().to_dict()
    out = []
    for envelope in data.envelopes:
        left = envelope.amount_eur - spent.get((envelope.year, envelope.source), 0.0)
        if left >= LEFT_OVER_EUR:
            out.append((envelope, left))
    return out


def zero_max(limit: Limit) -> bool:
    return limit.max_eur == 0 or limit.max_share == 0


def every_year(limit: Limit, years: tuple[int, ...]) -> bool:
    return limit.year.pick is not YearPick.LISTED or set(years) <= set(limit.year.years)


def picks(limit: Limit, column: str, name: str) -> bool:
    selector = limit.selector(column)
    return selector.pick is not Pick.NAMES or name in selector.names


def all_members(limit: Limit, column: str) -> bool:
    return limit.selector(column).pick is not Pick.NAMES


def focus_full(facts: Facts) -> bool:
    limit = facts.data.settings.max_countries
    return limit is not None and len(facts.funded) >= limit


def _binding_maxima(result: AllocationResult) -> pd.DataFrame:
    """The Binding limits rows of Limits maxima (a Limits row may bind at its minimum)."""
    binding = result.binding
    return binding[(binding["rule"] == "limit") & (binding["side"] != "minimum")]


def _limit_texts(result: AllocationResult) -> dict[str, str]:
    """The binding Limits maxima's constraint texts (they name the member), one text per
    Limits row."""
    rows = _binding_maxima(result)
    return {where: "\n".join(group["constraint"]) for where, group in rows.groupby("where")}


def _limit_maxima(result: AllocationResult) -> list[tuple[Limit, set[int]]]:
    """Limits maxima that hold money back: (limit, the years it binds in); a maximum of
    0 binds in every year it covers, listed or not."""
    rows = _binding_maxima(result)
    years = result.data.years
    out = []
    for limit in result.data.limits:
        texts = rows.loc[rows["where"] == str(limit.origin), "constraint"]
        if zero_max(limit):
            held = set(years) if limit.year.pick is not YearPick.LISTED else set(limit.year.years)
        elif limit.year.pick is YearPick.EACH:
            held = {y for y in years for text in texts if str(y) in text}
        else:
            held = set(years) if len(texts) else set()
        if held:
            out.append((limit, held))
    return out
