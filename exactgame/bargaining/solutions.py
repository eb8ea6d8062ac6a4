r"""Bargaining solutions on the bargaining set (002_b82d6ff4761a0a82.txt, Section 4).

* **ideal point** :math:`\eta_i = \max_\Pi E(u_i|\pi)`;
* **egalitarian**: the largest ``t`` with :math:`u_i - d_i = t` for all ``i`` (an LP);
* **Kalai-Smorodinsky**: the largest ``t`` with :math:`u_i - d_i = t(\eta_i - d_i)` (an LP);
* **(weighted) Nash**: the maximizer of :math:`\prod_i (u_i - d_i)^{\alpha_i}` over
  :math:`\mathcal{B}\cap\{u \ge d\}`. On a facet ``a . u = b`` with normal ``a > 0`` the
  first-order conditions give :math:`u_i - d_i = \alpha_i (b - a\cdot d) / (a_i \sum_j\alpha_j)`,
  a rational point; otherwise the optimum is at a vertex (always so in the plane,
  where faces are edges and vertices). The certificate is the KKT condition checked
  exactly: the gradient :math:`g_i = \alpha_i/(u_i - d_i)` of the log-product satisfies
  :math:`g\cdot v \le g\cdot u^*` at every vertex ``v`` of :math:`\mathcal{B}`, which for a concave
  objective over a convex set proves optimality. With three or more agents the optimum
  may lie inside a lower-dimensional face where it can be irrational; that case is
  reported as not computed.

Every point comes with an IC structure attaining it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..certificates import Certificate, decode_vector, dot, encode, require
from ..errors import CertificateError
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..numbers import to_vector
from .bargaining_set import BargainingSet, _constraints, maximize_over_ic, payoff_rows, structure_from_x
from .model import BargainingProblem, Structure

__all__ = ["Solution", "NashCertificate", "ideal_point", "egalitarian", "kalai_smorodinsky", "nash", "pareto_frontier"]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class Solution:
    """A payoff vector, an IC structure attaining it, and the certificate of its optimality."""

    name: str
    payoff: Vector | None
    structure: Structure | None
    certificate: Certificate | None
    note: str = ""


@dataclass(frozen=True)
class NashCertificate(Certificate):
    """KKT for max sum_i alpha_i log(u_i - d_i) over conv(vertices): g . v <= g . u* for all vertices."""

    kind = "nash-bargaining"
    vertices: tuple[Vector, ...]
    d: Vector
    weights: Vector
    point: Vector

    def _check(self) -> None:
        gaps = [u - x for u, x in zip(self.point, self.d)]
        require(all(g > 0 for g in gaps), "nash: the point does not improve on d for every agent")
        g = [a / gap for a, gap in zip(self.weights, gaps)]
        top = dot(g, self.point)
        for v in self.vertices:
            require(dot(g, v) <= top, f"nash: the vertex {v} improves the log Nash product to first order")

    def _data(self):
        return {"vertices": encode(self.vertices), "d": encode(self.d), "weights": encode(self.weights), "point": encode(self.point)}

    @classmethod
    def _from_data(cls, d):
        return cls(tuple(decode_vector(v, "vertices") for v in d["vertices"]), decode_vector(d["d"], "d"),
                   decode_vector(d["weights"], "weights"), decode_vector(d["point"], "point"))


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
    return Solution(name, prob.payoff(pi), pi, lp.certificate, f"t* = {lp.value}")


def egalitarian(prob: BargainingProblem, d: Vector) -> Solution:
    """Equal gains over d, as large as possible."""
    return _ray_solution(prob, d, [Fraction(1)] * len(prob.agents), "egalitarian")


def kalai_smorodinsky(prob: BargainingProblem, d: Vector, ideal: Vector) -> Solution:
    """Gains proportional to eta - d, as large as possible (d itself when eta = d)."""
    if all(e == x for e, x in zip(ideal, d)):
        return Solution("kalai_smorodinsky", tuple(d), prob.disagreement_structure(), None,
                        "the ideal point equals d: nobody can gain")
    return _ray_solution(prob, d, [e - x for e, x in zip(ideal, d)], "kalai_smorodinsky")


def pareto_frontier(B: BargainingSet) -> list:
    """The faces of B exposed by a strictly positive normal: its facets with positive normals and
    the vertices and lower faces they contain (as Polytopes)."""
    P = B.polytope
    facets = [P.support(a)[1] for a, _ in P.inequalities if all(x > 0 for x in a)]
    return facets


def nash(prob: BargainingProblem, B: BargainingSet, d: Vector, weights: Sequence[Any] | None = None) -> Solution:
    """The (weighted) Nash bargaining solution with its KKT certificate (see the module doc)."""
    n = len(prob.agents)
    alpha = to_vector(weights, where="nash: weights") if weights is not None else (Fraction(1),) * n
    P = B.polytope
    cands = [v for v in P.vertices if all(x > y for x, y in zip(v, d))]
    for a, b in P.inequalities:
        if all(x > 0 for x in a):
            c = b - dot(a, d)
            if c > 0:
                pt = tuple(y + alpha[i] * c / (a[i] * sum(alpha)) for i, y in enumerate(d))
                if P.contains(pt):
                    cands.append(pt)
    if not cands:
        return Solution("nash", tuple(d), prob.disagreement_structure(), None,
                        "no point of B improves on d for every agent: the Nash solution is d")

    def logprod_key(u):  # compare products of (u_i - d_i)^alpha_i exactly via integer powers
        den = 1
        for x in alpha:
            den = den * x.denominator
        prod = Fraction(1)
        for x, y, w in zip(u, d, alpha):
            prod *= (x - y) ** int(w * den)
        return prod

    best = max(cands, key=logprod_key)
    cert = NashCertificate(P.vertices, tuple(d), alpha, best)
    try:
        cert.verify()
    except CertificateError:  # the optimum is inside a lower-dimensional face (n >= 3)
        algebraic = _nash_on_edges(P, tuple(d), alpha)
        if algebraic is None:
            return Solution("nash", None, None, None,
                            "the Nash point lies inside a face of dimension >= 2 that is not a facet; not computed")
        return algebraic
    # an IC structure attaining the point: a convex combination of the vertices' structures
    structure = _structure_for_point(prob, B, best)
    return Solution("nash", best, structure, cert)


@dataclass(frozen=True)
class AlgebraicNashCertificate(Certificate):
    """KKT at an algebraic point of an edge ``[v, w]`` of B: the point is ``v + t (w - v)`` with ``t``
    the unique root of a rational polynomial in a rational isolating interval. The check rebuilds
    ``t`` exactly (sympy) and decides the signs of ``u* - d`` and of ``g . (x - u*)`` at every vertex
    ``x`` exactly (sympy's algebraic-number arithmetic)."""

    kind = "nash-bargaining-algebraic"
    vertices: tuple[Vector, ...]
    d: Vector
    weights: Vector
    edge: tuple[Vector, Vector]
    polynomial: Vector  # coefficients, highest degree first
    interval: tuple[Fraction, Fraction]

    def root(self):
        import sympy as sp

        t = sp.symbols("t")
        poly = sp.Poly([sp.Rational(c.numerator, c.denominator) for c in self.polynomial], t, domain="QQ")
        lo, hi = (sp.Rational(x.numerator, x.denominator) for x in self.interval)
        roots = [r for r in sp.real_roots(poly) if (r - lo).is_nonnegative and (hi - r).is_nonnegative]
        require(len(roots) == 1, "nash: the interval does not isolate one root of the polynomial")
        return roots[0]

    def point(self) -> tuple:
        import sympy as sp

        t = self.root()
        v, w = self.edge
        q = lambda x: sp.Rational(x.numerator, x.denominator)
        return tuple(sp.nsimplify(q(a) + t * (q(b) - q(a))) for a, b in zip(v, w))

    def _check(self) -> None:
        import sympy as sp

        q = lambda x: sp.Rational(x.numerator, x.denominator)
        t = self.root()
        require(t.is_positive and (1 - t).is_positive, "nash: the root is not inside the edge")
        require(self.edge[0] in self.vertices and self.edge[1] in self.vertices, "nash: the edge's ends are not vertices of B")
        point = self.point()
        gaps = [p - q(x) for p, x in zip(point, self.d)]
        require(all(sp.simplify(g).is_positive for g in gaps), "nash: the point does not improve on d for every agent")
        grad = [q(a) / g for a, g in zip(self.weights, gaps)]
        for v in self.vertices:
            slack = sp.simplify(sum(gi * (q(vi) - ui) for gi, vi, ui in zip(grad, v, point)))
            require(slack == 0 or slack.is_nonpositive is True, f"nash: the vertex {v} improves the Nash product to first order")

    def _data(self):
        return {"vertices": encode(self.vertices), "d": encode(self.d), "weights": encode(self.weights),
                "edge": encode(self.edge), "polynomial": encode(self.polynomial), "interval": encode(self.interval),
                "point_text": [str(x) for x in self.point()]}

    @classmethod
    def _from_data(cls, data):
        rows = lambda key: tuple(decode_vector(v, key) for v in data[key])
        return cls(rows("vertices"), decode_vector(data["d"], "d"), decode_vector(data["weights"], "weights"),
                   tuple(rows("edge")), decode_vector(data["polynomial"], "polynomial"),
                   tuple(decode_vector(data["interval"], "interval")))


def _nash_on_edges(P, d: Vector, alpha: Vector) -> Solution | None:
    """The Nash point on an edge of B: the derivative of sum alpha_i log(u_i - d_i) along the edge
    is a rational function whose numerator has exact real roots (sympy algebraic numbers)."""
    import sympy as sp

    t = sp.symbols("t")
    best = None
    for edge in P.faces(1):
        v, w = edge.vertices
        c = [sp.Rational((a - b).numerator, (a - b).denominator) for a, b in zip(v, d)]
        delta = [sp.Rational((b - a).numerator, (b - a).denominator) for a, b in zip(v, w)]
        num = sum(sp.Rational(al.numerator, al.denominator) * delta[i] *
                  sp.prod([c[j] + t * delta[j] for j in range(len(c)) if j != i]) for i, al in enumerate(alpha))
        poly = sp.Poly(sp.expand(num), t, domain="QQ")
        if poly.is_zero:
            continue
        for (lo, hi), _ in poly.intervals():
            root = [r for r in sp.real_roots(poly) if (r - lo).is_nonnegative and (hi - r).is_nonnegative]
            if len(root) != 1 or not (root[0].is_positive and (1 - root[0]).is_positive):
                continue
            point = [sp.Rational(a.numerator, a.denominator) + root[0] * dl for a, dl in zip(v, delta)]
            gaps = [p - x for p, x in zip(point, d)]
            if not all(sp.simplify(g).is_positive for g in gaps):
                continue
            value = sum(float(al) * float(sp.log(g).evalf(30)) for al, g in zip(alpha, gaps))  # float-ok: ranks candidates; the KKT certificate decides
            coeffs = tuple(Fraction(int(sp.fraction(x)[0]), int(sp.fraction(x)[1])) for x in poly.all_coeffs())
            interval = (Fraction(int(sp.fraction(lo)[0]), int(sp.fraction(lo)[1])), Fraction(int(sp.fraction(hi)[0]), int(sp.fraction(hi)[1])))
            if best is None or value > best[0]:
                best = (value, (v, w), coeffs, interval)
    if best is None:
        return None
    cert = AlgebraicNashCertificate(P.vertices, d, alpha, best[1], best[2], best[3])
    try:
        cert.verify()
    except CertificateError:  # not optimal over B: the optimum is elsewhere
        return None
    return Solution("nash", cert.point(), None, cert, "algebraic point on an edge of B (exact, sympy); structure not computed")


def _structure_for_point(prob: BargainingProblem, B: BargainingSet, point: Vector) -> Structure:
    verts = list(B.structures)
    from ..geometry.lp import solve_lp

    r = solve_lp([0] * len(verts), A_eq=[[v[i] for v in verts] for i in range(len(point))] + [[1] * len(verts)],
                 b_eq=list(point) + [1])
    mix: Structure = {w: {} for w in prob.states}
    for lam, v in zip(r.x, verts):
        if lam:
            for w, row in B.structures[v].items():
                for a, q in row.items():
                    mix[w][a] = mix[w].get(a, Fraction(0)) + lam * q
    return mix
