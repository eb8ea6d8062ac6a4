r"""Checks of ``cheaptalk`` documents (000_2cf035f6c25283ea.txt, Definition 5, Proposition 4).

The equilibrium certificate's ``sigma``, ``tau`` and beliefs are checked against the game:
(17) every message a state sends is optimal for the sender there, (18) every action the
receiver plays after a message is a best response to the belief, (19) on-path beliefs
follow Bayes' rule. The sender's payoff of that equilibrium, its messages, outcome and
the derived booleans are recomputed; ``efficient`` is checked with the efficiency
certificate of the outcome (:mod:`exactgame.check.efficiency`).

The value is also checked to be quasicav V(p), where V(q) is the sender's payoff of his
favourite receiver best response at q: a splitting of ``p`` into beliefs at each of which an
action worth at least ``level`` is a best response (every quasiconcave majorant of V is then
at least ``level`` at p), and a separator ``y`` with ``y . p < 0`` that is nonnegative on the
receiver's cell :math:`C_a` of every action worth more than ``level``, proved by multipliers
:math:`\lambda_{ab} \ge 0` with :math:`y_\omega \ge \sum_b \lambda_{ab}(u_R(\omega,a) - u_R(\omega,b))`: on :math:`C_a`,
:math:`y\cdot q \ge \sum_b \lambda_{ab}\sum_\omega q_\omega(u_R(\omega,a) - u_R(\omega,b)) \ge 0`. So ``p`` is outside
the hull of the higher cells, and the quasiconcave majorant "the highest level whose cells'
hull contains q" is at most ``level`` at p.

That quasicav V(p) is the sender's *best* equilibrium payoff is Lipnowski and Ravid's
theorem; the document labels that claim conditional on it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import expect, expect_equal, lookup, num, table, vec
from .efficiency import _verdict
from ..numbers import Vector
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


def _payoff(dist: Mapping[str, Fraction], uS: Mapping[str, Fraction]) -> Fraction:
    """The sender's expected payoff ``sum_a tau(a) u_S(a)`` of a distribution over actions."""
    return sum((q * uS[a] for a, q in dist.items()), Fraction(0))


def check_cheaptalk(doc: Mapping[str, Any], g: CheckedGame,
                    options: Mapping[str, Any]) -> list[str] | tuple[list[str], list[str], list[str]]:
    """Check a cheaptalk document (state-independent sender); return the keys proved.

    A null ``sender_value`` is checked to come with a state-dependent sender (nothing else is
    claimed). Otherwise the equilibrium, the value as quasicav V(p), the messages, ``sigma``,
    the outcome, ``influential``, the preferred action and, for an interior prior, ``efficient``
    and ``proposition_4`` (null otherwise) are checked as in the module text.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``sender-receiver``).
    options : mapping
        the document's options (``prior``).

    Returns
    -------
    list of str, or tuple of three lists of str
        ``["sender_value"]`` for a null value; else the keys proved, the keys delegated (none)
        and ``["sender_value"]`` as proved only given Lipnowski and Ravid's theorem.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["a", "b"], "actions": ["x", "y"],
    ...     "prior": ["1/2", "1/2"], "payoffs": {"sender": {"a": [1, 0], "b": [0, 1]},
    ...                                          "receiver": {"a": [1, 0], "b": [0, 1]}}})
    >>> check_cheaptalk({"sender_value": None}, g, {})
    ['sender_value']
    >>> check_cheaptalk({"sender_value": "1/2"}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: sender_value: the transparent-motives value needs a state-independent sender
    """
    expect(g.kind == "sender-receiver", "game/kind", "cheap talk needs a sender-receiver game")
    if options.get("profile") is not None:
        return check_profile(doc, g, options)
    if options.get("mixed") is not None:
        from .mixed import check_mixed

        return check_mixed(doc, g, options)
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
    tau, sigma, beliefs = _check_equilibrium(lookup(doc, "certificates/equilibrium"), g, uS, p)
    msgs = list(tau)
    value = sum((pw * x * _payoff(tau[m], uS) for w, pw in zip(S, p) for m, x in sigma[w].items()), Fraction(0))
    expect_equal("sender_value", num(lookup(doc, "sender_value"), "sender_value"), value)
    _check_quasicav(lookup(doc, "certificates/quasiconcave_envelope"), g, uS, p, value)
    _check_messages(doc, S, p, tau, sigma, beliefs)
    expect_equal("sigma", _strategy(lookup(doc, "sigma"), "sigma", msgs), sigma)
    outcome: dict[str, dict[str, Fraction]] = {w: {} for w in S}
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
    _check_preferred(lookup(doc, "certificates/preferred"), g, uS, a_star)
    expect_equal("preferred_with_certainty", lookup(doc, "preferred_with_certainty"), on_path == {a_star})
    keys = ["prior", "sender_value", "messages", "sigma", "outcome", "influential", "preferred_action",
            "preferred_with_certainty", "efficient", "proposition_4"]
    _check_efficient(doc, g, p, outcome, on_path == {a_star})
    if "proposition_4_hypotheses" in doc:
        _check_hypotheses(table(doc["proposition_4_hypotheses"], "proposition_4_hypotheses"), A, uS, a_star)
        keys.append("proposition_4_hypotheses")
    given = ["sender_value"]   # the *best* equilibrium payoff: Lipnowski and Ravid's theorem
    if options.get("payoff_set"):
        keys += _check_payoff_set(doc, g, uS, p, value, sigma, tau)
        given.append("sender_payoffs")   # the interior of the interval: the module's convexity proposition
    return keys, [], given


def _check_payoff_set(doc: Mapping[str, Any], g: CheckedGame, uS: Mapping[str, Fraction], p: Vector, high: Fraction,
                      sigma: dict, tau: dict) -> list[str]:
    """The ends of the sender's equilibrium payoffs (cheaptalk --payoff-set; exactgame.cheaptalk_payoffs).

    The low end: an equilibrium paying it, and the quasiconcave-envelope witness of the game with the
    sender's payoffs negated at level ``-low``: its separator is nonnegative on every cell of an action
    paying less than ``low`` and negative at ``p``, so no equilibrium pays less (every on-path belief
    of such an equilibrium would lie in one of those cells). The high end is ``sender_value``,
    checked the same way by the caller. The receiver's payoffs are recomputed from the strategies.
    """
    S = g.states
    key = "certificates/min_equilibrium"
    tau_l, sigma_l, _ = _check_equilibrium(lookup(doc, key), g, uS, p, key)
    low = sum((pw * x * _payoff(tau_l[m], uS) for w, pw in zip(S, p) for m, x in sigma_l[w].items()), Fraction(0))
    neg = {a: -v for a, v in uS.items()}
    _check_quasicav(lookup(doc, "certificates/min_separator"), g, neg, p, -low, "certificates/min_separator", "sender_payoff_min")
    expect_equal("sender_payoff_min", num(lookup(doc, "sender_payoff_min"), "sender_payoff_min"), low)
    expect_equal("sender_payoff_max", num(lookup(doc, "sender_payoff_max"), "sender_payoff_max"), high)
    expect_equal("sender_payoffs", vec(lookup(doc, "sender_payoffs"), "sender_payoffs", 2), (low, high))

    def receiver(sg: dict, tu: dict) -> Fraction:
        return sum((pw * x * y * g.receiver[w][g.actions.index(a)] for w, pw in zip(S, p) for m, x in sg[w].items()
                    for a, y in tu[m].items()), Fraction(0))

    expect_equal("receiver_payoff_at_min", num(lookup(doc, "receiver_payoff_at_min"), "receiver_payoff_at_min"),
                 receiver(sigma_l, tau_l))
    expect_equal("receiver_payoff_at_max", num(lookup(doc, "receiver_payoff_at_max"), "receiver_payoff_at_max"),
                 receiver(sigma, tau))
    return ["sender_payoffs", "sender_payoff_min", "sender_payoff_max", "receiver_payoff_at_min", "receiver_payoff_at_max"]


def _check_equilibrium(cert: Any, g: CheckedGame, uS: Mapping[str, Fraction], p: Vector,
                       key: str = "certificates/equilibrium") -> tuple[dict, dict, dict]:
    """(17)-(19) for the certificate's ``tau``, ``sigma`` and beliefs (state-independent sender); returns them."""
    return definition_5(cert, g, {w: uS for w in g.states}, p, key)


def definition_5(cert: Any, g: CheckedGame, sender: Mapping[str, Mapping[str, Fraction]], p: Vector,
                 key: str) -> tuple[dict, dict, dict]:
    """(17)-(19) of Definition 5 for the certificate at ``key`` (``tau``, ``sigma``, beliefs), any sender payoffs.

    Parameters
    ----------
    cert : mapping
        ``sigma``, ``tau`` and ``beliefs`` (one per message).
    g : CheckedGame
        the game (the receiver's payoffs).
    sender : mapping
        ``state -> {action: u_S}``.
    p : tuple of Fraction
        the prior.
    key : str
        the certificate's path, for messages.

    Returns
    -------
    tuple of dict
        ``(tau, sigma, beliefs)`` as checked.

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["a", "b"], "actions": ["x", "y"],
    ...     "prior": ["1/2", "1/2"], "payoffs": {"sender": {"a": [1, 0], "b": [0, 1]},
    ...                                          "receiver": {"a": [1, 0], "b": [0, 1]}}})
    >>> uS = {w: dict(zip(g.actions, g.sender[w])) for w in g.states}
    >>> c = {"sigma": {"a": {"m": "1"}, "b": {"n": "1"}}, "tau": {"m": {"x": "1"}, "n": {"y": "1"}},
    ...      "beliefs": {"m": ["1", "0"], "n": ["0", "1"]}}
    >>> definition_5(c, g, uS, g.prior, "eq")[0]
    {'m': {'x': Fraction(1, 1)}, 'n': {'y': Fraction(1, 1)}}
    """
    S, A = g.states, g.actions
    cert = table(cert, key)
    tau = _strategy(cert.get("tau"), f"{key}/tau", A)
    msgs = list(tau)
    expect(msgs, f"{key}/tau", "names no message")
    sigma = _strategy(cert.get("sigma"), f"{key}/sigma", msgs)
    expect(set(sigma) == set(S), f"{key}/sigma", "needs one distribution per state")
    beliefs = {m: vec(b, f"{key}/beliefs/{m}", len(S)) for m, b in table(cert.get("beliefs"), f"{key}/beliefs").items()}
    expect(set(beliefs) == set(msgs), f"{key}/beliefs", "needs one belief per message")
    for t, w in enumerate(S):
        if p[t]:
            best = max(_payoff(tau[m], sender[w]) for m in msgs)
            for m in sigma[w]:
                expect(_payoff(tau[m], sender[w]) == best, f"{key}/sigma/{w}", lambda: f"(17) fails: message {m} is not optimal")
    for m in msgs:
        q = beliefs[m]
        expect(all(x >= 0 for x in q) and sum(q) == 1, f"{key}/beliefs/{m}", "not a belief")
        mass = [pw * sigma[w].get(m, Fraction(0)) for w, pw in zip(S, p)]
        if sum(mass):
            expect(tuple(x / sum(mass) for x in mass) == q, f"{key}/beliefs/{m}", "(19) not Bayes' rule")
        ev = {a: sum((qi * g.receiver[w][j] for qi, w in zip(q, S)), Fraction(0)) for j, a in enumerate(A)}
        top = max(ev.values())
        for a in tau[m]:
            expect(ev[a] == top, f"{key}/tau/{m}", lambda: f"(18) fails: {a} is not a best response")
    return tau, sigma, beliefs


def _check_messages(doc: Mapping[str, Any], S: tuple[str, ...], p: Vector, tau: dict, sigma: dict, beliefs: dict) -> None:
    """``messages``: the messages sent with positive probability, with posterior and ``tau``."""
    messages = []
    for m in tau:
        prob = sum((pw * sigma[w].get(m, Fraction(0)) for w, pw in zip(S, p)), Fraction(0))
        if prob:
            messages.append({"message": m, "probability": prob, "posterior": beliefs[m], "tau": tau[m]})
    claimed = [{"message": r.get("message"), "probability": num(r.get("probability"), f"messages/{i}/probability"),
                "posterior": vec(r.get("posterior"), f"messages/{i}/posterior"),
                "tau": {a: num(q, f"messages/{i}/tau/{a}") for a, q in table(r.get("tau"), f"messages/{i}/tau").items() if num(q, "tau")}}
               for i, r in enumerate(lookup(doc, "messages"))]
    expect_equal("messages", claimed, messages)
    for i, r in enumerate(lookup(doc, "messages")):   # 'weight': the posterior's mass, as persuade names it
        if "weight" in r:
            expect_equal(f"messages/{i}/weight", num(r["weight"], f"messages/{i}/weight"), claimed[i]["probability"])


def _check_efficient(doc: Mapping[str, Any], g: CheckedGame, p: Vector, outcome: dict, with_certainty: bool) -> None:
    """``efficient`` by the outcome's efficiency certificate and ``proposition_4``; null for a prior with a zero."""
    S, A = g.states, g.actions
    if all(p):
        two = CheckedGame("sender-receiver", S, p, A, ("sender", "receiver"),
                          payoffs={w: {a: (g.sender[w][j], g.receiver[w][j]) for j, a in enumerate(A)} for w in S})
        eff = _verdict(lookup(doc, "certificates/efficiency"), two, outcome, dict(zip(S, p)), "certificates/efficiency")
        expect_equal("efficient", lookup(doc, "efficient"), eff)
        expect_equal("proposition_4", lookup(doc, "proposition_4"), eff == with_certainty)
    else:   # Definition 1 needs an interior prior: the document must not claim a verdict
        expect_equal("efficient", doc.get("efficient"), None)
        expect_equal("proposition_4", doc.get("proposition_4"), None)


def _check_hypotheses(hyp: Mapping[str, Any], A: tuple[str, ...], uS: Mapping[str, Fraction], a_star: Any) -> None:
    """``proposition_4_hypotheses``: recomputed from the sender's payoffs."""
    values = sorted(set(uS.values()), reverse=True)
    groups = [[a for a in A if uS[a] == v] for v in values]
    expect_equal("proposition_4_hypotheses/distinct_sender_payoffs", hyp.get("distinct_sender_payoffs"),
                 all(len(x) == 1 for x in groups))
    expect_equal("proposition_4_hypotheses/tied_sender_payoffs", hyp.get("tied_sender_payoffs"),
                 [x for x in groups if len(x) > 1])
    expect_equal("proposition_4_hypotheses/sender_favourite", hyp.get("sender_favourite"), groups[0])
    # a_star is proved the favourite among best responses (certificates/preferred), so the overall
    # favourite is a best response somewhere exactly when it pays what a_star pays
    expect_equal("proposition_4_hypotheses/favourite_is_best_response", hyp.get("favourite_is_best_response"),
                 uS[a_star] == values[0])


def _check_preferred(cert: Any, g: CheckedGame, uS, a_star: str) -> None:
    """``a_star`` is a best response at the given belief; every action the sender likes more is never one:
    multipliers with sum_b lambda_b (u_R(w,a) - u_R(w,b)) < 0 in every state make some b better at every belief."""
    key = "certificates/preferred"
    cert = table(cert, key)
    S, A = g.states, g.actions
    q = vec(cert.get("belief"), f"{key}/belief", len(S))
    expect(all(x >= 0 for x in q) and sum(q) == 1, f"{key}/belief", "not a belief")
    ev = [sum((qi * g.receiver[s][j] for qi, s in zip(q, S)), Fraction(0)) for j in range(len(A))]
    expect(ev[A.index(a_star)] == max(ev), "preferred_action", "not a best response at the certificate's belief")
    empty = table(cert.get("empty_cells"), f"{key}/empty_cells")
    for j, a in enumerate(A):
        if uS[a] <= uS[a_star]:
            continue
        combo = _multiplier_rows(g, j, empty.get(a), f"{key}/empty_cells/{a}")
        expect(all(t < 0 for t in combo), "preferred_action", lambda: f"{a} is better for the sender and not proved never a best response")


def _check_quasicav(cert: Any, g: CheckedGame, uS, p, value, key: str = "certificates/quasiconcave_envelope",
                    claim: str = "sender_value") -> None:
    cert = table(cert, key)
    expect(cert.get("certificate") == "quasiconcave-envelope-level", key, "expected a quasiconcave-envelope-level certificate")
    level = num(cert.get("level"), f"{key}/level")
    expect_equal(claim, value, level)
    S, A = g.states, g.actions
    total, mean = Fraction(0), [Fraction(0)] * len(S)
    for i, row in enumerate(cert.get("splitting") or []):
        row = table(row, f"{key}/splitting/{i}")
        w, q = num(row.get("weight"), f"{key}/splitting/{i}/weight"), vec(row.get("belief"), f"{key}/splitting/{i}/belief", len(S))
        expect(w > 0 and all(x >= 0 for x in q) and sum(q) == 1, f"{key}/splitting/{i}", "not a weighted belief")
        ev = {a: sum((qi * g.receiver[s][j] for qi, s in zip(q, S)), Fraction(0)) for j, a in enumerate(A)}
        top = max(ev.values())
        expect(any(ev[a] == top and uS[a] >= level for a in A), f"{key}/splitting/{i}",
               "no action worth the level to the sender is a best response at this belief")
        total += w
        mean = [m + w * x for m, x in zip(mean, q)]
    expect(total == 1 and tuple(mean) == tuple(p), f"{key}/splitting", "the beliefs do not average to the prior")
    higher = [a for a in A if uS[a] > level]
    if not higher:
        return
    y = vec(cert.get("separator"), f"{key}/separator", len(S))
    expect(sum((a * b for a, b in zip(y, p)), Fraction(0)) < 0, f"{key}/separator", "y . p is not negative")
    mult = table(cert.get("multipliers"), f"{key}/multipliers")
    for j, a in enumerate(A):
        if uS[a] <= level:
            continue
        combo = _multiplier_rows(g, j, mult.get(a), f"{key}/multipliers/{a}")
        expect(all(ys >= t for ys, t in zip(y, combo)), f"{key}/multipliers/{a}",
               lambda: f"the separator is not proved nonnegative on the cell of {a}")


def _multiplier_rows(g: CheckedGame, j: int, raw: Any, key: str) -> list[Fraction]:
    """Per state, sum_b lambda_b (u_R(w, a_j) - u_R(w, b)) for multipliers lambda >= 0 (one per other action b):
    at a belief q in the receiver's cell of a_j, q . (these rows) >= 0."""
    others = [k for k in range(len(g.actions)) if k != j]
    lam = vec(raw, key, len(others))
    expect(all(x >= 0 for x in lam), key, "a multiplier is negative")
    return [sum((lk * (g.receiver[s][j] - g.receiver[s][k]) for lk, k in zip(lam, others)), Fraction(0)) for s in g.states]


# -- a given profile (exactgame cheaptalk --profile) ----------------------------------------

def check_profile(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """``is_equilibrium`` of the profile in ``options["profile"]``, by Definition 5 from the game.

    An equilibrium: (17) on the states of positive prior, (18)-(19) with Bayes' rule on path and
    the document's belief off path (it must lie in the simplex and support ``tau(m)``). Not an
    equilibrium: a violation of (17) or of (18) on path recomputed here, or a Farkas vector for
    an off-path message: ``y_ab >= 0`` per row (a played, b another action), ``y0 < 0`` and
    ``sum y_ab (u_R(b, w) - u_R(a, w)) + y0 >= 0`` in every state w, so no belief q in the
    simplex has ``u_R(b) . q <= u_R(a) . q`` for all those rows.

    Parameters
    ----------
    doc : mapping
        the document.
    g : CheckedGame
        the game.
    options : mapping
        ``prior`` and ``profile`` {``sigma``, ``tau``}.

    Returns
    -------
    list of str
        the keys proved.

    Raises
    ------
    CheckFailure
        at the first key that does not hold.

    >>> from exactgame.check.games import read_game
    >>> g = read_game({"kind": "sender-receiver", "states": ["a", "b"], "actions": ["x", "y"], "prior": ["1/2", "1/2"],
    ...                "payoffs": {"sender": {"a": [1, 0], "b": [1, 0]}, "receiver": {"a": [1, 0], "b": [0, 1]}}})
    >>> prof = {"sigma": {"a": {"m": "1"}, "b": {"m": "1"}}, "tau": {"m": {"x": "1"}}}
    >>> doc = {"prior": ["1/2", "1/2"], "profile": prof, "is_equilibrium": True, "beliefs": {"m": ["1/2", "1/2"]}}
    >>> check_profile(doc, g, {"profile": prof})
    ['prior', 'profile', 'is_equilibrium', 'beliefs']
    """
    S, A = g.states, g.actions
    prof = table(options["profile"], "options/profile")
    tau = _strategy(prof.get("tau"), "options/profile/tau", A)
    sigma = _strategy(prof.get("sigma"), "options/profile/sigma", list(tau))
    expect(set(sigma) == set(S), "options/profile/sigma", "needs one distribution per state")
    p = prior_of(options, g)
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    claimed_profile = table(lookup(doc, "profile"), "profile")
    expect_equal("profile", (_strategy(claimed_profile.get("sigma"), "profile/sigma", list(tau)),
                             _strategy(claimed_profile.get("tau"), "profile/tau", A)), (sigma, tau))

    def pays(w: str, m: str) -> Fraction:
        return sum((q * g.sender[w][A.index(a)] for a, q in tau[m].items()), Fraction(0))

    def ev(q: Vector, a: str) -> Fraction:
        return sum((qi * g.receiver[w][A.index(a)] for qi, w in zip(q, S)), Fraction(0))

    violated = any(pays(w, m) != max(pays(w, k) for k in tau) for w, pw in zip(S, p) if pw for m in sigma[w])
    bayes: dict[str, Vector] = {}
    for m in tau:
        mass = [pw * sigma[w].get(m, Fraction(0)) for w, pw in zip(S, p)]
        if sum(mass):
            bayes[m] = tuple(x / sum(mass) for x in mass)
            top = max(ev(bayes[m], b) for b in A)
            violated = violated or any(ev(bayes[m], a) != top for a in tau[m])
    verdict = lookup(doc, "is_equilibrium")
    expect(verdict in (True, False), "is_equilibrium", "expected true or false")
    if verdict:
        expect(not violated, "is_equilibrium", "a condition of Definition 5 fails on path")
        beliefs = table(lookup(doc, "beliefs"), "beliefs")
        expect(set(beliefs) == set(tau), "beliefs", "needs a belief at every message")
        for m in tau:
            q = vec(beliefs[m], f"beliefs/{m}", len(S))
            expect(all(x >= 0 for x in q) and sum(q) == 1, f"beliefs/{m}", "not a belief")
            expect(m not in bayes or q == bayes[m], f"beliefs/{m}", "(19) not Bayes' rule")
            top = max(ev(q, b) for b in A)
            expect(all(ev(q, a) == top for a in tau[m]), f"beliefs/{m}", "(18) tau is not a best response to the belief")
        if table(doc.get("certificates", {}), "certificates").get("equilibrium") is not None:   # the witness: this profile
            cert = table(lookup(doc, "certificates/equilibrium"), "certificates/equilibrium")
            key = "certificates/equilibrium"
            expect_equal(f"{key}/tau", _strategy(cert.get("tau"), f"{key}/tau", A), tau)
            expect_equal(f"{key}/sigma", _strategy(cert.get("sigma"), f"{key}/sigma", list(tau)), sigma)
            expect_equal(f"{key}/beliefs", {m: vec(b, f"{key}/beliefs/{m}", len(S)) for m, b in table(cert.get("beliefs"), f"{key}/beliefs").items()},
                         {m: vec(beliefs[m], f"beliefs/{m}", len(S)) for m in tau})
        return ["prior", "profile", "is_equilibrium", "beliefs"]
    if not violated:
        refs = table(lookup(doc, "certificates/refutations"), "certificates/refutations")
        expect(any(m in tau and m not in bayes and _farkas(g, tau[m], r, f"certificates/refutations/{m}")
                   for m, r in refs.items()), "is_equilibrium", "no violated condition is proved")
    return ["prior", "profile", "is_equilibrium"]


def _farkas(g: CheckedGame, played: Mapping[str, Fraction], ref: Any, key: str) -> bool:
    """Does ``ref`` prove that no belief makes every action in ``played`` a best response?"""
    ref = table(ref, key)
    A = g.actions
    rows = {(r.get("played"), r.get("other")): num(r.get("y"), f"{key}/rows") for r in ref.get("rows", [])}
    expect(all(a in played and b in A and b != a for a, b in rows) and all(y >= 0 for y in rows.values()),
           f"{key}/rows", "a row is not (played action, other action) with y >= 0")
    y0 = num(ref.get("y0"), f"{key}/y0")
    lhs_ok = all(sum((y * (g.receiver[w][A.index(b)] - g.receiver[w][A.index(a)]) for (a, b), y in rows.items()), Fraction(0))
                 + y0 >= 0 for w in g.states)
    return lhs_ok and y0 < 0
