r"""Acquisition documents (004_2686c8b5ad6ec5f0.txt): each stated mechanism's implementability
and exact revenue, decided from the game and the mechanism alone.

A mechanism is :math:`(\alpha, q, t)`: ``alpha[v][i][j]`` over states and the buyer's and the
seller's signals, trade probabilities and transfers per report pair. For a player with
own signal :math:`k`, the other's :math:`o` and state :math:`v`: mass :math:`A_{kov}`, payoff
:math:`g_{kov}` (:math:`q^b u^b(v) - t^b` for the buyer, :math:`t^s - q^s u^s(v)` for the
seller), posterior :math:`\mu_k(v) = \sum_o A_{kov} / \sum_{o,v} A_{kov}`, entropy cost
:math:`\kappa \sum_{k,v} a_k(v) \log(a_k(v)/P_k)` up to a constant. The player best-responds
iff (the implementability lemma; the concavity argument is in
:mod:`exactgame.acquisition.implementability`):

* every column :math:`(o, v)` with mass has :math:`\mu_k(v) > 0` for every own signal :math:`k`;
* within a column, all cells with mass have equal :math:`w_k = g_{kov} - \kappa \log \mu_k(v)`
  and no empty cell has a larger one;
* (NA) :math:`\sum_v \exp(-\Lambda(v)/\kappa) \le 1`, :math:`\Lambda(v) = \min_o w_{k_o}(v)` over the
  columns with mass (:math:`k_o` any cell with mass), where
  :math:`e^{-w/\kappa} = \mu_k(v) e^{-g/\kappa}`.

Comparisons are decided exactly where they are equalities and by ball arithmetic otherwise:
:math:`d - \kappa \log r` (:math:`d, r` rational, :math:`r > 0`) is zero iff :math:`d = 0` and
:math:`r = 1` (else :math:`e^{d/\kappa} = r` would make :math:`e` to a nonzero rational power
algebraic, against Hermite-Lindemann); :math:`\sum_v c_v e^{r_v} - 1` with :math:`c_v > 0` is
zero iff every :math:`r_v = 0` and :math:`\sum c_v = 1` (Lindemann-Weierstrass: exponentials
of distinct rationals are linearly independent over the algebraic numbers). A nonzero value
is separated from zero by python-flint's ``arb`` balls at some finite precision.

A player said *not* to best-respond must come with the certificate's concrete deviation
:math:`\tilde\alpha = \alpha + \epsilon\beta` (mass moved within columns, possibly to abstaining,
which pays 0): its exact gain :math:`\Delta U - \kappa \Delta c` is proved positive by balls.
That proof does not use the lemma.

The branch-and-bound supremum of the ``subsidy`` part (``acquisition-revenue``) is not
rebuilt here; :func:`check_acquisition` returns those keys as *delegated* (``verify``
re-computes them and says so).

>>> from fractions import Fraction as F
>>> A = [[[F(1, 4), F(1, 4)]], [[F(1, 4), F(1, 4)]]]       # uninformative signals, nothing paid
>>> g = [[[F(0), F(0)]], [[F(0), F(0)]]]
>>> best_responds(A, g, F(1), "x")
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from flint import arb, ctx, fmpq

from ..errors import InternalError
from .core import CheckFailure, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame

__all__ = ["best_responds", "check_deviation", "check_acquisition", "Mechanism"]

ZERO = Fraction(0)
ABSTAIN = "(abstain)"
#: Largest working precision (bits) for separating a nonzero value from zero.
MAX_BITS = 1 << 15

Cube = list[list[list[Fraction]]]


def _ball(q: Fraction) -> arb:
    return arb(fmpq(q.numerator, q.denominator))


def _sign(f: Callable[[], arb], key: str) -> int:
    """The sign of a value known to be nonzero, from balls ``f()`` at rising precision."""
    bits = 64
    while bits <= MAX_BITS:
        with ctx.workprec(bits):
            b = f()
            if b > 0:
                return 1
            if b < 0:
                return -1
        bits *= 2
    raise CheckFailure(key, f"the sign of a nonzero value is not decided at {MAX_BITS} bits")


def _sign_log_form(d: Fraction, kappa: Fraction, r: Fraction, key: str) -> int:
    """Sign of d - kappa log r (exact when zero, see the module doc)."""
    if d == 0 and r == 1:
        return 0
    return _sign(lambda: _ball(d) - _ball(kappa) * _ball(r).log(), key)


class Mechanism:
    """``alpha[v][i][j]``, ``trade[p][i][j]``, ``transfers[p][i][j]`` with the signal names.

    ``v`` indexes the states, ``i`` the buyer's signals, ``j`` the seller's, ``p`` is ``"buyer"`` or
    ``"seller"``. Checked on construction: distinct signal names, ``alpha >= 0`` with state ``v``'s
    masses adding up to ``prior[v]``, trade probabilities in ``[0, 1]`` (all 1 when absent), and
    transfers present (unless ``needs_transfers`` is False).

    Parameters
    ----------
    t : mapping
        the mechanism's table (``buyer_signals``, ``seller_signals``, ``alpha`` by state name,
        optional ``trade``, ``transfers``).
    states : sequence of str
        the game's states.
    prior : sequence of Fraction
        the game's prior.
    key : str
        the table's ``/``-path.
    needs_transfers : bool, optional
        require ``transfers`` (default True).

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> F = Fraction
    >>> m = Mechanism({"buyer_signals": ["b"], "seller_signals": ["s"], "alpha": {"lo": [["1/2"]], "hi": [["1/2"]]},
    ...                "transfers": {"buyer": [["1"]], "seller": [["1/2"]]}}, ["lo", "hi"], [F(1, 2), F(1, 2)], "m")
    >>> m.revenue(), m.payoffs("buyer", [F(0), F(2)]), m.oriented("seller")
    (Fraction(1, 2), [[[Fraction(-1, 1), Fraction(1, 1)]]], [[[Fraction(1, 2), Fraction(1, 2)]]])
    """

    def __init__(self, t: Mapping[str, Any], states: Sequence[str], prior: Sequence[Fraction], key: str, *,
                 needs_transfers: bool = True):
        self.buyer_signals = _labels(t.get("buyer_signals"), f"{key}/buyer_signals")
        self.seller_signals = _labels(t.get("seller_signals"), f"{key}/seller_signals")
        nb, ns = len(self.buyer_signals), len(self.seller_signals)
        a = table(t.get("alpha"), f"{key}/alpha")
        expect(set(a) == set(states), f"{key}/alpha", "one matrix per state")
        self.alpha = [_matrix(a[w], nb, ns, f"{key}/alpha/{w}") for w in states]
        expect(all(x >= 0 for m in self.alpha for r in m for x in r), f"{key}/alpha", "a negative mass")
        for w, m, p in zip(states, self.alpha, prior):
            expect(sum(sum(r) for r in m) == p, f"{key}/alpha/{w}", "the masses of the state do not add up to its prior")
        tr = t.get("trade")
        self.trade = ({p: [[Fraction(1)] * ns for _ in range(nb)] for p in ("buyer", "seller")} if tr is None else
                      {p: _matrix(table(tr, f"{key}/trade").get(p), nb, ns, f"{key}/trade/{p}") for p in ("buyer", "seller")})
        expect(all(0 <= x <= 1 for m in self.trade.values() for r in m for x in r), f"{key}/trade",
               "trade probabilities must lie in [0, 1]")
        tf = t.get("transfers")
        expect(tf is not None or not needs_transfers, f"{key}/transfers", "the mechanism has no transfers")
        self.transfers = None if tf is None else {p: _matrix(table(tf, f"{key}/transfers").get(p), nb, ns, f"{key}/transfers/{p}")
                                                  for p in ("buyer", "seller")}

    def _transfers(self) -> dict[str, list[list[Fraction]]]:
        if self.transfers is None:
            raise InternalError("a mechanism built with needs_transfers=False has no transfers to pay")
        return self.transfers

    def oriented(self, player: str) -> Cube:
        """The masses from ``player``'s side: ``A[k][o][v]``, own signal ``k``, the other's ``o``, state ``v``.

        Parameters
        ----------
        player : str
            ``"buyer"`` (else the seller).

        Returns
        -------
        Cube
            ``alpha`` reindexed.
        """
        n, nb, ns = len(self.alpha), len(self.buyer_signals), len(self.seller_signals)
        if player == "buyer":
            return [[[self.alpha[v][i][j] for v in range(n)] for j in range(ns)] for i in range(nb)]
        return [[[self.alpha[v][i][j] for v in range(n)] for i in range(nb)] for j in range(ns)]

    def payoffs(self, player: str, u: Sequence[Fraction]) -> Cube:
        """``g[k][o][v]``: ``q^b u^b(v) - t^b`` for the buyer, ``t^s - q^s u^s(v)`` for the seller.

        Parameters
        ----------
        player : str
            ``"buyer"`` (else the seller).
        u : sequence of Fraction
            the player's value per state.

        Returns
        -------
        Cube
            indexed as :meth:`oriented`.
        """
        q, t = self.trade[player], self._transfers()[player]
        n, nb, ns = len(self.alpha), len(self.buyer_signals), len(self.seller_signals)
        if player == "buyer":
            return [[[q[i][j] * u[v] - t[i][j] for v in range(n)] for j in range(ns)] for i in range(nb)]
        return [[[t[i][j] - q[i][j] * u[v] for v in range(n)] for i in range(nb)] for j in range(ns)]

    def own_signals(self, player: str) -> tuple[str, ...]:
        """The player's own signal names.

        Parameters
        ----------
        player : str
            ``"buyer"`` (else the seller).

        Returns
        -------
        tuple of str
            the names.
        """
        return self.buyer_signals if player == "buyer" else self.seller_signals

    def other_signals(self, player: str) -> tuple[str, ...]:
        """The other player's signal names.

        Parameters
        ----------
        player : str
            ``"buyer"`` (else the seller).

        Returns
        -------
        tuple of str
            the names.
        """
        return self.seller_signals if player == "buyer" else self.buyer_signals

    def revenue(self) -> Fraction:
        """The designer's expected revenue ``sum_{v,i,j} alpha[v][i][j] (t^b[i][j] - t^s[i][j])``.

        Returns
        -------
        Fraction
            the revenue.
        """
        t = self._transfers()
        return sum((m[i][j] * (t["buyer"][i][j] - t["seller"][i][j]) for m in self.alpha for i in range(len(m))
                    for j in range(len(m[i])) if m[i][j]), ZERO)

    def gross_surplus(self, ub: Sequence[Fraction], us: Sequence[Fraction]) -> Fraction:
        """The expected gains from trade ``sum_{v,i,j} alpha[v][i][j] (q^b u^b(v) - q^s u^s(v))``.

        Parameters
        ----------
        ub, us : sequence of Fraction
            the buyer's and the seller's values per state.

        Returns
        -------
        Fraction
            the gross surplus.
        """
        qb, qs = self.trade["buyer"], self.trade["seller"]
        return sum((m[i][j] * (qb[i][j] * ub[v] - qs[i][j] * us[v]) for v, m in enumerate(self.alpha) for i in range(len(m))
                    for j in range(len(m[i])) if m[i][j]), ZERO)


def _labels(x: Any, key: str) -> tuple[str, ...]:
    expect(isinstance(x, list) and x and all(isinstance(s, str) for s in x) and len(set(x)) == len(x), key, "expected distinct names")
    return tuple(x)


def _matrix(x: Any, nrows: int, ncols: int, key: str) -> list[list[Fraction]]:
    expect(isinstance(x, list) and len(x) == nrows, key, lambda: f"expected {nrows} rows")
    return [list(vec(r, f"{key}/{i}", ncols)) for i, r in enumerate(x)]


def _rows(A: Cube) -> tuple[list[list[Fraction]], list[Fraction]]:
    a = [[sum((A[k][o][v] for o in range(len(A[k]))), ZERO) for v in range(len(A[k][0]))] for k in range(len(A))]
    return a, [sum(r, ZERO) for r in a]


def best_responds(A: Cube, g: Cube, kappa: Fraction, key: str) -> bool:
    """Does the player best-respond (the lemma's conditions, module doc)?

    Parameters
    ----------
    A : Cube
        the masses ``A[k][o][v]`` (own signal, other's signal, state), see :meth:`Mechanism.oriented`.
    g : Cube
        the payoffs ``g[k][o][v]``, see :meth:`Mechanism.payoffs`.
    kappa : Fraction
        the player's information cost, positive.
    key : str
        the ``/``-path for messages.

    Returns
    -------
    bool
        True iff every condition of the lemma holds (exact where equalities, balls otherwise).

    Raises
    ------
    CheckFailure
        if an own signal has probability 0, or a sign is not decided at :data:`MAX_BITS` bits.

    >>> F = Fraction
    >>> best_responds([[[F(1)]]], [[[F(-1)]]], F(1), "x")     # pays 1 to take part: abstaining is better
    False
    """
    a, P = _rows(A)
    K, n = len(A), len(A[0][0])
    expect(all(P), key, "a signal has probability 0 (the model refuses such structures)")
    mu = [[a[k][v] / P[k] for v in range(n)] for k in range(K)]
    lam = _columns(A, g, mu, kappa, key)
    if lam is None:
        return False
    terms = _na_terms(len(A[0]), n, g, mu, kappa, lam, key)
    if all(r == 0 for _, r in terms) and sum(c for c, _ in terms) == 1:
        return True
    return _sign(lambda: sum((_ball(c) * _ball(r).exp() for c, r in terms), arb(0)) - 1, key) < 0


def _columns(A: Cube, g: Cube, mu: list[list[Fraction]], kappa: Fraction, key: str) -> dict[tuple[int, int], int] | None:
    """Column -> the own signal its multiplier comes from; None when a column fails the lemma."""
    K, nO, n = len(A), len(A[0]), len(A[0][0])
    lam: dict[tuple[int, int], int] = {}
    for o in range(nO):
        for v in range(n):
            pos = [k for k in range(K) if A[k][o][v] > 0]
            if not pos:
                continue
            if any(mu[k][v] == 0 for k in range(K)):
                return None                            # a posterior rules out v while the column has mass: +infinity
            k0 = pos[0]
            lam[(o, v)] = k0
            if not _column_holds(A, g, mu, kappa, o, v, k0, key):
                return None
    return lam


def _column_holds(A: Cube, g: Cube, mu: list[list[Fraction]], kappa: Fraction, o: int, v: int, k0: int, key: str) -> bool:
    """(ST)/(CS) and (DF) in the column ``(o, v)``, compared with its cell ``k0``."""
    for k in range(len(A)):
        if k == k0:
            continue
        if A[k][o][v] > 0:
            if g[k][o][v] != g[k0][o][v] or mu[k][v] != mu[k0][v]:
                return False                           # (ST)/(CS): unequal marginal values within the column
        elif _sign_log_form(g[k0][o][v] - g[k][o][v], kappa, mu[k0][v] / mu[k][v], key) < 0:
            return False                               # (DF): an empty cell has a larger marginal value
    return True


def _na_terms(nO: int, n: int, g: Cube, mu: list[list[Fraction]], kappa: Fraction, lam: dict[tuple[int, int], int],
              key: str) -> list[tuple[Fraction, Fraction]]:
    """(NA)'s terms ``(c_v, r_v)`` with ``exp(-Lambda(v)/kappa) = c_v e^{r_v}``."""
    terms = []
    for v in range(n):
        cols = [o for o in range(nO) if (o, v) in lam]
        if not cols:
            continue
        best = cols[0]
        for o in cols[1:]:
            kb, ko = lam[(best, v)], lam[(o, v)]
            # w_o - w_best = (g_o - g_best) - kappa log(mu_o / mu_best)
            if _sign_log_form(g[ko][o][v] - g[kb][best][v], kappa, mu[ko][v] / mu[kb][v], key) < 0:
                best = o
        kb = lam[(best, v)]
        terms.append((mu[kb][v], -g[kb][best][v] / kappa))
    return terms


def _row_cost(row: Sequence[Fraction]) -> arb:
    P = sum(row)
    out = sum((_ball(x) * _ball(x).log() for x in row if x), arb(0))
    return out - _ball(P) * _ball(P).log() if P else out


def check_deviation(A: Cube, g: Cube, kappa: Fraction, own: Sequence[str], other: Sequence[str], states: Sequence[str],
                    dev: Mapping[str, Any], key: str) -> None:
    """The certificate's deviation (moves, epsilon) gains a proved positive amount (module doc).

    Each move ``[from, to, mass]`` names cells ``[own signal or "(abstain)", other's signal, state]``
    in one column and moves ``epsilon * mass`` from ``from`` (not abstaining) to ``to``. The gain
    ``Delta U - kappa Delta c`` (abstaining pays 0; ``c`` the entropy cost of the changed rows)
    must be proved positive.

    Parameters
    ----------
    A, g : Cube
        masses and payoffs as for :func:`best_responds`.
    kappa : Fraction
        the information cost.
    own, other, states : sequence of str
        the names of the player's signals, the other's signals and the states.
    dev : mapping
        the deviation (``epsilon``, ``moves``).
    key : str
        its ``/``-path.

    Raises
    ------
    CheckFailure
        for an unknown cell, a move across columns or of non-positive mass, a negative mass
        after the move, a deviation that changes nothing, or a gain not proved positive.

    >>> F = Fraction
    >>> move = [["k", "o", "v"], ["(abstain)", "o", "v"], "1"]
    >>> check_deviation([[[F(1)]]], [[[F(-1)]]], F(1), ["k"], ["o"], ["v"], {"epsilon": "1/2", "moves": [move]}, "d")
    >>> check_deviation([[[F(1)]]], [[[F(1)]]], F(1), ["k"], ["o"], ["v"], {"epsilon": "1/2", "moves": [move]}, "d")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: d: the deviation's gain is not positive
    """
    K = len(A)
    index: dict[Any, tuple[int, int, int]] = {(own[k] if k < K else ABSTAIN, other[o], states[v]): (k, o, v)
             for k in range(K + 1) for o in range(len(other)) for v in range(len(states))}
    eps = num(dev.get("epsilon"), f"{key}/epsilon")
    expect(eps > 0, f"{key}/epsilon", "epsilon must be positive")
    moves: Any = dev.get("moves")
    expect(isinstance(moves, list) and moves, f"{key}/moves", "expected a list of moves")
    new = [[list(c) for c in r] for r in A] + [[[ZERO] * len(states) for _ in other]]
    dU = ZERO
    for i, mv in enumerate(moves):
        expect(isinstance(mv, list) and len(mv) == 3, f"{key}/moves/{i}", "expected [from, to, mass]")
        src, dst = (index.get(tuple(c) if isinstance(c, list) else None) for c in mv[:2])
        m = num(mv[2], f"{key}/moves/{i}/2")
        if src is None or dst is None:
            raise CheckFailure(f"{key}/moves/{i}", "names an unknown cell")
        expect(m > 0 and src[0] < K and src[1:] == dst[1:], f"{key}/moves/{i}",
               "a move carries positive mass within one column of the other's signal and the state (eq. (2))")
        x = eps * m
        new[src[0]][src[1]][src[2]] -= x
        new[dst[0]][dst[1]][dst[2]] += x
        dU += x * ((g[dst[0]][dst[1]][dst[2]] if dst[0] < K else 0) - g[src[0]][src[1]][src[2]])
    expect(all(x >= 0 for r in new for c in r for x in c), key, "the deviation makes a mass negative")
    old_rows, _ = _rows(A)
    new_rows, _ = _rows(new)
    old_rows.append([ZERO] * len(states))
    changed = [k for k in range(K + 1) if new_rows[k] != old_rows[k]]

    def gain() -> arb:
        return _ball(dU) - _ball(kappa) * sum((_row_cost(new_rows[k]) - _row_cost(old_rows[k]) for k in changed), arb(0))

    expect(dU != 0 or changed, key, "the deviation changes nothing")
    expect(_sign(gain, key) > 0, key, "the deviation's gain is not positive")


def _decide(mech: Mechanism, game: CheckedGame, player: str, cert: Mapping[str, Any] | None, key: str) -> bool:
    A, g = mech.oriented(player), mech.payoffs(player, game.values[player])
    kappa = game.costs[player]
    ok = best_responds(A, g, kappa, key)
    if not ok:
        dev = table(cert, key).get("deviation") if cert is not None else None
        expect(dev is not None, key, f"{player} does not best-respond, but no deviation certificate is given")
        check_deviation(A, g, kappa, mech.own_signals(player), mech.other_signals(player), game.states,
                        table(dev, f"{key}/deviation"), f"{key}/deviation")
    return ok


def _certificates_of(doc: Mapping[str, Any], claim: str) -> dict[Any, Mapping[str, Any]]:
    """The implementability certificates the claim names, by player (as the certificates name him)."""
    out: dict[Any, Mapping[str, Any]] = {}
    c = table(doc.get("claims"), "claims").get(claim)
    for path in table(c, f"claims/{claim}").get("certificates") or []:
        cert = lookup(doc, path)
        if isinstance(cert, Mapping) and cert.get("certificate") == "acquisition-implementability":
            out[cert.get("player")] = cert
    return out


def _check_mechanism(doc, game, mech: Mechanism, claimed: Mapping[str, Any], claim: str, key: str) -> None:
    certs = _certificates_of(doc, claim)
    for p in ("buyer", "seller"):
        expect_equal(f"{key}/{p}", claimed.get(p), _decide(mech, game, p, certs.get(p), f"{key}/{p}"))


def check_acquisition(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """Check an acquisition document; return (keys proved here, keys delegated to re-computation).

    ``states``, ``prior`` and ``cost`` are the game's; each stated mechanism (the file's or the
    prescribed one, ``merged``, ``subsidy/mechanism``) is checked on construction, each player's
    ``implementable`` verdict is decided here (a "no" needs its deviation certificate), and the
    revenues and gross surpluses are recomputed. Claims in :data:`DELEGATED` and the subsidy
    supremum's keys are returned as delegated.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``acquisition``).
    options : mapping
        the document's options (unused here).

    Returns
    -------
    tuple of two lists of str
        the keys proved, and the claimed keys delegated to re-computation.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "acquisition", "states": ["lo", "hi"], "prior": ["1/2", "1/2"],
    ...                "values": {"buyer": [0, 2], "seller": [0, 1]}, "cost": {"buyer": 1, "seller": 1}})
    >>> check_acquisition({"states": ["lo", "hi"], "prior": ["1/2", "1/2"], "cost": {"buyer": "1", "seller": "1"},
    ...                    "claims": {"correlation": {"status": "certified"}}}, g, {})
    (['states', 'prior', 'cost'], ['correlation'])
    """
    expect(g.kind == "acquisition", "game/kind", "expected an acquisition game")
    expect_equal("states", lookup(doc, "states"), list(g.states))
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), g.prior)
    expect_equal("cost", {p: num(x, f"cost/{p}") for p, x in table(lookup(doc, "cost"), "cost").items()}, g.costs)
    proved = ["states", "prior", "cost"]
    claims = table(doc.get("claims", {}), "claims")
    if "implementable" in doc:
        src = doc["prescribed_mechanism"] if "prescribed_mechanism" in doc else g.raw
        mech = Mechanism(table(src, "prescribed_mechanism" if "prescribed_mechanism" in doc else "game"), g.states, g.prior, "mechanism")
        if "prescribed_mechanism" in doc:   # only for files without transfers, on the file's information structure
            expect(g.raw.get("transfers") is None, "prescribed_mechanism", "the file has its own transfers: no mechanism is prescribed")
            _grouped_alpha({**g.raw, "states": g.states}, mech, "prescribed_mechanism")
        _check_mechanism(doc, g, mech, table(lookup(doc, "implementable"), "implementable"), "implementable", "implementable")
        for p in ("buyer", "seller"):
            expect_equal(f"players/{p}/implementable", lookup(doc, f"players/{p}/implementable"), lookup(doc, f"implementable/{p}"))
        expect_equal("revenue", num(lookup(doc, "revenue"), "revenue"), mech.revenue())
        expect_equal("gross_surplus", num(lookup(doc, "gross_surplus"), "gross_surplus"),
                     mech.gross_surplus(g.values["buyer"], g.values["seller"]))
        proved += ["implementable", "revenue", "gross_surplus"]
        if "prescribed_mechanism" in doc:
            expect_equal("prescribed_mechanism/revenue", num(lookup(doc, "prescribed_mechanism/revenue"), "revenue"), mech.revenue())
            proved.append("prescribed_mechanism")
    if "merged" in doc:
        merged = Mechanism(table(doc["merged"], "merged"), g.states, g.prior, "merged")
        _grouped_alpha({**g.raw, "states": g.states}, merged, "merged")
        _check_mechanism(doc, g, merged, table(lookup(doc, "merged/implementable"), "merged/implementable"), "merged", "merged/implementable")
        expect_equal("merged/revenue", num(lookup(doc, "merged/revenue"), "merged/revenue"), merged.revenue())
        proved.append("merged")
    if "subsidy" in doc and isinstance(lookup(doc, "subsidy"), Mapping) and "mechanism" in doc["subsidy"]:
        mech = Mechanism(table(lookup(doc, "subsidy/mechanism"), "subsidy/mechanism"), g.states, g.prior, "subsidy/mechanism")
        _check_mechanism(doc, g, mech, table(lookup(doc, "subsidy/mechanism_implementable"), "subsidy/mechanism_implementable"),
                         "subsidy/mechanism_implementable", "subsidy/mechanism_implementable")
        expect_equal("subsidy/mechanism/revenue", num(lookup(doc, "subsidy/mechanism/revenue"), "subsidy/mechanism/revenue"),
                     mech.revenue())
        proved += ["subsidy/mechanism", "subsidy/mechanism_implementable"]
    if "subsidy" in doc and isinstance(lookup(doc, "subsidy"), Mapping) and "gross_surplus" in doc["subsidy"]:
        ub, us = g.values["buyer"], g.values["seller"]
        gross = sum((p * max(b - s, ZERO) for p, b, s in zip(g.prior, ub, us)), ZERO)
        expect_equal("subsidy/gross_surplus", num(lookup(doc, "subsidy/gross_surplus"), "subsidy/gross_surplus"), gross)
        proved.append("subsidy/gross_surplus")
    # what the checker does not rebuild, by name: verify re-computes these and compares every key
    delegated = [k for k, c in claims.items() if k not in proved and isinstance(c, Mapping) and c.get("status") != "not certified"
                 and (k in DELEGATED or k.startswith("subsidy/"))]
    return proved, delegated


#: Claims of acquisition documents left to re-computation (besides the subsidy supremum's keys):
#: the correlation blocks, the players' multiplier and slack texts, the Proposition's verdict, the
#: production certificates as written.
DELEGATED = ("correlation", "players", "proposition", "certificates")


def _grouped_alpha(game_alpha: Mapping[str, Any], mech: Mechanism, key: str) -> None:
    """A mechanism the tool derives from the file (prescribed or merged) keeps the file's information
    structure: each of its signals names one file signal or a '+'-joined group of them, and its
    masses are the sums of the file's masses over the groups."""
    g_b, g_s = game_alpha["buyer_signals"], game_alpha["seller_signals"]
    def groups(names, known, side):
        out = []
        for n in names:
            parts = n.split("+")
            expect(all(x in known for x in parts), f"{key}/{side}", lambda: f"{n!r} is not a signal (or group of signals) of the file")
            out.append([known.index(x) for x in parts])
        flat = sorted(i for grp in out for i in grp)
        expect(flat == list(range(len(known))), f"{key}/{side}", "the groups do not partition the file's signals")
        return out
    B, S = groups(mech.buyer_signals, g_b, "buyer_signals"), groups(mech.seller_signals, g_s, "seller_signals")
    for v, w in enumerate(game_alpha["states"]):
        rows = [[num(x, f"game/alpha/{w}") for x in r] for r in game_alpha["alpha"][w]]
        for i, bi in enumerate(B):
            for j, sj in enumerate(S):
                expect(mech.alpha[v][i][j] == sum((rows[a][b] for a in bi for b in sj), ZERO), f"{key}/alpha/{w}",
                       "the masses are not the file's information structure (grouped)")
