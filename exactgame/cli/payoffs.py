"""The ``payoffs`` subcommand: vertices of the feasible payoff sets F_w and F_p."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import parse_prior, register_subcommand

# -- payoffs --------------------------------------------------------------------------


def _payoffs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file (TOML or JSON) of kind 'game' or 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated probabilities in the order of the states (default: the file's prior)")
    p.add_argument("--max-vertices", type=int, default=None, metavar="N",
                   help="refuse to certify more than N vertices in dimension >= 3 (default 300: cddlib's facet enumeration)")


def _payoffs(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..games import Game, SenderReceiverGame, load_game
    from ..games.feasible import feasible_payoffs

    game = load_game(args.file)
    if not isinstance(game, (Game, SenderReceiverGame)):
        raise InputError("payoffs needs a file of kind 'game' or 'sender-receiver'", where=args.file)
    r = feasible_payoffs(game, parse_prior(args.prior, game.states), args.max_vertices)
    return r.document(), r.text(), 0


register_subcommand("payoffs", "vertices of the feasible payoff sets F_w and F_p", _payoffs_args, _payoffs)
