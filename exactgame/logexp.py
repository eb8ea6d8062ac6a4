r"""Certified arithmetic with logarithms and exponentials of rationals.

Entropy costs put :math:`\log` and :math:`\exp` of rational numbers into answers. This
module decides comparisons between such numbers *rigorously*:

* :class:`LogLinear` is :math:`r + \sum_k c_k \log x_k` with rationals :math:`r, c_k` and
  positive rationals :math:`x_k`. Its sign is decided exactly when it is zero and by ball
  arithmetic otherwise.
* :class:`ExpSum` is :math:`\sum_k c_k e^{r_k}` with rationals :math:`c_k, r_k`; same.

**Zero test for LogLinear (exact).** Refine the numerators and denominators of the
:math:`x_k` into a *coprime basis* :math:`p_1, \dots, p_m` (pairwise coprime integers
:math:`> 1`, Bernstein's factor refinement: replace :math:`a, b` by :math:`a/g, b/g, g`,
:math:`g = \gcd(a, b)`, until no two share a factor; the product falls at every step).
Then :math:`x_k = \prod_i p_i^{e_{ki}}` with integers :math:`e_{ki}` and

.. math:: r + \sum_k c_k \log x_k = r + \sum_i d_i \log p_i, \qquad d_i = \sum_k c_k e_{ki}.

Pairwise coprime integers are multiplicatively independent (unique factorisation), so the
:math:`\log p_i` are linearly independent over :math:`\mathbb{Q}`; and if the sum is zero
then :math:`e^{-r} = \prod_i p_i^{d_i}` is algebraic, which by the Hermite-Lindemann
theorem forces :math:`r = 0`. Hence the expression is zero **iff** :math:`r = 0` and every
:math:`d_i = 0`: an exact test in rational arithmetic, with no huge powers. For example
:math:`\log 2 + \log 3 - \log 6` has basis :math:`\{2, 3\}` and :math:`d = (0, 0)`.

**Zero test for ExpSum (exact).** Group the terms by exponent. By the Lindemann-Weierstrass
theorem, :math:`e^{r_1}, \dots, e^{r_n}` for distinct rationals (algebraic numbers) are
linearly independent over the algebraic numbers, so the sum is zero **iff** every group's
coefficients add up to zero.

**Sign of a nonzero value.** Evaluate it in python-flint's ``arb`` ball arithmetic (every
operation returns a ball that provably contains the true value) at 64, 128, 256, ... bits
until the ball excludes zero. A nonzero value is separated from zero at some finite
precision, so the loop ends; it is capped at :data:`MAX_PRECISION` bits (then
:class:`~exactgame.errors.TooLargeError`).

An :class:`Enclosure` is the resulting proof: exact rational (dyadic) bounds ``lo <= value
<= hi``.

>>> two_three = LogLinear.log(2) + LogLinear.log(3)
>>> (two_three - LogLinear.log(6)).is_zero()
True
>>> (two_three - LogLinear.log(6)).sign()
0
>>> (LogLinear.log(2) * 3 - LogLinear.log(8) + Fraction(1, 10**40)).sign()   # 3 log 2 - log 8 + 1e-40 > 0
1
>>> ExpSum([(1, 0), (-1, 0)]).sign(), ExpSum([(1, 1), (-3, 0)]).sign()          # e - 3 < 0
(0, -1)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Sequence

from flint import arb, ctx, fmpq

from .errors import InputError, InternalError, TooLargeError
from .numbers import fmt, to_fraction

__all__ = ["LogLinear", "ExpSum", "Enclosure", "coprime_basis", "to_arb", "arb_to_enclosure", "MAX_PRECISION"]

#: Largest working precision (bits) tried before a comparison is refused.
MAX_PRECISION = 1 << 16

#: Largest |exponent| accepted in an ExpSum (e**(10**7) has 4.3 million decimal digits).
MAX_EXPONENT = 10**7


def to_arb(q: Fraction | int) -> arb:
    """A ball containing the rational ``q`` at the current working precision.

    Parameters
    ----------
    q : Fraction or int
        the rational.

    Returns
    -------
    arb
        a ball containing ``q`` (exact, radius 0, when ``q`` is dyadic and fits the precision).

    >>> to_arb(Fraction(3, 4)).is_exact(), to_arb(Fraction(1, 3)).contains(to_arb(Fraction(1, 3)))
    (True, True)
    """
    q = Fraction(q)
    return arb(fmpq(q.numerator, q.denominator))


def _arf_to_fraction(x: arb) -> Fraction:
    m, e = x.man_exp()
    man, exp = int(m), int(e)
    return Fraction(man * 2**exp) if exp >= 0 else Fraction(man, 2**-exp)


@dataclass(frozen=True)
class Enclosure:
    """Rigorous rational bounds ``lo <= value <= hi`` (``lo == hi`` means the value is that rational).

    >>> e = Enclosure(Fraction(1), Fraction(2))
    >>> e.sign, e.width, e.contains(Fraction(3, 2))
    (1, Fraction(1, 1), True)
    """

    lo: Fraction
    hi: Fraction

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise InternalError(f"empty enclosure [{self.lo}, {self.hi}]")

    @property
    def sign(self) -> int | None:
        """+1, -1 or 0 if the enclosure proves it; None if it straddles zero."""
        if self.lo > 0:
            return 1
        if self.hi < 0:
            return -1
        if self.lo == self.hi == 0:
            return 0
        return None

    @property
    def width(self) -> Fraction:
        """``hi - lo``."""
        return self.hi - self.lo

    @property
    def mid(self) -> Fraction:
        """``(lo + hi) / 2``."""
        return (self.lo + self.hi) / 2

    def contains(self, x: Fraction) -> bool:
        """Whether ``lo <= x <= hi``.

        Parameters
        ----------
        x : Fraction
            the rational.

        Returns
        -------
        bool
            True iff ``x`` lies in the closed interval.
        """
        return self.lo <= x <= self.hi

    def __neg__(self) -> "Enclosure":
        return Enclosure(-self.hi, -self.lo)

    def __add__(self, other: "Enclosure") -> "Enclosure":
        return Enclosure(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: "Enclosure") -> "Enclosure":
        return self + (-other)

    def encloses(self, expr: "LogLinear | ExpSum") -> bool:
        """Does the enclosure provably contain the value of ``expr``?

        An exactly zero (or rational) ``expr`` is compared exactly; otherwise ``expr`` is
        evaluated in balls at 128, 256, ... bits up to :data:`MAX_PRECISION` until its ball
        lies inside ``[lo, hi]`` (True) or outside it (False).

        Parameters
        ----------
        expr : LogLinear or ExpSum
            the expression.

        Returns
        -------
        bool
            True only when containment is proved; False when it is refuted or undecided at
            :data:`MAX_PRECISION` (e.g. the value sits exactly on an end).
        """
        if expr.is_zero():
            return self.contains(Fraction(0))
        if isinstance(expr, LogLinear) and not expr.terms:
            return self.contains(expr.rational)
        prec = 128
        while prec <= MAX_PRECISION:
            with ctx.workprec(prec):
                b = expr.ball()
                if b.is_finite():
                    if b.lower() >= to_arb(self.lo) and b.upper() <= to_arb(self.hi):
                        return True
                    if b.upper() < to_arb(self.lo) or b.lower() > to_arb(self.hi):
                        return False
            prec *= 2
        return False

    def decimal(self, digits: int = 12) -> str:
        """A readable decimal of the midpoint (``~`` marks that it is rounded).

        Parameters
        ----------
        digits : int, optional
            significant digits (default 12).

        Returns
        -------
        str
            the exact text ``p/q`` for a point enclosure, else ``"~"`` and ``digits``
            significant digits of the midpoint.
        """
        m = self.mid
        if self.lo == self.hi:
            return fmt(m)
        with ctx.workprec(max(64, 4 * digits)):
            return "~" + arb(fmpq(m.numerator, m.denominator)).str(digits, radius=False)

    def to_dict(self) -> dict[str, str]:
        """JSON of the enclosure.

        Returns
        -------
        dict
            ``{"lo": exact string, "hi": exact string}``.
        """
        return {"lo": fmt(self.lo), "hi": fmt(self.hi)}

    @classmethod
    def from_dict(cls, data: Any) -> "Enclosure":
        """The enclosure written by :meth:`to_dict`.

        Parameters
        ----------
        data : mapping
            with exact ``"lo"`` and ``"hi"``.

        Returns
        -------
        Enclosure
            the bounds.

        Raises
        ------
        InputError
            for a missing key, a value that is not an exact number, or ``lo > hi`` (data read
            from a file is input: an empty enclosure there is a bad or tampered document, not
            a bug).

        >>> Enclosure.from_dict({"lo": "1/3", "hi": "1/2"}).width
        Fraction(1, 6)
        >>> Enclosure.from_dict({"lo": "2", "hi": "1"})
        Traceback (most recent call last):
        ...
        exactgame.errors.InputError: an enclosure needs exact 'lo' <= 'hi': got lo = 2 > hi = 1
        """
        try:
            lo, hi = to_fraction(data["lo"]), to_fraction(data["hi"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"an enclosure needs exact 'lo' <= 'hi': {exc}") from None
        if lo > hi:
            raise InputError(f"an enclosure needs exact 'lo' <= 'hi': got lo = {lo} > hi = {hi}")
        return cls(lo, hi)


def arb_to_enclosure(x: arb) -> Enclosure:
    """The exact dyadic bounds ``[mid - rad, mid + rad]`` of a finite ball.

    Parameters
    ----------
    x : arb
        a ball.

    Returns
    -------
    Enclosure
        rational bounds containing every point of the ball.

    Raises
    ------
    TooLargeError
        if the ball is infinite or NaN (an overflowed evaluation).

    >>> from flint import arb
    >>> arb_to_enclosure(arb(1) / 4)
    Enclosure(lo=Fraction(1, 4), hi=Fraction(1, 4))
    >>> e = arb_to_enclosure(arb(1) / 3)
    >>> e.contains(Fraction(1, 3)), e.width < Fraction(1, 10**15)
    (True, True)
    """
    if not x.is_finite():
        raise TooLargeError("a ball evaluation overflowed (infinite or NaN)")
    m, r = _arf_to_fraction(x.mid()), _arf_to_fraction(x.rad())
    return Enclosure(m - r, m + r)


def coprime_basis(numbers: Iterable[int]) -> list[int]:
    """Pairwise coprime integers > 1 such that every given integer >= 1 is a product of their powers.

    Bernstein's factor refinement (see the module text): no factorisation, only gcds.

    Parameters
    ----------
    numbers : iterable of int
        the integers (signs are dropped; 0, 1 and -1 are ignored).

    Returns
    -------
    list of int
        the basis, sorted increasingly (``[]`` when no number exceeds 1 in absolute value).

    >>> coprime_basis([12, 18, 5])
    [2, 3, 5]
    >>> coprime_basis([6, 10])
    [2, 3, 5]
    """
    basis = {abs(n) for n in numbers if abs(n) > 1}
    changed = True
    while changed:
        changed = False
        items = sorted(basis)
        for a_i, a in enumerate(items):
            for b in items[a_i + 1:]:
                g = math.gcd(a, b)
                if g > 1:
                    basis.difference_update((a, b))
                    basis.update(x for x in (a // g, b // g, g) if x > 1)
                    changed = True
                    break
            if changed:
                break
    return sorted(basis)


def _exponents(n: int, basis: Sequence[int]) -> list[int]:
    out = []
    for p in basis:
        e = 0
        while n % p == 0:
            n //= p
            e += 1
        out.append(e)
    if n != 1:  # pragma: no cover - coprime_basis guarantees a full factorisation
        raise InternalError("coprime basis does not factor the number")
    return out


def _sign_by_balls(evaluate, what: str) -> tuple[int, Enclosure]:
    prec = 64
    while prec <= MAX_PRECISION:
        with ctx.workprec(prec):
            ball = evaluate()
            if ball.is_finite() and not ball.contains(0):
                enc = arb_to_enclosure(ball)
                return (1 if enc.lo > 0 else -1), enc
        prec *= 2
    raise TooLargeError(f"cannot separate {what} from zero with {MAX_PRECISION} bits; the numbers are too large")


@dataclass(frozen=True)
class LogLinear:
    r""":math:`r + \sum_k c_k \log x_k` with rational ``r``, ``c_k`` and positive rational ``x_k``.

    ``terms`` is a tuple of ``(c_k, x_k)``, merged by argument, without zero coefficients
    or arguments equal to one.

    >>> str(LogLinear(Fraction(1, 2)) - LogLinear.log(Fraction(3, 4)))
    '1/2 - log(3/4)'
    """

    rational: Fraction = Fraction(0)
    terms: tuple[tuple[Fraction, Fraction], ...] = ()

    def __post_init__(self) -> None:
        merged: dict[Fraction, Fraction] = {}
        for c, x in self.terms:
            c, x = Fraction(c), Fraction(x)
            if x <= 0:
                raise InputError(f"log of a non-positive number {fmt(x)}")
            if c and x != 1:
                merged[x] = merged.get(x, Fraction(0)) + c
        object.__setattr__(self, "rational", Fraction(self.rational))
        object.__setattr__(self, "terms", tuple(sorted((c, x) for x, c in merged.items() if c)))

    @classmethod
    def log(cls, x: Any, coef: Any = 1) -> "LogLinear":
        """:math:`c \\log x` for a positive rational ``x``.

        Parameters
        ----------
        x : exact number
            the argument, positive.
        coef : exact number, optional
            the coefficient ``c`` (default 1).

        Returns
        -------
        LogLinear
            ``c log x`` (``0`` when ``c = 0`` or ``x = 1``).

        Raises
        ------
        InputError
            if ``x <= 0`` or a value is not an exact number.
        """
        return cls(Fraction(0), ((to_fraction(coef), to_fraction(x)),))

    @classmethod
    def of(cls, value: Any) -> "LogLinear":
        """A LogLinear as it is, or a rational as the constant expression.

        Parameters
        ----------
        value : LogLinear or exact number
            the operand.

        Returns
        -------
        LogLinear
            ``value`` itself, or ``LogLinear(to_fraction(value))``.
        """
        return value if isinstance(value, LogLinear) else cls(to_fraction(value))

    def __add__(self, other: Any) -> "LogLinear":
        o = LogLinear.of(other)
        return LogLinear(self.rational + o.rational, self.terms + o.terms)

    __radd__ = __add__

    def __neg__(self) -> "LogLinear":
        return LogLinear(-self.rational, tuple((-c, x) for c, x in self.terms))

    def __sub__(self, other: Any) -> "LogLinear":
        return self + (-LogLinear.of(other))

    def __rsub__(self, other: Any) -> "LogLinear":
        return LogLinear.of(other) - self

    def __mul__(self, k: Any) -> "LogLinear":
        k = to_fraction(k)
        return LogLinear(self.rational * k, tuple((c * k, x) for c, x in self.terms))

    __rmul__ = __mul__

    def normal_form(self) -> tuple[Fraction, tuple[tuple[Fraction, int], ...]]:
        """``(r, ((d_i, p_i), ...))`` over a coprime basis: equal values have equal normal forms.

        Returns
        -------
        tuple
            the rational part ``r`` and the pairs ``(d_i, p_i)`` with ``d_i != 0``, the
            value being ``r + sum_i d_i log p_i`` with pairwise coprime ``p_i``, increasing.
        """
        nums = [x.numerator for _, x in self.terms] + [x.denominator for _, x in self.terms]
        basis = coprime_basis(nums)
        d = [Fraction(0)] * len(basis)
        for c, x in self.terms:
            up, down = _exponents(x.numerator, basis), _exponents(x.denominator, basis)
            for i in range(len(basis)):
                d[i] += c * (up[i] - down[i])
        return self.rational, tuple((di, p) for di, p in zip(d, basis) if di)

    def is_zero(self) -> bool:
        """Exactly zero? (Coprime basis + Hermite-Lindemann, see the module docstring.)

        Returns
        -------
        bool
            True iff ``r = 0`` and every ``d_i = 0`` in :meth:`normal_form`.
        """
        r, rest = self.normal_form()
        return r == 0 and not rest

    def ball(self) -> arb:
        """A ball containing the value at the current precision.

        Returns
        -------
        arb
            ``r + sum_k c_k log x_k`` in ball arithmetic.
        """
        total = to_arb(self.rational)
        for c, x in self.terms:
            total += to_arb(c) * to_arb(x).log()
        return total

    def certified(self) -> tuple[int, Enclosure]:
        """``(sign, enclosure)``, the sign proved (exactly 0, or by an enclosure excluding 0).

        Returns
        -------
        tuple of (int, Enclosure)
            the sign -1, 0 or 1, and bounds that prove it (a point for a rational value).

        Raises
        ------
        TooLargeError
            if the value is not separated from 0 at :data:`MAX_PRECISION` bits.
        """
        if self.is_zero():
            return 0, Enclosure(Fraction(0), Fraction(0))
        if not self.terms:
            return (1 if self.rational > 0 else -1), Enclosure(self.rational, self.rational)
        return _sign_by_balls(self.ball, str(self))

    def sign(self) -> int:
        """The proved sign of the value.

        Returns
        -------
        int
            -1, 0 or 1 (the first entry of :meth:`certified`).
        """
        return self.certified()[0]

    def enclose(self, bits: int = 128) -> Enclosure:
        """An enclosure at the given working precision (exact if the value is rational).

        Parameters
        ----------
        bits : int, optional
            the working precision (default 128).

        Returns
        -------
        Enclosure
            dyadic bounds of the value.
        """
        if not self.terms:
            return Enclosure(self.rational, self.rational)
        with ctx.workprec(bits):
            return arb_to_enclosure(self.ball())

    def exp_coefficient(self) -> tuple[Fraction, Fraction]:
        """``(c, r)`` with :math:`e^{\\mathrm{self}} = c\\, e^{r}`, when every log coefficient is an integer.

        ``c = prod_k x_k ** c_k`` and ``r`` is the rational part.

        Returns
        -------
        tuple of Fraction
            ``(c, r)``.

        Raises
        ------
        InternalError
            if a log coefficient is not an integer (the exponential is then irrational
            in another way; callers only ask for integer coefficients).
        """
        c = Fraction(1)
        for k, x in self.terms:
            if k.denominator != 1:
                raise InternalError(f"exp of {self} is not a rational multiple of an exponential")
            c *= x ** int(k)
        return c, self.rational

    def to_dict(self) -> dict[str, Any]:
        """JSON of the expression.

        Returns
        -------
        dict
            ``{"rational": r, "logs": [[c_k, x_k], ...]}`` with exact strings.
        """
        return {"rational": fmt(self.rational), "logs": [[fmt(c), fmt(x)] for c, x in self.terms]}

    @classmethod
    def from_dict(cls, data: Any) -> "LogLinear":
        """The expression written by :meth:`to_dict`.

        Parameters
        ----------
        data : mapping
            with ``"rational"`` and ``"logs"`` (pairs of exact numbers).

        Returns
        -------
        LogLinear
            the expression (terms merged again).

        Raises
        ------
        InputError
            for a missing key, a malformed pair, a non-exact number or a non-positive argument.
        """
        try:
            return cls(to_fraction(data["rational"]), tuple((to_fraction(c), to_fraction(x)) for c, x in data["logs"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed log-linear expression: {exc}") from None

    def __str__(self) -> str:
        parts = [fmt(self.rational)] if self.rational or not self.terms else []
        for c, x in self.terms:
            mag = "" if abs(c) == 1 else f"{fmt(abs(c))}*"
            sign = "-" if c < 0 else "+"
            parts.append(f"{sign} {mag}log({fmt(x)})" if parts else f"{'-' if c < 0 else ''}{mag}log({fmt(x)})")
        return " ".join(parts)


@dataclass(frozen=True)
class ExpSum:
    r""":math:`\sum_k c_k e^{r_k}` with rationals ``c_k``, ``r_k``; ``terms`` are ``(c_k, r_k)``, merged by exponent.

    >>> str(ExpSum([(Fraction(1, 2), 1), (Fraction(1, 2), 1), (-1, 0)]))
    'exp(1) - 1'
    """

    terms: tuple[tuple[Fraction, Fraction], ...] = ()

    def __post_init__(self) -> None:
        merged: dict[Fraction, Fraction] = {}
        for c, r in self.terms:
            c, r = to_fraction(c), to_fraction(r)
            if abs(r) > MAX_EXPONENT:
                raise TooLargeError(f"exp({fmt(r)}) has an exponent beyond {MAX_EXPONENT}")
            merged[r] = merged.get(r, Fraction(0)) + c
        object.__setattr__(self, "terms", tuple(sorted(((c, r) for r, c in merged.items() if c), key=lambda t: t[1], reverse=True)))

    def __add__(self, other: "ExpSum") -> "ExpSum":
        return ExpSum(self.terms + other.terms)

    def __sub__(self, other: "ExpSum") -> "ExpSum":
        return ExpSum(self.terms + tuple((-c, r) for c, r in other.terms))

    def is_zero(self) -> bool:
        """Exactly zero? (Lindemann-Weierstrass: after merging equal exponents, no term is left.)

        Returns
        -------
        bool
            True iff no term is left.
        """
        return not self.terms

    def ball(self) -> arb:
        """A ball containing the value at the current precision.

        Returns
        -------
        arb
            ``sum_k c_k exp(r_k)`` in ball arithmetic.
        """
        total = arb(0)
        for c, r in self.terms:
            total += to_arb(c) * to_arb(r).exp()
        return total

    def certified(self) -> tuple[int, Enclosure]:
        """``(sign, enclosure)``, the sign proved (exactly 0, or by an enclosure excluding 0).

        Returns
        -------
        tuple of (int, Enclosure)
            the sign -1, 0 or 1, and bounds that prove it (a point when only ``exp(0)`` is left).

        Raises
        ------
        TooLargeError
            if the value is not separated from 0 at :data:`MAX_PRECISION` bits.
        """
        if self.is_zero():
            return 0, Enclosure(Fraction(0), Fraction(0))
        if all(r == 0 for _, r in self.terms):
            c = self.terms[0][0]
            return (1 if c > 0 else -1), Enclosure(c, c)
        return _sign_by_balls(self.ball, str(self))

    def sign(self) -> int:
        """The proved sign of the value.

        Returns
        -------
        int
            -1, 0 or 1 (the first entry of :meth:`certified`).
        """
        return self.certified()[0]

    def to_dict(self) -> list[list[str]]:
        """JSON of the sum.

        Returns
        -------
        list
            ``[[c_k, r_k], ...]`` with exact strings, exponents decreasing.
        """
        return [[fmt(c), fmt(r)] for c, r in self.terms]

    @classmethod
    def from_dict(cls, data: Any) -> "ExpSum":
        """The sum written by :meth:`to_dict`.

        Parameters
        ----------
        data : sequence
            pairs ``[c_k, r_k]`` of exact numbers.

        Returns
        -------
        ExpSum
            the sum (terms merged again).

        Raises
        ------
        InputError
            for a malformed pair, a non-exact number or an exponent beyond
            :data:`MAX_EXPONENT` (all as ``"malformed exponential sum: ..."``).
        """
        try:
            return cls(tuple((to_fraction(c), to_fraction(r)) for c, r in data))
        except (TypeError, ValueError) as exc:
            raise InputError(f"malformed exponential sum: {exc}") from None

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        parts: list[str] = []
        for c, r in self.terms:
            body = "1" if r == 0 else f"exp({fmt(r)})"
            mag = abs(c)
            text = body if mag == 1 else (fmt(mag) if r == 0 else f"{fmt(mag)}*{body}")
            sign = "-" if c < 0 else "+"
            parts.append((f"{sign} " if parts else ("-" if c < 0 else "")) + text)
        return " ".join(parts)
