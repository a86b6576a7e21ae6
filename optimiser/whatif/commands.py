"""The library API of the what-if commands: read, run the batch, write the workbook.

    from optimiser.whatif.commands import alternatives, scenarios, sensitivity
    report = scenarios("inputs/example.xlsx")             # outputs/example-scenarios.xlsx
    report = sensitivity("inputs/example.xlsx", options=SensitivityOptions(draws=50))
    report = alternatives("inputs/example.xlsx", within=0.02, favour=("country=Libya",))

Nothing is written unless the whole batch ran: an error or Ctrl-C
(KeyboardInterrupt, with `points_done` and `points_total`) before the save
leaves no file, and the save itself is atomic. A lost worker or a failed
point costs that point only (optimiser.whatif.batch). An output that cannot
be written at the end keeps the results: they go to a fallback path and
SavedElsewhere (exit 1) says where (optimiser.whatif.saving). An invalid
base workbook raises WorkbookInvalid (exit 3), an infeasible base
InfeasibleError (exit 4); invalid or infeasible scenarios and points are
results, reported in the workbook.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from optimiser.errors import ErrorText, UsageError
from optimiser.solve.steps import Step, speak
from optimiser.whatif.saving import SavedElsewhere, save_keeping_results
from optimiser.writers.excel import check_writable
from optimiser.writers.paths import OUTPUT_DIR, check_new_workbook_path

Stage = Callable[[str], None]  # "Solving the base case"
Progress = Callable[[int, int], None]  # (done, total) of the batch


@dataclass
class WhatIfReport:
    input_path: Path
    output_path: Path
    result: object  # ScenarioComparison or SensitivityResult
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    lang: str = "en"  # of the workbook written, and of the summary the CLI prints


def _silent(*_args) -> None:
    pass


def default_output_path(input_path: Path, kind: str) -> Path:
    """outputs/<input name>-<kind>.xlsx under the current directory."""
    return Path.cwd() / OUTPUT_DIR / f"{input_path.stem}-{kind}.xlsx"


def _info(workbook, source: Path, lang: str | None = None):
    """The run's facts; `lang` (else the Settings' lang) is the workbook's language."""
    from optimiser.solve.versions import versions
    from optimiser.whatif.scenarios_report import WhatIfInfo

    return WhatIfInfo(source.name, workbook.raw.sha256 or "",
                      datetime.now().isoformat(timespec="seconds"), versions(),
                      tuple(workbook.warnings), lang or workbook.data.settings.lang)


def _prepare(input_path, output_path, kind: str, stage: Stage):
    from optimiser.readers.validate import read_workbook

    source = Path(input_path)
    target = Path(output_path) if output_path else default_output_path(source, kind)
    check_new_workbook_path(source, target, f"{kind} workbook")
    check_writable(target)  # a locked or read-only output fails now, not after the batch
    stage(Step("step_reading", name=source.name))
    return source, target, read_workbook(source)


def scenarios(
    input_path: str | Path,
    output_path: str | Path | None = None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    stage: Stage = _silent,
    progress: Progress | None = None,
    lang: str | None = None,
) -> WhatIfReport:
    """`allocate scenarios`: the base and every scenario, compared in one workbook (in
    `lang`, else the Settings' lang)."""
    from optimiser.whatif.scenario_run import run_scenarios
    from optimiser.whatif.scenarios_report import write_scenarios_workbook

    started = time.perf_counter()
    source, target, workbook = _prepare(input_path, output_path, "scenarios", stage)
    return _finish(source, target, workbook, started, stage, scheduler,
                   lambda: run_scenarios(workbook, workers=workers, scheduler=scheduler,
                                         progress=progress, stage=stage),
                   write_scenarios_workbook, lang)


def sensitivity(
    input_path: str | Path,
    output_path: str | Path | None = None,
    *,
    options=None,
    workers: int = 1,
    scheduler: str | None = None,
    stage: Stage = _silent,
    progress: Progress | None = None,
    lang: str | None = None,
) -> WhatIfReport:
    """`allocate sensitivity`: the standard questions answered in one workbook (in `lang`,
    else the Settings' lang)."""
    from optimiser.whatif.sensitivity import SensitivityOptions, run_sensitivity
    from optimiser.whatif.sensitivity_report import write_sensitivity_workbook

    started = time.perf_counter()
    source, target, workbook = _prepare(input_path, output_path, "sensitivity", stage)
    options = options or SensitivityOptions()
    options = dataclasses.replace(options, source=source_name(workbook.data, options.source))
    return _finish(source, target, workbook, started, stage, scheduler,
                   lambda: run_sensitivity(workbook.data, options, workers=workers,
                                           scheduler=scheduler, progress=progress,
                                           stage=stage),
                   write_sensitivity_workbook, lang)


def alternatives(
    input_path: str | Path | None = None,
    output_path: str | Path | None = None,
    *,
    within: float = 0.02,
    count: int = 4,
    favour: tuple[str, ...] = (),
    avoid: tuple[str, ...] = (),
    workers: int = 1,
    scheduler: str | None = None,
    stage: Stage = _silent,
    progress: Progress | None = None,
    lang: str | None = None,
) -> WhatIfReport:
    """`allocate alternatives`: allocations nearly as good as the best, spread otherwise
    (the workbook in `lang`, else the Settings' lang).

    The steered ones (`favour`, `avoid`) run as a batch, on up to `workers` local
    processes or on the Dask `scheduler`; `progress` hears (done, total) of them."""
    from optimiser.whatif.alternatives import AlternativeOptions, Steer, find_alternatives
    from optimiser.whatif.alternatives_report import check_titles, write_alternatives_workbook

    started = time.perf_counter()
    if not 0.0 <= within < 1.0:
        raise UsageError(ErrorText("within", within=f"{within:g}"))
    steers = (*(Steer.parse("favour", t) for t in favour),
              *(Steer.parse("avoid", t) for t in avoid))
    if input_path is None:
        from optimiser.writers.template import example_path

        input_path = example_path()
    source, target, workbook = _prepare(input_path, output_path, "alternatives", stage)
    info = _info(workbook, source, lang)
    speak(stage, info.lang)
    check_titles(workbook.raw.titles, count + len(steers), info.lang)
    result = _guard_scheduler(lambda: find_alternatives(
        workbook.data, AlternativeOptions(within, count, steers), stage=stage,
        workers=workers, scheduler=scheduler, progress=progress), scheduler)
    stage(Step("step_writing", path=target))
    write_alternatives_workbook(result, source, target, info)
    return WhatIfReport(source, target, result, tuple(workbook.warnings),
                        time.perf_counter() - started, info.lang)


def _finish(source: Path, target: Path, workbook, started: float, stage: Stage,
            scheduler: str | None, compute: Callable[[], object],
            write: Callable[..., None], lang: str | None = None) -> WhatIfReport:
    """Run the batch, then write its workbook: nothing is written unless it all ran."""
    speak(stage, lang or workbook.data.settings.lang)
    stage(Step("step_base"))
    result = _guard_scheduler(compute, scheduler)
    stage(Step("step_writing", path=target))
    info = _info(workbook, source, lang)
    written, reason = save_keeping_results(lambda path: write(result, path, info), target)
    report = WhatIfReport(source, written, result, tuple(workbook.warnings),
                          time.perf_counter() - started, info.lang)
    if reason is not None:
        raise SavedElsewhere(reason, target, written, report)
    return report


def source_name(data, name: str | None) -> str | None:
    """The source's name as the Sources sheet spells it (matched ignoring case)."""
    if name is None:
        return None
    names = {s.name.casefold(): s.name for s in data.sources}
    found = names.get(name.strip().casefold())
    if found is None:
        raise UsageError(ErrorText("source_unknown", name=repr(name),
                                   known=", ".join(s.name for s in data.sources)))
    return found


def _guard_scheduler(run, scheduler: str | None):
    """Turn a missing Dask or an unreachable scheduler into a message (exit 2)."""
    if not scheduler:
        return run()
    try:
        return run()
    except ImportError as error:
        raise UsageError(ErrorText("dask_missing", error=error)) from error
    except (OSError, TimeoutError) as error:
        raise UsageError(ErrorText("dask_unreachable", scheduler=scheduler,
                                   error=error)) from error
