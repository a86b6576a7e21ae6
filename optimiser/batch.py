"""Run many variants of one workbook: serially, on local worker processes, or on Dask.

Each process holds one `Session` (the base model, built and compiled once) and
solves the points it is given; every point starts from the base state the
parent computed, so results are identical however the points are spread.

Local workers are spawned, not forked: HiGHS keeps a thread pool, and
forking a process that has one is unsafe.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from models.data import AllocationData
from optimiser.resolve import FIXED, BaseState, PointResult, Session
from optimiser.solve import SolveOptions

Progress = Callable[[int, int], None]  # (done, total)


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
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# One session per worker process, kept between tasks (local pool and Dask alike).
_SESSIONS: dict[str, Session] = {}


def _worker_session(spec: SessionSpec, token: str) -> Session:
    session = _SESSIONS.get(token)
    if session is None:
        _SESSIONS.clear()  # a worker serves one batch at a time
        session = _SESSIONS[token] = spec.session()
    return session


def _solve_chunk(spec: SessionSpec, token: str,
                 chunk: list[tuple[int, AllocationData]]) -> list[tuple[int, PointResult]]:
    session = _worker_session(spec, token)
    return [(index, session.solve(variant)) for index, variant in chunk]


def _chunks(points: Sequence[AllocationData], size: int) -> list[list[tuple[int, AllocationData]]]:
    indexed = list(enumerate(points))
    return [indexed[k:k + size] for k in range(0, len(indexed), size)]


class Batch:
    """Solve variants of a base workbook, reusing one built model per process."""

    def __init__(self, session: Session):
        self.session = session
        self.spec = SessionSpec(session.data, session.options, session.mip_mode,
                                session.headroom, session.base)

    def run(
        self,
        points: Sequence[AllocationData],
        workers: int = 1,
        scheduler: str | None = None,
        progress: Progress | None = None,
    ) -> list[PointResult]:
        """Results in the order of `points`. Ctrl-C stops the batch (KeyboardInterrupt)."""
        progress = progress or (lambda done, total: None)
        if scheduler:
            return self._dask(points, scheduler, progress)
        if workers <= 1 or len(points) <= 1:
            return self._serial(points, progress)
        return self._local(points, min(workers, len(points)), progress)

    def _serial(self, points, progress: Progress) -> list[PointResult]:
        results = []
        for variant in points:
            results.append(self.session.solve(variant))
            progress(len(results), len(points))
        return results

    def _collect(self, done_chunks, total: int, progress: Progress) -> list[PointResult]:
        results: list[PointResult | None] = [None] * total
        finished = 0
        for chunk in done_chunks:
            for index, result in chunk:
                results[index] = result
                finished += 1
            progress(finished, total)
        return results  # type: ignore[return-value]

    def _local(self, points, workers: int, progress: Progress) -> list[PointResult]:
        token = self.spec.token
        chunks = _chunks(points, max(1, len(points) // (workers * 4)))
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        try:
            futures = {pool.submit(_solve_chunk, self.spec, token, chunk) for chunk in chunks}

            def finished():
                pending = futures
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()

            return self._collect(finished(), len(points), progress)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            pool.shutdown(wait=True)

    def _dask(self, points, scheduler: str, progress: Progress) -> list[PointResult]:
        from dask.distributed import Client, as_completed

        token = self.spec.token
        with Client(scheduler) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            chunks = _chunks(points, max(1, len(points) // (workers * 4)))
            spec = client.scatter(self.spec, broadcast=True)
            futures = [client.submit(_solve_chunk, spec, token, chunk, pure=False)
                       for chunk in chunks]
            try:
                return self._collect((f.result() for f in as_completed(futures)),
                                     len(points), progress)
            except BaseException:
                client.cancel(futures)
                raise


def make_batch(data: AllocationData, options: SolveOptions | None = None, *,
               mip_mode: str = FIXED, headroom: float = 1.0) -> Batch:
    """Build and solve the base once; the batch then re-solves variants of it."""
    return Batch(Session(data, options, mip_mode=mip_mode, headroom=headroom))
