"""The result workbook (SPEC §4): every input sheet unchanged, plus result sheets.

Sheet order: Summary first (a front page), then Allocation and the tables
by country, instrument, theme and source, the binding rules, and Run info;
the input sheets follow as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from optimiser import schema, tables
from optimiser.excel import (
    SECTION_FONT,
    atomic_save,
    finish_table_sheet,
    fit_widths,
    key_value_rows,
    put,
    replace_sheet,
    write_table,
)
from optimiser.results import AllocationResult

BY_COUNTRY = "By country"
BY_INSTRUMENT = "By instrument"
BY_THEME = "By theme"
ENVELOPE_USE = "Envelope use"
BINDING = "Binding limits"
RUN_INFO = "Run info"
RESULT_SHEETS = (schema.SUMMARY, schema.ALLOCATION, BY_COUNTRY, BY_INSTRUMENT, BY_THEME,
                 ENVELOPE_USE, BINDING, RUN_INFO)
MACRO_SUFFIX = ".xlsm"


@dataclass(frozen=True)
class RunInfo:
    """Facts about the run for the Run info sheet and the terminal."""

    input_name: str
    input_sha256: str
    started: str  # ISO time
    versions: dict[str, str]
    warnings: tuple[str, ...] = ()


def summary_pairs(result: AllocationResult, info: RunInfo) -> list[tuple[str, object]]:
    """The Summary key/value rows: SPEC §4's keys first, then the project's."""
    pairs: list[tuple[str, object]] = [
        ("status", result.status),
        ("impact", result.impact),
        ("total_eur", result.total_eur),
        ("gap", result.gap if result.gap is not None else 0.0),
    ]
    if result.bound is not None and result.status != "optimal":
        pairs.append(("best_possible_impact", result.bound))
    split = tables.oda_split(result.data, result.allocation)
    for row in split.itertuples(index=False):
        pairs.append((f"total_eur_{row.year}", row.total_eur))
    pairs += [
        ("oda_eur", float(split["oda_eur"].sum())),
        ("non_oda_eur", float(split["non_oda_eur"].sum())),
        ("envelope_eur", float(split["envelope_eur"].sum())),
        ("input", info.input_name),
    ]
    pairs += [(f"warning_{n}", text) for n, text in
              enumerate((*info.warnings, *result.notes), start=1)]
    return pairs


def _write_summary(book, result: AllocationResult, info: RunInfo) -> None:
    sheet = replace_sheet(book, schema.SUMMARY, 0)
    pairs = key_value_rows(summary_pairs(result, info))
    write_table(sheet, pairs, formats={"value": "#,##0.######"})
    for row in range(2, len(pairs) + 2):
        key = sheet.cell(row=row, column=1).value
        value_cell = sheet.cell(row=row, column=2)
        if key.endswith("_eur") or key.startswith("total_eur"):
            value_cell.number_format = "#,##0"
        elif key == "gap":
            value_cell.number_format = "0.000%"
        elif key in ("impact", "best_possible_impact"):
            value_cell.number_format = "#,##0"
    left = 4  # front-page tables stand right of the key/value table
    put(sheet, 1, left, "Totals per year (EUR)").font = SECTION_FONT
    end, _ = write_table(sheet, tables.oda_split(result.data, result.allocation), 2, left)
    put(sheet, end + 2, left, "Envelope use per source and year (EUR)").font = SECTION_FONT
    write_table(sheet, tables.envelope_use(result.data, result.allocation), end + 3, left)
    sheet.freeze_panes = "A2"
    fit_widths(sheet)


def _write_table_sheet(book, title: str, table: pd.DataFrame, index: int) -> None:
    sheet = replace_sheet(book, title, index)
    write_table(sheet, table)
    finish_table_sheet(sheet, table)


def _run_info_table(result: AllocationResult, info: RunInfo) -> pd.DataFrame:
    settings = result.data.settings
    pairs: list[tuple[str, object]] = [
        ("input_file", info.input_name), ("input_sha256", info.input_sha256),
        ("run_started", info.started),
    ]
    pairs += [(f"version_{name}", version) for name, version in info.versions.items()]
    pairs += [
        ("status", result.status), ("gap", result.gap),
        ("mip_gap_setting", settings.mip_gap), ("time_limit_s_setting", settings.time_limit_s),
        ("columns", result.size.get("columns")), ("rows", result.size.get("rows")),
        ("binaries", result.size.get("binaries")),
        ("shadow_prices_from", result.dual_basis),
        ("tie_break", "impact held, then steadiest country totals year to year, then "
                      "sources and pairs in sheet order (see docs/model.md)"),
    ]
    pairs += [(f"seconds_{phase}", round(s, 3)) for phase, s in result.timings.items()]
    return key_value_rows(pairs)


def write_result_workbook(
    input_path: Path, result: AllocationResult, output_path: Path, info: RunInfo
) -> None:
    """Copy the input workbook, add the result sheets, save atomically to `output_path`."""
    macros = Path(input_path).suffix.lower() == MACRO_SUFFIX
    book = load_workbook(input_path, keep_vba=macros, keep_links=True)
    _write_summary(book, result, info)
    data = result.data
    sheets = [
        (schema.ALLOCATION, result.allocation),
        (BY_COUNTRY, tables.by_country(data, result.allocation)),
        (BY_INSTRUMENT, tables.by_instrument(data, result.allocation)),
        (BY_THEME, tables.by_theme(data, result.allocation)),
        (ENVELOPE_USE, tables.envelope_use(data, result.allocation)),
        (BINDING, result.binding),
    ]
    for index, (title, table) in enumerate(sheets, start=1):
        _write_table_sheet(book, title, table, index)
    _write_table_sheet(book, RUN_INFO, _run_info_table(result, info), len(sheets) + 1)
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == schema.SUMMARY
    atomic_save(book, output_path)
