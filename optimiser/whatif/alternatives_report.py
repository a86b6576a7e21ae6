"""The workbook of `allocate alternatives` (SPEC §5.2).

Sheets, in front of the input sheets (kept unchanged): Alternatives (one row
per allocation: its impact against the best, how far it moves money and what
it gives up and gains, in words; with charts), Alternatives by country and
Alternatives by instrument (money over the horizon side by side, with
charts), About alternatives, then `Allocation best`, `Allocation A1`, ... in
the format of SPEC §4's Allocation sheet. In Dutch (`WhatIfInfo.lang`) the sheet
names, headers, notes, status words and aims are the catalogue's
(`optimiser.writers.words_alternatives`); every figure is the same.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from optimiser.errors import ErrorText, UsageError
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
from optimiser.writers.print_setup import print_ready
from optimiser.writers.report_sheets import table_sheet as allocation_like_sheet
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, sheet_title, term

COMPARISON, BY_COUNTRY, BY_INSTRUMENT, ABOUT = (
    "Alternatives", "Alternatives by country", "Alternatives by instrument",
    "About alternatives")
COMPARISON_COLUMNS = ["allocation", "aim", "status", "impact", "impact_index",
                      "impact_given_up", "moved_from_best_eur", "difference_from_best_eur",
                      "least_difference_from_others_eur", "total_eur", "in_words"]
INDEX_FORMAT = "0.00"


def allocation_title(alternative: Alternative | str, lang: str = DEFAULT_LANGUAGE) -> str:
    """`Allocation best`, `Allocation A1`, ... (`Toewijzing beste`, ... in Dutch)."""
    name = getattr(alternative, "name", alternative)
    shown = str(term(name, lang)).lower() if name == "Best" else name
    return f"{sheet_title('Allocation', lang)} {shown}"


def result_titles(count: int, lang: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """Every sheet an alternatives workbook with `count` alternatives adds (in `lang`)."""
    return (*(sheet_title(title, lang) for title in (COMPARISON, BY_COUNTRY, BY_INSTRUMENT,
                                                     ABOUT)),
            *(allocation_title(name, lang)
              for name in ("Best", *(f"A{n}" for n in range(1, count + 1)))))


def check_titles(input_titles: tuple[str, ...], count: int,
                 lang: str = DEFAULT_LANGUAGE) -> None:
    """Refuse, before any solving, an input that has a sheet of a result sheet's name."""
    taken = {title.casefold(): title for title in input_titles}
    clashes = [taken[t.casefold()] for t in result_titles(count, lang)
               if t.casefold() in taken]
    if clashes:
        raise UsageError(ErrorText("alternatives_clash", names=", ".join(clashes)))


def comparison_table(result: AlternativesResult, lang: str = DEFAULT_LANGUAGE
                     ) -> pd.DataFrame:
    """One row per allocation; its names, aim, status and words in `lang`."""
    data, best = result.data, result.best
    rows = []
    for alternative in result.all:
        others = [o for o in result.all if o is not alternative and o is not best]
        if alternative is not best:
            others.append(best)
        least = min((difference_eur(data, alternative.allocation, o.allocation)
                     for o in others), default=None)
        given_up = 1.0 - alternative.impact / best.impact if best.impact else 0.0
        rows.append((term(alternative.name, lang), localise(alternative.aim, lang),
                     term(alternative.status, lang),
                     alternative.impact,
                     100.0 * alternative.impact / best.impact if best.impact else 100.0,
                     given_up, moved_eur(result, alternative),
                     difference_eur(data, alternative.allocation, best.allocation), least,
                     float(alternative.allocation["amount_eur"].sum()),
                     in_words(result, alternative, given_up, lang)))
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def changes(result: AlternativesResult, alternative: Alternative, dimension: str) -> pd.Series:
    return (horizon_totals(result.data, alternative.allocation, dimension)
            - horizon_totals(result.data, result.best.allocation, dimension))


def moved_eur(result: AlternativesResult, alternative: Alternative) -> float:
    """Money that countries receive beyond what they have in the best allocation."""
    change = changes(result, alternative, "country")
    return float(change[change > 0].sum())


def _millions(amount: float, lang: str = DEFAULT_LANGUAGE) -> str:
    return say("alt_millions", lang, amount=f"{abs(amount) / 1e6:,.1f}")


def _extremes(change: pd.Series, lang: str = DEFAULT_LANGUAGE) -> str:
    """'from Egypt (-EUR 3.0M) to Libya (+EUR 2.5M)': the largest fall and rise."""
    parts = []
    if change.min() < -0.5:
        parts.append(say("alt_from", lang, name=change.idxmin(),
                         amount=_millions(change.min(), lang)))
    if change.max() > 0.5:
        parts.append(say("alt_to", lang, name=change.idxmax(),
                         amount=_millions(change.max(), lang)))
    return " ".join(parts)


def in_words(result: AlternativesResult, alternative: Alternative, given_up: float,
             lang: str = DEFAULT_LANGUAGE) -> str:
    if alternative is result.best:
        return say("alt_words_best", lang)
    by_country = changes(result, alternative, "country")
    by_instrument = changes(result, alternative, "instrument")
    text = say("alt_words", lang, given_up=f"{given_up:.1%}",
               moved=_millions(moved_eur(result, alternative), lang))
    if (extremes := _extremes(by_country, lang)):
        text += say("alt_words_countries", lang, extremes=extremes)
    if (extremes := _extremes(by_instrument, lang)):
        text += say("alt_words_instruments", lang, extremes=extremes)
    return text + say("full_stop", lang)


def totals_table(result: AlternativesResult, dimension: str) -> pd.DataFrame:
    table = pd.DataFrame({a.name: horizon_totals(result.data, a.allocation, dimension)
                          for a in result.all})
    table.index.name = dimension
    return table.reset_index()


def write_alternatives_workbook(result: AlternativesResult, input_path: Path, path: Path,
                                info: WhatIfInfo) -> None:
    """The input workbook with the alternatives sheets in front (in the language of
    `info`), print-ready, saved atomically."""
    lang = info.lang
    book = load_workbook(input_path, keep_links=True)
    inputs = len(book.worksheets)
    _comparison_sheet(book, result, info)
    for title, dimension in ((BY_COUNTRY, "country"), (BY_INSTRUMENT, "instrument")):
        _totals_sheet(book, title, totals_table(result, dimension), dimension, result, lang)
    key_value_sheet(book, sheet_title(ABOUT, lang), _about(result, info), lang=lang)
    for alternative in result.all:
        allocation_like_sheet(book, allocation_title(alternative, lang), len(book.worksheets),
                              alternative.allocation, lang=lang)
    for position, sheet in enumerate(book.worksheets[inputs:]):  # results first
        book.move_sheet(sheet, offset=position - book.index(sheet))
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == sheet_title(COMPARISON, lang)
    print_ready(book, info.input_name, info.started[:10], lang)
    atomic_save(book, path)


def _comparison_sheet(book, result: AlternativesResult, info: WhatIfInfo) -> None:
    lang = info.lang
    placed = table_sheet(book, sheet_title(COMPARISON, lang), comparison_table(result, lang),
                         notes=(
        say("alt_comparison_1", lang, name=info.input_name, within=f"{result.within:.1%}",
            sheet=allocation_title("A1", lang)),
        say("alt_comparison_2", lang),
    ), formats={"impact": IMPACT_FORMAT, "impact_index": INDEX_FORMAT,
                "impact_given_up": PERCENT_FORMAT, "moved_from_best_eur": EUR_FORMAT,
                "difference_from_best_eur": EUR_FORMAT,
                "least_difference_from_others_eur": EUR_FORMAT, "total_eur": EUR_FORMAT},
        wrap=("in_words", "aim"), lang=lang)
    add_chart(placed, bar_chart(placed, ["impact_index"], "allocation",
                                title=say("alt_chart_index", lang),
                                y_title=say("alt_axis_index", lang), y_format=INDEX_FORMAT))
    add_chart(placed, bar_chart(placed, ["moved_from_best_eur"], "allocation",
                                title=say("alt_chart_moved", lang),
                                y_title="EUR", y_format=EUR_FORMAT), CHART_ROWS)


def _totals_sheet(book, title: str, table: pd.DataFrame, dimension: str,
                  result: AlternativesResult, lang: str = DEFAULT_LANGUAGE) -> None:
    names = [a.name for a in result.all]
    placed = table_sheet(book, sheet_title(title, lang), table, notes=(
        say(f"alt_totals_{dimension}", lang),), formats={name: EUR_FORMAT for name in names},
        lang=lang)
    if len(table):
        add_chart(placed, bar_chart(placed, names, dimension,
                                    title=say(f"alt_chart_{dimension}", lang),
                                    y_title="EUR", y_format=EUR_FORMAT))


def _about(result: AlternativesResult, info: WhatIfInfo) -> list[tuple[str, object]]:
    lang = info.lang
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
        *((f"version_{name}", version) for name, version in info.versions.items()),
        ("within", result.within),
        ("best_impact", result.best.impact),
        ("least_impact_allowed", result.floor),
        ("alternatives", len(result.alternatives)),
        ("least_difference_eur", MIN_DIFFERENCE_EUR),
        ("how_they_are_found", say("alt_about_found", lang)),
        ("technical_note", say("alt_about_technical", lang)),
        ("solves_after_the_best", result.solves),
        ("seconds", round(result.seconds, 2)),
        ("how_steered_ones_ran", say("alt_about_steered", lang)),
        *result.stats.pairs(),
    ]
    notes = (*info.warnings, *(localise(note, lang) for note in result.notes))
    pairs += [(f"note_{n}", text) for n, text in enumerate(notes, start=1)]
    return pairs
