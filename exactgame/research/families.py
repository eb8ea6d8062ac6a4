r"""Game families: random, shrinkable and exhaustive generators of game files.

A **family** describes a set of games of one file kind (sizes, a number distribution, a
structure). It builds each game as a *game-file document* (the structure of design.md, exact
strings) from a stream of bounded integer choices, and the model is loaded from that document
by the kind's own loader (:func:`exactgame.games.loads_game`), so every generated game is a
game file by construction: :func:`game_text` writes it, and it loads back to an equal model.

One description, three ways to drive the choices:

- :func:`strategy` -- a hypothesis strategy; hypothesis's shrinker then shrinks a
  counterexample towards the smallest choices: fewer states, actions, players and types
  (sizes are drawn first, smallest first), numbers towards 0, denominators towards 1 and
  priors towards uniform;
- :func:`sample` -- a seeded sampler (``random.Random(seed)``), the same games for the same seed;
- :func:`enumerate_family` -- every game of the family in a fixed order (an odometer over the
  choices), for small grids; refused beyond ``limit`` games.

Numbers (:class:`Numbers`): ``small-int`` (integers in [-bound, bound]), ``fraction``
(p/q with q <= denominator and |p/q| <= bound), ``generic`` (denominators up to 997). Priors are
interior, with weights 1..``prior_weight`` normalised (so the uniform prior is the simplest).

>>> fam = SenderReceiverFamily(states=(2, 2), actions=(2, 3), numbers=Numbers("small-int", bound=2))
>>> g = sample(fam, 1, seed=7)[0]
>>> loads_game(game_text(g)) == g
True
>>> len(list(enumerate_family(SenderReceiverFamily(states=(2, 2), actions=(2, 2),
...     numbers=Numbers("small-int", bound=0), prior_weight=2))))    # priors 1/2, 1/3 and 2/3
3
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterator, Protocol, Sequence

from ..errors import InputError, TooLargeError
from ..games.files import loads_game
from ..numbers import fmt

__all__ = [
    "Choices", "RandomChoices", "Numbers", "Family", "SenderReceiverFamily", "GameFamily",
    "ActionTypeFamily", "BargainingFamily", "BilateralTradeFamily", "DialogueFamily", "MultiReceiverFamily",
    "AcquisitionFamily", "AcquisitionMechanismFamily", "BuyerSellerFamily", "BuyerSellerFileFamily", "PeerSelectionFamily", "CensorshipFamily", "FixedFamily", "strategy", "sample", "enumerate_family", "game_text", "write_game",
    "MAX_ENUMERATION",
]

#: Default largest number of games :func:`enumerate_family` produces before refusing.
MAX_ENUMERATION = 100_000


class Choices(Protocol):
    """A stream of bounded integer choices (hypothesis's ``draw``, a seeded RNG, an odometer).

    >>> isinstance(RandomChoices(0).integer(1, 3), int)
    True
    """

    def integer(self, lo: int, hi: int) -> int:
        """An integer in ``[lo, hi]`` (``lo`` is the simplest: hypothesis shrinks towards it).

        Parameters
        ----------
        lo, hi : int
            The bounds (inclusive).

        Returns
        -------
        int
            The choice.
        """
        ...


class RandomChoices:
    """Choices from ``random.Random(seed)``: deterministic given the seed.

    Parameters
    ----------
    seed : int
        The seed.

    >>> a, b = RandomChoices(3), RandomChoices(3)
    >>> [a.integer(0, 9) for _ in range(5)] == [b.integer(0, 9) for _ in range(5)]
    True
    """

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def integer(self, lo: int, hi: int) -> int:
        """A uniform integer in ``[lo, hi]``.

        Parameters
        ----------
        lo, hi : int
            The bounds (inclusive).

        Returns
        -------
        int
            The choice.
        """
        return self._rng.randint(lo, hi)


class _DrawChoices:
    """Choices drawn from a hypothesis ``draw`` (so hypothesis records and shrinks them)."""

    def __init__(self, draw: Callable[[Any], Any]) -> None:
        from hypothesis import strategies as st

        self._draw = draw
        self._st = st

    def integer(self, lo: int, hi: int) -> int:
        return int(self._draw(self._st.integers(lo, hi)))


class _OdometerChoices:
    """Replays a prefix of choices and records the range of each new one (choice ``lo``):
    :func:`enumerate_family` advances the last position that is not at its top."""

    def __init__(self, prefix: list[int]) -> None:
        self.prefix = prefix
        self.taken: list[tuple[int, int, int]] = []   # (value, lo, hi)

    def integer(self, lo: int, hi: int) -> int:
        k = len(self.taken)
        v = self.prefix[k] if k < len(self.prefix) else lo
        self.taken.append((v, lo, hi))
        return v


@dataclass(frozen=True)
class Numbers:
    """A number distribution for payoffs.

    Parameters
    ----------
    kind : {"small-int", "fraction", "generic"}
        Integers in [-bound, bound]; fractions with denominator <= ``denominator`` in
        [-bound, bound]; or fractions with denominators up to 997.
    bound : int
        The largest absolute value.
    denominator : int
        The largest denominator for ``fraction``.
    nonnegative : bool
        Only numbers >= 0.

    >>> Numbers("fraction", bound=1, denominator=3).draw(RandomChoices(0)) <= 1
    True
    """

    kind: str = "small-int"
    bound: int = 3
    denominator: int = 4
    nonnegative: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("small-int", "fraction", "generic"):
            raise InputError(f"Numbers: kind {self.kind!r} is not one of small-int, fraction, generic")
        if self.bound < 0 or self.denominator < 1:
            raise InputError("Numbers: bound must be >= 0 and denominator >= 1")

    def draw(self, c: Choices) -> Fraction:
        """One number: the denominator first (1 is simplest), then the size, then the sign.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        Fraction
            The number.
        """
        top = {"small-int": 1, "fraction": self.denominator, "generic": 997}[self.kind]
        den = c.integer(1, top) if top > 1 else 1
        size = c.integer(0, self.bound * den)
        negative = not self.nonnegative and size and c.integer(0, 1)
        return Fraction(-size if negative else size, den)


def _prior(c: Choices, n: int, weight: int) -> list[str]:
    """An interior prior over ``n`` states: weights in 1..weight, normalised (all 1: uniform)."""
    w = [c.integer(1, weight) for _ in range(n)]
    return [fmt(Fraction(x, sum(w))) for x in w]


def _size(c: Choices, bounds: tuple[int, int]) -> int:
    lo, hi = bounds
    return c.integer(lo, hi) if hi > lo else lo


def _rows(c: Choices, states: Sequence[str], n: int, numbers: Numbers) -> dict[str, list[Fraction]]:
    return {w: [numbers.draw(c) for _ in range(n)] for w in states}


def _distribution(c: Choices, names: Sequence[str]) -> dict[str, str]:
    """A distribution over a nonempty subset of ``names`` (support mask 1: the first name only)."""
    mask = c.integer(1, 2 ** len(names) - 1)
    support = [x for b, x in enumerate(names) if mask >> b & 1]
    w = [c.integer(1, 3) for _ in support]
    return {x: fmt(Fraction(v, sum(w))) for x, v in zip(support, w)}


def _strings(table: dict[str, list[Fraction]]) -> dict[str, list[str]]:
    return {w: [fmt(x) for x in row] for w, row in table.items()}


class Family:
    """The base of every family: ``document(choices)`` builds a game-file document; ``game`` loads it.

    Subclasses are frozen dataclasses of their parameters; ``kind`` names the file kind.

    >>> g = SenderReceiverFamily().game(RandomChoices(1))
    >>> type(g).__name__
    'SenderReceiverGame'
    """

    kind = ""

    def document(self, c: Choices) -> dict[str, Any]:
        """The game-file document (JSON data with exact strings) built from the choices.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A game-file document of kind :attr:`kind`.
        """
        raise NotImplementedError

    def game(self, c: Choices) -> Any:
        """The game model of :meth:`document`, loaded by the kind's loader.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        object
            The model (``SenderReceiverGame``, ``Game``, ``BargainingProblem``, ...).
        """
        return loads_game(json.dumps(self.document(c)))


@dataclass(frozen=True)
class SenderReceiverFamily(Family):
    """Sender-receiver games (``kind = "sender-receiver"``).

    Parameters
    ----------
    states, actions : (int, int)
        Inclusive ranges of the numbers of states and actions.
    numbers : Numbers
        The payoff distribution.
    prior_weight : int
        Prior weights are drawn in 1..prior_weight (1: always uniform).
    state_independent_sender : bool
        The sender's payoff row is the same in every state (transparent motives).
    zero_sum : bool
        The sender's payoff is minus the receiver's.
    threshold_receiver : bool
        Receiver payoffs ``x_a * y_w`` with ``x`` and ``y`` increasing (supermodular: the
        receiver's best response is monotone in the state, its cells are intervals along the order).

    >>> g = SenderReceiverFamily(state_independent_sender=True).game(RandomChoices(2))
    >>> len({tuple(g.sender[w]) for w in g.states})
    1
    """

    states: tuple[int, int] = (2, 2)
    actions: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers()
    prior_weight: int = 9
    state_independent_sender: bool = False
    zero_sum: bool = False
    threshold_receiver: bool = False
    kind = "sender-receiver"

    def _receiver(self, c: Choices, S: list[str], n: int) -> dict[str, list[Fraction]]:
        if not self.threshold_receiver:
            return _rows(c, S, n, self.numbers)
        x = sorted(self.numbers.draw(c) for _ in range(n))
        y = sorted(self.numbers.draw(c) for _ in S)
        return {w: [xa * y[k] for xa in x] for k, w in enumerate(S)}

    def _sender(self, c: Choices, S: list[str], n: int, receiver: dict[str, list[Fraction]]) -> dict[str, list[Fraction]]:
        if self.zero_sum:
            return {w: [-x for x in receiver[w]] for w in S}
        if self.state_independent_sender:
            row = [self.numbers.draw(c) for _ in range(n)]
            return {w: list(row) for w in S}
        return _rows(c, S, n, self.numbers)

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``sender-receiver`` document.
        """
        m, n = _size(c, self.states), _size(c, self.actions)
        S, A = [f"w{i}" for i in range(m)], [f"a{j}" for j in range(n)]
        prior = _prior(c, m, self.prior_weight)
        receiver = self._receiver(c, S, n)
        sender = self._sender(c, S, n, receiver)
        return {"kind": self.kind, "states": S, "actions": A, "prior": prior,
                "payoffs": {"sender": _strings(sender), "receiver": _strings(receiver)}}


@dataclass(frozen=True)
class GameFamily(Family):
    """k-player games over pure profiles (``kind = "game"``).

    Parameters
    ----------
    players, profiles, states : (int, int)
        Inclusive ranges of the sizes.
    numbers : Numbers
        The payoff distribution.
    prior_weight : int
        Prior weights in 1..prior_weight.
    zero_sum : bool
        The last player's payoff is minus the sum of the others'.
    common_interest : bool
        Every player gets the same payoff (the symmetric, identical-interest case).
    outcome : bool
        Add an ``[outcome]``: in each state a nonempty support (the first profile is simplest)
        with weights 1..3, normalised.

    >>> g = GameFamily(zero_sum=True).game(RandomChoices(4))
    >>> all(sum(v) == 0 for w in g.states for v in g.payoffs[w].values())
    True
    """

    players: tuple[int, int] = (2, 2)
    profiles: tuple[int, int] = (2, 3)
    states: tuple[int, int] = (1, 2)
    numbers: Numbers = Numbers()
    prior_weight: int = 9
    zero_sum: bool = False
    common_interest: bool = False
    outcome: bool = False
    kind = "game"

    def _vector(self, c: Choices, k: int) -> list[Fraction]:
        if self.common_interest:
            return [self.numbers.draw(c)] * k
        v = [self.numbers.draw(c) for _ in range(k - 1 if self.zero_sum else k)]
        return v + [-sum(v, Fraction(0))] if self.zero_sum else v

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``game`` document.
        """
        k, n, m = _size(c, self.players), _size(c, self.profiles), _size(c, self.states)
        S, X = [f"w{i}" for i in range(m)], [f"x{j}" for j in range(n)]
        prior = _prior(c, m, self.prior_weight)
        pay = {w: {x: [fmt(v) for v in self._vector(c, k)] for x in X} for w in S}
        doc = {"kind": self.kind, "states": S, "prior": prior, "players": [f"P{i}" for i in range(k)],
               "profiles": X, "payoffs": pay}
        if self.outcome:
            doc["outcome"] = {w: _distribution(c, X) for w in S}
        return doc


@dataclass(frozen=True)
class ActionTypeFamily(Family):
    """Symmetric action-type persuasion (003_e54e9b7a7da88b3e.txt, Section 4): each action's type is
    drawn i.i.d.; type k pays (xi_k, rho_k) to (sender, receiver). Written as a sender-receiver file
    whose states are the type profiles (built by :func:`exactgame.persuasion.payments.action_type_game`).

    Parameters
    ----------
    types : (int, int)
        Inclusive range of the number of types.
    actions : int
        The number of actions n.
    numbers : Numbers
        The distribution of xi and rho.
    type_weight : int
        Type probabilities are weights in 1..type_weight, normalised.
    distinct_types : bool
        Types are distinct pairs (redraws are avoided by skipping equal pairs: then fewer types).

    >>> g = ActionTypeFamily().game(RandomChoices(0))
    >>> g.states[:2]
    ('0,0', '0,1')
    """

    types: tuple[int, int] = (2, 3)
    actions: int = 2
    numbers: Numbers = Numbers("small-int", bound=2, nonnegative=True)
    type_weight: int = 4
    distinct_types: bool = True
    kind = "sender-receiver"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``sender-receiver`` document over type profiles.
        """
        from ..persuasion.payments import action_type_game

        m = _size(c, self.types)
        types: list[tuple[Fraction, Fraction]] = []
        weights: list[int] = []
        for _ in range(m):
            t = (self.numbers.draw(c), self.numbers.draw(c))
            w = c.integer(1, self.type_weight)
            if self.distinct_types and t in types:
                continue
            types.append(t)
            weights.append(w)
        prior = [Fraction(w, sum(weights)) for w in weights]
        return action_type_game(types, self.actions, prior).canonical()


@dataclass(frozen=True)
class BargainingFamily(Family):
    """Informational bargaining problems (``kind = "bargaining"``, 002_b82d6ff4761a0a82.txt).

    Parameters
    ----------
    states, actions, agents : (int, int)
        Inclusive ranges of the sizes.
    numbers : Numbers
        The payoff distribution.
    prior_weight : int
        Prior weights in 1..prior_weight.
    state_independent : bool
        Each agent's payoff does not depend on the state (the prior-free tests' setting).
    disagreements : tuple of str
        The disagreement structures to choose from (``"no-information"``, ``"full-information"``).

    >>> g = BargainingFamily(state_independent=True).game(RandomChoices(5))
    >>> g.agents
    ('A0', 'A1')
    """

    states: tuple[int, int] = (2, 2)
    actions: tuple[int, int] = (2, 3)
    agents: tuple[int, int] = (2, 2)
    numbers: Numbers = Numbers()
    prior_weight: int = 9
    state_independent: bool = False
    disagreements: tuple[str, ...] = ("no-information",)
    kind = "bargaining"

    def _agent(self, c: Choices, S: list[str], n: int) -> dict[str, list[str]]:
        if self.state_independent:
            row = [fmt(self.numbers.draw(c)) for _ in range(n)]
            return {w: list(row) for w in S}
        return _strings(_rows(c, S, n, self.numbers))

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``bargaining`` document.
        """
        m, n, k = _size(c, self.states), _size(c, self.actions), _size(c, self.agents)
        S, A, N = [f"w{i}" for i in range(m)], [f"a{j}" for j in range(n)], [f"A{i}" for i in range(k)]
        prior = _prior(c, m, self.prior_weight)
        payoffs: dict[str, Any] = {"receiver": _strings(_rows(c, S, n, self.numbers))}
        for i in N:
            payoffs[i] = self._agent(c, S, n)
        spec = self.disagreements[c.integer(0, len(self.disagreements) - 1)] if len(self.disagreements) > 1 else self.disagreements[0]
        return {"kind": self.kind, "states": S, "prior": prior, "actions": A, "agents": N,
                "disagreement": spec, "payoffs": payoffs}


@dataclass(frozen=True)
class CensorshipFamily(Family):
    """Bargaining problems that meet Corollary 2's hypotheses by construction (002_b82d6ff4761a0a82.txt,
    Section 3, "Beneficial Censorship"; ``kind = "bargaining"``): ``k`` states and ``k`` actions, the
    receiver's unique full-information choice in state ``w_j`` is ``a_j`` (its payoff there is
    ``bound + 1``, above every other entry), so ``A = {a(w)}``; full-information disagreement (discrete:
    each degenerate posterior has one optimal action); state-independent agents; and ``n <= k - 1``
    agents.

    Parameters
    ----------
    actions : (int, int)
        Inclusive range of ``k`` (states = actions), at least 3 (two agents need ``k >= 3``).
    agents : (int, int)
        Inclusive range of ``n``, cut to at most ``k - 1``.
    numbers : Numbers
        The payoff distribution.
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = CensorshipFamily().game(RandomChoices(3))
    >>> len(g.actions) - 1 >= len(g.agents), g.disagreement_spec
    (True, 'full-information')
    """

    actions: tuple[int, int] = (3, 4)
    agents: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers("small-int", bound=3)
    prior_weight: int = 9
    kind = "bargaining"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``bargaining`` document.
        """
        k = _size(c, self.actions)
        if k < 3 or self.agents[0] < 1:
            raise InputError("CensorshipFamily: need k >= 3 actions and at least one agent")
        n = _size(c, (min(self.agents[0], k - 1), min(self.agents[1], k - 1)))
        S, A, N = [f"w{i}" for i in range(k)], [f"a{j}" for j in range(k)], [f"A{i}" for i in range(n)]
        top = Fraction(self.numbers.bound + 1)
        receiver = {w: [top if j == i else self.numbers.draw(c) for j in range(k)] for i, w in enumerate(S)}
        payoffs: dict[str, Any] = {"receiver": _strings(receiver)}
        for agent in N:
            row = [fmt(self.numbers.draw(c)) for _ in range(k)]
            payoffs[agent] = {w: list(row) for w in S}
        return {"kind": self.kind, "states": S, "prior": _prior(c, k, self.prior_weight), "actions": A, "agents": N,
                "disagreement": "full-information", "payoffs": payoffs}


def _distinct(c: Choices, n: int, numbers: Numbers) -> list[str]:
    """``n`` distinct nonnegative numbers, increasing: cumulative sums of positive steps."""
    out, x = [], Fraction(0)
    for k in range(n):
        step = numbers.draw(c)
        x += abs(step) + (1 if k or not step else 0)
        out.append(x)
    return [fmt(v) for v in out]


@dataclass(frozen=True)
class BilateralTradeFamily(Family):
    """Bilateral trade (``kind = "bilateral-trade"``, 001_9d9f8fe1d5e70189.txt): distinct seller costs and
    buyer values (increasing), interior priors.

    Parameters
    ----------
    costs, values : (int, int)
        Inclusive ranges of the numbers of seller and buyer types.
    numbers : Numbers
        The distribution of the gaps between consecutive types.
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = BilateralTradeFamily().game(RandomChoices(0))
    >>> type(g).__name__
    'DialogueGame'
    """

    costs: tuple[int, int] = (1, 2)
    values: tuple[int, int] = (2, 2)
    numbers: Numbers = Numbers("small-int", bound=3, nonnegative=True)
    prior_weight: int = 9
    kind = "bilateral-trade"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``bilateral-trade`` document.
        """
        ns, nb = _size(c, self.costs), _size(c, self.values)
        costs = _distinct(c, ns, self.numbers)
        values = _distinct(c, nb, self.numbers)
        return {"kind": self.kind, "seller_costs": costs, "seller_prior": _prior(c, ns, self.prior_weight),
                "buyer_values": values, "buyer_prior": _prior(c, nb, self.prior_weight)}


@dataclass(frozen=True)
class DialogueFamily(Family):
    """General two-player dialogue games (``kind = "dialogue"``, 001_9d9f8fe1d5e70189.txt, Section 2.1):
    Sally's and Bob's finite types with interior priors, Sally's actions, and each player's payoff
    per (Sally type, Bob type, action); optionally zero-sum or common-interest.

    Parameters
    ----------
    sally_types, bob_types, actions : (int, int)
        Inclusive ranges of the sizes.
    numbers : Numbers
        The payoff distribution.
    zero_sum : bool
        Bob's payoff is minus Sally's.
    common_interest : bool
        Bob's payoff equals Sally's.
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = DialogueFamily(zero_sum=True).game(RandomChoices(2))
    >>> type(g).__name__, len(g.actions) >= 2
    ('DialogueGame', True)
    """

    sally_types: tuple[int, int] = (2, 2)
    bob_types: tuple[int, int] = (2, 3)
    actions: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers()
    zero_sum: bool = False
    common_interest: bool = False
    prior_weight: int = 9
    kind = "dialogue"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``dialogue`` document (payoffs.<player>.<Sally type>.<Bob type> = one payoff per action).
        """
        ns, nb, na = _size(c, self.sally_types), _size(c, self.bob_types), _size(c, self.actions)
        S, B, A = [f"s{i}" for i in range(ns)], [f"b{i}" for i in range(nb)], [f"a{i}" for i in range(na)]
        sally = {s: {b: [self.numbers.draw(c) for _ in A] for b in B} for s in S}
        if self.zero_sum or self.common_interest:
            sign = -1 if self.zero_sum else 1
            bob = {s: {b: [sign * x for x in sally[s][b]] for b in B} for s in S}
        else:
            bob = {s: {b: [self.numbers.draw(c) for _ in A] for b in B} for s in S}

        def text(t: dict[str, dict[str, list[Fraction]]]) -> dict[str, dict[str, list[str]]]:
            return {s: {b: [fmt(x) for x in row] for b, row in r.items()} for s, r in t.items()}

        return {"kind": self.kind, "sally_types": S, "sally_prior": _prior(c, ns, self.prior_weight),
                "bob_types": B, "bob_prior": _prior(c, nb, self.prior_weight), "actions": A,
                "payoffs": {"sally": text(sally), "bob": text(bob)}}


@dataclass(frozen=True)
class MultiReceiverFamily(Family):
    """Multi-receiver binary-action persuasion (``kind = "multi-receiver"``, 003, Section 7): an
    additive sender (weights drawn) and a payoff table u_i(S) per state.

    Parameters
    ----------
    receivers, states : (int, int)
        Inclusive ranges of the sizes.
    numbers : Numbers
        The payoff distribution.
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = MultiReceiverFamily().game(RandomChoices(0))
    >>> g.receivers
    ('r0', 'r1')
    """

    receivers: tuple[int, int] = (2, 2)
    states: tuple[int, int] = (2, 2)
    numbers: Numbers = Numbers()
    prior_weight: int = 9
    kind = "multi-receiver"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``multi-receiver`` document.
        """
        k, m = _size(c, self.receivers), _size(c, self.states)
        R, S = [f"r{i}" for i in range(k)], [f"w{i}" for i in range(m)]
        prior = _prior(c, m, self.prior_weight)
        subsets = [[r for b, r in enumerate(R) if mask >> b & 1] for mask in range(2 ** k)]
        weights = {r: fmt(abs(self.numbers.draw(c)) + 1) for r in R}
        pay = {w: {"+".join(s): [fmt(self.numbers.draw(c)) if r in s else "0" for r in R] for s in subsets} for w in S}
        return {"kind": self.kind, "states": S, "prior": prior, "receivers": R,
                "sender": {"rule": "additive", "weights": weights}, "payoffs": pay}


@dataclass(frozen=True)
class AcquisitionFamily(Family):
    """Bilateral trade with costly information acquisition (``kind = "acquisition"``, 004), two or more
    states, without a mechanism (``acquisition`` then computes the minimal subsidy): values with
    gains from trade in every state (buyer value > seller value).

    Parameters
    ----------
    states : (int, int)
        Inclusive range of the number of states.
    numbers : Numbers
        The distribution of the seller's values and the gains.
    cost : (int, int)
        Inclusive range of the entropy cost kappa (an integer).
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = AcquisitionFamily().game(RandomChoices(0))
    >>> type(g).__name__
    'AcquisitionGame'
    """

    states: tuple[int, int] = (2, 2)
    numbers: Numbers = Numbers("small-int", bound=3, nonnegative=True)
    cost: tuple[int, int] = (1, 2)
    prior_weight: int = 9
    kind = "acquisition"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            An ``acquisition`` document.
        """
        m = _size(c, self.states)
        seller = [self.numbers.draw(c) for _ in range(m)]
        buyer = [s + abs(self.numbers.draw(c)) + 1 for s in seller]
        return {"kind": self.kind, "states": [f"v{i}" for i in range(m)], "prior": _prior(c, m, self.prior_weight),
                "cost": _size(c, self.cost), "values": {"buyer": [fmt(x) for x in buyer], "seller": [fmt(x) for x in seller]}}


@dataclass(frozen=True)
class AcquisitionMechanismFamily(Family):
    """Acquisition games WITH a mechanism (alpha, transfers; ``kind = "acquisition"``, 004, Section 3):
    two states with gains from trade, a perfectly correlated structure with ``K`` distinct interior
    posteriors ``mu_k = x / denominator`` and weights ``tau_k`` (the prior is their mean), the prescribed
    transfers of :func:`~exactgame.acquisition.mechanism.prescribed_mechanism` on it, and then a share
    ``eta = k / (2 mix_steps)`` (``k = 0..mix_steps``; 0 the simplest) of cell (1, 1) moved off the diagonal
    by :func:`~exactgame.acquisition.mechanism.perturbed` (same transfers): ``eta = 0`` is the
    implementable diagonal mechanism, ``eta > 0`` a block whose posteriors differ.

    Parameters
    ----------
    signals : (int, int)
        Inclusive range of ``K``.
    numbers : Numbers
        The distribution of the seller's values and the gains.
    denominator : int
        Posteriors are ``x / denominator``, ``0 < x < denominator``.
    mix_steps : int
        The grid of ``eta``.
    places : int
        Decimal places of the prescribed transfers.

    >>> g = AcquisitionMechanismFamily().game(RandomChoices(0))
    >>> g.transfers is not None and len(g.buyer_signals) >= 2
    True
    """

    signals: tuple[int, int] = (2, 2)
    numbers: Numbers = Numbers("small-int", bound=3, nonnegative=True)
    denominator: int = 8
    mix_steps: int = 3
    places: int = 12
    kind = "acquisition"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            An ``acquisition`` document with ``alpha`` and ``transfers``.
        """
        from ..acquisition import AcquisitionGame
        from ..acquisition.mechanism import perturbed, prescribed_mechanism

        K = _size(c, self.signals)
        if K < 2 or self.denominator <= K:
            raise InputError("AcquisitionMechanismFamily: need at least two signals and denominator > signals")
        seller = [self.numbers.draw(c) for _ in range(2)]
        buyer = [s + abs(self.numbers.draw(c)) + 1 for s in seller]
        xs: list[int] = []
        while len(xs) < K:         # distinct posteriors, drawn in order: the smallest choices first
            x = c.integer(1, self.denominator - 1)
            xs.append(x if x not in xs else next(y for y in range(1, self.denominator) if y not in xs))
        mu = [Fraction(x, self.denominator) for x in xs]
        tau = [Fraction(t) for t in _prior(c, K, 3)]
        high = sum((t * m for t, m in zip(tau, mu)), Fraction(0))
        g = AcquisitionGame.diagonal(["low", "high"], [1 - high, high], buyer, seller, mu, tau)
        mech = prescribed_mechanism(g, places=self.places)
        eta = Fraction(c.integer(0, self.mix_steps), 2 * self.mix_steps)
        return (perturbed(mech, eta) if eta else mech).canonical()


@dataclass(frozen=True)
class BuyerSellerFamily(Family):
    """Buyer-seller environments with threshold preferences (000_2cf035f6c25283ea.txt, Section 3.1.2),
    written as sender-receiver files (:func:`exactgame.persuasion.buyer_seller.threshold_environment`):
    ``n`` products with distinct positive seller payoffs, an interior prior, and a threshold ``T``
    drawn strictly between ``max(T_p, 1/2)`` (eq. (31)) and 1, so Proposition 6's hypothesis holds.

    Parameters
    ----------
    products : (int, int)
        Inclusive range of the number of products n (states w0..wn).
    numbers : Numbers
        The distribution of the gaps between seller payoffs.
    prior_weight : int
        Prior weights in 1..prior_weight.
    steps : int
        T is ``lo + (1 - lo) k / (steps + 1)`` for k in 1..steps.

    >>> g = BuyerSellerFamily().game(RandomChoices(0))
    >>> g.actions[0], len(g.states) == len(g.actions)
    ('0', True)
    """

    products: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers("small-int", bound=3, nonnegative=True)
    prior_weight: int = 9
    steps: int = 4
    kind = "sender-receiver"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``sender-receiver`` document (a threshold environment at its prior).
        """
        from ..persuasion.buyer_seller import threshold_bound, threshold_environment

        n = _size(c, self.products)
        payoffs = _distinct(c, n, self.numbers)
        prior = _prior(c, n + 1, self.prior_weight)
        lo = max(threshold_bound(prior), Fraction(1, 2))
        T = lo + (1 - lo) * Fraction(c.integer(1, self.steps), self.steps + 1)
        return threshold_environment(payoffs, T, prior).game.canonical()


@dataclass(frozen=True)
class BuyerSellerFileFamily(Family):
    """Buyer-seller threshold environments as ``buyer-seller`` files (000_2cf035f6c25283ea.txt,
    Proposition 5; :mod:`exactgame.persuasion.buyer_seller_report`): ``n`` products with distinct
    positive seller payoffs, an interior prior and a threshold ``T = 1/2 + k / (2 (steps + 1))``,
    ``k = 1..steps``, anywhere in (1/2, 1) (not only above ``T_p``, unlike :class:`BuyerSellerFamily`),
    so the prior may or may not lie in int R*.

    Parameters
    ----------
    products : (int, int)
        Inclusive range of the number of products n (states w0..wn).
    numbers : Numbers
        The distribution of the gaps between seller payoffs.
    prior_weight : int
        Prior weights in 1..prior_weight.
    steps : int
        The number of thresholds on the grid in (1/2, 1).

    >>> g = BuyerSellerFileFamily().game(RandomChoices(0))
    >>> type(g).__name__, Fraction(1, 2) < g.threshold < 1
    ('BuyerSellerGame', True)
    """

    products: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers("small-int", bound=3, nonnegative=True)
    prior_weight: int = 9
    steps: int = 8
    kind = "buyer-seller"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``buyer-seller`` document.
        """
        import exactgame.persuasion.buyer_seller_report  # noqa: F401  (registers the buyer-seller kind)

        n = _size(c, self.products)
        payoffs = _distinct(c, n, self.numbers)
        T = Fraction(1, 2) + Fraction(c.integer(1, self.steps), 2 * (self.steps + 1))
        return {"kind": self.kind, "seller_payoffs": payoffs, "threshold": fmt(T),
                "prior": _prior(c, n + 1, self.prior_weight)}


@dataclass(frozen=True)
class PeerSelectionFamily(Family):
    """Peer-selection games (``kind = "peer-selection"``, 000_2cf035f6c25283ea.txt, Section 3.2): per
    agent two types ``lo``, ``hi`` with the principal's values in [-1, 1], a threshold
    ``t = k / steps`` (``k = 1..steps``) and an interior prior over the type profiles (weights
    1..prior_weight, normalised: correlated types in general, uniform the simplest).

    Parameters
    ----------
    agents : (int, int)
        Inclusive range of the number of agents (players: the principal and the agents).
    numbers : Numbers
        The distribution of the values (clipped to [-1, 1] by its bound).
    steps : int
        The grid of thresholds in (0, 1].
    prior_weight : int
        Prior weights in 1..prior_weight.

    >>> g = PeerSelectionFamily().game(RandomChoices(0))
    >>> type(g).__name__, len(g.prior) == 2 ** len(g.values)
    ('PeerSelectionGame', True)
    """

    agents: tuple[int, int] = (2, 3)
    numbers: Numbers = Numbers("fraction", bound=1, denominator=5)
    steps: int = 6
    prior_weight: int = 4
    kind = "peer-selection"

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            A ``peer-selection`` document.
        """
        import exactgame.peer_selection_report  # noqa: F401  (registers the peer-selection kind)

        if self.numbers.bound > 1:
            raise InputError("PeerSelectionFamily: values lie in [-1, 1]; the numbers' bound must be at most 1")
        k = _size(c, self.agents)
        values = [{t: fmt(self.numbers.draw(c)) for t in ("lo", "hi")} for _ in range(k)]
        t = Fraction(c.integer(1, self.steps), self.steps)
        profiles = ["|".join(w) for w in itertools.product(("lo", "hi"), repeat=k)]
        return {"kind": self.kind, "threshold": fmt(t), "values": values,
                "prior": dict(zip(profiles, _prior(c, len(profiles), self.prior_weight)))}


@dataclass(frozen=True)
class FixedFamily(Family):
    """A fixed list of game-file documents (a published example, a hand-made grid): the choice is
    the index, so hypothesis shrinks towards the first.

    Parameters
    ----------
    documents : tuple of dict
        Game-file documents (any kinds).

    >>> fam = FixedFamily(({"kind": "game", "states": ["w"], "prior": [1], "players": ["A"], "profiles": ["x"],
    ...                     "payoffs": {"w": {"x": [0]}}},))
    >>> len(list(enumerate_family(fam)))
    1
    """

    documents: tuple[dict[str, Any], ...] = ()

    def document(self, c: Choices) -> dict[str, Any]:
        """See :meth:`Family.document`.

        Parameters
        ----------
        c : Choices
            The choice stream.

        Returns
        -------
        dict
            One of the documents.
        """
        if not self.documents:
            raise InputError("FixedFamily: no documents")
        return self.documents[c.integer(0, len(self.documents) - 1)] if len(self.documents) > 1 else self.documents[0]


def strategy(family: Family) -> Any:
    """A hypothesis strategy of the family's games (shrinking towards smaller, simpler games).

    Parameters
    ----------
    family : Family
        The family.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Strategy of game models.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(strategy(SenderReceiverFamily()))
    ... def t(g):
    ...     assert len(g.states) == 2
    >>> t()
    """
    from hypothesis import strategies as st

    @st.composite
    def games(draw: Callable[[Any], Any]) -> Any:
        return family.game(_DrawChoices(draw))

    return games()


def sample(family: Family, n: int, seed: int = 0) -> list[Any]:
    """``n`` games drawn with ``random.Random(seed)``: the same list for the same seed.

    Parameters
    ----------
    family : Family
        The family.
    n : int
        How many.
    seed : int
        The seed.

    Returns
    -------
    list
        Game models.

    >>> sample(SenderReceiverFamily(), 3, seed=1) == sample(SenderReceiverFamily(), 3, seed=1)
    True
    """
    c = RandomChoices(seed)
    return [family.game(c) for _ in range(n)]


def _advance(taken: list[tuple[int, int, int]]) -> list[int] | None:
    """The next prefix of the odometer (None when every choice is at its top)."""
    for k in range(len(taken) - 1, -1, -1):
        v, _, hi = taken[k]
        if v < hi:
            return [t[0] for t in taken[:k]] + [v + 1]
    return None


def enumerate_family(family: Family, limit: int = MAX_ENUMERATION) -> Iterator[Any]:
    """Every game of the family, each choice sequence once, in a fixed order.

    Different choice sequences can give equal games (e.g. ``0`` has one sign); they are yielded
    once each, in order of first appearance.

    Parameters
    ----------
    family : Family
        The family (keep its ranges small).
    limit : int
        The largest number of choice sequences visited.

    Yields
    ------
    object
        Game models.

    Raises
    ------
    TooLargeError
        When the family has more than ``limit`` choice sequences (raised on reaching the limit).

    >>> fam = BilateralTradeFamily(costs=(1, 1), values=(2, 2), numbers=Numbers(bound=0), prior_weight=2)
    >>> len(list(enumerate_family(fam)))       # weights (1, 1) and (2, 2) give the same prior
    3
    """
    seen: set[str] = set()
    prefix: list[int] | None = []
    visited = 0
    while prefix is not None:
        visited += 1
        if visited > limit:
            raise TooLargeError(f"enumerate_family: more than {limit} choice sequences; shrink the family's ranges "
                                f"or raise limit")
        c = _OdometerChoices(prefix)
        doc = family.document(c)
        key = json.dumps(doc, sort_keys=True)
        if key not in seen:
            seen.add(key)
            yield loads_game(key)
        prefix = _advance(c.taken)


def game_text(game: Any) -> str:
    """The game as the text of a JSON game file (its canonical form, exact strings).

    Parameters
    ----------
    game : object
        A game model with ``canonical()``.

    Returns
    -------
    str
        JSON text that :func:`exactgame.games.loads_game` reads back to an equal model.

    >>> g = sample(GameFamily(), 1)[0]
    >>> loads_game(game_text(g)) == g
    True
    """
    return json.dumps(game.canonical(), indent=2, ensure_ascii=False) + "\n"


def write_game(game: Any, path: str) -> str:
    """Write :func:`game_text` to ``path`` (a ``.json`` game file).

    Parameters
    ----------
    game : object
        A game model with ``canonical()``.
    path : str
        The file to write.

    Returns
    -------
    str
        ``path``.

    >>> import tempfile, os
    >>> from exactgame.games import load_game
    >>> g = sample(SenderReceiverFamily(), 1)[0]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     load_game(write_game(g, os.path.join(d, "g.json"))) == g
    True
    """
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(game_text(game))
    return path
