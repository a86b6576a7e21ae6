"""The sensitivity workbook of `allocate sensitivity`: the four questions, a sheet and a
chart each, and an About sheet that says how every number was computed.

Sheets (those of the sections that ran): About; Envelope curve, Curve by
country, Curve by instrument; Tornado; Shadow prices, Binding limits;
Ranging; Monte Carlo, MC countries, MC pairs, MC draws.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

from optimiser.whatif.scenarios_report import WhatIfInfo
from optimiser.whatif.sensitivity import SensitivityResult
from optimiser.whatif.sensitivity_about import about_pairs
from optimiser.whatif.sheets import (
    CHART_ROWS,
    IMPACT_FORMAT,
    PERCENT_FORMAT,
    WHOLE_PERCENT_FORMAT,
    add_chart,
    bar_chart,
    key_value_sheet,
    place_table,
    scatter_chart,
    series_chart,
    table_sheet,
)
from optimiser.writers.excel import EUR_FORMAT, atomic_save
from optimiser.writers.print_setup import print_ready

ABOUT = "Run info"  # the technical sheet: how it was computed, with the glossary
CURVE, CURVE_COUNTRIES, CURVE_INSTRUMENTS = ("Envelope curve", "Curve by country",
                                             "Curve by instrument")
TORNADO, SHADOW_PRICES, BINDING, RANGING = ("Tornado", "Shadow prices", "Binding limits",
                                            "Ranging")
MONTE_CARLO, MC_COUNTRIES, MC_PAIRS, MC_DRAWS = ("Monte Carlo", "MC countries", "MC pairs",
                                                 "MC draws")
TORNADO_CHART_ROWS = 20  # the chart shows the largest swings; the table has them all
HISTOGRAM_BINS = 20

IMPACTS = {"impact": IMPACT_FORMAT, "impact_change": IMPACT_FORMAT,
           "marginal_impact_per_eur_1m": IMPACT_FORMAT, "scale": WHOLE_PERCENT_FORMAT,
           "money_moved_eur": EUR_FORMAT, "index_vs_base": "0.00",
           "index_points_per_eur_1m": "0.0000"}


def write_sensitivity_workbook(result: SensitivityResult, path: Path, info: WhatIfInfo) -> None:
    """Write the sensitivity workbook to `path` atomically (never half a file)."""
    book = Workbook()
    book.remove(book.active)
    key_value_sheet(book, ABOUT, about_pairs(result, info))
    if result.curve is not None:
        _curve_sheets(book, result)
    if result.tornado is not None:
        _tornado_sheet(book, result)
    if result.shadow_prices is not None:
        _shadow_price_sheets(book, result)
    if result.ranging is not None:
        _ranging_sheet(book, result)
    if result.mc_impact is not None:
        _monte_carlo_sheets(book, result)
    print_ready(book, info.input_name, info.started[:10])
    atomic_save(book, path)


def _method_note(result: SensitivityResult) -> str:
    return (f"Each point is solved as its method column says ({result.method} unless "
            "rebuilt); see Run info.")


# -- 1. envelope curve ---------------------------------------------------------

def _curve_sheets(book: Workbook, result: SensitivityResult) -> None:
    which = f"the {result.options.source} envelopes" if result.options.source else \
        "every envelope"
    placed = table_sheet(book, CURVE, result.curve, notes=(
        f"Impact as {which} scale(s) by the factor in `scale` (100% = the base). The "
        "minimum spend keeps its base euro amount (capped at the envelope), so more money "
        "never forces more spending.",
        "money_moved_eur: euros in another year, country, instrument or budget line than in "
        "the base; index_vs_base: the impact with the base = 100; index_points_per_eur_1m: "
        "how many points of the impact index (on the base's scale) one more EUR "
        "1M added since the previous solved step (marginal_impact_per_eur_1m: the same in "
        "impact units). Entering/leaving: countries and instruments that gain or lose all "
        "their money (at least EUR 1 over the horizon) since that step.",
        _method_note(result),
    ), formats=IMPACTS, wrap=("message",))
    add_chart(placed, scatter_chart(placed, "envelope_eur", "impact",
                                    title="Impact against the envelope",
                                    x_title="envelope over the horizon (EUR)",
                                    y_title="impact"))
    add_chart(placed, bar_chart(placed, ["marginal_impact_per_eur_1m"], "scale",
                                title="Marginal value of money (impact per extra EUR 1M)",
                                x_title="scale of the envelope", y_title="impact per EUR 1M"),
              CHART_ROWS)
    for title, table, dimension in ((CURVE_COUNTRIES, result.curve_countries, "country"),
                                    (CURVE_INSTRUMENTS, result.curve_instruments,
                                     "instrument")):
        _curve_allocation_sheet(book, title, table, dimension)


def _curve_allocation_sheet(book: Workbook, title: str, table: pd.DataFrame,
                            dimension: str) -> None:
    steps = [str(name) for name in table.columns if name != dimension]
    placed = table_sheet(book, title, table, notes=(
        f"Money per {dimension} over the horizon (EUR) at each solved scale of the "
        "envelope (columns; infeasible steps have none).",
    ), formats=dict.fromkeys(steps, EUR_FORMAT))
    if steps and len(table):
        add_chart(placed, series_chart(placed, steps, dimension,
                                       title=f"Allocation by {dimension} as money rises",
                                       x_title="scale of the envelope", y_title="EUR"))


# -- 2. tornado -----------------------------------------------------------------

def _tornado_sheet(book: Workbook, result: SensitivityResult) -> None:
    table = result.tornado.copy()
    table.insert(0, "moved", table["parameter"] + " " + table["name"])
    swing = result.options.swing
    placed = table_sheet(book, TORNADO, table, notes=(
        f"Each criterion weight, source envelope and country's scores moved by -{swing:.0%} "
        f"(low) and +{swing:.0%} (high), one at a time; ranked by the money moved (the "
        "change of impact beside it). Envelopes keep their minimum spend in euros.",
        "money_moved_eur: the euros that stand in another year, country, instrument or "
        "budget line than in the base; money_moved_share: the share of the base money (by "
        "year, country and instrument) that moves: 0 = nothing moves, 100% = everything. "
        "A weight rescales the yardstick: the impact changes although little money moves. "
        "A side that did not solve has no number; message says why.",
        _method_note(result),
    ), wrap=("message",),
        formats={**dict.fromkeys(("largest_money_moved_eur", "low_money_moved_eur",
                                  "high_money_moved_eur"), EUR_FORMAT),
                **dict.fromkeys(("largest_impact_change", "low_impact_change",
                                 "high_impact_change"), IMPACT_FORMAT),
                **dict.fromkeys(("low_money_moved_share", "high_money_moved_share"),
                                PERCENT_FORMAT)})
    if len(table):
        add_chart(placed, bar_chart(
            placed, ["low_money_moved_eur", "high_money_moved_eur"], "moved",
            title=f"Tornado: money moved, {TORNADO_CHART_ROWS} largest",
            y_title="EUR moved", y_format=EUR_FORMAT, horizontal=True,
            rows=TORNADO_CHART_ROWS))


# -- 3. shadow prices and ranging ---------------------------------------------------

def _shadow_price_sheets(book: Workbook, result: SensitivityResult) -> None:
    table = result.shadow_prices
    years = [name for name in table.columns if name != "source"]
    placed = table_sheet(book, SHADOW_PRICES, table, notes=(
        "Impact gained per extra EUR 1M in each envelope (source x year), the rest of the "
        "base unchanged"
        + (", the base's funding choices held (see Run info)." if result.is_mip else "."),
        "0: money there is not scarce. Negative: the minimum spend binds (spending less of "
        "that line would raise the impact). Valid for small changes; the envelope curve "
        "shows larger ones. Blank: no pair may use that envelope.",
    ), formats=dict.fromkeys(years, IMPACT_FORMAT))
    if years and len(table):
        chart = series_chart(placed, years, "source", title="Impact per extra EUR 1M",
                             x_title="year", y_title="impact per EUR 1M", stacked=False)
        chart.y_axis.numFmt = IMPACT_FORMAT
        add_chart(placed, chart)
    binding = result.binding.copy()
    # A short name for the chart: "envelope: BHO ODA 2027" (the rule and what it bounds).
    binding.insert(0, "label", binding["rule"] + ": "
                   + binding["constraint"].str.split(":", n=1).str[0].str.slice(0, 50))
    placed = table_sheet(book, BINDING, binding, notes=(
        "Every rule that binds in the base allocation, with its shadow price: the change "
        "of impact if its bound moved by EUR 1M (per extra country for max_countries), "
        "largest first" + (", the base's funding choices held." if result.is_mip else "."),
    ), formats={"shadow_price": IMPACT_FORMAT})
    if len(binding) and (binding["shadow_price"].abs() > 0).any():
        add_chart(placed, bar_chart(placed, ["shadow_price"], "label",
                                    title="Shadow prices of the binding rules",
                                    y_title="impact per EUR 1M", horizontal=True,
                                    rows=TORNADO_CHART_ROWS))


def _ranging_sheet(book: Workbook, result: SensitivityResult) -> None:
    held = ", the base's funding choices held" if result.is_mip else ""
    placed = table_sheet(book, RANGING, result.ranging, notes=(
        "How far each country's (or instrument's) value per euro may move, all its pairs "
        f"by the same percentage, before the allocation changes{held} (computed exactly; "
        "see Run info).",
        "'may rise by 12%': its value per euro (its scores' priority, or the instrument's "
        "effectiveness) can be up to 12% higher and the same allocation stays optimal; "
        "beyond that, money moves. Blank: no limit. 100% fall: it may fall to nothing.",
        "0%: the shape of the allocation changes at once, usually a tie with another use of the "
        "money; the allocation may still stay. The ranges hold one country or instrument "
        "at a time.",
    ), formats={"may_fall_by": PERCENT_FORMAT, "may_rise_by": PERCENT_FORMAT})
    rows = int((result.ranging["kind"] == "country").sum())
    if rows:
        add_chart(placed, bar_chart(placed, ["may_fall_by", "may_rise_by"], "name",
                                    title="How far a country's value may move",
                                    y_title="share of its value", y_format=PERCENT_FORMAT,
                                    horizontal=True, rows=rows))


# -- 4. Monte Carlo ------------------------------------------------------------------

def _monte_carlo_sheets(book: Workbook, result: SensitivityResult) -> None:
    options = result.options
    histogram = impact_histogram(result.mc_draws)
    placed = table_sheet(book, MONTE_CARLO, result.mc_impact, notes=(
        f"{options.draws} draws of every country's scores, each uniform within "
        f"±uncertainty of its value (the Countries uncertainty column, else "
        f"±{options.uncertainty:.0%}), seed {options.seed}: the same seed gives the same "
        "draws and results on any number of workers.",
        _method_note(result),
        _changed_note(result),
    ), formats={name: IMPACT_FORMAT for name in result.mc_impact.columns
                if "impact" in str(name)})
    below = place_table(placed.sheet, histogram, top=placed.last_row + 3,
                        notes=("Distribution of the impact over the solved draws:",),
                        formats={"from_impact": IMPACT_FORMAT, "to_impact": IMPACT_FORMAT})
    if len(histogram):
        add_chart(below, bar_chart(below, ["draws"], "bin", title="Impact over the draws",
                                   x_title="impact", y_title="draws", y_format="0"))
    funded_note = ("probability_funded: the share of solved draws in which it gets at least "
                   "EUR 1 over the horizon; p10/p50/p90: percentiles of its amount (EUR).")
    if result.is_mip and options.mip_mode == "fixed":
        funded_note += (" With the base's funding choices held (--mip-mode fixed) programmes "
                        "cannot start or stop, so this probability is 0 or 1: run with "
                        "--mip-mode full for who is in or out.")
    formats = {"probability_funded": WHOLE_PERCENT_FORMAT}
    placed = table_sheet(book, MC_COUNTRIES, result.mc_countries, notes=(funded_note,),
                         formats=formats)
    if len(result.mc_countries):
        add_chart(placed, bar_chart(placed, ["p10_eur", "p50_eur", "p90_eur"], "country",
                                    title="Money per country over the draws (P10, P50, P90)",
                                    y_title="EUR", y_format=EUR_FORMAT))
        add_chart(placed, bar_chart(placed, ["probability_funded"], "country",
                                    title="Probability a country is funded",
                                    y_title="probability", y_format=WHOLE_PERCENT_FORMAT),
                  CHART_ROWS)
    pairs = result.mc_pairs.copy()
    if len(pairs):
        pairs.insert(0, "pair", pairs["country"] + " x " + pairs["instrument"])
    placed = table_sheet(book, MC_PAIRS, pairs, notes=(
        funded_note, "Pairs funded in no solved draw are not listed."), formats=formats)
    if len(pairs):
        add_chart(placed, bar_chart(placed, ["probability_funded"], "pair",
                                    title="Probability a pair is funded", horizontal=True,
                                    y_title="probability", y_format=WHOLE_PERCENT_FORMAT))
    table_sheet(book, MC_DRAWS, result.mc_draws, notes=(
        "Every draw and how it solved; a draw that did not solve says why in message.",),
        formats={"impact": IMPACT_FORMAT}, wrap=("message",))


def _changed_note(result: SensitivityResult) -> str:
    """How many draws changed who is funded: the question this sheet answers."""
    row = result.mc_impact.iloc[0]
    solved, countries, programmes = (int(row[k]) for k in (
        "solved", "draws_other_countries", "draws_other_programmes"))
    return (f"In {countries} of the {solved} solved draws the countries funded differ from "
            f"the plan's; in {programmes} the programmes (country x instrument) funded differ.")


def impact_histogram(draws: pd.DataFrame, bins: int = HISTOGRAM_BINS) -> pd.DataFrame:
    """Draws per impact bin, equal widths between the least and the largest impact."""
    impacts = draws["impact"].dropna().to_numpy(dtype=float)
    if not len(impacts):
        return pd.DataFrame(columns=["bin", "from_impact", "to_impact", "draws"])
    low, high = float(impacts.min()), float(impacts.max())
    if high <= low:
        high = low + max(abs(low) * 1e-9, 1.0)
    counts, edges = np.histogram(impacts, bins=bins, range=(low, high))
    labels = [f"{(edges[k] + edges[k + 1]) / 2:,.0f}" for k in range(bins)]
    return pd.DataFrame({"bin": labels, "from_impact": edges[:-1], "to_impact": edges[1:],
                         "draws": counts})
