"""Binding rules and shadow prices on tiny instances where both are known by hand.

One criterion with weight 1, so a euro in country c is worth its `score`
(× effectiveness × fit). A shadow price is the impact gained per EUR 1M more
room in a rule: with one country worth 2 per euro and a binding envelope,
EUR 1M more buys 2,000,000 more impact.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from models.build import build_model
from models.data import Criterion, Origin, Settings
from optimiser.api import optimise
from optimiser.results import tables
from optimiser.results.extract import binding_table, origin_columns, original_row_bounds
from optimiser.solve.highs import CompiledModel
from optimiser.solve.solver import SolveOptions, solve
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
)


def rows_of(result, rule: str):
    return result.binding[result.binding["rule"] == rule]


def price(result, rule: str) -> float:
    rows = rows_of(result, rule)
    assert len(rows) == 1, result.binding
    return float(rows["shadow_price"].iloc[0])


def test_a_binding_envelope_is_worth_the_value_of_a_euro_per_million():
    result = optimise(one_year([country("A", score=2)]))
    assert list(result.binding["rule"]) == ["envelope"]
    row = result.binding.iloc[0]
    assert row["shadow_price"] == pytest.approx(2_000_000)
    assert (row["per"], row["side"], row["sheet"], row["rows"]) == (
        "extra EUR 1M", "maximum", "Envelopes", 2)
    assert row["constraint"].startswith("N 2027: spend at most EUR 10.0M")
    prices = result.envelope_prices
    assert list(prices.itertuples(index=False, name=None)) == [
        (2027, "N", pytest.approx(2_000_000))]


def test_absorption_binds_and_is_worth_the_difference_to_the_next_country():
    # A (3 per euro) takes its absorption of 4M, B (1 per euro) the other 6M: one more
    # million of absorption moves a million from B to A, +2M impact; one more million of
    # envelope goes to B, +1M. A's pair capacity is set apart (10M) so it does not bind too.
    d = one_year([country("A", score=3, absorption=4 * M, row=2), country("B", row=3)],
                 fits=[fit("A", "t", capacity=10 * M)])
    result = optimise(d)
    assert set(result.binding["rule"]) == {"envelope", "absorption"}
    assert price(result, "absorption") == pytest.approx(2_000_000)
    assert price(result, "envelope") == pytest.approx(1_000_000)
    absorption = rows_of(result, "absorption").iloc[0]
    assert (absorption["sheet"], absorption["rows"], absorption["side"]) == (
        "Countries", 2, "maximum")


def test_a_full_pair_capacity_binds_with_the_value_of_its_tiers():
    # The pair (A, t) holds its whole capacity of 4M: one more million of capacity moves a
    # million from B to A (+2M impact). The price is Σ tier width × tier reduced cost.
    d = one_year([country("A", score=3), country("B", row=3)],
                 fits=[fit("A", "t", capacity=4 * M, row=5)])
    result = optimise(d)
    assert set(result.binding["rule"]) == {"envelope", "capacity"}
    assert price(result, "capacity") == pytest.approx(2_000_000)
    capacity = rows_of(result, "capacity").iloc[0]
    assert (capacity["sheet"], capacity["rows"]) == ("Fit", 5)


def test_a_commitment_holding_money_back_has_a_negative_price():
    # B (1 per euro) must get its committed 3M; A (2 per euro) gets the rest. One more
    # committed million costs 2 − 1 per euro: −1,000,000.
    d = one_year([country("A", score=2), country("B", row=3)],
                 commitments=[commitment(2027, "B", "t", 3 * M, row=4)])
    result = optimise(d)
    row = rows_of(result, "commitment").iloc[0]
    assert row["shadow_price"] == pytest.approx(-1_000_000)
    assert (row["side"], row["sheet"], row["rows"]) == ("minimum", "Commitments", 4)


def test_a_rule_met_with_room_to_spare_does_not_bind():
    d = one_year([country("A", score=2, absorption=20 * M)],
                 limits=[limit(country="A", max_eur=15 * M)])
    result = optimise(d)
    assert list(result.binding["rule"]) == ["envelope"]


def _oda_case(oda_amount: float, non_oda_amount: float):
    shared = instrument("t", oda_share=0.5)
    return data([country("A", score=2), country("B", score=0.1, row=3)], [shared],
                [source("O", oda=True), source("N", row=3)],
                [envelope(2027, "O", oda_amount), envelope(2027, "N", non_oda_amount, row=3)])


def test_a_rule_at_zero_only_because_nothing_is_there_is_not_listed():
    # ODA money is scarce and A uses it all: B gets nothing, so B's ODA share row sits at
    # 0 <= 0 without binding anything (more room there would not be used): not listed.
    result = optimise(_oda_case(2 * M, 10 * M))
    assert result.allocation.groupby("country")["amount_eur"].sum().to_dict() == {"A": 12 * M}
    assert list(result.binding["rule"]) == ["envelope", "envelope"]


def test_an_empty_rule_with_a_price_is_listed():
    # Now ODA money is left over (A may take only as much ODA as non-ODA): room in B's ODA
    # share would let idle ODA money go to B at 0.1 per euro, 2 ODA euros per euro of room.
    result = optimise(_oda_case(10 * M, 4 * M))
    assert result.allocation.groupby("country")["amount_eur"].sum().to_dict() == {"A": 8 * M}
    oda = rows_of(result, "oda_share").set_index(rows_of(result, "oda_share")["constraint"]
                                                 .str.split(" ").str[0])
    assert oda.loc["A", "shadow_price"] == pytest.approx(4_000_000)
    assert oda.loc["B", "shadow_price"] == pytest.approx(200_000)
    assert result.envelope_prices["shadow_price"].tolist() == pytest.approx([0, 4_000_000])


def test_a_rule_at_its_bound_with_no_price_is_listed_with_zero():
    # The limit caps A at exactly what the envelope gives it anyway: at its bound, price 0
    # (or the envelope's; the LP may put the price on either, never on both).
    d = one_year([country("A", score=2)], limits=[limit(country="A", max_eur=10 * M, row=3)])
    result = optimise(d)
    assert set(result.binding["rule"]) == {"envelope", "limit"}
    assert result.binding["shadow_price"].sum() == pytest.approx(2_000_000)
    assert set(result.binding["side"]) == {"maximum"}


def test_max_countries_is_priced_per_country_and_a_mip_says_where_prices_come_from():
    d = one_year([country("A", score=2, absorption=4 * M),
                  country("B", score=1, absorption=4 * M, row=3)],
                 settings=Settings(max_countries=1))
    result = optimise(d)
    focus = rows_of(result, "focus").iloc[0]
    assert (focus["per"], focus["side"]) == ("extra country", "maximum")
    assert result.dual_basis.startswith("LP with the funding decisions")
    assert result.allocation["country"].unique().tolist() == ["A"]


def test_link_and_definition_rows_are_never_listed():
    d = one_year([country("A", score=2), country("B", row=3)],
                 [instrument("t", min_programme=3 * M)], settings=Settings(max_countries=1))
    result = optimise(d)
    assert not set(result.binding["rule"]) & {"total", "tiebreak", "limit_base",
                                               "programme_link", "focus_link"}


def test_without_duals_the_rules_at_their_bound_are_listed_unpriced():
    d = one_year([country("A", score=2)])
    form = build_model(d)
    solution = solve(form, SolveOptions())
    solution.duals = None
    table = binding_table(form, solution)
    assert list(table["rule"]) == ["envelope"]
    assert np.isnan(table["shadow_price"].iloc[0])


def test_model_row_bounds_are_the_compiled_bounds():
    # binding_table reads bounds from the model because the tie-break moves some in HiGHS.
    d = data(
        [country("A", score=2, absorption=6 * M, risk=5), country("B", row=3)],
        [instrument("t", min_programme=1 * M), instrument("p", theme="protection", row=3)],
        [source("O", oda=True), source("N", row=3)],
        [envelope(2027, "O", 5 * M, min_share=0.5), envelope(2027, "N", 3 * M, row=3),
         envelope(2028, "O", 6 * M, row=4)],
        settings=Settings(ramp_share=0.5, ramp_eur=1 * M, high_risk_threshold=3,
                          high_risk_protection_share=0.2),
        commitments=[commitment(2027, "B", "t", 1 * M)],
        baseline=[baseline("A", 2 * M)],
        limits=[limit(country="EACH", max_share=0.8)],
    )
    form = build_model(d)
    compiled = CompiledModel(form.model)
    lower, upper = original_row_bounds(compiled)
    compiled_lower, compiled_upper = compiled.row_bounds()
    assert np.allclose(lower, compiled_lower) and np.allclose(upper, compiled_upper)


def test_origin_columns():
    assert origin_columns(()) == ("Settings", None)
    assert origin_columns((Origin("Envelopes", 7),)) == ("Envelopes", 7)
    assert origin_columns((Origin("Commitments", 4), Origin("Commitments", 9))) == (
        "Commitments", "4, 9")
    assert origin_columns((Origin("Settings", 4), Origin("Countries", 7))) == (
        "Settings; Countries", "4; 7")
    assert origin_columns((Origin("Settings"), Origin("Countries", 7))) == (
        "Settings; Countries", "-; 7")


def test_priorities_are_weight_times_score_summed():
    d = one_year([country("A"), country("B", row=3)])
    d = dataclasses.replace(
        d,
        criteria=(Criterion("k", 0.3, Origin("Criteria", 2)),
                  Criterion("m", 0.7, Origin("Criteria", 3))),
        countries=(dataclasses.replace(d.countries[0], scores={"k": 4, "m": 1}),
                   dataclasses.replace(d.countries[1], scores={"k": 1, "m": 5})),
    )
    result = optimise(d)
    table = tables.priority_table(d, result.allocation).set_index("country")
    assert list(table.index) == ["B", "A"]  # 3.8 before 1.9
    assert table.loc["A", "k (weight 0.3 × score)"] == pytest.approx(1.2)
    assert table.loc["A", "m (weight 0.7 × score)"] == pytest.approx(0.7)
    assert table.loc["A", "priority"] == pytest.approx(1.9)
    assert table.loc["B", "priority"] == pytest.approx(0.3 + 3.5)
    assert table.loc["B", "allocated_eur"] == 10 * M
    pairs = tables.pair_value_table(d, result.allocation)
    assert pairs["value_per_eur"].tolist() == pytest.approx([3.8, 1.9])


def test_default_matrix_year_is_the_largest_envelope_then_the_latest():
    d = data([country("A")], [instrument("t")], [source("N")],
             [envelope(2026, "N", 5 * M), envelope(2027, "N", 9 * M, row=3),
              envelope(2028, "N", 9 * M, row=4), envelope(2029, "N", 7 * M, row=5)])
    assert tables.default_matrix_year(d) == 2028
