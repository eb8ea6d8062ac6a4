"""The ``efficiency`` subcommand: Pareto efficiency of an outcome (Propositions 1-2, Theorem 1)."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, _every_few_seconds, parse_prior, register_subcommand, finish

# -- efficiency -----------------------------------------------------------------------


def _efficiency_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'game' or 'sender-receiver' with an [outcome] table")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--plot", metavar="PNG", help="draw F_w, F_p, the outcome and the normal cones (two players)")
    p.add_argument("--vector", metavar="U",
                   help="Definition 1 for a payoff vector: comma-separated, one exact number per player (no outcome needed)")
    p.add_argument("--rule", metavar="RULE",
                   help="Corollary 1: a file with types pi(t|w) and a rule sigma(t, w) or strategies sigma_i(t_i); "
                        "the outcome they induce replaces the game's [outcome]")
    p.add_argument("--probe", type=int, default=0, metavar="N",
                   help="genericity probe: re-decide under N random small rational perturbations of the payoffs")


def _efficiency(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..efficiency import efficiency_report
    from ..games import load_game

    game = load_game(args.file)
    prior = None if args.prior is None else parse_prior(args.prior, getattr(game, "states", ()))
    if args.vector is not None:
        return _vector(args, game, prior)
    if args.rule is not None:
        return _rule(args, game, prior)
    try:
        r = efficiency_report(game, prior, probe_trials=args.probe, plot=args.plot,
                              progress=_every_few_seconds("genericity probe"))
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


register_subcommand("efficiency", "Pareto efficiency of an outcome (Propositions 1-2, Theorem 1)", _efficiency_args, _efficiency)


def _vector(args: argparse.Namespace, game, prior) -> tuple[Document, str, int]:
    from ..numbers import to_vector
    from ..pareto import vector_efficiency_report

    if args.probe or args.plot:
        raise InputError("--vector decides Definition 1 for a vector; --probe and --plot are for an outcome", where="--vector")
    u = to_vector([t for t in args.vector.split(",")], where="--vector")
    try:
        r = vector_efficiency_report(game, u, prior)
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


def _rule(args: argparse.Namespace, game, prior) -> tuple[Document, str, int]:
    from ..games.files import load_document
    from ..type_rules import rule_report

    if args.probe or args.plot:
        raise InputError("--rule studies the induced outcome; --probe and --plot are not available with it", where="--rule")
    doc = load_document(args.rule)
    try:
        r = rule_report(game, doc, prior)
    except InputError as exc:
        raise exc.located(args.rule) from None
    return finish(r, args.file)
