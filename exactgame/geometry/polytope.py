r"""Exact convex polytopes with both representations.

A :class:`Polytope` is the convex hull of finitely many rational points, equally
the bounded solution set of finitely many rational inequalities and equations:

.. math::  P = \mathrm{conv}(V) = \{x : a_i\cdot x \le b_i,\ e_j\cdot x = f_j\}.

Both representations are exact and canonical, so two polytopes are equal iff their
vertex tuples are:

* ``vertices`` — tuple of tuples of Fraction, lexicographically sorted;
* ``inequalities`` — irredundant rows ``(a, b)`` meaning ``a . x <= b`` (the facets),
  ``a`` orthogonal to the affine hull's directions' complement and scaled to coprime
  integers, sorted;
* ``equations`` — rows ``(e, f)`` meaning ``e . x == f``, a basis of the affine
  hull's equations in reduced row echelon form.

In the plane the work is done by exact O(n log n) algorithms; in higher dimension by
cddlib (:mod:`exactgame.geometry.cddwrap`).

>>> P = Polytope.from_points([(2, 9), (10, 8), (0, "32/5"), (3, 4), (1, 0)])
>>> [tuple(str(c) for c in v) for v in P.vertices]
[('0', '32/5'), ('1', '0'), ('2', '9'), ('10', '8')]
>>> P.dim, P.contains((3, 4)), P.support((1, 1))[0]
(2, True, Fraction(18, 1))
"""

from __future__ import annotations

from fractions import Fraction
from functools import cached_property

import flint
from typing import Any, Iterable, Mapping, Sequence

from ..display.mixin import Displayable
from ..certificates import dot, encode
from ..errors import InputError
from ..numbers import fmt, to_vector, Vector
from . import cddwrap, hull_fast, linalg, planar

__all__ = ["Polytope"]

Row = tuple[Vector, Fraction]

#: Above this many input points in dimension >= 3, cddlib gets a random row order
#: (measured 1.6-14x faster on hulls with many interior points, see design.md).
RANDOM_ORDER_THRESHOLD = 60
#: Above this many points in dimension >= 3, try the Qhull-proposed, exactly verified hull first.
FAST_HULL_THRESHOLD = 30


def _points(points: Iterable[Any], where: str) -> list[Vector]:
    if isinstance(points, (str, bytes, Mapping)) or not isinstance(points, Iterable):
        raise InputError(f"expected a list of points, got {type(points).__name__}", where=where)
    pts = [to_vector(p, where=where) for p in points]
    if pts and len({len(p) for p in pts}) != 1:
        raise InputError(f"points of different lengths {sorted({len(p) for p in pts})}", where=where)
    return pts


def _short_number(c: Fraction) -> str:
    text = fmt(c)
    return text if len(text) <= 60 else f"{text[:20]}...({len(text)} characters)"


class Polytope(Displayable):
    """A convex polytope in Q^d (possibly empty, possibly lower-dimensional).

    Build it with :meth:`from_points` or :meth:`from_inequalities`; the other
    representation is computed on first use and cached. Instances are immutable
    and hashable; ``==`` compares the sets.

    >>> F = Fraction
    >>> P = Polytope.from_points([(0, 0), (2, 0), (0, 2), (1, 1), (F(1, 2), F(1, 2))])
    >>> P.vertices, P.dim
    (((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(0, 1))), 2)
    >>> [(tuple(map(str, a)), str(b)) for a, b in P.inequalities]
    [(('-1', '0'), '0'), (('0', '-1'), '0'), (('1', '1'), '2')]
    >>> P.contains((1, 1)), P.in_relative_interior((1, 1)), P.support((1, 0))[0]
    (True, False, Fraction(2, 1))
    """

    __slots__ = ("ambient_dim", "_vertices", "_ring", "__dict__")

    def __init__(self, vertices: Sequence[Vector], ambient_dim: int, *, _ring: list | None = None):
        # private: callers use from_points / from_inequalities
        self.ambient_dim = ambient_dim
        self._vertices = tuple(sorted(vertices))
        self._ring = _ring

    # -- constructors -------------------------------------------------------------
    @classmethod
    def from_points(cls, points: Iterable[Any], ambient_dim: int | None = None) -> "Polytope":
        """The convex hull of finitely many points (repeats and interior points allowed).

        Parameters
        ----------
        points : iterable of vectors
            Exact coordinates (Fractions, ints or exact strings).
        ambient_dim : int, optional
            Needed only for the empty set of points.

        Returns
        -------
        Polytope
            conv(points), its vertices found exactly (planar monotone chain; verified Qhull or
            cddlib in dimension >= 3).

        Raises
        ------
        InputError
            No points without ``ambient_dim``, inexact numbers, or points of different lengths.
        """
        pts = _points(points, "Polytope.from_points")
        if ambient_dim is not None and (not isinstance(ambient_dim, int) or isinstance(ambient_dim, bool) or ambient_dim < 1):
            raise InputError(f"ambient_dim must be a positive integer, got {ambient_dim!r}", where="Polytope.from_points")
        if not pts:
            if ambient_dim is None:
                raise InputError("Polytope.from_points: no points; pass ambient_dim to build the empty polytope")
            return cls((), ambient_dim)
        d = len(pts[0])
        if d == 0:
            raise InputError("Polytope.from_points: points must have at least one coordinate")
        if d == 1:
            lo, hi = min(pts), max(pts)
            return cls(sorted({lo, hi}), 1)
        if d == 2:
            ring = planar.hull_2d(pts)
            return cls(ring, 2, _ring=ring)
        vertices, facets = _extreme_points(pts)
        out = cls(vertices, d)
        if facets is not None:   # cddlib's facets of conv(pts) = conv(vertices): reused, not recomputed
            out.__dict__["inequalities"] = out._facets_from(facets)
        return out

    @classmethod
    def from_inequalities(cls, A, b, A_eq=None, b_eq=None) -> "Polytope":
        """``{x : A x <= b, A_eq x == b_eq}``; must be bounded (InputError otherwise).

        Parameters
        ----------
        A, b : matrix and vector
            Inequality rows ``A x <= b``.
        A_eq, b_eq : matrix and vector, optional
            Equality rows.

        Returns
        -------
        Polytope
            The set, through cddlib's exact vertex enumeration (empty when infeasible).

        Raises
        ------
        InputError
            Mismatched rows, no constraints, or an unbounded set.
        """
        A_ = [to_vector(r, where="Polytope.from_inequalities: A") for r in A]
        b_ = to_vector(b, where="Polytope.from_inequalities: b")
        Ae = [to_vector(r, where="Polytope.from_inequalities: A_eq") for r in (A_eq or [])]
        be = to_vector(b_eq or [], where="Polytope.from_inequalities: b_eq")
        if len(A_) != len(b_) or len(Ae) != len(be):
            raise InputError("Polytope.from_inequalities: A and b (or A_eq and b_eq) have different numbers of rows")
        rows = A_ + Ae
        if not rows:
            raise InputError("Polytope.from_inequalities: no constraints, so the set is all of space (unbounded)")
        d = len(rows[0])
        if any(len(r) != d for r in rows):
            raise InputError("Polytope.from_inequalities: rows of different lengths")
        vertices, rays = cddwrap.inequalities_to_vertices(A_, b_, Ae, be)
        if rays:
            raise InputError("Polytope.from_inequalities: the set is unbounded, so it is not a polytope")
        return cls.from_points(vertices, ambient_dim=d) if vertices else cls((), d)

    @classmethod
    def empty(cls, ambient_dim: int) -> "Polytope":
        """The empty polytope in Q^ambient_dim.

        Parameters
        ----------
        ambient_dim : int
            The dimension of the space.

        Returns
        -------
        Polytope
            With no vertices and dimension -1.
        """
        return cls((), ambient_dim)

    # -- representations ----------------------------------------------------------
    @property
    def vertices(self) -> tuple[Vector, ...]:
        """The vertices, lexicographically sorted."""
        return self._vertices

    @property
    def is_empty(self) -> bool:
        """Whether P has no points."""
        return not self._vertices

    @cached_property
    def equations(self) -> tuple[Row, ...]:
        """Equations ``(e, f)`` of the affine hull (``e . x == f``), in reduced row echelon form."""
        d = self.ambient_dim
        if self.is_empty:
            return ()
        p0 = self._vertices[0]
        diffs = [tuple(v - w for v, w in zip(p, p0)) for p in self._vertices[1:]]
        normals = linalg.nullspace(diffs, ncols=d) if diffs else [tuple(Fraction(int(i == j)) for j in range(d)) for i in range(d)]
        rows, _ = linalg.rref(normals) if normals else ([], [])
        return tuple((e, dot(e, p0)) for e in rows)

    @cached_property
    def dim(self) -> int:
        """Dimension of the affine hull (-1 for the empty polytope)."""
        return -1 if self.is_empty else self.ambient_dim - len(self.equations)

    @cached_property
    def inequalities(self) -> tuple[Row, ...]:
        """Facet inequalities ``(a, b)`` meaning ``a . x <= b``, irredundant and canonical."""
        if self.is_empty:
            return (((Fraction(0),) * self.ambient_dim, Fraction(-1)),)
        if self.dim == 0:
            return ()
        if self.ambient_dim == 1:
            (lo,), (hi,) = self._vertices[0], self._vertices[-1]
            return (((Fraction(-1),), -lo), ((Fraction(1),), hi))
        if self.ambient_dim == 2:
            raw = self._planar_facets()
        else:
            raw = self._fast_facets() or cddwrap.hull_to_inequalities(
                self._vertices, random_order=len(self._vertices) > RANDOM_ORDER_THRESHOLD)[0]
        return self._facets_from(raw)

    def _facets_from(self, raw: Iterable[Row]) -> tuple[Row, ...]:
        """The canonical, sorted, duplicate-free form of facet rows of this polytope."""
        return tuple(sorted({self._canonical(a, b) for a, b in raw}))

    def facets_are_cheap(self) -> bool:
        """Whether the facets are known or come from the fast proved path (no cddlib run needed).

        Returns
        -------
        bool
            True when :attr:`inequalities` is cached, the polytope has dimension <= 2, or
            Qhull's proposal passed the exact checks (its facets are then cached).

        >>> Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]).facets_are_cheap()
        True
        """
        if "inequalities" in self.__dict__ or self.dim <= 2 or len(self._vertices) <= FAST_HULL_THRESHOLD:
            return True
        raw = self._fast_facets()
        if raw is None:
            return False
        self.__dict__["inequalities"] = self._facets_from(raw)
        return True

    def _fast_facets(self) -> list[Row] | None:
        """Facets from Qhull's proposal, proved exactly (``hull_fast``), or None to ask cddlib.

        A polytope of dimension k < d is first projected onto the k coordinates that are free
        in the reduced echelon form of its equations: on the affine hull that projection is a
        bijection, so a facet ``a' . y <= b`` of the image is a facet ``a . x <= b`` of P with
        ``a`` zero off those coordinates (``_canonical`` then normalises it).
        """
        if self.dim < 3 or len(self._vertices) <= FAST_HULL_THRESHOLD:
            return None
        pivots = {next(i for i, x in enumerate(e) if x) for e, _ in self.equations}
        free = [i for i in range(self.ambient_dim) if i not in pivots]
        rows = hull_fast.facets_fast([tuple(v[i] for i in free) for v in self._vertices])
        if rows is None:
            return None
        lifted: list[Row] = []
        for a, b in rows:
            full = [Fraction(0)] * self.ambient_dim
            for i, x in zip(free, a):
                full[i] = x
            lifted.append((tuple(full), b))
        return lifted

    def _planar_facets(self) -> list[Row]:
        ring = self.ring
        if len(ring) == 2:  # a segment: two inequalities along its direction
            p, q = ring
            u = (q[0] - p[0], q[1] - p[1])
            return [(u, dot(u, q)), ((-u[0], -u[1]), -dot(u, p))]
        out: list[Row] = []
        for i, p in enumerate(ring):
            q = ring[(i + 1) % len(ring)]
            a: Vector = (q[1] - p[1], p[0] - q[0])  # outward normal of a counter-clockwise edge
            out.append((a, dot(a, p)))
        return out

    def _canonical(self, a: Vector, b: Fraction) -> Row:
        """Project ``a`` onto the direction space of the affine hull, scale to coprime integers."""
        eqs = self.equations
        if eqs:
            E = [e for e, _ in eqs]
            G = [[dot(e1, e2) for e2 in E] for e1 in E]
            z = linalg.solve(G, [dot(e, a) for e in E])
            a = tuple(ai - sum(zk * e[i] for zk, e in zip(z, E)) for i, ai in enumerate(a))
            b = b - sum(zk * f for zk, (_, f) in zip(z, eqs))
        scaled = linalg.primitive(a + (b,))
        return scaled[:-1], scaled[-1]

    @property
    def ring(self) -> list[Vector]:
        """Vertices in counter-clockwise order from the lowest (then leftmost) one; plane only."""
        if self.ambient_dim != 2:
            raise InputError(f"Polytope.ring: only for polygons in the plane, this polytope lives in dimension {self.ambient_dim}")
        if self._ring is None:
            self._ring = planar.hull_2d(self._vertices)
        return self._ring

    # -- queries -----------------------------------------------------------------
    def contains(self, x: Iterable[Any]) -> bool:
        """Whether the point ``x`` lies in P (boundary included).

        Parameters
        ----------
        x : vector
            A point of the ambient space.

        Returns
        -------
        bool
            All equations and facet inequalities hold at x (exactly).
        """
        xv = to_vector(x, where="Polytope.contains")
        self._check_dim(xv, "contains")
        if self.is_empty:
            return False
        return all(dot(e, xv) == f for e, f in self.equations) and all(dot(a, xv) <= b for a, b in self.inequalities)

    def in_relative_interior(self, x: Iterable[Any]) -> bool:
        """Whether ``x`` lies in the relative interior of P.

        Parameters
        ----------
        x : vector
            A point of the ambient space.

        Returns
        -------
        bool
            x is in P and strictly inside every facet inequality.
        """
        xv = to_vector(x, where="Polytope.in_relative_interior")
        return self.contains(xv) and all(dot(a, xv) < b for a, b in self.inequalities)

    def support(self, n: Iterable[Any]) -> tuple[Fraction, "Polytope"]:
        """``(max n.x over P, the face S(P; n) where it is attained)`` (eq. (3) of 000_2cf035f6c25283ea.txt).

        Parameters
        ----------
        n : vector
            A direction.

        Returns
        -------
        tuple of (Fraction, Polytope)
            h_P(n) = max over x in P of n . x, and the face of the maximizers.

        Raises
        ------
        InputError
            For an empty polytope or a direction of the wrong length.
        """
        nv = to_vector(n, where="Polytope.support")
        self._check_dim(nv, "support")
        if self.is_empty:
            raise InputError("Polytope.support: the polytope is empty")
        values = [dot(nv, v) for v in self._vertices]
        best = max(values)
        return best, Polytope([v for v, h in zip(self._vertices, values) if h == best], self.ambient_dim)

    @cached_property
    def centroid(self) -> Vector:
        """The average of the vertices: a point in the relative interior."""
        if self.is_empty:
            raise InputError("Polytope.centroid: the polytope is empty")
        k = len(self._vertices)
        return tuple(sum((v[i] for v in self._vertices), Fraction(0)) / k for i in range(self.ambient_dim))

    @cached_property
    def incidence(self) -> tuple[tuple[int, ...], ...]:
        """For each row of :attr:`inequalities`, the indices of the vertices on that facet.

        One exact integer matrix product (flint): the vertices scaled to a common denominator
        against the facets' primitive integer rows.

        Returns
        -------
        tuple of tuple of int
            ``incidence[f]`` lists, increasing, the ``i`` with ``a_f . vertices[i] == b_f``.

        >>> sq = Polytope.from_points([(0, 0), (1, 0), (0, 1), (1, 1)])
        >>> [(tuple(map(int, a)), int(b)) for a, b in sq.inequalities][0], sq.incidence[0]
        (((-1, 0), 0), (0, 1))
        """
        V, rows = self._vertices, self.inequalities
        if not V or not rows or self.dim <= 0:
            return tuple(() for _ in rows)
        d = self.ambient_dim
        ints, L = hull_fast.integer_points(V)
        scaled = [linalg.primitive(tuple(a) + (b,)) for a, b in rows]  # canonical rows are integer already
        P = flint.fmpz_mat(len(V), d, [c for v in ints for c in v])
        A = flint.fmpz_mat(d, len(rows), [int(r[i]) for i in range(d) for r in scaled])
        entries = [int(x) for x in (P * A).entries()]
        m = len(rows)
        rhs = [int(r[-1]) * L for r in scaled]
        return tuple(tuple(i for i in range(len(V)) if entries[i * m + f] == rhs[f]) for f in range(m))

    def tight(self, x: Sequence[Fraction]) -> tuple[Row, ...]:
        """The facet inequalities that hold with equality at ``x``.

        Parameters
        ----------
        x : vector
            A point (normally of P).

        Returns
        -------
        tuple of (a, b)
            The rows of :attr:`inequalities` with ``a . x == b``.
        """
        return tuple((a, b) for a, b in self.inequalities if dot(a, x) == b)

    def normal_cone(self, x: "Iterable[Any] | Polytope"):
        """Outer normal cone at a point of P, or of a face of P given as a Polytope.

        ``N_P(x) = {n : n . x >= n . y for all y in P}``, generated by the normals of
        the facets tight at ``x`` plus the lineality space spanned by the equations
        (both signs). For a face, it is the normal cone at a relative-interior point.

        Parameters
        ----------
        x : vector or Polytope
            A point of P, or a nonempty face of P.

        Returns
        -------
        Cone
            The cone, with its rays and lineality space.

        Raises
        ------
        InputError
            When the point is not in P, or the face is not a nonempty subset of P.
        """
        from .cones import Cone

        if isinstance(x, Polytope):
            if x.is_empty or not all(self.contains(v) for v in x.vertices):
                raise InputError("Polytope.normal_cone: the face given is not a nonempty subset of the polytope")
            point = x.centroid
        else:
            point = to_vector(x, where="Polytope.normal_cone")
            if not self.contains(point):
                raise InputError(f"Polytope.normal_cone: the point {tuple(map(str, point))} is not in the polytope")
        rays = [a for a, _ in self.tight(point)]
        return Cone(rays, [e for e, _ in self.equations], self.ambient_dim)

    def faces(self, k: int | None = None) -> tuple["Polytope", ...]:
        """Nonempty faces (of dimension ``k`` if given), P itself included, sorted by dimension.

        Faces are the intersections of facets' vertex sets (the face lattice by closure).

        Parameters
        ----------
        k : int, optional
            Only the faces of this dimension.

        Returns
        -------
        tuple of Polytope
            Sorted by dimension, then vertices.
        """
        if self.is_empty:
            return ()
        verts = self._vertices
        facet_sets = [frozenset(i for i, v in enumerate(verts) if dot(a, v) == b) for a, b in self.inequalities]
        found = {frozenset(range(len(verts)))}
        frontier = list(found)
        while frontier:
            nxt = []
            for F in frontier:
                for S in facet_sets:
                    G = F & S
                    if G and G not in found:
                        found.add(G)
                        nxt.append(G)
            frontier = nxt
        faces = [Polytope([verts[i] for i in sorted(F)], self.ambient_dim) for F in found]
        if k is not None:
            faces = [f for f in faces if f.dim == k]
        return tuple(sorted(faces, key=lambda f: (f.dim, f.vertices)))

    # -- constructions ---------------------------------------------------------------
    def affine_image(self, M: Sequence[Sequence[Any]], t: Sequence[Any] | None = None) -> "Polytope":
        """``{M x + t : x in P}`` for a rational matrix ``M`` (rows = output coordinates).

        Parameters
        ----------
        M : matrix
            One row per output coordinate, ``ambient_dim`` columns.
        t : vector, optional
            The translation (default 0).

        Returns
        -------
        Polytope
            The image (the hull of the images of the vertices).
        """
        Mv = [to_vector(r, where="Polytope.affine_image: M") for r in M]
        if any(len(r) != self.ambient_dim for r in Mv):
            raise InputError(f"Polytope.affine_image: M must have {self.ambient_dim} columns")
        tv = to_vector(t, where="Polytope.affine_image: t") if t is not None else (Fraction(0),) * len(Mv)
        if len(tv) != len(Mv):
            raise InputError("Polytope.affine_image: t must have one entry per row of M")
        if not Mv:
            raise InputError("Polytope.affine_image: M has no rows")
        pts = [tuple(dot(r, v) + ti for r, ti in zip(Mv, tv)) for v in self._vertices]
        return Polytope.from_points(pts, ambient_dim=len(Mv))

    def project(self, coordinates: Sequence[int]) -> "Polytope":
        """Projection onto the given coordinates (in that order).

        Parameters
        ----------
        coordinates : sequence of int
            Indices in ``0 .. ambient_dim - 1``.

        Returns
        -------
        Polytope
            The projection.
        """
        if not coordinates or any(not (0 <= c < self.ambient_dim) for c in coordinates):
            raise InputError(f"Polytope.project: coordinates must be indices in 0..{self.ambient_dim - 1}")
        return Polytope.from_points([tuple(v[c] for c in coordinates) for v in self._vertices], ambient_dim=len(coordinates))

    def scale(self, factor: Any) -> "Polytope":
        """``factor * P``.

        Parameters
        ----------
        factor : number
            An exact scalar (any sign).

        Returns
        -------
        Polytope
            ``{factor x : x in P}``.

        >>> Polytope.from_points([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)]).scale(-2).vertices[0]
        (Fraction(-2, 1), Fraction(0, 1), Fraction(0, 1))
        """
        (f,) = to_vector([factor], where="Polytope.scale")
        image = [tuple(f * c for c in v) for v in self._vertices]
        if f and self.ambient_dim >= 3:  # x -> f x is a linear bijection: vertices go to vertices, no hull to redo
            return Polytope(image, self.ambient_dim)
        return Polytope.from_points(image, ambient_dim=self.ambient_dim)

    def translate(self, t: Sequence[Any]) -> "Polytope":
        """``P + t``.

        Parameters
        ----------
        t : vector
            The translation.

        Returns
        -------
        Polytope
            ``{x + t : x in P}``.
        """
        tv = to_vector(t, where="Polytope.translate")
        self._check_dim(tv, "translate")
        return Polytope.from_points([tuple(c + s for c, s in zip(v, tv)) for v in self._vertices], ambient_dim=self.ambient_dim)

    def intersection(self, other: "Polytope") -> "Polytope":
        """``P ∩ Q``.

        Parameters
        ----------
        other : Polytope
            In the same space.

        Returns
        -------
        Polytope
            The intersection (cddlib vertex enumeration of both facet systems).
        """
        if self.ambient_dim != other.ambient_dim:
            raise InputError("Polytope.intersection: the polytopes live in different dimensions")
        if self.is_empty or other.is_empty:
            return Polytope.empty(self.ambient_dim)
        A = [a for a, _ in self.inequalities + other.inequalities]
        b = [b for _, b in self.inequalities + other.inequalities]
        eqs = self.equations + other.equations
        if not A and not eqs:  # pragma: no cover - a nonempty polytope has some
            return self
        return Polytope.from_inequalities(A, b, [e for e, _ in eqs], [f for _, f in eqs])

    def __add__(self, other: "Polytope") -> "Polytope":
        from .minkowski import minkowski_sum

        return minkowski_sum(self, other)

    # -- plumbing ----------------------------------------------------------------
    def _check_dim(self, v: Vector, name: str) -> None:
        if len(v) != self.ambient_dim:
            raise InputError(f"Polytope.{name}: a vector of length {len(v)} for a polytope in dimension {self.ambient_dim}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Polytope):
            return NotImplemented
        return self.ambient_dim == other.ambient_dim and self._vertices == other._vertices

    def __hash__(self) -> int:
        return hash((self.ambient_dim, self._vertices))

    def __repr__(self) -> str:
        vs = ", ".join("(" + ", ".join(_short_number(c) for c in v) + ")" for v in self._vertices[:8])
        more = ", ..." if len(self._vertices) > 8 else ""
        n = len(self._vertices)
        if n == 0:
            return f"the empty polytope in dimension {self.ambient_dim}"
        return f"a {self.dim}-dimensional polytope in dimension {self.ambient_dim} with {n} vertices {vs}{more}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: vertices, inequalities, equations and dimension as exact strings.

        Returns
        -------
        dict
            ``dim``, ``vertices``, ``inequalities`` and ``equations`` (rows ``{a, b}``).
        """
        return {
            "dim": self.dim,
            "vertices": encode(self._vertices),
            "inequalities": [{"a": encode(a), "b": encode(b)} for a, b in self.inequalities],
            "equations": [{"a": encode(a), "b": encode(b)} for a, b in self.equations],
        }


def _extreme_points(pts: list[Vector]) -> tuple[list[Vector], list[Row] | None]:
    """The vertices among ``pts`` (d >= 3): facets from cddlib, then a rank test per point.

    Returns the vertices and, when cddlib was run, its facet inequalities of conv(pts) (the
    same polytope as conv(vertices), so :meth:`Polytope.from_points` caches them instead of
    running cddlib a second time on the vertices); None when Qhull's proved path decided.

    A point is a vertex iff the normals of the facets and equations tight at it have
    rank d (only one point of the affine hull satisfies them all with equality). The
    tightness table is one exact integer matrix product in flint (points scaled to a
    common denominator, facets to primitive integer rows).
    """
    unique = sorted(set(pts))
    if len(unique) == 1:
        return unique, None
    fast = hull_fast.extreme_points_fast(unique) if len(unique) > FAST_HULL_THRESHOLD else None
    if fast is not None:
        return fast, None
    d = len(unique[0])
    ineqs, eqs = cddwrap.hull_to_inequalities(unique, random_order=len(unique) > RANDOM_ORDER_THRESHOLD)
    eq_normals = [e for e, _ in eqs]
    if not ineqs:
        return unique, None
    rows = [linalg.primitive(tuple(a) + (b,)) for a, b in ineqs]
    ints, L = hull_fast.integer_points(unique)
    P = flint.fmpz_mat(len(unique), d, [c for p in ints for c in p])
    A = flint.fmpz_mat(d, len(rows), [int(r[i]) for i in range(d) for r in rows])
    prod = P * A
    rhs = [int(r[-1]) * L for r in rows]
    out = []
    for k, p in enumerate(unique):
        tight = [ineqs[f][0] for f in range(len(rows)) if prod[k, f] == rhs[f]]
        if len(tight) + len(eq_normals) >= d and linalg.rank(tight + eq_normals) == d:
            out.append(p)
    return out, list(ineqs)
