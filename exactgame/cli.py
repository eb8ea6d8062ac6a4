"""The ``exactgame`` command line.

``exactgame SUBCOMMAND FILE [options]``; ``--json`` prints one JSON document with exact
numbers as strings ``"p/q"``. Exit codes: 0 answered, 2 bad input or usage (one line on
stderr naming the file, key and problem), 1 internal error, a failed reproduction or a
certificate that does not verify.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from typing import Any, Callable, Sequence

from .certificates import Certificate, certificate_from_dict, encode
from .errors import CertificateError, InputError, InternalError
from .numbers import fmt, to_vector
from .results import certified, claims_text, conditional, not_certified, proof_document

__all__ = ["main", "register_subcommand"]

Handler = Callable[[argparse.Namespace], tuple[dict, str, int]]
_SUBCOMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Handler, str]] = {}


def register_subcommand(name: str, help: str, configure: Callable[[argparse.ArgumentParser], None], handler: Handler) -> None:
    """Add a subcommand: ``configure`` adds its arguments, ``handler`` returns (JSON dict, text, exit code)."""
    _SUBCOMMANDS[name] = (configure, handler, help)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise InputError(f"{message} (see `{self.prog} --help`)")


def parse_prior(text: str | None, states: Sequence[str]):
    """``--prior``: comma-separated exact numbers in the order of the states."""
    if text is None:
        return None
    parts = [t for t in text.split(",")]
    return to_vector(parts, where="--prior")


def _points(vs) -> str:
    return ", ".join("(" + ", ".join(fmt(c) for c in v) + ")" for v in vs)


# -- payoffs --------------------------------------------------------------------------


def _payoffs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file (TOML or JSON) of kind 'game' or 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated probabilities in the order of the states (default: the file's prior)")
    p.add_argument("--max-vertices", type=int, default=None, metavar="N",
                   help="refuse to certify more than N vertices in dimension >= 3 (default 300: cddlib's facet enumeration)")


def _payoffs(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .games import Game, SenderReceiverGame, load_game
    from .games.model import check_prior
    from .geometry.hullcert import MAX_CERTIFIED_VERTICES, hull_certificate

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


# -- efficiency -----------------------------------------------------------------------


def _efficiency_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'game' or 'sender-receiver' with an [outcome] table")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--plot", metavar="PNG", help="draw F_w, F_p, the outcome and the normal cones (two players)")
    p.add_argument("--probe", type=int, default=0, metavar="N",
                   help="genericity probe: re-decide under N random small rational perturbations of the payoffs")


def _efficiency(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .efficiency import efficiency, genericity_probe
    from .games import load_game

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
        from .plots import plot_efficiency

        plot_efficiency(res, args.plot)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    return _finish("efficiency", game, {"prior": res.prior}, doc, claims, lines)


# -- persuade -------------------------------------------------------------------------

PAYMENT_MODELS = ("none", "nonnegative", "budget-balanced", "arbitrary")


def _persuade_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated prior in the order of the states (default: the file's)")
    p.add_argument("--payments", default="none", help="payment model: " + " | ".join(PAYMENT_MODELS) + " (default none)")
    p.add_argument("--regions", action="store_true", help="also decide where in the simplex the BP outcome is efficient")
    p.add_argument("--plot", metavar="PNG", help="draw V and Cav V over the belief line (two states), or the simplex with the receiver's cells and the BP posteriors (three states)")


def _persuade(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .games import SenderReceiverGame, load_game
    from .persuasion import persuade

    if args.payments not in PAYMENT_MODELS:
        raise InputError(f"--payments: unknown model {args.payments!r}; one of {', '.join(PAYMENT_MODELS)}")
    from .persuasion.multireceiver import MultiReceiverGame

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
        from .persuasion.regions import efficiency_region

        region = efficiency_region(game)
        doc["efficiency_region"] = region.to_dict()
        claims.append(not_certified("efficiency_region", "each face's verdict carries exactgame's efficiency certificate; "
                                    "the subdivision itself is not re-checked by the independent checker"))
        if len(game.states) == 2:
            lines.append(f"BP outcome efficient for p({game.states[1]}) in {region.interval_text()} (interior priors)")
        else:
            lines.append(f"BP outcome efficient on {len(region.efficient_faces())} of {len(region.faces)} interior faces of the Cav V subdivision")
    if args.plot:
        from .plots import plot_simplex, plot_value_and_envelope

        if len(game.states) == 3:
            plot_simplex(game, args.plot, r)
        else:
            plot_value_and_envelope(game, args.plot, r.prior)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    return _finish("persuade", game, {"prior": r.prior, "payments": "none"}, doc, claims, lines)


def _finish(command: str, game, options: dict, body: dict, claims, lines: list[str]) -> tuple[dict, str, int]:
    """The proof-carrying document and the text output, which ends with each claim's status."""
    doc = proof_document(command, game, options, body, claims)
    lines = list(lines) + ["claims:"] + claims_text(claims)
    return doc, "\n".join(lines), 0


def _persuade_binary(game, args) -> tuple[dict, str, int]:
    from .persuasion.multireceiver import solve_binary

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
    from .persuasion.payments import persuade_with_payments

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


# -- cheap talk ------------------------------------------------------------------------


def _cheaptalk_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'sender-receiver'")
    p.add_argument("--prior", help="comma-separated interior prior in the order of the states (default: the file's)")
    p.add_argument("--pure", action="store_true", help="also enumerate the pure (partitional) equilibria")
    p.add_argument("--max-states", type=int, default=None, metavar="N",
                   help="refuse the transparent-motives computation above N states (default 8: its cost grows exponentially)")
    p.add_argument("--plot", metavar="PNG", help="draw V, quasicav V and the cutoff beliefs (two states, state-independent sender)")


def _cheaptalk(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .cheaptalk import best_equilibrium, pure_equilibria, state_independent_payoffs
    from .games import SenderReceiverGame, load_game
    from .games.model import check_prior

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
            from .cheaptalk import MAX_STATES

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
        from .plots import plot_quasiconcave

        plot_quasiconcave(game, args.plot, plot_prior)
        doc["plot"] = args.plot
        lines.append(f"figure written to {args.plot}")
    options = {"prior": tuple(plot_prior) if prior is None else check_prior(prior, game.states, where="--prior")}
    return _finish("cheaptalk", game, options, doc, claims, lines)


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


def _bargain(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .bargaining import BargainingProblem, bargain
    from .games import load_game

    prob = load_game(args.file)
    if not isinstance(prob, BargainingProblem):
        raise InputError("bargain needs a file of kind 'bargaining'", where=args.file)
    weights = None if args.weights is None else to_vector(args.weights.split(","), where="--weights")
    if args.plot and len(prob.agents) != 2:
        raise InputError(f"--plot draws the bargaining set of two agents; this game has {len(prob.agents)}", where=args.file)
    structure = None
    if args.structure:
        from .games.files import load_document

        structure = load_document(args.structure)
        structure = {k: v for k, v in structure.items() if k not in ("title", "description", "source")}
    try:
        r = bargain(prob, weights, build_set=args.set, plot=args.plot, selection=args.selection, structure=structure,
                    price_discrimination=args.price_discrimination)
    except InputError as exc:
        if args.structure and "--structure" in str(exc):
            raise InputError(str(exc).replace("--structure", args.structure, 1)) from None
        raise
    return r.document(), r.text(), 0


# -- dialogue ---------------------------------------------------------------------------


def _dialogue_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'bilateral-trade' or 'dialogue'")
    p.add_argument("--rounds", type=int, default=2, help="number of rounds T (default 2); payoffs for t = 0..T")
    p.add_argument("--sally-prior", help="Sally's (seller's) distribution, comma-separated, in the order of her types")
    p.add_argument("--bob-prior", help="Bob's (buyer's) distribution, comma-separated, in the order of his types")
    p.add_argument("--plot", metavar="PNG", help="square diagrams of each round's strategy and the path (binary types)")


def _dialogue(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .dialogue import DialogueGame
    from .dialogue.report import dialogue
    from .games import load_game

    game = load_game(args.file)
    if not isinstance(game, DialogueGame):
        raise InputError("dialogue needs a file of kind 'bilateral-trade' or 'dialogue'", where=args.file)
    DS = parse_prior(args.sally_prior, game.sally_types)
    DB = parse_prior(args.bob_prior, game.bob_types)
    from .progress import reporting

    with reporting(_ticks_to_stderr()):
        r = dialogue(game, args.rounds, DS, DB, plot=args.plot, progress=_progress_to_stderr())
    return r.document(), r.text(), 0


# -- acquisition ------------------------------------------------------------------------


def _acquisition_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a game file of kind 'acquisition'")
    p.add_argument("--subsidy", action="store_true",
                   help="also minimize the subsidy for efficient trade (two states; automatic without 'alpha')")
    p.add_argument("--plot", metavar="PNG", help="revenue per posterior and its concave closure at the optimum (with --subsidy)")


def _acquisition(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .acquisition import AcquisitionGame
    from .acquisition.report import acquisition
    from .games import load_game

    game = load_game(args.file)
    if not isinstance(game, AcquisitionGame):
        raise InputError("acquisition needs a file of kind 'acquisition'", where=args.file)
    if args.plot and not (args.subsidy or game.alpha is None):
        raise InputError("--plot draws the subsidy-minimization figure: add --subsidy")
    from .progress import reporting

    try:
        with reporting(_ticks_to_stderr()):
            r = acquisition(game, subsidy=args.subsidy, plot=args.plot)
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    return r.document(), r.text(), 0


def _every_few_seconds(what: str):
    """A progress callback ``(done, total)`` that reports on stderr at most every 3 seconds."""
    import time

    last = [time.perf_counter()]

    def report(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 3:
            print(f"exactgame: {what}: {done} of {total} done", file=sys.stderr, flush=True)
            last[0] = now

    return report


def _ticks_to_stderr():
    """A :func:`exactgame.progress.reporting` reporter: one stderr line at most every 3 seconds."""
    import time

    last = [time.perf_counter()]

    def report(what: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 3:
            print(f"exactgame: {what}: {done} of at most {total}", file=sys.stderr, flush=True)
            last[0] = now

    return report


def _progress_to_stderr():
    """A progress callback that reports rounds on stderr once they start taking time."""
    import time

    last = [time.perf_counter()]

    def report(t, grid) -> None:
        now = time.perf_counter()
        if now - last[0] > 2:
            print(f"exactgame: round {t} done ({grid.cells} grid cells, {now - last[0]:.0f} s)", file=sys.stderr, flush=True)
        last[0] = now

    return report


# -- reproduce ------------------------------------------------------------------------


def _reproduce_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", help="only the entries of this seed file")


def _reproduce(args: argparse.Namespace) -> tuple[Any, str, int]:
    from .reproduce import run

    results = run(args.source)
    if not results:
        raise InputError(f"--source: no catalogue entries for {args.source!r}")
    lines = []
    width = max(len(o.entry.item) for o in results)
    last = None
    for o in results:
        if o.entry.source != last:
            lines.append(o.entry.source)
            last = o.entry.source
        mark = "✓" if o.ok else "✗"
        lines.append(f"  {mark} {o.entry.item.ljust(width)}  {o.computed}")
        if not o.ok:
            lines.append(f"      expected: {o.entry.expected}" + (f"  ({o.error})" if o.error else ""))
    n_ok = sum(o.ok for o in results)
    lines.append(f"{n_ok} of {len(results)} published numbers reproduced, certificates verified")
    return [o.to_dict() for o in results], "\n".join(lines), 0 if n_ok == len(results) else 1


# -- verify ---------------------------------------------------------------------------


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="an exactgame --json result document, or a bare certificate")
    p.add_argument("--game", metavar="GAME", help="the game file the result should be about (its SHA-256 must match)")


def _find_certificates(doc: Any, path: str = "") -> list[tuple[str, dict]]:
    found = []
    if isinstance(doc, dict):
        if "certificate" in doc and isinstance(doc["certificate"], str):
            return [(path or "/", doc)]
        for k, v in doc.items():
            found += _find_certificates(v, f"{path}/{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            found += _find_certificates(v, f"{path}/{i}")
    return found


def _import_all_modules() -> None:
    """Import every exactgame module so that every certificate kind is registered."""
    import importlib
    import pkgutil

    import exactgame

    for mod in pkgutil.walk_packages(exactgame.__path__, "exactgame."):
        if not mod.name.endswith("__main__"):
            importlib.import_module(mod.name)


def _verify(args: argparse.Namespace) -> tuple[dict, str, int]:
    from .games.files import load_document

    doc = load_document(args.file)
    if "schema" in doc:
        return _verify_result(doc, args)
    if args.game:
        raise InputError("--game is for result documents (with a 'schema' key); this file is a bare certificate", where=args.file)
    if "certificate" not in doc:
        raise InputError("not a result document (no 'schema' key), and no certificate (no 'certificate' key)", where=args.file)
    _import_all_modules()
    try:
        cert: Certificate = certificate_from_dict(doc)
    except InputError as exc:
        raise InputError(str(exc), where=args.file) from None
    try:
        cert.verify()
        ok, why = True, None
    except CertificateError as exc:
        ok, why = False, str(exc)
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, ZeroDivisionError) as exc:
        ok, why = False, f"malformed certificate ({type(exc).__name__}: {str(exc)[:160]})"
    lines = [f"{'✓' if ok else '✗'} certificate {cert.kind}" + (f": {why}" if why else ""),
             ("verified: the certificate holds for the problem it carries (a bare certificate is bound to no game)"
              if ok else "NOT verified")]
    return {"verified": ok, "certificates": [{"kind": cert.kind, "verified": ok, **({"reason": why} if why else {})}]}, "\n".join(lines), 0 if ok else 1


def _verify_result(doc: dict, args: argparse.Namespace) -> tuple[dict, str, int]:
    from .check import CheckFailure, check_document, checked_commands
    from .games import load_game
    from .results import canonical_game

    game = canonical_game(load_game(args.game)) if args.game else None
    command = doc.get("command")
    try:
        if command in checked_commands():
            report = check_document(doc, game)
            how = "the independent checker (exactgame.check): every problem rebuilt from the game"
            if report.delegated:
                from .recheck import recompute_and_compare

                recompute_and_compare(doc, game)
                how += ("; the keys marked 'r' by re-computation with exactgame's own solvers (the checker does not "
                        "rebuild their problems)")
        else:
            from .recheck import recompute_and_compare

            report = recompute_and_compare(doc, game)
            how = (f"re-computation with exactgame's own solvers and certificates (the independent checker does not "
                   f"rebuild {command!r} problems yet)")
    except CheckFailure as exc:
        out = {"verified": False, "key": exc.key, "reason": str(exc)}
        return out, f"NOT verified: {exc}", 1
    lines = [f"{command}: game {report.game_sha256[:16]}..., checked by {how}"]
    for key, status in report.claims.items():
        mark = "✓" if key in report.proved else "r" if key in report.delegated else "-"
        lines.append(f"  {mark} {key}: {status}")
    lines.append("every certified claim holds, every conditional one given what it rests on: verified"
                 if report.proved else "verified")
    return {**report.to_dict(), "method": how}, "\n".join(lines), 0


register_subcommand("payoffs", "vertices of the feasible payoff sets F_w and F_p", _payoffs_args, _payoffs)
register_subcommand("efficiency", "Pareto efficiency of an outcome (Propositions 1-2, Theorem 1)", _efficiency_args, _efficiency)
register_subcommand("persuade", "the Bayesian-persuasion outcome (obedience LP and Cav V)", _persuade_args, _persuade)
register_subcommand("cheaptalk", "cheap-talk equilibria: best equilibrium under transparent motives, pure equilibria", _cheaptalk_args, _cheaptalk)
register_subcommand("bargain", "informational bargaining: beneficial agreements and bargaining solutions", _bargain_args, _bargain)
register_subcommand("acquisition", "costly information acquisition: implementability (ST, DF, CS, NA), correlation, minimal subsidy", _acquisition_args, _acquisition)
register_subcommand("dialogue", "interactive verifiable communication: payoffs of t-round protocols (alternating concavification)", _dialogue_args, _dialogue)
register_subcommand("reproduce", "recompute the published numbers of the seed papers", _reproduce_args, _reproduce)
register_subcommand("verify", "re-check saved certificates exactly", _verify_args, _verify)


#: Figure formats matplotlib writes without extra packages.
PLOT_FORMATS = (".png", ".pdf", ".svg", ".eps", ".ps", ".jpg", ".jpeg", ".tif", ".tiff", ".webp")


def _check_plot_path(path: str) -> None:
    """Refuse a --plot path that cannot be written, before any computation."""
    import os

    ext = os.path.splitext(path)[1].lower()
    if ext not in PLOT_FORMATS:
        raise InputError(f"--plot: {path!r} must end in one of {', '.join(PLOT_FORMATS)}")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"--plot: the folder {folder!r} does not exist")
    if not os.access(folder, os.W_OK):
        raise InputError(f"--plot: the folder {folder!r} is not writable")


def _one_line(message: str, limit: int = 600) -> str:
    """An error message on one line (newlines in names escaped), long values cut."""
    text = message.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 40] + f"... ({len(text)} characters in all)"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="exactgame", description="Exact, certified computational geometry for communication and information design.")
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    for name, (configure, _, help_text) in _SUBCOMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        configure(sp)
        sp.add_argument("--json", action="store_true", help="print one JSON document (exact numbers as strings)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    While it runs, Python's limit on int <-> str conversions is lifted (and restored after): exact
    answers can have more than 4,300 digits, and every text the command reads goes through
    exactgame's own bounded parser, which is what that limit protects elsewhere."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return _main(argv)
    finally:
        sys.set_int_max_str_digits(old)


def _main(argv: Sequence[str] | None) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help(sys.stderr)
            return 2
        if getattr(args, "plot", None):
            _check_plot_path(args.plot)
        doc, text, code = _SUBCOMMANDS[args.command][1](args)
        try:
            if args.json:
                print(json.dumps(doc, indent=2, ensure_ascii=False))
            else:
                print(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader (e.g. `| head -1`) closed the pipe: not an error
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return code
    except InternalError as exc:
        print(f"exactgame: internal error (a bug in exactgame, please report it with the input): {exc}", file=sys.stderr)
        return 1
    except InputError as exc:
        print(f"exactgame: error: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except CertificateError as exc:
        print(f"exactgame: internal error: a certificate failed to verify (a bug, please report): {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("exactgame: interrupted", file=sys.stderr)
        return 130
    except RecursionError:
        print("exactgame: error: the input is nested too deeply", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks
        print(f"exactgame: internal error: {type(exc).__name__}: {exc} (please report)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
