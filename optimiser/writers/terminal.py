"""What a run prints on the terminal: compact, readable, and machine-readable (--json)."""

from __future__ import annotations

import json
import math

import pandas as pd

from optimiser.results import tables
from optimiser.results.extract import AllocationResult
from optimiser.results.portfolio_checks import portfolio_checks
from optimiser.results.run_report import RunReport
from optimiser.results.why_not import MONEY, why_not_table

TOP_COUNTRIES = 5
WHY_NOT_LINES = 5  # the terminal shows the first reasons; the sheet Why not has them all
NAME_WIDTH = 24


def millions(amount: float) -> str:
    return f"{amount / 1e6:,.1f}M"


def run_summary(report: RunReport) -> str:
    """Status, totals per year, top countries, envelope shadow prices, where the files went."""
    result = report.result
    lines = [_headline(result), ""]
    lines += _year_lines(result)
    lines += ["", *_top_countries(result)]
    lines += ["", *_price_lines(result)]
    lines += ["", f"{len(result.binding)} rules bind; each with its shadow price on the "
                  "sheet Binding limits."]
    lines += [f"Warning: {warning}" for warning in _warnings(report)]
    lines += _why_not_lines(result)
    lines += ["", _times(report)]
    if report.backup_path is not None:
        lines.append(f"Backup of the input: {report.backup_path}")
    lines.append(f"Result written to {report.output_path}")
    return "\n".join(lines)


def _warnings(report: RunReport) -> list[str]:
    return [*report.warnings, *report.result.notes, *portfolio_checks(report.result)]


def _why_not_lines(result: AllocationResult) -> list[str]:
    """Money left over first, then zero countries, then zero instruments."""
    table = why_not_table(result)
    if table.empty:
        return []
    table = table.sort_values("what", key=lambda s: s != MONEY, kind="stable")
    lines = ["", f"Why not ({len(table)} on the sheet Why not):"]
    for row in table.head(WHY_NOT_LINES).itertuples(index=False):
        name = f"{row.name} {int(row.year)}" if row.what == MONEY else row.name
        lines.append(f"  {row.what} {name}: {row.explanation}")
    if len(table) > WHY_NOT_LINES:
        lines.append(f"  … and {len(table) - WHY_NOT_LINES} more.")
    return lines


def _times(report: RunReport) -> str:
    phases = ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in report.timings.items())
    return f"Seconds per phase: {phases}."


def _headline(result: AllocationResult) -> str:
    gap = f", gap {result.gap:.3%}" if result.gap else ""
    envelope = sum(e.amount_eur for e in result.data.envelopes)
    return (f"Status: {result.status}{gap}   Impact: {result.impact:,.0f}   "
            f"Allocated: EUR {millions(result.total_eur)} of {millions(envelope)}")


def _year_lines(result: AllocationResult) -> list[str]:
    split = tables.oda_split(result.data, result.allocation)
    lines = [f"{'year':<6}{'ODA':>10}{'non-ODA':>10}{'total':>10}{'envelope':>10}{'left':>10}"]
    for row in split.itertuples(index=False):
        lines.append(
            f"{row.year:<6}{millions(row.oda_eur):>10}{millions(row.non_oda_eur):>10}"
            f"{millions(row.total_eur):>10}{millions(row.envelope_eur):>10}"
            f"{millions(row.unallocated_eur):>10}"
        )
    return lines


def top_countries(result: AllocationResult) -> pd.Series:
    """The countries with the most money over all years, largest first (ties: sheet order)."""
    if result.allocation.empty:
        return pd.Series(dtype=float)
    totals = result.allocation.groupby("country", sort=False)["amount_eur"].sum()
    return totals.sort_values(ascending=False, kind="stable").head(TOP_COUNTRIES)


def _top_countries(result: AllocationResult) -> list[str]:
    top = top_countries(result)
    if top.empty:
        return ["No money allocated."]
    funded = result.allocation["country"].nunique()
    lines = [f"Top countries (of {funded} funded), all years:"]
    lines += [f"  {_clip(country):<{NAME_WIDTH}}EUR {millions(amount):>8}"
              for country, amount in top.items()]
    return lines


def _price_lines(result: AllocationResult) -> list[str]:
    """The envelope shadow prices as a source × year table."""
    if not result.has_duals:
        return ["Envelope shadow prices: not available (the solver gave no duals)."]
    table = tables.envelope_price_matrix(result.data, result.envelope_prices)
    years = [c for c in table.columns if c != "source"]
    title = "Marginal value of money: impact per extra EUR 1M of envelope"
    if result.dual_basis != "LP":
        title += " (funding decisions fixed)"
    lines = [f"{title}:", f"  {'source':<{NAME_WIDTH}}" + "".join(f"{y:>12}" for y in years)]
    for row in table.itertuples(index=False):
        cells = "".join(f"{_price(value):>12}" for value in row[1:])
        lines.append(f"  {_clip(row[0]):<{NAME_WIDTH}}{cells}")
    return lines


def _price(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.0f}"


def _clip(name: str) -> str:
    return name if len(name) < NAME_WIDTH else name[: NAME_WIDTH - 2] + "…"


def run_json(report: RunReport) -> str:
    """The summary for scripts: one JSON object (numbers in euros; null where unknown)."""
    result = report.result
    split = tables.oda_split(result.data, result.allocation)
    payload = {
        "status": result.status,
        "impact": result.impact,
        "total_eur": result.total_eur,
        "gap": result.gap,
        "best_possible_impact": result.bound,
        "output": str(report.output_path),
        "backup": str(report.backup_path) if report.backup_path is not None else None,
        "years": split.to_dict(orient="records"),
        "top_countries": [{"country": c, "amount_eur": a}
                          for c, a in top_countries(result).items()],
        "envelope_shadow_prices": [
            {"year": row.year, "source": row.source, "impact_per_extra_eur_1m": row.shadow_price}
            for row in result.envelope_prices.itertuples(index=False)
        ],
        "shadow_prices_from": result.dual_basis if result.has_duals else None,
        "binding_rules": len(result.binding),
        "warnings": _warnings(report),
        "why_not": why_not_table(result).to_dict(orient="records"),
        "timings_s": {k: round(v, 4) for k, v in report.timings.items()},
        "size": result.size,
    }
    return json.dumps(_plain(payload), indent=2, allow_nan=False)


def _plain(value):
    """numpy scalars to Python, NaN to None: strict JSON."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
