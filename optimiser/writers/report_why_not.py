"""The Why not sheet: a reason for every zero country and instrument and every
unallocated euro (issue 9), from `optimiser.results.why_not`."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.results.extract import AllocationResult
from optimiser.results.why_not import why_not_table
from optimiser.writers.excel import EUR_FORMAT
from optimiser.writers.report_sheets import table_sheet

TEXT_WIDTH = 70  # the explanation column wraps at this width
NOTES = [
    "One row per country and per instrument that gets no money over the horizon, and per "
    "envelope (year, source) with money left over.",
    "excluded by a rule: a rule of the workbook keeps it out whatever the values. "
    "out-valued: its best line is worth less per euro than the money at the margin.",
    "blocked by rules: binding rules keep it out; each binding rule is on the sheet "
    "Binding limits. Values at the margin are estimates (about): from the envelope shadow "
    "prices, else from the lowest value per euro the allocation funds by choice.",
]
HEADERS = {"what": "what", "name": "name", "year": "year", "source": "source",
           "amount_eur": "amount_eur", "reason": "reason", "explanation": "explanation",
           "where": "where in the workbook", "change": "smallest change that would alter it"}


def why_not_sheet(book: Workbook, index: int, result: AllocationResult,
                  title: str) -> Worksheet:
    table = why_not_table(result).rename(columns=HEADERS)
    sheet = table_sheet(book, title, index, table, formats={"year": "0",
                                                            "amount_eur": EUR_FORMAT},
                        notes=NOTES if not table.empty else
                        ["Every country and instrument gets money and every envelope is "
                         "spent: nothing to explain.", *NOTES[:1]])
    column = list(table.columns).index(HEADERS["explanation"]) + 1
    letter = sheet.cell(row=1, column=column).column_letter
    sheet.column_dimensions[letter].width = TEXT_WIDTH
    for row in range(2, len(table) + 2):
        sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True,
                                                                 vertical="top")
    return sheet
