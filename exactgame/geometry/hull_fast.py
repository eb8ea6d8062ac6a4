r"""A fast exact convex hull in dimension >= 3: Qhull suggests, exact integer arithmetic decides.

Qhull (through scipy, in floating point; ``# float-ok``: a suggestion only) returns a
triangulated hull: simplices :math:`s = (v_0, \dots, v_{d-1})`. Its answer is accepted only
if it passes exact checks on integer coordinates (the points scaled to a common denominator):

1. every simplex spans a hyperplane: its cofactor normal :math:`n_s`, defined by
   :math:`n_s \cdot x = \det[v_1 - v_0; \dots; v_{d-1} - v_0; x]`, is nonzero; it is oriented
   away from the centroid :math:`c` of the points, which must lie strictly inside, and
   :math:`\sigma_s = \pm 1` records whether the simplex's own order agrees with that outward
   orientation;
2. the oriented simplices form a cycle: in
   :math:`\partial \sum_s \sigma_s [s] = \sum_s \sigma_s \sum_k (-1)^k [s \setminus v_k]`
   every ridge occurs exactly twice, with opposite signs, so the sum is zero;
3. every plane is valid: no input point lies strictly outside it (one exact integer matrix
   product);
4. (vertices only) a point is a vertex iff the normals of the planes tight at it have rank d.

**Why this proves the hull.** By (3) each simplex lies in a supporting hyperplane, hence in
the boundary :math:`\partial P` of :math:`P = \mathrm{conv}`; by (1) it is nondegenerate and
positively oriented as seen from the interior point :math:`c`. Projected radially from
:math:`c` onto a sphere, the chain of (2) is a cycle, so its degree is the same at every
generic point, and that degree is the number of simplices covering the point (each counts
+1). It is not zero (there is a simplex), so the simplices cover all of :math:`\partial P`.
A supporting hyperplane through a relative-interior point of a facet is that facet's plane,
so every facet's plane occurs; every plane that occurs holds ``d`` affinely independent points
of ``P`` and is valid, so it is a facet. The distinct planes are therefore exactly the facets,
and (4) picks the vertices. (Without the orientation in (2), two triangulations of one square
facet glued together pass an unoriented "every ridge twice" test; the signs refuse them.)
**Closed facet lists** (dimension :math:`d \ge 4`). Qhull triangulates a non-simplicial facet
and in :math:`d \ge 4` that can leave flat simplices, which have no orientation, so (1)-(2)
cannot be checked. Then: the planes of the nondegenerate simplices are taken, each oriented
away from the centroid and checked valid for every point (3); each holds d affinely
independent points of P (its simplex) and supports P, so each is a facet plane. For every
listed facet F its ridges are computed exactly as the facets of conv(F's points) in dimension
d - 1 (after dropping a coordinate where F's normal is nonzero, a bijection on F's
hyperplane; by this module recursively, or the d - 1 subsets of a simplex facet), and every
ridge R must lie in another listed facet (all of R's points tight on it). A ridge of P lies
in exactly two facets, so the listed facets are closed under crossing ridges; the facets of a
polytope are connected through ridges (the graph of the polar polytope is connected), so
the list holds every facet. Before that recursion (one Qhull call per facet) a cheaper proof is
tried: the pulling triangulation of the listed facets' point sets (:func:`pulling_triangulation`,
purely combinatorial) must pass checks (1)-(2); its simplices lie in valid planes, so by the
argument above they cover the boundary, and a point inside any facet of P is covered only
from that facet's plane: every facet is listed. If the cycle fails, the recursion decides.

If Qhull fails (degenerate, lower-dimensional input) or any check fails, the caller falls back
to cddlib; the answer never depends on a float.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Sequence

from . import linalg
from .sparse import common_denominator
from ..numbers import Vector

__all__ = ["extreme_points_fast", "extreme_indices", "facets_fast", "checked_planes", "permutation_sign", "integer_points",
           "pulling_triangulation", "MAX_PULLED_SIMPLICES", "sum_hull"]

#: The closure proof of :func:`_closed_planes` first tries the pulling triangulation's cycle, up to
#: this many simplices; past it (or if the cycle fails) it recurses on the ridges.
MAX_PULLED_SIMPLICES = 200_000


#: :func:`sum_hull` keeps every candidate of a flat partial sum (Qhull needs full dimension) up to
#: this many; past it the caller takes the step-by-step path.
MAX_FLAT_CANDIDATES = 20_000

#: ``scipy.spatial.ConvexHull`` once loaded (on first use: it costs 0.4 s of start-up), False if unavailable.
ConvexHull = None


def _qhull():
    """(ConvexHull, QhullError, numpy), imported on first use; None if scipy is missing."""
    global ConvexHull
    if ConvexHull is None:
        try:
            from scipy.spatial import ConvexHull as hull
        except ImportError:  # pragma: no cover - scipy is a dependency
            ConvexHull = False
        else:
            ConvexHull = hull
    if ConvexHull is False:
        return None
    import numpy
    from scipy.spatial import QhullError

    return ConvexHull, QhullError, numpy

def _numpy():
    """numpy, imported on first use (it is loaded with scipy by then)."""
    import numpy

    return numpy


#: int64 products are exact while |coordinate| * |normal entry| * d stays below this.
_INT64_SAFE = 2**62


def integer_points(pts: Sequence[Sequence[Fraction]]) -> tuple[list[list[int]], int]:
    """The points times their common denominator ``L`` (exact integers), and ``L``.

    Parameters
    ----------
    pts : sequence of vectors
        Exact points (Fractions or ints).

    Returns
    -------
    (list of list of int, int)
        ``L * p`` for every point, and ``L`` (1 for integer points or no points).

    >>> integer_points([(Fraction(1, 2), 1), (Fraction(1, 3), 0)])
    ([[3, 6], [2, 0]], 6)
    """
    flat, L = common_denominator([c for p in pts for c in p])
    it = iter(flat)
    return [[next(it) for _ in p] for p in pts], L


def extreme_points_fast(pts: Sequence[Vector]) -> list[Vector] | None:
    """The vertices of conv(pts) (d >= 3, full-dimensional), or None to ask for the exact fallback.

    Parameters
    ----------
    pts : sequence of vectors
        Exact points, at least d + 1 of them.

    Returns
    -------
    list of vectors or None
        The vertices, sorted, each proved a vertex by d tight, exactly valid facets of rank d
        (module doc); None when Qhull's proposal does not pass the exact checks.

    >>> F = Fraction
    >>> cube = [(F(x), F(y), F(z)) for x in (0, 1) for y in (0, 1) for z in (0, 1)] + [(F(1, 2), F(1, 2), F(1, 2))]
    >>> len(extreme_points_fast(cube))
    8
    """
    if len(pts) < len(pts[0]) + 1:
        return None
    ints, _ = integer_points(pts)
    idx = extreme_indices(ints)
    return None if idx is None else sorted({tuple(pts[k]) for k in idx})


def extreme_indices(ints: Sequence[Sequence[int]]) -> list[int] | None:
    """Indices of the vertices of the hull of integer points (d >= 3), or None (see the module doc).

    Qhull proposes simplices in floats; exactly: (1)-(2) they form an outward-oriented cycle
    of nondegenerate simplices, (3) every point satisfies every plane's inequality, and (4) a
    point is a vertex when its tight planes' normals have rank d.

    Parameters
    ----------
    ints : sequence of sequences of int
        The points, scaled to integers.

    Returns
    -------
    list of int or None
        The vertex indices in increasing order, or None when any check fails.

    >>> square_pyramid = [[0, 0, 0], [2, 0, 0], [0, 2, 0], [2, 2, 0], [1, 1, 2], [1, 1, 1]]
    >>> extreme_indices(square_pyramid)
    [0, 1, 2, 3, 4]
    """
    planes = checked_planes(ints)
    if planes is None:
        return None
    normals, offsets = planes
    d = len(ints[0])
    tight_lists = _tight_facets(ints, normals, offsets, d)
    if tight_lists is None:
        return None
    return _vertices(tight_lists, normals, d)


def facets_fast(pts: Sequence[Vector]) -> list[tuple[Vector, Fraction]] | None:
    """The facet inequalities ``a . x <= b`` of a full-dimensional conv(pts), d >= 3, or None.

    Parameters
    ----------
    pts : sequence of vectors
        Exact points, at least d + 1 of them.

    Returns
    -------
    list of (vector, Fraction) or None
        One row per facet, ``a`` a primitive integer vector (as Fractions), sorted; proved to be
        exactly the facets by checks (1)-(3) of the module doc. None when Qhull's proposal does
        not pass them (the caller then asks cddlib).

    >>> F = Fraction
    >>> cube = [(F(x), F(y), F(z)) for x in (0, 1) for y in (0, 1) for z in (0, 1)] + [(F(1, 2),) * 3]
    >>> [(tuple(map(int, a)), b) for a, b in facets_fast(cube)][:2]
    [((-1, 0, 0), Fraction(0, 1)), ((0, -1, 0), Fraction(0, 1))]
    >>> len(facets_fast(cube))
    6
    """
    if len(pts) < len(pts[0]) + 1:
        return None
    ints, L = integer_points(pts)
    planes = checked_planes(ints)
    if planes is None or _tight_facets(ints, planes[0], planes[1], len(ints[0])) is None:
        return None
    return sorted((tuple(Fraction(x) for x in a), Fraction(b, L)) for a, b in zip(*planes))


def checked_planes(ints: Sequence[Sequence[int]], keep: dict | None = None) -> tuple[list[list[int]], list[int]] | None:
    """Qhull's proposal after checks (1) and (2): the distinct outward planes, or None.

    Validity (check 3) is left to the caller, which needs the tightness table anyway.

    Parameters
    ----------
    ints : sequence of sequences of int
        The points, scaled to integers, at least d + 1 of them.
    keep : dict, optional
        When the planes were proved by the pulled boundary cycle, ``keep["boundary"]`` receives
        its simplices ``(i_0, ..., i_{d-1}, f)`` (point indices, ``f`` the index of the returned
        plane), for a caller that would otherwise triangulate the same boundary again.

    Returns
    -------
    (normals, offsets) or None
        Distinct primitive integer rows ``n . x <= b``, oriented away from the centroid, sorted.

    >>> checked_planes([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    ([[-1, 0, 0], [0, -1, 0], [0, 0, -1], [1, 1, 1]], [0, 0, 0, 1])
    """
    q = _qhull()
    if q is None or len(ints) < len(ints[0]) + 1:
        return None
    hull_class, QhullError, np = q
    d = len(ints[0])
    try:
        hull = hull_class(np.array(ints, dtype=float))  # float-ok: Qhull only proposes facets, checked exactly below
    except (QhullError, ValueError, OverflowError):  # coordinates past the float range: the exact path decides
        return None
    simplices = [tuple(int(i) for i in s) for s in hull.simplices]
    if d >= 4:
        groups = _facet_groups(hull.equations, np)
        if len(groups) < len(simplices):  # non-simplicial facets: prove the closed list, one exact plane per facet
            closed = _closed_planes(ints, simplices, d, groups, keep)
            if closed is not None:
                return closed
    oriented = _oriented_planes(ints, simplices, d)
    if oriented is None or not _is_cycle(simplices, oriented[2], d):
        return _closed_planes(ints, simplices, d) if d >= 4 else None
    rows = sorted(set(zip(map(tuple, oriented[0]), oriented[1])))
    return [list(a) for a, _ in rows], [b for _, b in rows]


def _facet_groups(equations, np) -> list[list[int]]:
    """Qhull's simplices grouped by their (rounded) float plane: the simplices of one facet.

    Only a shortcut: one exact plane is computed per group, and the closure proof decides; a
    group that wrongly merges two facets loses a plane, which that proof then refuses.
    """
    keys = np.round(equations, 8)  # float-ok: groups simplices only; the exact closure proof decides
    _, inverse = np.unique(keys, axis=0, return_inverse=True)
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(inverse.ravel().tolist()):
        groups.setdefault(g, []).append(i)
    return list(groups.values())


def _closed_planes(ints: Sequence[Sequence[int]], simplices: list[tuple[int, ...]], d: int,
                   groups: list[list[int]] | None = None, keep: dict | None = None) -> tuple[list[list[int]], list[int]] | None:
    """Dimension >= 4, when Qhull's triangulation has flat simplices (non-simplicial facets): the
    planes of its nondegenerate simplices (with ``groups``, of the first nondegenerate simplex of
    each group), accepted if they are valid and closed under ridges (module doc, "Closed facet
    lists"); None otherwise."""
    rows = _nondegenerate_planes(ints, simplices, d, groups)
    if not rows:  # None (the centroid on a plane), or no plane at all: nothing to prove
        return None
    normals, offsets = [list(a) for a, _ in rows], [b for _, b in rows]
    tight = _tight_facets(ints, normals, offsets, d)
    if tight is None:
        return None
    if not (_pulled_cycle(ints, normals, tight, d, keep) or _closed_under_ridges(ints, normals, tight, d)):
        return None
    return normals, offsets


def _pulled_cycle(ints: Sequence[Sequence[int]], normals: list[list[int]], tight: list[list[int]], d: int,
                  keep: dict | None = None) -> bool:
    """Checks (1)-(2) on the pulling triangulation of the listed facets' point sets: if its simplices
    are nondegenerate and form an oriented cycle, they cover the boundary (module doc), so every
    facet's plane is listed. Cheaper than the ridge recursion; False sends the caller there.

    A simplex ``s`` of facet ``f`` has its points on ``f``'s plane (they are tight there), so its
    cofactor normal is a multiple of the outward normal ``a_f`` and one determinant
    ``det[v_1 - v_0; ...; v_{d-1} - v_0; a_f] = n_s . a_f`` gives both checks: nonzero (the simplex
    is not flat) and its sign (the order agrees with the outward orientation)."""
    members: list[set[int]] = [set() for _ in normals]
    for k, fs in enumerate(tight):
        for f in fs:
            members[f].add(k)
    simplices = pulling_triangulation([frozenset(m) for m in members], d, MAX_PULLED_SIMPLICES)
    if not simplices:
        return False
    signs = []
    for s in simplices:
        base = ints[s[0]]
        sigma = small_det([[p - q for p, q in zip(ints[j], base)] for j in s[1:d]] + [normals[s[d]]])
        if sigma == 0:
            return False
        signs.append(1 if sigma > 0 else -1)
    if not _is_cycle([s[:d] for s in simplices], signs, d):
        return False
    if keep is not None:
        keep["boundary"] = simplices
    return True


def _nondegenerate_planes(ints: Sequence[Sequence[int]], simplices: list[tuple[int, ...]],
                          d: int, groups: list[list[int]] | None = None) -> list[tuple[tuple[int, ...], int]] | None:
    """The distinct primitive planes of the nondegenerate simplices (with ``groups``: of the first
    nondegenerate simplex in each group), oriented away from the centroid (None if the centroid
    lies on one: the points are not full-dimensional)."""
    centre = [sum(p[i] for p in ints) for i in range(d)]
    planes = set()
    for group in groups if groups is not None else [[i] for i in range(len(simplices))]:
        for i in group:
            plane = _outward_plane(ints, simplices[i], d, centre)
            if plane is None:
                continue    # a flat simplex inside a non-simplicial facet: its facet has other simplices
            a, b, sigma = plane
            if sigma == 0:
                return None
            planes.add((tuple(a), b))
            break
    return sorted(planes)


def _closed_under_ridges(ints: Sequence[Sequence[int]], normals: list[list[int]], tight: list[list[int]], d: int) -> bool:
    """Every ridge of every listed facet lies in another listed facet (``tight``: per point, the
    facets it is tight on)."""
    members: list[list[int]] = [[] for _ in normals]
    for k, fs in enumerate(tight):
        for f in fs:
            members[f].append(k)
    tight_sets = [set(fs) for fs in tight]
    for f, pts in enumerate(members):
        ridges = _ridges(ints, pts, normals[f], d)
        if ridges is None:
            return False
        if any(not (set.intersection(*(tight_sets[k] for k in R)) - {f}) for R in ridges):
            return False   # no listed facet on the other side of this ridge
    return True


def _ridges(ints: Sequence[Sequence[int]], pts: list[int], a: Sequence[int], d: int) -> list[list[int]] | None:
    """The ridges of the facet ``conv(ints[k] for k in pts)`` (normal ``a``) as lists of point
    indices: its own facets, found exactly in dimension d - 1 after dropping a coordinate where
    ``a`` is nonzero (a bijection on the facet's hyperplane); None if that hull is not proved."""
    if len(pts) == d:   # a simplex: every d - 1 of its points
        return [pts[:k] + pts[k + 1:] for k in range(d)]
    drop = next(i for i, x in enumerate(a) if x)
    sub = [[ints[k][i] for i in range(d) if i != drop] for k in pts]
    planes = checked_planes(sub)
    if planes is None:
        return None
    tight = _tight_facets(sub, planes[0], planes[1], d - 1)
    if tight is None:
        return None
    out: list[list[int]] = [[] for _ in planes[0]]
    for j, fs in enumerate(tight):
        for f in fs:
            out[f].append(pts[j])
    return out


class _Pulling:
    """The pulling triangulation of the faces of a polytope given its facets' point sets (see
    :func:`pulling_triangulation`), memoized per face; ``None`` once ``budget`` simplices are built."""

    def __init__(self, sets: list[frozenset[int]], budget: int):
        self.sets, self.budget = sets, budget
        self.of_vertex: dict[int, list[int]] = {}
        for f, S in enumerate(sets):
            for i in S:
                self.of_vertex.setdefault(i, []).append(f)
        self.memo: dict[frozenset[int], list[tuple[int, ...]]] = {}

    def faces_of(self, G: frozenset[int]) -> list[frozenset[int]]:
        """The facets of the face ``G``: the inclusion-maximal ``G ∩ H`` over facets ``H`` not containing ``G``."""
        near = set().union(*(self.of_vertex[i] for i in G))  # the facets meeting G, each once
        cands = {G & self.sets[h] for h in near if not G <= self.sets[h]}
        maximal: list[frozenset[int]] = []
        for R in sorted(cands, key=len, reverse=True):  # a maximal set comes before its subsets
            if not any(R <= Q for Q in maximal):
                maximal.append(R)
        return maximal

    def pull(self, G: frozenset[int], dim: int) -> list[tuple[int, ...]] | None:
        """The simplices (sorted vertex tuples, ``v`` first where pulled) triangulating the face ``G``."""
        if G in self.memo:
            return self.memo[G]
        if len(G) == dim + 1:
            out = [tuple(sorted(G))]
        else:
            v, out = min(G), []
            for R in self.faces_of(G):
                if v in R:
                    continue
                sub = self.pull(R, dim - 1)
                if sub is None:
                    return None
                out += [(v,) + s for s in sub]
            self.budget -= len(out)
            if self.budget < 0:
                return None
        self.memo[G] = out
        return out


def pulling_triangulation(sets: Sequence[frozenset[int]], d: int, limit: int) -> list[tuple[int, ...]] | None:
    """The boundary of a full-dimensional polytope in Q^d triangulated by pulling the smallest index.

    ``sets[f]`` holds the indices of the points on facet ``f``. A face that has ``dim + 1`` points
    is a simplex; otherwise, with ``v`` its smallest point, it is the union of the cones from
    ``v`` over the triangulations of its facets not containing ``v``. The facets of a face ``G``
    are the inclusion-maximal sets ``G ∩ H`` over the facets ``H`` not containing ``G`` (each
    face is an intersection of facets). The order is global, so a face shared by two facets is
    triangulated alike in both and the simplices close up; whoever uses them checks that
    exactly (orientations and the cycle), so nothing here is trusted.

    Parameters
    ----------
    sets : sequence of frozenset of int
        The facets' point sets.
    d : int
        The dimension.
    limit : int
        Give up above this many simplices.

    Returns
    -------
    list of tuple of int or None
        ``(i_0, ..., i_{d-1}, f)`` per simplex (``f`` its facet), or None past ``limit``.

    >>> square = [frozenset(s) for s in ({0, 1}, {1, 2}, {2, 3}, {0, 3})]
    >>> pulling_triangulation(square, 2, 10)
    [(0, 1, 0), (1, 2, 1), (2, 3, 2), (0, 3, 3)]
    """
    pulling = _Pulling(list(sets), 4 * limit)
    out: list[tuple[int, ...]] = []
    for f, G in enumerate(pulling.sets):
        tri = pulling.pull(G, d - 1)
        if tri is None or len(out) + len(tri) > limit:
            return None
        out += [s + (f,) for s in tri]
    return out


def permutation_sign(t: Sequence[int]) -> int:
    """+1 or -1: the sign of the permutation that sorts the distinct integers ``t``.

    Parameters
    ----------
    t : sequence of int
        Distinct integers.

    Returns
    -------
    int
        +1 for an even number of inversions, -1 for an odd one.

    >>> permutation_sign([0, 1, 2]), permutation_sign([1, 0, 2]), permutation_sign([2, 0, 1])
    (1, -1, 1)
    """
    inversions = sum(1 for i in range(len(t)) for j in range(i + 1, len(t)) if t[i] > t[j])
    return -1 if inversions % 2 else 1


def _is_cycle(simplices: list[tuple[int, ...]], signs: list[int], d: int) -> bool:
    """Check 2: every ridge occurs exactly twice in the boundary of sum sigma_s [s], with opposite signs."""
    seen: dict[tuple[int, ...], list[int]] = {}
    for s, sigma in zip(simplices, signs):
        # [s] = sign(pi) [sorted s]; the faces of a sorted tuple are sorted: one sign per simplex
        t = tuple(sorted(s))
        sigma = sigma if t == tuple(s) else sigma * permutation_sign(s)
        for k in range(d):
            seen.setdefault(t[:k] + t[k + 1:], []).append(sigma if k % 2 == 0 else -sigma)
    return all(len(v) == 2 and v[0] + v[1] == 0 for v in seen.values())


def _cofactor_normal(ints: Sequence[Sequence[int]], s: tuple[int, ...], d: int) -> list[int]:
    """The integer n with n . x = det[v_1 - v_0; ...; v_{d-1} - v_0; x] (zero for a flat simplex)."""
    base = ints[s[0]]
    U = [[ints[j][i] - base[i] for i in range(d)] for j in s[1:]]
    if d == 3:
        u, w = U
        return [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
    sign = 1 if (d - 1) % 2 == 0 else -1  # (-1)^((d-1)+i), i = 0
    out = []
    for i in range(d):
        minor = [[row[j] for j in range(d) if j != i] for row in U]
        out.append(sign * (-1) ** i * small_det(minor))
    return out


def small_det(rows: Sequence[Sequence[int]]) -> int:
    """The determinant of a square integer matrix: closed forms up to 4 x 4 (no object
    conversions: these run once per simplex), flint beyond.

    Parameters
    ----------
    rows : sequence of sequence of int
        The matrix.

    Returns
    -------
    int
        The determinant.

    >>> small_det([[2, 1], [7, 4]]), small_det([[1, 2, 3], [0, 1, 4], [5, 6, 0]]), small_det([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 1, 5], [0, 0, 1, 4]])
    (1, 1, -6)
    """
    n = len(rows)
    if n == 0:
        return 1
    if n == 1:
        return rows[0][0]
    if n == 2:
        (a, b), (c, e) = rows
        return a * e - b * c
    if n == 3:
        (a, b, c), (e, f, g), (h, i, j) = rows
        return a * (f * j - g * i) - b * (e * j - g * h) + c * (e * i - f * h)
    if n == 4:  # Laplace along the first two rows: six 2 x 2 minors of each pair of rows
        (a0, a1, a2, a3), (b0, b1, b2, b3), (c0, c1, c2, c3), (e0, e1, e2, e3) = rows
        return ((a0 * b1 - a1 * b0) * (c2 * e3 - c3 * e2) - (a0 * b2 - a2 * b0) * (c1 * e3 - c3 * e1)
                + (a0 * b3 - a3 * b0) * (c1 * e2 - c2 * e1) + (a1 * b2 - a2 * b1) * (c0 * e3 - c3 * e0)
                - (a1 * b3 - a3 * b1) * (c0 * e2 - c2 * e0) + (a2 * b3 - a3 * b2) * (c0 * e1 - c1 * e0))
    return linalg.integer_det(rows)


def _oriented_planes(ints: Sequence[Sequence[int]], simplices: list[tuple[int, ...]],
                     d: int) -> tuple[list[list[int]], list[int], list[int]] | None:
    """Check 1: per simplex the primitive outward plane n . x <= b and the sign sigma; None if degenerate."""
    centre = [sum(p[i] for p in ints) for i in range(d)]  # n * centroid (integer)
    normals, offsets, signs = [], [], []
    for s in simplices:
        plane = _outward_plane(ints, s, d, centre)
        if plane is None or plane[2] == 0:
            return None  # a flat Qhull simplex, or the centroid on a plane: let cddlib decide
        normals.append(plane[0])
        offsets.append(plane[1])
        signs.append(plane[2])
    return normals, offsets, signs


def _outward_plane(ints: Sequence[Sequence[int]], s: tuple[int, ...], d: int,
                   centre: Sequence[int]) -> tuple[list[int], int, int] | None:
    """Simplex ``s``'s primitive plane ``a . x <= b`` oriented away from the centroid (``centre`` is
    n times it) and the sign sigma of the simplex's order (0 when the centroid lies on the plane);
    None for a flat simplex."""
    a = _cofactor_normal(ints, s, d)
    g = 0
    for x in a:
        g = gcd(g, x)
    if g == 0:
        return None
    a = [x // g for x in a]
    b = sum(x * y for x, y in zip(a, ints[s[0]]))
    side = sum(x * y for x, y in zip(a, centre)) - len(ints) * b
    if side > 0:  # the cofactor normal points inwards: flip the plane, the order is negative
        return [-x for x in a], -b, -1
    return a, b, (1 if side < 0 else 0)


def _tight_facets(ints: Sequence[Sequence[int]], normals: list[list[int]], offsets: list[int],
                  d: int) -> list[list[int]] | None:
    """Check 3: A x <= b for every point, exactly; per point the facets it is tight on (None if one fails)."""
    np = _numpy()
    bound = max(max(abs(c) for p in ints for c in p), 1) * max(max(abs(c) for a in normals for c in a), 1) * d
    tight_lists: list[list[int]] = []
    if bound < _INT64_SAFE:
        P = np.array(ints, dtype=np.int64)
        A = np.array(normals, dtype=np.int64).T
        off = np.array(offsets, dtype=np.int64)
        step = max(1, 4_000_000 // max(1, len(normals)))  # bound the memory of each block of products
        for lo in range(0, len(ints), step):
            prod = P[lo:lo + step] @ A
            if (prod > off).any():
                return None
            tight_lists += [np.nonzero(row)[0].tolist() for row in prod == off]
        return tight_lists
    for p in ints:  # pragma: no cover - huge coordinates: exact Python integers
        row = []
        for f, (a, b) in enumerate(zip(normals, offsets)):
            v = sum(x * y for x, y in zip(a, p))
            if v > b:
                return None
            if v == b:
                row.append(f)
        tight_lists.append(row)
    return tight_lists


def _vertices(tight_lists: list[list[int]], normals: list[list[int]], d: int) -> list[int]:
    """Check 4: the points whose tight facet normals have rank d."""
    out = []
    for k, facets in enumerate(tight_lists):
        if len(facets) >= d:
            distinct = list({tuple(normals[f]) for f in facets})
            if len(distinct) == d and small_det(distinct) != 0:   # a simple vertex: one determinant
                out.append(k)
            elif len(distinct) > d and linalg.integer_rank(distinct) == d:
                out.append(k)
    return out


def sum_hull(summands: Sequence[Sequence[Sequence[int]]]) -> tuple[list[tuple[int, ...]], list[list[int]], list[int], list[list[int]], list | None] | None:
    r"""The vertices and facets of the Minkowski sum of integer point sets in d >= 3, or None.

    Qhull proposes the vertices of each partial sum (floats, as a float pipeline would: each
    step keeps Qhull's vertices of the pairwise sums). Only the last proposal ``V`` is checked,
    exactly, and that suffices: every point of ``V`` is a sum of one point per summand, so
    :math:`\mathrm{conv}\,V \subseteq S = \sum_s \mathrm{conv}\,P_s`; checks (1)-(3) of the
    module doc (or the closure proof in d >= 4) give the complete facet list ``a . x <= b`` of
    :math:`\mathrm{conv}\,V`; and each ``b`` must equal the sum of the summands' support values
    :math:`\sum_s \max_{p \in P_s} a \cdot p = h_S(a)` (support functions add), so every facet
    half-space holds ``S`` and :math:`S \subseteq \mathrm{conv}\,V`. Hence
    :math:`\mathrm{conv}\,V = S`, and check (4) picks its vertices. A partial sum that Qhull
    gets wrong can only make a check fail (None: the caller takes the step-by-step proved path);
    a flat partial sum, which Qhull cannot take, keeps all its candidates.

    Parameters
    ----------
    summands : sequence of sequences of integer points
        The point sets (vertices of the summands), all in Z^d.

    Returns
    -------
    tuple or None
        ``(vertices, normals, offsets, incidence, boundary)``: the vertices of the sum (sorted), its
        facets ``normals[f] . x <= offsets[f]`` (primitive, sorted), per facet the indices of the
        vertices on it, and the pulled boundary triangulation that proved the facets complete
        (``(i_0, ..., i_{d-1}, f)`` per simplex; None when another proof did); None when the sum is
        not full-dimensional, Qhull fails, or a check fails.

    >>> cube = [[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1], [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
    >>> V, A, b, on, _ = sum_hull([cube, [[0, 0, 0], [1, 1, 1]]])      # a cube plus a diagonal segment
    >>> len(V), len(A), [len(f) for f in on][:3]
    (14, 12, [4, 4, 4])
    """
    q = _qhull()
    d = len(summands[0][0]) if summands and summands[0] else 0
    if q is None or d < 3:
        return None
    hull_class, QhullError, np = q
    current = sorted({tuple(p) for p in summands[0]})
    for nxt in summands[1:]:
        cands = sorted({tuple(a + b for a, b in zip(u, v)) for u in current for v in {tuple(p) for p in nxt}})
        if len(cands) <= d + 1:
            current = cands
            continue
        try:
            hull = hull_class(np.array(cands, dtype=float))  # float-ok: Qhull only proposes; the last set is proved below
        except (QhullError, ValueError, OverflowError):  # a flat partial sum: keep every candidate
            if len(cands) > MAX_FLAT_CANDIDATES:
                return None
            current = cands
            continue
        current = [cands[i] for i in sorted(int(k) for k in hull.vertices)]
    proof: dict = {}
    planes = checked_planes(current, proof) if len(current) > d + 1 else None
    if planes is None:
        return None
    normals, offsets = planes
    tight = _tight_facets(current, normals, offsets, d)
    if tight is None or not _supports_add_up(summands, normals, offsets, d):
        return None
    keep = _vertices(tight, normals, d)
    incidence: list[list[int]] = [[] for _ in normals]
    for i, k in enumerate(keep):
        for f in tight[k]:
            incidence[f].append(i)
    boundary = proof.get("boundary") if len(keep) == len(current) else None  # indices of current = of the vertices
    return [current[k] for k in keep], normals, offsets, incidence, boundary


def _supports_add_up(summands: Sequence[Sequence[Sequence[int]]], normals: list[list[int]], offsets: list[int], d: int) -> bool:
    """Whether ``offsets[f] == sum_s max_{p in P_s} normals[f] . p`` for every facet (exact)."""
    np = _numpy()
    size = max(max(abs(c) for P in summands for p in P for c in p), 1)
    bound = size * max(max(abs(c) for a in normals for c in a), 1) * d
    if bound < _INT64_SAFE:  # each product is exact in int64; the sum over summands is taken in Python ints
        A = np.array(normals, dtype=np.int64).T
        total = [0] * len(normals)
        for P in summands:
            total = [t + h for t, h in zip(total, (np.array(P, dtype=np.int64) @ A).max(axis=0).tolist())]
        return total == list(offsets)
    for a, b in zip(normals, offsets):  # pragma: no cover - huge coordinates: exact Python integers
        if sum(max(sum(x * y for x, y in zip(a, p)) for p in P) for P in summands) != b:
            return False
    return True
