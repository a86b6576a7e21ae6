"""Nothing is lost: the input is never changed, outputs are atomic, names stay text, macros stay.

Through the real `allocate` command unless a failure has to be provoked
inside the process (a disk that fills up while saving).
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from optimiser.cli import main as cli
from optimiser.errors import ExitCode
from tests.cli_helpers import (
    allocate,
    folder_state,
    sha256,
    table,
    vba_part,
    write_with_text,
    write_xlsm,
)
from tests.trust_books import COMMITMENTS, FAMILIES, FORMULA_LIKE, HYPERLINK, M, sheets_with
from tests.workbooks import minimal_sheets, write_workbook

RESULT = Path("outputs") / "plan-allocation.xlsx"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "plan.xlsx", minimal_sheets())


def _backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("plan.backup-*"))


# -- --in-place ------------------------------------------------------------------------


def test_in_place_writes_into_the_input_and_keeps_the_original_as_backup(book: Path,
                                                                          tmp_path: Path):
    original = book.read_bytes()
    ran = allocate(tmp_path, "run", book.name, "--in-place")
    assert ran.code == ExitCode.OK, ran.text
    [backup] = _backups(tmp_path)
    assert backup.read_bytes() == original
    stamp = backup.name.removeprefix("plan.backup-").removesuffix(".xlsx")
    assert abs(datetime.strptime(stamp, "%Y%m%d-%H%M%S") - datetime.now()) < timedelta(minutes=5)
    assert f"Backup of the input: {backup.name}" in ran.out
    sheets = load_workbook(book, read_only=True).sheetnames
    assert {"Summary", "Allocation", "Countries", "Envelopes"} <= set(sheets)
    assert not (tmp_path / "outputs").exists()


def test_in_place_never_replaces_an_earlier_backup(book: Path, tmp_path: Path):
    """Backups named for every second of the next minute exist already: the run must
    pick a new name rather than overwrite one of them (it may be the only original)."""
    now = datetime.now()
    taken = {}
    for second in range(-5, 120):
        stamp = (now + timedelta(seconds=second)).strftime("%Y%m%d-%H%M%S")
        path = tmp_path / f"plan.backup-{stamp}.xlsx"
        path.write_bytes(f"earlier backup {second}".encode())
        taken[path] = path.read_bytes()
    original = book.read_bytes()
    ran = allocate(tmp_path, "run", book.name, "--in-place", "-q")
    assert ran.code == ExitCode.OK, ran.text
    assert all(path.read_bytes() == data for path, data in taken.items())
    [new] = [path for path in _backups(tmp_path) if path not in taken]
    assert new.name.endswith("-2.xlsx")
    assert new.read_bytes() == original


def test_in_place_on_infeasible_rules_changes_nothing(tmp_path: Path):
    book = write_workbook(tmp_path / "plan.xlsx", sheets_with(FAMILIES[0].change))
    before = sha256(book)
    ran = allocate(tmp_path, "run", book.name, "--in-place")
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert sha256(book) == before
    assert not _backups(tmp_path)


def test_in_place_is_refused_while_the_input_is_open_in_excel(book: Path, tmp_path: Path):
    (tmp_path / "~$plan.xlsx").write_bytes(b"owner")
    before = sha256(book)
    ran = allocate(tmp_path, "run", book.name, "--in-place")
    assert ran.code == ExitCode.UNEXPECTED, ran.text
    assert "it is open in Excel or LibreOffice (~$plan.xlsx is beside it)" in ran.err
    assert sha256(book) == before
    assert not _backups(tmp_path)


def test_an_output_that_is_a_link_to_the_input_is_refused(book: Path, tmp_path: Path):
    os.link(book, tmp_path / "alias.xlsx")  # the same file under another name
    before = sha256(book)
    ran = allocate(tmp_path, "run", book.name, "-o", "alias.xlsx")
    assert ran.code == ExitCode.USAGE, ran.text
    assert "The output alias.xlsx is the input workbook" in ran.err
    assert sha256(book) == before


# -- atomic outputs --------------------------------------------------------------------


@pytest.fixture
def earlier(tmp_path: Path) -> bytes:
    """A workbook from an earlier run at the default output path; its bytes."""
    (tmp_path / RESULT).parent.mkdir()
    write_workbook(tmp_path / RESULT, {"Summary": [["key", "value"], ["status", "optimal"]]})
    return (tmp_path / RESULT).read_bytes()


def test_a_read_only_earlier_output_is_left_intact(earlier: bytes, book: Path, tmp_path: Path):
    (tmp_path / RESULT).chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    ran = allocate(tmp_path, "run", book.name)
    assert ran.code == ExitCode.UNEXPECTED, ran.text
    assert f"Cannot write {tmp_path / RESULT}: the file is read-only" in ran.err
    assert "Solving" not in ran.err  # refused before the solve, not after it
    assert (tmp_path / RESULT).read_bytes() == earlier


@pytest.mark.parametrize("lock", ["~$plan-allocation.xlsx", ".~lock.plan-allocation.xlsx#"])
def test_an_earlier_output_open_in_excel_is_left_intact(lock, earlier: bytes, book: Path,
                                                        tmp_path: Path):
    (tmp_path / "outputs" / lock).write_bytes(b"owner")
    ran = allocate(tmp_path, "run", book.name)
    assert ran.code == ExitCode.UNEXPECTED, ran.text
    assert f"it is open in Excel or LibreOffice ({lock} is beside it)" in ran.err
    assert "Close it and run again" in ran.err
    assert (tmp_path / RESULT).read_bytes() == earlier


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(book: Path, tmp_path: Path):
    (tmp_path / "reports").write_text("a file where a folder should be")
    ran = allocate(tmp_path, "run", book.name, "-o", "reports/plan.xlsx")
    assert ran.code == ExitCode.UNEXPECTED, ran.text
    assert "Cannot write to reports" in ran.err and "is not a writable folder" in ran.err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write into any folder")
def test_a_read_only_output_folder_is_a_clear_error(book: Path, tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        ran = allocate(tmp_path, "run", book.name, "-o", "locked/plan.xlsx")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert ran.code == ExitCode.UNEXPECTED, ran.text
    assert "is not a writable folder" in ran.err
    assert not any(folder.iterdir())


def test_a_save_that_fails_halfway_leaves_the_earlier_output_and_no_scraps(
        earlier: bytes, book: Path, tmp_path: Path, monkeypatch):
    def disk_full(self, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Workbook, "save", disk_full)
    result = CliRunner().invoke(cli.main, ["run", book.name])
    assert result.exit_code == ExitCode.UNEXPECTED, result.output
    assert "Traceback" not in result.output
    assert f"Cannot write {tmp_path / RESULT}: No space left on device" in result.output
    assert "any earlier version of the file is unchanged" in result.output
    assert (tmp_path / RESULT).read_bytes() == earlier
    assert sorted(p.name for p in (tmp_path / "outputs").iterdir()) == [RESULT.name]


def test_an_infeasible_run_leaves_the_earlier_result_and_says_it_is_not_this_run(
        earlier: bytes, book: Path, tmp_path: Path):
    write_workbook(book, sheets_with(FAMILIES[0].change))
    ran = allocate(tmp_path, "run", book.name)
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert f"{tmp_path / RESULT} was left as it was: it is from an earlier run" in ran.err
    assert (tmp_path / RESULT).read_bytes() == earlier


def test_diagnostics_that_cannot_be_written_do_not_hide_the_explanation(tmp_path: Path):
    book = write_workbook(tmp_path / "plan.xlsx", sheets_with(FAMILIES[0].change))
    (tmp_path / "outputs").mkdir()
    stale = tmp_path / "outputs" / "plan-infeasible.xlsx"
    stale.write_bytes(b"an old diagnostics workbook")
    stale.chmod(stat.S_IRUSR)
    ran = allocate(tmp_path, "run", book.name)
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert "short by EUR 1.0M" in ran.err
    assert "The diagnostics workbook was not written. Cannot write" in ran.err
    assert "Diagnostics written" not in ran.err
    assert stale.read_bytes() == b"an old diagnostics workbook"


# -- names are data --------------------------------------------------------------------


def _formula_like_cells(path: Path) -> list[tuple[str, str, str, object]]:
    """(sheet, cell, data type, value) of every cell that starts like a formula."""
    book = load_workbook(path)  # not read-only: it reports formulas as data type "f"
    found = [(sheet.title, cell.coordinate, cell.data_type, cell.value)
             for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value[:1] in "=+-@")]
    return found


def test_names_that_look_like_formulas_are_text_in_every_result_sheet(tmp_path: Path):
    book = write_with_text(tmp_path / "plan.xlsx", minimal_sheets(), FORMULA_LIKE)
    ran = allocate(tmp_path, book.name)
    assert ran.code == ExitCode.OK, ran.text
    result = tmp_path / RESULT
    found = _formula_like_cells(result)
    assert found and all(data_type == "s" for _, _, data_type, _ in found), found
    sheets_with_names = {title for title, _, _, value in found if value == HYPERLINK}
    assert {"Allocation", "By country", "Countries"} <= sheets_with_names
    allocation = table(result, "Allocation")
    assert {row["country"] for row in allocation} == {HYPERLINK}  # Morocco, renamed
    assert {row["instrument"] for row in allocation} == {"-dialogue", "@shelter"}
    assert "=1+1" in {row["source"] for row in allocation}


def test_names_that_look_like_formulas_are_text_in_the_diagnostics(tmp_path: Path):
    sheets = minimal_sheets()
    sheets["Commitments"] = [COMMITMENTS, ["C1", 2027, "Morocco", "dialogue", None, 3 * M]]
    texts = {**FORMULA_LIKE, ("Commitments", "C2"): HYPERLINK, ("Commitments", "D2"): "-dialogue"}
    book = write_with_text(tmp_path / "plan.xlsx", sheets, texts)
    ran = allocate(tmp_path, book.name)
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    diagnostics = tmp_path / "outputs" / "plan-infeasible.xlsx"
    found = _formula_like_cells(diagnostics)
    assert all(data_type == "s" for _, _, data_type, _ in found), found
    book = load_workbook(diagnostics)
    texts_found = [cell.value for sheet in book.worksheets for row in sheet.iter_rows()
                   for cell in row if isinstance(cell.value, str)]
    assert any(text.startswith(f"{HYPERLINK} × -dialogue 2027") for text in texts_found)


# -- .xlsm inputs keep their macros ----------------------------------------------------

VBA = bytes(range(256)) * 16  # stands in for a compiled VBA project: bytes to keep as they are


@pytest.fixture
def macro_book(tmp_path: Path) -> Path:
    return write_xlsm(tmp_path / "plan.xlsm", minimal_sheets(), VBA)


def test_an_xlsm_result_keeps_the_macros_byte_for_byte(macro_book: Path, tmp_path: Path):
    before = sha256(macro_book)
    ran = allocate(tmp_path, macro_book.name)
    assert ran.code == ExitCode.OK, ran.text
    result = tmp_path / "outputs" / "plan-allocation.xlsm"
    assert vba_part(result) == VBA
    assert {"Summary", "Allocation"} <= set(load_workbook(result, read_only=True).sheetnames)
    assert sha256(macro_book) == before


def test_an_xlsx_output_for_an_xlsm_input_is_refused(macro_book: Path, tmp_path: Path):
    before = folder_state(tmp_path)
    ran = allocate(tmp_path, "run", macro_book.name, "-o", "plan.xlsx")
    assert ran.code == ExitCode.USAGE, ran.text
    assert "plan.xlsm holds macros; they would be lost in plan.xlsx" in ran.err
    assert folder_state(tmp_path) == before


def test_in_place_on_an_xlsm_keeps_the_macros_and_a_backup(macro_book: Path, tmp_path: Path):
    original = macro_book.read_bytes()
    ran = allocate(tmp_path, "run", macro_book.name, "--in-place", "-q")
    assert ran.code == ExitCode.OK, ran.text
    assert vba_part(macro_book) == VBA
    [backup] = sorted(tmp_path.glob("plan.backup-*.xlsm"))
    assert backup.read_bytes() == original
