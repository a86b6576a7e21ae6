"""Comparisons lead with money: money moved, the index against the base (base = 100), with
the base's scoring, and the change per year × source and year × country."""

from __future__ import annotations

import pandas as pd
import pytest

from optimiser.readers.validate import read_workbook
from optimiser.results.compare import money_moved
from optimiser.whatif.scenario_run import run_scenarios
from optimiser.whatif.sensitivity import SensitivityOptions, run_sensitivity
from tests.test_scenarios_run import MORE, sheets
from tests.workbooks import write_workbook

COLUMNS = ["year", "country", "instrument", "source", "amount_eur"]
DOUBLE = ["double weight", "Criteria", "criterion=relevance", "weight", "scale", 2]


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def test_money_moved_counts_a_shift_once_and_a_cut_once():
    base = frame([(2027, "A", "x", "s", 100.0), (2027, "B", "x", "s", 50.0)])
    shifted = frame([(2027, "A", "x", "s", 70.0), (2027, "B", "x", "s", 80.0)])  # 30 A -> B
    cut = frame([(2027, "A", "x", "s", 100.0)])  # B's 50 gone
    moved_year = frame([(2028, "A", "x", "s", 100.0), (2027, "B", "x", "s", 50.0)])
    assert money_moved(base, shifted) == 30
    assert money_moved(base, cut) == 50
    assert money_moved(base, moved_year) == 100  # the same country, another year
    assert money_moved(base, base) == 0


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    path = write_workbook(tmp_path_factory.mktemp("money") / "book.xlsx",
                          sheets([MORE, DOUBLE]))
    return run_scenarios(read_workbook(path))


def test_scenario_summary_leads_with_money_and_the_index(comparison):
    # Base (tests.test_scenarios_run.sheets): BHO ODA 6M -> Morocco shelter (a = 8); A&M 2M:
    # 1.5M committed to Jordan dialogue (a = 2), 0.5M Morocco dialogue (8):
    # impact 48M + 4M + 3M = 55M.
    # more: BHO ODA 7M, the extra 1M to Morocco shelter: moved 1M, index 100 × 63/55.
    # double weight: the same allocation, impact doubled: moved 0, index 200, 100 scored
    # with the base's weights.
    rows = comparison.summary.set_index("scenario")
    assert rows.loc["more", "money_moved_eur"] == 1_000_000
    assert rows.loc["more", "index_vs_base"] == pytest.approx(100 * 63 / 55)
    assert rows.loc["double weight", "money_moved_eur"] == 0
    assert rows.loc["double weight", "index_vs_base"] == pytest.approx(200)
    assert rows.loc["double weight", "index_vs_base_base_scoring"] == pytest.approx(100)


def test_changes_per_year_and_source_and_per_year_and_country(comparison):
    by_source = comparison.by_year_source.set_index(["year", "source"])
    assert by_source.loc[(2027, "BHO ODA"), "base_eur"] == 6_000_000
    assert by_source.loc[(2027, "BHO ODA"), "more change"] == 1_000_000
    assert by_source.loc[(2027, "A&M non-ODA"), "more change"] == 0
    by_country = comparison.by_year_country.set_index(["year", "country"])
    assert by_country.loc[(2027, "Morocco"), "base_eur"] == 6_500_000
    assert by_country.loc[(2027, "Morocco"), "more change"] == 1_000_000
    assert by_country.loc[(2027, "Jordan"), "double weight change"] == 0


def test_the_envelope_curve_gives_money_moved_and_the_index(tmp_path):
    # Every envelope × 1.5: BHO ODA 9M, A&M 3M. Morocco (a = 8) absorbs 10M: shelter 9M,
    # dialogue 1M; Jordan dialogue (a = 2) 1.5M committed + 0.5M. Impact 80M + 4M = 84M,
    # index 100 × 84/55; moved: +3M, +0.5M, +0.5M (nothing lost) = 4M. Marginal: 29M impact
    # for 4M more, 7.25M per EUR 1M = 7.25M × 100 / (8M × 8) = 11.328125 index points.
    path = write_workbook(tmp_path / "book.xlsx", sheets([]))
    data = read_workbook(path).data
    result = run_sensitivity(data, SensitivityOptions(scales=(1.0, 1.5), sections=("curve",)))
    curve = result.curve.set_index("scale")
    assert (curve.loc[1.0, "money_moved_eur"], curve.loc[1.0, "index_vs_base"]) == (0, 100)
    assert curve.loc[1.5, "money_moved_eur"] == 4_000_000
    assert curve.loc[1.5, "index_vs_base"] == pytest.approx(100 * 84 / 55)
    assert curve.loc[1.5, "index_points_per_eur_1m"] == pytest.approx(11.328125)
