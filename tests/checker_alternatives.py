"""Independent check of an alternatives workbook (SPEC §5.2), for tests.

From SPEC only, with openpyxl (no `models` or `optimiser`): every sheet in the
Allocation format (`Allocation best`, `Allocation A1`, ...) is checked against
the input sheets kept in the workbook by the same rules as a result's
Allocation sheet, and each alternative's impact, recomputed from SPEC §2, must
reach (1 − within) × the best's, within the checker's allowance of one euro
per free cell (see tests/checker.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from tests.checker import (
    RULES,
    changed_input_sheets,
    impact_allowance,
    read_allocation,
    recompute_impact,
)
from tests.checker_inputs import key, read_inputs, read_table, to_number
from tests.checker_rules import Context, Violation

ALLOCATION_SHEET = re.compile(r"^Allocation (best|A\d+)$")


@dataclass
class AlternativesReport:
    violations: list[Violation] = field(default_factory=list)
    impacts: dict[str, float] = field(default_factory=dict)  # "best", "A1", ... recomputed
    country_totals: dict[str, dict[str, float]] = field(default_factory=dict)
    within: float | None = None

    @property
    def ok(self) -> bool:
        return not self.violations

    def difference(self, one: str, other: str) -> float:
        """Σ_c |money of c over the horizon in one − in other| (EUR)."""
        a, b = self.country_totals[one], self.country_totals[other]
        return sum(abs(a.get(c, 0.0) - b.get(c, 0.0)) for c in set(a) | set(b))


def check_alternatives(path: Path | str, input_path: Path | str | None = None
                       ) -> AlternativesReport:
    book = load_workbook(path, data_only=True)
    report = AlternativesReport()
    if input_path is not None:
        report.violations += changed_input_sheets(input_path, book)
    inputs = read_inputs(book)
    for title in book.sheetnames:
        found = ALLOCATION_SHEET.match(title)
        if not found:
            continue
        cells, shape = read_allocation(book, inputs, title)
        ctx = Context(inputs, cells, [Violation(v.rule, f"{title} {v.where}", v.detail)
                                      for v in shape])
        for rule in RULES:
            rule(ctx)
        report.violations += [Violation(v.rule, f"{title}: {v.where}", v.detail, v.excess)
                              for v in ctx.violations]
        name = found.group(1)
        report.impacts[name] = recompute_impact(inputs, ctx.X)
        totals: dict[str, float] = {}
        for (_, country), amount in ctx.T.items():
            totals[country] = totals.get(country, 0.0) + amount
        report.country_totals[name] = totals
    _check_band(book, inputs, report)
    return report


def _check_band(book, inputs, report: AlternativesReport) -> None:
    about = {key(r.raw("key")): r.raw("value") for r in read_table(book, "About alternatives")
             or [] if r.raw("key") is not None}
    if "best" not in report.impacts or "within" not in about:
        report.violations.append(Violation("alternatives", "workbook",
                                           "no Allocation best sheet or no within"))
        return
    report.within = to_number(about["within"], "About alternatives within")
    floor = (1.0 - report.within) * report.impacts["best"] - impact_allowance(inputs)
    for name, impact in report.impacts.items():
        if impact < floor:
            report.violations.append(Violation(
                "impact band", f"Allocation {name}",
                f"impact {impact:,.2f} is below (1 - {report.within}) x best = {floor:,.2f}",
                floor - impact))
