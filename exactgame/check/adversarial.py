r"""Checks of ``persuade --ties receiver-worst`` documents (000_2cf035f6c25283ea.txt, Definition 6 with
adversarial ties; the formulation is proved in :mod:`exactgame.persuasion.adversarial`).

Rebuilt here from the game and the prior: the support ``F`` of the prior, the receiver's classes
(actions with equal receiver payoffs on ``F``, in the order of each class's first action), and for
each class its witness: a belief on ``F`` where the class beats every other action strictly, or
multipliers :math:`y_b \ge 0` summing to 1 with :math:`\sum_b y_b (u_R(\omega,k) - u_R(\omega,b)) \le 0` on ``F``
(then at every belief some ``b`` is at least as good: no strict region). The class LP over the
classes with a strict region (columns ``x[w, k]`` state-major, ``z+``, ``z-``; rows as in
:func:`exactgame.persuasion.adversarial.adversarial_lp`) is rebuilt and its optimality checked.

``value`` is the LP's optimum. The lower bound "sup >= value" is proved here: the approach point
``x0`` is feasible and strictly obedient for every strict class (each margin > 0), so mixing it with
weight :math:`\lambda` into the optimum is strictly obedient wherever it recommends, and pays at least
:math:`(1-\lambda)\,value + \lambda\,strict\_value` whatever the receiver does among his (now unique-class)
best responses. The upper bound rests on the covering lemma (the claim is conditional).
``attained = true`` is proved by a splitting of the prior whose receiver-worst payoff, recomputed
posterior by posterior from the receiver's best responses, equals ``value``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame, prior_of

__all__ = ["check_adversarial"]


def _classes(g: CheckedGame, F: list[int]) -> list[list[str]]:
    groups: dict[tuple, list[str]] = {}
    for j, a in enumerate(g.actions):
        groups.setdefault(tuple(g.receiver[g.states[i]][j] for i in F), []).append(a)
    return list(groups.values())


def _strict_classes(doc: Mapping[str, Any], g: CheckedGame, F: list[int], classes: list[list[str]]) -> list[list[str]]:
    """Check each class's witness; return the classes with a strict region."""
    key = "certificates/classes"
    certs = lookup(doc, key)
    expect(isinstance(certs, list) and len(certs) == len(classes), key, "needs one witness per receiver class")
    S, A = g.states, g.actions
    out = []
    for c, members in enumerate(classes):
        cert = table(certs[c], f"{key}/{c}")
        expect(cert.get("actions") == members, f"{key}/{c}/actions", lambda: f"expected the class {members}")
        k = A.index(members[0])
        others = [j for j, b in enumerate(A) if b not in members]
        if cert.get("strict") is True:
            q = vec(cert.get("belief"), f"{key}/{c}/belief", len(S))
            expect(all(x >= 0 for x in q) and sum(q) == 1 and all(q[i] == 0 for i in range(len(S)) if i not in F),
                   f"{key}/{c}/belief", "not a belief on the prior's support")
            for j in others:
                gap = sum((q[i] * (g.receiver[S[i]][k] - g.receiver[S[i]][j]) for i in F), Fraction(0))
                expect(gap > 0, f"{key}/{c}/belief", lambda: f"the class does not beat {A[j]} strictly at this belief")
            out.append(members)
        else:
            expect(cert.get("strict") is False and others, f"{key}/{c}/strict", "expected true or false (and other actions)")
            mult = table(cert.get("multipliers"), f"{key}/{c}/multipliers")
            expect(set(mult) <= {A[j] for j in others}, f"{key}/{c}/multipliers", "names an action of the class")
            y = {b: num(v, f"{key}/{c}/multipliers/{b}") for b, v in mult.items()}
            expect(all(v >= 0 for v in y.values()) and sum(y.values()) == 1, f"{key}/{c}/multipliers", "not y >= 0 summing to 1")
            for i in F:
                s = sum((v * (g.receiver[S[i]][k] - g.receiver[S[i]][A.index(b)]) for b, v in y.items()), Fraction(0))
                expect(s <= 0, f"{key}/{c}/multipliers", lambda: f"positive in state {S[i]}: no proof of an empty strict region")
    return out


def _class_lp(g: CheckedGame, p, F: list[int], K: list[list[str]]) -> SparseLP:
    S, A = g.states, g.actions
    nk = len(K)
    nx = len(F) * nk
    ub = []
    for k, members in enumerate(K):
        for a in members:
            row = {nx + k: Fraction(1), nx + nk + k: Fraction(-1)}
            row.update({t * nk + k: -p[i] * g.sender[S[i]][A.index(a)] for t, i in enumerate(F)})
            ub.append(({j: v for j, v in row.items() if v}, Fraction(0)))
    for k, members in enumerate(K):
        jk = A.index(members[0])
        for jb, b in enumerate(A):
            if b not in members:
                row = {t * nk + k: p[i] * (g.receiver[S[i]][jb] - g.receiver[S[i]][jk]) for t, i in enumerate(F)}
                ub.append(({j: v for j, v in row.items() if v}, Fraction(0)))
    eq = [({t * nk + k: Fraction(1) for k in range(nk)}, Fraction(1)) for t in range(len(F))]
    return SparseLP([Fraction(0)] * nx + [Fraction(1)] * nk + [Fraction(-1)] * nk, ub, eq, True)


def _worst(g: CheckedGame, p, F: list[int], K: list[list[str]], x) -> list[tuple[Fraction, str]]:
    """Per class: the least sender payoff of its actions at x, and the first action attaining it."""
    nk = len(K)
    out = []
    for k, members in enumerate(K):
        pays = {a: sum((p[i] * x[t * nk + k] * g.sender[g.states[i]][g.actions.index(a)] for t, i in enumerate(F)), Fraction(0))
                for a in members}
        low = min(pays.values())
        out.append((low, next(a for a in members if pays[a] == low)))
    return out


def _check_approach(doc: Mapping[str, Any], g: CheckedGame, p, F: list[int], K: list[list[str]]) -> Fraction:
    """The strictly obedient point: feasible, every margin positive; returns its worth."""
    key = "certificates/approach/x"
    nk = len(K)
    x = vec(lookup(doc, key), key, len(F) * nk)
    expect(all(v >= 0 for v in x), key, "a negative entry")
    for t in range(len(F)):
        expect(sum(x[t * nk:(t + 1) * nk]) == 1, key, lambda: f"state {g.states[F[t]]}: the recommendations do not sum to 1")
    S, A = g.states, g.actions
    for k, members in enumerate(K):
        jk = A.index(members[0])
        for jb, b in enumerate(A):
            if b not in members:
                m = sum((p[i] * x[t * nk + k] * (g.receiver[S[i]][jk] - g.receiver[S[i]][jb]) for t, i in enumerate(F)), Fraction(0))
                expect(m > 0, key, lambda: f"not strictly obedient: class {members} against {b}")
    return sum((v for v, _ in _worst(g, p, F, K, x)), Fraction(0))


def _receiver_worst(g: CheckedGame, q) -> Fraction:
    S, A = g.states, g.actions
    ev = [sum((qi * g.receiver[w][j] for qi, w in zip(q, S)), Fraction(0)) for j in range(len(A))]
    top = max(ev)
    return min(sum((qi * g.sender[w][j] for qi, w in zip(q, S)), Fraction(0)) for j in range(len(A)) if ev[j] == top)


def _check_attained(doc: Mapping[str, Any], g: CheckedGame, p, value: Fraction) -> bool:
    """True when ``attained`` is true and its splitting pays ``value``; False when the document says false or null."""
    claimed = lookup(doc, "attained")
    expect(claimed in (True, False, None), "attained", "expected true, false or null")
    if claimed is not True:
        return False
    key = "certificates/attaining/splitting"
    rows = lookup(doc, key)
    expect(isinstance(rows, list) and rows, key, "needs a splitting")
    total, mean, pay = Fraction(0), [Fraction(0)] * len(p), Fraction(0)
    for i, r in enumerate(rows):
        r = table(r, f"{key}/{i}")
        w, q = num(r.get("weight"), f"{key}/{i}/weight"), vec(r.get("belief"), f"{key}/{i}/belief", len(p))
        expect(w > 0 and all(x >= 0 for x in q) and sum(q) == 1, f"{key}/{i}", "not a weighted belief")
        total += w
        mean = [m + w * x for m, x in zip(mean, q)]
        pay += w * _receiver_worst(g, q)
    expect(total == 1 and tuple(mean) == tuple(p), key, "the beliefs do not average to the prior")
    expect_equal("attained", pay, value)
    return True


def _check_hyperplane(doc: Mapping[str, Any], g: CheckedGame, p, F: list[int], K: list[list[str]], value: Fraction) -> None:
    """``h`` recomputed from the LP's duals (pi of the z rows, y of obedience), with ``h . p = value``."""
    S, A = g.states, g.actions
    y = list(vec(lookup(doc, "certificates/lp/y_ub"), "certificates/lp/y_ub"))
    h = [Fraction(0)] * len(S)
    for i in F:
        it = iter(y)
        pi = [{a: next(it) for a in members} for members in K]
        ob = [{b: next(it) for b in A if b not in members} for members in K]
        h[i] = max(sum((v * g.sender[S[i]][A.index(a)] for a, v in pi[k].items()), Fraction(0))
                   + sum((v * (g.receiver[S[i]][A.index(K[k][0])] - g.receiver[S[i]][A.index(b)]) for b, v in ob[k].items()),
                         Fraction(0)) for k in range(len(K)))
    expect_equal("supporting_hyperplane", vec(lookup(doc, "supporting_hyperplane"), "supporting_hyperplane", len(S)), tuple(h))
    expect_equal("supporting_hyperplane", sum((a * b for a, b in zip(h, p)), Fraction(0)), value)


def check_adversarial(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Check a receiver-worst persuade document (module text); return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``sender-receiver``).
    options : mapping
        ``prior``, ``payments`` (must be ``none``) and ``ties`` (``receiver-worst``).

    Returns
    -------
    tuple of three lists of str
        the keys proved, none delegated, and ``["value"]`` (proved given the covering lemma).

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x"], "prior": ["1"],
    ...                "payoffs": {"sender": {"w": [1]}, "receiver": {"w": [0]}}})
    >>> doc = {"prior": ["1"], "ties": "receiver-worst", "value": "1", "outcome": {"w": {"x": "1"}}, "classes": [["x"]],
    ...        "strict_value": "1", "attained": False, "certificates": {"classes": [{"actions": ["x"], "strict": True,
    ...        "belief": ["1"]}], "lp": {"certificate": "lp-optimal", "x": ["1", "1", "0"], "y_ub": ["1"], "y_eq": ["1"]},
    ...        "approach": {"x": ["1"]}}, "supporting_hyperplane": ["1"]}
    >>> check_adversarial(doc, g, {"ties": "receiver-worst"})[0]
    ['prior', 'ties', 'classes', 'value', 'outcome', 'strict_value', 'supporting_hyperplane']
    """
    expect(g.kind == "sender-receiver", "game/kind", "receiver-worst ties need a sender-receiver game")
    expect(options.get("payments", "none") == "none", "options/payments", "receiver-worst ties are for persuasion without payments")
    expect(doc.get("ties") == "receiver-worst", "ties", "not the options' tie-breaking rule")
    p = prior_of(options, g)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    F = [i for i, x in enumerate(p) if x]
    K = _strict_classes(doc, g, F, _classes(g, F))
    expect_equal("classes", lookup(doc, "classes"), K)
    x = check_lp_optimal(_class_lp(g, p, F, K), lookup(doc, "certificates/lp"), "certificates/lp")
    nk, nx = len(K), len(F) * len(K)
    value = sum(x[nx:nx + nk], Fraction(0)) - sum(x[nx + nk:], Fraction(0))
    expect_equal("value", num(lookup(doc, "value"), "value"), value)
    outcome: dict[str, dict[str, Fraction]] = {w: {} for w in g.states}
    for k, (_, a) in enumerate(_worst(g, p, F, K, x)):
        for t, i in enumerate(F):
            if x[t * nk + k]:
                outcome[g.states[i]][a] = outcome[g.states[i]].get(a, Fraction(0)) + x[t * nk + k]
    claimed = table(lookup(doc, "outcome"), "outcome")
    expect_equal("outcome", {w: {a: num(v, f"outcome/{w}/{a}") for a, v in table(r, f"outcome/{w}").items()}
                             for w, r in claimed.items()}, outcome)
    strict_value = _check_approach(doc, g, p, F, K)
    expect_equal("strict_value", num(lookup(doc, "strict_value"), "strict_value"), strict_value)
    keys = ["prior", "ties", "classes", "value", "outcome", "strict_value", "supporting_hyperplane"]
    _check_hyperplane(doc, g, p, F, K, value)
    if _check_attained(doc, g, p, value):
        keys.append("attained")
    return keys, [], ["value", "supporting_hyperplane"]
