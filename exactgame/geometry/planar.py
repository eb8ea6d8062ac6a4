"""Exact O(n log n) algorithms in the plane: convex hull and Minkowski sums.

Polygons are lists of vertices in counter-clockwise order with no three collinear;
a segment is its two end points, a point a single vertex.

>>> from fractions import Fraction as F
>>> hull_2d([(0, 0), (2, 0), (1, 1), (0, 2), (2, 2), (1, 0)])
[(0, 0), (2, 0), (2, 2), (0, 2)]
>>> minkowski_2d([[(0, 0), (1, 0), (0, 1)], [(0, 0), (1, 1)]])
[(0, 0), (1, 0), (2, 1), (1, 2), (0, 1)]
"""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any, Sequence, TypeVar

N = TypeVar("N")


def cross(o: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> Any:
    """z-component of (a - o) x (b - o): > 0 for a left turn, 0 when collinear.

    Parameters
    ----------
    o, a, b : pairs of numbers
        Points of the plane.

    Returns
    -------
    number
        :math:`(a_x - o_x)(b_y - o_y) - (a_y - o_y)(b_x - o_x)`, exact for exact inputs.

    >>> cross((0, 0), (1, 0), (0, 1)), cross((0, 0), (1, 1), (2, 2))
    (1, 0)
    """
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull_2d(points: Sequence[tuple]) -> list[tuple]:
    """Convex hull, counter-clockwise from the lowest (then leftmost) vertex.

    Andrew's monotone chain, exact on rationals; collinear and repeated points
    are dropped.

    Parameters
    ----------
    points : sequence of pairs
        Exact points (Fractions or ints).

    Returns
    -------
    list of tuple
        The vertices counter-clockwise (one point, or a segment's two ends, when degenerate).

    >>> hull_2d([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)])
    [(0, 0), (2, 0), (2, 2), (0, 2)]
    """
    pts = sorted(set(tuple(p) for p in points))
    if len(pts) <= 2:
        return _start_low(pts)
    lower = _chain(pts)
    upper = _chain(pts[::-1])
    ring = lower[:-1] + upper[:-1]
    if len(ring) == 2 and ring[0] == ring[1]:  # pragma: no cover - guarded by set()
        ring = ring[:1]
    return _start_low(ring)


def _chain(pts: Sequence[tuple]) -> list:
    """One monotone chain of Andrew's algorithm over sorted points (the lower one; the upper one
    over the points in reverse), dropping collinear points."""
    out: list = []
    for p in pts:
        while len(out) >= 2 and cross(out[-2], out[-1], p) <= 0:
            out.pop()
        out.append(p)
    return out


def upper_hull_2d(points: Sequence[tuple]) -> list[tuple]:
    """The upper chain of the convex hull, left to right: the graph of the concave closure of
    the points (a function of x) over their x-range. Exact on rationals.

    Parameters
    ----------
    points : sequence of pairs
        ``(x, f)`` points.

    Returns
    -------
    list of tuple
        The vertices of the upper chain in increasing x (collinear points dropped).

    >>> from fractions import Fraction as F
    >>> upper_hull_2d([(0, 0), (1, 2), (2, 1), (3, 3), (1, 0)])
    [(0, 0), (1, 2), (3, 3)]
    """
    pts = sorted(set(tuple(p) for p in points))
    return _chain(pts[::-1])[::-1] if len(pts) > 2 else pts


def _start_low(ring: list) -> list:
    if not ring:
        return ring
    k = min(range(len(ring)), key=lambda i: (ring[i][1], ring[i][0]))
    return ring[k:] + ring[:k]


def _half(v) -> int:
    return 0 if (v[1] > 0 or (v[1] == 0 and v[0] > 0)) else 1


def _angle_cmp(u, v) -> int:
    hu, hv = _half(u), _half(v)
    if hu != hv:
        return hu - hv
    c = u[0] * v[1] - u[1] * v[0]
    return -1 if c > 0 else (1 if c < 0 else 0)


def edges(ring: Sequence[tuple]) -> list[tuple]:
    """Edge vectors of a counter-clockwise ring (a segment has two, a point none).

    Parameters
    ----------
    ring : sequence of pairs
        Vertices counter-clockwise.

    Returns
    -------
    list of tuple
        ``ring[i+1] - ring[i]`` for every i, cyclically.

    >>> edges([(0, 0), (1, 0), (0, 1)])
    [(1, 0), (-1, 1), (0, -1)]
    """
    if len(ring) < 2:
        return []
    return [(ring[(i + 1) % len(ring)][0] - ring[i][0], ring[(i + 1) % len(ring)][1] - ring[i][1]) for i in range(len(ring))]


def minkowski_2d(rings: Sequence[Sequence[tuple]]) -> list[tuple]:
    """Minkowski sum of convex polygons given as counter-clockwise rings.

    Merges the edge vectors of all summands by polar angle (exact comparisons),
    starting from the sum of their lowest vertices: O(N log N) for N edges in all.

    Parameters
    ----------
    rings : sequence of rings
        Each a convex polygon's vertices counter-clockwise from its lowest (then leftmost) one.

    Returns
    -------
    list of tuple
        The sum's vertices counter-clockwise (empty if a summand is empty).

    >>> minkowski_2d([[(0, 0), (1, 0)], [(0, 0), (1, 1), (0, 1)]])
    [(0, 0), (1, 0), (2, 1), (0, 1)]
    """
    rings = [list(r) for r in rings]
    if any(not r for r in rings):
        return []
    start = [sum(r[0][0] for r in rings), sum(r[0][1] for r in rings)]
    all_edges = sorted((e for r in rings for e in edges(r)), key=cmp_to_key(_angle_cmp))
    out = [tuple(start)]
    cur = list(start)
    i = 0
    while i < len(all_edges):
        ex, ey = all_edges[i]
        j = i + 1
        while j < len(all_edges) and _angle_cmp(all_edges[j], all_edges[i]) == 0:
            ex, ey = ex + all_edges[j][0], ey + all_edges[j][1]
            j += 1
        cur = [cur[0] + ex, cur[1] + ey]
        out.append(tuple(cur))
        i = j
    if len(out) > 1:
        out.pop()  # the walk returns to the start
    return out
