"""Result tables: from a solution to plain pandas tables in euros.

The Allocation table is SPEC §4's; the impact is recomputed from the
allocation exactly as written (whole euros), so the Summary and the sheet
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s

from models.build import UNIT_EUR, Formulation
from models.data import AllocationData
from models.derived import pair_facts
from models.labels import Label, RuleKey
from models.registry import RULES
from optimiser.readers.schema import ALLOCATION_COLUMNS
from optimiser.solve.solver import Solution

DUAL_THRESHOLD = 1e-9  # model units; smaller duals are solver noise
ENVELOPE_PRICE_COLUMNS = ["year", "source", "shadow_price"]


@dataclass(frozen=True)
class AllocationResult:
    """A solved allocation and everything reports need, in euros."""

    data: AllocationData
    status: str  # "optimal" or "feasible"
    impact: float
    total_eur: float
    gap: float | None
    bound: float | None  # best possible impact (MIP), same units as impact
    allocation: pd.DataFrame  # SPEC §4 columns
    binding: pd.DataFrame  # binding rules with shadow prices
    dual_basis: str
    size: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # year, source, shadow_price of every envelope row (NaN without duals)
    envelope_prices: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=ENVELOPE_PRICE_COLUMNS))
    has_duals: bool = True  # False: the dual solve failed, shadow prices are unknown


def allocation_table(form: Formulation, solution: Solution) -> pd.DataFrame:
    """One row per cell with a non-zero amount, in whole euros, in sheet order.

    Cells are rounded so that each source's spending in a year is the rounded
    sum of its cells (largest remainders get the spare euros): an envelope
    spent to the cent is never shown overspent by a euro of rounding.
    """
    ix = form.index
    compiled = solution.compiled
    columns = compiled.index_cache.get("x")
    if columns is None:  # kept: a re-solve session reads the allocation many times
        x = form.model.x  # built over ix.cells in their order: read in one pass if so
        cells = x.values() if list(x.keys()) == list(ix.cells) else (x[c] for c in ix.cells)
        columns = compiled.index_cache["x"] = compiled.index_of(cells)
    amounts = whole_euros(compiled.values_of(solution.values, columns) * UNIT_EUR,
                          [(y, s) for y, _, _, s in ix.cells])
    theme = ix.theme_of
    rows = [
        (y, c, i, theme[i], s, s in ix.oda_sources, float(amount))
        for (y, c, i, s), amount in zip(ix.cells, amounts, strict=True)
        if amount > 0
    ]
    return pd.DataFrame(rows, columns=list(ALLOCATION_COLUMNS))


def whole_euros(amounts: np.ndarray, groups: list) -> np.ndarray:
    """Round to whole euros keeping each group's total at its own rounded total."""
    amounts = np.maximum(amounts, 0.0)
    floors = np.floor(amounts + 1e-6)  # 4999999.9999997 is 5000000, not 4999999 + a spare
    spare = np.round(amounts - floors, 6)  # ties stay ties whatever the float noise
    frame = pd.DataFrame({"group": pd.Series(groups, dtype=object), "spare": spare})
    for _, members in frame.groupby("group", sort=False).groups.items():
        index = np.asarray(members)
        extra = round(float(amounts[index].sum() - floors[index].sum()))
        if extra > 0:
            order = index[np.argsort(-spare[index], kind="stable")][:extra]
            floors[order] += 1
    return floors


def impact_of(data: AllocationData, allocation: pd.DataFrame) -> float:
    """The impact of an allocation: SPEC §2's objective with tiers filled in order."""
    if allocation.empty:
        return 0.0
    facts = pair_facts(data)
    totals = allocation.groupby(["year", "country", "instrument"], sort=False)["amount_eur"].sum()
    impact = 0.0
    for (_, c, i), amount in totals.items():
        pair = facts[(c, i)]
        if pair.cap_eur is None:
            impact += pair.value_per_eur * amount
            continue
        for tier in data.tiers:
            filled = min(max(amount - tier.from_share * pair.cap_eur, 0.0),
                         (tier.to_share - tier.from_share) * pair.cap_eur)
            impact += pair.value_per_eur * tier.multiplier * filled
    return impact


# Rows that define a helper variable, link a yes/no decision to money, or are rules on
# the yes/no decisions alone (min_years, no_restart): never listed as binding.
# (min_programme and focus are listed: they are the user's rules those links serve.)
NOT_LIMITS = frozenset(rule.key for rule in RULES if not rule.bounds_money)
BIND_TOLERANCE = 1e-6  # model units (EUR 1M): a row within one euro of its bound binds
MONEY_TOLERANCE = 5e-7  # model units: a column below half a euro holds no money
BINDING_COLUMNS = ["rule", "where", "constraint", "shadow_price", "per", "sheet", "rows", "side"]
UPPER, LOWER, EXACT = "maximum", "minimum", "exact"


def binding_table(form: Formulation, solution: Solution) -> pd.DataFrame:
    """Every rule that binds in the reported allocation, with its shadow price.

    A row binds when the allocation sits at one of its bounds (within
    BIND_TOLERANCE), unless it is at that bound only because nothing at all is
    allocated in it (an empty cell's ODA share 0 <= 0), or when its dual is
    non-zero. A pair capacity binds when the pair holds its whole capacity
    (every tier full); its price is the sum over the tiers of the tier width
    times the tier's reduced cost. Rows in NOT_LIMITS are never listed.

    `shadow_price` is the change of the reported impact when the bound rises
    by EUR 1M (per extra country for max_countries): a model dual is impact
    (model units) per EUR 1M of right-hand side, and the reported impact is
    UNIT_EUR × the model's. It is NaN when the solve gave no duals. Columns:
    `rule`, `where` and `constraint` (the Label's), `shadow_price`, `per`,
    `sheet` and `rows` (the workbook rows the rule comes from) and `side`
    (the bound it sits at: maximum, minimum or exact). Sorted by the size of
    the shadow price, largest first.
    """
    facts = _RowFacts(form, solution)
    records = [*facts.row_records(), *facts.capacity_records()]
    table = pd.DataFrame(records, columns=BINDING_COLUMNS)
    return table.sort_values("shadow_price", key=lambda s: -np.abs(s.fillna(0.0)),
                             kind="stable").reset_index(drop=True)


class _RowFacts:
    """The reported allocation's row activities, bounds, duals and reduced costs."""

    def __init__(self, form: Formulation, solution: Solution):
        self.form, self.solution = form, solution
        compiled = solution.compiled
        self.rows = compiled.rows
        self.matrix = _matrix(compiled)
        self.values = solution.values
        self.activity = self.matrix @ self.values
        self.lower, self.upper = original_row_bounds(compiled)
        money = (np.abs(self.values) > MONEY_TOLERANCE).astype(float)
        self.touched = (abs(self.matrix) @ money) > 0
        self.duals = solution.duals

    def row_records(self) -> list[tuple]:
        at_upper = np.abs(self.activity - self.upper) <= _tolerance(self.upper)
        at_lower = np.abs(self.activity - self.lower) <= _tolerance(self.lower)
        candidates = (at_upper | at_lower) & self.touched
        if self.duals is not None:
            candidates |= np.abs(self.duals) > DUAL_THRESHOLD
        records = []
        for r in np.flatnonzero(candidates):
            label = self.form.labels[self.rows[r]]
            if label.rule in NOT_LIMITS or label.rule is RuleKey.CAPACITY:
                continue
            dual = self.duals[r] if self.duals is not None else np.nan
            side = _side(bool(at_upper[r]), bool(at_lower[r]), dual)
            records.append(_record(label, dual, side))
        return records

    def capacity_records(self) -> list[tuple]:
        """Pairs that hold their whole capacity (the tier columns' upper bounds)."""
        m, ix = self.form.model, self.form.index
        if not len(m.seg):
            return []
        compiled = self.solution.compiled
        tiers = len(m.seg) // len(m.capacity_tiers)
        reduced = self._reduced_costs()
        # seg is indexed item by item, tier by tier, in the order of capacity_tiers: the
        # money held is read for every pair at once (size L: 49k pairs).
        all_segs = list(m.seg.values())
        all_columns = compiled.index_of(all_segs)
        # Row sums as numpy sums each pair's own array: the same floats as pair by pair.
        held_all = compiled.values_of(self.values, all_columns).reshape(-1, tiers).sum(axis=1)
        cons = list(m.capacity_tiers.values())
        items = [con.index() for con in cons]
        if [seg.index()[:3] for seg in all_segs[::tiers]] != items:
            raise RuntimeError("seg and capacity_tiers are not in the same order")
        caps = np.array([ix.pairs[item[1:]].cap_eur for item in items], dtype=float) / UNIT_EUR
        full = (caps > 0) & ~(held_all < caps - _tolerance(caps))
        records = []
        for n in np.flatnonzero(full):
            con, cap = cons[n], float(caps[n])
            segs = all_segs[n * tiers:(n + 1) * tiers]
            columns = all_columns[n * tiers:(n + 1) * tiers]
            # seg_k <= width_k × cap: one more unit of cap widens tier k by width_k.
            price = (sum(seg.ub / cap * reduced[j] for seg, j in zip(segs, columns, strict=True)
                         if j >= 0) if reduced is not None else np.nan)
            records.append(_record(self.form.labels[con], price, UPPER))
        return records

    def _reduced_costs(self) -> np.ndarray | None:
        """Reduced costs of the impact LP: c − Aᵀy (HiGHS's convention for col_dual)."""
        if self.duals is None:
            return None
        costs = self.solution.impact_costs
        return costs - self.matrix.transpose_times(self.duals)


class _ColumnMatrix:
    """HiGHS's constraint matrix by columns, with the two products reports need.

    Plain numpy, not scipy.sparse: Pyomo imports all of scipy.stats (about 1 s)
    as soon as anything imports scipy, and `allocate run` needs none of it.
    """

    def __init__(self, values: np.ndarray, rows: np.ndarray, starts: np.ndarray,
                 shape: tuple[int, int]):
        self.values, self.rows, self.shape = values, rows, shape
        self.cols = np.repeat(np.arange(shape[1]), np.diff(starts))

    def __abs__(self) -> _ColumnMatrix:
        return _ColumnMatrix._of(np.abs(self.values), self)

    @staticmethod
    def _of(values: np.ndarray, like: _ColumnMatrix) -> _ColumnMatrix:
        copy = object.__new__(_ColumnMatrix)
        copy.values, copy.rows, copy.cols, copy.shape = values, like.rows, like.cols, like.shape
        return copy

    def __matmul__(self, x: np.ndarray) -> np.ndarray:
        """A x: row activities."""
        return np.bincount(self.rows, weights=self.values * np.asarray(x)[self.cols],
                           minlength=self.shape[0])

    def transpose_times(self, y: np.ndarray) -> np.ndarray:
        """Aᵀ y: what the row prices charge each column."""
        return np.bincount(self.cols, weights=self.values * np.asarray(y)[self.rows],
                           minlength=self.shape[1])


def _matrix(compiled) -> _ColumnMatrix:
    """The constraint matrix HiGHS holds."""
    values, rows, starts, shape = compiled.matrix()
    return _ColumnMatrix(np.asarray(values, dtype=float),
                         np.asarray(rows, dtype=np.int64),  # also when empty
                         np.asarray(starts, dtype=np.int64), shape)


def original_row_bounds(compiled) -> tuple[np.ndarray, np.ndarray]:
    """Row bounds as the model states them (the tie-break stage moves some in HiGHS)."""
    lower = np.array([_value(con.lower, -np.inf) for con in compiled.rows], dtype=float)
    upper = np.array([_value(con.upper, np.inf) for con in compiled.rows], dtype=float)
    return lower, upper


def _value(expression, default: float) -> float:
    return default if expression is None else float(pyo.value(expression))


def _tolerance(bound: np.ndarray | float) -> np.ndarray | float:
    size = np.abs(np.where(np.isfinite(bound), bound, 0.0))
    return BIND_TOLERANCE + 1e-9 * size


def _side(at_upper: bool, at_lower: bool, dual: float) -> str:
    if at_upper and at_lower:
        return EXACT
    if at_upper or at_lower:
        return UPPER if at_upper else LOWER
    return UPPER if dual > 0 else LOWER  # priced but off its bound by rounding


def _record(label: Label, dual: float, side: str) -> tuple:
    per = "extra country" if label.unit == "count" else "extra EUR 1M"
    sheets, rows = origin_columns(label.origins)
    return (label.rule, label.where, label.text, dual * UNIT_EUR, per, sheets, rows, side)


def origin_columns(origins) -> tuple[str, object]:
    """(sheet, rows) of a rule's workbook rows: "Countries", 7; or "Settings; Countries", "4; 7"."""
    if not origins:
        return "Settings", None
    by_sheet: dict[str, list[int]] = {}
    for origin in origins:
        rows = by_sheet.setdefault(origin.sheet, [])
        if origin.row is not None and origin.row not in rows:
            rows.append(origin.row)
    sheets = "; ".join(by_sheet)
    if len(by_sheet) == 1:
        (rows,) = by_sheet.values()
        if len(rows) <= 1:
            return sheets, rows[0] if rows else None
        return sheets, ", ".join(str(r) for r in rows)
    return sheets, "; ".join(", ".join(str(r) for r in rows) or "-" for rows in by_sheet.values())


def envelope_prices(form: Formulation, solution: Solution) -> pd.DataFrame:
    """Impact per extra EUR 1M of each envelope (year, source): the marginal value of money.

    Every envelope row of the model is listed, binding or not (0 when not);
    an envelope no pair may use has no row and is left out.
    """
    compiled = solution.compiled
    rows = []
    for (year, source), con in form.model.envelope.items():
        r = compiled.row_of.get(con)
        if r is None:
            continue
        dual = solution.duals[r] if solution.duals is not None else np.nan
        rows.append((year, source, 0.0 if abs(dual) <= DUAL_THRESHOLD else dual * UNIT_EUR))
    return pd.DataFrame(rows, columns=ENVELOPE_PRICE_COLUMNS)


def build_result(
    data: AllocationData, form: Formulation, solution: Solution, timings: dict[str, float]
) -> AllocationResult:
    allocation = allocation_table(form, solution)
    bound = solution.bound * UNIT_EUR if solution.bound is not None else None
    return AllocationResult(
        data=data,
        status=solution.status,
        impact=impact_of(data, allocation),
        total_eur=float(allocation["amount_eur"].sum()),
        gap=solution.gap,
        bound=bound,
        allocation=allocation,
        binding=binding_table(form, solution),
        envelope_prices=envelope_prices(form, solution),
        has_duals=solution.duals is not None,
        dual_basis=solution.dual_basis,
        size=solution.size,
        timings={**timings, **solution.timings},
        notes=tuple(solution.notes),
    )
