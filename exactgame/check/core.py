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
    """A key of the document does not hold: ``key``, what it claims and what is proved.

    Parameters
    ----------
    key : str
        the ``/``-path of the failing key (kept as ``.key``).
    message : str
        what does not hold.
    claimed, proved : any, optional
        the document's value and the proved one, appended to the message when either is given.

    >>> e = CheckFailure("value", "the claimed value is not the proved one", Fraction(3, 4), Fraction(2, 3))
    >>> e.key, str(e)
    ('value', 'value: the claimed value is not the proved one (claimed 3/4, proved 2/3)')
    """

    def __init__(self, key: str, message: str, claimed: Any = None, proved: Any = None):
        self.key, self.claimed, self.proved = key, claimed, proved
        extra = ""
        if claimed is not None or proved is not None:
            extra = f" (claimed {show(claimed)}, proved {show(proved)})"
        super().__init__(f"{key}: {message}{extra}")


def show(x: Any) -> str:
    """Short exact text of a value for messages.

    Parameters
    ----------
    x : any
        numbers print exactly (cut after 60 characters beyond 200), lists and tuples as
        ``(a, b)``, dicts as ``{k: v}``, anything else with ``str`` (cut at 200).

    Returns
    -------
    str
        the text.

    >>> show([Fraction(1, 2), {"a": 3}]), show(True)
    ('(1/2, {a: 3})', 'True')
    """
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
    """An exact number from a document value (``"2/7"``, an int); CheckFailure otherwise.

    Texts longer than 4000 characters must be a plain ratio ``-p/q`` of at most
    :data:`MAX_RATIO_CHARS` characters (read with flint); shorter ones go through
    :func:`~exactgame.numbers.to_fraction`.

    Parameters
    ----------
    value : any
        the document value.
    key : str
        its ``/``-path, for the message.

    Returns
    -------
    Fraction
        the exact value.

    Raises
    ------
    CheckFailure
        for None, a bool, a float, a non-number or a zero denominator.

    >>> num("2/7", "x"), num(3, "x")
    (Fraction(2, 7), Fraction(3, 1))
    >>> num(0.5, "prior/0")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: prior/0: not an exact number: prior/0: 0.5 is a float, and floats are not exact (0.5 is not 1/2 in binary); pass "0.5" (a string) or Fraction(1, 2)
    """
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
    """A list of exact numbers (of the given length).

    Parameters
    ----------
    values : any
        the document value, a list (or tuple).
    key : str
        its ``/``-path; entry ``i`` is reported as ``key/i``.
    length : int or None, optional
        the required length.

    Returns
    -------
    tuple of Fraction
        the exact entries.

    Raises
    ------
    CheckFailure
        for a non-list, a wrong length or an entry that is not exact.

    >>> vec(["1/2", "1/2"], "prior", 2)
    (Fraction(1, 2), Fraction(1, 2))
    >>> vec(["1"], "prior", 2)
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: prior: expected 2 entries, found 1
    """
    if not isinstance(values, (list, tuple)):
        raise CheckFailure(key, f"expected a list of numbers, found {show(values)}")
    out = tuple(num(v, f"{key}/{i}") for i, v in enumerate(values))
    if length is not None and len(out) != length:
        raise CheckFailure(key, f"expected {length} entries, found {len(out)}")
    return out


def table(values: Any, key: str) -> Mapping[str, Any]:
    """A JSON object.

    Parameters
    ----------
    values : any
        the document value.
    key : str
        its ``/``-path.

    Returns
    -------
    Mapping
        ``values`` itself, once checked to be a mapping.

    Raises
    ------
    CheckFailure
        for anything but a mapping.

    >>> table({"a": 1}, "options")
    {'a': 1}
    >>> table([1], "options")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: options: expected a table, found (1)
    """
    if not isinstance(values, Mapping):
        raise CheckFailure(key, f"expected a table, found {show(values)}")
    return values


def lookup(doc: Mapping[str, Any], path: str) -> Any:
    """The value at a ``/``-separated path of the document (CheckFailure if absent).

    Parameters
    ----------
    doc : mapping
        the document.
    path : str
        keys of tables and decimal indices of lists, joined by ``/``.

    Returns
    -------
    object
        the value found.

    Raises
    ------
    CheckFailure
        at ``path`` when a part is missing.

    >>> lookup({"certificates": {"rows": [{"x": "1"}]}}, "certificates/rows/0/x")
    '1'
    """
    node: Any = doc
    for part in path.split("/"):
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise CheckFailure(path, "the key is missing")
    return node


def expect(condition: object, key: str, message: Any) -> None:
    """Raise CheckFailure(key, message) unless ``condition``; ``message`` may be a function
    returning the text, so that it is only formatted on failure.

    Parameters
    ----------
    condition : object
        tested for truth (an empty list is false).
    key : str
        the ``/``-path reported.
    message : str or callable () -> str
        the text, or a function building it.

    Raises
    ------
    CheckFailure
        when ``condition`` is false.

    >>> expect(Fraction(1, 2) >= 0, "x/0", "negative")
    >>> expect([], "states", lambda: "expected at least one state")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: states: expected at least one state
    """
    if not condition:
        raise CheckFailure(key, message() if callable(message) else message)


def expect_equal(key: str, claimed: Any, proved: Any) -> None:
    """The document's value at ``key`` must equal what the certificates prove.

    Parameters
    ----------
    key : str
        the ``/``-path.
    claimed : any
        the document's value.
    proved : any
        the proved value (compared with ``==``).

    Raises
    ------
    CheckFailure
        with both values, when they differ.

    >>> expect_equal("value", [Fraction(1, 2)], [Fraction(1, 2)])
    >>> expect_equal("value", "3/4", "2/3")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: value: the claimed value is not the proved one (claimed 3/4, proved 2/3)
    """
    if claimed != proved:
        raise CheckFailure(key, "the claimed value is not the proved one", claimed, proved)


@dataclass
class SparseLP:
    """``optimize c.x s.t. rows of ub (<=), rows of eq (=), x >= 0``; a row is ``({col: coef}, rhs)``.

    Parameters
    ----------
    c : sequence of Fraction
        the objective, one entry per column.
    ub, eq : sequence of (dict, Fraction)
        inequality and equality rows: the nonzero coefficients by column, and the right side.
    maximize : bool
        maximize (else minimize) ``c.x``.

    >>> lp = SparseLP(c=[Fraction(1), Fraction(2)], ub=[({0: Fraction(1), 1: Fraction(1)}, Fraction(1))], eq=[],
    ...               maximize=True)
    >>> lp.value([Fraction(1, 3), Fraction(2, 3)])
    Fraction(5, 3)
    """

    c: Sequence[Fraction]
    ub: Sequence[tuple[Mapping[int, Fraction], Fraction]]
    eq: Sequence[tuple[Mapping[int, Fraction], Fraction]]
    maximize: bool

    def value(self, x: Sequence[Fraction]) -> Fraction:
        """The objective ``c.x``.

        Parameters
        ----------
        x : sequence of Fraction
            a point.

        Returns
        -------
        Fraction
            ``sum_j c_j x_j``.
        """
        return sum((Fraction(cj) * xj for cj, xj in zip(self.c, x) if cj and xj), Fraction(0))


def _row_dot(row: Mapping[int, Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((a * x[j] for j, a in row.items() if x[j]), Fraction(0))


def _check_primal_feasible(lp: SparseLP, x: Sequence[Fraction], key: str) -> None:
    """``x >= 0`` and every row of the rebuilt LP holds at ``x``."""
    for j, v in enumerate(x):
        expect(v >= 0, f"{key}/x/{j}", lambda: f"x[{j}] = {fmt(v)} is negative")
    for i, (row, b) in enumerate(lp.ub):
        expect(_row_dot(row, x) <= b, f"{key}/x", lambda: f"inequality row {i} of the rebuilt LP is violated")
    for i, (row, b) in enumerate(lp.eq):
        expect(_row_dot(row, x) == b, f"{key}/x", lambda: f"equality row {i} of the rebuilt LP is violated")


def check_lp_optimal(lp: SparseLP, cert: Any, key: str) -> tuple[Fraction, ...]:
    """Check an ``lp-optimal`` witness against the rebuilt LP; return the optimal ``x``.

    The certificate's ``x``, ``y_ub`` and ``y_eq`` are used; any problem data it carries
    is ignored (the problem is the rebuilt one). Checked, in order: ``x >= 0``, every row of
    the rebuilt LP at ``x``, ``y_ub >= 0``, the dual rows ``A_ub^T y_ub + A_eq^T y_eq >= s c``
    and equal objectives ``s c.x = b.y`` (see the module text).

    Parameters
    ----------
    lp : SparseLP
        the LP rebuilt from the game.
    cert : any
        the document's ``lp-optimal`` certificate (a table with ``x``, ``y_ub``, ``y_eq``).
    key : str
        the certificate's ``/``-path.

    Returns
    -------
    tuple of Fraction
        the proved optimal ``x``.

    Raises
    ------
    CheckFailure
        at the first condition that fails (wrong kind or lengths included).

    >>> lp = SparseLP(c=[Fraction(1)], ub=[({0: Fraction(1)}, Fraction(2))], eq=[], maximize=True)
    >>> check_lp_optimal(lp, {"certificate": "lp-optimal", "x": ["2"], "y_ub": ["1"], "y_eq": []}, "lp")
    (Fraction(2, 1),)
    >>> check_lp_optimal(lp, {"certificate": "lp-optimal", "x": ["1"], "y_ub": ["1"], "y_eq": []}, "lp")
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: lp: primal value 1 and dual value 2 differ: no optimality proof
    """
    cert = table(cert, key)
    if cert.get("certificate") != "lp-optimal":
        raise CheckFailure(key, f"expected an lp-optimal certificate, found {cert.get('certificate')!r}")
    n = len(lp.c)
    x = vec(cert.get("x"), f"{key}/x", n)
    y_ub = vec(cert.get("y_ub"), f"{key}/y_ub", len(lp.ub))
    y_eq = vec(cert.get("y_eq"), f"{key}/y_eq", len(lp.eq))
    _check_primal_feasible(lp, x, key)
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
