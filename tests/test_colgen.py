"""LP-Binary by column generation (exactgame.persuasion.colgen) against the dense LP, with its
document re-checked by the independent checker and tampered with."""

from __future__ import annotations

import copy

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.errors import CertificateError
from exactgame.persuasion.colgen import SetTables, brute_force_oracle, column_generation, solve_binary_columns, verify_run
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.payments import PAYMENT_MODELS
from tests.test_signals import random_game


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("model", PAYMENT_MODELS)
def test_same_optimum_as_the_dense_lp(seed, model):
    g = random_game(2 + seed % 3, 2 + (seed % 2), seed)
    cg = solve_binary_columns(g, model)
    dense = solve_binary(g, model)
    assert cg.value == dense.value and cg.verify()
    assert check_document(cg.document())


def test_document_tampering():
    g = random_game(3, 2, 4)
    doc = solve_binary_columns(g, "none").document()
    for key, k in (("x", 0), ("y_ub", 0)):
        bad = copy.deepcopy(doc)
        cert = bad["certificates"]["lp"]
        cert[key][k] = str(int(cert[key][k].split("/")[0]) + 1) if "/" not in cert[key][k] else "7"
        with pytest.raises(CheckFailure):
            check_document(bad)


def test_oracles_and_a_bad_run():
    g = random_game(3, 2, 2)
    t = SetTables(g)
    exact = column_generation(g, oracle=brute_force_oracle(t), tables=t)
    assert exact.value == solve_binary(g, "none").value
    lazy = column_generation(g, oracle=lambda w, a, b: frozenset(), tables=t)   # the exact scan finishes the job
    assert lazy.value == exact.value
    # a run whose duals are spoiled fails its proof
    from dataclasses import replace
    broken = replace(exact, y_eq=tuple(v - 1 for v in exact.y_eq))
    with pytest.raises(CertificateError):
        verify_run(g, "none", broken, star_star=True)


def test_example_prior_option():
    g = MultiReceiverGame.example()
    assert solve_binary_columns(g, "none", ["1/4", "3/4"]).value == solve_binary(g, "none", ["1/4", "3/4"]).value
