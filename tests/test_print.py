"""Print-ready workbooks: a page setup and footer on every sheet, and the example's result
workbook printed through LibreOffice on at most 30 pages with no table cut across a page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from openpyxl import Workbook, load_workbook

from optimiser.api import run
from optimiser.writers.office import soffice, to_pdf
from optimiser.writers.print_setup import estimated_pages, footer, orientation, print_ready
from tests.report_books import write_book

MAX_PAGES = 30  # the example printed on 81 pages before the page setup
FOOTER = re.compile(r"example\.xlsx\s+(.+?), page (\d+) of (\d+)")


def test_long_narrow_sheets_print_portrait_wide_short_ones_landscape():
    book = Workbook()
    long, wide = book.active, book.create_sheet("wide")
    for n in range(1, 201):
        long.cell(n, 1, n)
    long.column_dimensions["A"].width = 120  # 1.2 portrait widths, 200 rows
    wide.column_dimensions["A"].width = 140
    wide["A1"] = "x"
    # portrait: scale 100/120, 200 × 12.8 pt × 0.833 / 700 pt = 3.05 -> 4 pages;
    # landscape: full size, 2560 pt / 460 pt = 5.6 -> 6 pages
    assert (estimated_pages(120, 2560, 100, 700), estimated_pages(120, 2560, 146, 460)) == (4, 6)
    assert orientation(long) == "portrait"
    assert orientation(wide) == "landscape"  # one page either way: the larger print


def test_every_sheet_gets_a_page_setup_and_footer(tmp_path):
    report = run(write_book(tmp_path / "book.xlsx"), tmp_path / "out.xlsx")
    book = load_workbook(report.output_path)
    for sheet in book.worksheets:  # input sheets too: a user's copy set up for printing
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.oddFooter.left.text == "book.xlsx", sheet.title
        assert sheet.oddFooter.center.text == "&A, page &P of &N"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", sheet.oddFooter.right.text)
    assert book["Summary"].page_setup.fitToHeight == 1


def test_an_ampersand_in_the_file_name_is_printed_as_written():
    sheet = Workbook().active
    footer(sheet, "R&D.xlsx", "2026-01-01")
    assert sheet.oddFooter.left.text == "R&&D.xlsx"


def test_a_sheet_set_up_by_its_author_keeps_its_orientation():
    book = Workbook()
    sheet = book.active
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 1
    sheet.page_setup.orientation = "portrait"
    sheet.column_dimensions["A"].width = 200
    print_ready(book, "in.xlsx", "2026-01-01")
    assert sheet.page_setup.orientation == "portrait"


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and poppler's pdftotext")
def test_the_example_prints_on_few_pages_with_whole_tables(tmp_path):
    report = run(None, tmp_path / "example-allocation.xlsx")
    pdf = to_pdf(report.output_path, tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) <= MAX_PAGES
    by_sheet: dict[str, list[str]] = {}
    for page in pages:
        found = FOOTER.findall(page)
        assert found, page[-300:]  # every page has the footer
        by_sheet.setdefault(found[-1][0].strip(), []).append(page)
    assert len(by_sheet["Summary"]) == 1
    # One page wide: every page of a long table holds its first and last column headers
    # (repeated on each page), so no column was pushed onto a page of its own.
    for title, first, last in (("Allocation", "year", "amount_eur"),
                               ("Binding limits", "sheet", "per"),
                               ("Pair values", "rank", "allocated_eur")):
        for page in by_sheet[title]:
            header = next(line for line in page.splitlines() if line.strip())
            assert header.split()[0] == first and header.split()[-1] == last, header
