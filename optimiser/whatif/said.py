"""Texts the what-if stage makes for readers (an alternative's aim and notes, why a point
has no allocation): in English, each a `Said` that keeps its catalogue key and values, so a
writer says it in the workbook's language (`optimiser.writers.words.localise`).

The results stage's `Said` takes its English from its own templates; these take theirs
from the catalogue (`words_alternatives.py`), which the what-if stage may read.
"""

from __future__ import annotations

from models.phrases import Listed
from optimiser.errors import Problem, WorkbookInvalid
from optimiser.results.texts import Said
from optimiser.writers.words import say


class Told(Said):
    """A `Said` whose English text is the catalogue's `key` filled in with `values`."""

    def __new__(cls, key: str, **values: object) -> Told:
        told = str.__new__(cls, say(key, "en", **values))
        told.key, told.values = key, values
        return told

    def __reduce__(self):  # pickled (from a worker) as what makes it
        return _told, (self.key, self.values)


def _told(key: str, values: dict[str, object]) -> Told:
    return Told(key, **values)


def joined(parts: list | None) -> str:
    """Texts (a tornado point's two sides) as one, each still said in any language; "" for
    none."""
    if not isinstance(parts, list) or not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return Told("point_sides", first=parts[0], second=joined(parts[1:]))


def said_invalid(error: WorkbookInvalid) -> Listed:
    """A `WorkbookInvalid`'s text (a scenario's problems), line by line, each part kept
    for the workbook's language; in English it is the error's own text."""
    count = len(error.problems)
    head = Told("invalid_head_one" if count == 1 else "invalid_head", source=error.source,
                count=count)
    return Listed([head, *(_problem(problem) for problem in error.problems)], "newline")


def _problem(problem: Problem) -> Told:
    if problem.sheet is None:
        where: object = Told("invalid_workbook")
    else:
        where = f"{problem.sheet}!{problem.cell}" if problem.cell else problem.sheet
    note = getattr(problem, "note", "")  # a cell a scenario changed (readers.validate)
    if note:
        where = Told("invalid_where_note", where=where, note=note)
    found = "" if problem.value is None else Told("invalid_found", value=repr(problem.value))
    return Told("invalid_problem", where=where, message=problem.message, found=found)
