"""Bare certificates: malformed ones are rejected cleanly (exit 1 or 2, one line), never a crash."""

from __future__ import annotations

import json

import pytest

from exactgame.cli import main
from exactgame.geometry.lp import solve_lp

GOOD = solve_lp([1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True).certificate.to_dict()


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("x"), lambda d: d.update(x=None), lambda d: d.update(x="1/2"), lambda d: d.update(y_ub=[["1"]]),
    lambda d: d.update(problem=[]), lambda d: d["problem"].update(c={"a": 1}), lambda d: d["problem"].update(A_ub=[[1]]),
    lambda d: d.update(x=["1/0", "1"]), lambda d: d.update(certificate=["lp-optimal"]),
])
def test_malformed_bare_certificate(tmp_path, capsys, damage):
    d = json.loads(json.dumps(GOOD))
    damage(d)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(d))
    code = main(["verify", str(path)])
    out, err = capsys.readouterr()
    assert code in (1, 2) and "Traceback" not in err and "internal error" not in err
    assert code == 1 or err.count("\n") == 1


def test_good_bare_certificate_says_it_is_bound_to_no_game(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(GOOD))
    assert main(["verify", str(path)]) == 0
    assert "bound to no game" in capsys.readouterr().out
