"""Parameters and variables of the allocation model (SPEC §2), over the cells that exist."""

from __future__ import annotations

import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s

from models.builder import Builder, to_unit
from models.constraints import programme_items, tiered_items
from models.continuity import activity_items, country_runs, line_runs, start_items
from models.parameters import MUTABLE_PARAMETERS


def add_parameters(b: Builder) -> None:
    """Mutable parameters: the numbers a re-solve may change without a rebuild.

    envelope_eur_ys, min_spend_share_ys (Envelopes); value_per_eur_ci = a_ci;
    limit_min_eur_l, limit_max_eur_l (Limits). Declared in `models.parameters`
    (the re-solve contract), created here from that declaration.
    """
    for parameter in MUTABLE_PARAMETERS:
        keys = parameter.keys(b)
        if parameter.name == "value_per_eur":  # the index has computed these already
            values = {pair: b.ix.pairs[pair].value_per_eur for pair in keys}
        else:
            values = parameter.values(b.data, keys)
        b.model.add_component(parameter.name, pyo.Param(
            keys, initialize=values, mutable=True, doc=parameter.doc))


def add_variables(b: Builder) -> None:
    """Variables, over the cells that exist only.

    x[y,c,i,s] >= 0                              allocation (EUR M), every cell
    0 <= seg[y,c,i,k] <= (to_k − from_k) × cap_ci  money in tier k, items with finite cap
    T[y,c] >= 0                                  a country's total, where it has cells
    limit_base[d] >= 0                           share denominators of Limits (EUR M)
    funded[y,c,i] ∈ {0, 1}                       items with min_programme_eur_i > 0
    focus_c ∈ {0, 1}                             countries, when max_countries is set
    running[y,c,i] ∈ {0, 1}                      items a continuity rule concerns that
                                                 have no funded[y,c,i] (SPEC §5.1)
    0 <= line_start[y,c,i] <= 1                  items with min_years_i > 1
    line_run[c,i,a,b], country_run[c,a,b] >= 0   runs [a, b] of years, no_restart
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
    b.seg.update(m.seg.items())
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
    add_continuity_variables(b)


def add_continuity_variables(b: Builder) -> None:
    m = b.model
    m.running = pyo.Var(activity_items(b), domain=pyo.Binary,
                        doc="1 if the line (country, instrument) runs that year")
    m.line_start = pyo.Var(start_items(b), domain=pyo.UnitInterval,
                           doc="1 if the line starts that year")
    m.line_run = pyo.Var(line_runs(b), domain=pyo.NonNegativeReals,
                         doc="1 if the line runs exactly from the first to the last year")
    m.country_run = pyo.Var(country_runs(b), domain=pyo.NonNegativeReals,
                            doc="1 if the country receives money exactly in these years")
