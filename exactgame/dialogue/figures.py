r"""Figures 2-4 of 001_9d9f8fe1d5e70189.txt for a Theorem 5 game, as exact data.

* Figure 2: :math:`\pi^0_i(p, e_j)` for each cost :math:`c_j` (Sally prices :math:`v_0` up to
  :math:`p^*_j`, then :math:`v_1`; Bob's payoff drops to 0 there);
* Figure 3: :math:`\pi^0_B(p, q)` and Bob's concave envelope :math:`\pi^1_B(p, q)` along p at
  the game's q (peaks at the :math:`p^*_j`);
* Figure 4: the same at the indifference distribution :math:`q^{[n]}`, whose peaks line up.

Every curve is a list of segments between exact points: between two consecutive thresholds
the base payoffs are linear (the segment's ends are its one-sided limits, evaluated from two
interior points), and :math:`\pi^1_B` is linear between the thresholds too (its vertices are
among them); its values come from the point engine's round 1 (:func:`~.point.dialogue_at`).
The module returns a :class:`~exactgame.results.FigureSpec`; :func:`exactgame.plots.plot_theorem5`
draws it.

>>> from exactgame.dialogue.model import bilateral_trade
>>> spec = theorem5_figures(bilateral_trade([0, 2], ["1/2", "1/2"], [3, 6], ["2/3", "1/3"]), "f.png")
>>> [pn["title"][:8] for pn in spec.args["panels"]]
['Figure 2', 'Figure 3', 'Figure 4']
>>> spec.args["panels"][2]["curves"][1]["segments"][0]      # pi^1_B at q^{1,2}: from (0, 0) to (1/4, 3/4)
((Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 4), Fraction(3, 4)))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

from ..numbers import fmt, Vector
from ..results import FigureSpec
from .model import DialogueGame
from .point import dialogue_at
from .theorem5 import _check_game, indifference_distribution

__all__ = ["theorem5_figures", "segments"]

Point = tuple[Fraction, Fraction]


def segments(f: Callable[[Fraction], Fraction], cuts: Sequence[Fraction]) -> list[tuple[Point, Point]]:
    """A function linear between consecutive ``cuts`` as segments from its right to its left limits.

    Parameters
    ----------
    f : callable
        Exact function of p, linear on every open interval between cuts.
    cuts : sequence of Fraction
        Increasing, from 0 to 1.

    Returns
    -------
    list of ((x, y), (x, y))
        One segment per interval; the limits are extrapolated from two interior points.

    >>> segments(lambda p: p if p <= Fraction(1, 2) else Fraction(0), [Fraction(0), Fraction(1, 2), Fraction(1)])
    [((Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 2))), ((Fraction(1, 2), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))]
    """
    out = []
    for a, b in zip(cuts, cuts[1:]):
        x1, x2 = a + (b - a) / 3, a + 2 * (b - a) / 3
        y1, y2 = f(x1), f(x2)
        slope = (y2 - y1) / (x2 - x1)
        out.append(((a, y1 - slope * (x1 - a)), (b, y2 + slope * (b - x2))))
    return out


def _bob_panel(game: DialogueGame, q: Vector, cuts: list[Fraction], title: str) -> dict[str, Any]:
    """pi^0_B(., q) with its values at the thresholds, and pi^1_B(., q) (linear between them)."""
    def pi0(p: Fraction) -> Fraction:
        return game.base_payoffs(q, (1 - p, p))[1]

    pi1 = [dialogue_at(game, 1, q, (1 - p, p)).payoffs[1][1] for p in cuts]
    return {"title": title, "curves": [
        {"label": "$\\pi^0_B(p, q)$", "colour": "tab:blue", "segments": segments(pi0, cuts), "points": [(p, pi0(p)) for p in cuts]},
        {"label": "$\\pi^1_B(p, q)$", "colour": "tab:green", "segments": list(zip(zip(cuts, pi1), zip(cuts[1:], pi1[1:]))),
         "points": []}]}


def theorem5_figures(game: DialogueGame, path: str) -> FigureSpec:
    """Figures 2-4 (module docstring) for a game that satisfies Theorem 5's assumptions.

    Parameters
    ----------
    game : DialogueGame
        Bilateral trade, two buyer values, costs below the low value.
    path : str
        The image file.

    Returns
    -------
    FigureSpec
        ``plot_theorem5`` with ``panels`` (title, ``ticks`` [(p*, label)], ``curves`` with
        exact ``segments`` and ``points``).

    Raises
    ------
    InputError
        If the game does not satisfy Theorem 5's assumptions.

    >>> from exactgame.dialogue.model import bilateral_trade
    >>> spec = theorem5_figures(bilateral_trade([0, 1], ["1/2", "1/2"], [3, 6], ["1/2", "1/2"]), "f.png")
    >>> spec.name, [x for x, _ in spec.args["panels"][0]["ticks"]]
    ('plot_theorem5', [Fraction(1, 2), Fraction(2, 5)])
    """
    _, _, pstar = _check_game(game)
    cuts = sorted({Fraction(0), Fraction(1), *pstar})
    ticks = [(x, f"$p^*_{j + 1}$ = {fmt(x)}") for j, x in enumerate(pstar)]
    n = len(pstar)
    curves: list[dict[str, Any]] = []
    for j in range(n):
        e = tuple(Fraction(int(i == j)) for i in range(n))
        for who, colour in ((0, "tab:red"), (1, "tab:blue")):
            def f(p: Fraction, e: Vector = e, who: int = who) -> Fraction:
                return game.base_payoffs(e, (1 - p, p))[who]

            curves.append({"label": f"{game.players[who]}, cost {game.sally_types[j]}", "colour": colour,
                                   "segments": segments(f, [Fraction(0), pstar[j], Fraction(1)]), "points": [(pstar[j], f(pstar[j]))]})
    qX = indifference_distribution(range(1, n + 1), pstar)
    fig2 = {"title": "Figure 2: $\\pi^0_i(p, e_j)$ (Sally red, Bob blue)", "curves": curves}
    panels = [fig2, _bob_panel(game, game.sally_prior, cuts, f"Figure 3: Bob at q = ({', '.join(map(fmt, game.sally_prior))})"),
              _bob_panel(game, qX, cuts, f"Figure 4: Bob at the indifference distribution ({', '.join(map(fmt, qX))})")]
    for pn in panels:
        pn["ticks"] = ticks
    return FigureSpec("plot_theorem5", {"panels": panels}, path)
