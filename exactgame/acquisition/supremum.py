r"""The principal's maximal revenue for efficient trade over all implementable mechanisms, binary
qualities (004_2686c8b5ad6ec5f0.txt, Section 4, Appendix 7): the reduction, its proof, and a
certified enclosure of the supremum with explicit mechanisms approaching it.

Why this module exists (issue 16): :mod:`~exactgame.acquisition.subsidy` maximises the
*restricted* function :math:`R(m_1, m_2)` of :mod:`~exactgame.acquisition.revenue`, which puts
each player's reference point at his kink, i.e. both posteriors at kinks of
:math:`T(\cdot; \Lambda)`. The slides' (Opt) conditions assume the optimum is attained; on skewed
priors it is not, and perfectly correlated mechanisms with a posterior near certainty earn more.

**Setting.** Efficient trade (:math:`q \equiv 1` on the path; it needs gains from trade
:math:`u^b(v) > u^s(v)` in every state, checked on entry), entropy costs with scales
:math:`\kappa_b, \kappa_s`. A *perfectly correlated* mechanism: signal :math:`k` of both players,
probability :math:`\tau_k > 0`, posterior :math:`\mu_k` (:math:`\sum_k \tau_k \mu_k = \mu_0`),
on-path transfers :math:`t^b_k, t^s_k`, any off-path transfers.

**Step 1 (implementable diagonal mechanisms).** Such a mechanism is implementable for the
buyer iff every :math:`\mu_k` has full support and there is :math:`a \in \Delta(V)`, :math:`a > 0`,
with :math:`t^b_k \le \min_v [u^b(v) + \kappa_b \log(a_v / \mu_k(v))]` for all :math:`k` (and off-path
transfers high enough); likewise for the seller with :math:`c` and
:math:`t^s_k \ge \max_v [u^s(v) + \kappa_s \log(\mu_k(v)/c_v)]`. *Proof.* Necessity: by the
lemma, on the diagonal :math:`\lambda_k(v) = u^b(v) - t^b_k - \kappa_b \log\mu_k(v)` (every cell of
a full-support posterior's row is on the path); with :math:`\Lambda(v) = \min_k \lambda_k(v)` and
:math:`a'_v = e^{-\Lambda(v)/\kappa_b}`, (NA) says :math:`\sum_v a'_v \le 1`, and
:math:`\lambda_k(v) \ge \Lambda(v)` is the inequality with :math:`a'`; scaling :math:`a'` up to a
probability vector :math:`a \ge a'` keeps it. A posterior that rules out a state is never a best
response (:mod:`~exactgame.acquisition.implementability`, Class 1, infinite marginal gain).
Sufficiency is :mod:`~exactgame.acquisition.mechanism`. :math:`\square`

**Step 2 (the bound).** Hence the revenue :math:`\sum_k \tau_k (t^b_k - t^s_k)` of an implementable
diagonal mechanism is at most :math:`\sum_k \tau_k T(\mu_k; a, c) \le \mathrm{cav}\,T(\cdot; a, c)(\mu_0)`,
with :math:`T(m; a, c) = \min_v[\dots] - \max_v[\dots]` (extended continuously to
:math:`m \in \{0, 1\}`). So

.. math:: V^* := \sup\{\text{revenue}\} \le \sup_{a, c} \mathrm{cav}\,T(\cdot; a, c)(\mu_0)
          = \sup_{0 \le p \le \mu_0 \le q \le 1} G(p, q), \qquad
          G(p, q) = \sup_{a, c}\, [\tau_p T(p; a, c) + \tau_q T(q; a, c)],

(in one dimension the closure at :math:`\mu_0` is a supremum over two-point splittings; swap the
two suprema). Conversely every value :math:`\tau_p T(p) + \tau_q T(q)` with :math:`0 < p < q < 1` is
the revenue of an implementable mechanism (Step 1, on-path transfers at the bounds), and
:math:`T` is continuous on :math:`[0, 1]`, so the inequality is an **equality**: :math:`V^*` is the
supremum of revenue over implementable perfectly correlated mechanisms.

**Step 3 (where the supremum lives).** For fixed :math:`a, c` the function :math:`T` is convex
between its at most two kinks (the buyer's, where his two arguments tie, and the seller's):
each branch is an affine function of :math:`-\log m` or :math:`-\log(1 - m)`. The concave closure
of a piecewise convex function is the upper hull of its break points and end points, so the
optimal pair :math:`(p, q)` for :math:`(a, c)` is one of: both kinks (this is exactly
:math:`R(m_1, m_2)`, both orientations), a single kink at :math:`\mu_0` (at most
:math:`R_0 = \max_{a,c} T(\mu_0)`), or a pair with an end point, :math:`q = 1` or :math:`p = 0`.
Therefore

.. math:: V^* = \max\big(\sup R,\; \sup_{p \in [0, \mu_0]} G(p, 1),\; \sup_{q \in [\mu_0, 1]} G(0, q)\big),

(:math:`\sup R \ge R_0`), and the two edge terms are one-dimensional with :math:`G` in closed form
(:mod:`~exactgame.acquisition.edge`; :math:`G(0, q)` is :math:`G(\cdot, 1)` with the states
relabelled). Each term is certified separately: :math:`\sup R` by the branch and bound of
:mod:`~exactgame.acquisition.subsidy` (when a certainty limit reaches a value above every
candidate for :math:`R`, it only proves :math:`R \le` that value: case ``"dominated"``), the
edges by interval branch and bound.

**Step 4 (attainment).** If a mechanism attains :math:`V^*`, its :math:`(a, c)` attains the
outer supremum and all its posteriors lie where the supporting line of
:math:`\mathrm{cav}\,T(\cdot; a, c)` at :math:`\mu_0` touches :math:`T`. On an open convex piece
:math:`\ell - T` is strictly concave and :math:`\ge 0`, so it has no zero there: the touching
points in :math:`(0, 1)` are kinks. A splitting supported on kinks has revenue
:math:`\le \max(\sup R, R_0) = \sup R`. Hence **if an edge term is certified strictly above**
:math:`\sup R` **the supremum is not attained** (``attained = False``); it is approached by
posteriors :math:`p^*` and :math:`q \to 1` (or :math:`p \to 0`), and :func:`approaching_mechanisms`
builds rational ones, each checked by the exact implementability checker. If
:math:`\sup R` is certified above both edges, the optimum is the attained one of
:mod:`~exactgame.acquisition.subsidy`.

**Scope.** Steps 1-4 are proved here for *perfectly correlated* mechanisms. That they are
without loss for all implementable mechanisms (any number of signals, any correlation) is the
slides' Corollary ("Perfect correlation"), which rests on their Proposition (efficiency
:math:`\Rightarrow` essentially perfect correlation), proved there as a sketch (2 x 2 x 2,
distinct posteriors); :mod:`~exactgame.acquisition.correlation` checks its conclusion on given
mechanisms but does not prove it. So the upper bound over *all* mechanisms is reported as
``conditional`` on those two statements; the trivial bound revenue :math:`\le E[u^b - u^s]`
(both players can abstain, information costs are :math:`\ge 0`) holds unconditionally.

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame(["low", "high"], ["9/10", "1/10"], {"buyer": [0, 3], "seller": [-2, 1]})
>>> r = maximize_revenue(g)
>>> r.case, r.attained, r.status, r.restricted.revenue.hi < r.revenue.lo
('certainty limit', False, 'conditional', True)
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

from flint import arb, ctx

from ..certificates import Certificate, require
from ..errors import CertificateError, InputError
from ..logexp import Enclosure, arb_to_enclosure, to_arb
from ..numbers import fmt, to_fraction
from .edge import Edge, EdgeSupremum, edge_supremum
from .implementability import Implementability, check_implementability
from .mechanism import prescribed_mechanism
from .model import BUYER, SELLER, AcquisitionGame
from .revenue import Region
from .subsidy import (HIGH, MAX_BOXES, SubsidyCertificate, SubsidyResult, _game_data, _game_from_data, check_scales,
                      decode_game_fields, encode_game_fields, kink_optimum)

__all__ = ["maximize_revenue", "approaching_mechanisms", "RevenueCertificate", "PROPOSITION", "DEFAULT_EPS"]

#: What the bound over all (not only perfectly correlated) mechanisms rests on.
PROPOSITION = ("the slides' Corollary 'Perfect correlation' (w.l.o.g.), resting on their Proposition "
               "'Efficiency => essentially perfect correlation' (004, Sections 3-4)")

#: Default distance of the last approaching mechanism from the certified upper bound.
DEFAULT_EPS = Fraction(1, 10**9)


def check_gains_from_trade(game: AcquisitionGame) -> None:
    """Refuse states without gains from trade: efficient trade is then not 'always trade'.

    Parameters
    ----------
    game : AcquisitionGame
        Any game; :math:`u^b(v) > u^s(v)` is required in every state.

    Raises
    ------
    InputError
        Naming the states with :math:`u^b(v) \\le u^s(v)`.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> check_gains_from_trade(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [0, 3], "seller": [0, 1]}))
    Traceback (most recent call last):
    exactgame.errors.InputError: values: no gains from trade in state(s) 'low' (u^b <= u^s): subsidy minimization for efficient trade assumes u^b(v) > u^s(v) in every state (then efficient trade is q = 1); trade as a choice is not modelled
    """
    ub, us = game.values[BUYER], game.values[SELLER]
    bad = [w for w, b, s in zip(game.states, ub, us) if not b > s]
    if bad:
        raise InputError(f"no gains from trade in state(s) {', '.join(map(repr, bad))} (u^b <= u^s): subsidy minimization "
                         "for efficient trade assumes u^b(v) > u^s(v) in every state (then efficient trade is q = 1); "
                         "trade as a choice is not modelled", where="values")


# -- mechanisms approaching an edge -------------------------------------------------------------------


def _best_reference(reg: Region, p: Fraction, q: Fraction, player: str) -> Fraction:
    r"""A rational :math:`A` (buyer) or :math:`C` (seller) near the best one for the pair ``p < mu < q`` (region coordinates).

    The best is :math:`\tau_q` if the player's kink at :math:`\tau_q` lies in :math:`[p, q]`, else the
    one putting the kink at :math:`p` or :math:`q` (as in :mod:`~exactgame.acquisition.edge`); the
    candidates are compared on balls and rounded, which only costs revenue (the mechanism is checked).
    """
    tq = (reg.mu - p) / (q - p)
    if player == BUYER:
        D = (reg.ub[1] - reg.ub[0]) / reg.kb
    else:
        D = (reg.us[0] - reg.us[1]) / reg.ks
    with ctx.workprec(256):
        eD = to_arb(-D).exp()

        def at_kink(x: Fraction) -> Fraction:        # A with kink m(A) = x: odds A/(1-A) = x/(1-x) e^{-D}
            v = to_arb(x) * eD / (1 - to_arb(x) + to_arb(x) * eD)
            return _round(v)

        kink = (to_arb(tq) / (1 - to_arb(tq))) / eD       # odds of the kink at tau_q
        m = kink / (1 + kink)
        if m < to_arb(p):
            return at_kink(p)
        if m > to_arb(q):
            return at_kink(q)
    return tq


def _round(v: arb, digits: int = 40) -> Fraction:
    """The midpoint of ``v`` rounded down to ``digits`` decimals, clamped into :math:`[10^{-digits}, 1 - 10^{-digits}]`."""
    s = 10**digits
    x = Fraction(int((v.mid() * s).floor().unique_fmpz()), s)
    return min(max(x, Fraction(1, s)), 1 - Fraction(1, s))


def _diagonal(game: AcquisitionGame, reg: Region, posts: Sequence[Fraction], A: Fraction, C: Fraction,
              places: int) -> AcquisitionGame:
    """The rational diagonal mechanism with region posteriors ``posts`` and references ``A``, ``C``."""
    mu = reg.mu
    p, q = posts
    wq = (mu - p) / (q - p)
    game_posts = [x if not reg.mirrored else 1 - x for x in posts]
    a = [1 - A, A] if not reg.mirrored else [A, 1 - A]
    c = [1 - C, C] if not reg.mirrored else [C, 1 - C]
    diag = AcquisitionGame.diagonal(game.states, game.prior, game.values[BUYER], game.values[SELLER], game_posts,
                                    [1 - wq, wq], cost=game.cost, title=game.title)
    return prescribed_mechanism(diag, a=a, c=c, places=places)


def approaching_mechanisms(game: AcquisitionGame, edge: EdgeSupremum, upper: Fraction, eps: Fraction = DEFAULT_EPS,
                           max_steps: int = 40) -> list[tuple[Fraction, AcquisitionGame, Mapping[str, Implementability]]]:
    r"""Rational perfectly correlated mechanisms approaching the edge supremum: posteriors
    :math:`p^*` (rounded) and :math:`q_n = 1 - 10^{-n}` (region coordinates), each checked for both
    players by :func:`~exactgame.acquisition.check_implementability`.

    Returns ``[(revenue, mechanism, {player: Implementability}), ...]`` for ``n = 1, 2, ...`` until
    a checked mechanism earns at least ``upper - eps`` (or ``max_steps``). Only implementable
    mechanisms are listed. The references :math:`A, C` are the best ones for the pair
    :math:`(p^*, q_n)` (rounded to 40 decimals), the transfers those of
    :func:`~exactgame.acquisition.mechanism.prescribed_mechanism`.

    Parameters
    ----------
    game : AcquisitionGame
        A binary game with gains from trade.
    edge : EdgeSupremum
        Only its orientation ``mirrored`` and posterior ``best`` are used.
    upper : Fraction
        The bound to approach.
    eps : Fraction
        Stop once a mechanism earns at least ``upper - eps``.
    max_steps : int
        The largest ``n``.

    Returns
    -------
    list of (Fraction, AcquisitionGame, dict)
        ``(revenue, mechanism, {player: Implementability})`` per step, revenues exact.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["9/10", "1/10"], {"buyer": [0, 3], "seller": [-2, 1]})
    >>> edge = EdgeSupremum(False, Fraction(1387, 1000), Fraction(1387, 1000), Fraction(1, 128), (Fraction(0),))
    >>> seq = approaching_mechanisms(g, edge, edge.upper, eps=Fraction(1, 100))    # q = 0.9, then 0.99
    >>> [round(rev, 4) for rev, _, _ in seq], [str(m.posteriors("buyer")[1][1]) for _, m, _ in seq]
    ([Fraction(13661, 10000), Fraction(1731, 1250)], ['9/10', '99/100'])
    """
    reg = Region.of(game, edge.mirrored)
    mu = reg.mu
    out: list[tuple[Fraction, AcquisitionGame, Mapping[str, Implementability]]] = []
    for n in range(1, max_steps + 1):
        gap = Fraction(1, 10**n)
        q = 1 - gap
        if q <= mu:
            continue
        p = edge.best.limit_denominator(10**(n + 12)) if edge.best > 0 else min(gap, mu / 2)
        if p >= mu:
            p = mu - min(gap, (1 - mu) / 2, mu / 2)
        if p <= 0:
            p = min(gap, mu / 2)
        A = _best_reference(reg, p, q, BUYER)
        C = _best_reference(reg, p, q, SELLER)
        mech = _diagonal(game, reg, (p, q), A, C, places=max(30, n + 20))
        checks = {pl: check_implementability(mech, pl) for pl in (BUYER, SELLER)}
        if not all(c.implementable for c in checks.values()):   # pragma: no cover - Step 1 says it is
            continue
        rev = mech.revenue()
        out.append((rev, mech, checks))
        if rev >= upper - eps:
            break
    return out


# -- the certificate ------------------------------------------------------------------------------------------


class RevenueCertificate(Certificate):
    r"""The supremum of revenue over implementable perfectly correlated mechanisms is at most ``upper``.

    Checks: the restricted certificate (:math:`\sup R \le` its bound, both orientations), the two
    edge certificates (:math:`\sup_p G(p, 1) \le` their bounds, leaves covering :math:`[0, \mu]`),
    and that ``upper`` is at least all three (Step 3 of the module docstring). Also re-checked: the
    game has gains from trade, the restricted certificate is about the same game, and
    :math:`R_0` (the value at the proved-increasing edge ends) is below the restricted bound.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     cost={"buyer": 4, "seller": 4})
    >>> kink = kink_optimum(g)
    >>> edges = [edge_supremum(Region.of(g, m), tol=Fraction(1, 1000)) for m in (False, True)]
    >>> cert = RevenueCertificate(_game_data(g), kink.certificate, kink.revenue.hi, edges, kink.revenue.hi)
    >>> cert.verify(), all(e.upper < kink.revenue.lo for e in edges)     # certainty never pays here
    (True, True)
    """

    kind = "acquisition-revenue"

    def __init__(self, game: Mapping[str, Any], restricted: SubsidyCertificate, restricted_upper: Fraction,
                 edges: Sequence[EdgeSupremum], upper: Fraction):
        self.game, self.restricted, self.restricted_upper = dict(game), restricted, restricted_upper
        self.edges, self.upper = tuple(edges), upper

    def _check(self) -> None:
        g = _game_from_data(self.game)
        check_gains_from_trade(g)
        self.restricted.verify()
        require(self.restricted.game == self.game, "the restricted certificate is about another game")
        with ctx.workprec(HIGH):
            if self.restricted.case == "dominated":
                floor = self.restricted.floor
                if floor is None:    # unreachable: the restricted certificate verified above needs its floor
                    raise CertificateError("the restricted bound is not proved")
                require(floor <= self.restricted_upper, "the restricted bound is not proved")
            else:
                require(arb_to_enclosure(self.restricted.value_ball()).hi <= self.restricted_upper,
                        "the restricted bound is not proved")
            R0 = Region.of(g, False).value(g.prior[1], g.prior[1])
            require(arb_to_enclosure(R0).hi <= self.restricted_upper, "R_0 (the monotone edge ends) exceeds the restricted bound")
        require(sorted(e.mirrored for e in self.edges) == [False, True], "need the edge certificates of both orientations")
        for e in self.edges:
            require(e.check(Region.of(g, e.mirrored)), f"edge bound {fmt(e.upper)} not proved (mirrored={e.mirrored})")
        require(self.upper >= max([self.restricted_upper] + [e.upper for e in self.edges]), "upper is below a component bound")

    def _data(self) -> dict[str, Any]:
        return {"game": encode_game_fields(self.game), "restricted": self.restricted.to_dict(), "restricted_upper": fmt(self.restricted_upper),
                "edges": [e.to_dict() for e in self.edges], "upper": fmt(self.upper)}

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "RevenueCertificate":
        from ..certificates import certificate_from_dict

        g = decode_game_fields(data["game"])
        restricted = certificate_from_dict(data["restricted"])
        if not isinstance(restricted, SubsidyCertificate):
            raise InputError("the restricted part must be an acquisition-subsidy certificate")
        return cls(g, restricted, to_fraction(data["restricted_upper"]), [EdgeSupremum.from_dict(e) for e in data["edges"]],
                   to_fraction(data["upper"]))


# -- the answer --------------------------------------------------------------------------------------------------


def _entropy(p: Sequence[arb]) -> arb:
    """:math:`H(p) = -\\sum_v p_v \\log p_v` on balls, skipping exact zeros (:math:`0 \\log 0 = 0`)."""
    return -sum((x * x.log() for x in p if not (x == 0)), arb(0))


def _edge_details(game: AcquisitionGame, edge: EdgeSupremum) -> dict[str, Any]:
    """Posteriors, weights, references, limit transfers, costs and net payoffs at the edge optimum (balls, game order)."""
    reg = Region.of(game, edge.mirrored)
    e = Edge(reg)
    p = edge.best
    kb, ks = to_arb(reg.kb), to_arb(reg.ks)
    with ctx.workprec(HIGH):
        x = to_arb(p)
        tp, t1 = e._weights(x)
        A = t1 if (p == 0 or e.h(x, "b") >= 0) else x * (-to_arb((reg.ub[1] - reg.ub[0]) / reg.kb)).exp() / (
            1 - x + x * (-to_arb((reg.ub[1] - reg.ub[0]) / reg.kb)).exp())
        C = t1 if (p == 0 or e.h(x, "s") >= 0) else x * (-to_arb((reg.us[0] - reg.us[1]) / reg.ks)).exp() / (
            1 - x + x * (-to_arb((reg.us[0] - reg.us[1]) / reg.ks)).exp())
        Lb = to_arb(reg.ub[0]) + kb * ((1 - A) / (1 - x)).log()
        Ls = to_arb(reg.us[0]) + ks * ((1 - x) / (1 - C)).log()
        opt = {}
        if p > 0:
            Hb = to_arb(reg.ub[1]) + kb * (A / x).log()
            Hs = to_arb(reg.us[1]) + ks * (x / C).log()
            tbp, tsp = Lb.min(Hb), Ls.max(Hs)
            opt = {"Opt_b": arb_to_enclosure(Lb - Hb), "Opt_s": arb_to_enclosure(Ls - Hs)}
        else:
            tbp, tsp = Lb, Ls
        tb = [tbp, to_arb(reg.ub[1]) + kb * A.log()]
        ts = [tsp, to_arb(reg.us[1]) - ks * C.log()]
        post = [[1 - x, x], [arb(0), arb(1)]]
        full = [pp if not reg.mirrored else pp[::-1] for pp in post]
        ref_b = [1 - A, A] if not reg.mirrored else [A, 1 - A]
        ref_s = [1 - C, C] if not reg.mirrored else [C, 1 - C]
        prior = [to_arb(v) for v in game.prior]
        tau = [tp, t1]
        info = _entropy(prior) - sum((t * _entropy(pp) for t, pp in zip(tau, full)), arb(0))
        ub, us = game.values[BUYER], game.values[SELLER]
        Eu = lambda u, pp: sum((to_arb(u[v]) * pp[v] for v in range(2)), arb(0))  # noqa: E731
        cost_b, cost_s = to_arb(game.cost[BUYER]) * info, to_arb(game.cost[SELLER]) * info
        net_b = sum((t * (Eu(ub, pp) - y) for t, pp, y in zip(tau, full, tb)), arb(0)) - cost_b
        net_s = sum((t * (y - Eu(us, pp)) for t, pp, y in zip(tau, full, ts)), arb(0)) - cost_s
        enc = arb_to_enclosure
        return {"posteriors": tuple(tuple(enc(v) for v in pp) for pp in full), "weights": tuple(enc(t) for t in tau),
                "transfers": {BUYER: tuple(enc(v) for v in tb), SELLER: tuple(enc(v) for v in ts)},
                "reference": {BUYER: tuple(enc(v) for v in ref_b), SELLER: tuple(enc(v) for v in ref_s)},
                "optimality": opt, "information_cost": {BUYER: enc(cost_b), SELLER: enc(cost_s)},
                "net_payoff": {BUYER: enc(net_b), SELLER: enc(net_s)}}


def maximize_revenue(game: AcquisitionGame, budget: int = MAX_BOXES, eps: Fraction = DEFAULT_EPS) -> SubsidyResult:
    """The supremum of the principal's revenue for efficient trade (binary qualities): a certified
    enclosure over perfectly correlated mechanisms (conditional on the slides' Corollary for all
    mechanisms), whether it is attained, and checked rational mechanisms within ``eps`` of the bound.

    :math:`V^* = \\max(\\sup R, \\sup_p G(p, 1), \\sup_q G(0, q))` (Step 3 of the module docstring): the
    edge terms by :func:`~exactgame.acquisition.edge.edge_supremum`, :math:`\\sup R` by
    :func:`~exactgame.acquisition.subsidy.kink_optimum` (asked only to prove :math:`R \\le` the best
    edge value when that is higher). ``attained`` is True when :math:`\\sup R` is certified above both
    edges, False when an edge is certified above :math:`\\sup R` (case ``"certainty limit"``: the
    answer then lists the approaching mechanisms in ``sequence``), None when the enclosures overlap.
    The module docstring runs a full example (a skewed prior where certainty pays).

    Parameters
    ----------
    game : AcquisitionGame
        Two states, :math:`u^b > u^s` in both, scales within :func:`~exactgame.acquisition.subsidy.check_scales`.
    budget : int
        Branch-and-bound boxes allowed for :math:`\\sup R`.
    eps : Fraction
        Distance of the last approaching mechanism from the bound.

    Returns
    -------
    SubsidyResult
        Status ``"conditional"`` (or ``"not certified"`` when a search ran out of budget: then the
        revenue is only a feasible lower bound), with a :class:`RevenueCertificate`.

    Raises
    ------
    InputError
        For more than two states or a state without gains from trade; TooLargeError past the scales.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> maximize_revenue(AcquisitionGame(["a", "b", "c"], ["1/3", "1/3", "1/3"], {"buyer": [1, 2, 3], "seller": [0, 0, 0]}))
    Traceback (most recent call last):
    exactgame.errors.InputError: states: maximize_revenue is for two states (the slides' case); the file has 3: use exactgame.acquisition.simplex.simplex_revenue (a certified enclosure)
    """
    if not game.binary:
        raise InputError(f"maximize_revenue is for two states (the slides' case); the file has {len(game.states)}: "
                         "use exactgame.acquisition.simplex.simplex_revenue (a certified enclosure)", where="states")
    check_gains_from_trade(game)
    check_scales(game)
    eps = to_fraction(eps)
    found = [edge_supremum(Region.of(game, m)) for m in (False, True)]
    edges = [e for e in found if e is not None]
    both_edges = len(edges) == len(found)
    floor = None
    if both_edges:   # a certainty limit reaches this: enough to prove R below it
        floor = max(e.lower for e in edges) - Fraction(1, 2**100)
    kink = kink_optimum(game, budget, floor)
    with ctx.workprec(HIGH):
        kv = kink.certificate.value_ball()
    k_enc = arb_to_enclosure(kv)
    if kink.certificate.case == "dominated":   # proved: R_0 <= max R <= floor (exact ends, no ball rounding)
        k_enc = Enclosure(min(k_enc.lo, kink.certificate.floor), kink.certificate.floor)
        kink = replace(kink, revenue=k_enc, subsidy=-k_enc)
    ok = kink.status == "certified" and both_edges
    if not ok:
        return replace(kink, status="not certified", restricted=kink, attained=None,
                       note="the branch and bound did not finish: no upper bound over all mechanisms is proved; "
                            "the revenue is a lower bound (a feasible candidate)")
    k_upper = k_enc.hi
    upper = max([k_upper] + [e.upper for e in edges])
    lower_analytic = max([k_enc.lo] + [e.lower for e in edges])
    best_edge = max(edges, key=lambda e: e.lower)
    if k_enc.lo > max(e.upper for e in edges):
        attained, case = True, kink.case
    elif best_edge.lower > k_upper:
        attained, case = False, "certainty limit"
    else:
        attained, case = None, (kink.case if k_enc.lo >= best_edge.lower else "certainty limit")
    cert = RevenueCertificate(_game_data(game), kink.certificate, k_upper, edges, upper)
    revenue = Enclosure(min(lower_analytic, upper), upper)
    if case != "certainty limit":
        return replace(kink, status="conditional", revenue=revenue, subsidy=-revenue, attained=attained, restricted=kink,
                       edges=tuple(edges), certificate=cert, upper_bound=upper,
                       note=None if attained else "the restricted optimum and a certainty-limit value cannot be separated "
                                                  "at this precision; the enclosure covers both")
    seq = approaching_mechanisms(game, best_edge, upper, eps)
    rev, mech, checks = seq[-1]
    details = _edge_details(game, best_edge)
    # a checked mechanism of the restricted optimum may still be the best explicit one (when the enclosures overlap)
    if kink.mechanism_revenue > rev:
        rev, mech, checks = kink.mechanism_revenue, kink.mechanism, kink.implementability
    return replace(kink, status="conditional", case=case, revenue=revenue, subsidy=-revenue, mechanism=mech,
                   mechanism_revenue=rev, implementability=checks, certificate=cert, attained=attained, restricted=kink,
                   edges=tuple(edges), upper_bound=upper, sequence=tuple(seq), boxes=kink.boxes,
                   note=None, **details)
