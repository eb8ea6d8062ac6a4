r"""Exact arithmetic in a real number field :math:`\mathbb{Q}(\theta)`, with Fractions only.

:math:`\theta` is *the* real root of a rational polynomial ``p`` inside a rational interval
``(lo, hi)``: the field checks that ``p(lo)`` and ``p(hi)`` have opposite signs (a root exists)
and, by Sturm's theorem, that ``p`` has exactly one distinct real root in ``(lo, hi]`` (so the
root is unambiguous). An element is a polynomial in :math:`\theta` of degree ``< deg p``, a
tuple of Fractions (constant term first), kept reduced modulo ``p``.

* equalities are decided exactly: an element reduced modulo ``p`` that is the zero
  polynomial is zero (``p`` need not be irreducible for this direction);
* signs of nonzero elements are decided by interval evaluation (Horner over the rational
  interval), bisecting the isolating interval until the enclosure excludes 0. If ``p`` is
  irreducible every nonzero element is decided; otherwise an undecided sign after the step
  budget raises :class:`~exactgame.errors.CertificateError` (never a wrong answer).

>>> K = NumberField([-2, 0, 1], 1, 2)          # theta = sqrt(2)
>>> t = K.theta()
>>> K.mul(t, t) == K.const(2), K.sign(K.sub(t, K.const("7/5")))
(True, 1)
>>> K.sign(K.sub(t, K.const("71/50")))
-1
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from .errors import CertificateError
from .numbers import fmt, to_fraction

__all__ = ["NumberField", "Element", "poly_eval", "sturm_count"]

Element = tuple[Fraction, ...]
Poly = list[Fraction]  # constant term first


def _trim(p: Sequence[Fraction]) -> Poly:
    p = list(p)
    while p and p[-1] == 0:
        p.pop()
    return p


def poly_eval(p: Sequence[Fraction], x: Fraction) -> Fraction:
    """Value of the polynomial ``p(x) = sum_i p[i] x**i`` by Horner's rule.

    Parameters
    ----------
    p : sequence of Fraction
        coefficients, constant term first (``[]`` is the zero polynomial).
    x : Fraction
        the point.

    Returns
    -------
    Fraction
        ``p(x)``, exactly.

    >>> poly_eval([Fraction(-2), Fraction(0), Fraction(1)], Fraction(3, 2))   # x**2 - 2
    Fraction(1, 4)
    """
    r = Fraction(0)
    for c in reversed(p):
        r = r * x + c
    return r


def _divmod(a: Sequence[Fraction], b: Sequence[Fraction]) -> tuple[Poly, Poly]:
    a, b = _trim(a), _trim(b)
    if not b:
        raise ZeroDivisionError("polynomial division by zero")
    q = [Fraction(0)] * max(len(a) - len(b) + 1, 0)
    r = list(a)
    lead = b[-1]
    while len(r) >= len(b) and r:
        k = len(r) - len(b)
        c = r[-1] / lead
        q[k] = c
        for i, bc in enumerate(b):
            r[k + i] -= c * bc
        r = _trim(r)
    return q, r


def _mul(a: Sequence[Fraction], b: Sequence[Fraction]) -> Poly:
    if not a or not b:
        return []
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                if y:
                    out[i + j] += x * y
    return out


def _sub(a: Sequence[Fraction], b: Sequence[Fraction]) -> Poly:
    n = max(len(a), len(b))
    zero = Fraction(0)
    return _trim([(a[i] if i < len(a) else zero) - (b[i] if i < len(b) else zero) for i in range(n)])


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def sturm_count(p: Sequence[Fraction], lo: Fraction, hi: Fraction) -> int:
    """Number of distinct real roots of ``p`` in ``(lo, hi]`` (Sturm's theorem).

    The Sturm sequence is ``p, p', -rem(p, p'), ...``; the count is ``V(lo) - V(hi)``
    with ``V(x)`` the number of sign changes of the sequence at ``x`` (zeros skipped).

    Parameters
    ----------
    p : sequence of Fraction
        coefficients, constant term first; nonzero.
    lo, hi : Fraction
        the interval ends, ``lo < hi``.

    Returns
    -------
    int
        the number of distinct roots (a multiple root counts once).

    >>> F = Fraction
    >>> sturm_count([F(-2), F(0), F(1)], F(0), F(2)), sturm_count([F(-2), F(0), F(1)], F(-2), F(2))
    (1, 2)
    >>> sturm_count([F(1), F(-2), F(1)], F(0), F(2))          # (x - 1)**2: one distinct root
    1
    """
    p = _trim(p)
    deriv = [i * c for i, c in enumerate(p)][1:]
    seq = [p, _trim(deriv)]
    while seq[-1] and len(seq[-1]) > 1:
        _, r = _divmod(seq[-2], seq[-1])
        if not r:
            break
        seq.append([-c for c in r])

    def changes(x):
        signs = [s for s in (_sign(poly_eval(q, x)) for q in seq if q) if s]
        return sum(1 for a, b in zip(signs, signs[1:]) if a != b)

    return changes(lo) - changes(hi)


class NumberField:
    r""":math:`\mathbb{Q}(\theta)`, :math:`\theta` the unique real root of ``poly`` in ``(lo, hi)``.

    The polynomial is stored monic (divided by its leading coefficient) in ``poly``; the
    given interval is kept in ``lo0, hi0`` and the working isolating interval shrinks as
    signs are decided (:meth:`refine`). Elements are tuples of ``degree`` Fractions.

    Parameters
    ----------
    poly : sequence of exact numbers
        coefficients, constant term first (degree >= 1).
    lo, hi : exact numbers
        an isolating interval: ``lo < hi``, ``poly(lo) * poly(hi) < 0`` and exactly one
        distinct real root of ``poly`` in ``(lo, hi]``.

    Raises
    ------
    CertificateError
        if the degree is below 1, ``lo >= hi``, ``poly`` has no sign change on the interval,
        or the interval holds more than one root.

    >>> K = NumberField([-4, 0, 2], 1, 2)          # 2 x**2 - 4: theta = sqrt(2)
    >>> K.poly, K.degree, K.to_dict()
    ([Fraction(-2, 1), Fraction(0, 1), Fraction(1, 1)], 2, {'polynomial': ['-2', '0', '1'], 'interval': ['1', '2']})
    >>> K.inverse(K.theta())                       # 1/sqrt(2) = sqrt(2)/2
    (Fraction(0, 1), Fraction(1, 2))
    >>> NumberField([-2, 0, 1], -2, 2)
    Traceback (most recent call last):
    ...
    exactgame.errors.CertificateError: number field: the polynomial does not change sign on the interval
    """

    MAX_BISECTIONS = 4000

    def __init__(self, poly: Sequence, lo, hi):
        p = _trim([to_fraction(c, where="NumberField: polynomial") for c in poly])
        if len(p) < 2:
            raise CertificateError("number field: the polynomial must have degree >= 1")
        lead = p[-1]
        self.poly: Poly = [c / lead for c in p]
        self.degree = len(self.poly) - 1
        lo, hi = to_fraction(lo, where="NumberField: lo"), to_fraction(hi, where="NumberField: hi")
        if not lo < hi:
            raise CertificateError("number field: the isolating interval must have lo < hi")
        plo, phi = poly_eval(self.poly, lo), poly_eval(self.poly, hi)
        if not plo * phi < 0:
            raise CertificateError("number field: the polynomial does not change sign on the interval")
        if sturm_count(self.poly, lo, hi) != 1:
            raise CertificateError("number field: the interval holds more than one root of the polynomial")
        self.lo0, self.hi0 = lo, hi
        self._lo, self._hi, self._slo = lo, hi, _sign(plo)
        self._exact: Fraction | None = None  # set if a bisection point is the root itself

    # -- elements -----------------------------------------------------------------------
    def reduce(self, q: Sequence[Fraction]) -> Element:
        """The element ``q(theta)``: ``q`` reduced modulo ``poly``.

        Parameters
        ----------
        q : sequence of Fraction
            a polynomial in theta of any degree, constant term first.

        Returns
        -------
        Element
            the remainder of ``q`` by ``poly``, padded with zeros to ``degree`` entries.
        """
        q = _trim([Fraction(c) for c in q])
        if len(q) > self.degree:
            _, q = _divmod(q, self.poly)
        return tuple(q) + (Fraction(0),) * (self.degree - len(q))

    def const(self, c) -> Element:
        """The rational number ``c`` as an element.

        Parameters
        ----------
        c : exact number
            anything :func:`~exactgame.numbers.to_fraction` accepts.

        Returns
        -------
        Element
            ``(c, 0, ..., 0)``.
        """
        return self.reduce([to_fraction(c, where="NumberField.const")])

    def theta(self) -> Element:
        """The generator theta as an element.

        Returns
        -------
        Element
            ``(0, 1, 0, ...)`` (for degree 1, theta reduced to the rational root).
        """
        return self.reduce([Fraction(0), Fraction(1)])

    def element(self, coefficients: Sequence) -> Element:
        """The element ``sum_i coefficients[i] * theta**i``.

        Parameters
        ----------
        coefficients : sequence of exact numbers
            constant term first, any length.

        Returns
        -------
        Element
            the reduced element.
        """
        return self.reduce([to_fraction(c, where="NumberField.element") for c in coefficients])

    def add(self, a: Element, b: Element) -> Element:
        """The sum ``a + b``.

        Parameters
        ----------
        a, b : Element
            elements of this field.

        Returns
        -------
        Element
            coefficientwise sum.
        """
        return tuple(x + y for x, y in zip(a, b))

    def sub(self, a: Element, b: Element) -> Element:
        """The difference ``a - b``.

        Parameters
        ----------
        a, b : Element
            elements of this field.

        Returns
        -------
        Element
            coefficientwise difference.
        """
        return tuple(x - y for x, y in zip(a, b))

    def scale(self, c: Fraction, a: Element) -> Element:
        """The product ``c * a`` of a rational and an element.

        Parameters
        ----------
        c : Fraction
            the rational factor.
        a : Element
            the element.

        Returns
        -------
        Element
            every coefficient times ``c``.
        """
        return tuple(c * x for x in a)

    def mul(self, a: Element, b: Element) -> Element:
        """The product ``a * b``, reduced modulo ``poly``.

        Parameters
        ----------
        a, b : Element
            elements of this field.

        Returns
        -------
        Element
            the reduced product.
        """
        return self.reduce(_mul(_trim(a), _trim(b)))

    def linear(self, coefficients: Sequence[Fraction], elements: Sequence[Element]) -> Element:
        """The combination ``sum_k coefficients[k] * elements[k]`` with rational coefficients.

        Parameters
        ----------
        coefficients : sequence of Fraction
            the rational weights.
        elements : sequence of Element
            the elements, paired with ``coefficients`` (extra entries of the longer are ignored).

        Returns
        -------
        Element
            the combination (already reduced: no multiplication of elements).
        """
        out = [Fraction(0)] * self.degree
        for c, e in zip(coefficients, elements):
            if c:
                for i, x in enumerate(e):
                    if x:
                        out[i] += c * x
        return tuple(out)

    def inverse(self, a: Element) -> Element:
        """The inverse ``1/a`` by the extended Euclidean algorithm on ``(poly, a)``.

        Parameters
        ----------
        a : Element
            a nonzero element with ``gcd(a, poly) = 1`` (always so when ``poly`` is irreducible).

        Returns
        -------
        Element
            ``b`` with ``a * b = 1`` modulo ``poly``.

        Raises
        ------
        ZeroDivisionError
            for ``a = 0``, or when ``a`` shares a factor with ``poly``.
        """
        r0, r1 = list(self.poly), _trim(a)
        s0, s1 = [], [Fraction(1)]
        if not r1:
            raise ZeroDivisionError("number field: inverse of zero")
        while len(r1) > 1:
            q, r = _divmod(r0, r1)
            r0, r1 = r1, r
            s0, s1 = s1, _sub(s0, _mul(q, s1))
            if not r1:
                raise ZeroDivisionError("number field: the element shares a factor with the polynomial")
        c = r1[0]
        return self.reduce([x / c for x in s1])

    def is_zero(self, a: Element) -> bool:
        """Whether ``a`` is zero (exact: every coefficient of the reduced form is 0).

        Parameters
        ----------
        a : Element
            a reduced element.

        Returns
        -------
        bool
            True iff ``a`` is the zero polynomial.
        """
        return not any(a)

    # -- real embedding -------------------------------------------------------------------
    def interval(self) -> tuple[Fraction, Fraction]:
        """The current isolating interval of theta (refined by sign decisions).

        Returns
        -------
        tuple of Fraction
            ``(lo, hi)`` with theta in ``(lo, hi]``, or ``(theta, theta)`` once a bisection
            point was found to be theta itself.
        """
        if self._exact is not None:
            return self._exact, self._exact
        return self._lo, self._hi

    def refine(self) -> None:
        """Halve the isolating interval."""
        if self._exact is not None:
            return
        mid = (self._lo + self._hi) / 2
        s = _sign(poly_eval(self.poly, mid))
        if s == 0:
            self._exact = mid
        elif s == self._slo:
            self._lo = mid
        else:
            self._hi = mid

    def refine_to(self, width: Fraction) -> None:
        """Halve the isolating interval until it is at most ``width`` wide (or theta is exact).

        Parameters
        ----------
        width : Fraction
            the target width, positive.
        """
        while self._exact is None and self._hi - self._lo > width:
            self.refine()

    def enclose(self, a: Element) -> tuple[Fraction, Fraction]:
        """A rational interval holding the value of ``a`` at theta.

        Horner's rule in interval arithmetic over the current isolating interval; no
        refinement is done here.

        Parameters
        ----------
        a : Element
            the element.

        Returns
        -------
        tuple of Fraction
            ``(lo, hi)`` with ``lo <= a(theta) <= hi``.
        """
        lo, hi = self.interval()
        rlo = rhi = Fraction(0)
        for c in reversed(a):
            prods = (rlo * lo, rlo * hi, rhi * lo, rhi * hi)
            rlo, rhi = min(prods) + c, max(prods) + c
        return rlo, rhi

    def sign(self, a: Element) -> int:
        """The exact sign of ``a`` at theta.

        Zero is decided exactly (the reduced form is 0); otherwise theta's interval is
        bisected until the enclosure of ``a`` excludes 0, at most :attr:`MAX_BISECTIONS` times.

        Parameters
        ----------
        a : Element
            a reduced element.

        Returns
        -------
        int
            -1, 0 or 1.

        Raises
        ------
        CertificateError
            if the sign is still undecided after the bisection budget (possible only when
            ``poly`` is reducible and ``a`` vanishes at theta without being 0).
        """
        if self.is_zero(a):
            return 0
        for _ in range(self.MAX_BISECTIONS):
            lo, hi = self.enclose(a)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            if self._exact is not None:
                return _sign(poly_eval(list(a), self._exact))
            self.refine()
        raise CertificateError("number field: could not decide the sign of an element (is the polynomial irreducible?)")

    def approx(self, a: Element, width: Fraction = Fraction(1, 10**40)) -> tuple[Fraction, Fraction]:
        """An enclosure of ``a`` of width at most ``width`` (refining theta as needed).

        Parameters
        ----------
        a : Element
            the element.
        width : Fraction, optional
            the largest width accepted (default ``10**-40``).

        Returns
        -------
        tuple of Fraction
            ``(lo, hi)`` with ``lo <= a(theta) <= hi`` and ``hi - lo <= width`` (or a
            point interval's image once theta is exact).

        Raises
        ------
        CertificateError
            if :attr:`MAX_BISECTIONS` halvings do not reach the width.
        """
        for _ in range(self.MAX_BISECTIONS):
            lo, hi = self.enclose(a)
            if hi - lo <= width or self._exact is not None:
                return lo, hi
            self.refine()
        raise CertificateError("number field: could not enclose an element tightly enough")

    def to_float(self, a: Element) -> float:
        """A float near ``a`` for display and float proposals only (never an answer).

        Parameters
        ----------
        a : Element
            the element.

        Returns
        -------
        float
            the midpoint of an enclosure of width ``10**-20``, rounded to a float.
        """
        lo, hi = self.approx(a, Fraction(1, 10**20))
        return float((lo + hi) / 2)  # float-ok: display and float proposals only

    def to_dict(self) -> dict:
        """JSON of the field: the monic polynomial and the isolating interval as given.

        Returns
        -------
        dict
            ``{"polynomial": [exact strings, constant term first], "interval": [lo, hi]}``.
        """
        return {"polynomial": [fmt(c) for c in self.poly], "interval": [fmt(self.lo0), fmt(self.hi0)]}
