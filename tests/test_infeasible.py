"""Infeasible workbooks are explained in the workbook's terms, through the real command.

For each family of conflict (tests.trust_books.FAMILIES) `allocate BOOK.xlsx`
must exit 4, name the workbook rows and the amounts on the terminal, write
outputs/<name>-infeasible.xlsx that names the same rows, write no result, and
leave the input as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimiser.errors import ExitCode
from tests.cli_helpers import allocate, sha256, table
from tests.trust_books import FAMILIES, Family, sheets_with
from tests.workbooks import write_workbook

RESULT_SHEETS = {"allocation", "summary"}


def _named_rows(path: Path) -> set[tuple[str, str]]:
    """(sheet, rows) of every rule the diagnostics workbook lists."""
    book = load_workbook(path, read_only=True)
    titles = book.sheetnames
    book.close()
    return {(str(row["sheet"]), str(row["rows"]))
            for title in ("Conflicting rules", "Impossible rules") if title in titles
            for row in table(path, title)}


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_infeasible_workbook_is_explained_in_workbook_terms(family: Family, tmp_path: Path):
    book = write_workbook(tmp_path / f"{family.name}.xlsx", sheets_with(family.change))
    before = sha256(book)

    ran = allocate(tmp_path, book.name)

    assert ran.code == ExitCode.INFEASIBLE, ran.text
    message = ran.err
    assert "The rules contradict each other" in message
    for text in family.says:
        assert text in message, f"{text!r} missing from:\n{message}"
    if family.one_of:
        assert any(change in message for change in family.one_of), message
    assert not re.search(r"\w\[", message)  # no Pyomo names such as x[2027,...]
    diagnostics = tmp_path / "outputs" / f"{family.name}-infeasible.xlsx"
    assert f"Diagnostics written to {diagnostics}" in message
    assert not (tmp_path / "outputs" / f"{family.name}-allocation.xlsx").exists()
    assert sha256(book) == before

    book_sheets = load_workbook(diagnostics, read_only=True).sheetnames
    assert book_sheets[0] == "INFEASIBLE"
    assert not RESULT_SHEETS & {title.casefold() for title in book_sheets}
    named = _named_rows(diagnostics)
    for where in family.rows:
        assert where in named, f"{where} not in {named}"
    changes = table(diagnostics, "Least change") if "Least change" in book_sheets else []
    if family.short_by is None:
        assert not changes and "Impossible rules" in book_sheets
    else:
        total = sum(row["amount"] for row in changes if row["unit"] == "EUR")
        assert total == pytest.approx(family.short_by, abs=1.0)


def test_the_diagnostics_workbook_says_in_its_first_cell_that_there_is_no_allocation(
        tmp_path: Path):
    family = FAMILIES[0]
    book = write_workbook(tmp_path / "plan.xlsx", sheets_with(family.change))
    assert allocate(tmp_path, "explain", book.name).code == ExitCode.INFEASIBLE
    sheet = load_workbook(tmp_path / "outputs" / "plan-infeasible.xlsx")["INFEASIBLE"]
    assert sheet["A1"].value.startswith("NO ALLOCATION")
    assert "not a result" in sheet["A2"].value
    lines = [sheet.cell(row=r, column=1).value for r in range(4, sheet.max_row + 1)]
    assert any("short by EUR 1.0M" in (line or "") for line in lines)


def test_a_commitment_the_minimum_programme_rules_out_is_reported_before_solving(
        tmp_path: Path):
    """Min programme 5M above the pair capacity 3M: the pair can never be funded, so the
    1M commitment on it can never hold; the reason names both rows."""
    from models.build import build_model
    from optimiser.readers.validate import read_workbook

    family = next(f for f in FAMILIES if f.name == "min-programme-above-capacity-committed")
    path = write_workbook(tmp_path / "book.xlsx", sheets_with(family.change))
    conflicts = build_model(read_workbook(path).data).conflicts
    assert len(conflicts) == 1
    assert conflicts[0].label.rule == "commitment"
    assert "Fit row 2" in conflicts[0].reason and "Instruments row 3" in conflicts[0].reason
