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
from ..numbers import to_fraction, Vector

__all__ = ["SplitCertificate", "EnvelopeCertificate", "PathCertificate", "TreeCertificate"]



class SplitCertificate(Certificate):
    """``prior`` split into ``posteriors`` with ``weights``; ``values[k]`` = (Sally, Bob) at posterior k.

    ``speaker`` is ``"bob"`` or ``"sally"`` (whose distribution is split); ``total`` is the
    claimed :math:`\\sum_k w_k \\cdot values_k`. :meth:`verify` checks :math:`w \\ge 0`,
    :math:`\\sum w_k = 1`, :math:`\\sum_k w_k D_k = D` and the total, exactly.

    >>> F = Fraction
    >>> c = SplitCertificate("bob", (F(2, 3), F(1, 3)), ((F(3, 4), F(1, 4)), (F(0), F(1))), (F(8, 9), F(1, 9)),
    ...                      ((F(1), F(0)), (F(1), F(0))), (F(1), F(0)))
    >>> c.verify(), c.to_dict()["weights"]
    (True, ['8/9', '1/9'])
    """

    kind = "dialogue-split"

    def __init__(self, speaker: str, prior: Vector, posteriors: Sequence[Vector], weights: Vector,
                 values: Sequence[Vector], total: Vector):
        self.speaker, self.prior, self.posteriors = speaker, tuple(prior), tuple(map(tuple, posteriors))
        self.weights, self.values, self.total = tuple(weights), tuple(map(tuple, values)), tuple(total)

    def _check(self) -> None:
        """The splitting lemma and the payoff totals (:func:`exactgame.check.dialogue.check_split`)."""
        from ..check.core import CheckFailure
        from ..check.dialogue import check_split

        try:
            check_split(self.to_dict(), "split", self.prior)
        except CheckFailure as exc:
            require(False, f"dialogue-split: {exc}")

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
    certificate runs on its own data (``u[s][b][a] = [u_S, u_B]``).

    ``cells`` has one entry per profile of actions of the Sally types in the support of
    D_S: ``{"profile": [a_s, ...], "bob": multipliers, "sally": multipliers}``.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> from exactgame.dialogue.point import dialogue_at
    >>> e = dialogue_at(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), 1).envelope
    >>> e.h, e.g, e.theta, len(e.cells), e.verify()
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(4, 1)), Fraction(1, 1), 3, True)
    """

    kind = "dialogue-envelope"

    def __init__(self, u: Sequence, DS: Vector, DB: Vector, split: SplitCertificate, h: Vector, g: Vector,
                 theta: Fraction, cells: Sequence[Mapping[str, Any]]):
        self.u, self.DS, self.DB, self.split = u, tuple(DS), tuple(DB), split
        self.h, self.g, self.theta, self.cells = tuple(h), tuple(g), theta, list(cells)

    def witness(self) -> dict[str, Any]:
        """The bounds and multipliers only (the document rebuilds the game and has the split).

        Returns
        -------
        dict
            Keys ``certificate``, ``h``, ``g``, ``theta``, ``cells``, numbers as exact strings.
        """
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


class PathCertificate(Certificate):
    """The protocol tree from a start point (binary types); see the module docstring.

    ``nodes``: list of dicts ``{t, p, q, value: [S, B], children: [[weight, index], ...],
    line: [alpha, beta] (speaker's supporting line v = alpha + beta * x), other_line,
    section: [[x, value, left limit or null, right limit or null], ...]}``; ``u``: the utilities
    ``u[s][b][a] = [u_S, u_B]``.

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.square import alternate, path_certificate
    >>> c = path_certificate(alternate(spy_game(), 1), Fraction(1, 2), Fraction(1, 2))
    >>> root = c.witness()["nodes"][0]
    >>> root["t"], root["value"], root["children"], c.verify()
    ('1', ['1/2', '-1/6'], [['1/2', '1'], ['1/2', '2']], True)
    """

    kind = "dialogue-path"

    def __init__(self, u: Sequence, nodes: Sequence[Mapping[str, Any]], root: int = 0):
        self.u = u
        self.nodes = list(nodes)
        self.root = root

    def _table(self) -> dict[tuple[int, int], list[tuple[Fraction, Fraction]]]:
        return {(s, b): [(to_fraction(a[0]), to_fraction(a[1])) for a in self.u[s][b]] for s in range(2) for b in range(2)}

    def _check(self) -> None:
        """The checks of :func:`exactgame.check.dialogue.check_tree`, run on this certificate's utilities."""
        from ..check.core import CheckFailure
        from ..check.dialogue import check_tree

        try:
            check_tree(self._table(), self.witness(), "path")
        except CheckFailure as exc:
            require(False, f"dialogue-path: {exc}")

    def witness(self) -> dict[str, Any]:
        """The tree only: a result document's checker takes the utilities from the game.

        Returns
        -------
        dict
            ``{"certificate": "dialogue-path", "nodes": [...]}`` with exact strings.
        """
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


class TreeCertificate(Certificate):
    """A protocol tree at one point for any finite types (``dialogue-tree``): the rounds'
    refinements down to the base game, checked by :func:`exactgame.check.dialogue.check_point_tree`
    (leaves against the base game from the utilities ``u[s][b][a] = [u_S, u_B]``, splits
    against the splitting lemma, values against the payoff recursion).

    ``nodes``: ``{t, sally, bob, value: [S, B], children: [[weight, index], ...]}``, node 0 the root.

    >>> from exactgame.dialogue.model import spy_game
    >>> from exactgame.dialogue.cells import dialogue_cells, tree_certificate
    >>> g = spy_game()
    >>> c = tree_certificate(g, dialogue_cells(g, 2).trees[1])
    >>> c.witness()["nodes"][0]["value"], c.verify()
    (['13/18', '-1/6'], True)
    """

    kind = "dialogue-tree"

    def __init__(self, u: Sequence, nodes: Sequence[Mapping[str, Any]]):
        self.u = u
        self.nodes = list(nodes)

    def _check(self) -> None:
        """The checks of :func:`exactgame.check.dialogue.check_point_tree` on this certificate's utilities."""
        from ..check.core import CheckFailure
        from ..check.dialogue import check_point_tree

        nS, nB = len(self.u), len(self.u[0])
        table = {(s, b): tuple((to_fraction(a[0]), to_fraction(a[1])) for a in self.u[s][b]) for s in range(nS) for b in range(nB)}
        try:
            check_point_tree(table, len(self.u[0][0]), nS, nB, self.witness(), "tree")
        except CheckFailure as exc:
            require(False, f"dialogue-tree: {exc}")

    def witness(self) -> dict[str, Any]:
        """The tree only (a result document's checker takes the utilities from the game).

        Returns
        -------
        dict
            ``{"certificate": "dialogue-tree", "nodes": [...]}`` with exact strings.
        """
        return {"certificate": self.kind, "nodes": encode(self.nodes)}

    def _data(self) -> dict[str, Any]:
        return {"u": encode(self.u), "nodes": encode(self.nodes)}

    @classmethod
    def _from_data(cls, d: Mapping[str, Any]) -> "TreeCertificate":
        nodes = [{"t": int(n["t"]), "sally": decode_vector(n["sally"], "sally"), "bob": decode_vector(n["bob"], "bob"),
                  "value": decode_vector(n["value"], "value"),
                  "children": [[to_fraction(w), int(i)] for w, i in n["children"]]} for n in d["nodes"]]
        u = [[[[to_fraction(x) for x in pair] for pair in row] for row in col] for col in d["u"]]
        return cls(u, nodes)
