r"""Reduced forms (signatures) of single-receiver schemes (003_e54e9b7a7da88b3e.txt, Appendix C).

**Action types.** Action ``i`` has a type :math:`\theta_i` that fixes both payoffs when ``i`` is
taken: :math:`s^\theta(i) = \xi^i_{\theta_i}`, :math:`r^\theta(i) = \rho^i_{\theta_i}` (Section 2). Every
sender-receiver game has such a description: the types of action ``i`` are the distinct pairs
``(u_S(w, i), u_R(w, i))`` over the states (:func:`action_types`, in order of first appearance);
the paper's independent setting is the case where the prior is the product of the types'
marginals (:func:`is_independent`).

**Signature.** :math:`B^\theta_{jk} = 1` iff :math:`\theta_j = k`, and
:math:`M^i = \sum_\theta \mu_\theta \varphi_\theta(i) B^\theta`: :math:`M^i_{jk}` is the probability that
action ``j`` has type ``k`` and ``i`` is recommended (:func:`signature`). ``Ps`` is the set of
signatures of schemes.

**LP-Independent-with-Payments**, as printed,

.. math:: \max \sum_i\sum_k M^i_{ik}\xi^i_k - \sum_i P(i)\quad\text{s.t.}\quad
          P(i) + \sum_k M^i_{ik}\rho^i_k \ge \sum_k M^i_{jk}\rho^i_k \ (j \ne i),\quad M\in P_s,

has a typo on the right: following ``i`` against deviating to ``j`` compares
:math:`\sum_\theta\mu_\theta\varphi_\theta(i) r^\theta(i)` with :math:`\sum_\theta\mu_\theta\varphi_\theta(i) r^\theta(j)
= \sum_k M^i_{jk}\rho^j_k` -- the deviation's payoffs are those of action ``j``, :math:`\rho^j_k`, not
:math:`\rho^i_k` (with :math:`\rho^i` the right side would price action ``j``'s *type* with action
``i``'s payoffs, which is meaningless when the actions have different type sets, and wrong in
general: :func:`printed_constraint_gap` exhibits an instance). With :math:`\rho^j_k`, the objective and
every constraint are, as linear functions of :math:`\varphi`, **identical** to those of
LP-General-with-Payments: :math:`\sum_k M^i_{ik}\xi^i_k = \sum_\theta \mu_\theta \varphi_\theta(i)
\xi^i_{\theta_i} = \sum_\theta \mu_\theta\varphi_\theta(i) s^\theta(i)`, and likewise for the constraints.
So the optimum over ``Ps`` is the payments LP's optimum and the optimal scheme's signature is an
optimal ``M``. :func:`reduced_form` computes the signature of a certified optimal scheme and
checks the identity on the instance coefficient by coefficient (the independent checker does the
same from the game), so these keys are ``certified`` by the payments LP's certificate.

>>> from exactgame.persuasion.payments import persuade_with_payments, zero_sum_example
>>> g = zero_sum_example()
>>> r = persuade_with_payments(g, "budget-balanced")
>>> rf = reduced_form(g, r.scheme, r.expected_payments)
>>> rf.value == r.value, rf.persuasive
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..display.mixin import Displayable
from ..certificates import encode
from ..errors import CertificateError, InputError
from ..games.model import SenderReceiverGame
from ..results import Claim, certified

__all__ = ["action_types", "signature", "is_independent", "ReducedForm", "reduced_form", "printed_constraint_gap"]

Types = dict[str, list[tuple[Fraction, Fraction]]]


def action_types(game: SenderReceiverGame) -> tuple[Types, dict[str, dict[str, int]]]:
    """The types of every action and the type of each action in each state (module doc).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.

    Returns
    -------
    tuple
        ``(types, theta)``: ``types[i]`` the pairs ``(xi, rho)`` of action ``i``, ``theta[w][i]`` the
        index of action ``i``'s type in state ``w``.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> types, theta = action_types(zero_sum_example())
    >>> {a: len(t) for a, t in types.items()}, theta["1"]
    ({'0': 2, '1': 2}, {'0': 1, '1': 1})
    """
    types: Types = {a: [] for a in game.actions}
    theta: dict[str, dict[str, int]] = {w: {} for w in game.states}
    for w in game.states:
        for j, a in enumerate(game.actions):
            pair = (game.sender[w][j], game.receiver[w][j])
            if pair not in types[a]:
                types[a].append(pair)
            theta[w][a] = types[a].index(pair)
    return types, theta


def signature(game: SenderReceiverGame, scheme: Mapping[str, Mapping[str, Fraction]],
              prior: Sequence[Fraction] | None = None) -> dict[str, dict[str, list[Fraction]]]:
    """``M[i][j][k]``: the probability that ``i`` is recommended and action ``j`` has type ``k``.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}`` (missing actions have probability 0).
    prior : sequence of Fraction, optional
        The prior (default the game's).

    Returns
    -------
    dict
        ``i -> j -> [M^i_jk for each type k of j]``.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> g = zero_sum_example()
    >>> signature(g, {w: {"1": Fraction(1)} for w in g.states})["1"]["1"]        # recommend 1 always
    [Fraction(1, 2), Fraction(1, 2)]
    """
    types, theta = action_types(game)
    mu = dict(zip(game.states, prior if prior is not None else game.prior))
    M = {i: {j: [Fraction(0)] * len(types[j]) for j in game.actions} for i in game.actions}
    for w in game.states:
        for i, q in scheme.get(w, {}).items():
            if q:
                for j in game.actions:
                    M[i][j][theta[w][j]] += mu[w] * q
    return M


def is_independent(game: SenderReceiverGame, prior: Sequence[Fraction] | None = None) -> bool:
    """Whether the types are independent: every type vector's probability is the product of marginals.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    prior : sequence of Fraction, optional
        The prior (default the game's).

    Returns
    -------
    bool
        True for a product prior over type vectors (states with the same type vector are merged).

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> is_independent(zero_sum_example())
    False
    """
    types, theta = action_types(game)
    mu = dict(zip(game.states, prior if prior is not None else game.prior))
    joint: dict[tuple[int, ...], Fraction] = {}
    for w in game.states:
        key = tuple(theta[w][a] for a in game.actions)
        joint[key] = joint.get(key, Fraction(0)) + mu[w]
    marg = {a: [sum((p for key, p in joint.items() if key[n] == k), Fraction(0)) for k in range(len(types[a]))]
            for n, a in enumerate(game.actions)}
    # equal on the support of the joint suffices: both sum to 1, so the product has no mass elsewhere
    for key, pr in joint.items():
        prod = Fraction(1)
        for n, a in enumerate(game.actions):
            prod *= marg[a][key[n]]
        if pr != prod:
            return False
    return True


@dataclass(frozen=True, repr=False)
class ReducedForm(Displayable):
    """A scheme's signature and LP-Independent-with-Payments evaluated at it (corrected constraint).

    Attributes
    ----------
    types : dict
        ``action -> [(xi, rho), ...]``.
    M : dict
        The signature ``M[i][j][k]``.
    payments : dict
        ``P(i)``.
    value : Fraction
        ``sum_i sum_k M^i_ik xi^i_k - sum_i P(i)``.
    persuasive : bool
        Every corrected constraint ``P(i) + sum_k M^i_ik rho^i_k >= sum_k M^i_jk rho^j_k`` holds
        (for ``i`` recommended with positive probability).
    independent : bool
        :func:`is_independent`.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> g = zero_sum_example()
    >>> reduced_form(g, {w: {"1": Fraction(1)} for w in g.states}, {"0": 0, "1": 0}).value
    Fraction(3, 2)
    """

    types: Types
    M: dict[str, dict[str, list[Fraction]]]
    payments: dict[str, Fraction]
    value: Fraction
    persuasive: bool
    independent: bool

    def to_dict(self) -> dict[str, Any]:
        """The ``reduced_form`` table of ``persuade --reduced-form`` (exact strings).

        Returns
        -------
        dict
            ``types``, ``signature``, ``value``, ``persuasive``, ``independent``.
        """
        return {"types": {a: [[encode(x), encode(r)] for x, r in t] for a, t in self.types.items()},
                "signature": {i: {j: encode(v) for j, v in row.items()} for i, row in self.M.items()},
                "value": encode(self.value), "persuasive": self.persuasive, "independent": self.independent}

    @staticmethod
    def claims(prefix: str = "reduced_form/") -> list[Claim]:
        """The claims of :meth:`to_dict`'s keys: certified by the persuasion LP (``certificates/lp``).

        Parameters
        ----------
        prefix : str
            Prepended to the keys.

        Returns
        -------
        list of Claim
            One per key.
        """
        lp = "certificates/lp"
        return [certified(f"{prefix}types", proves="the distinct (sender, receiver) payoff pairs of each action"),
                certified(f"{prefix}signature", lp, proves="the signature of the certified optimal scheme (Appendix C)"),
                certified(f"{prefix}value", lp, proves="LP-Independent-with-Payments' objective at the signature, equal to the "
                          "LP optimum (the two LPs coincide as linear functions of the scheme, checked coefficient by "
                          "coefficient)"),
                certified(f"{prefix}persuasive", lp, proves="the corrected constraints (rho^j, not rho^i) at the signature"),
                certified(f"{prefix}independent", proves="whether the prior is a product over the actions' types")]


def _objective_identity(game: SenderReceiverGame, types: Types, theta, mu) -> None:
    """The M-form objective and constraints equal LP-General's as linear maps (module doc)."""
    for w in game.states:
        for n, i in enumerate(game.actions):
            if types[i][theta[w][i]][0] != game.sender[w][n]:
                raise CertificateError("reduced form: the objective's coefficient differs (a bug)")
            for m, j in enumerate(game.actions):
                if types[j][theta[w][j]][1] != game.receiver[w][m]:
                    raise CertificateError("reduced form: a constraint's coefficient differs (a bug)")


def reduced_form(game: SenderReceiverGame, scheme: Mapping[str, Mapping[str, Fraction]], payments: Mapping[str, Any],
                 prior: Sequence[Fraction] | None = None) -> ReducedForm:
    """The signature of ``scheme`` and LP-Independent-with-Payments at it (module doc).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}``.
    payments : mapping
        ``action -> P(i)`` (expected payments; 0 for none).
    prior : sequence of Fraction, optional
        The prior (default the game's).

    Returns
    -------
    ReducedForm
        Types, signature, value and the persuasiveness verdict.

    Raises
    ------
    InputError
        If ``game`` is not a sender-receiver game.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> g = zero_sum_example()
    >>> reduced_form(g, {w: {"1": Fraction(1)} for w in g.states}, {}).persuasive        # -3/2 < -1/2 from action 0
    False
    >>> reduced_form(g, {w: {"1": Fraction(1)} for w in g.states}, {"1": 1}).persuasive   # paid 1 to follow
    True
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("--reduced-form needs a sender-receiver game")
    types, theta = action_types(game)
    p = tuple(prior if prior is not None else game.prior)
    _objective_identity(game, types, theta, dict(zip(game.states, p)))
    M = signature(game, scheme, p)
    P = {a: Fraction(payments.get(a, 0)) for a in game.actions}
    value = sum((M[i][i][k] * types[i][k][0] for i in game.actions for k in range(len(types[i]))), Fraction(0)) \
        - sum(P.values(), Fraction(0))
    ok = True
    for i in game.actions:
        if not sum(M[i][i], Fraction(0)):
            continue
        follow = P[i] + sum((M[i][i][k] * types[i][k][1] for k in range(len(types[i]))), Fraction(0))
        for j in game.actions:
            if j != i and follow < sum((M[i][j][k] * types[j][k][1] for k in range(len(types[j]))), Fraction(0)):
                ok = False
    return ReducedForm(types, M, P, value, ok, is_independent(game, p))


def printed_constraint_gap(game: SenderReceiverGame, scheme: Mapping[str, Mapping[str, Fraction]], i: str, j: str,
                           prior: Sequence[Fraction] | None = None) -> tuple[Fraction, Fraction]:
    """Right side of the constraint (i, j) as printed (``rho^i_k``) and corrected (``rho^j_k``).

    Only defined when ``i`` and ``j`` have equally many types (else the printed one is meaningless).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    scheme : mapping
        ``state -> {action: probability}``.
    i, j : str
        The recommended action and the deviation.
    prior : sequence of Fraction, optional
        The prior.

    Returns
    -------
    tuple
        ``(printed, corrected)``; the corrected one is the receiver's expected payoff from ``j``
        when ``i`` is recommended.

    Raises
    ------
    InputError
        When the two actions have different numbers of types.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> g = zero_sum_example()
    >>> printed_constraint_gap(g, {w: {"1": Fraction(1)} for w in g.states}, "1", "0")   # the typo matters
    (Fraction(-3, 2), Fraction(-1, 2))
    """
    types, _ = action_types(game)
    if len(types[i]) != len(types[j]):
        raise InputError(f"actions {i!r} and {j!r} have {len(types[i])} and {len(types[j])} types: the printed constraint "
                         "is not even defined")
    M = signature(game, scheme, prior)
    printed = sum((M[i][j][k] * types[i][k][1] for k in range(len(types[i]))), Fraction(0))
    corrected = sum((M[i][j][k] * types[j][k][1] for k in range(len(types[j]))), Fraction(0))
    return printed, corrected


def with_reduced_form(report: Any, game: SenderReceiverGame) -> Any:
    """``report`` (a single-receiver ``persuade`` report) with the ``reduced_form`` table of its optimal scheme.

    Parameters
    ----------
    report : Report
        The report of :func:`~exactgame.persuasion.report.persuasion_report` for ``game``.
    game : SenderReceiverGame
        The game.

    Returns
    -------
    Report
        Options with ``reduced_form`` true, the body with ``reduced_form`` (:meth:`ReducedForm.to_dict`),
        the claims of :meth:`ReducedForm.claims` and a text line.

    >>> from exactgame.persuasion.payments import zero_sum_example
    >>> from exactgame.persuasion.report import persuasion_report
    >>> g = zero_sum_example()
    >>> r = with_reduced_form(persuasion_report(g, payments="arbitrary"), g)
    >>> r.document()["reduced_form"]["value"] == r.document()["value"], r.verify()
    (True, True)
    """
    from ..numbers import to_fraction
    from ..results import Report

    body = dict(report.body)
    scheme = {w: {a: to_fraction(q) for a, q in d.items()} for w, d in body["outcome"].items()}
    pay = {a: to_fraction(v) for a, v in body.get("expected_payments", {}).items()}
    prior = tuple(report.options.get("prior", game.prior))
    rf = reduced_form(game, scheme, pay, prior)
    if rf.value != to_fraction(body["value"]) or not rf.persuasive:  # the identity of the module doc
        raise CertificateError("reduced form: LP-Independent at the optimal signature differs from the LP's optimum (a bug)")
    body["reduced_form"] = rf.to_dict()
    lines = (*report.lines, f"reduced form (Appendix C): LP-Independent-with-Payments at the optimal signature = {rf.value}; "
             f"types per action {', '.join(f'{a} {len(t)}' for a, t in rf.types.items())}; "
             f"independent types: {'yes' if rf.independent else 'no'}")
    return Report(report.command, report.game, {**report.options, "reduced_form": True}, body,
                  (*report.claims, *ReducedForm.claims()), lines, figure=report.figure)
