r"""All cheap-talk equilibrium payoffs under transparent motives (000_2cf035f6c25283ea.txt, Proposition 4;
Lipnowski and Ravid 2020).

The sender's payoff :math:`u_S(a)` does not depend on the state. Write :math:`A^*(q)` for the
receiver's best responses at a belief ``q``, :math:`\bar v(q) = \max_{a\in A^*(q)} u_S(a)` (eq. (23),
ties for the sender) and :math:`\underline v(q) = \min_{a\in A^*(q)} u_S(a)`, and

.. math:: S_s = \{q : \underline v(q) \le s \le \bar v(q)\}
          = \bigcup\{C_a \cap C_b : u_S(a) \ge s \ge u_S(b)\}

(the beliefs where the receiver can mix best responses so that the sender gets exactly ``s``).

**Lemma 1 (the set).** ``s`` is a sender payoff of some equilibrium (Definition 5) at the prior
``p`` iff ``p`` is in the convex hull of :math:`S_s`.
*Proof.* (if) Split ``p`` into beliefs of :math:`S_s`, one message each, and let the receiver mix
best responses so that the sender gets ``s`` after every message: (17) holds because every
message pays ``s`` in every state, (18)-(19) by construction. (only if) By (17) every message sent
in a state of positive probability pays :math:`M = \max_{m'} u_S(\tau(m'))`, which does not depend on
the state, so the sender's payoff is ``s = M`` and every on-path message pays ``s``; its belief
:math:`q_m` is Bayes' rule, :math:`\tau(m)` mixes best responses at :math:`q_m` and pays ``s``, so
:math:`q_m \in S_s`; the :math:`q_m` average to ``p``. :math:`\square`

**Proposition (an interval).** The set ``E`` of sender equilibrium payoffs is the closed interval
:math:`[s_{low}, s_{high}]` with :math:`s_{high} = \operatorname{quasicav}\bar v(p)` and
:math:`s_{low} = -\operatorname{quasicav}(-\underline v)(p)`.
*Proof.* ``E`` contains the babbling payoffs :math:`[\underline v(p), \bar v(p)]`. Let :math:`s_2 \in E`
with a splitting :math:`p = \sum_j w_j r_j`, :math:`r_j \in S_{s_2}`, and ``s`` between :math:`\bar v(p)`
and :math:`s_2`. Along the segment from ``p`` to :math:`r_j` the cells :math:`C_a` cut closed
intervals that cover it, consecutive ones meet at a belief where both actions are best
responses, so the brackets :math:`[\underline v, \bar v]` along the segment chain together and
their union is an interval containing :math:`\bar v(p)` and :math:`s_2`: some
:math:`q_j = p + t_j (r_j - p)` has :math:`s \in [\underline v(q_j), \bar v(q_j)]`. If some
:math:`t_j = 0`, ``p`` itself is in :math:`S_s`; otherwise :math:`\sum_j (w_j / t_j)(q_j - p) = \sum_j w_j (r_j - p) = 0`,
so ``p`` is a convex combination of the :math:`q_j` and ``s`` is in ``E`` by Lemma 1. Symmetrically
below :math:`\underline v(p)`; so ``E`` is convex. Lemma 1 is symmetric under
:math:`u_S \to -u_S` (:math:`S_s` becomes :math:`S_{-s}`), so :math:`-E` is the set of the game with the
sender's payoffs negated, whose largest element is quasicav of its (sender-preferred) value
function :math:`-\underline v`; both ends are attained (Lipnowski and Ravid's construction,
:func:`~exactgame.cheaptalk.best_equilibrium`). :math:`\square`

**Certificates.** Each end is proved without Lipnowski and Ravid: an equilibrium paying it
(Definition 5 re-checked), and a separator ``y`` with ``y . p < 0`` and ``y . q >= 0`` on every cell
:math:`C_a` with :math:`u_S(a) > s_{high}` (for the low end: :math:`u_S(a) < s_{low}`). An equilibrium
paying :math:`s > s_{high}` would have every on-path belief in such a cell (by Lemma 1's "only if"
some action of :math:`\tau(m)` pays at least ``s``), and the beliefs average to ``p``: impossible.
The interior of the interval rests on the Proposition above (``conditional``). The receiver's
payoff in each end's equilibrium is recomputed from the strategies.

>>> from exactgame.catalogue import load
>>> ps = equilibrium_payoff_set(load("efficiency_example1"), ["1/2", "1/2"])
>>> ps.sender_low, ps.sender_high, ps.receiver_at_low, ps.receiver_at_high
(Fraction(0, 1), Fraction(3, 1), Fraction(32, 5), Fraction(32, 5))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from .display.mixin import Displayable
from .certificates import encode
from .cheaptalk import (MAX_STATES, BestEquilibrium, CheapTalkEquilibriumCertificate, best_equilibrium,
                        cheap_talk_report, check_equilibrium, quasicav_witness, state_independent_payoffs)
from .errors import InputError, InternalError
from .games.model import SenderReceiverGame, check_prior
from .numbers import Vector, fmt
from .results import Report, certified, conditional

__all__ = ["PayoffSet", "equilibrium_payoff_set", "payoff_set_report", "negated_sender"]

INTERVAL = ("the interval proposition of exactgame.cheaptalk_payoffs (module docstring): the set of sender "
            "equilibrium payoffs is convex, by the segment argument from Lemma 1")


def negated_sender(game: SenderReceiverGame) -> SenderReceiverGame:
    """The game with the sender's payoffs negated (the receiver's unchanged).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.

    Returns
    -------
    SenderReceiverGame
        ``u_S -> -u_S``, same states, actions, prior and receiver.

    >>> from exactgame.catalogue import load
    >>> negated_sender(load("efficiency_example1")).sender["w0"][1]
    Fraction(-10, 1)
    """
    return SenderReceiverGame(game.states, game.actions, game.prior,
                              sender={w: [-x for x in game.sender[w]] for w in game.states}, receiver=dict(game.receiver))


def _receiver_payoff(game: SenderReceiverGame, p: Sequence[Fraction], sigma: Mapping[str, Mapping[str, Fraction]],
                     tau: Mapping[str, Mapping[str, Fraction]]) -> Fraction:
    return sum((pw * x * y * game.receiver[w][game.actions.index(a)] for w, pw in zip(game.states, p)
                for m, x in sigma[w].items() for a, y in tau[m].items()), Fraction(0))


@dataclass(frozen=True, repr=False)
class PayoffSet(Displayable):
    """The sender's equilibrium payoffs ``[sender_low, sender_high]`` at a prior, with an equilibrium at each end.

    Attributes
    ----------
    prior : tuple of Fraction
        The prior.
    sender_low, sender_high : Fraction
        The lowest and highest sender payoffs over all cheap-talk equilibria.
    receiver_at_low, receiver_at_high : Fraction
        The receiver's payoff in the equilibrium given for each end.
    low, high : CheapTalkEquilibriumCertificate
        Definition 5 for an equilibrium paying each end.
    low_envelope, high_envelope : dict
        The separators (quasiconcave-envelope witnesses; the low one of the negated game).

    >>> from exactgame.catalogue import load
    >>> ps = equilibrium_payoff_set(load("efficiency_example1"), ["3/10", "7/10"])
    >>> ps.sender_low, ps.sender_high
    (Fraction(1, 1), Fraction(3, 1))
    """

    prior: Vector
    sender_low: Fraction
    sender_high: Fraction
    receiver_at_low: Fraction
    receiver_at_high: Fraction
    low: CheapTalkEquilibriumCertificate = field(repr=False)
    high: CheapTalkEquilibriumCertificate = field(repr=False)
    low_envelope: Mapping[str, Any] = field(repr=False)
    high_envelope: Mapping[str, Any] = field(repr=False)

    def verify(self) -> bool:
        """Re-check both equilibrium certificates.

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError`.
        """
        return self.low.verify() and self.high.verify()

    def to_dict(self) -> dict[str, Any]:
        """The answer keys with exact strings.

        Returns
        -------
        dict
            ``sender_payoffs`` [low, high], ``sender_payoff_min``, ``sender_payoff_max``,
            ``receiver_payoff_at_min``, ``receiver_payoff_at_max`` and ``certificates``
            (``min_equilibrium``, ``min_separator``; the max end's are the document's
            ``equilibrium`` and ``quasiconcave_envelope``).
        """
        return {"sender_payoffs": [encode(self.sender_low), encode(self.sender_high)],
                "sender_payoff_min": encode(self.sender_low), "sender_payoff_max": encode(self.sender_high),
                "receiver_payoff_at_min": encode(self.receiver_at_low), "receiver_payoff_at_max": encode(self.receiver_at_high),
                "certificates": {"min_equilibrium": self.low.witness(), "min_separator": dict(self.low_envelope)}}


def _end(game: SenderReceiverGame, eq: BestEquilibrium, p: Vector) -> CheapTalkEquilibriumCertificate:
    """The equilibrium of ``eq`` (built in ``game`` or its negation) re-checked in ``game`` itself."""
    check = check_equilibrium(game, eq.sigma, eq.tau, p)
    if check.certificate is None:  # pragma: no cover - every message pays the same: an equilibrium of both games
        raise InternalError("cheap talk: an end of the payoff set is not an equilibrium: " + "; ".join(check.violations))
    return check.certificate


def equilibrium_payoff_set(game: SenderReceiverGame, prior: Iterable[Any] | None = None,
                           max_states: int = MAX_STATES) -> PayoffSet:
    """The set of the sender's cheap-talk equilibrium payoffs (transparent motives), as the module text proves.

    Parameters
    ----------
    game : SenderReceiverGame
        A game whose sender payoff does not depend on the state.
    prior : sequence, optional
        The prior; the game's prior if None.
    max_states : int
        The state limit of :func:`~exactgame.cheaptalk.best_equilibrium`.

    Returns
    -------
    PayoffSet
        Both ends, each with an equilibrium and a separator.

    Raises
    ------
    InputError
        If the sender's payoff depends on the state.
    TooLargeError
        Above ``max_states`` states.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["l", "r"], ["1/2", "1/2"],        # the sender always wants r
    ...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> ps = equilibrium_payoff_set(g)
    >>> ps.sender_low, ps.sender_high                # babbling with any mix at the tie 1/2
    (Fraction(0, 1), Fraction(1, 1))
    """
    if not isinstance(game, SenderReceiverGame) or state_independent_payoffs(game) is None:
        raise InputError("the set of equilibrium payoffs needs a sender-receiver game with a state-independent sender "
                         "(the same row in every state of [payoffs.sender])")
    p = game.prior if prior is None else check_prior(prior, game.states)
    high = best_equilibrium(game, p, max_states)
    neg = negated_sender(game)
    low = best_equilibrium(neg, p, max_states)
    hc, lc = _end(game, high, p), _end(game, low, p)
    return PayoffSet(tuple(p), -low.sender_value, high.sender_value, _receiver_payoff(game, p, lc.sigma, lc.tau),
                     _receiver_payoff(game, p, hc.sigma, hc.tau), lc, hc, quasicav_witness(neg, low.envelope),
                     quasicav_witness(game, high.envelope))


def payoff_set_report(game: SenderReceiverGame, prior: Sequence[Any] | None = None, *, max_states: int | None = None) -> Report:
    """``cheaptalk FILE --payoff-set``: the best equilibrium's document plus the whole payoff set.

    Parameters
    ----------
    game : SenderReceiverGame
        A game with a state-independent sender.
    prior : sequence, optional
        The prior; the game's if None (errors name ``--prior``).
    max_states : int, optional
        The state limit (default :data:`~exactgame.cheaptalk.MAX_STATES`).

    Returns
    -------
    Report
        Command ``cheaptalk`` with ``options["payoff_set"] = True``; the keys of
        :meth:`PayoffSet.to_dict` beside the best equilibrium's.

    Raises
    ------
    InputError
        For a state-dependent sender or a bad prior.

    >>> from exactgame.catalogue import load
    >>> r = payoff_set_report(load("efficiency_example1"), ["1/2", "1/2"])
    >>> r.document()["sender_payoffs"], r.verify()
    (['0', '3'], True)
    """
    if state_independent_payoffs(game) is None:
        raise InputError("--payoff-set needs a state-independent sender (transparent motives)")
    limit = MAX_STATES if max_states is None else max_states
    base = cheap_talk_report(game, prior, max_states=limit)
    ps = equilibrium_payoff_set(game, prior, limit)
    body = dict(base.body)
    extra = ps.to_dict()
    body["certificates"] = {**body["certificates"], **extra.pop("certificates")}
    body.update(extra)
    mine = "certificates/min_equilibrium", "certificates/min_separator"
    top = "certificates/equilibrium", "certificates/quasiconcave_envelope"
    claims = list(base.claims) + [
        conditional("sender_payoffs", INTERVAL, *mine, *top,
                    proves="both ends are equilibrium payoffs and no equilibrium pays outside them"),
        certified("sender_payoff_min", *mine, proves="an equilibrium pays it (Definition 5) and a separator excludes "
                  "every lower payoff (Lemma 1's 'only if' direction)"),
        certified("sender_payoff_max", *top, proves="an equilibrium pays it and a separator excludes every higher payoff"),
        certified("receiver_payoff_at_min", mine[0], proves="the receiver's payoff in the equilibrium given for the low end"),
        certified("receiver_payoff_at_max", top[0], proves="the receiver's payoff in the equilibrium given for the high end")]
    lines = list(base.lines) + [
        f"sender's equilibrium payoffs: [{fmt(ps.sender_low)}, {fmt(ps.sender_high)}] (every value between is one)",
        f"  lowest {fmt(ps.sender_low)}: receiver gets {fmt(ps.receiver_at_low)} in the equilibrium given",
        f"  highest {fmt(ps.sender_high)}: receiver gets {fmt(ps.receiver_at_high)} in the equilibrium given"]
    options = {**base.options, "payoff_set": True}
    body = {**body, "method": "transparent motives: the interval of the sender's equilibrium payoffs, each end by an "
                              "equilibrium (Definition 5) and a separator over the receiver's cells"}
    return Report("cheaptalk", game, options, body, tuple(claims), tuple(lines))
