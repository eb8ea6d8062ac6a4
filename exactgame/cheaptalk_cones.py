r"""Cheap talk with many states: the quasiconcave envelope from the receiver's cones, without vertices.

With a state-independent sender (000_2cf035f6c25283ea.txt, Section 4, transparent motives) V is
constant on each receiver cell :math:`C_a = \{q \in \Delta : \sum_\omega q_\omega
(u_R(\omega, a) - u_R(\omega, b)) \ge 0\ \forall b\}` and
:math:`\operatorname{quasicav} V(p) = \max\{t : p \in \operatorname{conv} \bigcup_{u_S(a) \ge t} C_a\}`.
The vertex method (:func:`~exactgame.geometry.envelope.quasiconcave_envelope_at` over
:func:`~exactgame.games.cells.best_response_cells`) enumerates the cells' vertices, whose number
grows like the subsets of states (8 states x 5 actions: about 50 s). Here nothing is enumerated:
the inequalities of :math:`C_a` are homogeneous, so :math:`\operatorname{cone} C_a = \{y \ge 0 :
\sum_\omega y_\omega d_{ab,\omega} \ge 0\}` with :math:`d_{ab} = u_R(\cdot, a) - u_R(\cdot, b)`, and

.. math:: p \in \operatorname{conv} \bigcup_{a \in L} C_a \iff \exists\, y_a \in \operatorname{cone} C_a\
          (a \in L):\ \textstyle\sum_a y_a = p

(write :math:`y_a = \lambda_a q_a`; the weights :math:`\lambda_a = \sum_\omega y_{a\omega}` sum to 1
because p does). One LP with :math:`|L| \cdot n` variables per level, levels from the top: its cost
follows the number of receiver actions and states. The first feasible level t is the value; its
solution is the splitting, and for the level above, the LP's infeasibility gives a separator
:math:`y` with :math:`y \cdot p < 0` and multipliers :math:`\lambda_{ab} \ge 0`,
:math:`y_\omega \ge \sum_b \lambda_{ab} d_{ab,\omega}`, so :math:`y \cdot q \ge 0` on every cell worth
more than t and p is outside their hull (:class:`ConeLevelCertificate`; the same witness the
independent checker reads, ``quasiconcave-envelope-level``).

The equilibrium (Lipnowski and Ravid 2020) splits p into *t-securable* beliefs, where best
responses a, b with :math:`u_S(a) \ge t \ge u_S(b)` exist: the cones of :math:`C_a \cap C_b`,
again one LP (:func:`securable_splitting`), minimising :math:`\sum_i \lambda_i \lVert q_i - p \rVert_1`
(beliefs near the prior, as the vertex method's choice).

>>> from exactgame.catalogue import load
>>> g = load("efficiency_example1")
>>> e = quasicav_by_cones(g, ("1/2", "1/2"))
>>> e.value, e.certificate.verify()                       # the paper's quasicav V(1/2) = 3
(Fraction(3, 1), True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from .certificates import Certificate, decode_vector, encode, require
from .errors import InputError, InternalError, TooLargeError
from .games.model import SenderReceiverGame
from .geometry import solve_lp
from .geometry.envelope import EnvelopeValue
from .numbers import Vector, to_fraction, to_vector

__all__ = ["ConeLevelCertificate", "quasicav_by_cones", "securable_splitting", "nonempty_cells", "separator_multipliers", "STATE_DEPENDENT",
           "MAX_CONE_VARIABLES"]

#: Refuse an LP of the cone method with more variables than this.
MAX_CONE_VARIABLES = 200_000

ZERO = Fraction(0)

#: The refusal of a state-dependent sender (transparent motives need the same row in every state).
STATE_DEPENDENT = ("cheap talk with transparent motives needs a state-independent sender payoff "
                   "(the same row in every state of [payoffs.sender])")


def _d(R: Sequence[Sequence[Fraction]], j: int, k: int) -> list[Fraction]:
    """:math:`u_R(\\cdot, a_j) - u_R(\\cdot, a_k)` over the states (``R[w][j]``)."""
    return [row[j] - row[k] for row in R]


def _matrix(game: SenderReceiverGame) -> list[list[Fraction]]:
    return [list(game.receiver[w]) for w in game.states]


def separator_multipliers(R: Sequence[Sequence[Fraction]], y: Sequence[Fraction], j: int) -> list[Fraction] | None:
    r"""Multipliers :math:`\lambda \ge 0` (one per other action) with
    :math:`y_\omega \ge \sum_b \lambda_b (u_R(\omega, a_j) - u_R(\omega, a_b))` for every state, or None.

    Then :math:`y \cdot q \ge 0` on the receiver's cell of :math:`a_j`. Found by the LP
    max z s.t. :math:`z + \sum_b \lambda_b d_b \le y` (z free, at most 1): multipliers exist iff z >= 0.

    Parameters
    ----------
    R : matrix
        ``R[w][a]``: the receiver's payoffs.
    y : vector
        The separator, one entry per state.
    j : int
        The action's index.

    Returns
    -------
    list of Fraction or None
        The multipliers of the other actions in order, None if there are none.

    >>> F = Fraction
    >>> separator_multipliers([[F(1), F(0)], [F(0), F(1)]], [F(1), F(-1)], 0)   # q1 >= q2 on a0's cell
    [Fraction(1, 1)]
    """
    m = len(R[0])
    others = [k for k in range(m) if k != j]
    rows = [[Fraction(1), Fraction(-1)] + [R[w][j] - R[w][k] for k in others] for w in range(len(R))]
    rows.append([Fraction(1), ZERO] + [ZERO] * len(others))
    r = solve_lp([1, -1] + [0] * len(others), A_ub=rows, b_ub=list(y) + [Fraction(1)], maximize=True)
    if r.status != "optimal" or r.value is None or r.value < 0 or r.x is None:
        return None
    return list(r.x[2:])


def nonempty_cells(game: SenderReceiverGame) -> dict[str, Vector]:
    """``{action: a belief where it is a best response}`` for the actions that are one somewhere.

    One feasibility LP per action over the simplex (the cell's homogeneous inequalities).

    Parameters
    ----------
    game : SenderReceiverGame
        The game.

    Returns
    -------
    dict of str to vector

    >>> from exactgame.catalogue import load
    >>> sorted(nonempty_cells(load("efficiency_example1")))
    ['a0', 'a1', 'a2', 'a3', 'a4']
    """
    R, n, m = _matrix(game), len(game.states), len(game.actions)
    out = {}
    for j, a in enumerate(game.actions):
        rows = [[-x for x in _d(R, j, k)] for k in range(m) if k != j]
        r = solve_lp([0] * n, A_ub=rows or None, b_ub=[ZERO] * len(rows) or None, A_eq=[[Fraction(1)] * n], b_eq=[1])
        if r.status == "optimal" and r.x is not None:
            out[a] = tuple(r.x)
    return out


def _cone_lp(R, groups: Sequence[Sequence[int]], p: Vector, l1: bool = False):
    """Feasibility (or, with ``l1``, min sum_i |y_i - lambda_i p|_1) of ``sum_i y_i = p``, each
    ``y_i >= 0`` in the cone where every action of ``groups[i]`` is a best response."""
    n, m, G = len(p), len(R[0]), len(groups)
    width = 2 * n if l1 else n
    nvar = G * width
    if nvar > MAX_CONE_VARIABLES:
        raise TooLargeError(f"the cone LP would have {nvar} variables (MAX_CONE_VARIABLES = {MAX_CONE_VARIABLES})")
    A_ub: list[list[Fraction]] = []
    for i, grp in enumerate(groups):
        for j in grp:
            for k in range(m):
                if k != j:
                    row = [ZERO] * nvar
                    row[i * width:i * width + n] = [-x for x in _d(R, j, k)]
                    A_ub.append(row)
        if l1:   # e_w >= +-(y_w - lambda p_w), lambda = sum y
            for w in range(n):
                for sgn in (1, -1):
                    row = [ZERO] * nvar
                    for v in range(n):
                        row[i * width + v] = sgn * ((1 if v == w else 0) - p[w])
                    row[i * width + n + w] = Fraction(-1)
                    A_ub.append(row)
    A_eq = [[Fraction(1) if v % width == w else ZERO for v in range(nvar)] for w in range(n)]
    c = [Fraction(1) if l1 and v % width >= n else ZERO for v in range(nvar)]
    r = solve_lp(c, A_ub=A_ub or None, b_ub=[ZERO] * len(A_ub) or None, A_eq=A_eq, b_eq=list(p))
    return r, width


def _split(r, groups, width: int, n: int) -> list[tuple[Fraction, Vector, int]]:
    """(weight, belief, group index) of an optimal cone LP, groups with zero weight dropped."""
    out = []
    for i in range(len(groups)):
        y = r.x[i * width:i * width + n]
        lam = sum(y, ZERO)
        if lam:
            out.append((lam, tuple(v / lam for v in y), i))
    return out


@dataclass(frozen=True)
class ConeLevelCertificate(Certificate):
    r"""``quasicav V(p) = value`` for a state-independent sender, from the game alone (module doc).

    ``splitting``: (weight, belief, action index) with weights averaging the beliefs to p, the
    action a best response at its belief and worth at least ``value``; ``separator`` y with
    ``y . p < 0`` and, for every action worth more than ``value``, ``multipliers`` proving
    ``y . q >= 0`` on its cell (None when no action is worth more).

    >>> from exactgame.catalogue import load
    >>> c = quasicav_by_cones(load("efficiency_example1"), ("1/2", "1/2")).certificate
    >>> c.verify(), ConeLevelCertificate._from_data(c.to_dict()) == c
    (True, True)
    """

    kind = "cheaptalk-cone-level"
    receiver: tuple[Vector, ...]      # R[w][a]
    sender: Vector                    # u_S(a)
    point: Vector
    value: Fraction
    splitting: tuple[tuple[Fraction, Vector, int], ...]
    separator: Vector | None
    multipliers: tuple[tuple[int, Vector], ...]

    def _check(self) -> None:
        R, uS, p, n, m = self.receiver, self.sender, self.point, len(self.point), len(self.sender)
        require(len(R) == n and all(len(r) == m for r in R), "cone level: the payoff matrix does not fit")
        require(all(w > 0 for w, _, _ in self.splitting) and sum((w for w, _, _ in self.splitting), ZERO) == 1,
                "cone level: the weights are not a distribution")
        for w_, q, j in self.splitting:
            require(len(q) == n and all(x >= 0 for x in q) and sum(q, ZERO) == 1, "cone level: a belief is not one")
            ev = [sum((q[w] * R[w][k] for w in range(n)), ZERO) for k in range(m)]
            require(ev[j] == max(ev), f"cone level: action {j} is not a best response at its belief")
            require(uS[j] >= self.value, f"cone level: action {j} is worth less than the value")
        require(all(sum((w * q[i] for w, q, _ in self.splitting), ZERO) == p[i] for i in range(n)),
                "cone level: the beliefs do not average to the point")
        higher = {j for j in range(m) if uS[j] > self.value}
        if not higher:
            require(self.separator is None, "cone level: a separator given for the top level")
            return
        y = self.separator
        require(y is not None and len(y) == n, "cone level: the separator for the higher levels is missing")
        assert y is not None
        require(sum((a * b for a, b in zip(y, p)), ZERO) < 0, "cone level: the separator does not cut off the point")
        lam = dict(self.multipliers)
        for j in higher:
            require(j in lam and len(lam[j]) == m - 1 and all(x >= 0 for x in lam[j]),
                    f"cone level: no nonnegative multipliers for action {j}")
            others = [k for k in range(m) if k != j]
            for w in range(n):
                require(y[w] >= sum((x * (R[w][j] - R[w][k]) for x, k in zip(lam[j], others)), ZERO),
                        f"cone level: the multipliers of action {j} fail in state {w}")

    def _data(self) -> dict[str, Any]:
        return {"receiver": encode(self.receiver), "sender": encode(self.sender), "point": encode(self.point),
                "value": encode(self.value),
                "splitting": [{"weight": encode(w), "belief": encode(q), "action": j} for w, q, j in self.splitting],
                "separator": None if self.separator is None else encode(self.separator),
                "multipliers": {str(j): encode(v) for j, v in self.multipliers}}

    @classmethod
    def _from_data(cls, d):
        return cls(tuple(decode_vector(r, "receiver") for r in d["receiver"]), decode_vector(d["sender"], "sender"),
                   decode_vector(d["point"], "point"), to_fraction(d["value"], where="value"),
                   tuple((to_fraction(s["weight"], where="weight"), decode_vector(s["belief"], "belief"), int(s["action"]))
                         for s in d["splitting"]),
                   None if d.get("separator") is None else decode_vector(d["separator"], "separator"),
                   tuple((int(j), decode_vector(v, "multipliers")) for j, v in d["multipliers"].items()))


def _sender(game: SenderReceiverGame) -> list[Fraction]:
    rows = {tuple(game.sender[w]) for w in game.states}
    if len(rows) != 1:
        raise InputError(STATE_DEPENDENT)
    return list(next(iter(rows)))


def quasicav_by_cones(game: SenderReceiverGame, p: Iterable[Any]) -> EnvelopeValue:
    """``quasicav V(p)`` for a state-independent sender, one cone LP per level (module doc).

    Parameters
    ----------
    game : SenderReceiverGame
        A game whose sender payoff does not depend on the state.
    p : vector
        The prior.

    Returns
    -------
    EnvelopeValue
        The value, the splitting ``(weight, belief, action index)`` and a verified
        :class:`ConeLevelCertificate`.

    Raises
    ------
    InputError
        A state-dependent sender.
    TooLargeError
        An LP beyond :data:`MAX_CONE_VARIABLES`.

    >>> from exactgame.catalogue import load
    >>> [s[2] for s in quasicav_by_cones(load("efficiency_example1"), ("1/2", "1/2")).splitting]
    [1, 3]
    """
    pv = to_vector(p, where="quasicav_by_cones: p")
    uS, R = _sender(game), _matrix(game)
    idx = {a: j for j, a in enumerate(game.actions)}
    live = [idx[a] for a in nonempty_cells(game)]
    separator: Vector | None = None
    for t in sorted({uS[j] for j in live}, reverse=True):
        L = [j for j in live if uS[j] >= t]
        r, width = _cone_lp(R, [[j] for j in L], pv)
        if r.status == "optimal" and r.x is not None:
            splitting = tuple((w, q, L[i]) for w, q, i in _split(r, [[j] for j in L], width, len(pv)))
            higher = [j for j in range(len(uS)) if uS[j] > t]
            y = separator if separator is not None or not higher else tuple(Fraction(-1) for _ in pv)
            mult = []
            for j in higher:
                lam = separator_multipliers(R, y, j)   # type: ignore[arg-type]
                if lam is None:
                    raise InternalError(f"cheap talk: no multipliers prove the separator on the cell of action {j}")
                mult.append((j, tuple(lam)))
            cert = ConeLevelCertificate(tuple(tuple(r_) for r_ in R), tuple(uS), pv, t, splitting, y, tuple(mult))
            cert.verify()
            return EnvelopeValue(pv, t, splitting, None, cert)
        if r.dual_eq is None:  # pragma: no cover - an infeasible LP carries its Farkas duals
            raise InternalError("quasicav_by_cones: the infeasible LP has no Farkas duals")
        z = tuple(r.dual_eq)
        separator = z if sum((a * b for a, b in zip(z, pv)), ZERO) < 0 else tuple(-x for x in z)
    raise InputError("quasicav_by_cones: no action is a best response anywhere (an empty game)")


def securable_splitting(game: SenderReceiverGame, t: Fraction, p: Vector,
                        live: Mapping[str, Vector]) -> list[tuple[Fraction, Vector, tuple[str, str]]]:
    r"""A splitting of p into t-securable beliefs: at each, best responses (a, b) with
    :math:`u_S(a) \ge t \ge u_S(b)` (Lipnowski and Ravid: exists when t = quasicav V(p)).

    Parameters
    ----------
    game : SenderReceiverGame
        State-independent sender.
    t : Fraction
        ``quasicav V(p)``.
    p : vector
        The prior.
    live : mapping
        :func:`nonempty_cells` of the game.

    Returns
    -------
    list of (weight, belief, (a, b))
        Beliefs with positive weight, nearest the prior in the weighted L1 sense (one LP).

    >>> from exactgame.catalogue import load
    >>> g = load("efficiency_example1")
    >>> [(str(w), [str(x) for x in q], ab) for w, q, ab in securable_splitting(g, Fraction(3), (Fraction(1, 2),) * 2, nonempty_cells(g))]
    [('1/2', ['3/5', '2/5'], ('a1', 'a2')), ('1/2', ['2/5', '3/5'], ('a3', 'a2'))]
    """
    uS = dict(zip(game.actions, _sender(game)))
    idx = {a: j for j, a in enumerate(game.actions)}
    pairs = [(a, b) for a in live for b in live if uS[a] >= t >= uS[b] and (a <= b or uS[a] != uS[b])]
    R = _matrix(game)
    r, width = _cone_lp(R, [sorted({idx[a], idx[b]}) for a, b in pairs], p, l1=True)
    if r.status != "optimal" or r.x is None:
        raise InternalError("cheap talk: no splitting into t-securable beliefs (contradicts Lipnowski-Ravid)")
    return [(w, q, pairs[i]) for w, q, i in _split(r, pairs, width, len(p))]
