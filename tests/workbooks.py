"""Write small workbooks for tests: a dict of sheet name -> rows (row 1 = header)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

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


def edit_workbook(path: Path, change) -> Path:
    """Open the workbook at `path` with openpyxl, apply `change(book)`, save it in place."""
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def sheet_member(path: Path, title: str) -> str:
    """The ZIP member of sheet `title` in a workbook written by openpyxl (sheetN.xml, in order)."""
    book = load_workbook(path, read_only=True)
    index = book.sheetnames.index(title) + 1
    book.close()
    return f"xl/worksheets/sheet{index}.xml"


def rewrite_member(path: Path, member: str, change) -> Path:
    """Replace ZIP member `member` of the file at `path` by `change(old_bytes)`."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, change(data) if info.filename == member else data)
    return path
