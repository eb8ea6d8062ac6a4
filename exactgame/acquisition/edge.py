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
from typing import Any, Sequence

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
    lo, hi = t.lower(), t.upper()
    lo = lo if lo > 0 else arb(0)
    hi = hi if hi < 1 else arb(1)
    return lo.union(hi)


@dataclass(frozen=True)
class Edge:
    """:math:`G(p, 1)` in one orientation of the binary problem."""

    reg: Region

    # -- constants -------------------------------------------------------------------------
    def _c(self):
        r = self.reg
        kb, ks = to_arb(r.kb), to_arb(r.ks)
        Db = to_arb((r.ub[1] - r.ub[0]) / r.kb)
        Ds = to_arb((r.us[0] - r.us[1]) / r.ks)
        return kb, ks, Db, Ds

    def _weights(self, x):
        mu = to_arb(self.reg.mu)
        return (1 - mu) / (1 - x), (mu - x) / (1 - x)

    def h(self, x, player: str):
        """:math:`h_b` or :math:`h_s` at ``x`` (ball or Jet): case 1 iff :math:`\\ge 0`."""
        kb, ks, Db, Ds = self._c()
        mu = to_arb(self.reg.mu)
        D = Db if player == "b" else Ds
        return (mu - x) * (1 - x) * D.exp() - x * (1 - mu)

    # -- the pieces (x: arb ball, or Jet for derivatives) ----------------------------------------
    def B1(self, x, t1xlog=None):
        r = self.reg
        kb = to_arb(r.kb)
        tp, t1 = self._weights(x)
        xl = t1xlog if t1xlog is not None else t1 * t1.log()
        return tp * ((tp / (1 - x)).log() * kb + to_arb(r.ub[0])) + t1 * to_arb(r.ub[1]) + xl * kb

    def B2(self, x):
        r = self.reg
        kb, _, Db, _ = self._c()
        tp, t1 = self._weights(x)
        eL, eH = (-to_arb(r.ub[0] / r.kb)).exp(), (-to_arb(r.ub[1] / r.kb)).exp()
        ce = ((1 - x) * eL + x * eH).log() * (-kb)
        logA = x.log() - Db - (1 - x + x * (-Db).exp()).log()
        return tp * ce + t1 * (logA * kb + to_arb(r.ub[1]))

    def S1(self, x, t1xlog=None):
        r = self.reg
        ks = to_arb(r.ks)
        tp, t1 = self._weights(x)
        xl = t1xlog if t1xlog is not None else t1 * t1.log()
        return tp * (((1 - x) / tp).log() * ks + to_arb(r.us[0])) + t1 * to_arb(r.us[1]) - xl * ks

    def S2(self, x):
        r = self.reg
        _, ks, _, Ds = self._c()
        tp, t1 = self._weights(x)
        XL, XH = to_arb(r.us[0] / r.ks).exp(), to_arb(r.us[1] / r.ks).exp()
        ce = ((1 - x) * XL + x * XH).log() * ks
        logC = x.log() - Ds - (1 - x + x * (-Ds).exp()).log()
        return tp * ce + t1 * (to_arb(r.us[1]) - logC * ks)

    # -- values ------------------------------------------------------------------------------------
    def lower(self, p: Fraction) -> arb:
        """A ball whose lower end is a lower bound of :math:`G(p, 1)` (no case decision needed)."""
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
        """An upper bound of :math:`G(p, 1)` for :math:`p \\in [lo, hi] \\subset [0, \\mu]` (a ball; use its upper end)."""
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
        :math:`G \le G(\mu, 1) = R_0` on it, the no-information value (attained)."""
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
    """

    mirrored: bool
    upper: Fraction                 # a rational >= sup G(p, 1) over the leaves
    lower: Fraction                 # a rational <= G(best, 1)
    best: Fraction                  # the maximising p found (region coordinates)
    leaves: tuple[Fraction, ...]
    end: Fraction | None = None

    def check(self, reg: Region) -> bool:
        """Recompute every leaf's upper bound (and the monotone end); True if all hold."""
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
        from ..numbers import fmt

        return {"mirrored": self.mirrored, "upper": fmt(self.upper), "lower": fmt(self.lower), "best": fmt(self.best),
                "leaves": [fmt(x) for x in self.leaves], "end": None if self.end is None else fmt(self.end)}

    @classmethod
    def from_dict(cls, d) -> "EdgeSupremum":
        from ..numbers import to_fraction

        return cls(bool(d["mirrored"]), to_fraction(d["upper"]), to_fraction(d["lower"]), to_fraction(d["best"]),
                   tuple(to_fraction(x) for x in d["leaves"]), None if d.get("end") is None else to_fraction(d["end"]))


def _dyadic_down(x: arb, bits: int = 120) -> Fraction:
    return Fraction(int((x.lower() * 2**bits).floor().unique_fmpz()), 2**bits)


def _dyadic_up(x: arb, bits: int = 120) -> Fraction:
    return Fraction(int((x.upper() * 2**bits).ceil().unique_fmpz()), 2**bits)


def edge_supremum(reg: Region, tol: Fraction = TOL, max_leaves: int = MAX_LEAVES) -> EdgeSupremum | None:
    r"""Certified upper bound of :math:`\sup_{p \in [0, \mu]} G(p, 1)` (None past ``max_leaves``).

    The end :math:`[\mu - h, \mu]` is cut off first when :math:`G` is proved increasing there
    (its supremum is then the attained no-information value)."""
    e = Edge(reg)
    mu = reg.mu
    with ctx.workprec(PREC):
        end = None
        for k in range(1, 200):
            h = mu / 2**k
            if e.increasing_to_mu(mu - h):
                end = mu - h
                break
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
