"""A computed protocol as data (001_9d9f8fe1d5e70189.txt, Section 2): each round's strategy as
rectangles of the belief square, and the states visited from a start point.

Shared by the ``dialogue`` report and the figures (so neither imports the other).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .square import Alternation

__all__ = ["protocol_rectangles", "start_path"]


def protocol_rectangles(alt: Alternation, t: int) -> list[dict[str, Any]]:
    """Round t's strategy as rectangles: on [p0,p1] x [q0,q1] the speaker splits to the two ends.

    Open strips and open grid intervals only (lines have measure zero; see ``Protocol.split``).
    """
    proto = alt.rounds[t].protocol
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
    """The states visited from (p, q): per round the speaker's split of the current states."""
    frontier = {(p, q): Fraction(1)}
    steps = []
    for t in range(T, 0, -1):
        nxt: dict[tuple, Fraction] = {}
        moves = []
        for (a, b), w in frontier.items():
            kids = alt.rounds[t].protocol.split(a, b)
            moves.append({"from": [a, b], "prob": w, "to": [[kw, kp, kq] for kw, kp, kq, _ in kids]})
            for kw, kp, kq, _ in kids:
                nxt[(kp, kq)] = nxt.get((kp, kq), Fraction(0)) + w * kw
        steps.append({"t": t, "speaker": alt.rounds[t].speaker, "moves": moves})
        frontier = nxt
    return steps
