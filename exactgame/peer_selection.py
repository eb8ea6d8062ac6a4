r"""Peer selection with ranking-based mechanisms (000_2cf035f6c25283ea.txt, Section 3.2).

One principal and :math:`k-1` agents; a state is a type profile
:math:`\omega = (\omega_1, \dots, \omega_{k-1})`. Action ``keep`` leaves the good with the
principal (all payoffs 0); action ``agent i`` gives it to agent ``i`` (payoff 1 to
``i``, the type-dependent value :math:`u_i(\omega_i) \in [-1, 1]` to the principal).

The **ranking-based mechanism** of Niemeyer and Preusser (2024), as described in the
paper: agents are ranked by *peer value* :math:`u_i(\omega_{-i}) = E[u_i \mid \omega_{-i}]`
(highest first; ties broken by agent order, an assumption the paper leaves open),
with normalised ranks :math:`r_i(\omega) \in \{1/(k-1), \dots, 1\}`. The principal
selects each of the :math:`\lfloor t(k-1) \rfloor` top-ranked agents (rank at most ``t``)
with probability :math:`1/(t(k-1))` and gives it the good iff its *robust rank*
:math:`r_i^*(\omega_{-i}) = \max_{\omega_i'} r_i(\omega_i', \omega_{-i})` is at most ``t`` and its
peer value is nonnegative; all other mass stays with the principal.

*The selection probability.* The paper (Section 3.2) says "each eligible agent is assigned
the good with a probability of at most :math:`1/(t(k-1))`, and any leftover probability mass is
kept by the principal". When :math:`t(k-1)` is an integer that is the uniform choice among the
top :math:`t(k-1)`; when it is not, only :math:`\lfloor t(k-1)\rfloor` agents have rank at most
``t``, and a uniform choice among them would give each :math:`1/\lfloor t(k-1)\rfloor > 1/(t(k-1))`
(for t = 9/10 and three agents, 1/2 instead of 10/27), against that bound. So each gets
:math:`1/(t(k-1))` and the principal keeps :math:`1 - \lfloor t(k-1)\rfloor/(t(k-1))` besides
(earlier versions of exactgame used the uniform choice). Either way the mechanism is DIC
(32): the allocation to ``i`` is :math:`1/(t(k-1))` times [robust rank at most t and nonnegative
peer value], and neither depends on :math:`\omega_i` (:func:`dic_violations` checks (32) for
any outcome).
The *informational size* is :math:`\delta(\omega) = \max_i\max_{\omega_i'}|r_i(\omega) - r_i(\omega_i', \omega_{-i})|` (eq. (33)).

**Proposition 7**: if :math:`t \ge \max\{1/(k-1) + \delta(\omega), 2/(k-1)\}` and some agent has a
nonnegative peer value in every state, the mechanism is generically inefficient
(every state has at least two actions, and :math:`2|\Omega| > k + |\Omega|`).

>>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
>>> inst.hypotheses_hold, inst.game.k, len(inst.game.states)
(True, 3, 4)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import product
from math import floor
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from .certificates import encode
from .errors import CertificateError, InputError, TooLargeError
from .results import Claim, certified, not_certified
from .games.model import Game, Outcome

if TYPE_CHECKING:
    from .efficiency import EfficiencyResult
from .numbers import to_fraction

__all__ = ["PeerSelection", "ranking_mechanism", "dic_violations", "MAX_STATES"]

#: Refuse type spaces with more profiles than this.
MAX_STATES = 4096


@dataclass(frozen=True)
class PeerSelection:
    """A peer-selection instance and the outcome of its ranking-based mechanism.

    Attributes
    ----------
    game : Game
        Players ``principal, agent1, ...``; states ``t1|t2|...``; profiles ``keep``, ``agent{i}``.
    outcome : Outcome
        The mechanism's allocation in each state.
    threshold : Fraction
        ``t``.
    peer_values, ranks : mapping
        ``state -> (u_i(w_-i))_i`` and ``state -> (r_i(w))_i``.
    informational_size : mapping
        ``state -> delta(w)`` of eq. (33).
    hypotheses_hold : bool
        Whether Proposition 7's hypotheses hold in every state.
    why_not : tuple of str
        The states and conditions where they fail.
    inputs : tuple
        ``(type_sets, values, t, prior)`` as given, for :meth:`verify`.

    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    >>> inst.peer_values["lo|hi"], inst.ranks["lo|hi"]      # independent types: E[u_i]
    ((Fraction(1, 12), Fraction(19, 40)), (Fraction(1, 1), Fraction(1, 2)))
    >>> inst.outcome.dist["lo|hi"], inst.efficiency().efficient
    ({'agent1': Fraction(1, 2), 'agent2': Fraction(1, 2)}, False)
    """

    game: Game
    outcome: Outcome
    threshold: Fraction
    peer_values: Mapping[str, tuple[Fraction, ...]]
    ranks: Mapping[str, tuple[Fraction, ...]]
    informational_size: Mapping[str, Fraction]
    hypotheses_hold: bool
    why_not: tuple[str, ...]
    inputs: tuple = field(default=(), repr=False, compare=False)   # (type_sets, values, t, prior) as given

    def efficiency(self) -> EfficiencyResult:
        """Definition 1 for the mechanism's outcome, certified (Proposition 7's conclusion).

        Returns
        -------
        EfficiencyResult
            The efficiency of :attr:`outcome` under the game's prior.
        """
        from .efficiency import efficiency

        return efficiency(self.game, self.outcome)

    def verify(self) -> bool:
        """Rebuild the instance from its inputs and compare (the mechanism is a definition, so a
        re-computation is its proof), check DIC (32), and verify the efficiency certificate.

        Returns
        -------
        bool
            True; a mismatch or failure raises :class:`~exactgame.errors.CertificateError`.
        """
        if self.inputs:
            again = ranking_mechanism(*self.inputs)
            for key in ("outcome", "peer_values", "ranks", "informational_size", "hypotheses_hold"):
                if getattr(again, key) != getattr(self, key):
                    raise CertificateError(f"peer selection: {key} is not the ranking-based mechanism's")
        bad = dic_violations(self.game, self.outcome, self.type_sets())
        if bad:
            raise CertificateError(f"peer selection: the outcome is not DIC (32): {bad[0]}")
        self.efficiency().verify()
        return True

    def type_sets(self) -> list[list[str]]:
        """Each agent's types (as given; else read off the state names ``t1|t2|...``).

        Returns
        -------
        list of list of str
            One list of type names per agent.
        """
        if self.inputs:
            return [list(map(str, ts)) for ts in self.inputs[0]]
        cols = list(zip(*(w.split("|") for w in self.game.states)))
        return [list(dict.fromkeys(c)) for c in cols]

    def to_dict(self) -> dict[str, Any]:
        """The instance's answers as JSON-ready data with exact strings.

        Returns
        -------
        dict
            ``threshold``, ``outcome``, ``peer_values``, ``ranks``, ``informational_size``,
            ``hypotheses_hold``, ``why_not``, ``dic``, ``efficient``, ``actions_taken``, ``bound``
            and ``certificates`` (the efficiency witness).
        """
        eff = self.efficiency()
        return {"threshold": encode(self.threshold), "outcome": encode({w: dict(self.outcome.dist[w]) for w in self.game.states}),
                "peer_values": encode(self.peer_values), "ranks": encode(self.ranks),
                "informational_size": encode(self.informational_size), "hypotheses_hold": self.hypotheses_hold,
                "why_not": list(self.why_not), "dic": not dic_violations(self.game, self.outcome, self.type_sets()),
                "efficient": eff.efficient, "actions_taken": eff.actions_taken, "bound": eff.bound,
                "certificates": {"efficiency": eff.certificate.witness()}}

    def claims(self) -> list[Claim]:
        """Each answer key with what proves it (the result protocol).

        Returns
        -------
        list of Claim
            ``outcome`` and ``hypotheses_hold`` are re-computed, not certified; ``dic`` and
            ``efficient`` are certified.
        """
        return [not_certified("outcome", "the ranking-based mechanism's definition, re-computed by verify() "
                              "(no independent checker for it)"),
                not_certified("hypotheses_hold", "Proposition 7's hypotheses, evaluated from the ranks (re-computed)"),
                certified("dic", proves="(32) checked on every agent, report and others' types"),
                certified("efficient", "certificates/efficiency", proves="Definition 1 for the outcome (Proposition 7's conclusion)")]


def dic_violations(game: Game, outcome: Outcome, type_sets: Sequence[Sequence[str]], limit: int = 5) -> list[str]:
    r"""Where an outcome of a peer-selection game breaks DIC (32):
    :math:`\mu(i \mid \omega_i, \omega_{-i}) \ge \mu(i \mid \omega'_i, \omega_{-i})` for all reports.

    States are named ``t1|t2|...`` (one type per agent) and action ``agent{i}`` gives agent i the
    good. Returns up to ``limit`` violations in words (empty: DIC holds).

    Parameters
    ----------
    game : Game
        A peer-selection game (as built by :func:`ranking_mechanism`).
    outcome : Outcome
        The allocation to check.
    type_sets : sequence of sequence of str
        Each agent's types, in state-name order.
    limit : int
        The most violations reported.

    Returns
    -------
    list of str
        The violations found, in agent, others' types, true type, report order.

    Examples
    --------
    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    >>> dic_violations(inst.game, inst.outcome, [["lo", "hi"], ["lo", "hi"]])
    []
    """
    out: list[str] = []
    for i, ts in enumerate(type_sets):
        agent = f"agent{i + 1}"
        others = product(*(t for j, t in enumerate(type_sets) if j != i))
        for rest in others:
            def state(x):
                w = list(rest)
                w.insert(i, x)
                return "|".join(w)
            probs = {x: outcome.dist[state(x)].get(agent, Fraction(0)) for x in ts}
            # (32) for every true type and every report: the true type's probability is the largest
            for x in ts:
                for y in ts:
                    if probs[x] < probs[y] and len(out) < limit:
                        out.append(f"{agent} of type {x} gets {probs[x]} truthfully but {probs[y]} by reporting {y} "
                                   f"(others {'|'.join(rest)})")
    return out


def ranking_mechanism(type_sets: Sequence[Sequence[str]], values: Sequence[Mapping[str, Any]], t: Any,
                      prior: Mapping[tuple, Any] | None = None) -> PeerSelection:
    """Build the game and the ranking-based mechanism's outcome.

    States are named ``t1|t2|...`` (one type per agent, in the order of ``type_sets``); the
    players are ``principal`` and ``agent1..agent{k-1}``; the profiles are ``keep`` and
    ``agent{i}`` (the payoff vector is (u_i(w_i), 0, ..., 1 at agent i, ..., 0)).

    Parameters
    ----------
    type_sets : one list of type names per agent (at least two types each, k >= 3)
    values : per agent, type -> the principal's value u_i in [-1, 1]
    t : threshold in (0, 1]
    prior : type profile (tuple) -> probability; default independent uniform

    Returns
    -------
    PeerSelection
        The game, the mechanism's outcome, the peer values, ranks and informational sizes per
        state, and whether Proposition 7's hypotheses hold (``why_not`` otherwise).

    Raises
    ------
    InputError
        On fewer than two agents, a missing value table, an agent with one type, ``t`` outside
        (0, 1], a value outside [-1, 1], or a prior giving the others' types probability 0.
    TooLargeError
        Beyond :data:`MAX_STATES` type profiles.

    >>> inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}] * 3,
    ...                          t="9/10")
    >>> inst.outcome.dist["hi|hi|hi"]        # floor(t(k-1)) = 2 agents get 1/(t(k-1)) = 10/27 each
    {'agent1': Fraction(10, 27), 'agent2': Fraction(10, 27), 'keep': Fraction(7, 27)}
    """
    thr, u, size = _checked_inputs(type_sets, values, t)
    n = len(type_sets)
    profiles_t = list(product(*type_sets))
    if prior is None:
        p = {w: Fraction(1, size) for w in profiles_t}
    else:
        p = {tuple(w): to_fraction(q, where="ranking_mechanism: prior") for w, q in prior.items()}
    types = _TypeModel(profiles_t, p, u)
    agents = [f"agent{i + 1}" for i in range(n)]
    top_count = floor(thr * n)
    dist, pvs, rks, deltas, why = {}, {}, {}, {}, []
    for w in profiles_t:
        r = types.ranks(w)
        pv = tuple(types.peer_value(i, w) for i in range(n))
        robust = [max(types.ranks(w[:i] + (x,) + w[i + 1:])[i] for x in type_sets[i]) for i in range(n)]
        delta = max(abs(r[i] - types.ranks(w[:i] + (x,) + w[i + 1:])[i]) for i in range(n) for x in type_sets[i])
        dist[_state_name(w)] = _allocation(r, pv, robust, thr, top_count, agents)
        pvs[_state_name(w)], rks[_state_name(w)], deltas[_state_name(w)] = pv, r, delta
        if thr < max(Fraction(1, n) + delta, Fraction(2, n)):
            why.append(f"state {_state_name(w)}: t < max(1/(k-1) + delta, 2/(k-1))")
        if all(x < 0 for x in pv):
            why.append(f"state {_state_name(w)}: no agent has a nonnegative peer value")
    payoffs: dict[str, dict[str, tuple[Fraction, ...]]] = {}
    for w in profiles_t:
        prow: dict[str, tuple[Fraction, ...]] = {"keep": (Fraction(0),) * (n + 1)}
        for i, a in enumerate(agents):
            prow[a] = (u[i][w[i]],) + tuple(Fraction(int(j == i)) for j in range(n))
        payoffs[_state_name(w)] = prow
    game = Game([_state_name(w) for w in profiles_t], [p.get(w, Fraction(0)) for w in profiles_t], ["principal"] + agents,
                ["keep"] + agents, payoffs)
    return PeerSelection(game, game.make_outcome(dist), thr, pvs, rks, deltas, not why, tuple(why),
                         (type_sets, values, t, prior))


def _state_name(w: Sequence[str]) -> str:
    return "|".join(w)


def _checked_inputs(type_sets: Sequence[Sequence[str]], values: Sequence[Mapping[str, Any]],
                    t: Any) -> tuple[Fraction, list[dict[str, Fraction]], int]:
    """``(t, u, number of type profiles)`` with ``u[i][type]`` exact; InputError or TooLargeError otherwise."""
    n = len(type_sets)
    if n < 2:
        raise InputError("ranking_mechanism: need k >= 3 players, i.e. at least two agents")
    if len(values) != n:
        raise InputError("ranking_mechanism: one value table per agent")
    size = 1
    for i, ts in enumerate(type_sets):
        if len(ts) < 2:
            raise InputError(f"ranking_mechanism: agent {i + 1} needs at least two types")
        size *= len(ts)
    if size > MAX_STATES:
        raise TooLargeError(f"ranking_mechanism: {size} type profiles, more than the limit {MAX_STATES}")
    thr = to_fraction(t, where="ranking_mechanism: t")
    if not 0 < thr <= 1:
        raise InputError("ranking_mechanism: the threshold t must lie in (0, 1]")
    u = [{ti: to_fraction(values[i][ti], where=f"values[{i}].{ti}") for ti in ts} for i, ts in enumerate(type_sets)]
    if any(not -1 <= x <= 1 for ui in u for x in ui.values()):
        raise InputError("ranking_mechanism: values must lie in [-1, 1]")
    return thr, u, size


@dataclass(frozen=True)
class _TypeModel:
    """The type profiles, their prior and the principal's values: peer values and ranks."""

    profiles: list[tuple[str, ...]]
    prior: Mapping[tuple, Fraction]
    values: list[dict[str, Fraction]]

    def peer_value(self, i: int, w: tuple) -> Fraction:
        """``u_i(w_-i) = E[u_i | w_-i]``."""
        n = len(self.values)
        rows = [(v, self.prior.get(v, Fraction(0))) for v in self.profiles if all(v[j] == w[j] for j in range(n) if j != i)]
        mass = sum(q for _, q in rows)
        if mass == 0:
            raise InputError(f"ranking_mechanism: the prior gives the others' types {w} probability 0")
        return sum(q * self.values[i][v[i]] for v, q in rows) / mass

    def ranks(self, w: tuple) -> tuple[Fraction, ...]:
        """Normalised ranks by peer value, highest first, ties by agent order."""
        n = len(self.values)
        pv = [self.peer_value(i, w) for i in range(n)]
        order = sorted(range(n), key=lambda i: (-pv[i], i))
        r = [Fraction(0)] * n
        for pos, i in enumerate(order, start=1):
            r[i] = Fraction(pos, n)
        return tuple(r)


def _allocation(r: Sequence[Fraction], pv: Sequence[Fraction], robust: Sequence[Fraction], thr: Fraction,
                top_count: int, agents: Sequence[str]) -> dict[str, Fraction]:
    """One state's row of the mechanism: 1/(t(k-1)) to each top-ranked agent with robust rank at most
    t and a nonnegative peer value, the rest kept by the principal."""
    n = len(agents)
    top = [i for i in range(n) if r[i] <= Fraction(top_count, n)]
    row: dict[str, Fraction] = {}
    if top:
        share = 1 / (thr * n)       # the paper's "at most 1/(t(k-1))"; see the module docstring
        for i in top:
            if robust[i] <= thr and pv[i] >= 0:
                row[agents[i]] = share
    kept = 1 - sum(row.values(), Fraction(0))
    if kept:
        row["keep"] = kept
    return row
