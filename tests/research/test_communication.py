"""The Efficient Communication Conjecture search (exactgame/research/communication.py, issue 24)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from exactgame.check import check_document
from exactgame.dialogue.model import bilateral_trade
from exactgame.dialogue.report import dialogue
from exactgame.research.communication import ecc_search, random_trades, trade_grid
from exactgame.research.properties import PROPERTIES, run

SECTION_3_4 = ((0, 2), ("4/5", "1/5"), (3, 6, 12), ("1/3", "1/3", "1/3"))
SECTION_3_1 = ((2,), ("1",), (3, 6), ("2/3", "1/3"))     # Section 3.1: one seller type


def test_published_instances_reach_w_star_where_the_paper_says():
    r = ecc_search([SECTION_3_4, SECTION_3_1], rounds=3)
    a, b = r.records
    assert (a.reached, a.efficient_welfare) == (3, F(33, 5))          # Section 3.4: three rounds are needed
    assert a.welfare[:3] == (F(82, 15), F(94, 15), F(98, 15))
    assert b.reached == 1                                             # one seller type: Lemma 1, Bob's round
    assert r.by_round() == {1: 1, 3: 1} and not r.not_reached()


def test_below_w_star_is_reported_as_evidence_not_refutation():
    r = ecc_search([SECTION_3_4], rounds=2, deep_rounds=0)
    (rec,) = r.records
    assert rec.reached is None and max(rec.welfare) < rec.efficient_welfare
    assert "C > T given Theorem 2" in r.summary()
    # the welfare is the dialogue document's, which the independent checker re-verifies
    doc = dialogue(bilateral_trade(*SECTION_3_4), 2).document()
    check_document(doc)
    assert tuple(F(x["welfare"]) for x in doc["rounds"]) == rec.welfare


def test_grid_and_random_instances():
    grid = trade_grid([0, 2], [1, 3, 6], weights=(1, 2))
    assert grid and all(len(c) == 2 and len(v) == 3 and all(cp) and all(q) for c, cp, v, q in grid)
    assert all(any(x > y for x in v for y in c) and not all(x > y for x in v for y in c) for c, _, v, _ in grid)
    assert random_trades(3, seed=4) == random_trades(3, seed=4) != random_trades(3, seed=5)
    r = ecc_search(grid[:3], rounds=3)
    assert len(r.records) + len(r.errors) == 3
    for rec in r.records:   # welfare never falls and never exceeds W* (Section 2.4)
        assert all(x <= y for x, y in zip(rec.welfare, rec.welfare[1:])) and max(rec.welfare) <= rec.efficient_welfare


def test_the_bounded_conjecture_is_a_builtin_check():
    prop = PROPERTIES["001-efficient-communication-3"]
    assert prop.expected == "holds" and "Theorem 2" in prop.statement
    res = run("001-efficient-communication-3", max_examples=3, seed=0)
    assert res.applicable >= 1
    if res.found:   # a game below W* after three rounds would be evidence of C > 3: its document must verify
        check_document(res.document())


def test_bad_rounds():
    from exactgame.errors import InputError

    with pytest.raises(InputError):
        ecc_search([SECTION_3_4], rounds=-1)
