r"""Implementability of :math:`(\alpha, q, t)` for one player (004_2686c8b5ad6ec5f0.txt,
"Implementability lemma", "Buyer's problem", "Class 2-lemma", Appendix 6).

Write everything for the buyer; the seller is the same with the roles of the signals
swapped (own signal :math:`j`, the other's :math:`i`) and payoff :math:`t^s - q^s u^s(v)`.
Let :math:`g_{ij}(v) = q^b_{ij} u^b(v) - t^b_{ij}`, :math:`a_i(v) = \sum_j \alpha_{ij}(v)`,
:math:`P_i = \sum_v a_i(v)`, :math:`\mu_i(v) = a_i(v)/P_i`, and up to the constant
:math:`\kappa H(\mu_0)` the cost is

.. math:: c(\alpha) = \kappa \sum_{i, v} a_i(v) \log \frac{a_i(v)}{P_i},
          \qquad \frac{\partial c}{\partial \alpha_{ij}(v)} = \kappa \log \mu_i(v)

(the :math:`+1`'s of :math:`\partial (a \log a)` and :math:`-\partial (P \log P)` cancel).
A deviation :math:`\tilde\sigma^b` yields :math:`\tilde\alpha` over
:math:`(S^b \cup \{s_\emptyset\}) \times S^s \times V` with the same
:math:`S^s \times V` marginal (eq. (2)); the objective :math:`\sum \tilde\alpha g - c(\tilde\alpha)`
is concave, so :math:`\alpha` is a best response iff no feasible direction has a positive
directional derivative. (A realization :math:`s_\emptyset` that reports some :math:`s_k`
instead of abstaining is never better than merging it into :math:`s_k`: same payoff, and
by Gibbs' inequality :math:`-\sum_v E(v) \log \mu_k(v) \ge -\sum_v E(v) \log(E(v)/|E|)`,
so merging costs less at the margin. Abstaining pays 0.)

**Class 1** (mass moves within a column :math:`(j, v)`): with
:math:`w_{ij}(v) = g_{ij}(v) - \kappa \log \mu_i(v)` the KKT conditions are (ST), (DF), (CS):
:math:`\lambda_j(v) = w_{ij}(v)` wherever :math:`\alpha_{ij}(v) > 0` and
:math:`\phi_{ij}(v) = \lambda_j(v) - w_{ij}(v) \ge 0` elsewhere. So :math:`\lambda_j(v)` is
*determined* by any positive cell of the column, and the check is: all positive cells of a
column have equal :math:`w`, no empty cell has a larger one. Failures give a direction:
move mass from the lower to the higher :math:`w` (marginal gain = the difference). If
:math:`\mu_i(v) = 0` while the column :math:`(j, v)` has mass, :math:`w_{ij}(v) = +\infty`
(the entropy's infinite slope): moving :math:`\epsilon` into the cell gains
:math:`\kappa \epsilon \log(1/\epsilon) + O(\epsilon) > 0`, so a signal that rules out a
state is never a best response. Columns without mass (:math:`\sum_i \alpha_{ij}(v) = 0`)
cannot move; their :math:`\lambda_j(v)` is free and taken :math:`+\infty`.

**Class 2** (mass :math:`\epsilon \beta_{ij}(v)` moves to :math:`s_\emptyset`,
:math:`B(v) = \sum_{ij} \beta_{ij}(v)`, :math:`|B| = 1`): the new row costs
:math:`\kappa \epsilon \sum_v B(v) \log B(v)`, hence

.. math:: MG_\alpha(\beta) = -\sum \beta_{ij}(v) w_{ij}(v) + \kappa H(B)
          = -\sum_v B(v) \Lambda(v) + \kappa H(B) \quad\text{at best,}

with :math:`\Lambda(v) = \min_j \lambda_j(v)` (take the mass from the cheapest column).
By the Gibbs variational principle
:math:`\max_{B \in \Delta(V)} [-\sum_v B(v) \Lambda(v) + \kappa H(B)] = \kappa \log \sum_v e^{-\Lambda(v)/\kappa}`,
attained at :math:`B^*(v) \propto e^{-\Lambda(v)/\kappa}`. So, given Class 1, no deviation
gains iff

.. math:: (NA) \qquad \sum_{v} \exp(-\Lambda(v)/\kappa) \le 1,

and when (NA) fails :math:`\beta^*` (taken from :math:`B^*`, rounded to rationals) is the
profitable direction of the Class-2 lemma. Since
:math:`\lambda_j(v) = g - \kappa \log \mu_i(v)`, :math:`e^{-\Lambda(v)/\kappa} = \mu_i(v) e^{-g/\kappa}`:
(NA) is a comparison of a sum of rational multiples of exponentials of rationals with 1,
decided exactly when equal (Lindemann-Weierstrass) and by balls otherwise
(:mod:`exactgame.logexp`). (ST)/(DF) compare :math:`g - g' ` with
:math:`\kappa \log(\mu/\mu')`: log-linear forms, decided the same way.

**Certificates.** An implementable player gets the multipliers (exact log-linear
expressions), an enclosure proving each :math:`\phi \ge 0` and one proving (NA). A player
with a profitable deviation gets a concrete :math:`\tilde\alpha = \alpha + \epsilon \beta`
with rational :math:`\epsilon`, and its exact gain
:math:`G = \Delta U - \kappa \Delta c` (a log-linear form) with an enclosure proving
:math:`G > 0`: the certificate does not rely on the lemma at all.

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 0], seller=[0, 0],
...       posteriors=["1/2"], weights=[1], transfers={"buyer": [[0]], "seller": [[0]]})
>>> r = check_implementability(g, "buyer")
>>> r.implementable, str(r.multipliers[("s1", "low")]), str(r.na)       # lambda = -log(1/2); NA: 1/2 + 1/2 - 1 = 0
(True, '-log(1/2)', '0')
>>> r.certificate.verify()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from flint import arb, ctx

from ..display.mixin import Displayable
from ..certificates import Certificate, require
from ..errors import CertificateError, InputError, InternalError
from ..logexp import Enclosure, ExpSum, LogLinear, to_arb
from ..numbers import fmt, to_fraction
from .model import BUYER, SELLER, AcquisitionGame

__all__ = ["check_implementability", "Implementability", "Deviation", "ImplementabilityCertificate",
           "deviation_gain"]

Cell = tuple[int, int, int]          # (own signal k, other signal o, state v); k == K is the abstain row
Move = tuple[Cell, Cell, Fraction]   # (from, to, mass per unit of epsilon)
ABSTAIN = "(abstain)"
#: The first failure found: (condition, direction, marginal gain or None for +infinity, its enclosure).
_Failure = tuple[str, tuple[Move, ...], LogLinear | None, Enclosure | None]


# -- the analysis -----------------------------------------------------------------------------


def _marginals(A: Sequence[Sequence[Sequence[Fraction]]]) -> tuple[list[list[Fraction]], list[Fraction], list[list[Fraction]]]:
    """Row masses ``a[k][v]``, row totals ``P[k]`` and column masses ``col[o][v]`` of ``A[k][o][v]``."""
    K, n_other, n = len(A), len(A[0]), len(A[0][0])
    a = [[sum((A[k][o][v] for o in range(n_other)), Fraction(0)) for v in range(n)] for k in range(K)]
    P = [sum(r, Fraction(0)) for r in a]
    col = [[sum((A[k][o][v] for k in range(K)), Fraction(0)) for v in range(n)] for o in range(n_other)]
    return a, P, col


def _w(g: Fraction, kappa: Fraction, mu: Fraction) -> LogLinear:
    """:math:`w = g - \\kappa \\log \\mu`, the marginal value of a cell."""
    return LogLinear(g) - LogLinear.log(mu, kappa)


def _row_cost(a: Sequence[Fraction]) -> LogLinear:
    """:math:`\\sum_v a_v \\log a_v - P \\log P` for a row with masses ``a`` (0 log 0 = 0)."""
    P = sum(a)
    terms = tuple((x, x) for x in a if x) + (((-P, P),) if P else ())
    return LogLinear(Fraction(0), terms)


def deviation_gain(A: Sequence[Sequence[Sequence[Fraction]]], g: Sequence[Sequence[Sequence[Fraction]]], kappa: Fraction,
                   moves: Sequence[Move], eps: Fraction) -> LogLinear:
    r"""Exact gain :math:`\Delta U - \kappa \Delta c` of :math:`\tilde\alpha = \alpha + \epsilon \beta`.

    ``moves`` carry mass ``eps * m`` from one cell to another of the same column; a target
    with own index ``len(A)`` is the abstain row (payoff 0).
    :math:`\Delta U = \sum \epsilon m (g_{\text{to}} - g_{\text{from}})` and
    :math:`\Delta c = \sum_{\text{rows touched}} [\sum_v a_v \log a_v - P \log P]_{\text{old}}^{\text{new}}`
    (natural logarithms, :math:`0 \log 0 = 0`); nothing checks that the cells stay nonnegative.

    Parameters
    ----------
    A : nested sequence of Fraction
        :math:`\alpha` oriented for the player, ``A[k][o][v]`` (own signal, other's signal, state).
    g : nested sequence of Fraction
        The player's payoffs ``g[k][o][v]`` (as :meth:`AcquisitionGame.payoff_rows`).
    kappa : Fraction
        The player's cost scale.
    moves : sequence of ``((k, o, v), (k', o, v), m)``
        Mass per unit of ``eps`` moved from one cell to another.
    eps : Fraction
        The step length :math:`\epsilon`.

    Returns
    -------
    LogLinear
        The gain, exact: a rational plus rational multiples of logarithms of rationals.

    >>> A, g = [[[Fraction(1, 2), Fraction(1, 2)]]], [[[Fraction(-1), Fraction(-1)]]]
    >>> gain = deviation_gain(A, g, Fraction(1), [((0, 0, 0), (1, 0, 0), Fraction(1))], Fraction(1, 4))
    >>> str(gain), gain.sign()                      # abstaining in the low state, a quarter of the time
    ('1/4 - 1/4*log(1/4) + 1/2*log(1/2) + 3/4*log(3/4)', 1)
    """
    K, n = len(A), len(A[0][0])
    dU = Fraction(0)
    rows: dict[int, list[Fraction]] = {}
    old: dict[int, list[Fraction]] = {}
    for k in {c[0] for m in moves for c in m[:2]}:
        base = [sum((A[k][o][v] for o in range(len(A[0]))), Fraction(0)) for v in range(n)] if k < K else [Fraction(0)] * n
        rows[k] = list(base)
        old[k] = base
    for (k1, o1, v1), (k2, o2, v2), m in moves:
        x = eps * m
        dU += x * ((g[k2][o2][v2] if k2 < K else 0) - g[k1][o1][v1])
        rows[k1][v1] -= x
        rows[k2][v2] += x
    dC = LogLinear()
    for k in rows:
        dC = dC + _row_cost(rows[k]) - _row_cost(old[k])
    return LogLinear(dU) - dC * kappa


def _apply(A: Sequence[Sequence[Sequence[Fraction]]], moves: Sequence[Move], eps: Fraction) -> list[list[list[Fraction]]]:
    """:math:`\\alpha + \\epsilon \\beta`, with the abstain row appended when it gets mass."""
    K = len(A)
    out = [[list(col) for col in row] for row in A] + [[[Fraction(0)] * len(A[0][0]) for _ in A[0]]]
    for (k1, o1, v1), (k2, o2, v2), m in moves:
        out[k1][o1][v1] -= eps * m
        out[k2][o2][v2] += eps * m
    if not any(x for col in out[K] for x in col):
        out.pop()
    return out


@dataclass(frozen=True)
class Deviation:
    r"""A profitable deviation :math:`\tilde\alpha = \alpha + \epsilon \beta` (cells as label triples).

    Attributes
    ----------
    player : str
        ``"buyer"`` or ``"seller"``.
    lemma_class : int
        1: mass moves between own signals within a column (other's signal, state); 2: some mass
        moves to the abstain row ``"(abstain)"``.
    condition : str
        The failed condition exploited: ``"ST"``, ``"DF"`` or ``"NA"``.
    moves : tuple
        ``((own, other, state), (own', other, state), m)``: mass :math:`\epsilon m` moved.
    epsilon : Fraction
        The step :math:`\epsilon > 0`.
    gain : LogLinear
        The exact gain :func:`deviation_gain` of the step.
    gain_enclosure : Enclosure
        A rational interval containing ``gain`` with a positive lower end.
    marginal_gain : LogLinear or None
        The directional derivative; None for :math:`+\infty` (a posterior that rules out a state).
        Not stored in certificates (None after reading one back).
    marginal_enclosure : Enclosure or None
        Its enclosure.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 0], seller=[0, 0],
    ...       posteriors=["1/2"], weights=[1], transfers={"buyer": [[1]], "seller": [[0]]})
    >>> d = check_implementability(g, "buyer").deviation   # paying 1 for a worthless good: abstain
    >>> d.lemma_class, d.condition, d.epsilon, d.beta[("b1", "s1", "low")], d.gain_enclosure.decimal(6)
    (2, 'NA', Fraction(1, 2), Fraction(1, 2), '~0.500000')
    """

    player: str
    lemma_class: int                 # 1: reshuffle own signals; 2: abstain with positive probability
    condition: str                   # the condition whose failure it exploits
    moves: tuple[tuple[tuple[str, str, str], tuple[str, str, str], Fraction], ...]
    epsilon: Fraction
    gain: LogLinear
    gain_enclosure: Enclosure
    marginal_gain: LogLinear | None  # None: +infinity (a posterior that rules out a state)
    marginal_enclosure: Enclosure | None

    @property
    def beta(self) -> dict[tuple[str, str, str], Fraction]:
        """:math:`\\beta`: mass per unit of :math:`\\epsilon` taken from each cell (Class-2 lemma notation)."""
        out: dict[tuple[str, str, str], Fraction] = {}
        for src, _, m in self.moves:
            out[src] = out.get(src, Fraction(0)) + m
        return out


@dataclass(frozen=True, repr=False)
class Implementability(Displayable):
    r"""The answer for one player: conditions, multipliers, (NA), or a profitable deviation.

    Attributes
    ----------
    player : str
        ``"buyer"`` or ``"seller"``.
    implementable : bool
        True when (ST), (DF), (CS) and (NA) all hold (the player best-responds).
    multipliers : mapping (other signal, state) -> LogLinear
        :math:`\lambda_o(v)` for every column with mass (exact log-linear forms).
    slacks : mapping (own, other, state) -> (LogLinear, Enclosure)
        :math:`\phi = \lambda - w \ge 0` at the empty cells, with an enclosure proving the sign.
    na : ExpSum or None
        :math:`\sum_v e^{-\Lambda(v)/\kappa} - 1` (None when Class 1 already fails); (NA) is ``na <= 0``.
    na_enclosure : Enclosure or None
        Its enclosure.
    violations : tuple of str
        One sentence per failed condition.
    deviation : Deviation or None
        A profitable deviation from the first failure, when not implementable.
    certificate : ImplementabilityCertificate
        Re-checks either answer.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 0], seller=[0, 0],
    ...       posteriors=["1/2"], weights=[1], transfers={"buyer": [[1]], "seller": [[0]]})
    >>> r = check_implementability(g, "buyer")
    >>> r.implementable, r.violations, r.na_enclosure.sign
    (False, ('(NA) fails: sum_v exp(-Lambda(v)/kappa) - 1 = exp(1) - 1 > 0',), 1)
    """

    player: str
    implementable: bool
    multipliers: Mapping[tuple[str, str], LogLinear]            # lambda_o(v), keyed (other signal, state)
    slacks: Mapping[tuple[str, str, str], tuple[LogLinear, Enclosure]]   # phi > 0 at empty cells
    na: ExpSum | None                # sum_v exp(-Lambda(v)/kappa) - 1 (None if Class 1 fails)
    na_enclosure: Enclosure | None
    violations: tuple[str, ...]
    deviation: Deviation | None
    certificate: "ImplementabilityCertificate"


class _Problem:
    """The player's oriented data: ``A[k][o][v]``, ``g[k][o][v]``, kappa and labels."""

    def __init__(self, player: str, A: Sequence[Sequence[Sequence[Fraction]]], g: Sequence[Sequence[Sequence[Fraction]]],
                 kappa: Fraction, own: Sequence[str], other: Sequence[str], states: Sequence[str]):
        self.player, self.A, self.g, self.kappa = player, A, g, kappa
        self.own, self.other, self.states = tuple(own), tuple(other), tuple(states)
        self.K, self.O, self.n = len(A), len(A[0]), len(A[0][0])
        self.a, self.P, self.col = _marginals(A)
        self.mu = [[self.a[k][v] / self.P[k] for v in range(self.n)] for k in range(self.K)]

    def w(self, k: int, o: int, v: int) -> LogLinear | None:
        """:math:`w_{ko}(v) = g - \\kappa \\log \\mu_k(v)`; None when :math:`\\mu_k(v) = 0` (:math:`+\\infty`)."""
        mu = self.mu[k][v]
        return _w(self.g[k][o][v], self.kappa, mu) if mu else None

    def label(self, c: Cell) -> tuple[str, str, str]:
        """The names (own signal or ``"(abstain)"``, other's signal, state) of a cell."""
        k, o, v = c
        return (self.own[k] if k < self.K else ABSTAIN, self.other[o], self.states[v])


def _oriented(game: AcquisitionGame, player: str) -> _Problem:
    """The player's :class:`_Problem` (InputError for an unknown player or a game without a mechanism)."""
    if player not in (BUYER, SELLER):
        raise InputError(f"unknown player {player!r}; use 'buyer' or 'seller'")
    own, other = (game.buyer_signals, game.seller_signals) if player == BUYER else (game.seller_signals, game.buyer_signals)
    return _Problem(player, game.oriented(player), game.payoff_rows(player), game.cost[player], own, other, game.states)


def check_implementability(game: AcquisitionGame, player: str) -> Implementability:
    r"""Decide whether ``player`` best-responds to :math:`(\alpha, q, t)` (the lemma's (ST), (DF), (CS), (NA)).

    Class 1, per column :math:`(o, v)` with mass: :math:`\lambda_o(v) = w_{ko}(v)` at the first
    positive cell :math:`k`; every other positive cell must have :math:`w = \lambda` exactly (ST)/(CS),
    every empty one :math:`\phi = \lambda - w \ge 0` (DF), and no posterior may rule out a state
    with mass in the column. Class 2, if Class 1 holds: (NA)
    :math:`\sum_v e^{-\Lambda(v)/\kappa} \le 1`, :math:`\Lambda(v) = \min_o \lambda_o(v)`. Signs are
    decided exactly (equality) or by certified balls. On failure the first violation gives a
    direction and :func:`deviation_gain` a concrete profitable step (module docstring).

    Parameters
    ----------
    game : AcquisitionGame
        A game with an information structure and transfers.
    player : str
        ``"buyer"`` or ``"seller"``.

    Returns
    -------
    Implementability
        The verdict with multipliers and (NA), or the violations and a deviation; its
        certificate re-checks it.

    Raises
    ------
    InputError
        For another player name, or a game without ``alpha`` or transfers.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 0], seller=[0, 0],
    ...       posteriors=["1/2"], weights=[1], transfers={"buyer": [[1]], "seller": [[0]]})
    >>> r = check_implementability(g, "seller")          # selling a worthless good for 0
    >>> r.implementable, str(r.multipliers[("b1", "high")]), str(r.na)      # lambda = 0 - log(1/2); NA binds
    (True, '-log(1/2)', '0')
    """
    pb = _oriented(game, player)
    lam: dict[tuple[int, int], LogLinear] = {}
    src: dict[tuple[int, int], int] = {}
    slacks: dict[Cell, tuple[LogLinear, Enclosure]] = {}
    violations: list[str] = []
    first: _Failure | None = None
    for o in range(pb.O):
        for v in range(pb.n):
            if not pb.col[o][v]:
                continue
            found = _check_column(pb, o, v, lam, src, slacks, violations)     # every column, also after a failure
            first = first or found
    na = na_enc = None
    if not violations:
        na, Lam = _na(pb, lam)
        s, na_enc = na.certified()
        if s > 0:
            violations.append(f"(NA) fails: sum_v exp(-Lambda(v)/kappa) - 1 = {na} > 0")
            first = _class2(pb, lam, src, Lam)
    deviation = _concrete(pb, *first) if first else None
    cert = ImplementabilityCertificate(pb, not violations, lam, slacks, na, na_enc, deviation)
    return Implementability(
        player, not violations,
        {(pb.other[o], pb.states[v]): x for (o, v), x in sorted(lam.items())},
        {pb.label(c): s for c, s in sorted(slacks.items())},
        na, na_enc, tuple(violations), deviation, cert)


def _check_column(pb: _Problem, o: int, v: int, lam: dict[tuple[int, int], LogLinear], src: dict[tuple[int, int], int],
                  slacks: dict[Cell, tuple[LogLinear, Enclosure]], violations: list[str]) -> _Failure | None:
    """Class 1 in the column ``(o, v)`` (which has mass): sets ``lam``, ``src`` and ``slacks``, appends to
    ``violations``, and returns the column's first failure (None if it has none)."""
    first: _Failure | None = None
    pos = [k for k in range(pb.K) if pb.A[k][o][v] > 0]
    k0 = pos[0]
    w0 = pb.w(k0, o, v)
    if w0 is None:
        raise InternalError(f"a positive cell {pb.label((k0, o, v))} has a posterior ruling out its own state")
    lam[(o, v)], src[(o, v)] = w0, k0
    for k in range(pb.K):
        if k == k0:
            continue
        wk = pb.w(k, o, v)
        cell = pb.label((k, o, v))
        if wk is None:
            violations.append(f"(DF) fails at {cell}: the posterior after {cell[0]!r} rules out {cell[2]!r} "
                              "while the column has mass (marginal gain +infinity)")
            first = first or ("DF", (((k0, o, v), (k, o, v), Fraction(1)),), None, None)
            continue
        phi = lam[(o, v)] - wk
        s, enc = phi.certified()
        if k in pos and s != 0:
            violations.append(f"(ST)/(CS) fail in column {cell[1:]}: unequal marginal values at {pb.label((k0, o, v))[0]!r} "
                              f"and {cell[0]!r}")
            move = ((k, o, v), (k0, o, v), Fraction(1)) if s > 0 else ((k0, o, v), (k, o, v), Fraction(1))
            first = first or ("ST", (move,), -phi if s < 0 else phi, enc if s > 0 else -enc)
        elif k not in pos:
            if s < 0:
                violations.append(f"(DF) fails at {cell}: phi = {phi} < 0")
                first = first or ("DF", (((k0, o, v), (k, o, v), Fraction(1)),), -phi, -enc)
            else:
                slacks[(k, o, v)] = (phi, enc)
    return first


def _na(pb: _Problem, lam: Mapping[tuple[int, int], LogLinear]) -> tuple[ExpSum, dict[int, int]]:
    """(NA) as an ExpSum :math:`\\sum_v e^{-\\Lambda(v)/\\kappa} - 1`, and the argmin column of each state."""
    Lam: dict[int, int] = {}
    terms = [(Fraction(-1), Fraction(0))]
    for v in range(pb.n):
        best: int | None = None
        for o in range(pb.O):
            if (o, v) in lam and (best is None or (lam[(o, v)] - lam[(best, v)]).sign() < 0):
                best = o
        if best is None:
            raise InternalError(f"state {pb.states[v]!r} has no column with mass although its prior is positive")
        Lam[v] = best
        terms.append((-lam[(best, v)] * (1 / pb.kappa)).exp_coefficient())
    return ExpSum(tuple(terms)), Lam


def _class2(pb: _Problem, lam: Mapping[tuple[int, int], LogLinear], src: Mapping[tuple[int, int], int],
            Lam: Mapping[int, int]) -> tuple[str, tuple[Move, ...], LogLinear, Enclosure]:
    """The Class-2 direction :math:`\\beta^*`: :math:`B^*(v) \\propto e^{-\\Lambda(v)/\\kappa}`, rounded."""
    digits = 8
    while True:
        with ctx.workprec(4 * digits + 64):
            weights = [(-lam[(Lam[v], v)] * (1 / pb.kappa)).exp_coefficient() for v in range(pb.n)]
            balls = [to_arb(c) * to_arb(r).exp() for c, r in weights]
            total = sum(balls, arb(0))
            B = [Fraction(int((b / total * 10**digits).mid().floor().unique_fmpz()), 10**digits) for b in balls]
        B[-1] = 1 - sum(B[:-1], Fraction(0))
        moves = tuple(((src[(Lam[v], v)], Lam[v], v), (pb.K, Lam[v], v), B[v]) for v in range(pb.n) if B[v] > 0)
        mg = LogLinear() - sum((lam[(Lam[v], v)] * B[v] for v in range(pb.n)), LogLinear()) \
            - LogLinear(Fraction(0), tuple((b, b) for b in B if b)) * pb.kappa
        s, enc = mg.certified()
        if s > 0:
            return "NA", moves, mg, enc
        digits *= 2
        if digits > 5000:  # pragma: no cover - (NA) fails, so some rounding of B* has a positive marginal gain
            raise CertificateError("could not round the Class-2 direction to a profitable rational one")


def _concrete(pb: _Problem, condition: str, moves: tuple[Move, ...], mg: LogLinear | None, mg_enc: Enclosure | None) -> Deviation:
    """A rational :math:`\\epsilon` with a certified positive gain along the direction."""
    out: dict[Cell, Fraction] = {}
    for c, _, m in moves:
        out[c] = out.get(c, Fraction(0)) + m
    eps = min(pb.A[c[0]][c[1]][c[2]] / m for c, m in out.items()) / 2
    for _ in range(2000):
        gain = deviation_gain(pb.A, pb.g, pb.kappa, moves, eps)
        s, enc = gain.certified()
        if s > 0:
            break
        eps /= 4
    else:  # pragma: no cover - a positive marginal gain makes small steps profitable
        raise CertificateError("no profitable step length found along a direction with positive marginal gain")
    cls = 2 if any(t[0] == pb.K for _, t, _ in moves) else 1
    return Deviation(pb.player, cls, condition, tuple((pb.label(a), pb.label(b), m) for a, b, m in moves), eps, gain, enc, mg, mg_enc)


# -- certificate ------------------------------------------------------------------------------------


class ImplementabilityCertificate(Certificate):
    """Implementability for one player: multipliers + enclosures, or a deviation with a proved gain.

    The check recomputes posteriors and :math:`w = g - \\kappa \\log \\mu` from the stored
    :math:`\\alpha` (oriented) and payoffs, and re-decides every sign with its own balls:
    for an implementable answer, :math:`\\phi = 0` exactly at positive cells, the stored slack
    equals the recomputed :math:`\\phi` and its enclosure is nonnegative at empty ones, and (NA)
    is recomputed and proved; otherwise the deviation's moves stay in their columns, keep every
    cell nonnegative and the recomputed gain equals the stored one, proved positive.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[0, 0], seller=[0, 0],
    ...       posteriors=["1/2"], weights=[1], transfers={"buyer": [[1]], "seller": [[0]]})
    >>> cert = check_implementability(g, "buyer").certificate
    >>> cert.verify(), cert.to_dict()["deviation"]["epsilon"], cert.to_dict()["implementable"]
    (True, '1/2', False)
    """

    kind = "acquisition-implementability"

    def __init__(self, pb: _Problem, implementable: bool, lam: Mapping[tuple[int, int], LogLinear],
                 slacks: Mapping[Cell, tuple[LogLinear, Enclosure]], na: ExpSum | None, na_enc: Enclosure | None,
                 deviation: Deviation | None):
        self.pb, self.implementable, self.lam, self.slacks = pb, implementable, dict(lam), dict(slacks)
        self.na, self.na_enc, self.deviation = na, na_enc, deviation

    def _check(self) -> None:
        pb = self.pb
        require(all(x >= 0 for r in pb.A for c in r for x in c), "alpha has a negative cell")
        if self.implementable:
            self._check_multipliers()
        else:
            self._check_deviation()

    def _check_multipliers(self) -> None:
        pb = self.pb
        for o in range(pb.O):
            for v in range(pb.n):
                if not pb.col[o][v]:
                    continue
                require((o, v) in self.lam, f"missing multiplier lambda for column {(pb.other[o], pb.states[v])}")
                lam = self.lam[(o, v)]
                for k in range(pb.K):
                    cell = pb.label((k, o, v))
                    require(pb.mu[k][v] > 0, f"posterior after {cell[0]!r} rules out {cell[2]!r}: (ST) has no finite multiplier")
                    phi = lam - _w(pb.g[k][o][v], pb.kappa, pb.mu[k][v])
                    if pb.A[k][o][v] > 0:
                        require(phi.is_zero(), f"(ST)/(CS) fail at {cell}: phi = {phi} must be exactly 0")
                    else:
                        require((k, o, v) in self.slacks, f"missing the slack phi at {cell}")
                        stored, enc = self.slacks[(k, o, v)]
                        require((stored - phi).is_zero(), f"(ST) fails at {cell}: stored phi {stored} != {phi}")
                        require(phi.is_zero() or (enc.lo >= 0 and enc.encloses(phi)), f"(DF) not proved at {cell}")
        terms = [(Fraction(-1), Fraction(0))]
        for v in range(pb.n):
            cols = [o for o in range(pb.O) if (o, v) in self.lam and pb.col[o][v]]
            best = cols[0]
            for o in cols[1:]:
                if (self.lam[(o, v)] - self.lam[(best, v)]).sign() < 0:
                    best = o
            terms.append((-self.lam[(best, v)] * (1 / pb.kappa)).exp_coefficient())
        na = ExpSum(tuple(terms))
        require(self.na is not None and (na - self.na).is_zero(), f"(NA) expression mismatch: {na} vs {self.na}")
        na_enc = self.na_enc
        require(na.is_zero() or (na_enc is not None and na_enc.hi < 0 and na_enc.encloses(na)),
                f"(NA) not proved: {na} <= 0" + ("" if na_enc is not None else " (the certificate has no na_enclosure)"))

    def _check_deviation(self) -> None:
        pb, d = self.pb, self.deviation
        if d is None:
            raise CertificateError("a non-implementable answer needs a deviation")
        index = {(pb.own[k] if k < pb.K else ABSTAIN, pb.other[o], pb.states[v]): (k, o, v)
                 for k in range(pb.K + 1) for o in range(pb.O) for v in range(pb.n)}
        try:
            moves = tuple((index[a], index[b], m) for a, b, m in d.moves)
        except KeyError as exc:
            raise CertificateError(f"deviation names an unknown cell {exc.args[0]}") from None
        require(d.epsilon > 0, "epsilon must be positive")
        for (k1, o1, v1), (k2, o2, v2), m in moves:
            require(m > 0 and o1 == o2 and v1 == v2 and k1 < pb.K,
                    "each move must carry positive mass within a column of the other player's signal and the state (eq. (2))")
        new = _apply(pb.A, moves, d.epsilon)
        require(all(x >= 0 for r in new for c in r for x in c), "the deviation makes a cell negative")
        gain = deviation_gain(pb.A, pb.g, pb.kappa, moves, d.epsilon)
        require((gain - d.gain).is_zero(), f"stored gain {d.gain} differs from the recomputed {gain}")
        require(d.gain_enclosure.lo > 0 and d.gain_enclosure.encloses(gain), "the deviation's gain is not proved positive")

    def _data(self) -> dict[str, Any]:
        pb = self.pb
        data: dict[str, Any] = {
            "player": pb.player, "own_signals": list(pb.own), "other_signals": list(pb.other), "states": list(pb.states),
            "kappa": fmt(pb.kappa),
            "alpha": [[[fmt(x) for x in c] for c in r] for r in pb.A],
            "payoffs": [[[fmt(x) for x in c] for c in r] for r in pb.g],
            "implementable": self.implementable,
        }
        if self.implementable:
            data["multipliers"] = [{"other": pb.other[o], "state": pb.states[v], "lambda": x.to_dict()} for (o, v), x in self.lam.items()]
            data["slacks"] = [{"own": pb.own[k], "other": pb.other[o], "state": pb.states[v], "phi": p.to_dict(),
                               "enclosure": e.to_dict()} for (k, o, v), (p, e) in self.slacks.items()]
            data["na"] = self.na.to_dict()  # type: ignore[union-attr]  # set for every computed implementable answer; a read-back one without it fails here (reported)
            data["na_enclosure"] = self.na_enc.to_dict()  # type: ignore[union-attr]  # as above
        if self.deviation is not None:
            d = self.deviation
            data["deviation"] = {"class": d.lemma_class, "condition": d.condition,
                                 "moves": [[list(a), list(b), fmt(m)] for a, b, m in d.moves], "epsilon": fmt(d.epsilon),
                                 "gain": d.gain.to_dict(), "gain_enclosure": d.gain_enclosure.to_dict()}
        return data

    @classmethod
    def _from_data(cls, data: Mapping[str, Any]) -> "ImplementabilityCertificate":
        def cube(x):
            return [[[to_fraction(z) for z in c] for c in r] for r in x]
        pb = _Problem(str(data["player"]), cube(data["alpha"]), cube(data["payoffs"]), to_fraction(data["kappa"]),
                      data["own_signals"], data["other_signals"], data["states"])
        o_ix = {s: i for i, s in enumerate(pb.other)}
        k_ix = {s: i for i, s in enumerate(pb.own)}
        v_ix = {s: i for i, s in enumerate(pb.states)}
        try:
            lam = {(o_ix[m["other"]], v_ix[m["state"]]): LogLinear.from_dict(m["lambda"]) for m in data.get("multipliers", [])}
            slacks = {(k_ix[s["own"]], o_ix[s["other"]], v_ix[s["state"]]): (LogLinear.from_dict(s["phi"]), Enclosure.from_dict(s["enclosure"]))
                      for s in data.get("slacks", [])}
        except KeyError as exc:
            raise InputError(f"certificate names an unknown signal or state {exc.args[0]!r}") from None
        na = ExpSum.from_dict(data["na"]) if "na" in data else None
        na_enc = Enclosure.from_dict(data["na_enclosure"]) if "na_enclosure" in data else None
        dev = None
        if "deviation" in data:
            d = data["deviation"]
            dev = Deviation(pb.player, int(d["class"]), str(d["condition"]),
                            tuple((tuple(a), tuple(b), to_fraction(m)) for a, b, m in d["moves"]), to_fraction(d["epsilon"]),
                            LogLinear.from_dict(d["gain"]), Enclosure.from_dict(d["gain_enclosure"]), None, None)
        return cls(pb, bool(data["implementable"]), lam, slacks, na, na_enc, dev)
