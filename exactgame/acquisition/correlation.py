r"""Information structures consistent with efficient trade (004_2686c8b5ad6ec5f0.txt, Section 3).

**Proposition (efficiency ⇒ essentially perfect correlation).** With binary :math:`V` and
gains from trade in every state, an :math:`\alpha` consistent with efficient trade is block
diagonal (after ordering the posteriors) and all posteriors -- the buyer's and the
seller's -- are equal within each block.

The blocks are the connected components of the bipartite graph on
:math:`S^b \cup S^s` with an edge :math:`s^b_i - s^s_j` when
:math:`\sum_v \alpha_{ij}(v) > 0`; any :math:`\alpha` is block diagonal in its own
components, so the content of the Proposition is the *equal posteriors* part, which
:func:`correlation_structure` checks exactly.

**Corollary (perfect correlation is w.l.o.g.).** Merging signal realizations with equal
posteriors gives a diagonal :math:`\alpha` (:math:`I = J`, :math:`\alpha_{ij} = 0` for
:math:`i \ne j`) with the same revenue. :func:`merge_equal_posteriors` merges, gives each
merged signal the expected on-path transfers of its cells (so revenue is unchanged), and
punishing off-path transfers. Why it stays implementable: with :math:`q \equiv 1` and
common posterior :math:`p` in a block, :math:`\lambda_j(v) = u(v) - t_{ij} - \kappa \log p(v)`
on the block's cells; averaging transfers can only raise the smallest :math:`\lambda`, so
:math:`\Lambda` does not fall and (NA) survives. The merged mechanism is then re-checked.

>>> from exactgame.acquisition import AcquisitionGame
>>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
...       alpha=[[["1/4", "1/8"], [0, "1/8"]], [["1/8", "1/8"], [0, "1/4"]]])
>>> cs = correlation_structure(g)                 # b1 - s2 - b2 are linked, posteriors differ
>>> cs.blocks, cs.essentially_perfect
(((('b1', 'b2'), ('s1', 's2')),), False)
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import InputError
from ..numbers import fmt
from .mechanism import diagonal_mechanism, prescribed_mechanism
from .model import BUYER, SELLER, AcquisitionGame

__all__ = ["CorrelationStructure", "correlation_structure", "merge_equal_posteriors"]


@dataclass(frozen=True)
class CorrelationStructure:
    """Blocks of :math:`\\alpha` and whether posteriors are equal within each (the Proposition's form)."""

    blocks: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]     # (buyer signals, seller signals), ordered
    posteriors: tuple[tuple[Fraction, ...] | None, ...]              # the common posterior of each block, or None
    essentially_perfect: bool
    perfectly_correlated: bool                                       # diagonal with one signal pair per block
    reasons: tuple[str, ...]


def _components(game: AcquisitionGame) -> list[tuple[list[int], list[int]]]:
    I, J = len(game.buyer_signals), len(game.seller_signals)
    parent = list(range(I + J))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(I):
        for j in range(J):
            if any(m[i][j] for m in game.alpha):
                parent[find(i)] = find(I + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(I + J):
        b, s = groups.setdefault(find(x), ([], []))
        (b if x < I else s).append(x if x < I else x - I)
    return list(groups.values())


def correlation_structure(game: AcquisitionGame) -> CorrelationStructure:
    """The blocks of ``game.alpha``, ordered by decreasing posterior of the last state (exact)."""
    game._need_alpha()
    mub, mus = game.posteriors(BUYER), game.posteriors(SELLER)
    rows = []
    reasons = []
    for b, s in _components(game):
        posts = {mub[i] for i in b} | {mus[j] for j in s}
        common = next(iter(posts)) if len(posts) == 1 else None
        names = (tuple(game.buyer_signals[i] for i in b), tuple(game.seller_signals[j] for j in s))
        if common is None:
            reasons.append(f"block {names}: posteriors differ within the block "
                           f"({'; '.join('(' + ', '.join(map(fmt, p)) + ')' for p in sorted(posts))})")
        rows.append((names, common, max(mub[i][-1] for i in b)))
    rows.sort(key=lambda r: -r[2])
    blocks = tuple(r[0] for r in rows)
    perfect = not reasons and all(len(b) == 1 and len(s) == 1 for b, s in blocks)
    return CorrelationStructure(blocks, tuple(r[1] for r in rows), not reasons, perfect, tuple(reasons))


def merge_equal_posteriors(game: AcquisitionGame, places: int = 30) -> AcquisitionGame:
    """The Corollary's diagonal structure: one signal per distinct posterior (needs equal posteriors in blocks).

    On-path transfers become the expected transfers of the merged cells (revenue unchanged);
    off-path transfers are the punishing ones of :func:`~exactgame.acquisition.mechanism.prescribed_mechanism`.
    Without transfers in ``game`` the merged structure gets the prescribed mechanism.
    """
    cs = correlation_structure(game)
    if not cs.essentially_perfect:
        raise InputError("cannot merge: " + "; ".join(cs.reasons), where="alpha")
    n = len(game.states)
    by_post: dict[tuple[Fraction, ...], list[tuple[list[int], list[int]]]] = {}
    bix = {s: i for i, s in enumerate(game.buyer_signals)}
    six = {s: j for j, s in enumerate(game.seller_signals)}
    for (b, s), p in zip(cs.blocks, cs.posteriors):
        by_post.setdefault(p, []).append(([bix[x] for x in b], [six[x] for x in s]))
    posts = sorted(by_post, key=lambda p: tuple(-x for x in reversed(p)))
    K = len(posts)
    mass = [[Fraction(0)] * n for _ in range(K)]
    paid = [[Fraction(0), Fraction(0)] for _ in range(K)]
    for k, p in enumerate(posts):
        for b, s in by_post[p]:
            for i in b:
                for j in s:
                    for v in range(n):
                        x = game.alpha[v][i][j]
                        if x:
                            mass[k][v] += x
                            if game.transfers is not None:
                                paid[k][0] += x * game.transfers[BUYER][i][j]
                                paid[k][1] += x * game.transfers[SELLER][i][j]
    alpha = tuple(tuple(tuple(mass[k][v] if k == l else Fraction(0) for l in range(K)) for k in range(K)) for v in range(n))
    names_b = tuple("+".join(x for b, _ in by_post[p] for x in (game.buyer_signals[i] for i in b)) for p in posts)
    names_s = tuple("+".join(x for _, s in by_post[p] for x in (game.seller_signals[j] for j in s)) for p in posts)
    merged = AcquisitionGame(game.states, game.prior, game.values, game.cost, alpha, names_b, names_s, title=game.title)
    if game.transfers is None:
        return prescribed_mechanism(merged, places=places)
    tau = [sum(mass[k]) for k in range(K)]
    return diagonal_mechanism(merged, [paid[k][0] / tau[k] for k in range(K)], [paid[k][1] / tau[k] for k in range(K)])
