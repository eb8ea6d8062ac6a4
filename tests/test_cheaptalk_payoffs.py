"""The set of cheap-talk equilibrium payoffs under transparent motives (exactgame.cheaptalk_payoffs)."""

import copy
import random
from fractions import Fraction

import pytest

from exactgame.cheaptalk import check_equilibrium
from exactgame.cheaptalk_payoffs import equilibrium_payoff_set, payoff_set_report
from exactgame.check import CheckFailure, check_document
from exactgame.errors import InputError
from exactgame.games import SenderReceiverGame
from exactgame.persuasion.value import example1_sr

F = Fraction


def _one_dimensional_set(game: SenderReceiverGame, p1: Fraction) -> tuple[Fraction, Fraction]:
    """Two states, q = belief of the second state: by Lemma 1 (posteriors on both sides of p, or p) the set
    is L & R, L (R) the range of u_S over the actions that are a best response somewhere in [0, p] ([p, 1]).
    Computed on a fine exact grid plus every breakpoint, independently of the envelope code."""
    uS = dict(zip(game.actions, game.sender[game.states[0]]))
    u0, u1 = game.receiver[game.states[0]], game.receiver[game.states[1]]
    n = len(game.actions)
    points = {F(0), F(1), p1}
    for a in range(n):          # every tie between two actions
        for b in range(a + 1, n):
            d = (u1[a] - u0[a]) - (u1[b] - u0[b])
            if d:
                q = (u0[b] - u0[a]) / d
                if 0 <= q <= 1:
                    points.add(q)
    pts = sorted(points)
    pts += [(x + y) / 2 for x, y in zip(pts, pts[1:])]

    def best(q):
        ev = [(1 - q) * u0[j] + q * u1[j] for j in range(n)]
        return [game.actions[j] for j in range(n) if ev[j] == max(ev)]

    left = [uS[a] for q in pts if q <= p1 for a in best(q)]
    right = [uS[a] for q in pts if q >= p1 for a in best(q)]
    return max(min(left), min(right)), min(max(left), max(right))


def _random_game(rng: random.Random, n_actions: int) -> SenderReceiverGame:
    row = [rng.randint(0, 6) for _ in range(n_actions)]
    return SenderReceiverGame(["w0", "w1"], [f"a{j}" for j in range(n_actions)], ["1/2", "1/2"],
                              sender={"w0": row, "w1": row},
                              receiver={"w0": [rng.randint(0, 9) for _ in range(n_actions)],
                                        "w1": [rng.randint(0, 9) for _ in range(n_actions)]})


def test_example1_payoff_sets():
    """Example 1 (000, Figure 2): at p = 1/2 the sender gets anything in [0, 3]; [2, 10] at p = 3/10; [1, 3] at 7/10."""
    g = example1_sr()
    got = {p: equilibrium_payoff_set(g, [1 - F(p), F(p)]) for p in ("1/2", "3/10", "7/10", "1/10")}
    assert {p: (s.sender_low, s.sender_high) for p, s in got.items()} == {
        "1/2": (0, 3), "3/10": (2, 10), "7/10": (1, 3), "1/10": (2, 2)}
    for s in got.values():
        assert s.verify()


@pytest.mark.parametrize("seed", range(40))
def test_interval_matches_the_one_dimensional_formula(seed):
    rng = random.Random(seed)
    g = _random_game(rng, rng.randint(2, 5))
    p1 = F(rng.randint(1, 9), 10)
    ps = equilibrium_payoff_set(g, [1 - p1, p1])
    assert (ps.sender_low, ps.sender_high) == _one_dimensional_set(g, p1)
    for cert in (ps.low, ps.high):      # both ends are equilibria of the game itself
        assert check_equilibrium(g, cert.sigma, cert.tau, [1 - p1, p1]).is_equilibrium


def test_three_states_ends_are_equilibria_and_verify():
    rng = random.Random(7)
    for _ in range(5):
        row = [rng.randint(0, 5) for _ in range(4)]
        g = SenderReceiverGame(["x", "y", "z"], ["a", "b", "c", "d"], ["1/3", "1/3", "1/3"],
                               sender={w: row for w in "xyz"},
                               receiver={w: [rng.randint(0, 9) for _ in range(4)] for w in "xyz"})
        r = payoff_set_report(g)
        d = r.document()
        assert F(d["sender_payoff_min"]) <= F(d["sender_payoff_max"]) == F(d["sender_value"])
        assert r.verify()


def _doc(prior=("1/2", "1/2")):
    return payoff_set_report(example1_sr(), list(prior)).document()


@pytest.mark.parametrize("path,value", [
    (("sender_payoff_min",), "-1"),
    (("sender_payoffs", 0), "-1"),
    (("sender_payoffs", 1), "4"),
    (("receiver_payoff_at_min",), "6"),
    (("receiver_payoff_at_max",), "7"),
    (("certificates", "min_separator", "level"), "1"),
    (("certificates", "min_separator", "separator", 0), "-100"),
    (("certificates", "min_separator", "multipliers", "a2", 2), "0"),
])
def test_tampered_payoff_set_is_rejected(path, value):
    doc = _doc(("3/10", "7/10"))          # low end 1 > min u_S = 0: the separator is not empty
    assert doc["sender_payoff_min"] == "1" and doc["certificates"]["min_separator"]["separator"] is not None
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(CheckFailure):
        check_document(doc)


def test_tampered_low_equilibrium_is_rejected():
    doc = _doc()
    eq = doc["certificates"]["min_equilibrium"]
    m = next(iter(eq["tau"]))
    eq["tau"][m] = {"a0": "1"}          # babbling on a0 at 1/2 is not a best response
    with pytest.raises(CheckFailure, match="min_equilibrium"):
        check_document(doc)
    good = _doc()
    good["options"]["payoff_set"] = False   # without the option the keys are not proved: the claims fail
    with pytest.raises(CheckFailure, match="claims/sender_payoff"):
        check_document(good)


def test_state_dependent_sender_refused():
    g = SenderReceiverGame(["a", "b"], ["x", "y"], ["1/2", "1/2"], sender={"a": [1, 0], "b": [0, 1]},
                           receiver={"a": [1, 0], "b": [0, 1]})
    with pytest.raises(InputError, match="state-independent"):
        payoff_set_report(g)


def test_cli_payoff_set(capsys):
    from exactgame.cli import main

    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--prior", "1/2,1/2", "--payoff-set"]) == 0
    assert "sender's equilibrium payoffs: [0, 3]" in capsys.readouterr().out
    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--payoff-set", "--pure"]) == 2
