"""Portfolio checks: warnings about an allocation a minister would question (issue 9 item 3).

Each warning gives its numbers and the rule or setting that would change it:
concentration (an instrument or theme above Settings max_share_warning), the
Herfindahl index of instruments, stop–go lines and countries when no_restart
is off, a line that ends the year its commitment ends, money left unallocated,
and a high-risk country funded at exactly the do-no-harm minimum. Pure
functions of the result tables; the writers print them with the other warnings.
"""

from __future__ import annotations

import pandas as pd

from models.data import AllocationData
from models.derived import high_risk_countries, protection_instruments
from models.labels import eur
from optimiser.results.extract import AllocationResult
from optimiser.results.texts import Said as Check

ACTIVE_EUR = 1.0  # SPEC §5.1: a line or country is active at EUR 1 or more
MAX_LINES = 5  # stop–go lines named one by one; the rest are counted

def portfolio_checks(result: AllocationResult) -> list[Check]:
    """Every warning, in a fixed order (the same result gives the same list)."""
    data, cells = result.data, result.allocation
    if cells.empty:
        return []
    return [*concentration(data, cells), *stop_go(data, cells), *ends_with_commitment(data, cells),
            *unallocated_money(data, cells), *protection_minimum(data, cells)]


def shares(cells: pd.DataFrame, column: str) -> pd.Series:
    """Each member's share of the money over all years, largest first (ties: first seen)."""
    totals = cells.groupby(column, sort=False)["amount_eur"].sum()
    total = totals.sum()
    return (totals / total if total else totals).sort_values(ascending=False, kind="stable")


def herfindahl(cells: pd.DataFrame) -> float:
    """Σ share² over instruments: 1 = all money in one instrument, 1/n = spread evenly."""
    if cells.empty:
        return 0.0
    return float((shares(cells, "instrument") ** 2).sum())


def concentration(data: AllocationData, cells: pd.DataFrame) -> list[str]:
    """Instruments and themes above the warning share. Skipped where the workbook has too
    few members to stay below it (two instruments cannot both stay under 40%)."""
    threshold = data.settings.max_share_warning
    where = _setting_where(data, "max_share_warning")
    total = float(cells["amount_eur"].sum())
    themes = [i.theme for i in data.instruments]
    single = {theme for theme in themes if themes.count(theme) == 1}
    warnings = []
    for column, members in (("instrument", len(data.instruments)), ("theme", len(set(themes)))):
        if members * threshold <= 1:
            continue
        for name, share in shares(cells, column).items():
            if share <= threshold or (column == "theme" and name in single):
                continue
            warnings.append(Check(
                "check_concentration", column=column, name=name, share=f"{share:.0%}",
                amount=eur(share * total), total=eur(total), threshold=f"{threshold:.0%}",
                where=where, herfindahl=f"{herfindahl(cells):.2f}"))
    return warnings


def _setting_where(data: AllocationData, key: str) -> str:
    origin = data.settings.origin(key)
    return str(origin) if origin.row is not None else "Settings, default"


def _by_year(data: AllocationData, cells: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = cells.groupby([*keys, "year"])["amount_eur"].sum().unstack("year", fill_value=0.0)
    return table.reindex(columns=list(data.years), fill_value=0.0)


def _restarts(active: list[bool]) -> bool:
    """Active, then inactive, then active again."""
    first = active.index(True) if True in active else None
    if first is None:
        return False
    last = len(active) - 1 - active[::-1].index(True)
    return not all(active[first:last + 1])


def _amounts(values) -> str:
    return ", ".join("0" if v < ACTIVE_EUR else f"{v / 1e6:.1f}M" for v in values)


def stop_go(data: AllocationData, cells: pd.DataFrame) -> list[str]:
    """Countries (the Baseline year in front) and lines that stop and come back."""
    if data.settings.no_restart:
        return []
    years = f"{data.years[0]}–{data.years[-1]}"
    baseline = {b.country: b.amount_eur for b in data.baseline}
    warnings = []
    for country, row in _by_year(data, cells, ["country"]).iterrows():
        values = [baseline.get(country, 0.0), *row.tolist()]
        if _restarts([v >= ACTIVE_EUR for v in values]):
            warnings.append(Check("check_stop_go_country", country=country,
                                  amounts=_amounts(row.tolist()), years=years,
                                  baseline=_amounts(values[:1])))
    lines = [(key, row.tolist()) for key, row in _by_year(data, cells, ["country", "instrument"])
             .iterrows() if _restarts([v >= ACTIVE_EUR for v in row.tolist()])]
    for (country, instrument), values in lines[:MAX_LINES]:
        warnings.append(Check("check_stop_go_line", country=country, instrument=instrument,
                              amounts=_amounts(values), years=years))
    if len(lines) > MAX_LINES:
        warnings.append(Check("check_stop_go_more", count=len(lines) - MAX_LINES))
    return warnings


def ends_with_commitment(data: AllocationData, cells: pd.DataFrame) -> list[str]:
    """A committed line active in its last committed year and stopped the year after."""
    table = _by_year(data, cells, ["country", "instrument"])
    instruments = {i.name: i for i in data.instruments}
    ends: dict[tuple[str, str], list] = {}
    for row in data.commitments:
        ends.setdefault((row.country, row.instrument), []).append(row)
    warnings = []
    for (country, instrument), rows in ends.items():
        last = max(r.year for r in rows)
        later = [y for y in data.years if y > last]  # planning years may have gaps
        if last not in data.years or not later or (country, instrument) not in table.index:
            continue
        amounts = table.loc[(country, instrument)]
        if amounts[last] >= ACTIVE_EUR and amounts[later[0]] < ACTIVE_EUR:
            record = instruments[instrument]
            where = ", ".join(str(r.origin.row) for r in rows)
            warnings.append(Check(
                "check_ends", country=country, instrument=instrument, last=last, rows=where,
                next=later[0], min_years=record.min_years, where=record.origin))
    return warnings


def unallocated_money(data: AllocationData, cells: pd.DataFrame) -> list[str]:
    spent = cells.groupby(["year", "source"])["amount_eur"].sum().to_dict()
    warnings = []
    for env in data.envelopes:
        left = env.amount_eur - spent.get((env.year, env.source), 0.0)
        if left >= 0.5:
            warnings.append(Check(
                "check_unallocated", left=eur(left), source=env.source, year=env.year,
                where=env.origin, amount=f"{env.amount_eur:,.0f}",
                min_share=f"{env.min_spend_share:.0%}"))
    return warnings


def protection_minimum(data: AllocationData, cells: pd.DataFrame) -> list[str]:
    """High-risk countries whose protection money is exactly the do-no-harm minimum."""
    share = data.settings.high_risk_protection_share
    risky = high_risk_countries(data)
    if share <= 0 or not risky:
        return []
    protection = set(protection_instruments(data))
    where = _setting_where(data, "high_risk_protection_share")
    # Per country and year at once (size L: 1,900 pandas selections otherwise). Amounts
    # are whole euros, so the sums are exact in any order.
    mine = cells[cells["country"].isin(risky)]
    sums = mine.assign(held=mine["amount_eur"].where(mine["instrument"].isin(protection), 0.0)
                       ).groupby(["country", "year"], sort=True).agg(
        total=("amount_eur", "sum"), held=("held", "sum"), n=("amount_eur", "size"))
    exact = (sums["total"] >= ACTIVE_EUR) & ((sums["held"] - share * sums["total"]).abs()
                                              <= sums["n"])
    minimum_years: dict[str, list[str]] = {}
    for country, year in sums.index[exact.to_numpy()]:
        minimum_years.setdefault(country, []).append(str(year))
    warnings = []
    for country in risky:
        years = minimum_years.get(country, [])
        if years:
            warnings.append(Check(
                "check_protection", country=country, share=f"{share:.0%}",
                years=", ".join(years), where=where))
    return warnings
