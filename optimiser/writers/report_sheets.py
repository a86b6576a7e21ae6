"""The result workbook's table sheets: one function per sheet, each a filterable table.

Every sheet is a plain table from row 1 (header) with a frozen header, an
autofilter, number formats and widths; explanations stand to the right of
the table, never above it, so the sheet reads back as a table.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from models.data import AllocationData
from models.registry import rule_of
from optimiser.readers import schema
from optimiser.results import tables
from optimiser.results.extract import AllocationResult
from optimiser.results.index import impact_index
from optimiser.writers.excel import (
    EUR_FORMAT,
    NUMBER_FORMAT,
    finish_table_sheet,
    replace_sheet,
    write_notes,
    write_table,
)

VALUE_FORMAT = "0.000"
PRINT_PRICE_THRESHOLD = 1e-9  # a shadow price below this prints as none
PRINTED_RULES = 80  # the Binding limits a printed annex shows: about one page
PRICE_FORMAT = "#,##0"
NOTE_GAP = 2  # empty columns between a table and its notes
MATRIX_WIDTH = 13
PART_WIDTH = 16

BINDING_COLUMNS = ["sheet", "row", "rule", "description", "binds at", "index points",
                   "shadow price", "per"]
POINTS_FORMAT = "0.0000"


def table_sheet(
    book: Workbook,
    title: str,
    index: int,
    table: pd.DataFrame,
    *,
    formats: dict[str, str] | None = None,
    number_format: str | None = None,
    freeze: str = "A2",
    notes: Sequence[str] = (),
) -> Worksheet:
    """A sheet holding `table` from A1, with its notes to the right."""
    sheet = replace_sheet(book, title, index)
    last_row, last_column = write_table(sheet, table, formats=formats,
                                        number_format=number_format)
    finish_table_sheet(sheet, table, freeze=freeze)
    if notes:  # after the widths: a note overflows to the right instead of widening
        write_notes(sheet, 1, last_column + NOTE_GAP + 1, notes)
        # Printed (and PDF) pages hold the table at a readable size, not the notes.
        sheet.print_area = f"A1:{get_column_letter(last_column)}{max(last_row, 2)}"
    return sheet


def wrap_header(sheet: Worksheet, first_column: int, width: float, lines: int = 4) -> None:
    """Narrow columns from `first_column` on, with their headers wrapped over `lines` lines."""
    for cell in sheet[1]:
        if cell.value is None:
            break
        wrapped = cell.column >= first_column
        cell.alignment = Alignment(wrap_text=wrapped, vertical="bottom",
                                   horizontal="right" if wrapped else None)
        if wrapped:
            sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[1].height = 14 * lines


def allocation_sheet(book: Workbook, index: int, result: AllocationResult) -> Worksheet:
    return table_sheet(book, schema.ALLOCATION, index, result.allocation)


def by_year_sheet(book: Workbook, title: str, index: int, table: pd.DataFrame) -> Worksheet:
    return table_sheet(book, title, index, table, number_format=EUR_FORMAT)


def matrix_sheet(book: Workbook, title: str, index: int, table: pd.DataFrame,
                 notes: Sequence[str]) -> Worksheet:
    sheet = table_sheet(book, title, index, table, number_format=EUR_FORMAT, freeze="B2",
                        notes=notes)
    wrap_header(sheet, 2, MATRIX_WIDTH)  # instrument names are long, amounts are not
    return sheet


def matrix_notes(year: int | None, chosen: bool) -> list[str]:
    if year is None:
        return ["Money per country and instrument over all years (EUR)."]
    why = ("the year chosen with --matrix-year" if chosen else
           "the year with the largest envelope; another year: allocate run --matrix-year YEAR")
    return [f"Money per country and instrument in {year} (EUR): {why}."]


def envelope_table(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """tables.envelope_use with a first column naming the envelope ("2027 BHO ODA")."""
    table = tables.envelope_use(data, allocation)
    labels = [f"{row.year} {row.source}" for row in table.itertuples(index=False)]
    table.insert(0, "envelope", labels)
    return table


def envelope_sheet(book: Workbook, index: int, result: AllocationResult,
                   title: str) -> Worksheet:
    """Per source and year: envelope, committed (commitments naming the source), newly
    allocated, allocated, unallocated and the share used; a chart stands beside it."""
    return table_sheet(book, title, index, envelope_table(result.data, result.allocation))


def binding_frame(result: AllocationResult) -> pd.DataFrame:
    binding = result.binding
    return pd.DataFrame({
        "sheet": binding["sheet"],
        "row": binding["rows"],
        "rule": [rule_of(rule).title for rule in binding["rule"]],
        "description": binding["constraint"],
        "binds at": binding["side"],
        "index points": binding["shadow_price"] * _points(result),
        "shadow price": binding["shadow_price"],
        "per": ["impact per " + per for per in binding["per"]],
    }, columns=BINDING_COLUMNS)


def _points(result: AllocationResult) -> float:
    """Index points per unit of impact (NaN where the index is not defined)."""
    points = impact_index(result.data, 1.0)
    return points if points is not None else float("nan")


def binding_notes(result: AllocationResult) -> list[str]:
    lines = [
        "Every rule that binds in this allocation: the allocation sits at the rule's limit, "
        "or moving the limit would change the impact.",
        "index points: how many points the impact index rises if the limit rises by EUR 1M "
        "(max_countries: by one country), all else equal; shadow price: the same in the "
        "impact's own units.",
        "Positive: a maximum that holds the impact back. Negative: a minimum that costs "
        "impact. Zero: at its limit, but a small move would not change the impact.",
        "Shadow prices hold for small moves; a larger move may make other rules bind.",
        "Rules at their limit only because nothing is allocated in them (an unfunded "
        "pair's ODA share) are listed only when their shadow price is not zero.",
    ]
    if not result.has_duals:
        lines.append("No marginal values could be computed for this run (see Run info); "
                     "the columns are empty.")
    elif result.dual_basis != "LP":
        lines.append("This model has yes/no decisions (minimum programmes, max_countries); "
                     "the values hold the base's choices of what is funded as they are "
                     "(see Run info).")
    return lines


def binding_sheet(book: Workbook, index: int, result: AllocationResult,
                  title: str) -> Worksheet:
    frame = binding_frame(result)
    priced = int((frame["shadow price"].abs() > PRINT_PRICE_THRESHOLD).sum())
    printed = min(priced, PRINTED_RULES)
    notes = binding_notes(result)
    if 0 < printed < len(frame):
        notes.append(f"Printed: the {printed} rules worth the most (this order); all "
                     f"{len(frame)} are on the sheet.")
    sheet = table_sheet(book, title, index, frame,
                        formats={"shadow price": PRICE_FORMAT, "index points": POINTS_FORMAT},
                        notes=notes)
    if 0 < printed < len(frame):  # rows are sorted by the size of their value
        sheet.print_area = f"A1:{get_column_letter(len(frame.columns))}{printed + 1}"
    return sheet


def priorities_sheet(book: Workbook, index: int, result: AllocationResult,
                     title: str) -> Worksheet:
    table = tables.priority_table(result.data, result.allocation)
    notes = [
        "priority = Σ weight × score over the Criteria; each part column is one "
        "criterion's weight × the country's score.",
        "Highest priority first. allocated_eur: the country's money over all years.",
    ]
    sheet = table_sheet(book, title, index, table, formats={"rank": "0"},
                        number_format=NUMBER_FORMAT, freeze="C2", notes=notes)
    wrap_header(sheet, 3, PART_WIDTH)  # criterion names with weights are long
    return sheet


def pair_values_sheet(book: Workbook, index: int, result: AllocationResult,
                      title: str) -> Worksheet:
    table = tables.pair_value_table(result.data, result.allocation)
    notes = [
        "value_per_eur = priority × effectiveness × fit: what one euro for the instrument "
        "in the country adds to the impact",
        "(times the Returns multiplier of the capacity tier the euro falls in). "
        "Pairs with fit 0 cannot receive money and are not listed.",
        "cap_eur: the pair's capacity (Fit), else the country's absorption; blank: none.",
    ]
    formats = {"value_per_eur": VALUE_FORMAT, "rank": "0"}
    return table_sheet(book, title, index, table, formats=formats, number_format=NUMBER_FORMAT,
                       freeze="D2", notes=notes)


def run_info_sheet(book: Workbook, index: int, rows: list[tuple[str, object, str]],
                   title: str) -> Worksheet:
    table = pd.DataFrame(rows, columns=["key", "value", "note"])
    return table_sheet(book, title, index, table, number_format="General")
