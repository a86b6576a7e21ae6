"""Print-ready workbooks: every sheet prints one page wide, with a footer.

A memo annex is a printed (or PDF) workbook. Each sheet gets A4, portrait when
its printed columns fit the page and landscape where they are wide, fit to one
page wide (never a table cut across the page width), its header row repeated
(set by the table writers), and a footer naming the input file, the sheet and
page, and the run date. The page setup of a sheet that has its own (a user's
input sheet set up for printing) is kept; only its footer is added.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.writers.words import DEFAULT_LANGUAGE, say

# A4 at half-inch side margins: column-width units across, and points down, per page at
# full size; LibreOffice and Excel print a row at about 12.8 pt.
PAGE = {"portrait": (100.0, 700.0), "landscape": (146.0, 460.0)}
ROW_PT = 12.8
DEFAULT_WIDTH = 9.0  # Excel's width of a column never sized
FOOTER_SIZE = 8


def print_ready(book: Workbook, input_name: str, run_date: str,
                lang: str = DEFAULT_LANGUAGE) -> None:
    """Give every sheet of `book` a page setup and the footer in `lang` (before saving)."""
    for sheet in book.worksheets:
        set_up = sheet.sheet_properties.pageSetUpPr
        if set_up is None or not set_up.fitToPage:
            fit_one_page_wide(sheet)
        elif sheet.page_setup.fitToHeight != 1:  # one-page sheets (a front page) stay as set
            sheet.page_setup.orientation = orientation(sheet)
        footer(sheet, input_name, run_date, lang)


def fit_one_page_wide(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation(sheet)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    if sheet.max_row > 1 and sheet.print_title_rows is None and sheet.freeze_panes == "A2":
        sheet.print_title_rows = "1:1"


def orientation(sheet: Worksheet) -> str:
    """The orientation that prints the sheet, one page wide, on fewer pages; on a tie
    landscape where the columns are wider than a portrait page (larger print)."""
    width = printed_width(sheet)
    height = printed_height(sheet)
    pages = {name: estimated_pages(width, height, *size) for name, size in PAGE.items()}
    if pages["portrait"] < pages["landscape"] or width <= PAGE["portrait"][0]:
        return "portrait"
    return "landscape"


def estimated_pages(width: float, height: float, page_width: float, page_height: float) -> int:
    scale = min(1.0, page_width / width) if width > 0 else 1.0
    return max(1, -int(-height * scale // page_height))  # ceiling


def printed_height(sheet: Worksheet) -> float:
    rows = sheet.row_dimensions
    return sum((rows[n].height or ROW_PT) if n in rows else ROW_PT
               for n in range(1, sheet.max_row + 1))


def printed_width(sheet: Worksheet) -> float:
    last = sheet.max_column
    if sheet.print_area:
        area = sheet.print_area.split("!")[-1].split(",")[0].replace("$", "")
        last = range_boundaries(area)[2] or last
    dimensions = sheet.column_dimensions
    return sum((dimensions[get_column_letter(n)].width or DEFAULT_WIDTH)
               if get_column_letter(n) in dimensions else DEFAULT_WIDTH
               for n in range(1, last + 1))


def footer(sheet: Worksheet, input_name: str, run_date: str,
           lang: str = DEFAULT_LANGUAGE) -> None:
    """Input file left, sheet and page of pages centre, run date right (every page)."""
    for part, text in ((sheet.oddFooter.left, _escaped(input_name)),
                       (sheet.oddFooter.center, say("footer_page", lang)),
                       (sheet.oddFooter.right, _escaped(run_date))):
        part.text = text
        part.size = FOOTER_SIZE


def _escaped(text: str) -> str:
    return text.replace("&", "&&")  # & starts a header/footer code
