"""How many binary receivers LP-Binary, its column generation and LP-Public handle: seconds and memory.

Random games with two states (prior 1/3, 2/3), receivers' payoffs integers in [-3, 3], the
supermodular sender f(S) = |S|^2 (the heaviest case measured for MAX_RECEIVERS). Each
measurement runs in its own process (so peak memory is per method): building the game, solving
(``dense``: solve_binary's LP; ``columns``: column generation, exact; ``public``: LP-Public),
building the proof document and re-checking it with the independent checker. Prints one row per
(N, method): seconds to solve, seconds to check, peak resident memory (MB), value's digits.

Run:  .venv/bin/python benchmarks/multireceiver_limit.py [--sizes 8,10,12,14] [--methods dense,columns,public]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from itertools import combinations


def random_game(N: int, seed: int = 1):
    from exactgame.persuasion.multireceiver import MultiReceiverGame

    rnd = random.Random(seed)
    R = [f"r{i}" for i in range(N)]
    subs = [c for k in range(N + 1) for c in combinations(R, k)]
    pay = {w: {"+".join(c): [rnd.randint(-3, 3) for _ in R] for c in subs} for w in ("a", "b")}
    return MultiReceiverGame.make(["a", "b"], ["1/3", "2/3"], R, {"rule": "supermodular"}, pay)


def one(N: int, method: str, model: str) -> dict:
    from exactgame.check import check_document

    game = random_game(N)
    t0 = time.perf_counter()
    if method == "dense":
        from exactgame.persuasion.multireceiver import solve_binary
        r = solve_binary(game, model, method="lp")
        doc = r.document()
    elif method == "columns":
        from exactgame.persuasion.colgen import solve_binary_columns
        r = solve_binary_columns(game, model)
        doc = r.document()
    else:
        from exactgame.persuasion.signals_report import signals_report
        rep = signals_report(game, "none", None, "public")
        doc = rep.document()
    solve = time.perf_counter() - t0
    doc = json.loads(json.dumps(doc))
    t0 = time.perf_counter()
    check_document(doc)
    check = time.perf_counter() - t0
    return {"N": N, "method": method, "solve_s": round(solve, 2), "check_s": round(check, 2),
            "peak_MB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "value": doc["value"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="6,8,10,12,14")
    ap.add_argument("--methods", default="dense,columns,public")
    ap.add_argument("--model", default="none")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one(int(args.child[0]), args.child[1], args.model)))
        return
    print(f"{'N':>3} {'method':>8} {'solve s':>8} {'check s':>8} {'peak MB':>8}  value")
    for N in (int(s) for s in args.sizes.split(",")):
        for m in args.methods.split(","):
            out = subprocess.run([sys.executable, __file__, "--model", args.model, "--child", str(N), m],
                                 capture_output=True, text=True)
            if out.returncode:
                print(f"{N:>3} {m:>8}  failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
                continue
            d = json.loads(out.stdout)
            print(f"{N:>3} {m:>8} {d['solve_s']:>8} {d['check_s']:>8} {d['peak_MB']:>8}  {d['value'][:40]}", flush=True)


if __name__ == "__main__":
    main()
