r"""The seeds' theorems as built-in conjecture checks (``exactgame check NAME``).

Each :class:`Property` names its source (seed file and statement), a family to search
(:mod:`exactgame.research.families`), a test (a function of a game returning a
:class:`~exactgame.research.search.Verdict`) and what we expect: ``holds`` (a theorem: the search
should find nothing, which is evidence, not a proof) or ``fails`` (a known failure: the search
must find a counterexample from scratch, and the refuting report's certified keys prove it).

Known failures, found again by :func:`run` from random games and shrunk by hypothesis:

``000-proposition-4-if`` (000_2cf035f6c25283ea.txt, Proposition 4, "if" direction)
    "a cheap talk outcome [state-independent sender] is efficient if ... the sender's preferred
    action a* is induced with certainty". With distinct sender payoffs (the proof's standing
    assumption, imposed here) it fails when the sender's favourite action is *never* a receiver
    best response: a* is then the favourite among best responses, and inducing it with certainty can
    be Pareto dominated by playing the favourite in some state. The search finds (seed 0): sender
    payoffs (1, 0, -1) in both states, receiver w0 = (0, 0, 1), w1 = (0, 1, 0), prior (1/2, 1/2):
    a0 is never a best response, the best equilibrium plays a1 with certainty (sender 0, receiver
    1/2), and "a0 in w0, a1 in w1" gives (1/2, 1/2). The ``cheaptalk`` document certifies
    ``preferred_with_certainty`` (true) and ``efficient`` (false, by a dominating outcome).
``003-proposition-3`` (003_e54e9b7a7da88b3e.txt, Proposition 3)
    "phi_{lambda*} is the optimal scheme" with Definition 4's *uniform* tie-breaking fails with
    finitely many types: at lambda* the argmax ties, and splitting ties uniformly can earn less than
    the optimum (Lemma 3's monotonicity holds, but the optimum over persuasive schemes on the
    argmax at lambda* needs the ties broken for the sender). The refuting ``persuade`` document
    certifies the optimum (the obedience LP); phi_{lambda*}'s value is exact arithmetic
    (``proposition_3``), re-done in the tests by a second route.
``000-example-1-bp-efficient`` (000, Example 1 and Figure 3)
    the conjecture "the BP outcome is efficient" fails for Example 1 at prior 9/10, as the paper
    says: the ``persuade`` document certifies ``bp_efficient`` false.

Checks expected to hold: ``000-proposition-6`` (threshold buyer-seller environments with T > T_p: the
BP outcome is inefficient), ``000-theorem-1`` (generic games: an efficient outcome takes fewer than
k + |Omega| actions; a candidate whose verdict flips under small random perturbations is a knife
edge and does not count), ``000-proposition-4`` (the equivalence under distinct sender payoffs,
the favourite a best response somewhere and no receiver ties), ``003-proposition-3-best-ties``
(Proposition 3 read with ties broken for the sender: the optimum), ``003-proposition-1``
(strong duality of the partial Lagrangian, each payment model), ``003-proposition-4``, ``-5``, ``-6``
(argmax s + n/(n-1) r with its optimal payments: optimal with arbitrary payments; with nonnegative ones the
optimum is that or the no-payment optimum), ``003-proposition-7`` and
``003-proposition-8`` (multi-receiver multipliers: one gamma* with budget balance, all 1 with arbitrary
payments), ``001-lemma-1`` (one seller type: Bob's round reaches W*, Sally's payoff unchanged),
``001-theorem-5`` (two buyer types, costs below both values: two rounds reach W*),
``001-efficient-communication-3`` (the ECC bounded to three rounds, two seller and three buyer types; issue 24:
welfare below W* after three rounds is C > 3 given Theorem 2, evidence rather than a counterexample), and 002's prior-free tests
``002-theorem-1``, ``002-proposition-1``, ``002-corollary-1``, ``002-proposition-2``,
``002-theorem-2`` (each, where its hypotheses hold, agrees with the exact beneficial-agreement LP).

Added for issue 22, item 3 (all expected to hold; none found a counterexample):

``000-proposition-2`` (the deviation-cone test)
    Proposition 2 decides efficiency through the cone of deviations; the check compares its
    verdicts (efficient, and ex post efficient in each state) with Definition 2 read directly: an
    LP over all outcomes ``mu'`` maximising the total gain subject to no player losing
    (:func:`_pareto_gain`; 0 iff efficient). Two algorithms, one answer.
``000-proposition-5`` (buyer-seller, any threshold in (1/2, 1), :class:`BuyerSellerFileFamily`)
    where the prior lies in int R*, the ``buyer-seller`` document certifies ``bp_efficient`` false;
    priors outside R* are outside the statement (it says nothing there).
``000-proposition-7`` (peer selection, :class:`PeerSelectionFamily`: 2-3 agents, two types each,
    values in [-1, 1], correlated interior priors)
    where the hypotheses hold, the ranking-based mechanism is inefficient (certified ``efficient``
    false); an efficient instance would count only if it survives random perturbations ("generically").
``002-corollary-2`` (:class:`CensorshipFamily`, which meets the hypotheses by construction)
    A = {a(w)}, full-information disagreement and n <= k - 1 agents; "generic" is read as the proof
    uses it: the (k - 1) x n matrix of differences ``u_i(a_j) - u_i(a_{j+1})`` has rank n, so only
    y = 0 solves Proposition 1's equations; then the exact LP must find a beneficial agreement.
    (The paper's proof says "If k = n - 1" where it means k - 1 = n: the sentence goes on with
    "k - 1 = n equations".) Rank-deficient payoffs (e.g. two agents with opposite rows) have no
    beneficial agreement and are outside "generic"; the tests show one.
``004-proposition`` (:class:`AcquisitionMechanismFamily`: the prescribed, implementable mechanism on a
    diagonal structure, or the same transfers after moving a share eta of cell (1, 1) off the diagonal)
    where the mechanism is implementable the ``acquisition`` document's ``proposition`` (certified by
    both implementability certificates) must be ``holds``. This is weak evidence: a non-implementable
    mechanism makes the implication vacuous (``None``), and the perturbed mechanisms keep the diagonal
    structure's transfers, so the search never tries transfers tuned to a non-diagonal alpha (every
    perturbed one tried was refuted by a certified profitable deviation).

>>> sorted(PROPERTIES)[:3]
['000-example-1-bp-efficient', '000-proposition-2', '000-proposition-4']
>>> r = run("000-proposition-4-if")
>>> r.found, [fmt(x) for x in r.counterexample.sender["w0"]], r.verdict.facts["favourite_is_best_response"]
(True, ['1', '0', '-1'], False)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from ..errors import InputError
from ..numbers import fmt
from .families import (
    AcquisitionMechanismFamily, ActionTypeFamily, BargainingFamily, BilateralTradeFamily, BuyerSellerFamily, BuyerSellerFileFamily, Family, FixedFamily,
    CensorshipFamily, GameFamily, MultiReceiverFamily, Numbers, PeerSelectionFamily, SenderReceiverFamily,
)
from .search import SearchResult, Verdict, search

__all__ = ["Property", "PROPERTIES", "get_property", "run", "describe"]


@dataclass(frozen=True)
class Property:
    """A named conjecture: where it comes from, where to search, how to test one game.

    Parameters
    ----------
    name : str
        The name for ``exactgame check NAME``.
    source : str
        Seed file and statement.
    statement : str
        The statement tested, in words.
    family : Family
        Where the search looks.
    test : callable
        ``test(game) -> Verdict``.
    expected : {"holds", "fails"}
        A theorem (no counterexample expected) or a known failure (one must be found).
    max_examples : int
        The default number of games.

    >>> PROPERTIES["003-proposition-3"].expected
    'fails'
    """

    name: str
    source: str
    statement: str
    family: Family
    test: Callable[[Any], Verdict]
    expected: str = "holds"
    max_examples: int = 300


# -- 000: cheap talk, Proposition 4 -------------------------------------------------------


def _proposition_4_parts(game: Any) -> tuple[Any, dict[str, Any]] | None:
    """The best equilibrium and Proposition 4's hypotheses, or None where the statement is moot
    (boundary prior: no efficiency verdict; tied sender payoffs: the proof's assumption fails)."""
    from ..cheaptalk import best_equilibrium

    eq = best_equilibrium(game)
    hyp = eq.proposition_4_hypotheses()
    if eq.efficiency is None or not hyp["distinct_sender_payoffs"]:
        return None
    return eq, hyp


def _cheaptalk_failure(game: Any, eq: Any, what: str) -> Verdict:
    from ..cheaptalk import cheap_talk_report

    value = fmt(eq.sender_value)
    return Verdict(False, f"{what} (best equilibrium: sender {value}, preferred action {eq.preferred_action}, "
                          f"induced with certainty: {eq.preferred_with_certainty}, efficient: {eq.efficiency.efficient})",
                   report=cheap_talk_report(game),
                   facts={"preferred_action": eq.preferred_action, "preferred_with_certainty": eq.preferred_with_certainty,
                          "efficient": eq.efficiency.efficient, "sender_value": value,
                          "favourite_is_best_response": eq.proposition_4_hypotheses()["favourite_is_best_response"]})


def _proposition_4_if(game: Any) -> Verdict:
    parts = _proposition_4_parts(game)
    if parts is None:
        return Verdict(None)
    eq, _ = parts
    if eq.preferred_with_certainty and not eq.efficiency.efficient:
        return _cheaptalk_failure(game, eq, "the preferred action is induced with certainty, yet the outcome is inefficient")
    return Verdict(True)


def _receiver_generic(game: Any) -> bool:
    return all(len(set(game.receiver[w])) == len(game.actions) for w in game.states)


def _proposition_4(game: Any) -> Verdict:
    parts = _proposition_4_parts(game)
    if parts is None or not parts[1]["favourite_is_best_response"] or not _receiver_generic(game):
        return Verdict(None)
    eq, _ = parts
    if eq.efficiency.efficient != eq.preferred_with_certainty:
        return _cheaptalk_failure(game, eq, "efficiency and 'a* induced with certainty' differ")
    return Verdict(True)


# -- 000: Theorem 1 -----------------------------------------------------------------------


def _theorem_1(game: Any) -> Verdict:
    from ..efficiency import efficiency, efficiency_report, genericity_probe

    r = efficiency(game)
    if not r.efficient or r.actions_taken < r.bound:
        return Verdict(True)
    probe = genericity_probe(game, trials=4)
    if not probe["stable"]:        # a knife edge: the verdict flips under small perturbations (not generic)
        return Verdict(None)
    return Verdict(False, f"an efficient outcome takes {r.actions_taken} actions, not fewer than k + |Omega| = {r.bound}, "
                          f"and stays efficient under {probe['trials']} random perturbations",
                   report=efficiency_report(game), facts={"actions_taken": r.actions_taken, "bound": r.bound})


# -- 000: Proposition 2 (the deviation-cone test against a direct Pareto LP) ------------------


def _pareto_gain(game: Any, weights: dict[str, Fraction]) -> Fraction:
    """The largest total gain ``sum_i (u_i(mu') - u_i(mu))`` over outcomes ``mu'`` on the states of
    ``weights`` that make no player worse off (Definition 2 read directly: 0 iff ``mu`` is efficient).
    An LP over ``mu'(w, a) >= 0``, ``sum_a mu'(w, a) = 1``, ``u_i(mu') >= u_i(mu)``; it never looks at
    the deviation cone of Proposition 2."""
    from ..geometry import solve_lp

    cols = [(w, a) for w in weights for a in game.profiles]
    gain = [[weights[w] * game.payoffs[w][a][i] for w, a in cols] for i in range(game.k)]
    base = [sum((weights[w] * game.payoff_in_state(game.outcome, w)[i] for w in weights), Fraction(0)) for i in range(game.k)]
    eq = [[Fraction(1) if v == w else Fraction(0) for v, _ in cols] for w in weights]
    r = solve_lp([sum(col) for col in zip(*gain)], A_ub=[[-x for x in row] for row in gain], b_ub=[-b for b in base],
                 A_eq=eq, b_eq=[1] * len(weights), maximize=True)
    if r.value is None:  # pragma: no cover - mu itself is feasible and the simplex bounds the LP
        raise InputError("proposition 2: the direct Pareto LP has no optimum")
    return r.value - sum(base, Fraction(0))


def _proposition_2(game: Any) -> Verdict:
    """Proposition 2's verdicts (efficient, and ex post in each state) against the direct Pareto LP."""
    from ..efficiency import efficiency, efficiency_report

    r = efficiency(game)
    checks = [("efficient", r.efficient, dict(zip(game.states, r.prior)))]
    checks += [(f"ex-post efficient in {w}", r.ex_post_efficient[w], {w: Fraction(1)}) for w in game.states]
    for label, verdict, weights in checks:
        gain = _pareto_gain(game, weights)
        if verdict != (gain == 0):
            return Verdict(False, f"{label}: Proposition 2's deviation-cone test says {verdict}, the direct Pareto LP "
                                  f"finds a total gain {fmt(gain)}", report=efficiency_report(game),
                           facts={"verdict": verdict, "pareto_gain": fmt(gain), "what": label})
    return Verdict(True)


# -- 000: Proposition 5 (buyer-seller: p in int R* makes the BP outcome inefficient) ----------


def _proposition_5(game: Any) -> Verdict:
    from ..persuasion.buyer_seller_report import buyer_seller_report

    rep = buyer_seller_report(game)
    if not rep.body["in_r_star"]:      # outside R*, Proposition 5 says nothing
        return Verdict(None)
    if not rep.body["bp_efficient"]:
        return Verdict(True)
    return Verdict(False, f"the prior lies in int R_ij for {rep.body['r_star_pairs']}, yet the BP outcome is efficient",
                   report=rep, facts={"r_star_pairs": rep.body["r_star_pairs"], "bp_efficient": True})


# -- 000: Proposition 7 (peer selection: the ranking-based mechanism is generically inefficient) ----


def _proposition_7(game: Any) -> Verdict:
    from ..efficiency import genericity_probe
    from ..peer_selection_report import peer_selection_report

    inst = game.instance()
    if not inst.hypotheses_hold:
        return Verdict(None)
    eff = inst.efficiency()
    if not eff.efficient:
        return Verdict(True)
    probe = genericity_probe(inst.game, inst.outcome, trials=4)
    if not probe["stable"]:        # a knife edge: not generic, outside the statement
        return Verdict(None)
    return Verdict(False, f"Proposition 7's hypotheses hold (t = {fmt(inst.threshold)}), yet the ranking-based mechanism "
                          f"is efficient, and stays so under {probe['trials']} random perturbations",
                   report=peer_selection_report(game), facts={"threshold": fmt(inst.threshold), "efficient": True})


# -- 000: Example 1 -----------------------------------------------------------------------


def _bp_efficient(game: Any) -> Verdict:
    from ..persuasion.report import persuasion_report

    rep = persuasion_report(game)
    eff = rep.body.get("bp_efficient")
    if eff is None:
        return Verdict(None)
    if eff:
        return Verdict(True)
    return Verdict(False, f"the BP outcome (sender value {rep.body['value']}) is Pareto dominated (bp_efficient false)",
                   report=rep, facts={"value": rep.body["value"], "bp_efficient": False})


def _bp_inefficient(game: Any) -> Verdict:
    v = _bp_efficient(game)
    if v.holds is None:
        return v
    if v.holds is False:
        return Verdict(True)
    from ..persuasion.report import persuasion_report

    return Verdict(False, "the BP outcome is efficient", report=persuasion_report(game))


def _example_1_at(prior: tuple[str, str]) -> dict[str, Any]:
    from ..catalogue import load

    doc = load("efficiency_example1").canonical()
    doc["prior"] = list(prior)
    doc.pop("outcome", None)
    return doc


# -- 003: Propositions 1 and 3 -----------------------------------------------------------


def _optimum(game: Any) -> Fraction:
    from ..persuasion.payments import persuade_with_payments

    return persuade_with_payments(game, "none").value


def _proposition_3(game: Any) -> Verdict:
    from ..persuasion.payments import proposition_3
    from ..persuasion.report import persuasion_report

    r = proposition_3(game)
    if not r.attained:     # no smallest lambda: the statement has no lambda* to speak of
        return Verdict(None)
    best = _optimum(game)
    if r.value == best:
        return Verdict(True)
    return Verdict(False, f"phi_lambda* (lambda* = {fmt(r.lam)}, ties split uniformly) earns {fmt(r.value)}; "
                          f"the optimal persuasive scheme earns {fmt(best)} (certified)",
                   report=persuasion_report(game),
                   facts={"lambda_star": fmt(r.lam), "phi_value": fmt(r.value), "optimum": fmt(best),
                          "phi": {w: {a: fmt(q) for a, q in d.items()} for w, d in r.scheme.items()}})


def _proposition_3_best_ties(game: Any) -> Verdict:
    from ..persuasion.payments import proposition_3_with_best_ties
    from ..persuasion.report import persuasion_report

    lam, value = proposition_3_with_best_ties(game)
    best = _optimum(game)
    if value == best:
        return Verdict(True)
    return Verdict(False, f"the best scheme on the argmax up to lambda* (lambda = {fmt(lam)}) earns {fmt(value)}, "
                          f"the optimum {fmt(best)}", report=persuasion_report(game))


def _proposition_1(game: Any) -> Verdict:
    from ..persuasion.payments import check_proposition_1, persuade_with_payments
    from ..persuasion.report import persuasion_report

    for model in ("none", "nonnegative", "budget-balanced", "arbitrary"):
        r = persuade_with_payments(game, model)
        if not check_proposition_1(r):
            return Verdict(False, f"payments {model}: the duals lambda do not satisfy Proposition 1",
                           report=persuasion_report(game, payments=model))
    return Verdict(True)


def _argmax_scheme_value(game: Any, model: str) -> Fraction:
    """The value of 'recommend argmax s + n/(n-1) r' with its optimal payments (Propositions 4-6)."""
    from ..persuasion.payments import scheme_value, welfare_scheme

    n = len(game.actions)
    return scheme_value(game, welfare_scheme(game, Fraction(n, n - 1)), model)


def _propositions_4_5(game: Any) -> Verdict:
    from ..persuasion.payments import persuade_with_payments
    from ..persuasion.report import persuasion_report

    opt, v = persuade_with_payments(game, "arbitrary").value, _argmax_scheme_value(game, "arbitrary")
    if v == opt:
        return Verdict(True)
    return Verdict(False, f"arbitrary payments: argmax s + n/(n-1) r earns {fmt(v)}, the optimum {fmt(opt)}",
                   report=persuasion_report(game, payments="arbitrary"))


def _proposition_6(game: Any) -> Verdict:
    from ..persuasion.payments import persuade_with_payments
    from ..persuasion.report import persuasion_report

    opt = persuade_with_payments(game, "nonnegative").value
    none, v = persuade_with_payments(game, "none").value, _argmax_scheme_value(game, "nonnegative")
    if opt in (none, v):
        return Verdict(True)
    return Verdict(False, f"nonnegative payments: the optimum {fmt(opt)} is neither the no-payment optimum {fmt(none)} "
                          f"nor argmax s + n/(n-1) r with its payments ({fmt(v)})",
                   report=persuasion_report(game, payments="nonnegative"))


# -- 003: multi-receiver persuasion, Propositions 7 and 8 ----------------------------------


def _multireceiver(model: str, label: str) -> Callable[[Any], Verdict]:
    def test(game: Any) -> Verdict:
        from ..errors import CertificateError
        from ..persuasion.multireceiver import solve_binary
        from ..persuasion.report import persuasion_report

        try:
            r = solve_binary(game, model)
        except CertificateError as exc:
            return Verdict(False, f"payments {model}: {exc}")
        if (model == "arbitrary" and r.gamma != 1) or (model == "budget-balanced" and r.gamma is None):
            return Verdict(False, f"payments {model}: the multipliers are not {label}",
                           report=persuasion_report(game, payments=model))
        return Verdict(True)

    test.__name__ = f"multireceiver_{model.replace('-', '_')}"
    return test


# -- 001: dialogue, Lemma 1 and Theorem 5 -------------------------------------------------


def _rounds(game: Any, T: int) -> tuple[Any, list[dict[str, Any]], Fraction]:
    from ..dialogue.report import dialogue

    rep = dialogue(game, T)
    return rep, rep.body["rounds"], Fraction(rep.body["efficient_welfare"])


def _lemma_1(game: Any) -> Verdict:
    rep, rounds, W = _rounds(game, 1)
    seller0, seller1 = rounds[0]["payoffs"]["seller"], rounds[1]["payoffs"]["seller"]
    if Fraction(rounds[1]["welfare"]) == W and seller1 == seller0:
        return Verdict(True)
    return Verdict(False, f"one seller type: after Bob's round welfare {rounds[1]['welfare']} (W* = {fmt(W)}), "
                          f"Sally {seller0} -> {seller1}", report=rep)


def _theorem_5(game: Any) -> Verdict:
    doc = game.canonical()
    costs, values = [Fraction(x) for x in doc["seller_costs"]], [Fraction(x) for x in doc["buyer_values"]]
    if len(values) != 2 or not max(costs) < min(values):
        return Verdict(None)
    rep, rounds, W = _rounds(game, 2)
    if Fraction(rounds[2]["welfare"]) == W:
        return Verdict(True)
    return Verdict(False, f"two rounds reach welfare {rounds[2]['welfare']}, W* = {fmt(W)}", report=rep)


def _three_rounds(game: Any) -> Verdict:
    """The bounded form of the ECC: W* within three rounds (Section 3.4 needs all three)."""
    rep, rounds, W = _rounds(game, 3)
    if rep.body.get("stopped_by"):
        return Verdict(None, f"the engine stopped early: {rep.body['stopped_by']}")
    if any(Fraction(r["welfare"]) == W for r in rounds):
        return Verdict(True)
    return Verdict(False, f"welfare after three rounds {rounds[-1]['welfare']} < W* = {fmt(W)}: C > 3 given Theorem 2 "
                          "(evidence, not a counterexample to the ECC, which asks only C < infinity)", report=rep,
                   facts={"welfare": [r["welfare"] for r in rounds], "efficient_welfare": fmt(W)})


# -- 002: prior-free tests against the exact LP ------------------------------------------


def _prior_free(key: str) -> Callable[[Any], Verdict]:
    def test(prob: Any) -> Verdict:
        from ..bargaining.agreement import beneficial_agreement, contradictions
        from ..bargaining.report import bargain

        r = beneficial_agreement(prob)
        entry = r.tests.get(key)
        if not entry or not entry.get("applies"):
            return Verdict(None)
        if key in contradictions({key: entry}, r.beneficial) or entry.get("contradicts_exact_lp"):
            return Verdict(False, f"{key}: {entry['shows']}", report=bargain(prob),
                           facts={"beneficial_agreement_exists": r.beneficial})
        return Verdict(True)

    test.__name__ = f"prior_free_{key}"
    return test


def _corollary_2(prob: Any) -> Verdict:
    """Corollary 2 where its hypotheses hold and the payoffs are generic in the sense its proof uses:
    the (k - 1) x n differences ``u_i(a_j) - u_i(a_{j+1})`` have rank n, so ``y = 0`` is the only
    solution of Proposition 1's equations. Then the exact LP must find a beneficial agreement."""
    from ..bargaining.agreement import beneficial_agreement
    from ..bargaining.report import bargain
    from ..geometry.linalg import rank

    r = beneficial_agreement(prob)
    entry = r.tests.get("corollary_2")
    if not entry or not entry.get("applies"):
        return Verdict(None)
    w0, n = prob.states[0], len(prob.agents)
    u = [[prob.payoffs[i][w0][j] for i in prob.agents] for j in range(len(prob.actions))]
    diffs = [[x - y for x, y in zip(u[j], u[j + 1])] for j in range(len(u) - 1)]
    if rank(diffs) < n:            # not generic: Proposition 1's weights may exist
        return Verdict(None)
    if r.beneficial:
        return Verdict(True)
    return Verdict(False, "Corollary 2's hypotheses hold and the payoff differences have full rank, yet the exact LP "
                          "finds no beneficial agreement", report=bargain(prob), facts={"beneficial_agreement_exists": False})


# -- 004: the Proposition of Section 3 (efficiency => essentially perfect correlation) ----------


def _acquisition_proposition(game: Any) -> Verdict:
    """The ``acquisition`` report's ``proposition`` (certified by both players' implementability
    certificates and the exact correlation structure): 'holds', 'not applicable (...)' or 'VIOLATED'."""
    from ..acquisition.report import acquisition

    rep = acquisition(game)
    verdict = rep.body.get("proposition", "not applicable (no mechanism checked)")
    if verdict.startswith("not applicable"):      # e.g. not implementable: the implication is vacuous
        return Verdict(None, verdict)
    if verdict == "holds":
        return Verdict(True)
    return Verdict(False, f"an implementable mechanism with efficient trade whose blocks have unequal posteriors: {verdict}",
                   report=rep, facts={"proposition": verdict, "implementable": rep.body["implementable"]})


_SMALL = Numbers("small-int", bound=3)
_SI_SENDER = SenderReceiverFamily(states=(2, 3), actions=(2, 4), numbers=_SMALL, state_independent_sender=True)
_BARGAINING = BargainingFamily(states=(2, 3), actions=(2, 3), agents=(2, 3), numbers=_SMALL, state_independent=True,
                               disagreements=("no-information", "full-information"))
_000 = "000_2cf035f6c25283ea.txt"
_001 = "001_9d9f8fe1d5e70189.txt"
_002 = "002_b82d6ff4761a0a82.txt"
_003 = "003_e54e9b7a7da88b3e.txt"


def _registry() -> dict[str, Property]:
    props = [
        Property("000-proposition-4-if", f"{_000}, Proposition 4 ('if' direction)",
                 "state-independent sender, distinct sender payoffs: if the preferred action a* is induced with "
                 "certainty, the cheap-talk outcome is efficient", _SI_SENDER, _proposition_4_if, "fails"),
        Property("000-proposition-4", f"{_000}, Proposition 4 (with its hypotheses made explicit)",
                 "state-independent sender, distinct sender payoffs, the favourite action a best response somewhere, "
                 "no receiver ties: efficient iff a* is induced with certainty", _SI_SENDER, _proposition_4,
                 max_examples=150),
        Property("000-theorem-1", f"{_000}, Theorem 1",
                 "generically, an efficient outcome takes fewer than k + |Omega| actions (knife-edge games, whose "
                 "verdict flips under small random perturbations, are outside 'generically')",
                 GameFamily(players=(2, 3), profiles=(2, 4), states=(1, 2), numbers=Numbers("fraction", bound=3, denominator=7),
                            outcome=True), _theorem_1, max_examples=150),
        Property("000-proposition-2", f"{_000}, Proposition 2 (the deviation-cone test)",
                 "an outcome is efficient (ex post efficient in a state) iff the cone of its deviations meets the "
                 "nonnegative orthant only at 0: the test's verdicts agree with a direct Pareto LP over outcomes",
                 GameFamily(players=(2, 3), profiles=(2, 4), states=(1, 3), numbers=_SMALL, outcome=True),
                 _proposition_2, max_examples=150),
        Property("000-proposition-5", f"{_000}, Proposition 5 (buyer-seller, any threshold in (1/2, 1))",
                 "if the prior lies in int R* (some int R_ij = R_i & R_j & R_0), the BP outcome is inefficient",
                 BuyerSellerFileFamily(), _proposition_5, max_examples=60),
        Property("000-proposition-7", f"{_000}, Proposition 7 (peer selection, ranking-based mechanism)",
                 "if t >= max{1/(k-1) + delta(w), 2/(k-1)} and some agent has a nonnegative peer value in every state, "
                 "the ranking-based mechanism is generically inefficient (knife edges, whose verdict flips under small "
                 "random perturbations, are outside 'generically')", PeerSelectionFamily(), _proposition_7, max_examples=60),
        Property("000-proposition-6", f"{_000}, Proposition 6 (buyer-seller, threshold preferences)",
                 "for an interior prior p and a threshold T > T_p (eq. (31)), the BP outcome is inefficient",
                 BuyerSellerFamily(), _bp_inefficient, max_examples=60),
        Property("000-example-1-bp-efficient", f"{_000}, Example 1 (Section 3.1.2, Figure 3) at prior 9/10",
                 "the conjecture 'the BP outcome is efficient', at Example 1's prior (9/10, 1/10)",
                 FixedFamily((_example_1_at(("9/10", "1/10")),)), _bp_efficient, "fails", max_examples=5),
        Property("003-proposition-3", f"{_003}, Proposition 3 (Definition 4's uniform tie-breaking)",
                 "symmetric action types: phi_lambda* (uniform ties at lambda*) is the optimal scheme",
                 ActionTypeFamily(), _proposition_3, "fails"),
        Property("003-proposition-3-best-ties", f"{_003}, Proposition 3 read with ties broken for the sender",
                 "symmetric action types: the best persuasive scheme on the argmax of s + n lambda r, over the "
                 "breakpoints lambda <= lambda*, is optimal", ActionTypeFamily(), _proposition_3_best_ties, max_examples=150),
        Property("003-proposition-1", f"{_003}, Proposition 1 (strong duality of the partial Lagrangian)",
                 "every payment model: the optimal duals lambda(i, j) satisfy Proposition 1",
                 SenderReceiverFamily(states=(2, 3), actions=(2, 3), numbers=_SMALL), _proposition_1, max_examples=100),
        Property("003-proposition-4", f"{_003}, Proposition 4 (two actions, arbitrary payments)",
                 "n = 2, any distribution: recommending argmax s + 2r with the optimal payments is optimal",
                 SenderReceiverFamily(states=(2, 4), actions=(2, 2), numbers=_SMALL), _propositions_4_5, max_examples=100),
        Property("003-proposition-5", f"{_003}, Proposition 5 (symmetric actions, arbitrary payments)",
                 "symmetric action types: recommending argmax s + n/(n-1) r with the optimal payments is optimal",
                 ActionTypeFamily(types=(2, 3), actions=3), _propositions_4_5, max_examples=60),
        Property("003-proposition-6", f"{_003}, Proposition 6 (i.i.d. actions, nonnegative payments)",
                 "i.i.d. action types, nonnegative payments: the optimum is the no-payment optimum or argmax "
                 "s + n/(n-1) r with its optimal nonnegative payments", ActionTypeFamily(types=(2, 3), actions=3),
                 _proposition_6, max_examples=60),
        Property("003-proposition-7", f"{_003}, Proposition 7 (multi-receiver, budget-balanced payments)",
                 "binary receivers with externalities, budget balance: the optimal scheme maximizes the "
                 "gamma*-weighted welfare (one multiplier for all receivers)",
                 MultiReceiverFamily(receivers=(1, 3), states=(2, 3), numbers=_SMALL), _multireceiver("budget-balanced", "all equal"),
                 max_examples=60),
        Property("003-proposition-8", f"{_003}, Proposition 8 (multi-receiver, arbitrary payments)",
                 "binary receivers with externalities, arbitrary payments: the optimal scheme maximizes total payoff "
                 "(every multiplier 1)", MultiReceiverFamily(receivers=(1, 3), states=(2, 3), numbers=_SMALL),
                 _multireceiver("arbitrary", "all 1"), max_examples=60),
        Property("001-lemma-1", f"{_001}, Lemma 1 (Bergemann-Brooks-Morris)",
                 "bilateral trade, one seller type: after Bob's round welfare is W* and Sally's payoff is unchanged",
                 BilateralTradeFamily(costs=(1, 1), values=(2, 3)), _lemma_1, max_examples=60),
        Property("001-theorem-5", f"{_001}, Theorem 5",
                 "bilateral trade, two buyer types, seller costs below both values: two rounds reach W*",
                 BilateralTradeFamily(costs=(1, 3), values=(2, 2)), _theorem_5, max_examples=40),
        Property("001-efficient-communication-3", f"{_001}, Efficient Communication Conjecture (bounded: three rounds)",
                 "bilateral trade, two seller and three buyer types: welfare reaches W* within three rounds "
                 "(a failure means C > 3 given Theorem 2; exactgame.research.communication.ecc_search searches further)",
                 BilateralTradeFamily(costs=(2, 2), values=(3, 3)), _three_rounds, max_examples=15),
    ]
    props.append(Property("002-corollary-2", f"{_002}, Corollary 2 (beneficial censorship)",
                          "A = {a(w)}, |A| = k, full-information disagreement, n <= k - 1 agents, generic payoffs "
                          "(the payoff differences have rank n): a beneficial agreement exists (the exact LP)",
                          CensorshipFamily(), _corollary_2, max_examples=60))
    props.append(Property("004-proposition", "004_2686c8b5ad6ec5f0.txt, Section 3, Proposition (efficiency => essentially "
                          "perfect correlation)", "two states with gains from trade: a mechanism (alpha, q = 1, t) that is "
                          "implementable for both players has block-diagonal alpha with equal posteriors within each block",
                          AcquisitionMechanismFamily(), _acquisition_proposition, max_examples=40))
    for key, label in (("theorem_1", "Theorem 1"), ("proposition_1", "Proposition 1"), ("corollary_1", "Corollary 1"),
                       ("proposition_2", "Proposition 2"), ("theorem_2", "Theorem 2")):
        props.append(Property(f"002-{key.replace('_', '-')}", f"{_002}, {label} (state-independent preferences)",
                              f"where its hypotheses hold, {label}'s prior-free verdict agrees with the exact "
                              "beneficial-agreement LP", _BARGAINING, _prior_free(key),
                              max_examples=50 if key == "proposition_2" else 100))
    return {p.name: p for p in props}


#: The built-in checks, by name.
PROPERTIES: dict[str, Property] = _registry()


def get_property(name: str) -> Property:
    """The built-in check ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`PROPERTIES`.

    Returns
    -------
    Property
        The check.

    Raises
    ------
    InputError
        For an unknown name (the message lists the known ones).

    >>> get_property("003-proposition-3").expected
    'fails'
    """
    if name not in PROPERTIES:
        raise InputError(f"unknown check {name!r}; known: {', '.join(sorted(PROPERTIES))}")
    return PROPERTIES[name]


def run(name: str, *, max_examples: int | None = None, seed: int = 0, out: str | None = None) -> SearchResult:
    """Search for a counterexample to the built-in check ``name``.

    Parameters
    ----------
    name : str
        The check.
    max_examples : int, optional
        Games to generate (default: the check's).
    seed : int
        Hypothesis's seed.
    out : str, optional
        Folder for the counterexample and its refutation.

    Returns
    -------
    SearchResult
        What :func:`exactgame.research.search.search` returns.

    >>> run("000-example-1-bp-efficient").verdict.facts["bp_efficient"]
    False
    """
    p = get_property(name)
    return search(p.test, p.family, max_examples=max_examples or p.max_examples, seed=seed, out=out)


def describe(p: Property) -> dict[str, Any]:
    """A check as JSON data: name, source, statement, expected, family (its class and parameters).

    Parameters
    ----------
    p : Property
        The check.

    Returns
    -------
    dict
        JSON-ready data.

    >>> describe(PROPERTIES["003-proposition-3"])["family"]["class"]
    'ActionTypeFamily'
    """
    return {"name": p.name, "source": p.source, "statement": p.statement, "expected": p.expected,
            "max_examples": p.max_examples,
            "family": {"class": type(p.family).__name__, "parameters": repr(p.family)}}
