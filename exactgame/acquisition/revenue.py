r"""The principal's revenue as a function of the posteriors: subsidy minimization as Bayesian
persuasion (004_2686c8b5ad6ec5f0.txt, Section 4 and Appendix 7), for binary qualities.

**Reformulation.** By the Corollary the principal may use perfectly correlated signals:
signal :math:`k` (of both players) has probability :math:`\tau_k` and posterior
:math:`\mu_k`; write :math:`m = \mu(\bar v)` for the probability of the second state.
With :math:`q \equiv 1`, off-path cells punished (:mod:`~exactgame.acquisition.mechanism`),
and :math:`\Lambda^p(v) = \min_k \lambda^p_k(v)`, the constraints are (BP) and (NA)
:math:`e^{-\Lambda^p(\underline v)/\kappa_p} + e^{-\Lambda^p(\bar v)/\kappa_p} \le 1`; the
best transfers given :math:`\Lambda` are
:math:`t^b_k = \min_v [u^b(v) - \kappa_b \log \mu_k(v) - \Lambda^b(v)]` and
:math:`t^s_k = \max_v [u^s(v) + \kappa_s \log \mu_k(v) + \Lambda^s(v)]`, so revenue is
:math:`\sum_k \tau_k T(\mu_k; \Lambda)` with :math:`T = t^b - t^s`: for fixed
:math:`\Lambda` a Bayesian-persuasion problem, solved by the concave closure of
:math:`T(\cdot; \Lambda)`. :math:`T` is piecewise convex in :math:`m` with two concave kinks,
the buyer's (the two arguments of his min are equal, (Opt^b)) and the seller's ((Opt^s)),
so the closure is supported on the kinks: :math:`I = 2`, posterior :math:`m_1` at the
buyer's kink and :math:`m_2` at the seller's (Proposition "Optimality conditions").

**Solving (Opt) with (NA) for** :math:`\Lambda` (the step the slides skip). Put
:math:`a = e^{-\Lambda^b(\underline v)/\kappa_b}`, so :math:`1 - a = e^{-\Lambda^b(\bar v)/\kappa_b}`
by (NA) with equality. (Opt^b) at :math:`m_1` gives
:math:`a/(1-a) = e^{(\bar u^b - \underline u^b)/\kappa_b}(1-m_1)/m_1`, and then

.. math:: t^b_1 = \mathrm{CE}^b(m_1) = -\kappa_b \log\big((1-m_1) e^{-\underline u^b/\kappa_b} + m_1 e^{-\bar u^b/\kappa_b}\big),

the buyer's exponential certainty equivalent at his posterior. Symmetrically
:math:`t^s_2 = \mathrm{CE}^s(m_2) = \kappa_s \log\big((1-m_2) e^{\underline u^s/\kappa_s} + m_2 e^{\bar u^s/\kappa_s}\big)`.
At the other posterior the other branch binds: for :math:`m_2 \le \mu_0 \le m_1`,
:math:`t^b_2 = t^b_1 + \kappa_b \log\frac{1-m_1}{1-m_2}` and
:math:`t^s_1 = t^s_2 + \kappa_s \log\frac{m_1}{m_2}`. With
:math:`\tau_1 = (\mu_0 - m_2)/(m_1 - m_2)`, :math:`\tau_2 = 1 - \tau_1`, the revenue is

.. math:: R(m_1, m_2) = \mathrm{CE}^b(m_1) - \mathrm{CE}^s(m_2)
          - \kappa_s \tau_1 \log\frac{m_1}{m_2} - \kappa_b \tau_2 \log\frac{1 - m_2}{1 - m_1},

an unconstrained problem for the posteriors (the other order :math:`m_1 \le \mu_0 \le m_2`
is the same problem with the states relabelled). :math:`m_1 = m_2 = \mu_0` is "no
information": :math:`R_0 = \mathrm{CE}^b(\mu_0) - \mathrm{CE}^s(\mu_0)`. Subsidy :math:`= -R`.

The kinks and the end limits of :math:`T(\cdot; \Lambda)` give the concave closure for a fixed
:math:`\Lambda` (:func:`closure_at_prior`); :class:`Region` evaluates :math:`R`, its
derivatives and the bounds used by the certified maximisation
(:mod:`~exactgame.acquisition.subsidy`) on balls.

>>> from fractions import Fraction
>>> from flint import ctx
>>> from exactgame.acquisition import AcquisitionGame
>>> reg = Region.of(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]}), False)
>>> with ctx.workprec(64):
...     print(reg.value(Fraction(1, 2), Fraction(1, 2)).str(8, radius=False))   # R_0 = CE^b(1/2) - CE^s(1/2)
0.94610466
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from flint import arb, ctx

from ..errors import InputError, InternalError
from ..intervals import Jet, box
from ..logexp import Enclosure, arb_to_enclosure, to_arb
from ..numbers import to_fraction
from .model import BUYER, SELLER, AcquisitionGame

__all__ = ["Region", "closure_at_prior"]


@dataclass(frozen=True)
class Region:
    r"""The problem in one orientation: ``m`` is the probability of state ``1 - first``.

    Unmirrored, state 0 is :math:`\underline v` and :math:`m = \mu(\text{state } 1)`; mirrored, the
    states swap (values reversed, :math:`\mu_0 \to 1 - \mu_0`), which covers the order
    :math:`m_1 \le \mu_0 \le m_2`. The methods evaluate :math:`R(m_1, m_2)` of the module docstring
    and its bounds on arb balls at the caller's working precision (``flint.ctx``).

    Attributes
    ----------
    mu : Fraction
        :math:`\mu_0(\bar v)` in this orientation.
    ub, us : tuple of two Fractions
        :math:`(\underline u^b, \bar u^b)` and :math:`(\underline u^s, \bar u^s)`.
    kb, ks : Fraction
        The cost scales :math:`\kappa_b, \kappa_s`.
    mirrored : bool
        Whether the states are swapped relative to the game.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/3", "2/3"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> reg = Region.of(g, True)
    >>> reg.mu, reg.ub, reg.us
    (Fraction(1, 3), (Fraction(3, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """

    mu: Fraction
    ub: tuple[Fraction, Fraction]
    us: tuple[Fraction, Fraction]
    kb: Fraction
    ks: Fraction
    mirrored: bool

    @classmethod
    def of(cls, game: AcquisitionGame, mirrored: bool) -> "Region":
        """The region of a binary game.

        Parameters
        ----------
        game : AcquisitionGame
            A game with two states (only the prior, values and costs are used).
        mirrored : bool
            Swap the two states.

        Returns
        -------
        Region
        """
        ub, us = game.values[BUYER], game.values[SELLER]
        mu = game.prior[1]
        if mirrored:
            return cls(1 - mu, (ub[1], ub[0]), (us[1], us[0]), game.cost[BUYER], game.cost[SELLER], True)
        return cls(mu, (ub[0], ub[1]), (us[0], us[1]), game.cost[BUYER], game.cost[SELLER], False)

    # -- the pieces, on balls ---------------------------------------------------------------
    def _consts(self) -> tuple[arb, arb, arb, arb]:
        """:math:`e^{-\\underline u^b/\\kappa_b}, e^{-\\bar u^b/\\kappa_b}, e^{\\underline u^s/\\kappa_s}, e^{\\bar u^s/\\kappa_s}`."""
        eL, eH = (-to_arb(self.ub[0] / self.kb)).exp(), (-to_arb(self.ub[1] / self.kb)).exp()
        XL, XH = to_arb(self.us[0] / self.ks).exp(), to_arb(self.us[1] / self.ks).exp()
        return eL, eH, XL, XH

    def ceb(self, m: arb) -> arb:
        r"""The buyer's certainty equivalent :math:`\mathrm{CE}^b(m) = -\kappa_b \log((1-m) e^{-\underline u^b/\kappa_b} + m e^{-\bar u^b/\kappa_b})`.

        Parameters
        ----------
        m : arb
            The posterior (a ball in [0, 1]).

        Returns
        -------
        arb
        """
        eL, eH, _, _ = self._consts()
        return -to_arb(self.kb) * (eL + m * (eH - eL)).log()

    def ces(self, m: arb) -> arb:
        r"""The seller's certainty equivalent :math:`\mathrm{CE}^s(m) = \kappa_s \log((1-m) e^{\underline u^s/\kappa_s} + m e^{\bar u^s/\kappa_s})`.

        Parameters
        ----------
        m : arb
            The posterior (a ball in [0, 1]).

        Returns
        -------
        arb
        """
        _, _, XL, XH = self._consts()
        return to_arb(self.ks) * (XL + m * (XH - XL)).log()

    def ceb_slope(self, m: arb) -> arb:
        r"""The derivative :math:`d\mathrm{CE}^b/dm = -\kappa_b (e_H - e_L) / (e_L + m (e_H - e_L))`, :math:`e = e^{-u^b/\kappa_b}`.

        Parameters
        ----------
        m : arb
            The posterior (a ball in [0, 1]).

        Returns
        -------
        arb
        """
        eL, eH, _, _ = self._consts()
        return -to_arb(self.kb) * (eH - eL) / (eL + m * (eH - eL))

    def ces_slope(self, m: arb) -> arb:
        r"""The derivative :math:`d\mathrm{CE}^s/dm = \kappa_s (X_H - X_L) / (X_L + m (X_H - X_L))`, :math:`X = e^{u^s/\kappa_s}`.

        Parameters
        ----------
        m : arb
            The posterior (a ball in [0, 1]).

        Returns
        -------
        arb
        """
        _, _, XL, XH = self._consts()
        return to_arb(self.ks) * (XH - XL) / (XL + m * (XH - XL))

    def jet(self, m1: arb, m2: arb) -> Jet:
        r""":math:`R` with gradient and Hessian at (a box of) :math:`(m_1, m_2)`.

        Parameters
        ----------
        m1, m2 : arb
            The buyer's-kink and the seller's-kink posteriors (balls); :math:`m_1 \ne m_2` is needed
            (:math:`\tau_1 = (\mu_0 - m_2)/(m_1 - m_2)`).

        Returns
        -------
        Jet
            ``val``, ``grad`` (2 balls) and ``hess`` (2 x 2 balls) of :math:`R(m_1, m_2)`.
        """
        x, y = Jet.variable(m1, 0), Jet.variable(m2, 1)
        eL, eH, XL, XH = self._consts()
        mu = to_arb(self.mu)
        ceb = (x * (eH - eL) + eL).log() * (-to_arb(self.kb))
        ces = (y * (XH - XL) + XL).log() * to_arb(self.ks)
        tau1 = (y * -1 + mu) / (x - y)
        tau2 = (x - mu) / (x - y)
        rent = tau1 * (x / y).log() * to_arb(self.ks) + tau2 * ((1 - y) / (1 - x)).log() * to_arb(self.kb)
        return ceb - ces - rent

    def value(self, m1: Fraction, m2: Fraction) -> arb:
        r""":math:`R(m_1, m_2)` at a point; when :math:`m_1 = m_2` it is :math:`\mathrm{CE}^b(m_1) - \mathrm{CE}^s(m_2)` (:math:`R_0` at :math:`\mu_0`).

        Parameters
        ----------
        m1, m2 : Fraction
            The posteriors, in (0, 1).

        Returns
        -------
        arb
            A ball containing :math:`R(m_1, m_2)`.
        """
        if m1 == m2:
            return self.ceb(to_arb(m1)) - self.ces(to_arb(m2))
        return self.jet(to_arb(m1), to_arb(m2)).val

    def upper(self, b: Sequence[Fraction]) -> arb:
        r"""An upper bound of :math:`R` on the box ``(m1lo, m1hi, m2lo, m2hi)`` (inside (0, 1)).

        The bound is :math:`\mathrm{CE}^b(\text{box}_1) - \mathrm{CE}^s(\text{box}_2)` minus a lower bound
        of the information rents; when the box has :math:`m_1 > m_2` throughout, the smaller of that
        and the mean-value form :math:`R(c) + |\nabla R(\text{box})| \cdot h` (:math:`c` the centre,
        :math:`h` the half-widths) is returned.

        Parameters
        ----------
        b : sequence of four Fractions
            ``(m1lo, m1hi, m2lo, m2hi)``.

        Returns
        -------
        arb
            An exact upper end (a ball of radius 0 or the upper end of a ball); may be infinite.
        """
        a1, b1, a2, b2 = (to_arb(x) for x in b)
        mu = to_arb(self.mu)
        kb, ks = to_arb(self.kb), to_arb(self.ks)
        top = self.ceb(box(b[0], b[1])) - self.ces(box(b[2], b[3]))
        rent = ks * (mu - b2) / b1 + kb * (a1 - mu) / (1 - a2)
        if b[0] > b[3]:
            span = b1 - a2
            rent2 = ks * (mu - b2) / span * (a1 / b2).log() + kb * (a1 - mu) / span * ((1 - b2) / (1 - a1)).log()
            rent = rent.lower().max(rent2.lower())
        naive = (top - rent.lower()).upper()
        if b[0] > b[3]:
            # mean-value form: R(center) + |grad R(box)| . half-widths (second order near the optimum)
            c1, c2 = (b[0] + b[1]) / 2, (b[2] + b[3]) / 2
            grad = self.jet(box(b[0], b[1]), box(b[2], b[3])).grad
            centre = self.jet(to_arb(c1), to_arb(c2)).val
            mv = (centre + grad[0].abs_upper() * to_arb((b[1] - b[0]) / 2) + grad[1].abs_upper() * to_arb((b[3] - b[2]) / 2)).upper()
            if mv.is_finite() and mv < naive:
                return mv
        return naive

    def barrier(self, delta: Fraction, side: int) -> arb:
        r"""Upper bound of :math:`R` on the strip :math:`m_2 \le \delta` (side 2) or :math:`m_1 \ge 1 - \delta` (side 1).

        Side 2: :math:`\max u^b - \min u^s - \kappa_s (\mu_0 - \delta) \log(\mu_0 / \delta)`; side 1:
        :math:`\max u^b - \min u^s - \kappa_b (1 - \delta - \mu_0) \log((1 - \mu_0) / \delta)`.

        Parameters
        ----------
        delta : Fraction
            The strip's width, in :math:`(0, \mu_0)` (side 2) or :math:`(0, 1 - \mu_0)` (side 1).
        side : int
            2 for the seller's posterior near 0, anything else for the buyer's near 1.

        Returns
        -------
        arb
            The upper end, as a ball.
        """
        top = to_arb(max(self.ub) - min(self.us))
        d = to_arb(delta)
        if side == 2:
            return (top - to_arb(self.ks) * (to_arb(self.mu) - d) * (to_arb(self.mu) / d).log()).upper()
        return (top - to_arb(self.kb) * (1 - d - to_arb(self.mu)) * ((1 - to_arb(self.mu)) / d).log()).upper()

    def corner_lemma(self, h: Fraction) -> bool:
        r""":math:`R \le R_0` on :math:`[\mu_0, \mu_0 + h] \times [\mu_0 - h, \mu_0]` (see the module docstring).

        Certified by the slope conditions :math:`\mathrm{CE}^{b\prime} < \kappa_b / (1 - \mu_0 + h)` on
        :math:`[\mu_0, \mu_0 + h]` and :math:`\mathrm{CE}^{s\prime} < \kappa_s / (\mu_0 + h)` on
        :math:`[\mu_0 - h, \mu_0]` (balls).

        Parameters
        ----------
        h : Fraction
            The corner's size, with :math:`0 < h < \mu_0` and :math:`\mu_0 + h < 1`.

        Returns
        -------
        bool
            True when both conditions are certified; False otherwise (also for an ``h`` out of range).
        """
        if not (0 < h < self.mu and self.mu + h < 1):
            return False
        mu = self.mu
        ok_b = self.ceb_slope(box(mu, mu + h)) < to_arb(self.kb) / (1 - to_arb(mu) + to_arb(h))
        ok_s = self.ces_slope(box(mu - h, mu)) < to_arb(self.ks) / (to_arb(mu) + to_arb(h))
        return bool(ok_b and ok_s)

    def concave_on(self, c: Sequence[Fraction], r: Fraction) -> bool:
        r"""Interval Hessian of :math:`R` negative definite on the square box of center ``c``, radius ``r``.

        Parameters
        ----------
        c : sequence of two Fractions
            The centre :math:`(m_1, m_2)`.
        r : Fraction
            The half-width; the box must lie in :math:`(\mu_0, 1) \times (0, \mu_0)`.

        Returns
        -------
        bool
            True when :math:`H_{11} < 0` and :math:`\det H > 0` are certified on the whole box
            (so :math:`R` is strictly concave there); False otherwise.
        """
        if not (c[0] - r > self.mu and c[0] + r < 1 and c[1] + r < self.mu and c[1] - r > 0):
            return False
        H = self.jet(box(c[0] - r, c[0] + r), box(c[1] - r, c[1] + r)).hess
        det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
        return bool(H[0][0] < 0 and det > 0)


def revenue_at_posterior(game: AcquisitionGame, a: Sequence[arb], c: Sequence[arb], m: arb) -> arb:
    r"""The revenue at the posterior :math:`\mu = (1 - m, m)` for the references ``a``, ``c``:

    .. math:: T(m; \Lambda) = \min_v \big[u^b(v) + \kappa_b \log\tfrac{a_v}{\mu(v)}\big]
              - \max_v \big[u^s(v) + \kappa_s \log\tfrac{\mu(v)}{c_v}\big]

    as a ball (at the working precision).

    Parameters
    ----------
    game : AcquisitionGame
        A binary game (values and costs are used).
    a, c : sequence of two arb
        :math:`e^{-\Lambda^b(v)/\kappa_b}` and :math:`e^{-\Lambda^s(v)/\kappa_s}`.
    m : arb
        The posterior probability of the second state, ``0 < m < 1``.

    Returns
    -------
    arb
        A ball containing :math:`T(m; \Lambda)`.

    >>> from exactgame.catalogue import load
    >>> g = load("acquisition_subsidy")
    >>> half = to_arb(Fraction(1, 2))
    >>> t = revenue_at_posterior(g, [half, half], [half, half], half)   # the logs vanish at a = c = mu
    >>> t.contains(to_arb(min(g.values[BUYER]) - max(g.values[SELLER])))
    True
    """
    mu = (1 - m, m)
    ub, us = game.values[BUYER], game.values[SELLER]
    KB, KS = to_arb(game.cost[BUYER]), to_arb(game.cost[SELLER])
    tb = [to_arb(ub[v]) + KB * (a[v] / mu[v]).log() for v in range(2)]
    ts = [to_arb(us[v]) + KS * (mu[v] / c[v]).log() for v in range(2)]
    return tb[0].min(tb[1]) - ts[0].max(ts[1])


def closure_at_prior(game: AcquisitionGame, a: Sequence[Any], c: Sequence[Any], bits: int = 256) -> tuple[Enclosure, tuple[Enclosure, ...]]:
    r"""The concave closure of :math:`T(\cdot; \Lambda)` at the prior, for a fixed :math:`\Lambda`.

    ``a`` and ``c`` are :math:`e^{-\Lambda^b(v)/\kappa_b}` and :math:`e^{-\Lambda^s(v)/\kappa_s}`
    (positive probability vectors on the two states, so (NA) binds). With :math:`m = \mu(\bar v)`,

    .. math:: T(m; \Lambda) = \min_v \big[u^b(v) + \kappa_b \log\tfrac{a_v}{\mu(v)}\big]
              - \max_v \big[u^s(v) + \kappa_s \log\tfrac{\mu(v)}{c_v}\big]

    is convex between its kinks (the buyer's, where his two arguments tie, and the seller's)
    and has finite limits at :math:`m = 0, 1`, so the closure is the upper hull of those four
    points (limits at the ends: a supremum, approached by posteriors near certainty).
    For every :math:`\Lambda` this is at most :math:`R^*`, with equality at :math:`\Lambda^*`.

    Parameters
    ----------
    game : AcquisitionGame
        A game with two states.
    a, c : sequence of two numbers
        Positive probability vectors (exact: ints, Fractions or strings).
    bits : int
        Working precision of the balls.

    Returns
    -------
    tuple
        ``(value, support)``: the enclosure of :math:`\mathrm{cav}\, T(\mu_0)` and the enclosures of
        its one or two support points (values of ``m``, bracketing :math:`\mu_0`).

    Raises
    ------
    InputError
        Unless the game has two states and ``a``, ``c`` are positive probability vectors.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> value, support = closure_at_prior(g, ["1/2", "1/2"], ["1/2", "1/2"], bits=64)
    >>> value.decimal(6), [x.decimal(6) for x in support]    # below R_0 = 0.946...: this Lambda is not optimal
    ('~0.477132', ['~0.268941', '~0.880797'])
    """
    ub, us = game.values[BUYER], game.values[SELLER]
    kb, ks = game.cost[BUYER], game.cost[SELLER]
    a = [to_fraction(x) for x in a]
    c = [to_fraction(x) for x in c]
    if not game.binary or any(len(v) != 2 or any(x <= 0 for x in v) or sum(v) != 1 for v in (a, c)):
        raise InputError("closure_at_prior needs two states and positive probability vectors a, c")
    with ctx.workprec(bits):
        A = [to_arb(x) for x in a]
        C = [to_arb(x) for x in c]
        KB, KS = to_arb(kb), to_arb(ks)

        def T(m: arb) -> arb:
            return revenue_at_posterior(game, A, C, m)

        odds_b = A[1] / A[0] * (to_arb((ub[1] - ub[0]) / kb)).exp()
        odds_s = C[1] / C[0] * (to_arb((us[0] - us[1]) / ks)).exp()
        pts = [(arb(0), to_arb(ub[0]) + KB * A[0].log() - to_arb(us[0]) + KS * C[0].log()),
               (arb(1), to_arb(ub[1]) + KB * A[1].log() - to_arb(us[1]) + KS * C[1].log())]
        pts += [(o / (1 + o), T(o / (1 + o))) for o in (odds_b, odds_s)]
        mu0 = to_arb(game.prior[1])
        best: arb | None = None
        support: tuple[arb, ...] = ()
        for x0, y0 in pts:
            for x1, y1 in pts:
                if not (x0 <= mu0 or x0.overlaps(mu0)) or not (x1 >= mu0 or x1.overlaps(mu0)):
                    continue
                sup: tuple[arb, ...]
                if (x1 - x0).contains(0):
                    val, sup = y0.union(y1), (x0,)
                else:
                    val, sup = y0 + (y1 - y0) * (mu0 - x0) / (x1 - x0), (x0, x1)
                if best is None or val.upper() > best.upper():
                    best, support = val, sup
        if best is None:
            raise InternalError("closure_at_prior: no pair of points brackets the prior (m = 0 and m = 1 always do)")
        return arb_to_enclosure(best), tuple(arb_to_enclosure(x) for x in support)
