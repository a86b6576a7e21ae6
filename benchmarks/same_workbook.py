"""Compare the result workbooks of two checkouts of the tool on the same input workbooks.

    python benchmarks/same_workbook.py --base /tmp/base inputs/example.xlsx \
        benchmarks/workbooks/S.xlsx

Each checkout (`--base` and this one, or `--other`) runs `allocate run` on each
workbook in a fresh process; the script then compares what a reader of the two
result workbooks sees: the sheets in order, every cell's value, number format,
font, fill and alignment, column widths and row heights, frozen panes,
filters, print areas and titles, charts, data validations, merged cells and
the document's custom properties. The times of the run (Run info's
`seconds_*`, the start time) differ from run to run and are left out. A check
for speed work on the writers; `tests/test_same_workbook.py` uses `contents`
to compare the fast writing paths with the plain ones.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: benchmarks/same_workbook.py
    sys.path.insert(0, str(ROOT))

from benchmarks.compare import checkout_arguments  # noqa: E402

VOLATILE_KEYS = re.compile(r"^(seconds_\w+|run_started)$")  # a row whose value is a time
CLOCK = re.compile(r"\d\d:\d\d:\d\d")  # a text with a time of day (the headline)


def _style(cell) -> tuple:
    font, alignment = cell.font, cell.alignment
    return (cell.number_format, font.b, font.i, font.sz, font.color.rgb if font.color else None,
            cell.fill.fill_type, cell.fill.fgColor.rgb, alignment.horizontal,
            alignment.vertical, alignment.wrap_text)


def _cells(sheet) -> dict:
    timed = {row for (row, column), cell in sheet._cells.items()
             if column == 1 and isinstance(cell.value, str) and VOLATILE_KEYS.match(cell.value)}
    cells = {}
    for (row, column), cell in sheet._cells.items():
        value = cell.value
        if (row in timed and column > 1) or (isinstance(value, str) and CLOCK.search(value)):
            value = "<time>"
        if value is None and not cell.has_style:
            continue  # an empty cell without a style is no cell to a reader
        cells[(row, column)] = (value, cell.data_type, _style(cell))
    return cells


def contents(path: Path) -> dict:
    """What a reader of the workbook sees, as plain data (times of the run left out)."""
    book = load_workbook(path)
    seen: dict = {"sheets": book.sheetnames,
                  "properties": [(p.name, p.value) for p in book.custom_doc_props.props]}
    for sheet in book.worksheets:
        seen[sheet.title] = {
            "cells": _cells(sheet),
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "heights": {k: d.height for k, d in sheet.row_dimensions.items() if d.height},
            "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
            "print_area": sheet.print_area, "print_titles": sheet.print_title_rows,
            "page": (sheet.page_setup.orientation, sheet.page_setup.fitToWidth,
                     sheet.page_setup.fitToHeight),
            "charts": len(sheet._charts), "merged": sorted(map(str, sheet.merged_cells.ranges)),
            "validations": len(sheet.data_validations.dataValidation),
        }
    return seen


def differences(one: dict, two: dict) -> list[str]:
    """What differs between two `contents`, one line each (empty: the same workbook)."""
    lines = [] if one["sheets"] == two["sheets"] else [f"sheets: {one['sheets']} / {two['sheets']}"]
    if one["properties"] != two["properties"]:
        lines.append("custom properties differ")
    for title in one["sheets"]:
        if title not in two:
            continue
        for part, first in one[title].items():
            second = two[title][part]
            if part == "cells" and first != second:
                moved = sorted(k for k in set(first) | set(second) if first.get(k) != second.get(k))
                lines.append(f"{title}: {len(moved)} cells differ, first {moved[0]}: "
                             f"{first.get(moved[0])} / {second.get(moved[0])}")
            elif first != second:
                lines.append(f"{title}: {part} {first} / {second}")
    return lines


def result_workbook(tree: Path, workbook: Path, target: Path) -> Path:
    """The result workbook the checkout at `tree` writes for `workbook`, at `target`."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "optimiser.cli", "run", str(workbook.resolve()), "-q",
                    "-o", str(target), "--time-limit", "3600"], cwd=tree, env=env, check=True)
    return target


def main(argv: list[str] | None = None) -> int:
    args = checkout_arguments(__doc__.splitlines()[0], argv)
    same = True
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for workbook in args.workbooks:
            found = differences(
                contents(result_workbook(args.base, workbook, folder / "base.xlsx")),
                contents(result_workbook(args.other, workbook, folder / "other.xlsx")))
            same &= not found
            print(json.dumps({"workbook": workbook.name, "identical": not found,
                              "differences": found[:20]}), flush=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
