"""Corollary 1 from a rule file (efficiency --rule): exactgame.type_rules and its checker."""

import contextlib
import io
import json

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.errors import InputError
from exactgame.games import Game
from exactgame.type_rules import rule_report

GAME = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x,l", "x,r", "y,l", "y,r"],
            {"w0": {"x,l": (3, 1), "x,r": (0, 0), "y,l": (1, 2), "y,r": (2, 2)},
             "w1": {"x,l": (1, 3), "x,r": (2, 1), "y,l": (0, 1), "y,r": (3, 2)}})
TYPES = {w: {"a|c": "1/4", "a|d": "1/4", "b|c": "1/4", "b|d": "1/4"} for w in ("w0", "w1")}


def run(*args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


def test_example_files_verify_and_tampering_fails():
    doc = run("efficiency", "examples/corollary1_game.toml", "--rule", "examples/corollary1_strategies.toml")
    assert "corollary_1" in check_document(doc).proved
    assert doc["corollary_1"]["condition_ii"] == {"q": 2, "holds": True} and doc["efficient"] is False
    with pytest.raises(CheckFailure, match="corollary_1"):
        check_document({**doc, "corollary_1": {**doc["corollary_1"], "full_support": False}})
    other = {**doc["options"], "strategies": [{"a": "u", "b": "u"}, {"c": "l", "d": "r"}]}
    with pytest.raises(CheckFailure, match="does not induce"):
        check_document({**doc, "options": other})


def test_condition_i_with_a_rule_and_missing_support():
    rule = {w: {"a|c": "x,l", "a|d": "y,r", "b|c": "x,l", "b|d": "y,r"} for w in ("w0", "w1")}
    r = rule_report(GAME, {"types": TYPES, "rule": rule})
    c = r.body["corollary_1"]
    assert c["full_support"] and c["condition_i"] == {"states_with_type_dependent_profiles": ["w0", "w1"], "holds": True}
    assert c["consistent"] == (not r.body["efficient"])
    assert "corollary_1" in check_document(r.document()).proved
    thin = {w: {"a|c": "1/2", "b|d": "1/2"} for w in ("w0", "w1")}
    r2 = rule_report(GAME, {"types": thin, "rule": {w: {"a|c": "x,l", "b|d": "y,r"} for w in ("w0", "w1")}})
    assert r2.body["corollary_1"]["full_support"] is True      # (i): T is the named profiles only
    r3 = rule_report(GAME, {"types": thin, "strategies": [{"a": "x", "b": "y"}, {"c": "l", "d": "r"}]})
    c3 = r3.body["corollary_1"]
    assert c3["full_support"] is False and c3["missing"][0] == ["w0", ["a", "d"]] and not c3["condition_ii"]["holds"]
    assert "corollary_1" in check_document(r3.document()).proved


def test_bad_rule_files(tmp_path):
    with pytest.raises(InputError, match="exactly one"):
        rule_report(GAME, {"types": TYPES})
    with pytest.raises(InputError, match="one table per state"):
        rule_report(GAME, {"types": {"w0": TYPES["w0"]}, "strategies": [{}, {}]})
    with pytest.raises(InputError, match="no action for type"):
        rule_report(GAME, {"types": TYPES, "strategies": [{"a": "x"}, {"c": "l", "d": "r"}]})
    f = tmp_path / "r.toml"
    f.write_text('strategies = [{ a = "u" }]\n[types]\nw0 = { "a" = 1 }\n')
    assert main(["efficiency", "examples/corollary1_game.toml", "--rule", str(f)]) == 2
