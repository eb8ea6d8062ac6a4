"""Exact facets in dimension >= 4 from Qhull's proposal when its triangulation has flat simplices
(exactgame/geometry/hull_fast.py, "Closed facet lists"; issue 25): the facets must be cddlib's,
the closure check must be what accepts them, and a facet list with a facet missing is refused."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest

from exactgame.geometry import cddwrap, hull_fast, polytope
from exactgame.geometry.linalg import primitive


def _norm(rows):
    return sorted(tuple(primitive(tuple(a) + (b,))) for a, b in rows)


def _cases():
    tri = [(0, 0), (1, 0), (0, 1)]
    yield "4-cube and its centre", [tuple(F(x) for x in v) for v in itertools.product((0, 1), repeat=4)] + [(F(1, 2),) * 4]
    yield "3 x 3 x 3 x 3 grid", [tuple(F(x) for x in v) for v in itertools.product((0, 1, 2), repeat=4)]
    yield "cross-polytope", [tuple(F(s * (i == j)) for j in range(4)) for i in range(4) for s in (1, -1)] + [(F(0),) * 4]
    yield "triangle x triangle", [tuple(F(x) for x in a + b) for a in tri for b in tri]
    yield "5-cube", [tuple(F(x) for x in v) for v in itertools.product((0, 1), repeat=5)]
    rng = random.Random(3)
    for k in range(12):
        d = 4 if k % 3 else 5
        yield f"random small integers {k}", [tuple(F(rng.randint(0, 3)) for _ in range(d)) for _ in range(rng.randint(10, 50))]


@pytest.mark.parametrize("name,pts", list(_cases()))
def test_closed_facets_equal_cddlib(name, pts, monkeypatch):
    pts = sorted(set(pts))
    ineq, eq = cddwrap.hull_to_inequalities(pts)
    assert not eq
    fast = hull_fast.facets_fast(pts)
    assert fast is not None and _norm(fast) == _norm(ineq), name
    vertices = hull_fast.extreme_points_fast(pts)
    monkeypatch.setattr(polytope, "FAST_HULL_THRESHOLD", 10**9)   # cddlib's facets and the rank test
    slow, _ = polytope._extreme_points(pts)
    assert vertices == sorted(slow), name


def test_the_closure_path_is_what_accepts_the_cube():
    """The 4-cube's facets are squares x segments: Qhull triangulates them with flat simplices."""
    cube = [list(v) for v in itertools.product((0, 1), repeat=4)]
    calls = []
    real = hull_fast._closed_planes

    def spy(*a):
        calls.append(1)
        return real(*a)

    hull_fast._closed_planes, old = spy, hull_fast._closed_planes
    try:
        planes = hull_fast.checked_planes(cube)
    finally:
        hull_fast._closed_planes = old
    assert planes is not None and len(planes[0]) == 8
    assert calls, "the 4-cube did not need the closure path (Qhull's triangulation changed?)"


def test_a_missing_facet_is_refused():
    """Drop every simplex of one facet from Qhull's triangulation: the ridges of its neighbours
    then have no listed facet on the other side, and the closure check refuses the list."""
    from scipy.spatial import ConvexHull

    import numpy as np

    cube = [list(v) for v in itertools.product((0, 1), repeat=4)]
    simplices = [tuple(int(i) for i in s) for s in ConvexHull(np.array(cube, dtype=float)).simplices]  # float-ok: Qhull's proposal
    assert hull_fast._closed_planes(cube, simplices, 4) is not None
    on_x0 = [s for s in simplices if all(cube[k][0] == 0 for k in s)]
    assert on_x0
    kept = [s for s in simplices if s not in on_x0]
    assert hull_fast._closed_planes(cube, kept, 4) is None


def test_a_wrong_grouping_of_qhull_simplices_is_refused():
    """One exact plane per group of Qhull simplices (grouped by float plane) is only a shortcut: a
    grouping that merges two facets loses one of them, the closure proof refuses the list, and
    checked_planes still returns cddlib's facets by its ungrouped path."""
    from scipy.spatial import ConvexHull

    import numpy as np

    cube = [list(v) for v in itertools.product((0, 1), repeat=4)]
    hull = ConvexHull(np.array(cube, dtype=float))  # float-ok: Qhull's proposal
    simplices = [tuple(int(i) for i in s) for s in hull.simplices]
    groups = hull_fast._facet_groups(hull.equations, np)
    assert len(groups) == 8 and hull_fast._closed_planes(cube, simplices, 4, groups) is not None
    merged = [groups[0] + groups[1]] + groups[2:]          # the facets of groups 0 and 1 as one
    assert hull_fast._closed_planes(cube, simplices, 4, merged) is None
    real = hull_fast._facet_groups
    try:
        hull_fast._facet_groups = lambda eq, np_: [g for g in merged]
        planes = hull_fast.checked_planes(cube)
    finally:
        hull_fast._facet_groups = real
    assert planes is not None and len(planes[0]) == 8


def test_an_invalid_plane_is_refused():
    """A 'simplex' through interior points gives a plane some point violates: refused by check (3)."""
    pts = [list(v) for v in itertools.product((0, 1, 2), repeat=4)]
    inner = [pts.index([1, 1, 1, 1]), pts.index([2, 0, 0, 0]), pts.index([0, 2, 0, 0]), pts.index([0, 0, 2, 0])]
    assert hull_fast._closed_planes(pts, [tuple(inner)], 4) is None


@pytest.mark.parametrize("name,points", list(_cases()), ids=[n for n, _ in _cases()])
def test_boundary_cycle_proves_completeness_in_four_and_five_dimensions(name, points):
    """The pulling triangulation of the boundary makes a hull certificate complete in d >= 4; a dropped
    simplex, a simplex moved to another facet, and a missing vertex are refused."""
    import dataclasses

    from exactgame.errors import CertificateError
    from exactgame.geometry.hullcert import hull_certificate

    P = polytope.Polytope.from_points(points)
    cert = hull_certificate(P, [points])
    assert cert.boundary and len(cert.boundary[0]) == P.ambient_dim + 1
    assert cert.verify() and cert.complete
    t = cert.boundary[0]
    moved = (t[:-1] + (next(f for f in range(len(cert.facets)) if f != t[-1]),),) + cert.boundary[1:]
    for boundary in (cert.boundary[1:], moved):
        with pytest.raises(CertificateError):
            dataclasses.replace(cert, boundary=boundary).verify()
    # a vertex missing from the list: drop the last vertex (and its normal); the cycle cannot close
    k = len(cert.vertices) - 1
    kept = tuple(s for s in cert.boundary if k not in s[:-1])
    with pytest.raises(CertificateError):
        dataclasses.replace(cert, vertices=cert.vertices[:k], normals=cert.normals[:k], boundary=kept).verify()


@pytest.mark.parametrize("name,pts", [c for c in _cases() if c[0] in ("3 x 3 x 3 x 3 grid", "4-cube and its centre", "5-cube")])
def test_each_closure_proof_alone_accepts_the_facets_and_refuses_a_missing_one(name, pts):
    """The pulled boundary cycle (tried first) and the ridge recursion (its fallback) each accept cddlib's
    facet list, with points on the boundary that are not vertices (the grid), and each refuses the
    list with one facet dropped."""
    ints, L = hull_fast.integer_points(sorted(set(pts)))
    d = len(ints[0])
    ineq, _ = cddwrap.hull_to_inequalities(sorted(set(pts)))
    rows = [primitive(tuple(a) + (b * L,)) for a, b in ineq]      # a . x <= b on the points scaled by L
    normals = [[int(x) for x in r[:d]] for r in rows]
    offsets = [int(r[d]) for r in rows]
    for keep in (len(normals), len(normals) - 1):
        tight = hull_fast._tight_facets(ints, normals[:keep], offsets[:keep], d)
        assert tight is not None
        expect = keep == len(normals)
        assert hull_fast._pulled_cycle(ints, normals[:keep], tight, d) is expect, name
        assert hull_fast._closed_under_ridges(ints, normals[:keep], tight, d) is expect, name
