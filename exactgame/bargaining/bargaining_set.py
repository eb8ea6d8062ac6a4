r"""The IC polytope and the bargaining set (002_b82d6ff4761a0a82.txt, Sections 2 and 4).

The bargaining set is the image :math:`\mathcal{B} = \{(E(u_i|\pi))_i : \pi \in \Pi\}` of the IC
polytope under the agents' expected payoffs (compact and convex under Assumption 3,
Proposition 5). It is computed **output-sensitively** by growing a hull with an LP
oracle: start from the LP maximizers in the coordinate directions and their negatives;
then, for every facet ``a . u <= b`` of the current hull, maximize ``a . u`` over
:math:`\Pi`; a value above ``b`` adds a new vertex, otherwise the facet is a facet of
:math:`\mathcal{B}` (its LP certificate proves it). The number of LPs is the number of
vertices plus facets of :math:`\mathcal{B}`, not the number of vertices of :math:`\Pi`.

>>> from exactgame.bargaining.examples import election
>>> B = bargaining_set(election())
>>> B.polytope.dim, len(B.polytope.vertices) >= 3
(2, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

from ..errors import CertificateError, InputError, InternalError
from ..geometry import Polytope
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..geometry.polytope import Row
from ..games.obedience import obedience_system
from .model import BargainingProblem, Structure
from ..numbers import Vector

__all__ = ["ic_lp", "maximize_over_ic", "BargainingSet", "bargaining_set", "structure_from_x"]



def _constraints(prob: BargainingProblem):
    """(A_ub, b_ub, A_eq, b_eq) of the IC polytope over pi(a | w), state-major."""
    A_ub, _, A_eq, b_eq = obedience_system(prob.prior, prob.states, prob.receiver)
    return A_ub, [Fraction(0)] * len(A_ub), A_eq, b_eq


def payoff_rows(prob: BargainingProblem) -> list[list[Fraction]]:
    """The agents' expected payoffs as linear forms in the structure's entries.

    The variables are x[t * |A| + j] = pi(a_j | w_t) (state-major, the order of the IC LPs);
    row i holds mu_0(w_t) u_i(a_j, w_t), so E(u_i | pi) = row_i . x (eq. (1)).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.

    Returns
    -------
    list of list of Fraction
        One row of |S| |A| coefficients per agent, in the order of ``prob.agents``.

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> [[str(c) for c in row] for row in payoff_rows(guessing_agents())]
    [['1', '0', '0', '1/2'], ['1', '0', '0', '1/2']]
    """
    return [[prob.prior[t] * prob.payoffs[i][w][j] for t, w in enumerate(prob.states) for j in range(len(prob.actions))]
            for i in prob.agents]


def ic_lp(prob: BargainingProblem, weights: Sequence[Fraction]) -> LPProblem:
    """The LP max_pi sum_i weights_i E(u_i | pi) over the IC polytope Pi.

    Variables as in :func:`payoff_rows`; ``A_ub`` holds the obedience constraints (one row per
    ordered pair of distinct actions, ``<= 0``), ``A_eq`` the row sums sum_a pi(a | w) = 1, and
    :class:`~exactgame.geometry.lp.LPProblem` keeps x >= 0.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    weights : sequence of Fraction
        One weight per agent (any sign).

    Returns
    -------
    LPProblem
        A maximisation problem; the same weights always give an equal problem (certificates compare it).

    >>> from exactgame.bargaining.examples import election
    >>> from exactgame.geometry.lp import solve_problem
    >>> solve_problem(ic_lp(election(), [1, 1])).value
    Fraction(12, 5)
    """
    rows = payoff_rows(prob)
    c = [sum(w * r[k] for w, r in zip(weights, rows)) for k in range(len(rows[0]))]
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    return LPProblem.make(c, A_ub, b_ub, A_eq, b_eq, maximize=True)


def structure_from_x(prob: BargainingProblem, x: Sequence[Fraction]) -> Structure:
    """Read an LP point back as an information structure.

    Parameters
    ----------
    prob : BargainingProblem
        The problem whose states and actions index ``x``.
    x : sequence of Fraction
        At least |S| |A| entries, x[t * |A| + j] = pi(a_j | w_t); further entries (auxiliary LP
        variables) are ignored.

    Returns
    -------
    Structure
        ``{state: {action: probability}}`` without zero entries (not checked to be IC).

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> structure_from_x(guessing_agents(), [1, 0, 0, 1])
    {'w1': {'a1': 1}, 'w2': {'a2': 1}}
    """
    nA = len(prob.actions)
    return {w: {a: x[t * nA + j] for j, a in enumerate(prob.actions) if x[t * nA + j]} for t, w in enumerate(prob.states)}


def maximize_over_ic(prob: BargainingProblem, weights: Sequence[Fraction]) -> tuple[Fraction, Structure, Vector, LPResult]:
    """Maximise the weighted payoff sum_i weights_i E(u_i | pi) over IC structures, exactly.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    weights : sequence of Fraction
        One weight per agent (any sign).

    Returns
    -------
    tuple
        ``(value, pi, u, lp)``: the maximum, a maximising IC structure, its payoff vector E(u | pi)
        and the certified :class:`~exactgame.geometry.lp.LPResult` of :func:`ic_lp`.

    Raises
    ------
    InputError
        If the LP is not optimal (cannot happen: full information is IC and Pi is bounded).

    >>> from exactgame.bargaining.examples import election
    >>> value, pi, u, lp = maximize_over_ic(election(), [1, 0])
    >>> value, u
    (Fraction(8, 5), (Fraction(8, 5), Fraction(7, 10)))
    """
    r = solve_problem(ic_lp(prob, weights))
    if r.status != "optimal":  # pragma: no cover - full information is IC, the set is bounded
        raise InputError(f"the IC polytope LP is {r.status}")
    if r.value is None or r.x is None:  # pragma: no cover - an optimal LPResult has both
        raise InternalError("maximize_over_ic: an optimal LP without its value or point")
    pi = structure_from_x(prob, r.x)
    return r.value, pi, prob.payoff(pi), r


@dataclass(frozen=True)
class BargainingSet:
    """The bargaining set B = {E(u | pi) : pi in Pi} as an exact polytope, with its proofs.

    Attributes
    ----------
    problem : BargainingProblem
        The problem B belongs to.
    polytope : Polytope
        B in payoff space (one coordinate per agent, in ``problem.agents`` order).
    structures : dict
        ``{vertex: an IC structure attaining it}`` for every vertex of B.
    facet_certificates : tuple
        ``(a, b, lp)`` per facet ``a . u <= b`` of B: ``lp`` is the certified
        :func:`ic_lp` ``(problem, a)`` with optimum ``b`` (so no IC structure crosses the facet).
    lp_calls : int
        How many LPs the hull growing solved.

    >>> from exactgame.bargaining.examples import election
    >>> B = bargaining_set(election())
    >>> [tuple(map(str, v)) for v in B.polytope.vertices]
    [('7/10', '8/5'), ('1', '1'), ('6/5', '6/5'), ('8/5', '7/10')]
    >>> B.verify()
    True
    """

    problem: BargainingProblem = field(repr=False)
    polytope: Polytope
    structures: dict[Vector, Structure]  # vertex -> IC structure attaining it
    facet_certificates: tuple[tuple[Vector, Fraction, LPResult], ...]  # (a, b, LPResult) proving max a.u over Pi equals b
    lp_calls: int

    def verify(self) -> bool:
        """Re-check every facet's LP certificate and every vertex's structure from the definitions.

        Returns
        -------
        bool
            True; a certificate that fails raises.

        Raises
        ------
        CertificateError
            A facet certificate that is not :func:`ic_lp` at the facet's normal with optimum at its
            offset, or a vertex structure that is not IC or does not attain its vertex.
        """
        for a, b, r in self.facet_certificates:
            r.certificate.verify()
            if r.problem != ic_lp(self.problem, a) or r.value != b:
                raise CertificateError("bargaining set: a facet certificate does not match its facet")
        for v, pi in self.structures.items():
            if self.problem.ic_violation(pi) or self.problem.payoff(pi) != v:
                raise CertificateError("bargaining set: a vertex's structure is not IC or does not attain it")
        return True


def bargaining_set(prob: BargainingProblem) -> BargainingSet:
    """The bargaining set B, grown output-sensitively with an LP oracle (see the module doc).

    Parameters
    ----------
    prob : BargainingProblem
        The problem (any number of agents; the cost is one LP per vertex and facet of B).

    Returns
    -------
    BargainingSet
        B with a structure per vertex and a certified LP per facet.

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> B = bargaining_set(guessing_agents())
    >>> [tuple(map(str, v)) for v in B.polytope.vertices], B.lp_calls
    ([('1/2', '1/2'), ('3/2', '3/2')], 8)
    """
    n = len(prob.agents)
    found: dict[Vector, Structure] = {}
    calls = 0

    def probe(a: Sequence[Fraction]) -> tuple[Fraction, Vector, LPResult]:
        nonlocal calls
        calls += 1
        val, pi, u, r = maximize_over_ic(prob, a)
        found.setdefault(u, pi)
        return val, u, r

    for i in range(n):
        for sgn in (1, -1):
            probe([Fraction(sgn * int(k == i)) for k in range(n)])
    certs: dict[Row, LPResult] = {}
    while True:
        P = Polytope.from_points(list(found))
        directions = [(a, b) for a, b in P.inequalities] + [(e, f) for e, f in P.equations] + \
                     [(tuple(-x for x in e), -f) for e, f in P.equations]
        grew = False
        for a, b in directions:
            if (a, b) in certs:
                continue
            val, u, r = probe(a)
            if val > b:
                grew = True
            else:
                certs[(a, b)] = r
        if not grew:
            break
    P = Polytope.from_points(list(found))
    structures = {v: found[v] for v in P.vertices}
    facets = tuple((a, b, certs[(a, b)]) for a, b in P.inequalities if (a, b) in certs)
    return BargainingSet(prob, P, structures, facets, calls)
