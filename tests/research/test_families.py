"""Game families (exactgame.research.families): every generated game is a game file that loads back
equal, the structure flags hold, sampling is deterministic, enumeration is exhaustive and guarded."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from exactgame.errors import InputError, TooLargeError
from exactgame.games import load_game, loads_game
from exactgame.research.families import (
    AcquisitionFamily, AcquisitionMechanismFamily, ActionTypeFamily, BargainingFamily, BilateralTradeFamily, BuyerSellerFamily, DialogueFamily,
    BuyerSellerFileFamily, CensorshipFamily, FixedFamily, GameFamily, MultiReceiverFamily, PeerSelectionFamily, Numbers, RandomChoices, SenderReceiverFamily, enumerate_family, game_text, sample, strategy,
    write_game,
)

FAMILIES = [
    SenderReceiverFamily(), SenderReceiverFamily(states=(2, 3), numbers=Numbers("fraction", bound=2, denominator=5)),
    SenderReceiverFamily(state_independent_sender=True), SenderReceiverFamily(zero_sum=True),
    SenderReceiverFamily(threshold_receiver=True, states=(2, 4)), GameFamily(players=(2, 4)),
    GameFamily(zero_sum=True), GameFamily(common_interest=True, numbers=Numbers("generic")), ActionTypeFamily(),
    BargainingFamily(disagreements=("no-information", "full-information")), BargainingFamily(state_independent=True),
    BilateralTradeFamily(costs=(1, 3), values=(1, 3)), MultiReceiverFamily(receivers=(1, 3)), AcquisitionFamily(states=(2, 3)),
    BuyerSellerFamily(), GameFamily(outcome=True), BuyerSellerFileFamily(), PeerSelectionFamily(), CensorshipFamily(),
    AcquisitionMechanismFamily(signals=(2, 3)), DialogueFamily(), DialogueFamily(zero_sum=True, bob_types=(2, 2)),
    DialogueFamily(common_interest=True, numbers=Numbers("fraction", bound=2, denominator=3)),
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: type(f).__name__)
def test_every_generated_game_is_a_file_that_loads_back_equal(family, tmp_path):
    for k, g in enumerate(sample(family, 15, seed=3)):
        assert loads_game(game_text(g)) == g
        assert load_game(write_game(g, str(tmp_path / f"g{k}.json"))).canonical() == g.canonical()


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: type(f).__name__)
def test_sampling_is_deterministic_given_the_seed(family):
    a, b, c = sample(family, 8, seed=11), sample(family, 8, seed=11), sample(family, 8, seed=12)
    assert [g.canonical() for g in a] == [g.canonical() for g in b]
    assert [g.canonical() for g in a] != [g.canonical() for g in c]


def test_sizes_numbers_and_priors_respect_the_family():
    fam = SenderReceiverFamily(states=(2, 3), actions=(3, 4), numbers=Numbers("fraction", bound=2, denominator=3),
                               prior_weight=4)
    for g in sample(fam, 40, seed=0):
        assert 2 <= len(g.states) <= 3 and 3 <= len(g.actions) <= 4
        entries = [x for who in (g.sender, g.receiver) for row in who.values() for x in row]
        assert all(abs(x) <= 2 and x.denominator <= 3 for x in entries)
        assert all(x > 0 for x in g.prior) and sum(g.prior) == 1
        weights = [x * max(q.denominator for q in g.prior) for x in g.prior]
        assert all(w.denominator == 1 for w in weights)
    assert all(x >= 0 for x in (Numbers("small-int", 5, nonnegative=True).draw(RandomChoices(s)) for s in range(50)))
    with pytest.raises(InputError, match="kind"):
        Numbers("floats")


def test_structure_flags_hold():
    for g in sample(SenderReceiverFamily(state_independent_sender=True, states=(2, 4)), 20, seed=1):
        assert len({tuple(g.sender[w]) for w in g.states}) == 1
    for g in sample(SenderReceiverFamily(zero_sum=True), 20, seed=1):
        assert all(s == -r for w in g.states for s, r in zip(g.sender[w], g.receiver[w]))
    for g in sample(SenderReceiverFamily(threshold_receiver=True, states=(2, 4), actions=(2, 4)), 30, seed=1):
        # supermodular receiver: u(w', a') - u(w', a) >= u(w, a') - u(w, a) for w' after w, a' after a
        for (i, w), (j, v) in itertools.combinations(enumerate(g.states), 2):
            for a, b in itertools.combinations(range(len(g.actions)), 2):
                assert g.receiver[v][b] - g.receiver[v][a] >= g.receiver[w][b] - g.receiver[w][a]
    for g in sample(GameFamily(zero_sum=True, players=(2, 4)), 20, seed=1):
        assert all(sum(v) == 0 for w in g.states for v in g.payoffs[w].values())
    for g in sample(GameFamily(common_interest=True, players=(2, 4)), 20, seed=1):
        assert all(len(set(v)) == 1 for w in g.states for v in g.payoffs[w].values())
    for g in sample(BargainingFamily(state_independent=True, states=(2, 3)), 20, seed=1):
        assert g.state_independent()
    from exactgame.persuasion.buyer_seller import threshold_bound

    for g in sample(BuyerSellerFamily(), 10, seed=1):      # T = 1 - u_R(w1, 1) lies above max(T_p, 1/2)
        assert max(threshold_bound(g.prior), F(1, 2)) < 1 - g.receiver["w1"][1] < 1
    for g in sample(GameFamily(outcome=True), 10, seed=1):
        assert all(sum(g.outcome.dist[w].values()) == 1 for w in g.states)
    for g in sample(ActionTypeFamily(types=(2, 3), actions=3), 10, seed=1):
        assert len(g.actions) == 3 and len(g.states) in (1, 8, 27)        # m^n type profiles (fewer if types repeat)


def test_enumeration_is_exhaustive_without_duplicates_and_guarded():
    fam = SenderReceiverFamily(states=(2, 2), actions=(2, 2), numbers=Numbers("small-int", bound=1, nonnegative=True),
                               prior_weight=1)
    games = list(enumerate_family(fam))
    texts = {json.dumps(g.canonical(), sort_keys=True) for g in games}
    assert len(games) == len(texts) == 2 ** 8          # 8 payoff entries in {0, 1}, uniform prior
    assert {g.sender["w0"][0] for g in games} == {F(0), F(1)}
    with pytest.raises(TooLargeError, match="more than 100 choice sequences"):
        list(enumerate_family(fam, limit=100))
    assert len(list(enumerate_family(FixedFamily(tuple(g.canonical() for g in games[:5]))))) == 5


@settings(max_examples=25, deadline=None)
@given(strategy(SenderReceiverFamily(states=(2, 3), numbers=Numbers("fraction"))))
def test_the_hypothesis_strategy_gives_loadable_games(g):
    assert loads_game(game_text(g)) == g and 2 <= len(g.states) <= 3


def test_dialogue_family_structure_and_the_point_engine_answers():
    """The general dialogue kind: zero-sum and common-interest flags hold; a generated game runs
    through ``dialogue`` (point engine, two rounds) and its document verifies."""
    from exactgame.dialogue import dialogue

    for flag, sign in (("zero_sum", -1), ("common_interest", 1)):
        for g in sample(DialogueFamily(**{flag: True}), 5, seed=1):
            assert all(y == sign * x for row in g.u.values() for x, y in row)
    g = sample(DialogueFamily(bob_types=(3, 3)), 1, seed=2)[0]
    assert len(g.bob_types) == 3
    assert dialogue(g, 2).verify()
