"""Action-type files and symmetric instances (003_e54e9b7a7da88b3e.txt, Sections 3.3, 5, 6.3):
Definition 3, Proposition 2, Corollary 1, Lemmas 1-3, Propositions 3, 5, 6 as computations,
their documents re-checked by the independent checker (and tampered with), eq. (12)."""

import copy
import json
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.errors import InputError, TooLargeError
from exactgame.games import load_game, loads_game
from exactgame.persuasion.action_types import ActionTypeGame
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.payments import PAYMENT_MODELS, persuade_with_payments, zero_sum_example
from exactgame.persuasion.report import persuasion_report
from exactgame.persuasion.symmetric import (
    corollary_1_bound,
    is_iid,
    is_symmetric_dual,
    is_symmetric_instance,
    is_symmetric_scheme,
    lambda_pieces,
    symmetric_optimum,
)

F = Fraction
EXAMPLE = "examples/action_types_section_4_1.toml"
small = st.builds(F, st.integers(-6, 6), st.sampled_from([1, 2, 3]))


@st.composite
def symmetric_games(draw, iid=None):
    n = draw(st.integers(2, 3))
    m = draw(st.integers(2, 3))
    T = [f"t{k}" for k in range(m)]
    pay = {t: [draw(small), draw(small)] for t in T}
    if iid if iid is not None else draw(st.booleans()):
        w = [draw(st.integers(1, 4)) for _ in T]
        return ActionTypeGame.make([f"a{i}" for i in range(n)], T, pay, type_prior=[F(x, sum(w)) for x in w])
    orbits = sorted({tuple(sorted(th)) for th in product(T, repeat=n)})
    weight = {o: draw(st.integers(0, 3)) for o in orbits}
    if not any(weight.values()):
        weight[orbits[0]] = 1
    profiles = list(product(T, repeat=n))
    total = sum(weight[tuple(sorted(th))] for th in profiles)
    return ActionTypeGame.make([f"a{i}" for i in range(n)], T, pay,
                               profile_prior={",".join(th): F(weight[tuple(sorted(th))], total) for th in profiles})


# -- the file kind ------------------------------------------------------------------------


def test_example_file_and_canonical_round_trip():
    g = load_game(EXAMPLE)
    assert isinstance(g, ActionTypeGame) and len(g.states) == 16 and g.prior == (F(1, 16),) * 16
    assert g.sender["sender-only,both"] == (1, 1) and g.receiver["sender-only,both"] == (0, 1)
    back = loads_game(json.dumps(g.canonical()), "json")
    assert back == g and back.canonical() == g.canonical()
    h = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/2", "y,x": "1/2"})
    assert loads_game(json.dumps(h.canonical()), "json") == h and h.canonical()["profile_prior"] == {"x,y": "1/2", "y,x": "1/2"}


@pytest.mark.parametrize("body, match", [
    ('actions = ["A", "B"]\ntypes = ["x,y"]\ntype_prior = [1]\n[payoffs]\n"x,y" = [0, 0]\n', "may not contain ','"),
    ('actions = ["A", "B"]\ntypes = ["x", "y"]\ntype_prior = ["1/2", "1/2"]\n[payoffs]\nx = [0, 0]\n', "one row per type"),
    ('actions = ["A", "B"]\ntypes = ["x"]\n[payoffs]\nx = [0, 0]\n', "exactly one of"),
    ('actions = ["A", "B"]\ntypes = ["x"]\n[payoffs]\nx = [0]\n[profile_prior]\n"x,x" = 1\n', "sender payoff xi, receiver payoff rho"),
    ('actions = ["A", "B"]\ntypes = ["x", "y"]\n[payoffs]\nx = [0, 0]\ny = [1, 1]\n[profile_prior]\n"x,z" = 1\n', "not a profile"),
    ('actions = ["A", "B"]\ntypes = ["x", "y"]\n[payoffs]\nx = [0, 0]\ny = [1, 1]\n[profile_prior]\n"x,y" = "1/2"\n', "sum to 1/2"),
    ('actions = ["A"]\ntypes = ["x"]\ntype_prior = [1]\nprofile = 2\n[payoffs]\nx = [0, 0]\n', "unknown key"),
])
def test_bad_files_name_the_key(body, match):
    with pytest.raises(InputError, match=match):
        loads_game('kind = "action-types"\n' + body)


def test_too_many_type_profiles_refused():
    with pytest.raises(TooLargeError, match="type profiles"):
        ActionTypeGame.make([f"a{i}" for i in range(10)], ["x", "y", "z"], {t: [0, 0] for t in "xyz"}, type_prior=["1/3"] * 3)


def test_cli_bad_file_exit_2(tmp_path, capsys):
    f = tmp_path / "bad.toml"
    f.write_text('kind = "action-types"\nactions = ["A", "B"]\ntypes = ["x"]\ntype_prior = [1]\n[payoffs]\nx = [0, "a"]\n')
    assert main(["persuade", str(f)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml" in err and "payoffs.x" in err and "Traceback" not in err


# -- Definition 3, symmetry, i.i.d. --------------------------------------------------------


def test_definition_3_and_symmetry_tests():
    g = ActionTypeGame.make(["A", "B", "C"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, type_prior=["1/3", "2/3"])
    assert is_symmetric_instance(g) and is_iid(g)
    first = {w: {"A": F(1)} for w in g.states}                  # always A: not symmetric
    assert not is_symmetric_scheme(g, first)
    uniform = {w: {a: F(1, 3) for a in g.actions} for w in g.states}
    assert is_symmetric_scheme(g, uniform, {a: F(1) for a in g.actions})
    assert not is_symmetric_scheme(g, uniform, {"A": F(1), "B": F(0), "C": F(0)})
    assert is_symmetric_dual({("A", "B"): F(1, 2), ("B", "A"): F(1, 2)}) and not is_symmetric_dual({1: F(0), 2: F(1)})
    # a symmetric, correlated prior: not i.i.d.
    h = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/2", "y,x": "1/2"})
    assert is_symmetric_instance(h) and not is_iid(h)
    k = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/3", "y,x": "2/3"})
    assert not is_symmetric_instance(k)
    with pytest.raises(InputError, match="not symmetric"):
        symmetric_optimum(k, "none")


# -- Proposition 2, Corollary 1, budget balance --------------------------------------------


@settings(max_examples=25, deadline=None)
@given(symmetric_games(), st.sampled_from(PAYMENT_MODELS))
def test_proposition_2_and_corollary_1(g, model):
    """The averaged optimum is an LP certificate, symmetric (Definition 3), of the same value;
    the common lambda's Lagrangian bound equals the optimum and the scheme sits on argmax s + n lambda r."""
    r = persuade_with_payments(g, model)
    sym = symmetric_optimum(g, model)
    assert sym.verify() and sym.value == r.value
    assert is_symmetric_scheme(g, sym.scheme, sym.expected_payments)
    n = len(g.actions)
    bound, C = corollary_1_bound(g, sym.lam, model)
    assert bound == r.value
    if model == "arbitrary":
        assert sym.lam == F(1, n - 1)
    if model == "nonnegative":
        assert (n - 1) * sym.lam <= 1
    w = n * sym.lam
    for mu, s in zip(g.prior, g.states):
        if not mu:
            continue            # Corollary 1 speaks of states that occur
        top = max(x + w * y for x, y in zip(g.sender[s], g.receiver[s]))
        assert all(g.sender[s][g.actions.index(a)] + w * g.receiver[s][g.actions.index(a)] == top for a in sym.scheme[s])


@settings(max_examples=20, deadline=None)
@given(symmetric_games())
def test_budget_balance_is_worth_nothing_on_symmetric_instances(g):
    """Finding (module doc of persuasion.symmetric): a symmetric optimum has equal P(i) summing to 0."""
    assert persuade_with_payments(g, "budget-balanced").value == persuade_with_payments(g, "none").value
    assert set(symmetric_optimum(g, "budget-balanced").expected_payments.values()) == {0}


def test_corollary_1_bound_refuses_unbounded_lambdas():
    g = load_game(EXAMPLE)
    assert corollary_1_bound(g, 2, "arbitrary") is None and corollary_1_bound(g, 2, "nonnegative") is None
    assert corollary_1_bound(g, -1, "none") is None
    # any lambda >= 0 bounds the optimum (weak duality), not only the optimal one
    best = persuade_with_payments(g, "none").value
    assert all(corollary_1_bound(g, lam, "none")[0] >= best for lam in (0, F(1, 3), 1, 5))


# -- Lemmas 1-3 --------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(symmetric_games())
def test_lemmas_1_to_3_on_symmetric_instances(g):
    rep = persuasion_report(g).document()
    lem = rep["lemmas"]
    assert lem["lemma_1"] and lem["lemma_2"] and lem["lemma_3"] and lem["lemma_2_receiver_monotone"]


def test_lemma_1_needs_symmetry():
    """Footnote 9: Lemma 1's criterion (persuasive iff the receiver's value >= C/n) needs symmetry.
    Types x = (1, 1), y = (2, 0) (sender, receiver); prior x,x 1/3, x,y 1/6, y,x 1/3, y,y 1/6 (B's type
    is more often x than A's). At lambda = 1/2 (a tie, split uniformly) the receiver's value is 7/12 =
    C/n, yet recommending is not persuasive (found by a random search over two-type instances)."""
    g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 1], "y": [2, 0]},
                            profile_prior={"x,x": "1/3", "x,y": "1/6", "y,x": "1/3", "y,y": "1/6"})
    assert not is_symmetric_instance(g)
    piece = next(d for d in lambda_pieces(g) if d.get("lambda") == F(1, 2))
    C = sum(m * sum(g.receiver[w]) for m, w in zip(g.prior, g.states))
    assert piece["receiver_value"] == C / 2 == F(7, 12) and not piece["persuasive"]
    doc = persuasion_report(g).document()
    assert doc["symmetric_instance"] is False and "lemmas" not in doc and "proposition_2" not in doc
    check_document(doc)


# -- documents, the checker, tampering -------------------------------------------------------


@pytest.mark.parametrize("model", PAYMENT_MODELS)
def test_documents_verify(model):
    rep = persuasion_report(load_game(EXAMPLE), payments=model)
    assert rep.verify()
    doc = rep.document()
    keys = {"none": "proposition_3", "arbitrary": "proposition_5", "nonnegative": "proposition_6", "budget-balanced": "corollary_1"}
    assert doc["claims"][keys[model]]["status"] == "certified"


def _tampered(doc, path, value):
    d = copy.deepcopy(doc)
    x = d
    for k in path[:-1]:
        x = x[k]
    x[path[-1]] = value
    return d


TAMPER = [
    ("none", ["proposition_2", "lambda"], "1/3"),
    ("none", ["proposition_2", "value"], "1"),
    ("none", ["corollary_1", "bound"], "1"),
    ("none", ["corollary_1", "holds"], False),
    ("none", ["lemmas", "lemma_3"], False),
    ("none", ["lemmas", "pieces", 1, "persuasive"], False),
    ("none", ["lemmas", "threshold"], "1/3"),
    ("none", ["proposition_3", "lambda_star"], "1/2"),
    ("none", ["symmetric_instance"], False),
    ("none", ["iid"], False),
    ("none", ["definition_3", "outcome"], True),
    ("arbitrary", ["proposition_5", "welfare_value"], "17/16"),
    ("arbitrary", ["proposition_2", "payments", "A"], "-1/4"),
    ("arbitrary", ["corollary_1", "weight"], "1"),
    ("nonnegative", ["proposition_6", "no_payment_value"], "1"),
    ("nonnegative", ["proposition_6", "case"], 2),
]


@pytest.mark.parametrize("model, path, value", TAMPER)
def test_tampered_documents_fail(model, path, value):
    doc = persuasion_report(load_game(EXAMPLE), payments=model).document()
    check_document(doc)
    with pytest.raises(CheckFailure):
        check_document(_tampered(doc, path, value))


def test_tampered_symmetric_certificate_fails():
    doc = persuasion_report(load_game(EXAMPLE), payments="arbitrary").document()
    cert = doc["certificates"]["symmetric_lp"]
    bad = _tampered(doc, ["certificates", "symmetric_lp", "y_ub"], ["0"] * len(cert["y_ub"]))
    with pytest.raises(CheckFailure, match="symmetric_lp"):
        check_document(bad)
    # the LP's own (asymmetric) certificate passed off as the symmetric one: Definition 3 fails
    swapped = _tampered(doc, ["certificates", "symmetric_lp"], doc["certificates"]["lp"])
    if not doc["definition_3"]["outcome"] or not doc["definition_3"]["lambda"]:
        with pytest.raises(CheckFailure, match="proposition_2"):
            check_document(swapped)


def test_claims_on_a_non_symmetric_instance_are_refused():
    g = ActionTypeGame.make(["A", "B"], ["x", "y"], {"x": [1, 0], "y": [0, 1]}, profile_prior={"x,y": "1/3", "y,x": "2/3"})
    doc = persuasion_report(g).document()
    check_document(doc)
    sym = persuasion_report(load_game(EXAMPLE)).document()
    with pytest.raises(CheckFailure, match="not symmetric"):
        check_document({**doc, "proposition_2": sym["proposition_2"]})


def test_cli_json_and_verify(tmp_path, capsys):
    assert main(["persuade", EXAMPLE, "--payments", "arbitrary", "--json"]) == 0
    out = tmp_path / "out.json"
    out.write_text(capsys.readouterr().out)
    doc = json.loads(out.read_text())
    assert doc["game"]["kind"] == "action-types" and doc["proposition_5"]["holds"] is True
    assert main(["verify", str(out)]) == 0
    assert "verified" in capsys.readouterr().out
    out.write_text(json.dumps(_tampered(doc, ["corollary_1", "lambda"], "2")))
    assert main(["verify", str(out)]) == 1


# -- eq. (12) and footnote 4 ------------------------------------------------------------------


def test_eq_12_multi_receiver_payment_rule():
    r = solve_binary(MultiReceiverGame.example(), "budget-balanced")
    rule = r.payments
    mu = r.game.prior
    for rec in r.game.receivers:
        x = sum(m * q for m, w in zip(mu, r.game.states) for S, q in r.scheme[w].items() if rec in S.split("+"))
        q1, q0 = r.expected_payments[rec]
        assert (rule[rec]["1"] is None and q1 == 0) if x == 0 else rule[rec]["1"] * x == q1
        assert (rule[rec]["0"] is None and q0 == 0) if x == 1 else rule[rec]["0"] * (1 - x) == q0
    assert rule["r1"]["0"] is None and rule["r2"] == {"1": F(1, 8), "0": F(-2)}
    doc = r.document()
    check_document(doc)
    with pytest.raises(CheckFailure, match="payments"):
        check_document(_tampered(doc, ["payments", "r2", "1"], "1/10"))      # the expected payment, not the rule
    with pytest.raises(CheckFailure, match="payments"):
        check_document(_tampered(doc, ["payments", "r1", "0"], "0"))


def test_footnote_4_rule_misses_the_expected_payment():
    """Footnote 4 pays P(i)/phi_theta(i) in state theta; its expectation is P(i) mu(supp phi(i)).
    In the certified budget-balanced optimum of Section 4.2, action 0 is sent only in state 1: the
    footnote's rule pays -1/4 in expectation instead of P(0) = -1/2. P(i)/Pr[i] (``payments``) is right."""
    g = zero_sum_example()
    r = persuade_with_payments(g, "budget-balanced")
    assert r.verify()
    for a in g.actions:
        footnote = sum(m * r.scheme[w].get(a, 0) * (r.expected_payments[a] / r.scheme[w][a])
                       for m, w in zip(g.prior, g.states) if r.scheme[w].get(a))
        support = sum(m for m, w in zip(g.prior, g.states) if r.scheme[w].get(a))
        assert footnote == r.expected_payments[a] * support
        ours = sum(m * r.scheme[w].get(a, 0) * r.payments[a] for m, w in zip(g.prior, g.states))
        assert ours == r.expected_payments[a]
    assert r.scheme["0"].get("0", 0) == 0 and r.expected_payments["0"] == F(-1, 2)
    footnote_0 = sum(m * r.expected_payments["0"] for m, w in zip(g.prior, g.states) if r.scheme[w].get("0"))
    assert footnote_0 == F(-1, 4)
