"""Mutation helpers for the tamper tests: every numeric leaf and boolean of a result document."""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any, Iterator

from exactgame.numbers import fmt


def _number(v: Any) -> Fraction | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, str):
        try:
            return Fraction(v)
        except (ValueError, ZeroDivisionError):
            return None
    return None


def leaves(doc: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every numeric or boolean leaf."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaves(v, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from leaves(v, path + (i,))
    elif isinstance(doc, bool) or _number(doc) is not None:
        yield path, doc


def mutated(doc: dict, path: tuple, value: Any) -> dict:
    """A copy of ``doc`` with the leaf at ``path`` changed: a number plus 1/7 (ints stay ints: plus 1), a flipped boolean."""
    out = copy.deepcopy(doc)
    node = out
    for k in path[:-1]:
        node = node[k]
    if isinstance(value, bool):
        node[path[-1]] = not value
    elif isinstance(value, int):
        node[path[-1]] = value + 1
    else:
        node[path[-1]] = fmt(Fraction(value) + Fraction(1, 7))
    return out


def not_certified_prefixes(doc: dict) -> list[tuple]:
    """Paths of the claims labelled 'not certified' (changing them changes no certified meaning)."""
    out = []
    for key, c in doc.get("claims", {}).items():
        if c.get("status") == "not certified":
            out.append(tuple(int(p) if p.isdigit() else p for p in key.split("/")))
    return out
