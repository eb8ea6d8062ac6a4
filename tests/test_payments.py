"""Propositions 1, 3-6 of 003_e54e9b7a7da88b3e.txt checked against the LP on generated instances."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.errors import CertificateError, TooLargeError
from exactgame.persuasion.multireceiver import MAX_RECEIVERS
from exactgame.games import SenderReceiverGame
from exactgame.persuasion import persuade
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.payments import (
    action_type_game,
    check_proposition_1,
    persuade_with_payments,
    is_persuasive,
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
    r = proposition_3(g)
    best = persuade_with_payments(g, "none").value
    assert r.value <= best
    lam2, tied = proposition_3_with_best_ties(g)
    assert lam2 <= (r.lam if r.attained else r.infimum) and tied == best
    n = len(g.actions)
    if r.attained:   # lambda* is persuasive, and no smaller test point is
        assert is_persuasive(g, welfare_scheme(g, n * r.lam))
    else:            # the infimum is not persuasive, points just above it are
        assert r.lam is None and not is_persuasive(g, welfare_scheme(g, n * r.infimum))
        assert is_persuasive(g, r.scheme)


def test_proposition_3_smallest_lambda_may_not_exist():
    """Three i.i.d. uniform types (sender, receiver) = (2, 0), (2, -1), (-2, 0) on two actions: at
    lambda = 0 the sender's ties are broken uniformly and the scheme is not persuasive; for every
    small lambda > 0 it is. So no smallest persuasive lambda exists, and the tool says so instead
    of returning some lambda."""
    g = action_type_game([(2, 0), (2, -1), (-2, 0)], 2, ["1/3", "1/3", "1/3"])
    r = proposition_3(g)
    assert not r.attained and r.lam is None and r.infimum == 0 and "does not exist" in r.note
    assert not is_persuasive(g, welfare_scheme(g, 0))
    for eps in (F(1, 10), F(1, 1000), F(1, 10 ** 9)):
        assert is_persuasive(g, welfare_scheme(g, 2 * eps)) and welfare_scheme(g, 2 * eps) == r.scheme
    lam, scheme, value = r          # unpacks as before
    assert lam is None and value == r.value


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
    with pytest.raises(InputError, match="is not a receiver"):
        load_game(path)
    with pytest.raises(TooLargeError):
        MultiReceiverGame.make(["w"], [1], [f"r{i}" for i in range(MAX_RECEIVERS + 1)], {}, {})


# -- implementable payment schemes (issue: budget balance on unsent recommendations) -------------


def _independent_scheme_check(g, r):
    """From scratch: the printed scheme pays only on recommendations that are sent, each
    recommendation is persuasive with its per-recommendation payment p(i) (eq. (12): the
    receiver gets p(i) for following i), the payment model holds, and the value is attained."""
    A, S, mu = g.actions, g.states, g.prior
    prob = {a: sum(m * r.scheme[w].get(a, 0) for m, w in zip(mu, S)) for a in A}
    for a in A:
        if not prob[a]:
            assert r.expected_payments[a] == 0 and a not in r.payments
            continue
        p_a = r.payments[a]
        assert p_a * prob[a] == r.expected_payments[a]
        post = [m * r.scheme[w].get(a, 0) / prob[a] for m, w in zip(mu, S)]
        follow = sum(q * g.receiver[w][A.index(a)] for q, w in zip(post, S)) + p_a
        assert all(follow >= sum(q * g.receiver[w][j] for q, w in zip(post, S)) for j in range(len(A)) if A[j] != a)
    P = list(r.expected_payments.values())
    if r.model == "nonnegative":
        assert min(P) >= 0
    if r.model == "budget-balanced":
        assert sum(P) == 0
    if r.model == "none":
        assert not any(P)
    sender = sum(m * q * g.sender[w][A.index(a)] for m, w in zip(mu, S) for a, q in r.scheme[w].items())
    assert sender - sum(P) == r.value


@st.composite
def small_games(draw):
    nS, nA = draw(st.integers(2, 3)), draw(st.integers(2, 3))
    S, A = [f"w{i}" for i in range(nS)], [f"a{i}" for i in range(nA)]
    row = lambda: [draw(st.integers(-3, 5)) for _ in A]
    w = [draw(st.integers(1, 3)) for _ in S]
    return SenderReceiverGame(S, A, [F(x, sum(w)) for x in w], {s: row() for s in S}, {s: row() for s in S})


@given(small_games(), st.sampled_from(["none", "nonnegative", "budget-balanced", "arbitrary"]))
def test_every_printed_scheme_is_implementable(g, model):
    from exactgame.check import check_document

    r = persuade_with_payments(g, model)
    assert r.verify()
    _independent_scheme_check(g, r)
    if model != "none":     # 'persuade' documents of the model 'none' come from the obedience LP (bp.py)
        check_document(r.document())


def test_budget_balance_never_pays_on_an_unsent_recommendation():
    """The LP's optimum here babbles a0 and charges the receiver 3/2 on it, funded by 3/2 'paid'
    on a1, which is never recommended: not a budget-balanced scheme. The reported one pays 0."""
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure
    from exactgame.persuasion.payments import implementable_payments

    g = SenderReceiverGame(["w0", "w1"], ["a0", "a1"], ["1/2", "1/2"], {"w0": [1, -2], "w1": [4, 4]},
                           {"w0": [4, 3], "w1": [0, -2]})
    r = persuade_with_payments(g, "budget-balanced")
    assert r.scheme == {"w0": {"a0": 1}, "w1": {"a0": 1}}
    assert r.lp_payments == {"a0": F(-3, 2), "a1": F(3, 2)}     # the LP's primal: not implementable
    assert r.expected_payments == {"a0": 0, "a1": 0} and r.payments == {"a0": 0}
    _independent_scheme_check(g, r)
    doc = r.document()
    check_document(doc)
    for bad in ({"a0": "-3/2", "a1": "3/2"},     # the LP's primal, as once printed
                {"a0": "-1", "a1": "1"}):
        with pytest.raises(CheckFailure, match="never recommended"):
            check_document({**doc, "expected_payments": bad})
    with pytest.raises(CertificateError, match="never recommended"):
        from dataclasses import replace
        replace(r, expected_payments={"a0": F(-3, 2), "a1": F(3, 2)}).verify()
    assert implementable_payments({"a": F(-1), "b": F(1)}, {"a": F(1), "b": F(0)}) == {"a": 0, "b": 0}


def _independent_binary_check(g, r):
    mu = dict(zip(g.states, g.prior))
    flat = []
    for i, rec in enumerate(g.receivers):
        q1, q0 = r.expected_payments[rec]
        sets = [(w, frozenset(n.split("+")) if n else frozenset(), q) for w in g.states for n, q in r.scheme[w].items()]
        told1 = sum(mu[w] * q for w, S, q in sets if rec in S)
        assert told1 or not q1
        assert told1 != 1 or not q0
        # following 1 beats deviating to 0, and following 0 beats deviating to 1, with the payments
        assert sum(mu[w] * q * g.g(w, i, S) for w, S, q in sets if rec in S) + q1 >= 0
        assert sum(mu[w] * q * g.g(w, i, S | {rec}) for w, S, q in sets if rec not in S) <= q0
        flat += [q1, q0]
    if r.model == "budget-balanced":
        assert sum(flat) == 0
    if r.model == "nonnegative":
        assert min(flat) >= 0


@given(multi_receiver_games(), st.sampled_from(["none", "nonnegative", "budget-balanced", "arbitrary"]))
def test_every_printed_multi_receiver_scheme_is_implementable(g, model):
    from exactgame.check import check_document

    r = solve_binary(g, model)
    assert r.verify()
    _independent_binary_check(g, r)
    check_document(r.document())


def test_multi_receiver_budget_balance_clears_unsent_recommendations():
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure

    R = ["r1", "r2"]
    sender = {"w0": {"": 3, "r1": 4, "r2": 4, "r1+r2": 0}, "w1": {"": 3, "r1": 5, "r2": 1, "r1+r2": 2}}
    payoffs = {"w0": {"": [-4, 0], "r1": [-1, 1], "r2": [-3, 0], "r1+r2": [2, -3]},
               "w1": {"": [-2, -1], "r1": [3, 1], "r2": [3, 2], "r1+r2": [-3, 4]}}
    g = MultiReceiverGame.make(["w0", "w1"], ["1/2", "1/2"], R, sender, payoffs)
    r = solve_binary(g, "budget-balanced")
    assert r.scheme == {"w0": {"r1": 1}, "w1": {"r1": 1}}       # r1 is always told 1, r2 always 0
    assert r.expected_payments["r1"][1] == 0 and r.expected_payments["r2"][0] == 0
    _independent_binary_check(g, r)
    doc = r.document()
    check_document(doc)
    bad = {**doc, "expected_payments": {"r1": {"Q1": "-4", "Q0": "9/2"}, "r2": {"Q1": "0", "Q0": "-1/2"}}}
    with pytest.raises(CheckFailure, match="never told 0"):
        check_document(bad)


def _mr_file(tmp_path, sender_block, payoff_keys=("", "r1", "r2", "r1+r2")):
    pay = {"": "[0, 0]", "r1": "[1, 0]", "r2": "[0, 1]", "r1+r2": "[2, 2]", "r2+r1": "[2, 2]"}
    text = ('kind = "multi-receiver"\nstates = ["w0", "w1"]\nprior = ["1/2", "1/2"]\nreceivers = ["r1", "r2"]\n'
            + sender_block
            + "".join(f"[payoffs.{w}]\n" + "".join(f'"{k}" = {pay[k] if w == "w0" else "[-1, -1]" if k else "[0, 0]"}\n'
                                                    for k in payoff_keys) for w in ("w0", "w1")))
    path = tmp_path / "m.toml"
    path.write_text(text)
    return path


def test_multi_receiver_sender_rules_and_any_order(tmp_path):
    """The sender's utility as a rule (additive, |S|^2, a table over sizes, one table for all
    states) equals the same utility written out per state; set names in any order."""
    from exactgame.games import load_game

    tables = "".join(f'[sender.{w}]\n"" = 0\n"r1" = 1\n"r2" = 1\n"r1+r2" = 4\n' for w in ("w0", "w1"))
    ref = load_game(_mr_file(tmp_path, tables))
    for block in ('[sender]\nrule = "supermodular"\n',
                  '[sender]\nrule = "sizes"\nvalues = [0, 1, 4]\n',
                  '[sender]\nrule = "table"\nvalues = { "" = 0, "r2" = 1, "r1" = 1, "r2+r1" = 4 }\n'):
        g = load_game(_mr_file(tmp_path, block, ("", "r2", "r1", "r2+r1")))
        assert g.sender == ref.sender and g.payoffs == ref.payoffs
        assert solve_binary(g, "budget-balanced").value == solve_binary(ref, "budget-balanced").value
    g = load_game(_mr_file(tmp_path, '[sender]\nrule = "additive"\nweights = { r1 = 2, r2 = "1/2" }\n'))
    assert g.sender["w0"][frozenset({"r1", "r2"})] == F(5, 2) and g.sender["w1"][frozenset()] == 0
    assert load_game(_mr_file(tmp_path, '[sender]\nrule = "additive"\n')).sender["w1"][frozenset({"r1", "r2"})] == 2


def test_multi_receiver_file_errors_name_the_key(tmp_path):
    from exactgame.errors import InputError
    from exactgame.games import load_game

    cases = [('[sender]\nrule = "cubic"\n', "rule 'cubic' is not one of"),
             ('[sender]\nrule = "sizes"\nvalues = [0, 1]\n', "give 3 numbers"),
             ('[sender]\nrule = "additive"\nweights = { r1 = 1 }\n', "one number per receiver"),
             ('[sender]\nrule = "supermodular"\nexponent = 3\n', "unknown key"),
             ("".join(f'[sender.{w}]\n"" = 0\n"r1" = 1\n"r2" = 1\n"r1+r2" = 2\n"r2+r1" = 3\n' for w in ("w0", "w1")),
              "names the set 'r1\\+r2' again"),
             ("".join(f'[sender.{w}]\n"" = 0\n"r1" = 1\n"r2" = 1\n"r1+r1" = 2\n' for w in ("w0", "w1")), "twice"),
             ("".join(f'[sender.{w}]\n"" = 0\n"r1" = 1\n"r2" = 1\n' for w in ("w0", "w1")), "missing the sender payoff")]
    for block, message in cases:
        with pytest.raises(InputError, match=message) as info:
            load_game(_mr_file(tmp_path, block))
        assert "m.toml" in str(info.value) and "sender" in str(info.value)


def test_multi_receiver_prior_option_and_payments_in_the_text():
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure
    from exactgame.persuasion.report import persuasion_report

    g = MultiReceiverGame.example()
    rep = persuasion_report(g, ["1/3", "2/3"], "budget-balanced")
    assert solve_binary(g, "budget-balanced", ["1/3", "2/3"]).value == F(rep.body["value"])
    text = "\n".join(rep.lines)
    assert "prior (1/3, 2/3)" in text and "expected payments Q1" in text and "r1: Q1" in text
    doc = rep.document()
    assert doc["options"]["prior"] == ["1/3", "2/3"] and doc["game"]["prior"] == ["1/2", "1/2"]
    check_document(doc)
    with pytest.raises(CheckFailure):
        check_document({**doc, "options": {**doc["options"], "prior": ["1/2", "1/2"]}})
    with pytest.raises(CheckFailure):
        check_document({**doc, "options": {"payments": "budget-balanced"}})


def test_single_action_games_get_a_message_and_the_model_key_is_checked():
    """Found by an independent review: one action crashed the payment models (max of nothing), and a
    document whose payments_model disagreed with its options verified."""
    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure
    from exactgame.errors import InputError
    from exactgame.persuasion.payments import zero_sum_example

    g = SenderReceiverGame(["a", "b"], ["x"], ["1/2", "1/2"], {"a": [1], "b": [2]}, {"a": [0], "b": [1]})
    for model in ("nonnegative", "budget-balanced", "arbitrary"):
        with pytest.raises(InputError, match="at least two actions"):
            persuade_with_payments(g, model)
    doc = persuade_with_payments(zero_sum_example(), "budget-balanced").document()
    check_document(doc)
    with pytest.raises(CheckFailure, match="payments_model"):
        check_document({**doc, "payments_model": "arbitrary"})
