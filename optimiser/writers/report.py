"""The result workbook (SPEC §4): every input sheet unchanged, plus result sheets.

Sheet order: Summary (a front page), Allocation, By country, By instrument,
By theme, the country × instrument matrix for one year and for all years,
Envelope use, Binding limits, Why not, Priorities, Pair values, Run info; then the
input sheets as they were. `docs/result-workbook.md` describes each sheet.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.packaging.custom import StringProperty

from optimiser.errors import ErrorText, UsageError
from optimiser.readers import schema
from optimiser.results import tables
from optimiser.results.extract import AllocationResult
from optimiser.solve.solver import SolveOptions
from optimiser.writers import cached_values
from optimiser.writers.excel import atomic_write
from optimiser.writers.paths import MACRO_SUFFIX
from optimiser.writers.print_setup import print_ready
from optimiser.writers.report_charts import by_year_chart, envelope_chart
from optimiser.writers.report_sheets import (
    allocation_sheet,
    binding_sheet,
    by_year_sheet,
    envelope_sheet,
    matrix_notes,
    matrix_sheet,
    pair_values_sheet,
    priorities_sheet,
    run_info_sheet,
)
from optimiser.writers.report_summary import RunFacts, summary_pairs, write_summary
from optimiser.writers.report_why_not import why_not_sheet
from optimiser.writers.words import (
    DEFAULT_LANGUAGE,
    glossary_rows,
    localise,
    say,
    sheet_title,
    term,
)

BY_COUNTRY = "By country"
BY_INSTRUMENT = "By instrument"
BY_THEME = "By theme"
MATRIX_ALL = "Matrix all years"
ENVELOPE_USE = "Envelope use"
BINDING = "Binding limits"
WHY_NOT = "Why not"
PRIORITIES = "Priorities"
PAIR_VALUES = "Pair values"
RUN_INFO = "Run info"
# A custom document property lists the sheets a run wrote, so that a later run
# on this workbook replaces exactly those and never a user's sheet of the same name.
RESULTS_PROPERTY = "allocate_result_sheets"
RESULTS_SEPARATOR = "|"
# In every language, this property lists "English name=title" per result sheet, so a
# program finds Summary and Allocation (SPEC §4) in a Dutch workbook too.
KEYS_PROPERTY = "allocate_sheet_keys"
EXCEL_TITLE_MAX = 31
SETTING_OVERRIDES = {"mip_gap": "--mip-gap", "time_limit_s": "--time-limit",
                     "mip_solver": "--mip-solver"}


@dataclass(frozen=True)
class RunInfo:
    """Facts about the run for the Run info sheet and the terminal.

    `options` are the solver settings used (the workbook's Settings with any
    command-line overrides; None: the workbook's Settings); `timings` the
    seconds per phase before writing (empty: the result's own timings).
    """

    input_name: str
    input_sha256: str
    started: str  # ISO time
    versions: dict[str, str]
    warnings: tuple[str, ...] = ()
    options: SolveOptions | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase so far
    notes: tuple[str, ...] = ()  # about the input: absent optional columns, hidden rows
    lang: str = DEFAULT_LANGUAGE  # of the sheet names, headers and notes; figures are alike


def matrix_title(year: int) -> str:
    return f"Matrix {year}"


def result_sheet_names(matrix_year: int, lang: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The result sheets in the order they stand, Summary first, named in `lang`."""
    return tuple(_sheet_names(matrix_year, lang).values())


def _sheet_names(matrix_year: int, lang: str) -> dict[str, str]:
    """English name -> name in `lang`, in the order the sheets stand."""
    names = {name: sheet_title(name, lang) for name in (
        schema.SUMMARY, schema.ALLOCATION, BY_COUNTRY, BY_INSTRUMENT, BY_THEME)}
    names[matrix_title(matrix_year)] = say("sheet_matrix", lang, year=matrix_year)
    names.update({name: sheet_title(name, lang) for name in (
        MATRIX_ALL, ENVELOPE_USE, BINDING, WHY_NOT, PRIORITIES, PAIR_VALUES, RUN_INFO)})
    return names


def check_matrix_year(years: tuple[int, ...], year: int | None) -> None:
    """Refuse a --matrix-year outside the planning years (before any solving)."""
    if year is not None and year not in years:
        shown = ", ".join(str(y) for y in years)
        raise UsageError(ErrorText("matrix_year_unknown", year=year, shown=shown))


def run_info_rows(result: AllocationResult, info: RunInfo,
                  matrix_year: int, chosen: bool) -> list[tuple[str, object, str]]:
    """key, value, note: the input, the tools, the settings used, the outcome, the times."""
    words = partial(say, lang=info.lang)
    rows: list[tuple[str, object, str]] = [
        ("input_file", info.input_name, ""),
        ("input_sha256", info.input_sha256, words("info_sha")),
        ("run_started", info.started, words("info_local_time")),
    ]
    rows += [(f"version_{name}", version, "") for name, version in info.versions.items()]
    rows.append(("version_python", platform.python_version(), ""))
    rows += _setting_rows(result, info)
    size = words("info_size")
    rows += [
        ("matrix_year", matrix_year, "--matrix-year" if chosen else words("info_matrix_year")),
        ("status", result.status, words("info_status")),
        ("impact", result.impact, ""),
        ("gap", result.gap, words("info_gap")),
        ("best_possible_impact", result.bound, words("info_bound")),
        ("columns", result.size.get("columns"), size),
        ("rows", result.size.get("rows"), size),
        ("binaries", result.size.get("binaries"), words("info_binaries")),
        ("shadow_prices_from",
         term(result.dual_basis, info.lang) if result.has_duals else words("info_none"), ""),
        ("tie_break", words("info_tie_break"), words("info_see_model")),
    ]
    timings = info.timings or result.timings
    rows += [(f"seconds_{phase}", round(seconds, 3), words("info_phase"))
             for phase, seconds in timings.items()]
    rows += [(f"warning_{n}", localise(text, info.lang), "") for n, text in
             enumerate((*info.warnings, *result.notes), start=1)]
    rows += [(f"note_{n}", localise(text, info.lang), words("info_about_input"))
             for n, text in enumerate(info.notes, start=1)]
    return rows + [(key, text, "") for key, text in glossary_rows(info.lang)]


def _setting_rows(result: AllocationResult, info: RunInfo) -> list[tuple[str, object, str]]:
    settings = result.data.settings
    rows = []
    for setting in schema.SETTING_KEYS:
        key = setting.key
        value = getattr(settings, key)
        origin = settings.origins.get(key)
        note = (say("info_settings_row", info.lang, row=origin.row)
                if origin is not None and origin.row else say("info_default", info.lang))
        used = getattr(info.options, key, value) if info.options is not None else value
        if key in SETTING_OVERRIDES and used != value:
            value = used
            note = say("info_command_line", info.lang, option=SETTING_OVERRIDES[key])
        rows.append((f"setting_{key}", value, note))
    return rows


def write_result_workbook(
    input_path: Path,
    result: AllocationResult,
    output_path: Path,
    info: RunInfo,
    *,
    matrix_year: int | None = None,
) -> None:
    """Copy the input workbook, add the result sheets, save atomically to `output_path`.

    `matrix_year`: the year of the country × instrument matrix (default: the
    year with the largest envelope, the latest on a tie).
    """
    data = result.data
    check_matrix_year(data.years, matrix_year)
    chosen = matrix_year is not None
    year = matrix_year if chosen else tables.default_matrix_year(data)
    macros = Path(input_path).suffix.lower() == MACRO_SUFFIX
    book = load_workbook(input_path, keep_vba=macros, keep_links=True)
    _drop_previous_results(book)
    copied = cached_values.saved_values(Path(input_path).read_bytes(), book.sheetnames)
    titles = _titles(book, _sheet_names(year, info.lang), info.lang)
    write_summary(book, result, RunFacts(info.input_name, info.started, info.warnings,
                                         info.lang), titles[schema.SUMMARY])
    _write_result_sheets(book, result, year, chosen, info, titles)
    _mark_results(book, titles)
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == titles[schema.SUMMARY]
    print_ready(book, info.input_name, info.started[:10], info.lang)
    try:
        _save(book, copied, output_path)
    finally:
        if book.vba_archive is not None:  # closed here: left to the garbage collector, its
            book.vba_archive.close()  # buffer may be closed first (a traceback at exit)


def _save(book, copied: dict, output_path: Path) -> None:
    """Save atomically, with the saved values of the copied sheets' formulas put back."""
    def write(temporary: str) -> None:
        book.save(temporary)
        if copied:
            path = Path(temporary)
            path.write_bytes(cached_values.restore(path.read_bytes(), copied))

    atomic_write(Path(output_path), write)


def _drop_previous_results(book) -> None:
    """Remove the result sheets of an earlier run (the input may be a result workbook).

    Only sheets this tool wrote and listed in the workbook's custom property
    are removed: a user's own sheet is never touched.
    """
    written = _marked_results(book)
    for sheet in list(book.worksheets):
        if sheet.title in written:
            book.remove(sheet)
    book.custom_doc_props.props = [p for p in book.custom_doc_props.props
                                   if p.name not in (RESULTS_PROPERTY, KEYS_PROPERTY)]


def _marked_results(book) -> set[str]:
    for prop in book.custom_doc_props.props:
        if prop.name == RESULTS_PROPERTY and isinstance(prop.value, str):
            return set(prop.value.split(RESULTS_SEPARATOR))
    return set()


def _mark_results(book, titles: dict[str, str]) -> None:
    book.custom_doc_props.append(
        StringProperty(name=RESULTS_PROPERTY, value=RESULTS_SEPARATOR.join(titles.values())))
    book.custom_doc_props.append(StringProperty(
        name=KEYS_PROPERTY,
        value=RESULTS_SEPARATOR.join(f"{key}={title}" for key, title in titles.items())))


def _titles(book, names: dict[str, str], lang: str) -> dict[str, str]:
    """English name -> the title each result sheet gets: its name in `lang`, or "<name>
    (result)" where the input has a sheet of its own by that name (it is kept, unchanged)."""
    taken = {sheet.title.casefold() for sheet in book.worksheets}
    titles = {}
    for key, name in names.items():
        if name.casefold() not in taken:
            titles[key] = name
        elif key in (schema.SUMMARY, schema.ALLOCATION):
            raise UsageError(ErrorText("sheet_clash", name=name))
        else:
            titles[key] = _free_title(name, taken, lang)
        taken.add(titles[key].casefold())
    return titles


def _free_title(name: str, taken: set[str], lang: str) -> str:
    for n in range(1, 100):
        suffix = say("result_suffix", lang) if n == 1 else say("result_suffix_n", lang, n=n)
        title = name[: EXCEL_TITLE_MAX - len(suffix)] + suffix
        if title.casefold() not in taken:
            return title
    raise UsageError(ErrorText("no_sheet_name", name=name))


def _write_result_sheets(book, result: AllocationResult, year: int, chosen: bool,
                         info: RunInfo, titles: dict[str, str]) -> None:
    data, allocation, lang = result.data, result.allocation, info.lang
    index = iter(range(1, len(titles)))
    allocation_sheet(book, next(index), result, titles[schema.ALLOCATION], lang)
    years = len(data.years)
    for name, what, table in (
            (BY_COUNTRY, "country", tables.by_country(data, allocation)),
            (BY_INSTRUMENT, "instrument", tables.by_instrument(data, allocation)),
            (BY_THEME, "theme", tables.by_theme(data, allocation))):
        sheet = by_year_sheet(book, titles[name], next(index), table, lang)
        by_year_chart(sheet, say("chart_by_year", lang, what=say(f"header:{what}", lang)),
                      len(table) - 1, years)
    matrix_sheet(book, titles[matrix_title(year)], next(index),
                 tables.matrix(data, allocation, year), matrix_notes(year, chosen, lang), lang)
    matrix_sheet(book, titles[MATRIX_ALL], next(index), tables.matrix(data, allocation),
                 matrix_notes(None, chosen, lang), lang)
    sheet = envelope_sheet(book, next(index), result, titles[ENVELOPE_USE], lang)
    envelope_chart(sheet, len(data.envelopes), lang)
    binding_sheet(book, next(index), result, titles[BINDING], lang)
    why_not_sheet(book, next(index), result, titles[WHY_NOT], lang)
    priorities_sheet(book, next(index), result, titles[PRIORITIES], lang)
    pair_values_sheet(book, next(index), result, titles[PAIR_VALUES], lang)
    run_info_sheet(book, next(index), run_info_rows(result, info, year, chosen),
                   titles[RUN_INFO], lang)


__all__ = ["RunInfo", "result_sheet_names", "summary_pairs", "write_result_workbook"]
