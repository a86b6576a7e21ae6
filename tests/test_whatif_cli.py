"""`allocate scenarios` and `allocate sensitivity` end to end on small workbooks: exit
codes, the workbooks' sheets and native charts, and Ctrl-C leaving nothing behind."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimiser.cli import whatif as cli_whatif
from optimiser.cli.main import main
from optimiser.whatif.scenarios_report import SCENARIO_SHEETS
from optimiser.whatif.sensitivity_report import (
    ABOUT,
    BINDING,
    CURVE,
    CURVE_COUNTRIES,
    CURVE_INSTRUMENTS,
    MC_COUNTRIES,
    MC_DRAWS,
    MC_PAIRS,
    MONTE_CARLO,
    RANGING,
    SHADOW_PRICES,
    TORNADO,
)
from tests.test_scenarios_run import CUT, MORE, SAME, TYPO, sheets
from tests.workbooks import minimal_sheets, write_workbook


def invoke(*args: str):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def charts_by_sheet(path: Path) -> dict[str, int]:
    """Native charts per sheet title, read from the package (openpyxl does not load charts)."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())

        def targets(rels: str, kind: str) -> list[str]:
            if rels not in names:
                return []
            xml = archive.read(rels).decode()
            folder = posixpath.dirname(posixpath.dirname(rels))
            found = (re.findall(rf'Type="[^"]*/{kind}" Target="([^"]+)"', xml)
                     + re.findall(rf'Target="([^"]+)" Type="[^"]*/{kind}"', xml))
            return [target.lstrip("/") if target.startswith("/") else
                    posixpath.normpath(posixpath.join(folder, target)) for target in found]

        book = archive.read("xl/workbook.xml").decode()
        titles = re.findall(r'<sheet [^>]*name="([^"]+)"', book)
        counts = {}
        for n, title in enumerate(titles, start=1):
            rels = f"xl/worksheets/_rels/sheet{n}.xml.rels"
            drawings = targets(rels, "drawing")
            counts[title.replace("&amp;", "&")] = sum(
                len(targets(posixpath.join(posixpath.dirname(d), "_rels",
                                           posixpath.basename(d) + ".rels"), "chart"))
                for d in drawings)
        return counts


@pytest.fixture
def book(tmp_path) -> Path:
    return write_workbook(tmp_path / "book.xlsx", sheets([SAME, CUT, TYPO, MORE]))


def test_scenarios_end_to_end(book, tmp_path):
    out = tmp_path / "compare.xlsx"
    run = invoke("scenarios", book, "-o", out, "--workers", 1)
    assert run.exit_code == 0, run.output
    assert "cut" in run.output and "infeasible" in run.output and "invalid" in run.output
    assert load_workbook(out).sheetnames == list(SCENARIO_SHEETS)
    charts = charts_by_sheet(out)
    assert charts["Summary"] == 2 and charts["By country"] == 2 and charts["By instrument"] == 2
    summary = load_workbook(out)["Summary"]
    rows = {row[0]: row for row in summary.iter_rows(min_row=6, values_only=True)}  # 3 notes
    assert set(rows) == {"(base)", "same", "cut", "typo", "more"}
    assert rows["cut"][-1].endswith("(in full on sheet Messages)")  # its first line
    messages = load_workbook(out)["Messages"].iter_rows(min_row=4, values_only=True)
    assert any("J1" in row[3] for row in messages if row[0] == "cut")  # names the commitment


def test_scenarios_default_output_and_no_scenarios(tmp_path, monkeypatch):
    source = write_workbook(tmp_path / "plain.xlsx", minimal_sheets())
    monkeypatch.chdir(tmp_path)
    run = invoke("scenarios", source, "-q")
    assert run.exit_code == 0, run.output
    assert run.output == ""
    assert (tmp_path / "outputs" / "plain-scenarios.xlsx").exists()


def test_sensitivity_end_to_end(book, tmp_path):
    out = tmp_path / "sens.xlsx"
    run = invoke("sensitivity", book, "-o", out, "--draws", 8, "--scales", "0.8,1,1.2",
                 "--source", "bho oda", "--seed", 4, "--workers", 1)
    assert run.exit_code == 0, run.output
    assert "Sensitivity written to" in run.output
    titles = load_workbook(out).sheetnames
    assert titles == [ABOUT, CURVE, CURVE_COUNTRIES, CURVE_INSTRUMENTS, TORNADO, SHADOW_PRICES,
                      BINDING, RANGING, MONTE_CARLO, MC_COUNTRIES, MC_PAIRS, MC_DRAWS]
    charts = charts_by_sheet(out)
    for title in (CURVE, CURVE_COUNTRIES, TORNADO, SHADOW_PRICES, RANGING, MONTE_CARLO,
                  MC_COUNTRIES):
        assert charts[title] >= 1, title
    about = dict(load_workbook(out)[ABOUT].iter_rows(min_row=2, values_only=True))
    assert about["montecarlo_seed"] == 4 and about["montecarlo_draws"] == 8
    assert about["curve_source"] == "BHO ODA"
    assert "minimum spend" in about["curve_minimum_spend"]


def test_sensitivity_on_a_mip_says_the_decisions_are_fixed(tmp_path):
    mip = sheets([MORE])
    mip["Instruments"] = [["instrument", "theme", "oda_share", "min_programme_eur"],
                          ["dialogue", "dialogue", 0, 1_000_000],
                          ["shelter", "protection", 1, 500_000]]
    source = write_workbook(tmp_path / "mip.xlsx", mip)
    out = tmp_path / "mip-sensitivity.xlsx"
    run = invoke("sensitivity", source, "-o", out, "--draws", 6, "--workers", 1)
    assert run.exit_code == 0, run.output
    assert "funding choices held" in run.output
    about = dict(load_workbook(out)[ABOUT].iter_rows(min_row=2, values_only=True))
    assert about["mip_mode"] == "fixed"
    assert "cannot start or stop" in about["how_points_are_solved"]
    notes = [row[0] for row in load_workbook(out)[MC_COUNTRIES].iter_rows(max_row=1,
                                                                          values_only=True)]
    assert "--mip-mode full" in notes[0]


def test_sensitivity_sections(book, tmp_path):
    out = tmp_path / "tornado.xlsx"
    run = invoke("sensitivity", book, "-o", out, "--sections", "tornado", "-q")
    assert run.exit_code == 0, run.output
    assert load_workbook(out).sheetnames == [ABOUT, TORNADO]


@pytest.mark.parametrize("args", [
    ("--scales", "1:2"), ("--scales", "0,1"), ("--sections", "curve,pie"),
    ("--source", "nowhere"), ("--mip-mode", "half"), ("--workers", 0),
])
def test_sensitivity_usage_errors_exit_2(book, tmp_path, args):
    out = tmp_path / "never.xlsx"
    run = invoke("sensitivity", book, "-o", out, *args)
    assert run.exit_code == 2, run.output
    assert not out.exists()


def test_an_invalid_base_workbook_exits_3(tmp_path):
    broken = minimal_sheets()
    broken["Envelopes"][1][2] = -5
    source = write_workbook(tmp_path / "broken.xlsx", broken)
    for command in ("scenarios", "sensitivity"):
        run = invoke(command, source, "-o", tmp_path / f"{command}.xlsx")
        assert run.exit_code == 3, run.output
        assert "Envelopes!C2" in run.output
        assert not (tmp_path / f"{command}.xlsx").exists()


def test_an_infeasible_base_exits_4(tmp_path):
    source = write_workbook(tmp_path / "tight.xlsx", sheets([MORE]))
    book = load_workbook(source)
    book["Commitments"]["F2"] = 5_000_000  # above the EUR 2M envelope
    book.save(source)
    for command in ("scenarios", "sensitivity"):
        run = invoke(command, source, "-o", tmp_path / f"{command}.xlsx")
        assert run.exit_code == 4, run.output
        assert "J1" in run.output
        assert not (tmp_path / f"{command}.xlsx").exists()


@pytest.mark.parametrize("command", ["scenarios", "sensitivity"])
def test_ctrl_c_writes_nothing(book, tmp_path, monkeypatch, command):
    def interrupt(self, done, total):
        if done >= 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_whatif.BatchBar, "__call__", interrupt)
    out = tmp_path / "out" / "never.xlsx"
    run = invoke(command, book, "-o", out)
    assert run.exit_code == 130
    assert re.search(r"Interrupted after 2 of \d+ points; nothing was written\.", run.output)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
