"""`exactgame verify` on result documents, `--game`, and robust output (issue 15)."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

from exactgame.cli import main

EXAMPLE = "examples/efficiency_example1.toml"


def _json(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr().out
    return code, out


def test_changed_value_fails_and_names_the_key(capsys, tmp_path):
    code, out = _json(capsys, "persuade", EXAMPLE, "--prior", "9/10,1/10", "--json")
    assert code == 0
    doc = json.loads(out)
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(out)
    doc["value"] = str(Fraction(doc["value"]) + Fraction(1, 7))
    bad.write_text(json.dumps(doc))
    assert main(["verify", str(good)]) == 0
    assert capsys.readouterr().out.strip().endswith("verified")
    assert main(["verify", str(bad), "--json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert rep["verified"] is False and rep["key"] == "value" and "43/7" in rep["reason"] and "proved 6" in rep["reason"]


def test_game_option_refuses_a_result_about_another_game(capsys, tmp_path):
    code, out = _json(capsys, "persuade", EXAMPLE, "--json")
    saved = tmp_path / "out.json"
    saved.write_text(out)
    assert main(["verify", str(saved), "--game", EXAMPLE]) == 0
    capsys.readouterr()
    assert main(["verify", str(saved), "--game", "examples/efficiency_example1_case_a.toml"]) == 1
    assert "game_sha256" in capsys.readouterr().out


def test_text_output_lists_each_claim_and_never_claims_unchecked_rounds(capsys):
    code, out = _json(capsys, "dialogue", "examples/spy_game.toml", "--rounds", "3")
    assert code == 0 and "certificates: verified" not in out
    assert "rounds/3: conditional on" in out and "message_complexity: not certified" in out
    code, out = _json(capsys, "persuade", EXAMPLE, "--prior", "9/10,1/10")
    assert "cav_value: certified by lp" in out


def test_closed_pipe_exits_quietly():
    p = subprocess.run(f"{sys.executable} -m exactgame.cli persuade {EXAMPLE} --json | head -1",
                       shell=True, capture_output=True, text=True, env=None)
    assert p.stdout.strip() == "{" and p.stderr == ""


def test_an_internal_bug_exits_1_and_says_so(capsys, monkeypatch):
    from exactgame import cheaptalk
    from exactgame.errors import InternalError

    def broken(*a, **k):
        raise InternalError("best_equilibrium: the constructed profile is not an equilibrium")

    monkeypatch.setattr(cheaptalk, "best_equilibrium", broken)
    assert main(["cheaptalk", EXAMPLE]) == 1
    err = capsys.readouterr().err
    assert "a bug in exactgame" in err and err.count("\n") == 1


def test_verify_reads_back_what_exactgame_writes(capsys, tmp_path):
    """A payoff of 1e-4000 makes 8,000-character fractions in the result: verify must read them."""
    game = tmp_path / "tiny.toml"
    game.write_text('kind = "sender-receiver"\nstates = ["a", "b"]\nactions = ["x", "y"]\nprior = ["1/3", "2/3"]\n'
                    '[payoffs.sender]\na = [0, "1e-4000"]\nb = [0, 1]\n[payoffs.receiver]\na = [1, 0]\nb = [0, "1e-4000"]\n')
    code, out = _json(capsys, "persuade", str(game), "--json")
    assert code == 0 and max(len(x) for x in json.loads(out)["certificates"]["lp"]["x"]) > 4000
    saved = tmp_path / "out.json"
    saved.write_text(out)
    assert main(["verify", str(saved)]) == 0
    doc = json.loads(out)
    doc["value"] += "7"
    saved.write_text(json.dumps(doc))
    assert main(["verify", str(saved)]) == 1
    assert len(capsys.readouterr().out) < 1000  # long numbers are cut in messages
