r"""Public against private signals for many binary receivers (003_e54e9b7a7da88b3e.txt, Section 7;
the comparison of Arieli and Babichenko 2019).

**Private signals** are LP-Binary (:func:`~exactgame.persuasion.multireceiver.solve_binary`): each
receiver sees only her own recommendation, so obedience is one pair of constraints (*), (**) per
receiver, averaged over the others' recommendations.

**A single public signal.** Everyone sees the same signal, so after it the receivers share the
posterior ``q`` and play the game ``S -> E_q[u_i(S)]``; a set ``S`` (those taking action 1) is a pure
equilibrium at ``q`` when

.. math:: E_q[g_i(S)] \ge 0 \ (i \in S), \qquad E_q[g_i(S \cup \{i\})] \le 0 \ (i \notin S),

a polytope ``C_S`` of beliefs. With the sender-preferred equilibrium the sender's value at ``q``
is :math:`V(q) = \max\{E_q[f(S)] : q \in C_S\}` (undefined where no pure equilibrium exists), and
the public optimum is :math:`\operatorname{cav} V(\mu)` (Kamenica-Gentzkow). By the revelation
principle a public signal may be taken to name the equilibrium ``S`` itself (merging signals that
lead to the same ``S`` keeps ``S`` an equilibrium: ``C_S`` is convex), which gives **LP-Public**:

.. math::

    \max \sum_{\theta,S} \mu_\theta\varphi_\theta(S) f^\theta(S) \quad\text{s.t., for every } S:\quad
    \sum_\theta \mu_\theta\varphi_\theta(S) g^\theta_i(S) \ge 0\ (i\in S),\quad
    \sum_\theta \mu_\theta\varphi_\theta(S) g^\theta_i(S\cup\{i\}) \le 0\ (i\notin S),

one distribution :math:`\varphi_\theta` per state, no payments. Summing its rows over the sets
``S`` containing ``i`` (not containing ``i``) gives (*) ((**)): every public scheme is a private
one, so the **private optimum is at least the public one**, and the difference
``private_minus_public >= 0`` is what correlation-only-in-private buys.

**Certificate of cav V(mu).** With the duals ``y[S, i] >= 0`` of the rows above, put
:math:`h_\theta = \max_S \bigl(f^\theta(S) + \sum_{i\in S} y_{S,i} g^\theta_i(S) - \sum_{i\notin S}
y_{S,i} g^\theta_i(S\cup\{i\})\bigr)`. For ``q`` in ``C_S``, ``h.q >= E_q f(S)`` plus ``y``-weighted
terms that are ``>= 0`` by the equilibrium inequalities, so ``h`` lies above ``V`` and ``cav V(mu) <=
h.mu``; dual feasibility gives ``h.mu <= sum z = value``, and the primal splits ``mu`` into the
posteriors of the signals, each with ``S`` an equilibrium, so ``cav V(mu) >= value``. The checker
recomputes both inequalities from the game.

>>> g = MultiReceiverGame.example()
>>> c = compare_signals(g)
>>> c.private.value, c.public.value, c.gap          # private 5/3 > public 3/2
(Fraction(5, 3), Fraction(3, 2), Fraction(1, 6))
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Iterable, Sequence

from ..display.mixin import Displayable
from ..certificates import encode
from ..errors import CertificateError, InternalError, TooLargeError
from ..games.model import check_prior
from ..geometry.envelope import Piece, PiecewiseAffine
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..geometry.polytope import Polytope
from ..numbers import fmt
from ..results import Claim, certified
from .multireceiver import BinaryResult, MultiReceiverGame, solve_binary, subset_name

__all__ = ["MAX_PUBLIC_RECEIVERS", "PublicResult", "SignalComparison", "public_lp", "solve_public", "compare_signals",
           "equilibrium_cells", "public_value_function", "SIGNALS"]

#: The ``--signals`` choices: LP-Binary, LP-Public, or both with their difference.
SIGNALS = ("private", "public", "both")

#: LP-Public has N 2^N rows and |Omega| 2^N columns (a dense LP): measured here (two states,
#: benchmarks/multireceiver_limit.py) N = 8 takes a few seconds; beyond this it is refused.
MAX_PUBLIC_RECEIVERS = 9


def _sets(game: MultiReceiverGame) -> list[frozenset]:
    return game.subsets()


def _join_gain(game: MultiReceiverGame, w: str, i: int, S: frozenset) -> Fraction:
    """``g_i(S)`` for ``i`` in ``S``, ``g_i(S + i)`` for ``i`` outside ``S``: receiver i's gain from action 1."""
    r = game.receivers[i]
    return game.g(w, i, S if r in S else S | {r})


def public_lp(game: MultiReceiverGame) -> tuple[LPProblem, list[tuple[str, frozenset]]]:
    """LP-Public (module doc): columns phi[state, S] state-major as in LP-Binary, rows per set S (in
    :meth:`~exactgame.persuasion.multireceiver.MultiReceiverGame.subsets` order) and receiver.

    Row ``(S, i)`` is ``-sum_w mu_w phi_w(S) g_i(S) <= 0`` for ``i`` in ``S`` and
    ``sum_w mu_w phi_w(S) g_i(S + i) <= 0`` otherwise; then one ``= 1`` row per state.

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).

    Returns
    -------
    tuple
        ``(problem, cols)``: the LP and the ``(state, S)`` of each column.

    Raises
    ------
    TooLargeError
        Beyond :data:`MAX_PUBLIC_RECEIVERS` receivers.

    >>> lp, cols = public_lp(MultiReceiverGame.example())
    >>> lp.n, len(lp.A_ub), len(lp.A_eq)
    (8, 8, 2)
    """
    N = len(game.receivers)
    if N > MAX_PUBLIC_RECEIVERS:
        raise TooLargeError(f"{N} receivers: LP-Public would have {N} x 2^{N} rows; the limit for --signals public/both is "
                            f"{MAX_PUBLIC_RECEIVERS} receivers", where="receivers")
    subs = _sets(game)
    cols = [(w, S) for w in game.states for S in subs]
    index = {col: k for k, col in enumerate(cols)}
    mu = dict(zip(game.states, game.prior))
    zero = Fraction(0)
    A_ub: list[list[Fraction]] = []
    for S in subs:
        for i, r in enumerate(game.receivers):
            row = [zero] * len(cols)
            sign = -1 if r in S else 1
            for w in game.states:
                row[index[(w, S)]] = sign * mu[w] * _join_gain(game, w, i, S)
            A_ub.append(row)
    A_eq = [[Fraction(int(cw == w)) for cw, _ in cols] for w in game.states]
    c = [mu[w] * game.sender[w][S] for w, S in cols]
    return LPProblem.make(c, A_ub, [zero] * len(A_ub), A_eq, [Fraction(1)] * len(A_eq), maximize=True), cols


def _bound(game: MultiReceiverGame, w: str, S: frozenset, y: dict[tuple[frozenset, int], Fraction]) -> Fraction:
    """``f(S) + sum_{i in S} y g_i(S) - sum_{i not in S} y g_i(S + i)`` in state ``w``."""
    tot = game.sender[w][S]
    for i, r in enumerate(game.receivers):
        v = y.get((S, i))
        if v:
            tot += v * _join_gain(game, w, i, S) * (1 if r in S else -1)
    return tot


@dataclass(frozen=True, repr=False)
class PublicResult(Displayable):
    """The optimal single public signal (LP-Public), with its posteriors and cav V certificate.

    Attributes
    ----------
    game : MultiReceiverGame
        The game as given.
    value : Fraction
        ``cav V(mu)``, the sender's best expected payoff with one public signal.
    scheme : mapping
        ``state -> {set name: phi_theta(S)}``: the signal names the equilibrium ``S`` played.
    posteriors : mapping
        ``set name -> (probability of the signal, posterior)`` for the signals sent.
    hyperplane : tuple of Fraction
        ``h`` of the module doc: ``h >= V`` on the simplex and ``h . mu = value``.
    lp : LPResult
        LP-Public with its primal-dual certificate.
    prior : tuple of Fraction or None
        The prior solved at, when it is not the file's.

    >>> r = solve_public(MultiReceiverGame.example())
    >>> r.value, r.scheme["good"], r.posteriors["r1+r2"][1], r.verify()
    (Fraction(3, 2), {'r1+r2': Fraction(1, 1)}, (Fraction(1, 3), Fraction(2, 3)), True)
    """

    game: MultiReceiverGame = field(repr=False)
    value: Fraction
    scheme: dict[str, dict[str, Fraction]]
    posteriors: dict[str, tuple[Fraction, tuple[Fraction, ...]]]
    hyperplane: tuple[Fraction, ...]
    lp: LPResult = field(repr=False)
    prior: tuple[Fraction, ...] | None = None

    def solved_game(self) -> MultiReceiverGame:
        """The game at the prior solved (the file's, or ``--prior``).

        Returns
        -------
        MultiReceiverGame
            ``game`` with ``prior`` replaced when one was given.
        """
        return self.game if self.prior is None else replace(self.game, prior=self.prior)

    def verify(self) -> bool:
        """Check the LP certificate, that it is LP-Public of this game, and the cav V bounds of the module doc.

        Returns
        -------
        bool
            True; a failure raises :class:`~exactgame.errors.CertificateError`.
        """
        self.lp.certificate.verify()
        g = self.solved_game()
        if self.lp.problem != public_lp(g)[0]:
            raise CertificateError("public signals: the certified LP is not LP-Public of this game")
        y = _multipliers(g, self.lp)
        for t, w in enumerate(g.states):
            if any(_bound(g, w, S, y) > self.hyperplane[t] for S in g.subsets()):
                raise CertificateError(f"public signals: h({w}) is below the dual bound: h is not above V")
        if sum((h * p for h, p in zip(self.hyperplane, g.prior)), Fraction(0)) != self.value:
            raise CertificateError("public signals: h . mu is not the LP value")
        return True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready answer: ``value``, ``outcome``, ``posteriors``, ``supporting_hyperplane``, ``certificates``.

        Returns
        -------
        dict
            Exact strings; ``certificates/lp`` the LP-Public optimality witness.
        """
        cert = self.lp.optimality_certificate("public signals")
        return {"value": encode(self.value), "signals": "public",
                "method": "LP-Public: one public signal naming the receivers' equilibrium (sender-preferred), cav V(mu)",
                "outcome": encode(self.scheme),
                "posteriors": {S: {"weight": encode(wt), "posterior": encode(q)} for S, (wt, q) in self.posteriors.items()},
                "supporting_hyperplane": encode(self.hyperplane), "certificates": {"lp": cert.witness()}}

    def claims(self, prefix: str = "", cert: str = "certificates/lp") -> list[Claim]:
        """The claims of :meth:`to_dict`'s keys (under ``prefix`` when nested in a comparison).

        Parameters
        ----------
        prefix : str
            Prepended to each key (e.g. ``"public/"``).
        cert : str
            The path of the LP certificate in the document.

        Returns
        -------
        list of Claim
            ``value``, ``outcome``, ``posteriors``, ``supporting_hyperplane``.
        """
        return [certified(f"{prefix}value", cert, proves="the optimum of LP-Public rebuilt from the game; equal to cav V(mu)"),
                certified(f"{prefix}outcome", cert, proves="an optimal public scheme: each signal names a pure equilibrium of "
                          "the receivers at its posterior"),
                certified(f"{prefix}posteriors", cert, proves="the signals' probabilities and posteriors, from the outcome"),
                certified(f"{prefix}supporting_hyperplane", cert, proves="h >= V on the simplex (dual multipliers) and "
                          "h . mu = value, so value = cav V(mu)")]


def _multipliers(game: MultiReceiverGame, lp: LPResult) -> dict[tuple[frozenset, int], Fraction]:
    duals = lp.dual_ub
    if duals is None:  # pragma: no cover - an optimal LP has duals
        raise InternalError("public signals: the optimal LP-Public has no duals")
    N = len(game.receivers)
    return {(S, i): duals[k * N + i] for k, S in enumerate(game.subsets()) for i in range(N) if duals[k * N + i]}


def solve_public(game: MultiReceiverGame, prior: Iterable[Any] | None = None) -> PublicResult:
    """The optimal single public signal (LP-Public), certified (see the module doc).

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    prior : sequence, optional
        A prior to solve at instead of the game's (errors name ``--prior``).

    Returns
    -------
    PublicResult
        Value, scheme, posteriors and the supporting hyperplane, verified before returning.

    Raises
    ------
    InputError
        On a malformed prior, or when no public signal leaves a pure equilibrium after every
        signal (LP-Public infeasible).
    TooLargeError
        Beyond :data:`MAX_PUBLIC_RECEIVERS` receivers.

    >>> solve_public(MultiReceiverGame.example(), ["1/4", "3/4"]).value
    Fraction(2, 1)
    """
    from ..errors import InputError

    p = None if prior is None else tuple(check_prior(prior, game.states, where="--prior"))
    g = game if p is None else replace(game, prior=p)
    problem, cols = public_lp(g)
    lp = solve_problem(problem)
    if lp.status != "optimal":
        raise InputError("public signals: every public signal leaves some posterior without a pure equilibrium of the "
                         "receivers (LP-Public is infeasible); only private signals apply", where="receivers")
    xs, value = lp.x, lp.value
    if xs is None or value is None:  # pragma: no cover
        raise InternalError("public signals: the optimal LP lacks its primal or value")
    mu = dict(zip(g.states, g.prior))
    scheme: dict[str, dict[str, Fraction]] = {w: {} for w in g.states}
    mass: dict[frozenset, list[Fraction]] = {}
    for (w, S), x in zip(cols, xs):
        if x:
            scheme[w][subset_name(S, g.receivers)] = x
            mass.setdefault(S, [Fraction(0)] * len(g.states))[g.states.index(w)] = mu[w] * x
    posteriors = {subset_name(S, g.receivers): (sum(m, Fraction(0)), tuple(v / sum(m, Fraction(0)) for v in m))
                  for S, m in mass.items() if sum(m, Fraction(0))}
    y = _multipliers(g, lp)
    h = tuple(max(_bound(g, w, S, y) for S in g.subsets()) for w in g.states)
    res = PublicResult(game, value, scheme, posteriors, h, lp, p)
    res.verify()
    return res


@dataclass(frozen=True, repr=False)
class SignalComparison(Displayable):
    """Private (LP-Binary) against public (LP-Public) signals at one prior, without payments.

    Attributes
    ----------
    private : BinaryResult
        The private optimum.
    public : PublicResult
        The public optimum.

    >>> c = compare_signals(MultiReceiverGame.example(), ["1/4", "3/4"])
    >>> c.gap, c.public_is_private_feasible()
    (Fraction(0, 1), True)
    """

    private: BinaryResult
    public: PublicResult

    @property
    def gap(self) -> Fraction:
        """``private - public >= 0`` (module doc)."""
        return self.private.value - self.public.value

    def public_is_private_feasible(self) -> bool:
        """The public scheme satisfies (*) and (**) (summed public rows), so ``gap >= 0`` by construction.

        Returns
        -------
        bool
            True; False would contradict the module doc's argument (it raises instead).
        """
        g = self.public.solved_game()
        x = self.public.lp.x
        problem = private_problem(g)
        if x is None or problem.is_feasible_point(tuple(x) + (Fraction(0),) * (problem.n - len(x))) is not None:
            raise CertificateError("public signals: the public scheme is not a private scheme (a bug)")
        return True


def private_problem(game: MultiReceiverGame) -> LPProblem:
    """LP-Binary without payments (the private LP the public scheme is compared against).

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).

    Returns
    -------
    LPProblem
        :func:`~exactgame.persuasion.multireceiver.binary_lp` with the model ``none``.

    >>> private_problem(MultiReceiverGame.example()).n
    8
    """
    from .multireceiver import binary_lp

    return binary_lp(game, "none")[0]


def compare_signals(game: MultiReceiverGame, prior: Iterable[Any] | None = None) -> SignalComparison:
    """Solve LP-Binary and LP-Public (no payments) at the same prior.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    prior : sequence, optional
        The prior (default the game's).

    Returns
    -------
    SignalComparison
        Both optima; ``gap = private - public``.

    >>> c = compare_signals(MultiReceiverGame.example())
    >>> c.public.scheme["bad"]
    {'': Fraction(1, 2), 'r1+r2': Fraction(1, 2)}
    """
    pr = None if prior is None else list(prior)
    pub = solve_public(game, pr)
    out = SignalComparison(solve_binary(game, "none", pr), pub)
    out.public_is_private_feasible()
    return out


def equilibrium_cells(game: MultiReceiverGame) -> dict[frozenset, Polytope]:
    """The belief polytopes ``C_S`` where ``S`` is a pure equilibrium of the receivers (module doc).

    Parameters
    ----------
    game : MultiReceiverGame
        The game (payoffs only).

    Returns
    -------
    dict
        ``S -> C_S`` for the sets with a nonempty cell, in subset order.

    >>> cells = equilibrium_cells(MultiReceiverGame.example())
    >>> {subset_name(S, ("r1", "r2")): [str(v[1]) for v in C.vertices] for S, C in cells.items()}
    {'': ['1', '0'], 'r1+r2': ['1', '2/3']}
    """
    n = len(game.states)
    nonneg = [tuple(Fraction(-int(i == k)) for k in range(n)) for i in range(n)]
    cells = {}
    for S in game.subsets():
        A = [tuple((-1 if r in S else 1) * _join_gain(game, w, i, S) for w in game.states)
             for i, r in enumerate(game.receivers)] + nonneg
        C = Polytope.from_inequalities(A, [Fraction(0)] * len(A), [(Fraction(1),) * n], [Fraction(1)])
        if not C.is_empty:
            cells[S] = C
    return cells


def public_value_function(game: MultiReceiverGame) -> tuple[PiecewiseAffine, tuple[frozenset, ...]]:
    """``V(q) = max {E_q f(S) : q in C_S}`` (sender-preferred pure equilibrium) as a piecewise-affine function.

    Its concave envelope at the prior is the public optimum (a second, geometric computation of
    :func:`solve_public`'s value, used by the tests and the figure).

    Parameters
    ----------
    game : MultiReceiverGame
        The game.

    Returns
    -------
    tuple
        ``(V, sets)``: one piece per set with a nonempty cell, ``sets[k]`` the set of piece ``k``.

    Raises
    ------
    TooLargeError
        Beyond :data:`MAX_PUBLIC_RECEIVERS` receivers (2^N polytopes).

    >>> from exactgame.geometry.envelope import concave_envelope_at
    >>> V, sets = public_value_function(MultiReceiverGame.example())
    >>> concave_envelope_at(V, ["1/2", "1/2"]).value
    Fraction(3, 2)
    """
    if len(game.receivers) > MAX_PUBLIC_RECEIVERS:
        raise TooLargeError(f"{len(game.receivers)} receivers: the limit for the public value function is "
                            f"{MAX_PUBLIC_RECEIVERS}", where="receivers")
    cells = equilibrium_cells(game)
    sets = tuple(cells)
    return PiecewiseAffine([Piece(cells[S], tuple(game.sender[w][S] for w in game.states)) for S in sets]), sets


def comparison_lines(c: "SignalComparison | PublicResult", used: Sequence[Fraction]) -> list[str]:
    """Text lines for the public side of ``persuade --signals`` (the private side is LP-Binary's).

    Parameters
    ----------
    c : SignalComparison or PublicResult
        The comparison, or the public result alone.
    used : sequence of Fraction
        The prior used.

    Returns
    -------
    list of str
        The public value, its scheme and posteriors, and (for a comparison) the difference.

    >>> c = compare_signals(MultiReceiverGame.example())
    >>> comparison_lines(c, c.public.solved_game().prior)[-1]
    'private minus public: 1/6'
    """
    pub = c.public if isinstance(c, SignalComparison) else c
    g = pub.solved_game()
    lines = [f"public signal (cav V at prior ({', '.join(fmt(x) for x in used)})): {fmt(pub.value)}",
             "public scheme (the signal names the equilibrium set):"]
    for w in g.states:
        lines.append(f"  {w}: " + ", ".join(f"{{{S}}} {fmt(q)}" for S, q in pub.scheme[w].items()))
    for S, (wt, q) in pub.posteriors.items():
        lines.append(f"  signal {{{S}}}: probability {fmt(wt)}, posterior ({', '.join(fmt(x) for x in q)})")
    if isinstance(c, SignalComparison):
        lines.append(f"private minus public: {fmt(c.gap)}")
    return lines
