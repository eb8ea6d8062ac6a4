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

from ..errors import CertificateError, InputError
from ..geometry import Polytope
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..games.obedience import obedience_system
from .model import BargainingProblem, Structure
from ..numbers import Vector

__all__ = ["ic_lp", "maximize_over_ic", "BargainingSet", "bargaining_set", "structure_from_x"]



def _constraints(prob: BargainingProblem):
    """(A_ub, b_ub, A_eq, b_eq) of the IC polytope over pi(a | w), state-major."""
    A_ub, _, A_eq, b_eq = obedience_system(prob.prior, prob.states, prob.receiver)
    return A_ub, [Fraction(0)] * len(A_ub), A_eq, b_eq


def payoff_rows(prob: BargainingProblem) -> list[list[Fraction]]:
    """Row i: the coefficients of E(u_i | pi) in the variables pi(a | w) (state-major)."""
    return [[prob.prior[t] * prob.payoffs[i][w][j] for t, w in enumerate(prob.states) for j in range(len(prob.actions))]
            for i in prob.agents]


def ic_lp(prob: BargainingProblem, weights: Sequence[Fraction]) -> LPProblem:
    """max sum_i weights_i E(u_i | pi) over the IC polytope."""
    rows = payoff_rows(prob)
    c = [sum(w * r[k] for w, r in zip(weights, rows)) for k in range(len(rows[0]))]
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    return LPProblem.make(c, A_ub, b_ub, A_eq, b_eq, maximize=True)


def structure_from_x(prob: BargainingProblem, x: Sequence[Fraction]) -> Structure:
    nA = len(prob.actions)
    return {w: {a: x[t * nA + j] for j, a in enumerate(prob.actions) if x[t * nA + j]} for t, w in enumerate(prob.states)}


def maximize_over_ic(prob: BargainingProblem, weights: Sequence[Fraction]) -> tuple[Fraction, Structure, Vector, LPResult]:
    """(max value, a maximizing IC structure, its payoff vector, the certified LP)."""
    r = solve_problem(ic_lp(prob, weights))
    if r.status != "optimal":  # pragma: no cover - full information is IC, the set is bounded
        raise InputError(f"the IC polytope LP is {r.status}")
    pi = structure_from_x(prob, r.x)
    return r.value, pi, prob.payoff(pi), r


@dataclass(frozen=True)
class BargainingSet:
    """B as an exact polytope, with an IC structure for each vertex and an LP certificate per facet."""

    problem: BargainingProblem = field(repr=False)
    polytope: Polytope
    structures: dict  # vertex -> IC structure attaining it
    facet_certificates: tuple  # (a, b, LPResult) proving max a.u over Pi equals b
    lp_calls: int

    def verify(self) -> bool:
        for a, b, r in self.facet_certificates:
            r.certificate.verify()
            if r.problem != ic_lp(self.problem, a) or r.value != b:
                raise CertificateError("bargaining set: a facet certificate does not match its facet")
        for v, pi in self.structures.items():
            if self.problem.ic_violation(pi) or self.problem.payoff(pi) != v:
                raise CertificateError("bargaining set: a vertex's structure is not IC or does not attain it")
        return True


def bargaining_set(prob: BargainingProblem) -> BargainingSet:
    """B by hull growing with the LP oracle (see the module doc)."""
    n = len(prob.agents)
    found: dict[Vector, Structure] = {}
    calls = 0

    def probe(a):
        nonlocal calls
        calls += 1
        val, pi, u, r = maximize_over_ic(prob, a)
        found.setdefault(u, pi)
        return val, u, r

    for i in range(n):
        for sgn in (1, -1):
            probe([Fraction(sgn * int(k == i)) for k in range(n)])
    certs = {}
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
