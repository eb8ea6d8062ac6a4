"""Section 3.1.1 of 000_2cf035f6c25283ea.txt: cheap talk in Example 1 (Figure 2, Proposition 4)."""

from fractions import Fraction

from exactgame.cheaptalk import best_equilibrium
from exactgame.reproduce.communication_efficiency import example1_game

F = Fraction


def test_influential_equilibrium_at_one_half():
    """'the influential equilibrium for prior p = 0.5 ... posterior beliefs q = 0.4 and q = 0.6 are induced';
    the sender randomizes between a1 and a2 at 0.4; quasicav V(1/2) = 3."""
    eq = best_equilibrium(example1_game(), ["1/2", "1/2"])
    assert eq.verify() and eq.sender_value == 3 and eq.influential
    by_q = {q[1]: eq.tau[f"m{k}"] for k, q in enumerate(eq.posteriors)}
    assert set(by_q) == {F(2, 5), F(3, 5)}
    assert set(by_q[F(2, 5)]) == {"a1", "a2"} and by_q[F(3, 5)] == {"a3": 1}
    assert not eq.efficiency.efficient  # Proposition 4: influential => inefficient
    assert eq.efficiency.ex_post_certificates["w0"].better["w0"] == {"a1": 1}  # both prefer a1 in w0


def test_babbling_with_a3_on_point_six_to_point_eight():
    """'given a prior p in [0.6, 0.8] ... the equilibrium is babbling, resulting in action a3 with certainty'."""
    for p in (F(3, 5), F(13, 20), F(7, 10), F(4, 5)):
        eq = best_equilibrium(example1_game(), [1 - p, p])
        assert not eq.influential and eq.sender_value == 3
        assert all(d == {"a3": 1} for d in eq.outcome.values())
        assert not eq.efficiency.ex_post_efficient["w0"]


def test_preferred_action_with_certainty_is_efficient():
    """Proposition 4 (<=): babbling with a* = a1 (p in [0.2, 0.4]) is efficient."""
    eq = best_equilibrium(example1_game(), ["7/10", "3/10"])
    assert eq.preferred_action == "a1" and eq.preferred_with_certainty and eq.efficiency.efficient
