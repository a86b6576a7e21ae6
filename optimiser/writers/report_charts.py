"""Native Excel charts for the result workbook (openpyxl.chart), beside their tables.

Each chart plots cells of the table it stands next to, so it shows what the
table shows (and follows the table's filter in Excel and LibreOffice).
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.writers.words import DEFAULT_LANGUAGE, header, say

MILLIONS_FORMAT = '#,##0.0,,"M"'  # 12,500,000 shows as 12.5M
CM_PER_CATEGORY = 0.6
LABEL_SIZE = 800  # 8 pt
MIN_HEIGHT_CM = 7.5
WIDTH_CM = 18.0


def stacked_bars(
    sheet: Worksheet,
    title: str,
    *,
    categories: int,
    series: Sequence[int],
    last_row: int,
    anchor_column: int,
    axis_title: str = "EUR",
) -> BarChart:
    """Horizontal stacked bars: one bar per table row 2..last_row, one stack per series column.

    `categories` and `series` are 1-based column numbers; the series take their
    names from the header row. The chart stands right of the table, at
    `anchor_column`, row 2.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.gapWidth = 60
    chart.title = title
    for column in series:
        values = Reference(sheet, min_col=column, min_row=1, max_row=last_row)
        chart.series.append(Series(values, title_from_data=True))
    names = Reference(sheet, min_col=categories, min_row=2, max_row=last_row)
    for line in chart.series:  # names are text: a string reference (openpyxl writes numbers)
        line.cat = AxDataSource(strRef=StrRef(f=str(names)))
    chart.x_axis.scaling.orientation = "maxMin"  # first table row on top
    chart.x_axis.tickLblSkip = 1  # every name, even when they are many
    chart.x_axis.txPr = _font(LABEL_SIZE)
    chart.y_axis.txPr = _font(LABEL_SIZE)
    chart.y_axis.number_format = MILLIONS_FORMAT
    chart.y_axis.title = axis_title
    chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told
    chart.y_axis.delete = False
    chart.legend.position = "b"
    rows = max(last_row - 1, 1)
    chart.height = max(MIN_HEIGHT_CM, CM_PER_CATEGORY * rows + 4)
    chart.width = WIDTH_CM
    sheet.add_chart(chart, f"{get_column_letter(anchor_column)}2")
    return chart


def _font(size: int) -> RichText:
    """Axis labels at `size` hundredths of a point."""
    props = CharacterProperties(sz=size)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)
    paragraph.r = []  # no empty run
    return RichText(p=[paragraph])


def by_year_chart(sheet: Worksheet, title: str, rows: int, years: int) -> BarChart | None:
    """Stacked bars for a By country / By instrument table: rows × years (Total row left out).

    The table stands at A1 with the names in column A, the years in columns
    B.. and a Total column and row; `rows` counts the named rows.
    """
    if rows == 0 or years == 0:
        return None
    return stacked_bars(sheet, title, categories=1, series=range(2, 2 + years),
                        last_row=1 + rows, anchor_column=years + 4)


def envelope_chart(sheet: Worksheet, rows: int, lang: str = DEFAULT_LANGUAGE
                   ) -> BarChart | None:
    """Envelope use per source and year: committed, newly allocated, unallocated, stacked.

    The Envelope use table stands at A1 with the envelope's name in column A.
    """
    if rows == 0:
        return None
    names = []
    for cell in sheet[1]:  # the header, up to the first empty cell (notes stand beyond)
        if cell.value is None:
            break
        names.append(cell.value)
    parts = [names.index(header(name, lang)) + 1 for name in
             ("committed_eur", "newly_allocated_eur", "unallocated_eur")]
    return stacked_bars(sheet, say("chart_envelopes", lang), categories=1,
                        series=parts, last_row=1 + rows, anchor_column=len(names) + 3)
