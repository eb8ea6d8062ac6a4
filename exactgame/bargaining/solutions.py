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

from ..display.mixin import Displayable
from ..certificates import Certificate
from ..errors import InternalError
from ..geometry import Polytope
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..numbers import fmt, Vector
from .bargaining_set import BargainingSet, _constraints, maximize_over_ic, payoff_rows, structure_from_x
from .model import BargainingProblem, Structure
from .nash_bargaining import NashCertificate, nash_point

__all__ = ["Solution", "NashCertificate", "ideal_point", "ideal_point_ir", "egalitarian", "kalai_smorodinsky", "leximin",
           "leximin_kalai_smorodinsky", "nash", "pareto_frontier", "pareto_test", "ParetoTest"]



@dataclass(frozen=True)
class ParetoTest:
    """The exact Pareto test of a rational point u* in B (:func:`pareto_test`).

    The LP max sum_i E(u_i | pi) - sum_i u*_i over IC ``pi`` with E(u | pi) >= u*: ``efficient`` iff
    the gain is 0; otherwise ``point`` (with ``structure``) Pareto-dominates u*. ``lp`` certifies it
    (an infeasible LP, ``gain`` 0 and ``efficient`` False, means u* is not in B).

    Attributes
    ----------
    efficient : bool
        No IC structure gives everyone at least u* and someone more.
    gain : Fraction
        The LP's optimum minus sum_i u*_i (0 when efficient or infeasible).
    point, structure : Vector and Structure, or None
        A dominating payoff vector and an IC structure attaining it (when not efficient).
    lp : LPResult or None
        The certified LP.

    >>> from exactgame.bargaining.examples import election
    >>> t = pareto_test(election(), [Fraction(1), Fraction(1)])
    >>> t.efficient, t.gain, t.point
    (False, Fraction(2, 5), (Fraction(6, 5), Fraction(6, 5)))
    """

    efficient: bool
    gain: Fraction
    point: Vector | None
    structure: Structure | None
    lp: LPResult | None


@dataclass(frozen=True, repr=False)
class Solution(Displayable):
    """A payoff vector, an IC structure attaining it, and the certificate of its optimality.

    ``pareto`` is the exact efficiency test in B (None when not tested, e.g. an irrational point
    whose efficiency follows from the certificate instead, as the ``note`` says).

    Attributes
    ----------
    name : str
        Which solution (``"egalitarian"``, ``"kalai_smorodinsky"``, ``"nash"``, ...).
    payoff : Vector or None
        One payoff per agent (sympy numbers for an algebraic Nash point); None if there is none.
    structure : Structure or None
        An IC structure attaining ``payoff`` (for an algebraic Nash point: one attaining a rational
        point within the certificate's distance).
    certificate : Certificate or None
        The LP or KKT certificate of optimality (None when the answer is d by definition).
    note : str
        What the number means (t*, why it equals d, a dominating point, ...).
    pareto : ParetoTest or None
        The exact efficiency test in B.

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> sol = egalitarian(prob, prob.disagreement())
    >>> sol.payoff, sol.note, sol.pareto_efficient
    ((Fraction(6, 5), Fraction(6, 5)), 't* = 1/10', None)
    >>> with_pareto(sol, prob).pareto_efficient
    True
    """

    name: str
    payoff: Vector | None
    structure: Structure | None
    certificate: Certificate | None
    note: str = ""
    pareto: ParetoTest | None = None

    @property
    def pareto_efficient(self) -> bool | None:
        """The Pareto test's verdict, or None when not tested."""
        return None if self.pareto is None else self.pareto.efficient


def pareto_test(prob: BargainingProblem, u: Sequence[Fraction]) -> ParetoTest:
    """Exact Pareto-efficiency test of the rational point ``u`` in B.

    Solves max sum_i E(u_i | pi) over IC pi with E(u_i | pi) >= u_i for every agent (a certified
    LP); ``u`` is efficient in B iff the optimum equals sum_i u_i.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    u : sequence of Fraction
        One exact payoff per agent.

    Returns
    -------
    ParetoTest
        The verdict, the gain, a dominating point and structure when there is one, and the LP
        (infeasible when ``u`` is not dominated by any point of B, e.g. outside it: then not efficient).

    >>> from exactgame.bargaining.examples import election
    >>> pareto_test(election(), [Fraction(6, 5), Fraction(6, 5)]).efficient
    True
    """
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    c = [sum(r[k] for r in rows) for k in range(len(rows[0]))]
    lp = solve_problem(LPProblem.make(c, list(A_ub) + [[-x for x in r] for r in rows], list(b_ub) + [-x for x in u],
                                      A_eq, b_eq, maximize=True))
    if lp.status != "optimal":  # u is not in B
        return ParetoTest(False, Fraction(0), None, None, lp)
    value, x = _optimum(lp, "pareto_test")
    gain = value - sum(u)
    if gain == 0:
        return ParetoTest(True, gain, None, None, lp)
    pi = structure_from_x(prob, x)
    return ParetoTest(False, gain, tuple(prob.payoff(pi)), pi, lp)


def _optimum(lp: LPResult, what: str) -> tuple[Fraction, Vector]:
    """The optimal value and point of an LP known to be optimal; InternalError if either is missing."""
    if lp.value is None or lp.x is None:  # pragma: no cover - every caller's LP is feasible and bounded
        raise InternalError(f"{what}: the LP is {lp.status}, where an optimum exists")
    return lp.value, lp.x


def with_pareto(sol: Solution, prob: BargainingProblem) -> Solution:
    """``sol`` with its exact Pareto test in B (rational points only).

    Parameters
    ----------
    sol : Solution
        A solution; one without a payoff or with an irrational payoff is returned unchanged.
    prob : BargainingProblem
        The problem.

    Returns
    -------
    Solution
        ``sol`` with ``pareto`` set (:func:`pareto_test`) and, when a point dominates it, the
        note extended with "not Pareto efficient in B: (...) dominates it".

    >>> from exactgame.bargaining.examples import election
    >>> sol = with_pareto(Solution("d", (Fraction(1), Fraction(1)), None, None), election())
    >>> sol.pareto_efficient, sol.note
    (False, 'not Pareto efficient in B: (6/5, 6/5) dominates it')
    """
    if sol.payoff is None or not all(isinstance(x, Fraction) for x in sol.payoff):
        return sol
    test = pareto_test(prob, sol.payoff)
    note = sol.note
    if not test.efficient and test.point is not None:
        extra = "not Pareto efficient in B: (" + ", ".join(str(x) for x in test.point) + ") dominates it"
        note = f"{note}; {extra}" if note else extra
    return replace(sol, pareto=test, note=note)


def ideal_point(prob: BargainingProblem) -> tuple[Vector, list[LPResult]]:
    """The ideal point: eta_i = max over IC structures pi of E(u_i | pi), for each agent.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.

    Returns
    -------
    tuple
        ``(eta, lps)``: the ideal point (one Fraction per agent) and each agent's certified LP.

    >>> from exactgame.bargaining.examples import election
    >>> ideal_point(election())[0]
    (Fraction(8, 5), Fraction(8, 5))
    """
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
    value, x = _optimum(lp, name)
    pi = structure_from_x(prob, x[:m])
    return Solution(name, prob.payoff(pi), pi, lp.certificate, f"t* = {fmt(value)}")


def egalitarian(prob: BargainingProblem, d: Vector) -> Solution:
    """The egalitarian solution: the largest t with E(u_i | pi) - d_i = t for every agent, over IC pi.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs (the ray's origin).

    Returns
    -------
    Solution
        The point d + t* (1, ..., 1), a structure attaining it, the LP certificate, and the note
        ``t* = ...`` (no Pareto test: :func:`with_pareto` adds it).

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> egalitarian(prob, prob.disagreement()).payoff
    (Fraction(6, 5), Fraction(6, 5))
    """
    return _ray_solution(prob, d, [Fraction(1)] * len(prob.agents), "egalitarian")


def kalai_smorodinsky(prob: BargainingProblem, d: Vector, ideal: Vector, name: str = "kalai_smorodinsky") -> Solution:
    """The Kalai-Smorodinsky solution: the largest t with E(u_i | pi) - d_i = t (eta_i - d_i), over IC pi.

    The answer is d itself when eta = d. Pass the ideal point of :func:`ideal_point_ir` for the
    variant over the individually rational part of B.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs.
    ideal : Vector
        The ideal point eta (from :func:`ideal_point` or :func:`ideal_point_ir`).
    name : str, optional
        The solution's name (default ``"kalai_smorodinsky"``).

    Returns
    -------
    Solution
        The point, a structure attaining it, the LP certificate (None when eta = d) and a note.

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> sol = kalai_smorodinsky(prob, prob.disagreement(), ideal_point(prob)[0])
    >>> sol.payoff, sol.note
    ((Fraction(6, 5), Fraction(6, 5)), 't* = 1/5')
    """
    if all(e == x for e, x in zip(ideal, d)):
        return Solution(name, tuple(d), prob.disagreement_structure(), None,
                        "the ideal point equals d: nobody can gain")
    return _ray_solution(prob, d, [e - x for e, x in zip(ideal, d)], name)


def pareto_frontier(B: BargainingSet) -> list[Polytope]:
    """The Pareto facets of B: the facets whose outer normal is strictly positive.

    Parameters
    ----------
    B : BargainingSet
        The bargaining set.

    Returns
    -------
    list of Polytope
        One facet per inequality ``a . u <= b`` of B with every ``a_i > 0``, in the order of
        ``B.polytope.inequalities``.

    >>> from exactgame.bargaining.bargaining_set import bargaining_set
    >>> from exactgame.bargaining.examples import election
    >>> [[tuple(map(str, v)) for v in F.vertices] for F in pareto_frontier(bargaining_set(election()))]
    [[('7/10', '8/5'), ('6/5', '6/5')], [('6/5', '6/5'), ('8/5', '7/10')]]
    """
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

    from .nash_bargaining import nash_point_local

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
    first one found is dominated.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    B : BargainingSet or None
        The bargaining set, or None to grow only the face that holds the point.
    d : Vector
        The disagreement payoffs.
    weights : sequence of numbers, optional
        alpha, one nonnegative weight per agent, not all zero (default all 1).

    Returns
    -------
    Solution
        The Nash point (Fractions, or sympy numbers when it is irrational), a structure, the
        certificate (:class:`~.nash_bargaining.NashCertificate`,
        :class:`~.nash_bargaining.AlgebraicNashCertificate` or
        :class:`~.nash_bargaining.NashDisagreementCertificate`), a note and, for a rational point,
        the Pareto test. A point the floating-point proposal cannot reach has payoff None and a
        note saying why.

    Raises
    ------
    InputError
        Weights that are negative, all zero or not one per agent.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> sol = nash(prob, None, prob.disagreement())
    >>> sol.payoff, sol.certificate.kind, sol.pareto_efficient
    ((Fraction(1, 3), Fraction(1, 1)), 'nash-bargaining', True)
    """
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
    ``scale_i = 0`` are held at ``u_i >= d_i``.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs.
    scale : sequence of Fraction, optional
        Nonnegative divisors of the gains, one per agent (default all 1).
    name : str, optional
        The solution's name (default ``"leximin"``).

    Returns
    -------
    Solution
        The leximin point with a structure, the last LP's certificate, the Pareto test and a note
        listing the gains over d.

    Here B is the triangle (0, 0), (1, 1/2), (0, 1/2): the egalitarian point stops at (1/2, 1/2),
    where agent B is blocked, and leximin goes on to raise agent A.

    >>> prob = BargainingProblem.make(["w"], [1], ["x", "y", "z"], ["A", "B"],
    ...     {"receiver": {"w": [0, 0, 0]}, "A": {"w": [0, 0, 1]}, "B": {"w": [0, "1/2", "1/2"]}}, "no-information")
    >>> d = prob.disagreement()
    >>> egalitarian(prob, d).payoff, leximin(prob, d).payoff
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 1), Fraction(1, 2)))
    """
    n = len(prob.agents)
    sc = [Fraction(1)] * n if scale is None else [Fraction(x) for x in scale]
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    m = len(rows[0])
    zero, one = Fraction(0), Fraction(1)
    fixed: dict[int, Fraction] = {i: zero for i in range(n) if sc[i] == 0}
    last = None
    pi = prob.disagreement_structure()

    def floor(j: int) -> Fraction:
        return d[j] + fixed[j] * sc[j]

    while len(fixed) < n:
        free = [i for i in range(n) if i not in fixed]
        # max t: gain_i >= t scale_i (free), u_j >= d_j + level_j scale_j (fixed); t = t+ - t-
        c = [zero] * m + [one, -one]
        ub = [r + [zero, zero] for r in A_ub]
        ub += [[-x for x in rows[i]] + [sc[i], -sc[i]] for i in free]
        ub += [[-x for x in rows[j]] + [zero, zero] for j in fixed]
        bub = list(b_ub) + [-d[i] for i in free] + [-floor(j) for j in fixed]
        lp = solve_problem(LPProblem.make(c, ub, bub, [r + [zero, zero] for r in A_eq], b_eq, maximize=True))
        t, x = _optimum(lp, name)
        last = lp
        pi = structure_from_x(prob, x[:m])
        newly = []
        for i in free:
            others = [j for j in free if j != i]
            ub2 = list(A_ub) + [[-x for x in rows[j]] for j in others + list(fixed)]
            b2 = list(b_ub) + [-(d[j] + t * sc[j]) for j in others] + [-floor(j) for j in fixed]
            r2 = solve_problem(LPProblem.make(list(rows[i]), ub2, b2, A_eq, b_eq, maximize=True))
            if _optimum(r2, name)[0] <= d[i] + t * sc[i]:
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
    """The lexicographic Kalai-Smorodinsky refinement: leximin of ``(u_i - d_i) / (eta_i - d_i)``.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs.
    ideal : Vector
        The ideal point eta.

    Returns
    -------
    Solution
        :func:`leximin` with ``scale = eta - d``, named ``"leximin_kalai_smorodinsky"``.

    >>> from exactgame.bargaining.examples import three_parties
    >>> prob = three_parties()
    >>> d = prob.disagreement()
    >>> sol = leximin_kalai_smorodinsky(prob, d, ideal_point(prob)[0])
    >>> sol.note
    'lexicographic maximin of the gains over d scaled by eta - d: 19/83, 304/581, 152/83'
    """
    return leximin(prob, d, [e - x for e, x in zip(ideal, d)], "leximin_kalai_smorodinsky")


def ideal_point_ir(prob: BargainingProblem, d: Vector) -> tuple[Vector, list[LPResult]]:
    """The ideal point over the individually rational part of B.

    eta^IR_i = max E(u_i | pi) over IC pi with E(u_j | pi) >= d_j for every agent j.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs (attained by pi_0, so every LP is feasible).

    Returns
    -------
    tuple
        ``(eta_ir, lps)``: one Fraction per agent and each agent's certified LP.

    >>> from exactgame.bargaining.examples import three_parties
    >>> prob = three_parties()
    >>> ideal_point_ir(prob, prob.disagreement())[0], ideal_point(prob)[0]
    ((Fraction(9, 10), Fraction(9, 16), Fraction(-39, 32)), (Fraction(9, 10), Fraction(3, 5), Fraction(-7, 20)))
    """
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    vals: list[Fraction] = []
    lps: list[LPResult] = []
    for i in range(len(prob.agents)):
        lp = solve_problem(LPProblem.make(list(rows[i]), list(A_ub) + [[-x for x in r] for r in rows],
                                          list(b_ub) + [-x for x in d], A_eq, b_eq, maximize=True))
        vals.append(_optimum(lp, "ideal_point_ir")[0])
        lps.append(lp)
    return tuple(vals), lps
