r"""Game models: states, a prior, players, pure action profiles, payoffs, outcomes.

A :class:`Game` has finitely many states :math:`\Omega` with a prior :math:`p`, ``k``
players and a finite list of pure action *profiles*; ``payoffs[w][a]`` is the payoff
vector :math:`u(\omega, a) \in \mathbb{Q}^k`. An :class:`Outcome` assigns to each state
a distribution over profiles (000_2cf035f6c25283ea.txt, Section 2).

The feasible payoff set in state :math:`\omega` is
:math:`F_\omega = \mathrm{Co}\{u(\omega, a) : a\}` (eq. (4)) and under the prior
:math:`F_p = \sum_\omega p(\omega) F_\omega` (eq. (5)).

A :class:`SenderReceiverGame` is the two-player case where the receiver acts: its
profiles are the receiver's actions and the players are ``sender`` and ``receiver``.

>>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
>>> g.as_game().feasible_set("w0").vertices
((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
>>> [tuple(map(str, v)) for v in g.as_game().feasible_set_at().vertices]
[('0', '1/2'), ('1/2', '0'), ('1/2', '1'), ('1', '1/2')]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InputError, TooLargeError
from ..geometry import Polytope, minkowski_sum
from ..numbers import fmt, to_fraction, to_vector, Vector

__all__ = ["Game", "SenderReceiverGame", "Outcome", "MAX_PAYOFF_ENTRIES", "check_prior", "check_names", "check_rows", "only_known",
           "exact_strings"]

#: Refuse games with more payoff entries than this (states x profiles x players).
MAX_PAYOFF_ENTRIES = 2_000_000



def check_names(names: Iterable[Any], what: str) -> tuple[str, ...]:
    """A tuple of unique, nonempty string names (InputError otherwise)."""
    if isinstance(names, (str, bytes)) or not hasattr(names, "__iter__"):
        raise InputError(f"expected a list of names, got {names!r}", where=what)
    out = tuple(names)
    if not out:
        raise InputError("the list is empty", where=what)
    for n in out:
        if not isinstance(n, str) or not n:
            raise InputError(f"{n!r} is not a nonempty string", where=what)
    dup = sorted(n for n, c in Counter(out).items() if c > 1)
    if dup:
        raise InputError(f"repeated name(s) {', '.join(map(repr, dup))}; names must be unique", where=what)
    return out


def only_known(keys: Iterable[str], known: Sequence[str], what: str, where: str) -> None:
    """Refuse names outside ``known`` (a typo in a file must not be silently ignored)."""
    extra = sorted(set(keys) - set(known))
    if extra:
        raise InputError(f"unknown {what}(s) {', '.join(map(repr, extra))}; known: {', '.join(known)}", where=where)


def check_rows(table: Any, states: Sequence[str], actions: Sequence[str], where: str) -> dict[str, Vector]:
    """A table state -> one payoff per action, exact, every state present and no other."""
    if not isinstance(table, Mapping):
        raise InputError("expected a table state -> list of payoffs, one per action", where=where)
    only_known(table, states, "state", where)
    rows = {}
    for w in states:
        if w not in table:
            raise InputError(f"missing the row of state {w!r}", where=where)
        row = to_vector(table[w], where=f"{where}.{w}")
        if len(row) != len(actions):
            raise InputError(f"{len(row)} entries for {len(actions)} actions ({', '.join(actions)})", where=f"{where}.{w}")
        rows[w] = row
    return rows


def check_prior(prior: Iterable[Any], states: Sequence[str], where: str = "prior") -> Vector:
    """A probability vector with one entry per state (exact; InputError otherwise)."""
    p = to_vector(prior, where=where)
    if len(p) != len(states):
        raise InputError(f"{len(p)} entries for {len(states)} states ({', '.join(states)})", where=where)
    for s, x in zip(states, p):
        if x < 0:
            raise InputError(f"the probability of state {s!r} is negative ({x})", where=where)
    if sum(p) != 1:
        raise InputError(f"the probabilities sum to {sum(p)}, not 1", where=where)
    return p


def exact_strings(values: Iterable[Any]) -> list[str]:
    """Exact number strings (``"2/7"``) of a vector, for canonical forms."""
    return [fmt(x) for x in values]


@dataclass(frozen=True)
class Outcome:
    """A distribution over profiles in each state: ``dist[state][profile] = probability``.

    Only profiles with positive probability are stored (the support).
    """

    dist: Mapping[str, Mapping[str, Fraction]]

    def support(self, state: str) -> tuple[str, ...]:
        """Profiles played with positive probability in ``state``, sorted."""
        return tuple(sorted(a for a, q in self.dist[state].items() if q > 0))

    def to_dict(self) -> dict[str, dict[str, Fraction]]:
        return {w: dict(d) for w, d in self.dist.items()}

    def canonical(self, states: Sequence[str], profiles: Sequence[str]) -> dict[str, dict[str, str]]:
        """``state -> {profile: "p/q"}``, states and profiles in file order, support only."""
        return {w: {a: fmt(self.dist[w][a]) for a in profiles if self.dist[w].get(a)} for w in states}


@dataclass(frozen=True)
class Game:
    """A k-player game with finitely many states and pure action profiles (``kind = "game"``)."""

    states: tuple[str, ...]
    prior: Vector
    players: tuple[str, ...]
    profiles: tuple[str, ...]
    payoffs: Mapping[str, Mapping[str, Vector]]
    outcome: Outcome | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "states", check_names(self.states, "states"))
        object.__setattr__(self, "players", check_names(self.players, "players"))
        object.__setattr__(self, "profiles", check_names(self.profiles, "profiles"))
        size = len(self.states) * len(self.profiles) * len(self.players)
        if size > MAX_PAYOFF_ENTRIES:
            raise TooLargeError(f"the game has {size} payoff entries, more than the limit {MAX_PAYOFF_ENTRIES}", where="payoffs")
        object.__setattr__(self, "prior", check_prior(self.prior, self.states))
        if not isinstance(self.payoffs, Mapping):
            raise InputError("expected a table state -> {profile: payoff vector}", where="payoffs")
        table: dict[str, dict[str, Vector]] = {}
        for w in self.states:
            rows = self.payoffs.get(w)
            if not isinstance(rows, Mapping):
                raise InputError(f"missing the table for state {w!r}", where="payoffs")
            only_known(rows, self.profiles, "profile", f"payoffs.{w}")
            table[w] = {}
            for a in self.profiles:
                if a not in rows:
                    raise InputError(f"missing the payoffs of profile {a!r}", where=f"payoffs.{w}")
                vec = to_vector(rows[a], where=f"payoffs.{w}.{a}")
                if len(vec) != len(self.players):
                    raise InputError(f"{len(vec)} payoffs for {len(self.players)} players ({', '.join(self.players)})", where=f"payoffs.{w}.{a}")
                table[w][a] = vec
        only_known(self.payoffs, self.states, "state", "payoffs")
        object.__setattr__(self, "payoffs", table)
        if self.outcome is not None and not isinstance(self.outcome, Outcome):
            object.__setattr__(self, "outcome", self.make_outcome(self.outcome))

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (``kind = "game"``) with exact strings, names in file order.

        >>> g = Game(["w"], [1], ["A", "B"], ["x"], {"w": {"x": ["1/2", 2]}})
        >>> g.canonical()["payoffs"]
        {'w': {'x': ['1/2', '2']}}
        """
        doc: dict[str, Any] = {"kind": "game", "states": list(self.states), "prior": exact_strings(self.prior),
                               "players": list(self.players), "profiles": list(self.profiles),
                               "payoffs": {w: {a: exact_strings(self.payoffs[w][a]) for a in self.profiles} for w in self.states}}
        if self.outcome is not None:
            doc["outcome"] = self.outcome.canonical(self.states, self.profiles)
        return doc

    @property
    def k(self) -> int:
        """Number of players."""
        return len(self.players)

    def make_outcome(self, table: Mapping[str, Mapping[str, Any]], where: str = "outcome") -> Outcome:
        """Validate ``state -> {profile: probability}`` into an :class:`Outcome`."""
        if isinstance(table, Outcome):
            table = table.dist
        if not isinstance(table, Mapping):
            raise InputError("expected a table state -> {profile: probability}", where=where)
        only_known(table, self.states, "state", where)
        dist: dict[str, dict[str, Fraction]] = {}
        for w in self.states:
            row = table.get(w)
            if not isinstance(row, Mapping):
                raise InputError(f"missing the distribution for state {w!r}", where=where)
            d: dict[str, Fraction] = {}
            for a, q in row.items():
                if a not in self.profiles:
                    raise InputError(f"unknown action {a!r}; known: {', '.join(self.profiles)}", where=f"{where}.{w}")
                qv = to_fraction(q, where=f"{where}.{w}.{a}")
                if qv < 0:
                    raise InputError(f"negative probability {qv}", where=f"{where}.{w}.{a}")
                if qv:
                    d[a] = qv
            if sum(d.values()) != 1:
                raise InputError(f"the probabilities sum to {sum(d.values())}, not 1", where=f"{where}.{w}")
            dist[w] = d
        return Outcome(dist)

    def payoff_points(self, state: str) -> list[Vector]:
        """The payoff vectors ``u(w, a)`` of all profiles in ``state``."""
        if state not in self.payoffs:
            raise InputError(f"unknown state {state!r}; states are {', '.join(self.states)}")
        return [self.payoffs[state][a] for a in self.profiles]

    def feasible_set(self, state: str) -> Polytope:
        """``F_w``, the convex hull of the payoff vectors in state ``w`` (eq. (4))."""
        key = ("F", state)
        if key not in self._cache:
            self._cache[key] = Polytope.from_points(self.payoff_points(state))
        return self._cache[key]

    def feasible_set_at(self, prior: Iterable[Any] | None = None) -> Polytope:
        """``F_p = sum_w p(w) F_w`` (eq. (5)); the game's prior unless one is given."""
        p = self.prior if prior is None else check_prior(prior, self.states, where="--prior")
        return minkowski_sum(*[self.feasible_set(w) for w in self.states], weights=p)

    def payoff_in_state(self, outcome: Outcome, state: str) -> Vector:
        """``u(mu | w)``, the expected payoff vector of the outcome in one state."""
        total = [Fraction(0)] * self.k
        for a, q in outcome.dist[state].items():
            for i, u in enumerate(self.payoffs[state][a]):
                total[i] += q * u
        return tuple(total)

    def payoff(self, outcome: Outcome, prior: Iterable[Any] | None = None) -> Vector:
        """``u(mu)`` of eq. (1): the ex-ante expected payoff vector."""
        p = self.prior if prior is None else check_prior(prior, self.states, where="prior")
        total = [Fraction(0)] * self.k
        for w, pw in zip(self.states, p):
            for i, u in enumerate(self.payoff_in_state(outcome, w)):
                total[i] += pw * u
        return tuple(total)


@dataclass(frozen=True)
class SenderReceiverGame:
    """A sender-receiver game (``kind = "sender-receiver"``): the receiver picks an action.

    ``sender[w]`` and ``receiver[w]`` list one payoff per action in state ``w``.
    """

    states: tuple[str, ...]
    actions: tuple[str, ...]
    prior: Vector
    sender: Mapping[str, Vector]
    receiver: Mapping[str, Vector]
    outcome: Outcome | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    players = ("sender", "receiver")

    def __post_init__(self) -> None:
        object.__setattr__(self, "states", check_names(self.states, "states"))
        object.__setattr__(self, "actions", check_names(self.actions, "actions"))
        size = 2 * len(self.states) * len(self.actions)
        if size > MAX_PAYOFF_ENTRIES:
            raise TooLargeError(f"the game has {size} payoff entries, more than the limit {MAX_PAYOFF_ENTRIES}", where="payoffs")
        object.__setattr__(self, "prior", check_prior(self.prior, self.states))
        for who in ("sender", "receiver"):
            object.__setattr__(self, who, check_rows(getattr(self, who), self.states, self.actions, f"payoffs.{who}"))
        if self.outcome is not None and not isinstance(self.outcome, Outcome):
            object.__setattr__(self, "outcome", self.as_game().make_outcome(self.outcome))

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (``kind = "sender-receiver"``) with exact strings, names in file order."""
        doc: dict[str, Any] = {"kind": "sender-receiver", "states": list(self.states), "actions": list(self.actions),
                               "prior": exact_strings(self.prior),
                               "payoffs": {who: {w: exact_strings(getattr(self, who)[w]) for w in self.states}
                                           for who in ("sender", "receiver")}}
        if self.outcome is not None:
            doc["outcome"] = self.outcome.canonical(self.states, self.actions)
        return doc

    def as_game(self) -> Game:
        """The same game as a two-player :class:`Game` (players sender, receiver; profiles = actions)."""
        if "game" not in self._cache:
            payoffs = {w: {a: (self.sender[w][j], self.receiver[w][j]) for j, a in enumerate(self.actions)} for w in self.states}
            self._cache["game"] = Game(self.states, self.prior, self.players, self.actions, payoffs, self.outcome)
        return self._cache["game"]
