r"""Evidence on the Efficient Communication Conjecture (001_9d9f8fe1d5e70189.txt, Section 3.3).

**ECC.** In bilateral trade with finite type spaces the message complexity is finite,
:math:`C(D_S, D_B) < \infty`. **Theorem 2**: if C is finite, the allocation after C rounds is
efficient (welfare :math:`W^*`). Welfare never falls from one round to the next and never exceeds
:math:`W^*` (Section 2.4), so the first round whose welfare is :math:`W^*` is C, and welfare below
:math:`W^*` after T rounds means :math:`C > T` *given Theorem 2* (a game where that stays so for
every T would refute the ECC; no finite computation shows that).

:func:`ecc_search` runs the exact dialogue engines on bilateral-trade instances (enumerated by
:func:`trade_grid` or drawn by :func:`random_trades`) and records, per instance, :math:`W^*`, the
welfare of rounds 0..T, the first round reaching :math:`W^*` and what limit (if any) stopped the
engine. An instance that has not reached :math:`W^*` after ``rounds`` is run again with up to
``deep_rounds`` rounds (the cell engine keeps the rounds it completes before a size limit). Every
welfare is exact; rounds 0-1 are certified, later rounds of the cell engine rest on its enumeration
of pieces (see the documents' claims); "not reached within T" is exact for those rounds, and "C > T"
is conditional on Theorem 2. With two buyer types Theorem 5 already gives C <= 2, so the grid
searches three or more buyer types by default.

>>> r = ecc_search([((0, 2), ("4/5", "1/5"), (3, 6, 12), ("1/3", "1/3", "1/3"))], rounds=3)   # Section 3.4
>>> r.records[0].reached, r.records[0].efficient_welfare
(3, Fraction(33, 5))
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Sequence

from ..errors import InputError

__all__ = ["Trade", "TradeRecord", "ECCSearch", "ecc_search", "trade_grid", "random_trades"]

#: (seller costs, seller prior, buyer values, buyer prior)
Trade = tuple[Sequence[Any], Sequence[Any], Sequence[Any], Sequence[Any]]


@dataclass(frozen=True)
class TradeRecord:
    """One instance: its data, :math:`W^*`, the welfare of each computed round, the first round
    reaching :math:`W^*` (None if none did), the rounds asked and the limit that stopped the
    engine (None if all rounds asked were computed).

    >>> r = TradeRecord(((0,), (1,), (2,), (1,)), Fraction(2), (Fraction(2),), 0, 3)
    >>> r.reached, r.stopped_by
    (0, None)
    """

    trade: Trade
    efficient_welfare: Fraction
    welfare: tuple[Fraction, ...]
    reached: int | None
    rounds_asked: int
    stopped_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (exact strings).

        Returns
        -------
        dict

        >>> TradeRecord(((0,), (1,), (2,), (1,)), Fraction(2), (Fraction(2),), 0, 3).to_dict()["reached"]
        0
        """
        costs, cp, values, vp = self.trade
        return {"seller_costs": [str(x) for x in costs], "seller_prior": [str(x) for x in cp],
                "buyer_values": [str(x) for x in values], "buyer_prior": [str(x) for x in vp],
                "efficient_welfare": str(self.efficient_welfare), "welfare": [str(w) for w in self.welfare],
                "reached": self.reached, "rounds_asked": self.rounds_asked, "stopped_by": self.stopped_by}


@dataclass(frozen=True)
class ECCSearch:
    """The records of :func:`ecc_search` and their summary.

    >>> ECCSearch(()).not_reached()
    []
    """

    records: tuple[TradeRecord, ...]
    errors: tuple[tuple[Trade, str], ...] = field(default=())

    def by_round(self) -> dict[Any, int]:
        """``{first round reaching W*: count}``, with ``None`` for instances that did not reach it.

        Returns
        -------
        dict

        >>> ECCSearch((TradeRecord(((0,), (1,), (2,), (1,)), Fraction(2), (Fraction(2),), 0, 3),)).by_round()
        {0: 1}
        """
        out: dict[Any, int] = {}
        for r in self.records:
            out[r.reached] = out.get(r.reached, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)))

    def not_reached(self) -> list[TradeRecord]:
        """Instances whose welfare stayed below :math:`W^*` in every computed round (evidence of
        C > T given Theorem 2, T the last computed round).

        Returns
        -------
        list of TradeRecord
        """
        return [r for r in self.records if r.reached is None]

    def summary(self) -> str:
        """One paragraph: counts per round, the instances not reaching W*.

        Returns
        -------
        str

        >>> print(ECCSearch((TradeRecord(((0,), (1,), (2,), (1,)), Fraction(2), (Fraction(2),), 0, 3),)).summary())
        1 instances: W* first reached at round 0: 1; every instance reached W*
        """
        parts = [f"round {k}: {v}" for k, v in self.by_round().items() if k is not None]
        miss = self.not_reached()
        tail = ("every instance reached W*" if not miss else
                f"{len(miss)} below W* after every computed round (C > T given Theorem 2): " +
                "; ".join(f"costs {list(map(str, r.trade[0]))} values {list(map(str, r.trade[2]))} "
                          f"priors {list(map(str, r.trade[1]))} {list(map(str, r.trade[3]))}, "
                          f"welfare {[str(w) for w in r.welfare]} < W* = {r.efficient_welfare}" for r in miss[:5]))
        err = f"; {len(self.errors)} refused by the engines' limits" if self.errors else ""
        return f"{len(self.records)} instances: W* first reached at " + ", ".join(parts) + "; " + tail + err


def _record(trade: Trade, rounds: int) -> TradeRecord:
    from ..dialogue.model import bilateral_trade
    from ..dialogue.report import dialogue

    g = bilateral_trade(*trade)
    body = dialogue(g, rounds).body
    W = Fraction(body["efficient_welfare"])
    welfare = tuple(Fraction(r["welfare"]) for r in body["rounds"])
    reached = next((t for t, w in enumerate(welfare) if w == W), None)
    return TradeRecord(trade, W, welfare, reached, rounds, body.get("stopped_by"))


def ecc_search(trades: Iterable[Trade], rounds: int = 3, deep_rounds: int = 6,
               progress: Callable[[int], None] | None = None) -> ECCSearch:
    """Run the exact dialogue engines on bilateral-trade instances (module docstring).

    Parameters
    ----------
    trades : iterable of (costs, seller prior, values, buyer prior)
        The instances.
    rounds : int
        Rounds computed for every instance.
    deep_rounds : int
        Rounds asked again for an instance below :math:`W^*` after ``rounds`` (0: no second run).
    progress : callable, optional
        Called with the number of instances done.

    Returns
    -------
    ECCSearch
        One record per instance; instances the engines refuse (a size limit before round 1) are
        listed in ``errors``.

    >>> r = ecc_search([((1,), ("1",), (2, 3), ("1/2", "1/2"))], rounds=2)   # trade is always efficient
    >>> r.by_round(), r.records[0].welfare[0] == r.records[0].efficient_welfare
    ({0: 1}, True)
    """
    if rounds < 0 or deep_rounds < 0:
        raise InputError("ecc_search: rounds must be nonnegative")
    records, errors = [], []
    for i, trade in enumerate(trades):
        try:
            rec = _record(trade, rounds)
            if rec.reached is None and deep_rounds > rounds:
                rec = _record(trade, deep_rounds)
            records.append(rec)
        except InputError as exc:
            errors.append((trade, str(exc)))
        if progress:
            progress(i + 1)
    return ECCSearch(tuple(records), tuple(errors))


def _priors(k: int, weights: Sequence[int]) -> list[tuple[Fraction, ...]]:
    out = []
    for w in itertools.product(weights, repeat=k):
        if sum(w):
            p = tuple(Fraction(x, sum(w)) for x in w)
            if all(p) and p not in out:
                out.append(p)
    return out


def trade_grid(costs: Sequence[int], values: Sequence[int], n_costs: int = 2, n_values: int = 3,
               weights: Sequence[int] = (1, 2)) -> list[Trade]:
    """Every instance with ``n_costs`` distinct costs from ``costs``, ``n_values`` distinct values
    from ``values`` (both increasing) and priors from the weight vectors over ``weights`` (interior,
    each distribution once), keeping only instances where some trade is efficient and some is not
    (otherwise :math:`W^*` is reached at round 0).

    Parameters
    ----------
    costs, values : sequence of int
        The candidate costs and values.
    n_costs, n_values : int
        Numbers of seller and buyer types.
    weights : sequence of int
        Prior weights.

    Returns
    -------
    list of Trade

    >>> len(trade_grid([0, 2], [1, 3, 6], weights=(1,)))
    1
    """
    out: list[Trade] = []
    for cs in itertools.combinations(sorted(set(costs)), n_costs):
        for vs in itertools.combinations(sorted(set(values)), n_values):
            if not any(v > c for c in cs for v in vs) or all(v > c for c in cs for v in vs):
                continue
            for cp in _priors(n_costs, weights):
                for vp in _priors(n_values, weights):
                    out.append((cs, cp, vs, vp))
    return out


def random_trades(n: int, seed: int = 0, n_costs: int = 2, n_values: int = 3, bound: int = 12,
                  weight: int = 4) -> list[Trade]:
    """``n`` seeded random instances: distinct integer costs in 0..bound/2 and values in 1..bound,
    prior weights in 1..weight.

    Parameters
    ----------
    n, seed : int
        How many, and the seed.
    n_costs, n_values : int
        Numbers of seller and buyer types.
    bound, weight : int
        The ranges.

    Returns
    -------
    list of Trade

    >>> random_trades(2, seed=1) == random_trades(2, seed=1)
    True
    """
    rng = random.Random(seed)
    out: list[Trade] = []
    while len(out) < n:
        cs = tuple(sorted(rng.sample(range(0, bound // 2 + 1), n_costs)))
        vs = tuple(sorted(rng.sample(range(1, bound + 1), n_values)))
        wc = [rng.randint(1, weight) for _ in cs]
        wv = [rng.randint(1, weight) for _ in vs]
        out.append((cs, tuple(Fraction(x, sum(wc)) for x in wc), vs, tuple(Fraction(x, sum(wv)) for x in wv)))
    return out
