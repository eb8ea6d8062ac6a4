r"""The checker's few tools: exact decoding, claim comparison, and the LP-optimality check.

Everything here is plain :class:`fractions.Fraction` arithmetic. The LP check takes the
problem **as the checker rebuilt it from the game** and only the witnesses (primal ``x``,
dual ``y``) from the certificate:

``max s c.x  s.t.  A_ub x <= b_ub, A_eq x = b_eq, x >= 0`` (``s = +1`` maximizing, ``-1``
minimizing) is solved by ``x`` with value ``c.x`` if ``x`` is feasible, ``y_ub >= 0``,
``A_ub^T y_ub + A_eq^T y_eq >= s c`` and ``s c.x = b_ub.y_ub + b_eq.y_eq`` (weak duality:
every feasible ``x'`` has ``s c.x' <= y.A x' <= b.y``).

>>> lp = SparseLP(c=[1, 1], ub=[({0: 1, 1: 2}, 4), ({0: 3, 1: 1}, 6)], eq=[], maximize=True)
>>> x = check_lp_optimal(lp, {"certificate": "lp-optimal", "x": ["8/5", "6/5"], "y_ub": ["2/5", "1/5"], "y_eq": []}, "certificates/lp")
>>> [str(v) for v in x]
['8/5', '6/5']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..numbers import fmt, to_fraction

__all__ = ["CheckFailure", "num", "vec", "table", "expect", "expect_equal", "SparseLP", "check_lp_optimal", "lookup", "show"]


class CheckFailure(Exception):
    """A key of the document does not hold: ``key``, what it claims and what is proved."""

    def __init__(self, key: str, message: str, claimed: Any = None, proved: Any = None):
        self.key, self.claimed, self.proved = key, claimed, proved
        extra = ""
        if claimed is not None or proved is not None:
            extra = f" (claimed {show(claimed)}, proved {show(proved)})"
        super().__init__(f"{key}: {message}{extra}")


def show(x: Any) -> str:
    """Short exact text of a value for messages."""
    if isinstance(x, Fraction) or (isinstance(x, int) and not isinstance(x, bool)):
        text = fmt(x)
        return text if len(text) <= 200 else f"{text[:60]}...({len(text)} characters)"
    if isinstance(x, (list, tuple)):
        return "(" + ", ".join(show(v) for v in x) + ")"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in x.items()) + "}"
    text = str(x)
    return text if len(text) <= 200 else text[:200] + "..."


#: Longest exact ratio text the checker reads (what exactgame writes, it must read back; the
#: input parser's shorter limit guards game files, a result document is bounded by its file size).
MAX_RATIO_CHARS = 2_000_000
_RATIO = re.compile(r"-?[0-9]+(/[0-9]+)?")


def _big_int(text: str) -> int:
    import flint  # exact integers without Python's 4,300-digit str limit

    return int(flint.fmpz(text))


def num(value: Any, key: str) -> Fraction:
    """An exact number from a document value (``"2/7"``, an int); CheckFailure otherwise."""
    if isinstance(value, bool) or value is None:
        raise CheckFailure(key, f"expected an exact number, found {value!r}")
    if isinstance(value, str) and len(value) > 4000:
        if len(value) > MAX_RATIO_CHARS or not _RATIO.fullmatch(value):
            raise CheckFailure(key, f"not an exact ratio p/q of at most {MAX_RATIO_CHARS} characters")
        top, _, bottom = value.partition("/")
        neg = top.startswith("-")
        p = _big_int(top.lstrip("-"))
        q = _big_int(bottom) if bottom else 1
        if q == 0:
            raise CheckFailure(key, "division by zero")
        return Fraction(-p if neg else p, q)
    try:
        return to_fraction(value, where=key)
    except (ValueError, TypeError) as exc:
        raise CheckFailure(key, f"not an exact number: {exc}") from None


def vec(values: Any, key: str, length: int | None = None) -> tuple[Fraction, ...]:
    """A list of exact numbers (of the given length)."""
    if not isinstance(values, (list, tuple)):
        raise CheckFailure(key, f"expected a list of numbers, found {show(values)}")
    out = tuple(num(v, f"{key}/{i}") for i, v in enumerate(values))
    if length is not None and len(out) != length:
        raise CheckFailure(key, f"expected {length} entries, found {len(out)}")
    return out


def table(values: Any, key: str) -> Mapping[str, Any]:
    """A JSON object."""
    if not isinstance(values, Mapping):
        raise CheckFailure(key, f"expected a table, found {show(values)}")
    return values


def lookup(doc: Mapping[str, Any], path: str) -> Any:
    """The value at a ``/``-separated path of the document (CheckFailure if absent)."""
    node: Any = doc
    for part in path.split("/"):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise CheckFailure(path, "the key is missing")
    return node


def expect(condition: bool, key: str, message: Any) -> None:
    """Raise CheckFailure(key, message) unless ``condition``; ``message`` may be a function
    returning the text, so that it is only formatted on failure."""
    if not condition:
        raise CheckFailure(key, message() if callable(message) else message)


def expect_equal(key: str, claimed: Any, proved: Any) -> None:
    """The document's value at ``key`` must equal what the certificates prove."""
    if claimed != proved:
        raise CheckFailure(key, "the claimed value is not the proved one", claimed, proved)


@dataclass
class SparseLP:
    """``optimize c.x s.t. rows of ub (<=), rows of eq (=), x >= 0``; a row is ``({col: coef}, rhs)``."""

    c: Sequence[Fraction]
    ub: Sequence[tuple[Mapping[int, Fraction], Fraction]]
    eq: Sequence[tuple[Mapping[int, Fraction], Fraction]]
    maximize: bool

    def value(self, x: Sequence[Fraction]) -> Fraction:
        return sum((Fraction(cj) * xj for cj, xj in zip(self.c, x) if cj and xj), Fraction(0))


def _row_dot(row: Mapping[int, Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((a * x[j] for j, a in row.items() if x[j]), Fraction(0))


def check_lp_optimal(lp: SparseLP, cert: Any, key: str) -> tuple[Fraction, ...]:
    """Check an ``lp-optimal`` witness against the rebuilt LP; return the optimal ``x``.

    The certificate's ``x``, ``y_ub`` and ``y_eq`` are used; any problem data it carries
    is ignored (the problem is the rebuilt one).
    """
    cert = table(cert, key)
    if cert.get("certificate") != "lp-optimal":
        raise CheckFailure(key, f"expected an lp-optimal certificate, found {cert.get('certificate')!r}")
    n = len(lp.c)
    x = vec(cert.get("x"), f"{key}/x", n)
    y_ub = vec(cert.get("y_ub"), f"{key}/y_ub", len(lp.ub))
    y_eq = vec(cert.get("y_eq"), f"{key}/y_eq", len(lp.eq))
    for j, v in enumerate(x):
        expect(v >= 0, f"{key}/x/{j}", lambda: f"x[{j}] = {fmt(v)} is negative")
    for i, (row, b) in enumerate(lp.ub):
        expect(_row_dot(row, x) <= b, f"{key}/x", lambda: f"inequality row {i} of the rebuilt LP is violated")
    for i, (row, b) in enumerate(lp.eq):
        expect(_row_dot(row, x) == b, f"{key}/x", lambda: f"equality row {i} of the rebuilt LP is violated")
    for i, y in enumerate(y_ub):
        expect(y >= 0, f"{key}/y_ub/{i}", lambda: f"the multiplier {fmt(y)} of an inequality row is negative")
    s = 1 if lp.maximize else -1
    lhs = [Fraction(0)] * n
    for rows, ys in ((lp.ub, y_ub), (lp.eq, y_eq)):
        for (row, _), y in zip(rows, ys):
            if y:
                for j, a in row.items():
                    lhs[j] += a * y
    for j in range(n):
        expect(lhs[j] >= s * lp.c[j], f"{key}/y_ub", lambda: f"dual constraint of column {j} fails: {fmt(lhs[j])} < {fmt(s * lp.c[j])}")
    primal = s * lp.value(x)
    dual = sum((b * y for (_, b), y in zip(lp.ub, y_ub) if y), Fraction(0)) + sum((b * y for (_, b), y in zip(lp.eq, y_eq) if y), Fraction(0))
    expect(primal == dual, key, lambda: f"primal value {fmt(primal)} and dual value {fmt(dual)} differ: no optimality proof")
    return x
