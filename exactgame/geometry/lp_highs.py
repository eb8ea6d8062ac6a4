r"""A fast exact LP backend: HiGHS suggests a basis in floating point, exact arithmetic decides.

1. HiGHS solves the LP in floats (``# float-ok``: only a suggestion) and reports its
   optimal basis.
2. The basis system :math:`B z = b` and :math:`B^T y = c_B` are solved over the
   rationals with python-flint (``fmpq_mat``), through the reduced system of the tight rows
   and basic structural columns (see :class:`_Standard`); the result is the exact basic
   solution and its exact duals.
3. The exact pair ``(x, y)`` is first put to the LP's own optimality certificate
   (:class:`~exactgame.geometry.lp.LPOptimalCertificate`: primal and dual feasibility, equal
   objective values); when it passes, the verified certificate object is handed to
   :func:`~exactgame.geometry.lp.solve_problem`, which then does not run the same check a second
   time. Otherwise exact primal feasibility (:math:`z \ge 0`, fixed slacks at 0) and dual feasibility
   (reduced costs of the right sign) decide the pivot. If either fails -- a degenerate or
   ill-conditioned problem where the floats chose a basis that is only almost optimal
   -- exact simplex pivots (Bland's rule, primal or dual as the failure dictates)
   repair the basis; if that does not finish within a pivot budget, the backend
   answers ``None`` and :func:`~exactgame.geometry.lp.solve_problem` moves on to cddlib.

Infeasible and unbounded problems get their exact Farkas ray or improving ray from
auxiliary LPs that are themselves solved by this backend (an optimal auxiliary LP is
certified the same way). Whatever this backend returns is verified by the certificate
classes of :mod:`exactgame.geometry.lp` before anyone sees it (an optimal answer in step 3,
on the very certificate object the result carries; the others by
:func:`~exactgame.geometry.lp.solve_problem`): a float can only suggest where to look.

Standard form used here: columns ``x`` (n, ``x >= 0``), then one slack per row
(``A_ub x + s = b_ub`` with ``s >= 0``; equality rows get a slack fixed at 0).
"""

from __future__ import annotations

import importlib.util
import os
from contextlib import contextmanager
from fractions import Fraction
from itertools import chain
from operator import itemgetter
from typing import Any, Sequence

import flint

from ..errors import CertificateError
from .lp import LPOptimalCertificate, LPProblem, RawSolution, register_backend
from .sparse import SparseMatrix, common_denominator

__all__ = ["highs_backend", "MAX_REPAIR_PIVOTS"]

#: Exact simplex pivots allowed to repair a float basis before falling back to cddlib.
MAX_REPAIR_PIVOTS = 200

#: highspy and numpy, imported on first use: they cost about 0.15 s, which every start-up of
#: the command line would otherwise pay (issue 19); False once known to be missing
_MODULES: Any = None


def _modules() -> Any:
    """``(highspy, numpy)``, imported once; None when highspy is not installed."""
    global _MODULES
    if _MODULES is None:
        try:
            import highspy
            import numpy

            _MODULES = (highspy, numpy)
        except ImportError:  # pragma: no cover - highspy is a dependency
            _MODULES = False
    return _MODULES or None


def available() -> bool:
    """Whether the HiGHS proposal path can run (highspy installed), without importing it.

    Returns
    -------
    bool
        True when ``highspy`` can be imported.

    >>> available()
    True
    """
    return _MODULES not in (None, False) or (_MODULES is None and importlib.util.find_spec("highspy") is not None)


def _solve(M: Any, rhs: Any, r: int) -> Any:
    """``M x = rhs`` exactly (python-flint; the algorithm is picked by size, see :func:`_ALGO`)."""
    return M.solve(rhs, algorithm=_ALGO(r))

_BANNER_SILENCED = False


@contextmanager
def _quiet_stdout():
    """HiGHS prints a banner on stdout (C level) when the first solver is created."""
    global _BANNER_SILENCED
    if _BANNER_SILENCED:
        yield
        return
    try:
        fd = os.dup(1)
    except OSError:  # pragma: no cover
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        yield
    finally:
        os.dup2(fd, 1)
        os.close(fd)
        _BANNER_SILENCED = True


def _ALGO(m: int) -> str | None:
    """p-adic (Dixon) lifting for large bases: several times faster than fraction-free LU there."""
    return "dixon" if m >= 40 else None


def _fq(v: Fraction) -> "flint.fmpq":
    return flint.fmpq(v.numerator, v.denominator)


def _frac(v) -> Fraction:
    return Fraction(int(v.p), int(v.q))


class _Standard:
    """The LP in standard form ``max s c . x`` over ``[A | I] (x, s) = b``, exact and sparse.

    Every basis solve goes through the reduced system of :meth:`solve`: basic slacks are unit
    columns, so only the tight rows ``T`` (rows whose slack is nonbasic) and the basic
    structural columns ``X`` form a square system ``A[T, X]``. No ``m x m`` matrix is built:
    for a 100 x 100 persuasion LP, ``m`` is 10,000 and ``A[T, X]`` a few hundred wide.
    """

    def __init__(self, p: LPProblem):
        self.p = p
        self.n = p.n
        self.m_ub = len(p.A_ub)
        self.m = self.m_ub + len(p.A_eq)
        self.A = p.A_ub + p.A_eq
        self.b = list(p.b_ub) + list(p.b_eq)
        self.cost = list(p.c) if p.maximize else [-c for c in p.c]
        self._columns: SparseMatrix | None = None

    def fixed(self, k: int) -> bool:
        """Slacks of equality rows are fixed at zero."""
        return k >= self.n + self.m_ub

    def column(self, k: int) -> dict[int, Fraction]:
        """Column ``k`` of ``[A | I]`` as ``{row: value}`` (the transpose is built on first use)."""
        if k >= self.n:
            return {k - self.n: Fraction(1)}
        if self._columns is None:
            self._columns = self.A.transpose()
        return dict(self._columns.items(k))

    def _split(self, basis: Sequence[int]):
        """``(X, T, pos)``: basic structural columns, tight rows, and column -> position in X."""
        X = [k for k in basis if k < self.n]
        slack_rows = {k - self.n for k in basis if k >= self.n}
        T = [i for i in range(self.m) if i not in slack_rows]
        return X, T, {j: c for c, j in enumerate(X)}

    def _reduced_matrix(self, X, T, pos) -> "flint.fmpq_mat":
        M = flint.fmpq_mat(len(T), len(X))
        for a, i in enumerate(T):
            cols, nums, den = self.A.row(i)
            for j, v in zip(cols, nums):
                c = pos.get(j)
                if c is not None:
                    M[a, c] = flint.fmpq(v, den)
        return M

    def solve(self, basis: Sequence[int]):
        """Exact basic solution z, duals y and reduced costs d (None if B is singular).

        The square system ``A[T, X] x_X = b[T]`` and ``A[T, X]^T y_T = c_X`` (see the class
        doc), with ``y = 0`` off T and each basic slack read off its row. For persuasion LPs
        this shrinks a 625 x 625 basis to about 50 x 50.
        """
        xy = self.solve_xy(basis)
        if xy is None:
            return None
        x, y = xy
        return _BasicValues(self, basis, x), y, _ReducedCosts(self, y)

    def solve_xy(self, basis: Sequence[int]) -> tuple[list[Fraction], list[Fraction]] | None:
        """The structural part ``x`` of the basic solution and the duals ``y`` (see :meth:`solve`)."""
        X, T, pos = self._split(basis)
        if len(T) != len(X):
            return None
        r = len(X)
        xfull = [Fraction(0)] * self.n
        yv = [Fraction(0)] * self.m
        if r:
            M = self._reduced_matrix(X, T, pos)
            try:
                xs = _solve(M, flint.fmpq_mat(r, 1, [_fq(self.b[i]) for i in T]), r)
                ys = _solve(M.transpose(), flint.fmpq_mat(r, 1, [_fq(self.cost[j]) for j in X]), r)
            except ZeroDivisionError:
                return None
            for c, j in enumerate(X):
                xfull[j] = _frac(xs[c, 0])
            for c, i in enumerate(T):
                yv[i] = _frac(ys[c, 0])
        return xfull, yv

    def entering_column(self, basis: Sequence[int], k: int) -> list[Fraction] | None:
        """``u = B^{-1} a_k`` in basis order, by the reduced system (None if singular)."""
        X, T, pos = self._split(basis)
        a = self.column(k)
        uX: list[Fraction] = []
        if X:
            M = self._reduced_matrix(X, T, pos)
            try:
                sol = _solve(M, flint.fmpq_mat(len(T), 1, [_fq(a.get(i, Fraction(0))) for i in T]), len(X))
            except ZeroDivisionError:
                return None
            uX = [_frac(sol[c, 0]) for c in range(len(X))]
        out = []
        for kb in basis:
            if kb < self.n:
                out.append(uX[pos[kb]])
            else:  # the basic slack of row i: a_i - A[i, X] u_X
                cols, nums, den = self.A.row(kb - self.n)
                ax = sum((Fraction(v, den) * uX[pos[j]] for j, v in zip(cols, nums) if j in pos), Fraction(0))
                out.append(a.get(kb - self.n, Fraction(0)) - ax)
        return out

    def basis_row(self, basis: Sequence[int], r: int) -> list[Fraction] | None:
        """Row ``r`` of ``B^{-1}`` (``w`` with ``B^T w = e_r``), one entry per row of the LP."""
        X, T, pos = self._split(basis)
        w = [Fraction(0)] * self.m
        rhs = [Fraction(0)] * len(X)
        if basis[r] >= self.n:  # a basic slack of row i0: w_i0 = 1, A[T, X]^T w_T = -A[i0, X]^T
            i0 = basis[r] - self.n
            w[i0] = Fraction(1)
            cols, nums, den = self.A.row(i0)
            for j, v in zip(cols, nums):
                if j in pos:
                    rhs[pos[j]] = -Fraction(v, den)
        else:
            rhs[pos[basis[r]]] = Fraction(1)
        if X:
            M = self._reduced_matrix(X, T, pos)
            try:
                sol = _solve(M.transpose(), flint.fmpq_mat(len(X), 1, [_fq(v) for v in rhs]), len(X))
            except ZeroDivisionError:
                return None
            for c, i in enumerate(T):
                w[i] = _frac(sol[c, 0])
        return w

    def answer(self, z: "_BasicValues", y) -> RawSolution:
        return RawSolution("optimal", x=z.x, y_ub=y[: self.m_ub], y_eq=y[self.m_ub:])


class _BasicValues:
    """The basic solution ``z`` in basis order; a basic slack ``b_i - (A x)_i`` is kept over the integers.

    ``sign(r)`` needs no Fraction; ``z[r]`` builds one when a pivot needs the value.
    """

    def __init__(self, std: _Standard, basis: Sequence[int], x: list[Fraction]):
        self.std, self.basis, self.x = std, list(basis), x
        self.N, self.D = std.A.times_int(x)

    def sign(self, r: int) -> int:
        """The sign of ``z[r]`` (-1, 0 or 1)."""
        k = self.basis[r]
        if k < self.std.n:
            v = self.x[k]
            return (v > 0) - (v < 0)
        i = k - self.std.n
        b, den = self.std.b[i], self.std.A.row(i)[2]
        lhs, rhs = b.numerator * den * self.D, self.N[i] * b.denominator
        return (lhs > rhs) - (lhs < rhs)

    def __getitem__(self, r: int) -> Fraction:
        k = self.basis[r]
        if k < self.std.n:
            return self.x[k]
        i = k - self.std.n
        return self.std.b[i] - Fraction(self.N[i], self.std.A.row(i)[2] * self.D)


class _ReducedCosts:
    """``d = s c - A^T y`` on the structural columns and ``-y`` on the slacks, kept over the integers.

    Signs are read without building a Fraction per column; :meth:`value` builds one when a
    pivot needs it.
    """

    def __init__(self, std: _Standard, y: Sequence[Fraction]):
        self.n, self.y = std.n, y
        N, D = std.p._dual_lhs_int(y[: std.m_ub], y[std.m_ub:])
        C, Dc = common_denominator(std.cost)
        self.num = [a * D - v * Dc for a, v in zip(C, N)]
        self.den = D * Dc

    def positive(self, k: int) -> bool:
        """Whether ``d_k > 0``."""
        return self.num[k] > 0 if k < self.n else self.y[k - self.n] < 0

    def value(self, k: int) -> Fraction:
        """``d_k``, exact."""
        return Fraction(self.num[k], self.den) if k < self.n else -self.y[k - self.n]


def _primal_ok(std: _Standard, basis, z: _BasicValues) -> bool:
    signs = [z.sign(r) for r in range(len(basis))]
    return all(v >= 0 and (v == 0 or not std.fixed(k)) for k, v in zip(basis, signs))


def _dual_ok(std: _Standard, basis, d) -> bool:
    inb = set(basis)
    return all(not d.positive(k) or std.fixed(k) for k in range(std.n + std.m) if k not in inb)


def _repair(std: _Standard, basis: list[int]) -> RawSolution | None:
    """Exact simplex pivots from a float basis; None if the budget runs out.

    Each basis is first tried as it stands: its exact ``(x, y)`` either passes the LP's own
    optimality certificate (which :func:`~.lp.solve_problem` then accepts without a second
    run of the same check) or the basic values and reduced costs decide the pivot.
    """
    for _ in range(MAX_REPAIR_PIVOTS):
        xy = std.solve_xy(basis)
        if xy is None:
            return None
        x, y = xy
        accepted = _accepted(std, x, y)
        if accepted is not None:
            return accepted
        z, d = _BasicValues(std, basis, x), _ReducedCosts(std, y)
        pok, dok = _primal_ok(std, basis, z), _dual_ok(std, basis, d)
        if pok and dok:  # pragma: no cover - optimal yet refused by the certificate: solve_problem reports it
            return std.answer(z, y)
        if pok:
            step = _primal_pivot(std, basis, z, d)
        elif dok:
            step = _dual_pivot(std, basis, z, d)
        else:
            return None
        if step is None:
            return None
        r, enter = step
        basis[r] = enter
    return None


def _accepted(std: _Standard, x: list[Fraction], y: list[Fraction]) -> RawSolution | None:
    """The answer ``(x, y)`` with its verified optimality certificate, or None when it fails."""
    cert = LPOptimalCertificate(std.p, tuple(x), tuple(y[: std.m_ub]), tuple(y[std.m_ub:]))
    try:
        cert.verify()
    except CertificateError:
        return None
    return RawSolution("optimal", x=cert.x, y_ub=cert.y_ub, y_eq=cert.y_eq, certificate=cert)


def _primal_pivot(std: _Standard, basis, z, d) -> tuple[int, int] | None:
    """Primal simplex, Bland: smallest entering index with d > 0; None when unbounded."""
    inb = set(basis)
    enter = min(k for k in range(std.n + std.m) if k not in inb and d.positive(k) and not std.fixed(k))
    u = std.entering_column(basis, enter)
    if u is None:
        return None
    ratios = [(z[r] / u[r], basis[r], r) for r in range(std.m) if u[r] > 0]
    if not ratios:
        return None  # unbounded along this edge: let another backend certify it
    best = min(t for t, _, _ in ratios)
    return min((k, r) for t, k, r in ratios if t == best)[1], enter


def _dual_pivot(std: _Standard, basis, z, d) -> tuple[int, int] | None:
    """Dual simplex, Bland: leaving row with the smallest basic index among violations."""
    bad = [(basis[r], r) for r in range(std.m) if z.sign(r) < 0 or (std.fixed(basis[r]) and z.sign(r) != 0)]
    _, r = min(bad)
    w = std.basis_row(basis, r)
    if w is None:
        return None
    inb = set(basis)
    lhs = std.p.dual_lhs(w[: std.m_ub], w[std.m_ub:])
    alpha = {k: (lhs[k] if k < std.n else w[k - std.n]) for k in range(std.n + std.m) if k not in inb}
    sign = 1 if z.sign(r) > 0 else -1
    cands = [(d.value(k) / alpha[k], k) for k in alpha if alpha[k] * sign > 0 and not std.fixed(k)]
    if not cands:
        return None  # primal infeasible: let another backend certify it
    best = min(abs(t) for t, _ in cands)
    return r, min(k for t, k in cands if abs(t) == best)


def _float_rows(A: SparseMatrix, np: Any):
    """Row-wise arrays ``(starts, index, value)`` of ``A`` in floats, built without a Python loop per entry."""
    rows = [A.row(i) for i in range(len(A))]
    cols, nums_of, dens_of = (list(map(itemgetter(k), rows)) for k in range(3))
    lengths = np.fromiter(map(len, cols), dtype=np.int64, count=len(rows))
    starts = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum(lengths, out=starts[1:])
    nnz = int(starts[-1])
    index = np.fromiter(chain.from_iterable(cols), dtype=np.int32, count=nnz)
    try:
        nums = np.fromiter(chain.from_iterable(nums_of), dtype=np.float64, count=nnz)  # float-ok: a suggestion, verified exactly
        dens = np.repeat(np.fromiter(dens_of, dtype=np.float64, count=len(rows)), lengths)  # float-ok: a suggestion, verified exactly
        value = nums / dens
        # below 2^53 both ints convert exactly, so num / den is rounded once, as Python's int division
        # rounds it; beyond, two roundings could tip an ill-conditioned proposal: the Python path
        if not (np.isfinite(value).all() and (nnz == 0 or (np.abs(nums).max() < 2.0**53 and dens.max() < 2.0**53))):  # float-ok: a suggestion, verified exactly
            raise OverflowError
    except OverflowError:  # numerators or denominators beyond floats: Python's correctly rounded int division
        value = np.fromiter((a / r[2] for r in rows for a in r[1]), dtype=np.float64, count=nnz)  # float-ok: a suggestion, verified exactly
    return starts, index, value


def _pass_model(h: Any, highspy: Any, np: Any, shape, bounds, matrix) -> None:
    """Hand HiGHS the LP ``max/min c x, lower <= A x <= upper, x >= 0`` from flat arrays.

    The flat-array ``passModel`` copies numpy buffers in C; a ``HighsLp`` built attribute by
    attribute converts its vectors element by element (2.5 ms of a 10 ms solve at n = 25). Older
    highspy releases without that overload get the ``HighsLp`` path.
    """
    (n, m, maximize), (cost, lower, upper), (starts, index, value) = shape, bounds, matrix
    sense = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    try:
        status = h.passModel(n, m, len(index), int(highspy.MatrixFormat.kRowwise), int(sense), 0.0,
                             cost, np.zeros(n), np.full(n, highspy.kHighsInf), lower, upper,
                             starts[:-1], index, value, np.zeros(n, dtype=np.int32))
        if status == highspy.HighsStatus.kOk:
            return
    except TypeError:  # pragma: no cover - highspy without the flat-array overload
        pass
    lp = highspy.HighsLp()  # pragma: no cover - the same model, attribute by attribute
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, np.zeros(n), np.full(n, highspy.kHighsInf)
    lp.row_lower_, lp.row_upper_ = lower, upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, index, value
    lp.sense_ = sense
    h.passModel(lp)


def _basic_variables(h: Any, highspy: Any, n: int) -> list[int]:
    """The optimal basis in standard-form indices (structural ``j``, slack of row ``i`` as ``n + i``), sorted.

    Read from ``getBasis``'s status lists. (``getBasicVariables`` would be ten times cheaper, but
    highspy 1.16 crashes the process in it when presolve has solved the LP without a
    factorization, e.g. a model whose rows are all zero.)
    """
    basis = h.getBasis()
    kb = highspy.HighsBasisStatus.kBasic
    cols, rows = list(basis.col_status), list(basis.row_status)  # read once: indexing the attribute copies it
    return [j for j, s in enumerate(cols) if s == kb] + [n + i for i, s in enumerate(rows) if s == kb]


def _highs_solve(p: LPProblem):
    """Float solve; returns (status name, basis list or None)."""
    highspy, np = _modules()
    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m, n = len(p.A_ub) + len(p.A_eq), p.n
    cost = np.array([float(c) for c in p.c])  # float-ok: a suggestion, verified exactly
    upper = np.array([float(v) for v in list(p.b_ub) + list(p.b_eq)])  # float-ok: a suggestion, verified exactly
    lower = upper.copy()
    lower[: len(p.A_ub)] = -highspy.kHighsInf
    starts, index, value = _float_rows(p.A_ub + p.A_eq, np)
    _pass_model(h, highspy, np, (n, m, p.maximize), (cost, lower, upper), (starts, index, value))
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return str(status), None
    return "optimal", _basic_variables(h, highspy, n)


def _optimal(p: LPProblem) -> RawSolution | None:
    if p.n == 0:
        return None
    status, basis = _highs_solve(p)
    if basis is None:
        return RawSolution(status)
    std = _Standard(p)
    if len(basis) != std.m:
        return None
    return _repair(std, basis)


def _aux_farkas(p: LPProblem) -> RawSolution | None:
    """min b.y over y_ub >= 0, y_eq = y+ - y-, A^T y >= 0, b.y >= -1: optimum -1 when infeasible."""
    mu, me = len(p.A_ub), len(p.A_eq)
    rhs = list(p.b_ub) + list(p.b_eq) + [-v for v in p.b_eq]
    T_ub, T_eq = p.A_ub.transpose(), p.A_eq.transpose()
    minus = [Fraction(-1)] * p.n
    blocks = SparseMatrix.hstack([T_ub.scaled_rows(minus), T_eq.scaled_rows(minus), T_eq])  # -A^T y <= 0
    A_ub = blocks + SparseMatrix.from_rows([[-v for v in rhs]], mu + 2 * me)  # -b.y <= 1
    aux = LPProblem.make(rhs, A_ub, [0] * p.n + [1])
    r = _optimal(aux)
    if r is None or r.status != "optimal":
        return None
    y = r.x
    if y is None or sum((v * w for v, w in zip(rhs, y)), Fraction(0)) >= 0:
        return None
    return RawSolution("infeasible", y_ub=y[:mu], y_eq=[a - b for a, b in zip(y[mu:mu + me], y[mu + me:])])


def highs_backend(p: LPProblem) -> RawSolution | None:
    """The backend (see the module doc): HiGHS proposes in floats, exact arithmetic decides.

    An optimal basis is solved exactly and repaired by exact simplex pivots; an infeasible or
    unbounded verdict becomes an exact Farkas ray or an exact point and improving ray.

    Parameters
    ----------
    p : LPProblem
        The exact problem.

    Returns
    -------
    RawSolution or None
        The exact answer (an optimal one carries its verified certificate; the others are
        certified by :func:`~.lp.solve_problem`), or None to hand the problem to the next
        backend (cddlib's exact simplex).

    >>> r = highs_backend(LPProblem.make([1, 1], [[1, 2], [3, 1]], [4, 6], maximize=True))
    >>> r.status, r.x, r.certificate.passed
    ('optimal', (Fraction(8, 5), Fraction(6, 5)), True)
    """
    if _modules() is None:  # pragma: no cover
        return None
    r = _optimal(p)
    if r is None:
        return None
    if r.status == "optimal":
        return r
    if "Infeasible" in r.status and "Unbounded" not in r.status:
        return _aux_farkas(p)
    # unbounded (or infeasible-or-unbounded): a feasible point, then an improving ray
    phase1 = _optimal(LPProblem.make([0] * p.n, p.A_ub, p.b_ub, p.A_eq, p.b_eq))
    if phase1 is None:
        return None
    if phase1.status != "optimal":
        return _aux_farkas(p)
    bound = SparseMatrix.from_rows([[p.sense * v for v in p.c]], p.n)  # s c.d <= 1
    ray = _optimal(LPProblem.make(list(p.c), p.A_ub + bound, [0] * len(p.A_ub) + [1], p.A_eq, [0] * len(p.A_eq),
                                  p.maximize))
    if ray is None or ray.status != "optimal" or ray.x is None or p.sense * sum((c * d for c, d in zip(p.c, ray.x)), Fraction(0)) <= 0:
        return None
    return RawSolution("unbounded", x=phase1.x, ray=ray.x)


if available():
    register_backend("highs", highs_backend, priority=10)
