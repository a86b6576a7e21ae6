"""The objective (the impact) and the second-stage tie-break of the allocation model."""

from __future__ import annotations

import hashlib

import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s

from models.builder import Builder
from models.constraints import tiered_items
from models.labels import Label, RuleKey
from models.phrases import RuleText

TIEBREAK_CELL_WEIGHT = 1e-3  # weight of the source/pair order against year-on-year change


def objective_terms(b: Builder) -> list:
    """The impact as (coefficient, variable) pairs; coefficients may be mutable.

    impact = Σ_{(y,c,i) tiered} Σ_k a_ci × multiplier_k × seg[y,c,i,k]
           + Σ_{(y,c,i) untiered} a_ci × X[y,c,i]
    a_ci: value_per_eur; multiplier_k: Returns.multiplier.
    """
    m, ix = b.model, b.ix
    multipliers = [t.multiplier for t in b.data.tiers]
    tiered = set(tiered_items(b))
    terms = []
    for item in ix.items:
        value = m.value_per_eur[item[1:]]
        if item in tiered:
            terms += [(value * mult, b.seg[(*item, k)]) for k, mult in enumerate(multipliers)]
        else:
            terms += [(value, b.x[cell]) for cell in ix.cells_by_item[item]]
    return terms


def add_objective(b: Builder) -> None:
    """Maximise the impact (in value × EUR M; reports multiply by UNIT_EUR)."""
    b.model.impact = pyo.Objective(
        expr=b.linear(objective_terms(b)), sense=pyo.maximize, doc="Impact of the allocation"
    )


def cell_hash(cell: tuple) -> float:
    """A number in [0, 1) fixed by the cell's names (the same in every process and run)."""
    digest = hashlib.blake2b(repr(cell).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def add_tiebreak(b: Builder) -> None:
    """Tie-break: among allocations of best impact, the steadiest one.

    change_up[y,c] − change_down[y,c] − T[y,c] + T[y',c] = 0   ∀ c, consecutive y' < y
    minimise Σ (change_up + change_down) + ε Σ_cells w_cell × x_cell
    w_cell = (rank_s + h_cell) / |S|: sources earlier in the Sources sheet are
    used first; h_cell ∈ [0, 1) is a fixed hash of the cell's names, so that no
    two allocations tie (weights in arithmetic progression would) and a cell's
    weight does not move when other rows of the workbook change. Deactivated:
    the solver uses it in a second stage, on the optimal face of the impact.
    """
    m, ix = b.model, b.ix
    keys = [
        (year, c)
        for c in ix.countries
        for prev, year in zip(ix.years, ix.years[1:], strict=False)
        if b.has_cells((year, c)) or b.has_cells((prev, c))
    ]
    m.change_up = pyo.Var(keys, domain=pyo.NonNegativeReals, doc="Increase of T[y,c] (EUR M)")
    m.change_down = pyo.Var(keys, domain=pyo.NonNegativeReals, doc="Decrease of T[y,c] (EUR M)")
    previous = dict(zip(ix.years[1:], ix.years, strict=False))

    def link(_m, year, c):
        terms = [(1.0, m.change_up[year, c]), (-1.0, m.change_down[year, c])]
        terms += b.country_total_terms(year, c, -1.0)
        terms += b.country_total_terms(previous[year], c, 1.0)
        return (0, b.linear(terms), 0)

    m.change_link = pyo.Constraint(keys, rule=link, doc="Year-on-year change of T[y,c]")
    for year, c in keys:
        b.labels[m.change_link[year, c]] = Label(
            RuleKey.TIEBREAK, (), RuleText("rule_tiebreak", country=c, before=previous[year],
                                            year=year)
        )
    source_rank = {s: n for n, s in enumerate(ix.sources)}
    scale = TIEBREAK_CELL_WEIGHT / max(len(ix.sources), 1)
    terms = [(1.0, m.change_up[k]) for k in keys] + [(1.0, m.change_down[k]) for k in keys]
    terms += [(scale * (source_rank[cell[3]] + cell_hash(cell)), b.x[cell]) for cell in ix.cells]
    m.tiebreak = pyo.Objective(expr=b.linear(terms), sense=pyo.minimize,
                               doc="Second-stage tie-break")
    m.tiebreak.deactivate()
