"""The ``buyer-seller`` subcommand: threshold buyer-seller environments (Propositions 5-6)."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, finish, register_subcommand


def _bs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'buyer-seller' (seller_payoffs, threshold, prior)")


def _bs(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..games import load_game
    from ..persuasion.buyer_seller_report import BuyerSellerGame, buyer_seller_report

    game = load_game(args.file)
    if not isinstance(game, BuyerSellerGame):
        raise InputError("buyer-seller needs a file of kind 'buyer-seller'", where=args.file)
    try:
        r = buyer_seller_report(game)
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


register_subcommand("buyer-seller", "buyer-seller threshold environments: T_p, R*, the BP outcome's efficiency (Propositions 5-6)",
                    _bs_args, _bs)
