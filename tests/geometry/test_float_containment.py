"""Float fast paths are contained: data past the float range falls back to the exact path (issue 18)."""

from __future__ import annotations

import random
from fractions import Fraction

from exactgame.geometry import Polytope
from exactgame.geometry.lp import solve_lp


def test_lp_with_coefficients_past_the_float_range():
    big = 10**400
    r = solve_lp([big, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    assert r.status == "optimal" and r.value == 2 * big and r.certificate.verify()
    tiny = Fraction(1, 10**400)
    r = solve_lp([tiny, tiny], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    assert r.value == Fraction(14, 5) * tiny


def test_hull_fast_path_with_huge_coordinates():
    rng = random.Random(3)
    big = 10**330
    pts = [tuple(Fraction(rng.randint(-9, 9)) * big for _ in range(3)) for _ in range(40)]
    P = Polytope.from_points(pts)
    small = Polytope.from_points([tuple(c / big for c in p) for p in pts])
    assert P.vertices == tuple(tuple(c * big for c in v) for v in small.vertices)
