"""Published numbers of 000_2cf035f6c25283ea.txt (Arieli, Babichenko, Jain, Smorodinsky 2025).

Section 2 (Example 1, Figure 1), Section 3.1.1 (cheap talk, Figure 2, Proposition 4), Section 3.1.2
(Bayesian persuasion, Figure 3, Propositions 5-6). Each test cites the item it reproduces.
"""

from fractions import Fraction

import pytest

from exactgame.cheaptalk import best_equilibrium
from exactgame.efficiency import DominatedCertificate, EfficientCertificate, efficiency
from exactgame.geometry.hullcert import hull_certificate
from exactgame.persuasion import persuade
from exactgame.persuasion.buyer_seller import threshold_bound, threshold_environment
from exactgame.persuasion.regions import efficiency_region
from exactgame.reproduce import entries
from exactgame.reproduce.communication_efficiency import CASES, SOURCE, example1, example1_case, example1_game
from exactgame.reproduce.registry import run_entry

F = Fraction


def test_example1_payoff_table_read_exactly():
    """Example 1's table: 6.4 is 32/5, not a binary float."""
    g = example1()
    assert g.payoffs["w0"]["a2"] == (0, F(32, 5)) and g.payoffs["w1"]["a4"] == (1, 9)


def test_example1_F_w0_vertices_and_interior_point():
    """Example 1 / Figure 1: F_w0 has vertices (0, 32/5), (1, 0), (2, 9), (10, 8); (3, 4) is interior."""
    g = example1()
    F0 = g.feasible_set("w0")
    assert F0.vertices == ((0, F(32, 5)), (1, 0), (2, 9), (10, 8))
    assert F0.in_relative_interior((3, 4))
    assert hull_certificate(F0, [g.payoff_points("w0")]).verify()


def test_example1_F_w1_all_five_vertices():
    """Example 1 / Figure 1: every payoff vector of state w1 is a vertex of F_w1."""
    g = example1()
    F1 = g.feasible_set("w1")
    assert set(F1.vertices) == set(g.payoff_points("w1"))
    assert hull_certificate(F1, [g.payoff_points("w1")]).verify()


def test_example1_F_p_is_the_weighted_sum():
    """eq. (5): F_p = (1 - p) F_w0 + p F_w1; at every normal the support adds up (eq. (6))."""
    g = example1()
    for p in (F(1, 10), F(3, 10), F(7, 10)):
        Fp = g.feasible_set_at([1 - p, p])
        for n in [(1, 0), (0, 1), (1, 1), (2, 1), (1, 5)]:
            assert Fp.support(n)[0] == (1 - p) * g.feasible_set("w0").support(n)[0] + p * g.feasible_set("w1").support(n)[0]


def test_catalogue_entries_of_this_paper_pass():
    es = entries(SOURCE)
    assert len(es) >= 3
    for e in es:
        outcome = run_entry(e)
        assert outcome.verified and outcome.ok, (e.item, outcome.computed, outcome.error)


def test_case_a_ex_post_efficient_not_compatible():
    """(a) p = 0.10: 'ex-post efficient in both states but not compatible'; n_w0 not in cone{normals at w1}."""
    r = example1_case("a")
    assert r.ex_post_efficient == {"w0": True, "w1": True}
    assert not r.compatible and not r.efficient
    assert r.normal_cones["w0"].rays == ((1, 8),)
    assert r.normal_cones["w1"].rays == ((1, -2), (4, 7))
    assert not r.normal_cones["w1"].contains((1, 8))
    cert = r.certificate
    assert isinstance(cert, DominatedCertificate) and cert.verify()
    assert all(b >= a for a, b in zip(cert.payoff, cert.better_payoff)) and cert.better_payoff != cert.payoff


def test_case_b_efficient():
    """(b) p = 0.30: 'ex-post efficient in both states and compatible', Pareto efficient."""
    r = example1_case("b")
    assert r.efficient and r.compatible and all(r.ex_post_efficient.values())
    assert isinstance(r.certificate, EfficientCertificate) and all(x > 0 for x in r.certificate.normal)
    assert r.certificate.verify() and r.cls == "pure"


def test_case_c_not_ex_post_efficient_in_w1():
    """(c) p = 0.70: 'not ex-post efficient in state w1'; the certificate gives a dominating outcome."""
    r = example1_case("c")
    assert r.ex_post_efficient == {"w0": True, "w1": False} and not r.efficient
    assert isinstance(r.ex_post_certificates["w1"], DominatedCertificate)
    assert r.certificate.verify() and r.ex_post_certificates["w1"].verify()


def test_quasi_pure_yet_inefficient():
    """Discussion after Remark 4: (a) and (c) are quasi-pure (within the bound) yet inefficient."""
    for case in "ac":
        r = example1_case(case)
        assert r.cls == "quasi-pure" and r.within_bound and not r.efficient


def test_bp_outcomes_are_cases_a_b_c():
    """'The outcomes in Example 1 correspond precisely to the BP outcomes for the respective priors.'"""
    for case, (prior, outcome) in CASES.items():
        r = persuade(example1_game(), prior)
        assert r.verify()
        assert {w: dict(d) for w, d in r.outcome.items()} == {w: {a: F(q) for a, q in d.items()} for w, d in outcome.items()}
        assert r.value == r.envelope.value  # E[u_S] under mu*_p = Cav V(p)


def test_efficiency_region_is_one_fifth_to_two_fifths():
    """'the BP outcome is efficient for p in [0.2, 0.4] and inefficient for p in (0, 0.2) U (0.4, 1)'."""
    region = efficiency_region(example1_game())
    assert region.verify()
    assert region.intervals() == [(F(1, 5), F(2, 5), True, True)]
    assert region.interval_text() == "[1/5, 2/5]"


@pytest.mark.parametrize("n", [2, 3])
def test_proposition_5_bp_inefficient_in_r_star(n):
    """For priors in int R* the BP outcome is mixed (violating Theorem 1) and inefficient."""
    env = threshold_environment(list(range(1, n + 1)), "3/5")
    assert len(env.pair_regions) == n * (n - 1) // 2
    for R in env.pair_regions.values():
        assert R.dim == n  # full-dimensional, as the proof shows
        p = R.centroid
        assert env.in_r_star_interior(p)
        bp = persuade(env.game, p)
        e = efficiency(env.game, bp.outcome, p)
        assert e.cls == "mixed" and not e.within_bound and not e.efficient
        assert isinstance(e.certificate, DominatedCertificate) and e.certificate.verify()
        # the BP posteriors avoid the vertices w_i, i != 0 (the proof's key step)
        for a, (_, q) in bp.posteriors.items():
            assert not any(q == tuple(F(int(k == i)) for k in range(n + 1)) for i in range(1, n + 1))


def test_figure_4_posteriors_are_outer_points():
    """n = 2: the BP posteriors lie in Out(P) (Lipnowski-Mathevet), e.g. {w0, o10, o20}."""
    env = threshold_environment([1, 2], "3/5", prior=["3/5", "1/5", "1/5"])
    bp = persuade(env.game)
    assert {q for _, q in bp.posteriors.values()} <= set(env.outer_points())


def test_outer_points_and_halfspaces_threshold_case():
    T = F(3, 5)
    env = threshold_environment([1, 2, 3], T)
    assert env.outer[(1, 0)] == (1 - T, T, 0, 0) and env.outer[(2, 3)] == (0, 0, T, 1 - T)
    # R_0 = {p(w0) >= 1 - T}
    assert env.regions[0].contains((1 - T, T, 0, 0)) and not env.regions[0].contains((1 - T - F(1, 100), T + F(1, 100), 0, 0))


@pytest.mark.parametrize("prior", [["1/2", "1/4", "1/4"], ["1/3", "1/2", "1/6"], ["2/5", "1/5", "1/5", "1/5"]])
def test_proposition_6_threshold_bound(prior):
    """eq. (31): T_p < 1, and for every T in (T_p, 1) the prior is in int R* and the BP outcome is inefficient."""
    Tp = threshold_bound(prior)
    assert Tp < 1
    n = len(prior) - 1
    for T in (max(Tp, F(1, 2)) + (1 - max(Tp, F(1, 2))) / 3, (1 + Tp) / 2 if Tp >= F(1, 2) else F(3, 4)):
        env = threshold_environment(list(range(1, n + 1)), T, prior=prior)
        assert env.in_r_star_interior(prior)
        e = efficiency(env.game, persuade(env.game).outcome)
        assert not e.efficient and e.certificate.verify()


def test_influential_equilibrium_at_one_half():
    """'the influential equilibrium for prior p = 0.5 ... posterior beliefs q = 0.4 and q = 0.6 are induced';
    the sender randomizes between a1 and a2 at 0.4; quasicav V(1/2) = 3."""
    eq = best_equilibrium(example1_game(), ["1/2", "1/2"])
    assert eq.verify() and eq.sender_value == 3 and eq.influential
    by_q = {q[1]: eq.tau[f"m{k}"] for k, q in enumerate(eq.posteriors)}
    assert set(by_q) == {F(2, 5), F(3, 5)}
    assert set(by_q[F(2, 5)]) == {"a1", "a2"} and by_q[F(3, 5)] == {"a3": 1}
    assert not eq.efficiency.efficient  # Proposition 4: influential => inefficient
    assert eq.efficiency.ex_post_certificates["w0"].better["w0"] == {"a1": 1}  # both prefer a1 in w0


def test_babbling_with_a3_on_point_six_to_point_eight():
    """'given a prior p in [0.6, 0.8] ... the equilibrium is babbling, resulting in action a3 with certainty'."""
    for p in (F(3, 5), F(13, 20), F(7, 10), F(4, 5)):
        eq = best_equilibrium(example1_game(), [1 - p, p])
        assert not eq.influential and eq.sender_value == 3
        assert all(d == {"a3": 1} for d in eq.outcome.values())
        assert not eq.efficiency.ex_post_efficient["w0"]


def test_preferred_action_with_certainty_is_efficient():
    """Proposition 4 (<=): babbling with a* = a1 (p in [0.2, 0.4]) is efficient."""
    eq = best_equilibrium(example1_game(), ["7/10", "3/10"])
    assert eq.preferred_action == "a1" and eq.preferred_with_certainty and eq.efficiency.efficient


# -- Definition 1 on payoff vectors, Remarks 2 and 4, Proposition 7 (issue 21) ---------------------


def test_definition_1_on_the_payoff_vectors_of_example_1():
    """Example 1 / Figure 1: "The outcome is Pareto efficient in (b), but not in (a) and (c)" -- here as
    Definition 1 applied to the vector u(mu) in F_p, with a certificate of each verdict."""
    from exactgame.pareto import VectorDominatedCertificate, VectorEfficientCertificate, vector_efficiency

    verdicts = {}
    for case in "abc":
        r = example1_case(case)
        v = vector_efficiency(example1(), r.payoff, r.prior)
        assert v.certificate.verify()
        verdicts[case] = type(v.certificate)
    assert verdicts == {"a": VectorDominatedCertificate, "b": VectorEfficientCertificate, "c": VectorDominatedCertificate}


def test_remark_4_case_a_lies_on_no_proper_face():
    """Example 1 (a): "n_w0 does not belong to the normal cone spanned by n_w1 (upper) and n_w1 (lower)",
    so the normal cone of F_p at u(mu) is {0}: u(mu) is interior to F_p (Remark 4's face is F_p itself).
    Eq. (16) would give dimension 2 + 2 - 3 = 1: it is an upper bound (see exactgame.outcome_face)."""
    f = example1_case("a").face
    assert f.certificate.verify()
    assert (f.proper, f.dimension, f.cone_dimension, f.cone_dimension_bound) == (False, 2, 0, 1)


def test_remark_4_case_b_is_a_vertex():
    """Example 1 (b), Figure 1: u(mu) = (10, 34/5) is a vertex of F_p (the black node on the orange region)."""
    f = example1_case("b").face
    assert f.certificate.verify() and f.dimension == 0 and f.vertices == ((F(10), F(34, 5)),)


def test_remark_2_holds_in_example_1():
    """Remark 2: |mu(w)| <= k = 2 in every state for outcomes (a), (b), (c)."""
    for case in "abc":
        assert all(b["within"] for b in example1_case(case).state_bound.values())


def test_proof_of_proposition_7_counts():
    """Proof of Proposition 7: |mu(w)| >= 2 in every state, |Omega| >= 2^(k-1), so
    sum |mu(w)| >= 2|Omega| = 8 > k + |Omega| = 7 for k = 3; the mechanism is DIC (32) and inefficient."""
    from exactgame.peer_selection import dic_violations, ranking_mechanism

    inst = ranking_mechanism([["lo", "hi"], ["lo", "hi"]], [{"lo": "-1/3", "hi": "1/2"}, {"lo": "1/5", "hi": "3/4"}], t=1)
    e = inst.efficiency()
    assert inst.hypotheses_hold and e.actions_taken >= 2 * len(inst.game.states) == 8 > e.bound == 7
    assert dic_violations(inst.game, inst.outcome, inst.type_sets()) == [] and not e.efficient
    assert isinstance(e.certificate, DominatedCertificate) and e.certificate.verify()
# -- issue 21: every equilibrium, and ties against the sender ------------------------------------


def test_figure_2_payoff_set_at_one_half():
    """Section 3.1.1: 'a babbling equilibrium always exists, in which ... the receiver plays his best response to
    the prior' (a2 at p = 0.5, worth 0 to the sender) and Figure 2's influential equilibrium is worth quasicav V = 3:
    the sender's equilibrium payoffs at p = 0.5 are exactly [0, 3] (both ends certified)."""
    from exactgame.cheaptalk_payoffs import equilibrium_payoff_set, payoff_set_report

    ps = equilibrium_payoff_set(example1_game(), ["1/2", "1/2"])
    assert (ps.sender_low, ps.sender_high) == (0, 3) and ps.verify()
    assert payoff_set_report(example1_game(), ["1/2", "1/2"]).verify()


def test_babbling_region_payoff_sets():
    """'given a prior p in [0.6, 0.8] ... babbling, resulting in action a3': a3 is the sender's best there (3), and
    his worst equilibrium payoff is 1 (a4's 1 through posteriors 0.4 and 0.8), except at p = 0.6 itself, where a2
    ties with a3 and babbling on a2 gives 0."""
    from exactgame.cheaptalk_payoffs import equilibrium_payoff_set

    for p, low in ((F(3, 5), 0), (F(13, 20), 1), (F(7, 10), 1), (F(4, 5), 1)):
        ps = equilibrium_payoff_set(example1_game(), [1 - p, p])
        assert ps.sender_high == 3 and ps.sender_low == low


@pytest.mark.parametrize("p,efficient", [("3/10", 1), ("1/2", 0)])
def test_propositions_3_and_4_over_all_extreme_equilibria(p, efficient):
    """Proposition 4 ('efficient iff a* is induced with certainty') and Proposition 3 ('efficient only if pure')
    checked over every extreme equilibrium with up to two messages, mixed ones included (Example 1)."""
    from exactgame.cheaptalk_mixed import mixed_equilibria

    eqs = mixed_equilibria(example1_game(), [1 - F(p), F(p)], max_messages=2)
    assert any(not e.pure for e in eqs)
    good = [e for e in eqs if e.efficient]
    assert len(good) == efficient
    for e in good:
        assert e.pure and all(d == {"a1": 1} for d in e.outcome.values())


@pytest.mark.parametrize("case,attained", [("a", False), ("b", True), ("c", False)])
def test_bp_outcomes_with_receiver_worst_ties(case, attained):
    """Section 3.1.2 assumes 'ties are broken in favor of the sender'. With receiver-worst ties the supremum is
    the same and the limit outcome is still (a), (b), (c); (a) and (c) use a tied posterior (0.2: a0/a1; 0.8:
    a3/a4), so there the supremum is not attained, while (b) (a1 strictly best at 0.3) is."""
    from exactgame.persuasion.adversarial import adversarial_report, persuade_adversarial

    prior, _ = CASES[case]
    r = persuade_adversarial(example1_game(), prior)
    assert r.value == persuade(example1_game(), prior).value and r.attained is attained
    assert adversarial_report(example1_game(), prior).verify()
def test_a_prior_sweep_finds_the_bp_efficiency_region_of_figure_3():
    """000_2cf035f6c25283ea.txt, Section 3.1.2 (after Figure 3): "the BP outcome is efficient for
    p in [0.2, 0.4] and inefficient for p in (0, 0.2) u (0.4, 1)", found again point by point by
    `exactgame sweep persuade` over p(w1) = k/20 (a second route beside the catalogue's face-by-face
    efficiency_region): bp_efficient is certified at every interior point, null on the boundary."""
    import json as _json

    from exactgame.catalogue import load
    from exactgame.cli.sweep import run_cli_item
    from exactgame.research.sweep import prior_line, run_sweep

    text = _json.dumps(load("efficiency_example1").canonical())
    r = run_sweep(prior_line(["1", "0"], ["0", "1"], 20, text, ("persuade",)), run_cli_item)
    verdicts = {F(row["point"]["prior"][1]): row["results"]["persuade"]["values"]["bp_efficient"] for row in r.rows}
    assert verdicts[F(0)] is None and verdicts[F(1)] is None
    assert {p for p, v in verdicts.items() if v is True} == {F(k, 20) for k in range(4, 9)}
    assert all(v is False for p, v in verdicts.items() if 0 < p < 1 and not F(1, 5) <= p <= F(2, 5))
