"""What a run prints on the terminal: compact, readable, and machine-readable (--json)."""

from __future__ import annotations

import json
import math

import pandas as pd

from optimiser.results import tables
from optimiser.results.extract import AllocationResult
from optimiser.results.index import impact_index
from optimiser.results.portfolio_checks import portfolio_checks
from optimiser.results.run_report import RunReport
from optimiser.results.why_not import MONEY, why_not_table
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, sheet_title, term

TOP_COUNTRIES = 5
TOP_RULES = 5
RULE_WIDTH = 70
BINDING_SHEET = "Binding limits"
WHY_NOT_LINES = 5  # the terminal shows the first reasons; the sheet Why not has them all
NAME_WIDTH = 24


def millions(amount: float) -> str:
    return f"{amount / 1e6:,.1f}M"


def run_summary(report: RunReport, verbose: bool = False, lang: str = DEFAULT_LANGUAGE) -> str:
    """Status and impact index, totals per year, top countries, the marginal value of
    money, the rules that bind hardest, where the files went; phase times with `verbose`.
    In `lang` (en, nl): the figures are the same in every language."""
    result = report.result
    lines = [_headline(result, lang), _index_sentence(result, lang), ""]
    lines += _year_lines(result, lang)
    lines += ["", *_top_countries(result, lang)]
    lines += ["", *_price_lines(result, lang)]
    lines += ["", *_binding_lines(result, lang)]
    lines += [say("warning", lang, text=warning) for warning in _warnings(report, lang)]
    lines += _why_not_lines(result, lang)
    if verbose:
        lines += ["", _times(report, lang)]
    if report.backup_path is not None:
        lines.append(say("backup", lang, path=report.backup_path))
    lines.append(say("written", lang, path=report.output_path))
    return "\n".join(lines)


def _warnings(report: RunReport, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    checks = [localise(check, lang) for check in portfolio_checks(report.result)]
    said = [localise(text, lang) for text in (*report.warnings, *report.result.notes)]
    return [*said, *checks]


def _why_not_lines(result: AllocationResult, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """Money left over first, then zero countries, then zero instruments."""
    table = why_not_table(result)
    if table.empty:
        return []
    table = table.sort_values("what", key=lambda s: s != MONEY, kind="stable")
    lines = ["", say("why_not_title", lang, count=len(table),
                     sheet=sheet_title("Why not", lang))]
    for row in table.head(WHY_NOT_LINES).itertuples(index=False):
        name = f"{row.name} {int(row.year)}" if row.what == MONEY else row.name
        lines.append(f"  {term(row.what, lang)} {name}: {localise(row.explanation, lang)}")
    if len(table) > WHY_NOT_LINES:
        lines.append(say("why_not_more", lang, count=len(table) - WHY_NOT_LINES))
    return lines


def _times(report: RunReport, lang: str) -> str:
    phases = ", ".join(f"{phase} {seconds:.1f}" for phase, seconds in report.timings.items())
    return say("times", lang, phases=phases)


def _headline(result: AllocationResult, lang: str) -> str:
    gap = say("gap", lang, gap=f"{result.gap:.3%}") if result.gap else ""
    envelope = sum(e.amount_eur for e in result.data.envelopes)
    index = impact_index(result.data, result.impact)
    return say("headline", lang, status=say(f"status_{result.status}", lang), gap=gap,
               index=f"{index:.1f}" if index is not None else "-",
               total=millions(result.total_eur), envelope=millions(envelope))


def _index_sentence(result: AllocationResult, lang: str) -> str:
    index = impact_index(result.data, result.impact)
    if index is None:
        return say("index_undefined", lang)
    return say("index_sentence", lang, index=f"{index:.1f}", impact=f"{result.impact:,.0f}")


def _binding_lines(result: AllocationResult, lang: str) -> list[str]:
    """The rules that bind hardest: what easing each by EUR 1M would add, in index points."""
    count = len(result.binding)
    lines = [say("binding_count", lang, count=count, sheet=sheet_title(BINDING_SHEET, lang))]
    points = impact_index(result.data, 1.0)
    if not count or not result.has_duals or points is None:
        return lines
    top = result.binding.head(TOP_RULES)  # sorted by the size of the price, largest first
    lines[0] = say("binding_top", lang, count=count, top=len(top),
                   sheet=sheet_title(BINDING_SHEET, lang))
    for row in top.itertuples(index=False):
        per = "" if row.per == "extra EUR 1M" else say("per_country", lang)
        rule = _clip_rule(localise(row.constraint, lang))
        lines.append(f"  {row.shadow_price * points:>9,.3f}{per}  {rule}")
    return lines


def _clip_rule(text: str) -> str:
    return text if len(text) <= RULE_WIDTH else text[: RULE_WIDTH - 1] + "…"


def _year_lines(result: AllocationResult, lang: str) -> list[str]:
    split = tables.oda_split(result.data, result.allocation)
    year, *columns = say("year_columns", lang).split("|")
    lines = [f"{year:<6}" + "".join(f"{column:>10}" for column in columns)]
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


def _top_countries(result: AllocationResult, lang: str) -> list[str]:
    top = top_countries(result)
    if top.empty:
        return [say("no_money", lang)]
    funded = result.allocation["country"].nunique()
    lines = [say("top_countries", lang, funded=funded)]
    lines += [f"  {_clip(country):<{NAME_WIDTH}}EUR {millions(amount):>8}"
              for country, amount in top.items()]
    return lines


def _price_lines(result: AllocationResult, lang: str) -> list[str]:
    """The envelope shadow prices as a source × year table."""
    points = impact_index(result.data, 1.0)
    if not result.has_duals or points is None:
        return [say("price_none", lang)]
    table = tables.envelope_price_matrix(result.data, result.envelope_prices)
    years = [c for c in table.columns if c != "source"]
    table[years] = table[years] * points
    title = say("price_title", lang)
    if result.dual_basis != "LP":
        title += say("price_held", lang)
    lines = [f"{title}:", f"  {say('source', lang):<{NAME_WIDTH}}"
             + "".join(f"{y:>12}" for y in years)]
    for row in table.itertuples(index=False):
        cells = "".join(f"{_price(value):>12}" for value in row[1:])
        lines.append(f"  {_clip(row[0]):<{NAME_WIDTH}}{cells}")
    return lines


def _price(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.3f}"


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
