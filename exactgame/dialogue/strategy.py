"""A computed protocol as data (001_9d9f8fe1d5e70189.txt, Section 2): each round's strategy as
rectangles of the belief square, and the states visited from a start point.

Shared by the ``dialogue`` report and the figures (so neither imports the other).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import InputError, InternalError
from .square import Alternation

__all__ = ["protocol_rectangles", "start_path"]


def protocol_rectangles(alt: Alternation, t: int) -> list[dict[str, Any]]:
    """Round t's strategy as rectangles: on [p0,p1] x [q0,q1] the speaker splits to the two ends.

    Open strips and open grid intervals only (lines have measure zero; see ``Protocol.split``).
    Inside a rectangle the speaker splits every state to the rectangle's two sides along
    his axis (Bob: the p-sides, Sally: the q-sides); rectangles are listed once each.

    Parameters
    ----------
    alt : Alternation
        The computed rounds.
    t : int
        A round 1..T (round 0, the base game, has no strategy).

    Returns
    -------
    list of dict
        ``{"p": [p0, p1], "q": [q0, q1], "split_along": "p" or "q"}`` (exact Fractions).

    Raises
    ------
    InputError
        If round t has no protocol (t = 0).

    >>> from fractions import Fraction
    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> rects = protocol_rectangles(alternate(spy_game(), 1), 1)
    >>> len(rects), rects[3]                     # around the start point (1/2, 1/2)
    (7, {'p': [Fraction(1, 3), Fraction(2, 3)], 'q': [Fraction(4, 9), Fraction(5, 9)], 'split_along': 'p'})
    """
    proto = alt.rounds[t].protocol
    if proto is None:
        raise InputError(f"round {t} is the base game: it has no protocol")
    rects, seen = [], set()
    for pc in proto.pieces:
        if pc.lo == pc.hi:
            continue
        for i in range(len(proto.xs) - 1):
            x0, x1 = pc.splits[i][0].x, pc.splits[i + 1][1].x
            if (x0, x1, pc.lo) in seen:
                continue
            seen.add((x0, x1, pc.lo))
            p, q = ([x0, x1], [pc.lo, pc.hi]) if proto.axis == "p" else ([pc.lo, pc.hi], [x0, x1])
            rects.append({"p": p, "q": q, "split_along": proto.axis})
    return rects


def start_path(alt: Alternation, p: Fraction, q: Fraction, T: int) -> list[dict[str, Any]]:
    """The states visited from (p, q): per round the speaker's split of the current states.

    The protocol runs from round T down to round 1 (round T's speaker moves first, as in
    the recursion :math:`\\pi^T = \\mathrm{cav}\\, \\pi^{T-1}`); ``prob`` is the probability of
    reaching a state, and the children's weights are conditional on it.

    Parameters
    ----------
    alt : Alternation
        The computed rounds (at least T + 1 of them).
    p : Fraction
        Start value of P(Bob's second type).
    q : Fraction
        Start value of P(Sally's second type).
    T : int
        Number of rounds to follow.

    Returns
    -------
    list of dict
        Per round ``{"t", "speaker", "moves": [{"from": [p, q], "prob", "to": [[weight, p', q'], ...]}]}``.

    >>> from fractions import Fraction
    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate
    >>> step = start_path(alternate(spy_game(), 1), Fraction(1, 2), Fraction(1, 2), 1)[0]
    >>> step["speaker"], step["moves"][0]["to"]
    ('bob', [[Fraction(1, 2), Fraction(1, 3), Fraction(1, 2)], [Fraction(1, 2), Fraction(2, 3), Fraction(1, 2)]])
    """
    frontier = {(p, q): Fraction(1)}
    steps = []
    for t in range(T, 0, -1):
        nxt: dict[tuple, Fraction] = {}
        moves = []
        for (a, b), w in frontier.items():
            proto = alt.rounds[t].protocol
            if proto is None:
                raise InternalError(f"round {t} has no protocol")
            kids = proto.split(a, b)
            moves.append({"from": [a, b], "prob": w, "to": [[kw, kp, kq] for kw, kp, kq, _ in kids]})
            for kw, kp, kq, _ in kids:
                nxt[(kp, kq)] = nxt.get((kp, kq), Fraction(0)) + w * kw
        steps.append({"t": t, "speaker": alt.rounds[t].speaker, "moves": moves})
        frontier = nxt
    return steps
