r"""Corollary 1 from a file: outcomes of type-contingent rules (000_2cf035f6c25283ea.txt, Section 2).

``exactgame efficiency GAME --rule RULE`` reads a rule file and studies the outcome it induces
in the game (kind ``game`` or ``sender-receiver``) instead of the game's ``[outcome]``::

    # types: pi(t | w), type profiles named "t1|t2|..." (one type per player)
    [types.w0]
    "a|c" = "1/2"
    "b|d" = "1/2"
    # either (i) a rule sigma(t, w) -> profile, per state ...
    [rule.w0]
    "a|c" = "x,l"
    "b|d" = "y,r"
    # ... or (ii) one strategy per player, type -> action (the profile is the actions joined by ",")
    # strategies = [{ a = "x", b = "y" }, { c = "l", d = "r" }]

The outcome is :math:`\mu(a\mid\omega) = \sum_t \pi(t\mid\omega)[\sigma(t,\omega) = a]`
(:func:`~exactgame.efficiency.induced_outcome`, :func:`~exactgame.efficiency.strategies_outcome`);
the document is the efficiency document of that outcome plus ``corollary_1``
(:func:`~exactgame.efficiency.corollary_1`: full support of :math:`\pi`, condition (i) or (ii)),
and the options carry ``types`` and ``rule`` / ``strategies``, so the checker rebuilds the outcome
from them and compares it with the game's. Corollary 1's conclusion is generic (inefficiency
for generic payoffs); the efficiency verdict of this game is certified either way, and
``corollary_1/consistent`` says whether the two agree (a disagreement marks a non-generic game).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

from .efficiency import _as_game, corollary_1, efficiency_report, induced_outcome, strategies_outcome
from .errors import InputError
from .games.model import Game
from .results import Report, certified

__all__ = ["read_rule", "rule_report"]


def read_rule(doc: Mapping[str, Any], game: Game) -> dict[str, Any]:
    """The rule file as exact options: ``types`` and ``rule`` or ``strategies``.

    Parameters
    ----------
    doc : mapping
        the parsed rule file.
    game : Game
        the game (its states name the tables).

    Returns
    -------
    dict
        ``{"types": {w: {profile name: "p/q"}}, "rule": {w: {profile name: action profile}}}`` or
        ``{"types": ..., "strategies": [{type: action}, ...]}``.

    Raises
    ------
    InputError
        for a missing or unknown key, a table that is not one per state, or both (i) and (ii).

    >>> g = Game(["w"], [1], ["A", "B"], ["x,l", "y,r"], {"w": {"x,l": (2, 0), "y,r": (0, 2)}})
    >>> read_rule({"types": {"w": {"a|c": "1/2", "b|d": "1/2"}}, "strategies": [{"a": "x", "b": "y"}, {"c": "l", "d": "r"}]}, g)["strategies"]
    [{'a': 'x', 'b': 'y'}, {'c': 'l', 'd': 'r'}]
    """
    unknown = set(doc) - {"types", "rule", "strategies", "title", "description"}
    if unknown:
        raise InputError(f"rule file: unknown key(s) {', '.join(sorted(unknown))}; known: types, rule, strategies")
    if ("rule" in doc) == ("strategies" in doc):
        raise InputError("rule file: give exactly one of 'rule' (Corollary 1 (i)) and 'strategies' (Corollary 1 (ii))")
    types = doc.get("types")
    if not isinstance(types, Mapping) or set(types) != set(game.states) or not all(isinstance(t, Mapping) for t in types.values()):
        raise InputError("rule file: 'types' needs one table per state of the game: type profile -> probability", where="types")
    out: dict[str, Any] = {"types": {w: {str(t): str(q) for t, q in types[w].items()} for w in game.states}}
    if "rule" in doc:
        rule = doc["rule"]
        if not isinstance(rule, Mapping) or any(not isinstance(rule.get(w), Mapping) or set(rule[w]) != set(types[w])
                                                 for w in game.states):
            raise InputError("rule file: 'rule' needs, per state, a profile for every type profile of 'types'", where="rule")
        out["rule"] = {w: {str(t): str(a) for t, a in rule[w].items()} for w in game.states}
    else:
        s = doc["strategies"]
        if not isinstance(s, list) or len(s) != game.k or not all(isinstance(x, Mapping) for x in s):
            raise InputError(f"rule file: 'strategies' needs one table per player ({game.k}): type -> action", where="strategies")
        out["strategies"] = [{str(t): str(a) for t, a in x.items()} for x in s]
    return out


def _outcome_and_corollary(game: Game, spec: Mapping[str, Any]):
    types = spec["types"]
    if "rule" in spec:
        rule = {(t, w): a for w, row in spec["rule"].items() for t, a in row.items()}
        return induced_outcome(game, types, rule), corollary_1(game, types, rule=rule)
    tuples = {w: {tuple(t.split("|")): q for t, q in row.items()} for w, row in types.items()}
    if any(len(t) != game.k for row in tuples.values() for t in row):
        raise InputError(f"rule file: a type profile does not name one type per player ({game.k})", where="types")
    try:
        out = strategies_outcome(game, tuples, spec["strategies"])
    except KeyError as exc:
        raise InputError(f"rule file: 'strategies' has no action for type {exc.args[0]!r}", where="strategies") from None
    return out, corollary_1(game, tuples, strategies=spec["strategies"])


def rule_report(game: Any, rule_doc: Mapping[str, Any], prior: Sequence[Any] | None = None) -> Report:
    """``efficiency GAME --rule RULE``: the efficiency report of the induced outcome plus Corollary 1.

    Parameters
    ----------
    game : Game or SenderReceiverGame
        the game.
    rule_doc : mapping
        the parsed rule file (module doc).
    prior : sequence, optional
        an interior prior; the game's if None.

    Returns
    -------
    Report
        command ``efficiency`` with options ``prior``, ``types`` and ``rule`` or ``strategies``.

    Raises
    ------
    InputError
        for a malformed rule file or an induced outcome that is not one (e.g. types not summing to 1).

    >>> g = Game(["w"], [1], ["A", "B"], ["x,l", "x,r", "y,l", "y,r"],
    ...          {"w": {"x,l": (2, 0), "x,r": (0, 0), "y,l": (0, 0), "y,r": (0, 2)}})
    >>> doc = {"types": {"w": {"a|c": "1/2", "b|d": "1/2"}}, "strategies": [{"a": "x", "b": "y"}, {"c": "l", "d": "r"}]}
    >>> r = rule_report(g, doc)
    >>> r.body["corollary_1"]["full_support"], r.body["efficient"]
    (False, True)
    """
    g = _as_game(game)
    spec = read_rule(rule_doc, g)
    out, cor = _outcome_and_corollary(g, spec)
    rep = efficiency_report(replace(g, outcome=out, _cache={}), prior)
    body = dict(rep.body)
    cor["consistent"] = not any(c.get("holds") for k, c in cor.items() if k.startswith("condition_")) or not body["efficient"]
    body["corollary_1"] = cor
    claims = rep.claims + (certified("corollary_1", proves="Corollary 1's hypotheses, recomputed from the rule file's types "
                                     "and rule; 'consistent' from the certified efficiency verdict"),)
    held = [k for k, c in cor.items() if k.startswith("condition_") and c.get("holds")]
    lines = rep.lines + (f"Corollary 1: full support {'yes' if cor['full_support'] else 'no'}; "
                         + (f"{', '.join(held)} holds: generically inefficient" if held else "its hypotheses fail")
                         + ("" if cor["consistent"] else " -- but this outcome is efficient: a non-generic game"),)
    return replace(rep, options={**rep.options, **spec}, body=body, claims=claims, lines=lines)
