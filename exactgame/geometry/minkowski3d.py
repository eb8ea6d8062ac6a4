r"""Minkowski sums in 3-D from the facets of the overlay of the summands' normal fans.

Let :math:`P = P_1 + \dots + P_m \subset \mathbb{Q}^3` be full-dimensional, the summands'
vertices scaled to integers. For a direction ``n`` the face of ``P`` maximising ``n . x`` is
the sum of the summands' faces, and the support values add (000_2cf035f6c25283ea.txt eq. (6)):

.. math::  F_P(n) = F_1(n) + \dots + F_m(n), \qquad h_P(n) = h_1(n) + \dots + h_m(n).

**Candidate normals.** :math:`F_P(n)` is a facet (dimension 2) iff some :math:`F_i(n)` is
2-dimensional (``n`` is an outer facet normal of :math:`P_i`, or :math:`\pm u` for a flat
:math:`P_i` in a plane :math:`u \cdot x = c`), or two faces :math:`F_i(n), F_j(n)`,
:math:`i \ne j`, hold non-parallel edges ``e``, ``e'`` of their summands (if every face is a
point or a segment, two of the segments are non-parallel, and a summand's segment face is one
of its edges). Then :math:`n = \pm e \times e'` and both edges lie in their faces: both
endpoints of ``e`` maximise ``n`` over :math:`P_i`, and those of ``e'`` over :math:`P_j`. On
the sphere of directions this is a crossing of an arc of :math:`P_i`'s normal fan with an arc
of :math:`P_j`'s, a vertex of the overlay of the fans. Every edge pair of two different
summands is tested at once in integer arrays (numpy int64 while the bound on the products
allows it, Python integers otherwise): no candidate point set and no hull of it.

**Facets.** For each distinct primitive candidate ``n`` the face :math:`F_P(n)` is computed
exactly: per summand its maximisers (ties kept); the tied faces, translated to the origin, are
summed in the plane ``n . x = 0`` by merging edges by angle
(:func:`~exactgame.geometry.planar.minkowski_2d`) after dropping a coordinate where ``n`` is
nonzero (a bijection of that plane onto the other two coordinates), lifted back and translated
by the sum of the first maximisers. A polygon with at least three vertices is kept.

**Why nothing is missing (the proof).** Each kept polygon is exactly the face
:math:`F_P(n)`, hence a facet of ``P``; its edges are edges of ``P`` and its vertices vertices
of ``P`` (a face of a face is a face). Distinct primitive outer normals give distinct facets.
The check: every edge of every kept polygon lies on exactly two kept polygons. In a
3-polytope every edge lies on exactly two facets, so the kept facets are closed under crossing
an edge; the facet-adjacency graph of a polytope (the graph of its polar) is connected, so
every facet is kept. Every vertex of a full-dimensional 3-polytope lies on a facet, so the
polygons' vertices are exactly the vertices of ``P``, and their normals and support values are
exactly its facets. The candidate search is only a proposal: when the check fails (or the sum
is not full-dimensional) :func:`overlay_sum` returns None and the caller takes another method.
No float is involved.

Cost: one vectorised test per pair of edges of different summands (:math:`O(E^2)` for ``E``
summand edges, about twice the number of facets pass), then :math:`O(F \sum_i k_i)` integer
support values for ``F`` facets and summands of :math:`k_i` vertices, and a small planar merge
per facet; the output is never re-derived from a hull of candidate points.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterator, Sequence

from . import hull_fast, linalg, planar
from .polytope import Polytope

__all__ = ["OverlaySum", "overlay_sum", "overlay_polytope"]

IntPoint = tuple[int, ...]

#: Products of coordinates stay exact in int64 below this bound (else Python integers).
_INT64_SAFE = 2**62
#: Pairs of edges tested per vectorised block (bounds the memory of one block).
_BLOCK_PAIRS = 400_000


@dataclass(frozen=True)
class OverlaySum:
    """The sum found from its facets, in the integer coordinates it was computed in.

    ``vertices`` are sorted; ``facets[f] = (n, h)`` means ``n . x <= h`` with ``n`` a primitive
    integer outer normal and ``h`` the support value; ``incidence[f]`` lists (increasing) the
    indices of the vertices on facet ``f``, which are the vertices of its polygon (module doc).

    >>> tet = [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]
    >>> edges = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    >>> normals = [(-1, 0, 0), (0, -1, 0), (0, 0, -1), (1, 1, 1)]
    >>> S = overlay_sum([tet, tet], [edges, edges], [normals, normals])      # 2 * tetrahedron
    >>> S.vertices, len(S.facets)
    (((0, 0, 0), (0, 0, 2), (0, 2, 0), (2, 0, 0)), 4)
    """

    vertices: tuple[IntPoint, ...]
    facets: tuple[tuple[IntPoint, int], ...]
    incidence: tuple[tuple[int, ...], ...]


def overlay_sum(summands: Sequence[Sequence[Sequence[int]]], edges: Sequence[Sequence[tuple[int, int]]],
                face_normals: Sequence[Sequence[Sequence[int]]]) -> OverlaySum | None:
    """The vertices and facets of ``sum_i conv(summands[i])`` in Z^3, proved complete, or None.

    Parameters
    ----------
    summands : sequence of sequences of integer 3-vectors
        Each summand's vertices (no repeats).
    edges : sequence of sequences of (int, int)
        Per summand, index pairs of its edges (a superset only costs time; a missing edge makes
        the closure check fail, never a wrong answer).
    face_normals : sequence of sequences of integer 3-vectors
        Per summand, the outer normals of its 2-dimensional faces (facet normals; ``u`` and
        ``-u`` for a flat summand in a plane ``u . x = c``).

    Returns
    -------
    OverlaySum or None
        The sum's vertices, facets and incidences; None when the sum is not full-dimensional or
        the closure check of the module doc fails.

    >>> cube = [(x, y, z) for x in (0, 1) for y in (0, 1) for z in (0, 1)]
    >>> cube_edges = [(i, j) for i in range(8) for j in range(i + 1, 8) if sum(a != b for a, b in zip(cube[i], cube[j])) == 1]
    >>> seg = [(0, 0, 0), (1, 1, 1)]
    >>> axes = [tuple(s * int(i == k) for k in range(3)) for i in range(3) for s in (1, -1)]
    >>> S = overlay_sum([cube, seg], [cube_edges, [(0, 1)]], [axes, []])
    >>> len(S.vertices), len(S.facets)
    (14, 12)
    """
    shifts = [tuple(V[0]) for V in summands]
    rel = [[tuple(p[i] - s[i] for i in range(3)) for p in V] for V, s in zip(summands, shifts)]
    flat_edges = [(k, i, j) for k, E in enumerate(edges) for i, j in E]
    if not _spans_space([_sub(rel[k][j], rel[k][i]) for k, i, j in flat_edges]):
        return None
    np = hull_fast._numpy()
    dtype = _dtype(rel, len(rel))
    normals = _pair_normals(rel, flat_edges, np, dtype)
    for N in face_normals:
        normals.update(_primitive(tuple(int(c) for c in n)) for n in N)
    rings, offsets = _facet_rings(rel, sorted(normals), np, dtype)
    T = tuple(sum(s[i] for s in shifts) for i in range(3))
    return _closed_surface(rings, offsets, T)


def overlay_polytope(polytopes: Sequence[Polytope]) -> Polytope | None:
    """``sum_i polytopes[i]`` in Q^3 by :func:`overlay_sum`, facets and incidences cached; or None.

    The summands' vertices are scaled to integers with one common denominator ``L``; the
    result's vertices are the overlay's divided by ``L`` and its facets ``n . x <= h / L``.

    Parameters
    ----------
    polytopes : sequence of Polytope
        Nonempty summands in Q^3.

    Returns
    -------
    Polytope or None
        The sum with :attr:`~Polytope.inequalities` and :attr:`~Polytope.incidence` already
        known (proved, module doc), or None when the sum is not full-dimensional (or the
        check fails): the caller then uses another method.

    >>> tet = Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)])
    >>> S = overlay_polytope([tet, tet.scale(-1)])
    >>> len(S.vertices), len(S.inequalities), S.dim
    (12, 14, 3)
    """
    flat, L = hull_fast.integer_points([v for P in polytopes for v in P.vertices])
    summands, pos = [], 0
    for P in polytopes:
        summands.append([tuple(p) for p in flat[pos:pos + len(P.vertices)]])
        pos += len(P.vertices)
    found = overlay_sum(summands, [summand_edges(P) for P in polytopes], [face_normals(P) for P in polytopes])
    if found is None:
        return None
    out = Polytope([tuple(Fraction(c, L) for c in v) for v in found.vertices], 3)
    out.__dict__["equations"] = ()  # full-dimensional: proved by the rank test in overlay_sum
    rows = sorted((out._canonical(tuple(Fraction(c) for c in n), Fraction(h, L)), idx)
                  for (n, h), idx in zip(found.facets, found.incidence))
    out.__dict__["inequalities"] = tuple(r for r, _ in rows)
    out.__dict__["incidence"] = tuple(idx for _, idx in rows)
    return out


def summand_edges(P: Polytope) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of the edges of ``P`` (indices into ``P.vertices``).

    A polytope of dimension ``k >= 2``: two vertices span an edge iff they share at least
    ``k - 1`` facets (in 3-D two distinct facets meet in a face of dimension <= 1, which holds
    both vertices, so it is their edge; an edge lies on two facets; in a polygon a facet is an
    edge). A segment is its own edge, a point has none.

    Parameters
    ----------
    P : Polytope
        A nonempty polytope.

    Returns
    -------
    list of (int, int)
        The edges, sorted.

    >>> summand_edges(Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]))
    [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    """
    k = P.dim
    if k <= 0:
        return []
    if k == 1:
        return [(0, 1)]
    on: list[set[int]] = [set() for _ in P.vertices]
    for f, idx in enumerate(P.incidence):
        for i in idx:
            on[i].add(f)
    n = len(on)
    return [(i, j) for i in range(n) for j in range(i + 1, n) if len(on[i] & on[j]) >= k - 1]


def face_normals(P: Polytope) -> list[tuple[int, ...]]:
    """The primitive integer outer normals ``n`` whose face of ``P`` is 2-dimensional (P in Q^3).

    Facet normals of a 3-dimensional ``P``; ``u`` and ``-u`` for a polygon in the plane
    ``u . x = c``; none for a segment or a point.

    Parameters
    ----------
    P : Polytope
        A nonempty polytope in Q^3.

    Returns
    -------
    list of tuple of int
        The normals.

    >>> face_normals(Polytope.from_points([(0, 0, 1), (1, 0, 1), (0, 1, 1)]))
    [(0, 0, 1), (0, 0, -1)]
    """
    if P.dim == 3:
        return [tuple(int(c) for c in linalg.primitive(a)) for a, _ in P.inequalities]
    if P.dim == 2:
        ((e, _),) = P.equations
        u = tuple(int(c) for c in linalg.primitive(e))
        return [u, tuple(-c for c in u)]
    return []


# -- the candidate normals ------------------------------------------------------------------


def _sub(p: Sequence[int], q: Sequence[int]) -> IntPoint:
    return tuple(a - b for a, b in zip(p, q))


def _cross(u: Sequence[int], v: Sequence[int]) -> IntPoint:
    return (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])


def _spans_space(dirs: Sequence[IntPoint]) -> bool:
    """Whether the directions span Q^3 (exact: a nonzero one, a second off its line, a third off their plane)."""
    basis: list[IntPoint] = []
    for d in dirs:
        if not basis and any(d):
            basis.append(d)
        elif len(basis) == 1 and any(_cross(basis[0], d)):
            basis.append(_cross(basis[0], d))
        elif len(basis) == 2 and sum(a * b for a, b in zip(basis[1], d)) != 0:
            return True
    return False


def _dtype(rel: Sequence[Sequence[IntPoint]], m: int) -> Any:
    """int64 when every integer below is exact: for coordinates up to C (each summand shifted to
    its first vertex), normal entries up to 8 C^2 (cross products of edges; a summand's facet
    normal is no larger than a cross product of two of its edges), dot products up to 24 C^3,
    support values of the sum up to 24 m C^3."""
    C = max([abs(c) for V in rel for p in V for c in p] + [1])
    return "int64" if 24 * C**3 * max(m, 1) + 8 * C**2 < _INT64_SAFE else object


def _primitive(n: IntPoint) -> IntPoint:
    from math import gcd

    g = gcd(*n)
    return tuple(c // g for c in n)


def _pair_blocks(owner: Any, np: Any) -> Iterator[tuple[Any, Any]]:
    """Index arrays (a, b), a < b, over all pairs of edges of different summands, in blocks."""
    E = len(owner)
    step = max(1, _BLOCK_PAIRS // max(E, 1))
    cols = np.arange(E)
    for lo in range(0, E, step):
        rows = np.arange(lo, min(E, lo + step))
        mask = (cols[None, :] > rows[:, None]) & (owner[None, :] != owner[rows][:, None])
        a, b = np.nonzero(mask)
        yield rows[a], b


def _pair_normals(rel: Sequence[Sequence[IntPoint]], flat_edges: Sequence[tuple[int, int, int]], np: Any,
                  dtype: Any) -> set[IntPoint]:
    """The primitive ``±(e x e')`` for edges of different summands whose faces hold both edges."""
    if not flat_edges:
        return set()
    K = max(len(V) for V in rel)
    pad = np.array([list(V) + [V[0]] * (K - len(V)) for V in rel], dtype=dtype)    # (m, K, 3)
    owner = np.array([k for k, _, _ in flat_edges])
    start = np.array([rel[k][i] for k, i, _ in flat_edges], dtype=dtype)           # (E, 3)
    dirs = np.array([_sub(rel[k][j], rel[k][i]) for k, i, j in flat_edges], dtype=dtype)
    out: set[IntPoint] = set()
    for a, b in _pair_blocks(owner, np):
        u, v = dirs[a], dirs[b]
        n = np.stack([u[:, 1] * v[:, 2] - u[:, 2] * v[:, 1], u[:, 2] * v[:, 0] - u[:, 0] * v[:, 2],
                      u[:, 0] * v[:, 1] - u[:, 1] * v[:, 0]], axis=1)
        live = (n != 0).any(axis=1)
        a, b, n = a[live], b[live], n[live]
        lo_ok, hi_ok = _edge_in_face(pad[owner[a]], start[a], n)
        lo_b, hi_b = _edge_in_face(pad[owner[b]], start[b], n)
        found = np.concatenate([n[hi_ok & hi_b], -n[lo_ok & lo_b]])
        if len(found):
            g = np.gcd(np.gcd(found[:, 0], found[:, 1]), found[:, 2])
            out.update(map(tuple, (found // g[:, None]).tolist()))
    return out


def _edge_in_face(points: Any, start: Any, n: Any) -> tuple[Any, Any]:
    """Per row: does the edge from ``start`` (orthogonal to ``n``) lie in the face minimising / maximising ``n``?"""
    vals = (points * n[:, None, :]).sum(axis=2)
    at = (start * n).sum(axis=1)
    return at == vals.min(axis=1), at == vals.max(axis=1)


# -- the facets -----------------------------------------------------------------------------


def _facet_rings(rel: Sequence[Sequence[IntPoint]], normals: Sequence[IntPoint], np: Any,
                 dtype: Any) -> tuple[list[tuple[IntPoint, list[IntPoint]]], list[int]]:
    """Per normal its face's polygon (vertices in the shifted coordinates) and support value."""
    F = len(normals)
    if not F:
        return [], []
    Nmat = np.array(normals, dtype=dtype).T                                      # (3, F)
    base = np.zeros((F, 3), dtype=dtype)
    h = np.zeros(F, dtype=dtype)
    tied: list[list[list[IntPoint]]] = [[] for _ in range(F)]
    for V in rel:
        A = np.array(V, dtype=dtype)
        vals = A @ Nmat                                                            # (k, F)
        top = vals.max(axis=0)
        tie = vals == top
        first = tie.argmax(axis=0)
        base += A[first]
        h += top
        for f in np.nonzero(tie.sum(axis=0) >= 2)[0].tolist():
            tied[f].append([V[i] for i in np.nonzero(tie[:, f])[0].tolist()])
    rings = []
    for n, b, faces in zip(normals, base.tolist(), tied):
        ring = _plane_sum(n, faces)
        rings.append((n, [tuple(x + y for x, y in zip(b, p)) for p in ring]))
    return rings, h.tolist()


def _plane_sum(n: IntPoint, faces: Sequence[Sequence[IntPoint]]) -> list[IntPoint]:
    """The vertices, in cyclic order, of the sum of ``faces`` each translated to start at its first
    point (so the sum lies in the plane ``n . x = 0``): a planar merge in two coordinates, lifted."""
    k = max(range(3), key=lambda i: abs(n[i]))
    i, j = (c for c in range(3) if c != k)
    rings = [planar.hull_2d([(p[i] - F[0][i], p[j] - F[0][j]) for p in F]) for F in faces]
    out = []
    for x, y in planar.minkowski_2d(rings) if rings else []:
        z, r = divmod(-(n[i] * x + n[j] * y), n[k])
        if r:  # pragma: no cover - a sum of lattice points in n . x = 0 is a lattice point
            return []
        p = [0, 0, 0]
        p[i], p[j], p[k] = x, y, z
        out.append(tuple(p))
    return out


def _closed_surface(rings: Sequence[tuple[IntPoint, list[IntPoint]]], offsets: Sequence[int],
                    T: IntPoint) -> OverlaySum | None:
    """The closure check of the module doc; the sum (translated back by ``T``) when it holds."""
    kept = [(n, [_add(p, T) for p in ring], h + sum(a * b for a, b in zip(n, T)))
            for (n, ring), h in zip(rings, offsets) if len(ring) >= 3]
    count: Counter[tuple[IntPoint, IntPoint]] = Counter()
    for _, ring, _ in kept:
        for p, q in zip(ring, ring[1:] + ring[:1]):
            count[(p, q) if p < q else (q, p)] += 1
    if not kept or any(c != 2 for c in count.values()):
        return None
    vertices = sorted({p for _, ring, _ in kept for p in ring})
    index = {p: k for k, p in enumerate(vertices)}
    return OverlaySum(tuple(vertices), tuple((n, h) for n, _, h in kept),
                      tuple(tuple(sorted(index[p] for p in ring)) for _, ring, _ in kept))


def _add(p: Sequence[int], q: Sequence[int]) -> IntPoint:
    return tuple(a + b for a, b in zip(p, q))
