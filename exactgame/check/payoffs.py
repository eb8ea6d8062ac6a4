r"""Checks of ``payoffs`` documents: the vertices of :math:`F_\omega` and :math:`F_p = \sum_\omega p(\omega) F_\omega`.

The ground sets are rebuilt from the game: :math:`F_\omega = \mathrm{conv}\{u(\omega, a)\}` and
:math:`F_p` with summands :math:`p(\omega) F_\omega`. For each listed vertex ``v`` with its normal
``n``: in every summand ``n`` is maximized at a single payoff point and ``v`` is the weighted
sum of those points, so ``n`` exposes exactly ``v`` (support sets add, eq. (6) of
000_2cf035f6c25283ea.txt) and ``v`` is a vertex. Each facet ``a . x <= b`` has support value
``b`` (valid and tight); each equation ``e . x = f`` holds on the whole set.

Completeness (no vertex missing): in the plane, the vertices sorted by angle form a strictly
convex ring whose edges lie on listed facets, so the listed H-polyhedron, which contains
the set, equals the hull of the listed vertices; a set of affine dimension ``k <= 1`` (by
the listed equations) with ``k + 1`` exposed vertices is complete. In dimension ``d >= 3`` (no
equations) the certificate's ``boundary`` lists (d-1)-simplices ``[i_0, ..., i_{d-1}, f]`` on listed
vertices, each on the valid listed facet ``f``; oriented by the sign of
:math:`\det[v_1 - v_0; \dots; v_{d-1} - v_0; v_0 - c]` (never 0; ``c`` the vertices' centroid; in
3-D the triple product :math:`((v_1 - v_0) \times (v_2 - v_0)) \cdot (v_0 - c)`) they form a cycle:
every (d-2)-face twice, with opposite signs. Seen from ``c`` the cycle has one degree everywhere,
each simplex counting +1 where it covers, so the simplices meet every ray from ``c``: ``c`` is
interior and the boundary of the set lies in the union of the simplices, hence in the hull of the
listed vertices, and none is missing. A hull of one point set (some :math:`F_\omega`) whose every
point is a listed vertex is complete at once. A certificate without a boundary (the engine gives
none past ``MAX_BOUNDARY_SIMPLICES``) proves every listed point a vertex and every facet valid, but
not that none is missing: the document labels those claims conditional on cddlib's double
description.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any, Mapping, Sequence

from .core import expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame, prior_of

__all__ = ["check_payoffs", "complete_in_checker"]


def _dot(a, b) -> Fraction:
    return sum((x * y for x, y in zip(a, b) if x and y), Fraction(0))


def _integer(points: Sequence[Sequence[Fraction]]) -> tuple[list[tuple[int, ...]], int]:
    """The points times their common denominator L (exact integers), and L."""
    L = 1
    for x in points:
        for c in x:
            L = lcm(L, c.denominator)
    return [tuple(c.numerator * (L // c.denominator) for c in x) for x in points], L


class _Summands:
    """The summands over one common denominator L and the weights over D: n . x and the
    weighted sums compared as integers (same order, exact), for speed."""

    def __init__(self, summands, weights):
        self.summands, self.weights = [[tuple(x) for x in P] for P in summands], list(weights)
        flat, self.L = _integer([x for P in self.summands for x in P])
        it = iter(flat)
        self.ints = [[next(it) for _ in P] for P in self.summands]
        (self.W,), self.D = _integer([self.weights])

    def values(self, ni: Sequence[int], k: int) -> list[int]:
        """The integer normal ``ni`` dotted with the scaled points of summand k."""
        return [sum(a * b for a, b in zip(ni, q)) for q in self.ints[k]]

    def support(self, n, sign: int = 1) -> Fraction:
        """sign * sum_k w_k max_{x in P_k} sign * n . x."""
        (ni,), M = _integer([n])
        total = sum(w * max(sign * v for v in self.values(ni, k)) for k, w in enumerate(self.W) if w)
        return Fraction(sign * total, self.D * self.L * M)


def _rank(rows: Sequence[Sequence[Fraction]]) -> int:
    m = [list(r) for r in rows]
    rank, col, ncols = 0, 0, len(m[0]) if m else 0
    while rank < len(m) and col < ncols:
        piv = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if piv is None:
            col += 1
            continue
        m[rank], m[piv] = m[piv], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][col]:
                f = m[i][col] / m[rank][col]
                m[i] = [x - f * y for x, y in zip(m[i], m[rank])]
        rank += 1
        col += 1
    return rank


def _check_hull(key: str, claimed: Any, cert: Any, summands, weights, dim: int) -> bool:
    """Check one vertex list; return whether completeness was proved."""
    V = [vec(v, f"{key}/{i}", dim) for i, v in enumerate(claimed)]
    expect(len(set(V)) == len(V) and V, key, "empty or repeated vertices")
    cert = table(cert, f"certificates/{key}")
    expect(cert.get("certificate") == "convex-hull", f"certificates/{key}", "expected a convex-hull certificate")
    normals = [vec(n, f"certificates/{key}/normals/{i}", dim) for i, n in enumerate(cert.get("normals", []))]
    expect(len(normals) == len(V), f"certificates/{key}/normals", "one exposing normal per vertex")
    sets = _Summands(summands, weights)
    for v, n in zip(V, normals):
        (ni,), _ = _integer([n])
        total = [0] * dim  # sum_k w_k x_k over the denominator D L
        for k, w in enumerate(sets.W):
            if not w:
                continue
            vals = sets.values(ni, k)
            top = max(vals)
            arg = {x for x, h in zip(sets.ints[k], vals) if h == top}
            expect(len(arg) == 1, f"certificates/{key}/normals", lambda: f"the normal of {v} does not expose a single point of every summand")
            (x,) = arg
            total = [t + w * xi for t, xi in zip(total, x)]
        DL = sets.D * sets.L
        expect(all(c.numerator * DL == t * c.denominator for c, t in zip(v, total)), key,
               lambda: f"{v} is not the point its normal exposes")
    def rows(name: str) -> list[tuple[tuple[Fraction, ...], Fraction]]:
        return [(vec(r.get("a"), f"certificates/{key}/{name}", dim), num(r.get("b"), f"certificates/{key}/{name}"))
                for r in cert.get(name, [])]

    facets, equations = rows("facets"), rows("equations")
    for name, listed in (("facets", facets), ("equations", equations)):
        # a zero normal "holds" everywhere: a simplex or an edge on it would prove nothing
        expect(all(any(a) for a, _ in listed), f"certificates/{key}/{name}", lambda: f"a row of {name} has the zero normal")
    for a, b in facets:
        expect(sets.support(a) == b, f"certificates/{key}/facets", lambda: f"the facet {a} . x <= {b} is not valid and tight")
    for e, f in equations:
        expect(sets.support(e) == f == sets.support(e, -1), f"certificates/{key}/equations",
               lambda: f"the equation {e} . x = {f} does not hold on the set")
    return _complete(key, V, cert, facets, summands, weights, dim, dim - (_rank([e for e, _ in equations]) if equations else 0))


def _complete(key: str, V: list[tuple[Fraction, ...]], cert: Any, facets, summands, weights, dim: int, affine: int) -> bool:
    """Whether no vertex is missing (module text): every point listed, a point or segment, a ring, a 3-D cycle."""
    if len(summands) == 1 and weights[0] == 1 and set(V) == {tuple(x) for x in summands[0]}:
        return True  # every point of the one summand is a listed vertex: conv(points) = conv(V)
    if affine <= 1:
        return len(V) == affine + 1
    if dim == 2:
        return _ring(V, facets)
    if dim >= 3 and affine == dim and cert.get("boundary"):
        return _boundary(key, V, facets, cert["boundary"])
    return False


def _sign_of_sort(t: Sequence[int]) -> int:
    inversions = sum(1 for i in range(len(t)) for j in range(i + 1, len(t)) if t[i] > t[j])
    return -1 if inversions % 2 else 1


def _det(m: list[list[int]]) -> int:
    """The determinant of a square integer matrix (Bareiss' fraction-free elimination, exact)."""
    m = [list(r) for r in m]
    n, sign, prev = len(m), 1, 1
    for i in range(n):
        piv = next((r for r in range(i, n) if m[r][i]), None)
        if piv is None:
            return 0
        if piv != i:
            m[i], m[piv] = m[piv], m[i]
            sign = -sign
        for r in range(i + 1, n):
            for c in range(i + 1, n):
                m[r][c] = (m[r][c] * m[i][i] - m[r][i] * m[i][c]) // prev
        prev = m[i][i]
    return sign * m[n - 1][n - 1] if n else 1


def _boundary(key: str, V: list[tuple[Fraction, ...]], facets: list[tuple[tuple[Fraction, ...], Fraction]], simplices: Any) -> bool:
    """Completeness in dimension d >= 3: the listed (d-1)-simplices form an outward-signed cycle on the facets (module text)."""
    where = f"certificates/{key}/boundary"
    expect(isinstance(simplices, list), where, "expected a list of simplices [i_0, ..., i_{d-1}, f]")
    d = len(V[0])
    X, L = _integer(V)  # integers: the vertices times L, each facet normal times its own M, the centroid times |V|
    k = len(V)
    S = [sum(x[i] for x in X) for i in range(d)]
    planes = [(_integer([a]), b) for a, b in facets]
    faces: dict[tuple[int, ...], list[int]] = {}
    for t in simplices:
        expect(isinstance(t, list) and len(t) == d + 1 and all(type(i) is int for i in t) and len(set(t[:d])) == d
               and all(0 <= i < len(V) for i in t[:d]) and 0 <= t[d] < len(facets), where, lambda: f"bad simplex {t!r}")
        pts = [X[i] for i in t[:d]]
        ((a,), M), b = planes[t[d]]
        expect(all(sum(ai * xi for ai, xi in zip(a, x)) * b.denominator == b.numerator * M * L for x in pts), where,
               lambda: f"the simplex {t} is not on its facet")
        p0 = pts[0]
        side = _det([[x[i] - p0[i] for i in range(d)] for x in pts[1:]] + [[k * p0[i] - S[i] for i in range(d)]])
        expect(side != 0, where, lambda: f"the simplex {t} is flat or its plane holds the centroid")
        for m in range(d):
            rest = t[:m] + t[m + 1:d]
            faces.setdefault(tuple(sorted(rest)), []).append((1 if side > 0 else -1) * (-1) ** m * _sign_of_sort(rest))
    expect(all(len(s) == 2 and s[0] + s[1] == 0 for s in faces.values()), where,
           "the simplices do not form a closed oriented surface")
    return True


def _ring(V: list[tuple[Fraction, ...]], facets: list[tuple[tuple[Fraction, ...], Fraction]]) -> bool:
    k = len(V)
    cx, cy = sum(v[0] for v in V) / k, sum(v[1] for v in V) / k
    upper = [v for v in V if v[1] > cy or (v[1] == cy and v[0] > cx)]
    lower = [v for v in V if v not in upper]

    def sort_half(pts: list[tuple[Fraction, ...]]) -> list[tuple[Fraction, ...]]:  # counter-clockwise within one half-plane: insertion by cross products
        out: list[tuple[Fraction, ...]] = []
        for v in pts:
            x, y = v[0] - cx, v[1] - cy
            i = 0
            while i < len(out) and (out[i][0] - cx) * y - (out[i][1] - cy) * x > 0:
                i += 1
            out.insert(i, v)
        return out

    ring = sort_half(upper) + sort_half(lower)
    for i in range(k):
        p, q, r = ring[i], ring[(i + 1) % k], ring[(i + 2) % k]
        turn = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        expect(turn > 0, "vertices", "the vertices do not form a strictly convex polygon")
        expect(any(_dot(a, p) == b and _dot(a, q) == b for a, b in facets), "vertices", lambda: f"the edge {p}-{q} lies on no listed facet")
    return True


def complete_in_checker(dim: int) -> bool:
    """Whether the checker can prove completeness of vertex lists in this ambient dimension.

    Parameters
    ----------
    dim : int
        the number of players (the payoff space's dimension).

    Returns
    -------
    bool
        True: in the plane by the ring, in any dimension ``d >= 3`` given the certificate's
        ``boundary`` cycle (see the module text); a certificate without one leaves the claim
        conditional.

    >>> complete_in_checker(2), complete_in_checker(3), complete_in_checker(4)
    (True, True, True)
    """
    return dim >= 1


def check_payoffs(doc: Mapping[str, Any], g: CheckedGame,
                  options: Mapping[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Check a payoffs document; return the keys proved.

    ``players`` and ``prior_used`` must be the game's (the prior: ``options["prior"]`` or the
    game's); ``states/<w>`` the vertices of :math:`F_\\omega` and ``prior`` those of :math:`F_p`,
    each with its ``convex-hull`` certificate under ``certificates/``, checked as in the module text.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``game`` or ``sender-receiver``).
    options : mapping
        the document's options.

    Returns
    -------
    tuple of three lists of str
        the keys proved, the keys delegated (none) and the keys proved only given cddlib's
        completeness (``states`` and ``prior`` beyond two players: they must be conditional).

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...                "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}})
    >>> hull = {"certificate": "convex-hull", "normals": [["1", "-1"], ["-1", "1"]], "facets": [],
    ...         "equations": [{"a": ["1", "1"], "b": "1"}]}     # the segment from (1, 0) to (0, 1)
    >>> doc = {"players": ["sender", "receiver"], "prior_used": ["1"], "states": {"w": [["1", "0"], ["0", "1"]]},
    ...        "prior": [["1", "0"], ["0", "1"]], "certificates": {"states": {"w": hull}, "prior": hull}}
    >>> check_payoffs(doc, g, {})
    (['players', 'prior_used', 'states', 'prior'], [], [])
    """
    expect(g.kind in ("game", "sender-receiver"), "game/kind", "payoffs needs a game or sender-receiver game")
    k = len(g.players)
    expect_equal("players", lookup(doc, "players"), list(g.players))
    p = prior_of(options, g)
    expect_equal("prior_used", vec(lookup(doc, "prior_used"), "prior_used"), p)
    points = {w: [g.payoffs[w][a] for a in g.actions] for w in g.states}
    states = table(lookup(doc, "states"), "states")
    expect(list(states) == list(g.states), "states", "one vertex list per state, in the states' order")
    complete = {"states": True, "prior": True}
    for w in g.states:
        complete["states"] &= _check_hull(f"states/{w}", states[w], lookup(doc, f"certificates/states/{w}"), [points[w]], [Fraction(1)], k)
    complete["prior"] = _check_hull("prior", lookup(doc, "prior"), lookup(doc, "certificates/prior"), [points[w] for w in g.states], p, k)
    for key, done in complete.items():
        expect(done or k >= 3, key, "the vertex list is not proved complete")
    # without a proof of completeness (a set of dimension >= 3 with no boundary cycle) it rests
    # on cddlib's double description: conditional claims only
    return ["players", "prior_used", "states", "prior"], [], [key for key, done in complete.items() if not done]
