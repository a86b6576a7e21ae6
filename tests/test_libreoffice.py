"""The result workbook opened in a real spreadsheet application (LibreOffice headless).

It must open without error, export to PDF, and export every sheet to CSV with
the figures we wrote. Skipped when `soffice` is not on the PATH (`.ci/run`
installs libreoffice-calc-nogui).
"""

from __future__ import annotations

import csv
import shutil

import pytest
from openpyxl import load_workbook

from optimiser.api import run
from optimiser.readers import schema
from optimiser.writers.office import page_png, soffice, to_csv, to_pdf
from tests.report_books import write_book

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not on the PATH"),
]


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("libreoffice")
    report = run(write_book(folder / "book.xlsx"), folder / "book-allocation.xlsx")
    return report.output_path, load_workbook(report.output_path)


@pytest.fixture(scope="module")
def csvs(result, tmp_path_factory):
    path, _ = result
    return to_csv(path, tmp_path_factory.mktemp("csv"))


def read_csv(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def number(text: str) -> float:
    """A figure as LibreOffice exports it: plain, or with a % sign when formatted so."""
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def same(written: object, exported: str) -> bool:
    if written is None:
        return exported == ""
    if isinstance(written, bool):
        return exported == str(written).upper()
    if isinstance(written, int | float):
        return number(exported) == pytest.approx(written, rel=1e-12, abs=1e-9)
    return exported == str(written)


def test_it_opens_and_exports_to_pdf(result, tmp_path):
    path, _ = result
    pdf = to_pdf(path, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        png = page_png(pdf, tmp_path / "summary.png", dpi=40)
        assert png.read_bytes().startswith(b"\x89PNG")


def test_every_sheet_is_there(result, csvs):
    _, book = result
    assert list(csvs) == book.sheetnames
    assert all(path.is_file() for path in csvs.values())


def test_allocation_amounts_read_back_equal(result, csvs):
    _, book = result
    exported = read_csv(csvs[schema.ALLOCATION])
    written = list(book[schema.ALLOCATION].iter_rows(values_only=True))
    assert exported[0] == list(schema.ALLOCATION_COLUMNS)
    assert len(exported) == len(written) > 2
    for row_written, row_exported in zip(written[1:], exported[1:], strict=True):
        assert all(same(w, e) for w, e in zip(row_written, row_exported, strict=True)), (
            row_written, row_exported)


def test_summary_values_read_back_equal(result, csvs):
    _, book = result
    exported = {row[0]: row[1] for row in read_csv(csvs[schema.SUMMARY])[1:] if row[0]}
    written = {key: value for key, value in
               book[schema.SUMMARY].iter_rows(min_row=2, max_col=2, values_only=True) if key}
    assert list(exported) == list(written)
    for key, value in written.items():
        assert same(value, exported[key]), (key, value, exported[key])
    assert exported["status"] == "optimal"


def test_the_tables_read_back_equal(result, csvs):
    _, book = result
    for title in ("By country", "Matrix 2028", "Binding limits", "Priorities"):
        exported = read_csv(csvs[title])
        for row_written, row_exported in zip(book[title].iter_rows(values_only=True),
                                             exported, strict=True):
            assert all(same(w, e) for w, e in zip(row_written, row_exported, strict=False))
