"""Why not: a reason, in workbook terms, for every zero country and instrument and
every unallocated euro of a result (issue 9 item 2).

Pure tables from an `AllocationResult`; the writers lay them out. Reasons are
checked from the most to the least certain: a rule that excludes the member
whatever the values (fit 0, a Limits row with maximum 0, no money it may use,
a minimum programme above every bound), then max_countries, then the value at
the margin. The margin comes from the envelope shadow prices when the solve
gave them (for a yes/no model, those of the final fixed-decision solve), else
from the lowest value per euro funded from that envelope; either way it is an
estimate, and the text says "about".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from models.data import AllocationData, Limit, Pick, YearPick
from models.derived import (
    PairFacts,
    high_risk_countries,
    pair_facts,
    protection_instruments,
)
from models.labels import eur
from optimiser.results.extract import AllocationResult

WHY_NOT_COLUMNS = ["what", "name", "year", "source", "amount_eur", "reason", "explanation",
                   "where", "change"]
COUNTRY, INSTRUMENT, MONEY = "country", "instrument", "unallocated money"
EXCLUDED, OUT_VALUED, BLOCKED = "excluded by a rule", "out-valued", "blocked by rules"
LEFT_OVER_EUR = 0.5  # whole-euro rounding: less than this is not money left over
FULL_EUR = 1.0  # SPEC §2's feasibility tolerance: within a euro of a bound is at it
# Binding rules that can hold a country's total in a year (their text names both).
COUNTRY_MAXIMA = ("absorption", "ramp", "limit")


@dataclass(frozen=True)
class Reason:
    reason: str
    explanation: str
    where: str
    change: str


class _Facts:
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
        free = _free_cells(result, self.pairs)
        self.margin = _margins(result, free)
        self.country_margin = _country_margins(result, free)

    def usable(self, country: str, instrument: str, source: str) -> bool:
        """May money of `source` go to the pair (SPEC §2: ODA needs DAC and oda_share > 0)."""
        if not self.oda[source]:
            return True
        return self.countries[country].dac_eligible and self.instruments[instrument].oda_share > 0

    def envelopes_for(self, country: str, instrument: str):
        key = (country, instrument)
        if key not in self._envelopes:  # asked for per pair and year: computed once per pair
            self._envelopes[key] = [e for e in self.data.envelopes
                                    if e.amount_eur > 0 and self.usable(country, instrument,
                                                                        e.source)]
        return self._envelopes[key]

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
              and not all(_all(lim, column) for column in ("country", "instrument", "theme",
                                                             "source"))]
    forced = [_limit_picks(lim) for lim in limits]
    if (minima["rule"] == "do_no_harm").any():
        risky = set(high_risk_countries(result.data))
        protection = set(protection_instruments(result.data))
        forced.append(lambda c, i, _t, _s: c in risky and i in protection)
    return forced


def _limit_picks(limit: Limit):
    def picks(country: str, instrument: str, theme: str, source: str) -> bool:
        return all(_picks(limit, column, name) for column, name in (
            ("country", country), ("instrument", instrument), ("theme", theme),
            ("source", source)))
    return picks


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
        full |= {(y, c) for c, pattern in names.items() if pattern.search(text) for y in years}
    return full


def why_not_table(result: AllocationResult) -> pd.DataFrame:
    """One row per zero country, zero instrument and envelope with money left over."""
    facts = _Facts(result)
    rows = []
    received = result.allocation.groupby("country")["amount_eur"].sum().to_dict()
    for country in result.data.countries:
        if received.get(country.name, 0.0) < LEFT_OVER_EUR:
            rows.append((COUNTRY, country.name, None, None, None,
                         *_as_row(country_reason(facts, country.name))))
    used = result.allocation.groupby("instrument")["amount_eur"].sum().to_dict()
    for instrument in result.data.instruments:
        if used.get(instrument.name, 0.0) < LEFT_OVER_EUR:
            rows.append((INSTRUMENT, instrument.name, None, None, None,
                         *_as_row(instrument_reason(facts, instrument.name))))
    for envelope, left in unallocated(result.data, result.allocation):
        rows.append((MONEY, envelope.source, envelope.year, envelope.source, left,
                     *_as_row(money_reason(facts, envelope, left))))
    return pd.DataFrame(rows, columns=WHY_NOT_COLUMNS)


def _as_row(reason: Reason) -> tuple[str, str, str, str]:
    return reason.reason, reason.explanation, reason.where, reason.change


def unallocated(data: AllocationData, allocation: pd.DataFrame):
    """(envelope, euros left) for every envelope row not spent to the euro, in sheet order."""
    spent = allocation.groupby(["year", "source"])["amount_eur"].sum().to_dict()
    out = []
    for envelope in data.envelopes:
        left = envelope.amount_eur - spent.get((envelope.year, envelope.source), 0.0)
        if left >= LEFT_OVER_EUR:
            out.append((envelope, left))
    return out


# --- countries and instruments -------------------------------------------------------------


def country_reason(facts: _Facts, country: str) -> Reason:
    row = facts.countries[country].origin
    pairs = [p for p in facts.pairs if p[0] == country]
    fits = [f for f in facts.data.fits if f.country == country and f.fit <= 0]
    checks = (
        lambda: _no_pairs(pairs, fits, f"{country} fits no instrument"),
        lambda: _zero_limit(facts.data, lambda lim: _country_capped(lim, country)),
        lambda: _no_money(facts, pairs, f"no ODA for a non-DAC country ({row}: dac_eligible "
                                        "FALSE) and no non-ODA envelope it may use"),
        lambda: _programme_too_big(facts, pairs),
        lambda: _focus_full(facts, pairs),
    )
    for check in checks:
        reason = check()
        if reason is not None:
            return reason
    return _out_valued(facts, pairs, f"its priority ({row} scores)", "priority", str(row))


def instrument_reason(facts: _Facts, instrument: str) -> Reason:
    record = facts.instruments[instrument]
    pairs = [p for p in facts.pairs if p[1] == instrument]
    fits = [f for f in facts.data.fits if f.instrument == instrument and f.fit <= 0]
    open_pairs = [p for p in pairs if p[0] in facts.funded] if _full(facts) else pairs
    checks = (
        lambda: _no_pairs(pairs, fits, f"{instrument} fits no country"),
        lambda: _zero_limit(facts.data, lambda lim: _instrument_capped(lim, record)),
        lambda: _no_money(facts, pairs, f"oda_share {record.oda_share:g} ({record.origin}) "
                                        "and no envelope its countries may use"),
        lambda: _programme_too_big(facts, pairs),
    )
    for check in checks:
        reason = check()
        if reason is not None:
            return reason
    return _out_valued(facts, open_pairs or pairs, f"its effectiveness ({record.origin})",
                       "effectiveness", str(record.origin))


def _no_pairs(pairs, fits, text: str) -> Reason | None:
    if pairs:
        return None
    rows = ", ".join(str(f.origin.row) for f in fits)
    where = f"Fit rows {rows}" if rows else "Fit"
    return Reason(EXCLUDED, f"fit 0 on every pair: {text}", where,
                  "a fit above 0 on one of these rows")


def _zero_limit(data: AllocationData, caps) -> Reason | None:
    for limit in data.limits:
        if _zero_max(limit) and _every_year(limit, data.years) and caps(limit):
            return Reason(EXCLUDED, f"{limit.origin} ('{limit.name}') allows at most 0",
                          str(limit.origin), f"a maximum above 0 on {limit.origin}")
    return None


def _zero_max(limit: Limit) -> bool:
    return limit.max_eur == 0 or limit.max_share == 0


def _every_year(limit: Limit, years: tuple[int, ...]) -> bool:
    return limit.year.pick is not YearPick.LISTED or set(years) <= set(limit.year.years)


def _picks(limit: Limit, column: str, name: str) -> bool:
    selector = limit.selector(column)
    return selector.pick is not Pick.NAMES or name in selector.names


def _all(limit: Limit, column: str) -> bool:
    return limit.selector(column).pick is not Pick.NAMES


def _country_capped(limit: Limit, country: str) -> bool:
    return (_picks(limit, "country", country) and _all(limit, "instrument")
            and _all(limit, "theme") and _all(limit, "source"))


def _instrument_capped(limit: Limit, record) -> bool:
    return (_picks(limit, "instrument", record.name) and _picks(limit, "theme", record.theme)
            and _all(limit, "country") and _all(limit, "source"))


def _no_money(facts: _Facts, pairs, text: str) -> Reason | None:
    if any(facts.envelopes_for(c, i) for c, i in pairs):
        return None
    return Reason(EXCLUDED, text, "Countries; Instruments; Sources",
                  "a non-ODA envelope (Envelopes), or dac_eligible / oda_share where true")


def _programme_too_big(facts: _Facts, pairs) -> Reason | None:
    """Every pair's minimum programme is above what the pair could ever get in a year."""
    worst = []
    for c, i in pairs:
        bound = _pair_bound(facts, c, i)
        minimum = facts.instruments[i].min_programme_eur
        if minimum <= bound:
            return None
        worst.append((facts.instruments[i], bound))
    if not worst:
        return None
    rows = sorted({str(inst.origin.row) for inst, _ in worst}, key=int)
    bound = max(b for _, b in worst)
    return Reason(EXCLUDED, f"min_programme_eur above every bound: at most {eur(bound)} fits "
                            "in any of its lines in a year",
                  f"Instruments rows {', '.join(rows)}",
                  f"min_programme_eur at most {eur(bound)}")


def _pair_bound(facts: _Facts, country: str, instrument: str) -> float:
    pair: PairFacts = facts.pairs[(country, instrument)]
    by_year: dict[int, float] = {}
    for e in facts.envelopes_for(country, instrument):
        by_year[e.year] = by_year.get(e.year, 0.0) + e.amount_eur
    caps = list(by_year.values()) or [0.0]
    bound = max(caps)
    absorption = facts.countries[country].absorption_eur
    for cap in (pair.cap_eur, absorption):
        if cap is not None:
            bound = min(bound, cap)
    return bound


def _full(facts: _Facts) -> bool:
    limit = facts.data.settings.max_countries
    return limit is not None and len(facts.funded) >= limit


def _focus_full(facts: _Facts, pairs) -> Reason | None:
    if not _full(facts):
        return None
    settings = facts.data.settings
    limit = settings.max_countries
    where = str(settings.origin("max_countries"))
    value = _value_text(facts, pairs)
    return Reason(EXCLUDED, f"{where}: max_countries {limit} — {limit} other countries are "
                            f"valued higher{value}", where, f"max_countries {limit + 1}")


def _value_text(facts: _Facts, pairs) -> str:
    found = facts.margin_for(pairs)
    if found is None:
        return ""
    margin, pair = found
    return (f" (best value per euro {facts.pairs[pair].value_per_eur:.3g}, "
            f"{' × '.join(pair)}, against about {margin:.3g} at the margin)")


def _out_valued(facts: _Facts, pairs, what: str, word: str, where: str) -> Reason:
    found = facts.margin_for(pairs)
    if found is None:
        pair = max(pairs, key=lambda p: facts.pairs[p].value_per_eur)
        return Reason(OUT_VALUED, f"best value per euro {facts.pairs[pair].value_per_eur:.3g} "
                                  f"({' × '.join(pair)}); the money goes to lines valued higher",
                      where, f"a higher {word}")
    margin, pair = found
    best = facts.pairs[pair].value_per_eur
    line = f"best value per euro {best:.3g} ({' × '.join(pair)})"
    if best < margin:
        rise = margin / best - 1
        return Reason(OUT_VALUED, f"{line} against about {margin:.3g} at the margin: {what} "
                                  f"would have to rise about {rise:.0%} to enter",
                      where, f"{word} up about {rise:.0%}")
    held = _holding_limits(facts, pairs)
    rules = f" ({', '.join(held)})" if held else ""
    return Reason(BLOCKED, f"{line} is at or above about {margin:.3g} at the margin, but the "
                           f"rules that bind keep it out{rules}: minimum programmes, ramp, "
                           "continuity or Limits (sheet Binding limits)",
                  "; ".join(held) or where, "ease one of those binding rules")


def _holding_limits(facts: _Facts, pairs) -> list[str]:
    """The Limits maxima that bind on some line of these pairs."""
    held = []
    for limit, _ in facts.limit_maxima:
        picks = _limit_picks(limit)
        if any(picks(c, i, facts.instruments[i].theme, e.source)
               for c, i in pairs for e in facts.envelopes_for(c, i)):
            held.append(str(limit.origin))
    return held


# --- money left over -----------------------------------------------------------------------


def money_reason(facts: _Facts, envelope, left: float) -> Reason:
    """Which rules block every line the money could go to, and the smallest easing."""
    year, source = envelope.year, envelope.source
    lines = [p for p in facts.pairs if facts.usable(*p, source)]
    if not lines:
        return Reason(EXCLUDED, f"no line may use {source} money (ODA needs a DAC-eligible "
                                "country and an instrument with oda_share above 0)",
                      f"{envelope.origin}; Countries; Instruments",
                      "a DAC-eligible country or an instrument with oda_share above 0")
    blocks = [(_blocker(facts, year, source, c, i), (c, i)) for c, i in lines]
    named = [(b, p) for b, p in blocks if b is not None]
    rules = sorted({b[0] for b, _ in named})
    others = len(blocks) - len(named)
    text = f"{eur(left)} of {source} {year} is left: every line it could go to is full"
    if rules:
        text += " (" + ", ".join(rules) + ")"
    if others:
        text += (f"; {others} line(s) are held by other rules (minimum programmes, ramp, "
                 "continuity, Limits maxima: sheet Binding limits)")
    where = "; ".join(sorted({b[1] for b, _ in named})[:6]) or "Binding limits"
    return Reason(BLOCKED, text, where, _smallest_change(facts, named, left, envelope))


def _blocker(facts: _Facts, year: int, source: str, country: str,
             instrument: str) -> tuple[str, str] | None:
    """(rule, where) that keeps more money out of this line in this year, or None."""
    held = float(facts.line_eur.get((year, country, instrument), 0.0))
    pair = facts.pairs[(country, instrument)]
    record = facts.countries[country]
    if record.absorption_eur is not None and facts.country_eur.get((year, country), 0.0) >= (
            record.absorption_eur - FULL_EUR):
        return "absorption", str(record.origin)
    if pair.cap_eur is not None and held >= pair.cap_eur - FULL_EUR:
        return "pair capacity", str(facts.fit_origin.get((country, instrument), record.origin))
    if facts.oda[source]:
        share = facts.instruments[instrument].oda_share
        oda = float(facts.line_oda_eur.get((year, country, instrument), 0.0))
        if oda >= share * held - FULL_EUR:
            return "ODA share", str(facts.instruments[instrument].origin)
    if _full(facts) and country not in facts.funded:
        return "max_countries", str(facts.data.settings.origin("max_countries"))
    theme = facts.instruments[instrument].theme
    for limit, years in facts.limit_maxima:
        if year in years and _limit_picks(limit)(country, instrument, theme, source):
            return "Limits maximum", str(limit.origin)
    return None


def _limit_maxima(result: AllocationResult) -> list[tuple[Limit, set[int]]]:
    """Limits maxima that hold money back: (limit, the years it binds in); a maximum of
    0 binds in every year it covers, listed or not."""
    binding = result.binding
    rows = binding[(binding["rule"] == "limit") & (binding["side"] != "minimum")]
    years = result.data.years
    out = []
    for limit in result.data.limits:
        texts = rows.loc[rows["where"] == str(limit.origin), "constraint"]
        if _zero_max(limit):
            held = set(years) if limit.year.pick is not YearPick.LISTED else set(limit.year.years)
        elif limit.year.pick is YearPick.EACH:
            held = {y for y in years for text in texts if str(y) in text}
        else:
            held = set(years) if len(texts) else set()
        if held:
            out.append((limit, held))
    return out


def _smallest_change(facts: _Facts, named, left: float, envelope) -> str:
    """Ease the capacity of the line valued highest among those blocked by one bound."""
    if named:
        (rule, where), pair = max(named, key=lambda item: facts.pairs[item[1]].value_per_eur)
        return (f"raise the {rule} on {where} by {eur(left)} (line {' × '.join(pair)}, value "
                f"per euro {facts.pairs[pair].value_per_eur:.3g}); min_spend_share "
                f"{envelope.min_spend_share:.0%} on {envelope.origin} lets the rest lapse")
    return (f"ease a binding maximum (sheet Binding limits); min_spend_share "
            f"{envelope.min_spend_share:.0%} on {envelope.origin} lets it lapse")
