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

from models.registry import rule_of
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
from optimiser.writers.report_sheets import PER_UNITS, POINTS_FORMAT
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, sheet_title, term

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
    lang = info.lang
    book = Workbook()
    book.remove(book.active)
    key_value_sheet(book, sheet_title(ABOUT, lang), about_pairs(result, info), lang=lang)
    if result.curve is not None:
        _curve_sheets(book, result, lang)
    if result.tornado is not None:
        _tornado_sheet(book, result, lang)
    if result.shadow_prices is not None:
        _shadow_price_sheets(book, result, lang)
    if result.ranging is not None:
        _ranging_sheet(book, result, lang)
    if result.mc_impact is not None:
        _monte_carlo_sheets(book, result, lang)
    print_ready(book, info.input_name, info.started[:10], lang)
    atomic_save(book, path)


def _method_note(result: SensitivityResult, lang: str = DEFAULT_LANGUAGE) -> str:
    return say("method_note", lang, method=term(result.method, lang))


# -- 1. envelope curve ---------------------------------------------------------

def _curve_sheets(book: Workbook, result: SensitivityResult, lang: str) -> None:
    source = result.options.source
    which = (say("sens_curve_which_source", lang, source=source) if source
             else say("sens_curve_which_all", lang))
    placed = table_sheet(book, sheet_title(CURVE, lang), result.curve, notes=(
        say("sens_curve_1", lang, which=which), say("sens_curve_2", lang),
        _method_note(result, lang),
    ), formats=IMPACTS, wrap=("message",), lang=lang)
    add_chart(placed, scatter_chart(placed, "envelope_eur", "impact",
                                    title=say("sens_chart_curve", lang),
                                    x_title=say("sens_axis_envelope", lang),
                                    y_title="impact"))
    add_chart(placed, bar_chart(placed, ["marginal_impact_per_eur_1m"], "scale",
                                title=say("sens_chart_marginal", lang),
                                x_title=say("sens_axis_scale", lang),
                                y_title=say("sens_axis_per_1m", lang)),
              CHART_ROWS)
    for title, table, dimension in ((CURVE_COUNTRIES, result.curve_countries, "country"),
                                    (CURVE_INSTRUMENTS, result.curve_instruments,
                                     "instrument")):
        _curve_allocation_sheet(book, title, table, dimension, lang)


def _curve_allocation_sheet(book: Workbook, title: str, table: pd.DataFrame,
                            dimension: str, lang: str) -> None:
    steps = [str(name) for name in table.columns if name != dimension]
    placed = table_sheet(book, sheet_title(title, lang), table, notes=(
        say(f"sens_curve_{dimension}", lang),
    ), formats=dict.fromkeys(steps, EUR_FORMAT), lang=lang)
    if steps and len(table):
        add_chart(placed, series_chart(placed, steps, dimension,
                                       title=say(f"sens_chart_rises_{dimension}", lang),
                                       x_title=say("sens_axis_scale", lang), y_title="EUR"))


# -- 2. tornado -----------------------------------------------------------------

def _tornado_sheet(book: Workbook, result: SensitivityResult, lang: str) -> None:
    table = result.tornado.copy()
    table["parameter"] = [term(kind, lang) for kind in table["parameter"]]
    table.insert(0, "moved", table["parameter"] + " " + table["name"])
    swing = f"{result.options.swing:.0%}"
    placed = table_sheet(book, sheet_title(TORNADO, lang), table, notes=(
        say("sens_tornado_1", lang, swing=swing), say("sens_tornado_2", lang),
        _method_note(result, lang),
    ), wrap=("message",), lang=lang,
        formats={**dict.fromkeys(("largest_money_moved_eur", "low_money_moved_eur",
                                  "high_money_moved_eur"), EUR_FORMAT),
                **dict.fromkeys(("largest_impact_change", "low_impact_change",
                                 "high_impact_change"), IMPACT_FORMAT),
                **dict.fromkeys(("low_money_moved_share", "high_money_moved_share"),
                                PERCENT_FORMAT)})
    if len(table):
        add_chart(placed, bar_chart(
            placed, ["low_money_moved_eur", "high_money_moved_eur"], "moved",
            title=say("sens_chart_tornado", lang, rows=TORNADO_CHART_ROWS),
            y_title=say("sens_axis_moved", lang), y_format=EUR_FORMAT, horizontal=True,
            rows=TORNADO_CHART_ROWS))


# -- 3. shadow prices and ranging ---------------------------------------------------

def _shadow_price_sheets(book: Workbook, result: SensitivityResult, lang: str) -> None:
    # Marginal values in index points: impact per EUR 1M read like a return in euros.
    points = np.nan if result.points_per_impact is None else result.points_per_impact
    table = result.shadow_prices.copy()
    years = [name for name in table.columns if name != "source"]
    table[years] = table[years] * points
    held = say("sens_prices_held" if result.is_mip else "full_stop", lang)
    placed = table_sheet(book, sheet_title(SHADOW_PRICES, lang), table, notes=(
        say("sens_prices_1", lang, held=held), say("sens_prices_2", lang),
    ), formats=dict.fromkeys(years, POINTS_FORMAT), lang=lang)
    if years and len(table):
        chart = series_chart(placed, years, "source", title=say("sens_chart_prices", lang),
                             x_title=say("sens_axis_year", lang),
                             y_title=say("sens_axis_points", lang), stacked=False)
        chart.y_axis.numFmt = POINTS_FORMAT
        add_chart(placed, chart)
    binding = binding_table(result, lang)
    held = say("sens_binding_held" if result.is_mip else "full_stop", lang)
    placed = table_sheet(book, sheet_title(BINDING, lang), binding, notes=(
        say("sens_binding", lang, held=held),
    ), formats={"index points": POINTS_FORMAT, "shadow_price": IMPACT_FORMAT}, lang=lang)
    if len(binding) and (binding["shadow_price"].abs() > 0).any():
        add_chart(placed, bar_chart(placed, ["index points"], "label",
                                    title=say("sens_chart_binding", lang),
                                    y_title=say("sens_axis_points", lang), horizontal=True,
                                    rows=TORNADO_CHART_ROWS))


def binding_table(result: SensitivityResult, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    """The base's binding rules in the workbook's language, with their marginal value in
    index points beside the one in impact units."""
    binding = result.binding.copy()
    binding["rule"] = [term(rule_of(rule).title, lang) for rule in binding["rule"]]
    binding["where"] = [localise(where, lang) for where in binding["where"]]
    binding["constraint"] = [localise(text, lang) for text in binding["constraint"]]
    binding["per"] = [say(PER_UNITS[per], lang) if per in PER_UNITS else per
                      for per in binding["per"]]
    # A short name for the chart: "Envelope: BHO ODA 2027" (the rule and what it bounds).
    binding.insert(0, "label", binding["rule"] + ": "
                   + binding["constraint"].str.split(":", n=1).str[0].str.slice(0, 50))
    points = np.nan if result.points_per_impact is None else result.points_per_impact
    binding.insert(binding.columns.get_loc("shadow_price"), "index points",
                   binding["shadow_price"] * points)
    return binding


def _ranging_sheet(book: Workbook, result: SensitivityResult, lang: str) -> None:
    held = say("sens_ranging_held", lang) if result.is_mip else ""
    placed = table_sheet(book, sheet_title(RANGING, lang), result.ranging, notes=(
        say("sens_ranging_1", lang, held=held), say("sens_ranging_2", lang),
        say("sens_ranging_3", lang),
    ), formats={"may_fall_by": PERCENT_FORMAT, "may_rise_by": PERCENT_FORMAT}, lang=lang)
    rows = int((result.ranging["kind"] == "country").sum())
    if rows:
        add_chart(placed, bar_chart(placed, ["may_fall_by", "may_rise_by"], "name",
                                    title=say("sens_chart_ranging", lang),
                                    y_title=say("sens_axis_share_value", lang),
                                    y_format=PERCENT_FORMAT,
                                    horizontal=True, rows=rows))


# -- 4. Monte Carlo ------------------------------------------------------------------

def _monte_carlo_sheets(book: Workbook, result: SensitivityResult, lang: str) -> None:
    options = result.options
    histogram = impact_histogram(result.mc_draws)
    placed = table_sheet(book, sheet_title(MONTE_CARLO, lang), result.mc_impact, notes=(
        say("sens_mc_1", lang, draws=options.draws, uncertainty=f"{options.uncertainty:.0%}",
            seed=options.seed),
        _method_note(result, lang),
        _changed_note(result, lang),
    ), formats={name: IMPACT_FORMAT for name in result.mc_impact.columns
                if "impact" in str(name)}, lang=lang)
    below = place_table(placed.sheet, histogram, top=placed.last_row + 3,
                        notes=(say("sens_mc_histogram", lang),),
                        formats={"from_impact": IMPACT_FORMAT, "to_impact": IMPACT_FORMAT},
                        lang=lang)
    if len(histogram):
        add_chart(below, bar_chart(below, ["draws"], "bin", title=say("sens_chart_draws", lang),
                                   x_title="impact", y_title=say("sens_axis_draws", lang),
                                   y_format="0"))
    funded_note = say("sens_mc_funded", lang)
    if result.is_mip and options.mip_mode == "fixed":
        funded_note += say("sens_mc_fixed", lang)
    formats = {"probability_funded": WHOLE_PERCENT_FORMAT}
    placed = table_sheet(book, sheet_title(MC_COUNTRIES, lang), result.mc_countries,
                         notes=(funded_note,), formats=formats, lang=lang)
    probability = say("sens_axis_probability", lang)
    if len(result.mc_countries):
        add_chart(placed, bar_chart(placed, ["p10_eur", "p50_eur", "p90_eur"], "country",
                                    title=say("sens_chart_mc_country", lang),
                                    y_title="EUR", y_format=EUR_FORMAT))
        add_chart(placed, bar_chart(placed, ["probability_funded"], "country",
                                    title=say("sens_chart_mc_funded", lang),
                                    y_title=probability, y_format=WHOLE_PERCENT_FORMAT),
                  CHART_ROWS)
    pairs = result.mc_pairs.copy()
    if len(pairs):
        pairs.insert(0, "pair", pairs["country"] + " x " + pairs["instrument"])
    placed = table_sheet(book, sheet_title(MC_PAIRS, lang), pairs, notes=(
        funded_note, say("sens_mc_pairs", lang)), formats=formats, lang=lang)
    if len(pairs):
        add_chart(placed, bar_chart(placed, ["probability_funded"], "pair",
                                    title=say("sens_chart_mc_pair", lang), horizontal=True,
                                    y_title=probability, y_format=WHOLE_PERCENT_FORMAT))
    table_sheet(book, sheet_title(MC_DRAWS, lang), result.mc_draws,
                notes=(say("sens_mc_draws", lang),),
                formats={"impact": IMPACT_FORMAT}, wrap=("message",), lang=lang)


def _changed_note(result: SensitivityResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """How many draws changed who is funded: the question this sheet answers."""
    row = result.mc_impact.iloc[0]
    solved, countries, programmes = (int(row[k]) for k in (
        "solved", "draws_other_countries", "draws_other_programmes"))
    return say("sens_mc_changed", lang, countries=countries, solved=solved,
               programmes=programmes)


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
