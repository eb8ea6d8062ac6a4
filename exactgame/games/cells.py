r"""The receiver's best-response cells over the belief simplex (000_2cf035f6c25283ea.txt, eq. (26)).

.. math:: C_a = \{q \in \Delta\Omega : E_q[u_R(\omega,a)] \ge E_q[u_R(\omega,b)]\ \forall b\}

a polytope of the simplex, non-empty exactly for the actions that are a best response at some
belief. Persuasion (the sender's value function), cheap talk and the figures build on it.

>>> from exactgame.catalogue import load
>>> cells = best_response_cells(load("efficiency_example1"))   # cells as intervals of q = p(w1)
>>> [(a, [str(v[1]) for v in reversed(C.vertices)]) for a, C in cells.items()][:2]
[('a0', ['0', '1/5']), ('a1', ['1/5', '2/5'])]
"""

from __future__ import annotations

from fractions import Fraction

from ..errors import InputError
from ..geometry import Polytope
from .model import SenderReceiverGame

__all__ = ["best_response_cells"]


def best_response_cells(game: SenderReceiverGame) -> dict[str, Polytope]:
    """The receiver's best-response cells ``C_a`` over the belief simplex (eq. (26)).

    ``C_a = {q in Delta(Omega) : sum_w q(w) (u_R(a, w) - u_R(b, w)) >= 0 for every action b}``,
    the beliefs at which ``a`` is a best response (ties: a belief on a boundary lies in every cell
    that meets there). Beliefs are points of ``R^|Omega|``, coordinates in the order of ``game.states``.

    Parameters
    ----------
    game : SenderReceiverGame
        The game; only the receiver's payoffs matter.

    Returns
    -------
    dict of str to Polytope
        ``{a: C_a}`` in the order of ``game.actions``, only for actions with a nonempty cell
        (a cell may be lower-dimensional, e.g. a single belief).

    Raises
    ------
    InputError
        If ``game`` is not a :class:`SenderReceiverGame`.

    >>> g = SenderReceiverGame(["w0", "w1"], ["stay", "go"], ["1/2", "1/2"],
    ...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [0, -1], "w1": [0, 3]})
    >>> {a: [tuple(map(str, v)) for v in C.vertices] for a, C in best_response_cells(g).items()}
    {'stay': [('3/4', '1/4'), ('1', '0')], 'go': [('0', '1'), ('3/4', '1/4')]}
    """
    if not isinstance(game, SenderReceiverGame):
        raise InputError("persuasion needs a sender-receiver game")
    n = len(game.states)
    uR = {a: tuple(game.receiver[w][j] for w in game.states) for j, a in enumerate(game.actions)}
    cells = {}
    nonneg = [tuple(Fraction(-int(i == k)) for k in range(n)) for i in range(n)]
    for a in game.actions:
        A = [tuple(y - x for x, y in zip(uR[a], uR[b])) for b in game.actions if b != a] + nonneg
        b = [Fraction(0)] * len(A)
        C = Polytope.from_inequalities(A, b, [(Fraction(1),) * n], [Fraction(1)])
        if not C.is_empty:
            cells[a] = C
    return cells
