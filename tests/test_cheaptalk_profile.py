"""Checking a given cheap-talk profile (issue 21): Definition 5 of 000, both verdicts proved and
re-checked by the independent checker, and tampered documents refused."""

import copy
import json

import pytest

from exactgame.check import check_document
from exactgame.check.core import CheckFailure
from exactgame.cheaptalk_profile import profile_report, read_profile
from exactgame.cli import main
from exactgame.errors import InputError
from exactgame.games import SenderReceiverGame

# the receiver's action d is strictly dominated: no belief supports it
GAME = SenderReceiverGame(["w0", "w1"], ["a", "b", "d"], ["1/2", "1/2"],
                          sender={"w0": [1, 0, -5], "w1": [0, 1, -5]}, receiver={"w0": [1, 0, -1], "w1": [0, 1, -1]})
SEPARATING = ({"w0": {"m0": 1}, "w1": {"m1": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}})


def _doc(sigma, tau, prior=None):
    return json.loads(json.dumps(profile_report(GAME, sigma, tau, prior).document()))


def test_an_equilibrium_is_proved_by_its_beliefs_and_tampering_is_caught():
    doc = _doc(*SEPARATING)
    assert doc["is_equilibrium"] is True and doc["beliefs"] == {"m0": ["1", "0"], "m1": ["0", "1"]}
    assert "is_equilibrium" in check_document(doc).proved
    for path, value in ((("is_equilibrium",), False), (("beliefs", "m0"), ["1/2", "1/2"]),
                        (("profile", "tau", "m0"), {"b": "1"}), (("prior",), ["1/3", "2/3"])):
        bad = copy.deepcopy(doc)
        t = bad
        for k in path[:-1]:
            t = t[k]
        t[path[-1]] = value
        with pytest.raises(CheckFailure):
            check_document(bad)


def test_a_sender_deviation_on_path_is_recomputed_by_the_checker():
    doc = _doc({"w0": {"m0": 1}, "w1": {"m0": 1}}, {"m0": {"a": 1}, "m1": {"b": 1}})
    assert doc["is_equilibrium"] is False and doc["violations"][0].startswith("sender (17), state w1")
    check_document(doc)
    doc["is_equilibrium"] = True
    with pytest.raises(CheckFailure, match="fails on path"):
        check_document(doc)


def test_an_unsupportable_off_path_response_is_refuted_by_a_farkas_vector():
    sigma, tau = SEPARATING
    doc = _doc(sigma, {**tau, "m2": {"d": 1}})     # m2 is never sent; d is a best response to no belief
    assert doc["is_equilibrium"] is False and "off-path message m2" in doc["violations"][0]
    ref = doc["certificates"]["refutations"]["m2"]
    assert ref["y0"].startswith("-")
    check_document(doc)
    for change in ({"y0": "0"}, {"rows": []}):
        bad = copy.deepcopy(doc)
        bad["certificates"]["refutations"]["m2"].update(change)
        with pytest.raises(CheckFailure, match="no violated condition is proved"):
            check_document(bad)
    with pytest.raises(CheckFailure):        # an equilibrium does not become a refuted one
        good = _doc(*SEPARATING)
        good["is_equilibrium"] = False
        good["certificates"] = {"refutations": {}}
        check_document(good)


def test_bad_profiles_get_messages(tmp_path, capsys):
    with pytest.raises(InputError, match="sigma"):
        read_profile({"sigma": [], "tau": {}})
    with pytest.raises(InputError):
        profile_report(GAME, {"w0": {"m0": "1/2"}, "w1": {"m1": 1}}, SEPARATING[1])      # not a distribution
    f = tmp_path / "p.toml"
    f.write_text('[sigma]\nw0 = { m0 = 1 }\nw1 = { m9 = 1 }\n[tau]\nm0 = { a1 = 1 }\n')
    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--profile", str(f)]) == 2
    err = capsys.readouterr().err
    assert "m9" in err and "Traceback" not in err
    assert main(["cheaptalk", "examples/efficiency_example1.toml", "--profile", "examples/cheaptalk_profile_babbling.toml",
                 "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["is_equilibrium"] is True and check_document(doc).proved
