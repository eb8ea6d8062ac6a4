r"""Selection environments and endorsement rules (002_b82d6ff4761a0a82.txt, Section 4.1).

A *selection environment* (Definition 2) has states :math:`\omega_0, \dots, \omega_n` and actions
:math:`a_0, \dots, a_n` (``a_i`` selects agent ``i``, ``a_0`` selects nobody); the receiver earns
:math:`x_j` for the correct guess and 0 otherwise. An *endorsement rule* (Definition 3) is an
IC structure with :math:`\pi(a_i|\omega_i) = 1` for every agent. A structure is *robust to
ex-post deviations* (eq. (7)) if after no recommendation can an agent gain by a further
IC disclosure at the induced posterior (an LP per recommendation and agent).

**Where the paper and the computation disagree.** The Introduction says its election rule
(endorse Left or Right with probability 1/8 each in the Centrist state) is robust to ex-post
deviations. It is not: after the endorsement "L" the posterior is (left 1/2, centre 1/2), the
voter is indifferent between L and C, and the Right party can reveal more so that the voter
picks C (an IC structure at that posterior), gaining 1 over the 0 it gets from L (eq. (7) fails).
Theorem 3 does not contradict this: the election is not a selection environment, since
Definition 2 (iii) fails (each party prefers the Centrist, a_0, to the other party). Proved by
:func:`robust_to_ex_post` (a certified LP at the posterior) and :func:`definition_2`; tested in
``tests/test_bargaining_sections.py``.

The symmetric builder realises Definition 4 with state-independent agent payoffs:
``H`` when selected, ``L`` when another agent is, ``Z`` when nobody is (H >= L > Z).
**Proposition 6**: the symmetric Nash, Kalai-Smorodinsky and egalitarian solutions are
the symmetric endorsement rule with :math:`\pi(a_i|\omega_0) = 1/n` if
:math:`x(1-\mu_0)/(x_0\mu_0) \ge 1` and :math:`x(1-\mu_0)/(n x_0\mu_0)` otherwise
(:math:`\mu_0 = \mu_0(\omega_0)`).

>>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
>>> [str(q) for q in proposition_6_rule(env, 2, 1, 1, "4/5")["w0"].values()][:2]
['3/4', '1/8']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Mapping

from ..errors import InputError
from ..numbers import to_fraction
from .bargaining_set import maximize_over_ic
from .model import BargainingProblem, Structure

__all__ = ["symmetric_selection", "proposition_6_rule", "is_endorsement_rule", "robust_to_ex_post", "definition_2",
           "SelectionEnvironment", "selection_report", "read_structure"]


def symmetric_selection(n: int, x: Any, x0: Any, mu0: Any, H: Any, L: Any, Z: Any,
                        disagreement: Any = "full-information") -> BargainingProblem:
    """A symmetric selection environment with ``n`` agents (Definitions 2 and 4).

    States ``w0..wn`` with prior mu_0(w0) = ``mu0`` and (1 - mu0)/n on each other state; actions
    ``a0..an`` (``a_i`` selects agent i, ``a0`` nobody). The receiver earns ``x0`` for ``a0`` in
    ``w0``, ``x`` for ``a_i`` in ``w_i`` and 0 otherwise; agent i gets ``H`` when selected, ``L``
    when another agent is and ``Z`` when nobody is, in every state.

    Parameters
    ----------
    n : int
        The number of agents, at least 2.
    x, x0 : number
        The receiver's payoffs for a correct selection and for correctly selecting nobody (> 0).
    mu0 : number
        mu_0(w0), strictly between 0 and 1.
    H, L, Z : number
        The agents' payoffs, H >= L > Z.
    disagreement : str or mapping, optional
        As in :meth:`~.model.BargainingProblem.make` (default ``"full-information"``).

    Returns
    -------
    BargainingProblem
        Agents ``agent1..agentn``.

    Raises
    ------
    InputError
        When the parameters violate Definition 2: n < 2, mu0 not in (0, 1), x or x0 not positive,
        mu0 x0 <= (1 - mu0) x / n (the receiver would select someone at the prior), or not H >= L > Z.

    >>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
    >>> env.prior, env.payoffs["agent1"]["w0"]
    ((Fraction(4, 5), Fraction(1, 10), Fraction(1, 10)), (Fraction(0, 1), Fraction(3, 1), Fraction(1, 1)))
    """
    x, x0, mu0, H, L, Z = (to_fraction(v, where="symmetric_selection") for v in (x, x0, mu0, H, L, Z))
    if n < 2 or not (0 < mu0 < 1) or x <= 0 or x0 <= 0:
        raise InputError("symmetric_selection: need n >= 2, 0 < mu0 < 1 and positive x, x0")
    if not mu0 * x0 > (1 - mu0) / n * x:
        raise InputError("symmetric_selection: Definition 2 needs mu0(w0) x0 > mu0(w_i) x (no selection at the prior)")
    if not H >= L > Z:
        raise InputError("symmetric_selection: Definition 2 needs H >= L > Z")
    states = [f"w{j}" for j in range(n + 1)]
    actions = [f"a{j}" for j in range(n + 1)]
    receiver = {f"w{j}": [(x0 if j == 0 else x) if k == j else 0 for k in range(n + 1)] for j in range(n + 1)}
    agents = {f"agent{i}": {w: [Z] + [H if k == i else L for k in range(1, n + 1)] for w in states} for i in range(1, n + 1)}
    prior = [mu0] + [(1 - mu0) / n] * n
    return BargainingProblem.make(states, prior, actions, list(agents), {"receiver": receiver, **agents}, disagreement)


def proposition_6_rule(env: BargainingProblem, n: int, x: Any, x0: Any, mu0: Any) -> Structure:
    """The symmetric endorsement rule of Proposition 6's closed form.

    pi(a_i | w_i) = 1 for every agent, and in w0 each a_i gets q = 1/n if
    x (1 - mu0) / (x0 mu0) >= 1, else q = x (1 - mu0) / (n x0 mu0); a0 gets the rest, 1 - n q.

    Parameters
    ----------
    env : BargainingProblem
        The environment (from :func:`symmetric_selection`; only its shape is used).
    n : int
        The number of agents.
    x, x0, mu0 : number
        The environment's parameters, as given to :func:`symmetric_selection`.

    Returns
    -------
    Structure
        The rule, without zero entries.

    >>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
    >>> proposition_6_rule(env, 2, 1, 1, "4/5")["w0"]
    {'a0': Fraction(3, 4), 'a1': Fraction(1, 8), 'a2': Fraction(1, 8)}
    """
    x, x0, mu0 = (to_fraction(v) for v in (x, x0, mu0))
    ratio = x * (1 - mu0) / (x0 * mu0)
    q = Fraction(1, n) if ratio >= 1 else ratio / n
    rule: Structure = {"w0": {"a0": 1 - n * q, **{f"a{i}": q for i in range(1, n + 1)}}}
    rule["w0"] = {a: v for a, v in rule["w0"].items() if v}
    for i in range(1, n + 1):
        rule[f"w{i}"] = {f"a{i}": Fraction(1)}
    return rule


def is_endorsement_rule(env: BargainingProblem, pi: Structure) -> bool:
    """Definition 3: ``pi`` is IC and pi(a_i | w_i) = 1 for every agent i.

    Parameters
    ----------
    env : BargainingProblem
        An environment named as :func:`symmetric_selection` names it (states ``w_i``, actions ``a_i``).
    pi : Structure
        The structure to test.

    Returns
    -------
    bool
        Whether ``pi`` is an endorsement rule.

    >>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
    >>> is_endorsement_rule(env, proposition_6_rule(env, 2, 1, 1, "4/5")), is_endorsement_rule(env, env.no_information())
    (True, False)
    """
    return env.ic_violation(pi) is None and all(pi[f"w{i}"].get(f"a{i}", 0) == 1 for i in range(1, len(env.agents) + 1))


def robust_to_ex_post(prob: BargainingProblem, pi: Structure) -> tuple[bool, str | None]:
    """Eq. (7): after no recommendation can an agent gain by a further IC disclosure.

    For each recommendation a with positive probability and each agent i: with the posterior
    mu_a(w) proportional to mu_0(w) pi(a | w), the certified maximum of E(u_i | pi') over
    structures pi' that are IC at prior mu_a must not exceed sum_w mu_a(w) u_i(a, w).

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    pi : Structure
        The structure to test.

    Returns
    -------
    tuple
        ``(True, None)``, or ``(False, why)`` naming the first recommendation (in action order),
        the agent and its exact gain.

    >>> from exactgame.bargaining.examples import election
    >>> prob = election()
    >>> rule = {"left": {"L": 1}, "centre": {"L": Fraction(1, 8), "C": Fraction(3, 4), "R": Fraction(1, 8)},
    ...         "right": {"R": 1}}
    >>> robust_to_ex_post(prob, rule)
    (False, "after the recommendation 'L', right_party gains 1 by further disclosure")
    """
    for j, a in enumerate(prob.actions):
        mass = [p * pi[w].get(a, Fraction(0)) for p, w in zip(prob.prior, prob.states)]
        if not any(mass):
            continue
        post = tuple(m / sum(mass) for m in mass)
        at_post = replace(prob, prior=post)
        for k, i in enumerate(prob.agents):
            now = sum(q * prob.payoffs[i][w][j] for q, w in zip(post, prob.states))
            best, _, _, _ = maximize_over_ic(at_post, [Fraction(int(t == k)) for t in range(len(prob.agents))])
            if best > now:
                return False, f"after the recommendation {a!r}, {i} gains {best - now} by further disclosure"
    return True, None


@dataclass(frozen=True)
class SelectionEnvironment:
    """Definition 2 read off a bargaining problem: the correspondence it found and what fails.

    ``action_of[state]``: the receiver's action that is correct in the state (the only one with a
    positive payoff there); ``no_selection``: the state omega_0 whose action a_0 the receiver takes
    at the prior; ``agent_state[agent]``: the state in which the agent is the correct selection
    (where the agent's payoff is highest). ``failures`` names each condition that does not hold;
    Definition 2 holds iff it is empty.

    >>> env = definition_2(symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0))
    >>> env.no_selection, dict(env.agent_state), env.holds
    ('w0', {'agent1': 'w1', 'agent2': 'w2'}, True)
    """

    action_of: Mapping[str, str]
    no_selection: str | None
    agent_state: Mapping[str, str]
    failures: tuple[str, ...]

    @property
    def holds(self) -> bool:
        """Whether Definition 2 holds (no failure)."""
        return not self.failures


def definition_2(prob: BargainingProblem) -> SelectionEnvironment:
    r"""Check Definition 2 of 002_b82d6ff4761a0a82.txt on any bargaining problem (general payoffs).

    The correspondence is inferred, then (i)-(iv) are checked exactly: (i) in state
    :math:`\omega_j` only :math:`a_j = \bar a(\omega_j)` pays the receiver (:math:`x_j > 0`) and
    :math:`\mu_0(\omega_0) x_0 > \mu_0(\omega_j) x_j`; (ii) :math:`u_i(a_i, \omega_i) \ge u_i(a_j, \omega_{j'})`;
    (iii) :math:`u_i(a_{i'}, \omega_j) > u_i(a_0, \omega_j)`; (iv)
    :math:`\sum_i u_i(a_i, \omega_i) \ge \sum_i u_i(a_{j'}, \omega_j)`.

    Parameters
    ----------
    prob : BargainingProblem
        Any bargaining problem.

    Returns
    -------
    SelectionEnvironment
        The inferred correspondence and every failing condition (in the order (i) to (iv), each
        message once); when (i) fails the later conditions are not checked.

    >>> from exactgame.bargaining.examples import election
    >>> env = definition_2(election())
    >>> env.no_selection, dict(env.agent_state), env.holds
    ('centre', {'left_party': 'left', 'right_party': 'right'}, False)
    >>> env.failures[0][:60]
    '(iii) left_party prefers no selection (C) to the selection R'
    """
    S, A, N = prob.states, prob.actions, prob.agents
    fail: list[str] = []
    action_of, x = _correct_actions(prob, fail)
    if len(set(action_of.values())) != len(S) or len(S) != len(A) or len(S) != len(N) + 1:
        fail.append(f"(i) states and actions must correspond one to one, with one state per agent plus omega_0 "
                    f"({len(S)} states, {len(A)} actions, {len(N)} agents)")
        return SelectionEnvironment(action_of, None, {}, tuple(fail))
    a0 = prob.optimal_actions(prob.prior)[0]
    w0 = next(w for w in S if action_of[w] == a0)
    for w in S:
        if w != w0 and not prob.prior[S.index(w0)] * x[w0] > prob.prior[S.index(w)] * x[w]:
            fail.append(f"(i) mu0({w0}) x0 > mu0({w}) x fails")
    col = {a: A.index(a) for a in A}
    agent_state = _agent_states(prob, action_of, w0, col, fail)
    if fail:
        return SelectionEnvironment(action_of, w0, agent_state, tuple(fail))
    _conditions_ii_to_iv(prob, action_of, agent_state, a0, col, fail)
    return SelectionEnvironment(action_of, w0, agent_state, tuple(dict.fromkeys(fail)))


def _correct_actions(prob: BargainingProblem, fail: list[str]) -> tuple[dict[str, str], dict[str, Fraction]]:
    """Definition 2 (i), per state: the one action paying the receiver x > 0 there (the others 0),
    and x; a state without one is appended to ``fail`` and left out."""
    action_of: dict[str, str] = {}
    x: dict[str, Fraction] = {}
    for w in prob.states:
        pos = [a for a, v in zip(prob.actions, prob.receiver[w]) if v > 0]
        others = [v for v in prob.receiver[w] if v != 0 and v <= 0]
        if len(pos) != 1 or others:
            fail.append(f"(i) in state {w!r} the receiver must earn x > 0 from exactly one action and 0 from the others")
            continue
        action_of[w], x[w] = pos[0], max(prob.receiver[w])
    return action_of, x


def _agent_states(prob: BargainingProblem, action_of: Mapping[str, str], w0: str, col: Mapping[str, int],
                  fail: list[str]) -> dict[str, str]:
    """Each agent's own state (a distinct state other than ``w0`` where being selected pays it most);
    an agent without one is appended to ``fail``."""
    S = prob.states
    agent_state: dict[str, str] = {}
    for i in prob.agents:
        best = max(prob.payoffs[i][w][col[action_of[w]]] for w in S if w != w0)
        tops = [w for w in S if w != w0 and prob.payoffs[i][w][col[action_of[w]]] == best and w not in agent_state.values()]
        if not tops:
            fail.append(f"(ii) no state is {i}'s own (each agent needs a distinct state where being selected pays most)")
            continue
        agent_state[i] = tops[0]
    return agent_state


def _conditions_ii_to_iv(prob: BargainingProblem, action_of: Mapping[str, str], agent_state: Mapping[str, str],
                         a0: str, col: Mapping[str, int], fail: list[str]) -> None:
    """Definition 2 (ii)-(iv) for the inferred correspondence; each failure is appended to ``fail``."""
    S, A, N = prob.states, prob.actions, prob.agents
    a_of_agent = {i: action_of[agent_state[i]] for i in N}
    for i in N:
        own = prob.payoffs[i][agent_state[i]][col[a_of_agent[i]]]
        if any(prob.payoffs[i][w][k] > own for w in S for k in range(len(A))):
            fail.append(f"(ii) {i} earns more elsewhere than when selected in {agent_state[i]!r}")
        for w in S:
            for j in N:
                if not prob.payoffs[i][w][col[a_of_agent[j]]] > prob.payoffs[i][w][col[a0]]:
                    fail.append(f"(iii) {i} prefers no selection ({a0}) to the selection {a_of_agent[j]} in state {w!r}")
                    break
    total = sum(prob.payoffs[i][agent_state[i]][col[a_of_agent[i]]] for i in N)
    if any(sum(prob.payoffs[i][w][k] for i in N) > total for w in S for k in range(len(A))):
        fail.append("(iv) correct selection does not give the highest total payoff")


def _endorses(env: SelectionEnvironment, prob: BargainingProblem, pi: Structure) -> bool:
    """Definition 3 for the inferred correspondence: IC and pi(a_i | omega_i) = 1 for every agent."""
    return prob.ic_violation(pi) is None and all(pi[w].get(env.action_of[w], 0) == 1 for w in env.agent_state.values())


def selection_report(prob: BargainingProblem, structures: Mapping[str, Structure | None]) -> dict[str, Any]:
    """Definition 2, and for each structure: endorsement rule (Definition 3), robustness to ex-post
    deviations (eq. (7), with the agent and gain when it fails), and whether Theorem 3's equivalence
    (robust iff endorsement rule) holds on it. Exact; eq. (7) by certified LPs at each posterior.

    Parameters
    ----------
    prob : BargainingProblem
        The problem.
    structures : mapping
        ``{name: structure or None}`` (None is skipped).

    Returns
    -------
    dict
        ``{"definition_2": {"holds", "failures", "no_selection", "agent_state", "action_of"},
        "structures": {name: {"ic", "robust_to_ex_post", "deviation", "endorsement_rule",
        "theorem_3"}}}``; ``endorsement_rule`` is None and Theorem 3 "not applicable" when
        Definition 2 fails.

    >>> env = symmetric_selection(2, x=1, x0=1, mu0="4/5", H=3, L=1, Z=0)
    >>> rep = selection_report(env, {"rule": proposition_6_rule(env, 2, 1, 1, "4/5")})
    >>> rep["definition_2"]["holds"], rep["structures"]["rule"]
    (True, {'ic': True, 'robust_to_ex_post': True, 'deviation': None, 'endorsement_rule': True, 'theorem_3': 'consistent'})
    """
    env = definition_2(prob)
    out: dict[str, Any] = {"definition_2": {"holds": env.holds, "failures": list(env.failures),
                                            "no_selection": env.no_selection, "agent_state": dict(env.agent_state),
                                            "action_of": dict(env.action_of)},
                           "structures": {}}
    for name, pi in structures.items():
        if pi is None:
            continue
        robust, why = robust_to_ex_post(prob, pi)
        row: dict[str, Any] = {"ic": prob.ic_violation(pi) is None, "robust_to_ex_post": robust, "deviation": why}
        if env.holds:
            row["endorsement_rule"] = _endorses(env, prob, pi)
            row["theorem_3"] = "consistent" if row["endorsement_rule"] == robust else "VIOLATED"
        else:
            row["endorsement_rule"] = None
            row["theorem_3"] = "not applicable (Definition 2 fails)"
        out["structures"][name] = row
    return out


def read_structure(doc: Any, prob: BargainingProblem, where: str) -> Structure:
    """An information structure from a parsed file: ``{state: {action: probability}}`` (exact
    numbers, one distribution per state, known actions).

    Parameters
    ----------
    doc : Any
        The parsed table.
    prob : BargainingProblem
        The problem whose states and actions it must use.
    where : str
        The option or key to name in error messages.

    Returns
    -------
    Structure
        The exact structure without zero entries (not checked to be IC).

    Raises
    ------
    InputError
        Not one table per state, an unknown action, a number that is not exact, or a row that is
        not a distribution; the message names ``where`` and the state.

    >>> from exactgame.bargaining.examples import guessing_agents
    >>> read_structure({"w1": {"a1": "1/2", "a2": "1/2"}, "w2": {"a2": 1}}, guessing_agents(), "--structure")
    {'w1': {'a1': Fraction(1, 2), 'a2': Fraction(1, 2)}, 'w2': {'a2': Fraction(1, 1)}}
    """
    if not isinstance(doc, Mapping) or set(doc) != set(prob.states):
        raise InputError(f"expected one table per state ({', '.join(prob.states)}), each action -> probability", where=where)
    pi: Structure = {}
    for w in prob.states:
        row = doc[w]
        if not isinstance(row, Mapping) or not set(row) <= set(prob.actions):
            raise InputError(f"expected a table action -> probability with actions among {', '.join(prob.actions)}", where=f"{where}: {w}")
        dist = {a: to_fraction(q, where=f"{where}: {w}.{a}") for a, q in row.items()}
        if any(q < 0 for q in dist.values()) or sum(dist.values()) != 1:
            raise InputError("the probabilities must be >= 0 and sum to 1", where=f"{where}: {w}")
        pi[w] = {a: q for a, q in dist.items() if q}
    return pi
