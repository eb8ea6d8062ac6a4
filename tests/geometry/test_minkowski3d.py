"""The 3-D normal-fan overlay (geometry/minkowski3d.py) against the summand-by-summand candidates,
against cddlib, on degenerate summands, with weights; its certificates verified and tampered with."""

import dataclasses
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactgame.certificates import encode
from exactgame.errors import CertificateError
from exactgame.geometry import Polytope, cddwrap, minkowski3d, minkowski_sum
from exactgame.geometry.hullcert import hull_certificate
from exactgame.geometry.minkowski import _sum_by_candidates
from tests.strategies import points, rational

F = Fraction


def _random_lists(rng, k, n, lo=-20, hi=20):
    return [[tuple(rng.randint(lo, hi) for _ in range(3)) for _ in range(n)] for _ in range(k)]


def _overlay(polytopes):
    S = minkowski3d.overlay_polytope(polytopes)
    assert S is not None, "the overlay declined a full-dimensional sum"
    return S


def _cdd_sum(lists, weights=None):
    """cddlib alone: the hull of all sums of one point per summand (small cases only)."""
    w = weights or [1] * len(lists)
    pts = [()]
    for P, wi in zip(lists, w):
        pts = list({tuple(a + wi * F(b) for a, b in zip(p or (0, 0, 0), q)) for p in pts for q in P})
    ineqs, eqs = cddwrap.hull_to_inequalities(sorted(pts))
    return Polytope.from_points(pts), ineqs, eqs


def _check_facets(S):
    """The cached facets and incidences are those computed afresh from the vertices alone."""
    fresh = Polytope([v for v in S.vertices], 3)
    assert S.inequalities == fresh._facets_from(cddwrap.hull_to_inequalities(S.vertices)[0])
    assert S.incidence == fresh.incidence


@pytest.mark.parametrize("k,n,seed", [(2, 5, 0), (3, 5, 1), (5, 5, 2), (8, 5, 3), (4, 12, 4), (3, 20, 5)])
def test_random_sums_equal_the_candidate_method(k, n, seed):
    rng = random.Random(seed)
    Ps = [Polytope.from_points(v) for v in _random_lists(rng, k, n)]
    S = _overlay(Ps)
    assert S == _sum_by_candidates(Ps, 3) == minkowski_sum(*Ps)
    assert S.dim == 3 and len(S.vertices) > 4


@pytest.mark.parametrize("k,seed", [(2, 10), (3, 11), (4, 12)])
def test_small_random_sums_equal_cddlib(k, seed):
    rng = random.Random(seed)
    lists = _random_lists(rng, k, 5, -6, 6)
    S = _overlay([Polytope.from_points(v) for v in lists])
    ref, ineqs, eqs = _cdd_sum(lists)
    assert S.vertices == ref.vertices and not eqs
    assert S.inequalities == ref._facets_from(ineqs)
    _check_facets(S)


def test_degenerate_summands():
    """Points, segments, flat polygons, a repeated summand (parallel edges, facets made of many
    edges), and a sum where only two summands together are full-dimensional."""
    point = Polytope.from_points([(1, 2, 3)])
    seg_x = Polytope.from_points([(0, 0, 0), (2, 0, 0)])
    seg_y = Polytope.from_points([(0, 0, 0), (0, 3, 0)])
    seg_z = Polytope.from_points([(0, 0, 0), (0, 0, 5)])
    seg_d = Polytope.from_points([(0, 0, 0), (1, 1, 1)])
    square = Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0), (F(1, 2), F(1, 2), 0)])
    tilted = Polytope.from_points([(0, 0, 0), (1, 0, 1), (0, 1, 2)])
    tet = Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)])
    cases = [
        [seg_x, seg_y, seg_z],                   # a box from three segments: no summand is full-dimensional
        [seg_x, seg_y, seg_z, seg_d, point],     # a zonotope, translated
        [square, seg_z],                         # a prism from a flat square and a segment
        [square, tilted],                        # two flat polygons
        [tet, tet, tet, tet],                    # a repeated summand: 4 tet
        [tet, tet.scale(-1), square, point],     # a cuboctahedron-like sum and more
        [tilted, tilted, seg_d, seg_x],
    ]
    for Ps in cases:
        S = _overlay(Ps)
        assert S == _sum_by_candidates(Ps, 3)
        assert S == _cdd_sum([P.vertices for P in Ps])[0]
        _check_facets(S)
    assert _overlay([tet, tet, tet, tet]) == tet.scale(4)
    box = _overlay([seg_x, seg_y, seg_z])
    assert box == Polytope.from_points([(x, y, z) for x in (0, 2) for y in (0, 3) for z in (0, 5)])


def test_lower_dimensional_sums_fall_back():
    """Flat sums (all summands parallel to one plane, or on one line) are declined by the overlay and
    computed by the candidate method, with the same answer as the hull of all pairwise sums."""
    flat = [Polytope.from_points([(0, 0, 1), (1, 0, 1), (0, 1, 1)]), Polytope.from_points([(0, 0, 0), (2, 1, 0)]),
            Polytope.from_points([(1, 1, 5)])]
    line = [Polytope.from_points([(0, 0, 0), (1, 1, 1)]), Polytope.from_points([(2, 2, 2), (5, 5, 5)])]
    for Ps, dim in ((flat, 2), (line, 1)):
        assert minkowski3d.overlay_polytope(Ps) is None
        S = minkowski_sum(*Ps)
        assert S.dim == dim and S == _sum_by_candidates(Ps, 3) == _cdd_sum([P.vertices for P in Ps])[0]
    assert minkowski_sum(*line).vertices == ((2,) * 3, (6,) * 3)


def test_weights_scale_the_summands():
    rng = random.Random(7)
    lists = _random_lists(rng, 3, 5, -5, 5)
    Ps = [Polytope.from_points(v) for v in lists]
    w = [F(1, 3), F(-2, 5), F(7, 2)]
    S = minkowski_sum(*Ps, weights=w)
    ref, _, _ = _cdd_sum(lists, w)
    assert S == ref
    assert minkowski_sum(*Ps, weights=[0, 1, 1]) == minkowski_sum(Ps[1], Ps[2])
    assert minkowski_sum(*Ps, weights=[2, 2, 2]) == minkowski_sum(*Ps).scale(2)


@settings(max_examples=30, deadline=None)
@given(points(3, 1, 6), points(3, 1, 6), points(3, 1, 4), st.tuples(rational, rational, rational))
def test_sum_of_three_against_pairwise_hull(P, Q, R, w):
    """A hypothesis property: the weighted sum is the hull of all weighted sums of one point each."""
    S = minkowski_sum(*[Polytope.from_points(X) for X in (P, Q, R)], weights=list(w))
    brute = Polytope.from_points([tuple(w[0] * a + w[1] * b + w[2] * c for a, b, c in zip(p, q, r))
                                  for p in P for q in Q for r in R])
    assert S == brute
    if S.dim == 3:
        _check_facets(S)


def test_certificate_verifies_and_tampering_is_caught():
    """The result's cached facets and incidences give a convex-hull certificate (exposing normals,
    facets, boundary cycle) that the certificate class and the independent checker both accept;
    a dropped vertex, a moved vertex, a shifted facet or a dropped boundary triangle is refused."""
    from exactgame.check.core import CheckFailure
    from exactgame.check.payoffs import _check_hull

    rng = random.Random(21)
    lists = _random_lists(rng, 6, 5, -9, 9)
    w = [F(1, 2), 1, F(3, 4), 2, 1, F(1, 7)]
    S = minkowski_sum(*[Polytope.from_points(v) for v in lists], weights=w)
    summands = [[tuple(F(c) for c in p) for p in v] for v in lists]
    cert = hull_certificate(S, summands, w, max_vertices=10)   # no cddlib: the facets are cached
    assert cert.verify() and cert.complete and cert.boundary
    witness = cert.witness()
    assert _check_hull("prior", encode(S.vertices), witness, summands, w, 3)
    v0 = S.vertices[0]
    tampered = [
        dataclasses.replace(cert, vertices=cert.vertices[1:], normals=cert.normals[1:]),
        dataclasses.replace(cert, vertices=(tuple(c + 1 for c in v0),) + cert.vertices[1:]),
        dataclasses.replace(cert, facets=((cert.facets[0][0], cert.facets[0][1] + 1),) + cert.facets[1:]),
        dataclasses.replace(cert, boundary=cert.boundary[1:]),
    ]
    for bad in tampered:
        with pytest.raises(CertificateError):
            bad.verify()
    bad_witness = dict(witness, boundary=witness["boundary"][1:])
    with pytest.raises(CheckFailure):
        _check_hull("prior", encode(S.vertices), bad_witness, summands, w, 3)
    with pytest.raises(CheckFailure):
        _check_hull("prior", encode(S.vertices[1:]), dict(witness, normals=witness["normals"][1:]), summands, w, 3)


def _ints(Ps):
    flat, _ = minkowski3d.hull_fast.integer_points([v for P in Ps for v in P.vertices])
    out, pos = [], 0
    for P in Ps:
        out.append([tuple(p) for p in flat[pos:pos + len(P.vertices)]])
        pos += len(P.vertices)
    return out


def test_closure_check_refuses_an_incomplete_facet_list(monkeypatch):
    """A missing summand edge loses facets: the closure check then refuses (None), and
    minkowski_sum still answers correctly through the candidate method."""
    rng = random.Random(5)
    Ps = [Polytope.from_points(v) for v in _random_lists(rng, 4, 5)]
    summands = _ints(Ps)
    edges = [minkowski3d.summand_edges(P) for P in Ps]
    normals = [minkowski3d.face_normals(P) for P in Ps]
    full = minkowski3d.overlay_sum(summands, edges, normals)
    assert full is not None
    assert minkowski3d.overlay_sum(summands, [edges[0][1:]] + edges[1:], normals) is None
    assert minkowski3d.overlay_sum(summands, edges, [normals[0][1:]] + normals[1:]) is None
    rings = [((n, [tuple(full.vertices[i]) for i in idx]), h) for (n, h), idx in zip(full.facets, full.incidence)]
    assert minkowski3d._closed_surface([r for r, _ in rings[1:]], [h for _, h in rings[1:]], (0, 0, 0)) is None
    monkeypatch.setattr(minkowski3d, "overlay_sum", lambda *a: None)
    assert minkowski_sum(*Ps) == _sum_by_candidates(Ps, 3)


def test_python_integers_agree_with_int64(monkeypatch):
    """Huge coordinates take the exact Python-integer path; forcing it on small input gives the
    int64 answer."""
    rng = random.Random(9)
    Ps = [Polytope.from_points(v) for v in _random_lists(rng, 5, 5)]
    fast = _overlay(Ps)
    big = [P.scale(10**9) for P in Ps]
    assert minkowski3d._dtype(_ints(big), len(big)) is object
    assert _overlay(big) == fast.scale(10**9)
    monkeypatch.setattr(minkowski3d, "_dtype", lambda rel, m: object)
    assert _overlay(Ps) == fast
