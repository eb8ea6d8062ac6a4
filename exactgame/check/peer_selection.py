r"""Checks of ``peer-selection`` documents (000_2cf035f6c25283ea.txt, Section 3.2, Proposition 7).

From the game (values per agent and type, threshold ``t``, prior over type profiles) the checker
recomputes with its own code:

* the ranking-based mechanism by its definition: peer values :math:`E[u_i\mid\omega_{-i}]`, ranks
  (highest peer value first, ties by agent order, normalised by ``k - 1``), robust ranks
  :math:`\max_{\omega'_i} r_i(\omega'_i, \omega_{-i})`, the informational size (33), the allocation
  (each of the :math:`\lfloor t(k-1)\rfloor` top-ranked agents gets :math:`1/(t(k-1))` if its robust
  rank is at most ``t`` and its peer value nonnegative; the principal keeps the rest) and
  Proposition 7's hypotheses;
* DIC (32) of that allocation, every agent, others' types, true type and report;
* the efficiency verdicts of the ranking mechanism and of the optimal mechanism, from their
  witnesses (a positive normal, or a dominating outcome: :mod:`exactgame.check.efficiency`);
* the optimal-DIC LP (columns ``(state, action)``, one equality row per state, DIC rows per agent,
  others' types, true type and report, as :func:`exactgame.peer_selection_report.dic_lp`
  documents), whose ``lp-optimal`` witness proves ``optimal/value``; ``optimal/outcome`` is the
  proved ``x``, and ``ratio`` is the ranking value over it (the ranking mechanism is DIC, so it is
  a feasible point and its value is at most the optimum).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from .games import CheckedGame, peer_values, product

__all__ = ["check_peer_selection"]


class _Model:
    """Peer values and ranks of the game's type profiles."""

    def __init__(self, g: CheckedGame):
        self.vals = peer_values(g.raw)
        self.n = len(self.vals)
        self.types = [list(v) for v in self.vals]
        self.p = dict(zip(g.states, g.prior))

    def peer_value(self, i: int, w: tuple) -> Fraction:
        rows = [(v, self.p["|".join(v)]) for v in product(self.types) if all(v[j] == w[j] for j in range(self.n) if j != i)]
        mass = sum(q for _, q in rows)
        expect(mass > 0, "game/prior", lambda: f"the others' types of {'|'.join(w)} have probability 0")
        return sum((q * self.vals[i][v[i]] for v, q in rows), Fraction(0)) / mass

    def ranks(self, w: tuple) -> list[Fraction]:
        pv = [self.peer_value(i, w) for i in range(self.n)]
        order = sorted(range(self.n), key=lambda i: (-pv[i], i))
        r = [Fraction(0)] * self.n
        for pos, i in enumerate(order, start=1):
            r[i] = Fraction(pos, self.n)
        return r


def _ranking(g: CheckedGame, t: Fraction) -> dict[str, Any]:
    m = _Model(g)
    n = m.n
    out: dict[str, Any] = {"outcome": {}, "peer_values": {}, "ranks": {}, "informational_size": {}, "why_not": []}
    for w in product(m.types):
        name = "|".join(w)
        r = m.ranks(w)
        pv = [m.peer_value(i, w) for i in range(n)]
        dev = [[m.ranks(w[:i] + (x,) + w[i + 1:])[i] for x in m.types[i]] for i in range(n)]
        delta = max(abs(r[i] - y) for i in range(n) for y in dev[i])
        top = [i for i in range(n) if r[i] <= Fraction((t * n).numerator // (t * n).denominator, n)]
        row = {f"agent{i + 1}": 1 / (t * n) for i in top if max(dev[i]) <= t and pv[i] >= 0}
        kept = 1 - sum(row.values(), Fraction(0))
        if kept:
            row["keep"] = kept
        out["outcome"][name], out["peer_values"][name], out["ranks"][name] = row, pv, r
        out["informational_size"][name] = delta
        if t < max(Fraction(1, n) + delta, Fraction(2, n)):
            out["why_not"].append(f"state {name}: t < max(1/(k-1) + delta, 2/(k-1))")
        if all(x < 0 for x in pv):
            out["why_not"].append(f"state {name}: no agent has a nonnegative peer value")
    return out


def _dic(g: CheckedGame, mu: Mapping[str, Mapping[str, Fraction]], types: list[list[str]]) -> bool:
    for i, ts in enumerate(types):
        for rest in product([t for j, t in enumerate(types) if j != i]):
            probs = [mu["|".join(rest[:i] + (x,) + rest[i:])].get(f"agent{i + 1}", Fraction(0)) for x in ts]
            if len(set(probs)) > 1:
                return False
    return True


def _lp(g: CheckedGame, types: list[list[str]]) -> tuple[SparseLP, list[tuple[str, str]]]:
    cols = [(w, a) for w in g.states for a in g.actions]
    index = {c: j for j, c in enumerate(cols)}
    p = dict(zip(g.states, g.prior))
    c = [p[w] * g.payoffs[w][a][0] for w, a in cols]
    eq = [({index[(w, a)]: Fraction(1) for a in g.actions}, Fraction(1)) for w in g.states]
    ub = []
    for i, ts in enumerate(types):
        for rest in product([t for j, t in enumerate(types) if j != i]):
            for x in ts:
                for y in ts:
                    if x != y:
                        sx, sy = ("|".join(rest[:i] + (z,) + rest[i:]) for z in (x, y))
                        ub.append(({index[(sy, f"agent{i + 1}")]: Fraction(1), index[(sx, f"agent{i + 1}")]: Fraction(-1)}, Fraction(0)))
    return SparseLP(c, ub, eq, True), cols


def _dists(value: Any, key: str) -> dict[str, dict[str, Fraction]]:
    return {w: {a: num(q, f"{key}/{w}/{a}") for a, q in table(row, f"{key}/{w}").items()} for w, row in table(value, key).items()}


def _value(g: CheckedGame, mu: Mapping[str, Mapping[str, Fraction]]) -> Fraction:
    return sum((pw * q * g.payoffs[w][a][0] for w, pw in zip(g.states, g.prior) for a, q in mu[w].items()), Fraction(0))


def _check_optimal(doc: Mapping[str, Any], g: CheckedGame, types: list[list[str]], weights) -> Fraction:
    lp, cols = _lp(g, types)
    x = check_lp_optimal(lp, lookup(doc, "certificates/lp"), "certificates/lp")
    opt = table(lookup(doc, "optimal"), "optimal")
    value = lp.value(x)
    expect_equal("optimal/value", num(opt.get("value"), "optimal/value"), value)
    mu: dict[str, dict[str, Fraction]] = {w: {} for w in g.states}
    for (w, a), q in zip(cols, x):
        if q:
            mu[w][a] = q
    expect_equal("optimal/outcome", _dists(opt.get("outcome"), "optimal/outcome"), mu)
    expect_equal("optimal/stochastic_states", opt.get("stochastic_states"), [w for w in g.states if len(mu[w]) > 1])
    eff = _verdict(lookup(doc, "certificates/optimal_efficiency"), g, mu, weights, "certificates/optimal_efficiency")
    expect_equal("optimal/efficient", opt.get("efficient"), eff)
    expect_equal("optimal/actions_taken", opt.get("actions_taken"), sum(len(r) for r in mu.values()))
    expect_equal("optimal/bound", opt.get("bound"), len(g.players) + len(g.states))
    return value


def check_peer_selection(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check a ``peer-selection`` document (module doc); return the keys proved.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``peer-selection``).
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
    >>> g = read_game({"kind": "peer-selection", "threshold": "1", "values": [{"a": "0", "b": "1"}, {"a": "0", "b": "1"}],
    ...                "prior": {"a|a": "1/4", "a|b": "1/4", "b|a": "1/4", "b|b": "1/4"}})
    >>> g.states, g.payoffs["a|b"]["agent2"]
    (('a|a', 'a|b', 'b|a', 'b|b'), (Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)))
    >>> check_peer_selection({"threshold": "1/2"}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: threshold: the claimed value is not the proved one (claimed 1/2, proved 1)
    """
    expect(g.kind == "peer-selection", "game/kind", "a peer-selection document needs a peer-selection game")
    t = num(g.raw.get("threshold"), "game/threshold")
    expect(0 < t <= 1, "game/threshold", "the threshold must lie in (0, 1]")
    expect(all(q > 0 for q in g.prior), "game/prior", "efficiency needs an interior prior (every type profile positive)")
    types = [list(v) for v in peer_values(g.raw)]
    weights = dict(zip(g.states, g.prior))
    rk = _ranking(g, t)
    expect_equal("threshold", num(lookup(doc, "threshold"), "threshold"), t)
    expect_equal("states", lookup(doc, "states"), list(g.states))
    expect_equal("outcome", _dists(lookup(doc, "outcome"), "outcome"), rk["outcome"])
    for key in ("peer_values", "ranks"):
        claimed = {w: list(vec(v, f"{key}/{w}")) for w, v in table(lookup(doc, key), key).items()}
        expect_equal(key, claimed, rk[key])
    sizes = {w: num(v, f"informational_size/{w}") for w, v in table(lookup(doc, "informational_size"), "informational_size").items()}
    expect_equal("informational_size", sizes, rk["informational_size"])
    expect_equal("why_not", lookup(doc, "why_not"), rk["why_not"])
    expect_equal("hypotheses_hold", lookup(doc, "hypotheses_hold"), not rk["why_not"])
    mu = rk["outcome"]
    expect_equal("dic", lookup(doc, "dic"), _dic(g, mu, types))
    eff = _verdict(lookup(doc, "certificates/efficiency"), g, mu, weights, "certificates/efficiency")
    expect_equal("efficient", lookup(doc, "efficient"), eff)
    expect_equal("actions_taken", lookup(doc, "actions_taken"), sum(len(r) for r in mu.values()))
    expect_equal("bound", lookup(doc, "bound"), len(g.players) + len(g.states))
    rank_value = _value(g, mu)
    expect_equal("ranking_value", num(lookup(doc, "ranking_value"), "ranking_value"), rank_value)
    opt = _check_optimal(doc, g, types, weights)
    ratio = lookup(doc, "ratio")
    expect_equal("ratio", None if ratio is None else num(ratio, "ratio"), rank_value / opt if opt else None)
    return ["threshold", "states", "outcome", "peer_values", "ranks", "informational_size", "why_not", "hypotheses_hold",
            "dic", "efficient", "actions_taken", "bound", "ranking_value", "optimal", "ratio"]
