"""The Summary sheet: SPEC §4's key/value table in columns A:B, a front page beside it.

Columns A:B are the machine-readable `key`, `value` table (status, impact,
total_eur first). From column D stands what a reader looks at first: the
totals per year with the ODA split, envelope use per source and year, the
marginal value of money per envelope, and the warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.readers import schema
from optimiser.results import tables
from optimiser.results.extract import AllocationResult
from optimiser.results.index import impact_index
from optimiser.results.portfolio_checks import herfindahl, portfolio_checks
from optimiser.writers.excel import (
    EUR_FORMAT,
    NOTE_FONT,
    SECTION_FONT,
    SHARE_FORMAT,
    TITLE_FONT,
    fit_widths,
    key_value_rows,
    printable,
    put,
    replace_sheet,
    write_table,
)
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, sheet_title

FRONT = 4  # column D: the front page starts right of the key/value table and a gap
GAP_FORMAT = "0.000%"
INDEX_FORMAT = "0.00"
YEAR_FORMAT = "0"
PLAIN_FONT = Font()
PRICE_TITLE = say("price_title")  # the English title, as tests and docs quote it
PRICE_FORMAT = "0.0000"
KEY_WIDTH, VALUE_WIDTH = 24, 18  # long text values overflow rather than widen column B


@dataclass(frozen=True)
class RunFacts:
    """What the Summary says about the run besides the result."""

    input_name: str
    started: str
    warnings: tuple[str, ...]
    lang: str = DEFAULT_LANGUAGE


def summary_pairs(result: AllocationResult, facts: RunFacts) -> list[tuple[str, object]]:
    """The Summary key/value rows: SPEC §4's keys first, then the project's."""
    pairs: list[tuple[str, object]] = [
        ("status", result.status),
        ("impact", result.impact),
        ("total_eur", result.total_eur),
        *impact_index_pairs(result),
        ("gap", result.gap if result.gap is not None else 0.0),
    ]
    if result.bound is not None and result.status != "optimal":
        pairs.append(("best_possible_impact", result.bound))
    split = tables.oda_split(result.data, result.allocation)
    for row in split.itertuples(index=False):
        pairs.append((f"total_eur_{row.year}", row.total_eur))
    funded = result.allocation["country"].nunique() if not result.allocation.empty else 0
    pairs += [
        ("oda_eur", float(split["oda_eur"].sum())),
        ("non_oda_eur", float(split["non_oda_eur"].sum())),
        ("envelope_eur", float(split["envelope_eur"].sum())),
        ("unallocated_eur", float(split["unallocated_eur"].sum())),
        ("countries_funded", int(funded)),
        ("binding_rules", len(result.binding)),
        *portfolio_pairs(result),
        ("input", facts.input_name),
        ("run_started", facts.started),
    ]
    pairs += [(f"warning_{n}", text) for n, text in enumerate(warnings(result, facts), start=1)]
    return pairs


def impact_index_pairs(result: AllocationResult) -> list[tuple[str, object]]:
    """SPEC v2 §5.3's impact_index (blank when no envelope euro could be worth anything)."""
    index = impact_index(result.data, result.impact)
    return [("impact_index", index)]


def impact_sentence(result: AllocationResult, lang: str = DEFAULT_LANGUAGE) -> str:
    """The one sentence that says what the impact index means, with this run's value."""
    index = impact_index(result.data, result.impact)
    if index is None:
        return say("index_undefined", lang)
    return say("index_sentence", lang, index=f"{index:.1f}", impact=f"{result.impact:,.0f}")


def warnings(result: AllocationResult, facts: RunFacts) -> list[str]:
    checks = [localise(check, facts.lang) for check in portfolio_checks(result)]
    said = [localise(text, facts.lang) for text in (*facts.warnings, *result.notes)]
    return [*said, *checks]


def portfolio_pairs(result: AllocationResult) -> list[tuple[str, object]]:
    """The portfolio figures beside the checks (issue 9): the instruments' Herfindahl index."""
    return [("herfindahl_instruments", round(herfindahl(result.allocation), 4))]


def _value_format(key: str) -> str | None:
    if key == "gap":
        return GAP_FORMAT
    if key == "impact_index":
        return INDEX_FORMAT
    if "_eur" in key or key in ("impact", "best_possible_impact"):
        return EUR_FORMAT
    return None


def year_table(result: AllocationResult) -> pd.DataFrame:
    split = tables.oda_split(result.data, result.allocation)
    return split.rename(columns={
        "oda_eur": "ODA", "non_oda_eur": "non-ODA", "total_eur": "total",
        "envelope_eur": "envelope", "unallocated_eur": "unallocated", "oda_share": "ODA share",
    })[["year", "ODA", "non-ODA", "total", "envelope", "unallocated", "ODA share"]]


def envelope_table(result: AllocationResult) -> pd.DataFrame:
    use = tables.envelope_use(result.data, result.allocation)
    columns = {"envelope_eur": "envelope", "committed_eur": "committed",
               "newly_allocated_eur": "newly allocated", "unallocated_eur": "unallocated",
               "use_share": "used"}
    return use.rename(columns=columns)[["year", "source", *columns.values()]]


def price_table(result: AllocationResult) -> pd.DataFrame:
    """Sources × years: index points per extra EUR 1M of each envelope."""
    table = tables.envelope_price_matrix(result.data, result.envelope_prices)
    scale = impact_index(result.data, 1.0)
    years = [c for c in table.columns if c != "source"]
    table[years] = table[years] * (scale if scale is not None else float("nan"))
    return table


def price_notes(result: AllocationResult, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    if not result.has_duals:
        return [say("price_unavailable", lang)]
    lines = [say("price_meaning", lang)]
    if result.dual_basis != "LP":
        lines.append(say("price_held_note", lang))
    lines.append(say("price_see_binding", lang, sheet=sheet_title("Binding limits", lang)))
    return lines


def write_summary(book: Workbook, result: AllocationResult, facts: RunFacts,
                  title: str = schema.SUMMARY) -> Worksheet:
    """The Summary: SPEC §4's keys (the same in every language) in A:B, the front page
    beside them in the run's language."""
    sheet = replace_sheet(book, title, 0)
    pairs = key_value_rows(summary_pairs(result, facts))
    write_table(sheet, pairs, lang=facts.lang)
    for row in range(2, len(pairs) + 2):
        fmt = _value_format(sheet.cell(row=row, column=1).value)
        value = sheet.cell(row=row, column=2)
        if fmt and isinstance(value.value, int | float):
            value.number_format = fmt
    texts = _front_page(sheet, result, facts)
    fit_widths(sheet)
    sheet.column_dimensions["A"].width = KEY_WIDTH
    sheet.column_dimensions["B"].width = VALUE_WIDTH
    sheet.column_dimensions["C"].width = 3
    for row, column, text, font in texts:  # after the widths: titles overflow to the right
        put(sheet, row, column, text).font = font
    sheet.freeze_panes = "A2"
    printable(sheet)
    sheet.print_title_rows = None
    sheet.page_setup.fitToHeight = 1  # the front page prints on one page
    return sheet


def headline(result: AllocationResult, facts: RunFacts) -> str:
    """Status, the index and the money, in words: the first line a reader sees."""
    lang = facts.lang
    kind = "front_optimal" if result.status == "optimal" else "front_stopped"
    status = (say(f"{kind}_gap", lang, gap=f"{result.gap:.3%}") if result.gap
              else say(kind, lang))
    index = impact_index(result.data, result.impact)
    shown = (say("front_index", lang, index=f"{index:.1f}") if index is not None
             else say("front_no_index", lang))
    return say("front_headline", lang, status=status, index=shown,
               total=f"{result.total_eur:,.0f}", started=facts.started)


def _front_page(sheet: Worksheet, result: AllocationResult, facts: RunFacts) -> list[tuple]:
    """Write the front-page tables; return the titles and notes to write after the widths."""
    lang = facts.lang
    texts: list[tuple] = [
        (1, FRONT, say("front_title", lang, name=facts.input_name), TITLE_FONT),
        (2, FRONT, headline(result, facts), PLAIN_FONT),
        (3, FRONT, impact_sentence(result, lang), NOTE_FONT),
    ]
    row = 5
    prices = price_table(result)
    sections = [
        (say("front_years", lang), year_table(result),
         {"year": YEAR_FORMAT, "ODA share": SHARE_FORMAT}, []),
        (say("front_envelopes", lang), envelope_table(result),
         {"year": YEAR_FORMAT, "used": SHARE_FORMAT}, []),
        (say("price_title", lang), prices, dict.fromkeys(prices.columns[1:], PRICE_FORMAT),
         price_notes(result, lang)),
    ]
    for title, table, formats, notes in sections:
        texts.append((row, FRONT, title, SECTION_FONT))
        end, _ = write_table(sheet, table, row + 1, FRONT, formats=formats,
                             number_format=EUR_FORMAT, lang=lang)
        row = end + 1
        texts += [(row + n, FRONT, line, NOTE_FONT) for n, line in enumerate(notes)]
        row += len(notes) + 1
    texts.append((row, FRONT, say("front_warnings", lang), SECTION_FONT))
    lines = warnings(result, facts) or [say("front_none", lang)]
    texts += [(row + 1 + n, FRONT, line, PLAIN_FONT) for n, line in enumerate(lines)]
    return texts
