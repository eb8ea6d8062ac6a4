"""Throughput of `exactgame sweep`'s executors: items per second on 10,000 small persuasion instances.

Random 3 x 3 sender-receiver games (exactgame.research.families, seeded); each item is what
``exactgame sweep persuade`` runs at one point (the subcommand's own handler: load the file,
solve the obedience LP, Cav V, the efficiency step, the proof document). Measured:

- the solve time: ``persuasion_report(game).document()`` in a plain loop over the first
  ``--solve-sample`` games (no executor, no file, no argument parsing);
- the sweep on 1 worker (this process), on 2 local worker processes, and on a Dask
  ``LocalCluster`` with 2 worker processes (one thread each), each with process start-up included;
- per-item cost = wall time / items, against the solve time; the rows are checked equal across
  the executors (the same results whatever runs them).

Run:  .venv/bin/python benchmarks/sweep_throughput.py [--n 10000] [--solve-sample 500]
(the Dask row needs ``pip install 'exactgame[dask]'``; it is skipped without it).
"""

from __future__ import annotations

import argparse
import json
import time

from _timing import record

from exactgame.cli.sweep import run_cli_item
from exactgame.persuasion.report import persuasion_report
from exactgame.research.families import SenderReceiverFamily, sample
from exactgame.research.sweep import SweepItem, run_sweep


def _items(n: int, seed: int) -> tuple[list, list[SweepItem]]:
    games = sample(SenderReceiverFamily(states=(3, 3), actions=(3, 3)), n, seed=seed)
    return games, [SweepItem(k, json.dumps(g.canonical()), ("persuade",), point={"game": k}) for k, g in enumerate(games)]


def _timed(label: str, items: list[SweepItem], solve: float, **kw) -> list:
    t = time.perf_counter()
    r = run_sweep(items, run_cli_item, **kw)
    wall = time.perf_counter() - t
    per = wall / len(items)
    print(f"{label:28} {wall:9.1f} s {len(items) / wall:9.1f} items/s {per * 1000:8.1f} ms/item {per / solve:6.2f}x solve")
    record(f"sweep of {len(items):,} random 3 x 3 persuasion instances, {label.removeprefix('sweep, ')}",
           f"{per * 1000:.1f} ms/item", f"the solve alone in a plain loop {solve * 1000:.1f} ms/item", f"{per / solve:.2f}x the solve")
    return r.rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--solve-sample", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    games, items = _items(args.n, args.seed)
    k = min(args.solve_sample, len(games))
    t = time.perf_counter()
    for g in games[:k]:
        persuasion_report(g).document()
    solve = (time.perf_counter() - t) / k
    print(f"{args.n} random 3 x 3 persuasion instances; solve time {solve * 1000:.1f} ms/item "
          f"({1 / solve:.1f} items/s, mean of {k}, plain loop)")
    one = _timed("sweep, 1 worker", items, solve)
    two = _timed("sweep, 2 local processes", items, solve, workers=2)
    assert one == two, "2 workers gave other rows than 1"
    try:
        from distributed import LocalCluster
    except ImportError:
        print("Dask LocalCluster: skipped (pip install 'exactgame[dask]')")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = _timed("sweep, Dask LocalCluster (2)", items, solve, scheduler=cluster.scheduler_address)
    assert one == dask, "the Dask cluster gave other rows than 1 worker"
    print("rows identical on every executor")


if __name__ == "__main__":
    main()
