r"""The Bayesian-persuasion outcome by the obedience LP (000_2cf035f6c25283ea.txt, Definition 6).

.. math::

    \max_{\mu}\ \sum_\omega p(\omega)\sum_a \mu(a|\omega)\,u_S(\omega,a) \quad (24)
    \quad\text{s.t.}\quad \sum_\omega p(\omega)\mu(a|\omega)[u_R(\omega,a)-u_R(\omega,b)] \ge 0\ \ \forall a,b \quad (25)

with :math:`\sum_a \mu(a|\omega) = 1`; ties are broken for the sender because the LP
maximizes the sender's payoff over all obedient outcomes. Each recommended action
``a`` induces the posterior :math:`q_a(\omega) = p(\omega)\mu(a|\omega) / \sum_{\omega'} p(\omega')\mu(a|\omega')`.

Two independent computations certify the value: the LP's primal-dual certificate,
and the concave envelope of the value function at the prior (a splitting into
posteriors and a supporting hyperplane, Kamenica-Gentzkow 2011); :meth:`BPResult.verify`
checks both and that they agree.

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

from ..certificates import encode
from ..errors import CertificateError, InputError
from ..games.model import SenderReceiverGame, check_prior
from ..games.obedience import obedience_system
from ..geometry.envelope import EnvelopeValue, concave_envelope_at
from ..geometry.lp import LPProblem, LPResult, solve_problem
from .value import value_function

__all__ = ["BPResult", "persuade", "obedience_lp", "CROSS_CHECK_MAX_STATES"]

#: Above this many states the concave-envelope cross-check is skipped by default: the
#: receiver's cells are polytopes of the simplex whose vertex counts grow very fast
#: (measured: 0.1 s at 5 states, 0.75 s at 6, 21 s at 7 on random 0..20 payoffs). The
#: LP's primal-dual certificate alone still proves the value.
CROSS_CHECK_MAX_STATES = 5

Vector = tuple[Fraction, ...]


def obedience_lp(game: SenderReceiverGame, prior: Vector) -> LPProblem:
    """The LP (24)-(25) over ``mu(a | w)``, variables ordered state-major."""
    nA = len(game.actions)
    c = [prior[i] * game.sender[w][j] for i, w in enumerate(game.states) for j in range(nA)]
    A_ub, _, A_eq, b_eq = obedience_system(prior, game.states, game.receiver)
    return LPProblem.make(c, A_ub, [Fraction(0)] * len(A_ub), A_eq, b_eq, maximize=True)


@dataclass(frozen=True)
class BPResult:
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
    envelope : EnvelopeValue or None
        Cav V at the prior with its splitting/supporting-hyperplane certificate
        (None when the cross-check was skipped, see :data:`CROSS_CHECK_MAX_STATES`).
    """

    game: SenderReceiverGame = field(repr=False)
    prior: Vector
    value: Fraction
    outcome: Mapping[str, Mapping[str, Fraction]]
    posteriors: Mapping[str, tuple[Fraction, Vector]]
    lp: LPResult = field(repr=False)
    envelope: EnvelopeValue | None = field(repr=False)
    payments: str = "none"
    method: str = "obedience LP (24)-(25), cross-checked by the concave envelope of V"

    def verify(self) -> bool:
        """Check the LP certificate, that the LP is (24)-(25) of this game and prior, the
        envelope certificate, and that both give the same value."""
        self.lp.certificate.verify()
        if self.lp.problem != obedience_lp(self.game, self.prior):
            raise CertificateError("persuasion: the certified LP is not the obedience LP of this game and prior")
        if self.lp.value != self.value:
            raise CertificateError(f"persuasion: the LP value {self.lp.value} is not the claimed value {self.value}")
        if self.envelope is not None:
            self.envelope.certificate.verify()
            if self.envelope.value != self.value:
                raise CertificateError(f"persuasion: LP value {self.lp.value} and Cav V(p) = {self.envelope.value} differ")
        return True

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": encode(self.value),
            "outcome": encode(self.outcome),
            "prior": encode(self.prior),
            "payments": self.payments,
            "posteriors": {a: {"weight": encode(w), "posterior": encode(q)} for a, (w, q) in self.posteriors.items()},
            "cav_value": None if self.envelope is None else encode(self.envelope.value),
            "supporting_hyperplane": None if self.envelope is None else encode(self.envelope.support),
            "method": self.method,
            "certificates": {"lp": self.lp.certificate.to_dict(),
                             **({"concave_envelope": self.envelope.certificate.to_dict()} if self.envelope else {})},
        }


def persuade(game: SenderReceiverGame, prior: Iterable[Any] | None = None, cross_check: bool | None = None) -> BPResult:
    """The BP outcome mu*_p (Definition 6), exact and certified (twice when cross-checked).

    ``cross_check`` computes Cav V(p) independently through the value function's
    envelope; by default only up to :data:`CROSS_CHECK_MAX_STATES` states.
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade needs a sender-receiver game")
    p = game.prior if prior is None else check_prior(prior, game.states, where="prior")
    problem = obedience_lp(game, p)
    lp = solve_problem(problem)
    if lp.status != "optimal":  # pragma: no cover - the LP is always feasible (full disclosure) and bounded
        raise CertificateError(f"persuasion: the obedience LP is {lp.status} (a bug)")
    nA = len(game.actions)
    outcome = {w: {a: lp.x[i * nA + j] for j, a in enumerate(game.actions) if lp.x[i * nA + j]} for i, w in enumerate(game.states)}
    posteriors = {}
    for j, a in enumerate(game.actions):
        joint = [p[i] * lp.x[i * nA + j] for i in range(len(game.states))]
        weight = sum(joint)
        if weight:
            posteriors[a] = (weight, tuple(x / weight for x in joint))
    if cross_check is None:
        cross_check = len(game.states) <= CROSS_CHECK_MAX_STATES
    env = concave_envelope_at(value_function(game)[0], p) if cross_check else None
    method = BPResult.method if cross_check else "obedience LP (24)-(25), certified by its primal-dual pair"
    if env is not None and env.value != lp.value:  # pragma: no cover - two certified answers disagree: a bug
        raise CertificateError(f"persuasion: LP value {lp.value} and Cav V(p) = {env.value} differ")
    # both certificates were verified where they were made (solve_problem, concave_envelope_at);
    # BPResult.verify() re-checks everything, rebuilding the LP from the game, for a reader
    return BPResult(game, tuple(p), lp.value, outcome, posteriors, lp, env, method=method)
