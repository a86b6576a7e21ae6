"""Derived values of SPEC §2, computed once from the validated input.

Plain Python (no Pyomo): the model builder, the reports and the sensitivity
runs all read these, so the numbers a report explains are the numbers the
model used.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.data import AllocationData

Pair = tuple[str, str]  # (country, instrument)


def priorities(data: AllocationData) -> dict[str, float]:
    """p_c = Σ_criteria weight × score(c, criterion)."""
    return {
        c.name: sum(k.weight * c.scores.get(k.name, 0.0) for k in data.criteria)
        for c in data.countries
    }


def fit_by_pair(data: AllocationData) -> dict[Pair, float]:
    """fit_ci from the Fit sheet; pairs without a row have fit 1."""
    given = {(f.country, f.instrument): f.fit for f in data.fits}
    return {
        (c.name, i.name): given.get((c.name, i.name), 1.0)
        for c in data.countries
        for i in data.instruments
    }


@dataclass(frozen=True)
class PairFacts:
    """What the model needs to know about one pair (c, i) ∈ P."""

    value_per_eur: float  # a_ci = p_c × effectiveness_i × fit_ci
    cap_eur: float | None  # cap_ci; None = unbounded
    cap_from_pair: bool  # True: Fit.capacity_eur, False: Countries.absorption_eur


def pair_facts(data: AllocationData) -> dict[Pair, PairFacts]:
    """The pairs P = {(c, i) : fit_ci > 0}, in Countries × Instruments order."""
    priority = priorities(data)
    fit = fit_by_pair(data)
    capacity = {(f.country, f.instrument): f.capacity_eur for f in data.fits}
    absorption = {c.name: c.absorption_eur for c in data.countries}
    effectiveness = {i.name: i.effectiveness for i in data.instruments}
    facts = {}
    for pair, fit_ci in fit.items():
        if fit_ci <= 0:
            continue
        c, i = pair
        pair_cap = capacity.get(pair)
        facts[pair] = PairFacts(
            value_per_eur=priority[c] * effectiveness[i] * fit_ci,
            cap_eur=pair_cap if pair_cap is not None else absorption[c],
            cap_from_pair=pair_cap is not None,
        )
    return facts


def high_risk_countries(data: AllocationData) -> tuple[str, ...]:
    """Countries whose human_rights_risk is at or above high_risk_threshold."""
    threshold = data.settings.high_risk_threshold
    if threshold is None:
        return ()
    return tuple(c.name for c in data.countries if c.human_rights_risk >= threshold)


def protection_instruments(data: AllocationData) -> tuple[str, ...]:
    """Instruments whose theme is the protection theme (case-insensitive)."""
    theme = data.settings.protection_theme.casefold()
    return tuple(i.name for i in data.instruments if i.theme.casefold() == theme)
