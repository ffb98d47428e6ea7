"""Where the heavy steps run: this process with a pool of local processes, or a Dask cluster.

Every heavy step (sentence scoring, term counting, target scoring) cuts its
input into chunks and calls :func:`map_chunks`, which returns
``func(chunk)`` for each chunk, in order. The functions are pure, so the
result does not depend on where a chunk ran: a local run, a run on a Dask
cluster and a run in one process give the same tables, byte for byte.

Locally, one pool of ``n_jobs - 1`` worker processes is started the first
time it is needed and reused by every later call. This process works too:
it takes chunks from the end while the pool takes them from the front, and
when nothing is left to hand out it does the pool's unfinished chunks
itself. So a call never waits for workers to start, and it is never slower
than the plain loop in one process, whatever its size.

``scheduler`` picks where (``FRAMING_SCHEDULER`` in the environment when it
is not given): ``None`` or ``"local"`` for this machine's processes,
``"serial"`` for this process only, an address such as
``"tcp://host:8786"`` or a ``dask.distributed.Client`` for that cluster.

One vocabulary for units of work: a *chunk* is what one call of ``func``
gets (each module's ``CHUNK``, or ``WIRE_CHUNK``, ``CONTAINS_CHUNK``, ...:
about a second of work); a *round* is the chunks in flight at once
(``ROUND``: it bounds memory); a *part* is what the prepared dataset keeps
on disk together (``PART`` articles: the unit of resuming); a *batch* is
what is read from a file at once (``BATCH_ROWS``).

Every public function that does heavy work takes ``n_jobs``, ``scheduler``
and ``progress``; :func:`parallel_config` sets them once for a block of
code (as joblib's ``parallel_config`` does), and a keyword given to a call
still wins.
"""

from __future__ import annotations

import atexit
import gc
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing import get_context
from multiprocessing.util import Finalize

from tqdm.auto import tqdm

from .errors import SchedulerError

SCHEDULER_ENV = "FRAMING_SCHEDULER"
LOCAL, SERIAL = "local", "serial"
_LOCK = threading.Lock()
_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0
_WARM = False  # the pool has returned a result: its workers are up
_CLIENTS: dict[str, object] = {}
#: what :func:`parallel_config` set for the code running now (a context variable: each thread and task its own)
_CONFIG: ContextVar[dict] = ContextVar("analysis_parallel_config", default={})
#: seconds of work below which a pool is not started: starting one costs this process about 0.06 s and a worker
#: about 0.3 s before its first result (benchmarks/bench_parallel.py), so smaller inputs run here alone
COLD_START = 0.5


@contextmanager
def parallel_config(*, n_jobs: int | None = None, scheduler=None, progress: bool | None = None):
    """Where the heavy steps run, and whether they show progress, for every call inside the block.

    Parameters
    ----------
    n_jobs : int, optional
        Processes on this machine, this one included (default: every core; 1: this process only).
    scheduler : str or dask.distributed.Client, optional
        ``"local"``, ``"serial"``, a Dask address such as ``"tcp://host:8786"`` or a client (default:
        ``$FRAMING_SCHEDULER``, else ``"local"``).
    progress : bool, optional
        Show progress bars (default: on a terminal or in a notebook, unless ``$TQDM_DISABLE`` is set).

    Yields
    ------
    None
        Inside the block, a call that leaves ``n_jobs``, ``scheduler`` or ``progress`` out (or ``None``)
        takes the value set here; a value given to the call wins. Blocks nest; the settings are the
        current thread's.

    Examples
    --------
    >>> with fa.parallel_config(n_jobs=2, progress=False):  # doctest: +SKIP
    ...     sentences = fa.score_sentences(fa.split_sentences(articles))
    """
    given = {"n_jobs": n_jobs, "scheduler": scheduler, "progress": progress}
    token = _CONFIG.set({**_CONFIG.get(), **{k: v for k, v in given.items() if v is not None}})
    try:
        yield
    finally:
        _CONFIG.reset(token)


def _setting(name: str, given):
    """``given``, else what :func:`parallel_config` set for ``name`` (``None`` when nothing)."""
    return given if given is not None else _CONFIG.get().get(name)


@contextmanager
def gc_paused():
    """Python's cycle collector paused inside the block. Code that makes millions of short-lived lists and
    tuples (features of each target, the other targets of each mention) otherwise sets off full
    collections that walk every container the process holds (measured here: the other targets of 1.1 million
    mentions 2.4 s -> 0.6 s; featurising 3% to 6%). Nothing in
    such a block makes reference cycles, so reference counting still frees all of it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def resolve_scheduler(scheduler=None):
    """``LOCAL``, ``SERIAL`` or a ``dask.distributed.Client`` for ``scheduler`` (default: :func:`parallel_config`'s,
    else $FRAMING_SCHEDULER)."""
    scheduler = _setting("scheduler", scheduler)
    value = (
        scheduler
        if scheduler is not None
        else (os.environ.get(SCHEDULER_ENV) or "").strip() or None
    )
    if value is None or value in (LOCAL, "processes"):
        return LOCAL
    if value in (SERIAL, "single", "sync", "synchronous"):
        return SERIAL
    if hasattr(value, "submit") and hasattr(value, "gather"):  # a dask.distributed.Client
        return value
    if isinstance(value, str) and "://" in value:
        if value not in _CLIENTS:
            try:
                from distributed import Client
            except ImportError as err:  # pragma: no cover - distributed is a dependency
                raise SchedulerError(
                    f"scheduler {value!r} needs dask.distributed: pip install distributed"
                ) from err
            try:
                _CLIENTS[value] = Client(value, timeout="20s", set_as_default=False)
            except OSError as err:
                raise SchedulerError(
                    f"could not reach the Dask scheduler at {value}: {err}"
                ) from None
        return _CLIENTS[value]
    raise SchedulerError(
        f"scheduler must be 'local', 'serial', a Dask address like tcp://host:8786 or a "
        f"dask.distributed.Client, not {value!r} (from {'$' + SCHEDULER_ENV if scheduler is None else 'scheduler='})"
    )


def describe(scheduler=None) -> str:
    """Where work would run, in words (for the CLI and the report's log)."""
    where = resolve_scheduler(scheduler)
    if where == LOCAL:
        return f"this machine ({os.cpu_count() or 1} processes)"
    if where == SERIAL:
        return "this process"
    workers = len(where.scheduler_info().get("workers", {}))
    return f"Dask cluster at {where.scheduler.address} ({workers} workers)"


def local_jobs(n_jobs: int | None = None) -> int:
    """Processes on this machine, this one included: ``n_jobs``, else :func:`parallel_config`'s, else every
    core."""
    n_jobs = _setting("n_jobs", n_jobs)
    return max(1, n_jobs if n_jobs is not None else (os.cpu_count() or 1))


def capacity(scheduler=None, n_jobs: int | None = None) -> int:
    """How many chunks can run at once where ``scheduler`` says: local processes, or the cluster's threads."""
    where = resolve_scheduler(scheduler)
    if where == SERIAL:
        return 1
    if where == LOCAL:
        return local_jobs(n_jobs)
    workers = where.scheduler_info().get("workers", {}).values()
    return max(1, sum(w.get("nthreads", 1) for w in workers))


def _pool(workers: int) -> ProcessPoolExecutor:
    """The shared local pool, started once with ``workers`` processes (restarted only to grow)."""
    global _POOL, _POOL_SIZE, _WARM
    with _LOCK:
        if _POOL is None or _POOL_SIZE < workers:
            _WARM = False
            if _POOL is not None:
                _POOL.shutdown(wait=False)  # nothing cancelled: see _drop_pool
            _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
            _POOL_SIZE = workers
        return _POOL


def _drop_pool(*, stop_workers: bool = False) -> None:
    """Let the shared pool go, its queued work left to finish or fail on its own.

    No future of the pool is ever cancelled: a cancelled future stays in the pool's table of pending work
    until its turn comes, and if a worker dies before then, Python 3.11's pool fails every pending future
    from its own thread, including the cancelled one, which raises InvalidStateError there (CPython
    gh-107219, fixed in 3.12). A chunk this process took back and did itself is just left to the pool too
    (its result is not read). ``stop_workers``: end the workers now, their work no longer wanted (as the
    process ends: see the finaliser below)."""
    global _POOL, _POOL_SIZE, _WARM
    with _LOCK:
        pool, _POOL, _POOL_SIZE, _WARM = _POOL, None, 0, False
    if pool is not None:
        if stop_workers:
            for worker in list((pool._processes or {}).values()):
                worker.terminate()
        pool.shutdown(wait=False)


def _close_clients() -> None:
    for client in _CLIENTS.values():
        try:
            client.close()
        except Exception:  # a cluster already gone: nothing left to close
            pass
    _CLIENTS.clear()


atexit.register(_drop_pool)
atexit.register(_close_clients)


# A process started by multiprocessing (a user's own; the report's actors step once was one) joins its child
# processes as it ends, after closing its queues' feeder threads and before any atexit handler runs
# (multiprocessing.util._exit_function): the pool's idle workers, never told to stop, kept it waiting forever
# (a 100,000-article report hung so). This finaliser runs before both (priority 100 > the queues' 10).
Finalize(None, _drop_pool, kwargs={"stop_workers": True}, exitpriority=100)


def progress_bar(
    total: int, *, desc: str, unit: str, progress: bool | None = None, initial: int = 0
) -> tqdm:
    """A tqdm bar in the terminal or a notebook, with its rate in ``unit``/s. ``progress=None``: shown on a terminal
    or in a notebook, unless $TQDM_DISABLE is set (the report sets it, so its notebooks stay byte-identical)."""
    progress = _setting("progress", progress)
    disable = (
        (True if os.environ.get("TQDM_DISABLE") else None) if progress is None else not progress
    )
    return tqdm(total=total, initial=initial, desc=desc, unit=unit, leave=False, disable=disable)


def map_chunks(
    func: Callable,
    chunks: Sequence,
    *,
    n_jobs: int | None = None,
    scheduler=None,
    progress: bool | None = None,
    sizes: Sequence[int] | None = None,
    desc: str = "",
    unit: str = "it",
) -> list:
    """``[func(chunk) for chunk in chunks]``, computed where ``scheduler`` says.

    ``n_jobs``: processes on this machine, this one included (default:
    :func:`parallel_config`'s, else every core; 1: this process only). ``sizes``: how much each chunk holds, for
    the progress bar (default 1 each); ``progress`` shows it (default: on a
    terminal or in a notebook only). ``func`` must be a module-level function.
    """
    chunks = list(chunks)
    sizes = list(sizes) if sizes is not None else [1] * len(chunks)
    where = resolve_scheduler(scheduler)
    with progress_bar(sum(sizes), desc=desc, unit=unit, progress=progress) as bar:
        if where not in (LOCAL, SERIAL):
            return _on_cluster(where, func, chunks, sizes, bar)
        jobs = 1 if where == SERIAL else local_jobs(n_jobs)
        if jobs <= 1 or len(chunks) < 2:
            out = []
            for chunk, size in zip(chunks, sizes):
                out.append(func(chunk))
                bar.update(size)
            return out
        workers = min(jobs - 1, len(chunks) - 1)
        if _POOL is not None and _POOL_SIZE >= workers:  # a warm pool costs nothing to use
            return _with_pool(func, chunks, sizes, workers, bar)
        # a cold one is started only when the work is worth it: time one chunk
        started = time.perf_counter()
        last = func(chunks[-1])
        bar.update(sizes[-1])
        if (time.perf_counter() - started) * (len(chunks) - 1) < COLD_START:
            out = []
            for chunk, size in zip(chunks[:-1], sizes[:-1]):
                out.append(func(chunk))
                bar.update(size)
            return [*out, last]
        return [
            *_with_pool(func, chunks[:-1], sizes[:-1], min(workers, len(chunks) - 2) or 1, bar),
            last,
        ]


def _with_pool(func, chunks, sizes, workers, bar) -> list:
    """The pool takes chunks from the front, this process from the back; neither waits for the other.

    When nothing is left to hand out, this process waits for a warm pool's
    chunks; a cold pool's workers may still be starting, so it does those
    itself too (the pool's copies are left to run, never cancelled: see
    :func:`_drop_pool`)."""
    results: list = [None] * len(chunks)
    done = [False] * len(chunks)
    front, back = 0, len(chunks) - 1
    inflight: dict = {}
    pool: ProcessPoolExecutor | None = _pool(workers)

    def finish(i, value):
        if not done[i]:
            results[i], done[i] = value, True
            bar.update(sizes[i])

    def harvest(futures):
        global _WARM
        nonlocal pool
        for fut in futures:
            i = inflight.pop(fut, None)
            if i is None or fut.cancelled():
                continue
            try:
                value = fut.result()
            # a worker died (killed, out of memory): this process does its chunk
            except BrokenProcessPool:
                pool = None
                _drop_pool()
                continue
            _WARM = True
            finish(i, value)

    while True:
        while pool is not None and len(inflight) < 2 * workers and front <= back:
            try:
                inflight[pool.submit(func, chunks[front])] = front
                front += 1
            except (BrokenProcessPool, RuntimeError):
                pool = None
                _drop_pool()
        harvest([f for f in list(inflight) if f.done()])
        if back >= front:
            finish(back, func(chunks[back]))
            back -= 1
            continue
        pending = [(i, f) for f, i in inflight.items() if not done[i]]
        if not pending:
            break
        i, late = max(pending, key=lambda p: p[0])
        # maybe waiting for a worker to start: do it here (the pool's copy is left to it)
        if not _WARM:
            inflight.pop(late)
            finish(i, func(chunks[i]))
            continue
        harvest(wait([f for _, f in pending], return_when=FIRST_COMPLETED).done)
    for i in (i for i, d in enumerate(done) if not d):  # lost with a broken pool
        finish(i, func(chunks[i]))
    return results


def _on_cluster(client, func, chunks, sizes, bar) -> list:
    from distributed import as_completed

    futures = client.map(func, chunks, pure=False)
    index = {f.key: i for i, f in enumerate(futures)}
    for fut in as_completed(futures, loop=client.loop):
        bar.update(sizes[index[fut.key]])
    return client.gather(futures)
