"""The ``dialogue`` subcommand's computation: payoffs per round, protocol, message complexity.

Binary type spaces use the whole-square engine (:mod:`.square`, any number of rounds, path
certificates); other type spaces the point engine (:mod:`.point`, up to two rounds, split
and LP certificates). JSON keys ``rounds`` [{``t``, ``payoffs`` {player: v}, ``welfare``}]
and ``efficient_welfare`` are the contract of design.md.

>>> from exactgame.dialogue.model import spy_game
>>> r = dialogue(spy_game(), 1)
>>> [x["payoffs"] for x in r.document()["rounds"]], r.verify()
([{'sally': '1/2', 'bob': '-3/2'}, {'sally': '1/2', 'bob': '-1/6'}], True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..certificates import encode
from ..errors import InputError
from ..numbers import decimal_str, fmt
from ..results import Claim, FigureSpec, Report, certified, conditional, not_certified
from .model import DialogueGame
from .point import dialogue_at
from .square import alternate, path_certificate
from .strategy import protocol_rectangles, start_path

__all__ = ["dialogue", "message_complexity", "protocol_rectangles", "start_path"]  # the last two: see strategy.py

#: Path certificates are written up to this many rounds (the tree can double each round).
CERTIFY_ROUNDS = 12


def message_complexity(welfare: Sequence[Fraction], efficient: Fraction, stable: bool) -> tuple[int | None, str]:
    """C(D_S, D_B) of Section 2.4 when the computation proves it, with the reason.

    Welfare is nondecreasing and at most W*, so reaching W* ends it; a whole-square
    stabilization (pi^t unchanged for two rounds) also fixes the limit.
    """
    if efficient in welfare:
        return welfare.index(efficient), "welfare reaches the efficient welfare W*"
    if stable:
        return welfare.index(welfare[-1]), "the payoffs stopped changing on the whole square"
    return None, f"not determined: welfare is still below W* after {len(welfare) - 1} rounds and the payoffs have not stabilized"


def round_claims(n_rounds: int, certified_rounds: int | None, engine: str, envelope: bool = True) -> list[Claim]:
    """What proves each round's payoffs (see :mod:`exactgame.check.dialogue`): round 0 is the base
    game; round 1 is proved against the utilities (a path certificate, or Bob's split with the
    envelope certificate); later rounds' splits are proved optimal against the engine's payoff
    function of the round before, which no certificate re-derives; rounds past the
    certificates are not certified."""
    out = []
    for t in range(n_rounds + 1):
        key = f"rounds/{t}"
        if t == 0:
            out.append(certified(key, proves="the base game's payoffs, recomputed from the utilities"))
        elif certified_rounds is None or t > certified_rounds:
            out.append(not_certified(key, f"no certificate covers round {t} (certificates stop at round "
                                          f"{certified_rounds if certified_rounds is not None else 'none'})"))
        elif t == 1 and envelope:
            out.append(certified(key, "certificates", proves="the round-1 payoffs from the utilities"))
        elif t == 1:
            out.append(conditional(key, "the point engine's enumeration of best-response cells (too many cells for an "
                                        "envelope certificate; Bob's split is checked as a lower bound)", "certificates"))
        elif engine == "point":
            out.append(conditional(key, "the point engine's round-1 payoffs at Sally's posteriors and its enumeration of "
                                        "Bob's round-1 choices (the split, its totals and Bob's voluntary constraint are checked)",
                                   "certificates"))
        else:
            out.append(conditional(key, f"the whole-square engine's payoff function of round {t - 1} (the path "
                                        "certificate checks the splits against it, not its derivation)", "certificates"))
    return out


def dialogue(game: DialogueGame, rounds: int, DS: Sequence[Any] | None = None, DB: Sequence[Any] | None = None,
             *, plot: str | None = None, progress=None) -> Report:
    """The ``dialogue`` subcommand as a Python call: payoffs of the t-round protocols for
    t = 0..rounds at (D_S, D_B) (default: the game's priors), certified, as a :class:`Report`."""
    if rounds < 0:
        raise InputError("--rounds: give a number of rounds >= 0")
    g = game.with_priors(DS, DB)
    S, B = g.players
    W = g.efficient_welfare(*g.prior)
    doc: dict[str, Any] = {"players": [S, B],
                           "start": {f"{S}_prior": encode(g.sally_prior), f"{B}_prior": encode(g.bob_prior)}}
    certs = []
    envelope = True   # round 1 has a certificate from the utilities (path tree or envelope)
    if g.binary:
        p, q = g.bob_prior[1], g.sally_prior[1]
        alt = alternate(g, rounds, progress=progress)
        pays = [r.at(p, q) for r in alt.rounds]
        last = len(alt.rounds) - 1
        while len(pays) < rounds + 1:   # stabilized: later rounds repeat
            pays.append(pays[-1])
        doc["engine"] = "whole-square"
        doc["stable_from"] = alt.stable_from
        doc["voluntary"] = all(r.voluntary for r in alt.rounds)
        doc["grid_cells"] = [r.grid.cells for r in alt.rounds]
        doc["protocol"] = {"start_path": encode(start_path(alt, p, q, last)),
                           "rounds": [{"t": t, "speaker": alt.rounds[t].speaker,
                                       "rectangles": encode(protocol_rectangles(alt, t))} for t in range(1, last + 1)]}
        try:
            cert_t = min(last, CERTIFY_ROUNDS)
            certs.append(path_certificate(alt, p, q, cert_t))
            doc["certified_rounds"] = cert_t
        except InputError as exc:
            doc["certificate_note"] = str(exc)
        stable = alt.stable_from is not None
    else:
        res = dialogue_at(g, rounds)
        envelope = res.envelope is not None
        pays = res.payoffs
        doc["engine"] = "point"
        doc["attained"] = res.attained
        doc["protocol"] = {"splits": [c.to_dict() for c in res.splits]}
        certs += res.certificates
        doc["certified_rounds"] = rounds
        stable = False
        alt = None
    welfare = [a + b for a, b in pays]
    C, why = message_complexity(welfare, W, stable)
    doc["rounds"] = [{"t": t, "payoffs": {S: fmt(a), B: fmt(b)}, "welfare": fmt(a + b)} for t, (a, b) in enumerate(pays)]
    doc["efficient_welfare"] = fmt(W)
    doc["message_complexity"] = C
    doc["message_complexity_note"] = why
    for c in certs:
        c.verify()
    # witnesses only (the checker rebuilds the utilities from the game); the point engine's LP
    # certificates keep their problems (built on the engine's cells, which no checker rebuilds)
    doc["certificates"] = [c.witness() if c.kind in ("dialogue-envelope", "dialogue-path") else c.to_dict()
                           for c in certs if c.kind != "lp-optimal"]
    if any(c.kind == "lp-optimal" for c in certs):
        doc["engine_certificates"] = [c.to_dict() for c in certs if c.kind == "lp-optimal"]
    lines = [f"{g.title or 'dialogue game'}: {S} (acts) and {B}; start {S} prior ({', '.join(map(fmt, g.sally_prior))}),"
             f" {B} prior ({', '.join(map(fmt, g.bob_prior))})",
             f"{'t':>3}  {S:>22}  {B:>22}  {'welfare':>22}"]
    for t, (a, b) in enumerate(pays):
        lines.append(f"{t:>3}  {_num(a):>22}  {_num(b):>22}  {_num(a + b):>22}")
    lines.append(f"efficient welfare W* = {_num(W)}")
    lines.append(f"message complexity: {C if C is not None else 'unknown'} ({why})")
    if alt is not None:
        lines.append(f"engine: whole square, grid cells per round {doc['grid_cells']}; voluntary communication "
                     f"{'holds' if doc['voluntary'] else 'FAILS'} in every round")
    figure = None
    if plot:
        if alt is None:
            raise InputError("--plot draws the square diagrams, which need two types for each player")
        figure = FigureSpec("plot_dialogue", {"alt": alt, "start": (p, q)}, plot)
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    cl = round_claims(len(pays) - 1, doc.get("certified_rounds"), doc["engine"], envelope=envelope)
    cl += [certified("start", proves="the priors the rounds are computed at"),
           certified("efficient_welfare", proves="W*, the best welfare of the base game type by type"),
           not_certified("message_complexity", "follows from the rounds' payoffs, as certified as they are"),
           not_certified("protocol", "the engine's strategy; the path certificate re-checks the splits it uses")]
    if "certified_rounds" in doc:
        cl.append(certified("certified_rounds", proves="the last round the certificates cover at the start point"))
    for key, why in (("stable_from", "the engine's whole-square comparison of consecutive rounds"),
                     ("voluntary", "the engine's check of voluntary communication (3) on the whole square"),
                     ("grid_cells", "the engine's grid sizes (a description of the computation)"),
                     ("attained", "the engine's comparison of round-2 values with Bob's round-1 choice at Sally's posteriors"),
                     ("engine_certificates", "LP certificates over the engine's own candidate points; each holds for the "
                                             "problem it carries (exactgame verify on it alone)")):
        if key in doc:
            cl.append(not_certified(key, why))
    options = {"rounds": rounds, "sally_prior": None if DS is None else list(g.sally_prior),
               "bob_prior": None if DB is None else list(g.bob_prior)}
    return Report("dialogue", game, options, doc, tuple(cl), tuple(lines), figure=figure)


def _num(x: Fraction) -> str:
    s = fmt(x)
    return s if len(s) <= 12 else decimal_str(x, 6)
