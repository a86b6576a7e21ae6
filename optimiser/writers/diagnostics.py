"""The diagnostics workbook written when a workbook's rules are infeasible.

It cannot be mistaken for a result: its name ends in `-infeasible`, it has
no Allocation or Summary sheet and no input sheets, and its first sheet says
in red that no allocation was made.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from models.registry import rule_of
from optimiser.errors import InfeasibleError
from optimiser.solve.explain import Diagnosis
from optimiser.writers.excel import atomic_save, finish_table_sheet, fit_widths, put, write_table
from optimiser.writers.print_setup import print_ready
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, say, sheet_title, term

NOTICE_SHEET = "INFEASIBLE"
CONFLICT_SHEET = "Conflicting rules"
CHANGE_SHEET = "Least change"
IMPOSSIBLE_SHEET = "Impossible rules"


def _origins(label) -> tuple[str, str]:
    sheets = ", ".join(dict.fromkeys(o.sheet for o in label.origins)) or "Settings"
    rows = ", ".join(str(o.row) for o in label.origins if o.row is not None)
    return sheets, rows


def conflict_table(diagnosis: Diagnosis, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    rows = [(*_origins(label), term(rule_of(label.rule).title, lang), localise(label.text, lang))
            for label in diagnosis.conflicting]
    return pd.DataFrame(rows, columns=["sheet", "rows", "rule", "description"])


def change_table(diagnosis: Diagnosis, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    rows = []
    for change in diagnosis.relaxations:
        sheet, at = _origins(change.label)
        unit = say("diag_countries", lang) if change.label.unit == "count" else "EUR"
        direction = say(f"diag_{change.direction}", lang)
        rows.append((sheet, at, term(rule_of(change.label.rule).title, lang),
                     localise(change.label.text, lang),
                     say("diag_change", lang, direction=direction), change.amount, unit))
    return pd.DataFrame(rows, columns=["sheet", "rows", "rule", "description", "change",
                                       "amount", "unit"])


def impossible_table(diagnosis: Diagnosis, lang: str = DEFAULT_LANGUAGE) -> pd.DataFrame:
    rows = [(*_origins(c.label), term(rule_of(c.label.rule).title, lang),
             localise(c.label.text, lang), localise(c.reason, lang))
            for c in diagnosis.conflicts]
    return pd.DataFrame(rows, columns=["sheet", "rows", "rule", "description", "why"])


def explanation_text(error: InfeasibleError) -> str:
    """What the terminal says of an infeasible workbook, in the language its diagnostics
    workbook was written in (`error.lang`)."""
    lines = [str(error)] if error.lang == DEFAULT_LANGUAGE or error.diagnosis is None \
        else [localise(line, error.lang) for line in error.diagnosis.lines()]
    if error.diagnostics_path is not None:
        lines.append(say("diag_written", error.lang, path=error.diagnostics_path))
    return "\n".join(lines)


def write_diagnostics(diagnosis: Diagnosis, input_name: str, path: Path,
                      lang: str = DEFAULT_LANGUAGE) -> None:
    """The diagnostics workbook in `lang`."""
    book = Workbook()
    notice = book.active
    notice.title = sheet_title(NOTICE_SHEET, lang)
    put(notice, 1, 1, say("diag_title", lang, name=input_name)).font \
        = Font(bold=True, size=14, color="C00000")
    put(notice, 2, 1, say("diag_not_result", lang))
    for n, line in enumerate(diagnosis.lines(), start=4):
        put(notice, n, 1, localise(line, lang))
    fit_widths(notice)
    for title, table in ((CONFLICT_SHEET, conflict_table(diagnosis, lang)),
                         (CHANGE_SHEET, change_table(diagnosis, lang)),
                         (IMPOSSIBLE_SHEET, impossible_table(diagnosis, lang))):
        if table.empty:
            continue
        sheet = book.create_sheet(sheet_title(title, lang))
        write_table(sheet, table, formats={"amount": "#,##0"}, lang=lang)
        finish_table_sheet(sheet, table)
    print_ready(book, input_name, date.today().isoformat(), lang)
    atomic_save(book, path)
