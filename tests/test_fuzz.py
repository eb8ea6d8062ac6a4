"""Fuzzing every subcommand with mutated game files (issue 18).

Every bundled example is read, one to three of its leaves are replaced by hostile values
(huge and tiny numbers, wrong types, long and odd names, empty containers), the result is
written as a JSON game file and run through each subcommand that takes its kind, in process,
under a time limit. Asserted: exit code 0 or 2 only (1 would be a bug), exactly one line on
stderr for 2 and no traceback, and at most ``LIMIT`` seconds per case. The counts are quoted in
the README; ``FUZZ_EXAMPLES`` (environment) raises the number of cases per subcommand.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exactgame.cli import main

EXAMPLES = sorted(Path("examples").glob("*.toml"))
#: subcommands (and extra arguments) for each kind of game file
COMMANDS = {
    "sender-receiver": [["payoffs"], ["persuade"], ["cheaptalk"], ["efficiency"]],
    "game": [["payoffs"], ["efficiency"], ["efficiency", "--vector", "1,1,1"]],
    "multi-receiver": [["persuade"]],
    "bargaining": [["bargain"], ["bargain", "--selection"]],
    "price-discrimination": [["bargain", "--price-discrimination"]],
    "dialogue": [["dialogue", "--rounds", "1"]],
    "bilateral-trade": [["dialogue", "--rounds", "1"]],
    "acquisition": [["acquisition"]],
    "peer-selection": [["peer-selection"]],
    "buyer-seller": [["buyer-seller"]],
}
LIMIT = 60          # seconds per case (an unguarded path runs for minutes)
CASES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
HOSTILE = st.sampled_from([
    "1e400", "-1e400", "1e-400", "1e4000", 10**30, -(10**30), "1/0", "nan", "inf", "abc", "", " ", "0", 0, -1, 1, "-1/3",
    True, [], {}, [[]], ["x"], {"x": 1}, "x" * 5000, "a\nb", "α", "9" * 2000, [0, 0], ["1/2", "1/2"], 3.5, None,
])

STATS = {"cases": 0, "exit 0": 0, "exit 2": 0}


def _paths(node, path=()):
    """Every leaf and container of a parsed game file, as key paths."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _mutate(doc, path, value):
    if not path:
        return value
    out = json.loads(json.dumps(doc))
    node = out
    for k in path[:-1]:
        node = node[k]
    if value is None and isinstance(node, dict):
        del node[path[-1]]                                   # a deleted key
    else:
        node[path[-1]] = value
    return out


class _Timeout(Exception):
    pass


def _alarm(*_):
    raise _Timeout


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(args)
    except _Timeout:
        raise AssertionError(f"{' '.join(args)} ran past {LIMIT} s") from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return rc, err.getvalue()


def _cases():
    out = []
    for f in EXAMPLES:
        doc = tomllib.loads(f.read_text())
        for cmd in COMMANDS.get(doc.get("kind"), []):
            out.append((f, doc, cmd))
    return out


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c[2][0]}-{c[0].stem}")
def test_mutated_examples_exit_cleanly(case, tmp_path):
    f, doc, cmd = case
    paths = list(_paths(doc))
    n = max(2, CASES // 2) if cmd == ["acquisition"] and "alpha" not in doc else CASES

    @settings(max_examples=n, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(st.lists(st.tuples(st.sampled_from(paths), HOSTILE), min_size=1, max_size=3))
    def check(changes):
        bad = doc
        for path, value in changes:
            try:
                bad = _mutate(bad, path, value)
            except (KeyError, IndexError, TypeError):
                continue                                     # the path vanished with an earlier change
        game = tmp_path / "game.json"
        game.write_text(json.dumps(bad, ensure_ascii=False))
        rc, err = _run([cmd[0], str(game), *cmd[1:]])
        STATS["cases"] += 1
        assert rc in (0, 2), f"exit {rc} for {changes}: {err[-500:]}"
        STATS[f"exit {rc}"] += 1
        assert "Traceback" not in err
        if rc == 2:
            assert len(err.strip().splitlines()) == 1, err[:500]
            assert len(err) < 2000

    check()


def test_fuzz_report(capsys):
    """Runs last in this file: prints the counts quoted in the README."""
    if STATS["cases"]:
        with capsys.disabled():
            print(f"\nfuzz: {STATS['cases']} mutated game files over {len(_cases())} (example, subcommand) pairs: "
                  f"{STATS['exit 0']} exit 0, {STATS['exit 2']} exit 2, none exit 1 or time out")
