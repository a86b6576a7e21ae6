"""Batches that survive faults: a lost worker costs one point, not the run.

Workers are stopped as the out-of-memory killer would (os._exit in the worker,
through the test hook FAULT_ENV, never in this process), a Dask worker is
killed mid-batch, the parent is killed with SIGKILL, and in each case the
points that survive equal those of an undisturbed serial run.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimiser.cli.whatif import sensitivity_summary
from optimiser.readers.validate import read_workbook
from optimiser.whatif import batch as batch_module
from optimiser.whatif.batch import PROBE_POINTS, Batch
from optimiser.whatif.commands import WhatIfReport
from optimiser.whatif.resolve import FULL, Session
from optimiser.whatif.scenario_run import BASE, run_scenarios
from optimiser.whatif.scenarios_report import SUMMARY, WhatIfInfo, write_scenarios_workbook
from optimiser.whatif.sensitivity import (
    MONTE_CARLO,
    TORNADO,
    SensitivityOptions,
    plan,
    run_sensitivity,
)
from optimiser.whatif.sensitivity_report import MC_DRAWS, write_sensitivity_workbook
from optimiser.whatif.variants import scale_envelopes
from optimiser.whatif.workers import ATTEMPTS, FAULT_ENV
from tests import factory as f
from tests.test_scenarios_run import MORE, SAME, sheets
from tests.test_sensitivity import assert_same_results, batch_points, scored
from tests.workbooks import write_workbook

M = f.M

ROOT = Path(__file__).resolve().parent.parent
POISON = 3  # the point the hook stops workers on


def wait_until(condition, timeout: float, step: float = 0.2):
    """Poll `condition` until it is truthy or `timeout` seconds pass; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


@pytest.fixture(scope="module")
def undisturbed():
    data = scored()
    batch = Batch(Session(data))
    points = batch_points(data)
    return batch, points, batch.run(points)


def assert_same_except(expected, got, failed: set[int]):
    assert_same_results([r for n, r in enumerate(expected) if n not in failed],
                        [r for n, r in enumerate(got) if n not in failed])


@pytest.mark.slow
@pytest.mark.parametrize("adaptive", [False, True])
def test_a_worker_lost_once_is_replaced_and_every_point_solved(undisturbed, monkeypatch,
                                                               adaptive):
    """Pooled from the start, or (adaptive) after the first points ran in this process."""
    batch, points, expected = undisturbed
    monkeypatch.setattr(batch_module, "fan_out_pays", lambda *args: True)
    monkeypatch.setenv(FAULT_ENV, f"{POISON}:1")  # stops its worker on the first try only
    got = batch.run(points, workers=2, adaptive=adaptive)
    assert_same_results(expected, got)
    assert batch.stats.workers_lost == 1 and batch.stats.failed == 0
    assert batch.stats.in_process == (PROBE_POINTS if adaptive else 0) < POISON


@pytest.mark.slow
def test_a_point_that_stops_its_worker_every_time_fails_alone(undisturbed, monkeypatch):
    batch, points, expected = undisturbed
    monkeypatch.setenv(FAULT_ENV, str(POISON))
    got = batch.run(points, workers=2, adaptive=False)
    assert got[POISON].status == "failed"
    assert "the solver process stopped on this point" in got[POISON].message
    assert_same_except(expected, got, {POISON})
    assert batch.stats.workers_lost == ATTEMPTS and batch.stats.failed == 1


@pytest.mark.slow
def test_workers_that_cannot_start_leave_the_batch_to_this_process(undisturbed, monkeypatch):
    batch, points, expected = undisturbed
    monkeypatch.setenv(FAULT_ENV, "start")  # every worker stops as it starts
    got = batch.run(points, workers=2, adaptive=False)
    assert_same_results(expected, got)
    assert batch.stats.in_process == len(points)


@pytest.mark.slow
def test_a_lost_dask_worker_costs_only_the_point_it_gives_up_on(undisturbed, monkeypatch):
    """One worker is killed from outside mid-batch (Dask retries its chunk elsewhere);
    the hook stops a worker on POISON every time (Dask gives up on it)."""
    import dask
    from dask.distributed import Client, LocalCluster

    batch, points, expected = undisturbed
    monkeypatch.setenv(FAULT_ENV, str(POISON))  # read by the workers spawned below
    killed = []
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        def kill_one(done, total):
            """Kill a worker alive now: the poisoned point may already have taken one
            (its nanny starts a new process, with a new pid)."""
            if done < 2 or killed:
                return
            for pid in client.run(os.getpid, on_error="ignore").values():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    continue
                killed.append(pid)
                return

        got = batch.run(points, scheduler=cluster.scheduler_address, progress=kill_one)
    assert killed
    assert got[POISON].status == "failed"
    assert "stopped on this point" in got[POISON].message
    assert_same_except(expected, got, {POISON})


WORKER_SCRIPT = textwrap.dedent("""
    from optimiser.whatif.batch import Batch
    from optimiser.whatif.resolve import Session
    from tests.test_sensitivity import batch_points, scored

    data = scored()
    Batch(Session(data)).run(batch_points(data) * 20, workers=2, adaptive=False)
""")


def _alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_workers_end_within_seconds_when_their_parent_is_killed():
    """Both workers are in the middle of a long point (the hook's "hang") when the
    parent gets SIGKILL, as a job scheduler's time limit sends it."""
    env = {**os.environ, FAULT_ENV: "hang"}
    parent = subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    said: list[str] = []
    guard = threading.Timer(180, parent.kill)  # never wait for ever on a stuck batch
    guard.start()
    try:
        while len(workers) < 2:  # the workers write to the stderr they inherit
            line = parent.stderr.readline()
            said.append(line)
            assert line, f"the batch ended before both workers were busy: {''.join(said)}"
            if line.startswith("worker ") and line.strip().endswith(" hangs"):
                workers.add(int(line.split()[1]))
    finally:
        parent.kill()  # SIGKILL: no handler, no clean-up in the parent
        parent.wait()
        guard.cancel()
    assert wait_until(lambda: not any(_alive(pid) for pid in workers), timeout=15), \
        "a worker outlived its parent"


def mip():
    data = scored()
    return dataclasses.replace(data, instruments=(
        dataclasses.replace(data.instruments[0], min_programme_eur=1 * M), data.instruments[1]))


def test_a_point_that_reaches_its_time_limit_is_reported_and_the_batch_goes_on():
    data = mip()
    rushed = dataclasses.replace(data, settings=dataclasses.replace(data.settings,
                                                                    time_limit_s=1e-9))
    points = [data, rushed, scale_envelopes(data, 1.2)]
    batch = Batch(Session(data, mip_mode=FULL))
    got = batch.run(points)
    assert [r.status for r in got] == ["optimal", "no solution", "optimal"]
    assert "time limit" in got[1].message
    assert_same_results([got[0], got[2]], [batch.session.solve(p) for p in points[::2]])


@pytest.mark.slow
def test_failed_points_are_in_the_sensitivity_workbook_with_their_reason(tmp_path,
                                                                         monkeypatch):
    data = scored()
    options = SensitivityOptions(sections=(TORNADO, MONTE_CARLO), draws=4)
    points = plan(data, options)
    low = next(n for n, p in enumerate(points) if p.section == TORNADO)  # weight ... low
    draw = len(points) - 2  # the third draw
    monkeypatch.setenv(FAULT_ENV, f"{low},{draw}")
    result = run_sensitivity(data, options, workers=2, adaptive=False)
    info = WhatIfInfo("book.xlsx", "", "2026-01-01T00:00:00", {})
    write_sensitivity_workbook(result, tmp_path / "s.xlsx", info)
    book = load_workbook(tmp_path / "s.xlsx", read_only=True)
    rows = {row[0]: row for row in book[MC_DRAWS].iter_rows(values_only=True)}
    header = list(rows["draw"])
    failed = rows[3]
    assert failed[header.index("status")] == "failed"
    assert failed[header.index("message")].startswith("the solver process stopped on this "
                                                      "point")
    assert rows[2][header.index("status")] == "optimal"
    tornado = result.tornado.set_index("name")
    moved = points[low].detail["name"]
    assert tornado.loc[moved, "low_status"] == "failed"
    assert tornado.loc[moved, "message"].startswith("low: the solver process stopped")
    assert result.stats.failed == 2
    summary = sensitivity_summary(WhatIfReport(Path("book.xlsx"), tmp_path / "s.xlsx", result))
    assert "2 point(s) did not solve; the sheets say which and why." in summary
    assert f"{2 * ATTEMPTS} worker process(es) stopped unexpectedly" in summary


@pytest.mark.slow
def test_a_failed_scenario_is_in_the_summary_with_its_reason(tmp_path, monkeypatch):
    workbook = read_workbook(write_workbook(tmp_path / "book.xlsx", sheets([SAME, MORE])))
    monkeypatch.setenv(FAULT_ENV, "2")  # the batch is (base), same, more
    comparison = run_scenarios(workbook, workers=2, adaptive=False)
    info = WhatIfInfo("book.xlsx", "", "2026-01-01T00:00:00", {})
    write_scenarios_workbook(comparison, tmp_path / "c.xlsx", info)
    rows = list(load_workbook(tmp_path / "c.xlsx", read_only=True)[SUMMARY].iter_rows(
        values_only=True))
    header = list(next(row for row in rows if row[0] == "scenario"))
    by_name = {row[0]: row for row in rows}
    assert by_name["more"][header.index("status")] == "failed"
    assert by_name["more"][header.index("message")].startswith(
        "the solver process stopped on this point")
    assert by_name["same"][header.index("status")] == "optimal"
    assert by_name["same"][header.index("impact")] == by_name[BASE][header.index("impact")]
