"""The shipped example: built by its script, valid, and feasible by arithmetic.

The arithmetic checks do not use the model: they show that the commitments,
the only hard money already fixed, fit every rule on their own, and that the
ramp leaves room for the envelopes to be spent. The slow test then solves it.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

from models.data import AllocationData
from optimiser.readers import schema
from optimiser.readers.validate import read_workbook
from optimiser.writers.template import README, example_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TOTAL_2029 = 118_000_000  # the one public figure


def _build_script():
    spec = importlib.util.spec_from_file_location(
        "build_example", ROOT / "scripts" / "build_example.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data() -> AllocationData:
    validated = read_workbook(example_path())
    assert validated.warnings == ()
    return validated.data


def _values(path: Path) -> dict[str, list[tuple]]:
    return {sheet.title: list(sheet.iter_rows(values_only=True))
            for sheet in load_workbook(path)}


def test_shipped_example_is_what_the_script_builds(tmp_path):
    built = _build_script().build(tmp_path / "example.xlsx")
    assert _values(built) == _values(example_path())


def test_example_is_marked_illustrative():
    book = load_workbook(example_path())
    readme = " ".join(str(row[0]) for row in book[README].iter_rows(values_only=True))
    assert "ILLUSTRATIVE" in readme
    settings = book[schema.SETTINGS.name]
    assert "ILLUSTRATIVE" in settings["D2"].value  # the first note, next to the first key
    assert "assumptions" in settings["D1"].comment.text


def test_horizon_and_envelopes(data):
    years = sorted({e.year for e in data.envelopes})
    assert years == [2026, 2027, 2028, 2029, 2030]
    totals = _envelope_totals(data)
    assert totals[2029] == EXAMPLE_TOTAL_2029
    assert [totals[y] for y in years] == sorted(totals[y] for y in years)  # rising, then flat
    assert len(data.countries) == 18 and len(data.instruments) == 13 and len(data.sources) == 4


def test_commitments_fit_the_envelopes(data):
    envelope = {(e.year, e.source): e.amount_eur for e in data.envelopes}
    by_source, unsourced = defaultdict(float), defaultdict(float)
    for commitment in data.commitments:
        if commitment.source is None:
            unsourced[commitment.year] += commitment.amount_eur
        else:
            by_source[commitment.year, commitment.source] += commitment.amount_eur
    for key, amount in by_source.items():
        assert amount <= envelope[key], key
    totals = _envelope_totals(data)
    for year in totals:
        committed = sum(a for (y, _), a in by_source.items() if y == year) + unsourced[year]
        assert committed <= totals[year]


def test_committed_cells_respect_oda_fit_capacity_and_minimum(data):
    """Each committed cell can be funded at exactly its committed amount."""
    instruments = {i.name: i for i in data.instruments}
    countries = {c.name: c for c in data.countries}
    oda_sources = {s.name for s in data.sources if s.oda}
    fits = {(f.country, f.instrument): f for f in data.fits}
    for (year, country, name), (total, oda) in _committed_cells(data, oda_sources).items():
        instrument, pair = instruments[name], fits.get((country, name))
        assert oda <= instrument.oda_share * total + 1e-6, (year, country, name)
        assert oda == 0 or countries[country].dac_eligible
        assert pair is None or pair.fit > 0
        capacity = pair.capacity_eur if pair and pair.capacity_eur is not None else None
        assert total <= (capacity or countries[country].absorption_eur)
        assert total >= instrument.min_programme_eur


def test_ramp_from_the_baseline_leaves_room(data):
    """The ramp band around the baseline holds each country's commitments in the
    first year, and the countries can together take the first year's budget."""
    s, countries = data.settings, {c.name: c for c in data.countries}
    first = min(e.year for e in data.envelopes)
    baseline = {b.country: b.amount_eur for b in data.baseline}
    committed = defaultdict(float)
    for commitment in data.commitments:
        if commitment.year == first:
            committed[commitment.country] += commitment.amount_eur
    room = 0.0
    for name, country in countries.items():
        upper = country.absorption_eur
        if name in baseline:
            band = s.ramp_share * baseline[name] + s.ramp_eur
            upper = min(upper, baseline[name] + band)
            assert committed[name] <= upper, name
            assert baseline[name] - band <= upper  # may also shrink within the band
        room += upper
    assert room >= _envelope_totals(data)[first]
    # From year to year the portfolio may grow by ramp_share plus ramp_eur per country.
    totals = [_envelope_totals(data)[y] for y in sorted(_envelope_totals(data))]
    for previous, current in itertools.pairwise(totals):
        assert current <= previous * (1 + s.ramp_share) + s.ramp_eur * len(countries)


def test_do_no_harm_can_be_met_where_money_is_committed(data):
    """A committed high-risk country can add protection within its absorption."""
    s = data.settings
    protection = next(i for i in data.instruments if i.theme == s.protection_theme)
    risky = {c.name: c for c in data.countries if c.human_rights_risk >= s.high_risk_threshold}
    cells = _committed_cells(data, set())
    for year, country, name in cells:
        if country not in risky:
            continue
        in_country = sum(t for (y, c, _), (t, _) in cells.items() if (y, c) == (year, country))
        protected = sum(t for (y, c, i), (t, _) in cells.items()
                        if (y, c, i) == (year, country, protection.name))
        needed = max(s.high_risk_protection_share * in_country - protected, 0)
        if needed > 0:
            needed = max(needed, protection.min_programme_eur)
            # Protection added to reach the share raises the total too.
            needed = max(needed, s.high_risk_protection_share * (in_country + needed) - protected)
        assert in_country + needed <= risky[country].absorption_eur, (year, country, name)


@pytest.mark.slow
def test_example_solves_to_optimality_and_spends_its_budget(tmp_path):
    from optimiser.api import run

    report = run(example_path(), tmp_path / "example-allocation.xlsx")
    assert report.status == "optimal"
    allocation = report.result.allocation
    spent = allocation.groupby("year")["amount_eur"].sum()
    assert spent[2029] == pytest.approx(EXAMPLE_TOTAL_2029, abs=100)


def _envelope_totals(data: AllocationData) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for envelope in data.envelopes:
        totals[envelope.year] += envelope.amount_eur
    return dict(totals)


def _committed_cells(data: AllocationData, oda_sources: set[str]) -> dict:
    """(year, country, instrument) -> (committed total, committed from ODA sources)."""
    cells: dict = defaultdict(lambda: (0.0, 0.0))
    for c in data.commitments:
        total, oda = cells[c.year, c.country, c.instrument]
        cells[c.year, c.country, c.instrument] = (
            total + c.amount_eur, oda + (c.amount_eur if c.source in oda_sources else 0.0)
        )
    return dict(cells)
