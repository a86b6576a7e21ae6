"""The constraint families of SPEC §2, checked on an allocation read from a result workbook.

Written from SPEC.md alone (no `models`, no `optimiser`). Limits are in `checker_limits`.

Tolerance (SPEC §2): a constraint `lhs <= rhs` (or `>=`) holds when it is violated by at most
1 euro per allocation cell in its sums plus 1e-6 of the bound (|rhs|). "Cells in its sums"
are the model's free variables x[y,c,i,s] the constraint sums over, whether or not the
allocation funds them: rounding can move a cell by up to a euro and can drop a cell it
rounds to zero. A cell that is no variable at all (fit 0, or ODA money where ODA is not
allowed) cannot be rounded into existence, so any money there is a violation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tests.checker_inputs import Inputs

Cell = tuple[int, str, str, str]  # (year, country, instrument, source), names as key()


@dataclass(frozen=True)
class Violation:
    """A broken rule: which rule, where (year/country/…), what, and by how much in euros."""

    rule: str
    where: str
    detail: str
    excess: float = 0.0

    def __str__(self) -> str:
        return f"{self.rule} — {self.where}: {self.detail}"


def tolerance(n_cells: int, bound: float) -> float:
    """SPEC §2: 1 euro per allocation cell in the sum plus 1e-6 of the bound."""
    return n_cells * 1.0 + 1e-6 * abs(bound)


@dataclass
class Context:
    """Inputs, allocation cells and their sums X[y,c,i], T[y,c]; collects violations."""

    inputs: Inputs
    cells: dict[Cell, float]
    violations: list[Violation] = field(default_factory=list)
    X: dict[tuple[int, str, str], float] = field(init=False)
    T: dict[tuple[int, str], float] = field(init=False)

    def __post_init__(self) -> None:
        X: dict[tuple[int, str, str], float] = defaultdict(float)
        T: dict[tuple[int, str], float] = defaultdict(float)
        for (year, country, instrument, _), amount in self.cells.items():
            X[year, country, instrument] += amount
            T[year, country] += amount
        self.X, self.T = dict(X), dict(T)

    def n_x(self, country: str, instrument: str) -> int:
        """Number of variable cells in X[y,c,i] (one year)."""
        return len(self.inputs.free_sources(country, instrument))

    def n_t(self, country: str) -> int:
        """Number of variable cells in T[y,c] (one year)."""
        return sum(self.n_x(country, i) for i in self.inputs.instruments)

    def where(self, year=None, country=None, instrument=None, source=None) -> str:
        parts = [] if year is None else [f"year {year}"]
        for label, name, table in (
            ("country", country, self.inputs.countries),
            ("instrument", instrument, self.inputs.instruments),
            ("source", source, self.inputs.sources),
        ):
            if name is not None:
                parts.append(f"{label} {table[name].name}")
        return ", ".join(parts)

    def add(self, rule: str, where: str, detail: str, excess: float = 0.0) -> None:
        self.violations.append(Violation(rule, where, detail, excess))

    def at_most(self, rule: str, where: str, lhs: float, rhs: float, n_cells: int) -> None:
        """Record a violation unless lhs <= rhs within the tolerance."""
        slack = tolerance(n_cells, rhs)
        if lhs - rhs > slack:
            detail = (
                f"{lhs:,.2f} exceeds the maximum {rhs:,.2f} by {lhs - rhs:,.2f} EUR"
                f" (tolerance {slack:,.2f})"
            )
            self.add(rule, where, detail, lhs - rhs)

    def at_least(self, rule: str, where: str, lhs: float, rhs: float, n_cells: int) -> None:
        """Record a violation unless lhs >= rhs within the tolerance."""
        slack = tolerance(n_cells, rhs)
        if rhs - lhs > slack:
            detail = (
                f"{lhs:,.2f} is below the minimum {rhs:,.2f} by {rhs - lhs:,.2f} EUR"
                f" (tolerance {slack:,.2f})"
            )
            self.add(rule, where, detail, rhs - lhs)


def check_cells_exist(ctx: Context) -> None:
    """x[y,c,i,s] exists only for pairs with fit > 0, and ODA money only where allowed."""
    for (year, country, instrument, source), amount in ctx.cells.items():
        where = ctx.where(year, country, instrument, source)
        if ctx.inputs.fit_of(country, instrument) <= 0:
            ctx.add("fit 0 pair", where, f"{amount:,.2f} EUR on a pair with fit 0", abs(amount))
        elif source not in ctx.inputs.free_sources(country, instrument):
            ctx.add(
                "ODA eligibility", where,
                f"{amount:,.2f} EUR of ODA money, but the country is not DAC-eligible"
                " or the instrument's oda_share is 0",
                abs(amount),
            )
        ctx.at_least("non-negative amount", where, amount, 0.0, 1)


def _spend(ctx: Context) -> dict[tuple[int, str], float]:
    spend: dict[tuple[int, str], float] = defaultdict(float)
    for (year, _, _, source), amount in ctx.cells.items():
        spend[year, source] += amount
    return spend


def check_envelopes(ctx: Context) -> None:
    """min_spend_share × amount <= Σ_{c,i} x[y,c,i,s] <= amount; no row = nothing to spend."""
    spend = _spend(ctx)
    pairs = [(c, i) for c in ctx.inputs.countries for i in ctx.inputs.instruments]
    for source in ctx.inputs.sources:
        n_cells = sum(source in ctx.inputs.free_sources(c, i) for c, i in pairs)
        for year in ctx.inputs.years:
            spent = spend.get((year, source), 0.0)
            where = ctx.where(year, source=source)
            envelope = ctx.inputs.envelopes.get((year, source))
            if envelope is None:
                ctx.at_most("envelope missing (no Envelopes row)", where, spent, 0.0, n_cells)
                continue
            ctx.at_most("envelope max", where, spent, envelope.amount_eur, n_cells)
            floor = envelope.min_spend_share * envelope.amount_eur
            ctx.at_least("envelope min_spend_share", where, spent, floor, n_cells)


def check_oda_share(ctx: Context) -> None:
    """Σ_{s ∈ S_oda} x[y,c,i,s] <= oda_share_i × X[y,c,i]."""
    oda: dict[tuple[int, str, str], float] = defaultdict(float)
    for (year, country, instrument, source), amount in ctx.cells.items():
        if ctx.inputs.sources[source].oda:
            oda[year, country, instrument] += amount
    for (year, country, instrument), amount in oda.items():
        share = ctx.inputs.instruments[instrument].oda_share
        ctx.at_most(
            "ODA share", ctx.where(year, country, instrument), amount,
            share * ctx.X[year, country, instrument], ctx.n_x(country, instrument),
        )


def check_capacity(ctx: Context) -> None:
    """X[y,c,i] <= capacity_eur of the pair; T[y,c] <= absorption_eur of the country.

    Where a pair has no capacity of its own, cap_ci = absorption_c is implied by T[y,c].
    """
    for (year, country, instrument), amount in ctx.X.items():
        capacity = ctx.inputs.pair_capacity(country, instrument)
        if capacity is not None:
            ctx.at_most(
                "pair capacity", ctx.where(year, country, instrument), amount, capacity,
                ctx.n_x(country, instrument),
            )
    for (year, country), total in ctx.T.items():
        absorption = ctx.inputs.countries[country].absorption_eur
        if absorption is not None:
            ctx.at_most(
                "country absorption", ctx.where(year, country), total, absorption,
                ctx.n_t(country),
            )


def check_min_programme(ctx: Context) -> None:
    """X[y,c,i] = 0 or X[y,c,i] >= min_programme_eur_i (each side within the tolerance)."""
    for (year, country, instrument), amount in ctx.X.items():
        minimum = ctx.inputs.instruments[instrument].min_programme_eur
        n_cells = ctx.n_x(country, instrument)
        zero = amount <= tolerance(n_cells, 0.0)
        if minimum > 0 and not zero and amount < minimum - tolerance(n_cells, minimum):
            ctx.add(
                "minimum programme", ctx.where(year, country, instrument),
                f"{amount:,.2f} EUR is neither 0 nor at least min_programme_eur"
                f" {minimum:,.2f} (short by {minimum - amount:,.2f} EUR)",
                minimum - amount,
            )


def check_focus(ctx: Context) -> None:
    """At most max_countries countries have T[y,c] > 0 in some year of the horizon.

    A country counts when some T[y,c] exceeds its zero tolerance (1 euro per cell).
    """
    limit = ctx.inputs.settings.max_countries
    if limit is None:
        return
    funded = {
        country for (_, country), total in ctx.T.items()
        if total > tolerance(ctx.n_t(country), 0.0)
    }
    if len(funded) > limit:
        names = ", ".join(sorted(ctx.inputs.countries[c].name for c in funded))
        ctx.add(
            "max_countries", "whole horizon",
            f"{len(funded)} countries receive money ({names}), at most {limit} may",
        )


def check_commitments(ctx: Context) -> None:
    """x[y,c,i,s] >= Σ rows naming s; X[y,c,i] >= Σ all rows for (y,c,i)."""
    per_source: dict[Cell, float] = defaultdict(float)
    per_cell: dict[tuple[int, str, str], float] = defaultdict(float)
    for row in ctx.inputs.commitments:
        per_cell[row.year, row.country, row.instrument] += row.amount_eur
        if row.source is not None:
            per_source[row.year, row.country, row.instrument, row.source] += row.amount_eur
    for cell, committed in per_source.items():
        ctx.at_least(
            "commitment (per source)", ctx.where(*cell), ctx.cells.get(cell, 0.0), committed, 1
        )
    for (year, country, instrument), committed in per_cell.items():
        ctx.at_least(
            "commitment (all sources)", ctx.where(year, country, instrument),
            ctx.X.get((year, country, instrument), 0.0), committed,
            ctx.n_x(country, instrument),
        )


def check_ramp(ctx: Context) -> None:
    """|T[y,c] − T[y−1,c]| <= ramp_share × T[y−1,c] + ramp_eur for adjacent planning years.

    Adjacent = consecutive in the sorted horizon (2027 and 2029 are adjacent when 2028 is not
    planned). The Baseline amount is T of the year before the first planning year, only for
    the countries it names.
    """
    if ctx.inputs.settings.ramp_share is None:
        return
    for country in ctx.inputs.countries:
        previous = None
        if country in ctx.inputs.baseline:
            previous = ("Baseline", ctx.inputs.baseline[country], 0)
        for year in ctx.inputs.years:
            total = ctx.T.get((year, country), 0.0)
            if previous is not None:
                _ramp_step(ctx, country, year, total, previous)
            previous = (str(year), total, ctx.n_t(country))


def _ramp_step(ctx: Context, country: str, year: int, total: float, previous) -> None:
    label, before, n_before = previous
    settings = ctx.inputs.settings
    band = settings.ramp_share * before + settings.ramp_eur
    n_cells = n_before + ctx.n_t(country)
    where = f"{ctx.where(year, country)} (change from {label} total {before:,.2f})"
    ctx.at_most("ramp (increase)", where, total - before, band, n_cells)
    ctx.at_most("ramp (decrease)", where, before - total, band, n_cells)


def check_do_no_harm(ctx: Context) -> None:
    """Σ_{i: theme = protection} X[y,c,i] >= high_risk_protection_share × T[y,c], high-risk c."""
    settings = ctx.inputs.settings
    if settings.high_risk_threshold is None:
        return
    protected: dict[tuple[int, str], float] = defaultdict(float)
    for (year, country, instrument), amount in ctx.X.items():
        if ctx.inputs.has_theme(instrument, settings.protection_theme):
            protected[year, country] += amount
    for country, record in ctx.inputs.countries.items():
        if record.human_rights_risk < settings.high_risk_threshold:
            continue
        for year in ctx.inputs.years:
            ctx.at_least(
                "do-no-harm (protection share)", ctx.where(year, country),
                protected.get((year, country), 0.0),
                settings.high_risk_protection_share * ctx.T.get((year, country), 0.0),
                ctx.n_t(country),
            )
