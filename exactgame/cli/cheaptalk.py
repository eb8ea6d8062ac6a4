"""The ``cheaptalk`` subcommand: the best equilibrium under transparent motives, pure equilibria."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, parse_prior, register_subcommand, finish

# -- cheap talk ------------------------------------------------------------------------


def _cheaptalk_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--pure", action="store_true", help="also enumerate the pure (partitional) equilibria")
    p.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="with fewer than 6 states or --payoff-set: refuse above N states (default 8: the vertex enumeration grows "
                        "exponentially); from 6 states on the best equilibrium uses the receiver's cones and this does not apply")
    p.add_argument("--plot", metavar="PNG", help="draw V, quasicav V and the cutoff beliefs (two states, state-independent sender)")
    p.add_argument("--payoff-set", action="store_true",
                   help="also the whole set of the sender's equilibrium payoffs [lowest, highest] (state-independent sender)")
    p.add_argument("--mixed", action="store_true",
                   help="instead, list the extreme equilibria of every support pattern, mixed ones included (any sender "
                        "payoffs; small games), with purity and efficiency (Proposition 3)")
    p.add_argument("--messages", type=int, default=None, metavar="K",
                   help="with --mixed: at most K messages (default: the number of states of positive prior)")
    p.add_argument("--profile", metavar="FILE",
                   help="instead, check the profile (sigma, tau) in FILE against Definition 5 (any sender payoffs)")


def _cheaptalk(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..games import SenderReceiverGame, load_game

    game = load_game(args.file)
    if not isinstance(game, SenderReceiverGame):
        raise InputError("cheaptalk needs a file of kind 'sender-receiver'", where=args.file)
    if args.profile:
        from ..cheaptalk_profile import load_profile, profile_report

        if args.pure or args.plot or args.mixed or args.payoff_set or args.messages is not None:
            raise InputError("--profile checks one profile: it does not combine with --pure, --plot, --mixed, "
                             "--messages or --payoff-set")
        sigma, tau = load_profile(args.profile)
        try:
            return finish(profile_report(game, sigma, tau, parse_prior(args.prior, game.states)), args.file)
        except InputError as exc:
            raise exc.located(args.profile) from None
    _refuse_combinations(args)
    try:
        r = _report(args, game)
    except InputError as exc:
        raise exc.located(args.file) from None
    return finish(r, args.file)


def _refuse_combinations(args: argparse.Namespace) -> None:
    """--mixed, --payoff-set and --pure/--plot are separate questions; --messages goes with --mixed."""
    if args.mixed and (args.pure or args.plot or args.payoff_set):
        raise InputError("--mixed does not combine with --pure, --plot or --payoff-set")
    if args.messages is not None and not args.mixed:
        raise InputError("--messages goes with --mixed")
    if args.payoff_set and (args.pure or args.plot):
        raise InputError("--payoff-set does not combine with --pure or --plot")


def _report(args: argparse.Namespace, game):
    """The report the options ask for: mixed equilibria, the payoff set, or the best equilibrium."""
    prior = parse_prior(args.prior, game.states)
    if args.mixed:
        from ..cheaptalk_mixed import mixed_report

        return mixed_report(game, prior, args.messages)
    if args.payoff_set:
        from ..cheaptalk_payoffs import payoff_set_report

        return payoff_set_report(game, prior, max_states=args.max_states)
    from ..cheaptalk import cheap_talk_report

    return cheap_talk_report(game, prior, pure=args.pure, max_states=args.max_states, plot=args.plot)


register_subcommand("cheaptalk", "cheap-talk equilibria: best equilibrium under transparent motives, pure equilibria", _cheaptalk_args, _cheaptalk)
