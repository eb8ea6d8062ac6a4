import json
from fractions import Fraction
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exactgame.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "efficiency_example1.toml"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_payoffs_example1_with_prior(capsys):
    code, out, err = run(capsys, "payoffs", str(EXAMPLE), "--prior", "9/10,1/10", "--json")
    assert code == 0 and not err
    doc = json.loads(out)
    assert doc["states"]["w0"] == [["0", "32/5"], ["1", "0"], ["2", "9"], ["10", "8"]]
    assert len(doc["states"]["w1"]) == 5
    assert doc["prior_used"] == ["9/10", "1/10"]
    # F_p = 9/10 F_w0 + 1/10 F_w1: the best sender payoff is 10 from a1 in both states
    assert max(Fraction(v[0]) for v in doc["prior"]) == 10


def test_payoffs_readable_and_verify_round_trip(capsys, tmp_path):
    code, out, _ = run(capsys, "payoffs", str(EXAMPLE))
    assert code == 0 and "F_w0: 4 vertices" in out and "(0, 32/5)" in out
    code, out, _ = run(capsys, "payoffs", str(EXAMPLE), "--json")
    saved = tmp_path / "cert.json"
    saved.write_text(out)
    code, out, _ = run(capsys, "verify", str(saved), "--json")
    assert code == 0 and json.loads(out)["verified"] is True
    tampered = tmp_path / "bad.json"
    tampered.write_text(saved.read_text().replace('"32/5"', '"33/5"'))
    code, out, _ = run(capsys, "verify", str(tampered), "--json")
    assert code == 1 and json.loads(out)["verified"] is False


def test_reproduce_all_ok(capsys):
    code, out, _ = run(capsys, "reproduce", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and all(r["ok"] for r in rows)
    assert {"source", "item", "expected", "computed", "ok"} <= set(rows[0])


@pytest.mark.parametrize(
    "args, needle",
    [
        (["payoffs", "/no/such/file.toml"], "cannot read"),
        (["payoffs", str(EXAMPLE), "--prior", "1/2"], "--prior"),
        (["payoffs", str(EXAMPLE), "--prior", "0.5,0.6"], "sum to"),
        (["payoffs", str(EXAMPLE), "--prior", "a,b"], "not a number"),
        (["frobnicate"], "invalid choice"),
        (["payoffs"], "required"),
        (["reproduce", "--source", "nope.txt"], "no catalogue entries"),
        (["verify", str(EXAMPLE)], "no certificate"),
    ],
)
def test_usage_errors_exit_2_one_line(capsys, args, needle):
    code, out, err = run(capsys, *args)
    assert code == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err


BAD_TEXTS = {
    "prior.toml": 'kind = "sender-receiver"\nstates = ["a", "b"]\nactions = ["x"]\nprior = ["1/2", "1/3"]\n'
    '[payoffs.sender]\na = [1]\nb = [1]\n[payoffs.receiver]\na = [1]\nb = [1]\n',
    "junk.toml": None,
    "empty.toml": "",
    "code.toml": 'kind = "game"\nstates = ["a"]\nprior = ["__import__(\'os\').system(\'echo hacked\')"]\n',
    "huge.json": '{"kind": "game", "states": ["a"], "prior": [1e999999999]}',
}


@pytest.mark.parametrize("name", sorted(BAD_TEXTS))
def test_bad_files_through_the_console_script(tmp_path, name):
    path = tmp_path / name
    if BAD_TEXTS[name] is None:
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(200)))
    else:
        path.write_text(BAD_TEXTS[name])
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "exactgame", "payoffs", str(path)], capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and str(path) in proc.stderr and "Traceback" not in proc.stderr
    assert "hacked" not in proc.stdout
    assert elapsed < 30  # generous: interpreter start-up on a loaded CI machine; the check itself is instant


THREE_PLAYERS = (ROOT / "examples" / "three_player_game.toml").read_text()


def test_efficiency_cli_three_players(capsys, tmp_path):
    path = tmp_path / "three.toml"
    path.write_text(THREE_PLAYERS)
    code, out, err = run(capsys, "efficiency", str(path), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["bound"] == 5 and doc["actions_taken"] == 3 and doc["class"] == "quasi-pure"
    assert doc["efficient"] is False and set(doc["ex_post_efficient"]) == {"w0", "w1"}
    assert {"efficient", "ex_post_efficient", "compatible", "actions_taken", "bound", "class"} <= set(doc)


def test_efficiency_cli_example_plot_probe_and_verify(capsys, tmp_path):
    png = tmp_path / "fig.png"
    code, out, _ = run(capsys, "efficiency", str(EXAMPLE), "--plot", str(png), "--probe", "3", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["efficient"] is True and doc["genericity"]["stable"] is True
    assert png.stat().st_size > 1000
    saved = tmp_path / "eff.json"
    saved.write_text(out)
    code, out, _ = run(capsys, "verify", str(saved))
    assert code == 0 and out.strip().endswith("verified")


def test_efficiency_cli_needs_an_outcome(capsys, tmp_path):
    path = tmp_path / "no_outcome.toml"
    path.write_text(THREE_PLAYERS.split("[outcome]")[0])
    code, _, err = run(capsys, "efficiency", str(path))
    assert code == 2 and "outcome" in err and str(path) in err


def test_persuade_cli(capsys, tmp_path):
    png = tmp_path / "v.png"
    code, out, _ = run(capsys, "persuade", str(EXAMPLE), "--prior", "9/10,1/10", "--regions", "--plot", str(png), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["value"] == "6" and doc["outcome"]["w1"] == {"a1": "1"}
    assert doc["efficiency_region"]["intervals"] == "[1/5, 2/5]" and png.stat().st_size > 1000
    saved = tmp_path / "bp.json"
    saved.write_text(out)
    assert run(capsys, "verify", str(saved))[0] == 0


@pytest.mark.parametrize("args, needle", [(["--payments", "bribes"], "unknown model"),
                                          (["--payments", "arbitrary", "--regions"], "for --payments none")])
def test_persuade_cli_payments_errors(capsys, args, needle):
    code, _, err = run(capsys, "persuade", str(EXAMPLE), *args)
    assert code == 2 and needle in err


@pytest.mark.parametrize("model, value", [("none", "1/2"), ("nonnegative", "1/2"), ("budget-balanced", "1"), ("arbitrary", "3/2")])
def test_persuade_cli_payments_zero_sum(capsys, tmp_path, model, value):
    """Section 4.2 of 003_e54e9b7a7da88b3e.txt through the command line."""
    code, out, _ = run(capsys, "persuade", str(ROOT / "examples" / "payments_zero_sum.toml"), "--payments", model, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["value"] == value and "outcome" in doc
    saved = tmp_path / "pay.json"
    saved.write_text(out)
    assert run(capsys, "verify", str(saved))[0] == 0


def test_persuade_cli_needs_sender_receiver(capsys):
    code, _, err = run(capsys, "persuade", str(ROOT / "examples" / "three_player_game.toml"))
    assert code == 2 and "sender-receiver" in err


def test_cheaptalk_cli(capsys, tmp_path):
    png = tmp_path / "ct.png"
    code, out, _ = run(capsys, "cheaptalk", str(EXAMPLE), "--prior", "1/2,1/2", "--pure", "--plot", str(png), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["sender_value"] == "3" and doc["influential"] is True and doc["efficient"] is False
    assert doc["proposition_4"] is True and len(doc["pure_equilibria"]) == 1 and png.stat().st_size > 1000
    saved = tmp_path / "ct.json"
    saved.write_text(out)
    assert run(capsys, "verify", str(saved))[0] == 0


def test_bargain_cli(capsys, tmp_path):
    png = tmp_path / "b.png"
    code, out, _ = run(capsys, "bargain", str(ROOT / "examples" / "bargaining_election.toml"), "--plot", str(png), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["disagreement"] == {"left_party": "11/10", "right_party": "11/10"}
    for k in ("nash", "kalai_smorodinsky", "egalitarian"):
        assert doc[k] == {"left_party": "6/5", "right_party": "6/5"}
    assert {"disagreement", "beneficial", "ideal", "egalitarian", "kalai_smorodinsky", "nash"} <= set(doc)
    assert png.stat().st_size > 1000
    saved = tmp_path / "bargain.json"
    saved.write_text(out)
    code, out, _ = run(capsys, "verify", str(saved), "--json")
    assert code == 0 and json.loads(out)["verified"] is True


@pytest.mark.parametrize("sub, example", [("efficiency", "bargaining_election.toml"), ("payoffs", "multi_receiver.toml"),
                                          ("cheaptalk", "three_player_game.toml"), ("bargain", "efficiency_example1.toml")])
def test_wrong_kind_for_subcommand(capsys, sub, example):
    """Every kind is known to every subcommand; a kind the subcommand cannot use is one clear error."""
    code, _, err = run(capsys, sub, str(ROOT / "examples" / example))
    assert code == 2 and "unknown kind" not in err and err.count("\n") == 1


def test_small_things_users_hit(capsys, tmp_path):
    """Issue 23: --version; a bad --prior is blamed on the option, not on the file; '--weights
    -1,1' reaches exactgame's own check; an unquoted TOML fraction gets a hint to quote it."""
    from exactgame.cli import main

    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("exactgame ")
    for args, says in ((["persuade", "examples/efficiency_example1.toml", "--prior", "1,2"], "--prior: the probabilities sum to 3"),
                       (["cheaptalk", "examples/efficiency_example1.toml", "--prior", "1/2,1/4,1/4"], "--prior: 3 numbers for 2"),
                       (["dialogue", "examples/spy_game.toml", "--bob-prior", "2,-1"], "--bob-prior: a probability is negative"),
                       (["bargain", "examples/bargaining_election.toml", "--weights", "-1,1"], "--weights: give 2 nonnegative")):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert says in err and "examples/" not in err, err
    f = tmp_path / "g.toml"
    f.write_text('kind = "sender-receiver"\nstates = ["a", "b"]\nactions = ["x"]\nprior = [7/10, 3/10]\n')
    assert main(["persuade", str(f)]) == 2
    assert 'quote them, e.g. "7/10"' in capsys.readouterr().err
