"""An independent float reference for the acquisition tests: the best revenue over posterior pairs.

For every pair p < mu < q of a grid, the buyer's and the seller's reference points are optimised by
ternary search (no use of kinks, certainty edges or the (Opt) conditions).
"""

from __future__ import annotations

import numpy as np


def grid_revenues(mu, grid, ub, us, kb, ks, iterations):  # float-ok: an independent float reference
    """(revenues, P, Q) over the posterior pairs p < mu < q taken from ``grid``."""
    P, Q = np.meshgrid(grid[grid < mu], grid[grid > mu], indexing="ij")
    P, Q = P.ravel(), Q.ravel()
    tq = (mu - P) / (Q - P)
    tp = 1 - tq

    def tern(f):
        lo, hi = np.full(P.shape, 1e-12), np.full(P.shape, 1 - 1e-12)
        for _ in range(iterations):
            x1, x2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
            better = f(x1) < f(x2)
            lo, hi = np.where(better, x1, lo), np.where(better, hi, x2)
        return f((lo + hi) / 2)

    def tb(m, a):
        return np.minimum(ub[0] + kb * np.log(a / (1 - m)), ub[1] + kb * np.log((1 - a) / m))

    def ts(m, c):
        return np.maximum(us[0] + ks * np.log((1 - m) / c), us[1] + ks * np.log(m / (1 - c)))

    val = tern(lambda a: tp * tb(P, a) + tq * tb(Q, a)) + tern(lambda c: -(tp * ts(P, c) + tq * ts(Q, c)))
    return val, P, Q
