from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.efficiency import (
    DominatedCertificate,
    EfficientCertificate,
    angle_test,
    corollary_1,
    efficiency,
    genericity_probe,
    induced_outcome,
    strategies_outcome,
)
from exactgame.errors import CertificateError, InputError
from exactgame.games import Game
from exactgame.peer_selection import ranking_mechanism

F = Fraction


@st.composite
def games_with_outcomes(draw, k=None):
    k = k or draw(st.integers(2, 3))
    ns = draw(st.integers(1, 3))
    na = draw(st.integers(2, 4))
    states = [f"w{i}" for i in range(ns)]
    profiles = [f"a{j}" for j in range(na)]
    payoffs = {w: {a: tuple(draw(st.integers(0, 9)) for _ in range(k)) for a in profiles} for w in states}
    prior = [F(1, ns)] * ns
    outcome = {}
    for w in states:
        support = draw(st.lists(st.sampled_from(profiles), min_size=1, max_size=min(3, na), unique=True))
        weights = [draw(st.integers(1, 3)) for _ in support]
        outcome[w] = {a: F(x, sum(weights)) for a, x in zip(support, weights)}
    return Game(states, prior, [f"P{i}" for i in range(k)], profiles, payoffs), outcome


@given(games_with_outcomes())
def test_proposition_1_on_random_games(data):
    """Efficient (deviation LP) iff ex-post efficient in every state and compatible (normal cones)."""
    game, outcome = data
    r = efficiency(game, outcome)
    assert r.verify()
    assert r.efficient == (all(r.ex_post_efficient.values()) and r.compatible)
    assert isinstance(r.certificate, EfficientCertificate if r.efficient else DominatedCertificate)


@given(games_with_outcomes(k=2))
def test_remark_1_angle_test_agrees_with_lp(data):
    game, outcome = data
    assert angle_test(game, outcome)[0] == efficiency(game, outcome).efficient


@given(games_with_outcomes(), st.integers(1, 5), st.integers(-5, 5), st.randoms())
def test_invariant_under_relabelling_and_affine_change(data, scale, shift, rnd):
    game, outcome = data
    base = efficiency(game, outcome).efficient
    names = list(game.profiles)
    rnd.shuffle(names)
    rename = dict(zip(game.profiles, names))
    payoffs = {w: {rename[a]: (u[0] * scale + shift,) + u[1:] for a, u in row.items()} for w, row in game.payoffs.items()}
    g2 = Game(game.states, game.prior, game.players, names, payoffs)
    o2 = {w: {rename[a]: q for a, q in d.items()} for w, d in outcome.items()}
    assert efficiency(g2, o2).efficient == base


def test_efficiency_is_prior_independent_on_interior_priors():
    """The paper: the verdict depends only on supports, not on the (interior) prior."""
    from exactgame.catalogue import load

    for name in ("efficiency_example1_case_a", "efficiency_example1", "efficiency_example1_case_c"):
        g = load(name)
        verdicts = {efficiency(g.as_game(), g.outcome, p).efficient for p in (g.prior, ["1/2", "1/2"], ["1/100", "99/100"])}
        assert len(verdicts) == 1


def test_three_players_bound():
    game = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B", "C"], ["x", "y", "z"],
                {"w0": {"x": (1, 0, 2), "y": (F(1, 2), 3, 0), "z": (0, 0, 5)},
                 "w1": {"x": (0, 1, 1), "y": (2, 2, 2), "z": (1, 0, 0)}})
    r = efficiency(game, {"w0": {"x": 1}, "w1": {"y": F(1, 3), "z": F(2, 3)}})
    assert r.bound == 5 and r.actions_taken == 3 and r.cls == "quasi-pure"
    assert not r.efficient and r.certificate.verify()  # z is dominated by y in w1


def test_tampered_certificates_fail():
    from exactgame.catalogue import load

    def example1_case(name):
        g = load(name)
        return efficiency(g.as_game(), g.outcome, g.prior)

    good = example1_case("efficiency_example1").certificate
    with pytest.raises(CertificateError):
        EfficientCertificate(good.payoffs, good.outcome, good.states, (F(1), F(-1))).verify()
    bad = example1_case("efficiency_example1_case_a").certificate
    with pytest.raises(CertificateError):
        DominatedCertificate(bad.payoffs, bad.prior, bad.outcome, bad.outcome, bad.payoff, bad.payoff).verify()


def test_knife_edge_detected_by_probe():
    """Three collinear payoff vectors mixed in one state: efficient, yet over Theorem 1's bound."""
    game = Game(["w"], [1], ["A", "B"], ["x", "y", "z"], {"w": {"x": (0, 2), "y": (1, 1), "z": (2, 0)}})
    outcome = {"w": {"x": F(1, 3), "y": F(1, 3), "z": F(1, 3)}}
    r = efficiency(game, outcome)
    assert r.efficient and not r.within_bound
    probe = genericity_probe(game, outcome, trials=6, seed=3)
    assert not probe["stable"]


def test_interior_prior_required():
    from exactgame.catalogue import load

    g = load("efficiency_example1")
    with pytest.raises(InputError, match="interior"):
        efficiency(g.as_game(), g.outcome, [1, 0])


def test_corollary_1_pure_rules_can_be_inefficient():
    """Corollary 1 (i): a pure type-contingent rule with different actions across types in >= k states."""
    game = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x", "y", "z"],
                {"w0": {"x": (3, 0), "y": (0, 3), "z": (1, 1)}, "w1": {"x": (0, 2), "y": (3, 0), "z": (1, 1)}})
    types = {w: {"t": F(1, 2), "s": F(1, 2)} for w in game.states}
    rule = {("t", "w0"): "x", ("s", "w0"): "y", ("t", "w1"): "x", ("s", "w1"): "y"}
    out = induced_outcome(game, types, rule)
    r = efficiency(game, out)
    assert r.actions_taken == 4 == r.bound and not r.efficient and r.certificate.verify()
    assert corollary_1(game, types, rule=rule)["condition_i"]["holds"]
    # the same through per-player strategies of a two-player game with action profiles "a,b"
    g2 = Game(["w"], [1], ["A", "B"], ["u,l", "u,r", "d,l", "d,r"],
              {"w": {"u,l": (2, 2), "u,r": (0, 3), "d,l": (3, 0), "d,r": (1, 1)}})
    # full support (every type profile has positive probability): all four profiles are played
    types2 = {"w": {(t, s): F(1, 4) for t in ("t1", "t2") for s in ("s1", "s2")}}
    strategies = [{"t1": "u", "t2": "d"}, {"s1": "l", "s2": "r"}]
    o2 = strategies_outcome(g2, types2, strategies)
    assert o2.support("w") == ("d,l", "d,r", "u,l", "u,r")
    c2 = corollary_1(g2, types2, strategies=strategies)
    assert c2["full_support"] and c2["condition_ii"]["q"] == 2 and c2["condition_ii"]["holds"]  # 1 (2^2 - 1) = 3 >= k = 2
    r2 = efficiency(g2, o2)
    assert r2.actions_taken == 4 >= r2.bound and not r2.efficient and r2.certificate.verify()


def test_corollary_1_requires_full_support():
    """Corollary 1 assumes full support of pi. Two type profiles carrying all the mass make
    only two profiles played (below k + |Omega| = 3), and here that outcome is efficient:
    the corollary must not be reported as applying (it once was)."""
    g = Game(["w"], [1], ["A", "B"], ["u,l", "u,r", "d,l", "d,r"],
             {"w": {"u,l": (2, 0), "u,r": (0, 0), "d,l": (0, 0), "d,r": (0, 2)}})
    types = {"w": {("t1", "s1"): F(1, 2), ("t2", "s2"): F(1, 2)}}
    strategies = [{"t1": "u", "t2": "d"}, {"s1": "l", "s2": "r"}]
    out = strategies_outcome(g, types, strategies)
    r = efficiency(g, out)
    assert r.actions_taken == 2 < r.bound and r.efficient and r.certificate.verify()
    c = corollary_1(g, types, strategies=strategies)
    assert c["condition_ii"]["q"] == 2
    assert not c["full_support"] and not c["condition_ii"]["holds"]
    assert ["w", ["t1", "s2"]] in c["missing"]
    # (i) likewise: a type with probability zero in one state
    g1 = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x", "y"],
              {"w0": {"x": (1, 0), "y": (0, 1)}, "w1": {"x": (1, 0), "y": (0, 1)}})
    t1 = {"w0": {"t": F(1), "s": F(0)}, "w1": {"t": F(1, 2), "s": F(1, 2)}}
    rule = {("t", "w0"): "x", ("s", "w0"): "y", ("t", "w1"): "x", ("s", "w1"): "y"}
    ci = corollary_1(g1, t1, rule=rule)
    assert not ci["full_support"] and not ci["condition_i"]["holds"]
    t1["w0"] = {"t": F(1, 3), "s": F(2, 3)}
    assert corollary_1(g1, t1, rule=rule)["condition_i"]["holds"]


def test_proposition_7_peer_selection_inefficient():
    inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    assert inst.hypotheses_hold
    r = efficiency(inst.game, inst.outcome)
    assert all(len(s) >= 2 for s in r.support.values())
    assert r.actions_taken >= 2 * len(inst.game.states) > r.bound
    assert not r.efficient and r.certificate.verify()


def test_proposition_7_hypotheses_reported():
    inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"], ["lo", "hi"]],
                             [{"lo": "-1", "hi": "-1/2"}, {"lo": "-1/3", "hi": "-1/4"}, {"lo": "-1/5", "hi": "-1/7"}], t="1/3")
    assert not inst.hypotheses_hold and any("2/(k-1)" in w or "nonnegative" in w for w in inst.why_not)


def test_peer_selection_shares_respect_the_papers_bound():
    """000 Section 3.2: each eligible agent gets the good with probability at most 1/(t(k-1)),
    the rest is kept. With t = 9/10 and three agents, t(k-1) = 27/10: two agents rank within t,
    each gets 10/27 (a uniform choice between the two would give 1/2, above the bound)."""
    from exactgame.peer_selection import dic_violations

    vals = [{"lo": "1/5", "hi": "1/2"}, {"lo": "1/4", "hi": "3/5"}, {"lo": "1/3", "hi": "2/3"}]
    inst = ranking_mechanism([["lo", "hi"]] * 3, vals, t="9/10")
    for w in inst.game.states:
        row = inst.outcome.dist[w]
        agents = [a for a in row if a != "keep"]
        assert all(row[a] == F(10, 27) for a in agents) and len(agents) <= 2
        assert row["keep"] == 1 - len(agents) * F(10, 27)
    assert dic_violations(inst.game, inst.outcome, [["lo", "hi"]] * 3) == []
    assert inst.verify()
    # integer t(k-1): the uniform choice among the top t(k-1)
    inst2 = ranking_mechanism([["lo", "hi"]] * 3, vals, t="2/3")
    assert {q for w in inst2.game.states for a, q in inst2.outcome.dist[w].items() if a != "keep"} == {F(1, 2)}


def test_peer_selection_result_verifies_and_refuses_a_changed_outcome():
    from dataclasses import replace

    from exactgame.games.model import Outcome
    from exactgame.peer_selection import dic_violations

    inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    assert inst.verify()
    d = inst.to_dict()
    assert d["dic"] and d["efficient"] is False and d["actions_taken"] > d["bound"]
    assert {c.key for c in inst.claims()} >= {"outcome", "efficient", "dic"}
    # an outcome that rewards agent 1 for reporting 'hi' when its type is 'lo' breaks (32)
    dist = {w: dict(r) for w, r in inst.outcome.dist.items()}
    w_lo, w_hi = "lo|lo", "hi|lo"
    dist[w_hi] = {"agent1": F(1)}
    dist[w_lo] = {"keep": F(1)}
    bad = Outcome(dist)
    assert dic_violations(inst.game, bad, [["lo", "hi"], ["lo", "hi"]])
    with pytest.raises(CertificateError):
        replace(inst, outcome=bad).verify()


def test_corollary_1_requires_an_interior_prior():
    """A state of probability zero counts no actions: with it, |Omega| (2^q - 1) = 2 >= k = 2 would
    be read as holding while only one state matters (found by an independent review)."""
    pay = {w: {"u,l": (1, 0), "u,r": (0, 1), "d,l": (2, 1), "d,r": (0, 0)} for w in ("w1", "w2")}
    g = Game(["w1", "w2"], [1, 0], ["A", "B"], ["u,l", "u,r", "d,l", "d,r"], pay)
    types = {w: {(t, s): F(1, 4) for t in ("t1", "t2") for s in ("s1", "s2")} for w in ("w1", "w2")}
    c = corollary_1(g, types, strategies=[{"t1": "u", "t2": "d"}, {"s1": "l", "s2": "l"}])
    assert not c["interior_prior"] and not c["condition_ii"]["holds"]
