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
returns nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from models.data import AllocationData
from optimiser.solve.solver import SolveOptions
from optimiser.whatif.resolve import BaseState, PointResult, Session

Progress = Callable[[int, int], None]  # (done, total)

WORKER_START_S = 5.0  # interpreter start and imports of a spawned worker (measured 3–4 s)
PROBE_POINTS = 2  # points solved in this process before any decision to fan out
SAVING_FACTOR = 2.0  # fan out when it saves more than this many start-up times
CHUNKS_PER_WORKER = 16  # smaller chunks: smoother progress, quicker stop on Ctrl-C


@dataclass(frozen=True)
class SessionSpec:
    """Everything a worker needs to rebuild the parent's session: picklable."""

    data: AllocationData
    options: SolveOptions
    mip_mode: str
    headroom: float
    base: BaseState

    @property
    def token(self) -> str:
        return hashlib.blake2b(pickle.dumps(self), digest_size=16).hexdigest()

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


# One session per worker thread, kept between tasks (local pool and Dask alike). Per
# thread, not per process: a Dask worker may run tasks in several threads, and a
# session (one HiGHS instance) must never be used by two at once.
_LOCAL = threading.local()


def _worker_session(spec: SessionSpec | None, token: str) -> Session:
    sessions: dict[str, Session] = _LOCAL.__dict__.setdefault("sessions", {})
    session = sessions.get(token)
    if session is None:
        sessions.clear()  # a worker serves one batch at a time
        session = sessions[token] = spec.session()
    return session


def _start_local_worker(spec_path: str, token: str) -> None:
    """Pool initializer: the parent handles Ctrl-C; build the session before any task.

    The spec comes as a file: passed in `initargs` it would be written down the pipe
    that starts the process, and the parent would wait there while the worker imports.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with open(spec_path, "rb") as handle:
        spec = pickle.load(handle)
    _worker_session(spec, token)


def _solve_local_chunk(token: str, chunk: list[tuple[int, AllocationData]]
                       ) -> list[tuple[int, PointResult]]:
    session = _worker_session(None, token)  # made by _start_local_worker
    return [(index, session.solve(variant)) for index, variant in chunk]


def _solve_chunk(spec: SessionSpec, token: str,
                 chunk: list[tuple[int, AllocationData]]) -> list[tuple[int, PointResult]]:
    session = _worker_session(spec, token)
    return [(index, session.solve(variant)) for index, variant in chunk]


def _chunks(indexed: list[tuple[int, AllocationData]], workers: int
            ) -> list[list[tuple[int, AllocationData]]]:
    size = max(1, len(indexed) // (workers * CHUNKS_PER_WORKER))
    return [indexed[k:k + size] for k in range(0, len(indexed), size)]


@dataclass
class BatchStats:
    """How the last batch ran: for the About sheet and the terminal."""

    points: int = 0
    in_process: int = 0  # points solved serially in this process
    workers: int = 0  # local workers used (0: none)
    scheduler: str | None = None
    seconds: float = 0.0


class Batch:
    """Solve variants of a base workbook, reusing one built model per process."""

    def __init__(self, session: Session):
        self.session = session
        self.spec = SessionSpec(session.data, session.options, session.mip_mode,
                                session.headroom, session.base)
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
        """Results in the order of `points`. Ctrl-C stops the batch (KeyboardInterrupt).

        `workers` is the most local processes to use; with `adaptive` they are
        used only when the module's rule says it pays.
        """
        progress = progress or (lambda done, total: None)
        started = time.perf_counter()
        self.stats = BatchStats(points=len(points), scheduler=scheduler)
        results: list[PointResult | None] = [None] * len(points)
        indexed = list(enumerate(points))
        if scheduler:
            self._dask(indexed, scheduler, results, progress)
        else:
            rest = self._serial(indexed, results, workers, adaptive, progress)
            if rest:
                self.stats.workers = min(workers, len(rest))
                self._local(rest, self.stats.workers, results, progress)
        self.stats.seconds = time.perf_counter() - started
        return results  # type: ignore[return-value]

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

    def _local(self, indexed, workers: int, results: list, progress: Progress) -> None:
        token = self.spec.token
        with tempfile.TemporaryDirectory(prefix="allocate-batch-") as folder:
            spec_path = os.path.join(folder, "session.pickle")
            with open(spec_path, "wb") as handle:
                pickle.dump(self.spec, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_local_worker, initargs=(spec_path, token))
            try:
                with _children_ignore_ctrl_c():  # submit starts the workers
                    pending = {pool.submit(_solve_local_chunk, token, chunk)
                               for chunk in _chunks(indexed, workers)}
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        _fill(results, future.result(), progress)
            except BaseException:
                processes = _processes(pool)
                pool.shutdown(wait=False, cancel_futures=True)
                for process in processes:  # they ignore Ctrl-C: end them rather than wait
                    process.terminate()
                raise
            finally:
                pool.shutdown(wait=True)

    def _dask(self, indexed, scheduler: str, results: list, progress: Progress) -> None:
        from dask.distributed import Client, as_completed

        token = self.spec.token
        with Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            spec = client.scatter(self.spec, broadcast=True)
            futures = [client.submit(_solve_chunk, spec, token, chunk, pure=False)
                       for chunk in _chunks(indexed, workers)]
            try:
                for future in as_completed(futures):
                    _fill(results, future.result(), progress)
            except BaseException:
                client.cancel(futures)
                raise


@contextlib.contextmanager
def _children_ignore_ctrl_c():
    """Processes started inside ignore Ctrl-C from birth (an ignored signal stays ignored
    across exec, and Python then installs no handler), so a Ctrl-C while they import
    prints no traceback from them. Only the main thread may change signal handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _processes(pool: ProcessPoolExecutor) -> list:
    """The pool's worker processes (CPython keeps them in `_processes`; 3.14 adds
    `terminate_workers`, earlier versions have no public handle)."""
    return list((getattr(pool, "_processes", None) or {}).values())


def _fill(results: list, chunk: list[tuple[int, PointResult]], progress: Progress) -> None:
    for index, result in chunk:
        results[index] = result
    progress(_count(results), len(results))


def _count(results: list) -> int:
    return sum(result is not None for result in results)
