"""Comparing two allocations in euros: the money moved, and the change per year × source or
year × country, so that every comparison of results leads with money, not impact units."""

from __future__ import annotations

import pandas as pd

CELL = ["year", "country", "instrument", "source"]


def money_moved(base: pd.DataFrame, other: pd.DataFrame) -> float:
    """Euros that stand in another year, country, instrument or source than in `base`: the
    larger of what the cells gain and what they lose (a plain cut or top-up counts once)."""
    change = cell_changes(base, other)
    return float(max(change.clip(lower=0).sum(), -change.clip(upper=0).sum()))


def cell_changes(base: pd.DataFrame, other: pd.DataFrame) -> pd.Series:
    """other − base per allocation cell (year, country, instrument, source), zeros dropped."""
    before = base.groupby(CELL, sort=False)["amount_eur"].sum()
    after = other.groupby(CELL, sort=False)["amount_eur"].sum()
    change = after.sub(before, fill_value=0.0)
    return change[change != 0]


def totals_by(allocation: pd.DataFrame, keys: list[str]) -> pd.Series:
    return allocation.groupby(keys, sort=False)["amount_eur"].sum()
