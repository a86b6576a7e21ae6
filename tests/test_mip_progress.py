"""A MIP solve is not silent: a line for each better allocation HiGHS finds.

The shipped example searches for about 45 s after "Solving ..."; the lines say how far
from the best possible the allocation found so far is. Which lines are shown depends on
the gaps only (each at most half the last one shown, or within the target gap), so the
same workbook prints the same lines on any machine.
"""

from __future__ import annotations

import itertools
import re
import signal
import subprocess
from pathlib import Path

import pytest

from optimiser.optimise import optimise
from optimiser.readers.validate import read_workbook
from optimiser.solve.solver import SolveOptions, found_progress
from tests.cli_helpers import COMMAND, allocate
from tests.trust_books import hard_mip_sheets
from tests.workbooks import minimal_sheets, write_workbook

FOUND = re.compile(r"Found an allocation within (\d+\.\d\d)% of the best possible \.\.\.")
GEVONDEN = re.compile(r"Een allocatie gevonden binnen (\d+\.\d\d)% van de best mogelijke \.\.\.")


def _heard(gaps: list[float], target: float = 0.0) -> list[str]:
    lines: list[str] = []
    report = found_progress(lines.append, target)
    for gap in gaps:
        report(gap)
    return [str(line) for line in lines]


def test_a_line_each_time_the_gap_halves():
    # 0.5 first; 0.3 > 0.25; 0.2 <= 0.25; 0.1 <= 0.1; 0.1 again is no better; 0 <= 0.05;
    # 0 again is no better; inf and nan (no bound yet) are never shown.
    assert _heard([float("inf"), 0.5, 0.3, 0.2, 0.1, 0.1, 0.0, 0.0, float("nan")]) == [
        f"Found an allocation within {gap} of the best possible"
        for gap in ("50.00%", "20.00%", "10.00%", "0.00%")]


def test_an_allocation_within_the_target_gap_is_shown_though_the_gap_did_not_halve():
    # 0.014 is not half of 0.02, but it meets the target 0.015: the search ends with it.
    assert _heard([0.02, 0.014], target=0.015) == [
        "Found an allocation within 2.00% of the best possible",
        "Found an allocation within 1.40% of the best possible"]
    assert _heard([0.02, 0.016], target=0.015) == [
        "Found an allocation within 2.00% of the best possible"]


def test_no_progress_no_lines():
    assert found_progress(None) is None


@pytest.fixture(scope="module")
def knapsack(tmp_path_factory) -> Path:
    """hard_mip_sheets at a 1% gap: HiGHS searches, finds allocations and stops within a
    second."""
    sheets = hard_mip_sheets()
    sheets["Settings"][1][1] = 0.01
    return write_workbook(tmp_path_factory.mktemp("mip") / "knapsack.xlsx", sheets)


def test_a_mip_run_says_what_it_found_in_either_language(knapsack: Path, tmp_path: Path):
    english = allocate(tmp_path, "run", str(knapsack), "-o", str(tmp_path / "en.xlsx"))
    dutch = allocate(tmp_path, "run", str(knapsack), "-o", str(tmp_path / "nl.xlsx"),
                     "--lang", "nl")
    assert english.code == dutch.code == 0, english.text + dutch.text
    found = [float(gap) for gap in FOUND.findall(english.err)]
    assert found, english.err
    assert [float(gap) for gap in GEVONDEN.findall(dutch.err)] == found
    # between "Solving" and "Writing", each at most half the one before
    lines = english.err.splitlines()
    at = [n for n, line in enumerate(lines) if FOUND.fullmatch(line)]
    assert lines[at[0] - 1] == "Solving ..." and lines[at[-1] + 1].startswith("Writing ")
    assert all(later <= earlier / 2 + 0.005 or later <= 1.0  # halved, or within mip_gap 1%
               for earlier, later in itertools.pairwise(found))
    status = re.search(r"Status: optimal, gap (\d+\.\d+)%", english.out)
    assert status and float(status.group(1)) <= found[-1] + 0.005


@pytest.mark.parametrize(("command", "step"), [
    (["scenarios"], "Solving the base case ..."),
    (["sensitivity", "--sections", "tornado"], "Solving the base case ..."),
    (["alternatives", "--count", "1"], "Solving the best allocation ..."),
])
def test_the_what_if_commands_say_what_their_first_solve_found(
        knapsack: Path, tmp_path: Path, command: list[str], step: str):
    ran = allocate(tmp_path, *command, str(knapsack), "-o", str(tmp_path / "out.xlsx"))
    assert ran.code == 0, ran.text
    lines = ran.err.splitlines()
    assert FOUND.fullmatch(lines[lines.index(step) + 1]), ran.err


def test_an_lp_run_shows_no_such_line(tmp_path: Path):
    book = write_workbook(tmp_path / "lp.xlsx", minimal_sheets())
    ran = allocate(tmp_path, "run", str(book), "-o", str(tmp_path / "out.xlsx"))
    assert ran.code == 0, ran.text
    assert "Found an allocation" not in ran.err


@pytest.mark.parametrize("error", [BrokenPipeError("the terminal went away"),
                                   KeyboardInterrupt("Ctrl-C")])
def test_an_error_while_reporting_stops_the_search_and_is_raised(knapsack: Path,
                                                                  error: BaseException):
    """The printer fails (a closed terminal), or Ctrl-C lands in it: HiGHS is stopped at
    once and the error comes out of the solve, not a time limit later (mip_gap 0 would
    search for minutes)."""
    data = read_workbook(knapsack).data

    def progress(message: object) -> None:
        if getattr(message, "key", "") == "step_found":
            raise error

    with pytest.raises(type(error), match=str(error)):
        optimise(data, SolveOptions(mip_gap=0.0, time_limit_s=600), progress)


def test_ctrl_c_stops_a_long_search_at_once(tmp_path: Path):
    """Ctrl-C during a MIP search ends the run with its message and exit 130 within
    seconds (HiGHS is asked to stop), not when the 10-minute time limit ends the solve."""
    sheets = hard_mip_sheets()  # mip_gap 0: HiGHS searches for minutes
    sheets["Settings"].append(["time_limit_s", 600])
    book = write_workbook(tmp_path / "long.xlsx", sheets)
    run = subprocess.Popen([*COMMAND, "run", str(book), "-o", str(tmp_path / "out.xlsx")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in run.stderr:  # the search has begun once it has found an allocation
            if FOUND.fullmatch(line.rstrip("\n")):
                break
        run.send_signal(signal.SIGINT)
        code = run.wait(timeout=60)
    finally:
        run.kill()
    assert code == 130
    assert "Interrupted; nothing was written." in run.stderr.read()
    assert not (tmp_path / "out.xlsx").exists()
