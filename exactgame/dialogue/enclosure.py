r"""Enclosure arithmetic for long dialogues: balls for magnitudes, a modular image for identities.

The exact whole-square rounds of the spy game (Section 4 of 001_9d9f8fe1d5e70189.txt)
have breakpoints whose numerators and denominators grow by a factor of about 2.4 in
length per round (5,800 digits at t = 13, 22,000 at t = 14): the growth is intrinsic, not
an artefact of the representation. Every new breakpoint is the root of an affine function
whose coefficients are values at the previous round's breakpoints, so its length is a
multiple of theirs; fractions are always reduced, and carrying the bilinear pieces'
coefficients instead of their corner values gives the same reduced numbers. Exact
rationals therefore cannot reach t = 20 (millions of digits). From the round where the
digits pass a limit, the engine runs the *same* code (:mod:`.concavify`, :mod:`.grid`) on
:class:`Enc` numbers instead of fractions. An :class:`Enc` is the exact rational ``x`` that
the exact engine would have computed, represented by

* a ball :math:`[m \pm r] \ni x` (python-flint ``arb``, rigorous at any precision), and
* its image :math:`x \bmod P` in :math:`\mathbb{F}_P` for one random prime :math:`P` of
  256 bits, chosen when the context is opened (ring homomorphism
  :math:`\mathbb{Z}_{(P)} \to \mathbb{F}_P`; a division by a number whose image is 0 is
  refused, so every intermediate stays in :math:`\mathbb{Z}_{(P)}`).

Every decision of the algorithm is a comparison of two such numbers through their
difference :math:`d`:

* **order** (``<``, a sign): proved when the ball of :math:`d` excludes 0. When it
  contains 0 and the image of :math:`d` is not 0, :math:`d \ne 0` is proved but its sign is
  not decided: :class:`UndecidedSign` is raised and the caller starts again at a higher
  precision;
* **inequality** (``!=``): proved when the images differ (a homomorphism maps equal
  numbers to equal images) or the ball excludes 0;
* **equality** (a tie: the same breakpoint, a collinear triple, a continuous value): the
  ball of :math:`d` contains 0 *and* its image is 0. This is a Monte Carlo test, not a
  proof: it is wrong only if :math:`d \ne 0` and :math:`P` divides the numerator of
  :math:`d`. A nonzero numerator of at most :math:`H` bits has at most :math:`H/255`
  prime factors of 256 bits, and :math:`P` is drawn uniformly from the about
  :math:`2^{247}` primes of 256 bits, so one test errs with probability at most
  :math:`H / (255 \cdot 2^{247})`. Up to the first false tie the run follows the exact
  run, so a union bound over the numbers it creates bounds the probability that the run's
  structure differs from the exact one (:attr:`Context.error_bound`: the numbers created,
  times their largest height, over :math:`255 \cdot 2^{247}`).

:math:`H` is bounded by the height (bits of numerator and denominator) each number
carries, :math:`h(a \pm b) \le h(a) + h(b) + 1`, :math:`h(ab), h(a/b) \le h(a) + h(b)`:
a bound of the *unreduced* fractions, far above the reduced lengths. It enters the error
bound linearly, and stays small against :math:`2^{247}` (below :math:`2^{73}` bits in the
spy game to t = 20).

So a round computed in enclosures has the exact round's combinatorial structure (cells,
splits, ties) with probability at least :math:`1 - \varepsilon` (printed), and given that
structure every breakpoint and value is *proved* to lie in its ball. Such rounds are
labelled "enclosure", never "certified".

>>> with Context(prec=200, seed=1) as cx:
...     third = Enc.of(Fraction(1, 3))
...     x = third + third + third
...     (x == 1, x > Fraction(99, 100), third * 3 - 1 == 0, cx.ties)
(True, True, True, 2)
>>> with Context(prec=200, seed=1):
...     Enc.of(Fraction(1, 3)) == Fraction(333, 1000)          # images differ: proved unequal
False
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any

from flint import arb, ctx, fmpq, fmpz

__all__ = ["Enc", "Context", "UndecidedSign", "FingerprintLost", "to_enc", "bounds", "digits_of_radius", "context_of"]

#: Bits of the random prime of the modular image.
PRIME_BITS = 256


class UndecidedSign(ArithmeticError):
    """A difference is proved nonzero but its ball contains 0: more precision is needed.

    >>> with Context(prec=12, seed=1):
    ...     try:
    ...         Enc.of(1) + Enc.of(Fraction(1, 2**40)) > 1
    ...     except UndecidedSign:
    ...         print("undecided at 12 bits")
    undecided at 12 bits
    """


class FingerprintLost(ArithmeticError):
    """A division by a number whose image mod P is 0 (probability about 2^-247): draw another prime.

    >>> issubclass(FingerprintLost, ArithmeticError)
    True
    """


def _random_prime(rng: random.Random, bits: int) -> int:
    """A prime drawn uniformly from [2^(bits-1), 2^bits) (rejection sampling, proved prime)."""
    while True:
        n = rng.getrandbits(bits) | (1 << (bits - 1)) | 1
        if fmpz(n).is_prime():
            return n


class Context:
    """The precision, the prime and the tie counters of an enclosure computation.

    Used as a context manager: sets python-flint's working precision to ``prec`` bits
    and makes :class:`Enc` use this context's prime, restoring both on exit.

    Parameters
    ----------
    prec : int
        Working precision of the balls, in bits.
    seed : int, optional
        Seed of the prime's random draw (default: from the operating system).

    Attributes
    ----------
    prime : int
        The modulus P of the images.
    tests : int
        Differences whose ball contained 0, decided by the modular test.
    ties : int
        Those of them declared 0 (each a Monte Carlo decision).
    test_height : int
        Largest height bound (bits) of a difference tested.
    numbers : int
        Numbers created in this context (every result of an operation).
    max_height : int
        Largest height bound (bits) among them.

    >>> with Context(prec=64, seed=3) as cx:
    ...     cx.prime.bit_length(), Enc.of(2) / 4 == Fraction(1, 2)
    (256, True)
    """

    current: "Context | None" = None

    def __init__(self, prec: int, seed: int | None = None):
        self.prec = prec
        rng = random.Random(seed) if seed is not None else random.SystemRandom()
        self.prime = _random_prime(rng, PRIME_BITS)
        self.tests = 0
        self.ties = 0
        self.test_height = 0
        self.numbers = 0
        self.max_height = 0
        self._saved: list[Any] = []

    def __enter__(self) -> "Context":
        self._saved.append((ctx.prec, Context.current))
        ctx.prec = self.prec
        Context.current = self
        return self

    def __exit__(self, *exc: object) -> None:
        ctx.prec, Context.current = self._saved.pop()

    @property
    def error_bound(self) -> Fraction:
        r"""An upper bound on the probability that some tie decided here is false.

        A decision can only be wrong where a computed difference :math:`d \ne 0` has image 0,
        i.e. :math:`P \mid \operatorname{num}(d)`; every difference the engine tests, also
        inside a set or dict, is a number created in this context. Up to the first such
        number the run performs the exact run's operations (its sets and dicts are used for
        membership and sorted before use, so hash order does not steer it), so the numbers
        created are fixed before :math:`P` is drawn. A nonzero integer of at most :math:`h`
        bits has at most :math:`h/255` prime factors above :math:`2^{255}`, and there are
        :math:`N > 2^{247}` primes in :math:`[2^{255}, 2^{256})` (Rosser and Schoenfeld:
        :math:`x/\ln x < \pi(x) < 1.25506\,x/\ln x`, so
        :math:`N > 2^{255}(2/256 - 1.25506/255)/\ln 2 > 2^{247.1}`). The union bound over the
        numbers gives :math:`\text{numbers} \cdot h / (255 N)`, with :math:`h` their largest
        height bound (capped at 1). A rerun draws a fresh prime and discards the earlier
        attempt, so only the final context's bound applies.

        Returns
        -------
        Fraction

        >>> Context(prec=64, seed=0).error_bound
        Fraction(0, 1)
        """
        n = Fraction(2) ** (PRIME_BITS - 9)   # 2^247 < number of primes of 256 bits
        return min(Fraction(1), Fraction(self.numbers * self.max_height, PRIME_BITS - 1) / n)

    @property
    def error_log2(self) -> int | None:
        """An integer k with ``error_bound <= 2**k`` (None when the bound is 0).

        Returns
        -------
        int or None

        >>> Context(prec=64, seed=0).error_log2 is None
        True
        """
        eb = self.error_bound
        return eb.numerator.bit_length() - eb.denominator.bit_length() + 1 if eb else None


def _cx() -> Context:
    c = Context.current
    if c is None:
        raise RuntimeError("Enc arithmetic needs an open Context")
    return c


class Enc:
    """An exact rational known by a ball around it and its image modulo a random prime.

    Arithmetic ``+ - * /`` (also with ints and Fractions) and comparisons follow the module
    docstring: order is decided by the ball (or :class:`UndecidedSign`), inequality by the
    image or the ball, equality (a tie) by both together.

    Parameters
    ----------
    ball : arb
        A ball containing the number.
    image : int
        The number modulo the context's prime.
    height : int
        A bound of the bits of its numerator and denominator.

    >>> with Context(prec=100, seed=2):
    ...     x = Enc.of(Fraction(2, 3))
    ...     y = (x - Fraction(1, 3)) * 3
    ...     y == 1, y.ball.contains(1), y < 2, hash(y) == hash(Enc.of(1))
    (True, True, True, True)
    """

    __slots__ = ("ball", "image", "height", "cx")

    def __init__(self, ball: arb, image: int, height: int, cx: Context):
        self.ball, self.image, self.height, self.cx = ball, image, height, cx
        cx.numbers += 1
        if height > cx.max_height:
            cx.max_height = height

    @classmethod
    def of(cls, x: "Enc | Fraction | int", cx: Context | None = None) -> "Enc":
        """``x`` itself if it is an :class:`Enc`, else the exact rational as one of context ``cx``.

        Parameters
        ----------
        x : Enc, Fraction or int
        cx : Context, optional
            Default: the context open in a ``with`` block.

        Returns
        -------
        Enc

        >>> with Context(prec=64, seed=0):
        ...     Enc.of(Fraction(3, 4)).ball.is_exact()
        True
        """
        if isinstance(x, Enc):
            return x
        cx = cx or _cx()
        q = Fraction(x)
        P = cx.prime
        n, d = q.numerator, q.denominator
        if d % P == 0:   # pragma: no cover - a 256-bit prime dividing a game's denominator
            raise FingerprintLost(f"the prime divides the denominator of {q}")
        return cls(arb(fmpq(n, d)), n * pow(d, -1, P) % P, max(abs(n).bit_length(), d.bit_length(), 1), cx)

    # -- arithmetic -------------------------------------------------------------------
    def __add__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        return Enc(self.ball + o.ball, (self.image + o.image) % self.cx.prime, self.height + o.height + 1, self.cx)

    __radd__ = __add__

    def __sub__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        return Enc(self.ball - o.ball, (self.image - o.image) % self.cx.prime, self.height + o.height + 1, self.cx)

    def __rsub__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        return o - self

    def __mul__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        return Enc(self.ball * o.ball, self.image * o.image % self.cx.prime, self.height + o.height, self.cx)

    __rmul__ = __mul__

    def __truediv__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        P = self.cx.prime
        if o.image == 0:
            if not o.ball.contains(0):
                raise FingerprintLost("a nonzero divisor has image 0 modulo the prime")
            raise ZeroDivisionError("Enc division by zero")
        if o.ball.contains(0):
            raise UndecidedSign("the divisor's ball contains 0")
        return Enc(self.ball / o.ball, self.image * pow(o.image, -1, P) % P, self.height + o.height, self.cx)

    def __rtruediv__(self, o: Any) -> "Enc":
        o = self._enc(o)
        if o is NotImplemented:
            return o
        return o / self

    def __neg__(self) -> "Enc":
        return Enc(-self.ball, -self.image % self.cx.prime, self.height, self.cx)

    def __pos__(self) -> "Enc":
        return self

    # -- decisions --------------------------------------------------------------------
    def _sign_of_difference(self, o: Any) -> int:
        d = self - o
        if d.ball > 0:
            return 1
        if d.ball < 0:
            return -1
        if d._zero_image():
            return 0
        raise UndecidedSign("a nonzero difference whose ball contains 0")

    def _zero_image(self) -> bool:
        """The modular test of a difference whose ball contains 0 (counted: see Context.error_bound)."""
        c = self.cx
        c.tests += 1
        c.test_height = max(c.test_height, self.height)
        if self.image:
            return False
        c.ties += 1
        return True

    def __eq__(self, o: object) -> bool:
        e = self._enc(o)
        if e is NotImplemented:
            return NotImplemented
        if not self.ball.overlaps(e.ball):
            return False
        return (self - e)._zero_image()

    def __ne__(self, o: object) -> bool:
        r = self.__eq__(o)
        return r if r is NotImplemented else not r

    def __hash__(self) -> int:
        # equal rationals have equal images, so equal Encs hash alike; an Enc does not hash like
        # the equal Fraction (the engine never mixes the two in a set or dict)
        return hash(self.image)

    def __lt__(self, o: Any) -> bool:
        e = self._enc(o)
        return e if e is NotImplemented else self._sign_of_difference(e) < 0

    def __le__(self, o: Any) -> bool:
        e = self._enc(o)
        return e if e is NotImplemented else self._sign_of_difference(e) <= 0

    def __gt__(self, o: Any) -> bool:
        e = self._enc(o)
        return e if e is NotImplemented else self._sign_of_difference(e) > 0

    def __ge__(self, o: Any) -> bool:
        e = self._enc(o)
        return e if e is NotImplemented else self._sign_of_difference(e) >= 0

    def __bool__(self) -> bool:
        return self != 0

    def __float__(self) -> float:
        return float(self.ball.mid())  # float-ok: the ball's midpoint, for plots and printed decimals

    def __repr__(self) -> str:
        return f"Enc({self.ball.str(12, radius=True)})"

    def _enc(self, o: Any) -> Any:
        if isinstance(o, Enc):
            if o.cx is not self.cx:
                raise ValueError("Enc numbers of two different contexts")
            return o
        if isinstance(o, (int, Fraction)):
            return Enc.of(o, self.cx)
        return NotImplemented


def context_of(x: "Enc | Fraction") -> Context:
    """The context of an :class:`Enc` (to compute with it at its precision: ``with context_of(x):``).

    Parameters
    ----------
    x : Enc

    Returns
    -------
    Context

    Raises
    ------
    TypeError
        If ``x`` is not an :class:`Enc`.

    >>> cx = Context(prec=80, seed=0)
    >>> context_of(Enc.of(1, cx)) is cx
    True
    """
    if not isinstance(x, Enc):
        raise TypeError(f"{x!r} is not an enclosure")
    return x.cx


def to_enc(x: Any, cx: Context | None = None) -> Any:
    """``x`` with every Fraction in it (nested tuples and lists) turned into an :class:`Enc`.

    Parameters
    ----------
    x : Fraction, int, str, tuple or list
        Strings and None are kept.
    cx : Context, optional
        Default: the context open in a ``with`` block.

    Returns
    -------
    the same structure of :class:`Enc`

    >>> with Context(prec=64, seed=0):
    ...     [type(v).__name__ for v in to_enc((Fraction(1), [Fraction(1, 2)], "V"))[:2]]
    ['Enc', 'list']
    """
    cx = cx or _cx()
    if isinstance(x, (Fraction, int)) and not isinstance(x, bool):
        return Enc.of(x, cx)
    if isinstance(x, tuple):
        return tuple(to_enc(v, cx) for v in x)
    if isinstance(x, list):
        return [to_enc(v, cx) for v in x]
    return x


def bounds(x: "Enc | Fraction") -> tuple[Fraction, Fraction]:
    """Exact rational lower and upper bounds of ``x`` (the ends of its ball; ``(x, x)`` for a Fraction).

    Parameters
    ----------
    x : Enc or Fraction

    Returns
    -------
    tuple of Fraction
        ``lo <= x <= hi``, dyadic rationals.

    >>> with Context(prec=64, seed=0):
    ...     lo, hi = bounds(Enc.of(Fraction(1, 3)))
    >>> lo <= Fraction(1, 3) <= hi, hi - lo < Fraction(1, 10**18)
    (True, True)
    """
    if not isinstance(x, Enc):
        return Fraction(x), Fraction(x)
    from ..logexp import arb_to_enclosure

    e = arb_to_enclosure(x.ball)
    return e.lo, e.hi


def digits_of_radius(x: "Enc | Fraction") -> int:
    """About how many decimal digits the ball's radius leaves exact (``-log10`` of the radius).

    Parameters
    ----------
    x : Enc or Fraction

    Returns
    -------
    int
        A large sentinel (10**9) for an exact number.

    >>> with Context(prec=200, seed=0):
    ...     digits_of_radius(Enc.of(Fraction(1, 3))) > 50
    True
    """
    if not isinstance(x, Enc):
        return 10**9
    r = x.ball.rad()
    if r == 0:
        return 10**9
    m, e = r.mid().man_exp()
    return int(-(int(e) + int(m).bit_length()) * math.log10(2))  # float-ok: a printed digit count
