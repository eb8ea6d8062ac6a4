"""`payoffs` with three or more players: exact facets from a verified Qhull proposal vs cddlib,
against the float pipeline a user would otherwise write (scipy's Qhull on pairwise sums).

Run:  .venv/bin/python benchmarks/payoffs_hull.py [--repeat 3]
Per workload (a seeded random game with integer payoffs): the time of exactgame's whole
``feasible_payoffs`` report (F_w and F_p with hull certificates, each verified where it is made) with
the fast facet path, the independent checker's re-check of the document (``verify``, timed apart,
as the LP benchmark does), the same with the fast path switched off (cddlib for every facet enumeration), the
float pipeline on prebuilt numpy arrays, their ratios and whether the vertex counts agree.
"""

from __future__ import annotations

import argparse
import random
from fractions import Fraction

import numpy as np
from scipy.spatial import ConvexHull

from _timing import median_time, record, seconds

import exactgame.geometry.polytope as polytope_module
from exactgame.games.feasible import feasible_payoffs
from exactgame.games.model import Game


def random_game(seed: int, states: int, players: int, profiles: int) -> Game:
    rng = random.Random(seed)
    names = [f"w{i}" for i in range(states)]
    prof = [f"a{j}" for j in range(profiles)]
    payoffs = {w: {a: [rng.randint(0, 20) for _ in range(players)] for a in prof} for w in names}
    return Game(names, [Fraction(1, states)] * states, [f"P{k}" for k in range(players)], prof, payoffs)


def float_pipeline(arrays, weights):
    """What a float user writes: Minkowski sum by pairwise sums, Qhull's vertices after each step."""
    current = arrays[0] * weights[0]
    for arr, w in zip(arrays[1:], weights[1:]):
        pts = (current[:, None, :] + (arr * w)[None, :, :]).reshape(-1, current.shape[1])  # float-ok: the float anchor
        current = pts[ConvexHull(pts).vertices]  # float-ok: the float anchor
    return len(current)


def exact(game: Game, fast: bool):
    """The certified report (every hull certificate built and verified inside), and its vertex count."""
    old = polytope_module.FAST_HULL_THRESHOLD
    if not fast:
        polytope_module.FAST_HULL_THRESHOLD = 10**9
    try:
        r = feasible_payoffs(game)
        return r, len(r.document()["prior"])
    finally:
        polytope_module.FAST_HULL_THRESHOLD = old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cdd", action="store_true", help="do not time the cddlib-only path (slow)")
    ap.add_argument("--only", help="run only the workloads whose name contains this text")
    args = ap.parse_args()
    workloads = [("8 states, 3 players, 12 profiles", 8, 3, 12), ("6 states, 3 players, 10 profiles", 6, 3, 10),
                 ("4 states, 4 players, 8 profiles", 4, 4, 8)]
    print(f"{'workload':36} {'vertices':>8} {'fast s':>8} {'verify s':>8} {'cdd s':>8} {'float s':>8} {'fast/float':>10} "
          f"{'cdd/fast':>9}")
    for name, s, k, m in workloads:
        if args.only and args.only not in name:
            continue
        g = random_game(1, s, k, m)
        arrays = [np.array([[float(x) for x in g.payoffs[w][a]] for a in g.profiles]) for w in g.states]  # float-ok: the anchor's input, prebuilt
        weights = [float(p) for p in g.prior]  # float-ok: the anchor's input
        t_fast, (r, n_fast) = median_time(lambda: exact(g, True), args.repeat)
        t_verify, _ = median_time(r.verify, args.repeat)  # the independent checker on the document, separately
        t_float, n_float = median_time(lambda: float_pipeline(arrays, weights), max(args.repeat, 5))
        if args.skip_cdd:
            t_cdd, n_cdd = float("nan"), n_fast  # float-ok: a missing timing
        else:
            t_cdd, (_, n_cdd) = median_time(lambda: exact(g, False), 1)
        same = "" if n_fast == n_float == n_cdd else f"  vertex counts differ: {n_fast} {n_float} {n_cdd}"
        print(f"{name:36} {n_fast:8d} {t_fast:8.2f} {t_verify:8.2f} {t_cdd:8.2f} {t_float:8.3f} {t_fast / t_float:10.1f} {t_cdd / t_fast:9.1f}{same}")
        cdd = "" if args.skip_cdd else f"; exactgame through cddlib {seconds(t_cdd)}"
        record(f"`payoffs`, {name} ({n_fast} vertices of F_p), whole certified report", f"{seconds(t_fast)}{same} "
               f"(the independent re-check `verify` {seconds(t_verify)} more)",
               f"float Qhull pipeline on prebuilt arrays {seconds(t_float)}{cdd}", f"{t_fast / t_float:.0f}x the float pipeline")


if __name__ == "__main__":
    main()
