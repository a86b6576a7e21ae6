"""Open a workbook safely and extract its input sheets as raw tables.

Reading is two stages: `load_raw` turns the file into `RawWorkbook` (cells as
found, keyed by normalised header, each with its A1 ref), and
`optimiser.readers.validate` turns that into typed data. Scenarios change raw tables
and re-validate them exactly like a workbook.

Only the input sheets are read (others are ignored and kept by the writers).
Values come from one read-only openpyxl pass with cached formula results; a
cheap scan of the same XML (optimiser.readers.guard) finds what that pass
cannot see: formulas that were never calculated and merged cells.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, get_column_letter

from optimiser.errors import Problem, WorkbookInvalid
from optimiser.readers import guard, schema
from optimiser.readers.cells import Uncalculated, is_blank, number_text
from optimiser.readers.texts import Told

HEADER_SEARCH_ROWS = 10  # a header row placed lower than row 1 is looked for this far down


@dataclass(frozen=True, slots=True)
class RawCell:
    value: object  # as openpyxl gives it, or Uncalculated
    ref: str  # A1 ref on its sheet, "C4"


@dataclass(frozen=True)
class RawRow:
    row: int  # 1-based Excel row
    cells: Mapping[str, RawCell]  # normalised header -> cell; every headed column, notes too


@dataclass(frozen=True)
class RawSheet:
    title: str  # as in the workbook
    columns: Mapping[str, str]  # normalised header -> column letter (the first, if repeated)
    rows: tuple[RawRow, ...]  # non-empty rows below the header
    hidden: bool = False
    headers: tuple[tuple[str, str], ...] = ()  # (letter, header as written), in column order
    merged: tuple[str, ...] = ()  # merged ranges, "A2:A3"
    header_found_in: str | None = None  # ref of a header row found below row 1
    sum_rows: frozenset[int] = frozenset()  # rows with a formula that adds up cells (=SUM)
    hidden_rows: tuple[int, ...] = ()  # rows hidden by hand or by a filter (read all the same)


@dataclass(frozen=True)
class RawWorkbook:
    path: Path | None
    sheets: Mapping[str, RawSheet]  # sheet_key(title) -> input sheet
    sha256: str | None
    warnings: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # every sheet title in workbook order, input sheet or not
    problems: tuple[Problem, ...] = ()  # found while loading, reported with the others
    # (sheet key, A1 ref) -> why that cell differs from the file ("changed by scenario 'cut',
    # Scenarios row 5"); validation adds it to the place a problem names. Empty for a file.
    notes: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "workbook"


def normalise(text: object) -> str:
    """How headers and sheet titles are matched: trimmed, case-folded."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = number_text(float(text))
    return str(text).strip().casefold()


# Dutch names (SPEC §5.4) are read as the English ones: a sheet's key and a
# column's key are always the normalised English name.
_SHEET_NAMES = {normalise(name): normalise(sheet.name)
                for sheet in schema.INPUT_SHEETS for name in sheet.names}
_HEADER_NAMES = {
    normalise(sheet.name): {normalise(name): normalise(column.name)
                            for column in sheet.columns for name in column.names}
    for sheet in schema.INPUT_SHEETS
}


def sheet_key(title: object) -> str:
    """How sheet titles are matched: trimmed, case-folded, a Dutch name as the English one."""
    key = normalise(title)
    return _SHEET_NAMES.get(key, key)


def header_key(sheet: str, text: object) -> str:
    """How a header of input sheet `sheet` (a sheet key) is matched; Dutch as English."""
    key = normalise(text)
    return _HEADER_NAMES.get(sheet, {}).get(key, key)


INPUT_SHEETS = {sheet_key(sheet.name): sheet for sheet in schema.INPUT_SHEETS}


def load_raw(path: str | Path) -> RawWorkbook:
    """Read the input sheets of the workbook at `path`.

    Raises WorkbookInvalid for problems with the file as a whole (missing,
    not a workbook, encrypted, damaged, beyond the size limits).
    """
    path = Path(path)
    data = guard.read_file(path)
    guard.check_format(data, path.name)
    try:
        sheets, titles, problems = _read(data, path.name)
    except WorkbookInvalid:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged files; all mean "damaged"
        guard.fail(path.name, Told("told_file_broken", reason=f"{type(exc).__name__}: {exc}"))
    return RawWorkbook(
        path=path,
        sheets=sheets,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=_lock_warnings(path),
        titles=titles,
        problems=problems,
    )


def _read(data: bytes, name: str) -> tuple[dict[str, RawSheet], tuple[str, ...], tuple]:
    with guard.open_archive(data, name) as archive:
        parts = guard.sheet_parts(archive)
        chosen, problems = _input_parts(parts)
        scans = {part.title: guard.scan_sheet(archive, part, name) for part in chosen}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unsupported extensions etc.: irrelevant to the data
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    try:
        sheets = {
            sheet_key(part.title): _raw_sheet(book[part.title], part, scans[part.title], name)
            for part in chosen
        }
    finally:
        book.close()
    return sheets, tuple(part.title for part in parts), tuple(problems)


def _input_parts(parts: Iterable[guard.SheetPart]) -> tuple[list[guard.SheetPart], list[Problem]]:
    """The worksheets that are input sheets; a second sheet with the same key is a problem."""
    chosen: dict[str, guard.SheetPart] = {}
    problems = []
    for part in parts:
        key = sheet_key(part.title)
        if key not in INPUT_SHEETS:
            continue
        if key in chosen:
            problems.append(_twice(chosen[key].title, part.title))
        elif not part.worksheet or part.path is None:
            problems.append(Problem(part.title, None, None, Told(
                "told_chart_sheet", sheet=INPUT_SHEETS[key].name)))
        else:
            chosen[key] = part
    return list(chosen.values()), problems


def _twice(first: str, second: str) -> Problem:
    if normalise(first) != normalise(second):
        return Problem(second, None, None, Told("told_sheet_twice_lang", first=first,
                                                second=second))
    return Problem(second, None, None, Told("told_sheet_twice", first=first, second=second))


def _raw_sheet(worksheet, part: guard.SheetPart, scan: guard.SheetScan, name: str) -> RawSheet:
    worksheet.reset_dimensions()  # a wrong declared range would cut rows off
    headed: list[tuple[int, str, str]] = []  # (index, key, letter)
    headers: list[tuple[str, str]] = []
    top: list[tuple[int, tuple]] = []
    rows: list[RawRow] = []
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        _check_width(number, values, part.title, name)
        if number == 1:
            headers = _headers(values)
            key = sheet_key(part.title)
            headed = [(_index(letter), header_key(key, text), letter) for letter, text in headers]
            continue
        if number <= HEADER_SEARCH_ROWS:
            top.append((number, values))
        row = _raw_row(number, values, headed, scan.uncalculated)
        if row is not None:
            rows.append(row)
    columns: dict[str, str] = {}
    for _, key, letter in headed:
        columns.setdefault(key, letter)
    return RawSheet(
        title=part.title,
        columns=columns,
        rows=tuple(rows),
        hidden=part.hidden,
        headers=tuple(headers),
        merged=scan.merged,
        header_found_in=_header_below(INPUT_SHEETS[sheet_key(part.title)], columns, top),
        sum_rows=scan.sums,
        hidden_rows=scan.hidden_rows,
    )


def _check_width(number: int, values: tuple, title: str, name: str) -> None:
    if number > guard.MAX_SHEET_ROWS:
        guard.check_size(number, 0, title, name)
    if len(values) > guard.MAX_SHEET_COLUMNS:
        used = max((i for i, value in enumerate(values, start=1) if value is not None), default=0)
        guard.check_size(number, used, title, name)


def _index(letter: str) -> int:
    return column_index_from_string(letter) - 1


def _headers(values: tuple) -> list[tuple[str, str]]:
    """(letter, header text) of every column with a header in row 1."""
    return [
        (get_column_letter(index + 1), _header_text(value))
        for index, value in enumerate(values)
        if not is_blank(value) and not isinstance(value, bool)
    ]


def _header_text(value: object) -> str:
    if isinstance(value, int | float):
        return number_text(float(value))
    return str(value).strip()


def _raw_row(
    number: int, values: tuple, headed: list[tuple[int, str, str]], uncalculated: Mapping[str, str]
) -> RawRow | None:
    """The row's cells under every header, or None if all of them are empty."""
    cells: dict[str, RawCell] = {}
    filled = False
    for index, key, letter in headed:
        value = values[index] if index < len(values) else None
        ref = f"{letter}{number}"
        if value is None and ref in uncalculated:
            value = Uncalculated(uncalculated[ref])
        filled = filled or not is_blank(value)
        cells.setdefault(key, RawCell(value, ref))
    return RawRow(number, cells) if filled else None


def _header_below(
    sheet: schema.Sheet, columns: Mapping[str, str], top: list[tuple[int, tuple]]
) -> str | None:
    """The first cell of a row below row 1 that looks more like this sheet's header than row 1.

    It must hold every required column and more known columns than row 1 does.
    """
    known = {normalise(column.name) for column in sheet.columns}
    required = {normalise(column.name) for column in sheet.columns if column.required}
    in_row_1 = known & set(columns)
    if required <= in_row_1 and in_row_1:
        return None
    key = sheet_key(sheet.name)
    for number, values in top:
        texts = {header_key(key, value): i for i, value in enumerate(values)
                 if isinstance(value, str)}
        found = known & set(texts)
        if required <= found and len(found) > len(in_row_1):
            first = min(texts[key] for key in found)
            return f"{get_column_letter(first + 1)}{number}"
    return None


def lock_files(path: Path) -> tuple[str, ...]:
    """Names of the lock files beside `path` that say it is open in Excel or LibreOffice.

    Excel writes ~$name (for long names ~$ replaces the first two letters),
    LibreOffice .~lock.name#.
    """
    path = Path(path)
    names = dict.fromkeys((f"~${path.name}", f"~${path.name[2:]}", f".~lock.{path.name}#"))
    return tuple(lock for lock in names if (path.parent / lock).exists())


def _lock_warnings(path: Path) -> tuple[str, ...]:
    return tuple(Told("told_lock_file", lock=lock) for lock in lock_files(path))
