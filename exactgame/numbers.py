r"""Exact numbers at the boundary: coercion, parsing and formatting.

Every number that enters exactgame goes through :func:`to_fraction`. It accepts

* ``int`` and :class:`fractions.Fraction`;
* anything with integer ``numerator`` and ``denominator`` (sympy ``Rational``,
  gmpy2 ``mpq``, python-flint ``fmpq``);
* strings holding an integer (``"3"``), a fraction (``"2/7"``) or a decimal
  (``"0.35"``, ``"6.4e-2"``), read exactly from their text.

A Python ``float`` is refused: ``0.3`` is not ``3/10`` in binary, and silently
taking ``Fraction(0.3) = 5404319552844595/18014398509481984`` would break every
published number we test. NaN, infinities, zero denominators and decimal exponents
too large to build are input errors.

>>> to_fraction("6.4"), to_fraction("2/7"), to_fraction(3)
(Fraction(32, 5), Fraction(2, 7), Fraction(3, 1))
>>> to_fraction(0.3)
Traceback (most recent call last):
...
exactgame.errors.NotExactError: 0.3 is a float, and floats are not exact (0.3 is not 3/10 in binary); pass "0.3" (a string) or Fraction(3, 10)
>>> fmt(Fraction(-3, 4)), latex(Fraction(-3, 4)), decimal_str(Fraction(1, 3), 4)
('-3/4', '-\\frac{3}{4}', '~0.3333')
"""

from __future__ import annotations

import re
from fractions import Fraction
from numbers import Integral
from typing import Any, Iterable, Mapping

from .errors import InputError, NotExactError, TooLargeError

__all__ = [
    "Fraction",
    "to_fraction",
    "parse_number",
    "to_vector",
    "fmt",
    "latex",
    "decimal_str",
    "MAX_EXPONENT",
    "MAX_DIGITS",
    "Vector",
]

#: An exact point or payoff vector: the type every module uses for one.
Vector = tuple[Fraction, ...]

#: Largest decimal exponent (in absolute value) accepted when parsing text.
MAX_EXPONENT = 4000
#: Largest number of digits accepted in one numeric literal.
MAX_DIGITS = 4000

_DECIMAL = re.compile(
    r"""^(?P<sign>[+-]?)
        (?:(?P<int>\d+)(?:\.(?P<frac>\d*))?|\.(?P<frac2>\d+))
        (?:[eE](?P<exp>[+-]?\d+))?$""",
    re.VERBOSE,
)
_RATIO = re.compile(r"^(?P<num>[+-]?\d+)\s*/\s*(?P<den>[+-]?\d+)$")
_NONFINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")


def parse_number(text: str) -> Fraction:
    """Parse an integer, ``p/q`` or decimal string exactly.

    A decimal ``d.f e k`` is read as the rational ``int(d f) * 10**(k - len(f))``, so
    ``"0.35"`` is ``7/20`` exactly. Surrounding whitespace and spaces around ``/`` are
    ignored; underscores between digits (TOML style, ``1_000``) are allowed.

    Parameters
    ----------
    text : str
        the numeric text.

    Returns
    -------
    Fraction
        the exact value, in lowest terms.

    Raises
    ------
    NotExactError
        when ``text`` is not a string.
    ------
    InputError
        for empty text, text that is not a finite number, a zero denominator, or an exponent
        or digit count beyond :data:`MAX_EXPONENT` / :data:`MAX_DIGITS` (such a
        number would take unbounded time and memory to build).

    >>> parse_number("-1.25e1"), parse_number(" 10/4 ")
    (Fraction(-25, 2), Fraction(5, 2))
    >>> parse_number("1e999999999")
    Traceback (most recent call last):
    ...
    exactgame.errors.TooLargeError: exponent 999999999 in '1e999999999' is too large (at most 4000 in absolute value)
    """
    if not isinstance(text, str):
        raise NotExactError(f"parse_number expects a string, got {type(text).__name__}")
    s = text.strip()
    if not s:
        raise InputError("empty string where a number belongs")
    if len(s) > MAX_DIGITS + 20:
        raise TooLargeError(f"numeric text of {len(s)} characters is too long (at most {MAX_DIGITS} digits)")
    s = re.sub(r"(?<=\d)_(?=\d)", "", s)
    if _NONFINITE.match(s):
        raise InputError(f"{_short(text)} is not a finite number; exact answers need finite rationals")
    m = _RATIO.match(s)
    if m:
        num, den = int(m["num"]), int(m["den"])
        if den == 0:
            raise InputError(f"{_short(text)} has a zero denominator")
        return Fraction(num, den)
    m = _DECIMAL.match(s)
    if not m:
        raise InputError(
            f"{_short(text)} is not a number; write an integer, a fraction like \"2/7\" or a decimal like \"0.35\""
        )
    exp = _decimal_exponent(m["exp"], text)
    int_part = m["int"] or "0"
    frac_part = m["frac"] if m["int"] is not None else m["frac2"]
    frac_part = frac_part or ""
    digits = int(int_part + frac_part)
    scale = exp - len(frac_part)
    value = Fraction(digits * 10**scale) if scale >= 0 else Fraction(digits, 10**-scale)
    return -value if m["sign"] == "-" else value


def _decimal_exponent(exp_text: str | None, text: str) -> int:
    """The exponent ``k`` of ``...e<k>`` (0 without one), refused beyond :data:`MAX_EXPONENT`."""
    if exp_text is None:
        return 0
    if len(exp_text.lstrip("+-")) > 9:
        raise TooLargeError(f"exponent in {_short(text)} is too large (at most {MAX_EXPONENT} in absolute value)")
    exp = int(exp_text)
    if abs(exp) > MAX_EXPONENT:
        raise TooLargeError(
            f"exponent {exp} in {_short(text)} is too large (at most {MAX_EXPONENT} in absolute value)"
        )
    return exp


def to_fraction(value: Any, *, where: str | None = None) -> Fraction:
    """Coerce one number to :class:`Fraction`, exactly (the one entry point).

    Parameters
    ----------
    value : int, Fraction, rational-like or str
        int, Fraction, a rational with integer ``numerator``/``denominator`` (attributes
        or methods), or a numeric string (see :func:`parse_number`). ``bool`` is refused.
    where : str or None, optional
        location (function, file, key) used to prefix error messages.

    Returns
    -------
    Fraction
        the exact value; a Fraction argument is returned as it is.

    Raises
    ------
    NotExactError
        for a Python float (or numpy float, mpmath mpf), with the exact ways in.
    InputError
        for non-numbers, booleans, NaN, infinities and zero denominators.

    >>> to_fraction(" 1_000 "), to_fraction(Fraction(6, 4)), to_fraction("-.5e1")
    (Fraction(1000, 1), Fraction(3, 2), Fraction(-5, 1))
    >>> to_fraction("x", where="prior[0]")
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: prior[0]: 'x' is not a number; write an integer, a fraction like "2/7" or a decimal like "0.35"
    """
    try:
        return _to_fraction(value)
    except InputError as exc:
        if where:
            raise type(exc)(str(exc), where=where) from None
        raise
    except NotExactError as exc:
        if where:
            raise NotExactError(f"{where}: {exc}") from None
        raise


def _to_fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InputError(f"{value!r} is a boolean, not a number")
    if isinstance(value, Integral):
        return Fraction(int(value))
    if isinstance(value, float) or type(value).__name__ in {"float16", "float32", "float64", "longdouble", "mpf"}:
        text = repr(value)
        return_hint = f'"{text}" (a string) or Fraction({_as_ratio_hint(text)})'
        raise NotExactError(
            f"{text} is a float, and floats are not exact ({text} is not {_as_ratio_hint(text, slash=True)} in binary); "
            f"pass {return_hint}"
        )
    if isinstance(value, str):
        return parse_number(value)
    num = getattr(value, "numerator", None)
    den = getattr(value, "denominator", None)
    if num is not None and den is not None:
        num = num() if callable(num) else num
        den = den() if callable(den) else den
        try:
            n, d = int(num), int(den)
        except (TypeError, ValueError):
            raise InputError(f"{value!r} has a non-integer numerator or denominator") from None
        if d == 0:
            raise InputError(f"{value!r} has a zero denominator")
        return Fraction(n, d)
    raise InputError(f"{value!r} ({type(value).__name__}) is not a number")


def _as_ratio_hint(text: str, slash: bool = False) -> str:
    try:
        q = parse_number(text)
    except InputError:
        return text
    return f"{q.numerator}/{q.denominator}" if slash else f"{q.numerator}, {q.denominator}"


def to_vector(values: Iterable[Any], *, where: str | None = None) -> tuple[Fraction, ...]:
    """Coerce an iterable of numbers to a tuple of Fractions, each with :func:`to_fraction`.

    Parameters
    ----------
    values : iterable
        the numbers; a string, bytes or a mapping is refused (its characters or keys
        would be read as the numbers).
    where : str or None, optional
        location used to prefix error messages.

    Returns
    -------
    tuple of Fraction
        the exact values, in order.

    Raises
    ------
    InputError
        for a string, a mapping, a non-iterable or an entry that is not a number.
    NotExactError
        for a float entry.

    >>> to_vector(["1/2", 3])
    (Fraction(1, 2), Fraction(3, 1))
    """
    if isinstance(values, (str, bytes)):
        raise InputError(f"expected a list of numbers, got the string {_short(str(values))}", where=where)
    if isinstance(values, Mapping):
        raise InputError("expected a list of numbers, got a table (its keys would be read as the numbers)", where=where)
    try:
        items = list(values)
    except TypeError:
        raise InputError(f"expected a list of numbers, got {values!r}", where=where) from None
    return tuple(to_fraction(v, where=where) for v in items)


def fmt(q: Any) -> str:
    """Exact text of a number: ``"p/q"`` in lowest terms (sign on ``p``), or ``"n"`` for integers.

    Parameters
    ----------
    q : number
        anything :func:`to_fraction` accepts.

    Returns
    -------
    str
        the exact text; integers of any size (beyond Python's 4300-digit ``str`` limit too).

    >>> fmt(Fraction(6, 4)), fmt(Fraction(-2))
    ('3/2', '-2')
    """
    q = to_fraction(q)
    return _int_text(q.numerator) if q.denominator == 1 else f"{_int_text(q.numerator)}/{_int_text(q.denominator)}"


def _int_text(n: int) -> str:
    """Decimal text of an int of any size (Python refuses str() beyond 4300 digits; flint does not)."""
    if n.bit_length() < 14000:
        return str(n)
    import flint

    return str(flint.fmpz(n))


def latex(q: Any) -> str:
    r"""LaTeX of a number: ``\frac{p}{q}`` with the sign in front.

    Parameters
    ----------
    q : number
        anything :func:`to_fraction` accepts.

    Returns
    -------
    str
        ``"n"`` for an integer, else ``"-\frac{|p|}{q}"`` or ``"\frac{p}{q}"``.

    >>> latex(Fraction(5)), latex(Fraction(7, 2))
    ('5', '\\frac{7}{2}')
    """
    q = to_fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    sign = "-" if q < 0 else ""
    return f"{sign}\\frac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def decimal_str(q: Any, places: int = 6) -> str:
    """Readable decimal for tables, correctly rounded (half away from zero), exact digits.

    Exact values print without trailing zeros; rounded ones carry a ``~`` prefix so
    a table never passes a rounded value off as exact. A value that rounds to zero
    prints without a minus sign (``~0``).

    Parameters
    ----------
    q : number
        anything :func:`to_fraction` accepts.
    places : int, optional
        digits after the decimal point (default 6).

    Returns
    -------
    str
        the decimal text, ``~``-prefixed when ``q`` is not exactly representable with
        ``places`` digits.

    >>> decimal_str(Fraction(32, 5)), decimal_str(Fraction(2, 3), 3), decimal_str(Fraction(-1, 8))
    ('6.4', '~0.667', '-0.125')
    """
    q = to_fraction(q)
    sign = "-" if q < 0 else ""
    a = abs(q)
    scaled = a * 10**places
    n = scaled.numerator // scaled.denominator
    exact = scaled.denominator == 1
    if not exact and (scaled - n) * 2 >= 1:
        n += 1
    whole, frac = divmod(n, 10**places)
    text = str(whole)
    if places:
        digits = str(frac).rjust(places, "0").rstrip("0")
        if digits:
            text += "." + digits
    if n == 0:
        sign = ""
    return ("" if exact else "~") + sign + text


def magnitude_str(q: Any, digits: int = 3) -> str:
    """A short text for a number of any size in messages: decimals between 1e-6 and 1e12,
    otherwise scientific ``~m.mme±k`` (exact integer arithmetic, no float).

    Parameters
    ----------
    q : number
        anything :func:`to_fraction` accepts.
    digits : int, optional
        significant digits of the mantissa in scientific form (default 3); in decimal
        form ``digits + 3`` places after the point (see :func:`decimal_str`).

    Returns
    -------
    str
        the text, ``~``-prefixed when it is rounded.

    >>> magnitude_str(Fraction(1, 10**4000)), magnitude_str(10**400 + 1), magnitude_str(Fraction(3, 2))
    ('1e-4000', '~1e400', '1.5')
    """
    q = to_fraction(q)
    a = abs(q)
    if a == 0 or Fraction(1, 10**6) <= a < 10**12:
        return decimal_str(q, digits + 3)
    e = len(str(a.numerator)) - len(str(a.denominator))
    if a < Fraction(10) ** e:
        e -= 1
    m = a / Fraction(10) ** e                   # 1 <= m < 10
    scaled = m * 10 ** (digits - 1)
    n = scaled.numerator // scaled.denominator
    if (scaled - n) * 2 >= 1:
        n += 1
    if n >= 10**digits:                          # rounding reached 10
        n //= 10
        e += 1
    text = str(n).rstrip("0") or "0"
    mant = text[0] + ("." + text[1:] if len(text) > 1 else "")
    exact = m * 10 ** (digits - 1) == n
    return ("" if exact else "~") + ("-" if q < 0 else "") + f"{mant}e{e}"
