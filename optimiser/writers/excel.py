"""Excel output primitives: safe cells, formatted tables, atomic saves.

Names are data, never formulas: every text cell is written as a string even
when it starts with = + - @, so a country called "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import math
import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from copy import copy
from pathlib import Path

import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.errors import ErrorText, OutputError
from optimiser.readers.workbook import lock_files
from optimiser.writers.words import DEFAULT_LANGUAGE, header

EUR_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
NUMBER_FORMAT = "#,##0.00"
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=11, color="1F4E78")
MAX_WIDTH = 60
TOTAL_LABEL = "Total"
TOTAL_FONT = Font(bold=True)
NOTE_FONT = Font(italic=True, color="595959")
MAX_CELL_CHARS = 32_000  # Excel holds 32,767 characters in a cell and cuts the rest silently
CUT_NOTE = " … (cut here: the text is longer than a cell can hold)"


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
    number_format: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> tuple[int, int]:
    """Write a header + rows at (top, left); returns (last row, last column).

    A numeric cell's format is `formats[column]`, else the one its column's
    name implies (`column_format`), else `number_format`. A row whose first
    value is "Total" is bold. The headers (and the word Total) are written in
    `lang`; `formats` and the table keep the English column names.
    """
    formats = formats or {}
    for j, name in enumerate(table.columns):
        cell = put(sheet, top, left + j, header(name, lang))
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        numeric = _numeric(table.iloc[:, j])  # a number column's header stands over its figures
        cell.alignment = Alignment(wrap_text=False, horizontal="right" if numeric else None)
    chosen = [formats.get(name) or column_format(name) or number_format for name in table.columns]
    styles = _Styles(sheet, chosen)
    for i, record in enumerate(table.itertuples(index=False), start=1):
        total = bool(record) and record[0] == TOTAL_LABEL
        for j, value in enumerate(record):
            styles.put(top + i, left + j, j, header(value, lang) if total and j == 0
                       else value, total)
    return top + len(table), left + len(table.columns) - 1


class _Styles:
    """A table's body cells, written as `put` and the formats would, faster: a new cell
    takes a copy of the style its column and kind (figure or not, Total row or not) got
    the first time, instead of setting the format and font cell by cell (size L: 100k
    cells). A cell that exists already goes the slow way, keeping its own style."""

    def __init__(self, sheet: Worksheet, chosen: list[str | None]):
        self.sheet, self.chosen, self.cells = sheet, chosen, sheet._cells
        self.done: dict[tuple, object] = {}

    def put(self, row: int, column: int, j: int, value: object, total: bool) -> None:
        if isinstance(value, float) and value != value:  # as `put`
            value = None
        elif hasattr(value, "item") and not isinstance(value, str):
            value = value.item()
        fmt = self.chosen[j]
        figure = bool(fmt) and isinstance(value, int | float) and not isinstance(value, bool)
        key = (j, figure, total, value.__class__)  # a date's cell gets a date format
        style = self.done.get(key)
        if style is None or (row, column) in self.cells:
            cell = put(self.sheet, row, column, value)
            if figure:
                cell.number_format = fmt
            if total:
                cell.font = TOTAL_FONT
            self.done.setdefault(key, copy(cell._style))
            return
        cell = Cell(self.sheet, row=row, column=column, value=value, style_array=copy(style))
        if isinstance(value, str):
            cell.data_type = "s"
        self.sheet._add_cell(cell)


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def finish_table_sheet(
    sheet: Worksheet, table: pd.DataFrame, freeze: str = "A2", widths: bool = True
) -> None:
    """Frozen header (`freeze` "B2": and first column), autofilter, widths, printable pages."""
    sheet.freeze_panes = freeze
    if len(table.columns):
        last = get_column_letter(len(table.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table) + 1, 2)}"
    if widths:
        fit_widths(sheet)
    printable(sheet)


def printable(sheet: Worksheet, landscape: bool = True) -> None:
    """Print (and export to PDF) one page wide, header row repeated on every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5


def fit_widths(sheet: Worksheet, minimum: int = 8) -> None:
    widths: dict[int, int] = {}
    for cell in sheet._cells.values():  # the cells that exist: empty ones add nothing
        value = cell._value
        if value is None:
            continue
        text = _display(value, cell.number_format if isinstance(value, float) else None)
        widths[cell.column] = max(widths.get(cell.column, minimum), len(text) + 2)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)


def _display(value: object, number_format: str | None) -> str:
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


def check_writable(path: Path) -> None:
    """Refuse an output path that cannot be replaced safely; nothing is created.

    Called before a long solve and again by `atomic_save`. A rename would
    silently replace a read-only file or one open in Excel or LibreOffice (on
    Linux and macOS nothing stops it), so both are refused. The mode bits are
    read as well as os.access, which says yes to everything for root.
    """
    path = Path(path)
    if path.is_dir():
        raise OutputError(ErrorText("write_folder", path=path))
    locks = lock_files(path)
    if locks:
        raise OutputError(ErrorText("write_open", path=path, lock=locks[0]))
    if path.exists() and not (os.access(path, os.W_OK) and path.stat().st_mode & 0o222):
        raise OutputError(ErrorText("write_read_only", path=path))
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(ErrorText("write_no_folder", parent=path.parent, folder=folder))


def atomic_save(book: Workbook, path: Path) -> None:
    """Save a workbook to a temporary file beside `path`, then rename it into place."""
    limit_cells(book)
    atomic_write(Path(path), book.save)


def limit_cells(book: Workbook) -> int:
    """Cut any text cell longer than MAX_CELL_CHARS at a word, saying so; the count cut.

    A guard: writers put long lists in rows of a sheet, so this should never
    fire. Excel would cut such a cell anyway, in mid-word and without a word.
    """
    cut = 0
    for sheet in book.worksheets:
        for cell in sheet._cells.values():  # only the cells that exist (sparse)
            value = cell.value
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                cell.value = cut_text(value)
                cut += 1
    return cut


def cut_text(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """`text` cut at the last space before `limit` (less the note), with the note."""
    room = limit - len(CUT_NOTE)
    head = text[:room]
    space = head.rfind(" ")
    return (head[:space] if space > room // 2 else head).rstrip() + CUT_NOTE


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    """`write(temporary path)`, then rename onto `path`: never a half-written file.

    The temporary file gets the mode the target has, or would get as a new file
    (tempfile.mkstemp's 0600 would survive the rename and hide the workbook
    from colleagues on a shared drive).
    """
    path = Path(path)
    check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _temporary_beside(path)
    except OSError as error:
        raise OutputError(ErrorText("write_parent", parent=path.parent,
                                    reason=error.strerror)) from error
    try:
        write(str(temp))
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise OutputError(ErrorText("write_failed", path=path, reason=reason)) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _temporary_beside(target: Path) -> Path:
    """An empty new file next to `target`, with the mode the target has or would get."""
    for _ in range(100):
        candidate = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")
        try:
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(descriptor)
        if target.exists():
            shutil.copymode(target, candidate)
        return candidate
    raise FileExistsError(f"no free temporary name next to {target}")


def key_value_rows(pairs: Iterable[tuple[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(list(pairs), columns=["key", "value"])


def write_notes(sheet: Worksheet, row: int, column: int, lines: Iterable[str]) -> int:
    """Explanatory lines, one per row from (row, column), in the note style; the last row."""
    last = row - 1
    for line in lines:
        last += 1
        put(sheet, last, column, line).font = NOTE_FONT
    return last


LINE_HEIGHT = 15  # points per line of 11-point text


def wrapped_lines(text: object, width: int) -> int:
    """Lines the text takes in a column `width` characters wide (a little generous:
    words do not break mid-line)."""
    return max(1, math.ceil(len(str(text or "")) * 1.1 / width))


def wrap_rows(sheet: Worksheet, column: int, width: int, first: int, last: int) -> None:
    """Wrap the text of `column` in rows first..last, each row as tall as its text and read
    from its top line: neither Excel nor LibreOffice grows a row for wrapped text written
    by a program, so without a height the lines run over the rows below when printed."""
    sheet.column_dimensions[get_column_letter(column)].width = width
    # A cell's alignment is an index into the workbook's list of alignments. Setting
    # `cell.alignment` hashes an Alignment per cell (size L: 33k cells, 0.3 s); the index
    # of each top-aligned twin is found once per alignment the rows use. Every cell
    # cell has a style array of its own (`put`, `_Styles` copy theirs), so none is shared.
    alignments = sheet.parent._alignments
    wrapped = alignments.add(Alignment(wrap_text=True, vertical="top"))
    top: dict[int, int] = {}  # alignment index -> the index of its top-aligned twin

    def top_of(index: int) -> int:
        if index not in top:
            top[index] = alignments.add(
                Alignment(horizontal=alignments[index].horizontal, vertical="top"))
        return top[index]

    # The widest row is found once: `sheet[row]` would scan every cell for it, per row.
    for row, cells in enumerate(sheet.iter_rows(min_row=first, max_row=last,
                                                max_col=sheet.max_column), start=first):
        for other in cells:
            if not other._style:  # a cell without a style yet (as openpyxl's setter does)
                other._style = StyleArray()
            other._style.alignmentId = top_of(other._style.alignmentId)
        cell = cells[column - 1]
        cell._style.alignmentId = wrapped
        sheet.row_dimensions[row].height = LINE_HEIGHT * wrapped_lines(cell.value, width)
