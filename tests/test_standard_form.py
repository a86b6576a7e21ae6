"""The fast compiler gives Pyomo's standard form bit for bit, and hands anything else to it.

HiGHS's path (and so the allocation among equal optima) depends on the exact
matrix: the same columns in the same order, the same rows, the same floats.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pyomo.environ as pyo
import pytest

from benchmarks.generate import generate
from models.build import build_model
from models.data import Settings
from optimiser.readers.validate import read_workbook
from optimiser.solve import standard_form
from optimiser.solve.standard_form import _Reader, compile_model, pyomo_compile
from tests import factory as f

EXAMPLE = Path(__file__).resolve().parents[1] / "inputs" / "example.xlsx"


def assert_same(fast, pyomo) -> None:
    assert [v.name for v in fast.columns] == [v.name for v in pyomo.columns]
    assert all(a is b for a, b in zip(fast.columns, pyomo.columns, strict=True))
    assert all(a is b for a, b in zip(fast.rows, pyomo.rows, strict=True))
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(fast.matrix, name), getattr(pyomo.matrix, name)), name
    for name in ("row_lower", "row_upper", "costs"):
        assert np.array_equal(getattr(fast, name), getattr(pyomo, name)), name
    assert (fast.offset, fast.sense) == (pyomo.offset, pyomo.sense)


def continuity_plan():
    """Minimum programmes, min_years, no_restart, a ramp and Limits: every block family."""
    hi = dataclasses.replace(f.instrument("hi", effectiveness=2.0, min_programme=1 * f.M),
                             min_years=2)
    years = (2026, 2027, 2028)
    return f.data(
        [f.country("A", absorption=8 * f.M), f.country("B", row=3, risk=5.0)],
        [hi, f.instrument("lo", row=3, oda_share=0.5), f.instrument("pro", "protection", row=4)],
        [f.source("N"), f.source("O", oda=True, row=3)],
        [f.envelope(y, s, 10 * f.M, min_share=0.5, row=n + 2)
         for n, (y, s) in enumerate((y, s) for y in years for s in ("N", "O"))],
        settings=Settings(no_restart=True, ramp_share=0.3, max_countries=2),
        limits=[f.limit("cap A", country="A", max_share=0.6)],
    )


@pytest.mark.parametrize("which", ["example", "S", "continuity"])
def test_the_fast_compiler_gives_pyomos_standard_form(which, tmp_path):
    if which == "example":
        data = read_workbook(EXAMPLE).data
    elif which == "S":
        data = read_workbook(generate(tmp_path / "S.xlsx", "S", 1)).data
    else:
        data = continuity_plan()
    model = build_model(data).model
    assert_same(_Reader(model).read(), pyomo_compile(model))


def test_a_row_the_fast_path_does_not_read_goes_to_pyomo(monkeypatch):
    model = build_model(f.one_year([f.country("A"), f.country("B", row=3)])).model
    # A body that is not one flat sum: 2 × (x + x'), as a hand-written rule might be.
    cells = list(model.x.values())
    model.extra = pyo.Constraint(expr=2 * (cells[0] + cells[1]) <= 3)
    used = []
    monkeypatch.setattr(standard_form, "pyomo_compile",
                        lambda m: used.append(m) or pyomo_compile(m))
    form = compile_model(model)
    assert used == [model]
    assert form.rows[-1] is model.extra
    assert form.row_upper[-1] == 3


def test_a_fixed_variable_goes_to_pyomo_which_moves_it_to_the_bounds():
    model = build_model(f.one_year([f.country("A"), f.country("B", row=3)])).model
    first = next(iter(model.x.values()))
    first.fix(2.0)
    form = compile_model(model)
    assert all(v is not first for v in form.columns)
    assert_same(form, pyomo_compile(model))
