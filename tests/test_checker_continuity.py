"""The checker on the continuity rules of SPEC §5.1 (min_years, no_restart).

The valid example of tests/checker_example.py plans 2027 and 2029 (2028 is not planned):
Morocco dialogue runs in 2027 only, Morocco and Jordan shelter in both years, legal aid
in 2027 only; Morocco has a Baseline of EUR 2M, Jordan none.
"""

from __future__ import annotations

from tests import checker_example as ex
from tests.checker import check_result
from tests.checker_example import rules


def _with_min_years(inputs, **years):
    rows = inputs["Instruments"]
    rows[0].append("min_years")
    for row in rows[1:]:
        row.append(years.get(row[0].replace(" ", "_")))
    return inputs


def _no_restart(inputs):
    inputs["Settings"].append(["no_restart", "yes"])
    return inputs


def test_a_line_that_stops_before_min_years_breaks_the_rule(tmp_path):
    """dialogue starts in 2027 (the first year) with min_years 3: it must run in every
    planning year up to 2029, but has nothing in 2029."""
    inputs = _with_min_years(ex.input_sheets(), dialogue=3)
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))
    assert rules(report) == {"min_years"}
    (violation,) = report.violations
    assert "year 2029" in violation.where and "dialogue" in violation.where


def test_years_past_min_years_and_unplanned_years_are_not_constrained(tmp_path):
    """min_years 2 from 2027 reaches 2028, which is not a planning year: nothing to check.
    shelter runs in both years, so min_years 5 holds to the end of the horizon."""
    inputs = _with_min_years(ex.input_sheets(), dialogue=2, legal_aid=2, shelter=5)
    assert rules(check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs))) == set()


def test_a_line_that_restarts_breaks_no_restart(tmp_path):
    """Morocco dialogue 2027, nothing in 2029, again in 2030."""
    inputs = _no_restart(ex.input_sheets())
    inputs["Envelopes"].append([2030, ex.AM, 1_000_000, None])
    allocation = ex.allocation_rows()
    allocation.append([2030, "Morocco", "dialogue", "Dialogue", ex.AM, False, 500_000])
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs,
                                          allocation=allocation))
    assert "no_restart (line)" in rules(report)
    line = next(v for v in report.violations if v.rule == "no_restart (line)")
    assert "year 2030" in line.where and "dialogue" in line.where


def test_the_baseline_year_counts_for_countries(tmp_path):
    """Jordan with a Baseline, nothing in 2027 and money in 2029: a restart."""
    inputs = _no_restart(ex.input_sheets())
    inputs["Baseline"].append(["Jordan", 1_000_000])
    allocation = [row for row in ex.allocation_rows() if row[:2] != [2027, "Jordan"]]
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs,
                                          allocation=allocation))
    (violation,) = [v for v in report.violations if v.rule.startswith("no_restart")]
    assert violation.rule == "no_restart (country)" and "Jordan" in violation.where


def test_without_no_restart_a_restart_is_allowed(tmp_path):
    inputs = ex.input_sheets()
    inputs["Baseline"].append(["Jordan", 1_000_000])
    allocation = [row for row in ex.allocation_rows() if row[:2] != [2027, "Jordan"]]
    report = check_result(ex.write_result(tmp_path / "r.xlsx", inputs=inputs,
                                          allocation=allocation))
    assert not [v for v in report.violations if v.rule.startswith("no_restart")]
