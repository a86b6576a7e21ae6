"""The fast writing paths (issue 13) write the workbook the plain ones would, cell for cell.

The plain paths are the code before the change, kept here as the reference:
each body cell through `put` with its format and font set one by one, widths
read over every row, the constraint matrix read back from HiGHS. A whole run
of a benchmark workbook is written both ways and compared as a reader sees it
(`benchmarks/same_workbook.py`: values, formats, fonts, widths, print setup).
"""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from benchmarks.generate import Options, generate
from benchmarks.same_workbook import contents, differences
from optimiser.api import run
from optimiser.solve.highs import CompiledModel
from optimiser.writers import excel
from optimiser.writers.excel import EUR_FORMAT, TOTAL_FONT, TOTAL_LABEL, put, write_table


def plain_put(self, row, column, j, value, total):
    """`_Styles.put` as the code was: every cell through `put`, its format and font set."""
    cell = put(self.sheet, row, column, value)
    fmt = self.chosen[j]
    if fmt and isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        cell.number_format = fmt
    if total:
        cell.font = TOTAL_FONT


def plain_fit_widths(sheet, minimum=8):
    widths = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            text = excel._display(cell.value, cell.number_format)
            widths[cell.column] = max(widths.get(cell.column, minimum), len(text) + 2)
    for column, width in widths.items():
        sheet.column_dimensions[excel.get_column_letter(column)].width = min(width,
                                                                            excel.MAX_WIDTH)


def plain_matrix(self):
    lp = self.highs.getLp()
    a = lp.a_matrix_
    return a.value_, a.index_, a.start_, (lp.num_row_, lp.num_col_)


def plain_paths(monkeypatch) -> None:
    monkeypatch.setattr(excel._Styles, "put", plain_put)
    for name, module in list(sys.modules.items()):  # every writer that imported fit_widths
        if name.startswith("optimiser.") and getattr(module, "fit_widths", 0) is excel.fit_widths:
            monkeypatch.setattr(module, "fit_widths", plain_fit_widths)
    monkeypatch.setattr(CompiledModel, "matrix", plain_matrix)


# Every kind of value a result table holds: numbers (numpy and plain, NaN), text (one
# that looks like a formula), yes/no, dates, blanks, and a Total row.
MIXED = pd.DataFrame({
    "country": ["Kenya", "=HYPERLINK(1)", None, TOTAL_LABEL],
    "amount_eur": [np.float64(1_234_567.4), 2.0, float("nan"), 1_234_569.4],
    "count": [np.int64(3), 4, 5, 12],
    "oda": [True, False, np.bool_(True), None],
    "share": [0.25, 0.5, None, 1.0],
    "when": [dt.date(2027, 1, 1), dt.datetime(2027, 5, 1, 12, 0), "later", None],
    "value": [1.23456789, "n/a", 3, 4.5],
})


def write_both(tmp_path, monkeypatch, write) -> list[str]:
    """`write(sheet)` on a fresh workbook with the fast paths, then with the plain ones."""
    paths = []
    for name in ("fast", "plain"):
        if name == "plain":
            plain_paths(monkeypatch)
        book = Workbook()
        write(book.active)
        paths.append(tmp_path / f"{name}.xlsx")
        book.save(paths[-1])
    return differences(contents(paths[0]), contents(paths[1]))


def test_a_table_of_every_kind_of_value_is_written_the_same(tmp_path, monkeypatch):
    def write(sheet):
        write_table(sheet, MIXED, formats={"value": "0.000"}, number_format="#,##0.00")
        write_table(sheet, MIXED, top=8, left=3, lang="nl")  # beside, and in Dutch
        excel.fit_widths(sheet)

    assert write_both(tmp_path, monkeypatch, write) == []


def test_a_table_over_cells_that_exist_keeps_their_style(tmp_path, monkeypatch):
    """A cell that exists already (a front page's title) keeps its own font and format."""
    def write(sheet):
        for row in range(1, 6):
            put(sheet, row, 2, "title").font = TOTAL_FONT
            sheet.cell(row=row, column=3).number_format = EUR_FORMAT
        write_table(sheet, MIXED.iloc[:, :3], number_format="0.0%")
        excel.fit_widths(sheet)

    assert write_both(tmp_path, monkeypatch, write) == []


def test_fast_and_plain_paths_differ_where_they_should(tmp_path, monkeypatch):
    """The comparison sees a changed format: the checks above can fail."""
    def write(sheet):
        write_table(sheet, MIXED, number_format="#,##0.00")
        if excel._Styles.put is plain_put:  # the plain run: one format off
            sheet.cell(row=2, column=2).number_format = "0.0"

    found = write_both(tmp_path, monkeypatch, write)
    assert len(found) == 1 and "1 cells differ" in found[0]


@pytest.mark.slow
@pytest.mark.parametrize("size", ["S"])
def test_a_benchmark_run_writes_the_same_workbook_either_way(tmp_path, monkeypatch, size):
    book = generate(tmp_path / f"{size}.xlsx", size, 1, Options())
    run(book, tmp_path / "fast.xlsx")
    plain_paths(monkeypatch)
    run(book, tmp_path / "plain.xlsx")
    assert differences(contents(tmp_path / "fast.xlsx"), contents(tmp_path / "plain.xlsx")) == []
