"""Enclosure rounds of the whole-square dialogue engine (issue 24: the spy game to t = 20).

The enclosure numbers (:mod:`exactgame.dialogue.enclosure`) are checked on their own
(decisions, refusals), then against the exact engine: switched on early, every ball of every
round must contain the exact engine's number, with the same grid, and the report's document
must pass the independent checker and be refused when its enclosure rounds are changed.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest

from exactgame.check import check_document
from exactgame.check.core import CheckFailure
from exactgame.dialogue.enclosed import enclosure_entries, outward_decimal
from exactgame.dialogue.enclosure import Context, Enc, UndecidedSign, bounds, context_of, to_enc
from exactgame.dialogue.model import spy_game
from exactgame.dialogue.report import dialogue
from exactgame.dialogue.square import alternate
from exactgame.logexp import to_arb

HALF = F(1, 2)


def test_ties_and_inequalities_are_decided_by_ball_and_image():
    with Context(prec=128, seed=11) as cx:
        third = Enc.of(F(1, 3))
        assert third * 3 == 1 and cx.ties == 1            # a tie: ball meets 0 and the image is 0
        assert third != F(333_333, 1_000_000)             # the images differ: proved unequal
        assert third > F(333_333, 1_000_000) and not third < F(1, 4)
        assert sorted([Enc.of(F(2, 3)), third, Enc.of(0)])[1] == third
        assert len({third, Enc.of(2) / 6, Enc.of(F(1, 3))}) == 1      # equal rationals hash alike
        assert cx.error_bound < F(1, 2**200)


def test_an_undecided_sign_is_refused_not_guessed():
    with Context(prec=12, seed=1):
        x = Enc.of(1) + Enc.of(F(1, 2**40))      # at 12 bits the ball of x - 1 contains 0
        with pytest.raises(UndecidedSign):
            _ = x > 1
        assert x != 1                             # but x - 1 is proved nonzero by its image
        with pytest.raises(UndecidedSign):
            _ = Enc.of(1) / (x - 1)


def test_numbers_of_two_contexts_do_not_mix():
    a, b = Enc.of(1, Context(prec=64, seed=1)), Enc.of(1, Context(prec=64, seed=2))
    with pytest.raises(ValueError):
        _ = a + b


def _flat(x):
    if isinstance(x, (list, tuple)):
        for v in x:
            yield from _flat(v)
    else:
        yield x


def test_enclosure_rounds_contain_the_exact_rounds():
    exact = alternate(spy_game(), 11, stop_when_stable=False)
    enc = alternate(spy_game(), 11, enclose_digits=3, stop_when_stable=False)
    assert enc.enclosure is not None and enc.exact_rounds == 4 and enc.enclosure.first == 5
    assert [r.mode for r in enc.rounds] == ["exact"] * 5 + ["enclosure"] * 7
    checked = 0
    with enc.enclosure.context:
        for a, b in zip(exact.rounds, enc.rounds):
            assert a.grid.shape == b.grid.shape and a.voluntary == b.voluntary
            for part in ("ps", "qs", "V", "H", "E", "C"):
                for x, y in zip(_flat(getattr(a.grid, part)), _flat(getattr(b.grid, part))):
                    if isinstance(y, Enc):
                        assert y.ball.contains(to_arb(x)), (b.t, part)
                        checked += 1
                    else:
                        assert x == y
    assert checked > 5000
    assert enc.enclosure.error_bound < F(1, 2**150)


def test_low_precision_reruns_at_a_higher_one():
    exact = alternate(spy_game(), 9, stop_when_stable=False)
    enc = alternate(spy_game(), 9, enclose_digits=3, enclose_prec=16, stop_when_stable=False)
    assert enc.enclosure.restarts >= 1 and enc.enclosure.context.prec > 16
    for t in range(5, 10):
        for x, y in zip(exact.rounds[t].at(HALF, HALF), enc.rounds[t].at(HALF, HALF)):
            lo, hi = bounds(y)
            assert lo <= x <= hi


def test_report_document_checks_and_its_enclosures_hold_the_exact_values():
    exact = dialogue(spy_game(), 9, enclose=None).document()
    r = dialogue(spy_game(), 9, enclose=3)
    doc = r.document()
    assert len(doc["rounds"]) == 5 and [e["t"] for e in doc["enclosure_rounds"]] == [5, 6, 7, 8, 9]
    assert doc["exact_rounds"] == 4 and doc["enclosure"]["first_round"] == 5
    assert doc["enclosure"]["tie_error_log2"] < -150
    for e in doc["enclosure_rounds"]:
        for who in ("sally", "bob"):
            v = F(exact["rounds"][e["t"]]["payoffs"][who])
            iv = e["payoffs"][who]
            assert F(iv["lo"]) <= v <= F(iv["hi"]) and F(iv["hi"]) - F(iv["lo"]) < F(1, 10**25)
    claims = {k: c["status"] for k, c in doc["claims"].items()}
    assert claims["enclosure_rounds"] == "not certified" and "rounds/5" not in claims
    check_document(json.loads(json.dumps(doc)))
    assert "enclosure" in "\n".join(r.lines)


@pytest.mark.parametrize("tamper", ["renumber", "swap", "drop", "mode", "welfare"])
def test_tampered_enclosure_rounds_are_refused(tamper):
    doc = json.loads(json.dumps(dialogue(spy_game(), 7, enclose=3).document()))
    bad = copy.deepcopy(doc)
    e = bad["enclosure_rounds"]
    if tamper == "renumber":
        e[1]["t"] = 9
    elif tamper == "swap":
        iv = e[0]["payoffs"]["sally"]
        iv["lo"], iv["hi"] = iv["hi"], iv["lo"]
    elif tamper == "drop":
        e.pop()
    elif tamper == "mode":
        e[0]["mode"] = "exact"
    else:
        e[0]["welfare"] = {"lo": "5", "hi": "6", "radius_digits": 1}
    check_document(doc)
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_spy_game_to_twenty_rounds_from_the_command_line(capsys):
    """Issue 24: ``exactgame dialogue examples/spy_game.toml --rounds 20`` answers (exact to 12, enclosures after)."""
    from exactgame.cli import main

    assert main(["dialogue", "examples/spy_game.toml", "--rounds", "20", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["payoffs"]["sally"] for r in doc["rounds"][:3]] == ["1/2", "1/2", "13/18"]   # Section 4's table
    assert len(doc["rounds"]) == 13 and doc["enclosure_rounds"][-1]["t"] == 20
    s20 = doc["enclosure_rounds"][-1]["payoffs"]["sally"]
    assert F(s20["lo"]) > F(817, 1000) and F(s20["hi"]) < F(818, 1000)
    assert main(["dialogue", "examples/spy_game.toml", "--rounds", "4", "--exact", "--enclose-after", "9"]) == 2


def test_helpers():
    assert outward_decimal(F(-2, 3), 3, True) == "-0.666"
    with Context(prec=64, seed=0) as cx:
        x = to_enc([F(1, 7)])[0]
        assert context_of(x) is cx
    alt = alternate(spy_game(), 3)
    assert enclosure_entries(alt, alt.payoffs(HALF, HALF), ["sally", "bob"]) == []


def test_a_budget_spent_before_the_first_enclosure_round_leaves_an_exact_document():
    r = dialogue(spy_game(), 8, enclose=0, budget=1e-9)     # enclosures from round 1, no time for one
    doc = json.loads(json.dumps(r.document()))
    assert "enclosure_rounds" not in doc and "exact_rounds" not in doc and doc["stopped_by"]
    check_document(doc)


def test_the_default_switch_encloses_the_exact_round_13():
    """The default run (exact to round 12, 1,218-digit lines): round 13's enclosure holds the exact round 13."""
    from exactgame.dialogue.square import ENCLOSE_DIGITS

    exact = alternate(spy_game(), 13, stop_when_stable=False).rounds[13]
    enc = alternate(spy_game(), 13, enclose_digits=ENCLOSE_DIGITS, stop_when_stable=False)
    assert enc.exact_rounds == 12 and enc.rounds[13].mode == "enclosure"
    got = enc.rounds[13]
    assert got.grid.shape == exact.grid.shape and got.voluntary == exact.voluntary
    with enc.enclosure.context:
        for part in ("ps", "qs", "V", "H", "E", "C"):
            for x, y in zip(_flat(getattr(exact.grid, part)), _flat(getattr(got.grid, part))):
                assert y.ball.contains(to_arb(x)), part


def test_stability_found_by_the_exact_rounds_survives_the_enclosures():
    from exactgame.dialogue.model import bilateral_trade

    g = bilateral_trade([1, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"])
    exact = alternate(g, 6, stop_when_stable=False)
    enc = alternate(g, 6, stop_when_stable=False, enclose_digits=0)
    assert exact.stable_from == enc.stable_from == 2


def test_the_printed_exponent_bounds_the_error_and_floats_are_refused():
    alt = alternate(spy_game(), 8, enclose_digits=3)
    cx = alt.enclosure.context
    assert 0 < cx.error_bound <= F(2) ** cx.error_log2 and cx.numbers > 1000
    with pytest.raises(TypeError):
        _ = Enc.of(1, cx) < 0.5
