"""Catalogue entries of 003_e54e9b7a7da88b3e.txt computed through Appendix C's reduced forms.

Section 4.1's "probability that A is recommended given A's type" is a reduced-form quantity:
``M^A_{A,k} / Pr[theta_A = k]`` for the signature ``M`` of the scheme
(:func:`exactgame.persuasion.reduced_form.signature`). These entries recompute the printed
numbers that way -- independently of ``recommendation_table`` -- and the value of
LP-Independent-with-Payments at the certified optimal scheme's signature.
"""

from __future__ import annotations

from fractions import Fraction

from ..numbers import fmt
from ..persuasion.payments import persuade_with_payments, two_action_example, welfare_scheme
from ..persuasion.reduced_form import action_types, reduced_form, signature
from .registry import entry

SOURCE = "003_e54e9b7a7da88b3e.txt"
_ORDER = ((1, 1), (0, 1), (1, 0), (0, 0))     # (sender, receiver): both, receiver-only, sender-only, neither


def given_type(weight: int) -> list[Fraction]:
    """Pr[a1 recommended | a1's type] for scheme ``weight`` of Section 4.1, from the signature.

    Parameters
    ----------
    weight : int
        1 for scheme (1) (argmax s + r), 2 for scheme (2) (argmax s + 2r).

    Returns
    -------
    list of Fraction
        For the types both, receiver-only, sender-only, neither: ``M^a1_{a1,k} / Pr[type k]``.

    >>> [str(x) for x in given_type(2)]
    ['7/8', '5/8', '3/8', '1/8']
    """
    g = two_action_example()
    scheme = welfare_scheme(g, weight)
    types, theta = action_types(g)
    M = signature(g, scheme)
    mu = dict(zip(g.states, g.prior))
    marginal = [sum((mu[w] for w in g.states if theta[w]["a1"] == k), Fraction(0)) for k in range(len(types["a1"]))]
    return [M["a1"]["a1"][types["a1"].index((Fraction(s), Fraction(r)))] / marginal[types["a1"].index((Fraction(s), Fraction(r)))]
            for s, r in _ORDER]


@entry(SOURCE, "Section 4.1 via Appendix C's signature: Pr[A recommended | A's type] (both / receiver-only / "
       "sender-only / neither) for scheme (1), then scheme (2)", "7/8, 1/2, 1/2, 1/8; 7/8, 5/8, 3/8, 1/8")
def s41_signature():
    r = persuade_with_payments(two_action_example(), "arbitrary")
    return "; ".join(", ".join(fmt(x) for x in given_type(k)) for k in (1, 2)), [r.lp.certificate]


@entry(SOURCE, "Section 4.1 via Appendix C: LP-Independent-with-Payments at the optimal signature (i.i.d. types)", "9/8")
def s41_reduced_value():
    g = two_action_example()
    r = persuade_with_payments(g, "arbitrary")
    rf = reduced_form(g, r.scheme, r.expected_payments)
    if not (rf.independent and rf.persuasive):  # pragma: no cover - the identity of reduced_form's module doc
        raise ValueError("Section 4.1: the reduced form is not i.i.d. or not persuasive")
    return fmt(rf.value), [r.lp.certificate]
