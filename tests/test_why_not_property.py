"""Property: on any small plan, Why not has one row per zero country, zero instrument
and envelope with money left, each with a reason, where and change; and the portfolio
checks are the same list run after run."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.data import Settings
from optimiser.optimise import optimise
from optimiser.results.portfolio_checks import portfolio_checks
from optimiser.results.why_not import COUNTRY, INSTRUMENT, MONEY, unallocated, why_not_table
from tests.factory import M, country, data, envelope, fit, instrument, source

PROPERTY = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plans(draw):
    n_countries = draw(st.integers(1, 4))
    countries = [country(f"C{k}", score=draw(st.sampled_from([0.5, 1, 2, 3])),
                         dac=draw(st.booleans()),
                         absorption=draw(st.sampled_from([None, 1 * M, 3 * M])), row=k + 2)
                 for k in range(n_countries)]
    instruments = [instrument(f"I{k}", theme=f"T{k % 2}",
                              oda_share=draw(st.sampled_from([0.0, 0.5, 1.0])),
                              effectiveness=draw(st.sampled_from([0.5, 1, 1.5])),
                              min_programme=draw(st.sampled_from([0.0, 2 * M, 20 * M])),
                              row=k + 2)
                   for k in range(draw(st.integers(1, 3)))]
    fits = [fit(c.name, i.name, 0.0, row=n + 2) for n, (c, i) in enumerate(
        (c, i) for c in countries for i in instruments) if draw(st.booleans())]
    envelopes = [envelope(year, s, draw(st.sampled_from([2 * M, 6 * M])), row=n + 2)
                 for n, (year, s) in enumerate((y, s) for y in (2026, 2027) for s in ("N", "O"))]
    max_countries = draw(st.sampled_from([None, 1, 2]))
    return data(countries, instruments, [source("N"), source("O", oda=True, row=3)], envelopes,
                fits=fits, settings=Settings(max_countries=max_countries))


@PROPERTY
@given(plans())
def test_why_not_covers_every_zero_and_every_left_euro(plan):
    result = optimise(plan)
    table = why_not_table(result)
    cells = result.allocation
    got = cells.groupby("country")["amount_eur"].sum() if not cells.empty else {}
    used = cells.groupby("instrument")["amount_eur"].sum() if not cells.empty else {}
    zero_countries = {c.name for c in plan.countries if got.get(c.name, 0) < 0.5}
    zero_instruments = {i.name for i in plan.instruments if used.get(i.name, 0) < 0.5}
    assert set(table.loc[table["what"] == COUNTRY, "name"]) == zero_countries
    assert set(table.loc[table["what"] == INSTRUMENT, "name"]) == zero_instruments
    left = {(e.year, e.source) for e, _ in unallocated(plan, cells)}
    money = table[table["what"] == MONEY]
    assert set(zip(money["year"], money["source"], strict=True)) == left
    for column in ("reason", "explanation", "where", "change"):
        assert table[column].map(lambda text: isinstance(text, str) and text != "").all()
    assert portfolio_checks(result) == portfolio_checks(optimise(plan))
