"""Run many variants of one workbook: serially, on local worker processes, or on Dask.

Each process holds one `Session` (the base model, built and compiled once) and
solves the points it is given; every point starts from the base state the
parent computed, so results are identical however the points are spread.

When to fan out (local workers). A worker costs a few seconds before its
first point: a fresh interpreter, the imports, and building and compiling the
model (`Session.setup_seconds`, measured in the parent). So a batch starts
serially, in this process, and after each point estimates the rest from the
mean time per point so far:

    serial   = rest × t
    parallel = startup + rest × t / w,   w = min(workers, rest),
    startup  = WORKER_START_S + setup_seconds

It fans the remaining points out to w workers as soon as the time saved,
serial − parallel, is more than twice the start-up (so a wrong estimate
still leaves a clear gain), after at least PROBE_POINTS points; otherwise it
goes on serially. A batch of quick re-solves (an LP, or a MIP with its
binaries fixed) therefore stays in this process; full MIP re-solves of a few
seconds each fan out after the first points. `adaptive=False` fans out at
once (tests, and callers that know better). A Dask scheduler, when given,
always takes the whole batch.

Local workers are spawned, not forked: HiGHS keeps a thread pool, and
forking a process that has one is unsafe. They ignore Ctrl-C from birth; the
parent catches it, cancels what has not started and ends the workers, so an
interrupted batch stops at once, prints no traceback from a worker and
returns nothing (the KeyboardInterrupt carries `points_done` and
`points_total`).

Faults cost points, not the batch. A solver error or a time limit is the
point's result (`Session.solve`). A lost local worker is replaced and its
points sent again (optimiser.whatif.workers); on Dask, the scheduler retries
the chunks of a lost worker itself, and the points of a chunk it gives up on
are sent once more one by one; those it gives up on again are reported as
failed.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from models.data import AllocationData
from optimiser.solve.solver import SolveOptions
from optimiser.whatif.resolve import BaseState, PointResult, Session
from optimiser.whatif.said import Told
from optimiser.whatif.workers import FAILED, LocalPool, failed_point, fault_hook

Progress = Callable[[int, int], None]  # (done, total)

WORKER_START_S = 5.0  # interpreter start and imports of a spawned worker (measured 3–4 s)
PROBE_POINTS = 2  # points solved in this process before any decision to fan out
SAVING_FACTOR = 2.0  # fan out when it saves more than this many start-up times
CHUNKS_PER_WORKER = 16  # smaller chunks: smoother progress, quicker stop on Ctrl-C
DASK_STOPPED = "point_dask_stopped"  # a catalogue key: why the point failed


@dataclass(frozen=True)
class SessionSpec:
    """Everything a worker needs to rebuild the parent's session: picklable."""

    data: AllocationData
    options: SolveOptions
    mip_mode: str
    headroom: float
    base: BaseState

    def session(self) -> Session:
        return Session(self.data, self.options, mip_mode=self.mip_mode,
                       headroom=self.headroom, base=self.base)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fan_out_pays(rest: int, seconds_per_point: float, workers: int,
                 setup_seconds: float) -> bool:
    """The rule of the module docstring: does sending `rest` points to workers pay?"""
    w = min(workers, rest)
    if w <= 1:
        return False
    startup = WORKER_START_S + setup_seconds
    serial = rest * seconds_per_point
    parallel = startup + serial / w
    return serial - parallel > SAVING_FACTOR * startup


# One session per worker thread, kept between tasks (Dask). Per thread, not per process:
# a Dask worker may run tasks in several threads, and a session (one HiGHS instance)
# must never be used by two at once.
_LOCAL = threading.local()


def spec_token(spec) -> str:
    """A worker's key for the session a spec makes: the same spec, the same session."""
    return hashlib.blake2b(pickle.dumps(spec), digest_size=16).hexdigest()


def _worker_session(spec: SessionSpec, token: str) -> Session:
    sessions: dict[str, Session] = _LOCAL.__dict__.setdefault("sessions", {})
    session = sessions.get(token)
    if session is None:
        sessions.clear()  # a worker serves one batch at a time
        session = sessions[token] = spec.session()
    return session


def _solve_chunk(spec: SessionSpec, token: str, chunk: list[tuple[int, AllocationData]],
                 parent_pid: int) -> list[tuple[int, PointResult]]:
    session = _worker_session(spec, token)
    results = []
    for index, variant in chunk:
        fault_hook(index, None, parent_pid)
        results.append((index, session.solve(variant)))
    return results


def _chunk_size(points: int, workers: int) -> int:
    return max(1, points // (workers * CHUNKS_PER_WORKER))


def _chunks(indexed: list[tuple[int, AllocationData]], workers: int
            ) -> list[list[tuple[int, AllocationData]]]:
    size = _chunk_size(len(indexed), workers)
    return [indexed[k:k + size] for k in range(0, len(indexed), size)]


@dataclass
class BatchStats:
    """How the last batch ran: for the About sheet and the terminal."""

    points: int = 0
    in_process: int = 0  # points solved serially in this process
    workers: int = 0  # local workers used (0: none)
    scheduler: str | None = None
    seconds: float = 0.0
    workers_lost: int = 0  # local workers that stopped and were replaced
    failed: int = 0  # points whose process stopped on them, reported as failed

    def pairs(self) -> list[tuple[str, object]]:
        """(key, value) rows for a Run info sheet: how the batch ran."""
        return [
            ("points_solved", self.points),
            ("points_in_this_process", self.in_process),
            ("local_workers", self.workers),
            ("worker_processes_replaced", self.workers_lost),
            ("points_failed", self.failed),
            ("dask_scheduler", self.scheduler or ""),
            ("batch_seconds", round(self.seconds, 2)),
        ]


class Batch:
    """Solve variants of a base workbook, reusing one built model per process."""

    def __init__(self, session: Session, spec=None):
        """`spec` makes the same session in a worker (default: a SessionSpec of `session`).
        Any session with `solve(point)`, `method` and `setup_seconds`, and a picklable
        spec with `session()`, can run as a batch (the alternatives do)."""
        self.session = session
        self.spec = spec if spec is not None else SessionSpec(
            session.data, session.options, session.mip_mode, session.headroom, session.base)
        self.stats = BatchStats()

    def run(
        self,
        points: Sequence[AllocationData],
        workers: int = 1,
        scheduler: str | None = None,
        progress: Progress | None = None,
        *,
        adaptive: bool = True,
    ) -> list[PointResult]:
        """Results in the order of `points`. Ctrl-C stops the batch (KeyboardInterrupt,
        with `points_done` and `points_total` set on it).

        `workers` is the most local processes to use; with `adaptive` they are
        used only when the module's rule says it pays.
        """
        progress = progress or (lambda done, total: None)
        started = time.perf_counter()
        self.stats = BatchStats(points=len(points), scheduler=scheduler)
        results: list[PointResult | None] = [None] * len(points)
        try:
            self._run(list(enumerate(points)), results, workers, scheduler, adaptive,
                      progress)
        except KeyboardInterrupt as stop:
            stop.points_done, stop.points_total = _count(results), len(results)
            raise
        self.stats.seconds = time.perf_counter() - started
        self.stats.failed = sum(r.status == FAILED for r in results)
        return results  # type: ignore[return-value]

    def _run(self, indexed, results, workers, scheduler, adaptive, progress) -> None:
        if scheduler:
            self._dask(indexed, scheduler, results, progress)
            return
        rest = self._serial(indexed, results, workers, adaptive, progress)
        if rest:
            self.stats.workers = min(workers, len(rest))
            rest = self._local(rest, self.stats.workers, results, progress)
        if rest:  # workers could not start here
            self._serial(rest, results, 1, True, progress)

    def _serial(self, indexed, results, workers: int, adaptive: bool, progress: Progress):
        """Solve in this process until fanning out pays; return the points left."""
        if workers > 1 and not adaptive and len(indexed) > 1:
            return indexed
        spent = 0.0
        for done, (index, variant) in enumerate(indexed, start=1):
            result = self.session.solve(variant)
            results[index] = result
            spent += result.seconds
            self.stats.in_process += 1
            progress(_count(results), len(results))
            rest = indexed[done:]
            if (workers > 1 and rest and done >= PROBE_POINTS
                    and fan_out_pays(len(rest), spent / done, workers,
                                     self.session.setup_seconds)):
                return rest
        return []

    def _local(self, indexed, workers: int, results: list, progress: Progress) -> list:
        """Solve on local workers; return the points left to this process (if any)."""

        def on_result(index: int, result: PointResult) -> None:
            _fill(results, [(index, result)], progress)

        pool = LocalPool(self.spec, workers, _chunk_size(len(indexed), workers),
                         self.session.method)
        try:
            return pool.run(indexed, on_result)
        finally:
            self.stats.workers_lost += pool.stats.lost

    def _dask(self, indexed, scheduler: str, results: list, progress: Progress) -> None:
        """The whole batch on Dask. The spec travels with each task rather than scattered
        once: a scattered copy could be lost with the workers that held it."""
        from dask.distributed import Client

        with Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            given_up = self._dask_round(client, _chunks(indexed, workers), results, progress)
            singles = [[point] for chunk, _error in given_up if len(chunk) > 1
                       for point in chunk]
            for chunk, error in given_up:
                if len(chunk) == 1:
                    _fill(results, [(chunk[0][0], self._dask_failure(error))], progress)
            for chunk, error in self._dask_round(client, singles, results, progress):
                _fill(results, [(chunk[0][0], self._dask_failure(error))], progress)

    def _dask_round(self, client, chunks: list, results: list, progress: Progress) -> list:
        """Submit `chunks`, fill what comes back; return the (chunk, error) given up on."""
        from dask.distributed import as_completed

        if not chunks:
            return []
        token, parent = spec_token(self.spec), os.getpid()
        futures = {client.submit(_solve_chunk, self.spec, token, chunk, parent, pure=False):
                   chunk for chunk in chunks}
        given_up = []
        try:
            for future in as_completed(list(futures)):
                if future.status == "error":
                    given_up.append((futures[future], future.exception()))
                else:
                    _fill(results, future.result(), progress)
        except BaseException:
            client.cancel(list(futures))
            raise
        return given_up

    def _dask_failure(self, error: BaseException) -> PointResult:
        if type(error).__name__ == "KilledWorker":
            return failed_point(Told(DASK_STOPPED), self.session.method)
        return failed_point(f"unexpected error: {type(error).__name__}: {error}",
                            self.session.method)


def _fill(results: list, chunk: list[tuple[int, PointResult]], progress: Progress) -> None:
    for index, result in chunk:
        results[index] = result
    progress(_count(results), len(results))


def _count(results: list) -> int:
    return sum(result is not None for result in results)
