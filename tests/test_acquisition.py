"""Costly information acquisition (004_2686c8b5ad6ec5f0.txt): implementability, correlation,
subsidy minimization, certificates and the command line."""

import json
import math
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exactgame.acquisition import AcquisitionGame, check_implementability
from exactgame.acquisition.correlation import correlation_structure, merge_equal_posteriors
from exactgame.acquisition.mechanism import prescribed_mechanism
from exactgame.acquisition.subsidy import kink_optimum, minimize_subsidy
from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError
from exactgame.games import load_game, loads_game
from exactgame.acquisition.mechanism import perturbed

from .acquisition_reference import grid_revenues

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _roundtrip(cert):
    return certificate_from_dict(json.loads(json.dumps(cert.to_dict())))


# -- strategies ---------------------------------------------------------------------------------

probs = st.integers(1, 19).map(lambda k: F(k, 20))
values = st.integers(-6, 6).map(F)


@st.composite
def diagonal_games(draw, max_signals=3):
    """A perfectly correlated structure: posteriors on both sides of the prior, Bayes-plausible weights."""
    K = draw(st.integers(1, max_signals))
    posts = sorted(set(draw(st.lists(probs, min_size=K, max_size=K))))
    w = draw(st.lists(st.integers(1, 5), min_size=len(posts), max_size=len(posts)))
    tau = [F(x, sum(w)) for x in w]
    prior = sum(t * m for t, m in zip(tau, posts))
    ub = draw(st.tuples(values, values))
    us = draw(st.tuples(values, values))
    kappa = draw(st.sampled_from([F(1), F(1, 2), F(2)]))
    return AcquisitionGame.diagonal(["low", "high"], [1 - prior, prior], ub, us, posts, tau, cost=kappa)


# -- implementability ------------------------------------------------------------------------------


@given(diagonal_games())
def test_perfect_correlation_with_prescribed_transfers_is_implementable(g):
    """Perfectly correlated signals => efficient trade is implementable (the prescribed transfers pass)."""
    m = prescribed_mechanism(g)
    for p in ("buyer", "seller"):
        r = check_implementability(m, p)
        assert r.implementable, r.violations
        assert r.na_enclosure.hi <= 0
        assert all(e.lo >= 0 for _, e in r.slacks.values())
        assert r.certificate.verify() and _roundtrip(r.certificate).verify()
    assert correlation_structure(m).perfectly_correlated


@given(diagonal_games(), st.sampled_from([F(1, 1000), F(1, 10), F(1, 2)]))
def test_breaking_the_blocks_fails_with_a_certified_deviation(g, eta):
    """Moving mass off the diagonal (posteriors then differ within a block) is never implementable."""
    if len(g.buyer_signals) < 2:
        return
    m = perturbed(prescribed_mechanism(g), eta)
    assert not correlation_structure(m).essentially_perfect
    results = [check_implementability(m, p) for p in ("buyer", "seller")]
    failing = [r for r in results if not r.implementable]
    assert failing
    for r in failing:
        d = r.deviation
        assert d.gain_enclosure.lo > 0 and d.epsilon > 0
        assert r.certificate.verify() and _roundtrip(r.certificate).verify()


def test_na_failure_gives_the_class_2_direction():
    g = load_game(EXAMPLES / "acquisition_mechanism.toml")
    buyer, seller = (check_implementability(g, p) for p in ("buyer", "seller"))
    assert buyer.implementable and not seller.implementable
    d = seller.deviation
    assert d.lemma_class == 2 and d.condition == "NA"
    assert all(b[0] == "(abstain)" for _, b, _ in d.moves)
    assert sum(d.beta.values()) == 1                     # |B| = 1
    assert d.marginal_enclosure.lo > 0 and d.gain_enclosure.lo > 0
    # the marginal gain of beta* is at most kappa log sum exp(-Lambda/kappa) (Gibbs), attained at B*
    bound = math.log(0.75 * math.exp(0.5) + 0.75 * math.exp(-0.5))  # float-ok: cross-check only
    assert float(d.marginal_enclosure.hi) <= bound + 1e-12  # float-ok: cross-check only
    assert float(d.marginal_enclosure.lo) >= bound - 1e-6  # float-ok: cross-check only
    assert seller.certificate.verify()


def test_a_posterior_that_rules_out_a_state_is_never_a_best_response():
    """Entropy's infinite slope: full revelation has a profitable (Class 1) deviation, with a concrete epsilon."""
    g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
                        alpha=[[["1/2", 0], [0, 0]], [[0, 0], [0, "1/2"]]],
                        transfers={"buyer": [[0, 9], [9, 0]], "seller": [[0, -9], [-9, 0]]})
    r = check_implementability(g, "buyer")
    assert not r.implementable and r.deviation.marginal_gain is None
    assert r.deviation.lemma_class == 1 and r.deviation.gain_enclosure.lo > 0
    assert r.certificate.verify()


def test_unequal_marginal_values_in_a_column_fail_ST():
    g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
                        alpha=[[["1/4"], ["1/4"]], [["1/8"], ["3/8"]]],
                        transfers={"buyer": [[1], [1]], "seller": [[0], [0]]})
    r = check_implementability(g, "buyer")
    assert not r.implementable and r.deviation.condition == "ST"
    assert r.certificate.verify()


def test_tampered_certificates_are_refused():
    m = prescribed_mechanism(AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], [1, 3], [0, 1],
                                                      ["1/4", "3/4"], ["1/2", "1/2"]))
    data = check_implementability(m, "buyer").certificate.to_dict()
    bad = json.loads(json.dumps(data))
    bad["multipliers"][0]["lambda"]["rational"] = "7"
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    bad = json.loads(json.dumps(data))
    bad["na_enclosure"] = {"lo": "-2", "hi": "-1"}           # a false enclosure
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    dev = check_implementability(load_game(EXAMPLES / "acquisition_mechanism.toml"), "seller").certificate.to_dict()
    dev["deviation"]["epsilon"] = "100"                       # makes cells negative
    with pytest.raises(CertificateError):
        certificate_from_dict(dev).verify()


# -- correlation ---------------------------------------------------------------------------------------


def test_blocks_and_merge_of_the_example():
    g = load_game(EXAMPLES / "acquisition_correlated.toml")
    cs = correlation_structure(g)
    assert cs.essentially_perfect and not cs.perfectly_correlated
    assert cs.blocks == ((("b1", "b2"), ("s1", "s2")), (("b3",), ("s3",)))
    assert cs.posteriors == ((F(1, 4), F(3, 4)), (F(3, 4), F(1, 4)))
    merged = merge_equal_posteriors(g)
    assert merged.alpha[0] == ((F(1, 8), 0), (0, F(3, 8)))
    assert all(check_implementability(merged, p).implementable for p in ("buyer", "seller"))


@given(diagonal_games(max_signals=2), st.integers(1, 3))
def test_merging_duplicated_signals_keeps_revenue_and_implementability(g, parts):
    """Corollary: split signal 1 into equal-posterior copies, then merge back."""
    mech = prescribed_mechanism(g)
    K = len(mech.buyer_signals)
    idx = [0] * parts + list(range(1, K))
    n = len(idx)
    alpha = [[[(m[0][0] / parts if i == j else 0) if i < parts and j < parts else (m[idx[i]][idx[j]] if i == j else 0)
               for j in range(n)] for i in range(n)] for m in mech.alpha]
    t = {p: [[mech.transfers[p][idx[i]][idx[j]] for j in range(n)] for i in range(n)] for p in ("buyer", "seller")}
    split = mech.with_mechanism(alpha, t, None, [f"b{i}" for i in range(n)], [f"s{i}" for i in range(n)])
    assert correlation_structure(split).essentially_perfect
    merged = merge_equal_posteriors(split)
    assert merged.revenue() == mech.revenue() and len(merged.buyer_signals) == K
    for p in ("buyer", "seller"):
        assert check_implementability(split, p).implementable
        assert check_implementability(merged, p).implementable


# -- subsidy minimization ------------------------------------------------------------------------------------


def brute_force(prior1, ub, us, kb=1.0, ks=1.0, n=400):
    """Float grid search over posterior pairs p < prior < q, with the multipliers optimised by ternary search
    for each pair (no use of (Opt^b), (Opt^s)); returns (revenue, p, q). Also tries no information."""
    mu = prior1
    val, P, Q = grid_revenues(mu, np.arange(1, n) / n, ub, us, kb, ks, 120)
    i = int(np.argmax(val))
    none = (-kb * math.log((1 - mu) * math.exp(-ub[0] / kb) + mu * math.exp(-ub[1] / kb))
            - ks * math.log((1 - mu) * math.exp(us[0] / ks) + mu * math.exp(us[1] / ks)))
    if none >= val[i]:
        return none, mu, mu
    return float(val[i]), float(P[i]), float(Q[i])


CASES = [
    (F(2, 5), (0, 3), (-2, 1), (1, 1)),       # interior, both posteriors moderate
    (F(1, 2), (0, 4), (-1, 2), (1, 1)),
    (F(3, 5), (4, 0), (3, -1), (1, 1)),       # values decrease in the second state (mirrored orientation)
    (F(1, 2), (1, 3), (0, 1), (1, 1)),        # no information is optimal
    (F(1, 3), (0, 3), (-1, 1), (F(1, 2), 2)),  # different cost scales
]


@pytest.mark.parametrize("mu, ub, us, k", CASES)
def test_subsidy_optimum_is_certified_and_agrees_with_a_float_grid(mu, ub, us, k):
    g = AcquisitionGame(["low", "high"], [1 - mu, mu], {"buyer": ub, "seller": us}, {"buyer": k[0], "seller": k[1]})
    r = minimize_subsidy(g)
    assert r.status == "conditional" and r.restricted.status == "certified"   # over all mechanisms: the slides' Corollary
    assert r.attained is True                                # here the restricted (kink) optimum is the supremum
    assert r.revenue.width < F(1, 10**30)
    assert r.certificate.verify() and _roundtrip(r.certificate).verify()
    step = 1 / 400
    val, p, q = brute_force(float(mu), [float(x) for x in ub], [float(x) for x in us], float(k[0]), float(k[1]))  # float-ok: reference
    R = float(r.revenue.mid)  # float-ok: comparison with the float reference
    assert val <= R + 1e-9                                   # a grid point cannot beat the certified optimum
    assert R - val < 1e-3                                    # and the grid gets within its resolution
    highs = sorted(float(post[1].mid) for post in r.posteriors)  # float-ok: comparison
    if r.case == "interior":
        assert abs(highs[0] - p) <= 3 * step and abs(highs[-1] - q) <= 3 * step
    else:
        assert p == q == float(mu)
    # the rational mechanism: implementable, revenue within 1e-30 below the optimum
    assert all(c.implementable and c.certificate.verify() for c in r.implementability.values())
    assert r.revenue.lo - F(1, 10**30) < r.mechanism_revenue <= r.revenue.hi
    # accounting: revenue + net payoffs + information costs = gross surplus
    total = r.revenue + r.net_payoff["buyer"] + r.net_payoff["seller"] + r.information_cost["buyer"] + r.information_cost["seller"]
    assert total.lo - F(1, 10**30) <= r.gross_surplus <= total.hi + F(1, 10**30)
    assert r.revenue.hi < r.gross_surplus                   # no gross full surplus extraction
    assert r.net_payoff["buyer"].lo > 0 and r.net_payoff["seller"].lo > 0   # no net full surplus extraction
    if r.case == "interior":
        assert all(e.contains(F(0)) for e in r.optimality.values())


def test_tampered_subsidy_certificate_is_refused():
    g = AcquisitionGame(["low", "high"], ["3/5", "2/5"], {"buyer": [0, 3], "seller": [-2, 1]})
    data = kink_optimum(g).certificate.to_dict()
    bad = json.loads(json.dumps(data))
    bad["trees"][0] = bad["trees"][0].replace("S", "P", 1)    # claim the whole region is below the bound
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    bad = json.loads(json.dumps(data))
    bad["center"][0] = str(F(bad["center"][0]) + F(1, 1000))  # move the Krawczyk box off the critical point
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()


def test_subsidy_needs_two_states():
    g = AcquisitionGame(["a", "b", "c"], ["1/3", "1/3", "1/3"], {"buyer": [1, 2, 3], "seller": [0, 0, 0]})
    with pytest.raises(InputError, match="two states"):
        minimize_subsidy(g)


# -- files and command line -------------------------------------------------------------------------------------

GOOD = """
kind = "acquisition"
states = ["low", "high"]
prior = ["1/2", "1/2"]
[values]
buyer = [1, 3]
seller = [0, 1]
"""


@pytest.mark.parametrize("extra, message", [
    ('[alpha]\nlow = [["1/2", 0], [0, 0]]\nhigh = [["1/4", 0], [0, "1/2"]]', "Bayes-plausible"),
    ('[alpha]\nlow = [["-1/2", 1], [0, 0]]\nhigh = [[0, 0], [0, "1/2"]]', "negative"),
    ('[alpha]\nlow = [["1/2", 0], [0, 0]]\nhigh = [[0, "1/2"], [0, 0]]', "probability 0"),
    ('[alpha]\nlow = [["1/2"]]\nhigh = [["1/2"]]\n[trade]\nbuyer = [[2]]\n[transfers]\nbuyer = [[0]]\nseller = [[0]]', "[0, 1]"),
    ('[alpha]\nlow = [["1/2"]]\nhigh = [["1/2"]]\n[transfers]\nbuyer = [[0]]', "seller's transfers"),
    ('cost = 0', "positive"),
    ('[alpha]\nlow = [["1/2", 0]]\nhigh = [["1/4"]]', "row 0 has 1 entries"),
])
def test_bad_files(extra, message):
    text = GOOD.replace("[values]", extra + "\n[values]") if not extra.startswith("[") else GOOD + extra
    with pytest.raises(InputError, match=message):
        loads_game(text)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "exactgame", *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_cli_json_and_verify(tmp_path):
    out = _cli("acquisition", "examples/acquisition_mechanism.toml", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["implementable"] == {"buyer": True, "seller": False}
    assert doc["players"]["seller"]["deviation"]["class"] == 2
    cert = tmp_path / "cert.json"
    cert.write_text(json.dumps(doc["certificates"][1]))
    out = _cli("verify", str(cert), "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["verified"] is True


def test_cli_subsidy_with_plot(tmp_path):
    png = tmp_path / "s.png"
    out = _cli("acquisition", "examples/acquisition_subsidy.toml", "--json", "--plot", str(png))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)["subsidy"]
    assert doc["status"] == "conditional" and doc["case"] == "interior" and doc["attained"] is True
    assert all(doc["claims"].values())
    assert png.stat().st_size > 1000


@pytest.mark.parametrize("args, message", [
    (["examples/acquisition_mechanism.toml", "--plot", "x.png"], "--subsidy"),
    (["examples/spy_game.toml"], "kind 'acquisition'"),
    (["nonexistent.toml"], "cannot read"),
])
def test_cli_errors_are_one_line(args, message):
    out = _cli("acquisition", *args)
    assert out.returncode == 2
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1


@given(st.integers(1, 99), st.integers(1, 99))
def test_closure_for_fixed_lambda_is_below_the_optimum_and_tight_at_lambda_star(x, y):
    """For fixed Lambda the persuasion value cav T(mu0) is at most R*; at Lambda* it is R* (Appendix 7)."""
    from exactgame.acquisition.subsidy import closure_at_prior

    g = AcquisitionGame(["low", "high"], ["2/5", "3/5"], {"buyer": [0, 3], "seller": [-2, 1]})
    r = _example_optimum(g)
    v, _ = closure_at_prior(g, [F(x, 100), 1 - F(x, 100)], [F(y, 100), 1 - F(y, 100)])
    assert v.lo <= r.revenue.hi
    a = F(r.reference["buyer"][0].mid).limit_denominator(10**30)
    c = F(r.reference["seller"][0].mid).limit_denominator(10**30)
    star, support = closure_at_prior(g, [a, 1 - a], [c, 1 - c])
    assert abs(star.mid - r.revenue.mid) < F(1, 10**25)
    assert sorted(round(float(s.mid), 9) for s in support) == sorted(round(float(p[1].mid), 9) for p in r.posteriors)  # float-ok: compare


_OPT = {}


def _example_optimum(g):
    key = (g.prior, tuple(g.values["buyer"]), tuple(g.values["seller"]))
    if key not in _OPT:
        _OPT[key] = minimize_subsidy(g)
    return _OPT[key]


def test_three_qualities_prescribed_mechanism_and_a_deviation():
    """V finite: the lemma and the prescribed transfers work for three qualities too."""
    alpha = [[["1/6", 0], [0, "1/12"]], [["1/8", 0], [0, "1/8"]], [["1/12", 0], [0, "5/12"]]]
    g = AcquisitionGame(["bad", "fair", "good"], ["1/4", "1/4", "1/2"], {"buyer": [0, 2, 4], "seller": [-1, 1, 2]},
                        alpha=alpha)
    m = prescribed_mechanism(g)
    assert all(check_implementability(m, p).implementable for p in ("buyer", "seller"))
    low = m.with_mechanism(m.alpha, {"buyer": m.transfers["buyer"], "seller": [[x - 5 for x in r] for r in m.transfers["seller"]]},
                           m.trade, m.buyer_signals, m.seller_signals)
    r = check_implementability(low, "seller")           # paying the seller 5 less everywhere: he abstains
    assert not r.implementable and r.deviation.lemma_class == 2 and r.certificate.verify()
