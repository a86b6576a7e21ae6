"""Result tables: from a solution to plain pandas tables in euros.

The Allocation table is SPEC §4's; the impact is recomputed from the
allocation exactly as written (whole euros), so the Summary and the sheet
always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.build import UNIT_EUR, Formulation
from models.data import AllocationData
from models.derived import pair_facts
from optimiser.schema import ALLOCATION_COLUMNS
from optimiser.solve import Solution

DUAL_THRESHOLD = 1e-9  # model units; smaller duals are solver noise


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
        columns = compiled.index_cache["x"] = compiled.index_of(form.model.x[c] for c in ix.cells)
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
    spare = amounts - floors
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


def binding_table(form: Formulation, solution: Solution) -> pd.DataFrame:
    """Rules with a non-zero shadow price: the impact gained per unit their bound moves.

    A model dual is impact (model units) per EUR 1M of right-hand side; the
    reported impact is UNIT_EUR × the model's, so per EUR 1M it is dual × UNIT_EUR
    (per extra country for the focus rule).
    """
    columns = ["rule", "where", "constraint", "shadow_price", "per"]
    if solution.duals is None:
        return pd.DataFrame(columns=columns)
    compiled = solution.compiled
    rows = []
    for con, dual in zip(compiled.rows, solution.duals, strict=False):
        label = form.labels[con]
        if abs(dual) <= DUAL_THRESHOLD or label.rule == "tiebreak":
            continue
        per = "extra country" if label.unit == "count" else "extra EUR 1M"
        rows.append((label.rule, label.where, label.text, dual * UNIT_EUR, per))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values("shadow_price", key=np.abs, ascending=False,
                             kind="stable").reset_index(drop=True)


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
        dual_basis=solution.dual_basis,
        size=solution.size,
        timings={**timings, **solution.timings},
        notes=tuple(solution.notes),
    )
