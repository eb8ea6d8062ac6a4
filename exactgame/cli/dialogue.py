"""The ``dialogue`` subcommand: arguments in, :func:`exactgame.dialogue.dialogue` out."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, register_subcommand, parse_prior, _ticks_to_stderr, _progress_to_stderr, finish

# -- dialogue ---------------------------------------------------------------------------


def _dialogue_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'bilateral-trade' or 'dialogue'")
    p.add_argument("--rounds", type=int, default=2, help="number of rounds T (default 2); payoffs for t = 0..T")
    p.add_argument("--sally-prior", help="Sally's (seller's) distribution, comma-separated, in the order of her types")
    p.add_argument("--bob-prior", help="Bob's (buyer's) distribution, comma-separated, in the order of his types")
    p.add_argument("--plot", metavar="PNG", help="square diagrams of each round's strategy and the path (binary types)")
    p.add_argument("--tree", metavar="FILE", help="write the protocol tree from the start point as GraphML (.graphml) or DOT (.dot)")
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="start no whole-square round after this many seconds; the rounds completed are reported")
    p.add_argument("--lemma1", action="store_true",
                   help="Lemma 1 (Bergemann-Brooks-Morris) at every point mass of the seller, certified (bilateral trade)")
    p.add_argument("--theorem5", action="store_true",
                   help="Theorem 5 at the start point with Lemma 6 (nested indifference distributions) and Lemma 7 "
                        "(Sally's signal, eq. (5)), certified (bilateral trade, two buyer values, costs below the low value)")
    p.add_argument("--theorem-plot", metavar="PNG", help="Figures 2-4 of the paper for a Theorem 5 game")
    p.add_argument("--enclose-after", type=int, metavar="DIGITS", default=None,
                   help="binary types: compute the rounds after the first grid whose exact breakpoints pass this many "
                        "digits in enclosures (balls around the exact values, ties by a modular test; reported under "
                        "enclosure_rounds, not certified); default 1000")
    p.add_argument("--exact", action="store_true", help="binary types: exact rounds only, no enclosures (long runs stop at "
                                                         "the digit limit)")
    p.add_argument("--resume", metavar="CHECKPOINT",
                   help="load the whole-square rounds saved in this file (if it exists; refused for another game) and "
                        "save every completed round to it (.gz: compressed)")


def _dialogue(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..dialogue import DialogueGame
    from ..dialogue.report import dialogue
    from ..dialogue.square import ENCLOSE_DIGITS
    from ..games import load_game

    game = load_game(args.file)
    if not isinstance(game, DialogueGame):
        raise InputError("dialogue needs a file of kind 'bilateral-trade' or 'dialogue'", where=args.file)
    if args.time_limit is not None and not args.time_limit > 0:
        raise InputError(f"--time-limit: give a positive number of seconds, not {args.time_limit}")
    if args.exact and args.enclose_after is not None:
        raise InputError("--exact and --enclose-after contradict each other: give one")
    if args.enclose_after is not None and args.enclose_after < 1:
        raise InputError(f"--enclose-after: give a positive number of digits, not {args.enclose_after}")
    enclose = None if args.exact else (args.enclose_after if args.enclose_after is not None else ENCLOSE_DIGITS)
    DS = parse_prior(args.sally_prior, game.sally_types, "--sally-prior")
    DB = parse_prior(args.bob_prior, game.bob_types, "--bob-prior")
    from ..progress import reporting

    with reporting(_ticks_to_stderr()):
        r = dialogue(game, args.rounds, DS, DB, plot=args.plot, progress=_progress_to_stderr(),
                     budget=args.time_limit, tree=args.tree, lemma1=args.lemma1, theorem5=args.theorem5,
                     theorem_plot=args.theorem_plot, resume=args.resume, enclose=enclose)
    return finish(r, args.file)


register_subcommand("dialogue", "interactive verifiable communication: payoffs of t-round protocols (alternating concavification)", _dialogue_args, _dialogue)
