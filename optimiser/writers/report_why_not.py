"""The Why not sheet: a reason for every zero country and instrument and every
unallocated euro (issue 9), from `optimiser.results.why_not`."""

from __future__ import annotations

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.results.extract import AllocationResult
from optimiser.results.why_not import why_not_table
from optimiser.writers.excel import EUR_FORMAT, wrap_rows
from optimiser.writers.report_sheets import table_sheet
from optimiser.writers.words import (
    DEFAULT_LANGUAGE,
    localise,
    places,
    say,
    sheet_title,
    term,
)

TEXT_WIDTH = 70  # the explanation column wraps at this width
HEADERS = {"where": "where in the workbook", "change": "smallest change that would alter it"}
TERMS = ("what", "reason")  # columns of words from a fixed list, written in the language
TEXTS = ("explanation", "change")  # the results stage's texts, said in the language


def why_not_notes(empty: bool, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    notes = [say("why_not_1", lang), say("why_not_2", lang),
             say("why_not_3", lang, sheet=sheet_title("Binding limits", lang))]
    return [say("why_not_nothing", lang), notes[0]] if empty else notes


def why_not_sheet(book: Workbook, index: int, result: AllocationResult,
                  title: str, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    table = why_not_table(result)
    for name in TERMS:
        table[name] = [term(value, lang) for value in table[name]]
    for name in TEXTS:
        table[name] = [localise(value, lang) for value in table[name]]
    table["where"] = [places(localise(value, lang), lang) for value in table["where"]]
    table = table.rename(columns=HEADERS)
    sheet = table_sheet(book, title, index, table, formats={"year": "0",
                                                            "amount_eur": EUR_FORMAT},
                        notes=why_not_notes(table.empty, lang), lang=lang)
    column = list(table.columns).index("explanation") + 1
    wrap_rows(sheet, column, TEXT_WIDTH, 2, len(table) + 1)
    return sheet
