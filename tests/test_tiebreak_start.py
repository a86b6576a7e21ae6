"""The tie-break's allocation does not depend on where its simplex starts.

Stage 3 starts cold (HiGHS presolves the optimal face away, 5x faster on
size L than from the impact LP's basis). Its cell weights differ by less than
HiGHS's default dual tolerance, so without TIEBREAK_DUAL_TOLERANCE the two
starts end at different near-ties on size M (8 cells, up to EUR 10 M apart).
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.generate import generate
from models.build import build_model
from optimiser.readers.validate import read_workbook
from optimiser.solve.highs import CompiledModel
from optimiser.solve.solver import SolveOptions, solve_compiled


def allocation(form, warm: bool, monkeypatch) -> np.ndarray:
    with monkeypatch.context() as patch:
        if warm:  # stage 3 from the impact LP's optimal basis, as before
            patch.setattr(CompiledModel, "forget_basis", lambda self: None)
        compiled = CompiledModel(form.model)
        solution = solve_compiled(form, compiled, SolveOptions())
    return compiled.values_of(solution.values, compiled.index_of(form.model.x.values()))


@pytest.mark.slow
def test_a_warm_and_a_cold_start_give_the_same_steadiest_allocation(tmp_path, monkeypatch):
    form = build_model(read_workbook(generate(tmp_path / "M.xlsx", "M", 1)).data)
    cold = allocation(form, warm=False, monkeypatch=monkeypatch)
    warm = allocation(form, warm=True, monkeypatch=monkeypatch)
    assert np.abs(cold - warm).max() < 1e-6  # EUR M: below a euro

