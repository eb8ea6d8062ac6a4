"""Run the benchmarks once and rebuild the README's performance table from that one run.

Each benchmark script calls ``_timing.record(...)`` for the rows it contributes; this script runs
them (the list below, each as its own process, one after another, so their timings do not compete
with each other), with ``EXACTGAME_BENCH_ROWS`` pointing at one JSON-lines file, then writes the
rows as a Markdown table between the markers ``<!-- perf-table:begin -->`` and
``<!-- perf-table:end -->`` in README.md, stamped with the date, the machine's core count and
the load average before the run. Every ratio in the table therefore comes from one run of one script.

    .venv/bin/python benchmarks/perf_table.py            # all, then README.md rewritten
    .venv/bin/python benchmarks/perf_table.py --only startup,minkowski --dry-run
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN, END = "<!-- perf-table:begin -->", "<!-- perf-table:end -->"

#: (name, arguments of the script benchmarks/<name>.py): sizes chosen so the whole run stays within minutes.
RUNS: list[tuple[str, list[str]]] = [
    ("startup", ["--repeat", "5"]),
    ("lp_vs_highs", ["--sizes", "25,50,100", "--cdd-max", "15", "--repeat", "5", "--processes"]),
    ("minkowski", []),
    ("minkowski_polymake", ["--repeat", "1", "--polymake-max", "20"]),
    ("payoffs_hull", ["--skip-cdd", "--repeat", "3"]),
    ("bargaining_nash", []),
    ("cheaptalk_states", []),
    ("dialogue_spy", ["--rounds", "20", "--budget", "60"]),
    ("acquisition_subsidy", ["--repeat", "1"]),
    ("sweep_throughput", ["--n", "2000"]),
]


def table(rows: list[dict], stamp: str) -> str:
    """The Markdown table of ``rows`` (dicts with workload, exactgame, anchor, ratio, script).

    >>> print(table([{"workload": "w", "exactgame": "1 s", "anchor": "a 2 s", "ratio": "0.5x", "script": "s.py"}], "x"))
    x
    <BLANKLINE>
    | workload | exactgame | anchor | ratio | script |
    |---|---|---|---|---|
    | w | 1 s | a 2 s | 0.5x | `s.py` |
    """
    out = [stamp, "", "| workload | exactgame | anchor | ratio | script |", "|---|---|---|---|---|"]
    out += [f"| {r['workload']} | {r['exactgame']} | {r['anchor']} | {r['ratio']} | `{r['script']}` |" for r in rows]
    return "\n".join(out)


def splice(text: str, block: str) -> str:
    """``text`` with the part between the markers replaced by ``block`` (markers kept).

    >>> splice("a\\n<!-- perf-table:begin -->\\nold\\n<!-- perf-table:end -->\\nb", "new")
    'a\\n<!-- perf-table:begin -->\\nnew\\n<!-- perf-table:end -->\\nb'
    """
    i, j = text.find(BEGIN), text.find(END)
    if i < 0 or j < i:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} block to rewrite")
    return text[: i + len(BEGIN)] + "\n" + block + "\n" + text[j:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated script names (default: all of RUNS)")
    ap.add_argument("--dry-run", action="store_true", help="print the table, leave README.md alone")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per script (default 1800)")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    load = os.getloadavg()[0]  # float-ok: reported, not computed with
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        env = dict(os.environ, EXACTGAME_BENCH_ROWS=str(rows_file))
        for name, extra in RUNS:
            script = HERE / f"{name}.py"
            if (only and name not in only) or not script.exists():
                continue
            t0 = time.perf_counter()
            print(f"== {name} {' '.join(extra)}", flush=True)
            try:
                rc = subprocess.run([sys.executable, str(script), *extra], env=env, cwd=ROOT, timeout=args.timeout).returncode
            except subprocess.TimeoutExpired:
                rc = "timeout"
            print(f"== {name}: exit {rc}, {time.perf_counter() - t0:.0f} s", flush=True)
        rows = [json.loads(line) for line in rows_file.read_text().splitlines()] if rows_file.exists() else []
    stamp = (f"One run of `benchmarks/perf_table.py` on {datetime.date.today().isoformat()}, {os.cpu_count()} cores, "
             f"load average {load:.1f} before the run; each ratio is within one script's run.")
    block = table(rows, stamp)
    if args.dry_run:
        print(block)
        return 0
    readme = ROOT / "README.md"
    readme.write_text(splice(readme.read_text(), block))
    print(f"README.md: {len(rows)} rows written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
