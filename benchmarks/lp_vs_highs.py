"""Exact certified Bayesian-persuasion solve against scipy's HiGHS (float) on the same LP.

Random sender-receiver games with n states and n actions (integer payoffs 0..20,
uniform prior). The exact side is ``exactgame.persuasion.persuade`` (the obedience
LP (24)-(25) of 000_2cf035f6c25283ea.txt solved exactly, certificate verified; the
concave-envelope cross-check is off, it is exponential in the number of states);
the float side is HiGHS on the very same LP data converted to floats.

Run:  make bench     (or .venv/bin/python benchmarks/lp_vs_highs.py [--sizes 5,10,15,20])
Prints one row per size: exact time (auto backend: HiGHS basis + exact check; median of
--repeat runs; the LP certificate is verified inside each run), HiGHS's median time, their ratio, pycddlib's exact time on the same LP and its ratio to ours (one
run each, in the same process), and whether the optima agree (HiGHS to 1e-6, cddlib
exactly).
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

from _timing import median_time

from exactgame.games import SenderReceiverGame
from exactgame.geometry.lp import solve_problem
from exactgame.persuasion import obedience_lp, persuade
from exactgame.persuasion.payments import payments_lp, persuade_with_payments


def random_game(n: int, seed: int) -> SenderReceiverGame:
    rng = random.Random(seed)
    states = [f"w{i}" for i in range(n)]
    actions = [f"a{j}" for j in range(n)]
    row = lambda: [rng.randint(0, 20) for _ in actions]
    return SenderReceiverGame(states, actions, [Fraction(1, n)] * n,
                              sender={w: row() for w in states}, receiver={w: row() for w in states})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,15,20,25,40,50")
    ap.add_argument("--cdd-max", type=int, default=25, help="largest n also solved by pycddlib alone (slow)")
    ap.add_argument("--payments", default="none", help="payment model of LP-General-with-Payments (003_...): "
                    "none (the obedience LP), nonnegative, budget-balanced, arbitrary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs per size for exactgame and HiGHS (medians reported)")
    args = ap.parse_args()
    try:
        import numpy as np
        from scipy.optimize import linprog
    except ImportError:
        raise SystemExit("this benchmark needs scipy: run `make bench`, which installs it")
    print(f"{'n':>3} {'vars':>5} {'rows':>5} {'exact s':>9} {'HiGHS s':>9} {'exact/HiGHS':>12} {'cdd s':>9} {'cdd/exact':>10}  agree")
    for n in (int(s) for s in args.sizes.split(",")):
        game = random_game(n, args.seed + n)
        def exact():  # the LP certificate is verified inside, before the result is returned
            return persuade(game, cross_check=False) if args.payments == "none" else persuade_with_payments(game, args.payments)

        t_exact, r = median_time(exact, args.repeat)
        r.verify()  # the full re-check (LP rebuilt from the game), outside the timing
        P = obedience_lp(game, game.prior) if args.payments == "none" else payments_lp(game, game.prior, args.payments)
        to_f = lambda rows: np.array([[float(x) for x in row] for row in rows])  # float-ok: the float baseline
        t_float, h = median_time(lambda: linprog(-np.array([float(x) for x in P.c]), A_ub=to_f(P.A_ub), b_ub=np.array([float(x) for x in P.b_ub]),  # float-ok
                    A_eq=to_f(P.A_eq), b_eq=np.array([float(x) for x in P.b_eq]), bounds=(0, None),  # float-ok: baseline
                    method="highs"), args.repeat)
        agree = abs(-h.fun - float(r.value)) < 1e-6  # float-ok: comparing with the float baseline
        cdd_s, cdd_ratio = "-", "-"
        if n <= args.cdd_max:
            t0 = time.perf_counter()
            rc = solve_problem(P, backend="cdd")
            t_cdd = time.perf_counter() - t0
            agree = agree and rc.value == r.value
            cdd_s, cdd_ratio = f"{t_cdd:.3f}", f"{t_cdd / t_exact:.0f}x"
        print(f"{n:>3} {P.n:>5} {len(P.A_ub) + len(P.A_eq):>5} {t_exact:>9.3f} {t_float:>9.4f} {t_exact / t_float:>12.1f} "
              f"{cdd_s:>9} {cdd_ratio:>10}  {agree}  [{r.lp.backend}]", flush=True)


if __name__ == "__main__":
    main()
