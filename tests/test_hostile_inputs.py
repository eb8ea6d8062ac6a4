"""Hostile inputs get one clear line and exit 2 (issue 18, the findings fixed so far)."""

from __future__ import annotations

import os

import pytest

from exactgame.cli import main

EXAMPLE = "examples/efficiency_example1.toml"


def _err(capsys, *args):
    code = main(list(args))
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize("args, needle", [
    (["payoffs", "/dev/zero"], "not a regular file"),
    (["payoffs", "/dev/urandom"], "not a regular file"),
    (["payoffs", "."], "not a regular file"),
    (["efficiency", EXAMPLE, "--plot", "/no/such/folder/x.png"], "does not exist"),
    (["efficiency", EXAMPLE, "--plot", "figure.unknown"], "must end in one of"),
    (["payoffs", EXAMPLE, "--prior", "1e4000,1"], "--prior"),
])
def test_one_line_exit_2(capsys, args, needle):
    code, err = _err(capsys, *args)
    assert code == 2 and needle in err and err.count("\n") == 1 and len(err) < 700


def test_fifo_without_writer_does_not_block(tmp_path, capsys):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    code, err = _err(capsys, "payoffs", str(fifo))
    assert code == 2 and "not a regular file" in err


def test_kind_that_is_not_a_string(tmp_path, capsys):
    f = tmp_path / "k.toml"
    f.write_text('kind = ["game"]\n')
    for sub in ("payoffs", "persuade", "cheaptalk", "bargain", "dialogue", "acquisition", "efficiency"):
        code, err = _err(capsys, sub, str(f))
        assert code == 2 and "unknown kind" in err and err.count("\n") == 1


def test_newline_in_a_name_keeps_the_message_on_one_line(tmp_path, capsys):
    f = tmp_path / "n.toml"
    f.write_text('kind = "sender-receiver"\nstates = ["a\\nb", "a\\nb"]\nactions = ["x"]\nprior = [1, 0]\n'
                 '[payoffs.sender]\n[payoffs.receiver]\n')
    code, err = _err(capsys, "persuade", str(f))
    assert code == 2 and err.count("\n") == 1 and "\\n" in err


def test_probe_is_bounded(capsys):
    code, err = _err(capsys, "efficiency", EXAMPLE, "--probe", "100000")
    assert code == 2 and "5000" in err and err.count("\n") == 1


def test_cheap_talk_with_many_states_is_answered_by_the_cone_method(tmp_path, capsys):
    """12 states were refused up front (vertex enumeration of the receiver's cells); the cone
    method (exactgame/cheaptalk_cones.py, issue 25) answers them, certified."""
    n = 12
    rows = "\n".join(f"w{i} = [0, 1, 2]" for i in range(n))
    recv = "\n".join(f"w{i} = [{i % 3}, {(i + 1) % 3}, 1]" for i in range(n))
    f = tmp_path / "many.toml"
    f.write_text(f'kind = "sender-receiver"\nstates = [{", ".join(f"{chr(34)}w{i}{chr(34)}" for i in range(n))}]\n'
                 f'actions = ["a", "b", "c"]\nprior = [{", ".join(chr(34) + "1/12" + chr(34) for _ in range(n))}]\n'
                 f"[payoffs.sender]\n{rows}\n[payoffs.receiver]\n{recv}\n")
    import json

    from exactgame.check import check_document
    from exactgame.cli import main

    assert main(["cheaptalk", str(f), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    check_document(doc)
    assert doc["certificates"]["quasiconcave_envelope"]["level"] == doc["sender_value"]


def test_certifying_huge_3d_payoff_sets_is_refused_with_a_way_out():
    from fractions import Fraction

    import pytest as _pytest

    from exactgame.errors import TooLargeError
    from exactgame.geometry import Polytope
    from exactgame.geometry.hullcert import hull_certificate

    import exactgame.geometry.hull_fast as hull_fast

    pts = [(Fraction(i), Fraction(i * i), Fraction(i ** 3)) for i in range(40)]  # moment curve: all 40 are vertices
    # The guard is about cddlib's facet enumeration: when Qhull's proposal passes the exact check the
    # facets are cheap and a large vertex list is certified; when it fails (simulated here), refused.
    assert hull_certificate(Polytope.from_points(pts), [pts], max_vertices=10).verify()
    real = hull_fast.facets_fast
    hull_fast.facets_fast = lambda q: None
    try:
        P = Polytope.from_points(pts)
        with _pytest.raises(TooLargeError, match="--max-vertices"):
            hull_certificate(P, [pts], max_vertices=10)
        assert hull_certificate(P, [pts], max_vertices=40).verify()
    finally:
        hull_fast.facets_fast = real


def test_python_api_boundary_uses_exactgame_errors():
    from exactgame import Polytope, load_game, solve_lp
    from exactgame.errors import InputError
    from exactgame.games.files import loads_game

    for bad in (lambda: Polytope.from_points(None), lambda: load_game(None), lambda: load_game(3),
                lambda: Polytope.from_points([{1: 2}, (1, 2)]), lambda: solve_lp({1: 1}, A_ub=[[1]], b_ub=[1]),
                lambda: solve_lp([1], A_ub=[[1]], b_ub=[1], maximize="false"),
                lambda: Polytope.from_points([], ambient_dim=-1), lambda: loads_game(3)):
        with pytest.raises(InputError):
            bad()
    assert loads_game(b'kind = "game"\nstates = ["w"]\nprior = [1]\nplayers = ["A"]\nprofiles = ["x"]\n'
                      b'[payoffs.w]\nx = [1]\n').players == ("A",)
    assert "characters" in repr(Polytope.from_points([(10**5000,)]))


@pytest.mark.parametrize("prior, cost, values, needle", [
    (['"1e-400"', '"0.' + "9" * 400 + '"'], "1", ["0", "3"], "prior probability of 1e-400 is below 1e-9"),
    (['"1/2"', '"1/2"'], '"1e4000"', ["0", "3"], "values / cost = 3e-4000"),
    (['"1/2"', '"1/2"'], '"1e-400"', ["0", '"1e400"'], "values / cost = 1e800"),
])
def test_acquisition_extreme_scales_are_refused_without_floats(tmp_path, capsys, prior, cost, values, needle):
    """Issue 18: the guard itself used float(scale) (OverflowError), a prior of 1e-400 divided by a
    float zero, a cost of 1e4000 ran unbounded; now each is exit 2 with the size and the limit."""
    f = tmp_path / "a.toml"
    f.write_text(f'kind = "acquisition"\nstates = ["low", "high"]\nprior = [{", ".join(prior)}]\ncost = {cost}\n'
                 f'[values]\nbuyer = [{", ".join(values)}]\nseller = [-2, 1]\n')
    assert main(["acquisition", str(f)]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1 and len(err) < 400


def test_progress_reaches_a_reporter_only_inside_reporting():
    from exactgame.acquisition.edge import edge_supremum
    from exactgame.acquisition.revenue import Region
    from exactgame.games import load_game
    from exactgame.progress import reporting

    seen = []
    g = load_game("examples/acquisition_certainty_limit.toml")
    with reporting(lambda what, done, total: seen.append((what, done, total))):
        edge_supremum(Region.of(g, False))
    assert seen and all(done <= total for _, done, total in seen)
    seen.clear()
    edge_supremum(Region.of(g, False))
    assert not seen


def test_dialogue_rounds_report_progress_within_a_round():
    """Issue 18: dialogue printed nothing for minutes inside a round; the sweep now ticks per grid line."""
    from exactgame.dialogue import alternate, spy_game
    from exactgame.progress import reporting

    seen = []
    with reporting(lambda what, done, total: seen.append((what, done, total))):
        alternate(spy_game(), 3)
    assert seen and all(0 <= done <= total for _, done, total in seen) and "dialogue" in seen[0][0]
