"""Catalogue entries of 004_2686c8b5ad6ec5f0.txt (bilateral trade with costly information acquisition).

The slides print no numbers; the entries reproduce their qualitative claims on the bundled
example (examples/acquisition_subsidy.toml), each decided by certified enclosures or exact
arithmetic.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from importlib import resources

from ..acquisition import AcquisitionGame, check_implementability
from ..acquisition.correlation import correlation_structure, merge_equal_posteriors
from ..acquisition.report import subsidy_claims
from ..acquisition.mechanism import perturbed
from ..acquisition.subsidy import minimize_subsidy
from ..games import load_game
from ..numbers import fmt
from .registry import entry

SOURCE = "004_2686c8b5ad6ec5f0.txt"


def subsidy_example() -> AcquisitionGame:
    """The bundled example (examples/acquisition_subsidy.toml).

    Returns
    -------
    AcquisitionGame
        Two states, low and high, with the file's prior and costs.

    >>> g = subsidy_example()
    >>> g.states, g.prior
    (('low', 'high'), (Fraction(2, 5), Fraction(3, 5)))
    """
    with resources.as_file(resources.files("exactgame.catalogue") / "data" / "acquisition_subsidy.toml") as path:
        return load_game(path)


@lru_cache(maxsize=None)
def _optimum():
    return minimize_subsidy(subsidy_example())


@entry(SOURCE, "Section 4: no gross full surplus extraction at the optimum (revenue < gross surplus E[u^b - u^s])",
       "revenue < gross surplus 2")
def no_gross_fse():
    r = _optimum()
    ok = subsidy_claims(r)["no_gross_full_surplus_extraction"]
    text = f"revenue < gross surplus {fmt(r.gross_surplus)}" if ok else f"revenue {r.revenue.decimal()} >= gross surplus"
    return text, [r.certificate]


@entry(SOURCE, "Section 4: no net full surplus extraction (buyer and seller keep positive net payoffs)",
       "buyer > 0, seller > 0")
def no_net_fse():
    r = _optimum()
    text = ", ".join(f"{p} {'>' if r.net_payoff[p].lo > 0 else '<='} 0" for p in ("buyer", "seller"))
    return text, [r.certificate]


@entry(SOURCE, "Section 4: pay for the same info twice (I = 2, posteriors at the kinks (Opt^b), (Opt^s), equal positive costs)",
       "I = 2, Opt^b and Opt^s hold, costs equal and positive")
def paid_twice():
    r = _optimum()
    opt = all(e.contains(Fraction(0)) for e in r.optimality.values())
    costs = r.information_cost
    equal = (costs["buyer"] - costs["seller"]).contains(Fraction(0)) and costs["buyer"].lo > 0
    text = f"I = {len(r.posteriors)}, Opt^b and Opt^s {'hold' if opt else 'fail'}, costs {'equal and positive' if equal else 'differ'}"
    return text, [r.certificate]


@entry(SOURCE, "Section 4: the optimal perfectly correlated mechanism (rational, within 1e-30) is implementable",
       "buyer implementable, seller implementable")
def optimum_implementable():
    r = _optimum()
    text = ", ".join(f"{p} {'implementable' if c.implementable else 'not implementable'}" for p, c in r.implementability.items())
    return text, [c.certificate for c in r.implementability.values()]


@entry(SOURCE, "Section 3: efficiency => essentially perfect correlation (breaking the blocks of the optimum fails, with a deviation)",
       "not implementable; certified profitable deviation")
def blocks_needed():
    r = _optimum()
    g = perturbed(r.mechanism)
    checks = [check_implementability(g, p) for p in ("buyer", "seller")]
    bad = [c for c in checks if not c.implementable]
    ok = not correlation_structure(g).essentially_perfect and bad and all(c.deviation.gain_enclosure.lo > 0 for c in bad)
    text = "not implementable; certified profitable deviation" if ok else "implementable"
    return text, [c.certificate for c in checks]


@entry(SOURCE, "Section 4, Corollary: merging signals with equal posteriors keeps revenue and implementability",
       "same revenue, implementable")
def merge_keeps():
    r = _optimum()
    mech = r.mechanism
    # split signal 1 of both players into two copies with the same posterior (halves of the cell)
    K = len(mech.buyer_signals)
    alpha = []
    for m in mech.alpha:
        rows = [[Fraction(0)] * (K + 1) for _ in range(K + 1)]
        rows[0][0] = rows[1][1] = m[0][0] / 2
        for k in range(1, K):
            rows[k + 1][k + 1] = m[k][k]
        alpha.append(rows)
    idx = [0, 0] + list(range(1, K))
    t = {p: [[mech.transfers[p][idx[i]][idx[j]] for j in range(K + 1)] for i in range(K + 1)] for p in ("buyer", "seller")}
    split = mech.with_mechanism(alpha, t, None, [f"b{k}" for k in range(K + 1)], [f"s{k}" for k in range(K + 1)])
    merged = merge_equal_posteriors(split)
    checks = [check_implementability(merged, p) for p in ("buyer", "seller")]
    same = merged.revenue() == split.revenue() == mech.revenue()
    ok = same and all(c.implementable for c in checks)
    return ("same revenue, implementable" if ok else "changed"), [c.certificate for c in checks]
