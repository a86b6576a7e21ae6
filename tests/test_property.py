"""Random valid workbooks, solved end to end and re-checked by the independent checker.

The strategy plants a feasible allocation and derives every rule from it, so
each workbook must solve, the written result must satisfy every constraint of
SPEC §2 (checked by tests/checker.py, which shares no code with the model),
and the optimum can be no worse than the planted allocation.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from optimiser.api import optimise, run
from optimiser.readers.validate import read_workbook
from tests.checker import assert_valid_result
from tests.strategies import Planted, planted_workbooks
from tests.workbooks import write_workbook

EXAMPLES = int(os.environ.get("ALLOCATE_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _solve(planted: Planted, folder: Path):
    source = write_workbook(folder / "random.xlsx", planted.sheets)
    target = folder / "random-allocation.xlsx"
    return source, target, run(source, target)


@PROPERTY
@given(planted_workbooks())
def test_random_workbooks_solve_to_results_the_checker_accepts(planted: Planted):
    with tempfile.TemporaryDirectory() as folder:
        source, target, report = _solve(planted, Path(folder))
        assert report.status == "optimal"
        checked = assert_valid_result(target, input_path=source)
        # The planted allocation is feasible, so the optimum is at least as good; a MIP
        # may stop within its gap of the optimum.
        gap = max(report.result.data.settings.mip_gap, 1e-6)
        slack = gap * max(1.0, abs(planted.impact)) + checked.total_eur * 1e-9
        assert report.impact >= planted.impact - slack


@PROPERTY
@given(planted_workbooks())
def test_the_lp_relaxation_bounds_the_mip(planted: Planted):
    with tempfile.TemporaryDirectory() as folder:
        data = read_workbook(write_workbook(Path(folder) / "w.xlsx", planted.sheets)).data
    mip = optimise(data)
    relaxed = dataclasses.replace(data, instruments=tuple(
        dataclasses.replace(i, min_programme_eur=0.0) for i in data.instruments),
        settings=dataclasses.replace(data.settings, max_countries=None))
    assert optimise(relaxed).impact >= mip.impact * (1 - 1e-7) - 1.0


@pytest.mark.slow
def test_the_shipped_example_solves_to_a_valid_optimal_result(tmp_path):
    from optimiser.api import example_path

    report = run(example_path(), tmp_path / "example-allocation.xlsx")
    assert report.status == "optimal"
    checked = assert_valid_result(report.output_path, input_path=example_path())
    assert checked.total_eur == pytest.approx(report.result.total_eur)
