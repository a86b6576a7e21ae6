"""A user's own sheets are never replaced by result sheets of the same name."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimiser.api import run
from optimiser.errors import UsageError
from tests.workbooks import minimal_sheets, write_workbook


def test_a_users_sheet_named_like_a_result_sheet_is_kept(tmp_path):
    sheets = minimal_sheets()
    sheets["Priorities"] = [["my own notes"], ["keep me"]]
    source = write_workbook(tmp_path / "plan.xlsx", sheets)
    first = run(source, tmp_path / "first.xlsx").output_path
    book = load_workbook(first)
    assert book["Priorities"]["A2"].value == "keep me"
    assert "Priorities (result)" in book.sheetnames
    # Re-running on the result replaces exactly the sheets the tool wrote.
    again = run(first, tmp_path / "again.xlsx").output_path
    names = load_workbook(again).sheetnames
    assert names.count("Priorities (result)") == 1
    assert "Priorities (result 2)" not in names
    assert load_workbook(again)["Priorities"]["A2"].value == "keep me"


def test_a_users_sheet_called_summary_is_refused_not_overwritten(tmp_path):
    sheets = minimal_sheets()
    sheets["Summary"] = [["my summary"]]
    source = write_workbook(tmp_path / "plan.xlsx", sheets)
    with pytest.raises(UsageError, match="sheet of its own called 'Summary'"):
        run(source, tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
