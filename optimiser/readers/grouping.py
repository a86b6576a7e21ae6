"""The same problem on many cells is one line with the range.

A column of percentages typed as 90, 85, ... or a column of formulas never
calculated would otherwise give one line per cell. Problems of one sheet and
column whose messages differ at most in their numbers, on consecutive rows,
become one problem at the range ("E2:E21") that shows the first cell's value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from openpyxl.utils.cell import coordinate_from_string

from optimiser.errors import Problem
from optimiser.readers.texts import Told

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
MIN_CELLS = 2  # a run of this many cells becomes one line


def group_problems(problems: list[Problem]) -> list[Problem]:
    """`problems` with each run of alike problems on consecutive cells of a column merged."""
    runs: dict[tuple, list[Problem]] = {}  # key of the open run -> its problems
    merged: list[Problem | list[Problem]] = []
    for problem in problems:
        place = _place(problem)
        if place is None:
            merged.append(problem)
            continue
        letter, row = place
        key = (problem.sheet, letter, _NUMBER.sub("#", problem.message), type(problem))
        run = runs.get(key)
        if run is not None and _place(run[-1])[1] == row - 1:
            run.append(problem)
            continue
        runs[key] = [problem]
        merged.append(runs[key])
    return [_one(item) if isinstance(item, list) else item for item in merged]


def _place(problem: Problem) -> tuple[str, int] | None:
    """Column letter and row of a problem about one cell, else None."""
    if problem.sheet is None or not problem.cell or ":" in problem.cell:
        return None
    try:
        return coordinate_from_string(problem.cell)
    except ValueError:
        return None


def _one(run: list[Problem]) -> Problem:
    first = run[0]
    if len(run) < MIN_CELLS:
        return first
    last = run[-1].cell
    return replace(first, cell=f"{first.cell}:{last}",
                   message=Told("told_grouped", text=first.message, count=len(run)))
