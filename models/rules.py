"""Constraint blocks 7–9 of SPEC §2: Limits, ramp and do-no-harm.

Notation as in SPEC §2; money in the model is in EUR million (UNIT_EUR).
"""

from __future__ import annotations

from models.builder import Builder, constant_conflict, to_unit
from models.constraints import country_big_m, programme_items
from models.derived import high_risk_countries, protection_instruments
from models.labels import Label, RuleKey
from models.limits import LimitInstance, selection_text
from models.phrases import Listed, RuleText, eur


def add_limits(b: Builder) -> None:
    """Limits: bounds on the sum over a selection of cells.

    min_eur_l <= Σ_{(y,c,i,s) ∈ sel_l} x[y,c,i,s] <= max_eur_l
    Σ_{sel_l} x − min_share_l × base[d_l] >= 0
    Σ_{sel_l} x − max_share_l × base[d_l] <= 0
    base[d] − Σ_{(y,c,i,s) ∈ den_d} x[y,c,i,s] = 0
        ∀ l: every Limits row, expanded per year group and per EACH member;
    den_d: a share denominator (the years of l, restricted only by the columns
    named in share_of), shared by every l with the same one.

    min_eur, max_eur, min_share, max_share, share_of: the Limits sheet.
    """
    eur_rows, low_rows, high_rows, labels = {}, {}, {}, {}
    for key, instance in b.limit_instances.items():
        labels[key] = _limit_label(instance)
        _limit_eur(b, key, instance, eur_rows, labels[key])
        _limit_share(b, key, instance, instance.limit.min_share, low_rows, lower=True)
        _limit_share(b, key, instance, instance.limit.max_share, high_rows, lower=False)
    b.add_rows("limit_eur", eur_rows, labels, doc="Limits rows: bounds in EUR")
    b.add_rows("limit_share_min", low_rows, labels, doc="Limits rows: minimum shares")
    b.add_rows("limit_share_max", high_rows, labels, doc="Limits rows: maximum shares")
    _limit_bases(b)


def _limit_bases(b: Builder) -> None:
    m, ids = b.model, b.limit_base_ids
    rows, labels = {}, {}
    for base, n in ids.items():
        terms = [(1.0, m.limit_base[n])] + [(-1.0, b.x[cell]) for cell in b.limit_bases[base]]
        rows[n] = (0, b.linear(terms), 0)
        years, released = base
        text = RuleText("rule_limit_base",
                        selection=selection_text(Listed(map(str, years)), released))
        labels[n] = Label(RuleKey.LIMIT_BASE, (), text)
    b.add_rows("limit_base_link", rows, labels, doc="Share denominators of Limits")


def _limit_label(instance: LimitInstance) -> Label:
    limit = instance.limit
    bounds = []
    if limit.min_eur is not None:
        bounds.append(RuleText("limit_at_least", amount=eur(limit.min_eur)))
    if limit.max_eur is not None:
        bounds.append(RuleText("limit_at_most", amount=eur(limit.max_eur)))
    of = Listed(RuleText("limit_column", column=column) for column in sorted(limit.share_of)) \
        if limit.share_of else RuleText("limit_of_total")
    if limit.min_share is not None:
        bounds.append(RuleText("limit_share_at_least", share=f"{limit.min_share:.0%}", of=of))
    if limit.max_share is not None:
        bounds.append(RuleText("limit_share_at_most", share=f"{limit.max_share:.0%}", of=of))
    text = RuleText("rule_limit", name=limit.name, selection=instance.describe(),
                    bounds=Listed(bounds, "and"))
    return Label(RuleKey.LIMIT, (limit.origin,), text)


def _limit_eur(b: Builder, key, instance: LimitInstance, rows: dict, label: Label) -> None:
    limit = instance.limit
    if limit.min_eur is None and limit.max_eur is None:
        return
    if not instance.selected:
        reason = constant_conflict(limit.min_eur, limit.max_eur)
        if reason:
            b.conflict(label, reason)
        return
    m = b.model
    lower = m.limit_min_eur[key] if limit.min_eur is not None else None
    upper = m.limit_max_eur[key] if limit.max_eur is not None else None
    rows[key] = (lower, b.sum_cells(instance.selected), upper)


def _limit_share(b: Builder, key, instance: LimitInstance, share, rows: dict, lower: bool) -> None:
    if share is None or not b.limit_bases[instance.base]:
        return  # an empty denominator means an empty selection: 0 >= share × 0 holds
    m = b.model
    base = m.limit_base[b.limit_base_ids[instance.base]]
    body = b.linear([(1.0, b.x[cell]) for cell in instance.selected] + [(-share, base)])
    rows[key] = (0, body, None) if lower else (None, body, 0)


def add_ramp(b: Builder) -> None:
    """Ramp: a country's total moves by at most ramp_share of last year plus ramp_eur.

    T[y,c] − (1 + ramp_share) × T[y',c] <= ramp_eur
    (1 − ramp_share) × T[y',c] − T[y,c] <= ramp_eur
        ∀ c, consecutive planning years y' < y;
    for the first year y0 and c in Baseline, T[y',c] is the constant baseline_eur_c.

    ramp_share, ramp_eur: Settings; baseline_eur: Baseline.amount_eur.
    """
    settings = b.data.settings
    if settings.ramp_share is None:
        return
    r, ramp_eur = settings.ramp_share, to_unit(settings.ramp_eur)
    origin = settings.origin("ramp_share")
    up, down, labels = {}, {}, {}
    country = {c.name: c for c in b.data.countries}
    for c in b.ix.countries:
        for prev, year in zip(b.ix.years, b.ix.years[1:], strict=False):
            if not (b.has_cells((year, c)) or b.has_cells((prev, c))):
                continue
            now, before = b.country_total_terms(year, c, 1.0), b.country_total_terms(prev, c, 1.0)
            up[(year, c)] = (None, b.linear(now + _scale(before, -(1 + r))), ramp_eur)
            down[(year, c)] = (None, b.linear(_scale(before, 1 - r) + _scale(now, -1.0)),
                               ramp_eur)
            labels[(year, c)] = Label(RuleKey.RAMP, (origin, country[c].origin), RuleText(
                "rule_ramp", country=c, before=prev, year=year, share=f"{r:.0%}",
                plus=_plus(settings)))
    for row in b.data.baseline:
        _baseline_ramp(b, row, up, down, labels)
    b.add_rows("ramp_up", up, labels, doc="Year-on-year increase within the ramp band")
    b.add_rows("ramp_down", down, labels, doc="Year-on-year decrease within the ramp band")


def _plus(settings) -> str:
    return RuleText("rule_ramp_plus", amount=eur(settings.ramp_eur)) \
        if settings.ramp_eur > 0 else ""


def _scale(terms: list, factor: float) -> list:
    return [(coef * factor, var) for coef, var in terms]


def _baseline_ramp(b: Builder, row, up: dict, down: dict, labels: dict) -> None:
    settings, ramp_eur = b.data.settings, to_unit(b.data.settings.ramp_eur)
    r, first, c = settings.ramp_share, b.ix.years[0], row.country
    base = to_unit(row.amount_eur)
    low = max((1 - r) * row.amount_eur - settings.ramp_eur, 0.0)
    high = (1 + r) * row.amount_eur + settings.ramp_eur
    label = Label(
        RuleKey.RAMP,
        (settings.origin("ramp_share"), row.origin),
        RuleText("rule_ramp_baseline", country=c, year=first, low=eur(low), high=eur(high),
                 share=f"{r:.0%}", plus=_plus(settings), amount=eur(row.amount_eur)),
    )
    if not b.has_cells((first, c)):
        reason = constant_conflict((1 - r) * row.amount_eur - settings.ramp_eur, None)
        if reason:
            b.conflict(label, RuleText("conflict_ramp_no_cell", country=c, year=first))
        return
    total = b.country_total(first, c)
    up[(first, c)] = (None, total, (1 + r) * base + ramp_eur)
    if (1 - r) * row.amount_eur - settings.ramp_eur > 0:
        down[(first, c)] = ((1 - r) * base - ramp_eur, b.country_total(first, c), None)
    labels[(first, c)] = label


def add_do_no_harm(b: Builder) -> None:
    """Do-no-harm: high-risk countries spend at least a share on protection.

    Σ_{i: theme_i = protection_theme} X[y,c,i] − high_risk_protection_share × T[y,c] >= 0
        ∀ y, c with human_rights_risk_c >= high_risk_threshold

    Settings.high_risk_threshold, .high_risk_protection_share, .protection_theme;
    Countries.human_rights_risk; Instruments.theme.
    """
    settings = b.data.settings
    share = settings.high_risk_protection_share
    if share <= 0:
        return
    protection = set(protection_instruments(b.data))
    country = {c.name: c for c in b.data.countries}
    x = b.x
    rows, labels = {}, {}
    for c in high_risk_countries(b.data):
        for y in b.ix.years:
            cells = b.ix.cells_of(y, c)
            if not cells:
                continue
            terms = [(1.0, x[cell]) for cell in cells if cell[2] in protection]
            terms += b.country_total_terms(y, c, -share)
            rows[(y, c)] = (0, b.linear(terms), None)
            labels[(y, c)] = Label(
                RuleKey.DO_NO_HARM,
                (settings.origin("high_risk_protection_share"), country[c].origin),
                RuleText("rule_do_no_harm", country=c, year=y, share=f"{share:.0%}",
                         theme=settings.protection_theme),
            )
    b.add_rows("do_no_harm", rows, labels, doc="Protection share in high-risk countries")


def add_do_no_harm_link(b: Builder) -> None:
    """Do-no-harm link: a high-risk country has money only if a protection programme is funded.

    T[y,c] − M_yc × Σ_{p protection} funded[y,c,p] <= 0
        ∀ high-risk (y, c) with cells, whose protection instruments all have a
        minimum programme (and high_risk_protection_share > 0)

    Implied by do-no-harm and the minimum programmes (protection > 0 needs a
    funded programme), but the LP relaxation does not see it: it funds
    protection in small fractions. Stated, it halved the example's MIP time.
    """
    settings = b.data.settings
    if settings.high_risk_protection_share <= 0:
        return
    m = b.model
    programmes = set(programme_items(b))
    protection = set(protection_instruments(b.data))
    country = {c.name: c for c in b.data.countries}
    rows, labels = {}, {}
    for c in high_risk_countries(b.data):
        for y in b.ix.years:
            items = b.ix.items_by_country_year.get((y, c), ())
            guarded = [item for item in items if item[2] in protection]
            if not guarded or any(item not in programmes for item in guarded):
                continue
            big_m = country_big_m(b, y, items)
            terms = b.country_total_terms(y, c, 1.0) + [(-big_m, m.funded[i]) for i in guarded]
            rows[(y, c)] = (None, b.linear(terms), 0)
            labels[(y, c)] = Label(
                RuleKey.DO_NO_HARM_LINK,
                (settings.origin("high_risk_protection_share"), country[c].origin),
                RuleText("rule_do_no_harm_link", country=c, year=y,
                         theme=settings.protection_theme),
            )
    b.add_rows("do_no_harm_link", rows, labels,
               doc="Money in a high-risk country needs a funded protection programme")
