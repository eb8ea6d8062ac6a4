r"""Progress of long computations, reported without threading a callback through every call.

A caller that wants progress (the command line) wraps the computation in :func:`reporting`;
inner loops call :func:`tick` with what they are doing and how far they are. Outside a
``reporting`` block :func:`tick` does nothing, so library code stays silent by default. The
reporter lives in a :class:`contextvars.ContextVar` (per thread and task, not global).

>>> seen = []
>>> with reporting(lambda what, done, total: seen.append((what, done, total))):
...     tick("boxes", 10, 100)
>>> tick("boxes", 20, 100)          # no reporter: nothing happens
>>> seen
[('boxes', 10, 100)]
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

__all__ = ["reporting", "tick"]

Reporter = Callable[[str, int, int], None]
_REPORTER: ContextVar[Reporter | None] = ContextVar("exactgame_progress", default=None)


@contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Send :func:`tick` calls made inside the block to ``reporter(what, done, total)``.

    The previous reporter is restored on leaving the block (also on an exception), so
    blocks nest; ``reporting(None)`` silences an enclosing reporter inside the block.

    Parameters
    ----------
    reporter : callable (str, int, int) -> None, or None
        called as ``reporter(what, done, total)`` for each tick inside the block.

    Yields
    ------
    None
        control to the body of the ``with`` block.

    >>> calls = []
    >>> with reporting(lambda *a: calls.append(a)):
    ...     with reporting(None):
    ...         tick("inner", 1, 2)
    ...     tick("outer", 2, 2)
    >>> calls
    [('outer', 2, 2)]
    """
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def tick(what: str, done: int, total: int) -> None:
    """Report that ``done`` of at most ``total`` steps of ``what`` are done (if anyone listens).

    Parameters
    ----------
    what : str
        a short name of the loop (e.g. ``"boxes"``).
    done : int
        steps finished so far.
    total : int
        an upper bound on the number of steps.

    >>> tick("boxes", 1, 10) is None        # outside a reporting block: a no-op
    True
    """
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(what, done, total)
