"""Certified log/exp comparisons (exactgame.logexp): signs whose truth is known, including
equalities that floating point blurs."""

import math
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.errors import TooLargeError
from exactgame.logexp import Enclosure, ExpSum, LogLinear, coprime_basis

log = LogLinear.log


@pytest.mark.parametrize("expr", [
    log(2) + log(3) - log(6),                      # log 2 + log 3 = log 6
    log(2) * 3 - log(8),                           # 3 log 2 = log 8
    log(4) * F(1, 2) - log(2),                     # (1/2) log 4 = log 2
    log(F(2, 3)) + log(F(3, 2)),                   # log(2/3) + log(3/2) = 0
    log(12) - log(2) * 2 - log(3),                 # log 12 = 2 log 2 + log 3
    log(F(10, 21)) - log(10) + log(3) + log(7),
    log(6) * F(2, 3) - log(36) * F(1, 3),          # fractional coefficients
])
def test_log_equalities_are_exact(expr):
    assert expr.is_zero()
    sign, enc = expr.certified()
    assert sign == 0 and enc.lo == enc.hi == 0


def test_floats_blur_what_is_decided_exactly():
    # in floats log 2 + log 3 - log 6 is not reliably 0, and adding 1e-50 is invisible
    assert math.log(2) + math.log(3) + 1e-50 == math.log(6)  # float-ok: floats cannot see the 1e-50
    assert math.log(2) + math.log(3) - 1e-50 == math.log(6)  # float-ok: nor its sign
    assert (log(2) + log(3) - log(6) + F(1, 10**50)).sign() == 1
    assert (log(2) + log(3) - log(6) - F(1, 10**50)).sign() == -1


@pytest.mark.parametrize("expr, sign", [
    (LogLinear(1) - log(2), 1),                                 # log 2 < 1
    (log(3) - 1, 1),                                            # log 3 > 1
    (log(F(2718281828459045, 10**15)) - 1, -1),                 # 2.718281828459045 < e
    (log(F(2718281828459046, 10**15)) - 1, 1),                  # 2.718281828459046 > e
    (log(2) * 10 - log(1000) - F(2, 100), 1),                   # 1024 > 1000: log 1.024 = 0.0237 > 0.02
    (log(F(3, 2)) - log(F(4, 3)) * F(141, 100), -1),            # log 1.5 = 0.4055 < 1.41 log(4/3) = 0.4056
])
def test_log_signs(expr, sign):
    s, enc = expr.certified()
    assert s == sign and enc.sign == sign


@pytest.mark.parametrize("terms, sign", [
    ([(1, 1), (-1, 1)], 0),                                     # e - e
    ([(2, 0), (-2, 0)], 0),
    ([(F(1, 2), 1), (F(1, 2), 1), (-1, 1)], 0),
    ([(1, 1), (-3, 0)], -1),                                    # e < 3
    ([(1, 1), (F(-2718281828459045, 10**15), 0)], 1),           # e > 2.718281828459045
    ([(1, F(1, 2)), (1, F(-1, 2)), (-2, 0)], 1),                # 2 cosh(1/2) > 2
    ([(F(3, 4), F(1, 2)), (F(3, 4), F(-1, 2)), (-1, 0)], 1),    # the (NA) sum of examples/acquisition_mechanism.toml
    ([(1, F(1, 3)), (-1, F(1, 4))], 1),
])
def test_exp_sums(terms, sign):
    e = ExpSum(terms)
    assert e.sign() == sign
    assert e.is_zero() == (sign == 0)


primes = st.sampled_from([2, 3, 5, 7, 11, 13])


@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(1, 3), st.lists(st.tuples(primes, st.integers(-3, 3)), max_size=3)),
                min_size=1, max_size=4))
def test_zero_test_matches_prime_exponents(spec):
    """sum c_k log x_k = 0 iff the prime exponents sum to zero (checked by factorisation)."""
    expr, expo = LogLinear(), {}
    for num, den, factors in spec:
        c = F(num, den)
        x = F(1)
        for p, e in factors:
            x *= F(p) ** e
        expr = expr + log(x, c) if x != 1 else expr
        for p, e in factors:
            expo[p] = expo.get(p, 0) + c * e
    truth = all(v == 0 for v in expo.values())
    assert expr.is_zero() == truth
    if not truth:
        s, enc = expr.certified()
        approx = sum(float(c) * math.log(float(x)) for c, x in expr.terms)  # float-ok: cross-check of a certified sign
        assert enc.lo <= F(approx) + F(1, 10**9) and F(approx) - F(1, 10**9) <= enc.hi


def test_coprime_basis_factors_everything():
    basis = coprime_basis([360, 84, 2**5 * 7**2, 99])
    assert all(math.gcd(a, b) == 1 for i, a in enumerate(basis) for b in basis[i + 1:])
    for n in (360, 84, 2**5 * 7**2, 99):
        for p in basis:
            while n % p == 0:
                n //= p
        assert n == 1


def test_enclosures_are_rigorous_and_tight():
    enc = (log(2)).enclose(bits=256)
    assert enc.width < F(1, 10**70)
    assert F(693147180559945309417, 10**21) < enc.lo <= enc.hi < F(693147180559945309418, 10**21)
    assert Enclosure(F(1), F(2)).sign == 1 and Enclosure(F(-1), F(2)).sign is None


def test_too_close_to_zero_is_refused():
    tiny = F(1, 10**30000)
    with pytest.raises(TooLargeError):
        (log(1 + tiny) - tiny).sign()          # = -tiny^2/2 + ...: beyond the precision cap
