"""Sheets and native charts shared by the scenario and sensitivity workbooks.

Built on `optimiser.writers.excel` (text always through `put`, tables through
`write_table`): a table sheet may carry note rows above its header, which
stays frozen and filtered like the result workbook's; charts are openpyxl's
own, so they stay live when a user edits the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.writers.excel import EUR_FORMAT, fit_widths, key_value_rows, put, write_table
from optimiser.writers.words import DEFAULT_LANGUAGE, localise, term

IMPACT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"
WHOLE_PERCENT_FORMAT = "0%"
NOTE_FONT = Font(italic=True, color="404040")
CHART_WIDTH_CM, CHART_HEIGHT_CM = 22.0, 11.0
BAR_CM = 0.8  # height per category of a horizontal bar chart
CHART_ROWS = 24  # rows a chart of CHART_HEIGHT_CM covers, to stack a second one below
MESSAGE_WIDTH = 80  # a column of long explanations
# Columns whose cells are words from the tool's short fixed lists (how a point was solved,
# its status, the base scenario's name, a country or instrument): written in the
# workbook's language; so are the what-if stage's messages (a `Said`).
TERM_COLUMNS = ("method", "scenario", "kind", "status", "low_status", "high_status")
SAID_COLUMNS = ("message", "low_message", "high_message")
LINE_HEIGHT_PT, MAX_LINES = 15.0, 30  # Excel's row height caps at 409 pt


@dataclass(frozen=True)
class Placed:
    """Where a table stands on its sheet."""

    sheet: Worksheet
    header: int  # row of the header
    last_row: int
    columns: dict[str, int]  # column name -> column number

    @property
    def first_row(self) -> int:
        return self.header + 1

    @property
    def rows(self) -> int:
        return self.last_row - self.header

    def reference(self, name: str, *, with_header: bool = True, rows: int | None = None
                  ) -> Reference:
        """The cells of one column (from its header, for a series title)."""
        column = self.columns[name]
        last = self.last_row if rows is None else min(self.last_row, self.header + rows)
        top = self.header if with_header else self.first_row
        return Reference(self.sheet, min_col=column, min_row=top, max_row=max(last, top))

    def anchor(self, offset_rows: int = 0) -> str:
        """A cell two columns right of the table, for a chart."""
        return f"{get_column_letter(max(self.columns.values()) + 2)}{self.header + offset_rows}"


def table_sheet(book: Workbook, title: str, table: pd.DataFrame, *, notes: Sequence[str] = (),
                formats: dict[str, str] | None = None, wrap: Iterable[str] = (),
                lang: str = DEFAULT_LANGUAGE) -> Placed:
    """A sheet holding `table` under its note rows: frozen header, autofilter, widths."""
    sheet = book.create_sheet(title)
    return place_table(sheet, table, top=len(notes) + 2 if notes else 1, notes=notes,
                       formats=formats, wrap=wrap, freeze=True, lang=lang)


def place_table(sheet: Worksheet, table: pd.DataFrame, *, top: int, notes: Sequence[str] = (),
                formats: dict[str, str] | None = None, wrap: Iterable[str] = (),
                freeze: bool = False, lang: str = DEFAULT_LANGUAGE) -> Placed:
    """Write `table` with its header (in `lang`) at row `top`, notes in the rows above it.
    `Placed.columns` keeps the English names, for the charts."""
    table = _in_language(table, lang)
    last_row, last_column = write_table(sheet, table, top, 1, formats, lang=lang)
    columns = {str(name): n for n, name in enumerate(table.columns, start=1)}
    if freeze:
        sheet.freeze_panes = f"A{top + 1}"
        if len(table.columns):
            sheet.auto_filter.ref = (f"A{top}:{get_column_letter(last_column)}"
                                     f"{max(last_row, top + 1)}")
    fit_widths(sheet)  # before the notes, which may overflow into empty cells
    for name in wrap:
        if name in columns:
            _wrap_column(sheet, columns[name], top + 1, last_row)
    for offset, text in enumerate(notes):
        put(sheet, top - len(notes) - 1 + offset, 1, text).font = NOTE_FONT
    return Placed(sheet, top, last_row, columns)


def _in_language(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`table` with its fixed-list words and the what-if stage's messages in `lang`."""
    said = {name: localise for name in SAID_COLUMNS} | {name: _terms for name in TERM_COLUMNS}
    columns = [name for name in table.columns if name in said]
    if lang == DEFAULT_LANGUAGE or not columns:
        return table
    table = table.copy()
    for name in columns:
        table[name] = [said[name](value, lang) for value in table[name]]
    return table


def _terms(value: object, lang: str) -> object:
    """A fixed-list word, or several joined by '; ' (a tornado row's two methods), in `lang`."""
    if isinstance(value, str) and "; " in value:
        return "; ".join(str(term(part, lang)) for part in value.split("; "))
    return term(value, lang)


def _wrap_column(sheet: Worksheet, column: int, first: int, last: int) -> None:
    """Wrap long text; rows get the height of their lines (not every reader fits them)."""
    sheet.column_dimensions[get_column_letter(column)].width = MESSAGE_WIDTH
    for row in range(first, last + 1):
        cell = sheet.cell(row=row, column=column)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, str):
            lines = sum(1 + len(line) // MESSAGE_WIDTH for line in cell.value.splitlines())
            if lines > 1:
                sheet.row_dimensions[row].height = LINE_HEIGHT_PT * min(lines, MAX_LINES)


def key_value_sheet(book: Workbook, title: str, pairs: list[tuple[str, object]],
                    index: int | None = None, lang: str = DEFAULT_LANGUAGE) -> Worksheet:
    """A two-column sheet (key, value) whose values may be long sentences."""
    sheet = book.create_sheet(title, index)
    table = key_value_rows(pairs)
    write_table(sheet, table, formats={"value": "#,##0.######"}, lang=lang)
    sheet.freeze_panes = "A2"
    fit_widths(sheet)
    _wrap_column(sheet, 2, 2, len(table) + 1)
    return sheet


# -- charts ---------------------------------------------------------------------

def _sized(chart, title: str, x_title: str | None, y_title: str | None, y_format: str | None):
    chart.title = title
    chart.width, chart.height = CHART_WIDTH_CM, CHART_HEIGHT_CM
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    # openpyxl leaves `delete` unset, which recent Excel reads as hidden axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if y_format:
        chart.y_axis.numFmt = y_format
    return chart


def bar_chart(placed: Placed, values: Sequence[str], categories: str, *, title: str,
              x_title: str | None = None, y_title: str | None = None,
              y_format: str | None = IMPACT_FORMAT, horizontal: bool = False,
              rows: int | None = None, stacked: bool = False) -> BarChart:
    """Columns (or horizontal bars) of one or more table columns, one per category row.

    Horizontal bars list the first row at the top (a ranked table reads top-down)."""
    chart = _sized(BarChart(), title, x_title, y_title, y_format)
    chart.type = "bar" if horizontal else "col"
    chart.x_axis.tickLblPos = "low"  # names beside the plot, clear of negative bars
    for name in values:
        chart.add_data(placed.reference(name, rows=rows), titles_from_data=True)
    chart.set_categories(placed.reference(categories, with_header=False, rows=rows))
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"
        shown = placed.rows if rows is None else min(rows, placed.rows)
        chart.height = max(CHART_HEIGHT_CM, BAR_CM * shown * max(1, len(values) // 2))
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    elif len(values) > 1 and horizontal:
        chart.overlap = 100  # a tornado: the low and high bars share one line
    if len(values) == 1:
        chart.legend = None
    return chart


def series_chart(placed: Placed, names: Sequence[str], label_column: str, *, title: str,
                 x_title: str, y_title: str, stacked: bool = True) -> BarChart:
    """One series per table row (a country), one category per column (a scale step)."""
    chart = _sized(BarChart(), title, x_title, y_title, EUR_FORMAT)
    chart.type = "col"
    first, last = placed.columns[names[0]], placed.columns[names[-1]]
    label = get_column_letter(placed.columns[label_column])
    for row in range(placed.first_row, placed.last_row + 1):
        series = Series(Reference(placed.sheet, min_col=first, max_col=last, min_row=row),
                        title_from_data=False)
        series.tx = SeriesLabel(strRef=StrRef(f"{_quoted(placed.sheet)}!${label}${row}"))
        chart.series.append(series)
    chart.set_categories(Reference(placed.sheet, min_col=first, max_col=last,
                                   min_row=placed.header))
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    return chart


def _quoted(sheet: Worksheet) -> str:
    return "'" + sheet.title.replace("'", "''") + "'"


def scatter_chart(placed: Placed, x: str, y: str, *, title: str, x_title: str, y_title: str,
                  x_format: str | None = EUR_FORMAT, y_format: str | None = IMPACT_FORMAT
                  ) -> ScatterChart:
    """y against x as a line with markers (points of a curve)."""
    chart = _sized(ScatterChart(), title, x_title, y_title, y_format)
    chart.style = 13
    series = Series(placed.reference(y, with_header=False),
                    placed.reference(x, with_header=False), title=y_title)
    series.marker.symbol = "circle"
    chart.series.append(series)
    if x_format:
        chart.x_axis.numFmt = x_format
    chart.legend = None
    return chart


def add_chart(placed: Placed, chart, offset_rows: int = 0) -> None:
    placed.sheet.add_chart(chart, placed.anchor(offset_rows))

