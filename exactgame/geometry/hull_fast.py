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
from typing import Sequence

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
    """The vertices of conv(pts) (d >= 3, full-dimensional), or None to ask for the exact fallback."""
    if len(pts) < len(pts[0]) + 1:
        return None
    ints, _ = _integer_points(pts)
    idx = extreme_indices(ints)
    return None if idx is None else sorted({tuple(pts[k]) for k in idx})


def extreme_indices(ints: Sequence[Sequence[int]]) -> list[int] | None:
    """Indices of the vertices of the hull of integer points (d >= 3), or None (see the module doc)."""
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
    # 2. closed surface: every ridge in exactly two facets
    ridges: dict[tuple[int, ...], int] = {}
    for s in simplices:
        for k in range(d):
            r = tuple(sorted(s[:k] + s[k + 1:]))
            ridges[r] = ridges.get(r, 0) + 1
    if any(c != 2 for c in ridges.values()):
        return None
    # exact facet planes through the d points, oriented away from an interior point
    centre = [sum(p[i] for p in ints) for i in range(d)]  # n * centroid (integer)
    n_pts = len(ints)
    normals, offsets = [], []
    for s in simplices:
        base = ints[s[0]]
        if d == 3:  # the cross product of two integer edge vectors, made primitive
            u = [ints[s[1]][i] - base[i] for i in range(3)]
            w = [ints[s[2]][i] - base[i] for i in range(3)]
            a = [u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0]]
            g = gcd(gcd(abs(a[0]), abs(a[1])), abs(a[2]))
            if g == 0:
                return None  # collinear points: a degenerate Qhull facet, let cddlib decide
            a = [x // g for x in a]
        else:
            diffs = [[Fraction(ints[j][i] - base[i]) for i in range(d)] for j in s[1:]]
            ns = linalg.nullspace(diffs, ncols=d)
            if len(ns) != 1:
                return None  # a degenerate (flat) Qhull facet: let cddlib decide
            a = [int(x) for x in linalg.primitive(ns[0])]
        b = sum(x * y for x, y in zip(a, base))
        side = sum(x * y for x, y in zip(a, centre)) - n_pts * b
        if side == 0:
            return None
        if side > 0:
            a, b = [-x for x in a], -b
        normals.append(a)
        offsets.append(b)
    # 1. validity: A x <= b for every point, in exact integer arithmetic
    bound = max(max(abs(c) for p in ints for c in p), 1) * max(max(abs(c) for a in normals for c in a), 1) * d
    if bound < _INT64_SAFE:
        P = np.array(ints, dtype=np.int64)
        A = np.array(normals, dtype=np.int64).T
        off = np.array(offsets, dtype=np.int64)
        tight_lists = []
        step = max(1, 4_000_000 // max(1, len(normals)))  # bound the memory of each block of products
        for lo in range(0, len(ints), step):
            prod = P[lo:lo + step] @ A
            if (prod > off).any():
                return None
            tight_lists += [np.nonzero(row)[0].tolist() for row in prod == off]
    else:  # pragma: no cover - huge coordinates: exact Python integers
        tight_lists = []
        for p in ints:
            row = []
            for f, (a, b) in enumerate(zip(normals, offsets)):
                v = sum(x * y for x, y in zip(a, p))
                if v > b:
                    return None
                if v == b:
                    row.append(f)
            tight_lists.append(row)
    # 3. vertices: tight facet normals of rank d
    out = []
    for k, facets in enumerate(tight_lists):
        if len(facets) >= d:
            distinct = {tuple(normals[f]) for f in facets}
            if len(distinct) >= d and linalg.rank([[Fraction(x) for x in a] for a in distinct]) == d:
                out.append(k)
    return out
