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
from typing import Any, Sequence

from ..errors import InputError
from ..geometry.lp import LPProblem, solve_problem
from ..numbers import to_vector
from .bargaining_set import _constraints, payoff_rows
from .model import BargainingProblem, Structure

__all__ = ["price_discrimination", "category_structure", "interval_partitions", "revenue_condition",
           "trade_probability", "pareto_efficient"]


def price_discrimination(values: Sequence[Any], gammas: Sequence[Any], prior: Sequence[Any],
                         disagreement: Any = "no-information") -> BargainingProblem:
    """The platform-regulator bargaining problem of Section 3.3."""
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
    """All partitions of 0..n-1 into intervals (2^(n-1) of them)."""
    out = []
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            bounds = [0, *cuts, n]
            out.append([list(range(a, b)) for a, b in zip(bounds, bounds[1:])])
    return out


def category_structure(prob: BargainingProblem, partition: Sequence[Sequence[int]]) -> Structure:
    """The seller learns the category; recommend the lowest optimal price at its posterior."""
    pi: Structure = {}
    for block in partition:
        belief = [prob.prior[i] if i in block else Fraction(0) for i in range(len(prob.states))]
        total = sum(belief)
        a = prob.optimal_actions([b / total for b in belief])[0]  # actions are listed by increasing price
        for i in block:
            pi[prob.states[i]] = {a: Fraction(1)}
    return pi


def revenue_condition(prob: BargainingProblem) -> bool:
    """Proposition 4 (i): v * P(value >= v) weakly decreasing in v."""
    vals = [prob.receiver[w][i] for i, w in enumerate(prob.states)]
    rev = [v * sum(prob.prior[i:]) for i, v in enumerate(vals)]
    return all(a >= b for a, b in zip(rev, rev[1:]))


def trade_probability(prob: BargainingProblem, pi: Structure) -> Fraction:
    """Probability that the recommended price is at most the buyer's value."""
    return sum(p * q for p, w in zip(prob.prior, prob.states) for a, q in pi[w].items() if prob.receiver[w][prob.actions.index(a)] > 0)


def pareto_efficient(prob: BargainingProblem, pi: Structure) -> bool:
    """Whether no IC structure weakly improves every agent and strictly one: max sum_i E(u_i)
    over IC structures with E(u_i) >= E(u_i | pi) equals sum_i E(u_i | pi) (a certified LP)."""
    rows = payoff_rows(prob)
    A_ub, b_ub, A_eq, b_eq = _constraints(prob)
    base = prob.payoff(pi)
    c = [sum(r[k] for r in rows) for k in range(len(rows[0]))]
    r = solve_problem(LPProblem.make(c, A_ub + [[-x for x in row] for row in rows], list(b_ub) + [-x for x in base],
                                     A_eq, b_eq, maximize=True))
    return r.value == sum(base)
