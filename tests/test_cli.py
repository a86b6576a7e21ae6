"""The `allocate` command, run as a user runs it: exit codes 0, 2, 3, 4, 5 and 1 (SPEC §3).

Each test runs the installed console script in a temporary folder and checks
what it printed, what it wrote under outputs/, and that the input workbook's
bytes did not change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optimiser.cli import main as cli
from optimiser.errors import ExitCode
from tests.cli_helpers import allocate, folder_state, key_values, sha256, table
from tests.trust_books import FAMILIES, sheets_with
from tests.workbooks import minimal_sheets, write_workbook


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "plan.xlsx", minimal_sheets())


@pytest.fixture
def infeasible(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "clash.xlsx", sheets_with(FAMILIES[0].change))


def test_exit_0_writes_the_result_workbook(book: Path, tmp_path: Path):
    before = sha256(book)
    ran = allocate(tmp_path, "run", book.name)
    assert ran.code == ExitCode.OK, ran.text
    result = tmp_path / "outputs" / "plan-allocation.xlsx"
    assert f"Result written to {result}" in ran.out
    assert "Status: optimal" in ran.out
    summary = key_values(result, "Summary")
    assert summary["status"] == "optimal"
    assert summary["total_eur"] == 8_000_000  # both envelopes spent
    allocation = table(result, "Allocation")
    assert sum(row["amount_eur"] for row in allocation) == 8_000_000
    assert sha256(book) == before


def test_a_workbook_path_alone_means_run(book: Path, tmp_path: Path):
    ran = allocate(tmp_path, book.name, "-q")
    assert ran.code == ExitCode.OK, ran.text
    assert ran.out == ""  # -q: only errors
    assert (tmp_path / "outputs" / "plan-allocation.xlsx").exists()


@pytest.mark.parametrize("args, says", [
    (["run", "missing.xlsx"], "No such workbook: missing.xlsx"),
    (["missing.xlsx"], "No such workbook: missing.xlsx"),
    (["run", "plan.xlsx", "--time-limit", "0"], "0.0 is not in the range x>0"),
    (["run", "plan.xlsx", "--in-place", "-o", "other.xlsx"], "--in-place and -o exclude"),
    (["run", "plan.xlsx", "--no-such-option"], "No such option"),
    (["validate"], "Missing argument"),
    (["run", "plan.xlsx", "-o", "plan.xlsx"], "is the input workbook"),
    (["run", "plan.xlsx", "-o", "result.csv"], "must be an .xlsx file"),
    (["run", "plan.xlsx", "-o", "./sub/../plan.xlsx"], "is the input workbook"),
    (["explain", "plan.xlsx", "-o", "plan.xlsx"], "is the input workbook"),
    (["run", "--in-place"], "--in-place needs a workbook path"),
], ids=["run-missing", "shorthand-missing", "time-limit-0", "in-place-and-o", "bad-option",
        "no-argument", "output-is-input", "output-not-xlsx", "output-is-input-by-another-path",
        "explain-output-is-input", "in-place-example"])
def test_exit_2_usage_errors_write_nothing(args, says, book: Path, tmp_path: Path):
    before = folder_state(tmp_path)
    ran = allocate(tmp_path, *args)
    assert ran.code == ExitCode.USAGE, ran.text
    assert says in ran.err
    assert folder_state(tmp_path) == before  # no output, no log, input unchanged


def test_exit_3_lists_every_problem_and_writes_nothing(tmp_path: Path):
    sheets = minimal_sheets()
    sheets["Countries"][2][1] = None  # Jordan's dac_eligible blank
    sheets["Instruments"][2][2] = 15  # shelter's oda_share 15: meant 0.15
    sheets["Envelopes"][1][2] = "1.000.000"  # text that looks like a number
    book = write_workbook(tmp_path / "broken.xlsx", sheets)
    before = folder_state(tmp_path)
    for command in (["run"], [], ["validate"], ["explain"]):
        ran = allocate(tmp_path, *command, book.name)
        assert ran.code == ExitCode.INVALID, ran.text
        assert "broken.xlsx is not valid: 3 problems found" in ran.err
        assert "Countries!B3: dac_eligible is blank" in ran.err
        assert "Instruments!C3: oda_share must be a share from 0 to 1: 15 — did you mean 0.15?" \
            in ran.err
        assert "Envelopes!C2: amount_eur holds text that looks like a number" in ran.err
        assert "(found '1.000.000')" in ran.err
        assert folder_state(tmp_path) == before  # no outputs/ folder, input unchanged


def test_exit_4_names_the_conflict_and_writes_only_diagnostics(infeasible: Path, tmp_path: Path):
    before = sha256(infeasible)
    ran = allocate(tmp_path, "run", infeasible.name)
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert "Commitments row 2" in ran.err and "short by EUR 1.0M" in ran.err
    written = sorted(p.name for p in (tmp_path / "outputs").iterdir())
    assert written == ["clash-infeasible.xlsx"]
    assert sha256(infeasible) == before


def test_exit_4_with_an_output_path_puts_the_diagnostics_beside_it(infeasible: Path,
                                                                   tmp_path: Path):
    ran = allocate(tmp_path, "run", infeasible.name, "-o", "reports/next.xlsx")
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["clash-infeasible.xlsx"]


def test_exit_5_time_limit_without_an_allocation_names_the_limit(book: Path, tmp_path: Path):
    """A time limit of a nanosecond: HiGHS stops before any allocation, every time."""
    before = sha256(book)
    ran = allocate(tmp_path, "run", book.name, "--time-limit", "1e-9")
    assert ran.code == ExitCode.NO_SOLUTION, ran.text
    assert "time limit of 1e-09 s (--time-limit)" in ran.err
    assert "Allow more time" in ran.err
    assert not (tmp_path / "outputs").exists()
    assert sha256(book) == before


def test_exit_5_names_the_settings_row_of_the_time_limit(tmp_path: Path):
    sheets = minimal_sheets()
    sheets["Settings"] = [["key", "value"], ["mip_gap", 0.01], ["time_limit_s", 1e-9]]
    book = write_workbook(tmp_path / "plan.xlsx", sheets)
    ran = allocate(tmp_path, book.name)
    assert ran.code == ExitCode.NO_SOLUTION, ran.text
    assert "time limit of 1e-09 s (time_limit_s, Settings row 3)" in ran.err


def test_validate_says_the_workbook_is_valid(book: Path, tmp_path: Path):
    before = folder_state(tmp_path)
    ran = allocate(tmp_path, "validate", book.name)
    assert ran.code == ExitCode.OK, ran.text
    assert "plan.xlsx is valid: 1 year" in ran.out and "2 countries" in ran.out
    assert folder_state(tmp_path) == before


def test_explain_a_feasible_workbook_says_so_and_writes_nothing(book: Path, tmp_path: Path):
    before = folder_state(tmp_path)
    ran = allocate(tmp_path, "explain", book.name)
    assert ran.code == ExitCode.OK, ran.text
    assert "plan.xlsx is feasible: its rules do not conflict." in ran.out
    assert folder_state(tmp_path) == before


def test_explain_an_infeasible_workbook_exits_4_with_diagnostics(infeasible: Path,
                                                                 tmp_path: Path):
    before = sha256(infeasible)
    ran = allocate(tmp_path, "explain", infeasible.name, "-o", "why.xlsx")
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert "lower the commitment by EUR 1.0M" in ran.err or "raise the envelope" in ran.err
    assert f"Diagnostics written to {Path('why.xlsx')}" in ran.err
    assert (tmp_path / "why.xlsx").exists()
    assert not (tmp_path / "outputs").exists()
    assert sha256(infeasible) == before


# -- exit 1: unexpected errors, in-process so that one can be provoked -------------------


def _boom(*_args, **_kwargs):
    raise RuntimeError("something nobody expected")


@pytest.mark.parametrize("target", ["optimiser.api.run", "optimiser.writers.terminal.run_summary"],
                         ids=["inside-the-run", "while-printing"])
def test_an_unexpected_error_prints_a_short_message_and_the_log(target, book: Path,
                                                                tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(target, _boom)
    result = CliRunner().invoke(cli.main, ["run", book.name])
    assert result.exit_code == ExitCode.UNEXPECTED
    assert "Traceback" not in result.output
    assert ("allocate stopped on an unexpected error: RuntimeError: something nobody expected"
            in result.output)
    logs = list((tmp_path / "outputs").glob("allocate-error-*.log"))
    assert len(logs) == 1
    assert f"Details are in {logs[0]}" in result.output
    log = logs[0].read_text()
    assert "Traceback" in log and "something nobody expected" in log
