import json
from fractions import Fraction

import pytest
from hypothesis import given

from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError, NotExactError
from exactgame.geometry.lp import LPOptimalCertificate, solve_lp
from tests.strategies import lp_problems


def test_optimal_with_equalities():
    r = solve_lp([1, 2], A_ub=[[1, 1]], b_ub=[4], A_eq=[[1, -1]], b_eq=[1], maximize=True)
    assert r.status == "optimal" and r.value == Fraction(11, 2)
    assert r.x == (Fraction(5, 2), Fraction(3, 2))
    assert r.certificate.verify()
    assert r.dual_ub == (Fraction(3, 2),) and r.dual_eq == (Fraction(-1, 2),)


def test_minimize_sign_convention():
    # min x + y s.t. x + y >= 2 written as -x - y <= -2
    r = solve_lp([1, 1], A_ub=[[-1, -1]], b_ub=[-2])
    assert r.status == "optimal" and r.value == 2 and r.certificate.verify()
    # dual of max -(x+y): y >= 0 with -y*(1,1) >= -(1,1) and value b.y = -2 y = -2
    assert r.dual_ub == (Fraction(1),)


def test_infeasible_farkas():
    r = solve_lp([1, 1], A_ub=[[1, 1]], b_ub=[-1])
    assert r.status == "infeasible" and r.value is None and r.certificate.verify()


def test_unbounded_ray():
    r = solve_lp([1, 0], A_ub=[[-1, 1]], b_ub=[1], maximize=True)
    assert r.status == "unbounded" and r.certificate.verify()
    assert r.ray[0] > 0


def test_infeasible_and_dual_infeasible():
    # x1 - x2 = -1 and x1 - x2 = 1: infeasible; objective unbounded direction exists too
    r = solve_lp([1, 1], A_eq=[[1, -1], [1, -1]], b_eq=[-1, 1], maximize=True)
    assert r.status == "infeasible" and r.certificate.verify()


def test_tampered_certificate_fails():
    r = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    bad = LPOptimalCertificate(r.problem, r.x, (r.dual_ub[0] + 1, r.dual_ub[1]), ())
    with pytest.raises(CertificateError, match="differs"):
        bad.verify()
    worse = LPOptimalCertificate(r.problem, (Fraction(5), Fraction(0)), r.dual_ub, ())
    with pytest.raises(CertificateError, match="infeasible"):
        worse.verify()


def test_certificate_json_round_trip():
    for r in (solve_lp([1, 1], A_ub=[[1, 2]], b_ub=[4], maximize=True),
              solve_lp([1, 1], A_ub=[[1, 1]], b_ub=[-1]),
              solve_lp([1, 0], A_ub=[[-1, 1]], b_ub=[1], maximize=True)):
        data = json.loads(json.dumps(r.certificate.to_dict()))
        assert certificate_from_dict(data).verify()


def test_input_errors():
    with pytest.raises(NotExactError):
        solve_lp([0.5, 1])
    with pytest.raises(InputError, match="rows"):
        solve_lp([1, 1], A_ub=[[1, 1]], b_ub=[1, 2])
    with pytest.raises(InputError, match="entries"):
        solve_lp([1, 1], A_ub=[[1]], b_ub=[1])
    with pytest.raises(InputError, match="backend"):
        solve_lp([1], backend="nonsense")


@given(lp_problems())
def test_random_lps_certified(data):
    r = solve_lp(**data)
    assert r.status in {"optimal", "infeasible", "unbounded"}
    assert r.certificate.verify()
    if r.status == "optimal":
        assert r.value == sum(c * x for c, x in zip(r.problem.c, r.x))


@given(lp_problems())
def test_lp_against_vertex_enumeration(data):
    """Cross-check: the optimum of a bounded feasible LP equals the best vertex of its polytope."""
    from exactgame.geometry.polytope import Polytope

    n = len(data["c"])
    A = [list(r) for r in data["A_ub"]] + [[-int(i == j) for j in range(n)] for i in range(n)] + [[1] * n]
    b = list(data["b_ub"]) + [0] * n + [20]  # box it so it is a polytope
    r = solve_lp(data["c"], A_ub=A, b_ub=b, A_eq=data["A_eq"] or None, b_eq=data["b_eq"] or None, maximize=data["maximize"])
    try:
        P = Polytope.from_inequalities(A, b, data["A_eq"] or None, data["b_eq"] or None)
    except InputError:  # pragma: no cover - boxed, so bounded
        raise
    if P.is_empty:
        assert r.status == "infeasible"
        return
    assert r.status == "optimal"
    vals = [sum(c * x for c, x in zip(data["c"], v)) for v in P.vertices]
    assert r.value == (max(vals) if data["maximize"] else min(vals))
