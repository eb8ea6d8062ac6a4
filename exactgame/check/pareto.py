r"""Checks of ``efficiency --vector`` documents: Definition 1 for a payoff vector ``u``.

From the game the checker rebuilds the pure-outcome points
:math:`u(\sigma) = \sum_\omega p_\omega u(\omega, \sigma(\omega))` of each mixture it is given and the
support function :math:`h(n) = \sum_\omega p_\omega \max_a n\cdot u(\omega, a)` of :math:`F_p`; then

* ``vector-efficient``: the mixture gives ``u`` (``u`` is in :math:`F_p`) and ``n > 0`` has
  ``n . u = h(n)`` (no point of :math:`F_p` is ``>= u`` and ``!= u``: it would beat ``u`` along ``n``);
* ``vector-dominated``: the mixture gives ``u`` and a second mixture gives ``v >= u``, ``v != u``;
* ``vector-infeasible``: ``n . u > h(n)``, so ``u`` is not in :math:`F_p`; then either a mixture gives
  ``v >= u`` (``dominated_by_feasible`` true, ``better`` is ``v``; ``v != u`` since ``u`` is not
  feasible) or ``n >= 0`` (false: a feasible ``v >= u`` would have ``n . v >= n . u > h(n)``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import CheckFailure, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame

__all__ = ["check_vector"]


def _dot(a, b) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _mixture(value: Any, g: CheckedGame, weights: Mapping[str, Fraction], key: str) -> tuple[Fraction, ...]:
    """The point of F_p a mixture of pure outcomes gives."""
    expect(isinstance(value, list) and value, key, "expected a nonempty list of {weight, profiles}")
    k = len(g.players)
    total = [Fraction(0)] * k
    thetas = []
    for j, m in enumerate(value):
        m = table(m, f"{key}/{j}")
        t = num(m.get("weight"), f"{key}/{j}/weight")
        sigma = table(m.get("profiles"), f"{key}/{j}/profiles")
        expect(set(sigma) == set(weights), f"{key}/{j}/profiles", "needs one profile per state")
        thetas.append(t)
        for w, pw in weights.items():
            expect(sigma[w] in g.payoffs[w], f"{key}/{j}/profiles/{w}", "names an unknown profile")
            total = [x + t * pw * y for x, y in zip(total, g.payoffs[w][sigma[w]])]
    expect(all(t >= 0 for t in thetas) and sum(thetas) == 1, key, "the weights are not a probability vector")
    return tuple(total)


def _support(g: CheckedGame, weights: Mapping[str, Fraction], n) -> Fraction:
    return sum((pw * max(_dot(n, g.payoffs[w][a]) for a in g.actions) for w, pw in weights.items()), Fraction(0))


def check_vector(doc: Mapping[str, Any], g: CheckedGame, p: tuple[Fraction, ...], options: Mapping[str, Any]) -> list[str]:
    """Check a ``--vector`` document (module doc); return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``game``).
    p : tuple of Fraction
        the interior prior used.
    options : mapping
        the document's options (``vector`` is ``u``).

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "game", "states": ["w"], "prior": ["1"], "players": ["A", "B"], "profiles": ["x", "y"],
    ...                "payoffs": {"w": {"x": ["2", "0"], "y": ["0", "2"]}}})
    >>> mix = [{"weight": "1/2", "profiles": {"w": "x"}}, {"weight": "1/2", "profiles": {"w": "y"}}]
    >>> doc = {"vector": ["1", "1"], "players": ["A", "B"], "prior": ["1"], "feasible": True, "efficient": True,
    ...        "verdict": "efficient", "better": None, "dominated_by_feasible": False,
    ...        "certificates": {"vector": {"certificate": "vector-efficient", "mix": mix, "normal": ["1", "1"]}}}
    >>> check_vector(doc, g, (Fraction(1),), {"vector": ["1", "1"]})[:3]
    ['vector', 'players', 'prior']
    >>> bad = {**doc, "certificates": {"vector": {"certificate": "vector-efficient", "mix": mix, "normal": ["1", "2"]}}}
    >>> check_vector(bad, g, (Fraction(1),), {"vector": ["1", "1"]})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: certificates/vector/normal: n . u = 3 is not the support value h(n) = 4
    """
    k = len(g.players)
    u = vec(options.get("vector"), "options/vector", k)
    weights = dict(zip(g.states, p))
    expect_equal("vector", vec(lookup(doc, "vector"), "vector"), u)
    expect_equal("players", lookup(doc, "players"), list(g.players))
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    key = "certificates/vector"
    cert = table(lookup(doc, key), key)
    kind = cert.get("certificate")
    better: Any = None
    if kind == "vector-efficient":
        expect(_mixture(cert.get("mix"), g, weights, f"{key}/mix") == u, f"{key}/mix", "the mixture does not give u")
        n = vec(cert.get("normal"), f"{key}/normal", k)
        expect(all(x > 0 for x in n), f"{key}/normal", "the normal is not strictly positive")
        h = _support(g, weights, n)
        expect(_dot(n, u) == h, f"{key}/normal", lambda: f"n . u = {_dot(n, u)} is not the support value h(n) = {h}")
        verdict, dominated = "efficient", False
    elif kind == "vector-dominated":
        expect(_mixture(cert.get("mix"), g, weights, f"{key}/mix") == u, f"{key}/mix", "the mixture does not give u")
        v = _mixture(cert.get("better_mix"), g, weights, f"{key}/better_mix")
        expect(all(b >= a for a, b in zip(u, v)) and v != u, f"{key}/better_mix", "its point does not Pareto-dominate u")
        verdict, dominated, better = "dominated", True, v
    elif kind == "vector-infeasible":
        n = vec(cert.get("normal"), f"{key}/normal", k)
        h = _support(g, weights, n)
        expect(_dot(n, u) > h, f"{key}/normal", lambda: f"n . u = {_dot(n, u)} does not exceed h(n) = {h}")
        if cert.get("better_mix") is not None:
            v = _mixture(cert.get("better_mix"), g, weights, f"{key}/better_mix")
            expect(all(b >= a for a, b in zip(u, v)), f"{key}/better_mix", "its point is not >= u")
            verdict, dominated, better = "infeasible", True, v
        else:
            expect(all(x >= 0 for x in n), f"{key}/normal", "without a better point the normal must be >= 0")
            verdict, dominated = "infeasible", False
    else:
        raise CheckFailure(key, f"expected a vector-efficient, vector-dominated or vector-infeasible certificate, found {kind!r}")
    if better is not None:
        expect_equal(f"{key}/better", vec(cert.get("better"), f"{key}/better", k), better)
    expect_equal("verdict", lookup(doc, "verdict"), verdict)
    expect_equal("feasible", lookup(doc, "feasible"), verdict != "infeasible")
    expect_equal("efficient", lookup(doc, "efficient"), verdict == "efficient")
    claimed_better = lookup(doc, "better")
    if better is None:
        expect_equal("better", claimed_better, None)
    else:
        expect_equal("better", vec(claimed_better, "better", k), better)
    expect_equal("dominated_by_feasible", lookup(doc, "dominated_by_feasible"), dominated)
    return ["vector", "players", "prior", "verdict", "feasible", "efficient", "better", "dominated_by_feasible"]
