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
from typing import Any, Callable, Sequence

from ..display.citations import reference
from ..certificates import encode
from ..errors import InputError
from ..numbers import decimal_str, fmt
from ..results import Claim, FigureSpec, Report, certified, conditional, not_certified
from .grid import Grid, Val
from .model import DialogueGame
from .point import dialogue_at
from .square import Alternation, alternate, path_certificate
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
        elif engine == "point":
            out.append(conditional(key, "the point engine's round-1 payoffs at Sally's posteriors and its enumeration of "
                                        "Bob's round-1 choices (the split, its totals and Bob's voluntary constraint are checked)",
                                   "certificates"))
        else:
            out.append(conditional(key, f"the whole-square engine's payoff function of round {t - 1} (the path "
                                        "certificate checks the splits against it, not its derivation)", "certificates"))
    return out


def _whole_square(g: DialogueGame, rounds: int, progress: Callable[[int, Grid], None] | None,
                  doc: dict[str, Any], budget: float | None = None) -> tuple[list[Val], list[Any], Alternation]:
    """The binary case: the rounds on the whole square, the payoffs at the start point and the
    path certificate; fills ``doc`` from ``engine`` to ``certified_rounds`` (or ``certificate_note``).
    At a limit (cells, digits, ``budget``) the completed rounds are kept and ``stopped_by`` says why."""
    p, q = g.bob_prior[1], g.sally_prior[1]
    alt = alternate(g, rounds, progress=progress, partial=True, budget=budget)
    pays = [r.at(p, q) for r in alt.rounds]
    last = len(alt.rounds) - 1
    while alt.stable_from is not None and len(pays) < rounds + 1:   # stabilized: later rounds repeat
        pays.append(pays[-1])
    doc["engine"] = "whole-square"
    if alt.stopped_by is not None:
        doc["stopped_by"] = alt.stopped_by
    doc["stable_from"] = alt.stable_from
    doc["voluntary"] = all(r.voluntary for r in alt.rounds)
    doc["grid_cells"] = [r.grid.cells for r in alt.rounds]
    doc["protocol"] = {"start_path": encode(start_path(alt, p, q, last)),
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
    doc["certified_rounds"] = rounds
    return res.payoffs, list(res.certificates), res.envelope is not None


def _text(g: DialogueGame, pays: Sequence[Sequence[Fraction]], W: Fraction, C: int | None, why: str,
          doc: dict[str, Any], whole_square: bool) -> list[str]:
    """The printed table: one line per round, then W*, C and (whole square) the grid sizes."""
    S, B = g.players
    lines = [f"{g.title or 'dialogue game'}: {S} (acts) and {B}; start {S} prior ({', '.join(map(fmt, g.sally_prior))}),"
             f" {B} prior ({', '.join(map(fmt, g.bob_prior))})",
             f"{'t':>3}  {S:>22}  {B:>22}  {'welfare':>22}"]
    for t, (a, b) in enumerate(pays):
        lines.append(f"{t:>3}  {_num(a):>22}  {_num(b):>22}  {_num(a + b):>22}")
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


def _claims(n_rounds: int, doc: dict[str, Any], envelope: bool) -> list[Claim]:
    """The claims of every key of the document."""
    cl = round_claims(n_rounds, doc.get("certified_rounds"), doc["engine"], envelope=envelope)
    cl += [certified("start", proves="the priors the rounds are computed at"),
           certified("efficient_welfare", proves="W*, the best welfare of the base game type by type"),
           not_certified("message_complexity", "follows from the rounds' payoffs, as certified as they are"),
           certified("rounds_asked", proves="the number of rounds asked for (the options)"),
           not_certified("protocol", "the engine's strategy; the path certificate re-checks the splits it uses")]
    if "certified_rounds" in doc:
        cl.append(certified("certified_rounds", proves="the last round the certificates cover at the start point"))
    if "message_complexity_lower_bound" in doc:
        cl.append(conditional("message_complexity_lower_bound", f"Theorem 2 of {reference('001_9d9f8fe1d5e70189.txt')} (finite message "
                                                                "complexity in bilateral trade implies efficiency; a published "
                                                                "theorem, not re-proved here), applied to the rounds' welfare"))
    for key, why in (("stopped_by", "the limit the engine reached (a description of the run)"),
                     ("tree", "the file the engine's protocol tree was written to; its splits are the protocol's"),
                     ("stable_from", "the engine's whole-square comparison of consecutive rounds"),
                     ("voluntary", "the engine's check of voluntary communication (3) on the whole square"),
                     ("grid_cells", "the engine's grid sizes (a description of the computation)"),
                     ("attained", "the engine's comparison of round-2 values with Bob's round-1 choice at Sally's posteriors"),
                     ("engine_certificates", "LP certificates over the engine's own candidate points; each holds for the "
                                             "problem it carries (exactgame verify on it alone)")):
        if key in doc:
            cl.append(not_certified(key, why))
    return cl


def dialogue(game: DialogueGame, rounds: int, DS: Sequence[Any] | None = None, DB: Sequence[Any] | None = None,
             *, plot: str | None = None, progress: Callable[[int, Grid], None] | None = None,
             budget: float | None = None, tree: str | None = None) -> Report:
    """The ``dialogue`` subcommand as a Python call: payoffs of the t-round protocols for
    t = 0..rounds at (D_S, D_B) (default: the game's priors), certified, as a :class:`Report`.

    Binary games (two types each) use the whole-square engine (any number of rounds; path
    certificate up to ``CERTIFY_ROUNDS`` rounds), others the point engine (at most two
    rounds). The document holds per round ``{t, payoffs {player: v}, welfare}``, the
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

    Returns
    -------
    Report
        Kind ``dialogue``, with its certificates verified.

    Raises
    ------
    InputError
        Negative ``rounds``, a bad prior, more than 2 rounds for a non-binary game, or
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
    if tree and not g.binary:
        raise InputError("--tree writes the whole-square protocol, which needs two types for each player")
    if g.binary:
        pays, certs, alt = _whole_square(g, rounds, progress, doc, budget)
        stable = alt.stable_from is not None
    else:
        pays, certs, envelope = _at_point(g, rounds, doc)
        stable = False
    welfare = [a + b for a, b in pays]
    C, why = message_complexity(welfare, W, stable)
    doc["rounds"] = [{"t": t, "payoffs": {S: fmt(a), B: fmt(b)}, "welfare": fmt(a + b)} for t, (a, b) in enumerate(pays)]
    doc["rounds_asked"] = rounds
    doc["efficient_welfare"] = fmt(W)
    doc["message_complexity"] = C
    if C is None and g.bilateral:
        doc["message_complexity_lower_bound"] = len(pays)
        why += (f"; for bilateral trade Theorem 2 gives C > {len(pays) - 1}: a finite C makes round C efficient, "
                f"and welfare never falls, so welfare below W* at round {len(pays) - 1} means C > {len(pays) - 1}")
    doc["message_complexity_note"] = why
    for c in certs:
        c.verify()
    # witnesses only (the checker rebuilds the utilities from the game); the point engine's LP
    # certificates keep their problems (built on the engine's cells, which no checker rebuilds)
    doc["certificates"] = [c.witness() if c.kind in ("dialogue-envelope", "dialogue-path") else c.to_dict()
                           for c in certs if c.kind != "lp-optimal"]
    if any(c.kind == "lp-optimal" for c in certs):
        doc["engine_certificates"] = [c.to_dict() for c in certs if c.kind == "lp-optimal"]
    lines = _text(g, pays, W, C, why, doc, alt is not None)
    if tree and alt is not None:
        from .tree import protocol_tree, write_tree   # networkx loads only when a tree is asked for

        fmt_written = write_tree(protocol_tree(alt, g.bob_prior[1], g.sally_prior[1]), tree)
        doc["tree"] = tree
        lines.append(f"protocol tree ({fmt_written}): {tree}")
    figure = None
    if plot:
        if alt is None:
            raise InputError("--plot draws the square diagrams, which need two types for each player")
        figure = FigureSpec("plot_dialogue", {"alt": alt, "start": (g.bob_prior[1], g.sally_prior[1])}, plot)
        doc["plot"] = plot
        lines.append(f"figure: {plot}")
    cl = _claims(len(pays) - 1, doc, envelope)
    options = {"rounds": rounds, "sally_prior": None if DS is None else list(g.sally_prior),
               "bob_prior": None if DB is None else list(g.bob_prior)}
    return Report("dialogue", game, options, doc, tuple(cl), tuple(lines), figure=figure)


def _num(x: Fraction) -> str:
    s = fmt(x)
    return s if len(s) <= 12 else decimal_str(x, 6)
