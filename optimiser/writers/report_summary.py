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

FRONT = 4  # column D: the front page starts right of the key/value table and a gap
GAP_FORMAT = "0.000%"
YEAR_FORMAT = "0"
PLAIN_FONT = Font()
KEY_WIDTH, VALUE_WIDTH = 24, 18  # long text values overflow rather than widen column B


@dataclass(frozen=True)
class RunFacts:
    """What the Summary says about the run besides the result."""

    input_name: str
    started: str
    warnings: tuple[str, ...]


def summary_pairs(result: AllocationResult, facts: RunFacts) -> list[tuple[str, object]]:
    """The Summary key/value rows: SPEC §4's keys first, then the project's."""
    pairs: list[tuple[str, object]] = [
        ("status", result.status),
        ("impact", result.impact),
        ("total_eur", result.total_eur),
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


def warnings(result: AllocationResult, facts: RunFacts) -> list[str]:
    return [*facts.warnings, *result.notes, *portfolio_checks(result)]


def portfolio_pairs(result: AllocationResult) -> list[tuple[str, object]]:
    """The portfolio figures beside the checks (issue 9): the instruments' Herfindahl index."""
    return [("herfindahl_instruments", round(herfindahl(result.allocation), 4))]


def _value_format(key: str) -> str | None:
    if key == "gap":
        return GAP_FORMAT
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
    return tables.envelope_price_matrix(result.data, result.envelope_prices)


def price_notes(result: AllocationResult) -> list[str]:
    if not result.has_duals:
        return ["The solver gave no shadow prices for this run."]
    lines = ["What one more EUR 1M in the envelope would add to the impact "
             "(0: money left over there would add nothing)."]
    if result.dual_basis != "LP":
        lines.append(f"From the {result.dual_basis}. All binding rules: sheet Binding limits.")
    else:
        lines.append("All binding rules and their shadow prices: sheet Binding limits.")
    return lines


def write_summary(book: Workbook, result: AllocationResult, facts: RunFacts) -> Worksheet:
    sheet = replace_sheet(book, schema.SUMMARY, 0)
    pairs = key_value_rows(summary_pairs(result, facts))
    write_table(sheet, pairs)
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


def _front_page(sheet: Worksheet, result: AllocationResult, facts: RunFacts) -> list[tuple]:
    """Write the front-page tables; return the titles and notes to write after the widths."""
    gap = f"gap {result.gap:.3%}" if result.gap else "gap 0"
    texts: list[tuple] = [
        (1, FRONT, f"Allocation of {facts.input_name}", TITLE_FONT),
        (2, FRONT, f"Status {result.status}, impact {result.impact:,.0f}, {gap}; "
                   f"EUR {result.total_eur:,.0f} allocated. Run {facts.started}.", PLAIN_FONT),
    ]
    row = 4
    sections = [
        ("Totals per year (EUR)", year_table(result),
         {"year": YEAR_FORMAT, "ODA share": SHARE_FORMAT}, []),
        ("Envelope use per source and year (EUR)", envelope_table(result),
         {"year": YEAR_FORMAT, "used": SHARE_FORMAT}, []),
        ("Marginal value of money: impact per extra EUR 1M of envelope", price_table(result),
         {}, price_notes(result)),
    ]
    for title, table, formats, notes in sections:
        texts.append((row, FRONT, title, SECTION_FONT))
        end, _ = write_table(sheet, table, row + 1, FRONT, formats=formats,
                             number_format=EUR_FORMAT)
        row = end + 1
        texts += [(row + n, FRONT, line, NOTE_FONT) for n, line in enumerate(notes)]
        row += len(notes) + 1
    texts.append((row, FRONT, "Warnings", SECTION_FONT))
    lines = warnings(result, facts) or ["None."]
    texts += [(row + 1 + n, FRONT, line, PLAIN_FONT) for n, line in enumerate(lines)]
    return texts
