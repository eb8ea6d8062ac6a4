"""Hypothesis strategies shared by the tests: small exact rationals, points, LPs."""

from fractions import Fraction

from hypothesis import strategies as st

small_int = st.integers(min_value=-6, max_value=6)
rational = st.builds(Fraction, st.integers(-12, 12), st.integers(1, 4))


def points(dim: int, min_size: int = 1, max_size: int = 9):
    return st.lists(st.tuples(*[rational] * dim), min_size=min_size, max_size=max_size)


@st.composite
def lp_problems(draw, max_vars: int = 4, max_rows: int = 4):
    n = draw(st.integers(1, max_vars))
    m_ub = draw(st.integers(0, max_rows))
    m_eq = draw(st.integers(0, 2))
    c = draw(st.lists(small_int, min_size=n, max_size=n))
    A_ub = draw(st.lists(st.lists(small_int, min_size=n, max_size=n), min_size=m_ub, max_size=m_ub))
    b_ub = draw(st.lists(small_int, min_size=m_ub, max_size=m_ub))
    A_eq = draw(st.lists(st.lists(small_int, min_size=n, max_size=n), min_size=m_eq, max_size=m_eq))
    b_eq = draw(st.lists(small_int, min_size=m_eq, max_size=m_eq))
    return dict(c=c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, maximize=draw(st.booleans()))
