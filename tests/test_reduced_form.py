"""Appendix C reduced forms (exactgame.persuasion.reduced_form): the identity with the payments LP
on random games, the document's check and tampering."""

from __future__ import annotations

import copy
import random
from fractions import Fraction as F

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.errors import InputError
from exactgame.games import SenderReceiverGame
from exactgame.persuasion.payments import PAYMENT_MODELS, persuade_with_payments, zero_sum_example
from exactgame.persuasion.reduced_form import reduced_form, signature
from exactgame.persuasion.report import persuasion_report


def random_sr(seed: int, n_states: int = 3, n_actions: int = 3) -> SenderReceiverGame:
    rnd = random.Random(seed)
    S = [f"w{t}" for t in range(n_states)]
    A = [f"a{j}" for j in range(n_actions)]
    wts = [rnd.randint(1, 4) for _ in S]
    return SenderReceiverGame(S, A, [F(x, sum(wts)) for x in wts],
                              sender={w: [rnd.randint(0, 3) for _ in A] for w in S},
                              receiver={w: [rnd.randint(0, 3) for _ in A] for w in S})


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("model", PAYMENT_MODELS)
def test_reduced_lp_equals_the_payments_lp(seed, model):
    g = random_sr(seed)
    r = persuade_with_payments(g, model)
    rf = reduced_form(g, r.scheme, r.expected_payments)
    assert rf.value == r.value and rf.persuasive
    M = signature(g, r.scheme)
    # each M^i sums, over the types of any j, to Pr[i recommended]
    for i in g.actions:
        pr = sum((p * r.scheme[w].get(i, 0) for w, p in zip(g.states, g.prior)), F(0))
        assert all(sum(M[i][j]) == pr for j in g.actions)


@pytest.mark.parametrize("model", ["none", "budget-balanced"])
def test_document_and_tampering(model):
    doc = persuasion_report(zero_sum_example(), payments=model, reduced_form=True).document()
    assert "reduced_form/signature" in check_document(doc).proved
    for path, value in (("value", "7"), ("signature/1/0/0", "1/3"), ("persuasive", False), ("independent", True),
                        ("types/0/0/0", "5")):
        bad = copy.deepcopy(doc)
        node = bad["reduced_form"]
        *head, last = path.split("/")
        for k in head:
            node = node[int(k)] if isinstance(node, list) else node[k]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
        with pytest.raises(CheckFailure):
            check_document(bad)


def test_reduced_form_only_for_one_receiver():
    from exactgame.persuasion.multireceiver import MultiReceiverGame

    with pytest.raises(InputError, match="sender-receiver"):
        persuasion_report(MultiReceiverGame.example(), reduced_form=True)
