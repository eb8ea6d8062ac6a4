r"""Cheap talk (000_2cf035f6c25283ea.txt, Section 3.1.1): equilibria, transparent motives, efficiency.

**Equilibrium (Definition 5).** Messages ``M``, a signaling policy :math:`\sigma:\Omega\to\Delta M`
and a receiver strategy :math:`\tau: M\to\Delta A` form a PBE iff

1. (17) for every state :math:`\omega` and every :math:`m\in\operatorname{supp}\sigma(\omega)`:
   :math:`u_S(\omega,\tau(m)) = \max_{m'\in M} u_S(\omega,\tau(m'))`;
2. (18)-(19) for every on-path message, every action in :math:`\operatorname{supp}\tau(m)` is a
   receiver best response at the Bayes posterior :math:`q_m`; for every off-path
   message, *some* belief makes them all best responses (an LP; the belief is the
   certificate, a Farkas ray proves that none exists).

:func:`check_equilibrium` decides this exactly and names the violated condition.

**Transparent motives** (Lipnowski and Ravid 2020): with a state-independent sender,
:math:`V(q) = \max_{a\in A^*(q)} u_S(a)` (eq. (23)) is piecewise constant over the
receiver's cells, and the sender's best equilibrium payoff is
:math:`t = \operatorname{quasicav} V(p)`. :func:`best_equilibrium` computes ``t`` with the
envelope certificate and **constructs** an equilibrium attaining it: posteriors in
the set where the receiver can be made to pay the sender exactly ``t``,

.. math:: S_t = \bigcup\{C_a\cap C_b : u_S(a) \ge t \ge u_S(b)\},

splitting ``p`` (an LP over the vertices of these polytopes that keeps the posteriors
as close to ``p`` as possible in L1 distance, which reproduces the paper's 0.4 and
0.6 at p = 1/2), with the receiver mixing ``a`` and ``b`` at each posterior so that the
sender gets exactly ``t`` everywhere (indifference across messages). The
construction is then verified by :func:`check_equilibrium`.

**Proposition 4**: such an outcome is efficient iff the sender's preferred action
:math:`a^*` is induced with certainty (checked through :mod:`exactgame.efficiency`).

**Pure (partitional) equilibria** for general payoffs (:func:`pure_equilibria`):
every partition of the states into pooled messages, every receiver best response
per block, kept when no state's sender prefers another block's action.

>>> from exactgame.persuasion.value import example1_sr
>>> from exactgame.games import SenderReceiverGame
>>> g = example1_sr()
>>> eq = best_equilibrium(g, prior=["1/2", "1/2"])
>>> eq.sender_value, sorted(str(q[1]) for q in eq.posteriors)
(Fraction(3, 1), ['2/5', '3/5'])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from .display.mixin import Displayable
from .certificates import Certificate, decode_vector, encode, require
from .efficiency import DominatedCertificate, EfficiencyResult, efficiency
from .errors import CertificateError, InputError, InternalError, TooLargeError
from .games.model import SenderReceiverGame, check_prior
from .geometry import solve_lp
from .geometry import Polytope
from .geometry.envelope import EnvelopeValue, Piece, PiecewiseAffine, QuasiconcaveEnvelopeCertificate, quasiconcave_envelope_at
from .numbers import fmt, to_fraction, Vector
from .results import Claim, FigureSpec, Report, certified, conditional, not_certified, proof_document
from .games.cells import best_response_cells
from .cheaptalk_cones import STATE_DEPENDENT, ConeLevelCertificate, nonempty_cells, quasicav_by_cones, securable_splitting, separator_multipliers

__all__ = [
    "cheap_talk_report",
    "EquilibriumCheck",
    "CheapTalkEquilibriumCertificate",
    "check_equilibrium",
    "state_independent_payoffs",
    "value_function_constant",
    "BestEquilibrium",
    "best_equilibrium",
    "PureEquilibrium",
    "pure_equilibria",
    "MAX_PARTITION_WORK",
    "MAX_STATES",
]

Strategy = Mapping[str, Mapping[str, Fraction]]

#: Refuse pure-equilibrium enumerations with more (partition, action choice) pairs than this.
MAX_PARTITION_WORK = 200_000

#: Default limit on the states of the vertex computations (the best equilibrium below
#: :data:`CONE_STATES` states, the payoff set): the receiver's cells are polytopes of the
#: (n-1)-simplex whose vertex enumeration grows exponentially (measured here: 7 states x 5 actions
#: 22 s, 8 x 5 48 s, 10 x 4 51 s). ``best_equilibrium(max_states=...)`` and ``cheaptalk --max-states``
#: raise it.
MAX_STATES = 8
#: From this many states on, :func:`best_equilibrium` uses the receiver's cones (:mod:`.cheaptalk_cones`:
#: one LP per level, no vertex enumerated) and ``max_states`` no longer applies; below it, the cells'
#: vertices (the paper's vertex beliefs).
CONE_STATES = 6


def _dist(d: Mapping[str, Any], where: str) -> dict[str, Fraction]:
    out = {k: to_fraction(v, where=f"{where}.{k}") for k, v in d.items()}
    if any(v < 0 for v in out.values()) or sum(out.values()) != 1:
        raise InputError(f"{where}: not a probability distribution")
    return {k: v for k, v in out.items() if v}


def _sender_payoff(game: SenderReceiverGame, w: str, tau_m: Mapping[str, Fraction]) -> Fraction:
    return sum((q * game.sender[w][game.actions.index(a)] for a, q in tau_m.items()), Fraction(0))


def _receiver_ev(game: SenderReceiverGame, q: Sequence[Fraction], a: str) -> Fraction:
    j = game.actions.index(a)
    return sum((qi * game.receiver[w][j] for qi, w in zip(q, game.states)), Fraction(0))


def _sender_row(game: SenderReceiverGame) -> dict[str, Fraction]:
    """``{a: u_S(a)}`` for a game already known to have a state-independent sender."""
    uS = state_independent_payoffs(game)
    if uS is None:
        raise InternalError("cheap talk: the transparent-motives step reached a state-dependent sender")
    return uS


# -- the equilibrium certificate ----------------------------------------------------------


@dataclass(frozen=True)
class CheapTalkEquilibriumCertificate(Certificate):
    """Everything needed to re-check Definition 5 by hand: the game, prior, sigma, tau, and a
    belief for every message (Bayes on path, a supporting belief off path).

    The check: each ``sigma(w)`` is a distribution over the messages (the keys of ``tau``);
    (17) in each state of positive prior every message sent pays the sender the most; (19)
    the belief at an on-path message is Bayes' rule; (18) every action in ``supp tau(m)`` is a
    receiver best response at the belief of ``m`` (on or off path).

    Attributes
    ----------
    states, actions : tuple of str
        The game's names.
    sender, receiver : mapping
        ``state -> payoff per action``.
    prior : tuple of Fraction
        The prior.
    sigma : mapping
        ``state -> {message: probability}``.
    tau : mapping
        ``message -> {action: probability}``.
    beliefs : mapping
        ``message -> belief`` over the states.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> cert = check_equilibrium(g, {"w0": {"m0": 1}, "w1": {"m1": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}}).certificate
    >>> cert.verify(), cert.witness()["beliefs"]
    (True, {'m0': ['1', '0'], 'm1': ['0', '1']})
    """

    kind = "cheap-talk-equilibrium"
    states: tuple[str, ...]
    actions: tuple[str, ...]
    sender: Mapping[str, Vector]
    receiver: Mapping[str, Vector]
    prior: Vector
    sigma: Strategy
    tau: Strategy
    beliefs: Mapping[str, Vector]

    def _check(self) -> None:
        S, A = self.states, self.actions
        msgs = set(self.tau)
        for w in S:
            d = self.sigma[w]
            require(set(d) <= msgs and all(x >= 0 for x in d.values()) and sum(d.values()) == 1,
                    f"cheap-talk: sigma({w}) is not a distribution over the messages")
        def pay(w: str, m: str) -> Fraction:
            return sum((q * self.sender[w][A.index(a)] for a, q in self.tau[m].items()), Fraction(0))

        for w, pw in zip(S, self.prior):
            if not pw:
                continue
            best = max(pay(w, m) for m in msgs)
            for m, x in self.sigma[w].items():
                require(x == 0 or pay(w, m) == best, f"cheap-talk: (17) fails in state {w}: message {m} is not optimal")
        for m in msgs:
            q = self.beliefs[m]
            require(len(q) == len(S) and all(x >= 0 for x in q) and sum(q) == 1, f"cheap-talk: the belief at {m} is not a belief")
            mass = [pw * self.sigma[w].get(m, Fraction(0)) for w, pw in zip(S, self.prior)]
            if sum(mass):
                require(tuple(x / sum(mass) for x in mass) == tuple(q), f"cheap-talk: (19) the belief at {m} is not Bayes' rule")
            def ev(a: str) -> Fraction:
                return sum((qi * self.receiver[w][A.index(a)] for qi, w in zip(q, S)), Fraction(0))

            top = max(ev(a) for a in A)
            for a, x in self.tau[m].items():
                require(x == 0 or ev(a) == top, f"cheap-talk: (18) action {a} is not a best response at message {m}")

    def witness(self) -> dict[str, Any]:
        """Strategies and beliefs only, for result documents (payoffs and prior come from the game).

        Returns
        -------
        dict
            ``certificate``, ``sigma``, ``tau`` and ``beliefs`` with exact strings.
        """
        return {"certificate": self.kind, "sigma": encode(self.sigma), "tau": encode(self.tau), "beliefs": encode(self.beliefs)}

    def _data(self) -> dict[str, Any]:
        return {"states": list(self.states), "actions": list(self.actions), "sender": encode(self.sender),
                "receiver": encode(self.receiver), "prior": encode(self.prior), "sigma": encode(self.sigma),
                "tau": encode(self.tau), "beliefs": encode(self.beliefs)}

    @classmethod
    def _from_data(cls, d):
        def table(t):
            return {w: decode_vector(r, w) for w, r in t.items()}

        def strat(t):
            return {k: {a: to_fraction(x) for a, x in r.items()} for k, r in t.items()}

        return cls(tuple(d["states"]), tuple(d["actions"]), table(d["sender"]), table(d["receiver"]),
                   decode_vector(d["prior"], "prior"), strat(d["sigma"]), strat(d["tau"]), table(d["beliefs"]))


@dataclass(frozen=True, repr=False)
class EquilibriumCheck(Displayable):
    """The verdict of :func:`check_equilibrium`.

    ``violations`` lists sentences naming the condition and the state or message;
    ``certificate`` (when it is an equilibrium) re-checks everything; ``refutations``
    holds the LP certificates proving that an off-path message has no supporting belief.

    Attributes
    ----------
    is_equilibrium : bool
        Whether (sigma, tau) satisfies Definition 5.
    violations : tuple of str
        Sender violations (17) first, then receiver ones (18)-(19), in message order.
    beliefs : mapping
        ``message -> belief``: Bayes' rule on path, a supporting belief (an LP's point) off path.
    certificate : CheapTalkEquilibriumCertificate or None
        Set exactly when it is an equilibrium.
    refutations : mapping
        ``message -> Farkas certificate`` for off-path messages that no belief supports.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> c = check_equilibrium(g, {"w0": {"m0": 1}, "w1": {"m0": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}})
    >>> c.is_equilibrium, c.violations
    (False, ('sender (17), state w1: message m0 pays 0 but message m1 pays 1',))
    """

    is_equilibrium: bool
    violations: tuple[str, ...]
    beliefs: Mapping[str, Vector]
    certificate: CheapTalkEquilibriumCertificate | None
    refutations: Mapping[str, Certificate] = field(default_factory=dict)


def check_equilibrium(game: SenderReceiverGame, sigma: Mapping[str, Mapping[str, Any]], tau: Mapping[str, Mapping[str, Any]],
                      prior: Iterable[Any] | None = None) -> EquilibriumCheck:
    """Decide exactly whether (sigma, tau) is a cheap-talk PBE (Definition 5).

    ``sigma[state][message]`` and ``tau[message][action]`` are probabilities; the
    messages are the keys of ``tau``.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    sigma : mapping
        The signaling policy, one distribution per state (over messages of ``tau``).
    tau : mapping
        The receiver's strategy, one distribution over actions per message.
    prior : sequence, optional
        The prior; the game's prior if None. States of probability 0 impose no (17) condition.

    Returns
    -------
    EquilibriumCheck
        The verdict, the violated conditions in words, the beliefs, and the certificate or
        the refutations.

    Raises
    ------
    InputError
        If a distribution is malformed, ``tau`` is empty or names an unknown action, or
        ``sigma`` misses a state or uses a message without a response in ``tau``.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> c = check_equilibrium(g, {"w0": {"m0": 1}, "w1": {"m1": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}})
    >>> c.is_equilibrium, c.beliefs                            # full revelation
    (True, {'m0': (Fraction(1, 1), Fraction(0, 1)), 'm1': (Fraction(0, 1), Fraction(1, 1))})
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("check_equilibrium: needs a sender-receiver game")
    p = game.prior if prior is None else check_prior(prior, game.states)
    s, t = _checked_strategies(game, sigma, tau)
    violations = _sender_violations(game, p, s, t)
    beliefs, refutations, receiver_violations = _receiver_beliefs(game, p, s, t)
    violations += receiver_violations
    cert = None
    if not violations:
        cert = CheapTalkEquilibriumCertificate(game.states, game.actions, dict(game.sender), dict(game.receiver), tuple(p),
                                               s, t, beliefs)
        cert.verify()
    return EquilibriumCheck(not violations, tuple(violations), beliefs, cert, refutations)


def _checked_strategies(game: SenderReceiverGame, sigma: Mapping[str, Mapping[str, Any]],
                        tau: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]:
    """``(sigma, tau)`` as exact distributions (support only); InputError on anything malformed."""
    t = {m: _dist(d, f"tau.{m}") for m, d in tau.items()}
    if not t:
        raise InputError("check_equilibrium: tau names no message")
    for m, d in t.items():
        bad = set(d) - set(game.actions)
        if bad:
            raise InputError(f"tau.{m}: unknown action(s) {', '.join(sorted(bad))}")
    s = {}
    for w in game.states:
        if w not in sigma:
            raise InputError(f"sigma: missing the state {w!r}")
        s[w] = _dist(sigma[w], f"sigma.{w}")
        bad = set(s[w]) - set(t)
        if bad:
            raise InputError(f"sigma.{w}: message(s) {', '.join(sorted(bad))} have no receiver response in tau")
    return s, t


def _sender_violations(game: SenderReceiverGame, p: Sequence[Fraction], s: Strategy, t: Strategy) -> list[str]:
    """Condition (17): in each state of positive probability, every message sent pays the most."""
    violations: list[str] = []
    for w, pw in zip(game.states, p):
        if not pw:
            continue
        best = max(_sender_payoff(game, w, t[m]) for m in t)
        for m in s[w]:
            got = _sender_payoff(game, w, t[m])
            if got != best:
                better = next(m2 for m2 in t if _sender_payoff(game, w, t[m2]) == best)
                violations.append(f"sender (17), state {w}: message {m} pays {got} but message {better} pays {best}")
    return violations


def _receiver_beliefs(game: SenderReceiverGame, p: Sequence[Fraction], s: Strategy,
                      t: Strategy) -> tuple[dict[str, Vector], dict[str, Certificate], list[str]]:
    """Conditions (18)-(19): the belief at each message (Bayes on path, an LP off path), the
    Farkas certificates of off-path messages without a supporting belief, and the violations."""
    violations: list[str] = []
    beliefs: dict[str, Vector] = {}
    refutations: dict[str, Certificate] = {}
    n = len(game.states)
    for m, d in t.items():
        mass = [pw * s[w].get(m, Fraction(0)) for w, pw in zip(game.states, p)]
        if sum(mass):
            q = tuple(x / sum(mass) for x in mass)
            beliefs[m] = q
            top = max(_receiver_ev(game, q, b) for b in game.actions)
            for a in d:
                if _receiver_ev(game, q, a) != top:
                    violations.append(f"receiver (18)-(19), message {m}: action {a} is not a best response at the Bayes posterior ({', '.join(map(str, q))})")
        else:  # off path: find q in the simplex making every a in supp tau(m) optimal
            A_ub = [[game.receiver[w][game.actions.index(b)] - game.receiver[w][game.actions.index(a)] for w in game.states]
                    for a in d for b in game.actions if b != a]
            r = solve_lp([0] * n, A_ub=A_ub or None, b_ub=[0] * len(A_ub) or None, A_eq=[[1] * n], b_eq=[1])
            if r.status == "optimal":
                if r.x is None:  # pragma: no cover - an optimal LP has a point
                    raise InternalError("check_equilibrium: the optimal belief LP has no point")
                beliefs[m] = r.x
            else:
                refutations[m] = r.certificate
                violations.append(f"receiver (18), off-path message {m}: no belief makes {', '.join(sorted(d))} optimal")
    return beliefs, refutations, violations


# -- transparent motives ----------------------------------------------------------------


def state_independent_payoffs(game: SenderReceiverGame) -> dict[str, Fraction] | None:
    """``{a: u_S(a)}`` if the sender's payoff does not depend on the state, else None.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.

    Returns
    -------
    dict of str to Fraction or None
        The sender's payoff of each action when every state has the same row.

    >>> from exactgame.catalogue import load
    >>> state_independent_payoffs(load("efficiency_example1"))["a1"]
    Fraction(10, 1)
    """
    rows = {tuple(game.sender[w]) for w in game.states}
    if len(rows) != 1:
        return None
    (row,) = rows
    return dict(zip(game.actions, row))


def value_function_constant(game: SenderReceiverGame) -> tuple[PiecewiseAffine, tuple[str, ...]]:
    """V of eq. (23) for a state-independent sender: the constant u_S(a) on each cell C_a.

    ``V(q) = max_{a in A*(q)} u_S(a)``: where cells meet, the maximum (ties for the sender).

    Parameters
    ----------
    game : SenderReceiverGame
        A game whose sender payoff does not depend on the state.

    Returns
    -------
    tuple
        ``(V, actions)``: a piecewise-constant function and the action of each piece.

    Raises
    ------
    InputError
        If the sender's payoff depends on the state.

    >>> from exactgame.catalogue import load
    >>> V, actions = value_function_constant(load("efficiency_example1"))
    >>> V.value(["4/5", "1/5"]), V.value(["1/2", "1/2"])         # a1/a0 tie at 1/5 is worth 10; a2 at 1/2
    (Fraction(10, 1), Fraction(0, 1))
    """
    if state_independent_payoffs(game) is None:
        raise InputError(STATE_DEPENDENT)
    uS = _sender_row(game)
    cells = best_response_cells(game)
    n = len(game.states)
    return PiecewiseAffine(Piece(C, (uS[a],) * n) for a, C in cells.items()), tuple(cells)


def quasicav_witness(game: SenderReceiverGame, env: EnvelopeValue) -> dict[str, Any]:
    r"""The quasiconcave-envelope value in a form checkable from the game alone.

    ``splitting``: beliefs ``q_i`` with weights averaging to ``p``, at each of which some action
    worth at least ``level`` to the sender is a best response (so every quasiconcave majorant of
    V is at least ``level`` at p). ``separator`` ``y`` with ``y . p < 0`` and, for every action ``a``
    worth more than ``level`` (at least the next level), multipliers :math:`\lambda_{ab} \ge 0` with
    :math:`y_\omega \ge \sum_{b\ne a}\lambda_{ab}(u_R(\omega,a) - u_R(\omega,b))` for every state: then
    ``y . q >= 0`` on the receiver's cell of ``a`` (where each :math:`\sum_\omega q_\omega(u_R(\omega,a)-u_R(\omega,b)) \ge 0`),
    so ``p`` is outside the hull of the cells of the higher levels and quasicav V(p) <= level.

    Parameters
    ----------
    game : SenderReceiverGame
        A game with a state-independent sender.
    env : EnvelopeValue
        ``quasicav V(p)`` from :func:`~exactgame.geometry.envelope.quasiconcave_envelope_at`.

    Returns
    -------
    dict
        ``certificate``, ``level``, ``splitting``, ``separator`` and ``multipliers``
        (``{action: lambda}`` for each action worth more than ``level``), exact strings.

    Raises
    ------
    InternalError
        If ``env`` is not a quasiconcave-envelope value or the sender is state-dependent.

    >>> from exactgame.catalogue import load
    >>> eq = best_equilibrium(load("efficiency_example1"), ["1/2", "1/2"])
    >>> w = quasicav_witness(eq.game, eq.envelope)
    >>> w["level"], w["separator"], w["multipliers"]
    ('3', ['4', '-6'], {'a1': ['0', '5/2', '0', '0']})
    """
    cert = env.certificate
    A = game.actions
    if isinstance(cert, ConeLevelCertificate):   # many states: the cone method's certificate holds the same witness
        return {"certificate": "quasiconcave-envelope-level", "level": encode(cert.value),
                "splitting": [{"weight": encode(w), "belief": encode(q)} for w, q, _ in cert.splitting],
                "separator": None if cert.separator is None else encode(cert.separator),
                "multipliers": {A[j]: encode(lam) for j, lam in cert.multipliers}}
    if not isinstance(cert, QuasiconcaveEnvelopeCertificate):
        raise InternalError(f"cheap talk: the envelope certificate is {cert.kind!r}, not a quasiconcave-envelope one")
    uS = _sender_row(game)
    out: dict[str, Any] = {"certificate": "quasiconcave-envelope-level", "level": encode(cert.value),
                           "splitting": [{"weight": encode(w), "belief": encode(q)} for w, q, _ in cert.splitting],
                           "separator": None if cert.separator is None else encode(cert.separator), "multipliers": {}}
    higher = [a for a in A if uS[a] > cert.value]
    if not higher:
        return out
    # at the top level of V, actions worth more are never best responses: y = -1 separates p
    # from their (empty) cells, with Ville multipliers found by the same LP
    y = cert.separator if cert.separator is not None else (Fraction(-1),) * len(game.states)
    out["separator"] = encode(y)
    R = [list(game.receiver[w]) for w in game.states]
    for j, a in enumerate(A):
        if uS[a] <= cert.value:
            continue
        lam = separator_multipliers(R, y, j)
        if lam is None:  # pragma: no cover - the separator is valid on the cell's vertices
            raise CertificateError(f"cheap talk: no multipliers prove the separator nonnegative on the cell of {a} (a bug)")
        out["multipliers"][a] = encode(lam)
    return out


def preferred_witness(game: SenderReceiverGame, a_star: str, cells: Mapping[str, Polytope]) -> dict[str, Any]:
    r"""Why ``a_star`` is the sender's favourite among actions that are a best response somewhere.

    ``belief``: a belief where ``a_star`` is a best response. ``empty_cells``: for every action
    ``a`` the sender likes more, multipliers :math:`\lambda_b \ge 0` with
    :math:`\sum_b \lambda_b (u_R(\omega,a) - u_R(\omega,b)) \le -1` in every state, so at every belief
    some ``b`` beats ``a`` (Ville's alternative): ``a`` is never a best response.

    Parameters
    ----------
    game : SenderReceiverGame
        A game with a state-independent sender.
    a_star : str
        The preferred action, a best response somewhere.
    cells : mapping of str to Polytope
        The receiver's best-response cells (:func:`~exactgame.games.cells.best_response_cells`).

    Returns
    -------
    dict
        ``certificate``, ``belief`` (a vertex of ``C_{a_star}``) and ``empty_cells``.

    >>> from exactgame.catalogue import load
    >>> from exactgame.games.cells import best_response_cells
    >>> g = load("efficiency_example1")
    >>> preferred_witness(g, "a1", best_response_cells(g))
    {'certificate': 'preferred-action', 'belief': ['3/5', '2/5'], 'empty_cells': {}}
    """
    return _preferred_at(game, a_star, cells[a_star].vertices[0])


def _preferred_at(game: SenderReceiverGame, a_star: str, belief: Vector) -> dict[str, Any]:
    """:func:`preferred_witness` with a given belief where ``a_star`` is a best response."""
    uS = _sender_row(game)
    A = game.actions
    out: dict[str, Any] = {"certificate": "preferred-action", "belief": encode(belief), "empty_cells": {}}
    for j, a in enumerate(A):
        if uS[a] <= uS[a_star]:
            continue
        others = [k for k in range(len(A)) if k != j]
        rows = [[game.receiver[w][j] - game.receiver[w][k] for k in others] for w in game.states]
        r = solve_lp([0] * len(others), A_ub=rows, b_ub=[-1] * len(rows))
        if r.status != "optimal":  # pragma: no cover - the cell of a is empty, Ville's alternative holds
            raise InternalError(f"cheap talk: no proof that {a} is never a best response")
        out["empty_cells"][a] = encode(r.x)
    return out


@dataclass(frozen=True, repr=False)
class BestEquilibrium(Displayable):
    """The sender's best cheap-talk equilibrium under transparent motives.

    ``posteriors[k]`` is induced with probability ``weights[k]`` by message ``m{k}``,
    where the receiver plays ``tau[m{k}]``. ``sender_value = quasicav V(p)``.

    Other attributes: ``outcome`` (``state -> {action: probability}``), ``influential`` (more
    than one action on path), ``preferred_action`` (the sender's favourite among actions that are
    a best response somewhere) and ``preferred_with_certainty``, ``envelope`` (quasicav V(p) with
    its certificate), ``check`` (:func:`check_equilibrium` of sigma and tau) and ``efficiency``
    (the outcome's :class:`~exactgame.efficiency.EfficiencyResult`; None for a boundary prior).

    >>> from exactgame.catalogue import load
    >>> eq = best_equilibrium(load("efficiency_example1"), ["1/2", "1/2"])
    >>> eq.sender_value, eq.weights, eq.tau["m1"]
    (Fraction(3, 1), (Fraction(1, 2), Fraction(1, 2)), {'a1': Fraction(3, 10), 'a2': Fraction(7, 10)})
    >>> eq.preferred_action, eq.preferred_with_certainty, eq.efficiency.efficient, eq.proposition_4
    ('a1', False, False, True)
    """

    game: SenderReceiverGame = field(repr=False)
    prior: Vector
    sender_value: Fraction
    posteriors: tuple[Vector, ...]
    weights: tuple[Fraction, ...]
    sigma: Mapping[str, Mapping[str, Fraction]]
    tau: Mapping[str, Mapping[str, Fraction]]
    outcome: Mapping[str, Mapping[str, Fraction]]
    influential: bool
    preferred_action: str
    preferred_with_certainty: bool
    envelope: EnvelopeValue = field(repr=False)
    check: EquilibriumCheck = field(repr=False)
    efficiency: EfficiencyResult | None = field(repr=False)
    preferred_belief: Vector | None = field(default=None, repr=False)   # cone method: a belief where preferred_action is a best response

    def verify(self) -> bool:
        """Re-check the envelope certificate, the equilibrium certificate and the efficiency result.

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError`.
        """
        self.envelope.certificate.verify()
        self._equilibrium_certificate().verify()
        if self.efficiency is not None:
            self.efficiency.verify()
        return True

    @property
    def value(self) -> Fraction:
        """The sender's payoff, ``sender_value`` under the name every result uses for its answer."""
        return self.sender_value

    def _equilibrium_certificate(self) -> CheapTalkEquilibriumCertificate:
        if self.check.certificate is None:
            raise InternalError("cheap talk: the best equilibrium's check carries no equilibrium certificate")
        return self.check.certificate

    @property
    def proposition_4(self) -> bool | None:
        """Whether efficiency coincides with the preferred action being induced with certainty
        (Proposition 4's equivalence); None when the prior is on the boundary (no efficiency step)."""
        return None if self.efficiency is None else self.efficiency.efficient == self.preferred_with_certainty

    def proposition_4_hypotheses(self) -> dict[str, Any]:
        """Proposition 4's standing assumptions, read off the game.

        ``distinct_sender_payoffs``: every action gives the sender a different payoff (the proof's
        "each action leads to a different payoff"); ``tied_sender_payoffs`` lists the groups that
        tie. ``favourite_is_best_response``: the sender's favourite action over *all* actions is a
        receiver best response at some belief; when it is not, :attr:`preferred_action` is the
        favourite among best responses, and the "if" direction need not hold.

        Returns
        -------
        dict
            ``distinct_sender_payoffs``, ``tied_sender_payoffs``, ``sender_favourite`` (the
            actions of the highest payoff) and ``favourite_is_best_response``.
        """
        uS = _sender_row(self.game)
        groups: dict[Fraction, list[str]] = {}
        for a in self.game.actions:
            groups.setdefault(uS[a], []).append(a)
        top = max(uS.values())
        return {"distinct_sender_payoffs": all(len(v) == 1 for v in groups.values()),
                "tied_sender_payoffs": [v for _, v in sorted(groups.items(), reverse=True) if len(v) > 1],
                "sender_favourite": groups[top],
                "favourite_is_best_response": uS[self.preferred_action] == top}

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``cheaptalk --json`` prints).

        Returns
        -------
        dict
            :meth:`to_dict` with the game, its digest, the options and the claims.
        """
        return proof_document("cheaptalk", self.game, {"prior": self.prior}, self.to_dict(), self.claims())

    def claims(self) -> list[Claim]:
        """Each answer key with the certificate that proves it (the result protocol).

        Returns
        -------
        list of Claim
            One claim per answer key; ``sender_value`` rests on Lipnowski and Ravid (2020).
        """
        eq = "certificates/equilibrium"
        return [conditional("sender_value", "Lipnowski and Ravid (2020): under transparent motives the sender's best "
                            "equilibrium payoff is quasicav V(p)", eq, "certificates/quasiconcave_envelope",
                            proves="an equilibrium (Definition 5, re-checked) gives the sender this payoff, and it equals "
                                   "quasicav V(p) (a splitting into beliefs of that level, and a separator of the next level)"),
                certified("prior", proves="the prior used"),
                certified("messages", eq), certified("sigma", eq), certified("outcome", eq),
                certified("influential", eq, proves="more than one action is played on path"),
                certified("preferred_with_certainty", eq),
                certified("efficient", "certificates/efficiency", proves="efficiency of the equilibrium outcome")
                if self.efficiency is not None else
                certified("efficient", proves="null: the prior is on the boundary, where the efficiency step does not apply"),
                certified("proposition_4", "certificates/efficiency", eq,
                          proves="whether efficiency coincides with the preferred action being induced with certainty")
                if self.efficiency is not None else
                certified("proposition_4", proves="null: no efficiency verdict on the boundary"),
                certified("proposition_4_hypotheses", "certificates/preferred",
                          proves="distinct sender payoffs and whether the sender's favourite action is a best response "
                                 "somewhere (read off the game and the preferred action)"),
                certified("preferred_action", "certificates/preferred",
                          proves="the sender's favourite among actions that are a best response at some belief")]

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-ready data with exact strings.

        Returns
        -------
        dict
            ``sender_value``, ``prior``, ``messages`` (probability, posterior and response of each),
            ``sigma``, ``outcome``, the Proposition 4 keys, and ``certificates``
            (``quasiconcave_envelope``, ``equilibrium``, ``preferred`` and, for an interior
            prior, ``efficiency``).
        """
        return {
            "sender_value": encode(self.sender_value),
            "prior": encode(self.prior),
            "messages": [{"message": f"m{k}", "probability": encode(w), "weight": encode(w), "posterior": encode(q),
                          "tau": encode(self.tau[f"m{k}"])}
                         for k, (w, q) in enumerate(zip(self.weights, self.posteriors))],
            "sigma": encode(self.sigma),
            "outcome": encode(self.outcome),
            "influential": self.influential,
            "preferred_action": self.preferred_action,
            "preferred_with_certainty": self.preferred_with_certainty,
            "efficient": None if self.efficiency is None else self.efficiency.efficient,
            "proposition_4": self.proposition_4,
            "proposition_4_hypotheses": self.proposition_4_hypotheses(),
            **({} if self.efficiency is not None else
               {"efficiency_note": "the prior is on the boundary of the simplex: the efficiency step (which needs an "
                                   "interior prior) is skipped; the equilibrium itself is certified"}),
            "certificates": {"quasiconcave_envelope": quasicav_witness(self.game, self.envelope),
                             "equilibrium": self._equilibrium_certificate().witness(),
                             "preferred": (_preferred_at(self.game, self.preferred_action, self.preferred_belief)
                                           if self.preferred_belief is not None else
                                           preferred_witness(self.game, self.preferred_action, best_response_cells(self.game))),
                             **({} if self.efficiency is None else {"efficiency": self.efficiency.certificate.witness()})},
        }


def best_equilibrium(game: SenderReceiverGame, prior: Iterable[Any] | None = None, max_states: int = MAX_STATES) -> BestEquilibrium:
    """The sender-preferred equilibrium under transparent motives, constructed and verified.

    From :data:`CONE_STATES` states on, quasicav V(p) and the securable splitting come from the
    receiver's cones (:mod:`.cheaptalk_cones`, no vertex enumerated); below, from the cells' vertices,
    refusing more than ``max_states`` states up front (see :data:`MAX_STATES`).
    The construction is described in the module docstring (posteriors in ``S_t``, the receiver
    mixing so that the sender gets exactly ``t = quasicav V(p)`` at each).

    Parameters
    ----------
    game : SenderReceiverGame
        A game whose sender payoff does not depend on the state (transparent motives).
    prior : sequence, optional
        The prior; the game's prior if None.
    max_states : int
        The largest number of states accepted.

    Returns
    -------
    BestEquilibrium
        The equilibrium, verified by :func:`check_equilibrium`, with the envelope certificate
        and (interior prior) the efficiency result.

    Raises
    ------
    InputError
        If the game is not sender-receiver or the sender's payoff depends on the state.
    TooLargeError
        With more than ``max_states`` states.

    >>> from exactgame.catalogue import load
    >>> eq = best_equilibrium(load("efficiency_example1"), ["1/2", "1/2"])
    >>> eq.sender_value, eq.posteriors                # the paper's 0.4 and 0.6
    (Fraction(3, 1), ((Fraction(2, 5), Fraction(3, 5)), (Fraction(3, 5), Fraction(2, 5))))
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("best_equilibrium: needs a sender-receiver game")
    if len(game.states) > max_states and len(game.states) < CONE_STATES:
        raise TooLargeError(f"{len(game.states)} states: the receiver's cells in the {len(game.states) - 1}-simplex grow "
                            f"exponentially (8 states x 5 actions took about 50 s here); the limit is {max_states} states, "
                            f"raise it with --max-states N", where="states")
    p = game.prior if prior is None else check_prior(prior, game.states)
    if state_independent_payoffs(game) is None:
        raise InputError(STATE_DEPENDENT)
    uS = _sender_row(game)
    n = len(p)
    if n >= CONE_STATES:
        env, t, weights, pts, cands, a_star, belief = _by_cones(game, p)
    else:
        env, t, weights, pts, cands, a_star = _by_vertices(game, p, uS)
        belief = None
    chosen, responses = _pooled_messages(weights, pts, cands, uS, t, n)
    sigma, tau = _message_strategies(game, p, chosen, responses)
    check = check_equilibrium(game, sigma, tau, p)
    if not check.is_equilibrium:  # pragma: no cover - a bug
        raise InternalError("best_equilibrium: the constructed profile is not an equilibrium: " + "; ".join(check.violations))
    outcome: dict[str, dict[str, Fraction]] = {w: {} for w in game.states}
    for w in game.states:
        for m, x in sigma[w].items():
            for a, y in tau[m].items():
                outcome[w][a] = outcome[w].get(a, Fraction(0)) + x * y
    on_path = {a for w, pw in zip(game.states, p) if pw for a in outcome[w]}
    eff = efficiency(game, outcome, p) if all(p) else None  # Definition 1 needs an interior prior
    return BestEquilibrium(game, tuple(p), t, tuple(q for _, q in chosen), tuple(w for w, _ in chosen), sigma, tau, outcome,
                           len(on_path) > 1, a_star, on_path == {a_star}, env, check, eff, belief)


def _by_vertices(game: SenderReceiverGame, p: Vector, uS: Mapping[str, Fraction]):
    """Few states: quasicav V(p) over the cells' vertices and a splitting into securable vertex beliefs
    nearest p; returns (envelope, t, weights, beliefs, {belief: (a, b)}, preferred action)."""
    V, _ = value_function_constant(game)
    env = quasiconcave_envelope_at(V, p)
    t = env.value
    cells = best_response_cells(game)
    cands = _securable_posteriors(cells, uS, t, p)
    pts = sorted(cands)
    r = solve_lp([sum(abs(x - y) for x, y in zip(q, p)) for q in pts],
                 A_eq=[[q[i] for q in pts] for i in range(len(p))], b_eq=list(p))
    if r.status != "optimal" or r.x is None:  # pragma: no cover - Lipnowski-Ravid guarantee
        raise InternalError("best_equilibrium: no splitting into t-securable posteriors (contradicts Lipnowski-Ravid)")
    return env, t, r.x, pts, cands, max(cells, key=lambda a: uS[a])


def _by_cones(game: SenderReceiverGame, p: Vector):
    """Many states: the same from the receiver's cones, no vertex enumerated (:mod:`.cheaptalk_cones`);
    also a belief where the preferred action is a best response."""
    live = nonempty_cells(game)
    env = quasicav_by_cones(game, p)
    t = env.value
    split = securable_splitting(game, t, p, live)
    cands: dict[Vector, tuple[str, str]] = {}
    weight: dict[Vector, Fraction] = {}
    for w, q, ab in split:
        cands.setdefault(q, ab)
        weight[q] = weight.get(q, Fraction(0)) + w
    pts = list(weight)
    uS = _sender_row(game)
    a_star = max(live, key=lambda a: uS[a])
    return env, t, [weight[q] for q in pts], pts, cands, a_star, live[a_star]


Response = tuple[tuple[str, Fraction], ...]


def _securable_posteriors(cells: Mapping[str, Polytope], uS: Mapping[str, Fraction], t: Fraction,
                          p: Sequence[Fraction]) -> dict[Vector, tuple[str, str]]:
    """Candidate posteriors: vertices of C_a ∩ C_b with u_S(a) >= t >= u_S(b) (and p itself where it
    lies in such a piece), each with the first pair (a, b) that reaches it."""
    cands: dict[Vector, tuple[str, str]] = {}
    for a, Ca in cells.items():
        for b, Cb in cells.items():
            if uS[a] >= t >= uS[b]:
                piece = Ca if a == b else Ca.intersection(Cb)
                for q in piece.vertices + ((tuple(p),) if not piece.is_empty and piece.contains(p) else ()):
                    cands.setdefault(q, (a, b))
    return cands


def _pooled_messages(weights: Sequence[Fraction], pts: Sequence[Vector], cands: Mapping[Vector, tuple[str, str]],
                     uS: Mapping[str, Fraction], t: Fraction, n: int) -> tuple[list[tuple[Fraction, Vector]], list[Response]]:
    """The receiver's response at each posterior of the splitting (mixing a and b so that the sender
    gets exactly t), then posteriors with the same response merged into one message (pooling
    messages that induce the same play keeps an equilibrium and reads like the paper)."""
    merged: dict[Response, tuple[Fraction, list[Fraction]]] = {}
    for lam, q in zip(weights, pts):
        if not lam:
            continue
        a, b = cands[q]
        resp: Response
        if uS[a] == uS[b]:
            resp = ((a, Fraction(1)),)
        else:
            alpha = (t - uS[b]) / (uS[a] - uS[b])
            resp = tuple((x, y) for x, y in ((a, alpha), (b, 1 - alpha)) if y)
        w0, acc = merged.get(resp, (Fraction(0), [Fraction(0)] * n))
        merged[resp] = (w0 + lam, [x + lam * y for x, y in zip(acc, q)])
    chosen = [(lam, tuple(x / lam for x in acc)) for lam, acc in merged.values()]
    return chosen, list(merged)


def _message_strategies(game: SenderReceiverGame, p: Sequence[Fraction], chosen: Sequence[tuple[Fraction, Vector]],
                        responses: Sequence[Response]) -> tuple[dict[str, dict[str, Fraction]], dict[str, dict[str, Fraction]]]:
    """``(sigma, tau)``: message ``m{k}`` induces posterior ``k`` (sigma(w)(m) = lam q(w) / p(w)) and the
    receiver plays response ``k``; a state of probability 0 sends ``m0``."""
    sigma: dict[str, dict[str, Fraction]] = {w: {} for w in game.states}
    tau: dict[str, dict[str, Fraction]] = {}
    for k, (lam, q) in enumerate(chosen):
        m = f"m{k}"
        tau[m] = dict(responses[k])
        for i, w in enumerate(game.states):
            if p[i] and q[i]:
                sigma[w][m] = lam * q[i] / p[i]
    for i, w in enumerate(game.states):
        if not p[i]:
            sigma[w] = {"m0": Fraction(1)}
    return sigma, tau


# -- pure (partitional) equilibria ---------------------------------------------------------


@dataclass(frozen=True, repr=False)
class PureEquilibrium(Displayable):
    """A partitional equilibrium: blocks of pooled states, the receiver's action per block.

    Attributes
    ----------
    blocks : tuple of tuple of str
        The partition of the states of positive prior (each block one message).
    actions : tuple of str
        The receiver's pure action after each block's message.
    sender_payoff, receiver_payoff : Fraction
        Ex-ante expected payoffs.
    efficient : bool
        Whether the outcome is efficient (False on a boundary prior, where it is not decided).
    certificate : CheapTalkEquilibriumCertificate
        Definition 5 for the profile.
    efficiency_certificate : Certificate
        The efficiency verdict's certificate (the equilibrium certificate on a boundary prior).

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> e = pure_equilibria(g)[0]
    >>> e.blocks, e.actions, e.sender_payoff, e.efficient
    ((('w0',), ('w1',)), ('a', 'b'), Fraction(1, 1), True)
    """

    blocks: tuple[tuple[str, ...], ...]
    actions: tuple[str, ...]
    sender_payoff: Fraction
    receiver_payoff: Fraction
    efficient: bool
    certificate: CheapTalkEquilibriumCertificate
    efficiency_certificate: Certificate

    def to_dict(self) -> dict[str, Any]:
        """The equilibrium as JSON-ready data (no certificates).

        Returns
        -------
        dict
            ``blocks``, ``actions``, ``sender_payoff``, ``receiver_payoff`` and ``efficient``.
        """
        return {"blocks": [list(b) for b in self.blocks], "actions": list(self.actions),
                "sender_payoff": encode(self.sender_payoff), "receiver_payoff": encode(self.receiver_payoff),
                "efficient": self.efficient}


def _partitions(items: list[str]):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        for i in range(len(part)):
            yield part[:i] + [[first] + part[i]] + part[i + 1:]
        yield [[first]] + part


def _bell(n: int) -> int:
    row = [1]
    for _ in range(n):
        nxt = [row[-1]]
        for x in row:
            nxt.append(nxt[-1] + x)
        row = nxt
    return row[0]


def pure_equilibria(game: SenderReceiverGame, prior: Iterable[Any] | None = None) -> list[PureEquilibrium]:
    """All partitional pure-strategy equilibria (every tie resolution of the receiver).

    Messages are the blocks; a deviation to another block's message must not pay
    the sender more in any state. Refuses games where Bell(|Omega|) x |A|^... work
    would exceed :data:`MAX_PARTITION_WORK`.

    Parameters
    ----------
    game : SenderReceiverGame
        The game (any sender payoffs).
    prior : sequence, optional
        The prior; the game's prior if None. States of probability 0 are left out of the
        partitions (they send ``m0``).

    Returns
    -------
    list of PureEquilibrium
        Every equilibrium found, by decreasing sender payoff, then blocks.

    Raises
    ------
    TooLargeError
        Beyond :data:`MAX_PARTITION_WORK`.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> [(e.blocks, e.actions, e.efficient) for e in pure_equilibria(g)]
    [((('w0',), ('w1',)), ('a', 'b'), True), ((('w0', 'w1'),), ('a',), False), ((('w0', 'w1'),), ('b',), False)]
    """
    p = game.prior if prior is None else check_prior(prior, game.states)
    S = [w for w, pw in zip(game.states, p) if pw]
    work = _bell(len(S)) * max(1, len(game.actions)) ** min(len(S), 3)
    if work > MAX_PARTITION_WORK:
        raise TooLargeError(f"pure_equilibria: about {work} partitions x tie resolutions for {len(S)} states; "
                            f"the limit is {MAX_PARTITION_WORK} (use fewer states)")
    pr = dict(zip(game.states, p))
    out = []
    for part in _partitions(S):
        options = []
        for block in part:
            mass = sum(pr[w] for w in block)
            q = tuple(pr[w] / mass if w in block else Fraction(0) for w in game.states)
            evs = {a: _receiver_ev(game, q, a) for a in game.actions}
            top = max(evs.values())
            options.append([a for a in game.actions if evs[a] == top])
        for choice in _product(options):
            if not _sender_stays(game, part, choice):
                continue
            sigma = {w: {f"m{k}": Fraction(1)} for k, block in enumerate(part) for w in block}
            sigma.update({w: {"m0": Fraction(1)} for w in game.states if w not in sigma})
            tau = {f"m{k}": {a: Fraction(1)} for k, a in enumerate(choice)}
            check = check_equilibrium(game, sigma, tau, p)
            if not check.is_equilibrium:  # pragma: no cover - the filter above is Definition 5 for pure profiles
                continue
            if check.certificate is None:  # pragma: no cover - an equilibrium carries its certificate
                raise InternalError("pure_equilibria: an equilibrium check carries no certificate")
            outcome = {w: {choice[k]: Fraction(1)} for k, block in enumerate(part) for w in block}
            outcome.update({w: {choice[0]: Fraction(1)} for w in game.states if w not in outcome})
            sp = sum((pr[w] * game.sender[w][game.actions.index(a)] for k, block in enumerate(part) for w in block
                      for a in [choice[k]]), Fraction(0))
            rp = sum((pr[w] * game.receiver[w][game.actions.index(a)] for k, block in enumerate(part) for w in block
                      for a in [choice[k]]), Fraction(0))
            eff = efficiency(game, outcome, p) if all(p) else None
            out.append(PureEquilibrium(tuple(tuple(b) for b in part), tuple(choice), sp, rp,
                                       eff.efficient if eff else False, check.certificate,
                                       eff.certificate if eff else check.certificate))
    out.sort(key=lambda e: (-e.sender_payoff, e.blocks))
    return out


def _sender_stays(game: SenderReceiverGame, part: Sequence[Sequence[str]], choice: Sequence[str]) -> bool:
    """(17) for a pure partitional profile: in no state does the sender prefer another block's action."""
    for block, a in zip(part, choice):
        for w in block:
            mine = game.sender[w][game.actions.index(a)]
            if any(game.sender[w][game.actions.index(b)] > mine for b in choice):
                return False
    return True


def _proposition_4_lines(eq: BestEquilibrium) -> list[str]:
    """The efficiency verdict, Proposition 4's equivalence and its assumptions, in words."""
    with_certainty = f"preferred action {eq.preferred_action} induced with certainty: {'yes' if eq.preferred_with_certainty else 'no'}"
    if eq.efficiency is None:
        return [f"efficient: not decided (the prior is on the boundary; Definition 1 needs an interior prior); {with_certainty}"]
    lines = [f"efficient: {'yes' if eq.efficiency.efficient else 'no'}; {with_certainty} (Proposition 4)"]
    g = eq.game
    for w, ok in eq.efficiency.ex_post_efficient.items():
        if ok:
            continue
        dominated = eq.efficiency.ex_post_certificates[w]
        if not isinstance(dominated, DominatedCertificate):  # pragma: no cover - not ex-post efficient means dominated
            raise InternalError(f"cheap talk: state {w} is not ex-post efficient but has no dominating outcome")
        better = dominated.better[w]

        def u(player, dist):
            pay = g.sender[w] if player == 0 else g.receiver[w]
            return sum((x * pay[g.actions.index(a)] for a, x in dist.items()), Fraction(0))

        gain = [u(i, better) - u(i, eq.outcome[w]) for i in (0, 1)]
        who = ("better for both" if min(gain) > 0 else
               "better for the sender, as good for the receiver" if gain[0] > 0 else
               "better for the receiver, as good for the sender")
        lines.append(f"  not ex-post efficient in {w}: " + ", ".join(f"{a} {fmt(x)}" for a, x in better.items()) + f" is {who}")
    hyp = eq.proposition_4_hypotheses()
    if not hyp["favourite_is_best_response"]:
        lines.append(f"  note: the sender's favourite action ({', '.join(hyp['sender_favourite'])}) is never a receiver best "
                     f"response; {eq.preferred_action} is the favourite among best responses, and Proposition 4's "
                     f"'if' direction assumes the favourite is a best response somewhere")
    if not hyp["distinct_sender_payoffs"]:
        ties = "; ".join(" = ".join(grp) for grp in hyp["tied_sender_payoffs"])
        lines.append(f"  note: the sender's payoffs tie ({ties}); Proposition 4 assumes every action gives a different payoff")
    if not eq.proposition_4:
        lines.append("  Proposition 4's equivalence fails here (efficient and 'preferred action with certainty' differ)"
                     + ("" if not hyp["distinct_sender_payoffs"] or not hyp["favourite_is_best_response"] else
                        ": a non-generic instance (footnote 8 omits several best responses at a degenerate belief)"))
    return lines


def _product(options):
    if not options:
        yield ()
        return
    for a in options[0]:
        for rest in _product(options[1:]):
            yield (a,) + rest


def cheap_talk_report(game: SenderReceiverGame, prior: Sequence[Any] | None = None, *, pure: bool = False,
                      max_states: int | None = None, plot: str | None = None) -> Report:
    """The ``cheaptalk`` subcommand as a Python call: the best equilibrium under transparent motives
    (state-independent sender), optionally the pure equilibria and a figure, as a
    :class:`~exactgame.results.Report`.

    Parameters
    ----------
    game : SenderReceiverGame
        The game; with a state-dependent sender ``sender_value`` is null and only ``pure`` applies.
    prior : sequence, optional
        The prior; the game's prior if None (errors name ``--prior``).
    pure : bool
        Also list the pure (partitional) equilibria (not re-checked by the independent checker).
    max_states : int, optional
        The state limit of :func:`best_equilibrium` (default :data:`MAX_STATES`).
    plot : str, optional
        Describe a figure of V and its quasiconcave envelope to be written to this path.

    Returns
    -------
    Report
        Command ``cheaptalk``: the document, its claims and the text lines.

    >>> from exactgame.catalogue import load
    >>> r = cheap_talk_report(load("efficiency_example1"), ["1/2", "1/2"])
    >>> r.document()["sender_value"], r.lines[1]
    ('3', "sender's best equilibrium payoff: 3 = quasicav V(p)")
    """
    doc: dict[str, Any] = {}
    lines: list[str] = []
    plot_prior = prior if prior is not None else game.prior
    claims = []
    if state_independent_payoffs(game) is not None:
        eq = best_equilibrium(game, prior, max_states=max_states if max_states is not None else MAX_STATES)
        doc.update(eq.to_dict())
        claims += eq.claims()
        lines.append(f"prior: ({', '.join(fmt(x) for x in eq.prior)}); state-independent sender (transparent motives)")
        lines.append(f"sender's best equilibrium payoff: {fmt(eq.sender_value)} = quasicav V(p)")
        for k, (w, q) in enumerate(zip(eq.weights, eq.posteriors)):
            resp = ", ".join(f"{a} {fmt(x)}" for a, x in eq.tau[f"m{k}"].items())
            lines.append(f"  message m{k}: probability {fmt(w)}, posterior ({', '.join(fmt(x) for x in q)}), receiver plays {resp}")
        lines.append(f"influential: {'yes' if eq.influential else 'no (babbling)'}")
        lines += _proposition_4_lines(eq)
    else:
        doc["sender_value"] = None
        doc["note"] = "the sender's payoff depends on the state: quasicav V(p) (transparent motives) does not apply"
        claims.append(certified("sender_value", proves="null: the sender's payoff depends on the state"))
        lines.append("state-dependent sender: the transparent-motives value does not apply; use --pure")
    if pure:
        eqs = pure_equilibria(game, prior)
        doc["pure_equilibria"] = [e.to_dict() for e in eqs]
        claims.append(not_certified("pure_equilibria", "each listed equilibrium is checked by exactgame against "
                                    "Definition 5; the enumeration is not re-checked by the independent checker"))
        lines.append(f"pure (partitional) equilibria: {len(eqs)}")
        for e in eqs:
            blocks = " | ".join("{" + ", ".join(b) + "} -> " + a for b, a in zip(e.blocks, e.actions))
            lines.append(f"  {blocks}: sender {fmt(e.sender_payoff)}, receiver {fmt(e.receiver_payoff)}, "
                         f"{'efficient' if e.efficient else 'inefficient'}")
    figure = None
    if plot:
        figure = FigureSpec("plot_quasiconcave", {"game": game, "prior": plot_prior}, plot)
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    options = {"prior": tuple(plot_prior) if prior is None else check_prior(prior, game.states, where="--prior")}
    return Report("cheaptalk", game, options, doc, tuple(claims), tuple(lines), figure=figure)
