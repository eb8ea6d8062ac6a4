r"""Checks of ``persuade --signals public|both`` documents: LP-Public, cav V and the difference.

LP-Public (003_e54e9b7a7da88b3e.txt Section 7 with one public signal) is rebuilt from the game:
columns ``phi[w, S]`` state-major, sets by size then in receiver order; one row per set ``S`` and
receiver ``i`` (``S`` major): ``-sum_w mu_w phi_w(S) g_i(S) <= 0`` if ``i`` is in ``S``, else
``sum_w mu_w phi_w(S) g_i(S + i) <= 0``; one ``= 1`` row per state. Beside the LP certificate the
checker verifies the supporting hyperplane: ``h_w >= f_w(S) + sum_{i in S} y g_i(S) - sum_{i not in
S} y g_i(S + i)`` for every state and set (``y`` the certificate's multipliers) and ``h . mu =
value``; as the engine's module text proves, this makes ``value = cav V(mu)``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from .core import SparseLP, check_lp_optimal, expect, expect_equal, lookup, num, table, vec

__all__ = ["check_public", "public_rows"]


def _gain(u: Mapping, R, w: str, i: int, s: tuple, name) -> Fraction:
    """Receiver i's gain from action 1 when the others in ``s`` take it (``s`` may contain ``i``)."""
    order = {r: j for j, r in enumerate(R)}
    with_i = tuple(sorted(set(s) | {R[i]}, key=order.__getitem__))
    without = tuple(r for r in with_i if r != R[i])
    return u[w][name(with_i)][i] - u[w][name(without)][i]


def public_rows(states, R, mu: Mapping, subs: list, f: Mapping, u: Mapping, name) -> tuple[SparseLP, list]:
    """LP-Public rebuilt (module doc) from the tables ``f[w][name]``, ``u[w][name]``.

    Parameters
    ----------
    states, R : sequence of str
        States and receivers.
    mu : mapping
        ``state -> probability``.
    subs : list of tuple
        The sets of receivers in order.
    f, u : mapping
        The sender's and receivers' tables keyed by set name.
    name : callable
        A set's name.

    Returns
    -------
    tuple
        ``(lp, cols)``.

    >>> R, subs = ("a",), [(), ("a",)]
    >>> f = {"w": {"": Fraction(0), "a": Fraction(1)}}
    >>> u = {"w": {"": (Fraction(0),), "a": (Fraction(-1),)}}
    >>> lp, cols = public_rows(["w"], R, {"w": Fraction(1)}, subs, f, u, "+".join)
    >>> lp.ub
    [({0: Fraction(-1, 1)}, Fraction(0, 1)), ({1: Fraction(1, 1)}, Fraction(0, 1))]
    """
    cols = [(w, s) for w in states for s in subs]
    index = {col: k for k, col in enumerate(cols)}
    ub = []
    for s in subs:
        for i, r in enumerate(R):
            sign = -1 if r in s else 1
            row = {index[(w, s)]: sign * mu[w] * _gain(u, R, w, i, s, name) for w in states}
            ub.append(({k: v for k, v in row.items() if v}, Fraction(0)))
    eq = [({k: Fraction(1) for k, (cw, _) in enumerate(cols) if cw == w}, Fraction(1)) for w in states]
    c = [mu[w] * f[w][name(s)] for w, s in cols]
    return SparseLP(c, ub, eq, True), cols


def check_public(part: Mapping[str, Any], cert: Any, cert_key: str, prefix: str, states, R, mu: Mapping,
                 subs: list, f: Mapping, u: Mapping, name) -> tuple[list[str], Fraction]:
    """Check the public keys of a document part against LP-Public rebuilt from the game.

    Parameters
    ----------
    part : mapping
        The document (``--signals public``) or its ``public`` table (``both``).
    cert : any
        The LP-Public ``lp-optimal`` certificate.
    cert_key : str
        Its path, for messages.
    prefix : str
        Prepended to the keys proved (``"public/"`` for ``both``).
    states, R, mu, subs, f, u, name
        As for :func:`public_rows`.

    Returns
    -------
    tuple
        ``(keys proved, the proved public value)``.

    Raises
    ------
    CheckFailure
        At the first key that does not hold.

    >>> from exactgame.check import check_document
    >>> from exactgame.persuasion.multireceiver import MultiReceiverGame   # the engine writes the document
    >>> from exactgame.persuasion.signals_report import signals_report
    >>> doc = signals_report(MultiReceiverGame.example(), "none", None, "both").document()
    >>> "public/supporting_hyperplane" in check_document(doc).proved
    True
    """
    lp, cols = public_rows(states, R, mu, subs, f, u, name)
    x = check_lp_optimal(lp, cert, cert_key)
    value = lp.value(x)
    expect_equal(f"{prefix}value", num(lookup(part, "value"), f"{prefix}value"), value)
    scheme: dict[str, dict[str, Fraction]] = {w: {} for w in states}
    mass: dict[str, list[Fraction]] = {}
    for (w, s), v in zip(cols, x):
        if v:
            scheme[w][name(s)] = v
            mass.setdefault(name(s), [Fraction(0)] * len(states))[list(states).index(w)] = mu[w] * v
    claimed = {w: {k: num(q, f"{prefix}outcome/{w}/{k}") for k, q in table(lookup(part, f"outcome/{w}"), f"{prefix}outcome/{w}").items()}
               for w in table(lookup(part, "outcome"), f"{prefix}outcome")}
    expect_equal(f"{prefix}outcome", claimed, scheme)
    post = {k: {"weight": sum(m, Fraction(0)), "posterior": tuple(v / sum(m, Fraction(0)) for v in m)}
            for k, m in mass.items() if sum(m, Fraction(0))}
    got = {k: {"weight": num(lookup(r, "weight"), f"{prefix}posteriors/{k}/weight"),
               "posterior": vec(lookup(r, "posterior"), f"{prefix}posteriors/{k}/posterior")}
           for k, r in table(lookup(part, "posteriors"), f"{prefix}posteriors").items()}
    expect_equal(f"{prefix}posteriors", got, post)
    y = vec(lookup(table(cert, cert_key), "y_ub"), f"{cert_key}/y_ub", len(lp.ub))
    h = vec(lookup(part, "supporting_hyperplane"), f"{prefix}supporting_hyperplane", len(states))
    N = len(R)
    for t, w in enumerate(states):
        for k, s in enumerate(subs):
            bound = f[w][name(s)]
            for i, r in enumerate(R):
                if y[k * N + i]:
                    bound += y[k * N + i] * _gain(u, R, w, i, s, name) * (1 if r in s else -1)
            expect(h[t] >= bound, f"{prefix}supporting_hyperplane",
                   lambda: f"h({w}) = {h[t]} is below the bound {bound} of the set {name(s)!r}: h is not above V")
    expect_equal(f"{prefix}supporting_hyperplane", sum((a * mu[w] for a, w in zip(h, states)), Fraction(0)), value)
    return [f"{prefix}{k}" for k in ("value", "outcome", "posteriors", "supporting_hyperplane")], value
