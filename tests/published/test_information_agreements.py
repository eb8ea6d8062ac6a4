"""Examples of 002_b82d6ff4761a0a82.txt (Akoz and Samsonov, "Information agreements")."""

from fractions import Fraction

import pytest

from exactgame.bargaining import bargaining_set, beneficial_agreement, solve_bargaining
from exactgame.bargaining.examples import election, guessing_agents, three_parties, winner_takes_all
from exactgame.bargaining.privacy import (
    category_structure,
    interval_partitions,
    pareto_efficient,
    price_discrimination,
    revenue_condition,
    trade_probability,
)
from exactgame.bargaining.selection import is_endorsement_rule, proposition_6_rule, robust_to_ex_post, symmetric_selection

F = Fraction


def test_election_disagreement_and_endorsement_rule():
    """Introduction: d = 1.1 each; the rule endorsing each side w.p. 1/8 in the Centrist state gives 1.2 each,
    is Pareto efficient and is the Nash, Kalai-Smorodinsky and egalitarian solution."""
    p = election()
    assert p.disagreement() == (F(11, 10), F(11, 10))
    res = solve_bargaining(p)
    for k in ("nash", "kalai_smorodinsky", "egalitarian"):
        assert res[k].payoff == (F(6, 5), F(6, 5))
    assert res["nash"].certificate.verify()
    assert res["nash"].structure["centre"] == {"L": F(1, 8), "C": F(3, 4), "R": F(1, 8)}
    assert p.ic_violation(res["nash"].structure) is None
    # Pareto efficient: (6/5, 6/5) is a vertex of B exposed by a strictly positive normal
    B = bargaining_set(p)
    assert (F(6, 5), F(6, 5)) in B.polytope.vertices
    value, face = B.polytope.support((1, 1))
    assert face.vertices == ((F(6, 5), F(6, 5)),) and B.verify()


def test_three_parties_theorem_2():
    """Section 3.2: disagreement payoffs 0.375, -0.6, -4.55; Theorem 2 applies; a beneficial agreement exists."""
    p = three_parties()
    assert p.disagreement() == (F(3, 8), F(-3, 5), F(-91, 20))
    r = beneficial_agreement(p)
    assert r.beneficial and r.certificate.verify()
    assert r.tests["theorem_2"]["coalition_size"] == 2
    assert all(u > d for u, d in zip(r.payoff, p.disagreement()))


def test_guessing_agents_no_agreement_with_weights():
    """Section 3.3: no beneficial agreement against full revelation; the weights certificate proves it."""
    r = beneficial_agreement(guessing_agents())
    assert not r.beneficial and r.certificate.verify()
    assert all(y >= 0 for y in r.weights) and sum(r.weights) == 1


def test_winner_takes_all_proposition_2():
    r = beneficial_agreement(winner_takes_all())
    assert not r.beneficial and r.certificate.verify()
    assert r.tests["proposition_2"]["winner_takes_the_most"] and r.tests["proposition_1"]["constant_weighted_sum"]


@pytest.mark.parametrize("n, x, x0, mu0", [
    (2, 1, 1, "4/5"), (2, 1, 1, "2/5"),          # branch 2 (ratio 1/4) and branch 1 (ratio 3/2)
    (3, 1, 1, "4/5"), (3, 2, 1, "3/5"),          # ratio 1/4 and 4/3
    (4, 1, 1, "3/4"), (4, 1, 1, "1/2"),          # ratio 1/3 and 1
])
def test_proposition_6_symmetric_endorsement_rule(n, x, x0, mu0):
    """Proposition 6: the symmetric Nash, Kalai-Smorodinsky and egalitarian solutions give the payoffs of the
    symmetric endorsement rule with pi(a_i | w0) = 1/n or x(1 - mu0)/(n x0 mu0); the rule is robust (eq. (7))."""
    env = symmetric_selection(n, x, x0, mu0, H=3, L=1, Z=0)
    rule = proposition_6_rule(env, n, x, x0, mu0)
    assert is_endorsement_rule(env, rule) and robust_to_ex_post(env, rule)[0]
    res = solve_bargaining(env)
    for k in ("nash", "kalai_smorodinsky", "egalitarian"):
        assert res[k].payoff == env.payoff(rule), k


def test_theorem_3_non_endorsement_rules_are_not_robust():
    """Theorem 3 (only if): full information is robust; a structure that hides agent 1's state is not."""
    env = symmetric_selection(2, 1, 1, "4/5", H=3, L=1, Z=0)
    assert robust_to_ex_post(env, env.full_information())[0]
    hiding = {"w0": {"a0": F(1)}, "w1": {"a0": F(1, 2), "a1": F(1, 2)}, "w2": {"a2": F(1)}}
    assert env.ic_violation(hiding) is None and not is_endorsement_rule(env, hiding)
    ok, why = robust_to_ex_post(env, hiding)
    assert not ok and "agent1" in why


@pytest.mark.parametrize("values, gammas, prior", [
    ([1, 2, 3], [1, 1, 1], ["1/2", "1/4", "1/4"]),       # revenue v P(>= v): 1, 1, 3/4 (decreasing)
    ([1, 2, 3], [1, 2, 1], ["1/5", "1/5", "3/5"]),       # 1, 8/5, 9/5 (increasing)
    ([1, 3, 4, 6], [1, 1, 1, 1], ["1/4", "1/4", "1/4", "1/4"]),
])
def test_propositions_3_and_4(values, gammas, prior):
    """Prop. 3: an IC structure is Pareto efficient iff trade happens with probability one (checked on all
    category structures and on full information). Prop. 4: (i) under the revenue condition every category
    structure is IC with no beneficial agreement; (ii) otherwise some IC category structure admits one."""
    prob = price_discrimination(values, gammas, prior)
    structures = [category_structure(prob, part) for part in interval_partitions(len(values))]
    for pi in structures + [prob.full_information()]:
        assert prob.ic_violation(pi) is None
        assert pareto_efficient(prob, pi) == (trade_probability(prob, pi) == 1)
    verdicts = []
    for part in interval_partitions(len(values)):
        p2 = price_discrimination(values, gammas, prior, disagreement=category_structure(prob, part))
        verdicts.append(beneficial_agreement(p2).beneficial)
    if revenue_condition(prob):
        assert not any(verdicts)
    else:
        assert any(verdicts)


def test_three_parties_nash_is_algebraic_and_certified():
    """With three agents the Nash point can be irrational: here it lies on an edge of B and is
    (577 - sqrt(45259))/600, (23 + sqrt(45259))/600, (-577 + sqrt(45259))/120, certified by exact KKT."""
    import sympy as sp

    res = solve_bargaining(three_parties())
    nash = res["nash"]
    assert nash.certificate.verify() and nash.certificate.kind == "nash-bargaining-algebraic"
    r = sp.sqrt(45259)
    expected = (sp.Rational(577, 600) - r / 600, sp.Rational(23, 600) + r / 600, -sp.Rational(577, 120) + r / 120)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(nash.payoff, expected))
