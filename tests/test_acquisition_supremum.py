"""Issue 16: the supremum of revenue over implementable mechanisms (exactgame/acquisition/supremum.py).

The old answer maximised the restricted R(m1, m2) (both posteriors at kinks) and called it the
certified optimum; on skewed priors perfectly correlated mechanisms with a posterior near
certainty, certified implementable by exactgame's own checker, earn more. These tests pin the
counterexample, search mechanisms without the reduction, and throw random implementable
mechanisms (near-certain posteriors included) at the certified bound.
"""

import json
import subprocess
import sys
from fractions import Fraction as F
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactgame.acquisition import AcquisitionGame, check_implementability
from exactgame.acquisition.mechanism import diagonal_mechanism, prescribed_mechanism
from exactgame.acquisition.report import run_acquisition
from exactgame.acquisition.subsidy import kink_optimum, minimize_subsidy
from exactgame.acquisition.supremum import RevenueCertificate, maximize_revenue
from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError
from exactgame.games import load_game
from exactgame.games.files import loads_game

ROOT = Path(__file__).resolve().parents[1]
STATES = ["low", "high"]

from .acquisition_reference import grid_revenues


def game(mu, ub=(0, 3), us=(-2, 1), k=(1, 1)):
    mu = F(mu)
    return AcquisitionGame(STATES, [1 - mu, mu], {"buyer": ub, "seller": us}, {"buyer": k[0], "seller": k[1]})


@lru_cache(maxsize=None)
def optimum(mu, ub=(0, 3), us=(-2, 1), k=(1, 1)):
    return maximize_revenue(game(mu, ub, us, k))


@lru_cache(maxsize=None)
def restricted(mu, ub=(0, 3), us=(-2, 1), k=(1, 1)):
    return kink_optimum(game(mu, ub, us, k))


def diagonal(g, posts, a=None, c=None):
    """The perfectly correlated structure with posteriors P(high) = posts, Bayes-plausible weights (two signals)."""
    p, q = posts
    mu = g.prior[1]
    wq = (mu - p) / (q - p)
    d = AcquisitionGame.diagonal(STATES, g.prior, g.values["buyer"], g.values["seller"], [p, q], [1 - wq, wq], cost=g.cost)
    return prescribed_mechanism(d, a=a, c=c)


def implementable(m):
    return all(check_implementability(m, p).implementable for p in ("buyer", "seller"))


# -- 1. the counterexample of the issue, on the slides' example values with a skewed prior ------------------------


def test_regression_posteriors_99_100_and_1_1250_beat_the_old_certified_optimum():
    """Prior P(high) = 1/10: the perfectly correlated mechanism with posteriors 1/1250 and 99/100 is
    implementable (exact checker) and earns more than the restricted optimum, which the tool used
    to report as 'certified'. It must not beat the certified upper bound, and the answer must not
    claim 'certified' for the optimum over all mechanisms."""
    g = game(F(1, 10))
    m = diagonal(g, (F(1, 1250), F(99, 100)))
    assert implementable(m)
    rev = m.revenue()
    old = restricted(F(1, 10))
    assert old.status == "certified"                # it certifies max R only ...
    assert rev > old.revenue.hi                      # ... which this implementable mechanism beats
    r = optimum(F(1, 10))
    assert r.status == "conditional" and r.status != "certified"
    assert rev <= r.upper_bound and rev <= r.revenue.hi
    assert r.attained is False and r.case == "certainty limit"
    assert r.restricted.revenue.hi < r.revenue.lo
    # the numbers (float only to print them in the failure message)
    assert abs(r.revenue.mid - F("1.3868251053414578553")) < F(1, 10**18), r.revenue.decimal(25)
    assert r.certificate.verify()
    assert certificate_from_dict(json.loads(json.dumps(r.certificate.to_dict()))).verify()


@pytest.mark.parametrize("mu, expected", [(F(1, 10), "1.38682510534145785533"), (F(1, 5), "1.05253210003381892799"),
                                          (F(3, 20), "1.20107076152664030608")])
def test_small_priors_are_certainty_limits_with_checked_approaching_mechanisms(mu, expected):
    r = optimum(mu)
    assert r.attained is False and r.case == "certainty limit"
    assert abs(r.revenue.mid - F(expected)) < F(1, 10**(len(expected) - 3)), r.revenue.decimal(25)
    assert r.revenue.width < F(1, 10**25)
    revs = [x for x, _, _ in r.sequence]
    assert revs == sorted(revs) and len(revs) >= 2
    assert r.upper_bound - revs[-1] <= F(1, 10**9)           # within the requested epsilon
    for rev, mech, checks in r.sequence:
        assert all(c.implementable for c in checks.values())
        assert implementable(mech) and mech.revenue() == rev <= r.upper_bound
    assert r.mechanism_revenue == revs[-1]
    assert all(c.implementable and c.certificate.verify() for c in r.implementability.values())
    # the limit posterior is at certainty; the mechanisms' high posteriors approach it
    highs = [max(m.alpha[1][k][k] / sum(a[k][k] for a in m.alpha) for k in range(2)) for _, m, _ in r.sequence]
    assert highs == sorted(highs) and 1 - highs[-1] < F(1, 10**8)


def test_requested_epsilon():
    r = maximize_revenue(game(F(1, 10)), eps=F(1, 10**4))
    assert r.upper_bound - r.sequence[-1][0] <= F(1, 10**4) < r.upper_bound - r.sequence[0][0]
    assert len(r.sequence) < len(optimum(F(1, 10)).sequence)


def test_attained_optimum_is_still_the_restricted_one_where_it_wins():
    r = optimum(F(3, 5))
    assert r.attained is True and r.case == "interior" and r.status == "conditional"
    assert r.revenue.width < F(1, 10**30)
    assert all(e.upper < r.revenue.lo for e in r.edges)     # both certainty limits certified below
    n = optimum(F(1, 2), (1, 3), (0, 1))
    assert n.attained is True and n.case == "no information"


# -- 2. an independent search: posteriors and transfers searched directly, the exact checker decides -------------------


def _search_transfers(g, posts, iters=18, steps=22):
    """Search one player's two on-path transfers of a two-signal diagonal structure (off-path reports
    punished) with the exact checker as the only oracle: along the revenue-neutral direction
    ``t = (s + x w_2, s - x w_1)`` (revenue ``s`` for the buyer), bisect for the largest ``s`` the checker
    accepts, and golden-section search over ``x`` (the accepted set is convex: (NA) is a sum of maxima of
    exponentials of the transfers). Neither the reduction nor reference points are used."""
    p, q = posts
    mu = g.prior[1]
    wq = (mu - p) / (q - p)
    w = (1 - wq, wq)
    d = AcquisitionGame.diagonal(STATES, g.prior, g.values["buyer"], g.values["seller"], [p, q], [1 - wq, wq], cost=g.cost)
    safe = {"buyer": F(min(g.values["buyer"])) - 20, "seller": F(max(g.values["seller"])) + 20}
    best = {}

    def ok(player, t):
        tt = {pl: [safe[pl]] * 2 for pl in ("buyer", "seller")}
        tt[player] = t
        return check_implementability(diagonal_mechanism(d, tt["buyer"], tt["seller"]), player).implementable

    for player, sign in (("buyer", 1), ("seller", -1)):
        def value(x):                      # the largest revenue s (buyer) / smallest cost (seller) along x, and its t
            x = F(round(x * 2**24), 2**24)
            lo, hi = F(-40), F(40)         # sign * s in [lo, hi]; lo is accepted, hi is not
            t_lo = [sign * lo + x * w[1], sign * lo - x * w[0]]
            if not ok(player, t_lo):
                return F(-10**6), None
            for _ in range(steps):
                mid = (lo + hi) / 2
                t = [sign * mid + x * w[1], sign * mid - x * w[0]]
                if ok(player, t):
                    lo, t_lo = mid, t
                else:
                    hi = mid
            return lo, t_lo

        a, b = F(-40), F(40)
        r = F(38197, 100000)
        x1, x2 = a + r * (b - a), b - r * (b - a)
        v1, v2 = value(x1), value(x2)
        for _ in range(iters):
            if v1[0] < v2[0]:
                a, x1, v1 = x1, x2, v2
                x2 = b - r * (b - a)
                v2 = value(x2)
            else:
                b, x2, v2 = x2, x1, v1
                x1 = a + r * (b - a)
                v1 = value(x1)
        best[player] = max(v1, v2, key=lambda z: z[0])[1]
    m = diagonal_mechanism(d, best["buyer"], best["seller"])
    assert implementable(m)
    return m.revenue()


def test_independent_search_never_beats_the_bound_and_comes_close():
    r = optimum(F(1, 10))
    best = F(-100)
    for posts in [(F(1, 1250), F(99, 100)), (F(1, 128), F(999, 1000))]:
        rev = _search_transfers(game(F(1, 10)), posts)
        assert rev <= r.upper_bound
        best = max(best, rev)
    assert r.upper_bound - best < F(1, 1000)           # the search gets near the supremum ...
    assert best > restricted(F(1, 10)).revenue.hi      # ... and beats the old restricted optimum


# -- 3. random implementable mechanisms, near-certain posteriors included ----------------------------------------------

GAMES = [F(1, 10), F(1, 5), F(3, 5)]
near = st.sampled_from([F(1, 10**k) for k in (2, 4, 8, 15)])


@st.composite
def mechanisms(draw):
    mu = draw(st.sampled_from(GAMES))
    g = game(mu)
    lo = draw(st.one_of(near, st.integers(1, 99).map(lambda x: F(x, 100)))) * mu
    hi_gap = draw(st.one_of(near, st.integers(1, 99).map(lambda x: F(x, 100)))) * (1 - mu)
    p, q = min(lo, mu * F(99, 100)), 1 - hi_gap
    if draw(st.booleans()):
        p, q = mu - (mu - p), mu + (q - mu)          # as drawn
    a = draw(st.integers(1, 99).map(lambda x: F(x, 100)))
    c = draw(st.integers(1, 99).map(lambda x: F(x, 100)))
    ref = draw(st.booleans())
    m = diagonal(g, (p, q), a=None if ref else [1 - a, a], c=None if ref else [1 - c, c])
    cut = draw(st.sampled_from([F(0), F(1, 1000), F(1, 3)]))          # the buyer pays a bit less: still implementable
    if cut:
        m = m.with_mechanism(m.alpha, {"buyer": [[x - cut for x in r] for r in m.transfers["buyer"]],
                                       "seller": m.transfers["seller"]}, m.trade, m.buyer_signals, m.seller_signals)
    split = draw(st.booleans())
    if split:                                                           # essentially perfect correlation: split signal 1
        K = len(m.buyer_signals)
        alpha = []
        for mat in m.alpha:
            rows = [[F(0)] * (K + 1) for _ in range(K + 1)]
            rows[0][0] = rows[1][1] = mat[0][0] / 2
            for k in range(1, K):
                rows[k + 1][k + 1] = mat[k][k]
            alpha.append(rows)
        idx = [0, 0] + list(range(1, K))
        t = {pl: [[m.transfers[pl][idx[i]][idx[j]] for j in range(K + 1)] for i in range(K + 1)] for pl in ("buyer", "seller")}
        m = m.with_mechanism(alpha, t, None, [f"b{k}" for k in range(K + 1)], [f"s{k}" for k in range(K + 1)])
    return mu, m


@settings(max_examples=40, deadline=None)
@given(mechanisms())
def test_no_random_implementable_mechanism_beats_the_certified_bound(case):
    mu, m = case
    assert implementable(m)
    assert m.revenue() <= optimum(mu).upper_bound


# -- 4. guards and honest output ---------------------------------------------------------------------------------------


def test_states_without_gains_from_trade_are_refused():
    with pytest.raises(InputError, match="no gains from trade in state\\(s\\) 'high'"):
        minimize_subsidy(game(F(1, 2), (0, 1), (-1, 1)))
    g = loads_game('kind = "acquisition"\nstates = ["low", "high"]\nprior = ["1/2", "1/2"]\n'
                   '[values]\nbuyer = [0, 1]\nseller = [0, 0]\n')
    with pytest.raises(InputError, match="no gains from trade"):
        run_acquisition(g)


def test_revenue_is_reported_as_revenue_and_a_subsidy_as_a_subsidy():
    doc, text = run_acquisition(game(F(3, 5)))
    assert doc["subsidy"]["earns_revenue"] is True
    assert "earns money, no subsidy" in text and "minimal subsidy" not in text
    doc, text = run_acquisition(game(F(1, 2), (0, 1), ("-1/10", "9/10")))
    assert doc["subsidy"]["earns_revenue"] is False
    assert "minimal subsidy" in text and "(the principal pays)" in text


def test_report_labels_every_claim_and_never_certifies_the_conditional_ones():
    doc, text = run_acquisition(game(F(1, 10)))
    s = doc["subsidy"]
    assert s["attained"] is False and s["case"] == "certainty limit" and s["status"] == "conditional"
    for key in ("status", "case", "revenue", "subsidy", "posteriors", "weights", "transfers", "optimality", "information_cost",
                "net_payoff", "claims", "mechanism"):
        assert f"subsidy/{key}" in doc["claims"], key              # every contract key is labelled
    assert doc["claims"]["subsidy/revenue"]["status"] == "conditional"
    assert doc["claims"]["subsidy/upper_bound_perfectly_correlated"]["status"] == "certified"
    assert doc["claims"]["subsidy/posteriors"]["status"] == "not certified"
    assert doc["schema"] and doc["game"] == game(F(1, 10)).canonical()
    paths = {path for c in doc["claims"].values() for path in c["certificates"]}
    assert paths <= {f"certificates/{i}" for i in range(len(doc["certificates"]))}
    rev = doc["claims"]["subsidy/upper_bound_perfectly_correlated"]["certificates"][0]
    assert certificate_from_dict(doc["certificates"][int(rev.split("/")[1])]).verify()
    assert "NOT ATTAINED" in text
    for line in text.splitlines():
        if "subsidy/revenue:" in line or "maximal revenue" in line:
            assert "certified" not in line.replace("not certified", "")


def test_tampered_revenue_certificate_is_refused():
    data = optimum(F(1, 10)).certificate.to_dict()
    bad = json.loads(json.dumps(data))
    bad["upper"] = bad["restricted_upper"]                    # claim the restricted optimum bounds everything
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    bad = json.loads(json.dumps(data))
    e = next(x for x in bad["edges"] if F(x["upper"]) > F(bad["restricted_upper"]))
    e["upper"] = bad["restricted_upper"]
    bad["upper"] = bad["restricted_upper"]
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    bad = json.loads(json.dumps(data))
    assert bad["restricted"]["case"] == "dominated"           # R <= floor was proved, not the maximum of R
    bad["restricted"]["floor"] = "13/10"                      # below max R (about 1.3397): the tree must fail
    bad["restricted_upper"] = "13/10"
    with pytest.raises(CertificateError):
        certificate_from_dict(bad).verify()
    assert isinstance(certificate_from_dict(data), RevenueCertificate)


def test_cli_certainty_limit_example():
    out = subprocess.run([sys.executable, "-m", "exactgame", "acquisition", "examples/acquisition_certainty_limit.toml", "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["subsidy"]["attained"] is False and doc["claims"]["subsidy/attained"]["status"] == "conditional"
    assert F(doc["subsidy"]["upper_bound"]) >= F(doc["subsidy"]["mechanism"]["revenue"])


# -- canonical form ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["acquisition_correlated.toml", "acquisition_mechanism.toml", "acquisition_subsidy.toml",
                                  "acquisition_certainty_limit.toml"])
def test_canonical_round_trip(name):
    g = load_game(ROOT / "examples" / name)
    c = g.canonical()
    assert c["kind"] == "acquisition" and c["states"] == list(g.states)
    assert loads_game(json.dumps(c), "json").canonical() == c
    flat = json.dumps(c)
    assert all(isinstance(x, str) for x in c["prior"] + c["values"]["buyer"] + c["values"]["seller"]), flat


# -- float cross-check on a logit grid (near-certain posteriors included) ---------------------------------------------


def _logit_grid(mu, ub, us, kb, ks, n=260):  # float-ok: an independent float reference
    """Best revenue over posterior pairs p < mu < q on a logit grid (1e-9 .. 1 - 1e-9), the reference
    points optimised by ternary search for each pair; no use of kinks, edges or (Opt)."""
    import numpy as np

    z = np.linspace(-20.7, 20.7, n)
    grid = 1 / (1 + np.exp(-z))
    val, _, _ = grid_revenues(mu, grid, ub, us, kb, ks, 100)
    return float(np.max(val))


@pytest.mark.parametrize("mu, ub, us, k", [
    (F(9, 10), (3, 0), (1, -2), (1, 1)),          # the skewed case, states relabelled (other orientation)
    (F(1, 100), (0, 3), (-2, 1), (1, 1)),         # very skewed
    (F(1, 10), (0, 3), (-2, 1), (F(1, 4), F(1, 4))),
    (F(1, 3), (0, 10), (-1, 9), (1, 1)),          # a subsidy is needed (negative revenue)
])
def test_certified_enclosure_against_a_float_logit_grid(mu, ub, us, k):
    r = maximize_revenue(game(mu, ub, us, k))
    assert r.status == "conditional" and r.certificate.verify()
    ref = _logit_grid(float(mu), [float(x) for x in ub], [float(x) for x in us], float(k[0]), float(k[1]))  # float-ok: reference
    assert ref <= float(r.upper_bound) + 1e-9            # float-ok: no grid point beats the certified bound
    assert float(r.revenue.lo) - ref < 2e-3               # float-ok: and the grid comes close
    assert r.mechanism_revenue <= r.upper_bound and r.upper_bound - r.mechanism_revenue <= F(1, 10**9)
