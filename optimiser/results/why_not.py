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

from dataclasses import dataclass

import pandas as pd

from models.data import AllocationData, Limit
from models.derived import PairFacts
from models.labels import eur
from models.phrases import Listed
from optimiser.results.extract import AllocationResult
from optimiser.results.texts import Said
from optimiser.results.why_not_facts import (
    FULL_EUR,
    LEFT_OVER_EUR,
    Facts,
    all_members,
    every_year,
    focus_full,
    limit_picks,
    picks,
    unallocated,
    zero_max,
)

WHY_NOT_COLUMNS = ["what", "name", "year", "source", "amount_eur", "reason", "explanation",
                   "where", "change"]
COUNTRY, INSTRUMENT, MONEY = "country", "instrument", "unallocated money"
EXCLUDED, OUT_VALUED, BLOCKED = "excluded by a rule", "out-valued", "blocked by rules"
@dataclass(frozen=True)
class Reason:
    reason: str
    explanation: str
    where: str
    change: str


def why_not_table(result: AllocationResult) -> pd.DataFrame:
    """One row per zero country, zero instrument and envelope with money left over."""
    facts = Facts(result)
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


# --- countries and instruments -------------------------------------------------------------


def _first_reason(checks) -> Reason | None:
    """The reason of the first check, in order, that finds one."""
    return next((reason for reason in (check() for check in checks) if reason is not None),
                None)


def country_reason(facts: Facts, country: str) -> Reason:
    row = facts.countries[country].origin
    pairs = [p for p in facts.pairs if p[0] == country]
    fits = [f for f in facts.data.fits if f.country == country and f.fit <= 0]
    checks = (
        lambda: _no_pairs(pairs, fits, Said("why_fits_no_instrument", country=country)),
        lambda: _zero_limit(facts.data, lambda lim: _country_capped(lim, country)),
        lambda: _no_money(facts, pairs, Said("why_non_dac", row=row)),
        lambda: _no_room(facts, pairs),
        lambda: _programme_too_big(facts, pairs),
        lambda: _max_countries_reached(facts, pairs),
    )
    reason = _first_reason(checks)
    if reason is not None:
        return reason
    return _out_valued(facts, pairs, Said("why_priority", row=row), "priority", str(row))


def instrument_reason(facts: Facts, instrument: str) -> Reason:
    record = facts.instruments[instrument]
    pairs = [p for p in facts.pairs if p[1] == instrument]
    fits = [f for f in facts.data.fits if f.instrument == instrument and f.fit <= 0]
    open_pairs = [p for p in pairs if p[0] in facts.funded] if focus_full(facts) else pairs
    checks = (
        lambda: _no_pairs(pairs, fits, Said("why_fits_no_country", instrument=instrument)),
        lambda: _zero_limit(facts.data, lambda lim: _instrument_capped(lim, record)),
        lambda: _no_money(facts, pairs, Said("why_no_envelope", share=f"{record.oda_share:g}",
                                             origin=record.origin)),
        lambda: _no_room(facts, pairs),
        lambda: _programme_too_big(facts, pairs),
    )
    reason = _first_reason(checks)
    if reason is not None:
        return reason
    return _out_valued(facts, open_pairs or pairs,
                       Said("why_effectiveness", origin=record.origin), "effectiveness",
                       str(record.origin))


def _no_pairs(pairs, fits, text: str) -> Reason | None:
    if pairs:
        return None
    rows = ", ".join(str(f.origin.row) for f in fits)
    where = f"Fit rows {rows}" if rows else "Fit"
    return Reason(EXCLUDED, Said("why_fit_zero", text=text), where, Said("why_fit_change"))


def _zero_limit(data: AllocationData, caps) -> Reason | None:
    for limit in data.limits:
        if zero_max(limit) and every_year(limit, data.years) and caps(limit):
            return Reason(EXCLUDED, Said("why_zero_limit", origin=limit.origin,
                                         name=limit.name),
                          str(limit.origin), Said("why_zero_limit_change", origin=limit.origin))
    return None


def _country_capped(limit: Limit, country: str) -> bool:
    return (picks(limit, "country", country) and all_members(limit, "instrument")
            and all_members(limit, "theme") and all_members(limit, "source"))


def _instrument_capped(limit: Limit, record) -> bool:
    return (picks(limit, "instrument", record.name) and picks(limit, "theme", record.theme)
            and all_members(limit, "country") and all_members(limit, "source"))


def _no_money(facts: Facts, pairs, text: str) -> Reason | None:
    if any(facts.envelopes_for(c, i) for c, i in pairs):
        return None
    return Reason(EXCLUDED, text, "Countries; Instruments; Sources",
                  Said("why_no_money_change"))


def _no_room(facts: Facts, pairs) -> Reason | None:
    """Every line has capacity or absorption 0."""
    if any(facts.room(pair) >= FULL_EUR for pair in pairs):
        return None
    origins = {str(facts.fit_origin[p]) if facts.pairs[p].cap_from_pair
               else str(facts.countries[p[0]].origin) for p in pairs}
    where = "; ".join(sorted(origins))
    return Reason(EXCLUDED, Said("why_no_room"), where, Said("why_no_room_change", where=where))


def _programme_too_big(facts: Facts, pairs) -> Reason | None:
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
    return Reason(EXCLUDED, Said("why_programme", bound=eur(bound)),
                  f"Instruments rows {', '.join(rows)}",
                  Said("why_programme_change", bound=eur(bound)))


def _pair_bound(facts: Facts, country: str, instrument: str) -> float:
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


def _max_countries_reached(facts: Facts, pairs) -> Reason | None:
    if not focus_full(facts):
        return None
    settings = facts.data.settings
    limit = settings.max_countries
    where = str(settings.origin("max_countries"))
    value = _value_text(facts, pairs)
    return Reason(EXCLUDED, Said("why_max_countries", where=where, limit=limit, value=value),
                  where, Said("why_max_countries_change", limit=limit + 1))


def _value_text(facts: Facts, pairs) -> str:
    found = facts.margin_for(pairs)
    if found is None:
        return ""
    margin, pair = found
    return Said("why_max_countries_value", value=f"{facts.pairs[pair].value_per_eur:.3g}",
                pair=" × ".join(pair), margin=f"{margin:.3g}")


def _best(facts: Facts, pair) -> Said:
    return Said("why_best", value=f"{facts.pairs[pair].value_per_eur:.3g}", pair=" × ".join(pair))


def _out_valued(facts: Facts, pairs, what: str, word: str, where: str) -> Reason:
    found = facts.margin_for(pairs)
    if found is None:
        pair = max(pairs, key=lambda p: facts.pairs[p].value_per_eur)
        return Reason(OUT_VALUED, Said("why_valued_higher", line=_best(facts, pair)),
                      where, Said("why_higher_change", word=word))
    margin, pair = found
    best = facts.pairs[pair].value_per_eur
    line = _best(facts, pair)
    if best <= 0 < margin:  # a priority, effectiveness or fit of 0: no rise of it helps
        return Reason(OUT_VALUED, Said("why_adds_nothing", line=line), where,
                      Said("why_above_zero_change", word=word))
    if best < margin:
        rise = f"{margin / best - 1:.0%}"
        return Reason(OUT_VALUED, Said("why_rise", line=line, margin=f"{margin:.3g}", what=what,
                                       rise=rise),
                      where, Said("why_rise_change", word=word, rise=rise))
    held = _continuity_rules(facts, pairs) + _holding_limits(facts, pairs)
    rules = Said("why_rules", rules=Listed(held)) if held else ""
    return Reason(BLOCKED, Said("why_blocked", line=line, margin=f"{margin:.3g}", rules=rules),
                  Listed(held, "semicolon") if held else where, Said("why_blocked_change"))


def _continuity_rules(facts: Facts, pairs) -> list[str]:
    """no_restart for a country funded in the Baseline year (SPEC §5.1): it may only
    continue that run from the first year, without a pause, or stop for good."""
    data = facts.data
    if not data.settings.no_restart:
        return []
    where = data.settings.origin("no_restart")
    countries = {c for c, _ in pairs}
    return [Said("why_no_restart_with", where=where, origin=row.origin) for row in data.baseline
            if row.country in countries and row.amount_eur >= 1.0]


def _holding_limits(facts: Facts, pairs) -> list[str]:
    """The Limits maxima that bind on some line of these pairs."""
    held = []
    for limit, _ in facts.limit_maxima:
        chooses = limit_picks(limit)
        if any(chooses(c, i, facts.instruments[i].theme, e.source)
               and facts.limit_binds_on(limit, c, i)
               for c, i in pairs for e in facts.envelopes_for(c, i)):
            held.append(str(limit.origin))
    return held


# --- money left over -----------------------------------------------------------------------


def money_reason(facts: Facts, envelope, left: float) -> Reason:
    """Which rules block every line the money could go to, and the smallest easing."""
    year, source = envelope.year, envelope.source
    lines = [p for p in facts.pairs if facts.usable(*p, source)]
    if not lines:
        return Reason(EXCLUDED, Said("why_no_line", source=source),
                      f"{envelope.origin}; Countries; Instruments", Said("why_no_line_change"))
    blocks = [(_blocker(facts, year, source, c, i), (c, i)) for c, i in lines]
    named = [(b, p) for b, p in blocks if b is not None]
    rules = sorted({b[0] for b, _ in named})
    others = len(blocks) - len(named)
    text = Said("why_left", left=eur(left), source=source, year=year,
                rules=Said("why_rules", rules=Listed(Said("why_rule_word", word=rule)
                                                     for rule in rules)) if rules else "")
    if others:
        text = Said("why_left_others", text=text, others=others)
    where = "; ".join(sorted({b[1] for b, _ in named})[:6]) or "Binding limits"
    return Reason(BLOCKED, text, where, _smallest_change(facts, named, left, envelope))


def _blocker(facts: Facts, year: int, source: str, country: str,
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
    if focus_full(facts) and country not in facts.funded:
        return "max_countries", str(facts.data.settings.origin("max_countries"))
    theme = facts.instruments[instrument].theme
    for limit, years in facts.limit_maxima:
        if (year in years and limit_picks(limit)(country, instrument, theme, source)
                and facts.limit_binds_on(limit, country, instrument)):
            return "Limits maximum", str(limit.origin)
    return None


def _smallest_change(facts: Facts, named, left: float, envelope) -> str:
    """Ease the capacity of the line valued highest among those blocked by one bound."""
    if named:
        (rule, where), pair = max(named, key=lambda item: facts.pairs[item[1]].value_per_eur)
        return Said("why_raise", rule=rule, where=where, left=eur(left), pair=" × ".join(pair),
                    value=f"{facts.pairs[pair].value_per_eur:.3g}",
                    share=f"{envelope.min_spend_share:.0%}", origin=envelope.origin)
    return Said("why_ease", share=f"{envelope.min_spend_share:.0%}", origin=envelope.origin)
