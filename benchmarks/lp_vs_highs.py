"""Exact certified LP against scipy's HiGHS (float) on Bayesian-persuasion LPs.

The persuasion LP with n states and n actions (random integer payoffs 0..20, uniform
prior): variables x[w, a] = P(state w, recommendation a) >= 0,

    maximize   sum_{w,a} v(w, a) x[w, a]
    subject to sum_a x[w, a] = p(w)                                   (each state)
               sum_w x[w, a] (u(w, a') - u(w, a)) <= 0   for a != a'  (obedience)

Run:  make bench     (or .venv/bin/python benchmarks/lp_vs_highs.py [--sizes 5,10,15,20])
Prints one row per size: exact time, float time, their ratio, and whether the
optimal values agree (HiGHS's float value against the exact one, to 1e-6).
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

from exactgame import solve_lp


def persuasion_lp(n: int, seed: int):
    rng = random.Random(seed)
    v = [[rng.randint(0, 20) for _ in range(n)] for _ in range(n)]
    u = [[rng.randint(0, 20) for _ in range(n)] for _ in range(n)]
    prior = [Fraction(1, n)] * n
    idx = lambda w, a: w * n + a
    c = [v[w][a] for w in range(n) for a in range(n)]
    A_eq, b_eq = [], []
    for w in range(n):
        row = [0] * (n * n)
        for a in range(n):
            row[idx(w, a)] = 1
        A_eq.append(row)
        b_eq.append(prior[w])
    A_ub, b_ub = [], []
    for a in range(n):
        for b in range(n):
            if a != b:
                row = [0] * (n * n)
                for w in range(n):
                    row[idx(w, a)] = u[w][b] - u[w][a]
                A_ub.append(row)
                b_ub.append(0)
    return c, A_ub, b_ub, A_eq, b_eq


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,10,15,20")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    try:
        import numpy as np
        from scipy.optimize import linprog
    except ImportError:
        raise SystemExit("this benchmark needs scipy: run `make bench`, which installs it")
    print(f"{'n':>3} {'vars':>5} {'rows':>5} {'exact s':>9} {'HiGHS s':>9} {'ratio':>8}  agree")
    for n in (int(s) for s in args.sizes.split(",")):
        c, A_ub, b_ub, A_eq, b_eq = persuasion_lp(n, args.seed + n)
        t0 = time.perf_counter()
        r = solve_lp(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, maximize=True)
        r.certificate.verify()
        t_exact = time.perf_counter() - t0
        to_f = lambda rows: np.array([[float(x) for x in row] for row in rows])  # float-ok: the float baseline
        t0 = time.perf_counter()
        h = linprog(-np.array(c, dtype=float), A_ub=to_f(A_ub), b_ub=np.array(b_ub, dtype=float),  # float-ok: baseline
                    A_eq=to_f(A_eq), b_eq=np.array([float(x) for x in b_eq]), method="highs")  # float-ok: baseline
        t_float = time.perf_counter() - t0
        agree = abs(-h.fun - float(r.value)) < 1e-6  # float-ok: comparing with the float baseline
        print(f"{n:>3} {n * n:>5} {len(A_ub) + len(A_eq):>5} {t_exact:>9.3f} {t_float:>9.4f} {t_exact / t_float:>8.1f}  {agree}")


if __name__ == "__main__":
    main()
