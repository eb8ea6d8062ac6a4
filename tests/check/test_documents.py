"""Python results produce proof-carrying documents that the independent checker accepts."""

from __future__ import annotations

import json

from exactgame.check import check_document
from exactgame.cheaptalk import best_equilibrium
from exactgame.efficiency import efficiency
from exactgame.games import load_game
from exactgame.persuasion import persuade
from exactgame.persuasion.multireceiver import MultiReceiverGame, solve_binary
from exactgame.persuasion.payments import persuade_with_payments, zero_sum_example
from exactgame.results import SCHEMA, game_digest

EXAMPLE = load_game("examples/efficiency_example1.toml")


def _checked(doc):
    doc = json.loads(json.dumps(doc))
    assert doc["schema"] == SCHEMA and doc["game_sha256"] == game_digest(doc["game"])
    return check_document(doc)


def test_python_results_give_checkable_documents():
    assert "cav_value" in _checked(persuade(EXAMPLE, ["3/10", "7/10"]).document()).proved
    assert "lambda" in _checked(persuade_with_payments(zero_sum_example(), "arbitrary").document()).proved
    assert "gamma" in _checked(solve_binary(MultiReceiverGame.example(), "budget-balanced").document()).proved
    assert "compatible" in _checked(efficiency(EXAMPLE, {"w0": {"a1": 1}, "w1": {"a4": 1}}, ["1/2", "1/2"]).document()).proved
    assert "sender_value" in _checked(best_equilibrium(EXAMPLE, ["1/2", "1/2"]).document()).proved


def test_every_subcommand_report_is_the_cli_document():
    """Every subcommand's Python entry point returns a Report whose document is the CLI's --json
    output (the CLI only parses arguments and formats), and which the independent checker accepts."""
    import contextlib
    import io

    from exactgame.acquisition import acquisition
    from exactgame.bargaining import bargain
    from exactgame.cli import main
    from exactgame.dialogue import dialogue

    def cli(*args):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            assert main([*args, "--json"]) == 0
        return json.loads(buf.getvalue())

    from exactgame.cheaptalk import cheap_talk_report
    from exactgame.efficiency import efficiency_report
    from exactgame.games.feasible import feasible_payoffs
    from exactgame.persuasion.report import persuasion_report

    ex = "examples/efficiency_example1.toml"
    cases = [(feasible_payoffs(load_game(ex), ["9/10", "1/10"]), ("payoffs", ex, "--prior", "9/10,1/10")),
             (feasible_payoffs(load_game("examples/three_player_game.toml")), ("payoffs", "examples/three_player_game.toml")),
             (efficiency_report(load_game(ex)), ("efficiency", ex)),
             (persuasion_report(load_game(ex), ["3/10", "7/10"]), ("persuade", ex, "--prior", "3/10,7/10")),
             (persuasion_report(load_game("examples/payments_zero_sum.toml"), None, "budget-balanced"),
              ("persuade", "examples/payments_zero_sum.toml", "--payments", "budget-balanced")),
             (persuasion_report(load_game("examples/multi_receiver.toml"), None, "nonnegative"),
              ("persuade", "examples/multi_receiver.toml", "--payments", "nonnegative")),
             (cheap_talk_report(load_game(ex), ["1/2", "1/2"], pure=True), ("cheaptalk", ex, "--prior", "1/2,1/2", "--pure")),
             (bargain(load_game("examples/bargaining_three_parties.toml")), ("bargain", "examples/bargaining_three_parties.toml")),
             (bargain(load_game("examples/bargaining_election.toml"), ["2", "1"], build_set=True),
              ("bargain", "examples/bargaining_election.toml", "--weights", "2,1", "--set")),
             (dialogue(load_game("examples/spy_game.toml"), 3), ("dialogue", "examples/spy_game.toml", "--rounds", "3")),
             (dialogue(load_game("examples/bilateral_trade_three_values.toml"), 2, None, ["1/2", "1/4", "1/4"]),
              ("dialogue", "examples/bilateral_trade_three_values.toml", "--bob-prior", "1/2,1/4,1/4")),
             (acquisition(load_game("examples/acquisition_mechanism.toml")), ("acquisition", "examples/acquisition_mechanism.toml"))]
    for report, args in cases:
        doc = report.document()
        assert doc == cli(*args), args
        assert report.verify() and _checked(doc).proved
        assert report.text().splitlines()[-len(report.claims) - 1] == "claims:"


def test_many_states_cav_value_is_certified_without_the_cross_check():
    """Issue 15: above 5 states Cav V(p) used to be null; the LP duals now prove it at any size."""
    import random
    from fractions import Fraction

    from exactgame.games import SenderReceiverGame
    from exactgame.persuasion.bp import CROSS_CHECK_MAX_STATES

    rng = random.Random(7)
    n = CROSS_CHECK_MAX_STATES + 3
    S, A = [f"w{i}" for i in range(n)], [f"a{j}" for j in range(4)]
    g = SenderReceiverGame(S, A, [Fraction(1, n)] * n, sender={w: [rng.randint(0, 9) for _ in A] for w in S},
                           receiver={w: [rng.randint(0, 9) for _ in A] for w in S})
    r = persuade(g)
    assert r.envelope is None
    doc = r.document()
    assert doc["cav_value"] == doc["value"] and doc["claims"]["cav_value"]["status"] == "certified"
    assert {"cav_value", "supporting_hyperplane"} <= set(_checked(doc).proved)


def test_preferred_action_excludes_a_dominated_favourite():
    """The sender loves c, which the receiver never plays: the certificate proves c's cell empty."""
    from exactgame.games import SenderReceiverGame

    g = SenderReceiverGame(["w0", "w1"], ["a", "b", "c"], ["1/2", "1/2"],
                           sender={"w0": [1, 2, 9], "w1": [1, 2, 9]}, receiver={"w0": [3, 0, 1], "w1": [0, 3, 1]})
    doc = json.loads(json.dumps(best_equilibrium(g, ["1/2", "1/2"]).document()))
    assert doc["preferred_action"] == "b" and "c" in doc["certificates"]["preferred"]["empty_cells"]
    assert "preferred_action" in check_document(doc).proved
    import pytest

    from exactgame.check import CheckFailure

    for forged in ({"preferred_action": "c"}, {"preferred_action": "a"}):
        with pytest.raises(CheckFailure):
            check_document(doc | forged)
