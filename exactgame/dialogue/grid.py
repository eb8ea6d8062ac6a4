r"""Exact piecewise-bilinear functions on a rectangular subdivision of :math:`[0,1]^2`.

A :class:`Grid` holds a vector-valued function :math:`\pi(p, q)` (for dialogue games the
pair :math:`(\pi_S, \pi_B)`) on the grid :math:`0 = p_0 < \dots < p_m = 1`,
:math:`0 = q_0 < \dots < q_n = 1`. On each open cell it is bilinear, on each open edge
linear, and the values on edges and at corners are kept *separately* from the limits
of the neighbouring pieces, so jumps (a best response switching at a threshold) and the
value chosen by a tie-break are represented exactly:

* ``V[i][j]``: the value at the corner :math:`(p_i, q_j)`;
* ``H[i][j] = (l, r)``: on the open edge :math:`(p_i, p_{i+1}) \times \{q_j\}` the linear
  function with limits ``l`` at :math:`p_i` and ``r`` at :math:`p_{i+1}`;
* ``E[i][j] = (lo, hi)``: on the open edge :math:`\{p_i\} \times (q_j, q_{j+1})`;
* ``C[i][j] = (ll, rl, lu, ru)``: on the open cell, the bilinear function with these limits
  at :math:`(p_i, q_j), (p_{i+1}, q_j), (p_i, q_{j+1}), (p_{i+1}, q_{j+1})`.

>>> F = Fraction
>>> g = Grid.from_corners([F(0), F(1)], [F(0), F(1)], [[(F(0),), (F(1),)], [(F(2),), (F(3),)]])
>>> g.evaluate(F(1, 2), F(1, 2))          # bilinear: (0 + 2 + 1 + 3) / 4
(Fraction(3, 2),)
>>> g2 = g.refine([F(1, 3)], [F(1, 4)])
>>> g2.same_function(g), g2.simplify() == g
(True, True)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Sequence

from ..errors import InternalError

__all__ = ["Grid", "Val", "lerp", "collinear"]

Val = tuple[Fraction, ...]


def _number(x):
    """An int or a string as a Fraction; Fractions and other exact number types (the
    enclosures of :mod:`.enclosure`) as they are."""
    return Fraction(x) if isinstance(x, (int, str)) else x


def lerp(a: Val, b: Val, t: Fraction) -> Val:
    """Linear interpolation :math:`(1-t) a + t b`, componentwise (``a`` itself at t = 0, ``b`` at t = 1).

    Parameters
    ----------
    a : tuple of Fraction
        Value at t = 0.
    b : tuple of Fraction
        Value at t = 1 (same length as ``a``).
    t : Fraction
        Interpolation parameter (any rational; not clipped to [0, 1]).

    Returns
    -------
    tuple of Fraction

    >>> lerp((Fraction(0), Fraction(2)), (Fraction(1), Fraction(4)), Fraction(1, 4))
    (Fraction(1, 4), Fraction(5, 2))
    """
    if t == 0:
        return a
    if t == 1:
        return b
    return tuple(x + t * (y - x) for x, y in zip(a, b))


def collinear(x0: Fraction, a: Val, x1: Fraction, b: Val, x2: Fraction, c: Val) -> bool:
    """Do (x0, a), (x1, b), (x2, c) lie on one line in every component?

    Tests :math:`(b_k - a_k)(x_2 - x_0) = (c_k - a_k)(x_1 - x_0)` for every component k
    (exact; the abscissae need not be ordered, but x0 must differ from x1 and x2 for the
    answer to mean collinearity).

    Parameters
    ----------
    x0, x1, x2 : Fraction
        Abscissae.
    a, b, c : tuple of Fraction
        Values at x0, x1, x2.

    Returns
    -------
    bool

    >>> F = Fraction
    >>> collinear(F(0), (F(0),), F(1), (F(1),), F(3), (F(3),)), collinear(F(0), (F(0),), F(1), (F(1),), F(3), (F(2),))
    (True, False)
    """
    return all((bb - aa) * (x2 - x0) == (cc - aa) * (x1 - x0) for aa, bb, cc in zip(a, b, c))


@dataclass(eq=False)
class Grid:
    """A piecewise-bilinear vector function on :math:`[0,1]^2` with exact jumps (module docstring).

    ``ps``, ``qs`` are the grid lines (increasing, from 0 to 1); ``V``, ``H``, ``E``, ``C``
    hold the values at corners, on horizontal edges (along p), on vertical edges (along q)
    and on open cells, indexed ``[i][j]`` with ``i`` along p and ``j`` along q. Equality
    (``==``) compares the representation; :meth:`same_function` compares the functions.

    >>> F = Fraction
    >>> g = Grid.from_corners([F(0), F(1)], [F(0), F(1)], [[(F(0),), (F(1),)], [(F(2),), (F(3),)]])
    >>> g.shape, g.evaluate(F(1, 4), F(1, 2))        # (1-q)(2p) + q(1+2p) at (1/4, 1/2)
    ((1, 1), (Fraction(1, 1),))
    >>> g.section(F(1, 2))                           # (p, value, left limit, right limit)
    [(Fraction(0, 1), (Fraction(1, 2),), None, (Fraction(1, 2),)), (Fraction(1, 1), (Fraction(5, 2),), (Fraction(5, 2),), None)]
    """

    ps: list[Fraction]
    qs: list[Fraction]
    V: list[list[Val]]
    H: list[list[tuple[Val, Val]]]
    E: list[list[tuple[Val, Val]]]
    C: list[list[tuple[Val, Val, Val, Val]]]

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_corners(cls, ps: Sequence[Fraction], qs: Sequence[Fraction], V: Sequence[Sequence[Val]]) -> "Grid":
        """The continuous function with corner values ``V[i][j]``, bilinear on every cell.

        Parameters
        ----------
        ps : sequence of Fraction
            Grid lines along p, increasing from 0 to 1.
        qs : sequence of Fraction
            Grid lines along q, increasing from 0 to 1.
        V : sequence of sequence of tuple of Fraction
            ``V[i][j]`` = value at :math:`(p_i, q_j)`.

        Returns
        -------
        Grid
        """
        ps, qs = list(ps), list(qs)
        Vl = [list(col) for col in V]
        m, n = len(ps) - 1, len(qs) - 1
        H = [[(Vl[i][j], Vl[i + 1][j]) for j in range(n + 1)] for i in range(m)]
        E = [[(Vl[i][j], Vl[i][j + 1]) for j in range(n)] for i in range(m + 1)]
        C = [[(Vl[i][j], Vl[i + 1][j], Vl[i][j + 1], Vl[i + 1][j + 1]) for j in range(n)] for i in range(m)]
        return cls(ps, qs, Vl, H, E, C)

    @property
    def shape(self) -> tuple[int, int]:
        """Numbers of cells along p and along q."""
        return len(self.ps) - 1, len(self.qs) - 1

    @property
    def cells(self) -> int:
        """Number of open cells, ``m * n``."""
        m, n = self.shape
        return m * n

    def transpose(self) -> "Grid":
        """The same function with the roles of p and q exchanged.

        Returns
        -------
        Grid
            ``g.transpose().evaluate(q, p) == g.evaluate(p, q)``.
        """
        m, n = self.shape
        V = [[self.V[i][j] for i in range(m + 1)] for j in range(n + 1)]
        H = [[self.E[i][j] for i in range(m + 1)] for j in range(n)]
        E = [[self.H[i][j] for i in range(m)] for j in range(n + 1)]
        C = [[(c[0], c[2], c[1], c[3]) for c in (self.C[i][j] for i in range(m))] for j in range(n)]
        return Grid(list(self.qs), list(self.ps), V, H, E, C)

    # -- evaluation -------------------------------------------------------------
    @staticmethod
    def _locate(xs: Sequence[Fraction], x: Fraction) -> tuple[int, bool]:
        """(index i, on_line): x == xs[i] if on_line, else xs[i] < x < xs[i+1]."""
        if not xs[0] <= x <= xs[-1]:
            raise InternalError(f"{x} is outside [{xs[0]}, {xs[-1]}]")
        i = bisect_left(xs, x)
        if i < len(xs) and xs[i] == x:
            return i, True
        return i - 1, False

    def evaluate(self, p: Fraction, q: Fraction) -> Val:
        """The value at (p, q) (the value on the piece containing the point, not a limit).

        Parameters
        ----------
        p, q : Fraction
            A point of :math:`[0,1]^2`.

        Returns
        -------
        tuple of Fraction

        Raises
        ------
        InternalError
            If the point is outside the square.
        """
        p, q = _number(p), _number(q)
        i, pl = self._locate(self.ps, p)
        j, ql = self._locate(self.qs, q)
        if pl and ql:
            return self.V[i][j]
        if ql:
            left, right = self.H[i][j]
            return lerp(left, right, (p - self.ps[i]) / (self.ps[i + 1] - self.ps[i]))
        t = (q - self.qs[j]) / (self.qs[j + 1] - self.qs[j])
        if pl:
            lo, hi = self.E[i][j]
            return lerp(lo, hi, t)
        ll, rl, lu, ru = self.C[i][j]
        s = (p - self.ps[i]) / (self.ps[i + 1] - self.ps[i])
        return lerp(lerp(ll, rl, s), lerp(lu, ru, s), t)

    def section(self, q: Fraction) -> list[tuple[Fraction, Val, Val | None, Val | None]]:
        """The function along p at fixed q: per grid point ``(p_i, value, left limit, right limit)``.

        Between grid points it is linear from the right limit at p_i to the left limit at p_{i+1}.

        Parameters
        ----------
        q : Fraction
            The fixed coordinate, in [0, 1].

        Returns
        -------
        list of (Fraction, tuple, tuple or None, tuple or None)
            One entry per ``p_i``; the left limit is None at p = 0, the right one at p = 1.
        """
        q = _number(q)
        j, ql = self._locate(self.qs, q)
        m = len(self.ps) - 1
        out = []
        if ql:
            for i, p in enumerate(self.ps):
                out.append((p, self.V[i][j], self.H[i - 1][j][1] if i else None, self.H[i][j][0] if i < m else None))
            return out
        t = (q - self.qs[j]) / (self.qs[j + 1] - self.qs[j])
        for i, p in enumerate(self.ps):
            lo, hi = self.E[i][j]
            left = lerp(self.C[i - 1][j][1], self.C[i - 1][j][3], t) if i else None
            right = lerp(self.C[i][j][0], self.C[i][j][2], t) if i < m else None
            out.append((p, lerp(lo, hi, t), left, right))
        return out

    # -- refinement and simplification -----------------------------------------------
    def _insert_p(self, x: Fraction) -> "Grid":
        i, on = self._locate(self.ps, x)
        if on:
            return self
        t = (x - self.ps[i]) / (self.ps[i + 1] - self.ps[i])
        n = len(self.qs) - 1
        V = self.V[: i + 1] + [[lerp(*self.H[i][j], t) for j in range(n + 1)]] + self.V[i + 1:]
        newE = [(lerp(self.C[i][j][0], self.C[i][j][1], t), lerp(self.C[i][j][2], self.C[i][j][3], t)) for j in range(n)]
        E = self.E[: i + 1] + [newE] + self.E[i + 1:]
        Hl = [(self.H[i][j][0], V[i + 1][j]) for j in range(n + 1)]
        Hr = [(V[i + 1][j], self.H[i][j][1]) for j in range(n + 1)]
        Cl = [(c[0], e[0], c[2], e[1]) for c, e in zip(self.C[i], newE)]
        Cr = [(e[0], c[1], e[1], c[3]) for c, e in zip(self.C[i], newE)]
        return Grid(self.ps[: i + 1] + [x] + self.ps[i + 1:], list(self.qs), V,
                    self.H[:i] + [Hl, Hr] + self.H[i + 1:], E, self.C[:i] + [Cl, Cr] + self.C[i + 1:])

    def refine(self, ps: Iterable[Fraction] = (), qs: Iterable[Fraction] = ()) -> "Grid":
        """The same function on a finer grid (extra lines p = x for x in ps, q = y for y in qs).

        Parameters
        ----------
        ps : iterable of Fraction, optional
            Lines p = x to add (existing ones are ignored); each in [0, 1].
        qs : iterable of Fraction, optional
            Lines q = y to add.

        Returns
        -------
        Grid
            Values on the new lines are interpolated from the pieces they cut.
        """
        g = self
        for x in sorted(set(ps)):
            g = g._insert_p(_number(x))
        qs = sorted(set(qs) - set(g.qs))
        if qs:
            g = g.transpose()
            for y in qs:
                g = g._insert_p(_number(y))
            g = g.transpose()
        return g

    def _simplify_p(self) -> "Grid":
        m, n = self.shape
        ps, V, E = [self.ps[0]], [self.V[0]], [self.E[0]]
        H, C = [list(self.H[0])], [list(self.C[0])]   # the interval from the last kept line
        for i in range(1, m + 1):
            if i < m and self._removable(ps[-1], H[-1], C[-1], i):
                H[-1] = [(a[0], b[1]) for a, b in zip(H[-1], self.H[i])]
                C[-1] = [(a[0], b[1], a[2], b[3]) for a, b in zip(C[-1], self.C[i])]
                continue
            ps.append(self.ps[i])
            V.append(self.V[i])
            E.append(self.E[i])
            if i < m:
                H.append(list(self.H[i]))
                C.append(list(self.C[i]))
        return Grid(ps, list(self.qs), V, H, E, C)

    def _removable(self, x0: Fraction, Hl, Cl, i: int) -> bool:
        x1, x2 = self.ps[i], self.ps[i + 1]
        Hr, Cr = self.H[i], self.C[i]
        for j, v in enumerate(self.V[i]):
            if not (Hl[j][1] == v == Hr[j][0] and collinear(x0, Hl[j][0], x1, v, x2, Hr[j][1])):
                return False
        for j, (lo, hi) in enumerate(self.E[i]):
            a, b = Cl[j], Cr[j]
            if not (a[1] == lo == b[0] and a[3] == hi == b[2]):
                return False
            if not (collinear(x0, a[0], x1, lo, x2, b[1]) and collinear(x0, a[2], x1, hi, x2, b[3])):
                return False
        return True

    def simplify(self) -> "Grid":
        """The same function on the coarsest grid obtained by deleting lines it is bilinear across.

        Returns
        -------
        Grid
            Canonical: two simplified grids are equal iff they are the same function.
        """
        return self._simplify_p().transpose()._simplify_p().transpose()

    # -- comparison ---------------------------------------------------------------------
    def _pieces(self):
        yield from (v for col in self.V for v in col)
        yield from (x for col in self.H for e in col for x in e)
        yield from (x for col in self.E for e in col for x in e)
        yield from (x for col in self.C for c in col for x in c)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Grid):
            return NotImplemented
        return (self.ps, self.qs, self.V, self.H, self.E, self.C) == (other.ps, other.qs, other.V, other.H, other.E, other.C)

    def _common(self, other: "Grid") -> tuple["Grid", "Grid"]:
        return self.refine(other.ps, other.qs), other.refine(self.ps, self.qs)

    def same_function(self, other: "Grid") -> bool:
        """Exactly the same function (values and one-sided limits) on the whole square.

        Parameters
        ----------
        other : Grid
            Compared on the common refinement of both grids.

        Returns
        -------
        bool
        """
        a, b = self._common(other)
        return a == b

    def dominates(self, other: "Grid", component: int) -> bool:
        """Is ``self >= other`` in ``component`` at every point of the square?

        On a common grid the difference is bilinear on each closed cell and linear on each
        edge, so comparing corner limits, edge limits and vertex values decides it exactly.

        Parameters
        ----------
        other : Grid
            The function compared with.
        component : int
            Which component (0 = Sally, 1 = Bob for dialogue payoffs).

        Returns
        -------
        bool
            True iff ``self[component] >= other[component]`` everywhere, limits included.
        """
        a, b = self._common(other)
        return all(x[component] >= y[component] for x, y in zip(a._pieces(), b._pieces()))
