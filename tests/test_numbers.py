import time
from fractions import Fraction

import pytest

from exactgame.errors import InputError, NotExactError, TooLargeError
from exactgame.numbers import decimal_str, fmt, latex, parse_number, to_fraction, to_vector


@pytest.mark.parametrize(
    "text, value",
    [("3", Fraction(3)), ("-2/7", Fraction(-2, 7)), ("0.35", Fraction(7, 20)), ("6.4", Fraction(32, 5)),
     (".5", Fraction(1, 2)), ("1e3", Fraction(1000)), ("2.5E-2", Fraction(1, 40)), ("+4/-8", Fraction(-1, 2)),
     ("1_000", Fraction(1000)), (" 7 ", Fraction(7)), ("3.", Fraction(3))],
)
def test_parse_exact(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1/0", "abc", "", "1/2/3", "__import__('os')", "0x10", "1e", "--1"])
def test_parse_rejects(text):
    with pytest.raises(InputError):
        parse_number(text)


@pytest.mark.parametrize("text", ["1e999999999", "1e-999999999", "9" * 5000, "1e12345678901234567890"])
def test_huge_numbers_fail_fast(text):
    start = time.perf_counter()
    with pytest.raises(TooLargeError):
        parse_number(text)
    assert time.perf_counter() - start < 1.0  # fails fast, does not try to build 10**999999999


def test_floats_refused_with_the_ways_in():
    with pytest.raises(NotExactError) as exc:
        to_fraction(0.3)
    msg = str(exc.value)
    assert '"0.3"' in msg and "Fraction(3, 10)" in msg and "not exact" in msg
    assert isinstance(exc.value, TypeError)


def test_rationals_from_other_libraries():
    class Rat:  # what sympy.Rational and gmpy2.mpq look like: integer numerator/denominator
        numerator, denominator = 3, 7

    assert to_fraction(Rat()) == Fraction(3, 7)

    class Broken:
        numerator, denominator = 3, 0

    with pytest.raises(InputError, match="zero denominator"):
        to_fraction(Broken())


def test_flint_fmpq_accepted():
    import flint

    assert to_fraction(flint.fmpq(5, 6)) == Fraction(5, 6)


def test_bool_and_junk_refused():
    for bad in (True, None, [1], {"a": 1}):
        with pytest.raises(InputError):
            to_fraction(bad)


def test_to_vector_where_in_message():
    with pytest.raises(InputError, match="prior"):
        to_vector(["1/2", "x"], where="prior")
    with pytest.raises(InputError):
        to_vector("12")


def test_formatting():
    assert fmt(Fraction(-7, 3)) == "-7/3" and fmt(4) == "4"
    assert latex(Fraction(-7, 3)) == r"-\frac{7}{3}"
    assert decimal_str(Fraction(1, 8)) == "0.125"
    assert decimal_str(Fraction(2, 3), 2) == "~0.67"
    assert decimal_str(Fraction(-1, 3), 2) == "~-0.33"
    assert decimal_str(Fraction(-1, 1000), 2) == "~0"
