r"""Minkowski sums of polytopes, optionally weighted.

.. math::  \sum_i w_i P_i = \{\textstyle\sum_i w_i x_i : x_i \in P_i\},

e.g. the feasible payoff set :math:`F_p = \sum_\omega p(\omega) F_\omega` of
000_2cf035f6c25283ea.txt eq. (5). Its support function is additive (eq. (6)):
:math:`S(\sum F_i; n) = \sum S(F_i; n)`.

In the plane the edge sequences are merged by angle (O(N log N), exact). In 3-D, a
full-dimensional sum of two or more summands is built from its facets, which are the vertices
of the overlay of the summands' normal fans (:mod:`exactgame.geometry.minkowski3d`: one
integer test per pair of summand edges, one support evaluation per facet, completeness proved
by a closure check). Otherwise (dimension >= 4, or a flat sum in 3-D) Qhull proposes the
vertices of each partial sum, as a float pipeline would, and only the final vertex set ``V`` is
proved (:func:`~exactgame.geometry.hull_fast.sum_hull`): its facets are complete for conv V and
each facet's offset is the sum of the summands' support values in its normal, so conv V is the
sum; the proved facets, incidence and boundary triangulation stay on the result. When that
fails (a flat sum, a wrong proposal), the sum is grown one summand at a time, each partial
sum's vertices proved.

>>> from exactgame.geometry.polytope import Polytope
>>> sq = Polytope.from_points([(0, 0), (1, 0), (0, 1), (1, 1)])
>>> minkowski_sum(sq, sq, weights=["1/2", "1/2"]) == sq
True
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Any, Sequence

from ..errors import InputError
from ..numbers import to_vector
from . import hull_fast, minkowski3d, planar
from .polytope import Polytope

__all__ = ["minkowski_sum"]


def minkowski_sum(*polytopes: Polytope, weights: Sequence[Any] | None = None) -> Polytope:
    r"""The (weighted) Minkowski sum of one or more polytopes in the same space.

    :math:`\sum_s w_s P_s = \{\sum_s w_s x_s : x_s \in P_s\}`; in the plane by merging
    edge vectors by angle; in 3-D, when the sum is full-dimensional, from its facets (the
    normal-fan overlay of :mod:`~exactgame.geometry.minkowski3d`, whose facets and incidences
    the result keeps); otherwise from the sums of vertices (Qhull proposes the hull, exact
    checks decide, cddlib otherwise).

    Parameters
    ----------
    *polytopes : Polytope
        The summands (or one list of them), all in the same space.
    weights : sequence of numbers, optional
        one exact weight per polytope (default all 1); any rational is allowed.

    Returns
    -------
    Polytope
        The sum (empty if a summand is empty).

    Raises
    ------
    InputError
        No summand, a summand that is not a Polytope, mixed dimensions or a wrong number of weights.

    >>> F = Fraction
    >>> seg = Polytope.from_points([(F(0), F(0)), (F(1), F(0))])
    >>> tri = Polytope.from_points([(F(0), F(0)), (F(0), F(1)), (F(1), F(1))])
    >>> sorted(minkowski_sum(seg, tri, weights=[2, 1]).vertices)
    [(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(1, 1))]
    """
    if len(polytopes) == 1 and isinstance(polytopes[0], (list, tuple)):
        polytopes = tuple(polytopes[0])
    if not polytopes:
        raise InputError("minkowski_sum: give at least one polytope")
    if any(not isinstance(P, Polytope) for P in polytopes):
        raise InputError("minkowski_sum: every summand must be a Polytope")
    d = polytopes[0].ambient_dim
    if any(P.ambient_dim != d for P in polytopes):
        raise InputError("minkowski_sum: the polytopes live in different dimensions")
    if weights is not None:
        w = to_vector(weights, where="minkowski_sum: weights")
        if len(w) != len(polytopes):
            raise InputError(f"minkowski_sum: {len(w)} weights for {len(polytopes)} polytopes")
        polytopes = tuple(P if wi == 1 else P.scale(wi) for P, wi in zip(polytopes, w))
    if any(P.is_empty for P in polytopes):
        return Polytope.empty(d)
    return _sum_nonempty(polytopes, d)


def _sum_nonempty(polytopes: Sequence[Polytope], d: int) -> Polytope:
    """The method by dimension: planar merge; 3-D normal-fan overlay when the sum is
    full-dimensional; otherwise the summand-by-summand candidates."""
    if d == 2:
        ring = planar.minkowski_2d([P.ring for P in polytopes])
        return Polytope(ring, 2, _ring=ring)
    if d == 3 and len(polytopes) >= 2:
        found = minkowski3d.overlay_polytope(polytopes)
        if found is not None:
            return found
    return _sum_by_candidates(polytopes, d)


def _sum_by_candidates(polytopes: Sequence[Polytope], d: int) -> Polytope:
    """Grow the sum one summand at a time, keeping only vertices. Coordinates are scaled to
    integers once, so the pairwise candidates and the exactly verified fast hull
    (:mod:`exactgame.geometry.hull_fast`) work on machine-friendly integers; any step the
    fast hull declines goes through cddlib."""
    L = 1
    for P in polytopes:
        for v in P.vertices:
            for c in v:
                L = L * c.denominator // gcd(L, c.denominator)
    ints = [sorted({tuple(int(c * L) for c in v) for v in P.vertices}) for P in polytopes]
    found = hull_fast.sum_hull(ints) if d >= 3 and len(ints) >= 2 else None
    if found is not None:  # Qhull's partial sums, the final hull proved against the summands' supports
        return _proved_sum(found, L, d)
    total = ints[0]
    for nxt in ints[1:]:
        cands = sorted({tuple(a + b for a, b in zip(u, v)) for u in total for v in nxt})
        idx = hull_fast.extreme_indices(cands) if len(cands) > d + 1 else None
        if idx is None:
            exact = Polytope.from_points([tuple(Fraction(c) for c in p) for p in cands], ambient_dim=d)
            total = [tuple(int(c) for c in v) for v in exact.vertices]
        else:
            total = [cands[k] for k in idx]
    return Polytope([tuple(Fraction(c, L) for c in v) for v in total], d)


def _proved_sum(found, L: int, d: int) -> Polytope:
    """The polytope of :func:`~exactgame.geometry.hull_fast.sum_hull`'s answer (integer coordinates
    over ``L``), keeping its facets, incidence and boundary triangulation (relabelled to the
    polytope's order of vertices and facets; a hull certificate checks whatever it is given)."""
    verts, normals, offsets, incidence, boundary = found
    scaled = [tuple(Fraction(c, L) for c in v) for v in verts]
    out = Polytope(scaled, d)
    out.__dict__["equations"] = ()  # full-dimensional: sum_hull's centroid lies strictly inside
    at = [i for i in map({v: i for i, v in enumerate(out.vertices)}.__getitem__, scaled)]
    rows = sorted((out._canonical(tuple(Fraction(x) for x in a), Fraction(b, L)), tuple(sorted(at[i] for i in on)), f)
                  for f, (a, b, on) in enumerate(zip(normals, offsets, incidence)))
    out.__dict__["inequalities"] = tuple(r for r, _, _ in rows)
    out.__dict__["incidence"] = tuple(on for _, on, _ in rows)
    if boundary is not None:
        row_of = {f: k for k, (_, _, f) in enumerate(rows)}
        out.__dict__["boundary_simplices"] = tuple(tuple(at[i] for i in s[:d]) + (row_of[s[d]],) for s in boundary)
    return out
