"""The independent checker on every kind of Nash answer of ``bargain`` (issues 15 and 17): rational
KKT points, algebraic points in Q(theta) (quadratic: the text is read and compared exactly;
higher degree: the certificate's coordinates are the claim), and d by Ville weights."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest

from exactgame.bargaining import solve_bargaining
from exactgame.bargaining.report import bargain_document
from exactgame.check import CheckFailure, check_document
from exactgame.check.bargaining import _surd
from exactgame.results import proof_document

from ..test_bargaining_nash import random_problem


def _doc(prob, weights=None) -> dict:
    body, claims = bargain_document(prob, solve_bargaining(prob, weights), weights)
    return json.loads(json.dumps(proof_document("bargain", prob, {"weights": weights}, body, claims), default=str))


def _documents(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.choice([2, 3, 3, 4])
        w = None if rng.random() < 0.6 else [rng.randint(0, 3) for _ in range(n)]
        yield _doc(random_problem(rng, rng.randint(2, 4), rng.randint(2, 4), n), w if w and any(w) else None)


def test_every_nash_kind_is_checked_independently():
    kinds = {}
    for doc in _documents(3, 80):
        report = check_document(doc)
        kind = (doc["certificates"].get("nash") or {}).get("certificate")
        status = doc["claims"]["nash"]["status"]
        kinds[(kind, status)] = kinds.get((kind, status), 0) + 1
        if kind == "nash-algebraic" and status == "not certified":   # degree > 2: the coordinates are the claim
            assert "certificates/nash" in report.proved
        elif status == "certified":
            assert "nash" in report.proved
    assert {("nash-kkt", "certified"), ("nash-algebraic", "certified"), ("nash-algebraic", "not certified"),
            ("nash-disagreement", "certified")} <= set(kinds), kinds


def test_changed_algebraic_points_are_rejected():
    docs = [d for d in _documents(3, 80) if (d["certificates"].get("nash") or {}).get("certificate") == "nash-algebraic"]
    assert docs
    for doc in docs:
        cert = doc["certificates"]["nash"]
        for i in range(len(cert["point"])):
            bad = json.loads(json.dumps(doc))
            bad["certificates"]["nash"]["point"][i][0] = str(Fraction(cert["point"][i][0]) + Fraction(1, 7))
            with pytest.raises(CheckFailure):
                check_document(bad)
        bad = json.loads(json.dumps(doc))
        bad["certificates"]["nash"]["interval"] = [str(Fraction(x) + 5) for x in cert["interval"]]
        with pytest.raises(CheckFailure):
            check_document(bad)
        if doc["claims"]["nash"]["status"] == "certified":   # quadratic: the text itself is checked
            agent = doc["agents"][0]
            text = doc["nash"][agent]
            for forged in (text.replace("-", "+", 1) if "-" in text else "-" + text, text + " + 1/10**9", "1/3"):
                bad = json.loads(json.dumps(doc))
                bad["nash"][agent] = forged
                with pytest.raises(CheckFailure):
                    check_document(bad)


def test_surd_parser_reads_sympy_forms_and_nothing_else():
    assert _surd("577/600 - sqrt(45259)/600", "k") == (Fraction(577, 600), Fraction(-1, 600), 45259)
    assert _surd("-3*sqrt(5)/10 + 1/2", "k") == (Fraction(1, 2), Fraction(-3, 10), 5)
    assert _surd("2", "k") == (Fraction(2), Fraction(0), 0)
    for bad in ("__import__('os')", "sqrt(2) + sqrt(3)", "1 + ", "sqrt(-2)", "2**10", "1e5"):
        with pytest.raises(CheckFailure):
            _surd(bad, "k")
