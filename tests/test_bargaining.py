from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.bargaining import BargainingProblem, bargaining_set, beneficial_agreement, solve_bargaining
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
    if res["agreement"].beneficial:
        assert res["nash"].payoff is not None and all(u > d for u, d in zip(res["nash"].payoff, res["d"]))


def test_bad_disagreement_table():
    with pytest.raises(InputError, match="not incentive compatible"):
        BargainingProblem.make(["a", "b"], ["1/2", "1/2"], ["x", "y"], ["g"],
                               {"receiver": {"a": [1, 0], "b": [0, 1]}, "g": {"a": [0, 1], "b": [0, 1]}},
                               {"a": {"y": 1}, "b": {"x": 1}})


# -- the prior-free tests apply only where their hypotheses hold (issue 17) ------------------------

NOT_DISCRETE = BargainingProblem.make(
    ["w0", "w1"], ["1/2", "1/2"], ["a0", "a1"], ["g0", "g1"],
    {"receiver": {"w0": [0, 1], "w1": [0, 0]}, "g0": {"w0": [2, -1], "w1": [2, -1]}, "g1": {"w0": [2, -2], "w1": [2, -2]}},
    "full-information")


def test_theorems_do_not_apply_to_a_non_discrete_disagreement():
    """Full information with a tie in w1: a0 is optimal only at the belief w1, so no IC structure
    recommends it more often; the lottery of Theorem 1 and the coalitions of Theorem 2 would claim an
    agreement. The tests must say that discreteness fails, never 'a beneficial agreement exists'."""
    p = NOT_DISCRETE
    assert not p.is_discrete(p.disagreement_structure())
    r = beneficial_agreement(p)
    assert not r.beneficial and r.certificate.verify()
    for key in ("theorem_1", "theorem_2", "proposition_1", "proposition_2", "corollary_2"):
        t = r.tests[key]
        assert not t["applies"] and t["shows"].startswith("does not apply") and "discrete" in t["shows"], key
    assert r.tests["theorem_2"]["coalition_size"] == 2  # the condition holds, the hypothesis does not
    assert all("a beneficial agreement exists" not in t["shows"] for t in r.tests.values())


def test_proposition_2_needs_full_information_and_assumption_2():
    from exactgame.bargaining.examples import winner_takes_all

    p = winner_takes_all()
    t = beneficial_agreement(p).tests["proposition_2"]
    assert t["applies"] and t["winner_takes_the_most"] and t["matching"] == {"agent1": "a1", "agent2": "a2", "agent3": "a3"}
    # the same payoffs with actions listed in another order: the matching follows the winners
    q = BargainingProblem.make(p.states, p.prior, ["a3", "a1", "a2"], p.agents,
                               {"receiver": {w: [int(a == f"a{t + 1}") for a in ["a3", "a1", "a2"]] for t, w in enumerate(p.states)},
                                **{i: {w: [p.payoffs[i][w][p.actions.index(a)] for a in ["a3", "a1", "a2"]] for w in p.states}
                                   for i in p.agents}}, "full-information")
    tq = beneficial_agreement(q).tests["proposition_2"]
    assert tq["applies"] and tq["winner_takes_the_most"] and tq["matching"]["agent1"] == "a1"
    # no-information disagreement: Propositions 1 and 2 do not apply
    r = BargainingProblem.make(p.states, p.prior, p.actions, p.agents,
                               {"receiver": p.receiver, **{i: p.payoffs[i] for i in p.agents}}, "no-information")
    tests = beneficial_agreement(r).tests
    assert not tests["proposition_2"]["applies"] and "full information" in tests["proposition_2"]["shows"]
    assert not tests["proposition_1"]["applies"]


def test_state_dependent_payoffs_make_every_test_inapplicable():
    from exactgame.bargaining.agreement import prior_free_tests
    from exactgame.bargaining.examples import guessing_agents

    p = guessing_agents()
    tests = prior_free_tests(p, p.disagreement())
    assert all(not t["applies"] and "Assumption 1" in t["shows"] for t in tests.values())


@given(problems())
def test_applicable_prior_free_tests_agree_with_the_exact_lp(p):
    """Where a test's hypotheses hold, its verdict agrees with the certified LP (the paper's theorems)."""
    from exactgame.bargaining.agreement import contradictions, prior_free_tests

    if not p.state_independent():
        return
    r = beneficial_agreement(p)
    assert contradictions(prior_free_tests(p, p.disagreement()), r.beneficial) == []


@st.composite
def state_independent_problems(draw):
    ns, na, n = draw(st.integers(2, 3)), draw(st.integers(2, 4)), draw(st.integers(2, 4))
    S = [f"w{i}" for i in range(ns)]
    A = [f"a{j}" for j in range(na)]
    N = [f"g{k}" for k in range(n)]
    w = [draw(st.integers(1, 4)) for _ in S]
    payoffs = {"receiver": {s: [draw(st.integers(0, 2)) for _ in A] for s in S}}
    for g in N:
        r = [draw(st.integers(-3, 4)) for _ in A]
        payoffs[g] = {s: list(r) for s in S}
    return BargainingProblem.make(S, [F(x, sum(w)) for x in w], A, N, payoffs,
                                  draw(st.sampled_from(["full-information", "no-information"])))


@given(state_independent_problems())
def test_applicable_prior_free_tests_agree_with_the_exact_lp_state_independent(p):
    from exactgame.bargaining.agreement import contradictions

    r = beneficial_agreement(p)
    assert contradictions(r.tests, r.beneficial) == []
    assert not any(t.get("contradicts_exact_lp") for t in r.tests.values())


# -- Pareto efficiency of every solution, leximin -------------------------------------------------


@given(problems())
def test_every_solution_reports_pareto_efficiency_exactly(p):
    from exactgame.bargaining import pareto_test

    res = solve_bargaining(p)
    for k in ("egalitarian", "kalai_smorodinsky", "nash", "leximin", "leximin_kalai_smorodinsky", "kalai_smorodinsky_ir"):
        sol = res[k]
        if sol.pareto is None:
            continue
        assert sol.pareto.lp.certificate.verify()
        if not sol.pareto.efficient:
            dom, pi = sol.pareto.point, sol.pareto.structure
            assert p.ic_violation(pi) is None and tuple(p.payoff(pi)) == dom
            assert all(x >= y for x, y in zip(dom, sol.payoff)) and dom != tuple(sol.payoff)
            assert "not Pareto efficient" in sol.note
    assert res["leximin"].pareto.efficient and res["leximin_kalai_smorodinsky"].pareto.efficient
    assert all(e <= f for e, f in zip(res["ideal_ir"], res["ideal"]))
    assert all(x >= y for x, y in zip(res["kalai_smorodinsky_ir"].payoff, res["d"]))
    if res["agreement"].beneficial:
        assert tuple(res["nash"].payoff) != tuple(res["d"])
        for k in ("egalitarian", "kalai_smorodinsky"):
            if tuple(res[k].payoff) == tuple(res["d"]):
                assert "equals d although a beneficial agreement exists" in res[k].note
    # leximin's smallest gain is at least the egalitarian t* (equal gains are one way to share)
    gains = [x - y for x, y in zip(res["leximin"].payoff, res["d"])]
    eg = [x - y for x, y in zip(res["egalitarian"].payoff, res["d"])]
    assert min(gains) >= min(eg)


def test_solve_bargaining_is_a_frozen_result_with_the_protocol():
    """solve_bargaining returns a frozen result (the old dict's keys still read) that verifies
    itself and whose document the independent checker accepts, and rejects once changed."""
    import dataclasses

    from exactgame.bargaining import BargainingSolutions
    from exactgame.bargaining.examples import election
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure

    res = solve_bargaining(election())
    assert isinstance(res, BargainingSolutions) and res["nash"] is res.nash and res["set"] is res.bargaining_set
    assert list(res) == list(res.keys()) and "frontier" in res and len(res.frontier) >= 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.nash = None
    assert res.verify()
    doc = res.document()
    assert doc["command"] == "bargain" and set(doc["claims"]) >= {"nash", "egalitarian", "ideal"}
    check_document(doc)
    bad = {**doc, "ideal": {k: "0" for k in doc["ideal"]}}
    with pytest.raises(CheckFailure, match="ideal"):
        check_document(bad)
    with pytest.raises(InputError, match="weights"):
        solve_bargaining(election(), weights=[1, -1])


def test_no_agreement_certificate_is_bound_to_its_problem():
    """An LP of another problem (here a trivial one with optimum 0 <= y . d) must not prove
    'no beneficial agreement' for a problem that has one (found by an independent review)."""
    from exactgame.bargaining.agreement import NoAgreementCertificate, beneficial_agreement
    from exactgame.bargaining.bargaining_set import ic_lp
    from exactgame.bargaining.examples import election, guessing_agents
    from exactgame.certificates import certificate_from_dict
    from exactgame.errors import CertificateError
    from exactgame.geometry.lp import solve_lp, solve_problem

    p = election()
    d = p.disagreement()
    assert beneficial_agreement(p).beneficial
    y = (Fraction(1, 2), Fraction(1, 2))
    fake = NoAgreementCertificate(p, y, d, solve_lp([0, 0], A_eq=[[1, 1]], b_eq=[1]).certificate)
    with pytest.raises(CertificateError, match="the LP is not"):
        fake.verify()
    honest_lp = solve_problem(ic_lp(p, y)).certificate   # the right LP, but its optimum beats y . d
    with pytest.raises(CertificateError, match="positive weighted surplus"):
        NoAgreementCertificate(p, y, d, honest_lp).verify()
    g = guessing_agents()
    r = beneficial_agreement(g)
    assert not r.beneficial and r.certificate.verify()
    back = certificate_from_dict(r.certificate.to_dict())
    assert back.verify() and back.problem.agents == g.agents
    other = NoAgreementCertificate(p, r.certificate.weights, r.certificate.d, r.certificate.lp)
    with pytest.raises(CertificateError):
        other.verify()
