r"""Sweeps: one computation over a line or grid of priors, or over values of one file parameter.

A sweep is a list of :class:`SweepItem` (the game-file text with the parameter applied, the
prior, the commands to run) made by :func:`prior_line`, :func:`prior_grid` or
:func:`parameter_values`, and a *runner*: a module-level function of an item returning
``{command: result}`` where a result is ``{"status": "ok", "document": <the --json document>}``,
``{"status": "ok", "values": {...}, "claims": {...}}`` (a value without a document, labelled) or
``{"status": "error", "error": message}``. The command line's runner (``exactgame sweep``) runs
any subcommand through its own handler, so a row holds exactly what ``exactgame SUBCOMMAND
FILE --prior P --json`` prints, and ``exactgame verify`` re-checks it.

:func:`run_sweep` runs the items with :func:`exactgame.research.executors.run_items` (this
process, ``workers`` local processes, or a Dask scheduler), appends each finished row to
``OUT.jsonl`` at once, and on a rerun **skips the rows already there** (matched by a hash of
the item: game text, prior, commands and options), so an interrupted sweep resumes. At the end
``OUT.jsonl`` is rewritten in item order and ``OUT.csv`` is written: one line per item with the
point, and for every scalar answer key the exact string and a decimal (for plotting only).
The files do not depend on the number of workers.

>>> items = prior_line(["1", "0"], ["0", "1"], 4, '{"kind": "x"}', ("persuade",))
>>> [it.prior for it in items][:2]
[('1', '0'), ('3/4', '1/4')]
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..errors import InputError, TooLargeError
from ..numbers import fmt, to_fraction
from ..progress import tick
from .executors import run_items

__all__ = ["SweepItem", "SweepResult", "prior_line", "prior_grid", "parameter_values", "set_parameter",
           "scalar_values", "run_sweep", "MAX_ITEMS"]

#: The largest sweep accepted (items).
MAX_ITEMS = 1_000_000

#: Document keys that describe the computation rather than answer it.
_META = {"schema", "command", "method", "game_sha256", "payments", "cross_check", "engine", "efficiency_note"}


@dataclass(frozen=True)
class SweepItem:
    """One point of a sweep.

    Parameters
    ----------
    index : int
        Its position.
    game_text : str
        The game file (JSON text) at this point.
    commands : tuple of str
        What to run (subcommand names for the CLI runner).
    prior : tuple of str or None
        The prior (exact strings), or None for the file's.
    options : tuple of str
        Extra options passed to every command (e.g. ``("--payments", "nonnegative")``).
    point : dict
        The coordinates for the outputs: ``{"prior": [...]}`` or ``{"parameter": key, "value": v}``.

    >>> SweepItem(0, "{}", ("persuade",), ("1/2", "1/2")).key == SweepItem(5, "{}", ("persuade",), ("1/2", "1/2")).key
    True
    """

    index: int
    game_text: str
    commands: tuple[str, ...]
    prior: tuple[str, ...] | None = None
    options: tuple[str, ...] = ()
    point: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """SHA-256 of what determines the item's result (not its index): the resume key.

        Returns
        -------
        str
            64 hex digits.
        """
        text = json.dumps([self.game_text, list(self.commands), self.prior, list(self.options)], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_size(n: int) -> None:
    if n > MAX_ITEMS:
        raise TooLargeError(f"the sweep has {n} items, more than the limit {MAX_ITEMS}")


def prior_line(start: Sequence[Any], end: Sequence[Any], steps: int, game_text: str, commands: Sequence[str],
               options: Sequence[str] = ()) -> list[SweepItem]:
    """``steps + 1`` priors evenly spaced from ``start`` to ``end`` (exact), both included.

    Parameters
    ----------
    start, end : sequence of exact numbers
        Two distributions over the states.
    steps : int
        The number of intervals (>= 1).
    game_text : str
        The game file text.
    commands : sequence of str
        What to run at each prior.
    options : sequence of str
        Extra options for every command.

    Returns
    -------
    list of SweepItem
        ``start + k/steps (end - start)`` for k = 0..steps.

    Raises
    ------
    InputError
        If the ends are not distributions of the same length or ``steps`` < 1.

    >>> [it.point["prior"] for it in prior_line(["1/2", "1/2"], ["1", "0"], 2, "{}", ("cheaptalk",))]
    [['1/2', '1/2'], ['3/4', '1/4'], ['1', '0']]
    """
    a = [to_fraction(x, where="--prior-line") for x in start]
    b = [to_fraction(x, where="--prior-line") for x in end]
    if len(a) != len(b) or any(x < 0 for x in a + b) or sum(a) != 1 or sum(b) != 1:
        raise InputError("--prior-line: both ends must be distributions over the same states (>= 0, sum 1)")
    if not isinstance(steps, int) or steps < 1:
        raise InputError("--prior-line: the number of steps must be an integer >= 1")
    _check_size(steps + 1)
    out = []
    for k in range(steps + 1):
        p = tuple(fmt(x + Fraction(k, steps) * (y - x)) for x, y in zip(a, b))
        out.append(SweepItem(k, game_text, tuple(commands), p, tuple(options), {"prior": list(p), "t": fmt(Fraction(k, steps))}))
    return out


def prior_grid(states: int, denominator: int, game_text: str, commands: Sequence[str], options: Sequence[str] = (),
               interior: bool = False) -> list[SweepItem]:
    """Every prior with entries in multiples of ``1/denominator`` (lexicographic order).

    Parameters
    ----------
    states : int
        The number of states.
    denominator : int
        The grid's denominator N (>= 1).
    game_text : str
        The game file text.
    commands : sequence of str
        What to run.
    options : sequence of str
        Extra options.
    interior : bool
        Only priors with every entry positive.

    Returns
    -------
    list of SweepItem
        One per grid point: C(N + n - 1, n - 1) of them (C(N - 1, n - 1) interior).

    >>> [it.point["prior"] for it in prior_grid(3, 2, "{}", ("persuade",))][:3]
    [['0', '0', '1'], ['0', '1/2', '1/2'], ['0', '1', '0']]
    """
    if not isinstance(denominator, int) or denominator < 1 or states < 1:
        raise InputError("--grid: the denominator must be an integer >= 1")
    from math import comb

    _check_size(comb(denominator + states - 1, states - 1))
    out: list[SweepItem] = []
    for bars in combinations(range(denominator + states - 1), states - 1):   # stars and bars
        cuts = (-1, *bars, denominator + states - 1)
        counts = [cuts[i + 1] - cuts[i] - 1 for i in range(states)]
        if interior and 0 in counts:
            continue
        p = tuple(fmt(Fraction(c, denominator)) for c in counts)
        out.append(SweepItem(len(out), game_text, tuple(commands), p, tuple(options), {"prior": list(p)}))
    return out


def _path(key: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in key.split(".")]


def set_parameter(document: Mapping[str, Any], key: str, value: str) -> dict[str, Any]:
    """A copy of a game-file document with the entry at ``key`` (dotted path, list indices as
    numbers: ``payoffs.sender.w0.1``) set to ``value`` (an exact number string).

    Parameters
    ----------
    document : mapping
        The parsed game file (JSON data).
    key : str
        The dotted path of an existing numeric entry.
    value : str
        The new value.

    Returns
    -------
    dict
        The modified copy.

    Raises
    ------
    InputError
        If the path does not name an existing entry.

    >>> set_parameter({"kind": "x", "seller_costs": [0, 2]}, "seller_costs.1", "5/2")["seller_costs"]
    [0, '5/2']
    """
    doc = json.loads(json.dumps(document, default=str))
    parts = _path(key)
    node: Any = doc
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        ok = (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int) and part < len(node))
        if not ok:
            raise InputError(f"--parameter: {key!r} does not name an entry of the file (no {part!r} at "
                             f"{'.'.join(map(str, parts[:k])) or 'the top level'})")
        if last:
            node[part] = value
        else:
            node = node[part]
    return doc


def parameter_values(document: Mapping[str, Any], key: str, values: Iterable[Any], commands: Sequence[str],
                     prior: Sequence[str] | None = None, options: Sequence[str] = ()) -> list[SweepItem]:
    """One item per value of the file entry ``key``.

    Parameters
    ----------
    document : mapping
        The parsed game file.
    key : str
        The dotted path (see :func:`set_parameter`).
    values : iterable of exact numbers
        The values, in order.
    commands : sequence of str
        What to run.
    prior : sequence of str, optional
        A prior for every item (else the file's).
    options : sequence of str
        Extra options.

    Returns
    -------
    list of SweepItem
        In the order of ``values``.

    >>> doc = {"kind": "bilateral-trade", "seller_costs": [0, 2]}
    >>> [it.point for it in parameter_values(doc, "seller_costs.1", ["1", "3/2"], ("dialogue",))]
    [{'parameter': 'seller_costs.1', 'value': '1'}, {'parameter': 'seller_costs.1', 'value': '3/2'}]
    """
    vals = [fmt(to_fraction(v, where="--values")) for v in values]
    _check_size(len(vals))
    return [SweepItem(k, json.dumps(set_parameter(document, key, v), ensure_ascii=False), tuple(commands),
                      tuple(prior) if prior else None, tuple(options), {"parameter": key, "value": v})
            for k, v in enumerate(vals)]


def _exact(value: Any) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        return to_fraction(value)
    except (InputError, TypeError, ValueError):
        return None


def scalar_values(document: Mapping[str, Any], keys: Sequence[str] = ()) -> dict[str, Any]:
    """The scalar answers of a result document: top-level exact numbers, booleans and nulls
    (protocol keys left out), plus the ``/``-separated ``keys`` asked for.

    Parameters
    ----------
    document : mapping
        A ``--json`` document.
    keys : sequence of str
        Extra paths (``rounds/2/welfare``); a missing one gives None.

    Returns
    -------
    dict
        ``{key: exact string, bool or None}``.

    >>> scalar_values({"value": "17/2", "bp_efficient": False, "schema": "x", "outcome": {}}, ["outcome/w0"])
    {'value': '17/2', 'bp_efficient': False, 'outcome/w0': None}
    """
    out: dict[str, Any] = {}
    for k, v in document.items():
        if k in _META:
            continue
        if isinstance(v, bool) or v is None or _exact(v) is not None:
            out[k] = v
    for path in keys:
        node: Any = document
        for part in path.split("/"):
            node = node[int(part)] if isinstance(node, list) and part.isdigit() and int(part) < len(node) else \
                node.get(part) if isinstance(node, dict) else None
        out[path] = node if isinstance(node, bool) or node is None or _exact(node) is not None else json.dumps(node)
    return out


def _decimal(v: Any) -> float | None:
    x = _exact(v)
    return None if x is None else float(x)  # float-ok: decimals for plotting, beside the exact string


@dataclass(frozen=True)
class SweepResult:
    """A finished sweep: the rows in item order, how many were computed now and how many reused.

    ``rows[k]`` holds ``index``, ``key``, ``point`` and ``results`` ({command: result}), each
    result's ``values`` (exact) and ``decimals``.

    >>> SweepResult([], 0, 0).series("persuade", "value")
    []
    """

    rows: list[dict[str, Any]]
    computed: int
    reused: int
    files: dict = field(default_factory=dict)

    def series(self, command: str, key: str) -> list[Fraction | None]:
        """The exact values of one answer key along the sweep (None where missing or an error).

        Parameters
        ----------
        command : str
            The command.
        key : str
            The answer key.

        Returns
        -------
        list of Fraction or None
            One per row.
        """
        return [_exact(r["results"].get(command, {}).get("values", {}).get(key)) for r in self.rows]


def _finish_row(item: SweepItem, results: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    out = {}
    for cmd, res in results.items():
        res = dict(res)
        if res.get("status") == "ok" and "document" in res:
            res["values"] = scalar_values(res["document"], keys)
        res["decimals"] = {k: d for k, v in res.get("values", {}).items() if (d := _decimal(v)) is not None}
        out[cmd] = res
    return {"index": item.index, "key": item.key, "point": dict(item.point), "results": out}


def _read_rows(path: str) -> dict[str, dict[str, Any]]:
    """Rows of an existing JSON Lines file by key (a truncated last line, from an interruption, is ignored)."""
    rows: dict[str, dict[str, Any]] = {}
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and isinstance(row.get("key"), str) and isinstance(row.get("results"), dict):
                rows[row["key"]] = row
    return rows


class _Job:
    """A picklable runner for one item: the runner, then the row with its values and decimals."""

    def __init__(self, runner: Callable[[SweepItem], Mapping[str, Any]], keys: Sequence[str]) -> None:
        self.runner = runner
        self.keys = tuple(keys)

    def __call__(self, item: SweepItem) -> dict[str, Any]:
        return _finish_row(item, self.runner(item), self.keys)


def run_sweep(items: Sequence[SweepItem], runner: Callable[[SweepItem], Mapping[str, Any]], *, out: str | None = None,
              workers: int = 1, scheduler: str | None = None, keys: Sequence[str] = ()) -> SweepResult:
    """Run a sweep, resuming from ``out.jsonl`` when it exists; write ``out.jsonl`` and ``out.csv``.

    Parameters
    ----------
    items : sequence of SweepItem
        The points.
    runner : callable
        A module-level function ``runner(item) -> {command: result}`` (module docstring).
    out : str, optional
        The output prefix (``out.jsonl``, ``out.csv``); without it nothing is written or resumed.
    workers : int
        Local processes (1: this process).
    scheduler : str, optional
        A Dask scheduler address.
    keys : sequence of str
        Extra answer paths to extract (see :func:`scalar_values`).

    Returns
    -------
    SweepResult
        Rows in item order.

    >>> def one(item):
    ...     return {"half": {"status": "ok", "values": {"x": fmt(to_fraction(item.prior[0]) / 2)}}}
    >>> r = run_sweep(prior_line(["0", "1"], ["1", "0"], 2, "{}", ("half",)), one)
    >>> r.series("half", "x")
    [Fraction(0, 1), Fraction(1, 4), Fraction(1, 2)]
    """
    jsonl = f"{out}.jsonl" if out else None
    old = _read_rows(jsonl) if jsonl else {}
    rows: dict[int, dict[str, Any]] = {}
    todo = []
    for it in items:
        if it.key in old:
            rows[it.index] = {**old[it.key], "index": it.index, "point": dict(it.point)}
        else:
            todo.append(it)
    reused = len(rows)
    log = open(jsonl, "a", encoding="utf-8") if jsonl else None
    try:
        def progress(done: int, total: int) -> None:
            tick("sweep items", reused + done, reused + total)

        for k, row in run_items(_Job(runner, keys), todo, workers=workers, scheduler=scheduler, progress=progress):
            row["index"] = todo[k].index
            rows[row["index"]] = row
            if log is not None:
                log.write(json.dumps(row, ensure_ascii=False) + "\n")
                log.flush()
    finally:
        if log is not None:
            log.close()
    result = SweepResult([rows[i] for i in sorted(rows)], len(todo), reused)
    if out:
        result.files.update(write_outputs(result, out))
    return result


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[tuple[str, str]], set[tuple[str, str]]]:
    """The point columns, the (command, key) value columns, and those with a decimal somewhere."""
    point: list[str] = []
    values: list[tuple[str, str]] = []
    numeric: set[tuple[str, str]] = set()
    for r in rows:
        for k in r["point"]:
            if k not in point:
                point.append(k)
        for cmd, res in r["results"].items():
            for k in res.get("values", {}):
                if (cmd, k) not in values:
                    values.append((cmd, k))
            numeric.update((cmd, k) for k in res.get("decimals", {}))
    return point, values, numeric


def _cell(v: Any) -> str:
    if isinstance(v, list):
        return " ".join(map(str, v))
    return "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)


def _written(v: Any) -> str:
    """A value as text output shows it: exact strings, true/false, null."""
    return "null" if v is None else str(v).lower() if isinstance(v, bool) else str(v)


def write_outputs(result: SweepResult, out: str) -> dict[str, str]:
    """Write ``out.jsonl`` (rows in item order) and ``out.csv`` (exact strings and decimals).

    Parameters
    ----------
    result : SweepResult
        The sweep.
    out : str
        The prefix.

    Returns
    -------
    dict
        ``{"jsonl": path, "csv": path}``.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> row = {"index": 0, "key": "k", "point": {"prior": ["1", "0"]},
    ...        "results": {"c": {"status": "ok", "values": {"v": "1/3"}, "decimals": {"v": 0.3333333333333333}}}}
    >>> files = write_outputs(SweepResult([row], 1, 0), os.path.join(d, "s"))
    >>> open(files["csv"]).read().splitlines()
    ['index,prior,c.status,c.v,c.v_decimal', '0,1 0,ok,1/3,0.3333333333333333']
    """
    files = {"jsonl": f"{out}.jsonl", "csv": f"{out}.csv"}
    tmp = files["jsonl"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        for r in result.rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, files["jsonl"])
    point, values, numeric = _columns(result.rows)
    commands = list(dict.fromkeys([*(cmd for r in result.rows for cmd in r["results"]), *(cmd for cmd, _ in values)]))
    with open(files["csv"], "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        header = ["index", *point]
        for cmd in commands:
            header.append(f"{cmd}.status")
            for c, k in values:
                if c == cmd:
                    header += [f"{c}.{k}", f"{c}.{k}_decimal"] if (c, k) in numeric else [f"{c}.{k}"]
        w.writerow(header)
        for r in result.rows:
            line = [str(r["index"]), *(_cell(r["point"].get(k)) for k in point)]
            for cmd in commands:
                res = r["results"].get(cmd, {})
                line.append(res.get("status", ""))
                for c, k in values:
                    if c == cmd:
                        d = res.get("decimals", {}).get(k)
                        line.append(_cell(res.get("values", {}).get(k)))
                        if (c, k) in numeric:
                            line.append("" if d is None else repr(d))
            w.writerow(line)
    return files
