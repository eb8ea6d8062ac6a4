r"""Alternating concavification for any finite type spaces and any number of rounds, on
product cells of the two belief simplices (001_9d9f8fe1d5e70189.txt, Sections 2.1-2.4, 3.4).

Write :math:`y \in \Delta(\Theta_S)` (Sally's type distribution) and :math:`x \in \Delta(\Theta_B)`.
Every round's payoff function :math:`\pi^t` is held as a finite list of **pieces**
:math:`(Y, X, M_S, M_B)`: closed polytopes :math:`Y \subseteq \Delta(\Theta_S)`,
:math:`X \subseteq \Delta(\Theta_B)` and matrices with :math:`\pi^t_i = y^\top M_i x` on
:math:`Y \times X` (bilinear; on simplices every function affine in each argument is of this
form). The value at a point is the piece containing it that is lexicographically best for
(the round's speaker, the other player) (round 0: (Sally, Bob)).

**Round 0.** For a profile :math:`(a_s)_s` of Sally's actions the cell
:math:`X = \{x : a_s \in \arg\max_a E_x u_S(a, s, \cdot)\ \forall s\}` with
:math:`Y = \Delta(\Theta_S)` and :math:`(M_i)_{sb} = u_i(a_s, s, b)`. On a boundary Sally's
payoff is the same in every cell containing the point and Bob's best one is the
tie-break of eq. (2) (the profiles are products over types, so the lexicographic maximum
is the type-by-type one).

**A round** (speaker with coordinate :math:`z`, other player with coordinate :math:`w`;
Bob: :math:`z = x`, odd rounds; Sally: :math:`z = y`, even rounds). For a fixed :math:`w`
the previous round is a function of :math:`z` given by the pieces whose :math:`W`-side
contains :math:`w`; on each it is affine in :math:`z`, so (splitting lemma, Section 2.3.2)
the speaker's supremum over refinements of :math:`z_0` is the LP

.. math:: \max_{\lambda \ge 0} \sum_k \lambda_k f_k(w) \quad \text{s.t.} \quad \sum_k \lambda_k z_k = z_0

over the *candidates* :math:`(z_k, f_k)`: the vertices :math:`z_k` of those pieces'
:math:`Z`-sides with the piece's payoffs there (linear in :math:`w`). Splitting a point of
a piece into the piece's vertices keeps both payoffs (they are affine on the piece), so
vertices suffice; the value is a maximum, not only a supremum, because at every vertex the
function's value is the best of the pieces containing it.

*Chambers.* Cut :math:`\Delta_w` by the facet hyperplanes of all :math:`W`-sides; on each
full-dimensional chamber :math:`C` the same pieces are present, so the candidate set is
fixed and every :math:`f_k` is linear in :math:`w`.

*Bases.* The LP's basic solutions are the affinely independent sets :math:`\beta` of
:math:`\dim \Delta_z + 1` candidates whose simplex contains :math:`z_0`, with the
barycentric weights :math:`\lambda = B^{-1} z_0` (:math:`B` the points as columns: linear in
:math:`z_0`). Basis optimality is the sign of the reduced costs

.. math:: r_k(w) = f_k(w) - \sum_{j \in \beta} (B^{-1} z_k)_j\, f_j(w) \le 0 \quad \forall k,

which do **not** depend on :math:`z_0` (LP sensitivity: the right-hand side only decides
feasibility). So basis :math:`\beta` is optimal exactly on the product
:math:`\operatorname{conv}(\beta) \times R_\beta` with the polytope
:math:`R_\beta = C \cap \{r_k \le 0\}`, and the new payoffs there are
:math:`\sum_j \lambda_j(z) F_j(w) = z^\top B^{-\top} A\, w` (rows of :math:`A`: the
candidates' payoffs): again a piece. Every optimal basis is kept, so at a point where
several are optimal the other player gets the best of them, which is the tie-break of
Section 2.3.5.3 (the optimal face of the LP is the hull of its optimal bases, and the other
player's payoff is linear on it). When a reduced cost vanishes identically (the speaker is
indifferent on the whole chamber) the other player's reduced cost decides instead, so
such ties do not multiply the pieces.

*Voluntary communication (eq. (3)).* The speaker's own constraint holds because staying
silent is feasible. The other player's is a linear constraint of the LP; it is imposed
in the LP of every round **at the start point** (:func:`dialogue_cells`), and on the
whole product it is the check :meth:`CellRounds.voluntary_on_path` along the protocol
the certificates hold (the product construction assumes it does not bind elsewhere; in
binary type spaces every refinement is voluntary, Section 2.3.5.4).

*What is proved and what is not.* The construction above is exact on the interior of
every chamber. On a chamber's boundary the engine uses the closures of the neighbouring
chambers' pieces (the lexicographic best of them), not a separate candidate set of the
lower-dimensional face; this is right whenever pieces that meet there agree where both are
optimal (the generic case; the split of a facet point uses the facet's vertices only), and
it is what :meth:`CellRounds.node` re-checks on the protocol it builds: every node's value
is recomputed from its children down to the base game, and a mismatch is reported as
``attained = False`` (the document then certifies only the rounds before). The protocol
trees prove from the utilities that the payoffs are *attained* by alternating refinements;
that every split is the speaker's best rests on this enumeration. The voluntary constraint
of rounds before the last is checked at every node of the trees, not on the whole product.

*Checks.* The engine agrees exactly with the whole-square engine (:mod:`.square`) on
binary games at t = 3, 4 and with :mod:`.point` at t <= 2 (tests/test_dialogue_cells.py).

>>> from exactgame.dialogue.model import bilateral_trade
>>> g = bilateral_trade([0, 2], ["4/5", "1/5"], [3, 6, 12], ["1/3", "1/3", "1/3"])   # Section 3.4
>>> r = dialogue_cells(g, 2)
>>> [tuple(map(str, v)) for v in r.payoffs]
[('58/15', '8/5'), ('58/15', '12/5'), ('62/15', '12/5')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any, Sequence

import flint

from ..display.mixin import Displayable
from ..errors import InputError, InternalError, TooLargeError
from ..geometry import Polytope
from ..geometry.linalg import primitive, to_flint, from_flint_entry
from ..numbers import to_vector, Vector
from .certificate import SplitCertificate, TreeCertificate
from .model import BOB, SALLY, DialogueGame
from .point import _lex_lp, best_response_cells

__all__ = ["dialogue_cells", "tree_certificate", "voluntary_on_tree", "CellResult", "CellRounds", "CellPiece", "MAX_CHAMBERS", "MAX_BASES", "MAX_WORK", "MAX_PIECES", "MAX_ROUNDS"]

#: Refuse a round whose listener simplex is cut into more chambers than this.
MAX_CHAMBERS = 2_000
#: Refuse a chamber with more candidate bases (sets of affinely independent candidates) than this.
MAX_BASES = 60_000
#: Refuse a round that would examine more bases, over all its chambers, than this (the cost:
#: Section 3.4's round 2 examines 6,610 bases in 227 chambers, about 15 s).
MAX_WORK = 100_000
#: Refuse a round with more pieces than this.
MAX_PIECES = 20_000
#: At most this many rounds (each round multiplies the pieces).
MAX_ROUNDS = 8

Mat = tuple[tuple[Fraction, ...], ...]
ZERO = Fraction(0)


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b)), ZERO)


def _bilinear(M: Mat, y: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((ys * _dot(row, x) for ys, row in zip(y, M) if ys), ZERO)


def _transpose(M: Sequence[Sequence[Fraction]]) -> Mat:
    return tuple(zip(*M)) if M else ()


@dataclass(frozen=True)
class CellPiece:
    """One product cell of a round: ``Y x X`` with payoffs ``y^T S x`` (Sally) and ``y^T B x`` (Bob).

    ``split`` is the speaker's refinement that gives these payoffs: pairs ``(posterior,
    index)`` of the speaker's basis points (each a vertex of the previous round's piece
    ``index``); empty for round 0.

    >>> from exactgame.dialogue.model import spy_game
    >>> p = CellRounds.build(spy_game(), 0).rounds[0][0]
    >>> p.value((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0)))    # friends, type 0, action C
    (Fraction(1, 1), Fraction(1, 1))
    """

    Y: Polytope
    X: Polytope
    S: Mat
    B: Mat
    split: tuple[tuple[Vector, int], ...] = ()

    def value(self, y: Sequence[Fraction], x: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
        """(Sally, Bob) payoffs of this piece at (y, x) (its bilinear formula; no membership test).

        Parameters
        ----------
        y, x : sequence of Fraction
            Sally's and Bob's type distributions.

        Returns
        -------
        tuple of Fraction
        """
        return _bilinear(self.S, y, x), _bilinear(self.B, y, x)


def _simplex(n: int) -> tuple[list[list[Fraction]], list[Fraction]]:
    return [[Fraction(-int(i == j)) for j in range(n)] for i in range(n)], [ZERO] * n


def _poly(n: int, rows: Sequence[tuple[Sequence[Fraction], Fraction]]) -> Polytope:
    A, b = _simplex(n)
    return Polytope.from_inequalities(A + [list(a) for a, _ in rows], b + [c for _, c in rows],
                                      [[Fraction(1)] * n], [Fraction(1)])


def _hyperplane(a: Sequence[Fraction], b: Fraction) -> tuple[Fraction, ...] | None:
    """Canonical (a, b) of {a.x = b} on the simplex (sum x = 1 removes a_n), sign-normalised; None
    for the simplex's own facets and for rows that do not cut it."""
    a2 = [c - a[-1] for c in a]
    b2 = b - a[-1]
    if not any(a2[:-1]):
        return None
    v = primitive([*a2, b2])
    lead = next(c for c in v if c)
    v = tuple(-c for c in v) if lead < 0 else tuple(v)
    if sum(1 for c in v[:-1] if c) == 1 and v[-1] == 0:
        return None   # x_i = 0: a facet of the simplex
    return v


def _chambers(polys: Sequence[Polytope], n: int) -> list[tuple[Polytope, Vector]]:
    """Full-dimensional cells of Delta_n cut by every facet hyperplane of ``polys``, with an
    interior point each (the mean of the vertices)."""
    planes = {h for P in polys if P.dim == n - 1 for a, b in P.inequalities if (h := _hyperplane(a, b)) is not None}
    cells: list[tuple[list[tuple[Vector, Fraction]], Polytope]] = [([], _poly(n, []))]
    for h in sorted(planes):
        a, b = h[:-1], h[-1]
        out = []
        for rows, P in cells:
            vals = [_dot(a, v) - b for v in P.vertices]
            if min(vals) < 0 < max(vals):
                for sgn in (1, -1):
                    r = rows + [(tuple(sgn * c for c in a), sgn * b)]
                    out.append((r, _poly(n, r)))
            else:
                out.append((rows, P))
        cells = out
        if len(cells) > MAX_CHAMBERS:
            raise TooLargeError(f"more than {MAX_CHAMBERS} chambers (MAX_CHAMBERS) in a round of the cell engine")
    res = []
    for _, P in cells:
        vs = P.vertices
        res.append((P, tuple(sum((v[i] for v in vs), ZERO) / len(vs) for i in range(n))))
    return res


@dataclass(frozen=True)
class _Cand:
    z: Vector                    # the speaker's posterior
    spk: Vector                  # speaker's payoff there, linear in w
    lis: Vector                  # the other player's payoff, linear in w
    src: int                     # the previous round's piece


def _orient(p: CellPiece, speaker: int) -> tuple[Polytope, Polytope, Mat, Mat]:
    """(Z, W, speaker matrix, other matrix), both matrices indexed [z][w]."""
    if speaker == BOB:
        return p.X, p.Y, _transpose(p.B), _transpose(p.S)
    return p.Y, p.X, p.S, p.B


def _candidates(prev: Sequence[CellPiece], present: Sequence[int], speaker: int) -> list[_Cand]:
    seen: dict[tuple, _Cand] = {}
    for i in present:
        Z, _, Ms, Ml = _orient(prev[i], speaker)
        for v in Z.vertices:
            spk = tuple(_dot(v, col) for col in _transpose(Ms))
            lis = tuple(_dot(v, col) for col in _transpose(Ml))
            seen.setdefault((v, spk, lis), _Cand(v, spk, lis, i))
    return list(seen.values())


def _inverse(cols: Sequence[Vector]) -> Mat | None:
    """B^-1 for the matrix with the given columns (None when singular)."""
    n = len(cols)
    try:
        inv = to_flint([[cols[j][i] for j in range(n)] for i in range(n)]).inv()
    except ZeroDivisionError:
        return None
    return tuple(tuple(from_flint_entry(inv[i, j]) for j in range(n)) for i in range(n))


class _Chamber:
    """One chamber's candidates as flint matrices (rows: candidates), for the basis loop."""

    def __init__(self, cands: Sequence[_Cand], chamber: Polytope, nw: int):
        self.cands, self.chamber, self.nw = cands, chamber, nw
        self.Z = to_flint([list(c.z) for c in cands])
        self.S = to_flint([list(c.spk) for c in cands])
        self.L = to_flint([list(c.lis) for c in cands])
        self.V = to_flint([list(v) for v in chamber.vertices]).transpose()     # nw x (vertices)
        self.rows = [(a, b) for a, b in chamber.inequalities]

    def inverse(self, beta: Sequence[int]):
        """B^-1 (B: the basis points as columns) as flint, or None when singular."""
        n = len(beta)
        B = flint.fmpq_mat(n, n, [self.Z[beta[j], i] for i in range(n) for j in range(n)])
        try:
            return B.inv()
        except ZeroDivisionError:
            return None

    def _sub(self, M, beta: Sequence[int]):
        return flint.fmpq_mat(len(beta), self.nw, [M[j, i] for j in beta for i in range(self.nw)])

    def piece(self, beta: Sequence[int], Binv, speaker: int) -> CellPiece | None:
        """The piece of basis ``beta`` (None when it is optimal nowhere in the chamber)."""
        alpha = self.Z * Binv.transpose()                       # K x nz: barycentric coordinates
        Rs = self.S - alpha * self._sub(self.S, beta)           # reduced costs, rows linear in w
        Rl = self.L - alpha * self._sub(self.L, beta)
        RV = Rs * self.V
        K, nw, nV = len(self.cands), self.nw, self.V.ncols()
        inb = set(beta)
        rows: list[tuple[Vector, Fraction]] = []
        for k in range(K):
            if k in inb:
                continue
            R, vals = Rs, RV
            if all(Rs[k, i] == 0 for i in range(nw)):
                R, vals = Rl, None
                if all(Rl[k, i] == 0 for i in range(nw)):
                    continue
            if vals is None:
                vals = Rl * self.V
            if all(vals[k, j] > 0 for j in range(nV)):
                return None
            rows.append((tuple(from_flint_entry(R[k, i]) for i in range(nw)), ZERO))
        Rg = _poly(nw, self.rows + rows)
        if Rg.is_empty:
            return None
        cz = [self.cands[j].z for j in beta]
        Zp = Polytope.from_points(cz)
        Ms = Binv.transpose() * self._sub(self.S, beta)         # z^T B^-T A w
        Ml = Binv.transpose() * self._sub(self.L, beta)
        nz = len(beta)
        ms = tuple(tuple(from_flint_entry(Ms[k, i]) for i in range(nw)) for k in range(nz))
        ml = tuple(tuple(from_flint_entry(Ml[k, i]) for i in range(nw)) for k in range(nz))
        split = tuple((self.cands[j].z, self.cands[j].src) for j in beta)
        if speaker == BOB:   # z = x, w = y; the speaker's matrix is Bob's
            return CellPiece(Rg, Zp, _transpose(ml), _transpose(ms), split)
        return CellPiece(Zp, Rg, ms, ml, split)


def _round(prev: Sequence[CellPiece], speaker: int, nS: int, nB: int) -> list[CellPiece]:
    """The next round's pieces (module docstring: chambers, candidates, bases)."""
    nz, nw = (nB, nS) if speaker == BOB else (nS, nB)
    Ws = [_orient(p, speaker)[1] for p in prev]
    out: list[CellPiece] = []
    chambers = _chambers(Ws, nw)
    work = []
    for chamber, c in chambers:
        present = [i for i, W in enumerate(Ws) if W.contains(c)]
        cands = _candidates(prev, present, speaker)
        nb = comb(len(cands), nz)
        if nb > MAX_BASES:
            raise TooLargeError(f"a chamber has {len(cands)} candidate posteriors, {nb} bases to examine "
                                f"(MAX_BASES = {MAX_BASES})")
        work.append((chamber, cands))
    total = sum(comb(len(cands), nz) for _, cands in work)
    if total > MAX_WORK:
        raise TooLargeError(f"a round of the cell engine would examine {total} bases in {len(chambers)} chambers "
                            f"(MAX_WORK = {MAX_WORK})")
    for chamber, cands in work:
        ch = _Chamber(cands, chamber, nw)
        for beta in combinations(range(len(cands)), nz):
            Binv = ch.inverse(beta)
            if Binv is None:
                continue
            pc = ch.piece(beta, Binv, speaker)
            if pc is not None:
                out.append(pc)
        if len(out) > MAX_PIECES:
            raise TooLargeError(f"more than {MAX_PIECES} pieces (MAX_PIECES) in round with speaker "
                                f"{'Bob' if speaker == BOB else 'Sally'}")
    return out


def _base_pieces(game: DialogueGame) -> list[CellPiece]:
    nS = len(game.sally_types)
    Y = _poly(nS, [])
    out = []
    for prof, X in best_response_cells(game):
        S = tuple(tuple(game.u[(s, b)][a][0] for b in range(len(game.bob_types))) for s, a in enumerate(prof))
        B = tuple(tuple(game.u[(s, b)][a][1] for b in range(len(game.bob_types))) for s, a in enumerate(prof))
        out.append(CellPiece(Y, X, S, B))
    return out


@dataclass(frozen=True)
class CellRounds:
    """The pieces of :math:`\\pi^0, \\dots, \\pi^T` (module docstring), built by :meth:`build`.

    >>> from exactgame.dialogue.model import spy_game
    >>> cr = CellRounds.build(spy_game(), 1)
    >>> h = (Fraction(1, 2), Fraction(1, 2))
    >>> cr.at(0, h, h), cr.at(1, h, h)           # Section 4, t = 0 and t = 1
    ((Fraction(1, 2), Fraction(-3, 2)), (Fraction(1, 2), Fraction(-1, 6)))
    """

    game: DialogueGame
    rounds: tuple[tuple[CellPiece, ...], ...]
    stopped_by: str | None = None

    @classmethod
    def build(cls, game: DialogueGame, T: int, partial: bool = False) -> "CellRounds":
        """Pieces of rounds 0..T (with ``partial``, of the rounds built before a limit).

        Parameters
        ----------
        game : DialogueGame
            Any finite game.
        T : int
            Last round, 0 <= T <= :data:`MAX_ROUNDS`.
        partial : bool
            At a limit, keep the rounds already built and name the limit in ``stopped_by``
            instead of raising.

        Returns
        -------
        CellRounds

        Raises
        ------
        InputError
            ``T`` out of range.
        TooLargeError
            At :data:`MAX_CHAMBERS`, :data:`MAX_BASES` or :data:`MAX_PIECES` (unless ``partial``).

        >>> from exactgame.dialogue.model import spy_game
        >>> cr = CellRounds.build(spy_game(), 2, partial=True)
        >>> len(cr.rounds), cr.stopped_by
        (3, None)
        """
        if not 0 <= T <= MAX_ROUNDS:
            raise InputError(f"--rounds: the cell engine computes 0..{MAX_ROUNDS} rounds (MAX_ROUNDS)")
        nS, nB = len(game.sally_types), len(game.bob_types)
        rounds = [tuple(_base_pieces(game))]
        for t in range(1, T + 1):
            try:
                rounds.append(tuple(_round(rounds[-1], BOB if t % 2 else SALLY, nS, nB)))
            except TooLargeError as exc:
                if not partial:
                    raise
                return cls(game, tuple(rounds), f"the cell engine's pieces of round {t}: {exc}")
        return cls(game, tuple(rounds))

    def best(self, t: int, y: Sequence[Fraction], x: Sequence[Fraction]) -> int:
        """Index of the piece of round t that gives the value at (y, x): among those containing
        the point, the best for (speaker, other) lexicographically (round 0: (Sally, Bob)).

        Parameters
        ----------
        t : int
            Round.
        y, x : sequence of Fraction
            The point.

        Returns
        -------
        int

        Raises
        ------
        InternalError
            No piece contains the point (the pieces must cover the product).
        """
        spk = BOB if t % 2 else SALLY
        bestkey, besti = None, -1
        for i, p in enumerate(self.rounds[t]):
            if p.Y.contains(y) and p.X.contains(x):
                v = p.value(y, x)
                key = (v[spk], v[1 - spk])
                if bestkey is None or key > bestkey:
                    bestkey, besti = key, i
        if besti < 0:
            raise InternalError(f"round {t}: no piece contains the point {y}, {x}")
        return besti

    def at(self, t: int, y: Sequence[Fraction], x: Sequence[Fraction]) -> tuple[Fraction, Fraction]:
        """:math:`(\\pi^t_S, \\pi^t_B)(y, x)` from the pieces.

        Parameters
        ----------
        t : int
            Round.
        y, x : sequence of Fraction
            Sally's and Bob's type distributions.

        Returns
        -------
        tuple of Fraction
        """
        return self.rounds[t][self.best(t, y, x)].value(y, x)

    def node(self, t: int, y: Vector, x: Vector) -> dict[str, Any]:
        """The protocol tree below (t, y, x): ``{t, sally, bob, value, children: [(weight, node)]}``.

        A node of round t >= 1 splits the speaker's coordinate as the piece giving the value
        does; its value is the children's average, recomputed here, and a leaf's (t = 0) is
        the base game's. When a node's recomputed value differs from its piece's, the piece
        used a value that is not attained; the node says so (``attained``).

        Parameters
        ----------
        t : int
            Round.
        y, x : Vector
            The point.

        Returns
        -------
        dict
        """
        if t == 0:
            return {"t": 0, "sally": y, "bob": x, "value": self.game.base_payoffs(y, x), "children": [], "attained": True}
        p = self.rounds[t][self.best(t, y, x)]
        posts = [z for z, _ in p.split]
        Binv = _inverse(posts)
        if Binv is None:
            raise InternalError("a piece's basis is not affinely independent")
        z = x if t % 2 else y
        return self.split_node(t, y, x, [(_dot(r, z), post) for r, post in zip(Binv, posts)], p.value(y, x))

    def split_node(self, t: int, y: Vector, x: Vector, posts: Sequence[tuple[Fraction, Vector]],
                   claimed: tuple[Fraction, Fraction]) -> dict[str, Any]:
        """A node of round t whose speaker splits onto ``posts`` (children from :meth:`node`).

        Parameters
        ----------
        t : int
            Round (>= 1).
        y, x : Vector
            The point.
        posts : sequence of (Fraction, Vector)
            The split: weights and the speaker's posteriors (averaging to his coordinate).
        claimed : tuple of Fraction
            The value the engine claims at the node (compared, for ``attained``).

        Returns
        -------
        dict
        """
        spk = BOB if t % 2 else SALLY
        kids = []
        for w, post in posts:
            if w:
                kid = self.node(t - 1, y if spk == BOB else post, post if spk == BOB else x)
                kids.append((w, kid))
        val = tuple(sum((w * k["value"][i] for w, k in kids), ZERO) for i in range(2))
        att = val == tuple(claimed) and all(k["attained"] for _, k in kids)
        return {"t": t, "sally": y, "bob": x, "value": val, "children": kids, "attained": att}


def voluntary_on_tree(cr: CellRounds, node: dict[str, Any]) -> bool:
    """Eq. (3) at every node of a protocol tree: the other player gets at least his payoff of
    the round before at the node (the speaker's own constraint holds by optimality).

    Parameters
    ----------
    cr : CellRounds
        The rounds.
    node : dict
        A tree from :meth:`CellRounds.node`.

    Returns
    -------
    bool

    >>> from exactgame.dialogue.model import spy_game
    >>> cr = CellRounds.build(spy_game(), 1)
    >>> h = (Fraction(1, 2), Fraction(1, 2))
    >>> voluntary_on_tree(cr, cr.node(1, h, h))
    True
    """
    t = node["t"]
    if t == 0:
        return True
    other = SALLY if t % 2 else BOB
    before = cr.at(t - 1, node["sally"], node["bob"]) if t > 1 else cr.game.base_payoffs(node["sally"], node["bob"])
    return node["value"][other] >= before[other] and all(voluntary_on_tree(cr, k) for _, k in node["children"])


@dataclass(frozen=True, repr=False)
class CellResult(Displayable):
    """Payoffs at (D_S, D_B) for t = 0..T, each round's split and tree, from :func:`dialogue_cells`.

    ``payoffs[t]`` is :math:`(\\pi^t_S, \\pi^t_B)`; ``splits[t-1]`` round t's
    :class:`SplitCertificate` at the start point (from the LP with the other player's
    voluntary constraint); ``trees[t-1]`` the protocol tree of round t; ``lps`` the round
    LPs; ``attained`` whether every tree's recomputed values equal the engine's;
    ``voluntary`` whether eq. (3) holds at every node of every tree; ``binding`` the rounds
    whose LP at the start point had the voluntary constraint tight and changing the answer;
    ``pieces`` the number of pieces per round; ``stopped_by`` the limit that ended the run
    before the round asked for (``partial``), else None.

    >>> from exactgame.dialogue.model import spy_game
    >>> r = dialogue_cells(spy_game(), 1)
    >>> r.payoffs[1], r.attained, r.voluntary
    ((Fraction(1, 2), Fraction(-1, 6)), True, True)
    """

    game: DialogueGame
    payoffs: list[tuple[Fraction, Fraction]]
    splits: list[SplitCertificate] = field(default_factory=list)
    trees: list[dict[str, Any]] = field(default_factory=list)
    lps: list[Any] = field(default_factory=list)
    attained: bool = True
    voluntary: bool = True
    binding: tuple[int, ...] = ()
    pieces: tuple[int, ...] = ()
    stopped_by: str | None = None

    @property
    def certificates(self) -> list[Any]:
        """The splits, then the LP certificates."""
        return [*self.splits, *(r.certificate for r in self.lps)]

    def verify(self) -> bool:
        """Re-check every certificate of :attr:`certificates`.

        Returns
        -------
        bool
        """
        return all(c.verify() for c in self.certificates)


def _point_round(cr: CellRounds, t: int, y: Vector, x: Vector, before: tuple[Fraction, Fraction]):
    """Round t at (y, x): the lexicographic LP over the candidates present at the point, with
    the other player's voluntary constraint; returns (value, split certificate, lps, binding)."""
    spk = BOB if t % 2 else SALLY
    z0, w0 = (x, y) if spk == BOB else (y, x)
    prev = cr.rounds[t - 1]
    cands = []
    seen = set()
    for p in prev:
        Z, W, Ms, Ml = _orient(p, spk)
        if W.contains(w0):
            for v in Z.vertices:
                val = (sum((a * _dot(row, w0) for a, row in zip(v, Ms)), ZERO), sum((a * _dot(row, w0) for a, row in zip(v, Ml)), ZERO))
                if (v, val) not in seen:
                    seen.add((v, val))
                    cands.append((v, val))
    pts = [v for v, _ in cands]
    first = [val[0] for _, val in cands]
    second = [val[1] for _, val in cands]
    mu, vs, vl, lps = _lex_lp(pts, z0, first, second, floor=(second, before[1 - spk]))
    free = _lex_lp(pts, z0, first, second)
    binding = (free[1], free[2]) != (vs, vl)
    used = [(m, c) for m, c in zip(mu, cands) if m]
    pay = (vs, vl) if spk == SALLY else (vl, vs)
    vals = [(c[1][0], c[1][1]) if spk == SALLY else (c[1][1], c[1][0]) for _, c in used]
    cert = SplitCertificate("bob" if spk == BOB else "sally", z0, [c[0] for _, c in used], tuple(m for m, _ in used), vals, pay)
    return pay, cert, lps, binding


def dialogue_cells(game: DialogueGame, rounds: int, DS: Sequence[Any] | None = None, DB: Sequence[Any] | None = None,
                   partial: bool = False) -> CellResult:
    """Payoffs of the t-round protocols, t = 0..rounds, at (D_S, D_B), for any finite type spaces.

    The rounds' pieces come from :meth:`CellRounds.build`; round t at the start point is the
    LP over the candidates present there with the other player's voluntary constraint (eq. (3));
    each round's protocol tree is rebuilt from the pieces with its values recomputed.

    Parameters
    ----------
    game : DialogueGame
        The game.
    rounds : int
        Last round T, 0..:data:`MAX_ROUNDS`.
    DS, DB : sequence of number, optional
        Start point (default: the game's priors).
    partial : bool
        At a limit of the pieces (round t needs the pieces of round t - 1), return the rounds
        completed before it, with ``stopped_by`` naming the limit, instead of raising.

    Returns
    -------
    CellResult

    Raises
    ------
    InputError
        ``rounds`` out of range or an inexact prior.
    TooLargeError
        At the engine's limits (``MAX_*``), unless ``partial``.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> r = dialogue_cells(bilateral_trade([2], [1], [3, 6], ["2/3", "1/3"]), 2)      # Section 3.1
    >>> [tuple(map(str, v)) for v in r.payoffs]
    [('4/3', '0'), ('4/3', '2/3'), ('4/3', '2/3')]
    """
    if not 0 <= rounds <= MAX_ROUNDS:
        raise InputError(f"--rounds: the cell engine computes 0..{MAX_ROUNDS} rounds (MAX_ROUNDS)")
    DS = game.sally_prior if DS is None else to_vector(DS, where="sally prior")
    DB = game.bob_prior if DB is None else to_vector(DB, where="bob prior")
    cr = CellRounds.build(game, max(rounds - 1, 0), partial=partial)
    pays = [game.base_payoffs(DS, DB)]
    splits, trees, lps, binding = [], [], [], []
    for t in range(1, min(rounds, len(cr.rounds)) + 1):
        pay, cert, lp, bind = _point_round(cr, t, DS, DB, pays[-1])
        pays.append(pay)
        splits.append(cert)
        lps += lp
        if bind:
            binding.append(t)
        trees.append(cr.split_node(t, DS, DB, list(zip(cert.weights, cert.posteriors)), pay))
    att = all(tr["attained"] for tr in trees)
    vol = all(voluntary_on_tree(cr, tr) for tr in trees)
    return CellResult(game, pays, splits, trees, lps, att, vol, tuple(binding), tuple(len(r) for r in cr.rounds), cr.stopped_by)


def tree_certificate(game: DialogueGame, tree: dict[str, Any]) -> TreeCertificate:
    """The :class:`~.certificate.TreeCertificate` of a protocol tree (nodes in depth-first order).

    Parameters
    ----------
    game : DialogueGame
        The game (its utilities go into the certificate).
    tree : dict
        A tree from :meth:`CellRounds.node` or :func:`dialogue_cells` (``trees``).

    Returns
    -------
    TreeCertificate

    >>> from exactgame.dialogue.model import spy_game
    >>> g = spy_game()
    >>> c = tree_certificate(g, dialogue_cells(g, 1).trees[0])
    >>> [n["t"] for n in c.nodes], c.verify()
    ([1, 0, 0], True)
    """
    nodes: list[dict[str, Any]] = []

    def add(nd: dict[str, Any]) -> int:
        i = len(nodes)
        rec: dict[str, Any] = {"t": nd["t"], "sally": nd["sally"], "bob": nd["bob"], "value": nd["value"], "children": []}
        nodes.append(rec)
        rec["children"] = [[w, add(k)] for w, k in nd["children"]]
        return i

    add(tree)
    nS, nB, nA = len(game.sally_types), len(game.bob_types), len(game.actions)
    u = [[[list(game.u[(s, b)][a]) for a in range(nA)] for b in range(nB)] for s in range(nS)]
    return TreeCertificate(u, nodes)
