r"""A fast exact convex hull in dimension >= 3: Qhull suggests, exact integer arithmetic decides.

Qhull (through scipy, in floating point; ``# float-ok``: a suggestion only) returns a
triangulated hull. Its answer is accepted only if it passes three exact checks on
integer coordinates (the points scaled to a common denominator):

1. every facet's plane, recomputed exactly through its ``d`` points, is valid: no input
   point lies strictly outside it (one exact integer matrix product);
2. the facets form a closed surface: every ridge (a facet's ``d - 1`` points) belongs to
   exactly two facets;
3. a point is reported as a vertex only if the normals of the exact facets tight at it
   have rank ``d``.

A closed surface of valid supporting facets bounds exactly the convex hull, so the
facets are the hull's and the rank test picks its vertices. If Qhull fails (degenerate,
lower-dimensional input) or any check fails, the caller falls back to cddlib; the
answer never depends on a float.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Any, Sequence

from . import linalg
from ..numbers import Vector

__all__ = ["extreme_points_fast", "extreme_indices"]


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

#: int64 products are exact while |coordinate| * |normal entry| * d stays below this.
_INT64_SAFE = 2**62


def _integer_points(pts: Sequence[Vector]) -> tuple[list[list[int]], int]:
    L = 1
    for p in pts:
        for c in p:
            L = L * c.denominator // gcd(L, c.denominator)
    return [[int(c * L) for c in p] for p in pts], L


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
    ints, _ = _integer_points(pts)
    idx = extreme_indices(ints)
    return None if idx is None else sorted({tuple(pts[k]) for k in idx})


def extreme_indices(ints: Sequence[Sequence[int]]) -> list[int] | None:
    """Indices of the vertices of the hull of integer points (d >= 3), or None (see the module doc).

    Qhull proposes facets in floats; exactly: (2) every ridge lies in two facets (a closed
    surface), the plane through each facet's d points is computed in integers and oriented away
    from the centroid, (1) every point satisfies every facet inequality, and (3) a point is a
    vertex when its tight facets' normals have rank d.

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
    if not _closed_surface(simplices, d):
        return None
    planes = _facet_planes(ints, simplices, d)
    if planes is None:
        return None
    normals, offsets = planes
    tight_lists = _tight_facets(ints, normals, offsets, np, d)
    if tight_lists is None:
        return None
    return _vertices(tight_lists, normals, d)


def _closed_surface(simplices: list[tuple[int, ...]], d: int) -> bool:
    """Check 2: every ridge of the proposed facets lies in exactly two facets."""
    ridges: dict[tuple[int, ...], int] = {}
    for s in simplices:
        for k in range(d):
            r = tuple(sorted(s[:k] + s[k + 1:]))
            ridges[r] = ridges.get(r, 0) + 1
    return all(c == 2 for c in ridges.values())


def _facet_plane(ints: Sequence[Sequence[int]], s: tuple[int, ...], d: int) -> list[int] | None:
    """The primitive integer normal of the plane through the facet's d points, or None if they are flat."""
    base = ints[s[0]]
    if d == 3:  # the cross product of two integer edge vectors, made primitive
        u = [ints[s[1]][i] - base[i] for i in range(3)]
        w = [ints[s[2]][i] - base[i] for i in range(3)]
        a = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
        g = gcd(gcd(abs(a[0]), abs(a[1])), abs(a[2]))
        if g == 0:
            return None  # collinear points: a degenerate Qhull facet, let cddlib decide
        return [x // g for x in a]
    diffs = [[Fraction(ints[j][i] - base[i]) for i in range(d)] for j in s[1:]]
    ns = linalg.nullspace(diffs, ncols=d)
    if len(ns) != 1:
        return None  # a degenerate (flat) Qhull facet: let cddlib decide
    return [int(x) for x in linalg.primitive(ns[0])]


def _facet_planes(ints: Sequence[Sequence[int]], simplices: list[tuple[int, ...]],
                  d: int) -> tuple[list[list[int]], list[int]] | None:
    """Exact facet planes a . x <= b, oriented away from an interior point; None if one is degenerate."""
    centre = [sum(p[i] for p in ints) for i in range(d)]  # n * centroid (integer)
    n_pts = len(ints)
    normals, offsets = [], []
    for s in simplices:
        a = _facet_plane(ints, s, d)
        if a is None:
            return None
        b = sum(x * y for x, y in zip(a, ints[s[0]]))
        side = sum(x * y for x, y in zip(a, centre)) - n_pts * b
        if side == 0:
            return None
        if side > 0:
            a, b = [-x for x in a], -b
        normals.append(a)
        offsets.append(b)
    return normals, offsets


def _tight_facets(ints: Sequence[Sequence[int]], normals: list[list[int]], offsets: list[int], np: Any,
                  d: int) -> list[list[int]] | None:
    """Check 1: A x <= b for every point, exactly; per point the facets it is tight on (None if one fails)."""
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
    """Check 3: the points whose tight facet normals have rank d."""
    out = []
    for k, facets in enumerate(tight_lists):
        if len(facets) >= d:
            distinct = {tuple(normals[f]) for f in facets}
            if len(distinct) >= d and linalg.rank([[Fraction(x) for x in a] for a in distinct]) == d:
                out.append(k)
    return out
