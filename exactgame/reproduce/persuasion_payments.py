"""Catalogue entries of 003_e54e9b7a7da88b3e.txt (Lagrangian duality for persuasion with payments)."""

from __future__ import annotations

from ..errors import CertificateError
from ..numbers import fmt
from ..persuasion.payments import (
    PAYMENT_MODELS,
    persuade_with_payments,
    recommendation_table,
    scheme_value,
    two_action_example,
    welfare_scheme,
    zero_sum_example,
)
from .registry import entry

SOURCE = "003_e54e9b7a7da88b3e.txt"


@entry(SOURCE, "Section 4.1: maximize s + r with optimal (arbitrary) payments: sender utility", "17/16")
def s41_welfare():
    g = two_action_example()
    r = persuade_with_payments(g, "arbitrary")  # certificate of the LP the comparison is about
    return fmt(scheme_value(g, welfare_scheme(g, 1))), [r.lp.certificate]


@entry(SOURCE, "Section 4.1 / Proposition 4: maximize s + 2r with optimal payments, and the LP optimum", "9/8, 9/8")
def s41_optimal():
    g = two_action_example()
    r = persuade_with_payments(g, "arbitrary")
    return f"{fmt(scheme_value(g, welfare_scheme(g, 2)))}, {fmt(r.value)}", [r.lp.certificate]


# Section 4.1's table, from action A's side. The paper encodes a type as (receiver, sender)
# payoffs; in the scheme (2) paragraph it then writes "(0, 1) ... 5/8, (1, 0) ... 3/8", but its
# own next lines, E[r | A] = (7/8 + 5/8 + 0 + 0)/2 and E[s | A] = (7/8 + 0 + 3/8 + 0)/2, need the
# 5/8 type to pay the receiver 1 and the 3/8 type to pay the sender 1: the labels of that
# sentence are swapped (so is "tie-breaks in favor of (0, 1)": s + 2r favours the receiver's
# type). exactgame computes 5/8 for receiver-only and 3/8 for sender-only; the entries name the
# types in words (both, receiver-only, sender-only, neither) so that both readings are plain.
_TYPES = ((1, 1), (0, 1), (1, 0), (0, 0))     # (sender, receiver): both, receiver-only, sender-only, neither


def _numbers(t) -> str:
    return ", ".join(fmt(x) for x in (t["receiver_follow"], t["receiver_deviate"]["a2"], t["payment"], t["sender_follow"],
                                      t["sender_utility"]))


def _table(weight: int):
    g = two_action_example()
    return recommendation_table(g, welfare_scheme(g, weight), "a1"), persuade_with_payments(g, "arbitrary")


@entry(SOURCE, "Section 4.1, scheme (1) (argmax s + r, uniform ties): Pr[A recommended | A's type] for the types "
       "both / receiver-only / sender-only / neither", "7/8, 1/2, 1/2, 1/8")
def s41_scheme1_types():
    t, r = _table(1)
    return ", ".join(fmt(t["recommended_given_type"][pair]) for pair in _TYPES), [r.lp.certificate]


@entry(SOURCE, "Section 4.1, scheme (1): E[r(A) | A], E[r(B) | A], optimal payment per recommendation (-6/16), "
       "E[s(A) | A], sender utility", "11/16, 5/16, -3/8, 11/16, 17/16")
def s41_scheme1_numbers():
    t, r = _table(1)
    return _numbers(t), [r.lp.certificate]


@entry(SOURCE, "Section 4.1, scheme (2) (argmax s + 2r): Pr[A recommended | A's type] for the types "
       "both / receiver-only / sender-only / neither (the paper swaps the labels of the middle two)", "7/8, 5/8, 3/8, 1/8")
def s41_scheme2_types():
    t, r = _table(2)
    return ", ".join(fmt(t["recommended_given_type"][pair]) for pair in _TYPES), [r.lp.certificate]


@entry(SOURCE, "Section 4.1, scheme (2): E[r(A) | A], E[r(B) | A], optimal payment per recommendation, "
       "E[s(A) | A], sender utility (= the LP optimum, certified)", "3/4, 1/4, -1/2, 5/8, 9/8")
def s41_scheme2_numbers():
    t, r = _table(2)
    if t["sender_utility"] != r.value:
        raise CertificateError("Section 4.1: scheme (2) does not attain the certified optimum")
    return _numbers(t), [r.lp.certificate]


@entry(SOURCE, "Section 4.2 (zero-sum): optimal value with no / nonnegative / budget-balanced / arbitrary payments",
       "1/2, 1/2, 1, 3/2")
def s42_values():
    rs = [persuade_with_payments(zero_sum_example(), m) for m in PAYMENT_MODELS]
    return ", ".join(fmt(r.value) for r in rs), [r.lp.certificate for r in rs]


def _section_4_1_types(n: int):
    """Section 4.1's four i.i.d. uniform types on ``n`` actions, as an action-types game."""
    from ..persuasion.action_types import ActionTypeGame

    return ActionTypeGame.make([f"a{i + 1}" for i in range(n)], ["neither", "sender-only", "receiver-only", "both"],
                               {"neither": [0, 0], "sender-only": [1, 0], "receiver-only": [0, 1], "both": [1, 1]},
                               type_prior=["1/4"] * 4)


@entry(SOURCE, "Section 4.1 / Proposition 4 as an action-types instance: the optimum with arbitrary payments, the "
       "symmetric optimal dual lambda(A, B) = lambda(B, A) (Proposition 2), the payment per recommendation", "9/8, 1, -1/2")
def s41_symmetric():
    from ..persuasion.symmetric import symmetric_optimum

    s = symmetric_optimum(_section_4_1_types(2), "arbitrary")
    per = {2 * v for v in s.expected_payments.values()}        # Pr[i] = 1/2 in a symmetric scheme
    return f"{fmt(s.value)}, {fmt(s.lam)}, {', '.join(fmt(v) for v in per)}", [s]


@entry(SOURCE, "Section 6.3 (symmetric, arbitrary payments): the optimal dual is lambda = 1/(n-1) and the scheme is "
       "argmax s + n/(n-1) r (Corollary 1, Proposition 5); lambda and n lambda for Section 4.1's types on n = 2, 3, 4",
       "1, 2; 1/2, 3/2; 1/3, 4/3")
def s63_lambda():
    from ..persuasion.symmetric import corollary_1_bound, symmetric_optimum

    parts, certs = [], []
    for n in (2, 3, 4):
        g = _section_4_1_types(n)
        s = symmetric_optimum(g, "arbitrary")
        bound = corollary_1_bound(g, s.lam, "arbitrary")
        if bound is None or bound[0] != s.value:
            raise CertificateError("Section 6.3: Corollary 1's Lagrangian bound does not meet the optimum")
        parts.append(f"{fmt(s.lam)}, {fmt(n * s.lam)}")
        certs.append(s)
    return "; ".join(parts), certs
