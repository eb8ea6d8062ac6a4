"""The ``sweep`` subcommand: any subcommand over a line or grid of priors or the values of one file entry.

The runner (:func:`run_cli_item`) calls each subcommand's own handler, so a row's document is
exactly what ``exactgame SUBCOMMAND FILE --prior P --json`` prints. ``V`` is a pseudo-command: the
sender's value function V(p) (000, eq. (23)) at the prior, evaluated exactly and labelled not
certified (no certificate; it is there to be drawn beside Cav V and the cheap-talk value).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shlex
import tempfile
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..errors import InputError
from .common import _one_line, document_of, register_subcommand


def _sweep_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("commands", help="comma-separated subcommands to run at every point (e.g. persuade,cheaptalk,V; "
                                    "V is the sender's value function V(p), not certified)")
    p.add_argument("file", help="the game file")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--prior-line", metavar="FROM:TO:STEPS", help="priors from FROM to TO (comma-separated) in STEPS equal steps")
    where.add_argument("--grid", type=int, metavar="N", help="every prior with entries in multiples of 1/N")
    where.add_argument("--parameter", metavar="KEY", help="a numeric entry of the file, as a dotted path (payoffs.sender.w0.1)")
    p.add_argument("--interior", action="store_true", help="with --grid: only priors with every entry positive")
    p.add_argument("--values", metavar="V1,V2,...", help="with --parameter: the values")
    p.add_argument("--range", metavar="A:B:STEPS", help="with --parameter: STEPS equal steps from A to B")
    p.add_argument("--prior", help="with --parameter: the prior at every point (default: the file's)")
    p.add_argument("--args", action="append", default=[], metavar="OPTIONS",
                   help="options for the subcommands, e.g. '--payments nonnegative'; 'CMD: OPTIONS' for one subcommand only")
    p.add_argument("--keys", metavar="K1,K2", help="extra answer paths to tabulate (rounds/2/welfare)")
    p.add_argument("--out", metavar="PREFIX", help="write PREFIX.jsonl and PREFIX.csv; a rerun skips the rows already in PREFIX.jsonl")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="local worker processes (default 1)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask distributed cluster (tcp://host:8786)")
    p.add_argument("--plot", metavar="PNG", help="draw the numeric answers along the sweep")
    p.add_argument("--plot-keys", metavar="K1,K2", help="only these series (command.key, e.g. persuade.cav_value)")


# -- the runner (runs in the workers) -----------------------------------------------------


@functools.lru_cache(maxsize=None)
def _parser() -> argparse.ArgumentParser:
    """The command line's parser, built once per process (building it costs more than a small solve)."""
    from . import build_parser

    return build_parser()


@functools.lru_cache(maxsize=None)
def _has_prior_option(command: str) -> bool:
    from .common import _SUBCOMMANDS

    parser = argparse.ArgumentParser(add_help=False)
    _SUBCOMMANDS[command][0](parser)
    return any("--prior" in a.option_strings for a in parser._actions)


def _value_V(game_text: str, prior: Sequence[str] | None) -> dict[str, Any]:
    from ..games import loads_game
    from ..persuasion.value import value_function

    game = loads_game(game_text)
    V, _ = value_function(game)
    value = V.value(list(prior) if prior else game.prior)
    from ..numbers import fmt

    return {"status": "ok", "values": {"V": fmt(value)},
            "claims": {"V": "not certified (V(p) of eq. (23) evaluated exactly at the prior; no certificate)"}}


def _argv(command: str, path: str, item: Any) -> list[str]:
    opts: list[str] = []
    for o in item.options:
        cmd, sep, rest = o.partition(":")
        if sep and cmd.strip() in item.commands:
            if cmd.strip() == command:
                opts += shlex.split(rest)
        else:
            opts += shlex.split(o)
    prior = ["--prior", ",".join(item.prior)] if item.prior and _has_prior_option(command) else []
    return [command, path, *opts, *prior, "--json"]


def _one(command: str, path: str, item: Any) -> dict[str, Any]:
    from . import _join_negative_values
    from .common import _SUBCOMMANDS

    if command == "V":
        try:
            return _value_V(item.game_text, item.prior)
        except InputError as exc:
            return {"status": "error", "error": _one_line(str(exc))}
    try:
        args = _parser().parse_args(_join_negative_values(_argv(command, path, item)))
        doc, _, _ = _SUBCOMMANDS[command][1](args)
    except InputError as exc:
        return {"status": "error", "error": _one_line(str(exc)).replace(path, "<game file>")}
    return {"status": "ok", "document": document_of(doc)}


def _with_prior_in_file(item: Any) -> str:
    """The game text with the file's ``prior`` replaced by the item's (for subcommands without --prior)."""
    doc = json.loads(item.game_text)
    if item.prior and "prior" in doc and isinstance(doc["prior"], list) and len(doc["prior"]) == len(item.prior):
        doc["prior"] = list(item.prior)
    return json.dumps(doc, ensure_ascii=False)


@functools.lru_cache(maxsize=None)
def _scratch() -> str:
    """This process's scratch folder for the items' game files (one per process, removed at exit:
    a folder per item cost more than a small solve)."""
    import atexit
    import shutil

    d = tempfile.mkdtemp(prefix="exactgame-sweep-")
    atexit.register(shutil.rmtree, d, True)
    return d


def run_cli_item(item: Any) -> dict[str, Any]:
    """Run every command of a sweep item through its CLI handler; ``{command: result}``.

    The game text is written to a file named after this thread (Dask runs several per process).

    Parameters
    ----------
    item : exactgame.research.sweep.SweepItem
        The point.

    Returns
    -------
    dict
        ``{command: {"status": "ok", "document": doc}}`` or ``{"status": "error", "error": message}``
        (``V``: ``values`` and ``claims`` instead of a document).
    """
    import threading

    out = {}
    path = os.path.join(_scratch(), f"game-{os.getpid()}-{threading.get_ident()}.json")
    for command in item.commands:
        text = item.game_text if command == "V" or _has_prior_option(command) else _with_prior_in_file(item)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        out[command] = _one(command, path, item)
    return out


# -- the subcommand -----------------------------------------------------------------------


def _split3(text: str, option: str) -> tuple[str, str, int]:
    parts = text.split(":")
    if len(parts) != 3:
        raise InputError(f"{option}: expected FROM:TO:STEPS, got {text!r}")
    try:
        steps = int(parts[2])
    except ValueError:
        raise InputError(f"{option}: STEPS must be an integer, got {parts[2]!r}") from None
    return parts[0], parts[1], steps


def _commands(text: str) -> tuple[str, ...]:
    from .common import _SUBCOMMANDS

    cmds = tuple(c.strip() for c in text.split(",") if c.strip())
    bad = [c for c in cmds if c != "V" and (c not in _SUBCOMMANDS or c in ("sweep", "check", "verify", "reproduce"))]
    if not cmds or bad:
        raise InputError(f"sweep: unknown or unsweepable subcommand(s) {', '.join(bad) or '(none)'}; give subcommands "
                         "that take a game file (payoffs, efficiency, persuade, cheaptalk, bargain, dialogue, acquisition) or V")
    return cmds


def _parameter_items(args: argparse.Namespace, doc: Mapping[str, Any], cmds: tuple[str, ...], opts: tuple[str, ...]) -> list:
    from ..numbers import fmt, to_fraction
    from ..research.sweep import parameter_values

    if bool(args.values) == bool(args.range):
        raise InputError("--parameter needs --values V1,V2,... or --range A:B:STEPS (one of them)")
    if args.values:
        values: list[Any] = args.values.split(",")
    else:
        a, b, steps = _split3(args.range, "--range")
        lo, hi = to_fraction(a, where="--range"), to_fraction(b, where="--range")
        if steps < 1:
            raise InputError("--range: STEPS must be >= 1")
        values = [fmt(lo + Fraction(k, steps) * (hi - lo)) for k in range(steps + 1)]
    prior = [x.strip() for x in args.prior.split(",")] if args.prior else None
    return parameter_values(doc, args.parameter, values, cmds, prior, opts)


def _items(args: argparse.Namespace, cmds: tuple[str, ...]) -> tuple[list, Any]:
    from ..games import load_game
    from ..games.files import load_document
    from ..research.sweep import prior_grid, prior_line

    game = load_game(args.file)                 # the file must load as it is
    doc = json.loads(json.dumps(game.canonical()))
    text = json.dumps(doc, ensure_ascii=False)
    opts = tuple(args.args)
    if args.parameter:
        return _parameter_items(args, json.loads(json.dumps(load_document(args.file), default=str)), cmds, opts), game
    states = getattr(game, "states", None)
    if not states:
        raise InputError(f"sweep: a {doc.get('kind')!r} file has no prior over states to sweep; use --parameter", where=args.file)
    if args.grid is not None:
        return prior_grid(len(states), args.grid, text, cmds, opts, interior=args.interior), game
    a, b, steps = _split3(args.prior_line, "--prior-line")
    return prior_line(a.split(","), b.split(","), steps, text, cmds, opts), game


def _x_axis(args: argparse.Namespace, rows: list, game: Any) -> tuple[list[Fraction], str]:
    from ..numbers import to_fraction

    if args.parameter:
        return [to_fraction(r["point"]["value"]) for r in rows], args.parameter
    if len(game.states) == 2:
        return [to_fraction(r["point"]["prior"][1]) for r in rows], f"prior p({game.states[1]})"
    if args.prior_line:
        return [to_fraction(r["point"]["t"]) for r in rows], "t (from the first prior to the second)"
    raise InputError("--plot: a grid over three or more states has no line to draw along; use --prior-line")


def _plot(args: argparse.Namespace, result: Any, game: Any) -> None:
    from ..plots import plot_sweep
    from ..research.sweep import _exact

    xs, label = _x_axis(args, result.rows, game)
    wanted = {k.strip() for k in args.plot_keys.split(",")} if args.plot_keys else None
    series: dict[str, list] = {}
    for r in result.rows:
        for cmd, res in r["results"].items():
            for k, v in res.get("values", {}).items():
                name = f"{cmd}.{k}"
                if not isinstance(v, bool) and (wanted is None or name in wanted):
                    series.setdefault(name, [])
    for name in series:
        cmd, _, k = name.partition(".")
        series[name] = [_exact(r["results"].get(cmd, {}).get("values", {}).get(k)) for r in result.rows]
    series = {n: v for n, v in series.items() if any(x is not None for x in v)}
    plot_sweep(xs, series, args.plot, label, title=f"{args.commands} along the sweep ({os.path.basename(args.file)})")


def _text(result: Any, cmds: tuple[str, ...]) -> str:
    from ..research.sweep import _written

    lines = [f"sweep: {len(result.rows)} points ({result.computed} computed, {result.reused} reused from an earlier run)"]
    for r in result.rows[:60]:
        where = ",".join(r["point"]["prior"]) if "prior" in r["point"] else f"{r['point']['parameter']} = {r['point']['value']}"
        parts = []
        for cmd in cmds:
            res = r["results"].get(cmd, {})
            if res.get("status") != "ok":
                parts.append(f"{cmd}: error ({res.get('error', '')[:60]})")
            else:
                vals = ", ".join(f"{k} {_written(v)}" for k, v in list(res.get("values", {}).items())[:4])
                parts.append(f"{cmd}: {vals}")
        lines.append(f"  {where}: " + "; ".join(parts))
    if len(result.rows) > 60:
        lines.append(f"  ... {len(result.rows) - 60} more (see --out)")
    if result.files:
        lines.append("written: " + ", ".join(result.files.values()) + " (exactgame verify FILE.jsonl re-checks every document)")
    return "\n".join(lines)


def _sweep(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..progress import reporting
    from ..research.executors import ProgressBar
    from ..research.sweep import run_sweep

    cmds = _commands(args.commands)
    if (args.values or args.range) and not args.parameter:
        raise InputError("--values and --range go with --parameter")
    if args.prior and not args.parameter:
        raise InputError("--prior goes with --parameter (a prior sweep sets the prior itself)")
    items, game = _items(args, cmds)
    if args.plot and args.grid is not None and len(game.states) > 2:
        raise InputError("--plot: a grid over three or more states has no line to draw along; use --prior-line")
    keys = [k.strip() for k in args.keys.split(",")] if args.keys else []
    if args.out and not os.path.isdir(os.path.dirname(os.path.abspath(args.out))):
        raise InputError(f"--out: the folder of {args.out!r} does not exist")
    bar = ProgressBar("exactgame sweep")
    try:
        with reporting(bar):
            result = run_sweep(items, run_cli_item, out=args.out, workers=args.workers, scheduler=args.scheduler, keys=keys)
    finally:
        bar.close()
    if args.plot:
        _plot(args, result, game)
    doc = {"sweep": {"commands": list(cmds), "file": args.file, "points": len(result.rows), "computed": result.computed,
                     "reused": result.reused, "files": result.files}, "rows": result.rows}
    return doc, _text(result, cmds), 0


register_subcommand("sweep", "any subcommand over a line or grid of priors, or values of one file entry (CSV, JSON Lines, plot)",
                    _sweep_args, _sweep)
