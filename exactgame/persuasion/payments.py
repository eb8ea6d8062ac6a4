r"""Bayesian persuasion with payments (003_e54e9b7a7da88b3e.txt, Sections 2-6).

The sender recommends action ``i`` with probability :math:`\varphi_\theta(i)` in state
:math:`\theta` and pays the receiver an expected :math:`P(i)` for following it
(LP-General-with-Payments, Section 3.1):

.. math::

    \max\ \sum_{\theta,i}\mu_\theta\varphi_\theta(i)s_\theta(i) - \sum_i P(i)
    \quad\text{s.t.}\quad P(i) + \sum_\theta\mu_\theta\varphi_\theta(i)r_\theta(i) \ge
    \sum_\theta\mu_\theta\varphi_\theta(i)r_\theta(j)\ \ \forall i\ne j,\quad
    \varphi_\theta\in\Delta_n,\ P\in\mathcal{P},

with :math:`\mathcal{P}` one of four payment models: ``none`` (P = 0), ``nonnegative``
(P >= 0), ``budget-balanced`` (:math:`\sum_i P(i) = 0`) and ``arbitrary``.

**Certificates.** The LP's primal-dual certificate, and the partial-Lagrangian check
of **Proposition 1**: the duals :math:`\lambda(i,j) \ge 0` of the persuasiveness
constraints define the dual-adjusted receiver payoff
:math:`r^\lambda_\theta(i) = r_\theta(i)\sum_{j\ne i}\lambda(i,j) - \sum_{j\ne i}\lambda(i,j)r_\theta(j)`,
and the optimal scheme recommends in every state only actions maximizing
:math:`s_\theta(i) + r^\lambda_\theta(i)`; complementary slackness holds.

**Implementable payments.** A pair :math:`(\varphi, P)` is implementable (Section 2) when
:math:`P(i) = \Pr[i]\,p(i)` for some payment :math:`p(i)`, so :math:`P(i) = 0` for a recommendation
that is never sent. The LP above drops that condition, and under budget balance its optimum
may put a positive :math:`P(i)` on an unsent ``i`` (its rows only ask :math:`P(i) \ge 0`) to fund
negative payments elsewhere: a scheme that, as printed, charges the receiver. The LP's value
is still the right one. *Proof.* Every implementable pair is feasible for the LP, so the LP
bounds them all. Conversely take an optimal LP solution, set :math:`P(i) = 0` on every unsent
``i`` and add their sum :math:`c \ge 0` to the payment of one sent recommendation: that payment
only rises, so every persuasiveness row still holds; the total :math:`\sum_i P(i)` and the
payment model (zero sum; sign, as :math:`c \ge 0`) are unchanged; so is the objective. Under the
other models an optimal solution has :math:`P(i) = 0` on unsent ``i`` already (lowering it is
feasible and strictly better). :func:`implementable_payments` does this repair; the results
report the repaired payments, and the checker verifies them against the scheme directly.

**Payments per recommendation** (``payments``): :math:`p(i) = P(i)/\Pr[i]` with
:math:`\Pr[i] = \sum_\theta\mu_\theta\varphi_\theta(i)`, paid whenever ``i`` is recommended, in
every state: the payment depends on the state only through the recommendation, as in eq. (12)
of Appendix A for many receivers (:attr:`~exactgame.persuasion.multireceiver.BinaryResult.payments`).
Footnote 4 of the paper instead pays :math:`P(i)/\varphi_\theta(i)` in state :math:`\theta`; its
expectation is :math:`\sum_\theta\mu_\theta\varphi_\theta(i)P(i)/\varphi_\theta(i) = P(i)\,
\mu(\{\theta: \varphi_\theta(i) > 0\})`, which is :math:`P(i)` only when ``i`` is recommended
with positive probability in (almost) every state. In the budget-balanced optimum of Section 4.2
that exactgame certifies, action 0 is sent only in state 1 and the footnote's rule pays -1/4 in
expectation instead of :math:`P(0) = -1/2` (tests/test_symmetric.py). exactgame reports :math:`P(i)/\Pr[i]`.

**Observation 1** (optimal payments of a given scheme):
:math:`T_i = \max_{j\ne i}\{X(i,j) - X(i,i)\}` with :math:`X(i,j) = \sum_\theta\mu_\theta\varphi_\theta(i)r_\theta(j)`.

>>> g = zero_sum_example()      # Section 4.2
>>> [str(persuade_with_payments(g, m).value) for m in PAYMENT_MODELS]
['1/2', '1/2', '1', '3/2']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from typing import Any, Iterable, Mapping, Sequence

from ..display.citations import cite
from ..display.mixin import Displayable
from ..certificates import encode
from ..results import Claim, certified, proof_document
from ..errors import CertificateError, InputError, TooLargeError, InternalError
from ..games.model import SenderReceiverGame, check_prior
from ..games.obedience import dual_adjusted_payoffs, obedience_matrix
from ..geometry.sparse import SparseMatrix, common_denominator
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..numbers import to_fraction, to_vector

__all__ = [
    "PAYMENT_MODELS",
    "PaymentsResult",
    "payments_lp",
    "implementable_payments",
    "persuade_with_payments",
    "optimal_payments",
    "scheme_value",
    "welfare_scheme",
    "recommendation_table",
    "action_type_game",
    "zero_sum_example",
    "two_action_example",
    "MAX_TYPE_PROFILES",
    "Proposition3",
    "proposition_3",
]

PAYMENT_MODELS = ("none", "nonnegative", "budget-balanced", "arbitrary")

#: Refuse action-type instances with more states (type profiles) than this.
MAX_TYPE_PROFILES = 20_000

Scheme = Mapping[str, Mapping[str, Fraction]]


def implementable_payments(expected: Mapping[Any, Fraction], probability: Mapping[Any, Fraction]) -> dict[Any, Fraction]:
    r"""Expected payments made implementable: zero on every recommendation of probability zero.

    The total on unsent recommendations (each is :math:`\ge 0` in an LP optimum) moves to the
    most likely recommendation (the first on ties), which only raises that payment; see the
    module docstring for why value, feasibility and the payment model are kept.

    Parameters
    ----------
    expected : {key: P}, the LP's expected payments
    probability : {key: Pr[key recommended]}, the same keys

    Returns
    -------
    dict
        {key: P'} with P' = 0 where the probability is 0 and the same sum.

    Examples
    --------
    >>> F = Fraction
    >>> implementable_payments({"a0": F(-43, 10), "a1": F(43, 10)}, {"a0": F(1), "a1": F(0)})
    {'a0': Fraction(0, 1), 'a1': Fraction(0, 1)}
    """
    out = {k: (v if probability[k] else Fraction(0)) for k, v in expected.items()}
    surplus = sum((v for k, v in expected.items() if not probability[k]), Fraction(0))
    if surplus:
        sent = [k for k in expected if probability[k]]
        if not sent or surplus < 0:
            raise InternalError("payments: an unsent recommendation carries a negative expected payment in an LP optimum")
        top = max(sent, key=lambda k: probability[k])
        out[top] += surplus
    return out


def check_implementable(model: str, scheme_probability: Mapping[Any, Fraction], expected: Mapping[Any, Fraction],
                        thresholds: Mapping[Any, Fraction]) -> None:
    """Raise CertificateError unless the expected payments implement a persuasive scheme within the model:
    zero where never recommended, at least the threshold T where recommended, and P >= 0
    (nonnegative), sum 0 (budget-balanced) or all 0 (none).

    Parameters
    ----------
    model : str
        One of :data:`PAYMENT_MODELS`.
    scheme_probability : mapping
        ``{action: Pr[action recommended]}``.
    expected : mapping
        ``{action: P(action)}``, the expected payments, same keys.
    thresholds : mapping
        ``{action: T_i}`` of Observation 1 (:func:`optimal_payments`), same keys.

    Raises
    ------
    CertificateError
        Naming the first condition that fails.

    >>> check_implementable("nonnegative", {"a": 1, "b": 0}, {"a": 0, "b": 0}, {"a": -1, "b": 0})
    >>> check_implementable("nonnegative", {"a": 1, "b": 0}, {"a": -1, "b": 0}, {"a": -1, "b": 0})
    Traceback (most recent call last):
    exactgame.errors.CertificateError: payments: a negative payment under the model 'nonnegative'
    """
    for k, v in expected.items():
        if not scheme_probability[k] and v:
            raise CertificateError(f"payments: {k} is never recommended but carries the expected payment {v}")
        if scheme_probability[k] and v < thresholds[k]:
            raise CertificateError(f"payments: recommending {k} is not persuasive (P = {v} < T = {thresholds[k]})")
    if model == "none" and any(expected.values()):
        raise CertificateError("payments: the model 'none' pays nothing")
    if model == "nonnegative" and any(v < 0 for v in expected.values()):
        raise CertificateError("payments: a negative payment under the model 'nonnegative'")
    if model == "budget-balanced" and sum(expected.values(), Fraction(0)):
        raise CertificateError("payments: the expected payments do not sum to zero (budget balance)")


def _layout(game: SenderReceiverGame, model: str) -> tuple[int, int, int]:
    """(number of phi variables, number of payment variables, actions)."""
    nA = len(game.actions)
    nphi = len(game.states) * nA
    npay = {"none": 0, "nonnegative": nA, "budget-balanced": 2 * nA, "arbitrary": 2 * nA}[model]
    return nphi, npay, nA


def payments_lp(game: SenderReceiverGame, prior: Sequence[Fraction], model: str) -> LPProblem:
    """LP-General-with-Payments over ``phi[state, action]`` then the payment variables.

    Payments: ``nonnegative`` uses P(i) >= 0; ``arbitrary`` and ``budget-balanced`` write
    P(i) = P+(i) - P-(i). Row (i, j) of A_ub (in the order i, then j != i) is the
    persuasiveness constraint of recommending i against deviating to j.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    prior : sequence of Fraction
        The prior, one entry per state (not re-checked).
    model : str
        One of :data:`PAYMENT_MODELS`.

    Returns
    -------
    LPProblem
        A maximization over ``phi[t * |A| + i]`` (state-major), then ``P(i)`` (nonnegative) or
        ``P+(i)`` and ``P-(i)`` (budget-balanced, arbitrary; budget balance adds the row
        ``sum_i P(i) = 0``); the objective is ``sum mu phi s - sum_i P(i)``.

    Raises
    ------
    InputError
        On an unknown payment model.

    >>> lp = payments_lp(zero_sum_example(), zero_sum_example().prior, "nonnegative")
    >>> [str(c) for c in lp.c], [[str(x) for x in row] for row in lp.A_ub]
    (['1/2', '1/2', '0', '1', '-1', '-1'], [['0', '0', '-1', '0', '-1', '0'], ['0', '0', '0', '1', '0', '-1']])
    """
    if model not in PAYMENT_MODELS:
        raise InputError(f"payments: unknown model {model!r}; one of {', '.join(PAYMENT_MODELS)}")
    nphi, npay, nA = _layout(game, model)
    S = game.states
    zero = Fraction(0)
    c = [prior[t] * game.sender[w][i] for t, w in enumerate(S) for i in range(nA)]
    if model == "nonnegative":
        c += [Fraction(-1)] * nA
    elif npay:
        c += [Fraction(-1)] * nA + [Fraction(1)] * nA
    A_ub, pairs, A_eq, b_eq = obedience_matrix(prior, S, game.receiver)
    if npay:  # the expected payment P(i) (P+(i) - P-(i)) relaxes recommendation i's rows
        pay: list[tuple[tuple[int, ...], tuple[int, ...], int]] = [
            ((i,), (-1,), 1) if model == "nonnegative" else ((i, nA + i), (-1, 1), 1) for i, _ in pairs]
        A_ub = SparseMatrix.hstack([A_ub, SparseMatrix(npay, pay)])
    A_eq = A_eq.widened(nphi + npay)
    b_ub = [zero] * len(A_ub)
    if model == "budget-balanced":
        A_eq = A_eq + SparseMatrix(nphi + npay, [(tuple(range(nphi, nphi + 2 * nA)), (1,) * nA + (-1,) * nA, 1)])
        b_eq = b_eq + [zero]
    return LPProblem.make(c, A_ub, b_ub, A_eq, b_eq, maximize=True)


@dataclass(frozen=True, repr=False)
class PaymentsResult(Displayable):
    """The optimal scheme under one payment model, with certificates.

    Attributes
    ----------
    value : sender's expected utility net of payments
    scheme : {state: {action: probability}}
    expected_payments : {action: P(i)}
    payments : {action: p(i)}, the payment when i is recommended (P(i) / Pr[i]), for
        recommended actions
    thresholds : {action: T_i}, Observation 1's optimal payments for the scheme
    receiver_value : the receiver's expected payoff including payments
    duals : {(i, j): lambda(i, j)}, the multipliers of the persuasiveness constraints
    lp : LPResult (primal-dual certificate)
    lp_payments : {action: P(i)} of the LP's primal (differ from ``expected_payments`` only
        under budget balance, where unsent recommendations are cleared; see the module docstring)

    >>> r = persuade_with_payments(zero_sum_example(), "budget-balanced")      # Section 4.2
    >>> r.value, r.scheme["1"], r.expected_payments
    (Fraction(1, 1), {'0': Fraction(1, 2), '1': Fraction(1, 2)}, {'0': Fraction(-1, 2), '1': Fraction(1, 2)})
    >>> r.payments, r.receiver_value, r.verify()
    ({'0': Fraction(-2, 1), '1': Fraction(2, 3)}, Fraction(-1, 1), True)
    """

    game: SenderReceiverGame = field(repr=False)
    prior: tuple[Fraction, ...]
    model: str
    value: Fraction
    scheme: Scheme
    expected_payments: Mapping[str, Fraction]
    payments: Mapping[str, Fraction]
    thresholds: Mapping[str, Fraction]
    receiver_value: Fraction
    duals: Mapping[tuple[str, str], Fraction]
    lp: LPResult = field(repr=False)
    lp_payments: Mapping[str, Fraction] | None = field(default=None, repr=False)

    def verify(self) -> bool:
        """The LP certificate, that the LP is this game's, that the reported payments implement
        the scheme at the LP's value, and Proposition 1 for the duals.

        Returns
        -------
        bool
            True; a failed condition raises :class:`~exactgame.errors.CertificateError`.
        """
        self.lp.certificate.verify()
        if self.lp.problem != payments_lp(self.game, self.prior, self.model):
            raise CertificateError("payments: the certified LP is not LP-General-with-Payments of this game")
        return self.check_answer()

    def check_answer(self) -> bool:
        """The reported payments implement the scheme at the LP's value; Proposition 1 for the duals.

        Returns
        -------
        bool
            True; a failed condition raises :class:`~exactgame.errors.CertificateError`.
        """
        g, p = self.game, self.prior
        prob = _recommendation_probabilities(g, p, self.scheme)
        check_implementable(self.model, prob, self.expected_payments, optimal_payments(g, self.scheme, p))
        sender = sum((p[t] * q * g.sender[w][g.actions.index(a)] for t, w in enumerate(g.states) for a, q in self.scheme[w].items()),
                     Fraction(0))
        if sender - sum(self.expected_payments.values()) != self.value:
            raise CertificateError("payments: the reported scheme and payments do not attain the LP's value")
        check_proposition_1(self)
        return True

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-ready data with exact strings.

        Returns
        -------
        dict
            ``value``, ``method``, ``payments_model``, ``outcome`` (the scheme), ``expected_payments``,
            ``payments``, ``optimal_payments_T``, ``receiver_value``, ``lambda`` (keys ``"i->j"``),
            ``prior`` and ``certificates`` (the LP's primal-dual witness).

        Raises
        ------
        InternalError
            If the LP certificate is not an optimality certificate (a bug).
        """
        cert = self.lp.optimality_certificate("payments")
        return {
            "value": encode(self.value),
            "method": f"LP-General-with-Payments ({cite('003_e54e9b7a7da88b3e.txt', 'Section 3.1')} [003_e54e9b7a7da88b3e.txt]), "
                      f"payment model {self.model!r}",
            "payments_model": self.model,
            "outcome": encode(self.scheme),
            "expected_payments": encode(self.expected_payments),
            "payments": encode(self.payments),
            "optimal_payments_T": encode(self.thresholds),
            "receiver_value": encode(self.receiver_value),
            "lambda": {f"{i}->{j}": encode(v) for (i, j), v in self.duals.items()},
            "prior": encode(self.prior),
            "certificates": {"lp": cert.witness()},
        }

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``persuade --payments M --json`` prints).

        Returns
        -------
        dict
            :meth:`to_dict` with the game, its digest, the options and the claims.
        """
        return proof_document("persuade", self.game, {"prior": self.prior, "payments": self.model}, self.to_dict(), self.claims())

    def claims(self) -> list[Claim]:
        """Each answer key with the certificate that proves it (the result protocol).

        Returns
        -------
        list of Claim
            One claim per answer key of :meth:`to_dict`.
        """
        lp = "certificates/lp"
        return [certified("value", lp, proves="the optimum of LP-General-with-Payments rebuilt from the game and the payment model"),
                certified("outcome", lp, proves="an optimal scheme (the LP's primal)"),
                certified("prior", proves="the prior used"),
                certified("expected_payments", lp, proves="expected payments P(i) that implement the scheme (zero on "
                          "recommendations never sent, at least Observation 1's threshold on the others, within the "
                          "payment model) and attain the LP's optimum, which bounds every implementable scheme"),
                certified("payments", lp, proves="P(i) / Pr[i recommended] for recommended actions"),
                certified("optimal_payments_T", lp, proves="Observation 1's thresholds of the optimal scheme, recomputed"),
                certified("receiver_value", lp, proves="the receiver's expected payoff plus payments under the optimal scheme"),
                certified("lambda", lp, proves="optimal duals of the persuasiveness constraints (the LP's dual)")]


def check_proposition_1(r: PaymentsResult) -> bool:
    """Proposition 1: with the optimal duals, the scheme recommends only maximizers of
    s + r^lambda in every state, and lambda(i, j) > 0 makes the receiver indifferent.

    ``r^lambda_w(i) = r_w(i) sum_{j != i} lambda(i, j) - sum_{j != i} lambda(i, j) r_w(j)``; states
    of prior probability 0 are skipped. Indifference (complementary slackness) is
    ``X(i, j) - X(i, i) = P(i)`` with the LP's own payments.

    Parameters
    ----------
    r : PaymentsResult
        The result whose scheme and duals are checked.

    Returns
    -------
    bool
        True; a failure raises :class:`~exactgame.errors.CertificateError`.

    >>> check_proposition_1(persuade_with_payments(zero_sum_example(), "arbitrary"))
    True
    """
    g, A = r.game, r.game.actions
    lam = r.duals
    index = {a: i for i, a in enumerate(A)}
    table, den = dual_adjusted_payoffs(g.states, g.sender, g.receiver, {(index[a], index[b]): v for (a, b), v in lam.items()})
    for t, w in enumerate(g.states):
        if not r.prior[t]:
            continue
        top = max(table[t])  # s + r^lambda in state w, numerators over den
        for a, q in r.scheme[w].items():
            if q and table[t][index[a]] != top:
                raise CertificateError(f"Proposition 1 fails: in state {w} action {a} is recommended but does not "
                                       f"maximize s + r^lambda ({Fraction(table[t][index[a]], den)} < {Fraction(top, den)})")
    X = _x_table(g, r.prior, r.scheme)
    P = r.lp_payments if r.lp_payments is not None else r.expected_payments
    for (a, b), v in lam.items():
        if not v:
            continue
        N, D = X[a]
        pay = Fraction(P.get(a, Fraction(0)))
        if (N[index[b]] - N[index[a]]) * pay.denominator != pay.numerator * D:
            raise CertificateError(f"Proposition 1 (complementary slackness) fails for lambda({a}, {b}) > 0")
    return True


def _x_table(game: SenderReceiverGame, prior, scheme: Scheme) -> dict[str, tuple[list[int], int]]:
    """X(i, j) = sum_theta mu phi(i) r(j), the receiver's payoff from j when i is recommended (joint),
    as ``{i: (N, D)}`` with ``X(i, a_k) = N[k] / D``: integer sums over one denominator per row."""
    A = game.actions
    R, Dr = common_denominator([v for w in game.states for v in game.receiver[w]])
    n = len(A)
    weights: dict[str, list[tuple[int, Fraction]]] = {a: [] for a in A}  # (state index, mu(w) phi_w(a))
    for t, w in enumerate(game.states):
        for a, q in scheme[w].items():
            if q and prior[t]:
                weights[a].append((t, prior[t] * q))
    X = {}
    for a in A:
        C, Dc = common_denominator([c for _, c in weights[a]])
        sums = [0] * n
        for (t, _), ct in zip(weights[a], C):
            row = R[t * n:(t + 1) * n]
            sums = [x + ct * y for x, y in zip(sums, row)]
        X[a] = (sums, Dc * Dr)
    return X


def _recommendation_probabilities(game: SenderReceiverGame, prior, scheme: Scheme) -> dict[str, Fraction]:
    """``{a: sum_w p(w) phi_w(a)}``, the probability that ``a`` is recommended (sparse in the scheme)."""
    prob = {a: Fraction(0) for a in game.actions}
    for t, w in enumerate(game.states):
        for a, q in scheme[w].items():
            if a not in prob:
                raise CertificateError(f"payments: the scheme recommends {a!r} in state {w}, not an action of the game")
            if q and prior[t]:
                prob[a] += prior[t] * q
    return prob


def optimal_payments(game: SenderReceiverGame, scheme: Scheme, prior: Iterable[Any] | None = None) -> dict[str, Fraction]:
    """Observation 1: the thresholds ``T_i = max_{j != i} X(i, j) - X(i, i)`` (scheme persuasive iff P(i) >= T_i).

    ``X(i, j) = sum_theta mu_theta phi_theta(i) r_theta(j)``: the receiver's joint expected payoff
    from playing ``j`` when ``i`` is recommended (0 for an action never recommended).

    Parameters
    ----------
    game : SenderReceiverGame
        The game (at least two actions, else the maximum is over nothing: ValueError).
    scheme : mapping
        ``state -> {action: probability}``.
    prior : sequence, optional
        The prior; the game's prior if None.

    Returns
    -------
    dict of str to Fraction
        ``{action: T_i}``, one per action.

    >>> g = zero_sum_example()
    >>> optimal_payments(g, {"0": {"0": 1}, "1": {"1": 1}})        # full disclosure
    {'0': Fraction(0, 1), '1': Fraction(1, 1)}
    """
    p = game.prior if prior is None else check_prior(prior, game.states)
    X = _x_table(game, p, scheme)
    out = {}
    for i, a in enumerate(game.actions):
        N, D = X[a]
        out[a] = Fraction(max(v for k, v in enumerate(N) if k != i) - N[i], D)
    return out


def scheme_value(game: SenderReceiverGame, scheme: Scheme, model: str = "arbitrary", prior: Iterable[Any] | None = None) -> Fraction:
    """The sender's utility from a scheme with its optimal payments (Definition 1): T_i
    (arbitrary) or max(0, T_i) (nonnegative), paid on recommended actions.

    ``sum_theta mu_theta sum_i phi_theta(i) s_theta(i) - sum_{i recommended} T_i`` (resp.
    ``max(0, T_i)``), with ``T_i`` of :func:`optimal_payments`.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}``.
    model : {"arbitrary", "nonnegative"}
        The payment model.
    prior : sequence, optional
        The prior; the game's prior if None.

    Returns
    -------
    Fraction
        The sender's expected utility net of payments.

    Raises
    ------
    InputError
        For another model.

    >>> g = zero_sum_example()
    >>> scheme_value(g, {"0": {"1": 1}, "1": {"0": 1}}), scheme_value(g, {"0": {"1": 1}, "1": {"0": 1}}, "nonnegative")
    (Fraction(3, 2), Fraction(1, 2))
    """
    p = game.prior if prior is None else check_prior(prior, game.states)
    T = optimal_payments(game, scheme, p)
    sender = sum((p[t] * q * game.sender[w][game.actions.index(a)] for t, w in enumerate(game.states) for a, q in scheme[w].items()),
                 Fraction(0))
    used = {a for w in game.states for a, q in scheme[w].items() if q}
    if model == "arbitrary":
        return sender - sum(T[a] for a in used)
    if model == "nonnegative":
        return sender - sum(max(Fraction(0), T[a]) for a in used)
    raise InputError("scheme_value: model must be 'arbitrary' or 'nonnegative'")


def recommendation_table(game: SenderReceiverGame, scheme: Scheme, action: str,
                         prior: Iterable[Any] | None = None) -> dict[str, Any]:
    r"""Every intermediate number of a scheme from the point of view of one recommendation
    (003_e54e9b7a7da88b3e.txt, Section 4.1), exactly.

    With :math:`\Pr[i] = \sum_\theta \mu_\theta \varphi_\theta(i)` and ``i = action``:

    * ``recommended_given_type``: for each payoff pair (sender, receiver) that ``i`` takes,
      :math:`\Pr[i \text{ recommended} \mid i \text{ has that pair}]`;
    * ``receiver_follow``, ``receiver_deviate[j]``: :math:`E[r(i) \mid i]` and :math:`E[r(j) \mid i]`;
    * ``payment``: the optimal payment per recommendation :math:`T_i/\Pr[i] = \max_j E[r(j) - r(i) \mid i]`
      (Observation 1; negative: the sender charges);
    * ``sender_follow``: :math:`E[s(i) \mid i]`; ``probability``: :math:`\Pr[i]`;
    * ``sender_utility``: the scheme's value with its optimal (arbitrary) payments.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}``.
    action : str
        The recommendation ``i`` looked at.
    prior : sequence, optional
        The prior; the game's prior if None.

    Returns
    -------
    dict
        The keys above, each an exact Fraction (``receiver_deviate``: ``{action: E[r(j) | i]}``;
        ``recommended_given_type``: ``{(s, r): probability}``).

    Raises
    ------
    InputError
        If ``action`` is not an action or the scheme never recommends it.

    Examples
    --------
    >>> g = two_action_example()
    >>> t = recommendation_table(g, welfare_scheme(g, 1), "a1")
    >>> [str(t[k]) for k in ("receiver_follow", "payment", "sender_follow", "sender_utility")]
    ['11/16', '-3/8', '11/16', '17/16']
    """
    p = game.prior if prior is None else check_prior(prior, game.states)
    A, S = game.actions, game.states
    if action not in A:
        raise InputError(f"{action!r} is not an action; actions: {', '.join(A)}")
    i = A.index(action)
    mass = {w: p[t] * scheme[w].get(action, Fraction(0)) for t, w in enumerate(S)}
    prob = sum(mass.values(), Fraction(0))
    if not prob:
        raise InputError(f"the scheme never recommends {action}")
    groups: dict[tuple[Fraction, Fraction], list[Fraction]] = {}
    for t, w in enumerate(S):
        pair = (game.sender[w][i], game.receiver[w][i])
        g = groups.setdefault(pair, [Fraction(0), Fraction(0)])
        g[0] += mass[w]
        g[1] += p[t]
    def cond(row: Mapping[str, Fraction]) -> Fraction:
        return sum((mass[w] * row[w] for w in S), Fraction(0)) / prob

    follow = cond({w: game.receiver[w][i] for w in S})
    deviate = {b: cond({w: game.receiver[w][k] for w in S}) for k, b in enumerate(A) if b != action}
    return {"probability": prob,
            "recommended_given_type": {pair: m / tot for pair, (m, tot) in sorted(groups.items()) if tot},
            "receiver_follow": follow, "receiver_deviate": deviate,
            "payment": max(v - follow for v in deviate.values()) if deviate else Fraction(0),
            "sender_follow": cond({w: game.sender[w][i] for w in S}),
            "sender_utility": scheme_value(game, scheme, "arbitrary", p)}


def welfare_scheme(game: SenderReceiverGame, weight: Any) -> dict[str, dict[str, Fraction]]:
    """Recommend, in every state, a uniformly random action maximizing s + weight * r
    (the lambda-scaled welfare maximizer of Definition 4 with weight = n * lambda).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    weight : exact number
        The weight of the receiver's payoff.

    Returns
    -------
    dict
        ``state -> {action: 1/|argmax|}`` over the maximizers of ``s_w(a) + weight * r_w(a)``
        (ties split uniformly).

    >>> welfare_scheme(zero_sum_example(), 2)
    {'0': {'0': Fraction(1, 2), '1': Fraction(1, 2)}, '1': {'0': Fraction(1, 1)}}
    """
    wt = to_fraction(weight, where="welfare_scheme: weight")
    out = {}
    for w in game.states:
        vals = [game.sender[w][i] + wt * game.receiver[w][i] for i in range(len(game.actions))]
        top = max(vals)
        best = [a for a, v in zip(game.actions, vals) if v == top]
        out[w] = {a: Fraction(1, len(best)) for a in best}
    return out


def persuade_with_payments(game: SenderReceiverGame, model: str = "none", prior: Iterable[Any] | None = None) -> PaymentsResult:
    """Solve LP-General-with-Payments exactly, with the LP certificate and the Proposition 1 check.

    The LP's expected payments are made implementable (:func:`implementable_payments`: zero on
    recommendations never sent) before they are reported; see the module docstring.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    model : str
        One of :data:`PAYMENT_MODELS` (``none``, ``nonnegative``, ``budget-balanced``, ``arbitrary``).
    prior : sequence, optional
        The prior; the game's prior if None.

    Returns
    -------
    PaymentsResult
        The optimal scheme, payments, duals and LP certificate, already checked.

    Raises
    ------
    InputError
        If the game is not a sender-receiver game, the model is unknown, the prior is malformed,
        or payments are asked for with a single action (nothing to deter: unbounded).

    >>> g = zero_sum_example()      # Section 4.2: values 1/2, 1/2, 1, 3/2
    >>> r = persuade_with_payments(g, "arbitrary")
    >>> r.value, r.scheme, r.expected_payments
    (Fraction(3, 2), {'0': {'1': Fraction(1, 1)}, '1': {'0': Fraction(1, 1)}}, {'0': Fraction(-1, 1), '1': Fraction(0, 1)})
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade_with_payments: needs a sender-receiver game")
    p = tuple(game.prior if prior is None else check_prior(prior, game.states))
    if len(game.actions) < 2 and model != "none":
        raise InputError(f"payments ({model}) need at least two actions: with one the receiver has no deviation to "
                         "deter, Observation 1's thresholds are -infinity, and arbitrary payments are unbounded",
                         where="actions")
    problem = payments_lp(game, p, model)
    lp = solve_problem(problem)
    if lp.status != "optimal":  # pragma: no cover - full disclosure with zero payments is always feasible
        raise CertificateError(f"payments: LP-General-with-Payments is {lp.status} (a bug)")
    x, y, value = lp.x, lp.dual_ub, lp.value
    if x is None or y is None or value is None:  # pragma: no cover - an optimal LP has all three
        raise InternalError("payments: the optimal LP-General-with-Payments lacks its primal, duals or value")
    nphi, npay, nA = _layout(game, model)
    A = game.actions
    scheme = {w: {a: x[t * nA + i] for i, a in enumerate(A) if x[t * nA + i]} for t, w in enumerate(game.states)}
    if model == "none":
        P = {a: Fraction(0) for a in A}
    elif model == "nonnegative":
        P = {a: x[nphi + i] for i, a in enumerate(A)}
    else:
        P = {a: x[nphi + i] - x[nphi + nA + i] for i, a in enumerate(A)}
    prob = _recommendation_probabilities(game, p, scheme)
    P_lp, P = P, implementable_payments(P, prob)
    per = {a: P[a] / prob[a] for a in A if prob[a]}
    duals, k = {}, 0
    for a in A:
        for b in A:
            if a != b:
                duals[(a, b)] = y[k]
                k += 1
    recv = sum((p[t] * q * game.receiver[w][A.index(a)] for t, w in enumerate(game.states) for a, q in scheme[w].items()),
               Fraction(0))
    result = PaymentsResult(game, p, model, value, scheme, P, per, optimal_payments(game, scheme, p),
                            recv + sum(P.values()), duals, lp, P_lp)
    result.check_answer()
    return result


# -- instance builders ------------------------------------------------------------------


def action_type_game(types: Sequence[tuple[Any, Any]], n: int, type_prior: Sequence[Any] | None = None,
                     profile_prior: Mapping[tuple[int, ...], Any] | None = None) -> SenderReceiverGame:
    """States are profiles of action types theta in [m]^n; type k pays (xi_k, rho_k) = (sender, receiver).

    Give ``type_prior`` (one distribution over types, i.i.d. across actions) or
    ``profile_prior`` (a distribution over type profiles, e.g. symmetric).

    State ``"k1,k2,..."`` (a type profile ``theta``) pays ``s_theta(a_i) = xi_{theta_i}`` and
    ``r_theta(a_i) = rho_{theta_i}`` for action ``a_i`` (Section 4 of 003_e54e9b7a7da88b3e.txt).

    Parameters
    ----------
    types : sequence of pairs
        ``(xi_k, rho_k)`` = (sender payoff, receiver payoff) of type ``k``.
    n : int
        The number of actions ``a1..an``.
    type_prior : sequence, optional
        One probability per type; uniform if neither prior is given.
    profile_prior : mapping, optional
        ``{type profile tuple: probability}``; profiles left out have probability 0. Takes
        precedence over ``type_prior``.

    Returns
    -------
    SenderReceiverGame
        States are the ``m^n`` type profiles in lexicographic order.

    Raises
    ------
    InputError
        If a type is not a pair or the prior is not a distribution.
    TooLargeError
        Beyond :data:`MAX_TYPE_PROFILES` type profiles.

    >>> g = action_type_game([(0, 1), (1, 0)], 2, ["1/4", "3/4"])
    >>> g.states, g.prior, g.sender["0,1"], g.receiver["0,1"]
    (('0,0', '0,1', '1,0', '1,1'), (Fraction(1, 16), Fraction(3, 16), Fraction(3, 16), Fraction(9, 16)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    pairs = [to_vector(t, where="action_type_game: types") for t in types]
    if any(len(t) != 2 for t in pairs):
        raise InputError("action_type_game: each type is a pair (sender payoff xi, receiver payoff rho)")
    m = len(pairs)
    if m ** n > MAX_TYPE_PROFILES:
        raise TooLargeError(f"action_type_game: {m}^{n} = {m ** n} type profiles, more than the limit {MAX_TYPE_PROFILES}")
    profiles = list(product(range(m), repeat=n))
    if profile_prior is not None:
        prior = [to_fraction(profile_prior.get(th, 0), where="profile_prior") for th in profiles]
    else:
        q = to_vector(type_prior if type_prior is not None else [Fraction(1, m)] * m, where="type_prior")
        prior = []
        for th in profiles:
            x = Fraction(1)
            for k in th:
                x *= q[k]
            prior.append(x)
    def name(th: tuple[int, ...]) -> str:
        return ",".join(str(k) for k in th)

    actions = [f"a{i + 1}" for i in range(n)]
    sender = {name(th): [pairs[k][0] for k in th] for th in profiles}
    receiver = {name(th): [pairs[k][1] for k in th] for th in profiles}
    return SenderReceiverGame([name(th) for th in profiles], actions, prior, sender=sender, receiver=receiver)


def two_action_example() -> SenderReceiverGame:
    """Section 4.1: two actions, types (receiver, sender) in {0,1}^2, i.i.d. uniform.

    Returns
    -------
    SenderReceiverGame
        :func:`action_type_game` with the four types ``(0, 0), (1, 0), (0, 1), (1, 1)``
        (as (sender, receiver)), 16 equiprobable states.

    >>> g = two_action_example()
    >>> len(g.states), g.prior[0], g.sender["1,2"], g.receiver["1,2"]
    (16, Fraction(1, 16), (Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    # the paper encodes a type as (receiver payoff, sender payoff); our pairs are (sender, receiver)
    return action_type_game([(0, 0), (1, 0), (0, 1), (1, 1)], 2)


def zero_sum_example() -> SenderReceiverGame:
    """Section 4.2: states 0, 1 equiprobable; s(0) = -r(0) = 1 - theta, s(1) = -r(1) = 1 + theta.

    Returns
    -------
    SenderReceiverGame
        States ``"0"``, ``"1"`` (theta), actions ``"0"``, ``"1"``; optimal values 1/2 (none),
        1/2 (nonnegative), 1 (budget-balanced), 3/2 (arbitrary).

    >>> g = zero_sum_example()
    >>> g.sender, g.receiver["1"]
    ({'0': (Fraction(1, 1), Fraction(1, 1)), '1': (Fraction(0, 1), Fraction(2, 1))}, (Fraction(0, 1), Fraction(-2, 1)))
    """
    return SenderReceiverGame(["0", "1"], ["0", "1"], ["1/2", "1/2"],
                              sender={"0": [1, 1], "1": [0, 2]}, receiver={"0": [-1, -1], "1": [0, -2]})


# -- the structural results as computations (Propositions 3-6) ---------------------------


def is_persuasive(game: SenderReceiverGame, scheme: Scheme, prior: Iterable[Any] | None = None) -> bool:
    """Whether a scheme is persuasive without payments (every T_i <= 0 on recommended actions).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}``.
    prior : sequence, optional
        The prior; the game's prior if None.

    Returns
    -------
    bool
        True if obeying every recommendation sent is a best response (ties count as obedient).

    >>> g = zero_sum_example()
    >>> is_persuasive(g, {"0": {"1": 1}, "1": {"0": 1}}), is_persuasive(g, {"0": {"0": 1}, "1": {"1": 1}})
    (True, False)
    """
    T = optimal_payments(game, scheme, prior)
    used = {a for d in scheme.values() for a, q in d.items() if q}
    return all(T[a] <= 0 for a in used)


@dataclass(frozen=True)
class Proposition3:
    r"""Proposition 3's lambda* for one instance, or why it does not exist.

    ``attained``: the set of persuasive lambdas has a smallest element ``lam`` (then ``scheme``
    is :math:`\varphi_{\lambda^*}` and ``value`` its sender value). Otherwise that set is an open
    interval :math:`(\inf, b)` or :math:`(\inf, \infty)` on which the scheme is constant: ``lam``
    is None, ``infimum`` is its left end (where :math:`\varphi_\lambda` is *not* persuasive) and
    ``scheme``, ``value`` are those just above it. Unpacks as ``(lam, scheme, value)``.

    >>> r = proposition_3(action_type_game([(0, 0), (0, 1), (1, 0)], 2, ["1/4", "1/4", "1/2"]))
    >>> lam, scheme, value = r
    >>> lam, value, r.infimum, r.note
    (Fraction(1, 2), Fraction(5, 8), Fraction(1, 2), 'lambda* = 1/2: the smallest lambda whose welfare maximizer is persuasive')
    """

    lam: Fraction | None
    infimum: Fraction
    attained: bool
    scheme: Mapping[str, Mapping[str, Fraction]]
    value: Fraction

    def __iter__(self):
        return iter((self.lam, self.scheme, self.value))

    @property
    def note(self) -> str:
        """One sentence saying whether lambda* exists, and its value or the infimum."""
        if self.attained:
            return f"lambda* = {self.lam}: the smallest lambda whose welfare maximizer is persuasive"
        return (f"no smallest lambda: phi_lambda is persuasive for lambda just above {self.infimum} but not at "
                f"{self.infimum} (uniform tie-breaking there), so Proposition 3's lambda* does not exist")


def proposition_3(game: SenderReceiverGame) -> Proposition3:
    """Proposition 3 (symmetric, no payments): the smallest lambda >= 0 whose lambda-scaled welfare
    maximizer (argmax s + n lambda r, uniform ties; Definition 4) is persuasive, that scheme, and
    its sender value; or, when persuasive lambdas form an open set, its infimum and that it is
    not attained (:class:`Proposition3`).

    The scheme only changes where ``s_k + n lambda r_k`` ties between two payoff pairs, so it is
    constant on the open intervals between those breakpoints: it suffices to test 0, then each
    open interval (at its midpoint) and each breakpoint, in order. The first persuasive test
    point is lambda* if it is a breakpoint (or 0); if it is an interval's midpoint, the interval's
    left end was tested and failed, so the infimum is not attained.

    Parameters
    ----------
    game : SenderReceiverGame
        A symmetric instance (e.g. from :func:`action_type_game`), ``n`` actions.

    Returns
    -------
    Proposition3
        ``lam`` (or None), ``infimum``, ``attained``, the scheme and its sender value.

    Raises
    ------
    InputError
        If no tested lambda gives a persuasive scheme (the instance is not symmetric).

    >>> g = action_type_game([(0, 0), (0, 1), (1, 0)], 2, ["1/4", "1/4", "1/2"])
    >>> r = proposition_3(g)
    >>> r.attained, str(r.lam), str(r.value)
    (True, '1/2', '5/8')
    """
    n = len(game.actions)
    breaks = [b for b in _breakpoints(game) if b > 0]
    points = [Fraction(0)] + breaks
    ordered: list[tuple[Fraction, Fraction | None]] = []     # (test point, left end if an open interval)
    for k, b in enumerate(points):
        ordered.append((b, None))
        nxt = points[k + 1] if k + 1 < len(points) else b + 1
        ordered.append(((b + nxt) / 2, b))
    for lam, left in ordered:
        scheme = welfare_scheme(game, n * lam)
        if is_persuasive(game, scheme):
            value = sum((p * q * game.sender[w][game.actions.index(a)]
                         for p, w in zip(game.prior, game.states) for a, q in scheme[w].items()), Fraction(0))
            if left is None:
                return Proposition3(lam, lam, True, scheme, value)
            return Proposition3(None, left, False, scheme, value)
    raise InputError("proposition_3: no lambda-scaled welfare maximizer is persuasive (is the instance symmetric?)")


def _breakpoints(game: SenderReceiverGame) -> list[Fraction]:
    """0 and every lambda > 0 where s_k + n lambda r_k ties between two distinct payoff pairs."""
    n = len(game.actions)
    pairs = {(game.sender[w][i], game.receiver[w][i]) for w in game.states for i in range(n)}
    out = {Fraction(0)}
    for (s1, r1) in pairs:
        for (s2, r2) in pairs:
            if r1 != r2 and (s2 - s1) / (n * (r1 - r2)) > 0:
                out.add((s2 - s1) / (n * (r1 - r2)))
    return sorted(out)


def argmax_restricted_value(game: SenderReceiverGame, lam: Any) -> Fraction | None:
    """The best persuasive no-payment scheme recommending only maximizers of s + n lam r (None if none).

    The obedience LP without payments with ``phi_theta(i) = 0`` forced for every action ``i``
    that does not maximize ``s_theta(i) + n lam r_theta(i)``; ties may be split in any way.

    Parameters
    ----------
    game : SenderReceiverGame
        The game, ``n`` actions.
    lam : exact number
        ``lambda``.

    Returns
    -------
    Fraction or None
        The LP's optimal sender value, or None if no persuasive scheme lives on the argmax.

    >>> g = action_type_game([(0, 0), (0, 1), (1, 0)], 2, ["1/4", "1/4", "1/2"])
    >>> argmax_restricted_value(g, "1/2"), argmax_restricted_value(g, 0)
    (Fraction(11, 16), None)
    """
    lam = to_fraction(lam, where="argmax_restricted_value: lam")
    n = len(game.actions)
    base = payments_lp(game, tuple(game.prior), "none")
    zero = Fraction(0)
    forced: list[tuple[tuple[int, ...], tuple[int, ...], int]] = []
    for t, w in enumerate(game.states):
        vals = [game.sender[w][i] + n * lam * game.receiver[w][i] for i in range(n)]
        top = max(vals)
        forced += [((t * n + i,), (1,), 1) for i, v in enumerate(vals) if v != top]
    rows = base.A_eq + SparseMatrix(base.n, forced)
    rhs = list(base.b_eq) + [zero] * len(forced)
    r = solve_problem(LPProblem.make(base.c, base.A_ub, base.b_ub, rows, rhs, maximize=True))
    return r.value if r.status == "optimal" else None


def proposition_3_with_best_ties(game: SenderReceiverGame) -> tuple[Fraction, Fraction]:
    """Proposition 3 read with optimal tie-breaking: ``(lambda, value)`` maximizing, over 0 and
    the breakpoints lambda <= lambda*, the best persuasive scheme on the argmax of s + n lambda r.

    With finitely many types, lambda* of :func:`proposition_3` is typically a breakpoint and
    Definition 4's uniform tie-breaking need not be optimal (the tests show a three-type
    instance with 5/8 against the optimum 11/16); the optimum is attained on the argmax at
    some breakpoint (Corollary 1's form), which this search finds.

    Parameters
    ----------
    game : SenderReceiverGame
        A symmetric instance, as for :func:`proposition_3`.

    Returns
    -------
    tuple of Fraction
        ``(lambda, value)``: the first breakpoint (in increasing order) attaining the best
        :func:`argmax_restricted_value` up to lambda*, and that value.

    >>> proposition_3_with_best_ties(action_type_game([(0, 0), (0, 1), (1, 0)], 2, ["1/4", "1/4", "1/2"]))
    (Fraction(1, 2), Fraction(11, 16))
    """
    p3 = proposition_3(game)
    lam_star = p3.lam if p3.attained else p3.infimum
    if lam_star is None:  # pragma: no cover - attained means lam is set
        raise InternalError("Proposition 3: attained without a lambda*")
    best: tuple[Fraction, Fraction] | None = None
    for lam in _breakpoints(game):
        if lam > lam_star:
            break
        v = argmax_restricted_value(game, lam)
        if v is not None and (best is None or v > best[1]):
            best = (lam, v)
    if best is None:   # lambda* itself is feasible, so some breakpoint up to it has a value
        raise InternalError("no persuasive lambda up to lambda* has a restricted value (Proposition 3)")
    return best
