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
   ``conv(vertices)`` and nothing is missing;
4. in dimension ``d >= 3`` (full-dimensional), completeness: ``boundary`` lists (d-1)-simplices
   ``(i_0, ..., i_{d-1}, f)`` on listed vertices, each lying on the listed facet ``f``,
   nondegenerate, and oriented by the sign :math:`\sigma` of
   :math:`\det[v_1 - v_0; \dots; v_{d-1} - v_0; v_0 - c]` (never 0; in 3-D the triple product
   :math:`((v_1 - v_0) \times (v_2 - v_0)) \cdot (v_0 - c)`) for the centroid ``c`` of the
   vertices; the oriented simplices form a cycle (every (d-2)-face occurs twice, with opposite
   signs). Radially from ``c`` the cycle has a constant degree, each simplex counting +1 where
   it covers, so the simplices cover every direction: ``c`` is interior (from a boundary point
   some directions leave ``F`` at once and meet no point of ``F``) and every ray from ``c``
   meets the boundary of ``F`` inside a simplex (the simplices lie in supporting planes, step
   2). So :math:`\partial F \subseteq \mathrm{conv}(\text{vertices})`, hence
   :math:`F = \mathrm{conv}(\text{vertices})`: no vertex is missing. (In 3-D the simplices are
   fans of each facet's polygon, in d >= 4 the pulling triangulation of :func:`boundary_simplices`;
   see :mod:`exactgame.geometry.hull_fast` for the same argument.) Above
   :data:`MAX_BOUNDARY_SIMPLICES` simplices no boundary is given: steps 1-2 then prove that every
   listed point is a vertex and every listed facet is valid and tight, and that no vertex is
   missing rests on cddlib's double description or the Qhull proof of
   :mod:`~exactgame.geometry.hull_fast`, which the certificate does not carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from fractions import Fraction
from operator import mul
from typing import Any, Sequence

from ..certificates import Certificate, decode_matrix, decode_vector, dot, encode, require, show
from ..errors import TooLargeError
from ..numbers import to_fraction, Vector
from . import hull_fast, linalg
from .sparse import common_denominator
from .polytope import Polytope

__all__ = ["HullCertificate", "hull_certificate", "MAX_CERTIFIED_VERTICES", "MAX_BOUNDARY_SIMPLICES", "boundary_triangles",
           "boundary_simplices"]



@dataclass(frozen=True)
class HullCertificate(Certificate):
    """``vertices`` are the vertices of ``sum_s weights[s] * conv(summands[s])`` (module doc).

    Each vertex v has a normal n exposing exactly one point x_s of every summand with positive
    weight, and v = sum_s w_s x_s; each facet (a, b) satisfies max_{x in P} a . x = b, i.e.
    sum_s w_s max_{x in P_s} a . x = b (valid and tight); each equation holds with both signs.
    In the plane the vertices must form a strictly convex polygon whose every edge lies on a
    listed facet, so no vertex is missing; in dimension >= 3 the ``boundary`` simplices (an oriented
    cycle on the facets) prove the same (module doc, step 4).

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
    boundary: tuple[tuple[int, ...], ...] = ()

    @cached_property
    def _ints(self) -> "_IntSummands":
        return _IntSummands(self.weights, self.summands)

    def _support(self, n: Sequence[Fraction], sign: int = 1) -> Fraction:
        return self._ints.support(n, sign)

    @property
    def complete(self) -> bool:
        """Whether the certificate proves that no vertex is missing (plane, or a boundary cycle).

        Returns
        -------
        bool
            True when the vertex list is proved complete by step 3 or 4 of the module doc
            (after :meth:`verify`), or the set is a point or a segment.
        """
        if not self.vertices:
            return False
        d = len(self.vertices[0])
        affine = d - (linalg.rank([e for e, _ in self.equations]) if self.equations else 0)
        every_point = len(self.summands) == 1 and self.weights[0] == 1 and set(self.vertices) == {tuple(x) for x in self.summands[0]}
        if every_point:
            return True
        if affine <= 1:  # a point or a segment: its 1 or 2 exposed vertices are all of them
            return len(self.vertices) == affine + 1
        return (d == 2 and affine == 2 and len(self.vertices) >= 3) or (bool(self.boundary) and affine == d)

    def _check(self) -> None:
        require(len(self.weights) == len(self.summands), "convex-hull: one weight per summand")
        require(all(w >= 0 for w in self.weights), "convex-hull: weights must be nonnegative")
        require(all(P for P in self.summands), "convex-hull: a summand has no points")
        require(len(self.normals) == len(self.vertices), "convex-hull: one exposing normal per vertex")
        require(len(set(self.vertices)) == len(self.vertices), "convex-hull: repeated vertex")
        d = len(self.summands[0][0])
        ints = self._ints
        for v, n in zip(self.vertices, self.normals):
            exposed = ints.exposed_indices(n)
            require(exposed is not None, f"convex-hull: the normal of {show(v)} does not expose a single point of every summand")
            total, D = ints.exposed_sum(exposed or ())
            require(len(v) == d and all(x.numerator * D == t * x.denominator for x, t in zip(map(Fraction, v), total)),
                    f"convex-hull: {show(v)} is not the sum of the exposed points")
        require(all(any(a) for a, _ in self.facets) and all(any(e) for e, _ in self.equations),
                "convex-hull: a facet or equation has the zero normal (it would hold everywhere and prove nothing)")
        for a, b in self.facets:
            require(self._support(a) == b, f"convex-hull: the facet {show(a)} . x <= {show(b)} is not valid and tight")
        for e, f in self.equations:
            require(self._support(e) == f and self._support(e, -1) == f, f"convex-hull: the equation {show(e)} . x = {show(f)} fails")
        if d == 2 and len(self.vertices) >= 3 and not self.equations:
            self._check_ring()
        if self.boundary:
            require(d >= 3 and not self.equations, "convex-hull: a boundary cycle is only for full-dimensional sets in 3 or more dimensions")
            _check_boundary(self.vertices, self.facets, self.boundary)

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
            "boundary": [list(t) for t in self.boundary],
        }

    def witness(self) -> dict[str, Any]:
        """The normals, facets and equations only, for result documents (a checker rebuilds the
        summands and weights from the game; the vertices are the result's own answer).

        Returns
        -------
        dict
            ``certificate``, ``normals``, ``facets`` and ``equations`` (each row ``{a, b}``) as exact
            strings, and in dimension >= 3 ``boundary`` (simplices ``[i_0, ..., i_{d-1}, f]``: vertex and
            facet indices).
        """
        out: dict[str, Any] = {"certificate": self.kind, "normals": encode(self.normals),
                               "facets": [{"a": encode(a), "b": encode(b)} for a, b in self.facets],
                               "equations": [{"a": encode(a), "b": encode(b)} for a, b in self.equations]}
        if self.boundary:
            out["boundary"] = [list(t) for t in self.boundary]
        return out

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
            _decode_boundary(d.get("boundary", [])),
        )


class _IntSummands:
    """The summands over one common denominator ``L`` and the weights over ``Dw``: exact argmax,
    support values and exposed sums in integer arithmetic."""

    def __init__(self, weights: Sequence[Fraction], summands: Sequence[Sequence[Vector]]):
        self.weights = tuple(weights)
        self.summands = [[tuple(x) for x in P] for P in summands]
        flat, self.L = common_denominator([c for P in self.summands for x in P for c in x])
        it = iter(flat)
        self.scaled = [[tuple(next(it) for _ in x) for x in P] for P in self.summands]
        self.W, self.Dw = common_denominator(self.weights)

    @staticmethod
    def _integer(n: Sequence[Fraction]) -> tuple[list[int], int]:
        return common_denominator(n)

    def exposed_indices(self, n: Sequence[Fraction]) -> list[int | None] | None:
        """Per summand the index of the single point maximising ``n . x`` (None for weight 0); None if one ties."""
        ni, _ = self._integer(n)
        out: list[int | None] = []
        for w, Q in zip(self.W, self.scaled):
            if not w:
                out.append(None)
                continue
            vals = [sum(map(mul, ni, q)) for q in Q]
            top = max(vals)
            hits = [k for k, h in enumerate(vals) if h == top]
            if len({Q[k] for k in hits}) != 1:
                return None
            out.append(hits[0])
        return out

    def exposed_sum(self, idx: Sequence[int | None]) -> tuple[list[int], int]:
        """``sum_s w_s x_s`` of the chosen points as integers over the returned denominator."""
        d = len(self.scaled[0][0])
        total = [0] * d
        for w, Q, k in zip(self.W, self.scaled, idx):
            if w and k is not None:
                q = Q[k]
                for i in range(d):
                    total[i] += w * q[i]
        return total, self.Dw * self.L

    def support(self, n: Sequence[Fraction], sign: int = 1) -> Fraction:
        """``sign * sum_s w_s max_{x in P_s} sign * n . x`` (the support value, or minus the minimum)."""
        ni, M = self._integer(n)
        total = 0
        for w, Q in zip(self.W, self.scaled):
            if w:
                total += w * max(sign * sum(map(mul, ni, q)) for q in Q)
        return Fraction(sign * total, self.Dw * M * self.L)


def _decode_boundary(rows: Any) -> tuple[tuple[int, ...], ...]:
    out = []
    for r in rows:
        require(isinstance(r, (list, tuple)) and len(r) >= 4 and all(isinstance(i, int) and not isinstance(i, bool) for i in r),
                "convex-hull: a boundary simplex is [i_0, ..., i_{d-1}, f], d + 1 integers")
        out.append(tuple(r))
    return tuple(out)


def _check_boundary(V: Sequence[Vector], facets: Sequence[tuple[Vector, Fraction]],
                    simplices: Sequence[tuple[int, ...]]) -> None:
    """Step 4 of the module doc in dimension d >= 3: the (d-1)-simplices ``(i_0, ..., i_{d-1}, f)`` lie on
    listed facets and form an outward-signed cycle.

    Computed over the integers: the vertices times their common denominator, each facet's normal
    times its own, and the centroid replaced by ``k`` times itself (same signs). The sign of a
    simplex is that of ``det[v_1 - v_0; ...; v_{d-1} - v_0; v_0 - c]`` (in 3-D the triple product
    ``((v_1 - v_0) x (v_2 - v_0)) . (v_0 - c)``)."""
    k = len(V)
    d = len(V[0])
    X, _L = hull_fast.integer_points(V)
    S = [sum(x[i] for x in X) for i in range(d)]
    rows = [common_denominator(a) for a, _ in facets]
    seen: dict[tuple[int, ...], list[int]] = {}
    for t in simplices:
        require(len(t) == d + 1, f"convex-hull: boundary simplex {list(t)} needs {d} vertices and a facet")
        require(all(0 <= i < k for i in t[:d]) and 0 <= t[d] < len(facets) and len(set(t[:d])) == d,
                f"convex-hull: boundary simplex {list(t)} is out of range")
        pts = [X[i] for i in t[:d]]
        (a, M), b = rows[t[d]], Fraction(facets[t[d]][1])
        on = b.numerator * M * _L  # a . x == b  <=>  (a M) . (x L) * den(b) == num(b) M L
        require(all(sum(map(mul, a, x)) * b.denominator == on for x in pts),
                f"convex-hull: boundary simplex {list(t)} is not on its facet")
        p0 = pts[0]
        side = hull_fast.small_det([[x[i] - p0[i] for i in range(d)] for x in pts[1:]] + [[k * p0[i] - S[i] for i in range(d)]])
        require(side != 0, f"convex-hull: boundary simplex {list(t)} is flat or its plane holds the centroid")
        sigma = 1 if side > 0 else -1
        u = tuple(sorted(t[:d]))  # [t] = sign(pi) [sorted t], and the faces of a sorted tuple are sorted
        if u != t[:d]:
            sigma *= hull_fast.permutation_sign(t[:d])
        for m in range(d):
            seen.setdefault(u[:m] + u[m + 1:], []).append(sigma if m % 2 == 0 else -sigma)
    require(all(len(s) == 2 and s[0] + s[1] == 0 for s in seen.values()),
            "convex-hull: the boundary simplices do not form a closed oriented surface")


#: Above this many boundary simplices a hull certificate in dimension >= 4 carries no boundary
#: (its completeness then stays conditional, as before): the pulling triangulation can grow fast.
MAX_BOUNDARY_SIMPLICES = 100_000


def boundary_simplices(P: Polytope, limit: int = MAX_BOUNDARY_SIMPLICES) -> tuple[tuple[int, ...], ...]:
    """A triangulation of the boundary of a full-dimensional polytope, for step 4 of the module doc.

    In 3-D the fans of :func:`boundary_triangles`. In dimension ``d >= 4`` the pulling
    triangulation by the smallest vertex index: a face ``G`` that is a simplex is itself;
    otherwise, with ``v`` its smallest vertex, ``G`` is triangulated by the cones from ``v`` over
    the triangulations of its facets not containing ``v``. The facets of a face are the
    inclusion-maximal sets ``G ∩ H`` over the facets ``H`` of ``P`` not containing ``G`` (every
    face of ``P`` is an intersection of facets). The order of vertices is global, so a face
    shared by two facets is triangulated the same way in both, and the simplices form a cycle;
    :meth:`HullCertificate.verify` checks that, with the orientations, whatever built them.

    Parameters
    ----------
    P : Polytope
        A polytope in Q^d, d >= 3.
    limit : int
        Give up (return ``()``) above this many simplices.

    Returns
    -------
    tuple of tuple of int
        ``(i_0, ..., i_{d-1}, f)``: vertex indices of each (d-1)-simplex and its facet's index in
        ``P.inequalities``; empty unless ``P`` is full-dimensional with d >= 3 (or past ``limit``).

    >>> cube = Polytope.from_points([tuple(int(b) for b in f"{i:04b}") for i in range(16)])
    >>> len(boundary_simplices(cube))   # 8 cubic facets, 6 tetrahedra each (pulled from a corner: 6)
    48
    """
    d = P.ambient_dim
    if d == 3:
        return boundary_triangles(P)
    if d < 3 or P.dim != d:
        return ()
    kept = P.__dict__.get("boundary_simplices")  # the triangulation that proved a Minkowski sum's facets
    if kept is not None and len(kept) <= limit:
        return kept
    simplices = hull_fast.pulling_triangulation([frozenset(idx) for idx in P.incidence], d, limit)
    return () if simplices is None else tuple(simplices)


def boundary_triangles(P: Polytope) -> tuple[tuple[int, int, int, int], ...]:
    """A triangulation of the boundary of a full-dimensional 3-polytope: a fan on every facet.

    Each facet's vertices, sorted by angle in the facet's plane (a coordinate with a nonzero
    normal entry dropped), form its polygon; the fan from its first vertex triangulates it.
    Polygon edges are shared by two facets and fan diagonals by two triangles of one facet, so
    the triangles form a closed surface (checked, with orientations, by step 4).

    Parameters
    ----------
    P : Polytope
        A polytope in Q^3.

    Returns
    -------
    tuple of (i, j, k, f)
        Vertex indices of each triangle and the index of its facet in ``P.inequalities``;
        empty unless ``P`` is 3-dimensional in Q^3.

    >>> cube = Polytope.from_points([(x, y, z) for x in (0, 1) for y in (0, 1) for z in (0, 1)])
    >>> len(boundary_triangles(cube))
    12
    """
    if P.ambient_dim != 3 or P.dim != 3:
        return ()
    V, _L = hull_fast.integer_points(P.vertices)  # integers: the angle order is the same
    out: list[tuple[int, int, int, int]] = []
    for f, ((a, _b), idx) in enumerate(zip(P.inequalities, P.incidence)):
        j = next(i for i, x in enumerate(a) if x)
        keep = [i for i in range(3) if i != j]
        k = len(idx)  # the centroid times k, and each point times k: integer offsets, same angles
        cx = sum(V[i][keep[0]] for i in idx)
        cy = sum(V[i][keep[1]] for i in idx)

        def key(i: int) -> tuple[int, "_Angle"]:
            x, y = k * V[i][keep[0]] - cx, k * V[i][keep[1]] - cy
            return (0 if (y > 0 or (y == 0 and x > 0)) else 1), _Angle(x, y)

        ring = sorted(idx, key=key)
        out += [(ring[0], ring[m], ring[m + 1], f) for m in range(1, len(ring) - 1)]
    return tuple(out)


class _Angle:
    """Sort key ordering nonzero vectors of one half-plane counter-clockwise (exact)."""

    __slots__ = ("x", "y")

    def __init__(self, x: Fraction | int, y: Fraction | int):
        self.x, self.y = x, y

    def __lt__(self, other: "_Angle") -> bool:
        return self.x * other.y - self.y * other.x > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Angle) and self.x * other.y - self.y * other.x == 0


#: In dimension >= 3 the certificate needs every facet. When Qhull's proposal fails the exact
#: check they come from cddlib's facet enumeration: then refuse above this many vertices unless
#: the caller raises the limit (measured: 582 vertices in 3-D, 131 s).
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
    if P.ambient_dim >= 3 and len(P.vertices) > max_vertices and not P.facets_are_cheap():
        raise TooLargeError(f"{len(P.vertices)} vertices in dimension {P.ambient_dim}: certifying them needs every facet, "
                            "and Qhull's proposal failed the exact check, so they would come from cddlib (582 vertices "
                            f"in 3-D took about 130 s here); the limit is {max_vertices} vertices, "
                            "raise it with --max-vertices N")
    w = tuple(to_fraction(x) for x in (weights if weights is not None else [1] * len(summands)))
    sums = [[Fraction(0)] * P.ambient_dim for _ in P.vertices]
    for (a, _b), on in zip(P.inequalities, P.incidence) if not P.is_empty and P.dim > 0 else ():
        for i in on:
            sums[i] = [x + y for x, y in zip(sums[i], a)]
    ints = _IntSummands(w, summands)
    normals = [_perturb_off_equations(P, tuple(n), ints) for n in sums]
    return HullCertificate(w, tuple(tuple(tuple(x) for x in S) for S in summands), P.vertices, tuple(normals),
                           P.inequalities if not P.is_empty and P.dim > 0 else (), P.equations, boundary_simplices(P))


def _perturb_off_equations(P: Polytope, n: Vector, ints: _IntSummands) -> Vector:
    """Make ``n`` expose a single point of every summand even when the summands are flat.

    Within the affine hull ``n`` exposes exactly its vertex; a summand whose points differ only
    along the equations' normals may still tie. Adding a small multiple of a direction
    that separates them breaks the tie without leaving the normal cone of the vertex.
    """
    def exposes(m: Vector) -> bool:
        return ints.exposed_indices(m) is not None

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
