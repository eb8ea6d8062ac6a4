"""Definition 1 for a payoff vector (exactgame.pareto, efficiency --vector): 000_2cf035f6c25283ea.txt, Section 2."""

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactgame.catalogue import load
from exactgame.certificates import certificate_from_dict
from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.efficiency import efficiency
from exactgame.errors import CertificateError, InputError
from exactgame.games import Game
from exactgame.pareto import (
    VectorDominatedCertificate,
    VectorEfficientCertificate,
    VectorInfeasibleCertificate,
    pure_mixture,
    support_value,
    vector_efficiency,
)

from .test_efficiency import games_with_outcomes

F = Fraction


def example1():
    return load("efficiency_example1").as_game()


def test_three_verdicts_on_example_1():
    g = example1()
    assert vector_efficiency(g, ["10", "34/5"]).verdict == "efficient"
    r = vector_efficiency(g, [5, 5])
    assert r.verdict == "dominated" and r.certificate.better == (10, F(34, 5))
    out = vector_efficiency(g, [11, 0])
    assert out.verdict == "infeasible" and not out.certificate.dominated   # nothing in F_p has sender payoff 11
    below = vector_efficiency(g, [0, 0])
    assert below.verdict == "infeasible" and below.certificate.dominated  # (0, 0) is not feasible but below the frontier
    for c in (r.certificate, out.certificate, below.certificate):
        assert c.verify()


@settings(max_examples=40, deadline=None)
@given(games_with_outcomes())
def test_vector_test_agrees_with_the_outcome_test(data):
    """Two algorithms: the deviation-cone LP of Proposition 2 on mu, and the F_p LP of Definition 1 on u(mu)."""
    game, outcome = data
    r = efficiency(game, outcome)
    v = vector_efficiency(game, r.payoff)
    assert v.feasible
    assert v.efficient == r.efficient
    assert v.certificate.verify()


@settings(max_examples=30, deadline=None)
@given(games_with_outcomes(), st.lists(st.integers(-3, 12), min_size=3, max_size=3))
def test_random_vectors_are_certified(data, coords):
    game, _ = data
    u = coords[: game.k]
    v = vector_efficiency(game, u)
    assert v.certificate.verify()
    back = certificate_from_dict(v.certificate.to_dict())
    assert back == v.certificate and back.verify()


def test_pure_mixture_reproduces_the_outcome_payoff():
    g = example1()
    dist = {"w0": {"a0": F(1, 3), "a1": F(2, 3)}, "w1": {"a1": F(1, 4), "a3": F(1, 4), "a4": F(1, 2)}}
    mix = pure_mixture(dist, g.states)
    assert len(mix) <= 2 + 3 - 2 + 1 and sum(t for t, _ in mix) == 1
    pw = dict(zip(g.states, g.prior))
    point = tuple(sum(t * pw[w] * g.payoffs[w][s[w]][i] for t, s in mix for w in g.states) for i in range(2))
    assert point == g.payoff(g.make_outcome(dist))


def test_tampered_certificates_fail():
    g = example1()
    eff = vector_efficiency(g, ["10", "34/5"]).certificate
    with pytest.raises(CertificateError, match="support value"):
        VectorEfficientCertificate(eff.payoffs, eff.prior, eff.vector, eff.mix, (F(1), F(100))).verify()
    with pytest.raises(CertificateError, match="does not give the vector"):
        VectorEfficientCertificate(eff.payoffs, eff.prior, (F(10), F(6)), eff.mix, eff.normal).verify()
    dom = vector_efficiency(g, [5, 5]).certificate
    with pytest.raises(CertificateError):
        VectorDominatedCertificate(dom.payoffs, dom.prior, dom.vector, dom.mix, dom.better_mix, (F(11), F(7))).verify()
    with pytest.raises(CertificateError, match="Pareto-dominate"):   # a "better" point that is the vector itself
        VectorDominatedCertificate(dom.payoffs, dom.prior, dom.vector, dom.mix, dom.mix, dom.vector).verify()
    inf = vector_efficiency(g, [11, 0]).certificate
    with pytest.raises(CertificateError, match="does not exceed"):
        VectorInfeasibleCertificate(inf.payoffs, inf.prior, (F(10), F(0)), inf.normal).verify()
    assert support_value(inf.payoffs, inf.prior, inf.normal) == 10


def _doc(*args):
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


@pytest.mark.parametrize("u", ["10,34/5", "5,5", "11,0", "0,0"])
def test_documents_verify_and_changed_answers_do_not(u):
    doc = _doc("efficiency", "examples/efficiency_example1.toml", "--vector", u)
    assert set(check_document(doc).proved) >= {"efficient", "feasible", "verdict", "dominated_by_feasible"}
    for key, value in (("efficient", not doc["efficient"]), ("feasible", not doc["feasible"]),
                       ("dominated_by_feasible", not doc["dominated_by_feasible"]), ("verdict", "efficient" if doc["verdict"] != "efficient" else "dominated")):
        with pytest.raises(CheckFailure):
            check_document({**doc, key: value})
    with pytest.raises(CheckFailure):      # the same document about another vector
        check_document({**doc, "options": {**doc["options"], "vector": ["1", "1"]}})


def test_a_forged_efficiency_certificate_is_rejected():
    doc = _doc("efficiency", "examples/efficiency_example1.toml", "--vector", "5,5")
    forged = {"certificate": "vector-efficient", "mix": doc["certificates"]["vector"]["mix"], "normal": ["1", "1"]}
    with pytest.raises(CheckFailure, match="support value"):
        check_document({**doc, "efficient": True, "verdict": "efficient", "better": None, "dominated_by_feasible": False,
                        "certificates": {"vector": forged}})


def test_bad_vectors_are_input_errors(capsys):
    assert main(["efficiency", "examples/efficiency_example1.toml", "--vector", "1,2,3"]) == 2
    assert "3 numbers for 2 players" in capsys.readouterr().err
    assert main(["efficiency", "examples/efficiency_example1.toml", "--vector", "1,0.1e"]) == 2
    assert main(["efficiency", "examples/efficiency_example1.toml", "--vector", "1,1", "--probe", "3"]) == 2
    assert main(["efficiency", "examples/efficiency_example1.toml", "--vector", "-1,-1"]) == 0   # a negative value is read
    with pytest.raises(InputError, match="interior"):
        vector_efficiency(example1(), [1, 1], [1, 0])
    with pytest.raises(TypeError):
        vector_efficiency(example1(), [0.5, 1])


def test_three_players_and_a_game_without_outcome():
    g = Game(["w"], [1], ["A", "B", "C"], ["x", "y"], {"w": {"x": (1, 0, 0), "y": (0, 1, 1)}})
    assert vector_efficiency(g, ["1/2", "1/2", "1/2"]).verdict == "efficient"
    assert vector_efficiency(g, ["1/2", "1/2", "1/4"]).verdict == "infeasible"   # F_p is a segment: y_2 = y_3
