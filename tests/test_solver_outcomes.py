"""Solver outcomes through the real command: a time limit with an allocation, odd numbers.

A time limit that leaves an allocation outside the gap exits 0 with status
`feasible` and the gap on the terminal and in Summary (SPEC §3). Numerically
awkward workbooks give a sensible result or a clear error, never a traceback
(`tests.cli_helpers.allocate` fails any test whose output holds one).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optimiser.errors import ExitCode
from tests.cli_helpers import allocate, key_values, table
from tests.trust_books import COMMITMENTS, M, Sheets, hard_mip_sheets
from tests.workbooks import minimal_sheets, write_workbook


def test_a_time_limit_with_an_allocation_exits_0_as_feasible_with_the_gap(tmp_path: Path):
    """hard_mip_sheets: HiGHS has allocations within a fraction of a second and no proof
    of optimality after ten (mip_gap 0), so a 1 s limit always ends between the two."""
    book = write_workbook(tmp_path / "knapsack.xlsx", hard_mip_sheets())
    ran = allocate(tmp_path, book.name, "--time-limit", "1")
    assert ran.code == ExitCode.OK, ran.text
    shown = re.search(r"Status: feasible, gap (\d+\.\d+)%", ran.out)
    assert shown, ran.out
    summary = key_values(tmp_path / "outputs" / "knapsack-allocation.xlsx", "Summary")
    assert summary["status"] == "feasible"
    assert 0 < summary["gap"] < 1
    assert float(shown.group(1)) == pytest.approx(100 * summary["gap"], abs=0.001)
    assert summary["total_eur"] > 0


def _big(s: Sheets) -> None:
    s["Envelopes"][1][2] = 1e12
    s["Envelopes"][2][2] = 2e12
    s["Countries"][1][2] = 5e11


def _tiny_shares(s: Sheets) -> None:
    s["Instruments"][2][2] = 1e-9  # shelter: at most a billionth from ODA
    for row, share in zip(s["Envelopes"], ["min_spend_share", 1e-9, 1e-9], strict=True):
        row.append(share)
    s["Limits"] = [["name", "country", "min_share", "share_of"], ["Jordan share", "Jordan", 1e-9,
                                                                   None]]


def _no_weight(s: Sheets) -> None:
    s["Criteria"][1][1] = 0


def _no_fit(s: Sheets) -> None:
    s["Fit"] = [["country", "instrument", "fit"]] + [
        [c, i, 0] for c in ("Morocco", "Jordan") for i in ("dialogue", "shelter")]


def _mixed_scales(s: Sheets) -> None:
    s["Envelopes"][1][2] = 1e12
    s["Envelopes"][2][2] = 3
    s["Countries"][1][2] = 0.5


@pytest.mark.parametrize("change, total, warns", [
    (_big, 3e12, None),  # Jordan has no absorption limit: every euro is spent
    (_tiny_shares, 2 * M, None),  # ODA money is almost unusable: the non-ODA 2M only
    (_no_weight, 0, "Every value per euro is 0"),
    (_no_fit, 0, "nothing was allocated"),
    (_mixed_scales, 1e12 + 3, None),
], ids=["amounts-1e12", "shares-1e-9", "all-weights-zero", "all-fits-zero", "1e12-beside-3"])
def test_numerically_awkward_workbooks_give_a_sensible_result(change, total, warns,
                                                              tmp_path: Path):
    sheets = minimal_sheets()
    change(sheets)
    book = write_workbook(tmp_path / "odd.xlsx", sheets)
    ran = allocate(tmp_path, book.name)
    assert ran.code == ExitCode.OK, ran.text
    result = tmp_path / "outputs" / "odd-allocation.xlsx"
    summary = key_values(result, "Summary")
    assert summary["status"] == "optimal"
    assert summary["total_eur"] == total
    assert sum(row["amount_eur"] for row in table(result, "Allocation")) == total
    if warns:
        assert warns in ran.out


def test_a_conflict_of_a_trillion_is_explained_in_billions(tmp_path: Path):
    sheets = minimal_sheets()
    _big(sheets)
    sheets["Commitments"] = [COMMITMENTS, ["C1", 2027, "Jordan", "shelter", "BHO ODA", 1.5e12]]
    book = write_workbook(tmp_path / "odd.xlsx", sheets)
    ran = allocate(tmp_path, book.name)
    assert ran.code == ExitCode.INFEASIBLE, ran.text
    assert "short by EUR 500.00bn" in ran.err
    assert "Envelopes row 2" in ran.err and "Commitments row 2" in ran.err
