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
from numbers import Integral
from typing import Any, Sequence

import flint

from ..errors import InternalError
from ..numbers import Vector



def to_flint(rows: Sequence[Sequence[Fraction]], ncols: int | None = None) -> "flint.fmpq_mat":
    """The ``m x n`` python-flint matrix ``fmpq_mat`` with the given rows.

    Parameters
    ----------
    rows : sequence of sequence of Fraction
        the matrix row by row (all rows of one length); an int entry is taken as that
        integer; any other type (a float) raises :class:`~exactgame.errors.InternalError`
        instead of being truncated.
    ncols : int, optional
        the number of columns when ``rows`` is empty (a ``0 x ncols`` matrix); ignored
        otherwise.

    Returns
    -------
    flint.fmpq_mat
        the same exact matrix.

    >>> M = to_flint([[Fraction(1, 2), 2], [3, Fraction(-1, 3)]])
    >>> M.nrows(), M.ncols(), M[1, 1]
    (2, 2, -1/3)
    """
    m = len(rows)
    n = len(rows[0]) if m else (ncols or 0)
    entries = [_fmpq(v) for r in rows for v in r]
    return flint.fmpq_mat(m, n, entries)


def _fmpq(v: Any) -> "flint.fmpq":
    """An exact entry as fmpq; anything but a Fraction or an int (a float, say) is a caller's bug."""
    if isinstance(v, Fraction):
        return flint.fmpq(v.numerator, v.denominator)
    if isinstance(v, Integral):    # int, and numpy's integers
        return flint.fmpq(int(v))
    raise InternalError(f"linalg: the entry {v!r} is not exact (a Fraction or an int); it would be truncated")


def from_flint_entry(v) -> Fraction:
    """One python-flint rational ``fmpq`` as a Fraction (in lowest terms).

    Parameters
    ----------
    v : flint.fmpq
        an entry of a ``fmpq_mat`` (anything with integer ``p`` and ``q``).

    Returns
    -------
    Fraction
        ``v.p / v.q``.

    >>> import flint
    >>> from_flint_entry(flint.fmpq(-3, 6))
    Fraction(-1, 2)
    """
    return Fraction(int(v.p), int(v.q))


def integer_det(rows: Sequence[Sequence[int]]) -> int:
    """The determinant of a square integer matrix, exactly (flint's ``fmpz_mat``).

    Parameters
    ----------
    rows : sequence of sequence of int
        The matrix row by row; no rows means the empty matrix (determinant 1).

    Returns
    -------
    int
        The determinant.

    >>> integer_det([[2, 1], [7, 4]]), integer_det([])
    (1, 1)
    """
    n = len(rows)
    if n == 0:
        return 1
    return int(flint.fmpz_mat(n, n, [int(x) for r in rows for x in r]).det())


def integer_rank(rows: Sequence[Sequence[int]]) -> int:
    """The rank of an integer matrix, exactly (flint's ``fmpz_mat``, no Fractions built).

    Parameters
    ----------
    rows : sequence of sequence of int
        The matrix row by row (at least one row, all of one length).

    Returns
    -------
    int
        The rank.

    >>> integer_rank([[1, 2], [2, 4], [0, 1]])
    2
    """
    return flint.fmpz_mat(len(rows), len(rows[0]), [int(x) for r in rows for x in r]).rank()


def rank(rows: Sequence[Sequence[Fraction]]) -> int:
    """Rank of a rational matrix: the dimension of its row space.

    Parameters
    ----------
    rows : sequence of sequence of Fraction
        the matrix row by row.

    Returns
    -------
    int
        the rank; 0 for a matrix with no rows or no columns.

    >>> rank([[Fraction(1, 2), 1], [1, 2]]), rank([[1, 0], [0, 1]]), rank([])
    (1, 2, 0)
    """
    if not rows or not rows[0]:
        return 0
    return to_flint(rows).rank()


def rref(rows: Sequence[Sequence[Fraction]]) -> tuple[list[Vector], list[int]]:
    """The reduced row echelon form ``R`` of a rational matrix, without its zero rows.

    Every row of ``R`` has a leading 1 (its pivot) in a column that is zero in every
    other row, and the pivots increase from row to row; the rows span the row space.

    Parameters
    ----------
    rows : sequence of sequence of Fraction
        the matrix row by row.

    Returns
    -------
    tuple of (list of Vector, list of int)
        the nonzero rows of ``R`` and, for each, the index of its pivot column; both
        empty for a matrix with no rows or no columns.

    >>> R, pivots = rref([[2, 4, 1], [1, 2, 3]])
    >>> [tuple(map(str, r)) for r in R], pivots
    ([('1', '2', '0'), ('0', '0', '1')], [0, 2])
    """
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
    """A basis of the null space ``{x : A x = 0}`` of a rational matrix ``A``.

    One basis vector per free (non-pivot) column ``f`` of the reduced row echelon form:
    ``x_f = 1``, the other free entries 0, and each pivot entry ``x_p = -R[p-row, f]``.

    Parameters
    ----------
    rows : sequence of sequence of Fraction
        the rows of ``A``.
    ncols : int, optional
        the number of columns when ``rows`` is empty (then the basis is the unit
        vectors of Q^ncols); ignored otherwise.

    Returns
    -------
    list of Vector
        the basis, empty when ``A`` has full column rank.

    >>> [tuple(map(str, x)) for x in nullspace([[1, 1, 0]])]
    [('-1', '1', '0'), ('0', '0', '1')]
    >>> nullspace([[1, 0], [0, 1]])
    []
    """
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
    """The solution ``x = A^-1 b`` of a square nonsingular system ``A x = b``.

    Parameters
    ----------
    A : sequence of sequence of Fraction
        a square matrix, row by row.
    b : sequence of Fraction
        the right-hand side, one entry per row of ``A``.

    Returns
    -------
    Vector
        the unique solution.

    Raises
    ------
    ZeroDivisionError
        if ``A`` is singular (raised by python-flint).

    >>> solve([[2, 1], [1, 3]], [3, 5])
    (Fraction(4, 5), Fraction(7, 5))
    """
    x = to_flint(A).solve(to_flint([[v] for v in b]))
    return tuple(from_flint_entry(x[i, 0]) for i in range(x.nrows()))


def primitive(v: Sequence[Fraction]) -> Vector:
    """Scale a rational vector by a positive factor to coprime integers.

    The direction (and the sign) is kept, so ``a . x <= b`` stays the same inequality
    when ``(a, b)`` is scaled as one vector: the factor is ``lcm(denominators) / gcd``
    of the integers that multiplication by the lcm gives.

    Parameters
    ----------
    v : sequence of Fraction
        the vector.

    Returns
    -------
    Vector
        the scaled vector, entries integers (as Fractions) with gcd 1; the zero vector
        is returned as zeros.

    >>> primitive((Fraction(1, 2), Fraction(-3, 4)))
    (Fraction(2, 1), Fraction(-3, 1))
    >>> primitive((Fraction(0), Fraction(0)))
    (Fraction(0, 1), Fraction(0, 1))
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
