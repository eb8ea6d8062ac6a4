"""Exact rational linear algebra on python-flint (``fmpq_mat``), Fraction at the edges.

Small helpers the polytope layer needs: rank, reduced row echelon form, a basis of
the null space, and canonical integer scaling of rows.

>>> rank([[1, 2], [2, 4]])
1
>>> nullspace([[1, 1, 0]])
[(Fraction(-1, 1), Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1), Fraction(1, 1))]
>>> primitive((Fraction(1, 2), Fraction(-3, 4)))
(Fraction(2, 1), Fraction(-3, 1))
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm
from typing import Sequence

import flint

from ..numbers import Vector



def to_flint(rows: Sequence[Sequence[Fraction]], ncols: int | None = None) -> "flint.fmpq_mat":
    """A ``fmpq_mat`` from a list of rows of Fractions."""
    m = len(rows)
    n = len(rows[0]) if m else (ncols or 0)
    entries = [flint.fmpq(v.numerator, v.denominator) if isinstance(v, Fraction) else flint.fmpq(int(v)) for r in rows for v in r]
    return flint.fmpq_mat(m, n, entries)


def from_flint_entry(v) -> Fraction:
    """One ``fmpq`` as a Fraction."""
    return Fraction(int(v.p), int(v.q))


def rank(rows: Sequence[Sequence[Fraction]]) -> int:
    """Rank of a rational matrix (0 for an empty one)."""
    if not rows or not rows[0]:
        return 0
    return to_flint(rows).rank()


def rref(rows: Sequence[Sequence[Fraction]]) -> tuple[list[Vector], list[int]]:
    """Nonzero rows of the reduced row echelon form, and the pivot columns."""
    if not rows or not rows[0]:
        return [], []
    R, r = to_flint(rows).rref()
    n = R.ncols()
    out, pivots = [], []
    for i in range(r):
        row = tuple(from_flint_entry(R[i, j]) for j in range(n))
        out.append(row)
        pivots.append(next(j for j, v in enumerate(row) if v))
    return out, pivots


def nullspace(rows: Sequence[Sequence[Fraction]], ncols: int | None = None) -> list[Vector]:
    """A basis of ``{x : A x = 0}``, one vector per free column of the RREF."""
    n = len(rows[0]) if rows else (ncols or 0)
    R, pivots = rref(rows) if rows else ([], [])
    free = [j for j in range(n) if j not in pivots]
    basis = []
    for f in free:
        x = [Fraction(0)] * n
        x[f] = Fraction(1)
        for row, p in zip(R, pivots):
            x[p] = -row[f]
        basis.append(tuple(x))
    return basis


def solve(A: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> Vector:
    """The solution of a square nonsingular system ``A x = b``."""
    x = to_flint(A).solve(to_flint([[v] for v in b]))
    return tuple(from_flint_entry(x[i, 0]) for i in range(x.nrows()))


def primitive(v: Sequence[Fraction]) -> Vector:
    """Scale a rational vector by a positive factor to coprime integers.

    The direction (and the sign) is kept, so ``a . x <= b`` stays the same inequality.
    """
    den = 1
    for x in v:
        den = lcm(den, x.denominator)
    ints = [int(x * den) for x in v]
    g = 0
    for i in ints:
        g = gcd(g, i)
    if g == 0:
        return tuple(Fraction(0) for _ in v)
    return tuple(Fraction(i // g) for i in ints)
