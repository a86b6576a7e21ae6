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
from optimiser.writers.words import glossary_rows

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


def write_scenarios_workbook(comparison: ScenarioComparison, path: Path, info: WhatIfInfo
                             ) -> None:
    """Write the comparison workbook to `path` atomically (never half a file)."""
    book = Workbook()
    book.remove(book.active)
    _summary_sheet(book, comparison, info)
    for title, table, dimension in (
            (BY_YEAR_SOURCE, comparison.by_year_source, "source"),
            (BY_YEAR_COUNTRY, comparison.by_year_country, "country")):
        _by_year_sheet(book, title, table, dimension)
    for title, dimension in ((BY_COUNTRY, "country"), (BY_INSTRUMENT, "instrument")):
        table = comparison.by_country if dimension == "country" else comparison.by_instrument
        _side_by_side_sheet(book, title, table, dimension, comparison)
    table_sheet(book, INPUT_DIFF, comparison.input_changes, notes=(
        "Every input cell each scenario changes, old -> new, in sheet order. A blank old "
        "value: the scenario added that row or column (it is not in your workbook).",
        "A scenario that sets values equal to the base changes no cell and has no row here.",
    ), formats={"old": "General", "new": "General"})
    table_sheet(book, MESSAGES, message_rows(comparison), notes=(
        "Why each infeasible or invalid scenario has no allocation, one line per row: for an "
        "infeasible one, the rules that cannot hold together and the smallest change.",
    ), formats={"line": "0"})
    key_value_sheet(book, ABOUT, _about(comparison, info))
    print_ready(book, info.input_name, info.started[:10])
    atomic_save(book, path)


def message_rows(comparison: ScenarioComparison) -> pd.DataFrame:
    rows = [(row.scenario, row.status, n, line.strip())
            for row in comparison.summary.itertuples(index=False) if row.message
            for n, line in enumerate(str(row.message).splitlines(), start=1) if line.strip()]
    return pd.DataFrame(rows, columns=["scenario", "status", "line", "text"])


def _first_line(message: object) -> object:
    if not isinstance(message, str) or "\n" not in message.strip():
        return message
    return f"{message.strip().splitlines()[0]} (in full on sheet {MESSAGES})"


def _summary_sheet(book: Workbook, comparison: ScenarioComparison, info: WhatIfInfo) -> None:
    table = comparison.summary[SUMMARY_COLUMNS].copy()
    table["message"] = table["message"].map(_first_line)
    placed = table_sheet(book, SUMMARY, table, notes=(
        f"Scenarios of {info.input_name}. Each is applied to a fresh copy of the base inputs "
        "and validated like a workbook; amounts in euros over the whole horizon, changes "
        f"against {BASE}.",
        "money_moved_eur: the euros that stand in another year, country, instrument or "
        "budget line than in the base (a plain cut or top-up counts once). index_vs_base: "
        f"the scenario's impact with {BASE} = 100; index_vs_base_base_scoring: its "
        "allocation scored with the base's weights and scores, so a scenario that changes "
        "the yardstick compares like with like.",
        "status: optimal or feasible = solved; infeasible = its rules contradict (the "
        "message names them and the least change); invalid = its rows or inputs are wrong "
        "(the message lists every problem); no solution, error or failed = the solver "
        "could not finish it (the message says why). Other scenarios are never affected.",
    ), formats=SUMMARY_FORMATS, wrap=("message",))
    add_chart(placed, bar_chart(placed, ["impact"], "scenario", title="Impact per scenario",
                                y_title="impact"))
    add_chart(placed, bar_chart(placed, ["impact_change"], "scenario",
                                title="Change of impact against the base",
                                y_title="change of impact"), CHART_ROWS)


def _by_year_sheet(book: Workbook, title: str, table: pd.DataFrame, dimension: str) -> None:
    formats = {name: EUR_FORMAT for name in table.columns if name not in ("year", dimension)}
    formats["year"] = "0"
    table_sheet(book, title, table, notes=(
        f"Per year and {'budget line (source)' if dimension == 'source' else dimension} "
        f"(EUR): the base's money, then each solved scenario's change against {BASE}. "
        "Rows where nothing is allocated in any case are left out.",
    ), formats=formats)


def _side_by_side_sheet(book: Workbook, title: str, table: pd.DataFrame, dimension: str,
                        comparison: ScenarioComparison) -> None:
    solved = [o.name for o in comparison.outcomes if o.solved]
    formats = {name: EUR_FORMAT for name in table.columns if name != dimension}
    placed = table_sheet(book, title, table, notes=(
        f"Money per {dimension} over the whole horizon (EUR): each solved scenario, then "
        f"its change against {BASE}. Invalid and infeasible scenarios have no column.",
    ), formats=formats)
    if solved and len(table):
        chart = bar_chart(placed, solved, dimension, title=f"{dimension.capitalize()} "
                          "totals per scenario", y_title="EUR", y_format=EUR_FORMAT)
        add_chart(placed, chart)
    changes = [f"{name} change" for name in solved if f"{name} change" in table.columns]
    if changes and len(table):
        chart = bar_chart(placed, changes, dimension, title="Change against the base",
                          y_title="EUR", y_format=EUR_FORMAT)
        add_chart(placed, chart, CHART_ROWS)


def _about(comparison: ScenarioComparison, info: WhatIfInfo) -> list[tuple[str, object]]:
    stats = comparison.stats
    counts: dict[str, int] = {}
    for outcome in comparison.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("scenarios", len(comparison.outcomes) - 1),
        *((f"status_{status}", count) for status, count in counts.items()),
        ("how_scenarios_are_solved",
         "A scenario that changes only numbers the model holds as parameters (envelopes, "
         "weights, scores, effectiveness, fit values, Limits EUR bounds) is re-solved on "
         f"the built base model: {comparison.method}. Any other change (a setting, a "
         "capacity, an absorption, a new column) rebuilds and solves the model afresh. "
         "The method column of Summary says which, per scenario."),
        ("base_row", f"{BASE} is the base inputs solved the same way as the scenarios."),
        ("impact", "Sum of value per euro x euros over the horizon (SPEC §2), recomputed "
                   "from the whole-euro allocation."),
        ("oda_eur", "Money from the ODA sources (Sources sheet, oda TRUE)."),
        ("infeasible_messages", "Explained as `allocate explain` would: the conflicting "
                                "rules and the least change that makes the scenario feasible "
                                f"(first line in Summary, in full on sheet {MESSAGES})."),
        *stats.pairs(),
    ]
    pairs += [(f"warning_{n}", text) for n, text in enumerate(info.warnings, start=1)]
    return pairs + glossary_rows()
