"""Limits rows of every form, with bounds the planted allocation meets (see strategies.py).

The planted sums are computed here from the Limits semantics of SPEC §1 directly, not with
the checker's code, so that the property test "planted allocation passes the checker"
compares two readings of the same text.
"""

from __future__ import annotations

import math
import random
from itertools import product
from typing import TYPE_CHECKING

from tests.strategies_draw import at_least, at_most, respell, table
from tests.workbooks import Rows

if TYPE_CHECKING:
    from tests.strategies import World

SELECTORS = ("country", "instrument", "theme", "source")
HEADER = ["name", "year", "country", "instrument", "theme", "source",
          "min_eur", "max_eur", "min_share", "max_share", "share_of"]

# A selector choice: the cell as written, and the member sets of the constraints it makes.
Choice = tuple[object, list[frozenset]]


def limits_sheet(world: World, rng: random.Random) -> Rows | None:
    if rng.random() < 0.5:
        return None
    rows = [limit_row(world, rng, n) for n in range(rng.randint(1, 4))]
    return table(rng, list(HEADER), rows)


def member_choice(rng: random.Random, members: list[str], blank: float = 0.45) -> Choice:
    """Blank (all together), EACH (one per member), or a comma list of 1–2 names."""
    draw = rng.random()
    if draw < blank:
        return None, [frozenset(members)]
    if draw < blank + 0.25:
        return respell(rng, "EACH"), [frozenset({m}) for m in members]
    chosen = rng.sample(members, rng.randint(1, min(2, len(members))))
    return ",".join(respell(rng, m) for m in chosen), [frozenset(chosen)]


def year_choice(rng: random.Random, years: list[int]) -> Choice:
    """Blank (each year), one year, a list of years together, or ALL together."""
    draw = rng.random()
    if draw < 0.35:
        return None, [frozenset({y}) for y in years]
    if draw < 0.6:
        year = rng.choice(years)
        return year, [frozenset({year})]
    if draw < 0.8 and len(years) > 1:
        chosen = sorted(rng.sample(years, rng.randint(2, len(years))))
        return ", ".join(map(str, chosen)), [frozenset(chosen)]
    return respell(rng, "ALL"), [frozenset(years)]


def theme_choice(rng: random.Random, world: World) -> Choice:
    """Like member_choice over themes; members become the instruments with those themes."""
    value, theme_sets = member_choice(rng, sorted(set(world.theme.values())), blank=0.6)
    return value, [
        frozenset(i for i in world.instruments if world.theme[i] in themes)
        for themes in theme_sets
    ]


def planted_sums(world: World, group: tuple, share_of: list[str]) -> tuple[int, int]:
    """(selected sum, share denominator) of the planted allocation for one constraint."""
    years, countries, instruments, themed, sources = group
    selected = denominator = 0
    for (year, country, instrument, source), amount in world.x.items():
        if year not in years:
            continue
        inside = {
            "country": country in countries, "instrument": instrument in instruments,
            "theme": instrument in themed, "source": source in sources,
        }
        selected += amount if all(inside.values()) else 0
        denominator += amount if all(inside[k] for k in share_of) else 0
    return selected, denominator


def limit_row(world: World, rng: random.Random, number: int) -> list:
    choices = (
        year_choice(rng, world.years),
        member_choice(rng, world.countries),
        member_choice(rng, world.instruments),
        theme_choice(rng, world),
        member_choice(rng, list(world.sources)),
    )
    share_of = rng.sample(SELECTORS, rng.randint(0, 2))
    sums = [planted_sums(world, group, share_of) for group in product(*(c[1] for c in choices))]
    bounds = limit_bounds(rng, sums)
    kinds = rng.sample(list(bounds), rng.randint(1, 4))  # at least one bound per row
    if share_of:
        written_share_of = ", ".join(respell(rng, column) for column in share_of)
    else:
        written_share_of = rng.choice((None, respell(rng, "total")))
    return [
        rng.choice((None, f"limit {number + 1}")),
        *(value for value, _ in choices),
        *(bounds[k] if k in kinds else None for k in ("min_eur", "max_eur", "min_share",
                                                      "max_share")),
        written_share_of,
    ]


def limit_bounds(rng: random.Random, sums: list[tuple[int, int]]) -> dict[str, float]:
    """Bounds every constraint of the row meets; each is tight (equal to the extreme) at times."""
    selected = [s for s, _ in sums]
    ratios = [s / d for s, d in sums if d > 0]  # where d = 0 the selected sum is 0 too
    low = min(ratios, default=rng.choice((0.0, 0.5)))
    high = max(ratios, default=rng.choice((0.5, 1.0)))
    tight = rng.random() < 0.4
    return {
        "min_eur": at_most(rng, min(selected)),
        "max_eur": at_least(rng, max(selected)),
        "min_share": low if tight else math.floor(low * 100) / 100,
        "max_share": high if tight else min(1.0, math.ceil(high * 100) / 100),
    }
