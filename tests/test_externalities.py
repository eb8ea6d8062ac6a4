"""Appendix B of 003_e54e9b7a7da88b3e.txt made computable (exactgame.persuasion.externalities):
Definition 6, Lemma 4 (both LPs and the proof's repair), Proposition 9's separation, Definition 7."""

from __future__ import annotations

import copy
import random
from fractions import Fraction as F
from itertools import combinations

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.errors import InputError
from exactgame.geometry.lp import solve_problem
from exactgame.persuasion.colgen import SetTables, brute_force_oracle
from exactgame.persuasion.externalities import (cone_conditions, externality_violation, in_conic_hull, lemma4,
                                                monotone_violation, positive_example, repair_star_star,
                                                separation_solve)
from exactgame.persuasion.multireceiver import MultiReceiverGame, binary_lp
from exactgame.persuasion.signals_report import externalities_report


def positive_game(N: int, seed: int, states: int = 2) -> MultiReceiverGame:
    """u_i(S) = [i in S] (v_i + sum_{j in S - i} c_ij) with c >= 0: Definition 6 holds; f monotone."""
    rnd = random.Random(seed)
    R = [f"r{i}" for i in range(N)]
    S = [f"w{t}" for t in range(states)]
    subs = [c for k in range(N + 1) for c in combinations(R, k)]
    pay = {}
    for w in S:
        v = {r: rnd.randint(-6, 2) for r in R}
        c = {(a, b): rnd.randint(0, 2) for a in R for b in R if a != b}
        pay[w] = {"+".join(s): [v[r] + sum(c[(r, o)] for o in s if o != r) if r in s else 0 for r in R] for s in subs}
    rule = {"rule": "supermodular"} if seed % 2 else {"rule": "additive", "weights": {r: rnd.randint(0, 3) for r in R}}
    weights = [rnd.randint(1, 5) for _ in S]
    return MultiReceiverGame.make(S, [F(x, sum(weights)) for x in weights], R, rule, pay)


def non_monotone_game() -> MultiReceiverGame:
    """One receiver who always wants action 1; the sender prefers 0 (f not monotone)."""
    return MultiReceiverGame.make(["lo", "hi"], ["1/2", "1/2"], ["r"], {"lo": {"": 1, "r": 0}, "hi": {"": 1, "r": 0}},
                                  {"lo": {"": [0], "r": [1]}, "hi": {"": [0], "r": [2]}})


@pytest.mark.parametrize("seed", range(10))
def test_lemma4_holds_under_its_hypotheses(seed):
    g = positive_game(2 + seed % 3, seed)
    assert externality_violation(g) is None and monotone_violation(g) is None
    r = lemma4(g)
    assert r.holds and r.repaired_feasible and r.repaired_value == r.full_value == r.reduced_value
    assert r.verify()


def test_repair_makes_moves_and_ends_feasible():
    g = positive_example()
    from dataclasses import replace
    g = replace(g, prior=(F(1, 10), F(9, 10)))
    start = {w: {frozenset(): F(1)} for w in g.states}          # (*) holds, (**) fails for both receivers
    fixed, moves = repair_star_star(g, start)
    assert moves >= 1
    assert fixed["good"] == {frozenset({"r1", "r2"}): F(1)}
    r = lemma4(g.__class__.example(), None)                     # a game without positive externalities still reports
    assert r.externality_witness is not None


def test_lemma4_needs_monotone_f():
    """The counterexample of the module doc: positive externalities hold (vacuously), f is not monotone,
    and the reduced LP is strictly better than LP-Binary."""
    g = non_monotone_game()
    r = lemma4(g)
    assert r.positive_externalities and not r.monotone
    assert (r.reduced_value, r.full_value, r.holds) == (F(1), F(0), False)
    assert not r.repaired_feasible or r.repaired_value < r.reduced_value
    doc = externalities_report(g, "none", None).document()
    assert check_document(doc) and doc["externalities"]["lemma4_holds"] is False


def test_final_primal_dual_lp_duals():
    """alpha >= 0 and y with y_theta >= mu_theta (f(S) + sum alpha_i g_i(S)) everywhere, sum y = value."""
    g = positive_example()
    r = lemma4(g)
    assert all(a >= 0 for a in r.alpha) and sum(r.y) == r.reduced_value
    mu = dict(zip(g.states, g.prior))
    for t, w in enumerate(g.states):
        for S in g.subsets():
            assert r.y[t] >= mu[w] * (g.sender[w][S] + sum(a * g.g(w, i, S) for i, a in enumerate(r.alpha)))


def test_separation_matches_the_dense_reduced_lp():
    for seed in range(4):
        g = positive_game(3, seed)
        lp, _ = binary_lp(g, "none")
        N = len(g.receivers)
        from exactgame.geometry.lp import LPProblem
        reduced = LPProblem.make(lp.c, lp.A_ub[:N], lp.b_ub[:N], lp.A_eq, lp.b_eq, maximize=True)
        dense = solve_problem(reduced).value
        run = separation_solve(g, brute_force_oracle(SetTables(g)))
        assert run.value == dense and run.oracle_calls >= len(g.states)
        assert separation_solve(g).value == dense


def test_a_wrong_oracle_cannot_produce_a_wrong_answer():
    g = positive_game(3, 1)
    lazy = lambda w, a, b: frozenset()          # never proposes anything useful
    assert separation_solve(g, lazy).value == separation_solve(g).value


def test_definition7_and_cone_conditions():
    ok, lp = in_conic_hull([0, 1, 2, 3], [[0, 1, 0, 1], [0, 0, 1, 1]])
    assert ok and lp.x == (F(1), F(2))
    no, lp = in_conic_hull([0, -1, 0, -1], [[0, 1, 0, 1], [0, 0, 1, 1]])
    assert not no and lp.status == "infeasible" and lp.certificate.verify()
    with pytest.raises(InputError):
        in_conic_hull([0, 1], [[0, 1, 2]])
    # no externalities and additive f: everything is modular
    g = MultiReceiverGame.make(["a", "b"], ["1/2", "1/2"], ["r1", "r2"], {"rule": "additive"},
                               {w: {"": [0, 0], "r1": [v, 0], "r2": [0, v], "r1+r2": [v, v]} for w, v in (("a", -2), ("b", 1))})
    assert cone_conditions(g, "modular") == {"f_in_cone": True, "g_in_cone": True, "monotone_sender": True,
                                             "positive_externalities": True}
    assert cone_conditions(positive_example(), "modular")["g_in_cone"] is False
    with pytest.raises(InputError):
        cone_conditions(g, "submodular")


TAMPER = [
    ("externalities/positive_externalities", False),
    ("externalities/externality_witness", {"state": "bad", "set": "r1+r2", "i": "r1", "j": "r2"}),
    ("externalities/reduced_value", "2"),
    ("externalities/alpha", ["0", "0"]),
    ("externalities/lemma4_holds", False),
    ("externalities/repaired_value", "1"),
    ("externalities/repaired_feasible", False),
    ("externalities/lp_binary_value", "2"),
]


@pytest.mark.parametrize("path,value", TAMPER)
def test_tampering_is_caught(path, value):
    doc = externalities_report(positive_example(), "none", None).document()
    assert check_document(doc)
    bad = copy.deepcopy(doc)
    head, last = path.rsplit("/", 1)
    bad[head][last] = value
    assert bad != doc
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_tampered_reduced_certificate_and_repaired_scheme():
    doc = externalities_report(positive_example(), "none", None).document()
    bad = copy.deepcopy(doc)
    bad["certificates"]["reduced_lp"]["y_eq"][0] = "-1"
    with pytest.raises(CheckFailure):
        check_document(bad)
    bad = copy.deepcopy(doc)
    bad["externalities"]["repaired_scheme"]["bad"] = {"": "1/2"}
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_externalities_needs_no_payments_and_multi_receiver(capsys):
    from exactgame.cli import main

    with pytest.raises(InputError, match="no payments"):
        externalities_report(positive_example(), "arbitrary", None)
    assert main(["persuade", "examples/multi_receiver.toml", "--externalities", "--signals", "both"]) == 2
    assert main(["persuade", "examples/efficiency_example1.toml", "--externalities"]) == 2
    assert main(["persuade", "examples/multi_receiver.toml", "--externalities"]) == 0
    assert "Definition 6" in capsys.readouterr().out
