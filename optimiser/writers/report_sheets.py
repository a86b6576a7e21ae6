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
    wrap_rows,
    write_notes,
    write_table,
)
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, term

VALUE_FORMAT = "0.000"
PRINT_PRICE_THRESHOLD = 1e-9  # a shadow price below this prints as none
PRINTED_RULES = 40  # the Binding limits a printed annex shows: about one page
DESCRIPTION_WIDTH = 60  # the description column wraps at this width
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
    lang: str = DEFAULT_LANGUAGE,
) -> Worksheet:
    """A sheet holding `table` from A1 (headers in `lang`), with its notes to the right."""
    sheet = replace_sheet(book, title, index)
    last_row, last_column = write_table(sheet, table, formats=formats,
                                        number_format=number_format, lang=lang)
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


def allocation_sheet(book: Workbook, index: int, result: AllocationResult,
                     title: str = schema.ALLOCATION, lang: str = DEFAULT_LANGUAGE
                     ) -> Worksheet:
    return table_sheet(book, title, index, result.allocation, lang=lang)


def by_year_sheet(book: Workbook, title: str, index: int, table: pd.DataFrame,
                  lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    return table_sheet(book, title, index, table, number_format=EUR_FORMAT, lang=lang)


def matrix_sheet(book: Workbook, title: str, index: int, table: pd.DataFrame,
                 notes: Sequence[str], lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    sheet = table_sheet(book, title, index, table, number_format=EUR_FORMAT, freeze="B2",
                        notes=notes, lang=lang)
    wrap_header(sheet, 2, MATRIX_WIDTH)  # instrument names are long, amounts are not
    return sheet


def matrix_notes(year: int | None, chosen: bool, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    if year is None:
        return [say("matrix_all", lang)]
    why = say("matrix_chosen" if chosen else "matrix_default", lang)
    return [say("matrix_year", lang, year=year, why=why)]


def envelope_table(data: AllocationData, allocation: pd.DataFrame) -> pd.DataFrame:
    """tables.envelope_use with a first column naming the envelope ("2027 BHO ODA")."""
    table = tables.envelope_use(data, allocation)
    labels = [f"{row.year} {row.source}" for row in table.itertuples(index=False)]
    table.insert(0, "envelope", labels)
    return table


def envelope_sheet(book: Workbook, index: int, result: AllocationResult,
                   title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    """Per source and year: envelope, committed (commitments naming the source), newly
    allocated, allocated, unallocated and the share used; a chart stands beside it."""
    return table_sheet(book, title, index, envelope_table(result.data, result.allocation),
                       lang=lang)


# The unit of a binding rule's value, as results.extract writes it, in the catalogue.
PER_UNITS = {"extra EUR 1M": "per_eur_1m", "extra country": "per_country_unit"}


def binding_frame(result: AllocationResult, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    binding = result.binding
    units = [say(PER_UNITS[per], lang) if per in PER_UNITS else per for per in binding["per"]]
    return pd.DataFrame({
        "sheet": binding["sheet"],
        "row": binding["rows"],
        "rule": [term(rule_of(rule).title, lang) for rule in binding["rule"]],
        "description": [localise(text, lang) for text in binding["constraint"]],
        "binds at": [term(side, lang) for side in binding["side"]],
        "index points": binding["shadow_price"] * _points(result),
        "shadow price": binding["shadow_price"],
        "per": [say("binding_per", lang, per=unit) for unit in units],
    }, columns=BINDING_COLUMNS)


def _points(result: AllocationResult) -> float:
    """Index points per unit of impact (NaN where the index is not defined)."""
    points = impact_index(result.data, 1.0)
    return points if points is not None else float("nan")


def binding_notes(result: AllocationResult, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    lines = [say(f"binding_{n}", lang) for n in range(1, 6)]
    if not result.has_duals:
        lines.append(say("binding_none", lang))
    elif result.dual_basis != "LP":
        lines.append(say("binding_held", lang))
    return lines


def binding_sheet(book: Workbook, index: int, result: AllocationResult,
                  title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    frame = binding_frame(result, lang)
    priced = int((frame["shadow price"].abs() > PRINT_PRICE_THRESHOLD).sum())
    printed = min(priced, PRINTED_RULES)
    notes = binding_notes(result, lang)
    if 0 < printed < len(frame):
        notes.append(say("binding_printed", lang, printed=printed, count=len(frame)))
    sheet = table_sheet(book, title, index, frame,
                        formats={"shadow price": PRICE_FORMAT, "index points": POINTS_FORMAT},
                        notes=notes, lang=lang)
    if 0 < printed < len(frame):  # rows are sorted by the size of their value
        sheet.print_area = f"A1:{get_column_letter(len(frame.columns))}{printed + 1}"
    # A description can be twice the column's width: wrapped, it is read (and printed) whole.
    wrap_rows(sheet, list(frame.columns).index("description") + 1, DESCRIPTION_WIDTH, 2,
              len(frame) + 1)
    return sheet


def priorities_sheet(book: Workbook, index: int, result: AllocationResult,
                     title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    table = tables.priority_table(result.data, result.allocation)
    notes = [say("priorities_1", lang), say("priorities_2", lang)]
    sheet = table_sheet(book, title, index, table, formats={"rank": "0"},
                        number_format=NUMBER_FORMAT, freeze="C2", notes=notes, lang=lang)
    wrap_header(sheet, 3, PART_WIDTH)  # criterion names with weights are long
    return sheet


def pair_values_sheet(book: Workbook, index: int, result: AllocationResult,
                      title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    table = tables.pair_value_table(result.data, result.allocation)
    notes = [say(f"pairs_{n}", lang) for n in range(1, 4)]
    formats = {"value_per_eur": VALUE_FORMAT, "rank": "0"}
    return table_sheet(book, title, index, table, formats=formats, number_format=NUMBER_FORMAT,
                       freeze="D2", notes=notes, lang=lang)


def run_info_sheet(book: Workbook, index: int, rows: list[tuple[str, object, str]],
                   title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    table = pd.DataFrame(rows, columns=["key", "value", "note"])
    return table_sheet(book, title, index, table, number_format="General", lang=lang)
