"""The search for a minimal set of conflicting rules, bounded by work, never by time.

A deletion filter over rule groups on one live HiGHS instance: drop a group
(set its rows free); if the model stays infeasible the group is not needed
and stays dropped, else it is restored and kept. Groups are tried in chunks:
a chunk that can go as a whole costs one check; one that cannot is halved.
With a handful of conflicting rules among hundreds this needs a few dozen
checks instead of one per rule. LP checks start from the basis of the last
one (HiGHS keeps it across bound changes).

Every limit is a count — feasibility checks, branch-and-bound nodes, simplex
iterations — so the same workbook gives the same answer on a busy machine
and an idle one. A check that stops at its limit proves nothing: its rules
are kept (the set still conflicts, but may not be minimal) and the search
says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from models.labels import Label
from optimiser.solve.highs import INF, CompiledModel

Progress = Callable[[int, int], None]  # (rules decided, rules to decide)


@dataclass(frozen=True)
class WorkLimits:
    """How much work `explain` may do; counts, so the answer is the same on any machine."""

    checks: int = 400  # feasibility solves of the deletion filter
    check_nodes: int = 2_000  # branch-and-bound nodes per check (yes/no decisions)
    elastic_nodes: int = 20_000  # nodes for the least change
    iterations_per_row: int = 50  # simplex iterations per row and column, per solve


LIMITS = WorkLimits()


def apply_limits(compiled: CompiledModel, limits: WorkLimits, nodes: int) -> None:
    """Replace the run's time limit by work limits (a time limit would make the
    answer depend on how busy the machine is)."""
    highs = compiled.highs
    size = len(compiled.rows) + highs.getNumCol()
    highs.setOptionValue("time_limit", INF)
    highs.setOptionValue("mip_max_nodes", int(nodes))
    highs.setOptionValue("simplex_iteration_limit",
                         int(max(10_000, limits.iterations_per_row * size)))


class ConflictSearch:
    """Feasibility checks with some rule groups dropped, within a budget of checks."""

    def __init__(self, compiled: CompiledModel, groups: dict[Label, list[int]],
                 lower: np.ndarray, upper: np.ndarray, limits: WorkLimits,
                 progress: Progress | None = None):
        self.compiled, self.groups = compiled, groups
        self.lower, self.upper, self.limits = lower, upper, limits
        self.progress = progress or (lambda _done, _total: None)
        self.checks = 0
        self.exhausted = False  # the check budget ran out
        self.undecided = False  # a check stopped at its node or iteration limit
        self.decided, self.total = 0, 0

    @property
    def minimal(self) -> bool:
        return not (self.exhausted or self.undecided)

    def set_dropped(self, labels: Sequence[Label], dropped: bool) -> None:
        rows = [r for label in labels for r in self.groups[label]]
        if not rows:
            return
        lower = np.full(len(rows), -INF) if dropped else self.lower[rows]
        upper = np.full(len(rows), INF) if dropped else self.upper[rows]
        self.compiled.set_row_bounds(rows, lower, upper)

    def infeasible(self) -> bool | None:
        """True if infeasible, False if feasible, None if unknown (a limit was hit)."""
        if self.checks >= self.limits.checks:
            self.exhausted = True
            return None
        self.checks += 1
        result = self.compiled.run(None, None)
        if result.infeasible:
            return True
        if result.has_solution:
            return False
        self.undecided = True
        return None

    def minimal_set(self, tiers: Sequence[Sequence[Label]]) -> list[Label]:
        """The rules of `tiers` (all active, together infeasible) that must stay.

        Earlier tiers are dropped first, so the conflict found prefers the
        rules of later tiers (those the least change eases)."""
        self.total = sum(len(tier) for tier in tiers)
        self._report(0)
        keep: list[Label] = []
        for tier in tiers:
            if tier:
                self._reduce(list(tier), keep)
        return keep

    def _reduce(self, chunk: list[Label], keep: list[Label]) -> None:
        """Deletion filter on a chunk: drop it whole if the conflict survives, else halve it.

        Each rule kept was needed when it was tried, with every rule dropped
        before it dropped; dropping more later cannot make it unneeded, so
        the rules kept form a minimal conflict (when no check was undecided)."""
        self.set_dropped(chunk, True)
        if self.infeasible():
            self._report(len(chunk))
            return
        self.set_dropped(chunk, False)
        if len(chunk) == 1 or self.exhausted:
            keep.extend(chunk)  # needed, or not known: keeping it keeps the conflict
            self._report(len(chunk))
            return
        half = len(chunk) // 2
        self._reduce(chunk[:half], keep)
        self._reduce(chunk[half:], keep)

    def _report(self, decided: int) -> None:
        self.decided += decided
        self.progress(self.decided, self.total)
