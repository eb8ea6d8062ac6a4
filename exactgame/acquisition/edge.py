r"""The revenue of splittings that put one posterior at certainty (a limit, never attained), for
binary qualities: :math:`G(p, 1)`, its certified supremum over :math:`p`, and explicit
rational mechanisms approaching it. The reduction that makes this necessary is derived in
:mod:`~exactgame.acquisition.supremum`.

Work in one orientation (:class:`~exactgame.acquisition.revenue.Region`): :math:`m` is the
probability of the second state, :math:`\mu = \mu_0`. For a pair of posteriors
:math:`p \le \mu \le 1` the weights are :math:`\tau_p = (1-\mu)/(1-p)`,
:math:`\tau_1 = (\mu-p)/(1-p)`. For a reference point :math:`A = a_{\bar v} \in (0, 1)`
(:math:`a = (1-A, A)`) the buyer pays at most
:math:`TB(m; A) = \min\{L_b(m), H_b(m)\}` with
:math:`L_b = u^b_L + \kappa_b \log\frac{1-A}{1-m}`, :math:`H_b = u^b_H + \kappa_b \log\frac{A}{m}`
(:math:`TB(1; A) = u^b_H + \kappa_b \log A`, a limit), and

.. math:: B(p) = \max_{A} f(A), \qquad f(A) = \tau_p\, TB(p; A) + \tau_1 (u^b_H + \kappa_b \log A).

**Lemma (the buyer's best reference point).** :math:`f` is concave. Let
:math:`h_b(p) = (\mu - p)(1 - p) e^{D_b} - p (1 - \mu)`, :math:`D_b = (u^b_H - u^b_L)/\kappa_b`.
If :math:`h_b(p) \ge 0` then :math:`A^* = \tau_1` and
:math:`B = B_1 = \tau_p (u^b_L + \kappa_b \log\frac{\tau_p}{1-p}) + \tau_1 u^b_H + \kappa_b \tau_1 \log \tau_1`;
otherwise :math:`A^*` puts the buyer's kink at :math:`p` and
:math:`B = B_2 = \tau_p \mathrm{CE}^b(p) + \tau_1 (u^b_H + \kappa_b \log A_p)` with
:math:`A_p = p e^{-D_b} / (1 - p + p e^{-D_b})`. Always :math:`B_2 \le B \le B_1`.

*Proof.* The kink :math:`m_b(A)` (where :math:`L_b = H_b`) has odds
:math:`\frac{A}{1-A} e^{D_b}`, increasing in :math:`A`; :math:`A_p` is the :math:`A` with
:math:`m_b(A) = p`. For :math:`A \ge A_p`, :math:`TB(p) = L_b(p)` and
:math:`f = f_{LH} = \tau_p L_b(p) + \tau_1 H(1)`, a concave function of :math:`A` with
maximum at :math:`A = \tau_1` (derivative :math:`\kappa_b(\tau_1/A - \tau_p/(1-A))`). For
:math:`A \le A_p`, :math:`f = \tau_p H_b(p) + \tau_1 H(1)` is increasing. So the maximum is
at :math:`\tau_1` if :math:`\tau_1 \ge A_p`, else at :math:`A_p`; and
:math:`\tau_1 \ge A_p \iff m_b(\tau_1) \ge p \iff \frac{\tau_1}{\tau_p} e^{D_b} \ge \frac{p}{1-p} \iff h_b(p) \ge 0`.
:math:`B \le B_1` because :math:`f \le f_{LH}` (a minimum is below each argument) and
:math:`\max f_{LH} = B_1`; :math:`B \ge B_2 = f(A_p)`. :math:`\square`

The seller is the mirror image: :math:`TS(m; C) = \max\{L_s, H_s\}` with
:math:`L_s = u^s_L + \kappa_s \log\frac{1-m}{1-C}`, :math:`H_s = u^s_H + \kappa_s \log\frac{m}{C}`,
:math:`S(p) = \min_C [\tau_p TS(p; C) + \tau_1 (u^s_H - \kappa_s \log C)]`; with
:math:`h_s` as :math:`h_b` for :math:`D_s = (u^s_L - u^s_H)/\kappa_s`:
:math:`S = S_1 = \tau_p (u^s_L + \kappa_s \log\frac{1-p}{\tau_p}) + \tau_1 u^s_H - \kappa_s \tau_1 \log\tau_1`
if :math:`h_s \ge 0`, else :math:`S_2 = \tau_p \mathrm{CE}^s(p) + \tau_1 (u^s_H - \kappa_s \log C_p)`,
and always :math:`S_1 \le S \le S_2`. Then :math:`G(p, 1) = B(p) - S(p)`.

**Certified supremum of** :math:`G(\cdot, 1)` **on** :math:`[0, \mu]`. Branch and bound on
intervals: an interval's upper bound is :math:`\overline{B} - \underline{S}` with
:math:`\overline B = B_1` where :math:`h_b \ge 0` is possible on the interval and
:math:`\min(B_1, B_2)` where the interval proves :math:`h_b < 0` (likewise :math:`\underline S`);
on intervals where both cases are decided the mean-value form
:math:`G(c) + \sup|G'| \cdot w/2` is used as well (balls of forward-mode derivatives).
:math:`\tau_1 \log \tau_1` is enclosed by :math:`[-1/e, 0]`-type bounds when the interval
touches :math:`p = \mu`. A point's lower bound uses :math:`B \ge \max(B_2, f(\tau_1))` and
:math:`S \le \min(S_2, g(\tau_1))` with the true min/max, so it needs no case decision.
The certificate is the list of leaf intervals covering :math:`[0, \mu]` and the claimed
bound; ``verify()`` recomputes every leaf's bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from flint import arb, ctx

from ..intervals import Jet, box
from ..logexp import arb_to_enclosure, to_arb
from ..progress import tick
from .revenue import Region

__all__ = ["Edge", "edge_supremum", "EdgeSupremum"]

PREC = 160
#: Intervals are not split once their bound is within this of the best lower bound.
TOL = Fraction(1, 2**90)
MAX_LEAVES = 20_000

#: An arb ball, or a :class:`~exactgame.intervals.Jet` of balls for forward-mode derivatives
#: (the pieces below accept both; flint has no type information, so this is Any).
_Ball = Any


def _xlogx(t: arb) -> arb:
    """A ball containing :math:`t \\log t` (0 at 0) for a ball ``t`` inside [0, 1] that may touch 0."""
    if t > 0:
        return t * t.log()
    hi = t.upper()
    inv_e = arb(-1).exp()
    if hi <= 0:
        return arb(0)
    if hi < inv_e:
        return (hi * hi.log()).union(arb(0))
    return (-inv_e).union(arb(0)).union(hi * hi.log() if hi <= 1 else arb(0))


def _clamp01(t: arb) -> arb:
    """The ball ``t`` intersected with [0, 1] (as the union of its clamped ends)."""
    lo, hi = t.lower(), t.upper()
    lo = lo if lo > 0 else arb(0)
    hi = hi if hi < 1 else arb(1)
    return lo.union(hi)


@dataclass(frozen=True)
class Edge:
    r""":math:`G(p, 1) = B(p) - S(p)` in one orientation of the binary problem (the module docstring).

    The methods evaluate on arb balls at the caller's working precision (``flint.ctx``); the
    pieces ``B1``, ``B2``, ``S1``, ``S2`` and :meth:`h` also accept a
    :class:`~exactgame.intervals.Jet` (for derivatives).

    Attributes
    ----------
    reg : Region
        The orientation: :math:`\mu`, values and cost scales.

    >>> from fractions import Fraction
    >>> from flint import ctx
    >>> from exactgame.acquisition import AcquisitionGame
    >>> e = Edge(Region.of(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]}), False))
    >>> with ctx.workprec(64):
    ...     print(e.lower(Fraction(1, 4)).str(8, radius=False), e.upper(Fraction(1, 8), Fraction(1, 4)).upper().str(8, radius=False))
    0.40246841 1.4736404
    >>> with ctx.workprec(64):                             # G increases on [15/32, 1/2], to R_0
    ...     e.increasing_to_mu(Fraction(15, 32))
    True
    """

    reg: Region

    # -- constants -------------------------------------------------------------------------
    def _c(self) -> tuple[arb, arb, arb, arb]:
        """:math:`\\kappa_b, \\kappa_s, D_b, D_s` as balls."""
        r = self.reg
        kb, ks = to_arb(r.kb), to_arb(r.ks)
        Db = to_arb((r.ub[1] - r.ub[0]) / r.kb)
        Ds = to_arb((r.us[0] - r.us[1]) / r.ks)
        return kb, ks, Db, Ds

    def _weights(self, x: _Ball) -> tuple[_Ball, _Ball]:
        """:math:`\\tau_p = (1 - \\mu)/(1 - x)` and :math:`\\tau_1 = (\\mu - x)/(1 - x)`."""
        mu = to_arb(self.reg.mu)
        return (1 - mu) / (1 - x), (mu - x) / (1 - x)

    def h(self, x: _Ball, player: str) -> _Ball:
        r""":math:`h(x) = (\mu - x)(1 - x) e^{D} - x (1 - \mu)`: the Lemma's case 1 iff :math:`h \ge 0`.

        Parameters
        ----------
        x : arb or Jet
            The posterior :math:`p`.
        player : str
            ``"b"`` (:math:`D_b = (u^b_H - u^b_L)/\kappa_b`); anything else is the seller
            (:math:`D_s = (u^s_L - u^s_H)/\kappa_s`).

        Returns
        -------
        arb or Jet
            Like ``x``.
        """
        kb, ks, Db, Ds = self._c()
        mu = to_arb(self.reg.mu)
        D = Db if player == "b" else Ds
        return (mu - x) * (1 - x) * D.exp() - x * (1 - mu)

    # -- the pieces (x: arb ball, or Jet for derivatives) ----------------------------------------
    def B1(self, x: _Ball, t1xlog: _Ball | None = None) -> _Ball:
        r"""The buyer's case-1 value :math:`B_1 = \tau_p (u^b_L + \kappa_b \log\frac{\tau_p}{1-p}) + \tau_1 u^b_H + \kappa_b \tau_1 \log \tau_1`.

        Parameters
        ----------
        x : arb or Jet
            The posterior :math:`p`.
        t1xlog : arb, optional
            An enclosure of :math:`\tau_1 \log \tau_1` to use (needed when :math:`\tau_1` may be 0).

        Returns
        -------
        arb or Jet
            An upper bound of :math:`B(p)` (equal to it when :math:`h_b(p) \ge 0`).
        """
        r = self.reg
        kb = to_arb(r.kb)
        tp, t1 = self._weights(x)
        xl = t1xlog if t1xlog is not None else t1 * t1.log()
        return tp * ((tp / (1 - x)).log() * kb + to_arb(r.ub[0])) + t1 * to_arb(r.ub[1]) + xl * kb

    def B2(self, x: _Ball) -> _Ball:
        r"""The buyer's case-2 value :math:`B_2 = \tau_p \mathrm{CE}^b(p) + \tau_1 (u^b_H + \kappa_b \log A_p)`.

        Parameters
        ----------
        x : arb or Jet
            The posterior :math:`p > 0`.

        Returns
        -------
        arb or Jet
            A lower bound of :math:`B(p)` (equal to it when :math:`h_b(p) < 0`).
        """
        r = self.reg
        kb, _, Db, _ = self._c()
        tp, t1 = self._weights(x)
        eL, eH = (-to_arb(r.ub[0] / r.kb)).exp(), (-to_arb(r.ub[1] / r.kb)).exp()
        ce = ((1 - x) * eL + x * eH).log() * (-kb)
        logA = x.log() - Db - (1 - x + x * (-Db).exp()).log()
        return tp * ce + t1 * (logA * kb + to_arb(r.ub[1]))

    def S1(self, x: _Ball, t1xlog: _Ball | None = None) -> _Ball:
        r"""The seller's case-1 value :math:`S_1 = \tau_p (u^s_L + \kappa_s \log\frac{1-p}{\tau_p}) + \tau_1 u^s_H - \kappa_s \tau_1 \log\tau_1`.

        Parameters
        ----------
        x : arb or Jet
            The posterior :math:`p`.
        t1xlog : arb, optional
            An enclosure of :math:`\tau_1 \log \tau_1` to use.

        Returns
        -------
        arb or Jet
            A lower bound of :math:`S(p)` (equal to it when :math:`h_s(p) \ge 0`).
        """
        r = self.reg
        ks = to_arb(r.ks)
        tp, t1 = self._weights(x)
        xl = t1xlog if t1xlog is not None else t1 * t1.log()
        return tp * (((1 - x) / tp).log() * ks + to_arb(r.us[0])) + t1 * to_arb(r.us[1]) - xl * ks

    def S2(self, x: _Ball) -> _Ball:
        r"""The seller's case-2 value :math:`S_2 = \tau_p \mathrm{CE}^s(p) + \tau_1 (u^s_H - \kappa_s \log C_p)`.

        Parameters
        ----------
        x : arb or Jet
            The posterior :math:`p > 0`.

        Returns
        -------
        arb or Jet
            An upper bound of :math:`S(p)` (equal to it when :math:`h_s(p) < 0`).
        """
        r = self.reg
        _, ks, _, Ds = self._c()
        tp, t1 = self._weights(x)
        XL, XH = to_arb(r.us[0] / r.ks).exp(), to_arb(r.us[1] / r.ks).exp()
        ce = ((1 - x) * XL + x * XH).log() * ks
        logC = x.log() - Ds - (1 - x + x * (-Ds).exp()).log()
        return tp * ce + t1 * (to_arb(r.us[1]) - logC * ks)

    # -- values ------------------------------------------------------------------------------------
    def lower(self, p: Fraction) -> arb:
        r"""A ball whose lower end is a lower bound of :math:`G(p, 1)` (no case decision needed).

        :math:`B \ge \max(B_2, f(\tau_1))` and :math:`S \le \min(S_2, g(\tau_1))` with the true min / max
        at :math:`p` (:math:`B_2, S_2` only for :math:`p > 0`, :math:`f, g` only for :math:`p < \mu`).

        Parameters
        ----------
        p : Fraction
            The posterior, in :math:`[0, \mu]`.

        Returns
        -------
        arb
            The best candidate :math:`B` minus the best candidate :math:`S`.
        """
        r = self.reg
        x = to_arb(p)
        kb, ks = to_arb(r.kb), to_arb(r.ks)
        tp, t1 = self._weights(x)
        cands_b, cands_s = [], []
        if 0 < p:
            cands_b.append(self.B2(x))
            cands_s.append(self.S2(x))
        if p < r.mu:
            # f(tau_1) and g(tau_1) with the true min / max at p (A = C = tau_1)
            Lb = to_arb(r.ub[0]) + kb * (tp / (1 - x)).log()
            Hb = to_arb(r.ub[1]) + kb * (t1 / x).log() if p > 0 else None
            tb = Lb if Hb is None else Lb.min(Hb)
            cands_b.append(tp * tb + t1 * (to_arb(r.ub[1]) + kb * t1.log()))
            Ls = to_arb(r.us[0]) + ks * ((1 - x) / tp).log()
            Hs = to_arb(r.us[1]) + ks * (x / t1).log() if p > 0 else None
            ts = Ls if Hs is None else Ls.max(Hs)
            cands_s.append(tp * ts + t1 * (to_arb(r.us[1]) - ks * t1.log()))
        b = max(cands_b, key=lambda z: z.lower())
        s = min(cands_s, key=lambda z: z.upper())
        return b - s

    def upper(self, lo: Fraction, hi: Fraction) -> arb:
        r"""An upper bound of :math:`G(p, 1)` for :math:`p \in [lo, hi] \subset [0, \mu]` (a ball; use its upper end).

        :math:`\overline B - \underline S` with :math:`\overline B = B_1`, or :math:`\min(B_1, B_2)` where
        :math:`h_b < 0` on the interval (likewise :math:`\underline S`); the mean-value form
        :math:`G(c) + \sup|G'| (hi - lo)/2` when both cases are decided and it is smaller.

        Parameters
        ----------
        lo, hi : Fraction
            The interval, :math:`0 \le lo \le hi \le \mu`.

        Returns
        -------
        arb
            Its upper end bounds :math:`G` on the interval (possibly infinite near the ends).
        """
        r = self.reg
        x = box(lo, hi)
        tp, t1 = self._weights(x)
        t1 = _clamp01(t1)
        xl = _xlogx(t1)
        hb, hs = self.h(x, "b"), self.h(x, "s")
        b1 = self.B1(x, xl)
        s1 = self.S1(x, xl)
        ub = b1.upper()
        ls = s1.lower()
        b_decided = hb < 0 and lo > 0
        s_decided = hs < 0 and lo > 0
        if b_decided:
            ub = ub.min(self.B2(x).upper())
        if s_decided:
            ls = ls.max(self.S2(x).lower())
        naive = ub - ls
        # mean-value form where both cases are decided on the interval
        cases_b = "2" if b_decided else ("1" if hb > 0 else None)
        cases_s = "2" if s_decided else ("1" if hs > 0 else None)
        if cases_b and cases_s and lo > 0 and hi < r.mu and hi > lo:
            X = Jet.variable(x, 0)
            c = (lo + hi) / 2
            C = to_arb(c)
            fb = self.B2 if cases_b == "2" else self.B1
            fs = self.S2 if cases_s == "2" else self.S1
            d = (fb(X) - fs(X)).grad[0]
            val = fb(C) - fs(C)
            mv = (val + d.abs_upper() * to_arb((hi - lo) / 2)).upper()
            if mv.is_finite() and mv < naive:
                return mv
        return naive


    def increasing_to_mu(self, lo: Fraction) -> bool:
        r""":math:`G(\cdot, 1)` is increasing on :math:`[lo, \mu]` (both kinks at the posterior, so
        :math:`G = B_2 - S_2` there, with a derivative ball :math:`> 0`): then
        :math:`G \le G(\mu, 1) = R_0` on it, the no-information value (attained).

        Parameters
        ----------
        lo : Fraction
            The left end, :math:`0 < lo < \mu`.

        Returns
        -------
        bool
            True when :math:`h_b < 0`, :math:`h_s < 0` and :math:`(B_2 - S_2)' > 0` are certified on
            :math:`[lo, \mu]`; False otherwise (also for ``lo`` out of range).
        """
        r = self.reg
        if not 0 < lo < r.mu:
            return False
        x = box(lo, r.mu)
        if not (self.h(x, "b") < 0 and self.h(x, "s") < 0):
            return False
        X = Jet.variable(x, 0)
        d = (self.B2(X) - self.S2(X)).grad[0]
        return bool(d > 0)


@dataclass(frozen=True)
class EdgeSupremum:
    r"""The certified bound of :math:`\sup_p G(p, 1)` in one orientation.

    ``leaves`` are the break points :math:`0 = x_0 < \dots < x_n` of intervals covering
    :math:`[0, x_n]`, each with upper bound :math:`\le` ``upper``; if ``end`` is set,
    :math:`x_n = ` ``end`` :math:`< \mu` and :math:`G(\cdot, 1)` is increasing on
    :math:`[\mathrm{end}, \mu]`, so there :math:`G \le R_0` (no information, attained);
    otherwise :math:`x_n = \mu`. ``upper`` bounds :math:`G(p, 1)` for :math:`p < ` ``end``:
    the genuinely unattained part.

    Attributes
    ----------
    mirrored : bool
        The orientation (:attr:`Region.mirrored`).
    upper : Fraction
        A dyadic rational :math:`\ge` every leaf's upper bound and :math:`\ge` ``lower``.
    lower : Fraction
        A dyadic rational :math:`\le G(\mathrm{best}, 1)`.
    best : Fraction
        The best posterior :math:`p` found (region coordinates).
    leaves : tuple of Fraction
        The break points :math:`x_0 < \dots < x_n`.
    end : Fraction or None
        The start of the proved-increasing end piece, if any.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> reg = Region.of(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]}), False)
    >>> es = edge_supremum(reg, tol=Fraction(1, 1000))
    >>> es.end, len(es.leaves), es.lower <= es.upper < es.lower + Fraction(1, 1000)
    (Fraction(15, 32), 14, True)
    >>> es.check(reg), EdgeSupremum.from_dict(es.to_dict()) == es
    (True, True)
    """

    mirrored: bool
    upper: Fraction                 # a rational >= sup G(p, 1) over the leaves
    lower: Fraction                 # a rational <= G(best, 1)
    best: Fraction                  # the maximising p found (region coordinates)
    leaves: tuple[Fraction, ...]
    end: Fraction | None = None

    def check(self, reg: Region) -> bool:
        """Recompute every leaf's upper bound (and the monotone end); True if all hold.

        Parameters
        ----------
        reg : Region
            The orientation the bound claims to be about.

        Returns
        -------
        bool
            True when the leaves start at 0, increase, end at ``end`` (or :math:`\\mu`), every
            interval's bound (at :data:`PREC` bits) is finite and at most ``upper``, and the end piece
            is proved increasing; False otherwise.
        """
        xs = self.leaves
        top = self.end if self.end is not None else reg.mu
        if not xs or xs[0] != 0 or xs[-1] != top or any(a >= b for a, b in zip(xs, xs[1:])):
            return False
        e = Edge(reg)
        with ctx.workprec(PREC):
            if self.end is not None and not e.increasing_to_mu(self.end):
                return False
            for a, b in zip(xs, xs[1:]):
                u = e.upper(a, b)
                if not u.is_finite() or arb_to_enclosure(u).hi > self.upper:
                    return False
        return True

    def to_dict(self) -> dict[str, Any]:
        """JSON form with exact strings.

        Returns
        -------
        dict
            Keys ``mirrored``, ``upper``, ``lower``, ``best``, ``leaves``, ``end`` (null when unset).
        """
        from ..numbers import fmt

        return {"mirrored": self.mirrored, "upper": fmt(self.upper), "lower": fmt(self.lower), "best": fmt(self.best),
                "leaves": [fmt(x) for x in self.leaves], "end": None if self.end is None else fmt(self.end)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "EdgeSupremum":
        """The inverse of :meth:`to_dict`.

        Parameters
        ----------
        d : mapping
            As written by :meth:`to_dict`.

        Returns
        -------
        EdgeSupremum
        """
        from ..numbers import to_fraction

        return cls(bool(d["mirrored"]), to_fraction(d["upper"]), to_fraction(d["lower"]), to_fraction(d["best"]),
                   tuple(to_fraction(x) for x in d["leaves"]), None if d.get("end") is None else to_fraction(d["end"]))


def _dyadic_down(x: arb, bits: int = 120) -> Fraction:
    """A multiple of ``2**-bits`` at most the lower end of ``x``."""
    return Fraction(int((x.lower() * 2**bits).floor().unique_fmpz()), 2**bits)


def _dyadic_up(x: arb, bits: int = 120) -> Fraction:
    """A multiple of ``2**-bits`` at least the upper end of ``x``."""
    return Fraction(int((x.upper() * 2**bits).ceil().unique_fmpz()), 2**bits)


def edge_supremum(reg: Region, tol: Fraction = TOL, max_leaves: int = MAX_LEAVES) -> EdgeSupremum | None:
    r"""Certified upper bound of :math:`\sup_{p \in [0, \mu]} G(p, 1)` (None past ``max_leaves``).

    The end :math:`[\mu - h, \mu]` is cut off first when :math:`G` is proved increasing there
    (its supremum is then the attained no-information value), trying :math:`h = \mu / 2^k`,
    :math:`k = 1, \dots, 199`. Then branch and bound (depth first, at :data:`PREC` bits): an
    interval is a leaf once its upper bound is below the best lower bound found, within ``tol``
    of it, or narrower than :math:`2^{-200}`; otherwise it is halved.

    Parameters
    ----------
    reg : Region
        The orientation.
    tol : Fraction
        The target gap between ``upper`` and ``lower``.
    max_leaves : int
        Give up (None) past this many leaves or ``4 * max_leaves`` intervals.

    Returns
    -------
    EdgeSupremum or None
        The certified bound, or None when the budget runs out.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> reg = Region.of(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]}), True)
    >>> es = edge_supremum(reg, tol=Fraction(1, 1000))
    >>> es.best, es.end, round(es.upper, 3)       # below R_0 = 0.946: certainty does not pay here
    (Fraction(15, 32), Fraction(15, 32), Fraction(439, 500))
    """
    e = Edge(reg)
    mu = reg.mu
    with ctx.workprec(PREC):
        end = _monotone_end(e, mu)
        top = end if end is not None else mu
        best_p, best = Fraction(0), e.lower(Fraction(0)).lower()
        v = e.lower(top).lower()
        if v > best:
            best_p, best = top, v
        leaves: list[tuple[Fraction, Fraction, arb]] = []
        stack = [(Fraction(0), top)]
        count = 0
        while stack:
            lo, hi = stack.pop()
            count += 1
            if count > 4 * max_leaves:
                return None
            if not count % 500:
                tick("certainty-limit search (intervals)", count, 4 * max_leaves)
            c = (lo + hi) / 2
            v = e.lower(c).lower()
            if v > best:
                best_p, best = c, v
            u = e.upper(lo, hi).upper()
            if not u.is_finite():
                stack += [(c, hi), (lo, c)]
                continue
            if u < best or u - best < to_arb(tol) or hi - lo < Fraction(1, 2**200):
                leaves.append((lo, hi, u))
                if len(leaves) > max_leaves:
                    return None
                continue
            stack += [(c, hi), (lo, c)]
        leaves.sort(key=lambda t: t[0])
        U = max((u for _, _, u in leaves), key=lambda z: z.upper()).max(best)
        upper = _dyadic_up(U)
        lower = _dyadic_down(best)
    return EdgeSupremum(reg.mirrored, upper, lower, best_p, tuple([leaves[0][0]] + [b for _, b, _ in leaves]), end)


def _monotone_end(e: Edge, mu: Fraction) -> Fraction | None:
    r"""The first :math:`\mu - \mu/2^k` (:math:`k < 200`) from which :math:`G(\cdot, 1)` is proved increasing, or None."""
    for k in range(1, 200):
        h = mu / 2**k
        if e.increasing_to_mu(mu - h):
            return mu - h
    return None
