"""Public against private signals for many binary receivers (exactgame.persuasion.public,
003_e54e9b7a7da88b3e.txt Section 7 with one public signal): values, certificates, tampering,
and LP-Public against the concave envelope of the public value function (two computations)."""

from __future__ import annotations

import copy
import json
import random
from fractions import Fraction as F
from itertools import combinations

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.errors import InputError
from exactgame.geometry.envelope import concave_envelope_at
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.public import compare_signals, public_value_function, solve_public
from exactgame.persuasion.report import persuasion_report
from exactgame.persuasion.signals_report import private_curve, signals_report


def random_game(N: int, states: int, seed: int, lo: int = -3, hi: int = 3) -> MultiReceiverGame:
    rnd = random.Random(seed)
    R = [f"r{i}" for i in range(N)]
    subs = ["+".join(c) for k in range(N + 1) for c in combinations(R, k)]
    S = [f"w{t}" for t in range(states)]
    weights = [rnd.randint(1, 4) for _ in S]
    prior = [F(x, sum(weights)) for x in weights]
    sender = {w: {s: rnd.randint(0, 4) for s in subs} for w in S}
    pay = {w: {s: [rnd.randint(lo, hi) for _ in R] for s in subs} for w in S}
    return MultiReceiverGame.make(S, prior, R, sender, pay)


def test_example_values_and_certificates():
    c = compare_signals(MultiReceiverGame.example())
    assert (c.private.value, c.public.value, c.gap) == (F(5, 3), F(3, 2), F(1, 6))
    # the public signal: 'act' after which both act (posterior 2/3 on good: exactly the equilibrium threshold)
    assert c.public.posteriors["r1+r2"] == (F(3, 4), (F(1, 3), F(2, 3)))
    assert c.public.verify() and c.public_is_private_feasible()


@pytest.mark.parametrize("signals", ["public", "both"])
def test_document_verifies(signals):
    doc = signals_report(MultiReceiverGame.example(), "none", None, signals).document()
    report = check_document(doc)
    assert ("public/value" if signals == "both" else "value") in report.proved
    if signals == "both":
        assert doc["private_minus_public"] == "1/6" and "private_minus_public" in report.proved


TAMPER = [
    ("public", "value", "2"),
    ("both", "public/value", "5/3"),
    ("both", "private_minus_public", "0"),
    ("both", "public/supporting_hyperplane/0", "-1"),
    ("public", "supporting_hyperplane/1", "1"),
    ("public", "posteriors/r1+r2/weight", "1/2"),
    ("public", "outcome/bad/r1+r2", "1"),
    ("both", "certificates/public_lp/y_ub/6", "5"),
    ("public", "certificates/lp/x/3", "1/3"),
]


@pytest.mark.parametrize("signals,path,value", TAMPER)
def test_tampering_is_caught(signals, path, value):
    doc = signals_report(MultiReceiverGame.example(), "none", None, signals).document()
    bad = copy.deepcopy(doc)
    *head, last = path.split("/")
    node = bad
    for k in head:
        node = node[int(k)] if isinstance(node, list) else node[k]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    assert bad != doc
    with pytest.raises(CheckFailure):
        check_document(bad)


def test_options_cannot_be_swapped():
    doc = signals_report(MultiReceiverGame.example(), "none", None, "public").document()
    bad = copy.deepcopy(doc)
    del bad["options"]["signals"]          # now claims to be the private LP-Binary
    with pytest.raises(CheckFailure):
        check_document(bad)


@pytest.mark.parametrize("seed", range(8))
def test_lp_public_is_the_concave_envelope(seed):
    """Two independent computations of cav V(mu): LP-Public and the envelope of the equilibrium cells."""
    g = random_game(2 + seed % 2, 2 + (seed % 3 == 0), seed)
    V, _ = public_value_function(g)
    env = concave_envelope_at(V, g.prior)
    try:
        pub = solve_public(g)
    except InputError:          # no pure equilibrium somewhere: then the envelope is not defined at the prior
        return
    assert pub.value == env.value
    assert solve_binary(g, "none").value >= pub.value


def test_one_receiver_public_equals_private():
    """With one receiver a public signal is private: the two LPs coincide in value."""
    for seed in range(4):
        g = random_game(1, 2, seed)
        c = compare_signals(g)
        assert c.gap == 0


def test_prior_with_a_zero_and_option_prior():
    g = MultiReceiverGame.example()
    r = signals_report(g, "none", ["0", "1"], "both")
    assert r.document()["public"]["value"] == "2" and r.verify()
    assert solve_public(g, ["1", "0"]).value == 0


def test_no_pure_equilibrium_is_a_clear_error():
    # matching pennies between the receivers in the only state: no pure equilibrium at any belief
    g = MultiReceiverGame.make(["w"], ["1"], ["a", "b"], {"rule": "additive"},
                               {"w": {"": [1, 0], "a": [0, 1], "b": [0, 1], "a+b": [1, 0]}})
    with pytest.raises(InputError, match="no pure equilibrium|without a pure equilibrium"):
        solve_public(g)


def test_bad_combinations_are_input_errors():
    g = MultiReceiverGame.example()
    with pytest.raises(InputError, match="without payments"):
        persuasion_report(g, payments="arbitrary", signals="public")
    with pytest.raises(InputError, match="unknown choice"):
        signals_report(g, "none", None, "secret")
    three = random_game(2, 3, 1)
    with pytest.raises(InputError, match="two states"):
        persuasion_report(three, plot="x.png")
    from exactgame.persuasion.payments import zero_sum_example
    with pytest.raises(InputError, match="multi-receiver"):
        persuasion_report(zero_sum_example(), signals="both")


def test_plot_written(tmp_path):
    from exactgame.plots import draw

    out = tmp_path / "signals.png"
    r = persuasion_report(MultiReceiverGame.example(), plot=str(out), signals="both")
    assert r.figure is not None and r.figure.name == "plot_signals"
    assert draw(r) == str(out) and out.stat().st_size > 0
    assert r.document()["plot"] == str(out) and r.verify()


def test_private_curve_is_exact_and_above_public():
    g = MultiReceiverGame.example()
    for q, v in private_curve(g, steps=4):
        assert isinstance(v, F) and v >= solve_public(g, [1 - q, q]).value


def test_cli_signals(tmp_path, capsys):
    from exactgame.cli import main

    assert main(["persuade", "examples/multi_receiver.toml", "--signals", "both", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["public"]["value"] == "3/2" and doc["options"]["signals"] == "both"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc))
    assert main(["verify", str(path)]) == 0
    capsys.readouterr()
    assert main(["persuade", "examples/multi_receiver.toml", "--signals", "public", "--payments", "arbitrary"]) == 2
    assert "without payments" in capsys.readouterr().err
