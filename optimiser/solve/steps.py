"""What a run tells its user as it goes ("Reading book.xlsx ..."), in English, each line a
`Step` that keeps its template key and values, so the command line can print it in the
run's language (`optimiser/writers/words_model.py` has the Dutch)."""

from __future__ import annotations

from typing import ClassVar

from models.phrases import Phrase

STEP_TEMPLATES: dict[str, str] = {
    "step_reading": "Reading {name}",
    "step_building": "Building the model",
    "step_solving": "Solving",
    "step_writing": "Writing {path}",
    "step_conflict": "The rules conflict: finding the smallest change that makes them hold",
    "step_searching": "Searching for the conflicting rules ({decided} of {total} checked)",
    "step_base": "Solving the base case",
    "step_explaining": "Explaining why scenario '{name}' is infeasible ({n} of {count})",
    "step_best": "Solving the best allocation",
    "step_alternative": "Alternative {name} (solve {tried} of at most {budget})",
    "step_steered": "Steered alternatives: {count} to solve",
}


class Step(Phrase):
    """A line of progress."""

    templates: ClassVar[dict[str, str]] = STEP_TEMPLATES


def speak(progress: object, lang: str) -> None:
    """Tell a progress printer that prints in the run's language (the command line's)
    which language that is, once the workbook's Settings are read."""
    if getattr(progress, "lang", "") is None:
        progress.lang = lang
