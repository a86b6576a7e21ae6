"""`allocate explain` and `allocate scenarios` on infeasible plans, through the real command:
the same text on a busy machine and an idle one, progress on stderr, whole explanations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimiser.errors import ExitCode
from optimiser.writers.template import example_path
from tests.cli_helpers import allocate
from tests.test_scenarios_run import CUT, MORE, sheets
from tests.workbooks import write_workbook


def _example_committed_above_capacity(path: Path) -> Path:
    """The shipped example (max_countries 15, minimum programme sizes) with C3, Uganda ×
    Return hub pilot 2026 (capacity EUR 6M), raised from EUR 5M to EUR 30M."""
    book = load_workbook(example_path())
    for row in book["Commitments"].iter_rows(min_row=2):
        if row[0].value == "C3" and row[1].value == 2026:
            row[5].value = 30_000_000
    book.save(path)
    return path


@pytest.mark.slow
def test_explain_prints_the_same_text_on_a_busy_machine_and_an_idle_one(tmp_path: Path):
    book = _example_committed_above_capacity(tmp_path / "plan.xlsx")
    idle = allocate(tmp_path, "explain", book.name, timeout=600)
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        busy = allocate(tmp_path, "explain", book.name, timeout=600)
    finally:
        spinner.kill()
        spinner.wait()
    assert idle.code == busy.code == ExitCode.INFEASIBLE
    assert busy.out == idle.out and busy.err == idle.err
    # The case: the pair capacity is named beside the commitment, and no more.
    conflict = idle.err.split("removes this conflict:\n", 1)[1].split("The smallest")[0]
    assert conflict.splitlines() == [
        "  - Fit row 2: Uganda × Return hub pilot 2026: at most EUR 6.0M (pair capacity)",
        "  - Commitments row 6: Uganda × Return hub pilot 2026 from A&M non-ODA: at least "
        "EUR 30.0M committed (C3)"]
    assert "work limit" not in idle.err
    assert "Searching for the conflicting rules (0 of " in idle.err


def test_scenarios_print_an_infeasible_scenarios_whole_explanation(tmp_path: Path):
    book = write_workbook(tmp_path / "book.xlsx", sheets([MORE, CUT]))
    ran = allocate(tmp_path, "scenarios", book.name, "--workers", 1, "-o", "cmp.xlsx")
    assert ran.code == 0, ran.text
    # CUT halves the EUR 2M envelope under the EUR 1.5M commitment J1: short by EUR 0.5M.
    assert "Explaining why scenario 'cut' is infeasible (1 of 1)" in ran.err
    assert "Searching for the conflicting rules" in ran.err
    printed = ran.out.split("  cut ", 1)[1]
    assert "removes this conflict:" in printed
    assert "The smallest change that makes the workbook feasible:" in printed
    assert "lower the commitment by EUR 500k" in printed or "raise the envelope by EUR 500k" \
        in printed
    summary = {row["scenario"]: row["message"] for row in _rows(tmp_path / "cmp.xlsx",
                                                                 "Summary")}
    assert summary["cut"].endswith("(in full on sheet Messages)")
    assert "\n" not in summary["cut"]
    lines = [row["text"] for row in _rows(tmp_path / "cmp.xlsx", "Messages")
             if row["scenario"] == "cut"]
    assert lines[0] == summary["cut"].removesuffix(" (in full on sheet Messages)")
    assert any("Commitments row 2" in line for line in lines)
    assert any("The smallest change" in line for line in lines)


def _rows(path: Path, sheet: str) -> list[dict[str, object]]:
    """A table under note rows: its header is the row that starts with "scenario"."""
    rows = list(load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    top = next(n for n, row in enumerate(rows) if row and row[0] == "scenario")
    return [dict(zip(rows[top], row, strict=False)) for row in rows[top + 1:] if any(row)]
