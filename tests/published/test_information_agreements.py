"""Examples of 002_b82d6ff4761a0a82.txt (Akoz and Samsonov, "Information agreements")."""

from fractions import Fraction

from exactgame.bargaining import bargaining_set, beneficial_agreement, solve_bargaining
from exactgame.bargaining.examples import election, guessing_agents, three_parties, winner_takes_all

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
