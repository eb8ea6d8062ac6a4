r"""Checks of ``persuade --reduced-form`` documents (003_e54e9b7a7da88b3e.txt, Appendix C).

From the game: each action's types (the distinct ``(u_S, u_R)`` pairs, in order of first
appearance over the states); from the scheme that the main check proved optimal (``outcome``)
and its proved expected payments, the signature ``M[i][j][k] = sum_w mu_w phi_w(i) [type of j in
w is k]``, LP-Independent-with-Payments' objective ``sum_i sum_k M^i_ik xi^i_k - sum_i P(i)`` (it
must equal the proved ``value``: both are the same linear function of the scheme) and the
corrected constraints ``P(i) + sum_k M^i_ik rho^i_k >= sum_k M^i_jk rho^j_k``; and whether the prior
is a product over the types.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import expect_equal, lookup, num, table

__all__ = ["check_reduced_form"]


def check_reduced_form(doc: Mapping[str, Any], g, p) -> list[str]:
    """Check the ``reduced_form`` table (module doc) after the main ``persuade`` check.

    Parameters
    ----------
    doc : mapping
        The document.
    g : CheckedGame
        The sender-receiver game.
    p : sequence of Fraction
        The prior used.

    Returns
    -------
    list of str
        The keys proved.

    Raises
    ------
    CheckFailure
        At the first key that does not hold.

    >>> from exactgame.check import check_document
    >>> from exactgame.persuasion.payments import zero_sum_example   # the engine writes the document
    >>> from exactgame.persuasion.report import persuasion_report
    >>> doc = persuasion_report(zero_sum_example(), payments="arbitrary", reduced_form=True).document()
    >>> "reduced_form/value" in check_document(doc).proved
    True
    """
    A, S = g.actions, g.states
    mu = dict(zip(S, p))
    types: dict[str, list[tuple[Fraction, Fraction]]] = {a: [] for a in A}
    theta: dict[str, dict[str, int]] = {w: {} for w in S}
    for w in S:
        for j, a in enumerate(A):
            pair = (g.sender[w][j], g.receiver[w][j])
            if pair not in types[a]:
                types[a].append(pair)
            theta[w][a] = types[a].index(pair)
    claimed_types = {a: [tuple(num(x, f"reduced_form/types/{a}") for x in pair) for pair in t]
                     for a, t in table(lookup(doc, "reduced_form/types"), "reduced_form/types").items()}
    expect_equal("reduced_form/types", claimed_types, types)
    outcome = table(lookup(doc, "outcome"), "outcome")
    M = {i: {j: [Fraction(0)] * len(types[j]) for j in A} for i in A}
    for w in S:
        for i, q in table(outcome.get(w, {}), f"outcome/{w}").items():
            q = num(q, f"outcome/{w}/{i}")
            for j in A:
                M[i][j][theta[w][j]] += mu[w] * q
    sig = table(lookup(doc, "reduced_form/signature"), "reduced_form/signature")
    claimed = {i: {j: [num(x, f"reduced_form/signature/{i}/{j}") for x in row] for j, row in table(r, f"reduced_form/signature/{i}").items()}
               for i, r in sig.items()}
    expect_equal("reduced_form/signature", claimed, M)
    P = {a: num(v, f"expected_payments/{a}") for a, v in table(doc.get("expected_payments", {}), "expected_payments").items()}
    value = sum((M[i][i][k] * types[i][k][0] for i in A for k in range(len(types[i]))), Fraction(0)) - sum(P.values(), Fraction(0))
    expect_equal("reduced_form/value", num(lookup(doc, "reduced_form/value"), "reduced_form/value"), value)
    expect_equal("reduced_form/value", value, num(lookup(doc, "value"), "value"))
    ok = all(P.get(i, Fraction(0)) + sum((M[i][i][k] * types[i][k][1] for k in range(len(types[i]))), Fraction(0))
             >= sum((M[i][j][k] * types[j][k][1] for k in range(len(types[j]))), Fraction(0))
             for i in A if sum(M[i][i], Fraction(0)) for j in A if j != i)
    expect_equal("reduced_form/persuasive", lookup(doc, "reduced_form/persuasive"), ok)
    indep = _independent(A, S, mu, types, theta)
    expect_equal("reduced_form/independent", lookup(doc, "reduced_form/independent"), indep)
    return [f"reduced_form/{k}" for k in ("types", "signature", "value", "persuasive", "independent")]


def _independent(A, S, mu, types, theta) -> bool:
    """Whether every type vector's probability is the product of the types' marginals."""
    joint: dict[tuple[int, ...], Fraction] = {}
    for w in S:
        key = tuple(theta[w][a] for a in A)
        joint[key] = joint.get(key, Fraction(0)) + mu[w]
    marg = [[sum((v for key, v in joint.items() if key[n] == k), Fraction(0)) for k in range(len(types[a]))] for n, a in enumerate(A)]
    # the joint equals the product on its support, hence (both sum to 1) outside it too
    indep = True
    for key, v in joint.items():
        prod = Fraction(1)
        for n in range(len(A)):
            prod *= marg[n][key[n]]
        indep = indep and v == prod
    return indep
