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
    """``alpha[v][i][j]``, ``trade[p][i][j]``, ``transfers[p][i][j]`` with the signal names."""

    def __init__(self, t: Mapping[str, Any], states: Sequence[str], prior: Sequence[Fraction], key: str, *,
                 needs_transfers: bool = True):
        self.buyer_signals = _labels(t.get("buyer_signals"), f"{key}/buyer_signals")
        self.seller_signals = _labels(t.get("seller_signals"), f"{key}/seller_signals")
        I, J = len(self.buyer_signals), len(self.seller_signals)
        a = table(t.get("alpha"), f"{key}/alpha")
        expect(set(a) == set(states), f"{key}/alpha", "one matrix per state")
        self.alpha = [_matrix(a[w], I, J, f"{key}/alpha/{w}") for w in states]
        expect(all(x >= 0 for m in self.alpha for r in m for x in r), f"{key}/alpha", "a negative mass")
        for w, m, p in zip(states, self.alpha, prior):
            expect(sum(sum(r) for r in m) == p, f"{key}/alpha/{w}", "the masses of the state do not add up to its prior")
        tr = t.get("trade")
        self.trade = ({p: [[Fraction(1)] * J for _ in range(I)] for p in ("buyer", "seller")} if tr is None else
                      {p: _matrix(table(tr, f"{key}/trade").get(p), I, J, f"{key}/trade/{p}") for p in ("buyer", "seller")})
        expect(all(0 <= x <= 1 for m in self.trade.values() for r in m for x in r), f"{key}/trade",
               "trade probabilities must lie in [0, 1]")
        tf = t.get("transfers")
        expect(tf is not None or not needs_transfers, f"{key}/transfers", "the mechanism has no transfers")
        self.transfers = None if tf is None else {p: _matrix(table(tf, f"{key}/transfers").get(p), I, J, f"{key}/transfers/{p}")
                                                  for p in ("buyer", "seller")}

    def oriented(self, player: str) -> Cube:
        n, I, J = len(self.alpha), len(self.buyer_signals), len(self.seller_signals)
        if player == "buyer":
            return [[[self.alpha[v][i][j] for v in range(n)] for j in range(J)] for i in range(I)]
        return [[[self.alpha[v][i][j] for v in range(n)] for i in range(I)] for j in range(J)]

    def payoffs(self, player: str, u: Sequence[Fraction]) -> Cube:
        q, t = self.trade[player], self.transfers[player]
        n, I, J = len(self.alpha), len(self.buyer_signals), len(self.seller_signals)
        if player == "buyer":
            return [[[q[i][j] * u[v] - t[i][j] for v in range(n)] for j in range(J)] for i in range(I)]
        return [[[t[i][j] - q[i][j] * u[v] for v in range(n)] for i in range(I)] for j in range(J)]

    def own_signals(self, player: str) -> tuple[str, ...]:
        return self.buyer_signals if player == "buyer" else self.seller_signals

    def other_signals(self, player: str) -> tuple[str, ...]:
        return self.seller_signals if player == "buyer" else self.buyer_signals

    def revenue(self) -> Fraction:
        t = self.transfers
        return sum((m[i][j] * (t["buyer"][i][j] - t["seller"][i][j]) for m in self.alpha for i in range(len(m))
                    for j in range(len(m[i])) if m[i][j]), ZERO)

    def gross_surplus(self, ub: Sequence[Fraction], us: Sequence[Fraction]) -> Fraction:
        qb, qs = self.trade["buyer"], self.trade["seller"]
        return sum((m[i][j] * (qb[i][j] * ub[v] - qs[i][j] * us[v]) for v, m in enumerate(self.alpha) for i in range(len(m))
                    for j in range(len(m[i])) if m[i][j]), ZERO)


def _labels(x: Any, key: str) -> tuple[str, ...]:
    expect(isinstance(x, list) and x and all(isinstance(s, str) for s in x) and len(set(x)) == len(x), key, "expected distinct names")
    return tuple(x)


def _matrix(x: Any, I: int, J: int, key: str) -> list[list[Fraction]]:
    expect(isinstance(x, list) and len(x) == I, key, lambda: f"expected {I} rows")
    return [list(vec(r, f"{key}/{i}", J)) for i, r in enumerate(x)]


def _rows(A: Cube) -> tuple[list[list[Fraction]], list[Fraction]]:
    a = [[sum(A[k][o][v] for o in range(len(A[k]))) for v in range(len(A[k][0]))] for k in range(len(A))]
    return a, [sum(r) for r in a]


def best_responds(A: Cube, g: Cube, kappa: Fraction, key: str) -> bool:
    """Does the player best-respond (the lemma's conditions, module doc)?"""
    a, P = _rows(A)
    K, O, n = len(A), len(A[0]), len(A[0][0])
    expect(all(P), key, "a signal has probability 0 (the model refuses such structures)")
    mu = [[a[k][v] / P[k] for v in range(n)] for k in range(K)]
    lam: dict[tuple[int, int], int] = {}            # column -> the own signal its multiplier comes from
    for o in range(O):
        for v in range(n):
            pos = [k for k in range(K) if A[k][o][v] > 0]
            if not pos:
                continue
            if any(mu[k][v] == 0 for k in range(K)):
                return False                           # a posterior rules out v while the column has mass: +infinity
            k0 = pos[0]
            lam[(o, v)] = k0
            for k in range(K):
                if k == k0:
                    continue
                if A[k][o][v] > 0:
                    if g[k][o][v] != g[k0][o][v] or mu[k][v] != mu[k0][v]:
                        return False                   # (ST)/(CS): unequal marginal values within the column
                elif _sign_log_form(g[k0][o][v] - g[k][o][v], kappa, mu[k0][v] / mu[k][v], key) < 0:
                    return False                       # (DF): an empty cell has a larger marginal value
    terms = []                                          # (c_v, r_v): exp(-Lambda(v)/kappa) = c_v e^{r_v}
    for v in range(n):
        cols = [o for o in range(O) if (o, v) in lam]
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
    if all(r == 0 for _, r in terms) and sum(c for c, _ in terms) == 1:
        return True
    return _sign(lambda: sum((_ball(c) * _ball(r).exp() for c, r in terms), arb(0)) - 1, key) < 0


def _row_cost(row: Sequence[Fraction]) -> arb:
    P = sum(row)
    out = sum((_ball(x) * _ball(x).log() for x in row if x), arb(0))
    return out - _ball(P) * _ball(P).log() if P else out


def check_deviation(A: Cube, g: Cube, kappa: Fraction, own: Sequence[str], other: Sequence[str], states: Sequence[str],
                    dev: Mapping[str, Any], key: str) -> None:
    """The certificate's deviation (moves, epsilon) gains a proved positive amount (module doc)."""
    K = len(A)
    index = {(own[k] if k < K else ABSTAIN, other[o], states[v]): (k, o, v)
             for k in range(K + 1) for o in range(len(other)) for v in range(len(states))}
    eps = num(dev.get("epsilon"), f"{key}/epsilon")
    expect(eps > 0, f"{key}/epsilon", "epsilon must be positive")
    moves = dev.get("moves")
    expect(isinstance(moves, list) and moves, f"{key}/moves", "expected a list of moves")
    new = [[list(c) for c in r] for r in A] + [[[ZERO] * len(states) for _ in other]]
    dU = ZERO
    for i, mv in enumerate(moves):
        expect(isinstance(mv, list) and len(mv) == 3, f"{key}/moves/{i}", "expected [from, to, mass]")
        src, dst = (index.get(tuple(c) if isinstance(c, list) else None) for c in mv[:2])
        m = num(mv[2], f"{key}/moves/{i}/2")
        expect(src is not None and dst is not None, f"{key}/moves/{i}", "names an unknown cell")
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
    gain = lambda: _ball(dU) - _ball(kappa) * sum((_row_cost(new_rows[k]) - _row_cost(old_rows[k]) for k in changed), arb(0))
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


def _certificates_of(doc: Mapping[str, Any], claim: str) -> dict[str, Mapping[str, Any]]:
    """The implementability certificates the claim names, by player."""
    out = {}
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
    """Check an acquisition document; return (keys proved here, keys delegated to re-computation)."""
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
