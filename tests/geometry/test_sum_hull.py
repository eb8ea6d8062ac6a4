"""Minkowski sums in dimension >= 4 (and flat 3-D sums) from Qhull's partial sums, the final hull
proved against the summands' support values (``hull_fast.sum_hull``, issue 25): the result must be
cddlib's hull of all pairwise sums, and a wrong Qhull proposal at any step must be refused."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest

from exactgame.geometry import hull_fast
from exactgame.geometry.minkowski import minkowski_sum
from exactgame.geometry.polytope import Polytope


def _cases():
    rng = random.Random(11)
    for k in range(10):
        d = 4 if k % 4 else 5
        polys = [Polytope.from_points([tuple(F(rng.randint(0, 4)) for _ in range(d)) for _ in range(rng.randint(d + 1, 9))])
                 for _ in range(rng.randint(2, 3))]
        weights = [F(rng.randint(1, 4), rng.randint(1, 3)) for _ in polys]
        yield f"random {d}-D sum {k}", polys, weights
    seg = [Polytope.from_points([tuple(F(int(i == j)) for j in range(4)), (F(0),) * 4]) for i in range(4)]
    yield "4-cube as a sum of segments (a zonotope)", seg, [F(1)] * 4


@pytest.mark.parametrize("name,polys,weights", list(_cases()))
def test_the_proved_sum_is_cddlibs_hull(name, polys, weights, monkeypatch):
    calls = []
    real = hull_fast.sum_hull
    monkeypatch.setattr(hull_fast, "sum_hull", lambda s: calls.append(1) or real(s))
    S = minkowski_sum(*polys, weights=weights)
    ref = Polytope.from_points([tuple(sum(w * c for w, c in zip(weights, cs)) for cs in zip(*combo))
                                for combo in itertools.product(*(P.vertices for P in polys))])
    assert calls, "the sum must go through sum_hull"
    assert S.vertices == ref.vertices
    if ref.dim == ref.ambient_dim:
        assert "inequalities" in S.__dict__   # kept from the proof, not recomputed
        assert S.inequalities == ref.inequalities
        # the kept incidence is the one the vertices and facets define
        assert S.incidence == tuple(tuple(i for i, v in enumerate(S.vertices) if sum(x * y for x, y in zip(a, v)) == b)
                                    for a, b in S.inequalities)


def test_a_flat_sum_is_left_to_the_step_by_step_path():
    flat = [Polytope.from_points([(F(x), F(y), F(0), F(0)) for x, y in pts]) for pts in
            ([(0, 0), (1, 0), (0, 1)], [(0, 0), (2, 1), (1, 2), (3, 3)])]
    ints = [[tuple(int(c) for c in v) for v in P.vertices] for P in flat]
    assert hull_fast.sum_hull(ints) is None
    S = minkowski_sum(*flat)
    assert S.dim == 2 and len(S.vertices) == len(Polytope.from_points(
        [tuple(a + b for a, b in zip(u, v)) for u in flat[0].vertices for v in flat[1].vertices]).vertices)


class _Dropping:
    """Qhull whose vertex list loses one vertex at call ``at`` (a wrong float proposal)."""

    def __init__(self, real, at):
        self.real, self.at, self.calls = real, at, 0

    def __call__(self, pts):
        hull = self.real(pts)
        self.calls += 1
        if self.calls == self.at:
            class Wrong:
                vertices = hull.vertices[1:]
                simplices = hull.simplices
            return Wrong()
        return hull


@pytest.mark.parametrize("at", [1, 2, 3])
def test_a_wrong_proposal_at_any_step_is_refused(at, monkeypatch):
    cube = [tuple(v) for v in itertools.product((0, 2), repeat=4)]
    simplex = [(0, 0, 0, 0), (3, 0, 0, 0), (0, 3, 0, 0), (0, 0, 3, 0), (0, 0, 0, 3)]
    cross = [tuple(s * (i == j) for j in range(4)) for i in range(4) for s in (1, -1)]
    summands = [cube, simplex, cross, cube]
    good = hull_fast.sum_hull(summands)
    assert good is not None
    real_class, err, np = hull_fast._qhull()
    wrong = _Dropping(real_class, at)
    monkeypatch.setattr(hull_fast, "_qhull", lambda: (wrong, err, np))
    assert hull_fast.sum_hull(summands) is None
    monkeypatch.undo()
    # and the polytope-level sum still comes out right through the proved step-by-step path
    monkeypatch.setattr(hull_fast, "sum_hull", lambda s: None)
    polys = [Polytope.from_points([tuple(F(c) for c in p) for p in P]) for P in summands]
    assert minkowski_sum(*polys).vertices == tuple(sorted(tuple(F(c) for c in v) for v in good[0]))


def test_a_plane_off_the_summands_support_is_refused():
    """The support check is what ties conv V to the sum: with the last summand's support changed
    (a point moved inwards after the proposal), the offsets no longer add up."""
    cube = [tuple(v) for v in itertools.product((0, 1), repeat=4)]
    simplex = [(0, 0, 0, 0), (2, 0, 0, 0), (0, 2, 0, 0), (0, 0, 2, 0), (0, 0, 0, 2)]
    V, A, b, _, _ = hull_fast.sum_hull([cube, simplex])
    assert hull_fast._supports_add_up([cube, simplex], A, b, 4)
    shrunk = [(0, 0, 0, 0), (1, 0, 0, 0), (0, 2, 0, 0), (0, 0, 2, 0), (0, 0, 0, 2)]
    assert not hull_fast._supports_add_up([cube, shrunk], A, b, 4)


def test_support_sums_past_int64_cannot_wrap_into_agreement(monkeypatch):
    """Found in review: 36 segments of length 2^59 along four axes. Each product fits int64, but the
    support of the sum along x_1 is 33 * 2^59, which wraps to 2^59 in int64. A Qhull that drops
    every point with x_1 > 2^59 from the last partial sum proposes the cube [0, 2^59]^4, whose facet
    x_1 <= 2^59 then "agreed" with the wrapped support. The sum over summands is now taken in Python
    integers: the forgery is refused and the true sum comes out."""
    import numpy as np

    M, d = 2**59, 4
    def seg(i):
        return Polytope.from_points([(0,) * d, tuple(M if k == i else 0 for k in range(d))])
    summands = [seg(0), seg(1), seg(2), seg(3)] + [seg(0) for _ in range(32)]
    real_class, err, np_ = hull_fast._qhull()

    class Forged:
        def __init__(self, pts):
            h = real_class(pts)
            self.simplices, self.equations, self.vertices = h.simplices, h.equations, h.vertices
            if pts[:, 0].max() == 33 * M:  # float-ok: the forged proposal (exact here: a power of two times 33)
                self.vertices = np.array([k for k in range(len(pts)) if pts[k, 0] <= M])

    monkeypatch.setattr(hull_fast, "_qhull", lambda: (Forged, err, np_))
    S = minkowski_sum(*summands)
    assert max(v[0] for v in S.vertices) == 33 * M and len(S.vertices) == 16
