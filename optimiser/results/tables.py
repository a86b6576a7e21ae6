"""Summary tables of an allocation, in euros: by country, instrument, theme, source,
the country × instrument matrix, envelope prices, and the priorities behind them.

Plain pandas on the Allocation table and the input; the Excel and terminal
writers only lay these out.
"""

from __future__ import annotations

import pandas as pd

from models.data import AllocationData
from models.derived import fit_by_pair, pair_facts, priorities

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
    """Per year: ODA, non-ODA and total allocated, the envelope total, what is left, ODA share."""
    envelope = {}
    for env in data.envelopes:
        envelope[env.year] = envelope.get(env.year, 0.0) + env.amount_eur
    rows = []
    for year in data.years:
        in_year = allocation[allocation["year"] == year]
        oda = float(in_year.loc[in_year["oda"].astype(bool), "amount_eur"].sum())
        total = float(in_year["amount_eur"].sum())
        budget = envelope.get(year, 0.0)
        rows.append({"year": year, "oda_eur": oda, "non_oda_eur": total - oda,
                     "total_eur": total, "envelope_eur": budget,
                     "unallocated_eur": budget - total,
                     "oda_share": oda / total if total else 0.0})
    return pd.DataFrame(rows)


def default_matrix_year(data: AllocationData) -> int:
    """The year with the largest envelope total; on a tie, the latest such year."""
    totals: dict[int, float] = dict.fromkeys(data.years, 0.0)
    for env in data.envelopes:
        totals[env.year] += env.amount_eur
    return max(totals, key=lambda year: (totals[year], year))


def matrix(data: AllocationData, allocation: pd.DataFrame, year: int | None = None):
    """Countries × instruments in euros for one year (None: all years), with totals."""
    countries = [c.name for c in data.countries]
    instruments = [i.name for i in data.instruments]
    chosen = allocation if year is None else allocation[allocation["year"] == year]
    table = (
        chosen.pivot_table(index="country", columns="instrument", values="amount_eur",
                           aggfunc="sum", fill_value=0.0)
        if not chosen.empty else pd.DataFrame()
    )
    table = table.reindex(index=countries, columns=instruments, fill_value=0.0).astype(float)
    table[TOTAL] = table.sum(axis=1)
    table.loc[TOTAL] = table.sum(axis=0)
    table.index.name = "country"
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()


def envelope_price_matrix(data: AllocationData, prices: pd.DataFrame) -> pd.DataFrame:
    """Sources × years: impact per extra EUR 1M of each envelope (blank: no envelope)."""
    table = (
        prices.pivot_table(index="source", columns="year", values="shadow_price",
                           aggfunc="first", dropna=False)
        if not prices.empty else pd.DataFrame()
    )
    table = table.reindex(index=[s.name for s in data.sources], columns=list(data.years))
    table.index.name = "source"
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()


def priority_table(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per country: rank, priority = Σ weight × score, each criterion's part, money received.

    Highest priority first (ties in sheet order). A part's column names the
    criterion and its weight, so part / weight is the score.
    """
    priority = priorities(data)
    received = allocation.groupby("country")["amount_eur"].sum().to_dict()
    rows = []
    for c in data.countries:
        row: dict[str, object] = {"country": c.name, "priority": priority[c.name]}
        for k in data.criteria:
            row[part_column(k.name, k.weight)] = k.weight * c.scores.get(k.name, 0.0)
        row["allocated_eur"] = received.get(c.name, 0.0)
        rows.append(row)
    table = pd.DataFrame(rows)
    table = table.sort_values("priority", ascending=False, kind="stable").reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


def part_column(criterion: str, weight: float) -> str:
    return f"{criterion} (weight {weight:g} × score)"


def pair_value_table(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """Per pair (fit > 0): value per euro = priority × effectiveness × fit, and its parts.

    Highest value first (ties in Countries × Instruments order); `cap_eur` is
    the pair's capacity (blank: none), `allocated_eur` its money over all years.
    """
    priority = priorities(data)
    fit = fit_by_pair(data)
    instruments = {i.name: i for i in data.instruments}
    received = allocation.groupby(["country", "instrument"])["amount_eur"].sum().to_dict()
    rows = [
        {
            "country": c, "instrument": i, "theme": instruments[i].theme,
            "priority": priority[c], "effectiveness": instruments[i].effectiveness,
            "fit": fit[(c, i)], "value_per_eur": facts.value_per_eur,
            "cap_eur": facts.cap_eur, "allocated_eur": received.get((c, i), 0.0),
        }
        for (c, i), facts in pair_facts(data).items()
    ]
    table = pd.DataFrame(rows, columns=PAIR_VALUE_COLUMNS)
    table = table.sort_values("value_per_eur", ascending=False, kind="stable")
    table = table.reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table


PAIR_VALUE_COLUMNS = ["country", "instrument", "theme", "priority", "effectiveness", "fit",
                      "value_per_eur", "cap_eur", "allocated_eur"]
