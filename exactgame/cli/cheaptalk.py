"""The ``cheaptalk`` subcommand: the best equilibrium under transparent motives, pure equilibria."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from ..numbers import fmt
from ..results import certified, not_certified
from .common import register_subcommand, parse_prior, _finish

# -- cheap talk ------------------------------------------------------------------------


def _cheaptalk_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--pure", action="store_true", help="also enumerate the pure (partitional) equilibria")
    p.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="refuse the transparent-motives computation above N states (default 8: its cost grows exponentially)")
    p.add_argument("--plot", metavar="PNG", help="draw V, quasicav V and the cutoff beliefs (two states, state-independent sender)")


def _cheaptalk(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..cheaptalk import best_equilibrium, pure_equilibria, state_independent_payoffs
    from ..games import SenderReceiverGame, load_game
    from ..games.model import check_prior

    game = load_game(args.file)
    if not isinstance(game, SenderReceiverGame):
        raise InputError("cheaptalk needs a file of kind 'sender-receiver'", where=args.file)
    prior = None if args.prior is None else parse_prior(args.prior, game.states)
    doc: dict[str, Any] = {}
    lines: list[str] = []
    plot_prior = prior if prior is not None else game.prior
    claims = []
    try:
        if state_independent_payoffs(game) is not None:
            from ..cheaptalk import MAX_STATES

            eq = best_equilibrium(game, prior, max_states=args.max_states if args.max_states is not None else MAX_STATES)
            doc.update(eq.to_dict())
            claims += eq.claims()
            lines.append(f"prior: ({', '.join(fmt(x) for x in eq.prior)}); state-independent sender (transparent motives)")
            lines.append(f"sender's best equilibrium payoff: {fmt(eq.sender_value)} = quasicav V(p)")
            for k, (w, q) in enumerate(zip(eq.weights, eq.posteriors)):
                resp = ", ".join(f"{a} {fmt(x)}" for a, x in eq.tau[f"m{k}"].items())
                lines.append(f"  message m{k}: probability {fmt(w)}, posterior ({', '.join(fmt(x) for x in q)}), receiver plays {resp}")
            lines.append(f"influential: {'yes' if eq.influential else 'no (babbling)'}")
            lines.append(f"efficient: {'yes' if eq.efficiency.efficient else 'no'}; preferred action {eq.preferred_action} "
                         f"induced with certainty: {'yes' if eq.preferred_with_certainty else 'no'} (Proposition 4)")
            bad = [w for w, ok in eq.efficiency.ex_post_efficient.items() if not ok]
            for w in bad:
                better = eq.efficiency.ex_post_certificates[w].better[w]
                lines.append(f"  not ex-post efficient in {w}: " + ", ".join(f"{a} {fmt(x)}" for a, x in better.items()) + " is better for both")
        else:
            doc["sender_value"] = None
            doc["note"] = "the sender's payoff depends on the state: quasicav V(p) (transparent motives) does not apply"
            claims.append(certified("sender_value", proves="null: the sender's payoff depends on the state"))
            lines.append("state-dependent sender: the transparent-motives value does not apply; use --pure")
        if args.pure:
            eqs = pure_equilibria(game, prior)
            doc["pure_equilibria"] = [e.to_dict() for e in eqs]
            claims.append(not_certified("pure_equilibria", "each listed equilibrium is checked by exactgame against "
                                        "Definition 5; the enumeration is not re-checked by the independent checker"))
            lines.append(f"pure (partitional) equilibria: {len(eqs)}")
            for e in eqs:
                blocks = " | ".join("{" + ", ".join(b) + "} -> " + a for b, a in zip(e.blocks, e.actions))
                lines.append(f"  {blocks}: sender {fmt(e.sender_payoff)}, receiver {fmt(e.receiver_payoff)}, "
                             f"{'efficient' if e.efficient else 'inefficient'}")
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    if args.plot:
        from ..plots import plot_quasiconcave

        plot_quasiconcave(game, args.plot, plot_prior)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    options = {"prior": tuple(plot_prior) if prior is None else check_prior(prior, game.states, where="--prior")}
    return _finish("cheaptalk", game, options, doc, claims, lines)


register_subcommand("cheaptalk", "cheap-talk equilibria: best equilibrium under transparent motives, pure equilibria", _cheaptalk_args, _cheaptalk)
