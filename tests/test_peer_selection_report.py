"""Peer selection from a game file: the ranking mechanism and the optimal DIC mechanism (Section 3.2)."""

import contextlib
import io
import itertools
import json
import random
from fractions import Fraction

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.errors import InputError
from exactgame.games import load_game, loads_game
from exactgame.geometry import solve_lp
from exactgame.peer_selection import dic_violations
from exactgame.peer_selection_report import PeerSelectionGame, optimal_dic_mechanism, peer_selection_report

F = Fraction


def run(*args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


def reduced_optimum(game: PeerSelectionGame) -> Fraction:
    """The optimum through the reduction of the module doc: q_i(w_-i) >= 0 with sum_i q_i(w_-i) <= 1 in
    every state, objective sum_i sum_{w_-i} p(w_-i) q_i(w_-i) E[u_i | w_-i] (a different LP)."""
    types = game.type_sets()
    n = len(types)
    p = {tuple(w.split("|")): q for w, q in game.prior.items()}
    cols = [(i, rest) for i in range(n) for rest in itertools.product(*(t for j, t in enumerate(types) if j != i))]
    c = []
    for i, rest in cols:
        rows = [(w, q) for w, q in p.items() if tuple(x for j, x in enumerate(w) if j != i) == rest]
        c.append(sum(q * game.values[i][w[i]] for w, q in rows))          # p(w_-i) E[u_i | w_-i]
    A = [[F(int(tuple(x for j, x in enumerate(w) if j != i) == rest)) for i, rest in cols] for w in p]
    return solve_lp(c, A_ub=A, b_ub=[1] * len(A), maximize=True).value


def random_game(rng, n, m):
    names = [f"t{j}" for j in range(m)]
    vals = [{t: F(rng.randint(-10, 10), 10) for t in names} for _ in range(n)]
    states = ["|".join(w) for w in itertools.product(*[names] * n)]
    ws = [rng.randint(1, 9) for _ in states]
    return PeerSelectionGame.make(vals, F(rng.randint(1, 3), 3), {s: F(x, sum(ws)) for s, x in zip(states, ws)})


@pytest.mark.parametrize("seed", range(6))
def test_optimal_dic_value_matches_the_reduced_lp(seed):
    rng = random.Random(seed)
    g = random_game(rng, rng.choice([2, 3]), 2)
    inst = g.instance()
    opt = optimal_dic_mechanism(inst)
    assert opt.certificate.verify()
    assert opt.value == reduced_optimum(g)
    assert dic_violations(inst.game, opt.outcome, inst.type_sets()) == []
    assert inst.game.payoff(inst.outcome)[0] <= opt.value          # the ranking mechanism is DIC


@pytest.mark.parametrize("file", ["examples/peer_selection_two_agents.toml", "examples/peer_selection_correlated.toml"])
def test_documents_verify_and_tampering_fails(file):
    doc = run("peer-selection", file)
    assert set(check_document(doc).proved) >= {"outcome", "dic", "efficient", "optimal", "ratio"}
    changes = {"efficient": not doc["efficient"], "dic": not doc["dic"], "hypotheses_hold": not doc["hypotheses_hold"],
               "ranking_value": "1", "ratio": "1/2",
               "optimal": {**doc["optimal"], "value": "1"},
               "outcome": {**doc["outcome"], doc["states"][0]: {"agent1": "1/3", "keep": "2/3"}}}
    for key, value in changes.items():
        with pytest.raises(CheckFailure):
            check_document({**doc, key: value})
    lp = doc["certificates"]["lp"]
    with pytest.raises(CheckFailure):
        check_document({**doc, "certificates": {**doc["certificates"], "lp": {**lp, "y_eq": ["0"] * len(lp["y_eq"])}}})


def test_two_agent_example():
    r = peer_selection_report(load_game("examples/peer_selection_two_agents.toml"))
    assert r.body["efficient"] is False and r.body["hypotheses_hold"] is True          # Proposition 7
    assert r.body["optimal"]["value"] == "19/40" and r.body["optimal"]["efficient"] is True
    assert r.body["optimal"]["stochastic_states"] == []      # independent types: always the best peer value
    assert r.body["ratio"] == "67/114"


def test_bad_files_are_input_errors(capsys):
    with pytest.raises(InputError, match="unknown type profile"):
        loads_game('{"kind": "peer-selection", "threshold": "1", "values": [{"a": 0, "b": 1}, {"a": 0, "b": 1}], "prior": {"a|c": 1}}')
    with pytest.raises(InputError, match="sum to 1"):
        loads_game('{"kind": "peer-selection", "threshold": "1", "values": [{"a": 0, "b": 1}, {"a": 0, "b": 1}], "prior": {"a|a": "1/2"}}')
    with pytest.raises(InputError, match="unknown key"):
        loads_game('{"kind": "peer-selection", "threshold": "1", "values": [], "priors": {}}')
    assert main(["peer-selection", "examples/efficiency_example1.toml"]) == 2
    assert "kind 'peer-selection'" in capsys.readouterr().err
    with pytest.raises(InputError):        # a state of probability 0: efficiency needs an interior prior
        peer_selection_report(PeerSelectionGame.make([{"a": 0, "b": 1}, {"a": 0, "b": 1}], "1",
                                                     {"a|a": "1/2", "a|b": "1/4", "b|a": "1/4"}))
