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

from ..errors import InputError, InternalError
from ..numbers import fmt
from .mechanism import diagonal_mechanism, prescribed_mechanism
from .model import BUYER, SELLER, AcquisitionGame

__all__ = ["CorrelationStructure", "correlation_structure", "merge_equal_posteriors"]


@dataclass(frozen=True)
class CorrelationStructure:
    r"""Blocks of :math:`\alpha` and whether posteriors are equal within each (the Proposition's form).

    Attributes
    ----------
    blocks : tuple of (tuple of str, tuple of str)
        The connected components (buyer signals, seller signals) of the graph with an edge
        :math:`s^b_i - s^s_j` when :math:`\sum_v \alpha_{ij}(v) > 0`, ordered by decreasing
        posterior of the last state (the largest buyer posterior in the block).
    posteriors : tuple of (tuple of Fraction or None)
        The block's common posterior of every buyer and seller signal, or None when they differ.
    essentially_perfect : bool
        Every block has a common posterior (the Proposition's conclusion).
    perfectly_correlated : bool
        Moreover each block is one buyer and one seller signal (a diagonal :math:`\alpha`).
    reasons : tuple of str
        One sentence per block whose posteriors differ, with the posteriors.

    >>> cs = CorrelationStructure(((("b1",), ("s1",)),), ((Fraction(1, 2), Fraction(1, 2)),), True, True, ())
    >>> cs.essentially_perfect, cs.blocks[0]
    (True, (('b1',), ('s1',)))
    """

    blocks: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]     # (buyer signals, seller signals), ordered
    posteriors: tuple[tuple[Fraction, ...] | None, ...]              # the common posterior of each block, or None
    essentially_perfect: bool
    perfectly_correlated: bool                                       # diagonal with one signal pair per block
    reasons: tuple[str, ...]


def _components(game: AcquisitionGame) -> list[tuple[list[int], list[int]]]:
    """Connected components (buyer indices, seller indices) of the support graph of ``alpha`` (union-find)."""
    alpha = game._need_alpha()
    nb, ns = len(game.buyer_signals), len(game.seller_signals)
    parent = list(range(nb + ns))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(nb):
        for j in range(ns):
            if any(m[i][j] for m in alpha):
                parent[find(i)] = find(nb + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for x in range(nb + ns):
        b, s = groups.setdefault(find(x), ([], []))
        (b if x < nb else s).append(x if x < nb else x - nb)
    return list(groups.values())


def correlation_structure(game: AcquisitionGame) -> CorrelationStructure:
    r"""The blocks of ``game.alpha`` and their posteriors, ordered by decreasing posterior of the last state (exact).

    The Proposition (binary :math:`V`, gains from trade in every state): efficient trade forces
    every block to have one common posterior, :math:`\mu^b_i = \mu^s_j` for all signals
    :math:`i, j` of a block. This function checks that form for any number of states; it does not
    decide efficiency.

    Parameters
    ----------
    game : AcquisitionGame
        A game with an information structure ``alpha``.

    Returns
    -------
    CorrelationStructure
        The blocks, their common posteriors (or None) and the reasons for each failure.

    Raises
    ------
    InputError
        Without ``alpha``.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...       alpha=[[["1/16", 0, 0], [0, "1/16", 0], [0, 0, "3/8"]], [["3/16", 0, 0], [0, "3/16", 0], [0, 0, "1/8"]]])
    >>> cs = correlation_structure(g)
    >>> cs.blocks[0], [[str(x) for x in p] for p in cs.posteriors], cs.perfectly_correlated
    ((('b1',), ('s1',)), [['1/4', '3/4'], ['1/4', '3/4'], ['3/4', '1/4']], True)
    """
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
    r"""The Corollary's diagonal structure: one signal per distinct posterior (needs equal posteriors in blocks).

    Merged signal :math:`k` (posterior :math:`p_k`) collects the cells :math:`C_k` of all blocks with
    that posterior: :math:`\alpha'_{kk}(v) = \sum_{(i,j) \in C_k} \alpha_{ij}(v)`. On-path transfers
    become the expected transfers of the merged cells,
    :math:`t'_k = \sum_{C_k, v} \alpha_{ij}(v) t_{ij} / \tau_k` (revenue unchanged); off-path transfers
    are the punishing ones of :func:`~exactgame.acquisition.mechanism.diagonal_mechanism`. Without
    transfers in ``game`` the merged structure gets
    :func:`~exactgame.acquisition.mechanism.prescribed_mechanism`. Signals are ordered by decreasing
    posterior of the last state and named by joining the merged names with ``+``.

    Parameters
    ----------
    game : AcquisitionGame
        A game with ``alpha`` whose blocks have equal posteriors.
    places : int
        Decimal places of the prescribed transfers (used only when ``game`` has no transfers).

    Returns
    -------
    AcquisitionGame
        The merged, diagonal game with efficient trade (its implementability is to be checked).

    Raises
    ------
    InputError
        Without ``alpha``, or when posteriors differ within a block (the message gives them).

    >>> from exactgame.acquisition import AcquisitionGame
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]},
    ...       alpha=[[["1/16", 0, 0], [0, "1/16", 0], [0, 0, "3/8"]], [["3/16", 0, 0], [0, "3/16", 0], [0, 0, "1/8"]]],
    ...       transfers={"buyer": [[2, 9, 9], [9, 3, 9], [9, 9, 1]], "seller": [[1, -9, -9], [-9, 1, -9], [-9, -9, 0]]})
    >>> m = merge_equal_posteriors(g)                      # b1 and b2 share the posterior (1/4, 3/4)
    >>> m.buyer_signals, str(m.transfers["buyer"][0][0]), m.revenue() == g.revenue() == Fraction(5, 4)
    (('b1+b2', 'b3'), '5/2', True)
    """
    cs = correlation_structure(game)
    if not cs.essentially_perfect:
        raise InputError("cannot merge: " + "; ".join(cs.reasons), where="alpha")
    n = len(game.states)
    by_post: dict[tuple[Fraction, ...], list[tuple[list[int], list[int]]]] = {}
    bix = {s: i for i, s in enumerate(game.buyer_signals)}
    six = {s: j for j, s in enumerate(game.seller_signals)}
    for (bnames, snames), p in zip(cs.blocks, cs.posteriors):
        if p is None:
            raise InternalError("a block without a common posterior in an essentially perfect structure")
        by_post.setdefault(p, []).append(([bix[x] for x in bnames], [six[x] for x in snames]))
    posts = sorted(by_post, key=lambda p: tuple(-x for x in reversed(p)))
    K = len(posts)
    mass, paid = _merged_sums(game, [by_post[p] for p in posts])
    alpha = tuple(tuple(tuple(mass[k][v] if k == col else Fraction(0) for col in range(K)) for k in range(K)) for v in range(n))
    names_b = tuple("+".join(x for b, _ in by_post[p] for x in (game.buyer_signals[i] for i in b)) for p in posts)
    names_s = tuple("+".join(x for _, s in by_post[p] for x in (game.seller_signals[j] for j in s)) for p in posts)
    merged = AcquisitionGame(game.states, game.prior, game.values, game.cost, alpha, names_b, names_s, title=game.title)
    if game.transfers is None:
        return prescribed_mechanism(merged, places=places)
    tau = [sum(mass[k], Fraction(0)) for k in range(K)]
    return diagonal_mechanism(merged, [paid[k][0] / tau[k] for k in range(K)], [paid[k][1] / tau[k] for k in range(K)])


def _merged_sums(game: AcquisitionGame, groups: list[list[tuple[list[int], list[int]]]]) -> tuple[
        list[list[Fraction]], list[list[Fraction]]]:
    """Per merged signal ``k`` (the blocks ``groups[k]``): the mass ``mass[k][v]`` of its cells and the
    expected transfers ``paid[k] = [sum alpha t^b, sum alpha t^s]`` (zero without transfers)."""
    alpha, transfers, n = game._need_alpha(), game.transfers, len(game.states)
    mass = [[Fraction(0)] * n for _ in groups]
    paid = [[Fraction(0), Fraction(0)] for _ in groups]
    for k, blocks in enumerate(groups):
        for b, s in blocks:
            for i in b:
                for j in s:
                    for v in range(n):
                        x = alpha[v][i][j]
                        if x:
                            mass[k][v] += x
                            if transfers is not None:
                                paid[k][0] += x * transfers[BUYER][i][j]
                                paid[k][1] += x * transfers[SELLER][i][j]
    return mass, paid
