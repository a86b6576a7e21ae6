"""Explain an infeasible model in the workbook's terms.

Two complementary answers:

- the least change: an elastic model gives every rule a user can change a
  penalised slack in the direction a user would move it (raise an envelope,
  lower a commitment, ...), drops the impact, and minimises the weighted sum
  of slacks; each non-zero slack is a change to make, in EUR;
- a minimal conflicting set: rules that cannot hold together, and that hold
  once any one of them is dropped. Rules not binding at the elastic optimum
  are set aside at once (for an LP they cannot be part of the conflict the
  elastic optimum measures); a deletion filter over the rest, one feasibility
  solve per rule, keeps exactly those whose removal makes the model feasible.
  Works the same for LPs and MIPs (it only needs feasibility solves).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from models.build import UNIT_EUR, Formulation
from models.labels import Conflict, Label, eur
from models.registry import RULES, Role, keys_with, rule_of
from optimiser.errors import InfeasibleError
from optimiser.solve.highs import INF, CompiledModel

RELAXABLE = {rule.key: rule.relaxable for rule in RULES if rule.role is Role.RULE}
IMPLIED = keys_with(Role.AID)  # solver aids implied by the rules, not rules
COUNT_WEIGHT = 10.0  # one more focus country weighs like EUR 10M of change
SLACK_REPORT_THRESHOLD = 0.5 / UNIT_EUR  # slacks below half a euro are noise
BINDING_TOLERANCE = 1e-7
CHECK_TIME_LIMIT_S = 10.0


@dataclass(frozen=True)
class Relaxation:
    """One change that, with the others listed, makes the workbook feasible."""

    label: Label
    direction: str  # "raise" (an upper bound) or "lower" (a lower bound)
    amount: float  # EUR, or a count for unit "count"

    @property
    def amount_text(self) -> str:
        return f"{self.amount:.0f}" if self.label.unit == "count" else eur(self.amount)

    def __str__(self) -> str:
        rule = rule_of(self.label.rule)
        what = rule.raise_words if self.direction == "raise" else rule.lower_words
        return f"{self.label.where}: {self.label.text} — {what} by {self.amount_text}"


@dataclass(frozen=True)
class Diagnosis:
    conflicts: tuple[Conflict, ...] = ()  # rules that can never hold (found while building)
    conflicting: tuple[Label, ...] = ()  # a minimal set of rules that cannot hold together
    minimal: bool = True  # False if the time budget ran out before the set was minimal
    relaxations: tuple[Relaxation, ...] = ()
    numerical: bool = False  # the solver said infeasible, but every rule holds within EUR 0.5

    def shortfall(self) -> str:
        """How far the rules miss, in total: "EUR 2.0M", "1 country", or "" if unknown."""
        money = sum(r.amount for r in self.relaxations if r.label.unit != "count")
        count = sum(round(r.amount) for r in self.relaxations if r.label.unit == "count")
        parts = [eur(money)] if money else []
        if count:
            parts.append(f"{count} {'country' if count == 1 else 'countries'}")
        return " and ".join(parts)

    def message(self) -> str:
        short = self.shortfall()
        lines = ["The rules contradict each other: no allocation satisfies all of them"
                 + (f" (short by {short})." if short else ".")]
        if self.conflicts:
            lines.append("These rules can never hold, whatever the allocation:")
            lines += [f"  - {conflict}" for conflict in self.conflicts]
        if self.conflicting:
            qualifier = "" if self.minimal else " (time ran out: the set may not be minimal)"
            lines.append(f"These rules cannot all hold together{qualifier}; "
                         "dropping or easing any one of them removes this conflict:")
            lines += [f"  - {label.where}: {label.text}" for label in self.conflicting]
        if self.relaxations:
            lines.append("The smallest change that makes the workbook feasible:")
            lines += [f"  - {change}" for change in self.relaxations]
        if self.numerical:
            lines.append("Every rule can be met to within half a euro: the conflict is a "
                         "rounding-level one. Round the amounts that meet exactly (e.g. a "
                         "commitment equal to an envelope) to whole euros, or ease one by EUR 1.")
        elif not (self.conflicts or self.conflicting or self.relaxations):
            lines.append("No change to the envelopes, limits, commitments or other rules "
                         "within reach restores feasibility; check the minimum programme "
                         "sizes and max_countries.")
        return "\n".join(lines)

    def error(self) -> InfeasibleError:
        return InfeasibleError(self.message(), self.conflicts, self)


def _relaxable_rows(form: Formulation, compiled: CompiledModel) -> dict[Label, list[int]]:
    groups: dict[Label, list[int]] = defaultdict(list)
    for r, con in enumerate(compiled.rows):
        label = form.labels.get(con)
        if label is not None and label.rule in RELAXABLE:
            groups[label].append(r)
    return groups


def _add_slacks(form: Formulation, compiled: CompiledModel) -> list[tuple[int, str, Label]]:
    """Slack columns on every relaxable row, in the direction a user may move it."""
    highs = compiled.highs
    slacks = []
    for label, rows in _relaxable_rows(form, compiled).items():
        lower_ok, upper_ok = RELAXABLE[label.rule]
        weight = COUNT_WEIGHT if label.unit == "count" else 1.0
        for r in rows:
            for direction, allowed, coef in (("lower", lower_ok, 1.0), ("raise", upper_ok, -1.0)):
                if allowed:
                    highs.addCol(weight, 0.0, INF, 1, np.array([r], dtype=np.int32),
                                 np.array([coef]))
                    slacks.append((highs.getNumCol() - 1, direction, label))
    return slacks


def _relaxations(values: np.ndarray, slacks) -> list[Relaxation]:
    amounts: dict[tuple[Label, str], float] = defaultdict(float)
    for col, direction, label in slacks:
        if values[col] > SLACK_REPORT_THRESHOLD:
            scale = 1.0 if label.unit == "count" else UNIT_EUR
            amounts[(label, direction)] += values[col] * scale
    return [Relaxation(label, direction, amount) for (label, direction), amount in amounts.items()]


def _binding_labels(compiled: CompiledModel, groups: dict[Label, list[int]], lower, upper,
                    activity: np.ndarray, slack_labels: set[Label]) -> list[Label]:
    """Rules with a slack or a row at its bound at the elastic optimum."""
    def at_bound(r: int) -> bool:
        tol = BINDING_TOLERANCE * (1 + abs(activity[r]))
        return abs(activity[r] - lower[r]) <= tol or abs(activity[r] - upper[r]) <= tol

    return [label for label, rows in groups.items()
            if label in slack_labels or any(at_bound(r) for r in rows)]


class _Filter:
    """Feasibility checks with some rule groups dropped (their rows set free)."""

    def __init__(self, compiled: CompiledModel, groups, lower, upper, deadline: float):
        self.compiled, self.groups = compiled, groups
        self.lower, self.upper, self.deadline = lower, upper, deadline
        self.timed_out = False

    def set_dropped(self, labels, dropped: bool) -> None:
        rows = [r for label in labels for r in self.groups[label]]
        if not rows:
            return
        lower = np.full(len(rows), -INF) if dropped else self.lower[rows]
        upper = np.full(len(rows), INF) if dropped else self.upper[rows]
        self.compiled.set_row_bounds(rows, lower, upper)

    def infeasible(self) -> bool | None:
        remaining = self.deadline - time.perf_counter()
        if remaining <= 0:
            self.timed_out = True
            return None
        result = self.compiled.run(min(remaining, CHECK_TIME_LIMIT_S), None)
        if result.infeasible:
            return True
        if result.has_solution:
            return False
        self.timed_out = True
        return None

    def minimal_set(self, candidates: list[Label]) -> list[Label]:
        keep = []
        for label in candidates:
            self.set_dropped([label], True)
            if self.infeasible():
                continue  # still infeasible without it: not needed
            self.set_dropped([label], False)
            keep.append(label)
        return keep


def _free_implied_rows(form: Formulation, compiled: CompiledModel) -> None:
    """Drop rows the model adds only to help the solver (implied by the rules): with
    rules relaxed or dropped they would no longer be implied, and would over-constrain."""
    rows = [r for r, con in enumerate(compiled.rows) if form.labels[con].rule in IMPLIED]
    if rows:
        compiled.set_row_bounds(rows, np.full(len(rows), -INF), np.full(len(rows), INF))


def diagnose(form: Formulation, compiled: CompiledModel, budget_s: float = 60.0) -> Diagnosis:
    """Least change and a minimal conflicting set; `compiled` is modified in place."""
    deadline = time.perf_counter() + budget_s
    _free_implied_rows(form, compiled)
    lower, upper = compiled.row_bounds()
    lower, upper = lower.copy(), upper.copy()
    groups = _relaxable_rows(form, compiled)
    slacks = _add_slacks(form, compiled)
    compiled.set_objective(np.zeros(compiled.highs.getNumCol()), maximise=False)
    highs = compiled.highs
    highs.changeColsCost(len(slacks), np.array([c for c, _, _ in slacks], dtype=np.int32),
                         np.array([COUNT_WEIGHT if label.unit == "count" else 1.0
                                   for _, _, label in slacks]))
    elastic = compiled.run(max(deadline - time.perf_counter(), 1.0), 1e-6)
    if not elastic.has_solution:
        return Diagnosis(conflicts=form.conflicts, minimal=False)
    values = np.asarray(highs.getSolution().col_value)
    activity = compiled.row_activity()
    relaxations = _relaxations(values, slacks)
    if not relaxations:  # the rules hold within half a euro: a numerical borderline case
        return Diagnosis(conflicts=form.conflicts, minimal=False, numerical=True)
    slack_cols = np.array([c for c, _, _ in slacks], dtype=np.int32)
    highs.changeColsBounds(len(slack_cols), slack_cols, np.zeros(len(slack_cols)),
                           np.zeros(len(slack_cols)))
    highs.changeColsCost(len(slack_cols), slack_cols, np.zeros(len(slack_cols)))
    slack_labels = {r.label for r in relaxations}
    candidates = _binding_labels(compiled, groups, lower, upper, activity, slack_labels)
    checks = _Filter(compiled, groups, lower, upper, deadline)
    others = [label for label in groups if label not in set(candidates)]
    checks.set_dropped(others, True)
    if not checks.infeasible():  # not for an LP; a MIP may need the others too
        checks.set_dropped(others, False)
        candidates = list(groups)
    conflicting = checks.minimal_set(candidates)
    return Diagnosis(form.conflicts, tuple(conflicting), not checks.timed_out,
                     tuple(relaxations))
