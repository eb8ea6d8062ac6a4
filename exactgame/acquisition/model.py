r"""Bilateral trade with costly, flexible, correlated information acquisition
(004_2686c8b5ad6ec5f0.txt, "Model").

A good of quality :math:`v \in V` (finite) with common prior :math:`\mu_0`; the buyer
values it :math:`u^b(v)`, the seller :math:`u^s(v)`. The players' signals jointly induce an
information structure :math:`\alpha \in \Delta(V \times S^b \times S^s)`, Bayes-plausible
(:math:`\mathrm{marg}_V \alpha = \mu_0`); ``alpha[v][i][j]`` is
:math:`\alpha_{ij}(v)`. Posteriors are

.. math:: \mu^b_i(v) = \frac{\sum_j \alpha_{ij}(v)}{\sum_{j, v'} \alpha_{ij}(v')}, \qquad
          \mu^s_j(v) = \frac{\sum_i \alpha_{ij}(v)}{\sum_{i, v'} \alpha_{ij}(v')}.

A direct mechanism assigns to reports :math:`(s^b_i, s^s_j)` trade probabilities
:math:`q^b_{ij}, q^s_{ij} \in [0, 1]` and transfers :math:`t^b_{ij}` (paid by the buyer),
:math:`t^s_{ij}` (received by the seller); abstaining (:math:`m_\emptyset`) means no trade
and no transfer. Payoffs: buyer :math:`q^b u^b(v) - t^b`, seller :math:`t^s - q^s u^s(v)`.

Information costs are posterior-separable and proportional to the reduction in entropy,
:math:`C(\sigma^p) = \kappa_p \big(H(\mu_0) - E[H(\mu^p)]\big)` (natural logarithms; the
slides take :math:`\kappa_p = 1`, the key ``cost`` sets it). The principal's revenue is
:math:`\sum \alpha_{ij}(v) (t^b_{ij} - t^s_{ij})`; the subsidy is its negative.

>>> g = AcquisitionGame.diagonal(["low", "high"], ["1/2", "1/2"], buyer=[1, 3], seller=[0, 1],
...                              posteriors=["1/4", "3/4"], weights=["1/2", "1/2"])
>>> [[str(x) for x in row] for row in g.alpha[1]]          # alpha_ij(high): perfect correlation
[['1/8', '0'], ['0', '3/8']]
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..display.mixin import Displayable
from ..errors import InputError, InternalError, TooLargeError
from ..games.files import get, register_kind, require_keys
from ..games.model import check_names, check_prior, only_known
from ..numbers import fmt, to_fraction, to_vector

__all__ = ["AcquisitionGame", "BUYER", "SELLER", "MAX_CELLS"]

BUYER, SELLER = "buyer", "seller"

#: Refuse information structures with more cells than this (states x buyer x seller signals).
MAX_CELLS = 20_000

Matrix = tuple[tuple[Fraction, ...], ...]


def _matrix(data: Any, rows: int | None, cols: int | None, where: str) -> Matrix:
    """Rows ``data`` as a matrix of Fractions, ``rows x cols`` when given (InputError naming ``where``)."""
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence) or not data:
        raise InputError("expected a nonempty list of rows (one per buyer signal)", where=where)
    out = tuple(to_vector(r, where=f"{where}[{k}]") for k, r in enumerate(data))
    if rows is not None and len(out) != rows:
        raise InputError(f"{len(out)} rows for {rows} buyer signals", where=where)
    width = cols if cols is not None else len(out[0])
    for k, r in enumerate(out):
        if len(r) != width:
            raise InputError(f"row {k} has {len(r)} entries, expected {width} (one per seller signal)", where=where)
    return out


@dataclass(frozen=True, repr=False)
class AcquisitionGame(Displayable):
    r"""States, prior, values, cost scales and (optionally) an information structure and a mechanism.

    Every number is coerced exactly on entry (ints, Fractions, strings such as ``"2/7"``; a
    float is refused). Index conventions: ``v`` is the state, ``i`` the buyer's signal, ``j``
    the seller's.

    Attributes
    ----------
    states : tuple of str
        The qualities :math:`V`, in file order.
    prior : tuple of Fraction
        :math:`\mu_0`, one positive entry per state (a zero-probability state is refused:
        entropy costs need full support).
    values : mapping str -> tuple of Fraction
        ``values["buyer"][v]`` = :math:`u^b(v)`, ``values["seller"][v]`` = :math:`u^s(v)`.
    cost : mapping str -> Fraction
        The entropy cost scales :math:`\kappa_b, \kappa_s > 0` (default 1 each).
    alpha : tuple of matrices, optional
        ``alpha[v][i][j]`` = :math:`\alpha_{ij}(v) \ge 0`, with :math:`\sum_{ij} \alpha_{ij}(v) =
        \mu_0(v)` (Bayes plausibility) and every signal of positive probability.
    buyer_signals, seller_signals : tuple of str
        Signal names; default ``b1, b2, ...`` and ``s1, s2, ...`` when ``alpha`` is given.
    trade : mapping str -> matrix, optional
        ``trade[p][i][j]`` = :math:`q^p_{ij} \in [0, 1]`; set to 1 everywhere (efficient trade)
        whenever ``alpha`` is given without it.
    transfers : mapping str -> matrix, optional
        ``transfers["buyer"][i][j]`` = :math:`t^b_{ij}` (paid), ``transfers["seller"][i][j]`` =
        :math:`t^s_{ij}` (received); both players' matrices are required.
    title : str
        Free text.

    Raises
    ------
    InputError
        On a malformed or inconsistent field (the message names it, e.g. ``alpha.high``);
        ``TooLargeError`` past :data:`MAX_CELLS` cells.

    Examples
    --------
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...                     alpha=[[["1/4", 0], [0, "1/4"]], [["1/8", 0], [0, "3/8"]]],
    ...                     transfers={"buyer": [[1, 9], [9, 2]], "seller": [[0, -9], [-9, 1]]})
    >>> g.buyer_signals, g.trade["buyer"][0]               # trade defaults to q = 1
    (('b1', 'b2'), (Fraction(1, 1), Fraction(1, 1)))
    >>> [[str(x) for x in mu] for mu in g.posteriors("buyer")]
    [['2/3', '1/3'], ['2/5', '3/5']]
    >>> g.revenue(), g.gross_surplus()                     # 3/8 * (1 - 0) + 5/8 * (2 - 1); E(u^b - u^s)
    (Fraction(1, 1), Fraction(3, 2))
    """

    states: tuple[str, ...]
    prior: tuple[Fraction, ...]
    values: Mapping[str, tuple[Fraction, ...]]
    cost: Mapping[str, Fraction] = field(default_factory=lambda: {BUYER: Fraction(1), SELLER: Fraction(1)})
    alpha: tuple[Matrix, ...] | None = None
    buyer_signals: tuple[str, ...] = ()
    seller_signals: tuple[str, ...] = ()
    trade: Mapping[str, Matrix] | None = None
    transfers: Mapping[str, Matrix] | None = None
    title: str = ""

    def __post_init__(self) -> None:
        states = check_names(self.states, "states")
        object.__setattr__(self, "states", states)
        prior = check_prior(self.prior, states)
        for s, x in zip(states, prior):
            if x == 0:
                raise InputError(f"state {s!r} has probability 0; remove it (costs and posteriors need full support)", where="prior")
        object.__setattr__(self, "prior", prior)
        vals = {}
        for p in (BUYER, SELLER):
            if p not in self.values:
                raise InputError(f"missing the {p}'s values", where="values")
            v = to_vector(self.values[p], where=f"values.{p}")
            if len(v) != len(states):
                raise InputError(f"{len(v)} values for {len(states)} states", where=f"values.{p}")
            vals[p] = v
        only_known(self.values, [BUYER, SELLER], "player", "values")
        object.__setattr__(self, "values", vals)
        cost = {p: to_fraction(self.cost[p], where=f"cost.{p}") for p in (BUYER, SELLER)}
        for p, k in cost.items():
            if k <= 0:
                raise InputError(f"the cost scale must be positive, got {fmt(k)}", where=f"cost.{p}")
        object.__setattr__(self, "cost", cost)
        if self.alpha is not None:
            self._check_alpha()
        elif self.trade is not None or self.transfers is not None:
            raise InputError("a mechanism (trade, transfers) needs an information structure 'alpha'", where="alpha")

    # -- validation -----------------------------------------------------------------
    def _check_alpha(self) -> None:
        """Coerce and check ``alpha``, the signal names, ``trade`` and ``transfers`` (in this order)."""
        raw = self.alpha
        if raw is None:
            raise InternalError("AcquisitionGame._check_alpha runs only when alpha is given")
        if len(raw) != len(self.states):
            raise InputError(f"{len(raw)} matrices for {len(self.states)} states", where="alpha")
        nb, ns = len(raw[0]), len(raw[0][0]) if raw[0] else 0
        if nb * ns * len(self.states) > MAX_CELLS:
            raise TooLargeError(f"{len(self.states)} x {nb} x {ns} cells (at most {MAX_CELLS})", where="alpha")
        bs = check_names(self.buyer_signals or [f"b{i + 1}" for i in range(nb)], "buyer_signals")
        ss = check_names(self.seller_signals or [f"s{j + 1}" for j in range(ns)], "seller_signals")
        alpha = tuple(_matrix(m, len(bs), len(ss), f"alpha.{w}") for w, m in zip(self.states, raw))
        object.__setattr__(self, "alpha", alpha)
        object.__setattr__(self, "buyer_signals", bs)
        object.__setattr__(self, "seller_signals", ss)
        self._check_cells(alpha, bs, ss)
        self._check_signals_used(alpha, bs, ss)
        self._set_mechanism(bs, ss)

    def _check_cells(self, alpha: tuple[Matrix, ...], bs: tuple[str, ...], ss: tuple[str, ...]) -> None:
        """Nonnegative cells and Bayes plausibility per state (:math:`\\sum_{ij} \\alpha_{ij}(v) = \\mu_0(v)`)."""
        for w, m in zip(self.states, alpha):
            for i, row in enumerate(m):
                for j, x in enumerate(row):
                    if x < 0:
                        raise InputError(f"alpha({w}, {bs[i]}, {ss[j]}) = {fmt(x)} is negative", where=f"alpha.{w}")
        for w, m, p in zip(self.states, alpha, self.prior):
            tot = sum(sum(r) for r in m)
            if tot != p:
                raise InputError(f"the cells of state {w!r} sum to {fmt(tot)}, not its prior {fmt(p)} "
                                 "(alpha must be Bayes-plausible: marg_V alpha = prior)", where=f"alpha.{w}")

    @staticmethod
    def _check_signals_used(alpha: tuple[Matrix, ...], bs: tuple[str, ...], ss: tuple[str, ...]) -> None:
        """Every buyer and seller signal has positive probability."""
        for i, s in enumerate(bs):
            if not any(m[i][j] for m in alpha for j in range(len(ss))):
                raise InputError(f"buyer signal {s!r} has probability 0; remove it", where="alpha")
        for j, s in enumerate(ss):
            if not any(m[i][j] for m in alpha for i in range(len(bs))):
                raise InputError(f"seller signal {s!r} has probability 0; remove it", where="alpha")

    def _set_mechanism(self, bs: tuple[str, ...], ss: tuple[str, ...]) -> None:
        """Coerce ``trade`` (default 1 everywhere) and ``transfers`` to ``len(bs) x len(ss)`` matrices."""
        q: dict[str, Matrix] = {p: tuple((Fraction(1),) * len(ss) for _ in bs) for p in (BUYER, SELLER)}
        if self.trade is not None:
            only_known(self.trade, [BUYER, SELLER], "player", "trade")
            for p, m in self.trade.items():
                q[p] = _matrix(m, len(bs), len(ss), f"trade.{p}")
                if any(not 0 <= x <= 1 for r in q[p] for x in r):
                    raise InputError("trade probabilities must lie in [0, 1]", where=f"trade.{p}")
        object.__setattr__(self, "trade", q)
        if self.transfers is not None:
            only_known(self.transfers, [BUYER, SELLER], "player", "transfers")
            t: dict[str, Matrix] = {}
            for p in (BUYER, SELLER):
                if p not in self.transfers:
                    raise InputError(f"missing the {p}'s transfers", where="transfers")
                t[p] = _matrix(self.transfers[p], len(bs), len(ss), f"transfers.{p}")
            object.__setattr__(self, "transfers", t)

    # -- derived quantities ------------------------------------------------------------
    @property
    def has_mechanism(self) -> bool:
        """True when both an information structure and transfers are given."""
        return self.alpha is not None and self.transfers is not None

    @property
    def binary(self) -> bool:
        """True for two states (the case of the slides' subsidy analysis)."""
        return len(self.states) == 2

    def posteriors(self, player: str) -> list[tuple[Fraction, ...]]:
        r"""The player's posterior after each own signal, :math:`\mu^p_k(v) = \sum_o A_{ko}(v) / \sum_{o, v'} A_{ko}(v')`.

        Parameters
        ----------
        player : str
            ``"buyer"`` or ``"seller"``.

        Returns
        -------
        list of tuple of Fraction
            ``mu[k][v]``, one tuple per own signal ``k`` (in signal order), one entry per state.

        Raises
        ------
        InputError
            Without ``alpha``.
        """
        A = self.oriented(player)
        out = []
        for rows in A:
            a = [sum((rows[o][v] for o in range(len(rows))), Fraction(0)) for v in range(len(self.states))]
            P = sum(a, Fraction(0))
            out.append(tuple(x / P for x in a))
        return out

    def oriented(self, player: str) -> list[list[list[Fraction]]]:
        """``alpha`` re-indexed from the player's side: ``A[k][o][v]`` = :math:`\alpha(v)` at own signal ``k``, other's ``o``.

        Parameters
        ----------
        player : str
            ``"buyer"`` (``A[i][j][v] = alpha[v][i][j]``); anything else is read as the seller
            (``A[j][i][v] = alpha[v][i][j]``).

        Returns
        -------
        list of list of list of Fraction
            ``A[k][o][v]``.

        Raises
        ------
        InputError
            Without ``alpha``.
        """
        alpha = self._need_alpha()
        nb, ns = len(self.buyer_signals), len(self.seller_signals)
        if player == BUYER:
            return [[[alpha[v][i][j] for v in range(len(self.states))] for j in range(ns)] for i in range(nb)]
        return [[[alpha[v][i][j] for v in range(len(self.states))] for i in range(nb)] for j in range(ns)]

    def payoff_rows(self, player: str) -> list[list[list[Fraction]]]:
        """The player's payoff per cell and state, oriented like :meth:`oriented`.

        ``g[k][o][v]`` = :math:`q^b_{ij} u^b(v) - t^b_{ij}` for the buyer (``k = i``, ``o = j``) and
        :math:`t^s_{ij} - q^s_{ij} u^s(v)` for the seller (``k = j``, ``o = i``); no information cost.

        Parameters
        ----------
        player : str
            ``"buyer"`` or ``"seller"``.

        Returns
        -------
        list of list of list of Fraction
            ``g[k][o][v]``.

        Raises
        ------
        InputError
            Without transfers.
        """
        if self.transfers is None:
            raise InputError("the file has no mechanism: add [transfers] (and optionally [trade])", where="transfers")
        q, t, u = self._need_trade()[player], self.transfers[player], self.values[player]
        nb, ns, n = len(self.buyer_signals), len(self.seller_signals), len(self.states)
        if player == BUYER:
            return [[[q[i][j] * u[v] - t[i][j] for v in range(n)] for j in range(ns)] for i in range(nb)]
        return [[[t[i][j] - q[i][j] * u[v] for v in range(n)] for i in range(nb)] for j in range(ns)]

    def revenue(self) -> Fraction:
        """The principal's expected revenue :math:`\\sum_{v,i,j} \\alpha_{ij}(v) (t^b_{ij} - t^s_{ij})` (exact).

        Returns
        -------
        Fraction
            The revenue; negative means a subsidy.

        Raises
        ------
        InputError
            Without ``alpha`` or without transfers.
        """
        alpha, t = self._need_alpha(), self.transfers
        if t is None:
            raise InputError("the file has no mechanism: add [transfers]", where="transfers")
        return sum((m[i][j] * (t[BUYER][i][j] - t[SELLER][i][j])
                    for m in alpha for i in range(len(m)) for j in range(len(m[i])) if m[i][j]), Fraction(0))

    def gross_surplus(self) -> Fraction:
        """The expected gains from trade before information costs and transfers.

        :math:`\\sum_{v,i,j} \\alpha_{ij}(v)(q^b_{ij} u^b(v) - q^s_{ij} u^s(v))` with an information
        structure; without one, efficient trade's :math:`E_{\\mu_0}(u^b - u^s)^+`.

        Returns
        -------
        Fraction
            The exact surplus.
        """
        ub, us = self.values[BUYER], self.values[SELLER]
        if self.alpha is None:
            return sum((p * max(ub[v] - us[v], Fraction(0)) for v, p in enumerate(self.prior)), Fraction(0))
        trade = self._need_trade()
        qb, qs = trade[BUYER], trade[SELLER]
        return sum((m[i][j] * (qb[i][j] * ub[v] - qs[i][j] * us[v])
                    for v, m in enumerate(self.alpha) for i in range(len(m)) for j in range(len(m[i])) if m[i][j]), Fraction(0))

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (kind ``"acquisition"``) with exact number strings, names in file order.

        ``loads_game(json.dumps(g.canonical()), "json").canonical() == g.canonical()``; keys are those
        of the file format (``alpha``, ``trade``, ``transfers`` only when present, ``title`` when set).

        Returns
        -------
        dict
            JSON-ready: names as strings, numbers as exact strings (``"1/2"``).

        >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, "1/2"]})
        >>> g.canonical()["values"], g.canonical()["cost"]
        ({'buyer': ['1', '3'], 'seller': ['0', '1/2']}, {'buyer': '1', 'seller': '1'})
        """
        from ..games.model import exact_strings

        out: dict[str, Any] = {"kind": "acquisition", "states": list(self.states), "prior": exact_strings(self.prior),
                               "values": {p: exact_strings(self.values[p]) for p in (BUYER, SELLER)},
                               "cost": {p: fmt(self.cost[p]) for p in (BUYER, SELLER)}}
        if self.title:
            out["title"] = self.title
        if self.alpha is not None:
            out["buyer_signals"] = list(self.buyer_signals)
            out["seller_signals"] = list(self.seller_signals)
            out["alpha"] = {w: [exact_strings(r) for r in m] for w, m in zip(self.states, self.alpha)}
            trade = self._need_trade()
            out["trade"] = {p: [exact_strings(r) for r in trade[p]] for p in (BUYER, SELLER)}
            if self.transfers is not None:
                out["transfers"] = {p: [exact_strings(r) for r in self.transfers[p]] for p in (BUYER, SELLER)}
        return out

    def _need_alpha(self) -> tuple[Matrix, ...]:
        """``alpha``, or InputError when the game has none."""
        if self.alpha is None:
            raise InputError("the file has no information structure: add [alpha]", where="alpha")
        return self.alpha

    def _need_trade(self) -> Mapping[str, Matrix]:
        """``trade``, which ``__post_init__`` sets whenever ``alpha`` is given."""
        if self.trade is None:
            raise InternalError("trade is unset although alpha is given (AcquisitionGame._set_mechanism sets it)")
        return self.trade

    def with_mechanism(self, alpha: Sequence[Matrix], transfers: Mapping[str, Matrix], trade: Mapping[str, Matrix] | None = None,
                       buyer_signals: Sequence[str] = (), seller_signals: Sequence[str] = ()) -> "AcquisitionGame":
        """The same environment with another information structure and mechanism (checked).

        Parameters
        ----------
        alpha : sequence of matrices
            ``alpha[v][i][j]``, Bayes-plausible for this game's prior.
        transfers : mapping str -> matrix
            ``"buyer"`` (paid) and ``"seller"`` (received) transfers per cell.
        trade : mapping str -> matrix, optional
            Trade probabilities; default 1 everywhere.
        buyer_signals, seller_signals : sequence of str
            Signal names; default ``b1, ...`` / ``s1, ...``.

        Returns
        -------
        AcquisitionGame
            A new game, validated like the constructor (InputError on bad input).
        """
        return replace(self, alpha=tuple(alpha), transfers=dict(transfers), trade=None if trade is None else dict(trade),
                       buyer_signals=tuple(buyer_signals), seller_signals=tuple(seller_signals))

    @classmethod
    def diagonal(cls, states: Sequence[str], prior: Sequence[Any], buyer: Sequence[Any], seller: Sequence[Any],
                 posteriors: Sequence[Any], weights: Sequence[Any], cost: Any = 1, transfers: Mapping[str, Any] | None = None,
                 title: str = "") -> "AcquisitionGame":
        r"""A perfectly correlated structure for binary states.

        Both players get signal ``k`` with probability :math:`\tau_k` = ``weights[k]``, and then
        share the posterior :math:`\mu_k` = ``posteriors[k]`` = P(second state):
        :math:`\alpha_{kk}(v_1) = \tau_k (1 - \mu_k)`, :math:`\alpha_{kk}(v_2) = \tau_k \mu_k`,
        :math:`\alpha_{kl} = 0` for :math:`k \ne l`. Bayes plausibility
        (:math:`\sum_k \tau_k \mu_k = \mu_0(v_2)`) is checked by the constructor.

        Parameters
        ----------
        states : sequence of str
            The two state names.
        prior : sequence of numbers
            :math:`\mu_0`.
        buyer, seller : sequence of numbers
            :math:`u^b(v)`, :math:`u^s(v)`.
        posteriors, weights : sequence of numbers
            :math:`\mu_k` and :math:`\tau_k`, one per signal.
        cost : number or mapping str -> number
            One scale :math:`\kappa` for both players, or ``{"buyer": ..., "seller": ...}``.
        transfers : mapping str -> matrix, optional
            A mechanism on the ``K x K`` cells (efficient trade).
        title : str
            Free text.

        Returns
        -------
        AcquisitionGame
            The game, signals named ``b1..bK`` and ``s1..sK``.

        Raises
        ------
        InputError
            On non-numbers, a structure that is not Bayes-plausible, or a zero-weight signal.
        """
        m = to_vector(posteriors, where="posteriors")
        tau = to_vector(weights, where="weights")
        K = len(m)
        alpha = tuple(tuple(tuple(tau[k] * ((1 - m[k]) if v == 0 else m[k]) if k == col else Fraction(0) for col in range(K))
                            for k in range(K)) for v in range(2))
        costs = dict(cost) if isinstance(cost, Mapping) else {BUYER: cost, SELLER: cost}
        values: dict[str, Any] = {BUYER: buyer, SELLER: seller}    # coerced and checked by __post_init__
        return cls(tuple(states), tuple(to_vector(prior)), values, costs,
                   alpha=alpha, transfers=transfers, title=title)


# -- game files ------------------------------------------------------------------------------


def _pair(doc: Mapping[str, Any], key: str) -> dict[str, Any]:
    """``doc[key]`` as ``{"buyer": x, "seller": y}``: one value for both, or a table (missing players get 1)."""
    x = doc[key]
    if isinstance(x, Mapping):
        only_known(x, [BUYER, SELLER], "player", key)
        return {p: x.get(p, 1) for p in (BUYER, SELLER)}
    return {BUYER: x, SELLER: x}


def _acquisition_file(doc: Mapping[str, Any]) -> AcquisitionGame:
    """The game of a parsed file of kind ``"acquisition"`` (keys as in :meth:`AcquisitionGame.canonical`)."""
    kind = "acquisition"
    require_keys(doc, {"kind", "states", "prior", "values", "cost", "alpha", "buyer_signals", "seller_signals", "trade",
                       "transfers", "title", "source", "description"}, "file")
    states = check_names(get(doc, "states", kind), "states")
    values = get(doc, "values", kind)
    if not isinstance(values, Mapping):
        raise InputError("expected a table with keys 'buyer' and 'seller', each a list of values (one per state)", where="values")
    cost: dict[str, Any] = _pair(doc, "cost") if "cost" in doc else {BUYER: 1, SELLER: 1}
    alpha = None
    if "alpha" in doc:
        a = doc["alpha"]
        if not isinstance(a, Mapping):
            raise InputError("expected a table state -> matrix (rows: buyer signals, columns: seller signals)", where="alpha")
        only_known(a, states, "state", "alpha")
        for w in states:
            if w not in a:
                raise InputError(f"missing the matrix of state {w!r}", where="alpha")
        alpha = tuple(_matrix(a[w], None, None, f"alpha.{w}") for w in states)
    trade = None
    if "trade" in doc:
        tr = doc["trade"]
        trade = dict(tr) if isinstance(tr, Mapping) else {BUYER: tr, SELLER: tr}
    transfers = doc.get("transfers")
    if transfers is not None and not isinstance(transfers, Mapping):
        raise InputError("expected a table with matrices 'buyer' (paid) and 'seller' (received)", where="transfers")
    return AcquisitionGame(states, get(doc, "prior", kind), values, cost, alpha,
                           doc.get("buyer_signals", ()), doc.get("seller_signals", ()), trade, transfers,
                           str(doc.get("title", "")))


register_kind("acquisition", _acquisition_file)
