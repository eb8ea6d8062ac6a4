r"""Checks of ``buyer-seller`` documents (000_2cf035f6c25283ea.txt, Propositions 5-6).

The game (seller payoffs, threshold ``T``, interior prior ``p`` over ``w0..wn``) is rebuilt by
:func:`exactgame.check.games.read_game` with the payoffs of eqs. (29)-(30). Then

* ``projection`` :math:`q_i = p_i / (1 - p_0)` and ``T_p`` of eq. (31) are recomputed, and
  ``r_star_pairs`` by the closed form of the regions for threshold cells: the outer points are
  :math:`o_{ij} = T e_i + (1 - T) e_j`, so :math:`H_0 = \{p_0 = 1 - T\}`, :math:`H_i = \{T p_i = (1 - T)
  \sum_{j \ne 0, i} p_j\}`, and an interior ``p`` is in :math:`\mathrm{int}\,R_{ij}` iff :math:`p_0 > 1 - T`,
  :math:`q_i > 1 - T` and :math:`q_j > 1 - T`;
* the obedience LP (24)-(25) is rebuilt (:func:`exactgame.check.persuasion.obedience_rows`) and its
  ``lp-optimal`` witness proves ``bp_value`` and ``bp_outcome``;
* the efficiency witness (a positive normal or a dominating outcome) proves ``bp_efficient``.
"""

from __future__ import annotations

from typing import Any, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from .games import CheckedGame
from .persuasion import obedience_rows

__all__ = ["check_buyer_seller"]


def check_buyer_seller(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check a ``buyer-seller`` document (module doc); return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``buyer-seller``).
    options : mapping
        the document's options (none shape this problem).

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "buyer-seller", "seller_payoffs": ["1", "2"], "threshold": "3/5", "prior": ["1/2", "1/4", "1/4"]})
    >>> g.receiver["w1"]
    (Fraction(0, 1), Fraction(2, 5), Fraction(-3, 5))
    >>> check_buyer_seller({"threshold": "3/5", "prior": ["1/2", "1/4", "1/4"], "projection": ["1/2", "1/2"], "T_p": "3/5"}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: T_p: the claimed value is not the proved one (claimed 3/5, proved 1/2)
    """
    expect(g.kind == "buyer-seller", "game/kind", "a buyer-seller document needs a buyer-seller game")
    p, S, A = g.prior, g.states, g.actions
    expect(all(x > 0 for x in p), "game/prior", "Propositions 5-6 need an interior prior")
    T = num(g.raw.get("threshold"), "game/threshold")
    expect_equal("threshold", num(lookup(doc, "threshold"), "threshold"), T)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    q = tuple(x / (1 - p[0]) for x in p[1:])
    expect_equal("projection", vec(lookup(doc, "projection"), "projection"), q)
    top = sorted(q, reverse=True)
    tp = max(1 - p[0], 1 - top[0], 1 - top[1])
    expect_equal("T_p", num(lookup(doc, "T_p"), "T_p"), tp)
    expect_equal("above_T_p", lookup(doc, "above_T_p"), T > tp)
    n = len(q)
    ok = [q[i] > 1 - T for i in range(n)] if p[0] > 1 - T else [False] * n
    pairs = [[i + 1, j + 1] for i in range(n) for j in range(i + 1, n) if ok[i] and ok[j]]
    expect_equal("r_star_pairs", lookup(doc, "r_star_pairs"), pairs)
    expect_equal("in_r_star", lookup(doc, "in_r_star"), bool(pairs))
    ub, eq = obedience_rows(p, S, A, g.receiver)
    c = [p[t] * g.sender[w][j] for t, w in enumerate(S) for j in range(len(A))]
    lp = SparseLP(c, ub, eq, True)
    x = check_lp_optimal(lp, lookup(doc, "certificates/lp"), "certificates/lp")
    expect_equal("bp_value", num(lookup(doc, "bp_value"), "bp_value"), lp.value(x))
    mu = {w: {a: x[t * len(A) + j] for j, a in enumerate(A) if x[t * len(A) + j]} for t, w in enumerate(S)}
    claimed = {w: {a: num(v, f"bp_outcome/{w}/{a}") for a, v in table(row, f"bp_outcome/{w}").items()}
               for w, row in table(lookup(doc, "bp_outcome"), "bp_outcome").items()}
    expect_equal("bp_outcome", claimed, mu)
    expect_equal("bp_actions_taken", lookup(doc, "bp_actions_taken"), sum(len(r) for r in mu.values()))
    expect_equal("bound", lookup(doc, "bound"), 2 + len(S))
    eff = _verdict(lookup(doc, "certificates/efficiency"), g, mu, dict(zip(S, p)), "certificates/efficiency")
    expect_equal("bp_efficient", lookup(doc, "bp_efficient"), eff)
    expect_equal("propositions_agree", lookup(doc, "propositions_agree"), not (pairs and eff))
    return ["threshold", "prior", "projection", "T_p", "above_T_p", "r_star_pairs", "in_r_star", "bp_value", "bp_outcome",
            "bp_actions_taken", "bound", "bp_efficient", "propositions_agree"]
