"""Sweeps and executors (exactgame.research.sweep, .executors, `exactgame sweep`): exact points, values
equal to the subcommands' own answers, resumable, identical on 1 and 2 workers and on a Dask
LocalCluster, every document re-checked by `exactgame verify` and tampering refused."""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction as F
from math import comb

import pytest

from exactgame.catalogue import load
from exactgame.cli import main
from exactgame.cli.sweep import run_cli_item
from exactgame.errors import InputError, TooLargeError
from exactgame.persuasion.report import persuasion_report
from exactgame.research.executors import ProgressBar, chunked, run_items
from exactgame.research.sweep import parameter_values, prior_grid, prior_line, run_sweep, scalar_values, set_parameter

EXAMPLE1 = json.dumps(load("efficiency_example1").canonical())


def _cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_points_are_exact_and_complete():
    line = prior_line(["1", "0"], ["0", "1"], 10, "{}", ("persuade",))
    assert [it.prior for it in line][9] == ("1/10", "9/10") and len(line) == 11
    assert all(sum(F(x) for x in it.prior) == 1 for it in line)
    for n, N in ((2, 5), (3, 4), (4, 3)):
        grid = prior_grid(n, N, "{}", ("persuade",))
        assert len(grid) == comb(N + n - 1, n - 1) == len({it.prior for it in grid})
        assert all(sum(F(x) for x in it.prior) == 1 and all(F(x) * N == int(F(x) * N) for x in it.prior) for it in grid)
        assert len(prior_grid(n, N, "{}", ("persuade",), interior=True)) == comb(N - 1, n - 1)
    with pytest.raises(InputError, match="distributions"):
        prior_line(["1", "0"], ["1", "1"], 3, "{}", ("persuade",))
    with pytest.raises(TooLargeError, match="limit"):
        prior_grid(12, 60, "{}", ("persuade",))
    assert set_parameter({"a": {"b": [1, 2]}}, "a.b.0", "7/2") == {"a": {"b": ["7/2", 2]}}
    with pytest.raises(InputError, match="does not name an entry"):
        set_parameter({"a": {"b": [1, 2]}}, "a.b.2", "1")


def test_rows_are_the_subcommands_own_answers():
    """Each row's persuade document is persuasion_report's at that prior (the CLI handler's output)."""
    r = run_sweep(prior_line(["1", "0"], ["0", "1"], 5, EXAMPLE1, ("persuade", "V")), run_cli_item)
    g = load("efficiency_example1")
    for row in r.rows:
        p = row["point"]["prior"]
        expected = persuasion_report(g, p).document()
        assert row["results"]["persuade"]["document"] == expected
        assert row["results"]["persuade"]["values"] == scalar_values(expected)
        assert row["results"]["persuade"]["decimals"]["value"] == float(F(expected["value"]))
    assert r.series("persuade", "cav_value")[2] == F(10)          # Figure 3: Cav V(3/5, 2/5) = 10
    assert r.series("V", "V")[3] == F(3)                         # V(2/5, 3/5) = 3: the receiver's a3


def _files(prefix):
    return open(f"{prefix}.jsonl").read(), open(f"{prefix}.csv").read()


def test_a_rerun_resumes_and_gives_the_same_files(tmp_path):
    items = prior_line(["1", "0"], ["0", "1"], 6, EXAMPLE1, ("persuade",))
    full = str(tmp_path / "full")
    run_sweep(items, run_cli_item, out=full)
    part = str(tmp_path / "part")
    lines = open(f"{full}.jsonl").read().splitlines()
    with open(f"{part}.jsonl", "w") as fh:            # interrupted: 3 rows done, a 4th half written
        fh.write("\n".join(lines[:3]) + "\n" + lines[3][:50])
    r = run_sweep(items, run_cli_item, out=part)
    assert (r.computed, r.reused) == (4, 3)
    assert _files(part) == _files(full)
    again = run_sweep(items, run_cli_item, out=part)
    assert (again.computed, again.reused) == (0, 7) and _files(part) == _files(full)


def test_the_same_results_on_one_and_two_workers(tmp_path):
    items = prior_line(["1", "0"], ["0", "1"], 8, EXAMPLE1, ("persuade", "cheaptalk"))
    a = run_sweep(items, run_cli_item, out=str(tmp_path / "one"))
    b = run_sweep(items, run_cli_item, out=str(tmp_path / "two"), workers=2)
    assert a.rows == b.rows and _files(str(tmp_path / "one")) == _files(str(tmp_path / "two"))


def test_a_dask_local_cluster_gives_the_local_results():
    distributed = pytest.importorskip("distributed")
    items = prior_line(["1", "0"], ["0", "1"], 6, EXAMPLE1, ("persuade",))
    local = run_sweep(items, run_cli_item)
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as cluster:
        remote = run_sweep(items, run_cli_item, scheduler=cluster.scheduler_address)
    assert remote.rows == local.rows


def test_executors():
    assert sorted(run_items(abs, list(range(-5, 5)), workers=2)) == [(k, abs(k - 5)) for k in range(10)]
    assert [x for c in chunked(103, 3) for x in c] == list(range(103))
    with pytest.raises(InputError, match="--workers"):
        run_items(abs, [1], workers=0)
    seen = []
    list(run_items(abs, [1, 2, 3], progress=lambda d, t: seen.append((d, t))))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    s = io.StringIO()
    bar = ProgressBar("x", delay=60, stream=s)
    bar("items", 1, 2)
    bar.close()
    assert s.getvalue() == ""                      # short runs draw nothing


def test_cli_sweep_json_verify_and_tampering(tmp_path):
    out = str(tmp_path / "s")
    code, text, _ = _cli("sweep", "persuade,cheaptalk,V", "examples/efficiency_example1.toml", "--prior-line", "1,0:0,1:4",
                         "--out", out, "--plot", str(tmp_path / "s.png"), "--json")
    doc = json.loads(text)
    assert code == 0 and doc["sweep"]["points"] == 5 and (tmp_path / "s.png").stat().st_size > 0
    header = open(f"{out}.csv").readline().strip().split(",")
    assert header[:4] == ["index", "prior", "t", "persuade.status"] and "persuade.value_decimal" in header
    (tmp_path / "s.json").write_text(text)
    for path in (f"{out}.jsonl", str(tmp_path / "s.json")):
        code, msg, _ = _cli("verify", path)
        assert code == 0 and "10 result documents verified" in msg
    rows = [json.loads(line) for line in open(f"{out}.jsonl")]
    rows[1]["results"]["persuade"]["values"]["value"] = "7"          # the table, not the document
    (tmp_path / "t1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, msg, _ = _cli("verify", str(tmp_path / "t1.jsonl"))
    assert code == 1 and "tabulated 'value'" in msg
    rows[1]["results"]["persuade"]["values"]["value"] = "7"
    rows[1]["results"]["persuade"]["document"]["value"] = "7"          # and the document
    (tmp_path / "t2.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, msg, _ = _cli("verify", str(tmp_path / "t2.jsonl"))
    assert code == 1 and "row 1, persuade: value" in msg


def test_parameter_sweeps_and_subcommands_without_prior(tmp_path):
    code, text, _ = _cli("sweep", "dialogue", "examples/bilateral_trade_two_costs.toml", "--parameter", "seller_costs.1",
                         "--values", "1,2,5/2", "--keys", "rounds/2/welfare", "--json")
    rows = json.loads(text)["rows"]
    assert code == 0 and [r["point"]["value"] for r in rows] == ["1", "2", "5/2"]
    assert rows[1]["results"]["dialogue"]["values"]["rounds/2/welfare"] == "3"     # the file's own game: W* = 3 in 2 rounds
    code, text, _ = _cli("sweep", "bargain", "examples/bargaining_election.toml", "--prior-line",
                         "1/10,4/5,1/10:1/3,1/3,1/3:2", "--json")
    rows = json.loads(text)["rows"]
    assert code == 0 and [r["results"]["bargain"]["document"]["game"]["prior"] for r in rows][2] == ["1/3", "1/3", "1/3"]


def test_bad_input_and_error_rows():
    assert _cli("sweep", "persuade", "examples/efficiency_example1.toml", "--prior-line", "1,0:0,1")[0] == 2
    assert _cli("sweep", "nonsense", "examples/efficiency_example1.toml", "--grid", "3")[0] == 2
    code, _, err = _cli("sweep", "persuade", "examples/efficiency_example1.toml", "--parameter", "payoffs.sender.w9.0",
                        "--values", "1")
    assert code == 2 and "does not name an entry" in err
    code, _, err = _cli("sweep", "bargain", "examples/bargaining_three_parties.toml", "--grid", "2", "--plot", "x.png")
    assert code == 2 and "three or more states" in err
    code, _, err = _cli("sweep", "persuade", "examples/efficiency_example1.toml", "--prior-line", "1,0:0,1:2", "--prior", "1,0")
    assert code == 2 and "--prior goes with --parameter" in err
    # a point a subcommand refuses is an error row, not the end of the sweep
    code, text, _ = _cli("sweep", "efficiency", "examples/payments_zero_sum.toml", "--grid", "2", "--json")
    rows = json.loads(text)["rows"]
    assert code == 0 and len(rows) == 3
    assert all(r["results"]["efficiency"]["status"] == "error" and "no [outcome] table" in r["results"]["efficiency"]["error"]
               for r in rows)
