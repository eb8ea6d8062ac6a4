"""The cell engine (exactgame/dialogue/cells.py): any finite types, rounds beyond two.

Cross-checks: the whole-square engine on binary games at t = 3, 4; the same binary games with
one type duplicated (a non-binary game whose rounds must equal the binary ones: payoffs depend
on the duplicated types only through their total probability); the point engine at t <= 2.
Then the dialogue-tree certificates: they verify, and every changed number is rejected.
"""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import random
from fractions import Fraction as F

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.dialogue import cells
from exactgame.dialogue.cells import CellRounds, dialogue_cells, tree_certificate
from exactgame.dialogue.model import DialogueGame, spy_game
from exactgame.dialogue.point import dialogue_at
from exactgame.dialogue.report import dialogue
from exactgame.dialogue.square import alternate
from exactgame.errors import CertificateError, InputError, TooLargeError
from exactgame.games import load_game

from .check.tamper import leaves, mutated


def _prior(rng: random.Random, n: int) -> tuple[F, ...]:
    w = [rng.randint(1, 4) for _ in range(n)]
    return tuple(F(x, sum(w)) for x in w)


def _random_binary(rng: random.Random, lim: int) -> DialogueGame:
    nA = rng.randint(2, 3)
    u = {(s, b): tuple((F(rng.randint(-lim, lim)), F(rng.randint(-lim, lim))) for _ in range(nA)) for s in range(2) for b in range(2)}
    return DialogueGame(("0", "1"), ("0", "1"), _prior(rng, 2), _prior(rng, 2), tuple("abc"[:nA]), u)


def _whole_square(g: DialogueGame, T: int) -> list:
    pays = alternate(g, T).payoffs(g.bob_prior[1], g.sally_prior[1])
    return pays + [pays[-1]] * (T + 1 - len(pays))   # stabilized: later rounds repeat


def _duplicate(g: DialogueGame, who: str, split: F) -> DialogueGame:
    """``g`` with type 0 of ``who`` split into two identical types 0 and 0b (probabilities split : 1 - split)."""
    if who == "bob":
        u = {(s, b): g.u[(s, 0 if b < 2 else 1)] for s in range(2) for b in range(3)}
        p = g.bob_prior
        return DialogueGame(g.sally_types, ("0", "0b", "1"), g.sally_prior, (p[0] * split, p[0] * (1 - split), p[1]), g.actions, u)
    u = {(s, b): g.u[(0 if s < 2 else 1, b)] for s in range(3) for b in range(2)}
    q = g.sally_prior
    return DialogueGame(("0", "0b", "1"), g.bob_types, (q[0] * split, q[0] * (1 - split), q[1]), g.bob_prior, g.actions, u)


@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_the_whole_square_engine_at_four_rounds(seed):
    rng = random.Random(seed)
    for lim in (1, 3):           # payoffs in {-1, 0, 1} give many ties, in -3..3 fewer
        for _ in range(3):
            g = _random_binary(rng, lim)
            r = dialogue_cells(g, 4)
            assert r.payoffs == _whole_square(g, 4), (g.u, g.prior)
            assert r.attained and r.voluntary and all(tree_certificate(g, t).verify() for t in r.trees)


@pytest.mark.parametrize("q,p", [(F(1, 2), F(1, 2)), (F(1, 3), F(3, 4)), (F(9, 10), F(1, 5))])
def test_spy_game_at_four_rounds(q, p):
    g = spy_game(q, p)
    assert dialogue_cells(g, 4).payoffs == _whole_square(g, 4)


@pytest.mark.parametrize("seed", range(3))
def test_duplicated_type_is_the_binary_game(seed):
    """A non-binary game with a known answer: type 0 split in two copies; the rounds are the binary game's."""
    rng = random.Random(100 + seed)
    for k in range(4):
        g = _random_binary(rng, 1 + 2 * (k % 2))
        g3 = _duplicate(g, "bob" if k < 2 else "sally", F(rng.randint(1, 3), 4))
        r = dialogue_cells(g3, 4 if k % 2 else 3)
        assert r.payoffs == _whole_square(g, 4 if k % 2 else 3), (g.u, g.prior)


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_the_point_engine_up_to_two_rounds(seed):
    rng = random.Random(200 + seed)
    for _ in range(5):
        nS, nB, nA = rng.randint(2, 3), rng.randint(2, 3), rng.randint(2, 3)
        lim = rng.choice((1, 3))
        u = {(s, b): tuple((F(rng.randint(-lim, lim)), F(rng.randint(-lim, lim))) for _ in range(nA))
             for s in range(nS) for b in range(nB)}
        g = DialogueGame(tuple(map(str, range(nS))), tuple(map(str, range(nB))), _prior(rng, nS), _prior(rng, nB), tuple("abc"[:nA]), u)
        assert dialogue_cells(g, 2).payoffs == dialogue_at(g, 2).payoffs


def test_pieces_cover_and_match_the_start_point_lp():
    """Every round's pieces cover the product (evaluation finds a piece everywhere probed) and,
    where the voluntary constraint does not bind, give the start-point LP's value."""
    g = _duplicate(spy_game(F(1, 3), F(3, 4)), "bob", F(1, 2))
    cr = CellRounds.build(g, 3)
    r = dialogue_cells(g, 3)
    for t in range(4):
        assert cr.at(t, g.sally_prior, g.bob_prior) == r.payoffs[t]
    pts = [(F(1), F(0), F(0)), (F(0), F(0), F(1)), (F(1, 3), F(1, 3), F(1, 3)), (F(1, 2), F(0), F(1, 2))]
    for t in range(4):
        for x in pts:
            for q in (F(0), F(1, 5), F(1)):
                cr.at(t, (1 - q, q), x)


# -- certificates -----------------------------------------------------------------------------

SPY3 = """kind = "dialogue"
sally_types = ["0", "1"]
sally_prior = ["1/3", "2/3"]
bob_types = ["0", "0b", "1"]
bob_prior = ["1/4", "1/4", "1/2"]
actions = ["C", "E"]
[payoffs.sally."0"]
"0" = [1, -1]
"0b" = [1, -1]
"1" = [-2, 2]
[payoffs.sally."1"]
"0" = [-2, 2]
"0b" = [-2, 2]
"1" = [1, -1]
[payoffs.bob."0"]
"0" = [1, -1]
"0b" = [1, -1]
"1" = [2, -2]
[payoffs.bob."1"]
"0" = [2, -2]
"0b" = [2, -2]
"1" = [1, -1]
"""


def _run(*args: str) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


@pytest.fixture(scope="module")
def spy3(tmp_path_factory):
    path = tmp_path_factory.mktemp("cells") / "spy3.toml"
    path.write_text(SPY3)
    return path


def test_cli_three_rounds_on_three_types(spy3):
    doc = _run("dialogue", str(spy3), "--rounds", "4")
    g = spy_game(F(2, 3), F(1, 2))
    assert [(F(r["payoffs"]["sally"]), F(r["payoffs"]["bob"])) for r in doc["rounds"]] == _whole_square(g, 4)
    assert doc["engine"] == "cells" and doc["certified_rounds"] == 4
    kinds = [c["certificate"] for c in doc["certificates"]]
    assert kinds.count("dialogue-tree") == 4 and "dialogue-envelope" in kinds
    rep = check_document(doc)
    assert rep.claims["rounds/1"] == "certified" and rep.claims["rounds/4"].startswith("conditional")


def test_every_changed_number_of_a_tree_is_rejected(spy3):
    doc = _run("dialogue", str(spy3), "--rounds", "3")
    check_document(doc)
    trees = [i for i, c in enumerate(doc["certificates"]) if c["certificate"] == "dialogue-tree"]
    n = 0
    for i in trees:
        for path, v in leaves(doc["certificates"][i], ("certificates", i)):
            with pytest.raises(CheckFailure):
                check_document(mutated(doc, path, v))
            n += 1
    for t in range(4):
        for who in ("sally", "bob"):
            with pytest.raises(CheckFailure):
                check_document(mutated(doc, ("rounds", t, "payoffs", who), doc["rounds"][t]["payoffs"][who]))
    assert n > 50


def test_tree_certificate_class_rejects_a_changed_leaf():
    g = spy_game()
    c = tree_certificate(g, dialogue_cells(g, 3).trees[2])
    assert c.verify()
    leaf = next(nd for nd in c.nodes if nd["t"] == 0)
    leaf["value"] = (leaf["value"][0] + F(1, 7), leaf["value"][1])
    with pytest.raises(CertificateError):
        c.verify()


def test_a_moved_posterior_is_rejected(spy3):
    doc = _run("dialogue", str(spy3), "--rounds", "3")
    i = [i for i, c in enumerate(doc["certificates"]) if c["certificate"] == "dialogue-tree"][-1]   # round 3's
    bad = json.loads(json.dumps(doc))
    node = next(nd for nd in bad["certificates"][i]["nodes"] if str(nd["t"]) == "2")
    node["sally"] = ["1", "0"]      # the tree no longer splits the start point's distribution
    with pytest.raises(CheckFailure):
        check_document(bad)


# -- limits and bad input -------------------------------------------------------------------------


def test_limits_are_named(monkeypatch, spy3, capsys):
    monkeypatch.setattr(cells, "MAX_WORK", 3)
    with pytest.raises(TooLargeError, match="MAX_WORK"):
        dialogue_cells(load_game(spy3), 3)
    assert main(["dialogue", str(spy3), "--rounds", "3"]) == 0    # issue 24: completed rounds are kept
    out = capsys.readouterr().out
    assert "stopped after round 1 of 3" in out and "MAX_WORK" in out


def test_a_limit_keeps_the_completed_rounds(monkeypatch, spy3):
    """Issue 24 ("partial results"): at a limit of the pieces, the rounds completed before it are
    returned with their certificates and ``stopped_by`` names the limit; the document verifies, and
    a changed payoff of a kept round is rejected."""
    full = dialogue_cells(load_game(spy3), 3)
    monkeypatch.setattr(cells, "MAX_WORK", 3)
    part = dialogue_cells(load_game(spy3), 3, partial=True)
    assert part.stopped_by is not None and "MAX_WORK" in part.stopped_by and "round 1" in part.stopped_by
    assert part.payoffs == full.payoffs[:2] and part.verify()
    doc = _run("dialogue", str(spy3), "--rounds", "3")
    assert len(doc["rounds"]) == 2 and "MAX_WORK" in doc["stopped_by"] and doc["rounds_asked"] == 3
    assert doc["certified_rounds"] == 1
    check_document(doc)
    bad = json.loads(json.dumps(doc))
    bad["rounds"][1]["payoffs"]["sally"] = str(F(bad["rounds"][1]["payoffs"]["sally"]) + 1)
    bad["rounds"][1]["welfare"] = str(F(bad["rounds"][1]["welfare"]) + 1)
    with pytest.raises(CheckFailure):
        check_document(bad)
    bad = json.loads(json.dumps(doc))
    bad["stopped_by"] = None        # claiming a complete run of 3 rounds with 1 round in it
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_rounds_out_of_range():
    with pytest.raises(InputError, match="MAX_ROUNDS"):
        dialogue_cells(spy_game(), cells.MAX_ROUNDS + 1)
    with pytest.raises(InputError):
        dialogue(spy_game(), -1)


def test_section_3_4_at_four_rounds_keeps_three():
    """Section 3.4 (three buyer values) asked for T = 4: the cell engine's round-3 pieces are beyond
    its limits today, so rounds 0-3 are returned (round 3 reaches W* = 33/5, C = 3) with the limit
    named; if the engine ever computes round 4, its welfare must stay W*."""
    path = pathlib.Path(__file__).resolve().parent.parent / "examples" / "bilateral_trade_three_values.toml"
    doc = _run("dialogue", str(path), "--rounds", "4")
    W = F(doc["efficient_welfare"])
    assert W == F(33, 5) and doc["message_complexity"] == 3
    assert [F(r["welfare"]) for r in doc["rounds"][:4]] == [F(82, 15), F(94, 15), F(98, 15), W]
    assert len(doc["rounds"]) == 5 or ("stopped_by" in doc and len(doc["rounds"]) == 4)
    assert all(F(r["welfare"]) == W for r in doc["rounds"][3:])
    check_document(doc)
