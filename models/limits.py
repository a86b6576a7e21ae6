"""Expansion of Limits rows into concrete selections of cells (SPEC §1 Limits).

Plain Python: one Limits row becomes one `LimitInstance` per year group and
per member of every `EACH` column. Each instance holds the cells whose sum is
bounded and, for share bounds, the key of its denominator (same years,
restricted only by the selector columns named in `share_of`). Denominators
are shared: "each country at most 20% of the total" has one denominator per
year, not one per country, which keeps the model sparse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from models.data import SELECTOR_COLUMNS, Limit, Pick, YearPick
from models.index import Cell, ModelIndex
from models.phrases import Listed, RuleText

# column -> members chosen (None = every member)
Members = dict[str, tuple[str, ...] | None]
# A share denominator: the years and the members of the columns named in share_of.
BaseKey = tuple[tuple[int, ...], tuple[tuple[str, tuple[str, ...] | None], ...]]


@dataclass(frozen=True)
class LimitInstance:
    limit: Limit
    years: tuple[int, ...]
    members: Members
    selected: tuple[Cell, ...]
    base: BaseKey | None  # the share denominator, shared by instances; None: no share bound

    def describe(self) -> Listed:
        """The selection in words: "2027; country Morocco; theme protection"."""
        years: object = RuleText("selection_all_years") if len(self.years) > 1 \
            else str(self.years[0])
        if 1 < len(self.years) < 4:
            years = Listed(map(str, self.years))
        return selection_text(years, self.members.items())


def selection_text(years: object, members) -> Listed:
    """Years, then each (column, names) with names, as "2027; country Morocco"."""
    parts = [RuleText("selection_part", column=column, names=Listed(names))
             for column, names in members if names]
    return Listed([years, *parts], "semicolon")


def _year_groups(limit: Limit, years: tuple[int, ...]) -> list[tuple[int, ...]]:
    if limit.year.pick is YearPick.EACH:
        return [(y,) for y in years]
    if limit.year.pick is YearPick.ALL:
        return [years]
    return [tuple(y for y in years if y in limit.year.years)]


def _universe(column: str, ix: ModelIndex) -> tuple[str, ...]:
    if column == "country":
        return ix.countries
    if column == "instrument":
        return ix.instruments
    if column == "source":
        return ix.sources
    return tuple(dict.fromkeys(ix.theme_of[i] for i in ix.instruments))


def _member_options(limit: Limit, column: str, ix: ModelIndex) -> list[tuple[str, ...] | None]:
    selector = limit.selector(column)
    if selector.pick is Pick.ALL:
        return [None]
    if selector.pick is Pick.NAMES:
        return [selector.names]
    return [(member,) for member in _universe(column, ix)]


def select_cells(ix: ModelIndex, years: tuple[int, ...], members: Members) -> tuple[Cell, ...]:
    """Cells in `years` whose country, instrument, theme and source are all chosen."""
    countries = members.get("country") or ix.countries
    instruments = set(members.get("instrument") or ix.instruments)
    themes = members.get("theme")
    if themes is not None:
        instruments &= {i for i in ix.instruments if ix.theme_of[i] in themes}
    sources = set(members.get("source") or ix.sources)
    selected = []
    for y in years:
        for c in countries:
            for item in ix.items_by_country_year.get((y, c), ()):
                if item[2] in instruments:
                    selected.extend(cell for cell in ix.cells_by_item[item] if cell[3] in sources)
    return tuple(selected)


def has_share_bound(limit: Limit) -> bool:
    return limit.min_share is not None or limit.max_share is not None


def expand_limits(
    limits: tuple[Limit, ...], ix: ModelIndex
) -> tuple[dict[tuple[int, int], LimitInstance], dict[BaseKey, tuple[Cell, ...]]]:
    """Every constraint the Limits rows stand for, keyed (row number, instance number),
    and the cells of each distinct share denominator (many instances share one).
    """
    instances: dict[tuple[int, int], LimitInstance] = {}
    bases: dict[BaseKey, tuple[Cell, ...]] = {}
    for n, limit in enumerate(limits):
        for j, instance in enumerate(_expand(limit, ix)):
            instances[(n, j)] = instance
            if instance.base is not None and instance.base not in bases:
                years, released = instance.base
                bases[instance.base] = select_cells(ix, years, dict(released))
    return instances, bases


def _expand(limit: Limit, ix: ModelIndex) -> Iterator[LimitInstance]:
    options = [_member_options(limit, column, ix) for column in SELECTOR_COLUMNS]
    for years in _year_groups(limit, ix.years):
        for choice in product(*options):
            members = dict(zip(SELECTOR_COLUMNS, choice, strict=True))
            base = None
            if has_share_bound(limit):
                released = tuple(
                    (column, names if column in limit.share_of else None)
                    for column, names in members.items()
                )
                base = (years, released)
            yield LimitInstance(limit, years, members, select_cells(ix, years, members), base)
