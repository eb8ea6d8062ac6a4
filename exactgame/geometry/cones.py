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

from ..errors import InputError
from ..numbers import to_vector, Vector
from . import cddwrap, linalg
from .lp import LPResult, solve_lp

__all__ = ["Cone", "positive_point"]



class Cone:
    """The cone ``{sum_i l_i r_i + sum_j m_j z_j : l >= 0}`` for rays ``r`` and lineality ``z``.

    Rays are stored scaled to coprime integers, without repeats or zero vectors.
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

        Feasible: ``x`` holds the weights. Infeasible: the Farkas ray ``y`` is a normal
        with ``G^T y >= 0`` and ``v . y < 0`` separating ``v`` from the cone.
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
        """Whether ``v`` lies in the cone (decided by a certified LP)."""
        return self.membership(v).status == "optimal"

    def inequalities(self) -> tuple[tuple[Vector, ...], tuple[Vector, ...]]:
        """``(A, E)`` with the cone equal to ``{x : a . x <= 0 for a in A, e . x == 0 for e in E}``."""
        if not self.rays and not self.lineality:
            eye = tuple(tuple(Fraction(int(i == j)) for j in range(self.ambient_dim)) for i in range(self.ambient_dim))
            return (), eye
        ineqs, eqs = cddwrap.cone_to_inequalities(self.rays, self.lineality)
        return tuple(a for a, _ in ineqs), tuple(e for e, _ in eqs)

    def intersection(self, other: "Cone") -> "Cone":
        """``C ∩ D`` (through the H-representations)."""
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
        show = lambda vs: "[" + ", ".join("(" + ", ".join(map(str, v)) + ")" for v in vs) + "]"
        return f"Cone(rays={show(self.rays)}, lineality={show(self.lineality)})"


def positive_point(cone: Cone) -> tuple[Vector | None, LPResult]:
    """A strictly positive vector of the cone (all entries >= 1), or None if none exists.

    Solves ``G l >= 1`` (componentwise), ``l >= 0`` over the conic generators G.
    Feasible: the vector ``G l`` is returned. Infeasible: the LP's Farkas ray is a
    certificate that the cone meets the open positive orthant nowhere (by scaling,
    any positive point could be made >= 1).
    """
    gens = cone.generators or ((Fraction(0),) * cone.ambient_dim,)
    d = cone.ambient_dim
    A_ub = [[-g[i] for g in gens] for i in range(d)]
    r = solve_lp([0] * len(gens), A_ub=A_ub, b_ub=[-1] * d)
    if r.status != "optimal":
        return None, r
    return tuple(sum(w * g[i] for w, g in zip(r.x, gens)) for i in range(d)), r
