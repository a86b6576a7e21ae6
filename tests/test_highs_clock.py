"""A run's time limit is for that run alone, however long the instance has run before."""

from __future__ import annotations

from models.build import build_model
from optimiser.solve.highs import CompiledModel
from tests.factory import M, country, one_year


def test_a_time_limit_counts_from_the_start_of_its_own_run():
    # HiGHS's run clock adds up over every run of an instance; a limit of 0.2 s after
    # 0.3 s of earlier runs used to stop at once ("Time limit reached", no allocation):
    # the fixed-binaries and tie-break stages, and every re-solve of a long batch.
    compiled = CompiledModel(build_model(one_year([country("A"), country("B", row=3)],
                                                  amount=5 * M)).model)
    costs = compiled.objective_costs
    for n in range(100_000):
        if compiled.highs.getRunTime() > 0.3:
            break
        compiled.set_objective(costs, maximise=n % 2 == 0)  # a change: HiGHS must solve
        compiled.run(None, None)
    assert compiled.highs.getRunTime() > 0.3
    compiled.set_objective(costs, maximise=True)
    compiled.set_objective(costs, maximise=False)
    result = compiled.run(0.2, None)  # a two-cell LP: far below 0.2 s on any machine
    assert result.optimal and not result.time_limited, result.status
