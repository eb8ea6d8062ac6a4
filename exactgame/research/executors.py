r"""Where research work runs: this process, local worker processes, or a Dask distributed cluster.

:func:`run_items` applies a module-level function to a list of items and yields ``(index,
result)`` pairs as they finish. The answer never depends on where it ran: each item's result is
a function of the item alone (exact arithmetic, no shared state), and callers order results by
index, so 1 worker, N workers and a cluster give the same output.

- ``workers=1`` (default): in this process, no start-up cost.
- ``workers=N``: a pool of N local processes (``concurrent.futures``), items sent in chunks
  so that the per-item cost stays close to the function's own time, not to pickling or process
  start-up (each worker imports exactgame once).
- ``scheduler="tcp://host:port"``: the same chunks on a Dask ``distributed`` cluster (the
  optional dependency ``exactgame[dask]``); the cluster's workers need exactgame installed.

Progress: ``progress(done, total)`` is called after every chunk (the CLI draws a bar on stderr).

>>> sorted(run_items(abs, [-2, 3, -1], workers=1))
[(0, 2), (1, 3), (2, 1)]
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterator, Sequence

from ..errors import InputError

__all__ = ["run_items", "chunked", "ProgressBar", "MAX_WORKERS"]

#: The largest ``workers`` accepted.
MAX_WORKERS = 256


def chunked(n: int, workers: int, per_worker: int = 8) -> list[range]:
    """Split ``range(n)`` into contiguous chunks, about ``per_worker`` per worker (at least one item).

    Parameters
    ----------
    n : int
        The number of items.
    workers : int
        The number of workers.
    per_worker : int
        Chunks per worker (more chunks: better balance and progress; fewer: less overhead).

    Returns
    -------
    list of range
        Chunks covering ``range(n)`` in order.

    >>> chunked(10, 2, per_worker=2)
    [range(0, 3), range(3, 6), range(6, 9), range(9, 10)]
    """
    size = max(1, -(-n // max(1, workers * per_worker)))
    return [range(k, min(n, k + size)) for k in range(0, n, size)]


def _run_chunk(func: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``[func(x) for x in items]``: what one worker does with one chunk."""
    return [func(x) for x in items]


def _local(func: Callable[[Any], Any], items: Sequence[Any], progress: Callable[[int, int], None] | None) -> Iterator[tuple[int, Any]]:
    for k, x in enumerate(items):
        yield k, func(x)
        if progress is not None:
            progress(k + 1, len(items))


def _pool(func: Callable[[Any], Any], items: Sequence[Any], workers: int,
          progress: Callable[[int, int], None] | None) -> Iterator[tuple[int, Any]]:
    chunks = chunked(len(items), workers)
    done = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = {pool.submit(_run_chunk, func, [items[i] for i in c]): c for c in chunks}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                c = pending.pop(fut)
                for i, res in zip(c, fut.result()):
                    yield i, res
                done += len(c)
                if progress is not None:
                    progress(done, len(items))


def _dask(func: Callable[[Any], Any], items: Sequence[Any], scheduler: str,
          progress: Callable[[int, int], None] | None) -> Iterator[tuple[int, Any]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--scheduler needs Dask's distributed package: pip install 'exactgame[dask]'") from None
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"--scheduler: cannot reach the Dask scheduler at {scheduler!r}: {exc}") from None
    try:
        n = sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()) or 1
        chunks = chunked(len(items), n)
        futures = {client.submit(_run_chunk, func, [items[i] for i in c], pure=False): c for c in chunks}
        done = 0
        for fut in as_completed(list(futures)):
            c = futures[fut]
            for i, res in zip(c, fut.result()):
                yield i, res
            done += len(c)
            if progress is not None:
                progress(done, len(items))
    finally:
        client.close()


def run_items(func: Callable[[Any], Any], items: Sequence[Any], *, workers: int = 1, scheduler: str | None = None,
              progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, Any]]:
    """Apply ``func`` to every item; yield ``(index, result)`` as results arrive (any order).

    Parameters
    ----------
    func : callable
        A module-level function (picklable) of one item.
    items : sequence
        Picklable items.
    workers : int
        1: this process; N > 1: N local processes (ignored with ``scheduler``).
    scheduler : str, optional
        A Dask scheduler address (``tcp://host:8786``).
    progress : callable, optional
        ``progress(done, total)`` after each item or chunk.

    Returns
    -------
    iterator of (int, object)
        Every index of ``items`` exactly once, with ``func(items[index])``.

    Raises
    ------
    InputError
        For ``workers`` outside 1..MAX_WORKERS, or a scheduler that cannot be reached.

    >>> dict(run_items(len, ["ab", "c"]))
    {0: 2, 1: 1}
    """
    if not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise InputError(f"--workers: expected an integer from 1 to {MAX_WORKERS}, got {workers!r}")
    if scheduler is not None:
        return _dask(func, items, scheduler, progress)
    if workers == 1 or len(items) <= 1:
        return _local(func, items, progress)
    return _pool(func, items, workers, progress)


class ProgressBar:
    """A progress bar on stderr for long runs: drawn only after ``delay`` seconds, at most every 0.2 s.

    A reporter for :func:`exactgame.progress.reporting` (called as ``bar(what, done, total)``).

    Parameters
    ----------
    what : str
        The label.
    delay : float
        Seconds before the bar appears (short runs print nothing).
    stream : file, optional
        Where to draw (default ``sys.stderr``).

    >>> import io
    >>> s = io.StringIO()
    >>> bar = ProgressBar("sweep", delay=0, stream=s)
    >>> bar("items", 5, 10); bar.close(); "5/10" in s.getvalue()
    True
    """

    def __init__(self, what: str, delay: float = 2.0, stream: Any = None) -> None:  # float-ok: seconds of wall-clock delay, not an answer
        self.what = what
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.perf_counter()
        self.last = -1.0  # float-ok: a timestamp for the progress bar
        self.drawn = False

    def __call__(self, what: str, done: int, total: int) -> None:
        """Report ``done`` of ``total``.

        Parameters
        ----------
        what : str
            What is counted (shown after the label).
        done, total : int
            Items finished and in all.
        """
        now = time.perf_counter()
        if now - self.start < self.delay or (now - self.last < 0.2 and done < total):
            return
        self.last = now
        width = 30
        fill = width * done // max(1, total)
        rate = done / max(now - self.start, 1e-9)  # float-ok: items per second, for display
        self.stream.write(f"\r{self.what} ({what}): [{'#' * fill}{'.' * (width - fill)}] {done}/{total} ({rate:.1f}/s)")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the bar's line (if it was drawn).

        Returns
        -------
        None
            Nothing.
        """
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
