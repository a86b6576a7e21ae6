"""Run the base case and every scenario of the Scenarios sheet; compare them.

Each scenario is applied to a fresh copy of the base inputs and validated
like a workbook (optimiser.whatif.scenarios). Valid scenarios then run as one batch
on a re-solve session: one whose change is only in numbers the model holds as
parameters re-solves the built model (a MIP fully, warm-started from the base
solution); any other is rebuilt. An invalid or infeasible scenario is
reported — an infeasible one with the explanation `allocate explain` would
give — and the batch goes on: one bad scenario never loses the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from models.data import AllocationData
from models.phrases import Listed
from optimiser.errors import ErrorText, InfeasibleError, WorkbookInvalid
from optimiser.readers.validate import ValidatedWorkbook
from optimiser.results.compare import money_moved, totals_by
from optimiser.results.extract import impact_of
from optimiser.solve.explain_texts import Explained
from optimiser.solve.solver import SolveOptions
from optimiser.solve.steps import Step
from optimiser.whatif.batch import Batch, BatchStats
from optimiser.whatif.resolve import FULL, PointResult, Session
from optimiser.whatif.scenarios import scenario_inputs, scenarios_of
from optimiser.whatif.scenarios_diff import CellChange, input_diff

BASE = "(base)"
SHEET_PROBLEMS = "(Scenarios sheet)"  # problems in rows that belong to no named scenario
INVALID = "invalid"


@dataclass
class ScenarioOutcome:
    name: str
    status: str  # optimal, feasible, infeasible, no solution, invalid
    result: PointResult | None = None
    message: str = ""
    changes: list[CellChange] = field(default_factory=list)
    data: AllocationData | None = None

    @property
    def solved(self) -> bool:
        return self.result is not None and self.result.solved


@dataclass
class ScenarioComparison:
    outcomes: list[ScenarioOutcome]  # the base first
    summary: pd.DataFrame
    by_country: pd.DataFrame
    by_instrument: pd.DataFrame
    input_changes: pd.DataFrame
    by_year_source: pd.DataFrame = field(default_factory=pd.DataFrame)
    by_year_country: pd.DataFrame = field(default_factory=pd.DataFrame)
    method: str = ""  # how scenarios that change only numbers were re-solved
    stats: BatchStats = field(default_factory=BatchStats)


def prepare(workbook: ValidatedWorkbook) -> list[ScenarioOutcome]:
    """The base and every scenario, validated; invalid ones carry their problems.

    Problems of Scenarios rows that belong to no named scenario (a blank name)
    would be reported by no scenario: they get an outcome of their own.
    """
    outcomes = [ScenarioOutcome(BASE, "", data=workbook.data)]
    reported: set = set()
    for scenario in scenarios_of(workbook):
        try:
            inputs = scenario_inputs(workbook, scenario)
        except WorkbookInvalid as error:
            outcomes.append(ScenarioOutcome(scenario.name, INVALID,
                                            message=error.said()))
            reported.update(error.problems)
            continue
        outcomes.append(ScenarioOutcome(scenario.name, "", data=inputs.data,
                                        changes=input_diff(workbook.raw, inputs.raw)))
    orphans = [problem for problem in workbook.scenario_problems if problem not in reported]
    if orphans:
        source = ErrorText("invalid_scenarios_sheet", name=workbook.raw.name)
        message = WorkbookInvalid(orphans, source=source).said()
        outcomes.append(ScenarioOutcome(SHEET_PROBLEMS, INVALID, message=message))
    return outcomes


def headroom(base: AllocationData, variants: list[AllocationData]) -> float:
    """The largest envelope growth any scenario asks for (big-M values must allow it)."""
    amounts = {(e.year, e.source): e.amount_eur for e in base.envelopes}
    ratios = [e.amount_eur / amounts[(e.year, e.source)]
              for data in variants for e in data.envelopes
              if amounts.get((e.year, e.source))]
    return max([1.0, *ratios])


def run_scenarios(
    workbook: ValidatedWorkbook,
    options: SolveOptions | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    adaptive: bool = True,
    stage: Callable[[str], None] = lambda _message: None,
) -> ScenarioComparison:
    """Solve the base (raises InfeasibleError / NoSolutionError if it has no
    allocation), then the base again and every valid scenario as one batch.

    `stage` hears of the slow steps: the base's search, and after the batch the
    explanations of infeasible ones."""
    outcomes = prepare(workbook)
    runnable = [o for o in outcomes if o.data is not None]
    variants = [o.data for o in runnable]
    session = Session(workbook.data, options, mip_mode=FULL,
                      headroom=headroom(workbook.data, variants), stage=stage)
    batch = Batch(session)
    results = batch.run(variants, workers, scheduler, progress, adaptive=adaptive)
    for outcome, result in zip(runnable, results, strict=True):
        outcome.result, outcome.status, outcome.message = result, result.status, result.message
    # Explanations are slow: they come after every scenario has its allocation.
    infeasible = [o for o in runnable if o.status == "infeasible"]
    for n, outcome in enumerate(infeasible, start=1):
        stage(Step("step_explaining", name=outcome.name, n=n, count=len(infeasible)))
        outcome.message = explain(outcome.data, options, stage)
    comparison = compare(workbook.data, outcomes)
    comparison.method, comparison.stats = session.method, batch.stats
    return comparison


def explain(data: AllocationData, options: SolveOptions | None,
            progress: Callable[[str], None] = lambda _message: None) -> str:
    """The infeasibility explanation of a scenario, from a fresh build: its lines, each
    kept for the workbook's language."""
    from optimiser.optimise import optimise

    options = options or SolveOptions.from_settings(data.settings)
    try:
        optimise(data, dataclasses.replace(options, tiebreak=False, explain=True), progress)
    except InfeasibleError as error:
        if error.diagnosis is None:
            return str(error)
        return Listed(error.diagnosis.lines(), "newline")
    return Explained("explain_borderline")


def compare(base: AllocationData, outcomes: list[ScenarioOutcome]) -> ScenarioComparison:
    reference = outcomes[0]
    return ScenarioComparison(
        outcomes=outcomes,
        summary=_summary(outcomes, reference),
        by_country=_side_by_side(outcomes, "country", [c.name for c in base.countries]),
        by_instrument=_side_by_side(outcomes, "instrument", [i.name for i in base.instruments]),
        by_year_source=by_year(outcomes, "source", [s.name for s in base.sources], base.years),
        by_year_country=by_year(outcomes, "country", [c.name for c in base.countries],
                                base.years),
        input_changes=pd.DataFrame(
            [{"scenario": o.name, "sheet": c.sheet, "cell": c.cell, "column": c.column,
              "row": c.row_label, "old": c.old, "new": c.new}
             for o in outcomes for c in o.changes],
            columns=["scenario", "sheet", "cell", "column", "row", "old", "new"]),
    )


def _summary(outcomes: list[ScenarioOutcome], reference: ScenarioOutcome) -> pd.DataFrame:
    rows = []
    for o in outcomes:
        row = {"scenario": o.name, "status": o.status,
               "method": o.result.method if o.result else "", "impact": None,
               "total_eur": None, "oda_eur": None, "non_oda_eur": None,
               "impact_change": None, "impact_change_share": None, "total_change_eur": None,
               "cells_changed": len(o.changes), "message": o.message,
               "money_moved_eur": None, "index_vs_base": None,
               "index_vs_base_base_scoring": None}
        if o.solved:
            allocation = o.result.allocation
            oda = float(allocation.loc[allocation["oda"].astype(bool), "amount_eur"].sum())
            total = float(allocation["amount_eur"].sum())
            row.update(impact=o.result.impact, total_eur=total, oda_eur=oda,
                       non_oda_eur=total - oda)
            if reference.solved:
                row.update(money_terms(o, reference))
                row["impact_change"] = o.result.impact - reference.result.impact
                if reference.result.impact:
                    row["impact_change_share"] = row["impact_change"] / reference.result.impact
                row["total_change_eur"] = total - float(
                    reference.result.allocation["amount_eur"].sum())
        rows.append(row)
    return pd.DataFrame(rows)


def money_terms(outcome: ScenarioOutcome, reference: ScenarioOutcome) -> dict[str, object]:
    """Money moved against the base, and the index against the base (base = 100), also with
    the allocation scored by the base's weights and scores (like with like)."""
    base, result = reference.result, outcome.result
    row: dict[str, object] = {
        "money_moved_eur": money_moved(base.allocation, result.allocation)}
    if base.impact:
        base_scoring = impact_of(reference.data, result.allocation)
        row.update(index_vs_base=100.0 * result.impact / base.impact,
                   index_vs_base_base_scoring=100.0 * base_scoring / base.impact)
    return row


def by_year(outcomes: list[ScenarioOutcome], dimension: str, order: list[str],
            years: tuple[int, ...]) -> pd.DataFrame:
    """Per year × source (or country): the base's euros, then each scenario's change."""
    solved = [o for o in outcomes if o.solved]
    base = outcomes[0]
    index = pd.MultiIndex.from_product([list(years), order], names=["year", dimension])
    if not base.solved:
        return pd.DataFrame(columns=["year", dimension]).astype(object)
    columns = {"base_eur": _totals(base, dimension).reindex(index, fill_value=0.0)}
    for o in solved:
        if o is not base:
            columns[f"{o.name} change"] = (_totals(o, dimension).reindex(index, fill_value=0.0)
                                           - columns["base_eur"])
    table = pd.DataFrame(columns, index=index).reset_index()
    moved = table.drop(columns=["year", dimension, "base_eur"]).abs().sum(axis=1)
    return table[(moved > 0) | (table["base_eur"] > 0)].reset_index(drop=True)


def _totals(outcome: ScenarioOutcome, dimension: str) -> pd.Series:
    return totals_by(outcome.result.allocation, ["year", dimension])


def _side_by_side(outcomes: list[ScenarioOutcome], dimension: str, order: list[str]
                  ) -> pd.DataFrame:
    """Totals over the horizon per member: the base, then per scenario its total and its
    change against the base, side by side."""
    solved = [o for o in outcomes if o.solved]
    totals = {o.name: o.result.allocation.groupby(dimension)["amount_eur"].sum() for o in solved}
    table = pd.DataFrame(totals, index=order, columns=[o.name for o in solved]).fillna(0.0)
    base = outcomes[0]
    columns = {}
    for o in solved:
        columns[o.name] = table[o.name]
        if base.solved and o is not base:
            columns[f"{o.name} change"] = table[o.name] - table[base.name]
    wide = pd.DataFrame(columns, index=order)
    wide.index.name = dimension
    return wide.reset_index()
