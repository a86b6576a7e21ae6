"""What a run prints on the terminal: compact, readable, and machine-readable (--json)."""

from __future__ import annotations

import json

from optimiser import tables
from optimiser.api import RunReport
from optimiser.results import AllocationResult

TOP_COUNTRIES = 5
TOP_SHADOW_PRICES = 5


def millions(amount: float) -> str:
    return f"{amount / 1e6:,.1f}M"


def run_summary(report: RunReport) -> str:
    """A short summary: status, impact, totals per year, top countries, envelope prices."""
    result = report.result
    lines = [_headline(result), ""]
    lines += _year_lines(result)
    lines += ["", *_top_countries(result)]
    prices = _envelope_prices(result)
    if prices:
        lines += ["", "Binding envelopes (impact per extra EUR 1M):", *prices]
    for warning in (*report.warnings, *result.notes):
        lines.append(f"Warning: {warning}")
    if report.backup_path is not None:
        lines.append(f"Backup of the input: {report.backup_path}")
    lines += ["", f"Result written to {report.output_path}"]
    return "\n".join(lines)


def _headline(result: AllocationResult) -> str:
    gap = f", gap {result.gap:.3%}" if result.gap else ""
    return (f"Status: {result.status}{gap}   Impact: {result.impact:,.0f}   "
            f"Allocated: EUR {millions(result.total_eur)}")


def _year_lines(result: AllocationResult) -> list[str]:
    split = tables.oda_split(result.data, result.allocation)
    lines = [f"{'year':<6}{'ODA':>10}{'non-ODA':>10}{'total':>10}{'envelope':>10}"]
    for row in split.itertuples(index=False):
        lines.append(
            f"{row.year:<6}{millions(row.oda_eur):>10}{millions(row.non_oda_eur):>10}"
            f"{millions(row.total_eur):>10}{millions(row.envelope_eur):>10}"
        )
    return lines


def _top_countries(result: AllocationResult) -> list[str]:
    if result.allocation.empty:
        return ["No money allocated."]
    totals = result.allocation.groupby("country", sort=False)["amount_eur"].sum()
    top = totals.sort_values(ascending=False, kind="stable").head(TOP_COUNTRIES)
    lines = [f"Top countries (of {len(totals)} funded), all years:"]
    lines += [f"  {country:<32}EUR {millions(amount):>8}" for country, amount in top.items()]
    return lines


def _envelope_prices(result: AllocationResult) -> list[str]:
    binding = result.binding
    rows = binding[binding["rule"] == "envelope"].head(TOP_SHADOW_PRICES)
    return [f"  {row.constraint.split(':')[0]:<32}{row.shadow_price:>12,.0f}"
            for row in rows.itertuples(index=False)]


def run_json(report: RunReport) -> str:
    """The summary for scripts."""
    result = report.result
    split = tables.oda_split(result.data, result.allocation)
    payload = {
        "status": result.status,
        "impact": result.impact,
        "total_eur": result.total_eur,
        "gap": result.gap,
        "output": str(report.output_path),
        "years": split.to_dict(orient="records"),
        "warnings": [*report.warnings, *result.notes],
        "timings_s": {k: round(v, 4) for k, v in report.timings.items()},
        "size": result.size,
    }
    return json.dumps(payload, indent=2, default=float)
