"""The dialogue package: grids, the parametric concavification, both engines, Lemma 1, Theorem 5, the CLI."""

import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exactgame.cli import main
from exactgame.dialogue import DialogueGame, alternate, bilateral_trade, spy_game
from exactgame.dialogue.certificate import PathCertificate
from exactgame.dialogue.concavify import Cand, sweep
from exactgame.dialogue.grid import Grid
from exactgame.dialogue.point import dialogue_at
from exactgame.dialogue.square import path_certificate
from exactgame.dialogue.theorem5 import indifference_distribution, nested_decomposition, sally_signal, thresholds
from exactgame.errors import CertificateError, InputError

F = Fraction
small = st.integers(-6, 6)
probs = st.fractions(min_value=0, max_value=1, max_denominator=12)


# -- grids ---------------------------------------------------------------------------

@st.composite
def grids(draw):
    ps = [F(0), *sorted(set(draw(st.lists(st.fractions(F(1, 20), F(19, 20), max_denominator=20), max_size=3)))), F(1)]
    qs = [F(0), *sorted(set(draw(st.lists(st.fractions(F(1, 20), F(19, 20), max_denominator=20), max_size=3)))), F(1)]
    V = [[(F(draw(small)),) for _ in qs] for _ in ps]
    return Grid.from_corners(ps, qs, V)


@given(grids(), st.fractions(0, 1, max_denominator=7), st.fractions(0, 1, max_denominator=7))
@settings(max_examples=40, deadline=None)
def test_grid_refine_simplify_transpose_keep_the_function(g, p, q):
    r = g.refine([F(1, 7), F(3, 5)], [F(2, 9)])
    assert r.same_function(g) and r.simplify().same_function(g)
    assert r.evaluate(p, q) == g.evaluate(p, q) == g.transpose().evaluate(q, p)
    assert g.simplify().simplify() == g.simplify()
    assert g.dominates(g, 0)


def test_grid_keeps_jumps_and_limits_separately():
    g = spy_game()
    from exactgame.dialogue.square import base_grid

    b = base_grid(g)
    # at p = 1/3 Sally of type 0 is indifferent; the tie goes to Bob (she cooperates): Bob gets 4/3 there
    sec = dict((x, (v, l, r)) for x, v, l, r in b.section(F(0)))
    v, left, right = sec[F(1, 3)]
    assert v == left == (F(0), F(4, 3)) and right == (F(0), F(-4, 3))


# -- the parametric lexicographic concavification ---------------------------------------

def _static_envelope(points, x):
    """Brute force: max over pairs (a <= x <= b) of the speaker's value, then the other's."""
    best = None
    for a in points:
        for b in points:
            if a[0] <= x <= b[0] and (a[0] < b[0] or a[0] == x):
                lam = F(1) if a[0] == b[0] else (b[0] - x) / (b[0] - a[0])
                v = (lam * a[1] + (1 - lam) * b[1], lam * a[2] + (1 - lam) * b[2])
                best = v if best is None or v > best else best
    return best


@given(st.lists(st.tuples(small, small), min_size=2, max_size=6), st.lists(st.tuples(small, small), min_size=2, max_size=6))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_sweep_matches_brute_force_at_every_y(lo_vals, hi_vals):
    n = min(len(lo_vals), len(hi_vals))
    xs = [F(i, n - 1) for i in range(n)]
    cands = [Cand(x, "V", (F(a[0]), F(b[0] - a[0])), (F(a[1]), F(b[1] - a[1]))) for x, a, b in zip(xs, lo_vals, hi_vals)]
    pieces = sweep(cands, F(0), F(1))
    assert pieces[0].lo == 0 and pieces[-1].hi == 1
    for pc in pieces:
        ys = [pc.lo] if pc.lo == pc.hi else [(pc.lo + pc.hi) / 2, pc.lo + (pc.hi - pc.lo) / 7]
        for y in ys:
            pts = [(c.x, c.f[0] + c.f[1] * y, c.g[0] + c.g[1] * y) for c in cands]
            for x, (Fv, Gv) in zip(xs, pc.values):
                assert (Fv[0] + Fv[1] * y, Gv[0] + Gv[1] * y) == _static_envelope(pts, x)


# -- the two engines agree ----------------------------------------------------------------

@st.composite
def binary_games(draw):
    u = {(s, b): tuple((F(draw(small)), F(draw(small))) for _ in range(draw(st.integers(2, 3)) if (s, b) == (0, 0) else 0))
         for s in range(2) for b in range(2)}
    nA = len(u[(0, 0)])
    for key in u:
        if key != (0, 0):
            u[key] = tuple((F(draw(small)), F(draw(small))) for _ in range(nA))
    return DialogueGame(("0", "1"), ("0", "1"), (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), tuple("abc"[:nA]), u)


@given(binary_games(), probs, probs)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_whole_square_equals_point_engine_for_two_rounds(game, p, q):
    alt = alternate(game, 2, stop_when_stable=False)
    pt = dialogue_at(game, 2, (1 - q, q), (1 - p, p))
    assert pt.verify()
    assert [r.at(p, q) for r in alt.rounds][:2] == pt.payoffs[:2]
    if alt.rounds[2].voluntary and pt.attained:
        assert alt.rounds[2].at(p, q) == pt.payoffs[2]


@given(binary_games(), probs, probs)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_path_certificates_verify_and_payoffs_are_monotone(game, p, q):
    alt = alternate(game, 4, stop_when_stable=False)
    pays = alt.payoffs(p, q)
    for t in range(len(alt.rounds)):
        try:
            cert = path_certificate(alt, p, q, t)
        except InputError:   # a supremum that is not attained: no certificate, said so
            continue
        assert cert.verify()
    if all(r.voluntary for r in alt.rounds):
        assert all(a[i] <= b[i] for a, b in zip(pays, pays[1:]) for i in (0, 1))


def test_tampered_path_certificate_fails():
    alt = alternate(spy_game(), 3)
    cert = path_certificate(alt, F(1, 2), F(1, 2))
    d = cert.to_dict()
    d["nodes"][0]["value"][1] = "0"
    from exactgame.certificates import certificate_from_dict

    with pytest.raises(CertificateError):
        certificate_from_dict(json.loads(json.dumps(d))).verify()
    leaf = next(i for i, n in enumerate(cert.nodes) if n["t"] == 0)
    cert.nodes[leaf]["value"] = [F(9), F(9)]
    with pytest.raises(CertificateError):
        cert.verify()


def test_stabilization_and_voluntary_communication_in_bilateral_trade():
    g = bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"])
    alt = alternate(g, 10)
    assert alt.stable_from == 2 and len(alt.rounds) == 5
    assert all(r.voluntary for r in alt.rounds)
    # Theorem 2 / eq. (5): efficient everywhere after two rounds (Theorem 5, binary buyer types)
    for p in (F(0), F(1, 5), F(1, 3), F(2, 3), F(1)):
        for q in (F(0), F(1, 4), F(1, 2), F(1)):
            S, B = alt.rounds[2].at(p, q)
            assert S + B == g.efficient_welfare((1 - q, q), (1 - p, p))


# -- Lemma 1 and Theorem 5 ------------------------------------------------------------------

@given(st.integers(0, 5), st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True),
       st.lists(st.integers(1, 5), min_size=4, max_size=4))
@settings(max_examples=25, deadline=None)
def test_lemma_1_bergemann_brooks_morris(cost, values, weights):
    """One seller type: pi_B^1 = W* - pi_S^0 and pi_S^1 = pi_S^0, for any number of buyer types."""
    w = weights[: len(values)]
    prior = [F(x, sum(w)) for x in w]
    g = bilateral_trade([cost], [1], values, prior)
    r = dialogue_at(g, 1)
    assert r.verify()
    W = g.efficient_welfare(*g.prior)
    (S0, _), (S1, B1) = r.payoffs
    assert S1 == S0 and B1 == W - S0


@given(st.lists(st.integers(0, 5), min_size=1, max_size=3, unique=True), st.integers(6, 9), st.integers(10, 14),
       st.lists(st.integers(1, 4), min_size=3, max_size=3), st.fractions(F(1, 20), F(19, 20), max_denominator=20))
@settings(max_examples=20, deadline=None)
def test_theorem_5_two_rounds_are_efficient(costs, v0, v1, weights, p):
    costs = sorted(costs)
    w = weights[: len(costs)]
    g = bilateral_trade(costs, [F(x, sum(w)) for x in w], [v0, v1], [1 - p, p])
    cert, checks = sally_signal(g)
    assert cert.verify()
    # eq. (5): pi_S^2 = W* - pi_B^1 and pi_B^2 = pi_B^1, and Lemma 7's signal attains it
    assert checks["pi2"] == (checks["W*-pi1_B"], checks["pi1_B"])
    assert checks["signal"] == checks["pi2"]
    ps = thresholds(v0, v1, costs)
    parts = nested_decomposition(g.sally_prior, ps)
    supports = [{i for i, x in enumerate(qX) if x} for _, qX in parts]
    assert all(a >= b for a, b in zip(supports, supports[1:]))   # nested (Lemma 6)
    assert sum(wt for wt, _ in parts) == 1


def test_indifference_distribution_aligns_the_peaks():
    """At q^X every cost in X has the same (1 - p*) weight pattern: Bob's pi_B^0 peaks line up (Figure 4)."""
    ps = thresholds(3, 6, [0, 1, 2])
    qX = indifference_distribution([1, 2, 3], ps)
    assert sum(qX) == 1 and all(x > 0 for x in qX)
    with pytest.raises(InputError):
        thresholds(3, 6, [2, 4])   # a cost above v0


# -- command line -------------------------------------------------------------------------

def test_cli_dialogue_json(tmp_path, capsys):
    assert main(["dialogue", "examples/bilateral_trade_two_costs.toml", "--rounds", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["payoffs"] for r in doc["rounds"]] == [
        {"seller": "13/6", "buyer": "1/2"}, {"seller": "13/6", "buyer": "3/4"},
        {"seller": "9/4", "buyer": "3/4"}, {"seller": "9/4", "buyer": "3/4"}]
    assert doc["efficient_welfare"] == "3" and doc["message_complexity"] == 2 and doc["voluntary"]
    assert main(["verify", _save(tmp_path, doc)]) == 0
    capsys.readouterr()
    assert main(["dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["welfare"] for r in doc["rounds"]] == ["82/15", "94/15", "98/15"] and doc["message_complexity"] is None
    png = tmp_path / "spy.png"
    assert main(["dialogue", "examples/spy_game.toml", "--rounds", "3", "--plot", str(png)]) == 0
    assert png.stat().st_size > 0


def _save(tmp_path, doc):
    path = tmp_path / "out.json"
    path.write_text(json.dumps(doc))
    return str(path)


@pytest.mark.parametrize("text, message", [
    ('kind = "bilateral-trade"\nseller_costs = [0]\nseller_prior = [1]\nbuyer_values = [3, 3]\nbuyer_prior = ["1/2", "1/2"]\n', "repeated values"),
    ('kind = "bilateral-trade"\nseller_costs = [0]\nseller_prior = [1]\nbuyer_values = [3]\n', "buyer_prior"),
    ('kind = "dialogue"\nsally_types = ["a"]\nbob_types = ["x"]\nsally_prior = [1]\nbob_prior = [1]\nactions = ["C"]\n'
     '[payoffs.sally.a]\nx = [1, 2]\n[payoffs.bob.a]\nx = [1]\n', "payoffs.sally.a.x"),
    ('kind = "dialogue"\nsally_types = ["a"]\nbob_types = ["x"]\nsally_prior = [1]\nbob_prior = [1]\nactions = ["C"]\n'
     '[payoffs.sally.a]\nx = [1]\n', "payoffs.bob"),
])
def test_cli_bad_dialogue_files(tmp_path, capsys, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    assert main(["dialogue", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_cli_refuses_more_rounds_than_the_cell_engine_computes(capsys):
    # three rounds and more go to the cell engine (tests/test_dialogue_cells.py); past MAX_ROUNDS it refuses
    assert main(["dialogue", "examples/bilateral_trade_three_values.toml", "--rounds", "9"]) == 2
    err = capsys.readouterr().err
    assert "MAX_ROUNDS" in err and "Traceback" not in err
