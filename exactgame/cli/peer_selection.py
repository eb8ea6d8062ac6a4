"""The ``peer-selection`` subcommand: the ranking-based mechanism (Proposition 7) and the optimal DIC mechanism."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, finish, register_subcommand


def _peer_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'peer-selection' (values per agent and type, threshold, prior)")


def _peer(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..games import load_game
    from ..peer_selection_report import PeerSelectionGame, peer_selection_report

    game = load_game(args.file)
    if not isinstance(game, PeerSelectionGame):
        raise InputError("peer-selection needs a file of kind 'peer-selection'", where=args.file)
    try:
        r = peer_selection_report(game)
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


register_subcommand("peer-selection", "ranking-based mechanism (Proposition 7) and the optimal DIC mechanism (Section 3.2)",
                    _peer_args, _peer)
