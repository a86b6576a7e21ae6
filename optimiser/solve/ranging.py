"""Parametric cost ranging: how far a group of costs may move together, basis unchanged.

HiGHS ranges one cost at a time. A country's value per euro moves all its
columns at once (and within a country many columns tie: the sources of one
programme, equally effective instruments), so single-column ranges say 0
where the allocation would in fact not move. For a direction d (the costs of
the group), with the optimal basis held fixed:

    duals      y(δ) = y + δ Δy,   Δy_i = 0 on basic rows,  a_jᵀ Δy = d_j on basic columns
    reduced    z(δ) = z + δ (d − Aᵀ Δy)

and the basis stays optimal while every non-basic column and row keeps the
sign its bound requires (maximisation: at a lower bound z ≤ 0, at an upper
bound z ≥ 0; for rows, y ≤ 0 at the lower bound, y ≥ 0 at the upper). The
largest δ either way is the range. Conventions checked against HiGHS by
re-solving (tests/test_ranging.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

_BASIC = highspy.HighsBasisStatus.kBasic
_LOWER = highspy.HighsBasisStatus.kLower
_UPPER = highspy.HighsBasisStatus.kUpper
_TOL = 1e-9


@dataclass
class BasisSystem:
    """The optimal basis of a solved LP, factorised once for many directions."""

    matrix: sp.csc_matrix  # A, rows × columns
    col_dual: np.ndarray
    row_dual: np.ndarray
    col_status: list
    row_status: list
    col_fixed: np.ndarray
    row_fixed: np.ndarray
    basic_cols: np.ndarray
    nonbasic_rows: np.ndarray
    lu: object | None

    @classmethod
    def from_highs(cls, highs: highspy.Highs) -> BasisSystem:
        lp = highs.getLp()
        a = lp.a_matrix_
        matrix = sp.csc_matrix((np.asarray(a.value_), np.asarray(a.index_), np.asarray(a.start_)),
                               shape=(lp.num_row_, lp.num_col_))
        solution, basis = highs.getSolution(), highs.getBasis()
        col_status, row_status = list(basis.col_status), list(basis.row_status)
        basic_cols = np.array([j for j, s in enumerate(col_status) if s == _BASIC], dtype=int)
        nonbasic_rows = np.array([i for i, s in enumerate(row_status) if s != _BASIC], dtype=int)
        square = matrix[nonbasic_rows][:, basic_cols].T.tocsc()  # a_jᵀ Δy over basic j
        lu = splu(square) if square.shape[0] else None
        return cls(matrix, np.asarray(solution.col_dual), np.asarray(solution.row_dual),
                   col_status, row_status,
                   np.asarray(lp.col_lower_) == np.asarray(lp.col_upper_),
                   np.asarray(lp.row_lower_) == np.asarray(lp.row_upper_),
                   basic_cols, nonbasic_rows, lu)

    def cost_range(self, direction: np.ndarray) -> tuple[float, float]:
        """(largest decrease, largest increase) of δ for costs c + δ·direction, both >= 0."""
        dy = np.zeros(self.matrix.shape[0])
        if self.lu is not None:
            dy[self.nonbasic_rows] = self.lu.solve(direction[self.basic_cols])
        dz = direction - self.matrix.T @ dy
        up, down = np.inf, np.inf
        for value, change, status, fixed in (
            (self.col_dual, dz, self.col_status, self.col_fixed),
            (self.row_dual, dy, self.row_status, self.row_fixed),
        ):
            u, d = _limits(value, change, status, fixed)
            up, down = min(up, u), min(down, d)
        return down, up


def _limits(value: np.ndarray, change: np.ndarray, status: list, fixed: np.ndarray):
    """Largest δ up and down keeping each non-basic entry's sign."""
    status = np.array([int(s) for s in status])
    at_lower = (status == int(_LOWER)) & ~fixed
    at_upper = (status == int(_UPPER)) & ~fixed
    up = down = np.inf
    # at a lower bound the entry must stay <= 0: value + δ·change <= 0
    for mask, sign in ((at_lower, 1.0), (at_upper, -1.0)):
        v, c = sign * value[mask], sign * change[mask]  # need v + δc <= 0
        rising = c > _TOL
        if rising.any():
            up = min(up, float(np.min(np.maximum(-v[rising], 0.0) / c[rising])))
        falling = c < -_TOL
        if falling.any():
            down = min(down, float(np.min(np.maximum(-v[falling], 0.0) / -c[falling])))
    return up, down
