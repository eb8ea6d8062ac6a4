"""The fast backend (HiGHS basis, exact check and repair) against cddlib's exact simplex."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from exactgame.geometry.lp import LPProblem, backends, solve_lp, solve_problem
from exactgame.geometry.lp_highs import _repair, _Standard
from tests.strategies import lp_problems

F = Fraction


def test_fast_backend_is_the_default():
    assert backends()[0] == "highs" and "cdd" in backends()
    r = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    assert r.backend == "highs" and r.value == F(14, 5) and r.certificate.verify()


@given(lp_problems(max_vars=5, max_rows=5))
def test_backends_agree(data):
    fast = solve_lp(**data, backend="highs")
    slow = solve_lp(**data, backend="cdd")
    assert fast.status == slow.status and fast.value == slow.value
    assert fast.certificate.verify() and slow.certificate.verify()


@st.composite
def degenerate_lps(draw):
    """Many constraints through one vertex (heavy primal degeneracy) with tiny and huge coefficients."""
    n = draw(st.integers(2, 4))
    point = [draw(st.integers(0, 3)) for _ in range(n)]
    rows, rhs = [], []
    for _ in range(draw(st.integers(n, 3 * n))):
        a = [F(draw(st.integers(-9, 9)), draw(st.sampled_from([1, 7, 10**6]))) for _ in range(n)]
        rows.append(a)
        rhs.append(sum(x * y for x, y in zip(a, point)))  # tight at the point
    c = [draw(st.integers(-5, 5)) for _ in range(n)]
    return dict(c=c, A_ub=rows, b_ub=rhs, maximize=draw(st.booleans()))


@given(degenerate_lps())
def test_degenerate_and_badly_scaled(data):
    fast = solve_lp(**data)
    slow = solve_lp(**data, backend="cdd")
    assert fast.status == slow.status and fast.value == slow.value and fast.certificate.verify()


def test_free_variables_by_splitting():
    # min |x - 3| style: x free written as x+ - x-, minimize t with t >= x - 3, t >= 3 - x
    # variables (x+, x-, t)
    r = solve_lp([0, 0, 1], A_ub=[[1, -1, -1], [-1, 1, -1]], b_ub=[3, -3], A_eq=[[1, -1, 0]], b_eq=[-2])
    assert r.status == "optimal" and r.value == 5 and r.certificate.verify()


def test_exact_repair_from_a_wrong_basis():
    """Start the exact simplex from the all-slack basis (far from optimal) and reach the optimum."""
    p = LPProblem.make([3, 2, 4], [[1, 1, 2], [2, 0, 3], [2, 1, 3]], [4, 5, 7], maximize=True)
    std = _Standard(p)
    raw = _repair(std, list(range(p.n, p.n + std.m)))
    assert raw is not None and raw.status == "optimal"
    assert sum(c * x for c, x in zip(p.c, raw.x)) == solve_problem(p, backend="cdd").value


def test_dual_repair_from_a_primal_infeasible_basis():
    """A basis that is dual feasible but primal infeasible is repaired by dual simplex pivots."""
    # min x + y s.t. x + y >= 2, x >= 0.5  (as <= rows); all-slack basis is dual feasible for min
    p = LPProblem.make([1, 1], [[-1, -1], [-1, 0]], [-2, F(-1, 2)])
    std = _Standard(p)
    raw = _repair(std, list(range(p.n, p.n + std.m)))
    assert raw is not None and sum(c * x for c, x in zip(p.c, raw.x)) == 2


def test_backend_declines_are_handled():
    from exactgame.geometry import lp as lpmod

    calls = []
    lpmod.register_backend("decliner", lambda p: calls.append(1), priority=100)
    try:
        r = solve_lp([1], A_ub=[[1]], b_ub=[1], maximize=True)
        assert calls and r.backend != "decliner" and r.value == 1
    finally:
        del lpmod._BACKENDS["decliner"]


def test_every_module_lp_goes_through_the_fast_backend():
    from exactgame.persuasion import persuade
    from exactgame.persuasion.value import example1_sr

    r = persuade(example1_sr(), ["3/10", "7/10"])
    assert r.lp.backend == "highs" and r.verify()


def test_backends_agree_on_every_module_lp():
    """The LPs the modules build (persuasion, payments, many receivers, bargaining) give the same
    optimum on both backends."""
    from exactgame.bargaining.bargaining_set import ic_lp
    from exactgame.bargaining.examples import election, three_parties
    from exactgame.persuasion import obedience_lp
    from exactgame.persuasion.multireceiver import MultiReceiverGame, binary_lp
    from exactgame.persuasion.payments import PAYMENT_MODELS, payments_lp, two_action_example, zero_sum_example
    from exactgame.persuasion.value import example1_sr

    problems = [obedience_lp(example1_sr(), (F(3, 10), F(7, 10)))]
    for g in (two_action_example(), zero_sum_example()):
        problems += [payments_lp(g, g.prior, m) for m in PAYMENT_MODELS]
    problems += [binary_lp(MultiReceiverGame.example(), m)[0] for m in PAYMENT_MODELS]
    for prob in (election(), three_parties()):
        problems += [ic_lp(prob, [F(1)] * len(prob.agents)), ic_lp(prob, [F(-1)] + [F(1)] * (len(prob.agents) - 1))]
    for p in problems:
        fast, slow = solve_problem(p, backend="highs"), solve_problem(p, backend="cdd")
        assert fast.status == slow.status == "optimal" and fast.value == slow.value


def test_a_handed_over_certificate_is_used_only_if_it_passed_on_this_very_problem():
    """A backend may hand over the optimality certificate it verified (the HiGHS backend does, so
    the check is not run twice); an unverified one, or one of another problem, is checked anew."""
    from dataclasses import replace

    from exactgame.geometry import lp as lpmod
    from exactgame.geometry.lp import LPOptimalCertificate, RawSolution

    p = LPProblem.make([1, 1], [[1, 2], [3, 1]], [4, 6], maximize=True)
    good = LPOptimalCertificate(p, (F(8, 5), F(6, 5)), (F(2, 5), F(1, 5)), ())
    assert not good.passed and good.verify() and good.passed
    wrong = replace(good, x=(F(1), F(1)))            # a copy with a changed answer has not passed
    assert not wrong.passed
    object.__setattr__(wrong, "_passed", False)
    twin = LPProblem.make([1, 1], [[1, 2], [3, 1]], [4, 6], maximize=True)   # equal, not the same object
    other = LPOptimalCertificate(twin, good.x, good.y_ub, good.y_eq)
    other.verify()
    forged = LPOptimalCertificate(twin, (F(1), F(1)), (F(2, 5), F(1, 5)), ())
    object.__setattr__(forged, "_passed", True)      # claims a pass, but for another problem object
    for cert, used in ((good, True), (wrong, False), (other, False), (forged, False)):
        raw = RawSolution("optimal", x=cert.x, y_ub=cert.y_ub, y_eq=cert.y_eq, certificate=cert)
        lpmod.register_backend("hand-over", lambda q, raw=raw: raw if q is p else None, priority=100)
        try:
            r = solve_problem(p)
        finally:
            del lpmod._BACKENDS["hand-over"]
        assert r.value == F(14, 5) and r.certificate.verify()
        assert (r.backend == "hand-over") == (cert.x == good.x)   # a wrong x never gets through
        assert (r.certificate is cert) == used


def test_the_fast_backend_hands_over_its_verified_certificate():
    p = LPProblem.make([1, 1], [[1, 2], [3, 1]], [4, 6], maximize=True)
    r = solve_problem(p, backend="highs")
    assert r.certificate.passed and r.certificate.problem is p
    assert r.certificate.verify()    # and it still re-checks in full when asked
