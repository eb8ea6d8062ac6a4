r"""Dialogue documents (001_9d9f8fe1d5e70189.txt, Sections 2.3-2.4), checked from the utilities.

The base game is rebuilt from the embedded canonical game (``dialogue`` or
``bilateral-trade``): :math:`u(a, \theta_S, \theta_B) = (u_S, u_B)`. Sally of type
:math:`\theta_S` plays a best response to :math:`D_B`, ties in favour of Bob, so
:math:`\pi^0(D_S, D_B) = \sum_s D_S(s)\,\max_{\text{lex}} (E_{D_B} u_S, E_{D_B} u_B)(a, s)`.

* ``rounds/0`` and ``efficient_welfare`` (:math:`W^* = E \max_a (u_S + u_B)`) are recomputed.
* **Round 1 at one point** (``dialogue-envelope``, any type spaces). Bob splits :math:`D_B`.
  The split's posteriors :math:`x_k` (weights :math:`w_k`, averaging to :math:`D_B`) give
  :math:`\sum_k w_k \pi^0(x_k)`, recomputed here: a lower bound for Bob. The upper bound is
  an affine :math:`h` with :math:`h \cdot D_B = v_B` and :math:`h \ge \pi^0_B(D_S, \cdot)` on the
  simplex. On the cell of a profile :math:`(a_s)_{s \in \mathrm{supp} D_S}` (every :math:`a_s`
  a best response) :math:`\pi^0_B \le f(x) = \sum_s D_S(s) E_x u_B(a_s, s)`, and the witness
  gives multipliers :math:`\mu_{s,a'} \ge 0` with, for every Bob type :math:`b`,

  .. math:: \sum_s D_S(s) u_B(a_s, s, b) - h_b
            + \sum_{s, a'} \mu_{s,a'} \big(u_S(a_s, s, b) - u_S(a', s, b)\big) \le 0,

  so :math:`f - h \le -\sum \mu \cdot (\text{incentive slacks}) \le 0` on the cell (an empty cell
  has such multipliers too, by Farkas' lemma). Every point lies in the cell of the profile
  Sally actually plays there, so :math:`\pi^0_B \le h`: no split gives Bob more than
  :math:`v_B`. Sally's value (Bob breaks ties in her favour among his optimal splits) is
  bounded the same way by :math:`g, \theta` with :math:`g \cdot D_B - \theta v_B = v_S` and
  :math:`\pi^0_S + \theta \pi^0_B \le g` (per cell, :math:`\pi^0_S` is the cell's own
  :math:`u_S` term): every Bob-optimal split has :math:`\sum w_k \pi^0_B(x_k) = v_B`, hence
  :math:`\sum w_k \pi^0_S(x_k) \le g \cdot D_B - \theta v_B`.
* **Whole-square protocol trees** (``dialogue-path``, binary types): node by node, leaves
  against :math:`\pi^0` recomputed here, every split against the splitting lemma and the
  payoff recursion, the speaker's choice against a supporting line that dominates the
  section of his previous-round payoff along the split's line, and the tie-break against
  the other player's line on the contact set. Sections of :math:`\pi^0` (round 1) are
  recomputed from the utilities (linear between thresholds of Sally's best responses);
  later sections are the engine's, so rounds 2 and later are proved *given* the engine's
  payoff function of the round before (the claims say so).
* **Protocol trees at one point** (``dialogue-tree``, any types, any rounds; the cell engine):
  node by node (:func:`check_point_tree`) leaves against :math:`\pi^0` recomputed here,
  every split in the speaker's coordinate only, averaging to the node, the values adding up;
  the root is the start point with the claimed payoffs, and the other player's voluntary
  constraint (3) holds there. Round 1 is also proved by the envelope certificate; rounds
  >= 2 are attained by the tree's protocol, and optimal given the engine's pieces.
* **Round 2 at one point**: Sally's split is checked (posteriors average to :math:`D_S`, the
  totals, Bob's voluntary constraint (3)); the values at her posteriors are the engine's
  round-1 payoffs, which the claim names as what it rests on.

>>> from fractions import Fraction as F
>>> u = {(0, 0): ((F(1), F(1)), (F(-1), F(-1))), (0, 1): ((F(-2), F(2)), (F(2), F(-2))),
...      (1, 0): ((F(-2), F(2)), (F(2), F(-2))), (1, 1): ((F(1), F(1)), (F(-1), F(-1)))}
>>> [str(x) for x in base_payoffs(u, 2, (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))]   # spy game, t = 0
['1/2', '-3/2']
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..numbers import fmt, Vector
from .core import CheckFailure, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame

__all__ = ["base_payoffs", "check_split", "check_envelope", "check_tree", "check_point_tree", "check_dialogue", "utilities_of"]

Table = Mapping[tuple[int, int], Sequence[tuple[Fraction, Fraction]]]
ZERO = Fraction(0)


def utilities_of(g: CheckedGame) -> tuple[Table, int]:
    """The utility table ``u[(s, b)][a] = (u_S, u_B)`` and the number of actions.

    Parameters
    ----------
    g : CheckedGame
        a ``dialogue`` or ``bilateral-trade`` game (``s``, ``b``: indices of Sally's and Bob's types).

    Returns
    -------
    tuple
        ``(u, number of actions)``.

    >>> g = CheckedGame("dialogue", actions=("x",), utilities={(0, 0): ((Fraction(1), Fraction(2)),)})
    >>> utilities_of(g)
    ({(0, 0): ((Fraction(1, 1), Fraction(2, 1)),)}, 1)
    """
    return g.utilities, len(g.actions)


def _expected(u: Table, a: int, s: int, DB: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    x = sum((w * u[(s, b)][a][0] for b, w in enumerate(DB) if w), ZERO)
    y = sum((w * u[(s, b)][a][1] for b, w in enumerate(DB) if w), ZERO)
    return x, y


def base_payoffs(u: Table, nA: int, DS: Sequence[Fraction], DB: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
    r""":math:`\pi^0(D_S, D_B)`: each Sally type's best response, ties in favour of Bob.

    ``pi0 = sum_s D_S(s) max_lex_a (sum_b D_B(b) u_S(a, s, b), sum_b D_B(b) u_B(a, s, b))``.

    Parameters
    ----------
    u : Table
        ``u[(s, b)][a] = (u_S, u_B)``.
    nA : int
        the number of actions.
    DS, DB : sequence of Fraction
        the distributions of Sally's and Bob's types.

    Returns
    -------
    tuple of Fraction
        ``(Sally's payoff, Bob's payoff)``.

    >>> F = Fraction
    >>> u = {(0, 0): ((F(1), F(0)), (F(1), F(5))), (0, 1): ((F(0), F(0)), (F(0), F(1)))}
    >>> base_payoffs(u, 2, (F(1),), (F(1, 2), F(1, 2)))      # Sally is indifferent: Bob's favourite
    (Fraction(1, 2), Fraction(3, 1))
    """
    S = B = ZERO
    for s, w in enumerate(DS):
        if w:
            x, y = max(_expected(u, a, s, DB) for a in range(nA))
            S += w * x
            B += w * y
    return S, B


def check_split(cert: Mapping[str, Any], key: str, prior: Vector) -> tuple[list[Vector], list[Fraction], Vector]:
    """A ``dialogue-split`` witness: posteriors averaging to ``prior`` with probability weights.

    Also checked: ``prior`` is the certificate's, and ``total`` is the weighted mean of the
    posteriors' ``values`` (pairs ``(v_S, v_B)``, taken from the witness).

    Parameters
    ----------
    cert : mapping
        the witness (``prior``, ``posteriors``, ``weights``, ``values``, ``total``).
    key : str
        its ``/``-path.
    prior : Vector
        the distribution being split.

    Returns
    -------
    tuple
        ``(posteriors, weights, total)``.

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> c = {"prior": ["1/2", "1/2"], "posteriors": [["1", "0"], ["0", "1"]], "weights": ["1/2", "1/2"],
    ...      "values": [["1", "0"], ["0", "2"]], "total": ["1/2", "1"]}
    >>> check_split(c, "c", (Fraction(1, 2), Fraction(1, 2)))[2]
    (Fraction(1, 2), Fraction(1, 1))
    """
    n = len(prior)
    expect_equal(f"{key}/prior", vec(cert.get("prior"), f"{key}/prior", n), prior)
    posts = [vec(d, f"{key}/posteriors/{k}", n) for k, d in enumerate(cert.get("posteriors") or [])]
    weights = vec(cert.get("weights"), f"{key}/weights", len(posts))
    expect(posts and all(w >= 0 for w in weights) and sum(weights) == 1, f"{key}/weights", "not a probability vector")
    for k, d in enumerate(posts):
        expect(all(x >= 0 for x in d) and sum(d) == 1, f"{key}/posteriors/{k}", "not a distribution")
    mean = tuple(sum((w * d[i] for w, d in zip(weights, posts)), ZERO) for i in range(n))
    expect(mean == prior, f"{key}/posteriors", lambda: "the posteriors do not average to the prior")
    total = vec(cert.get("total"), f"{key}/total", 2)
    values = [vec(v, f"{key}/values/{k}", 2) for k, v in enumerate(cert.get("values") or [])]
    expect(len(values) == len(posts), f"{key}/values", "expected one value per posterior")
    expect(tuple(sum((w * v[i] for w, v in zip(weights, values)), ZERO) for i in range(2)) == total, f"{key}/total",
           "the posteriors' values do not average to the total")
    return posts, list(weights), total


def check_envelope(u: Table, nA: int, DS: Vector, DB: Vector, split: Mapping[str, Any], env: Mapping[str, Any],
                   key: str) -> tuple[Fraction, Fraction]:
    """Round 1 at (D_S, D_B) from Bob's split and the envelope witness (module doc); returns (v_S, v_B).

    Parameters
    ----------
    u : Table
        the utilities.
    nA : int
        the number of actions.
    DS, DB : Vector
        the start point.
    split : mapping
        Bob's ``dialogue-split``; its values are recomputed here as ``pi0(D_S, x_k)``.
    env : mapping
        the ``dialogue-envelope`` witness: ``h``, ``g``, ``theta`` and one cell per profile of
        Sally's supported types, with multipliers for ``bob`` and ``sally``.
    key : str
        the split's ``/``-path.

    Returns
    -------
    tuple of Fraction
        the proved round-1 payoffs ``(v_S, v_B)``.

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> F = Fraction
    >>> u = {(0, 0): ((F(1), F(1)),), (0, 1): ((F(1), F(3)),)}       # one action: nothing to learn
    >>> split = {"certificate": "dialogue-split", "speaker": "bob", "prior": ["1/2", "1/2"],
    ...          "posteriors": [["1/2", "1/2"]], "weights": ["1"], "values": [["1", "2"]], "total": ["1", "2"]}
    >>> env = {"certificate": "dialogue-envelope", "h": ["1", "3"], "g": ["1", "1"], "theta": "0",
    ...        "cells": [{"profile": [0], "bob": [], "sally": []}]}
    >>> check_envelope(u, 1, (F(1),), (F(1, 2), F(1, 2)), split, env, "certificates/0")
    (Fraction(1, 1), Fraction(2, 1))
    """
    expect(split.get("certificate") == "dialogue-split" and split.get("speaker") == "bob", key, "expected Bob's dialogue-split")
    expect(env.get("certificate") == "dialogue-envelope", key, "expected a dialogue-envelope witness")
    posts, weights, total = check_split(split, key, DB)
    vS = sum((w * base_payoffs(u, nA, DS, x)[0] for w, x in zip(weights, posts)), ZERO)
    vB = sum((w * base_payoffs(u, nA, DS, x)[1] for w, x in zip(weights, posts)), ZERO)
    expect_equal(f"{key}/total", total, (vS, vB))
    nB = len(DB)
    h = vec(env.get("h"), f"{key}/h", nB)
    gS = vec(env.get("g"), f"{key}/g", nB)
    theta = num(env.get("theta"), f"{key}/theta")
    expect(sum(a * b for a, b in zip(h, DB)) == vB, f"{key}/h", "h(D_B) is not Bob's value")
    expect(sum(a * b for a, b in zip(gS, DB)) - theta * vB == vS, f"{key}/g", "g(D_B) - theta v_B is not Sally's value")
    supp = [s for s, w in enumerate(DS) if w]
    cells: Any = env.get("cells")
    expect(isinstance(cells, list) and len(cells) == nA ** len(supp), f"{key}/cells",
           lambda: f"expected one cell per profile of Sally's types ({nA ** len(supp)})")
    seen = set()
    m = len(supp) * (nA - 1)
    for i, cell in enumerate(cells):
        cell = table(cell, f"{key}/cells/{i}")
        prof: Any = cell.get("profile")
        expect(isinstance(prof, list) and len(prof) == len(supp) and all(type(a) is int and 0 <= a < nA for a in prof),
               f"{key}/cells/{i}/profile", "expected one action index per type in the support of D_S")
        seen.add(tuple(prof))
        rows = [(s, a, a2) for s, a in zip(supp, prof) for a2 in range(nA) if a2 != a]
        for who in ("bob", "sally"):
            mu = vec(cell.get(who), f"{key}/cells/{i}/{who}", m)
            expect(all(x >= 0 for x in mu), f"{key}/cells/{i}/{who}", "a multiplier is negative")
            for b in range(nB):
                if who == "bob":
                    f = sum((DS[s] * u[(s, b)][a][1] for s, a in zip(supp, prof)), ZERO) - h[b]
                else:
                    f = sum((DS[s] * (u[(s, b)][a][0] + theta * u[(s, b)][a][1]) for s, a in zip(supp, prof)), ZERO) - gS[b]
                f += sum((y * (u[(s, b)][a][0] - u[(s, b)][a2][0]) for y, (s, a, a2) in zip(mu, rows) if y), ZERO)
                expect(f <= 0, f"{key}/cells/{i}/{who}",
                       lambda: f"the bound fails at Bob's type {b} for the profile {prof} (coefficient {fmt(f)} > 0)")
    expect(len(seen) == len(cells), f"{key}/cells", "a profile is repeated")
    return vS, vB


# -- whole-square trees ------------------------------------------------------------------

def _at(u: Table, q: Fraction, p: Fraction) -> tuple[Fraction, Fraction]:
    return base_payoffs(u, len(u[(0, 0)]), (1 - q, q), (1 - p, p))


def _thresholds(u: Table) -> set[Fraction]:
    """Every p in (0, 1) where Sally's behaviour can change: two of her actions give one of her types
    the same payoff; and, for two actions that give a type the same payoff at every p (ties broken
    in favour of Bob), where Bob's payoffs from them cross."""
    out = set()

    def cross(rows):
        for i, (a0, a1) in enumerate(rows):
            for b0, b1 in rows[i + 1:]:
                if a1 != b1 and 0 < (b0 - a0) / (a1 - b1) < 1:
                    out.add((b0 - a0) / (a1 - b1))

    for s in (0, 1):
        rows = [(u0[0], u1[0] - u0[0]) for u0, u1 in zip(u[(s, 0)], u[(s, 1)])]
        cross(rows)
        for i, r in enumerate(rows):
            for j in range(i + 1, len(rows)):
                if rows[j] == r:   # Sally's type is indifferent everywhere: Bob's payoff decides
                    cross([(u[(s, 0)][k][1], u[(s, 1)][k][1] - u[(s, 0)][k][1]) for k in (i, j)])
    return out


def _check_base_section(u: Table, q: Fraction, section, key: str) -> None:
    """The section of pi^0 at q along p: its values, linear between them (checked at every
    threshold of Sally's best responses and at two points inside every threshold-free interval)."""
    xs = [x for x, *_ in section]
    expect(xs == sorted(xs) and xs[0] == 0 and xs[-1] == 1, key, "the section does not cover [0, 1]")
    taus = _thresholds(u)
    for (xa, va, _, ra), (xb, vb, lb, _) in zip(section, section[1:]):
        expect(xa < xb and ra is not None and lb is not None, key, "the section's points are not increasing with limits")
        expect(va == _at(u, q, xa) and vb == _at(u, q, xb), key, lambda: f"the values at {fmt(xa)} or {fmt(xb)} are not pi^0's")

        def line(x):
            return tuple(ra[i] + (lb[i] - ra[i]) * (x - xa) / (xb - xa) for i in range(2))

        cuts = [xa, *sorted(t for t in taus if xa < t < xb), xb]
        for c in cuts[1:-1]:
            expect(_at(u, q, c) == line(c), key, lambda: f"pi^0 is not linear at the threshold {fmt(c)}")
        for c0, c1 in zip(cuts, cuts[1:]):
            for z in (c0 + (c1 - c0) / 3, c0 + 2 * (c1 - c0) / 3):
                expect(_at(u, q, z) == line(z), key, lambda: f"pi^0 is not the section's segment at {fmt(z)}")


def _pair(x: Any, key: str) -> Vector | None:
    return None if x is None else vec(x, key, 2)


def _index(x: Any, key: str, bound: int | None = None) -> int:
    """A whole number (as the certificates write it, an int or its exact string) in [0, bound)."""
    v = num(x, key)
    expect(v.denominator == 1 and v >= 0 and (bound is None or v < bound), key, "expected a whole number in range")
    return int(v)


def _read_nodes(cert: Mapping[str, Any], key: str) -> list[dict]:
    nodes = []
    raw: Any = cert.get("nodes")
    expect(isinstance(raw, list) and raw, f"{key}/nodes", "expected a list of nodes")
    for k, nd in enumerate(raw):
        nd = table(nd, f"{key}/nodes/{k}")
        t = _index(nd.get("t"), f"{key}/nodes/{k}/t")
        out: dict[str, Any] = {"t": t, "p": num(nd.get("p"), f"{key}/nodes/{k}/p"), "q": num(nd.get("q"), f"{key}/nodes/{k}/q"),
               "value": vec(nd.get("value"), f"{key}/nodes/{k}/value", 2)}
        if t:
            kids: Any = nd.get("children")
            expect(isinstance(kids, list) and kids, f"{key}/nodes/{k}/children", "a split needs children")
            out["children"] = []
            for j, c in enumerate(kids):
                expect(isinstance(c, list) and len(c) == 2, f"{key}/nodes/{k}/children/{j}", "expected [weight, node index]")
                out["children"].append((num(c[0], f"{key}/nodes/{k}/children/{j}"),
                                        _index(c[1], f"{key}/nodes/{k}/children/{j}", len(raw))))
            out["line"] = vec(nd.get("line"), f"{key}/nodes/{k}/line", 2)
            out["other_line"] = vec(nd.get("other_line"), f"{key}/nodes/{k}/other_line", 2)
            sec: Any = nd.get("section")
            expect(isinstance(sec, list) and sec, f"{key}/nodes/{k}/section", "expected a section")
            out["section"] = []
            for j, r in enumerate(sec):
                expect(isinstance(r, list) and len(r) == 4, f"{key}/nodes/{k}/section/{j}", "expected [x, value, left, right]")
                kk = f"{key}/nodes/{k}/section/{j}"
                out["section"].append((num(r[0], kk), vec(r[1], kk, 2), _pair(r[2], kk), _pair(r[3], kk)))
        nodes.append(out)
    return nodes


def _check_speaker_line(nd: dict, kids: list, axis: str, spk: int, kk: str) -> None:
    """The speaker's supporting line dominates the section and passes through the node and its children."""
    a, b = nd["line"]
    section, val = nd["section"], nd["value"]
    for x, *cands in section:
        for cv in filter(None, cands):
            expect(cv[spk] <= a + b * x, f"{kk}/line", lambda: f"the speaker's payoff at {fmt(x)} is above the supporting line")
    expect(a + b * nd[axis] == val[spk], f"{kk}/line", "the supporting line does not pass through the speaker's value")
    for w, c in kids:
        expect(a + b * c[axis] == c["value"][spk], f"{kk}/line", "a child is not on the supporting line")
        expect(_section_value(section, c[axis]) == c["value"], f"{kk}/section",
               "a child's payoffs are not the section's value at its point")


def _section_value(section: list, x: Fraction) -> Vector | None:
    """The section's value at x: at a point its value; strictly between two points the linear
    function from the right limit at the left point to the left limit at the right point (a
    silent speaker's child lies anywhere on the line); None outside the section."""
    for (x0, v0, _, r0), (x1, _, l1, _) in zip(section, section[1:]):
        if x0 < x < x1 and r0 is not None and l1 is not None:
            s = (x - x0) / (x1 - x0)
            return tuple(a + s * (b - a) for a, b in zip(r0, l1))
    return next((v for xx, v, _, _ in section if xx == x), None)


def _check_other_line(nd: dict, axis: str, spk: int, oth: int, kk: str) -> None:
    """The tie-break: on the speaker's contact set the other player's line dominates his payoff."""
    a, b = nd["line"]
    c0, c1 = nd["other_line"]
    for x, *cands in nd["section"]:
        for cv in filter(None, cands):
            if cv[spk] == a + b * x:
                expect(cv[oth] <= c0 + c1 * x, f"{kk}/other_line", lambda: f"the tie-break is not the other player's best at {fmt(x)}")
    expect(c0 + c1 * nd[axis] == nd["value"][oth], f"{kk}/other_line", "the other player's line does not pass through his value")


def check_tree(u: Table, cert: Mapping[str, Any], key: str) -> dict[tuple[int, Fraction, Fraction], Vector]:
    """Check a ``dialogue-path`` tree against the utilities; return {(t, p, q): (v_S, v_B)} of its nodes.

    Node ``(t, p, q)``: ``p`` the probability of Bob's type 1, ``q`` Sally's; a leaf (``t = 0``)
    must hold ``pi0``; a split of round ``t`` (Bob speaks for odd ``t``, along ``p``) is checked
    as in the module text.

    Parameters
    ----------
    u : Table
        the utilities (binary types).
    cert : mapping
        the ``dialogue-path`` certificate (``nodes``).
    key : str
        its ``/``-path.

    Returns
    -------
    dict
        ``{(t, p, q): (v_S, v_B)}`` for every node.

    Raises
    ------
    CheckFailure
        at the first node that fails.

    >>> F = Fraction
    >>> u = {(s, b): ((F(s + b), F(1)),) for s in (0, 1) for b in (0, 1)}
    >>> check_tree(u, {"certificate": "dialogue-path", "nodes": [{"t": 0, "p": "1/2", "q": "0", "value": ["1/2", "1"]}]}, "c")
    {(0, Fraction(1, 2), Fraction(0, 1)): (Fraction(1, 2), Fraction(1, 1))}
    """
    expect(cert.get("certificate") == "dialogue-path", key, "expected a dialogue-path certificate")
    nodes = _read_nodes(cert, key)
    for k, nd in enumerate(nodes):
        kk = f"{key}/nodes/{k}"
        t, p, q, val = nd["t"], nd["p"], nd["q"], nd["value"]
        expect(0 <= p <= 1 and 0 <= q <= 1, kk, "the node is outside the square")
        if t == 0:
            expect(_at(u, q, p) == val, f"{kk}/value", lambda: f"pi^0 at ({fmt(p)}, {fmt(q)}) is not the node's value")
            continue
        kids = [(w, nodes[i]) for w, i in nd["children"]]
        expect(sum(w for w, _ in kids) == 1 and all(w > 0 for w, _ in kids), f"{kk}/children", "weights are not a distribution")
        axis, other_axis, spk, oth = ("p", "q", 1, 0) if t % 2 else ("q", "p", 0, 1)
        for w, c in kids:
            expect(c["t"] == t - 1 and c[other_axis] == nd[other_axis], f"{kk}/children", "a child is not on the line of the split")
        expect(sum(w * c[axis] for w, c in kids) == nd[axis], f"{kk}/children", "the children do not average to the node")
        tot = tuple(sum(w * c["value"][i] for w, c in kids) for i in range(2))
        expect(tot == val, f"{kk}/value", "the children's payoffs do not average to the node's")
        _check_speaker_line(nd, kids, axis, spk, kk)
        if t == 1:
            _check_base_section(u, q, nd["section"], f"{kk}/section")
        _check_other_line(nd, axis, spk, oth, kk)
    return {(nd["t"], nd["p"], nd["q"]): nd["value"] for nd in nodes}


def _tree_node(nodes: list, i: int, key: str, nS: int, nB: int) -> dict:
    nd = table(nodes[i], f"{key}/nodes/{i}")
    t = nd.get("t")
    t = int(t) if isinstance(t, str) and t.isdigit() else t
    expect(type(t) is int and t >= 0, f"{key}/nodes/{i}/t", "expected a round number >= 0")
    y, x = vec(nd.get("sally"), f"{key}/nodes/{i}/sally", nS), vec(nd.get("bob"), f"{key}/nodes/{i}/bob", nB)
    for who, d in (("sally", y), ("bob", x)):
        expect(all(v >= 0 for v in d) and sum(d) == 1, f"{key}/nodes/{i}/{who}", "not a distribution")
    kids: Any = nd.get("children")
    expect(isinstance(kids, list), f"{key}/nodes/{i}/children", "expected a list of [weight, node]")
    ch = []
    for k, c in enumerate(kids):
        expect(isinstance(c, list) and len(c) == 2, f"{key}/nodes/{i}/children/{k}", "expected [weight, node]")
        j = _index(c[1], f"{key}/nodes/{i}/children/{k}", len(nodes))
        expect(j > i, f"{key}/nodes/{i}/children/{k}", "a child must come after its parent (no cycles)")
        ch.append((num(c[0], f"{key}/nodes/{i}/children/{k}"), j))
    return {"t": t, "y": y, "x": x, "value": vec(nd.get("value"), f"{key}/nodes/{i}/value", 2), "children": ch}


def check_point_tree(u: Table, nA: int, nS: int, nB: int, cert: Mapping[str, Any], key: str) -> tuple[int, Vector, Vector, Vector]:
    r"""A ``dialogue-tree`` witness (any finite types): a protocol of alternating refinements.

    Node by node: a leaf (t = 0) has the base game's payoffs, recomputed here from the
    utilities; a node of round t >= 1 has children of round t - 1 with positive weights
    summing to 1; the speaker (Bob for odd t, Sally for even t) refines only his own
    coordinate, so the children keep the other coordinate and their speaker coordinates
    average to the node's (the splitting lemma, Section 2.3.2); the node's value is the
    children's weighted mean (the payoff recursion of Section 2.3.4). So the root's value is
    what this t-round protocol gives from the root: the root payoffs are **attained**.

    Parameters
    ----------
    u : Table
        Utilities.
    nA, nS, nB : int
        Numbers of actions, Sally types and Bob types.
    cert : mapping
        ``{"nodes": [{t, sally, bob, value, children: [[weight, index], ...]}, ...]}``; node 0 is the root.
    key : str
        Its ``/``-path.

    Returns
    -------
    tuple
        ``(t, sally, bob, value)`` of the root.

    Raises
    ------
    CheckFailure
        At the first node that fails.

    >>> F = Fraction
    >>> u = {(0, 0): ((F(1), F(1)),), (0, 1): ((F(0), F(2)),)}
    >>> c = {"nodes": [{"t": 1, "sally": ["1"], "bob": ["1/2", "1/2"], "value": ["1/2", "3/2"], "children": [["1/2", 1], ["1/2", 2]]},
    ...                {"t": 0, "sally": ["1"], "bob": ["1", "0"], "value": ["1", "1"], "children": []},
    ...                {"t": 0, "sally": ["1"], "bob": ["0", "1"], "value": ["0", "2"], "children": []}]}
    >>> check_point_tree(u, 1, 1, 2, c, "c")[3]
    (Fraction(1, 2), Fraction(3, 2))
    """
    nodes: Any = cert.get("nodes")
    expect(isinstance(nodes, list) and nodes, f"{key}/nodes", "expected a list of nodes")
    read = [_tree_node(nodes, i, key, nS, nB) for i in range(len(nodes))]
    for i, nd in enumerate(read):
        kk = f"{key}/nodes/{i}"
        if nd["t"] == 0:
            expect(not nd["children"], f"{kk}/children", "a leaf (t = 0) has no children")
            expect_equal(f"{kk}/value", nd["value"], base_payoffs(u, nA, nd["y"], nd["x"]))
            continue
        expect(bool(nd["children"]), f"{kk}/children", "a node of round t >= 1 needs children")
        bob = nd["t"] % 2 == 1
        ws = [w for w, _ in nd["children"]]
        expect(all(w > 0 for w in ws) and sum(ws) == 1, f"{kk}/children", "the weights are not positive and summing to 1")
        mean = [ZERO] * (nB if bob else nS)
        val = [ZERO, ZERO]
        for w, j in nd["children"]:
            c = read[j]
            expect(c["t"] == nd["t"] - 1, f"{kk}/children", "a child must be of the round before")
            expect(c["y" if bob else "x"] == nd["y" if bob else "x"], f"{kk}/children",
                   "the speaker refined the other player's distribution")
            z = c["x" if bob else "y"]
            mean = [m + w * v for m, v in zip(mean, z)]
            val = [val[0] + w * c["value"][0], val[1] + w * c["value"][1]]
        expect(tuple(mean) == nd["x" if bob else "y"], f"{kk}/children", "the posteriors do not average to the node's distribution")
        expect_equal(f"{kk}/value", nd["value"], tuple(val))
    r = read[0]
    return r["t"], r["y"], r["x"], r["value"]


# -- the document -------------------------------------------------------------------------

def _priors(g: CheckedGame, options: Mapping[str, Any]) -> tuple[Vector, Vector]:
    out = []
    for who, prior in zip(("sally_prior", "bob_prior"), g.priors):
        if options.get(who) is None:
            out.append(prior)
        else:
            p = vec(options[who], f"options/{who}", len(prior))
            expect(all(x >= 0 for x in p) and sum(p) == 1, f"options/{who}", "not a probability vector")
            out.append(p)
    return out[0], out[1]


def _find(certs: list, kind: str, speaker: str | None = None) -> tuple[Mapping[str, Any], str]:
    """The first certificate of ``kind`` (and ``speaker``) and its path."""
    for i, c in enumerate(certs):
        if isinstance(c, Mapping) and c.get("certificate") == kind and (speaker is None or c.get("speaker") == speaker):
            return c, f"certificates/{i}"
    raise CheckFailure("certificates", f"no {kind} certificate" + (f" of {speaker}" if speaker else ""))


def _check_whole_square(doc: Mapping[str, Any], u: Table, certs: list, claimed: list, DS: Vector, DB: Vector,
                        proved: list[str]) -> list[str] | tuple[list[str], list[str], list[str]]:
    """The rounds proved by ``dialogue-path`` trees at the start point (binary types)."""
    expect(len(DS) == len(DB) == 2, "engine", "the whole-square engine needs two types for each player")
    if not certs:
        return proved
    values: dict = {}
    for i, c in enumerate(certs):
        values.update(check_tree(u, table(c, f"certificates/{i}"), f"certificates/{i}"))
    T = lookup(doc, "certified_rounds")
    expect(type(T) is int and 0 <= T < len(claimed), "certified_rounds", "not a round of the document")
    proved.append("certified_rounds")
    p, q = DB[1], DS[1]
    for t in range(1, T + 1):
        expect((t, p, q) in values, f"rounds/{t}", "no node of the certificates is this round at the start point")
        expect_equal(f"rounds/{t}/payoffs", claimed[t], values[(t, p, q)])
        proved.append(f"rounds/{t}")
    # rounds >= 2 are proved given the engine's sections of the round before (not re-derived)
    return proved, [], [f"rounds/{t}" for t in range(2, T + 1)]


def _check_round_1(doc: Mapping[str, Any], u: Table, nA: int, certs: list, claimed: list, DS: Vector, DB: Vector) -> None:
    """Round 1 at the start point: Bob's split with the envelope witness, or (without one) the split only."""
    split, key = _find(certs, "dialogue-split", "bob")
    if any(isinstance(c, Mapping) and c.get("certificate") == "dialogue-envelope" for c in certs):
        env, _ = _find(certs, "dialogue-envelope")
        expect_equal("rounds/1/payoffs", claimed[1], check_envelope(u, nA, DS, DB, split, env, key))
    else:   # too many cells for an envelope witness: only the split (a lower bound) is checked
        status = table(lookup(doc, "claims/rounds/1"), "claims/rounds/1").get("status")
        expect(status != "certified", "claims/rounds/1", "certified, but there is no envelope certificate")
        posts, weights, total = check_split(split, key, DB)
        vals = [base_payoffs(u, nA, DS, x) for x in posts]
        expect_equal("rounds/1/payoffs", claimed[1], total)
        expect_equal(f"{key}/total", total, tuple(sum((w * v[i] for w, v in zip(weights, vals)), ZERO) for i in range(2)))


def check_dialogue(doc: Mapping[str, Any], g: CheckedGame,
                   options: Mapping[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Check a dialogue document; return the keys proved (rounds/t, efficient_welfare, and the
    ``lemma1``, ``theorem5`` and ``signals`` sections of :mod:`.dialogue_statements`).

    ``start``, ``efficient_welfare``, every round's welfare and ``rounds/0`` are recomputed;
    later rounds are proved by the certificates of the document's engine (``whole-square``:
    protocol trees; ``point``: rounds 1 and 2 at the start point), as in the module text.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``dialogue`` or ``bilateral-trade``).
    options : mapping
        the document's options (``sally_prior``, ``bob_prior``, ``rounds``).

    Returns
    -------
    list of str, or tuple of three lists of str
        the keys proved; or those, the keys delegated (none) and the keys proved only given
        the engine's payoffs of the round before.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> F = Fraction
    >>> g = CheckedGame("dialogue", actions=("x",), players=("sally", "bob"), priors=((F(1),), (F(1),)),
    ...                 utilities={(0, 0): ((F(1), F(2)),)})
    >>> doc = {"players": ["sally", "bob"], "rounds": [{"t": 0, "payoffs": {"sally": "1", "bob": "2"}, "welfare": "3"}],
    ...        "efficient_welfare": "3", "start": {"sally_prior": ["1"], "bob_prior": ["1"]},
    ...        "certificates": [], "engine": "whole-square"}
    >>> check_dialogue(doc, g, {"rounds": 0})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: engine: the whole-square engine needs two types for each player
    >>> check_dialogue({**doc, "engine": "point", "certified_rounds": 0}, g, {"rounds": 0})
    (['start', 'efficient_welfare', 'rounds/0', 'certified_rounds'], [], ['rounds/2', 'rounds/1'])
    """
    res = _check_rounds(doc, g, options)
    proved, delegated, only_given = (res, [], []) if isinstance(res, list) else res
    return proved + _check_statements(doc, g, options), delegated, only_given


def _check_statements(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """The ``lemma1``, ``theorem5`` and ``signals`` sections, when present (:mod:`.dialogue_statements`)."""
    from .dialogue_statements import check_lemma1, check_signals, check_theorem5, type_names

    u, nA = utilities_of(g)
    DS, DB = _priors(g, options)
    names = type_names(g)
    out = []
    for opt in ("lemma1", "theorem5"):
        expect((opt in doc) == bool(options.get(opt)), opt, lambda: f"the section is {'missing' if opt not in doc else 'not asked for'}"
               f" (options/{opt})")
    if "lemma1" in doc:
        out += check_lemma1(doc["lemma1"], u, nA, DB, names=names[0])
    if "theorem5" in doc:
        W = sum((ws * wb * max(x + y for x, y in u[(s, b)]) for s, ws in enumerate(DS) for b, wb in enumerate(DB)), ZERO)
        out += check_theorem5(doc["theorem5"], g, u, nA, DS, DB, W)
    if "signals" in doc:
        out += check_signals(doc, names)
    return out


def _check_rounds(doc: Mapping[str, Any], g: CheckedGame,
                  options: Mapping[str, Any]) -> list[str] | tuple[list[str], list[str], list[str]]:
    """The rounds of the document (the engines' certificates); see :func:`check_dialogue`."""
    expect(g.kind in ("dialogue", "bilateral-trade"), "game/kind", "a dialogue needs a dialogue or bilateral-trade game")
    u, nA = utilities_of(g)
    DS, DB = _priors(g, options)
    S, B = g.players
    expect_equal("players", lookup(doc, "players"), [S, B])
    rounds = lookup(doc, "rounds")
    expect(isinstance(rounds, list) and rounds, "rounds", "expected a list of rounds")
    claimed = []
    for t, r in enumerate(rounds):
        r = table(r, f"rounds/{t}")
        expect(r.get("t") == t, f"rounds/{t}/t", "rounds are not numbered 0, 1, ...")
        pay = table(r.get("payoffs"), f"rounds/{t}/payoffs")
        v = (num(pay.get(S), f"rounds/{t}/payoffs/{S}"), num(pay.get(B), f"rounds/{t}/payoffs/{B}"))
        expect_equal(f"rounds/{t}/welfare", num(r.get("welfare"), f"rounds/{t}/welfare"), v[0] + v[1])
        claimed.append(v)
    W = sum((ws * wb * max(x + y for x, y in u[(s, b)]) for s, ws in enumerate(DS) for b, wb in enumerate(DB)), ZERO)
    expect_equal("efficient_welfare", num(lookup(doc, "efficient_welfare"), "efficient_welfare"), W)
    start = table(lookup(doc, "start"), "start")
    expect_equal("start", {k: vec(v, f"start/{k}") for k, v in start.items()}, {f"{S}_prior": DS, f"{B}_prior": DB})
    n = num(options.get("rounds"), "options/rounds")
    stopped = doc.get("stopped_by")
    expect(stopped is None or isinstance(stopped, str), "stopped_by", "expected the limit that stopped the run, as text")
    n_rounds = len(claimed) + _check_enclosure_rounds(doc, (S, B), len(claimed))
    if stopped is None:
        expect(n == n_rounds - 1, "options/rounds", lambda: f"the document has {n_rounds} rounds, not {fmt(n)} + 1")
    else:   # a run stopped by a limit holds the rounds it completed, each checked below
        expect(n_rounds - 1 <= n, "options/rounds", lambda: f"the document has {n_rounds} rounds, more than {fmt(n)} + 1")
    expect_equal("rounds/0/payoffs", claimed[0], base_payoffs(u, nA, DS, DB))
    proved = ["start", "efficient_welfare", "rounds/0"]
    if "rounds_asked" in doc:
        expect_equal("rounds_asked", num(doc["rounds_asked"], "rounds_asked"), n)
        proved.append("rounds_asked")
    certs = lookup(doc, "certificates")
    expect(isinstance(certs, list), "certificates", "expected a list")
    engine = lookup(doc, "engine")
    bound = _check_lower_bound(doc, g, claimed, W, proved) + _check_complexity(doc, claimed, W, proved)
    if engine == "whole-square":
        res = _check_whole_square(doc, u, certs, claimed, DS, DB, proved)
        return (res, [], bound) if isinstance(res, list) else (res[0], res[1], res[2] + bound)
    if engine == "cells":
        done = _check_cells(doc, u, nA, certs, claimed, DS, DB, proved)
        return done, [], bound + _cells_given(certs, doc["certified_rounds"] + 1)
    expect(engine == "point", "engine", lambda: f"unknown engine {engine!r}")
    expect_equal("certified_rounds", lookup(doc, "certified_rounds"), len(claimed) - 1)
    proved.append("certified_rounds")
    if len(claimed) > 1:
        _check_round_1(doc, u, nA, certs, claimed, DS, DB)
        proved.append("rounds/1")
    if len(claimed) > 2:
        c2, key = _find(certs, "dialogue-split", "sally")
        _, _, total = check_split(c2, key, DS)
        expect_equal("rounds/2/payoffs", claimed[2], total)
        expect(total[1] >= claimed[1][1], "rounds/2", "Bob's voluntary constraint (3) fails: he gets less than in round 1")
        proved.append("rounds/2")
    expect(len(claimed) <= 3, "rounds", "the point engine computes at most two rounds")
    # round 2 rests on the engine's round-1 values at Sally's posteriors; round 1 without an envelope on its cells
    only_given = ["rounds/2"] + ([] if any(isinstance(c, Mapping) and c.get("certificate") == "dialogue-envelope"
                                           for c in certs) else ["rounds/1"])
    return proved, [], only_given + bound


def _check_enclosure_rounds(doc: Mapping[str, Any], players: tuple[str, str], first: int) -> int:
    """The enclosure rounds after the exact ones (never proved: their structure rests on a Monte
    Carlo tie test): numbered on from the exact rounds, every interval with ``lower <= upper`` and
    the welfare interval meeting the sum of the players' intervals. Returns how many there are."""
    if "enclosure_rounds" not in doc:
        expect("exact_rounds" not in doc, "exact_rounds", "given without enclosure rounds")
        return 0
    enc = doc["enclosure_rounds"]
    expect(isinstance(enc, list) and enc, "enclosure_rounds", "expected a list of rounds")
    expect(type(doc.get("exact_rounds")) is int, "exact_rounds", "expected the last exact round, an integer")
    expect_equal("exact_rounds", doc["exact_rounds"], first - 1)
    info = table(lookup(doc, "enclosure"), "enclosure")
    expect(info.get("first_round") == first, "enclosure/first_round", lambda: f"expected {first}, the round after the exact ones")
    log2 = info.get("tie_error_log2")
    expect(log2 is None or (type(log2) is int and log2 <= 0), "enclosure/tie_error_log2",
           "expected the exponent k of the bound 2^k on a false tie (an integer <= 0) or null")
    for k, r in enumerate(enc):
        t = first + k
        r = table(r, f"enclosure_rounds/{k}")
        expect(type(r.get("t")) is int and r.get("t") == t and r.get("mode") == "enclosure", f"enclosure_rounds/{k}",
               lambda: f"expected round {t} in mode 'enclosure'")
        pay = table(r.get("payoffs"), f"enclosure_rounds/{k}/payoffs")
        expect(set(pay) == set(players), f"enclosure_rounds/{k}/payoffs", lambda: f"expected the players {list(players)}")
        lo = hi = ZERO
        for key, iv in [*((f"payoffs/{p}", pay[p]) for p in players), ("welfare", r.get("welfare"))]:
            iv = table(iv, f"enclosure_rounds/{k}/{key}")
            a, b = num(iv.get("lo"), f"enclosure_rounds/{k}/{key}/lo"), num(iv.get("hi"), f"enclosure_rounds/{k}/{key}/hi")
            expect(a <= b, f"enclosure_rounds/{k}/{key}", "lower bound above the upper bound")
            if key == "welfare":
                expect(a <= hi and lo <= b, f"enclosure_rounds/{k}/welfare", "does not meet the sum of the payoffs' intervals")
            else:
                lo, hi = lo + a, hi + b
    return len(enc)


def _cells_given(certs: list, n: int) -> list[str]:
    """Rounds the cell engine's certificates prove only given its pieces of the round before."""
    env = any(isinstance(c, Mapping) and c.get("certificate") == "dialogue-envelope" for c in certs)
    return [f"rounds/{t}" for t in range(1 if not env else 2, n)]


def _check_cells(doc: Mapping[str, Any], u: Table, nA: int, certs: list, claimed: list, DS: Vector, DB: Vector,
                 proved: list[str]) -> list[str]:
    """The cell engine (any finite types, any rounds): round 1 as the point engine's, and for every
    round t >= 1 a ``dialogue-tree`` from the start point whose root value is the claimed payoff,
    with the other player's voluntary constraint (3) at the start point."""
    T = lookup(doc, "certified_rounds")
    expect(type(T) is int and 0 <= T < len(claimed), "certified_rounds", "not a round of the document")
    proved.append("certified_rounds")
    roots: dict[int, Vector] = {}
    for i, c in enumerate(certs):
        if isinstance(c, Mapping) and c.get("certificate") == "dialogue-tree":
            t, y, x, val = check_point_tree(u, nA, len(DS), len(DB), c, f"certificates/{i}")
            expect(y == DS and x == DB, f"certificates/{i}/nodes/0", "the tree does not start at the start point")
            roots[t] = val
    if T >= 1:
        _check_round_1(doc, u, nA, certs, claimed, DS, DB)
    for t in range(1, T + 1):
        expect(t in roots, f"rounds/{t}", "no dialogue-tree certificate of this round")
        expect_equal(f"rounds/{t}/payoffs", claimed[t], roots[t])
        expect(claimed[t][0] >= claimed[t - 1][0] and claimed[t][1] >= claimed[t - 1][1], f"rounds/{t}",
               "voluntary communication (3) fails at the start point: a player gets less than the round before")
        proved.append(f"rounds/{t}")
    return proved


def _check_complexity(doc: Mapping[str, Any], claimed: list, W: Fraction, proved: list[str]) -> list[str]:
    """``message_complexity`` = C when round C is the first whose welfare is W* (Section 2.4:
    welfare is nondecreasing and at most W*, so its limit is W* and C is the least t reaching
    it): proved given the rounds' payoffs, so returned as proved only given them."""
    C = doc.get("message_complexity")
    if type(C) is not int or not 0 <= C < len(claimed) or sum(claimed[C]) != W:
        return []
    expect(all(sum(v) < W for v in claimed[:C]), "message_complexity", "an earlier round already reaches W*")
    proved.append("message_complexity")
    return ["message_complexity"]


def _check_lower_bound(doc: Mapping[str, Any], g: CheckedGame, claimed: list, W: Fraction, proved: list[str]) -> list[str]:
    """``message_complexity_lower_bound`` = T + 1 for bilateral trade whose welfare at the last
    round T is below W*: proved given Theorem 2 of 001 (finite C implies efficiency at round C,
    and welfare is nondecreasing), so returned as proved only given that premise."""
    if "message_complexity_lower_bound" not in doc:
        return []
    key = "message_complexity_lower_bound"
    expect(g.kind == "bilateral-trade", key, "Theorem 2 is about bilateral trade")
    expect(sum(claimed[-1]) < W, key, "welfare reaches W* at the last round: no lower bound follows")
    expect_equal(key, doc[key], len(claimed))
    expect(doc.get("message_complexity") is None, "message_complexity", "a lower bound beside a determined C")
    proved.append(key)
    return [key]
