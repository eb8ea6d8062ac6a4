"""search (exactgame.research.search): hypothesis finds and shrinks counterexamples, deterministically."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from exactgame.errors import InputError
from exactgame.games import load_game
from exactgame.research.families import GameFamily, Numbers, SenderReceiverFamily
from exactgame.research.search import Verdict, evaluate, save, search


def test_a_counterexample_is_shrunk_to_a_minimal_game():
    """'some receiver payoff exceeds 1' fails first at 2 states x 2 actions: the shrinker reaches the
    smallest sizes, a uniform prior and one entry of exactly 2 (everything else 0)."""
    fam = SenderReceiverFamily(states=(2, 4), actions=(2, 4), numbers=Numbers("fraction", bound=3, denominator=5))

    def small(g):
        return all(x <= 1 for row in g.receiver.values() for x in row)

    r = search(small, fam, max_examples=200)
    g = r.counterexample
    assert r.found and (len(g.states), len(g.actions)) == (2, 2)
    assert g.prior == (F(1, 2), F(1, 2))
    entries = sorted(x for who in (g.sender, g.receiver) for row in who.values() for x in row)
    assert entries == [0] * 7 + [F(2)]          # denominator 1 is simplest: the entry is 2, not 6/5
    assert r.verdict.holds is False


def test_the_same_seed_finds_the_same_counterexample():
    fam = GameFamily(players=(2, 3), profiles=(2, 4), numbers=Numbers("fraction"))

    def p(g):
        return sum(v[0] for w in g.states for v in g.payoffs[w].values()) < F(7, 3)

    a, b = search(p, fam, max_examples=100, seed=5), search(p, fam, max_examples=100, seed=5)
    assert a.found and a.counterexample == b.counterexample and a.examples == b.examples


def test_no_counterexample_is_evidence_and_says_so():
    r = search(lambda g: len(g.states) == 2, SenderReceiverFamily(), max_examples=20)
    assert not r.found and r.counterexample is None and r.document() is None
    assert r.applicable == r.examples >= 20 and "not a proof" in r.summary()


def test_verdicts_assertions_and_bad_input():
    assert evaluate(lambda g: Verdict(False, "no"), None).detail == "no"

    def asserting(g):
        assert g < 0, "not negative"
        return True

    v = evaluate(asserting, 1)
    assert v.holds is False and v.detail.startswith("not negative")

    def refusing(g):
        raise InputError("boundary prior")

    assert evaluate(refusing, 1).holds is None
    with pytest.raises(TypeError, match="True, False or a Verdict"):
        evaluate(lambda g: 3, 1)


def test_bad_input_games_are_skipped_not_counterexamples():
    """A property that refuses games with three actions (InputError) and fails only with four: the
    counterexample has four actions."""
    def p(g):
        if len(g.actions) == 3:
            raise InputError("three actions refused")
        return len(g.actions) < 4

    r = search(p, SenderReceiverFamily(actions=(2, 4)), max_examples=100)
    assert r.found and len(r.counterexample.actions) == 4


def test_save_writes_a_game_file_that_loads_back(tmp_path):
    r = search(lambda g: len(g.actions) < 3, SenderReceiverFamily(actions=(2, 3)), max_examples=30, out=str(tmp_path / "ce"))
    assert load_game(r.files["game"]) == r.counterexample
    assert "refutation" not in r.files           # a bare False carries no refuting report
    with pytest.raises(InputError, match="no counterexample"):
        save(search(lambda g: True, SenderReceiverFamily(), max_examples=5), str(tmp_path))
