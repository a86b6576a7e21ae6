"""The sparse index of the model: which allocation cells exist (SPEC §2).

Computed once in plain Python before any Pyomo component is made, so the
model is indexed only over cells that can carry money:

- pairs P = {(c, i) : fit_ci > 0};
- a cell (y, c, i, s) exists for (c, i) ∈ P and every source s with an
  Envelopes row in year y, except ODA sources where c is not DAC-eligible or
  oda_share_i = 0 (those cells are fixed to 0 by SPEC, so they are left out).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models.data import AllocationData
from models.derived import Pair, PairFacts, pair_facts

Cell = tuple[int, str, str, str]  # (year, country, instrument, source)
Item = tuple[int, str, str]  # (year, country, instrument)
CountryYear = tuple[int, str]  # (year, country)


@dataclass(frozen=True)
class ModelIndex:
    years: tuple[int, ...]
    countries: tuple[str, ...]
    instruments: tuple[str, ...]
    sources: tuple[str, ...]
    oda_sources: frozenset[str]
    theme_of: dict[str, str]  # instrument -> theme
    pairs: dict[Pair, PairFacts]
    cells: tuple[Cell, ...]
    items: tuple[Item, ...]
    cells_by_item: dict[Item, tuple[Cell, ...]]
    cells_by_year_source: dict[tuple[int, str], tuple[Cell, ...]]
    items_by_country_year: dict[CountryYear, tuple[Item, ...]]
    sources_by_year: dict[int, tuple[str, ...]]

    def cells_of(self, year: int, country: str) -> tuple[Cell, ...]:
        """All cells of a country in a year, in instrument then source order."""
        return tuple(
            cell
            for item in self.items_by_country_year.get((year, country), ())
            for cell in self.cells_by_item[item]
        )


def _allowed_sources(
    data: AllocationData, pairs: dict[Pair, PairFacts]
) -> dict[Pair, tuple[str, ...]]:
    """Sources each pair may use, ignoring years: ODA only where allowed."""
    dac = {c.name: c.dac_eligible for c in data.countries}
    oda_share = {i.name: i.oda_share for i in data.instruments}
    allowed = {}
    for c, i in pairs:
        oda_ok = dac[c] and oda_share[i] > 0
        allowed[(c, i)] = tuple(s.name for s in data.sources if oda_ok or not s.oda)
    return allowed


def build_index(data: AllocationData) -> ModelIndex:
    """Enumerate cells and items in the order of the input sheets."""
    years = data.years
    source_order = [s.name for s in data.sources]
    funded = {(e.year, e.source) for e in data.envelopes}
    sources_by_year = {
        y: tuple(s for s in source_order if (y, s) in funded) for y in years
    }
    pairs = pair_facts(data)
    allowed = _allowed_sources(data, pairs)
    cells: list[Cell] = []
    items: list[Item] = []
    cells_by_item: dict[Item, tuple[Cell, ...]] = {}
    cells_by_year_source: dict[tuple[int, str], list[Cell]] = defaultdict(list)
    items_by_country_year: dict[CountryYear, list[Item]] = defaultdict(list)
    for y in years:
        year_sources = set(sources_by_year[y])
        for (c, i), usable in allowed.items():
            item_cells = tuple((y, c, i, s) for s in usable if s in year_sources)
            if not item_cells:
                continue
            item = (y, c, i)
            items.append(item)
            cells_by_item[item] = item_cells
            items_by_country_year[(y, c)].append(item)
            cells.extend(item_cells)
            for cell in item_cells:
                cells_by_year_source[(y, cell[3])].append(cell)
    return ModelIndex(
        years=years,
        countries=tuple(c.name for c in data.countries),
        instruments=tuple(i.name for i in data.instruments),
        sources=tuple(source_order),
        oda_sources=frozenset(s.name for s in data.sources if s.oda),
        theme_of={i.name: i.theme for i in data.instruments},
        pairs=pairs,
        cells=tuple(cells),
        items=tuple(items),
        cells_by_item=cells_by_item,
        cells_by_year_source={k: tuple(v) for k, v in cells_by_year_source.items()},
        items_by_country_year={k: tuple(v) for k, v in items_by_country_year.items()},
        sources_by_year=sources_by_year,
    )
