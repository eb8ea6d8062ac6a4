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
    """Horner evaluation (constant term first)."""
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


def _sub(a, b) -> Poly:
    n = max(len(a), len(b))
    return _trim([(a[i] if i < len(a) else 0) - (b[i] if i < len(b) else 0) for i in range(n)])


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def sturm_count(p: Sequence[Fraction], lo: Fraction, hi: Fraction) -> int:
    """Number of distinct real roots of ``p`` in ``(lo, hi]`` (Sturm's theorem)."""
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

    Parameters
    ----------
    poly : sequence of exact numbers, constant term first (degree >= 1)
    lo, hi : exact numbers with ``poly(lo) * poly(hi) < 0``

    Raises
    ------
    CertificateError
        if the interval does not isolate exactly one root.
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
        q = _trim([Fraction(c) for c in q])
        if len(q) > self.degree:
            _, q = _divmod(q, self.poly)
        return tuple(q) + (Fraction(0),) * (self.degree - len(q))

    def const(self, c) -> Element:
        return self.reduce([to_fraction(c, where="NumberField.const")])

    def theta(self) -> Element:
        return self.reduce([Fraction(0), Fraction(1)])

    def element(self, coefficients: Sequence) -> Element:
        return self.reduce([to_fraction(c, where="NumberField.element") for c in coefficients])

    def add(self, a: Element, b: Element) -> Element:
        return tuple(x + y for x, y in zip(a, b))

    def sub(self, a: Element, b: Element) -> Element:
        return tuple(x - y for x, y in zip(a, b))

    def scale(self, c: Fraction, a: Element) -> Element:
        return tuple(c * x for x in a)

    def mul(self, a: Element, b: Element) -> Element:
        return self.reduce(_mul(_trim(a), _trim(b)))

    def linear(self, coefficients: Sequence[Fraction], elements: Sequence[Element]) -> Element:
        """sum_k coefficients[k] * elements[k] (rational coefficients)."""
        out = [Fraction(0)] * self.degree
        for c, e in zip(coefficients, elements):
            if c:
                for i, x in enumerate(e):
                    if x:
                        out[i] += c * x
        return tuple(out)

    def inverse(self, a: Element) -> Element:
        """1/a by the extended Euclidean algorithm (needs gcd(a, p) = 1)."""
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
        return not any(a)

    # -- real embedding -------------------------------------------------------------------
    def interval(self) -> tuple[Fraction, Fraction]:
        """The current isolating interval of theta (refined by sign decisions)."""
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
        while self._exact is None and self._hi - self._lo > width:
            self.refine()

    def enclose(self, a: Element) -> tuple[Fraction, Fraction]:
        """A rational interval holding the value of ``a`` at theta."""
        lo, hi = self.interval()
        rlo = rhi = Fraction(0)
        for c in reversed(a):
            prods = (rlo * lo, rlo * hi, rhi * lo, rhi * hi)
            rlo, rhi = min(prods) + c, max(prods) + c
        return rlo, rhi

    def sign(self, a: Element) -> int:
        """The exact sign of ``a`` at theta (-1, 0, 1)."""
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
        """An enclosure of ``a`` of width at most ``width`` (refining theta as needed)."""
        for _ in range(self.MAX_BISECTIONS):
            lo, hi = self.enclose(a)
            if hi - lo <= width or self._exact is not None:
                return lo, hi
            self.refine()
        raise CertificateError("number field: could not enclose an element tightly enough")

    def to_float(self, a: Element) -> float:
        lo, hi = self.approx(a, Fraction(1, 10**20))
        return float((lo + hi) / 2)  # float-ok: display and float proposals only

    def to_dict(self) -> dict:
        return {"polynomial": [fmt(c) for c in self.poly], "interval": [fmt(self.lo0), fmt(self.hi0)]}
