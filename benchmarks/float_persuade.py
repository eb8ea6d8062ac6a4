"""What a float user writes: the obedience LP of a sender-receiver game file, built sparse, solved by HiGHS.

Reads a JSON game file of kind ``sender-receiver`` (numbers as strings such as "3" or "1/2"), builds the
obedience LP (24)-(25) of 000_2cf035f6c25283ea.txt as scipy sparse matrices and solves it with
scipy's ``linprog(method="highs")``; prints the optimal value. The whole-process anchor of
``benchmarks/lp_vs_highs.py --processes``.

    .venv/bin/python benchmarks/float_persuade.py game.json
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix


def obedience_arrays(doc: dict):
    """(c, A_ub, b_ub, A_eq, b_eq) in floats, sparse, for the maximisation as a minimisation."""
    S, A = doc["states"], doc["actions"]
    p = [float(Fraction(x)) for x in doc["prior"]]  # float-ok: the float anchor
    uS = [[float(Fraction(x)) for x in doc["payoffs"]["sender"][w]] for w in S]  # float-ok: the float anchor
    uR = [[float(Fraction(x)) for x in doc["payoffs"]["receiver"][w]] for w in S]  # float-ok: the float anchor
    n, m = len(S), len(A)
    c = -np.array([p[i] * uS[i][j] for i in range(n) for j in range(m)])  # float-ok: the float anchor
    rows, cols, vals, r = [], [], [], 0
    for a in range(m):
        for b in range(m):
            if a != b:
                for i in range(n):
                    rows.append(r)
                    cols.append(i * m + a)
                    vals.append(p[i] * (uR[i][b] - uR[i][a]))  # float-ok: the float anchor
                r += 1
    A_ub = coo_matrix((vals, (rows, cols)), shape=(r, n * m)).tocsr()
    A_eq = coo_matrix(([1.0] * (n * m), ([i for i in range(n) for _ in range(m)], list(range(n * m)))), shape=(n, n * m)).tocsr()  # float-ok
    return c, A_ub, np.zeros(r), A_eq, np.ones(n)


def solve(arrays) -> float:
    c, A_ub, b_ub, A_eq, b_eq = arrays
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return -res.fun


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        print(solve(obedience_arrays(json.load(fh))))
