"""Write small workbooks for tests: a dict of sheet name -> rows (row 1 = header)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

Rows = list[list[object]]


def write_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """Write `sheets` to `path` as an .xlsx file, in the given order, and return the path."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def minimal_sheets() -> dict[str, Rows]:
    """A small valid workbook: two countries, two instruments, two sources, one year.

    Morocco (priority 2×4 = 8) and Jordan (priority 2×1 = 2); dialogue
    (effectiveness 1, non-ODA only) and protection (fully ODA-eligible).
    """
    return {
        "Criteria": [["criterion", "weight"], ["relevance", 2]],
        "Countries": [
            ["country", "dac_eligible", "absorption_eur", "relevance"],
            ["Morocco", True, 10_000_000, 4],
            ["Jordan", True, None, 1],
        ],
        "Instruments": [
            ["instrument", "theme", "oda_share"],
            ["dialogue", "dialogue", 0],
            ["shelter", "protection", 1],
        ],
        "Sources": [["source", "oda"], ["BHO ODA", True], ["A&M non-ODA", False]],
        "Envelopes": [
            ["year", "source", "amount_eur"],
            [2027, "BHO ODA", 6_000_000],
            [2027, "A&M non-ODA", 2_000_000],
        ],
    }
