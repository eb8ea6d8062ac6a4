"""Lemma 1, Lemmas 6-7 and Theorem 5 of 001 (--lemma1, --theorem5), signals in likelihood form,
--resume checkpoints and Figures 2-4 (issue 24)."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.dialogue.certificate import EnvelopeCertificate, SplitCertificate
from exactgame.dialogue.checkpoint import game_key, load_checkpoint, resumed_alternation, save_checkpoint
from exactgame.dialogue.figures import theorem5_figures
from exactgame.dialogue.model import bilateral_trade, spy_game
from exactgame.dialogue.report import dialogue
from exactgame.dialogue.signal import likelihoods
from exactgame.dialogue.square import alternate
from exactgame.dialogue.theorem5 import indifference_distribution, theorem5, thresholds
from exactgame.errors import InputError
from exactgame.games import load_game

from .check.tamper import leaves, mutated, not_certified_prefixes

TWO_COSTS = "examples/bilateral_trade_two_costs.toml"
FOUR_COSTS = "examples/bilateral_trade_four_costs.toml"
SPY = "examples/spy_game.toml"


def run(*args: str) -> dict:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


# -- Lemma 1 ------------------------------------------------------------------------------

def test_lemma1_as_printed_is_contradicted_by_section_3_1():
    """Printed: pi1_B = W* - pi0_B. Section 3.1: pi0 = (4/3, 0), W* = 2, pi1_B = 2/3, so the printed
    form gives 2; the corrected W* - pi0_S gives 2/3. Both are decided and reported."""
    r = dialogue(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), 1, lemma1=True)
    i = r.document()["lemma1"]["instances"][0]
    assert (i["pi0"], i["pi1"], i["efficient_welfare"]) == (["4/3", "0"], ["4/3", "2/3"], "2")
    assert F(i["efficient_welfare"]) - F(i["pi0"][1]) == 2 != F(i["pi1"][1])
    assert i["holds"] is True and i["as_printed"] is False
    assert r.verify()


@given(st.lists(st.integers(0, 9), min_size=1, max_size=3, unique=True), st.lists(st.integers(1, 12), min_size=2, max_size=3, unique=True),
       st.lists(st.integers(1, 5), min_size=3, max_size=3))
@settings(max_examples=12, deadline=None)
def test_lemma1_holds_at_every_point_mass(costs, values, w):
    g = bilateral_trade(costs, [F(1, len(costs))] * len(costs), values, [F(x, sum(w[: len(values)])) for x in w[: len(values)]])
    r = dialogue(g, 1, lemma1=True)
    sec = r.document()["lemma1"]
    assert sec["holds"] and len(sec["instances"]) == len(costs)
    assert r.verify()


def test_lemma1_needs_bilateral_trade():
    with pytest.raises(InputError, match="bilateral trade"):
        dialogue(spy_game(), 1, lemma1=True)


# -- Lemmas 6, 7 and Theorem 5 ------------------------------------------------------------

def test_theorem5_at_section_3_2():
    """Lemma 6: q = 3/4 q^{1,2} + 1/4 q^{1}; Bob at q^{1,2} splits p = 1/3 into 1/4 (8/9) and 1 (1/9), at q^{1}
    he is silent (Section 3.2); Lemma 7: pi2 = (9/4, 3/4) = (W* - pi1_B, pi1_B), efficient."""
    sec, certs = theorem5(load_game(TWO_COSTS))
    assert all(c.verify() for c in certs)
    assert [(p["weight"], p["q"], p["support"]) for p in sec["lemma6"]["parts"]] == [("3/4", ["1/3", "2/3"], [1, 2]), ("1/4", ["1", "0"], [1])]
    b0, b1 = sec["bob"]
    assert b0["as_paper"] and b0["split"]["weights"] == ["8/9", "1/9"] and [d[1] for d in b0["split"]["posteriors"]] == ["1/4", "1"]
    assert b1["as_paper"] and b1["split"]["weights"] == ["1"]
    assert sec["lemma7"]["pi2"] == ["9/4", "3/4"] and sec["start"]["pi1"] == ["13/6", "3/4"]
    assert sec["lemma7"]["eq5"] and sec["efficient"]


def test_eq5_as_printed_is_contradicted_by_section_3_2():
    """Printed eq. (5): pi2_S = W* - pi1_S = 3 - 13/6 = 5/6, but Section 3.2 has pi2_S = 9/4 = 3 - pi1_B."""
    sec, _ = theorem5(load_game(TWO_COSTS))
    assert F(3) - F(13, 6) == F(5, 6) != F(sec["lemma7"]["pi2"][0])
    assert sec["lemma7"]["as_printed"] is False


def test_lemma6_ratio_as_printed_leaves_a_negative_weight():
    """The proof prints z = min q^X_i / q_i; with q = (9/10, 1/10) and q^X = (1/3, 2/3) (costs 0, 2; values 3, 6)
    that z makes q - z q^X negative, so the decomposition needs z = min q_i / q^X_i (what the code uses)."""
    qX = indifference_distribution([1, 2], thresholds(3, 6, [0, 2]))
    q = (F(9, 10), F(1, 10))
    z_printed = min(a / b for a, b in zip(qX, q))
    assert min(a - z_printed * b for a, b in zip(q, qX)) < 0
    z = min(a / b for a, b in zip(q, qX))
    rest = [a - z * b for a, b in zip(q, qX)]
    assert min(rest) == 0 and all(x >= 0 for x in rest)


@given(st.lists(st.integers(0, 5), min_size=1, max_size=4, unique=True), st.integers(6, 9), st.integers(10, 14),
       st.lists(st.integers(0, 4), min_size=4, max_size=4), st.fractions(F(0), F(1), max_denominator=12))
@settings(max_examples=15, deadline=None)
def test_theorem5_document_verifies(costs, v0, v1, w, p):
    costs = sorted(costs)
    w = [x + (i == 0) for i, x in enumerate(w[: len(costs)])]   # some costs may have probability 0
    g = bilateral_trade(costs, [F(x, sum(w)) for x in w], [v0, v1], [1 - p, p])
    r = dialogue(g, 1, theorem5=True)
    sec = r.document()["theorem5"]
    assert sec["efficient"] and sec["lemma7"]["eq5"]
    assert all(b["as_paper"] for b in sec["bob"])     # the paper's Bob split is optimal at every part
    assert r.verify()


def test_theorem5_refuses_games_outside_its_assumptions(capsys):
    with pytest.raises(InputError, match="below the low value"):
        theorem5(bilateral_trade([0, 4], ["1/2", "1/2"], [3, 6], ["1/2", "1/2"]))
    with pytest.raises(InputError, match="two buyer values"):
        theorem5(bilateral_trade([0], [1], [3, 6, 12], ["1/3", "1/3", "1/3"]))
    assert main(["dialogue", SPY, "--theorem5"]) == 2
    assert "Theorem 5 is about bilateral trade" in capsys.readouterr().err


# -- tampering ----------------------------------------------------------------------------

def _envelope_slack_valid(file: str, doc: dict, bad: dict, path: tuple) -> bool:
    """A changed envelope multiplier that still proves the bound: the production certificate agrees."""
    if "envelope" not in path:
        return False
    k = path.index("envelope")
    node, badnode = doc, bad
    for x in path[:k]:
        node, badnode = node[x], badnode[x]
    game = load_game(file)
    n = len(game.sally_types)
    if path[0] == "lemma1":
        DS = tuple(F(int(i == node["s"])) for i in range(n))
    elif path[1] == "bob":
        DS = tuple(F(x) for x in node["q"])
    else:
        DS = game.sally_prior
    u = [[[list(game.u[(s, b)][a]) for a in range(len(game.actions))] for b in range(len(game.bob_types))] for s in range(n)]
    env = badnode["envelope"]
    cells = [{"profile": c["profile"], "bob": [F(x) for x in c["bob"]], "sally": [F(x) for x in c["sally"]]} for c in env["cells"]]
    cert = EnvelopeCertificate(u, DS, game.bob_prior, SplitCertificate._from_data(node["split"]), [F(x) for x in env["h"]],
                               [F(x) for x in env["g"]], F(env["theta"]), cells)
    return cert.verify()


@pytest.mark.parametrize("case,stride", [((TWO_COSTS, "--theorem5", "--lemma1"), 1), ((FOUR_COSTS, "--theorem5", "--rounds", "1"), 6),
                                         (("examples/bilateral_trade_three_values.toml", "--lemma1", "--rounds", "1"), 1)],
                         ids=lambda c: " ".join(c) if isinstance(c, tuple) else f"every {c}")
def test_every_change_to_the_statements_is_rejected(case, stride):
    """Every leaf of the new sections (four costs, about 4,000: every 6th), envelope multipliers every 7th (four costs: 42nd)."""
    doc = run("dialogue", *case)
    check_document(doc)
    skip = not_certified_prefixes(doc)
    seen = cells = other = 0
    for path, value in leaves(doc):
        if path[0] not in ("lemma1", "theorem5", "signals", "options") or any(path[: len(p)] == p for p in skip):
            continue
        if "cells" in path:    # thousands of envelope multipliers (four costs): every 7th keeps the run short
            cells += 1
            if cells % (7 * stride):
                continue
        else:
            other += 1
            if other % stride:
                continue
        seen += 1
        bad = mutated(doc, path, value)
        try:
            check_document(bad)
        except CheckFailure:
            continue
        assert _envelope_slack_valid(case[0], doc, bad, path), f"accepted a change at {path}"
    assert seen > 50 / stride


def test_a_section_without_its_option_or_the_reverse_is_rejected():
    doc = run("dialogue", TWO_COSTS, "--theorem5")
    bad = dict(doc, options={k: v for k, v in doc["options"].items() if k != "theorem5"})
    with pytest.raises(CheckFailure, match="theorem5"):
        check_document(bad)
    with pytest.raises(CheckFailure, match="theorem5"):
        check_document({k: v for k, v in doc.items() if k != "theorem5"})


def test_a_promoted_or_swapped_part_is_rejected():
    """Swap Bob's round-1 entries of the two parts (each valid on its own): the values no longer match Sally's split."""
    doc = run("dialogue", TWO_COSTS, "--theorem5")
    sec = doc["theorem5"]
    bad = json.loads(json.dumps(doc))
    bad["theorem5"]["bob"] = sec["bob"][::-1]
    with pytest.raises(CheckFailure, match="theorem5/bob/0"):
        check_document(bad)


# -- signals in likelihood form -------------------------------------------------------------

def test_likelihood_form_is_bayes_consistent_and_matches_footnote_5():
    """Footnote 5 (Section 3.1): the high type sends H w.p. 1/3 and L w.p. 2/3, the low type always L."""
    r = dialogue(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), 1)
    sig = r.document()["signals"][0]
    assert sig["source"] == "protocol/splits/0" and sig["speaker"] == "bob" and sig["t"] == 1
    assert sig["likelihood"] == {"3": ["1", "0"], "6": ["2/3", "1/3"]}
    L = likelihoods((F(2, 3), F(1, 3)), [(F(3, 4), F(1, 4)), (F(0), F(1))], (F(8, 9), F(1, 9)))
    for k, w in enumerate((F(8, 9), F(1, 9))):     # Bayes: P(m_k) = sum_theta D(theta) P(m_k | theta)
        assert w == F(2, 3) * L[0][k] + F(1, 3) * L[1][k]
    assert "type 6 sends m1 2/3, m2 1/3" in r.text()


def test_likelihood_of_a_type_with_probability_zero_is_none():
    r = dialogue(bilateral_trade([0, 2], ["1", "0"], [3, 6], ["1/2", "1/2"]), 2, theorem5=True)
    doc = r.document()
    sally = [s for s in doc["signals"] if s["source"] == "theorem5/lemma7/split"][0]
    assert sally["likelihood"]["2"] is None and r.verify()


def test_whole_square_signals_follow_the_start_path():
    doc = run("dialogue", SPY, "--rounds", "3")
    assert doc["signals"] and all(s["source"].startswith("protocol/start_path/") for s in doc["signals"])
    first = doc["signals"][0]          # Sally (t = 3 is Bob's; the spy game's first move)
    assert sum(F(x) for x in first["likelihood"]["0"]) == 1
    bad = json.loads(json.dumps(doc))
    bad["signals"][0]["likelihood"]["0"] = bad["signals"][0]["likelihood"]["1"]
    with pytest.raises(CheckFailure, match="signals/0/likelihood"):
        check_document(bad)


# -- --resume -------------------------------------------------------------------------------

def test_resume_gives_the_fresh_document(tmp_path):
    ck = str(tmp_path / "spy.json")
    run("dialogue", SPY, "--rounds", "3", "--resume", ck)
    resumed = run("dialogue", SPY, "--rounds", "5", "--resume", ck)
    fresh = run("dialogue", SPY, "--rounds", "5")
    assert resumed.pop("resumed") == {"file": ck, "rounds_loaded": 3}
    resumed["claims"].pop("resumed")
    assert resumed == fresh
    assert len(json.loads(open(ck).read())["rounds"]) == 5      # the checkpoint now holds round 5
    check_document(resumed)


def test_resume_at_other_priors_and_from_a_longer_checkpoint(tmp_path):
    ck = tmp_path / "c.json.gz"
    g = spy_game()
    alt, loaded = resumed_alternation(g, 4, ck)
    assert loaded == 0 and gzip.decompress(ck.read_bytes())
    other = spy_game("1/3", "2/3")          # the rounds do not depend on the priors: same key
    alt2, loaded = resumed_alternation(other, 2, ck)
    assert loaded == 2 and alt2.payoffs(F(2, 3), F(1, 3)) == alternate(other, 2).payoffs(F(2, 3), F(1, 3))
    assert len(load_checkpoint(ck, g)) == 5        # asking for fewer rounds did not shorten the checkpoint


def test_resume_refuses_another_game_and_an_edited_file(tmp_path, capsys):
    ck = tmp_path / "c.json"
    g = spy_game()
    save_checkpoint(ck, alternate(g, 2).rounds, g)
    trade = load_game(TWO_COSTS)
    assert game_key(trade) != game_key(g)
    with pytest.raises(InputError, match="another game"):
        load_checkpoint(ck, trade)
    assert main(["dialogue", TWO_COSTS, "--resume", str(ck)]) == 2
    assert "belongs to another game" in capsys.readouterr().err
    data = json.loads(ck.read_text())
    data["rounds"][0]["pieces"][0][2][1][4] = "1/3"          # a weight changed, digest not updated
    ck.write_text(json.dumps(data))
    with pytest.raises(InputError, match="digest"):
        load_checkpoint(ck, g)


def _rehash(data):
    from exactgame.dialogue.checkpoint import _digest

    data["digest"] = _digest(data["rounds"])
    return data


@pytest.mark.parametrize("edit", ["weight", "candidate", "drop_piece", "round_number"])
def test_resume_refuses_an_inconsistent_checkpoint_even_with_a_fresh_digest(tmp_path, edit):
    ck = tmp_path / "c.json"
    g = spy_game()
    save_checkpoint(ck, alternate(g, 2).rounds, g)
    data = json.loads(ck.read_text())
    pieces = data["rounds"][0]["pieces"]
    split = next(s for pc in pieces for s in pc[2] if s[0] != s[2])      # a real split (two candidates)
    if edit == "weight":
        split[4] = "1/7"
    elif edit == "candidate":
        split[2] = split[0]
    elif edit == "drop_piece":
        del pieces[1]
    else:
        data["rounds"][0]["t"] = 2
    ck.write_text(json.dumps(_rehash(data)))
    with pytest.raises(InputError, match="round 1"):
        load_checkpoint(ck, g)


def test_resume_of_a_stable_run_and_of_a_non_binary_game(tmp_path):
    ck = str(tmp_path / "t.json")
    fresh = run("dialogue", TWO_COSTS, "--rounds", "6")
    run("dialogue", TWO_COSTS, "--rounds", "3", "--resume", ck)
    again = run("dialogue", TWO_COSTS, "--rounds", "6", "--resume", ck)
    again.pop("resumed"), again["claims"].pop("resumed")
    assert again == fresh
    with pytest.raises(InputError, match="two types"):
        dialogue(load_game("examples/bilateral_trade_three_values.toml"), 1, resume=ck)


# -- Figures 2-4 ----------------------------------------------------------------------------

def test_figure_4_peaks_line_up_and_figure_3_s_do_not():
    """Figure 4: at q^{[n]} pi^0_B's peaks lie on one line, so pi^1_B has one break (at min p*);
    at the generic q of Figure 3 it breaks at several thresholds."""
    spec = theorem5_figures(load_game(FOUR_COSTS), "unused.png")
    fig3, fig4 = spec.args["panels"][1:]

    def breaks(panel):
        segs = panel["curves"][1]["segments"]
        slopes = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in segs]
        return sum(s != t for s, t in zip(slopes, slopes[1:]))

    assert breaks(fig4) == 1 and breaks(fig3) > 1
    peaks = fig4["curves"][0]["points"][1:-1]       # pi^0_B at the thresholds = pi^1_B there
    on = dict(zip(*zip(*[(a[0], a[1]) for a, _ in fig4["curves"][1]["segments"]])))
    assert all(on.get(x, y) == y for x, y in peaks)


def test_theorem_plot_from_the_cli(tmp_path, capsys):
    png = tmp_path / "fig.png"
    assert main(["dialogue", FOUR_COSTS, "--theorem5", "--rounds", "1", "--theorem-plot", str(png)]) == 0
    assert png.stat().st_size > 10_000 and "Figures 2-4" in capsys.readouterr().out
    assert main(["dialogue", SPY, "--theorem-plot", str(png)]) == 2
    assert main(["dialogue", TWO_COSTS, "--plot", str(png), "--theorem-plot", str(png)]) == 2


def test_checkpoint_numbers_may_have_more_than_4000_digits():
    """The spy game's round 13 has split weights of more than 4,000 digits (measured: the first run of
    --resume at 13 rounds failed on them); they are read as result documents read them."""
    from exactgame.dialogue.checkpoint import _exact

    big = "7" * 5000
    assert _exact(f"{big}/3") == F(7 * (10 ** 5000 - 1) // 9, 3)
    with pytest.raises(ValueError):
        _exact("1" * 5000 + ".5")


def test_checkpoint_voluntary_flag_must_be_a_boolean(tmp_path):
    ck = tmp_path / "c.json"
    g = spy_game()
    save_checkpoint(ck, alternate(g, 1).rounds, g)
    data = json.loads(ck.read_text())
    data["rounds"][0]["voluntary"] = "yes"
    ck.write_text(json.dumps(_rehash(data)))
    with pytest.raises(InputError, match="round 1"):
        load_checkpoint(ck, g)
