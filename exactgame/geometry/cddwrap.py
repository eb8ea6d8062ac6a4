"""The one place that talks to cddlib (pycddlib's exact GMP module ``cdd.gmp``).

Everything above the geometry layer goes through :mod:`exactgame.geometry.lp` and
:mod:`exactgame.geometry.polytope`; only this module imports ``cdd``. cddlib writes
an inequality system as rows ``[b, -A]`` meaning ``b - A x >= 0`` and a generator
system as rows ``[1, v]`` (points) or ``[0, r]`` (rays). The functions here translate
between those rows and the ``(a, b)`` rows meaning ``a . x <= b`` used everywhere else.

>>> hull_to_inequalities([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)])[0][0]
((Fraction(1, 1), Fraction(1, 1), Fraction(1, 1)), Fraction(1, 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, ParamSpec, Sequence, TypeVar

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

_P = ParamSpec("_P")
_R = TypeVar("_R")
HRows = tuple[list[tuple[Vector, Fraction]], list[tuple[Vector, Fraction]]]


def _big_numbers(f: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``f`` with Python's limit on int <-> str conversions lifted: pycddlib converts its GMP
    rationals through decimal text, and exact answers can have more than 4,300 digits. The limit
    is restored afterwards (it guards parsing untrusted text, which happens elsewhere)."""
    import functools
    import sys

    @functools.wraps(f)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
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

    cddlib's exact (GMP) simplex, in cddlib's own row convention; the variables ``x``
    are free (add rows ``[0, e_j]`` for ``x_j >= 0``). Rows whose indices are in
    ``equalities`` hold with equality (cddlib's linearity set: measured 1.2x-10x faster
    than writing each as two inequalities, which also made cddlib cycle on a 20 x 20
    persuasion LP). The answer is not certified here: :mod:`exactgame.geometry.lp`
    builds and verifies the certificate.

    Parameters
    ----------
    objective : sequence of Fraction
        ``[c_0, c_1, ..., c_n]``: the constant, then the coefficients of ``x``.
    rows : sequence of sequence of Fraction
        constraint rows ``[b_i, a_i1, ..., a_in]`` meaning ``b_i + a_i . x >= 0``
        (``== 0`` for the rows named in ``equalities``); none means no constraint.
    equalities : sequence of int, optional
        indices into ``rows`` of the equality rows.

    Returns
    -------
    tuple of (str, Fraction or None, Vector or None, dict of int to Fraction)
        ``(status, value, x, duals)``. Status is ``"optimal"``, ``"infeasible"`` or
        ``"dual-infeasible"`` (unbounded, or primal and dual both infeasible: the
        caller must tell which); ``value``, ``x`` and ``duals`` are set only when
        optimal. ``duals`` maps a row index to its multiplier ``y_i`` (>= 0 for an
        inequality, free for an equality) with ``objective[1:] = -sum_i y_i row_i[1:]``
        at the optimum; rows without an entry have ``y_i = 0``. The duals are a guess
        to be verified: cddlib reports an equality's negated copy under the index
        ``len(rows) + k`` (k-th equality), which is folded back here.

    Raises
    ------
    SolverError
        if cddlib answers with a status other than these three.

    Max ``x + y`` subject to ``x + 2y <= 4``, ``3x + y <= 6``, ``x, y >= 0``:

    >>> status, value, x, duals = lp_max([0, 1, 1], [[4, -1, -2], [6, -3, -1], [0, 1, 0], [0, 0, 1]])
    >>> status, value, x
    ('optimal', Fraction(14, 5), (Fraction(8, 5), Fraction(6, 5)))
    >>> duals
    {0: Fraction(2, 5), 1: Fraction(1, 5)}
    >>> lp_max([0, 1], [[-1, 1], [0, -1]])[0]  # x >= 1 and x <= 0
    'infeasible'
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

    cddlib's double description method on the generators ``[1, p]``, followed by
    ``matrix_canonicalize`` (which removes redundant rows and finds the implicit
    equations). The trivial row ``0 . x <= b`` is dropped. The rows are not scaled to
    integers nor projected on the affine hull (:class:`~exactgame.geometry.polytope.Polytope`
    does that).

    Parameters
    ----------
    points : sequence of sequence of Fraction
        at least one point, all of one length ``d``.
    random_order : bool, optional
        let cddlib process the rows in random order (faster on hulls with many interior
        points); the answer is the same set of rows.

    Returns
    -------
    tuple of (list of (Vector, Fraction), list of (Vector, Fraction))
        ``(inequalities, equations)``: rows ``(a, b)`` meaning ``a . x <= b`` (the
        facets) and ``a . x == b`` (the affine hull), as cddlib orders them.

    A triangle in the plane ``z = 0`` of Q^3: three facets and one equation.

    >>> from exactgame.certificates import show
    >>> ineqs, eqs = hull_to_inequalities([(0, 0, 0), (1, 0, 0), (0, 1, 0)])
    >>> [(show(a), show(b)) for a, b in ineqs], [(show(a), show(b)) for a, b in eqs]
    ([('(1, 1, 0)', '1'), ('(-1, 0, 0)', '0'), ('(0, -1, 0)', '0')], [('(0, 0, -1)', '0')])
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

    cddlib's double description method on the rows ``[b_i, -a_i]``, followed by
    ``matrix_canonicalize``.

    Parameters
    ----------
    A : sequence of sequence of Fraction
        the inequality rows ``a_i`` (``a_i . x <= b_i``).
    b : sequence of Fraction
        one right-hand side per row of ``A``.
    A_eq : sequence of sequence of Fraction, optional
        the equality rows ``e_j`` (``e_j . x == f_j``).
    b_eq : sequence of Fraction, optional
        one right-hand side per row of ``A_eq``.

    Returns
    -------
    tuple of (list of Vector, list of Vector)
        ``(vertices, rays)``, both irredundant; lineality directions are returned
        among the rays in both signs. No vertices and no rays: the set is empty. A
        polyhedron with lineality has no vertices; cddlib then reports one point of it
        among the vertices.

    The triangle ``x >= 0, y >= 0, x + y <= 1``:

    >>> from exactgame.certificates import show
    >>> vertices, rays = inequalities_to_vertices([[-1, 0], [0, -1], [1, 1]], [0, 0, 1])
    >>> sorted(show(v) for v in vertices), rays
    (['(0, 0)', '(0, 1)', '(1, 0)'], [])
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


def _split_h(mat: "cddgmp.Matrix") -> HRows:
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
def cone_to_inequalities(rays: Sequence[Row], lineality: Sequence[Row]) -> HRows:
    """H-representation of the cone ``cone(rays) + lin(lineality)``.

    The cone ``{sum_i l_i r_i + sum_j m_j z_j : l >= 0}`` as
    ``{x : a . x <= 0 for each inequality a, e . x == 0 for each equation e}``
    (cddlib's double description method on the generators ``[0, r]``, with the apex
    ``[1, 0]`` added).

    Parameters
    ----------
    rays : sequence of sequence of Fraction
        the rays ``r_i``.
    lineality : sequence of sequence of Fraction
        the lineality directions ``z_j`` (both signs allowed); ``rays`` and
        ``lineality`` together hold at least one vector.

    Returns
    -------
    tuple of (list of (Vector, Fraction), list of (Vector, Fraction))
        ``(inequalities, equations)`` as rows ``(a, 0)`` meaning ``a . x <= 0`` and
        ``(e, 0)`` meaning ``e . x == 0``.

    >>> from exactgame.certificates import show
    >>> ineqs, eqs = cone_to_inequalities([(1, 0), (1, 1)], [])
    >>> [show(a) for a, _ in ineqs], eqs
    (['(-1, 1)', '(0, -1)'], [])
    """
    d = len((list(rays) + list(lineality))[0])
    # [0] + list(...) rather than [0, *...]: the same rows, typed as int | Fraction for mypy
    rows: list[Sequence[Fraction | int]] = [[0] + list(r) for r in rays] + [[0] + list(z) for z in lineality] + [[1] + [0] * d]
    lin = set(range(len(rays), len(rays) + len(lineality)))
    mat = cddgmp.matrix_from_array(rows, lin_set=lin, rep_type=cdd.RepType.GENERATOR)
    out = cddgmp.copy_inequalities(cddgmp.polyhedron_from_matrix(mat))
    cddgmp.matrix_canonicalize(out)
    return _split_h(out)


@_big_numbers
def cone_from_inequalities(A: Sequence[Row], E: Sequence[Row], d: int) -> tuple[list[Vector], list[Vector]]:
    """Generators ``(rays, lineality)`` of the cone ``{x : A x <= 0, E x == 0}``.

    The inverse of :func:`cone_to_inequalities`: the cone equals
    ``cone(rays) + lin(lineality)``.

    Parameters
    ----------
    A : sequence of sequence of Fraction
        the rows ``a`` of ``a . x <= 0``.
    E : sequence of sequence of Fraction
        the rows ``e`` of ``e . x == 0``.
    d : int
        the dimension of the space (needed when there are no rows: the cone is Q^d).

    Returns
    -------
    tuple of (list of Vector, list of Vector)
        ``(rays, lineality)``, irredundant; a basis of the lineality space in the
        second list. Both empty: the cone is ``{0}``.

    >>> cone_from_inequalities([[-1, 0], [1, -1]], [], 2)
    ([(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(1, 1))], [])
    >>> cone_from_inequalities([], [], 2)[1]  # no constraint: all of Q^2
    [(Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))]
    """
    # [0] + [...] rather than [0, *...]: the same rows, typed as int | Fraction for mypy
    rows: list[list[Fraction | int]] = [[0] + [-v for v in a] for a in A] + [[0] + [-v for v in e] for e in E]
    if not rows:
        rows = [[0] * (d + 1)]
    lin = set(range(len(A), len(A) + len(E)))
    mat = cddgmp.matrix_from_array(rows, lin_set=lin, rep_type=cdd.RepType.INEQUALITY)
    gen = cddgmp.copy_generators(cddgmp.polyhedron_from_matrix(mat))
    cddgmp.matrix_canonicalize(gen)
    rays: list[Vector] = []
    lin_out: list[Vector] = []
    for i, row in enumerate(gen.array):
        if row[0] != 0:
            continue  # the apex
        (lin_out if i in gen.lin_set else rays).append(tuple(Fraction(v) for v in row[1:]))
    return rays, lin_out
