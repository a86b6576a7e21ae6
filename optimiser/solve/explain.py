"""Explain an infeasible model in the workbook's terms.

Two complementary answers:

- the least change: an elastic model gives every rule a user can change a
  penalised slack in the direction a user would move it (raise an envelope,
  lower a commitment, ...), drops the impact, and minimises the weighted sum
  of slacks; each non-zero slack is a change to make, in EUR;
- a minimal conflicting set: rules that cannot hold together, and that hold
  once any one of them is dropped. Rules not binding at the elastic optimum
  are set aside at once (for an LP they cannot be part of the conflict the
  elastic optimum measures); a deletion filter over the rest
  (`optimiser.solve.conflict`) keeps exactly those whose removal makes the
  model feasible. Works the same for LPs and MIPs (it only needs feasibility
  solves).

Yes/no decisions: the link rows `X <= M × funded` carry an M computed from
the capacity, absorption and envelopes. Left as they are, they would hold
the capacity even with the capacity rule dropped, so the filter would drop
the capacity rule as not needed and name the commitment alone. For the
filter their M is loosened to one no rule's number decides: the numbers then
live only on the rows of the rules they come from, which get named. (The
least change is found on the model as built: with loose M its search over
the yes/no decisions takes minutes instead of seconds.)

Every bound on the search is a count of work (`WorkLimits`), never a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from models.build import UNIT_EUR, Formulation
from models.labels import Conflict, Label, RuleKey, eur
from models.phrases import Listed
from models.registry import RULES, Role, keys_with, rule_of
from optimiser.errors import InfeasibleError
from optimiser.solve.conflict import LIMITS, ConflictSearch, WorkLimits, apply_limits
from optimiser.solve.explain_texts import Explained
from optimiser.solve.highs import INF, CompiledModel

RELAXABLE = {rule.key: rule.relaxable for rule in RULES if rule.role is Role.RULE}
IMPLIED = keys_with(Role.AID)  # solver aids implied by the rules, not rules
LINKS = keys_with(Role.LINK)  # X <= M × yes/no decision: M comes from other rules' numbers
COUNT_WEIGHT = 10.0  # one more focus country weighs like EUR 10M of change
SLACK_REPORT_THRESHOLD = 0.5 / UNIT_EUR  # slacks below half a euro are noise
BINDING_TOLERANCE = 1e-7
LOOSE_M_FACTOR = 2.0  # a link's M for the search: twice all the money any rule names


@dataclass(frozen=True)
class Relaxation:
    """One change that, with the others listed, makes the workbook feasible."""

    label: Label
    direction: str  # "raise" (an upper bound) or "lower" (a lower bound)
    amount: float  # EUR, or a count for unit "count"

    @property
    def amount_text(self) -> str:
        return f"{self.amount:.0f}" if self.label.unit == "count" else eur(self.amount)

    def said(self) -> Explained:
        rule = rule_of(self.label.rule)
        what = rule.raise_words if self.direction == "raise" else rule.lower_words
        return Explained("explain_change", where=self.label.where, text=self.label.text,
                         word=what, amount=self.amount_text)

    def __str__(self) -> str:
        return str(self.said())


@dataclass(frozen=True)
class Diagnosis:
    conflicts: tuple[Conflict, ...] = ()  # rules that can never hold (found while building)
    conflicting: tuple[Label, ...] = ()  # a minimal set of rules that cannot hold together
    minimal: bool = True  # False if the work budget ran out before the set was minimal
    relaxations: tuple[Relaxation, ...] = ()
    numerical: bool = False  # the solver said infeasible, but every rule holds within EUR 0.5
    least: bool = True  # False if the work budget ran out before the change was proven least
    checks: int = 0  # feasibility checks the search made (work, not time)

    def shortfall(self) -> Listed:
        """How far the rules miss, in total: "EUR 2.0M", "1 country", or "" if unknown."""
        money = sum(r.amount for r in self.relaxations if r.label.unit != "count")
        count = sum(round(r.amount) for r in self.relaxations if r.label.unit == "count")
        parts: list[object] = [eur(money)] if money else []
        if count:
            parts.append(Explained("explain_country") if count == 1
                         else Explained("explain_countries", count=count))
        return Listed(parts, "and")

    def lines(self) -> list[Explained]:
        """The answer, line by line (in English; each line keeps its key for a writer)."""
        short = self.shortfall()
        lines = [Explained("explain_head_short", short=short) if short
                 else Explained("explain_head")]
        if self.conflicts:
            lines.append(Explained("explain_never"))
            lines += [Explained("explain_item", text=conflict.said())
                      for conflict in self.conflicts]
        if self.conflicting:
            lines.append(Explained("explain_together" if self.minimal
                                   else "explain_together_partial"))
            lines += [Explained("explain_item", text=Explained(
                "explain_rule", where=label.where, text=label.text))
                for label in self.conflicting]
        if self.relaxations:
            lines.append(Explained("explain_least" if self.least else "explain_some"))
            lines += [Explained("explain_item", text=change.said())
                      for change in self.relaxations]
        if self.numerical:
            lines.append(Explained("explain_numerical"))
        elif not (self.least or self.relaxations):
            lines.append(Explained("explain_stopped"))
        elif not (self.conflicts or self.conflicting or self.relaxations):
            lines.append(Explained("explain_unreachable"))
        return lines

    def message(self) -> str:
        return "\n".join(self.lines())

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


def _binding_labels(groups: dict[Label, list[int]], lower, upper, activity: np.ndarray,
                    slack_labels: set[Label]) -> list[Label]:
    """Rules with a slack or a row at its bound at the elastic optimum."""
    def at_bound(r: int) -> bool:
        tol = BINDING_TOLERANCE * (1 + abs(activity[r]))
        return abs(activity[r] - lower[r]) <= tol or abs(activity[r] - upper[r]) <= tol

    return [label for label, rows in groups.items()
            if label in slack_labels or any(at_bound(r) for r in rows)]


def _free_implied_rows(form: Formulation, compiled: CompiledModel) -> None:
    """Drop rows the model adds only to help the solver (implied by the rules): with
    rules relaxed or dropped they would no longer be implied, and would over-constrain."""
    rows = [r for r, con in enumerate(compiled.rows) if form.labels[con].rule in IMPLIED]
    if rows:
        compiled.set_row_bounds(rows, np.full(len(rows), -INF), np.full(len(rows), INF))




def _loosen_links(form: Formulation, compiled: CompiledModel, lower: np.ndarray,
                  upper: np.ndarray) -> None:
    """Give every link row X <= M × decision an M that no rule's number decides.

    M_loose = LOOSE_M_FACTOR × (the envelopes + every positive minimum of a rule),
    and at least the M it had: with every rule in place X stays within its
    capacity, absorption and envelope, so the model's allocations are the same;
    with the capacity dropped the link no longer holds it in its place.
    """
    links = {r for r, con in enumerate(compiled.rows) if form.labels[con].rule in LINKS}
    if not links:
        return
    envelope_rows = [r for r, con in enumerate(compiled.rows)
                     if form.labels[con].rule == RuleKey.ENVELOPE]
    relaxable = [r for r, con in enumerate(compiled.rows) if form.labels[con].rule in RELAXABLE]
    money = (sum(upper[r] for r in envelope_rows if upper[r] < INF)
             + sum(lower[r] for r in relaxable if 0 < lower[r] < INF))
    matrix = compiled.highs.getLp().a_matrix_
    start, index, value = (np.asarray(matrix.start_), np.asarray(matrix.index_),
                           np.asarray(matrix.value_))
    for j in np.flatnonzero(compiled.integer):
        for k in range(start[j], start[j + 1]):
            if index[k] in links and value[k] < 0:
                loose = max(-value[k], LOOSE_M_FACTOR * money)
                compiled.highs.changeCoeff(int(index[k]), int(j), -float(loose))


def _elastic(form: Formulation, compiled: CompiledModel, limits: WorkLimits):
    """Slack columns on every relaxable row, priced; solve for the least change."""
    slacks = _add_slacks(form, compiled)
    compiled.set_objective(np.zeros(compiled.highs.getNumCol()), maximise=False)
    cols = np.array([c for c, _, _ in slacks], dtype=np.int32)
    weights = np.array([COUNT_WEIGHT if label.unit == "count" else 1.0
                        for _, _, label in slacks])
    compiled.highs.changeColsCost(len(cols), cols, weights)
    apply_limits(compiled, limits, limits.elastic_nodes)
    return slacks, compiled.run(None, 1e-6)


def _close_slacks(compiled: CompiledModel, slacks) -> None:
    cols = np.array([c for c, _, _ in slacks], dtype=np.int32)
    zeros = np.zeros(len(cols))
    compiled.highs.changeColsBounds(len(cols), cols, zeros, zeros)
    compiled.highs.changeColsCost(len(cols), cols, zeros)


def diagnose(form: Formulation, compiled: CompiledModel, limits: WorkLimits = LIMITS,
             progress: Callable[[int, int], None] | None = None) -> Diagnosis:
    """Least change and a minimal conflicting set; `compiled` is modified in place.

    `progress(decided, total)` hears how many rules the search has decided."""
    _free_implied_rows(form, compiled)
    lower, upper = (bound.copy() for bound in compiled.row_bounds())
    groups = _relaxable_rows(form, compiled)
    slacks, elastic = _elastic(form, compiled, limits)
    if elastic.infeasible:  # no change within reach of the rules' slacks
        return Diagnosis(conflicts=form.conflicts, minimal=False)
    relaxations: list[Relaxation] = []
    tiers: tuple[list[Label], ...] = (list(groups),)  # without a least change: in sheet order
    if elastic.has_solution:
        relaxations = _relaxations(compiled.values(), slacks)
        if not relaxations:  # the rules hold within half a euro: a numerical borderline case
            return Diagnosis(conflicts=form.conflicts, minimal=False, numerical=True)
        tiers = _tiers(groups, lower, upper, compiled.row_activity(), relaxations)
    _close_slacks(compiled, slacks)
    _loosen_links(form, compiled, lower, upper)
    apply_limits(compiled, limits, limits.check_nodes)
    search = ConflictSearch(compiled, groups, lower, upper, limits, progress)
    conflicting = search.minimal_set(tiers)
    return Diagnosis(form.conflicts, tuple(conflicting), search.minimal, tuple(relaxations),
                     least=elastic.optimal, checks=search.checks)


def _tiers(groups: dict[Label, list[int]], lower, upper, activity,
           relaxations: list[Relaxation]) -> tuple[list[Label], ...]:
    """The order the search tries rules in: those the elastic optimum leaves slack first
    (an LP conflict never needs them), the rules it eases last (the conflict names them)."""
    eased = {r.label for r in relaxations}
    binding = set(_binding_labels(groups, lower, upper, activity, eased))
    return ([label for label in groups if label not in binding],
            [label for label in groups if label in binding and label not in eased],
            [label for label in groups if label in eased])
