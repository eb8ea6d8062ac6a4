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
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from ..display.mixin import Displayable
from ..errors import InputError, TooLargeError
from ..geometry import Polytope, minkowski_sum
from ..numbers import fmt, to_fraction, to_vector, Vector

__all__ = ["Game", "SenderReceiverGame", "Outcome", "MAX_PAYOFF_ENTRIES", "check_prior", "check_names", "check_rows", "only_known",
           "exact_strings"]

#: Refuse games with more payoff entries than this (states x profiles x players).
MAX_PAYOFF_ENTRIES = 2_000_000



def check_names(names: Iterable[Any], what: str) -> tuple[str, ...]:
    """Validate a list of names (states, actions, players, profiles).

    Parameters
    ----------
    names : iterable of str
        The names, in file order; a bare string is refused (it would iterate over its letters).
    what : str
        Where the names come from (a file key such as ``"states"``), used in error messages.

    Returns
    -------
    tuple of str
        The names as a tuple, order kept.

    Raises
    ------
    InputError
        If ``names`` is not a list, is empty, holds a non-string or empty string, or repeats a name.

    >>> check_names(["w0", "w1"], "states")
    ('w0', 'w1')
    >>> check_names(["a", "a"], "actions")
    Traceback (most recent call last):
    exactgame.errors.InputError: actions: repeated name(s) 'a'; names must be unique
    """
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
    """Refuse names outside ``known`` (a typo in a file must not be silently ignored).

    Parameters
    ----------
    keys : iterable of str
        The names found (e.g. the keys of a table in a game file).
    known : sequence of str
        The names allowed, listed in the error message.
    what : str
        What a name is (``"state"``, ``"key"``, ...), for the message.
    where : str
        The file key or function the names come from, prefixed to the message.

    Raises
    ------
    InputError
        Naming every unknown name, sorted, and the known ones.

    >>> only_known(["w0"], ["w0", "w1"], "state", "payoffs")
    >>> only_known(["w2", "w0"], ["w0", "w1"], "state", "payoffs")
    Traceback (most recent call last):
    exactgame.errors.InputError: payoffs: unknown state(s) 'w2'; known: w0, w1
    """
    extra = sorted(set(keys) - set(known))
    if extra:
        raise InputError(f"unknown {what}(s) {', '.join(map(repr, extra))}; known: {', '.join(known)}", where=where)


def check_rows(table: Any, states: Sequence[str], actions: Sequence[str], where: str) -> dict[str, Vector]:
    """Validate one player's payoff table ``state -> [u(w, a) for a in actions]``.

    Parameters
    ----------
    table : mapping of str to sequence
        One row per state, each row listing one payoff per action in the order of ``actions``;
        entries are anything :func:`~exactgame.numbers.to_vector` accepts (no floats).
    states : sequence of str
        The states; each must have a row and no other key is allowed.
    actions : sequence of str
        The actions; fixes the row length.
    where : str
        The file key (e.g. ``"payoffs.sender"``) used in error messages.

    Returns
    -------
    dict of str to tuple of Fraction
        The rows, exact, in the order of ``states``.

    Raises
    ------
    InputError
        If ``table`` is not a mapping, a state is missing or unknown, a row has the wrong length
        or an entry is not an exact number.

    >>> check_rows({"w": [1, "1/2"]}, ["w"], ["a", "b"], "payoffs.sender")
    {'w': (Fraction(1, 1), Fraction(1, 2))}
    """
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
    """Validate a prior: one exact probability per state, nonnegative, summing to exactly 1.

    Parameters
    ----------
    prior : iterable
        The probabilities in the order of ``states`` (ints, Fractions or strings such as ``"2/7"``
        or ``"0.35"``; floats are refused).
    states : sequence of str
        The states, for the length check and the messages.
    where : str
        The key or option named in error messages (``"prior"``, ``"--prior"``).

    Returns
    -------
    tuple of Fraction
        The prior, exact.

    Raises
    ------
    InputError
        On a wrong length, a negative entry or a sum other than 1 (NotExactError on a float).

    >>> check_prior(["1/3", "0.5", "1/6"], ["w0", "w1", "w2"])
    (Fraction(1, 3), Fraction(1, 2), Fraction(1, 6))
    >>> check_prior([1, 1], ["w0", "w1"])
    Traceback (most recent call last):
    exactgame.errors.InputError: prior: the probabilities sum to 2, not 1
    """
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
    """Exact number strings of a vector, for canonical forms (integers without a denominator).

    Parameters
    ----------
    values : iterable
        Exact numbers (int or Fraction).

    Returns
    -------
    list of str
        One ``"p/q"`` (or ``"n"``) string per value.

    >>> exact_strings([Fraction(2, 7), 3, Fraction(-4, 2)])
    ['2/7', '3', '-2']
    """
    return [fmt(x) for x in values]


@dataclass(frozen=True)
class Outcome:
    """An outcome mu: a distribution over profiles in each state, ``dist[state][profile] = mu(a | w)``.

    Built by :meth:`Game.make_outcome`, which validates it and stores only the profiles with
    positive probability (the support); the constructor itself does not check anything.

    Parameters
    ----------
    dist : mapping of str to mapping of str to Fraction
        ``state -> {profile: probability}``, each row summing to 1.

    >>> g = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x", "y"],
    ...          {"w0": {"x": [1, 0], "y": [0, 1]}, "w1": {"x": [0, 0], "y": [2, 2]}})
    >>> mu = g.make_outcome({"w0": {"x": "1/3", "y": "2/3"}, "w1": {"y": 1, "x": 0}})
    >>> mu.support("w1"), mu.canonical(g.states, g.profiles)
    (('y',), {'w0': {'x': '1/3', 'y': '2/3'}, 'w1': {'y': '1'}})
    """

    dist: Mapping[str, Mapping[str, Fraction]]

    def support(self, state: str) -> tuple[str, ...]:
        """Profiles played with positive probability in ``state``, sorted.

        Parameters
        ----------
        state : str
            A state of the game (KeyError if the outcome has no row for it).

        Returns
        -------
        tuple of str
            The support of ``mu(. | state)``, sorted by name.
        """
        return tuple(sorted(a for a, q in self.dist[state].items() if q > 0))

    def to_dict(self) -> dict[str, dict[str, Fraction]]:
        """A plain copy of the distribution.

        Returns
        -------
        dict of str to dict of str to Fraction
            ``state -> {profile: probability}`` (the stored support), as new dicts.
        """
        return {w: dict(d) for w, d in self.dist.items()}

    def canonical(self, states: Sequence[str], profiles: Sequence[str]) -> dict[str, dict[str, str]]:
        """The outcome as exact strings, for game files and proof documents.

        Parameters
        ----------
        states : sequence of str
            The game's states, in file order (every one must have a row).
        profiles : sequence of str
            The game's profiles (actions), in file order.

        Returns
        -------
        dict of str to dict of str to str
            ``state -> {profile: "p/q"}``, states and profiles in the given order, support only.
        """
        return {w: {a: fmt(self.dist[w][a]) for a in profiles if self.dist[w].get(a)} for w in states}


@dataclass(frozen=True, repr=False)
class Game(Displayable):
    """A k-player game with finitely many states and pure action profiles (``kind = "game"``).

    ``payoffs[w][a]`` is the payoff vector ``u(w, a)``, one entry per player in the order of
    ``players`` (000_2cf035f6c25283ea.txt, Section 2). The constructor validates and coerces every
    field exactly (names unique, prior a probability vector, every state and profile present, no
    unknown key) and raises :class:`~exactgame.errors.InputError` naming the key on bad input, or
    :class:`~exactgame.errors.TooLargeError` beyond :data:`MAX_PAYOFF_ENTRIES`.

    Parameters
    ----------
    states : sequence of str
        The states, in file order.
    prior : sequence
        The prior ``p(w)``, one exact probability per state.
    players : sequence of str
        The players, in the order of the payoff vectors.
    profiles : sequence of str
        The pure action profiles (names only; a profile is a single label).
    payoffs : mapping
        ``state -> {profile: payoff vector}``.
    outcome : Outcome or mapping, optional
        An outcome ``state -> {profile: probability}`` to study (validated by :meth:`make_outcome`).

    >>> g = Game(["w0", "w1"], ["1/2", "1/2"], ["A", "B"], ["x", "y"],
    ...          {"w0": {"x": [1, 0], "y": [0, 1]}, "w1": {"x": [0, 0], "y": [2, 2]}})
    >>> g.k, g.prior
    (2, (Fraction(1, 2), Fraction(1, 2)))
    >>> mu = g.make_outcome({"w0": {"x": 1}, "w1": {"y": 1}})
    >>> g.payoff(mu)        # u(mu) = sum_w p(w) u(w, mu(w)) = (1/2)(1, 0) + (1/2)(2, 2)
    (Fraction(3, 2), Fraction(1, 1))
    """

    states: tuple[str, ...]
    prior: Vector
    players: tuple[str, ...]
    profiles: tuple[str, ...]
    payoffs: Mapping[str, Mapping[str, Vector]]
    outcome: Outcome | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    if TYPE_CHECKING:
        # what the generated __init__ accepts: __post_init__ coerces every field (no runtime effect)
        def __init__(self, states: Iterable[str], prior: Iterable[Any], players: Iterable[str], profiles: Iterable[str],
                     payoffs: Mapping[str, Mapping[str, Iterable[Any]]],
                     outcome: Outcome | Mapping[str, Mapping[str, Any]] | None = None) -> None: ...

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

        Returns
        -------
        dict
            Keys ``kind``, ``states``, ``prior``, ``players``, ``profiles``, ``payoffs`` and, if
            the game has one, ``outcome``; loading it back gives an equal game.

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

    def make_outcome(self, table: Any, where: str = "outcome") -> Outcome:
        """Validate ``state -> {profile: probability}`` into an :class:`Outcome`.

        Parameters
        ----------
        table : mapping or Outcome
            One distribution per state over the game's profiles; profiles left out have
            probability 0. An :class:`Outcome` is re-validated.
        where : str
            The key named in error messages.

        Returns
        -------
        Outcome
            The outcome, exact, zero-probability profiles dropped.

        Raises
        ------
        InputError
            If a state is missing or unknown, a profile is unknown, a probability is negative or a
            state's probabilities do not sum to exactly 1.
        """
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
        """The payoff vectors ``u(w, a)`` of all profiles in ``state``.

        Parameters
        ----------
        state : str
            A state of the game.

        Returns
        -------
        list of tuple of Fraction
            One payoff vector per profile, in the order of ``profiles``.

        Raises
        ------
        InputError
            If ``state`` is not a state of the game.
        """
        if state not in self.payoffs:
            raise InputError(f"unknown state {state!r}; states are {', '.join(self.states)}")
        return [self.payoffs[state][a] for a in self.profiles]

    def feasible_set(self, state: str) -> Polytope:
        """``F_w = Co{u(w, a) : a}``, the feasible payoff set in state ``w`` (eq. (4)); cached.

        Parameters
        ----------
        state : str
            A state of the game (InputError otherwise).

        Returns
        -------
        Polytope
            The convex hull of the payoff vectors in ``R^k``.
        """
        key = ("F", state)
        if key not in self._cache:
            self._cache[key] = Polytope.from_points(self.payoff_points(state))
        return self._cache[key]

    def feasible_set_at(self, prior: Iterable[Any] | None = None) -> Polytope:
        """``F_p = sum_w p(w) F_w``, the ex-ante feasible payoff set (eq. (5)), a weighted Minkowski sum.

        Parameters
        ----------
        prior : sequence, optional
            The prior ``p``; the game's prior if None (a given one is checked, errors name ``--prior``).

        Returns
        -------
        Polytope
            The Minkowski sum in ``R^k``.
        """
        p = self.prior if prior is None else check_prior(prior, self.states, where="--prior")
        return minkowski_sum(*[self.feasible_set(w) for w in self.states], weights=p)

    def payoff_in_state(self, outcome: Outcome, state: str) -> Vector:
        """``u(mu | w) = sum_a mu(a | w) u(w, a)``, the expected payoff vector in one state.

        Parameters
        ----------
        outcome : Outcome
            An outcome of this game.
        state : str
            The state ``w``.

        Returns
        -------
        tuple of Fraction
            One expected payoff per player.
        """
        total = [Fraction(0)] * self.k
        for a, q in outcome.dist[state].items():
            for i, u in enumerate(self.payoffs[state][a]):
                total[i] += q * u
        return tuple(total)

    def payoff(self, outcome: Outcome, prior: Iterable[Any] | None = None) -> Vector:
        """``u(mu) = sum_w p(w) u(mu | w)`` of eq. (1): the ex-ante expected payoff vector.

        Parameters
        ----------
        outcome : Outcome
            An outcome of this game.
        prior : sequence, optional
            The prior ``p``; the game's prior if None.

        Returns
        -------
        tuple of Fraction
            One expected payoff per player.
        """
        p = self.prior if prior is None else check_prior(prior, self.states, where="prior")
        total = [Fraction(0)] * self.k
        for w, pw in zip(self.states, p):
            for i, u in enumerate(self.payoff_in_state(outcome, w)):
                total[i] += pw * u
        return tuple(total)


@dataclass(frozen=True, repr=False)
class SenderReceiverGame(Displayable):
    """A sender-receiver game (``kind = "sender-receiver"``): the receiver picks an action.

    ``sender[w][j]`` and ``receiver[w][j]`` are ``u_S(a_j, w)`` and ``u_R(a_j, w)``, one payoff
    per action in the order of ``actions``. The constructor validates and coerces every field
    exactly and raises :class:`~exactgame.errors.InputError` naming the key on bad input.

    Parameters
    ----------
    states : sequence of str
        The states, in file order.
    actions : sequence of str
        The receiver's actions.
    prior : sequence
        The prior ``p(w)``, one exact probability per state.
    sender : mapping of str to sequence
        ``state -> [u_S(a, w) for a in actions]``.
    receiver : mapping of str to sequence
        ``state -> [u_R(a, w) for a in actions]``.
    outcome : Outcome or mapping, optional
        An outcome ``state -> {action: probability}`` to study.

    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
    ...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> g.players, g.receiver["w1"]
    (('sender', 'receiver'), (Fraction(0, 1), Fraction(1, 1)))
    >>> g.as_game().payoffs["w0"]["b"]          # (u_S, u_R) of action b in state w0
    (Fraction(1, 1), Fraction(0, 1))
    """

    states: tuple[str, ...]
    actions: tuple[str, ...]
    prior: Vector
    sender: Mapping[str, Vector]
    receiver: Mapping[str, Vector]
    outcome: Outcome | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False, hash=False)

    players = ("sender", "receiver")

    if TYPE_CHECKING:
        # what the generated __init__ accepts: __post_init__ coerces every field (no runtime effect)
        def __init__(self, states: Iterable[str], actions: Iterable[str], prior: Iterable[Any],
                     sender: Mapping[str, Iterable[Any]], receiver: Mapping[str, Iterable[Any]],
                     outcome: Outcome | Mapping[str, Mapping[str, Any]] | None = None) -> None: ...

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
        """The game-file structure (``kind = "sender-receiver"``) with exact strings, names in file order.

        Returns
        -------
        dict
            Keys ``kind``, ``states``, ``actions``, ``prior``, ``payoffs`` (``sender`` and
            ``receiver`` tables) and, if the game has one, ``outcome``.
        """
        doc: dict[str, Any] = {"kind": "sender-receiver", "states": list(self.states), "actions": list(self.actions),
                               "prior": exact_strings(self.prior),
                               "payoffs": {who: {w: exact_strings(getattr(self, who)[w]) for w in self.states}
                                           for who in ("sender", "receiver")}}
        if self.outcome is not None:
            doc["outcome"] = self.outcome.canonical(self.states, self.actions)
        return doc

    def as_game(self) -> Game:
        """The same game as a two-player :class:`Game`; cached.

        Returns
        -------
        Game
            Players ``("sender", "receiver")``, profiles = actions, ``payoffs[w][a] = (u_S(a, w), u_R(a, w))``.
        """
        if "game" not in self._cache:
            payoffs = {w: {a: (self.sender[w][j], self.receiver[w][j]) for j, a in enumerate(self.actions)} for w in self.states}
            self._cache["game"] = Game(self.states, self.prior, self.players, self.actions, payoffs, self.outcome)
        return self._cache["game"]
