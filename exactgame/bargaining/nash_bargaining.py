r"""The (weighted) Nash bargaining solution, exact on every face of the bargaining set.

Problem (002_b82d6ff4761a0a82.txt, Section 4): with weights :math:`\alpha \ge 0`, not all 0,
positive set :math:`P = \{i : \alpha_i > 0\}` and zero set :math:`Z`,

.. math:: \max\ f(u) = \sum_{i\in P}\alpha_i\log(u_i - d_i)\quad\text{over } u\in\mathcal{B},\ u_j \ge d_j\ (j\in Z).

**Method.** (1) An LP decides whether some IC structure gives :math:`u_i > d_i` on P and
:math:`u_j \ge d_j` on Z; if not, every feasible point has Nash product 0 and the answer is
``d`` (certificate ``nash-bargaining-disagreement``). (2) A float barrier (Newton) method
*proposes* the optimum (``# float-ok``); its tight facets give candidate faces G of
:math:`\mathcal{B}` (then, if none certifies, every face is tried, so the search is complete).
(3) On the affine hull of G the stationarity conditions are a polynomial system; a rational
root is tried first (a damped, globally convergent Newton ascent of the strictly concave
objective in high precision, started at the proposal or, if that is infeasible, at an exact LP point
of the face; then rational reconstruction checked exactly);
otherwise the root is represented exactly in a number field :math:`\mathbb{Q}(\theta)`
(Groebner basis / factorisation with sympy, :math:`\theta` given by its minimal polynomial and
an isolating interval). (4) The answer is accepted only when its KKT certificate verifies.

**KKT certificate.** Let :math:`g_i = \alpha_i/(u^*_i - d_i)` on P and :math:`g_j = 0` on Z. For
every feasible ``u`` with :math:`u_P > d_P`, concavity gives
:math:`f(u) \le f(u^*) + g\cdot(u - u^*)`, so :math:`u^*` is optimal as soon as

.. math:: \max\{g\cdot E(u|\pi) : \pi \in \Pi,\ E(u_j|\pi) \ge d_j\ (j\in Z)\} \le g\cdot u^*,

an LP (:func:`nash_lp`: exactly :func:`~exactgame.bargaining.bargaining_set.ic_lp` ``(prob, g)``
when all weights are positive, plus one row :math:`-E(u_j|\pi) \le -d_j` per zero-weight agent).
No vertex or facet of :math:`\mathcal{B}` enters the proof. A rational point ships the LP's
primal-dual certificate; an algebraic point ships a rational matrix ``Y`` whose product with
``g`` is a dual feasible point, all signs decided in :math:`\mathbb{Q}(\theta)`.
"""

from __future__ import annotations

import itertools
import random
from functools import partial
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..display.mixin import Displayable
from ..certificates import Certificate, certificate_from_dict, decode_matrix, decode_vector, dot, encode, require
from ..errors import CertificateError, InputError, InternalError
from ..geometry import Polytope, linalg
from ..geometry.lp import LPProblem, solve_lp, solve_problem
from ..numbers import fmt, to_fraction, to_vector, Vector
from ..numberfield import NumberField
from .bargaining_set import BargainingSet, _constraints, ic_lp, payoff_rows, structure_from_x
from .model import BargainingProblem, Structure, _load

__all__ = ["nash_lp", "nash_weights", "NashCertificate", "AlgebraicNashCertificate", "NashDisagreementCertificate",
           "NashResult", "nash_point", "structure_for"]

ZERO, ONE = Fraction(0), Fraction(1)


# -- the LP of the certificate ----------------------------------------------------------


def nash_lp(prob: BargainingProblem, g: Sequence[Fraction], d: Sequence[Fraction], zero: Sequence[int]) -> LPProblem:
    """``max g . E(u | pi)`` over IC ``pi`` with ``E(u_j | pi) >= d_j`` for ``j`` in ``zero``.

    With ``zero`` empty this is ``ic_lp(prob, g)`` itself; otherwise ``ic_lp``'s rows followed by
    one row ``-E(u_j | pi) <= -d_j`` per agent ``j`` of ``zero`` (in that order).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    g : sequence of Fraction
        The objective's weights, one per agent (the KKT gradient, or Ville weights).
    d : sequence of Fraction
        The disagreement payoffs (only the entries of ``zero`` are used).
    zero : sequence of int
        Indices of the zero-weight agents, held at E(u_j | pi) >= d_j.

    Returns
    -------
    LPProblem
        A maximisation problem over the variables pi(a | w) (state-major).

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> nash_lp(prob, [1, 1], prob.disagreement(), []) == ic_lp(prob, [1, 1])
    True
    >>> len(nash_lp(prob, [1, 0], prob.disagreement(), [1]).A_ub) - len(ic_lp(prob, [1, 0]).A_ub)
    1
    """
    base = ic_lp(prob, g)
    if not zero:
        return base
    rows = payoff_rows(prob)
    return LPProblem.make(base.c, list(base.A_ub) + [[-x for x in rows[j]] for j in zero],
                          list(base.b_ub) + [-d[j] for j in zero], base.A_eq, base.b_eq, maximize=True)


def nash_weights(weights, n: int) -> Vector:
    """The Nash weights alpha, exact and checked.

    Parameters
    ----------
    weights : sequence of numbers or None
        One nonnegative number per agent, not all zero (any scale); None for all 1.
    n : int
        The number of agents.

    Returns
    -------
    Vector
        alpha as Fractions.

    Raises
    ------
    InputError
        A wrong length, a negative weight or all zeros.

    >>> nash_weights(None, 2), nash_weights(["1/2", 0], 2)
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(0, 1)))
    """
    if weights is None:
        return (ONE,) * n
    alpha = to_vector(weights, where="nash: weights")
    if len(alpha) != n or any(a < 0 for a in alpha) or not any(alpha):
        raise InputError(f"give {n} nonnegative weights, not all zero", where="nash: weights")
    return alpha


def _game(prob: BargainingProblem) -> dict:
    return prob.canonical()


def _check_structure(prob: BargainingProblem, pi: Any, what: str) -> None:
    require(isinstance(pi, dict) and set(pi) == set(prob.states), f"nash: {what} must give one distribution per state")
    for w, row in pi.items():
        require(all(a in prob.actions for a in row), f"nash: {what} recommends an unknown action in state {w!r}")
        require(all(q >= 0 for q in row.values()) and sum(row.values()) == 1, f"nash: {what}(.|{w}) is not a distribution")
    bad = prob.ic_violation(pi)
    require(bad is None, f"nash: {what} is not incentive compatible ({bad})")


def _decode_structure(data: Any, key: str) -> Structure:
    if not isinstance(data, dict):
        raise InputError(f"certificate key {key!r} must map states to distributions")
    return {w: {a: to_fraction(q, where=f"certificate key {key!r}") for a, q in row.items()} for w, row in data.items()}


def _common_checks(prob: BargainingProblem, weights: Vector, d: Vector) -> tuple[list[int], list[int]]:
    n = len(prob.agents)
    require(len(weights) == n and len(d) == n, "nash: weights and d need one entry per agent")
    require(all(a >= 0 for a in weights) and any(weights), "nash: the weights must be nonnegative and not all zero")
    require(tuple(prob.disagreement()) == tuple(d), "nash: d is not the disagreement payoff of the game")
    return [i for i in range(n) if weights[i] > 0], [i for i in range(n) if weights[i] == 0]


# -- certificates -----------------------------------------------------------------------


@dataclass(frozen=True)
class NashCertificate(Certificate):
    r"""A rational Nash point: ``structure`` is IC and attains ``point``; ``gradient`` is
    :math:`g_i = \alpha_i/(u^*_i - d_i)` (0 where :math:`\alpha_i = 0`, there :math:`u^*_j \ge d_j`);
    ``lp`` is the certified optimum of :func:`nash_lp` ``(game, g, d, Z)`` and its value is at most
    :math:`g\cdot u^*` (see the module doc for why this proves optimality).

    ``game`` is the problem's canonical file structure (the check rebuilds the problem from it);
    ``weights`` are alpha and ``d`` the disagreement payoffs, which the check recomputes.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> cert = nash_point_local(prob, prob.disagreement()).certificate
    >>> cert.point, cert.gradient, cert.verify()
    ((Fraction(1, 3), Fraction(1, 1)), (Fraction(3, 1), Fraction(3, 1)), True)
    """

    kind = "nash-bargaining"
    game: dict
    weights: Vector
    d: Vector
    point: Vector
    structure: Structure
    gradient: Vector
    lp: Any  # LPOptimalCertificate

    def _check(self) -> None:
        prob = _load(self.game)
        pos, zero = _common_checks(prob, self.weights, self.d)
        u, g, d = self.point, self.gradient, self.d
        require(len(u) == len(d) and len(g) == len(d), "nash: point and gradient need one entry per agent")
        _check_structure(prob, self.structure, "structure")
        require(tuple(prob.payoff(self.structure)) == tuple(u), "nash: the structure does not attain the point")
        for i in pos:
            require(u[i] > d[i], f"nash: agent {prob.agents[i]!r} (positive weight) does not gain over d")
            require(g[i] * (u[i] - d[i]) == self.weights[i], f"nash: gradient entry {i} is not alpha_i/(u_i - d_i)")
        for j in zero:
            require(u[j] >= d[j], f"nash: agent {prob.agents[j]!r} (weight 0) is below d")
            require(g[j] == 0, f"nash: gradient entry {j} of a zero-weight agent is not 0")
        require(getattr(self.lp, "kind", "") == "lp-optimal", "nash: the KKT LP certificate must be of kind lp-optimal")
        require(self.lp.problem == nash_lp(prob, g, d, zero), "nash: the KKT LP is not the LP max g.u(pi) over IC pi")
        self.lp.verify()
        require(dot(self.lp.problem.c, self.lp.x) <= dot(g, u),
                "nash: some IC structure improves the log Nash product to first order (KKT fails)")

    def _data(self):
        return {"game": self.game, "weights": encode(self.weights), "d": encode(self.d), "point": encode(self.point),
                "structure": encode(self.structure), "gradient": encode(self.gradient), "lp": self.lp.to_dict()}

    @classmethod
    def _from_data(cls, data):
        return cls(data["game"], decode_vector(data["weights"], "weights"), decode_vector(data["d"], "d"),
                   decode_vector(data["point"], "point"), _decode_structure(data["structure"], "structure"),
                   decode_vector(data["gradient"], "gradient"), certificate_from_dict(data["lp"]))


@dataclass(frozen=True)
class AlgebraicNashCertificate(Certificate):
    r"""An algebraic Nash point in :math:`\mathbb{Q}(\theta)^n`, :math:`\theta` the unique root of
    ``polynomial`` (constant term first) in ``interval``; every element is a list of ``deg``
    rational coefficients of :math:`1, \theta, \theta^2, \dots`.

    Checked exactly (signs by interval refinement of :math:`\theta`):

    * KKT: ``gradient[i] * (point[i] - d[i]) == weights[i]`` with ``point[i] > d[i]`` on P;
      ``gradient[j] == 0`` and ``point[j] >= d[j]`` on Z;
    * membership: each of ``structures`` is IC; ``barycentric`` >= 0 sums to 1 and
      ``sum_l barycentric[l] * payoff(structures[l]) == point`` (so
      ``sum_l barycentric[l] structures[l]`` is an exact algebraic IC structure attaining it);
    * optimality: with the rows of :func:`nash_lp` (``A_ub`` then ``A_eq``, right-hand side ``b``)
      and ``y = dual @ gradient`` (``dual`` rational, one row per LP row, one column per agent):
      ``y_ub >= 0``, ``A^T y >= payoff_rows^T gradient`` entrywise and ``b . y <= gradient . point``;
    * approximation: ``approx_structure`` is IC, attains ``approx_point`` and
      ``|approx_point[i] - point[i]| <= distance``.

    Below, one state and an indifferent receiver make B the triangle with vertices d = (0, 0, 0),
    (1, 1, 2) and (2, 3, 0); the Nash point (1 + theta, 1 + 2 theta, 2 - 2 theta) on its far edge
    has theta = (sqrt(13) - 1)/6, the root of 3 theta^2 + theta - 1 in (0, 1).

    >>> prob = BargainingProblem.make(["w"], [1], ["x", "y", "z"], ["A", "B", "C"],
    ...     {"receiver": {"w": [0, 0, 0]}, "A": {"w": [0, 1, 2]}, "B": {"w": [0, 1, 3]}, "C": {"w": [0, 2, 0]}},
    ...     "no-information")
    >>> cert = nash_point_local(prob, prob.disagreement()).certificate
    >>> [str(c) for c in cert.polynomial], cert.interval, cert.degree
    (['-1/3', '1/3', '1'], (Fraction(0, 1), Fraction(1, 1)), 2)
    >>> cert.point
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(-2, 1)))
    >>> cert.payoff_sympy(), cert.verify()
    ((sqrt(13)/6 + 5/6, 2/3 + sqrt(13)/3, 7/3 - sqrt(13)/3), True)
    """

    kind = "nash-bargaining-algebraic"
    game: dict
    weights: Vector
    d: Vector
    polynomial: Vector
    interval: tuple[Fraction, Fraction]
    point: tuple
    gradient: tuple
    structures: tuple
    barycentric: tuple
    dual: tuple
    approx_point: Vector
    approx_structure: Structure
    distance: Fraction

    def field(self) -> NumberField:
        """The number field Q(theta) of the certificate.

        Returns
        -------
        NumberField
            theta the root of ``polynomial`` isolated by ``interval``.
        """
        return NumberField(self.polynomial, *self.interval)

    def _elements(self, K: NumberField, rows, what: str) -> list:
        out = []
        for r in rows:
            require(len(r) == K.degree, f"nash: an element of {what} does not have {K.degree} coefficients")
            out.append(K.element(r))
        return out

    def _check(self) -> None:
        prob = _load(self.game)
        pos, zero = _common_checks(prob, self.weights, self.d)
        n = len(prob.agents)
        K = self.field()
        u = self._elements(K, self.point, "point")
        g = self._elements(K, self.gradient, "gradient")
        lam = self._elements(K, self.barycentric, "barycentric")
        require(len(u) == n and len(g) == n, "nash: point and gradient need one entry per agent")
        gaps = [K.sub(u[i], K.const(self.d[i])) for i in range(n)]
        for i in pos:
            require(K.sign(gaps[i]) > 0, f"nash: agent {prob.agents[i]!r} (positive weight) does not gain over d")
            require(K.mul(g[i], gaps[i]) == K.const(self.weights[i]), f"nash: gradient entry {i} is not alpha_i/(u_i - d_i)")
        for j in zero:
            require(K.sign(gaps[j]) >= 0, f"nash: agent {prob.agents[j]!r} (weight 0) is below d")
            require(K.is_zero(g[j]), f"nash: gradient entry {j} of a zero-weight agent is not 0")
        # membership in B
        require(len(lam) == len(self.structures) and bool(lam), "nash: one barycentric weight per structure")
        pts = []
        for k, pi in enumerate(self.structures):
            _check_structure(prob, pi, f"structures[{k}]")
            pts.append(prob.payoff(pi))
        require(all(K.sign(x) >= 0 for x in lam), "nash: a barycentric weight is negative")
        require(K.linear([ONE] * len(lam), lam) == K.const(1), "nash: the barycentric weights do not sum to 1")
        for i in range(n):
            require(K.linear([p[i] for p in pts], lam) == u[i], f"nash: the structures' mixture does not attain point[{i}]")
        # optimality: y = dual @ g is dual feasible for nash_lp(g) with value <= g . u*
        lp = nash_lp(prob, [ZERO] * n, self.d, zero)
        rows = payoff_rows(prob)
        A = list(lp.A_ub) + list(lp.A_eq)
        b = list(lp.b_ub) + list(lp.b_eq)
        Y = self.dual
        require(len(Y) == len(A) and all(len(r) == n for r in Y), "nash: the dual matrix must have one row per LP row and one column per agent")
        y = [K.linear(r, g) for r in Y]
        for r in range(len(lp.A_ub)):
            require(K.sign(y[r]) >= 0, f"nash: the dual multiplier of inequality row {r} is negative")
        for k in range(lp.n):
            coef = [sum((A[r][k] * Y[r][i] for r in range(len(A)) if A[r][k] and Y[r][i]), ZERO) - rows[i][k] for i in range(n)]
            require(K.sign(K.linear(coef, g)) >= 0, f"nash: dual constraint {k} fails")
        by = [sum((b[r] * Y[r][i] for r in range(len(A)) if b[r] and Y[r][i]), ZERO) for i in range(n)]
        gu = K.linear([ONE] * n, [K.mul(gi, ui) for gi, ui in zip(g, u)])
        require(K.sign(K.sub(gu, K.linear(by, g))) >= 0,
                "nash: the dual bound exceeds g . u*: some IC structure may improve the Nash product (KKT fails)")
        # the rational approximation
        _check_structure(prob, self.approx_structure, "approx_structure")
        require(tuple(prob.payoff(self.approx_structure)) == tuple(self.approx_point), "nash: approx_structure does not attain approx_point")
        require(self.distance > 0, "nash: the distance must be positive")
        for i in range(n):
            lo, hi = K.approx(K.sub(u[i], K.const(self.approx_point[i])), self.distance / 2)
            require(-self.distance <= lo and hi <= self.distance, f"nash: approx_point[{i}] is farther than the distance from the point")

    def witness(self) -> dict:
        """The field, the point and its proofs; the game, weights and d come from the document.

        Returns
        -------
        dict
            ``{"certificate": "nash-algebraic", "polynomial", "interval", "point", "gradient",
            "structures", "barycentric", "dual", "approx_point", "approx_structure", "distance"}``,
            exact numbers as strings.
        """
        data = self._data()
        return {"certificate": "nash-algebraic", **{k: data[k] for k in (
            "polynomial", "interval", "point", "gradient", "structures", "barycentric", "dual", "approx_point",
            "approx_structure", "distance")}}

    @property
    def degree(self) -> int:
        """The degree of the field Q(theta)."""
        return self.field().degree

    def payoff_sympy(self) -> tuple:
        """The point as sympy numbers (display and comparisons).

        Returns
        -------
        tuple
            One expanded sympy expression per agent, theta replaced by the real root of
            ``polynomial`` in ``interval``.
        """
        import sympy as sp

        x = sp.symbols("x")
        poly = sp.Poly([sp.Rational(c.numerator, c.denominator) for c in reversed(self.polynomial)], x)
        lo, hi = (sp.Rational(v.numerator, v.denominator) for v in self.interval)
        roots = [r for r in sp.Poly(poly, x).real_roots() if bool(r >= lo) and bool(r <= hi)]
        theta = roots[0]
        return tuple(sp.expand(sum(sp.Rational(c.numerator, c.denominator) * theta ** k for k, c in enumerate(e)))
                     for e in self.point)

    def _data(self):
        return {"game": self.game, "weights": encode(self.weights), "d": encode(self.d),
                "polynomial": encode(self.polynomial), "interval": encode(self.interval),
                "point": encode(self.point), "gradient": encode(self.gradient),
                "structures": [encode(s) for s in self.structures], "barycentric": encode(self.barycentric),
                "dual": encode(self.dual), "approx_point": encode(self.approx_point),
                "approx_structure": encode(self.approx_structure), "distance": fmt(self.distance),
                "point_text": [str(x) for x in self.payoff_sympy()]}

    @classmethod
    def _from_data(cls, data):

        def rows(key: str) -> tuple[Vector, ...]:
            return tuple(decode_vector(v, key) for v in data[key])

        lo, hi = decode_vector(data["interval"], "interval")
        return cls(data["game"], decode_vector(data["weights"], "weights"), decode_vector(data["d"], "d"),
                   decode_vector(data["polynomial"], "polynomial"), (lo, hi), rows("point"), rows("gradient"),
                   tuple(_decode_structure(s, "structures") for s in data["structures"]), rows("barycentric"),
                   decode_matrix(data["dual"], "dual"), decode_vector(data["approx_point"], "approx_point"),
                   _decode_structure(data["approx_structure"], "approx_structure"), to_fraction(data["distance"], where="distance"))


@dataclass(frozen=True)
class NashDisagreementCertificate(Certificate):
    r"""No feasible point gives every positive-weight agent more than ``d``, so the Nash product
    is 0 on the whole feasible set and ``d`` is a maximiser: weights ``y >= 0`` with
    :math:`\sum_{i\in P} y_i = 1`, ``y_j = 0`` on Z, and ``lp``, the certified optimum of
    :func:`nash_lp` ``(game, y, d, Z)``, at most :math:`y\cdot d`.

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> prob = guessing_agents()
    >>> cert = nash_point_local(prob, prob.disagreement()).certificate
    >>> cert.kind, cert.ville, cert.verify()
    ('nash-bargaining-disagreement', (Fraction(0, 1), Fraction(1, 1)), True)
    """

    kind = "nash-bargaining-disagreement"
    game: dict
    weights: Vector
    d: Vector
    ville: Vector
    lp: Any

    def _check(self) -> None:
        prob = _load(self.game)
        pos, zero = _common_checks(prob, self.weights, self.d)
        y = self.ville
        require(len(y) == len(self.d) and all(v >= 0 for v in y), "nash: the Ville weights must be nonnegative, one per agent")
        require(sum(y[i] for i in pos) == 1 and all(y[j] == 0 for j in zero), "nash: the Ville weights must sum to 1 on the positive-weight agents")
        require(getattr(self.lp, "kind", "") == "lp-optimal", "nash: the LP certificate must be of kind lp-optimal")
        require(self.lp.problem == nash_lp(prob, y, self.d, zero), "nash: the LP is not max y.u(pi) over IC pi")
        self.lp.verify()
        require(dot(self.lp.problem.c, self.lp.x) <= dot(y, self.d), "nash: some IC structure gives a positive weighted surplus")

    def witness(self) -> dict:
        """The Ville weights and the LP's witnesses; the game, weights and d come from the document.

        Returns
        -------
        dict
            ``{"certificate": "nash-disagreement", "ville", "lp"}``, exact numbers as strings.
        """
        return {"certificate": "nash-disagreement", "ville": encode(self.ville), "lp": self.lp.witness()}

    def _data(self):
        return {"game": self.game, "weights": encode(self.weights), "d": encode(self.d), "ville": encode(self.ville),
                "lp": self.lp.to_dict()}

    @classmethod
    def _from_data(cls, data):
        return cls(data["game"], decode_vector(data["weights"], "weights"), decode_vector(data["d"], "d"),
                   decode_vector(data["ville"], "ville"), certificate_from_dict(data["lp"]))


# -- helpers ---------------------------------------------------------------------------------


def structure_for(prob: BargainingProblem, u: Sequence[Fraction]) -> Structure | None:
    """An IC structure attaining the rational payoff vector ``u`` (None if ``u`` is not in B).

    Solves the feasibility LP: pi IC with E(u_i | pi) = u_i for every agent.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    u : sequence of Fraction
        One exact payoff per agent.

    Returns
    -------
    Structure or None
        A structure attaining ``u``, or None when no IC structure does.

    >>> from exactgame.bargaining.examples import election
    >>> structure_for(election(), [Fraction(8, 5), Fraction(7, 10)])
    {'left': {'L': Fraction(1, 1)}, 'centre': {'L': Fraction(1, 8), 'C': Fraction(7, 8)}, 'right': {'L': Fraction(1, 1)}}
    >>> structure_for(election(), [Fraction(2), Fraction(2)]) is None
    True
    """
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    r = solve_lp([0] * len(rows[0]), A_ub=A_ub, b_ub=b_ub, A_eq=list(A_eq) + rows, b_eq=list(b_eq) + list(u))
    if r.status != "optimal":
        return None
    if r.x is None:  # pragma: no cover - an optimal LPResult has its point
        raise InternalError("structure_for: an optimal LP without its point")
    return structure_from_x(prob, r.x)


def _margin(prob: BargainingProblem, d: Vector, pos: list[int], zero: list[int]):
    """max t with E(u_i) - d_i >= t on P and E(u_j) >= d_j on Z; (t, structure, Ville weights)."""
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    m = len(rows[0])
    c = [ZERO] * m + [ONE, -ONE]
    ub = [r + [ZERO, ZERO] for r in A_ub]
    ub += [[-x for x in rows[i]] + [ONE, -ONE] for i in pos]
    ub += [[-x for x in rows[j]] + [ZERO, ZERO] for j in zero]
    bub = list(b_ub) + [-d[i] for i in pos] + [-d[j] for j in zero]
    lp = solve_problem(LPProblem.make(c, ub, bub, [r + [ZERO, ZERO] for r in A_eq], b_eq, maximize=True))
    if lp.x is None or lp.dual_ub is None:  # pragma: no cover - the disagreement structure is feasible, t is bounded
        raise InternalError(f"nash: the margin LP is {lp.status}")
    pi = structure_from_x(prob, lp.x[:m])
    duals = lp.dual_ub[len(A_ub):len(A_ub) + len(pos)]
    total = sum(duals)
    y = [ZERO] * len(d)
    if total > 0:
        for i, v in zip(pos, duals):
            y[i] = v / total
    return lp.value, pi, tuple(y)


def _mp_fraction(x) -> Fraction:
    import mpmath

    sign, man, exp, _ = mpmath.mpf(x)._mpf_
    return (-1) ** sign * Fraction(int(man)) * (Fraction(2) ** int(exp))


# -- the float proposal ---------------------------------------------------------------------


def _floats(v):
    """The numbers of ``v`` as a numpy float array (float-ok: proposal only)."""
    import numpy as np

    return np.array([float(t) for t in v])  # float-ok: proposal only


def _barrier_phi(u0, W, bvec, A, P, dv, al, z, mu):
    """The barrier objective of :func:`_propose` at u = u0 + W z: sum_P al log(u - d) + mu sum log(slack),
    -inf outside (float-ok: proposal only)."""
    import numpy as np

    u = u0 + W @ z
    s = bvec - A @ u
    gap = u[P] - dv[P]
    if (len(s) and s.min() <= 0) or gap.min() <= 0:
        return -np.inf
    return float(al[P] @ np.log(gap) + mu * np.sum(np.log(s)))  # float-ok: proposal only


def _interior_start(Bp: Polytope, d: Vector, pos: list[int], start: Vector) -> Vector:
    """An exact point between ``start`` and Bp's centroid, strictly inside every facet inequality and
    strictly above d on ``pos`` (the first of 60 halvings of the step toward ``start``; ``start`` if none)."""
    ineq = Bp.inequalities
    c = Bp.centroid
    eps = Fraction(1, 2)
    for _ in range(60):
        x = tuple((1 - eps) * s + eps * cc for s, cc in zip(start, c))
        if all(x[i] > d[i] for i in pos) and all(dot(a, x) < b for a, b in ineq):
            return x
        eps /= 2
    return start  # pragma: no cover - start is feasible and the centroid relative-interior


def _propose(Bp: Polytope, d: Vector, alpha: Vector, start: Vector):
    """Barrier-Newton maximiser of f over Bp (float-ok: a proposal, every answer is verified exactly).
    Returns (u, normalized slacks of Bp's facet inequalities)."""
    import numpy as np

    n = len(d)
    pos = [i for i in range(n) if alpha[i] > 0]
    ineq = Bp.inequalities
    x0 = _interior_start(Bp, d, pos, start)
    fl = _floats
    ineq_f = _unit_rows(ineq)   # rows scaled by powers of two: floats hold them whatever their size
    A = np.array([fl(a) for a, _ in ineq_f]) if ineq else np.zeros((0, n))
    bvec = fl([b for _, b in ineq_f]) if ineq else np.zeros(0)
    norms = np.linalg.norm(A, axis=1) if len(A) else np.zeros(0)
    eqs = [e for e, _ in Bp.equations]
    basis = linalg.nullspace(eqs, ncols=n) if eqs else [tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)]
    if not basis:
        return fl(x0), np.zeros(len(ineq))
    W, _ = np.linalg.qr(np.array([fl(v) for v in basis]).T)
    u0 = fl(x0)
    dv = fl(d)
    al = fl(alpha) / float(sum(alpha))  # float-ok: proposal only
    P = np.array(pos)

    phi = partial(_barrier_phi, u0, W, bvec, A, P, dv, al)
    z = np.zeros(W.shape[1])
    mu = 1.0  # float-ok: barrier proposal, verified exactly
    while mu > 1e-13:  # float-ok: barrier parameter of the proposal
        for _ in range(100):
            u = u0 + W @ z
            s = bvec - A @ u
            gap = u[P] - dv[P]
            grad = np.zeros(n)
            grad[P] = al[P] / gap
            grad -= mu * (A.T @ (1.0 / s)) if len(s) else 0.0  # float-ok: barrier proposal, verified exactly
            H = np.zeros((n, n))
            H[P, P] = -al[P] / gap ** 2
            if len(s):
                H -= mu * (A.T * (1.0 / s ** 2)) @ A  # float-ok: barrier proposal, verified exactly
            gz, Hz = W.T @ grad, W.T @ H @ W
            try:
                step = -np.linalg.solve(Hz, gz)
            except np.linalg.LinAlgError:  # pragma: no cover
                break
            dec = float(gz @ step)  # float-ok: barrier proposal, verified exactly
            if dec < 1e-22:  # float-ok: Newton decrement
                break
            t, f0 = 1.0, phi(z, mu)  # float-ok: barrier proposal, verified exactly
            while t > 1e-12 and phi(z + t * step, mu) < f0 + 0.25 * t * float(gz @ step):  # float-ok: barrier proposal, verified exactly
                t *= 0.5  # float-ok: barrier proposal, verified exactly
            if t <= 1e-12:
                break
            z = z + t * step
        mu *= 0.1  # float-ok: barrier proposal, verified exactly
    u = u0 + W @ z
    s = (bvec - A @ u) / np.where(norms > 0, norms, 1.0) if len(A) else np.zeros(0)  # float-ok: barrier proposal, verified exactly
    return u, s


# -- exact solution on a face ------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class NashResult(Displayable):
    """The Nash point: ``payoff`` (Fractions, or sympy numbers when algebraic), ``structure``
    (exact IC; for an algebraic point the rational approximation's), the certificate, a note.

    ``payoff``, ``structure`` and ``certificate`` are None when no point was computed (the note
    says why). ``exact_structure`` is, for an algebraic point, ``(barycentric elements,
    structures)``: the exact structure is their mixture.

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> r = nash_point_local(prob, prob.disagreement())
    >>> r.payoff, r.structure, r.certificate.kind
    ((Fraction(1, 3), Fraction(1, 1)), {'w1': {'a1': Fraction(1, 1)}, 'w2': {'a2': Fraction(1, 1)}}, 'nash-bargaining')
    """

    payoff: tuple | None
    structure: Structure | None
    certificate: Certificate | None
    note: str
    exact_structure: Any = None  # algebraic case: (barycentric elements, structures)


def _affine_basis(points: list[Vector]) -> list[Vector]:
    p0 = points[0]
    diffs = [tuple(a - b for a, b in zip(p, p0)) for p in points[1:]]
    if not diffs:
        return []
    rows, _ = linalg.rref(diffs)
    return list(rows)


def _solve_face(verts: list[Vector], d: Vector, alpha: Vector, pos: list[int], u_float) -> tuple | None:
    """The stationary point of f on aff(verts) near u_float: ("rational", u) or ("algebraic", K, elements)."""
    import mpmath
    import numpy as np

    n = len(d)
    u0 = verts[0]
    D = _affine_basis(verts)
    k = len(D)
    if k == 0:
        return ("rational", u0)
    # split the directions into ones that move the positive-weight coordinates and a kernel
    DP = [[v[i] for i in pos] for v in D]  # k x |P|
    rr, piv = linalg.rref([list(col) for col in zip(*DP)]) if pos else ([], [])  # rows of DP^T
    kernel = linalg.nullspace([list(col) for col in zip(*DP)], ncols=k) if pos else [tuple(Fraction(int(i == j)) for j in range(k)) for i in range(k)]
    Dc = [D[j] for j in piv]
    Dk = [tuple(sum(c * D[j][i] for j, c in enumerate(kv)) for i in range(n)) for kv in kernel]
    # least-squares coordinates of the float proposal
    M = np.array([[float(x) for x in v] for v in Dc + Dk]).T  # float-ok: proposal only
    coords = np.linalg.lstsq(M, np.array(u_float) - np.array([float(x) for x in u0]), rcond=None)[0]  # float-ok: proposal
    kc = len(Dc)
    moved = list(u0)
    for j, v in enumerate(Dk):
        r = Fraction(float(coords[kc + j])).limit_denominator(10 ** 6)  # float-ok: pins a free direction; checked exactly
        moved = [b + r * x for b, x in zip(moved, v)]
    base = tuple(moved)
    if kc == 0:
        return ("rational", base)
    a = [base[i] - d[i] for i in pos]
    C = [[v[i] for i in pos] for v in Dc]  # kc x |P|
    w = [alpha[i] for i in pos]
    mpmath.mp.dps = 100
    wsum = sum(w)
    wn = [x / wsum for x in w]  # the stationary point does not depend on the weights' scale

    def F(*s):
        gaps = [a[t] + sum(s[h] * C[h][t] for h in range(kc)) for t in range(len(pos))]
        return [sum(C[j][t] * w[t] / gaps[t] for t in range(len(pos))) for j in range(kc)]

    mq = _mpf
    am, Cm, wm = [mq(x) for x in a], [[mq(x) for x in r] for r in C], [mq(x) for x in wn]
    s0 = [mpmath.mpf(float(x)) for x in coords[:kc]]  # float-ok: a Newton start, replaced if infeasible
    if min(am[t] + sum(s0[h] * Cm[h][t] for h in range(kc)) for t in range(len(pos))) <= 0:
        s0 = _feasible_start(verts, d, pos, base, C)
        if s0 is None:
            return None
    svals = _newton_ascent(am, Cm, wm, s0)
    if svals is None:
        return None
    # rational attempt (the ascent is accurate to ~90 digits, enough for denominators up to 10**40)
    for bound in (10 ** 3, 10 ** 6, 10 ** 9, 10 ** 14, 10 ** 20, 10 ** 30, 10 ** 40):
        sq = [_mp_fraction(x).limit_denominator(bound) for x in svals]
        gaps = [a[t] + sum(sq[h] * C[h][t] for h in range(kc)) for t in range(len(pos))]
        if all(gp > 0 for gp in gaps) and all(v == 0 for v in F(*sq)):
            return ("rational", tuple(base[i] + sum(sq[h] * Dc[h][i] for h in range(kc)) for i in range(n)))
    return _algebraic_root(base, Dc, a, C, w, pos, svals, n)


def _mpf(q):
    """A Fraction as an mpmath number at the current precision."""
    import mpmath

    return mpmath.mpf(q.numerator) / q.denominator


def _feasible_start(verts, d, pos, base, C):
    """Coordinates s (mpmath) of a point of conv(verts) with every positive-weight agent strictly
    above d (an exact LP: max t, u_i - d_i >= t on P), or None if the face has no such point."""
    import mpmath

    nv = len(verts)
    A_ub = [[-v[i] for v in verts] + [ONE] for i in pos] + [[ZERO] * nv + [ONE]]  # and t <= 1 (bounded)
    b_ub = [-d[i] for i in pos] + [ONE]
    r = solve_lp([ZERO] * nv + [ONE], A_ub=A_ub, b_ub=b_ub, A_eq=[[ONE] * nv + [ZERO]], b_eq=[ONE], maximize=True)
    if r.status != "optimal" or r.value <= 0:
        return None
    lam = r.x[:nv]
    rhs = [sum(h * v[i] for h, v in zip(lam, verts)) - base[i] for i in pos]
    # u_P - base_P lies in the row space of C (full row rank): solve C C^T s = C rhs exactly
    kc = len(C)
    G = [[sum(x * y for x, y in zip(C[j], C[h])) for h in range(kc)] for j in range(kc)]
    s = linalg.solve(G, [sum(x * y for x, y in zip(C[j], rhs)) for j in range(kc)])
    return [mpmath.mpf(q.numerator) / q.denominator for q in s]


def _gaps(am, Cm, s):
    """The gaps a_t + (C^T s)_t of :func:`_newton_ascent` (mpmath)."""
    return [am[t] + sum(s[h] * Cm[h][t] for h in range(len(Cm))) for t in range(len(am))]


def _log_objective(am, Cm, wm, s):
    """sum_t w_t log(gap_t) at s (mpmath), None outside the domain (some gap <= 0)."""
    import mpmath

    gp = _gaps(am, Cm, s)
    if min(gp) <= 0:
        return None
    return mpmath.fsum(wm[t] * mpmath.log(gp[t]) for t in range(len(am)))


def _newton_direction(am, Cm, wm, s):
    """The Newton ascent step of :func:`_log_objective` at s and its decrement grad . step (mpmath)."""
    import mpmath

    kc, npos = len(Cm), len(am)
    gp = _gaps(am, Cm, s)
    grad = mpmath.matrix([mpmath.fsum(Cm[j][t] * wm[t] / gp[t] for t in range(npos)) for j in range(kc)])
    H = mpmath.matrix(kc, kc)
    for j in range(kc):
        for h in range(kc):
            H[j, h] = mpmath.fsum(Cm[j][t] * Cm[h][t] * wm[t] / gp[t] ** 2 for t in range(npos))
    step = mpmath.lu_solve(H, grad)  # ascent direction: minus the Hessian is H (positive definite)
    return [step[j] for j in range(kc)], mpmath.fsum(grad[j] * step[j] for j in range(kc))


def _backtrack(phi, s, step, f0, dec, kc):
    """Armijo backtracking along ``step`` from ``s``: the first s + t step (t = 1, 1/2, ...) with
    phi >= f0 + t dec / 4, as (point, value); None once t < 10^-40."""
    import mpmath

    t = mpmath.mpf(1)
    while True:
        cand = [s[j] + t * step[j] for j in range(kc)]
        f1 = phi(cand)
        if f1 is not None and f1 >= f0 + t * dec / 4:
            return cand, f1
        t /= 2
        if t < mpmath.mpf(10) ** -40:
            return None


def _newton_ascent(am, Cm, wm, s0, iters: int = 400):
    """The maximiser of the strictly concave sum_t w_t log(a_t + (C^T s)_t) (C of full row rank) by
    damped Newton with backtracking from the strictly feasible s0, in mpmath precision; None if it
    does not converge (no maximiser on the affine hull). Globally convergent, unlike an undamped
    root finder on the gradient (which vanishes at infinity and has poles at the gap hyperplanes)."""
    import mpmath

    kc = len(Cm)
    gaps_of = partial(_gaps, am, Cm)
    phi = partial(_log_objective, am, Cm, wm)
    newton = partial(_newton_direction, am, Cm, wm)
    s = list(s0)
    f0 = phi(s)
    if f0 is None:
        return None
    # f is known to about dps digits: once the Newton decrement (~ twice the gap to the optimum) is
    # below that, the line search cannot see progress; a few full steps then converge quadratically
    small = mpmath.mpf(10) ** (-mpmath.mp.dps + 10) * (1 + abs(f0))
    try:
        for _ in range(iters):
            step, dec = newton(s)
            if dec <= small:
                for _ in range(4):
                    cand = [x + y for x, y in zip(s, step)]
                    if min(gaps_of(cand)) <= 0:
                        break
                    s = cand
                    step, _ = newton(s)
                return s
            moved = _backtrack(phi, s, step, f0, dec, kc)
            if moved is None:
                return None
            s, f0 = moved
    except ZeroDivisionError:
        return None
    return None


def _sp_rational(q):
    """A Fraction as a sympy Rational."""
    import sympy as sp

    return sp.Rational(q.numerator, q.denominator)


def _triangular(eqs, gaps, sym):
    """The stationarity system in triangular form: (a univariate polynomial in the last symbol,
    {other symbol: its expression in the last}); with several symbols from a lex Groebner basis
    (gaps kept nonzero by an extra variable), None if the basis is not of that shape."""
    import sympy as sp

    if len(sym) == 1:
        return sp.Poly(eqs[0], sym[0], domain="QQ"), {}
    zsym = sp.Symbol("zz")
    Gb = sp.groebner(eqs + [zsym * sp.prod(gaps) - 1], zsym, *sym, order="lex", domain="QQ")
    last = sym[-1]
    polys = list(Gb.exprs)
    uni = [p for p in polys if p.free_symbols <= {last}]
    if len(uni) != 1:
        return None
    univ = sp.Poly(uni[0], last, domain="QQ")
    others = {}
    for v in sym[:-1]:
        cand = [p for p in polys if v in p.free_symbols and p.free_symbols <= {v, last}
                and sp.Poly(p, v).degree() == 1 and sp.Poly(p, v).LC().free_symbols == set()]
        if not cand:
            return None
        pv = sp.Poly(cand[0], v)
        others[v] = sp.expand(-pv.coeff_monomial(1) / pv.LC())  # v = others[v](last)
    return univ, others


def _nearest_root(univ, x0):
    """The real root of ``univ`` closest to ``x0``, as (distance, irreducible factor, lo, hi) with
    [lo, hi] an isolating interval (the first one found at the least distance); None if no root."""
    import sympy as sp

    best = None
    for fac, _ in univ.factor_list()[1]:
        if fac.degree() < 1:
            continue
        for (lo, hi), _m in fac.intervals():
            lo, hi = Fraction(int(sp.fraction(lo)[0]), int(sp.fraction(lo)[1])), Fraction(int(sp.fraction(hi)[0]), int(sp.fraction(hi)[1]))
            dist = Fraction(0) if lo <= x0 <= hi else min(abs(x0 - lo), abs(x0 - hi))
            if best is None or dist < best[0]:
                best = (dist, fac, lo, hi)
    return best


def _algebraic_root(base, Dc, a, C, w, pos, svals, n):
    """Exact irrational stationary point: univariate polynomial (one direction) or a lex Groebner
    basis with a random linear change of coordinates (several), the root picked next to the
    high-precision Newton solution."""
    import sympy as sp

    kc = len(Dc)
    R = _sp_rational
    rng = random.Random(12345)
    for attempt in range(6):
        L = [[Fraction(int(i == j)) for j in range(kc)] for i in range(kc)]
        if attempt > 0 and kc > 1:
            L[kc - 1] = [Fraction(rng.randint(-3, 3)) for _ in range(kc)]
            L[kc - 1][kc - 1] = ONE
        elif attempt > 0:
            break
        # s = L^{-1} s'  <=> s' = L s; we solve in s' and map back
        Linv = [list(r) for r in zip(*[linalg.solve(L, [Fraction(int(i == j)) for i in range(kc)]) for j in range(kc)])]
        sym = sp.symbols(f"s0:{kc}")
        s_of = [sum(R(Linv[i][j]) * sym[j] for j in range(kc)) for i in range(kc)]
        gaps = [R(a[t]) + sum(s_of[h] * R(C[h][t]) for h in range(kc)) for t in range(len(pos))]
        eqs = []
        for j in range(kc):
            eqs.append(sp.expand(sum(R(C[j][t]) * R(w[t]) * sp.prod([gaps[q] for q in range(len(pos)) if q != t])
                                     for t in range(len(pos)))))
        target = [sum(L[i][j] * _mp_fraction(svals[j]) for j in range(kc)) for i in range(kc)]  # s' of the Newton root
        triangular = _triangular(eqs, gaps, sym)
        if triangular is None:
            continue
        univ, others = triangular
        x0 = target[-1]
        best = _nearest_root(univ, x0)
        if best is None:
            continue
        _, fac, lo, hi = best
        coeffs = [Fraction(int(sp.fraction(c)[0]), int(sp.fraction(c)[1])) for c in reversed(fac.all_coeffs())]
        if lo == hi:  # a rational root: caller's rational attempt should have found it
            continue
        K = NumberField(coeffs, lo, hi)
        K.refine_to(Fraction(1, 10 ** 60))
        lo2, hi2 = K.interval()
        if not (lo2 - Fraction(1, 10 ** 30) <= x0 <= hi2 + Fraction(1, 10 ** 30)):
            continue  # the root next to the Newton solution is not this one
        theta = K.theta()
        sprime = []
        for v in sym[:-1]:
            pe = sp.Poly(others[v], sym[-1], domain="QQ")
            cs = [Fraction(int(sp.fraction(c)[0]), int(sp.fraction(c)[1])) for c in reversed(pe.all_coeffs())]
            sprime.append(K.element(cs))
        sprime.append(theta)
        s_el = [K.linear(Linv[i], sprime) for i in range(kc)]
        u = [K.linear([ONE] + [Dc[h][i] for h in range(kc)], [K.const(base[i])] + s_el) for i in range(n)]
        return ("algebraic", K, u)
    return None


# -- certification ----------------------------------------------------------------------------


def _certify_rational(prob, d, alpha, pos, zero, u) -> NashResult | None:
    if any(u[i] <= d[i] for i in pos) or any(u[j] < d[j] for j in zero):
        return None
    pi = structure_for(prob, u)
    if pi is None:
        return None
    g = tuple(alpha[i] / (u[i] - d[i]) if alpha[i] > 0 else ZERO for i in range(len(d)))
    lp = solve_problem(nash_lp(prob, g, d, zero))
    if lp.status != "optimal":
        return None
    if lp.value is None:  # pragma: no cover - an optimal LPResult has its value
        raise InternalError("nash: an optimal KKT LP without its value")
    if lp.value > dot(g, u):
        return None
    cert = NashCertificate(_game(prob), tuple(alpha), tuple(d), tuple(u), pi, g, lp.certificate)
    cert.verify()
    return NashResult(tuple(u), pi, cert, "")


def _optimal_basis(p: LPProblem):
    """An exactly optimal basis of ``p`` (HiGHS proposes, exact pivots repair), or None."""
    from ..geometry import lp_highs

    if not lp_highs.available():  # pragma: no cover
        return None
    status, basis = lp_highs._highs_solve(p)
    if basis is None:
        return None
    std = lp_highs._Standard(p)
    if len(basis) != std.m or lp_highs._repair(std, basis) is None:
        return None
    return basis


def _dual_matrix(prob, d, zero, basis) -> list[list[Fraction]] | None:
    from ..geometry import lp_highs

    n = len(d)
    cols = []
    for i in range(n):
        e = [Fraction(int(k == i)) for k in range(n)]
        std = lp_highs._Standard(nash_lp(prob, e, d, zero))
        sol = std.solve(basis)
        if sol is None:
            return None
        cols.append(sol[1])
    return [[cols[i][r] for i in range(n)] for r in range(len(cols[0]))]


def _certify_algebraic(prob, B_vertices_structures, d, alpha, pos, zero, K: NumberField, u, verts) -> NashResult | None:
    n = len(d)
    gaps = [K.sub(u[i], K.const(d[i])) for i in range(n)]
    if any(K.sign(gaps[i]) <= 0 for i in pos) or any(K.sign(gaps[j]) < 0 for j in zero):
        return None
    g = [K.scale(alpha[i], K.inverse(gaps[i])) if alpha[i] > 0 else K.const(0) for i in range(n)]
    # a simplex of the face's vertices holding u*
    K.refine_to(Fraction(1, 10 ** 80))
    uq = [_midpoint(K.approx(x, Fraction(1, 10 ** 60))) for x in u]
    simplex = _simplex_for(K, u, uq, verts)
    if simplex is None:
        return None
    S, lam = simplex
    structures = _vertex_structures(prob, B_vertices_structures, S)
    if structures is None:
        return None
    # the parametric dual: an optimal basis for a close rational gradient
    gq = [_midpoint(K.approx(x, Fraction(1, 10 ** 50))) for x in g]
    basis = _optimal_basis(nash_lp(prob, gq, d, zero))
    if basis is None:
        return None
    Y = _dual_matrix(prob, d, zero, basis)
    if Y is None:
        return None
    # the rational approximation: theta_q inside the refined interval, positive weights stay positive
    _refine_until_positive(K, lam)
    distance = Fraction(1, 10 ** 30)
    lo, hi = K.interval()
    tq = (lo + hi) / 2
    from ..numberfield import poly_eval

    lamq = [poly_eval(list(x), tq) for x in lam]
    if any(x < 0 for x in lamq):
        return None
    approx_pi = _mixture(prob, lamq, structures)
    approx_u = tuple(prob.payoff(approx_pi))
    cert = AlgebraicNashCertificate(_game(prob), tuple(alpha), tuple(d), tuple(K.poly), (K.lo0, K.hi0), tuple(u), tuple(g),
                                    tuple(structures), tuple(lam), tuple(tuple(r) for r in Y), approx_u, approx_pi, distance)
    try:
        cert.verify()
    except CertificateError:
        return None
    return NashResult(cert.payoff_sympy(), approx_pi, cert,
                      f"irrational point (exact in Q(theta), theta a root of a degree-{K.degree} polynomial); "
                      f"the structure attains a rational point within {fmt(distance)} of it (the exact algebraic "
                      f"structure is the certificate's barycentric mixture of its structures)", (lam, structures))


def _vertex_structures(prob: BargainingProblem, known: dict, S: list) -> list[Structure] | None:
    """An IC structure per point of ``S``: the known one, else one found by :func:`structure_for`;
    None if some point has none."""
    structures = []
    for v in S:
        pi = known.get(v) or structure_for(prob, v)
        if pi is None:
            return None
        structures.append(pi)
    return structures


def _refine_until_positive(K: NumberField, lam: list) -> None:
    """Refine theta's interval until each nonzero element of ``lam`` has a positive lower bound
    (at most 400 refinements per element)."""
    for x in lam:
        if not K.is_zero(x):
            for _ in range(400):
                lo, hi = K.enclose(x)
                if lo > 0:
                    break
                K.refine()


def _mixture(prob: BargainingProblem, weights: list[Fraction], structures: list[Structure]) -> Structure:
    """sum_l weights_l structures_l, entry by entry (zero weights skipped; every state present)."""
    approx_pi: Structure = {w: {} for w in prob.states}
    for c, pi in zip(weights, structures):
        if c:
            for w, row in pi.items():
                for act, q in row.items():
                    approx_pi[w][act] = approx_pi[w].get(act, ZERO) + c * q
    return approx_pi


def _midpoint(interval: tuple[Fraction, Fraction]) -> Fraction:
    """The midpoint of an enclosure (lo, hi), exactly."""
    lo, hi = interval
    return (lo + hi) / 2


def _simplex_for(K: NumberField, u, uq, verts):
    """Affinely independent vertices S and algebraic weights lam >= 0 with sum lam_l S_l = u."""
    n = len(u)
    cands = []
    r = solve_lp([0] * len(verts), A_eq=[[v[i] for v in verts] for i in range(n)] + [[1] * len(verts)], b_eq=list(uq) + [1])
    if r.status == "optimal":
        if r.x is None:  # pragma: no cover - an optimal LPResult has its point
            raise InternalError("nash: an optimal LP without its point")
        cands.append([verts[j] for j, x in enumerate(r.x) if x])
    dim = len(_affine_basis(verts))
    for comb in itertools.islice(itertools.combinations(verts, dim + 1), 2000):
        cands.append(list(comb))
    for S in cands:
        Dm = _affine_basis(S)
        if len(Dm) != len(S) - 1:
            continue
        # solve sum_l lam_l S_l = u, sum lam = 1 via a rational left inverse of [S; 1]
        M = [[v[i] for v in S] for i in range(n)] + [[ONE] * len(S)]
        MT = [list(col) for col in zip(*M)]
        G = [[sum(a * b for a, b in zip(r1, r2)) for r2 in MT] for r1 in MT]  # S^T S (|S| x |S|), nonsingular
        try:
            inv_cols = [linalg.solve(G, [Fraction(int(i == j)) for i in range(len(S))]) for j in range(len(S))]
        except ZeroDivisionError:
            continue
        Ginv = [list(r) for r in zip(*inv_cols)]
        left = [[sum(Ginv[a][b] * MT[b][c] for b in range(len(S))) for c in range(n + 1)] for a in range(len(S))]
        rhs = list(u) + [K.const(1)]
        lam = [K.linear(row, rhs) for row in left]
        if any(K.sign(x) < 0 for x in lam):
            continue
        if all(K.linear([v[i] for v in S], lam) == u[i] for i in range(n)) and K.linear([ONE] * len(S), lam) == K.const(1):
            return S, lam
    return None


def _candidate_faces(Bp: Polytope, slacks) -> list[list[Vector]]:
    ineq = Bp.inequalities
    out, seen = [], set()
    for tau in (1e-8, 1e-6, 1e-10, 1e-4, 1e-12, 1e-3):  # float-ok: thresholds on the proposal's slacks
        T = [k for k, s in enumerate(slacks) if s <= tau]
        verts = [v for v in Bp.vertices if all(dot(ineq[k][0], v) == ineq[k][1] for k in T)]
        key = frozenset(verts)
        if verts and key not in seen:
            seen.add(key)
            out.append(verts)
    return out


def _start(prob: BargainingProblem, d: Vector, weights):
    """The common first step: weights, the sets P and Z, and the answer d (certified) when no feasible point
    improves on d for every positive-weight agent. Returns (n, alpha, d, pos, zero, pi, result or None)."""
    n = len(prob.agents)
    alpha = nash_weights(weights, n)
    d = tuple(d)
    pos = [i for i in range(n) if alpha[i] > 0]
    zero = [i for i in range(n) if alpha[i] == 0]
    t, pi, ville = _margin(prob, d, pos, zero)
    if t > 0:
        return n, alpha, d, pos, zero, pi, None
    lp = solve_problem(nash_lp(prob, ville, d, zero))
    cert = NashDisagreementCertificate(_game(prob), alpha, d, ville, lp.certificate)
    cert.verify()
    return n, alpha, d, pos, zero, pi, NashResult(
        d, prob.disagreement_structure(), cert,
        "no feasible point improves on d for every agent with positive weight: the Nash product is 0 "
        "on the whole feasible set, d is reported")


def nash_point(prob: BargainingProblem, B: BargainingSet, d: Vector, weights=None) -> NashResult:
    """The weighted Nash solution over the bargaining set B (see the module doc).

    Maximises sum_{i in P} alpha_i log(u_i - d_i) over u in B with u_j >= d_j on Z: the answer d
    (certified) when no point improves every positive-weight agent, else the face named by the
    float proposal, then if need be every face of the feasible set, lowest dimension first, until
    one yields a certified stationary point.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    B : BargainingSet
        Its bargaining set (vertex structures are reused by the algebraic certificate).
    d : Vector
        The disagreement payoffs.
    weights : sequence of numbers, optional
        alpha, nonnegative, not all zero (default all 1).

    Returns
    -------
    NashResult
        The point with its verified certificate.

    Raises
    ------
    InputError
        Invalid weights.
    CertificateError
        No face yields a certified point (a bug; it does not happen for legitimate inputs).

    >>> from exactgame.bargaining.bargaining_set import bargaining_set
    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> r = nash_point(prob, bargaining_set(prob), prob.disagreement(), [2, 1])
    >>> r.payoff, r.certificate.gradient
    ((Fraction(4, 9), Fraction(8, 9)), (Fraction(9, 2), Fraction(9, 2)))
    """
    n, alpha, d, pos, zero, pi, done = _start(prob, d, weights)
    if done is not None:
        return done
    P = B.polytope
    if zero:
        ineq = [a for a, _ in P.inequalities] + [tuple(-ONE if k == j else ZERO for k in range(n)) for j in zero]
        rhs = [b for _, b in P.inequalities] + [-d[j] for j in zero]
        Bp = Polytope.from_inequalities(ineq, rhs, [e for e, _ in P.equations] or None, [f for _, f in P.equations] or None)
    else:
        Bp = P
    u_float, slacks = _propose(Bp, d, alpha, prob.payoff(pi))
    tried = []
    faces = _candidate_faces(Bp, slacks)
    for verts in faces:
        res = _try_face(prob, B, d, alpha, pos, zero, verts, u_float)
        tried.append(frozenset(verts))
        if res is not None:
            return res
    # complete fallback: every face of the feasible set, lowest dimension first
    for F in Bp.faces():
        if frozenset(F.vertices) in tried:
            continue
        res = _try_face(prob, B, d, alpha, pos, zero, list(F.vertices), u_float)
        if res is not None:
            return res
    raise CertificateError("nash: no face of the bargaining set yields a certified Nash point (a bug; please report)")


def _try_face(prob, B, d, alpha, pos, zero, verts, u_float) -> NashResult | None:
    sol = _solve_face(verts, d, alpha, pos, u_float)
    if sol is None:
        return None
    if sol[0] == "rational":
        u = sol[1]
        return _certify_rational(prob, d, alpha, pos, zero, u)
    _, K, u = sol
    return _certify_algebraic(prob, B.structures, d, alpha, pos, zero, K, u, verts)


# -- without the whole bargaining set: propose in the IC polytope, grow only the face -------------


def _ic_float_system(prob: BargainingProblem, d: Vector, zero: list[int]):
    """Float rows G x <= h of the IC polytope with IR rows for ``zero`` and x >= 0, and A_eq x = 1
    (float-ok: the proposal; exact LPs decide everything)."""
    import numpy as np

    lp = nash_lp(prob, [ZERO] * len(d), d, zero)
    m = lp.n
    rows = _unit_rows(list(zip(lp.A_ub, lp.b_ub)))   # scaled by powers of two (the same inequalities)
    G = np.array([[float(v) for v in r] for r, _ in rows] + [[-float(int(k == j)) for k in range(m)] for j in range(m)])  # float-ok
    h = np.array([float(v) for _, v in rows] + [0.0] * m)  # float-ok
    E = np.array([[float(v) for v in r] for r in lp.A_eq])  # float-ok
    return lp, G, h, E


def _unit_rows(rows):
    """Each inequality ``(a, b)`` divided by the power of two nearest its largest entry (exact; the
    same half-space), so that a float proposal can hold rows of any magnitude."""
    out = []
    for a, b in rows:
        top = max([abs(x) for x in a] + [abs(b)])
        if not top:
            out.append((tuple(a), b))
            continue
        k = top.numerator.bit_length() - top.denominator.bit_length()
        c = Fraction(2) ** -k
        out.append((tuple(x * c for x in a), b * c))
    return out


def _implicit_rows(G, h, E, m, nr, r):
    """The rows of G x <= h (with E x = 1) tight on the whole set, and the float LP points found
    (float-ok: a proposal): rows left at zero capped slack by the capped-sum LP ``r`` are
    re-examined alone until none can move (a zero optimum means each is tight everywhere)."""
    import numpy as np
    from scipy.optimize import linprog

    flagged = [k for k in range(nr) if r.x[m + k] < 1e-9]  # float-ok
    points = [r.x[:m]]
    while flagged:
        nf = len(flagged)
        cf = np.concatenate([np.zeros(m), -np.ones(nf)])
        Af = np.vstack([np.hstack([G, np.zeros((nr, nf))]), np.hstack([G[flagged], np.eye(nf)])])
        bf = np.concatenate([h, h[flagged]])
        rf = linprog(cf, A_ub=Af, b_ub=bf, A_eq=np.hstack([E, np.zeros((len(E), nf))]), b_eq=np.ones(len(E)),
                     bounds=[(None, None)] * m + [(0, 1)] * nf, method="highs")
        if rf.status != 0:
            break
        moved = [k for t_k, k in zip(rf.x[m:], flagged) if t_k > 1e-9]  # float-ok
        if not moved:
            break
        points.append(rf.x[:m])
        flagged = [k for k in flagged if k not in set(moved)]
    return flagged, points


def _structure_floats(prob, start, m):
    """A structure as the float vector x of the IC LPs' variables (state-major; float-ok: a proposal)."""
    import numpy as np

    xs = np.zeros(m)
    nA = len(prob.actions)
    for ti, w in enumerate(prob.states):
        for a, q in start[w].items():
            xs[ti * nA + prob.actions.index(a)] = float(q)  # float-ok
    return xs


def _strict_start(xs, x_lp, Gf, hf, Pm, dv, pos):
    """The first point (1 - eps) xs + eps x_lp (eps = 1/2 down to 10^-6) strictly inside the free
    rows with every positive-weight agent strictly above d, or None (float-ok: a proposal)."""
    for eps in (0.5, 0.25, 0.1, 0.01, 1e-3, 1e-4, 1e-6):  # float-ok
        x = (1 - eps) * xs + eps * x_lp
        if (hf - Gf @ x).min() > 0 and ((Pm @ x - dv)[pos]).min() > 0:
            return x
    return None


def _ic_barrier_phi(x0, N, hf, Gf, Pm, dv, pos, al, z, mu):
    """The barrier objective of :func:`_propose_ic` at x = x0 + N z, -inf outside (float-ok: a proposal)."""
    import numpy as np

    x = x0 + N @ z
    s = hf - Gf @ x
    gap = (Pm @ x - dv)[pos]
    if s.min() <= 0 or gap.min() <= 0:
        return -np.inf
    return float(al[pos] @ np.log(gap) + mu * np.sum(np.log(s)))  # float-ok


def _propose_ic(prob: BargainingProblem, d: Vector, alpha: Vector, zero: list[int], start: Structure):
    """Barrier-Newton maximiser of f(E(u|pi)) over IC pi (float-ok: a proposal). Returns (u, x, row
    slacks, implicit rows) with rows = the LP's inequality rows followed by x >= 0."""
    import numpy as np
    from scipy.optimize import linprog

    lp, G, h, E = _ic_float_system(prob, d, zero)
    m = lp.n
    nr = len(h)
    Pm = np.array([[float(v) for v in r] for r in payoff_rows(prob)])  # float-ok
    dv = np.array([float(v) for v in d])  # float-ok
    pos = [i for i in range(len(d)) if alpha[i] > 0]
    al = np.array([float(a) for a in alpha]) / float(sum(alpha))  # float-ok
    # a relative-interior point: max sum t_k, t_k <= slack_k, 0 <= t_k <= 1 (float LP)
    c = np.concatenate([np.zeros(m), -np.ones(nr)])
    A_ub = np.hstack([G, np.eye(nr)])
    r = linprog(c, A_ub=A_ub, b_ub=h, A_eq=np.hstack([E, np.zeros((len(E), nr))]), b_eq=np.ones(len(E)),
                bounds=[(None, None)] * m + [(0, 1)] * nr, method="highs")
    if r.status != 0:
        return None
    implicit, points = _implicit_rows(G, h, E, m, nr, r)
    xs = _structure_floats(prob, start, m)
    x_lp = np.mean(points, axis=0)
    eq = np.vstack([E] + ([G[implicit]] if implicit else []))
    _, sv, vt = np.linalg.svd(eq)
    rank = int(np.sum(sv > 1e-10 * max(1.0, sv.max())))  # float-ok
    N = vt[rank:].T
    free = [k for k in range(nr) if k not in set(implicit)]
    Gf, hf = G[free], h[free]
    x0 = _strict_start(xs, x_lp, Gf, hf, Pm, dv, pos)
    if x0 is None or N.shape[1] == 0:
        return None
    phi = partial(_ic_barrier_phi, x0, N, hf, Gf, Pm, dv, pos, al)
    z = np.zeros(N.shape[1])
    PN = Pm @ N
    GN = Gf @ N
    mu = 1.0  # float-ok: barrier proposal, verified exactly
    while mu > 1e-13:  # float-ok
        for _ in range(100):
            x = x0 + N @ z
            s = hf - Gf @ x
            gap = (Pm @ x - dv)[pos]
            wgt = np.zeros(len(d))
            wgt[pos] = al[pos] / gap
            grad = PN.T @ wgt - mu * GN.T @ (1.0 / s)  # float-ok: barrier proposal, verified exactly
            curv = np.zeros(len(d))
            curv[pos] = al[pos] / gap ** 2
            H = -(PN.T * curv) @ PN - mu * (GN.T * (1.0 / s ** 2)) @ GN  # float-ok: barrier proposal, verified exactly
            try:
                step = -np.linalg.solve(H, grad)
            except np.linalg.LinAlgError:  # pragma: no cover
                break
            dec = float(grad @ step)  # float-ok: barrier proposal, verified exactly
            if dec < 1e-22:  # float-ok
                break
            t, f0 = 1.0, phi(z, mu)  # float-ok: barrier proposal, verified exactly
            while t > 1e-12 and phi(z + t * step, mu) < f0 + 0.25 * t * dec:  # float-ok: barrier proposal, verified exactly
                t *= 0.5  # float-ok: barrier proposal, verified exactly
            if t <= 1e-12:
                break
            z = z + t * step
        mu *= 0.05  # float-ok: barrier proposal, verified exactly
    x = x0 + N @ z
    slack = np.full(nr, 0.0)  # float-ok: barrier proposal, verified exactly
    slack[free] = (hf - Gf @ x) / np.maximum(np.linalg.norm(Gf, axis=1), 1e-300)
    return Pm @ x, x, slack, implicit


def _grow_hull(found, probe) -> None:
    """Grow the hull of ``found`` with the LP oracle ``probe`` (which adds the maximiser it finds to
    ``found`` and returns the maximum): probe each new facet normal and both signs of each
    equation until no probe exceeds its right-hand side."""
    done = set()
    while True:
        P = Polytope.from_points(list(found))
        directions = list(P.inequalities) + list(P.equations) + [(tuple(-x for x in e), -f) for e, f in P.equations]
        grew = False
        for a, b in directions:
            if (a, b) in done:
                continue
            if probe(list(a)) > b:
                grew = True
            else:
                done.add((a, b))
        if not grew:
            break


def _face_set(prob: BargainingProblem, d: Vector, zero: list[int], tight: list[int]):
    """The image in payoff space of the face of {IC pi, E(u_j|pi) >= d_j on zero} where the rows
    ``tight`` (the LP's inequality rows, then x_k >= 0 as row len(A_ub) + k) hold with equality:
    grown exactly with an LP oracle, as :func:`~exactgame.bargaining.bargaining_set.bargaining_set`
    grows B. Returns (vertices, {vertex: structure}) or None if the face is empty."""
    base = nash_lp(prob, [ZERO] * len(d), d, zero)
    rows = payoff_rows(prob)
    m = base.n
    mu = len(base.A_ub)
    eq_rows = list(base.A_eq) + [list(base.A_ub[k]) for k in tight if k < mu] + \
        [[ONE if j == k - mu else ZERO for j in range(m)] for k in tight if k >= mu]
    eq_rhs = list(base.b_eq) + [base.b_ub[k] for k in tight if k < mu] + [ZERO for k in tight if k >= mu]
    n = len(d)
    found: dict[Vector, Structure] = {}

    def probe(a):
        c = [sum(ai * r[k] for ai, r in zip(a, rows)) for k in range(m)]
        r = solve_problem(LPProblem.make(c, base.A_ub, base.b_ub, eq_rows, eq_rhs, maximize=True))
        if r.status != "optimal":
            return None
        pi = structure_from_x(prob, r.x)
        u = tuple(prob.payoff(pi))
        found.setdefault(u, pi)
        return r.value

    for i in range(n):
        for sgn in (1, -1):
            if probe([Fraction(sgn * int(k == i)) for k in range(n)]) is None:
                return None
    _grow_hull(found, probe)
    P = Polytope.from_points(list(found))
    return list(P.vertices), {v: found[v] for v in P.vertices}


def nash_point_local(prob: BargainingProblem, d: Vector, weights=None) -> NashResult | None:
    """The Nash point without the whole bargaining set: a float proposal over the IC polytope, the
    face of B it names grown exactly, then the same exact face solve and certificates as
    :func:`nash_point`. None if no candidate face certifies (the caller then builds B).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    d : Vector
        The disagreement payoffs.
    weights : sequence of numbers, optional
        alpha, nonnegative, not all zero (default all 1).

    Returns
    -------
    NashResult or None
        The point with its verified certificate, or None (then call :func:`nash_point` with B).

    Raises
    ------
    InputError
        Invalid weights.

    With weights (1, 0) agent A's gain is maximised while agent B is only held at d_B:

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> prob.disagreement(), nash_point_local(prob, prob.disagreement(), [1, 0]).payoff
    ((Fraction(0, 1), Fraction(2, 3)), (Fraction(2, 3), Fraction(2, 3)))
    
    """
    n, alpha, d, pos, zero, pi, done = _start(prob, d, weights)
    if done is not None:
        return done
    prop = _propose_ic(prob, d, alpha, zero, pi)
    if prop is None:
        return None
    u_float, _, slack, implicit = prop
    seen = set()
    for tau in (1e-8, 1e-6, 1e-10, 1e-4):  # float-ok: thresholds on the proposal's slacks
        tight = sorted(set(implicit) | {k for k, s in enumerate(slack) if k not in implicit and s <= tau})
        key = tuple(tight)
        if key in seen:
            continue
        seen.add(key)
        face = _face_set(prob, d, zero, tight)
        if face is None:
            continue
        verts, structures = face
        res = _try_face_local(prob, structures, d, alpha, pos, zero, verts, u_float)
        if res is not None:
            return res
    return None


def _try_face_local(prob, structures, d, alpha, pos, zero, verts, u_float) -> NashResult | None:
    sol = _solve_face(verts, d, alpha, pos, u_float)
    if sol is None:
        return None
    if sol[0] == "rational":
        return _certify_rational(prob, d, alpha, pos, zero, sol[1])
    _, K, u = sol
    return _certify_algebraic(prob, structures, d, alpha, pos, zero, K, u, verts)
