"""Tests of the independent result checker (tests/checker.py) and the workbook strategies.

Each break test changes the valid example of tests/checker_example.py so that exactly one
rule family breaks, and asserts that the checker names that rule and nothing else. Tests
that change amounts leave the Summary impact as it was; they ignore "Summary impact".
Limits, commitments, focus, ramp and do-no-harm are in test_checker_rules.py.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from tests import checker_example as ex
from tests.checker import assert_valid_result, check_result
from tests.checker_example import rules
from tests.strategies import Planted, planted_workbooks
from tests.workbooks import minimal_sheets, write_workbook


def test_valid_example_passes(tmp_path):
    report = assert_valid_result(ex.write_result(tmp_path / "r.xlsx"))
    assert report.total_eur == ex.TOTAL_EUR


def test_impact_two_tiers_hand_worked(tmp_path):
    # Morocco–shelter (a = 8 × 1.5 = 12, cap 1,000,000, tiers [0, .5] × 1, [.5, 1] × 0.5):
    #   2027 X = 800,000 → 500,000 × 1 + 300,000 × 0.5 = 650,000 → 7,800,000
    #   2029 X = 1,000,000 → 500,000 × 1 + 500,000 × 0.5 = 750,000 → 9,000,000
    # Morocco dialogue 8 × 1,000,000 and legal aid 8 × 500,000 stay in tier 1 of cap 3,000,000
    # (absorption); Jordan is unbounded: 3 × 600,000 + 2 × 500,000 + 3 × 900,000.
    # 7.8M + 9.0M + 8.0M + 4.0M + 1.8M + 1.0M + 2.7M = 34.3M
    report = check_result(ex.write_result(tmp_path / "r.xlsx"))
    assert report.impact == pytest.approx(34_300_000, rel=1e-12)
    assert report.summary_impact == ex.IMPACT


def test_absorption_is_the_cap_of_pairs_without_their_own(tmp_path):
    # Morocco absorption 1,500,000: dialogue 2027 (1,000,000) now fills tier 1 up to 750,000
    # and 250,000 at 0.5: 8 × 875,000 = 7,000,000 instead of 8,000,000; legal aid (500,000)
    # stays in tier 1. T = 2,300,000 > 1,500,000 also breaks the absorption.
    inputs = ex.input_sheets()
    ex.edit(inputs["COUNTRIES"], "absorption_eur", 1_500_000, country="Morocco")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert report.impact == pytest.approx(33_300_000, rel=1e-12)
    assert rules(report) == {"country absorption"}


def test_fit_multiplies_the_value_of_the_pair(tmp_path):
    # Fit 2 on Morocco–shelter doubles its 7.8M + 9.0M: impact 34.3M + 16.8M = 51.1M.
    inputs = ex.input_sheets()
    ex.edit(inputs["Fit"], "fit", 2, country="MOROCCO")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert report.impact == pytest.approx(51_100_000, rel=1e-12)


def test_impact_beyond_the_last_tier_counts_nothing(tmp_path):
    # Morocco–shelter 2029 at 1,100,000 > cap: the extra 100,000 adds no impact.
    allocation = ex.edit(ex.allocation_rows(), "amount_eur", 1_100_000, year=2029,
                         country="Morocco")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert report.impact == pytest.approx(ex.IMPACT, rel=1e-12)
    assert rules(report) == {"pair capacity"}


@pytest.mark.parametrize(
    ("sheet", "column", "value", "match", "rule"),
    [
        ("Envelopes", "amount_eur", 1_700_000, {"source": ex.AM}, "envelope max"),
        ("Envelopes", "min_spend_share", 0.9, {"source": "bho oda"},
         "envelope min_spend_share"),
        ("COUNTRIES", "absorption_eur", 2_000_000, {"country": "Morocco"},
         "country absorption"),
        ("Settings", "value", 1, {"key": "max_countries"}, "max_countries"),
        ("Commitments", "amount_eur", 450_000, {"reference": "C3"},
         "commitment (all sources)"),
        ("Limits", "min_share", 0.6, {"name": "protection floor"}, "Limits min_share"),
        ("Limits", "max_eur", 3_000_000, {"name": "Maghreb cap"}, "Limits max_eur"),
        ("Limits", "max_share", 0.6, {"name": "ODA part"}, "Limits max_share"),
        ("Limits", "min_eur", 1_100_000, {"name": None}, "Limits min_eur"),
        ("Settings", "value", 0.6, {"key": "high_risk_protection_share"},
         "do-no-harm (protection share)"),
    ],
)
def test_tighter_input_breaks_one_rule(tmp_path, sheet, column, value, match, rule):
    inputs = ex.input_sheets()
    ex.edit(inputs[sheet], column, value, **match)
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    # a smaller envelope also changes the index scale E; the index has its own tests
    assert rules(report, ignore=("Summary impact_index",)) == {rule}, str(report)
    assert all(v.excess > 0 for v in report.violations if v.rule.startswith(("env", "Lim")))


def test_envelope_message_says_where_and_how_much(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Envelopes"], "amount_eur", 1_700_000, source=ex.AM)
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert "year 2027" in violation.where and ex.AM in violation.where
    assert violation.excess == pytest.approx(100_000)
    assert "100,000.00" in str(violation)


def test_minimal_workbook_without_optional_sheets(tmp_path):
    # No Settings, Fit, Returns, ...: Morocco's pairs are capped by absorption 10,000,000 in
    # one tier × 1, so impact = 8 × (6,000,000 + 2,000,000) = 64,000,000.
    # Index: E = 8,000,000, a_max = 8, m_1 = 1: 100 × 64M / 64M = 100 (every euro on a best pair).
    allocation = [
        ["year", "country", "instrument", "theme", "source", "oda", "amount_eur"],
        [2027, "Morocco", "dialogue", "dialogue", "A&M non-ODA", False, 2_000_000],
        [2027, "Morocco", "shelter", "protection", "BHO ODA", True, 6_000_000],
    ]
    path = ex.write_result(tmp_path / "r.xlsx", inputs=minimal_sheets(), allocation=allocation,
                           impact=64_000_000, impact_index=100)
    assert assert_valid_result(path).impact == 64_000_000


def insert_row(rows, before: int, row):
    """Allocation rows with `row` inserted before data row `before` (1 = first data row)."""
    return [*rows[:before], row, *rows[before:]]


@pytest.mark.parametrize(
    ("before", "row", "expected"),
    [
        # Jordan–dialogue has fit 0 in the Fit sheet.
        (5, [2027, "Jordan", "dialogue", "Dialogue", ex.AM, False, 100_000], {"fit 0 pair"}),
        # Libya is not DAC-eligible; shelter is fully ODA-eligible, so only eligibility breaks.
        (7, [2027, "Libya", "shelter", "Protection", ex.BHO, True, 400_000], {"ODA eligibility"}),
        # dialogue has oda_share 0: ODA money there also breaks the ODA share of the cell.
        (1, [2027, "Morocco", "dialogue", "Dialogue", ex.BHO, True, 100_000],
         {"ODA eligibility", "ODA share"}),
        # 2029 has no A&M envelope row: nothing to spend.
        (7, [2029, "Morocco", "dialogue", "Dialogue", ex.AM, False, 100_000],
         {"envelope missing (no Envelopes row)"}),
        # 2028 is not a planning year at all.
        (7, [2028, "Morocco", "dialogue", "Dialogue", ex.AM, False, 100_000],
         {"Allocation row"}),
    ],
)
def test_money_where_the_model_has_no_variable(tmp_path, before, row, expected):
    allocation = insert_row(ex.allocation_rows(), before, row)
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert rules(report) == expected, str(report)


def test_oda_share_per_cell(tmp_path):
    # Morocco legal aid 2027: 300,000 ODA of 500,000 > 0.5 × 500,000.
    allocation = ex.allocation_rows()
    ex.edit(allocation, "amount_eur", 300_000, country="Morocco", instrument="legal aid",
            source=ex.BHO)
    ex.edit(allocation, "amount_eur", 200_000, country="Morocco", instrument="legal aid",
            source=ex.AM)
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation)
                                ).violations
    assert violation.rule == "ODA share" and violation.excess == pytest.approx(50_000)


def test_minimum_programme(tmp_path):
    allocation = ex.edit(ex.allocation_rows(), "amount_eur", 300_000, year=2029,
                         country="Jordan")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert rules(report) == {"minimum programme"}
    assert "2029" in report.violations[0].where and "Jordan" in report.violations[0].where


def test_negative_amount(tmp_path):
    allocation = ex.edit(ex.allocation_rows(), "amount_eur", -5, year=2029, country="Jordan")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert "non-negative amount" in rules(report)


def test_tolerance_is_one_euro_per_cell_plus_a_millionth(tmp_path):
    # 2027 A&M spends 1,800,000 over 8 free cells (Morocco 3, Jordan 2 without dialogue,
    # Libya 3): tolerance 8 + 1e-6 × bound ≈ 9.8 EUR.
    inputs = ex.input_sheets()
    ex.edit(inputs["Envelopes"], "amount_eur", 1_800_000 - 9, source=ex.AM)
    assert check_result(ex.write_result(tmp_path / "a.xlsx", inputs=inputs)).ok
    ex.edit(inputs["Envelopes"], "amount_eur", 1_800_000 - 11, source=ex.AM)
    report = check_result(ex.write_result(tmp_path / "b.xlsx", inputs=inputs))
    assert rules(report) == {"envelope max"}


def test_cells_rounded_to_whole_euros_pass(tmp_path):
    # Tight envelope (1,800,000) and cells moved by under a euro each, as rounding would.
    inputs = ex.input_sheets()
    ex.edit(inputs["Envelopes"], "amount_eur", 1_800_000, source=ex.AM)
    allocation = ex.allocation_rows()
    for row in allocation[1:]:
        if row[4] == ex.AM:
            row[6] += 0.4
    assert check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs,
                                        allocation=allocation)).ok


def add_zero_row(rows):
    rows.insert(3, [2027, "Morocco", "shelter", "Protection", ex.AM, False, 0])


def move_row_up(rows):
    rows.insert(2, rows.pop(5))  # Jordan shelter among Morocco's rows


def sort_alphabetically(rows):
    # Jordan before Morocco: alphabetical, not the order of the Countries sheet.
    rows[1:7] = sorted(rows[1:7], key=lambda row: row[1])


def wrong_theme(rows):
    rows[2][3] = "Dialogue"  # Morocco shelter is Protection


def wrong_oda(rows):
    rows[2][5] = "no"  # BHO ODA is an ODA source


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (add_zero_row, "Allocation zero row"),
        (move_row_up, "Allocation order"),
        (sort_alphabetically, "Allocation order"),
        (wrong_theme, "Allocation theme"),
        (wrong_oda, "Allocation oda"),
    ],
)
def test_allocation_sheet_shape(tmp_path, change, rule):
    allocation = ex.allocation_rows()
    change(allocation)
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert rules(report, ignore=()) == {rule}, str(report)


def test_allocation_header_checked_in_order(tmp_path):
    allocation = ex.allocation_rows()
    allocation[0][1:3] = ["instrument", "country"]
    for row in allocation[1:]:
        row[1], row[2] = row[2], row[1]
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    # Columns are read by name, so only the order of the header is wrong.
    assert rules(report, ignore=()) == {"Allocation columns"}


def test_allocation_accepts_oda_spellings_and_name_case(tmp_path):
    allocation = ex.allocation_rows()
    for row in allocation[1:]:
        row[1], row[4], row[5] = row[1].upper(), row[4].lower(), "ja" if row[5] else "nee"
    assert check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation)).ok


def test_duplicate_row(tmp_path):
    allocation = ex.allocation_rows()
    allocation[1][6] = 600_000
    allocation.insert(2, [*allocation[1][:6], 400_000])
    report = check_result(ex.write_result(tmp_path / "r.xlsx", allocation=allocation))
    assert rules(report, ignore=()) == {"Allocation order"}
    assert "repeats" in str(report)


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"impact": ex.IMPACT * 1.001}, "Summary impact"),
        ({"status": "infeasible"}, "Summary status"),
    ],
)
def test_summary(tmp_path, kwargs, rule):
    report = check_result(ex.write_result(tmp_path / "r.xlsx", **kwargs))
    assert rules(report, ignore=()) == {rule}


def test_summary_total_must_be_the_allocation_sum(tmp_path):
    path = ex.write_result(tmp_path / "r.xlsx")
    book = load_workbook(path)
    book["Summary"]["B4"] = ex.TOTAL_EUR + 1000
    book.save(path)
    assert rules(check_result(path), ignore=()) == {"Summary total_eur"}


def test_formula_without_cached_value_is_reported(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["COUNTRIES"], "relevance", "=1+1", country="Libya")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert "input sheets" in rules(report)
    assert "COUNTRIES!E4" in str(report)


def test_changed_input_sheet_is_reported(tmp_path):
    original = write_workbook(tmp_path / "in.xlsx", ex.input_sheets())
    result = ex.write_result(tmp_path / "r.xlsx")
    assert check_result(result, original).ok
    inputs = ex.input_sheets()
    inputs["Sources"][2][0] = "A&M"
    inputs["Envelopes"][2][1] = "A&M"
    allocation = ex.allocation_rows()
    for row in allocation[1:]:
        row[4] = "A&M" if row[4] == ex.AM else row[4]
    changed = ex.write_result(tmp_path / "c.xlsx", inputs=inputs, allocation=allocation)
    report = check_result(changed, original)
    assert [str(v) for v in report.violations] == ["input sheets — Sources: values changed",
                                                   "input sheets — Envelopes: values changed"]


def test_assert_valid_result_lists_every_violation(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Settings"], "value", 1, key="max_countries")
    ex.edit(inputs["Envelopes"], "amount_eur", 1_700_000, source=ex.AM)
    path = ex.write_result(tmp_path / "r.xlsx", inputs=inputs)
    with pytest.raises(AssertionError) as failure:
        assert_valid_result(path)
    assert "max_countries" in str(failure.value) and "envelope max" in str(failure.value)


# Strategies: the planted allocation of every generated workbook passes the checker.

CHECKS = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
FEWER = settings(CHECKS, max_examples=50)


def write_planted(tmp_path, planted: Planted, **kwargs):
    return write_workbook(tmp_path / "planted.xlsx", planted.result_sheets(**kwargs))


@CHECKS
@given(planted=planted_workbooks())
def test_planted_allocation_passes_the_checker(tmp_path, planted):
    report = check_result(write_planted(tmp_path, planted))  # no impact_index row written
    assert report.ok, report
    # Two readings of the same workbook: the strategy's own values, the checker's parse.
    assert report.impact == pytest.approx(planted.impact, rel=1e-9, abs=1e-6)
    assert report.total_eur == sum(planted.allocation.values())


@FEWER
@given(planted=planted_workbooks())
def test_checker_catches_overspending_and_a_wrong_impact(tmp_path, planted):
    # Envelopes are at most 200,000 above the planted spend of their year and source,
    # and every funded cell holds at least 1 euro, so scaling by 1e6 overspends them all.
    scaled = {cell: amount * 1_000_000 for cell, amount in planted.allocation.items()}
    wrong = Planted(**{**planted.__dict__, "allocation": scaled})
    report = check_result(write_planted(tmp_path, wrong, impact=planted.impact * 1.01 + 1e6))
    assert "Summary impact" in rules(report, ignore=())
    if planted.allocation:
        assert "envelope max" in rules(report)


def test_impact_index_hand_worked(tmp_path):
    # E = 6.5M, a_max = 12 (Morocco shelter), m_1 = 1: 100 × 34.3M / 78M = 43.97...
    report = check_result(ex.write_result(tmp_path / "r.xlsx"))
    assert report.ok
    assert pytest.approx(43.974358974, rel=1e-9) == ex.IMPACT_INDEX


@pytest.mark.parametrize("stated", [3430 / 78 * 1.001, 34_300_000 / 78_000_000, "high"])
def test_impact_index_must_match_the_allocation(tmp_path, stated):
    # 1.001 × the index; the share instead of the percentage; not a number
    report = check_result(ex.write_result(tmp_path / "r.xlsx", impact_index=stated))
    assert rules(report, ignore=()) == {"Summary impact_index"}


def test_impact_index_uses_the_first_tier_multiplier(tmp_path):
    # Returns [0, .5] × 2 and [.5, 1] × 0.5 (written in that order): m_1 = 2. The impact of
    # the allocation changes too (checked against itself via the Summary impact, ignored):
    # the index is 100 × impact / (6.5M × 12 × 2).
    inputs = ex.input_sheets()
    inputs["Returns"] = [["from_share", "to_share", "multiplier"], [0, 0.5, 2], [0.5, 1, 0.5]]
    first = check_result(ex.write_result(tmp_path / "a.xlsx", inputs=inputs))
    expected = 100 * first.impact / (6_500_000 * 12 * 2)
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs,
                                          impact=first.impact, impact_index=expected))
    assert report.ok, report


def test_the_tools_workbooks_must_state_the_impact_index(tmp_path):
    path = ex.write_result(tmp_path / "r.xlsx", inputs=ex.input_sheets())  # no index row
    assert check_result(path).ok
    with pytest.raises(AssertionError, match="Summary impact_index"):
        assert_valid_result(path)
