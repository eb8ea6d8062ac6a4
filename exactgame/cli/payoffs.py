"""The ``payoffs`` subcommand: vertices of the feasible payoff sets F_w and F_p."""

from __future__ import annotations

import argparse

from ..certificates import encode
from ..errors import InputError
from ..numbers import fmt
from ..results import certified, conditional
from .common import register_subcommand, parse_prior, _points, _finish

# -- payoffs --------------------------------------------------------------------------


def _payoffs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file (TOML or JSON) of kind 'game' or 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated probabilities in the order of the states (default: the file's prior)")
    p.add_argument("--max-vertices", type=int, default=None, metavar="N",
                   help="refuse to certify more than N vertices in dimension >= 3 (default 300: cddlib's facet enumeration)")


def _payoffs(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..games import Game, SenderReceiverGame, load_game
    from ..games.model import check_prior
    from ..geometry.hullcert import MAX_CERTIFIED_VERTICES, hull_certificate

    limit = MAX_CERTIFIED_VERTICES if args.max_vertices is None else args.max_vertices

    game = load_game(args.file)
    if isinstance(game, SenderReceiverGame):
        game = game.as_game()
    if not isinstance(game, Game):
        raise InputError(f"payoffs needs a file of kind 'game' or 'sender-receiver'", where=args.file)
    prior = game.prior if args.prior is None else check_prior(parse_prior(args.prior, game.states), game.states, where="--prior")
    states, certs = {}, {}
    lines = [f"players: {', '.join(game.players)}"]
    for w in game.states:
        F = game.feasible_set(w)
        states[w] = F.vertices
        certs[w] = hull_certificate(F, [game.payoff_points(w)], max_vertices=limit)
        lines.append(f"F_{w}: {len(F.vertices)} vertices (dim {F.dim})")
        lines += [f"  {_points([v])}" for v in F.vertices]
    Fp = game.feasible_set_at(prior)
    cert_p = hull_certificate(Fp, [game.payoff_points(w) for w in game.states], prior, max_vertices=limit)
    lines.append(f"F_p at p = ({', '.join(fmt(x) for x in prior)}): {len(Fp.vertices)} vertices (dim {Fp.dim})")
    lines += [f"  {_points([v])}" for v in Fp.vertices]
    for c in list(certs.values()) + [cert_p]:
        c.verify()
    doc = {
        "players": list(game.players),
        "states": encode(states),
        "prior": encode(Fp.vertices),
        "prior_used": encode(prior),
        "certificates": {"states": {w: c.witness() for w, c in certs.items()}, "prior": cert_p.witness()},
    }
    proves = "every listed point is a vertex (an exposing normal), every listed facet is valid and tight"
    if game.k <= 2:
        vertex_claims = [certified(key, f"certificates/{key}", proves=proves + "; in the plane, none is missing (convex ring)")
                         for key in ("states", "prior")]
    else:
        vertex_claims = [conditional(key, "cddlib's double description for completeness (no vertex missing) in dimension >= 3",
                                     f"certificates/{key}", proves=proves) for key in ("states", "prior")]
    claims = [certified("players"), certified("prior_used", proves="the prior used")] + vertex_claims
    return _finish("payoffs", game, {"prior": prior}, doc, claims, lines)


register_subcommand("payoffs", "vertices of the feasible payoff sets F_w and F_p", _payoffs_args, _payoffs)
