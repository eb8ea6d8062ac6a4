r"""The principal's maximal revenue for efficient trade with any finite number of qualities
(004_2686c8b5ad6ec5f0.txt, Section 4, "Subsidy minimization as Bayesian persuasion"): the
concave closure over the simplex, a certified upper bound by branch and bound over the
references :math:`(a, c)`, and an explicit rational mechanism, checked implementable, below it.

**Setting and reduction.** As in :mod:`~exactgame.acquisition.supremum` (its Steps 1-2 hold for
any finite :math:`V`; nothing there uses :math:`|V| = 2`): a perfectly correlated mechanism with
posteriors :math:`\mu_k` and weights :math:`\tau_k` is implementable iff every :math:`\mu_k` has
full support and there are :math:`a, c \in \operatorname{int}\Delta(V)` with
:math:`t^b_k \le \min_v [u^b_v + \kappa_b \log(a_v/\mu_k(v))]` and
:math:`t^s_k \ge \max_w [u^s_w + \kappa_s \log(\mu_k(w)/c_w)]`; hence

.. math:: V^* = \sup_{a, c} \Phi(a, c), \qquad \Phi(a, c) = \mathrm{cav}\, T(\cdot; a, c)(\mu_0),
          \qquad T(\mu; a, c) = \min_v B_v(\mu) - \max_w S_w(\mu),

with :math:`B_v = u^b_v + \kappa_b \log(a_v/\mu_v)` and :math:`S_w = u^s_w + \kappa_s \log(\mu_w/c_w)`
(terms with :math:`\mu_v = 0` dropped: :math:`T` is continuous on the closed simplex).

**Lemma 1 (the closure is a finite LP).** Let :math:`w_v = a_v e^{u^b_v/\kappa_b}` and
:math:`z_v = c_v e^{-u^s_v/\kappa_s}`. :math:`B_v \le B_{v'}` iff :math:`\mu_v/w_v \ge \mu_{v'}/w_{v'}`
and :math:`S_w \ge S_{w'}` iff :math:`\mu_w/z_w \ge \mu_{w'}/z_{w'}`: the buyer's and the seller's
binding states change only across the hyperplanes :math:`\mu_v w_{v'} = \mu_{v'} w_v` and
:math:`\mu_v z_{v'} = \mu_{v'} z_v`. On each closed cell of the arrangement of these hyperplanes
and the facets :math:`\mu_v = 0`, :math:`T = B_v - S_w` for fixed :math:`v, w` with
:math:`\mu_v, \mu_w` bounded away from 0 (:math:`\mu_v \ge \mu_{v'} w_v / w_{v'}` for all
:math:`v'`), a convex function. So an affine :math:`\ell` satisfies :math:`\ell \ge T` on
:math:`\Delta` iff :math:`\ell \ge T` at every vertex of the arrangement, and
:math:`\Phi(a, c) = \max\{\sum_j \lambda_j T(x_j) : \lambda \ge 0, \sum_j \lambda_j x_j = \mu_0\}`
over those vertices :math:`x_j`. *Vertices.* A vertex :math:`x` with support :math:`S` is the
unique solution of its active constraints; on :math:`S` they are ratio equations
:math:`x_v / x_{v'} = w_v / w_{v'}` (or :math:`z`), and uniqueness means their graph on :math:`S`
is connected, so it contains a spanning tree. Every vertex is therefore among the points
:math:`x(S, E)` given by a support :math:`S` and a spanning tree :math:`E` on :math:`S` whose edges
are labelled buyer or seller (ratios propagated along the tree, normalised): all positive on
:math:`S`, no linear solve, no degenerate case (:func:`vertex_types`; 21 points for three
states, 192 for four). Extra points are harmless. :math:`\square`

**Lemma 2 (a bound on a box of references).** For a box :math:`\Theta` of
:math:`\theta = (a_1..a_{n-1}, c_1..c_{n-1})` (:math:`a_0 = 1 - \sum a_i`, likewise :math:`c_0`)
with centre :math:`\theta_0`, take rationals :math:`y_0 \in \mathbb{Q}^n`, :math:`Y \in \mathbb{Q}^{n
\times 2(n-1)}` and put :math:`y(\theta) = y_0 + Y(\theta - \theta_0)`. If for every vertex type
:math:`j` and some :math:`(v_j, w_j)`,
:math:`g_j(\theta) = y(\theta) \cdot x_j(\theta) - B_{v_j}(x_j(\theta)) + S_{w_j}(x_j(\theta)) \ge -s`
on :math:`\Theta`, then :math:`\ell = y(\theta)\cdot\mu + s \ge T(\cdot; \theta)` at every vertex
(:math:`T \le B_{v_j} - S_{w_j}` for any choice), so by Lemma 1
:math:`\Phi(\theta) \le y(\theta)\cdot\mu_0 + s \le y_0 \cdot \mu_0 + \sum_i |(Y^\top\mu_0)_i| h_i + s`
(:math:`h` the half-widths). :math:`g_j` is enclosed by the mean value form with a gradient
enclosure over the box (:class:`~exactgame.intervals.Grad`). :math:`y_0` is the float LP dual at
:math:`\theta_0` and :math:`Y` its derivative (the basis kept tight to first order), so the bound
is second order in the width where the optimal basis is stable; floats only *choose*
:math:`y_0, Y`, and the bound is then proved on balls. *Barrier.* :math:`T(\mu) \le E_\mu[u^b -
u^s] - \kappa_b \mathrm{KL}(\mu\|a) - \kappa_s \mathrm{KL}(\mu\|c)` (a minimum is at most the
:math:`\mu`-average) and :math:`\sum_k \tau_k \mathrm{KL}(\mu_k\|a) \ge \mathrm{KL}(\mu_0\|a)` (convexity),
so :math:`\Phi \le E_{\mu_0}[u^b - u^s] + (\kappa_b + \kappa_s) H(\mu_0) + \kappa_b \sum_v \mu_0(v)
\log a^{hi}_v + \kappa_s \sum_v \mu_0(v) \log c^{hi}_v` on the box: it closes the boxes near the
boundary of the simplices. :math:`\square`

**Lemma 3 (the players apart).** :math:`T = B + (-S)` with :math:`B = \min_v B_v` and
:math:`-S = \min_w (-S_w)`, and :math:`\mathrm{cav}(f + g) \le \mathrm{cav} f + \mathrm{cav} g`, so
:math:`V^* \le \sup_a \Phi_b(a) + \sup_c \Phi_s(c)` with :math:`\Phi_b(a) = \mathrm{cav}\, B(\cdot; a)(\mu_0)`
and :math:`\Phi_s(c) = \mathrm{cav}(-S(\cdot; c))(\mu_0)`. :math:`-S_w = -u^s_w + \kappa_s \log(c_w/\mu_w)` has
the form of :math:`B_v` (:math:`u \mapsto -u^s`, :math:`a \mapsto c`), so one computation serves both.
By Lemma 1 with buyer edges only, the cells of :math:`B` have as vertices the face centres
:math:`\mu^S = w|_S / W_S` (:math:`S \ne \emptyset`, :math:`W_S = \sum_{v \in S} w_v`), where
:math:`B(\mu^S) = \kappa_b \log W_S`: :math:`2^n - 1` points. :math:`B(\mu; a)` increases with each
:math:`a_v` (the formula makes sense for any positive :math:`a`), so on a box of
:math:`(a_1..a_{n-1})` with upper corner :math:`a^{hi}` (:math:`a^{hi}_0 = 1 - \sum_i a^{lo}_i`),
:math:`\Phi_b(a) \le \mathrm{cav}\, B(\cdot; a^{hi})(\mu_0) \le y\cdot\mu_0 + s` for any :math:`y`, with
:math:`s = \max_S (\kappa_b \log W_S(a^{hi}) - y \cdot \mu^S(a^{hi}))^+`. The bound is exact where both
players' best splits coincide (both acquire nothing, or both learn the state) and loose where the
designer's tension between incentives and information cost is real; the reported width says which.
:math:`\square`

**The answer.** :math:`V^*` (over perfectly correlated mechanisms) lies in :math:`[L, U]`:

* :math:`U` is certified: the smaller of Lemma 3's bound (two bisection trees over
  :math:`[0,1]^{n-1}`, one per player, every leaf outside the simplex or closed by the dual bound)
  and, when asked for (``joint_budget``), Lemma 2's tree over both references. Over *all*
  mechanisms it is conditional on the slides' Corollary, as for two states.
* :math:`L` is exact: the revenue of a rational diagonal mechanism built at the references a float
  search found best (posteriors at the closure's support, moved :math:`10^{-12}` inside the simplex
  if on a face, the last one taking up the prior exactly), checked implementable for both players
  by :func:`~exactgame.acquisition.check_implementability`.

The width is what the budgets reached; it is reported, never hidden. Whether the supremum is
attained is not decided for three or more states (``attained = None``). The bisection trees make
every bound exact; only the choice of duals, centres and references uses floats. Lemma 2's tree
converges at first order in four dimensions at a non-smooth maximum (measured: the bound's gap
halves with the box width), so it is off by default.

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame(["l", "m", "h"], ["1/3", "1/3", "1/3"], {"buyer": [1, 2, 3], "seller": [0, 1, 2]})
>>> r = simplex_revenue(g, budget=300)
>>> r.lower <= r.upper, r.certificate.verify(), r.mechanism_checked
(True, True, True)
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any, Mapping, Sequence

from flint import arb, ctx

from ..certificates import Certificate, require
from ..errors import CertificateError, InputError, InternalError
from ..intervals import Grad
from ..logexp import arb_to_enclosure, to_arb
from ..numbers import fmt, to_fraction
from ..progress import tick
from .model import BUYER, SELLER, AcquisitionGame
from .implementability import check_implementability
from .mechanism import default_reference, prescribed_mechanism
from .subsidy import _game_data, check_scales, decode_game_fields, encode_game_fields
from .supremum import check_gains_from_trade

__all__ = ["vertex_types", "simplex_revenue", "SimplexRevenue", "SimplexRevenueCertificate", "MAX_STATES"]

#: More states than this are refused (the vertex count grows like n^(n-2) 2^(n-1)).
MAX_STATES = 5
#: Working precision (bits) of the ball evaluations.
PREC = 128
#: Default number of boxes of the branch and bound.
BUDGET = 6000
#: Default target width of the enclosure.
TOL = Fraction(1, 10**4)


def _trees(S: Sequence[int]) -> list[tuple[tuple[int, int], ...]]:
    """Spanning trees of the complete graph on ``S`` (edge sets)."""
    if len(S) == 1:
        return [()]
    pairs = list(combinations(S, 2))
    out = []
    for E in combinations(pairs, len(S) - 1):
        comp = {v: v for v in S}

        def find(v: int) -> int:
            while comp[v] != v:
                v = comp[v]
            return v

        ok = True
        for v, w in E:
            rv, rw = find(v), find(w)
            if rv == rw:
                ok = False
                break
            comp[rv] = rw
        if ok:
            out.append(E)
    return out


def _oriented(S: Sequence[int], E: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tree's edges as (parent, child), in breadth-first order from ``S[0]``."""
    seen, out, frontier = {S[0]}, [], [S[0]]
    while frontier:
        v = frontier.pop(0)
        for a, b in E:
            for p, c in ((a, b), (b, a)):
                if p == v and c not in seen:
                    seen.add(c)
                    out.append((p, c))
                    frontier.append(c)
    return out


def vertex_types(n: int) -> list[tuple[tuple[int, ...], tuple[tuple[int, int, str], ...]]]:
    """Every (support, labelled spanning tree) of Lemma 1: a superset of the arrangement's vertices.

    Edges are ``(parent, child, side)`` in breadth-first order from the support's first state, so
    the vertex is the ratios propagated along them (``side`` ``"b"``: buyer, ``"s"``: seller):
    :math:`x_{child} / x_{parent} = w_{child} / w_{parent}` (or :math:`z`), normalised on the support.

    Parameters
    ----------
    n : int
        The number of states.

    Returns
    -------
    list of (tuple of int, tuple of (int, int, str))
        Per type, the support (state indices, increasing) and the oriented labelled edges; there
        are :math:`\\sum_k \\binom{n}{k} k^{k-2} 2^{k-1}` of them.

    >>> len(vertex_types(2)), len(vertex_types(3)), len(vertex_types(4))
    (4, 21, 192)
    """
    out = []
    for k in range(1, n + 1):
        for S in combinations(range(n), k):
            for E in _trees(S):
                oriented = _oriented(S, E)
                for labels in range(2 ** len(E)):
                    out.append((S, tuple((p, c, "bs"[(labels >> i) & 1]) for i, (p, c) in enumerate(oriented))))
    return out


@dataclass(frozen=True)
class _Data:
    """The game's numbers as the bound needs them."""

    n: int
    mu: tuple[Fraction, ...]
    ub: tuple[Fraction, ...]
    us: tuple[Fraction, ...]
    kb: Fraction
    ks: Fraction

    @classmethod
    def of(cls, game: AcquisitionGame) -> "_Data":
        """The numbers of ``game``."""
        return cls(len(game.states), tuple(game.prior), tuple(game.values[BUYER]), tuple(game.values[SELLER]),
                   game.cost[BUYER], game.cost[SELLER])

    def consts(self) -> tuple[list[arb], list[arb]]:
        """:math:`e^{u^b_v/\\kappa_b}` and :math:`e^{-u^s_v/\\kappa_s}` per state, as balls."""
        return ([to_arb(u / self.kb).exp() for u in self.ub], [(-to_arb(u / self.ks)).exp() for u in self.us])


def _refs(theta: Sequence[Grad], n: int) -> tuple[list[Grad], list[Grad]]:
    """The full references :math:`a = (1 - \\sum_i a_i, a_1..a_{n-1})` and :math:`c` from :math:`\\theta`."""
    a_rest, c_rest = list(theta[:n - 1]), list(theta[n - 1:])
    if not a_rest or not c_rest:
        raise InternalError("references need two states or more (one state is refused by check_scales)")
    a0 = 1 - sum(a_rest[1:], a_rest[0])
    c0 = 1 - sum(c_rest[1:], c_rest[0])
    return [a0] + a_rest, [c0] + c_rest


def _vertices(data: _Data, theta: Sequence[Grad], types, E: list[arb], F: list[arb]):
    """Per vertex type: (support, x on the support, log x, log a, log c) as Grads."""
    a, c = _refs(theta, data.n)
    w = [a[v] * E[v] for v in range(data.n)]
    z = [c[v] * F[v] for v in range(data.n)]
    la = [x.log() for x in a]
    lc = [x.log() for x in c]
    out = []
    for S, edges in types:
        r = {S[0]: None}
        for v, u, side in edges:
            ratio = w if side == "b" else z
            r[u] = (ratio[u] / ratio[v]) if r[v] is None else r[v] * (ratio[u] / ratio[v])
        one = theta[0].lift(1)
        rr = {v: (one if (rv := r[v]) is None else rv) for v in S}
        total = sum((rr[v] for v in S[1:]), rr[S[0]])
        ltot = total.log()
        x = {v: rr[v] / total for v in S}
        lx = {v: (rr[v].log() - ltot if r[v] is not None else -ltot) for v in S}
        out.append((S, x, lx))
    return out, la, lc


def _terms(data: _Data, S, lx, la, lc):
    """The buyer's B_v and the seller's S_w on the support (Grads)."""
    B = {v: data.ub[v] + (la[v] - lx[v]) * data.kb for v in S}
    Sv = {w: data.us[w] + (lx[w] - lc[w]) * data.ks for w in S}
    return B, Sv


def _float_cav(X, T, mu):  # float-ok: proposes a basis; every bound built from it is proved on balls
    """max sum_j l_j T_j s.t. sum_j l_j X_j = mu, l >= 0, in floats: (value, dual y, weights l) or None.

    Small problems enumerate every basis (batched solves, no LP start-up cost); larger ones call HiGHS.
    """
    import numpy as np  # float-ok: proposal only

    X, T, mu = np.asarray(X, dtype=float), np.asarray(T, dtype=float), np.asarray(mu, dtype=float)  # float-ok: proposal
    m, n = X.shape
    if math.comb(m, n) <= 4000:
        idx = np.array(list(combinations(range(m), n)))  # float-ok: proposal or search only; bounds are proved on balls
        A = np.transpose(X[idx], (0, 2, 1))                       # columns are the points  # float-ok: proposal or search only; bounds are proved on balls
        ok = np.abs(np.linalg.det(A)) > 1e-12  # float-ok: proposal or search only; bounds are proved on balls
        idx, A = idx[ok], A[ok]
        if len(idx) == 0:
            return None
        lam = np.linalg.solve(A, np.broadcast_to(mu, (len(idx), n))[..., None])[..., 0]  # float-ok: proposal or search only; bounds are proved on balls
        feas = (lam >= -1e-12).all(axis=1)  # float-ok: proposal or search only; bounds are proved on balls
        if not feas.any():
            return None
        vals = np.where(feas, (lam * T[idx]).sum(axis=1), -np.inf)  # float-ok: proposal or search only; bounds are proved on balls
        top = float(vals.max())  # float-ok: proposal or search only; bounds are proved on balls
        # a degenerate optimum has several optimal bases, and only some of their duals are feasible:
        # take the one whose affine function violates the fewest points the least (else HiGHS decides)
        tied = np.nonzero(vals >= top - 1e-12)[0]  # float-ok: proposal or search only; bounds are proved on balls
        ys = np.linalg.solve(X[idx[tied]], T[idx[tied]][..., None])[..., 0]  # float-ok: proposal or search only; bounds are proved on balls
        worst = (T[None, :] - ys @ X.T).max(axis=1)
        k = int(np.argmin(worst))  # float-ok: proposal or search only; bounds are proved on balls
        if worst[k] <= 1e-9:  # float-ok: proposal or search only; bounds are proved on balls
            b = int(tied[k])
            full = np.zeros(m)  # float-ok: proposal or search only; bounds are proved on balls
            full[idx[b]] = np.clip(lam[b], 0, None)  # float-ok: proposal or search only; bounds are proved on balls
            return top, ys[k], full
    from scipy.optimize import linprog

    res = linprog(-T, A_eq=X.T, b_eq=mu, bounds=(0, None), method="highs")
    if res.status != 0:
        return None
    return float(-res.fun), -np.asarray(res.eqlin.marginals), np.asarray(res.x)  # float-ok: proposal or search only; bounds are proved on balls


@dataclass
class _Box:
    """A box of the bisection tree, its closing kind, bound and (for dual leaves) the dual."""

    lo: tuple[Fraction, ...]
    hi: tuple[Fraction, ...]
    kind: str = ""            # "x" outside, "b" barrier, "d" dual, "" not closed
    bound: arb | None = None
    y0: tuple[Fraction, ...] = ()
    Y: tuple[tuple[Fraction, ...], ...] = ()
    value: float = -math.inf  # float estimate of Phi at the centre  # float-ok: search heuristic only
    children: list = field(default_factory=list)

    def center(self) -> list[Fraction]:
        """The midpoint."""
        return [(lo + hi) / 2 for lo, hi in zip(self.lo, self.hi)]

    def split(self) -> "tuple[_Box, _Box]":
        """The two halves across the widest side (the first widest)."""
        widths = [hi - lo for lo, hi in zip(self.lo, self.hi)]
        i = widths.index(max(widths))
        m = (self.lo[i] + self.hi[i]) / 2
        return (_Box(self.lo, self.hi[:i] + (m,) + self.hi[i + 1:]), _Box(self.lo[:i] + (m,) + self.lo[i + 1:], self.hi))


def _outside(data: _Data, lo: Sequence[Fraction]) -> bool:
    """The box with lower corner ``lo`` misses a simplex of references."""
    n = data.n
    return sum(lo[:n - 1]) >= 1 or sum(lo[n - 1:]) >= 1


def _barrier(data: _Data, lo: Sequence[Fraction], hi: Sequence[Fraction]) -> arb:
    """Lemma 2's barrier bound on the box (:math:`-\\infty` when it leaves a simplex)."""
    n = data.n
    ahi = [min(Fraction(1), 1 - sum(lo[:n - 1]))] + list(hi[:n - 1])
    chi = [min(Fraction(1), 1 - sum(lo[n - 1:]))] + list(hi[n - 1:])
    if any(x <= 0 for x in ahi + chi):
        return arb(-math.inf)
    mu = [to_arb(m) for m in data.mu]
    H = -sum((m * m.log() for m in mu if m != 0), arb(0))
    val = sum((m * (to_arb(b) - to_arb(s)) for m, b, s in zip(mu, data.ub, data.us)), arb(0)) + to_arb(data.kb + data.ks) * H
    val += to_arb(data.kb) * sum((m * to_arb(x).log() for m, x in zip(mu, ahi) if m != 0), arb(0))
    val += to_arb(data.ks) * sum((m * to_arb(x).log() for m, x in zip(mu, chi) if m != 0), arb(0))
    return val


def _interior(data: _Data, lo: Sequence[Fraction], hi: Sequence[Fraction]) -> bool:
    """The box lies inside both open simplices of references."""
    n = data.n
    return all(x > 0 for x in lo) and sum(hi[:n - 1]) < 1 and sum(hi[n - 1:]) < 1


def _choices(data: _Data, verts, la, lc):
    """Per vertex: the buyer's binding state, the seller's, and T (balls at a point)."""
    out = []
    for S, x, lx in verts:
        B, Sv = _terms(data, S, lx, la, lc)
        vb = min(S, key=lambda v: float(B[v].val.mid()))     # float-ok: chooses which valid term bounds T
        ws = max(S, key=lambda v: float(Sv[v].val.mid()))    # float-ok: as above
        out.append((vb, ws, B[vb] - Sv[ws]))
    return out


def _dual_bound(data: _Data, lo, hi, y0, Y, types, consts) -> arb:
    """Lemma 2's bound on the box for the given ``y0, Y`` (a ball; +inf if an evaluation fails)."""
    n, d = data.n, 2 * (data.n - 1)
    c = [(a + b) / 2 for a, b in zip(lo, hi)]
    half = [to_arb((b - a) / 2) for a, b in zip(lo, hi)]
    E, F = consts
    pt = [Grad.variable(to_arb(x), i, d) for i, x in enumerate(c)]
    bx = [Grad.variable(to_arb(a).union(to_arb(b)), i, d) for i, (a, b) in enumerate(zip(lo, hi))]
    vp, lap, lcp = _vertices(data, pt, types, E, F)
    vb_, lab, lcb = _vertices(data, bx, types, E, F)
    ch = _choices(data, vp, lap, lcp)
    yq = [to_arb(v) for v in y0]
    Yq = [[to_arb(v) for v in row] for row in Y]
    s = arb(0)
    for (S, xp, lxp), (_, xb, lxb), (vb, ws, _) in zip(vp, vb_, ch):
        def g(x, lx, la, lc, theta):
            B, Sv = _terms(data, (vb, ws) if vb != ws else (vb,), lx, la, lc)
            val = -B[vb] + Sv[ws]
            for v in S:
                yv = sum((Yq[v][i] * (theta[i] - to_arb(c[i])) for i in range(d)), theta[0].lift(yq[v]))
                val = val + yv * x[v]
            return val
        gp = g(xp, lxp, lap, lcp, pt)
        gb = g(xb, lxb, lab, lcb, bx)
        low = gp.val - sum((gr.abs_upper() * h for gr, h in zip(gb.grad, half)), arb(0))
        if not low.is_finite():
            return arb(math.inf)
        s = s.max(-low)
    grad_phi = [sum((Yq[v][i] * to_arb(data.mu[v]) for v in range(n)), arb(0)) for i in range(d)]
    return sum((yv * to_arb(m) for yv, m in zip(yq, data.mu)), arb(0)) + sum((gph.abs_upper() * h for gph, h in zip(grad_phi, half)), arb(0)) + s


def _propose(data: _Data, center: Sequence[Fraction], types, consts):
    """Floats choose (y0, Y) at the centre: the LP dual of Lemma 1 and its derivative. Also Phi's float value and the support."""
    import numpy as np  # float-ok: the proposal only; the bound is proved on balls
    n, d = data.n, 2 * (data.n - 1)
    E, F = consts
    pt = [Grad.variable(to_arb(x), i, d) for i, x in enumerate(center)]
    verts, la, lc = _vertices(data, pt, types, E, F)
    ch = _choices(data, verts, la, lc)
    X = np.zeros((len(verts), n))  # float-ok: proposal
    dX = np.zeros((len(verts), n, d))  # float-ok: proposal
    T = np.array([float(t.val.mid()) for _, _, t in ch])  # float-ok: proposal
    dT = np.array([[float(g.mid()) for g in t.grad] for _, _, t in ch])  # float-ok: proposal
    for j, (S, x, _) in enumerate(verts):
        for v in S:
            X[j, v] = float(x[v].val.mid())  # float-ok: proposal
            dX[j, v] = [float(g.mid()) for g in x[v].grad]  # float-ok: proposal
    mu = np.array([float(m) for m in data.mu])  # float-ok: proposal
    sol = _float_cav(X, T, mu)
    if sol is None:
        return None
    value, y, lam = sol
    slack = X @ y - T
    order = sorted(range(len(verts)), key=lambda j: (-lam[j] if lam[j] > 1e-12 else 0, slack[j]))  # float-ok: proposal
    basis: list[int] = []
    for j in order:
        trial = basis + [j]
        if np.linalg.matrix_rank(X[trial], tol=1e-9) == len(trial):  # float-ok: proposal
            basis = trial
        if len(basis) == n:
            break
    Yf = np.zeros((n, d))  # float-ok: proposal
    if len(basis) == n:
        XB = X[basis]
        rhs = dT[basis] - np.einsum("jvi,v->ji", dX[basis], y)  # float-ok: proposal or search only; bounds are proved on balls
        try:
            Yf = np.linalg.solve(XB, rhs)  # float-ok: proposal or search only; bounds are proved on balls
        except np.linalg.LinAlgError:  # pragma: no cover - the rank test above
            Yf = np.zeros((n, d))  # float-ok: proposal
    q = lambda t: Fraction(float(t)).limit_denominator(10**12)  # noqa: E731  # float-ok: rounds the proposal to rationals
    support = [(verts[j][0], {v: float(verts[j][1][v].val.mid()) for v in verts[j][0]}, float(lam[j]))  # float-ok: proposal
               for j in range(len(verts)) if lam[j] > 1e-12]  # float-ok: proposal or search only; bounds are proved on balls
    return (tuple(q(t) for t in y), tuple(tuple(q(t) for t in row) for row in Yf), value, support)


def _close(data: _Data, b: _Box, types, consts) -> None:
    """Compute the box's bound (and its proposal)."""
    if _outside(data, b.lo):
        b.kind, b.bound = "x", arb(-math.inf)
        return
    bar = _barrier(data, b.lo, b.hi)
    b.kind, b.bound = "b", bar
    if not _interior(data, b.lo, b.hi):
        return
    prop = _propose(data, b.center(), types, consts)
    if prop is None:
        return
    y0, Y, val, _ = prop
    b.value = val
    dual = _dual_bound(data, b.lo, b.hi, y0, Y, types, consts)
    if dual.is_finite() and dual.upper() < bar.upper():
        b.kind, b.bound, b.y0, b.Y = "d", dual, y0, Y


def _phi_float(data: _Data, types, a: Sequence[float], c: Sequence[float]) -> float:  # float-ok: the search for a good centre
    """Phi(a, c) in floats (Lemma 1's LP): only to choose where the explicit mechanism is built."""
    n = data.n
    kb, ks = float(data.kb), float(data.ks)  # float-ok: search only
    lw = [math.log(a[v]) + float(data.ub[v]) / kb for v in range(n)]  # float-ok: search only
    lz = [math.log(c[v]) - float(data.us[v]) / ks for v in range(n)]  # float-ok: search only
    X, T = [], []
    for S, edges in types:
        lr = {S[0]: 0.0}  # float-ok: search only
        for v, u, side in edges:
            L = lw if side == "b" else lz
            lr[u] = lr[v] + L[u] - L[v]
        top = max(lr.values())
        lt = top + math.log(sum(math.exp(x - top) for x in lr.values()))  # float-ok: proposal or search only; bounds are proved on balls
        lx = {v: lr[v] - lt for v in S}
        B = min(float(data.ub[v]) + kb * (math.log(a[v]) - lx[v]) for v in S)  # float-ok: search only
        Sv = max(float(data.us[w]) + ks * (lx[w] - math.log(c[w])) for w in S)  # float-ok: search only
        X.append([math.exp(lx[v]) if v in lx else 0.0 for v in range(n)])  # float-ok: proposal or search only; bounds are proved on balls
        T.append(B - Sv)
    sol = _float_cav(X, T, [float(m) for m in data.mu])  # float-ok: search only
    return sol[0] if sol is not None else -math.inf


def _search(data: _Data, types, starts: int = 6, seed: int = 0, extra: Sequence[Sequence[Fraction]] = ()) -> tuple[list[Fraction], float]:  # float-ok: search only
    """A good centre (a, c) by Nelder-Mead on softmax coordinates (floats choose; nothing is claimed): from the
    no-information references, from ``extra`` centres (e.g. each player's best references apart), and from random points."""
    import random

    from scipy.optimize import minimize

    n = data.n
    rng = random.Random(seed)

    def refs(z):
        za, zc = [0.0] + list(z[:n - 1]), [0.0] + list(z[n - 1:])  # float-ok: search only
        ea = [math.exp(t - max(za)) for t in za]  # float-ok: proposal or search only; bounds are proved on balls
        ec = [math.exp(t - max(zc)) for t in zc]  # float-ok: proposal or search only; bounds are proved on balls
        return [t / sum(ea) for t in ea], [t / sum(ec) for t in ec]

    def f(z):
        if max(abs(t) for t in z) > 30:
            return 1e9   # float-ok: outside the search box (finite, so Nelder-Mead's simplex stays comparable)
        a, c = refs(z)
        v = _phi_float(data, types, a, c)  # float-ok: proposal or search only; bounds are proved on balls
        return -v if math.isfinite(v) else 1e9

    # start at the no-information references (a ~ mu0 e^(-u^b/kb), c ~ mu0 e^(u^s/ks)) and at random points
    mu = [float(m) for m in data.mu]  # float-ok: search only
    za = [math.log(mu[v]) - float(data.ub[v] / data.kb) for v in range(n)]  # float-ok: search only
    zc = [math.log(mu[v]) + float(data.us[v] / data.ks) for v in range(n)]  # float-ok: search only
    x0s = [[t - za[0] for t in za[1:]] + [t - zc[0] for t in zc[1:]]]
    for centre in extra:
        a = [1 - sum(centre[:n - 1])] + list(centre[:n - 1])
        c = [1 - sum(centre[n - 1:])] + list(centre[n - 1:])
        if all(x > 0 for x in a + c):
            x0s.append([math.log(a[v] / a[0]) for v in range(1, n)] + [math.log(c[v] / c[0]) for v in range(1, n)])  # float-ok: proposal or search only; bounds are proved on balls
    x0s += [[rng.uniform(-3, 3) + x for x in x0s[0]] for _ in range(starts - 1)]
    best_z, best_v = x0s[0], -f(x0s[0])
    for x0 in x0s:
        res = minimize(f, x0, method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 500})  # float-ok: proposal or search only; bounds are proved on balls
        if -res.fun > best_v:
            best_z, best_v = list(res.x), -res.fun
    a, c = refs(best_z)
    q = [Fraction(t).limit_denominator(10**15) for t in a[1:] + c[1:]]  # float-ok: rounded to rationals
    return q, best_v


def _branch_and_bound(root: _Box, close, budget: int, tol: Fraction, floor: float, what: str):  # float-ok: floor orders only
    """Best-first bisection: split the box with the highest bound until it is within ``tol`` of the best
    float value seen or ``budget`` boxes are made. Returns (certified max of the leaves' bounds or None,
    best float value, its box's centre, boxes)."""
    close(root)
    best, star = floor, None
    heap = [(0.0, 0, root)]  # float-ok: heap keys order the boxes only
    count = boxes = 1
    while heap:
        b = heap[0][2]
        bound = _bound(b)
        top = float(bound.upper().mid()) if bound.is_finite() else math.inf  # float-ok: order only
        if top <= best + float(tol) or boxes >= budget:  # float-ok: when to stop splitting
            break
        heapq.heappop(heap)
        b.children = list(b.split())
        for ch in b.children:
            close(ch)
            boxes += 1
            if ch.value > best:
                best, star = ch.value, ch.center()
            if ch.kind != "x":
                count += 1
                ch_bound = _bound(ch)
                key = -float(ch_bound.upper().mid()) if ch_bound.is_finite() else -math.inf  # float-ok: order only
                heapq.heappush(heap, (key, count, ch))
        tick(what, boxes, budget)
    leaves, stack = [], [root]
    while stack:
        b = stack.pop()
        if b.children:
            stack += b.children
        elif b.kind != "x":
            leaves.append(b)
    up = max((_bound(leaf) for leaf in leaves), key=lambda x: x.upper())
    upper = arb_to_enclosure(up.upper() + arb(2) ** -100).hi if up.is_finite() else None
    return upper, best, star, boxes


def _bound(b: _Box) -> arb:
    """The bound of a box that ``close`` has seen (every closing function sets one)."""
    if b.bound is None:
        raise InternalError("a box of the branch and bound has no bound: its closing function did not run")
    return b.bound


def _walk(tree: Any, dim: int, leaf) -> None:
    """Rebuild the boxes of a bisection tree over [0, 1]^dim and call ``leaf(box, node)`` on each leaf."""
    stack = [(_Box(tuple(Fraction(0) for _ in range(dim)), tuple(Fraction(1) for _ in range(dim))), tree, 0)]
    while stack:
        box, node, depth = stack.pop()
        require(depth <= 400, "the tree is too deep")
        if isinstance(node, Mapping):
            kids = node.get("split")
            if not (isinstance(kids, list) and len(kids) == 2):
                raise CertificateError("an inner node needs two children")
            b0, b1 = box.split()
            stack += [(b0, kids[0], depth + 1), (b1, kids[1], depth + 1)]
            continue
        require(isinstance(node, list) and bool(node), "a leaf must be a non-empty list")
        leaf(box, node)


# -- Lemma 3: the two players apart ---------------------------------------------------------------------


def _faces(n: int) -> list[tuple[int, ...]]:
    """The nonempty subsets of the states (increasing tuples)."""
    return [S for k in range(1, n + 1) for S in combinations(range(n), k)]


def _one_player_point(u: Sequence[Fraction], k: Fraction, ahi: Sequence[Fraction], mu: Sequence[Fraction]):
    """Lemma 3 at the (unnormalised) reference ``ahi``: the face centres, their values, and a float LP dual."""
    pts, vals = _face_values(u, k, ahi)
    X = [[float(x.mid()) for x in p] for p in pts]  # float-ok: proposes the dual only
    T = [float(v.mid()) for v in vals]  # float-ok: proposes the dual only
    sol = _float_cav(X, T, [float(m) for m in mu])  # float-ok: proposal
    if sol is None:
        return pts, vals, None, -math.inf
    y = [Fraction(float(t)).limit_denominator(10**12) for t in sol[1]]  # float-ok: rounded to rationals, then proved
    return pts, vals, y, sol[0]


def _face_values(u: Sequence[Fraction], k: Fraction, ahi: Sequence[Fraction]):
    """Lemma 3's points: the face centres w|_S / W_S and their values k log W_S, as balls."""
    n = len(u)
    w = [to_arb(x) * to_arb(v / k).exp() for x, v in zip(ahi, u)]
    pts, vals = [], []
    for S in _faces(n):
        W = sum((w[v] for v in S[1:]), w[S[0]])
        pts.append([w[v] / W if v in S else arb(0) for v in range(n)])
        vals.append(to_arb(k) * W.log())
    return pts, vals


def _one_player_bound(u, k, mu, lo, hi, y, pv=None) -> arb:
    """Lemma 3's bound on the box ``[lo, hi]`` of ``(a_1..a_{n-1})`` for the dual ``y``: +inf if it does not hold."""
    ahi = [min(Fraction(1), 1 - sum(lo))] + list(hi)
    if any(x <= 0 for x in ahi):
        return arb(-math.inf)
    pts, vals = pv if pv is not None else _face_values(u, k, ahi)
    yq = [to_arb(t) for t in y]
    s = arb(0)
    for p, v in zip(pts, vals):
        gap = sum((a * b for a, b in zip(yq, p)), arb(0)) - v
        if not gap.is_finite():
            return arb(math.inf)
        s = s.max(-gap)
    # the values at the unnormalised corner already carry k log|ahi| (W_S scales with ahi): no extra term
    return sum((a * to_arb(m) for a, m in zip(yq, mu)), arb(0)) + s


def _one_player(u, k, mu, budget: int, tol: Fraction):
    """Certified sup over a of Lemma 3's closure: (upper, tree, float estimate, the best box's centre)."""
    n = len(u)
    dim = n - 1
    root = _Box(tuple(Fraction(0) for _ in range(dim)), tuple(Fraction(1) for _ in range(dim)))

    def close(b: _Box) -> None:
        if sum(b.lo) >= 1:
            b.kind, b.bound = "x", arb(-math.inf)
            return
        ahi = [min(Fraction(1), 1 - sum(b.lo, Fraction(0)))] + list(b.hi)
        pts, vals, y, val = _one_player_point(u, k, ahi, mu)
        b.value = val - float(k) * math.log(float(sum(ahi)))  # float-ok: Phi at the normalised corner, a search heuristic
        if y is None:
            b.kind, b.bound = "b", arb(math.inf)
            return
        b.kind, b.y0, b.bound = "d", tuple(y), _one_player_bound(u, k, mu, b.lo, b.hi, y, (pts, vals))

    upper, best, star, _ = _branch_and_bound(root, close, budget, tol, -math.inf, "acquisition: one player's closure (boxes)")
    return upper, (_tree_data(root) if upper is not None else None), best, star


def _check_one_player(u, k, mu, tree, upper: Fraction) -> None:
    """Every leaf of a Lemma 3 tree is outside the simplex or closed below ``upper`` (CertificateError otherwise)."""
    up = to_arb(upper)

    def leaf(box: _Box, node: list) -> None:
        require(node[0] in ("x", "d"), "unknown leaf")
        if node[0] == "x":
            require(sum(box.lo) >= 1, "a leaf marked outside meets the simplex")
            return
        y = [to_fraction(t) for t in node[1]]
        require(len(y) == len(u), "dual leaf of the wrong size")
        b = _one_player_bound(u, k, mu, box.lo, box.hi, y)
        require(b.is_finite() and b < up, "a one-player leaf exceeds its bound")

    _walk(tree, len(u) - 1, leaf)


def _tree_data(b: _Box):
    """The bisection tree as JSON: inner nodes ``{"split": [c0, c1]}``, leaves ``[kind]`` or
    ``["d", y0]`` (Lemma 3) / ``["d", y0, Y]`` (Lemma 2)."""
    if b.children:
        return {"split": [_tree_data(c) for c in b.children]}
    if b.kind == "d":
        leaf = ["d", [fmt(x) for x in b.y0]]
        return leaf + [[[fmt(x) for x in row] for row in b.Y]] if b.Y else leaf
    return [b.kind]


class SimplexRevenueCertificate(Certificate):
    r"""No perfectly correlated implementable mechanism earns more than ``upper`` (any number of states).

    Two proofs, either suffices: ``buyer`` and ``seller`` are Lemma 3's bisection trees over
    :math:`[0, 1]^{n-1}` (the players apart: ``upper >= buyer_upper + seller_upper``), and ``joint``
    (optional) is Lemma 2's tree over :math:`[0,1]^{2(n-1)}`. Every leaf is outside the simplex or
    closed below its tree's bound; ``verify()`` redoes every ball evaluation, and the leaves tile
    the root box because they are its bisections (widest side, at the midpoint). A tree is JSON:
    inner nodes ``{"split": [child0, child1]}``, leaves ``["x"]`` (outside), ``["b"]`` (barrier),
    ``["d", y0]`` (Lemma 3's dual) or ``["d", y0, Y]`` (Lemma 2's).

    A one-leaf proof for two states: on the whole box :math:`a_1 \in [0, 1]` the duals
    :math:`y = (1, 3.41)` (buyer) and :math:`(0.8, -1)` (seller) bound the players' closures by
    :math:`2.2092 < 2.21` and :math:`-0.1 < -0.09`:

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["l", "h"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> cert = SimplexRevenueCertificate(_game_data(g), ["d", ["1", "341/100"]], Fraction(221, 100),
    ...                                  ["d", ["4/5", "-1"]], Fraction(-9, 100), None, None, Fraction(53, 25))
    >>> cert.verify()
    True
    >>> SimplexRevenueCertificate(_game_data(g), ["d", ["1", "341/100"]], Fraction(22, 10),
    ...                           ["d", ["4/5", "-1"]], Fraction(-9, 100), None, None, Fraction(53, 25)).verify()
    Traceback (most recent call last):
    exactgame.errors.CertificateError: a one-player leaf exceeds its bound
    """

    kind = "acquisition-simplex-revenue"

    def __init__(self, game: Mapping[str, Any], buyer: Any, buyer_upper: Fraction | None, seller: Any,
                 seller_upper: Fraction | None, joint: Any, joint_upper: Fraction | None, upper: Fraction):
        self.game = dict(game)
        self.buyer, self.buyer_upper, self.seller, self.seller_upper = buyer, buyer_upper, seller, seller_upper
        self.joint, self.joint_upper, self.upper = joint, joint_upper, upper

    def _check(self) -> None:
        data = _Data(len(self.game["prior"]), tuple(self.game["prior"]), tuple(self.game["buyer"]), tuple(self.game["seller"]),
                     self.game["cost_buyer"], self.game["cost_seller"])
        require(2 <= data.n <= MAX_STATES and len(self.game.get("states", ())) == data.n == len(data.ub) == len(data.us),
                "the game's states, prior and values must have the same length (2 to 5 states)")
        require(all(m > 0 for m in data.mu) and sum(data.mu) == 1, "the prior is not a full-support distribution")
        require(data.kb > 0 and data.ks > 0, "costs must be positive")
        require(all(b > s for b, s in zip(data.ub, data.us)), "no gains from trade in some state")
        proved = []
        with ctx.workprec(PREC):
            if self.buyer is not None and self.seller is not None:
                bu, su = self.buyer_upper, self.seller_upper
                if bu is None or su is None:
                    raise CertificateError("a one-player tree without its bound")
                _check_one_player(list(data.ub), data.kb, data.mu, self.buyer, bu)
                _check_one_player([-x for x in data.us], data.ks, data.mu, self.seller, su)
                proved.append(bu + su)
            if self.joint is not None:
                ju = self.joint_upper
                if ju is None:
                    raise CertificateError("a joint tree without its bound")
                _check_joint(data, self.joint, ju)
                proved.append(ju)
        require(bool(proved), "no proof given")
        require(self.upper >= min(proved), "upper is below every proved bound")

    def _data(self) -> dict[str, Any]:
        g = encode_game_fields(self.game)
        opt = lambda x: None if x is None else fmt(x)  # noqa: E731
        return {"game": g, "buyer": self.buyer, "buyer_upper": opt(self.buyer_upper), "seller": self.seller,
                "seller_upper": opt(self.seller_upper), "joint": self.joint, "joint_upper": opt(self.joint_upper),
                "upper": fmt(self.upper)}

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "SimplexRevenueCertificate":
        g = decode_game_fields(data["game"])
        opt = lambda x: None if x is None else to_fraction(x)  # noqa: E731
        return cls(g, data.get("buyer"), opt(data.get("buyer_upper")), data.get("seller"), opt(data.get("seller_upper")),
                   data.get("joint"), opt(data.get("joint_upper")), to_fraction(data["upper"]))


def _check_joint(data: _Data, tree: Any, upper: Fraction) -> None:
    """Every leaf of Lemma 2's tree is outside the simplices or closed below ``upper`` (at the current precision)."""
    types = vertex_types(data.n)
    d = 2 * (data.n - 1)
    up = to_arb(upper)
    consts = data.consts()

    def leaf(box: _Box, node: list) -> None:
        require(node[0] in ("x", "b", "d"), "unknown leaf")
        if node[0] == "x":
            require(_outside(data, box.lo), "a leaf marked outside meets the simplices")
        elif node[0] == "b":
            require(_barrier(data, box.lo, box.hi) < up, "a barrier leaf exceeds the bound")
        else:
            require(_interior(data, box.lo, box.hi), "a dual leaf touches the boundary of the simplices")
            y0 = [to_fraction(x) for x in node[1]]
            Y = [[to_fraction(x) for x in row] for row in node[2]]
            require(len(y0) == data.n and len(Y) == data.n and all(len(r) == d for r in Y), "dual leaf of the wrong size")
            bound = _dual_bound(data, box.lo, box.hi, y0, Y, types, consts)
            require(bound.is_finite() and bound < up, "a dual leaf exceeds the bound")

    _walk(tree, d, leaf)


@dataclass(frozen=True)
class SimplexRevenue:
    r"""The certified enclosure ``[lower, upper]`` of the supremum of revenue (perfectly correlated mechanisms).

    Attributes
    ----------
    lower : Fraction
        The exact revenue of ``mechanism``: a revenue some implementable mechanism earns.
    upper : Fraction
        Certified by ``certificate``: no perfectly correlated implementable mechanism earns more
        (over all mechanisms, conditional on the slides' Corollary).
    mechanism : AcquisitionGame
        A rational diagonal mechanism.
    implementability : mapping str -> Implementability
        Its checks for both players.
    certificate : SimplexRevenueCertificate
        The proof of ``upper``.
    boxes : int
        Boxes of Lemma 2's tree (0 when it was not run).
    finished : bool
        ``upper - lower <= tol``.
    reference : (tuple of Fraction, tuple of Fraction)
        The references :math:`(a, c)` the mechanism's transfers were built from.
    estimate : float
        A float estimate of :math:`\Phi` at the best centre (not a claim).

    >>> from exactgame.acquisition import AcquisitionGame, check_implementability
    >>> g = AcquisitionGame(["l", "h"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> cert = SimplexRevenueCertificate(_game_data(g), ["d", ["1", "341/100"]], Fraction(221, 100),
    ...                                  ["d", ["4/5", "-1"]], Fraction(-9, 100), None, None, Fraction(53, 25))
    >>> half = (Fraction(1, 2), Fraction(1, 2))
    >>> mech = prescribed_mechanism(diagonal_game(g, [list(g.prior)], [Fraction(1)]), a=half, c=half)
    >>> r = SimplexRevenue(mech.revenue(), cert.upper, mech, {p: check_implementability(mech, p) for p in ("buyer", "seller")},
    ...                    cert, 0, False, (half, half), -math.inf)     # float-ok: no search was run
    >>> r.mechanism_checked, r.lower, r.width     # a = c = mu0: t^b = min u^b = 1 = max u^s = t^s
    (True, Fraction(0, 1), Fraction(53, 25))
    """

    lower: Fraction                       # the exact revenue of ``mechanism`` (checked implementable)
    upper: Fraction                       # certified by ``certificate``
    mechanism: AcquisitionGame
    implementability: Mapping[str, Any]
    certificate: SimplexRevenueCertificate
    boxes: int
    finished: bool                        # the tree reached the target width
    reference: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]   # (a, c) the mechanism's transfers were built from
    estimate: float                       # float value of Phi at the best centre  # float-ok: reported as an estimate

    @property
    def mechanism_checked(self) -> bool:
        """The mechanism exists and passed the implementability check for both players."""
        return self.mechanism is not None and all(c.implementable for c in self.implementability.values())

    @property
    def width(self) -> Fraction:
        """``upper - lower``, exact."""
        return self.upper - self.lower


def diagonal_game(game: AcquisitionGame, posteriors: Sequence[Sequence[Fraction]], weights: Sequence[Fraction]) -> AcquisitionGame:
    r"""The perfectly correlated structure with the given posteriors (full vectors) and weights.

    :math:`\alpha_{kk}(v) = \tau_k \mu_k(v)` and zero off the diagonal; no mechanism (add one with
    :func:`~exactgame.acquisition.mechanism.prescribed_mechanism`).

    Parameters
    ----------
    game : AcquisitionGame
        Supplies states, prior, values, costs and title.
    posteriors : sequence of sequence of Fraction
        :math:`\mu_k`, one probability vector per signal.
    weights : sequence of Fraction
        :math:`\tau_k`; :math:`\sum_k \tau_k \mu_k` must equal the prior (InputError otherwise).

    Returns
    -------
    AcquisitionGame
        Signals ``b1..bK``, ``s1..sK``.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["l", "h"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> d = diagonal_game(g, [[Fraction(3, 4), Fraction(1, 4)], [Fraction(1, 4), Fraction(3, 4)]], [Fraction(1, 2)] * 2)
    >>> [[str(x) for x in row] for row in d.alpha[0]]
    [['3/8', '0'], ['0', '1/8']]
    """
    n, K = len(game.states), len(weights)
    alpha = tuple(tuple(tuple(weights[k] * posteriors[k][v] if k == col else Fraction(0) for col in range(K)) for k in range(K))
                  for v in range(n))
    return AcquisitionGame(tuple(game.states), tuple(game.prior), {BUYER: game.values[BUYER], SELLER: game.values[SELLER]},
                           dict(game.cost), alpha=alpha, title=game.title)


def _exact_split(posts: list[list[Fraction]], lams: list[Fraction], mu: list[Fraction]):
    """Rational posteriors and weights averaging to ``mu`` exactly, near the given (float-rounded) ones.

    First the last posterior takes up the rest exactly; if that leaves the simplex, the split is scaled
    to mass 1 - eps and the rest (a positive vector of mass eps) goes to one more posterior.
    """
    rest_w = 1 - sum(lams[:-1])
    if rest_w > 0:
        last = [(m - sum(w * q[v] for w, q in zip(lams[:-1], posts[:-1]))) / rest_w for v, m in enumerate(mu)]
        if all(t > 0 for t in last):
            return posts[:-1] + [last], lams[:-1] + [rest_w]
    total = sum(lams)
    for e in (10**8, 10**6, 10**4):
        eps = Fraction(1, e)
        ls = [w * (1 - eps) / total for w in lams]
        rest = [m - sum(w * q[v] for w, q in zip(ls, posts)) for v, m in enumerate(mu)]
        if all(r > 0 for r in rest):
            return posts + [[r / eps for r in rest]], ls + [eps]
    return None


def _mechanism(game: AcquisitionGame, data: _Data, center: Sequence[Fraction], types, consts):
    """The rational diagonal mechanism at the closure's support for the references at ``center``."""

    prop = _propose(data, center, types, consts)
    if prop is None:
        return None
    support = prop[3]
    n = data.n
    mu = list(data.mu)
    delta = Fraction(1, 10**12)
    posts, lams = [], []
    for S, x, lam in support:
        p = [Fraction(x.get(v, 0.0)).limit_denominator(10**15) for v in range(n)]  # float-ok: rounded to rationals
        tot = sum(p)
        posts.append([(1 - delta) * t / tot + delta * m for t, m in zip(p, mu)])   # interior, exactly
        lams.append(Fraction(lam).limit_denominator(10**15))  # float-ok: rounded to rationals
    split = _exact_split(posts, lams, mu)
    if split is None:
        return None
    posts, lams = split
    a = [1 - sum(center[:n - 1], Fraction(0))] + list(center[:n - 1])
    c = [1 - sum(center[n - 1:], Fraction(0))] + list(center[n - 1:])
    mech = prescribed_mechanism(diagonal_game(game, posts, lams), a=a, c=c, places=30)
    checks = {p: check_implementability(mech, p) for p in (BUYER, SELLER)}
    return mech, checks


def _joint(data: _Data, types, consts, budget: int, tol: Fraction, floor: float):  # float-ok: floor is a stopping heuristic
    """Lemma 2's branch and bound over (a, c): (upper, tree, best float value, its centre)."""
    d = 2 * (data.n - 1)
    root = _Box(tuple(Fraction(0) for _ in range(d)), tuple(Fraction(1) for _ in range(d)))
    upper, best, star, boxes = _branch_and_bound(root, lambda b: _close(data, b, types, consts), budget, tol, floor,
                                                 "acquisition: branch and bound over both references (boxes)")
    return upper, _tree_data(root), best, star, boxes


def simplex_revenue(game: AcquisitionGame, budget: int = BUDGET, tol: Fraction = TOL, joint_budget: int = 0) -> SimplexRevenue:
    """The certified enclosure of the supremum of revenue over perfectly correlated implementable
    mechanisms, any number of states (module docstring).

    ``budget`` boxes for each player's tree of Lemma 3, ``joint_budget`` for Lemma 2's tree over
    both references (off by default: in four and more dimensions its first-order bounds converge
    slowly; it pays where the players' optima differ and a tight enclosure is worth minutes).
    The explicit mechanism is built at the references a float search (Nelder-Mead) found best;
    if it fails its check, the no-information mechanism is used. Seconds for three states; the
    module docstring runs one.

    Parameters
    ----------
    game : AcquisitionGame
        2 to :data:`MAX_STATES` states, full-support prior, :math:`u^b > u^s` in every state.
    budget : int
        Boxes per player's tree (Lemma 3).
    tol : Fraction
        Target width of the enclosure (``finished`` says whether it was reached).
    joint_budget : int
        Boxes of Lemma 2's joint tree (0: not run).

    Returns
    -------
    SimplexRevenue
        ``[lower, upper]`` with the mechanism and the certificate.

    Raises
    ------
    InputError
        For too many states, no gains from trade or a zero prior; TooLargeError past the scales of
        :func:`~exactgame.acquisition.subsidy.check_scales`.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> simplex_revenue(AcquisitionGame(list("abcdef"), ["1/6"] * 6, {"buyer": [1] * 6, "seller": [0] * 6}))
    Traceback (most recent call last):
    exactgame.errors.InputError: states: 6 states: the closure's vertex set grows like n^(n-2) 2^(n-1); at most 5 states are computed
    """

    n = len(game.states)
    if n > MAX_STATES:
        raise InputError(f"{n} states: the closure's vertex set grows like n^(n-2) 2^(n-1); at most {MAX_STATES} states "
                         "are computed", where="states")
    check_gains_from_trade(game)
    check_scales(game)
    if any(m == 0 for m in game.prior):
        raise InputError("the prior must give every state positive probability", where="prior")
    data = _Data.of(game)
    types = vertex_types(n)
    tol = to_fraction(tol)
    with ctx.workprec(PREC):
        consts = data.consts()
        Ub, tree_b, _, star_b = _one_player(list(data.ub), data.kb, data.mu, budget, tol / 3)
        Us, tree_s, _, star_s = _one_player([-x for x in data.us], data.ks, data.mu, budget, tol / 3)
        extra = [list(star_b) + list(star_s)] if star_b is not None and star_s is not None else []
        star, best_val = _search(data, types, extra=extra)
        boxes = 0
        joint = (None, None)
        if joint_budget > 0:
            Uj, tree_j, val, centre, boxes = _joint(data, types, consts, joint_budget, tol, best_val)
            joint = (tree_j, Uj) if Uj is not None else (None, None)
            if centre is not None and val > best_val:
                best_val, star = val, centre
        proved = ([Ub + Us] if Ub is not None and Us is not None else []) + ([joint[1]] if joint[1] is not None else [])
        if not proved:   # pragma: no cover - a tree always closes with finite bounds at these scales
            raise InputError("no upper bound could be proved for this game at these budgets")
        upper = min(proved)
        cert = SimplexRevenueCertificate(_game_data(game), tree_b, Ub, tree_s, Us, joint[0], joint[1], upper)
        built = _mechanism(game, data, star, types, consts) if math.isfinite(best_val) else None
    a = tuple([1 - sum(star[:n - 1], Fraction(0))] + list(star[:n - 1]))
    c = tuple([1 - sum(star[n - 1:], Fraction(0))] + list(star[n - 1:]))
    mech, checks = built if built is not None else (None, {})
    if mech is None or not all(ck.implementable for ck in checks.values()):
        # fall back on the no-information mechanism (one signal, posterior = prior) with its own references
        diag = diagonal_game(game, [list(game.prior)], [Fraction(1)])
        a, c = tuple(default_reference(diag, BUYER)), tuple(default_reference(diag, SELLER))
        mech = prescribed_mechanism(diag, a=a, c=c, places=30)
        checks = {p: check_implementability(mech, p) for p in (BUYER, SELLER)}
    if not all(ck.implementable for ck in checks.values()):
        # Step 1 of supremum.py: a diagonal mechanism with these transfers is implementable
        raise InternalError("the prescribed no-information mechanism failed its implementability check")
    lower = mech.revenue()
    finished = upper - lower <= tol
    return SimplexRevenue(lower, upper, mech, checks, cert, boxes, finished, (a, c), best_val)
