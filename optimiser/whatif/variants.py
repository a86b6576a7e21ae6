"""Numeric variants of validated data, for sensitivity runs.

Each function returns a new `AllocationData` (the base is never changed) that
differs only in numbers a re-solve session can change without a rebuild.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from models.data import AllocationData


def scale_envelopes(data: AllocationData, factor: float, source: str | None = None
                    ) -> AllocationData:
    """Envelopes × factor (all sources, or one), keeping the minimum spend in euros.

    A minimum spend is a rule about not letting money lapse; more money should
    not force more spending, so its euro amount stays (capped at the new envelope).
    """
    def scaled(envelope):
        # × 1 keeps the envelope exactly (minimum / amount need not give back the share)
        if factor == 1.0 or (source is not None and envelope.source != source):
            return envelope
        amount = envelope.amount_eur * factor
        minimum = envelope.min_spend_share * envelope.amount_eur
        share = min(minimum / amount, 1.0) if amount > 0 else 0.0
        return dataclasses.replace(envelope, amount_eur=amount, min_spend_share=share)

    return dataclasses.replace(data, envelopes=tuple(scaled(e) for e in data.envelopes))


def scale_weight(data: AllocationData, criterion: str, factor: float) -> AllocationData:
    criteria = tuple(
        dataclasses.replace(k, weight=k.weight * factor) if k.name == criterion else k
        for k in data.criteria
    )
    return dataclasses.replace(data, criteria=criteria)


def scale_scores(data: AllocationData, country: str, factor: float) -> AllocationData:
    """Every criterion score of one country × factor."""
    countries = tuple(
        dataclasses.replace(c, scores={k: v * factor for k, v in c.scores.items()})
        if c.name == country else c
        for c in data.countries
    )
    return dataclasses.replace(data, countries=countries)


def draw_scores(data: AllocationData, rng: np.random.Generator, default_uncertainty: float
                ) -> AllocationData:
    """Scores drawn uniformly within ±uncertainty of their value (the country's own
    `uncertainty`, else the default), never below 0. Draws follow sheet order, so
    a seed gives the same draws whatever runs them."""
    countries = []
    for country in data.countries:
        spread = country.uncertainty if country.uncertainty is not None else default_uncertainty
        names = list(country.scores)
        factors = 1.0 + spread * rng.uniform(-1.0, 1.0, size=len(names))
        scores = {k: max(country.scores[k] * f, 0.0) for k, f in zip(names, factors, strict=True)}
        countries.append(dataclasses.replace(country, scores=scores))
    return dataclasses.replace(data, countries=tuple(countries))
