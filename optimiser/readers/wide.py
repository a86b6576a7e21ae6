"""Envelopes laid out wide (sources down, years across), as people often type them.

The sheet needs one row per year and source (SPEC §1). A header row with years
in it (2027, 2028, ...) instead of `year` and `amount_eur` is reported once, with
the first two rows as they should be.
"""

from __future__ import annotations

from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.cells import is_blank, shown
from optimiser.readers.texts import Told
from optimiser.readers.workbook import RawSheet, normalise

YEARS = range(1900, 2201)
YEAR, SOURCE, AMOUNT = (column.name for column in schema.ENVELOPES.columns[:3])


def wide_envelopes(raw: RawSheet) -> Problem | None:
    """The problem for an Envelopes sheet with years across its header, else None."""
    years = [(letter, text) for letter, text in raw.headers if _is_year(text)]
    if not years or normalise(YEAR) in raw.columns:
        return None
    names = [YEAR, SOURCE, AMOUNT]
    return Problem(raw.title, f"{years[0][0]}1", years[0][1], Told(
        "told_wide", names=", ".join(names), example=_example(raw, years, names)))


def _is_year(text: str) -> bool:
    return text.isdigit() and int(text) in YEARS


def _example(raw: RawSheet, years: list[tuple[str, str]], names: list[str]) -> str | Told:
    """The first two rows as they should be: 'year 2027, source X, amount_eur 6000000; ...'."""
    rows = [row for row in raw.rows if not all(is_blank(c.value) for c in row.cells.values())]
    if not rows:
        return Told("told_wide_rows")
    first = rows[0].cells
    source_key = normalise(SOURCE) if normalise(SOURCE) in raw.columns else None
    source = first[source_key].value if source_key else next(
        (cell.value for key, cell in first.items() if not _is_year(key)), None)
    shown_rows = []
    for _letter, year in years[:2]:
        amount = first.get(normalise(year))
        value = shown(amount.value) if amount is not None else None
        shown_rows.append(f"{names[0]} {year}, {names[1]} {source}, {names[2]} {value}")
    return "; ".join(shown_rows)
