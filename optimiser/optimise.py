"""Build → solve → result for validated data, touching no files.

    from optimiser.optimise import optimise
    result = optimise(data)             # AllocationResult: tables in euros

The one path every command takes from `AllocationData` to an
`AllocationResult`: `allocate run` and `explain` through `optimiser.api`,
and the what-if engine when a variant needs a rebuild. It sits above the
result tables and below the writers, so nothing under the API imports the API.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when used: `validate` and `--help` load no Pyomo or pandas
    from models.data import AllocationData
    from optimiser.results.extract import AllocationResult
    from optimiser.solve.solver import SolveOptions

Progress = Callable[[str], None]  # "Building the model"


def silent(_: str) -> None:
    pass


def optimise(
    data: AllocationData,
    options: SolveOptions | None = None,
    progress: Progress = silent,
) -> AllocationResult:
    """Build and solve the model for validated data; no files are touched."""
    from pyomo.common.gc_manager import PauseGC

    from models.build import build_model
    from optimiser.results.extract import build_result
    from optimiser.solve.solver import SolveOptions, solve
    from optimiser.solve.steps import Step

    options = options or SolveOptions.from_settings(data.settings)
    # Millions of live model objects: each pass of Python's cyclic garbage collector
    # scans them all, for garbage there is next to none of (size L: seconds per phase).
    with PauseGC():
        progress(Step("step_building"))
        started = time.perf_counter()
        form = build_model(data)
        timings = {"build": time.perf_counter() - started}
        progress(Step("step_solving"))
        solution = solve(form, options, progress)
        started = time.perf_counter()
        result = build_result(data, form, solution, timings)
        # The tables are part of the wait too (size L: about 0.7 s); say so in the timings.
        return replace(result, timings={**result.timings, "tables": time.perf_counter() - started})
