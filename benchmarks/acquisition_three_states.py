"""Subsidy minimization with three qualities (004_2686c8b5ad6ec5f0.txt, Section 4, V finite): exactgame's
certified enclosure against a float search a user would write.

exactgame (``simplex_revenue``, whole computation: float search for the lower end, Lemma 3's two
certified trees for the upper end, the rational mechanism and both implementability certificates)
against a float search that does not use Lemma 1: the concave closure over a grid of posteriors
(step 1/40 on the 2-simplex, 861 points, transfers at the implementability bounds for the references)
solved by HiGHS, the references (a, c) chosen by Nelder-Mead from 6 starts. Reports medians of
--repeat runs, the float value, and where it falls against the certified enclosure (a float value
above the certified upper end, beyond ~1e-12, would be a bug).

    .venv/bin/python benchmarks/acquisition_three_states.py --repeat 3
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.optimize import linprog, minimize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _timing import median_time  # noqa: E402
from exactgame.acquisition import AcquisitionGame  # noqa: E402
from exactgame.acquisition.simplex import simplex_revenue  # noqa: E402

F = Fraction
CASES = [
    ("uniform, no information optimal", ["1/3", "1/3", "1/3"], (1, 2, 3), (0, 1, 2), (1, 1)),
    ("skewed prior", ["4/7", "2/7", "1/7"], (4, 5, 4), (1, 4, 0), (1, 1)),
    ("costs 2, 2", ["2/11", "4/11", "5/11"], (3, 2, 6), (1, 1, 4), (2, 2)),
    ("costs 1, 1/2", ["2/5", "2/5", "1/5"], (5, 6, 3), (1, 2, 2), (1, F(1, 2))),
]


def grid(step: int = 40):  # float-ok: the float baseline
    return np.array([(i / step, j / step, (step - i - j) / step) for i in range(step + 1) for j in range(step + 1 - i)])


def float_search(mu, ub, us, kb, ks, starts: int = 6, seed: int = 0) -> float:  # float-ok: the float baseline
    P = grid()
    mu = np.array([float(x) for x in mu])
    ub, us = np.array(ub, dtype=float), np.array(us, dtype=float)

    def T(a, c):
        with np.errstate(divide="ignore"):
            lp = np.log(P)
        tb = np.where(P > 0, ub + kb * (np.log(a) - lp), np.inf).min(axis=1)
        ts = np.where(P > 0, us + ks * (lp - np.log(c)), -np.inf).max(axis=1)
        return tb - ts

    def phi(z):
        if np.max(np.abs(z)) > 30:
            return math.inf
        a = np.exp(np.r_[0, z[:2]])
        a /= a.sum()
        c = np.exp(np.r_[0, z[2:]])
        c /= c.sum()
        res = linprog(-T(a, c), A_eq=P.T, b_eq=mu, bounds=(0, None), method="highs")
        return res.fun if res.status == 0 else math.inf

    rng = random.Random(seed)
    best = -math.inf
    for _ in range(starts):
        z0 = np.array([rng.uniform(-2, 2) for _ in range(4)])
        r = minimize(phi, z0, method="Nelder-Mead", options={"maxiter": 600, "xatol": 1e-8, "fatol": 1e-11})
        best = max(best, -r.fun)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'case':34s} {'exactgame s':>11s} {'float s':>8s} {'ratio':>6s}  {'certified enclosure':>36s}  {'float value':>14s}  where")
    for name, prior, ub, us, (kb, ks) in CASES:
        g = AcquisitionGame(["l", "m", "h"], prior, {"buyer": list(ub), "seller": list(us)}, {"buyer": kb, "seller": ks})
        t_ex, r = median_time(lambda: simplex_revenue(g), args.repeat)
        t_fl, f = median_time(lambda: float_search(prior_f(prior), ub, us, float(kb), float(ks)), args.repeat)
        lo, hi = float(r.lower), float(r.upper)
        where = "inside" if lo - 1e-12 <= f <= hi + 1e-12 else ("BELOW (float search worse)" if f < lo else "ABOVE: BUG")
        print(f"{name:34s} {t_ex:11.2f} {t_fl:8.2f} {t_ex / t_fl:6.2f}  [{lo:.12f}, {hi:.12f}]  {f:14.10f}  {where}")


def prior_f(prior):
    return [float(Fraction(p)) for p in prior]


if __name__ == "__main__":
    main()
