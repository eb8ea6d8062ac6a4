"""Published numbers of 000_2cf035f6c25283ea.txt (Arieli, Babichenko, Jain, Smorodinsky 2025)."""

from fractions import Fraction

from exactgame.geometry.hullcert import hull_certificate
from exactgame.reproduce import entries
from exactgame.reproduce.communication_efficiency import SOURCE, example1
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
