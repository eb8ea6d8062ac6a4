"""The exact Nash bargaining point against an independent float optimiser.

Run:  .venv/bin/python benchmarks/bargaining_nash.py [--per-size 3] [--seed 0]
For random problems with a beneficial agreement (payoffs uniform in -3..5, prior random), per
size (agents, states, actions): the time to build B (LP-oracle hull growing), the exact Nash
time (float barrier proposal, exact face solve, KKT certificate), the certificate's verify time,
the exact Nash time without B (proposal over the IC polytope, only the named face grown),
SLSQP's time over the mixture weights of B's vertices (float-ok: the reference), the largest
coordinate difference, SLSQP's largest violation of B's facet inequalities (SLSQP may leave B by
a little; a large difference with a violation means SLSQP's point is outside B, the exact point
is certified), and how many points were rational / algebraic.
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog, minimize

from _timing import record, seconds
from exactgame.bargaining import BargainingProblem, bargaining_set, beneficial_agreement, nash
from exactgame.bargaining.nash_bargaining import AlgebraicNashCertificate


def random_problem(rng, ns, na, n):
    S = [f"w{i}" for i in range(ns)]
    A = [f"a{j}" for j in range(na)]
    N = [f"g{k}" for k in range(n)]
    def row():
        return [rng.randint(-3, 5) for _ in A]
    w = [rng.randint(1, 4) for _ in S]
    pay = {"receiver": {s: row() for s in S}, **{g: {s: row() for s in S} for g in N}}
    return BargainingProblem.make(S, [Fraction(x, sum(w)) for x in w], A, N, pay,
                                  rng.choice(["full-information", "no-information"]))


def slsqp(vertices, d):
    """float-ok: the independent reference (SLSQP over mixture weights, LP start)."""
    V = np.array([[float(x) for x in v] for v in vertices])
    dv = np.array([float(x) for x in d])
    k, n = V.shape
    c = np.zeros(k + 1)
    c[-1] = -1
    r0 = linprog(c, A_ub=np.hstack([-V.T, np.ones((n, 1))]), b_ub=-dv,
                 A_eq=np.hstack([np.ones((1, k)), np.zeros((1, 1))]), b_eq=[1], bounds=[(0, 1)] * k + [(None, None)])
    def obj(lam):
        return -np.sum(np.log(np.maximum(V.T @ lam - dv, 1e-300)))
    cons = [{"type": "eq", "fun": lambda lam: lam.sum() - 1}, {"type": "ineq", "fun": lambda lam: V.T @ lam - dv}]
    r = minimize(obj, r0.x[:k], method="SLSQP", bounds=[(0, 1)] * k, constraints=cons, options={"ftol": 1e-16, "maxiter": 2000})
    return V.T @ r.x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-size", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    sizes = [(3, 2, 3), (3, 3, 3), (3, 4, 4), (4, 3, 3), (4, 4, 4), (5, 3, 3), (6, 3, 3)]
    print(f"{'n x S x A':>10} {'B s':>7} {'nash s':>7} {'verify s':>8} {'no-B s':>7} {'slsqp s':>8} {'max diff':>9} {'slsqp viol':>10}  rational/algebraic")
    for n, ns, na in sizes:
        rng = random.Random(args.seed * 1000 + n * 100 + ns * 10 + na)
        rows = []
        while len(rows) < args.per_size:
            p = random_problem(rng, ns, na, n)
            if not beneficial_agreement(p).beneficial:
                continue
            d = p.disagreement()
            t0 = time.perf_counter()
            B = bargaining_set(p)
            t1 = time.perf_counter()
            sol = nash(p, B, d)
            t2 = time.perf_counter()
            sol.certificate.verify()
            t3 = time.perf_counter()
            ref = slsqp(B.polytope.vertices, d)
            t4 = time.perf_counter()
            local = nash(p, None, d)
            t5 = time.perf_counter()
            assert [str(x) for x in local.payoff] == [str(x) for x in sol.payoff]
            diff = float(np.abs(np.array([float(x) for x in sol.payoff]) - ref).max())  # float-ok: report
            viol = max(0.0, max(float(np.dot([float(x) for x in a], ref)) - float(b) for a, b in B.polytope.inequalities))  # float-ok
            rows.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, diff, isinstance(sol.certificate, AlgebraicNashCertificate), viol, t5 - t4))
        def med(k):
            return float(np.median([r[k] for r in rows]))
        alg = sum(r[5] for r in rows)
        print(f"{n} x {ns} x {na:<3} {med(0):7.2f} {med(1):7.2f} {med(2):8.3f} {med(7):7.2f} {med(3):8.3f} {max(r[4] for r in rows):9.1e} {max(r[6] for r in rows):10.1e}"
              f"  {len(rows) - alg}/{alg}")
        if n * ns * na >= 48:  # the larger sizes go into the README's table
            record(f"bargaining (002), {n} agents x {ns} states x {na} actions: bargaining set B and its Nash point (medians of {len(rows)})",
                   f"B {seconds(med(0))}, Nash {seconds(med(1))} certified (verify {seconds(med(2))}); Nash without B {seconds(med(7))}",
                   f"SLSQP over B's vertices {seconds(med(3))} (largest difference {max(r[4] for r in rows):.1e})",  # float-ok: report
                   f"{(med(0) + med(1)) / med(3):.0f}x SLSQP (B included)")


if __name__ == "__main__":
    main()
