"""Build the allocation model of SPEC §2 as a Pyomo ConcreteModel.

`build_model` reads as the list of its blocks: index, parameters, variables,
the constraint blocks in the order of `models.registry`, the objective, the
tie-break. Money is held in EUR million (`UNIT_EUR`) inside the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s
from pyomo.common.collections import ComponentMap
from pyomo.common.gc_manager import PauseGC

from models.builder import UNIT_EUR, Builder, ModelOptions
from models.data import AllocationData
from models.index import ModelIndex, build_index
from models.labels import Conflict
from models.objective import add_objective, add_tiebreak, objective_terms
from models.registry import constraint_blocks
from models.variables import add_parameters, add_variables


@dataclass(frozen=True)
class Formulation:
    """A built model with what is needed to read and explain it."""

    model: pyo.ConcreteModel
    index: ModelIndex
    labels: ComponentMap  # ConstraintData -> Label
    conflicts: tuple[Conflict, ...]  # rules that cannot hold whatever the allocation


def build_model(data: AllocationData, options: ModelOptions | None = None) -> Formulation:
    # The build makes millions of small objects and frees almost none: Python's cyclic
    # garbage collector would scan the growing model again and again (half of size M's
    # build time). Paused while building, as Pyomo's own writers do.
    with PauseGC():
        b = Builder(data, build_index(data), options or ModelOptions())
        add_parameters(b)
        add_variables(b)
        for add_block in constraint_blocks():  # country totals, envelopes, ..., do-no-harm
            add_block(b)
        add_objective(b)
        add_tiebreak(b)
    return Formulation(b.model, b.ix, b.labels, tuple(b.conflicts))


__all__ = ["UNIT_EUR", "Formulation", "ModelOptions", "build_model", "objective_terms"]
