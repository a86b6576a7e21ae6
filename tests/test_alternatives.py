"""Near-optimal alternatives (SPEC §5.2): a hand-checked instance, the steered ones, the
workbook checked by the independent checker, determinism and every usage error."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from openpyxl import load_workbook

from optimiser.api import alternatives
from optimiser.cli.main import main
from optimiser.errors import UsageError
from optimiser.readers.validate import read_workbook
from optimiser.whatif.alternatives import (
    AlternativeOptions,
    Steer,
    difference_eur,
    find_alternatives,
    horizon_totals,
)
from optimiser.whatif.alternatives_report import comparison_table
from optimiser.writers.office import soffice, to_csv, to_pdf
from tests.checker_alternatives import check_alternatives
from tests.cli_helpers import sha256
from tests.strategies import Planted, planted_workbooks
from tests.test_property import EXAMPLES, PROPERTY
from tests.test_whatif_cli import charts_by_sheet
from tests.workbooks import write_workbook

M = 1_000_000
ROUNDING = 10.0  # euros: the band row sits 1e-7 of the impact above its floor (≈ 2 euros)


def three_countries() -> dict:
    """One year, EUR 10M to spend in full, one instrument; A, B, C worth 1, 0.9, 0.5 per
    euro, each absorbing at most EUR 6M.

    Best: A 6M, B 4M, C 0 (impact 6 + 3.6 = 9.6M). With within = 10% the floor is 8.64M,
    so 0.96M of impact may be given up:
    - favour C: moving a euro B→C costs 0.4, A→C 0.5, so all of it goes B→C:
      2.4M; A 6M, B 1.6M, C 2.4M (impact 6 + 1.44 + 1.2 = 8.64M);
    - avoid A: A→B costs 0.1 (B has room for 2M: 0.2M), then A→C 0.5 for the other
      0.76M: 1.52M; A 2.48M, B 6M, C 1.52M (impact 2.48 + 5.4 + 0.76 = 8.64M);
    - spread, from the best alone: use shares A .6, B .4, C 0, centred on 1/3, so the
      weights are A +.267, B +.067, C −.333 per euro. A→B gains .2 for a cost of .1 (2 per
      unit of impact), A→C gains .6 for .5 (1.2), B→C .4 for .4 (1): B fills first from A
      (2M), then A→C with the rest, the same allocation as "avoid A". With favour C found
      first, the mean shares are A .6, B .28, C .12, weights +.267, −.053, −.213: A→B
      again first (3.2 per unit), then A→C (0.96) before B→C (0.4): the same again, so
      next to "avoid A" it is no alternative.
    """
    return {
        "Criteria": [["criterion", "weight"], ["k", 1]],
        "Countries": [["country", "dac_eligible", "absorption_eur", "k"],
                      ["A", True, 6 * M, 1.0], ["B", True, 6 * M, 0.9],
                      ["C", True, 6 * M, 0.5]],
        "Instruments": [["instrument", "theme", "oda_share"], ["t", "general", 0]],
        "Sources": [["source", "oda"], ["N", False]],
        "Envelopes": [["year", "source", "amount_eur", "min_spend_share"], [2027, "N", 10 * M, 1]],
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "three.xlsx", three_countries())


def _country_totals(data, alternative) -> list[float]:
    return list(horizon_totals(data, alternative.allocation, "country"))


def test_hand_checked_steered_alternatives(book):
    data = read_workbook(book).data
    options = AlternativeOptions(within=0.10, count=0, steers=(
        Steer.parse("favour", "country=c"), Steer.parse("avoid", "country=A")))
    result = find_alternatives(data, options)
    assert result.best.impact == pytest.approx(9.6 * M)
    assert _country_totals(data, result.best) == [6 * M, 4 * M, 0]
    favour, avoid = result.alternatives
    assert favour.aim == "more money for country C"
    assert _country_totals(data, favour) == pytest.approx([6 * M, 1.6 * M, 2.4 * M],
                                                          abs=ROUNDING)
    assert avoid.aim == "less money for country A"
    assert _country_totals(data, avoid) == pytest.approx([2.48 * M, 6 * M, 1.52 * M],
                                                         abs=ROUNDING)
    for alternative in result.alternatives:
        assert 8.64 * M <= alternative.impact <= 8.64 * M + ROUNDING
    assert [a.name for a in result.alternatives] == ["A1", "A2"]


def test_hand_checked_spread_alternative(book):
    data = read_workbook(book).data
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=1))
    (spread,) = result.alternatives
    assert spread.aim.startswith("spread money away")
    assert _country_totals(data, spread) == pytest.approx([2.48 * M, 6 * M, 1.52 * M],
                                                          abs=ROUNDING)


def test_a_spread_alternative_equal_to_a_steered_one_is_dropped(book):
    """The spread weights give the allocation of "avoid A" (see three_countries): asked for
    first, it makes that spread one no alternative, and the fixed next directions are
    tried; whatever is kept differs from everything else by EUR 1M."""
    data = read_workbook(book).data
    steers = (Steer.parse("favour", "country=C"), Steer.parse("avoid", "country=A"))
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=1, steers=steers))
    found = result.all
    for n, one in enumerate(found):
        for other in found[n + 1:]:
            assert difference_eur(data, one.allocation, other.allocation) >= M


def test_spread_alternatives_differ_by_at_least_a_million(book):
    data = read_workbook(book).data
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=3))
    found = [result.best, *result.alternatives]
    assert len(found) >= 3  # the spread one, then fallback directions (less A, more C, ...)
    for n, one in enumerate(found):
        for other in found[n + 1:]:
            assert difference_eur(data, one.allocation, other.allocation) >= M


def test_no_room_gives_no_alternative_and_says_why(book):
    data = read_workbook(book).data
    result = find_alternatives(data, AlternativeOptions(within=0.0, count=2))
    assert result.alternatives == ()
    assert "0 of the 2 alternatives" in result.notes[-1]


def test_a_steer_with_no_room_says_so(book):
    """A already holds its whole absorption (EUR 6M) in the best allocation."""
    data = read_workbook(book).data
    result = find_alternatives(data, AlternativeOptions(
        within=0.10, count=0, steers=(Steer.parse("favour", "country=A"),)))
    (favour,) = result.alternatives
    assert _country_totals(data, favour)[0] == 6 * M
    assert result.notes == ("A1 (more money for country A) is within EUR 1,000,000 of the "
                            "best allocation: the rules leave no room to move money that way.",)


def test_a_theme_gathers_its_instruments(tmp_path):
    sheets = three_countries()
    sheets["Instruments"] = [["instrument", "theme", "oda_share", "effectiveness"],
                             ["t", "general", 0, 1.0], ["p", "Protection", 0, 0.5]]
    data = read_workbook(write_workbook(tmp_path / "t.xlsx", sheets)).data
    steer = Steer.parse("favour", 'theme="protection"')
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=0, steers=(steer,)))
    (favour,) = result.alternatives
    assert favour.aim == "more money for theme Protection"
    assert horizon_totals(data, favour.allocation, "instrument")["p"] > 0
    assert horizon_totals(data, result.best.allocation, "instrument")["p"] == 0


def test_minimum_programmes_hold_in_every_alternative(tmp_path):
    """A MIP: programmes of at least EUR 3M; every alternative keeps them (checker)."""
    sheets = three_countries()
    sheets["Instruments"] = [["instrument", "theme", "oda_share", "min_programme_eur"],
                             ["t", "general", 0, 3 * M]]
    source = write_workbook(tmp_path / "mip.xlsx", sheets)
    report = alternatives(source, tmp_path / "mip-alternatives.xlsx", within=0.10, count=2,
                          favour=("country=C",))
    assert report.result.is_mip
    checked = check_alternatives(report.output_path, source)
    assert checked.ok, checked.violations
    c_money = checked.country_totals["A1"].get("C", 0.0)
    assert c_money == 0 or c_money >= 3 * M - 1


def test_workbook_end_to_end_through_the_cli(book, tmp_path):
    before = sha256(book)
    target = tmp_path / "out.xlsx"
    ran = CliRunner().invoke(main, ["alternatives", str(book), "-o", str(target), "--within",
                                    "0.1", "--count", "2", "--favour", "country=C"],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    assert "A1    index  90.00  Gives up 10.0% of the best impact to move EUR 2.4M" \
        in ran.output
    assert sha256(book) == before
    checked = check_alternatives(target, book)
    assert checked.ok, checked.violations
    assert checked.within == pytest.approx(0.1)
    names = list(checked.impacts)
    assert names[0] == "best" and names[1:] == [f"A{n}" for n in range(1, len(names))]
    for n, one in enumerate(names):
        for other in names[n + 1:]:
            assert checked.difference(one, other) >= M - 1


def test_result_sheets_stand_in_front_of_the_inputs_with_charts(book, tmp_path):
    report = alternatives(book, tmp_path / "o.xlsx", within=0.1, count=1)
    charts = charts_by_sheet(report.output_path)
    assert list(charts) == ["Alternatives", "Alternatives by country",
                            "Alternatives by instrument", "About alternatives",
                            "Allocation best", "Allocation A1", *three_countries()]
    assert charts["Alternatives"] == 2
    assert charts["Alternatives by country"] == charts["Alternatives by instrument"] == 1
    comparison = load_workbook(report.output_path)["Alternatives"]
    header = [cell.value for cell in comparison[4]]  # under the two note rows
    assert header[:4] == ["allocation", "aim", "status", "impact"]
    assert [comparison.cell(row, 1).value for row in (5, 6)] == ["Best", "A1"]


def test_words_name_where_money_moves(book):
    data = read_workbook(book).data
    result = find_alternatives(data, AlternativeOptions(
        within=0.10, count=0, steers=(Steer.parse("favour", "country=C"),)))
    words = comparison_table(result).set_index("allocation").loc["A1", "in_words"]
    assert words == ("Gives up 10.0% of the best impact to move EUR 2.4M between countries, "
                     "most of it from B (-EUR 2.4M) to C (+EUR 2.4M).")


@pytest.mark.parametrize("min_programme", [None, 3 * M])
def test_same_workbook_same_alternatives(tmp_path, min_programme):
    sheets = three_countries()
    if min_programme:  # a MIP: its searches are bounded by nodes, not seconds
        sheets["Instruments"] = [["instrument", "theme", "oda_share", "min_programme_eur"],
                                 ["t", "general", 0, min_programme]]
    data = read_workbook(write_workbook(tmp_path / "same.xlsx", sheets)).data
    options = AlternativeOptions(within=0.05, count=2, steers=(
        Steer.parse("avoid", "instrument=t"),))
    first, second = (find_alternatives(data, options) for _ in range(2))
    for one, other in zip(first.all, second.all, strict=True):
        assert one.allocation.equals(other.allocation)


@pytest.mark.parametrize(("args", "message"), [
    (["--favour", "country=Atlantis"], "no country of that name (one of A, B, C)"),
    (["--avoid", "colour=red"], "write country=NAME, instrument=NAME or theme=NAME"),
    (["--within", "1.5"], "--within"),
    (["--count", "-1"], "--count"),
])
def test_usage_errors_exit_2(book, tmp_path, args, message):
    ran = CliRunner().invoke(main, ["alternatives", str(book), "-o", str(tmp_path / "o.xlsx"),
                                    *args])
    assert ran.exit_code == 2
    assert message in ran.output
    assert not (tmp_path / "o.xlsx").exists()


def test_an_input_with_a_result_sheet_name_is_refused_before_solving(tmp_path):
    sheets = three_countries()
    sheets["Allocation A1"] = [["mine"]]
    source = write_workbook(tmp_path / "clash.xlsx", sheets)
    with pytest.raises(UsageError, match="sheets named Allocation A1"):
        alternatives(source, tmp_path / "o.xlsx")
    # in Dutch the workbook writes Dutch names: those are the ones that clash
    sheets["Toewijzing beste"] = sheets.pop("Allocation A1")
    source = write_workbook(tmp_path / "clash-nl.xlsx", sheets)
    alternatives(source, tmp_path / "en.xlsx", count=0)  # no clash in English
    with pytest.raises(UsageError, match="sheets named Toewijzing beste"):
        alternatives(source, tmp_path / "nl.xlsx", count=0, lang="nl")


def test_an_infeasible_workbook_exits_4(tmp_path):
    sheets = three_countries()
    sheets["Countries"] = [[*row[:2], 1 * M, *row[3:]] if n else row
                           for n, row in enumerate(sheets["Countries"])]
    source = write_workbook(tmp_path / "tight.xlsx", sheets)
    ran = CliRunner().invoke(main, ["alternatives", str(source), "-o",
                                    str(tmp_path / "o.xlsx")])
    assert ran.exit_code == 4
    assert not (tmp_path / "o.xlsx").exists()


@settings(PROPERTY, max_examples=max(EXAMPLES // 4, 5))  # three solves per example
@given(planted_workbooks())
def test_random_workbooks_give_alternatives_the_checker_accepts(planted: Planted):
    with tempfile.TemporaryDirectory() as folder:
        source = write_workbook(Path(folder) / "random.xlsx", planted.sheets)
        report = alternatives(source, Path(folder) / "alt.xlsx", count=2)
        checked = check_alternatives(report.output_path, source)
        assert checked.ok, checked.violations
        names = list(checked.impacts)
        for n, one in enumerate(names):
            for other in names[n + 1:]:
                assert checked.difference(one, other) >= M - 1


@pytest.mark.slow
def test_the_example_gives_alternatives_the_checker_accepts(tmp_path):
    from optimiser.api import example_path

    report = alternatives(None, tmp_path / "example-alternatives.xlsx", count=1,
                          favour=("country=Libya",))
    checked = check_alternatives(report.output_path, example_path())
    assert checked.ok, checked.violations
    assert len(report.result.alternatives) == 2
    assert checked.difference("best", "A1") >= M
    assert checked.difference("A1", "A2") >= M


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not on the PATH")
def test_libreoffice_opens_it_and_reads_the_amounts_back(book, tmp_path):
    report = alternatives(book, tmp_path / "o.xlsx", within=0.1, count=1)
    assert to_pdf(report.output_path, tmp_path).read_bytes().startswith(b"%PDF")
    exported = to_csv(report.output_path, tmp_path / "csv")
    with open(exported["Allocation A1"], newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    written = report.result.alternatives[0].allocation
    assert [float(row[-1]) for row in rows[1:]] == list(written["amount_eur"])
