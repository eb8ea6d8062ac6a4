r"""Alternating concavification on the whole square, for binary type spaces (Sections 2-4 of
001_9d9f8fe1d5e70189.txt).

With two types each, :math:`(D_S, D_B)` is a point :math:`(p, q) \in [0,1]^2`:
``p`` = P(Bob has his second type), ``q`` = P(Sally has her second type) (in bilateral
trade types are sorted, so these are the high value and the high cost).

* :math:`\pi^0(p, q) = (1-q)\,h_0(p) + q\,h_1(p)` where :math:`h_s(p)` are type ``s``'s
  base-game payoffs: piecewise linear in ``p`` with jumps where her best response changes
  (the tie-broken value kept on the threshold).
* Odd rounds (Bob): for every ``q``, :math:`\pi^t_B(\cdot, q)` is the concave envelope of
  :math:`\pi^{t-1}_B(\cdot, q)` along ``p`` and Sally's payoff is the best for her among
  Bob's optimal splittings; even rounds (Sally) the same along ``q`` (eq. (4) with the
  tie-break of Section 2.3.5.3).

Every :math:`\pi^t` is piecewise bilinear on a rectangular grid (:class:`Grid`): a round
along ``p`` keeps the ``p``-lines (split points are old breakpoints) and adds a ``q``-line at
every ``q`` where the structure of the two hulls changes (:mod:`.concavify`). Voluntary
communication (eq. (3)) is checked exactly on the whole square after each round.

>>> from exactgame.dialogue.model import spy_game
>>> res = alternate(spy_game(), 2)
>>> [tuple(map(str, r.at(Fraction(1, 2), Fraction(1, 2)))) for r in res.rounds]
[('1/2', '-3/2'), ('1/2', '-1/6'), ('13/18', '-1/6')]
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

from ..errors import InputError, InternalError, TooLargeError
from ..progress import tick
from .concavify import Cand, Lin, Piece, sweep
from .enclosure import Context, FingerprintLost, UndecidedSign, context_of, to_enc
from .grid import Grid, Val
from .model import BOB, SALLY, DialogueGame

__all__ = ["base_grid", "alternate", "Round", "Alternation", "Protocol", "MAX_CELLS", "finish_round",
           "EnclosureRun", "coordinate_digits", "ENCLOSE_PREC", "ENCLOSE_DIGITS"]

#: Refuse to continue when a round's grid has more cells than this.
MAX_CELLS = 2_000_000
#: Refuse another round when a grid coordinate has more bits than this (about 15,000 digits):
#: the exact coordinates grow by a factor 2-4 in length per round in games like the spy game,
#: and each round then costs about ten times the last (round 14 of the spy game: 22,000 digits, 55 s).
MAX_COORD_BITS = 50_000
#: The report's default switch to enclosures: after the first grid with lines of more digits
#: than this (the spy game: exact to round 12, 1,218 digits, in about 1 s; round 13 alone would take 6 s).
ENCLOSE_DIGITS = 1_000
#: Precision (bits) of the first enclosure run (about 900 digits), and the largest one tried after doublings.
ENCLOSE_PREC = 3_000
MAX_ENCLOSE_PREC = 200_000


def _type_pieces(game: DialogueGame, s: int) -> tuple[list[Fraction], list[tuple[Lin, Lin]]]:
    """Breakpoints in p of Sally type s's best response, and the payoff lines (S, B) per action."""
    A = range(len(game.actions))

    def lines(a: int) -> tuple[Lin, Lin]:
        u0, u1 = game.u[(s, 0)][a], game.u[(s, 1)][a]
        return ((u0[0], u1[0] - u0[0]), (u0[1], u1[1] - u0[1]))   # value = c0 + c1 p

    L = [lines(a) for a in A]
    bps = set()
    for a in A:
        for b in A:
            if a < b:
                for k in (0, 1):   # Sally lines cross; Bob lines cross (ties among Sally-identical actions)
                    if k == 1 and L[a][0] != L[b][0]:
                        continue
                    d0, d1 = L[a][k][0] - L[b][k][0], L[a][k][1] - L[b][k][1]
                    if d1 and 0 < -d0 / d1 < 1:
                        bps.add(-d0 / d1)
    return sorted(bps), L


def base_grid(game: DialogueGame) -> Grid:
    r""":math:`\pi^0` on the whole square as a :class:`Grid` of (Sally, Bob) payoffs.

    :math:`\pi^0(p, q) = (1-q) h_0(p) + q h_1(p)` (module docstring): the grid's p-lines
    are the thresholds in (0, 1) where a Sally type's best response changes (including
    ties decided for Bob), and its q-lines are only 0 and 1 (bilinear in q). On a
    threshold the tie-broken value is kept, on the open intervals the limits of the
    actions played there.

    Parameters
    ----------
    game : DialogueGame
        A game with two Sally types and two Bob types.

    Returns
    -------
    Grid
        Not simplified (the caller simplifies it).

    Raises
    ------
    InputError
        If the game is not binary.

    >>> from exactgame.dialogue.model import spy_game
    >>> g = base_grid(spy_game())
    >>> g.ps, g.qs                     # type 0 switches C/E at p = 1/3, type 1 at p = 2/3
    ([Fraction(0, 1), Fraction(1, 3), Fraction(2, 3), Fraction(1, 1)], [Fraction(0, 1), Fraction(1, 1)])
    >>> g.evaluate(Fraction(1, 2), Fraction(1, 2))
    (Fraction(1, 2), Fraction(-3, 2))
    """
    if not game.binary:
        raise InputError("the whole-square computation needs two Sally types and two Bob types")
    bps = set()
    lines = []
    for s in (0, 1):
        b, L = _type_pieces(game, s)
        bps.update(b)
        lines.append(L)
    ps = [Fraction(0), *sorted(bps), Fraction(1)]

    def ev(ln: Lin, p: Fraction) -> Fraction:
        return ln[0] + ln[1] * p

    def actual(s, p):
        return game.type_payoffs(s, (1 - p, p))

    def piece_action(s, a_lo, a_hi):
        return game.best_response(s, (1 - (a_lo + a_hi) / 2, (a_lo + a_hi) / 2))

    V: list[list[Val]] = [[actual(0, p), actual(1, p)] for p in ps]
    H: list[list[tuple[Val, Val]]] = []
    for i in range(len(ps) - 1):
        col: list[tuple[Val, Val]] = []
        for s in (0, 1):
            a = piece_action(s, ps[i], ps[i + 1])
            Lr = lines[s][a]
            col.append(((ev(Lr[0], ps[i]), ev(Lr[1], ps[i])), (ev(Lr[0], ps[i + 1]), ev(Lr[1], ps[i + 1]))))
        H.append(col)
    E = [[(V[i][0], V[i][1])] for i in range(len(ps))]
    C = [[(H[i][0][0], H[i][0][1], H[i][1][0], H[i][1][1])] for i in range(len(ps) - 1)]
    return Grid(ps, [Fraction(0), Fraction(1)], V, H, E, C)


@dataclass
class Protocol:
    """The speaker's refinements in one round.

    ``axis`` is ``"p"`` (Bob refines p) or ``"q"`` (Sally refines q); ``xs`` the grid along
    that axis; ``pieces`` the :class:`~.concavify.Piece` list in increasing other
    coordinate (open strips and lines alternate).

    >>> from exactgame.dialogue.model import spy_game
    >>> proto = alternate(spy_game(), 1).rounds[1].protocol
    >>> proto.axis, proto.xs
    ('p', [Fraction(0, 1), Fraction(1, 3), Fraction(2, 3), Fraction(1, 1)])
    >>> proto.split(Fraction(1, 2), Fraction(1, 2))          # Bob: p = 1/2 -> 1/3 or 2/3, each w.p. 1/2
    [(Fraction(1, 2), Fraction(1, 3), Fraction(1, 2), 'V'), (Fraction(1, 2), Fraction(2, 3), Fraction(1, 2), 'V')]
    """

    axis: str
    xs: list[Fraction]
    pieces: list[Piece]
    #: pi^{t-1} and pi^t on the square (as (p, q), not transposed), set by :func:`alternate`:
    #: with both, :meth:`split` prefers silence among equal-payoff splits
    before: Grid | None = field(default=None, repr=False)
    after: Grid | None = field(default=None, repr=False)

    def split(self, p: Fraction, q: Fraction) -> list[tuple[Fraction, Fraction, Fraction, str]]:
        r"""The children of (p, q): ``[(weight, p', q', side), ...]`` (one child: silence).

        ``side`` is "V" when the child is the point itself, "L"/"R" when the payoff used
        is a one-sided limit (a supremum that is approached, not attained). Weights are
        positive and sum to 1, and the children average to (p, q) (splitting lemma).

        Among the speaker's optimal splittings the one best for the other player is taken
        (Section 2.3.5.3); when staying silent gives *both* players the same payoffs as that
        split, :math:`\pi^{t-1}(p, q) = \pi^t(p, q)`, the speaker stays silent, as the paper's
        protocols do (Figure 1: after Sally's q = 0 signal Bob stays silent).

        Parameters
        ----------
        p, q : Fraction
            The current state, in :math:`[0,1]^2`.

        Returns
        -------
        list of (Fraction, Fraction, Fraction, str)
            ``(weight, p', q', side)`` per child; only the split coordinate changes.

        Raises
        ------
        InternalError
            If the point is outside the square.
        """
        x, y = (p, q) if self.axis == "p" else (q, p)
        for pc in self.pieces:
            if (pc.lo == pc.hi == y) or (pc.lo < y < pc.hi):
                break
        else:  # pragma: no cover
            raise InternalError(f"{y} not covered")
        i, on = Grid._locate(self.xs, x)
        if on:
            u, w, lam = pc.splits[i]
        else:
            # inside a grid interval: it lies in one segment of the other's hull, from the
            # left end's segment start to the right end's segment end
            u, w = pc.splits[i][0], pc.splits[i + 1][1]
            lam = (w.x - x) / (w.x - u.x)
        kids = [(lam, u)] if u is w else [(lam, u), (1 - lam, w)]
        out = [(wt, *((c.x, y) if self.axis == "p" else (y, c.x)), c.side) for wt, c in kids if wt]
        if (len(out) > 1 or out[0][1:3] != (p, q)) and self.before is not None and self.after is not None \
                and self.before.evaluate(p, q) == self.after.evaluate(p, q):
            return [(Fraction(1), p, q, "V")]
        return out


@dataclass(frozen=True)
class Round:
    """:math:`\\pi^t` on the square; ``protocol`` is None for t = 0.

    ``voluntary`` records whether :math:`\\pi^t \\ge \\pi^{t-1}` for both players on the whole
    square (eq. (3)); Bob speaks in odd rounds, Sally in even ones.

    >>> from exactgame.dialogue.model import spy_game
    >>> r = alternate(spy_game(), 1).rounds[1]
    >>> r.t, r.speaker, r.voluntary, r.at(Fraction(1, 2), Fraction(1, 2))
    (1, 'bob', True, (Fraction(1, 2), Fraction(-1, 6)))
    """

    t: int
    grid: Grid
    protocol: Protocol | None
    voluntary: bool = True
    #: "exact" (Fractions) or "enclosure" (the numbers of :mod:`.enclosure`: balls around the
    #: exact values, ties decided by a modular test)
    mode: str = "exact"

    @property
    def speaker(self) -> str | None:
        """``"bob"`` in odd rounds, ``"sally"`` in even ones, None for the base game."""
        return None if self.t == 0 else ("bob" if self.t % 2 else "sally")

    def at(self, p: Fraction, q: Fraction) -> Val:
        """(Sally, Bob) payoffs at (p, q).

        Parameters
        ----------
        p, q : Fraction
            p = P(Bob's second type), q = P(Sally's second type).

        Returns
        -------
        tuple of Fraction
            :math:`(\\pi^t_S, \\pi^t_B)(p, q)`.
        """
        if self.mode == "enclosure":
            with context_of(self.grid.ps[0]):   # the balls' working precision
                return self.grid.evaluate(Fraction(p), Fraction(q))
        return self.grid.evaluate(Fraction(p), Fraction(q))


@dataclass(frozen=True)
class Alternation:
    """Every round's payoff function on the square, t = 0..T (frozen: built once, at the end).

    Built by :func:`alternate`; ``stable_from`` is the first t from which every later round
    is the same function (None if not detected).

    >>> from exactgame.dialogue.model import spy_game
    >>> alt = alternate(spy_game(), 2)
    >>> len(alt.rounds), alt.stable_from
    (3, None)
    >>> alt.payoffs(Fraction(1, 2), Fraction(1, 2))[2]           # Section 4, t = 2
    (Fraction(13, 18), Fraction(-1, 6))
    """

    game: DialogueGame
    rounds: tuple[Round, ...] = ()
    stable_from: int | None = None   # pi^t is the same function for every t >= stable_from
    stopped_by: str | None = None    # the limit that ended the run before the rounds asked for
    enclosure: "EnclosureRun | None" = None   # set when the last rounds are enclosures

    @property
    def exact_rounds(self) -> int:
        """The last round t computed in exact rationals (all rounds when no enclosure was needed)."""
        return self.enclosure.first - 1 if self.enclosure is not None else len(self.rounds) - 1

    def exact_part(self) -> "Alternation":
        """The same run cut after its last exact round (for outputs that need exact numbers).

        Returns
        -------
        Alternation
            Itself when every round is exact.
        """
        if self.enclosure is None:
            return self
        return Alternation(self.game, self.rounds[: self.exact_rounds + 1], None, "the rounds after are enclosures")

    def payoffs(self, p: Fraction, q: Fraction) -> list[Val]:
        """(Sally, Bob) payoffs at (p, q) for t = 0..T.

        Parameters
        ----------
        p, q : Fraction
            The start point.

        Returns
        -------
        list of tuple of Fraction
            ``[pi^0(p, q), ..., pi^T(p, q)]``.
        """
        return [r.at(p, q) for r in self.rounds]


def _candidates_strip(g: Grid, j: int, speaker: int, other: int) -> list[Cand]:
    """Candidates on the open strip q_j < q < q_{j+1}: affine in q."""
    q0, q1 = g.qs[j], g.qs[j + 1]
    m = len(g.ps) - 1

    def lin(lo: Val, hi: Val, k: int):
        c1 = (hi[k] - lo[k]) / (q1 - q0)
        return lo[k] - c1 * q0, c1

    out = []
    for i, x in enumerate(g.ps):
        vals = [("V", g.E[i][j])]
        if i:
            vals.append(("L", (g.C[i - 1][j][1], g.C[i - 1][j][3])))
        if i < m:
            vals.append(("R", (g.C[i][j][0], g.C[i][j][2])))
        seen = set()
        for side, (lo, hi) in vals:
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            out.append(Cand(x, side, lin(lo, hi, speaker), lin(lo, hi, other)))
    return out


def _candidates_line(g: Grid, j: int, speaker: int, other: int) -> list[Cand]:
    m = len(g.ps) - 1
    z = Fraction(0)
    out = []
    for i, x in enumerate(g.ps):
        vals = [("V", g.V[i][j])]
        if i:
            vals.append(("L", g.H[i - 1][j][1]))
        if i < m:
            vals.append(("R", g.H[i][j][0]))
        seen = set()
        for side, v in vals:
            if v in seen:
                continue
            seen.add(v)
            out.append(Cand(x, side, (v[speaker], z), (v[other], z)))
    return out


def _sweep_all(g: Grid, speaker: int) -> list[Piece]:
    """The pieces of a round along p: every line q = q_j and every open strip, in increasing q."""
    other = 1 - speaker
    pieces: list[Piece] = []
    n = len(g.qs) - 1
    for j in range(n + 1):
        tick("dialogue round (grid lines swept)", j, n + 1)
        pieces += sweep(_candidates_line(g, j, speaker, other), g.qs[j], g.qs[j])
        if j < n:
            pieces += sweep(_candidates_strip(g, j, speaker, other), g.qs[j], g.qs[j + 1])
    return pieces


def _round_along_p(g: Grid, speaker: int, pieces: list[Piece] | None = None) -> tuple[Grid, Protocol]:
    """Concavify along p for ``speaker`` (ties for the other player); new grid and protocol.
    With ``pieces`` (a checkpoint's, see :mod:`.checkpoint`) the sweeps are not run again."""
    other = 1 - speaker
    if pieces is None:
        pieces = _sweep_all(g, speaker)

    def val(F, G, y):
        v = [None, None]
        v[speaker] = F[0] + F[1] * y
        v[other] = G[0] + G[1] * y
        return tuple(v)

    lines = [pc for pc in pieces if pc.lo == pc.hi]
    strips = [pc for pc in pieces if pc.lo != pc.hi]
    qs = [pc.lo for pc in lines]
    V = [[val(*lines[k].values[i], lines[k].lo) for k in range(len(qs))] for i in range(len(g.ps))]
    E = [[(val(*pc.values[i], pc.lo), val(*pc.values[i], pc.hi)) for pc in strips] for i in range(len(g.ps))]
    m = len(g.ps) - 1
    H = [[(V[i][k], V[i + 1][k]) for k in range(len(qs))] for i in range(m)]
    C = [[(E[i][k][0], E[i + 1][k][0], E[i][k][1], E[i + 1][k][1]) for k in range(len(strips))] for i in range(m)]
    return Grid(list(g.ps), qs, V, H, E, C), Protocol("p", list(g.ps), pieces)


def alternate(game: DialogueGame, rounds: int, *, progress: Callable[[int, Grid], None] | None = None,
              stop_when_stable: bool = True, partial: bool = False, budget: float | None = None,
              start: Sequence[Round] = (), after_round: Callable[[tuple[Round, ...]], None] | None = None,
              enclose_digits: int | None = None, enclose_prec: int = ENCLOSE_PREC) -> Alternation:
    r""":math:`\pi^0, \dots, \pi^T` on the whole square, with each round's protocol.

    Stops early (and records ``stable_from``) when two consecutive rounds leave the
    payoffs unchanged on the whole square: then :math:`\pi^t = \pi^{t_0}` for all later t.

    Parameters
    ----------
    game : DialogueGame
        A game with two Sally types and two Bob types.
    rounds : int
        T >= 0; round t is Bob's (along p) when t is odd, Sally's (along q) when even.
    progress : callable, optional
        Called as ``progress(t, grid)`` after each round.
    stop_when_stable : bool, default True
        Stop once two consecutive rounds change nothing (otherwise compute all T rounds).
    partial : bool, default False
        At a limit (grid cells, breakpoint digits, ``budget``), return the rounds completed
        with ``stopped_by`` naming the limit instead of raising :class:`TooLargeError`.
    budget : float, optional
        Seconds of wall-clock time; no round starts after they are used up.
    start : sequence of Round, optional
        Rounds 0..k already computed (a checkpoint's, :mod:`.checkpoint`); the run continues
        with round k + 1 (only the first ``rounds + 1`` are kept).
    after_round : callable, optional
        Called with all the rounds so far after each new exact round (to save a checkpoint).
    enclose_digits : int, optional
        Compute every round after the first grid whose exact lines have more than this many
        digits in enclosures (:mod:`.enclosure`): the exact rounds' structure, decided by
        balls of ``enclose_prec`` bits (doubled until every sign is decided) and a modular
        test for ties (a Monte Carlo decision, bounded in ``Alternation.enclosure``). Rounds
        record their ``mode``. Default: exact throughout (up to ``MAX_COORD_BITS``).
    enclose_prec : int, default ENCLOSE_PREC
        The first precision of the balls, in bits.

    Returns
    -------
    Alternation
        The rounds computed (fewer than T + 1 when stable, or at a limit with ``partial``).

    Raises
    ------
    InputError
        Negative ``rounds`` or a game that is not binary.
    TooLargeError
        (Without ``partial``) more than :data:`MAX_CELLS` cells, breakpoints above
        ``MAX_COORD_BITS`` bits, or the time budget used up.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> alt = alternate(bilateral_trade([1, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"]), 4)
    >>> alt.stable_from, len(alt.rounds)                       # rounds 3 and 4 change nothing
    (2, 5)
    >>> alt.payoffs(Fraction(1, 3), Fraction(1, 2))[:2]
    [(Fraction(5, 3), Fraction(1, 2)), (Fraction(11, 6), Fraction(2, 3))]
    """
    if rounds < 0:
        raise InputError("--rounds: the number of rounds must be >= 0")
    t0 = time.monotonic()
    done = list(start[: rounds + 1]) or [Round(0, base_grid(game).simplify(), None)]
    unchanged, stable_from = _stability(done)
    if stable_from is not None and stop_when_stable:
        return Alternation(game, tuple(done[: stable_from + 3]), stable_from, None)
    stopped: str | None = None
    for t in range(len(done), rounds + 1):
        prev = done[-1].grid
        if enclose_digits is not None and coordinate_digits(prev) > enclose_digits:
            return _enclosed(game, done, rounds, t0, _Limits(partial, budget, stop_when_stable, enclose_prec), progress,
                             (unchanged, stable_from))
        stopped = _limit_reached(prev, t, budget, time.monotonic() - t0)
        r = _new_round(prev, t) if stopped is None else stopped
        if isinstance(r, str):
            if not partial:
                raise TooLargeError(r)
            stopped = r
            break
        done.append(r)
        _announce(done, progress, after_round)
        unchanged = unchanged + 1 if r.grid == prev else 0
        if unchanged >= 2 and stable_from is None:
            stable_from = t - 2
            if stop_when_stable:
                break
    return Alternation(game, tuple(done), stable_from, stopped)


def _announce(done: list[Round], progress: Callable[[int, Grid], None] | None,
              after_round: Callable[[tuple[Round, ...]], None] | None) -> None:
    """Tell the callbacks of :func:`alternate` about the round just added."""
    if progress:
        progress(done[-1].t, done[-1].grid)
    if after_round:
        after_round(tuple(done))


def coordinate_digits(g: Grid) -> int:
    """About the decimal digits of the longest numerator or denominator among the grid's exact lines
    (from its bits; 0 for enclosures).

    Parameters
    ----------
    g : Grid

    Returns
    -------
    int

    >>> from exactgame.dialogue.model import spy_game
    >>> coordinate_digits(base_grid(spy_game()))          # 1/3 and 2/3
    1
    >>> coordinate_digits(alternate(spy_game(), 12).rounds[12].grid)
    1218
    """
    bits = max((max(x.numerator.bit_length(), x.denominator.bit_length()) for x in g.ps + g.qs
                if isinstance(x, Fraction)), default=0)
    return bits * 30103 // 100000 + 1


@dataclass(frozen=True)
class EnclosureRun:
    """How the rounds from ``first`` on were computed in enclosures (:mod:`.enclosure`).

    ``context`` holds the prime, the precision (bits) and the count of ties decided by the
    modular test; ``restarts`` counts the reruns at a higher precision (a sign the balls did
    not decide) or with a new prime.

    >>> from exactgame.dialogue.model import spy_game
    >>> alt = alternate(spy_game(), 6, enclose_digits=3)      # round 4's lines have 5 digits
    >>> alt.enclosure.first, alt.exact_rounds, [r.mode for r in alt.rounds][-3:]
    (5, 4, ['exact', 'enclosure', 'enclosure'])
    >>> [float(v) for v in alt.payoffs(Fraction(1, 2), Fraction(1, 2))[6]]   # Section 4's table: 0.801, -0.075
    [0.80163140194518..., -0.07509097644418...]
    """

    first: int
    context: Context
    restarts: int = 0

    @property
    def error_bound(self) -> Fraction:
        """Bound on the probability that a tie was decided wrongly (:attr:`.Context.error_bound`)."""
        return self.context.error_bound


@dataclass(frozen=True)
class _Limits:
    partial: bool
    budget: float | None
    stop_when_stable: bool
    prec: int


def _enclosed(game: DialogueGame, exact: list[Round], rounds: int, t0: float, lim: _Limits,
              progress: Callable[[int, Grid], None] | None, stability: tuple[int, int | None]) -> Alternation:
    """Rounds ``len(exact)``..``rounds`` in enclosures from the last exact grid; reruns them all at
    twice the precision when a sign is not decided, with a new prime when a fingerprint is lost."""
    prec, restarts = lim.prec, 0
    while True:
        cx = Context(prec)
        try:
            done, stable_from, stopped = _enclosed_rounds(exact, rounds, t0, lim, progress, stability, cx)
        except UndecidedSign:
            prec, restarts = prec * 2, restarts + 1
            if prec > MAX_ENCLOSE_PREC:
                msg = (f"round {len(exact)}: the enclosures at {prec // 2} bits do not decide a sign; "
                       f"the exact rounds end at round {len(exact) - 1}")
                if not lim.partial:
                    raise TooLargeError(msg) from None
                return Alternation(game, tuple(exact), stability[1], msg)
            continue
        except FingerprintLost:   # pragma: no cover - probability about 2^-247 per division
            restarts += 1
            continue
        run = EnclosureRun(len(exact), cx, restarts) if len(done) > len(exact) else None   # None: stopped at once
        return Alternation(game, tuple(done), stable_from, stopped, run)


def _enclosed_rounds(exact: list[Round], rounds: int, t0: float, lim: _Limits,
                     progress: Callable[[int, Grid], None] | None, stability: tuple[int, int | None],
                     cx: Context) -> tuple[list[Round], int | None, str | None]:
    done = list(exact)
    unchanged, stable_from = stability
    with cx:
        prev = _enclosed_grid(exact[-1].grid, cx)
        for t in range(len(exact), rounds + 1):
            if lim.budget is not None and time.monotonic() - t0 > lim.budget:
                msg = f"the time budget of {lim.budget:g} s was used up after round {t - 1} ({time.monotonic() - t0:.1f} s)"
                if not lim.partial:
                    raise TooLargeError(msg)
                return done, stable_from, msg
            r = _new_round(prev, t)
            if isinstance(r, str):
                if not lim.partial:
                    raise TooLargeError(r)
                return done, stable_from, r
            r = Round(r.t, r.grid, r.protocol, r.voluntary, "enclosure")
            done.append(r)
            _announce(done, progress, None)
            unchanged = unchanged + 1 if r.grid == prev else 0
            prev = r.grid
            if unchanged >= 2 and stable_from is None:
                stable_from = t - 2
                if lim.stop_when_stable:
                    break
    return done, stable_from, None


def _enclosed_grid(g: Grid, cx: Context) -> Grid:
    """The exact grid with every number an :class:`~.enclosure.Enc` of the context."""
    return Grid(*(to_enc(part, cx) for part in (g.ps, g.qs, g.V, g.H, g.E, g.C)))


def _stability(done: Sequence[Round]) -> tuple[int, int | None]:
    """(consecutive unchanged rounds at the end, stable_from) of rounds computed or loaded."""
    unchanged, stable_from = 0, None
    for r in done[1:]:
        unchanged = unchanged + 1 if r.grid == done[r.t - 1].grid else 0
        if unchanged >= 2 and stable_from is None:
            stable_from = r.t - 2
    return unchanged, stable_from


def finish_round(prev: Grid, t: int, new: Grid, proto: Protocol, voluntary: bool | None = None) -> Round:
    """Round t from its payoff function and protocol: links the protocol to pi^{t-1} and pi^t and
    decides voluntary communication (3) on the whole square.

    Parameters
    ----------
    prev, new : Grid
        The payoffs of rounds t - 1 and t, simplified.
    t : int
        The round.
    proto : Protocol
        Its protocol.
    voluntary : bool, optional
        Already decided (a checkpoint's); by default decided here.

    Returns
    -------
    Round

    >>> from exactgame.dialogue.model import spy_game
    >>> g0 = base_grid(spy_game()).simplify()
    >>> finish_round(g0, 1, *_one_round(g0, 1)).voluntary
    True
    """
    proto.before, proto.after = prev, new
    # both grids are simplified, and a simplified grid is canonical (its lines are exactly
    # the function's breakpoints), so equality of grids is equality of functions
    if voluntary is None:
        voluntary = new == prev or (new.dominates(prev, SALLY) and new.dominates(prev, BOB))
    return Round(t, new, proto, voluntary)


def _new_round(prev: Grid, t: int) -> Round | str:
    """Round t computed from pi^{t-1}, or the message of the cell limit it exceeds."""
    new, proto = _one_round(prev, t)
    if new.cells > MAX_CELLS:
        return f"round {t} needs {new.cells} grid cells (at most {MAX_CELLS}); ask for fewer rounds"
    return finish_round(prev, t, new, proto)


def _one_round(prev: Grid, t: int, pieces: list[Piece] | None = None) -> tuple[Grid, Protocol]:
    """Round t from pi^{t-1}: Bob along p when t is odd, Sally along q when even; simplified.
    ``pieces``: the round's sweeps, already known (a checkpoint's)."""
    if t % 2:
        new, proto = _round_along_p(prev, BOB, pieces)
    else:
        new, proto = _round_along_p(prev.transpose(), SALLY, pieces)
        new = new.transpose()
        proto.axis = "q"
    return new.simplify(), proto


def _limit_reached(prev: Grid, t: int, budget: float | None, elapsed: float) -> str | None:
    """Why round t must not start (the breakpoints' size or the time budget), or None."""
    bits = max(max(x.numerator.bit_length(), x.denominator.bit_length()) for x in prev.ps + prev.qs)
    if bits > MAX_COORD_BITS:
        return (f"round {t - 1}'s exact breakpoints have about {bits * 30103 // 100000} digits (limit "
                f"{MAX_COORD_BITS * 30103 // 100000}); round {t} would take very long (each round costs about ten times "
                f"the last here); ask for --rounds {t - 1} or fewer")
    if budget is not None and elapsed > budget:
        return f"the time budget of {budget:g} s was used up after round {t - 1} ({elapsed:.1f} s)"
    return None


#: Largest protocol tree written into a certificate.
MAX_PATH_NODES = 20_000


def _support_slope(x: Fraction, fx: Fraction, pts: list[tuple[Fraction, Fraction]]) -> Fraction:
    """A slope b with fx + b (x' - x) >= f' for all (x', f') in pts (x is a vertex of their hull)."""
    lo = max(((f - fx) / (xx - x) for xx, f in pts if xx > x), default=None)
    hi = min(((fx - f) / (x - xx) for xx, f in pts if xx < x), default=None)
    return lo if lo is not None else (hi if hi is not None else Fraction(0))


def _line(kids, x, fx, pts, k):
    """Supporting line (alpha, beta) of component k through the node's value."""
    if len(kids) == 2:
        (x1, v1), (x2, v2) = [(c[0], c[1][k]) for c in kids]
        b = (v2 - v1) / (x2 - x1)
    else:
        b = _support_slope(x, fx, [(xx, v[k]) for xx, v in pts])
    return fx - b * x, b


def path_certificate(alt: Alternation, p: Fraction, q: Fraction, t: int | None = None) -> Any:
    """The :class:`~.certificate.PathCertificate` of the payoffs at (p, q) after t rounds.

    Builds the tree of states the protocol visits from (p, q) (each node's children are
    :meth:`Protocol.split`), with every speaker's supporting line and the section of the
    previous round along the split axis, plus a root for every earlier round at (p, q).

    Parameters
    ----------
    alt : Alternation
        The computed rounds.
    p, q : Fraction
        The start point.
    t : int, optional
        Number of rounds (default: the last round of ``alt``).

    Returns
    -------
    PathCertificate
        Its ``nodes[0]`` is the root (round t at (p, q)).

    Raises
    ------
    InputError
        If the optimum somewhere on the path is an unattained supremum (a split onto a
        one-sided limit): then no path certificate exists.
    TooLargeError
        More than ``MAX_PATH_NODES`` states.

    >>> from exactgame.dialogue.model import spy_game
    >>> c = path_certificate(alternate(spy_game(), 1), Fraction(1, 2), Fraction(1, 2))
    >>> c.nodes[0]["value"], c.nodes[0]["children"], c.verify()
    ([Fraction(1, 2), Fraction(-1, 6)], [[Fraction(1, 2), 1], [Fraction(1, 2), 2]], True)
    """
    from .certificate import PathCertificate

    T = len(alt.rounds) - 1 if t is None else t
    p, q = Fraction(p), Fraction(q)
    nodes: list[dict[str, Any]] = []
    index: dict[tuple[int, Fraction, Fraction], int] = {}

    def build(t: int, p: Fraction, q: Fraction) -> int:
        key = (t, p, q)
        if key in index:
            return index[key]
        if len(nodes) >= MAX_PATH_NODES:
            raise TooLargeError(f"the protocol tree has more than {MAX_PATH_NODES} states; certify fewer rounds")
        rnd = alt.rounds[t]
        node: dict[str, Any] = {"t": t, "p": p, "q": q, "value": list(rnd.at(p, q))}
        nodes.append(node)
        index[key] = len(nodes) - 1
        if t == 0:
            node["children"] = []
            return index[key]
        if rnd.protocol is None:
            raise InternalError(f"round {t} has no protocol")
        kids = rnd.protocol.split(p, q)
        if any(side != "V" for *_, side in kids):
            raise InputError(f"at ({p}, {q}) in round {t} the optimum is a supremum that is not attained (a split onto a one-sided limit); no path certificate")
        prev = alt.rounds[t - 1].grid
        spk, oth, x, y, g = (BOB, SALLY, p, q, prev) if t % 2 else (SALLY, BOB, q, p, prev.transpose())
        sec = g.section(y)
        section = [[xx, val, left, right] for xx, val, left, right in sec]
        pts = [(s[0], v) for s in sec for v in s[1:] if v is not None]
        child_ids = [(w, build(t - 1, cp, cq)) for w, cp, cq, _ in kids]
        kid_xy = [((nodes[i]["p"] if t % 2 else nodes[i]["q"]), nodes[i]["value"]) for _, i in child_ids]
        val = node["value"]
        a, b = _line(kid_xy, x, val[spk], pts, spk)
        contact = [(xx, v) for xx, v in pts if v[spk] == a + b * xx]
        node.update(children=[[w, i] for w, i in child_ids], line=[a, b],
                    other_line=list(_line(kid_xy, x, val[oth], contact, oth)), section=section)
        return index[key]

    build(T, p, q)
    for r in range(T - 1, 0, -1):   # a root for every round at the start point, so each round's claim has its node
        build(r, p, q)
    u = [[[list(alt.game.u[(s, b)][a]) for a in range(len(alt.game.actions))] for b in range(2)] for s in range(2)]
    return PathCertificate(u, nodes)
