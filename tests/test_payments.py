"""Propositions 1, 3-6 of 003_e54e9b7a7da88b3e.txt checked against the LP on generated instances."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.errors import CertificateError, TooLargeError
from exactgame.games import SenderReceiverGame
from exactgame.persuasion import persuade
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.payments import (
    action_type_game,
    check_proposition_1,
    persuade_with_payments,
    proposition_3,
    proposition_3_with_best_ties,
    scheme_value,
    welfare_scheme,
)

F = Fraction
generic = st.builds(F, st.integers(-400, 400), st.sampled_from([1, 3, 7, 11, 13]))


@st.composite
def two_action_games(draw):
    ns = draw(st.integers(1, 4))
    states = [f"w{i}" for i in range(ns)]
    weights = [draw(st.integers(1, 5)) for _ in states]
    return SenderReceiverGame(states, ["x", "y"], [F(w, sum(weights)) for w in weights],
                              sender={w: [draw(generic), draw(generic)] for w in states},
                              receiver={w: [draw(generic), draw(generic)] for w in states})


@st.composite
def iid_games(draw, n_max=3):
    n = draw(st.integers(2, n_max))
    m = draw(st.integers(2, 3))
    types = [(draw(generic), draw(generic)) for _ in range(m)]
    w = [draw(st.integers(1, 4)) for _ in range(m)]
    return action_type_game(types, n, [F(x, sum(w)) for x in w])


@given(two_action_games())
def test_proposition_4_two_actions_arbitrary_payments(g):
    """n = 2, any distribution: the optimum recommends argmax s + 2r and pays the optimal payments."""
    r = persuade_with_payments(g, "arbitrary")
    assert r.verify()
    assert r.value == scheme_value(g, welfare_scheme(g, 2))


@given(iid_games())
def test_proposition_5_symmetric_arbitrary_payments(g):
    n = len(g.actions)
    r = persuade_with_payments(g, "arbitrary")
    assert r.value == scheme_value(g, welfare_scheme(g, F(n, n - 1)))


@given(iid_games())
def test_proposition_6_iid_nonnegative_dichotomy(g):
    """Either the optimal no-payment scheme or argmax s + n/(n-1) r with optimal nonnegative payments."""
    n = len(g.actions)
    nonneg = persuade_with_payments(g, "nonnegative").value
    assert nonneg == max(persuade(g, cross_check=False).value, scheme_value(g, welfare_scheme(g, F(n, n - 1)), "nonnegative"))


@given(iid_games())
def test_proposition_3_smallest_persuasive_lambda(g):
    """phi^{lambda*} is persuasive and never beats the optimum; with the tie at lambda* resolved
    optimally, the lambda*-argmax schemes attain the optimum."""
    lam, scheme, value = proposition_3(g)
    best = persuade_with_payments(g, "none").value
    assert value <= best
    lam2, tied = proposition_3_with_best_ties(g)
    assert lam2 <= lam and tied == best


def test_proposition_3_uniform_ties_counterexample():
    """Finding: with finitely many types, Definition 4's uniform tie-breaking at lambda* can be
    suboptimal. Types (s, r) = (0,0), (0,1), (1,0) with probabilities 1/4, 1/4, 1/2, two actions:
    lambda* = 1/2, phi^{lambda*} earns 5/8, the optimum is 11/16 (same argmax, ties broken for the sender)."""
    g = action_type_game([(0, 0), (0, 1), (1, 0)], 2, ["1/4", "1/4", "1/2"])
    lam, scheme, value = proposition_3(g)
    assert (lam, value) == (F(1, 2), F(5, 8))
    assert persuade_with_payments(g, "none").value == F(11, 16) == proposition_3_with_best_ties(g)[1]


@given(two_action_games(), st.sampled_from(["none", "nonnegative", "budget-balanced", "arbitrary"]))
def test_proposition_1_holds_for_every_model(g, model):
    r = persuade_with_payments(g, model)
    assert check_proposition_1(r) and r.lp.certificate.verify()
    # the models are nested: none <= nonnegative <= arbitrary and none <= budget-balanced <= arbitrary
    assert persuade_with_payments(g, "none").value <= r.value <= persuade_with_payments(g, "arbitrary").value


def test_proposition_1_detects_wrong_duals():
    from dataclasses import replace

    from exactgame.persuasion.payments import two_action_example

    r = persuade_with_payments(two_action_example(), "arbitrary")
    bad = replace(r, duals={k: F(0) for k in r.duals})  # lambda = 0 would make the scheme maximize s alone
    with pytest.raises(CertificateError, match="Proposition 1"):
        check_proposition_1(bad)


def test_type_profiles_guard():
    with pytest.raises(TooLargeError):
        action_type_game([(0, 0), (1, 1), (2, 2), (3, 3)], 8)


# -- many receivers (Section 7) ------------------------------------------------------------


@st.composite
def multi_receiver_games(draw):
    N = draw(st.integers(1, 3))
    R = [f"r{i + 1}" for i in range(N)]
    from itertools import combinations

    subsets = ["+".join(c) for k in range(N + 1) for c in combinations(R, k)]
    states = ["w0", "w1"]
    sender = {w: {S: draw(st.integers(0, 6)) for S in subsets} for w in states}
    payoffs = {w: {S: [draw(st.integers(-4, 4)) for _ in R] for S in subsets} for w in states}
    w = [draw(st.integers(1, 4)) for _ in states]
    return MultiReceiverGame.make(states, [F(x, sum(w)) for x in w], R, sender, payoffs)


@given(multi_receiver_games())
def test_propositions_7_and_8(g):
    """Arbitrary payments: all multipliers 1, total payoff maximized (Prop. 8). Budget balance:
    one common gamma* >= 0 and a value at least the no-payment optimum (Prop. 7 (2)-(3))."""
    none, bb, arb = (solve_binary(g, m) for m in ("none", "budget-balanced", "arbitrary"))
    assert all(r.verify() for r in (none, bb, arb))
    assert arb.gamma == 1 and bb.gamma is not None and bb.gamma >= 0
    assert none.value <= bb.value <= arb.value
    assert sum(a + b for a, b in bb.expected_payments.values()) == 0


def test_multi_receiver_file_errors(tmp_path):
    from exactgame.errors import InputError
    from exactgame.games import load_game

    path = tmp_path / "m.toml"
    path.write_text('kind = "multi-receiver"\nstates = ["w"]\nprior = [1]\nreceivers = ["a"]\n'
                    '[sender.w]\n"" = 0\n"b" = 1\n[payoffs.w]\n"" = [0]\n"a" = [1]\n')
    with pytest.raises(InputError, match="not a subset"):
        load_game(path)
    with pytest.raises(TooLargeError):
        MultiReceiverGame.make(["w"], [1], [f"r{i}" for i in range(11)], {}, {})
