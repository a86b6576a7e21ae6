"""The model as matrices (c, A, row and column bounds), for HiGHS.

The builder writes every row as one flat `LinearExpression` of variables and
`coef × var` terms. For such rows, reading the terms directly is about 5×
faster than Pyomo's standard-form compiler, which walks each expression with
a general visitor (7 of the 40 s of a size-L run). The result is the same
matrix, bit for bit: the same column order (a variable's whole component is
numbered when one of its members is first met, objective first, then the rows
in model order), the same coefficients, the same rows;
`tests/test_standard_form.py` compares the two. Anything else (a fixed
variable, a nested or nonlinear expression, an empty row) goes to Pyomo's
compiler, which also raises its errors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s
from pyomo.common.gc_manager import PauseGC
from pyomo.common.numeric_types import native_numeric_types, native_types
from pyomo.core.base.param import ParamData
from pyomo.core.expr.numeric_expr import (
    LinearExpression,
    MonomialTermExpression,
    NPV_ProductExpression,
)
from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler
from pyomo.repn.util import FileDeterminism_to_SortComponents, ordered_active_constraints

INF = float("inf")


@dataclass
class StandardForm:
    """Active objective and constraints: one row per constraint (ranged rows have both
    bounds), one column per variable that appears in a row or the objective."""

    columns: list  # VarData per column
    rows: list  # ConstraintData per row
    matrix: object  # scipy CSC, rows × columns
    row_lower: np.ndarray
    row_upper: np.ndarray
    costs: np.ndarray
    offset: float
    sense: int  # pyo.minimize or pyo.maximize


class _Unsupported(Exception):
    """A row the fast path does not read: the whole model goes to Pyomo's compiler."""


def compile_model(model: pyo.ConcreteModel) -> StandardForm:
    with PauseGC():  # many small objects, none cyclic garbage: see models.build
        try:
            return _Reader(model).read()
        except _Unsupported:
            return pyomo_compile(model)


class _Reader:
    """The fast path: flat linear expressions, read term by term."""

    def __init__(self, model):
        self.model = model
        self.config = LinearStandardFormCompiler.CONFIG()
        self.sorter = FileDeterminism_to_SortComponents(self.config.file_determinism)
        self.order: dict[int, int] = {}  # id(VarData) -> column, before unused ones are dropped
        self.variables: list = []

    def read(self) -> StandardForm:
        objectives = list(self.model.component_data_objects(
            pyo.Objective, active=True, sort=self.sorter))
        if len(objectives) != 1:
            raise _Unsupported
        objective = objectives[0]
        cost_terms, offset = self.terms(objective.expr)
        rows, lower, upper, starts, index, data = [], [], [], [0], [], []
        for con in ordered_active_constraints(self.model, self.config):
            lb, body, ub = con.to_bounded_expression()
            lb = lb if lb.__class__ in native_types else pyo.value(lb)
            ub = ub if ub.__class__ in native_types else pyo.value(ub)
            terms, constant = self.terms(body)  # before the bounds: it numbers columns
            if lb is None and ub is None:
                continue
            if not terms:
                raise _Unsupported  # a constant row: Pyomo skips it or raises
            rows.append(con)
            lower.append(-INF if lb is None else lb - constant)
            upper.append(INF if ub is None else ub - constant)
            index.extend(terms)
            data.extend(terms.values())
            starts.append(len(index))
        return self.finish(objective, cost_terms, offset, rows, (lower, upper),
                           (data, index, starts))

    def terms(self, expr) -> tuple[dict, float]:
        """{column: coefficient} and the constant of a flat linear expression."""
        if expr.__class__ is not LinearExpression:
            raise _Unsupported
        order, linear, constant = self.order, {}, 0
        for arg in expr.args:
            cls = arg.__class__
            if cls is MonomialTermExpression:
                coef, var = arg._args_
                if coef.__class__ not in native_types:
                    coef = _number(coef)
            elif cls in native_numeric_types:
                constant += arg
                continue
            elif arg.is_variable_type():
                coef, var = 1, arg
            else:
                raise _Unsupported
            j = order.get(id(var))
            if j is None:
                j = self.record(var)
            if j in linear:
                linear[j] += coef
            elif coef:
                linear[j] = coef
        return linear, constant

    def record(self, var) -> int:
        """Number every member of the variable's component, in its index order (Pyomo's)."""
        if var.fixed:
            raise _Unsupported
        for member in var.parent_component().values(self.sorter):
            self.order[id(member)] = len(self.variables)
            self.variables.append(member)
        return self.order[id(var)]

    def finish(self, objective, cost_terms, offset, rows, bounds, triplets) -> StandardForm:
        data, index, starts = triplets
        n = len(self.variables)
        values = np.fromiter(data, np.float64, len(data))
        cols = np.fromiter(index, np.int64, len(index))
        row_of = np.repeat(np.arange(len(rows)), np.diff(np.array(starts, dtype=np.int64)))
        nonzero = values != 0  # a sum of terms that cancelled (Pyomo drops it too)
        values, cols, row_of = values[nonzero], cols[nonzero], row_of[nonzero]
        costs = np.zeros(n)
        for j, coef in cost_terms.items():
            costs[j] = coef
        if any(v.fixed for v in self.variables):
            raise _Unsupported
        used = np.bincount(cols, minlength=n) > 0
        used |= costs != 0
        keep = np.flatnonzero(used)
        renumber = np.cumsum(used) - 1
        return StandardForm(
            columns=[self.variables[j] for j in keep], rows=rows,
            matrix=_by_columns(values, row_of, renumber[cols], (len(rows), len(keep))),
            row_lower=np.array(bounds[0], dtype=float), row_upper=np.array(bounds[1], dtype=float),
            costs=costs[keep], offset=float(offset), sense=objective.sense,
        )


@dataclass
class ColumnMatrix:
    """Compressed sparse columns, row indices ascending in each column (as HiGHS and
    scipy's csc have it). numpy only: importing scipy costs a run about 0.3 s."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]


def _by_columns(values, rows, cols, shape) -> ColumnMatrix:
    """Row-major triplets (each row's columns distinct) as compressed columns."""
    order = np.argsort(cols, kind="stable")  # stable: rows stay ascending in a column
    indptr = np.zeros(shape[1] + 1, dtype=np.int32)
    np.cumsum(np.bincount(cols, minlength=shape[1]), out=indptr[1:])
    return ColumnMatrix(indptr, rows[order].astype(np.int32), values[order], shape)


def flat_terms(expr) -> list[tuple[float, object]] | None:
    """(coefficient, variable) of a flat linear expression without a constant, or None."""
    if expr.__class__ is not LinearExpression:
        return None
    terms = []
    for arg in expr.args:
        cls = arg.__class__
        if cls is MonomialTermExpression:
            coef, var = arg._args_
            terms.append((coef if coef.__class__ in native_types else _number(coef), var))
        elif cls not in native_numeric_types and arg.is_variable_type():
            terms.append((1, arg))
        else:
            return None
    return terms


def _number(coef) -> float:
    """The value of a fixed coefficient: a Param, or a Param × number as the objective
    has (evaluated in the order Pyomo evaluates it, so the same float)."""
    cls = coef.__class__
    if cls is ParamData:
        return pyo.value(coef)
    if cls is NPV_ProductExpression:
        left, right = coef.args
        return _number(left) * _number(right)
    if cls in native_types:
        return coef
    return pyo.value(coef)


def pyomo_compile(model: pyo.ConcreteModel) -> StandardForm:
    """Pyomo's standard-form compiler, its split ranged rows merged back into one row."""
    repn = LinearStandardFormCompiler().write(model, mixed_form=True, set_sense=None)
    keep, lower, upper, rows = _merge_rows(repn.rows, np.asarray(repn.rhs, dtype=float))
    matrix = repn.A.tocsr()[keep].tocsc() if len(keep) else repn.A.tocsc()
    return StandardForm(
        columns=list(repn.columns), rows=rows, matrix=matrix, row_lower=lower, row_upper=upper,
        costs=np.asarray(repn.c.toarray()[0], dtype=float),
        offset=float(repn.c_offset[0]) if len(repn.c_offset) else 0.0,
        sense=repn.objectives[0].sense,
    )


def _merge_rows(rows, rhs: np.ndarray):
    """Merge the compiler's mixed-form rows into ranged rows, one per constraint.

    The compiler emits a ranged constraint as an upper row (+1) followed by a
    lower row (−1); equalities carry 0.
    """
    keep, lower, upper, cons = [], [], [], []
    k, n = 0, len(rows)
    while k < n:
        con, sense = rows[k]
        lo, hi = -INF, INF
        if sense == 0:
            lo = hi = rhs[k]
        elif sense == 1:
            hi = rhs[k]
        else:
            lo = rhs[k]
        keep.append(k)
        if k + 1 < n and rows[k + 1][0] is con:  # the lower half of a ranged row
            lo = rhs[k + 1]
            k += 1
        k += 1
        cons.append(con)
        lower.append(lo)
        upper.append(hi)
    return np.array(keep, dtype=np.int64), np.array(lower), np.array(upper), cons
