r"""Concave and quasiconcave envelopes of piecewise functions on a belief simplex.

Beliefs are points of the simplex :math:`\Delta = \{p \in \mathbb{Q}^n : p \ge 0, \sum_i p_i = 1\}`
in barycentric coordinates. A :class:`PiecewiseAffine` function is a finite family of
pieces :math:`(C_k, g_k, c_k)`: a polytope cell :math:`C_k \subseteq \Delta` and the affine
function :math:`p \mapsto g_k\cdot p + c_k` on it. Where cells overlap the value is the
maximum (so the function is upper semicontinuous, as a sender-preferred value
function is).

**Concave envelope.** Since each piece is affine on a polytope, the least concave
majorant is the upper concave hull of the finitely many lifted cell vertices
:math:`(v, f_k(v))`:

.. math:: \operatorname{cav} f(p) = \max\{\textstyle\sum_j \lambda_j f_{k_j}(v_j) :
          \sum_j \lambda_j v_j = p,\ \lambda \ge 0\},

an LP whose dual is :math:`\min\{h\cdot p : h\cdot v \ge f_k(v)\ \forall k, v \in \mathrm{vert}\,C_k\}`.
The certificate (:class:`ConcaveEnvelopeCertificate`) is a *splitting* of ``p`` into
cell vertices with weights, and a *supporting* linear function ``h`` (affine on the
simplex) that lies above every piece at every cell vertex (hence on every cell)
and equals the splitting's value at ``p``. The splitting proves ``cav f(p) >= value``;
``h`` is a concave majorant with ``h(p) = value``, so ``cav f(p) <= value``.

**Quasiconcave envelope** of a piecewise *constant* function (the least quasiconcave
majorant): with levels :math:`t_1 > t_2 > \dots`,

.. math:: \operatorname{qcav} f(p) = \max\{t_j : p \in \mathrm{conv}\{v \in \mathrm{vert}\,C_k : f_k \ge t_j\}\}.

Its certificate gives a convex combination of vertices of cells valued at least
``t_j`` equal to ``p`` (so every quasiconcave majorant is >= t_j at p) and, for the
next higher level, a hyperplane ``y`` with ``y . v >= 0`` on those cells' vertices and
``y . p < 0`` (so ``p`` is outside their hull, and the majorant
:math:`q \mapsto \max\{t_j: q \in \mathrm{conv}(\dots)\}` is < that level at p).

>>> f = PiecewiseAffine.from_cells([
...     ([(1, 0), ("1/2", "1/2")], (0, 0), 0),     # p(w1) in [0, 1/2]: value 0
...     ([("1/2", "1/2"), (0, 1)], (1, 1), 0),     # p(w1) in [1/2, 1]: value 1
... ])
>>> r = concave_envelope_at(f, ("3/4", "1/4"))
>>> r.value, r.certificate.verify()
(Fraction(1, 2), True)
>>> [(str(w), tuple(map(str, q))) for w, q, _ in r.splitting]
[('1/2', ('1/2', '1/2')), ('1/2', ('1', '0'))]
>>> quasiconcave_envelope_at(f, ("3/4", "1/4")).value
Fraction(0, 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ..certificates import Certificate, decode_matrix, decode_vector, dot, encode, require, show
from ..errors import CertificateError, InputError, InternalError
from ..numbers import to_fraction, to_vector, Vector
from .lp import solve_lp
from .polytope import Polytope

__all__ = [
    "Piece",
    "PiecewiseAffine",
    "EnvelopeValue",
    "ConcaveEnvelope",
    "QuasiconcaveEnvelope",
    "ConcaveEnvelopeCertificate",
    "QuasiconcaveEnvelopeCertificate",
    "concave_envelope_at",
    "concave_envelope",
    "quasiconcave_envelope_at",
    "quasiconcave_envelope",
    "simplex",
]



def simplex(n: int) -> Polytope:
    """The belief simplex over ``n`` states, as a polytope in Q^n.

    Parameters
    ----------
    n : int
        Number of states, at least 1.

    Returns
    -------
    Polytope
        conv(e_1, ..., e_n) = {p >= 0 : sum p = 1}.

    >>> simplex(3).dim, len(simplex(3).vertices)
    (2, 3)
    """
    if n < 1:
        raise InputError("simplex: need at least one state")
    return Polytope.from_points([tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)])


def _check_belief(p: Vector, n: int, where: str) -> None:
    if len(p) != n:
        raise InputError(f"{where}: a belief needs {n} entries, got {len(p)}")
    if any(x < 0 for x in p) or sum(p) != 1:
        raise InputError(f"{where}: {tuple(map(str, p))} is not a probability vector (entries >= 0 summing to 1)")


@dataclass(frozen=True)
class Piece:
    """One piece: the affine function ``g . p + c`` on the cell ``C`` (a sub-polytope of the simplex).

    >>> pc = Piece(simplex(2), (Fraction(1), Fraction(3)), Fraction(-1))
    >>> pc.at((Fraction(1, 2), Fraction(1, 2)))
    Fraction(1, 1)
    """

    cell: Polytope
    gradient: Vector
    constant: Fraction = Fraction(0)

    def at(self, p: Sequence[Fraction]) -> Fraction:
        """``g . p + c`` (no check that p lies in the cell).

        Parameters
        ----------
        p : vector
            A belief.

        Returns
        -------
        Fraction
            The piece's value at p.
        """
        return dot(self.gradient, p) + self.constant


class PiecewiseAffine:
    """A function on the simplex given by affine pieces on polytope cells (maximum on overlaps).

    Raises :class:`~exactgame.errors.InputError` for no pieces, empty cells or cells leaving
    the simplex.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> f.value((F(1, 2), F(1, 2))), f.value((F(3, 4), F(1, 4))), f.is_piecewise_constant()
    (Fraction(1, 1), Fraction(0, 1), True)
    """

    def __init__(self, pieces: Iterable[Piece]):
        self.pieces: tuple[Piece, ...] = tuple(pieces)
        if not self.pieces:
            raise InputError("PiecewiseAffine: give at least one piece")
        self.n = self.pieces[0].cell.ambient_dim
        for k, pc in enumerate(self.pieces):
            if pc.cell.ambient_dim != self.n or len(pc.gradient) != self.n:
                raise InputError(f"PiecewiseAffine: piece {k} does not live over a simplex of {self.n} states")
            if pc.cell.is_empty:
                raise InputError(f"PiecewiseAffine: the cell of piece {k} is empty")
            for v in pc.cell.vertices:
                if any(x < 0 for x in v) or sum(v) != 1:
                    raise InputError(f"PiecewiseAffine: the cell of piece {k} leaves the simplex at {tuple(map(str, v))}")

    @classmethod
    def from_cells(cls, cells: Iterable[tuple[Iterable[Any], Iterable[Any], Any]]) -> "PiecewiseAffine":
        """Build from ``(cell points, gradient, constant)`` triples; the cell is their hull.

        Parameters
        ----------
        cells : iterable of triples
            ``(points, gradient g, constant c)``: the piece ``g . p + c`` on conv(points).

        Returns
        -------
        PiecewiseAffine
            The function.
        """
        pieces = []
        for k, (pts, g, c) in enumerate(cells):
            where = f"PiecewiseAffine piece {k}"
            pieces.append(Piece(Polytope.from_points(pts), to_vector(g, where=where), to_fraction(c, where=where)))
        return cls(pieces)

    def value(self, p: Iterable[Any]) -> Fraction:
        """``f(p)``: the largest value of a piece whose cell contains ``p``.

        Parameters
        ----------
        p : vector
            A belief (checked to be a probability vector).

        Returns
        -------
        Fraction
            The value.

        Raises
        ------
        InputError
            When no cell contains p.
        """
        pv = to_vector(p, where="PiecewiseAffine.value")
        _check_belief(pv, self.n, "PiecewiseAffine.value")
        vals = [pc.at(pv) for pc in self.pieces if pc.cell.contains(pv)]
        if not vals:
            raise InputError(f"PiecewiseAffine.value: no cell contains {tuple(map(str, pv))}")
        return max(vals)

    def lifted(self) -> list[tuple[Vector, Fraction, int]]:
        """All ``(cell vertex, piece value there, piece index)`` triples.

        Returns
        -------
        list of tuple
            The lifted points whose upper hull is the graph of the concave envelope.
        """
        return [(v, pc.at(v), k) for k, pc in enumerate(self.pieces) for v in pc.cell.vertices]

    def is_piecewise_constant(self) -> bool:
        """Whether every piece is constant on its cell.

        Returns
        -------
        bool
            True when each piece takes one value at all its cell's vertices.
        """
        return all(len({pc.at(v) for v in pc.cell.vertices}) == 1 for pc in self.pieces)

    def to_dict(self) -> dict[str, Any]:
        """The pieces as exact strings (cell vertices, gradient, constant).

        Returns
        -------
        dict
            ``{"pieces": [{"cell", "gradient", "constant"}, ...]}``; :meth:`from_dict` reads it.
        """
        return {
            "pieces": [
                {"cell": encode(pc.cell.vertices), "gradient": encode(pc.gradient), "constant": encode(pc.constant)}
                for pc in self.pieces
            ]
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "PiecewiseAffine":
        """The function written by :meth:`to_dict`.

        Parameters
        ----------
        d : mapping
            ``{"pieces": [...]}``.

        Returns
        -------
        PiecewiseAffine
            The function (cells rebuilt as hulls of their vertices).
        """
        return cls(
            Piece(Polytope.from_points(decode_matrix(x["cell"], "cell")), decode_vector(x["gradient"], "gradient"),
                  to_fraction(x["constant"], where="constant"))
            for x in d["pieces"]
        )


Splitting = tuple[tuple[Fraction, Vector, int], ...]


def _check_combination(f: PiecewiseAffine, p: Vector, splitting: Splitting, label: str) -> None:
    """Positive weights on vertices of the named cells, summing to 1 and averaging to ``p``."""
    n = f.n
    require(len(p) == n and all(x >= 0 for x in p) and sum(p) == 1, f"{label}: the point is not a belief")
    mean = [Fraction(0)] * n
    total = Fraction(0)
    for w, q, k in splitting:
        require(w > 0, f"{label}: a weight is not positive")
        require(0 <= k < len(f.pieces), f"{label}: unknown piece {k}")
        require(q in f.pieces[k].cell.vertices, f"{label}: {show(q)} is not a vertex of the cell of piece {k}")
        total += w
        for i in range(n):
            mean[i] += w * q[i]
    require(total == 1, f"{label}: the weights do not sum to 1")
    require(tuple(mean) == tuple(p), f"{label}: the combination does not average to the point")


def _encode_splitting(splitting: Splitting) -> list[dict[str, Any]]:
    return [{"weight": encode(w), "posterior": encode(q), "piece": k} for w, q, k in splitting]


def _decode_splitting(rows: Any) -> Splitting:
    return tuple((to_fraction(s["weight"]), decode_vector(s["posterior"], "posterior"), int(s["piece"])) for s in rows)


# -- concave envelope -----------------------------------------------------------------


@dataclass(frozen=True)
class ConcaveEnvelopeCertificate(Certificate):
    """``cav f(p) = value``: a splitting into cell vertices and a supporting linear ``h`` (module doc).

    The splitting (weights w_j >= 0 on cell vertices q_j, sum w_j q_j = p) shows
    cav f(p) >= sum w_j f(q_j); the linear h with h . v >= f(v) on every lifted vertex and
    h . p = value shows cav f(p) <= value.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> cert = concave_envelope_at(f, (F(3, 4), F(1, 4))).certificate
    >>> cert.value, cert.support, cert.verify()
    (Fraction(1, 2), (Fraction(0, 1), Fraction(2, 1)), True)
    """

    kind = "concave-envelope-value"
    function: PiecewiseAffine
    point: Vector
    value: Fraction
    splitting: Splitting
    support: Vector

    def _check(self) -> None:
        f, p, h = self.function, self.point, self.support
        _check_combination(f, p, self.splitting, "concave envelope")
        require(len(h) == f.n, "concave envelope: the supporting function has the wrong length")
        achieved = Fraction(0)
        for w, q, k in self.splitting:
            fq = f.pieces[k].at(q)
            require(dot(h, q) == fq, f"concave envelope: h does not touch piece {k} at {show(q)}")
            achieved += w * fq
        require(achieved == self.value, "concave envelope: the splitting's value differs from the claimed value")
        for k, pc in enumerate(f.pieces):
            for v in pc.cell.vertices:
                require(dot(h, v) >= pc.at(v), f"concave envelope: h lies below piece {show(k)} at {show(v)}")
        require(dot(h, p) == self.value, "concave envelope: h(p) differs from the value")

    def _data(self) -> dict[str, Any]:
        return {
            "function": self.function.to_dict(),
            "point": encode(self.point),
            "value": encode(self.value),
            "splitting": _encode_splitting(self.splitting),
            "support": encode(self.support),
        }

    @classmethod
    def _from_data(cls, d):
        return cls(
            PiecewiseAffine.from_dict(d["function"]),
            decode_vector(d["point"], "point"),
            to_fraction(d["value"], where="value"),
            _decode_splitting(d["splitting"]),
            decode_vector(d["support"], "support"),
        )


@dataclass(frozen=True)
class EnvelopeValue:
    """An envelope evaluated at a point, with its certificate.

    ``splitting`` holds ``(weight, point, piece index)``; for the concave envelope,
    ``support`` is the vector ``h`` of the supporting linear function ``p -> h . p``.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> e = concave_envelope_at(f, (F(3, 4), F(1, 4)))
    >>> e.value, [(str(w), tuple(map(str, q))) for w, q, _ in e.splitting]
    (Fraction(1, 2), [('1/2', ('1/2', '1/2')), ('1/2', ('1', '0'))])
    """

    point: Vector
    value: Fraction
    splitting: Splitting
    support: Vector | None
    certificate: Certificate


def concave_envelope_at(f: PiecewiseAffine, p: Iterable[Any]) -> EnvelopeValue:
    """``cav f(p)`` with a splitting of ``p`` and a supporting hyperplane (see module doc).

    The LP max sum_j w_j f(v_j) over weights w >= 0 on the lifted cell vertices with
    sum_j w_j v_j = p; its optimal duals are the supporting linear function h.

    Parameters
    ----------
    f : PiecewiseAffine
        The function.
    p : vector
        A belief in the union of the cells.

    Returns
    -------
    EnvelopeValue
        The value, the splitting, h and a verified :class:`ConcaveEnvelopeCertificate`.

    Raises
    ------
    InputError
        When p is not a belief or lies outside the cells.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> concave_envelope_at(f, (F(3, 4), F(1, 4))).value      # split 1/2 on (1, 0), 1/2 on (1/2, 1/2)
    Fraction(1, 2)
    """
    pv = to_vector(p, where="concave_envelope_at")
    _check_belief(pv, f.n, "concave_envelope_at")
    lifted = f.lifted()
    A_eq = [[v[i] for v, _, _ in lifted] for i in range(f.n)]
    r = solve_lp([y for _, y, _ in lifted], A_eq=A_eq, b_eq=list(pv), maximize=True)
    if r.status != "optimal":
        raise InputError(f"concave_envelope_at: {show(pv)} is outside the cells of the function")
    if r.x is None or r.dual_eq is None or r.value is None:  # pragma: no cover - an optimal LP has all three
        raise InternalError("concave_envelope_at: the optimal LP lacks its point, duals or value")
    # merge weights of repeated lifted points (a vertex shared by cells with the same value)
    merged: dict[tuple[Vector, int], Fraction] = {}
    for (v, _, k), w in zip(lifted, r.x):
        if w:
            merged[(v, k)] = merged.get((v, k), Fraction(0)) + w
    splitting = tuple(sorted(((w, v, k) for (v, k), w in merged.items()), key=lambda t: (t[1], t[2])))
    h = tuple(r.dual_eq)
    cert = ConcaveEnvelopeCertificate(f, pv, r.value, splitting, h)
    cert.verify()
    return EnvelopeValue(pv, r.value, splitting, h, cert)


@dataclass(frozen=True)
class ConcaveEnvelope:
    """The whole concave envelope: ``cav f(p) = min_k h_k . p`` over its pieces.

    ``pieces`` holds ``(cell, h)``: on ``cell`` (a polytope of the simplex, a facet of
    the upper hull projected down) the envelope equals ``p -> h . p``. The cells
    subdivide the domain ``conv(all cell vertices)``.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> cav = concave_envelope(f)
    >>> len(cav.pieces), cav.value((F(3, 4), F(1, 4)))
    (2, Fraction(1, 2))
    """

    function: PiecewiseAffine
    pieces: tuple[tuple[Polytope, Vector], ...]

    def value(self, p: Iterable[Any]) -> Fraction:
        """``cav f(p)`` as the minimum of the affine pieces (p must lie in the domain).

        Parameters
        ----------
        p : vector
            A belief in the domain.

        Returns
        -------
        Fraction
            min_k h_k . p (the envelope is concave, so the minimum of its affine pieces).
        """
        pv = to_vector(p, where="ConcaveEnvelope.value")
        _check_belief(pv, self.function.n, "ConcaveEnvelope.value")
        if not any(cell.contains(pv) for cell, _ in self.pieces):
            raise InputError(f"ConcaveEnvelope.value: {tuple(map(str, pv))} is outside the domain")
        return min(dot(h, pv) for _, h in self.pieces)

    def at(self, p: Iterable[Any]) -> EnvelopeValue:
        """Certified value at ``p`` (an independent LP, see :func:`concave_envelope_at`).

        Parameters
        ----------
        p : vector
            A belief.

        Returns
        -------
        EnvelopeValue
            With its verified certificate.
        """
        return concave_envelope_at(self.function, p)


def concave_envelope(f: PiecewiseAffine) -> ConcaveEnvelope:
    """The concave envelope as affine pieces over a polyhedral subdivision of the domain.

    Computed as the upper hull of the lifted cell vertices, in the coordinates
    ``(p_1, ..., p_{n-1}, value)`` (``p_n = 1 - sum``).

    Parameters
    ----------
    f : PiecewiseAffine
        A function on a simplex of at least two states.

    Returns
    -------
    ConcaveEnvelope
        The affine pieces (cell, h) of cav f, one per upper facet of the lifted hull.

    Raises
    ------
    InputError
        For a one-state simplex.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> [(tuple(map(str, h))) for _, h in concave_envelope(f).pieces]
    [('1', '1'), ('0', '2')]
    """
    n = f.n
    if n < 2:
        raise InputError("concave_envelope: the simplex of one state is a point; use concave_envelope_at")
    lifted = f.lifted()
    best: dict[Vector, Fraction] = {}
    for v, y, _ in lifted:
        best[v] = max(y, best.get(v, y))
    pts = [v[:-1] + (y,) for v, y in best.items()]
    hull = Polytope.from_points(pts)
    domain = Polytope.from_points(list(best))

    def to_bary(a: Vector, b: Fraction) -> Vector:
        # value = (b - a_x . x) / a_y with x = p[:-1]; on the simplex b = b * sum(p)
        ay = a[-1]
        return tuple((b - a[i]) / ay for i in range(n - 1)) + (b / ay,)

    graph = [(e, c) for e, c in hull.equations if e[-1] != 0]
    if graph:  # all lifted points on one affine graph: one piece
        e, c = graph[0]
        return ConcaveEnvelope(f, ((domain, to_bary(e, c)),))
    pieces = []
    for a, b in hull.inequalities:
        if a[-1] > 0:
            face = [v for v in hull.vertices if dot(a, v) == b]
            cell = Polytope.from_points([v[:-1] + (1 - sum(v[:-1]),) for v in face])
            if cell.dim == domain.dim:
                pieces.append((cell, to_bary(a, b)))
    pieces.sort(key=lambda t: t[0].vertices)
    return ConcaveEnvelope(f, tuple(pieces))


# -- quasiconcave envelope ------------------------------------------------------------


@dataclass(frozen=True)
class QuasiconcaveEnvelopeCertificate(Certificate):
    """``qcav f(p) = value`` for piecewise-constant f: a combination and a separation (module doc).

    The splitting writes p as a convex combination of vertices of cells valued >= value (so
    every quasiconcave majorant is >= value at p); the separator y has y . p < 0 and y . v >= 0
    on every cell valued at the next level or higher (so p is outside their hull).

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> cert = quasiconcave_envelope_at(f, (F(3, 4), F(1, 4))).certificate
    >>> cert.value, cert.separator is not None, cert.verify()
    (Fraction(0, 1), True, True)
    """

    kind = "quasiconcave-envelope-value"
    function: PiecewiseAffine
    point: Vector
    value: Fraction
    splitting: Splitting
    separator: Vector | None  # None when value is the highest level

    def _check(self) -> None:
        f, p = self.function, self.point
        require(f.is_piecewise_constant(), "quasiconcave envelope: the function is not piecewise constant")
        _check_combination(f, p, self.splitting, "quasiconcave envelope")
        n = f.n
        level = {k: pc.at(pc.cell.vertices[0]) for k, pc in enumerate(f.pieces)}
        for _, _, k in self.splitting:
            require(level[k] >= self.value, f"quasiconcave envelope: cell {k} is valued below {show(self.value)}")
        require(self.value in level.values(), "quasiconcave envelope: the value is not a level of the function")
        higher = [t for t in set(level.values()) if t > self.value]
        if not higher:
            require(self.separator is None, "quasiconcave envelope: a separator given for the top level")
            return
        nxt = min(higher)
        y = self.separator
        if y is None or len(y) != n:
            raise CertificateError("quasiconcave envelope: the separator for the next level is missing")
        for k, pc in enumerate(f.pieces):
            if level[k] >= nxt:
                for v in pc.cell.vertices:
                    require(dot(y, v) >= 0, f"quasiconcave envelope: the separator cuts cell {show(k)} at {show(v)}")
        require(dot(y, p) < 0, "quasiconcave envelope: the separator does not cut off the point")

    def _data(self) -> dict[str, Any]:
        return {
            "function": self.function.to_dict(),
            "point": encode(self.point),
            "value": encode(self.value),
            "splitting": _encode_splitting(self.splitting),
            "separator": None if self.separator is None else encode(self.separator),
        }

    @classmethod
    def _from_data(cls, d):
        return cls(
            PiecewiseAffine.from_dict(d["function"]),
            decode_vector(d["point"], "point"),
            to_fraction(d["value"], where="value"),
            _decode_splitting(d["splitting"]),
            None if d.get("separator") is None else decode_vector(d["separator"], "separator"),
        )


def _levels(f: PiecewiseAffine) -> list[tuple[Fraction, list[tuple[Vector, int]]]]:
    if not f.is_piecewise_constant():
        raise InputError("quasiconcave envelope: the function must be constant on each cell")
    values = sorted({pc.at(pc.cell.vertices[0]) for pc in f.pieces}, reverse=True)
    out = []
    for t in values:
        pts = [(v, k) for k, pc in enumerate(f.pieces) if pc.at(pc.cell.vertices[0]) >= t for v in pc.cell.vertices]
        out.append((t, pts))
    return out


def quasiconcave_envelope_at(f: PiecewiseAffine, p: Iterable[Any]) -> EnvelopeValue:
    """``qcav f(p)`` for piecewise-constant ``f``, with its certificate (module doc).

    qcav f(p) = max{t : p in conv(cells valued >= t)}: each level from the top is tried with
    a feasibility LP; the first feasible one gives the splitting, the last infeasible one's
    Farkas duals the separator.

    Parameters
    ----------
    f : PiecewiseAffine
        A piecewise-constant function.
    p : vector
        A belief.

    Returns
    -------
    EnvelopeValue
        The value, the splitting and a verified :class:`QuasiconcaveEnvelopeCertificate`.

    Raises
    ------
    InputError
        For a function that is not piecewise constant, or p outside the cells.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> quasiconcave_envelope_at(f, (F(1, 4), F(3, 4))).value, quasiconcave_envelope_at(f, (F(3, 4), F(1, 4))).value
    (Fraction(1, 1), Fraction(0, 1))
    """
    pv = to_vector(p, where="quasiconcave_envelope_at")
    _check_belief(pv, f.n, "quasiconcave_envelope_at")
    separator = None
    for t, pts in _levels(f):
        A_eq = [[v[i] for v, _ in pts] for i in range(f.n)]
        r = solve_lp([0] * len(pts), A_eq=A_eq, b_eq=list(pv))
        if r.status == "optimal":
            if r.x is None:  # pragma: no cover - an optimal LP has a point
                raise InternalError("quasiconcave_envelope_at: the optimal LP has no point")
            splitting = tuple((w, v, k) for (v, k), w in zip(pts, r.x) if w)
            cert = QuasiconcaveEnvelopeCertificate(f, pv, t, splitting, separator)
            cert.verify()
            return EnvelopeValue(pv, t, splitting, None, cert)
        if r.dual_eq is None:  # pragma: no cover - an infeasible LP carries its Farkas duals
            raise InternalError("quasiconcave_envelope_at: the infeasible LP has no Farkas duals")
        separator = tuple(r.dual_eq)
    raise InputError(f"quasiconcave_envelope_at: {show(pv)} is outside the cells of the function")


@dataclass(frozen=True)
class QuasiconcaveEnvelope:
    """The whole quasiconcave envelope: ``qcav f(p) = max{t : p in hull_t}``.

    ``levels`` holds ``(t, hull_t)`` in decreasing ``t``, with ``hull_t`` the convex
    hull of the cells valued at least ``t``.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> q = quasiconcave_envelope(f)
    >>> [t for t, _ in q.levels], q.value((F(1, 2), F(1, 2)))
    ([Fraction(1, 1), Fraction(0, 1)], Fraction(1, 1))
    """

    function: PiecewiseAffine
    levels: tuple[tuple[Fraction, Polytope], ...]

    def value(self, p: Iterable[Any]) -> Fraction:
        """``qcav f(p)``: the highest level whose hull contains p.

        Parameters
        ----------
        p : vector
            A belief in the domain.

        Returns
        -------
        Fraction
            The value.
        """
        pv = to_vector(p, where="QuasiconcaveEnvelope.value")
        _check_belief(pv, self.function.n, "QuasiconcaveEnvelope.value")
        for t, hull in self.levels:
            if hull.contains(pv):
                return t
        raise InputError(f"QuasiconcaveEnvelope.value: {tuple(map(str, pv))} is outside the domain")

    def at(self, p: Iterable[Any]) -> EnvelopeValue:
        """Certified value at ``p`` (see :func:`quasiconcave_envelope_at`).

        Parameters
        ----------
        p : vector
            A belief.

        Returns
        -------
        EnvelopeValue
            With its verified certificate.
        """
        return quasiconcave_envelope_at(self.function, p)


def quasiconcave_envelope(f: PiecewiseAffine) -> QuasiconcaveEnvelope:
    """The quasiconcave envelope of a piecewise-constant function, level by level.

    Parameters
    ----------
    f : PiecewiseAffine
        A piecewise-constant function.

    Returns
    -------
    QuasiconcaveEnvelope
        ``(t, hull of the cells valued >= t)`` for every level t, highest first.

    >>> F = Fraction
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (F(1, 2), F(1, 2))], [0, 0], 0),      # 0 where p(w1) <= 1/2
    ...                                 ([(F(1, 2), F(1, 2)), (0, 1)], [0, 0], 1)])     # 1 where p(w1) >= 1/2
    >>> [(str(t), h.dim) for t, h in quasiconcave_envelope(f).levels]
    [('1', 1), ('0', 1)]
    """
    return QuasiconcaveEnvelope(f, tuple((t, Polytope.from_points([v for v, _ in pts])) for t, pts in _levels(f)))
