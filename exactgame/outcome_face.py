r"""The face of :math:`F_p` an outcome lies on (Remark 4) and the per-state bound (Remark 2).

000_2cf035f6c25283ea.txt, Section 2. For an outcome :math:`\mu` with state payoffs
:math:`x_\omega = u(\mu\mid\omega)` and :math:`x = u(\mu) = \sum_\omega p(\omega) x_\omega`:

**Remark 4** says the count of Theorem 1 governs not only the Pareto frontier but every face
of :math:`F_p`. The face reported is the *minimal* face :math:`G` of :math:`F_p` containing
:math:`x`. Support sets add (eq. (6)), so for any ``n``,
:math:`S(F_p; n) = \sum_\omega p(\omega) \operatorname{conv}\{u(\omega, a) : a \in A_\omega(n)\}` with
:math:`A_\omega(n) = \arg\max_a n\cdot u(\omega, a)`, and the normal cone of :math:`F_p` at ``x`` is
:math:`\bigcap_\omega N_\omega(\mu)`. The certificate (:class:`FaceCertificate`) is

* a normal ``n`` with :math:`n\cdot x = h(n) = \sum_\omega p(\omega)\max_a n\cdot u(\omega,a)` (the
  support function): then :math:`x \in S(F_p; n)`, a face (``n = 0``: the face is :math:`F_p`);
* weights :math:`\lambda_\omega > 0` on **every** profile of :math:`A_\omega(n)`, summing to 1 in each
  state, with :math:`\sum_\omega p(\omega)\sum_a \lambda_\omega(a) u(\omega, a) = x`: a strictly positive
  convex combination of all the points of a polytope lies in its relative interior, and the
  relative interior of a Minkowski sum is the sum of the relative interiors, so
  :math:`x \in \operatorname{relint} S(F_p; n)` and :math:`S(F_p;n) = G` is the minimal face (a point of
  a proper face of ``G`` is not in :math:`\operatorname{relint} G`). The weights are per state but
  only their aggregate must give ``x``: :math:`u(\mu\mid\omega)` itself may lie on the boundary of
  its face (Example 1 (a): :math:`u(\mu)` is interior to :math:`F_p` although
  :math:`u(\mu\mid\omega_0)` is on an edge of :math:`F_{\omega_0}`).

From ``n`` and the sets :math:`A_\omega(n)` the check recomputes ``dimension`` (the rank of the
differences :math:`u(\omega,a) - u(\omega,a')`, :math:`a, a' \in A_\omega(n)`), ``cone_dimension``
(:math:`k - \dim G`, the dimension of the normal cone of ``G``) and ``proper`` (some state has a
profile off :math:`A_\omega(n)`, so some point of :math:`F_p` is off ``G``). ``n`` itself is the
sum of the generators of :math:`\bigcap_\omega N_\omega(\mu)` computed by cddlib (a point of its
relative interior); the certificate does not trust them: if they were wrong, the positive weights
would not exist.

Theorem 1's count (16) gives ``cone_dimension_bound``
:math:`= \max(0, k + |\Omega| - \sum_\omega |\mu(\omega)|)`: each state adds
:math:`|\mu(\omega)| - 1` independent *equations* (14) for generic payoffs, so the common normal cone
:math:`\bigcap_\omega N_\omega(\mu)` lies in a subspace of that dimension. So :math:`x` lies on a proper
face (``cone_dimension >= 1``) generically only if :math:`\sum_\omega|\mu(\omega)| < k + |\Omega|`, and
on a Pareto face only if moreover the cone holds a positive vector.

*Eq. (16) is an upper bound, not an equality.* The paper writes (16) with ``=``, but the normal
cones are cones, not subspaces: their inequalities can cut the intersection further, for generic
payoffs too. Example 1 (a) (``p = 1/10``, :math:`a_0, a_1` in :math:`\omega_0`, :math:`a_1` in
:math:`\omega_1`) has :math:`2 + 2 - 3 = 1` but :math:`N_{\omega_0}(\mu) = \mathrm{cone}\{(1, 8)\}` misses
:math:`N_{\omega_1}(\mu) = \mathrm{cone}\{(1, -2), (4, 7)\}` (the paper says so itself:
:math:`n_{\omega_0} \notin \mathrm{cone}\{\bar n_{\omega_1}, \underline n_{\omega_1}\}`), so the intersection is
``{0}`` and :math:`u(\mu)` is interior to :math:`F_p` (``cone_dimension`` 0), and this survives small
perturbations of the payoffs. Theorem 1's conclusion only needs the upper bound, so it is
unaffected. ``cone_dimension`` above the bound marks a non-generic instance (the bound is the
paper's generic statement; the dimensions are proved).

**Remark 2**: the aggregate bound implies :math:`|\mu(\omega)| \le k` in every state (the other
states take at least one action each), and generically an outcome is ex-post efficient in
:math:`\omega` only if :math:`|\mu(\omega)| \le k` (Theorem 1 for the single state). :func:`state_bounds`
reports both per state; a state that is ex-post efficient with more than ``k`` actions is a
knife edge (possible only for non-generic payoffs, e.g. collinear payoff vectors).

>>> from exactgame.catalogue import load
>>> g = load("efficiency_example1").as_game()
>>> f = outcome_face(g, g.outcome)     # Example 1 (b): a1 in both states, a vertex of F_p
>>> f.normal, f.profiles, f.dimension, f.cone_dimension, f.certificate.verify()
((Fraction(12, 1), Fraction(-2, 1)), {'w0': ('a1',), 'w1': ('a1',)}, 0, 2, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from .display.mixin import Displayable
from .certificates import Certificate, decode_vector, dot, encode, require, show
from .errors import InternalError
from .games.model import Game, Outcome
from .geometry import Cone, Polytope, minkowski_sum, solve_lp
from .geometry import linalg
from .numbers import Vector, to_fraction

__all__ = ["FaceCertificate", "OutcomeFace", "outcome_face", "state_bounds", "argmax_profiles", "MAX_FACE_SUMS"]

#: The face's vertices are computed only when the pure selections (one maximizer per state) are at
#: most this many; beyond, ``vertices`` is None (the face itself is still certified).
MAX_FACE_SUMS = 20_000


def argmax_profiles(table: Mapping[str, Vector], n: Sequence[Fraction]) -> tuple[str, ...]:
    """``A_w(n)``: the profiles maximizing ``n . u(w, a)`` in one state, in table order.

    Parameters
    ----------
    table : mapping
        ``profile -> payoff vector`` of one state.
    n : sequence of Fraction
        the normal.

    Returns
    -------
    tuple of str
        the maximizers.

    >>> argmax_profiles({"x": (1, 0), "y": (0, 1), "z": (0, 0)}, (1, 1))
    ('x', 'y')
    """
    vals = {a: dot(n, u) for a, u in table.items()}
    top = max(vals.values())
    return tuple(a for a, v in vals.items() if v == top)


def _dimension(payoffs: Mapping[str, Mapping[str, Vector]], profiles: Mapping[str, Sequence[str]]) -> int:
    rows = []
    for w, A in profiles.items():
        base = payoffs[w][A[0]]
        rows += [[x - y for x, y in zip(payoffs[w][a], base)] for a in A[1:]]
    return linalg.rank(rows) if rows else 0


@dataclass(frozen=True)
class FaceCertificate(Certificate):
    """Remark 4: ``x = u(mu)`` lies in the relative interior of ``S(F_p; n)`` (module doc).

    The check: ``sum_w p(w) u(mu | w) = x``; ``n . x = h(n)``; in each state the claimed profiles
    are exactly ``A_w(n)`` and the weights are positive on all of them and sum to 1; together
    (``sum_w p(w) sum_a lambda_w(a) u(w, a)``) they give ``x``; ``dimension``, ``cone_dimension`` and ``proper`` are what ``n`` determines.

    Attributes
    ----------
    payoffs : mapping
        ``state -> {profile: payoff vector}``.
    prior : mapping
        ``state -> p(w)``.
    outcome : mapping
        ``state -> {profile: probability}``, the outcome ``mu``.
    normal : tuple of Fraction
        ``n``.
    profiles : mapping
        ``state -> A_w(n)``.
    weights : mapping
        ``state -> {profile: lambda > 0}`` over ``A_w(n)``.
    dimension, cone_dimension : int
        ``dim G`` and ``k - dim G``.
    proper : bool
        whether ``G != F_p``.

    >>> pay = {"w": {"x": (2, 0), "y": (0, 2), "z": (1, 1), "o": (0, 0)}}
    >>> half = Fraction(1, 2)
    >>> c = FaceCertificate(pay, {"w": Fraction(1)}, {"w": {"z": Fraction(1)}}, (1, 1), {"w": ("x", "y", "z")},
    ...                     {"w": {"x": Fraction(1, 4), "y": Fraction(1, 4), "z": half}}, 1, 1, True)
    >>> c.verify()
    True
    >>> FaceCertificate(pay, c.prior, c.outcome, (1, 1), {"w": ("x", "y", "z")}, {"w": {"z": Fraction(1)}}, 1, 1, True).verify()
    Traceback (most recent call last):
    exactgame.errors.CertificateError: outcome-face: state w: the weights are not positive on every profile of A_w(n), summing to 1
    """

    kind = "outcome-face"
    payoffs: Mapping[str, Mapping[str, Vector]]
    prior: Mapping[str, Fraction]
    outcome: Mapping[str, Mapping[str, Fraction]]
    normal: Vector
    profiles: Mapping[str, tuple[str, ...]]
    weights: Mapping[str, Mapping[str, Fraction]]
    dimension: int
    cone_dimension: int
    proper: bool

    def _state_point(self, w: str, dist: Mapping[str, Fraction]) -> list[Fraction]:
        k = len(self.normal)
        require(all(a in self.payoffs[w] for a in dist), f"{self.kind}: state {w}: an unknown profile")
        return [sum((q * self.payoffs[w][a][i] for a, q in dist.items()), Fraction(0)) for i in range(k)]

    def _check(self) -> None:
        n, k = self.normal, len(self.normal)
        x, y = [Fraction(0)] * k, [Fraction(0)] * k
        h = Fraction(0)
        for w, pw in self.prior.items():
            mu = self.outcome[w]
            require(all(q >= 0 for q in mu.values()) and sum(mu.values()) == 1, f"{self.kind}: state {w}: mu is not a distribution")
            x = [a + pw * b for a, b in zip(x, self._state_point(w, mu))]
            A = argmax_profiles(self.payoffs[w], n)
            h += pw * dot(n, self.payoffs[w][A[0]])
            require(set(self.profiles[w]) == set(A), f"{self.kind}: state {w}: the profiles are not A_w(n) = {show(list(A))}")
            lam = self.weights[w]
            require(set(lam) == set(A) and all(q > 0 for q in lam.values()) and sum(lam.values()) == 1,
                    f"{self.kind}: state {w}: the weights are not positive on every profile of A_w(n), summing to 1")
            y = [a + pw * b for a, b in zip(y, self._state_point(w, lam))]
        require(dot(n, x) == h, f"{self.kind}: n . u(mu) = {show(dot(n, x))} is not h(n) = {show(h)}")
        require(x == y, f"{self.kind}: the weights give {show(y)}, not u(mu) = {show(x)}")
        dim = _dimension(self.payoffs, self.profiles)
        require(self.dimension == dim and self.cone_dimension == k - dim,
                f"{self.kind}: the face has dimension {dim} (normal cone {k - dim}), not {self.dimension}")
        proper = any(len(self.profiles[w]) < len(self.payoffs[w]) for w in self.prior)
        require(self.proper == proper, f"{self.kind}: 'proper' should be {proper}")

    def witness(self) -> dict[str, Any]:
        """The normal, the profile sets and the weights (payoffs, prior and outcome come from the game).

        Returns
        -------
        dict
            ``{"certificate": "outcome-face", "normal", "profiles", "weights"}``.
        """
        return {"certificate": self.kind, "normal": encode(self.normal),
                "profiles": {w: list(a) for w, a in self.profiles.items()}, "weights": encode(self.weights)}

    def _data(self) -> dict[str, Any]:
        return {**self.witness(), "payoffs": encode(self.payoffs), "prior": encode(self.prior), "outcome": encode(self.outcome),
                "dimension": self.dimension, "cone_dimension": self.cone_dimension, "proper": self.proper}

    @classmethod
    def _from_data(cls, d):
        def dists(t):
            return {w: {a: to_fraction(q, where=f"{w}.{a}") for a, q in row.items()} for w, row in t.items()}

        pay = {w: {a: decode_vector(u, f"payoffs.{w}.{a}") for a, u in row.items()} for w, row in d["payoffs"].items()}
        return cls(pay, {w: to_fraction(q, where=f"prior.{w}") for w, q in d["prior"].items()}, dists(d["outcome"]),
                   decode_vector(d["normal"], "normal"), {w: tuple(a) for w, a in d["profiles"].items()},
                   dists(d["weights"]), int(d["dimension"]), int(d["cone_dimension"]), bool(d["proper"]))


@dataclass(frozen=True, repr=False)
class OutcomeFace(Displayable):
    """The minimal face ``G`` of ``F_p`` containing ``u(mu)`` (Remark 4), with its certificate.

    Attributes
    ----------
    normal : tuple of Fraction
        ``n`` in the relative interior of the normal cone of ``F_p`` at ``u(mu)``.
    profiles : mapping
        ``state -> A_w(n)``; ``G = sum_w p(w) conv{u(w, a) : a in A_w(n)}``.
    support_value : Fraction
        ``h(n) = n . u(mu)``.
    dimension, cone_dimension, cone_dimension_bound : int
        ``dim G``, ``k - dim G`` and the generic upper bound of eq. (16) on the latter.
    proper : bool
        ``G != F_p``.
    vertices : tuple of vectors or None
        the vertices of ``G`` (a Minkowski sum computed by the geometry layer; not re-checked);
        None beyond :data:`MAX_FACE_SUMS` pure selections.
    certificate : FaceCertificate

    >>> from exactgame.catalogue import load
    >>> g = load("efficiency_example1_case_a").as_game()     # Example 1 (a): not compatible
    >>> f = outcome_face(g, g.outcome)
    >>> f.normal, f.proper, f.dimension                        # u(mu) is interior to F_p
    ((Fraction(0, 1), Fraction(0, 1)), False, 2)
    """

    normal: Vector
    profiles: Mapping[str, tuple[str, ...]]
    support_value: Fraction
    dimension: int
    cone_dimension: int
    cone_dimension_bound: int
    proper: bool
    vertices: tuple[Vector, ...] | None
    certificate: FaceCertificate

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the ``face`` key of an efficiency document).

        Returns
        -------
        dict
            ``normal``, ``profiles``, ``support_value``, ``dimension``, ``cone_dimension``,
            ``cone_dimension_bound``, ``proper``, ``vertices`` and ``certificate`` (the witness).
        """
        return {"normal": encode(self.normal), "profiles": {w: list(a) for w, a in self.profiles.items()},
                "support_value": encode(self.support_value), "dimension": self.dimension,
                "cone_dimension": self.cone_dimension, "cone_dimension_bound": self.cone_dimension_bound,
                "proper": self.proper, "vertices": None if self.vertices is None else encode(self.vertices), "certificate": self.certificate.witness()}


def _positive_weights(game: Game, p: Mapping[str, Fraction], profiles: Mapping[str, tuple[str, ...]],
                      target: Vector) -> dict[str, dict[str, Fraction]]:
    """Weights > 0 on every (w, a in A_w) with ``sum_w p(w) sum_a lambda_w(a) u(w, a) = target``:
    max t s.t. lambda >= t, each state's weights sum to 1."""
    cols = [(w, a) for w in game.states for a in profiles[w]]
    m, k = len(cols), game.k
    A_ub = [[Fraction(-int(j == i)) for j in range(m)] + [Fraction(1)] for i in range(m)] + [[Fraction(0)] * m + [Fraction(1)]]
    A_eq = [[Fraction(int(v == w)) for v, _ in cols] + [Fraction(0)] for w in game.states]
    A_eq += [[p[w] * game.payoffs[w][a][i] for w, a in cols] + [Fraction(0)] for i in range(k)]
    r = solve_lp([0] * m + [1], A_ub=A_ub, b_ub=[0] * m + [1], A_eq=A_eq, b_eq=[1] * len(game.states) + list(target),
                 maximize=True)
    if r.status != "optimal" or r.x is None or not r.value:
        raise InternalError("outcome face: u(mu) is not in the relative interior of S(F_p; n) "
                            "(the normal from the cone generators is not relatively interior)")
    out: dict[str, dict[str, Fraction]] = {w: {} for w in game.states}
    for (w, a), q in zip(cols, r.x[:m]):
        out[w][a] = q
    return out


def outcome_face(game: Game, outcome: Outcome, prior: Sequence[Fraction] | None = None,
                 common_cone: Cone | None = None) -> OutcomeFace:
    """The minimal face of ``F_p`` containing ``u(mu)``, certified (Remark 4; module doc).

    Parameters
    ----------
    game : Game
        The game.
    outcome : Outcome
        The outcome ``mu``.
    prior : sequence, optional
        An interior prior; the game's if None.
    common_cone : Cone, optional
        ``intersection_w N_w(mu)`` if already computed (as :func:`~exactgame.efficiency.efficiency` does).

    Returns
    -------
    OutcomeFace
        The face with its verified certificate.

    >>> g = Game(["w"], [1], ["A", "B"], ["x", "y", "z"], {"w": {"x": (2, 0), "y": (0, 2), "z": (1, 1)}})
    >>> f = outcome_face(g, g.make_outcome({"w": {"z": 1}}))
    >>> f.profiles, f.dimension, f.vertices, f.cone_dimension_bound
    ({'w': ('x', 'y', 'z')}, 1, ((Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(0, 1))), 2)
    """
    p = dict(zip(game.states, game.prior if prior is None else prior))
    points = {w: game.payoff_in_state(outcome, w) for w in game.states}
    if common_cone is None:
        common_cone = game.feasible_set(game.states[0]).normal_cone(points[game.states[0]])
        for w in game.states[1:]:
            common_cone = common_cone.intersection(game.feasible_set(w).normal_cone(points[w]))
    n = tuple(sum((r[i] for r in common_cone.rays), Fraction(0)) for i in range(game.k))
    profiles = {w: argmax_profiles(game.payoffs[w], n) for w in game.states}
    x = tuple(sum((pw * points[w][i] for w, pw in p.items()), Fraction(0)) for i in range(game.k))
    weights = _positive_weights(game, p, profiles, x)
    table = {w: dict(game.payoffs[w]) for w in game.states}
    dim = _dimension(table, profiles)
    proper = any(len(profiles[w]) < len(game.profiles) for w in game.states)
    cert = FaceCertificate(table, p, {w: dict(outcome.dist[w]) for w in game.states}, n, profiles, weights, dim, game.k - dim, proper)
    cert.verify()
    taken = sum(len(outcome.support(w)) for w in game.states)
    sums = 1
    for w in game.states:
        sums *= len(profiles[w])
    vertices = None
    if sums <= MAX_FACE_SUMS:
        pieces = [Polytope.from_points([game.payoffs[w][a] for a in profiles[w]]) for w in game.states]
        vertices = tuple(minkowski_sum(*pieces, weights=[p[w] for w in game.states]).vertices)
    h = dot(n, x)
    return OutcomeFace(n, profiles, h, dim, game.k - dim, max(0, game.k + len(game.states) - taken), proper,
                       vertices, cert)


def state_bounds(support: Mapping[str, Sequence[str]], k: int,
                 ex_post: Mapping[str, bool] | None = None) -> dict[str, dict[str, Any]]:
    """Remark 2 per state: ``|mu(w)| <= k`` (implied by Theorem 1's aggregate bound; generically
    necessary for ex-post efficiency in ``w``).

    Parameters
    ----------
    support : mapping
        ``state -> supp mu(w)``.
    k : int
        The number of players.
    ex_post : mapping, optional
        ``state -> ex-post efficient``; adds ``knife_edge`` (ex-post efficient beyond the bound).

    Returns
    -------
    dict
        ``state -> {"actions": |mu(w)|, "bound": k, "within": |mu(w)| <= k}`` (and ``knife_edge``).

    >>> state_bounds({"a": ["x"], "b": ["x", "y", "z"]}, 2, {"a": True, "b": True})
    {'a': {'actions': 1, 'bound': 2, 'within': True, 'knife_edge': False}, 'b': {'actions': 3, 'bound': 2, 'within': False, 'knife_edge': True}}
    """
    out: dict[str, dict[str, Any]] = {}
    for w, s in support.items():
        row: dict[str, Any] = {"actions": len(s), "bound": k, "within": len(s) <= k}
        if ex_post is not None:
            row["knife_edge"] = bool(ex_post[w]) and len(s) > k
        out[w] = row
    return out
