"""Validate raw workbook tables into `AllocationData` (SPEC §1), reporting every problem.

`read_workbook(path)` is `validate(load_raw(path))`. Validation never stops at
the first problem: all of them are collected and raised together as
`WorkbookInvalid`, each naming the sheet, cell and value and what was
expected. Names are matched case-insensitively and stored in the spelling of
the sheet that defines them.

Problems in the Scenarios sheet do not stop `allocate run` (SPEC §3: it
solves the base inputs); they are returned as `scenario_problems` for the
scenario commands, and summarised in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from models.data import (
    AllocationData,
    BaselineAmount,
    Commitment,
    Country,
    Criterion,
    Envelope,
    Fit,
    Instrument,
    Limit,
    Origin,
    Source,
)
from optimiser.errors import ErrorText, Problem, WorkbookInvalid
from optimiser.readers import habits, schema
from optimiser.readers.cells import At, Uncalculated, read_value
from optimiser.readers.grouping import group_problems
from optimiser.readers.schema import Kind, Ref
from optimiser.readers.texts import Told
from optimiser.readers.validate_rules import check_limits, read_scores, read_settings, read_tiers
from optimiser.readers.validate_tables import (
    Catalogue,
    Names,
    Report,
    Table,
    check_unique,
    did_you_mean,
    read_table,
    resolve_references,
)
from optimiser.readers.workbook import (
    INPUT_SHEETS,
    RawWorkbook,
    header_key,
    load_raw,
    normalise,
    sheet_key,
)

MODEL_SHEETS = tuple(sheet for sheet in schema.INPUT_SHEETS if sheet is not schema.SCENARIOS)
# Every input sheet a scenario may change (canonical names, by key).
SCENARIO_TARGETS = {sheet_key(sheet.name): sheet.name for sheet in MODEL_SHEETS}
SCENARIO, TARGET_SHEET, MATCH, TARGET_COLUMN, OPERATION, VALUE = (
    column.name for column in schema.SCENARIOS.columns
)


@dataclass(frozen=True)
class ScenarioRow:
    """One row of the Scenarios sheet, checked only on the surface (optimiser.whatif.scenarios)."""

    scenario: str
    sheet: str  # canonical input sheet name
    match: str | None  # None: every row of the sheet
    column: str
    operation: str  # one of schema.SCENARIO_OPERATIONS
    value: object  # the cell value as found
    origin: Origin


@dataclass(frozen=True)
class ValidatedWorkbook:
    raw: RawWorkbook
    data: AllocationData
    scenarios: tuple[ScenarioRow, ...]
    warnings: tuple[str, ...]
    scenario_problems: tuple[Problem, ...] = ()  # malformed Scenarios rows (not fatal here)
    notes: tuple[str, ...] = ()  # facts worth knowing: absent optional columns, hidden rows


def read_workbook(path: str | Path) -> ValidatedWorkbook:
    """Read and validate the workbook at `path`; raises WorkbookInvalid listing every problem."""
    return validate(load_raw(path))


def validate(raw: RawWorkbook) -> ValidatedWorkbook:
    """Turn raw tables into validated data, or raise WorkbookInvalid with every problem."""
    base, of_scenarios = _split_loading_problems(raw)
    report = Report(base, list(raw.warnings))
    tables = _read_tables(raw, report)
    catalogue = _catalogue(tables.values())
    for table in tables.values():
        resolve_references(table, catalogue, report)
        check_unique(table, report)
    scores = read_scores(tables[schema.CRITERIA.name], tables[schema.COUNTRIES.name], report)
    tiers = read_tiers(tables[schema.RETURNS.name], report)
    check_limits(tables[schema.LIMITS.name], report)
    settings = read_settings(tables[schema.SETTINGS.name], catalogue, report)
    _warn_unknown(raw, tables, report)
    scenarios, scenario_problems = _read_scenarios(raw, of_scenarios)
    if scenario_problems:
        report.warnings.append(Told("told_scenario_problems", sheet=schema.SCENARIOS.name,
                                    count=len(scenario_problems)))
    if report.problems:
        raise WorkbookInvalid(_listed(raw, report.problems), source=raw.name, lang=settings.lang)
    data = _data(tables, scores, tiers, settings)
    report.warnings += habits.millions_warnings(data)
    return ValidatedWorkbook(raw, data, scenarios, tuple(report.warnings), scenario_problems,
                             habits.notes(tables.values()))


def _read_tables(raw: RawWorkbook, report: Report) -> dict[str, Table]:
    """Every model sheet read cell by cell; a Settings value's kind depends on its key."""
    settings_values = schema.SETTINGS.columns[1:]
    return {
        sheet.name: read_table(raw, sheet, report,
                               keep_raw=settings_values if sheet is schema.SETTINGS else ())
        for sheet in MODEL_SHEETS
    }


def _data(tables: dict[str, Table], scores: dict, tiers: tuple, settings) -> AllocationData:
    return AllocationData(
        settings=settings,
        criteria=_build(tables, schema.CRITERIA, Criterion),
        countries=_build(tables, schema.COUNTRIES, Country,
                         scores=lambda record: scores[record.origin.row]),
        instruments=_build(tables, schema.INSTRUMENTS, Instrument),
        sources=_build(tables, schema.SOURCES, Source),
        envelopes=_build(tables, schema.ENVELOPES, Envelope),
        fits=_build(tables, schema.FIT, Fit),
        tiers=tiers,
        commitments=_build(tables, schema.COMMITMENTS, Commitment),
        baseline=_build(tables, schema.BASELINE, BaselineAmount),
        limits=_build(tables, schema.LIMITS, Limit),
    )


def _split_loading_problems(raw: RawWorkbook) -> tuple[list[Problem], list[Problem]]:
    """Problems found while loading, split into the base inputs' and the Scenarios sheet's."""
    key = sheet_key(schema.SCENARIOS.name)
    ours = [p for p in raw.problems if p.sheet is not None and sheet_key(p.sheet) == key]
    return [p for p in raw.problems if p not in ours], ours


def _fields(sheet: schema.Sheet) -> dict[str, str]:
    """models.data field name -> column name."""
    return {column.field_name: column.name for column in sheet.columns}


def _build(tables: dict[str, Table], sheet: schema.Sheet, cls: type, **more) -> tuple:
    """One `cls` record per row; `more` maps a field to a function of the record."""
    fields = _fields(sheet)
    return tuple(
        cls(**{field: record.values[column] for field, column in fields.items()},
            **{field: make(record) for field, make in more.items()}, origin=record.origin)
        for record in tables[sheet.name].records
    )


def _catalogue(tables) -> Catalogue:
    """The names each defining column declares; a theme takes its first spelling.

    A set whose sheet is missing or unreadable is None, so that references to
    it are not reported as unknown as well.
    """
    names: dict[Ref, Names | None] = {}
    years = None
    for table in tables:
        for column in table.sheet.columns:
            if column.defines is None:
                continue
            values = [r.values[column.name] for r in table.records if column.name in r.values]
            if column.defines is Ref.YEAR:
                years = tuple(sorted(set(values))) if table.usable and values else None
                continue
            index = Names(column.defines, table.title) if table.usable else None
            names[column.defines] = index
            for record in table.records if index else ():
                if column.name in record.values:
                    canonical = index.add(record.values[column.name])
                    if column.name not in table.sheet.key:
                        record.values[column.name] = canonical
    return Catalogue(names, years)


def _warn_unknown(raw: RawWorkbook, tables: dict[str, Table], report: Report) -> None:
    """Warn about ignored columns and sheets whose names are close to ones the tool knows."""
    for table in tables.values():
        if table.raw is None or not table.usable:
            continue
        known = {normalise(column.name) for column in table.sheet.columns}
        if table.sheet is schema.COUNTRIES:
            known |= {normalise(name) for name in _criteria(tables)}
        absent = [c.name for c in table.sheet.columns if normalise(c.name) not in table.raw.columns]
        sheet = sheet_key(table.title)
        for letter, text in table.raw.headers:
            hint = did_you_mean(text, absent) if header_key(sheet, text) not in known else ""
            if hint:
                report.warnings.append(Told("told_unknown_column", place=f"{table.title}!"
                                            f"{letter}1", text=text, hint=hint))
    absent_sheets = [sheet.name for sheet in schema.INPUT_SHEETS
                     if not sheet.required and sheet_key(sheet.name) not in raw.sheets]
    for title in raw.titles:
        hint = did_you_mean(title, absent_sheets) if sheet_key(title) not in INPUT_SHEETS else ""
        if hint:
            report.warnings.append(Told("told_unknown_sheet", title=title, hint=hint))


def _criteria(tables: dict[str, Table]) -> list[str]:
    name = schema.CRITERIA.columns[0].name
    return [r.values[name] for r in tables[schema.CRITERIA.name].records if name in r.values]


def _listed(raw: RawWorkbook, problems: list[Problem]) -> list[Problem]:
    """In sheet order; alike problems on a run of cells are one line, except where scenario
    notes name the changed cells one by one."""
    ordered = _in_sheet_order(problems)
    return with_notes(raw, ordered) if raw.notes else group_problems(ordered)


def _in_sheet_order(problems: list[Problem]) -> list[Problem]:
    """Workbook-level problems first, then by input sheet and row (stable within a row)."""
    order = {key: index for index, key in enumerate(INPUT_SHEETS)}

    def position(problem: Problem) -> tuple[int, int]:
        sheet = -1 if problem.sheet is None else order.get(sheet_key(problem.sheet), -1)
        digits = "".join(ch for ch in (problem.cell or "").partition(":")[0] if ch.isdigit())
        return sheet, int(digits or 0)

    return sorted(problems, key=position)


@dataclass(frozen=True)
class NotedProblem(Problem):
    """A problem at a cell that differs from the file: `where` also says why it differs."""

    note: str = ""  # from RawWorkbook.notes: "changed by scenario 'cut', Scenarios row 5"

    def place(self) -> object:
        return ErrorText("invalid_where_note", where=super().place(), note=self.note)


def with_notes(raw: RawWorkbook, problems: list[Problem]) -> list[Problem]:
    """Problems at a noted cell (RawWorkbook.notes), or in its row, carry the note.

    A changed cell can make another cell of its row wrong (min_eur above a
    scaled max_eur): that problem names the changed cell, "D2 changed by ...".
    """
    if not raw.notes:
        return problems
    rows: dict[tuple[str, int], str] = {}
    for (sheet, ref), note in raw.notes.items():
        rows.setdefault((sheet, row_of(ref)), f"{ref} {note}")
    noted = []
    for problem in problems:
        note = None
        if problem.sheet is not None and problem.cell is not None:
            sheet = sheet_key(problem.sheet)
            note = raw.notes.get((sheet, problem.cell)) or rows.get((sheet, row_of(problem.cell)))
        noted.append(NotedProblem(problem.sheet, problem.cell, problem.value, problem.message,
                                  note) if note else problem)
    return noted


def row_of(cell: str) -> int:
    """The row number of an A1 ref or range ("C4", "A2:A3": the first); 0 if it has none."""
    digits = "".join(ch for ch in cell.partition(":")[0] if ch.isdigit())
    return int(digits or 0)


def _read_scenarios(
    raw: RawWorkbook, loading_problems: list[Problem]
) -> tuple[tuple[ScenarioRow, ...], tuple[Problem, ...]]:
    """The Scenarios rows, surface-checked: a known sheet, a known operation, a usable value."""
    report = Report(list(loading_problems))
    value_column = schema.SCENARIOS.columns[-1]
    table = read_table(raw, schema.SCENARIOS, report, keep_raw=(value_column,))
    rows = []
    for record in table.records:
        row = _scenario_row(table, record, report)
        if row is not None and record.ok:
            rows.append(row)
    return tuple(rows), tuple(_in_sheet_order(report.problems))


def _scenario_row(table: Table, record, report: Report) -> ScenarioRow | None:
    values = record.values
    sheet = _scenario_sheet(table, record, report)
    operation = values.get(OPERATION)
    if operation is not None and operation.casefold() not in schema.SCENARIO_OPERATIONS:
        report.add(table.at(record, OPERATION).problem(operation, Told(
            "told_operation", operations=", ".join(schema.SCENARIO_OPERATIONS),
            hint=did_you_mean(operation, schema.SCENARIO_OPERATIONS))))
        return None
    value = values.get(VALUE)
    if isinstance(value, Uncalculated):
        report.add(read_value(value, Kind.TEXT, At(table.title, record.ref(VALUE), VALUE)))
        return None
    if sheet is None or not record.ok:
        return None
    return ScenarioRow(values[SCENARIO], sheet, values[MATCH], values[TARGET_COLUMN],
                       operation.casefold(), value, record.origin)


def _scenario_sheet(table: Table, record, report: Report) -> str | None:
    title = record.values.get(TARGET_SHEET)
    if title is None:
        return None
    found = SCENARIO_TARGETS.get(sheet_key(title))
    if found is None:
        hint = did_you_mean(title, SCENARIO_TARGETS.values())
        report.add(table.at(record, TARGET_SHEET).problem(
            title, Told("told_no_input_sheet", hint=hint) if hint else Told(
                "told_no_input_sheet_list", sheets=", ".join(SCENARIO_TARGETS.values()))))
    return found

