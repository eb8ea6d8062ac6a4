r"""Exact sparse matrices: each row holds its nonzero columns and integer numerators over one denominator.

Row ``i`` of a :class:`SparseMatrix` is stored as ``(cols, nums, den)``: column indices in
increasing order, nonzero integer numerators and a positive integer denominator, so that

.. math:: A_{i, \mathrm{cols}[t]} = \mathrm{nums}[t] / \mathrm{den}, \qquad A_{ij} = 0 \text{ elsewhere.}

This is the form in which polyhedral codes keep exact rows (cddlib's GMP rows, polymake's
homogenised integer rows), and it is what keeps the persuasion LPs small: an obedience row
of an ``n x n`` game has ``n`` nonzeros among ``n^2`` columns, and its numbers share the
denominator of the prior and payoffs. Products with a vector are done over the integers:
for ``A x``, ``x`` is written over its common denominator ``D`` as integers ``X``, and
:math:`(A x)_i = (\sum_t \mathrm{nums}[t] X_{\mathrm{cols}[t]}) / (\mathrm{den}\cdot D)` --
one integer dot product per row, no Fraction arithmetic inside.

The matrix is also a read-only sequence of dense rows (tuples of Fraction, built on
demand), so code written for ``tuple``-of-``tuple`` matrices keeps working.

>>> A = SparseMatrix.from_rows([[Fraction(1, 2), 0, 3], [0, 0, 0]], 3)
>>> A.row(0), A.row(1), A.nnz
(((0, 2), (1, 6), 2), ((), (), 1), 2)
>>> A[0], len(A)
((Fraction(1, 2), Fraction(0, 1), Fraction(3, 1)), 2)
>>> A.times([Fraction(2), Fraction(5), Fraction(1, 3)])
[Fraction(2, 1), Fraction(0, 1)]
>>> A.transpose_times_int([Fraction(2), Fraction(7)])    # A^T y = (1, 0, 6) over the denominator 2
([2, 0, 12], 2)
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm
from operator import mul
from typing import Any, Iterable, Iterator, Mapping, Sequence, overload

from ..errors import InputError
from ..numbers import to_fraction

__all__ = ["SparseMatrix", "common_denominator"]

Row = tuple[tuple[int, ...], tuple[int, ...], int]


def common_denominator(values: Iterable[Fraction]) -> tuple[list[int], int]:
    """Integers ``X`` and ``D > 0`` with ``values[j] = X[j] / D`` (``D`` the lcm of the denominators).

    Parameters
    ----------
    values : iterable of Fraction
        exact numbers (ints allowed).

    Returns
    -------
    tuple
        ``(X, D)``: the list of integer numerators and the common denominator.

    >>> common_denominator([Fraction(1, 2), Fraction(2, 3), 4])
    ([3, 4, 24], 6)
    """
    vals = list(values)
    nums, dens = [v.numerator for v in vals], [v.denominator for v in vals]
    D = lcm(*dens) if dens else 1
    if D == 1:
        return nums, 1
    return [n * (D // d) if n else 0 for n, d in zip(nums, dens)], D


class SparseMatrix(Sequence[tuple[Fraction, ...]]):
    """An exact matrix stored by rows of nonzeros (see the module doc).

    Build with :meth:`from_rows` (dense rows) or :meth:`from_integer_rows` (``(cols, nums, den)``
    per row, the stored form).

    Parameters
    ----------
    ncols : int
        the number of columns.
    rows : list of (tuple of int, tuple of int, int)
        ``(cols, nums, den)`` per row, already valid (use the ``from_*`` builders for data
        that is not).

    >>> A = SparseMatrix.from_rows([[0, Fraction(2, 3)], [1, -1]], 2)
    >>> [list(map(str, r)) for r in A]
    [['0', '2/3'], ['1', '-1']]
    >>> A == [[0, Fraction(2, 3)], [1, -1]], A[1:].row(0)
    (True, ((0, 1), (1, -1), 1))
    """

    __slots__ = ("ncols", "_rows")

    def __init__(self, ncols: int, rows: list[Row]):
        self.ncols = ncols
        self._rows = rows

    # -- builders -------------------------------------------------------------------

    @classmethod
    def from_integer_rows(cls, ncols: int, rows: Iterable[tuple[Sequence[int], Sequence[int], int]],
                          where: str = "matrix") -> "SparseMatrix":
        """From ``(cols, nums, den)`` rows; zero numerators are dropped, columns sorted, checked.

        Parameters
        ----------
        ncols : int
            the number of columns.
        rows : iterable of (sequence of int, sequence of int, int)
            per row: column indices, integer numerators, a positive denominator.
        where : str
            the name used in error messages.

        Returns
        -------
        SparseMatrix
            the matrix.

        Raises
        ------
        InputError
            on a column outside ``0..ncols-1``, a repeated column, lengths that differ, a
            non-integer numerator or a denominator that is not a positive integer.

        >>> SparseMatrix.from_integer_rows(3, [((2, 0), (5, 0), 4)]).row(0)
        ((2,), (5,), 4)
        """
        out: list[Row] = []
        for i, (cols, nums, den) in enumerate(rows):
            if type(den) is not int or den <= 0:
                raise InputError(f"{where}: row {i} has the denominator {den!r}, not a positive integer")
            if len(cols) != len(nums):
                raise InputError(f"{where}: row {i} has {len(cols)} columns but {len(nums)} numerators")
            if any(type(a) is not int for a in nums):
                raise InputError(f"{where}: row {i} has a numerator that is not an integer")
            pairs = sorted((j, a) for j, a in zip(cols, nums) if a)
            cs = tuple(j for j, _ in pairs)
            if cs and (cs[0] < 0 or cs[-1] >= ncols or len(set(cs)) != len(cs)):
                raise InputError(f"{where}: row {i} has a column outside 0..{ncols - 1} or a repeated column")
            out.append((cs, tuple(a for _, a in pairs), den))
        return cls(ncols, out)

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable[Any]], ncols: int, where: str = "matrix") -> "SparseMatrix":
        """From dense rows of exact numbers (int, Fraction, numeric strings).

        Parameters
        ----------
        rows : iterable of iterable of numbers
            each row with ``ncols`` entries.
        ncols : int
            the number of columns.
        where : str
            the name used in error messages.

        Returns
        -------
        SparseMatrix
            the matrix.

        Raises
        ------
        InputError
            if a row is not a list of numbers or has a length other than ``ncols``.
        NotExactError
            on a float.

        >>> SparseMatrix.from_rows([["1/3", 0]], 2).row(0)
        ((0,), (1,), 3)
        """
        out = []
        for i, r in enumerate(rows):
            if isinstance(r, (str, bytes, Mapping)) or not hasattr(r, "__iter__"):
                raise InputError(f"{where}: row {i} must be a list of numbers, not {type(r).__name__}")
            r = list(r)
            if len(r) != ncols:
                raise InputError(f"{where}: row {i} has {len(r)} entries, expected {ncols}")
            # Fractions pass through without a call (these rows can hold 10^6 entries)
            vals = [v if type(v) is Fraction else to_fraction(v, where=f"{where}: row {i}") for v in r]
            cols = tuple(j for j, v in enumerate(vals) if v)
            out.append(_integer_row_sorted(cols, [vals[j] for j in cols]))
        return cls(ncols, out)

    # -- the stored form ----------------------------------------------------------------

    def row(self, i: int) -> Row:
        """Row ``i`` as ``(cols, nums, den)``.

        Parameters
        ----------
        i : int
            the row index.

        Returns
        -------
        tuple
            column indices, integer numerators, the denominator.
        """
        return self._rows[i]

    def items(self, i: int) -> list[tuple[int, Fraction]]:
        """The nonzeros ``(column, value)`` of row ``i`` in column order.

        Parameters
        ----------
        i : int
            the row index.

        Returns
        -------
        list of (int, Fraction)
            the entries.

        >>> SparseMatrix.from_rows([[0, 2, "1/2"]], 3).items(0)
        [(1, Fraction(2, 1)), (2, Fraction(1, 2))]
        """
        cols, nums, den = self._rows[i]
        return [(j, Fraction(a, den)) for j, a in zip(cols, nums)]

    @property
    def nnz(self) -> int:
        """The number of stored nonzeros."""
        return sum(len(r[0]) for r in self._rows)

    # -- the sequence of dense rows ------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, i: int) -> tuple[Fraction, ...]: ...
    @overload
    def __getitem__(self, i: slice) -> "SparseMatrix": ...

    def __getitem__(self, i):
        if isinstance(i, slice):
            return SparseMatrix(self.ncols, self._rows[i])
        cols, nums, den = self._rows[i]
        out = [Fraction(0)] * self.ncols
        for j, a in zip(cols, nums):
            out[j] = Fraction(a, den)
        return tuple(out)

    def __iter__(self) -> Iterator[tuple[Fraction, ...]]:
        for i in range(len(self._rows)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SparseMatrix):
            return self.ncols == other.ncols and len(self) == len(other) and all(
                _same_row(a, b) for a, b in zip(self._rows, other._rows))
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(tuple(r) == tuple(o) for r, o in zip(self, other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.ncols, len(self._rows)))

    def __add__(self, other: "SparseMatrix") -> "SparseMatrix":
        """Rows of ``self`` then rows of ``other`` (as tuple concatenation does)."""
        if not isinstance(other, SparseMatrix):
            return NotImplemented
        if other.ncols != self.ncols:
            raise InputError(f"cannot stack matrices with {self.ncols} and {other.ncols} columns")
        return SparseMatrix(self.ncols, self._rows + other._rows)

    def __repr__(self) -> str:
        return f"SparseMatrix({len(self)} x {self.ncols}, {self.nnz} nonzeros)"

    # -- operations ------------------------------------------------------------------------

    def widened(self, ncols: int) -> "SparseMatrix":
        """The same rows with zero columns appended up to ``ncols`` columns.

        Parameters
        ----------
        ncols : int
            the new number of columns (at least the current one).

        Returns
        -------
        SparseMatrix
            the matrix, sharing the rows.

        >>> SparseMatrix.from_rows([[1]], 1).widened(3)[0]
        (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
        """
        if ncols < self.ncols:
            raise InputError(f"cannot narrow a matrix from {self.ncols} to {ncols} columns")
        return SparseMatrix(ncols, self._rows)

    @classmethod
    def hstack(cls, blocks: Sequence["SparseMatrix"]) -> "SparseMatrix":
        """Row ``i`` of the result is row ``i`` of every block, side by side.

        Parameters
        ----------
        blocks : sequence of SparseMatrix
            matrices with the same number of rows (at least one).

        Returns
        -------
        SparseMatrix
            ``sum(b.ncols)`` columns.

        >>> A = SparseMatrix.from_rows([[1], ["1/2"]], 1)
        >>> SparseMatrix.hstack([A, A.scaled_rows([-1, 3])]).row(1)
        ((0, 1), (1, 3), 2)
        """
        if len({len(b) for b in blocks}) != 1:
            raise InputError("hstack: the blocks have different numbers of rows")
        offsets, total = [], 0
        for b in blocks:
            offsets.append(total)
            total += b.ncols
        out: list[Row] = []
        for parts in zip(*(b._rows for b in blocks)):
            L = lcm(*(d for _, _, d in parts))
            cols: list[int] = []
            nums: list[int] = []
            for (cs, ns, d), off in zip(parts, offsets):
                f = L // d
                cols.extend([j + off for j in cs] if off else cs)
                nums.extend(ns if f == 1 else [a * f for a in ns])
            out.append((tuple(cols), tuple(nums), L))
        return cls(total, out)

    def scaled_rows(self, factors: Sequence[Fraction]) -> "SparseMatrix":
        """Row ``i`` multiplied by ``factors[i]``.

        Parameters
        ----------
        factors : sequence of Fraction
            one factor per row.

        Returns
        -------
        SparseMatrix
            the scaled rows.

        >>> SparseMatrix.from_rows([[1, 2]], 2).scaled_rows([Fraction(-1, 2)]).row(0)
        ((0, 1), (-1, -2), 2)
        """
        out: list[Row] = []
        for (cols, nums, den), f in zip(self._rows, factors):
            f = Fraction(f)
            if not f:
                out.append(((), (), 1))
                continue
            p, q = f.numerator, f.denominator * den
            g = gcd(p, q)
            out.append((cols, tuple(a * (p // g) for a in nums) if p != g else nums, q // g))
        return SparseMatrix(self.ncols, out)

    def transpose(self) -> "SparseMatrix":
        """The transpose, exact.

        Returns
        -------
        SparseMatrix
            ``ncols`` rows over ``len(self)`` columns.

        >>> SparseMatrix.from_rows([[1, 0], ["1/2", 3]], 2).transpose().row(0)
        ((0, 1), (2, 1), 2)
        """
        cols_of: list[list[tuple[int, Fraction]]] = [[] for _ in range(self.ncols)]
        for i, (cols, nums, den) in enumerate(self._rows):
            for j, a in zip(cols, nums):
                cols_of[j].append((i, Fraction(a, den)))
        return SparseMatrix(len(self._rows), [_integer_row(c) for c in cols_of])

    def times_int(self, x: Sequence[Fraction]) -> tuple[list[int], int]:
        """``A x`` over the integers: ``(N, D)`` with ``(A x)_i = N_i / (den_i D)``.

        Parameters
        ----------
        x : sequence of Fraction
            one entry per column.

        Returns
        -------
        tuple
            ``N`` (one integer per row) and ``D``, the common denominator of ``x``.

        >>> SparseMatrix.from_rows([["1/2", 1]], 2).times_int([Fraction(1, 3), Fraction(1)])  # 1/6 + 1 = 7/(2*3)
        ([7], 3)
        """
        X, D = common_denominator(x)
        get = X.__getitem__
        support = {j for j, v in enumerate(X) if v}
        if 4 * len(support) > len(X):
            return [sum(map(mul, nums, map(get, cols))) for cols, nums, _ in self._rows], D
        # a sparse x (an LP's basic solution): rows that miss its support are skipped by a C-level
        # set test, which is several times cheaper than the products
        miss = support.isdisjoint
        return [0 if miss(cols) else sum(map(mul, nums, map(get, cols))) for cols, nums, _ in self._rows], D

    def times(self, x: Sequence[Fraction]) -> list[Fraction]:
        """``A x``, exact, by one integer dot product per row (see the module doc).

        Parameters
        ----------
        x : sequence of Fraction
            one entry per column.

        Returns
        -------
        list of Fraction
            one entry per row.
        """
        N, D = self.times_int(x)
        return [Fraction(v, r[2] * D) if v else Fraction(0) for v, r in zip(N, self._rows)]

    def first_violation(self, x: Sequence[Fraction], b: Sequence[Fraction], equal: bool = False) -> tuple[int, Fraction] | None:
        """The first row with ``(A x)_i > b_i`` (with ``equal``: ``!= b_i``), compared over the integers.

        Parameters
        ----------
        x : sequence of Fraction
            one entry per column.
        b : sequence of Fraction
            one entry per row.
        equal : bool
            test equality instead of ``<=``.

        Returns
        -------
        tuple or None
            ``(i, (A x)_i)`` for the first violated row, or None.

        >>> A = SparseMatrix.from_rows([[1, 1], [1, -1]], 2)
        >>> A.first_violation([Fraction(1), Fraction(1, 2)], [Fraction(2), Fraction(0)])
        (1, Fraction(1, 2))
        """
        N, D = self.times_int(x)
        for i, (v, (_, _, den), bi) in enumerate(zip(N, self._rows, b)):
            lhs, rhs = v * bi.denominator, bi.numerator * den * D
            if lhs != rhs if equal else lhs > rhs:
                return i, Fraction(v, den * D)
        return None

    def transpose_times_int(self, y: Sequence[Fraction]) -> tuple[list[int], int]:
        """``A^T y`` over the integers: ``(N, D)`` with ``(A^T y)_j = N_j / D``; rows with ``y_i = 0`` cost nothing.

        Parameters
        ----------
        y : sequence of Fraction
            one entry per row.

        Returns
        -------
        tuple
            ``N`` (one integer per column) and the denominator ``D > 0``.

        >>> SparseMatrix.from_rows([["1/2", 1]], 2).transpose_times_int([Fraction(1, 3)])
        ([1, 2], 6)
        """
        support = [i for i, v in enumerate(y) if v]
        out = [0] * self.ncols
        if not support:
            return out, 1
        Y, E = common_denominator([y[i] for i in support])
        L = lcm(*(self._rows[i][2] for i in support))
        for i, Yi in zip(support, Y):
            cols, nums, den = self._rows[i]
            f = Yi * (L // den)
            for j, a in zip(cols, nums):
                out[j] += a * f
        return out, L * E


def _integer_row(pairs: Sequence[tuple[int, Fraction]]) -> Row:
    """``(cols, nums, den)`` from ``(column, Fraction)`` pairs (zeros dropped, columns sorted)."""
    pairs = sorted((j, v) for j, v in pairs if v)
    return _integer_row_sorted(tuple(j for j, _ in pairs), [v for _, v in pairs])


def _integer_row_sorted(cols: tuple[int, ...], vals: Sequence[Fraction]) -> Row:
    """``(cols, nums, den)`` from increasing columns and their nonzero values."""
    dens = [v.denominator for v in vals]
    den = lcm(*dens) if dens else 1
    if den == 1:
        return cols, tuple(v.numerator for v in vals), 1
    return cols, tuple(v.numerator * (den // d) for v, d in zip(vals, dens)), den


def _same_row(a: Row, b: Row) -> bool:
    return a[0] == b[0] and all(x * b[2] == y * a[2] for x, y in zip(a[1], b[1]))
