r"""Certificates of dialogue computations.

* :class:`SplitCertificate` (``dialogue-split``): one speaker's refinement of a
  distribution :math:`D` into posteriors :math:`D_k` with weights :math:`w_k`
  (:math:`w \ge 0`, :math:`\sum w_k = 1`, :math:`\sum_k w_k D_k = D`, the splitting lemma of
  Section 2.3.2 of 001_9d9f8fe1d5e70189.txt) and the payoffs it gives both players.
  Optimality of the split comes with the LP certificates of the round (primal and dual:
  the dual is the supporting hyperplane of the concave envelope).
* :class:`PathCertificate` (``dialogue-path``): for binary types, the tree of states the
  equilibrium protocol visits from a start point, checked node by node: the leaves
  against the base game recomputed from the utilities, every split against the splitting
  lemma and the payoff recursion of Section 2.3.4, and every speaker's choice against a
  supporting line that dominates his previous-round payoff along the line of the split
  (a piecewise-linear section, dominated iff dominated at its breakpoints and one-sided
  limits) and touches it at the children. Sections of :math:`\pi^0` are recomputed from
  the utilities; later sections are the engine's (checked for consistency with the tree).

>>> c = SplitCertificate("bob", (Fraction(2, 3), Fraction(1, 3)),
...     ((Fraction(3, 4), Fraction(1, 4)), (Fraction(0), Fraction(1))), (Fraction(8, 9), Fraction(1, 9)),
...     ((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0))), (Fraction(1), Fraction(0)))
>>> c.verify()
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..certificates import Certificate, decode_matrix, decode_vector, encode, require
from ..numbers import fmt, to_fraction

__all__ = ["SplitCertificate", "EnvelopeCertificate", "PathCertificate", "base_payoffs_from_table"]

Vector = tuple[Fraction, ...]


class SplitCertificate(Certificate):
    """``prior`` split into ``posteriors`` with ``weights``; ``values[k]`` = (Sally, Bob) at posterior k."""

    kind = "dialogue-split"

    def __init__(self, speaker: str, prior: Vector, posteriors: Sequence[Vector], weights: Vector,
                 values: Sequence[Vector], total: Vector):
        self.speaker, self.prior, self.posteriors = speaker, tuple(prior), tuple(map(tuple, posteriors))
        self.weights, self.values, self.total = tuple(weights), tuple(map(tuple, values)), tuple(total)

    def _check(self) -> None:
        require(len(self.posteriors) == len(self.weights) == len(self.values), "one weight and one value per posterior")
        require(all(w >= 0 for w in self.weights) and sum(self.weights) == 1, "the weights are a probability vector")
        for d in self.posteriors:
            require(len(d) == len(self.prior) and all(x >= 0 for x in d) and sum(d) == 1, f"{encode(d)} is not a distribution")
        mean = tuple(sum((w * d[i] for w, d in zip(self.weights, self.posteriors)), Fraction(0)) for i in range(len(self.prior)))
        require(mean == self.prior, f"the posteriors average to {encode(mean)}, not the prior {encode(self.prior)}")
        tot = tuple(sum((w * v[i] for w, v in zip(self.weights, self.values)), Fraction(0)) for i in range(2))
        require(tot == self.total, f"the split gives (Sally, Bob) = {encode(tot)}, not {encode(self.total)}")

    def _data(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "prior": encode(self.prior), "posteriors": encode(self.posteriors),
                "weights": encode(self.weights), "values": encode(self.values), "total": encode(self.total)}

    @classmethod
    def _from_data(cls, d: Mapping[str, Any]) -> "SplitCertificate":
        return cls(str(d["speaker"]), decode_vector(d["prior"], "prior"), decode_matrix(d["posteriors"], "posteriors"),
                   decode_vector(d["weights"], "weights"), decode_matrix(d["values"], "values"), decode_vector(d["total"], "total"))


class EnvelopeCertificate(Certificate):
    r"""Round 1 at one point is optimal (``dialogue-envelope``): Bob's split (a
    :class:`SplitCertificate`) with the affine bounds :math:`h` (Bob) and :math:`g, \theta`
    (Sally, Bob's tie-break) and per-profile multipliers proving them on every best-response
    cell of Sally's types; the math is in :mod:`exactgame.check.dialogue`, whose check this
    certificate runs on its own data (``u[s][b][a] = [u_S, u_B]``)."""

    kind = "dialogue-envelope"

    def __init__(self, u: Sequence, DS: Vector, DB: Vector, split: SplitCertificate, h: Vector, g: Vector,
                 theta: Fraction, cells: Sequence[Mapping[str, Any]]):
        self.u, self.DS, self.DB, self.split = u, tuple(DS), tuple(DB), split
        self.h, self.g, self.theta, self.cells = tuple(h), tuple(g), theta, list(cells)

    def witness(self) -> dict[str, Any]:
        """The bounds and multipliers only (the document rebuilds the game and has the split)."""
        return {"certificate": self.kind, "h": encode(self.h), "g": encode(self.g), "theta": encode(self.theta),
                "cells": [{"profile": list(c["profile"]), "bob": encode(c["bob"]), "sally": encode(c["sally"])} for c in self.cells]}

    def _check(self) -> None:
        from ..check.core import CheckFailure
        from ..check.dialogue import check_envelope

        table = {(s, b): tuple((to_fraction(x), to_fraction(y)) for x, y in self.u[s][b])
                 for s in range(len(self.u)) for b in range(len(self.u[s]))}
        try:
            check_envelope(table, len(self.u[0][0]), self.DS, self.DB, self.split.to_dict(), self.witness(), "envelope")
        except CheckFailure as exc:
            require(False, f"dialogue-envelope: {exc}")

    def _data(self) -> dict[str, Any]:
        return {**self.witness(), "u": encode(self.u), "DS": encode(self.DS), "DB": encode(self.DB), "split": self.split.to_dict()}

    @classmethod
    def _from_data(cls, d: Mapping[str, Any]) -> "EnvelopeCertificate":
        cells = [{"profile": [int(a) for a in c["profile"]], "bob": decode_vector(c["bob"], "bob"),
                  "sally": decode_vector(c["sally"], "sally")} for c in d["cells"]]
        u = [[[[to_fraction(x) for x in pair] for pair in row] for row in col] for col in d["u"]]
        return cls(u, decode_vector(d["DS"], "DS"), decode_vector(d["DB"], "DB"), SplitCertificate._from_data(d["split"]),
                   decode_vector(d["h"], "h"), decode_vector(d["g"], "g"), to_fraction(d["theta"]), cells)


def base_payoffs_from_table(u: Mapping[tuple[int, int], Sequence[Sequence[Fraction]]], s: int, p: Fraction) -> tuple[Vector, Vector]:
    """Independent recomputation of type ``s``'s base-game payoffs at p (binary Bob types).

    Returns ((Sally, Bob) at p, the set of (Sally, Bob) limits of nearby best responses
    as a tuple of candidate pairs). Ties in favour of Bob.
    """
    n = len(u[(s, 0)])
    ev = [((1 - p) * u[(s, 0)][a][0] + p * u[(s, 1)][a][0], (1 - p) * u[(s, 0)][a][1] + p * u[(s, 1)][a][1]) for a in range(n)]
    top = max(x for x, _ in ev)
    val = max((x, y) for x, y in ev if x == top)
    return val, tuple(sorted({e for e in ev if e[0] == top}))


def _base_at(table, q: Fraction, x: Fraction) -> tuple[Fraction, Fraction]:
    v0, v1 = (base_payoffs_from_table(table, s, x)[0] for s in (0, 1))
    return tuple((1 - q) * a + q * b for a, b in zip(v0, v1))


def _check_base_section(table, q: Fraction, section, k: int) -> None:
    """The section of pi^0 at q: right values and limits, and linear between its points.

    Between two thresholds of Sally's best responses the base game is linear, so values at
    every threshold and at two points inside every threshold-free interval that lie on the
    section's segment prove the section is pi^0 there.
    """
    xs = [x for x, *_ in section]
    require(xs == sorted(xs) and xs[0] == 0 and xs[-1] == 1, f"node {k}: the section does not cover [0, 1]")
    taus = _thresholds(table)
    for (xa, va, _, ra), (xb, vb, lb, _) in zip(section, section[1:]):
        require(list(va) == list(_base_at(table, q, xa)) and list(vb) == list(_base_at(table, q, xb)),
                f"node {k}: the section's values at {fmt(xa)} or {fmt(xb)} are not the base game's")
        line = lambda x: [ra[i] + (lb[i] - ra[i]) * (x - xa) / (xb - xa) for i in range(2)]
        cuts = [xa, *sorted(t for t in taus if xa < t < xb), xb]
        for c in cuts[1:-1]:
            require(list(_base_at(table, q, c)) == line(c), f"node {k}: pi^0 is not linear at the threshold {fmt(c)}")
        for c0, c1 in zip(cuts, cuts[1:]):
            for z in (c0 + (c1 - c0) / 3, c0 + 2 * (c1 - c0) / 3):
                require(list(_base_at(table, q, z)) == line(z), f"node {k}: pi^0 is not the section's segment at {fmt(z)}")


def _thresholds(table) -> set[Fraction]:
    """Every p in (0, 1) where two of Sally's actions give one of her types the same payoff."""
    out = set()
    for s in (0, 1):
        rows = [((u0[0]), (u1[0] - u0[0])) for u0, u1 in zip(table[(s, 0)], table[(s, 1)])]
        for i, (a0, a1) in enumerate(rows):
            for b0, b1 in rows[i + 1:]:
                if a1 != b1 and 0 < (b0 - a0) / (a1 - b1) < 1:
                    out.add((b0 - a0) / (a1 - b1))
    return out


class PathCertificate(Certificate):
    """The protocol tree from a start point (binary types); see the module docstring.

    ``nodes``: list of dicts ``{t, p, q, value: [S, B], children: [[weight, index], ...],
    line: [alpha, beta] (speaker's supporting line v = alpha + beta * x), other_line,
    section: [[x, value, left limit or null, right limit or null], ...]}``; ``u``: the utilities
    ``u[s][b][a] = [u_S, u_B]``.
    """

    kind = "dialogue-path"

    def __init__(self, u: Sequence, nodes: Sequence[Mapping[str, Any]], root: int = 0):
        self.u = u
        self.nodes = list(nodes)
        self.root = root

    def _table(self) -> dict[tuple[int, int], list[tuple[Fraction, Fraction]]]:
        return {(s, b): [(to_fraction(a[0]), to_fraction(a[1])) for a in self.u[s][b]] for s in range(2) for b in range(2)}

    def _check(self) -> None:
        table = self._table()
        for k, nd in enumerate(self.nodes):
            t, p, q = nd["t"], nd["p"], nd["q"]
            val = tuple(nd["value"])
            require(0 <= p <= 1 and 0 <= q <= 1, f"node {k}: ({fmt(p)}, {fmt(q)}) is outside the square")
            if t == 0:
                v0 = [base_payoffs_from_table(table, s, p)[0] for s in (0, 1)]
                base = tuple((1 - q) * a + q * b for a, b in zip(*v0))
                require(base == val, f"node {k}: base-game payoffs at ({fmt(p)}, {fmt(q)}) are {encode(base)}, not {encode(val)}")
                continue
            kids = [(w, self.nodes[i]) for w, i in nd["children"]]
            require(sum(w for w, _ in kids) == 1 and all(w > 0 for w, _ in kids), f"node {k}: weights are not a distribution")
            axis, other_axis = ("p", "q") if t % 2 else ("q", "p")
            spk, oth = (1, 0) if t % 2 else (0, 1)
            for w, c in kids:
                require(c["t"] == t - 1 and c[other_axis] == nd[other_axis], f"node {k}: a child is not on the line of the split")
            require(sum(w * c[axis] for w, c in kids) == nd[axis], f"node {k}: the children do not average to the node")
            tot = tuple(sum(w * c["value"][i] for w, c in kids) for i in range(2))
            require(tot == val, f"node {k}: children give {encode(tot)}, the node says {encode(val)}")
            a, b = nd["line"]
            section = nd["section"]
            for x, *cands in section:
                for cv in filter(None, cands):
                    require(cv[spk] <= a + b * x, f"node {k}: the speaker's payoff at {fmt(x)} is above the supporting line")
            require(a + b * nd[axis] == val[spk], f"node {k}: the supporting line does not pass through the speaker's value")
            for w, c in kids:
                require(a + b * c[axis] == c["value"][spk], f"node {k}: a child is not on the supporting line")
                require(any(x == c[axis] and list(c["value"]) == list(cands[0]) for x, *cands in section),
                        f"node {k}: a child's payoffs are not the section's value at its point")
            if t == 1:   # the section of pi^0 along p is recomputed from the utilities
                _check_base_section(table, q, section, k)
            # tie-break: the other player's line dominates him on the contact set and passes through his value
            c0, c1 = nd["other_line"]
            for x, *cands in section:
                for cv in filter(None, cands):
                    if cv[spk] == a + b * x:
                        require(cv[oth] <= c0 + c1 * x, f"node {k}: the tie-break is not the best for the other player at {fmt(x)}")
            require(c0 + c1 * nd[axis] == val[oth], f"node {k}: the other player's line does not pass through his value")

    def witness(self) -> dict[str, Any]:
        """The tree only: a result document's checker takes the utilities from the game."""
        return {"certificate": self.kind, "nodes": encode(self.nodes)}

    def _data(self) -> dict[str, Any]:
        return {"u": encode(self.u), "root": self.root, "nodes": encode(self.nodes)}

    @classmethod
    def _from_data(cls, d: Mapping[str, Any]) -> "PathCertificate":
        def dec(x):
            if isinstance(x, str):
                return to_fraction(x)
            if isinstance(x, list):
                return [dec(y) for y in x]
            if isinstance(x, dict):
                return {k: (v if k == "t" else dec(v)) for k, v in x.items()}
            return x
        nodes = [dec(n) for n in d["nodes"]]
        for n in nodes:
            n["t"] = int(n["t"])
            n["children"] = [[w, int(i)] for w, i in n["children"]]
        return cls(dec(d["u"]), nodes, int(d["root"]))
