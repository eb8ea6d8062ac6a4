"""The ``persuade`` subcommand: arguments in, :func:`exactgame.persuasion.report.persuasion_report` out."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .common import Document, parse_prior, register_subcommand, finish


#: The names of :data:`exactgame.persuasion.payments.PAYMENT_MODELS`, spelled here so that building
#: the parser (``exactgame --help``) does not import the persuasion package (about 50 ms);
#: tests/test_lazy_registries.py keeps the two equal, and the report refuses any other name.
PAYMENT_MODEL_NAMES = ("none", "nonnegative", "budget-balanced", "arbitrary")


def _persuade_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver', 'action-types' or 'multi-receiver'")
    p.add_argument("--prior", help="comma-separated prior in the order of the states (default: the file's)")
    p.add_argument("--payments", default="none", help="payment model: " + " | ".join(PAYMENT_MODEL_NAMES) + " (default none)")
    p.add_argument("--ties", default="sender", choices=("sender", "receiver-worst"),
                   help="how the receiver breaks ties: for the sender (default, Definition 6) or against him "
                        "(receiver-worst: the supremum, and whether it is attained)")
    p.add_argument("--regions", action="store_true", help="also decide where in the simplex the BP outcome is efficient")
    p.add_argument("--plot", metavar="PNG", help="draw V and Cav V over the belief line (two states), or the simplex with the receiver's cells and the BP posteriors (three states); multi-receiver files with two states: the public value function, its envelope and the private optimum")
    p.add_argument("--signals", default="private", choices=("private", "public", "both"),
                   help="multi-receiver files: private signals (LP-Binary, default), one public signal (LP-Public, cav V), or both and their difference")
    p.add_argument("--externalities", action="store_true",
                   help="multi-receiver files, no payments: Appendix B of 003 (Definition 6, Lemma 4 with its repair, the final primal-dual LP)")
    p.add_argument("--reduced-form", action="store_true",
                   help="sender-receiver files: Appendix C of 003, the optimal scheme's signature (reduced form) and LP-Independent-with-Payments at it")


def _persuade(args: argparse.Namespace) -> tuple[Document, str, int]:
    from ..games import load_game
    from ..persuasion.report import persuasion_report

    game = load_game(args.file)
    states = getattr(game, "states", ())
    try:
        r = persuasion_report(game, parse_prior(args.prior, states), args.payments, regions=args.regions, plot=args.plot,
                              signals=args.signals, externalities=args.externalities,
                              reduced_form=args.reduced_form, ties=args.ties)
    except InputError as exc:
        if str(exc).startswith(("--payments:", "--prior:", "--signals", "--externalities", "--reduced-form", "--ties:")):
            raise
        raise exc.located(args.file) from None
    return finish(r, args.file)


register_subcommand("persuade", "the Bayesian-persuasion outcome (obedience LP and Cav V)", _persuade_args, _persuade)
