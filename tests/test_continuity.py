"""Continuity rules (SPEC §5.1): hand-checked optima, conflicts, and random workbooks.

Every instance has one country M with priority 1 (weight 1 × score 1), one non-ODA
source N with EUR 10M a year in 2026–2028, and instruments `hi` (effectiveness 2) and
`lo` (effectiveness 1), so a euro is worth 2 on hi and 1 on lo.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models.data import Settings
from models.labels import RuleKey
from optimiser.api import run
from optimiser.errors import InfeasibleError
from optimiser.optimise import optimise
from tests import factory as f
from tests.checker import check_result
from tests.strategies import Planted, planted_workbooks
from tests.workbooks import write_workbook

M = f.M
YEARS = (2026, 2027, 2028)


def plan(hi_years=1, *, no_restart=False, limits=(), countries=None, **extra):
    instruments = [f.instrument("hi", effectiveness=2.0), f.instrument("lo", row=3)]
    instruments[0] = dataclasses.replace(instruments[0], min_years=hi_years)
    return f.data(
        countries or [f.country("M")], instruments, [f.source("N")],
        [f.envelope(y, "N", 10 * M, row=n + 2) for n, y in enumerate(YEARS)],
        settings=Settings(no_restart=no_restart), limits=limits, **extra,
    )


def hi_closed(*years):
    """Limits rows: no money for hi in these years."""
    return [f.limit(f"no hi {y}", year=y, instrument="hi", max_eur=0.0,
                    row=n + 2) for n, y in enumerate(years)]


def amounts(result, country=None, instrument=None) -> dict[int, float]:
    table = result.allocation
    if country:
        table = table[table.country == country]
    if instrument:
        table = table[table.instrument == instrument]
    return {y: float(table[table.year == y].amount_eur.sum()) for y in YEARS}


def test_min_years_keeps_a_line_from_a_start_it_cannot_finish():
    """hi is closed in 2027 and 2028. Without min_years: hi 10M in 2026 (value 20M),
    lo 10M in 2027 and 2028 (10M each): impact 40M. With min_years 2, hi starting in 2026
    would have to run in 2027, where it may not: hi never runs, impact 30M."""
    free = optimise(plan(limits=hi_closed(2027, 2028)))
    assert free.impact == pytest.approx(40 * M)
    held = optimise(plan(hi_years=2, limits=hi_closed(2027, 2028)))
    assert held.impact == pytest.approx(30 * M)
    assert amounts(held, instrument="hi") == {2026: 0, 2027: 0, 2028: 0}


def test_a_start_in_the_last_years_is_not_held_past_the_horizon():
    """hi closed in 2026 and 2027 only, min_years 3: starting in 2028 needs no later
    year. hi 10M in 2028 (20M) + lo 20M: impact 40M."""
    result = optimise(plan(hi_years=3, limits=hi_closed(2026, 2027)))
    assert result.impact == pytest.approx(40 * M)
    assert amounts(result, instrument="hi")[2028] == pytest.approx(10 * M)


def test_no_restart_lets_a_line_run_once():
    """hi closed in 2027. Free: hi 2026, lo 2027, hi 2028: 20 + 10 + 20 = 50M. With
    no_restart hi may run in 2026 or in 2028, not both: 20 + 10 + 10 = 40M."""
    assert optimise(plan(limits=hi_closed(2027))).impact == pytest.approx(50 * M)
    once = optimise(plan(no_restart=True, limits=hi_closed(2027)))
    assert once.impact == pytest.approx(40 * M)
    hi = amounts(once, instrument="hi")
    assert sorted(hi.values()) == [0, 0, 10 * M]


def _two_countries(baseline: bool):
    """M (score 2: a euro on hi is worth 4) and B (score 1: worth 2); M may take at most
    5M in 2027 and 2028, so B gets the other 5M in those years and nothing in 2026."""
    caps = [f.limit(f"M {y}", year=y, country="M", max_eur=5 * M, row=n + 2)
            for n, y in enumerate((2027, 2028))]
    data = plan(no_restart=True, limits=caps,
                countries=[f.country("M", score=2.0), f.country("B", row=3)])
    if baseline:
        data = dataclasses.replace(data, baseline=(f.baseline("B", 1 * M),))
    return data


def test_the_baseline_year_counts_for_a_country():
    """Without a Baseline B starts in 2027: 4 × (10 + 5 + 5)M + 2 × (5 + 5)M = 100M, all
    on hi. With a Baseline of EUR 1M, B counts as active before 2026 and may not stop and
    come back: it keeps the least an active line carries (EUR 10) in 2026, taken from M,
    which costs (4 − 2) per euro."""
    fresh = optimise(_two_countries(baseline=False))
    assert fresh.impact == pytest.approx(100 * M)
    assert amounts(fresh, country="B")[2026] == 0
    kept = optimise(_two_countries(baseline=True))
    kept_2026 = amounts(kept, country="B")[2026]
    assert 1 <= kept_2026 <= 100
    assert kept.impact == pytest.approx(100 * M - 2 * kept_2026, abs=2)


def test_a_committed_line_with_min_years_continues_after_its_commitment():
    """lo is committed in 2026 only, min_years 3: it runs on in 2027 and 2028."""
    data = plan(commitments=[f.commitment(2026, "M", "lo", 1 * M)])
    lo = dataclasses.replace(data.instruments[1], min_years=3)
    result = optimise(dataclasses.replace(data, instruments=(data.instruments[0], lo)))
    assert all(amount >= 1 for amount in amounts(result, instrument="lo").values())


def test_commitments_around_a_closed_year_conflict_with_no_restart():
    """SPEC §5.1's example: commitments in 2026 and 2028, nothing allowed in 2027."""
    data = plan(no_restart=True, limits=hi_closed(2027),
                commitments=[f.commitment(2026, "M", "hi", 1 * M),
                             f.commitment(2028, "M", "hi", 1 * M, ref="C2")])
    with pytest.raises(InfeasibleError) as caught:
        optimise(data)
    named = {label.rule for label in caught.value.diagnosis.conflicting}
    assert RuleKey.NO_RESTART in named and RuleKey.COMMITMENT in named
    assert "once it stops, it does not start again" in str(caught.value)


def test_without_the_new_column_and_key_nothing_changes():
    """min_years 1 and no_restart FALSE are the defaults: no new variables or rows."""
    from models.build import build_model

    model = build_model(plan(limits=hi_closed(2027))).model
    for name in ("running", "line_start", "line_run", "country_run"):
        assert len(model.component(name)) == 0
    for name in ("active_floor", "min_years", "line_no_restart", "country_no_restart"):
        component = model.component(name)
        assert component is None or len(component) == 0


# -- random workbooks ---------------------------------------------------------------------

EXAMPLES = int(os.environ.get("ALLOCATE_PROPERTY_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _sheet(sheets, title: str):
    return next((name for name in sheets if name.casefold() == title.casefold()), None)


def with_continuity(sheets, min_years: int):
    """The workbook with no_restart TRUE and min_years on its first instrument."""
    sheets = {name: [list(row) for row in rows] for name, rows in sheets.items()}
    settings = sheets.setdefault(_sheet(sheets, "Settings") or "Settings", [["key", "value"]])
    header = [str(h).strip().casefold() for h in settings[0]]
    row = [None] * len(header)
    row[header.index("key")], row[header.index("value")] = "no_restart", True
    settings.append(row)
    instruments = sheets[_sheet(sheets, "Instruments")]
    instruments[0].append("min_years")
    first = next(row for row in instruments[1:] if any(v is not None for v in row))
    for row in instruments[1:]:
        row.append(min_years if row is first else None)
    return sheets


@PROPERTY
@given(planted_workbooks(), st.integers(1, 3))
def test_with_continuity_rules_a_result_never_restarts(planted: Planted, min_years: int):
    """Solved with no_restart (and min_years), every result the tool writes passes the
    checker's §5.1 rules; a workbook whose planted commitments restart is infeasible."""
    with tempfile.TemporaryDirectory() as folder:
        source = write_workbook(Path(folder) / "w.xlsx", with_continuity(planted.sheets,
                                                                         min_years))
        target = Path(folder) / "w-allocation.xlsx"
        try:
            run(source, target)
        except InfeasibleError:
            event("infeasible with continuity rules")
            return
        event("solved with continuity rules")
        violations = check_result(target, input_path=source).violations
        assert not [v for v in violations if v.rule.startswith(("no_restart", "min_years"))]
        assert not [v for v in violations if v.rule != "Summary impact"], violations
