"""The result workbook: sheets and their order, the Summary table, formats, charts, totals."""

from __future__ import annotations

import hashlib
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from optimiser.api import run
from optimiser.errors import UsageError
from optimiser.readers import schema
from optimiser.results.index import impact_index
from optimiser.writers.report import (
    BINDING,
    BY_COUNTRY,
    BY_INSTRUMENT,
    BY_THEME,
    ENVELOPE_USE,
    MATRIX_ALL,
    PAIR_VALUES,
    PRIORITIES,
    RUN_INFO,
    result_sheet_names,
)
from optimiser.writers.report_summary import PRICE_TITLE
from tests.report_books import FORMULA_NAME, write_book

INPUT_SHEETS = ["Criteria", "Countries", "Instruments", "Sources", "Envelopes"]
TABLE_SHEETS = [schema.ALLOCATION, BY_COUNTRY, BY_INSTRUMENT, BY_THEME, "Matrix 2028",
                MATRIX_ALL, ENVELOPE_USE, BINDING, PRIORITIES, PAIR_VALUES, RUN_INFO]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    source = write_book(folder / "book.xlsx")
    report = run(source, folder / "book-allocation.xlsx", mip_gap=0.001)
    return source, report, load_workbook(report.output_path)


def table(book, title: str) -> pd.DataFrame:
    """The table at A1 of sheet `title` (its header ends at the first empty cell)."""
    rows = list(book[title].iter_rows(values_only=True))
    width = next((n for n, h in enumerate(rows[0]) if h is None), len(rows[0]))
    header = rows[0][:width]
    return pd.DataFrame([r[:width] for r in rows[1:] if any(v is not None for v in r[:width])],
                        columns=header)


def test_summary_first_then_result_sheets_then_the_input_sheets(written):
    _, _, book = written
    assert book.sheetnames == [*result_sheet_names(2028), *INPUT_SHEETS]
    assert book.active.title == schema.SUMMARY
    assert [s.title for s in book.worksheets if s.sheet_view.tabSelected] == [schema.SUMMARY]


def test_input_sheets_are_unchanged(written):
    source, _, book = written
    before = load_workbook(source)
    for title in INPUT_SHEETS:
        assert list(book[title].values) == list(before[title].values)


def test_summary_is_a_key_value_table_with_the_contract_keys_first(written):
    _, report, book = written
    sheet = book[schema.SUMMARY]
    assert (sheet["A1"].value, sheet["B1"].value) == ("key", "value")
    pairs = {}
    for key, value in sheet.iter_rows(min_row=2, max_col=2, values_only=True):
        if key is None:
            break
        pairs[key] = value
    assert list(pairs)[:3] == ["status", "impact", "total_eur"]
    result = report.result
    assert pairs["status"] == result.status == "optimal"
    assert pairs["impact"] == pytest.approx(result.impact)
    assert pairs["total_eur"] == result.total_eur == result.allocation["amount_eur"].sum()
    assert pairs["total_eur_2027"] + pairs["total_eur_2028"] == pairs["total_eur"]
    assert pairs["oda_eur"] + pairs["non_oda_eur"] == pairs["total_eur"]
    assert pairs["binding_rules"] == len(result.binding)
    for key in ("gap", "envelope_eur", "unallocated_eur", "countries_funded", "input"):
        assert key in pairs
    assert sheet["B3"].number_format == "#,##0"  # impact
    assert sheet["A5"].value == "impact_index" and sheet["B5"].number_format == "0.00"
    assert pairs["impact_index"] == pytest.approx(impact_index(result.data, result.impact))
    assert sheet["B6"].number_format == "0.000%"  # gap


def test_summary_front_page_has_its_sections(written):
    _, _, book = written
    sheet = book[schema.SUMMARY]
    texts = [c.value for row in sheet.iter_rows(min_col=4) for c in row
             if isinstance(c.value, str)]
    for section in ("Totals per year (EUR)", "Envelope use per source and year (EUR)",
                    PRICE_TITLE,
                    "Warnings"):
        assert section in texts
    for header in ("ODA", "non-ODA", "envelope", "unallocated", "committed",
                   "newly allocated"):
        assert header in texts
    assert sheet.freeze_panes == "A2"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_summary_shows_the_envelope_prices_as_sources_by_years(written):
    _, report, book = written
    sheet = book[schema.SUMMARY]
    cells = {c.value: c for row in sheet.iter_rows(min_col=4, max_col=4) for c in row}
    title = cells[PRICE_TITLE]
    header = [c.value for c in sheet[title.row + 1][3:6]]
    assert header == ["source", "2027", "2028"]
    shown = {sheet.cell(title.row + 2 + n, 4).value:
             [sheet.cell(title.row + 2 + n, 5 + k).value for k in range(2)] for n in range(2)}
    prices = report.result.envelope_prices.set_index(["source", "year"])["shadow_price"]
    # index points = 100 × impact / scale: a shadow price (impact per EUR 1M) the same way
    points = impact_index(report.result.data, 1.0)
    for source, values in shown.items():
        assert values == [pytest.approx(prices[(source, year)] * points)
                          for year in (2027, 2028)]
    assert sheet.cell(title.row + 2, 5).number_format == "0.0000"  # index points, not euros


@pytest.mark.parametrize("title", TABLE_SHEETS)
def test_table_sheets_have_frozen_headers_filters_and_no_merged_cells(written, title):
    sheet = written[2][title]
    assert sheet.freeze_panes in ("A2", "B2", "C2", "D2")
    assert sheet.auto_filter.ref.startswith("A1:")
    assert not sheet.merged_cells.ranges
    assert sheet.print_title_rows == "$1:$1"  # repeated on every printed page
    assert all(cell.font.bold for cell in sheet[1] if cell.value is not None and
               cell.column <= len(table(written[2], title).columns))
    assert sheet.column_dimensions["A"].width >= 8


def test_euro_formats_with_thousands_separators(written):
    _, _, book = written
    allocation = book[schema.ALLOCATION]
    assert allocation["G1"].value == "amount_eur"
    assert {allocation.cell(r, 7).number_format for r in range(2, allocation.max_row + 1)} == {
        "#,##0"}
    by_country = book[BY_COUNTRY]
    assert [c.value for c in by_country[1]][:4] == ["country", "2027", "2028", "Total"]
    assert by_country["B2"].number_format == by_country["D2"].number_format == "#,##0"
    assert book["Matrix 2028"]["B2"].number_format == "#,##0"
    envelope = table(book, ENVELOPE_USE)
    assert list(envelope.columns[:5]) == ["envelope", "year", "source", "oda", "envelope_eur"]
    assert book[ENVELOPE_USE]["J2"].number_format == "0.0%"  # use_share


def test_charts_are_native_stacked_bars_beside_their_tables(written):
    _, _, book = written
    for title, series in ((BY_COUNTRY, 2), (BY_INSTRUMENT, 2), (BY_THEME, 2),
                          (ENVELOPE_USE, 3)):
        charts = book[title]._charts
        assert len(charts) == 1, title
        chart = charts[0]
        assert (chart.type, chart.grouping) == ("bar", "stacked")
        assert len(chart.series) == series
    refs = [s.val.numRef.f for s in book[BY_COUNTRY]._charts[0].series]
    assert refs == ["'By country'!$B$2:$B$4", "'By country'!$C$2:$C$4"]  # not the Total row
    assert not book[schema.SUMMARY]._charts


def test_matrix_totals_equal_the_allocation(written):
    _, report, book = written
    allocation = report.result.allocation
    for title, chosen in (("Matrix 2028", allocation[allocation["year"] == 2028]),
                          (MATRIX_ALL, allocation)):
        matrix = table(book, title).set_index("country")
        by_country = chosen.groupby("country")["amount_eur"].sum()
        by_instrument = chosen.groupby("instrument")["amount_eur"].sum()
        for country, amount in by_country.items():
            assert matrix.loc[country, "Total"] == pytest.approx(amount)
        for instrument, amount in by_instrument.items():
            assert matrix.loc["Total", instrument] == pytest.approx(amount)
        assert matrix.loc["Total", "Total"] == pytest.approx(chosen["amount_eur"].sum())
        cells = matrix.drop(index="Total", columns="Total")
        assert cells.sum().sum() == pytest.approx(chosen["amount_eur"].sum())
    by_country = table(book, BY_COUNTRY).set_index("country")
    matrix = table(book, "Matrix 2028").set_index("country")
    assert (by_country["2028"] == matrix["Total"]).all()


def test_matrix_year_is_chosen_or_refused(tmp_path):
    source = write_book(tmp_path / "book.xlsx")
    report = run(source, tmp_path / "out.xlsx", matrix_year=2027)
    book = load_workbook(report.output_path)
    assert "Matrix 2027" in book.sheetnames and "Matrix 2028" not in book.sheetnames
    info = dict(table(book, RUN_INFO)[["key", "value"]].values)
    assert info["matrix_year"] == 2027
    with pytest.raises(UsageError, match=r"2031 is not a planning year.*2027, 2028"):
        run(source, tmp_path / "other.xlsx", matrix_year=2031)
    assert not (tmp_path / "other.xlsx").exists()


def test_a_result_workbook_solved_again_gets_fresh_result_sheets(written, tmp_path):
    _, first, _ = written
    again = run(first.output_path, tmp_path / "again.xlsx", matrix_year=2027)
    book = load_workbook(again.output_path)
    assert book.sheetnames == [*result_sheet_names(2027), *INPUT_SHEETS]  # no stale matrix
    assert table(book, schema.ALLOCATION).equals(table(written[2], schema.ALLOCATION))


def test_names_stay_text_never_formulas(written):
    _, report, _ = written
    with zipfile.ZipFile(report.output_path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(n).decode() for n in sheets)
    assert "<f>" not in xml and "<f " not in xml
    book = load_workbook(report.output_path)
    found = [c for s in book.worksheets for row in s.iter_rows() for c in row
             if c.value == FORMULA_NAME]
    assert len(found) >= 4  # the input sheet, Priorities, Pair values, the matrices ...
    assert all(c.data_type == "s" for c in found)


def test_binding_limits_in_workbook_terms(written):
    _, report, book = written
    binding = table(book, BINDING)
    assert list(binding.columns) == ["sheet", "row", "rule", "description", "binds at",
                                     "index points", "shadow price", "per"]
    points = binding["shadow price"] * impact_index(report.result.data, 1.0)
    assert (binding["index points"] - points).abs().max() < 1e-9
    envelopes = binding[binding["rule"] == "Envelope"]
    assert set(envelopes["sheet"]) == {"Envelopes"}
    assert sorted(envelopes["row"]) == [2, 3, 4, 5]
    assert set(envelopes["per"]) == {"impact per extra EUR 1M"}
    notes = " ".join(c.value for c in book[BINDING]["K"] if c.value)
    assert "index points: how many points the impact index rises" in notes
    assert book[BINDING].print_area is not None  # the notes are not printed


def test_priorities_and_pair_values(written):
    _, report, book = written
    priorities = table(book, PRIORITIES)
    assert list(priorities["country"]) == ["Morocco", FORMULA_NAME, "Jordan"]
    assert list(priorities["rank"]) == [1, 2, 3]
    part = "relevance (weight 2 × score)"
    assert list(priorities[part]) == [8, 6, 2]  # weight 2 × scores 4, 3, 1
    assert (priorities["priority"] == priorities[part]).all()
    pairs = table(book, PAIR_VALUES)
    assert len(pairs) == 6
    product = pairs["priority"] * pairs["effectiveness"] * pairs["fit"]
    assert (pairs["value_per_eur"] == product).all()
    assert pairs["allocated_eur"].sum() == report.result.total_eur


def test_run_info_records_input_versions_settings_and_times(written):
    source, _, book = written
    info = table(book, RUN_INFO)
    assert list(info.columns) == ["key", "value", "note"]
    values = dict(info[["key", "value"]].values)
    notes = dict(info[["key", "note"]].values)
    assert values["input_file"] == "book.xlsx"
    assert values["input_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", values["run_started"])
    for key in ("version_allocate", "version_pyomo", "version_highs", "version_python"):
        assert values[key]
    for setting in schema.SETTING_KEYS:
        assert f"setting_{setting.key}" in values
    assert values["setting_mip_gap"] == 0.001
    assert notes["setting_mip_gap"] == "command line --mip-gap"
    assert notes["setting_time_limit_s"] == "default"
    assert values["status"] == "optimal" and values["shadow_prices_from"] == "LP"
    phases = [key.removeprefix("seconds_") for key in values if key.startswith("seconds_")]
    # Every phase before the write, in order: the tables are timed too (issue 13).
    assert phases == ["read", "build", "compile", "solve", "tiebreak", "tables"]
    assert all(values[f"seconds_{phase}"] >= 0 for phase in phases)


@pytest.mark.slow
def test_the_example_result_workbook(tmp_path):
    report = run(None, tmp_path / "example-allocation.xlsx")
    book = load_workbook(report.output_path)
    result = report.result
    assert book.sheetnames[:13] == list(result_sheet_names(2030))  # 118M in 2029 and 2030
    binding = table(book, BINDING)
    assert (binding["rule"] == "Envelope").sum() == 20
    notes = " ".join(c.value for c in book[BINDING]["K"] if c.value)
    assert "hold the base's choices of what is funded" in notes
    assert set(binding["rule"]) >= {"Envelope", "Absorption", "Commitment", "Limits row"}
    priorities = table(book, PRIORITIES)
    parts = [c for c in priorities.columns if "× score" in c]
    assert len(parts) == 4
    assert (priorities[parts].sum(axis=1) - priorities["priority"]).abs().max() < 1e-9
    matrix = table(book, MATRIX_ALL).set_index("country")
    assert matrix.loc["Total", "Total"] == result.total_eur
    for title in (BY_COUNTRY, BY_INSTRUMENT, ENVELOPE_USE):
        assert len(book[title]._charts) == 1
