"""The workbook of `allocate alternatives` (SPEC §5.2).

Sheets, in front of the input sheets (kept unchanged): Alternatives (one row
per allocation: its impact against the best, how far it moves money and what
it gives up and gains, in words; with charts), Alternatives by country and
Alternatives by instrument (money over the horizon side by side, with
charts), About alternatives, then `Allocation best`, `Allocation A1`, ... in
the format of SPEC §4's Allocation sheet.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from optimiser.errors import UsageError
from optimiser.whatif.alternatives import (
    MIN_DIFFERENCE_EUR,
    Alternative,
    AlternativesResult,
    difference_eur,
    horizon_totals,
)
from optimiser.whatif.scenarios_report import WhatIfInfo
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
from optimiser.writers.report_sheets import table_sheet as allocation_like_sheet

COMPARISON, BY_COUNTRY, BY_INSTRUMENT, ABOUT = (
    "Alternatives", "Alternatives by country", "Alternatives by instrument",
    "About alternatives")
COMPARISON_COLUMNS = ["allocation", "aim", "status", "impact", "impact_index",
                      "impact_given_up", "moved_from_best_eur", "difference_from_best_eur",
                      "least_difference_from_others_eur", "total_eur", "in_words"]
INDEX_FORMAT = "0.00"


def allocation_title(alternative: Alternative) -> str:
    return f"Allocation {'best' if alternative.name == 'Best' else alternative.name}"


def result_titles(count: int) -> tuple[str, ...]:
    """Every sheet an alternatives workbook with `count` alternatives adds."""
    return (COMPARISON, BY_COUNTRY, BY_INSTRUMENT, ABOUT, "Allocation best",
            *(f"Allocation A{n}" for n in range(1, count + 1)))


def check_titles(input_titles: tuple[str, ...], count: int) -> None:
    """Refuse, before any solving, an input that has a sheet of a result sheet's name."""
    taken = {title.casefold(): title for title in input_titles}
    clashes = [taken[t.casefold()] for t in result_titles(count) if t.casefold() in taken]
    if clashes:
        raise UsageError(f"The input workbook has sheets named {', '.join(clashes)}, the "
                         "names the alternatives workbook writes; rename them (or use the "
                         "original workbook, not an earlier alternatives workbook).")


def comparison_table(result: AlternativesResult) -> pd.DataFrame:
    data, best = result.data, result.best
    rows = []
    for alternative in result.all:
        others = [o for o in result.all if o is not alternative and o is not best]
        if alternative is not best:
            others.append(best)
        least = min((difference_eur(data, alternative.allocation, o.allocation)
                     for o in others), default=None)
        given_up = 1.0 - alternative.impact / best.impact if best.impact else 0.0
        rows.append((alternative.name, alternative.aim, alternative.status,
                     alternative.impact,
                     100.0 * alternative.impact / best.impact if best.impact else 100.0,
                     given_up, moved_eur(result, alternative),
                     difference_eur(data, alternative.allocation, best.allocation), least,
                     float(alternative.allocation["amount_eur"].sum()),
                     in_words(result, alternative, given_up)))
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def changes(result: AlternativesResult, alternative: Alternative, dimension: str) -> pd.Series:
    return (horizon_totals(result.data, alternative.allocation, dimension)
            - horizon_totals(result.data, result.best.allocation, dimension))


def moved_eur(result: AlternativesResult, alternative: Alternative) -> float:
    """Money that countries receive beyond what they have in the best allocation."""
    change = changes(result, alternative, "country")
    return float(change[change > 0].sum())


def _millions(amount: float) -> str:
    return f"EUR {abs(amount) / 1e6:,.1f}M"


def _extremes(change: pd.Series) -> str:
    """'from Egypt (-EUR 3.0M) to Libya (+EUR 2.5M)': the largest fall and rise."""
    parts = []
    if change.min() < -0.5:
        parts.append(f"from {change.idxmin()} (-{_millions(change.min())})")
    if change.max() > 0.5:
        parts.append(f"to {change.idxmax()} (+{_millions(change.max())})")
    return " ".join(parts)


def in_words(result: AlternativesResult, alternative: Alternative, given_up: float) -> str:
    if alternative is result.best:
        return ("The allocation of highest impact, as allocate run gives it: the yardstick "
                "for the alternatives.")
    by_country = changes(result, alternative, "country")
    by_instrument = changes(result, alternative, "instrument")
    text = (f"Gives up {given_up:.1%} of the best impact to move "
            f"{_millions(moved_eur(result, alternative))} between countries")
    if (extremes := _extremes(by_country)):
        text += f", most of it {extremes}"
    if (extremes := _extremes(by_instrument)):
        text += f"; among instruments, most {extremes}"
    return text + "."


def totals_table(result: AlternativesResult, dimension: str) -> pd.DataFrame:
    table = pd.DataFrame({a.name: horizon_totals(result.data, a.allocation, dimension)
                          for a in result.all})
    table.index.name = dimension
    return table.reset_index()


def write_alternatives_workbook(result: AlternativesResult, input_path: Path, path: Path,
                                info: WhatIfInfo) -> None:
    """The input workbook with the alternatives sheets in front, saved atomically."""
    book = load_workbook(input_path, keep_links=True)
    inputs = len(book.worksheets)
    _comparison_sheet(book, result, info)
    for title, dimension in ((BY_COUNTRY, "country"), (BY_INSTRUMENT, "instrument")):
        _totals_sheet(book, title, totals_table(result, dimension), dimension, result)
    key_value_sheet(book, ABOUT, _about(result, info))
    for alternative in result.all:
        allocation_like_sheet(book, allocation_title(alternative), len(book.worksheets),
                              alternative.allocation)
    for position, sheet in enumerate(book.worksheets[inputs:]):  # results first
        book.move_sheet(sheet, offset=position - book.index(sheet))
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == COMPARISON
    atomic_save(book, path)


def _comparison_sheet(book, result: AlternativesResult, info: WhatIfInfo) -> None:
    placed = table_sheet(book, COMPARISON, comparison_table(result), notes=(
        f"Allocations of {info.input_name} within {result.within:.1%} of the best impact "
        "that spread money over countries and instruments as differently as the rules "
        "allow. Each meets every rule of the workbook; its own sheet is 'Allocation A1', ...",
        "impact_index: impact as a share of the best (best = 100). moved_from_best_eur: "
        "money countries receive beyond the best allocation, over all years. "
        "difference_from_best_eur: sum over countries of the change of their money.",
    ), formats={"impact": IMPACT_FORMAT, "impact_index": INDEX_FORMAT,
                "impact_given_up": PERCENT_FORMAT, "moved_from_best_eur": EUR_FORMAT,
                "difference_from_best_eur": EUR_FORMAT,
                "least_difference_from_others_eur": EUR_FORMAT, "total_eur": EUR_FORMAT},
        wrap=("in_words", "aim"))
    add_chart(placed, bar_chart(placed, ["impact_index"], "allocation",
                                title="Impact against the best (best = 100)",
                                y_title="impact index", y_format=INDEX_FORMAT))
    add_chart(placed, bar_chart(placed, ["moved_from_best_eur"], "allocation",
                                title="Money moved between countries, against the best",
                                y_title="EUR", y_format=EUR_FORMAT), CHART_ROWS)


def _totals_sheet(book, title: str, table: pd.DataFrame, dimension: str,
                  result: AlternativesResult) -> None:
    names = [a.name for a in result.all]
    placed = table_sheet(book, title, table, notes=(
        f"Money per {dimension} over the whole horizon (EUR): the best allocation, then each "
        "alternative.",), formats={name: EUR_FORMAT for name in names})
    if len(table):
        add_chart(placed, bar_chart(placed, names, dimension, title=f"Money per {dimension}",
                                    y_title="EUR", y_format=EUR_FORMAT))


def _about(result: AlternativesResult, info: WhatIfInfo) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("within", result.within),
        ("best_impact", result.best.impact),
        ("least_impact_allowed", result.floor),
        ("alternatives", len(result.alternatives)),
        ("least_difference_eur", MIN_DIFFERENCE_EUR),
        ("how_they_are_found",
         "The best allocation is solved as allocate run does. Then, holding the impact at "
         "least (1 - within) x the best, the same model is solved again for each "
         "alternative: for a --favour or --avoid, with the most (or least) money for that "
         "name; otherwise moving money away from the countries and instruments the "
         "allocations found so far use most, towards those they use least (SPORES "
         "weighting). One that differs by less than least_difference_eur from the best or "
         "an earlier one is dropped and a fixed next direction tried. Fixed order, fixed "
         "weights: the same workbook gives the same alternatives."),
        ("technical_note",
         "Each alternative is a re-solve of the built model (an LP, or a MIP when the "
         "workbook has yes/no rules such as minimum programmes) with one extra row, the "
         "impact band, and an objective over country and instrument totals. On a MIP each "
         "solve is confined to the binaries its LP relaxation or the best allocation uses "
         "(the others fixed at 0), warm-started from the best and bounded by nodes; status "
         "optimal: proven the farthest in its direction, feasible: the farthest found."),
        ("solves_after_the_best", result.solves),
        ("seconds", round(result.seconds, 2)),
        ("how_steered_ones_ran",
         "The --favour and --avoid alternatives are independent of each other: they are "
         "solved as one batch, in this process, on local worker processes or on Dask, "
         "with the same results either way. The rows below say how this batch ran."),
        *result.stats.pairs(),
    ]
    notes = (*info.warnings, *result.notes)
    pairs += [(f"note_{n}", text) for n, text in enumerate(notes, start=1)]
    return pairs
