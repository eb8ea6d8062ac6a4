from fractions import Fraction

import pytest

from exactgame.errors import InputError, TooLargeError
from exactgame.games import Game, SenderReceiverGame, load_game, loads_game

GOOD = """
kind = "game"
states = ["w0", "w1"]
prior = ["1/2", "1/2"]
players = ["A", "B", "C"]
profiles = ["x", "y", "z"]
[payoffs.w0]
x = [1, 0, 2]
y = ["1/2", 3, 0]
z = [0, 0, 5]
[payoffs.w1]
x = [0, 1, 1]
y = [2, 2, 2]
z = [1, 0, 0]
[outcome]
w0 = { x = 1 }
w1 = { y = "1/3", z = "2/3" }
"""


def test_game_kind():
    g = loads_game(GOOD)
    assert isinstance(g, Game) and g.k == 3
    assert g.payoffs["w0"]["y"] == (Fraction(1, 2), 3, 0)
    assert g.outcome.support("w1") == ("y", "z")
    assert g.payoff(g.outcome) == (Fraction(1, 2) + Fraction(1, 2) * Fraction(4, 3), Fraction(1, 3), 1 + Fraction(1, 3))
    assert g.feasible_set_at().dim == 3


def test_json_same_structure(tmp_path):
    path = tmp_path / "g.json"
    path.write_text('{"kind": "sender-receiver", "states": ["a", "b"], "actions": ["x", "y"], "prior": [0.25, "3/4"],'
                    ' "payoffs": {"sender": {"a": [1, 0], "b": [0, 1]}, "receiver": {"a": [1, 0], "b": [0, 6.4]}}}')
    g = load_game(path)
    assert isinstance(g, SenderReceiverGame) and g.prior == (Fraction(1, 4), Fraction(3, 4))
    assert g.receiver["b"][1] == Fraction(32, 5)


def test_python_constructors_take_the_same_data():
    g = SenderReceiverGame(["a", "b"], ["x", "y"], ["1/4", "3/4"], sender={"a": [1, 0], "b": [0, 1]},
                           receiver={"a": [1, 0], "b": [0, "32/5"]}, outcome={"a": {"x": 1}, "b": {"y": 1}})
    assert g.as_game().payoff(g.outcome) == (1, Fraction(3, 4) * Fraction(32, 5) + Fraction(1, 4))


BAD = {
    "prior sum": (GOOD.replace('prior = ["1/2", "1/2"]', 'prior = ["1/2", "1/3"]'), "sum to 5/6"),
    "negative prob": (GOOD.replace('prior = ["1/2", "1/2"]', 'prior = ["3/2", "-1/2"]'), "negative"),
    "row length": (GOOD.replace("x = [1, 0, 2]", "x = [1, 0]"), "payoffs.w0.x"),
    "unknown action": (GOOD.replace("w0 = { x = 1 }", "w0 = { q = 1 }"), "unknown action 'q'"),
    "zero denominator": (GOOD.replace('y = ["1/2", 3, 0]', 'y = ["1/0", 3, 0]'), "zero denominator"),
    "nan": (GOOD.replace("z = [0, 0, 5]", "z = [0, 0, nan]"), "not a finite number"),
    "inf": (GOOD.replace("z = [0, 0, 5]", "z = [0, 0, inf]"), "not a finite number"),
    "text number": (GOOD.replace("z = [0, 0, 5]", 'z = [0, 0, "five"]'), "is not a number"),
    "python code": (GOOD.replace("z = [0, 0, 5]", 'z = [0, 0, "__import__(\'os\').system(\'true\')"]'), "is not a number"),
    "huge exponent": (GOOD.replace("z = [0, 0, 5]", "z = [0, 0, 1e999999999]"), "too large"),
    "duplicate names": (GOOD.replace('states = ["w0", "w1"]', 'states = ["w0", "w0"]'), "repeated"),
    "unknown kind": (GOOD.replace('kind = "game"', 'kind = "poker"'), "unknown kind"),
    "missing key": (GOOD.replace('players = ["A", "B", "C"]', ""), "'players'"),
    "typo key": (GOOD.replace("prior =", "priors ="), "unknown key"),
    "bool": (GOOD.replace("z = [0, 0, 5]", "z = [0, 0, true]"), "boolean"),
    "outcome sum": (GOOD.replace('w1 = { y = "1/3", z = "2/3" }', 'w1 = { y = "1/3" }'), "sum to 1/3"),
    "not toml": ("this is not [a game", "not valid TOML"),
    "empty": ("   \n", "empty"),
    "list document": ("[1, 2]", "not valid TOML"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_give_one_clear_message(tmp_path, name):
    text, needle = BAD[name]
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError) as exc:
        load_game(path)
    msg = str(exc.value)
    assert needle in msg and str(path) in msg and "\n" not in msg


def test_binary_and_missing_files(tmp_path):
    junk = tmp_path / "junk.toml"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        load_game(junk)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b"kind = '\xe9'")
    with pytest.raises(InputError, match="UTF-8"):
        load_game(latin)
    with pytest.raises(InputError, match="cannot read"):
        load_game(tmp_path / "nope.toml")


def test_json_constants_refused():
    with pytest.raises(InputError, match="finite"):
        loads_game('{"kind": "game", "prior": [NaN]}')
    with pytest.raises(InputError, match="too large"):
        loads_game('{"kind": "game", "prior": [1e999999999]}')


def test_enormous_game_refused():
    with pytest.raises(TooLargeError, match="limit"):
        Game(["w"], [1], ["A", "B"], [f"a{i}" for i in range(1_100_000)], {"w": {}})
