"""The ``dialogue`` subcommand's computation: payoffs per round, protocol, message complexity.

Binary type spaces use the whole-square engine (:mod:`.square`, any number of rounds, path
certificates); other type spaces the point engine (:mod:`.point`, up to two rounds, split
and LP certificates) and beyond two rounds the cell engine (:mod:`.cells`: round 1's
envelope certificate and a ``dialogue-tree`` protocol certificate per round). JSON keys ``rounds`` [{``t``, ``payoffs`` {player: v}, ``welfare``}]
and ``efficient_welfare`` are the contract of design.md.

>>> from exactgame.dialogue.model import spy_game
>>> r = dialogue(spy_game(), 1)
>>> [x["payoffs"] for x in r.document()["rounds"]], r.verify()
([{'sally': '1/2', 'bob': '-3/2'}, {'sally': '1/2', 'bob': '-1/6'}], True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

from ..display.citations import reference
from ..certificates import encode
from ..errors import InputError, InternalError
from ..numbers import decimal_str, fmt, to_fraction, Vector
from ..results import Claim, FigureSpec, Report, certified, conditional, not_certified
from .grid import Grid, Val
from .model import DialogueGame
from .cells import dialogue_cells, tree_certificate
from .point import dialogue_at
from .signal import signal_entry, signal_text
from .enclosed import enclosure_entries, enclosure_lines, enclosure_summary, is_enclosure, midpoint_text
from .square import ENCLOSE_DIGITS, Alternation, alternate, path_certificate
from .strategy import protocol_rectangles, start_path

__all__ = ["dialogue", "message_complexity", "protocol_rectangles", "start_path"]  # the last two: see strategy.py

#: Path certificates are written up to this many rounds (the tree can double each round).
CERTIFY_ROUNDS = 12


def message_complexity(welfare: Sequence[Fraction], efficient: Fraction, stable: bool) -> tuple[int | None, str]:
    """C(D_S, D_B) of Section 2.4 when the computation proves it, with the reason.

    C is the first round t whose welfare :math:`\\pi^t_S + \\pi^t_B` equals its limit.
    Welfare is nondecreasing and at most W*, so reaching W* ends it; a whole-square
    stabilization (pi^t unchanged for two rounds) also fixes the limit.

    Parameters
    ----------
    welfare : sequence of Fraction
        Welfare of rounds t = 0..T.
    efficient : Fraction
        The efficient welfare W*.
    stable : bool
        Whether the whole-square engine saw the payoffs stop changing.

    Returns
    -------
    tuple of (int or None, str)
        C (None when not determined) and the reason, as printed.

    >>> message_complexity([Fraction(1), Fraction(2), Fraction(2)], Fraction(2), False)
    (1, 'welfare reaches the efficient welfare W*')
    >>> message_complexity([Fraction(1), Fraction(3, 2)], Fraction(2), False)[0] is None
    True
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
    certificates are not certified.

    Parameters
    ----------
    n_rounds : int
        Last round T (claims for ``rounds/0`` .. ``rounds/T``).
    certified_rounds : int or None
        Last round the certificates cover (None: none).
    engine : str
        ``"whole-square"`` or ``"point"``.
    envelope : bool, default True
        Whether round 1 has a certificate from the utilities (False when the point engine
        had too many cells for an envelope certificate).

    Returns
    -------
    list of Claim
        One per round, keyed ``rounds/<t>``.

    >>> [c.key for c in round_claims(2, 1, "whole-square")]
    ['rounds/0', 'rounds/1', 'rounds/2']
    >>> [c.to_dict()["status"] for c in round_claims(2, 1, "whole-square")]
    ['certified', 'certified', 'not certified']
    """
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
        elif engine == "cells":
            out.append(conditional(key, f"the cell engine's pieces of round {t - 1} (the dialogue-tree certificate proves "
                                        "from the utilities that a protocol of refinements attains these payoffs and the "
                                        "voluntary constraint at the start point; that each split is the speaker's best "
                                        "rests on the engine's enumeration of chambers and bases)", "certificates"))
        elif engine == "point":
            out.append(conditional(key, "the point engine's round-1 payoffs at Sally's posteriors and its enumeration of "
                                        "Bob's round-1 choices (the split, its totals and Bob's voluntary constraint are checked)",
                                   "certificates"))
        else:
            out.append(conditional(key, f"the whole-square engine's payoff function of round {t - 1} (the path "
                                        "certificate checks the splits against it, not its derivation)", "certificates"))
    return out


def _whole_square(g: DialogueGame, rounds: int, progress: Callable[[int, Grid], None] | None,
                  doc: dict[str, Any], budget: float | None = None,
                  resume: str | None = None, enclose: int | None = None) -> tuple[list[Val], list[Any], Alternation]:
    """The binary case: the rounds on the whole square, the payoffs at the start point and the
    path certificate; fills ``doc`` from ``engine`` to ``certified_rounds`` (or ``certificate_note``).
    At a limit (cells, digits, ``budget``) the completed rounds are kept and ``stopped_by`` says why.
    With ``enclose`` the rounds after the first grid of lines longer than that many digits are
    enclosures (:mod:`.enclosed`); the protocol and certificates cover the exact rounds."""
    p, q = g.bob_prior[1], g.sally_prior[1]
    if resume:
        from .checkpoint import resumed_alternation

        alt, loaded = resumed_alternation(g, rounds, resume, progress=progress, budget=budget, enclose_digits=enclose)
        doc["resumed"] = {"file": resume, "rounds_loaded": loaded}
    else:
        alt = alternate(g, rounds, progress=progress, partial=True, budget=budget, enclose_digits=enclose)
    pays = [r.at(p, q) for r in alt.rounds]
    last = alt.exact_rounds
    while alt.stable_from is not None and len(pays) < rounds + 1:   # stabilized: later rounds repeat
        pays.append(pays[-1])
    doc["engine"] = "whole-square"
    if alt.stopped_by is not None:
        doc["stopped_by"] = alt.stopped_by
    doc["stable_from"] = alt.stable_from
    doc["voluntary"] = all(r.voluntary for r in alt.rounds)
    doc["grid_cells"] = [r.grid.cells for r in alt.rounds]
    if alt.enclosure is not None:
        doc["exact_rounds"] = last
        doc["enclosure"] = enclosure_summary(alt)
    steps = start_path(alt, p, q, last)
    doc["signals"] = _path_signals(g, steps)
    doc["protocol"] = {"start_path": encode(steps),
                       "rounds": [{"t": t, "speaker": alt.rounds[t].speaker,
                                   "rectangles": encode(protocol_rectangles(alt, t))} for t in range(1, last + 1)]}
    certs: list[Any] = []
    try:
        cert_t = min(last, CERTIFY_ROUNDS)
        certs.append(path_certificate(alt, p, q, cert_t))
        doc["certified_rounds"] = cert_t
    except InputError as exc:
        doc["certificate_note"] = str(exc)
    return pays, certs, alt


def _at_point(g: DialogueGame, rounds: int, doc: dict[str, Any]) -> tuple[list[tuple[Fraction, Fraction]], list[Any], bool]:
    """Other type spaces: the point engine's payoffs, certificates, and whether round 1 has an
    envelope certificate; fills ``doc`` from ``engine`` to ``certified_rounds``."""
    res = dialogue_at(g, rounds)
    doc["engine"] = "point"
    doc["attained"] = res.attained
    doc["protocol"] = {"splits": [c.to_dict() for c in res.splits]}
    doc["signals"] = [_split_signal(g, f"protocol/splits/{i}", c, i + 1) for i, c in enumerate(res.splits)]
    doc["certified_rounds"] = rounds
    return res.payoffs, list(res.certificates), res.envelope is not None


def _split_signal(g: DialogueGame, source: str, c: Any, t: int | None = None) -> dict[str, Any]:
    """A :class:`~.certificate.SplitCertificate` in likelihood form (:mod:`.signal`)."""
    types = g.bob_types if c.speaker == "bob" else g.sally_types
    return signal_entry(source, c.speaker, types, c.prior, c.posteriors, c.weights, t)


def _path_signals(g: DialogueGame, steps: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every non-silent move of the start path in likelihood form."""
    out = []
    for i, step in enumerate(steps):
        bob = step["speaker"] == "bob"
        for j, mv in enumerate(step["moves"]):
            if len(mv["to"]) < 2:
                continue
            x = mv["from"][0 if bob else 1]
            posts = [(1 - c[1 if bob else 2], c[1 if bob else 2]) for c in mv["to"]]
            out.append(signal_entry(f"protocol/start_path/{i}/moves/{j}", step["speaker"], g.bob_types if bob else g.sally_types,
                                    (1 - x, x), posts, [c[0] for c in mv["to"]], step["t"]))
    return out


#: Signals printed in the text output (the JSON holds all).
SIGNAL_LINES = 8


def _signal_lines(signals: Sequence[dict[str, Any]]) -> list[str]:
    if not signals:
        return []
    lines = ["signals (refinement -> likelihood form: P(message | type)):"]
    lines += [f"  {signal_text(e)}" for e in signals[:SIGNAL_LINES]]
    if len(signals) > SIGNAL_LINES:
        lines.append(f"  ... {len(signals) - SIGNAL_LINES} more in the JSON document (key signals)")
    return lines


def _statements(g: DialogueGame, doc: dict[str, Any], lemma1: bool, theorem5: bool) -> tuple[list[Any], list[Claim], list[str]]:
    """The ``lemma1`` and ``theorem5`` sections (certificates, claims, text), their signals added to ``doc``."""
    certs: list[Any] = []
    claims: list[Claim] = []
    lines: list[str] = []
    sig = doc.setdefault("signals", [])
    if lemma1:
        from .lemma1 import lemma1 as run_lemma1

        sec, cs = run_lemma1(g)
        doc["lemma1"], certs = sec, certs + cs
        claims.append(certified("lemma1", "lemma1/instances", proves="Lemma 1 (corrected: pi1_B = W* - pi0_S) at every point "
                                "mass of Sally: pi0 and W* recomputed, pi1 by the envelope certificates"))
        for i, inst in enumerate(sec["instances"]):
            sig.append(signal_entry(f"lemma1/instances/{i}/split", "bob", g.bob_types, *_split_parts(inst["split"]), 1))
            lines.append(f"Lemma 1, {g.players[0]} type {inst['sally_type']}: pi0 = ({', '.join(inst['pi0'])}), pi1 = "
                         f"({', '.join(inst['pi1'])}), W* = {inst['efficient_welfare']}: pi1_S = pi0_S and pi1_B = W* - pi0_S "
                         f"{'hold' if inst['holds'] else 'FAIL'}; as printed (pi1_B = W* - pi0_B) "
                         f"{'holds' if inst['as_printed'] else 'fails'}")
    if theorem5:
        from .theorem5 import theorem5 as run_theorem5

        sec, cs = run_theorem5(g)
        doc["theorem5"], certs = sec, certs + cs
        claims += _theorem5_claims()
        sig.append(signal_entry("theorem5/lemma7/split", "sally", g.sally_types, *_split_parts(sec["lemma7"]["split"]), 2))
        for i, b in enumerate(sec["bob"]):
            sig.append(signal_entry(f"theorem5/bob/{i}/split", "bob", g.bob_types, *_split_parts(b["split"]), 1))
        lines += _theorem5_text(sec)
    return certs, claims, lines


def _split_parts(d: dict[str, Any]) -> tuple[Vector, list[Vector], Vector]:
    """(prior, posteriors, weights) of an encoded split."""
    return (tuple(map(to_fraction, d["prior"])), [tuple(map(to_fraction, x)) for x in d["posteriors"]],
            tuple(map(to_fraction, d["weights"])))


def _theorem5_claims() -> list[Claim]:
    return [certified("theorem5/thresholds", proves="p*_j = (v0 - c_j)/(v1 - c_j), recomputed"),
            certified("theorem5/lemma6", "theorem5/lemma7/split", proves="Lemma 6: the parts are the indifference distributions of "
                      "their (strictly nested) supports, recomputed, and average to q with the weights"),
            certified("theorem5/bob", "theorem5/bob", proves="round 1 at every part (envelope certificates from the utilities)"),
            certified("theorem5/start", "theorem5/start", proves="round 1 at the start point (envelope certificate)"),
            certified("theorem5/lemma7", "theorem5/lemma7/split", proves="Lemma 7 / eq. (5): Sally's signal attains W* - pi1_B, "
                      "which bounds every voluntary refinement, so pi2 = (W* - pi1_B, pi1_B)"),
            certified("theorem5/efficient", "theorem5/lemma7/split", proves="Theorem 5: round-2 welfare equals W* (recomputed)")]


def _theorem5_text(sec: dict[str, Any]) -> list[str]:
    parts = "; ".join(f"{x['weight']} x q^{{{','.join(map(str, x['support']))}}} = ({', '.join(x['q'])})" for x in sec["lemma6"]["parts"])
    l7 = sec["lemma7"]
    return [f"Theorem 5 at p = {sec['p']}, q = ({', '.join(sec['q'])}): thresholds p* = {', '.join(sec['thresholds'])}",
            f"  Lemma 6 (nested indifference distributions): q = {parts}",
            "  Bob at each part: " + "; ".join(f"pi1 = ({', '.join(b['pi1'])}){'' if b['as_paper'] else ' (not the paper split)'}"
                                              for b in sec["bob"]),
            f"  Lemma 7: Sally's signal gives pi2 = ({', '.join(l7['pi2'])}) = (W* - pi1_B, pi1_B): eq. (5) "
            f"{'holds' if l7['eq5'] else 'FAILS'}; as printed (pi2_S = W* - pi1_S) {'holds' if l7['as_printed'] else 'fails'}",
            f"  efficient in two rounds (W* = {sec['efficient_welfare']}): {'yes' if sec['efficient'] else 'NO'}"]


def _cells(g: DialogueGame, rounds: int, doc: dict[str, Any]) -> tuple[list[tuple[Fraction, Fraction]], list[Any], bool]:
    """Other type spaces beyond two rounds: the cell engine's payoffs, round 1's split and envelope
    (from the point engine, which must agree) and a protocol tree per round; fills ``doc``."""
    res = dialogue_cells(g, rounds, partial=True)
    if res.stopped_by is not None:
        doc["stopped_by"] = res.stopped_by
    if not res.voluntary:
        raise InputError("the voluntary constraint (3) binds inside the protocol tree (not only at the start point); "
                         "the cell engine assumes it does not, so it does not answer this game")
    r1 = dialogue_at(g, 1)
    if r1.payoffs[1] != res.payoffs[1]:
        raise InternalError(f"round 1: the cell engine gives {res.payoffs[1]}, the point engine {r1.payoffs[1]}")
    doc["engine"] = "cells"
    doc["attained"] = res.attained
    doc["voluntary"] = res.voluntary
    doc["voluntary_binding"] = list(res.binding)
    doc["cell_pieces"] = list(res.pieces)
    doc["protocol"] = {"splits": [c.to_dict() for c in res.splits]}
    T = 0
    while T < len(res.trees) and res.trees[T]["attained"]:
        T += 1
    doc["certified_rounds"] = T
    certs: list[Any] = [r1.splits[0], *([r1.envelope] if r1.envelope else [])]
    certs += [tree_certificate(g, tr) for tr in res.trees[:T]]
    certs += [lp.certificate for lp in res.lps]
    return res.payoffs, certs, r1.envelope is not None


def _text(g: DialogueGame, pays: Sequence[Sequence[Fraction]], W: Fraction, C: int | None, why: str,
          doc: dict[str, Any], whole_square: bool) -> list[str]:
    """The printed table: one line per round, then W*, C and (whole square) the grid sizes."""
    S, B = g.players
    lines = [f"{g.title or 'dialogue game'}: {S} (acts) and {B}; start {S} prior ({', '.join(map(fmt, g.sally_prior))}),"
             f" {B} prior ({', '.join(map(fmt, g.bob_prior))})",
             f"{'t':>3}  {S:>22}  {B:>22}  {'welfare':>22}" + ("  mode" if "exact_rounds" in doc else "")]
    for t, (a, b) in enumerate(pays):
        mode = ("  exact" if t <= doc["exact_rounds"] else "  enclosure") if "exact_rounds" in doc else ""
        lines.append(f"{t:>3}  {_num(a):>22}  {_num(b):>22}  {_num(a + b):>22}{mode}")
    lines.append(f"efficient welfare W* = {_num(W)}")
    bound = doc.get("message_complexity_lower_bound")
    shown = C if C is not None else (f"at least {bound}" if bound is not None else "unknown")
    lines.append(f"message complexity: {shown} ({why})")
    if doc.get("stopped_by"):
        lines.append(f"stopped after round {len(pays) - 1} of {doc['rounds_asked']}: {doc['stopped_by']}")
    if whole_square:
        lines.append(f"engine: whole square, grid cells per round {doc['grid_cells']}; voluntary communication "
                     f"{'holds' if doc['voluntary'] else 'FAILS'} in every round")
    return lines


def _complexity_claim(doc: dict[str, Any]) -> Claim:
    """C is proved given the rounds' claims when it is the first round reaching W* (the checker
    recomputes the welfare comparison); otherwise it is only the engine's observation."""
    C = doc.get("message_complexity")
    if C is not None and doc["rounds"][C]["welfare"] == doc["efficient_welfare"]:
        return conditional("message_complexity", f"the claims rounds/0..rounds/{C} (round {C} is the first whose welfare is "
                                                 "W*; welfare never falls and never exceeds W*, so C is the least round "
                                                 "reaching its limit, Section 2.4)", "rounds")
    return not_certified("message_complexity", "follows from the rounds' payoffs, as certified as they are")


def _claims(n_rounds: int, doc: dict[str, Any], envelope: bool) -> list[Claim]:
    """The claims of every key of the document."""
    cl = round_claims(n_rounds, doc.get("certified_rounds"), doc["engine"], envelope=envelope)
    cl += [certified("start", proves="the priors the rounds are computed at"),
           certified("efficient_welfare", proves="W*, the best welfare of the base game type by type"),
           _complexity_claim(doc),
           certified("rounds_asked", proves="the number of rounds asked for (the options)"),
           not_certified("protocol", "the engine's strategy, not checked as a whole (the splits on the start path are "
                         "re-checked by the path certificate; others are not)")]
    if "signals" in doc:
        cl.append(certified("signals", proves="each signal's likelihood form P(message | type), recomputed from the refinement "
                                              "its source names (whose own claim covers the refinement)"))
    if "certified_rounds" in doc:
        cl.append(certified("certified_rounds", proves="the last round the certificates cover at the start point"))
    if "message_complexity_lower_bound" in doc:
        cl.append(conditional("message_complexity_lower_bound", f"Theorem 2 of {reference('001_9d9f8fe1d5e70189.txt')} (finite message "
                                                                "complexity in bilateral trade implies efficiency; a published "
                                                                "theorem, not re-proved here), applied to the rounds' welfare"))
    for key, why in (("enclosure_rounds", "enclosures, not exact: balls around the exact values, given that the round's "
                                          "structure is the exact one, which rests on ties decided by a test modulo a "
                                          "random prime (a Monte Carlo decision; see enclosure)"),
                     ("enclosure", "how the enclosure rounds were computed (precision, ties, the bound on a false tie)"),
                     ("exact_rounds", "the last round computed in exact rationals (a description of the run)"),
                     ("stopped_by", "the limit the engine reached (a description of the run)"),
                     ("tree", "the file the engine's protocol tree was written to; its splits are the protocol's"),
                     ("resumed", "the checkpoint the rounds were loaded from: its splits were checked to be splittings and "
                                 "the payoff functions rebuilt from them, but their optimality is the saved run's"),
                     ("stable_from", "the engine's whole-square comparison of consecutive rounds"),
                     ("voluntary", "the engine's check of voluntary communication (3) (whole square; cell engine: at "
                                   "every node of its protocol trees)"),
                     ("grid_cells", "the engine's grid sizes (a description of the computation)"),
                     ("attained", "the engine's comparison of its values with the protocol it builds (round 2's, or the trees')"),
                     ("voluntary_binding", "the rounds whose LP at the start point had the voluntary constraint (3) change the answer"),
                     ("cell_pieces", "the cell engine's number of pieces per round (a description of the computation)"),
                     ("engine_certificates", "LP certificates over the engine's own candidate points; each holds for the "
                                             "problem it carries (exactgame verify on it alone)")):
        if key in doc:
            cl.append(not_certified(key, why))
    return cl


def dialogue(game: DialogueGame, rounds: int, DS: Sequence[Any] | None = None, DB: Sequence[Any] | None = None,
             *, plot: str | None = None, progress: Callable[[int, Grid], None] | None = None,
             budget: float | None = None, tree: str | None = None, lemma1: bool = False, theorem5: bool = False,
             theorem_plot: str | None = None, resume: str | None = None,
             enclose: int | None = ENCLOSE_DIGITS) -> Report:
    """The ``dialogue`` subcommand as a Python call: payoffs of the t-round protocols for
    t = 0..rounds at (D_S, D_B) (default: the game's priors), certified, as a :class:`Report`.

    Binary games (two types each) use the whole-square engine (any number of rounds; path
    certificate up to ``CERTIFY_ROUNDS`` rounds), others the point engine (up to two rounds)
    or, beyond, the cell engine (:mod:`.cells`, protocol-tree certificates). The document holds per round ``{t, payoffs {player: v}, welfare}``, the
    efficient welfare W*, the message complexity C (Section 2.4) and the protocol.

    Parameters
    ----------
    game : DialogueGame
        The game.
    rounds : int
        Last round T >= 0.
    DS : sequence of number, optional
        Sally's prior (default: the game's); checked as a probability vector.
    DB : sequence of number, optional
        Bob's prior (default: the game's).
    plot : str, optional
        Path of the square diagrams to draw (binary games only).
    progress : callable, optional
        ``progress(t, grid)`` after each whole-square round.
    budget : float, optional
        Seconds; the whole-square engine starts no round after they are used up, and (as at
        its size limits) the rounds completed are reported with ``stopped_by``.
    tree : str, optional
        Write the protocol tree from the start point (:mod:`.tree`) to this ``.graphml`` or
        ``.dot`` file (binary games only).
    lemma1 : bool, default False
        Add the ``lemma1`` section (:mod:`.lemma1`, bilateral trade).
    theorem5 : bool, default False
        Add the ``theorem5`` section (:func:`.theorem5.theorem5`: Lemmas 6 and 7 and Theorem 5 at the start).
    theorem_plot : str, optional
        Draw Figures 2-4 of the paper for this Theorem 5 game (:func:`.figures.theorem5_figures`) to this file.
    resume : str, optional
        Checkpoint file of the whole-square rounds (:mod:`.checkpoint`): the rounds it holds are
        loaded (refused if it belongs to another game), and it is rewritten after every exact round.
    enclose : int or None, default ENCLOSE_DIGITS
        Whole square: compute the rounds after the first grid whose exact lines pass this many
        digits in enclosures (:mod:`.enclosure`; document key ``enclosure_rounds``, not
        certified); None: exact throughout (up to the engine's digit limit).

    Returns
    -------
    Report
        Kind ``dialogue``, with its certificates verified.

    Raises
    ------
    InputError
        Negative ``rounds``, a bad prior, more than ``cells.MAX_ROUNDS`` rounds for a non-binary game, or
        ``plot`` for a non-binary game.
    TooLargeError
        From the engines' size limits.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> r = dialogue(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), 2)      # Section 3.1 (point engine)
    >>> d = r.document()
    >>> [x["payoffs"] for x in d["rounds"]], d["efficient_welfare"], d["message_complexity"]
    ([{'seller': '4/3', 'buyer': '0'}, {'seller': '4/3', 'buyer': '2/3'}, {'seller': '4/3', 'buyer': '2/3'}], '2', 1)
    """
    if rounds < 0:
        raise InputError("--rounds: give a number of rounds >= 0")
    g = game.with_priors(DS, DB)
    S, B = g.players
    W = g.efficient_welfare(*g.prior)
    doc: dict[str, Any] = {"players": [S, B],
                           "start": {f"{S}_prior": encode(g.sally_prior), f"{B}_prior": encode(g.bob_prior)}}
    envelope = True   # round 1 has a certificate from the utilities (path tree or envelope)
    alt: Alternation | None = None
    pays: Sequence[Sequence[Fraction]]
    _refuse(g, tree=tree, resume=resume, plot=plot, theorem_plot=theorem_plot)
    if g.binary:
        pays, certs, alt = _whole_square(g, rounds, progress, doc, budget, resume, enclose)
        stable = alt.stable_from is not None and alt.enclosure is None
    else:
        pays, certs, envelope = (_at_point if rounds <= 2 else _cells)(g, rounds, doc)
        stable = False
    exact = list(pays[: doc.get("exact_rounds", len(pays) - 1) + 1])
    welfare = [a + b for a, b in exact]
    C, why = message_complexity(welfare, W, stable)
    doc["rounds"] = [{"t": t, "payoffs": {S: fmt(a), B: fmt(b)}, "welfare": fmt(a + b)} for t, (a, b) in enumerate(exact)]
    if alt is not None and alt.enclosure is not None:
        doc["enclosure_rounds"] = enclosure_entries(alt, pays, (S, B))
    doc["rounds_asked"] = rounds
    doc["efficient_welfare"] = fmt(W)
    doc["message_complexity"] = C
    if C is None and g.bilateral:
        doc["message_complexity_lower_bound"] = len(exact)
        why += (f"; for bilateral trade Theorem 2 gives C > {len(exact) - 1}: a finite C makes round C efficient, "
                f"and welfare never falls, so welfare below W* at round {len(exact) - 1} means C > {len(exact) - 1}")
    if C is None and len(exact) < len(pays):
        why += f" (exact rounds 0-{len(exact) - 1}; the enclosure rounds do not decide C)"
    doc["message_complexity_note"] = why
    extra_certs, extra_claims, extra_lines = _statements(g, doc, lemma1, theorem5)
    for c in [*certs, *extra_certs]:
        c.verify()
    # witnesses only (the checker rebuilds the utilities from the game); the point engine's LP
    # certificates keep their problems (built on the engine's cells, which no checker rebuilds)
    doc["certificates"] = [c.witness() if c.kind in ("dialogue-envelope", "dialogue-path", "dialogue-tree") else c.to_dict()
                           for c in certs if c.kind != "lp-optimal"]
    if any(c.kind == "lp-optimal" for c in certs):
        doc["engine_certificates"] = [c.to_dict() for c in certs if c.kind == "lp-optimal"]
    lines = _text(g, pays, W, C, why, doc, alt is not None) + extra_lines + _signal_lines(doc.get("signals", []))
    if alt is not None:
        lines += enclosure_lines(alt, pays)
    figure = _outputs(g, alt, doc, lines, tree=tree, plot=plot, theorem_plot=theorem_plot)
    cl = _claims(len(doc["rounds"]) - 1, doc, envelope) + extra_claims
    options: dict[str, Any] = {"rounds": rounds, "sally_prior": None if DS is None else list(g.sally_prior),
                               "bob_prior": None if DB is None else list(g.bob_prior)}
    options.update({k: True for k, on in (("lemma1", lemma1), ("theorem5", theorem5)) if on})
    return Report("dialogue", game, options, doc, tuple(cl), tuple(lines), figure=figure)


def _refuse(g: DialogueGame, **asked: str | None) -> None:
    """InputError for an option the game's type spaces do not allow (before any computation)."""
    if not g.binary:
        for opt, what in (("tree", "writes the whole-square protocol"), ("resume", "checkpoints the whole-square rounds"),
                          ("plot", "draws the square diagrams")):
            if asked[opt]:
                raise InputError(f"--{opt} {what}, which need two types for each player")
    if asked["plot"] and asked["theorem_plot"]:
        raise InputError("--plot and --theorem-plot each draw a figure: ask for one at a time")


def _outputs(g: DialogueGame, alt: Alternation | None, doc: dict[str, Any], lines: list[str], *, tree: str | None,
             plot: str | None, theorem_plot: str | None) -> FigureSpec | None:
    """Write the protocol tree, and describe the figure asked for (drawn by the interface layer)."""
    if tree and alt is not None:
        from .tree import protocol_tree, write_tree   # networkx loads only when a tree is asked for

        fmt_written = write_tree(protocol_tree(alt.exact_part(), g.bob_prior[1], g.sally_prior[1]), tree)
        doc["tree"] = tree
        lines.append(f"protocol tree ({fmt_written}): {tree}")
    if theorem_plot:
        from .figures import theorem5_figures

        doc["plot"] = theorem_plot
        lines.append(f"figure (Figures 2-4 of the paper): {theorem_plot}")
        return theorem5_figures(g, theorem_plot)
    if plot and alt is not None:
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
        return FigureSpec("plot_dialogue", {"alt": alt, "start": (g.bob_prior[1], g.sally_prior[1])}, plot)
    return None


def _num(x: Any) -> str:
    if is_enclosure(x):
        return midpoint_text(x, 9)
    s = fmt(x)
    return s if len(s) <= 12 else decimal_str(x, 6)
