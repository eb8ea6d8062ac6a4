r"""Lemma 1 and Theorem 5 of 001_9d9f8fe1d5e70189.txt in a dialogue document, checked from the utilities.

* ``lemma1`` (Lemma 1, corrected: :math:`\pi^1_S = \pi^0_S`, :math:`\pi^1_B = W^* - \pi^0_S` at
  every point mass :math:`D_S = e_s`): per instance :math:`\pi^0` and :math:`W^*` are
  recomputed, :math:`\pi^1` is proved by Bob's split and its envelope witness
  (:func:`~exactgame.check.dialogue.check_envelope`), and ``holds`` / ``as_printed`` (the
  printed form :math:`\pi^1_B = W^* - \pi^0_B`) are re-decided.
* ``theorem5`` (binary buyer values :math:`v_0 < v_1`, costs :math:`c_1 < \dots < c_n < v_0`):
  the thresholds :math:`p^*_j = (v_0 - c_j)/(v_1 - c_j)` and each part's indifference
  distribution :math:`q^X` are recomputed, the supports must be strictly nested (Lemma 6),
  Sally's split must average to :math:`D_S` with the parts' weights; round 1 at every part
  and at the start is proved by its envelope witness. Then, with :math:`W^*` recomputed,
  Sally's value must be :math:`W^* - \pi^1_B(D_S, D_B)` and Bob's :math:`\pi^1_B(D_S, D_B)`: no
  voluntary refinement gives Sally more (Bob keeps at least :math:`\pi^1_B` by (3), welfare is at
  most :math:`W^*`), so this is round 2's value and it is efficient (Theorem 5, eq. (5)).

>>> from fractions import Fraction as F
>>> indifference(["1", "3"], [F(1, 2), F(2, 5), F(1, 4)])
(Fraction(1, 3), Fraction(0, 1), Fraction(2, 3))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..numbers import Vector, fmt
from .core import expect, expect_equal, lookup, num, table, vec
from .dialogue import Table, base_payoffs, check_envelope, check_split
from .games import CheckedGame

__all__ = ["check_lemma1", "check_theorem5", "check_signals", "indifference", "type_names"]

ZERO = Fraction(0)


def type_names(g: CheckedGame) -> tuple[list[str], list[str]]:
    """Sally's and Bob's type names in the engines' order (bilateral trade: the sorted costs and values).

    Parameters
    ----------
    g : CheckedGame
        a ``dialogue`` or ``bilateral-trade`` game.

    Returns
    -------
    tuple of (list of str, list of str)

    >>> type_names(CheckedGame("bilateral-trade", raw={"seller_costs": ["2", "0"], "buyer_values": ["6", "3"]}))
    (['0', '2'], ['3', '6'])
    """
    if g.kind == "bilateral-trade":
        return ([fmt(x) for x in sorted(vec(g.raw.get("seller_costs"), "game/seller_costs"))],
                [fmt(x) for x in sorted(vec(g.raw.get("buyer_values"), "game/buyer_values"))])
    return [str(x) for x in g.raw.get("sally_types") or []], [str(x) for x in g.raw.get("bob_types") or []]


def _flag(sec: Mapping[str, Any], name: str, value: bool, key: str) -> None:
    expect(sec.get(name) is value, f"{key}/{name}", lambda: f"expected {value}, the document says {sec.get(name)!r}")


def check_lemma1(sec: Any, u: Table, nA: int, DB: Vector, key: str = "lemma1", names: Sequence[str] | None = None) -> list[str]:
    """The ``lemma1`` section (module docstring); returns the keys proved.

    Parameters
    ----------
    sec : mapping
        the section (``instances``, ``holds``).
    u : Table
        the utilities.
    nA : int
        the number of actions.
    DB : Vector
        Bob's distribution.
    key : str
        the section's path.
    names : sequence of str, optional
        Sally's type names (checked against ``sally_type``).

    Returns
    -------
    list of str
        ``[key]``.

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> check_lemma1({"instances": []}, {(0, 0): ((Fraction(1), Fraction(0)),)}, 1, (Fraction(1),))
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: lemma1/instances: expected one instance per Sally type
    """
    sec = table(sec, key)
    nS = len({s for s, _ in u})
    inst: Any = sec.get("instances")
    expect(isinstance(inst, list) and len(inst) == nS, f"{key}/instances", "expected one instance per Sally type")
    holds = True
    for s, i in enumerate(inst):
        k = f"{key}/instances/{s}"
        i = table(i, k)
        expect(i.get("s") == s, f"{k}/s", "instances are not Sally's types in order")
        expect(names is None or i.get("sally_type") == names[s], f"{k}/sally_type", "not the name of Sally's type s")
        e = tuple(Fraction(int(j == s)) for j in range(nS))
        pi0 = base_payoffs(u, nA, e, DB)
        expect_equal(f"{k}/pi0", vec(i.get("pi0"), f"{k}/pi0", 2), pi0)
        W = sum((wb * max(x + y for x, y in u[(s, b)]) for b, wb in enumerate(DB)), ZERO)
        expect_equal(f"{k}/efficient_welfare", num(i.get("efficient_welfare"), f"{k}/efficient_welfare"), W)
        pi1 = check_envelope(u, nA, e, DB, table(i.get("split"), f"{k}/split"), table(i.get("envelope"), f"{k}/envelope"), f"{k}/split")
        expect_equal(f"{k}/pi1", vec(i.get("pi1"), f"{k}/pi1", 2), pi1)
        ok = pi1 == (pi0[0], W - pi0[0])
        _flag(i, "holds", ok, k)
        _flag(i, "as_printed", pi1 == (pi0[0], W - pi0[1]), k)
        holds = holds and ok
    _flag(sec, "holds", holds, key)
    return [key]


def indifference(X: Sequence[Any], pstar: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """The indifference distribution :math:`q^X` of Section 3.5.3 (X: 1-based cost indices).

    :math:`q^X_{x(i)} = (1/p^*_{x(i)} - 1/p^*_{x(i-1)}) / (1/p^*_{x(k)} - 1)`, :math:`1/p^*_{x(0)} = 1`.

    Parameters
    ----------
    X : sequence
        increasing 1-based indices (ints or exact strings).
    pstar : sequence of Fraction
        the thresholds.

    Returns
    -------
    tuple of Fraction
        the distribution over the n costs.

    >>> indifference([1], [Fraction(1, 2)])
    (Fraction(1, 1),)
    """
    xs = [int(num(x, "support")) for x in X]
    q = [ZERO] * len(pstar)
    prev = Fraction(1)
    den = 1 / pstar[xs[-1] - 1] - 1
    for j in xs:
        q[j - 1] = (1 / pstar[j - 1] - prev) / den
        prev = 1 / pstar[j - 1]
    return tuple(q)


def _thresholds(g: CheckedGame, key: str) -> list[Fraction]:
    expect(g.kind == "bilateral-trade", f"{key}", "Theorem 5 is about bilateral trade")
    costs = sorted(vec(g.raw.get("seller_costs"), "game/seller_costs"))
    values = sorted(vec(g.raw.get("buyer_values"), "game/buyer_values"))
    expect(len(values) == 2, key, "Theorem 5 needs two buyer values")
    v0, v1 = values
    expect(costs[-1] < v0, key, "Theorem 5 needs every seller cost below the low value")
    return [(v0 - c) / (v1 - c) for c in costs]


def _check_parts(sec: Mapping[str, Any], pstar: list[Fraction], key: str) -> list[tuple[Fraction, Vector]]:
    """Lemma 6: the parts are indifference distributions with strictly nested supports."""
    n = len(pstar)
    parts: Any = table(sec.get("lemma6"), f"{key}/lemma6").get("parts")
    expect(isinstance(parts, list) and parts, f"{key}/lemma6/parts", "expected the parts of the decomposition")
    out, last = [], None
    for i, pt in enumerate(parts):
        k = f"{key}/lemma6/parts/{i}"
        pt = table(pt, k)
        sup: Any = pt.get("support")
        expect(isinstance(sup, list) and sup and all(type(x) is int for x in sup) and sup == sorted(set(sup))
               and 1 <= sup[0] and sup[-1] <= n, f"{k}/support", "expected increasing cost indices 1..n")
        q = vec(pt.get("q"), f"{k}/q", n)
        expect_equal(f"{k}/q", q, indifference(sup, pstar))
        expect(last is None or (set(sup) < last), f"{k}/support", "the supports are not strictly nested")
        last = set(sup)
        w = num(pt.get("weight"), f"{k}/weight")
        expect(w > 0, f"{k}/weight", "a weight is not positive")
        out.append((w, q))
    return out


def _check_bob(sec: Mapping[str, Any], u: Table, nA: int, parts, DB: Vector, pstar, key: str) -> list[Vector]:
    """Round 1 at every part, proved by its envelope witness; the paper's split where ``as_paper``."""
    bob: Any = sec.get("bob")
    expect(isinstance(bob, list) and len(bob) == len(parts), f"{key}/bob", "expected round 1 at every part")
    vals: list[Vector] = []
    for i, ((_, q), b) in enumerate(zip(parts, bob)):
        k = f"{key}/bob/{i}"
        b = table(b, k)
        expect_equal(f"{k}/q", vec(b.get("q"), f"{k}/q", len(q)), q)
        split = table(b.get("split"), f"{k}/split")
        v = check_envelope(u, nA, q, DB, split, table(b.get("envelope"), f"{k}/envelope"), f"{k}/split")
        expect_equal(f"{k}/pi1", vec(b.get("pi1"), f"{k}/pi1", 2), v)
        ps, p = pstar[max(i for i, x in enumerate(q) if x)], DB[1]   # the paper: silent if p <= p*_{x(k)}, else onto p*_{x(k)}, 1
        want = [DB] if p <= ps else [(1 - ps, ps), (ZERO, Fraction(1))]
        _flag(b, "as_paper", [vec(x, f"{k}/split/posteriors", 2) for x in split.get("posteriors") or []] == want, k)
        vals.append(v)
    return vals


def check_theorem5(sec: Any, g: CheckedGame, u: Table, nA: int, DS: Vector, DB: Vector, W: Fraction,
                   key: str = "theorem5") -> list[str]:
    """The ``theorem5`` section (module docstring); returns the keys proved.

    Parameters
    ----------
    sec : mapping
        the section.
    g : CheckedGame
        the bilateral-trade game.
    u : Table
        its utilities.
    nA : int
        the number of actions.
    DS, DB : Vector
        the start point.
    W : Fraction
        :math:`W^*(D_S, D_B)`, recomputed by the caller.
    key : str
        the section's path.

    Returns
    -------
    list of str
        the section's claim keys.

    Raises
    ------
    CheckFailure
        at the first condition that fails.

    >>> g = CheckedGame("bilateral-trade", raw={"seller_costs": ["3"], "buyer_values": ["3", "6"]})
    >>> check_theorem5({}, g, {}, 3, (Fraction(1),), (Fraction(1, 2), Fraction(1, 2)), Fraction(0))
    Traceback (most recent call last):
    ...
    exactgame.check.core.CheckFailure: theorem5: Theorem 5 needs every seller cost below the low value
    """
    pstar = _thresholds(g, key)
    sec = table(sec, key)
    expect_equal(f"{key}/thresholds", vec(sec.get("thresholds"), f"{key}/thresholds", len(pstar)), tuple(pstar))
    expect_equal(f"{key}/p", num(sec.get("p"), f"{key}/p"), DB[1])
    expect_equal(f"{key}/q", vec(sec.get("q"), f"{key}/q", len(DS)), DS)
    parts = _check_parts(sec, pstar, key)
    vals = _check_bob(sec, u, nA, parts, DB, pstar, key)
    start = table(sec.get("start"), f"{key}/start")
    pi1 = check_envelope(u, nA, DS, DB, table(start.get("split"), f"{key}/start/split"),
                         table(start.get("envelope"), f"{key}/start/envelope"), f"{key}/start/split")
    expect_equal(f"{key}/start/pi1", vec(start.get("pi1"), f"{key}/start/pi1", 2), pi1)
    l7 = table(sec.get("lemma7"), f"{key}/lemma7")
    split = table(l7.get("split"), f"{key}/lemma7/split")
    expect(split.get("speaker") == "sally", f"{key}/lemma7/split", "expected Sally's split")
    posts, weights, total = check_split(split, f"{key}/lemma7/split", DS)
    expect_equal(f"{key}/lemma7/split/posteriors", posts, [q for _, q in parts])
    expect_equal(f"{key}/lemma7/split/weights", weights, [w for w, _ in parts])
    expect_equal(f"{key}/lemma7/split/values", [vec(v, f"{key}/lemma7/split/values", 2) for v in split.get("values") or []], vals)
    expect_equal(f"{key}/lemma7/pi2", vec(l7.get("pi2"), f"{key}/lemma7/pi2", 2), total)
    expect(total[0] >= pi1[0] and total[1] >= pi1[1], f"{key}/lemma7", "Sally's signal is not voluntary (3)")
    eq5 = total == (W - pi1[1], pi1[1])
    _flag(l7, "eq5", eq5, f"{key}/lemma7")
    _flag(l7, "as_printed", total[0] == W - pi1[0], f"{key}/lemma7")
    expect_equal(f"{key}/efficient_welfare", num(sec.get("efficient_welfare"), f"{key}/efficient_welfare"), W)
    _flag(sec, "efficient", eq5 and sum(total) == W, key)
    return [f"{key}/{k}" for k in ("thresholds", "lemma6", "bob", "start", "lemma7", "efficient")]


def _refinement(doc: Mapping[str, Any], source: str, nS: int, nB: int) -> tuple[str, Vector, list[Vector], list[Fraction], Fraction | int]:
    """(speaker, prior, posteriors, weights, round) of the refinement at ``source``: a split or a start-path move."""
    ref = table(lookup(doc, source), source)
    if "posteriors" in ref:
        who: Any = ref.get("speaker")
        expect(who in ("bob", "sally"), f"{source}/speaker", "expected bob or sally")
        n = nB if who == "bob" else nS
        posts = [vec(d, f"{source}/posteriors", n) for d in ref.get("posteriors") or []]
        return (who, vec(ref.get("prior"), f"{source}/prior", n), posts, list(vec(ref.get("weights"), f"{source}/weights", len(posts))),
                1 if who == "bob" else 2)
    parts = source.split("/")
    expect(parts[:2] == ["protocol", "start_path"] and len(parts) == 5, source, "not a split or a start-path move")
    step = table(lookup(doc, "/".join(parts[:3])), source)
    who = step.get("speaker")
    expect(who in ("bob", "sally"), source, "expected bob or sally")
    axis = 0 if who == "bob" else 1
    x = vec(ref.get("from"), f"{source}/from", 2)[axis]
    to: Any = ref.get("to")
    expect(isinstance(to, list) and to, f"{source}/to", "expected the children")
    kids = [vec(c, f"{source}/to", 3) for c in to]
    return who, (1 - x, x), [(1 - c[1 + axis], c[1 + axis]) for c in kids], [c[0] for c in kids], num(step.get("t"), f"{source}/t")


def check_signals(doc: Mapping[str, Any], names: tuple[Sequence[str], Sequence[str]], key: str = "signals") -> list[str]:
    """Every ``signals`` entry is its source refinement in likelihood form, recomputed here.

    :math:`P(k \\mid \\theta) = w_k D_k(\\theta) / D(\\theta)`, ``None`` where :math:`D(\\theta) = 0`;
    the messages must be the source's posteriors and weights, the types the speaker's, and
    ``t`` the round (a start-path step's; 1 for Bob's and 2 for Sally's splits of the point
    engine, Lemma 1 and Theorem 5).

    Parameters
    ----------
    doc : mapping
        the document (the sources are paths in it).
    names : tuple of (sequence of str, sequence of str)
        Sally's and Bob's type names (:func:`type_names`).
    key : str
        the section's path.

    Returns
    -------
    list of str
        ``[key]``.

    Raises
    ------
    CheckFailure
        at the first entry that does not hold.

    >>> doc = {"s": {"speaker": "bob", "prior": ["1/2", "1/2"], "posteriors": [["1", "0"], ["0", "1"]], "weights": ["1/2", "1/2"]},
    ...        "signals": [{"source": "s", "speaker": "bob", "t": 1, "types": ["lo", "hi"], "messages": [{"posterior": ["1", "0"], "probability": "1/2"},
    ...                    {"posterior": ["0", "1"], "probability": "1/2"}], "likelihood": {"lo": ["1", "0"], "hi": ["0", "1"]}}]}
    >>> check_signals(doc, (["x"], ["lo", "hi"]))
    ['signals']
    """
    entries: Any = doc.get(key)
    expect(isinstance(entries, list), key, "expected a list of signals")
    for i, e in enumerate(entries):
        k = f"{key}/{i}"
        e = table(e, k)
        src: Any = e.get("source")
        expect(isinstance(src, str), f"{k}/source", "expected a document path")
        who, prior, posts, weights, t = _refinement(doc, src, len(names[0]), len(names[1]))
        expect(e.get("speaker") == who, f"{k}/speaker", "not the source's speaker")
        expect(e.get("t") == t, f"{k}/t", lambda: f"expected round {t}")
        types = list(names[1] if who == "bob" else names[0])
        expect(e.get("types") == types, f"{k}/types", "not the speaker's type names")
        msgs: Any = e.get("messages")
        expect(isinstance(msgs, list) and len(msgs) == len(posts), f"{k}/messages", "expected one message per posterior")
        for j, (m, d, w) in enumerate(zip(msgs, posts, weights)):
            m = table(m, f"{k}/messages/{j}")
            expect_equal(f"{k}/messages/{j}/posterior", vec(m.get("posterior"), f"{k}/messages/{j}/posterior", len(prior)), d)
            expect_equal(f"{k}/messages/{j}/probability", num(m.get("probability"), f"{k}/messages/{j}/probability"), w)
        lik = table(e.get("likelihood"), f"{k}/likelihood")
        expect(list(lik) == types, f"{k}/likelihood", "expected one row per type, in order")
        rows: Any = list(lik.values())
        for t, (row, dt) in enumerate(zip(rows, prior)):
            want = None if not dt else tuple(w * d[t] / dt for d, w in zip(posts, weights))
            got = None if row is None else vec(row, f"{k}/likelihood/{t}", len(posts))
            expect_equal(f"{k}/likelihood/{t}", got, want)
    return [key]
