"""The re-solve engine: a persistent re-solve equals a rebuild; what forces a rebuild;
the fixed and full MIP modes; and the batch's rule for fanning out."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from optimiser.api import optimise
from optimiser.whatif.batch import Batch, fan_out_pays
from optimiser.whatif.resolve import FIXED, FULL, QUICK, REBUILD, Session
from optimiser.whatif.variants import scale_envelopes, scale_scores, scale_weight
from tests import factory as f

M = f.M


def allocations_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    keys = ["year", "country", "instrument", "source"]
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    return a.equals(b)


def portfolio() -> f.AllocationData:
    """An LP with every mutable number in play: two years, an ODA and a non-ODA source,
    three countries (one not DAC-eligible), tiers on a pair capacity, a Limits row with
    EUR bounds, a commitment and a minimum spend."""
    return f.data(
        [f.country("Morocco", score=5, absorption=6 * M),
         f.country("Jordan", score=3, row=3),
         f.country("Tunisia", score=4, dac=False, absorption=3 * M, row=4)],
        [f.instrument("dialogue", oda_share=0.0, effectiveness=1.3),
         f.instrument("shelter", theme="protection", oda_share=1.0, row=3)],
        [f.source("ODA", oda=True), f.source("N", row=3)],
        [f.envelope(2027, "ODA", 7 * M, min_share=0.8), f.envelope(2027, "N", 3 * M, row=3),
         f.envelope(2028, "ODA", 8 * M, row=4), f.envelope(2028, "N", 4 * M, row=5)],
        fits=[f.fit("Jordan", "shelter", 1.2, capacity=4 * M)],
        tiers=[f.tier(0, 0.5, 1.0), f.tier(0.5, 1, 0.7, row=3)],
        limits=[f.limit("protection floor", theme="protection", min_eur=2 * M, max_eur=9 * M)],
        commitments=[f.commitment(2027, "Tunisia", "dialogue", 1 * M, "N")],
    )


def test_a_numeric_variant_re_solves_persistently_to_the_rebuilt_answer():
    data = portfolio()
    session = Session(data)
    variants = [
        scale_envelopes(data, 1.15),
        scale_weight(data, "k", 2.0),
        scale_scores(data, "Jordan", 1.7),
        dataclasses.replace(data, limits=(dataclasses.replace(data.limits[0], min_eur=6 * M),)),
        dataclasses.replace(data, fits=(dataclasses.replace(data.fits[0], fit=0.4),)),
        dataclasses.replace(data, instruments=(
            dataclasses.replace(data.instruments[0], effectiveness=0.5), data.instruments[1])),
    ]
    for variant in variants:
        persistent = session.solve(variant)
        rebuilt = optimise(variant)
        assert persistent.method == session.method == QUICK
        assert persistent.impact == pytest.approx(rebuilt.impact, rel=1e-9)
        assert allocations_equal(persistent.allocation, rebuilt.allocation)


def test_points_do_not_depend_on_what_was_solved_before():
    data = portfolio()
    session = Session(data)
    first = session.solve(scale_weight(data, "k", 0.5))
    session.solve(scale_envelopes(data, 1.4))
    session.solve(scale_scores(data, "Morocco", 0.1))
    again = session.solve(scale_weight(data, "k", 0.5))
    assert again.impact == first.impact
    assert allocations_equal(again.allocation, first.allocation)


@pytest.mark.parametrize("change", [
    lambda d: dataclasses.replace(d, countries=(
        dataclasses.replace(d.countries[0], absorption_eur=5 * M), *d.countries[1:])),
    lambda d: dataclasses.replace(d, settings=dataclasses.replace(d.settings, ramp_share=0.5)),
    lambda d: dataclasses.replace(d, fits=(dataclasses.replace(d.fits[0], fit=0.0),)),
    lambda d: dataclasses.replace(d, limits=(dataclasses.replace(d.limits[0], max_eur=None),)),
], ids=["absorption", "setting", "fit to zero", "bound removed"])
def test_a_structural_change_is_rebuilt(change):
    data = portfolio()
    session = Session(data)
    variant = change(data)
    assert not session.can_update(variant)
    result = session.solve(variant)
    assert result.method == REBUILD
    assert result.impact == pytest.approx(optimise(variant).impact, rel=1e-9)


def test_an_envelope_without_a_row_is_structure():
    """No pair may use ODA money in 2027 (the only country is not DAC-eligible), so the
    model has no row for that envelope; a minimum spend there is a conflict only a
    rebuild finds."""
    data = f.data([f.country("Tunisia", dac=False)], [f.instrument("t")],
                  [f.source("ODA", oda=True), f.source("N", row=3)],
                  [f.envelope(2027, "ODA", 1 * M), f.envelope(2027, "N", 2 * M, row=3)])
    session = Session(data)
    oda = dataclasses.replace(data.envelopes[0], min_spend_share=0.5)
    variant = dataclasses.replace(data, envelopes=(oda, data.envelopes[1]))
    assert not session.can_update(variant)
    assert session.solve(variant).status == "infeasible"


def programmes() -> f.AllocationData:
    """A MIP: a programme is 0 or at least EUR 3M; EUR 9M for three countries.

    Best: A 4M and B 4M (impact 3×4 + 2×4 = 20; C cannot take the 1M left), not
    A 3, B 3, C 3 (18)."""
    return f.one_year([f.country("A", score=3, absorption=4 * M),
                       f.country("B", score=2, absorption=4 * M, row=3),
                       f.country("C", score=1, row=4)],
                      [f.instrument("t", min_programme=3 * M)], amount=9 * M)


def test_fixed_mode_keeps_the_funding_decisions_and_full_mode_does_not():
    data = programmes()
    base = optimise(data)
    assert set(base.allocation["country"]) == {"A", "B"}
    more = scale_envelopes(data, 1.3)  # EUR 11.7M: C can now take a EUR 3.7M programme
    fixed = Session(data, mip_mode=FIXED, headroom=1.3).solve(more)
    full = Session(data, mip_mode=FULL, headroom=1.3).solve(more)
    assert set(fixed.allocation["country"]) == {"A", "B"}
    assert set(full.allocation["country"]) == {"A", "B", "C"}
    assert full.impact > fixed.impact
    assert full.impact == pytest.approx(optimise(more).impact, rel=1e-6)


def test_fixed_mode_says_why_a_point_is_infeasible():
    data = programmes()
    result = Session(data, mip_mode=FIXED).solve(scale_envelopes(data, 0.6))  # 5.4M < 3 + 3
    assert result.status == "infeasible"
    assert "funding choices held" in result.message


def test_a_mip_variant_beyond_the_headroom_is_rebuilt():
    data = programmes()
    session = Session(data, mip_mode=FULL, headroom=1.2)
    assert session.can_update(scale_envelopes(data, 1.2))
    assert not session.can_update(scale_envelopes(data, 1.3))  # big-M values too small


@pytest.mark.parametrize(("rest", "seconds", "workers", "setup", "expected"), [
    (250, 0.05, 2, 1.0, False),  # quick LP re-solves: 12 s in all, workers would not pay
    (248, 8.0, 2, 2.0, True),  # full MIP re-solves of 8 s each
    (4, 5.0, 2, 2.0, False),  # a few slow points: the start-up eats the gain
    (100, 1.0, 1, 0.0, False),  # one worker never pays
])
def test_the_fan_out_rule(rest, seconds, workers, setup, expected):
    assert fan_out_pays(rest, seconds, workers, setup) is expected


def test_a_quick_batch_stays_in_this_process():
    data = portfolio()
    batch = Batch(Session(data))
    results = batch.run([scale_envelopes(data, s) for s in (0.9, 1.0, 1.1, 1.2)], workers=8)
    assert batch.stats.workers == 0 and batch.stats.in_process == 4
    assert all(r.solved for r in results)


def test_a_point_that_fails_unexpectedly_is_reported_and_the_batch_goes_on(monkeypatch):
    data = portfolio()
    session = Session(data)
    calls = []

    def broken(variant):
        calls.append(variant)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return Session._persistent(session, variant)

    monkeypatch.setattr(session, "_persistent", broken)
    results = Batch(session).run([data, scale_envelopes(data, 1.1), scale_envelopes(data, 1.2)])
    assert [r.status for r in results] == ["optimal", "error", "optimal"]
    assert "boom" in results[1].message


def test_a_variant_that_changes_the_solver_settings_is_solved_with_them():
    """A scenario may set mip_gap, time_limit_s or mip_solver: its rebuild uses them."""
    data = portfolio()
    session = Session(data)
    assert session._rebuild_options(data) is session.options
    for key, value in (("mip_gap", 0.01), ("time_limit_s", 5.0), ("mip_solver", "scip")):
        variant = dataclasses.replace(
            data, settings=dataclasses.replace(data.settings, **{key: value}))
        assert getattr(session._rebuild_options(variant), key) == value
