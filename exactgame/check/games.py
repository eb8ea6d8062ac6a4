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

from ..numbers import Vector
from .core import CheckFailure, expect, num, table, vec

__all__ = ["CheckedGame", "read_game", "digest", "prior_of", "peer_values", "product"]



def digest(canon: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON text of a canonical game.

    The text is ``json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``
    in UTF-8 (the same as :func:`exactgame.results.game_digest`, written again here).

    Parameters
    ----------
    canon : mapping
        the canonical game.

    Returns
    -------
    str
        64 hex digits.

    >>> digest({"b": "1", "a": ["é"]}) == digest({"a": ["é"], "b": "1"}), len(digest({}))
    (True, 64)
    """
    text = json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class CheckedGame:
    """The parts of a game the checks use (each kind fills its own fields).

    Payoff vectors are indexed as in the game file: ``sender[w][j]`` is the sender's payoff
    in state ``w`` at action ``actions[j]``; ``payoffs[w][profile]`` one entry per player.
    Built by :func:`read_game`; the fields are documented where they are declared.

    >>> g = CheckedGame("acquisition", states=("lo", "hi"), prior=(Fraction(1, 2), Fraction(1, 2)))
    >>> g.kind, g.prior, g.outcome
    ('acquisition', (Fraction(1, 2), Fraction(1, 2)), None)
    """

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
    priors: tuple[Vector, ...] = ()                               # dialogue: (Sally's, Bob's)
    utilities: dict[tuple[int, int], tuple[tuple[Fraction, Fraction], ...]] = field(default_factory=dict)
    values: dict[str, Vector] = field(default_factory=dict)       # acquisition: player -> value per state
    costs: dict[str, Fraction] = field(default_factory=dict)      # acquisition: player -> kappa


def _names(values: Any, key: str) -> tuple[str, ...]:
    expect(isinstance(values, list) and values and all(isinstance(v, str) for v in values), key, "expected a list of names")
    expect(len(set(values)) == len(values), key, "repeated names")
    return tuple(values)


def _prob(values: Any, key: str, n: int) -> Vector:
    p = vec(values, key, n)
    expect(all(x >= 0 for x in p) and sum(p) == 1, key, "not a probability vector")
    return p


def prior_of(options: Mapping[str, Any], game: CheckedGame) -> Vector:
    """The prior the result was computed at: ``options["prior"]``, else the game's.

    Parameters
    ----------
    options : mapping
        the document's options.
    game : CheckedGame
        the game read by :func:`read_game`.

    Returns
    -------
    Vector
        a probability vector, one entry per state.

    Raises
    ------
    CheckFailure
        at ``options/prior`` if it is not a probability vector over the states.

    >>> g = CheckedGame("sender-receiver", states=("a", "b"), prior=(Fraction(1, 2), Fraction(1, 2)))
    >>> prior_of({}, g), prior_of({"prior": ["1/3", "2/3"]}, g)
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 3), Fraction(2, 3)))
    """
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


def _dialogue(g: Mapping[str, Any], out: CheckedGame) -> None:
    """A dialogue game: ``payoffs.<sally|bob>.<sally type>.<bob type>`` = one payoff per action."""
    ts, tb = _names(g.get("sally_types"), "game/sally_types"), _names(g.get("bob_types"), "game/bob_types")
    out.actions = _names(g.get("actions"), "game/actions")
    out.players = ("sally", "bob")
    out.priors = (_prob(g.get("sally_prior"), "game/sally_prior", len(ts)), _prob(g.get("bob_prior"), "game/bob_prior", len(tb)))
    pay = table(g.get("payoffs"), "game/payoffs")
    rows = {}
    for who in out.players:
        t = table(pay.get(who), f"game/payoffs/{who}")
        expect(set(t) == set(ts), f"game/payoffs/{who}", "the tables are not exactly Sally's types")
        rows[who] = {s: _rows(t[s], tb, len(out.actions), f"game/payoffs/{who}/{s}") for s in ts}
    out.utilities = {(i, j): tuple(zip(rows["sally"][s][b], rows["bob"][s][b])) for i, s in enumerate(ts) for j, b in enumerate(tb)}


def _bilateral_trade(g: Mapping[str, Any], out: CheckedGame) -> None:
    r"""Bilateral trade (Section 2.2): prices are the buyer's values or "no sale"; types sorted
    increasingly; :math:`u_S = (a - c) 1\{v \ge a\}`, :math:`u_B = (v - a) 1\{v \ge a\}`."""
    sides = []
    for types, prior in (("seller_costs", "seller_prior"), ("buyer_values", "buyer_prior")):
        xs = vec(g.get(types), f"game/{types}")
        expect(xs and len(set(xs)) == len(xs), f"game/{types}", "expected distinct numbers")
        sides.append(sorted(zip(xs, _prob(g.get(prior), f"game/{prior}", len(xs)))))
    (cs, vs), zero = sides, Fraction(0)
    prices = [v for v, _ in vs]
    out.players = ("seller", "buyer")
    out.actions = tuple(str(a) for a in prices) + ("no sale",)
    out.priors = (tuple(w for _, w in cs), tuple(w for _, w in vs))
    out.utilities = {(i, j): tuple([((a - c, v - a) if v >= a else (zero, zero)) for a in prices] + [(zero, zero)])
                     for i, (c, _) in enumerate(cs) for j, (v, _) in enumerate(vs)}


def _sender_receiver(g: Mapping[str, Any], out: CheckedGame) -> None:
    out.actions = _names(g.get("actions"), "game/actions")
    out.players = ("sender", "receiver")
    pay = table(g.get("payoffs"), "game/payoffs")
    out.sender = _rows(pay.get("sender"), out.states, len(out.actions), "game/payoffs/sender")
    out.receiver = _rows(pay.get("receiver"), out.states, len(out.actions), "game/payoffs/receiver")
    out.payoffs = {w: {a: (out.sender[w][j], out.receiver[w][j]) for j, a in enumerate(out.actions)} for w in out.states}


def _game(g: Mapping[str, Any], out: CheckedGame) -> None:
    out.players = _names(g.get("players"), "game/players")
    out.actions = _names(g.get("profiles"), "game/profiles")
    pay = table(g.get("payoffs"), "game/payoffs")
    expect(set(pay) == set(out.states), "game/payoffs", "the tables are not exactly the states")
    for w in out.states:
        t = table(pay[w], f"game/payoffs/{w}")
        expect(set(t) == set(out.actions), f"game/payoffs/{w}", "the rows are not exactly the profiles")
        out.payoffs[w] = {a: vec(t[a], f"game/payoffs/{w}/{a}", len(out.players)) for a in out.actions}


def _bargaining(g: Mapping[str, Any], out: CheckedGame) -> None:
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


def _multi_receiver(g: Mapping[str, Any], out: CheckedGame) -> None:
    out.players = _names(g.get("receivers"), "game/receivers")
    out.raw = g


def _acquisition(g: Mapping[str, Any], out: CheckedGame) -> None:
    vals, cost = table(g.get("values"), "game/values"), table(g.get("cost"), "game/cost")
    out.players = ("buyer", "seller")
    out.values = {p: vec(vals.get(p), f"game/values/{p}", len(out.states)) for p in out.players}
    out.costs = {p: num(cost.get(p), f"game/cost/{p}") for p in out.players}
    expect(all(k > 0 for k in out.costs.values()), "game/cost", "information costs must be positive")


#: The checker's own limit on the type profiles of an action-types game.
MAX_PROFILES = 20_000


def _action_types(g: Mapping[str, Any], out: CheckedGame) -> None:
    """Expand the type profiles: state ``"t1,...,tn"`` (lexicographic in ``types``), s = xi, r = rho of each action's type."""
    out.actions = _names(g.get("actions"), "game/actions")
    types = _names(g.get("types"), "game/types")
    expect(not any("," in t for t in types), "game/types", "a type name contains ','")
    n, m = len(out.actions), len(types)
    expect(m ** n <= MAX_PROFILES, "game/types", lambda: f"{m}^{n} type profiles, more than the checker's limit {MAX_PROFILES}")
    pay = table(g.get("payoffs"), "game/payoffs")
    expect(set(pay) == set(types), "game/payoffs", "the rows are not exactly the types")
    xr = {t: vec(pay[t], f"game/payoffs/{t}", 2) for t in types}
    profiles: list[tuple[str, ...]] = [()]
    for _ in range(n):
        profiles = [th + (t,) for th in profiles for t in types]
    out.states = tuple(",".join(th) for th in profiles)
    out.raw = {**g, "n": n, "type_names": types}
    if g.get("type_prior") is not None:
        expect(g.get("profile_prior") is None, "game/profile_prior", "both type_prior and profile_prior")
        q = dict(zip(types, _prob(g["type_prior"], "game/type_prior", m)))
        prior = []
        for th in profiles:
            x = Fraction(1)
            for t in th:
                x *= q[t]
            prior.append(x)
    else:
        pp = table(g.get("profile_prior"), "game/profile_prior")
        expect(set(pp) <= set(out.states), "game/profile_prior", "a key is not a type profile")
        prior = [num(pp[w], f"game/profile_prior/{w}") if w in pp else Fraction(0) for w in out.states]
        expect(all(x >= 0 for x in prior) and sum(prior) == 1, "game/profile_prior", "not a probability vector")
    out.prior = tuple(prior)
    out.players = ("sender", "receiver")
    out.sender = {",".join(th): tuple(xr[t][0] for t in th) for th in profiles}
    out.receiver = {",".join(th): tuple(xr[t][1] for t in th) for th in profiles}
    out.payoffs = {w: {a: (out.sender[w][j], out.receiver[w][j]) for j, a in enumerate(out.actions)} for w in out.states}


def peer_values(g: Mapping[str, Any]) -> list[dict[str, Fraction]]:
    """A peer-selection game's ``values``: per agent, type -> the principal's value in [-1, 1].

    Parameters
    ----------
    g : mapping
        the canonical game.

    Returns
    -------
    list of dict
        one table per agent (at least two agents, two types each).

    Raises
    ------
    CheckFailure
        at ``game/values`` for a malformed table.

    >>> peer_values({"values": [{"lo": "-1", "hi": "1"}, {"lo": "0", "hi": "1/2"}]})[1]["hi"]
    Fraction(1, 2)
    """
    vals = g.get("values")
    if not isinstance(vals, list) or len(vals) < 2:
        raise CheckFailure("game/values", "expected a list of at least two tables")
    out = []
    for i, v in enumerate(vals):
        t = table(v, f"game/values/{i}")
        expect(len(t) >= 2 and all(isinstance(x, str) and "|" not in x for x in t), f"game/values/{i}",
               "expected at least two type names without '|'")
        row = {x: num(q, f"game/values/{i}/{x}") for x, q in t.items()}
        expect(all(-1 <= q <= 1 for q in row.values()), f"game/values/{i}", "values must lie in [-1, 1]")
        out.append(row)
    return out


def product(lists: Any) -> list[tuple[str, ...]]:
    """All tuples with one entry from each list, the last varying fastest (itertools.product order).

    Parameters
    ----------
    lists : sequence of sequences
        the factors.

    Returns
    -------
    list of tuple
        the product (one empty tuple for no factors).

    >>> product([["a", "b"], ["x", "y"]])
    [('a', 'x'), ('a', 'y'), ('b', 'x'), ('b', 'y')]
    """
    out: list[tuple[str, ...]] = [()]
    for xs in lists:
        out = [t + (x,) for t in out for x in xs]
    return out


def _peer_selection(g: Mapping[str, Any], out: CheckedGame) -> None:
    """Peer selection (Section 3.2): states are type profiles ``t1|t2|...``; ``keep`` pays 0, ``agent{i}``
    pays the principal ``u_i(w_i)`` and agent i 1."""
    vals = peer_values(g)
    n = len(vals)
    out.agents = tuple(f"agent{i + 1}" for i in range(n))
    out.players = ("principal",) + out.agents
    out.actions = ("keep",) + out.agents
    out.states = tuple("|".join(w) for w in product([list(v) for v in vals]))
    prior = table(g.get("prior"), "game/prior")
    expect(set(prior) == set(out.states), "game/prior", "needs one probability per type profile")
    out.prior = tuple(num(prior[w], f"game/prior/{w}") for w in out.states)
    expect(all(q >= 0 for q in out.prior) and sum(out.prior) == 1, "game/prior", "not a probability vector")
    zero = Fraction(0)
    for w in out.states:
        types = w.split("|")
        row = {"keep": (zero,) * (n + 1)}
        for i, a in enumerate(out.agents):
            row[a] = (vals[i][types[i]],) + tuple(Fraction(int(j == i)) for j in range(n))
        out.payoffs[w] = row


def _buyer_seller(g: Mapping[str, Any], out: CheckedGame) -> None:
    r"""A threshold buyer-seller environment (eqs. (29)-(30)): states ``w0..wn``, actions ``0..n``;
    :math:`u_S(w, i) = u_S(i)`, :math:`u_S(0) = 0`; :math:`u_R(w, 0) = 0`, :math:`u_R(w_i, i) = 1 - T`,
    :math:`u_R(w, i) = -T` otherwise (so :math:`E_p u_R(i) = p_i - T`)."""
    us = vec(g.get("seller_payoffs"), "game/seller_payoffs")
    expect(len(us) >= 2 and all(x > 0 for x in us) and len(set(us)) == len(us), "game/seller_payoffs",
           "expected at least two positive, distinct payoffs")
    T = num(g.get("threshold"), "game/threshold")
    expect(Fraction(1, 2) < T < 1, "game/threshold", "the threshold must lie in (1/2, 1)")
    n = len(us)
    out.states = tuple(f"w{i}" for i in range(n + 1))
    out.actions = tuple(str(i) for i in range(n + 1))
    out.prior = _prob(g.get("prior"), "game/prior", n + 1)
    out.players = ("sender", "receiver")
    zero = Fraction(0)
    out.sender = {w: (zero,) + tuple(us) for w in out.states}
    out.receiver = {f"w{k}": (zero,) + tuple((1 - T) if k == i else -T for i in range(1, n + 1)) for k in range(n + 1)}
    out.payoffs = {w: {a: (out.sender[w][j], out.receiver[w][j]) for j, a in enumerate(out.actions)} for w in out.states}


#: The reader of each kind; the kinds with states read ``states`` and ``prior`` first.
_READERS = {"sender-receiver": _sender_receiver, "game": _game, "bargaining": _bargaining,
            "multi-receiver": _multi_receiver, "dialogue": _dialogue, "acquisition": _acquisition,
            "bilateral-trade": _bilateral_trade, "action-types": _action_types, "peer-selection": _peer_selection,
            "buyer-seller": _buyer_seller}


def read_game(canon: Any) -> CheckedGame:
    """Read a canonical game of kind sender-receiver, game, bargaining, multi-receiver, dialogue,
    bilateral-trade, acquisition or action-types (expanded into its type profiles).

    Names must be distinct strings, priors probability vectors, payoff tables exactly the
    states (rows) by actions, profiles or types; an ``outcome`` (sender-receiver, game) one
    distribution per state.

    Parameters
    ----------
    canon : any
        the document's ``game`` value.

    Returns
    -------
    CheckedGame
        the fields of its kind filled in (``raw`` holds ``canon``).

    Raises
    ------
    CheckFailure
        at ``game/...`` for a malformed game or a kind the checker does not read.

    >>> read_game({"kind": "bilateral-trade", "seller_costs": [0], "seller_prior": [1],
    ...            "buyer_values": [1, 2], "buyer_prior": ["1/2", "1/2"]}).actions
    ('1', '2', 'no sale')
    >>> read_game({"kind": "poker"})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: game/kind: the independent checker does not read games of kind 'poker'
    """
    g = table(canon, "game")
    kind = g.get("kind")
    if not isinstance(kind, str) or kind not in _READERS:
        raise CheckFailure("game/kind", f"the independent checker does not read games of kind {kind!r}")
    out = CheckedGame(kind=kind, raw=g)
    if kind in ("sender-receiver", "game", "bargaining", "multi-receiver", "acquisition"):
        out.states = _names(g.get("states"), "game/states")
        out.prior = _prob(g.get("prior"), "game/prior", len(out.states))
    _READERS[kind](g, out)
    if kind in ("sender-receiver", "game") and g.get("outcome") is not None:
        out.outcome = _outcome(g["outcome"], out.states, out.actions, "game/outcome")
    return out
