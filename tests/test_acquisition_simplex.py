"""Subsidy minimization with three or more qualities (004_2686c8b5ad6ec5f0.txt, Section 4; issue 16 item 3):
exactgame.acquisition.simplex, its lemmas tested against computations that do not use them, its
certificate tampered with, and the command line."""

from __future__ import annotations

import copy
import itertools
import json
import math
import random
import subprocess
import sys
from fractions import Fraction as F
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from flint import ctx
from scipy.optimize import linprog

from exactgame.acquisition import AcquisitionGame, check_implementability, maximize_revenue
from exactgame.acquisition.mechanism import prescribed_mechanism
from exactgame.acquisition.simplex import (SimplexRevenueCertificate, _Data, _phi_float, _propose, diagonal_game,
                                           simplex_revenue, vertex_types)
from exactgame.certificates import certificate_from_dict
from exactgame.errors import CertificateError, InputError, TooLargeError

ROOT = Path(__file__).resolve().parent.parent
THREE = ROOT / "examples" / "acquisition_three_states.toml"
GAMES = {
    "uniform": (["1/3", "1/3", "1/3"], [1, 2, 3], [0, 1, 2], (1, 1)),
    "skewed": (["4/7", "2/7", "1/7"], [4, 5, 4], [1, 4, 0], (1, 1)),
    "costs 2": (["2/11", "4/11", "5/11"], [3, 2, 6], [1, 1, 4], (2, 2)),
}


def game3(name):
    prior, ub, us, (kb, ks) = GAMES[name]
    return AcquisitionGame(["l", "m", "h"], prior, {"buyer": ub, "seller": us}, {"buyer": kb, "seller": ks})


@lru_cache(maxsize=None)
def solved(name):
    return simplex_revenue(game3(name))


def _T(mu, g, a, c):  # float-ok: an independent float evaluation of T(mu; a, c)
    ub, us = g.values["buyer"], g.values["seller"]
    kb, ks = float(g.cost["buyer"]), float(g.cost["seller"])
    tb = min(float(ub[v]) + kb * math.log(a[v] / mu[v]) for v in range(len(mu)) if mu[v] > 0)
    ts = max(float(us[v]) + ks * math.log(mu[v] / c[v]) for v in range(len(mu)) if mu[v] > 0)
    return tb - ts


def test_lemma_1_the_vertex_lp_is_the_concave_closure():
    """Lemma 1 against a closure over a fine grid of posteriors (which does not use the vertices): the
    grid closure never exceeds the vertex LP; and the LP's value is reached by its own split, with T
    evaluated independently at the support points (so the LP is neither too low nor too high)."""
    rng = random.Random(5)
    step = 60
    P = [(i / step, j / step, (step - i - j) / step) for i in range(step + 1) for j in range(step + 1 - i)]
    for name in GAMES:
        g = game3(name)
        data = _Data.of(g)
        types = vertex_types(3)
        for _ in range(3):
            a = [F(rng.randint(10, 100)) for _ in range(3)]
            c = [F(rng.randint(10, 100)) for _ in range(3)]
            a, c = [x / sum(a) for x in a], [x / sum(c) for x in c]
            with ctx.workprec(128):
                _, _, value, support = _propose(data, a[1:] + c[1:], types, data.consts())
            a, c = [float(x) for x in a], [float(x) for x in c]
            mean = [sum(lam * x.get(v, 0.0) for _, x, lam in support) for v in range(3)]
            assert max(abs(m - float(p)) for m, p in zip(mean, g.prior)) < 1e-9
            split_value = sum(lam * _T([x.get(v, 0.0) for v in range(3)], g, a, c) for _, x, lam in support)
            vals = [-_T(p, g, a, c) for p in P]
            res = linprog(vals, A_eq=np.array(P).T, b_eq=[float(m) for m in g.prior], bounds=(0, None), method="highs")
            grid_value = -res.fun
            lp_value = _phi_float(data, types, a, c)
            assert grid_value <= lp_value + 1e-9
            assert abs(split_value - lp_value) < 1e-9 and abs(value - lp_value) < 1e-9


def test_vertex_types_cover_every_support_and_tree():
    types = vertex_types(3)
    assert len(types) == 21
    assert sum(1 for S, _ in types if len(S) == 3) == 12      # 3 trees x 4 labellings
    assert {S for S, _ in types} == {S for k in (1, 2, 3) for S in itertools.combinations(range(3), k)}


@pytest.mark.parametrize("name", sorted(GAMES))
def test_enclosure_is_certified_and_the_mechanism_checked(name):
    r = solved(name)
    assert r.lower is not None and r.lower <= r.upper
    assert r.mechanism_checked
    assert all(check_implementability(r.mechanism, p).implementable for p in ("buyer", "seller"))
    assert r.mechanism.revenue() == r.lower
    doc = json.loads(json.dumps(r.certificate.to_dict()))
    assert certificate_from_dict(doc).verify()


def test_uniform_game_is_tight_at_no_information():
    """Both players' optima are 'acquire nothing' here, so Lemma 3 is tight: the enclosure is within 1e-4."""
    r = solved("uniform")
    assert r.upper - r.lower < F(1, 10**4)
    assert len(r.mechanism.buyer_signals) == 1


def test_two_states_agree_with_the_two_state_supremum():
    """The n-state computation on binary games contains the certified two-state supremum (an independent
    proof: kinks, edges, Krawczyk) and its checked mechanism comes within 1e-9 of it."""
    for prior, b, s in ((["9/10", "1/10"], [0, 3], [-2, 1]), (["1/2", "1/2"], [1, 3], [0, 1])):
        g = AcquisitionGame(["low", "high"], prior, {"buyer": b, "seller": s})
        two = maximize_revenue(g)
        r = simplex_revenue(g)
        assert r.lower <= two.revenue.hi and two.revenue.lo <= r.upper
        assert two.revenue.hi - r.lower < F(1, 10**9)


def _random_mechanism(g, rng):
    """An implementable diagonal mechanism built without the module: random interior posteriors, random
    references, prescribed transfers, then decided by the exact checker."""
    n = len(g.states)
    K = rng.choice([2, 3])
    for _ in range(20):
        posts = []
        for _ in range(K - 1):
            raw = [F(rng.randint(1, 40)) for _ in range(n)]
            if rng.random() < 0.3:    # near-certain posteriors
                raw[rng.randrange(n)] *= 10**4
            posts.append([x / sum(raw) for x in raw])
        lams = [F(rng.randint(1, 9), 10 * K) for _ in range(K - 1)]
        rest = 1 - sum(lams)
        last = [(m - sum(l * p[v] for l, p in zip(lams, posts))) / rest for v, m in enumerate(g.prior)]
        if all(x > 0 for x in last):
            break
    else:
        return None
    posts.append(last)
    lams.append(rest)
    ref = lambda: (lambda r: [x / sum(r) for x in r])([F(rng.randint(1, 20)) for _ in range(n)])  # noqa: E731
    m = prescribed_mechanism(diagonal_game(g, posts, lams), a=ref(), c=ref(), places=20)
    if all(check_implementability(m, p).implementable for p in ("buyer", "seller")):
        return m
    return None


@pytest.mark.parametrize("name", sorted(GAMES))
def test_no_random_implementable_mechanism_beats_the_certified_bound(name):
    r = solved(name)
    rng = random.Random(hash(name) % 1000)
    found = 0
    for _ in range(12):
        m = _random_mechanism(game3(name), rng)
        if m is None:
            continue
        found += 1
        assert m.revenue() <= r.upper
    assert found >= 6


def test_joint_tree_is_a_valid_second_proof():
    r = simplex_revenue(game3("skewed"), joint_budget=60)
    cert = r.certificate
    assert cert.joint is not None and cert.joint_upper is not None and cert.joint_upper >= r.lower
    assert cert.verify()


def _tampered(cert, edit):
    d = copy.deepcopy(cert.to_dict())
    edit(d)
    return certificate_from_dict(d)


def test_tampered_certificates_are_rejected():
    cert = solved("skewed").certificate
    lower = solved("skewed").lower

    def lower_upper(d):
        d["upper"] = str(lower - F(1, 10))
    with pytest.raises(CertificateError):
        _tampered(cert, lower_upper).verify()

    def shrink_buyer(d):
        d["buyer_upper"] = str(F(d["buyer_upper"]) - F(1, 100))
        d["upper"] = str(F(d["buyer_upper"]) + F(d["seller_upper"]))
    with pytest.raises(CertificateError):
        _tampered(cert, shrink_buyer).verify()

    def first_dual_leaf(node):
        if isinstance(node, dict):
            return first_dual_leaf(node["split"][0]) or first_dual_leaf(node["split"][1])
        return node if node[0] == "d" else None

    def bend_dual(d):
        # raising the dual raises that leaf's bound above the stated one (lowering it would be
        # harmless: the checker computes the slack s itself, so any dual gives a valid bound)
        leaf = first_dual_leaf(d["seller"])
        leaf[1] = [str(F(x) + 1) for x in leaf[1]]
    with pytest.raises(CertificateError):
        _tampered(cert, bend_dual).verify()

    def prune(d):
        d["buyer"] = ["x"]      # the whole box marked outside the simplex
    with pytest.raises(CertificateError):
        _tampered(cert, prune).verify()

    def other_game(d):
        d["game"]["buyer"] = [str(F(x) + 1) for x in d["game"]["buyer"]]
    with pytest.raises(CertificateError):
        _tampered(cert, other_game).verify()
    assert isinstance(cert, SimplexRevenueCertificate)


def test_guards():
    g6 = AcquisitionGame([f"s{i}" for i in range(6)], ["1/6"] * 6, {"buyer": list(range(1, 7)), "seller": list(range(6))})
    with pytest.raises(InputError, match="at most 5 states"):
        simplex_revenue(g6)
    gz = AcquisitionGame(["l", "m", "h"], ["1/3", "1/3", "1/3"], {"buyer": [1, 1, 3], "seller": [0, 1, 2]})
    with pytest.raises(InputError, match="no gains from trade"):
        simplex_revenue(gz)
    gs = AcquisitionGame(["l", "m", "h"], ["1/3", "1/3", "1/3"], {"buyer": [1000, 2, 3], "seller": [0, 1, 2]})
    with pytest.raises(TooLargeError):
        simplex_revenue(gs)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "exactgame", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_three_states_json_text_and_verify(tmp_path):
    p = _cli("acquisition", str(THREE), "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    sub = doc["subsidy"]
    assert sub["attained"] is None and sub["case"].startswith("enclosure")
    assert F(sub["revenue"]["lo"]) <= F(sub["upper_bound"]) == F(sub["revenue"]["hi"])
    assert doc["claims"]["subsidy/upper_bound_perfectly_correlated"]["status"] == "certified"
    assert doc["claims"]["subsidy/upper_bound"]["status"] == "conditional"
    assert doc["claims"]["subsidy/attained"]["status"] == "not certified"
    out = tmp_path / "a3.json"
    out.write_text(p.stdout)
    v = _cli("verify", str(out), "--game", str(THREE))
    assert v.returncode == 0, v.stdout + v.stderr
    t = _cli("acquisition", str(THREE))
    assert t.returncode == 0 and "maximal revenue lies in [" in t.stdout and "not decided" in t.stdout
    bad = _cli("acquisition", str(THREE), "--plot", str(tmp_path / "x.png"))
    assert bad.returncode == 2 and "two-state figure" in bad.stderr and "Traceback" not in bad.stderr


def test_review_regressions_shape_dual_and_lower_end():
    """Found by an independent review: (1) a certificate whose game has more prior entries than values
    must not verify; (2) degenerate closures: the float dual must be feasible, else the bound balloons
    (4 states: upper was 3.28 with a dual violating its LP, a float search puts the players-apart bound
    near 2.2); (3) the lower end must find the good references (3 states: 0.745 before, a checked
    mechanism earns 1.076)."""
    cert = solved("uniform").certificate.to_dict()
    cert["game"]["prior"] = ["1/4"] * 4
    cert["game"]["states"] = ["a", "b", "c", "d"]
    with pytest.raises(CertificateError):
        certificate_from_dict(cert).verify()
    # (2) a degenerate LP: every basis is optimal at mu = centre; the dual returned must dominate all points
    from exactgame.acquisition.simplex import _float_cav
    X = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [F(1, 3), F(1, 3), F(1, 3)], [F(1, 2), F(1, 2), 0]]
    T = [0, 0, 0, 1, F(1, 4)]
    value, y, lam = _float_cav([[float(x) for x in r] for r in X], [float(t) for t in T], [1 / 3, 1 / 3, 1 / 3])
    assert abs(value - 1) < 1e-12
    assert all(sum(float(a) * b for a, b in zip(r, y)) >= float(t) - 1e-9 for r, t in zip(X, T))
    g4 = AcquisitionGame(["a", "b", "c", "d"], ["6/17", "3/17", "7/17", "1/17"],
                         {"buyer": ["1/2", 3, "9/2", 3], "seller": [-3, 1, 4, -4]}, {"buyer": 3, "seller": "1/4"})
    r4 = simplex_revenue(g4, budget=1500)
    assert r4.upper < 2 and r4.lower <= r4.upper and r4.certificate.verify()
    g3 = AcquisitionGame(["a", "b", "c"], ["4/11", "5/11", "2/11"], {"buyer": ["11/4", 3, -2], "seller": [1, -2, -3]},
                         {"buyer": "3/2", "seller": 2})
    r3 = simplex_revenue(g3)
    assert r3.lower > F(107, 100) and r3.mechanism_checked and r3.lower <= r3.upper
