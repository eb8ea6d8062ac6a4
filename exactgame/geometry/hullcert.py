r"""Certificates that a list of points is the vertex set of a (weighted Minkowski sum of) hulls.

The ground set is :math:`F = \sum_s w_s\,\mathrm{conv}(P_s)` with weights :math:`w_s \ge 0`
(one summand with weight 1 is a plain convex hull, e.g. :math:`F_\omega`; the summands
:math:`p(\omega) F_\omega` give :math:`F_p`). The certificate lists the vertices, one
exposing normal per vertex, and the facets and equations of the hull. The check:

1. for each vertex ``v`` with normal ``n``: in every summand the maximizers of ``n . x``
   over :math:`P_s` are one point :math:`x_s`, and :math:`v = \sum_s w_s x_s`. By the
   additivity of support sets (000_2cf035f6c25283ea.txt eq. (6)) ``n`` exposes
   exactly ``v`` in ``F``, so ``v`` is a vertex of ``F``;
2. for each facet ``a . x <= b``: :math:`\sum_s w_s \max_{P_s} a\cdot x = b` (valid for ``F``,
   and attained); for each equation ``e . x = f``: the max and the min of ``e . x`` over
   ``F`` both equal ``f``. Hence ``F`` lies in the listed H-polyhedron;
3. in the plane, completeness: the vertices sorted by angle around their centroid form a
   convex ring whose every edge lies on a listed facet, so the H-polyhedron is
   ``conv(vertices)`` and nothing is missing. (In dimension >= 3, steps 1-2 prove that
   every listed point is a vertex and every listed facet is valid and tight; that no
   vertex is missing rests on cddlib's double description.)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..certificates import Certificate, decode_matrix, decode_vector, dot, encode, require, show
from ..errors import TooLargeError
from ..numbers import to_fraction, Vector
from .polytope import Polytope

__all__ = ["HullCertificate", "hull_certificate", "MAX_CERTIFIED_VERTICES"]



@dataclass(frozen=True)
class HullCertificate(Certificate):
    """``vertices`` are the vertices of ``sum_s weights[s] * conv(summands[s])`` (module doc).

    Each vertex v has a normal n exposing exactly one point x_s of every summand with positive
    weight, and v = sum_s w_s x_s; each facet (a, b) satisfies max_{x in P} a . x = b, i.e.
    sum_s w_s max_{x in P_s} a . x = b (valid and tight); each equation holds with both signs.
    In the plane the vertices must form a strictly convex polygon whose every edge lies on a
    listed facet, so no vertex is missing.

    >>> F = Fraction
    >>> sq = ((F(0), F(0)), (F(1), F(0)), (F(0), F(1)), (F(1), F(1)))
    >>> cert = hull_certificate(Polytope.from_points(sq), [sq])
    >>> len(cert.vertices), len(cert.facets), cert.verify()
    (4, 4, True)
    """

    kind = "convex-hull"
    weights: Vector
    summands: tuple[tuple[Vector, ...], ...]
    vertices: tuple[Vector, ...]
    normals: tuple[Vector, ...]
    facets: tuple[tuple[Vector, Fraction], ...]
    equations: tuple[tuple[Vector, Fraction], ...]

    def _support(self, n: Sequence[Fraction], sign: int = 1) -> Fraction:
        return sum((w * max(sign * dot(n, x) for x in P) for w, P in zip(self.weights, self.summands) if w), Fraction(0)) * sign

    def _check(self) -> None:
        require(len(self.weights) == len(self.summands), "convex-hull: one weight per summand")
        require(all(w >= 0 for w in self.weights), "convex-hull: weights must be nonnegative")
        require(all(P for P in self.summands), "convex-hull: a summand has no points")
        require(len(self.normals) == len(self.vertices), "convex-hull: one exposing normal per vertex")
        require(len(set(self.vertices)) == len(self.vertices), "convex-hull: repeated vertex")
        d = len(self.summands[0][0])
        for v, n in zip(self.vertices, self.normals):
            total = [Fraction(0)] * d
            for w, P in zip(self.weights, self.summands):
                if not w:
                    continue
                vals = [dot(n, x) for x in P]
                top = max(vals)
                arg = {x for x, h in zip(P, vals) if h == top}
                require(len(arg) == 1, f"convex-hull: the normal of {show(v)} does not expose a single point of every summand")
                (x,) = arg
                for i in range(d):
                    total[i] += w * x[i]
            require(tuple(total) == tuple(v), f"convex-hull: {show(v)} is not the sum of the exposed points")
        for a, b in self.facets:
            require(self._support(a) == b, f"convex-hull: the facet {show(a)} . x <= {show(b)} is not valid and tight")
        for e, f in self.equations:
            require(self._support(e) == f and self._support(e, -1) == f, f"convex-hull: the equation {show(e)} . x = {show(f)} fails")
        if d == 2 and len(self.vertices) >= 3 and not self.equations:
            self._check_ring()

    def _check_ring(self) -> None:
        k = len(self.vertices)
        cx = sum(v[0] for v in self.vertices) / k
        cy = sum(v[1] for v in self.vertices) / k

        def key(v):
            x, y = v[0] - cx, v[1] - cy
            half = 0 if (y > 0 or (y == 0 and x > 0)) else 1
            # exact angle order inside a half: compare by cross product through a sort key
            return half, _Angle(x, y)

        ring = sorted(self.vertices, key=key)
        for i in range(k):
            p, q, r = ring[i], ring[(i + 1) % k], ring[(i + 2) % k]
            turn = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
            require(turn > 0, "convex-hull: the vertices do not form a strictly convex polygon")
            require(any(dot(a, p) == b and dot(a, q) == b for a, b in self.facets),
                    f"convex-hull: the edge {show(p)}-{show(q)} lies on no listed facet")

    def _data(self) -> dict[str, Any]:
        return {
            "weights": encode(self.weights),
            "summands": encode(self.summands),
            "vertices": encode(self.vertices),
            "normals": encode(self.normals),
            "facets": [{"a": encode(a), "b": encode(b)} for a, b in self.facets],
            "equations": [{"a": encode(a), "b": encode(b)} for a, b in self.equations],
        }

    def witness(self) -> dict[str, Any]:
        """The normals, facets and equations only, for result documents (a checker rebuilds the
        summands and weights from the game; the vertices are the result's own answer).

        Returns
        -------
        dict
            ``certificate``, ``normals``, ``facets`` and ``equations`` (each row ``{a, b}``) as exact strings.
        """
        return {"certificate": self.kind, "normals": encode(self.normals),
                "facets": [{"a": encode(a), "b": encode(b)} for a, b in self.facets],
                "equations": [{"a": encode(a), "b": encode(b)} for a, b in self.equations]}

    @classmethod
    def _from_data(cls, d):
        def rows(key: str) -> tuple[tuple[Vector, Fraction], ...]:
            return tuple((decode_vector(r["a"], key), to_fraction(r["b"], where=key)) for r in d[key])

        return cls(
            decode_vector(d["weights"], "weights"),
            tuple(decode_matrix(P, "summands") for P in d["summands"]),
            decode_matrix(d["vertices"], "vertices"),
            decode_matrix(d["normals"], "normals"),
            rows("facets"),
            rows("equations"),
        )


class _Angle:
    """Sort key ordering nonzero vectors of one half-plane counter-clockwise (exact)."""

    __slots__ = ("x", "y")

    def __init__(self, x: Fraction, y: Fraction):
        self.x, self.y = x, y

    def __lt__(self, other: "_Angle") -> bool:
        return self.x * other.y - self.y * other.x > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Angle) and self.x * other.y - self.y * other.x == 0


#: In dimension >= 3 the certificate needs every facet (cddlib's facet enumeration): refuse above
#: this many vertices unless the caller raises the limit (measured: 582 vertices in 3-D, 131 s).
MAX_CERTIFIED_VERTICES = 300


def hull_certificate(P: Polytope, summands: Sequence[Sequence[Vector]], weights: Sequence[Any] | None = None,
                     max_vertices: int = MAX_CERTIFIED_VERTICES) -> HullCertificate:
    """Certify that ``P`` is ``sum_s weights[s] * conv(summands[s])`` (weights default to 1).

    Each vertex's exposing normal is the sum of the outer normals of its tight facets
    (an interior direction of its normal cone), made to point off the affine hull's
    equations so it is generic there too. In dimension >= 3, more than ``max_vertices``
    vertices are refused up front (:class:`~exactgame.errors.TooLargeError`).

    Parameters
    ----------
    P : Polytope
        The claimed sum (its vertices, facets and equations are certified).
    summands : sequence of sequences of vectors
        The point sets whose hulls are summed.
    weights : sequence of number, optional
        Nonnegative weights (default 1 each).
    max_vertices : int
        The refusal threshold in dimension >= 3.

    Returns
    -------
    HullCertificate
        Verified before it is returned.

    Raises
    ------
    TooLargeError
        Above ``max_vertices`` vertices in dimension >= 3.

    >>> F = Fraction
    >>> seg = ((F(0), F(0)), (F(1), F(1)))
    >>> cert = hull_certificate(Polytope.from_points([(F(0), F(0)), (F(2), F(2))]), [seg, seg])
    >>> cert.vertices, cert.equations
    (((Fraction(0, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(2, 1))), (((Fraction(1, 1), Fraction(-1, 1)), Fraction(0, 1)),))
    """
    if P.ambient_dim >= 3 and len(P.vertices) > max_vertices:
        raise TooLargeError(f"{len(P.vertices)} vertices in dimension {P.ambient_dim}: certifying them needs every facet "
                            f"(cddlib; 582 vertices in 3-D took about 130 s here); the limit is {max_vertices} vertices, "
                            "raise it with --max-vertices N")
    w = tuple(to_fraction(x) for x in (weights if weights is not None else [1] * len(summands)))
    normals = []
    for v in P.vertices:
        n = [Fraction(0)] * P.ambient_dim
        for a, _ in P.tight(v):
            for i, ai in enumerate(a):
                n[i] += ai
        normals.append(_perturb_off_equations(P, v, tuple(n), summands, w))
    return HullCertificate(w, tuple(tuple(tuple(x) for x in S) for S in summands), P.vertices, tuple(normals),
                           P.inequalities if not P.is_empty and P.dim > 0 else (), P.equations)


def _perturb_off_equations(P: Polytope, v: Vector, n: Vector, summands, w) -> Vector:
    """Make ``n`` expose a single point of every summand even when the summands are flat.

    Within the affine hull ``n`` exposes exactly ``v``; a summand whose points differ only
    along the equations' normals may still tie. Adding a small multiple of a direction
    that separates them breaks the tie without leaving the normal cone of ``v``.
    """
    def exposes(m: Vector) -> bool:
        for wi, S in zip(w, summands):
            if not wi:
                continue
            vals = [dot(m, x) for x in S]
            top = max(vals)
            if len({tuple(x) for x, h in zip(S, vals) if h == top}) != 1:
                return False
        return True

    if exposes(n):
        return n
    for e, _ in P.equations:
        for sign in (1, -1):
            eps = Fraction(1)
            for _ in range(64):
                m = tuple(ni + sign * eps * ei for ni, ei in zip(n, e))
                if exposes(m):
                    return m
                eps /= 2
    return n  # verify() will then report the failure
