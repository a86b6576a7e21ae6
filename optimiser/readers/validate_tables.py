"""Generic table checks of the validator: sheet structure, typed rows, names, keys.

Everything here is driven by the declarations of `optimiser.readers.schema`: which
columns a sheet has, their kinds, which column defines a set of names and
which columns refer to one, and which columns form a sheet's unique key.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from models.data import Origin, Pick, Selector, YearPick, YearSelector
from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.cells import At, Uncalculated, blank_value, is_blank, read_column, shown
from optimiser.readers.countries_nl import english_forms, folded
from optimiser.readers.schema import Column, Ref, Sheet
from optimiser.readers.texts import Told
from optimiser.readers.wide import wide_envelopes
from optimiser.readers.workbook import (
    INPUT_SHEETS,
    RawRow,
    RawSheet,
    RawWorkbook,
    header_key,
    normalise,
    sheet_key,
)


@dataclass
class Report:
    """Problems and warnings collected while validating; nothing stops at the first."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)


@dataclass
class Record:
    """One row of a table: the values that could be read, keyed by column name."""

    origin: Origin
    raw: RawRow
    values: dict[str, object]
    refs: dict[str, str]  # column name -> A1 ref of the cell it came from
    ok: bool = True  # every cell was read

    def ref(self, column: str) -> str:
        """The cell of `column` in this row, or the row's first cell if the column is absent."""
        first = next(iter(self.raw.cells.values()), None)
        return self.refs.get(column) or (first.ref if first else f"A{self.raw.row}")


@dataclass
class Table:
    sheet: Sheet
    raw: RawSheet | None  # None: the sheet is absent
    records: list[Record] = field(default_factory=list)
    usable: bool = False  # present, with a header row that has the required columns

    @property
    def title(self) -> str:
        return self.raw.title if self.raw else self.sheet.name

    def at(self, record: Record, column: str, label: str | None = None) -> At:
        return At(self.title, record.ref(column), column if label is None else label)


def close_matches(name: str, known: Iterable[str]) -> list[str]:
    """Up to three known spellings close to `name` (difflib, case-insensitive), best first."""
    spellings: dict[str, str] = {}
    for candidate in known:
        spellings.setdefault(candidate.casefold(), candidate)
    close = difflib.get_close_matches(name.casefold(), list(spellings), n=3, cutoff=0.6)
    return [spellings[match] for match in close]


def did_you_mean(name: str, known: Iterable[str]) -> Told | str:
    """'; did you mean 'A' or 'B'?' for close matches, else ''."""
    quoted = [f"'{match}'" for match in close_matches(name, known)]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return Told("told_did_you_mean", name=quoted[0])
    return Told("told_did_you_mean_or", names=", ".join(quoted[:-1]), last=quoted[-1])


def read_table(
    raw: RawWorkbook, sheet: Sheet, report: Report, keep_raw: Sequence[Column] = ()
) -> Table:
    """The sheet's records, every cell read by its column's kind; problems go to `report`.

    Columns in `keep_raw` (a Settings or Scenarios value, whose kind depends on the
    row) keep the cell's value as found, text trimmed.
    """
    found = raw.sheets.get(sheet_key(sheet.name))
    if found is None:
        if sheet.required:
            others = [title for title in raw.titles if sheet_key(title) not in INPUT_SHEETS]
            report.add(Problem(sheet.name, None, None, Told(
                "told_sheet_missing", hint=did_you_mean(sheet.name, others))))
        return Table(sheet, None)
    table = Table(sheet, found)
    if not _structure_ok(table, report):
        return table
    keys = {normalise(c.name) for c in sheet.columns} & set(found.columns)
    plan = [_Step(c, normalise(c.name) if normalise(c.name) in keys else None, c in keep_raw)
            for c in sheet.columns]
    rows = [row for row in found.rows if not _is_empty(row, keys)]
    if rows and _is_totals_row(found, sheet, rows[-1]):
        report.add(_totals_problem(found, rows.pop()))
    for row in rows:
        table.records.append(_record(table, row, plan, report))
    if len(table.records) < sheet.min_rows:
        hint = "" if sheet.required else Told("told_too_few_rows_hint")
        report.add(Problem(found.title, None, None, Told(
            "told_too_few_rows", count=len(table.records), minimum=sheet.min_rows, hint=hint)))
    table.usable = True
    return table


# Labels people put in a totals row under a table (compared trimmed, ignoring case and ':').
TOTAL_WORDS = frozenset({"total", "totals", "grand total", "subtotal", "sum", "totaal",
                         "totalen", "eindtotaal", "subtotaal", "som"})


def _is_totals_row(raw: RawSheet, sheet: Sheet, row: RawRow) -> bool:
    """A last row with =SUM(...) (or SUBTOTAL) in it or labelled Total / Totaal, that lacks
    a required value (a record with every value that happens to use SUM is not one)."""
    lacking = any(c.required and not c.blank_ok and is_blank(_cell_value(row, c))
                  for c in sheet.columns)
    labelled = any(_total_label(cell.value) for cell in row.cells.values())
    return lacking and (row.row in raw.sum_rows or labelled)


def _cell_value(row: RawRow, column: Column) -> object:
    cell = row.cells.get(normalise(column.name))
    return None if cell is None else cell.value


def _total_label(value: object) -> bool:
    return isinstance(value, str) and value.strip().rstrip(":").strip().casefold() in TOTAL_WORDS


def _totals_problem(raw: RawSheet, row: RawRow) -> Problem:
    labelled = next((cell for cell in row.cells.values() if _total_label(cell.value)), None)
    cell = labelled or next(cell for cell in row.cells.values() if not is_blank(cell.value))
    return Problem(raw.title, cell.ref, shown(cell.value), Told("told_totals_row", row=row.row))


def _structure_ok(table: Table, report: Report) -> bool:
    """Report hidden sheets, misplaced headers, merged cells, missing and repeated columns."""
    raw, sheet = table.raw, table.sheet
    if raw.hidden:
        report.add(Problem(raw.title, None, None, Told("told_hidden_sheet")))
    if raw.header_found_in:
        row = coordinate_from_string(raw.header_found_in)[1]
        report.add(Problem(raw.title, raw.header_found_in, None,
                           Told("told_header_row", row=row)))
        return False
    known = {normalise(column.name) for column in sheet.columns}
    _report_merged(raw, known, report)
    _report_repeated(raw, known, report)
    missing = [c for c in sheet.columns if c.required and normalise(c.name) not in raw.columns]
    wide = wide_envelopes(raw) if missing and sheet is schema.ENVELOPES else None
    if wide is not None:
        report.add(wide)
        return False
    for column in missing:
        report.add(_missing_column(raw, column, known))
    return not missing


def _report_merged(raw: RawSheet, known: set[str], report: Report) -> None:
    """Merged cells in a known column leave all but one cell empty: report them."""
    columns = {column_index_from_string(raw.columns[key]) for key in known & set(raw.columns)}
    for merged in raw.merged:
        first, _, last = range_boundaries(merged)[:3]
        if columns & set(range(first, last + 1)):
            report.add(Problem(raw.title, merged, None, Told("told_merged", cells=merged)))


def _report_repeated(raw: RawSheet, known: set[str], report: Report) -> None:
    seen: dict[str, tuple[str, str]] = {}
    sheet = sheet_key(raw.title)
    for letter, text in raw.headers:
        key = header_key(sheet, text)
        if key in known and key in seen:
            first, written = seen[key]
            report.add(Problem(raw.title, f"{letter}1", text, Told(
                "told_column_twice", text=text, first=first)
                if normalise(text) == normalise(written) else
                Told("told_column_twice_lang", text=text, written=written, first=first)))
        seen.setdefault(key, (letter, text))


def _missing_column(raw: RawSheet, column: Column, known: set[str]) -> Problem:
    """A missing column; if a header nearly matches it, the problem points at that header."""
    sheet = sheet_key(raw.title)
    unknown = {text: letter for letter, text in raw.headers
               if header_key(sheet, text) not in known}
    close = close_matches(column.name, unknown)
    message = Told("told_column_missing", name=column.name)
    if not close:
        return Problem(raw.title, None, None, message)
    return Problem(raw.title, f"{unknown[close[0]]}1", close[0],
                   Told("told_column_meant", missing=message, name=column.name))


def _is_empty(row: RawRow, keys: set[str]) -> bool:
    """Empty in every known column (`keys`), and notes hold at most formulas never calculated."""
    for key, cell in row.cells.items():
        if key in keys and not is_blank(cell.value):
            return False
        if key not in keys and not (is_blank(cell.value) or isinstance(cell.value, Uncalculated)):
            return False
    return True


@dataclass(frozen=True)
class _Step:
    """How one column of a sheet is read, worked out once per sheet."""

    column: Column
    key: str | None  # its normalised header; None if the sheet lacks the column
    as_found: bool  # keep the value as found (see read_table's keep_raw)


def _record(table: Table, row: RawRow, plan: Sequence[_Step], report: Report) -> Record:
    record = Record(Origin(table.title, row.row), row, {}, {})
    for step in plan:
        column = step.column
        cell = row.cells.get(step.key) if step.key else None
        if cell is None:
            record.values[column.name] = blank_value(column)
            continue
        record.refs[column.name] = cell.ref
        if step.as_found:
            record.values[column.name] = None if is_blank(cell.value) else _trimmed(cell.value)
            continue
        value = read_column(cell.value, column, At(table.title, cell.ref, column.name))
        if isinstance(value, Problem):
            report.add(value)
            record.ok = False
        else:
            record.values[column.name] = value
    return record


def _as_found(record: Record, column: str) -> object:
    cell = record.raw.cells.get(normalise(column))
    return record.values[column] if cell is None else cell.value


def _trimmed(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class Names:
    """The names one column defines, matched case-insensitively; the first spelling is canonical."""

    def __init__(self, ref: Ref, sheet_title: str):
        self.ref = ref
        self.sheet_title = sheet_title
        self.canonical: dict[str, str] = {}

    def add(self, name: str) -> str:
        return self.canonical.setdefault(name.casefold(), name)

    def find(self, name: str) -> str | None:
        return self.canonical.get(name.casefold())

    def _english(self, name: str) -> str:
        """For a Dutch country name, the English form the sheet uses: '; did you mean ...'."""
        if self.ref is not Ref.COUNTRY:
            return ""
        forms = {folded(form) for form in english_forms(name)}
        known = next((known for known in self.canonical.values() if folded(known) in forms), None)
        return Told("told_dutch_country", known=known, name=name) if known else ""

    def unknown(self, name: str, at: At) -> Problem:
        hint = self._english(name) or did_you_mean(name, self.canonical.values())
        ref = Told(f"told_ref_{self.ref.name.lower()}")
        return at.problem(name, Told("told_names_no", ref=ref, sheet=self.sheet_title, hint=hint))


@dataclass
class Catalogue:
    """Every set of names the workbook defines; None where the defining sheet is unusable."""

    names: dict[Ref, Names | None]
    years: tuple[int, ...] | None  # planning years

    def resolve(self, value: object, column: Column, at: At) -> object:
        """The value with every name canonical, or a Problem for an unknown name or year."""
        if column.refers is Ref.YEAR:
            return self._year(value, at)
        names = self.names.get(column.refers)
        if names is None or value is None:
            return value
        if isinstance(value, Selector):
            return self._selector(value, names, at)
        return names.find(value) or names.unknown(value, at)

    def _selector(self, selector: Selector, names: Names, at: At) -> Selector | Problem:
        if selector.pick is not Pick.NAMES:
            return selector
        canonical = []
        for name in selector.names:
            found = names.find(name)
            if found is None:
                return names.unknown(name, at)
            canonical.append(found)
        return Selector(Pick.NAMES, tuple(dict.fromkeys(canonical)))

    def _year(self, value: object, at: At) -> object:
        if self.years is None:
            return value
        listed = value.years if isinstance(value, YearSelector) else (value,)
        if isinstance(value, YearSelector) and value.pick is not YearPick.LISTED:
            return value
        outside = [year for year in listed if year not in self.years]
        if not outside:
            return value
        planning = ", ".join(str(year) for year in self.years)
        return at.problem(shown(outside[0]), Told("told_not_planning_year", year=outside[0],
                                                  sheet=schema.ENVELOPES.name, years=planning))


def resolve_references(table: Table, catalogue: Catalogue, report: Report) -> None:
    """Replace every name a record refers to by its canonical spelling; report unknown ones."""
    columns = [column for column in table.sheet.columns if column.refers is not None]
    for record in table.records:
        for column in columns:
            if column.name not in record.values:
                continue
            value = catalogue.resolve(record.values[column.name], column,
                                      table.at(record, column.name))
            if isinstance(value, Problem):
                report.add(value)
                record.ok = False
                del record.values[column.name]
            else:
                record.values[column.name] = value


def check_unique(table: Table, report: Report) -> None:
    """Report every record whose key (Sheet.key) repeats an earlier one, ignoring case."""
    key_columns = table.sheet.key
    if not key_columns:
        return
    seen: dict[tuple, Record] = {}
    for record in table.records:
        if not all(column in record.values for column in key_columns):
            continue
        values = tuple(record.values[column] for column in key_columns)
        key = tuple(value.casefold() if isinstance(value, str) else value for value in values)
        if key in seen:
            what = key_columns[0] if len(values) == 1 else f"({', '.join(key_columns)})"
            found = tuple(_as_found(record, column) for column in key_columns)
            report.add(table.at(record, key_columns[0], "").problem(
                found[0] if len(found) == 1 else found,
                Told("told_repeats", what=what, row=seen[key].origin.row)))
        else:
            seen[key] = record
