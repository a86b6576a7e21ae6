"""allocate scenarios' engine: the base and every scenario in one batch, bad ones reported
with their explanation, the others untouched, and a value set equal to the base changing
nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from optimiser.readers.validate import read_workbook
from optimiser.whatif.resolve import REBUILD
from optimiser.whatif.scenario_run import BASE, SHEET_PROBLEMS, run_scenarios
from tests.workbooks import Rows, minimal_sheets, write_workbook

HEADER = ["scenario", "sheet", "match", "column", "operation", "value"]
SAME = ["same", "Envelopes", "year=2027;source=BHO ODA", "amount_eur", "set", 6_000_000]
MORE = ["more", "Envelopes", "source=BHO ODA", "amount_eur", "add", 1_000_000]
CUT = ["cut", "Envelopes", "source=A&M non-ODA", "amount_eur", "scale", 0.5]  # 1M < 1.5M
TYPO = ["typo", "Countries", "country=Marocco", "absorption_eur", "set", 0]
MOROCCO_OUT = ["morocco out", "Countries", "country=Morocco", "absorption_eur", "set", 0]
JORDAN_OUT = ["jordan out", "Countries", "country=Jordan", "absorption_eur", "set", 0]
NAMELESS = [None, "Countries", "country=Jordan", "absorption_eur", "set", 0]


def sheets(rows: Rows) -> dict[str, Rows]:
    """minimal_sheets (Morocco priority 8, absorbs 10M; Jordan priority 2) with a
    commitment of EUR 1.5M to Jordan from the EUR 2M A&M non-ODA envelope."""
    book = minimal_sheets()
    book["Commitments"] = [
        ["reference", "year", "country", "instrument", "source", "amount_eur"],
        ["J1", 2027, "Jordan", "dialogue", "A&M non-ODA", 1_500_000],
    ]
    book["Scenarios"] = [HEADER, *rows]
    return book


def compare(tmp_path: Path, rows: Rows, name: str = "book.xlsx"):
    workbook = read_workbook(write_workbook(tmp_path / name, sheets(rows)))
    return run_scenarios(workbook)


def by_name(comparison):
    return {outcome.name: outcome for outcome in comparison.outcomes}


def test_a_value_set_equal_to_the_base_gives_the_base_result(tmp_path):
    outcomes = by_name(compare(tmp_path, [SAME]))
    base, same = outcomes[BASE], outcomes["same"]
    assert same.status == base.status == "optimal"
    assert same.changes == []
    assert same.result.impact == base.result.impact
    pd.testing.assert_frame_equal(same.result.allocation, base.result.allocation)


def test_bad_scenarios_in_the_middle_leave_the_others_intact(tmp_path):
    rows = [SAME, CUT, TYPO, JORDAN_OUT, NAMELESS, MORE, MOROCCO_OUT]
    comparison = compare(tmp_path, rows)
    outcomes = by_name(comparison)
    assert [o.name for o in comparison.outcomes] == [
        BASE, "same", "cut", "typo", "jordan out", "more", "morocco out", SHEET_PROBLEMS]
    statuses = {name: o.status for name, o in outcomes.items()}
    assert statuses == {BASE: "optimal", "same": "optimal", "cut": "infeasible",
                        "typo": "invalid", "jordan out": "infeasible", "more": "optimal",
                        "morocco out": "optimal", SHEET_PROBLEMS: "invalid"}
    # Infeasible ones carry the explanation `allocate explain` gives, re-solved or rebuilt.
    assert "commit" in outcomes["cut"].message and "J1" in outcomes["cut"].message
    assert outcomes["jordan out"].result.method == REBUILD
    assert "absorption" in outcomes["jordan out"].message
    assert "did you mean 'Morocco'" in outcomes["typo"].message
    assert "Scenarios!A" in outcomes[SHEET_PROBLEMS].message  # the nameless row
    assert outcomes["morocco out"].result.method == REBUILD
    alone = by_name(compare(tmp_path, [SAME, MORE, MOROCCO_OUT], "alone.xlsx"))
    for name in (BASE, "same", "more", "morocco out"):
        assert outcomes[name].result.impact == alone[name].result.impact
        pd.testing.assert_frame_equal(outcomes[name].result.allocation,
                                      alone[name].result.allocation)


def test_the_comparison_tables(tmp_path):
    comparison = compare(tmp_path, [MORE, CUT])
    summary = comparison.summary.set_index("scenario")
    assert summary.loc["more", "total_change_eur"] == pytest.approx(1_000_000)
    assert summary.loc["more", "impact_change"] > 0
    assert summary.loc["more", "oda_eur"] == pytest.approx(7_000_000)
    assert pd.isna(summary.loc["cut", "impact"])
    countries = comparison.by_country.set_index("country")
    assert list(countries.columns) == [BASE, "more", "more change"]
    assert countries["more change"].sum() == pytest.approx(1_000_000)
    changes = comparison.input_changes
    assert changes[["scenario", "sheet", "cell", "column", "row", "old", "new"]].values.tolist() \
        == [["more", "Envelopes", "C2", "amount_eur", "2027, BHO ODA", 6_000_000, 7_000_000.0],
            ["cut", "Envelopes", "C3", "amount_eur", "2027, A&M non-ODA", 2_000_000,
             1_000_000.0]]


@pytest.mark.slow
def test_the_examples_scenarios_all_solve_and_the_no_change_one_is_the_base():
    from optimiser.writers.template import example_path

    outcomes = by_name(run_scenarios(read_workbook(example_path())))
    assert list(outcomes) == [BASE, "A&M non-ODA cut 15% in 2027",
                              "Return cooperation weighs more", "Tunisia drops out",
                              "Extra EUR 10M in 2028 BHO ODA", "Ramp as in the base"]
    assert all(o.status == "optimal" for o in outcomes.values())
    same, base = outcomes["Ramp as in the base"], outcomes[BASE]
    assert same.changes == [] and same.result.impact == base.result.impact
    pd.testing.assert_frame_equal(same.result.allocation, base.result.allocation)
    tunisia = outcomes["Tunisia drops out"].result.allocation
    assert "Tunisia" not in set(tunisia["country"])
