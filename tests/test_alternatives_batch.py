"""Steered alternatives as a batch (SPEC §5.2, issue item 4): in this process, on local
worker processes and on Dask they are the same; a lost worker costs only its point."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from optimiser.cli.main import main
from optimiser.readers.validate import read_workbook
from optimiser.solve.solver import SolveOptions
from optimiser.whatif.alternatives import AlternativeOptions, Steer, find_alternatives
from optimiser.whatif.alternatives_session import BandSession
from optimiser.whatif.workers import FAULT_ENV
from tests.test_alternatives import three_countries
from tests.workbooks import write_workbook

M = 1_000_000
STEERS = (Steer.parse("favour", "country=C"), Steer.parse("avoid", "country=A"),
          Steer.parse("favour", "country=B"))


def mip_book(folder: Path) -> Path:
    """three_countries with programmes of at least EUR 3M: a MIP (see its docstring for
    the LP's alternatives)."""
    sheets = three_countries()
    sheets["Instruments"] = [["instrument", "theme", "oda_share", "min_programme_eur"],
                             ["t", "general", 0, 3 * M]]
    return write_workbook(folder / "mip.xlsx", sheets)


def assert_same(one, other) -> None:
    assert [(a.name, a.aim, a.status) for a in one.all] == \
        [(a.name, a.aim, a.status) for a in other.all]
    for a, b in zip(one.all, other.all, strict=True):
        pd.testing.assert_frame_equal(a.allocation, b.allocation)
        assert a.impact == b.impact
    assert one.notes == other.notes


def test_steered_ones_run_as_one_batch_in_this_process(tmp_path):
    """Three steers, one worker: all three in this process, counted by the progress."""
    data = read_workbook(mip_book(tmp_path)).data
    seen = []
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=0, steers=STEERS),
                               progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert (result.stats.points, result.stats.in_process, result.stats.workers) == (3, 3, 0)
    assert [a.aim for a in result.alternatives] == [
        "more money for country C", "less money for country A", "more money for country B"]


def test_a_re_solve_does_not_depend_on_the_solves_before_it(tmp_path):
    """Each direction starts from the band's snapshot with the solver's state cleared: the
    last steer alone gives what it gives after the other two."""
    data = read_workbook(mip_book(tmp_path)).data
    session = BandSession(data, SolveOptions.from_settings(data.settings), 0.10)
    session.solve_best()
    after_others = [session.solve(steer) for steer in STEERS][-1]
    alone = BandSession(data, session.options, 0.10, best=session.best).solve(STEERS[-1])
    pd.testing.assert_frame_equal(after_others.allocation, alone.allocation)


@pytest.mark.slow
def test_the_same_alternatives_serially_on_local_workers_and_on_dask(tmp_path):
    from dask.distributed import Client, LocalCluster

    data = read_workbook(mip_book(tmp_path)).data
    options = AlternativeOptions(within=0.10, count=1, steers=STEERS)
    serial = find_alternatives(data, options)
    local = find_alternatives(data, options, workers=2, adaptive=False)
    assert (local.stats.workers, local.stats.in_process) == (2, 0)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        on_dask = find_alternatives(data, options, scheduler=cluster.scheduler_address)
    assert on_dask.stats.scheduler == cluster.scheduler_address
    assert_same(serial, local)
    assert_same(serial, on_dask)


@pytest.mark.slow
def test_a_steer_whose_worker_stops_every_time_is_a_note_and_the_others_stay(
        tmp_path, monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "0")  # read by the workers: stop on point 0, every try
    data = read_workbook(mip_book(tmp_path)).data
    result = find_alternatives(data, AlternativeOptions(within=0.10, count=0, steers=STEERS),
                               workers=2, adaptive=False)
    assert [a.aim for a in result.alternatives] == [
        "less money for country A", "more money for country B"]
    assert [a.name for a in result.alternatives] == ["A1", "A2"]
    assert result.notes[0].startswith("A1 (more money for country C): no allocation found: "
                                      "the solver process stopped on this point (3 tries)")
    assert result.stats.failed == 1


def test_the_cli_takes_workers_and_says_how_the_batch_ran(tmp_path):
    book = write_workbook(tmp_path / "three.xlsx", three_countries())
    target = tmp_path / "out.xlsx"
    ran = CliRunner().invoke(main, ["alternatives", str(book), "-o", str(target), "--within",
                                    "0.1", "--count", "0", "--favour", "country=C",
                                    "--avoid", "country=A", "--workers", "1"],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    about = {row[0]: row[1] for row in load_workbook(target)["About alternatives"]
             .iter_rows(values_only=True) if row[0]}
    assert (about["points_solved"], about["points_in_this_process"]) == (2, 2)
    assert about["local_workers"] == 0


def test_an_unreachable_dask_scheduler_exits_2(tmp_path):
    book = write_workbook(tmp_path / "three.xlsx", three_countries())
    ran = CliRunner().invoke(main, ["alternatives", str(book), "-o", str(tmp_path / "o.xlsx"),
                                    "--count", "0", "--favour", "country=C",
                                    "--dask-scheduler", "tcp://127.0.0.1:1"])
    assert ran.exit_code == 2, ran.output
    assert "Cannot reach the Dask scheduler at tcp://127.0.0.1:1" in ran.output
    assert not (tmp_path / "o.xlsx").exists()


def four_countries_mip(folder: Path) -> Path:
    """three_countries plus D (worth 0.05 per euro), programmes of at least EUR 1M.

    Best: A 6M, B 4M (as three_countries). Favouring C within 10% moves 2.4M from B to C
    (see three_countries); neither the best nor the relaxed problem gives D anything
    (moving a euro to D costs 0.85 at least, and D is not favoured), so D's yes/no
    decisions are confined to no, and C's are not. The relaxed bound (C 2.4M) is reached,
    so the confined answer is proven the farthest.
    """
    sheets = three_countries()
    sheets["Countries"] = [*sheets["Countries"], ["D", True, 6 * M, 0.05]]
    sheets["Instruments"] = [["instrument", "theme", "oda_share", "min_programme_eur"],
                             ["t", "general", 0, 1 * M]]
    return write_workbook(folder / "four.xlsx", sheets)


def test_the_search_is_confined_to_decisions_the_best_or_the_relaxed_problem_use(tmp_path):
    data = read_workbook(four_countries_mip(tmp_path)).data
    session = BandSession(data, SolveOptions.from_settings(data.settings), 0.10)
    session.solve_best()
    compiled, model = session.compiled, session.form.model
    compiled.restore(session._start)
    compiled.set_objective(session.steer_direction(Steer.parse("favour", "country=C")),
                           maximise=True)
    bound = session._confine()
    assert bound == pytest.approx(2.4)  # EUR M moved to C in the relaxed problem
    upper = compiled.col_bounds()[1]
    funded = {key[1]: compiled.col_of[model.funded[key]] for key in model.funded}
    assert upper[funded["D"]] == 0
    assert upper[funded["C"]] == upper[funded["A"]] == 1
    point = session.solve(Steer.parse("favour", "country=C"))
    assert point.status == "optimal"
    totals = point.allocation.groupby("country")["amount_eur"].sum()
    assert totals["C"] == pytest.approx(2.4 * M, abs=10)
