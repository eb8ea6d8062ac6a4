"""The ``persuade`` subcommand: the Bayesian-persuasion outcome (with or without payments, one or many receivers)."""

from __future__ import annotations

import argparse

from ..errors import InputError
from ..numbers import fmt
from ..results import not_certified
from .common import register_subcommand, parse_prior, _finish

# -- persuade -------------------------------------------------------------------------

PAYMENT_MODELS = ("none", "nonnegative", "budget-balanced", "arbitrary")


def _persuade_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated prior in the order of the states (default: the file's)")
    p.add_argument("--payments", default="none", help="payment model: " + " | ".join(PAYMENT_MODELS) + " (default none)")
    p.add_argument("--regions", action="store_true", help="also decide where in the simplex the BP outcome is efficient")
    p.add_argument("--plot", metavar="PNG", help="draw V and Cav V over the belief line (two states), or the simplex with the receiver's cells and the BP posteriors (three states)")


def _persuade(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..games import SenderReceiverGame, load_game
    from ..persuasion import persuade

    if args.payments not in PAYMENT_MODELS:
        raise InputError(f"--payments: unknown model {args.payments!r}; one of {', '.join(PAYMENT_MODELS)}")
    from ..persuasion.multireceiver import MultiReceiverGame

    game = load_game(args.file)
    if isinstance(game, MultiReceiverGame):
        return _persuade_binary(game, args)
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuade needs a file of kind 'sender-receiver' or 'multi-receiver'", where=args.file)
    prior = None if args.prior is None else parse_prior(args.prior, game.states)
    if args.payments != "none":
        return _persuade_payments(game, prior, args)
    try:
        r = persuade(game, prior)
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    claims = r.claims()
    doc = r.to_dict()
    lines = [f"prior: ({', '.join(fmt(x) for x in r.prior)})",
             f"sender's value: {fmt(r.value)} = Cav V(p)",
             "BP outcome:"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in r.outcome[w].items()))
    lines.append("recommendations and posteriors:")
    for a, (wt, q) in r.posteriors.items():
        lines.append(f"  {a}: probability {fmt(wt)}, posterior ({', '.join(fmt(x) for x in q)})")
    if args.regions:
        from ..persuasion.regions import efficiency_region

        region = efficiency_region(game)
        doc["efficiency_region"] = region.to_dict()
        claims.append(not_certified("efficiency_region", "each face's verdict carries exactgame's efficiency certificate; "
                                    "the subdivision itself is not re-checked by the independent checker"))
        if len(game.states) == 2:
            lines.append(f"BP outcome efficient for p({game.states[1]}) in {region.interval_text()} (interior priors)")
        else:
            lines.append(f"BP outcome efficient on {len(region.efficient_faces())} of {len(region.faces)} interior faces of the Cav V subdivision")
    if args.plot:
        from ..plots import plot_simplex, plot_value_and_envelope

        if len(game.states) == 3:
            plot_simplex(game, args.plot, r)
        else:
            plot_value_and_envelope(game, args.plot, r.prior)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    return _finish("persuade", game, {"prior": r.prior, "payments": "none"}, doc, claims, lines)


def _persuade_binary(game, args) -> tuple[dict, str, int]:
    from ..persuasion.multireceiver import solve_binary

    if args.prior or args.regions or args.plot:
        raise InputError("--prior, --regions and --plot are not available for multi-receiver files", where=args.file)
    r = solve_binary(game, args.payments)
    lines = [f"receivers: {', '.join(game.receivers)}; payments: {args.payments}",
             f"sender's value net of payments: {fmt(r.value)}", "scheme (sets told to take action 1):"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{{{S}}} {fmt(q)}" for S, q in r.scheme[w].items()))
    lines.append("multipliers lambda1, lambda0: " + ", ".join(fmt(x) for x in r.lambda1 + r.lambda0)
                 + (f" (all equal: gamma* = {fmt(r.gamma)})" if r.gamma is not None else ""))
    return _finish("persuade", game, {"payments": args.payments}, r.to_dict(), r.claims(), lines)


def _persuade_payments(game, prior, args) -> tuple[dict, str, int]:
    from ..persuasion.payments import persuade_with_payments

    if args.regions or args.plot:
        raise InputError("--regions and --plot are for --payments none")
    try:
        r = persuade_with_payments(game, args.payments, prior)
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    lines = [f"prior: ({', '.join(fmt(x) for x in r.prior)}); payments: {args.payments}",
             f"sender's value net of payments: {fmt(r.value)}; receiver's value with payments: {fmt(r.receiver_value)}",
             "scheme (recommendation probabilities):"]
    for w in game.states:
        lines.append(f"  {w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in r.scheme[w].items()))
    lines.append("payments when recommended: " + (", ".join(f"{a} {fmt(v)}" for a, v in r.payments.items()) or "none"))
    lines.append("duals lambda(i, j) of the persuasiveness constraints: "
                 + (", ".join(f"{i}->{j} {fmt(v)}" for (i, j), v in r.duals.items() if v) or "all 0"))
    return _finish("persuade", game, {"prior": r.prior, "payments": args.payments}, r.to_dict(), r.claims(), lines)


register_subcommand("persuade", "the Bayesian-persuasion outcome (obedience LP and Cav V)", _persuade_args, _persuade)
