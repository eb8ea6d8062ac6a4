"""Persuasion with receiver-worst tie-breaking (exactgame.persuasion.adversarial)."""

import random
from fractions import Fraction

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.games import SenderReceiverGame
from exactgame.geometry import solve_lp
from exactgame.persuasion import persuade
from exactgame.persuasion.adversarial import (adversarial_report, persuade_adversarial, receiver_classes,
                                              receiver_worst_value)
from exactgame.persuasion.value import example1_sr

F = Fraction


def judge():
    return SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
                              sender={"innocent": [0, 1], "guilty": [0, 1]},
                              receiver={"innocent": [1, 0], "guilty": [0, 1]})


def _eps_value(game, p, eps):
    """max sum p mu u_S over outcomes where every recommended action beats every other one by eps at its
    posterior (so any tie-breaking obeys): a lower bound of the supremum that tends to it (no classes used)."""
    S, A = game.states, game.actions
    n, m = len(S), len(A)
    c = [p[i] * game.sender[w][j] for i, w in enumerate(S) for j in range(m)]
    rows = []
    for a in range(m):
        for b in range(m):
            if a != b:
                row = [F(0)] * (n * m)
                for i, w in enumerate(S):
                    row[i * m + a] = -p[i] * (game.receiver[w][a] - game.receiver[w][b] - eps)
                rows.append(row)
    eq = [[F(int(k // m == i)) for k in range(n * m)] for i in range(n)]
    r = solve_lp(c, A_ub=rows, b_ub=[0] * len(rows), A_eq=eq, b_eq=[1] * n, maximize=True)
    return r.value


def _random_game(rng, n, m):
    return SenderReceiverGame([f"w{i}" for i in range(n)], [f"a{j}" for j in range(m)], [F(1, n)] * n,
                              sender={f"w{i}": [rng.randint(0, 5) for _ in range(m)] for i in range(n)},
                              receiver={f"w{i}": [rng.randint(0, 4) for _ in range(m)] for i in range(n)})


def test_judge_supremum_is_not_attained():
    """Kamenica-Gentzkow's prosecutor: 3/5 with sender-preferred ties; with adversarial ties 3/5 is only a supremum."""
    r = persuade_adversarial(judge())
    assert (r.value, r.attained, r.splitting) == (F(3, 5), False, None)
    assert F(0) < r.strict_value < r.value
    assert adversarial_report(judge()).verify()


def test_example1_sup_equals_bp_value_and_attainment():
    """Example 1 (000): every cell is full-dimensional, so the supremum is Cav V(p); it is attained
    only where the BP posteriors avoid a tie the receiver would break against the sender."""
    g = example1_sr()
    verdict = {}
    for p in ("1/10", "3/10", "1/2", "7/10", "1/5"):
        prior = [1 - F(p), F(p)]
        r = persuade_adversarial(g, prior)
        assert r.value == persuade(g, prior).value
        verdict[p] = r.attained
    assert verdict == {"1/10": False, "3/10": True, "1/2": False, "7/10": False, "1/5": False}


def test_lower_dimensional_cell_is_dropped():
    """m is a best response only at 1/2 (tied with l and r): the adversary never plays it. The sender wants r,
    which is best only for q >= 1/2 = p: posteriors just above 1/2 (with a little mass near 0) approach 1,
    but at q = 1/2 itself the receiver takes l."""
    g = SenderReceiverGame(["w0", "w1"], ["l", "m", "r"], ["1/2", "1/2"],
                           sender={"w0": [0, 5, 1], "w1": [0, 5, 1]}, receiver={"w0": [2, 1, 0], "w1": [0, 1, 2]})
    r = persuade_adversarial(g)
    assert persuade(g).value == 5 and r.value == 1 and r.attained is False
    assert [c.strict for c in r.classes] == [True, False, True]
    assert adversarial_report(g).verify()


def test_duplicate_actions_pay_their_worst():
    """a and b are the same action for the receiver: he takes the one the sender likes less in each posterior."""
    g = SenderReceiverGame(["w0", "w1"], ["a", "b", "c"], ["1/2", "1/2"],
                           sender={"w0": [3, 0, 1], "w1": [0, 3, 1]}, receiver={"w0": [1, 1, 0], "w1": [1, 1, 0]})
    r = persuade_adversarial(g)
    assert [c.actions for c in r.classes] == [("a", "b"), ("c",)]
    assert r.value == F(3, 2) and r.attained           # min(3q, 3(1-q)) is at most 3/2, at the prior
    assert receiver_worst_value(g, [F(1, 2), F(1, 2)]) == F(3, 2)
    assert adversarial_report(g).verify()


def test_harmless_tie_is_attained():
    """The prior is a tie between y and z, which pay the sender the same: attained (babbling)."""
    g = SenderReceiverGame(["w0", "w1"], ["x", "y", "z"], ["1/2", "1/2"],
                           sender={"w0": [0, 1, 1], "w1": [0, 1, 1]}, receiver={"w0": ["2/5", 1, 0], "w1": ["2/5", 0, 1]})
    r = persuade_adversarial(g)
    assert r.value == persuade(g).value and r.attained
    assert sum(w * receiver_worst_value(g, q) for w, q in r.splitting) == r.value


@pytest.mark.parametrize("seed", range(30))
def test_supremum_is_the_limit_of_strict_obedience(seed):
    rng = random.Random(seed)
    g = _random_game(rng, rng.randint(2, 3), rng.randint(2, 4))
    p = g.prior
    r = persuade_adversarial(g)
    assert r.strict_value <= r.value <= persuade(g).value
    near = _eps_value(g, p, F(1, 10**6))
    if near is not None:                      # an eps-strict outcome exists: it is below the sup and close to it
        assert near <= r.value and r.value - near <= F(1, 1000)
    if r.attained:
        assert sum(w * receiver_worst_value(g, q) for w, q in r.splitting) == r.value
    assert adversarial_report(g).verify()


def test_boundary_prior_uses_the_support():
    g = example1_sr()
    r = persuade_adversarial(g, ["1", "0"])
    assert r.value == 2 and r.attained                  # a0 is strictly best at w0
    assert len(receiver_classes(g, [F(1), F(0)])) == 5


def _doc(game=None, prior=None):
    return adversarial_report(game or judge(), prior).document()


@pytest.mark.parametrize("path,value", [
    (("value",), "1/2"),
    (("strict_value",), "1/2"),
    (("outcome", "guilty", "convict"), "1/2"),
    (("certificates", "approach", "x", 0), "2"),
    (("certificates", "classes", 0, "belief", 0), "1/2"),
    (("supporting_hyperplane", 1), "3"),
    (("attained",), True),
    (("ties",), "sender"),
])
def test_tampered_receiver_worst_document_is_rejected(path, value):
    doc = _doc()
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(CheckFailure):
        check_document(doc)


def test_tampered_attaining_signal_is_rejected():
    doc = _doc(example1_sr(), ["7/10", "3/10"])
    assert doc["attained"] is True
    bad = dict(doc, attained=False)
    with pytest.raises(CheckFailure, match="claims/attained"):
        check_document(bad)                              # labelled certified, but no longer proved
    doc["certificates"]["attaining"]["splitting"][0]["belief"] = ["4/5", "1/5"]
    with pytest.raises(CheckFailure, match="attaining"):
        check_document(doc)


def test_cli_ties(capsys, tmp_path):
    from exactgame.cli import main

    assert main(["persuade", "examples/efficiency_example1.toml", "--prior", "9/10,1/10", "--ties", "receiver-worst"]) == 0
    assert "sender's supremum: 6 (not attained)" in capsys.readouterr().out
    assert main(["persuade", "examples/efficiency_example1.toml", "--ties", "receiver-worst", "--payments", "arbitrary"]) == 2
    assert "--ties" in capsys.readouterr().err
    assert main(["persuade", "examples/efficiency_example1.toml", "--ties", "nobody"]) == 2


def test_a_weakly_obedient_approach_point_is_rejected():
    """The LP optimum itself recommends convict at the tie 1/2: not strictly obedient, so it proves no approach."""
    doc = _doc()
    doc["certificates"]["approach"]["x"] = doc["certificates"]["lp"]["x"][:4]
    with pytest.raises(CheckFailure, match="not strictly obedient"):
        check_document(doc)


@pytest.mark.parametrize("option", [["--ties", "receiver-worst"], ["--reduced-form"]])
def test_action_types_files_refuse_options_the_checker_does_not_read(option, capsys):
    """Found by a review: an action-types game is a SenderReceiverGame subclass, so these paths ran and
    wrote documents that verify refused (the checker reads the file by its own kind). Refused up front."""
    from exactgame.cli import main

    assert main(["persuade", "examples/action_types_correlated.toml", *option]) == 2
    assert option[0] in capsys.readouterr().err
