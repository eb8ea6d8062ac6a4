r"""The checker's own reading of a canonical game (``doc["game"]``), independent of the loaders.

Only what the checks need is read, with exact numbers; a malformed game is a
:class:`~exactgame.check.core.CheckFailure` at the key ``game/...``. The hash is recomputed
here too: SHA-256 of the canonical JSON text (sorted keys, no spaces, UTF-8).

>>> g = read_game({"kind": "sender-receiver", "states": ["a", "b"], "actions": ["x"], "prior": ["1/2", "1/2"],
...                "payoffs": {"sender": {"a": [1], "b": [2]}, "receiver": {"a": [0], "b": [0]}}})
>>> g.kind, g.sender["b"]
('sender-receiver', (Fraction(2, 1),))
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from .core import CheckFailure, expect, num, table, vec

__all__ = ["CheckedGame", "read_game", "digest", "prior_of"]

Vector = tuple[Fraction, ...]


def digest(canon: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON text of a canonical game."""
    text = json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CheckedGame:
    """The parts of a game the checks use (each kind fills its own fields)."""

    kind: str
    states: tuple[str, ...] = ()
    prior: Vector = ()
    actions: tuple[str, ...] = ()          # receiver actions / profiles
    players: tuple[str, ...] = ()
    sender: dict[str, Vector] = field(default_factory=dict)      # state -> per action
    receiver: dict[str, Vector] = field(default_factory=dict)    # state -> per action
    payoffs: dict[str, dict[str, Vector]] = field(default_factory=dict)  # game: state -> profile -> vector;
    agents: tuple[str, ...] = ()                                  # bargaining: agent -> state -> per action
    disagreement: Any = None
    outcome: dict[str, dict[str, Fraction]] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict)


def _names(values: Any, key: str) -> tuple[str, ...]:
    expect(isinstance(values, list) and values and all(isinstance(v, str) for v in values), key, "expected a list of names")
    expect(len(set(values)) == len(values), key, "repeated names")
    return tuple(values)


def _prob(values: Any, key: str, n: int) -> Vector:
    p = vec(values, key, n)
    expect(all(x >= 0 for x in p) and sum(p) == 1, key, "not a probability vector")
    return p


def prior_of(options: Mapping[str, Any], game: CheckedGame) -> Vector:
    """The prior the result was computed at: ``options["prior"]``, else the game's."""
    if options.get("prior") is None:
        return game.prior
    return _prob(options["prior"], "options/prior", len(game.states))


def _rows(t: Any, states, n: int, key: str) -> dict[str, Vector]:
    t = table(t, key)
    expect(set(t) == set(states), key, "the rows are not exactly the states")
    return {w: vec(t[w], f"{key}/{w}", n) for w in states}


def _outcome(t: Any, states, profiles, key: str) -> dict[str, dict[str, Fraction]]:
    t = table(t, key)
    expect(set(t) == set(states), key, "the outcome must have one distribution per state")
    out = {}
    for w in states:
        row = table(t[w], f"{key}/{w}")
        expect(set(row) <= set(profiles), f"{key}/{w}", "unknown profile")
        d = {a: num(q, f"{key}/{w}/{a}") for a, q in row.items()}
        expect(all(q >= 0 for q in d.values()) and sum(d.values()) == 1, f"{key}/{w}", "not a distribution")
        out[w] = {a: q for a, q in d.items() if q}
    return out


def read_game(canon: Any) -> CheckedGame:
    """Read a canonical game of kind sender-receiver, game, bargaining or multi-receiver."""
    g = table(canon, "game")
    kind = g.get("kind")
    out = CheckedGame(kind=kind, raw=g)
    if kind in ("sender-receiver", "game", "bargaining", "multi-receiver"):
        out.states = _names(g.get("states"), "game/states")
        out.prior = _prob(g.get("prior"), "game/prior", len(out.states))
    if kind == "sender-receiver":
        out.actions = _names(g.get("actions"), "game/actions")
        out.players = ("sender", "receiver")
        pay = table(g.get("payoffs"), "game/payoffs")
        out.sender = _rows(pay.get("sender"), out.states, len(out.actions), "game/payoffs/sender")
        out.receiver = _rows(pay.get("receiver"), out.states, len(out.actions), "game/payoffs/receiver")
        out.payoffs = {w: {a: (out.sender[w][j], out.receiver[w][j]) for j, a in enumerate(out.actions)} for w in out.states}
    elif kind == "game":
        out.players = _names(g.get("players"), "game/players")
        out.actions = _names(g.get("profiles"), "game/profiles")
        pay = table(g.get("payoffs"), "game/payoffs")
        expect(set(pay) == set(out.states), "game/payoffs", "the tables are not exactly the states")
        for w in out.states:
            t = table(pay[w], f"game/payoffs/{w}")
            expect(set(t) == set(out.actions), f"game/payoffs/{w}", "the rows are not exactly the profiles")
            out.payoffs[w] = {a: vec(t[a], f"game/payoffs/{w}/{a}", len(out.players)) for a in out.actions}
    elif kind == "bargaining":
        out.actions = _names(g.get("actions"), "game/actions")
        out.agents = _names(g.get("agents"), "game/agents")
        pay = table(g.get("payoffs"), "game/payoffs")
        out.receiver = _rows(pay.get("receiver"), out.states, len(out.actions), "game/payoffs/receiver")
        out.payoffs = {i: _rows(pay.get(i), out.states, len(out.actions), f"game/payoffs/{i}") for i in out.agents}
        spec = g.get("disagreement", "full-information")
        if isinstance(spec, str):
            expect(spec in ("full-information", "no-information"), "game/disagreement", lambda: f"unknown disagreement {spec!r}")
            out.disagreement = spec
        else:
            out.disagreement = _outcome(spec, out.states, out.actions, "game/disagreement")
    elif kind == "multi-receiver":
        out.players = _names(g.get("receivers"), "game/receivers")
        out.raw = g
    else:
        raise CheckFailure("game/kind", f"the independent checker does not read games of kind {kind!r}")
    if kind in ("sender-receiver", "game") and g.get("outcome") is not None:
        out.outcome = _outcome(g["outcome"], out.states, out.actions, "game/outcome")
    return out
