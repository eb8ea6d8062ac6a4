r"""Checks of ``persuade --externalities`` documents (003_e54e9b7a7da88b3e.txt, Appendix B).

Rebuilt from the game: Definition 6 and the monotonicity of ``f`` by enumeration (a claimed
witness must be a violation; a claimed ``true`` must survive the whole enumeration); the reduced
LP (LP-Binary with the model ``none`` and without its (**) rows) checked against
``certificates/reduced_lp``, giving ``reduced_value``, ``alpha`` (duals of (*)) and ``y`` (duals of
the state rows); ``lemma4_holds`` as the equality of that optimum with LP-Binary's (proved by the
caller); the repaired scheme as one distribution per state, with (*), (**) and its value
recomputed.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec

__all__ = ["check_externalities"]


def _gain(u: Mapping, R, order: Mapping[str, int], w: str, i: int, s: tuple, name: Callable) -> Fraction:
    """``g_i(s)`` for ``i`` in ``s``: ``u_i(s) - u_i(s - i)``."""
    rest = tuple(r for r in s if r != R[i])
    return u[w][name(s)][i] - u[w][name(rest)][i]


def _definition6(g, subs, u, name) -> tuple[str, str, str, str] | None:
    R = g.players
    order = {r: j for j, r in enumerate(R)}
    for w in g.states:
        for s in subs:
            for i, ri in enumerate(R):
                if ri not in s:
                    continue
                gi = _gain(u, R, order, w, i, s, name)
                for rj in s:
                    if rj != ri and gi < _gain(u, R, order, w, i, tuple(r for r in s if r != rj), name):
                        return w, name(s), ri, rj
    return None


def _monotone(g, subs, f, name) -> tuple[str, str, str] | None:
    R = g.players
    order = {r: j for j, r in enumerate(R)}
    for w in g.states:
        for s in subs:
            for r in R:
                if r not in s and f[w][name(tuple(sorted(s + (r,), key=order.__getitem__)))] < f[w][name(s)]:
                    return w, name(s), r
    return None


def _witness(doc, key: tuple[str, str], found, fields: tuple[str, ...], violated: Callable[[Mapping], bool]) -> None:
    """``key`` (a bool) is ``found is None``; a claimed witness must be a violation."""
    flag, wit = lookup(doc, f"externalities/{key[0]}"), lookup(doc, f"externalities/{key[1]}")
    expect_equal(f"externalities/{key[0]}", flag, found is None)
    if found is None:
        expect_equal(f"externalities/{key[1]}", wit, None)
        return
    wit = table(wit, f"externalities/{key[1]}")
    expect(set(wit) == set(fields) and violated(wit), f"externalities/{key[1]}", "is not a violation")


def check_externalities(doc: Mapping[str, Any], g, mu: Mapping, subs: list, f: Mapping, u: Mapping, name: Callable,
                        full_lp: SparseLP, cols: list, full_value: Fraction) -> list[str]:
    """Check the ``externalities`` table (module doc).

    Parameters
    ----------
    doc : mapping
        The document.
    g : CheckedGame
        The multi-receiver game.
    mu : mapping
        ``state -> probability`` (the prior used).
    subs : list of tuple
        The sets, in order.
    f, u : mapping
        The sender's and receivers' tables.
    name : callable
        A set's name.
    full_lp : SparseLP
        LP-Binary (model ``none``) as rebuilt by the caller.
    cols : list
        Its scheme columns ``(state, set)``.
    full_value : Fraction
        LP-Binary's proved optimum.

    Returns
    -------
    list of str
        The keys proved.

    Raises
    ------
    CheckFailure
        At the first key that does not hold.

    >>> from exactgame.check import check_document
    >>> from exactgame.persuasion.externalities import positive_example   # the engine writes the document
    >>> from exactgame.persuasion.signals_report import externalities_report
    >>> doc = externalities_report(positive_example(), "none", None).document()
    >>> "externalities/lemma4_holds" in check_document(doc).proved
    True
    """
    R = g.players
    N = len(R)
    order = {r: j for j, r in enumerate(R)}
    sets = {name(s): s for s in subs}

    def viol6(wt) -> bool:
        s, i, j = sets.get(wt["set"]), wt["i"], wt["j"]
        if s is None or wt["state"] not in g.states or i not in s or j not in s or i == j:
            return False
        k = order[i]
        return _gain(u, R, order, wt["state"], k, s, name) < _gain(u, R, order, wt["state"], k, tuple(r for r in s if r != j), name)

    def violm(wt) -> bool:
        s, i = sets.get(wt["set"]), wt["i"]
        if s is None or wt["state"] not in g.states or i not in R or i in s:
            return False
        return f[wt["state"]][name(tuple(sorted(s + (i,), key=order.__getitem__)))] < f[wt["state"]][wt["set"]]

    _witness(doc, ("positive_externalities", "externality_witness"), _definition6(g, subs, u, name), ("state", "set", "i", "j"), viol6)
    _witness(doc, ("monotone_sender", "monotone_witness"), _monotone(g, subs, f, name), ("state", "set", "i"), violm)
    reduced = SparseLP(full_lp.c, full_lp.ub[:N], full_lp.eq, True)
    x = check_lp_optimal(reduced, lookup(doc, "certificates/reduced_lp"), "certificates/reduced_lp")
    red_value = reduced.value(x)
    expect_equal("externalities/reduced_value", num(lookup(doc, "externalities/reduced_value"), "externalities/reduced_value"), red_value)
    y_ub = vec(lookup(doc, "certificates/reduced_lp/y_ub"), "certificates/reduced_lp/y_ub", N)
    y_eq = vec(lookup(doc, "certificates/reduced_lp/y_eq"), "certificates/reduced_lp/y_eq")
    expect_equal("externalities/alpha", vec(lookup(doc, "externalities/alpha"), "externalities/alpha"), y_ub)
    expect_equal("externalities/y", vec(lookup(doc, "externalities/y"), "externalities/y"), y_eq)
    expect_equal("externalities/lp_binary_value", num(lookup(doc, "externalities/lp_binary_value"), "externalities/lp_binary_value"), full_value)
    expect_equal("externalities/lemma4_holds", lookup(doc, "externalities/lemma4_holds"), red_value == full_value)
    rep = table(lookup(doc, "externalities/repaired_scheme"), "externalities/repaired_scheme")
    expect(set(rep) == set(g.states), "externalities/repaired_scheme", "needs one distribution per state")
    pos = {c: k for k, c in enumerate(cols)}
    xr = [Fraction(0)] * len(full_lp.c)
    for w in g.states:
        dist = table(rep[w], f"externalities/repaired_scheme/{w}")
        for sname, q in dist.items():
            expect(sname in sets, f"externalities/repaired_scheme/{w}", lambda: f"{sname!r} is not a set of receivers")
            xr[pos[(w, sets[sname])]] = num(q, f"externalities/repaired_scheme/{w}/{sname}")
    for row, b in full_lp.eq:
        expect(sum((xr[j] * a for j, a in row.items()), Fraction(0)) == b, "externalities/repaired_scheme", "a state's probabilities do not sum to 1")
    expect(min(xr) >= 0, "externalities/repaired_scheme", "a negative probability")
    feasible = all(sum((xr[j] * a for j, a in row.items()), Fraction(0)) <= b for row, b in full_lp.ub)
    expect_equal("externalities/repaired_feasible", lookup(doc, "externalities/repaired_feasible"), feasible)
    expect_equal("externalities/repaired_value", num(lookup(doc, "externalities/repaired_value"), "externalities/repaired_value"),
                 full_lp.value(xr))
    return [f"externalities/{k}" for k in ("positive_externalities", "externality_witness", "monotone_sender", "monotone_witness",
                                             "reduced_value", "alpha", "y", "lp_binary_value", "lemma4_holds", "repaired_scheme",
                                             "repaired_feasible", "repaired_value")]
