"""The table sheets of a template workbook: headers, comments, dropdowns, formats.

`optimiser.writers.template` decides what goes into the workbook; this module lays out
one sheet. Explanations go into header comments and extra columns, never into
rows: the reader takes every row below the header as a record (SPEC §1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from optimiser.readers import schema
from optimiser.readers.schema import Column, Kind, Setting, Sheet

# Rows below the header that get dropdowns, checks and formats in advance.
PREPARED_ROWS = 1000
# Extra column of the Settings sheet that explains each key (ignored by the tool).
MEANING = "meaning"

# Sheets whose name columns other sheets refer to; each such column becomes a
# workbook-level name range (`country_list`, ...) that feeds the dropdowns.
LIST_SHEETS = (schema.COUNTRIES, schema.INSTRUMENTS, schema.SOURCES)
LIST_SUFFIX = "_list"

# Excel's limits on data-validation texts.
_PROMPT_TITLE_MAX = 32
_MESSAGE_MAX = 225

_KIND_HINTS = {
    Kind.NUMBER: "number",
    Kind.INTEGER: "whole number",
    Kind.BOOLEAN: "TRUE or FALSE",
    Kind.SHARE: "share from 0 to 1, shown as %",
    Kind.NAME: "name, case-insensitive",
}
_NAMES_PROMPT = (
    "Pick a name, type EACH for one constraint per member, or type several names "
    "separated by commas (Excel then asks to confirm). Blank = all together."
)


class Role(Enum):
    """What a column is to the tool; decides the header colour."""

    REQUIRED = "required"  # a contract column the sheet must have
    OPTIONAL = "optional"  # a contract column the sheet may leave out
    NOTE = "note"  # unknown to the tool: kept, ignored


_HEADER_FILLS = {
    Role.REQUIRED: PatternFill("solid", fgColor="1F4E78"),
    Role.OPTIONAL: PatternFill("solid", fgColor="BDD7EE"),
    Role.NOTE: PatternFill("solid", fgColor="E7E6E6"),
}
_HEADER_FONTS = {
    Role.REQUIRED: Font(bold=True, color="FFFFFF"),
    Role.OPTIONAL: Font(bold=True),
    Role.NOTE: Font(bold=True, italic=True, color="595959"),
}


@dataclass(frozen=True)
class Field:
    """One column of a written sheet: a contract column, a criterion score or a note."""

    name: str
    role: Role
    comment: str
    kind: Kind | None = None  # None: a note column, written as given
    minimum: float | None = None
    positive: bool = False


def contract_field(column: Column) -> Field:
    role = Role.REQUIRED if column.required else Role.OPTIONAL
    hint = _KIND_HINTS.get(column.kind)
    extra = [hint] if hint else []
    if not column.required:
        extra.append("optional column")
    comment = f"{column.help} [{'; '.join(extra)}]" if extra else column.help
    return Field(column.name, role, comment, column.kind, column.minimum, column.positive)


def criterion_field(name: str) -> Field:
    score = schema.CRITERION_SCORE
    comment = (
        f"{score.help} This column is a criterion: its name stands in the "
        f"{schema.CRITERIA.name} sheet, which gives its weight."
    )
    return Field(name, Role.REQUIRED, comment, score.kind, score.minimum, score.positive)


def note_field(name: str, help_text: str = "") -> Field:
    comment = help_text or "Note column: kept in the workbook, ignored by the tool."
    return Field(name, Role.NOTE, comment)


def settings_meaning(setting: Setting) -> str:
    """The text of the `meaning` column for one setting."""
    if setting.default is None:
        return setting.help
    default = setting.default
    shown = f"{default:g}" if isinstance(default, float) else str(default)
    return f"{setting.help} Default: {shown}."


def write_table(
    sheet: Worksheet, fields: Sequence[Field], rows: Sequence[Sequence[object]]
) -> None:
    """Write the header and rows, then style, format and check every column."""
    sheet.append([field.name for field in fields])
    for number, row in enumerate(rows, start=2):
        if len(row) > len(fields):
            raise ValueError(
                f"{sheet.title} row {number}: {len(row)} values for {len(fields)} columns "
                f"({', '.join(field.name for field in fields)})"
            )
        sheet.append(list(row) + [None] * (len(fields) - len(row)))
    last_row = max(PREPARED_ROWS, len(rows)) + 1
    for index, field in enumerate(fields, start=1):
        _style_column(sheet, index, field, rows)
        check = column_check(sheet.title, field)
        if check is not None:
            check.add(f"{_letter(index)}2:{_letter(index)}{last_row}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_letter(len(fields))}{len(rows) + 1}"


def format_settings_values(sheet: Worksheet, keys: Sequence[object], value_column: int) -> None:
    """Give each Settings value cell the format and check of its key."""
    settings = {setting.key.casefold(): setting for setting in schema.SETTING_KEYS}
    for row, key in enumerate(keys, start=2):
        setting = settings.get(str(key).strip().casefold())
        if setting is None:
            continue
        cell = sheet.cell(row=row, column=value_column)
        cell.number_format = schema.number_format(setting.key, setting.kind) or "General"
        check = _setting_check(setting)
        if check is not None:
            check.add(cell.coordinate)
            sheet.add_data_validation(check)


def define_lists(book: Workbook) -> None:
    """Name the ranges of the name columns that other sheets pick from."""
    for name, (sheet, index) in _list_columns().items():
        letter = _letter(index + 1)
        target = f"{quote_sheetname(sheet.name)}!${letter}$2:${letter}${PREPARED_ROWS + 1}"
        book.defined_names[name + LIST_SUFFIX] = DefinedName(
            name + LIST_SUFFIX, attr_text=target
        )


def column_check(sheet_name: str, field: Field) -> DataValidation | None:
    """The data validation of a column: a dropdown, a number check or None."""
    if field.kind is None:
        return None
    choices = schema.CHOICES.get((sheet_name, field.name))
    if choices is not None:
        return _dropdown(_literal_list(choices), field, prompt=field.kind is Kind.SHARE_OF)
    if field.kind is Kind.BOOLEAN:
        return _dropdown(_literal_list(("TRUE", "FALSE")), field)
    if field.kind in (Kind.NAME, Kind.NAMES):
        return _reference_check(sheet_name, field)
    if field.kind is Kind.YEARS:
        return _prompt_only(field)
    return _number_check(field.kind, field.minimum, field.positive, field.comment)


def _reference_check(sheet_name: str, field: Field) -> DataValidation | None:
    defining = _list_columns().get(field.name)
    if defining is None or defining[0].name == sheet_name:
        return None
    many = field.kind is Kind.NAMES
    return _dropdown(field.name + LIST_SUFFIX, field, prompt=many)


def _setting_check(setting: Setting) -> DataValidation | None:
    if setting.kind is Kind.NAME:
        for name in _list_columns():
            if setting.key.endswith(f"_{name}"):  # protection_theme picks a theme
                return _dropdown(name + LIST_SUFFIX, note_field(setting.key, setting.help))
        return None
    return _number_check(setting.kind, setting.minimum, setting.positive, setting.help)


def _dropdown(formula: str, field: Field, *, prompt: bool = False) -> DataValidation:
    # Warning style: the tool reads more than a dropdown can offer (yes/ja/1,
    # EACH, comma lists, any letter case) and its own checks are thorough.
    check = DataValidation(
        type="list", formula1=formula, allow_blank=True, errorStyle="warning",
        showErrorMessage=True, errorTitle="Not in the list",
        error=_clip(f"{field.name}: {field.comment}"),
    )
    if prompt:
        _set_prompt(check, field.name, _NAMES_PROMPT if field.kind is Kind.NAMES else field.comment)
    return check


def _number_check(
    kind: Kind, minimum: float | None, positive: bool, help_text: str
) -> DataValidation | None:
    # Stop style: a text that looks like a number ("1.000.000") is an error to
    # the tool (SPEC §1), so refuse it while typing.
    if kind is Kind.SHARE:
        bounds = {"operator": "between", "formula1": "0", "formula2": "1"}
    elif kind not in (Kind.NUMBER, Kind.INTEGER):
        return None
    elif positive:
        bounds = {"operator": "greaterThan", "formula1": "0"}
    else:
        bounds = {"operator": "greaterThanOrEqual", "formula1": f"{minimum or 0:g}"}
    return DataValidation(
        type="whole" if kind is Kind.INTEGER else "decimal", allow_blank=True,
        errorStyle="stop", showErrorMessage=True, errorTitle="Not a valid number",
        error=_clip(f"Enter a number, not text. {help_text}"), **bounds,
    )


def _prompt_only(field: Field) -> DataValidation:
    check = DataValidation(allow_blank=True)
    _set_prompt(check, field.name, field.comment)
    return check


def _set_prompt(check: DataValidation, title: str, text: str) -> None:
    check.showInputMessage = True
    check.promptTitle = title[:_PROMPT_TITLE_MAX]
    check.prompt = _clip(text)


def _style_column(
    sheet: Worksheet, index: int, field: Field, rows: Sequence[Sequence[object]]
) -> None:
    header = sheet.cell(row=1, column=index)
    header.font = _HEADER_FONTS[field.role]
    header.fill = _HEADER_FILLS[field.role]
    header.alignment = Alignment(vertical="top")
    header.comment = Comment(field.comment, "allocate", width=320, height=90)
    letter = _letter(index)
    number_format = schema.number_format(field.name, field.kind) if field.kind else None
    if number_format:
        sheet.column_dimensions[letter].number_format = number_format
        for row in range(2, len(rows) + 2):
            sheet.cell(row=row, column=index).number_format = number_format
    sheet.column_dimensions[letter].width = _width(field, index, rows)


def _width(field: Field, index: int, rows: Sequence[Sequence[object]]) -> float:
    longest = max(
        (len(_shown(row[index - 1])) for row in rows if len(row) >= index), default=0
    )
    # Room for the autofilter arrow; long notes are cut rather than widening forever.
    return float(min(max(len(field.name) + 4, longest + 2, 10), 60))


def _shown(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return "FALSE" if value is False else ("TRUE" if value else "")
    if isinstance(value, int | float):
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"
    return str(value)


def _list_columns() -> dict[str, tuple[Sheet, int]]:
    """Column name -> (defining sheet, column index) for every pickable name column."""
    lists: dict[str, tuple[Sheet, int]] = {}
    for sheet in LIST_SHEETS:
        for index, column in enumerate(sheet.columns):
            if column.kind is Kind.NAME:
                lists.setdefault(column.name, (sheet, index))
    return lists


def _literal_list(values: Sequence[str]) -> str:
    return '"' + ",".join(values) + '"'


def _clip(text: str) -> str:
    return text if len(text) <= _MESSAGE_MAX else text[: _MESSAGE_MAX - 1] + "…"


def _letter(index: int) -> str:
    return get_column_letter(index)


def extra_fields(
    sheet: Sheet, extras: Mapping[str, str], criteria: set[str]
) -> list[Field]:
    """Fields of the extra columns: criterion scores on Countries, else notes."""
    fields = []
    for name, help_text in extras.items():
        is_criterion = sheet is schema.COUNTRIES and name.strip().casefold() in criteria
        fields.append(criterion_field(name) if is_criterion else note_field(name, help_text))
    return fields
