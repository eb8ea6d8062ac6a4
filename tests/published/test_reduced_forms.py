"""003_e54e9b7a7da88b3e.txt, Appendix C (reduced forms), applied to the Section 4.1 example: the
printed 'Pr[A recommended | A's type]' numbers are signature entries, and LP-Independent-with-
Payments at the optimal signature is the printed optimum 9/8."""

from fractions import Fraction as F

from exactgame.persuasion.payments import persuade_with_payments, two_action_example
from exactgame.persuasion.reduced_form import is_independent, printed_constraint_gap, reduced_form
from exactgame.reproduce.reduced_forms import given_type


def test_section_4_1_recommendation_given_type_from_the_signature():
    """Section 4.1: scheme (1) 7/8, 1/2, 1/2, 1/8; scheme (2) 7/8, 5/8, 3/8, 1/8 (types: both,
    receiver-only, sender-only, neither; see reproduce/persuasion_payments.py on the swapped labels)."""
    assert given_type(1) == [F(7, 8), F(1, 2), F(1, 2), F(1, 8)]
    assert given_type(2) == [F(7, 8), F(5, 8), F(3, 8), F(1, 8)]


def test_section_4_1_reduced_lp_value():
    """Section 4.1 / Proposition 4: optimum 9/8 with arbitrary payments; the types are i.i.d. (Appendix C's setting)."""
    g = two_action_example()
    assert is_independent(g)
    r = persuade_with_payments(g, "arbitrary")
    rf = reduced_form(g, r.scheme, r.expected_payments)
    assert rf.value == F(9, 8) == r.value and rf.persuasive


def test_appendix_c_printed_constraint_is_a_typo():
    """LP-Independent-with-Payments prints rho^i_k on the right side; the deviation's payoff needs rho^j_k.
    On the zero-sum example of Section 4.2 the two differ (-3/2 against the true -1/2)."""
    from exactgame.persuasion.payments import zero_sum_example

    g = zero_sum_example()
    printed, corrected = printed_constraint_gap(g, {w: {"1": F(1)} for w in g.states}, "1", "0")
    assert (printed, corrected) == (F(-3, 2), F(-1, 2))
    # the corrected one is the receiver's payoff of action 0 when 1 is recommended
    mu = dict(zip(g.states, g.prior))
    assert corrected == sum(mu[w] * g.receiver[w][0] for w in g.states)
