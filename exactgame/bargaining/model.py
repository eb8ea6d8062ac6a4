r"""Informational bargaining problems (002_b82d6ff4761a0a82.txt, Section 2).

Agents :math:`N = \{1..n\}` agree on an information structure for one receiver. An
information structure is a matrix :math:`\pi(a|\omega)` (rows sum to 1); it is
incentive compatible (IC) when the receiver is willing to follow every recommendation:

.. math:: \sum_\omega \mu_0(\omega)\pi(a|\omega)[u_r(a,\omega) - u_r(a',\omega)] \ge 0 \quad \forall a, a'

(the posterior form of Section 2 multiplied by the probability of ``a``; trivially true
for unused ``a``). :math:`\Pi` is the polytope of IC structures. Under the tie-breaking
Assumption 3 the receiver follows IC recommendations, so agent ``i`` gets
:math:`E(u_i|\pi) = \sum_\omega\mu_0(\omega)\sum_a\pi(a|\omega)u_i(a,\omega)` (eq. (1)).

The disagreement structure :math:`\pi_0` is full information (the receiver's optimal
action in each state; with ties, the first optimal action in the file's order), no
information (the first optimal action at the prior), or an explicit IC table.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..display.mixin import Displayable
from ..errors import InputError, TooLargeError
from ..games.files import get, register_kind, require_keys
from ..games.model import check_names, check_prior, check_rows, exact_strings
from ..numbers import fmt, to_fraction, Vector

__all__ = ["BargainingProblem", "MAX_STRUCTURE_ENTRIES"]

#: Refuse problems whose information structures have more entries than this.
MAX_STRUCTURE_ENTRIES = 5_000

Structure = dict[str, dict[str, Fraction]]


@dataclass(frozen=True, repr=False)
class BargainingProblem(Displayable):
    """An informational bargaining problem: states, an interior prior, the receiver's actions and
    payoffs, the agents' payoffs, and the disagreement structure pi_0.

    Payoff tables are indexed ``[state][action index]`` (``receiver[w][j]`` is u_r(a_j, w),
    ``payoffs[i][w][j]`` is u_i(a_j, w)), with actions in the file's order. A structure
    (:data:`Structure`) maps each state to ``{action: probability}`` and omits zero entries. Build
    it with :meth:`make`, which validates everything (the dataclass constructor does not).

    >>> prob = BargainingProblem.make(["w1", "w2"], ["1/3", "2/3"], ["a1", "a2"], ["A", "B"],
    ...     {"receiver": {"w1": [1, 0], "w2": [0, 1]}, "A": {"w1": [1, 0], "w2": [1, 0]},
    ...      "B": {"w1": [1, 0], "w2": [0, 1]}}, "no-information")
    >>> prob.disagreement_structure()
    {'w1': {'a2': Fraction(1, 1)}, 'w2': {'a2': Fraction(1, 1)}}
    >>> prob.disagreement(), prob.payoff(prob.full_information())
    ((Fraction(0, 1), Fraction(2, 3)), (Fraction(1, 3), Fraction(1, 1)))
    """

    states: tuple[str, ...]
    prior: Vector
    actions: tuple[str, ...]
    agents: tuple[str, ...]
    receiver: Mapping[str, Vector]  # state -> one payoff per action
    payoffs: Mapping[str, Mapping[str, Vector]]  # agent -> state -> one payoff per action
    disagreement_spec: Any = "full-information"
    #: the receiver's choice among optimal actions in the full/no-information disagreement: "first"
    #: or "last" in file order, or an agent's name (the best action for that agent, then the first)
    tie_break: str = "first"

    @classmethod
    def make(cls, states, prior, actions, agents, payoffs, disagreement="full-information",
             tie_break: str = "first") -> "BargainingProblem":
        """Build and validate a problem from a game file's data.

        Parameters
        ----------
        states : sequence of str
            State names, distinct.
        prior : sequence of numbers
            mu_0, one exact number per state (ints, Fractions or strings such as ``"1/3"``);
            nonnegative, summing to 1, and interior (every state positive, as the paper assumes).
        actions : sequence of str
            The receiver's actions, distinct; their order is the tie-break order.
        agents : sequence of str
            The agents' names, distinct; ``"receiver"`` is reserved.
        payoffs : mapping
            ``{"receiver": table, agent: table, ...}``, each table ``{state: [one payoff per action]}``.
        disagreement : str or mapping, optional
            ``"full-information"`` (default), ``"no-information"``, or an explicit IC table
            ``{state: {action: probability}}``.
        tie_break : str, optional
            The receiver's choice among optimal actions in the full/no-information disagreement:
            ``"first"`` (default) or ``"last"`` in file order, or an agent's name (the best optimal
            action for that agent, then the first such).

        Returns
        -------
        BargainingProblem
            The problem with exact Fractions throughout.

        Raises
        ------
        InputError
            A malformed name list, prior, table, tie-break or disagreement structure (also one that
            is not IC); the message names the key.
        TooLargeError
            More than :data:`MAX_STRUCTURE_ENTRIES` state-action pairs.
        """
        S = check_names(states, "states")
        A = check_names(actions, "actions")
        N = check_names(agents, "agents")
        if "receiver" in N:
            raise InputError("'receiver' names the receiver's payoffs; choose another agent name", where="agents")
        if len(S) * len(A) > MAX_STRUCTURE_ENTRIES:
            raise TooLargeError(f"{len(S)} states x {len(A)} actions: information structures with more than "
                                f"{MAX_STRUCTURE_ENTRIES} entries are refused", where="actions")
        p = check_prior(prior, S)
        if any(x == 0 for x in p):
            raise InputError("the prior must be interior (every state positive), as the paper assumes", where="prior")

        if not isinstance(payoffs, Mapping):
            raise InputError("expected tables [payoffs.receiver] and one per agent", where="payoffs")
        extra = sorted(set(payoffs) - set(N) - {"receiver"})
        if extra:
            raise InputError(f"unknown table(s) {', '.join(map(repr, extra))}; agents are {', '.join(N)}", where="payoffs")
        if "receiver" not in payoffs:
            raise InputError("missing the table [payoffs.receiver]", where="payoffs")
        rec = check_rows(payoffs["receiver"], S, A, "payoffs.receiver")
        ag = {}
        for i in N:
            if i not in payoffs:
                raise InputError(f"missing the table [payoffs.{i}]", where="payoffs")
            ag[i] = check_rows(payoffs[i], S, A, f"payoffs.{i}")
        if not isinstance(tie_break, str) or tie_break not in ("first", "last", *N):
            raise InputError(f"expected 'first', 'last' or an agent's name ({', '.join(N)})", where="tie_break")
        prob = cls(S, tuple(p), A, N, rec, ag, disagreement, tie_break)
        prob.disagreement_structure()  # validate now
        return prob

    def canonical(self) -> dict[str, Any]:
        """The game-file structure (``kind = "bargaining"``) with exact strings, names in file order.

        Returns
        -------
        dict
            What :meth:`make` reads back to an equal problem; an explicit disagreement table is
            written without its zero entries, ``tie_break`` only when it is not ``"first"``.
        """
        spec = self.disagreement_spec
        if not isinstance(spec, str):
            pi = self.disagreement_structure()
            spec = {w: {a: fmt(pi[w][a]) for a in self.actions if pi[w].get(a)} for w in self.states}
        tables = {"receiver": self.receiver, **{i: self.payoffs[i] for i in self.agents}}
        out = {"kind": "bargaining", "states": list(self.states), "prior": exact_strings(self.prior),
               "actions": list(self.actions), "agents": list(self.agents), "disagreement": spec,
               "payoffs": {who: {w: exact_strings(t[w]) for w in self.states} for who, t in tables.items()}}
        if self.tie_break != "first" and isinstance(self.disagreement_spec, str):
            out["tie_break"] = self.tie_break
        return out

    def _tie(self, actions: list[str], w: str | None) -> str:
        """The disagreement's tie-break among optimal ``actions`` (in state ``w``, or at the prior)."""
        if self.tie_break == "first" or len(actions) == 1:
            return actions[0]
        if self.tie_break == "last":
            return actions[-1]
        i = self.tie_break

        def value(a: str) -> Fraction:
            return (self.payoffs[i][w][self.actions.index(a)] if w is not None else
                    sum((p * self.payoffs[i][v][self.actions.index(a)] for p, v in zip(self.prior, self.states)),
                        Fraction(0)))
        best = max(value(a) for a in actions)
        return next(a for a in actions if value(a) == best)

    # -- structures ----------------------------------------------------------------
    def optimal_actions(self, belief: Sequence[Fraction]) -> list[str]:
        """The receiver's optimal actions at a belief: argmax_a sum_w belief(w) u_r(a, w).

        Parameters
        ----------
        belief : sequence of Fraction
            One probability per state, in the order of :attr:`states`.

        Returns
        -------
        list of str
            Every maximiser (exact ties kept), in the file's order of actions.
        """
        ev = [sum(q * self.receiver[w][j] for q, w in zip(belief, self.states)) for j in range(len(self.actions))]
        top = max(ev)
        return [a for a, v in zip(self.actions, ev) if v == top]

    def full_information(self) -> Structure:
        """The structure revealing the state: pi(a(w) | w) = 1 for the first optimal action a(w).

        Returns
        -------
        Structure
            One point mass per state (ties broken by file order, whatever :attr:`tie_break` says).
        """
        return {w: {self.optimal_actions([Fraction(int(v == w)) for v in self.states])[0]: Fraction(1)} for w in self.states}

    def no_information(self) -> Structure:
        """The uninformative structure: the first optimal action at the prior, in every state.

        Returns
        -------
        Structure
            The same point mass in every state.
        """
        a = self.optimal_actions(self.prior)[0]
        return {w: {a: Fraction(1)} for w in self.states}

    def disagreement_structure(self) -> Structure:
        """The disagreement structure pi_0, validated.

        Full information recommends in each state the receiver's optimal action there, no
        information the optimal action at the prior; ties among optimal actions follow
        :attr:`tie_break`. An explicit table is read exactly and must be IC.

        Returns
        -------
        Structure
            pi_0 without zero entries.

        Raises
        ------
        InputError
            An unknown specification, a row that is not a distribution over known actions, or a
            table that is not IC (the message says which recommendation is not followed).
        """
        spec = self.disagreement_spec
        if spec == "full-information":
            return {w: {self._tie(self.optimal_actions([Fraction(int(v == w)) for v in self.states]), w): Fraction(1)}
                    for w in self.states}
        if spec == "no-information":
            a = self._tie(self.optimal_actions(self.prior), None)
            return {w: {a: Fraction(1)} for w in self.states}
        if not isinstance(spec, Mapping):
            raise InputError("expected 'full-information', 'no-information' or a table state -> {action = prob}",
                             where="disagreement")
        return self._table_structure(spec)

    def _table_structure(self, spec: Mapping[str, Any]) -> Structure:
        """An explicit disagreement table ``{state: {action: probability}}``, read exactly and checked IC."""
        pi: Structure = {}
        for w in self.states:
            row = spec.get(w)
            if not isinstance(row, Mapping):
                raise InputError(f"missing the distribution of state {w!r}", where="disagreement")
            d = {}
            for a, q in row.items():
                if a not in self.actions:
                    raise InputError(f"unknown action {a!r}", where=f"disagreement.{w}")
                d[a] = to_fraction(q, where=f"disagreement.{w}.{a}")
                if d[a] < 0:
                    raise InputError("negative probability", where=f"disagreement.{w}.{a}")
            if sum(d.values()) != 1:
                raise InputError(f"the probabilities sum to {sum(d.values())}, not 1", where=f"disagreement.{w}")
            pi[w] = {a: q for a, q in d.items() if q}
        bad = self.ic_violation(pi)
        if bad:
            raise InputError(f"the disagreement structure is not incentive compatible: {bad}", where="disagreement")
        return pi

    def ic_violation(self, pi: Structure) -> str | None:
        """Which obedience constraint of ``pi`` fails, if any.

        ``pi`` is IC when sum_w mu_0(w) pi(a|w) [u_r(a, w) - u_r(b, w)] >= 0 for all a, b (actions
        that are never recommended are skipped).

        Parameters
        ----------
        pi : Structure
            ``{state: {action: probability}}``; a missing action has probability 0.

        Returns
        -------
        str or None
            None if ``pi`` is IC, else the first recommendation (in action order) after which the
            receiver strictly prefers another action, as a sentence.
        """
        for j, a in enumerate(self.actions):
            weights = [p * pi[w].get(a, Fraction(0)) for p, w in zip(self.prior, self.states)]
            if not any(weights):
                continue
            follow = sum(x * self.receiver[w][j] for x, w in zip(weights, self.states))
            for k, b in enumerate(self.actions):
                if sum(x * self.receiver[w][k] for x, w in zip(weights, self.states)) > follow:
                    return f"after the recommendation {a!r} the receiver prefers {b!r}"
        return None

    def is_discrete(self, pi: Structure) -> bool:
        """Definition 1: whether the receiver has a unique optimal action at every posterior ``pi`` induces.

        Parameters
        ----------
        pi : Structure
            ``{state: {action: probability}}``.

        Returns
        -------
        bool
            True iff each recommendation with positive probability has exactly one optimal action at
            its posterior mu_0(w) pi(a|w) / sum_v mu_0(v) pi(a|v).
        """
        for a in self.actions:
            weights = [p * pi[w].get(a, Fraction(0)) for p, w in zip(self.prior, self.states)]
            if any(weights) and len(self.optimal_actions([x / sum(weights) for x in weights])) != 1:
                return False
        return True

    def payoff(self, pi: Structure) -> Vector:
        """The agents' expected payoffs E(u_i | pi) = sum_w mu_0(w) sum_a pi(a|w) u_i(a, w) (eq. (1)).

        The receiver is assumed to follow the recommendation (Assumption 3); ``pi`` is not checked.

        Parameters
        ----------
        pi : Structure
            ``{state: {action: probability}}``.

        Returns
        -------
        Vector
            One exact payoff per agent, in the order of :attr:`agents`.
        """
        return tuple(sum((p * q * self.payoffs[i][w][self.actions.index(a)]
                          for p, w in zip(self.prior, self.states) for a, q in pi[w].items()), Fraction(0))
                     for i in self.agents)

    def disagreement(self) -> Vector:
        """The disagreement payoffs d = E(u | pi_0).

        Returns
        -------
        Vector
            One exact payoff per agent.
        """
        return self.payoff(self.disagreement_structure())

    def state_independent(self) -> bool:
        """Assumption 1: whether every agent's payoff depends on the action only.

        Returns
        -------
        bool
            True iff ``payoffs[i][w]`` is the same row in every state, for every agent.
        """
        return all(len({self.payoffs[i][w] for w in self.states}) == 1 for i in self.agents)


def _load(doc: Mapping[str, Any]) -> BargainingProblem:
    kind = "bargaining"
    require_keys(doc, {"kind", "states", "prior", "actions", "agents", "disagreement", "tie_break", "payoffs", "title",
                       "source", "description"}, "file")
    return BargainingProblem.make(get(doc, "states", kind), get(doc, "prior", kind), get(doc, "actions", kind),
                                  get(doc, "agents", kind), get(doc, "payoffs", kind), doc.get("disagreement", "full-information"),
                                  doc.get("tie_break", "first"))


register_kind("bargaining", _load)
