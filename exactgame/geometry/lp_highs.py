r"""A fast exact LP backend: HiGHS suggests a basis in floating point, exact arithmetic decides.

1. HiGHS solves the LP in floats (``# float-ok``: only a suggestion) and reports its
   optimal basis.
2. The basis system :math:`B z = b` and :math:`B^T y = c_B` are solved over the
   rationals with python-flint (``fmpq_mat``); the result is the exact basic solution
   and its exact duals.
3. Exact primal feasibility (:math:`z \ge 0`, fixed slacks at 0) and dual feasibility
   (reduced costs of the right sign) are checked. If either fails -- a degenerate or
   ill-conditioned problem where the floats chose a basis that is only almost optimal
   -- exact simplex pivots (Bland's rule, primal or dual as the failure dictates)
   repair the basis; if that does not finish within a pivot budget, the backend
   answers ``None`` and :func:`~exactgame.geometry.lp.solve_problem` moves on to cddlib.

Infeasible and unbounded problems get their exact Farkas ray or improving ray from
auxiliary LPs that are themselves solved by this backend (an optimal auxiliary LP is
certified the same way). Whatever this backend returns is verified once more by
:mod:`exactgame.geometry.lp` before anyone sees it: a float can only suggest where
to look.

Standard form used here: columns ``x`` (n, ``x >= 0``), then one slack per row
(``A_ub x + s = b_ub`` with ``s >= 0``; equality rows get a slack fixed at 0).
"""

from __future__ import annotations

import importlib.util
import os
from contextlib import contextmanager
from fractions import Fraction
from typing import Any, Sequence

import flint

from .lp import LPProblem, RawSolution, register_backend

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
    """The LP in standard form ``max s c . x`` over ``[A | I] (x, s) = b``, exact."""

    def __init__(self, p: LPProblem):
        self.p = p
        self.n = p.n
        self.m_ub = len(p.A_ub)
        self.m = self.m_ub + len(p.A_eq)
        self.rows = list(p.A_ub) + list(p.A_eq)
        self.b = list(p.b_ub) + list(p.b_eq)
        self.cost = [p.sense * c for c in p.c] + [Fraction(0)] * self.m
        # columns of [A | I] as sparse dicts row -> value
        self.rows_sparse = p.sparse_rows()
        self.cols: list[dict[int, Fraction]] = [{} for _ in range(self.n)]
        for i, row in enumerate(self.rows_sparse):
            for j, v in row:
                self.cols[j][i] = v
        for i in range(self.m):
            self.cols.append({i: Fraction(1)})

    def fixed(self, k: int) -> bool:
        """Slacks of equality rows are fixed at zero."""
        return k >= self.n + self.m_ub

    def basis_matrix(self, basis: Sequence[int]) -> "flint.fmpq_mat":
        M = flint.fmpq_mat(self.m, self.m)
        for col, k in enumerate(basis):
            for i, v in self.cols[k].items():
                M[i, col] = _fq(v)
        return M

    def solve(self, basis: Sequence[int]):
        """Exact basic solution z, duals y and reduced costs d (None if B is singular).

        Basic slacks are unit columns, so the system reduces to the tight rows T (rows
        whose slack is nonbasic) and the basic structural columns X, a square system
        ``A[T, X] x_X = b[T]`` and ``A[T, X]^T y_T = c_X``, with ``y = 0`` off T and each
        basic slack read off its row. For persuasion LPs this shrinks a 625 x 625 basis
        to about 50 x 50.
        """
        X = [k for k in basis if k < self.n]
        slack_rows = {k - self.n for k in basis if k >= self.n}
        T = [i for i in range(self.m) if i not in slack_rows]
        if len(T) != len(X):
            return None
        r = len(X)
        x = {}
        yT = []
        if r:
            pos = {j: c for c, j in enumerate(X)}
            M = flint.fmpq_mat(r, r)
            for a, i in enumerate(T):
                for j, v in self.rows_sparse[i]:
                    c = pos.get(j)
                    if c is not None:
                        M[a, c] = _fq(v)
            try:
                xs = _solve(M, flint.fmpq_mat(r, 1, [_fq(self.b[i]) for i in T]), r)
                ys = _solve(M.transpose(), flint.fmpq_mat(r, 1, [_fq(self.cost[j]) for j in X]), r)
            except ZeroDivisionError:
                return None
            x = {j: _frac(xs[c, 0]) for c, j in enumerate(X)}
            yT = [_frac(ys[c, 0]) for c in range(r)]
        yv = [Fraction(0)] * self.m
        for i, v in zip(T, yT):
            yv[i] = v
        zv = []
        for k in basis:
            if k < self.n:
                zv.append(x[k])
            else:
                i = k - self.n
                zv.append(self.b[i] - sum((v * x[j] for j, v in self.rows_sparse[i] if j in x), Fraction(0)))
        d = [self.cost[k] - sum((v * yv[i] for i, v in self.cols[k].items() if yv[i]), Fraction(0)) for k in range(self.n + self.m)]
        return zv, yv, d

    def answer(self, basis: Sequence[int], z, y) -> RawSolution:
        x = [Fraction(0)] * self.n
        for k, v in zip(basis, z):
            if k < self.n:
                x[k] = v
        return RawSolution("optimal", x=x, y_ub=y[: self.m_ub], y_eq=y[self.m_ub:])


def _primal_ok(std: _Standard, basis, z) -> bool:
    return all(v >= 0 and (v == 0 or not std.fixed(k)) for k, v in zip(basis, z))


def _dual_ok(std: _Standard, basis, d) -> bool:
    inb = set(basis)
    return all(d[k] <= 0 or std.fixed(k) for k in range(std.n + std.m) if k not in inb)


def _repair(std: _Standard, basis: list[int]) -> RawSolution | None:
    """Exact simplex pivots from a float basis; None if the budget runs out."""
    for _ in range(MAX_REPAIR_PIVOTS):
        sol = std.solve(basis)
        if sol is None:
            return None
        z, y, d = sol
        pok, dok = _primal_ok(std, basis, z), _dual_ok(std, basis, d)
        if pok and dok:
            return std.answer(basis, z, y)
        B = std.basis_matrix(basis)
        inb = set(basis)
        if pok:  # primal simplex, Bland: smallest entering index with d > 0
            enter = min(k for k in range(std.n + std.m) if k not in inb and d[k] > 0 and not std.fixed(k))
            col = flint.fmpq_mat(std.m, 1)
            for i, v in std.cols[enter].items():
                col[i, 0] = _fq(v)
            sol_u = _solve(B, col, std.m)
            u = [_frac(sol_u[i, 0]) for i in range(std.m)]
            ratios = [(z[r] / u[r], basis[r], r) for r in range(std.m) if u[r] > 0]
            if not ratios:
                return None  # unbounded along this edge: let another backend certify it
            best = min(t for t, _, _ in ratios)
            leave = min((k, r) for t, k, r in ratios if t == best)[1]
            basis[leave] = enter
        elif dok:  # dual simplex, Bland: leaving row with the smallest basic index among violations
            bad = [(basis[r], r) for r in range(std.m) if z[r] < 0 or (std.fixed(basis[r]) and z[r] != 0)]
            _, r = min(bad)
            er = flint.fmpq_mat(std.m, 1)
            er[r, 0] = flint.fmpq(1)
            sol_w = _solve(B.transpose(), er, std.m)  # row r of B^-1
            w = [_frac(sol_w[i, 0]) for i in range(std.m)]
            alpha = {k: sum(v * w[i] for i, v in std.cols[k].items()) for k in range(std.n + std.m) if k not in inb}
            sign = -1 if z[r] < 0 else (1 if z[r] > 0 else -1)
            cands = [(d[k] / alpha[k], k) for k in alpha if alpha[k] * sign > 0 and not std.fixed(k)]
            if not cands:
                return None  # primal infeasible: let another backend certify it
            best = min(abs(t) for t, _ in cands)
            enter = min(k for t, k in cands if abs(t) == best)
            basis[r] = enter
        else:
            return None
    return None


def _highs_solve(p: LPProblem):
    """Float solve; returns (status name, basis list or None)."""
    highspy, np = _modules()
    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m, n = len(p.A_ub) + len(p.A_eq), p.n
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_ = np.array([float(c) for c in p.c])  # float-ok: a suggestion, verified exactly
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.full(n, highspy.kHighsInf)
    b = [float(v) for v in list(p.b_ub) + list(p.b_eq)]  # float-ok: a suggestion, verified exactly
    lp.row_lower_ = np.array([-highspy.kHighsInf] * len(p.A_ub) + b[len(p.A_ub):])
    lp.row_upper_ = np.array(b)
    starts, index, value = [0], [], []
    for row in p.sparse_rows():
        for j, v in row:
            index.append(j)
            value.append(v.numerator / v.denominator)  # float-ok: a suggestion, verified exactly
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value)
    lp.sense_ = highspy.ObjSense.kMaximize if p.maximize else highspy.ObjSense.kMinimize
    h.passModel(lp)
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        return str(status), None
    basis = h.getBasis()
    col_status = list(basis.col_status)  # read once: indexing the attribute copies the array
    row_status = list(basis.row_status)
    basic = [j for j, s in enumerate(col_status) if s == highspy.HighsBasisStatus.kBasic]
    basic += [n + i for i, s in enumerate(row_status) if s == highspy.HighsBasisStatus.kBasic]
    return "optimal", basic


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
    cols = [list(r) for r in p.A_ub] + [list(r) for r in p.A_eq] + [[-v for v in r] for r in p.A_eq]
    rhs = list(p.b_ub) + list(p.b_eq) + [-v for v in p.b_eq]
    A_ub = [[-col[j] for col in cols] for j in range(p.n)] + [[-v for v in rhs]]
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
        The exact answer (its certificate is built and checked by :func:`~.lp.solve_problem`),
        or None to hand the problem to the next backend (cddlib's exact simplex).

    >>> r = highs_backend(LPProblem.make([1, 1], [[1, 2], [3, 1]], [4, 6], maximize=True))
    >>> r.status, r.x
    ('optimal', [Fraction(8, 5), Fraction(6, 5)])
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
    ray = _optimal(LPProblem.make(list(p.c), list(p.A_ub) + [list(p.c) if p.maximize else [-v for v in p.c]],
                                  [0] * len(p.A_ub) + [1], p.A_eq, [0] * len(p.A_eq), p.maximize))
    if ray is None or ray.status != "optimal" or ray.x is None or p.sense * sum((c * d for c, d in zip(p.c, ray.x)), Fraction(0)) <= 0:
        return None
    return RawSolution("unbounded", x=phase1.x, ray=ray.x)


if available():
    register_backend("highs", highs_backend, priority=10)
