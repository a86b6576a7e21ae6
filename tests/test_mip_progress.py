"""A MIP solve is not silent: a line each time the gap to the best possible falls.

The shipped example searches for about 45 s after "Solving ..."; the lines say how far
from the best possible the allocation found so far is, when HiGHS finds a better one
("Found ...") and when its search narrows the best possible ("Searched further ...").
Which lines are shown depends on the gaps only (each at most three quarters of the last
one shown, or within the target gap), so the same workbook prints the same lines on any
machine.
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

PERCENT = r"(\d+\.\d+)%"
FOUND = re.compile(rf"Found an allocation within {PERCENT} of the best possible \.\.\.")
FURTHER = re.compile(
    rf"Searched further: the allocation found is within {PERCENT} of the best possible \.\.\.")
GEVONDEN = re.compile(rf"Een allocatie gevonden binnen {PERCENT} van de best mogelijke \.\.\.")
VERDER = re.compile(rf"Verder gezocht: de gevonden allocatie ligt binnen {PERCENT} van de best "
                    r"mogelijke \.\.\.")


def _heard(gaps: list[tuple[float, float]], target: float = 0.0) -> list[str]:
    """The lines shown for (gap, impact of the best allocation found) as HiGHS says them."""
    lines: list[str] = []
    report = found_progress(lines.append, target)
    for gap, impact in gaps:
        report(gap, impact)
    return [str(line) for line in lines]


def _found(gap: str) -> str:
    return f"Found an allocation within {gap} of the best possible"


def _further(gap: str) -> str:
    return f"Searched further: the allocation found is within {gap} of the best possible"


def test_a_line_each_time_the_gap_falls_by_a_quarter():
    # 0.5 first; 0.4 > 0.375; 0.375 <= 0.375; 0.2 <= 0.281; 0.1 <= 0.15; 0.1 again is no
    # better; 0 <= 0.075; 0 again is no better; inf and nan (no allocation or no bound
    # yet) and gaps above 100% (SCIP's before its first bound) are never shown. Each is a
    # new allocation: "Found".
    gaps = [float("inf"), 5.8e14, 1.5, 0.5, 0.4, 0.375, 0.2, 0.1, 0.1, 0.0, 0.0,
            float("nan")]
    assert _heard([(gap, n) for n, gap in enumerate(gaps)]) == [
        _found(gap) for gap in ("50.00%", "37.50%", "20.00%", "10.00%", "0.00%")]


def test_the_shipped_examples_search_as_highs_reports_it():
    """The (gap, impact) pairs HiGHS reported on the shipped example at its checks,
    abridged (two runs gave the same 193 reports): four allocations found, then 20 s in
    which only the best possible comes closer, then the optimum."""
    first, second, third, fourth, best = 1563.93, 1568.42, 1569.537, 1569.673, 1569.837
    reports = [(float("inf"), float("-inf")), (0.0039289, first), (0.0039163, first),
               (0.0010406, second), (0.00032982, third), (0.00032959, third),
               (0.00024302, fourth), (0.00022284, fourth), (0.00015992, fourth),
               (0.00012387, fourth), (0.00011152, fourth), (0.00010925, fourth),
               (0.0000047581, best)]
    assert _heard(reports, target=1e-4) == [
        _found("0.39%"), _found("0.10%"), _found("0.033%"), _found("0.024%"),
        _further("0.016%"), _further("0.011%"), _found("0.00048%")]


def test_an_allocation_within_the_target_gap_is_shown_though_the_gap_fell_less():
    # 0.016 is more than 3/4 of 0.02, but it meets the target 0.0165: the search ends.
    assert _heard([(0.02, 1.0), (0.016, 2.0)], target=0.0165) == [
        _found("2.00%"), _found("1.60%")]
    assert _heard([(0.02, 1.0), (0.016, 1.0)], target=0.0155) == [_found("2.00%")]


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
    found = _gaps(english.err, FOUND, FURTHER)
    assert found, english.err
    assert _gaps(dutch.err, GEVONDEN, VERDER) == found
    # between "Solving" and "Writing", each at most 3/4 of the one before
    lines = english.err.splitlines()
    at = [n for n, line in enumerate(lines) if FOUND.fullmatch(line) or FURTHER.fullmatch(line)]
    assert at == list(range(at[0], at[-1] + 1))
    assert lines[at[0] - 1] == "Solving ..." and lines[at[-1] + 1].startswith("Writing ")
    assert all(later <= earlier * 0.75 + 0.005 or later <= 1.0  # fell, or within mip_gap 1%
               for (_, earlier), (_, later) in itertools.pairwise(found))
    status = re.search(r"Status: optimal, gap (\d+\.\d+)%", english.out)
    assert status and float(status.group(1)) <= found[-1][1] + 0.005


def _gaps(err: str, found: re.Pattern, further: re.Pattern) -> list[tuple[str, float]]:
    """The progress lines of a run in order, as (kind, gap in %)."""
    gaps = []
    for line in err.splitlines():
        for kind, pattern in (("found", found), ("further", further)):
            if match := pattern.fullmatch(line):
                gaps.append((kind, float(match.group(1))))
    return gaps


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


@pytest.mark.parametrize("engine", ["highs", "scip"])
@pytest.mark.parametrize("error", [BrokenPipeError("the terminal went away"),
                                   KeyboardInterrupt("Ctrl-C")])
def test_an_error_while_reporting_stops_the_search_and_is_raised(knapsack: Path,
                                                                  error: BaseException,
                                                                  engine: str):
    """The printer fails (a closed terminal), or Ctrl-C lands in it: HiGHS is stopped at
    once and the error comes out of the solve, not a time limit later (mip_gap 0 would
    search for minutes)."""
    data = read_workbook(knapsack).data

    def progress(message: object) -> None:
        if getattr(message, "key", "") == "step_found":
            raise error

    with pytest.raises(type(error), match=str(error)):
        optimise(data, SolveOptions(mip_gap=0.0, time_limit_s=600, mip_solver=engine),
                 progress)


@pytest.mark.parametrize("engine", ["highs", "scip"])
def test_ctrl_c_stops_a_long_search_at_once(tmp_path: Path, engine: str):
    """Ctrl-C during a MIP search ends the run with its message and exit 130 within
    seconds (HiGHS is asked to stop; SCIP stops itself), not when the 10-minute time
    limit ends the solve, and nothing is written (SCIP used to hand back what it had)."""
    sheets = hard_mip_sheets()  # mip_gap 0: either engine searches for minutes
    sheets["Settings"].append(["time_limit_s", 600])
    book = write_workbook(tmp_path / "long.xlsx", sheets)
    run = subprocess.Popen([*COMMAND, "run", str(book), "-o", str(tmp_path / "out.xlsx"),
                            "--mip-solver", engine],
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


def test_scip_says_what_it_found_as_highs_does(knapsack: Path, tmp_path: Path):
    ran = allocate(tmp_path, "run", str(knapsack), "-o", str(tmp_path / "out.xlsx"),
                   "--mip-solver", "scip")
    assert ran.code == 0, ran.text
    found = _gaps(ran.err, FOUND, FURTHER)
    assert found and found[0][0] == "found", ran.err
    assert all(gap <= 100 for _, gap in found)  # none before SCIP has a bound
    assert all(later <= earlier * 0.75 + 0.005 or later <= 1.0
               for (_, earlier), (_, later) in itertools.pairwise(found))
    lines = ran.err.splitlines()
    assert FOUND.fullmatch(lines[lines.index("Solving ...") + 1]), ran.err
