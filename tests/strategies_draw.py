"""Small drawing helpers shared by the workbook strategies (see strategies.py)."""

from __future__ import annotations

import math
import random

from tests.workbooks import Rows

TRUE_SPELLINGS = (True, 1, "yes", "YES", "ja", "Ja", "true", "TRUE", "y", "1")
FALSE_SPELLINGS = (False, 0, "no", "No", "nee", "NEE", "false", "n", "N", "0")


def respell(rng: random.Random, name: str) -> str:
    """The same name in another letter case, sometimes padded (SPEC §1 trims and folds)."""
    spelled = rng.choice((str.upper, str.lower, str.swapcase, str.title, str))(name)
    return f" {spelled} " if rng.random() < 0.05 else spelled


def boolean(rng: random.Random, value: bool) -> object:
    return rng.choice(TRUE_SPELLINGS if value else FALSE_SPELLINGS)


def at_most(rng: random.Random, value: float) -> float:
    """`value` itself (tight) or a random whole number of euros below it."""
    return value if rng.random() < 0.4 else math.floor(value * rng.random())


def at_least(rng: random.Random, value: float) -> float:
    return value if rng.random() < 0.4 else value + 1000 * rng.randint(0, 200)


def table(rng: random.Random, header: list[str], rows: list[list]) -> Rows:
    """Header re-spelled, columns sometimes reordered, a notes column and an empty row
    sometimes added: all things SPEC §1 says a reader must take in its stride."""
    order = list(range(len(header)))
    if rng.random() < 0.3:
        rng.shuffle(order)
    head = [respell(rng, header[k]) for k in order]
    body = [[row[k] for k in order] for row in rows]
    if rng.random() < 0.2:
        head.append("Notes")
        body = [[*row, rng.choice((None, "check with the embassy"))] for row in body]
    if body and rng.random() < 0.2:
        body.insert(rng.randint(0, len(body)), [None] * len(head))
    return [head, *body]


def drop_blank_columns(header: list[str], rows: list[list], optional: set[str]):
    """Leave out the optional columns that are blank in every row (the sheet then lacks them)."""
    keep = [k for k, name in enumerate(header)
            if name not in optional or any(row[k] is not None for row in rows)]
    return [header[k] for k in keep], [[row[k] for k in keep] for row in rows]
