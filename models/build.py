"""Build the allocation model of SPEC §2 as a Pyomo ConcreteModel.

`build_model` reads as the list of its blocks: index, parameters, variables,
one `add_<block>` per constraint family, the objective, the tie-break.
Money is held in EUR million (`UNIT_EUR`) inside the model.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyomo.environ as pyo
from pyomo.common.collections import ComponentMap

from models.builder import UNIT_EUR, Builder, ModelOptions, to_unit
from models.constraints import (
    add_capacity,
    add_commitments,
    add_country_totals,
    add_envelope,
    add_focus,
    add_min_programme,
    add_oda_share,
    programme_items,
    tiered_items,
)
from models.data import AllocationData
from models.index import ModelIndex, build_index
from models.labels import Conflict, Label
from models.rules import add_do_no_harm, add_limits, add_ramp

TIEBREAK_CELL_WEIGHT = 1e-3  # weight of the source/pair order against year-on-year change


@dataclass(frozen=True)
class Formulation:
    """A built model with what is needed to read and explain it."""

    model: pyo.ConcreteModel
    index: ModelIndex
    labels: ComponentMap  # ConstraintData -> Label
    conflicts: tuple[Conflict, ...]  # rules that cannot hold whatever the allocation


def build_model(data: AllocationData, options: ModelOptions | None = None) -> Formulation:
    b = Builder(data, build_index(data), options or ModelOptions())
    add_parameters(b)
    add_variables(b)
    add_country_totals(b)
    add_envelope(b)
    add_oda_share(b)
    add_capacity(b)
    add_min_programme(b)
    add_focus(b)
    add_commitments(b)
    add_limits(b)
    add_ramp(b)
    add_do_no_harm(b)
    add_objective(b)
    add_tiebreak(b)
    return Formulation(b.model, b.ix, b.labels, tuple(b.conflicts))


def add_parameters(b: Builder) -> None:
    """Mutable parameters: the numbers sensitivity runs change without a rebuild.

    envelope_eur_ys, min_spend_share_ys (Envelopes); value_per_eur_ci = a_ci;
    ramp_eur (Settings); limit_min_eur_l, limit_max_eur_l (Limits).
    """
    m, data = b.model, b.data
    envelopes = {(e.year, e.source): e for e in data.envelopes}
    m.envelope_eur = pyo.Param(
        list(envelopes), initialize={k: to_unit(e.amount_eur) for k, e in envelopes.items()},
        mutable=True, doc="Envelope per year and source (EUR M)",
    )
    m.min_spend_share = pyo.Param(
        list(envelopes), initialize={k: e.min_spend_share for k, e in envelopes.items()},
        mutable=True, doc="Least share of the envelope to spend",
    )
    m.value_per_eur = pyo.Param(
        list(b.ix.pairs), initialize={p: f.value_per_eur for p, f in b.ix.pairs.items()},
        mutable=True, doc="a_ci = p_c × effectiveness_i × fit_ci",
    )
    m.ramp_eur = pyo.Param(
        initialize=to_unit(data.settings.ramp_eur), mutable=True, doc="Ramp allowance (EUR M)"
    )
    low, high = {}, {}
    for key, instance in b.limit_instances.items():
        if instance.limit.min_eur is not None:
            low[key] = to_unit(instance.limit.min_eur)
        if instance.limit.max_eur is not None:
            high[key] = to_unit(instance.limit.max_eur)
    m.limit_min_eur = pyo.Param(list(low), initialize=low, mutable=True, doc="Limits.min_eur")
    m.limit_max_eur = pyo.Param(list(high), initialize=high, mutable=True, doc="Limits.max_eur")


def add_variables(b: Builder) -> None:
    """Variables, over the cells that exist only.

    x[y,c,i,s] >= 0                              allocation (EUR M), every cell
    0 <= seg[y,c,i,k] <= (to_k − from_k) × cap_ci  money in tier k, items with finite cap
    T[y,c] >= 0                                  a country's total, where it has cells
    limit_base[d] >= 0                           share denominators of Limits (EUR M)
    funded[y,c,i] ∈ {0, 1}                       items with min_programme_eur_i > 0
    focus_c ∈ {0, 1}                             countries, when max_countries is set
    """
    m, ix, data = b.model, b.ix, b.data
    m.x = pyo.Var(list(ix.cells), domain=pyo.NonNegativeReals,
                  doc="Allocation per year, country, instrument, source (EUR M)")
    b.x.update(m.x.items())
    widths = [t.to_share - t.from_share for t in data.tiers]
    seg_bounds = {
        (*item, k): (0.0, width * to_unit(ix.pairs[item[1:]].cap_eur))
        for item in tiered_items(b)
        for k, width in enumerate(widths)
    }
    m.seg = pyo.Var(list(seg_bounds), domain=pyo.NonNegativeReals,
                    bounds=lambda _m, *key: seg_bounds[key],
                    doc="Money of a pair in tier k of its capacity (EUR M)")
    m.total = pyo.Var(list(ix.items_by_country_year), domain=pyo.NonNegativeReals,
                      doc="T[y,c]: a country's total in a year (EUR M)")
    m.limit_base = pyo.Var(range(len(b.limit_base_ids)), domain=pyo.NonNegativeReals,
                           doc="Denominator of share limits (EUR M)")
    m.funded = pyo.Var(programme_items(b), domain=pyo.Binary,
                       doc="1 if an instrument with a minimum programme is funded")
    focus = [c for c in ix.countries if any(
        (y, c) in ix.items_by_country_year for y in ix.years)]
    m.focus = pyo.Var(focus if data.settings.max_countries is not None else [],
                       domain=pyo.Binary, doc="1 if the country may receive money")


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
            terms += [(value * mult, m.seg[(*item, k)]) for k, mult in enumerate(multipliers)]
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
            "tiebreak", (), f"{c} {previous[year]}→{year}: change of the total (tie-break)"
        )
    source_rank = {s: n for n, s in enumerate(ix.sources)}
    scale = TIEBREAK_CELL_WEIGHT / max(len(ix.sources), 1)
    terms = [(1.0, m.change_up[k]) for k in keys] + [(1.0, m.change_down[k]) for k in keys]
    terms += [(scale * (source_rank[cell[3]] + cell_hash(cell)), b.x[cell]) for cell in ix.cells]
    m.tiebreak = pyo.Objective(expr=b.linear(terms), sense=pyo.minimize,
                               doc="Second-stage tie-break")
    m.tiebreak.deactivate()


__all__ = ["UNIT_EUR", "Formulation", "ModelOptions", "build_model", "objective_terms"]
