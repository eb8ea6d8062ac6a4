r"""Rigorous enclosures of smooth functions of two variables: second-order forward
differentiation over python-flint ``arb`` balls, and the Krawczyk test.

:class:`Jet` carries :math:`(f, \nabla f, \nabla^2 f)` of an expression in two variables;
with ball inputs every component is a ball containing the true range over the box, so a
Jet evaluated on a box bounds the function, its gradient and its Hessian there.

**Krawczyk test.** For a box :math:`X` with midpoint :math:`c`, any matrix :math:`Y`
(here an approximate inverse of the midpoint Jacobian) and :math:`g = \nabla f`,

.. math:: K(X) = c - Y g(c) + (I - Y\, \nabla^2 f(X))(X - c).

If :math:`K(X) \subset \operatorname{int} X` then :math:`g` has exactly one zero in
:math:`X` (Krawczyk 1969, Moore 1977): :math:`K` is then a contraction of :math:`X`.

>>> from flint import arb
>>> x, y = Jet.variable(arb(2), 0), Jet.variable(arb(3), 1)
>>> f = x * x * y + (x / y).log()
>>> f.grad[0].contains(arb(25) / 2), f.hess[0][1].contains(4)   # d/dx = 2xy + 1/x; d2/dxdy = 2x
(True, True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from flint import arb

from .logexp import to_arb

__all__ = ["Jet", "Grad", "krawczyk", "box"]


def box(lo: Fraction, hi: Fraction) -> arb:
    """A ball containing the interval ``[lo, hi]`` (the union of the balls of the ends).

    Parameters
    ----------
    lo, hi : Fraction
        the interval ends, ``lo <= hi``.

    Returns
    -------
    arb
        a ball containing every point of ``[lo, hi]`` (possibly a little wider).

    >>> from flint import arb
    >>> b = box(Fraction(1, 3), Fraction(1, 2))
    >>> b.contains(to_arb(Fraction(1, 3))), b.contains(arb(5) / 12), b.contains(1)
    (True, True, False)
    """
    return to_arb(lo).union(to_arb(hi))


class Jet:
    """Value, gradient and Hessian of a function of two variables, as balls.

    Arithmetic (``+ - * /``, also with ints and balls), :meth:`reciprocal` and :meth:`log`
    apply the sum, product and chain rules to second order, e.g. for ``h = f * g``:
    ``hess_ij = f_ij g + f_i g_j + f_j g_i + f g_ij``.

    Parameters
    ----------
    val : arb
        the value.
    grad : sequence of 2 arb
        the first partial derivatives.
    hess : 2 x 2 nested sequence of arb
        the second partial derivatives.

    >>> from flint import arb
    >>> x, y = Jet.variable(arb(1), 0), Jet.variable(arb(2), 1)
    >>> f = 3 * x * y - x / y                   # f_x = 3y - 1/y, f_xy = 3 + 1/y**2, f_yy = -2x/y**3
    >>> f.val.contains(arb(11) / 2), f.grad[0].contains(arb(11) / 2), f.hess[0][1].contains(arb(13) / 4)
    (True, True, True)
    >>> f.hess[1][1].contains(-arb(1) / 4)
    True
    """

    __slots__ = ("val", "grad", "hess")

    def __init__(self, val: arb, grad: Sequence[arb], hess: Sequence[Sequence[arb]]):
        self.val, self.grad, self.hess = val, list(grad), [list(r) for r in hess]

    @classmethod
    def variable(cls, x: arb, index: int) -> "Jet":
        """The coordinate function number ``index`` at the ball ``x``.

        Parameters
        ----------
        x : arb
            the value (or range) of the variable.
        index : int
            0 or 1.

        Returns
        -------
        Jet
            value ``x``, gradient the unit vector ``e_index``, Hessian 0.
        """
        g = [arb(0), arb(0)]
        g[index] = arb(1)
        return cls(x, g, [[arb(0), arb(0)], [arb(0), arb(0)]])

    @classmethod
    def const(cls, c: arb) -> "Jet":
        """A constant function.

        Parameters
        ----------
        c : arb or int
            the constant.

        Returns
        -------
        Jet
            value ``c``, gradient and Hessian 0.
        """
        return cls(arb(c), [arb(0), arb(0)], [[arb(0), arb(0)], [arb(0), arb(0)]])

    @staticmethod
    def lift(x: "Jet | arb | int") -> "Jet":
        """A Jet as it is, or a number as a constant Jet.

        Parameters
        ----------
        x : Jet, arb or int
            the operand.

        Returns
        -------
        Jet
            ``x`` itself, or :meth:`const` of it.
        """
        return x if isinstance(x, Jet) else Jet.const(arb(x))

    def __add__(self, o) -> "Jet":
        o = Jet.lift(o)
        return Jet(self.val + o.val, [a + b for a, b in zip(self.grad, o.grad)],
                   [[self.hess[i][j] + o.hess[i][j] for j in range(2)] for i in range(2)])

    __radd__ = __add__

    def __neg__(self) -> "Jet":
        return Jet(-self.val, [-a for a in self.grad], [[-x for x in r] for r in self.hess])

    def __sub__(self, o) -> "Jet":
        return self + (-Jet.lift(o))

    def __rsub__(self, o) -> "Jet":
        return Jet.lift(o) - self

    def __mul__(self, o) -> "Jet":
        o = Jet.lift(o)
        f, g = self, o
        return Jet(f.val * g.val, [f.grad[i] * g.val + f.val * g.grad[i] for i in range(2)],
                   [[f.hess[i][j] * g.val + f.grad[i] * g.grad[j] + f.grad[j] * g.grad[i] + f.val * g.hess[i][j]
                     for j in range(2)] for i in range(2)])

    __rmul__ = __mul__

    def _compose(self, f0: arb, f1: arb, f2: arb) -> "Jet":
        """:math:`\\phi \\circ` self with :math:`\\phi, \\phi', \\phi''` = ``f0, f1, f2`` at self.val."""
        return Jet(f0, [f1 * g for g in self.grad],
                   [[f1 * self.hess[i][j] + f2 * self.grad[i] * self.grad[j] for j in range(2)] for i in range(2)])

    def reciprocal(self) -> "Jet":
        """The function ``1/f`` (chain rule with ``phi = 1/v``, ``phi' = -1/v**2``, ``phi'' = 2/v**3``).

        Returns
        -------
        Jet
            the reciprocal; its balls are infinite when ``val`` contains 0.
        """
        v = self.val
        return self._compose(1 / v, -1 / (v * v), 2 / (v * v * v))

    def __truediv__(self, o) -> "Jet":
        return self * Jet.lift(o).reciprocal()

    def __rtruediv__(self, o) -> "Jet":
        return Jet.lift(o) * self.reciprocal()

    def log(self) -> "Jet":
        """The function ``log f`` (chain rule with ``phi' = 1/v``, ``phi'' = -1/v**2``).

        Returns
        -------
        Jet
            the logarithm; its balls are not finite unless ``val`` is positive.
        """
        v = self.val
        return self._compose(v.log(), 1 / v, -1 / (v * v))


def krawczyk(gradient_at_center: Sequence[arb], hessian_on_box: Sequence[Sequence[arb]], center: Sequence[Fraction],
             radius: Fraction) -> bool:
    """True if :math:`K(X) \\subset \\operatorname{int} X` for the square box of the given center and radius.

    ``X = [c_0 - r, c_0 + r] x [c_1 - r, c_1 + r]``; ``Y`` is the inverse of the midpoint
    matrix of ``hessian_on_box``, rounded to midpoints (any ``Y`` keeps the test sound). True
    proves that the gradient ``g`` has exactly one zero in ``X`` (see the module text); False
    proves nothing (also returned when the midpoint matrix looks singular).

    Parameters
    ----------
    gradient_at_center : sequence of 2 arb
        balls containing ``g(c)``.
    hessian_on_box : 2 x 2 nested sequence of arb
        balls containing the range of the Jacobian of ``g`` (the Hessian of ``f``) over ``X``.
    center : sequence of 2 Fraction
        the center ``c``.
    radius : Fraction
        the half width ``r > 0``.

    Returns
    -------
    bool
        True iff every component of ``K(X) - c`` lies strictly inside ``(-r, r)``.

    >>> F = Fraction
    >>> def f(x, y):                     # grad f = (2x + y - 3, x + 2y) vanishes at (2, -1)
    ...     return x * x + x * y + y * y - 3 * x
    >>> c, r = (F(201, 100), F(-1)), F(1, 10)
    >>> at_c = f(Jet.variable(to_arb(c[0]), 0), Jet.variable(to_arb(c[1]), 1))
    >>> on_box = f(Jet.variable(box(c[0] - r, c[0] + r), 0), Jet.variable(box(c[1] - r, c[1] + r), 1))
    >>> krawczyk(at_c.grad, on_box.hess, c, r), krawczyk(at_c.grad, on_box.hess, c, F(1, 1000))
    (True, False)
    """
    H = hessian_on_box
    m = [[H[i][j].mid() for j in range(2)] for i in range(2)]
    det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    if det.contains(0):
        return False
    Y = [[(m[1][1] / det).mid(), (-m[0][1] / det).mid()], [(-m[1][0] / det).mid(), (m[0][0] / det).mid()]]
    r = box(-radius, radius)
    for i in range(2):
        k = -(Y[i][0] * gradient_at_center[0] + Y[i][1] * gradient_at_center[1])
        for j in range(2):
            M = (1 if i == j else 0) - (Y[i][0] * H[0][j] + Y[i][1] * H[1][j])
            k += M * r
        if not (k > -to_arb(radius) and k < to_arb(radius)):
            return False
    return True


class Grad:
    r"""Value and gradient of a function of ``n`` variables, as balls (first-order forward mode).

    Evaluated on a box, ``val`` and every ``grad[i]`` contain the true ranges there, so the mean
    value form :math:`f(X) \subseteq f(c) + \sum_i \partial_i f(X) (X_i - c_i)` bounds :math:`f` on
    the box to second order in its width.

    >>> from flint import arb
    >>> x, y, z = (Grad.variable(arb(v), i, 3) for i, v in enumerate((1, 2, 4)))
    >>> f = (x * y / z).log() + x
    >>> [g.contains(c) for g, c in zip(f.grad, (2, arb(1) / 2, -arb(1) / 4))]
    [True, True, True]
    """

    __slots__ = ("val", "grad")

    def __init__(self, val: arb, grad: Sequence[arb]):
        self.val, self.grad = val, list(grad)

    @classmethod
    def variable(cls, x: arb, index: int, n: int) -> "Grad":
        """The coordinate function number ``index`` of ``n`` at the ball ``x``.

        Parameters
        ----------
        x : arb
            the value (or range) of the variable.
        index : int
            which variable, ``0 <= index < n``.
        n : int
            the number of variables.

        Returns
        -------
        Grad
            value ``x``, gradient the unit vector ``e_index``.
        """
        g = [arb(0)] * n
        g[index] = arb(1)
        return cls(x, g)

    def lift(self, o) -> "Grad":
        """A Grad as it is, or a number as a constant with as many variables as ``self``.

        Parameters
        ----------
        o : Grad, int, Fraction or arb
            the operand; ints and Fractions are enclosed exactly (:func:`~exactgame.logexp.to_arb`).

        Returns
        -------
        Grad
            ``o`` itself, or a constant with gradient 0.
        """
        if isinstance(o, Grad):
            return o
        return Grad(to_arb(o) if isinstance(o, (int, Fraction)) else arb(o), [arb(0)] * len(self.grad))

    def __add__(self, o) -> "Grad":
        o = self.lift(o)
        return Grad(self.val + o.val, [a + b for a, b in zip(self.grad, o.grad)])

    __radd__ = __add__

    def __neg__(self) -> "Grad":
        return Grad(-self.val, [-a for a in self.grad])

    def __sub__(self, o) -> "Grad":
        return self + (-self.lift(o))

    def __rsub__(self, o) -> "Grad":
        return self.lift(o) - self

    def __mul__(self, o) -> "Grad":
        o = self.lift(o)
        return Grad(self.val * o.val, [a * o.val + self.val * b for a, b in zip(self.grad, o.grad)])

    __rmul__ = __mul__

    def __truediv__(self, o) -> "Grad":
        o = self.lift(o)
        inv = 1 / o.val
        return Grad(self.val * inv, [(a - self.val * inv * b) * inv for a, b in zip(self.grad, o.grad)])

    def __rtruediv__(self, o) -> "Grad":
        return self.lift(o) / self

    def log(self) -> "Grad":
        """The function ``log f``, with gradient ``grad f / f``.

        Returns
        -------
        Grad
            the logarithm; its balls are not finite unless ``val`` is positive.
        """
        return Grad(self.val.log(), [a / self.val for a in self.grad])
