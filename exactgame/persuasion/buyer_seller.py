r"""Buyer-seller environments (000_2cf035f6c25283ea.txt, Section 3.1.2, Propositions 5 and 6).

A seller (sender) informs a buyer (receiver) choosing among ``n`` products or none:
actions :math:`A = \{0, 1, \dots, n\}`, states :math:`\Omega = \{\omega_0, \dots, \omega_n\}`.
The seller's payoff is state-independent, :math:`u_S(i) > 0` for product ``i`` and
:math:`u_S(0) = 0`. With *threshold preferences* the buyer buys ``i`` only if
:math:`p(\omega_i) \ge T` (:math:`T > 1/2`), eqs. (29)-(30). We realise them by

.. math:: u_R(\omega, 0) = 0, \quad u_R(\omega_i, i) = 1 - T, \quad u_R(\omega, i) = -T\ (\omega \ne \omega_i),

so :math:`E_p[u_R(i)] = p(\omega_i) - T`: product ``i`` beats not buying iff
:math:`p(\omega_i) \ge T`, and beats product ``j`` iff :math:`p(\omega_i) \ge p(\omega_j)`, which
holds on :math:`C_i` since :math:`T > 1/2`. So the cells are exactly (29)-(30).

The geometry of the proof of Proposition 5, computed from the cells (any partition
with the paper's two properties, not only thresholds):

* outer points :math:`o_{ij}`: the extreme point of :math:`C_i` on the segment
  :math:`[\omega_i, \omega_j]` (eq. (28));
* :math:`H_i` through :math:`\{\omega_0\} \cup \{o_{ji}\}_{j \ne i, 0}` and :math:`R_i` its side containing
  :math:`C_i`; :math:`H_0` through :math:`\{o_{i0}\}_i` and :math:`R_0` its side containing :math:`\omega_0`;
* :math:`R_{ij} = R_i \cap R_j \cap R_0` and :math:`R_* = \bigcup_{i \ne j} R_{ij}`, where the BP outcome is
  inefficient (mixed, violating Theorem 1);
* :math:`T_p` of eq. (31): with ``q`` the projection of ``p`` from :math:`\omega_0` onto the face
  :math:`p(\omega_0) = 0`, :math:`T_p = \max\{1 - p(\omega_0), 1 - q(\omega_{i^*}), 1 - q(\omega_{j^*})\}` for the
  two largest :math:`q(\omega_i)`.

>>> env = threshold_environment([1, 2], "3/5")
>>> [tuple(map(str, o)) for o in (env.outer[(1, 0)], env.outer[(1, 2)])]
[('2/5', '3/5', '0'), ('0', '3/5', '2/5')]
>>> str(threshold_bound(["1/2", "1/4", "1/4"]))
'1/2'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError, TooLargeError
from ..games.model import SenderReceiverGame
from ..geometry import Polytope
from ..geometry import linalg
from ..numbers import to_fraction, to_vector, Vector
from ..games.cells import best_response_cells

__all__ = ["BuyerSeller", "threshold_environment", "threshold_bound", "MAX_PRODUCTS"]

#: Refuse environments with more products than this (R* has n(n-1)/2 pieces in dimension n).
MAX_PRODUCTS = 12



def _unit(n: int, i: int) -> Vector:
    return tuple(Fraction(int(k == i)) for k in range(n))


@dataclass(frozen=True)
class BuyerSeller:
    """A buyer-seller game with the regions of the proof of Proposition 5.

    Beliefs are points of the simplex over ``w0..wn`` (coordinates in that order); product
    ``i`` is action index ``i``, action 0 is not buying.

    Attributes
    ----------
    game : SenderReceiverGame
        The game (actions ``0..n``, states ``w0..wn``).
    threshold : Fraction or None
        ``T`` for a threshold environment, None for a general partition.
    cells : mapping of int to Polytope
        ``C_i``, the buyer's best-response cell of action ``i``.
    outer : mapping of (int, int) to tuple of Fraction
        ``o_ij`` (i >= 1, j != i): the extreme point of ``C_i`` on the segment ``[w_i, w_j]`` (eq. (28)).
    halfspaces : mapping of int to tuple of Fraction
        ``h_i`` with ``R_i = {p in simplex : h_i . p >= 0}``.
    regions : mapping of int to Polytope
        ``R_i`` (i >= 1) and ``R_0``.
    pair_regions : mapping of (int, int) to Polytope
        ``R_ij = R_i ∩ R_j ∩ R_0`` for ``i < j``; the BP outcome is inefficient on the
        interior of their union ``R*``.

    >>> env = threshold_environment([1, 2], "3/5")
    >>> env.n, [tuple(map(str, v)) for v in env.pair_regions[(1, 2)].vertices]
    (2, [('2/5', '6/25', '9/25'), ('2/5', '9/25', '6/25'), ('1', '0', '0')])
    >>> env.in_r_star_interior(["1/2", "1/4", "1/4"]), env.in_r_star_interior(["1/3", "1/3", "1/3"])
    (True, False)
    """

    game: SenderReceiverGame
    threshold: Fraction | None
    cells: Mapping[int, Polytope]
    outer: Mapping[tuple[int, int], Vector]
    halfspaces: Mapping[int, Vector]  # R_i = {p in simplex : h . p >= 0}
    regions: Mapping[int, Polytope]  # R_i (i >= 1) and R_0
    pair_regions: Mapping[tuple[int, int], Polytope]  # R_ij, i < j

    @property
    def n(self) -> int:
        """Number of products."""
        return len(self.game.actions) - 1

    def in_r_star_interior(self, p: Iterable[Any]) -> bool:
        """Whether ``p`` lies in the interior of some ``R_ij`` (so in int R*).

        Parameters
        ----------
        p : sequence
            A belief over ``w0..wn`` (exact numbers).

        Returns
        -------
        bool
            True if some full-dimensional ``R_ij`` has ``p`` in its relative interior.
        """
        pv = to_vector(p, where="in_r_star_interior")
        return any(R.in_relative_interior(pv) and R.dim == self.n for R in self.pair_regions.values())

    def outer_points(self) -> list[Vector]:
        """Out(P) of eqs. (27)-(28): the vertices of the simplex and the points ``o_ij``.

        Returns
        -------
        list of tuple of Fraction
            The distinct points, sorted lexicographically.
        """
        pts = [_unit(self.n + 1, i) for i in range(self.n + 1)] + list(self.outer.values())
        return sorted(set(pts))


def _segment_end(cell: Polytope, a: Vector, b: Vector) -> Vector:
    """The point of ``cell`` on segment [a, b] farthest from ``a`` (a in the cell)."""
    piece = cell.intersection(Polytope.from_points([a, b]))
    far = [v for v in piece.vertices if v != a]
    return far[0] if far else a


def _hyperplane(points: Sequence[Vector], inside: Vector) -> Vector:
    """``h`` with ``h . x = 0`` at the points and ``h . inside > 0`` (barycentric, linear)."""
    basis = linalg.nullspace([list(x) for x in points], ncols=len(inside))
    if len(basis) != 1:
        raise InputError("buyer-seller: the points defining a hyperplane H are degenerate "
                         "(the partition violates the paper's genericity conditions)")
    h = basis[0]
    s = sum(x * y for x, y in zip(h, inside))
    if s == 0:
        raise InputError("buyer-seller: a hyperplane H passes through the vertex it should separate")
    return h if s > 0 else tuple(-x for x in h)


def buyer_seller(game: SenderReceiverGame, threshold: Fraction | None = None) -> BuyerSeller:
    """The regions of Proposition 5 for a buyer-seller game (actions 0..n, states w0..wn in order).

    Computes the cells ``C_i``, the outer points ``o_ij``, the hyperplanes ``H_i`` (through
    ``w0`` and the ``o_ji``) and ``H_0`` (through the ``o_i0``), the regions ``R_i``, ``R_0`` and
    ``R_ij`` (see the module docstring); any partition with the paper's two properties works.

    Parameters
    ----------
    game : SenderReceiverGame
        The game, with ``n + 1`` actions (0 = not buying) and ``n + 1`` states in matching order.
    threshold : Fraction, optional
        Recorded in the result (the threshold ``T`` when the game is a threshold environment).

    Returns
    -------
    BuyerSeller
        The game with its regions.

    Raises
    ------
    InputError
        If ``n < 2``, the counts of actions and states differ, an action is never a best response,
        or the points defining a hyperplane are degenerate.

    >>> env = threshold_environment([1, 2], "3/5")
    >>> b = buyer_seller(env.game)
    >>> [tuple(map(str, v)) for v in b.cells[1].vertices], b.halfspaces[0]
    ([('0', '3/5', '2/5'), ('0', '1', '0'), ('2/5', '3/5', '0')], (Fraction(3, 2), Fraction(-1, 1), Fraction(-1, 1)))
    """
    n = len(game.actions) - 1
    if n < 2 or len(game.states) != n + 1:
        raise InputError("buyer-seller: need n >= 2 products, actions 0..n and states w0..wn")
    cells_by_name = best_response_cells(game)
    cells = {}
    for i, a in enumerate(game.actions):
        if a not in cells_by_name:
            raise InputError(f"buyer-seller: action {a!r} is never a best response")
        cells[i] = cells_by_name[a]
    d = n + 1
    outer = {}
    for i in range(1, d):
        for j in range(d):
            if j != i:
                outer[(i, j)] = _segment_end(cells[i], _unit(d, i), _unit(d, j))
    halfspaces = {}
    for i in range(1, d):
        pts = [_unit(d, 0)] + [outer[(j, i)] for j in range(1, d) if j != i]
        halfspaces[i] = _hyperplane(pts, _unit(d, i))
    halfspaces[0] = _hyperplane([outer[(i, 0)] for i in range(1, d)], _unit(d, 0))

    def region(h: Vector) -> Polytope:  # {p in simplex : h . p >= 0}
        A = [tuple(-x for x in h)] + [tuple(-x for x in _unit(d, k)) for k in range(d)]
        return Polytope.from_inequalities(A, [0] * (d + 1), [(Fraction(1),) * d], [1])

    regions = {i: region(h) for i, h in halfspaces.items()}
    pairs = {(i, j): regions[i].intersection(regions[j]).intersection(regions[0])
             for i in range(1, d) for j in range(i + 1, d)}
    return BuyerSeller(game, threshold, cells, outer, halfspaces, regions, pairs)


def threshold_environment(seller_payoffs: Sequence[Any], threshold: Any, prior: Iterable[Any] | None = None) -> BuyerSeller:
    """The n-product environment with threshold preferences C_i = {p(w_i) >= T} (eqs. (29)-(30)).

    The buyer's payoffs are ``u_R(w, 0) = 0``, ``u_R(w_i, i) = 1 - T`` and ``u_R(w, i) = -T`` for
    ``w != w_i``, so ``E_p[u_R(i)] = p(w_i) - T``; the seller gets ``u_S(i)`` in every state and
    ``u_S(0) = 0``.

    Parameters
    ----------
    seller_payoffs : sequence
        ``u_S(1), ..., u_S(n)``: positive, distinct, ``2 <= n <=`` :data:`MAX_PRODUCTS`.
    threshold : exact number
        ``T``, strictly between 1/2 and 1.
    prior : sequence, optional
        The game's prior over ``w0..wn``; uniform if None (only the BP computations use it).

    Returns
    -------
    BuyerSeller
        The environment, states ``w0..wn`` and actions ``"0".."n"``.

    Raises
    ------
    InputError
        On fewer than two products, non-positive or repeated seller payoffs, or ``T`` outside (1/2, 1).
    TooLargeError
        On more than :data:`MAX_PRODUCTS` products.

    >>> env = threshold_environment([1, 2], "3/5")
    >>> env.game.actions, env.game.receiver["w1"]
    (('0', '1', '2'), (Fraction(0, 1), Fraction(2, 5), Fraction(-3, 5)))
    """
    us = to_vector(seller_payoffs, where="threshold_environment: seller_payoffs")
    n = len(us)
    if n < 2:
        raise InputError("threshold_environment: need at least two products")
    if n > MAX_PRODUCTS:
        raise TooLargeError(f"threshold_environment: {n} products, more than the limit {MAX_PRODUCTS}")
    if any(u <= 0 for u in us) or len(set(us)) != n:
        raise InputError("threshold_environment: seller payoffs must be positive and distinct")
    T = to_fraction(threshold, where="threshold_environment: threshold")
    if not Fraction(1, 2) < T < 1:
        raise InputError("threshold_environment: the threshold T must lie in (1/2, 1)")
    states = [f"w{i}" for i in range(n + 1)]
    actions = [str(i) for i in range(n + 1)]
    sender = {w: [Fraction(0), *us] for w in states}
    receiver = {f"w{k}": [Fraction(0)] + [(1 - T) if k == i else -T for i in range(1, n + 1)] for k in range(n + 1)}
    p = list(prior) if prior is not None else [Fraction(1, n + 1)] * (n + 1)
    game = SenderReceiverGame(states, actions, p, sender=sender, receiver=receiver)
    return buyer_seller(game, T)


def threshold_bound(prior: Iterable[Any]) -> Fraction:
    """``T_p`` of eq. (31): for thresholds ``T > T_p`` the prior lies in int R_{i*} ∩ R_{j*} ∩ R_0.

    ``T_p = max{1 - p(w0), 1 - q(w_i*), 1 - q(w_j*)}`` with ``q(w_i) = p(w_i) / (1 - p(w0))``
    the projection of ``p`` from ``w0`` and ``i*``, ``j*`` the two largest ``q(w_i)``
    (Proposition 6: there the BP outcome is inefficient).

    Parameters
    ----------
    prior : sequence
        An interior prior over ``w0..wn``, ``n >= 2``.

    Returns
    -------
    Fraction
        ``T_p``.

    Raises
    ------
    InputError
        If the prior is not interior, has fewer than three states or does not sum to 1.

    >>> threshold_bound(["1/10", "1/2", "2/5"])        # max(9/10, 1 - 5/9, 1 - 4/9)
    Fraction(9, 10)
    """
    p = to_vector(prior, where="threshold_bound: prior")
    if len(p) < 3 or any(x <= 0 for x in p) or sum(p) != 1:
        raise InputError("threshold_bound: need an interior prior over w0..wn with n >= 2")
    q = sorted((x / (1 - p[0]) for x in p[1:]), reverse=True)
    return max(1 - p[0], 1 - q[0], 1 - q[1])
