"""What `explain` says of a conflict, in English, each line an `Explained` that keeps its
template key and values; `optimiser/writers/words_model.py` files these templates in the
message catalogue beside their Dutch texts (`words.localise`)."""

from __future__ import annotations

from typing import ClassVar

from models.phrases import Phrase

EXPLAIN_TEMPLATES: dict[str, str] = {
    "explain_head": "The rules contradict each other: no allocation satisfies all of them.",
    "explain_head_short": ("The rules contradict each other: no allocation satisfies all of "
                           "them (short by {short})."),
    "explain_countries": "{count} countries",
    "explain_country": "1 country",
    "explain_never": "These rules can never hold, whatever the allocation:",
    "explain_item": "  - {text}",
    "explain_together": ("These rules cannot all hold together; dropping or easing any one of "
                         "them removes this conflict:"),
    "explain_together_partial": (
        "These rules cannot all hold together (the search stopped at its work limit: the list "
        "may hold rules that are not needed); dropping or easing any one of them removes this "
        "conflict:"),
    "explain_rule": "{where}: {text}",
    "explain_least": "The smallest change that makes the workbook feasible:",
    "explain_some": ("A change that makes the workbook feasible (the search stopped at its "
                     "work limit: a smaller one may exist):"),
    "explain_change": "{where}: {text} — {word} by {amount}",
    "explain_numerical": (
        "Every rule can be met to within half a euro: the conflict is a rounding-level one. "
        "Round the amounts that meet exactly (e.g. a commitment equal to an envelope) to whole "
        "euros, or ease one by EUR 1."),
    "explain_stopped": ("The search for the smallest change stopped at its work limit before "
                        "it found one."),
    "explain_borderline": ("infeasible on re-solve, feasible when rebuilt: a numerical "
                           "borderline case"),
    "explain_unreachable": (
        "No change to the envelopes, limits, commitments or other rules within reach restores "
        "feasibility; check the minimum programme sizes and max_countries."),
}


class Explained(Phrase):
    """A line of `explain`'s answer."""

    templates: ClassVar[dict[str, str]] = EXPLAIN_TEMPLATES
