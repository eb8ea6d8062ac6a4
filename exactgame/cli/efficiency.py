"""The ``efficiency`` subcommand: Pareto efficiency of an outcome (Propositions 1-2, Theorem 1)."""

from __future__ import annotations

import argparse

from ..errors import InputError
from ..numbers import fmt
from ..results import not_certified
from .common import register_subcommand, parse_prior, _points, _finish, _every_few_seconds

# -- efficiency -----------------------------------------------------------------------


def _efficiency_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'game' or 'sender-receiver' with an [outcome] table")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--plot", metavar="PNG", help="draw F_w, F_p, the outcome and the normal cones (two players)")
    p.add_argument("--probe", type=int, default=0, metavar="N",
                   help="genericity probe: re-decide under N random small rational perturbations of the payoffs")


def _efficiency(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..efficiency import efficiency, genericity_probe
    from ..games import load_game

    game = load_game(args.file)
    prior = None if args.prior is None else parse_prior(args.prior, getattr(game, "states", ()))
    try:
        res = efficiency(game, prior=prior)
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    doc = res.to_dict()
    g = res.game
    lines = [f"players: {', '.join(g.players)}; prior: ({', '.join(fmt(x) for x in res.prior)})"]
    for w in g.states:
        cone = res.normal_cones[w]
        gens = ", ".join(_points([r]) for r in cone.rays) + ("" if not cone.lineality else f" + lin{_points(cone.lineality)}")
        lines.append(f"  {w}: support {{{', '.join(res.support[w])}}}, ex-post efficient: {'yes' if res.ex_post_efficient[w] else 'no'}, "
                     f"normal cone: {gens or '{0}'}")
    lines.append(f"compatible: {'yes, common normal ' + _points([res.common_normal]) if res.compatible else 'no'}")
    lines.append(f"actions taken: {res.actions_taken} (Theorem 1 bound: < {res.bound}), class: {res.cls}")
    lines.append(f"efficient: {'yes' if res.efficient else 'no'}  (u(mu) = {_points([res.payoff])})")
    cert = res.certificate
    if res.efficient:
        lines.append(f"  certificate: positive normal n = {_points([cert.normal])} with n.d <= 0 for every deviation")
    else:
        better = "; ".join(f"{w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in sorted(d.items())) for w, d in cert.better.items())
        lines.append(f"  certificate: the outcome {{{better}}} gives {_points([cert.better_payoff])}, a Pareto improvement")
    if res.efficient and not res.within_bound:
        lines.append("  note: efficient although Theorem 1's bound fails: a non-generic instance (knife edge)")
    claims = res.claims()
    if args.probe:
        probe = genericity_probe(game, prior=prior, trials=args.probe, progress=_every_few_seconds("genericity probe"))
        doc["genericity"] = probe
        claims.append(not_certified("genericity", "random perturbations: evidence of (non-)genericity, not a proof"))
        lines.append(f"genericity probe ({args.probe} perturbations of size {probe['scale']}): "
                     f"{'stable' if probe['stable'] else 'verdict changes: a knife-edge instance'}")
    if args.plot:
        from ..plots import plot_efficiency

        plot_efficiency(res, args.plot)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    return _finish("efficiency", game, {"prior": res.prior}, doc, claims, lines)


register_subcommand("efficiency", "Pareto efficiency of an outcome (Propositions 1-2, Theorem 1)", _efficiency_args, _efficiency)
