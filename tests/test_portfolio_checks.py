"""Portfolio checks (issue 9 item 3) on tiny hand-made allocation tables."""

from __future__ import annotations

import pandas as pd
import pytest

from models.data import Origin, Settings
from optimiser.readers.schema import ALLOCATION_COLUMNS
from optimiser.results.portfolio_checks import (
    concentration,
    ends_with_commitment,
    herfindahl,
    protection_minimum,
    stop_go,
    unallocated_money,
)
from tests.factory import (
    M,
    baseline,
    commitment,
    country,
    data,
    envelope,
    instrument,
    source,
)


def cells(*rows) -> pd.DataFrame:
    """(year, country, instrument, amount) rows from source N, theme = instrument."""
    return pd.DataFrame([(y, c, i, i, "N", False, a) for y, c, i, a in rows],
                        columns=list(ALLOCATION_COLUMNS))


def three_years(countries=("A",), instruments=("t", "u", "v"), **extra):
    return data([country(name, row=n + 2) for n, name in enumerate(countries)],
                [instrument(name, theme=name, row=n + 2) for n, name in enumerate(instruments)],
                [source("N")], [envelope(y, "N", 10 * M, row=y - 2024) for y in (2026, 2027, 2028)],
                **extra)


def test_concentration_names_the_share_the_setting_and_herfindahl():
    # t 6M, u 2M, v 2M: t holds 60% > 40%; Herfindahl .6² + .2² + .2² = 0.44.
    table = cells((2026, "A", "t", 6 * M), (2026, "A", "u", 2 * M), (2026, "A", "v", 2 * M))
    d = three_years()
    assert herfindahl(table) == pytest.approx(0.44)
    (warning,) = concentration(d, table)
    assert "instrument t holds 60%" in warning and "EUR 6.0M of EUR 10.0M" in warning
    assert "above 40% (Settings, default max_share_warning)" in warning
    assert "Herfindahl index of instruments 0.44" in warning


def test_concentration_follows_the_setting_and_skips_themes_of_one_instrument():
    table = cells((2026, "A", "t", 6 * M), (2026, "A", "u", 2 * M), (2026, "A", "v", 2 * M))
    high = Settings(max_share_warning=0.7, origins={"max_share_warning": Origin("Settings", 9)})
    assert concentration(three_years(settings=high), table) == []
    low = Settings(max_share_warning=0.5, origins={"max_share_warning": Origin("Settings", 9)})
    (warning,) = concentration(three_years(settings=low), table)  # theme t = instrument t
    assert "(Settings row 9 max_share_warning)" in warning


def test_no_concentration_warning_when_the_members_cannot_stay_below_it():
    # Two instruments: one holds at least 50%, above any threshold under 50%.
    table = cells((2026, "A", "t", 6 * M), (2026, "A", "u", 4 * M))
    assert concentration(three_years(instruments=("t", "u")), table) == []


def test_stop_go_country_line_and_baseline():
    # A: 1M, 0, 1M (stops and comes back). B: nothing in 2026 after a 2M baseline, then 1M.
    table = cells((2026, "A", "t", M), (2028, "A", "t", M), (2027, "B", "u", M),
                  (2028, "B", "u", M))
    d = three_years(countries=("A", "B"), baseline=[baseline("B", 2 * M)])
    warnings = stop_go(d, table)
    assert warnings[0] == ("Stop–go: A gets EUR 1.0M, 0, 1.0M in 2026–2028 (baseline 0); "
                           "Settings no_restart TRUE would forbid this.")
    assert warnings[1].startswith("Stop–go: B gets EUR 0, 1.0M, 1.0M in 2026–2028 "
                                  "(baseline 2.0M)")
    assert warnings[2].startswith("Stop–go: line A × t gets EUR 1.0M, 0, 1.0M")
    assert len(warnings) == 3
    assert stop_go(three_years(countries=("A", "B"), settings=Settings(no_restart=True)),
                   table) == []


def test_a_line_that_ends_with_its_commitment():
    # Committed 2026 and 2027 (rows 2, 3), funded then, nothing in 2028.
    table = cells((2026, "A", "t", M), (2027, "A", "t", M), (2028, "A", "u", M))
    d = three_years(commitments=[commitment(2026, "A", "t", M),
                                 commitment(2027, "A", "t", M, row=3)])
    (warning,) = ends_with_commitment(d, table)
    assert "line A × t runs until 2027" in warning and "Commitments rows 2, 3" in warning
    assert "nothing in 2028; min_years is 1 on Instruments row 2" in warning
    kept = cells((2026, "A", "t", M), (2027, "A", "t", M), (2028, "A", "t", M))
    assert ends_with_commitment(d, kept) == []


def test_money_left_unallocated_names_the_envelope_row():
    # 2026: 9M of 10M spent: EUR 1.0M left on Envelopes row 2; 2027 and 2028 spent in full.
    table = cells((2026, "A", "t", 9 * M), (2027, "A", "t", 10 * M), (2028, "A", "t", 10 * M))
    (warning,) = unallocated_money(three_years(), table)
    assert warning.startswith("Unallocated: EUR 1.0M of N 2026 is not allocated "
                              "(Envelopes row 2: EUR 10,000,000, min_spend_share 0%)")


def test_a_high_risk_country_at_exactly_the_do_no_harm_minimum():
    # A is high-risk; 30% must go to protection. 2026: 3M of 10M (exactly 30%); 2027: 4M of 10M.
    settings = Settings(high_risk_threshold=4.0, high_risk_protection_share=0.3,
                        origins={"high_risk_protection_share": Origin("Settings", 6)})
    d = data([country("A", risk=5.0)],
             [instrument("p", theme="protection"), instrument("t", row=3)], [source("N")],
             [envelope(2026, "N", 10 * M), envelope(2027, "N", 10 * M, row=3)],
             settings=settings)
    table = cells((2026, "A", "p", 3 * M), (2026, "A", "t", 7 * M),
                  (2027, "A", "p", 4 * M), (2027, "A", "t", 6 * M))
    (warning,) = protection_minimum(d, table)
    assert "A (high risk) gets exactly 30% of its money for protection in 2026," in warning
    assert "(Settings row 6 high_risk_protection_share)" in warning


def test_a_commitment_before_a_gap_in_the_planning_years():
    # Planning years 2026 and 2028 (no 2027): committed in 2026, nothing in 2028.
    d = data([country("A")], [instrument("t"), instrument("u", row=3)], [source("N")],
             [envelope(2026, "N", 10 * M), envelope(2028, "N", 10 * M, row=3)],
             commitments=[commitment(2026, "A", "t", M)])
    table = cells((2026, "A", "t", M), (2028, "A", "u", M))
    (warning,) = ends_with_commitment(d, table)
    assert "runs until 2026" in warning and "gets nothing in 2028" in warning
