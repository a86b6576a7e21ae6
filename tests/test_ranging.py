"""Parametric cost ranging agrees with HiGHS re-solves on random LPs."""

from __future__ import annotations

import highspy
import numpy as np
import pytest
import scipy.sparse as sp

from optimiser.solve.highs import new_highs
from optimiser.solve.ranging import BasisSystem

INF = highspy.kHighsInf


def random_lp(rng: np.random.Generator, n: int = 8, m: int = 6) -> highspy.Highs:
    """max c x s.t. rows of mixed sense, 0 <= x <= u: a small LP with every status."""
    a = rng.uniform(0, 1, (m, n)) * (rng.random((m, n)) < 0.6)
    kinds = rng.integers(0, 3, m)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_ = rng.uniform(0.5, 2, n)
    lp.col_lower_, lp.col_upper_ = np.zeros(n), rng.uniform(1, 3, n)
    lp.row_lower_ = np.where(kinds == 1, rng.uniform(0.1, 0.5, m), -INF)
    lp.row_upper_ = np.where(kinds == 1, INF, rng.uniform(1, 4, m))
    matrix = sp.csc_matrix(a)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = matrix.indptr, matrix.indices
    lp.a_matrix_.value_ = matrix.data
    lp.sense_ = highspy.ObjSense.kMaximize
    highs = new_highs()
    highs.passModel(lp)
    highs.run()
    return highs


def state_after(highs: highspy.Highs, costs: np.ndarray, basis) -> tuple:
    n = len(costs)
    highs.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
    highs.setBasis(basis)
    highs.run()
    status = tuple(int(s) for s in highs.getBasis().col_status)
    return status, tuple(np.round(np.asarray(highs.getSolution().col_value), 9))


@pytest.mark.parametrize("seed", range(25))
def test_range_is_where_the_solution_starts_to_move(seed):
    rng = np.random.default_rng(seed)
    highs = random_lp(rng)
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        pytest.skip("this random LP is not feasible")
    costs = np.asarray(highs.getLp().col_cost_).copy()
    basis = highs.getBasis()
    base = state_after(highs, costs, basis)
    direction = np.zeros(len(costs))
    group = rng.choice(len(costs), 3, replace=False)
    direction[group] = costs[group]  # a group's costs moving by the same percentage
    down, up = BasisSystem.from_highs(highs).cost_range(direction)
    for delta in (0.98 * up, -0.98 * down):
        if np.isfinite(delta):
            assert state_after(highs, costs + delta * direction, basis) == base
    for delta in (1.05 * up + 1e-6, -1.05 * down - 1e-6):
        if np.isfinite(delta):
            moved = state_after(highs, costs + delta * direction, basis)
            assert moved != base
