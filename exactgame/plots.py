"""Figures as objects (matplotlib). Floats appear here only, for drawing.

Every ``plot_*`` function takes exact result objects and returns the matplotlib
:class:`~matplotlib.figure.Figure`; it draws into ``ax=`` (an Axes of the caller's figure,
e.g. one panel of a notebook's ``plt.subplots``) or into a new Figure, and writes the file
``path`` when one is given (the format follows its suffix: ``.png``, ``.svg``, ``.pdf``, ...).
This module never chooses or switches matplotlib's backend: new figures are
:class:`matplotlib.figure.Figure` objects, not pyplot windows, so a notebook's backend is left
alone (the command line picks Agg, :func:`exactgame.cli.common.finish`). Exact values are
marked on the figures with their exact labels (``$\\frac{3}{5}$``): the persuasion value and
posteriors, the posteriors' weights on the simplex, the bargaining solutions and the ideal point.
A figure that does not fit the input (e.g. a simplex for a two-state game) raises
:class:`~exactgame.errors.InputError` before anything is drawn. Modules describe figures with
a :class:`~exactgame.results.FigureSpec`; :func:`draw` dispatches them here.

>>> from exactgame.reproduce.communication_efficiency import example1
>>> from exactgame.efficiency import efficiency
>>> import tempfile, os
>>> r = efficiency(example1(), {"w0": {"a1": 1}, "w1": {"a1": 1}}, ["7/10", "3/10"])
>>> path = os.path.join(tempfile.mkdtemp(), "fig.svg")
>>> fig = plot_efficiency(r, path)
>>> type(fig).__name__, open(path).read(200).count("<svg") == 1
('Figure', True)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from .errors import InputError, InternalError
from .numbers import latex

__all__ = ["plot_bargaining", "plot_dialogue", "plot_theorem5", "plot_efficiency", "plot_quasiconcave", "plot_simplex", "plot_sweep",
           "plot_value_and_envelope"]

_COLOURS = ["tab:red", "tab:blue", "tab:green", "tab:purple", "tab:brown", "tab:pink"]


def _figure(ax: Any, size: tuple[float, float]) -> tuple[Any, Any]:
    """``(figure, axes)``: the caller's ``ax`` and its figure, or a new Figure (no pyplot, no backend)."""
    if ax is not None:
        return ax.figure, ax
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover
        raise InputError("plots need matplotlib: pip install matplotlib") from exc
    fig = Figure(figsize=size)
    return fig, fig.add_subplot()


def _tex(q: Any) -> str:
    """An exact number as a mathtext label: ``$\\frac{3}{5}$``."""
    return f"${latex(q)}$"


def _point_tex(p: Any) -> str:
    return "$(" + ", ".join(latex(c) for c in p) + ")$"


def _require_states(game: Any, n: int, what: str) -> None:
    if len(game.states) != n:
        raise InputError(f"--plot: the {what} is drawn for {'two' if n == 2 else 'three'} states, "
                         f"this game has {len(game.states)}")


def _finish(fig: Any, ax: Any, path: str | None, legend: str = "best", own: bool = True) -> Any:
    """Legend, layout (of a figure this module made), write ``path`` if given; the figure."""
    ax.legend(loc=legend, fontsize=8 if legend == "best" else 7)
    if own:
        fig.tight_layout()
    return _save(fig, path)


def _save(fig: Any, path: str | None) -> Any:
    if path is not None:
        fig.savefig(path, dpi=120)
    return fig


def _xy(points) -> tuple[list[float], list[float]]:
    return [float(p[0]) for p in points], [float(p[1]) for p in points]  # float-ok: plotting only


def plot_efficiency(result: Any, path: str | None = None, *, ax: Any = None) -> Any:
    """Figure 1 of 000_2cf035f6c25283ea.txt for a two-player game: F_w per state, F_p,
    the outcome's payoff points and the normal cones N_w(mu) drawn at them.

    :math:`F_w` is the convex hull of the payoff vectors in state w, :math:`F_p = \\sum_w p(w) F_w`;
    an inefficient outcome also gets the certificate's Pareto-improving payoff (a star).

    Parameters
    ----------
    result : EfficiencyResult
        From :func:`exactgame.efficiency.efficiency`.
    path : str, optional
        The file to write (none: only the Figure).
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If the game does not have two players.

    >>> from exactgame.reproduce.communication_efficiency import example1_case
    >>> import tempfile, os
    >>> out = os.path.join(tempfile.mkdtemp(), "case_a.pdf")
    >>> fig = plot_efficiency(example1_case("a"), out)
    >>> open(out, "rb").read(4), len(fig.axes)
    (b'%PDF', 1)
    """
    g = result.game
    if g.k != 2:
        raise InputError(f"--plot: figures are drawn for two-player games, this game has {g.k} players")
    own = ax is None
    fig, ax = _figure(ax, (6.4, 5.6))  # float-ok: figure styling
    span = 1.0  # float-ok: figure styling
    for i, w in enumerate(g.states):
        colour = _COLOURS[i % len(_COLOURS)]
        F = g.feasible_set(w)
        ring = F.ring
        xs, ys = _xy(ring + ring[:1])
        ax.fill(xs, ys, color=colour, alpha=0.18, label=f"$F_{{{w}}}$")  # float-ok: figure styling
        ax.plot(xs, ys, color=colour, lw=1)
        span = max(span, max(xs) - min(xs), max(ys) - min(ys))
        u = g.payoff_in_state(result.outcome, w)
        ax.plot(*_xy([u]), "o", color=colour, mec="black")
    Fp = g.feasible_set_at(result.prior)
    ring = Fp.ring
    xs, ys = _xy(ring + ring[:1])
    ax.fill(xs, ys, color="tab:orange", alpha=0.3, label="$F_p$", zorder=0)  # float-ok: figure styling
    ax.plot(*_xy([result.payoff]), "o", ms=9, mfc="none", mec="black", mew=2, label=r"$u(\mu)$ = " + _point_tex(result.payoff))
    ax.plot(*_xy([result.payoff]), "k.", ms=4)
    if not result.efficient:
        ax.plot(*_xy([result.certificate.better_payoff]), "*", ms=12, color="gold", mec="black",
                label=r"$u(\mu')$, a Pareto improvement")
    ends = []
    for i, w in enumerate(g.states):
        u = g.payoff_in_state(result.outcome, w)
        for r in result.normal_cones[w].generators:
            norm = sum(float(c) ** 2 for c in r) ** 0.5  # float-ok: arrow length in a figure
            dx, dy = (0.12 * span * float(c) / norm for c in r)  # float-ok: arrow in a figure
            ax.annotate("", xy=(float(u[0]) + dx, float(u[1]) + dy), xytext=(float(u[0]), float(u[1])),  # float-ok: figure
                        arrowprops=dict(arrowstyle="->", color=_COLOURS[i % len(_COLOURS)]))
            ends.append((float(u[0]) + dx, float(u[1]) + dy))  # float-ok: figure limits
    if ends:
        ax.plot(*zip(*ends), alpha=0)  # make the axes include the arrow heads
    verdict = "efficient" if result.efficient else "inefficient"
    prior = ", ".join(str(x) for x in result.prior)
    ax.set_title(f"outcome is {verdict} (prior {prior}); arrows: normal cones $N_\\omega(\\mu)$")
    ax.set_xlabel(g.players[0])
    ax.set_ylabel(g.players[1])
    ax.set_aspect("equal", adjustable="datalim")
    return _finish(fig, ax, path, own=own)


def plot_value_and_envelope(game: Any, path: str | None = None, prior: Any = None, result: Any = None, *,
                            ax: Any = None) -> Any:
    """Figure 3 of Arieli, Babichenko, Jain and Smorodinsky (2025) [000_2cf035f6c25283ea.txt]:
    V and Cav V over the belief line (two states), with the BP posteriors and the value marked.

    :math:`V(\\mu) = u_S(a^*(\\mu), \\mu)` (the receiver's best response, labelled per piece) and
    its concave envelope Cav V, against the belief :math:`\\mu(w_1)`. With ``result`` (a
    :class:`~exactgame.persuasion.bp.BPResult`), each posterior is a circle on V labelled with its
    action and weight, the chord through them is drawn, and the value Cav V(p) is a star at the
    prior labelled with its exact value.

    Parameters
    ----------
    game : SenderReceiverGame
        A game with two states.
    path : str, optional
        The file to write (none: only the Figure).
    prior : sequence of Fraction, optional
        Marked with a dashed vertical line at ``prior[1]`` (exact numbers, not strings);
        default the result's prior.
    result : BPResult, optional
        Its posteriors and value are marked.
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If the game does not have two states.

    >>> from exactgame.reproduce.communication_efficiency import example1_game
    >>> from exactgame.persuasion import persuade
    >>> g = example1_game()
    >>> fig = plot_value_and_envelope(g, result=persuade(g, ["1/2", "1/2"]))
    >>> [t.get_text() for t in fig.axes[0].texts if "weight" in t.get_text() or "Cav" in t.get_text()]
    ['a1: weight $\\\\frac{5}{6}$', 'a4: weight $\\\\frac{1}{6}$', 'Cav V(p) = $\\\\frac{17}{2}$']
    """
    from .geometry.envelope import concave_envelope
    from .persuasion.value import value_function

    _require_states(game, 2, "value-function figure")
    own = ax is None
    V, actions = value_function(game)
    E = concave_envelope(V)
    fig, ax = _figure(ax, (6.4, 4.2))  # float-ok: figure styling
    for k, (piece, a) in enumerate(zip(V.pieces, actions)):
        qs = sorted(piece.cell.vertices, key=lambda v: v[1])
        xs = [float(v[1]) for v in qs]  # float-ok: plotting
        ys = [float(piece.at(v)) for v in qs]  # float-ok: plotting
        ax.plot(xs, ys, color="tab:blue", lw=2, label="V" if k == 0 else None)
        ax.annotate(a, ((xs[0] + xs[-1]) / 2, ys[0]), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8)
    for k, (cell, h) in enumerate(E.pieces):
        qs = sorted(cell.vertices, key=lambda v: v[1])
        xs = [float(v[1]) for v in qs]  # float-ok: plotting
        ys = [float(sum(a * b for a, b in zip(h, v))) for v in qs]  # float-ok: plotting
        ax.plot(xs, ys, "r:", lw=2, label="Cav V" if k == 0 else None)
    if prior is None and result is not None:
        prior = result.prior
    if prior is not None:
        ax.axvline(float(prior[1]), color="grey", lw=0.8, ls="--")  # float-ok: plotting
    if result is not None:
        _mark_posteriors(ax, game, result)
    ax.set_xlabel(f"belief p({game.states[1]})")
    ax.set_ylabel("sender's expected payoff")
    ax.set_title("Bayesian persuasion: value function and its concave envelope")
    return _finish(fig, ax, path, own=own)


def _mark_posteriors(ax: Any, game: Any, result: Any) -> None:
    """The BP posteriors on V (labelled with action and weight), their chord, and the value at the prior."""
    def u(a: str, q: Any) -> Fraction:   # the sender's payoff when the receiver obeys a at belief q (exact)
        k = game.actions.index(a)
        return sum((qw * game.sender[w][k] for w, qw in zip(game.states, q)), Fraction(0))

    pts = sorted((q[1], u(a, q), a, w) for a, (w, q) in result.posteriors.items())
    xs = [float(x) for x, *_ in pts]  # float-ok: plotting
    ys = [float(y) for _, y, *_ in pts]  # float-ok: plotting
    ax.plot(xs, ys, "k--", lw=0.8)
    ax.plot(xs, ys, "o", color="black", mfc="white", ms=7, label="posteriors")
    for (_, _, a, w), x, y in zip(pts, xs, ys):
        right = x > 0.7  # float-ok: label placement
        ax.annotate(f"{a}: weight {_tex(w)}", (x, y), textcoords="offset points", xytext=(-5 if right else 5, -14),
                    ha="right" if right else "left", fontsize=8)
    px = float(result.prior[1])  # float-ok: plotting
    ax.plot([px], [float(result.value)], "*", ms=13, color="gold", mec="black", label="value at the prior")  # float-ok: plotting
    ax.annotate(f"Cav V(p) = {_tex(result.value)}", (px, float(result.value)), textcoords="offset points",  # float-ok: plotting
                xytext=(6, 6), fontsize=9)


def plot_sweep(xs: Any, series: Any, path: str | None, xlabel: str, title: str = "sweep", *, ax: Any = None) -> Any:
    """Answers along a sweep (``exactgame sweep --plot``): one line with markers per series.

    Parameters
    ----------
    xs : sequence of Fraction
        The sweep coordinate of each point (exact).
    series : mapping
        ``{label: [Fraction or None, ...]}`` (None: no value at that point, a gap).
    path : str, optional
        The file to write (PNG, SVG or PDF by its suffix; none: only the Figure).
    xlabel : str
        The coordinate's name.
    title : str
        The title.

    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (written to ``path`` when one is given).

    Raises
    ------
    InputError
        If there is nothing to draw.

    >>> import tempfile, os
    >>> from fractions import Fraction as F
    >>> out = os.path.join(tempfile.mkdtemp(), "s.png")
    >>> fig = plot_sweep([F(0), F(1, 2), F(1)], {"V": [F(1), None, F(2)]}, out, "p")
    >>> os.path.getsize(out) > 0
    True
    """
    if not xs or not any(v is not None for vals in series.values() for v in vals):
        raise InputError("--plot: the sweep has no numeric answer to draw")
    own = ax is None
    fig, ax = _figure(ax, (6.4, 4.2))
    styles = ["-", "--", ":", "-."]
    for k, (label, vals) in enumerate(series.items()):
        x = [float(a) for a, v in zip(xs, vals) if v is not None]  # float-ok: plotting
        y = [float(v) for v in vals if v is not None]  # float-ok: plotting
        ax.plot(x, y, styles[k % len(styles)], color=_COLOURS[k % len(_COLOURS)], marker=".", lw=1.6, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("answer")
    ax.set_title(title)
    return _finish(fig, ax, path, own=own)


def _tri(p) -> tuple[float, float]:
    """Barycentric (p0, p1, p2) -> the plane: w0 bottom-left, w1 bottom-right, w2 top."""
    x = float(p[1]) + 0.5 * float(p[2])  # float-ok: plotting
    y = 0.8660254037844386 * float(p[2])  # float-ok: plotting (sqrt(3)/2)
    return x, y


def plot_simplex(game: Any, path: str | None = None, result: Any = None, regions: Any = None, efficiency: Any = None, *,
                 ax: Any = None) -> Any:
    """Figures 4-6 of Arieli, Babichenko, Jain and Smorodinsky (2025) [000_2cf035f6c25283ea.txt]
    for three states: the receiver's cells C_a, the prior and the BP posteriors labelled with
    their actions and exact weights, and (optionally) the regions R_ij of Proposition 5.

    Beliefs are drawn in barycentric coordinates: w0 bottom left, w1 bottom right, w2 top.

    Parameters
    ----------
    game : SenderReceiverGame
        A game with three states.
    path : str, optional
        The file to write (none: only the Figure).
    result : BPResult, optional
        Its prior (a star) and posteriors (circles, labelled by action and weight) are drawn,
        the value in the title.
    regions : optional
        A buyer-seller environment (:func:`exactgame.persuasion.buyer_seller.threshold_environment`):
        its ``pair_regions`` (hatched) and ``outer`` points.
    efficiency : EfficiencyRegion, optional
        From :func:`exactgame.persuasion.regions.efficiency_region`: each interior face of
        the Cav V subdivision outlined, green where the BP outcome is efficient, red crosses
        where it is not (``persuade --regions --plot``).
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If the game does not have three states.

    >>> from exactgame.reproduce.communication_efficiency import example1_game
    >>> plot_simplex(example1_game(), "never-written.png")
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: --plot: the simplex figure is drawn for three states, this game has 2
    """
    from .games.cells import best_response_cells

    _require_states(game, 3, "simplex figure")
    own = ax is None
    fig, ax = _figure(ax, (6.0, 5.4))  # float-ok: figure styling
    corners = [_tri(v) for v in ((1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 0, 0))]
    ax.plot([c[0] for c in corners], [c[1] for c in corners], "k-", lw=1)
    for name, c in zip(game.states, corners):
        ax.annotate(name, c, textcoords="offset points", xytext=(0, -12 if c[1] == 0 else 5), ha="center")

    def ring(poly):
        from .geometry import Polytope

        flat = Polytope.from_points([v[1:] for v in poly.vertices])  # drop p0: a polygon in the plane
        return [(1 - sum(v), *v) for v in flat.ring] if flat.dim == 2 else list(poly.vertices)

    for i, (a, C) in enumerate(best_response_cells(game).items()):
        pts = [_tri(v) for v in ring(C)]
        ax.fill([p[0] for p in pts], [p[1] for p in pts], color=_COLOURS[i % len(_COLOURS)], alpha=0.25, label=f"$C_{{{a}}}$")  # float-ok: figure styling
    if regions is not None:
        for k, (ij, R) in enumerate(regions.pair_regions.items()):
            pts = [_tri(v) for v in ring(R)]
            ax.fill([p[0] for p in pts], [p[1] for p in pts], fill=False, hatch="//", edgecolor="tab:orange",
                    label="$R_*$" if k == 0 else None)
        outer = [_tri(o) for o in regions.outer.values()]
        ax.plot([o[0] for o in outer], [o[1] for o in outer], "k.", ms=6, label="outer points $o_{ij}$")
    if efficiency is not None:
        _efficiency_faces(ax, efficiency, ring)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("receiver's cells, prior and BP posteriors")
    if result is not None:
        _mark_simplex_result(ax, result)
    return _finish(fig, ax, path, legend="upper right", own=own)


def _mark_simplex_result(ax: Any, result: Any) -> None:
    """The prior (a star), each posterior labelled with its action and exact weight, the value in the title."""
    ax.plot(*_tri(result.prior), "*", ms=13, color="gold", mec="black", label="prior")
    for a, (w, q) in result.posteriors.items():
        ax.plot(*_tri(q), "o", color="black", mfc="white")
        ax.annotate(f"{a}: weight {_tex(w)}", _tri(q), textcoords="offset points", xytext=(6, 4), fontsize=8)
    ax.set_title(f"receiver's cells, prior and BP posteriors; value {_tex(result.value)}")


def _efficiency_faces(ax: Any, region: Any, ring: Callable[[Any], list]) -> None:
    """The faces of the Cav V subdivision by verdict (green: BP outcome efficient, red: not)."""
    labelled: set[bool] = set()
    for f in sorted(region.faces, key=lambda f: -f.face.dim):
        colour = "tab:green" if f.efficient else "tab:red"
        label = None if f.efficient in labelled else ("BP efficient" if f.efficient else "BP inefficient")
        labelled.add(f.efficient)
        pts = [_tri(v) for v in (ring(f.face) if f.face.dim == 2 else sorted(f.face.vertices))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        if f.face.dim == 2:
            ax.fill(xs, ys, fill=False, edgecolor=colour, hatch=None if f.efficient else "xx", lw=0.8, label=label)
        elif f.face.dim == 1:
            ax.plot(xs, ys, "-" if f.efficient else "--", color=colour, lw=2, label=label)
        else:
            ax.plot(xs, ys, "o", color=colour, ms=6, label=label)


def plot_quasiconcave(game: Any, path: str | None = None, prior: Any = None, *, ax: Any = None) -> Any:
    """Figure 2 of 000_2cf035f6c25283ea.txt: V, quasicav V and the cutoff beliefs (two states).

    V is the sender's payoff when the sender's utility does not depend on the state
    (transparent motives); quasicav V is its quasiconcave envelope (the smallest
    quasiconcave function above V), whose value at the prior is the best cheap-talk
    equilibrium payoff (Section 3.1.1).

    Parameters
    ----------
    game : SenderReceiverGame
        A game with two states and state-independent sender payoffs.
    path : str, optional
        The file to write (none: only the Figure).
    prior : sequence of Fraction, optional
        Marked with a dashed vertical line at ``prior[1]`` (exact numbers, not strings), and
        quasicav V(p) there with its exact value.
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If the game does not have two states (or the sender's payoffs depend on the state).

    >>> from exactgame.reproduce.communication_efficiency import example1_game
    >>> import tempfile, os
    >>> half = (Fraction(1, 2), Fraction(1, 2))
    >>> out = os.path.join(tempfile.mkdtemp(), "qcav.png")
    >>> fig = plot_quasiconcave(example1_game(), out, half)
    >>> open(out, "rb").read(4), [t.get_text() for t in fig.axes[0].texts if "quasicav" in t.get_text()]
    (b'\\x89PNG', ['quasicav V(p) = $3$'])
    """
    from .cheaptalk import value_function_constant
    from .geometry.envelope import quasiconcave_envelope

    _require_states(game, 2, "cheap-talk figure")
    own = ax is None
    V, actions = value_function_constant(game)
    Q = quasiconcave_envelope(V)
    fig, ax = _figure(ax, (6.4, 4.2))  # float-ok: figure styling
    cuts = set()
    for k, (piece, a) in enumerate(zip(V.pieces, actions)):
        qs = sorted(v[1] for v in piece.cell.vertices)
        cuts.update(qs)
        y = float(piece.at(piece.cell.vertices[0]))  # float-ok: plotting
        ax.plot([float(qs[0]), float(qs[-1])], [y, y], color="tab:blue", lw=2, label="V" if k == 0 else None)  # float-ok
        ax.annotate(a, ((float(qs[0]) + float(qs[-1])) / 2, y), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8)  # float-ok
    for t, hull in Q.levels:
        cuts.update(v[1] for v in hull.vertices)
    pts = sorted(cuts)
    xs, ys = [], []
    for lo, hi in zip(pts, pts[1:]):
        mid = (lo + hi) / 2
        val = Q.value((1 - mid, mid))
        xs += [float(lo), float(hi)]  # float-ok: plotting
        ys += [float(val), float(val)]  # float-ok: plotting
    ax.plot(xs, ys, "r:", lw=2, label="quasicav V")
    for c in pts[1:-1]:
        ax.axvline(float(c), color="grey", lw=0.5)  # float-ok: plotting
    if prior is not None:
        ax.axvline(float(prior[1]), color="black", lw=0.8, ls="--")  # float-ok: plotting
        value = Q.value(tuple(prior))
        ax.plot([float(prior[1])], [float(value)], "*", ms=12, color="gold", mec="black", label="value at the prior")  # float-ok: plotting
        ax.annotate(f"quasicav V(p) = {_tex(value)}", (float(prior[1]), float(value)), textcoords="offset points",  # float-ok: plotting
                    xytext=(6, 6), fontsize=9)
    ax.set_xlabel(f"belief p({game.states[1]})")
    ax.set_ylabel("sender's payoff")
    ax.set_title("Cheap talk: value function and its quasiconcave envelope")
    return _finish(fig, ax, path, own=own)


def plot_bargaining(result: Any, problem: Any, path: str | None = None, *, ax: Any = None) -> Any:
    """Figure 1 of Aköz and Samsonov (2025) [002_b82d6ff4761a0a82.txt]: the bargaining set of
    two agents, d, the ideal point, the Pareto frontier and the Nash, Kalai-Smorodinsky and
    egalitarian points, each labelled with its exact payoffs.

    Parameters
    ----------
    result : mapping
        :func:`exactgame.bargaining.solve.solve_bargaining`'s answer (keys ``set``, ``d``,
        ``frontier``, ``nash``, ``kalai_smorodinsky``, ``egalitarian``, ``ideal``); not read
        when the problem is refused.
    problem : BargainingProblem
        A problem with two agents.
    path : str, optional
        The file to write (none: only the Figure).
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If the problem does not have two agents.

    >>> from exactgame.bargaining.examples import three_parties
    >>> plot_bargaining(None, three_parties(), "never-written.png")
    Traceback (most recent call last):
    ...
    exactgame.errors.InputError: --plot: the bargaining figure is drawn for two agents, this problem has 3
    """
    if len(problem.agents) != 2:
        raise InputError(f"--plot: the bargaining figure is drawn for two agents, this problem has {len(problem.agents)}")
    own = ax is None
    fig, ax = _figure(ax, (5.6, 5.2))  # float-ok: figure styling
    B = result["set"].polytope
    ring = B.ring if B.dim == 2 else list(B.vertices)
    xs, ys = _xy(ring + ring[:1])
    ax.fill(xs, ys, color="tab:blue", alpha=0.2, label="bargaining set $\\mathcal{B}$")  # float-ok: figure styling
    ax.plot(xs, ys, color="tab:blue", lw=1)
    for face in result.get("frontier", []):
        fx, fy = _xy(sorted(face.vertices))
        ax.plot(fx, fy, color="tab:red", lw=3, alpha=0.7)  # float-ok: figure styling
    ax.plot(*_xy([result["d"]]), "ks", label="disagreement $d$ = " + _point_tex(result["d"]))
    ideal = result.get("ideal")
    if ideal is not None:
        ax.plot(*_xy([ideal]), "P", ms=10, color="tab:green", label="ideal point = " + _point_tex(ideal))
        ax.plot(*_xy([result["d"], ideal]), ":", color="tab:green", lw=1)  # the Kalai-Smorodinsky segment
    marks = {"nash": ("o", "Nash"), "kalai_smorodinsky": ("^", "Kalai-Smorodinsky"), "egalitarian": ("x", "egalitarian")}
    for key, (m, label) in marks.items():
        sol = result[key]
        if sol.payoff is not None:
            exact = all(isinstance(c, (int, Fraction)) for c in sol.payoff)
            ax.plot(*_xy([sol.payoff]), m, ms=10, mfc="none", mew=2, label=label + (" = " + _point_tex(sol.payoff) if exact else ""))
    ax.set_xlabel(problem.agents[0])
    ax.set_ylabel(problem.agents[1])
    ax.set_title("informational bargaining (red: Pareto frontier)")
    return _finish(fig, ax, path, own=own)


def _square_frame(ax: Any, title: str) -> None:
    """The unit square with its title and the tick label size."""
    ax.set_xlim(0, 1), ax.set_ylim(0, 1), ax.set_aspect("equal")
    ax.set_title(title, fontsize=9)


def _threshold_panel(ax: Any, alt: Any, f: Callable[[Fraction], float]) -> None:
    """Panel t = 0: Sally's best-response thresholds in p, each interval labelled with her two
    types' actions as in Figure 5 ("C/E": type 0 plays C, type 1 plays E)."""
    ps = alt.rounds[0].grid.ps
    for x in ps[1:-1]:
        ax.axvline(f(x), color="gray", lw=1)
        ax.annotate(str(x), (f(x), 0.02), fontsize=7, ha="center")  # float-ok: label position
    game = alt.game
    for lo, hi in zip(ps, ps[1:]):
        mid = (lo + hi) / 2
        acts = [game.actions[game.best_response(s, (1 - mid, mid))] for s in (0, 1)]
        ax.annotate("/".join(map(str, acts)), (f(mid), 0.5), fontsize=8, ha="center", va="center")  # float-ok: label position


def _round_panel(ax: Any, alt: Any, t: int, path_steps: dict[int, Any], f: Callable[[Fraction], float]) -> None:
    """Panel t >= 1: round t's rectangles and the refinements of the start path in that round."""
    from matplotlib.patches import Rectangle

    from .dialogue.strategy import protocol_rectangles

    colour = "tab:blue" if t % 2 else "tab:red"
    for r in protocol_rectangles(alt, t):
        (a, b), (c, d) = r["p"], r["q"]
        ax.add_patch(Rectangle((f(a), f(c)), f(b - a), f(d - c), fill=False, ec=colour, lw=0.6, alpha=0.7))  # float-ok: plotting
    for mv in path_steps.get(t, {"moves": []})["moves"]:
        (a, b) = mv["from"]
        for _, kp, kq in mv["to"]:
            if (kp, kq) != (a, b):
                ax.annotate("", (f(kp), f(kq)), (f(a), f(b)), arrowprops=dict(arrowstyle="->", color=colour, lw=1.2))  # float-ok: plotting
        ax.plot([f(a)], [f(b)], "ko", ms=3)


def _path_panel(ax: Any, path_steps: dict[int, Any], T: int, f: Callable[[Fraction], float]) -> None:
    """Last panel: every round's moves of the start path (Figure 7)."""
    for t in range(T, 0, -1):
        colour = "tab:blue" if t % 2 else "tab:red"
        for mv in path_steps[t]["moves"]:
            (a, b) = mv["from"]
            for _, kp, kq in mv["to"]:
                ax.plot([f(a), f(kp)], [f(b), f(kq)], color=colour, lw=1)


def plot_dialogue(alt: Any, path: str | None = None, start: Any = None, max_panels: int | None = None, *,
                  ax: Any = None) -> Any:
    """Square diagrams of 001_9d9f8fe1d5e70189.txt (Figures 1, 5, 6, 7) for binary types.

    Panel t = 0: Sally's best-response thresholds in p. Panels t >= 1: the rectangles of
    round t's strategy (the speaker splits a state inside a rectangle to its two sides:
    blue = Bob along p, red = Sally along q) and, from the start point, the arrows of the
    equilibrium refinements in that round. Last panel: the path of (p, q) over all rounds
    (Figure 7). The axes are p = P(Bob's second type) and q = P(Sally's second type).

    Parameters
    ----------
    alt : Alternation
        From :func:`exactgame.dialogue.alternate` (binary types).
    path : str, optional
        The file to write (none: only the Figure).
    start : tuple of Fraction
        The start point (p, q) of the path (default the game's priors).
    max_panels : int, optional
        At most this many panels: rounds 0..max_panels - 2 and the path panel (default: every
        round); the path panel's title says which rounds are not drawn.
    ax : sequence of matplotlib Axes, optional
        One Axes per panel (rounds shown, then the path), e.g. ``fig.subplots(1, 3).flat``,
        instead of a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    Raises
    ------
    InputError
        If ``ax`` has fewer Axes than panels.

    >>> from fractions import Fraction
    >>> from exactgame.dialogue import alternate, spy_game
    >>> import tempfile, os
    >>> alt = alternate(spy_game(), 1)
    >>> out = os.path.join(tempfile.mkdtemp(), "spy.svg")
    >>> fig = plot_dialogue(alt, out, (Fraction(1, 2), Fraction(1, 2)), max_panels=2)
    >>> len(fig.axes), os.path.getsize(out) > 0
    (2, True)
    """
    from .dialogue.strategy import start_path

    T = len(alt.rounds) - 1
    shown = list(range((T if max_panels is None else min(T, max(max_panels - 2, 0))) + 1))
    own = ax is None
    fig, panels = _panels(len(shown) + 1, ax)
    p0, q0 = start if start is not None else (alt.game.bob_prior[1], alt.game.sally_prior[1])
    path_steps = {s["t"]: s for s in start_path(alt, p0, q0, T)}
    f = float  # float-ok: plotting only
    for k, t in enumerate(shown):
        ax = panels[k]
        _square_frame(ax, f"t = {t}" + (" (enclosure)" if getattr(alt.rounds[t], "mode", "exact") != "exact" else ""))
        ax.set_xlabel("p (Bob)", fontsize=8), ax.set_ylabel("q (Sally)", fontsize=8)
        ax.tick_params(labelsize=7)
        if t == 0:
            _threshold_panel(ax, alt, f)
        else:
            _round_panel(ax, alt, t, path_steps, f)
    ax = panels[len(shown)]
    hidden = "" if shown[-1] == T else f" (rounds {shown[-1] + 1}-{T} not drawn)"
    _square_frame(ax, f"path from ({p0}, {q0}), {T} rounds{hidden}")
    ax.tick_params(labelsize=7)
    _path_panel(ax, path_steps, T, f)
    ax.plot([f(p0)], [f(q0)], "ko", ms=4)
    for extra in panels[len(shown) + 1:] if own else ():
        extra.axis("off")
    return _save(fig, path)


def _panels(n: int, ax: Any) -> tuple[Any, list[Any]]:
    """``n`` panels: the caller's Axes (at least ``n``), or a new Figure's grid of at most 4 columns."""
    if ax is not None:
        axes = list(ax)
        if len(axes) < n:
            raise InputError(f"plot_dialogue: {n} panels to draw, ax= has {len(axes)} Axes")
        return axes[0].figure, axes
    from matplotlib.figure import Figure

    cols = min(n, 4)
    rows = (n + cols - 1) // cols
    fig = Figure(figsize=(3.1 * cols, 3.2 * rows))  # float-ok: figure styling
    grid = fig.subplots(rows, cols, squeeze=False)
    fig.set_layout_engine("tight")
    return fig, [a for row in grid for a in row]


def plot_acquisition(game: Any, res: Any, path: str | None = None, *, ax: Any = None) -> Any:
    """Revenue per posterior :math:`T(m; \\Lambda^*)` at the optimal multipliers and its concave
    closure (004_2686c8b5ad6ec5f0.txt, Appendix 7, "Concave closure of T"), with the prior and
    the optimal posteriors. Floats only for drawing.

    T is sampled at 400 beliefs; the closure drawn is the exact upper hull of the samples
    (and of T at the optimal posteriors), so it is a drawing, not a certificate.

    Parameters
    ----------
    game : AcquisitionGame
        A two-state game.
    res : SubsidyResult
        From :func:`exactgame.acquisition.subsidy.minimize_subsidy` on ``game``.
    path : str, optional
        The file to write (none: only the Figure).
    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on.

    >>> from exactgame.acquisition import AcquisitionGame
    >>> from exactgame.acquisition.subsidy import minimize_subsidy
    >>> import tempfile, os
    >>> g = AcquisitionGame(["low", "high"], ["1/2", "1/2"], {"buyer": [1, 3], "seller": [0, 1]})
    >>> out = os.path.join(tempfile.mkdtemp(), "subsidy.png")
    >>> fig = plot_acquisition(g, minimize_subsidy(g), out)
    >>> os.path.getsize(out) > 0
    True
    """
    from .acquisition.revenue import revenue_at_posterior
    from .geometry.planar import upper_hull_2d
    from .logexp import to_arb

    a = [to_arb(e.mid) for e in res.reference["buyer"]]
    c = [to_arb(e.mid) for e in res.reference["seller"]]

    def T(m: Fraction | float) -> float:  # float-ok: also called at a float posterior
        return float(revenue_at_posterior(game, a, c, to_arb(Fraction(m))).mid())  # float-ok: plotting

    n = 400
    grid = [Fraction(2 * i + 1, 2 * n) for i in range(n)] + [p[1].mid for p in res.posteriors]
    xs = [float(m) for m in grid[:n]]  # float-ok: plotting
    ys = [T(m) for m in grid[:n]]
    # the closure of the sampled curve, drawn: the exact upper hull of the sampled points
    hull = [(float(x), float(y)) for x, y in upper_hull_2d([(m, Fraction(T(m))) for m in grid])]  # float-ok: plotting
    own = ax is None
    fig, ax = _figure(ax, (6.4, 4.4))  # float-ok: plotting
    ax.plot(xs, ys, color="tab:blue", lw=1.5, label="T(m; Lambda*) (revenue at posterior m)")  # float-ok: plotting
    ax.plot([h[0] for h in hull], [h[1] for h in hull], color="tab:red", lw=1.2, ls="--", label="concave closure")  # float-ok: plotting
    mu0 = float(game.prior[1])  # float-ok: plotting
    ax.axvline(mu0, color="gray", lw=0.8, ls=":")  # float-ok: plotting
    ax.plot([mu0], [float(res.revenue.mid)], "o", color="black", label=f"R* = {res.revenue.decimal(8)} at the prior")  # float-ok: plotting
    for k, p in enumerate(res.posteriors, 1):
        m = float(p[1].mid)  # float-ok: plotting
        ax.plot([m], [T(m)], "s", color="tab:green")
        ax.annotate(f"posterior {k}", (m, T(m)), textcoords="offset points", xytext=(4, 6), fontsize=8)
    lo = min(ys)
    hi = max(ys)
    ax.set_ylim(max(lo, hi - 4 * (hi - float(res.revenue.mid)) - 1), hi + 0.1 * (abs(hi) + 1))  # float-ok: plotting
    ax.set_xlabel(f"m = P({game.states[1]})")
    ax.set_ylabel("principal's revenue")
    ax.set_title("Subsidy minimization as Bayesian persuasion")
    return _finish(fig, ax, path, legend="lower center", own=own)


def concave_envelope_value(E: Any, p: Any) -> Any:
    """The value of a concave envelope (a :class:`~exactgame.geometry.envelope.ConcaveEnvelope`) at ``p``: the least
    of its affine pieces (a concave function is the minimum of its pieces' affine extensions).

    Parameters
    ----------
    E : ConcaveEnvelope
        The envelope.
    p : sequence of Fraction
        A belief.

    Returns
    -------
    Fraction
        ``min_k h_k . p``.

    >>> from exactgame.geometry.envelope import PiecewiseAffine, concave_envelope
    >>> f = PiecewiseAffine.from_cells([([(1, 0), (0, 1)], (0, 2), 0), ([(1, 0)], (1, 0), 0)])
    >>> concave_envelope_value(concave_envelope(f), (Fraction(1, 2), Fraction(1, 2)))
    Fraction(3, 2)
    """
    return min(sum((a * b for a, b in zip(h, p)), Fraction(0)) for _, h in E.pieces)


def plot_signals(game: Any, path: str | None, prior: Any, private: Any, payments: str = "none", *, ax: Any = None) -> Any:
    """Many binary receivers, two states: public against private signals (003_e54e9b7a7da88b3e.txt, Section 7).

    The public value function :math:`V(q)` (the sender-preferred pure equilibrium of the
    receivers at the common posterior, one labelled segment per equilibrium set), its concave
    envelope (the public optimum at every prior) and the private optimum (LP-Binary) at the
    given priors, all against the belief :math:`q = \\mu(w_1)`; the prior is marked.

    Parameters
    ----------
    game : MultiReceiverGame
        A game with two states.
    path : str, optional
        The file to write (PNG, SVG or PDF by its suffix; none: only the Figure).
    prior : sequence of Fraction
        Marked with a dashed vertical line at ``prior[1]``.
    private : sequence of (Fraction, Fraction)
        ``(q, private optimum at (1 - q, q))`` pairs (:func:`~exactgame.persuasion.signals_report.private_curve`).
    payments : str
        The payment model of the private optimum (for the legend).

    ax : matplotlib Axes, optional
        Draw here instead of in a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (written to ``path`` when one is given).

    >>> from exactgame.persuasion.multireceiver import MultiReceiverGame
    >>> from exactgame.persuasion.signals_report import private_curve
    >>> import tempfile, os
    >>> g = MultiReceiverGame.example()
    >>> out = os.path.join(tempfile.mkdtemp(), "s.png")
    >>> fig = plot_signals(g, out, g.prior, private_curve(g, steps=4))
    >>> os.path.getsize(out) > 0
    True
    """
    from .geometry.envelope import concave_envelope
    from .persuasion.multireceiver import subset_name
    from .persuasion.public import public_value_function

    _require_states(game, 2, "public/private figure")
    V, sets = public_value_function(game)
    E = concave_envelope(V)
    own = ax is None
    fig, ax = _figure(ax, (6.4, 4.2))
    for k, (piece, S) in enumerate(zip(V.pieces, sets)):
        qs = sorted(piece.cell.vertices, key=lambda v: v[1])
        xs = [float(v[1]) for v in qs]  # float-ok: plotting
        ys = [float(piece.at(v)) for v in qs]  # float-ok: plotting
        ax.plot(xs, ys, color="tab:blue", lw=2, marker="." if len(qs) == 1 else None,
                label="V (public, sender-preferred equilibrium)" if k == 0 else None)
        ax.annotate("{" + subset_name(S, game.receivers) + "}", ((xs[0] + xs[-1]) / 2, (ys[0] + ys[-1]) / 2),
                    textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7)
    for k, (cell, h) in enumerate(E.pieces):
        qs = sorted(cell.vertices, key=lambda v: v[1])
        xs = [float(v[1]) for v in qs]  # float-ok: plotting
        ys = [float(sum(a * b for a, b in zip(h, v))) for v in qs]  # float-ok: plotting
        ax.plot(xs, ys, "r:", lw=2, label="cav V (public optimum)" if k == 0 else None)
    ax.plot([float(q) for q, _ in private], [float(v) for _, v in private], "g--o", ms=3, lw=1,  # float-ok: plotting
            label=f"private optimum (LP-Binary, payments {payments})")
    for q, v in private:
        if q == prior[1]:
            ax.plot([float(q)], [float(v)], "g*", ms=12, label=f"private optimum at the prior: {v}")  # float-ok: plotting
            ax.plot([float(q)], [float(concave_envelope_value(E, prior))], "r*", ms=12,  # float-ok: plotting
                    label=f"public optimum at the prior: {concave_envelope_value(E, prior)}")
    ax.axvline(float(prior[1]), color="grey", lw=0.8, ls="--")  # float-ok: plotting
    ax.set_xlabel(f"belief q({game.states[1]})")
    ax.set_ylabel("sender's expected payoff")
    ax.set_title("many receivers: one public signal against private signals")
    return _finish(fig, ax, path, own=own)


def plot_theorem5(panels: Any, path: str | None = None, *, ax: Any = None) -> Any:
    """Figures 2-4 of 001_9d9f8fe1d5e70189.txt from exact segments (:mod:`exactgame.dialogue.figures`).

    Parameters
    ----------
    panels : list of dict
        Per panel ``title``, ``ticks`` [(p, label)] and ``curves`` [{``label``, ``colour``,
        ``segments`` [((x, y), (x, y))], ``points`` [(x, y)]}] with exact coordinates.
    path : str, optional
        The file to write (PNG, SVG or PDF by its suffix; none: only the Figure).

    ax : sequence of matplotlib Axes, optional
        One Axes per panel, instead of a new Figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (written to ``path`` when one is given).

    >>> import tempfile, os
    >>> from exactgame.dialogue.figures import theorem5_figures
    >>> from exactgame.dialogue.model import bilateral_trade
    >>> spec = theorem5_figures(bilateral_trade([0, 1, 2], ["1/3", "1/3", "1/3"], [3, 6], ["1/2", "1/2"]), "x.png")
    >>> out = os.path.join(tempfile.mkdtemp(), "t5.png")
    >>> len(plot_theorem5(spec.args["panels"], out).axes) == len(spec.args["panels"]), os.path.getsize(out) > 0
    (True, True)
    """
    if ax is not None:
        axes = list(ax)
        if len(axes) < len(panels):
            raise InputError(f"plot_theorem5: {len(panels)} panels need {len(panels)} Axes, got {len(axes)}")
        fig = axes[0].figure
    else:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(4.2 * len(panels), 3.6))  # float-ok: figure styling
        axes = fig.subplots(1, len(panels), squeeze=False)[0]
    for ax, pn in zip(axes, panels):
        for k, c in enumerate(pn["curves"]):
            for i, (a, b) in enumerate(c["segments"]):
                xs, ys = _xy([a, b])
                ax.plot(xs, ys, color=c["colour"], lw=1.5, label=c["label"] if i == 0 and k < 6 else None)  # float-ok: plotting
            if c["points"]:
                xs, ys = _xy(c["points"])
                ax.plot(xs, ys, "o", color=c["colour"], ms=3)
        for x, label in pn["ticks"]:
            ax.axvline(float(x), color="gray", lw=0.5, ls=":")  # float-ok: plotting
        ax.set_xticks([float(x) for x, _ in pn["ticks"]] + [0.0, 1.0])  # float-ok: plotting
        ax.set_xticklabels([label.split(" = ")[0] for _, label in pn["ticks"]] + ["0", "1"], fontsize=7)
        ax.set_xlabel("p = P(high buyer value)")
        ax.set_title(pn["title"], fontsize=8)
        ax.legend(fontsize=6)
    fig.tight_layout()
    return _save(fig, path)


def draw(report: Any) -> str | None:
    """Write the figure a result asks for (its :class:`~exactgame.results.FigureSpec`), if any.

    Modules describe figures and this interface layer draws them, so no module imports the
    plotting code.

    Parameters
    ----------
    report : Report
        A result; its ``figure`` attribute (a FigureSpec or None) names the drawing
        function, its keyword arguments and the file.

    Returns
    -------
    str or None
        The path written, or None when the result asks for no figure.

    Raises
    ------
    InternalError
        If the spec names a function this module does not have.

    >>> from exactgame.dialogue import dialogue, spy_game
    >>> draw(dialogue(spy_game(), 1)) is None          # no --plot: nothing drawn
    True
    """
    spec = getattr(report, "figure", None)
    if spec is None:
        return None
    drawers: dict[str, Callable[..., Any]] = {"plot_efficiency": plot_efficiency, "plot_value_and_envelope": plot_value_and_envelope,
               "plot_simplex": plot_simplex, "plot_quasiconcave": plot_quasiconcave, "plot_bargaining": plot_bargaining,
               "plot_dialogue": plot_dialogue, "plot_acquisition": plot_acquisition, "plot_signals": plot_signals,
               "plot_theorem5": plot_theorem5}
    if spec.name not in drawers:
        raise InternalError(f"a result asks for the unknown figure {spec.name!r}")
    drawers[spec.name](path=spec.path, **spec.args)
    return spec.path
