r"""Subsidy minimization for efficient trade, binary qualities (004_2686c8b5ad6ec5f0.txt,
Section 4 and Appendix 7): the certified maximum of the *restricted* revenue function
:math:`R(m_1, m_2)` (:func:`kink_optimum`), one of the three terms of the true supremum.

**Scope (issue 16).** :math:`R` puts both posteriors at kinks of :math:`T(\cdot; \Lambda)`. The
supremum over all implementable mechanisms may instead put a posterior at certainty (a limit,
not attained), which :math:`R` misses; :func:`minimize_subsidy` therefore delegates to
:func:`~exactgame.acquisition.supremum.maximize_revenue`, which combines this module's
certificate with the certainty-limit terms (:mod:`~exactgame.acquisition.edge`). The
"certified" status of :func:`kink_optimum` is about :math:`\max R` only.

The revenue function :math:`R(m_1, m_2)` and its derivation are in
:mod:`~exactgame.acquisition.revenue`.

**Certified maximum.** (1) *Barriers*: :math:`\mathrm{CE}^b \le \max u^b`,
:math:`\mathrm{CE}^s \ge \min u^s`, and for :math:`m_2 \le \delta`,
:math:`\tau_1 \log(m_1/m_2) \ge (\mu_0 - \delta) \log(\mu_0/\delta)`, so
:math:`R < L` near :math:`m_2 = 0` (likewise near :math:`m_1 = 1`). (2) *Branch and bound*
over the rest of the region with ball arithmetic; a box is discarded when its upper bound
is below the best certified lower bound :math:`L`. The rent is bounded below by its value
at the box corners and by :math:`\log z \ge 1 - 1/z`:
:math:`\mathrm{rent} \ge \kappa_s (\mu_0 - m_2)/m_1 + \kappa_b (m_1 - \mu_0)/(1 - m_2)`.
(3) *Interior optimum*: Newton's method on :math:`\nabla R = 0` in high precision, the
Krawczyk test (:mod:`exactgame.intervals`) proving a unique critical point :math:`x^*` in a
tiny box, and a neighbourhood :math:`N` on which the interval Hessian is negative definite,
so :math:`x^*` maximises :math:`R` on :math:`N`; everything outside :math:`N` is discarded
by (1)-(2). (4) *No-information optimum*: on
:math:`C = [\mu_0, \mu_0 + h] \times [\mu_0 - h, \mu_0]`,
:math:`R - R_0 \le x(\sup \mathrm{CE}^{b\prime} - \kappa_b/(1 - \mu_0 + h)) + y(\sup \mathrm{CE}^{s\prime} - \kappa_s/(\mu_0 + h)) \le 0`
(:math:`x = m_1 - \mu_0`, :math:`y = \mu_0 - m_2`), by the rent bound and the mean value
theorem; outside :math:`C`, (1)-(2) with :math:`L = R_0`.

The certificate stores the branch-and-bound tree, the boxes and radii; ``verify()`` redoes
every interval evaluation. The optimum is then turned into an *exactly rational* mechanism
(rational posteriors and transfers within :math:`10^{-40}` of the optimal ones, on the safe
side), whose implementability is checked and certified by
:func:`~exactgame.acquisition.check_implementability` and whose revenue (a rational) lies in
:math:`[R^* - 10^{-30}, R^*]`.

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
>>> r = kink_optimum(g)
>>> r.case, r.revenue.width < Fraction(1, 10**30), r.certificate.verify()
('no information', True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from flint import arb, ctx

from ..display.mixin import Displayable
from ..certificates import Certificate, require
from ..errors import CertificateError, InputError, SolverError, TooLargeError
from ..intervals import box, krawczyk
from ..logexp import Enclosure, arb_to_enclosure, to_arb
from ..numbers import fmt, to_fraction
from ..progress import tick
from .implementability import Implementability, check_implementability
from .mechanism import prescribed_mechanism
from .model import BUYER, SELLER, AcquisitionGame
from .revenue import Region, closure_at_prior

__all__ = ["minimize_subsidy", "kink_optimum", "check_scales", "closure_at_prior", "SubsidyResult", "SubsidyCertificate", "Region", "MAX_BOXES"]


#: Branch and bound gives up (status "not certified") after this many boxes.
MAX_BOXES = 200_000
PREC = 128          # working precision of the branch and bound (bits)
HIGH = 640          # precision of Newton's method and the final enclosures (bits)
KRAWCZYK_RADIUS = Fraction(1, 2**200)
PLACES = 40         # decimal places of the rational mechanism
#: Largest |u(v)| / kappa accepted (the float candidate search works with e^(u/kappa)).
MAX_SCALE = 500


#: Smallest nonzero max |u(v)| / kappa accepted (below it information is worth next to nothing and
#: the enclosures need thousands of digits).
MIN_SCALE = Fraction(1, 10**9)
#: Smallest prior probability accepted (the candidate search works with log(mu / (1 - mu))).
MIN_PRIOR = Fraction(1, 10**9)


def check_scales(game: AcquisitionGame) -> None:
    """Refuse, with the size and the limit, inputs whose cost explodes or that floats cannot hold:
    values / cost above ``MAX_SCALE`` or below ``MIN_SCALE``, a prior probability below ``MIN_PRIOR``.

    The scale of player ``p`` is :math:`\\max_v |u^p(v)| / \\kappa_p` (0 is allowed: worthless
    information); the prior's smallest entry is compared with ``MIN_PRIOR``.

    Parameters
    ----------
    game : AcquisitionGame
        A binary game.

    Raises
    ------
    TooLargeError
        Naming the offending key (``values``, ``cost`` or ``prior``) and the limit.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> check_scales(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [0, 1000], "seller": [0, 1]}))
    Traceback (most recent call last):
    exactgame.errors.TooLargeError: values: values / cost = 1000 for the buyer: beyond 500 the optimal posteriors are within e^-500 of certainty; rescale the values or raise the cost
    """
    from ..numbers import magnitude_str

    for p in (BUYER, SELLER):
        scale = max(abs(x) for x in game.values[p]) / game.cost[p]
        if scale > MAX_SCALE:
            raise TooLargeError(f"values / cost = {magnitude_str(scale)} for the {p}: beyond {MAX_SCALE} the optimal posteriors "
                                f"are within e^-{MAX_SCALE} of certainty; rescale the values or raise the cost", where="values")
        if 0 < scale < MIN_SCALE:
            raise TooLargeError(f"values / cost = {magnitude_str(scale)} for the {p}: below 1e-9 information is worth next "
                                "to nothing and the enclosures need thousands of digits; rescale the values or lower the cost",
                                where="cost")
    low = min(min(game.prior), 1 - max(game.prior))
    if low < MIN_PRIOR:
        raise TooLargeError(f"a prior probability of {magnitude_str(low)} is below 1e-9: the optimal posteriors lie within "
                            "floating-point underflow of certainty; the subsidy problem is not computed for such priors",
                            where="prior")


# -- branch and bound -------------------------------------------------------------------------------


def _inside(b: Sequence[Fraction], hole: Sequence[Fraction] | None) -> bool:
    """Box ``b`` lies inside the box ``hole`` (False without a hole)."""
    return hole is not None and hole[0] <= b[0] and b[1] <= hole[1] and hole[2] <= b[2] and b[3] <= hole[3]


def _leaf(region: Region, b: Sequence[Fraction], L: arb, hole, deltas: tuple[Fraction, Fraction]) -> str | None:
    """The label that closes box ``b``, or None if it must be split."""
    if _inside(b, hole):
        return "H"
    if b[3] <= deltas[1] or b[0] >= 1 - deltas[0]:
        return "B"
    if b[2] == 0 or b[1] == 1:
        return None
    if region.upper(b) < L:
        return "P"
    return None


def _pow2_between(lo: Fraction, hi: Fraction) -> Fraction:
    """A power of two near :math:`\\sqrt{lo \\cdot hi}` strictly between ``lo`` and ``hi`` (needs ``hi > 4 lo > 0``)."""
    e = ((lo.numerator.bit_length() - lo.denominator.bit_length()) + (hi.numerator.bit_length() - hi.denominator.bit_length())) // 2
    x = Fraction(2) ** e
    return x if lo < x < hi else (lo + hi) / 2


def _cut(lo: Fraction, hi: Fraction) -> Fraction:
    """Split point of ``[lo, hi]`` inside (0, 1): geometric towards an end of (0, 1) if the interval spans decades."""
    if lo > 0 and hi > 4 * lo and lo < 1 - hi:
        return _pow2_between(lo, hi)
    if hi < 1 and 1 - lo > 4 * (1 - hi) and 1 - hi < lo:
        return 1 - _pow2_between(1 - hi, 1 - lo)
    return (lo + hi) / 2


def _spread(lo: Fraction, hi: Fraction) -> Fraction:
    """Width in units of the distance to the ends of (0, 1) (a rational stand-in for the logit width)."""
    return (hi - lo) / min(lo, 1 - hi)


def _split(b: Sequence[Fraction], deltas: tuple[Fraction, Fraction]) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """Two halves of a box; the barrier strips are cut off first, then the wider side (logit-like) is cut."""
    if b[2] == 0:
        return (b[0], b[1], b[2], deltas[1]), (b[0], b[1], deltas[1], b[3])
    if b[1] == 1:
        return (b[0], 1 - deltas[0], b[2], b[3]), (1 - deltas[0], b[1], b[2], b[3])
    if _spread(b[0], b[1]) >= _spread(b[2], b[3]):
        m = _cut(b[0], b[1])
        return (b[0], m, b[2], b[3]), (m, b[1], b[2], b[3])
    m = _cut(b[2], b[3])
    return (b[0], b[1], b[2], m), (b[0], b[1], m, b[3])


def _branch_and_bound(region: Region, L: arb, hole, deltas, budget: int) -> str | None:
    """Pre-order tree code (``S`` split, ``P`` pruned, ``H`` hole, ``B`` barrier), or None past ``budget`` boxes."""
    out: list[str] = []
    stack: list[tuple[Fraction, ...]] = [(region.mu, Fraction(1), Fraction(0), region.mu)]
    count = 0
    with ctx.workprec(PREC):
        while stack:
            b = stack.pop()
            count += 1
            if count > budget:
                return None
            if not count % 2000:
                tick("subsidy branch and bound (boxes)", count, budget)
            tag = _leaf(region, b, L, hole, deltas)
            if tag is None:
                out.append("S")
                left, right = _split(b, deltas)
                stack.append(right)
                stack.append(left)
            else:
                out.append(tag)
    return "".join(out)


def _check_tree(region: Region, L: arb, hole, deltas, code: str) -> None:
    """Replay the tree ``code`` of :func:`_branch_and_bound` and re-decide every leaf (CertificateError on failure)."""
    stack: list[tuple[Fraction, ...]] = [(region.mu, Fraction(1), Fraction(0), region.mu)]
    pos = 0
    with ctx.workprec(PREC):
        while stack:
            b = stack.pop()
            require(pos < len(code), "the branch-and-bound tree ends early")
            tag = code[pos]
            pos += 1
            if tag == "S":
                left, right = _split(b, deltas)
                stack.append(right)
                stack.append(left)
            elif tag == "H":
                require(_inside(b, hole), f"box {b} is not inside the excluded neighbourhood")
            elif tag == "B":
                require(b[3] <= deltas[1] or b[0] >= 1 - deltas[0], f"box {b} is not in a barrier strip")
            elif tag == "P":
                require(b[2] > 0 and b[1] < 1 and region.upper(b) < L, f"box {b} is not below the bound")
            else:
                require(False, f"unknown tree code {tag!r}")
    require(pos == len(code), "the branch-and-bound tree has extra entries")


def _deltas(region: Region, L: arb) -> tuple[Fraction, Fraction]:
    """The widest barrier strips :math:`2^{-k}` (side 1, side 2) whose bound is below ``L``."""
    out = []
    for side in (1, 2):
        k = 3
        with ctx.workprec(PREC):
            while not region.barrier(Fraction(1, 2**k), side) < L:
                k += 1
                if k > 4000:
                    raise SolverError("no barrier strip found (the values are too large)")
        out.append(Fraction(1, 2**k))
    return out[0], out[1]


# -- finding the candidate --------------------------------------------------------------------------


def _float_search(region: Region) -> tuple[float, float, float]:
    """Best grid point of R in logit coordinates (floats only propose; everything is then certified)."""
    import numpy as np

    mu = float(region.mu)  # float-ok: candidate search
    kb, ks = float(region.kb), float(region.ks)  # float-ok: candidate search
    ubL, ubH, usL, usH = (float(x) for x in (*region.ub, *region.us))  # float-ok: candidate search
    lm = math.log(mu / (1 - mu))  # float-ok: candidate search
    z1 = np.linspace(lm, 40.0, 400)[1:]  # float-ok: candidate search
    z2 = np.linspace(-40.0, lm, 400)[:-1]  # float-ok: candidate search
    m1, m2 = np.meshgrid(1 / (1 + np.exp(-z1)), 1 / (1 + np.exp(-z2)), indexing="ij")  # float-ok: candidate search
    m1 = np.minimum(m1, 1 - 1e-16)  # float-ok: candidate search
    m2 = np.maximum(m2, 1e-300)  # float-ok: candidate search
    with np.errstate(all="ignore"):  # float-ok: candidate search
        ceb = -kb * np.log((1 - m1) * np.exp(-ubL / kb) + m1 * np.exp(-ubH / kb))  # float-ok: candidate search
        ces = ks * np.log((1 - m2) * np.exp(usL / ks) + m2 * np.exp(usH / ks))  # float-ok: candidate search
        t1 = (mu - m2) / (m1 - m2)
        R = ceb - ces - ks * t1 * np.log(m1 / m2) - kb * (1 - t1) * np.log((1 - m2) / (1 - m1))  # float-ok: candidate search
    R = np.where(np.isfinite(R), R, -np.inf)  # float-ok: candidate search
    i = np.unravel_index(np.argmax(R), R.shape)  # float-ok: candidate search
    return float(R[i]), float(m1[i]), float(m2[i])  # float-ok: candidate search


def _to_dyadic(x: arb, bits: int) -> Fraction:
    """The midpoint of ``x`` rounded down to a multiple of ``2**-bits``."""
    m = x.mid()
    return Fraction(math.floor(arb_to_enclosure(m).lo * 2**bits), 2**bits)


def _newton(region: Region, m1: float, m2: float) -> tuple[Fraction, Fraction] | None:
    """High-precision Newton iteration for :math:`\\nabla R = 0` from a float guess (None if it leaves the region)."""
    c = [Fraction(m1), Fraction(m2)]  # float-ok: the float guess becomes an exact dyadic start
    for prec, steps in ((64, 60), (HIGH, 12)):
        with ctx.workprec(prec):
            for _ in range(steps):
                J = region.jet(to_arb(c[0]), to_arb(c[1]))
                g, H = J.grad, J.hess
                det = H[0][0] * H[1][1] - H[0][1] * H[1][0]
                if det.contains(0):
                    return None
                d0 = (H[1][1] * g[0] - H[0][1] * g[1]) / det
                d1 = (H[0][0] * g[1] - H[1][0] * g[0]) / det
                for halvings in range(40):
                    n = [_to_dyadic(to_arb(c[0]) - d0 / 2**halvings, prec - 8), _to_dyadic(to_arb(c[1]) - d1 / 2**halvings, prec - 8)]
                    if region.mu < n[0] < 1 and 0 < n[1] < region.mu:
                        break
                else:
                    return None
                c = n
    return c[0], c[1]


# -- results -------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class SubsidyResult(Displayable):
    r"""The minimal subsidy for efficient trade and the mechanism that attains it (up to 1e-30).

    Returned by :func:`kink_optimum` (the restricted family :math:`R(m_1, m_2)`) and by
    :func:`~exactgame.acquisition.supremum.maximize_revenue` (all perfectly correlated
    mechanisms, which fills ``attained``, ``restricted``, ``edges``, ``upper_bound``, ``sequence``).
    Enclosures are rational intervals; posteriors, weights and transfers are listed per signal.

    Attributes
    ----------
    status : str
        ``"certified"`` (:func:`kink_optimum`), ``"conditional"`` (:func:`maximize_revenue`: the bound
        over all mechanisms rests on the slides' Corollary) or ``"not certified"``.
    case : str
        ``"interior"`` (two signals), ``"no information"`` (one), ``"dominated"`` or ``"certainty limit"``.
    revenue, subsidy : Enclosure
        :math:`R^*` and :math:`-R^*`.
    posteriors : tuple of tuple of Enclosure
        Per signal, the probability of each state (game order).
    weights : tuple of Enclosure
        :math:`\tau_k`.
    transfers, reference : mapping str -> tuple of Enclosure
        On-path :math:`t^b_k, t^s_k`; :math:`a = e^{-\Lambda^b/\kappa_b}`, :math:`c = e^{-\Lambda^s/\kappa_s}` per state.
    optimality : mapping str -> Enclosure
        The (Opt^b), (Opt^s) residuals (they contain 0).
    gross_surplus : Fraction
        :math:`E(u^b - u^s)` under efficient trade.
    information_cost, net_payoff : mapping str -> Enclosure
        Each player's :math:`\kappa_p (H(\mu_0) - E H(\mu_k))` and expected payoff net of it.
    no_information_revenue : Enclosure
        :math:`R_0 = \mathrm{CE}^b(\mu_0) - \mathrm{CE}^s(\mu_0)`.
    mechanism : AcquisitionGame
        An exactly rational mechanism, checked implementable for both players.
    mechanism_revenue : Fraction
        Its exact revenue (within about :math:`10^{-30}` below ``revenue``).
    implementability : mapping str -> Implementability
        The checks of ``mechanism``.
    certificate : SubsidyCertificate or RevenueCertificate
        Re-checks the bound.
    boxes : int
        Branch-and-bound boxes used.
    attained : bool or None
        Whether some implementable mechanism attains the supremum (None: not decided).
    restricted : SubsidyResult or None
        The :func:`kink_optimum` result inside a :func:`maximize_revenue` answer.
    edges : tuple of EdgeSupremum
        The certainty-limit bounds of both orientations.
    upper_bound : Fraction or None
        The certified upper bound over perfectly correlated mechanisms.
    sequence : tuple
        ``(revenue, mechanism, checks)`` of checked mechanisms approaching a certainty limit.
    note : str or None
        A caveat in words.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     cost={"buyer": 4, "seller": 4})
    >>> r = kink_optimum(g)                                # costly information: none is acquired
    >>> r.status, r.case, r.revenue.decimal(10), len(r.weights), r.revenue.hi - r.mechanism_revenue < Fraction(1, 10**30)
    ('certified', 'no information', '~1.345111828', 1, True)
    """

    status: str                               # "certified" | "not certified"
    case: str                                 # "interior" (I = 2) | "no information" (I = 1)
    revenue: Enclosure                        # R*, the principal's maximal revenue
    subsidy: Enclosure                        # -R*
    posteriors: tuple[tuple[Enclosure, ...], ...]   # per signal, P(state) for each state (game order)
    weights: tuple[Enclosure, ...]
    transfers: Mapping[str, tuple[Enclosure, ...]]  # on-path t^b_k, t^s_k
    reference: Mapping[str, tuple[Enclosure, ...]]  # a = exp(-Lambda^b/kappa_b), c = exp(-Lambda^s/kappa_s) per state
    optimality: Mapping[str, Enclosure]       # (Opt^b), (Opt^s) residuals (contain 0)
    gross_surplus: Fraction
    information_cost: Mapping[str, Enclosure]
    net_payoff: Mapping[str, Enclosure]
    no_information_revenue: Enclosure
    mechanism: AcquisitionGame                # exactly rational, implementable
    mechanism_revenue: Fraction
    implementability: Mapping[str, Implementability]
    certificate: Any                          # SubsidyCertificate (restricted family) or RevenueCertificate (all)
    boxes: int = 0
    attained: bool | None = True              # is the supremum attained by some implementable mechanism?
    restricted: "SubsidyResult | None" = None  # the optimum of the restricted family R(m1, m2) (kinks at both posteriors)
    edges: tuple = ()                         # EdgeSupremum of both orientations (a posterior at certainty)
    upper_bound: Fraction | None = None       # certified: no perfectly correlated implementable mechanism earns more
    sequence: tuple = ()                      # (revenue, mechanism, {player: Implementability}): checked, approaching the supremum
    note: str | None = None


def minimize_subsidy(game: AcquisitionGame, budget: int = MAX_BOXES, eps: Any = None) -> SubsidyResult:
    """Minimal subsidy (maximal revenue) for efficient trade over all implementable mechanisms, binary
    qualities: :func:`~exactgame.acquisition.supremum.maximize_revenue` (the restricted family of
    :func:`kink_optimum` *and* the limits with a posterior at certainty).

    Parameters
    ----------
    game : AcquisitionGame
        A binary game with gains from trade in both states.
    budget : int
        Branch-and-bound boxes allowed.
    eps : number, optional
        Distance of the last approaching mechanism from the bound (default
        :data:`~exactgame.acquisition.supremum.DEFAULT_EPS`).

    Returns
    -------
    SubsidyResult
        As :func:`~exactgame.acquisition.supremum.maximize_revenue`; ``subsidy`` is ``-revenue``.

    Raises
    ------
    InputError
        For more than two states or a state without gains from trade; TooLargeError past the scales
        of :func:`check_scales`.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> minimize_subsidy(AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [0, 3], "seller": [0, 1]}))
    Traceback (most recent call last):
    exactgame.errors.InputError: values: no gains from trade in state(s) 'low' (u^b <= u^s): subsidy minimization for efficient trade assumes u^b(v) > u^s(v) in every state (then efficient trade is q = 1); trade as a choice is not modelled
    """
    from .supremum import DEFAULT_EPS, maximize_revenue

    return maximize_revenue(game, budget, DEFAULT_EPS if eps is None else eps)


def kink_optimum(game: AcquisitionGame, budget: int = MAX_BOXES, floor: Fraction | None = None) -> SubsidyResult:
    r"""The certified maximum of the *restricted* revenue :math:`R(m_1, m_2)` (both posteriors at kinks).

    This is not the optimum over all mechanisms (issue 16): see :mod:`~exactgame.acquisition.supremum`.
    ``status`` here says whether the maximum of :math:`R` is certified. With ``floor`` (a value known
    to be reached otherwise, e.g. a certainty limit) above the best candidate and above :math:`R_0`,
    it is enough to prove :math:`R \le` ``floor`` everywhere (case ``"dominated"``: the branch and
    bound with :math:`L =` ``floor`` and the corner lemma near the prior).

    The candidate is a float grid search in logit coordinates refined by Newton's method in
    high precision, for both orientations; it is kept if its value exceeds :math:`R_0`. Then an
    interior optimum is certified (Krawczyk, concavity neighbourhood, branch and bound) or, with no
    candidate, the no-information optimum (corner lemma, branch and bound with :math:`L = R_0`).

    Parameters
    ----------
    game : AcquisitionGame
        A binary game (prior, values, costs; any ``alpha`` is ignored).
    budget : int
        Branch-and-bound boxes allowed per orientation; past it the status is ``"not certified"``
        and the revenue is the candidate's (a lower bound).
    floor : Fraction, optional
        A revenue reached otherwise (see above).

    Returns
    -------
    SubsidyResult
        The maximum of :math:`R`, the rational mechanism and a :class:`SubsidyCertificate`.

    Raises
    ------
    InputError
        For more than two states; TooLargeError past the scales of :func:`check_scales`.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     cost={"buyer": 4, "seller": 4})
    >>> r = kink_optimum(g)
    >>> r.case, r.revenue.decimal(10), r.no_information_revenue.decimal(10), r.certificate.verify()
    ('no information', '~1.345111828', '~1.345111828', True)
    """
    if not game.binary:
        raise InputError(f"subsidy minimization is implemented for two states (the slides' case); the file has "
                         f"{len(game.states)}", where="states")
    check_scales(game)
    regions = [Region.of(game, False), Region.of(game, True)]
    with ctx.workprec(HIGH):
        R0 = regions[0].value(regions[0].mu, regions[0].mu)
    best = _best_candidate(regions, R0)
    cert = None
    if floor is not None and arb_to_enclosure(R0).hi < floor and (best is None or best[1] < to_arb(floor)):
        cert = _certify_corner(game, regions, R0, budget, floor)
        if cert.certified:
            return _result(game, regions, cert)
        cert = None
    if best is not None:
        cert = _certify_interior(game, regions, *best, budget)
        if cert is None:   # report the candidate honestly: its value is a lower bound only
            reg, _, c = best
            cert = SubsidyCertificate(_game_data(game), "interior", reg.mirrored, c, KRAWCZYK_RADIUS, None, None, (), (),
                                      certified=False)
    if cert is None:
        cert = _certify_corner(game, regions, R0, budget)
    return _result(game, regions, cert)


def _best_candidate(regions: Sequence[Region], R0: arb) -> tuple[Region, arb, tuple[Fraction, Fraction]] | None:
    """The best Newton-refined critical point ``(region, value ball, (m1, m2))`` with value above ``R0``, or None."""
    best = None
    for reg in regions:
        val, m1, m2 = _float_search(reg)
        if not math.isfinite(val):
            continue
        c = _newton(reg, m1, m2)
        if c is None:
            continue
        with ctx.workprec(HIGH):
            v = reg.value(*c)
        if v > R0 and (best is None or v > best[1]):
            best = (reg, v, c)
    return best


def _certify_interior(game, regions, reg: Region, v: arb, c, budget: int) -> "SubsidyCertificate | None":
    """The certificate of an interior maximum at ``c``, or None when a step fails or the budget runs out."""
    rho = KRAWCZYK_RADIUS
    with ctx.workprec(HIGH):
        J = reg.jet(to_arb(c[0]), to_arb(c[1]))
        Hx = reg.jet(box(c[0] - rho, c[0] + rho), box(c[1] - rho, c[1] + rho)).hess
        if not krawczyk(J.grad, Hx, c, rho):
            return None
    nu = None
    for k in range(2, 60):
        r = Fraction(1, 2**k)
        with ctx.workprec(PREC):
            if reg.concave_on(c, r):
                nu = r
                break
    if nu is None:
        return None
    with ctx.workprec(PREC):
        L = reg.value(*c)
    L = to_arb(arb_to_enclosure(L).lo)
    trees, deltas = [], []
    for other in regions:
        hole = (c[0] - nu, c[0] + nu, c[1] - nu, c[1] + nu) if other is reg else None
        d = _deltas(other, L)
        code = _branch_and_bound(other, L, hole, d, budget)
        if code is None:
            return None
        trees.append(code)
        deltas.append(d)
    return SubsidyCertificate(_game_data(game), "interior", reg.mirrored, c, rho, nu, None, tuple(deltas), tuple(trees))


def _certify_corner(game, regions, R0: arb, budget: int, floor: Fraction | None = None) -> "SubsidyCertificate":
    """The certificate of :math:`\\max R = R_0` (or :math:`R \\le` ``floor``); ``certified=False`` when a step fails."""
    hs = []
    for reg in regions:
        h = None
        for k in range(2, 80):
            with ctx.workprec(PREC):
                if reg.corner_lemma(Fraction(1, 2**k)):
                    h = Fraction(1, 2**k)
                    break
        hs.append(h)
    status_ok = all(h is not None for h in hs)
    trees, deltas = [], []
    with ctx.workprec(PREC):
        L = to_arb(arb_to_enclosure(R0).lo) if floor is None else to_arb(floor)
    if status_ok:
        for reg, h in zip(regions, hs):
            hole = (reg.mu, reg.mu + h, reg.mu - h, reg.mu)
            d = _deltas(reg, L)
            code = _branch_and_bound(reg, L, hole, d, budget)
            if code is None:
                status_ok = False
                break
            trees.append(code)
            deltas.append(d)
    return SubsidyCertificate(_game_data(game), "no information" if floor is None else "dominated", False, None, None, None,
                              tuple(hs) if status_ok else None, tuple(deltas), tuple(trees), certified=status_ok, floor=floor)


def _game_data(game: AcquisitionGame) -> dict[str, Any]:
    """The fields a certificate stores about the game (exact numbers)."""
    return {"states": list(game.states), "prior": list(game.prior), "buyer": list(game.values[BUYER]),
            "seller": list(game.values[SELLER]), "cost_buyer": game.cost[BUYER], "cost_seller": game.cost[SELLER]}


def encode_game_fields(game: Mapping[str, Any]) -> dict[str, Any]:
    """A certificate's game fields (:func:`_game_data`) as JSON-ready exact strings.

    Parameters
    ----------
    game : mapping
        ``states``, ``prior``, ``buyer``, ``seller`` (lists) and ``cost_buyer``, ``cost_seller``.

    Returns
    -------
    dict
        The same keys; numbers as strings such as ``"1/2"``, state names unchanged.

    >>> from fractions import Fraction
    >>> encode_game_fields({"states": ["low", "high"], "prior": [Fraction(1, 3), Fraction(2, 3)], "cost_buyer": Fraction(1)})
    {'states': ['low', 'high'], 'prior': ['1/3', '2/3'], 'cost_buyer': '1'}
    """
    return {k: ([fmt(x) for x in v] if isinstance(v, (list, tuple)) and k != "states" else (fmt(v) if isinstance(v, Fraction) else v))
            for k, v in game.items()}


def decode_game_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`encode_game_fields`.

    Parameters
    ----------
    data : mapping
        As written by :func:`encode_game_fields`, with all six keys.

    Returns
    -------
    dict
        Numbers as Fractions (InputError on a non-number).

    >>> d = decode_game_fields({"states": ["low", "high"], "prior": ["1/3", "2/3"], "buyer": [1, 3], "seller": [0, 1],
    ...                         "cost_buyer": "1", "cost_seller": "1/2"})
    >>> d["prior"], d["cost_seller"]
    ([Fraction(1, 3), Fraction(2, 3)], Fraction(1, 2))
    """
    g = dict(data)
    for k in ("prior", "buyer", "seller"):
        g[k] = [to_fraction(x) for x in g[k]]
    for k in ("cost_buyer", "cost_seller"):
        g[k] = to_fraction(g[k])
    return g


def _game_from_data(d: Mapping[str, Any]) -> AcquisitionGame:
    """The game (without information structure) of a certificate's game fields."""
    return AcquisitionGame(tuple(d["states"]), tuple(d["prior"]), {BUYER: d["buyer"], SELLER: d["seller"]},
                           {BUYER: d["cost_buyer"], SELLER: d["cost_seller"]})


def _entropy(p: Sequence[arb]) -> arb:
    """:math:`H(p) = -\\sum_v p_v \\log p_v` on balls (natural logarithm)."""
    return -sum((x * x.log() for x in p), arb(0))


def _result(game: AcquisitionGame, regions, cert: "SubsidyCertificate") -> SubsidyResult:
    """The :class:`SubsidyResult` of a certificate: the optimum's quantities, the rational mechanism and its checks."""
    n = 2
    ub, us = game.values[BUYER], game.values[SELLER]
    kb, ks = game.cost[BUYER], game.cost[SELLER]
    with ctx.workprec(HIGH):
        value = cert.value_ball()
        if cert.case == "interior":
            reg = regions[1] if cert.mirrored else regions[0]
            rho = cert.radius
            m1, m2 = box(cert.center[0] - rho, cert.center[0] + rho), box(cert.center[1] - rho, cert.center[1] + rho)
            mu = to_arb(reg.mu)
            tau = [(mu - m2) / (m1 - m2), (m1 - mu) / (m1 - m2)]
            post = [m1, m2]
            eL, eH, XL, XH = reg._consts()
            a = eL * (1 - m1) / (eL * (1 - m1) + eH * m1)       # e^{-Lambda^b(first)/kb}
            cc = XL * (1 - m2) / (XL * (1 - m2) + XH * m2)     # e^{-Lambda^s(first)/ks}
            tb1 = reg.ceb(m1)
            tb = [tb1, tb1 + to_arb(kb) * ((1 - m1) / (1 - m2)).log()]
            ts2 = reg.ces(m2)
            ts = [ts2 + to_arb(ks) * (m1 / m2).log(), ts2]
            opt_b = (to_arb(reg.ub[0]) - to_arb(kb) * (1 - m1).log() + to_arb(kb) * a.log()) \
                - (to_arb(reg.ub[1]) - to_arb(kb) * m1.log() + to_arb(kb) * (1 - a).log())
            opt_s = (to_arb(reg.us[0]) + to_arb(ks) * (1 - m2).log() - to_arb(ks) * cc.log()) \
                - (to_arb(reg.us[1]) + to_arb(ks) * m2.log() - to_arb(ks) * (1 - cc).log())
        else:
            reg = regions[0]
            mu = to_arb(reg.mu)
            tau, post = [arb(1)], [mu]
            eL, eH, XL, XH = reg._consts()
            a = eL * (1 - mu) / (eL * (1 - mu) + eH * mu)
            cc = XL * (1 - mu) / (XL * (1 - mu) + XH * mu)
            tb, ts = [reg.ceb(mu)], [reg.ces(mu)]
            opt_b = opt_s = arb(0)
        # back to the game's state order: the region's "m" is P(second state) unless mirrored
        full = [[(1 - m), m] if not reg.mirrored else [m, (1 - m)] for m in post]
        ref_b = [a, 1 - a] if not reg.mirrored else [1 - a, a]
        ref_s = [cc, 1 - cc] if not reg.mirrored else [1 - cc, cc]
        prior = [to_arb(p) for p in game.prior]
        info = _entropy(prior) - sum((t * _entropy(p) for t, p in zip(tau, full)), arb(0))
        cost_b, cost_s = to_arb(kb) * info, to_arb(ks) * info
        Eu = lambda u, p: sum((to_arb(u[v]) * p[v] for v in range(n)), arb(0))  # noqa: E731
        net_b = sum((t * (Eu(ub, p) - x) for t, p, x in zip(tau, full, tb)), arb(0)) - cost_b
        net_s = sum((t * (x - Eu(us, p)) for t, p, x in zip(tau, full, ts)), arb(0)) - cost_s
        R0 = regions[0].value(regions[0].mu, regions[0].mu)
        enc = arb_to_enclosure
        # the exactly rational mechanism
        bits = 4 * PLACES
        pr = [_to_dyadic(m, bits) for m in post]
        if len(pr) == 2:
            w1 = (reg.mu - pr[1]) / (pr[0] - pr[1])
            wts = [w1, 1 - w1]
        else:
            pr, wts = [reg.mu], [Fraction(1)]
        pr_game = [p if not reg.mirrored else 1 - p for p in pr]
        a_r = _to_dyadic(ref_b[0], bits)
        c_r = _to_dyadic(ref_s[0], bits)
    diag = AcquisitionGame.diagonal(game.states, game.prior, ub, us, pr_game, wts, cost=game.cost, title=game.title)
    mech = prescribed_mechanism(diag, a=[a_r, 1 - a_r], c=[c_r, 1 - c_r], places=PLACES)
    checks = {p: check_implementability(mech, p) for p in (BUYER, SELLER)}
    venc = enc(value)
    return SubsidyResult(
        "certified" if cert.certified else "not certified", cert.case, venc, -venc,
        tuple(tuple(enc(x) for x in p) for p in full), tuple(enc(t) for t in tau),
        {BUYER: tuple(enc(x) for x in tb), SELLER: tuple(enc(x) for x in ts)},
        {BUYER: tuple(enc(x) for x in ref_b), SELLER: tuple(enc(x) for x in ref_s)},
        {"Opt_b": enc(opt_b), "Opt_s": enc(opt_s)},
        game.gross_surplus(), {BUYER: enc(cost_b), SELLER: enc(cost_s)}, {BUYER: enc(net_b), SELLER: enc(net_s)},
        enc(R0), mech, mech.revenue(), checks, cert, boxes=sum(len(t) for t in cert.trees))


# -- certificate -------------------------------------------------------------------------------------------


class SubsidyCertificate(Certificate):
    r"""The certified maximum of :math:`R` over both orientations (see the module docstring).

    What ``verify()`` re-checks: in case ``"interior"``, that the Hessian is negative definite on
    the neighbourhood of radius ``nu`` of ``center`` and the Krawczyk test proves a unique critical
    point in the box of radius ``radius``; in cases ``"no information"`` and ``"dominated"``, the
    corner lemma on the boxes of sizes ``hs`` (and ``R_0 < floor``); in all cases that the barrier
    strips ``deltas`` are below the bound :math:`L` and that every leaf of both branch-and-bound
    ``trees`` (codes ``S`` split, ``P`` pruned, ``H`` hole, ``B`` barrier) is what its code says.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     cost={"buyer": 4, "seller": 4})
    >>> cert = kink_optimum(g).certificate
    >>> cert.case, cert.hs, cert.trees, cert.verify()
    ('no information', (Fraction(1, 4), Fraction(1, 4)), ('SBSSSPHSPPB', 'SBSSSPHPB'), True)
    """

    kind = "acquisition-subsidy"

    def __init__(self, game: Mapping[str, Any], case: str, mirrored: bool, center, radius, nu, hs, deltas, trees,
                 certified: bool = True, floor: Fraction | None = None):
        self.floor = floor          # case "dominated": R <= floor is what is proved
        self.game, self.case, self.mirrored = dict(game), case, mirrored
        self.center, self.radius, self.nu, self.hs = center, radius, nu, hs
        self.deltas, self.trees, self.certified = tuple(deltas), tuple(trees), certified

    def regions(self) -> list[Region]:
        """The two orientations (unmirrored, mirrored) of the stored game.

        Returns
        -------
        list of Region
        """
        g = _game_from_data(self.game)
        return [Region.of(g, False), Region.of(g, True)]

    def value_ball(self) -> arb:
        """A ball containing the maximal revenue :math:`R^*` (at the current precision).

        Returns
        -------
        arb
            :math:`R_0` (no information), :math:`[R_0, \\mathrm{floor}]` (dominated), or
            :math:`[R(c), R(c) + |\\nabla R(X)| \\rho]` (interior; only :math:`R(c)`, a lower bound, when
            not certified).
        """
        regions = self.regions()
        if self.case == "no information":
            return regions[0].value(regions[0].mu, regions[0].mu)
        if self.case == "dominated":    # R_0 <= max R <= floor
            if self.floor is None:
                raise CertificateError("a 'dominated' subsidy certificate needs its floor")
            return regions[0].value(regions[0].mu, regions[0].mu).union(to_arb(self.floor))
        reg = regions[1] if self.mirrored else regions[0]
        c, rho = self.center, self.radius
        X = [box(c[0] - rho, c[0] + rho), box(c[1] - rho, c[1] + rho)]
        Rc = reg.value(*c)
        if not self.certified:
            return Rc          # the value of a feasible candidate: a lower bound of R*
        grad = reg.jet(*X).grad
        slack = (grad[0].abs_upper() + grad[1].abs_upper()) * to_arb(rho)
        # R(x*) >= R(c) (x* maximises R on N, c in N) and R(x*) <= R(c) + |grad R(X)| |x* - c|
        return Rc.union(Rc + slack)

    def _check(self) -> None:
        require(self.certified, "the branch and bound did not finish: the optimum is not certified")
        regions = self.regions()
        require(len(self.trees) == 2 and len(self.deltas) == 2, "need a tree and barrier strips for both orientations")
        with ctx.workprec(PREC):
            if self.case == "interior":
                reg = regions[1] if self.mirrored else regions[0]
                c, rho, nu = self.center, self.radius, self.nu
                require(rho < nu, "the Krawczyk box must lie inside the concavity neighbourhood")
                require(reg.concave_on(c, nu), "the Hessian is not proved negative definite on the neighbourhood")
                L = to_arb(arb_to_enclosure(reg.value(*c)).lo)
                holes = [(c[0] - nu, c[0] + nu, c[1] - nu, c[1] + nu) if r is reg else None for r in regions]
            else:
                require(self.hs is not None and len(self.hs) == 2, "need the corner neighbourhoods")
                for r, h in zip(regions, self.hs):
                    require(r.corner_lemma(h), f"R <= R_0 not proved on the corner box of size {fmt(h)}")
                R0 = regions[0].value(regions[0].mu, regions[0].mu)
                if self.case == "dominated":
                    floor = self.floor
                    if floor is None:
                        raise CertificateError("the floor must lie above R_0")
                    require(R0 < to_arb(floor), "the floor must lie above R_0")
                    L = to_arb(floor)
                else:
                    require(self.case == "no information", f"unknown case {self.case!r}")
                    L = to_arb(arb_to_enclosure(R0).lo)
                holes = [(r.mu, r.mu + h, r.mu - h, r.mu) for r, h in zip(regions, self.hs)]
            for r, d in zip(regions, self.deltas):
                require(r.barrier(d[0], 1) < L and r.barrier(d[1], 2) < L, "a barrier strip is not below the bound")
        if self.case == "interior":
            with ctx.workprec(HIGH):
                J = reg.jet(to_arb(c[0]), to_arb(c[1]))
                Hx = reg.jet(box(c[0] - rho, c[0] + rho), box(c[1] - rho, c[1] + rho)).hess
                require(krawczyk(J.grad, Hx, c, rho), "the Krawczyk test fails: no unique critical point proved")
        for r, d, code, hole in zip(regions, self.deltas, self.trees, holes):
            _check_tree(r, L, hole, d, code)

    def _data(self) -> dict[str, Any]:
        enc = lambda x: None if x is None else fmt(x)  # noqa: E731
        return {"game": encode_game_fields(self.game),
                "case": self.case, "mirrored": self.mirrored, "certified": self.certified,
                "center": None if self.center is None else [fmt(x) for x in self.center],
                "radius": enc(self.radius), "neighbourhood": enc(self.nu),
                "corner": None if self.hs is None else [fmt(h) for h in self.hs],
                "barriers": [[fmt(x) for x in d] for d in self.deltas], "trees": list(self.trees),
                "floor": enc(self.floor)}

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "SubsidyCertificate":
        g = decode_game_fields(data["game"])
        fr = lambda x: None if x is None else to_fraction(x)  # noqa: E731
        return cls(g, str(data["case"]), bool(data["mirrored"]),
                   None if data["center"] is None else [to_fraction(x) for x in data["center"]],
                   fr(data["radius"]), fr(data["neighbourhood"]),
                   None if data["corner"] is None else [to_fraction(h) for h in data["corner"]],
                   tuple(tuple(to_fraction(x) for x in d) for d in data["barriers"]), tuple(str(t) for t in data["trees"]),
                   certified=bool(data.get("certified", True)), floor=fr(data.get("floor")))
