"""Sparse exact matrices and the sparse LP path: every operation against the dense definition."""

from fractions import Fraction

import flint
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exactgame.errors import InputError
from exactgame.geometry.lp import LPProblem
from exactgame.geometry.lp_highs import _Standard
from exactgame.geometry.sparse import SparseMatrix, common_denominator

F = Fraction
numbers = st.one_of(st.just(F(0)), st.just(F(0)), st.fractions(min_value=-5, max_value=5, max_denominator=7),
                    st.integers(-10**30, 10**30).map(F))


@st.composite
def dense(draw, rows=None, cols=None):
    m = draw(st.integers(0, 5)) if rows is None else rows
    n = draw(st.integers(1, 5)) if cols is None else cols
    return [[draw(numbers) for _ in range(n)] for _ in range(m)], n


@given(dense(), st.data())
def test_products_match_the_dense_definition(A_n, data):
    A, n = A_n
    M = SparseMatrix.from_rows(A, n)
    x = data.draw(st.lists(numbers, min_size=n, max_size=n))
    y = data.draw(st.lists(numbers, min_size=len(A), max_size=len(A)))
    assert M.times(x) == [sum((a * b for a, b in zip(r, x)), F(0)) for r in A]
    N, D = M.transpose_times_int(y)
    assert [F(v, D) for v in N] == [sum((A[i][j] * y[i] for i in range(len(A))), F(0)) for j in range(n)]
    assert [list(r) for r in M] == A and M == A and M.nnz == sum(1 for r in A for v in r if v)
    T = M.transpose()
    assert [list(r) for r in T] == [[A[i][j] for i in range(len(A))] for j in range(n)]
    assert SparseMatrix.from_integer_rows(n, [M.row(i) for i in range(len(M))]) == M


@given(dense(rows=3), dense(rows=3), st.lists(numbers, min_size=3, max_size=3))
def test_hstack_scaling_and_stacking(A_n, B_n, f):
    (A, n), (B, k) = A_n, B_n
    MA, MB = SparseMatrix.from_rows(A, n), SparseMatrix.from_rows(B, k)
    H = SparseMatrix.hstack([MA, MB.scaled_rows(f)])
    assert [list(r) for r in H] == [a + [v * fi for v in b] for a, b, fi in zip(A, B, f)]
    assert [list(r) for r in MA + MA[1:]] == A + A[1:]
    assert MA.widened(n + 2)[0] == tuple(A[0]) + (F(0), F(0))


@given(dense(), st.data())
def test_first_violation_is_the_first_violated_row(A_n, data):
    A, n = A_n
    M = SparseMatrix.from_rows(A, n)
    x = data.draw(st.lists(numbers, min_size=n, max_size=n))
    b = data.draw(st.lists(numbers, min_size=len(A), max_size=len(A)))
    ax = [sum((a * v for a, v in zip(r, x)), F(0)) for r in A]
    ub = next(((i, ax[i]) for i in range(len(A)) if ax[i] > b[i]), None)
    eq = next(((i, ax[i]) for i in range(len(A)) if ax[i] != b[i]), None)
    assert M.first_violation(x, b) == ub and M.first_violation(x, b, equal=True) == eq


def test_common_denominator_and_bad_rows():
    assert common_denominator([F(1, 6), 0, F(-3, 4)]) == ([2, 0, -9], 12)
    with pytest.raises(InputError, match="column outside"):
        SparseMatrix.from_integer_rows(2, [((0, 2), (1, 1), 1)])
    with pytest.raises(InputError, match="not a positive integer"):
        SparseMatrix.from_integer_rows(2, [((0,), (1,), 0)])
    with pytest.raises(InputError, match="expected 2"):
        SparseMatrix.from_rows([[1, 2, 3]], 2)
    with pytest.raises(InputError, match="3 columns, c has 2"):
        LPProblem.make([1, 1], A_ub=SparseMatrix.from_rows([[1, 2, 3]], 3), b_ub=[1])


@st.composite
def lp_and_basis(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    A = [[draw(st.integers(-3, 3).map(F)) for _ in range(n)] for _ in range(m)]
    m_eq = draw(st.integers(0, m))
    p = LPProblem.make([1] * n, A_ub=A[m_eq:], b_ub=[1] * (m - m_eq), A_eq=A[:m_eq], b_eq=[1] * m_eq)
    basis = draw(st.lists(st.integers(0, n + m - 1), min_size=m, max_size=m, unique=True))
    return p, basis


@settings(max_examples=200)
@given(lp_and_basis(), st.data())
def test_reduced_basis_solves_match_the_full_basis_matrix(pb, data):
    """``B^{-1} a_k`` and the rows of ``B^{-1}`` from the reduced system equal the dense m x m solves."""
    p, basis = pb
    std = _Standard(p)
    rows = list(p.A_ub) + list(p.A_eq)
    full = [list(r) + [F(int(i == k)) for k in range(std.m)] for i, r in enumerate(rows)]  # [A | I]
    B = flint.fmpq_mat(std.m, std.m, [flint.fmpq(full[i][k].numerator, full[i][k].denominator)
                                      for i in range(std.m) for k in basis])
    assume(B.rank() == std.m)
    k = data.draw(st.integers(0, std.n + std.m - 1))
    a = flint.fmpq_mat(std.m, 1, [flint.fmpq(full[i][k].numerator, full[i][k].denominator) for i in range(std.m)])
    u = B.solve(a)
    assert std.entering_column(basis, k) == [F(int(u[i, 0].p), int(u[i, 0].q)) for i in range(std.m)]
    r = data.draw(st.integers(0, std.m - 1))
    e = flint.fmpq_mat(std.m, 1, [flint.fmpq(int(i == r)) for i in range(std.m)])
    w = B.transpose().solve(e)
    assert std.basis_row(basis, r) == [F(int(w[i, 0].p), int(w[i, 0].q)) for i in range(std.m)]
    z, y, d = std.solve(basis)
    xb = B.solve(flint.fmpq_mat(std.m, 1, [flint.fmpq(v.numerator, v.denominator) for v in std.b]))
    assert [z[i] for i in range(std.m)] == [F(int(xb[i, 0].p), int(xb[i, 0].q)) for i in range(std.m)]
    assert [z.sign(i) for i in range(std.m)] == [(v > 0) - (v < 0) for v in (z[i] for i in range(std.m))]


def test_persuasion_lps_are_built_sparse():
    """A 30 x 30 game's obedience LP holds only its O(n^3) nonzeros (about n^4 entries when dense)."""
    import random

    from exactgame.games import SenderReceiverGame
    from exactgame.games.obedience import obedience_matrix, obedience_system
    from exactgame.persuasion import obedience_lp

    rng = random.Random(3)
    n = 30
    S = [f"w{i}" for i in range(n)]
    g = SenderReceiverGame(S, [f"a{j}" for j in range(n)], [F(1, n)] * n,
                           sender={w: [rng.randint(0, 5) for _ in range(n)] for w in S},
                           receiver={w: [rng.randint(0, 5) for _ in range(n)] for w in S})
    lp = obedience_lp(g, g.prior)
    assert isinstance(lp.A_ub, SparseMatrix) and lp.A_ub.nnz <= n * n * (n - 1)
    assert lp.A_ub.nnz == sum(1 for j in range(n) for k in range(n) if j != k
                              for w in S if g.receiver[w][j] != g.receiver[w][k])
    small = {w: g.receiver[w][:4] for w in S[:3]}
    A_ub, pairs, A_eq, b_eq = obedience_system(g.prior[:3], S[:3], small)
    M_ub, pairs2, M_eq, _ = obedience_matrix(g.prior[:3], S[:3], small)
    assert pairs == pairs2 and M_ub == A_ub and M_eq == A_eq and b_eq == [1, 1, 1]
