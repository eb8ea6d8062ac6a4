"""Shared timing helper for the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def median_time(fn, repeat: int, clock=time.perf_counter):
    """Run ``fn`` ``repeat`` times; return (median seconds by ``clock``, the last result).

    ``clock=time.process_time`` gives CPU seconds of every thread of this process."""
    times, out = [], None
    for _ in range(max(1, repeat)):
        t0 = clock()
        out = fn()
        times.append(clock() - t0)
    return statistics.median(times), out


def fit_exponent(sizes, seconds):
    """Least-squares slope of log(seconds) against log(size): the growth exponent k in t ~ size^k.

    >>> round(fit_exponent([10, 20, 40], [1.0, 4.0, 16.0]), 6)
    2.0
    """
    import math  # float-ok: a fitted exponent of measured times is a float by nature

    pts = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds) if s > 0 and t > 0]  # float-ok: timing fit
    if len(pts) < 2:
        return float("nan")  # float-ok: no fit from fewer than two sizes
    mx = sum(x for x, _ in pts) / len(pts)  # float-ok: timing fit
    my = sum(y for _, y in pts) / len(pts)  # float-ok: timing fit
    sxx = sum((x - mx) ** 2 for x, _ in pts)  # float-ok: timing fit
    return sum((x - mx) * (y - my) for x, y in pts) / sxx if sxx else float("nan")  # float-ok: timing fit


def record(workload: str, exactgame: str, anchor: str = "", ratio: str = "", script: str = "") -> None:
    """Append one row of the README's performance table to ``$EXACTGAME_BENCH_ROWS`` (JSON lines), if set.

    ``benchmarks/perf_table.py`` runs the benchmark scripts with that variable set and rebuilds the
    table from the rows of that one run. Without the variable this does nothing.
    """
    import json
    import os
    import sys

    path = os.environ.get("EXACTGAME_BENCH_ROWS")
    if not path:
        return
    row = {"workload": workload, "exactgame": exactgame, "anchor": anchor, "ratio": ratio,
           "script": script or os.path.basename(sys.argv[0])}
    with open(path, "a") as fh:
        fh.write(json.dumps(row) + "\n")


def seconds(t: float) -> str:
    """A time for the table: three significant figures.

    >>> seconds(0.012345), seconds(12.3456)
    ('0.0123 s', '12.3 s')
    """
    return f"{t:.3g} s"


def process_time(cmd, repeat: int = 5):
    """Median wall seconds and the largest peak resident MiB of ``cmd`` (a list) run as a whole process.

    The peak is GNU time's ``%M`` (``/usr/bin/time``, a small process, so the benchmark's own memory
    does not leak into the child's accounting through fork); without it, ``os.wait4``'s figure,
    which can include the forking benchmark's size.
    """
    import os
    import shutil
    import subprocess

    gnu_time = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    walls, peak = [], 0.0
    for _ in range(max(1, repeat)):
        full = [gnu_time, "-f", "peak-kib %M", *cmd] if gnu_time else list(cmd)
        t0 = time.perf_counter()
        child = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, err = child.communicate()
        walls.append(time.perf_counter() - t0)
        lines = [x for x in err.splitlines() if x.startswith("peak-kib ")]
        kib = float(lines[-1].split()[1]) if lines else 0.0  # float-ok: MiB for the table
        peak = max(peak, kib / 1024)  # float-ok: MiB for the table
    return statistics.median(walls), peak
