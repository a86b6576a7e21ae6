"""The library API: what the CLI, tests and notebooks call.

    from optimiser.api import run
    report = run("inputs/example.xlsx")          # read, solve, write
    report.result.allocation                       # the Allocation table

`optimise(data)` solves validated data without touching files.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from models.data import AllocationData
from optimiser.errors import InfeasibleError, OutputError
from optimiser.report import MACRO_SUFFIX, RunInfo, write_result_workbook
from optimiser.results import AllocationResult
from optimiser.solve import SolveOptions

OUTPUT_DIR = "outputs"
Progress = Callable[[str], None]


def _silent(_: str) -> None:
    pass


@dataclass
class RunReport:
    input_path: Path
    output_path: Path | None
    result: AllocationResult
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    backup_path: Path | None = None

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def impact(self) -> float:
        return self.result.impact

    @property
    def size(self) -> dict[str, int]:
        return self.result.size


def example_path() -> Path:
    """The example workbook shipped with the tool."""
    from optimiser.template import example_path as shipped

    return shipped()


def default_output_path(input_path: Path) -> Path:
    """outputs/<input name>-allocation.xlsx under the current directory (.xlsm kept)."""
    suffix = MACRO_SUFFIX if input_path.suffix.lower() == MACRO_SUFFIX else ".xlsx"
    return Path.cwd() / OUTPUT_DIR / f"{input_path.stem}-allocation{suffix}"


def diagnostics_path(input_path: Path, output_path: Path | None = None) -> Path:
    """<output folder>/<input name>-infeasible.xlsx (default folder: outputs/)."""
    folder = output_path.parent if output_path is not None else Path.cwd() / OUTPUT_DIR
    return folder / f"{input_path.stem}-infeasible.xlsx"


def _write_diagnostics(error: InfeasibleError, input_path: Path, path: Path) -> None:
    """Write the diagnostics workbook for an infeasible run and note where it went."""
    from optimiser.diagnostics import write_diagnostics
    from optimiser.explain import Diagnosis

    diagnosis = error.diagnosis or Diagnosis(conflicts=error.conflicts)
    write_diagnostics(diagnosis, input_path.name, path)
    error.diagnostics_path = path


def optimise(
    data: AllocationData,
    options: SolveOptions | None = None,
    progress: Progress = _silent,
) -> AllocationResult:
    """Build and solve the model for validated data; no files are touched."""
    from models.build import build_model
    from optimiser.results import build_result
    from optimiser.solve import solve

    options = options or SolveOptions.from_settings(data.settings)
    progress("Building the model")
    started = time.perf_counter()
    form = build_model(data)
    timings = {"build": time.perf_counter() - started}
    progress("Solving")
    solution = solve(form, options)
    return build_result(data, form, solution, timings)


def versions() -> dict[str, str]:
    import highspy
    import pyomo.version

    from optimiser.highs import new_highs

    found = {"allocate": _version("allocate"), "pyomo": pyomo.version.version}
    found["highs"] = new_highs().version() if hasattr(highspy.Highs, "version") else "?"
    return found


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def check_output_path(input_path: Path, output_path: Path) -> None:
    """Refuse outputs that would overwrite the input or drop its macros."""
    if output_path.resolve() == input_path.resolve():
        raise OutputError(
            f"The output {output_path} is the input workbook; the input is never "
            "overwritten. Choose another -o path, or use --in-place (keeps a backup)."
        )
    macros = input_path.suffix.lower() == MACRO_SUFFIX
    if macros and output_path.suffix.lower() != MACRO_SUFFIX:
        raise OutputError(
            f"{input_path.name} holds macros; they would be lost in {output_path.name}. "
            "Write to an .xlsm file (the default) so they are kept."
        )
    if output_path.suffix.lower() not in (".xlsx", MACRO_SUFFIX):
        raise OutputError(f"The output must be an .xlsx file, not {output_path.name}.")


def backup_path(input_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    return input_path.with_name(f"{input_path.stem}.backup-{stamp}{input_path.suffix}")


def run(
    input_path: str | Path | None = None,
    output_path: str | Path | None = None,
    *,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    in_place: bool = False,
    progress: Progress = _silent,
) -> RunReport:
    """Read, validate, solve and write the result workbook (SPEC §3 `allocate run`).

    `time_limit_s` and `mip_gap` override the workbook's Settings.
    """
    from optimiser.validate import read_workbook

    started_at = datetime.now()
    source = Path(input_path) if input_path is not None else example_path()
    progress(f"Reading {source.name}")
    started = time.perf_counter()
    workbook = read_workbook(source)
    read_seconds = time.perf_counter() - started
    target = source if in_place else Path(output_path or default_output_path(source))
    if not in_place:
        check_output_path(source, target)
    options = SolveOptions.from_settings(
        workbook.data.settings, time_limit_s=time_limit_s, mip_gap=mip_gap
    )
    try:
        result = optimise(workbook.data, options, progress)
    except InfeasibleError as error:
        _write_diagnostics(error, source, diagnostics_path(source, None if in_place else target))
        raise
    timings = {"read": read_seconds, **result.timings}
    info = RunInfo(
        input_name=source.name,
        input_sha256=workbook.raw.sha256 or "",
        started=started_at.isoformat(timespec="seconds"),
        versions=versions(),
        warnings=tuple(workbook.warnings),
    )
    backup = None
    if in_place:
        backup = backup_path(source, started_at)
        shutil.copy2(source, backup)
    progress(f"Writing {target}")
    started = time.perf_counter()
    write_result_workbook(source, result, target, info)
    timings["write"] = time.perf_counter() - started
    return RunReport(source, target, result, tuple(workbook.warnings), timings, backup)


def explain(input_path: str | Path, output_path: str | Path | None = None,
            progress: Progress = _silent) -> InfeasibleError | None:
    """Diagnose a workbook: None if it is feasible, else the error (diagnostics written)."""
    from optimiser.validate import read_workbook

    source = Path(input_path)
    progress(f"Reading {source.name}")
    workbook = read_workbook(source)
    try:
        optimise(workbook.data, SolveOptions.from_settings(workbook.data.settings,
                                                           tiebreak=False), progress)
    except InfeasibleError as error:
        target = Path(output_path) if output_path else diagnostics_path(source)
        _write_diagnostics(error, source, target)
        return error
    return None
