r"""Checks of ``efficiency`` documents (000_2cf035f6c25283ea.txt, Definitions 2-4, Theorem 1).

With the deviations :math:`d(\omega, a) = u(\omega, a) - u(\mu\mid\omega)` recomputed from the game:

* a normal ``n > 0`` with ``n . d <= 0`` for every deviation of the states considered proves
  that nothing Pareto-dominates ``u(mu)`` there (``n . u(mu') <= n . u(mu)`` for every ``mu'``);
  for all states it also proves compatibility (``n`` lies in every normal cone
  :math:`N_\omega(\mu) = \{n : n\cdot d(\omega, a) \le 0\ \forall a\}`);
* an outcome ``mu'`` with ``u(mu') >= u(mu)``, ``!=``, proves inefficiency; for all states it also
  disproves compatibility: a common ``n > 0`` would give ``n . (u(mu') - u(mu)) =
  sum_w p_w sum_a mu'(a|w) n . d(w, a) <= 0``, contradicting ``n > 0``.

``actions_taken``, ``bound``, ``class``, ``support``, ``within_bound`` and ``payoff`` are
recomputed from the outcome.

``face`` (Remark 4): with the document's ``n`` the checker recomputes each state's maximizers
:math:`A_\omega(n) = \arg\max_a n\cdot u(\omega, a)` and the support value
:math:`h(n) = \sum_\omega p_\omega \max_a n\cdot u(\omega, a)`, requires ``n . u(mu) = h(n)`` (so ``u(mu)``
lies on the face :math:`S(F_p; n) = \sum_\omega p_\omega \mathrm{conv}\,u(\omega, A_\omega(n))`), and requires
weights that are positive on every maximizer, sum to 1 in each state and give ``u(mu)`` in
aggregate (a strictly positive combination of all the points lies in the relative interior,
and relative interiors add: so the face is the minimal one containing ``u(mu)``). ``dimension``
is the rank of the differences within the :math:`A_\omega(n)`, ``cone_dimension`` is ``k`` minus it,
``cone_dimension_bound`` is eq. (16)'s ``max(0, k + |Omega| - actions)`` and ``proper`` says some
profile is off its state's maximizers. ``face/vertices`` is not checked.

``state_bound`` (Remark 2) is recomputed from the support and the ex-post verdicts.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import CheckFailure, expect, expect_equal, lookup, num, table, vec
from .games import CheckedGame, prior_of
from .pareto import check_vector
from .type_rules import check_rule
from .payoffs import _rank

__all__ = ["check_efficiency"]


def _state_payoff(g: CheckedGame, w: str, dist: Mapping[str, Fraction]) -> tuple[Fraction, ...]:
    k = len(g.players)
    tot = [Fraction(0)] * k
    for a, q in dist.items():
        for i, x in enumerate(g.payoffs[w][a]):
            tot[i] += q * x
    return tuple(tot)


def _dist(t: Any, g: CheckedGame, key: str) -> dict[str, Fraction]:
    t = table(t, key)
    expect(set(t) <= set(g.actions), key, "names an unknown profile")
    d = {a: num(q, f"{key}/{a}") for a, q in t.items()}
    expect(all(q >= 0 for q in d.values()) and sum(d.values()) == 1, key, "not a probability distribution")
    return d


def _verdict(cert: Any, g: CheckedGame, mu, weights: Mapping[str, Fraction], key: str) -> bool:
    """True if ``cert`` proves efficiency over the states of ``weights``, False if it proves inefficiency."""
    cert = table(cert, key)
    kind = cert.get("certificate")
    if kind == "efficient-outcome":
        n = vec(cert.get("normal"), f"{key}/normal", len(g.players))
        expect(all(x > 0 for x in n), f"{key}/normal", "the normal is not strictly positive")
        for w in weights:
            base = _state_payoff(g, w, mu[w])
            for a in g.actions:
                dev = sum((ni * (x - y) for ni, x, y in zip(n, g.payoffs[w][a], base)), Fraction(0))
                expect(dev <= 0, f"{key}/normal", lambda: f"the deviation to {a} in state {w} improves along n")
        return True
    if kind == "dominated-outcome":
        better = table(cert.get("better"), f"{key}/better")
        expect(set(better) == set(weights), f"{key}/better", "needs one distribution per state considered")
        k = len(g.players)
        u, v = [Fraction(0)] * k, [Fraction(0)] * k
        for w, pw in weights.items():
            at_mu, at_better = _state_payoff(g, w, mu[w]), _state_payoff(g, w, _dist(better[w], g, f"{key}/better/{w}"))
            for i in range(k):
                u[i] += pw * at_mu[i]
                v[i] += pw * at_better[i]
        expect(all(y >= x for x, y in zip(u, v)) and any(y > x for x, y in zip(u, v)), f"{key}/better",
               "the outcome does not Pareto-dominate mu")
        return False
    raise CheckFailure(key, f"expected an efficient-outcome or dominated-outcome certificate, found {kind!r}")


def _dot(a, b) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), Fraction(0))


def _face_weights(cert: Mapping[str, Any], g: CheckedGame, n, weights: Mapping[str, Fraction]):
    """Each state's maximizers of n, the positive weights on them, and their aggregate point."""
    k = len(g.players)
    lam_all = table(cert.get("weights"), "face/certificate/weights")
    argmax: dict[str, list[str]] = {}
    agg = [Fraction(0)] * k
    for w, pw in weights.items():
        vals = {a: _dot(n, g.payoffs[w][a]) for a in g.actions}
        top = max(vals.values())
        argmax[w] = [a for a in g.actions if vals[a] == top]
        lam = table(lam_all.get(w), f"face/certificate/weights/{w}")
        expect(set(lam) == set(argmax[w]), f"face/certificate/weights/{w}", "the weights are not on exactly the maximizers of n")
        q = {a: num(lam[a], f"face/certificate/weights/{w}/{a}") for a in argmax[w]}
        expect(all(x > 0 for x in q.values()) and sum(q.values()) == 1, f"face/certificate/weights/{w}",
               "the weights are not positive and summing to 1")
        pt = _state_payoff(g, w, q)
        agg = [a + pw * b for a, b in zip(agg, pt)]
    return argmax, tuple(agg)


def _check_face(doc: Mapping[str, Any], g: CheckedGame, mu, weights: Mapping[str, Fraction], pay) -> None:
    face = table(lookup(doc, "face"), "face")
    k = len(g.players)
    n = vec(face.get("normal"), "face/normal", k)
    cert = table(face.get("certificate"), "face/certificate")
    expect(cert.get("certificate") == "outcome-face", "face/certificate", "expected an outcome-face certificate")
    expect(vec(cert.get("normal"), "face/certificate/normal", k) == n, "face/certificate/normal", "differs from face/normal")
    argmax, agg = _face_weights(cert, g, n, weights)
    h = sum((pw * _dot(n, g.payoffs[w][argmax[w][0]]) for w, pw in weights.items()), Fraction(0))
    expect(_dot(n, pay) == h, "face/normal", lambda: f"n . u(mu) = {_dot(n, pay)} is not the support value h(n) = {h}")
    expect(agg == tuple(pay), "face/certificate/weights", "the weights do not give u(mu)")
    expect_equal("face/support_value", num(face.get("support_value"), "face/support_value"), h)
    expect_equal("face/profiles", {w: list(a) for w, a in table(face.get("profiles"), "face/profiles").items()}, argmax)
    rows = [[x - y for x, y in zip(g.payoffs[w][a], g.payoffs[w][A[0]])] for w, A in argmax.items() for a in A[1:]]
    dim = _rank(rows) if rows else 0
    expect_equal("face/dimension", face.get("dimension"), dim)
    expect_equal("face/cone_dimension", face.get("cone_dimension"), k - dim)
    taken = sum(len(mu[w]) for w in g.states)
    expect_equal("face/cone_dimension_bound", face.get("cone_dimension_bound"), max(0, k + len(g.states) - taken))
    expect_equal("face/proper", face.get("proper"), any(len(A) < len(g.actions) for A in argmax.values()))


def _check_state_bound(doc: Mapping[str, Any], g: CheckedGame, support, ex_post: Mapping[str, bool]) -> None:
    k = len(g.players)
    proved = {w: {"actions": len(s), "bound": k, "within": len(s) <= k, "knife_edge": ex_post[w] and len(s) > k}
              for w, s in support.items()}
    expect_equal("state_bound", dict(table(lookup(doc, "state_bound"), "state_bound")), proved)


def check_efficiency(doc: Mapping[str, Any], g: CheckedGame, options: Mapping[str, Any]) -> list[str]:
    """Check an efficiency document; return the keys proved.

    With ``options/vector`` the document is Definition 1 for that vector
    (:func:`~exactgame.check.pareto.check_vector`). Otherwise the game's outcome ``mu`` at the
    prior used (interior) is judged by ``certificate`` (all
    states, weights ``p``) and by ``ex_post_certificates/<w>`` (one state each), as in the module
    text; ``common_normal`` (or null, only when the outcome is inefficient) decides
    ``compatible``; the remaining keys are recomputed from ``mu``.

    Parameters
    ----------
    doc : mapping
        the result document.
    g : CheckedGame
        the game (kind ``game`` or ``sender-receiver``, with an outcome).
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
    >>> g = read_game({"kind": "sender-receiver", "states": ["w"], "actions": ["x", "y"], "prior": ["1"],
    ...     "payoffs": {"sender": {"w": [1, 0]}, "receiver": {"w": [0, 1]}}, "outcome": {"w": {"x": 1}}})
    >>> n = {"certificate": "efficient-outcome", "normal": ["1", "1"]}     # n . (u(y) - u(x)) = 0 <= 0
    >>> doc = {"prior": ["1"], "certificate": n, "efficient": True, "ex_post_efficient": {"w": True},
    ...        "ex_post_certificates": {"w": n}, "common_normal": ["1", "1"], "compatible": True,
    ...        "support": {"w": ["x"]}, "actions_taken": 1, "bound": 3, "within_bound": True, "class": "pure",
    ...        "payoff": ["1", "0"], "players": ["sender", "receiver"]}
    >>> len(check_efficiency(doc, g, {}))
    12
    >>> check_efficiency({**doc, "certificate": {**n, "normal": ["1", "2"]}}, g, {})
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: certificate/normal: the deviation to y in state w improves along n
    """
    expect(g.kind in ("game", "sender-receiver"), "game/kind", "efficiency needs a game or sender-receiver game")
    if options.get("vector") is not None:   # Definition 1 for a vector (efficiency --vector)
        p = prior_of(options, g)
        expect(all(x > 0 for x in p), "options/prior", "efficiency needs an interior prior")
        return check_vector(doc, g, p, options)
    mu = g.outcome
    if mu is None:
        raise CheckFailure("game/outcome", "the game has no outcome")
    p = prior_of(options, g)
    expect(all(x > 0 for x in p), "options/prior", "efficiency needs an interior prior")
    expect_equal("prior", vec(lookup(doc, "prior"), "prior"), p)
    weights = dict(zip(g.states, p))
    eff = _verdict(lookup(doc, "certificate"), g, mu, weights, "certificate")
    expect_equal("efficient", lookup(doc, "efficient"), eff)
    claimed = table(lookup(doc, "ex_post_efficient"), "ex_post_efficient")
    certs = table(lookup(doc, "ex_post_certificates"), "ex_post_certificates")
    expect(set(claimed) == set(g.states) == set(certs), "ex_post_efficient", "needs one verdict and one certificate per state")
    proved_ex_post = {w: _verdict(certs[w], g, mu, {w: Fraction(1)}, f"ex_post_certificates/{w}") for w in g.states}
    expect_equal("ex_post_efficient", dict(claimed), proved_ex_post)
    common = lookup(doc, "common_normal")
    if common is None:
        expect(not eff, "common_normal", "null, but the outcome is efficient (its normal is a common normal)")
        compatible = False  # the dominating outcome of 'certificate' disproves a common positive normal
    else:
        vec(common, "common_normal", len(g.players))
        _verdict({"certificate": "efficient-outcome", "normal": common}, g, mu, weights, "common_normal")
        compatible = True
    expect_equal("compatible", lookup(doc, "compatible"), compatible)
    support = {w: sorted(mu[w]) for w in g.states}
    expect_equal("support", {w: list(v) for w, v in table(lookup(doc, "support"), "support").items()}, support)
    taken = sum(len(s) for s in support.values())
    bound = len(g.players) + len(g.states)
    expect_equal("actions_taken", lookup(doc, "actions_taken"), taken)
    expect_equal("bound", lookup(doc, "bound"), bound)
    expect_equal("within_bound", lookup(doc, "within_bound"), taken < bound)
    sizes = sorted(len(s) for s in support.values())
    cls = "pure" if sizes[-1] == 1 else ("quasi-pure" if sizes[-1] == 2 and sizes.count(1) == len(sizes) - 1 else "mixed")
    expect_equal("class", lookup(doc, "class"), cls)
    k = len(g.players)
    pay = [Fraction(0)] * k
    for w, pw in weights.items():
        for i, x in enumerate(_state_payoff(g, w, mu[w])):
            pay[i] += pw * x
    expect_equal("payoff", vec(lookup(doc, "payoff"), "payoff"), tuple(pay))
    expect_equal("players", lookup(doc, "players"), list(g.players))
    proved = ["prior", "efficient", "ex_post_efficient", "compatible", "common_normal", "support", "actions_taken", "bound",
              "within_bound", "class", "payoff", "players"]
    if "face" in doc:   # documents before Remark 4 was reported have neither key
        _check_face(doc, g, mu, weights, pay)
        proved.append("face")
    if "state_bound" in doc:
        _check_state_bound(doc, g, support, proved_ex_post)
        proved.append("state_bound")
    if options.get("types") is not None:   # efficiency --rule: the outcome of a type-contingent rule
        check_rule(doc, g, options, mu, eff)
        proved.append("corollary_1")
    return proved
