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
  :math:`\pi^2_S = W^* - \pi^1_B`, :math:`\pi^2_B = \pi^1_B` (eq. (5)). The seed text prints
  eq. (5) as :math:`\pi^2_S = W^* - \pi^1_S`; that contradicts the paper's own Section 3.2
  (:math:`\pi^2_S = 9/4`, :math:`W^* = 3`, :math:`\pi^1_S = 13/6`, :math:`\pi^1_B = 3/4`:
  :math:`3 - 13/6 = 5/6 \ne 9/4 = 3 - 3/4`) and the proof of Lemma 7, which derives
  :math:`\pi^2_S \ge W^* - \sum_i \lambda_i \pi^1_B(p, q^{X_i})`. :func:`theorem5` reports
  both forms (``as_printed``).

**Certificate of Theorem 5 at one point** (:func:`theorem5`; no appeal to the paper's proof).
Every refinement :math:`M` Sally may send in round 2 is voluntary for Bob,
:math:`E_M \pi^1_B \ge \pi^1_B(p, q)`, and no protocol's welfare exceeds :math:`W^*`, so
:math:`E_M \pi^1_S \le W^* - \pi^1_B(p, q)`. The signal of Lemma 7 attains this bound,
:math:`\sum_i \lambda_i \pi^1_S(p, q^{X_i}) = W^* - \pi^1_B(p, q)`, hence it is optimal, and
every optimal refinement gives Bob exactly :math:`\pi^1_B(p, q)` (at least by (3), at most
because welfare is at most :math:`W^*`), so the tie-break cannot change it:
:math:`\pi^2(p, q) = (W^* - \pi^1_B(p, q), \pi^1_B(p, q))` and round 2 is efficient. The
round-1 values at :math:`(p, q)` and at every :math:`(p, q^{X_i})` carry envelope certificates
(from the utilities), the split the splitting-lemma check; the independent checker
recomputes :math:`W^*`, the thresholds and the :math:`q^{X_i}` (Lemma 6).

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

from ..certificates import encode
from ..errors import InputError
from ..numbers import to_fraction, to_vector, Vector
from .certificate import SplitCertificate
from .lemma1 import round1_witness
from .model import DialogueGame
from .point import dialogue_at

__all__ = ["thresholds", "indifference_distribution", "nested_decomposition", "sally_signal", "theorem5", "bob_split_as_paper"]


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


def _check_game(game: DialogueGame) -> tuple[Fraction, Fraction, list[Fraction]]:
    """(v0, v1, p*) of a Theorem 5 game, or InputError naming the assumption that fails."""
    if not game.bilateral or len(game.bob_types) != 2:
        raise InputError("--theorem5: Theorem 5 is about bilateral trade with two buyer values")
    v0, v1 = (to_fraction(x) for x in game.bob_types)
    costs = [to_fraction(c) for c in game.sally_types]
    if costs[-1] >= v0:
        raise InputError(f"--theorem5: Theorem 5 (as proved in Section 3.5) assumes every seller cost is below the "
                         f"low value {game.bob_types[0]}; cost {game.sally_types[-1]} is not (drop it: she prices high anyway)")
    return v0, v1, thresholds(v0, v1, costs)


def bob_split_as_paper(game: DialogueGame, qX: Vector, k: int, DB: Vector, pstar: Sequence[Fraction]) -> SplitCertificate:
    """Bob's round-1 signal at an indifference distribution, as Section 3.5.3 describes it.

    Silent if :math:`p \\le p^*_{x(k)}`, else a split of p onto :math:`p^*_{x(k)}` and 1.

    Parameters
    ----------
    game : DialogueGame
        The Theorem 5 game.
    qX : Vector
        Sally's distribution :math:`q^X`.
    k : int
        :math:`x(k)`, the largest (1-based) cost index in X.
    DB : Vector
        Bob's distribution ``(1 - p, p)``.
    pstar : sequence of Fraction
        The thresholds.

    Returns
    -------
    SplitCertificate
        Bob's split with the base-game payoffs at its posteriors.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> F = Fraction
    >>> g = bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"])
    >>> c = bob_split_as_paper(g, (F(1, 3), F(2, 3)), 2, (F(2, 3), F(1, 3)), [F(1, 2), F(1, 4)])
    >>> [x[1] for x in c.posteriors], c.weights                  # Figure 1 (right): 1/4 w.p. 8/9, 1 w.p. 1/9
    ([Fraction(1, 4), Fraction(1, 1)], (Fraction(8, 9), Fraction(1, 9)))
    """
    p, ps = DB[1], pstar[k - 1]
    if p <= ps:
        posts: list[Vector] = [tuple(DB)]
        weights: Vector = (Fraction(1),)
    else:
        lam = (1 - p) / (1 - ps)
        posts, weights = [(1 - ps, ps), (Fraction(0), Fraction(1))], (lam, 1 - lam)
    vals = [game.base_payoffs(qX, x) for x in posts]
    total = tuple(sum((w * v[i] for w, v in zip(weights, vals)), Fraction(0)) for i in range(2))
    return SplitCertificate("bob", DB, posts, weights, vals, total)


def _bob_at(game: DialogueGame, qX: Vector, DB: Vector, pstar: Sequence[Fraction]) -> tuple[dict[str, Any], list[Any]]:
    """Round 1 at (q^X, p): the paper's split when it attains the engine's optimum, with the envelope."""
    pi1, split, env = round1_witness(game, qX, DB)
    k = max(i + 1 for i, x in enumerate(qX) if x)
    paper = bob_split_as_paper(game, qX, k, DB, pstar)
    as_paper = paper.total == pi1
    if as_paper:   # the envelope bounds prove any split that attains the value
        split = paper
        env = type(env)(env.u, env.DS, env.DB, paper, env.h, env.g, env.theta, env.cells)
    entry = {"q": encode(qX), "pi1": encode(pi1), "as_paper": as_paper, "split": split.to_dict(), "envelope": env.witness()}
    return entry, [split, env]


def theorem5(game: DialogueGame, DS: Sequence[Any] | None = None,
             DB: Sequence[Any] | None = None) -> tuple[dict[str, Any], list[Any]]:
    """Theorem 5 at (D_S, D_B), with Lemma 6's decomposition and Lemma 7's signal, certified.

    See the module docstring for the argument the certificate makes.

    Parameters
    ----------
    game : DialogueGame
        Bilateral trade with two buyer values and seller costs below the low value.
    DS : sequence of number, optional
        Sally's distribution over the costs, in increasing cost order (default: the game's).
    DB : sequence of number, optional
        Bob's distribution (default: the game's).

    Returns
    -------
    tuple of (dict, list)
        The document section (exact strings): ``thresholds``, ``lemma6`` (``parts``: weight,
        ``q``, 1-based ``support``), ``bob`` (round 1 at each part: ``pi1``, ``split``,
        ``envelope``, ``as_paper``), ``start`` (round 1 at (D_S, D_B)), ``lemma7``
        (``split``: Sally's signal; ``pi2``, ``eq5``, ``as_printed``), ``efficient_welfare``
        and ``efficient``; and the certificates.

    Raises
    ------
    InputError
        If the game does not satisfy Theorem 5's assumptions.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> sec, certs = theorem5(bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"]))   # Section 3.2
    >>> [(x["weight"], x["q"]) for x in sec["lemma6"]["parts"]]
    [('3/4', ['1/3', '2/3']), ('1/4', ['1', '0'])]
    >>> sec["lemma7"]["pi2"], sec["efficient_welfare"], sec["efficient"], all(c.verify() for c in certs)
    (['9/4', '3/4'], '3', True, True)
    """
    _, _, pstar = _check_game(game)
    DS = game.sally_prior if DS is None else to_vector(DS, where="sally prior")
    DB = game.bob_prior if DB is None else to_vector(DB, where="bob prior")
    parts = nested_decomposition(DS, pstar)
    certs: list[Any] = []
    bob = []
    for _, qX in parts:
        entry, cs = _bob_at(game, qX, DB, pstar)
        bob.append(entry)
        certs += cs
    pi1, split1, env1 = round1_witness(game, DS, DB)
    certs += [split1, env1]
    vals = [tuple(to_fraction(x) for x in b["pi1"]) for b in bob]
    total = tuple(sum((w * v[i] for (w, _), v in zip(parts, vals)), Fraction(0)) for i in range(2))
    sally = SplitCertificate("sally", DS, [qX for _, qX in parts], tuple(w for w, _ in parts), vals, total)
    certs.append(sally)
    W = game.efficient_welfare(DS, DB)
    eq5 = total == (W - pi1[1], pi1[1])
    sec = {"p": encode(DB[1]), "q": encode(DS), "thresholds": encode(pstar),
           "lemma6": {"parts": [{"weight": encode(w), "q": encode(qX), "support": [i + 1 for i, x in enumerate(qX) if x]}
                                for w, qX in parts]},
           "bob": bob, "start": {"pi1": encode(pi1), "split": split1.to_dict(), "envelope": env1.witness()},
           "lemma7": {"split": sally.to_dict(), "pi2": encode(total), "eq5": eq5, "as_printed": total[0] == W - pi1[0]},
           "efficient_welfare": encode(W), "efficient": eq5 and sum(total) == W}
    return sec, certs
