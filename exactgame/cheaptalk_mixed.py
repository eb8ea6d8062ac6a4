r"""Mixed cheap-talk equilibria with a state-dependent sender (000_2cf035f6c25283ea.txt, Definition 5,
Proposition 3), for small games.

**Support patterns.** Fix ``K`` messages; for each message ``m`` the set :math:`B_m` of actions the
receiver may mix over after it (a set with a common best-response belief), and for each state
:math:`\omega` of positive prior the set :math:`T_\omega` of messages it may send. With
:math:`x_{\omega m} = p(\omega)\sigma(m|\omega)` Definition 5 splits into two independent linear systems:

* the *sender* system over ``x``: :math:`x \ge 0`, :math:`x_{\omega m} = 0` for :math:`m \notin T_\omega`,
  :math:`\sum_m x_{\omega m} = p(\omega)`, and (18)-(19), which are linear in the joint:
  :math:`\sum_\omega x_{\omega m}(u_R(\omega,a) - u_R(\omega,b)) \ge 0` for :math:`a\in B_m` and every ``b`` (``= 0``
  between members of :math:`B_m`);
* the *receiver* system over :math:`\tau_m \in \Delta(B_m)`: (17), the indifference system
  :math:`u_S(\omega,\tau_m) = u_S(\omega,\tau_{m'})` for :math:`m, m' \in T_\omega` and
  :math:`u_S(\omega,\tau_m) \le u_S(\omega,\tau_{m'})` for :math:`m\notin T_\omega \ni m'`.

Any pair of solutions is an equilibrium (the conditions only need to hold on the true supports,
which are subsets; a message ``x`` never sends is dropped, which removes a deviation). Conversely
every equilibrium with at most ``K`` messages solves the systems of its own supports. Each
pattern's equilibrium set is therefore the product of two polytopes, the convex hull of its
*vertex pairs*; :func:`mixed_equilibria` enumerates these pairs exactly (cddlib's vertex
enumeration) for every pattern, drops unsent messages, and lists each distinct profile once.
Payoffs are bilinear in ``(x, tau)``, so every pattern's extreme sender and receiver payoffs are
among the listed ones.

**Covered, and refused.** Every finite game within the limits (:data:`MAX_ACTIONS` actions, at
most ``max_messages`` messages, :data:`MAX_PATTERNS` patterns, :data:`MAX_EQUILIBRIA` listed
profiles); beyond them a :class:`~exactgame.errors.TooLargeError` names the limit. Equilibria
with more messages are not listed (the enumeration says up to how many it went).

**Certificates.** Each listed profile carries Definition 5's certificate (the beliefs; the checker
re-verifies (17)-(19) from the game) and, for an interior prior, the efficiency certificate of its
outcome (Definitions 1-2). ``proposition_3`` reports whether every efficient listed equilibrium is
pure, as Proposition 3 predicts for generic payoffs (non-generic games, e.g. with payoff ties,
may violate it; the verdict is then ``false`` and certified all the same). That the list is
complete for ``K`` messages is the enumeration's (not re-checked).

>>> from exactgame.games import SenderReceiverGame
>>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],       # both want a in w0, b in w1
...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
>>> eqs = mixed_equilibria(g, max_messages=2)
>>> sorted((e.sender_payoff, e.pure, e.efficient) for e in eqs)
[(Fraction(1, 2), True, False), (Fraction(1, 2), True, False), (Fraction(1, 1), True, True)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, combinations_with_replacement, product
from typing import Any, Iterable, Mapping, Sequence

from .display.mixin import Displayable
from .certificates import encode
from .cheaptalk import CheapTalkEquilibriumCertificate, check_equilibrium
from .efficiency import efficiency
from .errors import InternalError, TooLargeError
from .games.model import SenderReceiverGame, check_prior
from .geometry import Polytope, solve_lp
from .numbers import Vector, fmt
from .results import conditional, Report, certified, not_certified

__all__ = ["MixedEquilibrium", "mixed_equilibria", "mixed_report", "MAX_ACTIONS", "MAX_PATTERNS", "MAX_EQUILIBRIA"]

#: The receiver's support sets are subsets of the actions: refuse games with more actions.
MAX_ACTIONS = 6
#: Refuse enumerations with more support patterns than this (lower --messages): each costs two exact
#: vertex enumerations, about 5 ms here (3 states x 3 actions, 3,595 patterns: 20 s).
MAX_PATTERNS = 5_000
#: Refuse when more distinct extreme equilibria than this are found.
MAX_EQUILIBRIA = 2_000

Strategy = dict[str, dict[str, Fraction]]


@dataclass(frozen=True, repr=False)
class MixedEquilibrium(Displayable):
    """One extreme cheap-talk equilibrium of a support pattern.

    Attributes
    ----------
    sigma, tau : mapping
        The profile (only sent messages).
    outcome : mapping
        ``state -> {action: probability}``.
    sender_payoff, receiver_payoff : Fraction
        Ex-ante payoffs.
    pure : bool
        Every state of positive prior leads to one action for sure.
    efficient : bool or None
        Definition 2 (None on a boundary prior).
    certificate : CheapTalkEquilibriumCertificate
        Definition 5.
    efficiency_certificate : Certificate or None
        The outcome's efficiency certificate.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> e = max(mixed_equilibria(g, max_messages=2), key=lambda e: e.sender_payoff)
    >>> e.to_dict()["outcome"]
    {'w0': {'a': '1'}, 'w1': {'b': '1'}}
    """

    sigma: Mapping[str, Mapping[str, Fraction]]
    tau: Mapping[str, Mapping[str, Fraction]]
    outcome: Mapping[str, Mapping[str, Fraction]]
    sender_payoff: Fraction
    receiver_payoff: Fraction
    pure: bool
    efficient: bool | None
    certificate: CheapTalkEquilibriumCertificate = field(repr=False)
    efficiency_certificate: Any = field(repr=False)   # an efficiency Certificate (with witness()), or None

    def to_dict(self) -> dict[str, Any]:
        """The equilibrium's answer keys.

        Returns
        -------
        dict
            ``messages``, ``sigma``, ``tau``, ``outcome``, ``sender_payoff``, ``receiver_payoff``,
            ``pure`` and ``efficient``.
        """
        return {"messages": len(self.tau), "sigma": encode(self.sigma), "tau": encode(self.tau),
                "outcome": encode(self.outcome), "sender_payoff": encode(self.sender_payoff),
                "receiver_payoff": encode(self.receiver_payoff), "pure": self.pure, "efficient": self.efficient}


def _support_sets(game: SenderReceiverGame, F: Sequence[int]) -> list[tuple[int, ...]]:
    """Action sets (indices) that are all best responses at some belief on the support F."""
    A, S = game.actions, game.states
    n = len(F)
    out = []
    for r in range(1, len(A) + 1):
        for B in combinations(range(len(A)), r):
            a0 = B[0]
            ub = [[game.receiver[S[i]][b] - game.receiver[S[i]][a0] for i in F] for b in range(len(A)) if b not in B]
            eq = [[game.receiver[S[i]][a] - game.receiver[S[i]][a0] for i in F] for a in B[1:]] + [[Fraction(1)] * n]
            r_ = solve_lp([0] * n, A_ub=ub or None, b_ub=[0] * len(ub) or None, A_eq=eq, b_eq=[0] * (len(eq) - 1) + [1])
            if r_.status == "optimal":
                out.append(B)
    return out


def _sender_polytope(game: SenderReceiverGame, p: Sequence[Fraction], F: Sequence[int], Bs: Sequence[tuple[int, ...]],
                     Ts: Sequence[tuple[int, ...]]) -> list[Vector]:
    """Vertices of the x-system (columns: (state t, message m) for m in T_t, in that order)."""
    S = game.states
    cols = [(t, m) for t in range(len(F)) for m in Ts[t]]
    nc = len(cols)
    ub: list[list[Fraction]] = [[Fraction(-int(j == c)) for j in range(nc)] for c in range(nc)]
    eq: list[list[Fraction]] = []
    for m, B in enumerate(Bs):
        a0 = B[0]
        for b in range(len(game.actions)):
            if b == a0:
                continue
            row = [Fraction(0)] * nc
            for c, (t, mm) in enumerate(cols):
                if mm == m:
                    row[c] = game.receiver[S[F[t]]][b] - game.receiver[S[F[t]]][a0]
            (eq if b in B else ub).append(row)
    bu = [Fraction(0)] * len(ub)
    be = [Fraction(0)] * len(eq)
    for t in range(len(F)):
        eq.append([Fraction(int(c[0] == t)) for c in cols])
        be.append(p[F[t]])
    P = Polytope.from_inequalities(ub, bu, eq, be)
    if P.is_empty:
        return []
    full = []
    for v in P.vertices:
        x = [Fraction(0)] * (len(F) * len(Bs))
        for (t, m), val in zip(cols, v):
            x[t * len(Bs) + m] = val
        full.append(tuple(x))
    return full


def _receiver_polytope(game: SenderReceiverGame, F: Sequence[int], Bs: Sequence[tuple[int, ...]],
                       Ts: Sequence[tuple[int, ...]]) -> list[list[dict[int, Fraction]]]:
    """Vertices of the tau-system: per message, {action index: probability} on B_m."""
    S = game.states
    cols = [(m, a) for m, B in enumerate(Bs) for a in B]
    nc = len(cols)
    ub: list[list[Fraction]] = [[Fraction(-int(j == c)) for j in range(nc)] for c in range(nc)]
    eq: list[list[Fraction]] = [[Fraction(int(c[0] == m)) for c in cols] for m in range(len(Bs))]
    be = [Fraction(1)] * len(Bs)

    def pay(t: int, m: int) -> list[Fraction]:
        return [game.sender[S[F[t]]][a] if mm == m else Fraction(0) for mm, a in cols]

    for t, T in enumerate(Ts):
        m0 = T[0]
        for m in range(len(Bs)):
            if m == m0:
                continue
            row = [x - y for x, y in zip(pay(t, m), pay(t, m0))]
            if m in T:
                eq.append(row)
                be.append(Fraction(0))
            else:
                ub.append(row)
    P = Polytope.from_inequalities(ub, [Fraction(0)] * len(ub), eq, be)
    if P.is_empty:
        return []
    out = []
    for v in P.vertices:
        taus: list[dict[int, Fraction]] = [{} for _ in Bs]
        for (m, a), val in zip(cols, v):
            if val:
                taus[m][a] = val
        out.append(taus)
    return out


def _patterns(F: Sequence[int], sets: Sequence[tuple[int, ...]], K: int):
    """(B_1..B_k, T per state) with k <= K messages, B's in nondecreasing order, every message sent."""
    for k in range(1, K + 1):
        subsets = [T for r in range(1, k + 1) for T in combinations(range(k), r)]
        for Bs in combinations_with_replacement(sets, k):
            for Ts in product(subsets, repeat=len(F)):
                if set().union(*Ts) == set(range(k)):
                    yield Bs, Ts


def _count_patterns(F: Sequence[int], nsets: int, K: int) -> int:
    from math import comb

    return sum(comb(nsets + k - 1, k) * (2 ** k - 1) ** len(F) for k in range(1, K + 1))


def _profile(game: SenderReceiverGame, p: Sequence[Fraction], F: Sequence[int], k: int, x: Vector,
             taus: Sequence[Mapping[int, Fraction]]) -> tuple[Strategy, Strategy]:
    """(sigma, tau) from a vertex pair: unsent messages dropped, messages with the same response pooled
    (the pooled belief averages beliefs where that response is optimal, a convex set), named m0, m1, ..."""
    sent = [m for m in range(k) if any(x[t * k + m] for t in range(len(F)))]
    responses: list[tuple] = []          # messages with the same response are pooled into one
    for m in sent:
        r = tuple(sorted(taus[m].items()))
        if r not in responses:
            responses.append(r)
    name = {m: f"m{responses.index(tuple(sorted(taus[m].items())))}" for m in sent}
    sigma: Strategy = {w: {} for w in game.states}
    for t, i in enumerate(F):
        for m in sent:
            if x[t * k + m]:
                d = sigma[game.states[i]]
                d[name[m]] = d.get(name[m], Fraction(0)) + x[t * k + m] / p[i]
    for i, w in enumerate(game.states):
        if not p[i]:
            sigma[w] = {"m0": Fraction(1)}
    tau = {f"m{j}": {game.actions[a]: v for a, v in r} for j, r in enumerate(responses)}
    return sigma, tau


def _canonical(sigma: Mapping[str, Mapping[str, Fraction]], tau: Mapping[str, Mapping[str, Fraction]]) -> tuple:
    """A relabelling-free key: the multiset of (column of sigma, tau) over messages."""
    return tuple(sorted((tuple(sorted((w, d.get(m, Fraction(0))) for w, d in sigma.items())), tuple(sorted(tau[m].items())))
                        for m in tau))


def _equilibrium(game: SenderReceiverGame, p: Vector, sigma: Strategy, tau: Strategy) -> MixedEquilibrium:
    check = check_equilibrium(game, sigma, tau, p)
    if check.certificate is None:  # pragma: no cover - the two systems are Definition 5
        raise InternalError("cheap talk: a vertex pair of a support pattern is not an equilibrium: " + "; ".join(check.violations))
    outcome: Strategy = {w: {} for w in game.states}
    for w in game.states:
        for m, xm in sigma[w].items():
            for a, y in tau[m].items():
                outcome[w][a] = outcome[w].get(a, Fraction(0)) + xm * y
    A = game.actions
    us = sum((pw * q * game.sender[w][A.index(a)] for w, pw in zip(game.states, p) for a, q in outcome[w].items()), Fraction(0))
    ur = sum((pw * q * game.receiver[w][A.index(a)] for w, pw in zip(game.states, p) for a, q in outcome[w].items()), Fraction(0))
    pure = all(len(outcome[w]) == 1 for w, pw in zip(game.states, p) if pw)
    eff = efficiency(game, outcome, p) if all(p) else None
    return MixedEquilibrium(sigma, tau, outcome, us, ur, pure, eff.efficient if eff else None, check.certificate,
                            eff.certificate if eff else None)


def mixed_equilibria(game: SenderReceiverGame, prior: Iterable[Any] | None = None,
                     max_messages: int | None = None) -> list[MixedEquilibrium]:
    """The extreme equilibria of every support pattern with at most ``max_messages`` messages (module text).

    Parameters
    ----------
    game : SenderReceiverGame
        The game (any sender payoffs).
    prior : sequence, optional
        The prior; the game's prior if None.
    max_messages : int, optional
        The most messages a profile may send; default the number of states of positive prior.

    Returns
    -------
    list of MixedEquilibrium
        Distinct profiles (up to renaming messages), by decreasing sender payoff, then receiver payoff.

    Raises
    ------
    TooLargeError
        Above :data:`MAX_ACTIONS` actions, :data:`MAX_PATTERNS` patterns or :data:`MAX_EQUILIBRIA` profiles.
    InputError
        For a bad prior or ``max_messages < 1``.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["l", "r"], ["1/2", "1/2"],     # the sender always wants r
    ...                        sender={"w0": [0, 1], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> [(e.sender_payoff, e.pure) for e in mixed_equilibria(g)]           # babbling: any mix at the tie
    [(Fraction(1, 1), True), (Fraction(0, 1), True)]
    """
    from .errors import InputError

    p = game.prior if prior is None else check_prior(prior, game.states, where="prior")
    F = [i for i, x in enumerate(p) if x]
    K = len(F) if max_messages is None else max_messages
    if K < 1:
        raise InputError(f"--messages: {K}: at least one message is needed")
    if len(game.actions) > MAX_ACTIONS:
        raise TooLargeError(f"{len(game.actions)} actions: mixed equilibria enumerate the receiver's support sets; "
                            f"the limit is {MAX_ACTIONS} actions", where="actions")
    sets = _support_sets(game, F)
    count = _count_patterns(F, len(sets), K)
    if count > MAX_PATTERNS:
        raise TooLargeError(f"{count} support patterns for {K} messages, {len(F)} states and {len(sets)} receiver support "
                            f"sets; the limit is {MAX_PATTERNS} (use fewer --messages)")
    found: dict[tuple, tuple[Strategy, Strategy]] = {}
    for Bs, Ts in _patterns(F, sets, K):
        xs = _sender_polytope(game, p, F, Bs, Ts)
        if not xs:
            continue
        for taus in _receiver_polytope(game, F, Bs, Ts):
            for x in xs:
                sigma, tau = _profile(game, p, F, len(Bs), x, taus)
                found.setdefault(_canonical(sigma, tau), (sigma, tau))
        if len(found) > MAX_EQUILIBRIA:
            raise TooLargeError(f"more than {MAX_EQUILIBRIA} extreme equilibria; use fewer --messages")
    eqs = [_equilibrium(game, tuple(p), s, t) for s, t in found.values()]
    eqs.sort(key=lambda e: (-e.sender_payoff, -e.receiver_payoff, _canonical(e.sigma, e.tau)))
    return eqs


def mixed_report(game: SenderReceiverGame, prior: Sequence[Any] | None = None, max_messages: int | None = None) -> Report:
    """``cheaptalk FILE --mixed [--messages K]`` as a :class:`~exactgame.results.Report`.

    Parameters
    ----------
    game : SenderReceiverGame
        The game (any sender payoffs).
    prior : sequence, optional
        The prior; the game's if None.
    max_messages : int, optional
        See :func:`mixed_equilibria`.

    Returns
    -------
    Report
        Command ``cheaptalk`` with ``options["mixed"]`` (the message bound); keys ``prior``,
        ``max_messages``, ``equilibria``, ``proposition_3``, ``certificates/equilibria``.

    >>> from exactgame.games import SenderReceiverGame
    >>> g = SenderReceiverGame(["w0", "w1"], ["a", "b"], ["1/2", "1/2"],
    ...                        sender={"w0": [1, 0], "w1": [0, 1]}, receiver={"w0": [1, 0], "w1": [0, 1]})
    >>> r = mixed_report(g)
    >>> len(r.document()["equilibria"]), r.document()["proposition_3"], r.verify()
    (3, True, True)
    """
    p = game.prior if prior is None else check_prior(prior, game.states, where="--prior")
    K = sum(1 for x in p if x) if max_messages is None else max_messages
    eqs = mixed_equilibria(game, p, K)
    prop3 = all(e.pure for e in eqs if e.efficient) if all(p) else None
    certs = [{"equilibrium": e.certificate.witness(),
              **({"efficiency": e.efficiency_certificate.witness()} if e.efficiency_certificate is not None else {})}
             for e in eqs]
    body = {"method": "every support pattern's indifference systems of Definition 5 (two polytopes), their vertex pairs",
            "prior": encode(p), "max_messages": K, "equilibria": [e.to_dict() for e in eqs], "proposition_3": prop3,
            "certificates": {"equilibria": certs}}
    claims = (certified("prior", proves="the prior used"), certified("max_messages", proves="the message bound"),
              certified("equilibria", "certificates/equilibria",
                        proves="each listed profile satisfies Definition 5 (beliefs re-checked), with its payoffs, outcome, "
                               "purity and efficiency verdict (efficiency certificate)"),
              (conditional("proposition_3", "the enumeration's completeness (see 'complete'): 'true' speaks of every "
                           "equilibrium, the certificates only of the listed ones", "certificates/equilibria",
                           proves="every efficient listed equilibrium is pure")
               if prop3 else
               certified("proposition_3", "certificates/equilibria",
                         proves="a listed efficient equilibrium that is not pure (a counterexample; null on a boundary prior)")),
              not_certified("complete", "that the list holds every pattern's extreme equilibria with at most max_messages "
                            "messages is exactgame's enumeration (cddlib vertex enumeration), not re-checked"))
    body["complete"] = True
    lines = [f"prior: ({', '.join(fmt(x) for x in p)}); extreme equilibria of every support pattern with at most {K} messages: {len(eqs)}"]
    for i, e in enumerate(eqs):
        out = "; ".join(f"{w}: " + ", ".join(f"{a} {fmt(q)}" for a, q in d.items()) for w, d in e.outcome.items() if d)
        eff = "" if e.efficient is None else (", efficient" if e.efficient else ", inefficient")
        lines.append(f"  [{i}] sender {fmt(e.sender_payoff)}, receiver {fmt(e.receiver_payoff)}, "
                     f"{'pure' if e.pure else 'mixed'}{eff}: {out}")
    lines.append("Proposition 3 (efficient only if pure): " + ("not decided on a boundary prior" if prop3 is None else
                                                             "holds for the listed equilibria" if prop3 else
                                                             "FAILS here (a non-generic game)"))
    return Report("cheaptalk", game, {"prior": list(p), "mixed": K}, body, claims, tuple(lines))
