"""Local worker processes of a batch: spawned, fed one chunk at a time, replaced when lost.

Each worker builds the parent's session once, then solves the chunks it is
sent and returns every point as soon as it is solved. So the parent always
knows which points a worker holds and which one it is solving.

A lost worker (killed by the out-of-memory killer, a crashed solver) costs
only its point in progress: the parent starts a new worker and sends the
points that worker held again. A point whose worker stops every time (it is
run ATTEMPTS times) is reported as failed, and the batch goes on. Workers
that stop before they could solve anything, START_FAILURES times in a row,
mean workers cannot run here: the rest of the batch goes on in this process,
except points that stopped a worker (never risked in the parent).

Workers end within seconds of their parent, however it ends (SIGKILL
included): on Linux the kernel kills them when it dies (PR_SET_PDEATHSIG:
strictly, when the thread that started them ends, and that thread waits for
the batch), and a thread in each also checks every WATCH_S that its parent
is still there (macOS, and a parent gone before the kernel was told; on
Windows, where neither works, a worker ends when its pipe closes, after the
point at hand). They ignore Ctrl-C; the parent ends them.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from models.data import AllocationData
from optimiser.whatif.resolve import PointResult
from optimiser.whatif.said import Told

ATTEMPTS = 3  # a point is run once and, if its worker stops, again at most twice
START_FAILURES = 3  # workers lost before their first point, in a row: go on in this process
WATCH_S = 0.5  # how often a worker checks that its parent is alive
POLL_S = 1.0  # the parent also wakes this often (a worker may stop without a sound)
END_S = 5.0  # how long a stopped worker may take to exit before it is killed
FAILED = "failed"
# why a point failed: catalogue keys (optimiser.writers.words_alternatives), said as a Told
STOPPED, NOT_RISKED = "point_stopped", "point_not_risked"
# Test hook, read in worker processes only: "3" stops the worker on point 3 every time,
# "3:1" on its first attempt only ("3,8:1": both), "start" as the worker starts; "hang" makes every
# point take an hour (a long solve), after a word on stderr.
FAULT_ENV = "ALLOCATE_TEST_STOP_WORKER"
HANG_S = 3600.0
PR_SET_PDEATHSIG = 1

Point = tuple[int, AllocationData]
OnResult = Callable[[int, PointResult], None]


def failed_point(message: str, method: str = "") -> PointResult:
    return PointResult(FAILED, None, None, method, message)


# -- in the worker ----------------------------------------------------------------------

def die_with_parent(parent_pid: int) -> None:
    """End this process soon after `parent_pid` is gone, however the parent ended."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # it died before the line above
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True,
                     name="allocate-parent-watch").start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:  # an orphan is adopted by another process
        time.sleep(WATCH_S)
    os._exit(1)


def fault_hook(where: int | str, attempt: int | None, parent_pid: int) -> None:
    """The test hook of FAULT_ENV: stop this process as a crash would. Never the parent."""
    wanted = os.environ.get(FAULT_ENV)
    if not wanted or os.getpid() == parent_pid:
        return
    if wanted == "hang" and where != "start":
        print(f"worker {os.getpid()} hangs", file=sys.stderr, flush=True)
        time.sleep(HANG_S)
    for fault in wanted.split(","):
        target, _, first = fault.partition(":")
        if target == str(where) and (not first or attempt is None or attempt <= int(first)):
            os._exit(70)


def _worker_main(conn, parent_pid: int) -> None:
    """A worker's life: ask for the session, build it, then solve chunks until told to stop.

    The session comes down the pipe once the worker asks for it: sent earlier, with
    the process's arguments, the parent would wait on a full pipe while the worker
    imports. (Nothing goes to a file, so a killed parent leaves none behind.)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    die_with_parent(parent_pid)
    fault_hook("start", None, parent_pid)
    try:
        conn.send(("hello",))
        spec = conn.recv()
    except (EOFError, OSError):
        return
    try:
        session = spec.session()
    except Exception:  # e.g. out of memory: the parent counts a worker that did not start
        return
    conn.send(("ready",))
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, attempt, variant in chunk:
            fault_hook(index, attempt, parent_pid)
            conn.send(("point", index, session.solve(variant)))


# -- in the parent ----------------------------------------------------------------------

@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    ready: bool = False
    held: deque = field(default_factory=deque)  # (index, variant) in the order sent


@dataclass
class PoolStats:
    lost: int = 0  # workers that stopped and were replaced


class LocalPool:
    """Spawned workers solving points for the session `spec` (a batch.SessionSpec)."""

    def __init__(self, spec, workers: int, chunk_size: int, method: str):
        self.spec, self.workers, self.chunk_size = spec, workers, chunk_size
        self.method = method
        self.context = multiprocessing.get_context("spawn")  # see batch.py: never fork
        self.live: list[_Worker] = []
        self.queue: deque[Point] = deque()
        self.attempts: dict[int, int] = {}
        self.start_failures = 0
        self.stats = PoolStats()

    def run(self, points: list[Point], on_result: OnResult) -> list[Point]:
        """Solve `points`, each result to `on_result`; return those left to this process
        (workers could not start here). Any exception, Ctrl-C included, ends the workers."""
        self.queue = deque(points)
        try:
            while self.queue or any(w.held for w in self.live):
                if self.start_failures >= START_FAILURES:
                    return self._give_up(on_result)
                self._staff()
                self._feed()
                self._listen(on_result)
            return []
        finally:
            self._end_all()

    def _staff(self) -> None:
        chunks_left = -(-len(self.queue) // self.chunk_size)
        wanted = min(self.workers, sum(bool(w.held) for w in self.live) + chunks_left)
        if len(self.live) >= wanted:
            return
        with children_ignore_ctrl_c():
            while len(self.live) < wanted:
                parent, child = self.context.Pipe()
                process = self.context.Process(
                    target=_worker_main, args=(child, os.getpid()),
                    daemon=True, name="allocate-worker")
                process.start()
                child.close()
                self.live.append(_Worker(process, parent))

    def _feed(self) -> None:
        for worker in self.live:
            if worker.ready and not worker.held and self.queue:
                chunk = [self.queue.popleft() for _ in range(min(self.chunk_size,
                                                                  len(self.queue)))]
                worker.held.extend(chunk)
                with contextlib.suppress(OSError):  # it stopped: its sentinel says so next
                    worker.conn.send([(i, self.attempts.get(i, 0) + 1, v) for i, v in chunk])

    def _listen(self, on_result: OnResult) -> None:
        handles = {}
        for worker in self.live:
            handles[worker.conn] = worker
            handles[worker.process.sentinel] = worker
        for handle in wait(list(handles), timeout=POLL_S):
            worker = handles[handle]
            if worker in self.live:
                self._hear(worker, on_result)

    def _hear(self, worker: _Worker, on_result: OnResult) -> None:
        """Take every message a worker sent; if it stopped, deal with what it held."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message[0] == "hello":  # it reads now: the send cannot block
                    worker.conn.send(self.spec)
                elif message[0] == "ready":
                    worker.ready, self.start_failures = True, 0
                elif message[0] == "point":
                    worker.held.popleft()
                    on_result(message[1], message[2])
            stopped = not worker.process.is_alive()
        except (EOFError, OSError):  # the pipe closed: the worker is gone or going
            stopped = True
        if stopped:
            self._lost(worker, on_result)

    def _lost(self, worker: _Worker, on_result: OnResult) -> None:
        """A worker stopped: charge its point in progress, send the others again."""
        self.live.remove(worker)
        worker.process.join(END_S)
        if worker.process.is_alive():  # its pipe closed, yet it lingers
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self.stats.lost += 1
        held = list(worker.held)
        if not worker.ready:
            self.start_failures += 1
        elif held:
            index, variant = held.pop(0)
            self.attempts[index] = self.attempts.get(index, 0) + 1
            if self.attempts[index] >= ATTEMPTS:
                on_result(index, failed_point(Told(STOPPED, attempts=ATTEMPTS), self.method))
            else:
                held.insert(0, (index, variant))
        self.queue.extendleft(reversed(held))

    def _give_up(self, on_result: OnResult) -> list[Point]:
        """Workers cannot start here: the points that never stopped one go to this process."""
        rest = list(self.queue) + [p for w in self.live for p in w.held]
        self.queue.clear()
        for worker in self.live:
            worker.held.clear()
        for index, _variant in rest:
            if self.attempts.get(index):
                on_result(index, failed_point(Told(NOT_RISKED), self.method))
        return sorted((p for p in rest if not self.attempts.get(p[0])), key=lambda p: p[0])

    def _end_all(self) -> None:
        """Stop every worker: a polite word to idle ones, a signal to the rest."""
        for worker in self.live:
            with contextlib.suppress(OSError):
                if worker.held or not worker.ready:
                    worker.process.terminate()
                else:
                    worker.conn.send(None)
        deadline = time.monotonic() + END_S
        for worker in self.live:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.live = []


@contextlib.contextmanager
def children_ignore_ctrl_c():
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
