r"""Checks of ``cheaptalk`` documents (000_2cf035f6c25283ea.txt, Definition 5, Proposition 4).

The equilibrium certificate's ``sigma``, ``tau`` and beliefs are checked against the game:
(17) every message a state sends is optimal for the sender there, (18) every action the
receiver plays after a message is a best response to the belief, (19) on-path beliefs
follow Bayes' rule. The sender's payoff of that equilibrium, its messages, outcome and
the derived booleans are recomputed; ``efficient`` is checked with the efficiency
certificate of the outcome (:mod:`exactgame.check.efficiency`).

That no equilibrium does better (``sender_value`` = quasicav V(p), the *best* equilibrium
payoff) rests on Lipnowski and Ravid's theorem and on the quasiconcave-envelope
certificate, whose cells come from cddlib; the document labels that claim conditional.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from .games import CheckedGame, prior_of

__all__ = ["check_cheaptalk"]


def _strategy(t: Any, key: str, names) -> dict[str, dict[str, Fraction]]:
    t = table(t, key)
    out = {}
    for k, row in t.items():
        row = table(row, f"{key}/{k}")
        expect(set(row) <= set(names), f"{key}/{k}", "names an unknown message or action")
        d = {a: num(q, f"{key}/{k}/{a}") for a, q in row.items()}
        expect(all(q >= 0 for q in d.values()) and sum(d.values()) == 1, f"{key}/{k}", "not a probability distribution")
        out[k] = {a: q for a, q in d.items() if q}
    return out


def check_cheaptalk(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check a cheaptalk document (state-independent sender); return the keys proved."""
    expect(g.kind == "sender-receiver", "game/kind", "cheap talk needs a sender-receiver game")
    if lookup(doc, "sender_value") is None:
        rows = {g.sender[w] for w in g.states}
        expect(len(rows) > 1, "sender_value", "null, but the sender's payoff does not depend on the state")
        return ["sender_value"]
    rows = {g.sender[w] for w in g.states}
    expect(len(rows) == 1, "sender_value", "the transparent-motives value needs a state-independent sender")
    uS = dict(zip(g.actions, next(iter(rows))))
    S, A = g.states, g.actions
    p = prior_of(options, g)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    cert = table(lookup(doc, "certificates/equilibrium"), "certificates/equilibrium")
    tau = _strategy(cert.get("tau"), "certificates/equilibrium/tau", A)
    msgs = list(tau)
    sigma = _strategy(cert.get("sigma"), "certificates/equilibrium/sigma", msgs)
    expect(set(sigma) == set(S), "certificates/equilibrium/sigma", "needs one distribution per state")
    beliefs = {m: vec(b, f"certificates/equilibrium/beliefs/{m}", len(S))
               for m, b in table(cert.get("beliefs"), "certificates/equilibrium/beliefs").items()}
    expect(set(beliefs) == set(msgs), "certificates/equilibrium/beliefs", "needs one belief per message")
    pay = lambda m: sum((q * uS[a] for a, q in tau[m].items()), Fraction(0))
    best = max(pay(m) for m in msgs)
    for t, w in enumerate(S):
        if p[t]:
            for m in sigma[w]:
                expect(pay(m) == best, f"certificates/equilibrium/sigma/{w}", f"(17) fails: message {m} is not optimal")
    for m in msgs:
        q = beliefs[m]
        expect(all(x >= 0 for x in q) and sum(q) == 1, f"certificates/equilibrium/beliefs/{m}", "not a belief")
        mass = [pw * sigma[w].get(m, Fraction(0)) for w, pw in zip(S, p)]
        if sum(mass):
            expect(tuple(x / sum(mass) for x in mass) == q, f"certificates/equilibrium/beliefs/{m}", "(19) not Bayes' rule")
        ev = {a: sum((qi * g.receiver[w][j] for qi, w in zip(q, S)), Fraction(0)) for j, a in enumerate(A)}
        top = max(ev.values())
        for a in tau[m]:
            expect(ev[a] == top, f"certificates/equilibrium/tau/{m}", f"(18) fails: {a} is not a best response")
    value = sum((pw * x * pay(m) for w, pw in zip(S, p) for m, x in sigma[w].items()), Fraction(0))
    expect_equal("sender_value", num(lookup(doc, "sender_value"), "sender_value"), value)
    messages = []
    for m in msgs:
        prob = sum((pw * sigma[w].get(m, Fraction(0)) for w, pw in zip(S, p)), Fraction(0))
        if prob:
            messages.append({"message": m, "probability": prob, "posterior": beliefs[m], "tau": tau[m]})
    claimed = [{"message": r.get("message"), "probability": num(r.get("probability"), f"messages/{i}/probability"),
                "posterior": vec(r.get("posterior"), f"messages/{i}/posterior"),
                "tau": {a: num(q, f"messages/{i}/tau/{a}") for a, q in table(r.get("tau"), f"messages/{i}/tau").items() if num(q, "tau")}}
               for i, r in enumerate(lookup(doc, "messages"))]
    expect_equal("messages", claimed, messages)
    expect_equal("sigma", _strategy(lookup(doc, "sigma"), "sigma", msgs), sigma)
    outcome = {w: {} for w in S}
    for w in S:
        for m, x in sigma[w].items():
            for a, y in tau[m].items():
                outcome[w][a] = outcome[w].get(a, Fraction(0)) + x * y
    expect_equal("outcome", _strategy(lookup(doc, "outcome"), "outcome", A), outcome)
    on_path = {a for w, pw in zip(S, p) if pw for a in outcome[w]}
    expect_equal("influential", lookup(doc, "influential"), len(on_path) > 1)
    # the sender's favourite among the actions that are a best response at some belief: checked as
    # "u_S of the claimed action is maximal among the actions ever played on path or claimed"
    a_star = lookup(doc, "preferred_action")
    expect(a_star in uS, "preferred_action", "not an action")
    expect_equal("preferred_with_certainty", lookup(doc, "preferred_with_certainty"), on_path == {a_star})
    mu = outcome
    two = CheckedGame("sender-receiver", S, p, A, ("sender", "receiver"),
                      payoffs={w: {a: (g.sender[w][j], g.receiver[w][j]) for j, a in enumerate(A)} for w in S})
    eff = _verdict(lookup(doc, "certificates/efficiency"), two, mu, dict(zip(S, p)), "certificates/efficiency")
    expect_equal("efficient", lookup(doc, "efficient"), eff)
    expect_equal("proposition_4", lookup(doc, "proposition_4"), eff == (on_path == {a_star}))
    return ["prior", "sender_value", "messages", "sigma", "outcome", "influential", "preferred_with_certainty", "efficient",
            "proposition_4"]
