"""Sensitivity: the envelope curve never falls as money rises, shadow prices and ranging
on a hand-checked instance, reproducible Monte Carlo, and identical batches whether
solved serially, on local workers or on Dask."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from optimiser.readers.validate import read_workbook
from optimiser.whatif.batch import Batch
from optimiser.whatif.resolve import FULL, QUICK, Session
from optimiser.whatif.sensitivity import (
    CURVE,
    MONTE_CARLO,
    RANGING,
    TORNADO,
    SensitivityOptions,
    run_sensitivity,
)
from optimiser.whatif.variants import draw_scores, scale_envelopes
from tests import factory as f
from tests.strategies import feasible_workbooks
from tests.workbooks import write_workbook

M = f.M
SOLVED = ("optimal", "feasible")


def two_countries(amount: float = 10 * M):
    """Hand-checked LP. A (priority 3) absorbs at most 4M, B (priority 1) 8M; EUR 10M.

    max 3 a + b  s.t.  a + b <= 10M (envelope),  a <= 4M,  b <= 8M,  a, b >= 0.
    Optimum a = 4M, b = 6M, impact 18M. Duals: the envelope y_e = 1 (the next euro
    goes to B), A's absorption y_A = 3 − 1 = 2 (a euro more in A comes out of B);
    B's absorption does not bind. Per EUR 1M: 1,000,000 and 2,000,000.
    """
    return f.one_year([f.country("A", score=3, absorption=4 * M),
                       f.country("B", score=1, absorption=8 * M, row=3)], amount=amount)


def test_the_envelope_shadow_price_is_the_finite_difference_of_impact():
    data = two_countries()
    result = run_sensitivity(data, SensitivityOptions(sections=(RANGING,)))
    assert result.base.impact == pytest.approx(18 * M)
    price = float(result.shadow_prices.loc[0, "2027"])
    assert price == pytest.approx(1 * M)  # impact per extra EUR 1M, by hand
    step = 0.1 * M
    session = Session(data)
    more = session.solve(scale_envelopes(data, (10 * M + step) / (10 * M)))
    assert (more.impact - result.base.impact) / step * M == pytest.approx(price, rel=1e-9)
    binding = result.binding.set_index("rule")
    assert binding.loc["absorption", "shadow_price"] == pytest.approx(2 * M)


def test_ranging_on_the_hand_checked_instance():
    """A's value may fall by 2/3 (to B's) before money moves, and rise without limit (it
    is at its absorption); B's may rise by 200% (to A's) and fall to nothing."""
    result = run_sensitivity(two_countries(), SensitivityOptions(sections=(RANGING,)))
    ranges = result.ranging.set_index("name")
    assert ranges.loc["A", "may_fall_by"] == pytest.approx(2 / 3)
    assert pd.isna(ranges.loc["A", "may_rise_by"])  # blank: no limit
    assert ranges.loc["B", "may_rise_by"] == pytest.approx(2.0)
    assert ranges.loc["B", "may_fall_by"] == pytest.approx(1.0)


def test_the_curve_never_falls_and_shows_who_enters():
    data = f.one_year([f.country("A", score=3, absorption=4 * M),
                       f.country("B", score=1, absorption=8 * M, row=3)], amount=3 * M)
    curve = run_sensitivity(data, SensitivityOptions(sections=(CURVE,), scales=(
        0.5, 1.0, 1.5, 2.0, 4.0, 6.0))).curve
    impacts = curve["impact"].to_list()
    assert impacts == sorted(impacts)
    assert curve["countries_entering"].to_list() == ["", "", "B", "", "", ""]  # 4.5M > 4M
    marginal = curve["marginal_impact_per_eur_1m"].to_list()
    assert marginal[1] == pytest.approx(3 * M)  # all of it to A
    assert marginal[4] == pytest.approx(1 * M)  # A is full: to B
    assert marginal[5] == pytest.approx(0.0)  # both full (12M): the rest lapses


PROPERTY = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(feasible_workbooks())
def test_more_money_never_lowers_the_impact(sheets):
    """On random feasible workbooks, LP or MIP. From the base upwards the feasible sets
    are nested (the minimum spend keeps its euros), so the optimum cannot fall; with
    the binaries fixed (an LP) that is exact, a full MIP re-solve may lose its gap."""
    with tempfile.TemporaryDirectory() as folder:
        data = read_workbook(write_workbook(Path(folder) / "w.xlsx", sheets)).data
    for mode in ("fixed", "full"):
        options = SensitivityOptions(sections=(CURVE,), scales=(1.0, 1.1, 1.3, 1.6, 2.0),
                                     mip_mode=mode)
        curve = run_sensitivity(data, options).curve
        assert curve["status"].isin(SOLVED).all()
        impacts = curve["impact"].to_numpy()
        gap = data.settings.mip_gap if mode == "full" else 0.0
        slack = 1e-7 * np.abs(impacts).max() + 1.0 + gap * np.abs(impacts)
        assert (np.diff(impacts) >= -slack[1:]).all(), impacts


def scored(n: int = 5):
    """Five countries with their own uncertainty or the default, two instruments."""
    countries = [dataclasses.replace(f.country(f"C{k}", score=1 + k, absorption=3 * M,
                                               row=2 + k),
                                     uncertainty=0.3 if k % 2 else None) for k in range(n)]
    return f.data(countries, [f.instrument("t"), f.instrument("u", effectiveness=0.8, row=3)],
                  [f.source("N")], [f.envelope(2027, "N", 10 * M)])


def test_monte_carlo_with_the_same_seed_is_reproducible():
    data = scored()
    options = SensitivityOptions(sections=(MONTE_CARLO,), draws=25, seed=7, uncertainty=0.2)
    first, again = run_sensitivity(data, options), run_sensitivity(data, options)
    for name in ("mc_impact", "mc_countries", "mc_pairs", "mc_draws"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name))
    other = run_sensitivity(data, dataclasses.replace(options, seed=8))
    assert not other.mc_draws["impact"].equals(first.mc_draws["impact"])
    countries = first.mc_countries.set_index("country")
    assert countries["probability_funded"].between(0, 1).all()
    assert (countries["p10_eur"] <= countries["p50_eur"]).all()
    assert (countries["p50_eur"] <= countries["p90_eur"]).all()


def test_draws_use_each_countrys_uncertainty():
    data = scored()
    drawn = draw_scores(data, np.random.default_rng(0), 0.0)  # default 0: only own spreads
    for before, after in zip(data.countries, drawn.countries, strict=True):
        if before.uncertainty is None:
            assert after.scores == before.scores
        else:
            assert after.scores["k"] == pytest.approx(before.scores["k"], rel=0.3)
            assert after.scores["k"] != before.scores["k"]


def test_every_section_comes_back_with_a_method_per_point():
    data = scored()
    result = run_sensitivity(data, SensitivityOptions(draws=5, scales=(0.8, 1.0, 1.2)))
    assert result.curve["method"].eq(QUICK).all()
    assert set(result.tornado["parameter"]) == {"weight", "envelope", "scores"}
    assert result.tornado["largest_money_moved_eur"].is_monotonic_decreasing  # money first
    moved = result.tornado[["low_money_moved_eur", "high_money_moved_eur"]].max(axis=1)
    assert (moved == result.tornado["largest_money_moved_eur"]).all()
    assert set(result.ranging["kind"]) == {"country", "instrument"}
    assert sum(result.methods.values()) == result.stats.points == 1 + 3 + 2 * 7 + 5


def assert_same_results(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert (x.status, x.impact, x.method) == (y.status, y.impact, y.method)
        if x.solved:
            pd.testing.assert_frame_equal(x.allocation, y.allocation)


def batch_points(data):
    """Numeric variants, a structural one (rebuilt) and an infeasible one, mixed."""
    rng = np.random.default_rng(3)
    points = [draw_scores(data, rng, 0.3) for _ in range(6)]
    points.insert(2, scale_envelopes(data, 0.5))
    cut = dataclasses.replace(data.countries[0], absorption_eur=1 * M)
    points.insert(4, dataclasses.replace(data, countries=(cut, *data.countries[1:])))
    floor = f.limit("floor", min_eur=50 * M)  # more than there is: infeasible
    points.insert(6, dataclasses.replace(data, limits=(floor,)))
    return points


@pytest.mark.slow
def test_the_same_batch_serially_on_local_workers_and_on_dask_gives_identical_results():
    from dask.distributed import Client, LocalCluster

    data = scored()
    points = batch_points(data)
    batch = Batch(Session(data))
    serial = batch.run(points)
    local = batch.run(points, workers=2, adaptive=False)
    assert batch.stats.workers == 2
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        on_dask = batch.run(points, scheduler=cluster.scheduler_address)
    assert_same_results(serial, local)
    assert_same_results(serial, on_dask)
    assert {r.status for r in serial} == {"optimal", "infeasible"}


@pytest.mark.slow
def test_monte_carlo_is_the_same_on_local_workers():
    data = f.data(scored().countries, scored().instruments, [f.source("N")],
                  [f.envelope(2027, "N", 10 * M)])
    mip = dataclasses.replace(data, instruments=(
        dataclasses.replace(data.instruments[0], min_programme_eur=1 * M),
        data.instruments[1]))
    options = SensitivityOptions(sections=(MONTE_CARLO, TORNADO), draws=12, seed=3,
                                 mip_mode=FULL)
    serial = run_sensitivity(mip, options)
    spread = run_sensitivity(mip, options, workers=2, adaptive=False)
    assert spread.stats.workers == 2
    for name in ("mc_impact", "mc_countries", "mc_pairs", "mc_draws", "tornado"):
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(spread, name))


@pytest.mark.slow
def test_ctrl_c_during_a_local_batch_stops_it_at_once():
    import time

    data = scored()
    batch = Batch(Session(data))

    def interrupt(done, total):
        raise KeyboardInterrupt

    started = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        batch.run(batch_points(data) * 20, workers=2, adaptive=False, progress=interrupt)
    assert time.perf_counter() - started < 60


def test_monte_carlo_counts_the_draws_that_change_who_is_funded():
    # At most one country; A and B absorb 10M each, envelope 10M, scores 1.0 and 1.02,
    # each ±10%: whichever scores higher in a draw takes all 10M (impact 10M × score).
    # The base funds B, so a full re-solve funds A in exactly the draws where A's drawn
    # score beats B's: one country in, one out, and one programme in, one out.
    countries = [f.country("A", score=1.0, absorption=10 * M),
                 f.country("B", score=1.02, absorption=10 * M, row=3)]
    data = f.one_year(countries, settings=f.Settings(max_countries=1))
    options = SensitivityOptions(sections=(MONTE_CARLO,), draws=12, seed=3, mip_mode=FULL)
    result = run_sensitivity(data, options)
    rng = np.random.default_rng(options.seed)
    drawn = [draw_scores(data, rng, options.uncertainty) for _ in range(options.draws)]
    a_wins = [d.countries[0].scores["k"] > d.countries[1].scores["k"] for d in drawn]
    assert 0 < sum(a_wins) < options.draws  # the seed gives both outcomes
    summary = result.mc_impact.iloc[0]
    assert summary["draws_other_countries"] == sum(a_wins)
    assert summary["draws_other_programmes"] == sum(a_wins)
    assert list(result.mc_draws["countries_in_or_out"]) == [2 if w else 0 for w in a_wins]
    fixed = run_sensitivity(data, dataclasses.replace(options, mip_mode="fixed"))
    assert fixed.mc_impact.iloc[0]["draws_other_countries"] == 0  # decisions held
