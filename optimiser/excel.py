"""Excel output primitives: safe cells, formatted tables, atomic saves.

Names are data, never formulas: every text cell is written as a string even
when it starts with = + - @, so a country called "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.errors import OutputError

EUR_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
NUMBER_FORMAT = "#,##0.00"
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=11, color="1F4E78")
MAX_WIDTH = 60


def put(sheet: Worksheet, row: int, column: int, value: object):
    """Write one value; text is always stored as text (never as a formula)."""
    if isinstance(value, float) and value != value:  # NaN -> empty cell
        value = None
    elif hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def column_format(name: str) -> str | None:
    """Number format from the column's name: *_eur and years are euros."""
    lowered = str(name).lower()
    if lowered.endswith("_eur") or lowered.isdigit() or lowered in ("total", "amount"):
        return EUR_FORMAT
    if lowered.endswith("share") or lowered == "probability":
        return SHARE_FORMAT
    return None


def write_table(
    sheet: Worksheet,
    table: pd.DataFrame,
    top: int = 1,
    left: int = 1,
    formats: dict[str, str] | None = None,
) -> tuple[int, int]:
    """Write a header + rows at (top, left); returns (last row, last column)."""
    formats = formats or {}
    for j, name in enumerate(table.columns):
        cell = put(sheet, top, left + j, str(name))
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=False)
    for i, record in enumerate(table.itertuples(index=False), start=1):
        for j, value in enumerate(record):
            cell = put(sheet, top + i, left + j, value)
            fmt = formats.get(table.columns[j]) or column_format(table.columns[j])
            if fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                cell.number_format = fmt
    return top + len(table), left + len(table.columns) - 1


def finish_table_sheet(sheet: Worksheet, table: pd.DataFrame) -> None:
    """Frozen header, autofilter over the table, sensible widths."""
    sheet.freeze_panes = "A2"
    if len(table.columns):
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table) + 1, 2)}"
    fit_widths(sheet)


def fit_widths(sheet: Worksheet, minimum: int = 8) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            text = _display(cell.value, cell.number_format)
            widths[cell.column] = max(widths.get(cell.column, minimum), len(text) + 2)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)


def _display(value: object, number_format: str) -> str:
    if isinstance(value, float) and number_format == EUR_FORMAT:
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:,.4g}"
    return str(value)


def replace_sheet(book: Workbook, title: str, index: int | None = None) -> Worksheet:
    """A fresh sheet called `title`, replacing one of that name (case-insensitive)."""
    for existing in list(book.worksheets):
        if existing.title.casefold() == title.casefold():
            book.remove(existing)
    return book.create_sheet(title, index)


def atomic_save(book: Workbook, path: Path) -> None:
    """Save to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix,
                                        dir=path.parent)
        os.close(handle)
    except OSError as error:
        raise OutputError(f"Cannot write to {path.parent}: {error.strerror}.") from error
    try:
        book.save(temp)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        reason = error.strerror or str(error)
        raise OutputError(
            f"Cannot write {path}: {reason}. If the file is open in Excel, close it and "
            "run again; any earlier version of the file is unchanged."
        ) from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def key_value_rows(pairs: Iterable[tuple[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(list(pairs), columns=["key", "value"])
