"""The library API: what the CLI, tests and notebooks call.

    from optimiser.api import run
    report = run("inputs/example.xlsx")          # read, solve, write
    report.result.allocation                       # the Allocation table

`optimise(data)` solves validated data without touching files.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from models.data import AllocationData
from optimiser.errors import AllocateError, InfeasibleError, OutputError, OutputRefused
from optimiser.excel import check_writable
from optimiser.report import MACRO_SUFFIX, RunInfo, check_matrix_year, write_result_workbook
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
    try:
        write_diagnostics(diagnosis, input_path.name, path)
    except OutputError as failure:  # the explanation still reaches the user (exit 4)
        error.add_note(f"The diagnostics workbook was not written. {failure}")
        return
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


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    return a.exists() and b.exists() and os.path.samefile(a, b)  # links, case-blind disks


def check_output_path(input_path: Path, output_path: Path) -> None:
    """Refuse outputs that would overwrite the input or drop its macros (a usage error)."""
    if _same_file(output_path, input_path):
        raise OutputRefused(
            f"The output {output_path} is the input workbook; the input is never "
            "overwritten. Choose another -o path, or use --in-place (keeps a backup)."
        )
    macros = input_path.suffix.lower() == MACRO_SUFFIX
    if macros and output_path.suffix.lower() != MACRO_SUFFIX:
        raise OutputRefused(
            f"{input_path.name} holds macros; they would be lost in {output_path.name}. "
            "Write to an .xlsm file (the default) so they are kept."
        )
    if output_path.suffix.lower() not in (".xlsx", MACRO_SUFFIX):
        raise OutputRefused(f"The output must be an .xlsx file, not {output_path.name}.")


def check_new_workbook_path(input_path: Path, output_path: Path,
                            what: str = "diagnostics workbook") -> None:
    """A new .xlsx output (diagnostics, scenarios, sensitivity) is never the input."""
    if _same_file(output_path, input_path):
        raise OutputRefused(f"The {what} {output_path} is the input workbook; the input "
                            "is never overwritten. Choose another -o path.")
    if output_path.suffix.lower() != ".xlsx":
        raise OutputRefused(f"The {what} must be an .xlsx file, not {output_path.name}.")


def keep_backup(input_path: Path, now: datetime, sha256: str | None) -> Path:
    """Copy the input beside itself as <name>.backup-<time>[-n]<suffix>; return the copy.

    The copy holds exactly the bytes that were read and solved: if the file
    changed since, nothing is written, as the result would not match it. An
    earlier backup of the same second is never overwritten (it may be the
    only copy of the original).
    """
    data = input_path.read_bytes()
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise OutputError(f"{input_path.name} changed while it was being solved, so the "
                          "result was not written into it. Run again.")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    names = (f"{input_path.stem}.backup-{stamp}{f'-{n}' if n > 1 else ''}{input_path.suffix}"
             for n in itertools.count(1))
    for name in names:
        path = input_path.with_name(name)
        try:
            if _write_new(path, data):
                break
        except OSError as error:
            raise OutputError(f"Cannot keep a backup of {input_path.name} beside it "
                              f"({error.strerror}); the input was not modified.") from error
    shutil.copystat(input_path, path)
    return path


def _write_new(path: Path, data: bytes) -> bool:
    """Write `data` to a new file; False if `path` exists (it is never replaced)."""
    try:
        with open(path, "xb") as handle:  # exclusive creation
            handle.write(data)
    except FileExistsError:
        return False
    except OSError:
        path.unlink(missing_ok=True)  # no half-written backup left behind
        raise
    return True


def _note_earlier_output(error: AllocateError, target: Path, in_place: bool) -> None:
    if not in_place and target.exists():
        error.add_note(f"{target} was left as it was: it is from an earlier run, not a result "
                       "of this one.")


def run(
    input_path: str | Path | None = None,
    output_path: str | Path | None = None,
    *,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    in_place: bool = False,
    progress: Progress = _silent,
    matrix_year: int | None = None,
) -> RunReport:
    """Read, validate, solve and write the result workbook (SPEC §3 `allocate run`).

    `time_limit_s` and `mip_gap` override the workbook's Settings; `matrix_year`
    is the year of the result's country × instrument matrix sheet.
    """
    from optimiser.validate import read_workbook

    started_at = datetime.now()
    if in_place and input_path is None:
        raise OutputRefused("--in-place needs a workbook path: the shipped example is never "
                            "changed.")
    source = Path(input_path) if input_path is not None else example_path()
    target = source if in_place else Path(output_path or default_output_path(source))
    if not in_place:
        check_output_path(source, target)
    progress(f"Reading {source.name}")
    started = time.perf_counter()
    workbook = read_workbook(source)
    check_matrix_year(workbook.data.years, matrix_year)
    read_seconds = time.perf_counter() - started
    check_writable(target)  # a locked or read-only output fails now, not after the solve
    options = SolveOptions.from_settings(
        workbook.data.settings, time_limit_s=time_limit_s, mip_gap=mip_gap
    )
    try:
        result = optimise(workbook.data, options, progress)
    except InfeasibleError as error:
        _write_diagnostics(error, source, diagnostics_path(source, None if in_place else target))
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
        options=options,
        timings=dict(timings),
    )
    backup = keep_backup(source, started_at, workbook.raw.sha256) if in_place else None
    progress(f"Writing {target}")
    started = time.perf_counter()
    write_result_workbook(source, result, target, info, matrix_year=matrix_year)
    timings["write"] = time.perf_counter() - started
    return RunReport(source, target, result, tuple(workbook.warnings), timings, backup)


def explain(input_path: str | Path, output_path: str | Path | None = None,
            progress: Progress = _silent) -> InfeasibleError | None:
    """Diagnose a workbook: None if it is feasible, else the error (diagnostics written)."""
    from optimiser.validate import read_workbook

    source = Path(input_path)
    target = Path(output_path) if output_path else diagnostics_path(source)
    check_new_workbook_path(source, target)
    progress(f"Reading {source.name}")
    workbook = read_workbook(source)
    try:
        optimise(workbook.data, SolveOptions.from_settings(workbook.data.settings,
                                                           tiebreak=False), progress)
    except InfeasibleError as error:
        _write_diagnostics(error, source, target)
        return error
    return None
