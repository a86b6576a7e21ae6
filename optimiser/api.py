"""The library API: what the CLI, tests and notebooks call.

    from optimiser.api import run
    report = run("inputs/example.xlsx")          # read, solve, write
    report.result.allocation                       # the Allocation table

    from optimiser.api import optimise             # validated data -> result, no files
    from optimiser.api import alternatives, scenarios, sensitivity

The API is the top of the library: it reads (`optimiser.readers`), solves and
tabulates (`optimiser.optimise`), and writes (`optimiser.writers`); the
what-if commands live in `optimiser.whatif.commands`. Nothing below imports it.
"""

from __future__ import annotations

import importlib
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from optimiser.errors import (
    AllocateError,
    ErrorText,
    InfeasibleError,
    OutputError,
    OutputRefused,
    UsageError,
)
from optimiser.optimise import Progress, silent
from optimiser.solve.steps import Step, speak

# Imported when first used (PEP 562 `__getattr__` below and inside each command):
# `allocate --help` and `validate` load no Pyomo, HiGHS or pandas (start-up time).
_LAZY = {
    "OUTPUT_DIR": "optimiser.writers.paths",
    "default_output_path": "optimiser.writers.paths",
    "diagnostics_path": "optimiser.writers.paths",
    "RunReport": "optimiser.results.run_report",
    "optimise": "optimiser.optimise",
    "alternatives": "optimiser.whatif.commands",
    "scenarios": "optimiser.whatif.commands",
    "sensitivity": "optimiser.whatif.commands",
    "versions": "optimiser.solve.versions",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)


if TYPE_CHECKING:
    from optimiser.optimise import optimise
    from optimiser.readers.validate import ValidatedWorkbook
    from optimiser.results.run_report import RunReport
    from optimiser.solve.versions import versions
    from optimiser.whatif.commands import alternatives, scenarios, sensitivity
    from optimiser.writers.paths import OUTPUT_DIR, default_output_path, diagnostics_path

__all__ = [
    "OUTPUT_DIR", "RunReport", "alternatives", "default_output_path", "diagnostics_path",
    "example_path", "explain", "optimise", "run", "scenarios", "sensitivity", "validate",
    "versions",
]


def example_path() -> Path:
    """The example workbook shipped with the tool."""
    from optimiser.writers.template import example_path as shipped

    return shipped()


def _write_diagnostics(error: InfeasibleError, input_path: Path, path: Path,
                       lang: str) -> None:
    """Write the diagnostics workbook for an infeasible run (in `lang`) and note where it
    went."""
    from optimiser.solve.explain import Diagnosis
    from optimiser.writers.diagnostics import write_diagnostics

    diagnosis = error.diagnosis or Diagnosis(conflicts=error.conflicts)
    error.lang = lang  # the terminal says it in the workbook's language
    try:
        write_diagnostics(diagnosis, input_path.name, path, lang)
    except OutputError as failure:  # the explanation still reaches the user (exit 4)
        error.add_note(ErrorText("note_not_written", failure=failure.args[0]))
        return
    error.diagnostics_path = path


def _note_earlier_output(error: AllocateError, target: Path, in_place: bool) -> None:
    if not in_place and target.exists():
        error.add_note(ErrorText("note_earlier_output", target=target))


def run(
    input_path: str | Path | None = None,
    output_path: str | Path | None = None,
    *,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    in_place: bool = False,
    progress: Progress = silent,
    matrix_year: int | None = None,
    export_model: str | Path | None = None,
    mip_solver: str | None = None,
    lang: str | None = None,
) -> RunReport:
    """Read, validate, solve and write the result workbook (SPEC §3 `allocate run`).

    `time_limit_s` and `mip_gap` override the workbook's Settings; `matrix_year`
    is the year of the result's country × instrument matrix sheet;
    `export_model` writes the model the solver is given (.mps or .lp) before it
    solves, for an audit with another solver; `mip_solver` ("highs" or "scip")
    overrides the Settings' engine for the MIP stage; `lang` ("en" or "nl") the language
    of the result (or diagnostics) workbook, overriding the Settings' lang.
    """
    from optimiser.readers.validate import read_workbook
    from optimiser.writers.paths import check_output_path, default_output_path

    started_at = datetime.now()
    if in_place and input_path is None:
        raise OutputRefused(ErrorText("in_place_example"))
    source = Path(input_path) if input_path is not None else example_path()
    target = source if in_place else Path(output_path or default_output_path(source))
    if not in_place:
        check_output_path(source, target)
    export = Path(export_model) if export_model is not None else None
    if export is not None and export.suffix.lower() not in (".mps", ".lp"):
        raise UsageError(ErrorText("export_suffix", name=export.name))
    progress(Step("step_reading", name=source.name))
    started = time.perf_counter()
    workbook = read_workbook(source)
    # The solver, the tables and the writers load only for a valid workbook: a workbook
    # with mistakes is reported before Pyomo, HiGHS and pandas load (about 2 s).
    from pyomo.common.gc_manager import PauseGC

    from optimiser.optimise import optimise
    from optimiser.results.run_report import RunReport
    from optimiser.solve.scip import check_engine
    from optimiser.solve.solver import SolveOptions
    from optimiser.solve.versions import versions
    from optimiser.writers.excel import check_writable
    from optimiser.writers.paths import diagnostics_path, keep_backup
    from optimiser.writers.report import RunInfo, check_matrix_year, write_result_workbook

    check_matrix_year(workbook.data.years, matrix_year)
    lang = lang or workbook.data.settings.lang
    speak(progress, lang)
    read_seconds = time.perf_counter() - started
    check_writable(target)  # a locked or read-only output fails now, not after the solve
    options = SolveOptions.from_settings(
        workbook.data.settings, time_limit_s=time_limit_s, mip_gap=mip_gap,
        export_model=export, mip_solver=mip_solver,
    )
    check_engine(options.mip_solver, "--mip-solver" if mip_solver else "mip_solver, Settings")
    try:
        result = optimise(workbook.data, options, progress)
    except InfeasibleError as error:
        _write_diagnostics(error, source, diagnostics_path(source, None if in_place else target),
                           lang)
        _note_earlier_output(error, target, in_place)
        raise
    except AllocateError as error:
        _note_earlier_output(error, target, in_place)
        raise
    timings = {"read": read_seconds, **result.timings}
    info = RunInfo(
        input_name=source.name,
        input_sha256=workbook.raw.sha256 or "",
        started=started_at.isoformat(timespec="seconds"),
        versions=versions(),
        warnings=tuple(workbook.warnings),
        notes=workbook.notes,
        options=options,
        timings=dict(timings),
        lang=lang,
    )
    backup = keep_backup(source, started_at, workbook.raw.sha256) if in_place else None
    progress(Step("step_writing", path=target))
    started = time.perf_counter()
    # openpyxl makes a few hundred thousand cells, styles and XML nodes and no cyclic
    # garbage: the collector would scan them all again and again (size L: 0.6 s).
    with PauseGC():
        write_result_workbook(source, result, target, info, matrix_year=matrix_year)
    timings["write"] = time.perf_counter() - started
    return RunReport(source, target, result, tuple(workbook.warnings), timings, backup)


def explain(input_path: str | Path, output_path: str | Path | None = None,
            progress: Progress = silent, lang: str | None = None) -> InfeasibleError | None:
    """Diagnose a workbook: None if it is feasible, else the error (diagnostics written, in
    `lang` or else the Settings' lang)."""
    from optimiser.optimise import optimise
    from optimiser.readers.validate import read_workbook
    from optimiser.solve.solver import SolveOptions
    from optimiser.writers.paths import check_new_workbook_path, diagnostics_path

    source = Path(input_path)
    target = Path(output_path) if output_path else diagnostics_path(source)
    check_new_workbook_path(source, target)
    progress(Step("step_reading", name=source.name))
    workbook = read_workbook(source)
    lang = lang or workbook.data.settings.lang
    speak(progress, lang)
    try:
        optimise(workbook.data, SolveOptions.from_settings(workbook.data.settings,
                                                           tiebreak=False), progress)
    except InfeasibleError as error:
        _write_diagnostics(error, source, target, lang)
        return error
    return None


def validate(input_path: str | Path) -> ValidatedWorkbook:
    """Read and check a workbook (SPEC §1): its data and warnings, or WorkbookInvalid."""
    from optimiser.readers.validate import read_workbook

    return read_workbook(Path(input_path))
