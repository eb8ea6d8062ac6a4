r"""Pareto efficiency of outcomes (000_2cf035f6c25283ea.txt, Sections 2 and 3.2).

For a game with states :math:`\Omega`, prior :math:`p \in \operatorname{int}\Delta\Omega`,
``k`` players and an outcome :math:`\mu:\Omega\to\Delta A`:

* :math:`\mu` is **efficient** (Definition 2) if :math:`u(\mu)` is Pareto efficient in
  :math:`F_p`. By **Proposition 2** this holds iff the cone of the deviations
  :math:`d_\mu(\omega,a) = u(\omega,a) - u(\mu\mid\omega)` meets the nonnegative orthant only
  at 0, i.e. (Mangasarian's alternative) iff some :math:`n > 0` has :math:`n\cdot d \le 0`
  for every deviation. We solve the LP ``n >= 1, n . d <= 0``.

  - *Efficient*: the certificate is ``n``. For any outcome :math:`\mu'`,
    :math:`n\cdot u(\mu') = \sum_\omega p(\omega)\sum_a \mu'(a|\omega)\, n\cdot u(\omega,a)
    \le \sum_\omega p(\omega)\, n\cdot u(\mu|\omega) = n\cdot u(\mu)`, so nothing
    Pareto-dominates :math:`u(\mu)` (``n > 0``).
  - *Inefficient*: weights :math:`\lambda \ge 0` on deviations with
    :math:`\sum \lambda_d d \ge 0`, :math:`\ne 0`, turned into an explicit outcome
    :math:`\mu'(\omega) = (1 - t_\omega)\mu(\omega) + \sum_a \varepsilon\lambda_{\omega a}/p(\omega)\,\delta_a`
    with :math:`u(\mu') - u(\mu) = \varepsilon\sum\lambda_d d`; the certificate holds
    :math:`\mu'` and both payoff vectors, and its check is just "``mu'`` is an outcome and
    its payoff vector is >= and != that of ``mu``".

* **Ex-post efficiency** in a state (Definition 3) is the same test on that state's
  deviations alone (certificate: a positive normal, or a dominating distribution in
  that state).
* **Compatibility** (Definition 4) is computed independently through the geometry
  layer: the normal cones :math:`N_\omega(\mu)` of :math:`F_\omega` at :math:`u(\mu|\omega)`, their
  intersection, and an LP for a strictly positive vector in it. **Proposition 1**
  (efficient iff ex-post efficient everywhere and compatible) is then a cross-check
  of two algorithms, run in the tests on random games.
* **Theorem 1**: generically, efficiency needs :math:`\sum_\omega|\mu(\omega)| < k+|\Omega|`;
  ``class`` is pure / quasi-pure / mixed (Remark 3). Theorem 1 is generic: the
  :func:`genericity_probe` perturbs payoffs by small random rationals and reports
  whether the verdict is stable.
* **Remark 1** (two players): the pairwise angle test, :func:`angle_test`, a second
  independent algorithm for efficiency.

>>> from exactgame.catalogue import load
>>> g = load("efficiency_example1")      # Example 1
>>> r = efficiency(g, {"w0": {"a1": 1}, "w1": {"a1": 1}}, prior=["7/10", "3/10"])
>>> r.efficient, r.cls, r.certificate.verify()
(True, 'pure', True)
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field, replace
from functools import cached_property
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from .display.mixin import Displayable
from .certificates import Certificate, decode_vector, dot, encode, require, show
from .errors import InputError, InternalError
from .games.model import Game, Outcome, SenderReceiverGame, check_prior
from .geometry import Cone, solve_lp
from .geometry.cones import positive_point
from .numbers import fmt, to_fraction, Vector
from .outcome_face import OutcomeFace, outcome_face, state_bounds
from .results import Claim, FigureSpec, Report, certified, not_certified, proof_document

__all__ = [
    "efficiency_report",
    "EfficiencyResult",
    "EfficientCertificate",
    "DominatedCertificate",
    "efficiency",
    "angle_test",
    "genericity_probe",
    "classify",
    "induced_outcome",
    "strategies_outcome",
    "corollary_1",
]



def _as_game(game: Game | SenderReceiverGame) -> Game:
    if isinstance(game, SenderReceiverGame):
        return game.as_game()
    if not isinstance(game, Game):
        raise InputError(f"efficiency: expected a Game or SenderReceiverGame, got {type(game).__name__}")
    return game


# -- certificates ------------------------------------------------------------------


def _state_payoff(table, dist: Mapping[str, Fraction], k: int) -> Vector:
    total = [Fraction(0)] * k
    for a, q in dist.items():
        for i, u in enumerate(table[a]):
            total[i] += q * u
    return tuple(total)


def _check_distribution(dist: Mapping[str, Fraction], profiles, label: str) -> None:
    require(all(a in profiles for a in dist), f"{label}: a distribution names an unknown profile")
    require(all(q >= 0 for q in dist.values()) and sum(dist.values()) == 1, f"{label}: not a probability distribution")


@dataclass(frozen=True)
class EfficientCertificate(Certificate):
    """A normal ``n > 0`` with ``n . (u(w, a) - u(mu | w)) <= 0`` for every state and profile.

    With ``states`` a subset of the game's states, it certifies ex-post efficiency
    in those states (with one state) or efficiency (with all, and a full-support prior).
    The check: ``n`` is strictly positive, each ``outcome[w]`` is a distribution over the
    profiles of ``payoffs[w]``, and ``n . u(w, a) <= n . u(mu | w)`` for every listed state
    and profile.

    Attributes
    ----------
    payoffs : mapping
        ``state -> {profile: payoff vector}`` for the states certified.
    outcome : mapping
        ``state -> {profile: probability}``, the outcome ``mu``.
    states : tuple of str
        The states the certificate covers.
    normal : tuple of Fraction
        ``n``, one entry per player.

    >>> c = EfficientCertificate({"w": {"x": (1, 0), "y": (0, 1)}}, {"w": {"x": Fraction(1)}}, ("w",),
    ...                          (Fraction(1), Fraction(1)))
    >>> c.verify(), c.witness()
    (True, {'certificate': 'efficient-outcome', 'normal': ['1', '1']})
    >>> EfficientCertificate(c.payoffs, c.outcome, ("w",), (Fraction(1), Fraction(2))).verify()
    Traceback (most recent call last):
    exactgame.errors.CertificateError: efficient-outcome: profile y in state w beats the outcome along n
    """

    kind = "efficient-outcome"
    payoffs: Mapping[str, Mapping[str, Vector]]
    outcome: Mapping[str, Mapping[str, Fraction]]
    states: tuple[str, ...]
    normal: Vector

    def _check(self) -> None:
        n = self.normal
        require(all(x > 0 for x in n), "efficient-outcome: the normal is not strictly positive")
        for w in self.states:
            table = self.payoffs[w]
            _check_distribution(self.outcome[w], table, "efficient-outcome")
            base = dot(n, _state_payoff(table, self.outcome[w], len(n)))
            for a, u in table.items():
                require(dot(n, u) <= base, f"efficient-outcome: profile {a} in state {w} beats the outcome along n")

    def _data(self) -> dict[str, Any]:
        return {"payoffs": encode(self.payoffs), "outcome": encode(self.outcome), "states": list(self.states),
                "normal": encode(self.normal)}

    def witness(self) -> dict[str, Any]:
        """The normal only, for result documents (the payoffs and the outcome come from the game).

        Returns
        -------
        dict
            ``{"certificate": "efficient-outcome", "normal": [...]}`` with exact strings.
        """
        return {"certificate": self.kind, "normal": encode(self.normal)}

    @classmethod
    def _from_data(cls, d):
        return cls(_decode_payoffs(d["payoffs"]), _decode_outcome(d["outcome"]), tuple(d["states"]),
                   decode_vector(d["normal"], "normal"))


@dataclass(frozen=True)
class DominatedCertificate(Certificate):
    """An outcome ``mu'`` whose payoff vector Pareto-dominates that of ``mu``.

    ``prior`` weighs the states (all ones over a single state certifies ex-post
    inefficiency there). ``deviation_weights`` records the Proposition 2 weights it came from.
    The check recomputes ``u(mu) = sum_w prior(w) u(mu | w)`` and ``u(mu')`` from the payoffs,
    compares them with ``payoff`` and ``better_payoff``, and requires ``u(mu') >= u(mu)``
    with at least one strict inequality.

    Attributes
    ----------
    payoffs : mapping
        ``state -> {profile: payoff vector}``.
    prior : mapping of str to Fraction
        The weight of each state.
    outcome, better : mapping
        ``state -> {profile: probability}``: ``mu`` and the dominating ``mu'``.
    payoff, better_payoff : tuple of Fraction
        ``u(mu)`` and ``u(mu')``.
    deviation_weights : mapping
        ``state -> {profile: lambda}``, informative only (not checked).

    >>> half = Fraction(1, 2)
    >>> c = DominatedCertificate({"w": {"x": (1, 1), "y": (0, 0)}}, {"w": Fraction(1)}, {"w": {"y": Fraction(1)}},
    ...                          {"w": {"x": half, "y": half}}, (0, 0), (half, half))
    >>> c.verify(), c.witness()
    (True, {'certificate': 'dominated-outcome', 'better': {'w': {'x': '1/2', 'y': '1/2'}}})
    """

    kind = "dominated-outcome"
    payoffs: Mapping[str, Mapping[str, Vector]]
    prior: Mapping[str, Fraction]
    outcome: Mapping[str, Mapping[str, Fraction]]
    better: Mapping[str, Mapping[str, Fraction]]
    payoff: Vector
    better_payoff: Vector
    deviation_weights: Mapping[str, Mapping[str, Fraction]] = field(default_factory=dict)

    def _check(self) -> None:
        k = len(self.payoff)
        u, v = [Fraction(0)] * k, [Fraction(0)] * k
        for w, pw in self.prior.items():
            table = self.payoffs[w]
            _check_distribution(self.outcome[w], table, "dominated-outcome")
            _check_distribution(self.better[w], table, "dominated-outcome")
            a = _state_payoff(table, self.outcome[w], k)
            b = _state_payoff(table, self.better[w], k)
            for i in range(k):
                u[i] += pw * a[i]
                v[i] += pw * b[i]
        require(tuple(u) == tuple(self.payoff), f"dominated-outcome: u(mu) is {show(u)}, not {show(self.payoff)}")
        require(tuple(v) == tuple(self.better_payoff), f"dominated-outcome: u(mu') is {show(v)}, not {show(self.better_payoff)}")
        require(all(b >= a for a, b in zip(u, v)) and any(b > a for a, b in zip(u, v)),
                "dominated-outcome: mu' does not Pareto-dominate mu")

    def witness(self) -> dict[str, Any]:
        """The dominating outcome only, for result documents (payoffs, prior and outcome come from the game).

        Returns
        -------
        dict
            ``{"certificate": "dominated-outcome", "better": {state: {profile: "p/q"}}}``.
        """
        return {"certificate": self.kind, "better": encode(self.better)}

    def _data(self) -> dict[str, Any]:
        return {"payoffs": encode(self.payoffs), "prior": encode(self.prior), "outcome": encode(self.outcome),
                "better": encode(self.better), "payoff": encode(self.payoff), "better_payoff": encode(self.better_payoff),
                "deviation_weights": encode(self.deviation_weights)}

    @classmethod
    def _from_data(cls, d):
        return cls(_decode_payoffs(d["payoffs"]), {w: to_fraction(q) for w, q in d["prior"].items()},
                   _decode_outcome(d["outcome"]), _decode_outcome(d["better"]), decode_vector(d["payoff"], "payoff"),
                   decode_vector(d["better_payoff"], "better_payoff"), _decode_outcome(d.get("deviation_weights", {})))


def _decode_payoffs(d) -> dict[str, dict[str, Vector]]:
    return {w: {a: decode_vector(u, f"payoffs.{w}.{a}") for a, u in row.items()} for w, row in d.items()}


def _decode_outcome(d) -> dict[str, dict[str, Fraction]]:
    return {w: {a: to_fraction(q, where=f"outcome.{w}.{a}") for a, q in row.items()} for w, row in d.items()}


# -- the deviation test (Proposition 2) ----------------------------------------------


def _deviation_test(game: Game, outcome: Outcome, weights: Mapping[str, Fraction]):
    """Proposition 2 on the states in ``weights``: (True, normal) or (False, dominating outcome)."""
    k = game.k
    devs = []  # (state, profile, d)
    for w in weights:
        base = game.payoff_in_state(outcome, w)
        for a in game.profiles:
            d = tuple(x - y for x, y in zip(game.payoffs[w][a], base))
            if any(d):
                devs.append((w, a, d))
    # n = 1 + m, m >= 0:  m . d <= -(1 . d)
    if not devs:
        return True, (Fraction(1),) * k
    r = solve_lp([0] * k, A_ub=[list(d) for _, _, d in devs], b_ub=[-sum(d) for _, _, d in devs])
    if r.status == "optimal":
        if r.x is None:  # pragma: no cover - an optimal LP has a point
            raise InternalError("efficiency: the optimal normal LP has no point")
        return True, tuple(1 + m for m in r.x)
    # lambda >= 0, sum lambda <= 1, sum lambda d >= 0: maximize sum_i (sum lambda d)_i
    A_ub = [[-d[i] for _, _, d in devs] for i in range(k)] + [[1] * len(devs)]
    obj = [sum(d) for _, _, d in devs]
    r = solve_lp(obj, A_ub=A_ub, b_ub=[0] * k + [1], maximize=True)
    if not (r.status == "optimal" and r.value is not None and r.value > 0 and r.x is not None):
        raise InternalError("Mangasarian's alternative failed: neither a compatibility vector nor a dual ray was found")
    lam: dict[str, dict[str, Fraction]] = {}
    for (w, a, _), x in zip(devs, r.x):
        if x:
            lam.setdefault(w, {})[a] = x
    return False, lam


def _dominating(game: Game, outcome: Outcome, lam: Mapping[str, Mapping[str, Fraction]], weights: Mapping[str, Fraction]):
    """Move mass epsilon * lambda / weight onto the deviating profiles, state by state."""
    eps = Fraction(1)
    for w, row in lam.items():
        eps = min(eps, weights[w] / sum(row.values()))
    better = {}
    for w in weights:
        moved = {a: eps * x / weights[w] for a, x in lam.get(w, {}).items()}
        t = sum(moved.values())
        dist = {a: (1 - t) * q for a, q in outcome.dist[w].items()}
        for a, x in moved.items():
            dist[a] = dist.get(a, Fraction(0)) + x
        better[w] = {a: q for a, q in dist.items() if q}
    return better


def _certify(game: Game, outcome: Outcome, weights: Mapping[str, Fraction]) -> EfficientCertificate | DominatedCertificate:
    ok, data = _deviation_test(game, outcome, weights)
    table = {w: dict(game.payoffs[w]) for w in weights}
    dist = {w: dict(outcome.dist[w]) for w in weights}
    if ok:
        return EfficientCertificate(table, dist, tuple(weights), data)
    better = _dominating(game, outcome, data, weights)
    k = game.k

    def pay(o):
        tot = [Fraction(0)] * k
        for w, pw in weights.items():
            for i, x in enumerate(_state_payoff(game.payoffs[w], o[w], k)):
                tot[i] += pw * x
        return tuple(tot)

    return DominatedCertificate(table, dict(weights), dist, better, pay(dist), pay(better), data)


# -- classification (Theorem 1, Remark 3) --------------------------------------------


def classify(support_sizes: Sequence[int]) -> str:
    """The class of an outcome by its support sizes (Remark 3 of 000_2cf035f6c25283ea.txt).

    Parameters
    ----------
    support_sizes : sequence of int
        ``|supp mu(w)|`` for each state.

    Returns
    -------
    str
        ``"pure"`` (one profile in every state), ``"quasi-pure"`` (two in exactly one state, one
        elsewhere) or ``"mixed"`` (anything else).

    >>> classify([1, 1]), classify([2, 1]), classify([2, 2])
    ('pure', 'quasi-pure', 'mixed')
    """
    if all(s == 1 for s in support_sizes):
        return "pure"
    if sorted(support_sizes)[-1] == 2 and sum(1 for s in support_sizes if s > 1) == 1:
        return "quasi-pure"
    return "mixed"


# -- the result ----------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class EfficiencyResult(Displayable):
    """Efficiency of one outcome, with certificates (see the module doc).

    Attributes
    ----------
    efficient, ex_post_efficient, compatible
        the verdicts of Definitions 2-4 (compatibility via normal cones).
    support : {state: tuple of profiles}
    actions_taken : int
        :math:`\\sum_\\omega |\\mu(\\omega)|`.
    bound : int
        ``k + |Omega|``; Theorem 1 says generically ``actions_taken < bound`` if efficient.
    cls : str
        pure / quasi-pure / mixed.
    normal_cones : {state: Cone}
        :math:`N_\\omega(\\mu)`, the outer normal cone of :math:`F_\\omega` at :math:`u(\\mu|\\omega)`.
    common_normal : vector or None
        a strictly positive vector of :math:`\\bigcap_\\omega N_\\omega(\\mu)` when compatible.
    certificate : Certificate
        :class:`EfficientCertificate` or :class:`DominatedCertificate` for the ex-ante verdict.
    ex_post_certificates : {state: Certificate}
    payoff : vector
        :math:`u(\\mu)` under the prior.

    >>> from exactgame.catalogue import load
    >>> r = efficiency(load("efficiency_example1"), {"w0": {"a2": 1}, "w1": {"a2": 1}})
    >>> r.efficient, r.ex_post_efficient, r.compatible, r.payoff
    (False, {'w0': False, 'w1': False}, False, (Fraction(0, 1), Fraction(32, 5)))
    >>> r.certificate.better, r.certificate.better_payoff       # a Pareto improvement of u(mu)
    ({'w0': {'a1': Fraction(1, 1)}, 'w1': {'a2': Fraction(1, 1)}}, (Fraction(7, 1), Fraction(188, 25)))
    """

    game: Game = field(repr=False)
    outcome: Outcome
    prior: Vector
    efficient: bool
    ex_post_efficient: Mapping[str, bool]
    compatible: bool
    support: Mapping[str, tuple[str, ...]]
    actions_taken: int
    bound: int
    cls: str
    normal_cones: Mapping[str, Cone]
    common_normal: Vector | None
    payoff: Vector
    certificate: EfficientCertificate | DominatedCertificate
    ex_post_certificates: Mapping[str, EfficientCertificate | DominatedCertificate]
    method: str = "Proposition 2 deviation-cone LP; compatibility via normal cones (Definition 4)"

    @property
    def within_bound(self) -> bool:
        """Whether Theorem 1's necessary condition ``actions_taken < bound`` holds."""
        return self.actions_taken < self.bound

    @cached_property
    def face(self) -> OutcomeFace:
        """Remark 4: the minimal face of ``F_p`` containing ``u(mu)``, certified
        (:func:`~exactgame.outcome_face.outcome_face`; computed on first use)."""
        common = self.normal_cones[self.game.states[0]]
        for w in self.game.states[1:]:
            common = common.intersection(self.normal_cones[w])
        return outcome_face(self.game, self.outcome, self.prior, common)

    @property
    def state_bound(self) -> dict[str, dict[str, Any]]:
        """Remark 2 per state: ``|mu(w)| <= k``, with ``knife_edge`` for an ex-post efficient state
        beyond it (:func:`~exactgame.outcome_face.state_bounds`)."""
        return state_bounds(self.support, self.game.k, self.ex_post_efficient)

    def verify(self) -> bool:
        """Verify every certificate of the result (ex ante and ex post).

        Returns
        -------
        bool
            True; a failing certificate raises :class:`~exactgame.errors.CertificateError`.
        """
        self.certificate.verify()
        for c in self.ex_post_certificates.values():
            c.verify()
        if "face" in self.__dict__:
            self.face.certificate.verify()
        return True

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``efficiency --json`` prints; the game in its
        two-player ``game`` form when a sender-receiver game was given).

        Returns
        -------
        dict
            :meth:`to_dict` with the game (carrying the outcome studied), its digest, the options
            and the claims.
        """
        game = self.game if self.game.outcome == self.outcome else replace(self.game, outcome=self.outcome, _cache={})
        return proof_document("efficiency", game, {"prior": self.prior}, self.to_dict(), self.claims())

    def claims(self) -> list[Claim]:
        """Each answer key with the certificate that proves it (the result protocol).

        Returns
        -------
        list of Claim
            One claim per answer key of :meth:`to_dict`; ``normal_cones`` is not certified.
        """
        c, ex = "certificate", "ex_post_certificates"
        return [certified("efficient", c, proves="a positive normal n with n . d <= 0 for every deviation, or a dominating outcome"),
                certified("ex_post_efficient", ex, proves="the same test in each state"),
                certified("compatible", "common_normal", c, proves="a common positive normal, or the dominating outcome (which excludes one)"),
                certified("common_normal", proves="it lies in every normal cone and is positive"),
                certified("support"), certified("actions_taken"), certified("bound"), certified("within_bound"),
                certified("class"), certified("payoff"), certified("players"), certified("prior", proves="the prior used"),
                certified("face", "face/certificate", proves="Remark 4: n . u(mu) = h(n), the support function of F_p, and "
                          "positive weights on every maximizer make u(mu) relatively interior to S(F_p; n), the minimal face; "
                          "dimension, cone_dimension and proper follow from n"),
                not_certified("face/vertices", "the vertices of the face are a Minkowski sum computed by cddlib, "
                              "not re-checked (the face itself is certified by its maximizers)"),
                certified("state_bound", proves="Remark 2: |mu(w)| <= k in each state, recomputed from the outcome"),
                not_certified("normal_cones", "each generator is computed by cddlib; that they generate the whole normal cone "
                              "is not re-checked")]

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-ready data with exact strings.

        Returns
        -------
        dict
            The verdicts, support, counts, class, payoff, normal cones, common normal, method,
            the certificates' witnesses (``certificate``, ``ex_post_certificates``), ``face``
            (Remark 4, :meth:`OutcomeFace.to_dict`) and ``state_bound`` (Remark 2).
        """
        return {
            "efficient": self.efficient,
            "ex_post_efficient": dict(self.ex_post_efficient),
            "compatible": self.compatible,
            "actions_taken": self.actions_taken,
            "bound": self.bound,
            "class": self.cls,
            "within_bound": self.within_bound,
            "support": {w: list(s) for w, s in self.support.items()},
            "players": list(self.game.players),
            "prior": encode(self.prior),
            "payoff": encode(self.payoff),
            "normal_cones": {w: {"rays": encode(c.rays), "lineality": encode(c.lineality)} for w, c in self.normal_cones.items()},
            "common_normal": None if self.common_normal is None else encode(self.common_normal),
            "method": self.method,
            "certificate": self.certificate.witness(),
            "ex_post_certificates": {w: c.witness() for w, c in self.ex_post_certificates.items()},
            "face": self.face.to_dict(),
            "state_bound": self.state_bound,
        }


def efficiency(game: Game | SenderReceiverGame, outcome: Any = None, prior: Iterable[Any] | None = None) -> EfficiencyResult:
    """Decide efficiency, ex-post efficiency and compatibility of an outcome, with certificates.

    Parameters
    ----------
    game : Game or SenderReceiverGame
    outcome : Outcome or mapping state -> {profile: probability}, optional
        defaults to the game's own outcome (the ``[outcome]`` table of its file).
    prior : sequence, optional
        defaults to the game's prior; must be interior (every state has positive
        probability), as the paper assumes.

    Returns
    -------
    EfficiencyResult
        The verdicts of Definitions 2-4 with their certificates, already verified.

    Raises
    ------
    InputError
        If there is no outcome, the outcome or prior is malformed, or the prior gives a state
        probability 0.

    >>> g = Game(["w"], [1], ["A", "B"], ["x", "y", "z"], {"w": {"x": (2, 0), "y": (0, 2), "z": (1, 1)}})
    >>> r = efficiency(g, {"w": {"z": 1}})        # (1, 1) lies on the segment from (2, 0) to (0, 2)
    >>> r.efficient, r.certificate.normal, r.cls, r.actions_taken, r.bound
    (True, (Fraction(1, 1), Fraction(1, 1)), 'pure', 1, 3)
    >>> efficiency(g, {"w": {"x": "1/2", "z": "1/2"}}).efficient
    True
    """
    g = _as_game(game)
    if outcome is None:
        outcome = g.outcome
        if outcome is None:
            raise InputError("efficiency: the game has no [outcome] table; give an outcome")
    out = g.make_outcome(outcome)
    p = g.prior if prior is None else check_prior(prior, g.states, where="prior")
    zero = [w for w, pw in zip(g.states, p) if pw == 0]
    if zero:
        raise InputError(f"prior: efficiency needs an interior prior (p in int Delta, as in the paper); "
                         f"state(s) {', '.join(zero)} have probability 0")
    weights = dict(zip(g.states, p))
    certificate = _certify(g, out, weights)
    ex_post = {w: _certify(g, out, {w: Fraction(1)}) for w in g.states}
    cones = {w: g.feasible_set(w).normal_cone(g.payoff_in_state(out, w)) for w in g.states}
    common = cones[g.states[0]]
    for w in g.states[1:]:
        common = common.intersection(cones[w])
    n, _ = positive_point(common)
    support = {w: out.support(w) for w in g.states}
    sizes = [len(s) for s in support.values()]
    res = EfficiencyResult(
        game=g, outcome=out, prior=tuple(p),
        efficient=isinstance(certificate, EfficientCertificate),
        ex_post_efficient={w: isinstance(c, EfficientCertificate) for w, c in ex_post.items()},
        compatible=n is not None,
        support=support, actions_taken=sum(sizes), bound=g.k + len(g.states), cls=classify(sizes),
        normal_cones=cones, common_normal=n, payoff=g.payoff(out, p),
        certificate=certificate, ex_post_certificates=ex_post,
    )
    res.verify()
    return res


# -- Remark 1: the angle test for two players ----------------------------------------


def angle_test(game: Game | SenderReceiverGame, outcome: Any = None) -> tuple[bool, tuple]:
    """Remark 1 (k = 2): efficient iff no deviation is >= 0 and != 0, and every pair
    ``d`` (benefits player 1) and ``e`` (benefits player 2) has ``e . d_dagger >= 0`` with
    ``d_dagger = (d_2, -d_1)`` (d rotated clockwise by 90 degrees).

    Deviations are ``d = u(w, a) - u(mu | w)`` over all states and profiles; the prior plays no
    role (it must be interior, as for :func:`efficiency`, which this cross-checks).

    Parameters
    ----------
    game : Game or SenderReceiverGame
        A two-player game.
    outcome : Outcome or mapping, optional
        The outcome; the game's own outcome if None.

    Returns
    -------
    tuple
        ``(efficient, witness)``: the witness of inefficiency is a single improving deviation
        ``(d,)`` or a pair ``(d, e)`` whose angle exceeds 180 degrees; ``()`` when efficient.

    Raises
    ------
    InputError
        If the game does not have two players or the outcome is missing or malformed.

    >>> from exactgame.catalogue import load
    >>> g = load("efficiency_example1")
    >>> angle_test(g), angle_test(g, {"w0": {"a2": 1}, "w1": {"a2": 1}})
    ((True, ()), (False, ((Fraction(2, 1), Fraction(13, 5)),)))
    """
    g = _as_game(game)
    if g.k != 2:
        raise InputError(f"angle_test: Remark 1 is for two players, the game has {g.k}")
    out = g.make_outcome(outcome if outcome is not None else g.outcome)
    devs = []
    for w in g.states:
        base = g.payoff_in_state(out, w)
        devs += [tuple(x - y for x, y in zip(g.payoffs[w][a], base)) for a in g.profiles]
    for d in devs:
        if d[0] >= 0 and d[1] >= 0 and any(d):
            return False, (d,)
    ones = [d for d in devs if d[0] > 0]
    twos = [e for e in devs if e[1] > 0]
    for d in ones:
        for e in twos:
            if e[0] * d[1] - e[1] * d[0] < 0:
                return False, (d, e)
    return True, ()


# -- genericity probe ----------------------------------------------------------------


#: Largest number of perturbations genericity_probe accepts (each re-solves every efficiency LP).
MAX_PROBE_TRIALS = 5_000


def genericity_probe(game: Game | SenderReceiverGame, outcome: Any = None, prior=None, trials: int = 8,
                     scale: Any = "1/1000", seed: int = 0, progress=None) -> dict[str, Any]:
    """Perturb every payoff by an independent random rational in ``[-scale, scale]`` and re-decide.

    Theorem 1 is a generic statement: an instance whose verdict flips under tiny
    perturbations sits on a knife edge (collinear payoff vectors, ties). The
    perturbations are rational, so every re-decision is exact; the probe itself is evidence,
    not a proof.

    Parameters
    ----------
    game : Game or SenderReceiverGame
        The game.
    outcome : Outcome or mapping, optional
        The outcome; the game's own outcome if None.
    prior : sequence, optional
        The prior; the game's prior if None.
    trials : int
        Number of perturbed games, from 0 to :data:`MAX_PROBE_TRIALS`.
    scale : exact number
        Half-width of each perturbation (a multiple of ``scale / 1000``).
    seed : int
        Seed of the pseudo-random perturbations (the same seed gives the same probe).
    progress : callable, optional
        Called as ``progress(done, trials)`` after each trial.

    Returns
    -------
    dict
        ``{"stable": bool, "verdict": bool, "verdicts": [...], "trials": n, "scale": "p/q"}``:
        ``verdict`` is the unperturbed efficiency, ``stable`` whether every trial agrees.

    Raises
    ------
    InputError
        If ``trials`` is not an integer in range (the message names ``--probe``).

    >>> from exactgame.catalogue import load
    >>> genericity_probe(load("efficiency_example1"), trials=2)
    {'stable': True, 'verdict': True, 'verdicts': [True, True], 'trials': 2, 'scale': '1/1000'}
    """
    if not isinstance(trials, int) or isinstance(trials, bool) or not 0 <= trials <= MAX_PROBE_TRIALS:
        raise InputError(f"genericity probe: the number of trials must be an integer from 0 to {MAX_PROBE_TRIALS} "
                         f"(each trial re-solves every efficiency LP); got {trials!r}", where="--probe")
    g = _as_game(game)
    out = g.make_outcome(outcome if outcome is not None else g.outcome)
    base = efficiency(g, out, prior).efficient
    s = to_fraction(scale, where="genericity_probe: scale")
    rng = random.Random(seed)
    verdicts = []
    for _ in range(trials):
        payoffs = {w: {a: tuple(u + s * Fraction(rng.randint(-1000, 1000), 1000) for u in g.payoffs[w][a])
                       for a in g.profiles} for w in g.states}
        h = Game(g.states, g.prior, g.players, g.profiles, payoffs)
        verdicts.append(efficiency(h, out, prior).efficient)
        if progress is not None:
            progress(len(verdicts), trials)
    return {"stable": all(v == base for v in verdicts), "verdict": base, "verdicts": verdicts, "trials": trials,
            "scale": encode(s)}


# -- Corollary 1: outcomes of type-contingent decision rules --------------------------


def induced_outcome(game: Game, types: Mapping[str, Mapping[Any, Any]], rule: Mapping[tuple, str]) -> Outcome:
    """The outcome of a pure type-contingent rule ``sigma(t, w)`` (a pure BCE-style rule).

    ``types[w][t]`` is the probability of type profile ``t`` in state ``w``;
    ``rule[(t, w)]`` is the profile played. ``mu(a | w) = sum_t pi(t | w) [sigma(t, w) = a]``.

    Parameters
    ----------
    game : Game
        The game.
    types : mapping
        ``state -> {type profile: probability}``, ``pi(t | w)``.
    rule : mapping
        ``(type profile, state) -> profile``, ``sigma(t, w)``.

    Returns
    -------
    Outcome
        The induced outcome, validated (InputError if a state's type probabilities do not sum
        to 1 or a profile is unknown; KeyError if the rule misses a pair).

    >>> g = Game(["w"], [1], ["A", "B"], ["u,l", "d,r"], {"w": {"u,l": (2, 0), "d,r": (0, 2)}})
    >>> induced_outcome(g, {"w": {"t1": "1/2", "t2": "1/2"}}, {("t1", "w"): "u,l", ("t2", "w"): "d,r"}).dist
    {'w': {'u,l': Fraction(1, 2), 'd,r': Fraction(1, 2)}}
    """
    dist: dict[str, dict[str, Fraction]] = {}
    for w in game.states:
        row: dict[str, Fraction] = {}
        for t, q in types[w].items():
            a = rule[(t, w)]
            row[a] = row.get(a, Fraction(0)) + to_fraction(q, where=f"types.{w}")
        dist[w] = row
    return game.make_outcome(dist)


def strategies_outcome(game: Game, types: Mapping[str, Mapping[tuple, Any]], strategies: Sequence[Mapping[Any, str]],
                       profile_name=lambda actions: ",".join(actions)) -> Outcome:
    """The outcome of pure strategies ``sigma_i : T_i -> A_i`` (a pure BNE-style rule).

    Type profiles are tuples ``(t_1, ..., t_k)``; ``profile_name`` maps the tuple of
    actions to the game's profile name (default: joined by commas). The rule is
    ``sigma(t, w) = (sigma_1(t_1), ..., sigma_k(t_k))``, the same in every state.

    Parameters
    ----------
    game : Game
        The game.
    types : mapping
        ``state -> {type profile tuple: probability}``.
    strategies : sequence of mapping
        ``strategies[i][t_i]`` is player ``i``'s action at type ``t_i``.
    profile_name : callable
        From the tuple of actions to the game's profile name.

    Returns
    -------
    Outcome
        The induced outcome (see :func:`induced_outcome`).

    >>> g = Game(["w"], [1], ["A", "B"], ["u,l", "u,r", "d,l", "d,r"],
    ...          {"w": {"u,l": (2, 0), "u,r": (0, 0), "d,l": (0, 0), "d,r": (0, 2)}})
    >>> types = {"w": {("t1", "s1"): "1/2", ("t2", "s2"): "1/2"}}
    >>> strategies_outcome(g, types, [{"t1": "u", "t2": "d"}, {"s1": "l", "s2": "r"}]).dist
    {'w': {'u,l': Fraction(1, 2), 'd,r': Fraction(1, 2)}}
    """
    rule = {(t, w): profile_name(tuple(s[ti] for s, ti in zip(strategies, t))) for w in game.states for t in types[w]}
    return induced_outcome(game, types, rule)


def corollary_1(game: Game, types: Mapping[str, Mapping[Any, Any]], rule: Mapping[tuple, str] | None = None,
                strategies: Sequence[Mapping[Any, str]] | None = None) -> dict[str, Any]:
    r"""Corollary 1's hypotheses for the generic inefficiency of a pure type-contingent rule.

    The corollary assumes that :math:`\pi : \Omega \to \Delta T` has **full support**: every
    type profile :math:`t \in T` has positive probability in every state. Then

    (i) for a rule :math:`\sigma(t, \omega)`: at least k states in which two types are told
        different profiles (each such state takes two or more actions, so at least
        :math:`|\Omega| + k` actions in all, Theorem 1's bound);
    (ii) for strategies :math:`\sigma_i(t_i)`: with q players using two or more actions across
        their types, :math:`|\Omega| (2^q - 1) \ge k` (every state takes :math:`2^q` profiles).

    The paper's prior is interior (:math:`p \in \mathrm{int}\,\Delta\Omega`); a state of probability
    zero takes no actions that count, so ``interior_prior`` False makes ``holds`` False too.
    Without full support neither count says anything (two type profiles may carry all the
    mass, and the outcome may take too few actions to be inefficient), so ``holds`` is False
    and ``full_support`` says why. For (i) the type set T is every profile named in ``types``;
    for (ii) it is the product of the players' type sets (the keys of ``strategies``).

    Parameters
    ----------
    game : Game
        The game.
    types : mapping
        ``state -> {type profile: probability}``, ``pi(t | w)``.
    rule : mapping, optional
        ``(type profile, state) -> profile``: check condition (i).
    strategies : sequence of mapping, optional
        ``strategies[i][t_i] -> action``: check condition (ii).

    Returns
    -------
    dict
        ``k``, ``interior_prior``, ``full_support`` (and ``missing``: up to five (state, profile)
        pairs of probability zero) and ``condition_i`` / ``condition_ii`` with the counts and
        ``holds`` (the corollary's hypothesis, full support included).

    Examples
    --------
    >>> g = Game(["w"], [1], ["A", "B"], ["u,l", "u,r", "d,l", "d,r"],
    ...          {"w": {"u,l": (2, 0), "u,r": (0, 0), "d,l": (0, 0), "d,r": (0, 2)}})
    >>> half = Fraction(1, 2)
    >>> c = corollary_1(g, {"w": {("t1", "s1"): half, ("t2", "s2"): half}},
    ...                 strategies=[{"t1": "u", "t2": "d"}, {"s1": "l", "s2": "r"}])
    >>> c["full_support"], c["condition_ii"]["holds"]
    (False, False)
    """
    k = game.k
    out: dict[str, Any] = {"k": k, "interior_prior": all(x > 0 for x in game.prior)}

    def support_check(profiles) -> None:
        missing = [(w, t) for w in game.states for t in profiles
                   if to_fraction(types[w].get(t, 0), where=f"types.{w}") <= 0]
        out["full_support"] = not missing and out["interior_prior"]
        if missing:
            out["missing"] = [[w, list(t) if isinstance(t, tuple) else t] for w, t in missing[:5]]

    if rule is not None:
        support_check(sorted({t for w in game.states for t in types[w]}, key=repr))
        varying = [w for w in game.states if len({rule[(t, w)] for t in types[w]}) > 1]
        out["condition_i"] = {"states_with_type_dependent_profiles": varying,
                              "holds": out["full_support"] and len(varying) >= k}
    if strategies is not None:
        support_check(list(itertools.product(*(sorted(s, key=repr) for s in strategies))))
        q = sum(1 for s in strategies if len(set(s.values())) > 1)
        out["condition_ii"] = {"q": q, "holds": out["full_support"] and len(game.states) * (2 ** q - 1) >= k}
    return out


def _face_lines(res: EfficiencyResult, points) -> list[str]:
    """Text for Remark 4 (the face of F_p) and Remark 2 (the per-state bound)."""
    f = res.face
    where = ("a proper face" if f.proper else "no proper face: u(mu) is relatively interior to F_p")
    lines = [f"face of F_p (Remark 4): {where}, dimension {f.dimension}, normal cone dimension {f.cone_dimension} "
             f"(generically at most {f.cone_dimension_bound}, eq. (16))",
             f"  normal n = {points([f.normal])} with n.u(mu) = max n.F_p = {fmt(f.support_value)}; maximizers "
             + "; ".join(f"{w}: {', '.join(a)}" for w, a in f.profiles.items()),
             f"  vertices: {points(f.vertices) if f.vertices is not None else 'not computed (too many pure selections)'}"]
    if f.cone_dimension > f.cone_dimension_bound:
        lines.append("  note: the normal cone is larger than eq. (16) allows for generic payoffs: a non-generic instance")
    over = [w for w, b in res.state_bound.items() if not b["within"]]
    lines.append(f"per-state bound |mu(w)| <= k = {res.game.k} (Remark 2): "
                 + ("holds in every state" if not over else f"fails in {', '.join(over)}"))
    edges = [w for w, b in res.state_bound.items() if b.get("knife_edge")]
    if edges:
        lines.append(f"  note: ex-post efficient beyond the bound in {', '.join(edges)}: a non-generic instance")
    return lines


def efficiency_report(game: Any, prior: Sequence[Any] | None = None, *, probe_trials: int = 0, plot: str | None = None,
                      progress=None) -> Report:
    """The ``efficiency`` subcommand as a Python call: :func:`efficiency` with its text, the
    genericity probe (``probe_trials`` perturbations, not a proof) and a figure, as a
    :class:`~exactgame.results.Report`.

    Parameters
    ----------
    game : Game or SenderReceiverGame
        The game; its own ``[outcome]`` is the outcome tested.
    prior : sequence, optional
        The prior (interior); the game's prior if None.
    probe_trials : int
        Perturbations for :func:`genericity_probe` (0: no probe).
    plot : str, optional
        Describe a figure to be written to this path (the interface draws it).
    progress : callable, optional
        Passed to the probe.

    Returns
    -------
    Report
        Command ``efficiency``: :meth:`EfficiencyResult.to_dict` (plus ``genericity`` and
        ``plot`` when asked), its claims and the text lines.

    Raises
    ------
    InputError
        As :func:`efficiency` (e.g. the game has no outcome).

    >>> from exactgame.catalogue import load
    >>> r = efficiency_report(load("efficiency_example1"))
    >>> r.document()["efficient"], r.lines[6]
    (True, '  certificate: positive normal n = (1, 1) with n.d <= 0 for every deviation')
    >>> r.lines[-1]
    'per-state bound |mu(w)| <= k = 2 (Remark 2): holds in every state'
    """

    def _points(vs) -> str:
        return ", ".join("(" + ", ".join(fmt(c) for c in v) + ")" for v in vs)

    res = efficiency(game, prior=prior)
    doc = res.to_dict()
    g = res.game
    lines = [f"players: {', '.join(g.players)}; prior: ({', '.join(fmt(x) for x in res.prior)})"]
    for w in g.states:
        cone = res.normal_cones[w]
        gens = ", ".join(_points([r]) for r in cone.rays) + ("" if not cone.lineality else f" + lin{_points(cone.lineality)}")
        lines.append(f"  {w}: support {{{', '.join(res.support[w])}}}, ex-post efficient: {'yes' if res.ex_post_efficient[w] else 'no'}, "
                     f"normal cone: {gens or '{0}'}")
    lines.append(f"compatible: {'yes, common normal ' + _points([res.common_normal]) if res.compatible else 'no'}")
    lines.append(f"actions taken: {res.actions_taken} (Theorem 1 bound: < {res.bound}), class: {res.cls}")
    lines.append(f"efficient: {'yes' if res.efficient else 'no'}  (u(mu) = {_points([res.payoff])})")
    cert = res.certificate
    if isinstance(cert, EfficientCertificate):  # the same test as res.efficient
        lines.append(f"  certificate: positive normal n = {_points([cert.normal])} with n.d <= 0 for every deviation")
    else:
        better = "; ".join(f"{w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in sorted(d.items())) for w, d in cert.better.items())
        lines.append(f"  certificate: the outcome {{{better}}} gives {_points([cert.better_payoff])}, a Pareto improvement")
    if res.efficient and not res.within_bound:
        lines.append("  note: efficient although Theorem 1's bound fails: a non-generic instance (knife edge)")
    lines += _face_lines(res, _points)
    claims = res.claims()
    if probe_trials:
        probe = genericity_probe(game, prior=prior, trials=probe_trials, progress=progress)
        doc["genericity"] = probe
        claims.append(not_certified("genericity", "random perturbations: evidence of (non-)genericity, not a proof"))
        lines.append(f"genericity probe ({probe_trials} perturbations of size {probe['scale']}): "
                     f"{'stable' if probe['stable'] else 'verdict changes: a knife-edge instance'}")
    figure = None
    if plot:
        figure = FigureSpec("plot_efficiency", {"result": res}, plot)
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    return Report("efficiency", game, {"prior": res.prior}, doc, tuple(claims), tuple(lines), figure=figure)


from .namespace import callable_module  # noqa: E402

# ``exactgame.efficiency`` is this module and, called, its main function efficiency(...) (see exactgame.namespace)
callable_module(__name__, "efficiency")
