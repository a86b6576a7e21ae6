"""The declared re-solve contract (models.parameters): for every declared number, a
re-solve on the built model after changing it equals a full rebuild; what is not
declared cannot slip through."""

from __future__ import annotations

import dataclasses

import pyomo.environ as pyo
import pytest

from models.build import build_model
from models.parameters import BY_NAME, structure
from optimiser.errors import InfeasibleError
from optimiser.optimise import optimise
from optimiser.solve.highs import CompiledModel
from optimiser.whatif.contract import Contract, ContractError
from optimiser.whatif.resolve import FULL, Session
from optimiser.whatif.variants import scale_envelopes
from tests import factory as f
from tests.test_resolve import allocations_equal, portfolio

M = f.M


def _envelope(data, n, **changes):
    envelopes = list(data.envelopes)
    envelopes[n] = dataclasses.replace(envelopes[n], **changes)
    return dataclasses.replace(data, envelopes=tuple(envelopes))


def _limit(data, **changes):
    return dataclasses.replace(data, limits=(dataclasses.replace(data.limits[0], **changes),))


def _values(data):
    """A weight, a score, an effectiveness and a fit: every input of a_ci."""
    criteria = (dataclasses.replace(data.criteria[0], weight=2.5),)
    countries = (dataclasses.replace(data.countries[0], scores={"k": 1.0}), *data.countries[1:])
    instruments = (dataclasses.replace(data.instruments[0], effectiveness=0.4),
                   *data.instruments[1:])
    fits = (dataclasses.replace(data.fits[0], fit=2.0),)
    return dataclasses.replace(data, criteria=criteria, countries=countries,
                               instruments=instruments, fits=fits)


# One change per declared parameter, each one that a re-solve which kept the base's
# number would get wrong: it moves the allocation, or makes the rules contradict.
CHANGES = {
    "envelope_eur": lambda d: scale_envelopes(d, 0.8),
    # ODA 2027 (EUR 7M) may only fund protection, which the Limits row caps at EUR 6M
    "min_spend_share": lambda d: _envelope(d, 0, min_spend_share=1.0),
    "value_per_eur": _values,
    "limit_min_eur": lambda d: _limit(d, min_eur=6.5 * M),
    "limit_max_eur": lambda d: _limit(d, max_eur=5.8 * M),
}


def base(kind: str):
    """The re-solve portfolio with protection capped at EUR 6M a year (so EUR 1M of ODA
    lapses in 2027); for "MIP", protection also has a minimum programme, whose big-M
    values come from the envelopes."""
    data = _limit(portfolio(), max_eur=6 * M)
    if kind == "MIP":
        shelter = dataclasses.replace(data.instruments[1], min_programme_eur=1.5 * M)
        data = dataclasses.replace(data, instruments=(data.instruments[0], shelter))
    return data


def rebuilt(variant):
    try:
        return optimise(variant).allocation
    except InfeasibleError:
        return None


def test_every_declared_parameter_has_a_case_here():
    assert set(CHANGES) == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(CHANGES))
@pytest.mark.parametrize("kind", ["LP", "MIP"])
def test_a_re_solve_after_changing_a_declared_number_equals_a_rebuild(name, kind):
    data = base(kind)
    session = Session(data, mip_mode=FULL)
    variant = CHANGES[name](data)
    assert structure(variant) == structure(data)
    assert session.can_update(variant), "a declared number must not force a rebuild"
    persistent, expected = session.solve(variant), rebuilt(variant)
    assert "rebuild" not in persistent.method
    if expected is None:
        assert persistent.status == "infeasible"
        return
    assert allocations_equal(persistent.allocation, expected)
    assert not allocations_equal(expected, session.base_result.allocation), (
        "the change must move the allocation, or the test proves nothing")


def test_a_number_not_declared_is_structure():
    data = portfolio()
    ramp = dataclasses.replace(data.settings, ramp_share=0.5, ramp_eur=1 * M)
    assert not Session(data).can_update(dataclasses.replace(data, settings=ramp))


def test_an_undeclared_mutable_parameter_is_refused():
    form = build_model(portfolio())
    form.model.stray = pyo.Param(initialize=1.0, mutable=True)
    with pytest.raises(ContractError, match="stray"):
        Contract.of(form, CompiledModel(form.model))


def test_a_new_row_on_a_declared_parameter_is_refreshed_without_being_listed():
    """A block added later that bounds a row by an envelope is found by walking bounds."""
    form = build_model(portfolio())
    m = form.model
    key = next(iter(m.envelope))
    m.new_rule = pyo.Constraint(expr=m.x[next(iter(m.x))] <= 0.5 * m.envelope_eur[key])
    contract = Contract.of(form, CompiledModel(m))
    rows = {CompiledModel(m).rows[r].name for r in contract.rows}
    assert "new_rule" in rows and any(name.startswith("envelope[") for name in rows)
