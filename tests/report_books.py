"""A small input workbook for the result-workbook tests (quick to solve)."""

from __future__ import annotations

from pathlib import Path

from tests.workbooks import Rows, edit_workbook, minimal_sheets, write_workbook

FORMULA_NAME = '=HYPERLINK("x")'


def two_year_sheets() -> dict[str, Rows]:
    """minimal_sheets over 2027–2028, with a third country whose name looks like a formula.

    2028 has the larger envelope, so it is the default matrix year.
    """
    sheets = minimal_sheets()
    sheets["Countries"].append([FORMULA_NAME, False, 1_000_000, 3])
    sheets["Envelopes"] += [[2028, "BHO ODA", 7_000_000], [2028, "A&M non-ODA", 3_000_000]]
    return sheets


def write_book(path: Path) -> Path:
    """two_year_sheets() at `path`, the formula-looking country name stored as text."""
    write_workbook(path, two_year_sheets())

    def as_text(book):
        book["Countries"]["A4"].data_type = "s"

    return edit_workbook(path, as_text)
