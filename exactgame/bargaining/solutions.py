r"""Bargaining solutions on the bargaining set (002_b82d6ff4761a0a82.txt, Section 4).

* **ideal point** :math:`\eta_i = \max_\Pi E(u_i|\pi)`;
* **egalitarian**: the largest ``t`` with :math:`u_i - d_i = t` for all ``i`` (an LP);
  :func:`leximin` refines it lexicographically (maximise the smallest gain, then the next, ...);
* **Kalai-Smorodinsky**: the largest ``t`` with :math:`u_i - d_i = t(\eta_i - d_i)` (an LP);
* **(weighted) Nash**: the maximizer of :math:`\prod_i (u_i - d_i)^{\alpha_i}` over
  :math:`\mathcal{B}\cap\{u \ge d\}` on whatever face holds it, rational or algebraic, with a KKT
  certificate that does not use the vertices of :math:`\mathcal{B}` (see :mod:`.nash_bargaining`).

Every point comes with an IC structure attaining it (for an irrational Nash point: a rational
point within a stated distance, and the exact algebraic mixture in the certificate), and with
an exact Pareto-efficiency test in :math:`\mathcal{B}` (:func:`pareto_test`: the LP
:math:`\max \sum_i E(u_i|\pi)` over IC :math:`\pi` with :math:`E(u|\pi) \ge u^*`; a positive gain
gives a dominating point and structure, gain 0 proves efficiency).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Sequence

from ..certificates import Certificate
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..numbers import fmt, Vector
from .bargaining_set import BargainingSet, _constraints, maximize_over_ic, payoff_rows, structure_from_x
from .model import BargainingProblem, Structure
from .nash_bargaining import NashCertificate, nash_point

__all__ = ["Solution", "NashCertificate", "ideal_point", "ideal_point_ir", "egalitarian", "kalai_smorodinsky", "leximin",
           "leximin_kalai_smorodinsky", "nash", "pareto_frontier", "pareto_test", "ParetoTest"]



@dataclass(frozen=True)
class ParetoTest:
    """LP ``max sum_i E(u_i|pi) - sum_i u*_i`` over IC ``pi`` with ``E(u|pi) >= u*``: ``efficient`` iff
    the gain is 0; otherwise ``point`` (with ``structure``) Pareto-dominates ``u*``. ``lp`` certifies it."""

    efficient: bool
    gain: Fraction
    point: Vector | None
    structure: Structure | None
    lp: LPResult | None


@dataclass(frozen=True)
class Solution:
    """A payoff vector, an IC structure attaining it, and the certificate of its optimality.

    ``pareto`` is the exact efficiency test in B (None when not tested, e.g. an irrational point
    whose efficiency follows from the certificate instead, as the ``note`` says)."""

    name: str
    payoff: Vector | None
    structure: Structure | None
    certificate: Certificate | None
    note: str = ""
    pareto: ParetoTest | None = None

    @property
    def pareto_efficient(self) -> bool | None:
        return None if self.pareto is None else self.pareto.efficient


def pareto_test(prob: BargainingProblem, u: Sequence[Fraction]) -> ParetoTest:
    """Exact Pareto-efficiency test of the rational point ``u`` in B (see the module doc)."""
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    c = [sum(r[k] for r in rows) for k in range(len(rows[0]))]
    lp = solve_problem(LPProblem.make(c, list(A_ub) + [[-x for x in r] for r in rows], list(b_ub) + [-x for x in u],
                                      A_eq, b_eq, maximize=True))
    if lp.status != "optimal":  # u is not in B
        return ParetoTest(False, Fraction(0), None, None, lp)
    gain = lp.value - sum(u)
    if gain == 0:
        return ParetoTest(True, gain, None, None, lp)
    pi = structure_from_x(prob, lp.x)
    return ParetoTest(False, gain, tuple(prob.payoff(pi)), pi, lp)


def with_pareto(sol: Solution, prob: BargainingProblem) -> Solution:
    """``sol`` with its Pareto test (rational points only)."""
    if sol.payoff is None or not all(isinstance(x, Fraction) for x in sol.payoff):
        return sol
    test = pareto_test(prob, sol.payoff)
    note = sol.note
    if not test.efficient and test.point is not None:
        extra = "not Pareto efficient in B: (" + ", ".join(str(x) for x in test.point) + ") dominates it"
        note = f"{note}; {extra}" if note else extra
    return replace(sol, pareto=test, note=note)


def ideal_point(prob: BargainingProblem) -> tuple[Vector, list[LPResult]]:
    """eta_i = max over IC structures of E(u_i | pi), with the LP certificates."""
    n = len(prob.agents)
    vals, lps = [], []
    for i in range(n):
        v, _, _, r = maximize_over_ic(prob, [Fraction(int(k == i)) for k in range(n)])
        vals.append(v)
        lps.append(r)
    return tuple(vals), lps


def _ray_solution(prob: BargainingProblem, d: Vector, direction: Sequence[Fraction], name: str) -> Solution:
    """max t s.t. E(u_i | pi) - d_i = t * direction_i over IC pi (t >= 0)."""
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    m = len(rows[0])
    zero = Fraction(0)
    c = [zero] * m + [Fraction(1)]
    ub = [r + [zero] for r in A_ub]
    eq = [r + [zero] for r in A_eq] + [row + [-direction[i]] for i, row in enumerate(rows)]
    lp = solve_problem(LPProblem.make(c, ub, b_ub, eq, list(b_eq) + list(d), maximize=True))
    if lp.status != "optimal":
        return Solution(name, None, None, lp.certificate, "no IC structure on this ray")
    pi = structure_from_x(prob, lp.x[:m])
    return Solution(name, prob.payoff(pi), pi, lp.certificate, f"t* = {fmt(lp.value)}")


def egalitarian(prob: BargainingProblem, d: Vector) -> Solution:
    """Equal gains over d, as large as possible."""
    return _ray_solution(prob, d, [Fraction(1)] * len(prob.agents), "egalitarian")


def kalai_smorodinsky(prob: BargainingProblem, d: Vector, ideal: Vector, name: str = "kalai_smorodinsky") -> Solution:
    """Gains proportional to eta - d, as large as possible (d itself when eta = d). Pass the ideal
    point of :func:`ideal_point_ir` for the variant over the individually rational part of B."""
    if all(e == x for e, x in zip(ideal, d)):
        return Solution(name, tuple(d), prob.disagreement_structure(), None,
                        "the ideal point equals d: nobody can gain")
    return _ray_solution(prob, d, [e - x for e, x in zip(ideal, d)], name)


def pareto_frontier(B: BargainingSet) -> list:
    """The faces of B exposed by a strictly positive normal: its facets with positive normals and
    the vertices and lower faces they contain (as Polytopes)."""
    P = B.polytope
    facets = [P.support(a)[1] for a, _ in P.inequalities if all(x > 0 for x in a)]
    return facets




#: How the floating-point proposal steps (numpy, scipy, mpmath) fail on payoffs they cannot hold
#: (1e400, or 1e-400 next to 1): overflow, and the NaNs and singular systems that follow. Every
#: answer is decided exactly afterwards, so such a failure only means "propose differently".
_NUMERICAL_FAILURES = (ArithmeticError, ValueError, TypeError)


def _nash_search(prob: BargainingProblem, B: BargainingSet | None, d: Vector, weights):
    import warnings

    import numpy as np

    from .nash_bargaining import nash_point, nash_point_local

    with np.errstate(all="ignore"), warnings.catch_warnings():   # the float proposal's NaNs are handled
        warnings.simplefilter("ignore", RuntimeWarning)
        r = nash_point_local(prob, d, weights) if B is None else nash_point(prob, B, d, weights)
        if r is None:  # no face named by the IC-polytope proposal certified: build B (complete search)
            from .bargaining_set import bargaining_set

            r = nash_point(prob, bargaining_set(prob), d, weights)
    return r


def _power_of_two_near(x: Fraction) -> Fraction:
    """2^k with 2^k <= x < 2^(k+1), for x > 0 (exact)."""
    k = x.numerator.bit_length() - x.denominator.bit_length()
    c = Fraction(2) ** k
    return c / 2 if c > x else (c * 2 if c * 2 <= x else c)


def _nash_rescaled(prob: BargainingProblem, d: Vector, weights):
    """The Nash point via the problem with agent i's payoffs divided by 2^k_i (largest |u_i| in [1, 2))."""
    from dataclasses import replace as _replace

    from .nash_bargaining import NashResult, _certify_rational, nash_weights

    scale = []
    for i in prob.agents:
        top = max((abs(x) for w in prob.states for x in prob.payoffs[i][w]), default=Fraction(0))
        scale.append(_power_of_two_near(top) if top else Fraction(1))
    pay = {i: {w: tuple(x / c for x in prob.payoffs[i][w]) for w in prob.states} for i, c in zip(prob.agents, scale)}
    small = _replace(prob, payoffs=pay)
    why = "not computed: the payoffs exceed the range of the float proposal, and the rescaled problem's point "
    from ..errors import ExactgameError

    try:
        r = _nash_search(small, None, tuple(x / c for x, c in zip(d, scale)), weights)
    except ExactgameError:
        raise
    except _NUMERICAL_FAILURES:
        return NashResult(None, None, None, why + "could not be proposed either (payoffs spanning too many orders of "
                                                  "magnitude for the floating-point proposal)")
    if r.payoff is None or not all(isinstance(x, Fraction) for x in r.payoff):
        return NashResult(None, None, None, why + "is not rational (algebraic points of rescaled problems are not mapped back yet)")
    alpha = nash_weights(weights, len(prob.agents))
    pos = [i for i in range(len(alpha)) if alpha[i] > 0]
    zero = [i for i in range(len(alpha)) if alpha[i] == 0]
    u = tuple(x * c for x, c in zip(r.payoff, scale))
    back = _certify_rational(prob, tuple(d), alpha, pos, zero, u)
    return back if back is not None else NashResult(None, None, None, why + "did not certify on the original problem")


def nash(prob: BargainingProblem, B: BargainingSet | None, d: Vector, weights: Sequence[Any] | None = None) -> Solution:
    """The (weighted) Nash bargaining solution with its KKT certificate (see :mod:`.nash_bargaining`).

    ``weights`` are nonnegative, not all zero (the paper's alpha in Delta(N), any scale). With
    ``B=None`` the bargaining set is not built: the optimum is proposed over the IC polytope and
    only the face of B it names is grown exactly (B is built only if that face does not certify).
    With zero weights the maximiser need not be unique; a Pareto-efficient one is returned when the
    first one found is dominated."""
    from .nash_bargaining import _certify_rational, nash_weights

    from ..errors import ExactgameError

    try:
        r = _nash_search(prob, B, d, weights)
    except ExactgameError:
        raise
    except _NUMERICAL_FAILURES:
        # the float proposal cannot represent the payoffs (e.g. 1e400): solve the problem with each
        # agent's payoffs scaled by a power of two (the Nash point is scale invariant: u_i -> c_i u_i
        # maps maximizers to maximizers), then certify the unscaled rational point on the original
        r = _nash_rescaled(prob, d, weights)
    note = r.note
    alpha = nash_weights(weights, len(prob.agents))
    if r.payoff is not None and any(a == 0 for a in alpha) and all(isinstance(x, Fraction) for x in r.payoff) \
            and tuple(r.payoff) != tuple(d):
        # zero-weight agents: the maximiser need not be unique; a Pareto-dominating point has the same
        # positive-weight payoffs (the log product is strictly increasing in them), so it is a Nash point too
        test = pareto_test(prob, r.payoff)
        if not test.efficient and test.point is not None:
            pos = [i for i in range(len(alpha)) if alpha[i] > 0]
            zero = [i for i in range(len(alpha)) if alpha[i] == 0]
            better = _certify_rational(prob, tuple(d), alpha, pos, zero, test.point)
            if better is not None:
                r = better
    sol = Solution("nash", r.payoff, r.structure, r.certificate, note)
    if r.payoff is None:
        return sol
    if all(isinstance(x, Fraction) for x in r.payoff):
        return with_pareto(sol, prob)
    alpha = r.certificate.weights
    if all(a > 0 for a in alpha):
        sol = replace(sol, note=note + "; Pareto efficient in B (the KKT gradient g > 0 supports B at the point)")
    return sol


def leximin(prob: BargainingProblem, d: Vector, scale: Sequence[Fraction] | None = None, name: str = "leximin") -> Solution:
    """The leximin point of the gains ``(u_i - d_i) / scale_i`` (default scale 1: the lexicographic
    egalitarian solution; ``scale = eta - d``: the lexicographic Kalai-Smorodinsky refinement).

    Maximise the smallest scaled gain t, fix the agents who cannot exceed it while the others keep
    theirs, repeat. Every step is an exact LP (the last one's certificate is kept). Agents with
    ``scale_i = 0`` are held at ``u_i >= d_i``."""
    n = len(prob.agents)
    sc = [Fraction(1)] * n if scale is None else [Fraction(x) for x in scale]
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    m = len(rows[0])
    zero, one = Fraction(0), Fraction(1)
    fixed: dict[int, Fraction] = {i: zero for i in range(n) if sc[i] == 0}
    last = None
    pi = prob.disagreement_structure()
    floor = lambda j: d[j] + fixed[j] * sc[j]
    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        # max t: gain_i >= t scale_i (free), u_j >= d_j + level_j scale_j (fixed); t = t+ - t-
        c = [zero] * m + [one, -one]
        ub = [r + [zero, zero] for r in A_ub]
        ub += [[-x for x in rows[i]] + [sc[i], -sc[i]] for i in free]
        ub += [[-x for x in rows[j]] + [zero, zero] for j in fixed]
        bub = list(b_ub) + [-d[i] for i in free] + [-floor(j) for j in fixed]
        lp = solve_problem(LPProblem.make(c, ub, bub, [r + [zero, zero] for r in A_eq], b_eq, maximize=True))
        t = lp.value
        last = lp
        pi = structure_from_x(prob, lp.x[:m])
        newly = []
        for i in free:
            others = [j for j in free if j != i]
            ub2 = list(A_ub) + [[-x for x in rows[j]] for j in others + list(fixed)]
            b2 = list(b_ub) + [-(d[j] + t * sc[j]) for j in others] + [-floor(j) for j in fixed]
            r2 = solve_problem(LPProblem.make(list(rows[i]), ub2, b2, A_eq, b_eq, maximize=True))
            if r2.value <= d[i] + t * sc[i]:
                newly.append(i)
        if not newly:  # pragma: no cover - some agent is always blocked at the optimum
            newly = free
        for i in newly:
            fixed[i] = t
    u = tuple(prob.payoff(pi))
    return with_pareto(Solution(name, u, pi, last.certificate if last else None,
                                "lexicographic maximin of the gains over d" + ("" if scale is None else " scaled by eta - d")
                                + ": " + ", ".join(str(x - y) for x, y in zip(u, d))), prob)


def leximin_kalai_smorodinsky(prob: BargainingProblem, d: Vector, ideal: Vector) -> Solution:
    """The lexicographic Kalai-Smorodinsky refinement: leximin of ``(u_i - d_i) / (eta_i - d_i)``."""
    return leximin(prob, d, [e - x for e, x in zip(ideal, d)], "leximin_kalai_smorodinsky")


def ideal_point_ir(prob: BargainingProblem, d: Vector) -> tuple[Vector, list[LPResult]]:
    """The ideal point over the individually rational part of B: max E(u_i|pi) over IC pi with E(u|pi) >= d."""
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    vals, lps = [], []
    for i in range(len(prob.agents)):
        lp = solve_problem(LPProblem.make(list(rows[i]), list(A_ub) + [[-x for x in r] for r in rows],
                                          list(b_ub) + [-x for x in d], A_eq, b_eq, maximize=True))
        vals.append(lp.value)
        lps.append(lp)
    return tuple(vals), lps
