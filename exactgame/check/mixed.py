r"""Checks of ``cheaptalk --mixed`` documents (000_2cf035f6c25283ea.txt, Definition 5, Proposition 3).

Every listed equilibrium's profile and beliefs are checked against Definition 5 from the game
(:func:`exactgame.check.cheaptalk.definition_5`, any sender payoffs); its outcome, both payoffs and
``pure`` are recomputed from the profile, and ``efficient`` by its efficiency certificate
(:mod:`exactgame.check.efficiency`; null on a boundary prior). ``proposition_3`` is recomputed
from the listed verdicts. Whether the list is complete is not checked (the document says so).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .cheaptalk import _strategy, definition_5
from .core import expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from .games import CheckedGame, prior_of

__all__ = ["check_mixed"]


def _one(doc_eq: Mapping[str, Any], cert: Mapping[str, Any], g: CheckedGame, p, key: str) -> tuple[bool, bool | None]:
    """Check one listed equilibrium; return (pure, efficient)."""
    S, A = g.states, g.actions
    sender = {w: dict(zip(A, g.sender[w])) for w in S}
    tau, sigma, _ = definition_5(cert.get("equilibrium"), g, sender, p, f"certificates/{key}/equilibrium")
    expect_equal(f"{key}/tau", _strategy(doc_eq.get("tau"), f"{key}/tau", A), tau)
    expect_equal(f"{key}/sigma", _strategy(doc_eq.get("sigma"), f"{key}/sigma", list(tau)), sigma)
    expect_equal(f"{key}/messages", doc_eq.get("messages"), len(tau))
    outcome: dict[str, dict[str, Fraction]] = {w: {} for w in S}
    for w in S:
        for m, x in sigma[w].items():
            for a, y in tau[m].items():
                outcome[w][a] = outcome[w].get(a, Fraction(0)) + x * y
    expect_equal(f"{key}/outcome", _strategy(doc_eq.get("outcome"), f"{key}/outcome", A), outcome)
    for i, who in enumerate(("sender", "receiver")):
        pay = g.sender if i == 0 else g.receiver
        u = sum((pw * q * pay[w][A.index(a)] for w, pw in zip(S, p) for a, q in outcome[w].items()), Fraction(0))
        expect_equal(f"{key}/{who}_payoff", num(doc_eq.get(f"{who}_payoff"), f"{key}/{who}_payoff"), u)
    pure = all(len(outcome[w]) == 1 for w, pw in zip(S, p) if pw)
    expect_equal(f"{key}/pure", doc_eq.get("pure"), pure)
    eff = None
    if all(p):
        two = CheckedGame("sender-receiver", S, p, A, ("sender", "receiver"),
                          payoffs={w: {a: (g.sender[w][j], g.receiver[w][j]) for j, a in enumerate(A)} for w in S})
        eff = _verdict(cert.get("efficiency"), two, outcome, dict(zip(S, p)), f"certificates/{key}/efficiency")
    expect_equal(f"{key}/efficient", doc_eq.get("efficient"), eff)
    return pure, eff


def check_mixed(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Check a ``cheaptalk --mixed`` document; return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``sender-receiver``).
    options : mapping
        ``prior`` and ``mixed`` (the message bound).

    Returns
    -------
    tuple of three lists of str
        the keys proved (``prior``, ``max_messages``, ``equilibria``, ``proposition_3``), none
        delegated, and ``proposition_3`` again when it is true (then proved only given the list's
        completeness, which is exactgame's enumeration: the claim must be conditional).


    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...                "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}})
    >>> eq = {"messages": 1, "sigma": {"w": {"m0": "1"}}, "tau": {"m0": {"y": "1"}}, "outcome": {"w": {"y": "1"}},
    ...       "sender_payoff": "0", "receiver_payoff": "1", "pure": True, "efficient": True}
    >>> cert = {"equilibrium": {"sigma": eq["sigma"], "tau": eq["tau"], "beliefs": {"m0": ["1"]}},
    ...         "efficiency": {"certificate": "efficient-outcome", "normal": ["1", "1"]}}
    >>> doc = {"prior": ["1"], "max_messages": 1, "equilibria": [eq], "proposition_3": True,
    ...        "certificates": {"equilibria": [cert]}}
    >>> check_mixed(doc, g, {"mixed": 1})      # 'true' is proved only given the list's completeness
    (['prior', 'max_messages', 'equilibria', 'proposition_3'], [], ['proposition_3'])
    """
    p = prior_of(options, g)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    bound = num(options.get("mixed"), "options/mixed")
    expect_equal("max_messages", num(lookup(doc, "max_messages"), "max_messages"), bound)
    eqs, certs = lookup(doc, "equilibria"), lookup(doc, "certificates/equilibria")
    expect(isinstance(eqs, list) and isinstance(certs, list) and len(eqs) == len(certs), "equilibria",
           "needs one certificate per listed equilibrium")
    verdicts = []
    for i, (e, c) in enumerate(zip(eqs, certs)):
        e, c = table(e, f"equilibria/{i}"), table(c, f"certificates/equilibria/{i}")
        expect(num(e.get("messages"), f"equilibria/{i}/messages") <= bound, f"equilibria/{i}/messages", "more messages than the bound")
        verdicts.append(_one(e, c, g, p, f"equilibria/{i}"))
    prop3 = all(pure for pure, eff in verdicts if eff) if all(p) else None
    expect_equal("proposition_3", lookup(doc, "proposition_3"), prop3)
    # 'true' is about every equilibrium: proved only given the (unchecked) completeness of the list
    return ["prior", "max_messages", "equilibria", "proposition_3"], [], (["proposition_3"] if prop3 else [])
