"""The ``reproduce`` subcommand: the catalogue of published numbers."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from .common import register_subcommand

# -- reproduce ------------------------------------------------------------------------


def _reproduce_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", help="only the entries of this seed file")


def _reproduce(args: argparse.Namespace) -> tuple[Any, str, int]:
    from ..display.citations import reference
    from ..reproduce import run

    results = run(args.source)
    if not results:
        raise InputError(f"--source: no catalogue entries for {args.source!r}")
    lines = []
    width = max(len(o.entry.item) for o in results)
    last = None
    for o in results:
        if o.entry.source != last:
            lines.append(reference(o.entry.source))
            last = o.entry.source
        mark = "✓" if o.ok else "✗"
        lines.append(f"  {mark} {o.entry.item.ljust(width)}  {o.computed}")
        if not o.ok:
            lines.append(f"      expected: {o.entry.expected}" + (f"  ({o.error})" if o.error else ""))
    n_ok = sum(o.ok for o in results)
    lines.append(f"{n_ok} of {len(results)} published numbers reproduced, certificates verified")
    return [o.to_dict() for o in results], "\n".join(lines), 0 if n_ok == len(results) else 1


register_subcommand("reproduce", "recompute the published numbers of the seed papers", _reproduce_args, _reproduce)
