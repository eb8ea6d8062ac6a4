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


def test_section_4_1_every_intermediate_number():
    """003 Section 4.1, both schemes, from action A's side (types as (sender, receiver) pairs):
    scheme (1): A recommended w.p. 7/8 (both 1), 1/2, 1/2, 1/8 (neither); E[r(A) | A] = 11/16,
    E[r(B) | A] = 5/16, payment -6/16 per recommendation, E[s(A) | A] = 11/16, utility 17/16.
    Scheme (2): 7/8, 5/8 (receiver-only), 3/8 (sender-only), 1/8; 3/4, 1/4, -1/2, 5/8, 9/8.
    The paper's sentence gives 5/8 to '(0, 1)' in its (receiver, sender) encoding, but its next
    two averages need 5/8 on the receiver-only type: the labels are swapped there."""
    from exactgame.persuasion.payments import recommendation_table

    g = two_action_example()
    both, receiver_only, sender_only, neither = (F(1), F(1)), (F(0), F(1)), (F(1), F(0)), (F(0), F(0))
    t1 = recommendation_table(g, welfare_scheme(g, 1), "a1")
    assert t1["recommended_given_type"] == {both: F(7, 8), receiver_only: F(1, 2), sender_only: F(1, 2), neither: F(1, 8)}
    assert (t1["receiver_follow"], t1["receiver_deviate"], t1["payment"], t1["sender_follow"], t1["sender_utility"]) == \
        (F(11, 16), {"a2": F(5, 16)}, F(-6, 16), F(11, 16), F(17, 16))
    t2 = recommendation_table(g, welfare_scheme(g, 2), "a1")
    assert t2["recommended_given_type"] == {both: F(7, 8), receiver_only: F(5, 8), sender_only: F(3, 8), neither: F(1, 8)}
    assert (t2["receiver_follow"], t2["receiver_deviate"], t2["payment"], t2["sender_follow"], t2["sender_utility"]) == \
        (F(3, 4), {"a2": F(1, 4)}, F(-1, 2), F(5, 8), F(9, 8))
    # the paper's averages, as printed: (7/8 + 5/8 + 0 + 0)/2 and (7/8 + 0 + 3/8 + 0)/2
    assert t2["receiver_follow"] == (F(7, 8) + t2["recommended_given_type"][receiver_only]) / 2
    assert t2["sender_follow"] == (F(7, 8) + t2["recommended_given_type"][sender_only]) / 2
    # the same from action B's side (the game is symmetric)
    assert recommendation_table(g, welfare_scheme(g, 2), "a2")["payment"] == F(-1, 2)
    # scheme (2) attains the certified LP optimum
    r = persuade_with_payments(g, "arbitrary")
    assert r.verify() and r.value == t2["sender_utility"]


def test_section_4_1_as_action_types_file_proposition_2_and_4():
    """003 Section 4.1 / Proposition 4 (proof): in the optimal dual lambda(0, 1) = lambda(1, 0) = 1; the
    optimal scheme recommends argmax s + 2r and pays -1/2 per recommendation; optimum 9/8. From the file
    examples/action_types_section_4_1.toml, with the symmetric optimum of Proposition 2 and the
    document re-checked by the independent checker."""
    from exactgame.games import load_game
    from exactgame.persuasion.report import persuasion_report
    from exactgame.persuasion.symmetric import symmetric_optimum

    g = load_game("examples/action_types_section_4_1.toml")
    s = symmetric_optimum(g, "arbitrary")
    assert s.verify() and (s.value, s.lam) == (F(9, 8), 1)
    assert set(s.expected_payments.values()) == {F(-1, 4)}          # P(i) = Pr[i] p(i) = 1/2 * -1/2
    doc = persuasion_report(g, payments="arbitrary").document()
    assert doc["proposition_2"]["payments"] == {"A": "-1/2", "B": "-1/2"}
    assert doc["corollary_1"]["weight"] == "2" and doc["corollary_1"]["holds"] and doc["proposition_5"]["holds"]
    from exactgame.check import check_document

    check_document(doc)


def test_section_6_3_lambda_is_one_over_n_minus_1():
    """003 Section 6.3 (arbitrary payments): lambda = 1/(n-1) in the optimal symmetric dual, and the
    Lagrangian becomes sum mu phi (s + n/(n-1) r) - C/(n-1); Section 4.1's types on n = 2, 3, 4 actions."""
    from exactgame.persuasion.symmetric import corollary_1_bound, symmetric_optimum
    from exactgame.reproduce.persuasion_payments import _section_4_1_types

    for n in (2, 3, 4):
        g = _section_4_1_types(n)
        s = symmetric_optimum(g, "arbitrary")
        assert s.lam == F(1, n - 1)
        bound, C = corollary_1_bound(g, s.lam, "arbitrary")
        assert bound == s.value == persuade_with_payments(g, "arbitrary").value
        assert bound == sum(m * max(x + F(n, n - 1) * y for x, y in zip(g.sender[w], g.receiver[w]))
                            for m, w in zip(g.prior, g.states)) - C / (n - 1)
