"""Independent checker of result workbooks, for tests (SPEC.md §2 and §4).

Written from SPEC.md alone, with openpyxl only: it must not import `models` or `optimiser`,
nor copy from them, so that a bug in the tool cannot hide behind the same bug here.

`check_result(path)` reads the input sheets kept in the result workbook, the `Allocation` and
`Summary` sheets, and reports every broken rule of SPEC §2 and §4 in plain words together with
the impact and total it recomputed from the allocation. The Summary's `impact_index` (SPEC v2
§5.3) is checked in tests/checker_index.py.

Impact tolerance: Summary `impact` must match the recomputed impact within 1e-6 relative plus
an absolute allowance of one euro per free model cell x[y,c,i,s], valued at that cell's best
marginal impact a_ci × max multiplier. That is the feasibility rule of SPEC §2 (each cell may
be off by a euro, e.g. rounded to whole euros, or dust dropped) carried over to the objective;
any real error in priorities, fit, effectiveness or tiers is orders of magnitude larger.
`total_eur` is held to the same rule with one euro per free cell.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.checker_continuity import check_min_years, check_no_restart
from tests.checker_index import INDEX_KEY, MISSING, check_index
from tests.checker_inputs import (
    INPUT_SHEETS,
    InputError,
    Inputs,
    Record,
    find_sheet,
    is_blank,
    key,
    read_inputs,
    read_table,
    resolve,
    to_number,
)
from tests.checker_limits import check_limits
from tests.checker_rules import (
    Cell,
    Context,
    Violation,
    check_capacity,
    check_cells_exist,
    check_commitments,
    check_do_no_harm,
    check_envelopes,
    check_focus,
    check_min_programme,
    check_oda_share,
    check_ramp,
)

ALLOCATION_COLUMNS = ("year", "country", "instrument", "theme", "source", "oda", "amount_eur")
STATUSES = ("optimal", "feasible")
RELATIVE_TOLERANCE = 1e-6
FORMULA_TAG = re.compile(rb"<(\w+:)?f[ >/]")

RULES: tuple[Callable[[Context], None], ...] = (
    check_cells_exist,
    check_envelopes,
    check_oda_share,
    check_capacity,
    check_min_programme,
    check_focus,
    check_commitments,
    check_limits,
    check_ramp,
    check_do_no_harm,
    check_min_years,
    check_no_restart,
)


@dataclass
class CheckReport:
    """What the checker found: violations (empty = valid) and the recomputed figures."""

    violations: list[Violation] = field(default_factory=list)
    impact: float = math.nan  # recomputed from the Allocation sheet
    total_eur: float = math.nan  # sum of the Allocation sheet
    summary_impact: float | None = None
    summary_total_eur: float | None = None
    summary_impact_index: object = None  # as stated; checker_index.MISSING without the row

    @property
    def ok(self) -> bool:
        return not self.violations

    def __str__(self) -> str:
        head = (
            f"impact {self.impact:,.4f} (Summary {self.summary_impact}), "
            f"total {self.total_eur:,.2f} EUR (Summary {self.summary_total_eur})"
        )
        if self.ok:
            return f"valid result; {head}"
        lines = [f"{len(self.violations)} violation(s); {head}"]
        lines += [f"- {violation}" for violation in self.violations]
        return "\n".join(lines)


def check_result(path: Path | str, input_path: Path | str | None = None) -> CheckReport:
    """Check the result workbook at `path` against SPEC §2 and §4.

    With `input_path`, also check that every sheet of the input workbook is kept unchanged.
    """
    book = load_workbook(path, data_only=True)
    report = CheckReport()
    report.violations += unreadable_formulas(path, book)
    if input_path is not None:
        report.violations += changed_input_sheets(input_path, book)
    try:
        inputs = read_inputs(book)
        cells, shape = read_allocation(book, inputs)
        ctx = Context(inputs, cells, shape)
        for rule in RULES:
            rule(ctx)
    except InputError as error:
        report.violations.append(Violation("input sheets", "result workbook", str(error)))
        return report
    report.violations += ctx.violations
    report.impact = recompute_impact(inputs, ctx.X)
    report.total_eur = allocation_total(book)
    _check_summary(book, inputs, report)
    return report


def assert_valid_result(path: Path | str, input_path: Path | str | None = None) -> CheckReport:
    """check_result, raising AssertionError that lists every violation; returns the report.

    For the tool's own workbooks: the Summary must also hold impact_index (SPEC v2 §5.3)."""
    report = check_result(path, input_path)
    if report.ok and report.summary_impact_index is MISSING:
        report.violations.append(Violation("Summary impact_index", "Summary", "missing"))
    if not report.ok:
        raise AssertionError(f"{path}: {report}")
    return report


def pair_impact(inputs: Inputs, country: str, instrument: str, amount: float) -> float:
    """Impact of X[y,c,i] = amount, filling the tiers in order (multipliers never increase).

    Finite cap: a_ci × Σ_k mult_k × clamp(amount − from_k × cap, 0, (to_k − from_k) × cap);
    unbounded: a_ci × amount.
    """
    cap = inputs.cap(country, instrument)
    if cap is None:
        weighted = amount
    else:
        weighted = sum(
            multiplier * min(max(amount - low * cap, 0.0), (high - low) * cap)
            for low, high, multiplier in inputs.tiers
        )
    return inputs.value(country, instrument) * weighted


def recompute_impact(inputs: Inputs, X: dict[tuple[int, str, str], float]) -> float:
    return sum(pair_impact(inputs, c, i, amount) for (_, c, i), amount in X.items())


def free_cells(inputs: Inputs) -> int:
    per_year = sum(len(inputs.free_sources(c, i)) for c in inputs.countries
                   for i in inputs.instruments)
    return per_year * len(inputs.years)


def impact_allowance(inputs: Inputs) -> float:
    """One euro per free cell at its best marginal impact (see the module docstring)."""
    best = max(multiplier for _, _, multiplier in inputs.tiers)
    return len(inputs.years) * sum(
        len(inputs.free_sources(c, i)) * inputs.value(c, i)
        * (1.0 if inputs.cap(c, i) is None else best)
        for c in inputs.countries for i in inputs.instruments
    )


def _close(found: float, expected: float, allowance: float) -> bool:
    return abs(found - expected) <= allowance + RELATIVE_TOLERANCE * abs(expected)


def _check_summary(book: Workbook, inputs: Inputs, report: CheckReport) -> None:
    records = read_table(book, "Summary")
    if records is None:
        report.violations.append(Violation("Summary sheet", "result workbook", "missing"))
        return
    values = {key(r.raw("key")): r.raw("value") for r in records if r.raw("key") is not None}
    status = values.get("status")
    if status is None or key(status) not in STATUSES:
        report.violations.append(
            Violation("Summary status", "Summary", f"status {status!r} is not optimal/feasible")
        )
    report.summary_impact = _summary_number(values, "impact", report)
    report.summary_total_eur = _summary_number(values, "total_eur", report)
    checks = (
        ("impact", report.summary_impact, report.impact, impact_allowance(inputs)),
        ("total_eur", report.summary_total_eur, report.total_eur, float(free_cells(inputs))),
    )
    report.summary_impact_index = values.get(INDEX_KEY, MISSING)
    report.violations += check_index(report.summary_impact_index, inputs, report.impact,
                                     impact_allowance(inputs), RELATIVE_TOLERANCE)
    for name, stated, recomputed, allowance in checks:
        if stated is not None and not _close(stated, recomputed, allowance):
            report.violations.append(Violation(
                f"Summary {name}", "Summary",
                f"states {stated:,.4f}, the allocation gives {recomputed:,.4f}"
                f" (off by {stated - recomputed:,.4f})",
                abs(stated - recomputed),
            ))


def _summary_number(values: dict[str, object], name: str, report: CheckReport) -> float | None:
    try:
        return to_number(values.get(name), f"Summary {name}")
    except InputError as error:
        report.violations.append(Violation(f"Summary {name}", "Summary", str(error)))
        return None


def read_allocation(book: Workbook, inputs: Inputs, title: str = "Allocation"
                    ) -> tuple[dict[Cell, float], list[Violation]]:
    """The cells of an Allocation-format sheet (summed if a cell repeats) and its shape problems."""
    sheet = find_sheet(book, title)
    if sheet is None:
        return {}, [Violation(f"{title} sheet", "result workbook", "missing")]
    problems = _header_problems(next(sheet.iter_rows(values_only=True), ()))
    cells: dict[Cell, float] = {}
    previous: tuple | None = None
    for record in read_table(book, title):
        try:
            cell, amount = _allocation_cell(record, inputs)
        except InputError as error:
            problems.append(Violation("Allocation row", f"row {record.row}", str(error)))
            continue
        problems += _row_problems(record, inputs, cell, amount)
        order = _order(inputs, cell)
        if previous is not None and order <= previous:
            what = "repeats the cell of the row above" if order == previous else "is out of order"
            problems.append(Violation(
                "Allocation order", f"row {record.row}",
                f"{what} (sorted by year, then country, instrument and source as in the inputs)",
            ))
        previous = order
        cells[cell] = cells.get(cell, 0.0) + amount
    return cells, problems


def allocation_total(book: Workbook) -> float:
    """Sum of every numeric amount_eur in the Allocation sheet, placeable or not."""
    return sum(
        float(amount) for r in read_table(book, "Allocation") or []
        if isinstance(amount := r.raw("amount_eur"), int | float) and not isinstance(amount, bool)
    )


def _header_problems(header: tuple) -> list[Violation]:
    found = tuple(None if is_blank(h) else key(h) for h in header[: len(ALLOCATION_COLUMNS)])
    if found == ALLOCATION_COLUMNS:
        return []
    return [Violation(
        "Allocation columns", "row 1",
        f"columns {list(found)}, expected {list(ALLOCATION_COLUMNS)} in this order",
    )]


def _allocation_cell(record: Record, inputs: Inputs) -> tuple[Cell, float]:
    year = record.year("year")
    if year not in inputs.years:
        raise InputError(
            f"year {year} has no Envelopes row (planning years {list(inputs.years)}),"
            " so no source may spend in it"
        )
    cell = (
        year,
        resolve(record, "country", inputs.countries),
        resolve(record, "instrument", inputs.instruments),
        resolve(record, "source", inputs.sources),
    )
    return cell, record.required_number("amount_eur")


def _row_problems(record: Record, inputs: Inputs, cell: Cell, amount: float) -> list[Violation]:
    """Zero amounts and `theme`/`oda` columns that disagree with the input sheets."""
    where = f"row {record.row}"
    problems = []
    if amount == 0:
        problems.append(Violation("Allocation zero row", where, "amount_eur is 0"))
    theme = inputs.instruments[cell[2]].theme
    if key(record.raw("theme")) != key(theme):
        problems.append(Violation(
            "Allocation theme", where, f"theme {record.raw('theme')!r}, Instruments says {theme!r}"
        ))
    oda = inputs.sources[cell[3]].oda
    try:
        consistent = record.boolean("oda") == oda
    except InputError:
        consistent = False
    if not consistent:
        problems.append(Violation(
            "Allocation oda", where, f"oda {record.raw('oda')!r}, Sources says {oda}"
        ))
    return problems


def _order(inputs: Inputs, cell: Cell) -> tuple[int, int, int, int]:
    year, country, instrument, source = cell
    return (
        year,
        list(inputs.countries).index(country),
        list(inputs.instruments).index(instrument),
        list(inputs.sources).index(source),
    )


def _has_formulas(path: Path | str) -> bool:
    """Whether any worksheet XML part holds a formula element (<f> or a prefixed one)."""
    with zipfile.ZipFile(path) as archive:
        return any(
            FORMULA_TAG.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def unreadable_formulas(path: Path | str, values: Workbook) -> list[Violation]:
    """Formulas in input sheets without a cached value: SPEC §1 makes them errors, and the
    checker (like any reader) would see them as blanks."""
    if not _has_formulas(path):
        return []  # spares a second full load of the workbook
    formulas = load_workbook(path, data_only=False)
    problems = []
    for title in INPUT_SHEETS:
        sheet, cached = find_sheet(formulas, title), find_sheet(values, title)
        if sheet is None:
            continue
        for row in sheet.iter_rows():
            problems += [
                Violation("input sheets", f"{sheet.title}!{c.coordinate}",
                          f"formula {c.value!r} has no cached value")
                for c in row
                if c.data_type == "f" and cached[c.coordinate].value is None
            ]
    return problems


def _trimmed(rows) -> list[tuple]:
    """Sheet values without trailing blank cells and trailing blank rows."""
    trimmed = [tuple(row) for row in rows]
    trimmed = [row[: max((n + 1 for n, v in enumerate(row) if v is not None), default=0)]
               for row in trimmed]
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


def changed_input_sheets(input_path: Path | str, result: Workbook) -> list[Violation]:
    """Every sheet of the input workbook must stand in the result, values unchanged (§4)."""
    original = load_workbook(input_path, data_only=True)
    problems = []
    for sheet in original.worksheets:
        kept = result[sheet.title] if sheet.title in result.sheetnames else None
        if kept is None:
            problems.append(Violation("input sheets", sheet.title, "missing from the result"))
        elif _trimmed(kept.iter_rows(values_only=True)) != _trimmed(
            sheet.iter_rows(values_only=True)
        ):
            problems.append(Violation("input sheets", sheet.title, "values changed"))
    return problems
