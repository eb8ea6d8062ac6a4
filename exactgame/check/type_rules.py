r"""Checks of the ``corollary_1`` key (``efficiency GAME --rule RULE``; 000_2cf035f6c25283ea.txt, Corollary 1).

From the options (``types`` :math:`\pi(t\mid\omega)` and ``rule`` :math:`\sigma(t, \omega)` or
``strategies`` :math:`\sigma_i(t_i)`) the checker rebuilds the induced outcome
:math:`\mu(a\mid\omega) = \sum_t \pi(t\mid\omega)[\sigma(t,\omega) = a]` and requires it to be the game's
outcome (the one the rest of the document is about), then recomputes Corollary 1's hypotheses:
full support of :math:`\pi` over the type set (every named profile for (i); the product of the
players' type sets for (ii)) and an interior prior, condition (i) (at least ``k`` states where
two type profiles get different profiles) or (ii) (with ``q`` players using two or more actions,
:math:`|\Omega|(2^q - 1) \ge k`), and ``consistent`` (no condition holds, or the outcome is
inefficient, as the efficiency certificate proved).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import CheckFailure, expect, expect_equal, lookup, num, table
from .games import CheckedGame, product

__all__ = ["check_rule"]


def _support(out: dict, g: CheckedGame, types: Mapping[str, Mapping[str, Fraction]], profiles: list, split: bool) -> None:
    missing = [(w, t) for w in g.states for t in profiles if types[w].get(t, Fraction(0)) <= 0]
    out["full_support"] = not missing and out["interior_prior"]
    if missing:
        out["missing"] = [[w, t.split("|") if split else t] for w, t in missing[:5]]


def check_rule(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any], mu, efficient: bool) -> None:
    """Check ``corollary_1`` against the rule in the options (module doc).

    Parameters
    ----------
    doc : mapping
        the efficiency document.
    g : CheckedGame
        the game (its outcome is ``mu``).
    options : mapping
        with ``types`` and ``rule`` or ``strategies``.
    mu : mapping
        the game's outcome, state -> {profile: probability}.
    efficient : bool
        the proved efficiency verdict of ``mu``.

    Raises
    ------
    CheckFailure
        at ``options/...`` or ``corollary_1`` when a part does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "game", "states": ["w"], "prior": ["1"], "players": ["A", "B"], "profiles": ["x,l", "y,r"],
    ...                "payoffs": {"w": {"x,l": ["2", "0"], "y,r": ["0", "2"]}}, "outcome": {"w": {"x,l": "1"}}})
    >>> check_rule({}, g, {"types": {"w": {"a|c": "1"}}, "rule": {"w": {"a|c": "y,r"}}}, g.outcome, True)
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: options/rule: the rule does not induce the game's outcome
    """
    types = {w: {t: num(q, f"options/types/{w}/{t}") for t, q in table(table(options["types"], "options/types").get(w), f"options/types/{w}").items()}
             for w in g.states}
    k = len(g.players)
    out: dict[str, Any] = {"k": k, "interior_prior": all(x > 0 for x in g.prior)}
    induced: dict[str, dict[str, Fraction]] = {w: {} for w in g.states}
    if options.get("rule") is not None:
        rule = table(options["rule"], "options/rule")
        for w in g.states:
            for t, q in types[w].items():
                a = table(rule.get(w), f"options/rule/{w}").get(t)
                if not isinstance(a, str) or a not in g.actions:
                    raise CheckFailure(f"options/rule/{w}/{t}", "not a profile of the game")
                induced[w][a] = induced[w].get(a, Fraction(0)) + q
        _support(out, g, types, sorted({t for w in g.states for t in types[w]}, key=lambda t: repr(t)), False)
        varying = [w for w in g.states if len({rule[w][t] for t in types[w]}) > 1]
        out["condition_i"] = {"states_with_type_dependent_profiles": varying, "holds": out["full_support"] and len(varying) >= k}
    else:
        strat = lookup(options, "strategies")
        expect(isinstance(strat, list) and len(strat) == k, "options/strategies", "needs one table per player")
        s = [table(x, f"options/strategies/{i}") for i, x in enumerate(strat)]
        for w in g.states:
            for t, q in types[w].items():
                parts = t.split("|")
                expect(len(parts) == k and all(p in s[i] for i, p in enumerate(parts)), f"options/types/{w}/{t}",
                       "not a type profile of the strategies")
                a = ",".join(s[i][p] for i, p in enumerate(parts))
                expect(a in g.actions, f"options/types/{w}/{t}", "its actions form no profile of the game")
                induced[w][a] = induced[w].get(a, Fraction(0)) + q
        profiles = ["|".join(t) for t in product([sorted(x, key=lambda y: repr(y)) for x in s])]
        _support(out, g, types, profiles, True)
        nq = sum(1 for x in s if len(set(x.values())) > 1)
        out["condition_ii"] = {"q": nq, "holds": out["full_support"] and len(g.states) * (2 ** nq - 1) >= k}
    expect(induced == {w: dict(mu[w]) for w in g.states}, "options/rule", "the rule does not induce the game's outcome")
    out["consistent"] = not any(c.get("holds") for key, c in out.items() if key.startswith("condition_")) or not efficient
    expect_equal("corollary_1", lookup(doc, "corollary_1"), out)
