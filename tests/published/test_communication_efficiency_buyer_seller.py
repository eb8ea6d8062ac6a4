"""Propositions 5 and 6 of 000_2cf035f6c25283ea.txt (buyer-seller environments, Section 3.1.2)."""

from fractions import Fraction

import pytest

from exactgame.efficiency import DominatedCertificate, efficiency
from exactgame.persuasion import persuade
from exactgame.persuasion.buyer_seller import threshold_bound, threshold_environment

F = Fraction


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
