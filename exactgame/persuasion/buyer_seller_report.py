r"""Buyer-seller threshold environments from a game file (000_2cf035f6c25283ea.txt, Propositions 5-6).

A ``buyer-seller`` file gives the seller's payoffs :math:`u_S(1), \dots, u_S(n)` (positive, distinct),
the buyer's threshold ``T`` in (1/2, 1) of eqs. (29)-(30) and an interior prior over
:math:`\omega_0, \dots, \omega_n`::

    kind = "buyer-seller"
    seller_payoffs = [1, 2]          # u_S(1), u_S(2); u_S(0) = 0
    threshold = "3/5"
    prior = ["1/2", "1/4", "1/4"]    # over w0, w1, w2

``exactgame buyer-seller FILE`` reports

* ``T_p`` of eq. (31) (Proposition 6) with the projection ``q`` of ``p`` from :math:`\omega_0`, and
  whether ``T > T_p``;
* ``r_star_pairs``: the pairs ``(i, j)`` with ``p`` in the interior of
  :math:`R_{ij} = R_i\cap R_j\cap R_0` (Proposition 5's region), computed by
  :func:`~exactgame.persuasion.buyer_seller.threshold_environment` from the receiver's cells (cddlib),
  and ``in_r_star``;
* the BP outcome at ``p`` (the obedience LP (24)-(25), its primal-dual certificate), its action
  count against Theorem 1's bound, and its efficiency (Definition 2, certified).

Proposition 5 (and 6, for ``T > T_p``) says the BP outcome is inefficient when ``in_r_star``; the
document carries that verdict as ``propositions_agree`` (``in_r_star`` implies not
``bp_efficient``), computed, not assumed.

The checker derives the regions in closed form for threshold cells: the outer points are
:math:`o_{ij} = T e_i + (1 - T) e_j`, so :math:`H_0 = \{p_0 = 1 - T\}` and :math:`H_i` (through
:math:`\omega_0` and the :math:`o_{ji}`) is :math:`T p_i = (1 - T)\sum_{j \ne 0, i} p_j`; for an interior
``p``, ``p`` is in :math:`\mathrm{int}\,R_{ij}` iff :math:`p_0 > 1 - T`, :math:`q_i > 1 - T` and
:math:`q_j > 1 - T` with :math:`q_i = p_i / (1 - p_0)`, which is eq. (31)'s bound read pairwise.
The two computations (cells and hyperplanes by cddlib; the closed form) must agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..efficiency import efficiency
from ..errors import InputError
from ..games.files import get, register_kind, require_keys
from ..numbers import fmt, to_fraction, to_vector
from ..results import Report, certified
from .bp import persuade
from .buyer_seller import BuyerSeller, threshold_bound, threshold_environment

__all__ = ["BuyerSellerGame", "buyer_seller_report"]


@dataclass(frozen=True)
class BuyerSellerGame:
    """A ``buyer-seller`` game file (threshold preferences).

    Attributes
    ----------
    seller_payoffs : tuple of Fraction
        ``u_S(1..n)``.
    threshold : Fraction
        ``T``.
    prior : tuple of Fraction
        over ``w0..wn``.

    >>> g = BuyerSellerGame.make([1, 2], "3/5", ["1/2", "1/4", "1/4"])
    >>> g.environment().game.states, g.canonical()["threshold"]
    (('w0', 'w1', 'w2'), '3/5')
    """

    seller_payoffs: tuple[Fraction, ...]
    threshold: Fraction
    prior: tuple[Fraction, ...]

    @classmethod
    def make(cls, seller_payoffs: Sequence[Any], threshold: Any, prior: Sequence[Any]) -> "BuyerSellerGame":
        """Validate and coerce (the environment is built once to check the inputs).

        Parameters
        ----------
        seller_payoffs : sequence
            ``u_S(1..n)``, positive and distinct, ``n >= 2``.
        threshold : exact number
            ``T`` in (1/2, 1).
        prior : sequence
            an interior prior over ``w0..wn``.

        Returns
        -------
        BuyerSellerGame
            the game.

        Raises
        ------
        InputError
            on bad payoffs, threshold or prior (the message names the key).
        """
        us = to_vector(seller_payoffs, where="seller_payoffs")
        p = to_vector(prior, where="prior")
        if len(p) != len(us) + 1 or any(x <= 0 for x in p) or sum(p) != 1:
            raise InputError(f"key 'prior': need an interior probability vector over w0..w{len(us)} "
                             f"({len(us) + 1} positive entries summing to 1)", where="prior")
        g = cls(us, to_fraction(threshold, where="threshold"), p)
        g.environment()
        return g

    def environment(self) -> BuyerSeller:
        """The environment with its regions (:func:`~exactgame.persuasion.buyer_seller.threshold_environment`).

        Returns
        -------
        BuyerSeller
            the game (prior included) and the regions of Proposition 5.
        """
        return threshold_environment(list(self.seller_payoffs), self.threshold, list(self.prior))

    def canonical(self) -> dict[str, Any]:
        """The game-file structure with exact strings.

        Returns
        -------
        dict
            ``kind``, ``seller_payoffs``, ``threshold``, ``prior``.
        """
        return {"kind": "buyer-seller", "seller_payoffs": [fmt(x) for x in self.seller_payoffs],
                "threshold": fmt(self.threshold), "prior": [fmt(x) for x in self.prior]}


def _load(doc: Mapping[str, Any]) -> BuyerSellerGame:
    require_keys(doc, {"kind", "seller_payoffs", "threshold", "prior", "title", "source", "description"}, "file")
    return BuyerSellerGame.make(get(doc, "seller_payoffs", "buyer-seller"), get(doc, "threshold", "buyer-seller"),
                                get(doc, "prior", "buyer-seller"))


register_kind("buyer-seller", _load)


def buyer_seller_report(game: BuyerSellerGame) -> Report:
    """``exactgame buyer-seller FILE``: T_p, R*, the BP outcome and its efficiency (module doc).

    Parameters
    ----------
    game : BuyerSellerGame
        the file's game.

    Returns
    -------
    Report
        command ``buyer-seller``.

    >>> r = buyer_seller_report(BuyerSellerGame.make([1, 2], "3/5", ["1/2", "1/4", "1/4"]))
    >>> r.body["T_p"], r.body["in_r_star"], r.body["bp_efficient"], r.body["propositions_agree"]
    ('1/2', True, False, True)
    """
    env = game.environment()
    p = game.prior
    n = len(game.seller_payoffs)
    tp = threshold_bound(p)
    q = [x / (1 - p[0]) for x in p[1:]]
    pairs = [[i, j] for (i, j), R in env.pair_regions.items() if R.dim == n and R.in_relative_interior(p)]
    bp = persuade(env.game, p)
    eff = efficiency(env.game.as_game(), {w: dict(d) for w, d in bp.outcome.items()}, p)
    body = {"threshold": fmt(game.threshold), "prior": [fmt(x) for x in p], "projection": [fmt(x) for x in q],
            "T_p": fmt(tp), "above_T_p": game.threshold > tp, "r_star_pairs": pairs, "in_r_star": bool(pairs),
            "bp_value": fmt(bp.value), "bp_outcome": {w: {a: fmt(x) for a, x in d.items()} for w, d in bp.outcome.items()},
            "bp_actions_taken": eff.actions_taken, "bound": eff.bound, "bp_efficient": eff.efficient,
            "propositions_agree": not (pairs and eff.efficient),
            "certificates": {"lp": bp.lp.optimality_certificate("buyer-seller").witness(), "efficiency": eff.certificate.witness()}}
    claims = [certified("T_p", proves="eq. (31), recomputed"), certified("projection"), certified("above_T_p"),
              certified("r_star_pairs", proves="the closed form of the regions for threshold cells (module doc), recomputed"),
              certified("in_r_star"), certified("threshold"), certified("prior"),
              certified("bp_value", "certificates/lp", proves="the optimum of the obedience LP (24)-(25)"),
              certified("bp_outcome", "certificates/lp", proves="the LP's optimal x (one BP outcome; ties are the solver's)"),
              certified("bp_actions_taken"), certified("bound"),
              certified("bp_efficient", "certificates/efficiency", proves="Definition 2 for the BP outcome"),
              certified("propositions_agree", "certificates/efficiency")]
    lines = [f"buyer-seller: {n} products, u_S = ({', '.join(fmt(x) for x in game.seller_payoffs)}), T = {fmt(game.threshold)}, "
             f"prior ({', '.join(fmt(x) for x in p)})",
             f"T_p (eq. (31)) = {fmt(tp)}: T {'>' if game.threshold > tp else '<='} T_p; projection q = ({', '.join(fmt(x) for x in q)})",
             f"p in int R_ij for {', '.join(f'({i}, {j})' for i, j in pairs) if pairs else 'no pair'}: "
             f"{'in' if pairs else 'not in'} int R* (Proposition 5)",
             f"BP outcome (value {fmt(bp.value)}): " + "; ".join(f"{w}: " + ", ".join(f"{a} {fmt(x)}" for a, x in d.items())
                                                                for w, d in bp.outcome.items()),
             f"  actions {eff.actions_taken} (Theorem 1 bound < {eff.bound}); efficient: {'yes' if eff.efficient else 'no'}",
             "Propositions 5-6 " + ("agree" if body["propositions_agree"] else "FAIL here: p in int R* but the BP outcome is efficient")]
    return Report("buyer-seller", game, {}, body, tuple(claims), tuple(lines))
