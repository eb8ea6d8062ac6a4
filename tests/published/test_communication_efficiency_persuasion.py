"""Section 3.1.2 of 000_2cf035f6c25283ea.txt: BP outcomes of Example 1 and the efficiency region."""

from fractions import Fraction

from exactgame.persuasion import persuade
from exactgame.persuasion.regions import efficiency_region
from exactgame.reproduce.communication_efficiency import CASES, example1_game

F = Fraction


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
