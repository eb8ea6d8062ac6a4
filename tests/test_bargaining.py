from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.bargaining import BargainingProblem, bargaining_set, solve_bargaining
from exactgame.bargaining.bargaining_set import _constraints, payoff_rows
from exactgame.errors import InputError
from exactgame.geometry import Polytope

F = Fraction


@st.composite
def problems(draw):
    ns, na, n = draw(st.integers(2, 3)), draw(st.integers(2, 3)), draw(st.integers(2, 3))
    S = [f"w{i}" for i in range(ns)]
    A = [f"a{j}" for j in range(na)]
    N = [f"g{k}" for k in range(n)]
    row = lambda: [draw(st.integers(-3, 5)) for _ in A]
    w = [draw(st.integers(1, 4)) for _ in S]
    payoffs = {"receiver": {s: row() for s in S}, **{g: {s: row() for s in S} for g in N}}
    return BargainingProblem.make(S, [F(x, sum(w)) for x in w], A, N, payoffs,
                                  draw(st.sampled_from(["full-information", "no-information"])))


@given(problems())
def test_projection_equals_hull_of_vertex_images(p):
    """B from the LP-oracle projection equals the hull of the payoff images of Pi's vertices (cdd)."""
    B = bargaining_set(p)
    A_ub, b_ub, A_eq, b_eq = _constraints(p)
    m = len(A_eq) * len(p.actions)
    nonneg = [[-int(k == j) for k in range(m)] for j in range(m)]
    Pi = Polytope.from_inequalities(A_ub + nonneg, list(b_ub) + [0] * m, A_eq, b_eq)
    rows = payoff_rows(p)
    images = [tuple(sum(r[k] * v[k] for k in range(m)) for r in rows) for v in Pi.vertices]
    assert B.polytope == Polytope.from_points(images)
    assert B.verify()


@given(problems())
def test_solutions_lie_in_B_and_certificates_verify(p):
    res = solve_bargaining(p)
    B = res["set"].polytope
    assert res["agreement"].certificate.verify()
    assert B.contains(res["d"])
    for k in ("egalitarian", "kalai_smorodinsky", "nash"):
        sol = res[k]
        if sol.payoff is not None:
            if sol.certificate is not None:
                assert sol.certificate.verify()
            if all(isinstance(x, Fraction) for x in sol.payoff):
                assert B.contains(sol.payoff)
    if res["agreement"].beneficial and len(p.agents) == 2:
        assert res["nash"].payoff is not None and all(u > d for u, d in zip(res["nash"].payoff, res["d"]))


def test_bad_disagreement_table():
    with pytest.raises(InputError, match="not incentive compatible"):
        BargainingProblem.make(["a", "b"], ["1/2", "1/2"], ["x", "y"], ["g"],
                               {"receiver": {"a": [1, 0], "b": [0, 1]}, "g": {"a": [0, 1], "b": [0, 1]}},
                               {"a": {"y": 1}, "b": {"x": 1}})
