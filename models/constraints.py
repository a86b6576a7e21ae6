"""Constraint blocks 1–6 of SPEC §2: money, eligibility, capacity, binaries.

Notation as in SPEC §2; money in the model is in EUR million (UNIT_EUR).
Each function adds one constraint family and labels every row with the
workbook rows it comes from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from models.builder import Builder, constant_conflict, to_unit
from models.data import Commitment
from models.index import Item
from models.labels import Label, RuleKey
from models.phrases import Listed, RuleText, eur


def add_country_totals(b: Builder) -> None:
    """Country totals: T[y,c] is the sum of the country's cells (a definition).

    T[y,c] − Σ_{i,s} x[y,c,i,s] = 0   ∀ (y, c) with cells

    Absorption, focus, ramp, do-no-harm and the tie-break use T, which keeps
    their rows to a few terms.
    """
    m = b.model
    rows, labels = {}, {}
    for (y, c) in b.ix.items_by_country_year:
        terms = [(1.0, m.total[(y, c)])] + [(-1.0, b.x[cell]) for cell in b.ix.cells_of(y, c)]
        rows[(y, c)] = (0, b.linear(terms), 0)
        labels[(y, c)] = Label(RuleKey.TOTAL, (), RuleText("rule_total", country=c, year=y))
    b.add_rows("total_link", rows, labels, doc="T[y,c] = Σ_{i,s} x[y,c,i,s]")


def add_envelope(b: Builder) -> None:
    """Envelope: spending from each source stays within its envelope.

    min_spend_share_ys × envelope_eur_ys <= Σ_{c,i} x[y,c,i,s] <= envelope_eur_ys
        ∀ (y, s) with an Envelopes row

    envelope_eur, min_spend_share: Envelopes.amount_eur, Envelopes.min_spend_share.
    """
    m = b.model
    rows, labels = {}, {}
    for env in b.data.envelopes:
        key = (env.year, env.source)
        text = RuleText("rule_envelope", source=env.source, year=env.year,
                        amount=eur(env.amount_eur))
        if env.min_spend_share > 0:
            text = RuleText("rule_envelope_min", source=env.source, year=env.year,
                            amount=eur(env.amount_eur), share=f"{env.min_spend_share:.0%}")
        label = Label(RuleKey.ENVELOPE, (env.origin,), text)
        cells = b.ix.cells_by_year_source.get(key, ())
        if not cells:
            minimum = env.min_spend_share * env.amount_eur
            reason = constant_conflict(minimum, env.amount_eur)
            if reason:
                b.conflict(label, RuleText("conflict_no_pair_source", source=env.source,
                                           reason=reason))
            continue
        # The lower bound is kept even at 0 so a re-solve may change min_spend_share.
        lower = m.min_spend_share[key] * m.envelope_eur[key]
        rows[key] = (lower, b.sum_cells(cells), m.envelope_eur[key])
        labels[key] = label
    b.add_rows("envelope", rows, labels, doc="Spend per source and year within its envelope")


def add_oda_share(b: Builder) -> None:
    """ODA share: at most oda_share_i of a cell's money is charged to ODA sources.

    Σ_{s ∈ S_oda} x[y,c,i,s] − oda_share_i × X[y,c,i] <= 0
        ∀ (y, c, i) with an ODA cell and oda_share_i < 1

    oda_share: Instruments.oda_share; S_oda: Sources with oda = TRUE.
    """
    x, oda = b.x, b.ix.oda_sources
    instruments = {i.name: i for i in b.data.instruments}
    rows, labels = {}, {}
    for item, cells in b.ix.cells_by_item.items():
        instrument = instruments[item[2]]
        share = instrument.oda_share
        if share >= 1 or not any(cell[3] in oda for cell in cells):
            continue
        terms = [((1 - share) if cell[3] in oda else -share, x[cell]) for cell in cells]
        rows[item] = (None, b.linear(terms), 0)
        labels[item] = Label(
            RuleKey.ODA_SHARE,
            (instrument.origin,),
            RuleText("rule_oda_share", country=item[1], instrument=item[2], year=item[0],
                     share=f"{share:.0%}"),
        )
    b.add_rows("oda_share_max", rows, labels, doc="ODA part of a cell within oda_share")


def add_capacity(b: Builder) -> None:
    """Capacity: pair capacity through the tiers, and country absorption.

    X[y,c,i] − Σ_k seg[y,c,i,k] = 0   ∀ (y, c, i) with cap_ci finite,
        where 0 <= seg[y,c,i,k] <= (to_k − from_k) × cap_ci, so X[y,c,i] <= cap_ci
    T[y,c] <= absorption_eur_c   ∀ (y, c) with absorption_eur_c given

    cap_ci: Fit.capacity_eur, else Countries.absorption_eur;
    tiers k: Returns.from_share, Returns.to_share.
    """
    ix, seg = b.ix, b.seg
    fit_origin = {(f.country, f.instrument): f.origin for f in b.data.fits}
    country = {c.name: c for c in b.data.countries}
    tiers = range(len(b.data.tiers))
    rows, labels = {}, {}
    for item in tiered_items(b):
        y, c, i = item
        facts = ix.pairs[(c, i)]
        total = [(1.0, b.x[cell]) for cell in ix.cells_by_item[item]]
        rows[item] = (0, b.linear(total + [(-1.0, seg[(*item, k)]) for k in tiers]), 0)
        origin = fit_origin[(c, i)] if facts.cap_from_pair else country[c].origin
        key = "rule_capacity_pair" if facts.cap_from_pair else "rule_capacity_absorption"
        labels[item] = Label(RuleKey.CAPACITY, (origin,), RuleText(
            key, country=c, instrument=i, year=y, amount=eur(facts.cap_eur)))
    b.add_rows("capacity_tiers", rows, labels, doc="A pair's money split over its tiers")

    rows, labels = {}, {}
    for (y, c) in ix.items_by_country_year:
        absorption = country[c].absorption_eur
        if absorption is None:
            continue
        rows[(y, c)] = (None, b.country_total(y, c), to_unit(absorption))
        labels[(y, c)] = Label(
            RuleKey.ABSORPTION, (country[c].origin,),
            RuleText("rule_absorption", country=c, year=y, amount=eur(absorption)),
        )
    b.add_rows("absorption_max", rows, labels, doc="A country's total within its absorption")


def tiered_items(b: Builder) -> list[Item]:
    """Items whose pair has a finite cap (they carry tier variables)."""
    return [item for item in b.ix.items if b.ix.pairs[item[1:]].cap_eur is not None]


def add_min_programme(b: Builder) -> None:
    """Minimum programme: a funded instrument gets at least its minimum there.

    min_programme_eur_i × funded[y,c,i] <= X[y,c,i] <= M_yci × funded[y,c,i]
        ∀ (y, c, i) with min_programme_eur_i > 0, funded binary,
    M_yci = min(cap_ci, absorption_eur_c, headroom × Σ_{s usable} envelope_eur_ys)

    min_programme_eur: Instruments.min_programme_eur.
    """
    m = b.model
    instruments = {i.name: i for i in b.data.instruments}
    lower_rows, upper_rows, labels = {}, {}, {}
    for item in programme_items(b):
        instrument = instruments[item[2]]
        minimum = to_unit(instrument.min_programme_eur)
        big_m = item_big_m(b, item)
        # big_m < minimum leaves funded = 0 as the only choice. It is not fixed here, so
        # that an infeasibility this causes names the min_programme row it comes from.
        total = b.item_total(item)
        lower_rows[item] = (0, b.linear([*_terms(total), (-minimum, m.funded[item])]), None)
        upper_rows[item] = (None, b.linear([*_terms(total), (-big_m, m.funded[item])]), 0)
        labels[item] = Label(
            RuleKey.MIN_PROGRAMME,
            (instrument.origin,),
            RuleText("rule_min_programme", country=item[1], instrument=item[2], year=item[0],
                     amount=eur(instrument.min_programme_eur)),
        )
    link_labels = {k: replace(label, rule=RuleKey.PROGRAMME_LINK) for k, label in labels.items()}
    doc = "Funded programmes get at least min_programme_eur"
    b.add_rows("programme_min", lower_rows, labels, doc=doc)
    b.add_rows("programme_link", upper_rows, link_labels, doc="No money unless funded")


def programme_items(b: Builder) -> list[Item]:
    minimum = {i.name: i.min_programme_eur for i in b.data.instruments}
    return [item for item in b.ix.items if minimum[item[2]] > 0]


def _terms(expression) -> list:
    return list(zip(expression.linear_coefs, expression.linear_vars, strict=True))


def _envelope_bound(b: Builder, year: int, sources: set[str]) -> float:
    amounts = {(e.year, e.source): e.amount_eur for e in b.data.envelopes}
    total = sum(amounts[(year, s)] for s in sources)
    return b.options.envelope_headroom * to_unit(total)


def item_big_m(b: Builder, item: Item) -> float:
    """The most X[y,c,i] can be: the tightest of cap, absorption and envelopes."""
    y, c, i = item
    bounds = [_envelope_bound(b, y, {cell[3] for cell in b.ix.cells_by_item[item]})]
    cap = b.ix.pairs[(c, i)].cap_eur
    absorption = next(k.absorption_eur for k in b.data.countries if k.name == c)
    bounds += [to_unit(v) for v in (cap, absorption) if v is not None]
    return min(bounds)


def add_focus(b: Builder) -> None:
    """Focus: at most max_countries countries receive money over the horizon.

    T[y,c] <= M_yc × focus_c   ∀ (y, c) with cells;   Σ_c focus_c <= max_countries
    M_yc = min(absorption_eur_c, Σ_i cap_ci, headroom × Σ_{s usable} envelope_eur_ys)

    max_countries: Settings.max_countries.
    """
    settings = b.data.settings
    if settings.max_countries is None:
        return
    m = b.model
    country = {c.name: c for c in b.data.countries}
    rows, labels = {}, {}
    for (y, c), items in b.ix.items_by_country_year.items():
        big_m = country_big_m(b, y, items)
        terms = [*b.country_total_terms(y, c, 1.0), (-big_m, m.focus[c])]
        rows[(y, c)] = (None, b.linear(terms), 0)
        labels[(y, c)] = Label(
            RuleKey.FOCUS_LINK, (country[c].origin,),
            RuleText("rule_focus_link", country=c, year=y),
        )
    b.add_rows("focus_link", rows, labels, doc="Money only for active (focus) countries")
    count = b.linear((1.0, m.focus[c]) for c in m.focus)
    focus = Label(
        RuleKey.FOCUS,
        (settings.origin("max_countries"),),
        RuleText("rule_focus_one") if settings.max_countries == 1
        else RuleText("rule_focus", count=settings.max_countries),
        unit="count",
    )
    b.add_rows("focus_max", {0: (None, count, settings.max_countries)}, {0: focus},
               doc="At most max_countries active countries")


def country_big_m(b: Builder, year: int, items: tuple[Item, ...]) -> float:
    caps = [b.ix.pairs[item[1:]].cap_eur for item in items]
    sources = {cell[3] for item in items for cell in b.ix.cells_by_item[item]}
    bounds = [_envelope_bound(b, year, sources)]
    if all(cap is not None for cap in caps):
        bounds.append(to_unit(sum(caps)))
    absorption = next(k.absorption_eur for k in b.data.countries if k.name == items[0][1])
    if absorption is not None:
        bounds.append(to_unit(absorption))
    return min(bounds)


def add_commitments(b: Builder) -> None:
    """Commitments: money already committed is allocated.

    x[y,c,i,s] >= Σ_{rows naming (y,c,i,s)} amount_eur   (rows with a source)
    X[y,c,i]   >= Σ_{rows naming (y,c,i)} amount_eur     (where a row has no source)

    amount_eur: Commitments.amount_eur.
    """
    by_cell: dict[tuple, list[Commitment]] = defaultdict(list)
    by_item: dict[Item, list[Commitment]] = defaultdict(list)
    for row in b.data.commitments:
        item = (row.year, row.country, row.instrument)
        by_item[item].append(row)
        if row.source is not None:
            by_cell[(*item, row.source)].append(row)
    cell_rows, cell_labels = {}, {}
    for cell, rows in by_cell.items():
        _commit(b, cell, rows, cell_rows, cell_labels)
    item_rows, item_labels = {}, {}
    for item, rows in by_item.items():
        if any(row.source is None for row in rows):
            _commit(b, item, rows, item_rows, item_labels)
    b.add_rows("commitment_cell", cell_rows, cell_labels, doc="Committed money per source")
    b.add_rows("commitment_item", item_rows, item_labels, doc="Committed money, any source")


def _commit(b: Builder, key: tuple, rows: list[Commitment], out: dict, labels: dict) -> None:
    amount = sum(row.amount_eur for row in rows)
    refs = ", ".join(dict.fromkeys(row.reference for row in rows))
    where = {"source": key[3]} if len(key) == 4 else {}
    text = RuleText("rule_commitment_source" if where else "rule_commitment", country=key[1],
                    instrument=key[2], year=key[0], amount=eur(amount), refs=refs, **where)
    label = Label(RuleKey.COMMITMENT, tuple(row.origin for row in rows), text)
    if amount <= 0:
        return
    if len(key) == 4:
        exists = key in b.x
        body = b.sum_cells([key]) if exists else None
    else:
        exists = key in b.ix.cells_by_item
        body = b.item_total(key) if exists else None
    if not exists:
        b.conflict(label, why_no_cell(b, key))
        return
    blocked = why_unfundable(b, key[:3])
    if blocked:
        b.conflict(label, blocked)
        return
    out[key] = (to_unit(amount), body, None)
    labels[key] = label


def why_unfundable(b: Builder, item: Item) -> str | None:
    """Why (y, c, i) can never hold money: its minimum programme is above its tightest bound.

    None if it can be funded (or has no minimum programme). The bounds are
    those of `item_big_m`, each said with the workbook row it comes from.
    """
    if item not in b.model.funded:
        return None
    y, c, i = item
    instrument = next(k for k in b.data.instruments if k.name == i)
    if item_big_m(b, item) >= to_unit(instrument.min_programme_eur):
        return None
    country = next(k for k in b.data.countries if k.name == c)
    facts = b.ix.pairs[(c, i)]
    sources = sorted({cell[3] for cell in b.ix.cells_by_item[item]})
    envelopes = sum(e.amount_eur for e in b.data.envelopes if e.year == y and e.source in sources)
    bounds = [(envelopes, RuleText("bound_envelopes", year=y, sources=Listed(sources),
                                   amount=eur(envelopes)))]
    if facts.cap_eur is not None:
        where = next((f.origin for f in b.data.fits if (f.country, f.instrument) == (c, i)),
                     country.origin) if facts.cap_from_pair else country.origin
        bounds.append((facts.cap_eur, RuleText("bound_capacity", country=c, instrument=i,
                                               amount=eur(facts.cap_eur), origin=where)))
    if country.absorption_eur is not None:
        bounds.append((country.absorption_eur, RuleText(
            "bound_absorption", country=c, amount=eur(country.absorption_eur),
            origin=country.origin)))
    _, tightest = min(bounds, key=lambda bound: bound[0])
    return RuleText("conflict_unfundable", instrument=i, amount=eur(instrument.min_programme_eur),
                    origin=instrument.origin, tightest=tightest)


def why_no_cell(b: Builder, key: tuple) -> str:
    """Why the model has no allocation cell for (y, c, i[, s])."""
    year, country, instrument = key[:3]
    facts = b.ix.pairs.get((country, instrument))
    if facts is None:
        return RuleText("conflict_fit_zero", instrument=instrument, country=country)
    if len(key) == 4:
        source = key[3]
        if source not in b.ix.sources_by_year[year]:
            return RuleText("conflict_no_envelope", source=source, year=year)
        dac = next(c.dac_eligible for c in b.data.countries if c.name == country)
        if not dac:
            return RuleText("conflict_not_dac", country=country, source=source)
        return RuleText("conflict_oda_zero", instrument=instrument, source=source)
    return RuleText("conflict_no_source", instrument=instrument, country=country, year=year)
