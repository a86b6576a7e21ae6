"""Scenarios (SPEC §1): named changes to the inputs, applied to a copy and validated again.

A scenario is data: the rows of the Scenarios sheet that share a `scenario`
name (ignoring case). `apply_scenario` applies them in sheet order to a fresh
copy of the base raw tables and returns a new `RawWorkbook` (the base is never
changed); `scenario_inputs` validates that exactly like a workbook;
`check_scenarios` lists every problem of the Scenarios sheet at once;
`input_diff` (optimiser.whatif.scenarios_diff) lists the cells a scenario changed.

How a row applies:
- `match` blank selects every row of the sheet; `column=value;column=value`
  selects the rows where all hold: names and text ignoring case, numbers
  (years) as numbers, booleans as booleans. Each row sees the changes of the
  rows before it. A match must select at least one row.
- Settings: `match` is `key=NAME` of a known setting and `column` is `value`.
  If the sheet has no row for that key, the row is added (and the sheet, if
  the workbook has none).
- `set` writes the Scenarios value as found (it must read as the target
  column's kind; blank clears the cell). `scale` multiplies, `add` adds; both
  need a number and a numeric column, and round to 15 significant digits so
  that 6e6 x 1.1 is 6600000, not 6600000.000000001.
- scale/add on a blank cell work on the column's default where it is a number
  (effectiveness and fit 1, min_programme_eur 0, ramp_eur 0, ...); a blank
  that means no limit or off (absorption_eur, capacity_eur, a Limits bound,
  ramp_share, ...) has no number and stays blank, with a warning.
- A column the sheet may have but lacks is added after its last column; rows
  the match does not select leave it blank.

Where messages point: a changed cell keeps its ref; an added row takes the
row below the sheet's last, an added column the one after its last header.
`RawWorkbook.notes` records why each such cell differs from the file, and
validation shows it after the place:
`Envelopes!C3 (changed by scenario 'cut', Scenarios row 5): amount_eur must
be >= 0 (found -998000000)`. A problem elsewhere in a changed row names the
changed cell ("Limits!C2 (D2 changed by scenario ...)"); any other problem
of a scenario says "in scenario 'cut'", and the error's heading names the
scenario.

A country drops out: `Countries`, `country=NAME`, `absorption_eur`, `set`, 0.
The country stays defined, so the Fit, Commitments, Limits and Baseline rows
that name it stay valid, but it can receive nothing in any year. Its
commitments, a minimum in Limits, or a Baseline total that the ramp rule
will not let fall to 0 then make the scenario infeasible: the signal that
they must go too (set their `amount_eur` or `min_eur` to 0 in the same
scenario). Setting `fit` to 0 is not the same: pairs without a Fit row have
fit 1, and scenarios add no Fit rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from models.data import Origin
from optimiser.errors import Problem, WorkbookInvalid
from optimiser.readers import schema
from optimiser.readers.cells import is_blank
from optimiser.readers.validate import (
    SCENARIO,
    VALUE,
    NotedProblem,
    ScenarioRow,
    ValidatedWorkbook,
    row_of,
    validate,
)
from optimiser.readers.validate_rules import SETTING_KEY
from optimiser.readers.workbook import RawCell, RawRow, RawSheet, RawWorkbook, normalise, sheet_key
from optimiser.whatif.scenarios_diff import CellChange, input_diff
from optimiser.whatif.scenarios_target import (
    SCALE,
    SET,
    ScenarioCells,
    Target,
    cell_value,
    is_number,
    resolve,
    scenario_cells,
    unmatched,
)

__all__ = [
    "CellChange", "Scenario", "apply_scenario", "check_scenarios", "input_diff",
    "scenario_inputs", "scenarios_of",
]

SIGNIFICANT_DIGITS = 15  # scale/add results are rounded to this: float noise, not data


@dataclass(frozen=True)
class Scenario:
    """The rows of the Scenarios sheet that share one name, in sheet order."""

    name: str  # its first spelling in the sheet
    rows: tuple[ScenarioRow, ...]

    @property
    def sheet_rows(self) -> tuple[int, ...]:
        """The Scenarios rows it is made of."""
        return tuple(row.origin.row for row in self.rows)

    def __str__(self) -> str:
        return f"scenario '{self.name}'"


def scenarios_of(workbook: ValidatedWorkbook) -> tuple[Scenario, ...]:
    """The workbook's scenarios, grouped by name ignoring case, in order of first appearance."""
    groups: dict[str, list[ScenarioRow]] = {}
    for row in workbook.scenarios:
        groups.setdefault(row.scenario.casefold(), []).append(row)
    return tuple(Scenario(rows[0].scenario, tuple(rows)) for rows in groups.values())


def check_scenarios(workbook: ValidatedWorkbook) -> list[Problem]:
    """Every problem of the Scenarios sheet, checked against the base workbook.

    First those in the sheet itself, in row order: what the validator found
    (unknown sheet or operation, blank cells) and what needs the base tables
    (unknown column, malformed match, a match that selects no row, a value
    the operation cannot use). Then, for each scenario without those, the
    problems of its inputs as validated after applying it.
    """
    in_sheet = list(workbook.scenario_problems)
    after: list[Problem] = []
    for scenario in scenarios_of(workbook):
        applied = _apply(workbook.raw, scenario)
        in_sheet += applied.problems
        if applied.problems or _validator_problems(workbook, scenario):
            continue
        try:
            validate(applied.result())
        except WorkbookInvalid as invalid:
            after += _naming(scenario, invalid.problems)
    return sorted(in_sheet, key=lambda problem: row_of(problem.cell or "")) + after


def apply_scenario(raw: RawWorkbook, scenario: Scenario) -> RawWorkbook:
    """A new RawWorkbook: the base tables with the scenario's rows applied in order.

    `raw` is not changed. Raises WorkbookInvalid, headed with the scenario's
    name, if a row cannot be applied (see check_scenarios).
    """
    applied = _apply(raw, scenario)
    if applied.problems:
        raise WorkbookInvalid(applied.problems, source=_source(raw, scenario))
    return applied.result()


def scenario_inputs(workbook: ValidatedWorkbook, scenario: Scenario) -> ValidatedWorkbook:
    """The scenario's inputs, validated exactly like a workbook.

    Raises WorkbookInvalid, headed with the scenario's name, listing the
    problems of its Scenarios rows, or else those of its inputs, each placed
    at the cell the scenario changed and naming the Scenarios row that did.
    """
    applied = _apply(workbook.raw, scenario)
    own = _validator_problems(workbook, scenario) + applied.problems
    lang = workbook.data.settings.lang  # the terminal says the problems in it
    if own:
        own.sort(key=lambda problem: row_of(problem.cell or ""))
        raise WorkbookInvalid(own, source=_source(workbook.raw, scenario), lang=lang)
    try:
        return validate(applied.result())
    except WorkbookInvalid as invalid:
        raise WorkbookInvalid(_naming(scenario, invalid.problems),
                              source=_source(workbook.raw, scenario), lang=lang) from None


def _source(raw: RawWorkbook, scenario: Scenario) -> str:
    return f"{scenario} of {raw.name}"


def _naming(scenario: Scenario, problems: list[Problem]) -> list[Problem]:
    """The problems, each naming the scenario: noted ones already do."""
    return [problem if isinstance(problem, NotedProblem) else
            NotedProblem(problem.sheet, problem.cell, problem.value, problem.message,
                         f"in {scenario}")
            for problem in problems]


def _validator_problems(workbook: ValidatedWorkbook, scenario: Scenario) -> list[Problem]:
    """The validator's Scenarios problems that concern `scenario`.

    Those in rows with its name (the validator drops such rows, so running the
    scenario without them would silently run part of it) and those about the
    whole sheet.
    """
    sheet = workbook.raw.sheets.get(sheet_key(schema.SCENARIOS.name))
    key = normalise(SCENARIO)
    names = {row.row: normalise(row.cells[key].value) for row in (sheet.rows if sheet else ())
             if key in row.cells and not is_blank(row.cells[key].value)}
    own = normalise(scenario.name)
    return [problem for problem in workbook.scenario_problems
            if problem.cell is None or names.get(row_of(problem.cell)) == own]


@dataclass
class _Sheet:
    """A sheet a scenario changes: a mutable copy, made into a new RawSheet at the end."""

    key: str  # sheet_key
    title: str
    base: RawSheet | None  # None: a Settings sheet the scenario adds
    columns: dict[str, str]
    headers: list[tuple[str, str]]
    rows: dict[int, dict[str, RawCell]]  # row number -> cells, in row order
    written: dict[tuple[int, str], list[Origin]] = field(default_factory=dict)

    @classmethod
    def copy(cls, key: str, base: RawSheet | None, title: str) -> _Sheet:
        if base is None:
            return cls(key, title, None, {}, [], {})
        return cls(key, base.title, base, dict(base.columns), list(base.headers),
                   {row.row: dict(row.cells) for row in base.rows})

    def headers_by_key(self) -> dict[str, str]:
        """Normalised header -> header as written, for every column the sheet has."""
        text = dict(self.headers)
        return {key: text.get(letter, key) for key, letter in self.columns.items()}

    def letter(self, key: str, header: str) -> str:
        """The column's letter; a column the sheet lacks is added after its last."""
        if key not in self.columns:
            used = [*self.columns.values(), *(letter for letter, _ in self.headers)]
            last = max((column_index_from_string(letter) for letter in used), default=0)
            self.columns[key] = get_column_letter(last + 1)
            self.headers.append((self.columns[key], header))
        return self.columns[key]

    def add_row(self) -> int:
        number = max(self.rows, default=1) + 1
        self.rows[number] = {}
        return number

    def write(self, number: int, key: str, header: str, value: object, origin: Origin) -> None:
        cells = self.rows[number]
        ref = cells[key].ref if key in cells else f"{self.letter(key, header)}{number}"
        cells[key] = RawCell(value, ref)
        self.written.setdefault((number, key), []).append(origin)

    def raw_sheet(self) -> RawSheet:
        rows = tuple(RawRow(number, cells) for number, cells in sorted(self.rows.items()))
        if self.base is None:
            return RawSheet(self.title, self.columns, rows, headers=tuple(self.headers))
        return replace(self.base, columns=self.columns, rows=rows, headers=tuple(self.headers))

    def notes(self, scenario: Scenario) -> dict[tuple[str, str], str]:
        """(sheet key, ref) -> "changed by scenario 'cut', Scenarios row 5", per cell written."""
        base = {row.row: row.cells for row in self.base.rows} if self.base else {}
        notes = {}
        for (number, key), origins in self.written.items():
            verb = "changed" if key in base.get(number, {}) else "added"
            rows = list(dict.fromkeys(origin.row for origin in origins))
            listed = f"row {rows[0]}" if len(rows) == 1 else f"rows {', '.join(map(str, rows))}"
            notes[(self.key, self.rows[number][key].ref)] = (
                f"{verb} by {scenario}, {origins[0].sheet} {listed}")
        return notes


class _Applied:
    """The base raw tables as a scenario changes them, row by row."""

    def __init__(self, raw: RawWorkbook, scenario: Scenario):
        self.raw = raw
        self.scenario = scenario
        self.sheets: dict[str, _Sheet] = {}
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.criteria = _criteria(raw)

    def sheet(self, name: str) -> _Sheet | None:
        """The sheet as changed so far; None if the workbook lacks it (Settings is then added)."""
        key = sheet_key(name)
        if key not in self.sheets:
            base = self.raw.sheets.get(key)
            if base is None and name != schema.SETTINGS.name:
                return None
            self.sheets[key] = _Sheet.copy(key, base, name)
        return self.sheets[key]

    def apply(self, row: ScenarioRow) -> None:
        cells = scenario_cells(self.raw.sheets.get(sheet_key(schema.SCENARIOS.name)), row.origin)
        sheet = self.sheet(row.sheet)
        target = resolve(row, sheet.headers_by_key() if sheet else None, self.criteria, cells)
        if isinstance(target, list):
            self.problems += target
            return
        matched = [number for number, found in sheet.rows.items() if target.selects(found)]
        if not matched and target.setting is not None:
            matched = self._add_setting(sheet, target, cells)
            if matched is None:
                return
        if not matched:
            self.problems.append(unmatched(target, list(sheet.rows.values()), cells, sheet.title))
            return
        kept = [number for number in matched if not _change(sheet, number, target)]
        if kept:
            what = (f"the {target.setting.key} setting" if target.setting else
                    f"{len(kept)} blank {target.header} cell(s) of the {sheet.title} sheet")
            self._warn_blank(cells, row, what)

    def _add_setting(self, sheet: _Sheet, target: Target, cells: ScenarioCells) -> list[int] | None:
        """The row added for a setting the sheet lacks; None if scale/add has no number."""
        if target.row.operation != SET and not is_number(target.default):
            self._warn_blank(cells, target.row, f"the {target.setting.key} setting")
            return None
        number = sheet.add_row()
        sheet.write(number, normalise(SETTING_KEY.name), SETTING_KEY.name, target.setting.key,
                    target.row.origin)
        return [number]

    def _warn_blank(self, cells: ScenarioCells, row: ScenarioRow, what: str) -> None:
        self.warnings.append(f"{cells.title}!{cells.ref(VALUE)}: {row.operation} in "
                             f"{self.scenario} leaves {what} blank: a blank there means no "
                             "limit or off, not a number")

    def result(self) -> RawWorkbook:
        sheets, notes, titles = dict(self.raw.sheets), dict(self.raw.notes), list(self.raw.titles)
        for key, sheet in self.sheets.items():
            if sheet.base is None and not sheet.rows:
                continue
            sheets[key] = sheet.raw_sheet()
            if sheet.base is None:
                titles.append(sheet.title)
            for where, note in sheet.notes(self.scenario).items():
                notes[where] = f"{notes[where]}; {note}" if where in notes else note
        return replace(self.raw, sheets=sheets, titles=tuple(titles), notes=notes,
                       warnings=(*self.raw.warnings, *self.warnings))


def _apply(raw: RawWorkbook, scenario: Scenario) -> _Applied:
    applied = _Applied(raw, scenario)
    for row in scenario.rows:
        applied.apply(row)
    return applied


def _change(sheet: _Sheet, number: int, target: Target) -> bool:
    """Write one matched cell; False if it is a blank without a number for scale or add."""
    value = cell_value(sheet.rows[number].get(target.key))
    operation = target.row.operation
    if operation == SET:
        new = None if is_blank(target.operand) else target.operand
    else:
        start = target.default if is_blank(value) else value
        if not is_number(start):
            # a non-number here is the base's own error, which validation reports at the cell
            return not is_blank(value)
        result = start * target.operand if operation == SCALE else start + target.operand
        new = float(f"{result:.{SIGNIFICANT_DIGITS}g}")
    sheet.write(number, target.key, target.header, new, target.row.origin)
    return True


def _criteria(raw: RawWorkbook) -> tuple[str, ...]:
    """The names of the Criteria sheet: the Countries columns a scenario may change too."""
    sheet = raw.sheets.get(sheet_key(schema.CRITERIA.name))
    key = normalise(schema.CRITERIA.columns[0].name)
    values = [cell_value(row.cells.get(key)) for row in (sheet.rows if sheet else ())]
    return tuple(value.strip() if isinstance(value, str) else normalise(value)
                 for value in values if not is_blank(value))
