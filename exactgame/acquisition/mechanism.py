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
    r"""A rational :math:`r \le` ``expr`` with :math:`\mathrm{expr} - r < 10^{-places}` (denominator ``10**places``).

    :math:`r = \lfloor 10^{places} \ell \rfloor / 10^{places}` where :math:`\ell` is the lower end of a
    certified ball around ``expr`` (``places * 3.33 + 64`` bits), so :math:`r \le \mathrm{expr}` always.

    Parameters
    ----------
    expr : LogLinear
        :math:`c_0 + \sum_i c_i \log x_i` with rational :math:`c_i, x_i`.
    places : int
        Decimal places of the answer.

    Returns
    -------
    Fraction
        The rational lower bound.

    >>> from exactgame.logexp import LogLinear
    >>> lower_rational(LogLinear.log(2), 6)                 # log 2 = 0.69314718...
    Fraction(693147, 1000000)
    """
    enc = expr.enclose(bits=int(places * 3.33) + 64)  # float-ok: a working precision in bits, not an answer
    scale = 10**places
    return Fraction(math.floor(enc.lo * scale), scale)


def upper_rational(expr: LogLinear, places: int = 30) -> Fraction:
    r"""A rational :math:`r \ge` ``expr`` within ``10**-places``: ``-lower_rational(-expr, places)``.

    Parameters
    ----------
    expr : LogLinear
        :math:`c_0 + \sum_i c_i \log x_i` with rational :math:`c_i, x_i`.
    places : int
        Decimal places of the answer.

    Returns
    -------
    Fraction
        The rational upper bound.

    >>> from exactgame.logexp import LogLinear
    >>> upper_rational(LogLinear.log(2), 6)                 # 0.693148
    Fraction(173287, 250000)
    """
    return -lower_rational(-expr, places)


def diagonal_posteriors(game: AcquisitionGame) -> tuple[list[Fraction], list[tuple[Fraction, ...]]]:
    r"""Weights and posteriors of a diagonal (perfectly correlated) structure.

    :math:`\tau_k = \sum_v \alpha_{kk}(v)` and :math:`\mu_k(v) = \alpha_{kk}(v) / \tau_k`.

    Parameters
    ----------
    game : AcquisitionGame
        A game with ``alpha`` square and zero off the diagonal.

    Returns
    -------
    tuple
        ``(tau, mu)``: a list of Fractions and a list of posterior tuples ``mu[k][v]``.

    Raises
    ------
    InputError
        Without ``alpha``, or when ``alpha`` is not diagonal.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> tau, mu = diagonal_posteriors(g)
    >>> [str(t) for t in tau], [[str(x) for x in m] for m in mu]
    (['1/2', '1/2'], [['3/4', '1/4'], ['1/4', '3/4']])
    """
    alpha = game._need_alpha()
    nb, ns = len(game.buyer_signals), len(game.seller_signals)
    if nb != ns or any(m[i][j] for m in alpha for i in range(nb) for j in range(ns) if i != j):
        raise InputError("the information structure is not perfectly correlated (diagonal); "
                         "merge signals with equal posteriors first (merge_equal_posteriors)", where="alpha")
    tau = [sum((m[k][k] for m in alpha), Fraction(0)) for k in range(nb)]
    mu = [tuple(m[k][k] / tau[k] for m in alpha) for k in range(nb)]
    return tau, mu


def default_reference(game: AcquisitionGame, player: str) -> list[Fraction]:
    r"""A rational :math:`a \in \Delta(V)` near the revenue-best one for the given posteriors.

    Revenue from the buyer is :math:`\sum_k \tau_k \min_v [u^b(v) + \kappa \log(a_v/\mu_k(v))]`,
    concave in :math:`a`; for binary :math:`V` it is maximised by ternary search on
    :math:`a_{v_1}` (floats only pick the candidate, which is then used exactly). For more
    states the no-information optimum :math:`a_v \propto \mu_0(v) e^{\mp u(v)/\kappa}` is used
    (:math:`-` for the buyer, :math:`+` for the seller, whose revenue term is
    :math:`-\sum_k \tau_k \max_v [u^s(v) + \kappa \log(\mu_k(v)/c_v)]`). Entries are rationals with
    denominators up to about :math:`10^{15}`, at least :math:`10^{-15}`, summing to 1 exactly.

    Parameters
    ----------
    game : AcquisitionGame
        A game with a diagonal ``alpha``.
    player : str
        ``"buyer"`` (the vector ``a``) or ``"seller"`` (``c``).

    Returns
    -------
    list of Fraction
        A positive probability vector on the states.

    Raises
    ------
    InputError
        When ``alpha`` is missing or not diagonal.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> a = default_reference(g, "buyer")
    >>> sum(a), round(a[0], 4)
    (Fraction(1, 1), Fraction(889, 1250))
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
    r"""The diagonal structure of ``game`` with efficient trade and the transfers above (rational).

    On the diagonal :math:`t^b_k = \min_v [u^b(v) + \kappa_b \log(a_v / \mu_k(v))]` rounded down and
    :math:`t^s_k = \max_v [u^s(v) + \kappa_s \log(\mu_k(v) / c_v)]` rounded up, to ``places``
    decimals (the module docstring says why this satisfies (NA)); off the diagonal the punishing
    transfers of :func:`diagonal_mechanism`. Trade is efficient (:math:`q \equiv 1`).

    Parameters
    ----------
    game : AcquisitionGame
        A game with a diagonal ``alpha`` whose posteriors have full support.
    a, c : sequence of Fraction, optional
        Positive probability vectors on the states (buyer, seller); by default
        :func:`default_reference`.
    places : int
        Decimal places of the on-path transfers.

    Returns
    -------
    AcquisitionGame
        ``game`` with the rational transfers; its implementability is to be checked with
        :func:`~exactgame.acquisition.check_implementability`.

    Raises
    ------
    InputError
        When ``alpha`` is missing or not diagonal, a posterior rules out a state, or ``a`` / ``c``
        is not a positive probability vector.

    >>> from fractions import Fraction
    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> half = [Fraction(1, 2)] * 2
    >>> m = prescribed_mechanism(g, a=half, c=half, places=4)
    >>> [str(m.transfers[p][k][k]) for p in ("buyer", "seller") for k in (0, 1)], m.revenue()
    (['1189/2000', '16931/10000', '811/2000', '2811/2000'], Fraction(2383, 10000))
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
    r"""The diagonal structure of ``game`` with efficient trade, the given on-path transfers and punishing off-path ones.

    Cell :math:`(i, k)`, :math:`i \ne k` (buyer reports :math:`i`, seller :math:`k`):
    :math:`t^b_{ik} = \lceil \max_v [t^b_k + \kappa_b \log(\mu_k(v)/\mu_i(v))] \rceil + 1` and
    :math:`t^s_{ik} = \lfloor \min_v [t^s_i + \kappa_s \log(\mu_k(v)/\mu_i(v))] \rfloor - 1` (integers,
    from 6-decimal rational bounds), so that a misreport is punished.

    Parameters
    ----------
    game : AcquisitionGame
        A game with a diagonal ``alpha``.
    tb_diag, ts_diag : sequence of Fraction
        On-path transfers :math:`t^b_k` (paid by the buyer) and :math:`t^s_k` (received by the seller).

    Returns
    -------
    AcquisitionGame
        ``game`` with the ``K x K`` transfers and :math:`q \equiv 1`.

    Raises
    ------
    InputError
        When ``alpha`` is missing or not diagonal.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> m = diagonal_mechanism(g, [1, 2], [0, 1])
    >>> [[str(x) for x in row] for row in m.transfers["buyer"]], [[str(x) for x in row] for row in m.transfers["seller"]]
    ([['1', '5'], ['4', '2']], [['0', '-3'], ['-2', '1']])
    """
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
    return game.with_mechanism(game._need_alpha(), {BUYER: tuple(map(tuple, tb)), SELLER: tuple(map(tuple, ts))},
                               {BUYER: one, SELLER: one},
                               game.buyer_signals, game.seller_signals)


def perturbed(mech: AcquisitionGame, eta: Fraction = Fraction(1, 100)) -> AcquisitionGame:
    r"""Move a share ``eta`` of cell (1, 1) to the off-diagonal cell (1, 2) in every state (same transfers).

    :math:`\alpha'_{11}(v) = (1 - \eta) \alpha_{11}(v)` and :math:`\alpha'_{12}(v) = \alpha_{12}(v) + \eta \alpha_{11}(v)`.
    The state marginals stay the prior; signals 1 and 2 now form one block with unequal posteriors
    (a correlated, non-diagonal mechanism built from a diagonal one, for Section 4's examples).

    Parameters
    ----------
    mech : AcquisitionGame
        A game with ``alpha`` (at least two seller signals) and transfers.
    eta : Fraction
        The share moved, in :math:`[0, 1]`.

    Returns
    -------
    AcquisitionGame
        The perturbed game with the same trade and transfers.

    ``mech`` must have ``alpha`` and transfers (without them this raises a TypeError).

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
    ...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
    >>> p = perturbed(diagonal_mechanism(g, [1, 2], [0, 1]), Fraction(1, 10))
    >>> [[str(x) for x in row] for row in p.alpha[0]]      # the low state: its 3/8 split 9 : 1
    [['27/80', '3/80'], ['0', '1/8']]
    """
    alpha = [[list(r) for r in m] for m in mech.alpha]  # type: ignore[union-attr]  # without alpha: TypeError, as before (reported)
    for m in alpha:
        x = m[0][0] * eta
        m[0][0] -= x
        m[0][1] += x
    return mech.with_mechanism(tuple(tuple(map(tuple, m)) for m in alpha),
                               mech.transfers,  # type: ignore[arg-type]  # without transfers: TypeError in with_mechanism, as before (reported)
                               mech.trade, mech.buyer_signals, mech.seller_signals)
