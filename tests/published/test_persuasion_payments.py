"""Section 4 of 003_e54e9b7a7da88b3e.txt: the illustrative examples."""

from fractions import Fraction

from exactgame.persuasion.payments import (
    PAYMENT_MODELS,
    optimal_payments,
    persuade_with_payments,
    scheme_value,
    two_action_example,
    welfare_scheme,
    zero_sum_example,
)

F = Fraction


def test_section_4_1_tempting_but_false():
    """s + r with optimal payments gives 17/16 (payments -6/16 each); s + 2r gives 9/8 (payments -1/2); LP optimum 9/8."""
    g = two_action_example()
    first, second = welfare_scheme(g, 1), welfare_scheme(g, 2)
    assert set(optimal_payments(g, first).values()) == {F(-6, 16) / 2}  # T_i = -6/16 per unit of Pr[i] = 1/2
    assert scheme_value(g, first) == F(17, 16)
    assert scheme_value(g, second) == F(9, 8)
    r = persuade_with_payments(g, "arbitrary")
    assert r.value == F(9, 8) and r.verify()
    # the paper's optimal scheme pays -1/2 per recommendation (T_i = Pr[i] * p(i) = 1/2 * -1/2)
    assert set(optimal_payments(g, second).values()) == {F(-1, 4)}


def test_section_4_2_contrasting_payment_schemes():
    """Zero-sum: 1/2 without payments, 1/2 nonnegative, 1 budget-balanced, 3/2 arbitrary ('always recommend 0 and charge 1')."""
    values = {m: persuade_with_payments(zero_sum_example(), m) for m in PAYMENT_MODELS}
    assert {m: r.value for m, r in values.items()} == {"none": F(1, 2), "nonnegative": F(1, 2),
                                                        "budget-balanced": 1, "arbitrary": F(3, 2)}
    assert all(r.verify() for r in values.values())
    always_0 = {"0": {"0": F(1)}, "1": {"0": F(1)}}  # 'always recommend action 0 and charge 1'
    assert optimal_payments(g := zero_sum_example(), always_0)["0"] == -1 and scheme_value(g, always_0) == F(3, 2)


def test_section_4_2_the_papers_budget_balanced_scheme():
    """q = 1/2: recommend 1 w.p. q in state 1, pay 2 for 1 and charge (1-q)/(1-q/2) for 0: total payment 0, utility 1."""
    g = zero_sum_example()
    q = F(1, 2)
    scheme = {"0": {"0": F(1)}, "1": {"1": q, "0": 1 - q}}
    T = optimal_payments(g, scheme)  # expected payments P(i) = T_i at the optimum
    assert T["1"] == 2 * q * F(1, 2) and T["0"] == -(1 - q)
    assert T["0"] + T["1"] == 0  # budget-balanced
    sender = F(1, 2) * 1 + F(1, 2) * (q * 2 + (1 - q) * 0)
    assert sender - (T["0"] + T["1"]) == 1 == persuade_with_payments(g, "budget-balanced").value
