"""The examples of 002_b82d6ff4761a0a82.txt as bargaining problems."""

from __future__ import annotations

from .model import BargainingProblem

__all__ = ["election", "three_parties", "guessing_agents", "winner_takes_all"]


def election() -> BargainingProblem:
    """Introduction: Left, Centrist, Right; prior (0.1, 0.8, 0.1); the voter wants the best party;
    Left gets 3 / 1 / 0 if Left / Centrist / Right wins, Right symmetric; disagreement: full revelation."""
    states = ["left", "centre", "right"]
    return BargainingProblem.make(
        states, ["1/10", "4/5", "1/10"], ["L", "C", "R"], ["left_party", "right_party"],
        {"receiver": {"left": [1, 0, 0], "centre": [0, 1, 0], "right": [0, 0, 1]},
         "left_party": {w: [3, 1, 0] for w in states}, "right_party": {w: [0, 1, 3] for w in states}},
        "full-information")


def three_parties() -> BargainingProblem:
    """Section 3.2: Right, Left, Religious bargain against the incumbent Centrist; prior of competence
    (0.3, 0.15, 0.15, 0.4); the voter elects the competent party; disagreement: full revelation."""
    states = ["right", "left", "religious", "centrist"]
    return BargainingProblem.make(
        states, ["0.3", "0.15", "0.15", "0.4"], ["Right", "Left", "Religious", "Centrist"], ["Right", "Left", "Religious"],
        {"receiver": {w: [int(w == s) for s in states] for w in states},
         "Right": {w: [1, 0, "0.5", 0] for w in states}, "Left": {w: [0, 1, -5, 0] for w in states},
         "Religious": {w: [-5, 0, 1, -8] for w in states}},
        "full-information")


def guessing_agents() -> BargainingProblem:
    """Section 3.3: two agents and the receiver want to guess the state; a correct guess pays the
    agents 2 in w1 and 1 in w2; prior (1/2, 1/2); disagreement: full revelation."""
    return BargainingProblem.make(
        ["w1", "w2"], ["1/2", "1/2"], ["a1", "a2"], ["agent1", "agent2"],
        {"receiver": {"w1": [1, 0], "w2": [0, 1]},
         "agent1": {"w1": [2, 0], "w2": [0, 1]}, "agent2": {"w1": [2, 0], "w2": [0, 1]}},
        "full-information")


def winner_takes_all(values=(3, 2, 1), prior=("1/3", "1/3", "1/3")) -> BargainingProblem:
    """Assumption 2 with u_j(a_i) = 0 for i != j: each action benefits only its own agent."""
    n = len(values)
    states = [f"w{i + 1}" for i in range(n)]
    return BargainingProblem.make(
        states, list(prior), [f"a{i + 1}" for i in range(n)], [f"agent{i + 1}" for i in range(n)],
        {"receiver": {w: [int(k == t) for k in range(n)] for t, w in enumerate(states)},
         **{f"agent{i + 1}": {w: [values[i] if k == i else 0 for k in range(n)] for w in states} for i in range(n)}},
        "full-information")
