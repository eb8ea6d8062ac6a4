r"""Checks of ``efficiency`` documents (000_2cf035f6c25283ea.txt, Definitions 2-4, Theorem 1).

With the deviations :math:`d(\omega, a) = u(\omega, a) - u(\mu\mid\omega)` recomputed from the game:

* a normal ``n > 0`` with ``n . d <= 0`` for every deviation of the states considered proves
  that nothing Pareto-dominates ``u(mu)`` there (``n . u(mu') <= n . u(mu)`` for every ``mu'``);
  for all states it also proves compatibility (``n`` lies in every normal cone
  :math:`N_\omega(\mu) = \{n : n\cdot d(\omega, a) \le 0\ \forall a\}`);
* an outcome ``mu'`` with ``u(mu') >= u(mu)``, ``!=``, proves inefficiency; for all states it also
  disproves compatibility: a common ``n > 0`` would give ``n . (u(mu') - u(mu)) =
  sum_w p_w sum_a mu'(a|w) n . d(w, a) <= 0``, contradicting ``n > 0``.

``actions_taken``, ``bound``, ``class``, ``support``, ``within_bound`` and ``payoff`` are
recomputed from the outcome.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import CheckFailure, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame, prior_of

__all__ = ["check_efficiency"]


def _state_payoff(g: CheckedGame, w: str, dist: Mapping[str, Fraction]) -> tuple[Fraction, ...]:
    k = len(g.players)
    tot = [Fraction(0)] * k
    for a, q in dist.items():
        for i, x in enumerate(g.payoffs[w][a]):
            tot[i] += q * x
    return tuple(tot)


def _dist(t: Any, g: CheckedGame, key: str) -> dict[str, Fraction]:
    t = table(t, key)
    expect(set(t) <= set(g.actions), key, "names an unknown profile")
    d = {a: num(q, f"{key}/{a}") for a, q in t.items()}
    expect(all(q >= 0 for q in d.values()) and sum(d.values()) == 1, key, "not a probability distribution")
    return d


def _verdict(cert: Any, g: CheckedGame, mu, weights: Mapping[str, Fraction], key: str) -> bool:
    """True if ``cert`` proves efficiency over the states of ``weights``, False if it proves inefficiency."""
    cert = table(cert, key)
    kind = cert.get("certificate")
    if kind == "efficient-outcome":
        n = vec(cert.get("normal"), f"{key}/normal", len(g.players))
        expect(all(x > 0 for x in n), f"{key}/normal", "the normal is not strictly positive")
        for w in weights:
            base = _state_payoff(g, w, mu[w])
            for a in g.actions:
                dev = sum((ni * (x - y) for ni, x, y in zip(n, g.payoffs[w][a], base)), Fraction(0))
                expect(dev <= 0, f"{key}/normal", lambda: f"the deviation to {a} in state {w} improves along n")
        return True
    if kind == "dominated-outcome":
        better = table(cert.get("better"), f"{key}/better")
        expect(set(better) == set(weights), f"{key}/better", "needs one distribution per state considered")
        k = len(g.players)
        u, v = [Fraction(0)] * k, [Fraction(0)] * k
        for w, pw in weights.items():
            at_mu, at_better = _state_payoff(g, w, mu[w]), _state_payoff(g, w, _dist(better[w], g, f"{key}/better/{w}"))
            for i in range(k):
                u[i] += pw * at_mu[i]
                v[i] += pw * at_better[i]
        expect(all(y >= x for x, y in zip(u, v)) and any(y > x for x, y in zip(u, v)), f"{key}/better",
               "the outcome does not Pareto-dominate mu")
        return False
    raise CheckFailure(key, f"expected an efficient-outcome or dominated-outcome certificate, found {kind!r}")


def check_efficiency(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check an efficiency document; return the keys proved.

    The game's outcome ``mu`` at the prior used (interior) is judged by ``certificate`` (all
    states, weights ``p``) and by ``ex_post_certificates/<w>`` (one state each), as in the module
    text; ``common_normal`` (or null, only when the outcome is inefficient) decides
    ``compatible``; the remaining keys are recomputed from ``mu``.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``game`` or ``sender-receiver``, with an outcome).
    options : mapping
        the document's options.

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...     "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}, "outcome": {"w": {"x": 1}}})
    >>> n = {"certificate": "efficient-outcome", "normal": ["1", "1"]}     # n . (u(y) - u(x)) = 0 <= 0
    >>> doc = {"prior": ["1"], "certificate": n, "efficient": True, "ex_post_efficient": {"w": True},
    ...        "ex_post_certificates": {"w": n}, "common_normal": ["1", "1"], "compatible": True,
    ...        "support": {"w": ["x"]}, "actions_taken": 1, "bound": 3, "within_bound": True, "class": "pure",
    ...        "payoff": ["1", "0"], "players": ["sender", "receiver"]}
    >>> len(check_efficiency(doc, g, {}))
    12
    >>> check_efficiency({**doc, "certificate": {**n, "normal": ["1", "2"]}}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: certificate/normal: the deviation to y in state w improves along n
    """
    expect(g.kind in ("game", "sender-receiver"), "game/kind", "efficiency needs a game or sender-receiver game")
    mu = g.outcome
    if mu is None:
        raise CheckFailure("game/outcome", "the game has no outcome")
    p = prior_of(options, g)
    expect(all(x > 0 for x in p), "options/prior", "efficiency needs an interior prior")
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    weights = dict(zip(g.states, p))
    eff = _verdict(lookup(doc, "certificate"), g, mu, weights, "certificate")
    expect_equal("efficient", lookup(doc, "efficient"), eff)
    claimed = table(lookup(doc, "ex_post_efficient"), "ex_post_efficient")
    certs = table(lookup(doc, "ex_post_certificates"), "ex_post_certificates")
    expect(set(claimed) == set(g.states) == set(certs), "ex_post_efficient", "needs one verdict and one certificate per state")
    proved_ex_post = {w: _verdict(certs[w], g, mu, {w: Fraction(1)}, f"ex_post_certificates/{w}") for w in g.states}
    expect_equal("ex_post_efficient", dict(claimed), proved_ex_post)
    common = lookup(doc, "common_normal")
    if common is None:
        expect(not eff, "common_normal", "null, but the outcome is efficient (its normal is a common normal)")
        compatible = False  # the dominating outcome of 'certificate' disproves a common positive normal
    else:
        vec(common, "common_normal", len(g.players))
        _verdict({"certificate": "efficient-outcome", "normal": common}, g, mu, weights, "common_normal")
        compatible = True
    expect_equal("compatible", lookup(doc, "compatible"), compatible)
    support = {w: sorted(mu[w]) for w in g.states}
    expect_equal("support", {w: list(v) for w, v in table(lookup(doc, "support"), "support").items()}, support)
    taken = sum(len(s) for s in support.values())
    bound = len(g.players) + len(g.states)
    expect_equal("actions_taken", lookup(doc, "actions_taken"), taken)
    expect_equal("bound", lookup(doc, "bound"), bound)
    expect_equal("within_bound", lookup(doc, "within_bound"), taken < bound)
    sizes = sorted(len(s) for s in support.values())
    cls = "pure" if sizes[-1] == 1 else ("quasi-pure" if sizes[-1] == 2 and sizes.count(1) == len(sizes) - 1 else "mixed")
    expect_equal("class", lookup(doc, "class"), cls)
    k = len(g.players)
    pay = [Fraction(0)] * k
    for w, pw in weights.items():
        for i, x in enumerate(_state_payoff(g, w, mu[w])):
            pay[i] += pw * x
    expect_equal("payoff", vec(lookup(doc, "payoff"), "payoff"), tuple(pay))
    expect_equal("players", lookup(doc, "players"), list(g.players))
    return ["prior", "efficient", "ex_post_efficient", "compatible", "common_normal", "support", "actions_taken", "bound",
            "within_bound", "class", "payoff", "players"]
