r"""The receiver's best-response cells and the sender's value function (000_2cf035f6c25283ea.txt).

For a belief :math:`q \in \Delta\Omega` the receiver's best responses are
:math:`A^*(q) = \arg\max_a E_q[u_R(\omega, a)]`, and the cell of action ``a`` is

.. math:: C_a = \{q \in \Delta\Omega : E_q[u_R(\omega,a)] \ge E_q[u_R(\omega,b)]\ \forall b\}  \quad (26)

a polytope of the simplex. The sender's value function (eq. (23)) is
:math:`V(q) = \max_{a\in A^*(q)} E_q[u_S(\omega,a)]`: affine (:math:`q \mapsto u_S(\cdot,a)\cdot q`) on
each cell, the maximum where cells meet (ties broken for the sender), so it is a
:class:`~exactgame.geometry.envelope.PiecewiseAffine` function and its concave
envelope is the Bayesian-persuasion value (Kamenica and Gentzkow 2011).

>>> cells = best_response_cells(example1_sr())   # cells as intervals of q = p(w1)
>>> [(a, [str(v[1]) for v in reversed(C.vertices)]) for a, C in cells.items()]
[('a0', ['0', '1/5']), ('a1', ['1/5', '2/5']), ('a2', ['2/5', '3/5']), ('a3', ['3/5', '4/5']), ('a4', ['4/5', '1'])]
"""

from __future__ import annotations

from ..games.cells import best_response_cells
from ..games.model import SenderReceiverGame
from ..geometry.envelope import Piece, PiecewiseAffine

__all__ = ["best_response_cells", "value_function", "example1_sr"]


def example1_sr() -> SenderReceiverGame:
    """Example 1 of 000_2cf035f6c25283ea.txt (Section 2) as a sender-receiver game, for doctests.

    Two states, five receiver actions, prior case (b) ``p(w1) = 3/10`` and the outcome of case (b).

    Returns
    -------
    SenderReceiverGame
        The bundled game ``efficiency_example1``.

    >>> g = example1_sr()
    >>> g.actions, g.receiver["w0"][2], g.prior
    (('a0', 'a1', 'a2', 'a3', 'a4'), Fraction(32, 5), (Fraction(7, 10), Fraction(3, 10)))
    """
    from ..catalogue import load

    return load("efficiency_example1")


def value_function(game: SenderReceiverGame) -> tuple[PiecewiseAffine, tuple[str, ...]]:
    """The sender's value function ``V(q) = max_{a in A*(q)} sum_w q(w) u_S(w, a)`` (eq. (23)).

    On the receiver's cell ``C_a`` (eq. (26)) ``V`` is the linear function ``q -> u_S(., a) . q``;
    where cells meet the maximum is taken (the receiver breaks ties for the sender).

    Parameters
    ----------
    game : SenderReceiverGame
        The game (InputError for another kind).

    Returns
    -------
    tuple
        ``(V, actions)``: ``V`` a :class:`~exactgame.geometry.envelope.PiecewiseAffine` with one
        piece per action having a nonempty cell (gradient ``(u_S(w, a))_w``, constant 0), and
        ``actions[k]`` the action of piece ``k``.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["innocent", "guilty"], ["acquit", "convict"], ["7/10", "3/10"],
    ...                        sender={"innocent": [0, 1], "guilty": [0, 1]},
    ...                        receiver={"innocent": [1, 0], "guilty": [0, 1]})
    >>> V, actions = value_function(g)
    >>> actions, V.value(["3/5", "2/5"]), V.value(["1/2", "1/2"])     # the tie at q = 1/2 goes to the sender
    (('acquit', 'convict'), Fraction(0, 1), Fraction(1, 1))
    """
    cells = best_response_cells(game)
    actions = tuple(cells)
    pieces = [Piece(cells[a], tuple(game.sender[w][game.actions.index(a)] for w in game.states)) for a in actions]
    return PiecewiseAffine(pieces), actions
