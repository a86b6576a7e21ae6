"""The impact index of SPEC v2 §5.3: the impact as a number a reader can place.

impact_index = 100 × impact / (E × a_max × m_1), with E the sum of all
envelope amounts over the horizon, a_max the highest value of a euro a_ci
over the pairs and m_1 the first tier's multiplier (1 without Returns). It
reads: the average euro of the envelopes is worth impact_index % of a euro
spent on the best pair at full effect.
"""

from __future__ import annotations

from models.data import AllocationData
from models.derived import pair_facts


def impact_scale(data: AllocationData) -> float | None:
    """E × a_max × m_1: the impact if every envelope euro went to the best pair at full
    effect; None when that is not positive (no envelope money, or no pair worth anything)."""
    envelope = sum(e.amount_eur for e in data.envelopes)
    values = [facts.value_per_eur for facts in pair_facts(data).values()]
    first = min(data.tiers, key=lambda tier: tier.from_share).multiplier if data.tiers else 1.0
    scale = envelope * max(values, default=0.0) * first
    return scale if scale > 0 else None


def impact_index(data: AllocationData, impact: float) -> float | None:
    """100 × impact / impact_scale(data), None where the scale is not positive."""
    scale = impact_scale(data)
    return None if scale is None else 100.0 * impact / scale


def index_points(data: AllocationData, impact_change: float) -> float | None:
    """An impact change in index points (per the base's scale): for marginal values."""
    scale = impact_scale(data)
    return None if scale is None else 100.0 * impact_change / scale
