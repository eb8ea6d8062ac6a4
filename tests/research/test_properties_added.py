"""Built-in checks added for issue 22 item 3: 000 Propositions 2, 5 and 7, 002 Corollary 2 and 004's
Proposition of Section 3.

Each check runs with a small max_examples and finds no counterexample; each test also shows the check
can fail (a deliberately wrong statement is refuted by the same search) and that the certified key
the check relies on is re-proved by the independent checker and fails when tampered."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from exactgame.bargaining.report import bargain
from exactgame.check import CheckFailure, check_document
from exactgame.efficiency import efficiency, efficiency_report
from exactgame.peer_selection_report import PeerSelectionGame, peer_selection_report
from exactgame.persuasion.buyer_seller_report import BuyerSellerGame, buyer_seller_report
from exactgame.research.families import (
    BuyerSellerFileFamily, CensorshipFamily, GameFamily, Numbers, PeerSelectionFamily, game_text, sample,
)
from exactgame.research.properties import (
    PROPERTIES, _corollary_2, _pareto_gain, _proposition_2, _proposition_5, _proposition_7, run,
)
from exactgame.research.search import Verdict, search
from exactgame.games import loads_game


def _tampered(doc, key, value, match=None):
    bad = json.loads(json.dumps(doc))
    bad[key] = value
    with pytest.raises(CheckFailure, match=match or key):
        check_document(bad)


@pytest.mark.parametrize("name", ["000-proposition-2", "000-proposition-5", "000-proposition-7", "002-corollary-2",
                                  "004-proposition"])
def test_added_checks_find_no_counterexample(name):
    r = run(name, max_examples=12)
    assert not r.found and r.applicable >= 12, r.summary()
    assert PROPERTIES[name].expected == "holds"


def test_proposition_2_agrees_with_the_direct_pareto_lp_on_both_verdicts():
    games = sample(PROPERTIES["000-proposition-2"].family, 30, seed=1)
    verdicts = [efficiency(g).efficient for g in games]
    assert True in verdicts and False in verdicts          # the family has efficient and inefficient outcomes
    for g, eff in zip(games, verdicts):
        gain = _pareto_gain(g, dict(zip(g.states, g.prior)))
        assert (gain == 0) == eff and gain >= 0
        assert _proposition_2(g).holds is True
    bad = next(g for g, e in zip(games, verdicts) if not e)
    doc = efficiency_report(bad).document()
    assert "efficient" in check_document(doc).proved
    _tampered(doc, "efficient", True)


def test_proposition_2_check_can_fail():
    """A wrong 'Proposition 2' (every outcome efficient) is refuted against the same Pareto LP."""
    def wrong(g):
        gain = _pareto_gain(g, dict(zip(g.states, g.prior)))
        return Verdict(gain == 0, f"gain {gain}")

    r = search(wrong, GameFamily(outcome=True, numbers=Numbers("small-int", bound=2)), max_examples=50)
    assert r.found and _pareto_gain(r.counterexample, dict(zip(r.counterexample.states, r.counterexample.prior))) > 0


def test_proposition_5_in_r_star_and_outside():
    games = sample(BuyerSellerFileFamily(), 30, seed=1)
    inside = [g for g in games if buyer_seller_report(g).body["in_r_star"]]
    assert 0 < len(inside) < len(games)                    # thresholds on both sides of T_p
    assert all(F(1, 2) < g.threshold < 1 for g in games)
    assert all(loads_game(game_text(g)) == g for g in games[:5])
    for g in games:
        assert _proposition_5(g).holds is (True if g in inside else None)
    doc = buyer_seller_report(inside[0]).document()
    assert "bp_efficient" in check_document(doc).proved and doc["bp_efficient"] is False
    _tampered(doc, "bp_efficient", True)


def test_proposition_5_outside_r_star_is_not_a_verdict():
    g = BuyerSellerGame.make([1, 2], "3/5", ["1/10", "1/2", "2/5"])   # int R_12 needs p0 > 1 - T = 2/5
    body = buyer_seller_report(g).body
    assert body["in_r_star"] is False and _proposition_5(g).holds is None


def test_proposition_7_hypotheses_and_inefficiency():
    games = sample(PeerSelectionFamily(), 40, seed=1)
    holding = [g for g in games if g.instance().hypotheses_hold]
    assert holding and len(holding) < len(games)
    assert all(abs(x) <= 1 for g in games for v in g.values for x in v.values())
    for g in holding:
        assert _proposition_7(g).holds is True and not g.instance().efficiency().efficient
    doc = peer_selection_report(holding[0]).document()
    assert "efficient" in check_document(doc).proved
    _tampered(doc, "efficient", True)


def test_proposition_7_bundled_example():
    g = PeerSelectionGame.make([{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], "1")
    assert _proposition_7(g).holds is True


def test_corollary_2_family_meets_the_hypotheses_by_construction():
    from exactgame.bargaining.agreement import beneficial_agreement

    probs = sample(CensorshipFamily(), 25, seed=2)
    for p in probs:
        entry = beneficial_agreement(p).tests["corollary_2"]
        assert entry["applies"] and all(entry["hypotheses"].values()), entry
    verdicts = [_corollary_2(p).holds for p in probs]
    assert verdicts.count(True) >= 20 and False not in verdicts
    doc = bargain(probs[0]).document()
    assert doc["beneficial_agreement_exists"] is True and "beneficial_agreement_exists" in check_document(doc).proved
    _tampered(doc, "beneficial_agreement_exists", False, match="ville_weights")   # 'no' needs Ville weights


def test_corollary_2_non_generic_payoffs_are_outside_the_statement():
    """Winner takes all (002, Section 3): k = 3 actions, n = 2 agents with a zero-sum pair of rows,
    y = (1, 1) makes the weighted sum constant, so no beneficial agreement; the differences have rank
    1 < n, so the check says 'does not apply' instead of reporting a counterexample."""
    doc = {"kind": "bargaining", "states": ["w0", "w1", "w2"], "prior": ["1/3", "1/3", "1/3"], "actions": ["a0", "a1", "a2"],
           "agents": ["A0", "A1"], "disagreement": "full-information",
           "payoffs": {"receiver": {"w0": ["1", "0", "0"], "w1": ["0", "1", "0"], "w2": ["0", "0", "1"]},
                       "A0": {w: ["1", "2", "3"] for w in ("w0", "w1", "w2")},
                       "A1": {w: ["-1", "-2", "-3"] for w in ("w0", "w1", "w2")}}}
    prob = loads_game(json.dumps(doc))
    from exactgame.bargaining.agreement import beneficial_agreement

    assert beneficial_agreement(prob).beneficial is False
    assert _corollary_2(prob).holds is None


def test_004_proposition_on_diagonal_and_perturbed_mechanisms():
    from exactgame.acquisition.report import acquisition
    from exactgame.research.families import AcquisitionMechanismFamily
    from exactgame.research.properties import _acquisition_proposition

    games = sample(AcquisitionMechanismFamily(), 16, seed=3)
    docs = [acquisition(g).document() for g in games]
    diagonal = [d for d in docs if d["correlation"]["perfectly_correlated"]]
    mixed = [d for d in docs if not d["correlation"]["essentially_perfect"]]
    assert diagonal and mixed
    assert all(d["proposition"] == "holds" and all(d["implementable"].values()) for d in diagonal)
    # the perturbed mechanisms (same transfers) are refuted by a certified deviation: the implication is vacuous
    assert all(not all(d["implementable"].values()) and d["proposition"].startswith("not applicable") for d in mixed)
    assert [_acquisition_proposition(g).holds for g in games] == [True if d in diagonal else None for d in docs]
    assert all(loads_game(game_text(g)).canonical() == g.canonical() for g in games[:4])
    from exactgame.recheck import recompute_and_compare

    doc = diagonal[0]
    rep = check_document(doc)       # implementability by the checker; the proposition verdict by re-computation
    assert "implementable" in rep.proved and "proposition" in rep.delegated
    recompute_and_compare(doc)
    bad = json.loads(json.dumps(doc))
    bad["proposition"] = "VIOLATED (an implementable efficient mechanism without equal posteriors in blocks)"
    with pytest.raises(CheckFailure, match="proposition"):
        recompute_and_compare(bad)
    bad = json.loads(json.dumps(mixed[0]))
    bad["implementable"] = {"buyer": True, "seller": True}
    with pytest.raises(CheckFailure):
        check_document(bad)
