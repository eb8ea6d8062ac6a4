"""The ``bargain`` subcommand: arguments in, :func:`exactgame.bargaining.bargain` out."""

from __future__ import annotations

import argparse

from ..errors import InputError
from ..numbers import to_vector
from .common import Document, register_subcommand, finish

# -- bargaining -------------------------------------------------------------------------


def _bargain_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'bargaining' or 'price-discrimination'")
    p.add_argument("--weights", help="comma-separated Nash weights, one per agent, >= 0 and not all 0 (default equal)")
    p.add_argument("--plot", metavar="PNG", help="draw the bargaining set with d and the solutions (two agents)")
    p.add_argument("--set", action="store_true", help="also compute the whole bargaining set B (its vertices; slow for "
                   "large games; --plot implies it)")
    p.add_argument("--selection", action="store_true", help="Section 4.1: Definition 2 (selection environment), and for d, "
                   "each solution and --structure: endorsement rule, robustness to ex-post deviations (eq. (7)), Theorem 3")
    p.add_argument("--price-discrimination", action="store_true", help="Section 3.3: Propositions 3-4 (trade probability "
                   "and efficiency of each structure; category structures) for a file of kind 'price-discrimination'")
    p.add_argument("--structure", metavar="FILE", help="an information structure to examine (TOML/JSON: state -> action -> "
                   "probability); implies --selection")


def _bargain(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..bargaining import BargainingProblem, bargain
    from ..games import load_game

    prob = load_game(args.file)
    if not isinstance(prob, BargainingProblem):
        raise InputError("bargain needs a file of kind 'bargaining'", where=args.file)
    weights = None if args.weights is None else to_vector(args.weights.split(","), where="--weights")
    if args.plot and len(prob.agents) != 2:
        raise InputError(f"--plot draws the bargaining set of two agents; this game has {len(prob.agents)}", where=args.file)
    structure = None
    if args.structure:
        from ..games.files import load_document

        structure = load_document(args.structure)
        structure = {k: v for k, v in structure.items() if k not in ("title", "description", "source")}
    try:
        r = bargain(prob, weights, build_set=args.set, plot=args.plot, selection=args.selection, structure=structure,
                    price_discrimination=args.price_discrimination)
    except InputError as exc:
        if args.structure and "--structure" in str(exc):
            raise type(exc)(str(exc).replace("--structure", args.structure, 1)) from None
        raise
    return finish(r, args.file)


register_subcommand("bargain", "informational bargaining: beneficial agreements and bargaining solutions", _bargain_args, _bargain)
