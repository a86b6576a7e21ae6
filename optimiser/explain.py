"""Explain an infeasible model in the workbook's terms.

The elastic model: every rule a user can change gets a penalised slack in
the direction a user would move it (raise an envelope, lower a commitment,
...), the impact objective is dropped, and the weighted sum of slacks is
minimised. Each non-zero slack is a change that, together with the others,
makes the workbook feasible — the least total change, in EUR.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.build import UNIT_EUR, Formulation
from models.labels import Label, eur
from optimiser.errors import InfeasibleError
from optimiser.highs import INF, CompiledModel

# rule -> (lower bound may be lowered, upper bound may be raised)
RELAXABLE = {
    "envelope": (True, True),
    "oda_share": (False, True),
    "capacity": (False, True),
    "absorption": (False, True),
    "min_programme": (True, False),
    "focus": (False, True),
    "commitment": (True, False),
    "limit": (True, True),
    "ramp": (True, True),
    "do_no_harm": (True, False),
}
COUNT_WEIGHT = 10.0  # one more focus country weighs like EUR 10M of change
ELASTIC_TIME_LIMIT_S = 60.0
SLACK_REPORT_THRESHOLD = 0.5 / UNIT_EUR  # slacks below half a euro are noise


@dataclass(frozen=True)
class Relaxation:
    """One change that helps make the workbook feasible."""

    label: Label
    direction: str  # "raise" (an upper bound) or "lower" (a lower bound)
    amount: float  # EUR, or a count for unit "count"

    def __str__(self) -> str:
        size = f"{self.amount:.0f}" if self.label.unit == "count" else eur(self.amount)
        bound = "its upper bound" if self.direction == "raise" else "its lower bound"
        return f"{self.label.where}: {self.label.text} — {self.direction} {bound} by {size}"


def elastic_relaxations(form: Formulation, compiled: CompiledModel) -> list[Relaxation]:
    """Solve the elastic model on `compiled` (modified in place) and list the changes."""
    highs = compiled.highs
    slacks: list[tuple[int, str, Label]] = []
    zero = np.zeros(len(compiled.columns))
    compiled.set_objective(zero, maximise=False)
    for r, con in enumerate(compiled.rows):
        label = form.labels.get(con)
        if label is None or label.rule not in RELAXABLE:
            continue
        lower_ok, upper_ok = RELAXABLE[label.rule]
        weight = COUNT_WEIGHT if label.unit == "count" else 1.0
        for direction, allowed, coef in (("lower", lower_ok, 1.0), ("raise", upper_ok, -1.0)):
            if allowed:
                highs.addCol(weight, 0.0, INF, 1, np.array([r], dtype=np.int32),
                             np.array([coef]))
                slacks.append((highs.getNumCol() - 1, direction, label))
    result = compiled.run(ELASTIC_TIME_LIMIT_S, 1e-6)
    if not result.has_solution:
        return []
    values = np.asarray(highs.getSolution().col_value)
    changes = []
    for col, direction, label in slacks:
        amount = values[col]
        if amount > SLACK_REPORT_THRESHOLD:
            scale = 1.0 if label.unit == "count" else UNIT_EUR
            changes.append(Relaxation(label, direction, amount * scale))
    return changes


def explain_infeasible(form: Formulation, compiled: CompiledModel) -> InfeasibleError:
    """An InfeasibleError whose message lists the least change that restores feasibility."""
    changes = elastic_relaxations(form, compiled)
    lines = ["The rules contradict each other: no allocation satisfies all of them."]
    if changes:
        lines.append("The smallest change that makes the workbook feasible:")
        lines += [f"  - {change}" for change in changes]
    else:
        lines.append("No combination of the adjustable rules restores feasibility.")
    return InfeasibleError("\n".join(lines), tuple(changes))
