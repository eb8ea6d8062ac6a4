"""Evidence on the Efficient Communication Conjecture (001_9d9f8fe1d5e70189.txt): bilateral trade with
two seller and three buyer types, exact alternating concavification, the first round whose welfare
is W* (= the message complexity C, Theorem 2), over an enumerated grid and seeded random instances.

Run:  .venv/bin/python examples/research_ecc.py [--random 150] [--seed 0] [--out ecc.json]
Instances still below W* after 3 rounds are run again with up to 6 rounds (the cell engine keeps
the rounds it completes before its size limits). Welfare values are exact; "C > T" for an instance
below W* is conditional on Theorem 2 (see exactgame/research/communication.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from exactgame.research.communication import ecc_search, random_trades, trade_grid


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", type=int, default=150, help="random instances (besides the grid)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--weight", type=int, default=4, help="random prior weights in 1..WEIGHT (larger: more skewed priors)")
    ap.add_argument("--no-grid", action="store_true", help="only the random instances")
    ap.add_argument("--out", help="write every record as JSON here")
    args = ap.parse_args()
    grid = trade_grid([0, 2], [1, 3, 6, 12], weights=(1, 2))
    batches = [] if args.no_grid else [("grid: costs {0, 2}, values from {1, 3, 6, 12}, prior weights 1-2", grid)]
    batches.append((f"random: {args.random} instances, costs 0..6, values 1..12, weights 1..{args.weight}, seed {args.seed}",
                    random_trades(args.random, seed=args.seed, weight=args.weight)))
    out = {}
    for name, trades in batches:
        t0 = time.perf_counter()
        r = ecc_search(trades, rounds=3, deep_rounds=6,
                       progress=lambda k, n=len(trades): print(f"\r{name[:5]} {k}/{n}", end="", file=sys.stderr))
        print(file=sys.stderr)
        print(f"{name}\n  {r.summary()}\n  ({time.perf_counter() - t0:.0f} s)")
        out[name] = {"records": [x.to_dict() for x in r.records], "errors": [[str(t), e] for t, e in r.errors]}
    if args.out:
        with open(args.out, "w") as fh:
            json.dump(out, fh, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
