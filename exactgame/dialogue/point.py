r"""Alternating concavification at one point, for any finite type spaces, up to t = 2
(001_9d9f8fe1d5e70189.txt, Sections 2.3-2.4; used for Sections 3.1, 3.4, Lemma 1, Theorem 5).

**Round 1 (Bob).** For each profile :math:`(a_s)_{s \in \Theta_S}` of Sally's actions, the
closed cell :math:`\{x \in \Delta(\Theta_B) : a_s \in \arg\max_a E_x u_S(a, s, \cdot)\ \forall s\}`
is a polytope on which both payoffs are affine in :math:`x` and linear in :math:`D_S`. With
ties broken in favour of Bob, :math:`\pi^0_B(D_S, \cdot)` is the maximum of these affine
pieces over the cells containing :math:`x`, so its concave envelope at :math:`D_B` is the LP

.. math:: \max_{\lambda \ge 0} \sum_k \lambda_k f_k(D_S) \quad\text{s.t.}\quad \sum_k \lambda_k x_k = D_B

over the cells' vertices :math:`x_k` (the splitting lemma). Sally's tie-break is a second
LP on the optimal face. Voluntary communication holds automatically in round 1:
:math:`\pi^0_S(D_S, \cdot) = \sum_s D_S(s) \max_a E_x u_S` is convex, so any refinement
by Bob weakly helps Sally.

**Round 2 (Sally).** The feasible set of round 1 does not depend on :math:`D_S`, so Bob's
choice is a lexicographic maximum over the finitely many vertices :math:`v` of
:math:`\Lambda = \{\lambda \ge 0 : \sum \lambda_k x_k = D_B\}` (basic solutions: at most
:math:`|\Theta_B|` affinely independent posteriors), each giving payoffs
:math:`(G_v(y), F_v(y))` linear in Sally's distribution :math:`y`. Bob's choice is constant
on the polytopes :math:`R_v = \{y : F_v \ge F_w\ \forall w\} \cap \{G_v \ge G_w : F_w \equiv F_v \text{ on it}\}`;
(regions lower-dimensional than their indifference region add nothing: there ``v`` ties with
a member of its group, which has the same payoffs). Sally's round-2 payoff is the concave
envelope of :math:`G` over their vertices (the
supremum over her splittings), computed by the same pair of LPs, with Bob's voluntary
constraint :math:`\sum_k \mu_k F_k \ge \pi^1_B(D_S, D_B)` (eq. (3)).

>>> from exactgame.dialogue.model import bilateral_trade
>>> g = bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"])       # Section 3.1
>>> r = dialogue_at(g, 1)
>>> [tuple(map(str, x)) for x in r.payoffs]
[('4/3', '0'), ('4/3', '2/3')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, product
from typing import Any, Sequence

from ..display.mixin import Displayable
from ..errors import InputError, TooLargeError
from ..geometry import Polytope, solve_lp
from ..geometry.linalg import rank
from ..numbers import to_vector, Vector
from .certificate import EnvelopeCertificate, SplitCertificate
from .model import DialogueGame

__all__ = ["dialogue_at", "PointResult", "bob_candidates", "best_response_cells", "MAX_PROFILES", "MAX_SPLITS"]

#: Refuse games with more best-response profiles than this.
MAX_PROFILES = 20_000
#: Refuse round 2 when Bob has more candidate splittings than this.
MAX_SPLITS = 5_000
#: Refuse round 2 when more sets of Bob's posteriors than this would have to be examined.
MAX_SUBSETS = 200_000
#: Round 1's envelope certificate has one cell per profile of Sally's types in the support of
#: D_S; above this many profiles it is not written (round 1 then rests on the engine's cells).
MAX_ENVELOPE_CELLS = 4096


@dataclass(frozen=True)
class _BobCand:
    """A vertex x of a best-response cell, with per-Sally-type payoffs (u_S, u_B) of the cell's profile."""

    x: Vector
    per_type: tuple[tuple[Fraction, Fraction], ...]

    def value(self, DS: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
        return (sum((w * v[0] for w, v in zip(DS, self.per_type)), Fraction(0)),
                sum((w * v[1] for w, v in zip(DS, self.per_type)), Fraction(0)))


def _simplex_rows(n: int):
    A = [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)]
    return A, [Fraction(0)] * n, [[Fraction(1)] * n], [Fraction(1)]


def _optimality_rows(game: DialogueGame) -> list[list[list[list[Fraction]]]]:
    """``rows[s][a]``: the inequalities ``row . x <= 0`` saying that action a is optimal for Sally type s."""
    nS, nB, nA = len(game.sally_types), len(game.bob_types), len(game.actions)
    per_type_regions = []
    for s in range(nS):
        rows = []
        for a in range(nA):
            # a optimal for s: sum_b x_b (u_S(a', s, b) - u_S(a, s, b)) <= 0 for all a'
            cons = [[game.u[(s, b)][a2][0] - game.u[(s, b)][a][0] for b in range(nB)] for a2 in range(nA) if a2 != a]
            rows.append(cons)
        per_type_regions.append(rows)
    return per_type_regions


def _nonempty_actions(per_type_regions: list[list[list[list[Fraction]]]], nB: int) -> list[list[int]]:
    """Per Sally type, the actions whose best-response region in Bob's simplex is nonempty."""
    A0, b0, Ae, be = _simplex_rows(nB)
    nonempty = []
    for regions in per_type_regions:
        ok = []
        for a, region in enumerate(regions):
            P = Polytope.from_inequalities(A0 + region, b0 + [Fraction(0)] * len(region), Ae, be)
            if not P.is_empty:
                ok.append(a)
        nonempty.append(ok)
    return nonempty


def best_response_cells(game: DialogueGame) -> list[tuple[tuple[int, ...], Polytope]]:
    """The nonempty best-response cells in Bob's simplex, one per profile of Sally's actions.

    The cell of :math:`(a_s)_s` is
    :math:`\\{x \\in \\Delta(\\Theta_B) : a_s \\in \\arg\\max_a E_x u_S(a, s, \\cdot)\\ \\forall s\\}`
    (closed; only actions with a nonempty region are combined).

    Parameters
    ----------
    game : DialogueGame
        Any finite game.

    Returns
    -------
    list of (tuple of int, Polytope)
        ``(profile, cell)``: ``profile[s]`` is Sally type s's action.

    Raises
    ------
    TooLargeError
        More than :data:`MAX_PROFILES` best-response profiles.

    >>> from exactgame.dialogue.model import spy_game
    >>> [(prof, P.vertices) for prof, P in best_response_cells(spy_game())][0]   # p <= 1/3: type 0 plays C, type 1 E
    ((0, 1), ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 1), Fraction(0, 1))))
    """
    nB = len(game.bob_types)
    A0, b0, Ae, be = _simplex_rows(nB)
    per_type_regions = _optimality_rows(game)
    nonempty = _nonempty_actions(per_type_regions, nB)
    n_prof = 1
    for ok in nonempty:
        n_prof *= len(ok)
    if n_prof > MAX_PROFILES:
        raise TooLargeError(f"{n_prof} best-response profiles of Sally's types (at most {MAX_PROFILES})")
    out = []
    for prof in product(*nonempty):
        A = list(A0)
        for s, a in enumerate(prof):
            A += per_type_regions[s][a]
        P = Polytope.from_inequalities(A, b0 + [Fraction(0)] * (len(A) - nB), Ae, be)
        if not P.is_empty:
            out.append((tuple(prof), P))
    return out


def bob_candidates(game: DialogueGame) -> list[_BobCand]:
    """Vertices of the best-response cells in Bob's simplex with the cell's payoffs.

    A cell is :math:`\\{x \\in \\Delta(\\Theta_B) : a_s \\in \\arg\\max_a E_x u_S(a, s, \\cdot)\\ \\forall s\\}`
    for a profile :math:`(a_s)_s` of Sally's actions (one per Sally type, each with a
    nonempty region); every vertex :math:`x` of every nonempty cell is returned once per
    distinct payoff list, with ``per_type[s] = (E_x u_S, E_x u_B)`` at :math:`a_s`. These
    are the points of the round-1 splitting LP (module docstring).

    Parameters
    ----------
    game : DialogueGame
        Any finite game.

    Returns
    -------
    list of _BobCand
        Candidates with fields ``x`` (a distribution over Bob's types) and ``per_type``.

    Raises
    ------
    TooLargeError
        More than :data:`MAX_PROFILES` best-response profiles.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> g = bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"])
    >>> [(c.x, c.per_type[0]) for c in bob_candidates(g)][:2]   # price 3 at x = (3/4, 1/4) and x = (1, 0)
    [((Fraction(3, 4), Fraction(1, 4)), (Fraction(1, 1), Fraction(3, 4))), ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))]
    """
    seen: dict[tuple, _BobCand] = {}
    for prof, P in best_response_cells(game):
        for x in P.vertices:
            per = tuple(game.expected(a, s, x) for s, a in enumerate(prof))
            seen.setdefault((x, per), _BobCand(x, per))
    return list(seen.values())


def _lex_lp(points: Sequence[Vector], prior: Vector, first: Sequence[Fraction], second: Sequence[Fraction],
            floor: tuple[Sequence[Fraction], Fraction] | None = None):
    """max first.mu, then max second.mu on the optimal face; mu >= 0, sum mu_k points_k = prior.

    ``floor = (h, c)`` adds h.mu >= c (voluntary communication). Returns (mu, v1, v2, [lp results]).
    """
    A_eq = [[pt[i] for pt in points] for i in range(len(prior))]
    b_eq = list(prior)
    A_ub, b_ub = [], []
    if floor is not None:
        A_ub.append([-h for h in floor[0]])
        b_ub.append(-floor[1])
    r1 = solve_lp(list(first), A_ub or None, b_ub or None, A_eq, b_eq, maximize=True)
    if r1.status != "optimal":
        raise InputError(f"the round's LP is {r1.status}")  # cannot happen for a distribution in the simplex
    r2 = solve_lp(list(second), A_ub or None, b_ub or None, A_eq + [list(first)], b_eq + [r1.value], maximize=True)
    mu = r2.x
    return mu, r1.value, r2.value, [r1, r2]


@dataclass(frozen=True, repr=False)
class PointResult(Displayable):
    """Payoffs (Sally, Bob) for t = 0..T at (D_S, D_B), each round's split, certificates.

    ``payoffs[t] = (pi^t_S, pi^t_B)``; ``splits[t-1]`` is round t's :class:`SplitCertificate`
    (round 1: Bob splits D_B, round 2: Sally splits D_S); ``lps`` are the round LPs (two per
    round: the speaker's maximum, then the other player's tie-break on the optimal face);
    ``attained`` is False when round 2's value is a supremum that Bob's actual choice at some
    posterior does not give; ``envelope``: round 1's :class:`EnvelopeCertificate` (None above
    ``MAX_ENVELOPE_CELLS``). Built by :func:`dialogue_at`.

    >>> from exactgame.dialogue.model import spy_game
    >>> r = dialogue_at(spy_game(), 1)
    >>> r.payoffs, r.attained
    ([(Fraction(1, 2), Fraction(-3, 2)), (Fraction(1, 2), Fraction(-1, 6))], True)
    >>> r.splits[0].speaker, r.verify()
    ('bob', True)
    """

    game: DialogueGame
    payoffs: list[tuple[Fraction, Fraction]]      # lists (the contract's comparisons); the fields are frozen
    splits: list[SplitCertificate] = field(default_factory=list)
    lps: list[Any] = field(default_factory=list)
    attained: bool = True
    envelope: EnvelopeCertificate | None = None

    @property
    def certificates(self) -> list[Any]:
        """The splits, the envelope certificate (if any) and the LP certificates, in that order."""
        return [*self.splits, *([self.envelope] if self.envelope else []), *(r.certificate for r in self.lps)]

    def verify(self) -> bool:
        """Re-check every certificate of :attr:`certificates`.

        Returns
        -------
        bool
            True iff all verify.
        """
        return all(c.verify() for c in self.certificates)


def _round1(cands: list[_BobCand], DS: Vector, DB: Vector):
    vals = [c.value(DS) for c in cands]
    mu, vB, vS, lps = _lex_lp([c.x for c in cands], DB, [v[1] for v in vals], [v[0] for v in vals])
    used = [(m, c, v) for m, c, v in zip(mu, cands, vals) if m]
    cert = SplitCertificate("bob", DB, [c.x for _, c, _ in used], tuple(m for m, _, _ in used),
                            [v for _, _, v in used], (vS, vB))
    return (vS, vB), cert, lps


def _cell_multipliers(game: DialogueGame, DS: Vector, supp: Sequence[int], prof: Sequence[int],
                      coef: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """mu >= 0 with coef_b + sum mu_(s,a') (u_S(a_s, s, b) - u_S(a', s, b)) <= 0 for every Bob type b
    (exists when the affine bound holds on the profile's cell; see exactgame.check.dialogue)."""
    nB, nA = len(game.bob_types), len(game.actions)
    rows = [(s, a, a2) for s, a in zip(supp, prof) for a2 in range(nA) if a2 != a]
    A = [[game.u[(s, b)][a][0] - game.u[(s, b)][a2][0] for s, a, a2 in rows] for b in range(nB)]
    if not rows:
        return ()
    res = solve_lp([0] * len(rows), A, [-c for c in coef])
    if res.status != "optimal" or res.x is None:
        from ..errors import InternalError

        raise InternalError(f"round 1: no multipliers for the profile {list(prof)} although the bound holds at the cells' vertices")
    return tuple(res.x)


def _envelope(game: DialogueGame, DS: Vector, DB: Vector, split: SplitCertificate, lps) -> EnvelopeCertificate | None:
    """Round 1's envelope certificate from the duals of the two LPs (h; then g and theta)."""
    nB, nA = len(DB), len(game.actions)
    supp = [s for s, w in enumerate(DS) if w]
    if nA ** len(supp) > MAX_ENVELOPE_CELLS:
        return None
    h = tuple(lps[0].certificate.y_eq)
    y2 = lps[1].certificate.y_eq
    g, theta = tuple(y2[:nB]), -y2[nB]
    cells = []
    for prof in product(range(nA), repeat=len(supp)):
        bob = [sum((DS[s] * game.u[(s, b)][a][1] for s, a in zip(supp, prof)), Fraction(0)) - h[b] for b in range(nB)]
        sally = [sum((DS[s] * (game.u[(s, b)][a][0] + theta * game.u[(s, b)][a][1]) for s, a in zip(supp, prof)), Fraction(0)) - g[b]
                 for b in range(nB)]
        cells.append({"profile": list(prof), "bob": _cell_multipliers(game, DS, supp, prof, bob),
                      "sally": _cell_multipliers(game, DS, supp, prof, sally)})
    u = [[[list(game.u[(s, b)][a]) for a in range(nA)] for b in range(nB)] for s in range(len(DS))]
    return EnvelopeCertificate(u, DS, DB, split, h, g, theta, cells)


def _splits_of(cands: list[_BobCand], DB: Vector) -> list[tuple[tuple[int, ...], Vector]]:
    """Vertices of {lambda >= 0 : sum lambda_k x_k = D_B}: supports of affinely independent points."""
    nB = len(DB)
    from math import comb

    subsets = sum(comb(len(cands), r) for r in range(1, nB + 1))
    if subsets > MAX_SUBSETS:
        raise TooLargeError(f"round 2 would examine {subsets} sets of Bob's posteriors (at most {MAX_SUBSETS}); "
                            "the game has too many best-response cells")
    out: list[tuple[tuple[int, ...], Vector]] = []
    idx = range(len(cands))
    for r in range(1, nB + 1):
        for sub in combinations(idx, r):
            pts = [cands[k].x for k in sub]
            if rank([list(p) for p in pts]) < r:
                continue
            # solve sum lam_k x_k = DB exactly (overdetermined, consistent or not)
            res = solve_lp([0] * r, None, None, [[p[i] for p in pts] for i in range(nB)], list(DB))
            if res.status == "optimal" and res.x is not None and all(lam > 0 for lam in res.x):
                out.append((sub, res.x))
        if len(out) > MAX_SPLITS:
            raise TooLargeError(f"more than {MAX_SPLITS} candidate splittings for Bob in round 2")
    return out


def _round2(cands: list[_BobCand], DS: Vector, DB: Vector, pi1: tuple[Fraction, Fraction]):
    nS = len(DS)
    # Bob's splittings and their payoffs as linear functions of Sally's distribution y
    splits = []
    seen = set()
    for sub, lam in _splits_of(cands, DB):
        F = tuple(sum(w * cands[k].per_type[s][1] for w, k in zip(lam, sub)) for s in range(nS))
        G = tuple(sum(w * cands[k].per_type[s][0] for w, k in zip(lam, sub)) for s in range(nS))
        if (F, G) not in seen:
            seen.add((F, G))
            splits.append((F, G))
    A0, b0, Ae, be = _simplex_rows(nS)
    points: list[tuple[Vector, Fraction, Fraction]] = []
    for v, (Fv, Gv) in enumerate(splits):
        rows = [[Fw[s] - Fv[s] for s in range(nS)] for w, (Fw, _) in enumerate(splits) if w != v]
        R0 = Polytope.from_inequalities(A0 + rows, b0 + [Fraction(0)] * len(rows), Ae, be)
        if R0.is_empty:
            continue
        tied = [Gw for w, (Fw, Gw) in enumerate(splits)
                if w != v and all(sum(y[s] * (Fw[s] - Fv[s]) for s in range(nS)) == 0 for y in R0.vertices)]
        if tied:
            grow = [[Gw[s] - Gv[s] for s in range(nS)] for Gw in tied]
            R = Polytope.from_inequalities(A0 + rows + grow, b0 + [Fraction(0)] * (len(rows) + len(grow)), Ae, be)
            # lower-dimensional: v ties in G with a group member (same F) there, so the same
            # payoffs come from that member's full-dimensional region
            if R.is_empty or R.dim < R0.dim:
                continue
        else:
            R = R0
        for y in R.vertices:
            points.append((y, sum((a * b for a, b in zip(y, Gv)), Fraction(0)), sum((a * b for a, b in zip(y, Fv)), Fraction(0))))
    mu, vS, vB, lps = _lex_lp([y for y, _, _ in points], DS, [g for _, g, _ in points], [f for _, _, f in points],
                              floor=([f for _, _, f in points], pi1[1]))
    used = [(m, pt) for m, pt in zip(mu, points) if m]
    cert = SplitCertificate("sally", DS, [pt[0] for _, pt in used], tuple(m for m, _ in used),
                            [(pt[1], pt[2]) for _, pt in used], (vS, vB))
    # attained: at every posterior the value used is what Bob actually gives Sally there
    attained = all(_round1(cands, pt[0], DB)[0] == (pt[1], pt[2]) for _, pt in used)
    return (vS, vB), cert, lps, attained


def dialogue_at(game: DialogueGame, rounds: int, DS: Sequence[Any] | None = None, DB: Sequence[Any] | None = None) -> PointResult:
    """Payoffs of the t-round protocols, t = 0..rounds (rounds <= 2), at (D_S, D_B), for any finite types.

    Round 0 is the base game :math:`\\pi^0` (eq. (2)); round 1 is Bob's concavification of
    :math:`\\pi^0_B(D_S, \\cdot)` at D_B (Sally's payoff as tie-break); round 2 is Sally's
    concavification over Bob's round-1 choices, subject to Bob's voluntary constraint
    (eq. (3)); see the module docstring for the LPs.

    Parameters
    ----------
    game : DialogueGame
        The game.
    rounds : int
        Last round T, 0, 1 or 2.
    DS : sequence of number, optional
        Distribution of Sally's type (default: ``game.sally_prior``).
    DB : sequence of number, optional
        Distribution of Bob's type (default: ``game.bob_prior``).

    Returns
    -------
    PointResult
        ``payoffs[t]`` for t = 0..T, with the splits and certificates.

    Raises
    ------
    InputError
        ``rounds`` outside 0..2, or a distribution that is not made of exact numbers.
    TooLargeError
        Too many best-response profiles or candidate splittings (the module's ``MAX_*``).

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> g = bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"])       # Section 3.1
    >>> r = dialogue_at(g, 2)
    >>> [tuple(map(str, x)) for x in r.payoffs]
    [('4/3', '0'), ('4/3', '2/3'), ('4/3', '2/3')]
    >>> r.splits[0].posteriors, r.splits[0].weights                # Bob's signal
    (((Fraction(3, 4), Fraction(1, 4)), (Fraction(0, 1), Fraction(1, 1))), (Fraction(8, 9), Fraction(1, 9)))
    """
    if not 0 <= rounds <= 2:
        raise InputError("--rounds: for type spaces that are not both binary, at most 2 rounds are computed")
    DS = game.sally_prior if DS is None else to_vector(DS, where="sally prior")
    DB = game.bob_prior if DB is None else to_vector(DB, where="bob prior")
    base = game.base_payoffs(DS, DB)
    if rounds == 0:
        return PointResult(game, [base])
    cands = bob_candidates(game)
    pi1, cert, lps = _round1(cands, DS, DB)
    envelope = _envelope(game, DS, DB, cert, lps)
    if rounds == 1:
        return PointResult(game, [base, pi1], [cert], list(lps), True, envelope)
    pi2, cert2, lps2, att = _round2(cands, DS, DB, pi1)
    return PointResult(game, [base, pi1, pi2], [cert, cert2], list(lps) + list(lps2), att, envelope)
