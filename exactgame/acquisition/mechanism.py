r"""Transfers that implement a perfectly correlated information structure.

For a diagonal :math:`\alpha` (signal :math:`k` of both players, posterior :math:`\mu_k`,
probability :math:`\tau_k`) and efficient trade (:math:`q \equiv 1`), the lemma's
conditions read (004_2686c8b5ad6ec5f0.txt, "Subsidy minimization as Bayesian persuasion"):
on the diagonal :math:`\lambda^b_k(v) = u^b(v) - t^b_k - \kappa \log \mu_k(v)` and
:math:`\lambda^s_k(v) = t^s_k - u^s(v) - \kappa \log \mu_k(v)`; off the diagonal the
cells are empty and only need :math:`\phi \ge 0`, which punishing off-path transfers
secure (the buyer pays, the seller receives, enough less). What binds is (NA). Pick
probability vectors :math:`a, c` on :math:`V` (:math:`a_v = e^{-\Lambda^b(v)/\kappa}`,
:math:`c_v = e^{-\Lambda^s(v)/\kappa}`) and set

.. math:: t^b_k \le \min_v \big[u^b(v) + \kappa \log(a_v / \mu_k(v))\big], \qquad
          t^s_k \ge \max_v \big[u^s(v) + \kappa \log(\mu_k(v) / c_v)\big].

Then :math:`\lambda^b_k(v) \ge -\kappa \log a_v` for every :math:`k`, so
:math:`\sum_v e^{-\Lambda^b(v)/\kappa} \le \sum_v a_v = 1`: (NA) holds, and likewise for the
seller. The bounds are irrational; the transfers are rationals within ``10**-places`` on the
safe side, so the mechanism is exactly rational and its implementability is then *checked*
(:func:`~exactgame.acquisition.check_implementability`), not assumed.

Off the diagonal (buyer reports :math:`i`, seller :math:`k \ne i`) the buyer needs
:math:`t^b_{ik} \ge t^b_k + \kappa \log(\mu_k(v)/\mu_i(v))` and the seller
:math:`t^s_{ik} \le t^s_i + \kappa \log(\mu_k(v)/\mu_i(v))` for all :math:`v`; the
off-path transfers are those bounds rounded outward by one.

>>> from exactgame.acquisition import AcquisitionGame, check_implementability
>>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
>>> m = prescribed_mechanism(g)
>>> all(check_implementability(m, p).implementable for p in ("buyer", "seller"))
True
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Sequence

from ..errors import InputError
from ..logexp import LogLinear
from .model import BUYER, SELLER, AcquisitionGame

__all__ = ["prescribed_mechanism", "diagonal_mechanism", "lower_rational", "upper_rational", "diagonal_posteriors", "default_reference", "perturbed"]


def lower_rational(expr: LogLinear, places: int = 30) -> Fraction:
    """A rational :math:`r \\le` ``expr`` with :math:`\\mathrm{expr} - r < 10^{-places}` (denominator ``10**places``)."""
    enc = expr.enclose(bits=int(places * 3.33) + 64)  # float-ok: a working precision in bits, not an answer
    scale = 10**places
    return Fraction(math.floor(enc.lo * scale), scale)


def upper_rational(expr: LogLinear, places: int = 30) -> Fraction:
    """A rational :math:`r \\ge` ``expr`` within ``10**-places``."""
    return -lower_rational(-expr, places)


def diagonal_posteriors(game: AcquisitionGame) -> tuple[list[Fraction], list[tuple[Fraction, ...]]]:
    """``(tau, mu)`` of a diagonal (perfectly correlated) structure; InputError otherwise."""
    alpha = game._need_alpha()
    I, J = len(game.buyer_signals), len(game.seller_signals)
    if I != J or any(m[i][j] for m in alpha for i in range(I) for j in range(J) if i != j):
        raise InputError("the information structure is not perfectly correlated (diagonal); "
                         "merge signals with equal posteriors first (merge_equal_posteriors)", where="alpha")
    tau = [sum(m[k][k] for m in alpha) for k in range(I)]
    mu = [tuple(m[k][k] / tau[k] for m in alpha) for k in range(I)]
    return tau, mu


def default_reference(game: AcquisitionGame, player: str) -> list[Fraction]:
    r"""A rational :math:`a \in \Delta(V)` near the revenue-best one for the given posteriors.

    Revenue from the buyer is :math:`\sum_k \tau_k \min_v [u^b(v) + \kappa \log(a_v/\mu_k(v))]`,
    concave in :math:`a`; for binary :math:`V` it is maximised by ternary search on
    :math:`a_{v_1}` (floats only pick the candidate, which is then used exactly). For more
    states the no-information optimum :math:`a_v \propto \mu_0(v) e^{\mp u(v)/\kappa}` is used.
    """
    tau, mu = diagonal_posteriors(game)
    u, kappa = game.values[player], float(game.cost[player])  # float-ok: picks a reference point only
    sgn = 1.0 if player == BUYER else -1.0  # float-ok: as above
    n = len(game.states)

    def objective(a: Sequence[float]) -> float:
        if player == BUYER:
            return sum(float(t) * min(float(u[v]) + kappa * math.log(a[v] / float(m[v])) for v in range(n))  # float-ok: search only
                       for t, m in zip(tau, mu))
        return -sum(float(t) * max(float(u[v]) + kappa * math.log(float(m[v]) / a[v]) for v in range(n))  # float-ok: search only
                    for t, m in zip(tau, mu))

    if n == 2:
        lo, hi = 1e-12, 1 - 1e-12  # float-ok: search bracket
        for _ in range(200):
            x1, x2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
            if objective([x1, 1 - x1]) < objective([x2, 1 - x2]):
                lo = x1
            else:
                hi = x2
        x = Fraction((lo + hi) / 2).limit_denominator(10**15)  # float-ok: rounded to a rational
        x = min(max(x, Fraction(1, 10**15)), 1 - Fraction(1, 10**15))
        return [x, 1 - x]
    w = [float(p) * math.exp(-sgn * float(x) / kappa) for p, x in zip(game.prior, u)]  # float-ok: reference point only
    raw = [Fraction(x / sum(w)).limit_denominator(10**15) for x in w]  # float-ok: rounded to rationals
    raw = [max(r, Fraction(1, 10**15)) for r in raw]
    total = sum(raw)
    return [r / total for r in raw]


def prescribed_mechanism(game: AcquisitionGame, a: Sequence[Fraction] | None = None, c: Sequence[Fraction] | None = None,
                         places: int = 30) -> AcquisitionGame:
    """The diagonal structure of ``game`` with efficient trade and the transfers above (rational).

    ``a`` (buyer) and ``c`` (seller) are probability vectors on the states; by default
    :func:`default_reference`.
    """
    tau, mu = diagonal_posteriors(game)
    n, K = len(game.states), len(tau)
    for k, m in enumerate(mu):
        if any(x == 0 for x in m):
            raise InputError(f"signal {game.buyer_signals[k]!r} rules out a state: with entropy costs no transfers "
                             "implement it (the marginal cost of blurring it is infinite)", where="alpha")
    a = list(a) if a is not None else default_reference(game, BUYER)
    c = list(c) if c is not None else default_reference(game, SELLER)
    for name, vec in (("a", a), ("c", c)):
        if len(vec) != n or any(x <= 0 for x in vec) or sum(vec) != 1:
            raise InputError(f"{name} must be a positive probability vector on the {n} states")
    ub, us = game.values[BUYER], game.values[SELLER]
    kb, ks = game.cost[BUYER], game.cost[SELLER]
    tb_diag = [min(lower_rational(LogLinear(ub[v]) + LogLinear.log(a[v] / mu[k][v], kb), places) for v in range(n))
               for k in range(K)]
    ts_diag = [max(upper_rational(LogLinear(us[v]) + LogLinear.log(mu[k][v] / c[v], ks), places) for v in range(n))
               for k in range(K)]
    return diagonal_mechanism(game, tb_diag, ts_diag)


def diagonal_mechanism(game: AcquisitionGame, tb_diag: Sequence[Fraction], ts_diag: Sequence[Fraction]) -> AcquisitionGame:
    """The diagonal structure of ``game`` with efficient trade, the given on-path transfers and punishing off-path ones."""
    tau, mu = diagonal_posteriors(game)
    n, K = len(game.states), len(tau)
    kb, ks = game.cost[BUYER], game.cost[SELLER]
    tb = [[Fraction(0)] * K for _ in range(K)]
    ts = [[Fraction(0)] * K for _ in range(K)]
    for i in range(K):
        for k in range(K):
            if i == k:
                tb[i][k], ts[i][k] = Fraction(tb_diag[k]), Fraction(ts_diag[k])
                continue
            # buyer reports i, seller k: column k of the buyer, column i of the seller
            tb[i][k] = Fraction(math.ceil(max(upper_rational(LogLinear(tb_diag[k]) + LogLinear.log(mu[k][v] / mu[i][v], kb), 6)
                                              for v in range(n))) + 1)
            ts[i][k] = Fraction(math.floor(min(lower_rational(LogLinear(ts_diag[i]) + LogLinear.log(mu[k][v] / mu[i][v], ks), 6)
                                               for v in range(n))) - 1)
    one = tuple((Fraction(1),) * K for _ in range(K))
    return game.with_mechanism(game.alpha, {BUYER: tb, SELLER: ts}, {BUYER: one, SELLER: one},
                               game.buyer_signals, game.seller_signals)


def perturbed(mech: AcquisitionGame, eta: Fraction = Fraction(1, 100)) -> AcquisitionGame:
    """Move a share ``eta`` of cell (1, 1) to the off-diagonal cell (1, 2) in every state (same transfers).

    The state marginals stay the prior; signals 1 and 2 now form one block with unequal posteriors
    (a correlated, non-diagonal mechanism built from a diagonal one, for Section 4's examples).
    """
    alpha = [[list(r) for r in m] for m in mech.alpha]
    for m in alpha:
        x = m[0][0] * eta
        m[0][0] -= x
        m[0][1] += x
    return mech.with_mechanism(alpha, mech.transfers, mech.trade, mech.buyer_signals, mech.seller_signals)
