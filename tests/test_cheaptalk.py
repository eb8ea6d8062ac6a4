from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.cheaptalk import (
    CheapTalkEquilibriumCertificate,
    best_equilibrium,
    check_equilibrium,
    pure_equilibria,
    value_function_constant,
)
from exactgame.errors import CertificateError, InputError, TooLargeError
from exactgame.games import SenderReceiverGame
from exactgame.geometry.envelope import concave_envelope_at
from exactgame.persuasion.value import example1_sr

F = Fraction


def test_checker_accepts_the_constructed_equilibrium_and_rejects_a_perturbation():
    g = example1_sr()
    eq = best_equilibrium(g, ["1/2", "1/2"])
    assert eq.check.is_equilibrium and eq.check.certificate.verify()
    tau = {m: dict(d) for m, d in eq.tau.items()}
    mixed = next(m for m, d in tau.items() if len(d) == 2)
    a, b = sorted(tau[mixed])
    tau[mixed] = {a: tau[mixed][a] + F(1, 10), b: tau[mixed][b] - F(1, 10)}  # sender no longer indifferent
    bad = check_equilibrium(g, eq.sigma, tau, ["1/2", "1/2"])
    assert not bad.is_equilibrium and bad.certificate is None
    assert any("sender (17), state w0" in v for v in bad.violations)
    assert any("sender (17), state w1" in v for v in bad.violations)


def test_checker_receiver_and_off_path():
    g = example1_sr()
    sigma = {"w0": {"m": 1}, "w1": {"m": 1}}
    bad = check_equilibrium(g, sigma, {"m": {"a1": 1}}, ["1/2", "1/2"])  # a2 is the best response at 1/2
    assert any("receiver (18)-(19), message m" in v for v in bad.violations)
    # babbling on a1 at p = 3/10 (sender gets 10) with an unused message x answered by a4
    ok = check_equilibrium(g, sigma, {"m": {"a1": 1}, "x": {"a4": 1}}, ["7/10", "3/10"])
    assert ok.is_equilibrium and ok.beliefs["x"][1] >= F(4, 5)  # a belief supporting a4 off path
    # an off-path mix that no belief supports: a0 and a4 are never both optimal
    never = check_equilibrium(g, sigma, {"m": {"a1": 1}, "x": {"a0": F(1, 2), "a4": F(1, 2)}}, ["7/10", "3/10"])
    assert not never.is_equilibrium and never.refutations["x"].verify()


def test_tampered_equilibrium_certificate():
    c = best_equilibrium(example1_sr(), ["1/2", "1/2"]).check.certificate
    with pytest.raises(CertificateError):
        CheapTalkEquilibriumCertificate(c.states, c.actions, c.sender, c.receiver, (F(1, 3), F(2, 3)), c.sigma, c.tau, c.beliefs).verify()


def test_state_dependent_sender_refused_for_transparent_motives():
    g = SenderReceiverGame(["a", "b"], ["x", "y"], ["1/2", "1/2"], sender={"a": [1, 0], "b": [0, 1]}, receiver={"a": [1, 0], "b": [0, 1]})
    with pytest.raises(InputError, match="state-independent"):
        best_equilibrium(g)
    eqs = pure_equilibria(g)  # aligned interests: full revelation is an equilibrium, and efficient
    assert any(len(e.blocks) == 2 and e.efficient for e in eqs)
    assert all(e.certificate.verify() for e in eqs)


def test_pure_enumeration_guard():
    n = 14
    S = [f"w{i}" for i in range(n)]
    g = SenderReceiverGame(S, ["x", "y"], [F(1, n)] * n, sender={w: [0, 1] for w in S}, receiver={w: [1, 0] for w in S})
    with pytest.raises(TooLargeError, match="limit"):
        pure_equilibria(g)


@st.composite
def transparent_games(draw):
    ns = draw(st.integers(2, 3))
    na = draw(st.integers(2, 4))
    states = [f"w{i}" for i in range(ns)]
    actions = [f"a{j}" for j in range(na)]
    us = draw(st.lists(st.integers(0, 20), min_size=na, max_size=na, unique=True))
    receiver = {w: [draw(st.integers(0, 9)) for _ in actions] for w in states}
    weights = [draw(st.integers(1, 5)) for _ in states]
    return SenderReceiverGame(states, actions, [F(x, sum(weights)) for x in weights], sender={w: us for w in states},
                              receiver=receiver)


@given(transparent_games())
def test_constructed_equilibrium_attains_quasicav(game):
    """The constructed equilibrium passes the checker, pays quasicav V(p), and V(p) <= quasicav V(p) <= Cav V(p)."""
    eq = best_equilibrium(game)
    assert eq.verify() and eq.check.is_equilibrium
    uS = dict(zip(game.actions, game.sender[game.states[0]]))
    for w in game.states:  # on-path sender payoff equals the value in every state (indifference)
        for m in eq.sigma[w]:
            assert sum(x * uS[a] for a, x in eq.tau[m].items()) == eq.sender_value
    V, _ = value_function_constant(game)
    assert V.value(game.prior) <= eq.sender_value <= concave_envelope_at(V, game.prior).value
    # Proposition 4 is generic: check it where the receiver has no ties in a state, and for the
    # (<=) direction where a* is also the sender's favourite among all actions (the proof's premise)
    generic = all(len(set(game.receiver[w])) == len(game.actions) for w in game.states)
    if generic and not eq.preferred_with_certainty:
        assert not eq.efficiency.efficient
    if generic and eq.preferred_with_certainty and uS[eq.preferred_action] == max(uS.values()):
        assert eq.efficiency.efficient


def _favourite_never_a_best_response():
    """The sender likes ``top`` best, but the receiver never plays it; ``a0`` and ``tie`` pay the
    sender the same (Proposition 4 assumes distinct payoffs)."""
    return SenderReceiverGame(["w0", "w1"], ["a0", "a1", "top", "tie"], ["1/2", "1/2"],
                              {"w0": [1, 2, 3, 1], "w1": [1, 2, 3, 1]},
                              {"w0": [1, 0, "-1/2", -5], "w1": [0, 1, -1, -5]})


def test_proposition_4_hypotheses_are_reported_and_checked():
    """000 Proposition 4's 'if' direction assumes the favourite action is a best response somewhere:
    here a1 (the favourite among best responses) is induced with certainty, yet the outcome is
    inefficient, and the report must say why rather than print the equivalence bare."""
    from exactgame.cheaptalk import cheap_talk_report
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure

    g = _favourite_never_a_best_response()
    eq = best_equilibrium(g)
    assert eq.preferred_action == "a1" and eq.preferred_with_certainty and not eq.efficiency.efficient
    assert eq.proposition_4 is False
    hyp = eq.proposition_4_hypotheses()
    assert hyp == {"distinct_sender_payoffs": False, "tied_sender_payoffs": [["a0", "tie"]],
                   "sender_favourite": ["top"], "favourite_is_best_response": False}
    rep = cheap_talk_report(g)
    text = "\n".join(rep.lines)
    assert "(top) is never a receiver best response" in text
    assert "payoffs tie (a0 = tie)" in text
    assert "equivalence fails here" in text
    # the Pareto improvement in w0 leaves the receiver indifferent: not "better for both"
    assert "is better for the sender, as good for the receiver" in text and "better for both" not in text
    doc = rep.document()
    check_document(doc)
    for key, value in (("favourite_is_best_response", True), ("distinct_sender_payoffs", True),
                       ("sender_favourite", ["a1"])):
        bad = {**doc, "proposition_4_hypotheses": {**doc["proposition_4_hypotheses"], key: value}}
        with pytest.raises(CheckFailure, match=key):
            check_document(bad)


def test_boundary_prior_answers_and_skips_only_the_efficiency_step():
    """``cheaptalk --prior 1,0`` once refused everything because Definition 1 needs an interior
    prior: the equilibrium is still computed and certified, the efficiency verdict is null."""
    from exactgame.cheaptalk import cheap_talk_report
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure

    g = example1_sr()
    eq = best_equilibrium(g, [1, 0])
    assert eq.efficiency is None and eq.proposition_4 is None and eq.verify()
    rep = cheap_talk_report(g, [1, 0])
    assert any("efficient: not decided" in line for line in rep.lines)
    doc = rep.document()
    assert doc["efficient"] is None and "efficiency_note" in doc
    check_document(doc)
    with pytest.raises(CheckFailure, match="efficient"):
        check_document({**doc, "efficient": True})


def test_one_name_for_one_idea_value_and_weight():
    """Issue 19: every result answers in ``value``; a posterior's mass is ``weight`` in every
    subcommand (cheap talk keeps its contract key ``probability`` beside it)."""
    from exactgame.catalogue import load

    eq = best_equilibrium(load("efficiency_example1"), ["1/2", "1/2"])
    assert eq.value == eq.sender_value
    rows = eq.to_dict()["messages"]
    assert rows and all(r["weight"] == r["probability"] for r in rows)
