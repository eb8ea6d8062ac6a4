r"""Checks of the action-type keys of ``persuade`` documents (003_e54e9b7a7da88b3e.txt, Sections 3.3, 5, 6.3).

Everything is recomputed from the expanded game (states = type profiles) with this module's
own code; the only witnesses read are two LP certificates, checked against LP-General-with-
Payments rebuilt by :mod:`exactgame.check.persuasion`:

* ``symmetric_instance``, ``iid``: the prior under adjacent transpositions of the actions (they
  generate the group), and against the product of the first action's marginal;
* ``definition_3``: the LP's optimal scheme and duals (``certificates/lp``) against Definition 3;
* ``proposition_2``: ``certificates/symmetric_lp`` is an optimality certificate of the rebuilt LP
  whose primal satisfies Definition 3 and whose persuasiveness duals are all equal;
* ``corollary_1``: with that common ``lambda``, the bound
  ``sum_theta mu max_i (s + n lambda r) - lambda C`` (``C = sum_theta mu sum_j r``; the payment
  term is bounded exactly when ``(n-1) lambda <= 1`` for nonnegative and ``= 1`` for arbitrary
  payments) is an upper bound on every persuasive scheme by weak duality of the partial Lagrangian;
  ``holds`` says it equals the optimum and the symmetric scheme recommends only maximizers;
* ``lemmas``, ``proposition_3``: the lambda-scaled welfare maximizers (uniform ties) are constant
  between the breakpoints where two payoff pairs tie on ``s + n lambda r``; every breakpoint and
  every open interval (at its midpoint; the last at its left end + 1) is evaluated;
* ``proposition_5``, ``proposition_6``: the welfare scheme for ``n/(n-1)`` with Observation 1's
  payments (``max(0, T)`` for nonnegative), against the certified optima (``certificates/lp`` and,
  for Proposition 6, ``certificates/lp_none`` of the rebuilt no-payment LP).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from ..numbers import fmt
from .core import CheckFailure, check_lp_optimal, expect, expect_equal, lookup, num, vec
from .games import CheckedGame

__all__ = ["check_action_types"]


def _swap(w: str, k: int) -> str:
    t = w.split(",")
    t[k], t[k + 1] = t[k + 1], t[k]
    return ",".join(t)


def _symmetric_prior(g: CheckedGame, p) -> bool:
    mu = dict(zip(g.states, p))
    return all(mu[w] == mu[_swap(w, k)] for w in g.states for k in range(len(g.actions) - 1))


def _iid(g: CheckedGame, p) -> bool:
    q: dict[str, Fraction] = {}
    for w, x in zip(g.states, p):
        t = w.split(",")[0]
        q[t] = q.get(t, Fraction(0)) + x
    for w, x in zip(g.states, p):
        y = Fraction(1)
        for t in w.split(","):
            y *= q.get(t, Fraction(0))
        if y != x:
            return False
    return True


def _symmetric_scheme(g: CheckedGame, scheme) -> bool:
    A = g.actions
    for w in g.states:
        for k in range(len(A) - 1):
            v = _swap(w, k)
            for i, a in enumerate(A):
                j = k + 1 if i == k else k if i == k + 1 else i
                if scheme[w].get(a, Fraction(0)) != scheme[v].get(A[j], Fraction(0)):
                    return False
    return True


def _scheme_of(g: CheckedGame, x) -> dict[str, dict[str, Fraction]]:
    nA = len(g.actions)
    return {w: {a: x[t * nA + j] for j, a in enumerate(g.actions) if x[t * nA + j]} for t, w in enumerate(g.states)}


def _payments_of(x, nphi: int, nA: int, model: str) -> list[Fraction]:
    if model == "none":
        return [Fraction(0)] * nA
    if model == "nonnegative":
        return list(x[nphi:nphi + nA])
    return [x[nphi + i] - x[nphi + nA + i] for i in range(nA)]


def _norm(v: Any, key: str) -> Any:
    """The claimed JSON with every number string in lowest terms (a non-number string fails)."""
    if isinstance(v, Mapping):
        return {k: _norm(x, f"{key}/{k}") for k, x in v.items()}
    if isinstance(v, list):
        return [_norm(x, f"{key}/{i}") for i, x in enumerate(v)]
    if isinstance(v, str):
        return fmt(num(v, key))
    return v


def _welfare(g: CheckedGame, weight: Fraction) -> dict[str, dict[str, Fraction]]:
    out = {}
    for w in g.states:
        vals = [s + weight * r for s, r in zip(g.sender[w], g.receiver[w])]
        top = max(vals)
        best = [a for a, v in zip(g.actions, vals) if v == top]
        out[w] = {a: Fraction(1, len(best)) for a in best}
    return out


def _evaluate(g: CheckedGame, p, scheme) -> tuple[Fraction, Fraction, dict[str, Fraction], set]:
    """(sender value, receiver value, Observation 1's T per action, recommended actions)."""
    A = g.actions
    X = {a: [Fraction(0)] * len(A) for a in A}
    s = r = Fraction(0)
    for mu, w in zip(p, g.states):
        for a, q in scheme[w].items():
            i = A.index(a)
            s += mu * q * g.sender[w][i]
            r += mu * q * g.receiver[w][i]
            for j in range(len(A)):
                X[a][j] += mu * q * g.receiver[w][j]
    T = {a: max(X[a][j] - X[a][A.index(a)] for j in range(len(A)) if A[j] != a) for a in A}
    used = {a for mu, w in zip(p, g.states) for a, q in scheme[w].items() if q and mu}
    return s, r, T, used


def _breakpoints(g: CheckedGame) -> list[Fraction]:
    n = len(g.actions)
    pairs = {(s, r) for w in g.states for s, r in zip(g.sender[w], g.receiver[w])}
    out = {Fraction(0)}
    for s1, r1 in pairs:
        for s2, r2 in pairs:
            if r1 != r2 and (s2 - s1) / (n * (r1 - r2)) > 0:
                out.add((s2 - s1) / (n * (r1 - r2)))
    return sorted(out)


def _pieces(g: CheckedGame, p) -> list[dict[str, Any]]:
    n = len(g.actions)
    pts = _breakpoints(g)
    out = []
    for k, b in enumerate(pts):
        nxt = pts[k + 1] if k + 1 < len(pts) else None
        for piece, lam in (({"lambda": fmt(b)}, b),
                           ({"interval": [fmt(b), None if nxt is None else fmt(nxt)]}, b + 1 if nxt is None else (b + nxt) / 2)):
            s, r, T, used = _evaluate(g, p, _welfare(g, n * lam))
            out.append({**piece, "test_lambda": lam, "receiver_value": r, "sender_value": s,
                        "persuasive": all(T[a] <= 0 for a in used)})
    return out


def _lemmas(g: CheckedGame, p) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    n = len(g.actions)
    C = sum((mu * sum(g.receiver[w], Fraction(0)) for mu, w in zip(p, g.states)), Fraction(0))
    pieces = _pieces(g, p)
    pers = [d["persuasive"] for d in pieces]
    for d in pieces:
        d["lemma_1_test"] = d["receiver_value"] >= C / n
    return {"threshold": fmt(C / n),
            "pieces": [{**d, **{k: fmt(d[k]) for k in ("test_lambda", "receiver_value", "sender_value")}} for d in pieces],
            "lemma_1": all(d["lemma_1_test"] == d["persuasive"] for d in pieces),
            "lemma_2": all(b or not a for a, b in zip(pers, pers[1:])),
            "lemma_2_receiver_monotone": all(x["receiver_value"] <= y["receiver_value"] for x, y in zip(pieces, pieces[1:])),
            "lemma_3": all(x["sender_value"] >= y["sender_value"] for x, y in zip(pieces, pieces[1:]))}, pieces


def _proposition_3(g: CheckedGame, p, pieces, value: Fraction) -> dict[str, Any]:
    for d in pieces:
        if d["persuasive"]:
            at = "lambda" in d
            return {"attained": at, "lambda_star": d["lambda"] if at else None,
                    "infimum": d["lambda"] if at else d["interval"][0], "value": fmt(d["sender_value"]),
                    "optimal": d["sender_value"] == value}
    raise CheckFailure("proposition_3", "no lambda-scaled welfare maximizer is persuasive")   # pragma: no cover


def _claimed(doc, key: str, proved: Any) -> None:
    expect_equal(key, _norm(lookup(doc, key), key), proved)


def _symmetric_keys(doc, g: CheckedGame, p, model: str, lp, nphi: int, value: Fraction) -> list[str]:
    """proposition_2 and corollary_1 from certificates/symmetric_lp."""
    n = len(g.actions)
    x = check_lp_optimal(lp, lookup(doc, "certificates/symmetric_lp"), "certificates/symmetric_lp")
    y = vec(lookup(doc, "certificates/symmetric_lp/y_ub"), "certificates/symmetric_lp/y_ub")
    scheme, P = _scheme_of(g, x), _payments_of(x, nphi, n, model)
    expect(_symmetric_scheme(g, scheme) and len(set(P)) == 1, "proposition_2", "the certified primal is not symmetric (Definition 3)")
    expect(len(set(y)) == 1, "proposition_2", "the certified dual's lambda(i, j) are not all equal (Definition 3)")
    lam = y[0]
    _claimed(doc, "proposition_2", {"value": fmt(lp.value(x)), "outcome": {w: {a: fmt(q) for a, q in r.items()} for w, r in scheme.items()},
                                    "expected_payments": {a: fmt(P[i]) for i, a in enumerate(g.actions)},
                                    "payments": {a: fmt(n * P[i]) for i, a in enumerate(g.actions)},
                                    "lambda": fmt(lam), "symmetric": True})
    bounded = not ((model == "nonnegative" and (n - 1) * lam > 1) or (model == "arbitrary" and (n - 1) * lam != 1))
    expect(bounded, "corollary_1", "the common lambda leaves the payment term of the Lagrangian unbounded")
    C = sum((mu * sum(g.receiver[w], Fraction(0)) for mu, w in zip(p, g.states)), Fraction(0))
    wt = n * lam
    bound = sum((mu * max(s + wt * r for s, r in zip(g.sender[w], g.receiver[w])) for mu, w in zip(p, g.states)), Fraction(0)) - lam * C
    maxim = all(g.sender[w][g.actions.index(a)] + wt * g.receiver[w][g.actions.index(a)]
                == max(s + wt * r for s, r in zip(g.sender[w], g.receiver[w])) for mu, w in zip(p, g.states) if mu for a in scheme[w])
    _claimed(doc, "corollary_1", {"lambda": fmt(lam), "weight": fmt(wt), "C": fmt(C), "bound": fmt(bound),
                                  "maximizers": maxim, "holds": maxim and bound == value})
    return ["proposition_2", "corollary_1"]


def check_action_types(doc: Mapping[str, Any], g: CheckedGame, p, model: str, lp, nphi: int, value: Fraction,
                       scheme, y_ub, lp_none=None) -> list[str]:
    """Check the action-type keys of a persuade document (module doc); return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the expanded action-types game.
    p : sequence of Fraction
        the prior used.
    model : str
        the payment model.
    lp : SparseLP
        LP-General-with-Payments rebuilt for ``model``; ``nphi`` its number of scheme columns.
    nphi : int
        see ``lp``.
    value : Fraction
        its certified optimum; ``scheme`` and ``y_ub`` the certificate's primal scheme and duals.
    scheme : mapping
        see ``value``.
    y_ub : sequence of Fraction
        see ``value``.
    lp_none : SparseLP or None, optional
        the rebuilt no-payment LP (Proposition 6).

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "action-types", "actions": ["A", "B"], "types": ["x", "y"], "type_prior": ["1/2", "1/2"],
    ...                "payoffs": {"x": ["1", "0"], "y": ["0", "1"]}})
    >>> check_action_types({"symmetric_instance": True, "iid": True}, g, g.prior, "none", None, 8, Fraction(1), {}, [])
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: definition_3: a required key is missing
    """
    sym = _symmetric_prior(g, p)
    expect_equal("symmetric_instance", doc.get("symmetric_instance"), sym)
    expect_equal("iid", doc.get("iid"), _iid(g, p))
    expect("definition_3" in doc, "definition_3", "a required key is missing")
    _claimed(doc, "definition_3", {"outcome": _symmetric_scheme(g, {w: scheme.get(w, {}) for w in g.states}),
                                   "lambda": len(set(y_ub)) <= 1})
    proved = ["symmetric_instance", "iid", "definition_3"]
    if not sym or len(g.actions) < 2:
        for key in ("proposition_2", "corollary_1", "lemmas", "proposition_3", "proposition_5", "proposition_6"):
            expect(key not in doc, key, "the instance is not symmetric (or has one action): no such claim")
        return proved
    proved += _symmetric_keys(doc, g, p, model, lp, nphi, value)
    n = len(g.actions)
    if model == "none":
        lem, pieces = _lemmas(g, p)
        _claimed(doc, "lemmas", lem)
        _claimed(doc, "proposition_3", _proposition_3(g, p, pieces, value))
        proved += ["lemmas", "proposition_3"]
    elif model in ("arbitrary", "nonnegative"):
        wt = Fraction(n, n - 1)
        s, _, T, used = _evaluate(g, p, _welfare(g, wt))
        v = s - sum((T[a] if model == "arbitrary" else max(Fraction(0), T[a]) for a in used), Fraction(0))
        d: dict[str, Any] = {"weight": fmt(wt), "welfare_value": fmt(v)}
        if model == "arbitrary":
            d["holds"] = v == value
            _claimed(doc, "proposition_5", d)
            proved.append("proposition_5")
        else:
            x0 = check_lp_optimal(lp_none, lookup(doc, "certificates/lp_none"), "certificates/lp_none")
            v0 = lp_none.value(x0)
            d.update({"applies": _iid(g, p), "no_payment_value": fmt(v0), "case": 2 if v == value else 1 if v0 == value else None,
                      "holds": value == max(v, v0)})
            _claimed(doc, "proposition_6", d)
            proved.append("proposition_6")
    return proved
