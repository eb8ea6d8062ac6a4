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
        exact = _extreme_points(pts)
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
        return mod._extreme_points(pts)
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
