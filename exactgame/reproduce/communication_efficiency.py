"""Catalogue entries of 000_2cf035f6c25283ea.txt (Arieli, Babichenko, Jain, Smorodinsky 2025).

Example 1 (Section 2): the payoff table and Figure 1's feasible payoff sets.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..geometry.hullcert import hull_certificate
from ..numbers import fmt
from .registry import entry

if TYPE_CHECKING:
    from ..efficiency import EfficiencyResult
    from ..games.model import Game, SenderReceiverGame
    from ..persuasion import BPResult

SOURCE = "000_2cf035f6c25283ea.txt"


def example1_game() -> SenderReceiverGame:
    """Example 1 as a :class:`SenderReceiverGame` (bundled as ``efficiency_example1.toml``).

    Two states w0, w1, the receiver's actions a0..a4, the sender's and receiver's payoffs
    of the paper's table, prior (7/10, 3/10) as in the file.

    Returns
    -------
    SenderReceiverGame

    >>> g = example1_game()
    >>> g.states, g.actions, g.prior
    (('w0', 'w1'), ('a0', 'a1', 'a2', 'a3', 'a4'), (Fraction(7, 10), Fraction(3, 10)))
    """
    from ..catalogue import load

    return load("efficiency_example1")


def example1() -> Game:
    """The game of Example 1 as a two-player :class:`Game` (players sender, receiver).

    Returns
    -------
    Game
        :meth:`example1_game`'s table as a game whose outcomes are action distributions per
        state; payoff vectors are (sender, receiver).

    >>> g = example1()
    >>> g.players, g.states
    (('sender', 'receiver'), ('w0', 'w1'))
    >>> points_text(g.feasible_set("w0").vertices)       # Figure 1, the red region
    '(0, 32/5), (1, 0), (2, 9), (10, 8)'
    """
    return example1_game().as_game()


def points_text(points: Iterable[Sequence[Any]]) -> str:
    """``(x, y), (x, y)`` with exact numbers, in the given order (the entries' text form).

    Parameters
    ----------
    points : iterable of sequence of number
        Points of any dimension.

    Returns
    -------
    str

    >>> points_text([(Fraction(0), Fraction(32, 5)), (1, 0)])
    '(0, 32/5), (1, 0)'
    """
    return ", ".join("(" + ", ".join(fmt(c) for c in v) + ")" for v in points)


def _vertices(state: str):
    g = example1()
    F = g.feasible_set(state)
    return points_text(F.vertices), [hull_certificate(F, [g.payoff_points(state)])]


@entry(SOURCE, "Example 1 / Figure 1: vertices of F_w0 (red region)", "(0, 32/5), (1, 0), (2, 9), (10, 8)")
def f_w0_vertices():
    return _vertices("w0")


@entry(SOURCE, "Example 1 / Figure 1: vertices of F_w1 (blue region), all five payoff vectors",
       "(0, 32/5), (1, 9), (2, 0), (3, 8), (10, 4)")
def f_w1_vertices():
    return _vertices("w1")


@entry(SOURCE, "Example 1 / Figure 1: the payoff (3, 4) of a3 in state w0 is interior to F_w0", "interior")
def a3_interior():
    g = example1()
    F = g.feasible_set("w0")
    cert = hull_certificate(F, [g.payoff_points("w0")])
    # the certificate proves F_w0 = {a . x <= b}; (3, 4) satisfies every facet strictly
    inside = all(sum(ai * xi for ai, xi in zip(a, (3, 4))) < b for a, b in cert.facets)
    return ("interior" if inside else "not interior"), [cert]


# -- Example 1 outcomes (a), (b), (c): efficiency verdicts (Section 2, Figure 1) ------------
#
# The paper describes the outcomes by their supports; the mixing weights below are the
# Bayesian-persuasion outcomes the paper says they are (Section 3.1.2), derived by
# hand from the receiver's best-response cells: (a) posteriors 0 and 1/5 with equal
# weight, (c) posteriors 2/5 and 1 with equal weight. Efficiency depends only on the
# supports (the paper's remark after Remark 1), so any weights give the same verdicts.

def _case(name: str):
    from ..catalogue import load

    g = load(name)
    return list(g.prior), g.outcome.to_dict()


#: Example 1's outcomes (a), (b), (c) with their priors, read from the catalogue's files
CASES = {"a": _case("efficiency_example1_case_a"), "b": _case("efficiency_example1"), "c": _case("efficiency_example1_case_c")}


def example1_case(case: str) -> EfficiencyResult:
    """The efficiency result of Example 1's outcome (a), (b) or (c).

    Parameters
    ----------
    case : str
        ``"a"`` (p = 1/10), ``"b"`` (p = 3/10) or ``"c"`` (p = 7/10); outcomes and priors
        from :data:`CASES`.

    Returns
    -------
    EfficiencyResult
        :func:`exactgame.efficiency.efficiency` of the outcome at its prior.

    Raises
    ------
    KeyError
        For another case name.

    >>> r = example1_case("b")
    >>> r.efficient, r.cls
    (True, 'pure')
    """
    from ..efficiency import efficiency

    prior, outcome = CASES[case]
    return efficiency(example1(), outcome, prior)


def verdict_text(r: EfficiencyResult) -> str:
    """The paper's wording: ex-post efficiency per state, compatibility, efficiency.

    Compatibility is reported only when every state is ex-post efficient (as the paper does).

    Parameters
    ----------
    r : EfficiencyResult
        An efficiency result of a two-state game.

    Returns
    -------
    str

    >>> verdict_text(example1_case("a"))
    'ex-post efficient in both states; not compatible; inefficient'
    """
    ex_post = [w for w, ok in r.ex_post_efficient.items() if not ok]
    parts = ["ex-post efficient in both states" if not ex_post else f"not ex-post efficient in {', '.join(ex_post)}"]
    if not ex_post:  # the paper reports compatibility only where every state is ex-post efficient
        parts.append("compatible" if r.compatible else "not compatible")
    parts.append("efficient" if r.efficient else "inefficient")
    return "; ".join(parts)


def _case_entry(case: str):
    r = example1_case(case)
    return verdict_text(r), [r.certificate, *r.ex_post_certificates.values()]


@entry(SOURCE, "Example 1 (a), p = 0.10: a0, a1 in w0 and a1 in w1",
       "ex-post efficient in both states; not compatible; inefficient")
def case_a():
    return _case_entry("a")


@entry(SOURCE, "Example 1 (b), p = 0.30: a1 with certainty in both states",
       "ex-post efficient in both states; compatible; efficient")
def case_b():
    return _case_entry("b")


@entry(SOURCE, "Example 1 (c), p = 0.70: a1 in w0, a1 and a4 in w1",
       "not ex-post efficient in w1; inefficient")
def case_c():
    return _case_entry("c")


@entry(SOURCE, "Example 1 (a): n_w0 is not in cone{normals at w1} (rays of N_w0 | N_w1)", "(1, 8) | (1, -2), (4, 7)")
def case_a_cones():
    from ..geometry.cones import positive_point

    r = example1_case("a")
    cones = r.normal_cones
    text = points_text(cones["w0"].rays) + " | " + points_text(cones["w1"].rays)
    member = cones["w1"].membership(cones["w0"].rays[0])  # Farkas certificate: n_w0 outside N_w1
    _, none_positive = positive_point(cones["w0"].intersection(cones["w1"]))
    ok = member.status == "infeasible" and none_positive.status == "infeasible"
    return (text if ok else "n_w0 lies in N_w1"), [member.certificate, none_positive.certificate]


@entry(SOURCE, "Remark 3 / Theorem 1 discussion: classes of outcomes (a), (b), (c)", "quasi-pure, pure, quasi-pure")
def case_classes():
    rs = [example1_case(c) for c in "abc"]
    return ", ".join(r.cls for r in rs), [r.certificate for r in rs]


# -- Section 3.1.2: Bayesian persuasion in Example 1 (Figure 3) ---------------------------


def bp_support_text(case: str) -> tuple[str, BPResult]:
    """The BP outcome's supports at the prior of case (a), (b) or (c), e.g. ``w0: a0, a1; w1: a1``.

    Parameters
    ----------
    case : str
        ``"a"``, ``"b"`` or ``"c"`` (the prior of that case in :data:`CASES`).

    Returns
    -------
    tuple of (str, BPResult)
        The supports per state (actions sorted) and the persuasion result itself.

    >>> text, r = bp_support_text("a")
    >>> text, r.value
    ('w0: a0, a1; w1: a1', Fraction(6, 1))
    """
    from ..persuasion import persuade

    prior, _ = CASES[case]
    r = persuade(example1_game(), prior)
    return "; ".join(f"{w}: {', '.join(sorted(d))}" for w, d in r.outcome.items()), r


def _bp_entry(case: str):
    text, r = bp_support_text(case)
    return text, [r.lp.certificate] + ([r.envelope.certificate] if r.envelope else [])


@entry(SOURCE, "Section 3.1.2: the BP outcome at p = 0.10 is outcome (a)", "w0: a0, a1; w1: a1")
def bp_case_a():
    return _bp_entry("a")


@entry(SOURCE, "Section 3.1.2: the BP outcome at p = 0.30 is outcome (b)", "w0: a1; w1: a1")
def bp_case_b():
    return _bp_entry("b")


@entry(SOURCE, "Section 3.1.2: the BP outcome at p = 0.70 is outcome (c)", "w0: a1; w1: a1, a4")
def bp_case_c():
    return _bp_entry("c")


@entry(SOURCE, "Section 3.1.2 / Figure 3: the BP outcome is efficient exactly for p in [0.2, 0.4]", "[1/5, 2/5]")
def bp_efficiency_region():
    from ..persuasion.regions import efficiency_region

    region = efficiency_region(example1_game())
    return region.interval_text(), [f.certificate for f in region.faces]


# -- Propositions 5 and 6: buyer-seller environments ---------------------------------------


def _r_star_verdict(n: int, threshold: str):
    """At the centroid of every R_ij of the n-product threshold environment: BP outcome class and verdict."""
    from ..efficiency import efficiency
    from ..persuasion import persuade
    from ..persuasion.buyer_seller import threshold_environment

    env = threshold_environment(list(range(1, n + 1)), threshold)
    verdicts, certs = set(), []
    for R in env.pair_regions.values():
        p = R.centroid
        bp = persuade(env.game, p)
        e = efficiency(env.game, bp.outcome, p)
        verdicts.add(f"{e.cls}, {'efficient' if e.efficient else 'inefficient'}")
        certs += [bp.lp.certificate, e.certificate]
    return "; ".join(sorted(verdicts)), certs


@entry(SOURCE, "Proposition 5, n = 2 (T = 3/5): the BP outcome at a prior in int R* is mixed and inefficient",
       "mixed, inefficient")
def prop5_n2():
    return _r_star_verdict(2, "3/5")


@entry(SOURCE, "Proposition 5, n = 3 (T = 3/5): at priors in int R_ij for every pair the BP outcome is mixed and inefficient",
       "mixed, inefficient")
def prop5_n3():
    return _r_star_verdict(3, "3/5")


@entry(SOURCE, "Proposition 6 / eq. (31): T_p < 1 and for T > T_p the prior lies in int R* (p = (1/2, 1/4, 1/4), T_p = 1/2)",
       "T_p = 1/2; in int R* for T = 3/5; mixed, inefficient")
def prop6():
    from ..efficiency import efficiency
    from ..persuasion import persuade
    from ..persuasion.buyer_seller import threshold_bound, threshold_environment

    p = ["1/2", "1/4", "1/4"]
    Tp = threshold_bound(p)
    env = threshold_environment([1, 2], "3/5", prior=p)
    bp = persuade(env.game)
    e = efficiency(env.game, bp.outcome)
    inside = "in int R*" if env.in_r_star_interior(p) else "not in int R*"
    return (f"T_p = {fmt(Tp)}; {inside} for T = 3/5; {e.cls}, {'efficient' if e.efficient else 'inefficient'}",
            [bp.lp.certificate, e.certificate])


# -- Section 3.1.1: cheap talk in Example 1 (Figure 2, proof of Proposition 4) -----------------


def _cheap_talk(p: str):
    from ..cheaptalk import best_equilibrium

    return best_equilibrium(example1_game(), [1 - Fraction(p), Fraction(p)])


def _eq_text(eq) -> str:
    parts = []
    for k, q in sorted(enumerate(eq.posteriors), key=lambda kq: kq[1][1]):
        parts.append(f"{fmt(q[1])}: {', '.join(sorted(eq.tau[f'm{k}']))}")
    return "; ".join(parts)


@entry(SOURCE, "Figure 2 / proof of Proposition 4: at p = 0.5 the sender's best equilibrium induces q = 0.4 (a1, a2 mixed) and q = 0.6 (a3)",
       "2/5: a1, a2; 3/5: a3")
def cheap_talk_half():
    eq = _cheap_talk("1/2")
    return _eq_text(eq), [eq.envelope.certificate, eq.check.certificate]


@entry(SOURCE, "Figure 2 / proof of Proposition 4: for p in [0.6, 0.8] the equilibrium is babbling with a3 (p = 0.6, 0.7, 0.8)",
       "babbling a3; babbling a3; babbling a3")
def cheap_talk_babbling():
    texts, certs = [], []
    for p in ("3/5", "7/10", "4/5"):
        eq = _cheap_talk(p)
        texts.append(("influential" if eq.influential else "babbling ") + " ".join(sorted({a for d in eq.outcome.values() for a in d})))
        certs += [eq.envelope.certificate, eq.check.certificate]
    return "; ".join(texts), certs


@entry(SOURCE, "Proof of Proposition 4: babbling with a3 (p in [0.6, 0.8]) is not ex-post efficient in w0, where both prefer a1",
       "w0: a1")
def cheap_talk_w0():
    eq = _cheap_talk("7/10")
    bad = {w: c for w, c in eq.efficiency.ex_post_certificates.items() if not eq.efficiency.ex_post_efficient[w]}
    text = "; ".join(f"{w}: {', '.join(sorted(c.better[w]))}" for w, c in bad.items())
    return text, list(bad.values())


@entry(SOURCE, "Proposition 4: influential equilibria (p = 0.5) are inefficient; a* = a1 with certainty (p = 0.3) is efficient",
       "p = 1/2: inefficient; p = 3/10: efficient")
def cheap_talk_prop4():
    a, b = _cheap_talk("1/2"), _cheap_talk("3/10")

    def verdict(e: Any) -> str:
        return "efficient" if e.efficiency.efficient else "inefficient"

    return f"p = 1/2: {verdict(a)}; p = 3/10: {verdict(b)}", [a.efficiency.certificate, b.efficiency.certificate]


@entry(SOURCE, "Example 1 / Figure 1 (Definition 1 for the payoff vectors): u(mu) is efficient in F_p for (b), "
       "dominated for (a) and (c)", "a: dominated; b: efficient; c: dominated")
def vector_cases():
    from ..pareto import vector_efficiency

    parts, certs = [], []
    for case in "abc":
        r = example1_case(case)
        v = vector_efficiency(example1(), r.payoff, r.prior)
        parts.append(f"{case}: {v.verdict}")
        certs.append(v.certificate)
    return "; ".join(parts), certs


@entry(SOURCE, "Remark 4 on Example 1 (a): n_w0 is not in cone{normals at w1}, so the normal cone of F_p at u(mu) is {0} "
       "and u(mu) lies on no proper face", "face dimension 2, normal cone dimension 0, proper: no")
def face_case_a():
    f = example1_case("a").face
    return (f"face dimension {f.dimension}, normal cone dimension {f.cone_dimension}, proper: {'yes' if f.proper else 'no'}",
            [f.certificate])


@entry(SOURCE, "Remark 2 on Example 1 (a), (b), (c): |mu(w)| <= k = 2 in every state", "a: holds; b: holds; c: holds")
def state_bound_cases():
    parts, certs = [], []
    for case in "abc":
        r = example1_case(case)
        parts.append(f"{case}: {'holds' if all(b['within'] for b in r.state_bound.values()) else 'fails'}")
        certs.append(r.certificate)
    return "; ".join(parts), certs


@entry(SOURCE, "Proof of Proposition 7 (k = 3, two types each, t = 1): sum_w |mu(w)| >= 2|Omega| = 8 > k + |Omega| = 7; "
       "the ranking mechanism is DIC and inefficient", "actions 8 >= 8 > 7; DIC; inefficient")
def proposition_7():
    from ..peer_selection import dic_violations, ranking_mechanism

    inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    e = inst.efficiency()
    n = len(inst.game.states)
    dic = "DIC" if not dic_violations(inst.game, inst.outcome, inst.type_sets()) else "not DIC"
    return (f"actions {e.actions_taken} >= {2 * n} > {e.bound}; {dic}; {'efficient' if e.efficient else 'inefficient'}",
            [e.certificate])
# -- issue 21: all equilibria (Propositions 3-4), and ties against the sender (Section 3.1.2) ------


@entry(SOURCE, "Section 3.1.1 / Figure 2: at p = 0.5 babbling (a2, the receiver's best response to the prior, u_S = 0) "
       "and the influential equilibrium (u_S = 3) are both equilibria: the sender's equilibrium payoffs are [0, 3]",
       "[0, 3]")
def cheap_talk_payoff_set():
    from ..cheaptalk_payoffs import equilibrium_payoff_set

    ps = equilibrium_payoff_set(example1_game(), ["1/2", "1/2"])
    return f"[{fmt(ps.sender_low)}, {fmt(ps.sender_high)}]", [ps.low, ps.high]


def _efficient_listed(p: str) -> tuple[str, list]:
    from ..cheaptalk_mixed import mixed_equilibria

    eqs = mixed_equilibria(example1_game(), [1 - Fraction(p), Fraction(p)], max_messages=2)
    good = [e for e in eqs if e.efficient]
    text = "; ".join(("babbling " + ", ".join(sorted({a for d in e.outcome.values() for a in d})) if e.pure and
                      len({a for d in e.outcome.values() for a in d}) == 1 else "other") for e in good) or "none"
    certs = [c for e in eqs for c in (e.certificate, e.efficiency_certificate) if c is not None]
    return text, certs


@entry(SOURCE, "Propositions 3-4 over every extreme equilibrium with up to two messages (mixed ones included): "
       "efficient iff a* = a1 with certainty, and then pure (p = 0.3: babbling a1; p = 0.5: none)",
       "p = 3/10: babbling a1; p = 1/2: none")
def cheap_talk_all_equilibria():
    a, ca = _efficient_listed("3/10")
    b, cb = _efficient_listed("1/2")
    return f"p = 3/10: {a}; p = 1/2: {b}", ca + cb


@entry(SOURCE, "Section 3.1.2 ('ties are broken in favor of the sender'): with receiver-worst ties the limit outcomes "
       "at p = 0.10, 0.30, 0.70 are still outcomes (a), (b), (c), with the same value",
       "w0: a0, a1; w1: a1 | w0: a1; w1: a1 | w0: a1; w1: a1, a4")
def bp_receiver_worst():
    from ..persuasion import persuade
    from ..persuasion.adversarial import persuade_adversarial

    texts, certs = [], []
    for case in ("a", "b", "c"):
        prior, _ = CASES[case]
        r = persuade_adversarial(example1_game(), prior)
        if r.value != persuade(example1_game(), prior).value:  # pragma: no cover - the item's claim
            return "the value differs", []
        texts.append("; ".join(f"{w}: {', '.join(sorted(d))}" for w, d in r.outcome.items()))
        certs.append(r.lp.certificate)
    return " | ".join(texts), certs
