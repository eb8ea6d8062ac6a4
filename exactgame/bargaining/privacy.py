r"""Price discrimination and privacy regulation (002_b82d6ff4761a0a82.txt, Section 3.3).

A seller (the receiver) prices a good for a buyer of value :math:`v\in\{v_1<\dots<v_n\}`; prices
are the values, trade happens iff :math:`p \le v`. The platform's payoff is the seller's
revenue; the regulator's is the consumer surplus :math:`\gamma_v + v - p` on trade (eq. (5)).

**Proposition 3**: an IC structure is Pareto efficient iff trade occurs with probability one.
**Proposition 4**: (i) if :math:`v\sum_{v'\ge v}\mu_0(v')` is weakly decreasing, every category
structure (the seller learns the interval containing ``v``) is IC and admits no beneficial
agreement; (ii) otherwise some IC category structure admits one.

In a category structure the seller is recommended an optimal price at the category's
posterior; among optimal prices we recommend the lowest (it maximizes trade, and any
optimal price is IC under Assumption 3).

>>> prob = price_discrimination([1, 2, 3], gammas=[1, 1, 1], prior=["1/2", "1/4", "1/4"])
>>> revenue_condition(prob)
True
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any, Mapping, Sequence

from ..errors import InputError, TooLargeError
from ..geometry.lp import LPProblem, solve_problem
from ..numbers import to_vector
from .bargaining_set import _constraints, payoff_rows
from .model import BargainingProblem, Structure

__all__ = ["price_discrimination", "category_structure", "interval_partitions", "revenue_condition",
           "trade_probability", "pareto_efficient", "propositions_3_4", "MAX_PARTITION_VALUES"]

#: Proposition 4 enumerates the 2^(n-1) interval partitions: refused above this many values.
MAX_PARTITION_VALUES = 14


def price_discrimination(values: Sequence[Any], gammas: Sequence[Any], prior: Sequence[Any],
                         disagreement: Any = "no-information") -> BargainingProblem:
    """The platform-regulator bargaining problem of Section 3.3.

    States ``v1..vn`` are the buyer's values, actions ``p1..pn`` the prices p_j = v_j. The seller
    (receiver) earns p on trade (p <= v) and 0 otherwise; the platform's payoff is the seller's
    revenue, the regulator's the consumer surplus gamma_v + v - p on trade and 0 otherwise (eq. (5)).

    Parameters
    ----------
    values : sequence of numbers
        v_1 < ... < v_n, positive, exact.
    gammas : sequence of numbers
        gamma_v > 0, one per value.
    prior : sequence of numbers
        mu_0, one positive probability per value.
    disagreement : str or mapping, optional
        As in :meth:`~.model.BargainingProblem.make`; default ``"no-information"`` (the seller
        prices at the prior).

    Returns
    -------
    BargainingProblem
        Agents ``platform`` and ``regulator``.

    Raises
    ------
    InputError
        Values not strictly increasing and positive, or gammas not positive or not one per value
        (and whatever :meth:`~.model.BargainingProblem.make` refuses).

    >>> prob = price_discrimination([1, 2], gammas=[1, 1], prior=["1/4", "3/4"])
    >>> prob.receiver["v1"], prob.disagreement()
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(3, 2), Fraction(3, 4)))
    """
    v = to_vector(values, where="price_discrimination: values")
    g = to_vector(gammas, where="price_discrimination: gammas")
    if len(g) != len(v) or any(x <= 0 for x in g) or any(x <= 0 for x in v) or list(v) != sorted(set(v)):
        raise InputError("price_discrimination: need increasing positive values and one positive gamma per value")
    states = [f"v{i + 1}" for i in range(len(v))]
    actions = [f"p{i + 1}" for i in range(len(v))]
    rec = {s: [p if p <= val else 0 for p in v] for s, val in zip(states, v)}
    platform = dict(rec)
    regulator = {s: [gam + val - p if p <= val else 0 for p in v] for s, val, gam in zip(states, v, g)}
    return BargainingProblem.make(states, list(prior), actions, ["platform", "regulator"],
                                  {"receiver": rec, "platform": platform, "regulator": regulator}, disagreement)


def interval_partitions(n: int) -> list[list[list[int]]]:
    """All partitions of 0..n-1 into intervals (2^(n-1) of them).

    Parameters
    ----------
    n : int
        The number of values.

    Returns
    -------
    list
        Each partition as a list of blocks of consecutive indices; by increasing number of blocks,
        then lexicographically in the cut points.

    >>> interval_partitions(3)
    [[[0, 1, 2]], [[0], [1, 2]], [[0, 1], [2]], [[0], [1], [2]]]
    """
    out = []
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            bounds = [0, *cuts, n]
            out.append([list(range(a, b)) for a, b in zip(bounds, bounds[1:])])
    return out


def category_structure(prob: BargainingProblem, partition: Sequence[Sequence[int]]) -> Structure:
    """The category structure of an interval partition: the seller learns the block holding ``v``.

    Every state of a block is recommended the lowest optimal price at the block's posterior
    mu_0(. | block).

    Parameters
    ----------
    prob : BargainingProblem
        A problem built by :func:`price_discrimination` (actions by increasing price).
    partition : sequence of sequences of int
        Blocks of state indices covering every state once.

    Returns
    -------
    Structure
        A point mass per state (IC: the recommendation is optimal at the induced posterior).

    >>> prob = price_discrimination([1, 2, 3], gammas=[1, 1, 1], prior=["1/2", "1/4", "1/4"])
    >>> category_structure(prob, [[0], [1, 2]])
    {'v1': {'p1': Fraction(1, 1)}, 'v2': {'p2': Fraction(1, 1)}, 'v3': {'p2': Fraction(1, 1)}}
    """
    pi: Structure = {}
    for block in partition:
        belief = [prob.prior[i] if i in block else Fraction(0) for i in range(len(prob.states))]
        total = sum(belief)
        a = prob.optimal_actions([b / total for b in belief])[0]  # actions are listed by increasing price
        for i in block:
            pi[prob.states[i]] = {a: Fraction(1)}
    return pi


def revenue_condition(prob: BargainingProblem) -> bool:
    """Proposition 4 (i)'s condition: the revenue v P(value >= v) is weakly decreasing in v.

    Parameters
    ----------
    prob : BargainingProblem
        A problem built by :func:`price_discrimination`.

    Returns
    -------
    bool
        True iff v_j sum_{k >= j} mu_0(v_k) >= v_{j+1} sum_{k > j} mu_0(v_k) for every j.

    >>> revenue_condition(price_discrimination([1, 2, 3], gammas=[1, 1, 1], prior=["1/2", "1/4", "1/4"]))
    True
    >>> revenue_condition(price_discrimination([1, 2, 3], gammas=[1, 1, 1], prior=["1/4", "1/4", "1/2"]))
    False
    """
    vals = [prob.receiver[w][i] for i, w in enumerate(prob.states)]
    rev = [v * sum(prob.prior[i:]) for i, v in enumerate(vals)]
    return all(a >= b for a, b in zip(rev, rev[1:]))


def trade_probability(prob: BargainingProblem, pi: Structure) -> Fraction:
    """The probability of trade, sum_w mu_0(w) sum_{p <= w} pi(p | w).

    Parameters
    ----------
    prob : BargainingProblem
        A problem built by :func:`price_discrimination`.
    pi : Structure
        ``{state: {price action: probability}}``.

    Returns
    -------
    Fraction
        The probability that the recommended price is at most the buyer's value.

    >>> prob = price_discrimination([1, 2], gammas=[1, 1], prior=["1/4", "3/4"])
    >>> trade_probability(prob, prob.disagreement_structure()), trade_probability(prob, prob.full_information())
    (Fraction(3, 4), Fraction(1, 1))
    """
    return sum((p * q for p, w in zip(prob.prior, prob.states) for a, q in pi[w].items()
                if prob.receiver[w][prob.actions.index(a)] > 0), Fraction(0))


def pareto_efficient(prob: BargainingProblem, pi: Structure) -> bool:
    """Whether no IC structure weakly improves every agent and strictly one.

    Decided by the certified LP max sum_i E(u_i | pi') over IC pi' with E(u_i | pi') >= E(u_i | pi)
    for all i: ``pi`` is Pareto efficient in B iff the maximum equals sum_i E(u_i | pi).

    Parameters
    ----------
    prob : BargainingProblem
        The problem (any, not only Section 3.3's).
    pi : Structure
        An IC structure.

    Returns
    -------
    bool
        True iff ``pi``'s payoff vector is Pareto efficient in B.

    >>> prob = price_discrimination([1, 2], gammas=[1, 1], prior=["1/4", "3/4"])
    >>> pareto_efficient(prob, prob.disagreement_structure()), pareto_efficient(prob, prob.full_information())
    (False, True)
    """
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    base = prob.payoff(pi)
    c = [sum(r[k] for r in rows) for k in range(len(rows[0]))]
    r = solve_problem(LPProblem.make(c, A_ub + [[-x for x in row] for row in rows], list(b_ub) + [-x for x in base],
                                     A_eq, b_eq, maximize=True))
    return r.value == sum(base)


def _check_form(prob: BargainingProblem) -> None:
    """Refuse problems that are not Section 3.3's (prices = values, platform = seller's revenue)."""
    n = len(prob.states)
    ok = set(prob.agents) == {"platform", "regulator"} and len(prob.actions) == n
    if ok:
        v = [prob.receiver[w][i] for i, w in enumerate(prob.states)]
        ok = v == sorted(set(v)) and all(x > 0 for x in v) and all(
            list(prob.receiver[w]) == [p if p <= v[i] else 0 for p in v] and list(prob.payoffs["platform"][w]) == list(prob.receiver[w])
            for i, w in enumerate(prob.states))
    if not ok:
        raise InputError("--price-discrimination needs the problem of Section 3.3 (a file of kind 'price-discrimination': "
                         "states v1 < v2 < ..., prices equal to the values, agents 'platform' and 'regulator')")


def propositions_3_4(prob: BargainingProblem, structures: Mapping[str, Structure | None]) -> dict[str, Any]:
    """Propositions 3 and 4 of Section 3.3 on this instance, exactly.

    Proposition 3, per structure: its trade probability, whether it is Pareto efficient (a
    certified LP) and whether "efficient iff trade with probability one" holds on it.
    Proposition 4: the revenue condition (v P(value >= v) weakly decreasing) and, over every
    interval partition, whether the category structure is IC and beneficial (both agents strictly
    above d); (i) predicts all IC and none beneficial, (ii) some IC and beneficial.

    Parameters
    ----------
    prob : BargainingProblem
        A problem of Section 3.3's form (as :func:`price_discrimination` builds).
    structures : mapping
        ``{name: structure or None}``: the structures to test Proposition 3 on (None is skipped).

    Returns
    -------
    dict
        ``{"proposition_3": {name: {"trade_probability", "pareto_efficient", "proposition_3"}},
        "proposition_4": {"revenue_decreasing", "case", "holds", "category_structures"}}``;
        ``"VIOLATED"`` or ``holds`` False would be a counterexample to the paper (or a bug).

    Raises
    ------
    InputError
        A problem not of Section 3.3's form.
    TooLargeError
        More than :data:`MAX_PARTITION_VALUES` values.

    >>> prob = price_discrimination([1, 2, 3], gammas=[1, 1, 1], prior=["1/2", "1/4", "1/4"])
    >>> r = propositions_3_4(prob, {"full": prob.full_information()})
    >>> r["proposition_3"]["full"]["trade_probability"], r["proposition_4"]["holds"]
    (Fraction(1, 1), True)
    """
    _check_form(prob)
    n = len(prob.states)
    if n > MAX_PARTITION_VALUES:
        raise TooLargeError(f"{n} values: Proposition 4 enumerates 2^{n - 1} interval partitions (at most "
                            f"{MAX_PARTITION_VALUES} values)")
    p3 = {}
    for name, pi in structures.items():
        if pi is None:
            continue
        t, eff = trade_probability(prob, pi), pareto_efficient(prob, pi)
        p3[name] = {"trade_probability": t, "pareto_efficient": eff, "proposition_3": "consistent" if eff == (t == 1) else "VIOLATED"}
    d = prob.disagreement()
    cats = []
    for part in interval_partitions(n):
        pi = category_structure(prob, part)
        u = prob.payoff(pi)
        cats.append({"categories": [[prob.states[i] for i in b] for b in part], "ic": prob.ic_violation(pi) is None,
                     "beneficial": prob.ic_violation(pi) is None and all(x > y for x, y in zip(u, d)), "payoffs": list(u)})
    decreasing = revenue_condition(prob)
    if decreasing:
        holds = all(c["ic"] for c in cats) and not any(c["beneficial"] for c in cats)
    else:
        holds = any(c["beneficial"] for c in cats)
    return {"proposition_3": p3, "proposition_4": {"revenue_decreasing": decreasing, "case": "(i)" if decreasing else "(ii)",
                                                   "holds": holds, "category_structures": cats}}


def _load(doc: Mapping[str, Any]) -> BargainingProblem:
    """File kind ``price-discrimination``: ``values``, ``gammas``, ``prior``, optional ``disagreement``."""
    from ..games.files import get, require_keys

    kind = "price-discrimination"
    require_keys(doc, {"kind", "values", "gammas", "prior", "disagreement", "title", "source", "description"}, "file")
    return price_discrimination(get(doc, "values", kind), get(doc, "gammas", kind), get(doc, "prior", kind),
                                doc.get("disagreement", "no-information"))


def _register() -> None:
    from ..games.files import register_kind

    register_kind("price-discrimination", _load)


_register()
