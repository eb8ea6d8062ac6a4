from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.errors import CertificateError, InputError
from exactgame.games import SenderReceiverGame
from exactgame.geometry.envelope import concave_envelope
from exactgame.persuasion import best_response_cells, persuade, value_function
from exactgame.persuasion.regions import efficiency_region

F = Fraction


def prosecutor(prior="3/10"):
    g = F(prior)
    return SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], [1 - g, g],
                              sender={"innocent": [0, 1], "guilty": [0, 1]}, receiver={"innocent": [1, 0], "guilty": [0, 1]})


def test_kamenica_gentzkow_prosecutor():
    """Kamenica and Gentzkow (2011): prior guilty 3/10, value 3/5, posteriors P(guilty) = 0 and 1/2."""
    r = persuade(prosecutor())
    assert r.value == F(3, 5) and r.verify()
    assert {a: q[1] for a, (w, q) in r.posteriors.items()} == {"acquit": 0, "convict": F(1, 2)}
    assert {a: w for a, (w, q) in r.posteriors.items()} == {"acquit": F(2, 5), "convict": F(3, 5)}


def test_receiver_cells_of_prosecutor():
    cells = best_response_cells(prosecutor())
    assert cells["convict"].vertices == ((0, 1), (F(1, 2), F(1, 2)))


@st.composite
def sr_games(draw):
    ns = draw(st.integers(2, 3))
    na = draw(st.integers(2, 4))
    states = [f"w{i}" for i in range(ns)]
    actions = [f"a{j}" for j in range(na)]
    row = lambda: [draw(st.integers(0, 9)) for _ in actions]
    weights = [draw(st.integers(1, 5)) for _ in states]
    prior = [F(x, sum(weights)) for x in weights]
    return SenderReceiverGame(states, actions, prior, sender={w: row() for w in states}, receiver={w: row() for w in states})


@given(sr_games())
def test_lp_value_equals_concave_envelope(game):
    """Two independent computations: the obedience LP and Cav V of the value function at the prior."""
    r = persuade(game)
    assert r.verify()
    V, _ = value_function(game)
    if len(game.states) == 2:
        assert concave_envelope(V).value(game.prior) == r.value
    # obedience: each recommendation is a receiver best response at its posterior
    for a, (_, q) in r.posteriors.items():
        j = game.actions.index(a)
        ev = lambda k: sum(qi * game.receiver[w][k] for qi, w in zip(q, game.states))
        assert all(ev(j) >= ev(k) for k in range(len(game.actions)))


def test_tampered_result_fails():
    r = persuade(prosecutor())
    from dataclasses import replace

    with pytest.raises(CertificateError):
        replace(r, value=r.value + 1).verify()
    with pytest.raises(CertificateError, match="not the obedience LP"):
        replace(r, prior=(F(1, 2), F(1, 2))).verify()


def test_three_state_region_faces():
    g = SenderReceiverGame(["w0", "w1", "w2"], ["x", "y", "z"], ["1/3", "1/3", "1/3"],
                           sender={"w0": [0, 3, 1], "w1": [0, 3, 1], "w2": [0, 3, 1]},
                           receiver={"w0": [2, 0, 0], "w1": [0, 2, 0], "w2": [0, 0, 2]})
    region = efficiency_region(g)
    assert region.faces and region.verify()
    assert any(f.face.dim == 2 for f in region.faces)


def test_persuade_rejects_other_kinds():
    from exactgame.catalogue import load

    with pytest.raises(InputError):
        persuade(load("efficiency_example1").as_game())


def test_persuade_reports_whether_the_bp_outcome_is_efficient():
    """000 Example 1: the BP outcome is inefficient at p = (9/10, 1/10) (outcome (a)) and efficient
    at (7/10, 3/10) (outcome (b)); certified, checked independently, and null on the boundary."""
    from exactgame.catalogue import load
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure
    from exactgame.persuasion.report import persuasion_report

    g = load("efficiency_example1")
    for prior, verdict in ((["9/10", "1/10"], False), (["7/10", "3/10"], True), ([1, 0], None)):
        doc = persuasion_report(g, prior).document()
        assert doc["bp_efficient"] is verdict
        check_document(doc)
        with pytest.raises(CheckFailure, match="bp_efficient"):
            check_document({**doc, "bp_efficient": not verdict if verdict is not None else True})


def test_regions_listed_and_drawn_for_three_states(tmp_path, capsys, monkeypatch):
    """Issue 21: with three states ``--regions`` lists every interior face with its verdict (not
    only counts), and ``--plot`` draws them."""
    from exactgame import plots
    from exactgame.cli import main

    f = tmp_path / "three.toml"
    f.write_text('kind = "sender-receiver"\nstates = ["w0", "w1", "w2"]\nactions = ["a0", "a1", "a2"]\n'
                 'prior = ["1/3", "1/3", "1/3"]\n[payoffs.sender]\nw0 = [0, 1, 2]\nw1 = [0, 1, 2]\nw2 = [0, 1, 2]\n'
                 '[payoffs.receiver]\nw0 = [1, 0, 0]\nw1 = [0, 1, 0]\nw2 = [0, 0, 1]\n')
    seen = {}
    real = plots._efficiency_faces
    monkeypatch.setattr(plots, "_efficiency_faces", lambda ax, region, ring: (seen.setdefault("n", len(region.faces)),
                                                                                real(ax, region, ring)))
    assert main(["persuade", str(f), "--regions", "--plot", str(tmp_path / "s.png")]) == 0
    out = capsys.readouterr().out
    assert "6 of 9 interior faces" in out
    listed = [line for line in out.splitlines() if line.startswith("  ") and ("efficient;" in line)]
    assert len(listed) == 9 and sum("NOT efficient" in line for line in listed) == 3
    assert "  point (1/3, 1/3, 1/3): efficient; support w0: a2, w1: a2, w2: a2" in listed
    assert seen["n"] == 9 and (tmp_path / "s.png").stat().st_size > 0
