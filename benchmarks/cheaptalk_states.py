"""Cheap talk with many states (state-independent sender): the cone method against the vertex
method and a float anchor.

Run:  .venv/bin/python benchmarks/cheaptalk_states.py [--vertex-limit 60] [--repeat 1]
Per size (states x actions, a seeded random game): exactgame's whole ``cheap_talk_report`` with its
document and the certificate re-check (the cone method, ``exactgame/cheaptalk_cones.py``, from 6
states on), the old vertex method on the same game (vertex enumeration of the receiver's cells;
skipped after it passes ``--vertex-limit`` seconds once), and the float anchor a user would write:
scipy's HiGHS on the same cone LPs, levels from the top, on prebuilt float arrays (no equilibrium,
no certificate). Growth exponents are fitted over the number of states.
"""

from __future__ import annotations

import argparse
import random
import signal
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog

from _timing import fit_exponent, median_time, record, seconds

import exactgame.cheaptalk as ct
from exactgame.cheaptalk import cheap_talk_report
from exactgame.games import SenderReceiverGame

SIZES = [(6, 3), (8, 4), (10, 5), (12, 6), (16, 8), (20, 10)]


def game(n: int, m: int, seed: int = 0) -> SenderReceiverGame:
    rng = random.Random(seed)
    S, A = [f"w{i}" for i in range(n)], [f"a{j}" for j in range(m)]
    uS = [rng.randint(0, 20) for _ in A]
    w = [rng.randint(1, 4) for _ in S]
    return SenderReceiverGame(S, A, [Fraction(x, sum(w)) for x in w], sender={s: uS for s in S},
                              receiver={s: [rng.randint(0, 20) for _ in A] for s in S})


def exact(g: SenderReceiverGame, cones: bool):
    old = ct.CONE_STATES
    ct.CONE_STATES = 2 if cones else 10**6
    try:
        r = cheap_talk_report(g, max_states=10**6)
        doc = r.document()
        r.verify()
        return doc["sender_value"]
    finally:
        ct.CONE_STATES = old


def float_arrays(g: SenderReceiverGame):
    """The anchor's input, prebuilt: receiver matrix, sender row, prior (float-ok: the anchor)."""
    R = np.array([[float(x) for x in g.receiver[w]] for w in g.states])  # float-ok: the anchor's input
    uS = np.array([float(x) for x in g.sender[g.states[0]]])  # float-ok: the anchor's input
    p = np.array([float(x) for x in g.prior])  # float-ok: the anchor's input
    return R, uS, p


def float_quasicav(R, uS, p) -> float:
    """Levels from the top; at each, feasibility of sum_a y_a = p with y_a in the cone of C_a (HiGHS)."""
    n, m = R.shape
    for t in sorted(set(uS.tolist()), reverse=True):  # float-ok: the anchor
        L = [j for j in range(m) if uS[j] >= t]
        rows = []
        for i, j in enumerate(L):
            for k in range(m):
                if k != j:
                    row = np.zeros(n * len(L))  # float-ok: the anchor
                    row[i * n:(i + 1) * n] = -(R[:, j] - R[:, k])  # float-ok: the anchor
                    rows.append(row)
        A_eq = np.hstack([np.eye(n)] * len(L))  # float-ok: the anchor
        res = linprog(np.zeros(n * len(L)), A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=A_eq, b_eq=p,  # float-ok: the anchor
                      method="highs")
        if res.status == 0:
            return float(t)  # float-ok: the anchor
    return float("nan")  # float-ok: the anchor


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vertex-limit", type=int, default=60, help="seconds before the vertex method is given up")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    print(f"{'states x actions':>16} {'cones s':>8} {'vertices s':>10} {'float s':>8} {'cones/float':>11}  value")
    ns, tc, tf = [], [], []
    vertex_alive = True
    for n, m in SIZES:
        g = game(n, m)
        t_cone, v = median_time(lambda: exact(g, True), args.repeat)
        arrays = float_arrays(g)
        t_float, v_float = median_time(lambda: float_quasicav(*arrays), max(args.repeat, 3))
        t_vert = float("nan")  # float-ok: a missing timing
        tried = vertex_alive
        if vertex_alive:
            signal.alarm(args.vertex_limit)
            try:
                t_vert, v_vert = median_time(lambda: exact(g, False), 1)
                assert v_vert == v, (v_vert, v)
            except _Timeout:
                vertex_alive = False
            finally:
                signal.alarm(0)
        assert abs(float(Fraction(v)) - v_float) < 1e-9, (v, v_float)  # float-ok: comparing with the anchor
        over = f"> {args.vertex_limit}" if tried else "skipped"
        vert = f"{t_vert:10.2f}" if t_vert == t_vert else f"{over:>10}"
        print(f"{n:>9} x {m:<4} {t_cone:8.2f} {vert} {t_float:8.3f} {t_cone / t_float:11.1f}  {v}")
        ns.append(n), tc.append(t_cone), tf.append(t_float)
        record(f"cheap talk (000), state-independent sender, {n} states x {m} actions: best equilibrium and quasicav V(p)",
               f"{seconds(t_cone)}, certified (cone method)" + (f"; vertex method {seconds(t_vert)}" if t_vert == t_vert else
                                                                (f"; vertex method > {args.vertex_limit} s" if tried else "")),
               f"HiGHS on the same level LPs, prebuilt float arrays, {seconds(t_float)}", f"{t_cone / t_float:.0f}x HiGHS")
    print(f"growth in the number of states: cones t ~ n^{fit_exponent(ns, tc):.2f}, float t ~ n^{fit_exponent(ns, tf):.2f}")


if __name__ == "__main__":
    main()
