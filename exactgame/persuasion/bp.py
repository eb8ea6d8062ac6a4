r"""The Bayesian-persuasion outcome by the obedience LP (000_2cf035f6c25283ea.txt, Definition 6).

.. math::

    \max_{\mu}\ \sum_\omega p(\omega)\sum_a \mu(a|\omega)\,u_S(\omega,a) \quad (24)
    \quad\text{s.t.}\quad \sum_\omega p(\omega)\mu(a|\omega)[u_R(\omega,a)-u_R(\omega,b)] \ge 0\ \ \forall a,b \quad (25)

with :math:`\sum_a \mu(a|\omega) = 1`; ties are broken for the sender because the LP
maximizes the sender's payoff over all obedient outcomes. Each recommended action
``a`` induces the posterior :math:`q_a(\omega) = p(\omega)\mu(a|\omega) / \sum_{\omega'} p(\omega')\mu(a|\omega')`.

The LP's primal-dual certificate proves the value, and also ``Cav V(p)``: the primal
splits the prior into the recommendations' posteriors (each obeyed), and the duals
give a supporting hyperplane ``h`` above ``V`` on the whole simplex with ``h . p`` equal
to the value (:func:`supporting_hyperplane`; the argument is written out in
:mod:`exactgame.check.persuasion`, which re-checks it). Up to
:data:`CROSS_CHECK_MAX_STATES` states the concave envelope of ``V`` is also computed
independently through the receiver's cells (a second algorithm, compared here).

>>> from exactgame.persuasion.value import example1_sr
>>> r = persuade(example1_sr(), prior=["3/10", "7/10"])
>>> r.value, r.outcome["w1"]
(Fraction(11, 2), {'a1': Fraction(2, 7), 'a4': Fraction(5, 7)})
>>> r.verify()
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping

from ..display.mixin import Displayable
from ..certificates import encode
from ..results import Claim, certified, proof_document
from ..errors import CertificateError, InputError, InternalError
from ..games.model import SenderReceiverGame, check_prior
from ..games.obedience import dual_adjusted_payoffs, obedience_matrix
from ..geometry.envelope import EnvelopeValue, concave_envelope_at
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..geometry.sparse import common_denominator
from .value import value_function
from ..numbers import Vector

__all__ = ["BPResult", "persuade", "obedience_lp", "supporting_hyperplane", "CROSS_CHECK_MAX_STATES"]

#: Above this many states the concave-envelope cross-check is skipped by default: the
#: receiver's cells are polytopes of the simplex whose vertex counts grow very fast
#: (measured: 0.1 s at 5 states, 0.75 s at 6, 21 s at 7 on random 0..20 payoffs). The
#: LP's primal-dual certificate alone still proves the value.
CROSS_CHECK_MAX_STATES = 5



def obedience_lp(game: SenderReceiverGame, prior: Vector) -> LPProblem:
    """The obedience LP (24)-(25) of Definition 6 over the variables ``mu(a | w)``.

    Maximize ``sum_w p(w) sum_a mu(a|w) u_S(w, a)`` subject to obedience
    ``sum_w p(w) mu(a|w) (u_R(w, b) - u_R(w, a)) <= 0`` for every ordered pair ``a != b``
    (rows in the order of :func:`~exactgame.games.obedience.obedience_system`, stored sparse),
    ``sum_a mu(a|w) = 1`` and ``mu >= 0``.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    prior : tuple of Fraction
        The prior ``p``, one entry per state (not re-checked here).

    Returns
    -------
    LPProblem
        A maximization; variable ``i * |A| + j`` is ``mu(a_j | w_i)`` (state-major).

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> lp = obedience_lp(g, g.prior)
    >>> [str(c) for c in lp.c], [[str(x) for x in row] for row in lp.A_ub]
    (['0', '7/10', '0', '3/10'], [['-7/10', '0', '3/10', '0'], ['0', '7/10', '0', '-3/10']])
    """
    P, Dp = common_denominator(prior)
    S, Ds = common_denominator([v for w in game.states for v in game.sender[w]])
    nA = len(game.actions)
    c = [Fraction(P[t] * S[t * nA + j], Dp * Ds) for t in range(len(game.states)) for j in range(nA)]
    A_ub, _, A_eq, b_eq = obedience_matrix(prior, game.states, game.receiver)
    return LPProblem.make(c, A_ub, [Fraction(0)] * len(A_ub), A_eq, b_eq, maximize=True)


def supporting_hyperplane(game: SenderReceiverGame, prior: Vector, lp: LPResult) -> Vector:
    r"""``h`` with :math:`h \ge V` on the simplex and :math:`h\cdot p` = the LP value, from the LP duals.

    :math:`h_\omega = \max_a [u_S(\omega,a) + \sum_b y_{ab}(u_R(\omega,a) - u_R(\omega,b))]`, which equals
    :math:`z_\omega / p_\omega` (the state row's dual) wherever that dual row is tight. For any
    belief ``q`` and an action ``a`` the receiver takes at ``q``, ``h . q >= u_S(., a) . q``
    because the ``y`` terms add ``sum_b y_ab (E_q u_R(a) - E_q u_R(b)) >= 0``; so ``h >= V``.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    prior : tuple of Fraction
        The prior of the LP.
    lp : LPResult
        The solved :func:`obedience_lp` of ``game`` and ``prior`` (optimal, with duals).

    Returns
    -------
    tuple of Fraction
        ``h``, one entry per state.

    Raises
    ------
    InternalError
        If ``lp`` carries no dual solution (it is not an optimal LP).

    >>> from exactgame.games import SenderReceiverGame
    >>> from exactgame.geometry.lp import solve_problem
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> h = supporting_hyperplane(g, g.prior, solve_problem(obedience_lp(g, g.prior)))
    >>> h, sum(x * q for x, q in zip(h, g.prior))          # h . p = Cav V(p) = 3/5
    ((Fraction(0, 1), Fraction(2, 1)), Fraction(3, 5))
    """
    nA = len(game.actions)
    y = lp.dual_ub
    if y is None:
        raise InternalError("supporting_hyperplane: the LP has no dual solution (not an optimal LP)")
    pairs = [(a, b) for a in range(nA) for b in range(nA) if a != b]  # the obedience rows' order
    table, den = dual_adjusted_payoffs(game.states, game.sender, game.receiver, dict(zip(pairs, y)))
    h = [Fraction(max(row), den) for row in table]
    return tuple(h)


@dataclass(frozen=True, repr=False)
class BPResult(Displayable):
    """The Bayesian-persuasion outcome at one prior.

    Attributes
    ----------
    value : Fraction
        the sender's expected payoff, equal to Cav V(p).
    outcome : {state: {action: probability}}
    posteriors : {action: (weight, posterior)}
        for each recommended action, the probability it is recommended and the
        receiver's posterior after the recommendation.
    lp : LPResult
        the obedience LP with its primal-dual certificate.
    hyperplane : vector
        ``h`` (one entry per state) with ``h . q >= V(q)`` on the simplex and ``h . p = value``,
        from the LP duals (:func:`supporting_hyperplane`): with the primal's splitting it
        proves ``value = Cav V(p)``.
    envelope : EnvelopeValue or None
        Cav V at the prior computed a second way, through the receiver's cells (None when
        the cross-check was skipped, see :data:`CROSS_CHECK_MAX_STATES`). An internal
        cross-check: it is compared here and not part of the result document.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> r = persuade(g)
    >>> r.value, r.outcome["innocent"], r.posteriors["convict"]
    (Fraction(3, 5), {'acquit': Fraction(4, 7), 'convict': Fraction(3, 7)}, (Fraction(3, 5), (Fraction(1, 2), Fraction(1, 2))))
    >>> r.hyperplane, r.verify()
    ((Fraction(0, 1), Fraction(2, 1)), True)
    """

    game: SenderReceiverGame = field(repr=False)
    prior: Vector
    value: Fraction
    outcome: Mapping[str, Mapping[str, Fraction]]
    posteriors: Mapping[str, tuple[Fraction, Vector]]
    lp: LPResult = field(repr=False)
    envelope: EnvelopeValue | None = field(repr=False)
    hyperplane: Vector = ()
    payments: str = "none"
    method: str = "obedience LP (24)-(25); Cav V(p) from its primal (splitting) and dual (supporting hyperplane)"

    def verify(self) -> bool:
        """Check the LP certificate, that the LP is (24)-(25) of this game and prior, the
        supporting hyperplane, and the envelope cross-check when it was computed.

        Returns
        -------
        bool
            True; any failed condition raises :class:`~exactgame.errors.CertificateError`.
        """
        self.lp.certificate.verify()
        if self.lp.problem != obedience_lp(self.game, self.prior):
            raise CertificateError("persuasion: the certified LP is not the obedience LP of this game and prior")
        if self.lp.value != self.value:
            raise CertificateError(f"persuasion: the LP value {self.lp.value} is not the claimed value {self.value}")
        if self.hyperplane != supporting_hyperplane(self.game, self.prior, self.lp) or \
                sum(h * q for h, q in zip(self.hyperplane, self.prior)) != self.value:
            raise CertificateError("persuasion: the supporting hyperplane does not come from the LP duals or misses the value")
        if self.envelope is not None:
            self.envelope.certificate.verify()
            if self.envelope.value != self.value:
                raise CertificateError(f"persuasion: LP value {self.lp.value} and Cav V(p) = {self.envelope.value} differ")
        return True

    def claims(self) -> list[Claim]:
        """Each answer key with the certificate that proves it (the result protocol).

        Returns
        -------
        list of Claim
            One claim per key of :meth:`to_dict` that is an answer.
        """
        lp = "certificates/lp"
        return [certified("value", lp, proves="the optimum of the obedience LP (24)-(25) rebuilt from the game"),
                certified("outcome", lp, proves="an optimal obedient outcome (the LP's primal)"),
                certified("posteriors", lp, proves="the posteriors and probabilities of the recommendations of that outcome"),
                certified("prior", proves="the prior used (options/prior, else the game's)"),
                certified("cav_value", lp, proves="Cav V(p): the primal's splitting and the dual's hyperplane meet"),
                certified("supporting_hyperplane", lp, proves="h >= V on the simplex (from the LP duals) with h . p = value")]

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``persuade --json`` prints; ``exactgame verify`` checks it).

        Returns
        -------
        dict
            :meth:`to_dict` with the game, its digest, the options and the claims.
        """
        return proof_document("persuade", self.game, {"prior": self.prior, "payments": "none"}, self.to_dict(), self.claims())

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-ready data with exact strings.

        Returns
        -------
        dict
            Keys ``value``, ``outcome``, ``prior``, ``payments``, ``posteriors`` (``weight`` and
            ``posterior`` per recommendation), ``cav_value``, ``supporting_hyperplane``, ``method``,
            ``cross_check`` and ``certificates`` (the LP's primal-dual witness).

        Raises
        ------
        InternalError
            If the LP certificate is not an optimality certificate (a bug).
        """
        cert = self.lp.optimality_certificate("persuasion")
        return {
            "value": encode(self.value),
            "outcome": encode(self.outcome),
            "prior": encode(self.prior),
            "payments": self.payments,
            "posteriors": {a: {"weight": encode(w), "posterior": encode(q)} for a, (w, q) in self.posteriors.items()},
            "cav_value": encode(self.value),
            "supporting_hyperplane": encode(self.hyperplane),
            "method": self.method,
            "cross_check": ("Cav V(p) computed again through the receiver's cells: equal" if self.envelope is not None
                            else f"skipped above {CROSS_CHECK_MAX_STATES} states (the LP certificate alone proves Cav V(p))"),
            "certificates": {"lp": cert.witness()},
        }


def persuade(game: SenderReceiverGame, prior: Iterable[Any] | None = None, cross_check: bool | None = None) -> BPResult:
    """The Bayesian-persuasion outcome mu*_p (Definition 6), exact and certified (twice when cross-checked).

    Solves :func:`obedience_lp`; its value is ``Cav V(p)``, the concave envelope of the value
    function at the prior. Among optimal outcomes, the one the LP solver returns is reported.

    Parameters
    ----------
    game : SenderReceiverGame
        The game.
    prior : sequence, optional
        The prior ``p``; the game's prior if None.
    cross_check : bool, optional
        Compute ``Cav V(p)`` a second time through the receiver's cells and compare; by default
        only up to :data:`CROSS_CHECK_MAX_STATES` states.

    Returns
    -------
    BPResult
        The value, outcome, posteriors, LP certificate and supporting hyperplane.

    Raises
    ------
    InputError
        If ``game`` is not a sender-receiver game or the prior is not a probability vector.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> r = persuade(g, ["1/2", "1/2"])      # at p(guilty) = 1/2 the receiver already convicts
    >>> r.value, r.outcome
    (Fraction(1, 1), {'innocent': {'convict': Fraction(1, 1)}, 'guilty': {'convict': Fraction(1, 1)}})
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade needs a sender-receiver game")
    p = game.prior if prior is None else check_prior(prior, game.states, where="prior")
    problem = obedience_lp(game, p)
    lp = solve_problem(problem)
    if lp.status != "optimal":  # pragma: no cover - the LP is always feasible (full disclosure) and bounded
        raise CertificateError(f"persuasion: the obedience LP is {lp.status} (a bug)")
    x = lp.x
    if x is None or lp.value is None:  # pragma: no cover - an optimal LP has both
        raise InternalError("persuasion: the optimal obedience LP has no primal point or value")
    nA = len(game.actions)
    outcome = {w: {a: x[i * nA + j] for j, a in enumerate(game.actions) if x[i * nA + j]} for i, w in enumerate(game.states)}
    posteriors = {}
    for j, a in enumerate(game.actions):
        joint = [p[i] * x[i * nA + j] if x[i * nA + j] else Fraction(0) for i in range(len(game.states))]
        weight = sum((v for v in joint if v), Fraction(0))
        if weight:
            posteriors[a] = (weight, tuple(v / weight if v else v for v in joint))
    if cross_check is None:
        cross_check = len(game.states) <= CROSS_CHECK_MAX_STATES
    env = concave_envelope_at(value_function(game)[0], p) if cross_check else None
    if env is not None and env.value != lp.value:  # pragma: no cover - two certified answers disagree: a bug
        raise CertificateError(f"persuasion: LP value {lp.value} and Cav V(p) = {env.value} differ")
    # both certificates were verified where they were made (solve_problem, concave_envelope_at);
    # BPResult.verify() re-checks everything, rebuilding the LP from the game, for a reader
    hyperplane = supporting_hyperplane(game, tuple(p), lp)
    if sum(h * q for h, q in zip(hyperplane, p)) != lp.value:  # pragma: no cover - LP duality says otherwise: a bug
        raise CertificateError("persuasion: the supporting hyperplane from the LP duals misses the value")
    return BPResult(game, tuple(p), lp.value, outcome, posteriors, lp, env, hyperplane)
