"""Exact certified Bayesian-persuasion solve against scipy's HiGHS (float) on the same LP.

Random sender-receiver games with n states and n actions (integer payoffs 0..20,
uniform prior). The exact side is ``exactgame.persuasion.persuade`` (the obedience
LP (24)-(25) of 000_2cf035f6c25283ea.txt solved exactly, certificate verified; the
concave-envelope cross-check is off, it is exponential in the number of states);
the float side is scipy's HiGHS (``linprog(method="highs")``) on the very same LP, converted to sparse
float arrays BEFORE the timer starts (as a float user holds them: only the solve is timed).
With --processes, also whole processes on a game file: ``exactgame persuade FILE --json`` (parse,
certified solve, the independent re-check of ``verify`` is not included, JSON written) against
``benchmarks/float_persuade.py FILE`` (parse, sparse float build, HiGHS), with each process's peak
memory.

Run:  make bench     (or .venv/bin/python benchmarks/lp_vs_highs.py [--sizes 5,10,15,20])
Prints one row per size: exactgame's CPU time (auto backend: HiGHS basis + exact check; median of
--repeat runs after one warm-up run; the LP certificate is verified inside each run), the CPU time of
highspy called directly on a prebuilt model (pass, run, read the objective: the float part of our own
pipeline, so the ratio is the price of exactness) and of scipy's ``linprog`` on prebuilt sparse arrays,
the ratios, pycddlib's exact time on the same LP and its ratio to ours (one run each, in the same
process), and whether the optima agree (the floats to 1e-6, cddlib exactly).
"""

from __future__ import annotations

import argparse
import random
import time
from fractions import Fraction

from _timing import median_time, process_time, record, seconds

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


def sparse_arrays(P):
    """The LP as scipy sparse float arrays, for a minimisation (c negated for a maximisation)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    def mat(A):
        data, idx, ptr = [], [], [0]
        for i in range(len(A)):
            cols, nums, den = A.row(i)
            data.extend(a / den for a in nums)  # float-ok: the float baseline
            idx.extend(cols)
            ptr.append(len(data))
        return csr_matrix((data, idx, ptr), shape=(len(A), P.n))

    sign = -1.0 if P.maximize else 1.0  # float-ok: the float baseline
    vec = lambda v: np.array([float(x) for x in v])  # float-ok: the float baseline
    return sign * vec(P.c), mat(P.A_ub), vec(P.b_ub), mat(P.A_eq), vec(P.b_eq)


def highs_model(arrays):
    """A highspy model of the arrays (row-wise, built once): what a highspy user holds before ``run``."""
    import highspy
    import numpy as np
    from scipy.sparse import vstack

    c, A_ub, b_ub, A_eq, b_eq = arrays
    A = vstack([A_ub, A_eq]).tocsr()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = A.shape[1], A.shape[0]
    lp.col_cost_ = c
    lp.col_lower_ = np.zeros(A.shape[1])
    lp.col_upper_ = np.full(A.shape[1], highspy.kHighsInf)
    lp.row_lower_ = np.concatenate([np.full(A_ub.shape[0], -highspy.kHighsInf), b_eq])
    lp.row_upper_ = np.concatenate([b_ub, b_eq])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = A.indptr.astype(np.int32)
    lp.a_matrix_.index_ = A.indices.astype(np.int32)
    lp.a_matrix_.value_ = A.data
    return lp


def highspy_solve(lp):
    """highspy called directly on a prebuilt model: pass it, run, read the objective (a minimisation)."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    h.run()
    return h.getInfo().objective_function_value


def whole_processes(game, n: int) -> None:
    """``exactgame persuade FILE --json`` against the float script, whole processes, on one game file."""
    import json
    import sys
    import tempfile
    from pathlib import Path

    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / f"game{n}.json"
        f.write_text(json.dumps(game.canonical()))
        exe = [sys.executable, "-m", "exactgame", "persuade", str(f), "--json"]
        t_e, m_e = process_time(exe, 1)
        t_f, m_f = process_time([sys.executable, str(here / "float_persuade.py"), str(f)], 1)
    print(f"    whole process, n = {n}: exactgame persuade --json {t_e:.2f} s, {m_e:.0f} MiB; "
          f"float script {t_f:.2f} s, {m_f:.0f} MiB; {t_e / t_f:.1f}x time, {m_e / m_f:.1f}x memory", flush=True)
    record(f"`exactgame persuade FILE --json`, {n} x {n}, whole process", f"{seconds(t_e)}, {m_e:.0f} MiB",
           f"float script (parse, sparse build, HiGHS) {seconds(t_f)}, {m_f:.0f} MiB", f"{t_e / t_f:.1f}x time, {m_e / m_f:.1f}x memory")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,15,20,25,40,50")
    ap.add_argument("--cdd-max", type=int, default=25, help="largest n also solved by pycddlib alone (slow)")
    ap.add_argument("--payments", default="none", help="payment model of LP-General-with-Payments (003_...): "
                    "none (the obedience LP), nonnegative, budget-balanced, arbitrary")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs per size for exactgame and HiGHS (medians reported)")
    ap.add_argument("--processes", action="store_true", help="also time whole processes (CLI against a float script)")
    args = ap.parse_args()
    try:
        import numpy as np
        from scipy.optimize import linprog
    except ImportError:
        raise SystemExit("this benchmark needs scipy: run `make bench`, which installs it")
    print(f"{'n':>3} {'vars':>6} {'rows':>6} {'exact cpu':>10} {'highspy cpu':>12} {'ratio':>6} {'linprog':>8} {'ratio':>6} "
          f"{'cdd s':>8} {'cdd/exact':>9}  agree")
    for n in (int(s) for s in args.sizes.split(",")):
        game = random_game(n, args.seed + n)
        def exact():  # the LP certificate is verified inside, before the result is returned
            return persuade(game, cross_check=False) if args.payments == "none" else persuade_with_payments(game, args.payments)

        exact()  # warm: the first call imports highspy and numpy, which a float user has paid already
        t_exact, r = median_time(exact, args.repeat, time.process_time)
        r.verify()  # the full re-check (LP rebuilt from the game), outside the timing
        P = obedience_lp(game, game.prior) if args.payments == "none" else payments_lp(game, game.prior, args.payments)
        arrays = sparse_arrays(P)   # built outside the timer: the float user holds these already
        model = highs_model(arrays)
        t_highs, obj = median_time(lambda: highspy_solve(model), args.repeat, time.process_time)
        t_float, h = median_time(lambda: linprog(arrays[0], A_ub=arrays[1], b_ub=arrays[2], A_eq=arrays[3], b_eq=arrays[4],
                                                 bounds=(0, None), method="highs"), args.repeat, time.process_time)
        agree = abs(-h.fun - float(r.value)) < 1e-6 and abs(-obj - float(r.value)) < 1e-6  # float-ok: comparing with the float baseline
        cdd_s, cdd_ratio = "-", "-"
        if n <= args.cdd_max:
            t0 = time.perf_counter()
            rc = solve_problem(P, backend="cdd")
            t_cdd = time.perf_counter() - t0
            agree = agree and rc.value == r.value
            cdd_s, cdd_ratio = f"{t_cdd:.3f}", f"{t_cdd / t_exact:.0f}x"
        print(f"{n:>3} {P.n:>6} {len(P.A_ub) + len(P.A_eq):>6} {t_exact:>10.3f} {t_highs:>12.3f} {t_exact / t_highs:>6.1f} "
              f"{t_float:>8.3f} {t_exact / t_float:>6.1f} {cdd_s:>8} {cdd_ratio:>9}  {agree}  [{r.lp.backend}]", flush=True)
        what = "persuasion LP" if args.payments == "none" else f"persuasion LP with {args.payments} payments"
        record(f"{what}, {n} x {n} ({P.n:,} variables), in-process CPU", f"{seconds(t_exact)}, certified",
               f"highspy on a prebuilt model {seconds(t_highs)}; scipy `linprog` on prebuilt sparse floats {seconds(t_float)}",
               f"{t_exact / t_highs:.1f}x highspy, {t_exact / t_float:.1f}x linprog")
        if n <= args.cdd_max:
            record(f"{what}, {n} x {n}, in-process (one run each)", seconds(t_exact), f"pycddlib exact {cdd_s} s", f"{cdd_ratio} faster than pycddlib")
        if args.processes and args.payments == "none":
            whole_processes(game, n)


if __name__ == "__main__":
    main()
