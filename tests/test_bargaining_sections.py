"""Sections 3.3 and 4.1 of 002_b82d6ff4761a0a82.txt on the command line (issue 17): price
discrimination (Propositions 3-4, file kind 'price-discrimination') and selection environments
(Definition 2 validator for general problems, endorsement rules, eq. (7), Theorem 3)."""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction as F

import pytest

from exactgame.bargaining.privacy import price_discrimination, propositions_3_4
from exactgame.bargaining.selection import definition_2, proposition_6_rule, selection_report, symmetric_selection
from exactgame.check import check_document
from exactgame.cli import main


def run(*args: str) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main([*args, "--json"]) == 0
    return json.loads(buf.getvalue())


def test_the_papers_election_rule_is_not_robust_to_ex_post_deviations():
    """The Introduction calls its endorsement rule robust to ex-post deviations; after the
    endorsement 'L' the Right party gains 1 by revealing more (the voter is then indifferent and
    picks the Centrist). The election is not a selection environment: Definition 2 (iii) fails."""
    doc = run("bargain", "examples/bargaining_election.toml", "--structure", "examples/election_endorsement_rule.toml")
    sel = doc["selection"]
    assert not sel["definition_2"]["holds"] and any(f.startswith("(iii)") for f in sel["definition_2"]["failures"])
    given = sel["structures"]["given"]
    assert given["ic"] and given["robust_to_ex_post"] is False
    assert given["deviation"] == "after the recommendation 'L', right_party gains 1 by further disclosure"
    assert doc["claims"]["selection"]["status"] == "not certified"
    check_document(doc)


def test_symmetric_selection_file_satisfies_theorem_3(tmp_path):
    env = symmetric_selection(3, 1, 1, "4/5", 3, 1, 0)
    f = tmp_path / "sel.json"
    f.write_text(json.dumps(env.canonical()))
    rule = proposition_6_rule(env, 3, 1, 1, "4/5")
    s = tmp_path / "rule.json"
    s.write_text(json.dumps({w: {a: str(q) for a, q in row.items()} for w, row in rule.items()}))
    doc = run("bargain", str(f), "--structure", str(s))
    sel = doc["selection"]
    assert sel["definition_2"]["holds"] and sel["definition_2"]["no_selection"] == "w0"
    assert sel["structures"]["given"]["endorsement_rule"] and sel["structures"]["given"]["robust_to_ex_post"]
    assert all(r["theorem_3"] == "consistent" for r in sel["structures"].values())
    assert sel["structures"]["disagreement"]["endorsement_rule"]   # full information endorses every agent


def test_definition_2_failures_are_named_for_general_environments():
    env = symmetric_selection(2, 1, 1, "4/5", 3, 1, 0)
    # the receiver's payoff negative somewhere: (i) fails
    bad = env.__class__(env.states, env.prior, env.actions, env.agents,
                        {**env.receiver, "w1": (F(-1), F(1), F(0))}, env.payoffs, env.disagreement_spec)
    assert any(f.startswith("(i)") for f in definition_2(bad).failures)
    # a non-endorsement structure in a selection environment is not robust (Theorem 3, only if)
    hide = {"w0": {"a0": F(1)}, "w1": {"a0": F(1)}, "w2": {"a2": F(1)}}
    row = selection_report(env, {"hide": hide})["structures"]["hide"]
    assert row["ic"] and not row["endorsement_rule"] and not row["robust_to_ex_post"] and row["theorem_3"] == "consistent"


def test_price_discrimination_propositions_3_and_4():
    doc = run("bargain", "examples/price_discrimination.toml", "--price-discrimination")
    pd = doc["price_discrimination"]
    assert pd["proposition_4"]["case"] == "(i)" and pd["proposition_4"]["holds"]
    assert all(r["proposition_3"] == "consistent" for r in pd["proposition_3"].values())
    check_document(doc)
    # case (ii): v P(value >= v) not decreasing, some IC category structure is a beneficial agreement
    prob = price_discrimination([1, 2, 3], [1, 1, 1], ["1/4", "1/4", "1/2"])
    r = propositions_3_4(prob, {"no": prob.no_information(), "full": prob.full_information()})
    assert r["proposition_4"]["case"] == "(ii)" and r["proposition_4"]["holds"]
    assert any(c["beneficial"] for c in r["proposition_4"]["category_structures"])
    assert r["proposition_3"]["full"]["trade_probability"] == 1 and r["proposition_3"]["full"]["pareto_efficient"]
    assert r["proposition_3"]["no"]["proposition_3"] == "consistent"


@pytest.mark.parametrize("args", [
    ("bargain", "examples/bargaining_election.toml", "--price-discrimination"),
    ("bargain", "examples/bargaining_election.toml", "--structure", "examples/spy_game.toml"),
    ("bargain", "examples/bargaining_election.toml", "--structure", "examples/missing.toml"),
])
def test_bad_section_requests_exit_2(args, capsys):
    assert main(list(args)) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_disagreement_tie_break(tmp_path):
    """Issue 17: the receiver's choice among optimal actions in the full/no-information disagreement
    (file key tie_break: 'first' (default), 'last' or an agent's name), rebuilt by the checker."""
    text = '''kind = "bargaining"
states = ["s1", "s2"]
prior = ["1/2", "1/2"]
actions = ["a", "b"]
agents = ["x", "y"]
disagreement = "full-information"
tie_break = "TIE"
[payoffs.receiver]
s1 = [1, 1]
s2 = [0, 1]
[payoffs.x]
s1 = [2, 0]
s2 = [0, 1]
[payoffs.y]
s1 = [0, 2]
s2 = [1, 0]
'''
    d = {}
    for tie in ("first", "last", "x", "y"):
        f = tmp_path / f"{tie}.toml"
        f.write_text(text.replace("TIE", tie))
        doc = run("bargain", str(f))
        check_document(doc)
        d[tie] = doc["disagreement"]
    assert d["first"] == d["x"] == {"x": "3/2", "y": "0"} and d["last"] == d["y"] == {"x": "1/2", "y": "1"}
