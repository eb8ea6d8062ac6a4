"""Remark 4 (the face of F_p through u(mu)) and Remark 2 (the per-state bound): exactgame.outcome_face."""

from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings

from exactgame.catalogue import load
from exactgame.check import CheckFailure, check_document
from exactgame.efficiency import efficiency, efficiency_report
from exactgame.errors import CertificateError
from exactgame.games import Game
from exactgame.outcome_face import outcome_face, state_bounds

from .test_efficiency import games_with_outcomes

F = Fraction


def case(name):
    g = load(name).as_game()
    return g, efficiency(g, g.outcome)


@settings(max_examples=40, deadline=None)
@given(games_with_outcomes())
def test_face_agrees_with_the_polytope_layer(data):
    """Two computations: the face from the maximizers (certified) and F_p.support(n) from the vertices of F_p."""
    game, outcome = data
    r = efficiency(game, outcome)
    f = r.face
    assert f.certificate.verify()
    Fp = game.feasible_set_at()
    value, face = Fp.support(f.normal)
    assert value == f.support_value == sum(p * x for p, x in zip(f.normal, r.payoff))
    assert face.dim == f.dimension and tuple(face.vertices) == f.vertices
    assert face.in_relative_interior(r.payoff)                 # the minimal face
    assert f.proper == (face.dim < Fp.dim or len(face.vertices) < len(Fp.vertices))
    assert f.cone_dimension == game.k - f.dimension
    if f.proper:       # the normal exposes the face: every vertex of F_p off it scores less
        assert any(sum(a * b for a, b in zip(f.normal, v)) < value for v in Fp.vertices)


def test_example_1_faces():
    _, a = case("efficiency_example1_case_a")
    assert (a.face.normal, a.face.proper, a.face.dimension) == ((0, 0), False, 2)   # interior: n_w0 not in N_w1
    assert a.face.cone_dimension == 0 < a.face.cone_dimension_bound == 1            # eq. (16) is only an upper bound
    _, b = case("efficiency_example1")
    assert b.face.dimension == 0 and b.face.vertices == (b.payoff,)                  # a vertex of F_p
    _, c = case("efficiency_example1_case_c")     # a1, a4 in w1 cut through the interior of F_w1
    assert c.face.certificate.verify() and not c.face.proper and c.face.cone_dimension == 0


def test_eq16_upper_bound_survives_perturbation():
    """Example 1 (a) is not a knife edge: perturbed payoffs keep the normal cone {0} (module doc)."""
    g, _ = case("efficiency_example1_case_a")
    eps = F(1, 1000)
    pay = {w: {a: tuple(x + eps * (i + 1) * (j + 1) for i, x in enumerate(u)) for j, (a, u) in enumerate(g.payoffs[w].items())}
           for w in g.states}
    h = Game(g.states, g.prior, g.players, g.profiles, pay, outcome=g.outcome.to_dict())
    f = efficiency(h, h.outcome).face
    assert f.cone_dimension == 0 < f.cone_dimension_bound


def test_face_certificate_tampering():
    g, b = case("efficiency_example1")
    c = b.face.certificate
    assert c.verify()
    assert replace(c, normal=tuple(x + 1 for x in c.normal)).verify()   # another relatively interior normal: slack
    with pytest.raises(CertificateError):
        replace(c, normal=(F(0), F(0))).verify()       # the maximizers become every profile, the weights do not fit
    with pytest.raises(CertificateError):
        replace(c, normal=(F(-1), F(0))).verify()
    with pytest.raises(CertificateError, match="dimension"):
        replace(c, dimension=c.dimension + 1).verify()
    with pytest.raises(CertificateError, match="proper"):
        replace(c, proper=not c.proper).verify()
    w = next(iter(c.weights))
    row = dict(c.weights[w])
    a0 = next(iter(row))
    with pytest.raises(CertificateError):
        replace(c, weights={**c.weights, w: {**row, a0: row[a0] + F(1, 7)}}).verify()


def test_face_and_state_bound_in_documents_are_checked():
    doc = efficiency_report(load("efficiency_example1")).document()     # (b): a vertex, n != 0
    rep = check_document(doc)
    assert "face" in rep.proved and "state_bound" in rep.proved
    for path, value in ((("face", "dimension"), doc["face"]["dimension"] + 1),
                        (("face", "proper"), not doc["face"]["proper"]),
                        (("face", "support_value"), "0"),
                        (("face", "cone_dimension_bound"), 7),
                        (("state_bound", "w0", "within"), False)):
        bad = {**doc, path[0]: {**doc[path[0]]}}
        node = bad[path[0]]
        for p in path[1:-1]:
            node[p] = dict(node[p])
            node = node[p]
        node[path[-1]] = value
        with pytest.raises(CheckFailure):
            check_document(bad)


def test_remark_2_knife_edge():
    """Three collinear payoff vectors mixed in one state with k = 2: ex-post efficient beyond |mu(w)| <= k."""
    g = Game(["w"], [1], ["A", "B"], ["x", "y", "z"], {"w": {"x": (2, 0), "y": (0, 2), "z": (1, 1)}})
    r = efficiency(g, {"w": {"x": F(1, 3), "y": F(1, 3), "z": F(1, 3)}})
    assert r.ex_post_efficient["w"] and r.state_bound == {"w": {"actions": 3, "bound": 2, "within": False, "knife_edge": True}}
    assert outcome_face(g, r.outcome).cone_dimension == 1 > r.face.cone_dimension_bound == 0   # also above eq. (16)
    assert state_bounds({"w": ["x"]}, 2) == {"w": {"actions": 1, "bound": 2, "within": True}}


def test_face_vertices_are_skipped_beyond_the_limit(monkeypatch):
    import exactgame.outcome_face as of

    monkeypatch.setattr(of, "MAX_FACE_SUMS", 1)
    g, _ = case("efficiency_example1_case_a")
    f = of.outcome_face(g, g.outcome)
    assert f.vertices is None and f.to_dict()["vertices"] is None and f.certificate.verify()
