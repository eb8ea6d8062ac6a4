"""How long the independent checker takes to verify a persuasion result, against solving it.

Random sender-receiver games with n states and n actions (as in lp_vs_highs.py). For each
size: the time to solve and build the result document (``persuade`` + the proof document,
what ``exactgame persuade --json`` does after loading), the time of ``check_document`` on
that document after a JSON round trip (what ``exactgame verify`` does after reading the
file), their ratio, and the same two as whole processes (``exactgame persuade FILE --json``
and ``exactgame verify OUT.json``, median of --repeat runs, start-up included).

Run:  .venv/bin/python benchmarks/verify_speed.py [--sizes 10,25] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from _timing import median_time
from lp_vs_highs import random_game

from exactgame.check import check_document
from exactgame.persuasion import persuade
from exactgame.results import proof_document


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,25,40")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    exe = os.path.join(os.path.dirname(sys.executable), "exactgame")
    print(f"{'n':>3} {'solve s':>9} {'verify s':>9} {'ratio':>6} {'persuade CLI s':>15} {'verify CLI s':>13} {'ratio':>6}")
    for n in (int(s) for s in args.sizes.split(",")):
        game = random_game(n, args.seed + n)

        def solve():
            r = persuade(game, cross_check=False)
            return proof_document("persuade", game, {"prior": r.prior, "payments": "none"}, r.to_dict(), r.claims())

        t_solve, doc = median_time(solve, args.repeat)
        text = json.dumps(doc)
        t_check, report = median_time(lambda: check_document(json.loads(text)), args.repeat)
        assert "value" in report.proved
        with tempfile.TemporaryDirectory() as tmp:
            gpath, opath = os.path.join(tmp, "game.json"), os.path.join(tmp, "out.json")
            with open(gpath, "w") as fh:
                json.dump(game.canonical(), fh)
            with open(opath, "w") as fh:
                fh.write(text)

            def cli(*argv):
                t0 = time.perf_counter()
                subprocess.run([exe, *argv], check=True, stdout=subprocess.DEVNULL)
                return time.perf_counter() - t0

            c_solve = sorted(cli("persuade", gpath, "--json") for _ in range(args.repeat))[args.repeat // 2]
            c_check = sorted(cli("verify", opath) for _ in range(args.repeat))[args.repeat // 2]
        print(f"{n:>3} {t_solve:>9.3f} {t_check:>9.3f} {t_check / t_solve:>6.2f} {c_solve:>15.3f} {c_check:>13.3f} {c_check / c_solve:>6.2f}")


if __name__ == "__main__":
    main()
