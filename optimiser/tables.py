"""Summary tables of an allocation, in euros: by country, instrument, theme, source.

Plain pandas on the Allocation table and the input; the Excel and terminal
writers only lay these out.
"""

from __future__ import annotations

import pandas as pd

from models.data import AllocationData

TOTAL = "Total"


def by_year(allocation: pd.DataFrame, dimension: str, order: list, years: tuple[int, ...]):
    """Rows = members of `dimension` in sheet order, columns = years + Total."""
    table = (
        allocation.pivot_table(index=dimension, columns="year", values="amount_eur",
                               aggfunc="sum", fill_value=0.0)
        if not allocation.empty else pd.DataFrame()
    )
    table = table.reindex(index=order, columns=list(years), fill_value=0.0).astype(float)
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name = dimension
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()


def by_country(result_data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    order = [c.name for c in result_data.countries]
    return by_year(allocation, "country", order, result_data.years)


def by_instrument(result_data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    order = [i.name for i in result_data.instruments]
    return by_year(allocation, "instrument", order, result_data.years)


def by_theme(result_data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    order = list(dict.fromkeys(i.theme for i in result_data.instruments))
    return by_year(allocation, "theme", order, result_data.years)


def envelope_use(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per envelope row: envelope, committed, newly allocated, allocated, unallocated.

    `committed` counts commitments that name the source; commitments without a
    source are shown per year in `oda_split`'s notes, not attributed here.
    """
    spent = allocation.groupby(["year", "source"])["amount_eur"].sum().to_dict()
    committed: dict[tuple[int, str], float] = {}
    for row in data.commitments:
        if row.source is not None:
            key = (row.year, row.source)
            committed[key] = committed.get(key, 0.0) + row.amount_eur
    oda = {s.name: s.oda for s in data.sources}
    rows = []
    for env in sorted(data.envelopes, key=lambda e: (e.year, _rank(data, e.source))):
        key = (env.year, env.source)
        used = spent.get(key, 0.0)
        done = committed.get(key, 0.0)
        rows.append({
            "year": env.year, "source": env.source, "oda": oda[env.source],
            "envelope_eur": env.amount_eur, "committed_eur": done,
            "newly_allocated_eur": used - done, "allocated_eur": used,
            "unallocated_eur": env.amount_eur - used,
            "use_share": used / env.amount_eur if env.amount_eur else 0.0,
        })
    return pd.DataFrame(rows)


def _rank(data: AllocationData, source: str) -> int:
    return next(n for n, s in enumerate(data.sources) if s.name == source)


def oda_split(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per year: ODA, non-ODA and total allocated, and the envelope total."""
    envelope = {}
    for env in data.envelopes:
        envelope[env.year] = envelope.get(env.year, 0.0) + env.amount_eur
    rows = []
    for year in data.years:
        in_year = allocation[allocation["year"] == year]
        oda = float(in_year.loc[in_year["oda"].astype(bool), "amount_eur"].sum())
        total = float(in_year["amount_eur"].sum())
        rows.append({"year": year, "oda_eur": oda, "non_oda_eur": total - oda,
                     "total_eur": total, "envelope_eur": envelope.get(year, 0.0)})
    return pd.DataFrame(rows)
