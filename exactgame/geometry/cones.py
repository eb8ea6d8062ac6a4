r"""Polyhedral cones given by generators: ``cone(R) + lin(L)``.

Normal cones of polytopes are built here (see :meth:`Polytope.normal_cone`).
Membership is decided by an exact LP whose certificate proves the answer.

>>> C = Cone([(1, 0), (1, 1)], [], 2)
>>> C.contains((2, 1)), C.contains((0, 1))
(True, False)
>>> C.intersection(Cone([(0, 1), (2, 1)], [], 2)).rays
((Fraction(1, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(1, 1)))
>>> C.intersection(Cone([(0, 1), (1, 2)], [], 2)).rays  # they meet only at 0
()
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable

from ..errors import InputError, InternalError
from ..numbers import to_vector, Vector
from . import cddwrap, linalg
from .lp import LPResult, solve_lp

__all__ = ["Cone", "positive_point"]



class Cone:
    """The cone ``{sum_i l_i r_i + sum_j m_j z_j : l >= 0}`` for rays ``r`` and lineality ``z``.

    The ``m_j`` are free, so ``lin(z)`` is a linear subspace inside the cone. Rays are
    stored scaled to coprime integers (:func:`~exactgame.geometry.linalg.primitive`),
    sorted, without repeats or zero vectors; the lineality space is stored as the
    primitive rows of its reduced row echelon basis. Redundant rays are kept (equality
    ``==`` compares the sets, by certified membership LPs). Not hashable.

    Parameters
    ----------
    rays : iterable of vectors
        the generators ``r_i`` (exact numbers; floats are refused).
    lineality : iterable of vectors
        the generators ``z_j`` of the lineality space.
    ambient_dim : int
        the dimension ``d`` of the space; every generator has ``d`` entries, else
        :class:`~exactgame.errors.InputError`.

    >>> C = Cone([(2, 0), (1, 1), (3, 3)], [], 2)
    >>> C
    Cone(rays=[(1, 0), (1, 1)], lineality=[])
    >>> C.dim, C.contains((3, 1)), C.contains((0, 1))
    (2, True, False)
    >>> Cone([(1, 0)], [(0, 2)], 2)  # the half-plane x >= 0
    Cone(rays=[(1, 0)], lineality=[(0, 1)])
    """

    def __init__(self, rays: Iterable[Any], lineality: Iterable[Any], ambient_dim: int):
        self.ambient_dim = ambient_dim
        rs = [linalg.primitive(to_vector(r, where="Cone: rays")) for r in rays]
        ls = [linalg.primitive(to_vector(z, where="Cone: lineality")) for z in lineality]
        for v in rs + ls:
            if len(v) != ambient_dim:
                raise InputError(f"Cone: a generator of length {len(v)} in dimension {ambient_dim}")
        self.rays: tuple[Vector, ...] = tuple(sorted({r for r in rs if any(r)}))
        basis, _ = linalg.rref([z for z in ls if any(z)]) if any(any(z) for z in ls) else ([], [])
        self.lineality: tuple[Vector, ...] = tuple(linalg.primitive(z) for z in basis)

    @property
    def generators(self) -> tuple[Vector, ...]:
        """Conic generators: the rays, and each lineality vector in both signs."""
        return self.rays + self.lineality + tuple(tuple(-c for c in z) for z in self.lineality)

    @property
    def dim(self) -> int:
        """Dimension of the linear span."""
        gens = list(self.rays) + list(self.lineality)
        return linalg.rank(gens) if gens else 0

    def membership(self, v: Iterable[Any]) -> LPResult:
        """The LP ``v = G l, l >= 0`` over the generators G; its certificate proves the answer.

        ``G`` has one column per conic generator (:attr:`generators`: the rays, and each
        lineality vector in both signs). Feasible: ``x`` holds the weights ``l``.
        Infeasible: the Farkas ray ``y`` (``dual``) is a normal with ``G^T y >= 0`` and
        ``v . y < 0`` separating ``v`` from the cone.

        Parameters
        ----------
        v : vector
            a point of Q^d (exact numbers).

        Returns
        -------
        LPResult
            status ``"optimal"`` (``v`` in the cone) or ``"infeasible"``, with its
            verified certificate.

        Raises
        ------
        InputError
            if ``v`` does not have ``ambient_dim`` entries.
        """
        vv = to_vector(v, where="Cone.contains")
        if len(vv) != self.ambient_dim:
            raise InputError(f"Cone.contains: a vector of length {len(vv)} in dimension {self.ambient_dim}")
        gens = self.generators
        if not gens:
            gens = ((Fraction(0),) * self.ambient_dim,)
        A_eq = [[g[i] for g in gens] for i in range(self.ambient_dim)]
        return solve_lp([0] * len(gens), A_eq=A_eq, b_eq=list(vv))

    def contains(self, v: Iterable[Any]) -> bool:
        """Whether ``v`` lies in the cone (decided by a certified LP, see :meth:`membership`).

        Parameters
        ----------
        v : vector
            a point of Q^d (exact numbers).

        Returns
        -------
        bool
            True iff ``v = G l`` for some ``l >= 0``.
        """
        return self.membership(v).status == "optimal"

    def inequalities(self) -> tuple[tuple[Vector, ...], tuple[Vector, ...]]:
        """The H-representation: the cone is ``{x : a . x <= 0 for a in A, e . x == 0 for e in E}``.

        Computed by cddlib; the cone ``{0}`` (no generators) gives ``A = ()`` and the unit
        vectors as ``E``.

        Returns
        -------
        tuple of (tuple of Vector, tuple of Vector)
            ``(A, E)``.
        """
        if not self.rays and not self.lineality:
            eye = tuple(tuple(Fraction(int(i == j)) for j in range(self.ambient_dim)) for i in range(self.ambient_dim))
            return (), eye
        ineqs, eqs = cddwrap.cone_to_inequalities(self.rays, self.lineality)
        return tuple(a for a, _ in ineqs), tuple(e for e, _ in eqs)

    def intersection(self, other: "Cone") -> "Cone":
        """``C ∩ D``: the union of both H-representations, turned back into generators.

        Parameters
        ----------
        other : Cone
            a cone in the same dimension (else :class:`~exactgame.errors.InputError`).

        Returns
        -------
        Cone
            the intersection (``Cone(rays=[], lineality=[])`` when it is ``{0}``).
        """
        if other.ambient_dim != self.ambient_dim:
            raise InputError("Cone.intersection: cones in different dimensions")
        A1, E1 = self.inequalities()
        A2, E2 = other.inequalities()
        rays, lin = cddwrap.cone_from_inequalities(list(A1 + A2), list(E1 + E2), self.ambient_dim)
        return Cone(rays, lin, self.ambient_dim)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cone):
            return NotImplemented
        if self.ambient_dim != other.ambient_dim:
            return False
        return all(other.contains(g) for g in self.generators) and all(self.contains(g) for g in other.generators)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        def show(vs: tuple[Vector, ...]) -> str:
            return "[" + ", ".join("(" + ", ".join(map(str, v)) + ")" for v in vs) + "]"

        return f"Cone(rays={show(self.rays)}, lineality={show(self.lineality)})"


def positive_point(cone: Cone) -> tuple[Vector | None, LPResult]:
    """A strictly positive vector of the cone (all entries >= 1), or None if none exists.

    Solves ``G l >= 1`` (componentwise), ``l >= 0`` over the conic generators G.
    Feasible: the vector ``G l`` is returned. Infeasible: the LP's Farkas ray
    ``y >= 0``, ``y != 0``, with ``y . g <= 0`` for every generator ``g`` is a
    certificate that the cone meets the open positive orthant nowhere (by scaling,
    any positive point could be made >= 1). Used for a strictly positive normal
    ``n > 0`` in a normal cone (ex-post efficiency, 000_2cf035f6c25283ea.txt
    Proposition 1).

    Parameters
    ----------
    cone : Cone
        the cone.

    Returns
    -------
    tuple of (Vector or None, LPResult)
        the positive vector (None if there is none) and the certified LP that decided.

    >>> positive_point(Cone([(1, 0), (1, 2)], [], 2))[0]
    (Fraction(1, 1), Fraction(1, 1))
    >>> point, lp = positive_point(Cone([(1, 0), (0, -1)], [], 2))
    >>> point, lp.status
    (None, 'infeasible')
    """
    gens = cone.generators or ((Fraction(0),) * cone.ambient_dim,)
    d = cone.ambient_dim
    A_ub = [[-g[i] for g in gens] for i in range(d)]
    r = solve_lp([0] * len(gens), A_ub=A_ub, b_ub=[-1] * d)
    if r.status != "optimal":
        return None, r
    if r.x is None:
        raise InternalError("positive_point: an optimal LP result without its point x")
    x = r.x
    # the Fraction(0) start gives the same values as sum()'s 0 (gens is never empty) and keeps the type
    return tuple(sum((w * g[i] for w, g in zip(x, gens)), Fraction(0)) for i in range(d)), r
