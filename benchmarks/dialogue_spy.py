"""Spy game (Section 4 of 001_9d9f8fe1d5e70189.txt): exact whole-square rounds vs a float grid.

For t = 1, 2, ... the exact engine's time per round, grid cells, and the largest number of
digits in a grid coordinate; and, as the baseline a user would otherwise write, alternating
concavification on a float N x N grid (numpy, upper hulls row by row, ties broken by float
comparison) with its error at (1/2, 1/2) against the exact value. The exact rounds stop at
--rounds or when the cumulative time exceeds --budget seconds (coordinates grow by a factor
of about 2-4 in digits per round, so every round costs more than the last). Each row says the
round's arithmetic (``exact``: the first table is exact Fraction arithmetic throughout) and the
digit growth factor against the previous round. A second table runs the engine as
``exactgame dialogue`` does: exact while the lines have at most ``--enclose-after`` digits, then
enclosures (:mod:`exactgame.dialogue.enclosure`), with each round's mode. ``record()`` rows: the whole
run against the float grid, and the last three rounds (time, cells, digits).

    .venv/bin/python benchmarks/dialogue_spy.py --rounds 20 --budget 20
"""

from __future__ import annotations

import argparse
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from exactgame.dialogue import spy_game  # noqa: E402
from exactgame.dialogue.square import base_grid, _round_along_p  # noqa: E402
from exactgame.dialogue.model import BOB, SALLY  # noqa: E402
from exactgame.numbers import fmt  # noqa: E402
from _timing import record, seconds  # noqa: E402


def float_rounds(N: int, T: int):
    """Float baseline: pi^t on an N x N grid; returns the (S, B) value at (1/2, 1/2) per round."""
    game = spy_game()
    xs = np.linspace(0.0, 1.0, N)  # float-ok: the float baseline
    S = np.zeros((N, N))
    B = np.zeros((N, N))
    for i, p in enumerate(xs):
        for s in (0, 1):
            v = game.type_payoffs(s, (Fraction(1) - Fraction(p), Fraction(p)))
            for j, q in enumerate(xs):
                w = q if s else 1 - q
                S[i, j] += w * float(v[0])  # float-ok: the float baseline
                B[i, j] += w * float(v[1])  # float-ok: the float baseline
    out = [(S[N // 2, N // 2], B[N // 2, N // 2])]
    for t in range(1, T + 1):
        if t % 2:   # Bob along p (axis 0)
            B, S = _cav_axis0(B, S, xs)
        else:       # Sally along q (axis 1)
            St, Bt = _cav_axis0(S.T.copy(), B.T.copy(), xs)
            S, B = St.T, Bt.T
        out.append((S[N // 2, N // 2], B[N // 2, N // 2]))
    return out


def _cav_axis0(f, g, xs):
    F, G = np.empty_like(f), np.empty_like(g)
    for j in range(f.shape[1]):
        hull = []
        for i in range(len(xs)):
            while len(hull) >= 2:
                a, b = hull[-2], hull[-1]
                if (f[b, j] - f[a, j]) * (xs[i] - xs[a]) <= (f[i, j] - f[a, j]) * (xs[b] - xs[a]):
                    hull.pop()
                else:
                    break
            hull.append(i)
        for a, b in zip(hull, hull[1:]):
            lam = (xs[b] - xs[a : b + 1]) / (xs[b] - xs[a])
            F[a : b + 1, j] = lam * f[a, j] + (1 - lam) * f[b, j]
            G[a : b + 1, j] = lam * g[a, j] + (1 - lam) * g[b, j]
    return F, G


def enclosed_run(T: int, digits: int) -> tuple[float, object]:
    """The engine as ``exactgame dialogue`` runs it: exact rounds while the grid's lines have at most
    ``digits`` digits, enclosures after; per round its mode, time, cells, and the exact lines'
    digits or the balls' radius (as digits). Returns the total time and the run."""
    from exactgame.dialogue.enclosure import digits_of_radius
    from exactgame.dialogue.square import alternate, coordinate_digits

    rows = []
    last = [time.perf_counter()]

    def progress(t, grid):
        now = time.perf_counter()
        rows.append((t, now - last[0], grid))
        last[0] = now

    t0 = time.perf_counter()
    alt = alternate(spy_game(), T, progress=progress, enclose_digits=digits, stop_when_stable=False)
    total = time.perf_counter() - t0
    print(f"\nexact to {digits} digits, then enclosures (exactgame dialogue's default):")
    print(f"{'t':>3} {'mode':>9} {'seconds':>9} {'cells':>7} {'digits':>16}  {'S(1/2,1/2)':>14} {'B(1/2,1/2)':>14}")
    for t, dt, grid in rows:
        r = alt.rounds[t]
        v = r.at(Fraction(1, 2), Fraction(1, 2))
        if r.mode == "exact":
            size = f"{coordinate_digits(grid):,} exact"
        else:
            with alt.enclosure.context:
                size = f"radius 1e-{min(digits_of_radius(x) for x in grid.ps + grid.qs)}"
        print(f"{t:>3} {r.mode:>9} {dt:>9.3f} {grid.cells:>7} {size:>16}  {float(v[0]):>14.9f} {float(v[1]):>14.9f}", flush=True)  # float-ok: printing
    if alt.enclosure is not None:
        cx = alt.enclosure.context
        print(f"enclosures from round {alt.enclosure.first}: {cx.prec}-bit balls, {alt.enclosure.restarts} reruns, "
              f"{cx.ties:,} ties by the modular test (P(a false tie) <= 2^{cx.error_log2})")
    print(f"total {total:.2f} s for rounds 1-{T}")
    return total, alt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--enclose-after", type=int, default=1000, help="digits of the exact lines before enclosures")
    ap.add_argument("--budget", type=float, default=60.0, help="stop the exact rounds after this many seconds in total")  # float-ok: CLI option
    ap.add_argument("--grid", type=int, default=201, help="float baseline grid size N (odd, so 1/2 is a node)")
    args = ap.parse_args()
    g = base_grid(spy_game()).simplify()
    exact = [g.evaluate(Fraction(1, 2), Fraction(1, 2))]
    print(f"{'t':>3} {'mode':>6} {'seconds':>9} {'cells':>7} {'digits':>7} {'x digits':>8}  {'S(1/2,1/2)':>12} {'B(1/2,1/2)':>12}")
    per_round = []  # (t, seconds, cells, digits)
    total = 0.0  # float-ok: timing
    for t in range(1, args.rounds + 1):
        t0 = time.perf_counter()
        if t % 2:
            g, _ = _round_along_p(g, BOB)
        else:
            g, _ = _round_along_p(g.transpose(), SALLY)
            g = g.transpose()
        g = g.simplify()
        dt = time.perf_counter() - t0
        total += dt
        v = g.evaluate(Fraction(1, 2), Fraction(1, 2))
        exact.append(v)
        digits = max(len(fmt(x)) for x in g.ps + g.qs)
        growth = f"{digits / per_round[-1][3]:.2f}" if per_round and per_round[-1][3] else "-"  # float-ok: printed growth factor
        per_round.append((t, dt, g.cells, digits))
        print(f"{t:>3} {'exact':>6} {dt:>9.3f} {g.cells:>7} {digits:>7} {growth:>8}  {float(v[0]):>12.6f} {float(v[1]):>12.6f}", flush=True)  # float-ok: printing
        if total > args.budget:
            print(f"stopped after round {t}: {total:.1f} s in total exceeds the budget of {args.budget:.0f} s")
            break
    T = len(exact) - 1
    t0 = time.perf_counter()
    fl = float_rounds(args.grid, T)
    ft = time.perf_counter() - t0
    err = max(abs(a - float(e[i])) for fv, e in zip(fl, exact) for i, a in enumerate(fv))  # float-ok: error of the baseline
    print(f"exact engine: {T} rounds in {total:.2f} s; float {args.grid}x{args.grid} grid, same rounds: {ft:.2f} s "
          f"(ratio exact/float {total / ft:.2f}); float error at (1/2, 1/2): up to {err:.2e}")
    last = per_round[-1]
    record(f"spy game (001, Section 4), whole square, exact rounds 1-{T}",
           f"{seconds(total)} in total, last round {seconds(last[1])}; {last[2]} cells, {last[3]:,} digits at t = {T}",
           f"float {args.grid} x {args.grid} grid, same rounds: {seconds(ft)}", f"{total / ft:.1f}x the float time, exact")
    for t, dt, cells, digits in per_round[-3:]:
        record(f"spy game, exact round t = {t}", f"{seconds(dt)}, {cells} cells, {digits:,} digits")
    total_e, alt = enclosed_run(args.rounds, args.enclose_after)
    t0 = time.perf_counter()
    float_rounds(args.grid, args.rounds)
    ft_all = time.perf_counter() - t0
    record(f"spy game (001, Section 4), rounds 1-{args.rounds}: exact to round {alt.exact_rounds}, enclosures after",
           f"{seconds(total_e)}; {alt.rounds[-1].grid.cells} cells at t = {args.rounds}",
           f"float {args.grid} x {args.grid} grid, same rounds: {seconds(ft_all)}", f"{total_e / ft_all:.1f}x the float time")


if __name__ == "__main__":
    main()
