"""What a run tells its user as it goes ("Reading book.xlsx ...") and its notes on the run
("The tie-break stage did not finish ..."), in English, each a `Step` that keeps its
template key and values, so the command line and the workbooks say it in the run's
language (`optimiser/writers/words_model.py` has the Dutch)."""

from __future__ import annotations

from typing import ClassVar

from models.phrases import Phrase

STEP_TEMPLATES: dict[str, str] = {
    "step_reading": "Reading {name}",
    "step_building": "Building the model",
    "step_solving": "Solving",
    "step_found": "Found an allocation within {gap} of the best possible",
    "step_narrowed": ("Searched further: the allocation found is within {gap} of the best "
                      "possible"),
    "step_writing": "Writing {path}",
    "step_conflict": "The rules conflict: finding the smallest change that makes them hold",
    "step_searching": "Searching for the conflicting rules ({decided} of {total} checked)",
    "step_base": "Solving the base case",
    "step_explaining": "Explaining why scenario '{name}' is infeasible ({n} of {count})",
    "step_best": "Solving the best allocation",
    "step_alternative": "Alternative {name} (solve {tried} of at most {budget})",
    "step_steered": "Steered alternatives: {count} to solve",
    # notes on the run (Run info, Summary warnings, the terminal)
    "note_no_pairs": ("No country–instrument pair can receive money (every pair has fit 0, or "
                      "no source with an envelope may fund it): nothing was allocated."),
    "note_no_value": ("Every value per euro is 0 (criterion weights or scores are all 0), so no "
                      "allocation is better than another: only what the rules require "
                      "(commitments, minimum spends, limits) was allocated."),
    "note_no_marginals": ("Marginal values could not be computed for this run (the solve with "
                          "the funding choices held stopped: {status})."),
    "note_tiebreak_stopped": ("The tie-break stage did not finish ({status}); the allocation is "
                              "the first optimal one the solver found."),
    "note_tiebreak_lost": "The tie-break stage lost impact; the first optimum is kept.",
}


class Step(Phrase):
    """A line of progress, or a note on the run."""

    templates: ClassVar[dict[str, str]] = STEP_TEMPLATES


def speak(progress: object, lang: str) -> None:
    """Tell a progress printer that prints in the run's language (the command line's)
    which language that is, once the workbook's Settings are read."""
    if getattr(progress, "lang", "") is None:
        progress.lang = lang
