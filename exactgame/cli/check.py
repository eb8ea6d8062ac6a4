"""The ``check`` subcommand: a built-in conjecture check (:mod:`exactgame.research.properties`)."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError
from .common import register_subcommand


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="the check (see --list)")
    p.add_argument("--list", action="store_true", help="list the built-in checks")
    p.add_argument("--max-examples", type=int, metavar="N", help="games to generate (default: the check's)")
    p.add_argument("--seed", type=int, default=0, help="hypothesis's seed (default 0): the same seed finds the same counterexample")
    p.add_argument("--out", metavar="DIR", help="write the counterexample (counterexample.json) and its refutation "
                                                "(refutation.json, for exactgame verify) into DIR")


def _listing() -> tuple[dict, str, int]:
    from ..research.properties import PROPERTIES, describe

    rows = [describe(p) for p in PROPERTIES.values()]
    lines = [f"{r['name']:30} expected to {'hold' if r['expected'] == 'holds' else 'FAIL'}: {r['source']}" for r in rows]
    return {"checks": rows}, "\n".join(lines), 0


def _search_entry(prop: Any, r: Any) -> dict[str, Any]:
    from ..research.properties import describe

    entry = {**describe(prop), "found": r.found, "examples": r.examples, "applicable": r.applicable, "seed": r.seed,
             "summary": r.summary(), "files": dict(r.files)}
    if r.verdict is not None:
        entry.update(detail=r.verdict.detail, facts=r.verdict.facts)
    if r.found:
        entry["counterexample"] = r.counterexample.canonical()
    return entry


def _check(args: argparse.Namespace) -> tuple[dict, str, int]:
    from ..research.properties import get_property, run
    from ..results import not_certified

    if args.list:
        return _listing()
    if not args.name:
        raise InputError("check: give the name of a check, or --list")
    if args.max_examples is not None and not 1 <= args.max_examples <= 100_000:
        raise InputError("--max-examples: expected 1 to 100000")
    prop = get_property(args.name)
    r = run(args.name, max_examples=args.max_examples, seed=args.seed, out=args.out)
    entry = _search_entry(prop, r)
    verdict = ("as expected" if r.found == (prop.expected == "fails") else
               "UNEXPECTED: a counterexample to a theorem" if r.found else "UNEXPECTED: the known failure was not found")
    lines = [f"check {prop.name}: {prop.statement}", f"  source: {prop.source}", f"  {r.summary()} ({verdict})"]
    doc = r.document()
    if doc is None:
        return {"search": entry}, "\n".join(lines), 0
    lines.append(f"  refuted by the certified keys of the {doc['command']} document"
                 + (f" ({r.files['refutation']}; exactgame verify re-checks it)" if "refutation" in r.files else
                    " (--json prints it; exactgame verify re-checks it)"))
    doc["search"] = entry
    doc["claims"]["search"] = not_certified("search", "how the counterexample was found (hypothesis search): the "
                                            "refutation is the certified keys of this document").to_dict()
    return doc, "\n".join(lines), 0


register_subcommand("check", "a built-in conjecture check: search for a shrunk counterexample", _check_args, _check)
