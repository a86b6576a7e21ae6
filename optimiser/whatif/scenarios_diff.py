"""Which input cells a scenario changed: `input_diff(base, changed)`, cell by cell, old -> new.

Rows are paired by their row number (a scenario keeps every row where it is
and adds rows below the last), cells by column. Values are compared as found:
blank equals blank, 2e6 equals 2000000, TRUE differs from 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from optimiser.readers import schema
from optimiser.readers.cells import is_blank, number_text, shown
from optimiser.readers.workbook import (
    INPUT_SHEETS,
    RawCell,
    RawRow,
    RawSheet,
    RawWorkbook,
    normalise,
)

_SHEET_ORDER = {key: index for index, key in enumerate(INPUT_SHEETS)}


@dataclass(frozen=True)
class CellChange:
    """One input cell that differs between two sets of raw tables."""

    sheet: str  # sheet title
    cell: str  # A1 ref, "C4"
    column: str  # header as written ("amount_eur")
    row_label: str  # the row's key, "2027, A&M non-ODA"; "row 7" for a sheet without one
    old: object  # None: blank, or the cell did not exist (an added row or column)
    new: object  # None: blank

    def __str__(self) -> str:
        return (f"{self.sheet}!{self.cell} {self.column} ({self.row_label}): "
                f"{_text(self.old)} -> {_text(self.new)}")


def input_diff(base: RawWorkbook, changed: RawWorkbook) -> list[CellChange]:
    """Every input cell whose value differs, added rows and columns included.

    In sheet order (that of SPEC §1), then by row, then by column.
    """
    keys = sorted(set(base.sheets) | set(changed.sheets),
                  key=lambda key: (_SHEET_ORDER.get(key, len(_SHEET_ORDER)), key))
    changes: list[CellChange] = []
    for key in keys:
        changes += _sheet_diff(base.sheets.get(key), changed.sheets.get(key), INPUT_SHEETS.get(key))
    return changes


def _sheet_diff(
    before: RawSheet | None, after: RawSheet | None, sheet: schema.Sheet | None
) -> list[CellChange]:
    old_rows = {row.row: row for row in before.rows} if before else {}
    new_rows = {row.row: row for row in after.rows} if after else {}
    shown_sheet = after or before
    headers = {**dict(before.headers if before else ()), **dict(after.headers if after else ())}
    changes = []
    for number in sorted(old_rows.keys() | new_rows.keys()):
        old = old_rows[number].cells if number in old_rows else {}
        new = new_rows[number].cells if number in new_rows else {}
        label = None
        for key in sorted(old.keys() | new.keys(), key=lambda key: _column((new | old)[key])):
            old_value, new_value = _value(old.get(key)), _value(new.get(key))
            if _same(old_value, new_value):
                continue
            label = label or _row_label(old_rows.get(number) or new_rows[number], sheet)
            cell = (new.get(key) or old[key]).ref
            header = headers.get(coordinate_from_string(cell)[0], key)
            changes.append(CellChange(shown_sheet.title, cell, header, label, old_value, new_value))
    return changes


def _column(cell: RawCell) -> int:
    return column_index_from_string(coordinate_from_string(cell.ref)[0])


def _value(cell: RawCell | None) -> object:
    return None if cell is None else cell.value


def _same(old: object, new: object) -> bool:
    if is_blank(old) or is_blank(new):
        return is_blank(old) and is_blank(new)
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new  # TRUE == 1 in Python, not in a workbook
    return old == new


def _row_label(row: RawRow, sheet: schema.Sheet | None) -> str:
    """The row's key values ("2027, A&M non-ODA"); a free-text first column where the sheet
    has no key (a commitment's reference, a limit's name); else "row N"."""
    columns = sheet.key if sheet else ()
    if sheet and not columns and sheet.columns[0].kind is schema.Kind.TEXT:
        columns = (sheet.columns[0].name,)
    values = [_value(row.cells.get(normalise(column))) for column in columns]
    if not values or all(is_blank(value) for value in values):
        return f"row {row.row}"
    return ", ".join(_text(value) for value in values)


def _text(value: object) -> str:
    shown_value = shown(value)
    if shown_value is None:
        return "blank"
    if isinstance(shown_value, float):
        return number_text(shown_value)
    return str(shown_value).strip()

