r"""The receiver's obedience constraints over direct recommendation schemes, written once.

Variables :math:`x[\omega, a]` (state-major: index :math:`\omega \cdot |A| + a`) are the
probabilities of recommending ``a`` in state :math:`\omega`. Following recommendation ``j``
must be at least as good for the receiver as deviating to ``k``:

.. math:: \sum_\omega p(\omega)\,x[\omega, j]\,(u_r(\omega, k) - u_r(\omega, j)) \le 0
          \qquad \text{for every ordered pair } j \ne k,

and each state's recommendations form a distribution. This is eq. (25) of
000_2cf035f6c25283ea.txt, the persuasiveness constraints of 003_e54e9b7a7da88b3e.txt and the
IC condition of 002_b82d6ff4761a0a82.txt; every module builds its LP from here.

>>> A_ub, pairs, A_eq, b_eq = obedience_system([1, 1], ["w"], {"w": [2, 0]})
>>> pairs, A_ub
([(0, 1), (1, 0)], [[Fraction(-2, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(2, 1)]])
"""

from __future__ import annotations

from fractions import Fraction
from typing import Mapping, Sequence

__all__ = ["obedience_system"]


def obedience_system(prior: Sequence[Fraction], states: Sequence[str], receiver: Mapping[str, Sequence[Fraction]],
                     extra_columns: int = 0):
    """The obedience LP rows over recommendation probabilities ``x[w, a]`` (state-major).

    Row ``(j, k)`` of ``A_ub x <= 0`` is ``sum_w p(w) x[w, j] (u_R(w, k) - u_R(w, j))``: the
    receiver told ``j`` gains nothing by playing ``k`` (a tie, gain 0, counts as obedient).
    ``A_eq x = b_eq`` makes each state's recommendations sum to 1; nonnegativity is left to the
    caller.

    Parameters
    ----------
    prior : sequence of Fraction
        ``p(w)`` in the order of ``states``.
    states : sequence of str
        The states; variable ``x[w, a]`` has index ``t * |A| + a`` for the ``t``-th state.
    receiver : mapping of str to sequence of Fraction
        ``state -> [u_R(w, a) for a in actions]`` (the number of actions is read from the first row).
    extra_columns : int
        Zero columns appended to every row for the caller's own variables (e.g. payments).

    Returns
    -------
    tuple
        ``(A_ub, pairs, A_eq, b_eq)``: the ``<= 0`` rows, one per ordered pair of distinct actions;
        ``pairs``, the ``(j, k)`` of each row in the order j then k; the ``= 1`` rows, one per state;
        and ``b_eq``, a list of ``Fraction(1)``.

    >>> A_ub, pairs, A_eq, b_eq = obedience_system([Fraction(1, 2), Fraction(1, 2)], ["w0", "w1"],
    ...                                            {"w0": [1, 0], "w1": [0, 1]})
    >>> pairs, [list(map(str, r)) for r in A_ub]
    ([(0, 1), (1, 0)], [['-1/2', '0', '1/2', '0'], ['0', '1/2', '0', '-1/2']])
    >>> [list(map(str, r)) for r in A_eq], b_eq
    ([['1', '1', '0', '0'], ['0', '0', '1', '1']], [Fraction(1, 1), Fraction(1, 1)])
    """
    n_actions = len(receiver[states[0]])
    n = len(states) * n_actions + extra_columns
    zero = Fraction(0)
    prior = [Fraction(p) for p in prior]
    A_ub, pairs = [], []
    for j in range(n_actions):
        for k in range(n_actions):
            if j == k:
                continue
            row = [zero] * n
            for t, w in enumerate(states):
                row[t * n_actions + j] = prior[t] * (receiver[w][k] - receiver[w][j])
            A_ub.append(row)
            pairs.append((j, k))
    A_eq = []
    for t in range(len(states)):
        row = [zero] * n
        for j in range(n_actions):
            row[t * n_actions + j] = Fraction(1)
        A_eq.append(row)
    return A_ub, pairs, A_eq, [Fraction(1)] * len(states)
