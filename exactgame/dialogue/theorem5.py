r"""Theorem 5 of 001_9d9f8fe1d5e70189.txt, constructively: with binary buyer types
:math:`v_0 < v_1` and seller costs :math:`c_1 < \dots < c_n < v_0`, two rounds give
efficient trade.

* Thresholds :math:`p^*_j = (v_0 - c_j)/(v_1 - c_j)` (Sally of cost :math:`c_j` prices at
  :math:`v_1` iff :math:`p > p^*_j`), :math:`p^*_0 = 1`; they decrease in ``j``.
* Indifference distributions: for :math:`X = \{x(1) < \dots < x(k)\} \subseteq [n]`,

  .. math:: q^X_{x(i)} = \frac{1/p^*_{x(i)} - 1/p^*_{x(i-1)}}{1/p^*_{x(k)} - 1}, \quad x(0) = 0,

  zero off :math:`X`; the peaks of :math:`\pi^0_B(\cdot, q^X)` line up (Figure 4).
* Lemma 6 (nested decomposition): with :math:`X` the support of :math:`q`,
  :math:`z = \min_{i \in X} q_i / q^X_i` (the paper prints :math:`q^X_i / q_i`; the
  construction :math:`q' = (q - z q^X)/(1-z) \ge 0` needs this ratio), so
  :math:`q = z q^X + (1 - z) q'` with :math:`\mathrm{supp}\, q' \subsetneq X`; recurse.
* Lemma 7: Sally's round-2 signal refines :math:`q` into the :math:`q^{X_i}`, and
  :math:`\pi^2_S = W^* - \pi^1_B`, :math:`\pi^2_B = \pi^1_B` (eq. (5)).

>>> F = Fraction
>>> ps = thresholds(3, 6, [0, 2])
>>> [str(x) for x in ps]
['1/2', '1/4']
>>> [str(x) for x in indifference_distribution([1, 2], ps)]     # q^{1,2} = (1/3, 2/3)... in cost order
['1/3', '2/3']
>>> [(str(w), [str(x) for x in q]) for w, q in nested_decomposition([F(1, 2), F(1, 2)], ps)]
[('3/4', ['1/3', '2/3']), ('1/4', ['1', '0'])]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..errors import InputError
from ..numbers import to_fraction, to_vector
from .certificate import SplitCertificate
from .model import DialogueGame
from .point import dialogue_at

__all__ = ["thresholds", "indifference_distribution", "nested_decomposition", "sally_signal"]


def thresholds(v0: Any, v1: Any, costs: Sequence[Any]) -> list[Fraction]:
    """Thresholds :math:`p^*_j = (v_0 - c_j)/(v_1 - c_j)` for increasing costs below :math:`v_0`.

    Sally of cost :math:`c_j` prices at :math:`v_1` iff P(high value) :math:`p > p^*_j`.

    Parameters
    ----------
    v0 : number
        The low buyer value.
    v1 : number
        The high buyer value, > v0.
    costs : sequence of number
        Seller costs :math:`c_1 < \\dots < c_n < v_0`, strictly increasing.

    Returns
    -------
    list of Fraction
        :math:`p^*_1 > \\dots > p^*_n`, one per cost.

    Raises
    ------
    InputError
        If the costs are not strictly increasing and below v0, or v0 >= v1.

    >>> thresholds(3, 6, [0, 1, 2])
    [Fraction(1, 2), Fraction(2, 5), Fraction(1, 4)]
    """
    v0, v1 = to_fraction(v0), to_fraction(v1)
    c = to_vector(costs, where="costs")
    if not (list(c) == sorted(set(c)) and c and c[-1] < v0 < v1):
        raise InputError("Theorem 5 needs increasing seller costs c_1 < ... < c_n < v_0 < v_1")
    return [(v0 - x) / (v1 - x) for x in c]


def indifference_distribution(X: Sequence[int], pstar: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """Indifference distribution :math:`q^X` over the n costs (module docstring, Figure 4).

    :math:`q^X_{x(i)} = (1/p^*_{x(i)} - 1/p^*_{x(i-1)}) / (1/p^*_{x(k)} - 1)` with
    :math:`1/p^*_{x(0)} = 1`, zero off X.

    Parameters
    ----------
    X : sequence of int
        1-based cost indices (as in the paper); repeats are ignored.
    pstar : sequence of Fraction
        The thresholds of :func:`thresholds`.

    Returns
    -------
    tuple of Fraction
        A distribution over the n costs, supported on X.

    Raises
    ------
    InputError
        If X is empty or has an index outside 1..n.

    >>> ps = thresholds(3, 6, [0, 1, 2])               # 1/p* = 2, 5/2, 4
    >>> indifference_distribution([1, 3], ps)          # (2 - 1, 0, 4 - 2) / (4 - 1)
    (Fraction(1, 3), Fraction(0, 1), Fraction(2, 3))
    """
    xs = sorted(set(X))
    if not xs or xs[0] < 1 or xs[-1] > len(pstar):
        raise InputError(f"X must be a nonempty subset of 1..{len(pstar)}")

    def inv(j: int) -> Fraction:
        return 1 / pstar[j - 1] if j else Fraction(1)

    den = inv(xs[-1]) - 1
    q = [Fraction(0)] * len(pstar)
    prev = 0
    for j in xs:
        q[j - 1] = (inv(j) - inv(prev)) / den
        prev = j
    return tuple(q)


def nested_decomposition(q: Sequence[Any], pstar: Sequence[Fraction]) -> list[tuple[Fraction, tuple[Fraction, ...]]]:
    """Lemma 6: ``[(lambda_i, q^{X_i}), ...]`` with nested supports X_1 ⊇ X_2 ⊇ ..., summing to q.

    With X the support of q, :math:`z = \\min_{i \\in X} q_i / q^X_i` and
    :math:`q = z q^X + (1 - z) q'`; recurse on :math:`q'` (smaller support) until z = 1.
    The weights are positive and sum to 1, and :math:`\\sum_i \\lambda_i q^{X_i} = q`.

    Parameters
    ----------
    q : sequence of number
        A distribution over the n costs.
    pstar : sequence of Fraction
        The thresholds of :func:`thresholds`.

    Returns
    -------
    list of (Fraction, tuple of Fraction)
        ``(lambda_i, q^{X_i})`` with strictly nested supports.

    Raises
    ------
    InputError
        If q is not a distribution over the n costs.

    >>> ps = thresholds(3, 6, [0, 2])
    >>> nested_decomposition(["1/2", "1/2"], ps)       # q^{1,2} = (1/3, 2/3), then q^{1} = (1, 0)
    [(Fraction(3, 4), (Fraction(1, 3), Fraction(2, 3))), (Fraction(1, 4), (Fraction(1, 1), Fraction(0, 1)))]
    """
    q = to_vector(q, where="q")
    if len(q) != len(pstar) or any(x < 0 for x in q) or sum(q) != 1:
        raise InputError(f"q must be a distribution over the {len(pstar)} costs")
    out, mass = [], Fraction(1)
    while True:
        X = [i + 1 for i, x in enumerate(q) if x]
        qX = indifference_distribution(X, pstar)
        z = min(q[i - 1] / qX[i - 1] for i in X)
        if z == 1:
            out.append((mass, qX))
            return out
        out.append((mass * z, qX))
        mass *= 1 - z
        q = tuple((a - z * b) / (1 - z) for a, b in zip(q, qX))


def sally_signal(game: DialogueGame, p: Any | None = None,
                 q: Sequence[Any] | None = None) -> tuple[SplitCertificate, dict[str, Any]]:
    """Sally's two-round signal of Lemma 7 at (p, q) and its check against eq. (5).

    Parameters
    ----------
    game : DialogueGame
        Bilateral trade with two buyer values and costs below the low value.
    p : number, optional
        P(high buyer value) (default: the game's buyer prior).
    q : sequence of number, optional
        Distribution of the seller's cost, in increasing cost order (default: the game's).

    Returns
    -------
    tuple of (SplitCertificate, dict)
        The :class:`SplitCertificate` of the refinement of q into the nested indifference
        distributions (with the round-1 payoffs at each), and a dict with both sides of
        :math:`\\pi^2_S = W^* - \\pi^1_B` and :math:`\\pi^2_B = \\pi^1_B`: ``signal`` (the
        split's total), ``pi2`` (the point engine's round 2), ``W*-pi1_B`` and ``pi1_B``.

    Raises
    ------
    InputError
        If the game is not bilateral trade with two buyer types, or the costs are not
        below the low value.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> cert, checks = sally_signal(bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["1/2", "1/2"]))
    >>> cert.weights, checks["signal"] == checks["pi2"], checks["pi2"][0] == checks["W*-pi1_B"]
    ((Fraction(3, 4), Fraction(1, 4)), True, True)
    """
    if not game.bilateral or len(game.bob_types) != 2:
        raise InputError("Theorem 5 is about bilateral trade with two buyer types")
    v0, v1 = (to_fraction(x) for x in game.bob_types)
    pstar = thresholds(v0, v1, [to_fraction(c) for c in game.sally_types])
    DB = game.bob_prior if p is None else (1 - to_fraction(p), to_fraction(p))
    DS = game.sally_prior if q is None else to_vector(q)
    parts = nested_decomposition(DS, pstar)
    vals = [dialogue_at(game, 1, qX, DB).payoffs[1] for _, qX in parts]
    total = tuple(sum((w * v[i] for (w, _), v in zip(parts, vals)), Fraction(0)) for i in range(2))
    cert = SplitCertificate("sally", DS, [qX for _, qX in parts], tuple(w for w, _ in parts), vals, total)
    r = dialogue_at(game, 2, DS, DB)
    W = game.efficient_welfare(DS, DB)
    checks = {"signal": total, "pi2": r.payoffs[2], "W*-pi1_B": W - r.payoffs[1][1], "pi1_B": r.payoffs[1][1]}
    return cert, checks
