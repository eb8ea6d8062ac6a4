"""Catalogue entries of 003_e54e9b7a7da88b3e.txt (Lagrangian duality for persuasion with payments)."""

from __future__ import annotations

from ..numbers import fmt
from ..persuasion.payments import (
    PAYMENT_MODELS,
    persuade_with_payments,
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


@entry(SOURCE, "Section 4.2 (zero-sum): optimal value with no / nonnegative / budget-balanced / arbitrary payments",
       "1/2, 1/2, 1, 3/2")
def s42_values():
    rs = [persuade_with_payments(zero_sum_example(), m) for m in PAYMENT_MODELS]
    return ", ".join(fmt(r.value) for r in rs), [r.lp.certificate for r in rs]
