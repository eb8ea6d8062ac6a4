"""The Nash bargaining solution on every face of B: exact (rational or algebraic), never d when an
agreement exists, KKT certificates that verify and that tampering breaks; cross-checked against an
independent float optimiser (scipy SLSQP over the vertices of B)."""

import random
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog, minimize

from exactgame.bargaining import BargainingProblem, bargaining_set, beneficial_agreement, nash, solve_bargaining
from exactgame.bargaining.examples import three_parties
from exactgame.bargaining.nash_bargaining import (AlgebraicNashCertificate, NashCertificate, NashDisagreementCertificate,
                                                   nash_lp, nash_point)
from exactgame.bargaining.bargaining_set import ic_lp
from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError
from exactgame.geometry.lp import LPOptimalCertificate

F = Fraction


def random_problem(rng, ns, na, n):
    S = [f"w{i}" for i in range(ns)]
    A = [f"a{j}" for j in range(na)]
    N = [f"g{k}" for k in range(n)]
    row = lambda: [rng.randint(-3, 5) for _ in A]
    w = [rng.randint(1, 4) for _ in S]
    pay = {"receiver": {s: row() for s in S}, **{g: {s: row() for s in S} for g in N}}
    return BargainingProblem.make(S, [F(x, sum(w)) for x in w], A, N, pay, rng.choice(["full-information", "no-information"]))


def problems_with_agreement(seed, count, sizes):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        n, ns, na = rng.choice(sizes)
        p = random_problem(rng, ns, na, n)
        if beneficial_agreement(p).beneficial:
            out.append(p)
    return out


def float_nash(vertices, d, alpha):
    """Independent float optimiser: SLSQP over the mixture weights of B's vertices, from an LP start
    (float-ok: the reference the exact answer is compared with)."""
    V = np.array([[float(x) for x in v] for v in vertices])
    dv = np.array([float(x) for x in d])
    al = np.array([float(a) for a in alpha])
    k, n = V.shape
    pos = al > 0
    c = np.zeros(k + 1)
    c[-1] = -1
    A_ub = np.vstack([np.hstack([-V.T[pos], np.ones((pos.sum(), 1))]), np.hstack([-V.T[~pos], np.zeros(((~pos).sum(), 1))])])
    b_ub = np.concatenate([-dv[pos], -dv[~pos]])
    r0 = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=np.hstack([np.ones((1, k)), np.zeros((1, 1))]), b_eq=[1],
                 bounds=[(0, 1)] * k + [(None, None)])
    obj = lambda lam: -np.sum(al[pos] * np.log(np.maximum((V.T @ lam - dv)[pos], 1e-300)))
    cons = [{"type": "eq", "fun": lambda lam: lam.sum() - 1}, {"type": "ineq", "fun": lambda lam: V.T @ lam - dv}]
    r = minimize(obj, r0.x[:k], method="SLSQP", bounds=[(0, 1)] * k, constraints=cons, options={"ftol": 1e-16, "maxiter": 2000})
    return V.T @ r.x, -r.fun


def as_floats(v):
    return np.array([float(x) for x in v])


RANDOM = problems_with_agreement(2026, 10, [(3, 2, 2), (3, 3, 3), (3, 3, 2), (4, 2, 2), (4, 3, 2), (4, 3, 3)])


@pytest.mark.parametrize("p", RANDOM, ids=[f"n{len(p.agents)}-{len(p.states)}x{len(p.actions)}-{i}" for i, p in enumerate(RANDOM)])
def test_random_nash_never_d_certified_and_matches_slsqp(p):
    B = bargaining_set(p)
    d = p.disagreement()
    sol = nash(p, B, d)
    assert sol.payoff is not None and sol.certificate is not None
    assert tuple(sol.payoff) != tuple(d)
    assert sol.certificate.verify()
    assert certificate_from_dict(sol.certificate.to_dict()).verify()
    assert isinstance(sol.certificate, (NashCertificate, AlgebraicNashCertificate))
    got = as_floats(sol.payoff)
    assert all(got > as_floats(d))
    ref, fref = float_nash(B.polytope.vertices, d, [1] * len(d))
    assert np.abs(got - ref).max() < 1e-6
    assert float(np.sum(np.log(got - as_floats(d)))) >= fref - 1e-6  # SLSQP may violate sum(lam) = 1 by ~1e-9
    # the structure attains the point (rational) or a rational point within the stated distance
    assert p.ic_violation(sol.structure) is None
    u = as_floats(p.payoff(sol.structure))
    assert np.abs(u - got).max() < 1e-20 + (1e-29 if isinstance(sol.certificate, AlgebraicNashCertificate) else 0)


def test_random_problems_include_algebraic_and_rational_points():
    kinds = {type(nash(p, bargaining_set(p), p.disagreement()).certificate).__name__ for p in RANDOM}
    assert kinds == {"NashCertificate", "AlgebraicNashCertificate"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_zero_weights(seed):
    """alpha in Delta(N) with zero entries: zero-weight agents keep u_j >= d_j; optimal by the KKT LP with
    their individual-rationality rows; the float reference maximises the same objective."""
    rng = random.Random(seed)
    checked = 0
    while checked < 2:
        n = rng.choice([3, 4])
        p = random_problem(rng, rng.randint(2, 3), rng.randint(2, 3), n)
        alpha = [rng.choice([0, 1, 2]) for _ in range(n)]
        alpha[rng.randrange(n)] = 0
        if not any(alpha):
            alpha[0] = 1
        B = bargaining_set(p)
        d = p.disagreement()
        r = nash_point(p, B, d, alpha)
        assert r.certificate.verify() and certificate_from_dict(r.certificate.to_dict()).verify()
        if isinstance(r.certificate, NashDisagreementCertificate):
            continue
        checked += 1
        got = as_floats(r.payoff)
        dv = as_floats(d)
        pos = np.array(alpha) > 0
        assert all(got[pos] > dv[pos]) and all(got[~pos] >= dv[~pos] - 1e-30)
        _, fref = float_nash(B.polytope.vertices, d, alpha)
        assert float(np.sum(np.array(alpha, float)[pos] * np.log((got - dv)[pos]))) >= fref - 1e-6


def test_no_agreement_gives_d_with_a_certificate():
    from exactgame.bargaining.examples import guessing_agents

    p = guessing_agents()
    sol = nash(p, bargaining_set(p), p.disagreement())
    assert sol.payoff == p.disagreement()
    assert isinstance(sol.certificate, NashDisagreementCertificate) and sol.certificate.verify()


def test_weights_are_checked():
    p = three_parties()
    with pytest.raises(InputError):
        nash(p, bargaining_set(p), p.disagreement(), [0, 0, 0])
    with pytest.raises(InputError):
        nash(p, bargaining_set(p), p.disagreement(), [1, -1, 1])


def test_lp_is_ic_lp_for_positive_weights():
    p = RANDOM[0]
    g = [F(1, 3)] * len(p.agents)
    assert nash_lp(p, g, p.disagreement(), []) == ic_lp(p, g)


# -- tampering ----------------------------------------------------------------------------


def _rational_certificate():
    for p in RANDOM:
        sol = nash(p, bargaining_set(p), p.disagreement())
        if isinstance(sol.certificate, NashCertificate):
            return p, sol.certificate
    raise AssertionError("no rational Nash point among the random problems")


def _algebraic_certificate():
    sol = nash(three_parties(), bargaining_set(three_parties()), three_parties().disagreement())
    assert isinstance(sol.certificate, AlgebraicNashCertificate)
    return sol.certificate


def test_tampered_rational_certificate_fails():
    p, cert = _rational_certificate()
    assert cert.verify()
    bump = lambda v, i, e: tuple(x + e if k == i else x for k, x in enumerate(v))
    # the point
    with pytest.raises(CertificateError):
        replace(cert, point=bump(cert.point, 0, F(1, 1000))).verify()
    # the structure: move mass in one state
    w = p.states[0]
    row = dict(cert.structure[w])
    a = next(iter(row))
    other = next(x for x in p.actions if x != a)
    moved = {**cert.structure, w: {**{k: v for k, v in row.items() if k != a}, a: row[a] / 2,
                                   other: row.get(other, F(0)) + row[a] / 2}}
    with pytest.raises(CertificateError):
        replace(cert, structure=moved).verify()
    # the gradient
    with pytest.raises(CertificateError):
        replace(cert, gradient=bump(cert.gradient, 1, F(1, 7))).verify()
    # the dual of the KKT LP
    lp = cert.lp
    y_eq = bump(lp.y_eq, 0, F(-1, 100))
    with pytest.raises(CertificateError):
        replace(cert, lp=LPOptimalCertificate(lp.problem, lp.x, lp.y_ub, y_eq)).verify()
    # an LP for another gradient
    other_lp = nash_lp(p, [F(1)] * len(p.agents), p.disagreement(), [])
    from exactgame.geometry.lp import solve_problem

    with pytest.raises(CertificateError):
        replace(cert, lp=solve_problem(other_lp).certificate).verify()
    # d
    with pytest.raises(CertificateError):
        replace(cert, d=bump(cert.d, 0, F(-1, 10))).verify()


def test_tampered_algebraic_certificate_fails():
    cert = _algebraic_certificate()
    assert cert.verify()
    bump_el = lambda rows, i, j, e: tuple(tuple(x + e if (k, l) == (i, j) else x for l, x in enumerate(r)) for k, r in enumerate(rows))
    with pytest.raises(CertificateError):
        replace(cert, point=bump_el(cert.point, 0, 0, F(1, 10 ** 6))).verify()
    with pytest.raises(CertificateError):
        replace(cert, gradient=bump_el(cert.gradient, 1, 0, F(1, 10 ** 6))).verify()
    with pytest.raises(CertificateError):
        replace(cert, barycentric=bump_el(cert.barycentric, 0, 0, F(1, 10 ** 6))).verify()
    # the dual matrix: scale one nonzero row down
    Y = [list(r) for r in cert.dual]
    r = next(k for k, row in enumerate(Y) if any(row) and k >= len(Y) - 4)  # an equality row (one per state, last)
    Y[r] = [x / 2 - 1 for x in Y[r]]
    with pytest.raises(CertificateError):
        replace(cert, dual=tuple(tuple(x) for x in Y)).verify()
    # the polynomial and the interval
    with pytest.raises(CertificateError):
        replace(cert, polynomial=tuple(c + (1 if k == 0 else 0) for k, c in enumerate(cert.polynomial))).verify()
    with pytest.raises(CertificateError):
        replace(cert, interval=(cert.interval[0] - 100, cert.interval[1] + 100)).verify()
    # the approximation
    with pytest.raises(CertificateError):
        replace(cert, distance=F(1, 10 ** 200)).verify()


def test_algebraic_certificate_round_trip_and_exact_structure():
    cert = _algebraic_certificate()
    again = certificate_from_dict(cert.to_dict())
    assert again.verify() and again.to_dict() == cert.to_dict()
    K = cert.field()
    # the exact algebraic structure sum_l lam_l pi_l attains the point: checked in Q(theta)
    p = three_parties()
    lam = [K.element(x) for x in cert.barycentric]
    for i in range(len(p.agents)):
        assert K.linear([p.payoff(s)[i] for s in cert.structures], lam) == K.element(cert.point[i])


def test_three_parties_nash_is_the_paper_sqrt_point():
    import sympy as sp

    res = solve_bargaining(three_parties())
    r = sp.sqrt(45259)
    expected = (sp.Rational(577, 600) - r / 600, sp.Rational(23, 600) + r / 600, -sp.Rational(577, 120) + r / 120)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(res["nash"].payoff, expected))


@pytest.mark.parametrize("p", RANDOM[:6], ids=[f"local-{i}" for i in range(6)])
def test_nash_without_the_bargaining_set_matches(p):
    """B=None: the proposal over the IC polytope and the exactly grown face give the same point."""
    d = p.disagreement()
    a = nash(p, None, d)
    b = nash(p, bargaining_set(p), d)
    assert [str(x) for x in a.payoff] == [str(x) for x in b.payoff]
    assert a.certificate.verify()


def test_solve_bargaining_without_the_set_keeps_every_key():
    p = RANDOM[1]
    a = solve_bargaining(p, build_set=False)
    b = solve_bargaining(p)
    assert a["set"] is None and set(a) == set(b)
    for k in ("egalitarian", "kalai_smorodinsky", "nash", "leximin"):
        assert [str(x) for x in a[k].payoff] == [str(x) for x in b[k].payoff]


def test_zero_weight_nash_is_pareto_efficient_when_rational():
    rng = random.Random(7)
    found = 0
    while found < 2:
        n = rng.choice([2, 3])
        p = random_problem(rng, rng.randint(2, 3), rng.randint(2, 3), n)
        alpha = [1] + [0] * (n - 1)
        sol = nash(p, None, p.disagreement(), alpha)
        if isinstance(sol.certificate, NashCertificate):
            found += 1
            assert sol.certificate.verify() and sol.pareto is not None and sol.pareto.efficient


# -- extreme weights (regression: the face solve's root finder escaped to infinity) -----------------

ELECTION_WEIGHTS = [(10 ** 6, 1), (1, 10 ** 6), (10 ** 9, 1), (1, 10 ** 9)]


def _election_edge_point(alpha):
    """The exact Nash point of the election example: on the edge v + t (w - v) of B next to the
    heavier agent's best point the stationarity condition is linear in t,
    alpha_1 delta_1 (c_2 + t delta_2) + alpha_2 delta_2 (c_1 + t delta_1) = 0 with c = v - d."""
    a1, a2 = (F(x) for x in alpha)
    heavy_first = a1 >= a2
    v, w = (F(6, 5), F(6, 5)), ((F(8, 5), F(7, 10)) if heavy_first else (F(7, 10), F(8, 5)))
    d = (F(11, 10), F(11, 10))
    c = [v[i] - d[i] for i in range(2)]
    delta = [w[i] - v[i] for i in range(2)]
    t = -(a1 * delta[0] * c[1] + a2 * delta[1] * c[0]) / ((a1 + a2) * delta[0] * delta[1])
    assert 0 < t < 1
    return tuple(v[i] + t * delta[i] for i in range(2))


@pytest.mark.parametrize("alpha", ELECTION_WEIGHTS, ids=[f"{a}-{b}" for a, b in ELECTION_WEIGHTS])
@pytest.mark.parametrize("build_set", [True, False], ids=["with-B", "without-B"])
def test_election_extreme_weights_are_certified(alpha, build_set):
    from exactgame.bargaining.examples import election

    p = election()
    d = tuple(p.disagreement())
    sol = solve_bargaining(p, [F(x) for x in alpha], build_set=build_set)["nash"]
    assert isinstance(sol.certificate, NashCertificate)
    assert sol.certificate.verify()
    assert certificate_from_dict(sol.certificate.to_dict()).verify()
    assert tuple(sol.payoff) != d and all(u > di for u, di in zip(sol.payoff, d))
    assert tuple(sol.payoff) == _election_edge_point(alpha)


def test_election_extreme_weights_from_the_toml_example():
    from exactgame.games import load_game

    p = load_game("examples/bargaining_election.toml")
    sol = solve_bargaining(p, [F(10 ** 6), F(1)])["nash"]
    assert sol.certificate.verify() and tuple(sol.payoff) == _election_edge_point((10 ** 6, 1))


THREE_WEIGHTS = [(10 ** 6, 1, 1), (1, 10 ** 6, 1), (1, 1, 10 ** 6)]


@pytest.mark.parametrize("alpha", THREE_WEIGHTS, ids=["-".join(map(str, a)) for a in THREE_WEIGHTS])
def test_three_parties_extreme_weights_are_certified(alpha):
    import sympy as sp

    p = three_parties()
    d = tuple(p.disagreement())
    for B in (None, bargaining_set(p)):
        sol = nash(p, B, d, [F(x) for x in alpha])
        assert sol.certificate.verify()
        assert certificate_from_dict(sol.certificate.to_dict()).verify()
        assert any(bool(sp.nsimplify(u) != sp.Rational(di.numerator, di.denominator)) for u, di in zip(sol.payoff, d))
        assert all(bool(sp.N(u - sp.Rational(di.numerator, di.denominator), 30) > 0) for u, di in zip(sol.payoff, d))
