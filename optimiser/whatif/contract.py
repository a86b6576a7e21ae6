"""The re-solve contract of `models.parameters`, read off one built and compiled model.

Which rows a re-solve must refresh is not listed anywhere: it is every row
whose bounds hold a declared bound parameter, found by walking the bounds
once. A mutable Param the declaration does not know is an error at once,
not a stale answer later.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyomo.core as pyo  # not pyomo.environ: its solver and modelling plugins cost 0.5 s
from pyomo.common.numeric_types import native_numeric_types
from pyomo.core.expr.visitor import identify_mutable_parameters

from models.build import Formulation
from models.data import AllocationData
from models.parameters import BY_NAME, MUTABLE_PARAMETERS, MutableParameter
from optimiser.solve.highs import CompiledModel

BIG_M_TOLERANCE = 1e-9  # relative: a big-M number may not grow past headroom × base


class ContractError(RuntimeError):
    """The built model holds a mutable number that models.parameters does not declare."""


@dataclass(frozen=True)
class Contract:
    rows: list[int]  # compiled rows whose bounds hold a declared parameter
    on_rows: dict[str, frozenset]  # parameter name -> its keys that some row uses
    keys: dict[str, list]  # parameter name -> all its keys on the model

    @classmethod
    def of(cls, form: Formulation, compiled: CompiledModel) -> Contract:
        model = form.model
        undeclared = [p.name for p in model.component_objects(pyo.Param)
                      if p.mutable and p.name not in BY_NAME]
        if undeclared:
            raise ContractError(f"mutable parameters not declared in models.parameters: "
                                f"{', '.join(undeclared)}")
        rows, used = [], {p.name: set() for p in MUTABLE_PARAMETERS}
        for r, con in enumerate(compiled.rows):
            found = _bound_parameters(con)
            if found:
                rows.append(r)
            for param in found:
                name = param.parent_component().name
                if BY_NAME[name].in_objective:
                    raise ContractError(f"{name} is declared for the objective but a row "
                                        f"bound holds it ({con.name})")
                used[name].add(param.index())
        keys = {p.name: list(model.component(p.name)) for p in MUTABLE_PARAMETERS}
        return cls(rows, {k: frozenset(v) for k, v in used.items()}, keys)

    def _bound_parameters_declared(self) -> list[MutableParameter]:
        return [p for p in MUTABLE_PARAMETERS if not p.in_objective]

    def set_row_parameters(self, model: pyo.ConcreteModel, variant: AllocationData) -> None:
        """Set the model's bound parameters to the variant's values (rows not yet pushed)."""
        for parameter in self._bound_parameters_declared():
            param = model.component(parameter.name)
            for key, value in parameter.values(variant, self.keys[parameter.name]).items():
                param[key] = value

    def rowless_numbers(self, data: AllocationData) -> tuple:
        """The declared numbers no row holds: they decided at build time whether a rule
        with no cells is a conflict, so a re-solve cannot change them."""
        numbers = []
        for parameter in self._bound_parameters_declared():
            keys = [k for k in self.keys[parameter.name] if k not in self.on_rows[parameter.name]]
            values = parameter.values(data, keys)
            numbers.append(tuple(values[k] for k in keys))
        return tuple(numbers)

    def big_m_valid(self, base: AllocationData, variant: AllocationData,
                    headroom: float) -> bool:
        """Every number the big-M values came from stays within headroom × its base value."""
        for parameter in MUTABLE_PARAMETERS:
            if not parameter.sets_big_m:
                continue
            keys = self.keys[parameter.name]
            before, after = parameter.values(base, keys), parameter.values(variant, keys)
            if any(after[k] > headroom * before[k] * (1 + BIG_M_TOLERANCE) + BIG_M_TOLERANCE
                   for k in keys):
                return False
        return True


def _bound_parameters(con) -> list:
    found = []
    for bound in (con.lower, con.upper):
        if bound is None or bound.__class__ in native_numeric_types:
            continue
        found += identify_mutable_parameters(bound)
    return found
