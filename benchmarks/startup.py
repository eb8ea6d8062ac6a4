"""Start-up: ``exactgame --help``, each subcommand's ``--help`` and ``import exactgame``, against ``python -c pass``.

Whole processes, median of --repeat runs each, in one run of this script (issue 25: target under
0.5 s for ``exactgame --help`` and for ``import exactgame``). The subcommands import their modules
lazily, so ``exactgame SUB --help`` costs what ``exactgame --help`` costs plus that subcommand's parser.

    .venv/bin/python benchmarks/startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from _timing import process_time, record, seconds

SUBCOMMANDS = ["persuade", "cheaptalk", "dialogue", "bargain", "payoffs", "verify", "reproduce"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    exe = shutil.which("exactgame") or str(Path(py).with_name("exactgame"))
    base, base_mem = process_time([py, "-c", "pass"], args.repeat)
    print(f"{'command':40s} {'wall':>9s} {'peak MiB':>9s} {'- python -c pass':>17s}")
    print(f"{'python -c pass':40s} {base:9.3f} {base_mem:9.1f}")
    rows = [("import exactgame", [py, "-c", "import exactgame"]), ("exactgame --help", [exe, "--help"])]
    rows += [(f"exactgame {s} --help", [exe, s, "--help"]) for s in SUBCOMMANDS]
    for name, cmd in rows:
        t, mem = process_time(cmd, args.repeat)
        print(f"{name:40s} {t:9.3f} {mem:9.1f} {t - base:17.3f}")
        if name in ("import exactgame", "exactgame --help"):
            record(f"start-up: `{name}` (whole process)", seconds(t), f"`python -c pass` {seconds(base)}",
                   f"+{t - base:.2f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()
