"""Limits rows (SPEC §1 Limits sheet, §2 constraint 7) checked on an allocation.

Written from SPEC.md alone. A row expands into one constraint per combination of its
selector choices: a blank selector is one choice (all members together), a name list is one
choice (those members together), `EACH` is one choice per member; a blank year is one choice
per planning year, a year list or `ALL` one choice. Choices combine with AND, so several
`EACH` columns give the product of their members.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from tests.checker_inputs import InputError, Inputs, Record, key, to_year
from tests.checker_rules import Cell, Context

SHARE_OF_COLUMNS = frozenset({"country", "instrument", "theme", "source"})

# (label for reports, members: years, or keys of countries/instruments/sources)
Choice = tuple[str, frozenset]


@dataclass(frozen=True)
class Selection:
    """A set of allocation cells: the product of years, countries, instruments, sources."""

    years: frozenset[int]
    countries: frozenset[str]
    instruments: frozenset[str]
    sources: frozenset[str]

    def total(self, cells: dict[Cell, float]) -> float:
        return sum(
            amount for (y, c, i, s), amount in cells.items()
            if y in self.years and c in self.countries
            and i in self.instruments and s in self.sources
        )

    def n_cells(self, inputs: Inputs) -> int:
        """How many free variables x[y,c,i,s] the selection sums over."""
        per_year = sum(
            len(self.sources.intersection(inputs.free_sources(c, i)))
            for c in self.countries for i in self.instruments
        )
        return len(self.years) * per_year


@dataclass(frozen=True)
class Group:
    """One constraint of a Limits row: one choice per selector column."""

    year: Choice
    country: Choice
    instrument: Choice
    theme: Choice  # members are the instruments that have the chosen theme(s)
    source: Choice

    def label(self) -> str:
        parts = (self.year, self.country, self.instrument, self.theme, self.source)
        return ", ".join(label for label, _ in parts if label)

    def numerator(self) -> Selection:
        return Selection(
            self.year[1], self.country[1], self.instrument[1] & self.theme[1], self.source[1]
        )

    def denominator(self, share_of: frozenset[str], inputs: Inputs) -> Selection:
        """Same years; only the selector columns named in share_of restrict, others released."""
        instruments = frozenset(inputs.instruments)
        if "instrument" in share_of:
            instruments &= self.instrument[1]
        if "theme" in share_of:
            instruments &= self.theme[1]
        return Selection(
            self.year[1],
            self.country[1] if "country" in share_of else frozenset(inputs.countries),
            instruments,
            self.source[1] if "source" in share_of else frozenset(inputs.sources),
        )


def _split(raw: object) -> list[str]:
    return [part.strip() for part in str(raw).split(",") if part.strip()]


def _names(raw: object, members: dict[str, str], where: str) -> frozenset[str]:
    names = frozenset(key(part) for part in _split(raw))
    unknown = names - set(members)
    if unknown:
        raise InputError(f"{where}: unknown name(s) {sorted(unknown)}")
    return names


def selector_choices(raw: object, members: dict[str, str], column: str, where: str):
    """Choices of a country/instrument/theme/source selector; members: key -> name."""
    if raw is None:
        return [("", frozenset(members))]
    if key(raw) == "each":
        return [(f"{column} {name}", frozenset({m})) for m, name in members.items()]
    return [(f"{column} {str(raw).strip()}", _names(raw, members, where))]


def year_choices(raw: object, years: tuple[int, ...], where: str) -> list[Choice]:
    if raw is None:
        return [(f"year {y}", frozenset({y})) for y in years]
    if key(raw) == "all":
        return [("all years", frozenset(years))]
    if isinstance(raw, str):
        chosen = frozenset(int(part) for part in _split(raw))
    else:
        chosen = frozenset({to_year(raw, where)})
    return [("years " + ", ".join(map(str, sorted(chosen))), chosen)]


def theme_choices(raw: object, inputs: Inputs, where: str) -> list[Choice]:
    """Theme choices, each turned into the set of instruments with the chosen theme(s)."""
    choices = selector_choices(raw, inputs.themes, "theme", where)
    return [
        (label, frozenset(i for i in inputs.instruments if key(inputs.instruments[i].theme)
                          in themes))
        for label, themes in choices
    ]


def share_of_columns(row: Record) -> frozenset[str]:
    """The selector columns a share is taken within; blank or `total` = none (all)."""
    share_of = row.raw("share_of")
    if share_of is None or key(share_of) == "total":
        return frozenset()
    columns = frozenset(key(part) for part in _split(share_of))
    if not columns <= SHARE_OF_COLUMNS:
        raise InputError(f"{row.where('share_of')}: {share_of!r}")
    return columns


def groups(row: Record, inputs: Inputs) -> Iterator[Group]:
    where = f"Limits row {row.row}"
    names = {
        column: {k: v.name for k, v in table.items()}
        for column, table in (
            ("country", inputs.countries),
            ("instrument", inputs.instruments),
            ("source", inputs.sources),
        )
    }
    dimensions = (
        year_choices(row.raw("year"), inputs.years, where),
        selector_choices(row.raw("country"), names["country"], "country", where),
        selector_choices(row.raw("instrument"), names["instrument"], "instrument", where),
        theme_choices(row.raw("theme"), inputs, where),
        selector_choices(row.raw("source"), names["source"], "source", where),
    )
    for combination in product(*dimensions):
        yield Group(*combination)


def check_limits(ctx: Context) -> None:
    """Every Limits row, every constraint it expands to, every bound it gives."""
    for row in ctx.inputs.limits:
        name = row.name("name") or f"Limits row {row.row}"
        bounds = {b: row.number(b) for b in ("min_eur", "max_eur", "min_share", "max_share")}
        share_of = share_of_columns(row)
        for group in groups(row, ctx.inputs):
            where = f"{name} ({group.label()})" if group.label() else name
            _check_eur(ctx, bounds, group.numerator(), where)
            if bounds["min_share"] is not None or bounds["max_share"] is not None:
                _check_share(ctx, bounds, group.numerator(),
                             group.denominator(share_of, ctx.inputs), where)


def _check_eur(ctx: Context, bounds: dict, selection: Selection, where: str) -> None:
    total = selection.total(ctx.cells)
    n_cells = selection.n_cells(ctx.inputs)
    if bounds["min_eur"] is not None:
        ctx.at_least("Limits min_eur", where, total, bounds["min_eur"], n_cells)
    if bounds["max_eur"] is not None:
        ctx.at_most("Limits max_eur", where, total, bounds["max_eur"], n_cells)


def _check_share(ctx: Context, bounds: dict, part: Selection, whole: Selection, where: str):
    total = part.total(ctx.cells)
    denominator = whole.total(ctx.cells)
    # The numerator's cells are a subset of the denominator's, so these are all the cells.
    n_cells = whole.n_cells(ctx.inputs)
    where = f"{where}; share of {denominator:,.2f} EUR"
    if bounds["min_share"] is not None:
        ctx.at_least("Limits min_share", where, total, bounds["min_share"] * denominator, n_cells)
    if bounds["max_share"] is not None:
        ctx.at_most("Limits max_share", where, total, bounds["max_share"] * denominator, n_cells)
