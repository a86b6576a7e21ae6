"""Why not (issue 9 item 2): one hand-checked tiny instance per reason.

Every instance has one criterion of weight 1, so a country's priority is its
score and a pair's value per euro is score × effectiveness × fit.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from models.data import Origin, Settings
from models.phrases import Listed
from optimiser.optimise import optimise
from optimiser.results.why_not import (
    BLOCKED,
    COUNTRY,
    EXCLUDED,
    INSTRUMENT,
    MONEY,
    OUT_VALUED,
    _continuity_rules,
    why_not_table,
)
from optimiser.results.why_not_facts import Facts
from optimiser.writers.words import localise
from tests.factory import (
    M,
    baseline,
    country,
    data,
    envelope,
    fit,
    instrument,
    limit,
    one_year,
    source,
)


def reasons(d):
    table = why_not_table(optimise(d))
    return {(row.what, row.name if row.what != MONEY else (row.year, row.source)): row
            for row in table.itertuples(index=False)}


def test_fit_zero_on_every_pair_names_the_fit_rows():
    d = one_year([country("A", 2), country("B", 1, row=3)],
                 fits=[fit("B", "t", 0.0, row=7)])
    row = reasons(d)[(COUNTRY, "B")]
    assert (row.reason, row.where) == (EXCLUDED, "Fit rows 7")
    assert "fit 0 on every pair" in row.explanation


def test_a_limits_row_with_maximum_zero():
    d = one_year([country("A", 1), country("B", 2, row=3)],
                 limits=[limit("No B", country="B", max_eur=0.0, row=5)])
    row = reasons(d)[(COUNTRY, "B")]
    assert (row.reason, row.where) == (EXCLUDED, "Limits row 5")
    assert "'No B'" in row.explanation


def test_no_oda_for_a_non_dac_country():
    # The only source is ODA: B (not DAC-eligible) may receive none of it.
    d = data([country("A", 1), country("B", 2, dac=False, row=3)], [instrument("t")],
             [source("O", oda=True)], [envelope(2027, "O", 10 * M)])
    row = reasons(d)[(COUNTRY, "B")]
    assert row.reason == EXCLUDED
    assert "no ODA for a non-DAC country (Countries row 3" in row.explanation


def test_minimum_programme_above_every_bound():
    # big needs EUR 20M a year; the year's envelope is EUR 10M.
    d = one_year([country("A")], [instrument("t"), instrument("big", min_programme=20 * M,
                                                              row=3)])
    row = reasons(d)[(INSTRUMENT, "big")]
    assert (row.reason, row.where) == (EXCLUDED, "Instruments rows 3")
    assert "EUR 10.0M" in row.explanation


def test_max_countries_names_its_settings_row():
    settings = Settings(max_countries=2, origins={"max_countries": Origin("Settings", 4)})
    d = one_year([country("A", 3, absorption=4 * M), country("B", 2, absorption=4 * M, row=3),
                  country("C", 1, row=4)], settings=settings)
    row = reasons(d)[(COUNTRY, "C")]
    assert (row.reason, row.where) == (EXCLUDED, "Settings row 4")
    assert row.explanation.startswith("Settings row 4: max_countries 2 — 2 other countries")
    assert row.change == "max_countries 3"


def test_out_valued_by_the_margin():
    # A (value 2 per euro, no cap) takes all EUR 10M: the envelope's shadow price is
    # 2 per euro. B's best value is 1.5: its priority must rise 2 / 1.5 − 1 = 33%.
    d = one_year([country("A", 2), country("B", 1.5, row=3)])
    row = reasons(d)[(COUNTRY, "B")]
    assert row.reason == OUT_VALUED
    assert "best value per euro 1.5 (B × t) against about 2 at the margin" in row.explanation
    assert "rise about 33% to enter" in row.explanation
    assert row.where == "Countries row 3"


def test_an_instrument_out_valued_names_its_effectiveness():
    # good is worth 1 per euro, weak 0.5: weak's effectiveness must double (+100%).
    d = one_year([country("A")], [instrument("good"),
                                  instrument("weak", effectiveness=0.5, row=3)])
    row = reasons(d)[(INSTRUMENT, "weak")]
    assert row.reason == OUT_VALUED
    assert "effectiveness (Instruments row 3) would have to rise about 100%" in row.explanation


def test_money_left_names_what_blocks_it_and_the_smallest_change():
    # A absorbs at most EUR 6M of the EUR 10M: EUR 4M is left, blocked by A's absorption.
    d = one_year([country("A", absorption=6 * M)])
    row = reasons(d)[(MONEY, (2027, "N"))]
    assert row.amount_eur == pytest.approx(4 * M)
    assert row.reason == BLOCKED
    assert "EUR 4.0M of N 2027 is left" in row.explanation and "absorption" in row.explanation
    assert row.where == "Countries row 2"
    assert row.change.startswith("raise the absorption on Countries row 2 by EUR 4.0M")


def test_money_no_line_may_use():
    # ODA money, and the only country is not DAC-eligible: it has nowhere to go.
    d = data([country("A", dac=False)], [instrument("t")],
             [source("N"), source("O", oda=True, row=3)],
             [envelope(2027, "N", 5 * M), envelope(2027, "O", 3 * M, row=3)])
    row = reasons(d)[(MONEY, (2027, "O"))]
    assert row.reason == EXCLUDED and "no line may use O money" in row.explanation
    assert row.amount_eur == pytest.approx(3 * M)


def test_nothing_to_explain_gives_an_empty_table():
    assert why_not_table(optimise(one_year([country("A")]))).empty


def test_the_same_data_gives_the_same_table():
    d = one_year([country("A", 2, absorption=6 * M), country("B", 1.5, row=3)],
                 [instrument("t"), instrument("u", effectiveness=0.2, row=3)])
    first, second = why_not_table(optimise(d)), why_not_table(optimise(d))
    assert first.equals(second)


def test_without_shadow_prices_the_margin_is_the_lowest_value_funded_by_choice():
    # The same instance as above with the prices blanked (a dual solve that failed):
    # the cheapest money placed by choice is A's, 2 per euro: B still needs +33%.
    result = optimise(one_year([country("A", 2), country("B", 1.5, row=3)]))
    prices = result.envelope_prices.assign(shadow_price=np.nan)
    blank = dataclasses.replace(result, envelope_prices=prices, has_duals=False)
    table = why_not_table(blank)
    assert "against about 2 at the margin" in table.loc[0, "explanation"]
    assert "rise about 33%" in table.loc[0, "explanation"]


def test_a_limits_maximum_blocks_the_money_and_the_country():
    # Limits row 4 lets EUR 3M of the EUR 10M go out; A and B are worth the same (1 per
    # euro), the tie-break gives B the 3M: A and EUR 7M are held by that Limits row.
    d = one_year([country("A"), country("B", row=3)],
                 limits=[limit("cap", max_eur=3 * M, row=4)])
    table = reasons(d)
    money = table[(MONEY, (2027, "N"))]
    assert money.amount_eur == pytest.approx(7 * M)
    assert "(Limits maximum)" in money.explanation and money.where == "Limits row 4"
    assert money.change.startswith("raise the Limits maximum on Limits row 4 by EUR 7.0M")
    (zero,) = [row for key, row in table.items() if key[0] == COUNTRY]
    assert zero.reason == BLOCKED and zero.where == "Limits row 4"


def test_a_country_worth_nothing_per_euro():
    # B's priority is 0: no rise in percent can make it enter; the text says why.
    row = reasons(one_year([country("A", 1), country("B", 0.0, row=3)]))[(COUNTRY, "B")]
    assert row.reason == OUT_VALUED and "adds nothing to the impact" in row.explanation
    assert row.change == "a priority above 0"


def test_no_room_on_any_line():
    # B's absorption is 0: none of its lines can hold a euro.
    d = one_year([country("A"), country("B", absorption=0.0, row=3)])
    row = reasons(d)[(COUNTRY, "B")]
    assert (row.reason, row.where) == (EXCLUDED, "Countries row 3")
    assert row.explanation == "no room: capacity_eur or absorption_eur 0 on every line"


def test_a_cap_on_each_country_holds_back_only_the_countries_at_it():
    # One EUR 3M cap per country (Limits row 4, country EACH). Nigeria (worth 2 per euro)
    # sits at it; Niger can absorb only EUR 1M, far below it: the row binds for Nigeria
    # only, and "Niger" inside "Nigeria" must not count as Niger.
    cap = limit("cap", country="EACH", max_eur=3 * M, row=4)
    d = one_year([country("Nigeria", 2), country("Niger", 1, absorption=1 * M, row=3)],
                 limits=[cap])
    facts = Facts(optimise(d))
    assert facts.limit_binds_on(cap, "Nigeria", "t")
    assert not facts.limit_binds_on(cap, "Niger", "t")


def test_a_country_in_the_baseline_names_no_restart_when_rules_block_it():
    # With no_restart, a country funded in the Baseline year may only continue its run:
    # the blocked-by-rules reason names the Settings row and the Baseline row.
    d = one_year([country("A"), country("B", row=3)],
                 settings=Settings(no_restart=True,
                                   origins={"no_restart": Origin("Settings", 9)}),
                 baseline=(baseline("B", 1 * M, row=5), baseline("A", 0.0, row=6)))
    facts = Facts(optimise(d))
    assert _continuity_rules(facts, [("B", "t")]) == ["Settings row 9 no_restart with "
                                                      "Baseline row 5"]
    assert _continuity_rules(facts, [("A", "t")]) == []  # A's Baseline amount is 0
    # said in Dutch, as the Why not sheet's "where" column of a Dutch workbook
    held = Listed(_continuity_rules(facts, [("B", "t")]), "semicolon")
    assert localise(held, "nl") == "Settings rij 9 no_restart met Baseline rij 5"


def test_the_why_not_sheet_gives_each_wrapped_explanation_the_height_it_needs():
    # Printed, a wrapped explanation without a row height runs over the rows below it.
    from openpyxl import Workbook

    from optimiser.writers.excel import LINE_HEIGHT, wrapped_lines
    from optimiser.writers.report_why_not import TEXT_WIDTH, why_not_sheet

    assert [wrapped_lines(t, 70) for t in ("", "x" * 60, "x" * 70, "x" * 200)] == [1, 1, 2, 4]
    result = optimise(one_year([country("A", 2), country("B", 1.5, row=3)]))
    sheet = why_not_sheet(Workbook(), 0, result, "Why not")
    column = [c.value for c in sheet[1]].index("explanation") + 1
    text = sheet.cell(row=2, column=column).value
    assert len(text) > TEXT_WIDTH  # B's reason is long enough to wrap
    assert sheet.row_dimensions[2].height == LINE_HEIGHT * wrapped_lines(text, TEXT_WIDTH) >= 30
