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
from itertools import compress
from operator import sub
from typing import Mapping, Sequence

from ..geometry.sparse import SparseMatrix, common_denominator

__all__ = ["obedience_system", "obedience_matrix", "dual_adjusted_payoffs"]


def obedience_matrix(prior: Sequence[Fraction], states: Sequence[str], receiver: Mapping[str, Sequence[Fraction]],
                     extra_columns: int = 0):
    """The obedience rows of :func:`obedience_system`, built sparse over one integer denominator.

    With ``p(w) = P_w / D_p`` and ``u_R(w, a) = U_{w,a} / D_u`` (common denominators), row
    ``(j, k)`` is ``P_w (U_{w,k} - U_{w,j}) / (D_p D_u)`` at column ``t |A| + j`` of every state
    ``w = states[t]`` where that is nonzero: ``|S|`` nonzeros among ``|S| |A|`` columns, built
    with integer arithmetic only. This is the form the large persuasion LPs are solved in.

    Parameters
    ----------
    prior, states, receiver, extra_columns
        as in :func:`obedience_system`.

    Returns
    -------
    tuple
        ``(A_ub, pairs, A_eq, b_eq)`` as in :func:`obedience_system`, with ``A_ub`` and ``A_eq``
        :class:`~exactgame.geometry.sparse.SparseMatrix` objects.

    >>> A_ub, pairs, A_eq, b_eq = obedience_matrix([Fraction(1, 2), Fraction(1, 2)], ["w0", "w1"],
    ...                                            {"w0": [1, 0], "w1": [0, 1]})
    >>> A_ub.row(0), A_eq.row(1), A_ub.ncols
    (((0, 2), (-1, 1), 2), ((2, 3), (1, 1), 1), 4)
    """
    n_actions = len(receiver[states[0]])
    n = len(states) * n_actions + extra_columns
    P, Dp = common_denominator([Fraction(p) for p in prior])
    U, Du = common_denominator([v for w in states for v in receiver[w]])
    m = len(states)
    # PU[a][t] = P_t U_{t,a}: the row (j, k) is PU[k] - PU[j] on the columns of action j
    PU = [[P[t] * U[t * n_actions + a] for t in range(m)] for a in range(n_actions)]
    den = Dp * Du
    rows, pairs = [], []
    for j in range(n_actions):
        cols_j = tuple(t * n_actions + j for t in range(m))
        for k in range(n_actions):
            if j == k:
                continue
            nums = tuple(map(sub, PU[k], PU[j]))
            if 0 in nums:  # drop the states where the receiver is indifferent between j and k
                rows.append((tuple(compress(cols_j, nums)), tuple(filter(None, nums)), den))
            else:
                rows.append((cols_j, nums, den))
            pairs.append((j, k))
    eq = [(tuple(range(t * n_actions, (t + 1) * n_actions)), (1,) * n_actions, 1) for t in range(len(states))]
    return SparseMatrix(n, rows), pairs, SparseMatrix(n, eq), [Fraction(1)] * len(states)


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
    A_ub, pairs, A_eq, b_eq = obedience_matrix(prior, states, receiver, extra_columns)
    return [list(r) for r in A_ub], pairs, [list(r) for r in A_eq], b_eq


def dual_adjusted_payoffs(states: Sequence[str], sender: Mapping[str, Sequence[Fraction]],
                          receiver: Mapping[str, Sequence[Fraction]],
                          duals: Mapping[tuple[int, int], Fraction]) -> tuple[list[list[int]], int]:
    r"""The obedience Lagrangian :math:`s_\omega(a) + \sum_{b \ne a} y_{ab} (u_R(\omega, a) - u_R(\omega, b))`.

    With ``y`` the multipliers of the obedience rows (row ``(a, b)`` of :func:`obedience_system`),
    this is the sender's payoff adjusted by the duals: its maximum over ``a`` is the supporting
    hyperplane of the persuasion LP (``bp.supporting_hyperplane``), and Proposition 1 of
    003_e54e9b7a7da88b3e.txt asks that only maximizers be recommended. Computed over one integer
    denominator; zero multipliers cost nothing.

    Parameters
    ----------
    states : sequence of str
        The states.
    sender, receiver : mapping of str to sequence of Fraction
        ``state -> [payoff of action a]``.
    duals : mapping of (int, int) to Fraction
        ``(a, b) -> y_ab`` by action index (missing pairs are 0).

    Returns
    -------
    tuple
        ``(table, den)``: one row of integer numerators per state, one entry per action, over the
        common positive denominator ``den`` (compare within a state without building Fractions).

    >>> dual_adjusted_payoffs(["w"], {"w": [0, 1]}, {"w": [1, 0]}, {(1, 0): Fraction(1, 2)})   # (0, 1/2)
    ([[0, 1]], 2)
    """
    n = len(receiver[states[0]])
    active: list[list[tuple[int, Fraction]]] = [[] for _ in range(n)]
    for (a, b), v in duals.items():
        if v and a != b:
            active[a].append((b, v))
    Y, E = common_denominator([v for lst in active for _, v in lst])
    pos = 0
    active_int: list[list[tuple[int, int]]] = []
    for lst in active:
        active_int.append([(b, Y[pos + i]) for i, (b, _) in enumerate(lst)])
        pos += len(lst)
    S, Ds = common_denominator([v for w in states for v in sender[w]])
    R, Dr = common_denominator([v for w in states for v in receiver[w]])
    den = Ds * E * Dr
    out = []
    for t in range(len(states)):
        s, r = S[t * n:(t + 1) * n], R[t * n:(t + 1) * n]
        out.append([s[a] * E * Dr + Ds * sum(y * (r[a] - r[b]) for b, y in active_int[a]) for a in range(n)])
    return out, den
