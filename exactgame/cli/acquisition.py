"""The ``acquisition`` subcommand: arguments in, :func:`exactgame.acquisition.acquisition` out."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, register_subcommand, _ticks_to_stderr, finish

# -- acquisition ------------------------------------------------------------------------


def _acquisition_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'acquisition'")
    p.add_argument("--subsidy", action="store_true",
                   help="also minimize the subsidy for efficient trade (2 to 5 states; automatic without 'alpha')")
    p.add_argument("--plot", metavar="PNG", help="revenue per posterior and its concave closure at the optimum (with --subsidy)")


def _acquisition(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..acquisition import AcquisitionGame
    from ..acquisition.report import acquisition
    from ..games import load_game

    game = load_game(args.file)
    if not isinstance(game, AcquisitionGame):
        raise InputError("acquisition needs a file of kind 'acquisition'", where=args.file)
    if args.plot and not (args.subsidy or game.alpha is None):
        raise InputError("--plot draws the subsidy-minimization figure: add --subsidy")
    if args.plot and len(game.states) != 2:
        raise InputError(f"key 'states': --plot draws the two-state figure (revenue per posterior); the file has "
                         f"{len(game.states)} states", where=args.file)
    from ..progress import reporting

    try:
        with reporting(_ticks_to_stderr()):
            r = acquisition(game, subsidy=args.subsidy, plot=args.plot)
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


register_subcommand("acquisition", "costly information acquisition: implementability (ST, DF, CS, NA), correlation, minimal subsidy", _acquisition_args, _acquisition)
