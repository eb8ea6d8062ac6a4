"""The one place that talks to cddlib (pycddlib's exact GMP module ``cdd.gmp``).

Everything above the geometry layer goes through :mod:`exactgame.geometry.lp` and
:mod:`exactgame.geometry.polytope`; only this module imports ``cdd``. cddlib writes
an inequality system as rows ``[b, -A]`` meaning ``b - A x >= 0`` and a generator
system as rows ``[1, v]`` (points) or ``[0, r]`` (rays).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..errors import SolverError
from ..numbers import Vector

try:  # pragma: no cover - exercised by the set-up, not by tests
    import cdd
    import cdd.gmp as cddgmp
except ImportError as exc:  # pragma: no cover
    raise ImportError(
        "exactgame needs pycddlib with its exact GMP module (cdd.gmp); install the system "
        "packages libcdd-dev and libgmp-dev, then `pip install pycddlib` (run `make test` "
        "from the repository root to do all of this)"
    ) from exc

Row = Sequence[Fraction]

LP_OPTIMAL = "optimal"
LP_INFEASIBLE = "infeasible"
LP_UNBOUNDED_OR_INFEASIBLE = "dual-infeasible"


def _big_numbers(f):
    """Run ``f`` with Python's limit on int <-> str conversions lifted: pycddlib converts its GMP
    rationals through decimal text, and exact answers can have more than 4,300 digits. The limit
    is restored afterwards (it guards parsing untrusted text, which happens elsewhere)."""
    import functools
    import sys

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return f(*args, **kwargs)
        finally:
            sys.set_int_max_str_digits(old)

    return wrapper


@_big_numbers
def lp_max(
    objective: Row, rows: Sequence[Row], equalities: Sequence[int] = ()
) -> tuple[str, Fraction | None, Vector | None, dict[int, Fraction]]:
    """Maximize ``objective[0] + objective[1:] . x`` subject to ``row[0] + row[1:] . x >= 0``.

    Rows whose indices are in ``equalities`` hold with equality (cddlib's linearity
    set: measured 1.2x-10x faster than writing each as two inequalities, which also
    made cddlib cycle on a 20 x 20 persuasion LP). Variables are free. Returns
    ``(status, value, x, duals)`` where duals maps a row index to its multiplier
    ``y_i`` (>= 0 for inequalities, free for equalities) with
    ``objective[1:] = -sum_i y_i row_i[1:]`` at an optimum. The duals are a guess to
    be verified: cddlib reports an equality's negated copy under the index
    ``len(rows) + k`` (k-th equality), which is folded back here. Status is
    ``"optimal"``, ``"infeasible"`` or ``"dual-infeasible"`` (unbounded, or primal
    and dual both infeasible: the caller must tell which).
    """
    n = len(objective) - 1
    array = [list(r) for r in rows] or [[Fraction(0)] * (n + 1)]
    eq = sorted(equalities)
    mat = cddgmp.matrix_from_array(
        array, lin_set=set(eq), rep_type=cdd.RepType.INEQUALITY, obj_type=cdd.LPObjType.MAX, obj_func=list(objective)
    )
    lp = cddgmp.linprog_from_matrix(mat)
    cddgmp.linprog_solve(lp)
    status = lp.status
    if status == cdd.LPStatusType.OPTIMAL:
        duals: dict[int, Fraction] = {}
        for i, v in lp.dual_solution:
            if i >= len(array) and i - len(array) < len(eq):
                i, v = eq[i - len(array)], -Fraction(v)
            duals[i] = duals.get(i, Fraction(0)) + Fraction(v)
        return LP_OPTIMAL, Fraction(lp.obj_value), tuple(Fraction(v) for v in lp.primal_solution), duals
    if status in (cdd.LPStatusType.INCONSISTENT, cdd.LPStatusType.STRUC_INCONSISTENT):
        return LP_INFEASIBLE, None, None, {}
    if status in (
        cdd.LPStatusType.DUAL_INCONSISTENT,
        cdd.LPStatusType.STRUC_DUAL_INCONSISTENT,
        cdd.LPStatusType.UNBOUNDED,
        cdd.LPStatusType.DUAL_UNBOUNDED,
    ):
        return LP_UNBOUNDED_OR_INFEASIBLE, None, None, {}
    raise SolverError(f"cddlib returned the LP status {status!r}")  # pragma: no cover


@_big_numbers
def hull_to_inequalities(
    points: Sequence[Row], random_order: bool = False
) -> tuple[list[tuple[Vector, Fraction]], list[tuple[Vector, Fraction]]]:
    """Facets and affine hull of the convex hull of ``points`` (V -> H, irredundant).

    Returns ``(inequalities, equations)`` as lists of ``(a, b)`` meaning
    ``a . x <= b`` and ``a . x == b``.
    """
    mat = cddgmp.matrix_from_array([[1, *p] for p in points], rep_type=cdd.RepType.GENERATOR)
    order = cdd.RowOrderType.RANDOM_ROW if random_order else None
    poly = cddgmp.polyhedron_from_matrix(mat, row_order=order) if order else cddgmp.polyhedron_from_matrix(mat)
    out = cddgmp.copy_inequalities(poly)
    cddgmp.matrix_canonicalize(out)
    return _split_h(out)


@_big_numbers
def inequalities_to_vertices(
    A: Sequence[Row], b: Row, A_eq: Sequence[Row] = (), b_eq: Row = ()
) -> tuple[list[Vector], list[Vector]]:
    """Vertices and rays of ``{x : A x <= b, A_eq x == b_eq}`` (H -> V).

    Returns ``(vertices, rays)``; lineality directions are returned among the rays
    in both signs. Both lists are irredundant.
    """
    rows = [[bi, *(-a for a in ai)] for ai, bi in zip(A, b)]
    lin = set(range(len(rows), len(rows) + len(A_eq)))
    rows += [[bi, *(-a for a in ai)] for ai, bi in zip(A_eq, b_eq)]
    mat = cddgmp.matrix_from_array(rows, lin_set=lin, rep_type=cdd.RepType.INEQUALITY)
    poly = cddgmp.polyhedron_from_matrix(mat)
    gen = cddgmp.copy_generators(poly)
    cddgmp.matrix_canonicalize(gen)
    vertices: list[Vector] = []
    rays: list[Vector] = []
    for i, row in enumerate(gen.array):
        vec = tuple(Fraction(v) for v in row[1:])
        if row[0] == 0:
            rays.append(vec)
            if i in gen.lin_set:
                rays.append(tuple(-v for v in vec))
        else:
            vertices.append(tuple(v / Fraction(row[0]) for v in vec))
    return vertices, rays


def _split_h(mat) -> tuple[list[tuple[Vector, Fraction]], list[tuple[Vector, Fraction]]]:
    ineqs: list[tuple[Vector, Fraction]] = []
    eqs: list[tuple[Vector, Fraction]] = []
    for i, row in enumerate(mat.array):
        b = Fraction(row[0])
        a = tuple(-Fraction(v) for v in row[1:])
        if not any(a):
            continue  # the trivial row 0 <= b (cddlib adds 1 >= 0 for bounded sets)
        (eqs if i in mat.lin_set else ineqs).append((a, b))
    return ineqs, eqs


@_big_numbers
def cone_to_inequalities(rays: Sequence[Row], lineality: Sequence[Row]):
    """H-representation ``(a . x <= 0 rows, e . x == 0 rows)`` of ``cone(rays) + lin(lineality)``."""
    d = len((list(rays) + list(lineality))[0])
    rows = [[0, *r] for r in rays] + [[0, *z] for z in lineality] + [[1] + [0] * d]
    lin = set(range(len(rays), len(rays) + len(lineality)))
    mat = cddgmp.matrix_from_array(rows, lin_set=lin, rep_type=cdd.RepType.GENERATOR)
    out = cddgmp.copy_inequalities(cddgmp.polyhedron_from_matrix(mat))
    cddgmp.matrix_canonicalize(out)
    return _split_h(out)


@_big_numbers
def cone_from_inequalities(A: Sequence[Row], E: Sequence[Row], d: int) -> tuple[list[Vector], list[Vector]]:
    """Generators ``(rays, lineality)`` of ``{x : A x <= 0, E x == 0}``."""
    rows = [[0, *(-v for v in a)] for a in A] + [[0, *(-v for v in e)] for e in E]
    if not rows:
        rows = [[0] * (d + 1)]
    lin = set(range(len(A), len(A) + len(E)))
    mat = cddgmp.matrix_from_array(rows, lin_set=lin, rep_type=cdd.RepType.INEQUALITY)
    gen = cddgmp.copy_generators(cddgmp.polyhedron_from_matrix(mat))
    cddgmp.matrix_canonicalize(gen)
    rays, lin_out = [], []
    for i, row in enumerate(gen.array):
        if row[0] != 0:
            continue  # the apex
        (lin_out if i in gen.lin_set else rays).append(tuple(Fraction(v) for v in row[1:]))
    return rays, lin_out
