from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from exactgame.certificates import dot
from exactgame.errors import InputError
from exactgame.geometry import Cone, Polytope, minkowski_sum
from exactgame.geometry.hullcert import hull_certificate
from tests.strategies import points, rational

F = Fraction
EX1_W0 = [(2, 9), (10, 8), (0, F(32, 5)), (3, 4), (1, 0)]


def test_example1_state_w0():
    P = Polytope.from_points(EX1_W0)
    assert P.vertices == ((0, F(32, 5)), (1, 0), (2, 9), (10, 8))
    assert P.dim == 2 and P.in_relative_interior((3, 4))
    assert hull_certificate(P, [EX1_W0]).verify()


def test_degenerate_inputs():
    one = Polytope.from_points([(1, 2, 3), (1, 2, 3)])
    assert one.dim == 0 and one.vertices == ((1, 2, 3),) and len(one.equations) == 3 and one.inequalities == ()
    seg = Polytope.from_points([(0, 0), (2, 2), (1, 1), (1, 1)])
    assert seg.dim == 1 and seg.vertices == ((0, 0), (2, 2)) and len(seg.inequalities) == 2
    line3 = Polytope.from_points([(0, 0, 0), (1, 1, 1), (3, 3, 3)])
    assert line3.dim == 1 and line3.vertices == ((0, 0, 0), (3, 3, 3))
    flat = Polytope.from_points([(0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1), (F(1, 2), F(1, 2), 1)])
    assert flat.dim == 2 and len(flat.vertices) == 4 and len(flat.inequalities) == 4
    assert Polytope.from_points([(5,), (3,), (4,)]).vertices == ((3,), (5,))


def test_empty_and_unbounded():
    E = Polytope.from_inequalities([[1, 0], [-1, 0]], [0, -1])
    assert E.is_empty and E.dim == -1 and not E.contains((0, 0))
    with pytest.raises(InputError, match="unbounded"):
        Polytope.from_inequalities([[1, 0]], [1])
    with pytest.raises(InputError):
        Polytope.from_points([])
    with pytest.raises(InputError, match="different lengths"):
        Polytope.from_points([(1, 2), (1, 2, 3)])


def test_from_inequalities_with_equations():
    # the triangle {x >= 0, x1 + x2 + x3 = 1} in R^3
    P = Polytope.from_inequalities([[-1, 0, 0], [0, -1, 0], [0, 0, -1]], [0, 0, 0], [[1, 1, 1]], [1])
    assert P.dim == 2 and len(P.vertices) == 3
    assert P.equations == (((1, 1, 1), 1),)


def test_canonical_inequalities_of_lower_dimensional_sets():
    # the same segment given through different points has identical H-representations
    a = Polytope.from_points([(0, 0, 0), (2, 2, 0)])
    b = Polytope.from_points([(2, 2, 0), (1, 1, 0), (0, 0, 0)])
    assert a.inequalities == b.inequalities and a.equations == b.equations and a == b


def test_support_face_and_normal_cone():
    sq = Polytope.from_points([(0, 0), (1, 0), (0, 1), (1, 1)])
    value, face = sq.support((1, 0))
    assert value == 1 and face.vertices == ((1, 0), (1, 1)) and face.dim == 1
    cone = sq.normal_cone((1, 1))
    assert cone.contains((1, 2)) and cone.contains((1, 0)) and not cone.contains((-1, 1))
    edge_cone = sq.normal_cone(face)
    assert edge_cone.rays == ((1, 0),) and edge_cone.dim == 1
    with pytest.raises(InputError):
        sq.normal_cone((2, 2))


def test_normal_cone_of_lower_dimensional_polytope_has_lineality():
    seg = Polytope.from_points([(0, 0), (1, 1)])
    cone = seg.normal_cone((1, 1))
    assert cone.lineality and cone.contains((1, 0)) and cone.contains((0, 1)) and not cone.contains((-1, -1))


def test_faces_of_cube():
    cube = Polytope.from_points([(a, b, c) for a in (0, 1) for b in (0, 1) for c in (0, 1)])
    assert [len(cube.faces(k)) for k in range(4)] == [8, 12, 6, 1]


def test_constructions():
    tri = Polytope.from_points([(0, 0), (1, 0), (0, 1)])
    assert tri.affine_image([[2, 0], [0, 2]], [1, 1]).vertices == ((1, 1), (1, 3), (3, 1))
    assert tri.project([0]).vertices == ((0,), (1,))
    assert tri.translate((1, 1)).contains((1, 1))
    sq = Polytope.from_points([(0, 0), (1, 0), (0, 1), (1, 1)])
    assert tri.intersection(sq) == tri
    assert tri.intersection(sq.translate((2, 2))).is_empty
    assert tri.scale(0).vertices == ((0, 0),)


@given(points(2, 1, 10), points(2, 1, 10), st.tuples(rational, rational))
def test_support_additivity_plane(P, Q, n):
    """eq. (6) of 000_2cf035f6c25283ea.txt: S(F1 + F2; n) = S(F1; n) + S(F2; n)."""
    A, B = Polytope.from_points(P), Polytope.from_points(Q)
    S = minkowski_sum(A, B)
    hs, face = S.support(n)
    ha, fa = A.support(n)
    hb, fb = B.support(n)
    assert hs == ha + hb
    assert face == minkowski_sum(fa, fb)


@given(points(2, 1, 8), points(2, 1, 8), st.tuples(rational, rational))
def test_weighted_minkowski_against_pairwise_hull(P, Q, w):
    assume(w[0] >= 0 and w[1] >= 0)
    S = minkowski_sum(Polytope.from_points(P), Polytope.from_points(Q), weights=list(w))
    brute = Polytope.from_points([tuple(w[0] * a + w[1] * b for a, b in zip(p, q)) for p in P for q in Q])
    assert S == brute
    assert hull_certificate(S, [P, Q], list(w)).verify()


@given(points(3, 1, 7), points(3, 1, 5))
def test_minkowski_3d_against_pairwise_hull(P, Q):
    S = minkowski_sum(Polytope.from_points(P), Polytope.from_points(Q))
    brute = Polytope.from_points([tuple(a + b for a, b in zip(p, q)) for p in P for q in Q])
    assert S == brute


@given(points(3, 1, 10))
def test_v_h_v_round_trip_3d(P):
    A = Polytope.from_points(P)
    # every input point is inside, every vertex is an input point
    assert all(A.contains(p) for p in P)
    assert set(A.vertices) <= {tuple(map(Fraction, p)) for p in P}
    if A.dim == 3:
        B = Polytope.from_inequalities([a for a, _ in A.inequalities], [b for _, b in A.inequalities])
        assert A == B
    # every vertex is exposed: the sum of tight facet normals picks it alone
    assert hull_certificate(A, [P]).verify()


@given(points(2, 1, 12))
def test_v_h_v_round_trip_plane(P):
    A = Polytope.from_points(P)
    A_eq = [e for e, _ in A.equations]
    b_eq = [f for _, f in A.equations]
    B = Polytope.from_inequalities([a for a, _ in A.inequalities] or [[0, 0]], [b for _, b in A.inequalities] or [0], A_eq or None, b_eq or None)
    assert A == B
    for a, b in A.inequalities:
        assert max(dot(a, v) for v in A.vertices) == b


def test_cone_operations():
    C = Cone([(1, 0), (1, 1)], [], 2)
    D = Cone([(0, 1), (2, 1)], [], 2)
    assert C.intersection(D) == Cone([(1, 1), (2, 1)], [], 2)
    r = C.membership((0, 1))
    assert r.status == "infeasible" and r.certificate.verify()
    assert Cone([], [(1, 0)], 2).contains((-3, 0))


@given(points(3, 4, 40), st.booleans())
def test_fast_hull_agrees_with_cddlib(P, flat):
    """The Qhull-proposed, exactly verified hull equals cddlib's on random and degenerate inputs."""
    from exactgame.geometry import hull_fast
    from exactgame.geometry.polytope import _extreme_points

    pts = [(x, y, x + y) if flat else (x, y, z) for x, y, z in P]  # flat: all points on a plane
    pts = [tuple(Fraction(c) for c in p) for p in pts]
    fast = hull_fast.extreme_points_fast(sorted(set(pts)))
    import exactgame.geometry.polytope as mod

    old = mod.FAST_HULL_THRESHOLD
    mod.FAST_HULL_THRESHOLD = 10**9  # force the cddlib path
    try:
        exact = _extreme_points(pts)[0]
    finally:
        mod.FAST_HULL_THRESHOLD = old
    if fast is not None:
        assert fast == exact


def test_fast_hull_with_points_on_edges_and_faces():
    from exactgame.geometry import hull_fast

    cube = [(a, b, c) for a in (0, 4) for b in (0, 4) for c in (0, 4)]
    extra = [(2, 0, 0), (0, 2, 0), (2, 2, 0), (1, 1, 4), (2, 2, 2), (4, 4, 2), (3, 1, 0)]
    pts = sorted({tuple(Fraction(c) for c in p) for p in cube + extra})
    assert hull_fast.extreme_points_fast(pts) == sorted(tuple(Fraction(c) for c in p) for p in cube)
    assert Polytope.from_points(cube + extra * 10).vertices == Polytope.from_points(cube).vertices


def _cdd_vertices(pts):
    import exactgame.geometry.polytope as mod

    old = mod.FAST_HULL_THRESHOLD
    mod.FAST_HULL_THRESHOLD = 10**9  # force the cddlib path
    try:
        return mod._extreme_points(pts)[0]
    finally:
        mod.FAST_HULL_THRESHOLD = old


@settings(max_examples=30, deadline=None)
@given(points(4, 6, 45))
def test_fast_hull_4d(P):
    """4-D: whenever the Qhull path answers, its vertex set is cddlib's, every vertex found."""
    from exactgame.geometry import hull_fast

    pts = sorted({tuple(Fraction(c) for c in p) for p in P})
    fast = hull_fast.extreme_points_fast(pts)
    if fast is not None:
        assert fast == _cdd_vertices(pts)


def test_fast_hull_4d_is_taken_above_the_threshold_and_finds_every_vertex(monkeypatch):
    """In general position the fast path answers (it is not silently skipped) and Polytope uses it."""
    import random

    import exactgame.geometry.polytope as mod
    from exactgame.geometry import hull_fast

    rng = random.Random(4)
    pts = sorted({tuple(Fraction(rng.randint(-50, 50)) for _ in range(4)) for _ in range(mod.FAST_HULL_THRESHOLD + 10)})
    fast = hull_fast.extreme_points_fast(pts)
    assert fast is not None and fast == _cdd_vertices(pts)
    calls = []
    real = hull_fast.extreme_points_fast
    monkeypatch.setattr(hull_fast, "extreme_points_fast", lambda q: calls.append(len(q)) or real(q))
    assert list(Polytope.from_points(pts).vertices) == fast and calls == [len(pts)]


def test_exact_linear_algebra_refuses_inexact_entries():
    """A float reaching the flint conversion used to be truncated (0.5 -> 0, so rank 1 for an
    invertible matrix); it is a caller's bug and now says so (found by a helper's review)."""
    from exactgame.errors import InternalError
    from exactgame.geometry.linalg import rank, to_flint

    assert rank([[Fraction(1, 2), 0], [0, 1]]) == 2
    with pytest.raises(InternalError, match="not exact"):
        to_flint([[0.5, 1]])  # float-ok: the inexact input the test refuses


def _cdd_facets(P):
    """Polytope.inequalities through cddlib only (the fast path switched off)."""
    import exactgame.geometry.polytope as mod

    old = mod.FAST_HULL_THRESHOLD
    mod.FAST_HULL_THRESHOLD = 10**9
    try:
        return Polytope.from_points(P.vertices, ambient_dim=P.ambient_dim).inequalities
    finally:
        mod.FAST_HULL_THRESHOLD = old


_grid = st.tuples(st.integers(-6, 6), st.integers(-6, 6))


@settings(max_examples=40, deadline=None)
@given(st.lists(_grid, min_size=35, max_size=70, unique=True), points(3, 0, 20), st.sampled_from(["full", "flat4", "full4"]))
def test_fast_facets_are_cddlibs(xy, inner, shape):
    """Facets proposed by Qhull and proved exactly equal cddlib's, also for a 3-polytope in 4-D
    (projected onto its free coordinates and lifted back), whenever the fast path answers.
    Points on the paraboloid z = x^2 + y^2 (all extreme, many coplanar quadruples) plus
    random points inside its hull."""
    import exactgame.geometry.polytope as mod

    P = [(F(x), F(y), F(x * x + y * y)) for x, y in xy] + [(F(x) / 7, F(y) / 7, F(40 + abs(z))) for x, y, z in inner]
    if shape == "flat4":
        pts = [(x, y, z, x - y + 2 * z + 1) for x, y, z in P]
    elif shape == "full4":
        pts = [(x, y, z, (x * y) % 7) for x, y, z in P]
    else:
        pts = P
    Q = Polytope.from_points(pts)
    assume(Q.dim >= 3 and len(Q.vertices) > mod.FAST_HULL_THRESHOLD)
    assert Q._fast_facets() is not None or shape == "full4"  # 3-D: Qhull's proposal must pass
    assert Q.inequalities == _cdd_facets(Q)


def test_fast_facets_refuse_a_surface_that_does_not_close_the_hull(monkeypatch):
    """Soundness does not rest on Qhull: a proposal of two triangulations of one square facet
    (every ridge in two triangles, every plane valid) covers one facet only. The unoriented
    'every ridge twice' test accepts it; the oriented cycle test refuses it, so the answer
    comes from cddlib and is right."""
    import numpy

    from exactgame.geometry import hull_fast

    cube = [[x, y, z] for x in (0, 1) for y in (0, 1) for z in (0, 1)]
    bottom = [(0, 2, 6), (0, 6, 4), (0, 2, 4), (2, 6, 4)]  # indices of z = 0: (0,0,0) (0,1,0) (1,0,0) (1,1,0)
    assert bottom == [tuple(s) for s in bottom]
    ridges: dict = {}
    for s in bottom:
        for k in range(3):
            r = tuple(sorted(s[:k] + s[k + 1:]))
            ridges[r] = ridges.get(r, 0) + 1
    assert set(ridges.values()) == {2}  # the unoriented check would pass
    signs = hull_fast._oriented_planes(cube, bottom, 3)[2]
    assert not hull_fast._is_cycle(bottom, signs, 3)

    class Pillow:
        def __init__(self, pts):
            self.simplices = numpy.array(bottom)

    real = hull_fast._qhull()
    assert hull_fast.checked_planes(cube) is not None  # the true proposal passes
    monkeypatch.setattr(hull_fast, "_qhull", lambda: (Pillow, real[1], real[2]))
    assert hull_fast.checked_planes(cube) is None
    assert hull_fast.facets_fast([tuple(map(Fraction, p)) for p in cube]) is None
    assert hull_fast.extreme_indices(cube) is None


def test_oriented_cycle_accepts_a_tetrahedron_in_any_vertex_order():
    from exactgame.geometry import hull_fast

    pts = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]
    for simplices in ([(0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3)], [(2, 1, 0), (3, 0, 1), (0, 2, 3), (3, 2, 1)]):
        normals, offsets, signs = hull_fast._oriented_planes(pts, simplices, 3)
        assert hull_fast._is_cycle(simplices, signs, 3)
    four = [[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    faces = [tuple(j for j in range(5) if j != i) for i in range(5)]
    signs = hull_fast._oriented_planes(four, faces, 4)[2]
    assert hull_fast._is_cycle(faces, signs, 4)
    assert not hull_fast._is_cycle(faces[:-1] + [faces[0]], signs, 4)


def test_three_player_hulls_are_certified_complete_and_tampering_is_caught():
    """3-D completeness is now certified (a boundary cycle) instead of resting on cddlib; the
    certificate and the independent checker both refuse a dropped, duplicated or misplaced triangle."""
    import copy
    import random

    from exactgame.check import check_document
    from exactgame.errors import CertificateError
    from exactgame.games.feasible import feasible_payoffs
    from exactgame.games.model import Game
    from exactgame.check.core import CheckFailure

    rng = random.Random(3)
    states, profiles = ["w0", "w1", "w2"], [f"a{j}" for j in range(7)]
    g = Game(states, [F(1, 3)] * 3, ["A", "B", "C"], profiles,
             {w: {a: [rng.randint(0, 9) for _ in range(3)] for a in profiles} for w in states})
    r = feasible_payoffs(g)
    doc = r.document()
    claims = doc["claims"]
    assert claims["prior"]["status"] == "certified" and claims["states"]["status"] == "certified"
    check_document(doc)
    cert = hull_certificate(g.feasible_set_at(g.prior), [g.payoff_points(w) for w in states], g.prior)
    assert cert.boundary and cert.complete and cert.verify()
    for change in ("drop", "duplicate", "facet", "flip"):
        bad = copy.deepcopy(doc)
        tris = bad["certificates"]["prior"]["boundary"]
        if change == "drop":
            tris.pop()
        elif change == "duplicate":
            tris.append(list(tris[0]))
        elif change == "facet":
            tris[0][3] = (tris[0][3] + 1) % len(bad["certificates"]["prior"]["facets"])
        else:
            tris[0][1], tris[0][2] = tris[0][2], tris[0][1]  # the same triangle, oriented the other way
        if change != "flip":
            with pytest.raises(CheckFailure):
                check_document(bad)
        else:
            check_document(bad)  # orientation is recomputed from the coordinates: a reordering is harmless
    import dataclasses
    with pytest.raises(CertificateError):
        dataclasses.replace(cert, boundary=cert.boundary[1:]).verify()
    no_boundary = copy.deepcopy(doc)
    del no_boundary["certificates"]["prior"]["boundary"]
    with pytest.raises(CheckFailure, match="certified"):
        check_document(no_boundary)  # without the cycle, 'certified' is refused: only conditional may stand


@settings(max_examples=25, deadline=None)
@given(points(4, 6, 30), st.booleans())
def test_from_points_reuses_cddlib_facets(P, flat):
    """When cddlib finds the vertices, its facets are cached: one cddlib run per hull (issue 25),
    and the cached facets equal those of a fresh hull of the vertices alone."""
    import exactgame.geometry.polytope as mod
    from exactgame.geometry import cddwrap

    pts = [tuple(Fraction(c) for c in ((x, y, z, x + y) if flat else (x, y, z, w))) for x, y, z, w in P]
    calls = []
    real = cddwrap.hull_to_inequalities
    old = mod.FAST_HULL_THRESHOLD
    mod.FAST_HULL_THRESHOLD = 10**9  # force the cddlib path
    try:
        cddwrap.hull_to_inequalities = lambda *a, **k: calls.append(1) or real(*a, **k)
        Q = Polytope.from_points(pts + [tuple(sum(c) / len(pts) for c in zip(*pts))])   # an interior point too
        cached = Q.inequalities
        n_calls = len(calls)
    finally:
        cddwrap.hull_to_inequalities = real
        mod.FAST_HULL_THRESHOLD = old
    assert n_calls <= 1
    fresh = Polytope.from_points(Q.vertices)
    fresh.__dict__.pop("inequalities", None)
    assert cached == fresh.inequalities
