"""The benchmark generator writes deterministic, valid and feasible workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.generate import Options, generate
from benchmarks.synthetic import SIZES
from optimiser.readers import schema

SEEDS = (1, 2)


def cells(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row."""
    book = load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def column(rows: list[tuple], name: str) -> list[object]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict[int, Path]:
    """Size S, LP, for each seed."""
    folder = tmp_path_factory.mktemp("bench")
    return {seed: generate(folder / f"S-{seed}.xlsx", "S", seed) for seed in SEEDS}


@pytest.mark.parametrize("seed", SEEDS)
def test_same_seed_gives_the_same_cells(small, tmp_path, seed):
    again = generate(tmp_path / "again.xlsx", "S", seed)
    assert cells(again) == cells(small[seed])


def test_another_seed_gives_other_cells(small):
    assert cells(small[1]) != cells(small[2])


@pytest.mark.parametrize("seed", SEEDS)
def test_size_s_has_the_declared_counts(small, seed):
    sheets = cells(small[seed])
    size = SIZES["S"]
    envelopes = sheets[schema.ENVELOPES.name]
    assert len(set(column(envelopes, "year"))) == size.years
    assert len(envelopes) - 1 == size.years * size.sources
    assert len(sheets[schema.COUNTRIES.name]) - 1 == size.countries
    assert len(sheets[schema.INSTRUMENTS.name]) - 1 == size.instruments
    assert len(sheets[schema.SOURCES.name]) - 1 == size.sources
    for sheet in (schema.RETURNS, schema.COMMITMENTS, schema.BASELINE, schema.LIMITS):
        assert len(sheets[sheet.name]) > 1, sheet.name


@pytest.mark.parametrize("seed", SEEDS)
def test_size_s_passes_the_validator(small, seed):
    from optimiser.readers.validate import read_workbook

    data = read_workbook(small[seed]).data
    assert len(data.countries) == SIZES["S"].countries
    assert data.settings.ramp_share == pytest.approx(0.3)
    assert all(i.min_programme_eur == 0 for i in data.instruments)  # an LP by default


def test_mip_option_changes_only_the_minimum_programmes(small, tmp_path):
    from optimiser.readers.validate import read_workbook

    path = generate(tmp_path / "S-mip.xlsx", "S", 1, Options(mip=True))
    lp, mip = cells(small[1]), cells(path)
    name = schema.INSTRUMENTS.name
    assert {k: v for k, v in lp.items() if k != name} == {k: v for k, v in mip.items() if k != name}
    programmes = column(mip[name], "min_programme_eur")
    assert any(amount > 0 for amount in programmes)
    assert column(lp[name], "instrument") == column(mip[name], "instrument")
    read_workbook(path)


@pytest.mark.slow
@pytest.mark.parametrize("options", [Options(), Options(mip=True), Options(max_countries=8)])
def test_size_s_solves(tmp_path, options):
    """Feasible by construction: the tool finds an optimal allocation for every variant."""
    from optimiser.api import run

    path = generate(tmp_path / "S.xlsx", "S", 2, options)
    report = run(path, tmp_path / "S-allocation.xlsx")
    assert report.status == "optimal"
    assert report.impact > 0
