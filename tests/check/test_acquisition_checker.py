"""The independent checker on acquisition documents (issue 15): implementability decided from the
game and the stated mechanism, deviations proved positive without the lemma, tampering refused.

The decision procedure of :mod:`exactgame.check.acquisition` is a second implementation of the
implementability lemma: it must agree with ``check_implementability`` on random mechanisms, and
every production deviation must pass its lemma-free gain check.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
from fractions import Fraction as F

import pytest

from exactgame.acquisition import AcquisitionGame
from exactgame.acquisition.implementability import check_implementability
from exactgame.check import CheckFailure, check_document
from exactgame.check.acquisition import Mechanism, best_responds, check_deviation
from exactgame.cli import main
from exactgame.games import load_game
from exactgame.recheck import recompute_and_compare
from exactgame.results import canonical_game

from .tamper import leaves, mutated, not_certified_prefixes


def run(*args: str) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


def _random_game(rng: random.Random) -> AcquisitionGame | None:
    n, I, J = rng.choice([2, 2, 3]), rng.choice([1, 2, 3]), rng.choice([1, 2, 3])
    prior = [F(rng.randint(1, 5)) for _ in range(n)]
    prior = [p / sum(prior) for p in prior]
    alpha = []
    for v in range(n):
        m = [[F(rng.choice([0, 0, 1, 2, 3])) for _ in range(J)] for _ in range(I)]
        if not any(x for r in m for x in r):
            m[rng.randrange(I)][rng.randrange(J)] = F(1)
        t = sum(x for r in m for x in r)
        alpha.append([[x * prior[v] / t for x in r] for r in m])
    if any(sum(alpha[v][i][j] for v in range(n) for j in range(J)) == 0 for i in range(I)) or \
       any(sum(alpha[v][i][j] for v in range(n) for i in range(I)) == 0 for j in range(J)):
        return None
    mat = lambda: [[F(rng.randint(-6, 12), rng.choice([1, 2, 4])) for _ in range(J)] for _ in range(I)]
    return AcquisitionGame([f"v{k}" for k in range(n)], prior,
                           {"buyer": [F(rng.randint(0, 4)) for _ in range(n)], "seller": [F(rng.randint(-2, 2)) for _ in range(n)]},
                           {"buyer": rng.choice([1, F(1, 2), 2]), "seller": 1}, alpha=alpha, transfers={"buyer": mat(), "seller": mat()})


def _diagonal_near_optimum(rng: random.Random) -> AcquisitionGame:
    """Perfectly correlated structures with the prescribed transfers shifted a little: (NA) close to binding."""
    from exactgame.acquisition.mechanism import prescribed_mechanism

    m = F(rng.randint(1, 9), 20)
    g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 3], seller=[-2, 1],
                                 posteriors=[m, 1 - m], weights=["1/2", "1/2"])
    p = prescribed_mechanism(g)
    shift = F(rng.randint(-3, 3), 10**rng.randint(1, 6))
    t = {q: [[x + shift for x in r] for r in p.transfers[q]] for q in ("buyer", "seller")}
    return p.with_mechanism(p.alpha, t, None, p.buyer_signals, p.seller_signals)


def test_lemma_decisions_agree_with_production_on_random_mechanisms():
    rng = random.Random(15)
    seen = {True: 0, False: 0}
    for trial in range(160):
        g = _random_game(rng) if trial % 4 else _diagonal_near_optimum(rng)
        if g is None:
            continue
        mech = Mechanism(canonical_game(g), g.states, g.prior, "m")
        for p in ("buyer", "seller"):
            r = check_implementability(g, p)
            A, pay = mech.oriented(p), mech.payoffs(p, g.values[p])
            assert best_responds(A, pay, g.cost[p], "x") == r.implementable, (trial, p, r.violations)
            seen[r.implementable] += 1
            if not r.implementable:   # every production deviation passes the lemma-free gain check
                check_deviation(A, pay, g.cost[p], mech.own_signals(p), mech.other_signals(p), g.states,
                                r.certificate.to_dict()["deviation"], "dev")
    assert seen[True] > 20 and seen[False] > 20


def test_forged_deviations_are_rejected():
    g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
                                 posteriors=["1/4", "3/4"], weights=["1/2", "1/2"],
                                 transfers={"buyer": [[1, 10], [10, 1]], "seller": [["1/2", -10], [-10, "1/2"]]})
    r = check_implementability(g, "seller")
    assert not r.implementable
    dev = r.certificate.to_dict()["deviation"]
    mech = Mechanism(canonical_game(g), g.states, g.prior, "m")
    args = (mech.oriented("seller"), mech.payoffs("seller", g.values["seller"]), g.cost["seller"],
            mech.own_signals("seller"), mech.other_signals("seller"), g.states)
    check_deviation(*args, dev, "dev")
    for bad in ({**dev, "epsilon": "1000"},                                  # more mass than the cells hold
                {**dev, "epsilon": "0"},
                {**dev, "moves": [[m[0], m[1], "-" + m[2]] for m in dev["moves"]]},
                {**dev, "moves": [[m[0], [m[1][0], m[1][1], "low" if m[1][2] == "high" else "high"], m[2]] for m in dev["moves"]]}):
        with pytest.raises(CheckFailure):
            check_deviation(*args, bad, "dev")
    # the buyer best-responds: no deviation gains, so the checker refuses a claim that he does not
    doc = run("acquisition", "examples/acquisition_mechanism.toml")
    bad = json.loads(json.dumps(doc))
    bad["implementable"]["buyer"] = False
    bad["players"]["buyer"]["implementable"] = False
    with pytest.raises(CheckFailure):
        check_document(bad)


@pytest.mark.parametrize("file", ["examples/acquisition_mechanism.toml", "examples/acquisition_correlated.toml"])
def test_acquisition_tampering_is_rejected(file):
    """Every leaf the checker proves is refused by it when changed; a sample of the delegated ones
    is refused by the re-computation that ``verify`` runs for them."""
    doc = run("acquisition", file)
    report = check_document(doc)
    assert {"implementable", "revenue", "gross_surplus"} <= set(report.proved)
    skip = not_certified_prefixes(doc)
    own = [(p, v) for p, v in leaves(doc) if p[0] in ("implementable", "revenue", "gross_surplus", "prior", "cost", "game",
                                                      "prescribed_mechanism", "options") and p[:1] not in skip]
    assert len(own) > 15
    for path, value in own:
        bad = mutated(doc, path, value)
        try:
            check_document(bad)
        except CheckFailure:
            continue
        # accepted: an option the command does not have (the re-computation refuses it), or a changed
        # prescribed mechanism that is still true as stated (an off-path transfer): production agrees
        assert path[0] in ("options", "prescribed_mechanism"), f"accepted a changed {path}"
        if path[0] == "prescribed_mechanism":
            m = bad["prescribed_mechanism"]
            g = load_game(file)
            alt = g.with_mechanism([m["alpha"][w] for w in g.states], m["transfers"], m["trade"], m["buyer_signals"], m["seller_signals"])
            assert all(check_implementability(alt, p).implementable == bad["implementable"][p] for p in ("buyer", "seller"))
            assert str(alt.revenue()) == bad["revenue"]
        with pytest.raises(CheckFailure):
            recompute_and_compare(bad)
    delegated = [(p, v) for p, v in leaves(doc) if p[0] in ("correlation", "players", "certificates")]
    for path, value in random.Random(0).sample(delegated, 12):
        bad = mutated(doc, path, value)
        with pytest.raises(CheckFailure):
            check_document(bad)
            recompute_and_compare(bad)


def test_subsidy_document_mechanism_is_checked_independently():
    doc = run("acquisition", "examples/acquisition_subsidy.toml")
    report = check_document(doc)
    assert {"subsidy/mechanism", "subsidy/mechanism_implementable", "subsidy/gross_surplus"} <= set(report.proved)
    assert "subsidy/upper_bound" in report.delegated
    for path in (("subsidy", "mechanism", "transfers", "buyer", 0, 0), ("subsidy", "mechanism", "revenue"),
                 ("subsidy", "mechanism_implementable", "seller"), ("subsidy", "gross_surplus")):
        node = doc
        for k in path:
            node = node[k]
        with pytest.raises(CheckFailure):
            check_document(mutated(doc, path, node))


def test_review_forgeries_are_rejected():
    """An independent review's forgeries: a prescribed mechanism next to a file with its own transfers
    (or not built on the file's information structure), and a forged correlation (delegated: the
    re-computation that verify runs refuses it)."""
    doc = run("acquisition", "examples/acquisition_mechanism.toml")
    bad = json.loads(json.dumps(doc))
    bad["prescribed_mechanism"] = {"buyer_signals": ["b"], "seller_signals": ["s"], "alpha": {"low": [["1/2"]], "high": [["1/2"]]},
                                   "transfers": {"buyer": [["1"]], "seller": [["2"]]}, "revenue": "-1"}
    bad["claims"]["prescribed_mechanism"] = {"status": "certified", "certificates": []}
    bad["implementable"] = {"buyer": True, "seller": True}
    for p in ("buyer", "seller"):
        bad["players"][p]["implementable"] = True
    bad["revenue"] = "-1"
    with pytest.raises(CheckFailure):
        check_document(bad)
    corr = run("acquisition", "examples/acquisition_correlated.toml")
    bad = json.loads(json.dumps(corr))
    bad["prescribed_mechanism"]["alpha"]["low"][0][0] = "1/4"     # not the file's structure, grouped
    bad["prescribed_mechanism"]["alpha"]["low"][1][1] = "1/2"
    with pytest.raises(CheckFailure):
        check_document(bad)
    bad = json.loads(json.dumps(doc))
    bad["correlation"] = {"blocks": [], "essentially_perfect": False, "perfectly_correlated": False, "reasons": ["forged"]}
    report = check_document(bad)
    assert "correlation" in report.delegated and "correlation" not in report.proved
    with pytest.raises(CheckFailure):
        recompute_and_compare(bad)
