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
    """``(A_ub, pairs, A_eq, b_eq)``: one ``<= 0`` row per ordered pair ``(j, k)`` (listed in
    ``pairs``, in the order j then k) and one ``= 1`` row per state, with ``extra_columns``
    zero columns appended for the caller's own variables (e.g. payments)."""
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
