"""3-D Minkowski sums: exactgame's normal-fan overlay against its old summand-by-summand method,
pycddlib pairwise hulls (small sizes) and polymake's ``minkowski_sum_fukuda`` when installed.

Run:  .venv/bin/python benchmarks/minkowski_polymake.py [--repeat 3] [--old-max 20] [--polymake-max 50]
The 3-D inputs are those of benchmarks/minkowski.py (same seed and order: 8, 20, 50 summands of 5
random integer points in [-20, 20]^3), plus 10 summands of 20 points. polymake is timed twice: its own
call (``minkowski_sum_fukuda`` and ``N_VERTICES``, timed inside polymake on polytopes built from
POINTS, as its users hold them) and the whole ``polymake --script`` process. Without polymake the
script prints "polymake: not installed" (install: apt-get install --no-install-recommends polymake).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import tempfile
import time

from _timing import fit_exponent, median_time, record, seconds
from minkowski import cdd_pairwise, polygon

from exactgame.geometry import Polytope, minkowski_sum
from exactgame.geometry.minkowski import _sum_by_candidates


def workloads():
    rng = random.Random(1)
    for k, n in ((10, 20), (50, 50), (100, 50)):  # the 2-D inputs of minkowski.py, drawn to keep its sequence
        [polygon(rng, n) for _ in range(k)]
    def cube(k, n):
        return [[tuple(rng.randint(-20, 20) for _ in range(3)) for _ in range(n)] for _ in range(k)]

    cube(5, 5)
    out = [(k, 5, cube(k, 5)) for k in (8, 20, 50)]
    rng = random.Random(2)
    out.append((10, 20, cube(10, 20)))
    return out


def polymake_run(lists, timeout: float):
    """(seconds of polymake's own call, seconds of the whole process, vertex count) or None on timeout."""
    rows = ",".join("new Polytope<Rational>(POINTS=>[" + ",".join("[1," + ",".join(map(str, p)) + "]" for p in P) + "])"
                    for P in lists)
    script = ("use application 'polytope';\nuse Time::HiRes qw(time);\n"
              f"my @ps = ({rows});\nmy $t0 = time;\nmy $m = minkowski_sum_fukuda(\\@ps);\n"
              "my $n = $m->N_VERTICES;\nprint \"RESULT $n \", time - $t0, \"\\n\";\n")
    with tempfile.NamedTemporaryFile("w", suffix=".pl", delete=False) as fh:
        fh.write(script)
    try:
        t0 = time.perf_counter()
        out = subprocess.run(["polymake", "--script", fh.name], capture_output=True, text=True, timeout=timeout)
        wall = time.perf_counter() - t0
    except subprocess.TimeoutExpired:
        return None
    finally:
        os.unlink(fh.name)
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    _, n, secs = line.split()
    return float(secs), wall, int(n)  # float-ok: timings


def fmt(t) -> str:
    return "-" if t is None else f"{t:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per workload for exactgame (median)")
    ap.add_argument("--old-max", type=int, default=20, help="time the old method up to this many summands (50: 135 s)")
    ap.add_argument("--cdd-max", type=int, default=8, help="time pycddlib pairwise hulls up to this many summands")
    ap.add_argument("--polymake-max", type=int, default=50, help="run polymake up to this many summands")
    ap.add_argument("--polymake-timeout", type=float, default=600, help="seconds before a polymake run is abandoned")
    args = ap.parse_args()
    have_pm = shutil.which("polymake") is not None
    if not have_pm:
        print("polymake: not installed")
    print(f"{'workload':<26} {'vertices':>8} {'overlay s':>10} {'old s':>8} {'pycddlib s':>10} "
          f"{'polymake call s':>15} {'polymake process s':>18}  agree")
    sizes, times = [], []
    for k, n, lists in workloads():
        name = f"3-D, {k} polytopes x {n} points"
        Ps = [Polytope.from_points(v) for v in lists]
        t_new, S = median_time(lambda: minkowski_sum(*Ps), args.repeat)
        agree = []
        t_old = t_cdd = pm = None
        if k <= args.old_max:
            t0 = time.perf_counter()
            agree.append(_sum_by_candidates(Ps, 3) == S)
            t_old = time.perf_counter() - t0
        if k <= args.cdd_max:
            t0 = time.perf_counter()
            agree.append(cdd_pairwise([P.vertices for P in Ps]) == list(S.vertices))
            t_cdd = time.perf_counter() - t0
        if have_pm and k <= args.polymake_max:
            pm = polymake_run(lists, args.polymake_timeout)
            if pm is not None:
                agree.append(pm[2] == len(S.vertices))
        if n == 5:
            sizes.append(k)
            times.append(t_new)
        pm_call = "-" if pm is None else f"{pm[0]:.2f}"
        pm_proc = "-" if pm is None else f"{pm[1]:.2f}"
        print(f"{name:<26} {len(S.vertices):>8} {t_new:>10.3f} {fmt(t_old):>8} {fmt(t_cdd):>10} {pm_call:>15} "
              f"{pm_proc:>18}  {all(agree) if agree else '-'}", flush=True)
        anchor = (f"polymake minkowski_sum_fukuda {seconds(pm[0])} (whole process {seconds(pm[1])})" if pm
                  else ("polymake: not installed" if not have_pm else "polymake not run"))
        old = f"; old method {seconds(t_old)}" if t_old is not None else ""
        record(f"3-D Minkowski sum, {k} polytopes x {n} points ({len(S.vertices):,} vertices)",
               f"{seconds(t_new)}{old}", anchor, f"{pm[0] / t_new:.0f}x faster than polymake" if pm else "")
    print(f"growth exponent of the overlay over 8/20/50 summands of 5 points: {fit_exponent(sizes, times):.2f}")


if __name__ == "__main__":
    main()
