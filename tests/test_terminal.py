"""What `allocate run` prints: the summary, --quiet, --json, and progress on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimiser.cli.main import main
from optimiser.optimise import optimise
from optimiser.results.run_report import RunReport
from optimiser.writers.terminal import run_json, run_summary
from tests.factory import M, country, instrument, one_year
from tests.workbooks import minimal_sheets, write_workbook


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("terminal") / "book.xlsx", minimal_sheets())


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def test_the_summary_shows_years_countries_prices_and_where_the_result_went(book, tmp_path):
    out = tmp_path / "out.xlsx"
    result = invoke("run", book, "-o", out)
    assert result.exit_code == 0, result.output
    text = result.stdout
    # impact 64M = 8 × 8M, every euro on a best pair (a = 8): index 100
    assert text.startswith("Status: optimal   Impact index: 100.0   Allocated: EUR 8.0M of 8.0M")
    assert "Impact index 100.0: the average euro of the envelopes is worth" in text
    assert "2027        6.0M      2.0M      8.0M      8.0M      0.0M" in text
    assert "Top countries (of 1 funded), all years:\n  Morocco" in text
    lines = text.splitlines()
    # EUR 1M more adds 8M of impact: 100 × 8M / 64M = 12.5 index points
    start = lines.index("Marginal value of money: index points per extra EUR 1M of envelope:")
    assert lines[start + 1].split() == ["source", "2027"]
    assert lines[start + 2].split() == ["BHO", "ODA", "12.500"]
    assert lines[start + 3].split() == ["A&M", "non-ODA", "12.500"]
    start = lines.index("2 rules bind; the 2 that hold the impact back most, in index points "
                        "per extra EUR 1M (all on the sheet Binding limits):")
    assert lines[start + 1].split()[0] == lines[start + 2].split()[0] == "12.500"
    assert "Seconds per phase" not in text
    assert lines[-1] == f"Result written to {out}"
    assert out.is_file()


def test_verbose_adds_the_phase_times(book, tmp_path):
    result = invoke("run", book, "-o", tmp_path / "out.xlsx", "--verbose")
    assert result.exit_code == 0, result.output
    assert "Seconds per phase: read " in result.stdout


def test_progress_goes_to_stderr_one_line_per_phase(book, tmp_path):
    result = invoke("run", book, "-o", tmp_path / "out.xlsx")
    progress = result.stderr.splitlines()
    assert progress == ["Reading book.xlsx ...", "Building the model ...", "Solving ...",
                        f"Writing {tmp_path / 'out.xlsx'} ..."]


def test_quiet_prints_nothing_and_still_writes(book, tmp_path):
    out = tmp_path / "out.xlsx"
    result = invoke("run", book, "-o", out, "--quiet")
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")
    assert out.is_file()


def test_json_is_strict_json_on_stdout_only(book, tmp_path):
    out = tmp_path / "out.xlsx"
    result = invoke("run", book, "-o", out, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""  # no progress lines to mix into the JSON
    payload = json.loads(result.stdout)
    assert payload["status"] == "optimal"
    assert payload["impact"] == 64_000_000
    assert payload["total_eur"] == 8_000_000
    assert payload["output"] == str(out)
    assert payload["backup"] is None
    assert payload["years"] == [{"year": 2027, "oda_eur": 6e6, "non_oda_eur": 2e6,
                                 "total_eur": 8e6, "envelope_eur": 8e6,
                                 "unallocated_eur": 0.0, "oda_share": 0.75}]
    assert payload["top_countries"] == [{"country": "Morocco", "amount_eur": 8e6}]
    assert payload["envelope_shadow_prices"] == [
        {"year": 2027, "source": "BHO ODA", "impact_per_extra_eur_1m": 8e6},
        {"year": 2027, "source": "A&M non-ODA", "impact_per_extra_eur_1m": 8e6},
    ]
    assert payload["shadow_prices_from"] == "LP"
    assert payload["binding_rules"] == 2
    assert payload["warnings"] == []
    assert set(payload["timings_s"]) >= {"read", "build", "solve", "tables", "write"}
    assert payload["size"]["binaries"] == 0


def test_a_matrix_year_outside_the_horizon_is_a_usage_error(book, tmp_path):
    out = tmp_path / "out.xlsx"
    result = invoke("run", book, "-o", out, "--matrix-year", 2031)
    assert result.exit_code == 2
    assert "--matrix-year 2031 is not a planning year" in result.stderr
    assert not out.exists()


def test_why_not_lines_put_left_money_first_and_portfolio_checks_are_warnings():
    # A absorbs EUR 6M of 10M (EUR 4M left); B may absorb nothing; t holds all the
    # money of the three instruments (100% > 40%).
    d = one_year([country("A", 2, absorption=6 * M), country("B", 1.5, absorption=0.0,
                                                             row=3)],
                 [instrument("t"), instrument("u", effectiveness=0.1, row=3),
                  instrument("v", effectiveness=0.1, row=4)])
    report = RunReport(Path("in.xlsx"), Path("out.xlsx"), optimise(d))
    lines = run_summary(report).splitlines()
    start = lines.index("Why not (4 on the sheet Why not):")
    assert lines[start + 1].startswith("  unallocated money N 2027: EUR 4.0M of N 2027 is left")
    assert lines[start + 2] == ("  country B: no room: capacity_eur or absorption_eur 0 on "
                                "every line")
    # u is worth 0.1 × 2 = 0.2 in A, whose absorption is full of t at 2 per euro: +900%.
    assert "effectiveness (Instruments row 3) would have to rise about 900%" in lines[start + 3]
    assert any(line.startswith("Warning: Concentration: instrument t holds 100%")
               for line in lines)
    payload = json.loads(run_json(report))
    assert [row["name"] for row in payload["why_not"]] == ["B", "u", "v", "N"]
