r"""Many receivers with binary actions and externalities (003_e54e9b7a7da88b3e.txt, Section 7).

``N`` receivers each take action 0 or 1; a direct scheme draws the set ``S`` of receivers
told to take action 1, :math:`\varphi_\theta(S)`. The sender gets :math:`f^\theta(S)`, receiver
``i`` gets :math:`u^\theta_i(S)`, and :math:`g^\theta_i(S) = u^\theta_i(S) - u^\theta_i(S\setminus\{i\})`.
Payments :math:`p(i)(a)` go to receiver ``i`` for following recommendation ``a``; as in the
single-receiver LP we use the expected payments
:math:`Q^1_i = \Pr[i\in S]\,p(i)(1)` and :math:`Q^0_i = \Pr[i\notin S]\,p(i)(0)` (LP-Binary):

.. math::

    \max\ \sum_{\theta,S}\mu_\theta\varphi_\theta(S)f^\theta(S) - \sum_i (Q^1_i + Q^0_i)
    \quad\text{s.t.}\quad
    \sum_\theta\mu_\theta\sum_{S\ni i}\varphi_\theta(S)g^\theta_i(S) + Q^1_i \ge 0,\quad
    \sum_\theta\mu_\theta\sum_{S\not\ni i}\varphi_\theta(S)g^\theta_i(S\cup\{i\}) - Q^0_i \le 0.

(The paper prints the payments with a plus sign in the objective; they are paid *to* the
receivers, and with a plus sign arbitrary payments would make the LP unbounded, so we
subtract them.) Payment models as in :mod:`exactgame.persuasion.payments`, and as there the
LP drops implementability (:math:`Q^a_i = 0` when receiver ``i`` is never told ``a``): under budget
balance its optimum may fund payments with a positive :math:`Q` on a recommendation never sent;
:func:`~exactgame.persuasion.payments.implementable_payments` moves that onto a sent one, which
keeps feasibility, the payment model and the value (the proof in that module applies
verbatim: raising a :math:`Q` only relaxes its own constraint).

With the multipliers :math:`\lambda^1_i, \lambda^0_i \ge 0` of the two constraint families, the
partial Lagrangian is maximized in each state by sets ``S`` maximizing
:math:`f^\theta(S) + \sum_{i\in S}\lambda^1_i g^\theta_i(S) - \sum_{i\notin S}\lambda^0_i g^\theta_i(S\cup\{i\})`;
the scheme must be supported on those sets (checked exactly). Free payments force
:math:`\lambda^1_i = \lambda^0_i = 1` (**Proposition 8**: total payoff maximization); budget
balance forces them all equal to one :math:`\gamma^*` (**Proposition 7**: the :math:`\gamma^*`-weighted
total virtual payoff maximizer).

>>> g = MultiReceiverGame.example()
>>> [str(solve_binary(g, m).value) for m in ("none", "budget-balanced", "arbitrary")]
['5/3', '9/5', '3']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import combinations
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..display.citations import cite
from ..display.mixin import Displayable
from ..certificates import encode
from ..results import Claim, certified, proof_document
from ..errors import CertificateError, InputError, InternalError, TooLargeError
from ..games.files import get, register_kind, require_keys
from ..games.model import check_names, check_prior, exact_strings
from ..geometry.lp import LPProblem, LPResult, solve_problem
from ..numbers import fmt, to_fraction, to_vector
from .payments import PAYMENT_MODELS, implementable_payments

__all__ = ["MultiReceiverGame", "BinaryResult", "solve_binary", "MAX_RECEIVERS", "DENSE_RECEIVERS"]

#: Refuse more receivers than this: the LP has |Omega| * 2^N scheme variables. Measured here
#: (benchmarks/multireceiver_limit.py: two states, random payoffs, |S|^2 sender, shared 2-core
#: machine): the dense LP at N = 14 takes 34 s at 345 MB; column generation 5-8 s at 256 MB at
#: N = 14 and 11 s at 945 MB at N = 16 (the checker: 17-35 s and 42 s). N = 17 would need about 2 GB.
MAX_RECEIVERS = 16

#: Up to this many receivers :func:`solve_binary` builds the whole LP (``method="auto"``); beyond, it
#: uses column generation (:mod:`~exactgame.persuasion.colgen`), which never builds the dense LP.
DENSE_RECEIVERS = 12

def subset_name(S: Iterable[str], order: Sequence[str]) -> str:
    """Canonical key of a subset: receiver names in the game's order joined by '+', '' for the empty set.

    Parameters
    ----------
    S : iterable of str
        The receivers in the set.
    order : sequence of str
        The game's receivers, in file order.

    Returns
    -------
    str
        The key, e.g. ``"r1+r2"``.

    >>> subset_name({"r2", "r1"}, ["r1", "r2"]), subset_name([], ["r1", "r2"])
    ('r1+r2', '')
    """
    return "+".join(r for r in order if r in S)


@dataclass(frozen=True, repr=False)
class MultiReceiverGame(Displayable):
    """Sender payoffs f[state][S] and receiver payoffs u[state][S] (one per receiver) over subsets S.

    ``S`` is the set of receivers told (and taking) action 1, a frozenset of names. Build it with
    :meth:`make`, which validates every table; the constructor itself checks nothing.

    Attributes
    ----------
    states : tuple of str
        The states theta.
    prior : tuple of Fraction
        ``mu_theta``.
    receivers : tuple of str
        The receivers, in file order (the index ``i`` of ``payoffs`` vectors).
    sender : mapping
        ``state -> {S: f^theta(S)}``, every subset present.
    payoffs : mapping
        ``state -> {S: (u^theta_1(S), ..., u^theta_N(S))}``.

    >>> g = MultiReceiverGame.example()
    >>> g.receivers, [subset_name(S, g.receivers) for S in g.subsets()]
    (('r1', 'r2'), ['', 'r1', 'r2', 'r1+r2'])
    >>> g.payoffs["bad"][frozenset({"r1", "r2"})], g.g("bad", 0, frozenset({"r1", "r2"}))
    ((Fraction(-2, 1), Fraction(-2, 1)), Fraction(-2, 1))
    """

    states: tuple[str, ...]
    prior: tuple[Fraction, ...]
    receivers: tuple[str, ...]
    sender: Mapping[str, Mapping[frozenset, Fraction]]
    payoffs: Mapping[str, Mapping[frozenset, tuple[Fraction, ...]]]

    @classmethod
    def make(cls, states, prior, receivers, sender: Mapping[str, Any],
             payoffs: Mapping[str, Mapping[str, Any]]) -> "MultiReceiverGame":
        """Build from tables keyed by subset names ('r1+r2' in any order, '' for the empty set).

        ``sender`` is either one table per state, or a rule used in every state (see
        :func:`sender_rule`): ``{"rule": "additive", "weights": {...}}`` (default weights 1),
        ``{"rule": "supermodular"}`` (:math:`f(S) = |S|^2`), ``{"rule": "sizes", "values":
        [f_0, ..., f_N]}`` (:math:`f(S) = f_{|S|}`) or ``{"rule": "table", "values": {...}}``.

        Parameters
        ----------
        states : sequence of str
            The states.
        prior : sequence
            One exact probability per state.
        receivers : sequence of str
            The receivers, at most :data:`MAX_RECEIVERS`.
        sender : mapping
            ``state -> {set name: f(S)}``, or a rule as above.
        payoffs : mapping
            ``state -> {set name: [u_1(S), ..., u_N(S)]}``, every set once.

        Returns
        -------
        MultiReceiverGame
            The validated game.

        Raises
        ------
        InputError
            Naming the key: a set missing or named twice, an unknown receiver, a wrong vector
            length, a bad rule or prior. :class:`~exactgame.errors.TooLargeError` beyond
            :data:`MAX_RECEIVERS` receivers.
        """
        S = check_names(states, "states")
        R = check_names(receivers, "receivers")
        if len(R) > MAX_RECEIVERS:
            raise TooLargeError(f"{len(R)} receivers: the LP would have {len(S)} x 2^{len(R)} variables; "
                                f"the limit is {MAX_RECEIVERS} receivers", where="receivers")
        p = check_prior(prior, S)
        subsets = [frozenset(c) for k in range(len(R) + 1) for c in combinations(R, k)]
        if isinstance(sender, Mapping) and "rule" in sender:
            rule = sender_rule(sender, R, "sender")
            f = {w: {T: rule(T) for T in subsets} for w in S}
        else:
            f = {w: _state_table(sender, w, R, "sender", lambda v, where: to_fraction(v, where=where), "the sender payoff")
                 for w in S}
        u = {w: _state_table(payoffs, w, R, "payoffs", lambda v, where: _payoff_vector(v, len(R), where),
                             "the receivers' payoffs") for w in S}
        return cls(S, tuple(p), R, f, u)

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (``kind = "multi-receiver"``) with exact strings, names in file order.

        Returns
        -------
        dict
            ``kind``, ``states``, ``prior``, ``receivers`` and the ``sender`` and ``payoffs`` tables
            keyed by canonical set names (:func:`subset_name`), every set written out.
        """
        R = self.receivers
        subsets = self.subsets()
        return {"kind": "multi-receiver", "states": list(self.states), "prior": exact_strings(self.prior),
                "receivers": list(R),
                "sender": {w: {subset_name(T, R): fmt(self.sender[w][T]) for T in subsets} for w in self.states},
                "payoffs": {w: {subset_name(T, R): exact_strings(self.payoffs[w][T]) for T in subsets} for w in self.states}}

    @classmethod
    def example(cls) -> "MultiReceiverGame":
        """Two receivers who like to act together only in the good state; the sender wants both to act.

        Returns
        -------
        MultiReceiverGame
            States ``bad``, ``good`` (equiprobable), receivers ``r1``, ``r2``, ``f(S) = |S|``.
        """
        return cls.make(["bad", "good"], ["1/2", "1/2"], ["r1", "r2"],
                        sender={w: {"": 0, "r1": 1, "r2": 1, "r1+r2": 2} for w in ("bad", "good")},
                        payoffs={"bad": {"": [0, 0], "r1": [-1, 0], "r2": [0, -1], "r1+r2": [-2, -2]},
                                 "good": {"": [0, 0], "r1": [0, 0], "r2": [0, 0], "r1+r2": [1, 1]}})

    def subsets(self) -> list[frozenset]:
        """Every set of receivers, by size, then in the order of :attr:`receivers`.

        Returns
        -------
        list of frozenset
            The ``2^N`` subsets, the empty set first.
        """
        R = self.receivers
        return [frozenset(c) for k in range(len(R) + 1) for c in combinations(R, k)]

    def g(self, w: str, i: int, S: frozenset) -> Fraction:
        """Marginal utility g_i(S) = u_i(S) - u_i(S minus i) (0 if i is not in S).

        Parameters
        ----------
        w : str
            The state.
        i : int
            The receiver's index in :attr:`receivers`.
        S : frozenset
            The set of receivers taking action 1.

        Returns
        -------
        Fraction
            ``g^w_i(S)``.
        """
        r = self.receivers[i]
        if r not in S:
            return Fraction(0)
        return self.payoffs[w][S][i] - self.payoffs[w][S - {r}][i]


def parse_subset(key: Any, order: Sequence[str], where: str) -> frozenset:
    """The set of receivers a key names: names joined by '+' in any order, '' for nobody.

    Parameters
    ----------
    key : str
        The key from a file (spaces around names are ignored).
    order : sequence of str
        The game's receivers.
    where : str
        The file key named in error messages.

    Returns
    -------
    frozenset
        The receivers named.

    Raises
    ------
    InputError
        If the key is not a string, names an unknown receiver or names one twice.

    >>> sorted(parse_subset("r2 + r1", ["r1", "r2"], "payoffs.good"))
    ['r1', 'r2']
    >>> parse_subset("r1+r1", ["r1", "r2"], "payoffs.good")
    Traceback (most recent call last):
    exactgame.errors.InputError: payoffs.good: 'r1+r1' names a receiver twice
    """
    if not isinstance(key, str):
        raise InputError(f"{key!r} is not a set of receivers (names joined by '+')", where=where)
    names = [k.strip() for k in key.split("+")] if key.strip() else []
    unknown = [k for k in names if k not in order]
    if unknown:
        raise InputError(f"{key!r}: {', '.join(map(repr, unknown))} is not a receiver ({', '.join(order)})", where=where)
    if len(set(names)) != len(names):
        raise InputError(f"{key!r} names a receiver twice", where=where)
    return frozenset(names)


def _state_table(tables: Any, w: str, order: Sequence[str], where: str, read, what: str) -> dict[frozenset, Any]:
    """One state's table keyed by sets of receivers, read with ``read(value, where)``: every set once."""
    if not isinstance(tables, Mapping) or not isinstance(tables.get(w), Mapping):
        raise InputError(f"missing the table of state {w!r}", where=where)
    out: dict[frozenset, Any] = {}
    for key, value in tables[w].items():
        T = parse_subset(key, order, f"{where}.{w}")
        if T in out:
            raise InputError(f"{key!r} names the set {subset_name(T, order)!r} again", where=f"{where}.{w}")
        out[T] = read(value, f"{where}.{w}.{key!r}")
    for k in range(len(order) + 1):
        for c in combinations(order, k):
            if frozenset(c) not in out:
                raise InputError(f"missing {what} of the set {subset_name(c, order)!r}", where=f"{where}.{w}")
    return out


def _payoff_vector(value: Any, n: int, where: str) -> tuple[Fraction, ...]:
    vec = to_vector(value, where=where)
    if len(vec) != n:
        raise InputError(f"{len(vec)} payoffs for {n} receivers", where=where)
    return vec


#: The sender-utility rules a multi-receiver file may give instead of tables.
SENDER_RULES = ("additive", "supermodular", "sizes", "table")


def sender_rule(spec: Mapping[str, Any], order: Sequence[str], where: str = "sender") -> Callable[[frozenset], Fraction]:
    r"""The sender's utility :math:`f(S)` from a rule (the same in every state).

    * ``additive``: :math:`f(S) = \sum_{i \in S} w_i` (``weights``: receiver -> number, default 1);
    * ``supermodular``: :math:`f(S) = |S|^2`;
    * ``sizes``: :math:`f(S) = f_{|S|}` (``values``: N + 1 numbers, for sizes 0..N);
    * ``table``: ``values``: set name -> number, every set once (names in any order).

    Parameters
    ----------
    spec : mapping
        ``{"rule": name, "weights" or "values": ...}``.
    order : sequence of str
        The receivers.
    where : str
        The file key named in error messages.

    Returns
    -------
    callable
        ``f``, from a frozenset of receivers to a Fraction.

    Raises
    ------
    InputError
        On an unknown rule or key, or weights/values that do not fit the receivers.

    >>> f = sender_rule({"rule": "sizes", "values": [0, 1, 3]}, ["r1", "r2"])
    >>> [str(f(frozenset(s))) for s in ([], ["r2"], ["r1", "r2"])]
    ['0', '1', '3']
    """
    rule = spec.get("rule")
    extra = set(spec) - {"rule", "weights", "values"}
    if extra:
        raise InputError(f"unknown key(s) {', '.join(sorted(map(repr, extra)))}; a rule takes 'rule' and "
                         f"'weights' or 'values'", where=where)
    if rule == "additive":
        raw = spec.get("weights", {r: 1 for r in order})
        if not isinstance(raw, Mapping) or set(raw) != set(order):
            raise InputError(f"weights: give one number per receiver ({', '.join(order)})", where=where)
        wts = {r: to_fraction(raw[r], where=f"{where}.weights.{r}") for r in order}
        return lambda T: sum((wts[r] for r in T), Fraction(0))
    if rule == "supermodular":
        return lambda T: Fraction(len(T) ** 2)
    if rule == "sizes":
        vals = spec.get("values")
        if not isinstance(vals, (list, tuple)) or len(vals) != len(order) + 1:
            raise InputError(f"values: give {len(order) + 1} numbers, f(S) for |S| = 0, ..., {len(order)}", where=where)
        sizes = to_vector(vals, where=f"{where}.values")
        return lambda T: sizes[len(T)]
    if rule == "table":
        table = _state_table({"all": spec.get("values")}, "all", order, where, lambda v, at: to_fraction(v, where=at),
                             "the sender payoff")
        return lambda T: table[T]
    raise InputError(f"rule {rule!r} is not one of {', '.join(SENDER_RULES)}", where=where)


def binary_lp(game: MultiReceiverGame, model: str,
              cols: list[tuple[str, frozenset]] | None = None) -> tuple[LPProblem, list[tuple[str, frozenset]]]:
    """LP-Binary with expected payments; variables phi[state, S] then Q1 (N), Q0 (N) (split if free).

    Maximize ``sum mu phi f - sum_i (Q1_i + Q0_i)`` subject to the persuasiveness rows (*)
    ``-sum mu phi g_i(S) - Q1_i <= 0`` (S containing i) and (**) ``sum mu phi g_i(S + i) - Q0_i <= 0``
    (S not containing i), one distribution per state, and the payment model (``nonnegative``:
    Q >= 0; ``budget-balanced``: Q = Q+ - Q- with ``sum Q = 0``; ``arbitrary``: Q = Q+ - Q-).

    Parameters
    ----------
    game : MultiReceiverGame
        The game (its prior is used).
    model : str
        One of :data:`~exactgame.persuasion.payments.PAYMENT_MODELS`.
    cols : list of (state, set), optional
        Only these scheme columns (a restricted master problem of column generation,
        :mod:`~exactgame.persuasion.colgen`); default every ``(state, S)``, state-major.

    Returns
    -------
    tuple
        ``(problem, cols)``: the LP (rows (*) for every receiver, then (**)) and the
        ``(state, S)`` of each scheme variable, in column order.

    Raises
    ------
    InputError
        On an unknown payment model.

    >>> lp, cols = binary_lp(MultiReceiverGame.example(), "none")
    >>> lp.n, len(lp.A_ub), [str(c) for c in lp.c]
    (8, 4, ['0', '1/2', '1/2', '1', '0', '1/2', '1/2', '1'])
    """
    if model not in PAYMENT_MODELS:
        raise InputError(f"payments: unknown model {model!r}; one of {', '.join(PAYMENT_MODELS)}")
    if cols is None:
        subs = game.subsets()
        cols = [(w, S) for w in game.states for S in subs]
    N = len(game.receivers)
    nphi = len(cols)
    npay = {"none": 0, "nonnegative": 2 * N, "budget-balanced": 4 * N, "arbitrary": 4 * N}[model]
    mu = dict(zip(game.states, game.prior))
    zero = Fraction(0)
    c = [mu[w] * game.sender[w][S] for w, S in cols]
    if model == "nonnegative":
        c += [Fraction(-1)] * (2 * N)
    elif npay:
        c += [Fraction(-1)] * (2 * N) + [Fraction(1)] * (2 * N)
    A_ub, b_ub = _persuasiveness_rows(game, model, cols, npay)
    A_eq, b_eq = [], []
    for w in game.states:
        A_eq.append([Fraction(int(cw == w)) for cw, _ in cols] + [zero] * npay)
        b_eq.append(Fraction(1))
    if model == "budget-balanced":
        A_eq.append([zero] * nphi + [Fraction(1)] * (2 * N) + [Fraction(-1)] * (2 * N))
        b_eq.append(zero)
    return LPProblem.make(c, A_ub, b_ub, A_eq, b_eq, maximize=True), cols


def _persuasiveness_rows(game: MultiReceiverGame, model: str, cols: Sequence[tuple[str, frozenset]],
                         npay: int) -> tuple[list[list[Fraction]], list[Fraction]]:
    """LP-Binary's ``<= 0`` rows: (*) for every receiver, then (**), with the payment columns."""
    N = len(game.receivers)
    nphi = len(cols)
    mu = dict(zip(game.states, game.prior))
    zero = Fraction(0)

    def pay(row, k):  # add -Q_k (k indexes Q1 then Q0) to a <= row
        if model == "nonnegative":
            row[nphi + k] = Fraction(-1)
        elif npay:
            row[nphi + k], row[nphi + 2 * N + k] = Fraction(-1), Fraction(1)

    A_ub, b_ub = [], []
    for i, r in enumerate(game.receivers):  # (*): -sum mu phi g_i(S) - Q1_i <= 0
        row = [zero] * (nphi + npay)
        for k, (w, S) in enumerate(cols):
            if r in S:
                row[k] = -mu[w] * game.g(w, i, S)
        pay(row, i)
        A_ub.append(row)
        b_ub.append(zero)
    for i, r in enumerate(game.receivers):  # (**): sum mu phi g_i(S + i) - Q0_i <= 0
        row = [zero] * (nphi + npay)
        for k, (w, S) in enumerate(cols):
            if r not in S:
                row[k] = mu[w] * game.g(w, i, S | {r})
        pay(row, N + i)
        A_ub.append(row)
        b_ub.append(zero)
    return A_ub, b_ub


@dataclass(frozen=True, repr=False)
class BinaryResult(Displayable):
    """The optimal scheme for one payment model, its duals and certificate.

    Attributes
    ----------
    game : MultiReceiverGame
        The game as given (its file's prior).
    model : str
        The payment model.
    value : Fraction
        The sender's expected utility net of payments.
    scheme : mapping
        ``state -> {set name: phi_theta(S)}`` (support only).
    expected_payments : mapping
        ``receiver -> (Q1, Q0)``, implementable (zero on a recommendation never sent).
    lambda1, lambda0 : tuple of Fraction
        The duals of the constraints (*) and (**), one per receiver.
    lp : LPResult
        LP-Binary with its primal-dual certificate.
    prior : tuple of Fraction or None
        The prior solved at, when it is not the file's (``--prior``).

    >>> r = solve_binary(MultiReceiverGame.example(), "budget-balanced")
    >>> r.value, r.scheme["bad"], r.gamma                      # Proposition 7: one gamma*
    (Fraction(9, 5), {'r1': Fraction(2, 5), 'r1+r2': Fraction(3, 5)}, Fraction(1, 5))
    >>> r.expected_payments["r2"], r.verify()
    ((Fraction(1, 10), Fraction(-2, 5)), True)
    """

    game: MultiReceiverGame = field(repr=False)
    model: str
    value: Fraction
    scheme: Mapping[str, Mapping[str, Fraction]]
    expected_payments: Mapping[str, tuple[Fraction, Fraction]]
    lambda1: tuple[Fraction, ...]
    lambda0: tuple[Fraction, ...]
    lp: LPResult = field(repr=False)
    prior: tuple[Fraction, ...] | None = None     # the prior used when it is not the file's (``--prior``)

    @property
    def gamma(self) -> Fraction | None:
        """The common multiplier gamma* when all lambdas are equal (Propositions 7-8), else None."""
        vals = set(self.lambda1) | set(self.lambda0)
        return vals.pop() if len(vals) == 1 else None

    @property
    def payments(self) -> dict[str, dict[str, Fraction | None]]:
        r"""The payment rule of eq. (12) (003_e54e9b7a7da88b3e.txt, Appendix A): receiver ``i`` is paid
        :math:`p_i(1) = Q_i(1)/x_i` when told 1 and :math:`p_i(0) = Q_i(0)/(1 - x_i)` when told 0,
        :math:`x_i = \Pr_\theta[i \in S_\theta]`; the state enters only through the recommendation.

        Returns
        -------
        dict
            ``receiver -> {"1": p_i(1), "0": p_i(0)}``; None for a recommendation never sent
            (its expected payment is 0, eq. (12) divides by 0 there).

        >>> solve_binary(MultiReceiverGame.example(), "budget-balanced").payments["r2"]
        {'1': Fraction(1, 8), '0': Fraction(-2, 1)}
        """
        prior = self.prior if self.prior is not None else self.game.prior
        out: dict[str, dict[str, Fraction | None]] = {}
        for r in self.game.receivers:
            x = sum((mu * q for mu, w in zip(prior, self.game.states) for S, q in self.scheme[w].items() if r in S.split("+")),
                    Fraction(0))
            q1, q0 = self.expected_payments[r]
            out[r] = {"1": q1 / x if x else None, "0": q0 / (1 - x) if x != 1 else None}
        return out

    def verify(self) -> bool:
        """Check the LP certificate, that the LP is LP-Binary of this game (at the prior used),
        the Lagrangian structure (:func:`check_lagrangian`) and the payments (:func:`check_binary_payments`).

        Returns
        -------
        bool
            True; a failed condition raises :class:`~exactgame.errors.CertificateError`.
        """
        self.lp.certificate.verify()
        if self.lp.problem != binary_lp(self._solved_game(), self.model)[0]:
            raise CertificateError("multi-receiver: the certified LP is not LP-Binary of this game")
        check_lagrangian(self)
        check_binary_payments(self)
        return True

    def to_dict(self) -> dict[str, Any]:
        """The answer as JSON-ready data with exact strings.

        Returns
        -------
        dict
            ``value``, ``payments_model``, ``method``, ``outcome`` (the scheme), ``expected_payments``
            (``Q1``, ``Q0`` per receiver), ``payments`` (eq. (12): ``"1"``, ``"0"`` per receiver, per
            recommendation), ``lambda1``, ``lambda0``, ``gamma`` and ``certificates``.

        Raises
        ------
        InternalError
            If the LP certificate is not an optimality certificate (a bug).
        """
        cert = self.lp.optimality_certificate("multi-receiver")
        return {"value": encode(self.value), "payments_model": self.model,
                "method": f"LP-Binary ({cite('003_e54e9b7a7da88b3e.txt', 'Section 7')} [003_e54e9b7a7da88b3e.txt]), payment model {self.model!r}", "outcome": encode(self.scheme),
                "expected_payments": {r: {"Q1": encode(a), "Q0": encode(b)} for r, (a, b) in self.expected_payments.items()},
                "payments": {r: {k: None if v is None else encode(v) for k, v in d.items()} for r, d in self.payments.items()},
                "lambda1": encode(self.lambda1), "lambda0": encode(self.lambda0),
                "gamma": None if self.gamma is None else encode(self.gamma),
                "certificates": {"lp": cert.witness()}}

    def document(self) -> dict[str, Any]:
        """The proof-carrying result document (what ``persuade --json`` prints for a multi-receiver file).

        Returns
        -------
        dict
            :meth:`to_dict` with the game, its digest, the options (``payments``, ``prior`` if
            given) and the claims.
        """
        options = {"payments": self.model, **({} if self.prior is None else {"prior": self.prior})}
        return proof_document("persuade", self.game, options, self.to_dict(), self.claims())

    def _solved_game(self) -> "MultiReceiverGame":
        return self.game if self.prior is None else replace(self.game, prior=self.prior)

    def claims(self) -> list[Claim]:
        """Each answer key with the certificate that proves it (the result protocol).

        Returns
        -------
        list of Claim
            One claim per answer key of :meth:`to_dict`.
        """
        lp = "certificates/lp"
        return [certified("value", lp, proves="the optimum of LP-Binary rebuilt from the game and the payment model"),
                certified("outcome", lp, proves="an optimal scheme over sets of receivers (the LP's primal)"),
                certified("expected_payments", lp, proves="expected payments Q1, Q0 that implement the scheme (zero on a "
                          "recommendation never sent, (*) and (**) hold, within the payment model) at the LP's optimum"),
                certified("payments", lp, proves="eq. (12)'s payment rule: Q1 / Pr[told 1] when told 1, Q0 / Pr[told 0] "
                          "when told 0 (null for a recommendation never sent)"),
                certified("lambda1", lp, proves="optimal duals of the constraints (*)"),
                certified("lambda0", lp, proves="optimal duals of the constraints (**)"),
                certified("gamma", lp, proves="the common value of all multipliers, or null when they differ")]


def virtual_payoff(game: MultiReceiverGame, w: str, S: frozenset, lam1: Sequence[Fraction], lam0: Sequence[Fraction]) -> Fraction:
    """The virtual payoff ``f(S) + sum_{i in S} lambda1_i g_i(S) - sum_{i not in S} lambda0_i g_i(S + i)``.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    w : str
        The state.
    S : frozenset
        The set told to take action 1.
    lam1, lam0 : sequence of Fraction
        The multipliers of (*) and (**), one per receiver.

    Returns
    -------
    Fraction
        The value of the partial Lagrangian's state-``w`` term at ``S``.

    >>> g = MultiReceiverGame.example()
    >>> virtual_payoff(g, "good", frozenset({"r1", "r2"}), [Fraction(1, 5)] * 2, [Fraction(1, 5)] * 2)
    Fraction(12, 5)
    """
    tot = game.sender[w][S]
    for i, r in enumerate(game.receivers):
        tot += lam1[i] * game.g(w, i, S) if r in S else -lam0[i] * game.g(w, i, S | {r})
    return tot


def check_lagrangian(res: BinaryResult) -> bool:
    """In every state the scheme uses only sets maximizing the dual-weighted virtual payoff; with free
    payments all multipliers are 1 (Proposition 8), with budget balance they are equal (Proposition 7).

    States of probability 0 (at the prior used) are skipped.

    Parameters
    ----------
    res : BinaryResult
        The result checked.

    Returns
    -------
    bool
        True; a failure raises :class:`~exactgame.errors.CertificateError`.

    >>> check_lagrangian(solve_binary(MultiReceiverGame.example(), "arbitrary"))
    True
    """
    g = res._solved_game()
    for w, pw in zip(g.states, g.prior):
        if not pw:
            continue
        vals = {S: virtual_payoff(g, w, S, res.lambda1, res.lambda0) for S in g.subsets()}
        top = max(vals.values())
        for name, q in res.scheme[w].items():
            S = frozenset(name.split("+")) if name else frozenset()
            if q and vals[S] != top:
                raise CertificateError(f"multi-receiver: in state {w} the set {name!r} is used but does not maximize "
                                       f"the virtual payoff ({vals[S]} < {top})")
    if res.model == "arbitrary" and res.gamma != 1:
        raise CertificateError("Proposition 8 fails: the multipliers are not all 1")
    if res.model == "budget-balanced" and res.gamma is None:
        raise CertificateError("Proposition 7 fails: the multipliers are not all equal")
    return True


def solve_binary(game: MultiReceiverGame, model: str = "none", prior: Iterable[Any] | None = None,
                 method: str = "auto") -> BinaryResult:
    """Solve LP-Binary exactly (at ``prior``, default the game's); the result's Lagrangian
    structure and its payments are checked before returning.

    Parameters
    ----------
    game : MultiReceiverGame
        The game.
    model : str
        One of :data:`~exactgame.persuasion.payments.PAYMENT_MODELS`.
    prior : sequence, optional
        A prior to solve at instead of the game's (errors name ``--prior``).
    method : {"auto", "lp", "columns"}
        ``lp`` builds and solves the whole LP; ``columns`` uses column generation
        (:func:`~exactgame.persuasion.colgen.solve_binary_columns`, same answer and document);
        ``auto`` the LP up to :data:`DENSE_RECEIVERS` receivers, column generation beyond.

    Returns
    -------
    BinaryResult
        The optimal scheme, implementable expected payments, multipliers and certificate.

    Raises
    ------
    InputError
        On an unknown model or a malformed prior.

    >>> g = MultiReceiverGame.example()
    >>> r = solve_binary(g, "arbitrary")                        # Proposition 8: all multipliers 1
    >>> r.value, r.scheme, r.gamma
    (Fraction(3, 1), {'bad': {'': Fraction(1, 1)}, 'good': {'r1+r2': Fraction(1, 1)}}, Fraction(1, 1))
    >>> solve_binary(g, "none", ["1/4", "3/4"]).value
    Fraction(2, 1)
    """
    if method not in ("auto", "lp", "columns"):
        raise InputError(f"solve_binary: unknown method {method!r}; one of auto, lp, columns")
    if method == "columns" or method == "auto" and len(game.receivers) > DENSE_RECEIVERS:
        if model not in PAYMENT_MODELS:
            raise InputError(f"payments: unknown model {model!r}; one of {', '.join(PAYMENT_MODELS)}")
        from .colgen import solve_binary_columns

        return solve_binary_columns(game, model, prior)
    file_game = game
    p = None if prior is None else tuple(check_prior(prior, game.states, where="--prior"))
    if p is not None:
        game = replace(game, prior=p)
    problem, cols = binary_lp(game, model)
    lp = solve_problem(problem)
    if lp.status != "optimal":  # pragma: no cover
        raise CertificateError(f"multi-receiver: LP-Binary is {lp.status} (a bug)")
    xs, duals, value = lp.x, lp.dual_ub, lp.value
    if xs is None or duals is None or value is None:  # pragma: no cover - an optimal LP has all three
        raise InternalError("multi-receiver: the optimal LP-Binary lacks its primal, duals or value")
    return assemble_binary(file_game, game, model, p, cols, xs, duals, value, lambda **kw: BinaryResult(lp=lp, **kw))


def assemble_binary(file_game: MultiReceiverGame, game: MultiReceiverGame, model: str, p, cols, xs, duals, value,
                    make: Callable[..., BinaryResult],
                    lagrangian: Callable[[BinaryResult], bool] | None = None) -> BinaryResult:
    """A :class:`BinaryResult` from an optimal primal-dual pair of LP-Binary (the scheme, implementable
    payments and multipliers), its Lagrangian structure and payments checked.

    Parameters
    ----------
    file_game, game : MultiReceiverGame
        The game as given, and at the prior solved.
    model : str
        The payment model.
    p : tuple or None
        The prior solved at when not the file's.
    cols : sequence of (state, set)
        The scheme columns of ``xs`` (then the payment columns, as in :func:`binary_lp`).
    xs, duals : sequence of Fraction
        The optimal primal and the duals of the ``<=`` rows.
    value : Fraction
        The optimum.
    make : callable
        Builds the result from the keyword fields (it supplies the certificate).
    lagrangian : callable, optional
        Checks the Lagrangian structure (default :func:`check_lagrangian`).

    Returns
    -------
    BinaryResult
        As :func:`solve_binary` returns.

    >>> r = solve_binary(MultiReceiverGame.example())
    >>> assemble_binary(r.game, r.game, "none", None, binary_lp(r.game, "none")[1], r.lp.x, r.lp.dual_ub, r.value,
    ...                 lambda **kw: BinaryResult(lp=r.lp, **kw)).value
    Fraction(5, 3)
    """
    N = len(game.receivers)
    nphi = len(cols)
    scheme: dict[str, dict[str, Fraction]] = {w: {} for w in game.states}
    for (w, S), x in zip(cols, xs):
        if x:
            scheme[w][subset_name(S, game.receivers)] = x
    if model == "none":
        Q = [Fraction(0)] * (2 * N)
    elif model == "nonnegative":
        Q = list(xs[nphi:nphi + 2 * N])
    else:
        Q = [xs[nphi + k] - xs[nphi + 2 * N + k] for k in range(2 * N)]
    mu = dict(zip(game.states, game.prior))
    used = [(w, S, x) for (w, S), x in zip(cols, xs) if x]
    told1 = [sum((mu[w] * x for w, S, x in used if r in S), Fraction(0)) for r in game.receivers]
    Q = list(implementable_payments(dict(enumerate(Q)), dict(enumerate(told1 + [1 - t for t in told1]))).values())
    pays = {r: (Q[i], Q[N + i]) for i, r in enumerate(game.receivers)}
    res = make(game=file_game, model=model, value=value, scheme=scheme, expected_payments=pays,
               lambda1=tuple(duals[:N]), lambda0=tuple(duals[N:2 * N]), prior=p)
    (lagrangian or check_lagrangian)(res)
    check_binary_payments(res)
    return res


def check_binary_payments(res: BinaryResult) -> bool:
    """The reported Q implement the scheme: zero on a recommendation never sent, constraints (*) and
    (**) hold with them, the payment model holds, and the scheme's value with them is the LP's.

    Parameters
    ----------
    res : BinaryResult
        The result checked (at the prior it was solved at).

    Returns
    -------
    bool
        True; a failure raises :class:`~exactgame.errors.CertificateError`.

    >>> check_binary_payments(solve_binary(MultiReceiverGame.example(), "budget-balanced"))
    True
    """
    g = res._solved_game()
    mu = dict(zip(g.states, g.prior))
    sets = {w: [(frozenset(n.split("+")) if n else frozenset(), q) for n, q in res.scheme[w].items()] for w in g.states}
    value = sum((mu[w] * q * g.sender[w][S] for w in g.states for S, q in sets[w]), Fraction(0))
    flat = []
    for i, r in enumerate(g.receivers):
        q1, q0 = res.expected_payments[r]
        told1 = sum((mu[w] * q for w in g.states for S, q in sets[w] if r in S), Fraction(0))
        a1 = sum((mu[w] * q * g.g(w, i, S) for w in g.states for S, q in sets[w] if r in S), Fraction(0))
        a0 = sum((mu[w] * q * g.g(w, i, S | {r}) for w in g.states for S, q in sets[w] if r not in S), Fraction(0))
        if (not told1 and q1) or (told1 == 1 and q0):
            raise CertificateError(f"multi-receiver: {r} is never told {1 if not told1 else 0} but is paid for it")
        if a1 + q1 < 0 or a0 - q0 > 0:
            raise CertificateError(f"multi-receiver: the recommendation to {r} is not persuasive with the reported payments")
        flat += [q1, q0]
    if res.model == "none" and any(flat) or res.model == "nonnegative" and min(flat) < 0 \
            or res.model == "budget-balanced" and sum(flat, Fraction(0)):
        raise CertificateError(f"multi-receiver: the reported payments break the model {res.model!r}")
    if value - sum(flat) != res.value:
        raise CertificateError("multi-receiver: the reported scheme and payments do not attain the LP's value")
    return True


def _load(doc: Mapping[str, Any]) -> MultiReceiverGame:
    kind = "multi-receiver"
    require_keys(doc, {"kind", "states", "prior", "receivers", "sender", "payoffs", "title", "source", "description"}, "file")
    return MultiReceiverGame.make(get(doc, "states", kind), get(doc, "prior", kind), get(doc, "receivers", kind),
                                  get(doc, "sender", kind), get(doc, "payoffs", kind))


register_kind("multi-receiver", _load)
