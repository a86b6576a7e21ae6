"""What one Scenarios row targets: the column it changes, the conditions of its match, its operand.

`resolve` checks a row against its sheet as the scenario has left it so far
(earlier rows may have added a column) and returns a `Target` or the
problems, each naming the Scenarios cell (sheet, match, column or value), what
it holds and what is expected, in the validator's words and with its
did-you-mean hints. Which rows a match selects is decided by `Target.selects`;
`unmatched` explains a match that selects none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from openpyxl.utils.cell import get_column_letter

from models.data import Origin
from optimiser.errors import Problem
from optimiser.readers import schema
from optimiser.readers.cells import (
    BOOLEAN_TEXT,
    EXPECTED,
    At,
    blank_value,
    is_blank,
    number_text,
    read_column,
    read_setting,
    read_value,
    shown,
)
from optimiser.readers.schema import Column, Kind, Setting
from optimiser.readers.texts import Told
from optimiser.readers.validate import MATCH, TARGET_COLUMN, TARGET_SHEET, VALUE, ScenarioRow
from optimiser.readers.validate_rules import SETTING_KEY, SETTING_VALUE, SETTINGS_BY_KEY
from optimiser.readers.validate_tables import did_you_mean
from optimiser.readers.workbook import RawCell, RawSheet, normalise

SET, SCALE, ADD = schema.SCENARIO_OPERATIONS
NUMERIC = (Kind.NUMBER, Kind.INTEGER, Kind.SHARE)
CONDITION_SEPARATOR, CONDITION_EQUALS = ";", "="
# A number as typed into a match ("2027", "0.5", "1e6"): no separators, signs of currency or
# percent, nor Python's "1_000", "nan" or "inf" that float() would take.
_PLAIN_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_OPERAND_ROLE = {SCALE: Told("told_scen_factor"), ADD: Told("told_scen_amount")}
_LISTED_VALUES = 8  # at most this many of a column's values are listed in a message


@dataclass(frozen=True)
class ScenarioCells:
    """Where the cells of one Scenarios row stand, for problems and warnings."""

    title: str  # the Scenarios sheet's title as written
    row: int
    letters: Mapping[str, str]  # Scenarios column name -> letter

    def ref(self, column: str) -> str:
        return f"{self.letters[column]}{self.row}"

    def at(self, column: str, label: str | None = None) -> At:
        return At(self.title, self.ref(column), column if label is None else label)


def scenario_cells(scenarios: RawSheet | None, origin: Origin) -> ScenarioCells:
    """The cells of the Scenarios row at `origin`; an absent column takes its template letter."""
    found = scenarios.columns if scenarios else {}
    letters = {
        column.name: found.get(normalise(column.name), get_column_letter(index))
        for index, column in enumerate(schema.SCENARIOS.columns, start=1)
    }
    return ScenarioCells(origin.sheet, origin.row or 0, letters)


@dataclass(frozen=True)
class Condition:
    """One `column=value` of a match."""

    key: str  # normalised header
    text: str  # "column=value" as written, trimmed, for messages
    kind: Kind | None  # how cells are compared; None: as text (a note column)
    wanted: object  # None: a blank cell; else a float, a bool or normalised text

    def holds(self, value: object) -> bool:
        if self.wanted is None or is_blank(value):
            return self.wanted is None and is_blank(value)
        if self.kind in NUMERIC:
            return is_number(value) and float(value) == self.wanted
        if self.kind is Kind.BOOLEAN:
            return _as_boolean(value) is self.wanted
        return normalise(value) == self.wanted


@dataclass(frozen=True)
class Target:
    """A Scenarios row resolved against its sheet."""

    row: ScenarioRow
    sheet: schema.Sheet
    key: str  # normalised header of the column to change
    header: str  # its header as written, or its canonical name if the sheet lacks it
    default: object  # what a blank cell of the column means (scale/add work on it)
    conditions: tuple[Condition, ...]
    operand: object  # set: the value as found (None: blank); scale/add: the number
    setting: Setting | None = None  # Settings only: the setting the match names

    def selects(self, cells: Mapping[str, RawCell]) -> bool:
        return all(c.holds(cell_value(cells.get(c.key))) for c in self.conditions)


def resolve(
    row: ScenarioRow, headers: Mapping[str, str] | None, criteria: Sequence[str],
    cells: ScenarioCells,
) -> Target | list[Problem]:
    """Check `row` against its sheet, whose headers (normalised -> as written) are `headers`,
    None if the workbook lacks the sheet. `criteria` are the Criteria sheet's names."""
    sheet = _SHEETS[row.sheet]
    if sheet is schema.SETTINGS:
        return _setting_target(row, headers, cells)
    problems: list[Problem] = []
    if headers is None:
        problems.append(cells.at(TARGET_SHEET, "").problem(
            row.sheet, Told("told_scen_no_sheet", sheet=row.sheet)))
        headers = {}
    declared = _declared(sheet, headers, criteria)
    conditions = _conditions(row, headers, declared, cells, problems)
    column = _column(row, headers, declared, cells, problems)
    operand = _operand(row, column, cells, problems)
    if problems:
        return problems
    key = normalise(column.name)
    return Target(row, sheet, key, headers.get(key, column.name), blank_value(column),
                  conditions, operand)


_SHEETS = {sheet.name: sheet for sheet in schema.INPUT_SHEETS}


def _declared(sheet: schema.Sheet, headers: Mapping[str, str], criteria: Sequence[str]):
    """Normalised name -> Column, for every column the sheet may have (criteria on Countries)."""
    declared = {normalise(column.name): column for column in sheet.columns}
    if sheet is schema.COUNTRIES:
        for name in criteria:
            key = normalise(name)
            declared.setdefault(key, replace(schema.CRITERION_SCORE, name=headers.get(key, name)))
    return declared


def _column(
    row: ScenarioRow, headers: Mapping[str, str], declared: Mapping[str, Column],
    cells: ScenarioCells, problems: list[Problem],
) -> Column | None:
    """The column to change; scale and add need a numeric one."""
    at = cells.at(TARGET_COLUMN)
    column = declared.get(normalise(row.column))
    names = [c.name for c in declared.values()]
    if column is None:
        hint = did_you_mean(row.column, names) or Told("told_scen_one_of",
                                                       names=", ".join(names))
        what = "told_scen_note_column" if normalise(row.column) in headers else "told_no_column"
        problems.append(at.problem(row.column, Told(what, sheet=row.sheet, hint=hint)))
        return None
    if row.operation != SET and column.kind not in NUMERIC:
        numeric = [c.name for c in declared.values() if c.kind in NUMERIC]
        problems.append(at.problem(row.column, Told(
            "told_scen_not_numeric", kind=column.kind.value, operation=row.operation,
            sheet=row.sheet, numeric=", ".join(numeric))))
        return None
    return column


def _conditions(
    row: ScenarioRow, headers: Mapping[str, str], declared: Mapping[str, Column],
    cells: ScenarioCells, problems: list[Problem],
) -> tuple[Condition, ...]:
    """The match's conditions; each must name a column the sheet has and fit its kind."""
    if row.match is None:
        return ()
    at = cells.at(MATCH)
    parts = [part.strip() for part in row.match.split(CONDITION_SEPARATOR) if part.strip()]
    if not parts:
        problems.append(at.problem(row.match, Told("told_scen_no_condition", form=_MATCH_FORM)))
    conditions = []
    for part in parts:
        name, equals, text = (item.strip() for item in part.partition(CONDITION_EQUALS))
        if not (equals and name):
            problems.append(at.problem(row.match, Told("told_scen_not_condition", part=part,
                                                       form=_MATCH_FORM)))
        elif normalise(name) not in headers and headers:
            problems.append(at.problem(row.match, Told(
                "told_scen_no_such_column", name=name, sheet=row.sheet,
                hint=did_you_mean(name, headers.values()))))
        else:
            column = declared.get(normalise(name))
            condition = _condition(normalise(name), part, column.kind if column else None, text)
            if isinstance(condition, str):
                problems.append(at.problem(row.match, Told("told_scen_condition", part=part,
                                                           what=condition)))
            else:
                conditions.append(condition)
    return tuple(conditions)


_MATCH_FORM = Told("told_scen_match_form", separator=CONDITION_SEPARATOR)


def _condition(key: str, part: str, kind: Kind | None, text: str) -> Condition | Told:
    """The condition, or what is wrong with its value."""
    if not text:
        return Condition(key, part, kind, None)
    if kind in NUMERIC:
        if not _PLAIN_NUMBER.match(text) or not math.isfinite(float(text)):
            return Told("told_scen_plain_number")
        return Condition(key, part, kind, float(text))
    if kind is Kind.BOOLEAN:
        if text.casefold() not in BOOLEAN_TEXT:
            return Told("told_scen_boolean", what=EXPECTED[Kind.BOOLEAN])
        return Condition(key, part, kind, BOOLEAN_TEXT[text.casefold()])
    return Condition(key, part, kind, normalise(text))


def _operand(
    row: ScenarioRow, kind_of: Column | Setting | None, cells: ScenarioCells,
    problems: list[Problem],
) -> object:
    """set: the value as found, once it reads as the column's kind (None: unknown column, not
    checked); scale/add: the number."""
    if row.operation == SET:
        if kind_of is None:
            return None
        name = kind_of.key if isinstance(kind_of, Setting) else kind_of.name
        at = cells.at(VALUE, Told("told_scen_value_for", name=name))
        read = (read_setting(row.value, kind_of, at) if isinstance(kind_of, Setting)
                else read_column(row.value, kind_of, at))
        if isinstance(read, Problem):
            problems.append(read)
        return row.value
    if is_blank(row.value):
        problems.append(cells.at(VALUE).problem(None, Told(
            "told_scen_blank_operand", operation=row.operation,
            role=_OPERAND_ROLE[row.operation])))
        return None
    number = read_value(row.value, Kind.NUMBER,
                        cells.at(VALUE, Told("told_scen_value_for", name=row.operation)))
    if isinstance(number, Problem):
        problems.append(number)
        return None
    return number


def _setting_target(
    row: ScenarioRow, headers: Mapping[str, str] | None, cells: ScenarioCells
) -> Target | list[Problem]:
    """Settings rows: match `key=NAME` names a known setting; the column is `value`."""
    problems: list[Problem] = []
    setting = _named_setting(row, cells, problems)
    value_key = normalise(SETTING_VALUE.name)
    if normalise(row.column) != value_key:
        named = SETTINGS_BY_KEY.get(row.column.casefold())
        hint = Told("told_scen_setting_hint", setting=named.key, key_column=SETTING_KEY.name,
                    equals=CONDITION_EQUALS, value_column=SETTING_VALUE.name) if named else ""
        problems.append(cells.at(TARGET_COLUMN).problem(row.column, Told(
            "told_scen_value_column", value_column=SETTING_VALUE.name, sheet=row.sheet,
            hint=hint)))
    if setting is not None and row.operation != SET and setting.kind not in NUMERIC:
        numeric = [s.key for s in schema.SETTING_KEYS if s.kind in NUMERIC]
        problems.append(cells.at(MATCH).problem(row.match, Told(
            "told_scen_setting_not_numeric", setting=setting.key, kind=setting.kind.value,
            operation=row.operation, numeric=", ".join(numeric))))
    operand = _operand(row, setting, cells, problems)
    if problems:
        return problems
    condition = Condition(normalise(SETTING_KEY.name), row.match, Kind.NAME, normalise(setting.key))
    header = (headers or {}).get(value_key, SETTING_VALUE.name)
    return Target(row, schema.SETTINGS, value_key, header, setting.default, (condition,), operand,
                  setting)


def _named_setting(row: ScenarioRow, cells: ScenarioCells, problems: list[Problem]):
    at = cells.at(MATCH)
    parts = [part for part in (row.match or "").split(CONDITION_SEPARATOR) if part.strip()]
    name, equals, text = (item.strip() for item in "".join(parts[:1]).partition(CONDITION_EQUALS))
    example = schema.SETTING_KEYS[2].key
    if len(parts) != 1 or not equals or normalise(name) != normalise(SETTING_KEY.name) or not text:
        problems.append(at.problem(row.match, Told(
            "told_scen_setting_match", key_column=SETTING_KEY.name, equals=CONDITION_EQUALS,
            sheet=row.sheet, example=example)))
        return None
    setting = SETTINGS_BY_KEY.get(text.casefold())
    if setting is None:
        known = [known.key for known in schema.SETTING_KEYS]
        problems.append(at.problem(row.match, Told("told_unknown_setting", setting=text,
                                                   hint=did_you_mean(text, known))))
    return setting


def unmatched(target: Target, rows: Sequence[Mapping[str, RawCell]], cells: ScenarioCells,
              title: str) -> Problem:
    """Why the target's match selects no row: the first condition no row meets, with hints."""
    row = target.row
    if not target.conditions:
        return cells.at(TARGET_SHEET, "").problem(row.sheet, Told("told_scen_no_rows",
                                                                  sheet=title))
    at = cells.at(MATCH)
    for condition in target.conditions:
        values = [cell_value(found.get(condition.key)) for found in rows]
        if not any(condition.holds(value) for value in values):
            return at.problem(row.match, Told("told_scen_no_row_has", sheet=title,
                                              condition=condition.text,
                                              hint=_values_hint(condition, values)))
    return at.problem(row.match, Told("told_scen_no_row_all", sheet=title))


def _values_hint(condition: Condition, values: Sequence[object]) -> Told | str:
    texts = list(dict.fromkeys(_text(value) for value in values if not is_blank(value)))
    if condition.kind not in (*NUMERIC, Kind.BOOLEAN) and condition.wanted is not None:
        wanted = condition.text.partition(CONDITION_EQUALS)[2].strip()
        hint = did_you_mean(wanted, texts)
        if hint:
            return hint
    listed = ", ".join(texts[:_LISTED_VALUES]) + (", ..." if len(texts) > _LISTED_VALUES else "")
    return Told("told_scen_it_has", listed=listed) if texts else Told("told_scen_all_blank")


def _text(value: object) -> str:
    shown_value = shown(value)
    if isinstance(shown_value, float):
        return number_text(shown_value)
    return str(shown_value).strip() if isinstance(shown_value, str) else str(shown_value)


def cell_value(cell: RawCell | None) -> object:
    return None if cell is None else cell.value


def is_number(value: object) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))


def _as_boolean(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if is_number(value) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        return BOOLEAN_TEXT.get(value.strip().casefold())
    return None
