"""Tests of the checker on Limits, commitments, focus, ramp and do-no-harm.

Like test_checker.py: each test changes the valid example of tests/checker_example.py so
that one rule breaks (or, at the edge, just holds) and checks what the checker says.
"""

from __future__ import annotations

import pytest

from tests import checker_example as ex
from tests.checker import check_result
from tests.checker_example import add_limit, rules


def test_limits_message_names_the_row_and_the_member(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Limits"], "min_share", 0.6, name="protection floor")
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    # Morocco 2027: protection 1,300,000 < 0.6 × 2,300,000 = 1,380,000.
    assert "protection floor" in violation.where
    assert "year 2027" in violation.where and "country Morocco" in violation.where
    assert violation.excess == pytest.approx(80_000)


def test_default_limit_name_is_the_row_number(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Limits"], "min_eur", 1_100_000, name=None)
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert violation.where.startswith("Limits row 6")


def test_each_instrument_each_source_one_constraint_per_member(tmp_path):
    # 2029 BHO ODA shelter = 1,900,000 is the only (year, instrument, source) above 1,500,000.
    inputs = ex.input_sheets()
    ex.edit(inputs["Limits"], "max_eur", 1_500_000, name="per line")
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert violation.rule == "Limits max_eur"
    for part in ("year 2029", "instrument shelter", "source BHO ODA"):
        assert part in violation.where


def test_theme_each_groups_themes_case_insensitively(tmp_path):
    # Protection = shelter + legal aid = 4.3M of 5.3M = 0.81 > 0.7; counted per spelling,
    # shelter (3.3M, 0.62) and legal aid (1.0M, 0.19) would each pass.
    inputs = add_limit(ex.input_sheets(), name="theme cap", year="ALL", theme="EACH",
                       max_share=0.7)
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert violation.rule == "Limits max_share" and "theme Protection" in violation.where


def test_share_of_source_keeps_the_source_and_releases_the_rest(tmp_path):
    # Shelter's share of each source over both years: BHO 3.3M / 3.5M = 0.943, A&M 0 / 1.8M.
    inputs = add_limit(ex.input_sheets(), name="shelter part", year="all",
                       instrument="shelter", source="each", max_share=0.9, share_of="source")
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert "source BHO ODA" in violation.where
    assert violation.excess == pytest.approx(3_300_000 - 0.9 * 3_500_000)


def test_share_of_theme_keeps_the_theme(tmp_path):
    # Shelter's share of protection (shelter + legal aid) in 2027: 1.4M / 2.4M = 0.583 > 0.5;
    # 2029: 1.9M / 1.9M. Released to the total it would be 1.4M / 3.4M = 0.41.
    inputs = add_limit(ex.input_sheets(), name="shelter in protection", instrument="shelter",
                       theme="protection", max_share=0.5, share_of="Theme")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert [v.where.split(";")[0] for v in report.violations] == [
        "shelter in protection (year 2027, instrument shelter, theme protection)",
        "shelter in protection (year 2029, instrument shelter, theme protection)",
    ]
    assert report.violations[0].excess == pytest.approx(1_400_000 - 0.5 * 2_400_000)


def test_limit_within_bounds_for_several_forms_passes(tmp_path):
    inputs = add_limit(ex.input_sheets(), name="ok", year=2029, country="jordan, MOROCCO",
                       theme="protection", min_eur=1_900_000, max_eur=1_900_000)
    assert check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).ok


def test_commitments_with_and_without_source_add_up(tmp_path):
    # Per source 200,000 <= x = 200,000 and blank rows 100,000 + 250,000 <= X = 500,000,
    # but all rows together 550,000 > X.
    inputs = ex.input_sheets()
    ex.edit(inputs["Commitments"], "amount_eur", 250_000, reference="C3")
    inputs["Commitments"].append(["C4", 2027, "Morocco", "legal aid", "BHO ODA", 200_000])
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert violation.rule == "commitment (all sources)"
    assert violation.excess == pytest.approx(50_000)


def test_max_countries_may_be_reached(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Settings"], "value", 2, key="max_countries")
    assert check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).ok


def test_commitment_per_source(tmp_path):
    # 250,000 from BHO ODA > x = 200,000; with the blank-source rows 450,000 <= X = 500,000.
    inputs = ex.input_sheets()
    inputs["Commitments"].append(["C4", 2027, "Morocco", "legal aid", "BHO ODA", 250_000])
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert rules(report) == {"commitment (per source)"}


def test_ramp_compares_adjacent_planning_years_across_a_gap(tmp_path):
    # Morocco 2027 → 2029: 2.3M → 1.0M, a drop of 1.3M > 0.5 × 2.3M = 1.15M.
    # Baseline → 2027: 0.3M <= 1.0M; Jordan 1.1M → 0.9M: 0.2M <= 0.55M.
    inputs = ex.input_sheets()
    ex.edit(inputs["Settings"], "value", 0.5, key="ramp_share")
    ex.edit(inputs["Settings"], "value", 0, key="ramp_eur")
    (violation,) = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs)).violations
    assert violation.rule == "ramp (decrease)"
    assert "year 2029" in violation.where and "Morocco" in violation.where
    assert violation.excess == pytest.approx(150_000)


def test_ramp_from_baseline_only_for_countries_it_names(tmp_path):
    inputs = ex.input_sheets()
    ex.edit(inputs["Settings"], "value", 0, key="ramp_eur")
    assert check_result(ex.write_result(tmp_path / "a.xlsx", inputs=inputs)).ok
    # Jordan starts at 1.1M; with a Baseline of 100,000 that is a rise of 1.0M > 60,000.
    inputs["Baseline"].append(["Jordan", 100_000])
    (violation,) = check_result(ex.write_result(tmp_path / "b.xlsx", inputs=inputs)).violations
    assert violation.rule == "ramp (increase)" and "Jordan" in violation.where


def test_do_no_harm_uses_the_protection_theme_setting(tmp_path):
    # Counted as protection, dialogue is 1.0M / 2.3M = 0.43 (2027) and 0 (2029) in Morocco.
    inputs = ex.input_sheets()
    inputs["Settings"].append(["Protection_Theme", "DIALOGUE"])
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert [v.rule for v in report.violations] == ["do-no-harm (protection share)"] * 2


@pytest.mark.parametrize(("threshold", "broken"), [(6, 1), (7, 0)])
def test_do_no_harm_at_or_above_the_threshold(tmp_path, threshold, broken):
    # Morocco's risk is 6; its 2027 protection share is 1.3M / 2.3M = 0.565 < 0.6.
    inputs = ex.input_sheets()
    ex.edit(inputs["Settings"], "value", 0.6, key="high_risk_protection_share")
    ex.edit(inputs["Settings"], "value", threshold, key="high_risk_threshold")
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert len(report.violations) == broken
