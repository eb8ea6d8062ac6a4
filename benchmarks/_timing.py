"""Shared timing helper for the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def median_time(fn, repeat: int):
    """Run ``fn`` ``repeat`` times; return (median seconds, the last result)."""
    times, out = [], None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out
