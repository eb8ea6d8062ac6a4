r"""Checks of ``bargain`` documents (002_b82d6ff4761a0a82.txt, Sections 2-4).

The IC polytope :math:`\Pi` (variables :math:`\pi(a|\omega)` state-major, the receiver's
obedience rows, one ``= 1`` row per state) and the agents' payoff rows
:math:`E(u_i|\pi) = \sum_\omega p(\omega)\sum_a \pi(a|\omega) u_i(\omega, a)` are rebuilt from the game.

* ``disagreement``: the disagreement structure (full information: in each state the first
  action, in file order, optimal when the state is known; no information: the first
  optimal action at the prior; or the file's table) and its payoffs;
* ``beneficial_agreement_exists``: an IC structure improving every agent strictly, or Ville
  weights ``y >= 0`` (sum 1) with a certified ``max_{pi in Pi} y . E(u|pi) <= y . d``;
* ``ideal``: per agent the certified maximum of :math:`E(u_i|\pi)` over :math:`\Pi`;
* ``egalitarian`` and ``kalai_smorodinsky``: the certified maximum of ``t`` with
  :math:`E(u|\pi) - d = t\,\delta` (``delta`` all ones, resp. ``ideal - d``);
* ``nash`` (rational points): an IC structure attaining ``u*`` and the certified maximum of
  ``g . E(u|pi)`` over :math:`\Pi` with :math:`g_i = \alpha_i/(u^*_i - d_i)` (0 for zero weights,
  whose agents keep :math:`E(u_j|\pi) \ge d_j`: one more row each), equal to ``g . u*``: the
  first-order condition of the concave :math:`\sum_i \alpha_i\log(u_i - d_i)` over the convex
  set, so ``u*`` maximizes it. With positive weights and no beneficial agreement (Ville
  weights), every point of B has a zero Nash product and ``nash = d``.
* ``nash`` (algebraic points, ``nash-algebraic``): the same first-order condition in the real
  number field :math:`\mathbb{Q}(\theta)` (:mod:`exactgame.numberfield`: :math:`\theta` the unique
  root of a rational polynomial in an isolating interval, checked by Sturm's theorem):
  ``g_i (u*_i - d_i) = alpha_i``; ``u*`` a mixture (weights in the field) of IC structures; the
  LP dual ``y = Y g`` (``Y`` rational) feasible with ``b . y <= g . u*``. The text of each
  coordinate (``a + b*sqrt(D)/c`` forms) is read by a small parser (no evaluation of text) and
  compared exactly: ``x = r + s sqrt(D)`` iff ``(x - r)^2 = s^2 D`` and ``x - r`` has the sign of
  ``s``. ``structures/nash`` is a rational IC structure within the stated distance.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

import re

from ..errors import CertificateError
from ..numberfield import NumberField
from .core import CheckFailure, SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame
from .persuasion import obedience_rows

__all__ = ["check_bargain"]


def _optimal(g: CheckedGame, belief) -> list[str]:
    ev = [sum((q * g.receiver[w][j] for q, w in zip(belief, g.states)), Fraction(0)) for j in range(len(g.actions))]
    top = max(ev)
    return [a for a, v in zip(g.actions, ev) if v == top]


def _ic(g: CheckedGame, pi, key: str) -> None:
    for j, a in enumerate(g.actions):
        wts = [p * pi[w].get(a, Fraction(0)) for p, w in zip(g.prior, g.states)]
        if any(wts):
            expect(a in _optimal(g, wts), key, lambda: f"not IC: after the recommendation {a!r} the receiver prefers another action")


def _payoff(g: CheckedGame, pi) -> tuple[Fraction, ...]:
    return tuple(sum((p * q * g.payoffs[i][w][g.actions.index(a)] for p, w in zip(g.prior, g.states) for a, q in pi[w].items()),
                     Fraction(0)) for i in g.agents)


def _structure(t: Any, g: CheckedGame, key: str):
    t = table(t, key)
    expect(set(t) == set(g.states), key, "needs one distribution per state")
    out = {}
    for w in g.states:
        row = table(t[w], f"{key}/{w}")
        expect(set(row) <= set(g.actions), f"{key}/{w}", "unknown action")
        d = {a: num(q, f"{key}/{w}/{a}") for a, q in row.items()}
        expect(all(q >= 0 for q in d.values()) and sum(d.values()) == 1, f"{key}/{w}", "not a distribution")
        out[w] = {a: q for a, q in d.items() if q}
    _ic(g, out, key)
    return out


def _per_agent(doc, key, g) -> tuple[Fraction, ...] | None:
    v = lookup(doc, key)
    if v is None:
        return None
    v = table(v, key)
    expect(list(v) == list(g.agents), key, "needs one entry per agent, in the agents' order")
    return tuple(num(v[i], f"{key}/{i}") for i in g.agents)


def _required(v: tuple[Fraction, ...] | None) -> tuple[Fraction, ...]:
    """A per-agent entry that must be numbers: a null one is a malformed document (the TypeError
    of iterating it, which check_document reports as such)."""
    if v is None:
        raise TypeError("'NoneType' object is not iterable")
    return v


def _rows(g: CheckedGame):
    nA = len(g.actions)
    return [{t * nA + j: g.prior[t] * g.payoffs[i][w][j] for t, w in enumerate(g.states) for j in range(nA)} for i in g.agents]


def _ic_lp(g: CheckedGame, weights) -> SparseLP:
    rows = _rows(g)
    n = len(g.states) * len(g.actions)
    c = [sum((wt * r.get(k, Fraction(0)) for wt, r in zip(weights, rows)), Fraction(0)) for k in range(n)]
    ub, eq = obedience_rows(g.prior, g.states, g.actions, g.receiver)
    return SparseLP(c, ub, eq, True)


def _x_structure(g: CheckedGame, x):
    nA = len(g.actions)
    return {w: {a: x[t * nA + j] for j, a in enumerate(g.actions) if x[t * nA + j]} for t, w in enumerate(g.states)}


def _ray(g: CheckedGame, d, direction, cert, key: str):
    """max t s.t. E(u|pi) - t direction = d over Pi; returns (t, pi)."""
    rows = _rows(g)
    m = len(g.states) * len(g.actions)
    ub, eq = obedience_rows(g.prior, g.states, g.actions, g.receiver)
    eq = list(eq) + [({**r, m: -direction[i]}, d[i]) for i, r in enumerate(rows)]
    lp = SparseLP([Fraction(0)] * m + [Fraction(1)], ub, eq, True)
    x = check_lp_optimal(lp, cert, key)
    return x[m], _x_structure(g, x[:m])


def _disagreement_structure(g: CheckedGame) -> dict:
    """The disagreement structure of the module text, with the receiver's tie-break of the game."""
    S, N = g.states, g.agents
    spec = g.disagreement
    tie = g.raw.get("tie_break", "first")
    expect(tie in ("first", "last", *N), "game/tie_break", "expected 'first', 'last' or an agent's name")

    def pick(actions, w):   # the receiver's tie-break among optimal actions (in state w, or at the prior)
        if tie in ("first", "last"):
            return actions[0 if tie == "first" else -1]

        def val(a):
            return (g.payoffs[tie][w][g.actions.index(a)] if w is not None else
                    sum((p * g.payoffs[tie][v][g.actions.index(a)] for p, v in zip(g.prior, S)), Fraction(0)))

        top = max(val(a) for a in actions)
        return next(a for a in actions if val(a) == top)

    if spec == "full-information":
        return {w: {pick(_optimal(g, [Fraction(int(v == w)) for v in S]), w): Fraction(1)} for w in S}
    if spec == "no-information":
        a = pick(_optimal(g, g.prior), None)
        return {w: {a: Fraction(1)} for w in S}
    _ic(g, spec, "game/disagreement")
    return spec


def check_bargain(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check a bargain document; return the keys proved.

    Every key of the module text is rebuilt from the game (``options["weights"]``: the Nash
    weights, default all 1); ``pareto``, when the document has it, by one LP per solution.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``bargaining``).
    options : mapping
        the document's options.

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "bargaining", "states": ["w"], "prior": ["1"], "actions": ["x", "y"],
    ...     "agents": ["A", "B"], "payoffs": {"receiver": {"w": [1, 0]}, "A": {"w": [1, 0]}, "B": {"w": [0, 1]}}})
    >>> check_bargain({"disagreement": {"A": "1", "B": "1"}}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: disagreement: the claimed value is not the proved one (claimed (1, 1), proved (1, 0))
    """
    expect(g.kind == "bargaining", "game/kind", "bargain needs a bargaining game")
    S, N = g.states, g.agents
    pi_d = _disagreement_structure(g)
    d = _payoff(g, pi_d)
    expect_equal("disagreement", _per_agent(doc, "disagreement", g), d)
    discrete = True
    for a in g.actions:
        wts = [p * pi_d[w].get(a, Fraction(0)) for p, w in zip(g.prior, S)]
        if any(wts) and len(_optimal(g, wts)) != 1:
            discrete = False
    expect_equal("disagreement_discrete", lookup(doc, "disagreement_discrete"), discrete)
    proved = ["disagreement", "disagreement_discrete", *_check_agreement(doc, g, d)]
    # ideal point
    ideal_list = []
    for k, i in enumerate(N):
        lp = _ic_lp(g, [Fraction(int(j == k)) for j in range(len(N))])
        x = check_lp_optimal(lp, lookup(doc, f"certificates/ideal/{i}"), f"certificates/ideal/{i}")
        ideal_list.append(lp.value(x))
    ideal = tuple(ideal_list)
    expect_equal("ideal", _per_agent(doc, "ideal", g), ideal)
    proved.append("ideal")
    for name, direction in (("egalitarian", (Fraction(1),) * len(N)), ("kalai_smorodinsky", tuple(e - x for e, x in zip(ideal, d)))):
        claimed = _per_agent(doc, name, g)
        if not any(direction):
            expect_equal(name, claimed, d)  # nobody can gain: the solution is d
        else:
            t, pi = _ray(g, d, direction, lookup(doc, f"certificates/{name}"), f"certificates/{name}")
            expect_equal(name, claimed, tuple(x + t * dl for x, dl in zip(d, direction)))
            expect_equal(f"structures/{name}", _structure(lookup(doc, f"structures/{name}"), g, f"structures/{name}"), pi)
        proved.append(name)
    proved += _check_nash(doc, g, d, options, pi_d)
    if doc.get("pareto"):
        _check_pareto(doc, g)
        proved.append("pareto")
    return proved


def _check_agreement(doc: Mapping[str, Any], g: CheckedGame, d: tuple[Fraction, ...]) -> list[str]:
    """``beneficial_agreement_exists``: a strictly improving IC structure, or certified Ville weights."""
    exists = lookup(doc, "beneficial_agreement_exists")
    if exists is True:
        pi = _structure(lookup(doc, "beneficial_structure"), g, "beneficial_structure")
        u = _payoff(g, pi)
        expect(all(x > y for x, y in zip(u, d)), "beneficial_structure", "some agent does not gain strictly over d")
        expect_equal("beneficial", _per_agent(doc, "beneficial", g), u)
        expect(lookup(doc, "ville_weights") is None, "ville_weights", "Ville weights next to a beneficial agreement")
        return ["beneficial_agreement_exists", "beneficial", "beneficial_structure"]
    else:
        expect(exists is False, "beneficial_agreement_exists", "expected true or false")
        y = _per_agent(doc, "ville_weights", g)
        if y is None:
            raise CheckFailure("ville_weights", "not a distribution over the agents")
        expect(all(v >= 0 for v in y) and sum(y) == 1, "ville_weights", "not a distribution over the agents")
        lp = _ic_lp(g, y)
        x = check_lp_optimal(lp, lookup(doc, "certificates/agreement/lp"), "certificates/agreement/lp")
        best = lp.value(x)
        yd = sum((a * b for a, b in zip(y, d)), Fraction(0))
        expect(best <= yd, "ville_weights", lambda: f"an IC structure gives y . u = {best} > y . d = {yd}")
        expect(lookup(doc, "beneficial") is None, "beneficial", "a beneficial payoff next to Ville weights")
        return ["beneficial_agreement_exists", "ville_weights", "beneficial", "beneficial_structure"]


def _check_pareto(doc, g: CheckedGame) -> None:
    """Each solution's Pareto test: max sum_i E(u_i|pi) over IC pi with E(u|pi) >= u*; efficient iff it is sum u*."""
    rows = _rows(g)
    m = len(g.states) * len(g.actions)
    for name, claim in table(lookup(doc, "pareto"), "pareto").items():
        key = f"pareto/{name}"
        u = _required(_per_agent(doc, name, g))
        c = [sum((r.get(k, Fraction(0)) for r in rows), Fraction(0)) for k in range(m)]
        ub, eq = obedience_rows(g.prior, g.states, g.actions, g.receiver)
        ub = list(ub) + [({k: -v for k, v in r.items() if v}, -ui) for r, ui in zip(rows, u)]
        lp = SparseLP(c, ub, eq, True)
        x = check_lp_optimal(lp, lookup(doc, f"certificates/pareto/{name}"), f"certificates/pareto/{name}")
        gain = lp.value(x) - sum(u, Fraction(0))
        expect_equal(f"{key}/efficient", lookup(claim, "efficient"), gain == 0)
        dominating = None if gain == 0 else _payoff(g, _x_structure(g, x))
        expect_equal(f"{key}/dominating", _per_agent(doc, f"{key}/dominating", g), dominating)


def _nash_is_d(doc, g: CheckedGame, pi_d) -> list[str]:
    """``structures/nash``, when given next to ``nash = d``, is the disagreement structure."""
    t = lookup(doc, "structures").get("nash")
    if t is None:
        return []
    expect_equal("structures/nash", _structure(t, g, "structures/nash"), {w: dict(r) for w, r in pi_d.items()})
    return ["structures/nash"]


def _check_nash(doc, g: CheckedGame, d, options, pi_d) -> list[str]:
    """A rational Nash point by the KKT LP; ``d`` (all weights positive) by the Ville certificate."""
    N = g.agents
    alpha = vec(options["weights"], "options/weights", len(N)) if options.get("weights") is not None else (Fraction(1),) * len(N)
    expect(all(a >= 0 for a in alpha) and any(alpha), "options/weights", "Nash weights must be >= 0, not all 0")
    cert = lookup(doc, "certificates").get("nash")
    if cert is not None and table(cert, "certificates/nash").get("certificate") == "nash-algebraic":
        return _check_nash_algebraic(doc, g, d, alpha, cert)
    if cert is not None and table(cert, "certificates/nash").get("certificate") == "nash-disagreement":
        y = vec(cert.get("ville"), "certificates/nash/ville", len(N))
        expect(all(v >= 0 for v in y) and sum(v for v, a in zip(y, alpha) if a) == 1
               and all(v == 0 for v, a in zip(y, alpha) if not a), "certificates/nash/ville",
               "not a distribution over the positive-weight agents")
        lp = _ic_lp(g, y)
        rows = _rows(g)
        lp.ub = list(lp.ub) + [({k: -v for k, v in rows[j].items() if v}, -d[j]) for j, a in enumerate(alpha) if not a]
        x = check_lp_optimal(lp, cert.get("lp"), "certificates/nash/lp")
        expect(lp.value(x) <= sum((a * b for a, b in zip(y, d)), Fraction(0)), "nash",
               "an IC structure gives the positive-weight agents a positive weighted surplus over d")
        expect_equal("nash", _per_agent(doc, "nash", g), d)
        return ["nash", *_nash_is_d(doc, g, pi_d)]
    if cert is None or table(cert, "certificates/nash").get("certificate") != "nash-kkt":
        if all(alpha) and lookup(doc, "beneficial_agreement_exists") is False and _per_agent(doc, "nash", g) == d:
            return ["nash", *_nash_is_d(doc, g, pi_d)]  # no point beats d for every agent (Ville): the Nash product is 0 on B
        return []  # e.g. an algebraic point: its claim is labelled not certified
    claimed = _per_agent(doc, "nash", g)
    pi = _structure(lookup(doc, "structures/nash"), g, "structures/nash")
    u = _payoff(g, pi)
    expect_equal("nash", claimed, u)   # from here on the claimed point is u
    for a, ui, di in zip(alpha, u, d):
        expect(ui > di if a else ui >= di, "nash", "the point does not improve on d for every agent with positive weight")
    grad = [a / (x - y) if a else Fraction(0) for a, x, y in zip(alpha, u, d)]
    expect_equal("certificates/nash/gradient", vec(lookup(doc, "certificates/nash/gradient"), "certificates/nash/gradient"), tuple(grad))
    lp = _ic_lp(g, grad)
    rows = _rows(g)
    for j, a in enumerate(alpha):  # zero-weight agents: maximize over the part of B where they keep d_j
        if not a:
            lp.ub = list(lp.ub) + [({k: -v for k, v in rows[j].items() if v}, -d[j])]
    x = check_lp_optimal(lp, lookup(doc, "certificates/nash/lp"), "certificates/nash/lp")
    top = sum((gi * ui for gi, ui in zip(grad, u)), Fraction(0))
    expect(lp.value(x) <= top, "nash", "an IC structure improves the weighted log Nash product to first order")
    return ["nash", "structures/nash"]


_TERM = re.compile(r"\s*([+-])?\s*(?:(\d+)(?:/(\d+))?\s*\*?\s*)?(?:sqrt\((\d+)\))?\s*(?:/\s*(\d+))?")


def _surd(text: Any, key: str) -> tuple[Fraction, Fraction, int]:
    """``r + s*sqrt(D)`` from sympy's text of a quadratic surd (terms ``[+-] [p[/q][*]]sqrt(D)[/c]`` or
    ``[+-] p[/q]``); CheckFailure for anything else (the text is parsed, never evaluated)."""
    expect(isinstance(text, str) and 0 < len(text) < 20_000, key, "expected the text of an algebraic number")
    r, s, D, pos = Fraction(0), Fraction(0), None, 0
    while pos < len(text):
        m = _TERM.match(text, pos)
        if m is None:
            raise CheckFailure(key, f"cannot read {text[:80]!r}")
        expect(m.end() > pos and (m.group(2) or m.group(4)), key, lambda: f"cannot read {text[:80]!r}")
        if pos and not m.group(1):
            raise CheckFailure(key, f"cannot read {text[:80]!r}")
        sign, p, q, root, c = m.groups()
        x = Fraction(int(p) if p else 1, int(q) if q else 1) / (int(c) if c else 1) * (-1 if sign == "-" else 1)
        if root:
            expect(D is None or D == int(root), key, "more than one square root")
            D, s = int(root), s + x
        else:
            r += x
        pos = m.end()
    return r, s, D or 0


def _check_nash_text(doc: Mapping[str, Any], N: tuple[str, ...], K: NumberField, u: list) -> None:
    """The claimed text, coordinate by coordinate (quadratic fields; otherwise the coordinates
    in the certificate are the claim, and the text is labelled a display)."""
    claimed = table(lookup(doc, "nash"), "nash")
    expect(list(claimed) == list(N), "nash", "needs one entry per agent, in the agents' order")
    for i, agent in enumerate(N if K.degree == 2 else ()):
        r, s, D = _surd(claimed[agent], f"nash/{agent}")
        e = K.sub(u[i], K.const(r))
        expect(K.mul(e, e) == K.const(s * s * D) and K.sign(e) == (s > 0) - (s < 0), f"nash/{agent}",
               "the text is not the certified coordinate")


def _check_nash_algebraic(doc, g: CheckedGame, d, alpha, cert) -> list[str]:
    """An algebraic Nash point: the KKT conditions in Q(theta) (module doc)."""
    key = "certificates/nash"
    N, n = g.agents, len(g.agents)
    try:
        K = NumberField(vec(cert.get("polynomial"), f"{key}/polynomial"), *vec(cert.get("interval"), f"{key}/interval", 2))
    except CertificateError as exc:
        raise CheckFailure(f"{key}/polynomial", str(exc)) from None

    def elements(name: str, count: int | None) -> list:
        rows = cert.get(name)
        expect(isinstance(rows, list) and (count is None or len(rows) == count), f"{key}/{name}", "wrong number of entries")
        return [K.element(vec(r, f"{key}/{name}/{k}", K.degree)) for k, r in enumerate(rows)]

    try:
        u, grad = elements("point", n), elements("gradient", n)
        for i, (a, x, y) in enumerate(zip(alpha, u, d)):
            gap = K.sub(x, K.const(y))
            if a:
                expect(K.sign(gap) > 0, f"{key}/point/{i}", "an agent with positive weight does not gain over d")
                expect(K.mul(grad[i], gap) == K.const(a), f"{key}/gradient/{i}", "not alpha_i / (u_i - d_i)")
            else:
                expect(K.sign(gap) >= 0 and K.is_zero(grad[i]), f"{key}/gradient/{i}", "a zero-weight agent below d or with a gradient")
        structs = cert.get("structures")
        expect(isinstance(structs, list) and structs, f"{key}/structures", "expected IC structures")
        pts = [_payoff(g, _structure(t, g, f"{key}/structures/{k}")) for k, t in enumerate(structs)]
        lam = elements("barycentric", len(pts))
        expect(all(K.sign(x) >= 0 for x in lam) and K.linear([Fraction(1)] * len(lam), lam) == K.const(1),
               f"{key}/barycentric", "not a probability vector")
        for i in range(n):
            expect(K.linear([p[i] for p in pts], lam) == u[i], f"{key}/point/{i}", "the structures' mixture does not attain the point")
        lp = _ic_lp(g, [Fraction(0)] * n)
        rows = _rows(g)
        ub = list(lp.ub) + [({k: -v for k, v in rows[j].items() if v}, -d[j]) for j, a in enumerate(alpha) if not a]
        A = ub + list(lp.eq)
        Y = cert.get("dual")
        expect(isinstance(Y, list) and len(Y) == len(A), f"{key}/dual", "one row per LP row")
        Y = [vec(r, f"{key}/dual/{k}", n) for k, r in enumerate(Y)]
        y = [K.linear(r, grad) for r in Y]
        for r in range(len(ub)):
            expect(K.sign(y[r]) >= 0, f"{key}/dual/{r}", "the multiplier of an inequality row is negative")
        m = len(g.states) * len(g.actions)
        for col in range(m):
            coef = [sum((row.get(col, Fraction(0)) * Y[r][i] for r, (row, _) in enumerate(A) if Y[r][i]), Fraction(0))
                    - rows[i].get(col, Fraction(0)) for i in range(n)]
            expect(K.sign(K.linear(coef, grad)) >= 0, f"{key}/dual", lambda: f"the dual constraint of column {col} fails")
        by = [sum((b * Y[r][i] for r, (_, b) in enumerate(A) if b and Y[r][i]), Fraction(0)) for i in range(n)]
        gu = K.linear([Fraction(1)] * n, [K.mul(a, b) for a, b in zip(grad, u)])
        expect(K.sign(K.sub(gu, K.linear(by, grad))) >= 0, "nash", "an IC structure improves the weighted log Nash product to first order")
        _check_nash_text(doc, N, K, u)
        # the rational structure near the point
        approx = _structure(lookup(doc, "structures/nash"), g, "structures/nash")
        expect_equal("structures/nash", approx, _structure(cert.get("approx_structure"), g, f"{key}/approx_structure"))
        point = vec(cert.get("approx_point"), f"{key}/approx_point", n)
        expect_equal(f"{key}/approx_point", point, _payoff(g, approx))
        dist = num(cert.get("distance"), f"{key}/distance")
        expect(dist > 0, f"{key}/distance", "must be positive")
        for i in range(n):
            lo, hi = K.approx(K.sub(u[i], K.const(point[i])), dist / 2)
            expect(-dist <= lo and hi <= dist, f"{key}/approx_point/{i}", "farther than the distance from the point")
    except CertificateError as exc:
        raise CheckFailure(key, str(exc)) from None
    return ["nash" if K.degree == 2 else "certificates/nash", "structures/nash"]
