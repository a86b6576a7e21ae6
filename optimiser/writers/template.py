"""Write input workbooks a person can fill in (SPEC §1), and find the shipped example.

`write_template(path)` writes every input sheet with its header, a comment
on each header cell saying what the column means, dropdowns, number checks
and formats, and a README sheet in front that explains the workflow. Given
`rows`, it fills the sheets too: that is how `scripts/build_example.py`
builds the example. The README sheet and the extra columns are unknown to
the reader, which ignores them; the written workbook is an ordinary input.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from models.data import DEFAULT_TIERS
from optimiser.readers import schema
from optimiser.readers.schema import Sheet
from optimiser.writers.excel import atomic_write
from optimiser.writers.template_nl import to_dutch
from optimiser.writers.template_sheets import (
    MEANING,
    Field,
    contract_field,
    define_lists,
    extra_fields,
    format_settings_values,
    note_field,
    settings_meaning,
    write_table,
)

README = "README"
EXAMPLES_PACKAGE = "optimiser.examples"
EXAMPLE_NAME = "example.xlsx"
# In a source checkout `optimiser.examples` is not importable (pyproject maps
# it onto inputs/ only when the package is installed).
_SOURCE_EXAMPLES = Path(__file__).resolve().parents[2] / "inputs"

Rows = Mapping[str, Sequence[Sequence[object]]]
# An empty Returns sheet is an error (SPEC §1), so a blank template holds the
# tier that stands for "no diminishing returns", as if the sheet were absent.
_DEFAULT_RETURNS = [[tier.from_share, tier.to_share, tier.multiplier] for tier in DEFAULT_TIERS]
# Per sheet, the extra column names in order; a mapping also gives each a
# one-line explanation for its header comment.
ExtraColumns = Mapping[str, Sequence[str] | Mapping[str, str]]

_TITLE_FONT = Font(bold=True, size=14)
_HEADING_FONT = Font(bold=True, size=12)
_NOTICE_FONT = Font(bold=True, color="C00000")


def write_template(
    path: str | os.PathLike[str],
    rows: Rows | None = None,
    *,
    extra_columns: ExtraColumns | None = None,
    notice: Sequence[str] = (),
    lang: str = "en",
) -> Path:
    """Write an input workbook with every sheet of SPEC §1 and a README sheet first.

    `rows` maps a canonical sheet name (`schema.COUNTRIES.name`, ...) to its
    records; each record lists the values of the sheet's schema columns in
    schema order, then those of its `extra_columns`, and may stop early
    (the rest is blank). Extra columns are kept as notes, except that on
    the Countries sheet a column named in the Criteria rows is a criterion
    score. The Settings sheet always lists every setting key with its
    meaning (the `meaning` column, written after `value`); Settings records
    are `[key, value, *extras]` and are matched to the keys by name.
    Without Returns rows, the Returns sheet holds the single tier [0, 1] with
    multiplier 1 (the same as no sheet). `notice` lines stand in red at the
    top of the README sheet. `lang` "nl" gives the input sheets, headers and
    Settings keys their Dutch names (SPEC §5.4).

    The file is written to a temporary file next to `path` and then moved
    into place, so a failed write never leaves half a workbook behind.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f"a template is an .xlsx file, not {target.name!r}")
    rows = {schema.RETURNS.name: _DEFAULT_RETURNS, **(rows or {})}
    extras = {name: _as_help(columns) for name, columns in (extra_columns or {}).items()}
    _check_sheet_names([*rows, *extras])
    criteria = {str(row[0]).strip().casefold() for row in rows.get(schema.CRITERIA.name, ())
                if row and row[0] is not None}
    book = Workbook()
    _write_readme(book.active, notice)
    for sheet in schema.INPUT_SHEETS:
        fields = [contract_field(column) for column in sheet.columns]
        if sheet is schema.SETTINGS:
            fields.append(note_field(MEANING, "What the setting does and its default."))
        fields += extra_fields(sheet, extras.get(sheet.name, {}), criteria)
        _write_sheet(book.create_sheet(sheet.name), sheet, fields, rows.get(sheet.name, ()))
    define_lists(book)
    if lang == "nl":
        to_dutch(book)
    atomic_write(target, book.save)
    return target


def example_path() -> Path:
    """The example workbook shipped with the tool."""
    try:
        return Path(str(resources.files(EXAMPLES_PACKAGE) / EXAMPLE_NAME))
    except ModuleNotFoundError:
        return _SOURCE_EXAMPLES / EXAMPLE_NAME


def write_example(path: str | os.PathLike[str]) -> Path:
    """Copy the shipped example workbook to `path` (atomically) and return the path."""
    source, target = example_path(), Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"the example workbook is missing: {source}")
    atomic_write(target, lambda temporary: shutil.copyfile(source, temporary))
    return target


def _write_sheet(
    sheet: Worksheet, declared: Sheet, fields: list[Field], records: Sequence[Sequence[object]]
) -> None:
    if declared is schema.SETTINGS:
        records = _settings_records(records)
    write_table(sheet, fields, records)
    if declared is schema.SETTINGS:
        # key, value: the value is the last contract column.
        format_settings_values(sheet, [record[0] for record in records], len(declared.columns))


def _settings_records(given: Sequence[Sequence[object]]) -> list[list[object]]:
    """Every setting key in schema order, with the given values; unknown keys after."""
    remaining = [list(row) for row in given]
    records = []
    for setting in schema.SETTING_KEYS:
        match = next((row for row in remaining if _names_key(row, setting.key)), None)
        if match is not None:
            remaining.remove(match)
        key, value, *notes = _pad(match if match is not None else [setting.key], 2)
        records.append([key, value, settings_meaning(setting), *notes])
    for row in remaining:
        key, value, *notes = _pad(row, 2)
        records.append([key, value, None, *notes])
    return records


def _pad(row: Sequence[object], length: int) -> list[object]:
    return list(row) + [None] * (length - len(row))


def _names_key(row: Sequence[object], key: str) -> bool:
    return bool(row) and str(row[0]).strip().casefold() == key.casefold()


def _as_help(columns: Sequence[str] | Mapping[str, str]) -> dict[str, str]:
    if isinstance(columns, Mapping):
        return dict(columns)
    return dict.fromkeys(columns, "")


def _check_sheet_names(names: Sequence[str]) -> None:
    known = {sheet.name for sheet in schema.INPUT_SHEETS}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ValueError(f"unknown sheet(s) {unknown}; use the names of optimiser.readers.schema")


# --- README sheet -----------------------------------------------------------

def _write_readme(sheet: Worksheet, notice: Sequence[str]) -> None:
    sheet.title = README
    sheet.append(("allocate: input workbook",))
    sheet["A1"].font = _TITLE_FONT
    for text in notice:
        sheet.append((text,))
        sheet.cell(row=sheet.max_row, column=1).font = _NOTICE_FONT
    for block in (_WORKFLOW, _sheet_table(), _GOOD_TO_KNOW):
        sheet.append(())
        _append_block(sheet, block)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 11
    sheet.column_dimensions["C"].width = 100
    sheet.sheet_view.showGridLines = False


def _append_block(sheet: Worksheet, block: Sequence[tuple[str, ...]]) -> None:
    heading, *body = block
    sheet.append(heading)
    sheet.cell(row=sheet.max_row, column=1).font = _HEADING_FONT
    for line in body:
        sheet.append(line)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 3)


_WORKFLOW = (
    ("How to use this workbook",),
    ("1.", "Fill in", "Fill in the sheets listed below, one record per row under the "
     "header. Hover over a header to see what its column means; dropdowns offer the "
     "names defined on other sheets (a warning means the tool may still accept it)."),
    ("2.", "Check", "Run `allocate validate <this file>`: it lists every problem with "
     "its sheet, cell and value. Fix and repeat until it reports none."),
    ("3.", "Run", "Run `allocate run <this file>`: it solves the model and writes "
     "outputs/<file name>-allocation.xlsx (this file is not changed)."),
    ("4.", "Read", f"Open the result and start with its {schema.SUMMARY} sheet (status, "
     f"impact, total); the {schema.ALLOCATION} sheet lists every amount by year, country, "
     "instrument and source."),
)

_PURPOSE = {
    schema.SETTINGS.name: "Model settings, one key per row; a blank value takes the "
    "default given in the meaning column.",
    schema.CRITERIA.name: f"The criteria of a country's priority score and their weights. "
    f"Each criterion is a column of numbers on the {schema.COUNTRIES.name} sheet.",
    schema.COUNTRIES.name: "One row per country or regional line: ODA eligibility, "
    "absorption capacity per year, human-rights risk, and one column of scores per "
    "criterion, added after the given columns and headed with the criterion's name.",
    schema.INSTRUMENTS.name: "One row per instrument: its theme, the part that may be "
    "paid from ODA, effectiveness and the smallest sensible programme.",
    schema.SOURCES.name: "One row per funding source (budget line): ODA or not, and its "
    "budget chapter.",
    schema.ENVELOPES.name: "The money per year and source. Its years are the planning "
    "horizon. A minimum spending share can force spending.",
    schema.FIT.name: "How well an instrument suits a country (0 = not available there) "
    "and what the pair can absorb per year. Pairs without a row fit normally.",
    schema.RETURNS.name: "Diminishing returns: tiers of a pair's capacity, each with a "
    "value multiplier that does not increase from tier to tier.",
    schema.COMMITMENTS.name: "Money already committed; the allocation never goes below it.",
    schema.BASELINE.name: "Each country's total in the year before the horizon, for the "
    f"ramp rule (see the {schema.SETTINGS.name} sheet).",
    schema.LIMITS.name: "Bounds on sums over parts of the allocation: amounts or shares "
    "per country, instrument, theme, source or year.",
    schema.SCENARIOS.name: "What-if variants: each row changes one input column for a "
    "named scenario.",
}


def _sheet_table() -> tuple[tuple[str, ...], ...]:
    rows = [("Sheets",), ("Sheet", "Needed", "What it is for")]
    for sheet in schema.INPUT_SHEETS:
        rows.append((sheet.name, "required" if sheet.required else "optional",
                     _PURPOSE[sheet.name]))
    return tuple(rows)


_GOOD_TO_KNOW = (
    ("Good to know",),
    ("Notes", "", "Columns the tool does not know are kept and ignored: add your own "
     "(source, rationale, ...) next to the data. Grey headers mark such note columns; "
     "dark blue headers are required, light blue ones optional."),
    ("Rows", "", "Every row under the header is a record, and a row with only a note "
     "is a record with missing values: put notes in a note column, never on a row of "
     "their own. Completely empty rows are skipped."),
    ("Sheets", "", "Sheets the tool does not know, such as this README, are ignored. "
     "Optional sheets may be left empty or deleted, except that a "
     f"{schema.RETURNS.name} sheet needs at least one tier: the one it starts with "
     "means no diminishing returns."),
    ("Numbers", "", "Type numbers as numbers: text such as \"1.000.000\" is an error. "
     "Shares are numbers from 0 to 1 (15% is 0.15). Amounts are euros."),
    ("Names", "", f"Names and keywords ({schema.EACH}, {schema.ALL_YEARS}, {schema.TOTAL}) "
     "are matched without regard to letter case. Several names in one "
     f"{schema.LIMITS.name} cell are separated by commas."),
    ("Formulas", "", "Formulas are fine, but save the workbook in a spreadsheet "
     "application first: a formula without a calculated value is an error."),
)
