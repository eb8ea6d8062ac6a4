r"""One speaker's round along one axis: a *parametric*, lexicographic 1-D concavification.

Along a line (the other coordinate :math:`y` fixed) the previous round's payoffs are
piecewise linear in :math:`x`; at each grid point :math:`x_i` there are up to three
candidate values (the value at the point and the two one-sided limits), each a pair
(speaker, other). Inside an open strip of the other coordinate every candidate is an
affine function of :math:`y`.

The speaker's new payoff is the concave envelope of his candidates (the supremum over
splittings; a split onto a one-sided limit is a supremum that is approached but not
attained, and is flagged). Among the optimal splittings, the ones supported on the
*contact set* (candidates on the segment of the envelope through :math:`x`), the
speaker picks the best for the other player (Section 2.3.5.3 of
001_9d9f8fe1d5e70189.txt): the other's value is the concave envelope of his values over
the contact set. Both envelopes are computed at :math:`y_0 + \varepsilon` (comparing
affine functions lexicographically by value at :math:`y_0`, then slope), and the
structure stays valid until the first :math:`y` where a certificate of the two upper
hulls fails (a point reaching an edge, a vertex becoming collinear): a kinetic sweep.
Every such event becomes a grid line.

>>> F = Fraction
>>> pts = [Cand(F(0), "V", (F(0), F(0)), (F(1), F(0))),   # a hump at x = 1/2 for the speaker
...        Cand(F(1, 2), "V", (F(1), F(0)), (F(0), F(0))),
...        Cand(F(1), "V", (F(0), F(0)), (F(0), F(0)))]
>>> pieces = sweep(pts, F(0), F(1))
>>> [(str(pc.lo), str(pc.hi), [str(v[0][0]) for v in pc.values]) for pc in pieces]
[('0', '1', ['0', '1', '0'])]
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from ..errors import InternalError

__all__ = ["Cand", "Piece", "sweep", "Lin"]

Lin = tuple[Fraction, Fraction]   # c0 + c1 * y
ZERO: Lin = (Fraction(0), Fraction(0))


@dataclass(frozen=True)
class Cand:
    """A candidate point: position ``x``, which value ("V" at the point, "L"/"R" one-sided limits),
    the speaker's value ``f`` and the other player's value ``g`` as affine functions of y.

    An affine function is a pair ``(c0, c1)`` meaning :math:`c_0 + c_1 y` (:data:`Lin`).

    >>> c = Cand(Fraction(1, 2), "L", (Fraction(1), Fraction(-2)), (Fraction(0), Fraction(1)))
    >>> c.x, c.side, c.f[0] + c.f[1] * Fraction(1, 4)      # the speaker's value at y = 1/4
    (Fraction(1, 2), 'L', Fraction(1, 2))
    """

    x: Fraction
    side: str
    f: Lin
    g: Lin


@dataclass(frozen=True)
class Piece:
    """The result on ``lo < y < hi`` (an open strip) or at ``y = lo = hi`` (a line).

    ``values[i] = (F, G)``: the speaker's and the other's new payoff at ``x_i`` (affine in y);
    ``splits[i] = (u, w, weight_u)``: the split of ``x_i`` onto candidates ``u <= x_i <= w``
    (``u is w`` and weight 1 when the speaker stays silent).

    >>> F = Fraction
    >>> pc = sweep([Cand(F(0), "V", (F(0), F(0)), ZERO), Cand(F(1), "V", (F(2), F(0)), ZERO)], F(0), F(1))[0]
    >>> pc.lo, pc.hi, pc.values[1][0]          # at x = 1 the speaker keeps 2 (constant in y)
    (Fraction(0, 1), Fraction(1, 1), (Fraction(2, 1), Fraction(0, 1)))
    >>> pc.splits[0][2]                        # silent at x = 0: weight 1 on itself
    Fraction(1, 1)
    """

    lo: Fraction
    hi: Fraction
    values: tuple[tuple[Lin, Lin], ...]
    splits: tuple[tuple[Cand, Cand, Fraction], ...]


def _sub(a: Lin, b: Lin) -> Lin:
    return a[0] - b[0], a[1] - b[1]


def _sign(a: Lin, y0: Fraction) -> int:
    """Sign of the affine function just to the right of y0 (value, then slope)."""
    v = a[0] + a[1] * y0
    if v:
        return 1 if v > 0 else -1
    return (a[1] > 0) - (a[1] < 0)


def _orient(o: Cand, a: Cand, b: Cand, val: str) -> Lin:
    """(v_a - v_o)(x_b - x_o) - (v_b - v_o)(x_a - x_o): > 0 iff a is above the chord ob."""
    vo, va, vb = getattr(o, val), getattr(a, val), getattr(b, val)
    da, db = _sub(va, vo), _sub(vb, vo)
    wb, wa = b.x - o.x, a.x - o.x
    return da[0] * wb - db[0] * wa, da[1] * wb - db[1] * wa


def _combine(l1: Lin, l2: Lin, w: Fraction) -> Lin:
    return w * l1[0] + (1 - w) * l2[0], w * l1[1] + (1 - w) * l2[1]


def _root_after(a: Lin, y0: Fraction) -> Fraction | None:
    if a[1] == 0:
        return None
    r = -a[0] / a[1]
    return r if r > y0 else None


_Event = Callable[[Lin], None]


def _tops(cands: Sequence[Cand], xs: list[Fraction], y0: Fraction, ev: _Event) -> dict[Fraction, list[Cand]]:
    """Per x, the candidates with the speaker's largest value at y0 + epsilon; a root of every
    other candidate's difference to them is an event."""
    tops: dict[Fraction, list[Cand]] = {}
    for x in xs:
        here = [c for c in cands if c.x == x]
        best = here[0]
        for c in here[1:]:
            if _sign(_sub(c.f, best.f), y0) > 0:
                best = c
        tops[x] = [c for c in here if _sub(c.f, best.f) == ZERO]
        for c in here:
            if _sub(c.f, best.f) != ZERO:
                ev(_sub(c.f, best.f))
    return tops


def _contact(o: Cand, b: Cand, xs: list[Fraction], tops: dict[Fraction, list[Cand]], ev: _Event) -> list[Cand]:
    """The speaker's top candidates on the hull edge ``o b`` (events where one leaves the edge)."""
    contact = []
    for x in xs:
        if o.x <= x <= b.x:
            t = tops[x][0]
            d = _orient(o, t, b, "f") if o.x < x < b.x else ZERO
            if d == ZERO:
                contact.extend(tops[x])
            else:
                ev(d)
    return contact


class _Structure:
    """Both upper hulls at y0 + epsilon, and the first y > y0 where they may change."""

    def __init__(self, cands: Sequence[Cand], y0: Fraction):
        self.y0 = y0
        events: list[Fraction] = []

        def ev(lin: Lin) -> None:
            r = _root_after(lin, y0)
            if r is not None:
                events.append(r)

        xs = sorted({c.x for c in cands})
        tops = _tops(cands, xs, y0, ev)
        hull = self._upper([tops[x][0] for x in xs], "f", ev)
        self.hull = hull
        self.segments: list[tuple[Cand, Cand, list[Cand]]] = []   # per speaker edge: the other's hull
        for o, b in zip(hull, hull[1:]):
            self.segments.append((o, b, self._other_hull(_contact(o, b, xs, tops, ev), ev)))
        if len(hull) == 1:  # a single point
            self.segments.append((hull[0], hull[0], self._other_hull(tops[hull[0].x], ev)))
        self.next_event = min(events) if events else None

    def _upper(self, pts: list[Cand], val: str, ev: _Event) -> list[Cand]:
        hull: list[Cand] = []
        for c in pts:
            while len(hull) >= 2 and _sign(_orient(hull[-2], hull[-1], c, val), self.y0) <= 0:
                hull.pop()
            hull.append(c)
        for a, b, c in zip(hull, hull[1:], hull[2:]):
            ev(_orient(a, b, c, val))
        return hull

    def _other_hull(self, contact: list[Cand], ev: _Event) -> list[Cand]:
        y0 = self.y0
        best: dict[Fraction, Cand] = {}
        for c in contact:
            cur = best.get(c.x)
            if cur is None or _sign(_sub(c.g, cur.g), y0) > 0 or (_sub(c.g, cur.g) == ZERO and c.side == "V"):
                best[c.x] = c
        for c in contact:
            d = _sub(c.g, best[c.x].g)
            if d != ZERO:
                ev(d)
        pts = [best[x] for x in sorted(best)]
        hull = self._upper(pts, "g", ev)
        for c in pts:   # contact points strictly inside an edge of the other's hull
            for u, w in zip(hull, hull[1:]):
                if u.x < c.x < w.x:
                    d = _orient(u, c, w, "g")
                    if d != ZERO:
                        ev(d)
        return hull

    def result(self, x: Fraction) -> tuple[tuple[Lin, Lin], tuple[Cand, Cand, Fraction]]:
        """New (speaker, other) values at x and the split of x."""
        for o, b, oh in self.segments:
            if o.x <= x <= b.x:
                for u, w in zip(oh, oh[1:]) if len(oh) > 1 else [(oh[0], oh[0])]:
                    if u.x == x:
                        return (u.f, u.g), (u, u, Fraction(1))
                    if w.x == x:
                        return (w.f, w.g), (w, w, Fraction(1))
                    if u.x < x < w.x:
                        lam = (w.x - x) / (w.x - u.x)
                        return (_combine(u.f, w.f, lam), _combine(u.g, w.g, lam)), (u, w, lam)
        raise InternalError(f"{x} is outside the candidates' range")  # pragma: no cover


def _at(c: Cand, y: Fraction) -> Cand:
    return Cand(c.x, c.side, (c.f[0] + c.f[1] * y, Fraction(0)), (c.g[0] + c.g[1] * y, Fraction(0)))


def sweep(cands: Sequence[Cand], lo: Fraction, hi: Fraction) -> list[Piece]:
    """The round on ``lo < y < hi`` (``lo == hi``: on a line): pieces in increasing y.

    Open pieces alternate with the event lines between them, e.g. (lo, e1), [e1], (e1, hi).
    In each piece the speaker's value at :math:`x_i` is his concave envelope
    :math:`\\mathrm{cav}_x f(x_i; y)` over the candidates, and the other's value is the
    concave envelope of his values over the contact set (the best for him among the
    speaker's optimal splittings), both affine in y on the piece.

    Parameters
    ----------
    cands : sequence of Cand
        The candidates at every grid point ``x_i`` (at least one per ``x_i``; on a line,
        the affine functions are evaluated at ``y = lo``).
    lo : Fraction
        Lower end of the strip of y (or the line's y).
    hi : Fraction
        Upper end (``hi == lo`` for a line).

    Returns
    -------
    list of Piece
        Covering ``[lo, hi]`` in increasing y; each piece has one value and one split per
        distinct ``x`` of the candidates, in increasing x.

    The speaker's values at x = 0 and 1 rise as y; the middle stays at 1/2, so for
    y > 1/2 the middle point is split onto the ends:

    >>> F = Fraction
    >>> pts = [Cand(F(0), "V", (F(0), F(1)), ZERO), Cand(F(1, 2), "V", (F(1, 2), F(0)), ZERO),
    ...        Cand(F(1), "V", (F(0), F(1)), ZERO)]
    >>> [(str(pc.lo), str(pc.hi)) for pc in sweep(pts, F(0), F(1))]
    [('0', '1/2'), ('1/2', '1/2'), ('1/2', '1')]
    >>> last = sweep(pts, F(0), F(1))[-1]
    >>> last.values[1][0], [(u.x, w.x, lam) for u, w, lam in last.splits][1]   # value y at x = 1/2
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1), Fraction(1, 2)))
    """
    xs = sorted({c.x for c in cands})

    def piece(st: _Structure, a: Fraction, b: Fraction) -> Piece:
        res = [st.result(x) for x in xs]
        return Piece(a, b, tuple(r[0] for r in res), tuple(r[1] for r in res))

    if lo == hi:
        return [piece(_Structure([_at(c, lo) for c in cands], lo), lo, lo)]
    out, y0 = [], lo
    while True:
        st = _Structure(cands, y0)
        e = st.next_event
        if e is None or e >= hi:
            out.append(piece(st, y0, hi))
            return out
        out.append(piece(st, y0, e))
        out.append(piece(_Structure([_at(c, e) for c in cands], e), e, e))
        y0 = e
