"""Mixed cheap-talk equilibria with a state-dependent sender (exactgame.cheaptalk_mixed)."""

import random
from fractions import Fraction

import pytest

from exactgame.cheaptalk import pure_equilibria
from exactgame.cheaptalk_mixed import MAX_ACTIONS, mixed_equilibria, mixed_report
from exactgame.cheaptalk_payoffs import equilibrium_payoff_set
from exactgame.check import CheckFailure, check_document
from exactgame.errors import InputError, TooLargeError
from exactgame.games import SenderReceiverGame
from exactgame.persuasion.value import example1_sr

F = Fraction


def _random_game(rng, n, m, generic=True, independent=False):
    def u():
        return F(rng.randint(0, 1000), rng.randint(1, 97)) if generic else rng.randint(0, 3)
    row = [u() for _ in range(m)]
    return SenderReceiverGame([f"w{i}" for i in range(n)], [f"a{j}" for j in range(m)], [F(1, n)] * n,
                              sender={f"w{i}": (row if independent else [u() for _ in range(m)]) for i in range(n)},
                              receiver={f"w{i}": [u() for _ in range(m)] for i in range(n)})


def _pure_outcomes(eqs):
    return {tuple(sorted((w, next(iter(d))) for w, d in e.outcome.items())) for e in eqs if e.pure}


@pytest.mark.parametrize("seed", range(12))
def test_pure_ones_are_exactly_the_partitional_equilibria(seed):
    rng = random.Random(seed)
    n = rng.randint(2, 3)
    g = _random_game(rng, n, 3 if n == 2 else 2, generic=seed % 2 == 0)
    listed = mixed_equilibria(g)
    partitional = {tuple(sorted((w, a) for block, a in zip(e.blocks, e.actions) for w in block)) for e in pure_equilibria(g)}
    assert _pure_outcomes(listed) == partitional
    for e in listed:
        assert e.certificate.verify()


@pytest.mark.parametrize("seed", range(8))
def test_generic_games_satisfy_proposition_3(seed):
    rng = random.Random(100 + seed)
    g = _random_game(rng, 2, 3)
    eqs = mixed_equilibria(g)
    assert all(e.pure for e in eqs if e.efficient)
    assert any(not e.pure for e in eqs) or True   # mixed ones need not exist; the verdict is what is tested
    assert mixed_report(g).document()["proposition_3"] is True


def test_non_generic_game_violates_proposition_3():
    """In w0 actions b and c pay both players the same (eqs. (20)-(21) hold: the knife edge the proof of
    Proposition 3 excludes); an extreme equilibrium mixes them there and is efficient (found by a search
    over 0-2 payoffs)."""
    g = SenderReceiverGame(["w0", "w1"], ["a", "b", "c"], ["1/2", "1/2"],
                           sender={"w0": [1, 1, 1], "w1": [0, 0, 2]}, receiver={"w0": [0, 2, 2], "w1": [1, 0, 0]})
    r = mixed_report(g, max_messages=2)
    d = r.document()
    assert d["proposition_3"] is False and any(e["efficient"] and not e["pure"] for e in d["equilibria"])
    assert r.verify()


def test_transparent_motives_payoffs_lie_in_the_payoff_set():
    """Cross-check with the set of equilibrium payoffs (state-independent sender): every listed payoff is inside."""
    rng = random.Random(5)
    for _ in range(6):
        g = _random_game(rng, 2, 3, generic=False, independent=True)
        ps = equilibrium_payoff_set(g)
        eqs = mixed_equilibria(g)
        assert all(ps.sender_low <= e.sender_payoff <= ps.sender_high for e in eqs)
    eqs = mixed_equilibria(example1_sr(), ["1/2", "1/2"])
    assert max(e.sender_payoff for e in eqs) == 3 and min(e.sender_payoff for e in eqs) == 0   # Figure 2's [0, 3]


def test_example1_prior_3_10():
    """Example 1 at p = 0.3 (000, case (b)): babbling on a1 is the only efficient equilibrium listed, and it is pure."""
    eqs = mixed_equilibria(example1_sr(), ["7/10", "3/10"])
    eff = [e for e in eqs if e.efficient]
    assert len(eff) == 1 and eff[0].pure and eff[0].sender_payoff == 10


def test_limits():
    g = SenderReceiverGame(["w"], [f"a{j}" for j in range(MAX_ACTIONS + 1)], ["1"],
                           sender={"w": list(range(MAX_ACTIONS + 1))}, receiver={"w": list(range(MAX_ACTIONS + 1))})
    with pytest.raises(TooLargeError, match="actions"):
        mixed_equilibria(g)
    with pytest.raises(InputError, match="--messages"):
        mixed_equilibria(example1_sr(), max_messages=0)
    with pytest.raises(TooLargeError, match="--messages"):
        mixed_equilibria(SenderReceiverGame(["x", "y", "z"], list("abcde"), ["1/3", "1/3", "1/3"],
                                            sender={w: [0, 1, 2, 3, 4] for w in "xyz"},
                                            receiver={w: [1, 1, 1, 1, 1] for w in "xyz"}), max_messages=3)


def _doc():
    return mixed_report(example1_sr(), ["7/10", "3/10"]).document()


@pytest.mark.parametrize("path,value", [
    (("equilibria", 0, "sender_payoff"), "9"),
    (("equilibria", 1, "receiver_payoff"), "7"),
    (("equilibria", 1, "pure"), True),
    (("equilibria", 1, "efficient"), True),
    (("equilibria", 0, "efficient"), False),
    (("proposition_3",), False),
    (("max_messages",), 3),
])
def test_tampered_mixed_document_is_rejected(path, value):
    doc = _doc()
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    with pytest.raises(CheckFailure):
        check_document(doc)


def test_tampered_mixed_certificate_is_rejected():
    doc = _doc()
    cert = doc["certificates"]["equilibria"][1]["equilibrium"]
    m = next(m for m, d in cert["tau"].items() if len(d) > 1)     # a mixed response: make it pure
    a = next(iter(cert["tau"][m]))
    doc["equilibria"][1]["tau"][m] = cert["tau"][m] = {a: "1"}
    with pytest.raises(CheckFailure):
        check_document(doc)


def test_cli_mixed(capsys):
    from exactgame.cli import main

    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--mixed", "--messages", "1"]) == 0
    assert "at most 1 messages" in capsys.readouterr().out
    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--messages", "1"]) == 2
    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--mixed", "--pure"]) == 2


def test_dropping_the_counterexample_cannot_certify_proposition_3():
    """Found by a review: 'proposition_3: true' speaks of every equilibrium, so it rests on the
    (unchecked) completeness of the list. Deleting the non-pure efficient equilibrium used to turn the
    verdict into a certified 'true'; now 'true' must be conditional, and a 'certified' label is refused."""
    import copy

    from exactgame.check import check_document
    from exactgame.check.core import CheckFailure

    g = SenderReceiverGame(["w0", "w1"], ["a", "b", "c"], ["1/2", "1/2"],
                           sender={"w0": [1, 1, 1], "w1": [0, 0, 2]}, receiver={"w0": [0, 2, 2], "w1": [1, 0, 0]})
    d = mixed_report(g, max_messages=2).document()
    assert d["claims"]["proposition_3"]["status"] == "certified"   # false: a listed counterexample proves it
    keep = [i for i, e in enumerate(d["equilibria"]) if not (e["efficient"] and not e["pure"])]
    bad = copy.deepcopy(d)
    bad["equilibria"] = [d["equilibria"][i] for i in keep]
    bad["certificates"]["equilibria"] = [d["certificates"]["equilibria"][i] for i in keep]
    bad["proposition_3"] = True
    with pytest.raises(CheckFailure, match="certified"):
        check_document(bad)
    bad["claims"]["proposition_3"]["status"] = "conditional"
    check_document(bad)   # as a conditional claim it is what the truncated list supports, no more
    good = mixed_report(SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"], sender={"w0": [1, 0], "w1": [0, 1]},
                                           receiver={"w0": [1, 0], "w1": [0, 1]})).document()
    assert good["proposition_3"] is True and good["claims"]["proposition_3"]["status"] == "conditional"
