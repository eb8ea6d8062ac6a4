"""The cone method for cheap talk with many states (exactgame/cheaptalk_cones.py, issue 25).

It must give the vertex method's quasicav V(p) on every game both can solve, its certificate must
verify and refuse every changed number, and the whole best equilibrium built with it must pass
the independent checker."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import pytest

import exactgame.cheaptalk as ct
from exactgame.cheaptalk import best_equilibrium, cheap_talk_report, value_function_constant
from exactgame.cheaptalk_cones import ConeLevelCertificate, quasicav_by_cones
from exactgame.check import check_document
from exactgame.check.core import CheckFailure
from exactgame.errors import CertificateError, InputError
from exactgame.games import SenderReceiverGame
from exactgame.geometry.envelope import quasiconcave_envelope_at


def _game(rng: random.Random, n: int, m: int, boundary: bool = False) -> SenderReceiverGame:
    S, A = [f"w{i}" for i in range(n)], [f"a{j}" for j in range(m)]
    uS = [rng.randint(0, 6) for _ in A]
    w = [rng.randint(0 if boundary else 1, 4) for _ in S]
    if not sum(w):
        w[0] = 1
    return SenderReceiverGame(S, A, [F(x, sum(w)) for x in w], sender={s: uS for s in S},
                              receiver={s: [rng.randint(-3, 3) for _ in A] for s in S})


@pytest.mark.parametrize("seed", range(40))
def test_cone_value_equals_the_vertex_value(seed):
    rng = random.Random(seed)
    g = _game(rng, rng.randint(2, 5), rng.randint(2, 5), boundary=seed % 4 == 0)
    V, _ = value_function_constant(g)
    old = quasiconcave_envelope_at(V, g.prior)
    new = quasicav_by_cones(g, g.prior)
    assert new.value == old.value and new.certificate.verify()
    assert sum(w for w, _, _ in new.splitting) == 1


@pytest.mark.parametrize("seed", range(12))
def test_best_equilibrium_by_cones_passes_the_checker(seed, monkeypatch):
    rng = random.Random(100 + seed)
    g = _game(rng, rng.randint(2, 5), rng.randint(2, 5))
    vertex = best_equilibrium(g)
    monkeypatch.setattr(ct, "CONE_STATES", 2)
    cone = best_equilibrium(g)
    assert cone.sender_value == vertex.sender_value and cone.verify()
    assert isinstance(cone.envelope.certificate, ConeLevelCertificate)
    assert cone.preferred_action == vertex.preferred_action
    check_document(cheap_talk_report(g).document())


def test_many_states_are_answered_and_checked():
    """12 states x 6 actions: over 150 s and then refused by the vertex method; the cone method
    answers, and the independent checker re-verifies the document."""
    g = _game(random.Random(7), 12, 6)
    doc = cheap_talk_report(g).document()
    check_document(doc)
    assert doc["sender_value"] == doc["certificates"]["quasiconcave_envelope"]["level"]
    bad = {**doc, "sender_value": str(F(doc["sender_value"]) + 1)}
    with pytest.raises(CheckFailure):
        check_document(bad)


def _with_separator(seed_range=range(200)):
    for seed in seed_range:
        rng = random.Random(seed)
        g = _game(rng, 4, 4)
        c = quasicav_by_cones(g, g.prior).certificate
        if c.separator is not None and c.multipliers and len(c.splitting) > 1:
            return c
    raise AssertionError("no case with a separator")


def test_tampered_cone_certificates_are_refused():
    c = _with_separator()
    w0, q0, j0 = c.splitting[0]
    w1, q1, j1 = c.splitting[1]
    shifted = tuple(x + (F(1, 7) if i == 0 else F(-1, 7) if i == 1 else 0) for i, x in enumerate(q0))
    j_top = max(range(len(c.sender)), key=lambda j: c.sender[j])
    bad = [
        dataclasses.replace(c, value=c.value + 1),                                                    # a higher value
        dataclasses.replace(c, separator=None),                                                       # no separator
        dataclasses.replace(c, separator=tuple(-x for x in c.separator)),                              # wrong side
        dataclasses.replace(c, multipliers=c.multipliers[1:]) if len(c.multipliers) > 0 else None,   # a cell unproved
        dataclasses.replace(c, multipliers=tuple((j, tuple(x + 5 for x in v)) for j, v in c.multipliers)),
        dataclasses.replace(c, splitting=((w0 + F(1, 10), q0, j0), (w1 - F(1, 10), q1, j1)) + c.splitting[2:]),
        dataclasses.replace(c, splitting=((w0, shifted, j0),) + c.splitting[1:]),
        dataclasses.replace(c, splitting=((w0, q0, j_top),) + c.splitting[1:]) if j_top != j0 else None,
        dataclasses.replace(c, point=tuple(reversed(c.point))) if c.point != tuple(reversed(c.point)) else None,
    ]
    assert c.verify()
    for b in bad:
        if b is None:
            continue
        with pytest.raises(CertificateError):
            b.verify()
    assert ConeLevelCertificate._from_data(c.to_dict()) == c


def test_state_dependent_sender_is_refused():
    g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"], {"w0": [0, 1], "w1": [1, 0]},
                           {"w0": [1, 0], "w1": [0, 1]})
    with pytest.raises(InputError, match="state-independent"):
        quasicav_by_cones(g, g.prior)
