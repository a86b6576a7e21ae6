"""SCIP as an optional engine for the MIP stage (`pip install 'allocate[scip]'`).

Only the first stage (the funding decisions) runs in SCIP; HiGHS keeps the
LP with those decisions fixed, the duals and the tie-break, so reports read
the same whichever engine chose the programmes. The model goes over as the
MPS file HiGHS writes, so SCIP solves exactly what HiGHS would have.

On the shipped example SCIP reaches the 1e-4 gap 3–4× sooner than HiGHS,
which spends most of its time finding incumbents (benchmarks/README.md).
SCIP runs single-threaded with its default seed: the same model gives the
same decisions on any machine. Its search prints the progress lines HiGHS's
does (from SCIP's events for a better allocation and a changed gap), and
Ctrl-C, which SCIP catches to stop its search, comes out as KeyboardInterrupt.
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Callable
from pathlib import Path

import highspy
import numpy as np

from optimiser.errors import ErrorText, UsageError
from optimiser.solve.highs import CompiledModel, RunResult, quiet_stdout

ENGINES = ("highs", "scip")
EXTRA = "pip install 'allocate[scip]'"
# SCIP's status -> (optimal within the gap, time limit reached)
_STATUS = {"optimal": (True, False), "gaplimit": (True, False), "timelimit": (False, True)}
_INFEASIBLE = ("infeasible", "inforunbd")


def available() -> bool:
    return importlib.util.find_spec("pyscipopt") is not None


def check_engine(name: str, origin: str) -> None:
    """Refuse SCIP where it is not installed, before anything is built."""
    if name == "scip" and not available():
        raise UsageError(ErrorText("scip_missing", origin=origin, extra=EXTRA))


def run_scip(compiled: CompiledModel, time_limit_s: float, mip_gap: float,
             found: Callable[[float, float], None] | None = None) -> RunResult:
    """Solve the MIP HiGHS holds with SCIP; the result carries SCIP's column values.
    `found` hears the gap and the best allocation's objective as the search goes."""
    from pyscipopt import Model

    model = Model()
    model.hideOutput()
    with tempfile.TemporaryDirectory(prefix="allocate-") as folder:
        path = Path(folder) / "model.mps"
        with quiet_stdout():
            compiled.highs.writeModel(str(path))
        model.readProblem(str(path))
    model.setParam("limits/time", float(time_limit_s))
    model.setParam("limits/gap", float(mip_gap))
    raised: list[BaseException] = []
    if found is not None:
        model.includeEventhdlr(_progress_handler(found, raised), "allocate_progress",
                               "the search's progress lines")
    model.optimize()
    if raised:  # an error of the progress printer, kept while SCIP ran
        raise raised[0]
    if model.getStatus() == "userinterrupt":  # Ctrl-C: SCIP caught it and stopped
        raise KeyboardInterrupt
    return _result(compiled, model)


def _progress_handler(found: Callable[[float, float], None], raised: list[BaseException]):
    """A SCIP event handler that tells `found` the gap at each better allocation and each
    change of the gap. An error cannot travel through SCIP: it is kept in `raised` and
    SCIP is asked to stop."""
    from pyscipopt import SCIP_EVENTTYPE, Eventhdlr

    # Older SCIP versions have no event for a changed gap: lines then come at better
    # allocations only.
    events = SCIP_EVENTTYPE.BESTSOLFOUND | getattr(SCIP_EVENTTYPE, "GAPUPDATED", 0)

    class Progress(Eventhdlr):
        def eventinit(self):
            self.model.catchEvent(events, self)

        def eventexit(self):
            self.model.dropEvent(events, self)

        def eventexec(self, event):
            model = self.model
            try:
                allocation, best = model.getPrimalbound(), model.getDualbound()
                if not raised and model.getNSols() > 0 and abs(best) < model.infinity():
                    # the gap as HiGHS and the Summary count it (SCIP divides by the smaller)
                    found(abs(best - allocation) / max(abs(allocation), 1e-10), allocation)
            except BaseException as error:  # raised again after the solve
                raised.append(error)
                model.interruptSolve()

    return Progress()


def _result(compiled: CompiledModel, model) -> RunResult:
    status = model.getStatus()
    optimal, time_limited = _STATUS.get(status, (False, False))
    has_solution = model.getNSols() > 0
    values = _values(compiled, model) if has_solution else None
    objective = bound = gap = None
    if values is not None:
        # The objective as HiGHS counts it (with its offset); SCIP's bound moved alike.
        objective = float(compiled.costs @ values) + compiled.objective_offset
        bound = float(model.getDualbound()) - float(model.getObjVal()) + objective
        gap = abs(bound - objective) / max(abs(objective), 1e-10)
    return RunResult(
        status=f"SCIP: {status}", optimal=optimal, has_solution=has_solution,
        infeasible=status in _INFEASIBLE, objective=objective, bound=bound, gap=gap,
        seconds=float(model.getSolvingTime()), iterations=int(model.getNLPIterations()),
        nodes=int(model.getNNodes()), time_limited=time_limited, values=values,
    )


def _values(compiled: CompiledModel, model) -> np.ndarray:
    """SCIP's best solution in HiGHS's column order (matched by the names in the file)."""
    names = _column_names(compiled.highs)
    solution = model.getBestSol()
    by_name = {var.name: model.getSolVal(solution, var) for var in model.getVars()}
    values = np.array([by_name.get(name, 0.0) for name in names], dtype=float)
    integer = compiled.integer
    values[integer] = np.round(values[integer])  # SCIP's 0.9999999 is a yes
    return values


def _column_names(highs: highspy.Highs) -> list[str]:
    names = list(highs.getLp().col_names_)
    return names if names else [f"c{j}" for j in range(highs.getNumCol())]
