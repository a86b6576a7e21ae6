"""The scenario comparison workbook of `allocate scenarios`.

Sheets: Summary (one row per scenario, with a chart of the impacts), By
country and By instrument (totals over the horizon per scenario side by side
with their change against the base, each with a chart), Input diff (every
input cell each scenario changes, old → new), Messages (the explanation of
every infeasible or invalid scenario, one line per row) and About (how it
was computed).

A message can list hundreds of rules: Summary holds its first line only, so
no cell grows long; the whole of it is in rows of Messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from optimiser.whatif.scenario_run import BASE, ScenarioComparison
from optimiser.whatif.sheets import (
    CHART_ROWS,
    IMPACT_FORMAT,
    PERCENT_FORMAT,
    add_chart,
    bar_chart,
    key_value_sheet,
    table_sheet,
)
from optimiser.writers.excel import EUR_FORMAT, atomic_save
from optimiser.writers.print_setup import print_ready
from optimiser.writers.words import (
    DEFAULT_LANGUAGE,
    glossary_rows,
    localise,
    say,
    sheet_title,
    term,
)

SUMMARY, BY_COUNTRY, BY_INSTRUMENT, INPUT_DIFF, MESSAGES, ABOUT = (
    "Summary", "By country", "By instrument", "Input diff", "Messages", "Run info")
BY_YEAR_SOURCE, BY_YEAR_COUNTRY = "By year and source", "By year and country"
SCENARIO_SHEETS = (SUMMARY, BY_YEAR_SOURCE, BY_YEAR_COUNTRY, BY_COUNTRY, BY_INSTRUMENT,
                   INPUT_DIFF, MESSAGES, ABOUT)
# Money first: what moves, and the index against the base; impact units after.
SUMMARY_COLUMNS = ["scenario", "status", "money_moved_eur", "index_vs_base",
                   "index_vs_base_base_scoring", "total_eur", "total_change_eur", "oda_eur",
                   "non_oda_eur", "impact", "impact_change", "impact_change_share", "method",
                   "cells_changed", "message"]
INDEX_FORMAT = "0.00"
SUMMARY_FORMATS = {"impact": IMPACT_FORMAT, "impact_change": IMPACT_FORMAT,
                   "impact_change_share": PERCENT_FORMAT, "money_moved_eur": EUR_FORMAT,
                   "index_vs_base": INDEX_FORMAT, "index_vs_base_base_scoring": INDEX_FORMAT}


@dataclass(frozen=True)
class WhatIfInfo:
    """Facts about the run for the About sheet."""

    input_name: str
    input_sha256: str
    started: str  # ISO time
    versions: dict[str, str]
    warnings: tuple[str, ...] = ()
    lang: str = DEFAULT_LANGUAGE  # of the sheet names, headers and notes


def write_scenarios_workbook(comparison: ScenarioComparison, path: Path, info: WhatIfInfo
                             ) -> None:
    """Write the comparison workbook to `path` atomically (never half a file), in the
    language of `info`."""
    lang = info.lang
    book = Workbook()
    book.remove(book.active)
    _summary_sheet(book, comparison, info)
    for title, table, dimension in (
            (BY_YEAR_SOURCE, comparison.by_year_source, "source"),
            (BY_YEAR_COUNTRY, comparison.by_year_country, "country")):
        _by_year_sheet(book, title, table, dimension, lang)
    for title, dimension in ((BY_COUNTRY, "country"), (BY_INSTRUMENT, "instrument")):
        table = comparison.by_country if dimension == "country" else comparison.by_instrument
        _side_by_side_sheet(book, title, table, dimension, comparison, lang)
    table_sheet(book, sheet_title(INPUT_DIFF, lang), comparison.input_changes, notes=(
        say("scen_input_diff_1", lang), say("scen_input_diff_2", lang),
    ), formats={"old": "General", "new": "General"}, lang=lang)
    table_sheet(book, sheet_title(MESSAGES, lang), message_rows(comparison, lang),
                notes=(say("scen_messages", lang),), formats={"line": "0"}, lang=lang)
    key_value_sheet(book, sheet_title(ABOUT, lang), _about(comparison, info), lang=lang)
    print_ready(book, info.input_name, info.started[:10], lang)
    atomic_save(book, path)


def message_rows(comparison: ScenarioComparison, lang: str = DEFAULT_LANGUAGE
                 ) -> pd.DataFrame:
    rows = [(row.scenario, row.status, n, line.strip())
            for row in comparison.summary.itertuples(index=False) if row.message
            for n, line in enumerate(str(localise(row.message, lang)).splitlines(), start=1)
            if line.strip()]
    return pd.DataFrame(rows, columns=["scenario", "status", "line", "text"])


def _first_line(message: object, lang: str = DEFAULT_LANGUAGE) -> object:
    if not isinstance(message, str) or "\n" not in message.strip():
        return message
    return say("scen_in_full", lang, line=message.strip().splitlines()[0],
               sheet=sheet_title(MESSAGES, lang))


def _summary_sheet(book: Workbook, comparison: ScenarioComparison, info: WhatIfInfo) -> None:
    lang = info.lang
    base = term(BASE, lang)
    table = comparison.summary[SUMMARY_COLUMNS].copy()
    table["message"] = [_first_line(localise(message, lang), lang)
                        for message in table["message"]]
    placed = table_sheet(book, sheet_title(SUMMARY, lang), table, notes=(
        say("scen_summary_1", lang, name=info.input_name, base=base),
        say("scen_summary_2", lang, base=base), say("scen_summary_3", lang),
    ), formats=SUMMARY_FORMATS, wrap=("message",), lang=lang)
    add_chart(placed, bar_chart(placed, ["impact"], "scenario",
                                title=say("scen_chart_impact", lang), y_title="impact"))
    add_chart(placed, bar_chart(placed, ["impact_change"], "scenario",
                                title=say("scen_chart_change", lang),
                                y_title=say("header:impact_change", lang)), CHART_ROWS)


def _by_year_sheet(book: Workbook, title: str, table: pd.DataFrame, dimension: str,
                   lang: str = DEFAULT_LANGUAGE) -> None:
    formats = {name: EUR_FORMAT for name in table.columns if name not in ("year", dimension)}
    formats["year"] = "0"
    table_sheet(book, sheet_title(title, lang), table, notes=(
        say(f"scen_by_year_{dimension}", lang, base=term(BASE, lang)),
    ), formats=formats, lang=lang)


def _side_by_side_sheet(book: Workbook, title: str, table: pd.DataFrame, dimension: str,
                        comparison: ScenarioComparison, lang: str = DEFAULT_LANGUAGE) -> None:
    solved = [o.name for o in comparison.outcomes if o.solved]
    formats = {name: EUR_FORMAT for name in table.columns if name != dimension}
    placed = table_sheet(book, sheet_title(title, lang), table, notes=(
        say(f"scen_side_{dimension}", lang, base=term(BASE, lang)),
    ), formats=formats, lang=lang)
    if solved and len(table):
        chart = bar_chart(placed, solved, dimension,
                          title=say(f"scen_chart_{dimension}", lang), y_title="EUR",
                          y_format=EUR_FORMAT)
        add_chart(placed, chart)
    changes = [f"{name} change" for name in solved if f"{name} change" in table.columns]
    if changes and len(table):
        chart = bar_chart(placed, changes, dimension, title=say("scen_chart_side_change", lang),
                          y_title="EUR", y_format=EUR_FORMAT)
        add_chart(placed, chart, CHART_ROWS)


def _about(comparison: ScenarioComparison, info: WhatIfInfo) -> list[tuple[str, object]]:
    lang, stats = info.lang, comparison.stats
    counts: dict[str, int] = {}
    for outcome in comparison.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("scenarios", len(comparison.outcomes) - 1),
        *((f"status_{status}", count) for status, count in counts.items()),
        ("how_scenarios_are_solved", say("scen_how", lang, method=term(comparison.method, lang))),
        ("base_row", say("scen_base_row", lang, base=term(BASE, lang))),
        ("impact", say("scen_impact", lang)),
        ("oda_eur", say("scen_oda", lang)),
        ("infeasible_messages", say("scen_infeasible", lang,
                                    sheet=sheet_title(MESSAGES, lang))),
        *stats.pairs(),
    ]
    pairs += [(f"warning_{n}", text) for n, text in enumerate(info.warnings, start=1)]
    return pairs + glossary_rows(lang)
