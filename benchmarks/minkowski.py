"""Exact Minkowski sums: exactgame against pycddlib alone (pairwise sums, then an exact hull).

Run:  make bench   (or .venv/bin/python benchmarks/minkowski.py)
Prints, per workload, exactgame's median time over --repeat runs, pycddlib's time on the
same input in the same run (one run: it is slow), their ratio, and whether the vertex
sets agree. polymake is not installed
here; its figure quoted in the issue tracker (3-D, 20 summands of 5 vertices: about
90 s) is not re-measured.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from fractions import Fraction

import cdd
import cdd.gmp as cddgmp

from _timing import median_time

from exactgame.geometry import Polytope, minkowski_sum


def cdd_pairwise(vertex_lists):
    """What a user of pycddlib alone would write: sum pairwise, keep the hull's vertices."""
    current = [tuple(Fraction(c) for c in v) for v in vertex_lists[0]]
    for nxt in vertex_lists[1:]:
        pts = [tuple(a + b for a, b in zip(u, v)) for u in current for v in nxt]
        mat = cddgmp.matrix_from_array([[1, *p] for p in set(pts)], rep_type=cdd.RepType.GENERATOR)
        cddgmp.matrix_canonicalize(mat)
        current = [tuple(Fraction(c) for c in row[1:]) for row in mat.array]
    return sorted(current)


def polygon(rng, k):
    pts = set()
    while len(pts) < k:
        t = rng.random() * 2 * math.pi  # float-ok: generating test input only
        pts.add((int(10**6 * math.cos(t)), int(10**6 * math.sin(t))))  # float-ok: test input (rounded to integers)
    return sorted(pts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per workload for exactgame (median reported)")
    args = ap.parse_args()
    rng = random.Random(1)
    cube = lambda k: [[tuple(rng.randint(-20, 20) for _ in range(3)) for _ in range(5)] for _ in range(k)]
    workloads = [  # (name, vertex lists, also run pycddlib alone?)
        ("2-D, 10 polygons x 20 vertices", [polygon(rng, 20) for _ in range(10)], True),
        ("2-D, 50 polygons x 50 vertices", [polygon(rng, 50) for _ in range(50)], False),
        ("2-D, 100 polygons x 50 vertices", [polygon(rng, 50) for _ in range(100)], False),
        ("3-D, 5 polytopes x 5 points", cube(5), True),
        ("3-D, 8 polytopes x 5 points", cube(8), True),
        ("3-D, 20 polytopes x 5 points", cube(20), False),
        ("3-D, 50 polytopes x 5 points", cube(50), False),
    ]
    print(f"{'workload':<34} {'vertices':>8} {'exactgame s':>12} {'pycddlib s':>11} {'ratio':>7}  agree")
    for name, lists, anchor in workloads:
        t_ours, S = median_time(lambda: minkowski_sum(*[Polytope.from_points(v) for v in lists]), args.repeat)
        if not anchor:  # pycddlib alone takes many minutes here; report ours only
            print(f"{name:<34} {len(S.vertices):>8} {t_ours:>12.3f} {'-':>11} {'-':>7}  -", flush=True)
            continue
        t0 = time.perf_counter()
        ref = cdd_pairwise([Polytope.from_points(v).vertices for v in lists])
        t_cdd = time.perf_counter() - t0
        print(f"{name:<34} {len(S.vertices):>8} {t_ours:>12.3f} {t_cdd:>11.3f} {t_cdd / t_ours:>6.1f}x  {list(S.vertices) == ref}",
              flush=True)


if __name__ == "__main__":
    main()
