"""Tiny instances, one per constraint family, whose optimum is worked out by hand.

Each test makes one rule bind and checks the optimum it predicts. Priorities
are the `score` (one criterion, weight 1), so a euro in country c with
instrument i is worth score_c × effectiveness_i × fit_ci.
"""

from __future__ import annotations

import dataclasses

import pytest

from models.data import Settings
from optimiser.api import optimise
from optimiser.errors import InfeasibleError
from tests.factory import (
    M,
    baseline,
    commitment,
    country,
    data,
    envelope,
    fit,
    instrument,
    limit,
    one_year,
    source,
    tier,
)


def totals(result, by="country") -> dict:
    table = result.allocation.groupby(by)["amount_eur"].sum()
    return {k: pytest.approx(v, abs=2) for k, v in table.items()}


def test_envelope_binds_and_more_money_buys_more():
    # max 2x s.t. x <= 10M  ->  x = 10M, impact 20M; an envelope of 12M gives 24M.
    small = optimise(one_year([country("A", score=2)]))
    assert small.status == "optimal"
    assert small.impact == pytest.approx(20 * M)
    big = optimise(one_year([country("A", score=2)], amount=12 * M))
    assert big.impact == pytest.approx(24 * M)


def test_min_spend_share_forces_money_into_a_lower_value_country():
    # A (3/EUR, not DAC) can only use N; B (1/EUR, DAC) can use O (ODA) too.
    # Total capped at 10M by a Limit. Without min spend: A gets 10M from N -> 30M.
    # min_spend_share 0.5 on O (10M) forces >= 5M from O, only B can take it:
    # B 5M, A 5M -> 15M + 5M = 20M.
    def case(min_share):
        return data(
            [country("A", score=3, dac=False), country("B", score=1)],
            [instrument("t")],
            [source("N"), source("O", oda=True)],
            [envelope(2027, "N", 10 * M), envelope(2027, "O", 10 * M, min_share=min_share)],
            limits=[limit(max_eur=10 * M)],
        )

    assert optimise(case(0.0)).impact == pytest.approx(30 * M)
    bound = optimise(case(0.5))
    assert bound.impact == pytest.approx(20 * M)
    assert totals(bound) == {"A": 5 * M, "B": 5 * M}


def test_oda_share_caps_the_oda_part_of_a_cell():
    # t may be at most 25% ODA. N (non-ODA) has 1M, O (ODA) 10M.
    # O <= 0.25 (N + O)  ->  O <= N / 3 = 1/3 M, so X = 4/3 M and impact 4/3 M.
    d = data([country("A")], [instrument("t", oda_share=0.25)],
             [source("N"), source("O", oda=True)],
             [envelope(2027, "N", 1 * M), envelope(2027, "O", 10 * M)])
    result = optimise(d)
    assert result.impact == pytest.approx(4 / 3 * M, abs=2)
    assert totals(result, "source") == {"N": 1 * M, "O": M / 3}


def test_no_oda_money_for_a_country_that_is_not_dac_eligible():
    # Only an ODA source: a non-DAC country gets nothing, a DAC one everything.
    d = data([country("A", score=5, dac=False), country("B", score=1)], [instrument("t")],
             [source("O", oda=True)], [envelope(2027, "O", 10 * M)])
    result = optimise(d)
    assert totals(result) == {"B": 10 * M}
    assert result.impact == pytest.approx(10 * M)


def test_absorption_caps_a_country_and_money_flows_to_the_next_best():
    # A (2/EUR) absorbs 3M; B (1/EUR) takes the remaining 7M: impact 6M + 7M = 13M.
    result = optimise(one_year([country("A", score=2, absorption=3 * M), country("B")]))
    assert totals(result) == {"A": 3 * M, "B": 7 * M}
    assert result.impact == pytest.approx(13 * M)


def test_tiers_of_diminishing_returns_stop_at_the_tier_boundary():
    # A × t capacity 4M: first 2M worth 2/EUR, next 2M worth 2 × 0.5 = 1/EUR.
    # B is worth 1.5/EUR. Envelope 5M: A 2M (4M) then B 3M (4.5M) -> 8.5M.
    d = one_year([country("A", score=2), country("B", score=1.5)], amount=5 * M,
                 fits=[fit("A", "t", capacity=4 * M)],
                 tiers=[tier(0, 0.5, 1.0), tier(0.5, 1, 0.5)])
    result = optimise(d)
    assert totals(result) == {"A": 2 * M, "B": 3 * M}
    assert result.impact == pytest.approx(8.5 * M)


def test_fit_zero_removes_a_pair_and_fit_scales_value():
    # A × t has fit 0 (not available); A × u has fit 0.5 -> 2 × 0.5 = 1/EUR;
    # B × t is worth 1.5/EUR, B absorbs 4M. Envelope 10M: B 4M (6M) + A 6M (6M) = 12M.
    d = one_year([country("A", score=2), country("B", score=1.5, absorption=4 * M)],
                 [instrument("t"), instrument("u")],
                 fits=[fit("A", "t", 0.0), fit("A", "u", 0.5), fit("B", "u", 0.0)])
    result = optimise(d)
    assert totals(result, "instrument") == {"t": 4 * M, "u": 6 * M}
    assert result.impact == pytest.approx(12 * M)


def test_minimum_programme_means_zero_or_at_least_the_minimum():
    # min programme 3M; envelope 5M; A 2/EUR absorbs 4M, B 1.5/EUR absorbs 4M.
    # Without it: A 4M + B 1M = 9.5M. With it both cannot reach 3M within 5M:
    # A 4M alone = 8M (B 4M alone = 6M); 1M stays unspent.
    countries = [country("A", score=2, absorption=4 * M),
                 country("B", score=1.5, absorption=4 * M)]
    free = optimise(one_year(countries, amount=5 * M))
    assert free.impact == pytest.approx(9.5 * M)
    lumpy = optimise(one_year(countries, [instrument("t", min_programme=3 * M)], amount=5 * M))
    assert lumpy.impact == pytest.approx(8 * M)
    assert totals(lumpy) == {"A": 4 * M}


def test_max_countries_keeps_the_best_single_country():
    # A 2/EUR absorbs 3M, B 1/EUR absorbs 10M; envelope 10M.
    # Free: A 3M + B 7M = 13M. At most one country: A alone 6M, B alone 10M -> B.
    countries = [country("A", score=2, absorption=3 * M), country("B", absorption=10 * M)]
    focused = optimise(one_year(countries, settings=Settings(max_countries=1)))
    assert totals(focused) == {"B": 10 * M}
    assert focused.impact == pytest.approx(10 * M)


def test_commitments_are_funded_first():
    # A 2/EUR, B 1/EUR, envelope 10M; 4M committed to B: A 6M + B 4M = 16M.
    d = one_year([country("A", score=2), country("B")],
                 commitments=[commitment(2027, "B", "t", 4 * M)])
    result = optimise(d)
    assert totals(result) == {"A": 6 * M, "B": 4 * M}
    assert result.impact == pytest.approx(16 * M)


def test_a_commitment_from_a_named_source_binds_that_source():
    # Two sources N (6M) and P (4M); both fund either country. 3M of P is
    # committed to B: A gets 6M + 1M = 7M, B 3M -> 14M + 3M = 17M.
    d = data([country("A", score=2), country("B")], [instrument("t")],
             [source("N"), source("P")],
             [envelope(2027, "N", 6 * M), envelope(2027, "P", 4 * M)],
             commitments=[commitment(2027, "B", "t", 3 * M, source_name="P")])
    result = optimise(d)
    allocation = result.allocation.set_index(["country", "source"])["amount_eur"]
    assert allocation[("B", "P")] == pytest.approx(3 * M)
    assert result.impact == pytest.approx(17 * M)


def test_limit_each_country_max_share_of_total():
    # Country EACH at most 60% of the total: A 2/EUR gets 6M, B 4M -> 16M.
    d = one_year([country("A", score=2), country("B")],
                 limits=[limit(country="EACH", max_share=0.6)])
    result = optimise(d)
    assert totals(result) == {"A": 6 * M, "B": 4 * M}
    assert result.impact == pytest.approx(16 * M)


def test_limit_theme_min_share_per_country():
    # Country EACH, theme protection >= 30% of that country (share_of country).
    # One country, dialogue 1/EUR, shelter (protection) 0.5/EUR: 3M shelter, 7M dialogue
    # -> 7M + 1.5M = 8.5M.
    d = one_year([country("A")],
                 [instrument("dialogue"), instrument("shelter", theme="protection",
                                                     effectiveness=0.5)],
                 limits=[limit(country="EACH", theme="protection", min_share=0.3,
                               share_of=["country"])])
    result = optimise(d)
    assert totals(result, "instrument") == {"dialogue": 7 * M, "shelter": 3 * M}
    assert result.impact == pytest.approx(8.5 * M)


def test_limit_min_and_max_eur_on_named_countries():
    # At least 4M to B (1/EUR), at most 5M to A (2/EUR) -> A 5M, B 5M = 15M.
    d = one_year([country("A", score=2), country("B")],
                 limits=[limit(country="B", min_eur=4 * M),
                         limit(country="A", max_eur=5 * M)])
    result = optimise(d)
    assert totals(result) == {"A": 5 * M, "B": 5 * M}
    assert result.impact == pytest.approx(15 * M)


def test_limit_over_all_years_together():
    # Two years of 10M; A (2/EUR) at most 12M over ALL years together, B 1/EUR.
    # A 12M (24M) + B 8M (8M) = 32M; per-year splits are the tie-break's choice.
    d = data([country("A", score=2), country("B")], [instrument("t")], [source("N")],
             [envelope(2027, "N", 10 * M), envelope(2028, "N", 10 * M)],
             limits=[limit(year="ALL", country="A", max_eur=12 * M)])
    result = optimise(d)
    assert totals(result) == {"A": 12 * M, "B": 8 * M}
    assert result.impact == pytest.approx(32 * M)


def test_limit_listed_year_and_source_selector():
    # Sources N and P (5M each, 2027 and 2028). From P in 2027 at most 1M:
    # 2027 spends 6M, 2028 10M; one country at 1/EUR -> 16M.
    d = data([country("A")], [instrument("t")], [source("N"), source("P")],
             [envelope(y, s, 5 * M) for y in (2027, 2028) for s in ("N", "P")],
             limits=[limit(year=2027, source="P", max_eur=1 * M)])
    result = optimise(d)
    assert totals(result, "year") == {2027: 6 * M, 2028: 10 * M}


def test_ramp_from_baseline_and_year_to_year():
    # ramp 50%, no allowance. Baseline A 2M, B 8M; 10M a year; A 2/EUR, B 1/EUR.
    # 2026: A <= 3M, B >= 4M -> A 3M, B 7M (6M + 7M = 13M).
    # 2027: A <= 4.5M, B >= 3.5M -> A 4.5M, B 5.5M (9M + 5.5M = 14.5M). Total 27.5M.
    d = data([country("A", score=2), country("B")], [instrument("t")], [source("N")],
             [envelope(2026, "N", 10 * M), envelope(2027, "N", 10 * M)],
             baseline=[baseline("A", 2 * M), baseline("B", 8 * M)],
             settings=Settings(ramp_share=0.5))
    result = optimise(d)
    by_year = result.allocation.groupby(["year", "country"])["amount_eur"].sum()
    assert by_year[(2026, "A")] == pytest.approx(3 * M, abs=2)
    assert by_year[(2027, "A")] == pytest.approx(4.5 * M, abs=2)
    assert result.impact == pytest.approx(27.5 * M, abs=10)


def test_ramp_allowance_lets_a_new_country_start():
    # No baseline for A -> free in the first year; 2027 it may grow by 0% + 1M.
    # Envelope 2026 1M, 2027 10M, one country: 2026 1M, 2027 at most 2M.
    d = data([country("A")], [instrument("t")], [source("N")],
             [envelope(2026, "N", 1 * M), envelope(2027, "N", 10 * M)],
             settings=Settings(ramp_share=0.0, ramp_eur=1 * M))
    result = optimise(d)
    assert totals(result, "year") == {2026: 1 * M, 2027: 2 * M}


def test_do_no_harm_protection_share_in_high_risk_countries():
    # A is high risk (4 >= 3): at least 30% to protection. dialogue 1/EUR,
    # shelter (protection) 0.5/EUR: 3M shelter + 7M dialogue = 8.5M.
    # B (risk 1) is not high risk: it may put all into dialogue.
    instruments = [instrument("dialogue"),
                   instrument("shelter", theme="protection", effectiveness=0.5)]
    settings = Settings(high_risk_threshold=3, high_risk_protection_share=0.3)
    risky = optimise(one_year([country("A", risk=4)], instruments, settings=settings))
    assert totals(risky, "instrument") == {"dialogue": 7 * M, "shelter": 3 * M}
    assert risky.impact == pytest.approx(8.5 * M)
    safe = optimise(one_year([country("B", risk=1)], instruments, settings=settings))
    assert totals(safe, "instrument") == {"dialogue": 10 * M}


def test_do_no_harm_with_a_minimum_protection_programme():
    # Niger is high risk (30% protection) and absorbs 2M; protection (1/EUR there) has
    # a 2M minimum programme; dialogue has effectiveness 2 (Niger 2/EUR, B 0.8/EUR); 10M.
    # Without the minimum: Niger dialogue 1.4M (2.8M) + protection 0.6M (0.6M), B 8M
    # (6.4M) = 9.8M. With it, Niger's protection is 0 or 2M, and 2M fills its
    # absorption: Niger all protection (2M) + B 8M (6.4M) = 8.4M beats Niger
    # nothing (B 10M: 8M).
    settings = Settings(high_risk_threshold=3, high_risk_protection_share=0.3)
    countries = [country("Niger", risk=4, absorption=2 * M), country("B", score=0.4)]

    def case(minimum):
        instruments = [instrument("dialogue", effectiveness=2.0),
                       instrument("shelter", theme="protection", min_programme=minimum)]
        return one_year(countries, instruments, settings=settings)

    assert optimise(case(0.0)).impact == pytest.approx(9.8 * M)
    lumpy = optimise(case(2 * M))
    assert lumpy.impact == pytest.approx(8.4 * M)
    niger = lumpy.allocation[lumpy.allocation["country"] == "Niger"]
    assert set(niger["instrument"]) == {"shelter"}
    assert niger["amount_eur"].sum() == pytest.approx(2 * M)


def test_rules_that_contradict_each_other_are_infeasible_with_the_amount():
    # 12M committed against a 10M envelope: short by 2M.
    d = one_year([country("A")], commitments=[commitment(2027, "A", "t", 12 * M)])
    with pytest.raises(InfeasibleError) as caught:
        optimise(d)
    assert "EUR 2.0M" in str(caught.value)


def test_a_commitment_on_an_unavailable_pair_is_a_conflict():
    d = one_year([country("A")], fits=[fit("A", "t", 0.0)],
                 commitments=[commitment(2027, "A", "t", 1 * M)])
    with pytest.raises(InfeasibleError) as caught:
        optimise(d)
    assert "not available in A (fit 0)" in str(caught.value)
    assert "Commitments row 2" in str(caught.value)


def test_same_data_gives_the_same_allocation():
    # Two identical countries: a tie. The tie-break must pick the same split every time.
    d = one_year([country("A"), country("B")])
    first, second = optimise(d), optimise(d)
    assert first.allocation.equals(second.allocation)


def test_model_is_sparse_over_existing_cells_only():
    from models.build import build_model

    # 2 countries × 2 instruments × 2 sources = 8 dense cells. A × u has fit 0: no
    # cells. B is not DAC-eligible: no ODA cells. Left: A t N, A t O, B t N, B u N.
    d = data([country("A"), country("B", dac=False)], [instrument("t"), instrument("u")],
             [source("N"), source("O", oda=True)],
             [envelope(2027, "N", M), envelope(2027, "O", M)], fits=[fit("A", "u", 0.0)])
    model = build_model(d).model
    cells = sorted(model.x.keys())
    assert cells == [(2027, "A", "t", "N"), (2027, "A", "t", "O"),
                     (2027, "B", "t", "N"), (2027, "B", "u", "N")]


def test_rows_are_labelled_in_workbook_terms():
    from models.build import build_model

    form = build_model(one_year([country("A", absorption=M)]))
    texts = [label.text for label in form.labels.values()]
    assert "N 2027: spend at most EUR 10.0M" in texts
    assert "A 2027: at most EUR 1.0M (absorption)" in texts
    assert all(not text.startswith("x[") for text in texts)


def test_data_is_not_changed_by_solving():
    d = one_year([country("A")])
    copy = dataclasses.replace(d)
    optimise(d)
    assert d == copy
