"""Buyer-seller files (Propositions 5-6): exactgame.persuasion.buyer_seller_report and its checker."""

import contextlib
import io
import json
import random
from fractions import Fraction

import pytest

from exactgame.check import CheckFailure, check_document
from exactgame.cli import main
from exactgame.errors import InputError
from exactgame.games import loads_game
from exactgame.persuasion.buyer_seller_report import BuyerSellerGame, buyer_seller_report

F = Fraction


def run(*args):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args) + ["--json"]) == 0
    return json.loads(buf.getvalue())


def random_prior(rng, n):
    ws = [rng.randint(1, 12) for _ in range(n + 1)]
    return [F(w, sum(ws)) for w in ws]


@pytest.mark.parametrize("seed", range(10))
def test_regions_from_cells_agree_with_the_closed_form(seed):
    """cddlib's R_ij (from the receiver's cells) against the checker's closed form, on random priors and
    thresholds; Propositions 5-6: wherever p is in int R*, the BP outcome is inefficient."""
    rng = random.Random(seed)
    n = rng.choice([2, 3])
    g = BuyerSellerGame.make(list(range(1, n + 1)), F(rng.randint(11, 19), 20), random_prior(rng, n))
    doc = buyer_seller_report(g).document()
    report = check_document(doc)              # the checker recomputes r_star_pairs in closed form
    assert "r_star_pairs" in report.proved and doc["propositions_agree"]
    if doc["above_T_p"]:                       # Proposition 6
        assert doc["in_r_star"] and not doc["bp_efficient"]


def test_example_file_and_tampering():
    doc = run("buyer-seller", "examples/buyer_seller_two_products.toml")
    assert (doc["T_p"], doc["r_star_pairs"], doc["bp_efficient"], doc["bp_actions_taken"]) == ("1/2", [[1, 2]], False, 5)
    check_document(doc)
    for key, value in (("T_p", "3/5"), ("in_r_star", False), ("r_star_pairs", []), ("bp_efficient", True),
                       ("bp_value", "1"), ("propositions_agree", False), ("above_T_p", False)):
        with pytest.raises(CheckFailure):
            check_document({**doc, key: value})
    eff = doc["certificates"]["efficiency"]
    with pytest.raises(CheckFailure):
        check_document({**doc, "bp_efficient": True, "certificates": {**doc["certificates"],
                        "efficiency": {"certificate": "efficient-outcome", "normal": ["1", "1"]}}})
    assert eff["certificate"] == "dominated-outcome"


def test_bad_files():
    with pytest.raises(InputError, match="interior"):
        loads_game('{"kind": "buyer-seller", "seller_payoffs": [1, 2], "threshold": "3/5", "prior": ["1", "0", "0"]}')
    with pytest.raises(InputError, match="threshold"):
        loads_game('{"kind": "buyer-seller", "seller_payoffs": [1, 2], "threshold": "1/3", "prior": ["1/3", "1/3", "1/3"]}')
    with pytest.raises(InputError):
        loads_game('{"kind": "buyer-seller", "seller_payoffs": [1, 1], "threshold": "3/5", "prior": ["1/3", "1/3", "1/3"]}')
    assert main(["buyer-seller", "examples/efficiency_example1.toml"]) == 2
