"""The examples of 002_b82d6ff4761a0a82.txt as bargaining problems.

>>> election().agents
('left_party', 'right_party')
"""

from __future__ import annotations

from .model import BargainingProblem

__all__ = ["election", "three_parties", "guessing_agents", "winner_takes_all"]


def election() -> BargainingProblem:
    """The Introduction's election: a voter (the receiver) elects one of Left, Centrist, Right.

    States are the best party (prior 1/10, 4/5, 1/10); the voter earns 1 for electing it. The
    Left party gets 3 / 1 / 0 if Left / Centrist / Right wins, the Right party 0 / 1 / 3, in
    every state; the disagreement is full revelation.

    Returns
    -------
    BargainingProblem
        Three states, actions ``L``, ``C``, ``R``, agents ``left_party`` and ``right_party``.

    >>> prob = election()
    >>> prob.disagreement()
    (Fraction(11, 10), Fraction(11, 10))
    """
    states = ["left", "centre", "right"]
    return BargainingProblem.make(
        states, ["1/10", "4/5", "1/10"], ["L", "C", "R"], ["left_party", "right_party"],
        {"receiver": {"left": [1, 0, 0], "centre": [0, 1, 0], "right": [0, 0, 1]},
         "left_party": {w: [3, 1, 0] for w in states}, "right_party": {w: [0, 1, 3] for w in states}},
        "full-information")


def three_parties() -> BargainingProblem:
    """Section 3.2: Right, Left and Religious bargain against the incumbent Centrist.

    States say which party is competent (prior 0.3, 0.15, 0.15, 0.4); the voter earns 1 for
    electing it. State-independent party payoffs per winner (Right, Left, Religious, Centrist):
    Right 1, 0, 1/2, 0; Left 0, 1, -5, 0; Religious -5, 0, 1, -8. Disagreement: full revelation.

    Returns
    -------
    BargainingProblem
        Four states and actions, three agents.

    >>> prob = three_parties()
    >>> prob.disagreement()
    (Fraction(3, 8), Fraction(-3, 5), Fraction(-91, 20))
    """
    states = ["right", "left", "religious", "centrist"]
    return BargainingProblem.make(
        states, ["0.3", "0.15", "0.15", "0.4"], ["Right", "Left", "Religious", "Centrist"], ["Right", "Left", "Religious"],
        {"receiver": {w: [int(w == s) for s in states] for w in states},
         "Right": {w: [1, 0, "0.5", 0] for w in states}, "Left": {w: [0, 1, -5, 0] for w in states},
         "Religious": {w: [-5, 0, 1, -8] for w in states}},
        "full-information")


def guessing_agents() -> BargainingProblem:
    """Section 3.3: two agents and the receiver all want the state guessed.

    A correct guess pays each agent 2 in ``w1`` and 1 in ``w2``, a wrong one 0; prior (1/2, 1/2);
    disagreement: full revelation, which is already best for everyone.

    Returns
    -------
    BargainingProblem
        Two states, actions ``a1``, ``a2``, agents ``agent1``, ``agent2``.

    >>> guessing_agents().disagreement()
    (Fraction(3, 2), Fraction(3, 2))
    """
    return BargainingProblem.make(
        ["w1", "w2"], ["1/2", "1/2"], ["a1", "a2"], ["agent1", "agent2"],
        {"receiver": {"w1": [1, 0], "w2": [0, 1]},
         "agent1": {"w1": [2, 0], "w2": [0, 1]}, "agent2": {"w1": [2, 0], "w2": [0, 1]}},
        "full-information")


def winner_takes_all(values=(3, 2, 1), prior=("1/3", "1/3", "1/3")) -> BargainingProblem:
    """Assumption 2 with u_j(a_i) = 0 for i != j: each action benefits only its own agent.

    State ``w{i}`` makes ``a{i}`` the receiver's correct guess; agent ``i`` gets ``values[i]`` from
    ``a{i}`` and 0 from every other action, in every state. Disagreement: full revelation.

    Parameters
    ----------
    values : sequence of numbers, optional
        Agent i's payoff from its own action (default 3, 2, 1); its length is the number n of
        agents, states and actions.
    prior : sequence of numbers, optional
        One probability per state (default uniform over three states).

    Returns
    -------
    BargainingProblem
        ``n`` states ``w1..wn``, actions ``a1..an``, agents ``agent1..agentn``.

    >>> winner_takes_all().disagreement()
    (Fraction(1, 1), Fraction(2, 3), Fraction(1, 3))
    """
    n = len(values)
    states = [f"w{i + 1}" for i in range(n)]
    return BargainingProblem.make(
        states, list(prior), [f"a{i + 1}" for i in range(n)], [f"agent{i + 1}" for i in range(n)],
        {"receiver": {w: [int(k == t) for k in range(n)] for t, w in enumerate(states)},
         **{f"agent{i + 1}": {w: [values[i] if k == i else 0 for k in range(n)] for w in states} for i in range(n)}},
        "full-information")
