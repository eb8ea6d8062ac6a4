r"""Exact linear programming with certificates.

The problem (``x >= 0`` always)::

    optimize   c . x
    subject to A_ub x <= b_ub,   A_eq x == b_eq,   x >= 0.

Write :math:`s = +1` when maximizing and :math:`s = -1` when minimizing, so the
problem is :math:`\max s\,c\cdot x`. Its dual is

.. math::

    \min\ b_{ub}\cdot y_{ub} + b_{eq}\cdot y_{eq}
    \quad\text{s.t.}\quad A_{ub}^T y_{ub} + A_{eq}^T y_{eq} \ge s\,c,\ y_{ub}\ge 0.

Every answer carries a certificate that :meth:`verify` re-checks with ``Fraction``
arithmetic only:

``optimal``
    primal ``x`` feasible, dual ``y = (y_ub, y_eq)`` feasible, and
    :math:`s\,c\cdot x = b\cdot y` (weak duality then proves optimality).
``infeasible``
    a Farkas ray ``y`` with ``y_ub >= 0``, :math:`A^T y \ge 0` and :math:`b\cdot y < 0`
    (for feasible ``x >= 0`` we would get :math:`0 \le y\cdot A x \le b\cdot y < 0`).
``unbounded``
    a feasible ``x`` and a ray ``d >= 0`` with :math:`A_{ub} d \le 0`, :math:`A_{eq} d = 0`
    and :math:`s\,c\cdot d > 0`.

The work is done by a *backend* (a function from :class:`LPProblem` to a
:class:`RawSolution`); the certificate is built and verified here, so no backend is
trusted. Backends register with :func:`register_backend`; ``"cdd"`` (cddlib's exact
simplex) is always there, and ``backend="auto"`` picks the best registered one.

>>> r = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
>>> r.status, r.value, r.x
('optimal', Fraction(14, 5), (Fraction(8, 5), Fraction(6, 5)))
>>> r.certificate.verify()
True
>>> solve_lp([1], A_eq=[[1]], b_eq=[-1]).status
'infeasible'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from ..display.mixin import Displayable
from ..certificates import Certificate, decode_matrix, decode_vector, dot, encode, require, show
from ..errors import CertificateError, InputError, InternalError, SolverError
from ..numbers import to_fraction, Vector
from . import cddwrap
from .sparse import SparseMatrix

__all__ = [
    "LPProblem",
    "LPResult",
    "RawSolution",
    "LPOptimalCertificate",
    "LPInfeasibleCertificate",
    "LPUnboundedCertificate",
    "solve_lp",
    "register_backend",
    "backends",
]



@dataclass(frozen=True)
class LPProblem:
    """An LP in the form of :func:`solve_lp`, all data exact. Build with :meth:`make`.

    ``optimize c . x`` subject to ``A_ub x <= b_ub``, ``A_eq x == b_eq``, ``x >= 0``
    (maximize when ``maximize`` is True, else minimize). ``A_ub`` and ``A_eq`` are
    :class:`~exactgame.geometry.sparse.SparseMatrix` objects (rows stored by their nonzeros,
    readable as dense tuples of Fraction); frozen, so it can be shared
    by a result and its certificate.

    >>> p = LPProblem.make([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    >>> p.n, p.sense, p.b_ub
    (2, 1, (Fraction(4, 1), Fraction(6, 1)))
    >>> p.is_feasible_point((Fraction(2), Fraction(1)))
    'inequality row 1: 7 > 6'
    """

    c: Vector
    A_ub: SparseMatrix
    b_ub: Vector
    A_eq: SparseMatrix
    b_eq: Vector
    maximize: bool

    @property
    def n(self) -> int:
        """Number of variables."""
        return len(self.c)

    @property
    def sense(self) -> int:
        """+1 when maximizing, -1 when minimizing."""
        return 1 if self.maximize else -1

    @classmethod
    def make(cls, c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, maximize=False) -> "LPProblem":
        """Coerce and check the data (shapes, exactness).

        Parameters
        ----------
        c : sequence of numbers
            the objective, one exact number per variable (int, Fraction, numeric
            string; a float raises :class:`~exactgame.errors.NotExactError`).
        A_ub, b_ub : matrix and vector, optional
            the rows of ``A_ub x <= b_ub`` (None: no such rows).
        A_eq, b_eq : matrix and vector, optional
            the rows of ``A_eq x == b_eq`` (None: no such rows).
        maximize : bool, optional
            maximize instead of minimize.

        Returns
        -------
        LPProblem
            the problem with every number a Fraction.

        Raises
        ------
        InputError
            if ``c`` is empty, a matrix and its right-hand side have different numbers
            of rows, a row's length differs from ``len(c)``, or ``maximize`` is not a bool.
        """
        cv = _vec(c, "c")
        n = len(cv)
        if n == 0:
            raise InputError("solve_lp: c must have at least one entry")
        Aub, bub = _system(A_ub, b_ub, n, "A_ub", "b_ub")
        Aeq, beq = _system(A_eq, b_eq, n, "A_eq", "b_eq")
        if not isinstance(maximize, bool):
            raise InputError(f"solve_lp: maximize must be True or False, got {maximize!r}")
        return cls(cv, Aub, bub, Aeq, beq, maximize)

    def sparse_rows(self) -> list[list[tuple[int, Fraction]]]:
        """The nonzeros ``(column, value)`` of each row, A_ub's rows then A_eq's.

        Returns
        -------
        list of list of (int, Fraction)
            row ``i`` (``i >= len(A_ub)``: equality row ``i - len(A_ub)``) as its nonzero
            entries in column order. (The rows are stored sparse: :attr:`A_ub` and
            :attr:`A_eq` are :class:`~exactgame.geometry.sparse.SparseMatrix` objects.)

        >>> LPProblem.make([1, 1], A_ub=[[0, 2]], b_ub=[1], A_eq=[[1, 0]], b_eq=[0]).sparse_rows()
        [[(1, Fraction(2, 1))], [(0, Fraction(1, 1))]]
        """
        rows = self.A_ub + self.A_eq
        return [rows.items(i) for i in range(len(rows))]

    def is_feasible_point(self, x: Sequence[Fraction]) -> str | None:
        """None if ``x`` is feasible, else a sentence naming the first violated condition.

        The conditions, checked in this order: one entry per variable, ``x >= 0``, the
        rows of ``A_ub x <= b_ub``, then the rows of ``A_eq x == b_eq``.

        Parameters
        ----------
        x : sequence of Fraction
            a candidate point.

        Returns
        -------
        str or None
            e.g. ``"inequality row 1: 7 > 6"``; None when ``x`` is feasible.
        """
        if len(x) != self.n:
            return f"x has {len(x)} entries, the problem has {self.n} variables"
        for j, v in enumerate(x):
            if v.numerator < 0:  # the sign of an exact number (int or Fraction) without a comparison call
                return f"x[{j}] = {v} < 0"
        bad = self.A_ub.first_violation(x, self.b_ub)
        if bad is not None:
            return f"inequality row {bad[0]}: {bad[1]} > {self.b_ub[bad[0]]}"
        bad = self.A_eq.first_violation(x, self.b_eq, equal=True)
        if bad is not None:
            return f"equality row {bad[0]}: {bad[1]} != {self.b_eq[bad[0]]}"
        return None

    def dual_lhs(self, y_ub: Sequence[Fraction], y_eq: Sequence[Fraction]) -> list[Fraction]:
        """The left-hand side ``A_ub^T y_ub + A_eq^T y_eq`` of the dual constraints.

        Parameters
        ----------
        y_ub : sequence of Fraction
            one multiplier per row of ``A_ub``.
        y_eq : sequence of Fraction
            one multiplier per row of ``A_eq``.

        Returns
        -------
        list of Fraction
            one entry per variable.
        """
        N, D = self._dual_lhs_int(y_ub, y_eq)
        return [Fraction(v, D) if v else Fraction(0) for v in N]

    def _dual_lhs_int(self, y_ub: Sequence[Fraction], y_eq: Sequence[Fraction]) -> tuple[list[int], int]:
        """``(N, D)`` with ``A_ub^T y_ub + A_eq^T y_eq = N / D`` (integer arithmetic only)."""
        N1, D1 = self.A_ub.transpose_times_int(y_ub)
        N2, D2 = self.A_eq.transpose_times_int(y_eq)
        if D2 == 1 and not any(N2):
            return N1, D1
        return [a * D2 + b * D1 for a, b in zip(N1, N2)], D1 * D2

    def dual_violation(self, y_ub: Sequence[Fraction], y_eq: Sequence[Fraction],
                       bound: Sequence[Fraction] | None = None) -> tuple[int, Fraction, Fraction] | None:
        """The first column ``j`` with ``(A_ub^T y_ub + A_eq^T y_eq)_j < bound_j``, compared over the integers.

        Parameters
        ----------
        y_ub : sequence of Fraction
            one multiplier per row of ``A_ub``.
        y_eq : sequence of Fraction
            one multiplier per row of ``A_eq``.
        bound : sequence of Fraction, optional
            the lower bounds; default ``s c`` (the dual constraints).

        Returns
        -------
        tuple or None
            ``(j, lhs_j, bound_j)`` for the first violated column, or None.

        >>> p = LPProblem.make([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
        >>> p.dual_violation([Fraction(2, 5), Fraction(1, 5)], []) is None
        True
        >>> p.dual_violation([Fraction(1, 5), Fraction(1, 5)], [])
        (0, Fraction(4, 5), Fraction(1, 1))
        """
        N, D = self._dual_lhs_int(y_ub, y_eq)
        if bound is None:
            bound = self.c if self.maximize else [-c for c in self.c]
        for j, (v, c) in enumerate(zip(N, bound)):
            if v * c.denominator < c.numerator * D:
                return j, Fraction(v, D), Fraction(c)
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, every number an exact string.

        Returns
        -------
        dict
            keys ``c``, ``A_ub``, ``b_ub``, ``A_eq``, ``b_eq`` (strings ``"p/q"``) and
            ``maximize`` (bool).
        """
        return {
            "c": encode(self.c),
            "A_ub": encode(self.A_ub),
            "b_ub": encode(self.b_ub),
            "A_eq": encode(self.A_eq),
            "b_eq": encode(self.b_eq),
            "maximize": self.maximize,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "LPProblem":
        """Rebuild a problem from :meth:`to_dict` output (checked as by :meth:`make`).

        Parameters
        ----------
        d : mapping
            needs ``c``; ``A_ub``, ``b_ub``, ``A_eq``, ``b_eq`` default to empty and
            ``maximize`` to False.

        Returns
        -------
        LPProblem
            the problem.
        """
        return cls.make(
            decode_vector(d["c"], "c"),
            decode_matrix(d.get("A_ub", []), "A_ub"),
            decode_vector(d.get("b_ub", []), "b_ub"),
            decode_matrix(d.get("A_eq", []), "A_eq"),
            decode_vector(d.get("b_eq", []), "b_eq"),
            d.get("maximize", False),
        )


def _vec(v, name: str) -> Vector:
    if v is None:
        return ()
    if isinstance(v, (str, bytes, Mapping)) or not hasattr(v, "__iter__"):
        raise InputError(f"solve_lp: {name} must be a list of numbers, not {type(v).__name__}")
    # Fractions pass through without a call (these rows can hold 10^6 entries)
    return tuple(x if type(x) is Fraction else to_fraction(x, where=f"solve_lp: {name}") for x in v)


def _system(A, b, n: int, an: str, bn: str) -> tuple[SparseMatrix, Vector]:
    if isinstance(A, SparseMatrix):
        if A.ncols != n:
            raise InputError(f"solve_lp: {an} has {A.ncols} columns, c has {n}")
        rows = A
    else:
        if A is not None and (isinstance(A, (str, bytes, Mapping)) or not hasattr(A, "__iter__")):
            raise InputError(f"solve_lp: {an} must be a list of rows, not {type(A).__name__}")
        rows = SparseMatrix.from_rows(A if A is not None else (), n, where=f"solve_lp: {an}")
    rhs = _vec(b, bn)
    if len(rows) != len(rhs):
        raise InputError(f"solve_lp: {an} has {len(rows)} rows but {bn} has {len(rhs)} entries")
    return rows, rhs


# -- certificates -----------------------------------------------------------------


@dataclass(frozen=True)
class LPOptimalCertificate(Certificate):
    """Primal ``x`` and dual ``(y_ub, y_eq)`` with equal objectives (see module doc).

    ``verify`` checks: ``x`` is feasible; ``y_ub >= 0``; ``A_ub^T y_ub + A_eq^T y_eq >= s c``
    componentwise; and ``s c . x = b_ub . y_ub + b_eq . y_eq``. Weak duality then makes
    ``x`` optimal.

    >>> p = LPProblem.make([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    >>> F = Fraction
    >>> LPOptimalCertificate(p, (F(8, 5), F(6, 5)), (F(2, 5), F(1, 5)), ()).verify()
    True
    >>> LPOptimalCertificate(p, (F(1), F(1)), (F(2, 5), F(1, 5)), ()).verify()
    Traceback (most recent call last):
    exactgame.errors.CertificateError: lp-optimal: primal value 2 differs from dual value 14/5
    """

    kind = "lp-optimal"
    problem: LPProblem
    x: Vector
    y_ub: Vector
    y_eq: Vector

    def _check(self) -> None:
        p = self.problem
        bad = p.is_feasible_point(self.x)
        require(bad is None, f"lp-optimal: primal x is infeasible ({show(bad)})")
        require(len(self.y_ub) == len(p.b_ub) and len(self.y_eq) == len(p.b_eq), "lp-optimal: dual has wrong length")
        require(all(y.numerator >= 0 for y in self.y_ub), "lp-optimal: a dual multiplier of an inequality row is negative")
        violated = p.dual_violation(self.y_ub, self.y_eq)
        if violated is not None:
            j, lhs, rhs = violated
            raise CertificateError(f"lp-optimal: dual constraint {show(j)} fails ({show(lhs)} < {show(rhs)})")
        primal = p.sense * dot(p.c, self.x)
        dual = dot(p.b_ub, self.y_ub) + dot(p.b_eq, self.y_eq)
        require(primal == dual, f"lp-optimal: primal value {show(primal)} differs from dual value {show(dual)}")

    def _data(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(), "x": encode(self.x), "y_ub": encode(self.y_ub), "y_eq": encode(self.y_eq)}

    def witness(self) -> dict[str, Any]:
        """The certificate without its problem data, for result documents: a checker
        rebuilds the problem from the game and checks ``x`` and ``y`` against it.

        Returns
        -------
        dict
            keys ``certificate`` (the kind ``"lp-optimal"``), ``x``, ``y_ub`` and
            ``y_eq`` (exact strings).
        """
        return {"certificate": self.kind, "x": encode(self.x), "y_ub": encode(self.y_ub), "y_eq": encode(self.y_eq)}

    @classmethod
    def _from_data(cls, d):
        return cls(LPProblem.from_dict(d["problem"]), decode_vector(d["x"], "x"),
                   decode_vector(d["y_ub"], "y_ub"), decode_vector(d["y_eq"], "y_eq"))


@dataclass(frozen=True)
class LPInfeasibleCertificate(Certificate):
    """A Farkas ray ``(y_ub, y_eq)``: ``y_ub >= 0``, ``A^T y >= 0``, ``b . y < 0``.

    Here ``A^T y = A_ub^T y_ub + A_eq^T y_eq`` and ``b . y = b_ub . y_ub + b_eq . y_eq``.
    A feasible ``x >= 0`` would give ``0 <= y . A x <= b . y < 0``, so there is none.

    >>> p = LPProblem.make([1], A_eq=[[1]], b_eq=[-1])  # x = -1 with x >= 0
    >>> LPInfeasibleCertificate(p, (), (Fraction(1),)).verify()
    True
    """

    kind = "lp-infeasible"
    problem: LPProblem
    y_ub: Vector
    y_eq: Vector

    def _check(self) -> None:
        p = self.problem
        require(len(self.y_ub) == len(p.b_ub) and len(self.y_eq) == len(p.b_eq), "lp-infeasible: ray has wrong length")
        require(all(y >= 0 for y in self.y_ub), "lp-infeasible: a multiplier of an inequality row is negative")
        bad = p.dual_violation(self.y_ub, self.y_eq, [Fraction(0)] * p.n)
        require(bad is None, "lp-infeasible: A^T y has a negative entry")
        rhs = dot(p.b_ub, self.y_ub) + dot(p.b_eq, self.y_eq)
        require(rhs < 0, f"lp-infeasible: b . y = {show(rhs)} is not negative")

    def _data(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(), "y_ub": encode(self.y_ub), "y_eq": encode(self.y_eq)}

    @classmethod
    def _from_data(cls, d):
        return cls(LPProblem.from_dict(d["problem"]), decode_vector(d["y_ub"], "y_ub"), decode_vector(d["y_eq"], "y_eq"))


@dataclass(frozen=True)
class LPUnboundedCertificate(Certificate):
    """A feasible ``x`` and an improving ray ``d`` (see module doc).

    ``verify`` checks: ``x`` is feasible; ``d >= 0``, ``A_ub d <= 0``, ``A_eq d = 0`` (so
    ``x + t d`` is feasible for every ``t >= 0``); and ``s c . d > 0`` (so the objective
    grows without bound along it).

    >>> p = LPProblem.make([1, 0], A_ub=[[1, -1]], b_ub=[0], maximize=True)  # max x, x <= y
    >>> F = Fraction
    >>> LPUnboundedCertificate(p, (F(0), F(0)), (F(1), F(1))).verify()
    True
    """

    kind = "lp-unbounded"
    problem: LPProblem
    x: Vector
    ray: Vector

    def _check(self) -> None:
        p = self.problem
        bad = p.is_feasible_point(self.x)
        require(bad is None, f"lp-unbounded: the point x is infeasible ({show(bad)})")
        d = self.ray
        require(len(d) == p.n and all(v >= 0 for v in d), "lp-unbounded: the ray must be >= 0 with one entry per variable")
        require(all(v <= 0 for v in p.A_ub.times(d)), "lp-unbounded: A_ub d has a positive entry")
        require(all(v == 0 for v in p.A_eq.times(d)), "lp-unbounded: A_eq d is not zero")
        require(p.sense * dot(p.c, d) > 0, "lp-unbounded: the ray does not improve the objective")

    def _data(self) -> dict[str, Any]:
        return {"problem": self.problem.to_dict(), "x": encode(self.x), "ray": encode(self.ray)}

    @classmethod
    def _from_data(cls, d):
        return cls(LPProblem.from_dict(d["problem"]), decode_vector(d["x"], "x"), decode_vector(d["ray"], "ray"))


# -- results ----------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class LPResult(Displayable):
    """What :func:`solve_lp` computed.

    Attributes
    ----------
    status : {"optimal", "infeasible", "unbounded"}
    value : Fraction or None
        ``c . x`` at the optimum (None unless optimal).
    x : tuple of Fraction or None
        an optimal point; for an unbounded LP, a feasible point.
    dual : tuple of Fraction or None
        ``y_ub`` followed by ``y_eq`` (see the module doc for signs); for an
        infeasible LP, the Farkas ray.
    ray : tuple of Fraction or None
        the improving ray of an unbounded LP.
    certificate : Certificate
        the verified :class:`LPOptimalCertificate`, :class:`LPInfeasibleCertificate`
        or :class:`LPUnboundedCertificate`.
    backend : str
        which backend found the answer.
    problem : LPProblem
        the problem solved.

    >>> r = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
    >>> r.status, r.value, r.dual_ub, r.dual_eq
    ('optimal', Fraction(14, 5), (Fraction(2, 5), Fraction(1, 5)), ())
    >>> r.certificate.kind
    'lp-optimal'
    """

    status: str
    value: Fraction | None
    x: Vector | None
    dual: Vector | None
    ray: Vector | None
    certificate: Certificate
    backend: str
    problem: LPProblem = field(repr=False)

    def optimality_certificate(self, what: str) -> "LPOptimalCertificate":
        """The certificate as an optimality certificate, for results built on an optimal LP.

        Parameters
        ----------
        what : str
            The caller's name, for the message.

        Returns
        -------
        LPOptimalCertificate
            ``self.certificate``.

        Raises
        ------
        InternalError
            When the LP was not solved to optimality (a bug of the caller).
        """
        if not isinstance(self.certificate, LPOptimalCertificate):
            raise InternalError(f"{what}: the LP certificate is {self.certificate.kind!r}, not an optimality certificate")
        return self.certificate

    @property
    def dual_ub(self) -> Vector | None:
        """The multipliers ``y_ub`` of the inequality rows (None when ``dual`` is)."""
        return None if self.dual is None else self.dual[: len(self.problem.b_ub)]

    @property
    def dual_eq(self) -> Vector | None:
        """The multipliers ``y_eq`` of the equality rows (None when ``dual`` is)."""
        return None if self.dual is None else self.dual[len(self.problem.b_ub):]


@dataclass(frozen=True)
class RawSolution:
    """A backend's unverified answer. Only the fields of its status need be set.

    ``"optimal"``: ``x``, ``y_ub``, ``y_eq``; ``"infeasible"``: the Farkas ray ``y_ub``,
    ``y_eq``; ``"unbounded"``: a feasible ``x`` and the improving ``ray``. Signs as in
    the module doc. :func:`solve_problem` turns it into a certificate and verifies it.

    >>> raw = RawSolution("optimal", x=[Fraction(2)], y_ub=[Fraction(1)], y_eq=[])
    >>> raw.status, raw.ray
    ('optimal', None)
    """

    status: str
    x: Sequence[Fraction] | None = None
    y_ub: Sequence[Fraction] | None = None
    y_eq: Sequence[Fraction] | None = None
    ray: Sequence[Fraction] | None = None
    #: an :class:`LPOptimalCertificate` of this very problem that the backend built and verified
    #: (``passed``): :func:`solve_problem` uses it instead of checking the same numbers twice
    certificate: "LPOptimalCertificate | None" = None


Backend = Callable[[LPProblem], "RawSolution | None"]
_BACKENDS: dict[str, tuple[int, Backend]] = {}


def register_backend(name: str, solver: Backend, priority: int = 0) -> None:
    """Add an LP backend; ``backend="auto"`` uses the one with the highest priority.

    A backend returns a :class:`RawSolution`, or None to hand the problem on to the
    next backend (the exact ``cdd`` backend never declines). An ``ArithmeticError``
    it raises also counts as declining. Its answer is trusted for nothing: it is
    verified as a certificate. Registering a name again replaces the backend.

    Parameters
    ----------
    name : str
        the name to pass as ``solve_lp(..., backend=name)``.
    solver : callable
        ``LPProblem -> RawSolution | None``.
    priority : int, optional
        order for ``"auto"`` (highest first; ``cdd`` has 0, ``highs`` 10).

    >>> register_backend("declines", lambda p: None, priority=-1)
    >>> solve_lp([1], b_ub=[], A_ub=[], backend="declines").status  # handed on to the next backend
    'optimal'
    >>> backends()[-1]
    'declines'
    >>> del _BACKENDS["declines"]
    """
    _BACKENDS[name] = (priority, solver)


def backends() -> list[str]:
    """Names of the registered backends, best first.

    Returns
    -------
    list of str
        the names in decreasing priority: the order ``backend="auto"`` tries them.

    >>> "cdd" in backends(), backends()[-1]
    (True, 'cdd')
    """
    return [k for k, _ in sorted(_BACKENDS.items(), key=lambda kv: -kv[1][0])]


def solve_lp(c, A_ub=None, b_ub=None, A_eq=None, b_eq=None, maximize=False, *, backend: str = "auto") -> LPResult:
    """Solve an LP exactly and return an :class:`LPResult` with a verified certificate.

    Parameters
    ----------
    c : sequence of numbers
        the objective, one entry per variable ``x_j`` (all ``x_j >= 0``).
    A_ub, b_ub : matrix and vector, optional
        the rows of ``A_ub x <= b_ub``.
    A_eq, b_eq : matrix and vector, optional
        the rows of ``A_eq x == b_eq``.
    maximize : bool
        maximize ``c . x`` instead of minimizing it.
    backend : str
        ``"auto"`` or a name from :func:`backends`. If the chosen backend's answer
        fails verification, the next backend is tried; if none verifies,
        :class:`~exactgame.errors.CertificateError` is raised (a bug).

    All numbers are exact (int, Fraction, numeric strings); a float raises
    :class:`~exactgame.errors.NotExactError`, a shape mismatch or an unknown backend
    :class:`~exactgame.errors.InputError`.

    Returns
    -------
    LPResult
        status ``"optimal"``, ``"infeasible"`` or ``"unbounded"``, with the verified
        certificate of that status.

    >>> r = solve_lp([1, 0], A_ub=[[1, -1]], b_ub=[0], maximize=True)  # max x with x <= y
    >>> r.status, r.ray, r.certificate.verify()
    ('unbounded', (Fraction(1, 1), Fraction(1, 1)), True)
    >>> r = solve_lp([1, 2], A_eq=[[1, 1]], b_eq=["3/2"])  # min x + 2y with x + y = 3/2
    >>> r.value, r.x
    (Fraction(3, 2), (Fraction(3, 2), Fraction(0, 1)))
    """
    problem = LPProblem.make(c, A_ub, b_ub, A_eq, b_eq, maximize)
    return solve_problem(problem, backend=backend)


def solve_problem(problem: LPProblem, *, backend: str = "auto") -> LPResult:
    """:func:`solve_lp` on an already-built :class:`LPProblem`.

    Parameters
    ----------
    problem : LPProblem
        the problem (already coerced and checked).
    backend : str, optional
        ``"auto"`` or a registered name, as in :func:`solve_lp`.

    Returns
    -------
    LPResult
        the answer with its verified certificate.

    >>> p = LPProblem.make([1], A_eq=[[1]], b_eq=[-1])  # x = -1 with x >= 0
    >>> r = solve_problem(p, backend="cdd")
    >>> r.status, r.dual, r.backend
    ('infeasible', (Fraction(1, 1),), 'cdd')
    """
    if backend == "auto":
        order = backends()
    elif backend in _BACKENDS:
        order = [backend] + [b for b in backends() if b != backend]
    else:
        raise InputError(f"solve_lp: unknown backend {backend!r}; known: {', '.join(backends())}")
    failures = []
    for name in order:
        try:
            raw = _BACKENDS[name][1](problem)
        except ArithmeticError as exc:  # a float fast path cannot represent the data (e.g. 1e400): contained
            failures.append(f"{name}: declined ({type(exc).__name__})")
            continue
        if raw is None:  # the backend declined (e.g. could not repair a float basis)
            failures.append(f"{name}: declined")
            continue
        try:
            return _certify(problem, raw, name)
        except CertificateError as exc:
            failures.append(f"{name}: {exc}")
    raise CertificateError("no LP backend produced a verifiable answer (a bug; please report): " + "; ".join(failures))


def _certify(p: LPProblem, raw: RawSolution, name: str) -> LPResult:
    if raw.status == "optimal":
        if raw.x is None or raw.y_ub is None or raw.y_eq is None:
            raise InternalError(f"LP backend {name!r} answered 'optimal' without x, y_ub and y_eq")
        optimal = raw.certificate
        if not (isinstance(optimal, LPOptimalCertificate) and optimal.problem is p and optimal.passed):
            optimal = LPOptimalCertificate(p, tuple(raw.x), tuple(raw.y_ub), tuple(raw.y_eq))
            optimal.verify()
        x, yu, ye = optimal.x, optimal.y_ub, optimal.y_eq
        return LPResult("optimal", dot(p.c, x), x, yu + ye, None, optimal, name, p)
    if raw.status == "infeasible":
        if raw.y_ub is None or raw.y_eq is None:
            raise InternalError(f"LP backend {name!r} answered 'infeasible' without the ray y_ub, y_eq")
        yu, ye = tuple(raw.y_ub), tuple(raw.y_eq)
        infeasible = LPInfeasibleCertificate(p, yu, ye)
        infeasible.verify()
        return LPResult("infeasible", None, None, yu + ye, None, infeasible, name, p)
    if raw.status == "unbounded":
        if raw.x is None or raw.ray is None:
            raise InternalError(f"LP backend {name!r} answered 'unbounded' without x and the ray")
        x, d = tuple(raw.x), tuple(raw.ray)
        unbounded = LPUnboundedCertificate(p, x, d)
        unbounded.verify()
        return LPResult("unbounded", None, x, None, d, unbounded, name, p)
    raise SolverError(f"LP backend {name!r} returned the unknown status {raw.status!r}")  # pragma: no cover


# -- the cddlib backend ------------------------------------------------------------


def _cdd_backend(p: LPProblem) -> RawSolution:
    """cddlib's exact simplex; Farkas and unbounded rays come from auxiliary LPs."""
    n = p.n
    rows: list[list[Fraction]] = []
    for a, b in zip(p.A_ub, p.b_ub):  # b - a.x >= 0
        rows.append([b, *(-v for v in a)])
    m_ub = len(rows)
    eq_rows = list(range(m_ub, m_ub + len(p.A_eq)))
    for a, b in zip(p.A_eq, p.b_eq):  # b - a.x == 0
        rows.append([b, *(-v for v in a)])
    for j in range(n):  # x_j >= 0
        rows.append([Fraction(0)] + [Fraction(int(k == j)) for k in range(n)])
    objective = [Fraction(0), *(p.sense * v for v in p.c)]
    status, _, x, duals = cddwrap.lp_max(objective, rows, eq_rows)
    if status == cddwrap.LP_OPTIMAL:
        if x is None:
            raise InternalError("cddwrap.lp_max answered 'optimal' without a point")
        y_ub = tuple(duals.get(i, Fraction(0)) for i in range(m_ub))
        y_eq = tuple(duals.get(i, Fraction(0)) for i in eq_rows)
        if p.is_feasible_point(x) is None and _dual_ok(p, x, y_ub, y_eq):
            return RawSolution("optimal", x=x, y_ub=y_ub, y_eq=y_eq)
        y_ub, y_eq = _cdd_dual(p)
        return RawSolution("optimal", x=x, y_ub=y_ub, y_eq=y_eq)
    if status == cddwrap.LP_INFEASIBLE:
        return RawSolution("infeasible", y_ub=(y := _cdd_farkas(p))[0], y_eq=y[1])
    # unbounded, or infeasible in both primal and dual: a phase-one LP tells which
    zero = [Fraction(0)] * (n + 1)
    status, _, x, _ = cddwrap.lp_max(zero, rows, eq_rows)
    if status != cddwrap.LP_OPTIMAL:
        y_ub, y_eq = _cdd_farkas(p)
        return RawSolution("infeasible", y_ub=y_ub, y_eq=y_eq)
    return RawSolution("unbounded", x=x, ray=_cdd_ray(p))


def _dual_ok(p: LPProblem, x, y_ub, y_eq) -> bool:
    if any(y < 0 for y in y_ub):
        return False
    if p.dual_violation(y_ub, y_eq) is not None:
        return False
    return p.sense * dot(p.c, x) == dot(p.b_ub, y_ub) + dot(p.b_eq, y_eq)


def _dual_rows(p: LPProblem) -> tuple[list[list[Fraction]], int, int]:
    """Rows in (y_ub, y_eq) of: y_ub >= 0 and A^T y - rhs >= 0 (rhs filled by caller)."""
    mu, me = len(p.b_ub), len(p.b_eq)
    rows = []
    for i in range(mu):
        rows.append([Fraction(0)] + [Fraction(int(k == i)) for k in range(mu + me)])
    for col_ub, col_eq in zip(p.A_ub.transpose(), p.A_eq.transpose()):
        rows.append([Fraction(0), *col_ub, *col_eq])
    return rows, mu, me


def _cdd_dual(p: LPProblem):
    rows, mu, me = _dual_rows(p)
    for j in range(p.n):
        rows[mu + j][0] = -p.sense * p.c[j]
    objective = [Fraction(0), *(-v for v in p.b_ub), *(-v for v in p.b_eq)]
    status, _, y, _ = cddwrap.lp_max(objective, rows)
    if status != cddwrap.LP_OPTIMAL:
        raise SolverError("cddlib found a primal optimum but no dual optimum")
    if y is None:
        raise InternalError("cddwrap.lp_max answered 'optimal' without a point")
    return tuple(y[:mu]), tuple(y[mu:])


def _cdd_farkas(p: LPProblem):
    rows, mu, me = _dual_rows(p)
    rows.append([Fraction(-1), *(-v for v in p.b_ub), *(-v for v in p.b_eq)])  # b.y <= -1
    status, _, y, _ = cddwrap.lp_max([Fraction(0)] * (mu + me + 1), rows)
    if status != cddwrap.LP_OPTIMAL:
        raise SolverError("cddlib reported infeasibility but no Farkas ray exists")
    if y is None:
        raise InternalError("cddwrap.lp_max answered 'optimal' without a point")
    return tuple(y[:mu]), tuple(y[mu:])


def _cdd_ray(p: LPProblem):
    n = p.n
    rows = [[Fraction(0)] + [Fraction(int(k == j)) for k in range(n)] for j in range(n)]
    rows += [[Fraction(0), *(-v for v in a)] for a in p.A_ub]
    eq_rows = list(range(len(rows), len(rows) + len(p.A_eq)))
    rows += [[Fraction(0), *(-v for v in a)] for a in p.A_eq]
    rows.append([Fraction(1), *(-p.sense * v for v in p.c)])  # s c.d <= 1
    status, value, d, _ = cddwrap.lp_max([Fraction(0), *(p.sense * v for v in p.c)], rows, eq_rows)
    if status != cddwrap.LP_OPTIMAL or not value or value <= 0:
        raise SolverError("cddlib reported an unbounded LP but no improving ray was found")
    return d


register_backend("cdd", _cdd_backend, priority=0)
