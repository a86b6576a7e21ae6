"""Shared state while a model is built: the Pyomo model, its index, labels.

Constraint blocks (`models.constraints`, `models.rules`) receive a `Builder`
and add one family each. The builder keeps the label of every constraint and
the conflicts found while building (rules that cannot hold at all), so that
neither lives on the Pyomo model object.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s
from pyomo.common.collections import ComponentMap
from pyomo.core.expr.numeric_expr import LinearExpression, MonomialTermExpression

from models.data import AllocationData
from models.index import Cell, CountryYear, Item, ModelIndex
from models.labels import Conflict, Label
from models.limits import BaseKey, LimitInstance, expand_limits
from models.phrases import RuleText

UNIT_EUR = 1e6  # the model's money unit: EUR million (HiGHS dislikes bounds of 1e8)

_NUMBERS = (int, float)


def to_unit(amount_eur: float | None) -> float | None:
    return None if amount_eur is None else amount_eur / UNIT_EUR


@dataclass(frozen=True)
class ModelOptions:
    """Options of the formulation (not of the solver).

    `envelope_headroom`: big-M values of the binary rules are derived from the
    envelopes; a sensitivity sweep that scales envelopes up to a factor F must
    build with headroom F so those values stay valid.
    """

    envelope_headroom: float = 1.0


@dataclass
class Builder:
    data: AllocationData
    ix: ModelIndex
    options: ModelOptions
    model: pyo.ConcreteModel = field(default_factory=pyo.ConcreteModel)
    labels: ComponentMap = field(default_factory=ComponentMap)
    # cell -> its x variable: a plain dict lookup is ~10x faster than m.x[cell]
    x: dict = field(default_factory=dict)
    seg: dict = field(default_factory=dict)  # (y, c, i, k) -> its seg variable, likewise
    conflicts: list[Conflict] = field(default_factory=list)

    @cached_property
    def _limits(self):
        return expand_limits(self.data.limits, self.ix)

    @property
    def limit_instances(self) -> dict[tuple[int, int], LimitInstance]:
        """Every Limits row expanded, keyed (row number, instance number)."""
        return self._limits[0]

    @property
    def limit_bases(self) -> dict[BaseKey, tuple[Cell, ...]]:
        """The cells of each distinct share denominator."""
        return self._limits[1]

    @cached_property
    def limit_base_ids(self) -> dict[BaseKey, int]:
        """Share denominators with at least one cell, numbered in order of appearance."""
        used = [base for base, cells in self.limit_bases.items() if cells]
        return {base: n for n, base in enumerate(used)}

    # -- expressions -------------------------------------------------------
    def linear(self, terms: Iterable[tuple[float, object]]) -> LinearExpression:
        """Σ coef × var as one flat linear expression.

        Unit coefficients pass the variable itself: Pyomo builds a monomial
        object per term otherwise, which dominated the build time.
        """
        args = [var if coef.__class__ in _NUMBERS and coef == 1
                else MonomialTermExpression((coef, var)) for coef, var in terms]
        return LinearExpression(args=args)

    def sum_cells(self, cells: Iterable[Cell]) -> LinearExpression:
        x = self.x
        return LinearExpression(args=[x[cell] for cell in cells])

    def item_total(self, item: Item) -> LinearExpression:
        """X[y,c,i] = Σ_s x[y,c,i,s]."""
        return self.sum_cells(self.ix.cells_by_item[item])

    def country_total(self, year: int, country: str) -> LinearExpression:
        """T[y,c] (a variable defined by add_country_totals), as an expression."""
        return self.linear(self.country_total_terms(year, country, 1.0))

    def country_total_terms(self, year: int, country: str, coef: float) -> list:
        """[(coef, T[y,c])], or [] where the country has no cells that year (T = 0)."""
        key = (year, country)
        return [(coef, self.model.total[key])] if key in self.ix.items_by_country_year else []

    def has_cells(self, key: CountryYear) -> bool:
        return key in self.ix.items_by_country_year

    # -- constraints -------------------------------------------------------
    def add_rows(
        self,
        name: str,
        rows: dict[object, tuple[object, LinearExpression, object]],
        labels: dict[object, Label],
        doc: str,
    ) -> None:
        """Add an indexed constraint `name` over `rows` (key -> (lb, body, ub))."""
        constraint = pyo.Constraint(list(rows), rule=lambda _m, *key: _row(rows, key), doc=doc)
        self.model.add_component(name, constraint)
        for key in rows:
            self.labels[constraint[key]] = labels[key]

    def conflict(self, label: Label, reason: str) -> None:
        self.conflicts.append(Conflict(label, reason))


def _row(rows: dict, key: tuple) -> tuple:
    return rows[key[0] if len(key) == 1 else key]


def constant_conflict(lower: float | None, upper: float | None, tol: float = 1e-9) -> str | None:
    """Why a rule whose sum has no cells (so is 0) fails, or None if 0 fits."""
    if lower is not None and lower > tol:
        return RuleText("conflict_sum_zero")
    if upper is not None and upper < -tol:
        return RuleText("conflict_below_zero")
    return None

